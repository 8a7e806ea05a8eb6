//! What the Now tab stores in the workbook.

use super::positioning::Positioning;
use super::signals::Signal;
use crate::domain::dates::not_after_today;
use crate::domain::{Id, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The Now section of the workbook.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NowBook {
    /// When the résumé was last brought up to date.
    pub resume_updated: Option<NaiveDate>,
    /// When the LinkedIn profile was last brought up to date.
    pub linkedin_updated: Option<NaiveDate>,
    /// The "move closer to core or strategic teams" self-check.
    pub positioning: Positioning,
    /// Items the user marked done by hand (at most one per item).
    pub ticks: Vec<ManualTick>,
    /// The layoff signals log: dated observations, the user's own record.
    pub signals: Vec<Signal>,
    /// When the last weekly review was finished.
    pub last_review: Option<NaiveDate>,
    /// The layoff notice, once there is one: the deadlines follow from it.
    pub notice: Option<LayoffNotice>,
}

impl NowBook {
    /// Checks every part, for a file edited by hand; forms check one part.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Invalid> {
        self.positioning.validate(today)?;
        for tick in &self.ticks {
            tick.validate(today)?;
            self.check_tick(tick)?;
        }
        self.signals.iter().try_for_each(|s| s.validate(today))?;
        for (field, date) in [
            ("resume_updated", self.resume_updated),
            ("linkedin_updated", self.linkedin_updated),
            ("last_review", self.last_review),
        ] {
            not_after_today(field, date, today)?;
        }
        match &self.notice {
            Some(notice) => notice.validate(),
            None => Ok(()),
        }
    }

    /// One hand tick per item: a second tick for the same item is refused.
    pub fn check_tick(&self, tick: &ManualTick) -> Result<(), Invalid> {
        match self
            .ticks
            .iter()
            .find(|t| t.item == tick.item && t.id != tick.id)
        {
            Some(_) => Err(Invalid::new(
                "item",
                format!(
                    "“{}” is already ticked by hand; clear that tick first",
                    tick.item.title()
                ),
            )),
            None => Ok(()),
        }
    }

    /// The hand tick on `item`, if any.
    pub fn tick(&self, item: ItemId) -> Option<&ManualTick> {
        self.ticks.iter().find(|t| t.item == item)
    }
}

/// The four items of the article's checklist, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemId {
    Impact,
    Positioning,
    Options,
    Money,
}

impl ItemId {
    pub const ALL: [Self; 4] = [Self::Impact, Self::Positioning, Self::Options, Self::Money];

    /// The id in `careerbook check --format json` and in the file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Impact => "impact",
            Self::Positioning => "positioning",
            Self::Options => "options",
            Self::Money => "money",
        }
    }

    /// The article's own words for the step.
    pub fn title(self) -> &'static str {
        match self {
            Self::Impact => "Make your impact visible and measurable",
            Self::Positioning => "Move closer to core or strategic teams",
            Self::Options => "Keep your external options active",
            Self::Money => "Understand your legal and financial situation",
        }
    }

    /// The article's sentence that follows the step, quoted in explanations.
    pub fn advice(self) -> &'static str {
        match self {
            Self::Impact => {
                "Document how your work ties directly to revenue, customer retention, cost \
                 savings, or risk reduction. Leaders fight harder to keep people whose value is \
                 easy to explain."
            }
            Self::Positioning => {
                "Roles aligned with high-priority initiatives (for example, AI platforms, major \
                 enterprise migrations, security, or core infrastructure) are usually safer than \
                 peripheral or experimental projects."
            }
            Self::Options => {
                "Update your résumé, maintain a clean LinkedIn profile, and nurture \
                 relationships with recruiters and peers in the industry – before you need them."
            }
            Self::Money => {
                "Know how long your savings would last, what unemployment benefits you qualify \
                 for, and how your stock and bonus vesting schedules work."
            }
        }
    }
}

/// An item the user marked done by hand. The computed status and reason stay
/// visible beside it: a tick records a judgement, it does not hide the data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManualTick {
    pub id: Id,
    pub item: ItemId,
    pub date: NaiveDate,
    /// Why it counts as done, in the user's words (one line).
    pub note: String,
}

impl ManualTick {
    pub fn validate(&self, today: NaiveDate) -> Result<(), Invalid> {
        not_after_today("date", Some(self.date), today)?;
        one_line("note", &self.note, "say why it counts as done")
    }
}

/// A required one-line text.
pub(crate) fn one_line(field: &'static str, text: &str, empty: &str) -> Result<(), Invalid> {
    if text.trim().is_empty() {
        Err(Invalid::new(field, empty))
    } else if text.contains(['\n', '\r']) {
        Err(Invalid::new(field, "keep it to one line"))
    } else {
        Ok(())
    }
}

/// The longest severance agreement review window accepted, in days. Laws set
/// 21 or 45 days (plus 7 to revoke) for workers 40 and over in the US; a
/// longer number is almost certainly a typo.
pub const MAX_REVIEW_DAYS: u32 = 180;

