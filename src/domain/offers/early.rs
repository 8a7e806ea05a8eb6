//! An offer that starts on or before the last day on payroll: starting then
//! means resigning first, which forfeits the paid notice left and (when
//! resigning forfeits it, the default) the severance. What the first start
//! that keeps them is worth comes from the start-date what-if, so the Now
//! tab's next actions, `careerbook next` and `offer what-if` give one figure.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::accept::new_job_of;
use super::offer::Offer;
use super::situation::Situation;
use super::what_if::what_if;
use super::working::Figure;
use crate::domain::Id;
use crate::domain::pipeline::Stage;
use crate::domain::workbook::Workbook;

/// One offer starting before the last day on payroll.
#[derive(Clone, Debug, PartialEq)]
pub struct EarlyStart {
    pub offer: Id,
    pub company: String,
    pub start: NaiveDate,
    /// The last day at the current job under that start: the day before it.
    pub leaving: NaiveDate,
    pub last_day: NaiveDate,
    /// The first start that is not resigning: the day after the last day.
    pub later_start: NaiveDate,
    /// The severance (gross) that start forfeits; `None` when it forfeits
    /// none (none entered, or resigning keeps it as set).
    pub severance_forfeited: Option<Decimal>,
    /// This offer is the one accepted into the Runway tab's new job.
    pub accepted: bool,
    /// Starting on `later_start` instead, as `offer what-if` works it out:
    /// positive when the later start is worth more.
    pub later_worth: Figure,
}

/// The offer the Runway tab's new job was accepted from: the one it records
/// (see [`NewJob::offer`](crate::domain::runway::NewJob)); in older files,
/// the one whose start and monthly pay after withholding it holds, or else
/// whose accepted application starts that day.
pub fn accepted_offer(wb: &Workbook) -> Option<&Offer> {
    let job = wb.runway.new_job.as_ref()?;
    let offers = &wb.pipeline.offers;
    if let Some(id) = job.offer {
        // Recorded on accepting; a deleted offer leaves no accepted one.
        return wb.pipeline.offer(id);
    }
    // Files from before the record: the offer whose start and pay it holds.
    offers
        .iter()
        .find(|o| {
            let of = new_job_of(wb, o);
            (of.start, of.monthly_net) == (job.start, job.monthly_net)
        })
        .or_else(|| {
            offers.iter().find(|o| {
                o.start == job.start
                    && o.application
                        .and_then(|id| wb.pipeline.application(id))
                        .is_some_and(|a| a.stage == Stage::Accepted)
            })
        })
}

/// Offers starting after today and on or before the last day on payroll
/// (still to come): the accepted one only, once one is accepted; before
/// that, every offer still open (standalone, or its application active).
pub fn early_starts(wb: &Workbook, today: NaiveDate) -> Vec<EarlyStart> {
    let sit = Situation::new(wb, today);
    let Some(last_day) = sit.last_day.filter(|&last| last >= today) else {
        return Vec::new();
    };
    let accepted = accepted_offer(wb);
    let open = |offer: &Offer| match offer.application.and_then(|id| wb.pipeline.application(id)) {
        Some(app) => app.stage.is_active(),
        None => true,
    };
    let candidates: Vec<&Offer> = match accepted {
        Some(offer) => vec![offer],
        None => wb.pipeline.offers.iter().filter(|o| open(o)).collect(),
    };
    let later_start = last_day.checked_add_days(Days::new(1)).unwrap_or(last_day);
    candidates
        .into_iter()
        .filter(|offer| offer.start > today && sit.resigns(offer.start))
        .filter_map(|offer| {
            let report = what_if(wb, offer.id, later_start, today).ok()?;
            let severance_forfeited = match &sit.severance {
                Some(Ok(pay)) if !sit.keeps_severance(offer.start) => Some(pay.gross),
                _ => None,
            };
            Some(EarlyStart {
                offer: offer.id,
                company: offer.company.clone(),
                start: offer.start,
                leaving: sit.leaving(offer.start),
                last_day,
                later_start,
                severance_forfeited,
                accepted: accepted.is_some(),
                later_worth: report.net,
            })
        })
        .collect()
}
