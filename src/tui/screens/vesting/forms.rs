//! The Vesting tab's forms, and turning a submitted form into an edit. Field
//! keys are the domain's field names, so a refused value shows under its field.

use super::Cx;
use crate::domain::Id;
use crate::domain::Invalid;
use crate::domain::edit::{Edit, Item, Section};
use crate::domain::money::format_percent;
use crate::domain::vesting::{
    self, BonusKind, DatedBonus, Grant, Price, Rounding, Schedule, ScheduleKind, SignOnBonus,
    format_tranches,
};
use crate::domain::workbook::Workbook;
use crate::tui::widgets::form::Form;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What a form of this tab is for: the record it edits as the form opened
/// it, so saving writes only the fields changed in the form.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Grant(Option<Box<Grant>>),
    Price(Option<Price>),
    SignOn(Option<SignOnBonus>),
    Dated(Option<DatedBonus>),
    /// The first step of adding a bonus: which kind.
    BonusKind,
    /// The vests' own withholding rate as the form opened it.
    Withholding(Option<Decimal>),
    LastDay,
}

const TRANCHES_HINT: &str = "one per line: 2027-03-15 25% or 2027-03-15 100 · Ctrl-S saves";

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
    let kind = grant
        .map(|g| g.schedule.kind())
        .unwrap_or(ScheduleKind::Amazon);
    let (first_vest, tranches) = match grant.map(|g| &g.schedule) {
        Some(Schedule::MetaQuarterly { first_vest }) => (*first_vest, String::new()),
        Some(Schedule::Custom { tranches }) => (None, format_tranches(tranches)),
        _ => (None, String::new()),
    };
    let rounding = grant.map(|g| g.rounding).unwrap_or_default();
    Form::new(
        title,
        today,
        Purpose::Grant(grant.map(|g| Box::new(g.clone()))),
    )
    .text("name", "Name", grant.map_or("", |g| &g.name), true)
    .hint("e.g. New-hire RSU, 2025 refresher")
    .text("ticker", "Ticker", &ticker, true)
    .hint("the stock's symbol, e.g. AMZN")
    .amount(
        "shares",
        "Shares granted",
        grant.map(|g| g.shares),
        true,
        false,
    )
    .hint("whole or fractional shares, e.g. 180 or 10.5")
    .date(
        "grant_date",
        "Grant date",
        Some(grant.map_or(today, |g| g.grant_date)),
        true,
    )
    .date(
        "vest_start",
        "Vest start",
        grant.map(|g| g.vest_start),
        false,
    )
    .hint("blank: the grant date (may be up to a year earlier)")
    .choice(
        "schedule",
        "Schedule",
        ScheduleKind::ALL
            .iter()
            .map(|k| k.label().to_string())
            .collect(),
        ScheduleKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0),
    )
    .date(
        "first_vest",
        "First vest (Meta-style only)",
        first_vest,
        false,
    )
    .hint("blank: the first Feb/May/Aug/Nov 15 after the vest start")
    .note("tranches", "Vest dates (Custom only)", &tranches)
    .hint(TRANCHES_HINT)
    .choice(
        "rounding",
        "Rounding",
        Rounding::ALL
            .iter()
            .map(|r| r.label().to_string())
            .collect(),
        Rounding::ALL
            .iter()
            .position(|r| *r == rounding)
            .unwrap_or(0),
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
    Form::new(title, today, Purpose::Price(price.cloned()))
        .amount("price", "Price per share", current, true, false)
        .hint("e.g. 212.40 — careerbook never fetches prices")
        .text("ticker", "Ticker", ticker, true)
        .date(
            "as_of",
            "As of",
            Some(price.map_or(today, |p| p.as_of)),
            true,
        )
}

pub fn bonus_kind(today: NaiveDate) -> Form {
    Form::new("Add a bonus", today, Purpose::BonusKind).choice(
        "kind",
        "Which kind?",
        vec![
            "Sign-on bonus (paid up front, repaid if you leave early)".into(),
            "Annual bonus (paid if employed on a date)".into(),
            "Retention bonus (paid if employed on a date)".into(),
            "Other bonus that needs you employed on a date".into(),
        ],
        0,
    )
}

/// The second step of adding a bonus: the form for the kind chosen.
pub fn after_bonus_kind(form: &Form, today: NaiveDate) -> Form {
    match form.value_choice("kind") {
        0 => sign_on(None, today),
        1 => dated(None, BonusKind::Annual, today),
        2 => dated(None, BonusKind::Retention, today),
        _ => dated(None, BonusKind::Other, today),
    }
}

