//! Next actions: after a notice, one ranked list of what to do, built from
//! every tab — the deadlines, vests before and after the last day, the date
//! an offer is needed by, overdue follow-ups, contacts due a touch, and a win
//! for this week. Each says why, what is at stake in money where that is
//! known, and which record deals with it.
//!
//! The ranking ([`rank`]): what falls due within [`THIS_WEEK_DAYS`] days
//! (overdue included), or needs attention now, comes first, ordered by what is
//! at stake — money that is lost if it is missed (largest first), then the
//! other deadlines, then the routine — and by date within each; everything
//! later follows in date order, the same stake breaking ties.

use super::deadlines::{
    ACA_ENROLLMENT_DAYS, COBRA_ELECTION_DAYS, Deadline, DeadlineKind, Deadlines,
};
use super::finances::RunwayFigure;
use super::offer::{OfferNeeded, has_accepted};
use super::{Tab, relative};
use crate::domain::Id;
use crate::domain::dates::{format_long, week_start};
use crate::domain::edit::Kind;
use crate::domain::impact::logged_this_week;
use crate::domain::money::{format_money, format_shares};
use crate::domain::offers::{EarlyStart, early_starts};
use crate::domain::pipeline::{FollowUp, contacts_due, follow_ups_due_today, overdue_follow_ups};
use crate::domain::vesting::{clawbacks_owed, events, last_day};
use crate::domain::workbook::Workbook;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use std::cmp::Ordering;

/// "This week": actions due within this many days of today come first.
pub const THIS_WEEK_DAYS: u64 = 7;

// Without a last day on payroll, vests this many days ahead are listed (the
// alerts' horizon).
use super::alerts::VEST_ALERT_DAYS;

/// What an action is about; the `kind` of `careerbook next --format json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    SeveranceReview,
    Separation,
    Unemployment,
    CoverEnds,
    Cobra,
    Aca,
    ForfeitedVest,
    Clawback,
    EarlyStart,
    Vest,
    OfferNeeded,
    RunwayInputs,
    FollowUp,
    ContactDue,
    NoWin,
}

impl ActionKind {
    pub fn key(self) -> &'static str {
        match self {
            Self::SeveranceReview => "severance_review",
            Self::Separation => "separation",
            Self::Unemployment => "unemployment",
            Self::CoverEnds => "cover_ends",
            Self::Cobra => "cobra",
            Self::Aca => "aca",
            Self::ForfeitedVest => "forfeited_vest",
            Self::Clawback => "clawback",
            Self::EarlyStart => "early_start",
            Self::Vest => "vest",
            Self::OfferNeeded => "offer_needed",
            Self::RunwayInputs => "runway_inputs",
            Self::FollowUp => "follow_up",
            Self::ContactDue => "contact_due",
            Self::NoWin => "no_win",
        }
    }

    /// The deadline this action stands for, if it is one.
    pub fn deadline(self) -> Option<DeadlineKind> {
        Some(match self {
            Self::SeveranceReview => DeadlineKind::SeveranceReview,
            Self::Separation => DeadlineKind::Separation,
            Self::Unemployment => DeadlineKind::Unemployment,
            Self::CoverEnds => DeadlineKind::CoverEnds,
            Self::Cobra => DeadlineKind::Cobra,
            Self::Aca => DeadlineKind::Aca,
            _ => return None,
        })
    }

    fn of_deadline(kind: DeadlineKind) -> Self {
        match kind {
            DeadlineKind::SeveranceReview => Self::SeveranceReview,
            DeadlineKind::Separation => Self::Separation,
            DeadlineKind::Unemployment => Self::Unemployment,
            DeadlineKind::CoverEnds => Self::CoverEnds,
            DeadlineKind::Cobra => Self::Cobra,
            DeadlineKind::Aca => Self::Aca,
        }
    }

    /// Missing these loses money outright (when the amount is known).
    fn costs_money(self) -> bool {
        matches!(
            self,
            Self::SeveranceReview
                | Self::Unemployment
                | Self::ForfeitedVest
                | Self::Clawback
                | Self::EarlyStart
        )
    }
}

