//! The reusable table: sortable columns, filter as you type, selection kept by
//! id across edits, optional group headings, and drawing of visible rows only.
//!
//! Screens hand it rows already formatted, or (for a long list, every win) a
//! [`Rows`] source that reads a row from the workbook only when it is drawn,
//! and its search text and sort keys only when a filter or a sort asks; it
//! keeps the filtered and sorted view and recomputes it only when rows,
//! filter or sort change, never per frame. The workbook is passed in by
//! whatever draws the table or changes its filter or sort: the one the
//! screen was last built from.

use crate::domain::Id;
use crate::domain::workbook::Workbook;
use crate::text::{fit, pad_left};
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::cell::Cell;

/// One column: its heading, width and alignment.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub title: &'static str,
    pub width: Constraint,
    pub right: bool,
}

impl Column {
    pub const fn left(title: &'static str, width: Constraint) -> Self {
        Self {
            title,
            width,
            right: false,
        }
    }

    pub const fn right(title: &'static str, width: Constraint) -> Self {
        Self {
            title,
            width,
            right: true,
        }
    }
}

/// What a cell sorts by, so money sorts as money and dates as dates.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Empty,
    Number(Decimal),
    Date(NaiveDate),
    Text(String),
}

/// One data row as the screen formats it.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: Id,
    pub cells: Vec<String>,
    pub keys: Vec<SortKey>,
    /// Lower-case text the filter searches.
    pub search: String,
    /// Rows with the same group are shown under one heading (in the natural order).
    pub group: Option<String>,
    /// A short marker shown before the first cell (e.g. `!` for overdue).
    pub mark: Option<&'static str>,
}

/// Where a table's rows come from: a `Vec<Row>`, or a source that keeps
/// only each row's id and order and reads the rest from the workbook (`wb`,
/// the one it was built from) when asked.
pub trait Rows {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn id(&self, i: usize) -> Id;
    /// Row `i` as drawn.
    fn row<'a>(&'a self, wb: &'a Workbook, i: usize) -> Cow<'a, Row>;
    /// The heading row `i` is shown under (in the natural order), if any.
    fn group(&self, i: usize) -> Option<String>;
    /// Whether row `i` has a heading, without wording it.
    fn has_group(&self, i: usize) -> bool {
        self.group(i).is_some()
    }
    /// Whether rows `a` and `b` share a heading.
    fn same_group(&self, a: usize, b: usize) -> bool;
    /// The lower-case text the filter searches.
    fn search<'a>(&'a self, wb: &'a Workbook, i: usize) -> Cow<'a, str>;
    /// What row `i` sorts by in column `col`.
    fn key(&self, wb: &Workbook, i: usize, col: usize) -> SortKey;
}

impl Rows for Vec<Row> {
    fn len(&self) -> usize {
        self.as_slice().len()
    }

    fn id(&self, i: usize) -> Id {
        self[i].id
    }

    fn row<'a>(&'a self, _wb: &'a Workbook, i: usize) -> Cow<'a, Row> {
        Cow::Borrowed(&self[i])
    }

    fn group(&self, i: usize) -> Option<String> {
        self[i].group.clone()
    }

    fn has_group(&self, i: usize) -> bool {
        self[i].group.is_some()
    }

    fn same_group(&self, a: usize, b: usize) -> bool {
        self[a].group == self[b].group
    }

    fn search<'a>(&'a self, _wb: &'a Workbook, i: usize) -> Cow<'a, str> {
        Cow::Borrowed(&self[i].search)
    }

    fn key(&self, _wb: &Workbook, i: usize, col: usize) -> SortKey {
        self[i].keys.get(col).cloned().unwrap_or(SortKey::Empty)
    }
}

/// One displayed line: the group heading of a row or a data row (by index
/// into `rows`). A heading is worded when drawn, as a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    Heading(usize),
    Row(usize),
}

