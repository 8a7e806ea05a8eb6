//! The root of everything careerbook saves: one value, one file.

use super::Id;
use super::checklist::NowBook;
use super::edit::Kind;
use super::impact::ImpactLog;
use super::pipeline::Pipeline;
use super::runway::RunwayPlan;
use super::vesting::VestingBook;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The format version this build writes. Bump it, and add a migration step in
/// `store::migrate`, whenever a change would make an older build misread a file.
pub const CURRENT_VERSION: u32 = 1;

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
        }
    }
}

impl Workbook {
    /// Hands out a fresh id.
    pub fn allocate_id(&mut self) -> Id {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// After loading a file people may have edited by hand: rejects two records
    /// of a kind sharing an id, and moves the id counter past every id in use so
    /// a new record can never take an existing one's id.
    pub fn settle(&mut self) -> Result<(), String> {
        let mut highest = 0;
        for &kind in Kind::ALL {
            let mut seen = HashSet::new();
            for id in kind.ids(self) {
                if !seen.insert(id) {
                    return Err(format!(
                        "two {} records have id {id}; give one of them another id",
                        kind.noun()
                    ));
                }
                highest = highest.max(id);
            }
        }
        self.next_id = self.next_id.max(highest + 1);
        Ok(())
    }
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
}
