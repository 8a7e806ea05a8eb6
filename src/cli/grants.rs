//! The Vesting tab's inputs from the shell: `grant` and `bonus` (added, or
//! updated by name) and `price` (a share price with its date). Each prints
//! what was saved, or with `--format json` the record as stored.

use super::input::{
    Changed, add_or_update, by_name, change, optional_date, record, refused, refused_field,
};
use super::money::quoted;
use super::written::print_written;
use super::{Failure, Format};
use crate::domain::dates::{self, format_long};
use crate::domain::edit::Kind;
use crate::domain::money::{format_money, format_shares};
use crate::domain::vesting::{
    BonusKind, DatedBonus, Grant, Price, Rounding, Schedule, ScheduleKind, SignOnBonus,
    parse_tranches,
};
use crate::domain::{Id, Invalid, money};
use crate::store::Paths;
use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Adds the grant, or updates the one with that name (flags not given keep what \
                  is saved).\n\
                  Schedules: amazon (5/15/40/40), cliff_monthly, cliff_quarterly, meta_quarterly \
                  (--first-vest to override), google (33/33/22/12), custom (one --tranche per vest).\n\
                  Examples:\n  careerbook grant \"New-hire RSU\" --ticker AMZN --shares 180 \
                  --granted 2024-09-16 --schedule amazon\n  \
                  careerbook grant Sign-on --ticker ACME --shares 100 --granted 2025-01-10 \
                  --schedule custom --tranche '2026-01-10 50%' --tranche '2027-01-10 50%'"
)]
pub struct GrantArgs {
    /// The grant's name, e.g. "New-hire RSU"
    pub name: String,
    /// The stock's ticker, e.g. AMZN
    #[arg(long, value_name = "T")]
    pub ticker: Option<String>,
    /// Shares granted
    #[arg(long, value_name = "N")]
    pub shares: Option<String>,
    /// The grant date
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub granted: Option<String>,
    /// amazon, cliff_monthly, cliff_quarterly, meta_quarterly, google or custom
    #[arg(long, value_name = "KEY")]
    pub schedule: Option<String>,
    /// The day the schedule counts from (default the grant date)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub vest_start: Option<String>,
    /// meta_quarterly: the first vest, if not the first quarterly date after the start
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub first_vest: Option<String>,
    /// custom: one vest, `YYYY-MM-DD shares` or `YYYY-MM-DD percent%` (repeat)
    #[arg(long = "tranche", value_name = "VEST")]
    pub tranches: Vec<String>,
    /// half_up (default) or down: how cumulative shares round
    #[arg(long, value_name = "R")]
    pub rounding: Option<String>,
    /// text for people; json prints the grant as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Adds the price, or replaces the one for that ticker on that day. The latest \
                  price on or before today values the shares.\n\
                  Example: careerbook price AMZN 212.40 --as-of 2026-11-24"
)]
pub struct PriceArgs {
    /// The stock's ticker, e.g. AMZN
    pub ticker: String,
    /// The share price, e.g. 212.40
    pub price: String,
    /// The day of the price (default today)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub as_of: Option<String>,
    /// text for people; json prints the price as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "A sign-on bonus, repaid if you leave within its term:\n  \
                  careerbook bonus \"Year-2 sign-on\" 22,000 --sign-on --paid 2025-09-16 \
                  --clawback-months 12 --prorated --waived-if-eliminated\n\
                  A bonus paid only if you are employed on a date:\n  \
                  careerbook bonus \"Team retention bonus\" 15,000 --must-be-employed-on 2027-03-01 \
                  --pay-date 2027-03-15 --kind retention\n\
                  Adds the bonus, or updates the one with that name."
)]
pub struct BonusArgs {
    /// The bonus's name
    pub name: String,
    /// Its gross amount
    pub gross: String,
    /// A sign-on bonus, paid up front on --paid
    #[arg(long, requires = "paid", conflicts_with_all = ["must_be_employed_on", "pay_date", "kind"])]
    pub sign_on: bool,
    /// When the sign-on bonus was paid
    #[arg(
        long,
        value_name = "D",
        allow_hyphen_values = true,
        requires = "sign_on"
    )]
    pub paid: Option<String>,
    /// Months after payment within which leaving repays it (0: no clawback)
    #[arg(long, value_name = "N", requires = "sign_on")]
    pub clawback_months: Option<String>,
    /// Repay only the share of the term not served
    #[arg(long, requires = "sign_on")]
    pub prorated: bool,
    /// The employer waives the clawback when the role is eliminated
    #[arg(long, requires = "sign_on")]
    pub waived_if_eliminated: bool,
    /// You must still be employed on this date to receive it
    #[arg(
        long,
        value_name = "D",
        allow_hyphen_values = true,
        required_unless_present = "sign_on"
    )]
    pub must_be_employed_on: Option<String>,
    /// When it is paid, if known
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub pay_date: Option<String>,
    /// annual, retention (default) or other
    #[arg(long, value_name = "K")]
    pub kind: Option<String>,
    /// text for people; json prints the bonus as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

