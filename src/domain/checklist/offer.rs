//! "An offer is needed by": the runway's zero date less the time-to-offer,
//! and whether the pipeline can plausibly reach an offer by then.
//!
//! The time-to-offer (`pipeline.time_to_offer_months`, default 3) is used
//! twice: an offer is needed that long before the money runs out (a new job
//! starts weeks after the offer and pays weeks after the start, and a
//! projection is an estimate), and an application takes about that long to
//! become an offer. So from one time-to-offer before the offer-needed date
//! (six months of runway with the default, when the money item turns to
//! attention too), the pipeline needs an open application past screening.

use super::finances::RunwayFigure;
use crate::domain::dates::format_long;
use crate::domain::offers::accepted_offer;
use crate::domain::pipeline::Stage;
use crate::domain::workbook::Workbook;
use chrono::{Months, NaiveDate};

/// The date an offer is needed by, and where the pipeline stands.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferNeeded {
    /// The runway's zero date less `months`.
    pub by: NaiveDate,
    /// The day the money runs out (the Runway tab's zero date).
    pub zero_date: NaiveDate,
    /// The time-to-offer setting.
    pub months: u32,
    /// Open applications past screening (interviewing or offer).
    pub past_screening: usize,
    /// Within one time-to-offer of `by` and nothing past screening.
    pub attention: bool,
}

