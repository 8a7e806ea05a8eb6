//! What every view of the Vesting tab reads, built once per refresh: the
//! withholding, the prices known, and the last-day what-if (which the Last
//! day and Bonuses views both show, and the tab's day keys move).

use super::rows;
use crate::domain::money::format_percent;
use crate::domain::vesting::{self, LastDayReport, Step, VestEvent, VestingBook, explain};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, Invalid};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::rc::Rc;

/// Where the what-if last day came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DaySource {
    /// The Runway tab's separation date.
    Separation,
    /// Today, because no separation date is set.
    Today,
    /// Set here (not saved).
    WhatIf,
}

pub struct Shared {
    /// The vesting records as refreshed, for the views that build rows
    /// when they are shown (the grants are few: the rows are not).
    pub book: Rc<VestingBook>,
    pub today: NaiveDate,
    pub withholding: (Decimal, explain::WithholdingSource),
    pub role_eliminated: bool,
    pub has_grants: bool,
    /// Tickers of grants with no price known today.
    pub unpriced: Vec<String>,
    /// "AMZN $212.40 (24 Nov 2026)" for each priced ticker.
    pub price_notes: Vec<String>,
    pub last_day: LastDay,
}

/// The last-day what-if: what a given last day keeps and forfeits.
pub struct LastDay {
    pub day: NaiveDate,
    pub source: DaySource,
    pub report: LastDayReport,
    /// Why the day cannot be worked out (before every grant date), if so.
    pub error: Option<Invalid>,
    /// Vests near the last day, each kept or forfeited (wide layout).
    pub around: Vec<VestEvent>,
    /// The inputs and formulas of the last-day panel (`x`, and tall layouts).
    pub explained: Vec<String>,
    /// A few words on each bonus's status ("7 of 12 months served"), by id.
    pub bonus_reasons: HashMap<Id, String>,
}

impl Default for Shared {
    fn default() -> Self {
        let today = NaiveDate::MIN;
        let book = VestingBook::default();
        Self {
            book: Rc::default(),
            today,
            withholding: (Decimal::ZERO, explain::WithholdingSource::Runway),
            role_eliminated: false,
            has_grants: false,
            unpriced: Vec::new(),
            price_notes: Vec::new(),
            last_day: LastDay::of(&book, today, DaySource::Today, today, Decimal::ZERO),
        }
    }
}

impl Shared {
    /// Built for the what-if day `what_if`, or the default day.
    pub fn of(wb: &Workbook, today: NaiveDate, what_if: Option<NaiveDate>) -> Self {
        let book = &wb.vesting;
        let rate = wb.runway.withholding;
        let (unpriced, price_notes) = rows::price_notes(book, today);
        let (day, source) = day_for(wb, today, what_if);
        Self {
            book: Rc::new(book.clone()),
            today,
            withholding: explain::withholding(book, rate),
            role_eliminated: book.role_eliminated,
            has_grants: !book.grants.is_empty(),
            unpriced,
            price_notes,
            last_day: LastDay::of(book, day, source, today, rate),
        }
    }

    /// Moves the what-if day to `what_if` (`None`: back to the default).
    pub fn set_day(&mut self, wb: &Workbook, what_if: Option<NaiveDate>) {
        let (day, source) = day_for(wb, self.today, what_if);
        self.last_day = LastDay::of(&wb.vesting, day, source, self.today, wb.runway.withholding);
    }

    /// "withholding 29.65% (Runway tab)".
    pub fn withholding_text(&self) -> String {
        let (rate, source) = self.withholding;
        format!("withholding {} ({})", format_percent(rate), source.label())
    }

    /// "AMZN $212.40 (24 Nov 2026), ACME: no price".
    pub fn prices_text(&self) -> String {
        let mut parts = self.price_notes.clone();
        parts.extend(self.unpriced.iter().map(|t| format!("{t}: no price")));
        if parts.is_empty() {
            "no prices".into()
        } else {
            parts.join(", ")
        }
    }
}

/// The last day in use and where it came from: the what-if day, else the
/// Runway tab's separation date, else today.
fn day_for(wb: &Workbook, today: NaiveDate, what_if: Option<NaiveDate>) -> (NaiveDate, DaySource) {
    let (default, source) = match wb.runway.separation {
        Some(day) => (day, DaySource::Separation),
        None => (today, DaySource::Today),
    };
    match what_if {
        Some(day) if day != default => (day, DaySource::WhatIf),
        _ => (default, source),
    }
}

impl LastDay {
    fn of(
        book: &VestingBook,
        day: NaiveDate,
        source: DaySource,
        today: NaiveDate,
        rate: Decimal,
    ) -> Self {
        let error = vesting::check_last_day(book, day).err();
        let report = vesting::report(book, day, today, rate);
        let explained = match &error {
            Some(invalid) => vec![invalid.message.clone()],
            None => explain::last_day(book, &report, today, rate),
        };
        let from = (0..6).fold(day, |d, _| vesting::step_date(d, Step::Month, false));
        let around = vesting::first_events(book, from, 24, today, rate);
        let bonus_reasons = report
            .bonuses
            .iter()
            .map(|b| (b.id, explain::bonus_reason(book, b)))
            .collect();
        Self {
            day,
            source,
            report,
            error,
            around,
            explained,
            bonus_reasons,
        }
    }
}
