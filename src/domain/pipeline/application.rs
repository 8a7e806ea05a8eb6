//! One job application: what it is, where it stands, and the dated road it took.

use super::query::Query;
use super::{Source, Stage, Track};
use crate::domain::parse_required;
use crate::domain::{Id, Invalid, dates, money};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    pub id: Id,
    pub company: String,
    pub role: String,
    #[serde(default)]
    pub track: Track,
    #[serde(default)]
    pub source: Source,
    #[serde(default)]
    pub link: Option<String>,
    /// Where the job is, or "remote".
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub salary: Option<SalaryRange>,
    /// Always the stage of the last `history` entry.
    pub stage: Stage,
    /// Every stage change, oldest first, dated; the first entry is when the
    /// application was recorded.
    #[serde(default, deserialize_with = "crate::domain::shrunk")]
    pub history: Vec<StageChange>,
    #[serde(default)]
    pub next_action: Option<String>,
    #[serde(default)]
    pub follow_up: Option<NaiveDate>,
    /// Ids of the contacts involved.
    #[serde(default)]
    pub contacts: Vec<Id>,
    #[serde(default)]
    pub notes: Option<String>,
    /// Ids of Impact-log wins the user plans to tell as stories here.
    #[serde(default)]
    pub stories: Vec<Id>,
}

/// One entry of an application's history. History entries are values inside
/// their application, never addressed on their own, so they carry no id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageChange {
    pub stage: Stage,
    pub date: NaiveDate,
}

/// An advertised or offered pay range; either end may be unknown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SalaryRange {
    #[serde(default)]
    pub min: Option<Decimal>,
    #[serde(default)]
    pub max: Option<Decimal>,
    /// Anything the numbers do not say: "per year, EUR", "+ equity", "DOE".
    #[serde(default)]
    pub note: Option<String>,
}

/// Where an application's follow-up date stands on `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowUp {
    /// The date has passed; `days` late (1 = it was yesterday).
    Overdue {
        days: i64,
    },
    DueToday,
    /// `days` from now (1 = tomorrow).
    Upcoming {
        days: i64,
    },
}

impl Application {
    /// A new application at `stage` on `date`, the first history entry.
    pub fn new(
        id: Id,
        company: impl Into<String>,
        role: impl Into<String>,
        stage: Stage,
        date: NaiveDate,
    ) -> Self {
        Self {
            id,
            company: company.into(),
            role: role.into(),
            track: Track::default(),
            source: Source::default(),
            link: None,
            location: None,
            salary: None,
            stage,
            history: vec![StageChange { stage, date }],
            next_action: None,
            follow_up: None,
            contacts: Vec::new(),
            notes: None,
            stories: Vec::new(),
        }
    }

    /// Moves to `stage` on `date` and records it. Moving to the current stage
    /// changes nothing; a date before the last recorded change is refused, so the
    /// history always reads in order.
    pub fn move_to(&mut self, stage: Stage, date: NaiveDate) -> Result<(), Invalid> {
        if stage == self.stage {
            return Ok(());
        }
        if let Some(last) = self.history.last()
            && date < last.date
        {
            return Err(Invalid::new(
                "date",
                format!(
                    "{date} is before the last change ({} on {})",
                    last.stage.key(),
                    last.date
                ),
            ));
        }
        self.history.push(StageChange { stage, date });
        self.stage = stage;
        Ok(())
    }

    /// The day it first reached `applied` or any stage that implies applying
    /// (screening, …, rejected, ghosted), so one entered straight at
    /// `interviewing` counts from that day. `None` for a wishlist item, and for
    /// one withdrawn from the wishlist.
    pub fn applied_on(&self) -> Option<NaiveDate> {
        first_applied(&self.history)
    }

    /// Whether the history shows this stage was reached. Stages are ordered, so a
    /// later milestone implies the earlier ones (an application entered at
    /// `interviewing` has reached `screening`; a declined offer reached `offer`;
    /// a rejection reached `applied`). A side exit (declined, rejected, withdrawn,
    /// ghosted) is reached only if it is in the history itself.
    pub fn reached(&self, stage: Stage) -> bool {
        if stage.is_milestone() {
            self.history
                .iter()
                .any(|change| change.stage.progress() >= stage.progress())
        } else {
            self.history.iter().any(|change| change.stage == stage)
        }
    }

