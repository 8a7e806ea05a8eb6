//! What the user enters on the Runway tab, as saved in the workbook, and the
//! checks a form or the CLI runs before saving it.

use super::reference::{COBRA_MAX_MONTHS, DEFAULT_BENEFIT_WEEKS, DEFAULT_WITHHOLDING};
use crate::domain::choice::{Choice, Choices};
use crate::domain::dates::add_months;
use crate::domain::money::{format_money, round_cents};
use crate::domain::severance::{self, SeveranceInputs, SeveranceTemplate, check_amount};
use crate::domain::{Id, Invalid};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The Runway section of the workbook.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RunwayPlan {
    /// Liquid money only (checking, savings, money market).
    pub accounts: Vec<Account>,
    pub expenses: Vec<Expense>,
    /// The last day on payroll (the end of any paid notice period). The
    /// projection starts here if it is later than today; the severance
    /// estimator counts service up to it; the Vesting tab uses it as the last day.
    pub separation: Option<NaiveDate>,
    pub severance: Option<Severance>,
    pub notice: Option<NoticePay>,
    /// Effective withholding on severance and vest proceeds, as a fraction.
    pub withholding: Decimal,
    pub benefit: Option<UnemploymentBenefit>,
    pub cover: Vec<HealthCover>,
    pub other_income: Vec<OtherIncome>,
    pub one_offs: Vec<OneOff>,
    /// The "what if I start a new job" scenario.
    pub new_job: Option<NewJob>,
    /// Count net vest proceeds from the Vesting tab as income on their dates.
    pub include_vest_proceeds: bool,
    /// Whether resigning before the last day on payroll (to start a new job
    /// early) forfeits the severance; yes unless the agreement says otherwise.
    #[serde(skip_serializing_if = "is_true")]
    pub resigning_forfeits_severance: bool,
}

fn is_true(value: &bool) -> bool {
    *value
}

impl Default for RunwayPlan {
    fn default() -> Self {
        Self {
            accounts: Vec::new(),
            expenses: Vec::new(),
            separation: None,
            severance: None,
            notice: None,
            withholding: DEFAULT_WITHHOLDING,
            benefit: None,
            cover: Vec::new(),
            other_income: Vec::new(),
            one_offs: Vec::new(),
            new_job: None,
            include_vest_proceeds: true,
            resigning_forfeits_severance: true,
        }
    }
}

/// A plan that passed every check, with what checking worked out on the way,
/// so the projection reads it instead of working it out again.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedPlan<'a> {
    pub plan: &'a RunwayPlan,
    pub severance: Option<SeverancePay>,
    /// When a benefit waits for severance: the day the severance weeks run out.
    pub severance_runs_out: Option<NaiveDate>,
}

impl RunwayPlan {
    /// Every check a save must pass, item by item and then across items.
    pub fn validate(&self) -> Result<(), Invalid> {
        self.check().map(drop)
    }

