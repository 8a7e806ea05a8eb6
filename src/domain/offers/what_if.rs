//! The start-date what-if: moving an offer's start date changes the day you
//! leave the current job. Starting earlier gains the offer's pay for the
//! extra days and can forfeit what waiting would bring — the paid notice
//! left, the severance (if resigning forfeits it), vests before the last
//! day, a sign-on bonus the current employer claws back, dated bonuses.
//! Starting later does the reverse. Every change is worked out both ways
//! from the same rules, so the two directions always mirror each other.

use crate::domain::dates::{days_between, format_long};
use crate::domain::money::{format_money, round_cents};
use crate::domain::vesting::explain;
use crate::domain::vesting::{BonusKind, BonusStatus};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, Invalid, dates};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::offer::{Offer, find};
use super::situation::Situation;
use super::working::{Figure, pay_text};

/// What starting an offer on `new_start` instead of its saved start changes.
#[derive(Clone, Debug, PartialEq)]
pub struct StartWhatIf {
    pub offer: Id,
    pub name: String,
    pub saved_start: NaiveDate,
    pub new_start: NaiveDate,
    /// The last day on payroll, when there is a notice.
    pub last_day: Option<NaiveDate>,
    /// Your last day at the current job under the saved start, and the new one.
    pub leave_saved: NaiveDate,
    pub leave_new: NaiveDate,
    /// One change of each kind, in [`ChangeKind`] order: a gain is positive,
    /// a forfeit negative.
    pub changes: Vec<Change>,
    /// The changes added up: positive when the new start is worth more.
    pub net: Figure,
}

/// One line of the what-if.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub figure: Figure,
}

/// What a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// The offer's pay for the days the start moves.
    OfferPay,
    /// The current job's pay (the paid notice left, after a notice).
    CurrentPay,
    Severance,
    /// Vests of the existing grants between the two leaving days.
    Vests,
    /// The current employer's sign-on bonuses and their clawback.
    SignOn,
    /// Retention and other dated bonuses at the current job.
    DatedBonuses,
}

impl ChangeKind {
    pub fn label(&self) -> &'static str {
        match self {
            Self::OfferPay => "Offer's pay",
            Self::CurrentPay => "Current pay",
            Self::Severance => "Severance",
            Self::Vests => "Vests",
            Self::SignOn => "Sign-on clawback",
            Self::DatedBonuses => "Dated bonuses",
        }
    }

    /// The key `careerbook offer what-if --format json` names the change by.
    pub fn key(&self) -> &'static str {
        match self {
            Self::OfferPay => "offer_pay",
            Self::CurrentPay => "current_pay",
            Self::Severance => "severance",
            Self::Vests => "vests",
            Self::SignOn => "sign_on_clawback",
            Self::DatedBonuses => "dated_bonuses",
        }
    }
}

/// Works out what starting offer `offer` on `new_start` changes against its
/// saved start. Unknown offer ids, dates outside the range careerbook
/// handles and starts before today are refused.
pub fn what_if(
    wb: &Workbook,
    offer: Id,
    new_start: NaiveDate,
    today: NaiveDate,
) -> Result<StartWhatIf, Invalid> {
    let offer = find(wb, offer)?;
    dates::in_range(new_start).map_err(|message| Invalid::new("start", message))?;
    if new_start < today {
        // A job cannot start in the past: the leaving day would be too.
        return Err(Invalid::new(
            "start",
            format!("{new_start} is before today ({today}); try a start from today on"),
        ));
    }
    let sit = Situation::new(wb, today);
    let moves = Move {
        sit: &sit,
        saved: offer.start,
        new: new_start,
    };
    let changes = vec![
        change(ChangeKind::OfferPay, offer_pay(&moves, offer)),
        change(ChangeKind::CurrentPay, current_pay(&moves)),
        change(ChangeKind::Severance, severance(&moves)),
        change(ChangeKind::Vests, vests(&moves)),
        change(ChangeKind::SignOn, sign_on(&moves)),
        change(ChangeKind::DatedBonuses, dated_bonuses(&moves)),
    ];
    let parts: Vec<(&str, &Figure)> = changes
        .iter()
        .map(|c| (c.kind.label(), &c.figure))
        .collect();
    let mut net = Figure::sum("Net", &parts);
    net.working
        .extend(table_line(wb, offer, new_start, today, &changes[0].figure));
    Ok(StartWhatIf {
        offer: offer.id,
        name: offer.company.clone(),
        saved_start: offer.start,
        new_start,
        last_day: sit.last_day,
        leave_saved: sit.leaving(offer.start),
        leave_new: sit.leaving(new_start),
        net,
        changes,
    })
}

