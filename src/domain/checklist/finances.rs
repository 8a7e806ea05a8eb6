//! The money facts the fourth item reads from the Runway and Vesting tabs.

use crate::domain::money::{format_money, format_shares, saturating_sum};
use crate::domain::runway::summary::{Outlook, needs_inputs_line, outlook};
use crate::domain::runway::{ProjectionOptions, Runway};
use crate::domain::vesting::{clawbacks_owed, events, last_day};
use crate::domain::workbook::Workbook;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Runway as the Runway tab shows it by default (all spending, no new job).
#[derive(Clone, Debug, PartialEq)]
pub enum RunwayFigure {
    /// No runway yet: these inputs are missing, in the Runway tab's words
    /// ("your cash accounts", "your monthly spending").
    NotEntered(Vec<&'static str>),
    /// The plan cannot be projected (a value the Runway tab would refuse).
    Problem(String),
    /// The money runs out: `months` (2 decimals) counted from `start`.
    Months {
        months: Decimal,
        zero_date: NaiveDate,
        start: NaiveDate,
    },
    /// The balance stays at or above zero for the whole 10-year projection.
    Lasts { horizon_end: NaiveDate },
}

impl RunwayFigure {
    /// "14.37 months", "lasts beyond the 10-year projection", or what is missing.
    pub fn describe(&self) -> String {
        match self {
            Self::NotEntered(missing) => needs_inputs_line(missing),
            Self::Problem(message) => format!("cannot be worked out: {message}"),
            Self::Months { months, .. } => format!("{months:.2} months"),
            Self::Lasts { .. } => "lasts beyond the 10-year projection".into(),
        }
    }
}

/// The Runway tab's own outlook (`runway::summary::outlook`, default view,
/// vest proceeds through the separation date as the plan says), so the two
/// tabs and `careerbook check` / `careerbook runway` always agree.
pub fn runway_figure(wb: &Workbook, today: NaiveDate) -> RunwayFigure {
    match outlook(wb, today, ProjectionOptions::default()) {
        Outlook::NeedsInputs(missing) => RunwayFigure::NotEntered(missing),
        Outlook::Invalid(invalid) => RunwayFigure::Problem(invalid.to_string()),
        Outlook::Projected(projection) => match projection.runway {
            Runway::RunsOut(short) => RunwayFigure::Months {
                months: short.months,
                zero_date: short.zero_date,
                start: projection.start,
            },
            Runway::Lasts { horizon_end } => RunwayFigure::Lasts { horizon_end },
        },
    }
}

/// The vesting facts in words: what the separation date forfeits and the
/// next vest after it (or the next vest from today when there is no
/// separation date), then any sign-on clawback leaving then repays. `None`
/// with neither grants nor a clawback owed.
pub fn vesting_line(wb: &Workbook, today: NaiveDate) -> Option<String> {
    let owed = clawback_words(wb);
    match (grants_line(wb, today), owed) {
        (Some(grants), Some(owed)) => Some(format!("{grants}; {owed}")),
        (grants, owed) => grants.or(owed),
    }
}

/// "sign-on clawback owed on leaving 2027-02-09: $4,166.67".
fn clawback_words(wb: &Workbook) -> Option<String> {
    let last = wb.runway.separation?;
    let book = &wb.vesting;
    let owed = clawbacks_owed(&book.sign_on_bonuses, last, book.role_eliminated);
    if owed.is_empty() {
        return None;
    }
    let total = saturating_sum(owed.iter().map(|o| o.owed));
    Some(format!(
        "sign-on clawback owed on leaving {last}: {}",
        format_money(total)
    ))
}

fn grants_line(wb: &Workbook, today: NaiveDate) -> Option<String> {
    if wb.vesting.grants.is_empty() {
        return None;
    }
    let rate = wb.runway.withholding;
    match wb.runway.separation {
        Some(separation) => {
            let report = match last_day(&wb.vesting, separation, today, rate) {
                Ok(report) => report,
                Err(invalid) => return Some(format!("vesting: {}", invalid.message)),
            };
            if report.forfeited.is_zero() {
                return Some(format!("leaving {separation} forfeits no shares"));
            }
            let worth = report.forfeited_value.map_or_else(
                || "no price entered".to_string(),
                |v| format!("worth {}", format_money(v)),
            );
            let next = report
                .next_vest
                .map(|n| format!("; next vest after it {}", n.date))
                .unwrap_or_default();
            Some(format!(
                "leaving {separation} forfeits {} shares ({worth}){next}",
                format_shares(report.forfeited)
            ))
        }
        None => {
            let upcoming = events(&wb.vesting, today, NaiveDate::MAX, today, rate);
            Some(match upcoming.first() {
                Some(first) => {
                    let shares = saturating_sum(
                        upcoming
                            .iter()
                            .filter(|e| e.date == first.date)
                            .map(|e| e.shares),
                    );
                    format!("next vest {}: {} shares", first.date, format_shares(shares))
                }
                None => "no vests left".into(),
            })
        }
    }
}
