//! The funnel: how far applications got, the two conversion rates, and the
//! weekly pace of applying.

use super::{Application, Stage};
use crate::domain::dates;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// How many weeks the pace chart covers, the current week included.
pub const FUNNEL_WEEKS: usize = 12;

#[derive(Clone, Debug, PartialEq)]
pub struct Funnel {
    /// Every application tracked, closed ones included.
    pub total: usize,
    /// For each stage in [`Stage::ALL`] order, how many applications reached it
    /// ([`Application::reached`]); wishlist equals `total`.
    pub reached: Vec<StageCount>,
    /// Reached interviewing ÷ reached applied, as a fraction; `None` when nothing
    /// was applied to yet (no rate rather than an invented 0%).
    pub interview_rate: Option<Decimal>,
    /// Reached offer ÷ reached interviewing; `None` before any interview.
    pub offer_rate: Option<Decimal>,
    /// Applications per ISO week (Monday start) by applied date, the last
    /// [`FUNNEL_WEEKS`] weeks, oldest first, ending with the week holding today.
    pub weeks: Vec<WeekCount>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageCount {
    pub stage: Stage,
    pub count: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekCount {
    /// The Monday the week starts.
    pub week_start: NaiveDate,
    pub count: usize,
}

impl Funnel {
    /// How many reached `stage`.
    pub fn count(&self, stage: Stage) -> usize {
        self.reached
            .iter()
            .find(|s| s.stage == stage)
            .map_or(0, |s| s.count)
    }
}

pub fn funnel(applications: &[Application], today: NaiveDate) -> Funnel {
    let reached: Vec<StageCount> = Stage::ALL
        .iter()
        .map(|&stage| StageCount {
            stage,
            count: applications.iter().filter(|a| a.reached(stage)).count(),
        })
        .collect();
    let count = |stage: Stage| {
        reached
            .iter()
            .find(|s| s.stage == stage)
            .map_or(0, |s| s.count)
    };
    let interview_rate = ratio(count(Stage::Interviewing), count(Stage::Applied));
    let offer_rate = ratio(count(Stage::Offer), count(Stage::Interviewing));
    Funnel {
        total: applications.len(),
        interview_rate,
        offer_rate,
        weeks: weekly_applications(applications, today),
        reached,
    }
}

fn ratio(part: usize, whole: usize) -> Option<Decimal> {
    Decimal::from(part).checked_div(Decimal::from(whole))
}

/// Applications counted in the week their applied date falls in. A date later in
/// the current week (entered ahead) counts in the current week.
fn weekly_applications(applications: &[Application], today: NaiveDate) -> Vec<WeekCount> {
    let this_week = dates::week_start(today);
    let mut weeks: Vec<WeekCount> = (0..FUNNEL_WEEKS)
        .rev()
        .map(|back| WeekCount {
            week_start: this_week - Days::new(7 * back as u64),
            count: 0,
        })
        .collect();
    for applied in applications.iter().filter_map(Application::applied_on) {
        let weeks_back = dates::days_between(dates::week_start(applied), this_week) / 7;
        let slot = usize::try_from(weeks_back)
            .ok()
            .and_then(|back| (FUNNEL_WEEKS - 1).checked_sub(back));
        if let Some(week) = slot.and_then(|i| weeks.get_mut(i)) {
            week.count += 1;
        }
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::format_percent;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// An application applied on `applied` that then walked through `stages`.
    fn walked(id: u64, applied: NaiveDate, stages: &[Stage]) -> Application {
        let mut a = Application::new(id, "Co", "Role", Stage::Applied, applied);
        for &stage in stages {
            a.move_to(stage, applied).unwrap();
        }
        a
    }

    #[test]
    fn twenty_applied_three_interviews_one_offer() {
        let day = d(2026, 10, 1);
        let mut apps: Vec<Application> = (0..17).map(|i| walked(i, day, &[])).collect();
        apps.push(walked(
            17,
            day,
            &[Stage::Screening, Stage::Interviewing, Stage::Offer],
        ));
        apps.push(walked(18, day, &[Stage::Interviewing, Stage::Rejected]));
        apps.push(walked(19, day, &[Stage::Screening, Stage::Interviewing]));
        apps.push(Application::new(
            20,
            "Dream Co",
            "Role",
            Stage::Wishlist,
            day,
        ));
        let f = funnel(&apps, d(2026, 11, 26));
        assert_eq!(f.total, 21);
        assert_eq!(f.count(Stage::Wishlist), 21);
        assert_eq!(f.count(Stage::Applied), 20);
        // #17 and #19 passed screening; #18 skipped it but reached interviewing.
        assert_eq!(f.count(Stage::Screening), 3);
        assert_eq!(f.count(Stage::Interviewing), 3);
        assert_eq!(f.count(Stage::Offer), 1);
        assert_eq!(f.count(Stage::Rejected), 1);
        assert_eq!(f.count(Stage::Accepted), 0);
        // 3 / 20 = 0.15 → 15.00%
        assert_eq!(f.interview_rate, Some(dec!(0.15)));
        assert_eq!(
            f.interview_rate.map(format_percent),
            Some("15%".to_string())
        );
        // 1 / 3 = 0.3333… → 33.33%
        assert_eq!(f.offer_rate.map(format_percent), Some("33.33%".to_string()));
    }

    #[test]
    fn no_denominator_gives_no_rate() {
        let f = funnel(&[], d(2026, 11, 26));
        assert_eq!(f.interview_rate, None);
        assert_eq!(f.offer_rate, None);
        // Applications but no interview yet: a 0% interview rate is real, the offer rate is not.
        let apps = vec![walked(1, d(2026, 11, 2), &[])];
        let f = funnel(&apps, d(2026, 11, 26));
        assert_eq!(f.interview_rate, Some(Decimal::ZERO));
        assert_eq!(f.offer_rate, None);
    }

    #[test]
    fn accepted_and_declined_offers_count_as_offers() {
        let day = d(2026, 10, 1);
        let apps = vec![
            walked(
                1,
                day,
                &[Stage::Interviewing, Stage::Offer, Stage::Accepted],
            ),
            walked(
                2,
                day,
                &[Stage::Interviewing, Stage::Offer, Stage::Declined],
            ),
        ];
        let f = funnel(&apps, day);
        // 2 offers / 2 interviews = 1 → 100%
        assert_eq!(f.offer_rate, Some(Decimal::ONE));
        assert_eq!(f.count(Stage::Accepted), 1);
        assert_eq!(f.count(Stage::Declined), 1);
    }

    #[test]
    fn weekly_counts_span_a_year_boundary() {
        // Today Wed 2027-01-06; its week starts Mon 2027-01-04. Twelve weeks back
        // the window opens Mon 2026-10-19 (2027-01-04 − 11 × 7 days).
        let today = d(2027, 1, 6);
        let apps = vec![
            walked(1, d(2026, 10, 18), &[]), // Sunday before the window: left out
            walked(2, d(2026, 10, 19), &[]), // first day of week 1
            walked(3, d(2026, 12, 31), &[]), // Thu, week of Mon 2026-12-28
            walked(4, d(2027, 1, 3), &[]),   // Sun, same week as Dec 31
            walked(5, d(2027, 1, 4), &[]),   // this week
            walked(6, d(2027, 1, 8), &[]),   // later this week, entered ahead
            Application::new(7, "Co", "Role", Stage::Wishlist, d(2027, 1, 5)), // not applied
        ];
        let weeks = funnel(&apps, today).weeks;
        assert_eq!(weeks.len(), 12);
        assert_eq!(
            weeks[0],
            WeekCount {
                week_start: d(2026, 10, 19),
                count: 1
            }
        );
        assert_eq!(
            weeks[10],
            WeekCount {
                week_start: d(2026, 12, 28),
                count: 2
            }
        );
        assert_eq!(
            weeks[11],
            WeekCount {
                week_start: d(2027, 1, 4),
                count: 2
            }
        );
        // 1 + 2 + 2 = 5 of the 6 applied fall in the window.
        assert_eq!(weeks.iter().map(|w| w.count).sum::<usize>(), 5);
        assert!(
            weeks
                .windows(2)
                .all(|w| w[1].week_start - w[0].week_start == chrono::Duration::days(7))
        );
    }
}