pub struct Table {
    columns: &'static [Column],
    rows: Box<dyn Rows>,
    lines: Vec<Shown>,
    /// Index into `lines` of the selected row, when there is one.
    cursor: Option<usize>,
    filter: String,
    filtering: bool,
    sort: Option<(usize, bool)>,
    /// First line drawn; a `Cell` because drawing decides it from the height.
    offset: Cell<usize>,
    height: Cell<usize>,
}

impl Table {
    pub fn new(columns: &'static [Column]) -> Self {
        Self {
            columns,
            rows: Box::new(Vec::new()),
            lines: Vec::new(),
            cursor: None,
            filter: String::new(),
            filtering: false,
            sort: None,
            offset: Cell::new(0),
            height: Cell::new(10),
        }
    }

    /// Replaces the rows, keeping the selected id when it still exists (else
    /// the row now at the same position).
    pub fn set_rows(&mut self, rows: Vec<Row>) {
        // Rows formatted already read nothing from a workbook: any will do.
        self.set_source(&Workbook::default(), Box::new(rows));
    }

    /// Like [`Table::set_rows`], from a source that reads rows from `wb` when
    /// asked.
    pub fn set_source(&mut self, wb: &Workbook, rows: Box<dyn Rows>) {
        let keep = self.selected_id();
        let position = self.cursor;
        self.rows = rows;
        self.rebuild(wb, keep, position);
    }

    pub fn selected_id(&self) -> Option<Id> {
        match self.lines.get(self.cursor?) {
            Some(Shown::Row(i)) => Some(self.rows.id(*i)),
            _ => None,
        }
    }

    pub fn select_id(&mut self, id: Id) {
        if let Some(at) = self
            .lines
            .iter()
            .position(|l| matches!(l, Shown::Row(i) if self.rows.id(*i) == id))
        {
            self.cursor = Some(at);
        }
    }

    /// Selects record `id`; `false` when the table does not show it.
    pub fn select_record(&mut self, id: Id) -> bool {
        self.select_id(id);
        self.selected_id() == Some(id)
    }

    /// Whether a key that acts on the list does something now: edit and
    /// delete need a row selected, filter and sort need rows.
    pub fn applies(&self, action: Action) -> bool {
        match action {
            Action::Edit | Action::Delete => self.selected_id().is_some(),
            Action::Filter | Action::Sort => !self.rows.is_empty(),
            _ => true,
        }
    }

    /// Number of rows shown after filtering, and in total.
    pub fn counts(&self) -> (usize, usize) {
        let shown = self
            .lines
            .iter()
            .filter(|l| matches!(l, Shown::Row(_)))
            .count();
        (shown, self.rows.len())
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn is_filtering(&self) -> bool {
        self.filtering
    }

    pub fn start_filter(&mut self) {
        self.filtering = true;
    }

    /// Keeps the filter and leaves typing mode.
    pub fn accept_filter(&mut self) {
        self.filtering = false;
    }

    /// Clears the filter and leaves typing mode.
    pub fn clear_filter(&mut self, wb: &Workbook) {
        self.filtering = false;
        self.set_filter(wb, String::new());
    }

    pub fn set_filter(&mut self, wb: &Workbook, filter: String) {
        let keep = self.selected_id();
        self.filter = filter;
        self.rebuild(wb, keep, None);
    }

    /// Ids of the rows shown, in display order.
    pub fn shown_ids(&self) -> impl Iterator<Item = Id> + '_ {
        self.lines.iter().filter_map(|l| match l {
            Shown::Row(i) => Some(self.rows.id(*i)),
            Shown::Heading(_) => None,
        })
    }