    /// [`RunwayPlan::validate`], keeping the severance pay it works out.
    pub fn check(&self) -> Result<CheckedPlan<'_>, Invalid> {
        self.accounts.iter().try_for_each(Account::validate)?;
        self.expenses.iter().try_for_each(Expense::validate)?;
        severance::validate_rate(self.withholding)?;
        let severance = match &self.severance {
            Some(severance) => Some(severance.pay(self.separation, self.withholding)?),
            None => None,
        };
        if let Some(notice) = &self.notice {
            notice.validate()?;
        }
        let mut severance_runs_out = None;
        if let Some(benefit) = &self.benefit {
            benefit.validate()?;
            severance_runs_out = self.runs_out_with(severance.as_ref())?;
        }
        self.cover.iter().try_for_each(HealthCover::validate)?;
        self.other_income
            .iter()
            .try_for_each(OtherIncome::validate)?;
        self.one_offs.iter().try_for_each(OneOff::validate)?;
        if let Some(job) = &self.new_job {
            job.validate()?;
        }
        Ok(CheckedPlan {
            plan: self,
            severance,
            severance_runs_out,
        })
    }

    /// The sum of the account balances. Their as-of dates are shown to the
    /// user but not used: every balance is taken as current.
    pub fn cash(&self) -> Decimal {
        self.accounts.iter().map(|a| a.balance).sum()
    }

    /// Whether a new job starting on `start` means resigning before the last
    /// day on payroll: it starts on or before that day (the day before the
    /// start is then the last day worked). `false` without a last day.
    pub fn starts_before_last_day(&self, start: NaiveDate) -> bool {
        self.separation.is_some_and(|last| start <= last)
    }

    /// The one rule for the severance and a new job: starting it on or before
    /// the last day on payroll, when resigning forfeits the severance (as set;
    /// the default), forfeits it. The runway, the offers, the next actions
    /// and the accept dialog all ask this.
    pub fn start_forfeits_severance(&self, start: NaiveDate) -> bool {
        self.severance.is_some()
            && self.resigning_forfeits_severance
            && self.starts_before_last_day(start)
    }

    /// The day severance pay runs out, when the benefit must wait for it:
    /// `None` when the benefit does not wait or there is no severance.
    pub fn severance_runs_out(&self) -> Result<Option<NaiveDate>, Invalid> {
        if !self.waits_for_severance() || self.separation.is_none() {
            return self.runs_out_with(None);
        }
        let pay = match &self.severance {
            Some(severance) => Some(severance.pay(self.separation, self.withholding)?),
            None => None,
        };
        self.runs_out_with(pay.as_ref())
    }

    fn waits_for_severance(&self) -> bool {
        self.benefit.as_ref().is_some_and(|b| b.waits_for_severance) && self.severance.is_some()
    }

    /// [`RunwayPlan::severance_runs_out`] from the severance `pay` already worked out.
    fn runs_out_with(&self, pay: Option<&SeverancePay>) -> Result<Option<NaiveDate>, Invalid> {
        if !self.waits_for_severance() {
            return Ok(None);
        }
        let separation = self.separation.ok_or_else(|| {
            Invalid::new(
                "separation",
                "enter the last day on payroll: a benefit that waits for severance starts when the \
                 severance weeks, counted from that day, run out",
            )
        })?;
        let Some(pay) = pay else { return Ok(None) };
        let weeks = pay.weeks.ok_or_else(|| {
            Invalid::new(
                "weeks",
                "enter how many weeks of pay the severance covers, so the benefit can wait until it runs out",
            )
        })?;
        Ok(Some(runs_out(separation, weeks)))
    }
}

/// Severance weeks counted from the last day on payroll: separation + weeks × 7
/// days, a part day rounded up to a whole day.
pub fn runs_out(separation: NaiveDate, weeks: Decimal) -> NaiveDate {
    let days = (weeks * Decimal::from(7)).ceil();
    let days = u64::try_from(days).unwrap_or(u64::MAX);
    separation
        .checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

fn named(name: &str) -> Result<(), Invalid> {
    if name.trim().is_empty() {
        Err(Invalid::new("name", "enter a name"))
    } else {
        Ok(())
    }
}

fn ends_after_start(start: NaiveDate, end: NaiveDate) -> Result<(), Invalid> {
    if end < start {
        Err(Invalid::new("end", "the end date is before the start date"))
    } else {
        Ok(())
    }
}

/// A cash account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub id: Id,
    pub name: String,
    pub balance: Decimal,
    /// When the balance was read; informational only.
    pub as_of: NaiveDate,
}

impl Account {
    /// Balances are money you have; a debt (a credit card balance) is entered
    /// as a one-off cost on the day it must be paid, so it is not counted twice
    /// or netted silently against savings.
    pub fn validate(&self) -> Result<(), Invalid> {
        named(&self.name)?;
        if self.balance < Decimal::ZERO {
            return Err(Invalid::new(
                "balance",
                "cannot be negative; enter a debt as a one-off cost on the date it is due",
            ));
        }
        check_amount("balance", self.balance)
    }
}