/// One thing to do, with its date, why, and what it is worth.
#[derive(Clone, Debug, PartialEq)]
pub struct NextAction {
    pub kind: ActionKind,
    /// When it must be done (a deadline, a vest, a follow-up) or was due.
    pub date: NaiveDate,
    pub title: String,
    /// Why it matters and how the date was found, one line.
    pub why: String,
    /// Money lost if it is missed, or the value of a vest; `None` when unknown.
    pub at_stake: Option<Decimal>,
    /// Needs attention now whatever its date (an offer the pipeline cannot reach).
    pub attention: bool,
    /// The tab that deals with it, and the record to select there.
    pub tab: Tab,
    pub record: Option<(Kind, Id)>,
}

impl NextAction {
    fn new(kind: ActionKind, date: NaiveDate, title: String, why: String, tab: Tab) -> Self {
        Self {
            kind,
            date,
            title,
            why,
            at_stake: None,
            attention: false,
            tab,
            record: None,
        }
    }

    /// Due within this week (overdue included), or needing attention now.
    pub fn this_week(&self, today: NaiveDate) -> bool {
        self.attention || self.date <= plus_days(today, THIS_WEEK_DAYS)
    }

    /// 0: money lost if missed; 1: another deadline, or attention; 2: routine.
    fn stake_class(&self) -> u8 {
        if self.kind.costs_money() && self.at_stake.is_some_and(|v| v > Decimal::ZERO) {
            0
        } else if self.kind.deadline().is_some() || self.attention {
            1
        } else {
            2
        }
    }
}

fn plus_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// Sorts actions as the module documentation says.
pub fn rank(actions: &mut [NextAction], today: NaiveDate) {
    actions.sort_by(|a, b| {
        let (a_now, b_now) = (a.this_week(today), b.this_week(today));
        b_now.cmp(&a_now).then_with(|| {
            let stake = a
                .stake_class()
                .cmp(&b.stake_class())
                .then_with(|| larger_first(a.at_stake, b.at_stake, a.stake_class()));
            let by_date = a.date.cmp(&b.date);
            if a_now {
                stake.then(by_date)
            } else {
                by_date.then(stake)
            }
            .then_with(|| a.title.cmp(&b.title))
        })
    });
}

/// Among actions that lose money, the larger amount first.
fn larger_first(a: Option<Decimal>, b: Option<Decimal>, class: u8) -> Ordering {
    if class == 0 {
        b.cmp(&a)
    } else {
        Ordering::Equal
    }
}

/// Every next action for `today`, ranked. `runway`, `deadlines` and `offer`
/// are the Now report's own, so the list agrees with the rest of the tab.
pub fn next_actions(
    wb: &Workbook,
    today: NaiveDate,
    runway: &RunwayFigure,
    deadlines: &Deadlines,
    offer: Option<&OfferNeeded>,
) -> Vec<NextAction> {
    let early = early_starts(wb, today);
    // The accepted new job's start forfeits the severance: it is no longer
    // money coming, whatever the review window says.
    let forfeiting = early
        .iter()
        .find(|e| e.accepted && e.severance_forfeited.is_some());
    // The accepted new job starts on or before the last day: some deadlines
    // no longer apply (see `moot`), and you leave the day before it starts.
    let accepted = early.iter().find(|e| e.accepted);
    let gapless = accepted.is_some() || starts_right_after(wb);
    let mut out: Vec<NextAction> = deadlines
        .list
        .iter()
        .filter(|d| d.date >= today && !(gapless && moot(d.kind)))
        .map(|d| deadline_action(wb, d, today, forfeiting, accepted))
        .collect();
    out.extend(vest_actions(wb, today, deadlines, accepted));
    out.extend(
        early
            .iter()
            .map(|e| early_start_action(e, today, deadlines)),
    );
    if let Some(offer) = offer {
        let mut action = NextAction::new(
            ActionKind::OfferNeeded,
            offer.by,
            offer.headline(),
            offer.why(),
            Tab::Pipeline,
        );
        action.attention = offer.attention;
        out.push(action);
    }
    if let RunwayFigure::NotEntered(missing) = runway {
        out.push(NextAction::new(
            ActionKind::RunwayInputs,
            today,
            format!("Enter {}", missing.join(" and ")),
            format!(
                "Without {} there is no runway: no date the money runs out, and so no date an \
                 offer is needed by.",
                if missing.len() == 1 { "it" } else { "them" }
            ),
            Tab::Runway,
        ));
    }
    out.extend(pipeline_actions(wb, today));
    if !logged_this_week(&wb.impact.wins, today) {
        let monday = week_start(today);
        out.push(NextAction::new(
            ActionKind::NoWin,
            plus_days(monday, 6),
            "Log a win this week".into(),
            format!(
                "No win logged since {}: a measured win a week keeps the log ready for a \
                 résumé, an interview story or a reference.",
                monday.format("%a %-d %b")
            ),
            Tab::Impact,
        ));
    }
    rank(&mut out, today);
    out
}