const FLAGS: &[(&str, &str)] = &[
    ("name", "NAME"),
    ("ticker", "--ticker"),
    ("shares", "--shares"),
    ("grant_date", "--granted"),
    ("vest_start", "--vest-start"),
    ("first_vest", "--first-vest"),
    ("tranches", "--tranche"),
    ("price", "PRICE"),
    ("as_of", "--as-of"),
    ("gross", "GROSS"),
    ("clawback_months", "--clawback-months"),
    ("pay_date", "--pay-date"),
];

fn refuse(invalid: Invalid) -> Failure {
    refused_field(invalid, FLAGS)
}

/// The grant's flags, read before the workbook is opened.
struct GrantFlags {
    ticker: Option<String>,
    shares: Option<Decimal>,
    granted: Option<NaiveDate>,
    schedule: Option<ScheduleKind>,
    vest_start: Option<NaiveDate>,
    first_vest: Option<NaiveDate>,
    rounding: Option<Rounding>,
}

pub fn grant(paths: &Paths, args: GrantArgs) -> Result<(), Failure> {
    let today = dates::today();
    let flags = GrantFlags {
        ticker: args.ticker.as_deref().map(|t| t.trim().to_uppercase()),
        shares: args
            .shares
            .as_deref()
            .map(|s| money::parse_shares(s).map_err(|m| refused("--shares", m)))
            .transpose()?,
        granted: optional_date("--granted", args.granted.as_deref(), today)?,
        schedule: args
            .schedule
            .as_deref()
            .map(|s| s.parse().map_err(|m: String| refused("--schedule", m)))
            .transpose()?,
        vest_start: optional_date("--vest-start", args.vest_start.as_deref(), today)?,
        first_vest: optional_date("--first-vest", args.first_vest.as_deref(), today)?,
        rounding: args
            .rounding
            .as_deref()
            .map(|r| r.parse().map_err(|m: String| refused("--rounding", m)))
            .transpose()?,
    };
    let tranches = if args.tranches.is_empty() {
        None
    } else {
        Some(parse_tranches(&args.tranches.join("\n")).map_err(refuse)?)
    };
    let changed = change(paths, today, refuse, |wb| {
        let before = by_name(&wb.vesting.grants, &args.name, "grant", |g| (g.id, &g.name))?;
        let grant = build_grant(&args.name, before, &flags, tranches.clone())?;
        grant.validate().map_err(refuse)?;
        Ok((add_or_update(before, grant), before.map(|g| g.id)))
    })?;
    print_grant(&changed, args.format, today)
}

