//! The Runway tab's inputs from the shell: `account`, `expense`, `cover`,
//! `income`, `one-off` (records, added or updated by name), and `severance`,
//! `benefit`, `new-job` (single values). Each prints what was saved and the
//! runway it gives, or with `--format json` the record as stored.

use super::input::{
    add_or_update, amount, by_name, change, optional_date, record, refused, refused_field, whole,
};
use super::written::print_written;
use super::{Failure, Format, one_line, warn};
use crate::domain::Invalid;
use crate::domain::checklist::{RunwayFigure, runway_figure};
use crate::domain::dates::{self, format_long};
use crate::domain::edit::{Edit, Kind, Section};
use crate::domain::money::{format_money, format_percent};
use crate::domain::runway::consistency::warnings;
use crate::domain::runway::reference::{COBRA_MAX_MONTHS, DEFAULT_BENEFIT_WEEKS, KffPlan};
use crate::domain::runway::{
    Account, CoverKind, Expense, HealthCover, NewJob, OneOff, OneOffKind, OtherIncome, Severance,
    UnemploymentBenefit,
};
use crate::domain::severance::{SeveranceTemplate, TemplateKind, parse_weeks};
use crate::domain::workbook::Workbook;
use crate::store::Paths;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, clap::Args)]
#[command(after_help = "Adds the account, or updates the one with that name.\n\
                  Example: careerbook account \"High-yield savings\" 46,000 --as-of 2026-11-20")]
pub struct AccountArgs {
    /// The account's name, e.g. Checking
    pub name: String,
    /// Its balance: 46000, 46,000, $46k
    pub balance: String,
    /// The day the balance was read (default today)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub as_of: Option<String>,
    /// text for people; json prints the account as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Adds the spending item, or updates the one with that name.\n\
                  Example: careerbook expense Rent 3,200 --essential"
)]
pub struct ExpenseArgs {
    /// What the money goes to, e.g. Rent
    pub name: String,
    /// How much a month: 3200, $3.2k
    pub monthly: String,
    /// Essential: kept in the essentials-only runway (a new item is, unless --not-essential)
    #[arg(long, conflicts_with = "not_essential")]
    pub essential: bool,
    /// Not essential: left out of the essentials-only runway, and the what-if may trim it
    #[arg(long)]
    pub not_essential: bool,
    /// text for people; json prints the item as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "PREMIUM is an amount, or single / family for the KFF 2025 average premium as \
                  COBRA (× 102%: $792.63 / $2,294.41 a month).\n\
                  Adds the cover, or updates the one with that name (by default COBRA or \
                  Marketplace plan).\n\
                  Example: careerbook cover cobra single --start 2027-03-01"
)]
pub struct CoverArgs {
    /// cobra (at most 18 months) or marketplace
    pub kind: String,
    /// The monthly premium, or single / family (the KFF 2025 average)
    pub premium: String,
    /// Months of cover (default 18)
    #[arg(long, value_name = "N")]
    pub months: Option<String>,
    /// The first premium's due date (default the day after the last day on payroll)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub start: Option<String>,
    /// A name for it (default COBRA or Marketplace plan)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// text for people; json prints the cover as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "From the offer letter: --amount GROSS [--weeks N], or --weeks N --base ANNUAL \
                  (gross = weeks × annual ÷ 52).\n\
                  Estimated: --template KEY --base ANNUAL --start D (the last day on payroll must \
                  be set: careerbook notice --last-day D); amazon_2025 also takes --weeks, generic \
                  --base-weeks, --weeks-per-year, --min-weeks, --cap-weeks, --pro-rata.\n\
                  Templates: generic, meta_2022, google_2023, amazon_2022_voluntary, amazon_2025.\n\
                  Examples:\n  careerbook severance --weeks \"20 weeks\" --base 178,000 --pay-date 2027-02-20\n  \
                  careerbook severance --template meta_2022 --base 160k --start 2019-03-01"
)]
pub struct SeveranceArgs {
    /// The gross amount from the offer letter
    #[arg(long, value_name = "GROSS", conflicts_with = "template")]
    pub amount: Option<String>,
    /// Weeks of pay: the offer in weeks, the weeks an amount stands for, or amazon_2025's weeks
    #[arg(long, value_name = "N")]
    pub weeks: Option<String>,
    /// Estimate from a template (see below)
    #[arg(long, value_name = "KEY")]
    pub template: Option<String>,
    /// Annual base pay
    #[arg(long, value_name = "ANNUAL")]
    pub base: Option<String>,
    /// First day of employment (for a template)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub start: Option<String>,
    /// The day it is paid (default the last day on payroll)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub pay_date: Option<String>,
    /// generic: base weeks (default 0)
    #[arg(long, value_name = "N")]
    pub base_weeks: Option<String>,
    /// generic: weeks per year of service (default 1)
    #[arg(long, value_name = "N")]
    pub weeks_per_year: Option<String>,
    /// generic: minimum weeks (default 0)
    #[arg(long, value_name = "N")]
    pub min_weeks: Option<String>,
    /// generic: the cap in weeks (default 26; `none` for no cap)
    #[arg(long, value_name = "N")]
    pub cap_weeks: Option<String>,
    /// generic: count the part-year pro rata by days
    #[arg(long)]
    pub pro_rata: bool,
    /// text for people; json prints the severance as saved, with its gross and net
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example: careerbook benefit --weekly 450 --weeks 26 --first-payment 2027-02-23\n\
                  Maximum weekly benefits, 2025: CA $450, NY $869, TX $591, WA about $1,152; \
                  check yours with your state."
)]
pub struct BenefitArgs {
    /// The weekly amount your state pays
    #[arg(long, value_name = "AMOUNT")]
    pub weekly: String,
    /// Number of weeks (default 26)
    #[arg(long, value_name = "N")]
    pub weeks: Option<String>,
    /// The first payment (default two weeks after the last day on payroll)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub first_payment: Option<String>,
    /// It waits until severance pay has run out (NY, TX)
    #[arg(long)]
    pub waits_for_severance: bool,
    /// text for people; json prints the benefit as saved
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Adds the income, or updates the one with that name.\n\
                  Example: careerbook income \"Freelance reviews\" 1,500 --start 2027-03-01 --end 2027-06-30")]