/// A deadline the accepted new job (starting before pay stops, or within
/// [`NO_GAP_DAYS`] of the last day) makes moot: there is no unemployment to
/// claim without a week out of work.
fn moot(kind: DeadlineKind) -> bool {
    kind == DeadlineKind::Unemployment
}

/// States pay no benefit for a first "waiting week" (DESIGN.md, benefits):
/// a job starting within a week of the last day leaves nothing to claim.
const NO_GAP_DAYS: i64 = 7;

/// Whether an accepted job starts within [`NO_GAP_DAYS`] after the last day.
fn starts_right_after(wb: &Workbook) -> bool {
    let (Some(job), Some(last)) = (&wb.runway.new_job, wb.runway.separation) else {
        return false;
    };
    has_accepted(wb) && (job.start - last).num_days() <= NO_GAP_DAYS
}

/// Whether an accepted job starts on or before `next_vest`: a last day late
/// enough to reach that vest would run into the new job.
fn job_starts_by(wb: &Workbook, next_vest: NaiveDate) -> bool {
    wb.runway
        .new_job
        .as_ref()
        .is_some_and(|job| has_accepted(wb) && job.start <= next_vest)
}

fn deadline_action(
    wb: &Workbook,
    deadline: &Deadline,
    today: NaiveDate,
    forfeiting: Option<&EarlyStart>,
    accepted: Option<&EarlyStart>,
) -> NextAction {
    let plan = &wb.runway;
    let when = format!(
        "{} ({})",
        format_long(deadline.date),
        relative(deadline.date, today)
    );
    let assumed = if deadline.assumed {
        " Assumed: job cover ends with the separation month (n on the Now tab, or \
         careerbook notice --cover-ends, sets the real date)."
    } else {
        ""
    };
    let (title, why, at_stake) = match deadline.kind {
        DeadlineKind::SeveranceReview if forfeiting.is_some() => {
            let early = forfeiting.expect("matched");
            let gross = early
                .severance_forfeited
                .map_or_else(String::new, |g| format!(" ({} gross)", format_money(g)));
            (
                "Review and sign the severance agreement".to_string(),
                format!(
                    "The review window closes {when}. You accepted {} starting {}, before your \
                     last day on payroll: resigning then forfeits the severance{gross}, so it is \
                     not counted as money coming unless the start moves (see the action about \
                     the start date).",
                    early.company,
                    format_long(early.start)
                ),
                None,
            )
        }
        DeadlineKind::SeveranceReview => {
            let gross = plan
                .severance
                .as_ref()
                .and_then(|s| s.pay(plan.separation, plan.withholding).ok())
                .map(|pay| pay.gross);
            let worth = gross.map_or_else(
                || "the severance".to_string(),
                |g| format!("the severance ({} gross)", format_money(g)),
            );
            (
                "Review and sign the severance agreement".to_string(),
                format!(
                    "The review window closes {when}; unsigned, {worth} is not paid. Ask about \
                     the last day and the terms before you sign."
                ),
                gross,
            )
        }
        DeadlineKind::Separation => (
            "Last day on payroll".to_string(),
            format!(
                "{when}: pay stops and vesting ends; vests after it are forfeited. Return \
                 equipment and save what is yours before then."
            ),
            None,
        ),
        DeadlineKind::Unemployment => {
            let weekly = plan.benefit.as_ref().map(|b| b.weekly_amount);
            let cost = weekly.map_or_else(
                || "a week of benefit".to_string(),
                |w| format!("a week of benefit ({})", format_money(w)),
            );
            (
                "File for unemployment".to_string(),
                format!(
                    "By {when}: benefits count from the week you file, so each week late costs \
                     {cost}."
                ),
                weekly,
            )
        }
        DeadlineKind::CoverEnds => (
            "Job health cover ends".to_string(),
            format!("{when}: have COBRA or a marketplace plan start the day after.{assumed}"),
            None,
        ),
        DeadlineKind::Cobra => (
            "Elect COBRA, or decide not to".to_string(),
            format!(
                "The election window closes {when}, {COBRA_ELECTION_DAYS} days after job cover \
                 ends (later if the election notice comes after); after it the job's plan \
                 cannot be continued.{assumed}"
            ),
            None,
        ),
        DeadlineKind::Aca => (
            "Enroll in a marketplace plan (ACA)".to_string(),
            format!(
                "Losing job cover opens a {ACA_ENROLLMENT_DAYS}-day special enrollment period, \
                 closing {when}; after it, you wait for open enrollment.{assumed}"
            ),
            None,
        ),
    };
    // Health cover: careerbook does not know when the new job's plan starts.
    let why = match accepted {
        Some(job)
            if matches!(
                deadline.kind,
                DeadlineKind::CoverEnds | DeadlineKind::Cobra | DeadlineKind::Aca
            ) =>
        {
            format!(
                "{why} You accepted {} starting {}: if its health plan covers you from that day \
                 this is moot; if its cover starts later, this bridges the gap.",
                job.company,
                format_long(job.start)
            )
        }
        _ => why,
    };
    // The last day is the Vesting tab's what-if; the rest are runway inputs
    // (the severance, the benefit, the health cover).
    let tab = match deadline.kind {
        DeadlineKind::Separation => Tab::Vesting,
        _ => Tab::Runway,
    };
    let mut action = NextAction::new(
        ActionKind::of_deadline(deadline.kind),
        deadline.date,
        title,
        why,
        tab,
    );
    action.at_stake = at_stake;
    action
}