/// `date` less `months` calendar months, clamped at month ends.
fn months_before(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

/// When an offer is needed: `None` while the runway has no zero date (not
/// entered, or lasting beyond the projection) and once an offer has been
/// accepted (the search is over): an application moved to accepted, or an
/// offer accepted into the Runway tab's new job. The Pipeline header, the
/// next actions, `careerbook check` and the calendar export all ask this.
pub fn offer_needed(wb: &Workbook, runway: &RunwayFigure, today: NaiveDate) -> Option<OfferNeeded> {
    let RunwayFigure::Months { zero_date, .. } = runway else {
        return None;
    };
    if has_accepted(wb) {
        return None;
    }
    let pipeline = &wb.pipeline;
    let apps = &pipeline.applications;
    let months = pipeline.time_to_offer_months;
    let by = months_before(*zero_date, months);
    let past_screening = apps
        .iter()
        .filter(|a| matches!(a.stage, Stage::Interviewing | Stage::Offer))
        .count();
    let window_opens = months_before(by, months);
    Some(OfferNeeded {
        by,
        zero_date: *zero_date,
        months,
        past_screening,
        attention: today >= window_opens && past_screening == 0,
    })
}

/// Whether a job has been accepted: an application at accepted, or an
/// offer carried into the Runway tab's new job — even one deleted since, as
/// long as the runway still counts that job (the two must agree).
pub fn has_accepted(wb: &Workbook) -> bool {
    wb.pipeline
        .applications
        .iter()
        .any(|a| a.stage == Stage::Accepted)
        || accepted_offer(wb).is_some()
        || wb
            .runway
            .new_job
            .as_ref()
            .is_some_and(|j| j.offer.is_some())
}

impl OfferNeeded {
    /// "An offer is needed by 11 Jul 2028".
    pub fn headline(&self) -> String {
        format!("An offer is needed by {}", format_long(self.by))
    }

    /// How the date was found and where the pipeline stands, one line.
    pub fn why(&self) -> String {
        let months = months_word(self.months);
        let how = format!(
            "The money runs out {} (the Runway tab's zero date); an offer is needed {months} \
             before (time-to-offer).",
            format_long(self.zero_date)
        );
        let stand = if self.attention {
            format!(
                "No open application is past screening, and an application takes about {months} \
                 to become an offer: apply and push for interviews now."
            )
        } else if self.past_screening > 0 {
            format!(
                "{} past screening.",
                crate::text::count(self.past_screening, "application")
            )
        } else {
            format!(
                "Until {}, there is time to build the pipeline.",
                format_long(months_before(self.by, self.months))
            )
        };
        format!("{how} {stand}")
    }
}

/// "1 month", "3 months".
fn months_word(months: u32) -> String {
    crate::text::count(months as usize, "month")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pipeline::Application;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn runs_out(zero_date: NaiveDate) -> RunwayFigure {
        RunwayFigure::Months {
            months: dec!(8.5),
            zero_date,
            start: d(2026, 11, 26),
        }
    }

    fn pipeline(stages: &[Stage]) -> Workbook {
        let mut wb = Workbook::default();
        wb.pipeline.applications = stages
            .iter()
            .enumerate()
            .map(|(i, &stage)| Application::new(i as u64 + 1, "Co", "SRE", stage, d(2026, 11, 2)))
            .collect();
        wb
    }

    #[test]
    fn the_offer_is_needed_three_months_before_the_money_runs_out() {
        // Zero date 2027-08-31 − 3 months = 2027-05-31; the window opens
        // 3 months before that, 2027-02-28 (Feb has no 31st: clamped).
        let today = d(2026, 11, 26);
        let offer = offer_needed(
            &pipeline(&[Stage::Applied]),
            &runs_out(d(2027, 8, 31)),
            today,
        )
        .expect("a zero date");
        assert_eq!(offer.by, d(2027, 5, 31));
        assert_eq!(offer.months, 3);
        assert!(!offer.attention, "more than 3 months before 2027-05-31");
        assert!(offer.why().contains("Until 28 Feb 2027"), "{}", offer.why());
        assert_eq!(offer.headline(), "An offer is needed by 31 May 2027");
    }

    #[test]
    fn attention_inside_the_window_with_nothing_past_screening() {
        let zero = runs_out(d(2027, 8, 31));
        // 2027-02-28 is the first day of the window.
        let early = offer_needed(&pipeline(&[Stage::Screening]), &zero, d(2027, 2, 27));
        assert!(!early.expect("zero date").attention);
        let inside =
            offer_needed(&pipeline(&[Stage::Screening]), &zero, d(2027, 2, 28)).expect("zero date");
        assert!(inside.attention);
        assert!(
            inside
                .why()
                .contains("No open application is past screening")
        );
        // An interview in progress is a plausible path to an offer.
        let interviewing = offer_needed(
            &pipeline(&[Stage::Applied, Stage::Interviewing]),
            &zero,
            d(2027, 4, 1),
        )
        .expect("zero date");
        assert!(!interviewing.attention);
        assert_eq!(interviewing.past_screening, 1);
        // A closed application past screening (rejected) does not count.
        let rejected = offer_needed(&pipeline(&[Stage::Rejected]), &zero, d(2027, 4, 1));
        assert!(rejected.expect("zero date").attention);
    }

    #[test]
    fn a_longer_time_to_offer_moves_the_date_earlier() {
        let mut p = pipeline(&[]);
        p.pipeline.time_to_offer_months = 6;
        // 2027-08-31 − 6 months = 2027-02-28; window opens 2026-08-28 − … so now.
        let offer = offer_needed(&p, &runs_out(d(2027, 8, 31)), d(2026, 11, 26)).expect("zero");
        assert_eq!(offer.by, d(2027, 2, 28));
        assert!(offer.attention, "window opened 2026-08-28");
    }

    #[test]
    fn no_date_without_a_zero_date_or_after_an_accepted_offer() {
        let today = d(2026, 11, 26);
        let lasts = RunwayFigure::Lasts {
            horizon_end: d(2036, 11, 1),
        };
        assert_eq!(offer_needed(&pipeline(&[]), &lasts, today), None);
        assert_eq!(
            offer_needed(
                &pipeline(&[]),
                &RunwayFigure::NotEntered(vec!["cash"]),
                today
            ),
            None
        );
        let accepted = pipeline(&[Stage::Accepted]);
        assert_eq!(
            offer_needed(&accepted, &runs_out(d(2027, 8, 31)), today),
            None
        );
    }

    #[test]
    fn an_offer_accepted_into_the_runway_ends_the_date_without_an_application() {
        // A standalone offer (no application to move) accepted with A or
        // `offer accept`: the new job records it, and the search is over.
        let today = d(2026, 12, 3);
        let zero = runs_out(d(2027, 8, 31));
        let mut wb = pipeline(&[Stage::Interviewing]);
        wb.pipeline.offers.push(crate::domain::offers::Offer {
            id: 7,
            company: "Northwind".into(),
            role: None,
            application: None,
            base: dec!(180000),
            bonus: None,
            sign_on: None,
            equity: None,
            start: d(2027, 1, 11),
            health_monthly: None,
        });
        assert!(
            offer_needed(&wb, &zero, today).is_some(),
            "not accepted yet"
        );
        let acceptance = crate::domain::offers::accept(&wb, 7, today).expect("accept");
        acceptance
            .edit
            .clone()
            .apply(&mut wb, today)
            .expect("applies");
        assert_eq!(wb.runway.new_job.as_ref().and_then(|j| j.offer), Some(7));
        assert!(has_accepted(&wb));
        assert_eq!(offer_needed(&wb, &zero, today), None);
    }
}