pub struct IncomeArgs {
    /// Where it comes from, e.g. Partner, Freelance
    pub name: String,
    /// Net a month
    pub monthly: String,
    /// The first day it comes in (default today)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub start: Option<String>,
    /// The last day it comes in (default: open-ended)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub end: Option<String>,
    /// text for people; json prints the income as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Adds the item, or updates the one with that name.\n\
                  Examples:\n  careerbook one-off \"PTO payout\" 6,300 --income --date 2027-02-20\n  \
                  careerbook one-off \"Credit card\" 2,400 --date 2027-02-20")]
pub struct OneOffArgs {
    /// What it is, e.g. "PTO payout", "Credit card"
    pub name: String,
    /// The amount (always positive; --income says it comes in)
    pub amount: String,
    /// The day it is paid or received
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub date: String,
    /// Money coming in (by default a one-off is a cost)
    #[arg(long)]
    pub income: bool,
    /// text for people; json prints the item as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "The \"what if I start a new job\" scenario: the Runway tab shows the \
                        runway with and without it.\n\
                        Example: careerbook new-job --start 2027-06-01 --monthly 10,400"
)]
pub struct NewJobArgs {
    /// Its first day
    #[arg(
        long,
        value_name = "D",
        allow_hyphen_values = true,
        required_unless_present = "clear"
    )]
    pub start: Option<String>,
    /// Net pay a month
    #[arg(long, value_name = "AMOUNT", required_unless_present = "clear")]
    pub monthly: Option<String>,
    /// Remove the scenario
    #[arg(long, conflicts_with_all = ["start", "monthly"])]
    pub clear: bool,
    /// text for people; json prints the scenario as saved
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The runway inputs' field names as this module's flags.
const FLAGS: &[(&str, &str)] = &[
    ("balance", "BALANCE"),
    ("monthly", "MONTHLY"),
    ("name", "NAME"),
    ("monthly_premium", "PREMIUM"),
    ("months", "--months"),
    ("gross", "--amount"),
    ("weeks", "--weeks"),
    ("annual_base", "--base"),
    ("employment_start", "--start"),
    ("separation", "--last-day (careerbook notice)"),
    ("base_weeks", "--base-weeks"),
    ("weeks_per_year", "--weeks-per-year"),
    ("min_weeks", "--min-weeks"),
    ("cap_weeks", "--cap-weeks"),
    ("weekly_amount", "--weekly"),
    ("first_payment", "--first-payment"),
    ("monthly_net", "MONTHLY"),
    ("end", "--end"),
    ("amount", "AMOUNT"),
];

