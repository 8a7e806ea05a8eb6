//! The offers view: Stay and each offer side by side over years 1–4 from each
//! start — cash, equity and total, the four-year total and the difference
//! from Stay — and the start-date what-if of the offer selected. Every figure
//! comes from `domain::offers` with its working, which `x` shows.
//!
//! Stay is always the first column; offers that do not fit the width scroll
//! in sideways as the selection moves, and the header says how many are out
//! of sight. A start moved here is a what-if: the comparison and the what-if
//! use it until it is reset or saved.

use super::forms::{self, Purpose};
use super::shared::Shared;
use crate::domain::Id;
use crate::domain::dates::{self, format_long};
use crate::domain::edit::{Edit, Kind};
use crate::domain::offers::{self, Column, Comparison, Figure, StartWhatIf, YEARS};
use crate::domain::vesting::{self, Step};
use crate::domain::workbook::Workbook;
use crate::domain::{Invalid, offers::Offer};
use crate::text::{fit, wrap};
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::cursor::Cursor;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::cell::Cell;
use unicode_width::UnicodeWidthStr;

/// The table's rows: the start, the current job, three per year, the
/// four-year total, the total, vs Stay.
const ROWS: usize = 2 + 3 * YEARS as usize + 3;
/// The label column.
const LABEL: usize = 13;
/// Widest a column's name makes it; longer names are cut.
const NAME: usize = 18;
/// The what-if's rows: one per change, then the net.
const CHANGES: usize = 7;

/// A row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    Start,
    /// What the current job still pays from today.
    Current,
    /// A year (0-based) and its figure (cash, equity, total).
    Year(usize, usize),
    FourYears,
    Total,
    VsStay,
}

impl Row {
    fn at(index: usize) -> Row {
        match index {
            0 => Row::Start,
            1 => Row::Current,
            n if n <= 1 + 3 * YEARS as usize => Row::Year((n - 2) / 3, (n - 2) % 3),
            n if n == ROWS - 3 => Row::FourYears,
            n if n == ROWS - 2 => Row::Total,
            _ => Row::VsStay,
        }
    }

    fn label(self) -> String {
        match self {
            Row::Start => "Starts".into(),
            Row::Current => "Current job".into(),
            Row::Year(year, 0) => format!("Year {} cash", year + 1),
            Row::Year(_, 1) => "       equity".into(),
            Row::Year(..) => "       total".into(),
            Row::FourYears => "4-year total".into(),
            Row::Total => "Total".into(),
            Row::VsStay => "vs Stay".into(),
        }
    }

    /// The figure this row shows of `column` with its name; `None` for the start.
    fn figure(self, column: &Column) -> Option<(String, &Figure)> {
        match self {
            Row::Start => None,
            Row::Current => Some(("Current job".into(), &column.current)),
            Row::Year(year, at) => {
                let (name, figure) = column.years.get(year)?.figures()[at];
                Some((format!("Year {} {name}", year + 1), figure))
            }
            Row::FourYears => Some(("4-year total".into(), &column.four_years)),
            Row::Total => Some(("Total".into(), &column.total)),
            Row::VsStay => Some(("vs Stay".into(), &column.vs_stay)),
        }
    }
}

#[derive(Default)]
pub struct Offers {
    comparison: Comparison,
    /// Starts moved here, not saved: (offer, start).
    moved: Vec<(Id, NaiveDate)>,
    /// The selected column: 0 is Stay.
    col: usize,
    row: Cursor,
    /// The first offer drawn; a `Cell` because drawing decides it from the width.
    first: Cell<usize>,
    /// Whether the view has been built once: it opens on the first offer's
    /// difference from Stay, the figure it is there for.
    opened: bool,
    /// Whether the selected offer's start-date what-if is shown.
    showing_what_if: bool,
    what_if: Option<Result<StartWhatIf, Invalid>>,
    change: Cursor,
    /// Each offer's application, to select the offer answering one.
    answers: Vec<(Id, Id)>,
    /// What the attention line says about Stay.
    last_day: Option<NaiveDate>,
    has_job: bool,
    /// The offer accepted into the Runway tab's new job, marked ✓.
    accepted: Option<Id>,
    /// The day the view was last built for.
    today: NaiveDate,
}

