//! The root of everything careerbook saves: one value, one file.

mod ranges;

pub use ranges::{BadValue, FieldPath, MAX_ID, MAX_MONTHS, MAX_WEEKS, Step};

use super::checklist::NowBook;
use super::conflict::Conflict;
use super::edit::Kind;
use super::impact::ImpactLog;
use super::pipeline::Pipeline;
use super::runway::RunwayPlan;
use super::vesting::VestingBook;
use super::{Id, Invalid};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The format version this build writes. Bump it, and add a migration step in
/// `store::migrate`, whenever a change would make an older build misread a file.
pub const CURRENT_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workbook {
    /// Always first in the file, so any build can tell whether it understands the rest.
    pub version: u32,
    /// The next record id to hand out; ids are never reused.
    #[serde(default = "first_id")]
    pub next_id: Id,
    #[serde(default)]
    pub impact: ImpactLog,
    #[serde(default)]
    pub runway: RunwayPlan,
    #[serde(default)]
    pub vesting: VestingBook,
    #[serde(default)]
    pub pipeline: Pipeline,
    #[serde(default)]
    pub now: NowBook,
    /// Values two writers both changed, kept until the person picks one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

fn first_id() -> Id {
    1
}

impl Default for Workbook {
    fn default() -> Self {
        Self {
            version: CURRENT_VERSION,
            next_id: first_id(),
            impact: ImpactLog::default(),
            runway: RunwayPlan::default(),
            vesting: VestingBook::default(),
            pipeline: Pipeline::default(),
            now: NowBook::default(),
            conflicts: Vec::new(),
        }
    }
}

impl Workbook {
    /// Hands out a fresh id, or refuses once every id up to [`MAX_ID`] has
    /// been used (ids are never reused, so the counter only grows).
    pub fn allocate_id(&mut self) -> Result<Id, Invalid> {
        let id = self.next_id;
        if id > MAX_ID {
            return Err(Invalid::new(
                "id",
                format!(
                    "this workbook has handed out every id up to {MAX_ID}; no record can be added"
                ),
            ));
        }
        self.next_id = id.saturating_add(1);
        Ok(id)
    }

    /// After loading a file people may have edited by hand: rejects a value
    /// outside the ranges careerbook computes with (see [`Workbook::check_ranges`])
    /// and two records of a kind sharing an id, and moves the id counter past
    /// every id in use so a new record can never take an existing one's id.
    pub fn settle(&mut self) -> Result<(), BadValue> {
        self.check_ranges()?;
        let mut highest = 0;
        for &kind in Kind::ALL {
            let ids = kind.ids(self);
            if let Some(index) = first_repeat(&ids) {
                let mut path: Vec<Step> = kind.path().iter().map(|&f| Step::Field(f)).collect();
                path.extend([Step::Index(index), Step::Field("id")]);
                return Err(BadValue {
                    path: FieldPath(path),
                    message: format!(
                        "two {} records have id {}; give one of them another id",
                        kind.noun(),
                        ids[index]
                    ),
                });
            }
            highest = ids.iter().copied().fold(highest, Id::max);
        }
        // `check_ranges` keeps every id at most MAX_ID, so this cannot saturate.
        self.next_id = self.next_id.max(highest.saturating_add(1));
        Ok(())
    }
}

/// Where an id first appears for the second time, if one does. Ids handed
/// out in order (the usual case) are checked without a set.
fn first_repeat(ids: &[Id]) -> Option<usize> {
    if ids.windows(2).all(|pair| pair[0] < pair[1]) {
        return None;
    }
    let mut seen = HashSet::with_capacity(ids.len());
    ids.iter().position(|&id| !seen.insert(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_workbook_is_the_current_version() {
        let workbook = Workbook::default();
        assert_eq!(workbook.version, CURRENT_VERSION);
        assert_eq!(workbook.next_id, 1);
    }

    #[test]
    fn ids_run_out_with_a_message_instead_of_overflowing() {
        let mut workbook = Workbook {
            next_id: MAX_ID,
            ..Workbook::default()
        };
        assert_eq!(workbook.allocate_id(), Ok(MAX_ID));
        assert_eq!(workbook.next_id, MAX_ID + 1);
        let err = workbook.allocate_id().unwrap_err();
        assert_eq!(err.field, "id");
        assert_eq!(workbook.next_id, MAX_ID + 1, "unchanged");
        // A counter typed in as u64::MAX is refused too, not wrapped to 0.
        workbook.next_id = u64::MAX;
        assert!(workbook.allocate_id().is_err());
        assert_eq!(workbook.next_id, u64::MAX);
    }

    #[test]
    fn settling_moves_the_counter_past_the_largest_id_without_overflow() {
        use crate::domain::impact::{Category, Win};
        let win = |id| Win {
            id,
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"),
            title: "t".into(),
            category: Category::Other,
            metric: None,
            notes: None,
            tags: Vec::new(),
            link: None,
        };
        let mut workbook = Workbook::default();
        workbook.impact.wins = vec![win(7), win(MAX_ID)];
        assert_eq!(workbook.settle(), Ok(()));
        assert_eq!(workbook.next_id, MAX_ID + 1);
        // u64::MAX as an id: refused by range, where `highest + 1` once overflowed.
        workbook.impact.wins = vec![win(u64::MAX)];
        let bad = workbook.settle().unwrap_err();
        assert_eq!(bad.path.to_string(), "impact.wins[0].id");
        // Two wins sharing an id: the second is named.
        workbook.impact.wins = vec![win(3), win(4), win(3)];
        let bad = workbook.settle().unwrap_err();
        assert_eq!(bad.path.to_string(), "impact.wins[2].id");
        assert_eq!(
            bad.message,
            "two win records have id 3; give one of them another id"
        );
        // Side by side, as ids handed out in order would never be.
        workbook.impact.wins = vec![win(2), win(5), win(5)];
        let bad = workbook.settle().unwrap_err();
        assert_eq!(bad.path.to_string(), "impact.wins[2].id");
        // Out of order but all different: fine, and the next id is past the highest.
        workbook.impact.wins = vec![win(9), win(2), win(5)];
        workbook.next_id = 1;
        assert_eq!(workbook.settle(), Ok(()));
        assert_eq!(workbook.next_id, 10);
    }
}
