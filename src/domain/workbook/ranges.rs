//! The ranges every stored value must lie in, checked when a file is loaded
//! and again when an edit is applied, so a value typed into a file by hand can
//! never reach arithmetic that would overflow, panic or loop for ever.
//!
//! These are limits of what careerbook can compute with, not rules of what is
//! sensible to enter: a win dated next week, a negative balance or a blank
//! name still load (the forms refuse them; see each record's `validate`). No
//! check here depends on today's date, so a file that loads today loads next
//! year too.
//!
//! | value | range |
//! |---|---|
//! | every date | [`dates::EARLIEST`]..=[`dates::LATEST`] (1900-01-01 to 2200-12-31) |
//! | money, shares, prices, severance weeks | ±[`MAX_AMOUNT`] (a trillion) |
//! | rates (withholding, a tranche's percent) | 0..=1 (0% to 100%) |
//! | whole weeks, months | at most [`MAX_WEEKS`], [`MAX_MONTHS`] (a century) |
//! | days and months settings | their ranges (ghosting 1–365 days, review 1–180, time-to-offer 1–24 months) |
//! | ids | at most [`MAX_ID`] (2⁵³ − 1); `next_id` at most one more |
//!
//! A measured result's number (`impact.wins[i].metric.value`) is not checked:
//! it is only ever compared, never added or multiplied, and any number the
//! metric parser reads is safe to compare.

use super::Workbook;
use crate::domain::checklist::book::MAX_REVIEW_DAYS;
use crate::domain::checklist::{LayoffNotice, ManualTick, NowBook, Signal};
use crate::domain::conflict::{Conflict, Target};
use crate::domain::edit::{Item, Section};
use crate::domain::impact::{ImpactLog, Win};
use crate::domain::money::MAX_AMOUNT;
use crate::domain::offers::{CurrentJob, Offer, TargetBonus};
use crate::domain::pipeline::{
    Application, Contact, Pipeline, validate_ghost_after_days, validate_time_to_offer,
};
use crate::domain::runway::{
    Account, Expense, HealthCover, NewJob, NoticePay, OneOff, OtherIncome, RunwayPlan, Severance,
    UnemploymentBenefit,
};
use crate::domain::severance::SeveranceTemplate;
use crate::domain::vesting::{
    DatedBonus, Grant, Price, Schedule, SignOnBonus, TrancheAmount, VestingBook,
};
use crate::domain::{Id, Invalid, dates, money};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt;

/// The largest record id: 2⁵³ − 1, the largest integer a JSON reader that
/// holds numbers as doubles (JavaScript, jq) reads exactly. `next_id` may be
/// one more, once this id has been handed out.
pub const MAX_ID: Id = (1 << 53) - 1;

/// The most weeks a count of weeks (unemployment benefit) may hold: a century.
pub const MAX_WEEKS: u32 = 5_200;

/// The most months a count of months (health cover, a clawback term) may
/// hold: a century.
pub const MAX_MONTHS: u32 = 1_200;

/// One step on the way to a value in the file: a field or a list position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Field(&'static str),
    Index(usize),
}

/// Where a value sits in the workbook, e.g. `impact.wins[3].date`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Step>);

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Field(name) if i == 0 => f.write_str(name)?,
                Step::Field(name) => write!(f, ".{name}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A stored value careerbook cannot work with, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadValue {
    pub path: FieldPath,
    pub message: String,
}

impl fmt::Display for BadValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "in {}: {}", self.path, self.message)
    }
}

impl BadValue {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            path: FieldPath(vec![Step::Field(field)]),
            message: message.into(),
        }
    }

    /// The same value seen from one level up.
    fn within(mut self, step: Step) -> Self {
        self.path.0.insert(0, step);
        self
    }

    /// As a form or command reports it: under the innermost field's name,
    /// with the path inside the record spelt out when it is deeper than that.
    fn into_invalid(self) -> Invalid {
        let field = self
            .path
            .0
            .iter()
            .rev()
            .find_map(|step| match step {
                Step::Field(name) => Some(*name),
                Step::Index(_) => None,
            })
            .unwrap_or("value");
        let message = if self.path.0.len() > 1 {
            format!("{}: {}", self.path, self.message)
        } else {
            self.message
        };
        Invalid::new(field, message)
    }
}

type Checked = Result<(), BadValue>;