/// The grant from its flags over the stored one; a new grant needs them all.
fn build_grant(
    name: &str,
    before: Option<&Grant>,
    flags: &GrantFlags,
    tranches: Option<Vec<crate::domain::vesting::CustomTranche>>,
) -> Result<Grant, Failure> {
    let needed = |flag: &str| refused(flag, "needed for a new grant");
    let ticker = flags
        .ticker
        .clone()
        .or(before.map(|g| g.ticker.clone()))
        .ok_or_else(|| needed("--ticker"))?;
    let shares = flags
        .shares
        .or(before.map(|g| g.shares))
        .ok_or_else(|| needed("--shares"))?;
    let grant_date = flags
        .granted
        .or(before.map(|g| g.grant_date))
        .ok_or_else(|| needed("--granted"))?;
    let kind = flags
        .schedule
        .or(before.map(|g| g.schedule.kind()))
        .ok_or_else(|| needed("--schedule"))?;
    let stored = before.map(|g| &g.schedule);
    let schedule = match kind {
        ScheduleKind::Amazon => Schedule::Amazon,
        ScheduleKind::CliffMonthly => Schedule::CliffMonthly,
        ScheduleKind::CliffQuarterly => Schedule::CliffQuarterly,
        ScheduleKind::Google => Schedule::Google,
        ScheduleKind::MetaQuarterly => Schedule::MetaQuarterly {
            first_vest: flags.first_vest.or(match stored {
                Some(Schedule::MetaQuarterly { first_vest }) => *first_vest,
                _ => None,
            }),
        },
        ScheduleKind::Custom => Schedule::Custom {
            tranches: match (tranches, stored) {
                (Some(t), _) => t,
                (None, Some(Schedule::Custom { tranches })) => tranches.clone(),
                (None, _) => {
                    return Err(refused(
                        "--tranche",
                        "a custom schedule needs its vests: --tranche '2027-03-15 25%' (repeat)",
                    ));
                }
            },
        },
    };
    if flags.first_vest.is_some() && kind != ScheduleKind::MetaQuarterly {
        return Err(refused(
            "--first-vest",
            "only meta_quarterly takes a first vest",
        ));
    }
    Ok(Grant {
        id: before.map_or(0, |g| g.id),
        name: before.map_or_else(|| name.trim().to_string(), |g| g.name.clone()),
        ticker,
        shares,
        grant_date,
        vest_start: flags
            .vest_start
            .or(before.map(|g| g.vest_start))
            .unwrap_or(grant_date),
        schedule,
        rounding: flags
            .rounding
            .or(before.map(|g| g.rounding))
            .unwrap_or_default(),
    })
}

fn print_grant(
    changed: &Changed<Option<Id>>,
    format: Format,
    today: NaiveDate,
) -> Result<(), Failure> {
    let id = changed.id(Kind::Grant, changed.value)?;
    let grant = record(&changed.workbook().vesting.grants, id, |g| g.id)?;
    print_written(format, grant, || {
        let verb = if changed.value.is_some() {
            "Updated"
        } else {
            "Added"
        };
        let tranches = grant.tranches();
        let next =
            tranches
                .iter()
                .find(|t| t.date > today)
                .map_or("no vests left".to_string(), |t| {
                    format!(
                        "next vest {}: {} shares",
                        format_long(t.date),
                        format_shares(t.shares)
                    )
                });
        format!(
            "{verb} grant #{id} {}: {} {} granted {}, {} from {}\n  {} vests: {}; {next}\n",
            quoted(&grant.name),
            format_shares(grant.shares),
            super::one_line(&grant.ticker),
            format_long(grant.grant_date),
            grant.schedule.kind().label(),
            format_long(grant.vest_start),
            tranches.len(),
            grant.progress(today)
        )
    })
}

pub fn price(paths: &Paths, args: PriceArgs) -> Result<(), Failure> {
    let today = dates::today();
    let value = money::parse_amount(&args.price).map_err(|m| refused("PRICE", m))?;
    let as_of = optional_date("--as-of", args.as_of.as_deref(), today)?.unwrap_or(today);
    let ticker = args.ticker.trim().to_uppercase();
    let changed = change(paths, today, refuse, |wb| {
        let before = wb
            .vesting
            .prices
            .iter()
            .find(|p| p.ticker.eq_ignore_ascii_case(&ticker) && p.as_of == as_of);
        let price = Price {
            id: before.map_or(0, |p| p.id),
            ticker: ticker.clone(),
            price: value,
            as_of,
        };
        price.validate(today).map_err(refuse)?;
        Ok((add_or_update(before, price), before.map(|p| p.id)))
    })?;
    let id = changed.id(Kind::Price, changed.value)?;
    let saved = record(&changed.workbook().vesting.prices, id, |p| p.id)?;
    print_written(args.format, saved, || {
        let verb = if changed.value.is_some() {
            "Updated"
        } else {
            "Added"
        };
        format!(
            "{verb} price #{id}: {} {} as of {}\n",
            super::one_line(&saved.ticker),
            format_money(saved.price),
            format_long(saved.as_of)
        )
    })
}

