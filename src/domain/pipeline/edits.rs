//! The edits the Pipeline tab and the pipeline commands make, built in one
//! place so both record a change the same way (one edit = one undo step).

use super::{Pipeline, Stage};
use crate::domain::edit::{Edit, Kind};
use crate::domain::{Id, Invalid};
use chrono::NaiveDate;

/// Moves application `id` to `stage` on `date`, recorded in its history.
/// `Ok(None)` when it is already at that stage (nothing to record).
pub fn move_application(
    pipeline: &Pipeline,
    id: Id,
    stage: Stage,
    date: NaiveDate,
) -> Result<Option<Edit>, Invalid> {
    let app = pipeline
        .application(id)
        .ok_or_else(|| Invalid::new("id", format!("there is no application #{id}")))?;
    if app.stage == stage {
        return Ok(None);
    }
    let mut moved = app.clone();
    moved.move_to(stage, date)?;
    Ok(Some(Edit::update(app.clone(), moved)))
}

/// Records contact `id` as contacted on `today` (see [`super::Contact::mark_contacted`]).
pub fn mark_contacted(pipeline: &Pipeline, id: Id, today: NaiveDate) -> Option<Edit> {
    let before = pipeline.contact(id)?;
    let mut contact = before.clone();
    contact.mark_contacted(today);
    Some(Edit::update(before.clone(), contact))
}

/// Deletes contact `id` and takes it off every application naming it, as one
/// batch: undo brings back the contact and every link at once.
pub fn delete_contact(pipeline: &Pipeline, id: Id) -> Option<Edit> {
    pipeline.contact(id)?;
    let mut edits: Vec<Edit> = pipeline
        .applications
        .iter()
        .filter(|app| app.contacts.contains(&id))
        .map(|app| {
            let mut after = app.clone();
            after.contacts.retain(|&c| c != id);
            Edit::update(app.clone(), after)
        })
        .collect();
    edits.push(Edit::Remove(Kind::Contact, id));
    Some(Edit::Batch(edits))
}

/// The applications that name contact `id`.
pub fn applications_naming(pipeline: &Pipeline, id: Id) -> Vec<Id> {
    pipeline
        .applications
        .iter()
        .filter(|app| app.contacts.contains(&id))
        .map(|app| app.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pipeline::{Application, Contact, Relationship};
    use crate::domain::workbook::Workbook;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("valid test date")
    }

    fn workbook() -> Workbook {
        let mut wb = Workbook::default();
        let mut a = Application::new(1, "Acme", "SRE", Stage::Applied, d(11, 2));
        a.contacts = vec![10, 11];
        let mut b = Application::new(2, "Globex", "SRE", Stage::Screening, d(11, 3));
        b.contacts = vec![10];
        wb.pipeline.applications = vec![a, b];
        let mut priya = Contact::new(10, "Priya", Relationship::Peer);
        priya.next_touch = Some(d(11, 20));
        wb.pipeline.contacts = vec![priya, Contact::new(11, "Sam", Relationship::Recruiter)];
        wb.next_id = 20;
        wb
    }

    #[test]
    fn moving_records_the_change_and_undo_takes_it_back() {
        let mut wb = workbook();
        let today = d(11, 26);
        let mut edit = move_application(&wb.pipeline, 1, Stage::Screening, today)
            .expect("valid")
            .expect("a change");
        let mut undo = edit.apply(&mut wb, today).expect("applies");
        let app = wb.pipeline.application(1).expect("still there");
        assert_eq!(app.stage, Stage::Screening);
        assert_eq!(app.last_change(), Some(today));
        assert_eq!(app.history.len(), 2);
        undo.apply(&mut wb, today).expect("undo");
        assert_eq!(wb, workbook());
        // Same stage: nothing to record. Unknown id and back-dated moves name their field.
        assert_eq!(
            move_application(&wb.pipeline, 1, Stage::Applied, today),
            Ok(None)
        );
        assert_eq!(
            move_application(&wb.pipeline, 9, Stage::Offer, today)
                .unwrap_err()
                .field,
            "id"
        );
        assert_eq!(
            move_application(&wb.pipeline, 1, Stage::Offer, d(11, 1))
                .unwrap_err()
                .field,
            "date"
        );
    }

    #[test]
    fn deleting_a_contact_unlinks_it_in_one_undoable_batch() {
        let mut wb = workbook();
        let today = d(11, 26);
        assert_eq!(applications_naming(&wb.pipeline, 10), vec![1, 2]);
        let mut edit = delete_contact(&wb.pipeline, 10).expect("exists");
        let mut undo = edit.apply(&mut wb, today).expect("applies");
        assert!(wb.pipeline.contact(10).is_none());
        assert_eq!(wb.pipeline.applications[0].contacts, vec![11]);
        assert!(wb.pipeline.applications[1].contacts.is_empty());
        assert_eq!(wb.pipeline.validate(), Ok(()));
        undo.apply(&mut wb, today).expect("undo");
        assert_eq!(wb, workbook());
        assert!(delete_contact(&wb.pipeline, 99).is_none());
    }

    #[test]
    fn contacted_today_clears_a_due_touch() {
        let mut wb = workbook();
        let today = d(11, 26);
        let mut edit = mark_contacted(&wb.pipeline, 10, today).expect("exists");
        edit.apply(&mut wb, today).expect("applies");
        let priya = wb.pipeline.contact(10).expect("there");
        assert_eq!(priya.last_contacted, Some(today));
        assert_eq!(priya.next_touch, None);
    }
}
