//! The Vesting tab's forms, and turning a submitted form into an edit. Field
//! keys are the domain's field names, so a refused value shows under its
//! field; an edit starts from the record as it was when its form opened.

use crate::domain::Invalid;
use crate::domain::edit::{Item, Section};
use crate::domain::money::{format_percent, tenfold_warning};
use crate::domain::vesting::{
    self, BonusKind, DatedBonus, Grant, Price, Rounding, Schedule, ScheduleKind, SignOnBonus,
    format_tranches,
};
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::Refused;
use crate::tui::widgets::form::{Key, Pick, Values};
use chrono::NaiveDate;
use rust_decimal::Decimal;

type Form = crate::tui::widgets::form::Form<Purpose>;
type Cx<'a> = crate::tui::screen::Cx<'a, Purpose>;

/// What a form of this tab is for; an edit holds the record as it was.
pub enum Purpose {
    Grant(Option<Grant>),
    Price(Option<Price>),
    SignOn(Option<SignOnBonus>),
    Dated(Option<DatedBonus>),
    /// The first step of adding a bonus: which kind.
    BonusKind,
    /// The vests' own withholding rate as it was (`None`: the Runway tab's).
    Withholding(Option<Decimal>),
    LastDay,
}

/// The first step of adding a bonus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BonusStep {
    SignOn,
    Dated(BonusKind),
}

impl Pick for BonusStep {
    fn options() -> Vec<Self> {
        std::iter::once(BonusStep::SignOn)
            .chain(BonusKind::ALL.map(BonusStep::Dated))
            .collect()
    }

    fn label(&self) -> String {
        match self {
            BonusStep::SignOn => "Sign-on bonus (paid up front, repaid if you leave early)",
            BonusStep::Dated(BonusKind::Annual) => "Annual bonus (paid if employed on a date)",
            BonusStep::Dated(BonusKind::Retention) => {
                "Retention bonus (paid if employed on a date)"
            }
            BonusStep::Dated(BonusKind::Other) => "Other bonus that needs you employed on a date",
        }
        .to_string()
    }

    fn names(&self) -> Vec<String> {
        match self {
            BonusStep::SignOn => vec!["signing".into(), "sign on".into()],
            BonusStep::Dated(kind) => vec![kind.key().into()],
        }
    }
}

const NAME: Key<String> = Key::new("name");
const TICKER: Key<String> = Key::new("ticker");
const SHARES: Key<Decimal> = Key::new("shares");
const GRANT_DATE: Key<NaiveDate> = Key::new("grant_date");
const VEST_START: Key<Option<NaiveDate>> = Key::new("vest_start");
const SCHEDULE: Key<ScheduleKind> = Key::new("schedule");
const FIRST_VEST: Key<Option<NaiveDate>> = Key::new("first_vest");
const TRANCHES: Key<Option<String>> = Key::new("tranches");
const ROUNDING: Key<Rounding> = Key::new("rounding");
const PRICE: Key<Decimal> = Key::new("price");
const AS_OF: Key<NaiveDate> = Key::new("as_of");
const STEP: Key<BonusStep> = Key::new("kind");
const GROSS: Key<Decimal> = Key::new("gross");
const PAID: Key<NaiveDate> = Key::new("paid");
const CLAWBACK_MONTHS: Key<u32> = Key::new("clawback_months");
const PRORATED: Key<bool> = Key::new("prorated");
const WAIVED: Key<bool> = Key::new("waived_if_eliminated");
const KIND: Key<BonusKind> = Key::new("kind");
const MUST_BE_EMPLOYED_ON: Key<NaiveDate> = Key::new("must_be_employed_on");
const PAY_DATE: Key<Option<NaiveDate>> = Key::new("pay_date");
const WITHHOLDING: Key<Decimal> = Key::new("withholding");
const LAST_DAY: Key<NaiveDate> = Key::new("last_day");

const TRANCHES_HINT: &str = "one per line: 2027-03-15 25% or 2027-03-15 100";

