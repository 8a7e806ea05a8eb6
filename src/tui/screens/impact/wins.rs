//! The wins view: every win newest first under ISO-week headings, with the
//! selected win's details beside or under the list. A log can hold 100,000
//! wins, so a row is formatted only when drawn ([`WinRows`]).

use super::forms::{self, Purpose};
use super::shared::Shared;
use crate::domain::Id;
use crate::domain::dates::week_start;
use crate::domain::edit::{self, Kind};
use crate::domain::impact::{Category, Win, week_heading};
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::widgets::table::{Column, Row, Rows, SortKey, Table};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::rc::Rc;

static COLUMNS: &[Column] = &[
    Column::left("Date", Constraint::Length(10)),
    Column::left("Lever", Constraint::Length(10)),
    Column::left("Result", Constraint::Length(16)),
    Column::left("Win", Constraint::Fill(1)),
];

pub struct Wins {
    table: Table,
}

impl Default for Wins {
    fn default() -> Self {
        Self {
            table: Table::new(COLUMNS),
        }
    }
}

impl Wins {
    fn selected_win<'a>(&self, shared: &'a Shared) -> Option<&'a Win> {
        let id = self.table.selected_id()?;
        shared.wins.iter().find(|w| w.id == id)
    }

    fn render_detail(
        &self,
        shared: &Shared,
        frame: &mut Frame,
        area: Rect,
        border: Borders,
        view: &View,
    ) {
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
        let Some(win) = self.selected_win(shared) else {
            return;
        };
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

/// A lever name short enough for a narrow column.
pub fn short_lever(category: Category) -> &'static str {
    match category {
        Category::Revenue => "Revenue",
        Category::CustomerRetention => "Retention",
        Category::CostSavings => "Cost",
        Category::RiskReduction => "Risk",
        Category::Other => "Other",
    }
}

/// The wins as the table's rows: a row is formatted when it is drawn, the
/// search texts on the first filter, a column's sort keys when it is sorted.
struct WinRows {
    /// Newest first.
    wins: Rc<Vec<Win>>,
    search: OnceCell<Vec<String>>,
}

impl Rows for WinRows {
    fn len(&self) -> usize {
        self.wins.len()
    }

    fn id(&self, i: usize) -> Id {
        self.wins[i].id
    }

    fn row(&self, i: usize) -> Cow<'_, Row> {
        let w = &self.wins[i];
        Cow::Owned(Row {
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
            keys: Vec::new(),
            search: String::new(),
            group: None,
            mark: None,
        })
    }

    fn group(&self, i: usize) -> Option<String> {
        Some(week_heading(self.wins[i].date))
    }

    fn same_group(&self, a: usize, b: usize) -> bool {
        week_start(self.wins[a].date) == week_start(self.wins[b].date)
    }

    fn search(&self, i: usize) -> Cow<'_, str> {
        let all = self
            .search
            .get_or_init(|| self.wins.iter().map(Win::search_text).collect());
        Cow::Borrowed(&all[i])
    }

    fn key(&self, i: usize, col: usize) -> SortKey {
        let w = &self.wins[i];
        match col {
            0 => SortKey::Date(w.date),
            1 => SortKey::text(w.category.label()),
            2 => w
                .metric
                .as_ref()
                .map_or(SortKey::Empty, |m| SortKey::Number(m.value)),
            _ => SortKey::text(&w.title),
        }
    }
}

impl Pane<Shared, Purpose> for Wins {
    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::Impact, Scope::List]
    }

    fn table(&self) -> Option<&Table> {
        Some(&self.table)
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        Some(&mut self.table)
    }

    fn refresh(&mut self, shared: &Shared, _wb: &Workbook, _today: NaiveDate, _keys: &Keymap) {
        self.table.set_source(Box::new(WinRows {
            wins: Rc::clone(&shared.wins),
            search: OnceCell::new(),
        }));
    }

    fn on_action(&mut self, action: Action, shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::Add => cx.form(forms::add(cx.today)),
            Action::Edit => {
                if let Some(win) = self.selected_win(shared) {
                    cx.form(forms::edit(win, cx.today));
                }
            }
            Action::Delete => {
                if let Some(win) = self.selected_win(shared) {
                    cx.confirm(
                        "Delete win",
                        format!("Delete “{}”?", win.title),
                        edit::remove_win(cx.wb, win.id),
                        "win deleted",
                    );
                }
            }
            Action::Export => {
                let shown: Vec<Id> = self.table.shown_ids().collect();
                cx.form(forms::export(shown, shared.wins.len(), cx.today));
            }
            _ => return false,
        }
        true
    }

    fn applies(&self, action: Action, _shared: &Shared) -> bool {
        match action {
            Action::Edit | Action::Delete => self.table.selected_id().is_some(),
            Action::Filter | Action::Sort => self.table.counts().1 > 0,
            Action::Export => self.table.counts().0 > 0,
            _ => true,
        }
    }

    fn selected(&self) -> Option<(Kind, Id)> {
        self.table.selected_id().map(|id| (Kind::Win, id))
    }

    fn select(&mut self, kind: Kind, id: Id) -> bool {
        kind == Kind::Win && self.table.select_record(id)
    }

    fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let keys = view.keys;
        let empty = format!(
            "No wins yet. Press {} to log your first: what you did, and the result it had.",
            keys.key_for(Scope::Impact, Action::Add)
        );
        if area.width >= 110 {
            let [list, detail] = Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)])
                .spacing(1)
                .areas(area);
            self.table.render(frame, list, view.theme, keys, &empty);
            self.render_detail(shared, frame, detail, Borders::LEFT, view);
        } else {
            let detail_height = if area.height >= 14 { 6 } else { 0 };
            let [list, detail] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)])
                    .areas(area);
            self.table.render(frame, list, view.theme, keys, &empty);
            if detail_height > 0 {
                self.render_detail(shared, frame, detail, Borders::TOP, view);
            }
        }
    }
}