impl Workbook {
    /// Checks that every value lies within the ranges careerbook computes
    /// with (see the module's table), naming the first that does not.
    pub fn check_ranges(&self) -> Checked {
        if self.next_id > MAX_ID + 1 {
            return Err(BadValue::new(
                "next_id",
                format!("{} is more than {}", self.next_id, MAX_ID + 1),
            ));
        }
        field("impact", impact(&self.impact))?;
        field("runway", runway(&self.runway))?;
        field("vesting", vesting(&self.vesting))?;
        field("pipeline", pipeline(&self.pipeline))?;
        field("now", now(&self.now))?;
        list("conflicts", &self.conflicts, conflict)
    }
}

impl Item {
    /// The range checks of [`Workbook::check_ranges`] for one record about
    /// to be saved, so an edit can never store what a load would refuse.
    pub fn check_ranges(&self) -> Result<(), Invalid> {
        match self {
            Item::Win(r) => win(r),
            Item::Account(r) => account(r),
            Item::Expense(r) => expense(r),
            Item::Cover(r) => cover(r),
            Item::Income(r) => other_income(r),
            Item::OneOff(r) => one_off(r),
            Item::Grant(r) => grant(r),
            Item::Price(r) => price(r),
            Item::SignOn(r) => sign_on(r),
            Item::Bonus(r) => dated_bonus(r),
            Item::Application(r) => application(r),
            Item::Contact(r) => contact(r),
            Item::Offer(r) => offer(r),
            Item::Tick(r) => tick(r),
            Item::Signal(r) => signal(r),
            Item::Conflict(r) => conflict(r),
        }
        .map_err(BadValue::into_invalid)
    }
}

impl Section {
    /// The range checks for a new value of one part of the workbook.
    pub fn check_ranges(&self) -> Result<(), Invalid> {
        match self {
            Section::Separation(date) => optional_date("separation", *date),
            Section::Severance(value) => optional(value.as_ref(), severance),
            Section::Notice(value) => optional(value.as_ref(), notice),
            Section::Withholding(rate) => check_rate("withholding", *rate),
            Section::Benefit(value) => optional(value.as_ref(), benefit),
            Section::NewJob(value) => optional(value.as_ref(), new_job),
            Section::VestProceeds(_)
            | Section::RoleEliminated(_)
            | Section::ResigningForfeitsSeverance(_) => Ok(()),
            Section::VestWithholding(rate) => {
                optional(rate.as_ref(), |rate| check_rate("withholding", *rate))
            }
            Section::GhostAfterDays(days) => ghost_after_days(*days),
            Section::CurrentJob(value) => optional(value.as_ref(), current_job),
            Section::TimeToOffer(months) => time_to_offer(*months),
            Section::ResumeUpdated(date) => optional_date("resume_updated", *date),
            Section::LinkedinUpdated(date) => optional_date("linkedin_updated", *date),
            Section::Positioning(value) => optional_date("reviewed", value.reviewed),
            Section::LastReview(date) => optional_date("last_review", *date),
            Section::LayoffNotice(value) => optional(value.as_ref(), layoff_notice),
        }
        .map_err(BadValue::into_invalid)
    }
}

// Leaves and structure.

fn field(name: &'static str, checked: Checked) -> Checked {
    checked.map_err(|bad| bad.within(Step::Field(name)))
}

fn list<T>(name: &'static str, items: &[T], check: impl Fn(&T) -> Checked) -> Checked {
    for (index, item) in items.iter().enumerate() {
        check(item).map_err(|bad| bad.within(Step::Index(index)).within(Step::Field(name)))?;
    }
    Ok(())
}

fn optional<T>(value: Option<&T>, check: impl FnOnce(&T) -> Checked) -> Checked {
    value.map_or(Ok(()), check)
}

fn check_date(name: &'static str, date: NaiveDate) -> Checked {
    dates::in_range(date)
        .map(drop)
        .map_err(|message| BadValue::new(name, message))
}

fn optional_date(name: &'static str, date: Option<NaiveDate>) -> Checked {
    optional(date.as_ref(), |date| check_date(name, *date))
}

fn check_amount(name: &'static str, amount: Decimal) -> Checked {
    if money::within_limit(amount) {
        Ok(())
    } else {
        Err(BadValue::new(
            name,
            format!(
                "{amount} is outside the amounts careerbook handles (at most {} either way)",
                money::format_shares(MAX_AMOUNT)
            ),
        ))
    }
}