fn refuse(invalid: Invalid) -> Failure {
    refused_field(invalid, FLAGS)
}

pub fn account(paths: &Paths, args: AccountArgs) -> Result<(), Failure> {
    let today = dates::today();
    let balance = amount("BALANCE", &args.balance)?;
    let as_of = optional_date("--as-of", args.as_of.as_deref(), today)?.unwrap_or(today);
    let changed = change(paths, today, refuse, |wb| {
        let before = by_name(&wb.runway.accounts, &args.name, "account", |a| {
            (a.id, &a.name)
        })?;
        let account = Account {
            id: before.map_or(0, |a| a.id),
            name: before.map_or_else(|| args.name.trim().to_string(), |a| a.name.clone()),
            balance,
            as_of,
        };
        account.validate().map_err(refuse)?;
        Ok((
            add_or_update(before, account),
            before.map(|a| (a.id, a.balance)),
        ))
    })?;
    let id = changed.id(Kind::Account, changed.value.map(|(id, _)| id))?;
    let saved = record(&changed.workbook().runway.accounts, id, |a| a.id)?;
    print_written(args.format, saved, || {
        let was = changed
            .value
            .map(|(_, b)| format!(" (was {})", format_money(b)))
            .unwrap_or_default();
        lines(
            changed.workbook(),
            format!(
                "{} cash account #{id} {}: {}{was} as of {}",
                verb(changed.value.is_some()),
                quoted(&saved.name),
                format_money(saved.balance),
                format_long(saved.as_of)
            ),
        )
    })
}

pub fn expense(paths: &Paths, args: ExpenseArgs) -> Result<(), Failure> {
    let today = dates::today();
    let monthly = amount("MONTHLY", &args.monthly)?;
    let changed = change(paths, today, refuse, |wb| {
        let before = by_name(&wb.runway.expenses, &args.name, "spending item", |e| {
            (e.id, &e.name)
        })?;
        let essential = match (args.essential, args.not_essential) {
            (true, _) => true,
            (_, true) => false,
            // A new item is essential unless said otherwise, as in the form.
            _ => before.is_none_or(|e| e.essential),
        };
        let expense = Expense {
            id: before.map_or(0, |e| e.id),
            name: before.map_or_else(|| args.name.trim().to_string(), |e| e.name.clone()),
            monthly,
            essential,
        };
        expense.validate().map_err(refuse)?;
        Ok((add_or_update(before, expense), before.map(|e| e.id)))
    })?;
    let id = changed.id(Kind::Expense, changed.value)?;
    let saved = record(&changed.workbook().runway.expenses, id, |e| e.id)?;
    print_written(args.format, saved, || {
        let kind = if saved.essential {
            "essential"
        } else {
            "not essential"
        };
        lines(
            changed.workbook(),
            format!(
                "{} spending item #{id} {}: {} a month, {kind}",
                verb(changed.value.is_some()),
                quoted(&saved.name),
                format_money(saved.monthly)
            ),
        )
    })
}

