//! The network behind the search: who the user knows and when to reach out.

use super::query::Query;
use crate::domain::choice::{Choice, Choices};
use crate::domain::parse_required;
use crate::domain::{Id, Invalid, dates};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A contact counts as stale after this many days without contact.
pub const STALE_AFTER_DAYS: i64 = 30;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub company: Option<String>,
    pub relationship: Relationship,
    /// How to reach them: an email, a phone number, "LinkedIn".
    #[serde(default)]
    pub reach: Option<String>,
    /// Their job title (LinkedIn's "Position").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// A profile address (LinkedIn's "URL"): how an import knows them again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub last_contacted: Option<NaiveDate>,
    #[serde(default)]
    pub next_touch: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    Recruiter,
    HiringManager,
    Peer,
    FormerColleague,
    /// Someone who refers, or could refer, the user.
    Referral,
}

impl Relationship {
    pub const ALL: [Self; 5] = [
        Self::Recruiter,
        Self::HiringManager,
        Self::Peer,
        Self::FormerColleague,
        Self::Referral,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Recruiter => "Recruiter",
            Self::HiringManager => "Hiring manager",
            Self::Peer => "Peer",
            Self::FormerColleague => "Former colleague",
            Self::Referral => "Referral",
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Self::Recruiter => "recruiter",
            Self::HiringManager => "hiring_manager",
            Self::Peer => "peer",
            Self::FormerColleague => "former_colleague",
            Self::Referral => "referral",
        }
    }

    pub fn parse(input: &str) -> Result<Self, String> {
        Self::CHOICES.parse(input)
    }
}

impl Choice for Relationship {
    const CHOICES: Choices<Self> = Choices {
        what: "relationship",
        all: &Relationship::ALL,
        key: Relationship::key,
        label: Relationship::label,
        synonyms: &[
            ("manager", Relationship::HiringManager),
            ("colleague", Relationship::FormerColleague),
            ("ex colleague", Relationship::FormerColleague),
            ("referrer", Relationship::Referral),
            ("talent partner", Relationship::Recruiter),
            ("sourcer", Relationship::Recruiter),
            ("hm", Relationship::HiringManager),
            ("coworker", Relationship::FormerColleague),
            ("friend", Relationship::Peer),
        ],
    };
}

impl FromStr for Relationship {
    type Err = String;
    fn from_str(input: &str) -> Result<Self, String> {
        Self::parse(input)
    }
}

impl Contact {
    pub fn new(id: Id, name: impl Into<String>, relationship: Relationship) -> Self {
        Self {
            id,
            name: name.into(),
            company: None,
            relationship,
            reach: None,
            position: None,
            link: None,
            notes: None,
            last_contacted: None,
            next_touch: None,
        }
    }

    /// Whole days since the last contact; `None` if never contacted.
    pub fn days_since_contact(&self, today: NaiveDate) -> Option<i64> {
        self.last_contacted
            .map(|last| dates::days_between(last, today))
    }

    /// Not contacted for 30 days or more, or never. Exactly 30 days ago is stale,
    /// so every contact is either stale or "touched in the last 30 days", never both.
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        self.days_since_contact(today)
            .is_none_or(|days| days >= STALE_AFTER_DAYS)
    }

    /// A touch is planned for today or a day already past.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.next_touch.is_some_and(|next| next <= today)
    }

    /// Contacted fewer than `days` days ago (0 = today). A date after today
    /// (a typo, or a call booked ahead) also counts, matching [`Contact::is_stale`].
    pub fn touched_within(&self, today: NaiveDate, days: i64) -> bool {
        self.days_since_contact(today)
            .is_some_and(|since| since < days)
    }

    /// Records a contact today (`c` on the contacts view). A next touch that was
    /// due (today or earlier) is done, so it is cleared; one still in the future
    /// was planned on purpose and stays.
    pub fn mark_contacted(&mut self, today: NaiveDate) {
        self.last_contacted = Some(today);
        if self.is_due(today) {
            self.next_touch = None;
        }
    }

    /// Whether every word of `query` appears in the name, company, position,
    /// relationship, how to reach them, or notes.
    pub fn matches(&self, query: &Query) -> bool {
        let fields = [
            self.name.as_str(),
            self.company.as_deref().unwrap_or(""),
            self.position.as_deref().unwrap_or(""),
            self.relationship.label(),
            self.reach.as_deref().unwrap_or(""),
            self.notes.as_deref().unwrap_or(""),
        ];
        query.matches_any(fields.into_iter())
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        parse_required("name", &self.name).map(|_| ())
    }
}