fn optional_amount(name: &'static str, amount: Option<Decimal>) -> Checked {
    optional(amount.as_ref(), |amount| check_amount(name, *amount))
}

fn check_rate(name: &'static str, rate: Decimal) -> Checked {
    if (Decimal::ZERO..=Decimal::ONE).contains(&rate) {
        Ok(())
    } else {
        Err(BadValue::new(
            name,
            format!("{rate} is not a rate from 0 to 1 (0% to 100%)"),
        ))
    }
}

fn check_count(name: &'static str, count: u32, max: u32, unit: &str) -> Checked {
    if count <= max {
        Ok(())
    } else {
        Err(BadValue::new(
            name,
            format!("{count} {unit} is more than the {max} careerbook handles"),
        ))
    }
}

fn check_id(name: &'static str, id: Id) -> Checked {
    if id <= MAX_ID {
        Ok(())
    } else {
        Err(BadValue::new(
            name,
            format!("{id} is more than the largest id, {MAX_ID}"),
        ))
    }
}

fn ghost_after_days(days: u32) -> Checked {
    validate_ghost_after_days(days).map_err(|invalid| BadValue::new(invalid.field, invalid.message))
}

fn time_to_offer(months: u32) -> Checked {
    validate_time_to_offer(months).map_err(|invalid| BadValue::new(invalid.field, invalid.message))
}

// Impact.

fn impact(log: &ImpactLog) -> Checked {
    list("wins", &log.wins, win)
}

fn win(win: &Win) -> Checked {
    check_id("id", win.id)?;
    check_date("date", win.date)
}

// Runway.

fn runway(plan: &RunwayPlan) -> Checked {
    list("accounts", &plan.accounts, account)?;
    list("expenses", &plan.expenses, expense)?;
    optional_date("separation", plan.separation)?;
    field("severance", optional(plan.severance.as_ref(), severance))?;
    field("notice", optional(plan.notice.as_ref(), notice))?;
    check_rate("withholding", plan.withholding)?;
    field("benefit", optional(plan.benefit.as_ref(), benefit))?;
    list("cover", &plan.cover, cover)?;
    list("other_income", &plan.other_income, other_income)?;
    list("one_offs", &plan.one_offs, one_off)?;
    field("new_job", optional(plan.new_job.as_ref(), new_job))
}

fn account(account: &Account) -> Checked {
    check_id("id", account.id)?;
    check_amount("balance", account.balance)?;
    check_date("as_of", account.as_of)
}

fn expense(expense: &Expense) -> Checked {
    check_id("id", expense.id)?;
    check_amount("monthly", expense.monthly)
}

fn severance(severance: &Severance) -> Checked {
    match severance {
        Severance::Entered {
            gross,
            pay_date,
            weeks,
            annual_base,
        } => {
            check_amount("gross", *gross)?;
            check_date("pay_date", *pay_date)?;
            optional_amount("weeks", *weeks)?;
            optional_amount("annual_base", *annual_base)
        }
        Severance::Estimated {
            annual_base,
            employment_start,
            template,
            pay_date,
        } => {
            check_amount("annual_base", *annual_base)?;
            check_date("employment_start", *employment_start)?;
            field("template", severance_template(template))?;
            check_date("pay_date", *pay_date)
        }
    }
}

fn severance_template(template: &SeveranceTemplate) -> Checked {
    match template {
        SeveranceTemplate::Generic {
            base_weeks,
            weeks_per_year,
            min_weeks,
            cap_weeks,
            pro_rata_partial_years: _,
        } => {
            check_amount("base_weeks", *base_weeks)?;
            check_amount("weeks_per_year", *weeks_per_year)?;
            check_amount("min_weeks", *min_weeks)?;
            optional_amount("cap_weeks", *cap_weeks)
        }
        SeveranceTemplate::Amazon2025 { weeks } => check_amount("weeks", *weeks),
        SeveranceTemplate::Meta2022
        | SeveranceTemplate::Google2023
        | SeveranceTemplate::Amazon2022Voluntary => Ok(()),
    }
}

fn notice(notice: &NoticePay) -> Checked {
    check_date("start", notice.start)?;
    check_date("end", notice.end)?;
    check_amount("monthly_net", notice.monthly_net)
}