pub fn cover(paths: &Paths, args: CoverArgs) -> Result<(), Failure> {
    let today = dates::today();
    let kind: CoverKind = args
        .kind
        .parse()
        .map_err(|message: String| refused("KIND", message))?;
    let premium = match args.premium.parse::<KffPlan>() {
        Ok(plan) => plan.cobra_monthly(),
        Err(_) => amount("PREMIUM", &args.premium).map_err(|_| {
            refused(
                "PREMIUM",
                format!("{:?} is not an amount, single or family", args.premium),
            )
        })?,
    };
    let months = args
        .months
        .as_deref()
        .map(|m| whole("--months", m, "month"))
        .transpose()?;
    let start = optional_date("--start", args.start.as_deref(), today)?;
    let name = args
        .name
        .as_deref()
        .map_or(kind.label(), str::trim)
        .to_string();
    let changed = change(paths, today, refuse, |wb| {
        let before = by_name(&wb.runway.cover, &name, "health cover", |c| (c.id, &c.name))?;
        let start = start
            .or(before.map(|c| c.start))
            .or_else(|| {
                wb.runway
                    .separation
                    .and_then(|d| d.checked_add_days(Days::new(1)))
            })
            .ok_or_else(|| {
                refused(
                    "--start",
                    "enter the first premium's due date (or the last day on payroll first: \
                     careerbook notice --last-day DATE)",
                )
            })?;
        let cover = HealthCover {
            id: before.map_or(0, |c| c.id),
            name: before.map_or_else(|| name.clone(), |c| c.name.clone()),
            kind,
            monthly_premium: premium,
            months: months
                .or(before.map(|c| c.months))
                .unwrap_or(COBRA_MAX_MONTHS),
            start,
        };
        cover.validate().map_err(refuse)?;
        Ok((add_or_update(before, cover), before.map(|c| c.id)))
    })?;
    let id = changed.id(Kind::Cover, changed.value)?;
    let saved = record(&changed.workbook().runway.cover, id, |c| c.id)?;
    print_written(args.format, saved, || {
        lines(
            changed.workbook(),
            format!(
                "{} health cover #{id} {} ({}): {} a month for {} months from {} (ends {})",
                verb(changed.value.is_some()),
                quoted(&saved.name),
                saved.kind.key(),
                format_money(saved.monthly_premium),
                saved.months,
                format_long(saved.start),
                format_long(saved.ends())
            ),
        )
    })
}

pub fn severance(paths: &Paths, args: SeveranceArgs) -> Result<(), Failure> {
    let today = dates::today();
    let how = How::read(&args)?;
    let pay_date = optional_date("--pay-date", args.pay_date.as_deref(), today)?;
    let start = optional_date("--start", args.start.as_deref(), today)?;
    let changed = change(paths, today, refuse, |wb| {
        let pay_date = pay_date.or(wb.runway.separation).ok_or_else(|| {
            refused(
                "--pay-date",
                "enter the day severance is paid (or the last day on payroll first: \
                 careerbook notice --last-day DATE)",
            )
        })?;
        let severance = how.severance(pay_date, start)?;
        severance
            .pay(wb.runway.separation, wb.runway.withholding)
            .map_err(refuse)?;
        Ok((Edit::set_from(wb, Section::Severance(Some(severance))), ()))
    })?;
    let wb = changed.workbook();
    let plan = &wb.runway;
    let Some(saved) = &plan.severance else {
        return Err(Failure::runtime(
            "the severance was saved but cannot be read back",
        ));
    };
    let pay = saved
        .pay(plan.separation, plan.withholding)
        .map_err(|e| Failure::runtime(format!("saved, but it cannot be worked out: {e}")))?;
    warn_about(wb, "severance");
    let json = SeveranceJson {
        severance: saved,
        weeks: pay.weeks.map(|w| w.normalize().to_string()),
        gross: pay.gross,
        net: pay.net,
        pay_date: pay.pay_date,
        formula: &pay.formula,
    };
    print_written(args.format, &json, || {
        let weeks = pay
            .weeks
            .map(|w| format!("{} weeks, ", w.normalize()))
            .unwrap_or_default();
        lines(
            wb,
            format!(
                "Severance set: {weeks}{} gross, {} net after {} withholding, paid {}\nFormula: {}",
                format_money(pay.gross),
                format_money(pay.net),
                format_percent(plan.withholding),
                format_long(pay.pay_date),
                pay.formula
            ),
        )
    })
}

