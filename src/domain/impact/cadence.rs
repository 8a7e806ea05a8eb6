//! The weekly rhythm of the log: ISO-week headings, wins per week, the streak.
//!
//! Weeks are ISO weeks (Monday to Sunday, numbered as ISO 8601 does, so Dec 29,
//! 2025 is in week 1 of 2026). A week is identified by its Monday.

use super::Win;
use crate::domain::dates::week_start;
use chrono::{Datelike, Days, NaiveDate};

/// `Week 47 · Nov 16–22, 2026`; `Week 49 · Nov 30–Dec 6, 2026` when the week spans
/// two months; `Week 1 · Dec 29, 2025–Jan 4, 2026` when it spans two years.
pub fn week_heading(date: NaiveDate) -> String {
    let week = date.iso_week().week();
    let monday = week_start(date);
    let sunday = monday
        .checked_add_days(Days::new(6))
        .unwrap_or(NaiveDate::MAX);
    let (first, last) = if monday.year() != sunday.year() {
        (monday.format("%b %-d, %Y"), sunday.format("%b %-d, %Y"))
    } else if monday.month() != sunday.month() {
        (monday.format("%b %-d"), sunday.format("%b %-d, %Y"))
    } else {
        (monday.format("%b %-d"), sunday.format("%-d, %Y"))
    };
    format!("Week {week} · {first}–{last}")
}

/// The habit figures over a log, read in one pass over its dates: what
/// [`weekly_counts`], [`streak`] and [`logged_this_week`] say, together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cadence {
    /// Wins per week, oldest first, as [`weekly_counts`] gives them.
    pub counts: Vec<(NaiveDate, usize)>,
    /// Consecutive weeks with a win, as [`streak`] counts them.
    pub streak: usize,
    /// Whether the current week has a win.
    pub this_week: bool,
}

impl Cadence {
    /// The figures on `today`, with counts for the `weeks` weeks ending with
    /// the current one.
    pub fn of(wins: &[Win], today: NaiveDate, weeks: usize) -> Self {
        let current = week_start(today);
        let mondays: Vec<NaiveDate> = (0..weeks)
            .rev()
            .filter_map(|back| weeks_before(current, back))
            .collect();
        let mut counts = vec![0; mondays.len()];
        // Weeks back from the current one that hold a win. A streak has at
        // most one week per win, so weeks further back than that are not kept.
        let mut active = vec![false; wins.len() + 1];
        for win in wins {
            let Some(back) = weeks_back(current, win.date) else {
                continue;
            };
            if back < counts.len() {
                let slot = counts.len() - 1 - back;
                counts[slot] += 1;
            }
            if let Some(week) = active.get_mut(back) {
                *week = true;
            }
        }
        let this_week = active[0];
        // While the current week has no win yet the streak counts back from
        // last week: it is not broken until the week is over.
        let from = usize::from(!this_week);
        let streak = active[from..].iter().take_while(|week| **week).count();
        Self {
            counts: mondays.into_iter().zip(counts).collect(),
            streak,
            this_week,
        }
    }
}

/// Wins per week for the `weeks` weeks ending with the current one, oldest first:
/// each entry is the week's Monday and its count. Wins dated later in the current
/// week count for it; wins in later weeks are left out.
pub fn weekly_counts(wins: &[Win], today: NaiveDate, weeks: usize) -> Vec<(NaiveDate, usize)> {
    Cadence::of(wins, today, weeks).counts
}

/// Consecutive weeks with at least one win, ending with the current week. While
/// the current week has no win yet the streak counts back from last week: it is
/// not broken until the week is over.
pub fn streak(wins: &[Win], today: NaiveDate) -> usize {
    Cadence::of(wins, today, 0).streak
}

/// Whether any win falls in the ISO week holding `today` (the nudge shows when not).
pub fn logged_this_week(wins: &[Win], today: NaiveDate) -> bool {
    let current = week_start(today);
    wins.iter().any(|win| week_start(win.date) == current)
}

/// The Monday `back` weeks before `monday`, if the calendar reaches that far.
fn weeks_before(monday: NaiveDate, back: usize) -> Option<NaiveDate> {
    let days = u64::try_from(back).ok()?.checked_mul(7)?;
    monday.checked_sub_days(Days::new(days))
}

