//! Accepting an offer: the Runway tab's new-job scenario from the offer's
//! start date and its monthly pay after the workbook's withholding, the
//! offer's application moved to accepted, and any application accepted
//! before moved to declined (a person takes one job) — one edit, so one undo.

use crate::domain::dates::format_long;
use crate::domain::edit::{Edit, Section};
use crate::domain::money::{format_money, format_percent, round_cents};
use crate::domain::pipeline::{self, Stage};
use crate::domain::runway::NewJob;
use crate::domain::workbook::Workbook;
use crate::domain::{Id, Invalid};

use super::offer::{Offer, find};
use super::situation::Situation;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What accepting an offer would set, with its working and the edit that does it.
#[derive(Clone, Debug, PartialEq)]
pub struct Acceptance {
    pub offer: Id,
    /// The Runway tab's new-job scenario: the start and the net monthly pay.
    pub new_job: NewJob,
    /// How the monthly pay is worked out, and what a start before the last
    /// day on payroll means.
    pub working: Vec<String>,
    /// The application the edit moves to accepted, when the offer answers
    /// one that is not there yet.
    pub moves: Option<Id>,
    /// Applications accepted before, which the edit moves to declined: a
    /// person takes one job, so accepting this offer turns down the others.
    pub declines: Vec<Id>,
    /// Sets the new-job scenario (and moves the application), as one edit.
    pub edit: Edit,
}

/// The Runway tab's new job that accepting `offer` sets: its start, and
/// its base ÷ 12 after the workbook's withholding, half-up to cents.
pub fn new_job_of(wb: &Workbook, offer: &Offer) -> NewJob {
    let rate = wb.runway.withholding;
    NewJob {
        start: offer.start,
        monthly_net: round_cents(offer.base * (Decimal::ONE - rate) / Decimal::from(12)),
        offer: Some(offer.id),
    }
}

/// Saves offer `before` as `after`, in one edit: when it is the offer the
/// Runway tab's new job was accepted from, a new start moves the new job's
/// start and a new base its monthly pay (as accepting works it out), so the
/// runway never keeps a start the offer no longer has, and one undo reverts
/// both.
pub fn save_offer(wb: &Workbook, before: &Offer, after: Offer) -> Edit {
    let mut job = match &wb.runway.new_job {
        Some(job) if job.offer == Some(after.id) => job.clone(),
        _ => return Edit::update(before.clone(), after),
    };
    let was = job.clone();
    if before.start != after.start {
        job.start = after.start;
    }
    if before.base != after.base {
        job.monthly_net = new_job_of(wb, &after).monthly_net;
    }
    let update = Edit::update(before.clone(), after);
    if job == was {
        return update;
    }
    Edit::Batch(vec![update, Edit::set_from(wb, Section::NewJob(Some(job)))])
}

/// What accepting offer `offer` on `today` sets. The monthly pay is the base
/// salary ÷ 12 after the Runway tab's withholding rate: bonuses, the sign-on
/// and equity come as lump sums, not monthly pay.
pub fn accept(wb: &Workbook, offer: Id, today: NaiveDate) -> Result<Acceptance, Invalid> {
    let offer = find(wb, offer)?;
    let rate = wb.runway.withholding;
    let new_job = new_job_of(wb, offer);
    let monthly_net = new_job.monthly_net;
    let mut working = vec![
        format!(
            "The Runway tab's new job: starting {}, {} a month after withholding.",
            format_long(offer.start),
            format_money(monthly_net)
        ),
        format!(
            "Monthly pay = base {} × (1 − {} withholding) ÷ 12 = {}, rounded half-up to cents.",
            format_money(offer.base),
            format_percent(rate),
            format_money(monthly_net)
        ),
        "The withholding is the Runway tab's effective rate; the target bonus, the sign-on and equity are not counted as monthly pay.".into(),
    ];
    let sit = Situation::new(wb, today);
    if let Some(last) = sit.last_day.filter(|_| sit.resigns(offer.start)) {
        let severance = if wb.runway.start_forfeits_severance(offer.start) {
            ", forfeiting the severance (as set)"
        } else {
            ""
        };
        let runway = if wb.runway.start_forfeits_severance(offer.start) {
            "With the new job, the runway stops paid notice at the start and does not count the severance."
        } else {
            "With the new job, the runway stops paid notice at the start."
        };
        working.push(format!(
            "This start comes before your last day on payroll, {}: it means leaving on {}{severance}. {runway}",
            format_long(last),
            format_long(sit.leaving(offer.start))
        ));
    }
    let mut edits = vec![Edit::set_from(wb, Section::NewJob(Some(new_job.clone())))];
    let mut moves = None;
    match offer.application {
        Some(id) if wb.pipeline.application(id).is_none() => working.push(format!(
            "Application #{id} is no longer in the pipeline, so none is moved."
        )),
        Some(id) => match pipeline::move_application(&wb.pipeline, id, Stage::Accepted, today)? {
            Some(edit) => {
                edits.push(edit);
                moves = Some(id);
            }
            None => working.push(format!("Application #{id} is already accepted.")),
        },
        None => {}
    }
    let mut declines = Vec::new();
    for app in wb
        .pipeline
        .applications
        .iter()
        .filter(|a| a.stage == Stage::Accepted && Some(a.id) != offer.application)
    {
        if let Some(edit) =
            pipeline::move_application(&wb.pipeline, app.id, Stage::Declined, today)?
        {
            edits.push(edit);
            declines.push(app.id);
        }
    }
    Ok(Acceptance {
        offer: offer.id,
        new_job,
        working,
        moves,
        declines,
        edit: Edit::Batch(edits),
    })
}
