//! The Impact tab: wins newest first under ISO-week headings, the weekly
//! cadence, how measurable the log is, and a brag-document export.

use super::win_form::{win_form, win_from};
use super::{Cx, Effect, Form, Refused, Screen, View};
use crate::domain::Id;
use crate::domain::edit::{self, Edit, Kind};
use crate::domain::impact::{
    Category, Summary, Win, logged_this_week, newest_first, streak, week_heading, weekly_counts,
};
use crate::domain::money::format_share;
use crate::domain::workbook::Workbook;
use crate::export::brag;
use crate::text::fit;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::form::Key;
use crate::tui::widgets::table::{Column, Row, SortKey, Table};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline, Wrap};
use std::collections::HashSet;
use std::path::PathBuf;

/// Weeks shown in the cadence strip.
const CADENCE_WEEKS: usize = 26;

static COLUMNS: &[Column] = &[
    Column::left("Date", Constraint::Length(10)),
    Column::left("Lever", Constraint::Length(10)),
    Column::left("Result", Constraint::Length(16)),
    Column::left("Win", Constraint::Fill(1)),
];

/// What a form opened by this screen is for.
pub enum Purpose {
    Add,
    /// Editing this win, as it was when the form opened.
    Edit(Win),
    Export,
}

const PATH: Key<String> = Key::new("path");
const REPLACE: Key<bool> = Key::new("replace");

pub struct ImpactScreen {
    table: Table,
    wins: Vec<Win>,
    counts: Vec<u64>,
    streak: usize,
    this_week: bool,
    summary: Summary,
    today: NaiveDate,
}

impl ImpactScreen {
    pub fn new() -> Self {
        Self {
            table: Table::new(COLUMNS),
            wins: Vec::new(),
            counts: Vec::new(),
            streak: 0,
            this_week: false,
            summary: Summary::of(&[]),
            today: NaiveDate::MIN,
        }
    }

    fn selected(&self) -> Option<&Win> {
        let id = self.table.selected_id()?;
        self.wins.iter().find(|w| w.id == id)
    }

    fn export_form(&self) -> Form {
        let (shown, total) = self.table.counts();
        let what = if shown == total {
            format!("all {total} wins")
        } else {
            format!("the {shown} wins shown")
        };
        Form::new(
            format!("Export {what} as a brag document"),
            self.today,
            Purpose::Export,
        )
        .text(PATH, "File", &format!("brag-{}.md", self.today))
        .hint("Markdown; a relative name is saved in the directory careerbook was started from")
        .yes_no(REPLACE, "Replace the file if it exists", false)
    }

    fn export(&self, form: &Form, cx: &mut Cx) -> Result<(), Refused> {
        let shown: HashSet<Id> = self.table.shown_ids().collect();
        let wins: Vec<&Win> = self.wins.iter().filter(|w| shown.contains(&w.id)).collect();
        let text = brag::markdown(&wins, "Impact");
        cx.effects.push(Effect::WriteFile {
            path: PathBuf::from(form.get(PATH)?),
            bytes: text.into_bytes(),
            replace: form.get(REPLACE)?,
            done: format!("exported {} wins to", wins.len()),
            field: PATH.name,
        });
        Ok(())
    }

    fn rows(&self) -> Vec<Row> {
        self.wins
            .iter()
            .map(|w| Row {
                id: w.id,
                cells: vec![
                    w.date.to_string(),
                    short_lever(w.category).to_string(),
                    w.metric
                        .as_ref()
                        .map(|m| m.text.clone())
                        .unwrap_or_default(),
                    w.title.clone(),
                ],
                keys: vec![
                    SortKey::Date(w.date),
                    SortKey::text(w.category.label()),
                    w.metric
                        .as_ref()
                        .map_or(SortKey::Empty, |m| SortKey::Number(m.value)),
                    SortKey::text(&w.title),
                ],
                search: w.search_text(),
                group: Some(week_heading(w.date)),
                mark: None,
            })
            .collect()
    }

