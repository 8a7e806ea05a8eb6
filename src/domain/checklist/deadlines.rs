//! The dated deadlines that follow a layoff: the severance review window from
//! the notice date, and the rest from the separation date (the last day on
//! payroll, on the Runway tab) — each shown as soon as its own date is known.
//! Each deadline says how its date was worked out, and says so plainly when a
//! date rests on an assumption.

use super::book::NowBook;
use chrono::{Datelike, Days, NaiveDate};

/// COBRA: the election period lasts at least 60 days, counted from the later
/// of the day job cover is lost and the day the election notice arrives
/// (29 CFR 2590.606-4; DOL "An Employee's Guide to Health Benefits Under
/// COBRA"). careerbook counts from the end of job cover, the earliest it can close.
pub const COBRA_ELECTION_DAYS: u64 = 60;
/// ACA marketplace: losing job-based cover opens a special enrollment period
/// of 60 days after the loss (healthcare.gov, "Special Enrollment Period").
pub const ACA_ENROLLMENT_DAYS: u64 = 60;
/// Unemployment: file in the week after separation — states pay from the week
/// a claim is filed, not back to the last day of work.
pub const UNEMPLOYMENT_FILE_DAYS: u64 = 7;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeadlineKind {
    SeveranceReview,
    Separation,
    Unemployment,
    CoverEnds,
    Cobra,
    Aca,
}

/// One dated deadline.
#[derive(Clone, Debug, PartialEq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub date: NaiveDate,
    /// What happens on the date, one line.
    pub title: String,
    /// How the date was worked out, one line.
    pub how: String,
    /// The date rests on an assumption (said in `how`).
    pub assumed: bool,
}

/// The deadlines, soonest first, and what is missing to work out the rest.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Deadlines {
    pub notice: Option<NaiveDate>,
    pub list: Vec<Deadline>,
    /// What the user could enter to get the deadlines not shown.
    pub missing: Vec<String>,
}

impl Deadlines {
    /// Deadlines from today up to `days` days ahead (both ends included).
    pub fn within(&self, today: NaiveDate, days: u64) -> impl Iterator<Item = &Deadline> {
        let last = today
            .checked_add_days(Days::new(days))
            .unwrap_or(NaiveDate::MAX);
        self.list
            .iter()
            .filter(move |d| today <= d.date && d.date <= last)
    }
}

