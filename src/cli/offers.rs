//! `careerbook offer add|edit|accept|what-if`, `careerbook offers` and
//! `careerbook current-job`: job offers weighed against staying. The figures
//! come from `domain::offers`, the same functions the Pipeline tab draws.

use super::pipeline::refuse_read_only;
use super::written::{added_id, print_written};
use super::{
    Failure, Format, apply_and_save, one_line, open_for_reading, open_for_writing, print,
    print_json, text_width,
};
use crate::domain::dates::{self, format_long};
use crate::domain::edit::{Edit, Kind, Section};
use crate::domain::money::{
    format_money, format_shares, parse_amount, parse_percent, serialize_cents,
    serialize_cents_or_null,
};
use crate::domain::offers::{
    self, Comparison, CurrentJob, Figure, Offer, OfferEquity, OfferRecord, OfferSchedule,
    OfferSignOn, StartWhatIf, TargetBonus,
};
use crate::domain::pipeline::ApplicationRecord;
use crate::domain::runway::NewJob;
use crate::domain::workbook::Workbook;
use crate::domain::{Id, Invalid};
use crate::store::Paths;
use crate::text::{fit, pad_left};
use chrono::NaiveDate;
use clap::Subcommand;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, clap::Args)]
pub struct OfferArgs {
    #[command(subcommand)]
    pub action: OfferAction,
}

