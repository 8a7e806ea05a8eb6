//! What every view of the Impact tab reads, built once per refresh: the wins
//! newest first and the habit figures over them.

use crate::domain::impact::{Summary, Win, logged_this_week, newest_first, streak, weekly_counts};
use crate::domain::workbook::Workbook;
use chrono::NaiveDate;
use std::rc::Rc;

/// Weeks shown in the cadence strip.
pub const CADENCE_WEEKS: usize = 26;

pub struct Shared {
    /// Newest first; shared with the wins view's rows.
    pub wins: Rc<Vec<Win>>,
    /// Wins per ISO week, the last [`CADENCE_WEEKS`].
    pub counts: Vec<u64>,
    pub streak: usize,
    pub this_week: bool,
    pub summary: Summary,
}

impl Default for Shared {
    fn default() -> Self {
        Self {
            wins: Rc::default(),
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
        let mut sorted = wins.clone();
        sorted.sort_by(newest_first);
        Self {
            counts: weekly_counts(wins, today, CADENCE_WEEKS)
                .into_iter()
                .map(|(_, n)| n as u64)
                .collect(),
            streak: streak(wins, today),
            this_week: logged_this_week(wins, today),
            summary: Summary::of(wins),
            wins: Rc::new(sorted),
        }
    }
}