/// How many weeks before the week starting on Monday `current` the week of
/// `date` is (0 = same week); `None` for a later week. A date 1 to 7 days
/// before a Monday is in the week before it, 8 to 14 two weeks before, and
/// so on; up to 6 days after it, in its week.
fn weeks_back(current: NaiveDate, date: NaiveDate) -> Option<usize> {
    let days = (current - date).num_days();
    usize::try_from((days + 6).div_euclid(7)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::Category;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn wins_on(dates: &[NaiveDate]) -> Vec<Win> {
        dates
            .iter()
            .enumerate()
            .map(|(i, date)| Win {
                id: i as u64 + 1,
                date: *date,
                title: format!("win {i}"),
                category: Category::Other,
                metric: None,
                notes: None,
                tags: vec![],
                link: None,
            })
            .collect()
    }

    #[test]
    fn heading_within_one_month() {
        // 2026-11-16 is a Monday in ISO week 47; every day to Sunday the 22nd shares it.
        assert_eq!(week_heading(d(2026, 11, 17)), "Week 47 · Nov 16–22, 2026");
        assert_eq!(week_heading(d(2026, 11, 22)), "Week 47 · Nov 16–22, 2026");
        assert_eq!(week_heading(d(2025, 11, 17)), "Week 47 · Nov 17–23, 2025");
    }

    #[test]
    fn heading_across_months_and_years() {
        // Monday 2026-11-30 starts ISO week 49 (week 48 started Nov 23).
        assert_eq!(week_heading(d(2026, 12, 2)), "Week 49 · Nov 30–Dec 6, 2026");
        // Dec 29, 2025 is a Monday; that week holds Thursday Jan 1, 2026, so it is week 1 of 2026.
        assert_eq!(
            week_heading(d(2025, 12, 29)),
            "Week 1 · Dec 29, 2025–Jan 4, 2026"
        );
        assert_eq!(
            week_heading(d(2026, 1, 4)),
            "Week 1 · Dec 29, 2025–Jan 4, 2026"
        );
        // 2020 began on a Wednesday in a leap year, so it has 53 ISO weeks; the 53rd
        // runs Monday Dec 28, 2020 to Sunday Jan 3, 2021.
        assert_eq!(
            week_heading(d(2020, 12, 31)),
            "Week 53 · Dec 28, 2020–Jan 3, 2021"
        );
        assert_eq!(
            week_heading(d(2021, 1, 3)),
            "Week 53 · Dec 28, 2020–Jan 3, 2021"
        );
        assert_eq!(week_heading(d(2021, 1, 4)), "Week 1 · Jan 4–10, 2021");
        // 2026 began on a Thursday, so it has 53 weeks; Monday Dec 28, 2026 starts week 53.
        assert_eq!(
            week_heading(d(2026, 12, 28)),
            "Week 53 · Dec 28, 2026–Jan 3, 2027"
        );
    }

    #[test]
    fn weekly_counts_oldest_first_ending_this_week() {
        // Today is Thursday 2026-11-26; its week starts Monday Nov 23.
        let today = d(2026, 11, 26);
        let wins = wins_on(&[
            d(2026, 11, 8),  // Sunday of the week of Nov 2: outside 3 weeks
            d(2026, 11, 9),  // Monday, week of Nov 9
            d(2026, 11, 15), // Sunday, week of Nov 9
            d(2026, 11, 16), // Monday, week of Nov 16
            d(2026, 11, 23), // Monday, this week
            d(2026, 11, 27), // Friday, later this week: still this week
            d(2026, 11, 30), // next week: left out
        ]);
        assert_eq!(
            weekly_counts(&wins, today, 3),
            vec![
                (d(2026, 11, 9), 2),
                (d(2026, 11, 16), 1),
                (d(2026, 11, 23), 2)
            ]
        );
        assert_eq!(weekly_counts(&wins, today, 0), vec![]);
        let year = weekly_counts(&[], today, 26);
        assert_eq!(year.len(), 26);
        assert_eq!(year[25], (d(2026, 11, 23), 0));
        // 25 weeks before Nov 23 = 175 days earlier = 2026-06-01, a Monday.
        assert_eq!(year[0].0, d(2026, 6, 1));
    }

    #[test]
    fn streak_counts_consecutive_weeks_to_now() {
        let today = d(2026, 11, 26); // week of Nov 23
        // Weeks of Nov 9, Nov 16 and Nov 23 → 3; the week of Oct 26 is cut off by the gap.
        let wins = wins_on(&[
            d(2026, 10, 27),
            d(2026, 11, 10),
            d(2026, 11, 22),
            d(2026, 11, 24),
        ]);
        assert_eq!(streak(&wins, today), 3);
        // Several wins in one week count once.
        let wins = wins_on(&[d(2026, 11, 23), d(2026, 11, 24), d(2026, 11, 25)]);
        assert_eq!(streak(&wins, today), 1);
        assert_eq!(streak(&[], today), 0);
    }

    #[test]
    fn streak_survives_until_the_week_ends() {
        // Only a win on Sunday Nov 22 (last week). On Monday Nov 23 the new week is
        // still open, so the streak counts from last week: 1.
        let wins = wins_on(&[d(2026, 11, 22)]);
        assert_eq!(streak(&wins, d(2026, 11, 23)), 1);
        assert_eq!(streak(&wins, d(2026, 11, 29)), 1); // Sunday, last day of the week
        // On Monday Nov 30 the week of Nov 23 ended with no win: broken.
        assert_eq!(streak(&wins, d(2026, 11, 30)), 0);
    }

    #[test]
    fn streak_sunday_and_monday_are_different_weeks() {
        // Sunday Nov 22 and Monday Nov 23 are two ISO weeks: a streak of 2 on Monday.
        let wins = wins_on(&[d(2026, 11, 22), d(2026, 11, 23)]);
        assert_eq!(streak(&wins, d(2026, 11, 23)), 2);
        // Monday Nov 16 and Sunday Nov 22 are one week: a streak of 1.
        let wins = wins_on(&[d(2026, 11, 16), d(2026, 11, 22)]);
        assert_eq!(streak(&wins, d(2026, 11, 22)), 1);
    }

    #[test]
    fn streak_crosses_the_year_boundary_and_ignores_future_weeks() {
        // Weeks of Dec 22, 2025 (week 52 of 2025) and Dec 29, 2025 (week 1 of 2026),
        // then Jan 5, 2026 (week 2): 3 in a row on Jan 7.
        let wins = wins_on(&[d(2025, 12, 24), d(2025, 12, 31), d(2026, 1, 5)]);
        assert_eq!(streak(&wins, d(2026, 1, 7)), 3);
        // A win dated next week neither starts nor extends the streak.
        let wins = wins_on(&[d(2026, 12, 1)]);
        assert_eq!(streak(&wins, d(2026, 11, 26)), 0);
    }

    #[test]
    fn cadence_reads_every_figure_in_one_pass() {
        // Today is Thursday 2026-11-26, in the week of Monday Nov 23.
        let today = d(2026, 11, 26);
        let wins = wins_on(&[
            d(2026, 11, 24), // this week
            d(2026, 12, 8),  // the week of Dec 7, still to come: left out
            d(2026, 11, 10), // week of Nov 9
            d(2026, 11, 16), // week of Nov 16
            d(2026, 11, 22), // Sunday, week of Nov 16
            d(2026, 10, 27), // week of Oct 26, cut off by the empty week of Nov 2
        ]);
        let cadence = Cadence::of(&wins, today, 3);
        // Weeks of Nov 9, 16 and 23 hold 1, 2 and 1 wins.
        assert_eq!(
            cadence.counts,
            vec![
                (d(2026, 11, 9), 1),
                (d(2026, 11, 16), 2),
                (d(2026, 11, 23), 1)
            ]
        );
        // Weeks of Nov 23, 16 and 9 in a row: 3; the week of Nov 2 is empty.
        assert_eq!(cadence.streak, 3);
        assert!(cadence.this_week);
        // On Monday Nov 30 the new week has no win yet: the streak counts from
        // the week of Nov 23, still 3 weeks long.
        let monday = Cadence::of(&wins, d(2026, 11, 30), 2);
        assert_eq!((monday.streak, monday.this_week), (3, false));
        assert_eq!(
            monday.counts,
            vec![(d(2026, 11, 23), 1), (d(2026, 11, 30), 0)]
        );
        let none = Cadence::of(&[], today, 1);
        assert_eq!(none.counts, vec![(d(2026, 11, 23), 0)]);
        assert_eq!((none.streak, none.this_week), (0, false));
    }

    #[test]
    fn cadence_streak_as_long_as_the_log() {
        // One win in each of the 4 weeks ending this one: the streak is 4, the
        // most 4 wins can make (the weeks kept are sized by the number of wins).
        let today = d(2026, 11, 26);
        let wins = wins_on(&[
            d(2026, 11, 2),
            d(2026, 11, 9),
            d(2026, 11, 16),
            d(2026, 11, 23),
        ]);
        assert_eq!(Cadence::of(&wins, today, 0).streak, 4);
        // The same 4 weeks seen the Monday after: still 4, counted from last week.
        assert_eq!(Cadence::of(&wins, d(2026, 11, 30), 0).streak, 4);
    }

    proptest! {
        // The one-pass figures agree with counting each the plain way: a set
        // of the weeks that hold a win, walked back from now; and with
        // `logged_this_week`.
        #[test]
        fn cadence_agrees_with_the_plain_count(
            offsets in proptest::collection::vec(-20i64..120, 0..30),
            weeks in 0usize..12,
        ) {
            let today = d(2026, 11, 26);
            let dates: Vec<NaiveDate> = offsets
                .iter()
                .map(|o| today - chrono::Duration::days(*o))
                .collect();
            let wins = wins_on(&dates);
            let current = week_start(today);
            let active: std::collections::HashSet<NaiveDate> = dates
                .iter()
                .map(|date| week_start(*date))
                .filter(|monday| *monday <= current)
                .collect();
            let mut week = if active.contains(&current) { current } else { current - Days::new(7) };
            let mut plain = 0;
            while active.contains(&week) {
                plain += 1;
                week = week - Days::new(7);
            }
            let cadence = Cadence::of(&wins, today, weeks);
            prop_assert_eq!(cadence.streak, plain);
            prop_assert_eq!(cadence.this_week, logged_this_week(&wins, today));
            prop_assert_eq!(cadence.counts.len(), weeks);
            for (monday, count) in cadence.counts {
                let plain = dates.iter().filter(|date| week_start(**date) == monday).count();
                prop_assert_eq!(count, plain);
            }
        }
    }

    #[test]
    fn logged_this_week_uses_iso_weeks() {
        let wins = wins_on(&[d(2026, 11, 22)]); // Sunday
        assert!(!logged_this_week(&wins, d(2026, 11, 23))); // Monday: new week
        assert!(logged_this_week(&wins, d(2026, 11, 16))); // Monday of that week
        assert!(!logged_this_week(&[], d(2026, 11, 16)));
    }
}
