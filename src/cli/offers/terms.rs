//! The terms `offer add` and `offer edit` take, read into typed changes
//! before the workbook is opened, and written into an offer.

use super::{amount, amount_or_none, bad};
use crate::cli::Failure;
use crate::domain::Id;
use crate::domain::money::{parse_percent, parse_shares};
use crate::domain::offers::{Offer, OfferEquity, OfferSchedule, OfferSignOn, TargetBonus};
use rust_decimal::Decimal;

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

/// A target bonus from `--bonus-pct` or `--bonus`; `Some(None)` for 0.
pub(super) fn bonus(
    pct: Option<&str>,
    fixed: Option<&str>,
) -> Result<Option<Option<TargetBonus>>, Failure> {
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
pub(super) struct Changes {
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
    pub(super) fn read(terms: &Terms) -> Result<Self, Failure> {
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
                .map(|s| {
                    parse_shares(s)
                        .map(|n| (!n.is_zero()).then_some(n))
                        .map_err(|m| bad("shares", m))
                })
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

    /// Whether `--application ID` was given (not `none`, not left out).
    pub(super) fn links_application(&self) -> bool {
        matches!(self.application, Some(Some(_)))
    }

    /// Writes the changes into `offer`, refusing combinations that leave the
    /// equity or sign-on half described.
    pub(super) fn apply(&self, offer: &mut Offer) -> Result<(), Failure> {
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
            (None, Some(value)) => {
                OfferEquity::whole_shares(value, price).map_err(super::refused)?
            }
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
