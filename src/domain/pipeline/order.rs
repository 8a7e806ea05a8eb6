//! The orders applications are shown in, shared by the board, the list and
//! `careerbook apps`, so every view agrees.

use super::{Application, Pipeline, Stage};
use crate::domain::Id;
use std::cmp::Reverse;

/// The board: for each active stage (in [`Stage::ACTIVE`] order), its
/// applications with the earliest follow-up first (so overdue ones lead),
/// those without a follow-up after them, longest-waiting first.
pub fn board_columns(pipeline: &Pipeline) -> [Vec<Id>; 5] {
    let mut columns: [Vec<&Application>; 5] = Default::default();
    for app in &pipeline.applications {
        if let Some(at) = Stage::ACTIVE.iter().position(|&s| s == app.stage) {
            columns[at].push(app);
        }
    }
    columns.map(|mut column| {
        column.sort_by_key(|a| (a.follow_up.is_none(), a.follow_up, a.last_change(), a.id));
        column.into_iter().map(|a| a.id).collect()
    })
}

/// Every application, closed ones included: by stage (the board's columns,
/// then the closed stages), the most recently changed first within a stage.
pub fn list_order(applications: &[Application]) -> Vec<&Application> {
    let mut all: Vec<&Application> = applications.iter().collect();
    all.sort_by_key(|a| (a.stage, Reverse(a.last_change()), Reverse(a.id)));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("valid test date")
    }

    fn app(id: Id, stage: Stage, date: NaiveDate, follow_up: Option<NaiveDate>) -> Application {
        let mut a = Application::new(id, "Co", "Role", stage, date);
        a.follow_up = follow_up;
        a
    }

    #[test]
    fn board_puts_the_earliest_follow_up_first_and_leaves_closed_out() {
        let pipeline = Pipeline {
            applications: vec![
                app(1, Stage::Applied, d(11, 1), None),
                app(2, Stage::Applied, d(11, 9), Some(d(12, 2))),
                app(3, Stage::Applied, d(10, 20), Some(d(11, 10))),
                app(4, Stage::Offer, d(11, 24), None),
                app(5, Stage::Rejected, d(11, 6), Some(d(11, 1))),
                app(6, Stage::Applied, d(10, 1), None),
            ],
            ..Pipeline::default()
        };
        let columns = board_columns(&pipeline);
        assert_eq!(columns[0], Vec::<Id>::new());
        // Follow-ups by date, then no follow-up, oldest change first.
        assert_eq!(columns[1], vec![3, 2, 6, 1]);
        assert_eq!(columns[4], vec![4]);
        let on_board: usize = columns.iter().map(Vec::len).sum();
        assert_eq!(on_board, 5, "the rejected application is not on the board");
    }

    #[test]
    fn list_is_by_stage_then_most_recent_change() {
        let apps = vec![
            app(1, Stage::Rejected, d(11, 6), None),
            app(2, Stage::Applied, d(11, 1), None),
            app(3, Stage::Applied, d(11, 9), None),
            app(4, Stage::Wishlist, d(11, 2), None),
        ];
        let ids: Vec<Id> = list_order(&apps).iter().map(|a| a.id).collect();
        assert_eq!(ids, vec![4, 3, 2, 1]);
    }
}
