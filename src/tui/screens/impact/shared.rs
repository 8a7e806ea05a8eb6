//! What every view of the Impact tab reads, built once per refresh: the habit
//! figures over the wins.

use crate::domain::impact::{Cadence, Summary};
use crate::domain::workbook::Workbook;
use chrono::NaiveDate;

/// Weeks shown in the cadence strip.
pub const CADENCE_WEEKS: usize = 26;

pub struct Shared {
    /// Wins per ISO week, the last [`CADENCE_WEEKS`].
    pub counts: Vec<u64>,
    pub streak: usize,
    pub this_week: bool,
    pub summary: Summary,
}

impl Default for Shared {
    fn default() -> Self {
        Self {
            counts: Vec::new(),
            streak: 0,
            this_week: false,
            summary: Summary::of(&[]),
        }
    }
}

impl Shared {
    pub fn of(wb: &Workbook, today: NaiveDate) -> Self {
        let wins = &wb.impact.wins;
        let cadence = Cadence::of(wins, today, CADENCE_WEEKS);
        Self {
            counts: cadence.counts.into_iter().map(|(_, n)| n as u64).collect(),
            streak: cadence.streak,
            this_week: cadence.this_week,
            summary: Summary::of(wins),
        }
    }
}
