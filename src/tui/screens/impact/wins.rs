//! The wins view: every win newest first under ISO-week headings, with the
//! selected win's details beside or under the list. A log can hold 100,000
//! wins, so the table keeps only where each win is and reads a row from the
//! workbook when it is drawn ([`WinRows`]).

use super::forms::{self, Purpose};
use super::shared::Shared;
use crate::domain::Id;
use crate::domain::dates::week_start;
use crate::domain::edit::{self, Kind};
use crate::domain::impact::{Category, Win, newest_first_positions, week_heading};
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
    fn selected_win<'a>(&self, wb: &'a Workbook) -> Option<&'a Win> {
        let id = self.table.selected_id()?;
        wb.impact.wins.iter().find(|w| w.id == id)
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
        let Some(win) = self.selected_win(view.wb) else {
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

/// The wins as the table's rows, newest first. A row keeps where its win is
/// in the workbook and what orders and groups it; its text is read from the
/// workbook when drawn, the search texts on the first filter, a column's sort
/// keys when it is sorted.
struct WinRows {
    placed: Vec<Placed>,
    search: OnceCell<Vec<String>>,
}

/// Where one row's win is, and what orders and groups it.
struct Placed {
    /// Its position in the workbook's wins.
    at: usize,
    id: Id,
    date: NaiveDate,
    /// The Monday of its week: the rows of a week share a heading.
    week: NaiveDate,
}

impl WinRows {
    fn new(wins: &[Win]) -> Self {
        let placed = newest_first_positions(wins)
            .into_iter()
            .map(|at| Placed {
                at,
                id: wins[at].id,
                date: wins[at].date,
                week: week_start(wins[at].date),
            })
            .collect();
        Self {
            placed,
            search: OnceCell::new(),
        }
    }

    /// Row `i`'s win. The screen is rebuilt whenever the workbook changes, so
    /// `wb` is the one the rows were built from; a row that does not find its
    /// win there anyway shows nothing rather than another win.
    fn win<'a>(&self, wb: &'a Workbook, i: usize) -> Option<&'a Win> {
        let place = &self.placed[i];
        wb.impact.wins.get(place.at).filter(|w| w.id == place.id)
    }
}

impl Rows for WinRows {
    fn len(&self) -> usize {
        self.placed.len()
    }

    fn id(&self, i: usize) -> Id {
        self.placed[i].id
    }

    fn row<'a>(&'a self, wb: &'a Workbook, i: usize) -> Cow<'a, Row> {
        let cells = self.win(wb, i).map(|w| {
            vec![
                w.date.to_string(),
                short_lever(w.category).to_string(),
                w.metric
                    .as_ref()
                    .map(|m| m.text.clone())
                    .unwrap_or_default(),
                w.title.clone(),
            ]
        });
        Cow::Owned(Row {
            id: self.placed[i].id,
            cells: cells.unwrap_or_default(),
            keys: Vec::new(),
            search: String::new(),
            group: None,
            mark: None,
        })
    }

    fn group(&self, i: usize) -> Option<String> {
        Some(week_heading(self.placed[i].date))
    }

    fn has_group(&self, _i: usize) -> bool {
        true
    }

    fn same_group(&self, a: usize, b: usize) -> bool {
        self.placed[a].week == self.placed[b].week
    }

    fn search<'a>(&'a self, wb: &'a Workbook, i: usize) -> Cow<'a, str> {
        let all = self.search.get_or_init(|| {
            (0..self.len())
                .map(|i| self.win(wb, i).map(Win::search_text).unwrap_or_default())
                .collect()
        });
        Cow::Borrowed(&all[i])
    }

    fn key(&self, wb: &Workbook, i: usize, col: usize) -> SortKey {
        let Some(w) = self.win(wb, i) else {
            return SortKey::Empty;
        };
        match col {
            0 => SortKey::Date(w.date),
            1 => SortKey::text(short_lever(w.category)),
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

    fn refresh(&mut self, _shared: &Shared, wb: &Workbook, _today: NaiveDate, _keys: &Keymap) {
        self.table
            .set_source(wb, Box::new(WinRows::new(&wb.impact.wins)));
    }

    fn on_action(&mut self, action: Action, _shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::Add => cx.form(forms::add(cx.today)),
            Action::Edit => {
                if let Some(win) = self.selected_win(cx.wb) {
                    cx.form(forms::edit(win, cx.today));
                }
            }
            Action::Delete => {
                if let Some(win) = self.selected_win(cx.wb) {
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
                cx.form(forms::export(shown, cx.wb.impact.wins.len(), cx.today));
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

    fn render(&self, _shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let keys = view.keys;
        let empty = format!(
            "No wins yet. Press {} to log your first: what you did, and the result it had.",
            keys.key_for(Scope::Impact, Action::Add)
        );
        if area.width >= 110 {
            let [list, detail] = Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)])
                .spacing(1)
                .areas(area);
            self.table
                .render(frame, list, view.wb, view.theme, keys, &empty);
            self.render_detail(frame, detail, Borders::LEFT, view);
        } else {
            let detail_height = if area.height >= 14 { 6 } else { 0 };
            let [list, detail] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)])
                    .areas(area);
            self.table
                .render(frame, list, view.wb, view.theme, keys, &empty);
            if detail_height > 0 {
                self.render_detail(frame, detail, Borders::TOP, view);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn win(id: Id, day: u32, title: &str) -> Win {
        Win {
            id,
            date: NaiveDate::from_ymd_opt(2026, 11, day).expect("test date"),
            title: title.into(),
            category: Category::CostSavings,
            metric: None,
            notes: None,
            tags: vec![],
            link: None,
        }
    }

    fn workbook(wins: Vec<Win>) -> Workbook {
        let mut wb = Workbook::default();
        wb.impact.wins = wins;
        wb
    }

    #[test]
    fn rows_read_each_win_from_the_workbook_newest_first_by_week() {
        // Nov 16 and 20 are in the week of Monday Nov 16; Nov 23 starts the next.
        let wb = workbook(vec![win(1, 20, "b"), win(2, 16, "a"), win(3, 23, "c")]);
        let rows = WinRows::new(&wb.impact.wins);
        let titles: Vec<String> = (0..rows.len())
            .map(|i| rows.row(&wb, i).cells[3].clone())
            .collect();
        assert_eq!(titles, ["c", "b", "a"]);
        assert_eq!((0..3).map(|i| rows.id(i)).collect::<Vec<_>>(), [3, 1, 2]);
        assert!(rows.same_group(1, 2));
        assert!(!rows.same_group(0, 1));
        assert_eq!(rows.group(1).as_deref(), Some("Week 47 · Nov 16–22, 2026"));
        assert!(rows.search(&wb, 2).contains('a'));
    }

    #[test]
    fn a_row_never_shows_another_win_from_a_workbook_it_was_not_built_from() {
        let built = workbook(vec![win(1, 20, "kept"), win(2, 21, "deleted")]);
        let rows = WinRows::new(&built.impact.wins);
        // Win 2 was deleted and another logged in its place.
        let now = workbook(vec![win(1, 20, "kept"), win(3, 22, "new")]);
        assert!(rows.row(&now, 0).cells.is_empty());
        assert_eq!(rows.key(&now, 0, 3), SortKey::Empty);
        assert_eq!(rows.row(&now, 1).cells[3], "kept");
    }
}