fn benefit(benefit: &UnemploymentBenefit) -> Checked {
    check_amount("weekly_amount", benefit.weekly_amount)?;
    check_count("weeks", benefit.weeks, MAX_WEEKS, "weeks")?;
    check_date("first_payment", benefit.first_payment)
}

fn cover(cover: &HealthCover) -> Checked {
    check_id("id", cover.id)?;
    check_amount("monthly_premium", cover.monthly_premium)?;
    check_count("months", cover.months, MAX_MONTHS, "months")?;
    check_date("start", cover.start)
}

fn other_income(income: &OtherIncome) -> Checked {
    check_id("id", income.id)?;
    check_amount("monthly_net", income.monthly_net)?;
    check_date("start", income.start)?;
    optional_date("end", income.end)
}

fn one_off(one_off: &OneOff) -> Checked {
    check_id("id", one_off.id)?;
    check_amount("amount", one_off.amount)?;
    check_date("date", one_off.date)
}

fn new_job(job: &NewJob) -> Checked {
    check_date("start", job.start)?;
    check_amount("monthly_net", job.monthly_net)
}

// Vesting.

fn vesting(book: &VestingBook) -> Checked {
    list("grants", &book.grants, grant)?;
    list("prices", &book.prices, price)?;
    list("sign_on_bonuses", &book.sign_on_bonuses, sign_on)?;
    list("dated_bonuses", &book.dated_bonuses, dated_bonus)?;
    optional(book.withholding.as_ref(), |rate| {
        check_rate("withholding", *rate)
    })
}

fn grant(grant: &Grant) -> Checked {
    check_id("id", grant.id)?;
    check_amount("shares", grant.shares)?;
    check_date("grant_date", grant.grant_date)?;
    check_date("vest_start", grant.vest_start)?;
    field("schedule", schedule(&grant.schedule))
}

fn schedule(schedule: &Schedule) -> Checked {
    match schedule {
        Schedule::MetaQuarterly { first_vest } => optional_date("first_vest", *first_vest),
        Schedule::Custom { tranches } => list("tranches", tranches, |tranche| {
            check_date("date", tranche.date)?;
            match tranche.amount {
                TrancheAmount::Shares(shares) => check_amount("amount", shares),
                TrancheAmount::Percent(fraction) => check_rate("amount", fraction),
            }
        }),
        Schedule::Amazon | Schedule::CliffMonthly | Schedule::CliffQuarterly | Schedule::Google => {
            Ok(())
        }
    }
}

fn price(price: &Price) -> Checked {
    check_id("id", price.id)?;
    check_amount("price", price.price)?;
    check_date("as_of", price.as_of)
}

fn sign_on(bonus: &SignOnBonus) -> Checked {
    check_id("id", bonus.id)?;
    check_amount("gross", bonus.gross)?;
    check_date("paid", bonus.paid)?;
    check_count(
        "clawback_months",
        bonus.clawback_months,
        MAX_MONTHS,
        "months",
    )
}

fn dated_bonus(bonus: &DatedBonus) -> Checked {
    check_id("id", bonus.id)?;
    check_amount("gross", bonus.gross)?;
    check_date("must_be_employed_on", bonus.must_be_employed_on)?;
    optional_date("pay_date", bonus.pay_date)
}

// Pipeline.

fn pipeline(pipeline: &Pipeline) -> Checked {
    list("applications", &pipeline.applications, application)?;
    list("contacts", &pipeline.contacts, contact)?;
    ghost_after_days(pipeline.ghost_after_days)?;
    list("offers", &pipeline.offers, offer)?;
    field(
        "current_job",
        optional(pipeline.current_job.as_ref(), current_job),
    )?;
    time_to_offer(pipeline.time_to_offer_months)
}

fn application(app: &Application) -> Checked {
    check_id("id", app.id)?;
    field(
        "salary",
        optional(app.salary.as_ref(), |salary| {
            optional_amount("min", salary.min)?;
            optional_amount("max", salary.max)
        }),
    )?;
    list("history", &app.history, |change| {
        check_date("date", change.date)
    })?;
    optional_date("follow_up", app.follow_up)?;
    list("contacts", &app.contacts, |id| check_id_value(*id))?;
    list("stories", &app.stories, |id| check_id_value(*id))
}

