//! What the comparison and the start-date what-if read from the rest of the
//! workbook — the last day on payroll, severance, grants and prices — and the
//! rules for what leaving on a given day keeps.

use crate::domain::Invalid;
use crate::domain::money::{format_money, round_cents, saturating_sum};
use crate::domain::runway::SeverancePay;
use crate::domain::vesting::{Grant, Tranche};
use crate::domain::workbook::Workbook;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::offer::CurrentJob;
use super::working::vests_text;

/// The person's situation, gathered once per comparison.
pub struct Situation<'a> {
    pub wb: &'a Workbook,
    /// Prices are those entered on or before today.
    pub today: NaiveDate,
    /// The last day on payroll, once there is a notice (the Runway tab's `separation`).
    pub last_day: Option<NaiveDate>,
    /// Severance resolved to money, or why it cannot be. Counted only with a last day.
    pub severance: Option<Result<SeverancePay, Invalid>>,
    /// Whether resigning before the last day forfeits the severance.
    pub forfeits: bool,
}

impl<'a> Situation<'a> {
    pub fn new(wb: &'a Workbook, today: NaiveDate) -> Self {
        let plan = &wb.runway;
        Self {
            wb,
            today,
            last_day: plan.separation,
            severance: plan.separation.and_then(|separation| {
                plan.severance
                    .as_ref()
                    .map(|s| s.pay(Some(separation), plan.withholding))
            }),
            forfeits: plan.resigning_forfeits_severance,
        }
    }

    pub fn current_job(&self) -> Option<&'a CurrentJob> {
        self.wb.pipeline.current_job.as_ref()
    }

    /// The last day at the current job when the new one starts on `start`:
    /// the day before, or the last day on payroll if that comes first.
    pub fn leaving(&self, start: NaiveDate) -> NaiveDate {
        let before = start.checked_sub_days(Days::new(1)).unwrap_or(start);
        self.last_day.map_or(before, |last| before.min(last))
    }

    /// Whether starting on `start` means resigning: leaving before the last
    /// day on payroll, or at any time when there is no notice.
    pub fn resigns(&self, start: NaiveDate) -> bool {
        self.last_day.is_none_or(|last| self.leaving(start) < last)
    }

    /// Whether the severance is still paid when the new job starts on `start`.
    pub fn keeps_severance(&self, start: NaiveDate) -> bool {
        self.severance.is_some() && !self.wb.runway.start_forfeits_severance(start)
    }

    /// A ticker's price as of today, `None` when none has been entered.
    pub fn price(&self, ticker: &str) -> Option<Decimal> {
        self.wb
            .vesting
            .price_for(ticker, self.today)
            .map(|p| p.price)
    }

    /// The existing grants' vests on the days `keep` selects, valued at
    /// today's prices: a line for each grant with such vests, and the total,
    /// or (`Err`) why it is unknown when a ticker has no price.
    pub fn value_vests(&self, keep: impl Fn(NaiveDate) -> bool) -> ValuedVests {
        let (mut lines, mut values) = (Vec::new(), Vec::new());
        let mut unpriced: Vec<&str> = Vec::new();
        for grant in self.grants() {
            let vests: Vec<Tranche> = grant
                .tranches()
                .into_iter()
                .filter(|t| keep(t.date))
                .collect();
            if vests.is_empty() {
                continue;
            }
            let shares: Decimal = vests.iter().map(|t| t.shares).sum();
            let head = format!("{} ({}): {}", grant.name, grant.ticker, vests_text(&vests));
            match self.price(&grant.ticker) {
                Some(price) => {
                    let value = round_cents(shares * price);
                    values.push(value);
                    lines.push(format!(
                        "{head} × {} = {}.",
                        format_money(price),
                        format_money(value)
                    ));
                }
                None => {
                    unpriced.push(&grant.ticker);
                    lines.push(format!("{head}; no price entered for {}.", grant.ticker));
                }
            }
        }
        unpriced.sort_unstable();
        unpriced.dedup();
        let total = if unpriced.is_empty() {
            Ok(saturating_sum(values.iter().copied()))
        } else {
            Err(format!(
                "Unknown until a price is entered for {}.",
                unpriced.join(", ")
            ))
        };
        ValuedVests {
            lines,
            values,
            total,
        }
    }

    /// The existing grants, in list order.
    pub fn grants(&self) -> &'a [Grant] {
        &self.wb.vesting.grants
    }
}

/// Vests of the existing grants, valued (see [`Situation::value_vests`]).
pub struct ValuedVests {
    /// One line per grant with vests: what vests, and its value.
    pub lines: Vec<String>,
    /// Each priced grant's value, in the order of `lines`.
    pub values: Vec<Decimal>,
    pub total: Result<Decimal, String>,
}