pub fn income(paths: &Paths, args: IncomeArgs) -> Result<(), Failure> {
    let today = dates::today();
    let monthly = amount("MONTHLY", &args.monthly)?;
    let start = optional_date("--start", args.start.as_deref(), today)?;
    let end = optional_date("--end", args.end.as_deref(), today)?;
    let changed = change(paths, today, refuse, |wb| {
        let before = by_name(&wb.runway.other_income, &args.name, "income", |i| {
            (i.id, &i.name)
        })?;
        let income = OtherIncome {
            id: before.map_or(0, |i| i.id),
            name: before.map_or_else(|| args.name.trim().to_string(), |i| i.name.clone()),
            monthly_net: monthly,
            start: start.or(before.map(|i| i.start)).unwrap_or(today),
            end: end.or(before.and_then(|i| i.end)),
        };
        income.validate().map_err(refuse)?;
        Ok((add_or_update(before, income), before.map(|i| i.id)))
    })?;
    let id = changed.id(Kind::Income, changed.value)?;
    let saved = record(&changed.workbook().runway.other_income, id, |i| i.id)?;
    print_written(args.format, saved, || {
        let until = saved.end.map_or_else(
            || " on".to_string(),
            |end| format!(" to {}", format_long(end)),
        );
        lines(
            changed.workbook(),
            format!(
                "{} income #{id} {}: {} a month from {}{until}",
                verb(changed.value.is_some()),
                quoted(&saved.name),
                format_money(saved.monthly_net),
                format_long(saved.start)
            ),
        )
    })
}

pub fn one_off(paths: &Paths, args: OneOffArgs) -> Result<(), Failure> {
    let today = dates::today();
    let value = amount("AMOUNT", &args.amount)?;
    let date = super::input::date("--date", &args.date, today)?;
    let kind = if args.income {
        OneOffKind::Income
    } else {
        OneOffKind::Cost
    };
    let changed = change(paths, today, refuse, |wb| {
        let before = by_name(&wb.runway.one_offs, &args.name, "one-off", |o| {
            (o.id, &o.name)
        })?;
        let item = OneOff {
            id: before.map_or(0, |o| o.id),
            name: before.map_or_else(|| args.name.trim().to_string(), |o| o.name.clone()),
            kind,
            amount: value,
            date,
        };
        item.validate().map_err(refuse)?;
        Ok((add_or_update(before, item), before.map(|o| o.id)))
    })?;
    let id = changed.id(Kind::OneOff, changed.value)?;
    let saved = record(&changed.workbook().runway.one_offs, id, |o| o.id)?;
    print_written(args.format, saved, || {
        lines(
            changed.workbook(),
            format!(
                "{} one-off #{id} {}: {} {} on {}",
                verb(changed.value.is_some()),
                quoted(&saved.name),
                saved.kind.key(),
                format_money(saved.amount),
                format_long(saved.date)
            ),
        )
    })
}

pub fn new_job(paths: &Paths, args: NewJobArgs) -> Result<(), Failure> {
    let today = dates::today();
    let job = match (&args.start, &args.monthly) {
        (Some(start), Some(monthly)) => Some(NewJob {
            start: super::input::date("--start", start, today)?,
            monthly_net: amount("--monthly", monthly)?,
            offer: None,
        }),
        _ => None,
    };
    let changed = change(paths, today, refuse, |wb| {
        // A new job set by hand stays the accepted offer's, if it was one.
        let job = job.clone().map(|job| NewJob {
            offer: wb.runway.new_job.as_ref().and_then(|j| j.offer),
            ..job
        });
        Ok((Edit::set_from(wb, Section::NewJob(job)), ()))
    })?;
    let wb = changed.workbook();
    print_written(args.format, &wb.runway.new_job, || {
        match &wb.runway.new_job {
            Some(job) => lines(
                wb,
                format!(
                    "New job scenario set: {} a month from {} (the runway above is without it)",
                    format_money(job.monthly_net),
                    format_long(job.start)
                ),
            ),
            None => "New job scenario cleared.\n".to_string(),
        }
    })
}

/// `severance --format json`: the stored value, then what it comes to.
#[derive(Serialize)]
struct SeveranceJson<'a> {
    severance: &'a Severance,
    /// Weeks of pay as a decimal string, or null when not known.
    weeks: Option<String>,
    #[serde(serialize_with = "money")]
    gross: Decimal,
    #[serde(serialize_with = "money")]
    net: Decimal,
    pay_date: NaiveDate,
    formula: &'a str,
}

fn money<S: serde::Serializer>(amount: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    crate::domain::money::serialize_money_or_null(&Some(*amount), serializer)
}