/// A monthly spending item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expense {
    pub id: Id,
    pub name: String,
    pub monthly: Decimal,
    /// Essential spending stays in the "essentials only" runway and is never
    /// trimmed by the what-if cut.
    #[serde(default)]
    pub essential: bool,
}

impl Expense {
    pub fn validate(&self) -> Result<(), Invalid> {
        named(&self.name)?;
        check_amount("monthly", self.monthly)
    }
}

/// Severance, entered from an offer letter or estimated from a template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Severance {
    Entered {
        gross: Decimal,
        pay_date: NaiveDate,
        /// Weeks of pay the amount stands for; needed only when the benefit
        /// waits for severance to run out.
        #[serde(default)]
        weeks: Option<Decimal>,
        /// The annual base an offer in weeks was worked from (gross = weeks
        /// × base ÷ 52), kept to show that working; left out otherwise.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        annual_base: Option<Decimal>,
    },
    Estimated {
        annual_base: Decimal,
        employment_start: NaiveDate,
        template: SeveranceTemplate,
        pay_date: NaiveDate,
    },
}

/// Severance resolved to money, with its working.
#[derive(Clone, Debug, PartialEq)]
pub struct SeverancePay {
    pub gross: Decimal,
    pub net: Decimal,
    pub pay_date: NaiveDate,
    /// Weeks of pay, when known (always for an estimate).
    pub weeks: Option<Decimal>,
    /// How the gross was found, e.g. the estimator's formula line.
    pub formula: String,
}

impl Severance {
    /// An offer stated in weeks ("20 weeks"): the gross is `weeks` of
    /// `annual_base` (÷ 52), and the weeks are kept with it.
    pub fn from_weeks(
        weeks: Decimal,
        annual_base: Decimal,
        pay_date: NaiveDate,
    ) -> Result<Severance, Invalid> {
        Ok(Self::Entered {
            gross: severance::weeks_of_pay(weeks, annual_base)?,
            pay_date,
            weeks: Some(weeks),
            annual_base: Some(annual_base),
        })
    }

    pub fn pay_date(&self) -> NaiveDate {
        match self {
            Self::Entered { pay_date, .. } | Self::Estimated { pay_date, .. } => *pay_date,
        }
    }

    /// Gross and net severance. An estimate needs the separation date (service
    /// is counted up to it); net = gross × (1 − withholding), half-up to cents.
    pub fn pay(
        &self,
        separation: Option<NaiveDate>,
        withholding: Decimal,
    ) -> Result<SeverancePay, Invalid> {
        match self {
            Self::Entered {
                gross,
                pay_date,
                weeks,
                annual_base,
            } => {
                check_amount("gross", *gross)?;
                if let Some(weeks) = weeks {
                    if *weeks <= Decimal::ZERO {
                        return Err(Invalid::new("weeks", "must be more than zero"));
                    }
                    check_amount("weeks", *weeks)?;
                }
                severance::validate_rate(withholding)?;
                let gross = round_cents(*gross);
                Ok(SeverancePay {
                    gross,
                    net: round_cents(gross * (Decimal::ONE - withholding)),
                    pay_date: *pay_date,
                    weeks: *weeks,
                    formula: entered_formula(gross, *weeks, *annual_base),
                })
            }
            Self::Estimated {
                annual_base,
                employment_start,
                template,
                pay_date,
            } => {
                let separation = separation.ok_or_else(|| {
                    Invalid::new(
                        "separation",
                        "enter the last day on payroll to estimate severance",
                    )
                })?;
                let estimate = severance::estimate(&SeveranceInputs {
                    annual_base: *annual_base,
                    employment_start: *employment_start,
                    separation,
                    template: template.clone(),
                    withholding,
                })?;
                Ok(SeverancePay {
                    gross: estimate.gross,
                    net: estimate.net,
                    pay_date: *pay_date,
                    weeks: Some(estimate.weeks),
                    formula: estimate.formula,
                })
            }
        }
    }
}

