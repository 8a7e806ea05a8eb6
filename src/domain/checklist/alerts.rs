//! Alerts: one line per thing that needs attention, newest first, each naming
//! the tab (and the record, where there is one) that deals with it.

use super::deadlines::Deadlines;
use super::finances::RunwayFigure;
use super::items::{DEADLINE_SOON_DAYS, RUNWAY_ATTENTION_MONTHS, RUNWAY_URGENT_MONTHS};
use super::offer::OfferNeeded;
use super::{Tab, plural, relative};
use crate::domain::Id;
use crate::domain::dates::week_start;
use crate::domain::edit::Kind;
use crate::domain::impact::logged_this_week;
use crate::domain::money::{format_money, format_shares};
use crate::domain::pipeline::{FollowUp, contacts_due, overdue_follow_ups};
use crate::domain::vesting::events;
use crate::domain::workbook::Workbook;
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// Vests this many days ahead (today included) are announced, up to the
/// separation date (a vest on that day is kept).
pub const VEST_ALERT_DAYS: u64 = 30;

/// What an alert is about. Declaration order breaks ties between alerts of
/// the same date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    Deadline,
    Runway,
    Offer,
    Vest,
    NoWin,
    ContactDue,
    FollowUp,
}

impl AlertKind {
    pub fn key(self) -> &'static str {
        match self {
            Self::Deadline => "deadline",
            Self::Runway => "runway",
            Self::Offer => "offer",
            Self::Vest => "vest",
            Self::NoWin => "no_win",
            Self::ContactDue => "contact_due",
            Self::FollowUp => "follow_up",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub kind: AlertKind,
    /// The day the alert is about: the deadline, the vest, the follow-up or
    /// touch that fell due, the Monday of a week without a win, today for runway.
    pub date: NaiveDate,
    pub text: String,
    pub tab: Tab,
    /// The record to select on that tab.
    pub record: Option<(Kind, Id)>,
}

/// Every alert for `today`, newest (latest date) first; same-day alerts in
/// [`AlertKind`] order, then by text.
pub fn alerts(
    wb: &Workbook,
    today: NaiveDate,
    runway: &RunwayFigure,
    deadlines: &Deadlines,
    offer: Option<&OfferNeeded>,
) -> Vec<Alert> {
    let mut out = Vec::new();
    for deadline in deadlines.within(today, DEADLINE_SOON_DAYS) {
        out.push(Alert {
            kind: AlertKind::Deadline,
            date: deadline.date,
            text: format!("{} {}", deadline.title, relative(deadline.date, today)),
            tab: Tab::Now,
            record: None,
        });
    }
    if let RunwayFigure::Months { months, .. } = runway
        && *months < RUNWAY_ATTENTION_MONTHS
    {
        let text = if *months < RUNWAY_URGENT_MONTHS {
            format!("Urgent: runway {months:.2} months, below {RUNWAY_URGENT_MONTHS}")
        } else {
            format!("Runway {months:.2} months, below {RUNWAY_ATTENTION_MONTHS}")
        };
        out.push(Alert {
            kind: AlertKind::Runway,
            date: today,
            text,
            tab: Tab::Runway,
            record: None,
        });
    }
    if let Some(offer) = offer.filter(|o| o.attention) {
        out.push(Alert {
            kind: AlertKind::Offer,
            date: today,
            text: format!(
                "{}, and no open application is past screening",
                offer.headline()
            ),
            tab: Tab::Pipeline,
            record: None,
        });
    }
    // Vests after the separation date are forfeited, not received.
    let horizon = today
        .checked_add_days(Days::new(VEST_ALERT_DAYS))
        .unwrap_or(NaiveDate::MAX)
        .min(wb.runway.separation.unwrap_or(NaiveDate::MAX));
    for vest in events(&wb.vesting, today, horizon, today, wb.runway.withholding) {
        let worth = vest
            .net
            .map(|net| format!(", about {} after withholding", format_money(net)))
            .unwrap_or_default();
        out.push(Alert {
            kind: AlertKind::Vest,
            date: vest.date,
            text: format!(
                "{} {} vest {} ({}){worth}",
                format_shares(vest.shares),
                vest.ticker,
                relative(vest.date, today),
                vest.grant
            ),
            tab: Tab::Vesting,
            record: Some((Kind::Grant, vest.grant_id)),
        });
    }
    if !logged_this_week(&wb.impact.wins, today) {
        let monday = week_start(today);
        out.push(Alert {
            kind: AlertKind::NoWin,
            date: monday,
            text: format!(
                "No win logged this week yet (since {})",
                monday.format("%a %-d %b")
            ),
            tab: Tab::Impact,
            record: None,
        });
    }
    let pipeline = &wb.pipeline;
    for id in contacts_due(pipeline, today) {
        let Some(contact) = pipeline.contact(id) else {
            continue;
        };
        let Some(due) = contact.next_touch else {
            continue;
        };
        let company = contact
            .company
            .as_ref()
            .map(|c| format!(", {c}"))
            .unwrap_or_default();
        out.push(Alert {
            kind: AlertKind::ContactDue,
            date: due,
            text: format!(
                "Touch base with {} ({}{company}): due {}",
                contact.name,
                contact.relationship.label().to_lowercase(),
                relative(due, today)
            ),
            tab: Tab::Pipeline,
            record: Some((Kind::Contact, id)),
        });
    }
    for id in overdue_follow_ups(pipeline, today) {
        let Some(app) = pipeline.application(id) else {
            continue;
        };
        let (Some(due), Some(FollowUp::Overdue { days })) =
            (app.follow_up, app.follow_up_state(today))
        else {
            continue;
        };
        out.push(Alert {
            kind: AlertKind::FollowUp,
            date: due,
            text: format!(
                "Follow up with {} ({}): {} overdue",
                app.company,
                app.role,
                plural(days as usize, "day", "days")
            ),
            tab: Tab::Pipeline,
            record: Some((Kind::Application, id)),
        });
    }
    sort_newest_first(&mut out);
    out
}

/// Latest date first; same date by kind, then text.
pub fn sort_newest_first(alerts: &mut [Alert]) {
    alerts.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then(a.kind.cmp(&b.kind))
            .then_with(|| a.text.cmp(&b.text))
    });
}