/// How many contacts were touched fewer than `days` days ago: the Now tab's
/// "contacts touched in the last 30 days" is `touched_within(contacts, today, 30)`
/// (29 days ago counts; 30 and 31 do not).
pub fn touched_within(contacts: &[Contact], today: NaiveDate, days: i64) -> usize {
    contacts
        .iter()
        .filter(|contact| contact.touched_within(today, days))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn contacted(days_ago: u64, today: NaiveDate) -> Contact {
        let mut c = Contact::new(days_ago, "Priya", Relationship::Peer);
        c.last_contacted = Some(today - chrono::Days::new(days_ago));
        c
    }

    #[test]
    fn stale_from_thirty_days_or_never() {
        let today = d(2026, 11, 26);
        assert!(!contacted(29, today).is_stale(today)); // Oct 28
        assert!(contacted(30, today).is_stale(today)); // Oct 27
        assert!(contacted(31, today).is_stale(today)); // Oct 26
        assert!(Contact::new(1, "Sam", Relationship::Recruiter).is_stale(today));
    }

    #[test]
    fn touched_in_the_last_thirty_days_counts_29_not_30_or_31() {
        let today = d(2026, 11, 26);
        let contacts = vec![
            contacted(0, today),
            contacted(29, today),
            contacted(30, today),
            contacted(31, today),
            Contact::new(9, "Never", Relationship::Peer),
        ];
        // 0 and 29 days ago count: 2 of 5.
        assert_eq!(touched_within(&contacts, today, 30), 2);
        assert_eq!(touched_within(&contacts, today, 31), 3);
        assert_eq!(touched_within(&[], today, 30), 0);
    }

    #[test]
    fn due_when_next_touch_is_today_or_past() {
        let today = d(2026, 11, 26);
        let mut c = Contact::new(1, "Sam", Relationship::Recruiter);
        assert!(!c.is_due(today));
        c.next_touch = Some(d(2026, 11, 27));
        assert!(!c.is_due(today));
        c.next_touch = Some(today);
        assert!(c.is_due(today));
        c.next_touch = Some(d(2026, 11, 1));
        assert!(c.is_due(today));
    }

    #[test]
    fn marking_contacted_clears_a_due_touch_but_keeps_a_planned_one() {
        let today = d(2026, 11, 26);
        let mut due = Contact::new(1, "Sam", Relationship::Recruiter);
        due.next_touch = Some(d(2026, 11, 20));
        due.mark_contacted(today);
        assert_eq!(due.last_contacted, Some(today));
        assert_eq!(due.next_touch, None);

        let mut planned = Contact::new(2, "Lee", Relationship::HiringManager);
        planned.next_touch = Some(d(2026, 12, 10));
        planned.mark_contacted(today);
        assert_eq!(planned.next_touch, Some(d(2026, 12, 10)));
        assert!(!planned.is_stale(today));
    }

    #[test]
    fn parses_relationships_and_validates_names() {
        assert_eq!(
            Relationship::parse("hiring-manager"),
            Ok(Relationship::HiringManager)
        );
        assert_eq!(
            Relationship::parse("Former Colleague"),
            Ok(Relationship::FormerColleague)
        );
        assert!(
            Relationship::parse("cousin")
                .unwrap_err()
                .contains("not a relationship")
        );
        let mut c = Contact::new(1, " ", Relationship::Peer);
        assert_eq!(c.validate(), Err(Invalid::new("name", "enter the name")));
        c.name = "Priya".into();
        assert_eq!(c.validate(), Ok(()));
    }

    #[test]
    fn filter_finds_contacts_by_any_field() {
        let mut c = Contact::new(1, "Priya Shah", Relationship::FormerColleague);
        c.company = Some("Globex".into());
        c.reach = Some("priya@example.com".into());
        assert!(c.matches(&Query::new("globex priya")));
        assert!(c.matches(&Query::new("colleague")));
        assert!(!c.matches(&Query::new("initech")));
    }

    proptest! {
        /// Every contact is exactly one of: stale, or touched in the last 30 days.
        #[test]
        fn stale_and_touched_are_complements(offset in -400i64..400) {
            let today = d(2026, 11, 26);
            let mut c = Contact::new(1, "Priya", Relationship::Peer);
            c.last_contacted = Some(today - chrono::Duration::days(offset));
            prop_assert_ne!(c.is_stale(today), c.touched_within(today, STALE_AFTER_DAYS));
        }
    }
}