    /// The date of the last stage change (the first entry when it never moved).
    pub fn last_change(&self) -> Option<NaiveDate> {
        self.history.last().map(|change| change.date)
    }

    /// The follow-up's standing, for an active application that has one.
    /// A closed application's follow-up no longer asks for anything.
    pub fn follow_up_state(&self, today: NaiveDate) -> Option<FollowUp> {
        let due = self.follow_up.filter(|_| self.stage.is_active())?;
        let days = dates::days_between(today, due);
        Some(match days {
            d if d < 0 => FollowUp::Overdue { days: -d },
            0 => FollowUp::DueToday,
            d => FollowUp::Upcoming { days: d },
        })
    }

    /// Suggested as ghosted: still waiting at `applied` or `screening` with no
    /// stage change for `after_days` days or more. Interviewing is left out on
    /// purpose: rounds go on for weeks without a stage change, so silence there
    /// is not shown by the history.
    pub fn looks_ghosted(&self, today: NaiveDate, after_days: u32) -> bool {
        matches!(self.stage, Stage::Applied | Stage::Screening)
            && self
                .last_change()
                .is_some_and(|last| dates::days_between(last, today) >= i64::from(after_days))
    }

    /// Whether every word of `query` appears in the company, role, stage, track,
    /// source, location or notes.
    pub fn matches(&self, query: &Query) -> bool {
        if query.is_empty() {
            return true;
        }
        let fields = [
            self.company.as_str(),
            self.role.as_str(),
            self.stage.label(),
            self.track.label(),
            self.track.key(),
            self.source.label(),
            self.source.key(),
            self.location.as_deref().unwrap_or(""),
            self.notes.as_deref().unwrap_or(""),
        ];
        query.matches_any(fields.into_iter())
    }

    /// Checks what a form or a hand-edited file could get wrong.
    pub fn validate(&self) -> Result<(), Invalid> {
        parse_required("company", &self.company)?;
        parse_required("role", &self.role)?;
        if let Some(salary) = &self.salary {
            salary.validate()?;
        }
        validate_history(&self.history, self.stage)
    }
}

impl SalaryRange {
    /// `$210,000.00–$240,000.00 · base, USD`, `from $180,000.00`, `up to …`;
    /// `None` when it says nothing.
    pub fn describe(&self) -> Option<String> {
        let range = match (self.min, self.max) {
            (Some(min), Some(max)) if min == max => Some(money::format_money(min)),
            (Some(min), Some(max)) => Some(format!(
                "{}–{}",
                money::format_money(min),
                money::format_money(max)
            )),
            (Some(min), None) => Some(format!("from {}", money::format_money(min))),
            (None, Some(max)) => Some(format!("up to {}", money::format_money(max))),
            (None, None) => None,
        };
        let parts: Vec<String> = range.into_iter().chain(self.note.clone()).collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        for (field, value) in [("salary_min", self.min), ("salary_max", self.max)] {
            if value.is_some_and(|v| v.is_sign_negative() && !v.is_zero()) {
                return Err(Invalid::new(field, "cannot be negative"));
            }
            if value.is_some_and(|v| !money::within_limit(v)) {
                return Err(Invalid::new(
                    field,
                    "is larger than any salary (at most 1,000,000,000,000); check the number",
                ));
            }
        }
        match (self.min, self.max) {
            (Some(min), Some(max)) if min > max => Err(Invalid::new(
                "salary_max",
                format!("the top of the range ({max}) is below the bottom ({min})"),
            )),
            _ => Ok(()),
        }
    }
}

