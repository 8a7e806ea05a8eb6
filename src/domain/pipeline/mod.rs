//! The job search: applications with their dated stage history, the contacts
//! behind them, and what needs attention (follow-ups, likely ghosting, stale
//! contacts). Pure: every time-dependent function takes `today`.

mod application;
mod contact;
mod edits;
mod funnel;
pub mod import;
mod input;
mod order;
mod query;
mod record;
mod refs;
mod reminders;
mod source;
mod stage;
mod track;

pub use crate::domain::parse_required;
pub use application::{Application, FollowUp, NewApplication, SalaryRange, StageChange};
pub use contact::{Contact, Relationship, STALE_AFTER_DAYS, touched_within};
pub use edits::{applications_naming, delete_contact, mark_contacted, move_application};
pub use funnel::{FUNNEL_WEEKS, Funnel, StageCount, WeekCount, funnel};
pub use input::{
    GHOST_AFTER_DAYS_RANGE, TIME_TO_OFFER_MONTHS_RANGE, check_stage_date, optional_text,
    parse_date, parse_ghost_after_days, parse_optional_date, parse_relationship, parse_salary,
    parse_source, parse_stage, parse_stage_date, parse_time_to_offer, parse_track,
    validate_ghost_after_days, validate_time_to_offer,
};
pub use order::{board_columns, list_order, list_places};
pub use query::Query;
pub use record::ApplicationRecord;
pub use refs::{
    application_text, contacts_text, resolve_application, resolve_contacts, resolve_stories,
    stories_text,
};
pub use reminders::{
    contacts_due, follow_ups_due_today, ghost_suggestions, overdue_follow_ups, stale_contacts,
};
pub use source::Source;
pub use stage::Stage;
pub use track::Track;

use crate::domain::offers::{CurrentJob, Offer};
use crate::domain::{Id, Invalid};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The default for "suggest ghosted after N days without a stage change".
pub const DEFAULT_GHOST_AFTER_DAYS: u32 = 21;

/// The default time-to-offer, in months: how long before the money runs out
/// an offer is needed, and how long an application takes to become one.
/// Three months twice over is the six months DESIGN.md gives as the prudent
/// planning default for a search (the median spell is about 10 weeks), and
/// the runway at which the Now tab's money item asks for attention. See the
/// guide ("An offer is needed by").
pub const DEFAULT_TIME_TO_OFFER_MONTHS: u32 = 3;

/// The Pipeline section of the workbook.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pipeline {
    pub applications: Vec<Application>,
    pub contacts: Vec<Contact>,
    /// Days at applied/screening without a stage change before an application is
    /// suggested as ghosted. A file without it reads as the default (21), because
    /// `#[serde(default)]` on the struct fills missing fields from `Default`.
    pub ghost_after_days: u32,
    /// Job offers, weighed against staying (`domain::offers`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<Offer>,
    /// The current job's pay, for the offers' Stay column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_job: Option<CurrentJob>,
    /// Months an offer takes to turn into pay, and an application into an
    /// offer (see [`DEFAULT_TIME_TO_OFFER_MONTHS`]). Missing in a file: the default.
    pub time_to_offer_months: u32,
}

impl Default for Pipeline {
    fn default() -> Self {
        Self {
            applications: Vec::new(),
            contacts: Vec::new(),
            ghost_after_days: DEFAULT_GHOST_AFTER_DAYS,
            offers: Vec::new(),
            current_job: None,
            time_to_offer_months: DEFAULT_TIME_TO_OFFER_MONTHS,
        }
    }
}

impl Pipeline {
    pub fn application(&self, id: Id) -> Option<&Application> {
        self.applications.iter().find(|a| a.id == id)
    }

    pub fn contact(&self, id: Id) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    pub fn offer(&self, id: Id) -> Option<&Offer> {
        self.offers.iter().find(|o| o.id == id)
    }

    /// An open application (wishlist … offer) for the same company and role,
    /// compared as the import compares them: ignoring case, spaces and
    /// punctuation ("Acme, Inc." is "acme inc").
    pub fn open_duplicate(&self, company: &str, role: &str) -> Option<&Application> {
        let (company, role) = (import::identity(company), import::identity(role));
        self.applications.iter().find(|a| {
            a.stage.is_active()
                && import::identity(&a.company) == company
                && import::identity(&a.role) == role
        })
    }