/// How the Offers table's vs Stay moves with this start, and why it is not
/// the net: the table counts four full years of the offer from either start
/// (its pay moves with the start, it is not lost), while this what-if counts
/// the same days either way.
fn table_line(
    wb: &Workbook,
    offer: &Offer,
    new_start: NaiveDate,
    today: NaiveDate,
    offer_pay: &Figure,
) -> Option<String> {
    if new_start == offer.start {
        return None;
    }
    let vs_stay = |starts: &[(Id, NaiveDate)]| {
        super::compare(wb, today, starts)
            .columns
            .into_iter()
            .find(|c| c.offer == Some(offer.id))
            .and_then(|c| c.vs_stay.amount)
    };
    let moves = vs_stay(&[(offer.id, new_start)])? - vs_stay(&[])?;
    let moved = Figure::known(moves, Vec::new()).signed();
    Some(format!(
        "In the Offers table this start moves vs Stay by {moved}: the table counts four full years of the offer from either start, so the offer's pay for the days moved ({}) is not lost there.",
        offer_pay.signed()
    ))
}

fn change(kind: ChangeKind, figure: Figure) -> Change {
    Change { kind, figure }
}

/// The two starts being compared, and the situation they are judged in.
struct Move<'a> {
    sit: &'a Situation<'a>,
    saved: NaiveDate,
    new: NaiveDate,
}

impl Move<'_> {
    fn leave_saved(&self) -> NaiveDate {
        self.sit.leaving(self.saved)
    }

    fn leave_new(&self) -> NaiveDate {
        self.sit.leaving(self.new)
    }

    /// `starting on 4 Jan 2027 (leaving 3 Jan 2027)`.
    fn describe(&self, start: NaiveDate) -> String {
        format!(
            "starting on {} (leaving {})",
            format_long(start),
            format_long(self.sit.leaving(start))
        )
    }
}

/// `yearly × days / 365`, half-up to cents.
fn days_of(yearly: Decimal, days: i64) -> Decimal {
    round_cents(yearly * Decimal::from(days) / Decimal::from(365))
}

fn offer_pay(moves: &Move, offer: &Offer) -> Figure {
    let days = days_between(moves.new, moves.saved);
    if days == 0 {
        return Figure::known(Decimal::ZERO, vec!["The start does not move.".into()]);
    }
    let yearly = offer.yearly_pay();
    let amount = days_of(yearly, days);
    let how = if days > 0 {
        "earlier adds"
    } else {
        "later gives up"
    };
    Figure::known(
        amount,
        vec![
            format!(
                "The offer pays {}, earned day by day.",
                pay_text(offer.base, offer.bonus.as_ref())
            ),
            format!(
                "Starting {n} days {how} {n} days of it: {} × {n}/365 = {}.",
                format_money(yearly),
                format_money(amount.abs()),
                n = days.abs()
            ),
            "The sign-on and the grant move with the start: the same amounts, on dates shifted with it.".into(),
        ],
    )
}

fn current_pay(moves: &Move) -> Figure {
    let (from, to) = (moves.leave_saved(), moves.leave_new());
    let days = days_between(from, to);
    if days == 0 {
        return Figure::known(
            Decimal::ZERO,
            vec![format!(
                "You leave the current job on {} either way.",
                format_long(to)
            )],
        );
    }
    let Some(job) = moves.sit.current_job() else {
        return Figure::unknown(vec![
            "Your current pay is not entered yet: enter your base salary and target bonus.".into(),
        ]);
    };
    let yearly = job.yearly_pay();
    let amount = days_of(yearly, days);
    let what = if moves.sit.last_day.is_some() {
        "of paid notice left"
    } else {
        "of pay"
    };
    let how = if days < 0 { "gives up" } else { "adds" };
    Figure::known(
        amount,
        vec![
            format!(
                "Current pay: {}, earned day by day.",
                pay_text(job.base, job.bonus.as_ref())
            ),
            format!(
                "Leaving on {} instead of {} {how} {n} days {what}: {} × {n}/365 = {}.",
                format_long(to),
                format_long(from),
                format_money(yearly),
                format_money(amount.abs()),
                n = days.abs()
            ),
        ],
    )
}

