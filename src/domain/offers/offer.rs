//! What is stored about a job offer and about the current job it is weighed
//! against, with the checks a command or form runs before saving either.

use crate::domain::choice::{Choice, Choices};
use crate::domain::dates;
use crate::domain::money::{MAX_AMOUNT, format_money, format_percent, round_cents};
use crate::domain::vesting::{
    CustomTranche, Grant, Rounding, Schedule, SignOnBonus, TrancheAmount,
};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, Invalid};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A job offer: pay, sign-on, equity and start date. An offer may answer an
/// application in the pipeline or stand alone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    pub id: Id,
    pub company: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The application this offer answers. A link to an application deleted
    /// since is kept (and shown as a bare `#id`), never an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<Id>,
    /// Annual base salary.
    pub base: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<TargetBonus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_on: Option<OfferSignOn>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equity: Option<OfferEquity>,
    /// The first day at the new job; years 1–4 count from it.
    pub start: NaiveDate,
    /// How much more a month the offer's health plan costs you than your
    /// current one (negative when it costs less).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_monthly: Option<Decimal>,
}

/// A target bonus: a share of base (`0.1` is 10%) or a fixed yearly amount.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetBonus {
    Percent(Decimal),
    Amount(Decimal),
}

/// A sign-on bonus in an offer. Its date moves with the start date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferSignOn {
    pub amount: Decimal,
    /// Whole months after the start it is paid: 0 is with the first paycheck,
    /// 12 a year later (a "year-2" sign-on).
    #[serde(default)]
    pub paid_after_months: u32,
    /// Leaving within this many months of payment repays it (0: never).
    #[serde(default)]
    pub clawback_months: u32,
    /// Repay only the share of the term not served.
    #[serde(default)]
    pub prorated: bool,
}

/// Equity in an offer: shares (RSUs) or options, vesting from the start date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferEquity {
    /// Shares, or options, granted.
    pub shares: Decimal,
    /// The price per share you value them at.
    pub price: Decimal,
    /// The dollar value as offered, when the shares were worked out from it at `price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    /// Options only: the strike price. Each option is valued at price − strike
    /// (never below zero) and is illiquid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strike: Option<Decimal>,
    pub schedule: OfferSchedule,
}

/// How an offer's grant vests, counted from the start date: the Vesting tab's
/// templates, plus `annual` (25% on each of the first four anniversaries).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferSchedule {
    Annual,
    Amazon,
    CliffMonthly,
    CliffQuarterly,
    MetaQuarterly,
    Google,
}

/// The job you have now, as the "Stay" column counts it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrentJob {
    /// Annual base salary.
    pub base: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<TargetBonus>,
}

/// The highest target bonus accepted, as a share of base: 1000%.
const MAX_BONUS_SHARE: Decimal = Decimal::TEN;

impl TargetBonus {
    /// The yearly bonus at target for `base`, half-up to cents.
    pub fn yearly(&self, base: Decimal) -> Decimal {
        match self {
            Self::Percent(share) => round_cents(base * share),
            Self::Amount(amount) => *amount,
        }
    }

    /// `10% of base = $20,000.00` or `$15,000.00 a year`.
    pub fn describe(&self, base: Decimal) -> String {
        match self {
            Self::Percent(share) => format!(
                "{} of base = {}",
                format_percent(*share),
                format_money(self.yearly(base))
            ),
            Self::Amount(amount) => format!("{} a year", format_money(*amount)),
        }
    }

    /// A bonus entered as a percentage, in percentage points (`"10"`) as the
    /// JSON reports give it; `None` for a fixed amount.
    pub fn percent_points(&self) -> Option<String> {
        match self {
            Self::Percent(share) => Some((share * Decimal::ONE_HUNDRED).normalize().to_string()),
            Self::Amount(_) => None,
        }
    }

    fn validate(&self) -> Result<(), Invalid> {
        match *self {
            Self::Percent(share) if share <= Decimal::ZERO || share > MAX_BONUS_SHARE => {
                Err(Invalid::new(
                    "bonus",
                    "a bonus percentage is more than 0% and at most 1000%",
                ))
            }
            Self::Percent(_) => Ok(()),
            Self::Amount(amount) => positive("bonus", amount, "a bonus"),
        }
    }
}

/// Base plus the target bonus: the yearly pay a day's share is taken from.
fn yearly_pay(base: Decimal, bonus: Option<&TargetBonus>) -> Decimal {
    base + bonus.map_or(Decimal::ZERO, |b| b.yearly(base))
}

