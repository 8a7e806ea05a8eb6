//! The calendar careerbook exports (`careerbook export --format ics`, and
//! `c` on the Now tab): every dated item it knows, one all-day event each.

use super::ics::{CalendarEvent, Forfeited};
use crate::domain::checklist::{deadlines, offer_needed, runway_figure};
use crate::domain::vesting::clawbacks_owed;
use crate::domain::workbook::Workbook;
use chrono::NaiveDate;

/// Every calendar event careerbook exports, in date order. Each feature adds
/// its own events here with one call: the deadlines and the offer-needed
/// date, vests (those after the last day marked forfeited, or left out),
/// then Pipeline follow-ups. What is dated before `today` is left out (a vest
/// already vested, a deadline passed: a calendar is for what is coming),
/// except an overdue follow-up, which still needs doing.
pub fn events(wb: &Workbook, today: NaiveDate, forfeited: Forfeited) -> Vec<CalendarEvent> {
    let mut events = Vec::new();
    let runway = runway_figure(wb, today);
    let offer = offer_needed(wb, &runway, today);
    events.extend(super::deadlines::deadline_events(
        &deadlines(&wb.now, wb.runway.separation),
        offer.as_ref(),
    ));
    if let Some(last) = wb.runway.separation {
        let book = &wb.vesting;
        events.extend(
            clawbacks_owed(&book.sign_on_bonuses, last, book.role_eliminated)
                .iter()
                .map(super::deadlines::clawback_event),
        );
    }
    events.extend(super::ics::vest_events(
        &wb.vesting,
        today,
        wb.runway.separation,
        forfeited,
    ));
    events.retain(|event| event.date >= today);
    events.extend(super::follow_ups::follow_up_events(&wb.pipeline, today));
    events.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    events
}