fn severance(moves: &Move) -> Figure {
    let sit = moves.sit;
    let Some(last) = sit.last_day else {
        return Figure::known(
            Decimal::ZERO,
            vec!["No last day on payroll is entered, so there is no severance to lose.".into()],
        );
    };
    let Some(pay) = &sit.severance else {
        return Figure::known(Decimal::ZERO, vec!["No severance is entered.".into()]);
    };
    let (kept_saved, kept_new) = (
        sit.keeps_severance(moves.saved),
        sit.keeps_severance(moves.new),
    );
    let rule = if sit.forfeits {
        "resigning before it forfeits the severance (as set; the default)"
    } else {
        "resigning before it keeps the severance (as set)"
    };
    let mut lines = vec![format!(
        "Your last day on payroll is {}; {rule}.",
        format_long(last)
    )];
    if kept_saved == kept_new {
        let verdict = if kept_new { "kept" } else { "forfeited" };
        lines.push(format!("Either start: the severance is {verdict}."));
        return Figure::known(Decimal::ZERO, lines);
    }
    let pay = match pay {
        Ok(pay) => pay,
        Err(why) => {
            lines.push(format!("The severance cannot be worked out: {why}."));
            return Figure::unknown(lines);
        }
    };
    let (amount, verdict) = if kept_new {
        (pay.gross, "keeps")
    } else {
        (-pay.gross, "forfeits")
    };
    lines.push(format!(
        "{} {verdict} the severance: {} before tax ({}).",
        capitalised(&moves.describe(moves.new)),
        format_money(pay.gross),
        pay.formula
    ));
    Figure::known(amount, lines)
}

fn vests(moves: &Move) -> Figure {
    let sit = moves.sit;
    let (saved, new) = (moves.leave_saved(), moves.leave_new());
    if saved == new {
        return Figure::known(
            Decimal::ZERO,
            vec!["You leave on the same day either way: the same vests.".into()],
        );
    }
    let (low, high) = (saved.min(new), saved.max(new));
    let sign = if new < saved {
        Decimal::NEGATIVE_ONE
    } else {
        Decimal::ONE
    };
    let verb = if new < saved {
        "forfeited by leaving first"
    } else {
        "kept by staying for them"
    };
    let valued = sit.value_vests(|date| low < date && date <= high);
    if valued.lines.is_empty() {
        return Figure::known(
            Decimal::ZERO,
            vec![format!(
                "None of your grants vests after {} up to and including {}.",
                format_long(low),
                format_long(high)
            )],
        );
    }
    let mut lines = vec![format!(
        "Vests after {} up to and including {} are {verb}:",
        format_long(low),
        format_long(high)
    )];
    lines.extend(valued.lines);
    match valued.total {
        Ok(total) => Figure::known(sign * total, lines),
        Err(why) => {
            lines.push(why);
            Figure::unknown(lines)
        }
    }
}

fn sign_on(moves: &Move) -> Figure {
    let sit = moves.sit;
    let book = &sit.wb.vesting;
    if book.sign_on_bonuses.is_empty() {
        return Figure::known(
            Decimal::ZERO,
            vec!["No sign-on bonus from your current job is entered.".into()],
        );
    }
    let mut lines = Vec::new();
    let mut total = Decimal::ZERO;
    for bonus in &book.sign_on_bonuses {
        let mut kept = |start: NaiveDate| {
            let leave = sit.leaving(start);
            // A waiver for an eliminated role does not cover resigning first.
            let waiver = book.role_eliminated && !sit.resigns(start);
            let outcome = bonus.outcome(leave, waiver);
            lines.push(format!(
                "{}: {}",
                capitalised(&moves.describe(start)),
                explain::sign_on(bonus, leave, waiver)
            ));
            match outcome.status {
                BonusStatus::Missed => Decimal::ZERO,
                BonusStatus::Kept => bonus.gross,
                BonusStatus::Clawback => bonus.gross - outcome.amount,
            }
        };
        let saved = kept(moves.saved);
        let new = kept(moves.new);
        total += new - saved;
    }
    if book.role_eliminated && sit.resigns(moves.new) && sit.last_day.is_some() {
        lines.push(
            "Starting before your last day means resigning: a waiver for an eliminated role is not counted then."
                .into(),
        );
    }
    lines.push(format!(
        "Change: what you keep of it {}.",
        if total.is_zero() {
            "is the same either way".to_string()
        } else {
            format_money(total)
        }
    ));
    Figure::known(total, lines)
}

fn dated_bonuses(moves: &Move) -> Figure {
    let (saved, new) = (moves.leave_saved(), moves.leave_new());
    let mut lines = Vec::new();
    let mut total = Decimal::ZERO;
    for bonus in &moves.sit.wb.vesting.dated_bonuses {
        if bonus.kind == BonusKind::Annual {
            continue;
        }
        let must = bonus.must_be_employed_on;
        let (kept_saved, kept_new) = (saved >= must, new >= must);
        if kept_saved == kept_new {
            continue;
        }
        let (amount, verdict) = if kept_new {
            (bonus.gross, "kept")
        } else {
            (-bonus.gross, "missed")
        };
        total += amount;
        lines.push(format!(
            "“{}” ({}) needs you employed on {}: leaving {} it is {verdict}.",
            bonus.name,
            format_money(bonus.gross),
            format_long(must),
            format_long(new)
        ));
    }
    if lines.is_empty() {
        lines.push(
            "Either start: every retention or other dated bonus is kept or missed alike.".into(),
        );
    }
    Figure::known(total, lines)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