/// How the severance is given on the command line, read before the workbook is opened.
enum How {
    Amount {
        gross: Decimal,
        weeks: Option<Decimal>,
    },
    Weeks {
        weeks: Decimal,
        base: Decimal,
    },
    Template {
        template: SeveranceTemplate,
        base: Decimal,
    },
}

impl How {
    fn read(args: &SeveranceArgs) -> Result<How, Failure> {
        let weeks = args
            .weeks
            .as_deref()
            .map(parse_weeks)
            .transpose()
            .map_err(refuse)?;
        let base = args
            .base
            .as_deref()
            .map(|b| amount("--base", b))
            .transpose()?;
        let generic_flags = args.base_weeks.is_some()
            || args.weeks_per_year.is_some()
            || args.min_weeks.is_some()
            || args.cap_weeks.is_some()
            || args.pro_rata;
        if let Some(key) = &args.template {
            let kind: TemplateKind = key
                .parse()
                .map_err(|message: String| refused("--template", message))?;
            if generic_flags && kind != TemplateKind::Generic {
                return Err(refused(
                    "--base-weeks",
                    "only the generic template takes --base-weeks, --weeks-per-year, \
                     --min-weeks, --cap-weeks and --pro-rata",
                ));
            }
            let template = match (kind, weeks) {
                (TemplateKind::Amazon2025, Some(weeks)) => SeveranceTemplate::Amazon2025 { weeks },
                (TemplateKind::Amazon2025, None) => {
                    return Err(refused(
                        "--weeks",
                        "amazon_2025's formula is not public: enter the weeks from your offer",
                    ));
                }
                (_, Some(_)) => {
                    return Err(refused(
                        "--weeks",
                        format!("the {} template works the weeks out itself", kind.key()),
                    ));
                }
                (TemplateKind::Generic, None) => generic(args)?,
                (TemplateKind::Meta2022, None) => SeveranceTemplate::Meta2022,
                (TemplateKind::Google2023, None) => SeveranceTemplate::Google2023,
                (TemplateKind::Amazon2022Voluntary, None) => SeveranceTemplate::Amazon2022Voluntary,
            };
            let base = base.ok_or_else(|| refused("--base", "enter the annual base pay"))?;
            return Ok(How::Template { template, base });
        }
        if generic_flags {
            return Err(refused("--base-weeks", "these go with --template generic"));
        }
        match (&args.amount, weeks, base) {
            (Some(gross), weeks, _) => Ok(How::Amount {
                gross: amount("--amount", gross)?,
                weeks,
            }),
            (None, Some(weeks), Some(base)) => Ok(How::Weeks { weeks, base }),
            (None, Some(_), None) => Err(refused(
                "--base",
                "an offer in weeks needs the annual base pay to become an amount",
            )),
            (None, None, _) => Err(Failure::usage(
                "give the severance: --amount GROSS, --weeks N --base ANNUAL, or --template KEY",
            )),
        }
    }

    fn severance(
        &self,
        pay_date: NaiveDate,
        start: Option<NaiveDate>,
    ) -> Result<Severance, Failure> {
        match self {
            How::Amount { gross, weeks } => Ok(Severance::Entered {
                gross: *gross,
                pay_date,
                weeks: *weeks,
                annual_base: None,
            }),
            How::Weeks { weeks, base } => {
                Severance::from_weeks(*weeks, *base, pay_date).map_err(refuse)
            }
            How::Template { template, base } => Ok(Severance::Estimated {
                annual_base: *base,
                employment_start: start
                    .ok_or_else(|| refused("--start", "enter the first day of employment"))?,
                template: template.clone(),
                pay_date,
            }),
        }
    }
}

/// The generic template from its flags, with the form's defaults.
fn generic(args: &SeveranceArgs) -> Result<SeveranceTemplate, Failure> {
    let weeks = |flag: &str, text: Option<&str>, default: i64| -> Result<Decimal, Failure> {
        match text {
            Some(text) => parse_weeks_or_zero(text).map_err(|i| refused(flag, i.message)),
            None => Ok(Decimal::from(default)),
        }
    };
    let cap_weeks = match args.cap_weeks.as_deref().map(str::trim) {
        Some(text) if text.eq_ignore_ascii_case("none") => None,
        Some(text) => Some(weeks("--cap-weeks", Some(text), 0)?),
        None => Some(Decimal::from(26)),
    };
    let template = SeveranceTemplate::Generic {
        base_weeks: weeks("--base-weeks", args.base_weeks.as_deref(), 0)?,
        weeks_per_year: weeks("--weeks-per-year", args.weeks_per_year.as_deref(), 1)?,
        min_weeks: weeks("--min-weeks", args.min_weeks.as_deref(), 0)?,
        cap_weeks,
        pro_rata_partial_years: args.pro_rata,
    };
    template.validate().map_err(refuse)?;
    Ok(template)
}