pub fn sign_on(bonus: Option<&SignOnBonus>, today: NaiveDate) -> Form {
    let title = if bonus.is_some() {
        "Edit sign-on bonus"
    } else {
        "Add a sign-on bonus"
    };
    Form::new(title, today, Purpose::SignOn(bonus.cloned()))
        .text(
            "name",
            "Name",
            bonus.map_or("Sign-on bonus", |b| &b.name),
            true,
        )
        .amount(
            "gross",
            "Gross amount paid",
            bonus.map(|b| b.gross),
            true,
            false,
        )
        .date(
            "paid",
            "Paid on",
            Some(bonus.map_or(today, |b| b.paid)),
            true,
        )
        .text(
            "clawback_months",
            "Clawback term (months)",
            &bonus.map_or(12, |b| b.clawback_months).to_string(),
            true,
        )
        .hint("months after payment in which leaving means repaying; 0: none")
        .yes_no(
            "prorated",
            "Prorated (repay only the months not served)",
            bonus.is_none_or(|b| b.prorated),
        )
        .yes_no(
            "waived_if_eliminated",
            "Waived if my role is eliminated",
            bonus.is_some_and(|b| b.waived_if_eliminated),
        )
}

const DATED_KINDS: [BonusKind; 3] = BonusKind::ALL;

pub fn dated(bonus: Option<&DatedBonus>, kind: BonusKind, today: NaiveDate) -> Form {
    let title = if bonus.is_some() {
        "Edit bonus"
    } else {
        "Add a bonus"
    };
    let name = bonus.map_or(kind.label().to_string(), |b| b.name.clone());
    Form::new(title, today, Purpose::Dated(bonus.cloned()))
        .text("name", "Name", &name, true)
        .choice(
            "kind",
            "Kind",
            DATED_KINDS.iter().map(|k| k.label().to_string()).collect(),
            DATED_KINDS.iter().position(|k| *k == kind).unwrap_or(0),
        )
        .amount("gross", "Gross amount", bonus.map(|b| b.gross), true, false)
        .date(
            "must_be_employed_on",
            "Must be employed on",
            bonus.map(|b| b.must_be_employed_on),
            true,
        )
        .hint("your last day must be this day or later to receive it")
        .date(
            "pay_date",
            "Paid on (if known)",
            bonus.and_then(|b| b.pay_date),
            false,
        )
}

pub fn withholding(wb: &Workbook, today: NaiveDate) -> Form {
    let runway = wb.runway.withholding;
    Form::new(
        "Withholding on vests",
        today,
        Purpose::Withholding(wb.vesting.withholding),
    )
        .percent(
            "withholding",
            "Rate withheld from vests",
            Some(wb.vesting.withholding.unwrap_or(runway)),
        )
        .hint(&format!(
            "the Runway tab's rate, {}, is used unless you enter another; 22% federal + 7.65% FICA = 29.65%, + state tax",
            format_percent(runway)
        ))
}

pub fn last_day(day: NaiveDate, today: NaiveDate) -> Form {
    Form::new("Last day (what-if)", today, Purpose::LastDay)
        .date("last_day", "Last day (separation date)", Some(day), true)
        .hint("YYYY-MM-DD, today, +6w, +3m · not saved (S saves it to Runway)")
}

