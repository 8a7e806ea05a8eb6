//! The Months view: the projection month by month in the reusable table;
//! Enter shows one month's money in and out.

use super::forms::Purpose;
use super::shared::Shared;
use crate::domain::Id;
use crate::domain::money::format_money;
use crate::domain::runway::Projection;
use crate::domain::runway::summary;
use crate::domain::workbook::Workbook;
use crate::text::fit;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::widgets::table::{Column, Row, SortKey, Table};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use rust_decimal::Decimal;

static COLUMNS: &[Column] = &[
    // Months run from the projection's start day (26 Nov to 25 Dec, …), so the
    // row is named by its first day rather than a calendar month.
    Column::left("From", Constraint::Length(9)),
    Column::right("Opening", Constraint::Length(12)),
    Column::right("Income", Constraint::Length(11)),
    Column::right("Spending", Constraint::Length(11)),
    Column::right("Closing", Constraint::Length(12)),
    Column::left("Streams", Constraint::Fill(1)),
];

pub struct Months {
    table: Table,
}

impl Default for Months {
    fn default() -> Self {
        Self {
            table: Table::new(COLUMNS),
        }
    }
}

impl Pane<Shared, Purpose> for Months {
    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::RunwayMonths, Scope::RunwayRows]
    }

    fn table(&self) -> Option<&Table> {
        Some(&self.table)
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        Some(&mut self.table)
    }

    fn refresh(&mut self, shared: &Shared, _wb: &Workbook, _today: NaiveDate, _keys: &Keymap) {
        let rows = shared.projection.as_deref().map(rows).unwrap_or_default();
        self.table.set_rows(rows);
    }

    fn on_action(&mut self, action: Action, shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        if action != Action::Edit {
            return false;
        }
        let row = self.table.selected_id().and_then(|index| {
            let row = shared.projection.as_ref()?.months.get(index as usize)?;
            Some((index, row))
        });
        if let Some((index, row)) = row {
            cx.tell(
                format!("Month {} · {}", index + 1, row.label()),
                summary::month_lines(row).join("\n"),
            );
        }
        true
    }

    fn applies(&self, action: Action, _shared: &Shared) -> bool {
        match action {
            Action::Edit | Action::Filter | Action::Sort => self.table.counts().1 > 0,
            _ => true,
        }
    }

    fn render(&self, _shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let [caption, table] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let text = format!(
            "0 money runs out that month · ✗ closing below zero · {}: money in and out",
            view.keys.key_for(Scope::RunwayMonths, Action::Edit)
        );
        frame.render_widget(
            Paragraph::new(Line::styled(
                fit(&text, caption.width as usize),
                view.theme.dim(),
            )),
            caption,
        );
        self.table.render(
            frame,
            table,
            view.wb,
            view.theme,
            view.keys,
            "No months to show until the runway can be projected.",
        )
    }
}

/// One row per month; the row id is the month's index. A month that closes
/// below zero is marked `✗`, the month the money runs out `0`.
fn rows(projection: &Projection) -> Vec<Row> {
    let zero_month = projection.runway.zero_date().and_then(|_| {
        projection
            .months
            .iter()
            .position(|m| m.closing < Decimal::ZERO)
    });
    projection
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let streams = summary::streams(m);
            let mark = if Some(i) == zero_month {
                Some("0")
            } else if m.closing < Decimal::ZERO {
                Some("✗")
            } else {
                None
            };
            Row {
                id: i as Id,
                cells: vec![
                    m.start.format("%-d %b %y").to_string(),
                    format_money(m.opening),
                    format_money(m.income),
                    format_money(m.spending),
                    format_money(m.closing),
                    streams.clone(),
                ],
                keys: vec![
                    SortKey::Date(m.start),
                    SortKey::Number(m.opening),
                    SortKey::Number(m.income),
                    SortKey::Number(m.spending),
                    SortKey::Number(m.closing),
                    SortKey::text(&streams),
                ],
                search: format!("{} {} {streams}", m.label(), m.start.format("%b")).to_lowercase(),
                group: None,
                mark,
            }
        })
        .collect()
}
