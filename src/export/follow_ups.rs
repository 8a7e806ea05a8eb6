//! Follow-ups as calendar events, for `careerbook export --format ics` (beside
//! the vests). UIDs are stable (`followup-<application id>@careerbook`), so a
//! newer export moves the event when the follow-up date changes instead of
//! adding a second one.

use crate::domain::Id;
use crate::domain::pipeline::{Application, Pipeline};
use crate::export::ics::CalendarEvent;
use chrono::NaiveDate;

/// The stable UID of an application's follow-up.
pub fn follow_up_uid(application: Id) -> String {
    format!("followup-{application}@careerbook")
}

/// One all-day event per active application with a follow-up date, overdue
/// ones included (they still need doing), sorted by date then UID. A closed
/// application's follow-up asks for nothing, so it is left out. `today` is
/// only used to say in the description that a date has already passed.
pub fn follow_up_events(pipeline: &Pipeline, today: NaiveDate) -> Vec<CalendarEvent> {
    let mut events: Vec<CalendarEvent> = pipeline
        .applications
        .iter()
        .filter(|app| app.stage.is_active())
        .filter_map(|app| {
            let date = app.follow_up?;
            Some(CalendarEvent {
                uid: follow_up_uid(app.id),
                date,
                summary: format!("Follow up: {} — {}", app.company, app.role),
                description: Some(description(pipeline, app, date, today)),
                alarm_days: None,
            })
        })
        .collect();
    events.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    events
}

fn description(
    pipeline: &Pipeline,
    app: &Application,
    date: NaiveDate,
    today: NaiveDate,
) -> String {
    let mut lines = Vec::new();
    if let Some(next) = &app.next_action {
        lines.push(format!("Next: {next}"));
    }
    let overdue = if date < today {
        " (already overdue when exported)"
    } else {
        ""
    };
    lines.push(format!("Stage: {}{overdue}", app.stage.label()));
    for contact in app.contacts.iter().filter_map(|&id| pipeline.contact(id)) {
        let reach = contact
            .reach
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        lines.push(format!("Contact: {}{reach}", contact.name));
    }
    if let Some(link) = &app.link {
        lines.push(link.clone());
    }
    lines.push(format!("careerbook application #{}", app.id));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pipeline::{Contact, Relationship, Stage};
    use crate::export::ics::calendar;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn pipeline() -> Pipeline {
        let mut northwind = Application::new(
            52,
            "Northwind Cloud",
            "Principal Cloud Architect",
            Stage::Interviewing,
            d(2026, 11, 17),
        );
        northwind.follow_up = Some(d(2026, 11, 25));
        northwind.next_action = Some("Send thank-you notes".into());
        northwind.contacts = vec![44];
        northwind.link = Some("https://northwind.example/jobs/7".into());
        let mut lumen = Application::new(
            58,
            "Lumen AI",
            "Founding Infra",
            Stage::Applied,
            d(2026, 11, 9),
        );
        lumen.follow_up = Some(d(2026, 12, 2));
        let mut closed =
            Application::new(56, "Cobalt", "Architect", Stage::Applied, d(2026, 10, 15));
        closed.follow_up = Some(d(2026, 11, 1));
        closed
            .move_to(Stage::Rejected, d(2026, 11, 6))
            .expect("move");
        let no_date =
            Application::new(60, "Orbital", "Architect", Stage::Wishlist, d(2026, 11, 21));
        let mut dana = Contact::new(44, "Dana Whitfield", Relationship::Recruiter);
        dana.reach = Some("dana@northwind.example".into());
        Pipeline {
            applications: vec![lumen, northwind, closed, no_date],
            contacts: vec![dana],
            ..Pipeline::default()
        }
    }

    #[test]
    fn one_event_per_active_follow_up_with_stable_uids() {
        let events = follow_up_events(&pipeline(), d(2026, 11, 26));
        let summary: Vec<(&str, NaiveDate, &str)> = events
            .iter()
            .map(|e| (e.uid.as_str(), e.date, e.summary.as_str()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "followup-52@careerbook",
                    d(2026, 11, 25),
                    "Follow up: Northwind Cloud — Principal Cloud Architect"
                ),
                (
                    "followup-58@careerbook",
                    d(2026, 12, 2),
                    "Follow up: Lumen AI — Founding Infra"
                ),
            ]
        );
        assert_eq!(
            events[0].description.as_deref(),
            Some(
                "Next: Send thank-you notes\nStage: Interviewing (already overdue when exported)\n\
                 Contact: Dana Whitfield (dana@northwind.example)\n\
                 https://northwind.example/jobs/7\ncareerbook application #52"
            )
        );
        assert_eq!(
            events[1].description.as_deref(),
            Some("Stage: Applied\ncareerbook application #58")
        );
    }

    #[test]
    fn a_moved_follow_up_keeps_its_uid_and_the_calendar_writes_it() {
        let mut p = pipeline();
        let before = follow_up_events(&p, d(2026, 11, 26));
        if let Some(app) = p.applications.iter_mut().find(|a| a.id == 58) {
            app.follow_up = Some(d(2026, 12, 9));
        }
        let after = follow_up_events(&p, d(2026, 11, 26));
        assert_eq!(before[1].uid, after[1].uid);
        assert_eq!(after[1].date, d(2026, 12, 9));
        let stamp = d(2026, 11, 26).and_hms_opt(9, 0, 0).expect("time");
        let text = calendar(&after, stamp);
        assert!(text.contains("UID:followup-58@careerbook\r\n"), "{text}");
        assert!(text.contains("DTSTART;VALUE=DATE:20261209\r\n"), "{text}");
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
    }
}