impl Offers {
    fn column(&self) -> Option<&Column> {
        self.comparison.columns.get(self.col)
    }

    /// The offer selected, if the selection is not Stay.
    fn selected_id(&self) -> Option<Id> {
        self.column().and_then(|c| c.offer)
    }

    fn selected_offer<'a>(&self, wb: &'a Workbook) -> Option<&'a Offer> {
        self.selected_id().and_then(|id| wb.pipeline.offer(id))
    }

    /// The start moved here for `id`, if any.
    fn moved_start(&self, id: Id) -> Option<NaiveDate> {
        self.moved.iter().find(|(o, _)| *o == id).map(|&(_, d)| d)
    }

    fn has_offers(&self) -> bool {
        self.comparison.columns.len() > 1
    }

    /// Works everything out again from the workbook: moved starts that no
    /// longer move anything are dropped, the selection follows its offer.
    fn rebuild(&mut self, wb: &Workbook, today: NaiveDate) {
        self.today = today;
        let keep = self.selected_id();
        self.moved
            .retain(|&(id, start)| wb.pipeline.offer(id).is_some_and(|o| o.start != start));
        self.comparison = offers::compare(wb, today, &self.moved);
        if let Some(id) = keep {
            self.select_offer(id);
        }
        self.row.set_len(ROWS);
        if !self.opened && self.has_offers() {
            self.opened = true;
            self.col = 1;
            self.row.set(ROWS - 1);
        }
        self.col = self
            .col
            .min(self.comparison.columns.len().saturating_sub(1));
        self.change.set_len(CHANGES);
        self.answers = wb
            .pipeline
            .offers
            .iter()
            .filter_map(|o| o.application.map(|app| (o.id, app)))
            .collect();
        self.last_day = wb.runway.separation;
        self.has_job = wb.pipeline.current_job.is_some();
        self.accepted = offers::accepted_offer(wb).map(|o| o.id);
        self.showing_what_if &= self.selected_id().is_some();
        self.what_if = self
            .selected_id()
            .filter(|_| self.showing_what_if)
            .map(|id| {
                let start = self
                    .moved_start(id)
                    .or(wb.pipeline.offer(id).map(|o| o.start))
                    .unwrap_or(today);
                offers::what_if(wb, id, start, today)
            });
    }

    /// Selects offer `id`'s column; `false` when it has none.
    fn select_offer(&mut self, id: Id) -> bool {
        match self
            .comparison
            .columns
            .iter()
            .position(|c| c.offer == Some(id))
        {
            Some(at) => {
                self.col = at;
                true
            }
            None => false,
        }
    }

    /// Offer `id`'s what-if with its start moved to `start` (from a next
    /// action on the Now tab).
    pub fn show_start(&mut self, id: Id, start: NaiveDate, wb: &Workbook) {
        let today = self.today;
        self.rebuild(wb, today);
        if !self.select_offer(id) {
            return;
        }
        self.moved.retain(|(o, _)| *o != id);
        self.moved.push((id, start));
        self.showing_what_if = true;
        self.rebuild(wb, today);
    }

    /// Moves the selected offer's start by `step`, and shows its what-if.
    fn step(&mut self, step: Step, forward: bool, cx: &mut Cx<Purpose>) {
        let Some(offer) = self.selected_offer(cx.wb) else {
            return cx.status("select an offer to move its start: Stay has none");
        };
        let from = self.moved_start(offer.id).unwrap_or(offer.start);
        let to = vesting::step_date(from, step, forward);
        if let Err(message) = dates::in_range(to) {
            return cx.status(message);
        }
        let id = offer.id;
        self.moved.retain(|(o, _)| *o != id);
        self.moved.push((id, to));
        self.showing_what_if = true;
        self.rebuild(cx.wb, cx.today);
    }

    fn explain(&self, cx: &mut Cx<Purpose>) {
        if self.showing_what_if {
            if let Some(Ok(report)) = &self.what_if {
                let (label, figure) = change_at(report, self.change.at());
                cx.tell(
                    format!("{}: {label} {}", report.name, figure.signed()),
                    figure.working.join("\n"),
                );
            }
            return;
        }
        let Some(column) = self.column() else {
            return;
        };
        match Row::at(self.row.at()).figure(column) {
            Some((label, figure)) => cx.tell(
                format!("{} · {label}: {}", self.name(column), figure.money()),
                figure.working.join("\n"),
            ),
            None => cx.tell(
                format!(
                    "{} · starts {}",
                    self.name(column),
                    format_long(column.start)
                ),
                self.comparison.notes.join("\n"),
            ),
        }
    }

    fn delete(&self, cx: &mut Cx<Purpose>) {
        if let Some(offer) = self.selected_offer(cx.wb) {
            cx.confirm(
                "Delete offer",
                format!("Delete the offer from {} (#{})?", offer.company, offer.id),
                Edit::Remove(Kind::Offer, offer.id),
                format!("deleted the offer from {}", offer.company),
            );
        }
    }

    fn save_start(&self, cx: &mut Cx<Purpose>) {
        let Some(offer) = self.selected_offer(cx.wb) else {
            return;
        };
        let Some(start) = self.moved_start(offer.id) else {
            return cx.status("the start has not moved: nothing to save");
        };
        let accepted = offers::accepted_offer(cx.wb).is_some_and(|a| a.id == offer.id);
        let (then, done) = if accepted {
            (
                "You accepted it: the Runway tab's new job moves to this start too.",
                format!(
                    "{} now starts {}, and so does the Runway tab's new job",
                    offer.company,
                    format_long(start)
                ),
            )
        } else {
            (
                "Accepting it then uses this start.",
                format!("{} now starts {}", offer.company, format_long(start)),
            )
        };
        cx.confirm(
            "Save the start date",
            format!(
                "Save {}'s start as {} instead of {}? {then}",
                offer.company,
                format_long(start),
                format_long(offer.start)
            ),
            offers::save_offer(
                cx.wb,
                offer,
                Offer {
                    start,
                    ..offer.clone()
                },
            ),
            done,
        );
    }

    fn accept(&self, cx: &mut Cx<Purpose>) {
        let wb = cx.wb;
        let Some(offer) = self.selected_offer(wb) else {
            return;
        };
        let note = self.moved_start(offer.id).map(|moved| {
            format!(
                "This uses the saved start, not {} as moved here: {} saves that first.",
                format_long(moved),
                cx.keys.key_for(Scope::PipelineOffers, Action::SaveStart)
            )
        });
        forms::accept_offer(cx, wb, offer.id, note);
    }

    /// The line above the view: what Stay counts.
    pub fn attention(&self, width: usize, view: &View) -> Line<'static> {
        let theme = view.theme;
        let (text, style) = if !self.has_job {
            (
                format!(
                    "! Stay needs your current pay: {}",
                    view.keys
                        .hint(Scope::PipelineOffers, Action::CurrentJob, "sets it")
                ),
                theme.bad(),
            )
        } else if let Some(last) = self.last_day {
            let last = format_long(last);
            let long = format!(
                "Stay ends at your last day on payroll, {last}: pay to then, the severance and the vests up to it · before tax"
            );
            let short = format!("Stay ends {last}, your last day: pay, severance, vests up to it");
            (
                if long.width() <= width { long } else { short },
                theme.text(),
            )
        } else {
            (
                "Stay: your current pay and grants, over the same four years · before tax".into(),
                theme.text(),
            )
        };
        Line::styled(fit(&text, width), style)
    }
}

