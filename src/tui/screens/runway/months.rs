//! The Months view: the projection month by month in the reusable table.

use crate::domain::Id;
use crate::domain::money::format_money;
use crate::domain::runway::Projection;
use crate::domain::runway::summary;
use crate::tui::widgets::table::{Column, Row, SortKey};
use ratatui::layout::Constraint;
use rust_decimal::Decimal;

pub static COLUMNS: &[Column] = &[
    // Months run from the projection's start day (26 Nov to 25 Dec, …), so the
    // row is named by its first day rather than a calendar month.
    Column::left("From", Constraint::Length(9)),
    Column::right("Opening", Constraint::Length(12)),
    Column::right("Income", Constraint::Length(11)),
    Column::right("Spending", Constraint::Length(11)),
    Column::right("Closing", Constraint::Length(12)),
    Column::left("Streams", Constraint::Fill(1)),
];

/// One row per month; the row id is the month's index. A month that closes
/// below zero is marked `✗`, the month the money runs out `0`.
pub fn rows(projection: &Projection) -> Vec<Row> {
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
