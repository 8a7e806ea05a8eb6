//! The `careerbook offers --format json` report: a list of columns, Stay
//! first, each `{"name", "start", "current_job", "years": [{"year", "cash",
//! "equity", "total"}], "total_4y", "total", "vs_stay"}`: `total` is
//! `current_job` + `total_4y`, and `vs_stay` that less Stay's. Money is a decimal string with two
//! places (`"250000.00"`), or `null` when an input it needs is missing.
//! Also the shape of one offer record, for the commands that write one.

use super::{Column, Comparison, Offer};
use crate::domain::Id;
use crate::domain::money::{serialize_cents, serialize_cents_or_null};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnJson {
    pub name: String,
    pub start: NaiveDate,
    /// What the current job still pays from today (see [`Column::current`]).
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub current_job: Option<Decimal>,
    pub years: Vec<YearJson>,
    /// Years 1–4 added up.
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub total_4y: Option<Decimal>,
    /// `current_job` + `total_4y`: what `vs_stay` subtracts.
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub total: Option<Decimal>,
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
        current_job: column.current.amount,
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
        total_4y: column.four_years.amount,
        total: column.total.amount,
        vs_stay: column.vs_stay.amount,
    }
}

/// One offer as `careerbook offer add` and `offer edit` print it: flat, with
/// money as two-place decimal strings and `null` for what is not set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OfferRecord<'a> {
    pub id: Id,
    pub company: &'a str,
    pub role: Option<&'a str>,
    pub application: Option<Id>,
    pub start: NaiveDate,
    #[serde(serialize_with = "serialize_cents")]
    pub base: Decimal,
    /// The target bonus as a percentage of base (`"10"`), when entered as one.
    pub bonus_percent: Option<String>,
    /// The target bonus a year.
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub bonus: Option<Decimal>,
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub sign_on: Option<Decimal>,
    pub sign_on_paid_after_months: Option<u32>,
    pub sign_on_clawback_months: Option<u32>,
    pub sign_on_prorated: Option<bool>,
    /// Shares or options granted, as a decimal string.
    pub shares: Option<String>,
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub price: Option<Decimal>,
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub equity_value: Option<Decimal>,
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub strike: Option<Decimal>,
    pub schedule: Option<&'static str>,
    /// Options: valued at price − strike, and illiquid.
    pub illiquid: bool,
    #[serde(serialize_with = "serialize_cents_or_null")]
    pub health_monthly: Option<Decimal>,
}

impl<'a> From<&'a Offer> for OfferRecord<'a> {
    fn from(offer: &'a Offer) -> Self {
        let sign_on = offer.sign_on.as_ref();
        let equity = offer.equity.as_ref();
        Self {
            id: offer.id,
            company: &offer.company,
            role: offer.role.as_deref(),
            application: offer.application,
            start: offer.start,
            base: offer.base,
            bonus_percent: offer.bonus.and_then(|b| b.percent_points()),
            bonus: offer.bonus.map(|b| b.yearly(offer.base)),
            sign_on: sign_on.map(|s| s.amount),
            sign_on_paid_after_months: sign_on.map(|s| s.paid_after_months),
            sign_on_clawback_months: sign_on.map(|s| s.clawback_months),
            sign_on_prorated: sign_on.map(|s| s.prorated),
            shares: equity.map(|e| e.shares.normalize().to_string()),
            price: equity.map(|e| e.price),
            equity_value: equity.and_then(|e| e.value),
            strike: equity.and_then(|e| e.strike),
            schedule: equity.map(|e| e.schedule.key()),
            illiquid: equity.is_some_and(|e| e.is_options()),
            health_monthly: offer.health_monthly,
        }
    }
}
