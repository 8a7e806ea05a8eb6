//! What the comparison and the start-date what-if read from the rest of the
//! workbook — the last day on payroll, severance, grants and prices — and the
//! rules for what leaving on a given day keeps.

use crate::domain::Invalid;
use crate::domain::runway::SeverancePay;
use crate::domain::vesting::Grant;
use crate::domain::workbook::Workbook;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::offer::CurrentJob;

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
        self.severance.is_some() && (!self.resigns(start) || !self.forfeits)
    }

    /// A ticker's price as of today, `None` when none has been entered.
    pub fn price(&self, ticker: &str) -> Option<Decimal> {
        self.wb
            .vesting
            .price_for(ticker, self.today)
            .map(|p| p.price)
    }

    /// The existing grants, in list order.
    pub fn grants(&self) -> &'a [Grant] {
        &self.wb.vesting.grants
    }
}