impl Offer {
    /// Checks what a command or form would save, naming the field at fault.
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.company.trim().is_empty() {
            return Err(Invalid::new("company", "enter the company"));
        }
        if self.role.as_ref().is_some_and(|r| r.trim().is_empty()) {
            return Err(Invalid::new("role", "enter the role, or leave it out"));
        }
        positive("base", self.base, "a base salary")?;
        if let Some(bonus) = &self.bonus {
            bonus.validate()?;
        }
        if let Some(sign_on) = &self.sign_on {
            sign_on.validate()?;
        }
        if let Some(equity) = &self.equity {
            equity.validate()?;
        }
        if let Some(health) = self.health_monthly
            && health.abs() > MAX_AMOUNT
        {
            return Err(Invalid::new(
                "health_monthly",
                "is larger than any health premium; check the number",
            ));
        }
        dates::in_range(self.start)
            .map(drop)
            .map_err(|message| Invalid::new("start", message))
    }

    /// A start date as typed for an offer: from a year before `today` (an
    /// offer recorded late) to the last date careerbook handles. Checked
    /// where a start is given, not on every save: an offer's start only ages.
    pub fn check_start(start: NaiveDate, today: NaiveDate) -> Result<NaiveDate, Invalid> {
        let earliest = today
            .checked_sub_months(chrono::Months::new(12))
            .unwrap_or(dates::EARLIEST);
        if start < earliest {
            return Err(Invalid::new(
                "start",
                format!(
                    "{start} is more than a year ago: enter a start from {earliest} (a year \
                     before today) to {}",
                    dates::LATEST
                ),
            ));
        }
        Ok(start)
    }

    /// The yearly pay at target: base plus the target bonus.
    pub fn yearly_pay(&self) -> Decimal {
        yearly_pay(self.base, self.bonus.as_ref())
    }

    /// "Company" or "Company — Role".
    pub fn title(&self) -> String {
        match &self.role {
            Some(role) => format!("{} — {role}", self.company),
            None => self.company.clone(),
        }
    }
}

impl OfferSignOn {
    /// The day it is paid when the job starts on `start`.
    pub fn paid_on(&self, start: NaiveDate) -> NaiveDate {
        dates::add_months(start, self.paid_after_months)
    }

    /// The same bonus as the Vesting tab keeps a sign-on, so its clawback is
    /// worked out by the one rule ([`SignOnBonus::repayment`]).
    pub fn as_bonus(&self, name: &str, start: NaiveDate) -> SignOnBonus {
        SignOnBonus {
            id: 0,
            name: name.to_string(),
            gross: self.amount,
            paid: self.paid_on(start),
            clawback_months: self.clawback_months,
            prorated: self.prorated,
            waived_if_eliminated: false,
        }
    }

    fn validate(&self) -> Result<(), Invalid> {
        positive("sign_on", self.amount, "a sign-on bonus")?;
        if self.prorated && self.clawback_months == 0 {
            return Err(Invalid::new(
                "clawback_months",
                "a prorated clawback needs a term of at least one month",
            ));
        }
        Ok(())
    }
}

impl OfferEquity {
    /// Whether these are options (a strike price is set).
    pub fn is_options(&self) -> bool {
        self.strike.is_some()
    }

    /// What one vested share or option is worth: the price, or for an option
    /// price − strike, never below zero (an option under water is not exercised).
    pub fn unit_value(&self) -> Decimal {
        match self.strike {
            Some(strike) => (self.price - strike).max(Decimal::ZERO),
            None => self.price,
        }
    }

    /// The grant as the vesting engine sees it when the job starts on `start`:
    /// granted and vesting from the start, rounding half-up, so an offer's
    /// vests are worked out exactly as the Vesting tab's.
    pub fn grant(&self, name: &str, start: NaiveDate) -> Grant {
        Grant {
            id: 0,
            name: name.to_string(),
            ticker: "OFFER".into(),
            shares: self.shares,
            grant_date: start,
            vest_start: start,
            schedule: self.schedule.vesting_schedule(start),
            rounding: Rounding::HalfUp,
        }
    }