/// Vests before the last day (kept), and what the last day forfeits with the
/// next vest after it. Without a last day, the vests of the next 30 days.
/// With an accepted new job starting on or before the last day, the vests
/// listed are those up to the day you leave for it, and asking for a later
/// last day is moot: the start-date action says what the early start forfeits.
fn vest_actions(
    wb: &Workbook,
    today: NaiveDate,
    deadlines: &Deadlines,
    accepted: Option<&EarlyStart>,
) -> Vec<NextAction> {
    let rate = wb.runway.withholding;
    let separation = wb.runway.separation;
    let leaving = accepted.map(|a| a.leaving);
    let until = leaving
        .or(separation)
        .unwrap_or_else(|| plus_days(today, VEST_ALERT_DAYS));
    let mut out: Vec<NextAction> = events(&wb.vesting, today, until, today, rate)
        .into_iter()
        .map(|vest| {
            let kept = match (leaving, separation) {
                (Some(leave), _) => format!("before you leave ({}): kept", format_long(leave)),
                (None, Some(last)) => {
                    format!("before your last day ({}): kept", format_long(last))
                }
                (None, None) => relative(vest.date, today),
            };
            let net = vest
                .net
                .map(|n| format!(", about {} after withholding", format_money(n)))
                .unwrap_or_default();
            let mut action = NextAction::new(
                ActionKind::Vest,
                vest.date,
                format!(
                    "{} {} vest ({})",
                    format_shares(vest.shares),
                    vest.ticker,
                    vest.grant
                ),
                format!("Vests {} {kept}{net}.", format_long(vest.date)),
                Tab::Vesting,
            );
            action.at_stake = vest.gross;
            action.record = Some((Kind::Grant, vest.grant_id));
            action
        })
        .collect();
    if let Some(last) = separation.filter(|&s| s >= today) {
        if accepted.is_none() {
            out.extend(forfeited_action(wb, last, today, deadlines));
        }
        out.extend(clawback_actions(wb, last, today, deadlines));
    }
    out
}