/// An id that is itself a list entry (an application's contacts and stories).
fn check_id_value(id: Id) -> Checked {
    check_id("id", id).map_err(|bad| BadValue {
        path: FieldPath(Vec::new()),
        message: bad.message,
    })
}

fn contact(contact: &Contact) -> Checked {
    check_id("id", contact.id)?;
    optional_date("last_contacted", contact.last_contacted)?;
    optional_date("next_touch", contact.next_touch)
}

fn offer(offer: &Offer) -> Checked {
    check_id("id", offer.id)?;
    optional(offer.application.as_ref(), |id| {
        check_id("application", *id)
    })?;
    check_amount("base", offer.base)?;
    field("bonus", optional(offer.bonus.as_ref(), target_bonus))?;
    field(
        "sign_on",
        optional(offer.sign_on.as_ref(), |sign_on| {
            check_amount("amount", sign_on.amount)?;
            check_count(
                "paid_after_months",
                sign_on.paid_after_months,
                MAX_MONTHS,
                "months",
            )?;
            check_count(
                "clawback_months",
                sign_on.clawback_months,
                MAX_MONTHS,
                "months",
            )
        }),
    )?;
    field(
        "equity",
        optional(offer.equity.as_ref(), |equity| {
            check_amount("shares", equity.shares)?;
            check_amount("price", equity.price)?;
            optional_amount("value", equity.value)?;
            optional_amount("strike", equity.strike)
        }),
    )?;
    check_date("start", offer.start)?;
    optional_amount("health_monthly", offer.health_monthly)
}

fn current_job(job: &CurrentJob) -> Checked {
    check_amount("base", job.base)?;
    field("bonus", optional(job.bonus.as_ref(), target_bonus))
}

/// A bonus share is a multiple of base, not a rate: it may exceed 100%.
fn target_bonus(bonus: &TargetBonus) -> Checked {
    match bonus {
        TargetBonus::Percent(share) => check_amount("percent", *share),
        TargetBonus::Amount(amount) => check_amount("amount", *amount),
    }
}

// Now.

fn now(book: &NowBook) -> Checked {
    optional_date("resume_updated", book.resume_updated)?;
    optional_date("linkedin_updated", book.linkedin_updated)?;
    field(
        "positioning",
        optional_date("reviewed", book.positioning.reviewed),
    )?;
    list("ticks", &book.ticks, tick)?;
    list("signals", &book.signals, signal)?;
    optional_date("last_review", book.last_review)?;
    field("notice", optional(book.notice.as_ref(), layoff_notice))
}

fn tick(tick: &ManualTick) -> Checked {
    check_id("id", tick.id)?;
    check_date("date", tick.date)
}

/// A conflict names a record by id and holds values copied from the file;
/// what it settles must itself be in range, and its ids are never settled
/// (picking a value may not rename a record).
fn conflict(conflict: &Conflict) -> Checked {
    check_id("id", conflict.id)?;
    check_date("date", conflict.date)?;
    if let Target::Record(_, id) = conflict.about {
        check_id("about", id)?;
    }
    match conflict.fields.iter().position(|f| f.field == "id") {
        Some(at) => Err(BadValue {
            path: FieldPath(vec![
                Step::Field("fields"),
                Step::Index(at),
                Step::Field("field"),
            ]),
            message: "a record's id cannot be in conflict; remove this field".into(),
        }),
        None => Ok(()),
    }
}

fn signal(signal: &Signal) -> Checked {
    check_id("id", signal.id)?;
    check_date("date", signal.date)
}