/// Weeks where zero is allowed (a generic template's base or minimum).
fn parse_weeks_or_zero(text: &str) -> Result<Decimal, Invalid> {
    match crate::domain::money::parse_weeks(text) {
        Ok(weeks) if weeks.is_zero() => Ok(Decimal::ZERO),
        _ => parse_weeks(text),
    }
}

pub fn benefit(paths: &Paths, args: BenefitArgs) -> Result<(), Failure> {
    let today = dates::today();
    let weekly = amount("--weekly", &args.weekly)?;
    let weeks = args
        .weeks
        .as_deref()
        .map(|w| whole("--weeks", w, "week"))
        .transpose()?
        .unwrap_or(DEFAULT_BENEFIT_WEEKS);
    let first = optional_date("--first-payment", args.first_payment.as_deref(), today)?;
    let changed = change(paths, today, refuse, |wb| {
        let first_payment = first
            .or_else(|| {
                wb.runway
                    .separation
                    .and_then(|d| d.checked_add_days(Days::new(14)))
            })
            .ok_or_else(|| {
                refused(
                    "--first-payment",
                    "enter the first payment's date (or the last day on payroll first: \
                     careerbook notice --last-day DATE)",
                )
            })?;
        let benefit = UnemploymentBenefit {
            weekly_amount: weekly,
            weeks,
            first_payment,
            waits_for_severance: args.waits_for_severance,
        };
        benefit.validate().map_err(refuse)?;
        let mut candidate = wb.runway.clone();
        candidate.benefit = Some(benefit.clone());
        candidate
            .severance_runs_out()
            .map_err(|e| refused("--waits-for-severance", e.message))?;
        Ok((Edit::set_from(wb, Section::Benefit(Some(benefit))), ()))
    })?;
    let wb = changed.workbook();
    let Some(saved) = &wb.runway.benefit else {
        return Err(Failure::runtime(
            "the benefit was saved but cannot be read back",
        ));
    };
    warn_about(wb, "benefit");
    print_written(args.format, saved, || {
        let first = saved.first_paid(wb.runway.severance_runs_out().ok().flatten());
        let waits = if saved.waits_for_severance && first != saved.first_payment {
            format!(" (waits for severance: first paid {})", format_long(first))
        } else {
            String::new()
        };
        lines(
            wb,
            format!(
                "Unemployment benefit set: {} a week for {} weeks from {}{waits}; the last payment {}",
                format_money(saved.weekly_amount),
                saved.weeks,
                format_long(saved.first_payment),
                format_long(saved.last_payment(first))
            ),
        )
    })
}

fn verb(updated: bool) -> &'static str {
    if updated { "Updated" } else { "Added" }
}

/// A name as the text output quotes it, on one line.
pub(super) fn quoted(name: &str) -> String {
    format!("“{}”", one_line(name))
}

/// What was done, then the runway it now gives.
fn lines(wb: &Workbook, done: String) -> String {
    let runway = match runway_figure(wb, dates::today()) {
        RunwayFigure::Months {
            months, zero_date, ..
        } => format!(
            "{months:.2} months (the money runs out {})",
            format_long(zero_date)
        ),
        RunwayFigure::NotEntered(missing) => format!("none yet: add {}", missing.join(" and ")),
        other => other.describe(),
    };
    format!("{done}\nRunway now: {runway}\n")
}

/// Says (on standard error) what now disagrees with the last day on payroll
/// about `field`; it was saved anyway, as the Runway tab does.
fn warn_about(wb: &Workbook, field: &str) {
    for warning in warnings(&wb.runway)
        .into_iter()
        .filter(|w| w.field == field)
    {
        warn(&format!("saved, but {warning}"));
    }
}