    fn render_summary(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let weeks = if self.streak == 1 { "week" } else { "weeks" };
        let mut first = vec![Span::styled(
            format!("Streak {} {weeks}", self.streak),
            theme.title(),
        )];
        if self.this_week {
            first.push(Span::raw(" · ✓ logged this week"));
        } else {
            first.push(Span::styled(
                " · ! no win logged this week yet",
                theme.warn(),
            ));
        }
        let missing = self.summary.missing_levers();
        if self.summary.total > 0 {
            first.push(match missing.len() {
                0 => Span::raw(" · ✓ all four levers"),
                1 => Span::styled(
                    format!(" · ! no {} win yet", missing[0].label().to_lowercase()),
                    theme.warn(),
                ),
                n => Span::styled(format!(" · ! {n} levers without a win"), theme.warn()),
            });
        }
        let measured = match self.summary.measured_share() {
            Some(share) => format!("{} of wins measured · ", format_share(share)),
            None => String::new(),
        };
        let levers = Category::ALL
            .iter()
            .map(|c| format!("{} {}", short_lever(*c), self.summary.count(*c)))
            .collect::<Vec<_>>()
            .join(" · ");
        let lines = vec![
            Line::from(first),
            Line::raw(fit(&format!("{measured}{levers}"), area.width as usize)),
        ];
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn render_cadence(&self, frame: &mut Frame, area: Rect, view: &View) {
        let label = format!("{CADENCE_WEEKS} wk ");
        let [text, spark] =
            Layout::horizontal([Constraint::Length(label.len() as u16), Constraint::Fill(1)])
                .areas(area);
        frame.render_widget(Paragraph::new(Span::styled(label, view.theme.dim())), text);
        let width = spark.width as usize;
        let start = self.counts.len().saturating_sub(width);
        // One win a week is a third of the height, so a steady habit reads as
        // steady rather than as a row of full blocks.
        let max = self.counts.iter().copied().max().unwrap_or(0).max(3);
        let bars = Sparkline::default()
            .data(&self.counts[start..])
            .max(max)
            .style(view.theme.good());
        frame.render_widget(bars, spark);
    }

    fn render_detail(&self, frame: &mut Frame, area: Rect, border: Borders, view: &View) {
        let block = Block::new()
            .borders(border)
            .border_style(view.theme.border());
        let block = if border == Borders::LEFT {
            block.padding(ratatui::widgets::Padding::left(1))
        } else {
            block
        };
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(win) = self.selected() else { return };
        let mut lines = vec![Line::styled(win.title.clone(), view.theme.title())];
        let mut facts = vec![
            win.date.format("%a %-d %b %Y").to_string(),
            win.category.label().to_string(),
        ];
        if let Some(metric) = &win.metric {
            facts.push(format!("result {}", metric.text));
        }
        if !win.tags.is_empty() {
            facts.push(
                win.tags
                    .iter()
                    .map(|t| format!("#{t}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        lines.push(Line::raw(facts.join(" · ")));
        if let Some(link) = &win.link {
            lines.push(Line::raw(format!("↗ {link}")));
        }
        if let Some(notes) = &win.notes {
            lines.extend(
                notes
                    .lines()
                    .map(|l| Line::styled(l.to_string(), view.theme.dim())),
            );
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    }
}

impl Default for ImpactScreen {
    fn default() -> Self {
        Self::new()
    }
}

/// A lever name short enough for a narrow column.
fn short_lever(category: Category) -> &'static str {
    match category {
        Category::Revenue => "Revenue",
        Category::CustomerRetention => "Retention",
        Category::CostSavings => "Cost",
        Category::RiskReduction => "Risk",
        Category::Other => "Other",
    }
}

impl Screen for ImpactScreen {
    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::Impact, Scope::List]
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        Some(&mut self.table)
    }

    fn table(&self) -> Option<&Table> {
        Some(&self.table)
    }

    fn refresh(&mut self, wb: &Workbook, today: NaiveDate) {
        self.today = today;
        let wins = &wb.impact.wins;
        self.counts = weekly_counts(wins, today, CADENCE_WEEKS)
            .into_iter()
            .map(|(_, n)| n as u64)
            .collect();
        self.streak = streak(wins, today);
        self.this_week = logged_this_week(wins, today);
        self.summary = Summary::of(wins);
        self.wins = wins.clone();
        self.wins.sort_by(newest_first);
        let rows = self.rows();
        self.table.set_rows(rows);
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> bool {
        match action {
            Action::Add => cx.form(win_form("Log a win", self.today, None, Purpose::Add)),
            Action::Edit => {
                if let Some(win) = self.selected() {
                    let purpose = Purpose::Edit(win.clone());
                    cx.form(win_form("Edit win", self.today, Some(win), purpose));
                }
            }
            Action::Delete => {
                if let Some(win) = self.selected() {
                    cx.confirm(
                        "Delete win",
                        format!("Delete “{}”?", win.title),
                        edit::remove_win(cx.wb, win.id),
                        "win deleted",
                    );
                }
            }
            Action::Export => cx.form(self.export_form()),
            _ => return false,
        }
        true
    }

    fn on_submit(&mut self, form: &Form, cx: &mut Cx) -> Result<(), Refused> {
        let super::Purpose::Impact(purpose) = form.purpose() else {
            return Ok(());
        };
        match purpose {
            Purpose::Add => {
                let win = win_from(form, None, self.today)?;
                cx.edit(Edit::Add(win.into()), "win logged");
            }
            Purpose::Edit(original) => {
                let win = win_from(form, Some(original), self.today)?;
                cx.save(Some(original.clone().into()), win.into(), "win updated");
            }
            Purpose::Export => self.export(form, cx)?,
        }
        Ok(())
    }

    fn select(&mut self, kind: Kind, id: Id) {
        if kind == Kind::Win {
            self.table.select_id(id);
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let [summary, cadence, _, body] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        self.render_summary(frame, summary, view);
        self.render_cadence(frame, cadence, view);
        let empty = "No wins yet. Press a to log your first: what you did, and the result it had.";
        if area.width >= 110 {
            let [list, detail] = Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)])
                .spacing(1)
                .areas(body);
            self.table.render(frame, list, view.theme, empty);
            self.render_detail(frame, detail, Borders::LEFT, view);
        } else {
            let detail_height = if body.height >= 14 { 6 } else { 0 };
            let [list, detail] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)])
                    .areas(body);
            self.table.render(frame, list, view.theme, empty);
            if detail_height > 0 {
                self.render_detail(frame, detail, Borders::TOP, view);
            }
        }
    }
}