fn layoff_notice(notice: &LayoffNotice) -> Checked {
    check_date("date", notice.date)?;
    if let Some(days) = notice.review_days
        && !(1..=MAX_REVIEW_DAYS).contains(&days)
    {
        return Err(BadValue::new(
            "review_days",
            format!("{days} is not from 1 to {MAX_REVIEW_DAYS} days"),
        ));
    }
    optional_date("cover_ends", notice.cover_ends)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::ItemId;
    use crate::domain::edit::{Edit, EditError};
    use crate::domain::impact::Category;
    use crate::domain::runway::CoverKind;
    use crate::domain::vesting::{CustomTranche, Rounding};
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn win(id: Id, date: NaiveDate) -> Win {
        Win {
            id,
            date,
            title: "Shipped".into(),
            category: Category::Other,
            metric: None,
            notes: None,
            tags: Vec::new(),
            link: None,
        }
    }

    fn grant(id: Id, shares: Decimal, schedule: Schedule) -> Grant {
        Grant {
            id,
            name: "RSU".into(),
            ticker: "AMZN".into(),
            shares,
            grant_date: d(2024, 3, 15),
            vest_start: d(2024, 3, 15),
            schedule,
            rounding: Rounding::HalfUp,
        }
    }

    fn path_of(wb: &Workbook) -> Option<String> {
        wb.check_ranges().err().map(|bad| bad.path.to_string())
    }

    #[test]
    fn a_default_workbook_and_the_edges_of_every_range_pass() {
        let mut wb = Workbook::default();
        assert_eq!(wb.check_ranges(), Ok(()));
        wb.next_id = MAX_ID + 1;
        wb.impact.wins = vec![win(MAX_ID, dates::EARLIEST), win(1, dates::LATEST)];
        wb.runway.withholding = Decimal::ONE;
        wb.runway.accounts = vec![Account {
            id: 2,
            name: "Debt, by hand".into(),
            balance: -MAX_AMOUNT,
            as_of: dates::LATEST,
        }];
        wb.runway.cover = vec![HealthCover {
            id: 3,
            name: "Plan".into(),
            kind: CoverKind::Marketplace,
            monthly_premium: MAX_AMOUNT,
            months: MAX_MONTHS,
            start: dates::EARLIEST,
        }];
        wb.vesting.withholding = Some(Decimal::ZERO);
        wb.vesting.grants = vec![grant(4, MAX_AMOUNT, Schedule::Amazon)];
        wb.pipeline.ghost_after_days = 365;
        assert_eq!(wb.check_ranges(), Ok(()));
    }

    #[test]
    fn each_value_outside_its_range_is_named_by_its_path() {
        type Spoil = fn(&mut Workbook);
        let cases: &[(Spoil, &str, &str)] = &[
            (
                |wb| wb.next_id = MAX_ID + 2,
                "next_id",
                "9007199254740993 is more than 9007199254740992",
            ),
            (
                |wb| wb.impact.wins = vec![win(1, d(2026, 1, 1)), win(u64::MAX, d(2026, 1, 1))],
                "impact.wins[1].id",
                "18446744073709551615 is more than the largest id, 9007199254740991",
            ),
            (
                |wb| {
                    wb.impact.wins = vec![
                        win(1, d(2026, 1, 1)),
                        win(2, d(2026, 1, 1)),
                        win(3, d(2026, 1, 1)),
                        win(4, NaiveDate::MIN),
                    ]
                },
                "impact.wins[3].date",
                "outside the dates careerbook handles (1900-01-01 to 2200-12-31)",
            ),
            (
                |wb| wb.runway.withholding = Decimal::MAX,
                "runway.withholding",
                "79228162514264337593543950335 is not a rate from 0 to 1 (0% to 100%)",
            ),
            (
                |wb| wb.runway.withholding = dec!(-0.01),
                "runway.withholding",
                "-0.01 is not a rate",
            ),
            (
                |wb| wb.runway.separation = Some(NaiveDate::MAX),
                "runway.separation",
                "outside the dates",
            ),
            (
                |wb| {
                    wb.runway.severance = Some(Severance::Estimated {
                        annual_base: dec!(100000),
                        employment_start: d(2020, 1, 1),
                        template: SeveranceTemplate::Amazon2025 {
                            weeks: dec!(-1_000_000_000_001),
                        },
                        pay_date: d(2027, 1, 1),
                    })
                },
                "runway.severance.template.weeks",
                "-1000000000001 is outside the amounts careerbook handles (at most 1,000,000,000,000 either way)",
            ),
            (
                |wb| {
                    wb.runway.benefit = Some(UnemploymentBenefit {
                        weekly_amount: dec!(450),
                        weeks: u32::MAX,
                        first_payment: d(2027, 1, 1),
                        waits_for_severance: false,
                    })
                },
                "runway.benefit.weeks",
                "4294967295 weeks is more than the 5200 careerbook handles",
            ),
            (
                |wb| {
                    wb.vesting.grants = vec![grant(
                        1,
                        dec!(100),
                        Schedule::Custom {
                            tranches: vec![
                                CustomTranche {
                                    date: d(2025, 1, 1),
                                    amount: TrancheAmount::Percent(dec!(0.5)),
                                },
                                CustomTranche {
                                    date: d(2026, 1, 1),
                                    amount: TrancheAmount::Percent(Decimal::MAX),
                                },
                            ],
                        },
                    )]
                },
                "vesting.grants[0].schedule.tranches[1].amount",
                "is not a rate",
            ),
            (
                |wb| {
                    wb.vesting.grants = vec![grant(
                        1,
                        dec!(79_000_000_000_000_000_000_000_000_000),
                        Schedule::Amazon,
                    )]
                },
                "vesting.grants[0].shares",
                "outside the amounts",
            ),
            (
                |wb| {
                    let mut app = crate::domain::pipeline::Application::new(
                        1,
                        "Acme",
                        "SRE",
                        crate::domain::pipeline::Stage::Applied,
                        d(2026, 1, 1),
                    );
                    app.stories = vec![5, u64::MAX];
                    wb.pipeline.applications = vec![app];
                },
                "pipeline.applications[0].stories[1]",
                "is more than the largest id",
            ),
            (
                |wb| wb.pipeline.ghost_after_days = 0,
                "pipeline.ghost_after_days",
                "must be between 1 and 365 days",
            ),
            (
                |wb| wb.pipeline.time_to_offer_months = u32::MAX,
                "pipeline.time_to_offer_months",
                "must be between 1 and 24 months",
            ),
            (
                |wb| {
                    wb.now.ticks = vec![ManualTick {
                        id: 1,
                        item: ItemId::Money,
                        date: d(1899, 12, 31),
                        note: "done".into(),
                    }]
                },
                "now.ticks[0].date",
                "1899-12-31 is outside",
            ),
            (
                |wb| {
                    wb.now.notice = Some(LayoffNotice {
                        date: d(2026, 11, 12),
                        review_days: Some(u32::MAX),
                        cover_ends: None,
                    })
                },
                "now.notice.review_days",
                "4294967295 is not from 1 to 180 days",
            ),
        ];
        for (spoil, path, message) in cases {
            let mut wb = Workbook::default();
            spoil(&mut wb);
            let bad = wb.check_ranges().expect_err(path);
            assert_eq!(bad.path.to_string(), *path);
            assert!(bad.message.contains(message), "{path}: {}", bad.message);
            assert!(
                bad.to_string().starts_with(&format!("in {path}: ")),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_win_dated_next_week_still_loads_next_year() {
        // Only the fixed range is checked at load, never "not after today".
        let mut wb = Workbook::default();
        wb.impact.wins = vec![win(1, d(2200, 12, 31))];
        assert_eq!(path_of(&wb), None);
    }

    #[test]
    fn an_edit_cannot_store_what_a_load_would_refuse() {
        let today = d(2026, 11, 26);
        let mut wb = Workbook::default();
        // A marketplace plan has no length limit of its own: the range check refuses
        // a 101st year under the form's own field name.
        let mut add = Edit::Add(
            HealthCover {
                id: 0,
                name: "Marketplace".into(),
                kind: CoverKind::Marketplace,
                monthly_premium: dec!(610),
                months: MAX_MONTHS + 1,
                start: d(2027, 1, 1),
            }
            .into(),
        );
        let err = add.apply(&mut wb, today).unwrap_err();
        let EditError::Invalid(invalid) = err else {
            panic!("{err:?}")
        };
        assert_eq!(invalid.field, "months");
        assert_eq!(
            invalid.message,
            "1201 months is more than the 1200 careerbook handles"
        );
        assert!(wb.runway.cover.is_empty());
        let err = Edit::set_from(&wb, Section::Separation(Some(d(2201, 1, 1))))
            .apply(&mut wb, today)
            .unwrap_err();
        assert!(
            matches!(err, EditError::Invalid(ref i) if i.field == "separation"),
            "{err:?}"
        );
        assert_eq!(wb.runway.separation, None, "the old value is put back");
        // A nested field names its path inside the record.
        let mut app = crate::domain::pipeline::Application::new(
            0,
            "Acme",
            "SRE",
            crate::domain::pipeline::Stage::Applied,
            d(2026, 1, 1),
        );
        app.follow_up = Some(d(2300, 1, 1));
        let err = Edit::Add(app.into()).apply(&mut wb, today).unwrap_err();
        assert!(
            matches!(err, EditError::Invalid(ref i) if i.field == "follow_up"),
            "{err:?}"
        );
    }
}