/// The what-if's row `at`: a change, or the net after them.
fn change_at(report: &StartWhatIf, at: usize) -> (&'static str, &Figure) {
    match report.changes.get(at) {
        Some(change) => (change.kind.label(), &change.figure),
        None => ("Net", &report.net),
    }
}

impl Pane<Shared, Purpose> for Offers {
    fn scopes(&self) -> Vec<Scope> {
        if self.showing_what_if {
            vec![Scope::PipelineOfferStart, Scope::PipelineOffers]
        } else {
            vec![Scope::PipelineOffers]
        }
    }

    fn refresh(&mut self, _shared: &Shared, wb: &Workbook, today: NaiveDate, _keys: &Keymap) {
        self.rebuild(wb, today);
    }

    fn on_action(&mut self, action: Action, _shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        let wb = cx.wb;
        match action {
            Action::ColumnLeft | Action::ColumnRight => {
                let last = self.comparison.columns.len().saturating_sub(1);
                self.col = match action {
                    Action::ColumnLeft => self.col.saturating_sub(1),
                    _ => (self.col + 1).min(last),
                };
                self.rebuild(wb, cx.today);
            }
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                let cursor = if self.showing_what_if {
                    &mut self.change
                } else {
                    &mut self.row
                };
                cursor.on_action(action, 3);
            }
            Action::Explain => self.explain(cx),
            Action::WhatIf => match self.selected_id() {
                Some(_) => {
                    self.showing_what_if = !self.showing_what_if;
                    self.rebuild(wb, cx.today);
                }
                None => cx.status("select an offer (→) to see what moving its start changes"),
            },
            Action::DayLater => self.step(Step::Day, true, cx),
            Action::DayEarlier => self.step(Step::Day, false, cx),
            Action::WeekLater => self.step(Step::Week, true, cx),
            Action::WeekEarlier => self.step(Step::Week, false, cx),
            Action::MonthLater => self.step(Step::Month, true, cx),
            Action::MonthEarlier => self.step(Step::Month, false, cx),
            Action::ResetDay => {
                let id = self.selected_id();
                self.moved.retain(|(o, _)| Some(*o) != id);
                self.rebuild(wb, cx.today);
            }
            Action::SaveStart => self.save_start(cx),
            Action::AcceptOffer => self.accept(cx),
            Action::Add => cx.form(forms::offer(wb, cx.today, None)),
            Action::Edit => {
                if let Some(offer) = self.selected_offer(wb) {
                    cx.form(forms::offer(wb, cx.today, Some(offer)));
                }
            }
            Action::Delete => self.delete(cx),
            Action::CurrentJob => cx.form(forms::current_job(
                cx.today,
                wb.pipeline.current_job.as_ref(),
            )),
            _ => return false,
        }
        true
    }

    fn applies(&self, action: Action, _shared: &Shared) -> bool {
        let offer = self.selected_id().is_some();
        let moved = self
            .selected_id()
            .is_some_and(|id| self.moved_start(id).is_some());
        match action {
            Action::Explain => self.has_offers(),
            Action::WhatIf
            | Action::DayLater
            | Action::DayEarlier
            | Action::WeekLater
            | Action::WeekEarlier
            | Action::MonthLater
            | Action::MonthEarlier
            | Action::AcceptOffer
            | Action::Edit
            | Action::Delete => offer,
            Action::ResetDay | Action::SaveStart => moved,
            _ => true,
        }
    }

    fn selected(&self) -> Option<(Kind, Id)> {
        self.selected_id().map(|id| (Kind::Offer, id))
    }

    /// An offer shows its column; an application the offer answering it.
    fn select(&mut self, kind: Kind, id: Id) -> bool {
        match kind {
            Kind::Offer => self.select_offer(id),
            Kind::Application => {
                let answering = self.answers.iter().rev().find(|&&(_, app)| app == id);
                answering
                    .map(|&(offer, _)| offer)
                    .is_some_and(|offer| self.select_offer(offer))
            }
            _ => false,
        }
    }

    fn render(&self, _shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let lines = if !self.has_offers() {
            self.empty_lines(area.width as usize, view)
        } else if self.showing_what_if {
            self.what_if_lines(area, view)
        } else {
            self.comparison_lines(area, view)
        };
        frame.render_widget(Paragraph::new(lines), area);
    }
}

