//! The Now tab's domain: the article's checklist "What AWS Employees Can Do
//! Right Now", kept alive with the user's own data.
//!
//! - [`book`]: what the Now tab stores (résumé and LinkedIn dates, the
//!   positioning self-check, hand ticks, the layoff signals log, the last
//!   weekly review, the notice terms).
//! - [`items`]: the four items, each with a status computed from every other
//!   tab's data by documented thresholds, and a one-line reason.
//! - [`deadlines`]: the dated deadlines that follow a layoff notice.
//! - [`alerts`]: one line per thing that needs attention, newest first.
//! - [`offer`]: the date an offer is needed by, from the runway's zero date.
//! - [`next`]: after a notice, one ranked list of what to do and what it is worth.
//! - [`report`]: everything above at once, for the Now tab and `careerbook check`.
//!
//! Pure: every time-dependent function takes `today`.

pub mod alerts;
pub mod book;
pub mod deadlines;
mod finances;
pub mod items;
pub mod json;
pub mod next;
pub mod offer;
pub mod positioning;
pub mod report;
pub mod signals;

pub use alerts::{Alert, AlertKind, alerts};
pub use book::{ItemId, LayoffNotice, ManualTick, NowBook, check_last_day};
pub use deadlines::{Deadline, DeadlineKind, Deadlines, deadlines};
pub use items::{ItemReport, MoneyFacts, Status};
pub use json::{AlertJson, CheckItemJson};
pub use next::{ActionKind, NextAction, NextActionJson, next_actions, rank};
pub use offer::{OfferNeeded, has_accepted, offer_needed};
pub use positioning::{ExposureFactor, Initiative, Positioning, SaferFactor};
pub use report::{NowReport, RunwayFigure, report, runway_figure};
pub use signals::{SIGNAL_WINDOW_DAYS, Signal, SignalKind, signals_within};

/// A tab of the app, named in the domain so an item or an alert can say which
/// tab fixes it (the TUI turns it into its own `tui::Tab`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tab {
    Now,
    Impact,
    Runway,
    Vesting,
    Pipeline,
}

impl Tab {
    pub fn label(self) -> &'static str {
        match self {
            Tab::Now => "Now",
            Tab::Impact => "Impact",
            Tab::Runway => "Runway",
            Tab::Vesting => "Vesting",
            Tab::Pipeline => "Pipeline",
        }
    }
}

/// "in 3 days", "today", "2 days ago": a date relative to today.
pub fn relative(date: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    let days = crate::domain::dates::days_between(today, date);
    match days {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        d if d > 1 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}

/// "1 signal", "3 signals".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests;