/// How an entered gross came about: worked from weeks of the annual base
/// when it was given that way, else as typed.
fn entered_formula(gross: Decimal, weeks: Option<Decimal>, base: Option<Decimal>) -> String {
    match (weeks, base) {
        (Some(weeks), Some(base)) => format!(
            "{} weeks × {} a year ÷ 52 = {}",
            weeks.normalize(),
            format_money(base),
            format_money(gross)
        ),
        (Some(weeks), None) => format!(
            "{} as entered, for {} weeks of pay",
            format_money(gross),
            weeks.normalize()
        ),
        (None, _) => format!("{} as entered", format_money(gross)),
    }
}

/// A paid notice period: salary continues, usually without work, until the
/// separation date (Google 2023: at least 60 days; Amazon 2025: 90 days).
///
/// The user enters the net monthly pay from a payslip: regular salary is
/// withheld by the W-4 tables, not the flat supplemental rate, and pre-tax
/// deductions vary, so only the payslip knows what actually lands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticePay {
    /// First day of the notice period.
    pub start: NaiveDate,
    /// Last day paid, inclusive (normally the separation date).
    pub end: NaiveDate,
    pub monthly_net: Decimal,
}

impl NoticePay {
    pub fn validate(&self) -> Result<(), Invalid> {
        check_amount("monthly_net", self.monthly_net)?;
        ends_after_start(self.start, self.end)
    }

    /// Days in the notice period, both ends included.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

/// Unemployment insurance, paid weekly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnemploymentBenefit {
    pub weekly_amount: Decimal,
    #[serde(default = "default_benefit_weeks")]
    pub weeks: u32,
    pub first_payment: NaiveDate,
    /// Some states (NY, TX) pay nothing while severance is being paid: the
    /// first payment then moves to the day severance runs out, if later.
    #[serde(default)]
    pub waits_for_severance: bool,
}

fn default_benefit_weeks() -> u32 {
    DEFAULT_BENEFIT_WEEKS
}

impl UnemploymentBenefit {
    pub fn validate(&self) -> Result<(), Invalid> {
        check_amount("weekly_amount", self.weekly_amount)?;
        if self.weeks == 0 {
            return Err(Invalid::new("weeks", "enter at least one week"));
        }
        Ok(())
    }

    /// The first payment, moved to the day severance runs out when it waits.
    pub fn first_paid(&self, severance_runs_out: Option<NaiveDate>) -> NaiveDate {
        match severance_runs_out {
            Some(day) if self.waits_for_severance => self.first_payment.max(day),
            _ => self.first_payment,
        }
    }

    /// Payment dates: weekly from the first, `weeks` of them, none on or after `until`.
    pub fn payment_dates(&self, first: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
        (0..u64::from(self.weeks))
            .map_while(|week| first.checked_add_days(Days::new(week * 7)))
            .take_while(|date| *date < until)
            .collect()
    }

    /// The day of the last payment.
    pub fn last_payment(&self, first: NaiveDate) -> NaiveDate {
        let week = u64::from(self.weeks.saturating_sub(1));
        first
            .checked_add_days(Days::new(week * 7))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// What kind of health cover follows the job.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverKind {
    /// Continuing the employer's plan: at most 18 months.
    Cobra,
    /// An ACA marketplace or other individual plan: no fixed limit.
    Marketplace,
}

impl CoverKind {
    pub const ALL: [Self; 2] = [Self::Cobra, Self::Marketplace];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Cobra => "COBRA",
            Self::Marketplace => "Marketplace plan",
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Self::Cobra => "cobra",
            Self::Marketplace => "marketplace",
        }
    }
}

impl FromStr for CoverKind {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, String> {
        Self::CHOICES.parse(input)
    }
}

impl Choice for CoverKind {
    const CHOICES: Choices<Self> = Choices {
        what: "kind of cover",
        all: &Self::ALL,
        key: Self::key,
        label: Self::label,
        synonyms: &[],
    };
}