pub fn grant(wb: &Workbook, grant: Option<&Grant>, today: NaiveDate) -> Form {
    let title = if grant.is_some() {
        "Edit grant"
    } else {
        "Add a grant"
    };
    let ticker = grant
        .map(|g| g.ticker.clone())
        .or_else(|| wb.vesting.grants.first().map(|g| g.ticker.clone()))
        .unwrap_or_default();
    let (first_vest, tranches) = match grant.map(|g| &g.schedule) {
        Some(Schedule::MetaQuarterly { first_vest }) => (*first_vest, String::new()),
        Some(Schedule::Custom { tranches }) => (None, format_tranches(tranches)),
        _ => (None, String::new()),
    };
    Form::new(title, today, Purpose::Grant(grant.cloned()))
        .text(NAME, "Name", grant.map_or("", |g| &g.name))
        .hint("e.g. New-hire RSU, 2025 refresher")
        .text(TICKER, "Ticker", &ticker)
        .hint("the stock's symbol, e.g. AMZN (typing replaces the one shown)")
        .shares(
            SHARES,
            "Shares in the whole grant (vested and unvested)",
            grant.map(|g| g.shares),
        )
        .hint("all the shares granted, not only those still to come")
        .date(
            GRANT_DATE,
            "Grant date",
            Some(grant.map_or(today, |g| g.grant_date)),
        )
        .date(VEST_START, "Vest start", grant.map(|g| g.vest_start))
        .hint("blank: the grant date (may be up to a year earlier)")
        .choice(
            SCHEDULE,
            "Schedule",
            grant.map_or(ScheduleKind::Amazon, |g| g.schedule.kind()),
        )
        .date(FIRST_VEST, "First vest (Meta-style only)", first_vest)
        .hint("blank: the first Feb/May/Aug/Nov 15 after the vest start")
        .note(TRANCHES, "Vest dates (Custom only)", &tranches)
        .hint(TRANCHES_HINT)
        .choice(
            ROUNDING,
            "Rounding",
            grant.map(|g| g.rounding).unwrap_or_default(),
        )
        .preview(
            move |values| match read_vesting(values, blank_grant(today)) {
                Ok(grant) if grant.shares > Decimal::ZERO => vec![grant.progress(today)],
                _ => vec!["Type the shares and dates to see what has vested by today.".into()],
            },
        )
}

pub fn price(wb: &Workbook, price: Option<&Price>, ticker: &str, today: NaiveDate) -> Form {
    let title = if price.is_some() {
        "Edit price"
    } else {
        "Enter a share price"
    };
    let current = price
        .map(|p| p.price)
        .or_else(|| wb.vesting.price_for(ticker, today).map(|p| p.price));
    let mut form = Form::new(title, today, Purpose::Price(price.cloned()))
        .money(PRICE, "Price per share", current)
        .hint("e.g. 212.40 — careerbook never fetches prices");
    if let Some(last) = current {
        form = form.warn(PRICE, move |price: &Decimal| {
            tenfold_warning(*price, last, "the last price")
        });
    }
    form.text(TICKER, "Ticker", ticker)
        .date(AS_OF, "As of", Some(price.map_or(today, |p| p.as_of)))
}

pub fn bonus_kind(today: NaiveDate) -> Form {
    Form::new("Add a bonus", today, Purpose::BonusKind).choice(
        STEP,
        "Which kind?",
        BonusStep::SignOn,
    )
}

/// The second step of adding a bonus: the form for the kind chosen.
pub fn after_bonus_kind(form: &Form, today: NaiveDate) -> Result<Form, Refused> {
    Ok(match form.get(STEP)? {
        BonusStep::SignOn => sign_on(None, today),
        BonusStep::Dated(kind) => dated(None, kind, today),
    })
}

pub fn sign_on(bonus: Option<&SignOnBonus>, today: NaiveDate) -> Form {
    let title = if bonus.is_some() {
        "Edit sign-on bonus"
    } else {
        "Add a sign-on bonus"
    };
    Form::new(title, today, Purpose::SignOn(bonus.cloned()))
        .text(NAME, "Name", bonus.map_or("Sign-on bonus", |b| &b.name))
        .money(GROSS, "Gross amount paid", bonus.map(|b| b.gross))
        .date(PAID, "Paid on", Some(bonus.map_or(today, |b| b.paid)))
        .whole(
            CLAWBACK_MONTHS,
            "Clawback term (months)",
            "months",
            Some(bonus.map_or(12, |b| b.clawback_months)),
        )
        .hint("months after payment in which leaving means repaying; 0: none")
        .yes_no(
            PRORATED,
            "Prorated (repay only the months not served)",
            bonus.is_none_or(|b| b.prorated),
        )
        .yes_no(
            WAIVED,
            "Waived if my role is eliminated",
            bonus.is_some_and(|b| b.waived_if_eliminated),
        )
}

