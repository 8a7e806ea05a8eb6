//! `careerbook offer add|edit|accept|what-if`, `careerbook offers` and
//! `careerbook current-job`: job offers weighed against staying. The figures
//! come from `domain::offers`, the functions the Pipeline tab's comparison
//! view is to call too.

mod accept;
mod report;
mod terms;

pub use accept::current_job;
pub use terms::Terms;

use accept::accept;
use report::{comparison_text, what_if};
use terms::Changes;

use super::pipeline::refuse_read_only;
use super::written::{added_id, print_written};
use super::{
    Failure, Format, apply_and_save, one_line, open_for_reading, open_for_writing, print,
    print_json,
};
use crate::domain::dates::{self, format_long};
use crate::domain::edit::{Edit, Kind};
use crate::domain::money::{format_money, format_shares, parse_amount};
use crate::domain::offers::{self, Offer, OfferEquity, OfferRecord};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, Invalid};
use crate::store::Paths;
use chrono::NaiveDate;
use clap::Subcommand;
use rust_decimal::Decimal;

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
    /// monthly pay after withholding, its application moves to accepted, and an
    /// application accepted before moves to declined (you take one job)
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
        /// The start date to try: YYYY-MM-DD, 29 jan, jan 29 2027, today, +2w, -3d, fri, next fri, last fri, eow or eom
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
    /// The first day at the new job: YYYY-MM-DD, 29 jan, jan 29 2027, today, +2w, -3d, fri, next fri, last fri, eow or eom
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
    /// The first day at the new job: YYYY-MM-DD, 29 jan, jan 29 2027, today, +2w, -3d, fri, next fri, last fri, eow or eom
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub start: Option<String>,
    #[command(flatten)]
    pub terms: Terms,
    /// text for people; json prints the offer as saved
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
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

/// An offer's `--start`: a date from a year ago on (`Offer::check_start`).
fn start_date(text: &str, today: NaiveDate) -> Result<NaiveDate, Failure> {
    Offer::check_start(date("start", text, today)?, today).map_err(refused)
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
        start: start_date(&args.start, today)?,
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
        .map(|s| start_date(s, today))
        .transpose()?;
    let edited = |wb: &Workbook| -> Result<(Offer, Offer), Failure> {
        let before = offers::find(wb, args.id).map_err(refused)?.clone();
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
        // Only a link given now is checked: a link kept to an application
        // deleted since stays, as the record allows.
        if changes.links_application() {
            check_application(wb, &after)?;
        }
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
        // Editing the accepted offer keeps the Runway tab's new job in step.
        let edit = offers::save_offer(session.workbook(), &before, after);
        apply_and_save(&mut session, edit, refused)?;
    }
    let verb = if changed { "Changed" } else { "Unchanged" };
    print_saved(session.workbook(), args.id, args.format, verb)
}

/// Prints offer `id` as saved: the record (JSON), or its terms and where it
/// stands against staying (text).
fn print_saved(wb: &Workbook, id: Id, format: Format, verb: &str) -> Result<(), Failure> {
    let offer = wb
        .pipeline
        .offer(id)
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