impl fmt::Display for CoverKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Health cover after the job: a premium on the start date and then on the
/// same day of each following month, `months` premiums in all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthCover {
    pub id: Id,
    pub name: String,
    pub kind: CoverKind,
    pub monthly_premium: Decimal,
    pub months: u32,
    pub start: NaiveDate,
}

impl HealthCover {
    pub fn validate(&self) -> Result<(), Invalid> {
        named(&self.name)?;
        check_amount("monthly_premium", self.monthly_premium)?;
        if self.months == 0 {
            return Err(Invalid::new("months", "enter at least one month"));
        }
        if self.kind == CoverKind::Cobra && self.months > COBRA_MAX_MONTHS {
            return Err(Invalid::new(
                "months",
                format!(
                    "COBRA lasts at most {COBRA_MAX_MONTHS} months; add a marketplace plan for the rest"
                ),
            ));
        }
        Ok(())
    }

    /// The day cover stops: `months` after the start.
    pub fn ends(&self) -> NaiveDate {
        add_months(self.start, self.months)
    }
}

/// Recurring income other than the job: a partner's pay, freelance work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherIncome {
    pub id: Id,
    pub name: String,
    pub monthly_net: Decimal,
    pub start: NaiveDate,
    /// Last day it is received, inclusive; `None` for open-ended.
    #[serde(default)]
    pub end: Option<NaiveDate>,
}

impl OtherIncome {
    pub fn validate(&self) -> Result<(), Invalid> {
        named(&self.name)?;
        check_amount("monthly_net", self.monthly_net)?;
        match self.end {
            Some(end) => ends_after_start(self.start, end),
            None => Ok(()),
        }
    }
}

/// Whether a one-off item takes money out or brings it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OneOffKind {
    /// A debt to pay off, a move, a course.
    Cost,
    /// A final paycheck, accrued vacation paid out, a tax refund, a sale.
    Income,
}

impl OneOffKind {
    pub const ALL: [Self; 2] = [Self::Cost, Self::Income];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Cost => "Cost",
            Self::Income => "Income",
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Self::Cost => "cost",
            Self::Income => "income",
        }
    }
}

impl FromStr for OneOffKind {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, String> {
        Self::CHOICES.parse(input)
    }
}

impl Choice for OneOffKind {
    const CHOICES: Choices<Self> = Choices {
        what: "one-off kind",
        all: &Self::ALL,
        key: Self::key,
        label: Self::label,
        synonyms: &[],
    };
}

impl fmt::Display for OneOffKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A single dated amount, in or out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OneOff {
    pub id: Id,
    pub name: String,
    pub kind: OneOffKind,
    /// Always entered as a positive amount; `kind` gives the direction.
    pub amount: Decimal,
    pub date: NaiveDate,
}

impl OneOff {
    pub fn validate(&self) -> Result<(), Invalid> {
        named(&self.name)?;
        check_amount("amount", self.amount)
    }
}

/// The scenario of starting a new job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewJob {
    pub start: NaiveDate,
    pub monthly_net: Decimal,
    /// The offer this job was accepted from (`careerbook offer accept`, A on
    /// the Offers view): saving that offer's start or pay keeps this in step.
    /// Older files have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Id>,
}