pub fn dated(bonus: Option<&DatedBonus>, kind: BonusKind, today: NaiveDate) -> Form {
    let title = if bonus.is_some() {
        "Edit bonus"
    } else {
        "Add a bonus"
    };
    let name = bonus.map_or(kind.label().to_string(), |b| b.name.clone());
    Form::new(title, today, Purpose::Dated(bonus.cloned()))
        .text(NAME, "Name", &name)
        .choice(KIND, "Kind", kind)
        .money(GROSS, "Gross amount", bonus.map(|b| b.gross))
        .date(
            MUST_BE_EMPLOYED_ON,
            "Must be employed on",
            bonus.map(|b| b.must_be_employed_on),
        )
        .hint("your last day must be this day or later to receive it")
        .date(
            PAY_DATE,
            "Paid on (if known)",
            bonus.and_then(|b| b.pay_date),
        )
}

pub fn withholding(wb: &Workbook, today: NaiveDate) -> Form {
    let runway = wb.runway.withholding;
    let own = wb.vesting.withholding;
    Form::new("Withholding on vests", today, Purpose::Withholding(own))
        .percent(
            WITHHOLDING,
            "Rate withheld from vests",
            Some(own.unwrap_or(runway)),
        )
        .hint(&format!(
            "the Runway tab's rate, {}, is used unless you enter another; 22% federal + 7.65% FICA = 29.65%, + state tax",
            format_percent(runway)
        ))
}

pub fn last_day(day: NaiveDate, today: NaiveDate, keys: &Keymap) -> Form {
    let saves = keys.hint(
        Scope::VestingLastDay,
        Action::SaveSeparation,
        "saves it to Runway",
    );
    Form::new("Last day (what-if)", today, Purpose::LastDay)
        .date(LAST_DAY, "Last day (separation date)", Some(day))
        .hint(&format!(
            "YYYY-MM-DD, today, +6w, +3m · not saved ({saves})"
        ))
}

/// The last day a what-if form gives.
pub fn read_last_day(form: &Form) -> Result<NaiveDate, Refused> {
    Ok(form.get(LAST_DAY)?)
}

/// Reads a submitted form into an edit on the workbook (the two forms that
/// change only the view, the last day and the kind of bonus, are the tab's).
pub fn submit(form: &Form, cx: &mut Cx) -> Result<(), Refused> {
    match form.purpose() {
        Purpose::Grant(original) => {
            let grant = read_grant(form, original.as_ref(), cx.today)?;
            grant.validate()?;
            let done = format!(
                "grant \"{}\" {}",
                grant.name,
                saved_word(original.is_some())
            );
            cx.save(original.clone().map(Item::Grant), grant.into(), done);
        }
        Purpose::Price(original) => submit_price(form, original.as_ref(), cx)?,
        Purpose::SignOn(original) => {
            let mut bonus = original.clone().unwrap_or(SignOnBonus {
                id: 0,
                name: String::new(),
                gross: Decimal::ZERO,
                paid: cx.today,
                clawback_months: 0,
                prorated: true,
                waived_if_eliminated: false,
            });
            bonus.name = form.get(NAME)?;
            bonus.gross = form.get(GROSS)?;
            bonus.paid = form.get(PAID)?;
            bonus.clawback_months = form.get(CLAWBACK_MONTHS)?;
            bonus.prorated = form.get(PRORATED)?;
            bonus.waived_if_eliminated = form.get(WAIVED)?;
            let done = format!(
                "bonus \"{}\" {}",
                bonus.name,
                saved_word(original.is_some())
            );
            cx.save(original.clone().map(Item::SignOn), bonus.into(), done);
        }
        Purpose::Dated(original) => {
            let mut bonus = original.clone().unwrap_or(DatedBonus {
                id: 0,
                name: String::new(),
                gross: Decimal::ZERO,
                kind: BonusKind::Other,
                must_be_employed_on: cx.today,
                pay_date: None,
            });
            bonus.name = form.get(NAME)?;
            bonus.gross = form.get(GROSS)?;
            bonus.kind = form.get(KIND)?;
            bonus.must_be_employed_on = form.get(MUST_BE_EMPLOYED_ON)?;
            bonus.pay_date = form.get(PAY_DATE)?;
            let done = format!(
                "bonus \"{}\" {}",
                bonus.name,
                saved_word(original.is_some())
            );
            cx.save(original.clone().map(Item::Bonus), bonus.into(), done);
        }
        Purpose::Withholding(original) => {
            let typed = form.get(WITHHOLDING)?;
            vesting::validate_withholding(typed)?;
            // The Runway tab's own rate means "follow that tab", so a later
            // change there carries over to vests.
            let rate = (typed != cx.wb.runway.withholding).then_some(typed);
            let done = match rate {
                Some(rate) => format!("vests withheld at {}", format_percent(rate)),
                None => "vests use the Runway tab's withholding rate".into(),
            };
            cx.set(
                vec![(
                    Section::VestWithholding(*original),
                    Section::VestWithholding(rate),
                )],
                done,
            );
        }
        Purpose::BonusKind | Purpose::LastDay => {}
    }
    Ok(())
}

