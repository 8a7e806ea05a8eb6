//! What needs the user's attention today: follow-ups and likely ghosting.
//! Nothing here changes an application; the user decides.

use super::{Application, Contact, FollowUp, Pipeline};
use crate::domain::Id;
use chrono::NaiveDate;

/// Active applications whose follow-up date has passed, most overdue first.
pub fn overdue_follow_ups(pipeline: &Pipeline, today: NaiveDate) -> Vec<Id> {
    let mut late: Vec<&Application> = pipeline
        .applications
        .iter()
        .filter(|a| matches!(a.follow_up_state(today), Some(FollowUp::Overdue { .. })))
        .collect();
    late.sort_by_key(|a| (a.follow_up, a.id));
    late.into_iter().map(|a| a.id).collect()
}

/// Active applications whose follow-up is today (kept apart from the overdue ones).
pub fn follow_ups_due_today(pipeline: &Pipeline, today: NaiveDate) -> Vec<Id> {
    pipeline
        .applications
        .iter()
        .filter(|a| a.follow_up_state(today) == Some(FollowUp::DueToday))
        .map(|a| a.id)
        .collect()
}

/// Applications suggested as ghosted: at applied or screening with no stage
/// change for `pipeline.ghost_after_days` days or more, longest silence first.
/// Only a suggestion: moving one to `ghosted` is the user's call.
pub fn ghost_suggestions(pipeline: &Pipeline, today: NaiveDate) -> Vec<Id> {
    let mut quiet: Vec<&Application> = pipeline
        .applications
        .iter()
        .filter(|a| a.looks_ghosted(today, pipeline.ghost_after_days))
        .collect();
    quiet.sort_by_key(|a| (a.last_change(), a.id));
    quiet.into_iter().map(|a| a.id).collect()
}

/// Contacts whose next touch is today or past, the longest waiting first.
pub fn contacts_due(pipeline: &Pipeline, today: NaiveDate) -> Vec<Id> {
    let mut due: Vec<&Contact> = pipeline
        .contacts
        .iter()
        .filter(|c| c.is_due(today))
        .collect();
    due.sort_by_key(|c| (c.next_touch, c.id));
    due.into_iter().map(|c| c.id).collect()
}

/// Contacts not contacted for 30 days or more: never-contacted first, then
/// the longest silence.
pub fn stale_contacts(pipeline: &Pipeline, today: NaiveDate) -> Vec<Id> {
    let mut stale: Vec<&Contact> = pipeline
        .contacts
        .iter()
        .filter(|c| c.is_stale(today))
        .collect();
    stale.sort_by_key(|c| (c.last_contacted, c.id));
    stale.into_iter().map(|c| c.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pipeline::{Relationship, Stage};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn with_follow_up(id: Id, stage: Stage, follow_up: NaiveDate) -> Application {
        let mut a = Application::new(id, "Co", "Role", stage, d(2026, 11, 1));
        a.follow_up = Some(follow_up);
        a
    }

    #[test]
    fn overdue_and_due_today_are_separate() {
        let today = d(2026, 11, 26);
        let pipeline = Pipeline {
            applications: vec![
                with_follow_up(1, Stage::Applied, d(2026, 11, 25)), // 1 day late
                with_follow_up(2, Stage::Screening, today),
                with_follow_up(3, Stage::Interviewing, d(2026, 11, 27)), // tomorrow
                with_follow_up(4, Stage::Rejected, d(2026, 11, 20)),     // closed: ignored
                with_follow_up(5, Stage::Wishlist, d(2026, 11, 10)),     // 16 days late
                Application::new(6, "Co", "Role", Stage::Applied, d(2026, 11, 1)),
            ],
            ..Pipeline::default()
        };
        assert_eq!(overdue_follow_ups(&pipeline, today), vec![5, 1]);
        assert_eq!(follow_ups_due_today(&pipeline, today), vec![2]);
    }

    #[test]
    fn ghost_suggestions_use_the_setting_and_never_move_anything() {
        let today = d(2026, 11, 26);
        let pipeline = Pipeline {
            applications: vec![
                Application::new(1, "Co", "Role", Stage::Applied, d(2026, 11, 6)), // 20 days
                Application::new(2, "Co", "Role", Stage::Applied, d(2026, 11, 5)), // 21 days
                Application::new(3, "Co", "Role", Stage::Screening, d(2026, 11, 4)), // 22 days
                Application::new(4, "Co", "Role", Stage::Interviewing, d(2026, 9, 1)),
                Application::new(5, "Co", "Role", Stage::Ghosted, d(2026, 9, 1)),
            ],
            ..Pipeline::default()
        };
        let before = pipeline.clone();
        assert_eq!(pipeline.ghost_after_days, 21);
        assert_eq!(ghost_suggestions(&pipeline, today), vec![3, 2]);
        assert_eq!(pipeline, before);

        let patient = Pipeline {
            ghost_after_days: 30,
            ..pipeline
        };
        assert!(ghost_suggestions(&patient, today).is_empty());
    }

    #[test]
    fn due_and_stale_contacts_in_order() {
        let today = d(2026, 11, 26);
        let contact = |id: Id, last: Option<NaiveDate>, next: Option<NaiveDate>| {
            let mut c = Contact::new(id, "Someone", Relationship::Peer);
            c.last_contacted = last;
            c.next_touch = next;
            c
        };
        let pipeline = Pipeline {
            contacts: vec![
                contact(1, Some(d(2026, 11, 20)), Some(today)), // 6 days ago, due today
                contact(2, Some(d(2026, 10, 27)), None),        // 30 days ago: stale
                contact(3, None, Some(d(2026, 11, 1))),         // never, due since Nov 1
                contact(4, Some(d(2026, 9, 1)), Some(d(2026, 12, 1))), // stale, not yet due
                contact(5, Some(d(2026, 10, 28)), None),        // 29 days ago: fresh
            ],
            ..Pipeline::default()
        };
        assert_eq!(contacts_due(&pipeline, today), vec![3, 1]);
        assert_eq!(stale_contacts(&pipeline, today), vec![3, 4, 2]);
    }
}