/// The last day of `date`'s month.
pub fn end_of_month(date: NaiveDate) -> NaiveDate {
    let (year, month) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// Works out the deadlines from the notice in `book` and the separation date
/// (the last day on payroll, from the Runway tab).
pub fn deadlines(book: &NowBook, separation: Option<NaiveDate>) -> Deadlines {
    let notice = book.notice.as_ref();
    let mut list = Vec::new();
    let mut missing = Vec::new();
    match notice.map(|n| (n.date, n.review_days)) {
        Some((date, Some(days))) => list.push(Deadline {
            kind: DeadlineKind::SeveranceReview,
            date: plus(date, u64::from(days)),
            title: "Severance agreement review window closes".into(),
            how: format!("notice {date} + {days} days to review and sign"),
            assumed: false,
        }),
        Some((_, None)) => {
            missing.push("the severance agreement's review window in days (n)".into())
        }
        None => missing.push(
            "the notice date and the severance review window (n), once you have been given notice"
                .into(),
        ),
    }
    match separation {
        Some(separation) => {
            list.push(Deadline {
                kind: DeadlineKind::Separation,
                date: separation,
                title: "Separation: last day on payroll".into(),
                how: "the separation date on the Runway tab".into(),
                assumed: false,
            });
            list.push(Deadline {
                kind: DeadlineKind::Unemployment,
                date: plus(separation, UNEMPLOYMENT_FILE_DAYS),
                title: "File for unemployment by".into(),
                how: format!(
                    "the week after separation ({separation} + {UNEMPLOYMENT_FILE_DAYS} days): \
                     benefits count from the week you file"
                ),
                assumed: false,
            });
        }
        None => missing.push("the separation date (on the Runway tab)".into()),
    }
    let cover_ends = match (notice.and_then(|n| n.cover_ends), separation) {
        (Some(ends), _) => Some((ends, false)),
        (None, Some(separation)) => Some((end_of_month(separation), true)),
        (None, None) => None,
    };
    if let Some((ends, assumed)) = cover_ends {
        list.push(Deadline {
            kind: DeadlineKind::CoverEnds,
            date: ends,
            title: "Job health cover ends".into(),
            how: if assumed {
                "assumed: the end of the separation month, as many plans do; check your \
                 plan and enter the real date (n)"
                    .into()
            } else {
                "as you entered it".into()
            },
            assumed,
        });
        list.push(Deadline {
            kind: DeadlineKind::Cobra,
            date: plus(ends, COBRA_ELECTION_DAYS),
            title: "COBRA election window closes".into(),
            how: format!(
                "job cover ends {ends} + {COBRA_ELECTION_DAYS} days (later if the election \
                 notice arrives after cover ends)"
            ),
            assumed,
        });
        list.push(Deadline {
            kind: DeadlineKind::Aca,
            date: plus(ends, ACA_ENROLLMENT_DAYS),
            title: "ACA special enrollment closes".into(),
            how: format!("job cover ends {ends} + {ACA_ENROLLMENT_DAYS} days"),
            assumed,
        });
    }
    list.sort_by_key(|d| (d.date, d.kind));
    Deadlines {
        notice: notice.map(|n| n.date),
        list,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::LayoffNotice;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn book(review_days: Option<u32>, cover_ends: Option<NaiveDate>) -> NowBook {
        NowBook {
            notice: Some(LayoffNotice {
                date: d(2026, 11, 12),
                review_days,
                cover_ends,
            }),
            ..NowBook::default()
        }
    }

    fn dates(deadlines: &Deadlines) -> Vec<(DeadlineKind, NaiveDate)> {
        deadlines.list.iter().map(|d| (d.kind, d.date)).collect()
    }

    #[test]
    fn the_demo_notice_gives_every_deadline() {
        // Notice 2026-11-12, 21 days to review, separation 2027-02-09.
        let all = deadlines(&book(Some(21), None), Some(d(2027, 2, 9)));
        assert_eq!(
            dates(&all),
            vec![
                // Nov 12 + 18 days = Nov 30, + 3 = Dec 3.
                (DeadlineKind::SeveranceReview, d(2026, 12, 3)),
                (DeadlineKind::Separation, d(2027, 2, 9)),
                // Feb 9 + 7 = Feb 16.
                (DeadlineKind::Unemployment, d(2027, 2, 16)),
                // Assumed: the end of February 2027 (not a leap year).
                (DeadlineKind::CoverEnds, d(2027, 2, 28)),
                // Feb 28 + 31 = Mar 31, + 29 = Apr 29: 60 days.
                (DeadlineKind::Cobra, d(2027, 4, 29)),
                (DeadlineKind::Aca, d(2027, 4, 29)),
            ]
        );
        assert!(all.missing.is_empty());
        let cover = &all.list[3];
        assert!(
            cover.assumed && cover.how.starts_with("assumed"),
            "{cover:?}"
        );
        assert!(all.list[4].assumed, "COBRA rests on the assumed cover end");
    }

    #[test]
    fn an_entered_cover_end_replaces_the_assumption() {
        let all = deadlines(&book(None, Some(d(2027, 3, 15))), Some(d(2027, 2, 9)));
        let cobra = all.list.iter().find(|d| d.kind == DeadlineKind::Cobra);
        // Mar 15 + 16 = Mar 31, + 30 = Apr 30, + 14 = May 14: 60 days.
        assert_eq!(
            cobra.map(|d| (d.date, d.assumed)),
            Some((d(2027, 5, 14), false))
        );
        assert_eq!(all.missing.len(), 1, "the review window is missing");
    }

    #[test]
    fn the_assumed_cover_end_crosses_the_year() {
        // Separation Dec 15 → cover to Dec 31; + 31 = Jan 31, + 28 = Feb 28, + 1 = Mar 1.
        let all = deadlines(&book(Some(45), None), Some(d(2026, 12, 15)));
        let aca = all.list.iter().find(|d| d.kind == DeadlineKind::Aca);
        assert_eq!(aca.map(|d| d.date), Some(d(2027, 3, 1)));
        // Review: Nov 12 + 45 = Dec 27 (18 days to Nov 30, 27 more), after separation.
        let review = all
            .list
            .iter()
            .find(|d| d.kind == DeadlineKind::SeveranceReview);
        assert_eq!(review.map(|d| d.date), Some(d(2026, 12, 27)));
        assert_eq!(all.list[0].kind, DeadlineKind::Separation, "soonest first");
        assert_eq!(end_of_month(d(2028, 2, 10)), d(2028, 2, 29), "leap year");
    }

    #[test]
    fn a_separation_date_alone_gives_its_deadlines_and_the_notice_is_asked_for() {
        // No notice yet, but the last day is known (2027-02-09): filing for
        // unemployment (+7 days = Feb 16), job cover ending (assumed Feb 28),
        // and the COBRA and ACA windows (Feb 28 + 60 days = Apr 29) follow from it.
        let known = deadlines(&NowBook::default(), Some(d(2027, 2, 9)));
        assert!(known.notice.is_none());
        assert_eq!(
            dates(&known),
            vec![
                (DeadlineKind::Separation, d(2027, 2, 9)),
                (DeadlineKind::Unemployment, d(2027, 2, 16)),
                (DeadlineKind::CoverEnds, d(2027, 2, 28)),
                (DeadlineKind::Cobra, d(2027, 4, 29)),
                (DeadlineKind::Aca, d(2027, 4, 29)),
            ]
        );
        assert_eq!(known.missing.len(), 1);
        assert!(known.missing[0].contains("notice date"));
        let none = deadlines(&NowBook::default(), None);
        assert!(none.list.is_empty());
        assert_eq!(none.missing.len(), 2, "{:?}", none.missing);
        let partial = deadlines(&book(Some(21), None), None);
        assert_eq!(
            dates(&partial),
            vec![(DeadlineKind::SeveranceReview, d(2026, 12, 3))]
        );
        assert!(partial.missing[0].contains("separation date"));
    }

    #[test]
    fn within_includes_both_ends() {
        let all = deadlines(&book(Some(21), None), Some(d(2027, 2, 9)));
        // Review closes Dec 3: 7 days after Nov 26.
        let today = d(2026, 11, 26);
        assert_eq!(all.within(today, 14).count(), 1);
        assert_eq!(
            all.within(d(2026, 11, 19), 14).count(),
            1,
            "exactly 14 days ahead"
        );
        assert_eq!(all.within(d(2026, 11, 18), 14).count(), 0, "15 days ahead");
        assert_eq!(all.within(d(2026, 12, 3), 14).count(), 1, "on the day");
        assert_eq!(all.within(d(2026, 12, 4), 0).count(), 0, "passed");
    }
}