/// An application read from somewhere (an import) before the workbook gives it
/// an id. Contacts and stories are workbook ids, so a new one has none yet.
#[derive(Clone, Debug, PartialEq)]
pub struct NewApplication {
    pub company: String,
    pub role: String,
    pub track: Track,
    pub source: Source,
    pub link: Option<String>,
    pub location: Option<String>,
    pub salary: Option<SalaryRange>,
    pub stage: Stage,
    pub history: Vec<StageChange>,
    pub next_action: Option<String>,
    pub follow_up: Option<NaiveDate>,
    pub notes: Option<String>,
}

impl NewApplication {
    pub fn applied_on(&self) -> Option<NaiveDate> {
        first_applied(&self.history)
    }

    pub fn into_application(self, id: Id) -> Application {
        Application {
            id,
            company: self.company,
            role: self.role,
            track: self.track,
            source: self.source,
            link: self.link,
            location: self.location,
            salary: self.salary,
            stage: self.stage,
            history: self.history,
            next_action: self.next_action,
            follow_up: self.follow_up,
            contacts: Vec::new(),
            notes: self.notes,
            stories: Vec::new(),
        }
    }
}

fn first_applied(history: &[StageChange]) -> Option<NaiveDate> {
    history
        .iter()
        .find(|change| change.stage.progress() >= Stage::Applied.progress())
        .map(|change| change.date)
}

