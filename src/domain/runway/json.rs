//! The `careerbook runway --format json` report.
//!
//! `runway_months` and `essentials_runway_months` are JSON numbers with at
//! most two decimals, or `null` when the money lasts beyond the 10-year
//! horizon (then `zero_date` is `null` too): no number is made up for "never".
//!
//! Before there is anything to project (no cash accounts or no spending yet),
//! the report says so instead of inventing a runway: the three figures are
//! `null`, `months` is empty, and `missing` lists what to add. `missing` is
//! left out of every report that has a projection.
//!
//! `new_job` is the runway with the new job beside the one without it (the
//! months are without it, as the text's table is), `null` when there is no
//! new job; `warnings` are the "!" lines the text shows, every time.

use super::consistency::{Warning, warnings};
use super::plan::RunwayPlan;
use super::projection::{MonthRow, Projection, Runway};
use crate::domain::money::serialize_cents as money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Serialize, Serializer};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunwayJson {
    #[serde(serialize_with = "months_number")]
    pub runway_months: Option<Decimal>,
    #[serde(serialize_with = "months_number")]
    pub essentials_runway_months: Option<Decimal>,
    pub zero_date: Option<NaiveDate>,
    pub start: NaiveDate,
    pub months: Vec<MonthJson>,
    pub new_job: Option<NewJobJson>,
    pub warnings: Vec<Warning>,
    /// What must be entered before there is a runway (empty when projected).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// The new job scenario: when it starts, its pay, and the runway with and
/// without it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewJobJson {
    pub start: NaiveDate,
    #[serde(serialize_with = "money")]
    pub monthly_net: Decimal,
    pub with: FigureJson,
    pub without: FigureJson,
}

/// A runway's months (`null` beyond the horizon) and the day the money runs out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FigureJson {
    #[serde(serialize_with = "months_number")]
    pub runway_months: Option<Decimal>,
    pub zero_date: Option<NaiveDate>,
}

impl FigureJson {
    fn new(runway: &Runway) -> Self {
        Self {
            runway_months: runway.months(),
            zero_date: runway.zero_date(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthJson {
    /// `YYYY-MM` of the month's first day.
    pub month: String,
    #[serde(serialize_with = "money")]
    pub opening: Decimal,
    #[serde(serialize_with = "money")]
    pub income: Decimal,
    #[serde(serialize_with = "money")]
    pub spending: Decimal,
    #[serde(serialize_with = "money")]
    pub closing: Decimal,
}

impl RunwayJson {
    /// The report of `projection`, made from `plan`.
    pub fn new(projection: &Projection, plan: &RunwayPlan) -> Self {
        let new_job =
            plan.new_job
                .as_ref()
                .zip(projection.new_job.as_ref())
                .map(|(job, comparison)| NewJobJson {
                    start: comparison.start,
                    monthly_net: job.monthly_net,
                    with: FigureJson::new(&comparison.with),
                    without: FigureJson::new(&comparison.without),
                });
        Self {
            runway_months: projection.runway.months(),
            essentials_runway_months: projection.essentials_runway.months(),
            zero_date: projection.runway.zero_date(),
            start: projection.start,
            months: projection.months.iter().map(MonthJson::new).collect(),
            new_job,
            warnings: warnings(plan),
            missing: Vec::new(),
        }
    }

    /// The report when nothing can be projected yet: no figures, no months,
    /// and what is missing, in words.
    pub fn needs_inputs(start: NaiveDate, missing: &[&str], plan: &RunwayPlan) -> Self {
        Self {
            runway_months: None,
            essentials_runway_months: None,
            zero_date: None,
            start,
            months: Vec::new(),
            new_job: None,
            warnings: warnings(plan),
            missing: missing.iter().map(|m| m.to_string()).collect(),
        }
    }
}

impl MonthJson {
    fn new(row: &MonthRow) -> Self {
        Self {
            month: row.label(),
            opening: row.opening,
            income: row.income,
            spending: row.spending,
            closing: row.closing,
        }
    }
}

/// A month count as a JSON number. JSON numbers go through `f64` in serde;
/// a two-decimal value of at most 120 converts exactly enough that
/// serde_json's shortest round-trip form prints the same two decimals.
fn months_number<S: Serializer>(
    months: &Option<Decimal>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match months.map(|m| m.to_f64()) {
        Some(Some(value)) => serializer.serialize_f64(value),
        Some(None) => Err(serde::ser::Error::custom("runway months out of range")),
        None => serializer.serialize_none(),
    }
}