/// Reads a submitted form into an edit on the workbook.
pub fn submit(purpose: Purpose, form: &Form, cx: &mut Cx) -> Result<(), Invalid> {
    match purpose {
        Purpose::Grant(before) => {
            let grant = read_grant(form, before.as_ref().map_or(0, |g| g.id))?;
            grant.validate()?;
            let done = format!("grant \"{}\" {}", grant.name, saved_word(before.is_some()));
            cx.edit(
                add_or_update(before.map(|g| (*g).into()), grant.into()),
                done,
            );
        }
        Purpose::Price(before) => {
            let mut price = Price {
                id: before.as_ref().map_or(0, |p| p.id),
                ticker: form.value_text("ticker").to_uppercase(),
                price: required_amount(form, "price")?,
                as_of: required_date(form, "as_of")?,
            };
            // A second price for the same ticker and day replaces the first.
            let same_day = before.or_else(|| {
                cx.wb
                    .vesting
                    .prices
                    .iter()
                    .find(|p| {
                        p.as_of == price.as_of && p.ticker.eq_ignore_ascii_case(&price.ticker)
                    })
                    .cloned()
            });
            if let Some(existing) = &same_day {
                price.id = existing.id;
            }
            let done = format!("{} price {}", price.ticker, saved_word(same_day.is_some()));
            cx.edit(add_or_update(same_day.map(Into::into), price.into()), done);
        }
        Purpose::SignOn(before) => {
            let months_text = form.value_text("clawback_months");
            let clawback_months = months_text.parse::<u32>().map_err(|_| {
                Invalid::new(
                    "clawback_months",
                    format!(
                        "{months_text:?} is not a number of whole months, like 12 (0: no clawback)"
                    ),
                )
            })?;
            let bonus = SignOnBonus {
                id: before.as_ref().map_or(0, |b| b.id),
                name: form.value_text("name"),
                gross: required_amount(form, "gross")?,
                paid: required_date(form, "paid")?,
                clawback_months,
                prorated: form.value_yes("prorated"),
                waived_if_eliminated: form.value_yes("waived_if_eliminated"),
            };
            let done = format!("bonus \"{}\" {}", bonus.name, saved_word(before.is_some()));
            cx.edit(add_or_update(before.map(Into::into), bonus.into()), done);
        }
        Purpose::Dated(before) => {
            let bonus = DatedBonus {
                id: before.as_ref().map_or(0, |b| b.id),
                name: form.value_text("name"),
                gross: required_amount(form, "gross")?,
                kind: DATED_KINDS
                    .get(form.value_choice("kind"))
                    .copied()
                    .unwrap_or(BonusKind::Other),
                must_be_employed_on: required_date(form, "must_be_employed_on")?,
                pay_date: form.value_date("pay_date"),
            };
            let done = format!("bonus \"{}\" {}", bonus.name, saved_word(before.is_some()));
            cx.edit(add_or_update(before.map(Into::into), bonus.into()), done);
        }
        Purpose::Withholding(before) => {
            let typed = form
                .value_amount("withholding")
                .ok_or_else(|| Invalid::new("withholding", "enter a rate, like 29.65%"))?;
            vesting::validate_withholding(typed)?;
            // The Runway tab's own rate means "follow that tab", so a later
            // change there carries over to vests.
            let rate = (typed != cx.wb.runway.withholding).then_some(typed);
            let done = match rate {
                Some(rate) => format!("vests withheld at {}", format_percent(rate)),
                None => "vests use the Runway tab's withholding rate".into(),
            };
            cx.edit(
                Edit::set(
                    Section::VestWithholding(before),
                    Section::VestWithholding(rate),
                ),
                done,
            );
        }
        Purpose::BonusKind | Purpose::LastDay => {}
    }
    Ok(())
}

fn saved_word(existing: bool) -> &'static str {
    if existing { "saved" } else { "added" }
}

fn add_or_update(before: Option<Item>, item: Item) -> Edit {
    match before {
        Some(before) => Edit::update(before, item),
        None => Edit::Add(item),
    }
}

fn required_amount(form: &Form, key: &'static str) -> Result<rust_decimal::Decimal, Invalid> {
    form.value_amount(key)
        .ok_or_else(|| Invalid::new(key, "enter an amount"))
}

fn required_date(form: &Form, key: &'static str) -> Result<NaiveDate, Invalid> {
    form.value_date(key)
        .ok_or_else(|| Invalid::new(key, "enter a date"))
}

/// A grant from its form; fields that only another schedule uses are ignored.
fn read_grant(form: &Form, id: Id) -> Result<Grant, Invalid> {
    let grant_date = required_date(form, "grant_date")?;
    let vest_start = form.value_date("vest_start").unwrap_or(grant_date);
    let kind = ScheduleKind::ALL
        .get(form.value_choice("schedule"))
        .copied()
        .unwrap_or(ScheduleKind::Amazon);
    let schedule = match kind {
        ScheduleKind::Amazon => Schedule::Amazon,
        ScheduleKind::CliffMonthly => Schedule::CliffMonthly,
        ScheduleKind::CliffQuarterly => Schedule::CliffQuarterly,
        ScheduleKind::MetaQuarterly => Schedule::MetaQuarterly {
            first_vest: form.value_date("first_vest"),
        },
        ScheduleKind::Google => Schedule::Google,
        ScheduleKind::Custom => Schedule::Custom {
            tranches: vesting::parse_tranches(&form.value_text("tranches"))?,
        },
    };
    Ok(Grant {
        id,
        name: form.value_text("name"),
        ticker: form.value_text("ticker").to_uppercase(),
        shares: required_amount(form, "shares")?,
        grant_date,
        vest_start,
        schedule,
        rounding: Rounding::ALL
            .get(form.value_choice("rounding"))
            .copied()
            .unwrap_or_default(),
    })
}