/// A price for a ticker and day; a second price for the same ticker and day
/// replaces the first.
fn submit_price(form: &Form, original: Option<&Price>, cx: &mut Cx) -> Result<(), Refused> {
    let ticker = form.get(TICKER)?.to_uppercase();
    let as_of = form.get(AS_OF)?;
    let same_day = original.or_else(|| {
        cx.wb
            .vesting
            .prices
            .iter()
            .find(|p| p.as_of == as_of && p.ticker.eq_ignore_ascii_case(&ticker))
    });
    let mut price = same_day.cloned().unwrap_or(Price {
        id: 0,
        ticker: String::new(),
        price: Decimal::ZERO,
        as_of,
    });
    price.ticker = ticker;
    price.price = form.get(PRICE)?;
    price.as_of = as_of;
    let done = format!("{} price {}", price.ticker, saved_word(same_day.is_some()));
    cx.save(same_day.cloned().map(Item::Price), price.into(), done);
    Ok(())
}

fn saved_word(editing: bool) -> &'static str {
    if editing { "saved" } else { "added" }
}

/// A grant from its form, starting from `original`; fields that only
/// another schedule uses are ignored.
fn read_grant(form: &Form, original: Option<&Grant>, today: NaiveDate) -> Result<Grant, Refused> {
    let mut grant = original.cloned().unwrap_or_else(|| blank_grant(today));
    grant.name = form.get(NAME)?;
    // Written as the form writes it only when typed: a ticker stored in
    // lower case (a hand edit) stays as it is while its field is untouched.
    if original.is_none() || !form.untouched(TICKER) {
        grant.ticker = form.get(TICKER)?.to_uppercase();
    }
    Ok(read_vesting(form, grant)?)
}

/// A new grant before its form is read.
fn blank_grant(today: NaiveDate) -> Grant {
    Grant {
        id: 0,
        name: String::new(),
        ticker: String::new(),
        shares: Decimal::ZERO,
        grant_date: today,
        vest_start: today,
        schedule: Schedule::Amazon,
        rounding: Rounding::default(),
    }
}

/// The form's shares, dates, schedule and rounding laid over `grant`.
fn read_vesting(values: &Values, mut grant: Grant) -> Result<Grant, Invalid> {
    let grant_date = values.get(GRANT_DATE)?;
    grant.schedule = match values.get(SCHEDULE)? {
        ScheduleKind::Amazon => Schedule::Amazon,
        ScheduleKind::CliffMonthly => Schedule::CliffMonthly,
        ScheduleKind::CliffQuarterly => Schedule::CliffQuarterly,
        ScheduleKind::MetaQuarterly => Schedule::MetaQuarterly {
            first_vest: values.get(FIRST_VEST)?,
        },
        ScheduleKind::Google => Schedule::Google,
        ScheduleKind::Custom => Schedule::Custom {
            tranches: vesting::parse_tranches(&values.get(TRANCHES)?.unwrap_or_default())?,
        },
    };
    grant.shares = values.get(SHARES)?;
    grant.grant_date = grant_date;
    grant.vest_start = values.get(VEST_START)?.unwrap_or(grant_date);
    grant.rounding = values.get(ROUNDING)?;
    Ok(grant)
}
