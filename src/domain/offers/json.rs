//! The `careerbook offers --format json` report: a list of columns, Stay
//! first, each `{"name", "start", "years": [{"year", "cash", "equity",
//! "total"}], "total_4y", "vs_stay"}`. Money is a decimal string with two
//! places (`"250000.00"`), or `null` when an input it needs is missing.

use super::{Column, Comparison};
use crate::domain::money::serialize_cents_or_null;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnJson {
    pub name: String,
    pub start: NaiveDate,
    pub years: Vec<YearJson>,
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub total_4y: Option<Decimal>,
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub vs_stay: Option<Decimal>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearJson {
    pub year: u32,
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub cash: Option<Decimal>,
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub equity: Option<Decimal>,
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub total: Option<Decimal>,
}

/// The columns of a comparison, in its order (Stay first).
pub fn comparison_json(comparison: &Comparison) -> Vec<ColumnJson> {
    comparison.columns.iter().map(column).collect()
}

fn column(column: &Column) -> ColumnJson {
    ColumnJson {
        name: column.name.clone(),
        start: column.start,
        years: column
            .years
            .iter()
            .map(|y| YearJson {
                year: y.span.year,
                cash: y.cash.amount,
                equity: y.equity.amount,
                total: y.total.amount,
            })
            .collect(),
        total_4y: column.total.amount,
        vs_stay: column.vs_stay.amount,
    }
}