    /// Checks every record, the setting, and that applications name only
    /// contacts that exist.
    pub fn validate(&self) -> Result<(), Invalid> {
        validate_ghost_after_days(self.ghost_after_days)?;
        validate_time_to_offer(self.time_to_offer_months)?;
        let contact_ids: HashSet<Id> = self.contacts.iter().map(|c| c.id).collect();
        for app in &self.applications {
            app.validate()?;
            names_known_contacts(app, &contact_ids)?;
        }
        self.contacts.iter().try_for_each(Contact::validate)?;
        self.offers.iter().try_for_each(Offer::validate)?;
        self.current_job
            .as_ref()
            .map_or(Ok(()), CurrentJob::validate)
    }

    /// Checks one application as it would be saved into this pipeline.
    pub fn check_application(&self, app: &Application) -> Result<(), Invalid> {
        app.validate()?;
        names_known_contacts(app, &self.contacts.iter().map(|c| c.id).collect())
    }
}

fn names_known_contacts(app: &Application, contact_ids: &HashSet<Id>) -> Result<(), Invalid> {
    match app.contacts.iter().find(|id| !contact_ids.contains(id)) {
        Some(missing) => Err(Invalid::new(
            "contacts",
            format!(
                "application #{} names contact #{missing}, who is not in the list",
                app.id
            ),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// One of every kind of record, every optional field filled somewhere.
    fn sample() -> Pipeline {
        let mut full = Application::new(1, "Acme", "Senior SRE", Stage::Wishlist, d(2026, 9, 28));
        full.move_to(Stage::Applied, d(2026, 10, 1)).unwrap();
        full.move_to(Stage::Interviewing, d(2026, 10, 15)).unwrap();
        full.track = Track::CloudOrSaas;
        full.source = Source::Referral;
        full.link = Some("https://acme.example/jobs/42".into());
        full.location = Some("Remote (US)".into());
        full.salary = Some(SalaryRange {
            min: Some(dec!(150000.00)),
            max: Some(dec!(185000.50)),
            note: Some("+ equity".into()),
        });
        full.next_action = Some("Send thank-you note".into());
        full.follow_up = Some(d(2026, 10, 20));
        full.contacts = vec![10, 11];
        full.notes = Some("Panel: \"systems design\", then hiring manager".into());
        full.stories = vec![3];
        let mut closed = Application::new(
            2,
            "Globex",
            "Platform engineer",
            Stage::Applied,
            d(2026, 9, 1),
        );
        closed.move_to(Stage::Ghosted, d(2026, 10, 1)).unwrap();
        let mut priya = Contact::new(10, "Priya Shah", Relationship::FormerColleague);
        priya.company = Some("Acme".into());
        priya.reach = Some("priya@example.com".into());
        priya.notes = Some("Referred me".into());
        priya.last_contacted = Some(d(2026, 10, 2));
        priya.next_touch = Some(d(2026, 11, 2));
        let contacts = vec![
            priya,
            Contact::new(11, "Sam Lee", Relationship::HiringManager),
            Contact::new(12, "Rae", Relationship::Recruiter),
            Contact::new(13, "Jo", Relationship::Peer),
            Contact::new(14, "Max", Relationship::Referral),
        ];
        Pipeline {
            applications: vec![full, closed],
            contacts,
            ghost_after_days: 28,
            time_to_offer_months: 4,
            ..Pipeline::default()
        }
    }

    #[test]
    fn ron_round_trip_keeps_everything() {
        let pipeline = sample();
        assert_eq!(pipeline.validate(), Ok(()));
        let text = ron::to_string(&pipeline).unwrap();
        let back: Pipeline = ron::from_str(&text).unwrap();
        assert_eq!(back, pipeline);
        // Money stays a decimal string in the file.
        assert!(text.contains("\"185000.50\""), "{text}");
        assert!(text.contains("\"2026-10-15\""), "{text}");
    }

    #[test]
    fn missing_fields_take_their_defaults() {
        let empty: Pipeline = ron::from_str("()").unwrap();
        assert_eq!(empty, Pipeline::default());
        assert_eq!(empty.ghost_after_days, 21);
        assert_eq!(empty.time_to_offer_months, 3);
        let text = r#"(
            applications: [(id: 5, company: "Acme", role: "SRE", stage: applied,
                            history: [(stage: applied, date: "2026-10-01")])],
            contacts: [(id: 6, name: "Priya", relationship: peer)],
        )"#;
        let pipeline: Pipeline = ron::from_str(text).unwrap();
        assert_eq!(pipeline.ghost_after_days, 21);
        assert_eq!(
            pipeline.applications[0],
            Application::new(5, "Acme", "SRE", Stage::Applied, d(2026, 10, 1))
        );
        assert_eq!(
            pipeline.contacts[0],
            Contact::new(6, "Priya", Relationship::Peer)
        );
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let app = r#"id: 1, company: "A", role: "B", stage: applied"#;
        for (text, field) in [
            (
                r#"(ghost_after_days: 21, colour: "red")"#.to_string(),
                "colour",
            ),
            (
                format!(r#"(applications: [({app}, salary_text: "x")])"#),
                "salary_text",
            ),
            (
                format!(r#"(applications: [({app}, salary: Some((min: None, band: 3)))])"#),
                "band",
            ),
            (
                format!(
                    r#"(applications: [({app}, history: [(stage: applied, date: "2026-10-01", by: "me")])])"#
                ),
                "by",
            ),
            (
                r#"(contacts: [(id: 1, name: "A", relationship: peer, email: "a@b")])"#.to_string(),
                "email",
            ),
        ] {
            let err = ron::from_str::<Pipeline>(&text).unwrap_err().to_string();
            assert!(err.contains(&format!("`{field}`")), "{field}: {err}");
        }
        // An unknown stage word is refused too.
        assert!(
            ron::from_str::<Pipeline>(
                r#"(applications: [(id: 1, company: "A", role: "B", stage: hired)])"#
            )
            .is_err()
        );
    }

    #[test]
    fn an_open_duplicate_is_found_ignoring_case_and_punctuation_but_not_a_closed_one() {
        let pipeline = sample();
        // Application 1: Acme — Senior SRE, interviewing.
        assert_eq!(
            pipeline
                .open_duplicate("ACME", "senior s.r.e.")
                .map(|a| a.id),
            None,
            "S.R.E. is not SRE: punctuation splits words"
        );
        assert_eq!(
            pipeline
                .open_duplicate("acme,", " Senior  SRE")
                .map(|a| a.id),
            Some(1)
        );
        assert_eq!(pipeline.open_duplicate("Acme", "SRE"), None, "another role");
        // Application 2: Globex — Platform engineer, ghosted (closed).
        assert_eq!(pipeline.open_duplicate("Globex", "Platform engineer"), None);
    }

    #[test]
    fn a_dangling_contact_is_refused() {
        let mut pipeline = sample();
        pipeline.contacts.retain(|c| c.id != 11);
        let err = pipeline.validate().unwrap_err();
        assert_eq!(err.field, "contacts");
        assert_eq!(
            err.message,
            "application #1 names contact #11, who is not in the list"
        );
        let zero = Pipeline {
            ghost_after_days: 0,
            ..Pipeline::default()
        };
        assert_eq!(zero.validate().unwrap_err().field, "ghost_after_days");
    }

    #[test]
    fn filtering_five_thousand_applications() {
        let applications: Vec<Application> = (0..5_000)
            .map(|i| {
                Application::new(
                    i,
                    format!("Company {i}"),
                    "Engineer",
                    Stage::Applied,
                    d(2026, 10, 1),
                )
            })
            .collect();
        let query = Query::new("company 4999");
        let hits: Vec<Id> = applications
            .iter()
            .filter(|a| a.matches(&query))
            .map(|a| a.id)
            .collect();
        assert_eq!(hits, vec![4999]);
        let everything = Query::new("");
        assert_eq!(
            applications
                .iter()
                .filter(|a| a.matches(&everything))
                .count(),
            5_000
        );
    }
}
