//! The layoff signals log: dated observations of the warning signs the article
//! lists under "Signals That More AWS Layoffs Might Be Coming". It is the
//! user's own record, not a prediction: careerbook counts, it never scores.

use crate::domain::dates::not_after_today;
use crate::domain::{Id, Invalid};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Signals are counted over this many days, today included.
pub const SIGNAL_WINDOW_DAYS: u32 = 90;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    pub id: Id,
    /// When it was seen or heard.
    pub date: NaiveDate,
    pub kind: SignalKind,
    /// What exactly, in the user's words.
    pub note: String,
}

impl Signal {
    pub fn validate(&self, today: NaiveDate) -> Result<(), Invalid> {
        not_after_today("date", Some(self.date), today)?;
        if self.note.trim().is_empty() {
            return Err(Invalid::new("note", "say what you saw or heard"));
        }
        Ok(())
    }
}

/// The article's warning signs, plus "other".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// "Budget freezes and delayed backfills."
    BudgetFreeze,
    /// "Reorganizations without clear explanations."
    Reorganization,
    /// "Management talking points about “efficiency” and “simplicity.”"
    EfficiencyTalk,
    /// "Overlap identified in internal org reviews."
    OrgOverlap,
    Other,
}

impl SignalKind {
    pub const ALL: [Self; 5] = [
        Self::BudgetFreeze,
        Self::Reorganization,
        Self::EfficiencyTalk,
        Self::OrgOverlap,
        Self::Other,
    ];

    /// The article's heading for the sign.
    pub fn label(self) -> &'static str {
        match self {
            Self::BudgetFreeze => "Budget freezes and delayed backfills",
            Self::Reorganization => "Reorganizations without clear explanations",
            Self::EfficiencyTalk => "Talking points about “efficiency” and “simplicity”",
            Self::OrgOverlap => "Overlap identified in internal org reviews",
            Self::Other => "Other",
        }
    }

    /// The word in the file and on the command line.
    pub fn key(&self) -> &'static str {
        match self {
            Self::BudgetFreeze => "budget_freeze",
            Self::Reorganization => "reorganization",
            Self::EfficiencyTalk => "efficiency_talk",
            Self::OrgOverlap => "org_overlap",
            Self::Other => "other",
        }
    }

    /// Reads a kind by key, label or an everyday word ("reorg", "freeze").
    pub fn parse(input: &str) -> Result<Self, String> {
        crate::domain::choice::Choices {
            what: "kind of signal",
            all: &Self::ALL,
            key: Self::key,
            label: |k| k.label(),
            synonyms: &[
                ("freeze", Self::BudgetFreeze),
                ("budget", Self::BudgetFreeze),
                ("reorg", Self::Reorganization),
                ("efficiency", Self::EfficiencyTalk),
                ("overlap", Self::OrgOverlap),
            ],
        }
        .parse(input)
    }

    /// A few words for a narrow column.
    pub fn short(self) -> &'static str {
        match self {
            Self::BudgetFreeze => "Budget freeze",
            Self::Reorganization => "Reorg",
            Self::EfficiencyTalk => "“Efficiency”",
            Self::OrgOverlap => "Org overlap",
            Self::Other => "Other",
        }
    }
}

/// Signals dated in the last `days` days, today included: after `today − days`
/// and not after today (the last 90 days of Nov 26 start on Aug 29), the same
/// window as the Impact tab's measured share.
pub fn signals_within(signals: &[Signal], today: NaiveDate, days: u32) -> usize {
    let before = today.checked_sub_days(Days::new(u64::from(days)));
    signals
        .iter()
        .filter(|s| s.date <= today && before.is_none_or(|start| s.date > start))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn signal(id: Id, date: NaiveDate) -> Signal {
        Signal {
            id,
            date,
            kind: SignalKind::BudgetFreeze,
            note: "Backfill for Priya's role cancelled".into(),
        }
    }

    #[test]
    fn the_window_is_the_last_90_days_today_included() {
        let today = d(2026, 11, 26);
        // 90 days before Nov 26 is Aug 28 (26 days back to Oct 31, 31 to Sep 30,
        // 30 to Aug 31, 3 more to Aug 28): Aug 28 is out, Aug 29 and today are in.
        let signals = [
            signal(1, d(2026, 8, 28)),
            signal(2, d(2026, 8, 29)),
            signal(3, today),
        ];
        assert_eq!(signals_within(&signals, today, SIGNAL_WINDOW_DAYS), 2);
        assert_eq!(signals_within(&signals, today, 1), 1);
        assert_eq!(signals_within(&[], today, 90), 0);
    }

    #[test]
    fn kinds_read_by_key_label_or_everyday_word() {
        assert_eq!(SignalKind::parse("reorg"), Ok(SignalKind::Reorganization));
        assert_eq!(
            SignalKind::parse("Budget freeze"),
            Ok(SignalKind::BudgetFreeze)
        );
        assert_eq!(SignalKind::parse("org-overlap"), Ok(SignalKind::OrgOverlap));
        let err = SignalKind::parse("rumour").unwrap_err();
        assert!(err.contains("budget_freeze, reorganization"), "{err}");
    }

    #[test]
    fn a_signal_needs_a_note_and_a_date_not_after_today() {
        let today = d(2026, 11, 26);
        assert!(signal(1, today).validate(today).is_ok());
        assert_eq!(
            signal(1, d(2026, 11, 27))
                .validate(today)
                .unwrap_err()
                .field,
            "date"
        );
        let mut blank = signal(1, today);
        blank.note = " ".into();
        assert_eq!(blank.validate(today).unwrap_err().field, "note");
    }
}