/// An offer starting before the last day: accepted, what the start forfeits
/// and what asking for a later one is worth; not yet, a pointer to the
/// what-if with its figure. Dated as asking for a later last day is.
fn early_start_action(early: &EarlyStart, today: NaiveDate, deadlines: &Deadlines) -> NextAction {
    let (date, ask) = ask_by(deadlines, today, early.leaving);
    let forfeits = match early.severance_forfeited {
        Some(gross) => format!(
            "the severance ({} gross) and your pay to the last day",
            format_money(gross)
        ),
        None => "your pay to the last day".to_string(),
    };
    let worth = match early.later_worth.amount {
        Some(net) if net > Decimal::ZERO => format!("is worth {} more", format_money(net)),
        Some(net) if net < Decimal::ZERO => format!("is worth {} less", format_money(-net)),
        Some(_) => "comes to the same".to_string(),
        None => "cannot be worked out yet (see the what-if's working)".to_string(),
    };
    let what_if = format!(
        "careerbook offer what-if {} --start {}",
        early.offer, early.later_start
    );
    let starting = format!(
        "starting on {} means leaving on {}, before your last day on payroll ({}): that \
         forfeits {forfeits}.",
        format_long(early.start),
        format_long(early.leaving),
        format_long(early.last_day)
    );
    let later_pays = early
        .later_worth
        .amount
        .is_some_and(|net| net > Decimal::ZERO);
    let (title, why) = if early.accepted {
        (
            if later_pays {
                format!(
                    "Ask {} to start on {} or later",
                    early.company,
                    format_long(early.later_start)
                )
            } else {
                format!("Your start at {} comes before your last day", early.company)
            },
            format!(
                "You accepted {}'s offer: {starting} Starting on {} instead {worth} \
                 ({what_if}). {ask}",
                early.company,
                format_long(early.later_start)
            ),
        )
    } else {
        (
            format!(
                "{}'s start comes before your last day: {}",
                early.company,
                if later_pays {
                    "see what it forfeits"
                } else {
                    "see the what-if"
                }
            ),
            format!(
                "{}'s offer: {starting} A start on {} {worth}: {what_if}. {ask}",
                early.company,
                format_long(early.later_start)
            ),
        )
    };
    let mut action = NextAction::new(ActionKind::EarlyStart, date, title, why, Tab::Pipeline);
    action.at_stake = early.later_worth.amount.filter(|net| *net > Decimal::ZERO);
    action.record = Some((Kind::Offer, early.offer));
    action
}

/// When to ask for better terms before leaving on `last`: before the
/// severance review window closes if that comes first (its date and the
/// words), else before the last day.
fn ask_by(deadlines: &Deadlines, today: NaiveDate, last: NaiveDate) -> (NaiveDate, String) {
    let review = deadlines
        .list
        .iter()
        .find(|d| d.kind == DeadlineKind::SeveranceReview)
        .map(|d| d.date)
        .filter(|&date| today <= date && date <= last);
    match review {
        Some(date) => (
            date,
            format!(
                "Ask before the severance review window closes ({}).",
                format_long(date)
            ),
        ),
        None => (last, "Ask before your last day.".to_string()),
    }
}

/// A sign-on clawback leaving on `last` repays: where the role is eliminated
/// and the bonus does not waive it, asking for a waiver (dated as asking for
/// a later last day is); otherwise the repayment, due on the last day.
fn clawback_actions(
    wb: &Workbook,
    last: NaiveDate,
    today: NaiveDate,
    deadlines: &Deadlines,
) -> Vec<NextAction> {
    let book = &wb.vesting;
    clawbacks_owed(&book.sign_on_bonuses, last, book.role_eliminated)
        .into_iter()
        .map(|owed| {
            let repays = format!(
                "Leaving {} repays {} of “{}”: {}.",
                format_long(last),
                format_money(owed.owed),
                owed.name,
                owed.formula()
            );
            let (date, title, why) = if owed.ask_waiver {
                let (date, ask) = ask_by(deadlines, today, last);
                (
                    date,
                    format!(
                        "Ask HR to waive the {} sign-on clawback: the role is eliminated",
                        format_money(owed.owed)
                    ),
                    format!(
                        "{repays} Employers often waive it when they eliminate the role; have \
                         the waiver written into the severance agreement. {ask}"
                    ),
                )
            } else {
                (
                    last,
                    format!(
                        "Sign-on clawback due: {} on your last day",
                        format_money(owed.owed)
                    ),
                    format!(
                        "{repays} A last day on or after {} owes nothing.",
                        format_long(owed.term_ends)
                    ),
                )
            };
            let mut action = NextAction::new(ActionKind::Clawback, date, title, why, Tab::Vesting);
            action.at_stake = Some(owed.owed);
            action.record = Some((Kind::SignOn, owed.bonus));
            action
        })
        .collect()
}