pub fn bonus(paths: &Paths, args: BonusArgs) -> Result<(), Failure> {
    let today = dates::today();
    let gross = money::parse_amount(&args.gross).map_err(|m| refused("GROSS", m))?;
    let changed = if args.sign_on {
        let paid = optional_date("--paid", args.paid.as_deref(), today)?
            .ok_or_else(|| refused("--paid", "enter the day it was paid"))?;
        let months = match args.clawback_months.as_deref() {
            Some(text) => {
                money::parse_whole(text, "months").map_err(|m| refused("--clawback-months", m))?
            }
            None => 0,
        };
        change(paths, today, refuse, |wb| {
            let list = &wb.vesting.sign_on_bonuses;
            let before = by_name(list, &args.name, "sign-on bonus", |b| (b.id, &b.name))?;
            let bonus = SignOnBonus {
                id: before.map_or(0, |b| b.id),
                name: before.map_or_else(|| args.name.trim().to_string(), |b| b.name.clone()),
                gross,
                paid,
                clawback_months: months,
                prorated: args.prorated,
                waived_if_eliminated: args.waived_if_eliminated,
            };
            bonus.validate().map_err(refuse)?;
            Ok((
                add_or_update(before, bonus),
                (Kind::SignOn, before.map(|b| b.id)),
            ))
        })?
    } else {
        let employed_on = optional_date(
            "--must-be-employed-on",
            args.must_be_employed_on.as_deref(),
            today,
        )?
        .ok_or_else(|| refused("--must-be-employed-on", "enter the date"))?;
        let pay_date = optional_date("--pay-date", args.pay_date.as_deref(), today)?;
        let kind: BonusKind = match args.kind.as_deref() {
            Some(text) => text.parse().map_err(|m: String| refused("--kind", m))?,
            None => BonusKind::Retention,
        };
        change(paths, today, refuse, |wb| {
            let list = &wb.vesting.dated_bonuses;
            let before = by_name(list, &args.name, "bonus", |b| (b.id, &b.name))?;
            let bonus = DatedBonus {
                id: before.map_or(0, |b| b.id),
                name: before.map_or_else(|| args.name.trim().to_string(), |b| b.name.clone()),
                gross,
                kind,
                must_be_employed_on: employed_on,
                pay_date,
            };
            bonus.validate().map_err(refuse)?;
            Ok((
                add_or_update(before, bonus),
                (Kind::Bonus, before.map(|b| b.id)),
            ))
        })?
    };
    let (kind, existing) = changed.value;
    let id = changed.id(kind, existing)?;
    let book = &changed.workbook().vesting;
    let last_day = changed.workbook().runway.separation;
    let verb = if existing.is_some() {
        "Updated"
    } else {
        "Added"
    };
    if kind == Kind::SignOn {
        let saved = record(&book.sign_on_bonuses, id, |b| b.id)?;
        return print_written(args.format, saved, || {
            let outcome = last_day.map(|day| {
                let o = saved.outcome(day, book.role_eliminated);
                format!("; leaving {}: {}", format_long(day), o.status.label())
            });
            format!(
                "{verb} sign-on bonus #{id} {}: {} paid {}, {} months' clawback{}\n",
                quoted(&saved.name),
                format_money(saved.gross),
                format_long(saved.paid),
                saved.clawback_months,
                outcome.unwrap_or_default()
            )
        });
    }
    let saved = record(&book.dated_bonuses, id, |b| b.id)?;
    print_written(args.format, saved, || {
        let outcome = last_day.map(|day| {
            format!(
                "; leaving {}: {}",
                format_long(day),
                saved.outcome(day).status.label()
            )
        });
        format!(
            "{verb} {} #{id} {}: {} if employed on {}{}\n",
            saved.kind.label().to_lowercase(),
            quoted(&saved.name),
            format_money(saved.gross),
            format_long(saved.must_be_employed_on),
            outcome.unwrap_or_default()
        )
    })
}