    /// Handles a list action; `false` when it is not one.
    pub fn on_action(&mut self, wb: &Workbook, action: Action) -> bool {
        let page = self.height.get().saturating_sub(2).max(1) as isize;
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-page),
            Action::PageDown => self.step(page),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Sort => self.cycle_sort(wb),
            Action::Filter => self.start_filter(),
            Action::FilterClear if !self.filter.is_empty() => self.clear_filter(wb),
            _ => return false,
        }
        true
    }

    /// Moves the selection by `delta` rows, skipping headings.
    fn step(&mut self, delta: isize) {
        let rows: Vec<usize> = (0..self.lines.len())
            .filter(|&i| matches!(self.lines[i], Shown::Row(_)))
            .collect();
        if rows.is_empty() {
            self.cursor = None;
            return;
        }
        let current = self
            .cursor
            .and_then(|c| rows.iter().position(|&r| r == c))
            .unwrap_or(0) as isize;
        let target = current
            .saturating_add(delta)
            .clamp(0, rows.len() as isize - 1) as usize;
        self.cursor = Some(rows[target]);
    }

    /// Natural order → first column ascending → descending → next column … → natural.
    fn cycle_sort(&mut self, wb: &Workbook) {
        self.sort = match self.sort {
            None => Some((0, false)),
            Some((col, false)) => Some((col, true)),
            Some((col, true)) if col + 1 < self.columns.len() => Some((col + 1, false)),
            Some(_) => None,
        };
        let keep = self.selected_id();
        self.rebuild(wb, keep, None);
    }

    /// Selects the first row.
    pub fn select_first(&mut self) {
        self.step(isize::MIN / 2);
    }

    fn rebuild(&mut self, wb: &Workbook, keep: Option<Id>, position: Option<usize>) {
        let terms: Vec<String> = self
            .filter
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let rows = self.rows.as_ref();
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&i| {
                terms.is_empty() || {
                    let search = rows.search(wb, i);
                    terms.iter().all(|t| search.contains(t.as_str()))
                }
            })
            .collect();
        if let Some((col, descending)) = self.sort {
            let keys: Vec<SortKey> = (0..rows.len()).map(|i| rows.key(wb, i, col)).collect();
            shown.sort_by(|&a, &b| {
                let order = keys[a].cmp(&keys[b]);
                if descending { order.reverse() } else { order }
            });
        }
        let mut lines = Vec::with_capacity(shown.len() + 8);
        // The row whose heading was shown last: a row of another group starts a new one.
        let mut headed: Option<usize> = None;
        for i in shown {
            if self.sort.is_none()
                && !headed.is_some_and(|h| rows.same_group(h, i))
                && rows.has_group(i)
            {
                lines.push(Shown::Heading(i));
                headed = Some(i);
            }
            lines.push(Shown::Row(i));
        }
        self.lines = lines;
        self.cursor = keep.and_then(|id| {
            self.lines
                .iter()
                .position(|l| matches!(l, Shown::Row(i) if self.rows.id(*i) == id))
        });
        if self.cursor.is_none() {
            self.cursor = Some(
                position
                    .unwrap_or(0)
                    .min(self.lines.len().saturating_sub(1)),
            );
            self.step(0);
        }
    }

    /// Draws the table in `area`, its rows read from `wb`; `empty` is shown
    /// when there are no rows at all.
    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        wb: &Workbook,
        theme: &Theme,
        keys: &Keymap,
        empty: &str,
    ) {
        if area.height < 2 || area.width < 4 {
            return;
        }
        let show_filter = self.filtering || !self.filter.is_empty();
        let body_height = area.height as usize - 1 - usize::from(show_filter);
        self.height.set(body_height);
        let cols = Layout::horizontal(self.columns.iter().map(|c| c.width))
            .spacing(1)
            .split(Rect {
                x: area.x + 2,
                width: area.width.saturating_sub(2),
                ..area
            });
        self.render_header(frame, area, &cols, theme);
        if self.lines.is_empty() {
            let text = if self.rows.is_empty() {
                empty.to_string()
            } else {
                format!(
                    "No rows match “{}”. {} and {} clear the filter.",
                    self.filter,
                    keys.key_for(Scope::List, Action::Filter),
                    keys.key_for(Scope::Filter, Action::FilterClear)
                )
            };
            let y = area.y + 1;
            if body_height > 0 {
                frame.buffer_mut().set_stringn(
                    area.x + 2,
                    y,
                    text,
                    area.width as usize - 2,
                    theme.dim(),
                );
            }
        }
        let offset = self.visible_offset(body_height);
        for (row_y, line) in self.lines.iter().skip(offset).take(body_height).enumerate() {
            let y = area.y + 1 + row_y as u16;
            let selected = self.cursor == Some(offset + row_y);
            self.render_line(frame, area, &cols, y, wb, line, selected, theme);
        }
        if show_filter {
            self.render_filter(frame, area, theme, keys);
        }
    }

    /// Scrolls just enough to keep the selection in view.
    fn visible_offset(&self, height: usize) -> usize {
        let mut offset = self
            .offset
            .get()
            .min(self.lines.len().saturating_sub(height));
        if let Some(cursor) = self.cursor {
            if cursor < offset {
                offset = cursor;
                // Keep a group heading above its first row visible.
                if offset > 0 && matches!(self.lines[offset - 1], Shown::Heading(_)) {
                    offset -= 1;
                }
            } else if height > 0 && cursor >= offset + height {
                offset = cursor + 1 - height;
            }
        }
        self.offset.set(offset);
        offset
    }

    fn render_header(&self, frame: &mut Frame, area: Rect, cols: &[Rect], theme: &Theme) {
        let buf = frame.buffer_mut();
        for (i, (column, rect)) in self.columns.iter().zip(cols).enumerate() {
            let arrow = match self.sort {
                Some((c, false)) if c == i => " ▲",
                Some((c, true)) if c == i => " ▼",
                _ => "",
            };
            let title = format!("{}{arrow}", column.title);
            let text = if column.right {
                pad_left(&title, rect.width as usize)
            } else {
                title
            };
            buf.set_stringn(
                rect.x,
                area.y,
                fit(&text, rect.width as usize),
                rect.width as usize,
                theme.title(),
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn render_line(
        &self,
        frame: &mut Frame,
        area: Rect,
        cols: &[Rect],
        y: u16,
        wb: &Workbook,
        line: &Shown,
        selected: bool,
        theme: &Theme,
    ) {
        let buf = frame.buffer_mut();
        match *line {
            Shown::Heading(i) => {
                let text = self.rows.group(i).unwrap_or_default();
                buf.set_stringn(
                    area.x,
                    y,
                    fit(&text, area.width as usize),
                    area.width as usize,
                    theme.heading(),
                );
            }
            Shown::Row(i) => {
                let row = self.rows.row(wb, i);
                let style = if selected {
                    theme.selected()
                } else {
                    theme.text()
                };
                if selected {
                    buf.set_stringn(
                        area.x,
                        y,
                        " ".repeat(area.width as usize),
                        area.width as usize,
                        style,
                    );
                }
                let mark = if selected {
                    "▶"
                } else {
                    row.mark.unwrap_or(" ")
                };
                buf.set_stringn(area.x, y, mark, 1, style);
                for ((column, rect), cell) in self.columns.iter().zip(cols).zip(&row.cells) {
                    let width = rect.width as usize;
                    let text = fit(cell, width);
                    let text = if column.right {
                        pad_left(&text, width)
                    } else {
                        text
                    };
                    buf.set_stringn(rect.x, y, text, width, style);
                }
            }
        }
    }

    fn render_filter(&self, frame: &mut Frame, area: Rect, theme: &Theme, keys: &Keymap) {
        let (shown, total) = self.counts();
        let cursor = if self.filtering { "▏" } else { "" };
        // A kept filter says how it goes: the footer may have no room for it.
        let clear = match self.filtering {
            true => String::new(),
            false => format!(
                " · {} clears",
                keys.key_for(Scope::List, Action::FilterClear)
            ),
        };
        let line = Line::from(vec![
            Span::styled("/", theme.key()),
            Span::raw(format!("{}{cursor}", self.filter)),
            Span::styled(format!("  {shown} of {total}{clear}"), theme.dim()),
        ]);
        frame
            .buffer_mut()
            .set_line(area.x, area.y + area.height - 1, &line, area.width);
    }
}

/// Sorting helpers for screens building rows.
impl SortKey {
    pub fn text(s: &str) -> Self {
        SortKey::Text(s.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static COLUMNS: &[Column] = &[
        Column::left("Name", Constraint::Fill(1)),
        Column::right("N", Constraint::Length(4)),
    ];

    fn row(id: Id, name: &str, n: i64, group: &str) -> Row {
        Row {
            id,
            cells: vec![name.into(), n.to_string()],
            keys: vec![SortKey::text(name), SortKey::Number(Decimal::from(n))],
            search: name.to_lowercase(),
            group: Some(group.into()),
            mark: None,
        }
    }

    fn table() -> Table {
        let mut t = Table::new(COLUMNS);
        t.set_rows(vec![
            row(1, "alpha", 10, "G1"),
            row(2, "beta", 2, "G1"),
            row(3, "gamma", 33, "G2"),
        ]);
        t
    }

    #[test]
    fn selection_skips_headings_and_survives_new_rows() {
        let mut t = table();
        let wb = Workbook::default();
        assert_eq!(t.selected_id(), Some(1));
        t.on_action(&wb, Action::Down);
        t.on_action(&wb, Action::Down);
        assert_eq!(t.selected_id(), Some(3), "the G2 heading is skipped");
        // A new row appears at the top: the selection stays on id 3.
        t.set_rows(vec![
            row(4, "delta", 1, "G0"),
            row(1, "alpha", 10, "G1"),
            row(2, "beta", 2, "G1"),
            row(3, "gamma", 33, "G2"),
        ]);
        assert_eq!(t.selected_id(), Some(3));
    }

    #[test]
    fn deleting_the_selected_row_selects_its_neighbour() {
        let mut t = table();
        t.select_id(2);
        t.set_rows(vec![row(1, "alpha", 10, "G1"), row(3, "gamma", 33, "G2")]);
        assert!(t.selected_id().is_some());
    }

    #[test]
    fn filter_matches_every_term_and_keeps_selection() {
        let mut t = table();
        let wb = Workbook::default();
        t.select_id(3);
        t.set_filter(&wb, "GAM".into());
        assert_eq!(t.shown_ids().collect::<Vec<_>>(), vec![3]);
        assert_eq!(t.selected_id(), Some(3));
        t.set_filter(&wb, "a z".into());
        assert_eq!(t.counts(), (0, 3));
        assert_eq!(t.selected_id(), None);
        t.clear_filter(&wb);
        assert_eq!(t.counts(), (3, 3));
    }

    #[test]
    fn sort_cycles_columns_and_directions_by_typed_keys() {
        let mut t = table();
        let wb = Workbook::default();
        t.on_action(&wb, Action::Sort); // name ascending
        assert_eq!(t.shown_ids().collect::<Vec<_>>(), vec![1, 2, 3]);
        t.on_action(&wb, Action::Sort); // name descending
        assert_eq!(t.shown_ids().collect::<Vec<_>>(), vec![3, 2, 1]);
        t.on_action(&wb, Action::Sort); // number ascending: 2 < 10 < 33 (numeric, not "10" < "2")
        assert_eq!(t.shown_ids().collect::<Vec<_>>(), vec![2, 1, 3]);
        t.on_action(&wb, Action::Sort);
        t.on_action(&wb, Action::Sort); // back to natural order
        assert_eq!(t.shown_ids().collect::<Vec<_>>(), vec![1, 2, 3]);
    }

    #[test]
    fn paging_and_ends_stay_in_bounds() {
        let mut t = table();
        let wb = Workbook::default();
        t.on_action(&wb, Action::Bottom);
        assert_eq!(t.selected_id(), Some(3));
        t.on_action(&wb, Action::PageDown);
        assert_eq!(t.selected_id(), Some(3));
        t.on_action(&wb, Action::Top);
        assert_eq!(t.selected_id(), Some(1));
        t.on_action(&wb, Action::PageUp);
        assert_eq!(t.selected_id(), Some(1));
    }
}