// Drawing ---------------------------------------------------------------------

impl Offers {
    /// A column's name, marked ✓ when it is the offer accepted into the runway.
    fn name(&self, column: &Column) -> String {
        match column.offer {
            Some(id) if self.accepted == Some(id) => format!("✓ {}", column.name),
            _ => column.name.clone(),
        }
    }

    /// What a cell of the table says.
    fn cell(&self, column: &Column, row: Row) -> String {
        match row {
            Row::Start => match column.offer.and_then(|id| self.moved_start(id)) {
                Some(_) => format!("→ {}", format_long(column.start)),
                None => format_long(column.start),
            },
            Row::VsStay if column.offer.is_none() => "—".into(),
            Row::VsStay => column.vs_stay.signed(),
            Row::Year(_, 1) if column.illiquid => match row.figure(column) {
                Some((_, figure)) => format!("illiquid {}", figure.money()),
                None => String::new(),
            },
            _ => row
                .figure(column)
                .map(|(_, figure)| figure.money())
                .unwrap_or_default(),
        }
    }

    /// How a cell is drawn; the words and signs say the same without colour.
    fn cell_style(&self, column: &Column, row: Row, theme: &Theme) -> Style {
        let figure = row.figure(column).map(|(_, f)| f);
        match (row, figure.and_then(|f| f.amount)) {
            (Row::Start, _) if column.offer.and_then(|id| self.moved_start(id)).is_some() => {
                theme.warn()
            }
            (Row::Start, _) => theme.text(),
            (_, None) if column.offer.is_some() || row != Row::VsStay => theme.warn(),
            (Row::VsStay, Some(amount)) if amount.is_sign_positive() && !amount.is_zero() => {
                theme.good()
            }
            (Row::VsStay, Some(amount)) if amount.is_sign_negative() && !amount.is_zero() => {
                theme.bad()
            }
            (Row::Year(_, 2) | Row::FourYears | Row::Total | Row::VsStay, _) => theme.title(),
            _ => theme.text(),
        }
    }