/// "Ask for a later last day": what leaving on `last` forfeits, dated when it
/// must be asked (before the severance review window closes, if that comes
/// first).
fn forfeited_action(
    wb: &Workbook,
    last: NaiveDate,
    today: NaiveDate,
    deadlines: &Deadlines,
) -> Option<NextAction> {
    let report = last_day(&wb.vesting, last, today, wb.runway.withholding).ok()?;
    if report.forfeited.is_zero()
        || report
            .next_vest
            .as_ref()
            .is_some_and(|next| job_starts_by(wb, next.date))
    {
        return None;
    }
    let (date, ask_by) = ask_by(deadlines, today, last);
    let next = report.next_vest.as_ref().map_or_else(String::new, |next| {
        let worth = next
            .gross
            .map(|g| format!(", {}", format_money(g)))
            .unwrap_or_default();
        format!(
            " The next vest after it is {} ({} shares{worth}): a last day on or after it keeps \
             those; each later vest needs a later day.",
            format_long(next.date),
            format_shares(next.shares)
        )
    });
    let worth = report
        .forfeited_value
        .map(|v| format!(" (worth {})", format_money(v)))
        .unwrap_or_default();
    let mut action = NextAction::new(
        ActionKind::ForfeitedVest,
        date,
        format!(
            "Ask for a later last day: {} shares forfeited",
            format_shares(report.forfeited)
        ),
        format!(
            "Leaving {} forfeits {} unvested shares{worth}.{next} {ask_by}",
            format_long(last),
            format_shares(report.forfeited)
        ),
        Tab::Vesting,
    );
    action.at_stake = report.forfeited_value;
    action.record = report
        .grants
        .iter()
        .find(|g| !g.forfeited.is_zero())
        .map(|g| (Kind::Grant, g.grant_id));
    Some(action)
}

/// Follow-ups overdue or due today, and contacts due a touch.
fn pipeline_actions(wb: &Workbook, today: NaiveDate) -> Vec<NextAction> {
    let pipeline = &wb.pipeline;
    let mut out = Vec::new();
    let follow_ups = overdue_follow_ups(pipeline, today)
        .into_iter()
        .chain(follow_ups_due_today(pipeline, today));
    for id in follow_ups {
        let Some(app) = pipeline.application(id) else {
            continue;
        };
        let (Some(due), Some(state)) = (app.follow_up, app.follow_up_state(today)) else {
            continue;
        };
        let standing = match state {
            FollowUp::Overdue { days } => format!(
                "Overdue since {} ({})",
                due.format("%-d %b"),
                crate::text::days(days)
            ),
            _ => "Due today".to_string(),
        };
        let next = app
            .next_action
            .as_ref()
            .map(|n| format!("; next: {n}"))
            .unwrap_or_default();
        let mut action = NextAction::new(
            ActionKind::FollowUp,
            due,
            format!("Follow up with {} ({})", app.company, app.role),
            format!("{standing}; {}{next}.", app.stage.label()),
            Tab::Pipeline,
        );
        action.record = Some((Kind::Application, id));
        out.push(action);
    }
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
        let mut action = NextAction::new(
            ActionKind::ContactDue,
            due,
            format!("Touch base with {}", contact.name),
            format!(
                "{}{company}: the next touch was due {}.",
                contact.relationship.label(),
                relative(due, today)
            ),
            Tab::Pipeline,
        );
        action.record = Some((Kind::Contact, id));
        out.push(action);
    }
    out
}

/// One action as `careerbook next --format json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NextActionJson<'a> {
    pub date: NaiveDate,
    pub title: &'a str,
    pub why: &'a str,
    /// Money as a string with two decimals, or null when not known.
    #[serde(serialize_with = "crate::domain::money::serialize_money_or_null")]
    pub at_stake: Option<Decimal>,
    pub kind: ActionKind,
    pub attention: bool,
}

impl<'a> From<&'a NextAction> for NextActionJson<'a> {
    fn from(action: &'a NextAction) -> Self {
        Self {
            date: action.date,
            title: &action.title,
            why: &action.why,
            at_stake: action.at_stake,
            kind: action.kind,
            attention: action.attention,
        }
    }
}

#[cfg(test)]
#[path = "next_tests.rs"]
mod tests;