impl NewJob {
    pub fn validate(&self) -> Result<(), Invalid> {
        check_amount("monthly_net", self.monthly_net)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// A plan holding every kind of record.
    fn full_plan() -> RunwayPlan {
        RunwayPlan {
            accounts: vec![
                Account {
                    id: 1,
                    name: "Checking".into(),
                    balance: dec!(8000.00),
                    as_of: d(2026, 11, 20),
                },
                Account {
                    id: 2,
                    name: "High-yield savings".into(),
                    balance: dec!(52000.00),
                    as_of: d(2026, 11, 1),
                },
            ],
            expenses: vec![
                Expense {
                    id: 3,
                    name: "Rent".into(),
                    monthly: dec!(3200),
                    essential: true,
                },
                Expense {
                    id: 4,
                    name: "Eating out".into(),
                    monthly: dec!(450.50),
                    essential: false,
                },
            ],
            separation: Some(d(2027, 1, 31)),
            severance: Some(Severance::Estimated {
                annual_base: dec!(160000),
                employment_start: d(2019, 3, 1),
                template: SeveranceTemplate::Generic {
                    base_weeks: dec!(2),
                    weeks_per_year: dec!(1),
                    min_weeks: dec!(4),
                    cap_weeks: Some(dec!(26)),
                    pro_rata_partial_years: true,
                },
                pay_date: d(2027, 2, 14),
            }),
            notice: Some(NoticePay {
                start: d(2026, 12, 2),
                end: d(2027, 1, 31),
                monthly_net: dec!(8100),
            }),
            withholding: dec!(0.3465),
            benefit: Some(UnemploymentBenefit {
                weekly_amount: dec!(450),
                weeks: 26,
                first_payment: d(2027, 2, 12),
                waits_for_severance: true,
            }),
            cover: vec![
                HealthCover {
                    id: 5,
                    name: "COBRA single".into(),
                    kind: CoverKind::Cobra,
                    monthly_premium: dec!(792.63),
                    months: 18,
                    start: d(2027, 2, 1),
                },
                HealthCover {
                    id: 6,
                    name: "Marketplace silver".into(),
                    kind: CoverKind::Marketplace,
                    monthly_premium: dec!(610),
                    months: 24,
                    start: d(2028, 8, 1),
                },
            ],
            other_income: vec![
                OtherIncome {
                    id: 7,
                    name: "Partner".into(),
                    monthly_net: dec!(3000),
                    start: d(2026, 1, 1),
                    end: None,
                },
                OtherIncome {
                    id: 8,
                    name: "Freelance".into(),
                    monthly_net: dec!(1200),
                    start: d(2027, 3, 1),
                    end: Some(d(2027, 6, 30)),
                },
            ],
            one_offs: vec![
                OneOff {
                    id: 9,
                    name: "Credit card".into(),
                    kind: OneOffKind::Cost,
                    amount: dec!(2400),
                    date: d(2027, 2, 20),
                },
                OneOff {
                    id: 10,
                    name: "PTO payout".into(),
                    kind: OneOffKind::Income,
                    amount: dec!(3500),
                    date: d(2027, 2, 7),
                },
            ],
            new_job: Some(NewJob {
                start: d(2027, 9, 1),
                monthly_net: dec!(9500),
                offer: None,
            }),
            include_vest_proceeds: false,
            resigning_forfeits_severance: false,
        }
    }

    #[test]
    fn full_plan_is_valid_and_survives_a_ron_round_trip() {
        let plan = full_plan();
        assert_eq!(plan.validate(), Ok(()));
        let text = ron::to_string(&plan).expect("serializes");
        let back: RunwayPlan = ron::from_str(&text).expect("parses");
        assert_eq!(back, plan);
        // The other severance variant too.
        let entered = RunwayPlan {
            severance: Some(Severance::Entered {
                gross: dec!(40000),
                pay_date: d(2027, 2, 14),
                weeks: Some(dec!(13)),
                annual_base: None,
            }),
            ..full_plan()
        };
        let text = ron::to_string(&entered).expect("serializes");
        assert_eq!(ron::from_str::<RunwayPlan>(&text).expect("parses"), entered);
    }

    #[test]
    fn missing_fields_take_their_defaults() {
        let plan: RunwayPlan = ron::from_str("()").expect("parses");
        assert_eq!(plan, RunwayPlan::default());
        // Defaults: 22% + 7.65% withholding, vest proceeds counted.
        assert_eq!(plan.withholding, dec!(0.2965));
        assert!(plan.include_vest_proceeds);
        let benefit: UnemploymentBenefit =
            ron::from_str(r#"(weekly_amount: "450", first_payment: "2027-02-12")"#)
                .expect("parses");
        assert_eq!(benefit.weeks, 26);
        assert!(!benefit.waits_for_severance);
    }

    #[test]
    fn unknown_fields_are_rejected() {
        assert!(ron::from_str::<RunwayPlan>("(savings: [])").is_err());
        let account =
            r#"(accounts: [(id: 1, name: "A", balance: "1", as_of: "2026-01-01", bank: "X")])"#;
        assert!(ron::from_str::<RunwayPlan>(account).is_err());
        let severance =
            r#"(severance: Some(entered(gross: "1", pay_date: "2026-01-01", bonus: "2")))"#;
        assert!(ron::from_str::<RunwayPlan>(severance).is_err());
        let fine = r#"(severance: Some(entered(gross: "1", pay_date: "2026-01-01")))"#;
        assert!(ron::from_str::<RunwayPlan>(fine).is_ok());
    }

    fn field(plan: RunwayPlan) -> Result<(), &'static str> {
        plan.validate().map_err(|e| e.field)
    }

    #[test]
    fn rejects_amounts_that_cannot_be_negative() {
        let mut plan = full_plan();
        plan.accounts[0].balance = dec!(-1200);
        assert_eq!(field(plan), Err("balance"));
        let mut plan = full_plan();
        plan.accounts[0].balance = dec!(2_000_000_000_000);
        assert_eq!(field(plan), Err("balance"));
        let mut plan = full_plan();
        plan.expenses[0].monthly = dec!(-1);
        assert_eq!(field(plan), Err("monthly"));
        let mut plan = full_plan();
        plan.cover[0].monthly_premium = dec!(-792.63);
        assert_eq!(field(plan), Err("monthly_premium"));
        let mut plan = full_plan();
        if let Some(b) = plan.benefit.as_mut() {
            b.weekly_amount = dec!(-450);
        }
        assert_eq!(field(plan), Err("weekly_amount"));
        let mut plan = full_plan();
        plan.one_offs[0].amount = dec!(-5);
        assert_eq!(field(plan), Err("amount"));
        let mut plan = full_plan();
        plan.other_income[0].monthly_net = dec!(-5);
        assert_eq!(field(plan), Err("monthly_net"));
    }

    #[test]
    fn negative_balance_message_points_to_one_off_costs() {
        let account = Account {
            id: 1,
            name: "Card".into(),
            balance: dec!(-300),
            as_of: d(2026, 1, 1),
        };
        let err = account.validate().unwrap_err();
        assert!(err.message.contains("one-off cost"), "{err}");
    }

    #[test]
    fn rejects_impossible_dates_counts_and_rates() {
        let mut plan = full_plan();
        plan.other_income[1].end = Some(d(2027, 2, 28));
        assert_eq!(field(plan), Err("end"));
        let mut plan = full_plan();
        plan.notice = Some(NoticePay {
            start: d(2027, 1, 31),
            end: d(2026, 12, 2),
            monthly_net: dec!(1),
        });
        assert_eq!(field(plan), Err("end"));
        let mut plan = full_plan();
        if let Some(b) = plan.benefit.as_mut() {
            b.weeks = 0;
        }
        assert_eq!(field(plan), Err("weeks"));
        let mut plan = full_plan();
        plan.cover[0].months = 19;
        assert_eq!(field(plan), Err("months"));
        let mut plan = full_plan();
        plan.cover[1].months = 0;
        assert_eq!(field(plan), Err("months"));
        let mut plan = full_plan();
        plan.withholding = dec!(1.2);
        assert_eq!(field(plan), Err("withholding"));
        let mut plan = full_plan();
        plan.withholding = dec!(-0.01);
        assert_eq!(field(plan), Err("withholding"));
        let mut plan = full_plan();
        plan.expenses[1].name = "  ".into();
        assert_eq!(field(plan), Err("name"));
    }

    #[test]
    fn marketplace_cover_may_run_past_eighteen_months() {
        let mut plan = full_plan();
        plan.cover[1].months = 36;
        assert_eq!(plan.validate(), Ok(()));
    }

    #[test]
    fn severance_estimate_needs_its_inputs() {
        let mut plan = full_plan();
        plan.separation = None;
        assert_eq!(field(plan), Err("separation"));
        let mut plan = full_plan();
        plan.separation = Some(d(2018, 12, 31));
        assert_eq!(field(plan), Err("separation"));
        let mut plan = full_plan();
        if let Some(Severance::Estimated { annual_base, .. }) = plan.severance.as_mut() {
            *annual_base = Decimal::ZERO;
        }
        assert_eq!(field(plan), Err("annual_base"));
    }

    #[test]
    fn a_benefit_waiting_for_entered_severance_needs_its_weeks() {
        let mut plan = full_plan();
        plan.severance = Some(Severance::Entered {
            gross: dec!(40000),
            pay_date: d(2027, 2, 14),
            weeks: None,
            annual_base: None,
        });
        assert_eq!(field(plan.clone()), Err("weeks"));
        // Not waiting: the weeks are not needed.
        if let Some(b) = plan.benefit.as_mut() {
            b.waits_for_severance = false;
        }
        assert_eq!(plan.validate(), Ok(()));
    }

    #[test]
    fn severance_runs_out_weeks_after_the_last_day_on_payroll() {
        // 13 weeks × 7 = 91 days after 2027-01-31 → 2027-05-02.
        assert_eq!(runs_out(d(2027, 1, 31), dec!(13)), d(2027, 5, 2));
        // 7.5 weeks × 7 = 52.5 days → rounded up to 53: 2027-01-31 + 53 days = 2027-03-25.
        assert_eq!(runs_out(d(2027, 1, 31), dec!(7.5)), d(2027, 3, 25));
    }

    #[test]
    fn entered_severance_is_rounded_half_up_after_withholding() {
        // 10,030.00 × (1 − 0.2965) = 10,030 × 0.7035 = 7,056.105 → half-up $7,056.11
        // (banker's rounding would give $7,056.10).
        let severance = Severance::Entered {
            gross: dec!(10030),
            pay_date: d(2027, 2, 14),
            weeks: None,
            annual_base: None,
        };
        let pay = severance.pay(None, dec!(0.2965)).expect("valid");
        assert_eq!(pay.net, dec!(7056.11));
        assert_eq!(pay.formula, "$10,030.00 as entered");
    }

    #[test]
    fn an_offer_in_weeks_shows_its_working_not_as_entered() {
        // 12 × 190,000 = 2,280,000; ÷ 52 = 43,846.153… → $43,846.15.
        let severance =
            Severance::from_weeks(dec!(12), dec!(190000), d(2027, 2, 9)).expect("valid");
        let pay = severance.pay(None, dec!(0.2965)).expect("valid");
        assert_eq!(pay.gross, dec!(43846.15));
        assert_eq!(
            pay.formula,
            "12 weeks × $190,000.00 a year ÷ 52 = $43,846.15"
        );
        // An amount with the weeks it stands for, but no base: as entered.
        let typed = Severance::Entered {
            gross: dec!(43846.15),
            pay_date: d(2027, 2, 9),
            weeks: Some(dec!(12)),
            annual_base: None,
        };
        assert_eq!(
            typed.pay(None, dec!(0.2965)).expect("valid").formula,
            "$43,846.15 as entered, for 12 weeks of pay"
        );
    }

    #[test]
    fn kinds_parse_loosely() {
        assert_eq!("cobra".parse(), Ok(CoverKind::Cobra));
        assert_eq!("Marketplace plan".parse(), Ok(CoverKind::Marketplace));
        assert_eq!(" COST ".parse(), Ok(OneOffKind::Cost));
        let err = "gift".parse::<OneOffKind>().unwrap_err();
        assert!(err.contains("cost, income"), "{err}");
    }
}