/// A history must exist, read in date order and end at the current stage.
pub(crate) fn validate_history(history: &[StageChange], stage: Stage) -> Result<(), Invalid> {
    let Some(last) = history.last() else {
        return Err(Invalid::new("history", "needs at least one dated stage"));
    };
    if let Some(pair) = history.windows(2).find(|pair| pair[1].date < pair[0].date) {
        return Err(Invalid::new(
            "history",
            format!(
                "{} on {} comes after {} on {}; the dates must run in order",
                pair[1].stage.key(),
                pair[1].date,
                pair[0].stage.key(),
                pair[0].date
            ),
        ));
    }
    if last.stage != stage {
        return Err(Invalid::new(
            "stage",
            format!(
                "is {} but the history ends at {}",
                stage.key(),
                last.stage.key()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn a_salary_range_is_described_by_what_it_says() {
        let range = |min, max, note: Option<&str>| SalaryRange {
            min,
            max,
            note: note.map(str::to_string),
        };
        let (low, high) = (Some(dec!(210000)), Some(dec!(240000)));
        assert_eq!(
            range(low, high, Some("base, USD")).describe().as_deref(),
            Some("$210,000.00–$240,000.00 · base, USD")
        );
        assert_eq!(
            range(low, low, None).describe().as_deref(),
            Some("$210,000.00")
        );
        assert_eq!(
            range(low, None, None).describe().as_deref(),
            Some("from $210,000.00")
        );
        assert_eq!(
            range(None, high, None).describe().as_deref(),
            Some("up to $240,000.00")
        );
        assert_eq!(
            range(None, None, Some("DOE")).describe().as_deref(),
            Some("DOE")
        );
        assert_eq!(range(None, None, None).describe(), None);
    }

    fn app(stage: Stage, date: NaiveDate) -> Application {
        Application::new(1, "Acme", "SRE", stage, date)
    }

    #[test]
    fn new_records_the_first_history_entry() {
        let a = app(Stage::Applied, d(2026, 10, 1));
        assert_eq!(
            a.history,
            vec![StageChange {
                stage: Stage::Applied,
                date: d(2026, 10, 1)
            }]
        );
        assert_eq!(a.stage, Stage::Applied);
        assert_eq!(a.validate(), Ok(()));
    }

    #[test]
    fn moves_are_recorded_in_order() {
        let mut a = app(Stage::Applied, d(2026, 10, 1));
        a.move_to(Stage::Screening, d(2026, 10, 8)).unwrap();
        a.move_to(Stage::Rejected, d(2026, 10, 8)).unwrap(); // same day is fine
        let stages: Vec<_> = a.history.iter().map(|c| (c.stage, c.date)).collect();
        assert_eq!(
            stages,
            vec![
                (Stage::Applied, d(2026, 10, 1)),
                (Stage::Screening, d(2026, 10, 8)),
                (Stage::Rejected, d(2026, 10, 8)),
            ]
        );
        assert_eq!(a.stage, Stage::Rejected);
        assert_eq!(a.validate(), Ok(()));
    }

    #[test]
    fn moving_to_the_same_stage_adds_nothing() {
        let mut a = app(Stage::Applied, d(2026, 10, 1));
        a.move_to(Stage::Applied, d(2026, 10, 20)).unwrap();
        assert_eq!(a.history.len(), 1);
        assert_eq!(a.last_change(), Some(d(2026, 10, 1)));
    }

    #[test]
    fn a_back_dated_move_is_refused_and_changes_nothing() {
        let mut a = app(Stage::Applied, d(2026, 10, 8));
        let before = a.clone();
        let err = a.move_to(Stage::Screening, d(2026, 10, 7)).unwrap_err();
        assert_eq!(err.field, "date");
        assert_eq!(
            err.message,
            "2026-10-07 is before the last change (applied on 2026-10-08)"
        );
        assert_eq!(a, before);
    }

    #[test]
    fn applied_on_is_the_first_day_at_or_past_applied() {
        let mut a = app(Stage::Wishlist, d(2026, 9, 20));
        assert_eq!(a.applied_on(), None);
        a.move_to(Stage::Applied, d(2026, 10, 1)).unwrap();
        a.move_to(Stage::Screening, d(2026, 10, 8)).unwrap();
        assert_eq!(a.applied_on(), Some(d(2026, 10, 1)));
        // Entered straight at interviewing: that day counts as applied.
        assert_eq!(
            app(Stage::Interviewing, d(2026, 11, 2)).applied_on(),
            Some(d(2026, 11, 2))
        );
        // Wishlist → rejected: a rejection means there was an application.
        let mut skipped = app(Stage::Wishlist, d(2026, 9, 1));
        skipped.move_to(Stage::Rejected, d(2026, 9, 30)).unwrap();
        assert_eq!(skipped.applied_on(), Some(d(2026, 9, 30)));
        // Wishlist → withdrawn: never applied.
        let mut dropped = app(Stage::Wishlist, d(2026, 9, 1));
        dropped.move_to(Stage::Withdrawn, d(2026, 9, 5)).unwrap();
        assert_eq!(dropped.applied_on(), None);
    }

    #[test]
    fn reached_follows_the_history_and_the_stage_order() {
        let mut a = app(Stage::Applied, d(2026, 10, 1));
        a.move_to(Stage::Screening, d(2026, 10, 8)).unwrap();
        a.move_to(Stage::Rejected, d(2026, 10, 20)).unwrap();
        assert!(a.reached(Stage::Wishlist));
        assert!(a.reached(Stage::Applied));
        assert!(a.reached(Stage::Screening));
        assert!(a.reached(Stage::Rejected));
        assert!(!a.reached(Stage::Interviewing));
        assert!(!a.reached(Stage::Ghosted));

        // Screening skipped: interviewing still counts as having passed it.
        let interview = app(Stage::Interviewing, d(2026, 10, 1));
        assert!(interview.reached(Stage::Screening));
        assert!(!interview.reached(Stage::Offer));

        // A declined offer reached offer but not accepted.
        let mut declined = app(Stage::Offer, d(2026, 10, 1));
        declined.move_to(Stage::Declined, d(2026, 10, 5)).unwrap();
        assert!(declined.reached(Stage::Offer));
        assert!(declined.reached(Stage::Declined));
        assert!(!declined.reached(Stage::Accepted));
    }

    #[test]
    fn follow_up_overdue_due_today_and_upcoming() {
        let today = d(2026, 11, 26);
        let mut a = app(Stage::Applied, d(2026, 11, 1));
        assert_eq!(a.follow_up_state(today), None);
        a.follow_up = Some(d(2026, 11, 25));
        assert_eq!(
            a.follow_up_state(today),
            Some(FollowUp::Overdue { days: 1 })
        );
        a.follow_up = Some(today);
        assert_eq!(a.follow_up_state(today), Some(FollowUp::DueToday));
        a.follow_up = Some(d(2026, 11, 28));
        assert_eq!(
            a.follow_up_state(today),
            Some(FollowUp::Upcoming { days: 2 })
        );
        // Closed: the follow-up no longer asks for anything.
        a.follow_up = Some(d(2026, 11, 1));
        a.move_to(Stage::Rejected, d(2026, 11, 20)).unwrap();
        assert_eq!(a.follow_up_state(today), None);
    }

    #[test]
    fn ghosted_boundary_is_inclusive() {
        let today = d(2026, 11, 26);
        // Last change 20, 21, 22 days before today (Nov 6, Nov 5, Nov 4).
        assert!(!app(Stage::Applied, d(2026, 11, 6)).looks_ghosted(today, 21));
        assert!(app(Stage::Applied, d(2026, 11, 5)).looks_ghosted(today, 21));
        assert!(app(Stage::Screening, d(2026, 11, 4)).looks_ghosted(today, 21));
        // Not at applied/screening: never suggested.
        for stage in [
            Stage::Wishlist,
            Stage::Interviewing,
            Stage::Offer,
            Stage::Rejected,
        ] {
            assert!(
                !app(stage, d(2026, 1, 1)).looks_ghosted(today, 21),
                "{stage:?}"
            );
        }
    }

    #[test]
    fn filter_matches_each_field_case_insensitively() {
        let mut a = app(Stage::Interviewing, d(2026, 10, 1));
        a.track = Track::AdjacentField;
        a.source = Source::JobBoard;
        a.location = Some("Remote (EU)".into());
        a.notes = Some("Met Priya at re:Invent".into());
        for hit in [
            "acme",
            "sre",
            "INTERVIEW",
            "adjacent",
            "job board",
            "job_board",
            "remote",
            "priya",
        ] {
            assert!(a.matches(&Query::new(hit)), "{hit}");
        }
        assert!(a.matches(&Query::new("acme remote")));
        assert!(!a.matches(&Query::new("acme berlin")));
        assert!(!a.matches(&Query::new("offer")));
    }

    #[test]
    fn validation_names_the_field() {
        let mut a = app(Stage::Applied, d(2026, 10, 1));
        a.company = "  ".into();
        assert_eq!(a.validate().unwrap_err().field, "company");
        a.company = "Acme".into();
        a.role = String::new();
        assert_eq!(
            a.validate().unwrap_err(),
            Invalid::new("role", "enter the role")
        );
        a.role = "SRE".into();
        a.salary = Some(SalaryRange {
            min: Some(dec!(150000)),
            max: Some(dec!(120000)),
            note: None,
        });
        let err = a.validate().unwrap_err();
        assert_eq!(err.field, "salary_max");
        assert_eq!(
            err.message,
            "the top of the range (120000) is below the bottom (150000)"
        );
        a.salary = Some(SalaryRange {
            min: Some(dec!(-1)),
            max: None,
            note: None,
        });
        assert_eq!(a.validate().unwrap_err().field, "salary_min");
        a.salary = Some(SalaryRange {
            min: Some(dec!(120000)),
            max: Some(dec!(1_000_000_000_000.01)),
            note: None,
        });
        assert_eq!(a.validate().unwrap_err().field, "salary_max");
        a.salary = Some(SalaryRange {
            min: Some(dec!(120000)),
            max: Some(dec!(120000)),
            note: None,
        });
        assert_eq!(a.validate(), Ok(()));
    }

    #[test]
    fn validation_catches_a_hand_edited_history() {
        let mut a = app(Stage::Applied, d(2026, 10, 8));
        a.history.push(StageChange {
            stage: Stage::Screening,
            date: d(2026, 10, 1),
        });
        a.stage = Stage::Screening;
        assert_eq!(a.validate().unwrap_err().field, "history");
        a.history.pop();
        assert_eq!(
            a.validate().unwrap_err(),
            Invalid::new("stage", "is screening but the history ends at applied")
        );
        a.history.clear();
        assert_eq!(a.validate().unwrap_err().field, "history");
    }
}