/// The layoff notice and the terms the deadlines need.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoffNotice {
    /// The day the notice was given.
    pub date: NaiveDate,
    /// Days the severance agreement gives to review and sign it, counted from
    /// the notice date; `None` when the user does not know yet.
    #[serde(default)]
    pub review_days: Option<u32>,
    /// The last day job health cover lasts; `None` assumes the end of the
    /// separation month (common, but plans differ: check yours).
    #[serde(default)]
    pub cover_ends: Option<NaiveDate>,
}

impl LayoffNotice {
    pub fn validate(&self) -> Result<(), Invalid> {
        if let Some(days) = self.review_days
            && !(1..=MAX_REVIEW_DAYS).contains(&days)
        {
            return Err(Invalid::new(
                "review_days",
                format!("enter from 1 to {MAX_REVIEW_DAYS} days (often 21 or 45)"),
            ));
        }
        match self.cover_ends {
            Some(ends) if ends < self.date => Err(Invalid::new(
                "cover_ends",
                format!(
                    "{ends} is before the notice date {}; job cover ends after notice",
                    self.date
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// The last day on payroll cannot come before the notice it follows (as job
/// cover cannot end before it): refused, naming `separation`. Either may be
/// missing, and then there is nothing to compare. The one check for the
/// notice command and for any form that sets either date.
pub fn check_last_day(
    notice: Option<&LayoffNotice>,
    last_day: Option<NaiveDate>,
) -> Result<(), Invalid> {
    match (notice, last_day) {
        (Some(notice), Some(last)) if last < notice.date => Err(Invalid::new(
            "separation",
            format!(
                "{last} is before the notice date {}; the last day on payroll comes on or after \
                 the notice",
                notice.date
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn an_empty_section_reads_as_the_default_and_round_trips() {
        let empty: NowBook = ron::from_str("()").expect("parses");
        assert_eq!(empty, NowBook::default());
        let book = NowBook {
            resume_updated: Some(d(2026, 11, 14)),
            ticks: vec![ManualTick {
                id: 3,
                item: ItemId::Positioning,
                date: d(2026, 11, 20),
                note: "Moving to the GenAI team in January".into(),
            }],
            notice: Some(LayoffNotice {
                date: d(2026, 11, 12),
                review_days: Some(21),
                cover_ends: None,
            }),
            ..NowBook::default()
        };
        let text = ron::to_string(&book).expect("writes");
        assert_eq!(ron::from_str::<NowBook>(&text).expect("reads"), book);
        assert!(
            ron::from_str::<NowBook>("(resume: None)").is_err(),
            "typos are refused"
        );
    }

    #[test]
    fn one_tick_per_item_and_a_note_is_needed() {
        let today = d(2026, 11, 26);
        let tick = |id, item| ManualTick {
            id,
            item,
            date: today,
            note: "done".into(),
        };
        let book = NowBook {
            ticks: vec![tick(1, ItemId::Money)],
            ..NowBook::default()
        };
        assert_eq!(
            book.check_tick(&tick(2, ItemId::Money)).unwrap_err().field,
            "item"
        );
        assert!(book.check_tick(&tick(1, ItemId::Money)).is_ok(), "itself");
        assert!(book.check_tick(&tick(2, ItemId::Impact)).is_ok());
        let mut blank = tick(2, ItemId::Impact);
        blank.note = "  ".into();
        assert_eq!(blank.validate(today).unwrap_err().field, "note");
        let mut later = tick(2, ItemId::Impact);
        later.date = d(2026, 11, 27);
        assert_eq!(later.validate(today).unwrap_err().field, "date");
    }

    #[test]
    fn notice_terms_are_checked() {
        let notice = |review_days, cover_ends| LayoffNotice {
            date: d(2026, 11, 12),
            review_days,
            cover_ends,
        };
        assert!(notice(Some(45), Some(d(2027, 2, 28))).validate().is_ok());
        assert!(notice(None, None).validate().is_ok());
        assert_eq!(
            notice(Some(0), None).validate().unwrap_err().field,
            "review_days"
        );
        assert_eq!(
            notice(Some(181), None).validate().unwrap_err().field,
            "review_days"
        );
        assert_eq!(
            notice(None, Some(d(2026, 11, 1)))
                .validate()
                .unwrap_err()
                .field,
            "cover_ends"
        );
    }

    #[test]
    fn a_last_day_before_the_notice_is_refused() {
        let notice = LayoffNotice {
            date: d(2026, 11, 12),
            review_days: None,
            cover_ends: None,
        };
        let err = check_last_day(Some(&notice), Some(d(2026, 11, 1))).unwrap_err();
        assert_eq!(err.field, "separation");
        assert!(
            err.message
                .starts_with("2026-11-01 is before the notice date 2026-11-12")
        );
        // The notice day itself, a later day, or either date missing: nothing to refuse.
        assert_eq!(check_last_day(Some(&notice), Some(d(2026, 11, 12))), Ok(()));
        assert_eq!(check_last_day(Some(&notice), Some(d(2027, 2, 9))), Ok(()));
        assert_eq!(check_last_day(None, Some(d(2026, 11, 1))), Ok(()));
        assert_eq!(check_last_day(Some(&notice), None), Ok(()));
    }
}
