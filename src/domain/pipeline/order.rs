//! The orders applications are shown in, shared by the board, the list and
//! `careerbook apps`, so every view agrees.

use super::{Application, Pipeline, Stage};
use std::cmp::Reverse;

/// The board: for each active stage (in [`Stage::ACTIVE`] order), its
/// applications with the earliest follow-up first (so overdue ones lead),
/// those without a follow-up after them, longest-waiting first. Each is its
/// place in `pipeline.applications`, so a screen reaches the record itself
/// without looking it up or copying it.
pub fn board_columns(pipeline: &Pipeline) -> [Vec<usize>; 5] {
    let apps = &pipeline.applications;
    let mut columns: [Vec<usize>; 5] = Default::default();
    for (at, app) in apps.iter().enumerate() {
        if let Some(column) = Stage::ACTIVE.iter().position(|&s| s == app.stage) {
            columns[column].push(at);
        }
    }
    columns.map(|mut column| {
        column.sort_by_key(|&at| {
            let a = &apps[at];
            (a.follow_up.is_none(), a.follow_up, a.last_change(), a.id)
        });
        column
    })
}

/// Every application, closed ones included: by stage (the board's columns,
/// then the closed stages), the most recently changed first within a stage.
pub fn list_order(applications: &[Application]) -> Vec<&Application> {
    list_places(applications)
        .into_iter()
        .map(|at| &applications[at])
        .collect()
}

/// [`list_order`] as places in `applications`.
pub fn list_places(applications: &[Application]) -> Vec<usize> {
    let mut all: Vec<usize> = (0..applications.len()).collect();
    all.sort_by_key(|&at| {
        let a = &applications[at];
        (a.stage, Reverse(a.last_change()), Reverse(a.id))
    });
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Id;
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
        let ids = |column: &[usize]| -> Vec<Id> {
            column
                .iter()
                .map(|&at| pipeline.applications[at].id)
                .collect()
        };
        assert_eq!(ids(&columns[0]), Vec::<Id>::new());
        // Follow-ups by date (#3 on 10 Nov, #2 on 2 Dec), then no follow-up,
        // oldest change first (#6 on 1 Oct, #1 on 1 Nov).
        assert_eq!(ids(&columns[1]), vec![3, 2, 6, 1]);
        // Places in the list: #3 is the third record (2), #2 the second (1),
        // #6 the sixth (5), #1 the first (0).
        assert_eq!(columns[1], vec![2, 1, 5, 0]);
        assert_eq!(columns[4], vec![3], "#4, the fourth record, is the offer");
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
        // The same order as places: #4 is the fourth record (3), #3 the
        // third (2), #2 the second (1), #1 the first (0).
        assert_eq!(list_places(&apps), vec![3, 2, 1, 0]);
    }
}