    /// A grant offered as a dollar `value`, in whole shares at `price`,
    /// rounded down as grants are.
    pub fn whole_shares(value: Decimal, price: Decimal) -> Result<Decimal, Invalid> {
        positive("price", price, "a share price")?;
        let shares = (value / price).floor();
        if shares.is_zero() {
            return Err(Invalid::new(
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

    fn validate(&self) -> Result<(), Invalid> {
        // Shares worked out from a dollar value are that value's to answer for.
        let shares_from = match self.value {
            Some(value) => {
                positive("equity_value", value, "an equity value")?;
                "equity_value"
            }
            None => "shares",
        };
        positive(shares_from, self.shares, "a share count")?;
        positive("price", self.price, "a share price")?;
        match self.strike {
            Some(strike) if strike < Decimal::ZERO || strike > MAX_AMOUNT => Err(Invalid::new(
                "strike",
                "a strike price is from 0 up to the largest amount careerbook handles",
            )),
            _ => Ok(()),
        }
    }
}

impl OfferSchedule {
    pub const ALL: [Self; 6] = [
        Self::Annual,
        Self::Amazon,
        Self::CliffMonthly,
        Self::CliffQuarterly,
        Self::MetaQuarterly,
        Self::Google,
    ];

    /// The word a command takes: the Vesting tab's template keys, plus `annual`.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Annual => "annual",
            Self::Amazon => "amazon",
            Self::CliffMonthly => "cliff_monthly",
            Self::CliffQuarterly => "cliff_quarterly",
            Self::MetaQuarterly => "meta_quarterly",
            Self::Google => "google",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Self::Annual => "25% on each of the first four anniversaries",
            Self::Amazon => "Amazon 5/15/40/40",
            Self::CliffMonthly => "4 years, 1-year cliff, then monthly",
            Self::CliffQuarterly => "4 years, 1-year cliff, then quarterly",
            Self::MetaQuarterly => "Meta-style quarterly (Feb/May/Aug/Nov 15)",
            Self::Google => "Google-style 33/33/22/12 monthly",
        }
    }

    /// Reads a schedule as people type it (`cliff-monthly`, `Annual`); custom
    /// dates are refused, since they would not move with the start date.
    pub fn parse(input: &str) -> Result<Self, String> {
        if crate::domain::choice::squash(input).starts_with("custom") {
            return Err(format!(
                "custom vest dates are not available for offers yet (choose one of: {})",
                Self::ALL.map(|s| s.key()).join(", ")
            ));
        }
        Self::CHOICES.parse(input)
    }

    /// The vesting engine's schedule for a grant vesting from `start`.
    /// `annual` is four custom tranches of 25% on the anniversaries, so the
    /// engine's cumulative rounding applies to it too.
    pub fn vesting_schedule(&self, start: NaiveDate) -> Schedule {
        match self {
            Self::Annual => Schedule::Custom {
                tranches: (1..=4)
                    .map(|year| CustomTranche {
                        date: dates::add_months(start, 12 * year),
                        amount: TrancheAmount::Percent(Decimal::new(25, 2)),
                    })
                    .collect(),
            },
            Self::Amazon => Schedule::Amazon,
            Self::CliffMonthly => Schedule::CliffMonthly,
            Self::CliffQuarterly => Schedule::CliffQuarterly,
            Self::MetaQuarterly => Schedule::MetaQuarterly { first_vest: None },
            Self::Google => Schedule::Google,
        }
    }
}

impl Choice for OfferSchedule {
    const CHOICES: Choices<Self> = Choices {
        what: "schedule",
        all: &Self::ALL,
        key: Self::key,
        label: Self::label,
        synonyms: &[
            ("meta", Self::MetaQuarterly),
            ("quarterly", Self::MetaQuarterly),
            ("yearly", Self::Annual),
            ("cliff", Self::CliffMonthly),
        ],
    };
}

impl CurrentJob {
    pub fn validate(&self) -> Result<(), Invalid> {
        positive("base", self.base, "a base salary")?;
        match &self.bonus {
            Some(bonus) => bonus.validate(),
            None => Ok(()),
        }
    }

    /// The yearly pay at target: base plus the target bonus.
    pub fn yearly_pay(&self) -> Decimal {
        yearly_pay(self.base, self.bonus.as_ref())
    }
}

/// Offer `id`, or an error naming the id.
pub fn find(wb: &Workbook, id: Id) -> Result<&Offer, Invalid> {
    wb.pipeline
        .offer(id)
        .ok_or_else(|| Invalid::new("id", format!("there is no offer #{id}")))
}

/// More than zero and at most [`MAX_AMOUNT`].
fn positive(field: &'static str, amount: Decimal, what: &str) -> Result<(), Invalid> {
    if amount <= Decimal::ZERO {
        return Err(Invalid::new(
            field,
            format!("{what} must be more than zero"),
        ));
    }
    if amount > MAX_AMOUNT {
        return Err(Invalid::new(
            field,
            format!("{what} this large is beyond what careerbook handles; check the number"),
        ));
    }
    Ok(())
}