#[derive(Debug, Subcommand)]
pub enum OfferAction {
    /// Add a job offer and print it with its id
    #[command(
        after_help = "Example:\n  careerbook offer add Northwind --base 200k --bonus-pct 10 --sign-on 20k \\\n      --shares 400 --price 100 --schedule annual --start 2027-01-04"
    )]
    Add(AddArgs),
    /// Change an offer: only what is given changes (0 takes a bonus, sign-on,
    /// equity or health difference off)
    Edit(EditArgs),
    /// Accept an offer: the Runway tab's new job starts on its start date at its
    /// monthly pay after withholding, and its application moves to accepted
    Accept {
        /// The offer's id, as `careerbook offers` lists it
        id: Id,
        /// text for people; json prints the new job as saved
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// What starting an offer on another day forfeits and gains
    #[command(after_help = "Example:\n  careerbook offer what-if 12 --start 2027-01-04")]
    WhatIf {
        /// The offer's id, as `careerbook offers` lists it
        id: Id,
        /// The start date to try: YYYY-MM-DD, today, +2w, -3d, fri, next fri, last fri, eow or eom
        #[arg(long, value_name = "D", allow_hyphen_values = true)]
        start: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The company making the offer
    pub company: String,
    /// Annual base salary: 200000, 200k, $200,000
    #[arg(long, value_name = "B")]
    pub base: String,
    /// The first day at the new job: YYYY-MM-DD, today, +2w, -3d, fri, next fri, last fri, eow or eom
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub start: String,
    #[command(flatten)]
    pub terms: Terms,
    /// text for people; json prints the offer as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The offer's id, as `careerbook offers` lists it
    pub id: Id,
    /// The company making the offer
    #[arg(long, value_name = "C")]
    pub company: Option<String>,
    /// Annual base salary
    #[arg(long, value_name = "B")]
    pub base: Option<String>,
    /// The first day at the new job: YYYY-MM-DD, today, +2w, -3d, fri, next fri, last fri, eow or eom
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub start: Option<String>,
    #[command(flatten)]
    pub terms: Terms,
    /// text for people; json prints the offer as saved
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The terms `offer add` and `offer edit` share.
#[derive(Debug, clap::Args)]
pub struct Terms {
    /// The role offered ("" takes it off)
    #[arg(long, value_name = "R")]
    pub role: Option<String>,
    /// The application this offer answers, as `careerbook apps` lists it (`none` unlinks)
    #[arg(long, value_name = "ID")]
    pub application: Option<String>,
    /// Target bonus as a percentage of base: 10 or 10%
    #[arg(long = "bonus-pct", value_name = "P", conflicts_with = "bonus")]
    pub bonus_pct: Option<String>,
    /// Target bonus as a yearly amount
    #[arg(long, value_name = "B")]
    pub bonus: Option<String>,
    /// Sign-on bonus, paid with the first paycheck
    #[arg(long = "sign-on", value_name = "S")]
    pub sign_on: Option<String>,
    /// Months after payment within which leaving repays the sign-on, prorated by
    /// the months not served (0: no clawback)
    #[arg(long = "sign-on-clawback-months", value_name = "N")]
    pub sign_on_clawback_months: Option<u32>,
    /// Shares granted (options, with --strike); needs --price
    #[arg(long, value_name = "N", conflicts_with = "equity_value")]
    pub shares: Option<String>,
    /// The price per share to value the grant at (careerbook never fetches prices)
    #[arg(long, value_name = "P")]
    pub price: Option<String>,
    /// The grant as a dollar value, converted to whole shares (rounded down) at --price
    #[arg(long = "equity-value", value_name = "V")]
    pub equity_value: Option<String>,
    /// How the grant vests from the start: annual (25% on each of the first four
    /// anniversaries), amazon, cliff_monthly, cliff_quarterly, meta_quarterly or
    /// google [default: cliff_monthly]
    #[arg(long, value_name = "KEY")]
    pub schedule: Option<String>,
    /// Options: the strike price; each is valued at price − strike and labelled
    /// illiquid (`none` makes them shares again)
    #[arg(long, value_name = "P")]
    pub strike: Option<String>,
    /// How much more a month the offer's health plan costs you than your current
    /// one; negative when it costs less
    #[arg(long = "health-diff", value_name = "M", allow_hyphen_values = true)]
    pub health_diff: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct OffersArgs {
    /// text for people, json for scripts
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also print how every figure is worked out
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, clap::Args)]
pub struct CurrentJobArgs {
    /// Your annual base salary now
    #[arg(long, value_name = "B")]
    pub base: Option<String>,
    /// Your target bonus as a percentage of base (0 for none)
    #[arg(long = "bonus-pct", value_name = "P", conflicts_with = "bonus")]
    pub bonus_pct: Option<String>,
    /// Your target bonus as a yearly amount (0 for none)
    #[arg(long, value_name = "B")]
    pub bonus: Option<String>,
    /// Whether resigning before your last day on payroll (to start a new job
    /// early) forfeits your severance: yes (the default) or no
    #[arg(long = "resigning-forfeits-severance", value_name = "YES|NO")]
    pub resigning_forfeits_severance: Option<String>,
    /// text for people; json for scripts
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// A refused value as the command line names it: `--bonus-pct: …`.
fn refused(invalid: Invalid) -> Failure {
    let name = match invalid.field {
        "company" => "COMPANY",
        "id" => "ID",
        "base" => "--base",
        "start" => "--start",
        "role" => "--role",
        "application" => "--application",
        "bonus" | "percent" | "amount" => "--bonus-pct/--bonus",
        "sign_on" => "--sign-on",
        "clawback_months" => "--sign-on-clawback-months",
        "shares" => "--shares",
        "price" => "--price",
        "equity_value" | "value" => "--equity-value",
        "strike" => "--strike",
        "schedule" => "--schedule",
        "health_monthly" => "--health-diff",
        "resigning_forfeits_severance" => "--resigning-forfeits-severance",
        other => other,
    };
    Failure::usage(format!("{name}: {}; nothing was changed", invalid.message))
}

fn bad(field: &'static str, message: impl Into<String>) -> Failure {
    refused(Invalid::new(field, message))
}

fn amount(field: &'static str, text: &str) -> Result<Decimal, Failure> {
    parse_amount(text).map_err(|message| bad(field, message))
}

/// An amount where 0 means "none": `Some(None)` takes the value off.
fn amount_or_none(field: &'static str, text: &str) -> Result<Option<Decimal>, Failure> {
    amount(field, text).map(|a| (!a.is_zero()).then_some(a))
}

fn date(field: &'static str, text: &str, today: NaiveDate) -> Result<NaiveDate, Failure> {
    dates::parse_date_input(text, today).map_err(|message| bad(field, message))
}

/// A target bonus from `--bonus-pct` or `--bonus`; `Some(None)` for 0.
fn bonus(pct: Option<&str>, fixed: Option<&str>) -> Result<Option<Option<TargetBonus>>, Failure> {
    match (pct, fixed) {
        (Some(pct), _) => {
            let share = parse_percent(pct).map_err(|m| bad("bonus", m))?;
            Ok(Some(
                (!share.is_zero()).then_some(TargetBonus::Percent(share)),
            ))
        }
        (None, Some(fixed)) => Ok(Some(
            amount_or_none("bonus", fixed)?.map(TargetBonus::Amount),
        )),
        (None, None) => Ok(None),
    }
}

/// The terms as typed values, read before the workbook is opened. `None`:
/// not given; `Some(None)`: taken off.
struct Changes {
    role: Option<Option<String>>,
    application: Option<Option<Id>>,
    bonus: Option<Option<TargetBonus>>,
    sign_on: Option<Option<Decimal>>,
    clawback_months: Option<u32>,
    shares: Option<Option<Decimal>>,
    price: Option<Decimal>,
    equity_value: Option<Option<Decimal>>,
    schedule: Option<OfferSchedule>,
    strike: Option<Option<Decimal>>,
    health: Option<Option<Decimal>>,
}

impl Changes {
    fn read(terms: &Terms) -> Result<Self, Failure> {
        let application = match terms.application.as_deref().map(str::trim) {
            None => None,
            Some(text) if text.eq_ignore_ascii_case("none") => Some(None),
            Some(text) => Some(Some(text.trim_start_matches('#').parse::<Id>().map_err(
                |_| {
                    bad(
                        "application",
                        format!("{text:?} is not an application id (or none)"),
                    )
                },
            )?)),
        };
        let strike = match terms.strike.as_deref() {
            None => None,
            Some(text) if text.trim().eq_ignore_ascii_case("none") => Some(None),
            Some(text) => Some(Some(amount("strike", text)?)),
        };
        Ok(Self {
            role: terms
                .role
                .as_deref()
                .map(crate::domain::pipeline::optional_text),
            application,
            bonus: bonus(terms.bonus_pct.as_deref(), terms.bonus.as_deref())?,
            sign_on: terms
                .sign_on
                .as_deref()
                .map(|s| amount_or_none("sign_on", s))
                .transpose()?,
            clawback_months: terms.sign_on_clawback_months,
            shares: terms
                .shares
                .as_deref()
                .map(|s| amount_or_none("shares", s))
                .transpose()?,
            price: terms
                .price
                .as_deref()
                .map(|p| amount("price", p))
                .transpose()?,
            equity_value: terms
                .equity_value
                .as_deref()
                .map(|v| amount_or_none("equity_value", v))
                .transpose()?,
            schedule: terms
                .schedule
                .as_deref()
                .map(|s| OfferSchedule::parse(s).map_err(|m| bad("schedule", m)))
                .transpose()?,
            strike,
            health: terms
                .health_diff
                .as_deref()
                .map(|h| amount_or_none("health_monthly", h))
                .transpose()?,
        })
    }

    /// Writes the changes into `offer`, refusing combinations that leave the
    /// equity or sign-on half described.
    fn apply(&self, offer: &mut Offer) -> Result<(), Failure> {
        if let Some(role) = &self.role {
            offer.role = role.clone();
        }
        if let Some(application) = self.application {
            offer.application = application;
        }
        if let Some(bonus) = self.bonus {
            offer.bonus = bonus;
        }
        if let Some(health) = self.health {
            offer.health_monthly = health;
        }
        offer.sign_on = self.sign_on_after(offer.sign_on.take())?;
        offer.equity = self.equity_after(offer.equity.take())?;
        Ok(())
    }

    fn sign_on_after(&self, now: Option<OfferSignOn>) -> Result<Option<OfferSignOn>, Failure> {
        let mut sign_on = match self.sign_on {
            Some(None) => return Ok(None),
            Some(Some(amount)) => Some(match now {
                Some(now) => OfferSignOn { amount, ..now },
                None => OfferSignOn {
                    amount,
                    paid_after_months: 0,
                    clawback_months: 0,
                    prorated: false,
                },
            }),
            None => now,
        };
        if let Some(months) = self.clawback_months {
            let Some(sign_on) = sign_on.as_mut() else {
                return Err(bad(
                    "clawback_months",
                    "give the sign-on bonus too (--sign-on)",
                ));
            };
            // Prorated by the months not served, as most offers word it,
            // unless the record already says otherwise.
            let had_term = sign_on.clawback_months > 0;
            sign_on.prorated = months > 0 && (!had_term || sign_on.prorated);
            sign_on.clawback_months = months;
        }
        Ok(sign_on)
    }

    fn equity_after(&self, now: Option<OfferEquity>) -> Result<Option<OfferEquity>, Failure> {
        if self.shares == Some(None) || self.equity_value == Some(None) {
            return Ok(None);
        }
        let touched = self.shares.is_some()
            || self.price.is_some()
            || self.equity_value.is_some()
            || self.schedule.is_some()
            || self.strike.is_some();
        if !touched {
            return Ok(now);
        }
        let price = self
            .price
            .or(now.as_ref().map(|e| e.price))
            .ok_or_else(|| {
                let flag = if self.equity_value.is_some() {
                    "equity_value"
                } else {
                    "shares"
                };
                bad(flag, "give the share price to value the grant at (--price)")
            })?;
        let value = match (self.shares, self.equity_value) {
            (Some(_), _) => None,
            (None, Some(value)) => value,
            (None, None) => now.as_ref().and_then(|e| e.value),
        };
        let shares = match (self.shares.flatten(), value) {
            (Some(shares), _) => shares,
            (None, Some(value)) => whole_shares(value, price)?,
            (None, None) => now
                .as_ref()
                .map(|e| e.shares)
                .ok_or_else(|| bad("shares", "give the grant: --shares N or --equity-value V"))?,
        };
        Ok(Some(OfferEquity {
            shares,
            price,
            value,
            strike: self
                .strike
                .unwrap_or_else(|| now.as_ref().and_then(|e| e.strike)),
            schedule: self
                .schedule
                .or(now.as_ref().map(|e| e.schedule))
                .unwrap_or(OfferSchedule::CliffMonthly),
        }))
    }
}

/// A dollar value as whole shares at `price`, rounded down as grants are.
fn whole_shares(value: Decimal, price: Decimal) -> Result<Decimal, Failure> {
    if price <= Decimal::ZERO {
        return Err(bad("price", "a share price must be more than zero"));
    }
    let shares = (value / price).floor();
    if shares.is_zero() {
        return Err(bad(
            "equity_value",
            format!(
                "{} at {} a share is less than one share",
                format_money(value),
                format_money(price)
            ),
        ));
    }
    Ok(shares)
}

/// Refuses a link to an application that is not in the workbook.
fn check_application(wb: &Workbook, offer: &Offer) -> Result<(), Failure> {
    match offer.application {
        Some(id) if wb.pipeline.application(id).is_none() => Err(bad(
            "application",
            format!("there is no application #{id} (careerbook apps lists them)"),
        )),
        _ => Ok(()),
    }
}

pub fn offer(paths: &Paths, args: OfferArgs) -> Result<(), Failure> {
    match args.action {
        OfferAction::Add(args) => add(paths, args),
        OfferAction::Edit(args) => edit(paths, args),
        OfferAction::Accept { id, format } => accept(paths, id, format),
        OfferAction::WhatIf { id, start, format } => what_if(paths, id, &start, format),
    }
}

fn add(paths: &Paths, args: AddArgs) -> Result<(), Failure> {
    let today = dates::today();
    let mut offer = Offer {
        id: 0,
        company: args.company.trim().to_string(),
        role: None,
        application: None,
        base: amount("base", &args.base)?,
        bonus: None,
        sign_on: None,
        equity: None,
        start: date("start", &args.start, today)?,
        health_monthly: None,
    };
    Changes::read(&args.terms)?.apply(&mut offer)?;
    offer.validate().map_err(refused)?;
    // Checked without writing first: a refused link never creates a workbook.
    let first_look = open_for_reading(paths)?;
    refuse_read_only(&first_look)?;
    check_application(first_look.workbook(), &offer)?;
    drop(first_look);
    let mut session = open_for_writing(paths)?;
    session.set_today(today);
    check_application(session.workbook(), &offer)?;
    let added = apply_and_save(&mut session, Edit::Add(offer.into()), refused)?;
    let id = added_id(&added, Kind::Offer)?;
    print_saved(session.workbook(), id, args.format, "Added")
}

fn edit(paths: &Paths, args: EditArgs) -> Result<(), Failure> {
    let today = dates::today();
    let changes = Changes::read(&args.terms)?;
    let company = args
        .company
        .as_deref()
        .map(|c| crate::domain::pipeline::parse_required("company", c).map_err(refused))
        .transpose()?;
    let base = args
        .base
        .as_deref()
        .map(|b| amount("base", b))
        .transpose()?;
    let start = args
        .start
        .as_deref()
        .map(|s| date("start", s, today))
        .transpose()?;
    let edited = |wb: &Workbook| -> Result<(Offer, Offer), Failure> {
        let before = wb
            .pipeline
            .offers
            .iter()
            .find(|o| o.id == args.id)
            .cloned()
            .ok_or_else(|| bad("id", format!("there is no offer #{}", args.id)))?;
        let mut after = before.clone();
        if let Some(company) = &company {
            after.company = company.clone();
        }
        if let Some(base) = base {
            after.base = base;
        }
        if let Some(start) = start {
            after.start = start;
        }
        changes.apply(&mut after)?;
        after.validate().map_err(refused)?;
        check_application(wb, &after)?;
        Ok((before, after))
    };
    let first_look = open_for_reading(paths)?;
    refuse_read_only(&first_look)?;
    edited(first_look.workbook())?;
    drop(first_look);
    let mut session = open_for_writing(paths)?;
    session.set_today(today);
    let (before, after) = edited(session.workbook())?;
    let changed = before != after;
    if changed {
        apply_and_save(&mut session, Edit::update(before, after), refused)?;
    }
    let verb = if changed { "Changed" } else { "Unchanged" };
    print_saved(session.workbook(), args.id, args.format, verb)
}

/// Prints offer `id` as saved: the record (JSON), or its terms and where it
/// stands against staying (text).
fn print_saved(wb: &Workbook, id: Id, format: Format, verb: &str) -> Result<(), Failure> {
    let offer = wb
        .pipeline
        .offers
        .iter()
        .find(|o| o.id == id)
        .ok_or_else(|| Failure::runtime("the offer was saved but cannot be read back"))?;
    print_written(format, &OfferRecord::from(offer), || {
        let mut out = format!("{verb} offer #{id}: {}\n", one_line(&offer.title()));
        out.push_str(&offer_text(wb, offer));
        out.push_str("Compare it with staying: careerbook offers\n");
        out
    })
}

/// The terms of one offer, one aligned line each.
fn offer_text(wb: &Workbook, offer: &Offer) -> String {
    let mut rows: Vec<(&str, String)> = vec![
        ("start", format_long(offer.start)),
        ("base", format!("{} a year", format_money(offer.base))),
    ];
    if let Some(bonus) = &offer.bonus {
        rows.push(("bonus", bonus.describe(offer.base)));
    }
    if let Some(sign_on) = &offer.sign_on {
        let clawback = match (sign_on.clawback_months, sign_on.prorated) {
            (0, _) => "no clawback".to_string(),
            (months, true) => format!("{months}-month clawback, prorated"),
            (months, false) => format!("{months}-month clawback, repaid in full"),
        };
        rows.push((
            "sign-on",
            format!(
                "{} paid {}; {clawback}",
                format_money(sign_on.amount),
                format_long(sign_on.paid_on(offer.start))
            ),
        ));
    }
    if let Some(equity) = &offer.equity {
        rows.push(("equity", equity_text(equity)));
    }
    if let Some(health) = offer.health_monthly {
        let how = if health.is_sign_negative() {
            "less"
        } else {
            "more"
        };
        rows.push((
            "health",
            format!("{} a month {how} than now", format_money(health.abs())),
        ));
    }
    if let Some(id) = offer.application {
        let app = match wb.pipeline.application(id) {
            Some(app) => format!(
                "#{id} {} — {} ({})",
                one_line(&app.company),
                one_line(&app.role),
                app.stage.key()
            ),
            None => format!("#{id} (no longer in the pipeline)"),
        };
        rows.push(("application", app));
    }
    rows.iter()
        .map(|(key, value)| format!("  {key:<12} {value}\n"))
        .collect()
}

fn equity_text(equity: &OfferEquity) -> String {
    let unit = if equity.is_options() {
        "options"
    } else {
        "shares"
    };
    let from_value = equity
        .value
        .map(|v| format!(" ({} offered)", format_money(v)))
        .unwrap_or_default();
    let strike = equity
        .strike
        .map(|s| {
            format!(
                ", strike {}: worth {} each, illiquid",
                format_money(s),
                format_money(equity.unit_value())
            )
        })
        .unwrap_or_default();
    format!(
        "{} {unit}{from_value} at {}{strike}; vesting {} ({})",
        format_shares(equity.shares),
        format_money(equity.price),
        equity.schedule.key(),
        equity.schedule.label()
    )
}

pub fn list(paths: &Paths, args: OffersArgs) -> Result<(), Failure> {
    let today = dates::today();
    let session = open_for_reading(paths)?;
    let wb = session.workbook();
    let comparison = offers::compare(wb, today, &[]);
    match args.format {
        Format::Json => print_json(&offers::comparison_json(&comparison)),
        Format::Text => print(&comparison_text(wb, &comparison, args.explain)),
    }
}

/// Width of the label column and of each figure column in `careerbook offers`.
const LABEL: usize = 15;
const COLUMN: usize = 15;

fn comparison_text(wb: &Workbook, comparison: &Comparison, explain: bool) -> String {
    let mut out = String::new();
    if wb.pipeline.offers.is_empty() {
        out.push_str(
            "No offers yet. Add one with: careerbook offer add COMPANY --base B --start D\n",
        );
        return out;
    }
    let columns = &comparison.columns;
    let row = |label: &str, cells: Vec<String>| -> String {
        let mut line = format!("{label:<LABEL$}");
        for cell in cells {
            line.push_str(&pad_left(&fit(&cell, COLUMN - 1), COLUMN));
        }
        format!("{}\n", line.trim_end())
    };
    out.push_str(&row("", columns.iter().map(|c| c.name.clone()).collect()));
    out.push_str(&row(
        "Offer",
        columns
            .iter()
            .map(|c| c.offer.map_or_else(|| "-".into(), |id| format!("#{id}")))
            .collect(),
    ));
    out.push_str(&row(
        "Starts",
        columns.iter().map(|c| format_long(c.start)).collect(),
    ));
    for year in 0..offers::YEARS as usize {
        for (i, name) in ["cash", "equity", "total"].into_iter().enumerate() {
            let label = if i == 0 {
                format!("Year {} {name}", year + 1)
            } else {
                format!("       {name}")
            };
            out.push_str(&row(
                &label,
                columns
                    .iter()
                    .map(|c| money(c.years[year].figures()[i].1))
                    .collect(),
            ));
        }
    }
    out.push_str(&row(
        "4-year total",
        columns.iter().map(|c| money(&c.total)).collect(),
    ));
    out.push_str(&row(
        "vs Stay",
        columns.iter().map(|c| signed(&c.vs_stay)).collect(),
    ));
    out.push('\n');
    for note in &comparison.notes {
        out.push_str(&wrapped(&format!("· {note}"), "  "));
    }
    if wb.pipeline.current_job.is_none() {
        out.push_str(&wrapped(
            "· Enter it with: careerbook current-job --base B [--bonus-pct P]",
            "  ",
        ));
    }
    out.push('\n');
    if explain {
        out.push_str(&explanations(comparison));
    } else {
        out.push_str(&wrapped(
            "How each figure is worked out: careerbook offers --explain",
            "  ",
        ));
        out.push_str(&wrapped(
            "What another start date forfeits: careerbook offer what-if ID --start D",
            "  ",
        ));
        out.push_str(&wrapped(
            "Carry an offer into the runway: careerbook offer accept ID",
            "  ",
        ));
    }
    out
}

fn money(figure: &Figure) -> String {
    figure.amount.map_or_else(|| "unknown".into(), format_money)
}

/// A difference with its sign: `+$148,000.00`, `-$3,710.00`, `$0.00`.
fn signed(figure: &Figure) -> String {
    match figure.amount {
        Some(amount) if amount > Decimal::ZERO => format!("+{}", format_money(amount)),
        _ => money(figure),
    }
}

/// `text` wrapped to the terminal (one line in a pipe), later lines indented.
fn wrapped(text: &str, indent: &str) -> String {
    let width = text_width().unwrap_or(usize::MAX);
    let mut out = String::new();
    for (i, line) in crate::text::wrap(text, width.saturating_sub(indent.len()).max(20))
        .iter()
        .enumerate()
    {
        if i > 0 {
            out.push_str(indent);
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every figure of every column with its working.
fn explanations(comparison: &Comparison) -> String {
    let mut out = String::new();
    for column in &comparison.columns {
        let id = column
            .offer
            .map(|id| format!(" (#{id})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "\n{}{id}, four years from {}\n",
            one_line(&column.name),
            format_long(column.start)
        ));
        for year in &column.years {
            for (name, figure) in year.figures() {
                explain_figure(&mut out, &format!("Year {} {name}", year.span.year), figure);
            }
        }
        explain_figure(&mut out, "4-year total", &column.total);
        explain_figure(&mut out, "vs Stay", &column.vs_stay);
    }
    out
}

fn explain_figure(out: &mut String, label: &str, figure: &Figure) {
    out.push_str(&format!("  {label}: {}\n", money(figure)));
    for line in &figure.working {
        out.push_str("    ");
        out.push_str(&wrapped(line, "    "));
    }
}

fn what_if(paths: &Paths, id: Id, start: &str, format: Format) -> Result<(), Failure> {
    let today = dates::today();
    let start = date("start", start, today)?;
    let session = open_for_reading(paths)?;
    let report = offers::what_if(session.workbook(), id, start, today).map_err(refused)?;
    match format {
        Format::Json => print_json(&WhatIfJson::from(&report)),
        Format::Text => print(&what_if_text(&report)),
    }
}

fn what_if_text(report: &StartWhatIf) -> String {
    let days = dates::days_between(report.new_start, report.saved_start);
    let moved = match days {
        0 => "the saved start".to_string(),
        d if d > 0 => format!("{d} days earlier"),
        d => format!("{} days later", -d),
    };
    let mut out = format!(
        "Starting {} (#{}) on {} instead of {} ({moved})\n",
        one_line(&report.name),
        report.offer,
        format_long(report.new_start),
        format_long(report.saved_start)
    );
    let last_day = report
        .last_day
        .map(|d| format!("; your last day on payroll is {}", format_long(d)))
        .unwrap_or_default();
    out.push_str(&wrapped(
        &format!(
            "means leaving your current job on {} instead of {}{last_day}.",
            format_long(report.leave_new),
            format_long(report.leave_saved)
        ),
        "",
    ));
    out.push('\n');
    for change in &report.changes {
        out.push_str(&format!(
            "  {:<18}{:>15}\n",
            change.kind.label(),
            signed(&change.figure)
        ));
    }
    out.push_str(&format!("  {:<18}{:>15}\n", "Net", signed(&report.net)));
    out.push_str("\nHow each is worked out:\n");
    for change in &report.changes {
        explain_figure(&mut out, change.kind.label(), &change.figure);
    }
    explain_figure(&mut out, "Net", &report.net);
    out
}

/// `careerbook offer what-if --format json`.
#[derive(Serialize)]
struct WhatIfJson {
    offer: Id,
    saved_start: NaiveDate,
    new_start: NaiveDate,
    last_day: Option<NaiveDate>,
    leave_saved: NaiveDate,
    leave_new: NaiveDate,
    changes: Vec<ChangeJson>,
    #[serde(serialize_with = "serialize_cents_or_null")]
    net: Option<Decimal>,
}

#[derive(Serialize)]
struct ChangeJson {
    change: &'static str,
    #[serde(serialize_with = "serialize_cents_or_null")]
    amount: Option<Decimal>,
}

impl From<&StartWhatIf> for WhatIfJson {
    fn from(report: &StartWhatIf) -> Self {
        Self {
            offer: report.offer,
            saved_start: report.saved_start,
            new_start: report.new_start,
            last_day: report.last_day,
            leave_saved: report.leave_saved,
            leave_new: report.leave_new,
            changes: report
                .changes
                .iter()
                .map(|c| ChangeJson {
                    change: c.kind.key(),
                    amount: c.figure.amount,
                })
                .collect(),
            net: report.net.amount,
        }
    }
}

fn accept(paths: &Paths, id: Id, format: Format) -> Result<(), Failure> {
    let today = dates::today();
    // Checked without writing first: an unknown id never creates a workbook.
    let first_look = open_for_reading(paths)?;
    refuse_read_only(&first_look)?;
    offers::accept(first_look.workbook(), id, today).map_err(refused)?;
    drop(first_look);
    let mut session = open_for_writing(paths)?;
    session.set_today(today);
    let previous = session.workbook().runway.new_job.clone();
    let acceptance = offers::accept(session.workbook(), id, today).map_err(refused)?;
    apply_and_save(&mut session, acceptance.edit.clone(), refused)?;
    let wb = session.workbook();
    let new_job = wb
        .runway
        .new_job
        .clone()
        .ok_or_else(|| Failure::runtime("the new job was saved but cannot be read back"))?;
    let application = acceptance.moves.and_then(|a| wb.pipeline.application(a));
    let json = AcceptJson {
        offer: id,
        new_job: NewJobJson::from(&new_job),
        application: application.map(ApplicationRecord::from),
    };
    print_written(format, &json, || {
        let name = wb
            .pipeline
            .offers
            .iter()
            .find(|o| o.id == id)
            .map(|o| one_line(&o.company))
            .unwrap_or_default();
        let mut out = format!("Accepted offer #{id} ({name})\n");
        out.push_str(&format!(
            "  {:<12} starts {}, {} a month after withholding (the Runway tab's new job)\n",
            "new job",
            format_long(new_job.start),
            format_money(new_job.monthly_net)
        ));
        if let Some(previous) = previous.filter(|p| *p != new_job) {
            out.push_str(&format!(
                "  {:<12} the scenario starting {} at {} a month\n",
                "replaces",
                format_long(previous.start),
                format_money(previous.monthly_net)
            ));
        }
        if let Some(app) = application {
            out.push_str(&format!(
                "  {:<12} #{} {} — {} moved to accepted\n",
                "application",
                app.id,
                one_line(&app.company),
                one_line(&app.role)
            ));
        }
        for line in &acceptance.working[1..] {
            out.push_str("  ");
            out.push_str(&wrapped(line, "  "));
        }
        out.push_str("See the runway with it: careerbook runway\n");
        out
    })
}

#[derive(Serialize)]
struct AcceptJson<'a> {
    offer: Id,
    new_job: NewJobJson,
    /// The application moved to accepted, as `apps --format json` prints it.
    application: Option<ApplicationRecord<'a>>,
}

#[derive(Serialize)]
struct NewJobJson {
    start: NaiveDate,
    #[serde(serialize_with = "serialize_cents")]
    monthly_net: Decimal,
}

impl From<&NewJob> for NewJobJson {
    fn from(job: &NewJob) -> Self {
        Self {
            start: job.start,
            monthly_net: job.monthly_net,
        }
    }
}

pub fn current_job(paths: &Paths, args: CurrentJobArgs) -> Result<(), Failure> {
    let base = args
        .base
        .as_deref()
        .map(|b| amount("base", b))
        .transpose()?;
    let bonus = bonus(args.bonus_pct.as_deref(), args.bonus.as_deref())?;
    let forfeits = args
        .resigning_forfeits_severance
        .as_deref()
        .map(yes_or_no)
        .transpose()?;
    if base.is_none() && bonus.is_none() && forfeits.is_none() {
        let session = open_for_reading(paths)?;
        return print_current(session.workbook(), args.format);
    }
    let edit = |wb: &Workbook| -> Result<Edit, Failure> {
        let mut edits = Vec::new();
        if base.is_some() || bonus.is_some() {
            let now = wb.pipeline.current_job.clone();
            let job = CurrentJob {
                base: base
                    .or(now.as_ref().map(|j| j.base))
                    .ok_or_else(|| bad("base", "enter your base salary too (--base)"))?,
                bonus: bonus.unwrap_or_else(|| now.as_ref().and_then(|j| j.bonus)),
            };
            job.validate().map_err(refused)?;
            edits.push(Edit::set_from(wb, Section::CurrentJob(Some(job))));
        }
        if let Some(forfeits) = forfeits {
            edits.push(Edit::set_from(
                wb,
                Section::ResigningForfeitsSeverance(forfeits),
            ));
        }
        Ok(Edit::Batch(edits))
    };
    let first_look = open_for_reading(paths)?;
    refuse_read_only(&first_look)?;
    edit(first_look.workbook())?;
    drop(first_look);
    let mut session = open_for_writing(paths)?;
    let edit = edit(session.workbook())?;
    apply_and_save(&mut session, edit, refused)?;
    print_current(session.workbook(), args.format)
}

fn yes_or_no(text: &str) -> Result<bool, Failure> {
    crate::domain::choice::Choices {
        what: "yes or no",
        all: &[true, false],
        key: |b| if *b { "yes" } else { "no" },
        label: |b| if *b { "true" } else { "false" },
        synonyms: &[("y", true), ("n", false)],
    }
    .parse(text)
    .map_err(|m| bad("resigning_forfeits_severance", m))
}

#[derive(Serialize)]
struct CurrentJobJson {
    #[serde(serialize_with = "serialize_cents_or_null")]
    base: Option<Decimal>,
    bonus_percent: Option<String>,
    #[serde(serialize_with = "serialize_cents_or_null")]
    bonus: Option<Decimal>,
    resigning_forfeits_severance: bool,
}

fn print_current(wb: &Workbook, format: Format) -> Result<(), Failure> {
    let job = wb.pipeline.current_job.as_ref();
    let forfeits = wb.runway.resigning_forfeits_severance;
    let json = CurrentJobJson {
        base: job.map(|j| j.base),
        bonus_percent: job.and_then(|j| j.bonus).and_then(|b| b.percent_points()),
        bonus: job.and_then(|j| j.bonus.map(|b| b.yearly(j.base))),
        resigning_forfeits_severance: forfeits,
    };
    print_written(format, &json, || {
        let pay = match job {
            Some(job) => offers::pay_text(job.base, job.bonus.as_ref()),
            None => "not entered yet (careerbook current-job --base B [--bonus-pct P])".into(),
        };
        let rule = if forfeits { "yes (the default)" } else { "no" };
        format!(
            "Current job: {pay}\nResigning before your last day on payroll forfeits the severance: {rule}\n"
        )
    })
}

/// For `apps move ID accepted`: how to carry the application's offer into
/// the runway. A move never changes the runway by itself: a script moving
/// cards must not rewrite the new-job scenario behind the person's back.
pub fn accept_hint(offers: &[Offer], application: Id) -> String {
    offers
        .iter()
        .filter(|o| o.application == Some(application))
        .map(|o| {
            format!(
                "Offer #{} answers it: `careerbook offer accept {}` sets the Runway tab's new job from it.\n",
                o.id, o.id
            )
        })
        .collect()
}
