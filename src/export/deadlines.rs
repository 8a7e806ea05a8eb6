//! The deadlines that follow a notice, and the date an offer is needed by,
//! as calendar events with a reminder before each, for `careerbook export
//! --format ics` (beside the vests and follow-ups).
//!
//! UIDs name the deadline, not its date (`deadline-cobra@careerbook`,
//! `offer-needed@careerbook`): when an entered date moves one (a new cover
//! end, a longer runway), importing the newer export moves the event
//! instead of adding a second one.

use crate::domain::checklist::{Deadline, DeadlineKind, Deadlines, OfferNeeded};
use crate::domain::dates::format_long;
use crate::domain::money::format_money;
use crate::domain::vesting::ClawbackOwed;
use crate::export::ics::CalendarEvent;

/// A deadline reminds this many days before its day: enough to act on a
/// form or a phone call, close enough not to be forgotten again.
pub const DEADLINE_REMINDER_DAYS: u32 = 3;

/// The offer-needed date reminds a month before: an offer cannot be made in
/// a few days.
pub const OFFER_REMINDER_DAYS: u32 = 30;

/// The stable UID of a deadline.
pub fn deadline_uid(kind: DeadlineKind) -> String {
    let key = match kind {
        DeadlineKind::SeveranceReview => "severance-review",
        DeadlineKind::Separation => "separation",
        DeadlineKind::Unemployment => "unemployment",
        DeadlineKind::CoverEnds => "cover-ends",
        DeadlineKind::Cobra => "cobra",
        DeadlineKind::Aca => "aca",
    };
    format!("deadline-{key}@careerbook")
}

/// The UID of the offer-needed date.
pub const OFFER_UID: &str = "offer-needed@careerbook";

/// One event per deadline (passed ones too, so the calendar keeps the whole
/// story), then the offer-needed date, each with its reminder.
pub fn deadline_events(deadlines: &Deadlines, offer: Option<&OfferNeeded>) -> Vec<CalendarEvent> {
    let mut events: Vec<CalendarEvent> = deadlines.list.iter().map(deadline_event).collect();
    if let Some(offer) = offer {
        events.push(CalendarEvent {
            uid: OFFER_UID.to_string(),
            date: offer.by,
            summary: format!(
                "Offer needed (the money runs out {})",
                format_long(offer.zero_date)
            ),
            description: Some(offer.why()),
            alarm_days: Some(OFFER_REMINDER_DAYS),
        });
    }
    events
}

/// A sign-on clawback that leaving on the last day repays, as an event on
/// that day. The UID names the bonus (`clawback-42@careerbook`), so a moved
/// last day moves the event.
pub fn clawback_event(owed: &ClawbackOwed) -> CalendarEvent {
    let ask = if owed.ask_waiver {
        " The role is eliminated: ask HR to waive it, in the severance agreement."
    } else {
        ""
    };
    CalendarEvent {
        uid: format!("clawback-{}@careerbook", owed.bonus),
        date: owed.last_day,
        summary: format!(
            "Sign-on clawback owed: {} (“{}”)",
            format_money(owed.owed),
            owed.name
        ),
        description: Some(format!(
            "Leaving on {} repays {}: {}. A last day on or after {} owes nothing.{ask}",
            format_long(owed.last_day),
            format_money(owed.owed),
            owed.formula(),
            format_long(owed.term_ends)
        )),
        alarm_days: Some(DEADLINE_REMINDER_DAYS),
    }
}

fn deadline_event(deadline: &Deadline) -> CalendarEvent {
    let assumed = if deadline.assumed {
        "\nThe date rests on an assumption: enter the real end of job cover \
         (`careerbook notice --cover-ends DATE`)."
    } else {
        ""
    };
    CalendarEvent {
        uid: deadline_uid(deadline.kind),
        date: deadline.date,
        summary: deadline.title.clone(),
        description: Some(format!("How: {}.{assumed}", deadline.how)),
        alarm_days: Some(DEADLINE_REMINDER_DAYS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::{LayoffNotice, NowBook, deadlines};
    use crate::export::ics::calendar;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn book(cover_ends: Option<NaiveDate>) -> NowBook {
        NowBook {
            notice: Some(LayoffNotice {
                date: d(2026, 11, 12),
                review_days: Some(21),
                cover_ends,
            }),
            ..NowBook::default()
        }
    }

    fn offer() -> OfferNeeded {
        OfferNeeded {
            by: d(2028, 7, 11),
            zero_date: d(2028, 10, 11),
            months: 3,
            past_screening: 1,
            attention: false,
        }
    }

    #[test]
    fn every_deadline_and_the_offer_date_with_a_reminder_and_a_stable_uid() {
        let all = deadlines(&book(None), Some(d(2027, 2, 9)));
        let events = deadline_events(&all, Some(&offer()));
        let summary: Vec<(&str, NaiveDate, Option<u32>)> = events
            .iter()
            .map(|e| (e.uid.as_str(), e.date, e.alarm_days))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "deadline-severance-review@careerbook",
                    d(2026, 12, 3),
                    Some(3)
                ),
                ("deadline-separation@careerbook", d(2027, 2, 9), Some(3)),
                ("deadline-unemployment@careerbook", d(2027, 2, 16), Some(3)),
                ("deadline-cover-ends@careerbook", d(2027, 2, 28), Some(3)),
                ("deadline-cobra@careerbook", d(2027, 4, 29), Some(3)),
                ("deadline-aca@careerbook", d(2027, 4, 29), Some(3)),
                ("offer-needed@careerbook", d(2028, 7, 11), Some(30)),
            ]
        );
        assert!(
            events[4]
                .description
                .as_deref()
                .is_some_and(|d| d.contains("rests on an assumption")),
            "{:?}",
            events[4].description
        );
        let stamp = d(2026, 11, 26).and_hms_opt(9, 0, 0).expect("time");
        let text = calendar(&events, stamp);
        assert_eq!(text.matches("BEGIN:VALARM").count(), 7, "{text}");
        assert!(text.contains("TRIGGER:-P3D\r\n"), "{text}");
        assert!(text.contains("TRIGGER:-P30D\r\n"), "{text}");
        // A real cover end moves COBRA's date, not its UID, and drops the note.
        let entered = deadlines(&book(Some(d(2027, 3, 15))), Some(d(2027, 2, 9)));
        let moved = deadline_events(&entered, None);
        let cobra = moved
            .iter()
            .find(|e| e.uid == "deadline-cobra@careerbook")
            .expect("cobra");
        // Mar 15 + 60 days = May 14.
        assert_eq!(cobra.date, d(2027, 5, 14));
        assert!(
            cobra
                .description
                .as_deref()
                .is_some_and(|d| !d.contains("assumption"))
        );
    }
}