    /// A column's width: its widest cell (or name, up to [`NAME`]) and a gap.
    fn column_width(&self, column: &Column) -> usize {
        (0..ROWS)
            .map(|r| self.cell(column, Row::at(r)).width())
            .chain([self.name(column).width().min(NAME)])
            .max()
            .unwrap_or(0)
            + 2
    }

    /// The offers drawn beside Stay, `first..end` (0-based among the
    /// offers), so that the selected one is always among them.
    fn offer_window(&self, widths: &[usize], width: usize) -> (usize, usize) {
        let offers = widths.get(1..).unwrap_or(&[]);
        if offers.is_empty() {
            return (0, 0);
        }
        let room = width.saturating_sub(LABEL + widths[0]);
        let end_from = |start: usize| {
            let (mut end, mut used) = (start, 0);
            while end < offers.len() && used + offers[end] <= room {
                used += offers[end];
                end += 1;
            }
            end.max(start + 1)
        };
        let mut first = self.first.get().min(offers.len() - 1);
        if let Some(selected) = self.col.checked_sub(1) {
            first = first.min(selected);
            while end_from(first) <= selected {
                first += 1;
            }
        }
        // Scrolled further than needed (a wider window, an offer deleted): come back.
        while first > 0 && end_from(first - 1) >= end_from(first).min(offers.len()) {
            if self
                .col
                .checked_sub(1)
                .is_some_and(|s| end_from(first - 1) <= s)
            {
                break;
            }
            first -= 1;
        }
        self.first.set(first);
        (first, end_from(first).min(offers.len()))
    }

