//! Dated inputs that disagree with the last day on payroll. None of them is
//! refused (people have their reasons), but each is said plainly, naming
//! both dates, so a separation date moved on its own does not leave paid
//! notice, benefit, cover or severance silently out of date.
//!
//! Only pairs where both dates are set are compared. Impossible inputs (an
//! estimated severance whose employment starts after the last day) are
//! errors found by `RunwayPlan::validate`, not repeated here.

use super::plan::RunwayPlan;
use crate::domain::dates::format_long;
use chrono::NaiveDate;
use std::fmt;

/// The most days after the last day on payroll that the first health cover
/// may start without a gap being likely: job cover usually runs to the end
/// of the separation month (at most 30 days later), so a start more than two
/// 31-day months after the last day leaves at least a month uncovered.
pub const COVER_GAP_DAYS: i64 = 62;

/// One disagreement between a dated input and the last day on payroll
/// (in `careerbook runway --format json` as `{"field", "message"}`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// The input it concerns, named as in the saved plan: `notice`,
    /// `severance`, `benefit`, `cover`, `new_job`, or the Now tab's `cover_ends`.
    pub field: &'static str,
    /// One line in plain words naming both dates.
    pub message: String,
}

impl Warning {
    fn new(field: &'static str, message: String) -> Self {
        Self { field, message }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// "before" or "on", for a date that is not after the last day.
fn before_or_on(date: NaiveDate, separation: NaiveDate) -> &'static str {
    if date < separation { "before" } else { "on" }
}

/// Every warning for the plan, in the order the events usually come: paid
/// notice, severance, benefit, health cover, new job. Empty without a last
/// day on payroll.
pub fn warnings(plan: &RunwayPlan) -> Vec<Warning> {
    let Some(separation) = plan.separation else {
        return Vec::new();
    };
    let last_day = format_long(separation);
    let mut out = Vec::new();

    // Paid notice runs until the last day on payroll, by definition.
    if let Some(notice) = &plan.notice
        && notice.end != separation
    {
        let ends = format_long(notice.end);
        let message = if notice.end < separation {
            format!(
                "paid notice ends {ends} but your last day on payroll is {last_day}: \
                 is one of them out of date?"
            )
        } else {
            format!(
                "paid notice ends {ends}, after your last day on payroll ({last_day}): \
                 is one of them out of date?"
            )
        };
        out.push(Warning::new("notice", message));
    }

    // Severance is paid on or after leaving.
    if let Some(severance) = &plan.severance {
        let paid = severance.pay_date();
        if paid < separation {
            out.push(Warning::new(
                "severance",
                format!(
                    "severance is paid {}, before your last day on payroll ({last_day}): \
                     is one of them out of date?",
                    format_long(paid)
                ),
            ));
        }
    }

    // No benefit is paid while you are on payroll. The first payment the
    // projection uses is compared: one that waits for severance already
    // starts after the last day.
    if let Some(benefit) = &plan.benefit {
        let runs_out = plan.severance_runs_out().ok().flatten();
        let first = benefit.first_paid(runs_out);
        if first <= separation {
            out.push(Warning::new(
                "benefit",
                format!(
                    "unemployment benefit starts {}, {} your last day on payroll ({last_day}): \
                     no benefit is paid while you are still on payroll",
                    format_long(first),
                    before_or_on(first, separation)
                ),
            ));
        }
    }

    // The first cover follows the job; later ones (a marketplace plan after
    // COBRA) start long after the last day on purpose.
    if let Some(cover) = plan.cover.iter().min_by_key(|c| c.start) {
        let starts = format_long(cover.start);
        let days = (cover.start - separation).num_days();
        if cover.start <= separation {
            out.push(Warning::new(
                "cover",
                format!(
                    "{} starts {starts}, {} your last day on payroll ({last_day}): \
                     your job's cover runs until then",
                    cover.name,
                    before_or_on(cover.start, separation)
                ),
            ));
        } else if days > COVER_GAP_DAYS {
            out.push(Warning::new(
                "cover",
                format!(
                    "{} starts {starts}, {days} days after your last day on payroll \
                     ({last_day}): a gap in health cover?",
                    cover.name
                ),
            ));
        }
    }

    // An accepted offer's early start is a choice, not a slip: the runway
    // says what it forfeits instead.
    if let Some(job) = &plan.new_job
        && job.start < separation
        && job.offer.is_none()
    {
        out.push(Warning::new(
            "new_job",
            format!(
                "the new job starts {}, before your last day on payroll ({last_day}): \
                 is one of them out of date?",
                format_long(job.start)
            ),
        ));
    }
    out
}

/// The Now tab's last day of job health cover against the last day on
/// payroll: cover ending while still employed is probably a stale date.
/// Ending on the last day itself is common and not warned about.
pub fn job_cover_warning(
    separation: Option<NaiveDate>,
    cover_ends: Option<NaiveDate>,
) -> Option<Warning> {
    let (separation, ends) = (separation?, cover_ends?);
    (ends < separation).then(|| {
        Warning::new(
            "cover_ends",
            format!(
                "job cover ends {}, before your last day on payroll ({}): \
                 is one of them out of date?",
                format_long(ends),
                format_long(separation)
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::runway::plan::{
        CoverKind, HealthCover, NewJob, NoticePay, Severance, UnemploymentBenefit,
    };
    use crate::domain::severance::SeveranceTemplate;
    use crate::domain::workbook::Workbook;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn demo() -> RunwayPlan {
        let wb: Workbook = ron::from_str(crate::demo::DEMO_RON).expect("demo parses");
        wb.runway
    }

    fn fields(plan: &RunwayPlan) -> Vec<&'static str> {
        warnings(plan).iter().map(|w| w.field).collect()
    }

    fn message(plan: &RunwayPlan, field: &str) -> String {
        warnings(plan)
            .into_iter()
            .find(|w| w.field == field)
            .map(|w| w.message)
            .unwrap_or_else(|| panic!("no {field} warning in {:?}", warnings(plan)))
    }

    fn cobra(start: NaiveDate) -> HealthCover {
        HealthCover {
            id: 1,
            name: "COBRA (single)".into(),
            kind: CoverKind::Cobra,
            monthly_premium: dec!(792.63),
            months: 18,
            start,
        }
    }

    #[test]
    fn the_demo_is_consistent_and_says_nothing() {
        // Last day 9 Feb 2027; notice ends 9 Feb; severance paid 20 Feb; benefit from
        // 23 Feb; COBRA from 1 Mar (20 days after); new job 1 Jun.
        let plan = demo();
        assert_eq!(plan.separation, Some(d(2027, 2, 9)));
        assert_eq!(warnings(&plan), []);
    }

    #[test]
    fn nothing_is_compared_without_a_last_day() {
        let mut plan = demo();
        plan.separation = None;
        // (The estimated severance then fails validation; that is its own error.)
        assert_eq!(warnings(&plan), []);
        assert_eq!(warnings(&RunwayPlan::default()), []);
    }

    #[test]
    fn moving_the_last_day_later_flags_every_stale_date() {
        // The user trial: last day moved to 31 Mar 2027, nothing else changed.
        let mut plan = demo();
        plan.separation = Some(d(2027, 3, 31));
        assert_eq!(fields(&plan), ["notice", "severance", "benefit", "cover"]);
        assert_eq!(
            message(&plan, "notice"),
            "paid notice ends 9 Feb 2027 but your last day on payroll is 31 Mar 2027: \
             is one of them out of date?"
        );
        assert_eq!(
            message(&plan, "severance"),
            "severance is paid 20 Feb 2027, before your last day on payroll (31 Mar 2027): \
             is one of them out of date?"
        );
        assert_eq!(
            message(&plan, "benefit"),
            "unemployment benefit starts 23 Feb 2027, before your last day on payroll \
             (31 Mar 2027): no benefit is paid while you are still on payroll"
        );
        assert_eq!(
            message(&plan, "cover"),
            "COBRA (single) starts 1 Mar 2027, before your last day on payroll (31 Mar 2027): \
             your job's cover runs until then"
        );
    }

    #[test]
    fn paid_notice_must_end_on_the_last_day() {
        let mut plan = demo();
        let notice = |end| NoticePay {
            start: d(2026, 11, 12),
            end,
            monthly_net: dec!(9850),
        };
        plan.notice = Some(notice(d(2027, 2, 10)));
        assert_eq!(
            message(&plan, "notice"),
            "paid notice ends 10 Feb 2027, after your last day on payroll (9 Feb 2027): \
             is one of them out of date?"
        );
        plan.notice = Some(notice(d(2027, 2, 8)));
        assert!(message(&plan, "notice").starts_with("paid notice ends 8 Feb 2027 but"));
        plan.notice = Some(notice(d(2027, 2, 9)));
        assert_eq!(warnings(&plan), []);
    }

    #[test]
    fn severance_paid_on_the_last_day_is_fine_a_day_earlier_is_not() {
        let mut plan = demo();
        plan.severance = Some(Severance::Entered {
            gross: dec!(30000),
            pay_date: d(2027, 2, 9),
            weeks: None,
            annual_base: None,
        });
        assert_eq!(warnings(&plan), []);
        plan.severance = Some(Severance::Entered {
            gross: dec!(30000),
            pay_date: d(2027, 2, 8),
            weeks: None,
            annual_base: None,
        });
        assert_eq!(fields(&plan), ["severance"]);
        assert!(message(&plan, "severance").contains("paid 8 Feb 2027, before"));
    }

    #[test]
    fn benefit_paid_on_the_last_day_is_flagged_the_day_after_is_not() {
        let mut plan = demo();
        let benefit = |first_payment, waits_for_severance| UnemploymentBenefit {
            weekly_amount: dec!(1079),
            weeks: 26,
            first_payment,
            waits_for_severance,
        };
        plan.benefit = Some(benefit(d(2027, 2, 9), false));
        assert_eq!(
            message(&plan, "benefit"),
            "unemployment benefit starts 9 Feb 2027, on your last day on payroll (9 Feb 2027): \
             no benefit is paid while you are still on payroll"
        );
        plan.benefit = Some(benefit(d(2027, 2, 10), false));
        assert_eq!(warnings(&plan), []);
        // Waiting for severance moves the first payment: the demo's Amazon 2025
        // estimate is 9 weeks, 9 × 7 = 63 days after 9 Feb 2027 = 13 Apr 2027, so an
        // entered date before the last day is not what the projection uses.
        plan.benefit = Some(benefit(d(2027, 1, 15), true));
        assert_eq!(plan.severance_runs_out(), Ok(Some(d(2027, 4, 13))));
        assert_eq!(warnings(&plan), []);
    }

    #[test]
    fn the_first_cover_must_start_after_the_last_day_and_without_a_gap() {
        let mut plan = demo();
        // On the last day.
        plan.cover = vec![cobra(d(2027, 2, 9))];
        assert_eq!(
            message(&plan, "cover"),
            "COBRA (single) starts 9 Feb 2027, on your last day on payroll (9 Feb 2027): \
             your job's cover runs until then"
        );
        // The next day, and 62 days after (9 Feb + 62 days = 12 Apr 2027): fine.
        plan.cover = vec![cobra(d(2027, 2, 10))];
        assert_eq!(warnings(&plan), []);
        plan.cover = vec![cobra(d(2027, 4, 12))];
        assert_eq!(warnings(&plan), []);
        // 63 days after: a gap.
        plan.cover = vec![cobra(d(2027, 4, 13))];
        assert_eq!(
            message(&plan, "cover"),
            "COBRA (single) starts 13 Apr 2027, 63 days after your last day on payroll \
             (9 Feb 2027): a gap in health cover?"
        );
    }

    #[test]
    fn only_the_first_cover_is_compared() {
        // COBRA from 1 Mar 2027 for 18 months, then a marketplace plan from 1 Sep 2028:
        // the second starts 570 days after the last day, as intended.
        let mut plan = demo();
        let mut marketplace = cobra(d(2028, 9, 1));
        marketplace.kind = CoverKind::Marketplace;
        marketplace.name = "Marketplace silver".into();
        plan.cover.push(marketplace.clone());
        assert_eq!(warnings(&plan), []);
        // Listed first but starting later makes no difference.
        plan.cover.reverse();
        assert_eq!(warnings(&plan), []);
        // A marketplace plan alone follows the same rule.
        plan.cover = vec![marketplace];
        assert!(message(&plan, "cover").contains("570 days after"));
    }

    #[test]
    fn a_new_job_before_the_last_day_is_flagged() {
        let mut plan = demo();
        plan.new_job = Some(NewJob {
            start: d(2027, 2, 1),
            monthly_net: dec!(10400),
            offer: None,
        });
        assert_eq!(
            message(&plan, "new_job"),
            "the new job starts 1 Feb 2027, before your last day on payroll (9 Feb 2027): \
             is one of them out of date?"
        );
        // Carried in from an accepted offer, the early start was chosen.
        plan.new_job = Some(NewJob {
            start: d(2027, 2, 1),
            monthly_net: dec!(10400),
            offer: Some(65),
        });
        assert!(
            warnings(&plan).iter().all(|w| w.field != "new_job"),
            "an accepted offer's start is not questioned"
        );
        // Starting on the last day itself overlaps by a day at most: not flagged.
        plan.new_job = Some(NewJob {
            start: d(2027, 2, 9),
            monthly_net: dec!(10400),
            offer: None,
        });
        assert_eq!(warnings(&plan), []);
    }

    #[test]
    fn an_impossible_estimate_stays_an_error_not_a_warning() {
        // Employment starting after the last day is refused by validate; no warning
        // repeats it.
        let mut plan = demo();
        plan.severance = Some(Severance::Estimated {
            annual_base: dec!(178000),
            employment_start: d(2027, 3, 1),
            template: SeveranceTemplate::Meta2022,
            pay_date: d(2027, 2, 20),
        });
        assert_eq!(plan.validate().map_err(|e| e.field), Err("separation"));
        assert_eq!(warnings(&plan), []);
    }

    #[test]
    fn job_cover_ending_before_the_last_day_is_flagged() {
        let last = Some(d(2027, 3, 31));
        assert_eq!(
            job_cover_warning(last, Some(d(2027, 2, 28))).map(|w| w.message),
            Some(
                "job cover ends 28 Feb 2027, before your last day on payroll (31 Mar 2027): \
                 is one of them out of date?"
                    .to_string()
            )
        );
        assert_eq!(job_cover_warning(last, Some(d(2027, 3, 31))), None);
        assert_eq!(job_cover_warning(last, Some(d(2027, 4, 30))), None);
        assert_eq!(job_cover_warning(last, None), None);
        assert_eq!(job_cover_warning(None, Some(d(2027, 2, 28))), None);
    }
}