    fn comparison_lines(&self, area: Rect, view: &View) -> Vec<Line<'static>> {
        let theme = view.theme;
        let (width, height) = (area.width as usize, area.height as usize);
        let columns = &self.comparison.columns;
        let widths: Vec<usize> = columns.iter().map(|c| self.column_width(c)).collect();
        let (first, end) = self.offer_window(&widths, width);
        let shown: Vec<usize> = std::iter::once(0).chain(first + 1..end + 1).collect();
        let mut lines = vec![self.names_line(&shown, &widths, (first, end), view)];
        // The table leaves at least one line for what the selected figure
        // is, and one more for starts moved here and not saved.
        let below = 2 + usize::from(!self.moved.is_empty());
        let room = height.saturating_sub(below).min(ROWS);
        let (top, bottom) = self.row.rows(u16::try_from(room).unwrap_or(u16::MAX));
        for r in top..bottom {
            let row = Row::at(r);
            let selected_row = r == self.row.at();
            let label_style = if selected_row {
                theme.title()
            } else {
                theme.dim()
            };
            let mut spans = vec![Span::styled(
                format!("{:<LABEL$}", row.label()),
                label_style,
            )];
            for &c in &shown {
                let column = &columns[c];
                let mut style = self.cell_style(column, row, theme);
                if selected_row && c == self.col {
                    style = style.patch(theme.selected());
                }
                spans.extend(right_aligned(&self.cell(column, row), widths[c], style));
            }
            lines.push(Line::from(spans));
        }
        if bottom < ROWS {
            lines.push(Line::styled(
                format!(" ↓ {} more rows", ROWS - bottom),
                theme.dim(),
            ));
        }
        let left = height.saturating_sub(lines.len());
        lines.extend(self.detail_lines(left, width, view));
        lines
    }

    /// The column names, Stay first, and how many offers are out of sight.
    fn names_line(
        &self,
        shown: &[usize],
        widths: &[usize],
        (first, end): (usize, usize),
        view: &View,
    ) -> Line<'static> {
        let theme = view.theme;
        let keys = view.keys;
        let offers = self.comparison.columns.len() - 1;
        let (left, right) = (first, offers - end);
        let back = keys.key_for(Scope::PipelineOffers, Action::ColumnLeft);
        let more = keys.key_for(Scope::PipelineOffers, Action::ColumnRight);
        let paging = match (left, right) {
            (0, 0) => String::new(),
            (0, r) => format!("{r} more {more}"),
            (l, 0) => format!("{back} {l} more"),
            (l, r) => format!("{back}{l} · {r}{more}"),
        };
        let mut spans = vec![Span::styled(
            format!("{:<LABEL$}", fit(&paging, LABEL - 1)),
            theme.warn(),
        )];
        for &c in shown {
            let column = &self.comparison.columns[c];
            let style = if c == self.col {
                theme.tab_active()
            } else {
                theme.title()
            };
            let name = fit(&self.name(column), widths[c] - 2);
            spans.extend(right_aligned(&name, widths[c], style));
        }
        Line::from(spans)
    }

    /// Under the table: starts moved here, the selected figure and its
    /// working (the formula alone when short of room), then the notes.
    fn detail_lines(&self, room: usize, width: usize, view: &View) -> Vec<Line<'static>> {
        let theme = view.theme;
        let keys = view.keys;
        let mut out = Vec::new();
        let Some(column) = self.column().filter(|_| room > 0) else {
            return out;
        };
        if !self.moved.is_empty() && room > 1 {
            let moved: Vec<String> = self
                .comparison
                .columns
                .iter()
                .filter(|c| c.offer.and_then(|id| self.moved_start(id)).is_some())
                .map(|c| format!("{} to {}", c.name, format_long(c.start)))
                .collect();
            let text = format!(
                "→ moved here, not saved: {} ({} · {})",
                moved.join(", "),
                keys.hint(Scope::PipelineOffers, Action::ResetDay, "resets"),
                keys.hint(Scope::PipelineOffers, Action::SaveStart, "saves")
            );
            out.push(Line::styled(fit(&text, width), theme.warn()));
        }
        let row = Row::at(self.row.at());
        let explain = keys.hint(Scope::PipelineOffers, Action::Explain, "explains");
        let (head, working) = match row.figure(column) {
            Some((label, figure)) => (
                format!(
                    "{} · {label}: {} · {explain}",
                    self.name(column),
                    if row == Row::VsStay {
                        figure.signed()
                    } else {
                        figure.money()
                    }
                ),
                figure.working.clone(),
            ),
            None => (
                format!(
                    "{} · starts {}{} · {explain} what this rests on",
                    self.name(column),
                    format_long(column.start),
                    if column.offer.is_some() && column.offer == self.accepted {
                        " · accepted: the Runway tab's new job"
                    } else {
                        ""
                    }
                ),
                self.comparison.notes.clone(),
            ),
        };
        out.push(Line::styled(fit(&head, width), theme.title()));
        let left = room.saturating_sub(out.len());
        let indent = |lines: &[String]| -> Vec<String> {
            lines
                .iter()
                .flat_map(|l| wrap(l, width.saturating_sub(2)))
                .map(|l| format!("  {l}"))
                .collect()
        };
        let all = indent(&working);
        let shown = if all.len() <= left {
            all
        } else {
            // The formula, the last line, says most in the least room.
            indent(&working[working.len().saturating_sub(1)..])
        };
        let used = shown.len().min(left);
        out.extend(
            shown
                .into_iter()
                .take(left)
                .map(|l| Line::styled(l, theme.dim())),
        );
        let left = left - used;
        if row != Row::Start && left >= 2 {
            out.push(Line::raw(""));
            let notes = self
                .comparison
                .notes
                .iter()
                .flat_map(|n| {
                    wrap(n, width.saturating_sub(2))
                        .into_iter()
                        .enumerate()
                        .map(|(i, l)| format!("{} {l}", if i == 0 { "·" } else { " " }))
                })
                .take(left - 1)
                .map(|l| Line::styled(l, theme.dim()));
            out.extend(notes);
        }
        out
    }

    fn empty_lines(&self, width: usize, view: &View) -> Vec<Line<'static>> {
        let keys = view.keys;
        let key = |action, words| keys.hint(Scope::PipelineOffers, action, words);
        let mut text = vec![
            format!(
                "No offers yet: {}, with its pay, bonus, sign-on, equity and start date.",
                key(Action::Add, "adds one")
            ),
            "Each offer is then set against staying, over the four years from its start: cash, equity, the four-year total and the difference.".to_string(),
        ];
        text.push(if self.has_job {
            format!(
                "Your current pay is entered for the Stay column ({}).",
                key(Action::CurrentJob, "changes it")
            )
        } else {
            format!(
                "{} (base and target bonus) for the Stay column.",
                key(Action::CurrentJob, "sets your current pay")
            )
        });
        let mut lines = Vec::new();
        for paragraph in text {
            lines.extend(
                wrap(&paragraph, width)
                    .into_iter()
                    .map(|l| Line::styled(l, view.theme.text())),
            );
            lines.push(Line::raw(""));
        }
        lines
    }

    fn what_if_lines(&self, area: Rect, view: &View) -> Vec<Line<'static>> {
        let theme = view.theme;
        let width = area.width as usize;
        let report = match &self.what_if {
            Some(Ok(report)) => report,
            Some(Err(invalid)) => {
                return vec![Line::styled(format!("✗ {}", invalid.message), theme.bad())];
            }
            None => return Vec::new(),
        };
        let keys = view.keys;
        let key = |action| keys.key_for(Scope::PipelineOffers, action);
        let days = dates::days_between(report.new_start, report.saved_start);
        let moved = match days {
            0 => "the saved start".to_string(),
            d if d > 0 => format!("{} earlier", crate::text::days(d)),
            d => format!("{} later", crate::text::days(-d)),
        };
        let mut lines = vec![
            Line::styled(
                fit(
                    &format!(
                        "Start-date what-if · {} (#{}){}{}",
                        report.name,
                        report.offer,
                        if self.accepted == Some(report.offer) {
                            " · ✓ accepted"
                        } else {
                            ""
                        },
                        if days == 0 { "" } else { " · not saved" }
                    ),
                    width,
                ),
                theme.title(),
            ),
            Line::from(vec![
                Span::raw(format!("Start {} → ", format_long(report.saved_start))),
                Span::styled(format_long(report.new_start), theme.tab_active()),
                Span::raw(format!(" ({moved})")),
            ]),
            Line::styled(
                fit(
                    &format!(
                        "{}/{} a day · {}/{} a week · {}/{} a month · {} saved start · {} saves it · {}",
                        key(Action::DayEarlier),
                        key(Action::DayLater),
                        key(Action::WeekEarlier),
                        key(Action::WeekLater),
                        key(Action::MonthEarlier),
                        key(Action::MonthLater),
                        key(Action::ResetDay),
                        key(Action::SaveStart),
                        keys.hint(Scope::PipelineOfferStart, Action::WhatIf, "back")
                    ),
                    width,
                ),
                theme.dim(),
            ),
        ];
        let payroll = report
            .last_day
            .map(|d| format!(" · last day on payroll {}", format_long(d)))
            .unwrap_or_default();
        let leaving = if report.leave_new == report.leave_saved {
            format!(
                "Leaving your job {} either way{payroll}",
                format_long(report.leave_new)
            )
        } else {
            format!(
                "Leaving your job {}, not {}{payroll}",
                format_long(report.leave_new),
                format_long(report.leave_saved)
            )
        };
        lines.push(Line::raw(fit(&leaving, width)));
        lines.push(Line::styled(
            format!("{:<18}{:>16}", "Change", "gain or forfeit"),
            theme.heading(),
        ));
        for at in 0..CHANGES {
            let (label, figure) = change_at(report, at);
            let mut style = match figure.amount {
                None => theme.warn(),
                Some(a) if a.is_zero() => theme.text(),
                Some(a) if a.is_sign_positive() => theme.good(),
                Some(_) => theme.bad(),
            };
            if at == CHANGES - 1 {
                style = style.patch(theme.title());
            }
            if at == self.change.at() {
                style = style.patch(theme.selected());
            }
            lines.push(Line::styled(
                format!("{label:<18}{:>16}", figure.signed()),
                style,
            ));
        }
        lines.push(Line::raw(fit(&verdict(report, days), width)));
        let room = (area.height as usize).saturating_sub(lines.len());
        let summary = self.summary_lines(width, theme);
        if room > summary.len() {
            lines.push(Line::raw(""));
            lines.extend(summary);
        }
        let room = (area.height as usize).saturating_sub(lines.len());
        if room >= 3 {
            let (label, figure) = change_at(report, self.change.at());
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                fit(
                    &format!(
                        "{label}: {} · {}",
                        figure.signed(),
                        keys.hint(Scope::PipelineOfferStart, Action::Explain, "explains")
                    ),
                    width,
                ),
                theme.title(),
            ));
            let working = figure
                .working
                .iter()
                .flat_map(|l| wrap(l, width.saturating_sub(2)))
                .take(room - 2)
                .map(|l| Line::styled(format!("  {l}"), theme.dim()));
            lines.extend(working);
        }
        lines
    }

    /// Every column's four years in one line each, the moved start in them.
    fn summary_lines(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let row = |name: &str, start: &str, total: &str, vs: &str| {
            format!("{:<18}{:>14}{:>16}{:>16}", fit(name, 17), start, total, vs)
        };
        let mut lines = vec![Line::styled(
            fit(&row("From today", "starts", "total", "vs Stay"), width),
            theme.heading(),
        )];
        for (c, column) in self.comparison.columns.iter().enumerate() {
            let style = if c == self.col {
                theme.title()
            } else {
                theme.text()
            };
            let text = row(
                &self.name(column),
                &self.cell(column, Row::Start),
                &self.cell(column, Row::Total),
                &self.cell(column, Row::VsStay),
            );
            lines.push(Line::styled(fit(&text, width), style));
        }
        lines
    }
}

/// `text` right-aligned in `width` columns: the padding, then the text in `style`.
fn right_aligned(text: &str, width: usize, style: Style) -> [Span<'static>; 2] {
    let text = fit(text, width.saturating_sub(1));
    let pad = width.saturating_sub(text.width());
    [Span::raw(" ".repeat(pad)), Span::styled(text, style)]
}

/// What the net says, in words.
fn verdict(report: &StartWhatIf, days: i64) -> String {
    let (new, saved) = (
        format_long(report.new_start),
        format_long(report.saved_start),
    );
    match report.net.amount {
        _ if days == 0 => {
            "Move the start to see what starting earlier or later forfeits and gains.".into()
        }
        None => {
            "The net is unknown until the inputs a change needs are entered (x on it says which)."
                .into()
        }
        Some(net) if net.is_zero() => format!("Starting on {new} or on {saved} comes to the same."),
        Some(net) if net.is_sign_positive() => format!(
            "Starting on {new} instead of {saved} is worth {} more.",
            crate::domain::money::format_money(net)
        ),
        Some(net) => format!(
            "Starting on {new} instead of {saved} costs {}.",
            crate::domain::money::format_money(-net)
        ),
    }
}
