//! Bonuses and what a last day does to them: a sign-on bonus that must be paid
//! back if you leave within its term, and bonuses that need you employed on a date.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

use super::{MAX_AMOUNT, share_of, validate_name};
use crate::domain::choice::{Choice, Choices};
use crate::domain::money::{format_money, round_cents};
use crate::domain::{Id, Invalid, dates};

/// A sign-on bonus paid up front, repayable if you leave within `clawback_months`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOnBonus {
    pub id: Id,
    pub name: String,
    /// The gross amount paid; a clawback repays (part of) the gross.
    pub gross: Decimal,
    pub paid: NaiveDate,
    /// The clawback term in months from the paid date; 0 means no clawback.
    #[serde(default)]
    pub clawback_months: u32,
    /// Repay only the share of the term not served; otherwise repay all within the term.
    #[serde(default)]
    pub prorated: bool,
    /// The employer waives the clawback when the role is eliminated.
    #[serde(default)]
    pub waived_if_eliminated: bool,
}

/// A bonus paid only if you are still employed on a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedBonus {
    pub id: Id,
    pub name: String,
    pub gross: Decimal,
    pub kind: BonusKind,
    /// The last day must be on or after this date to receive the bonus.
    pub must_be_employed_on: NaiveDate,
    /// When it is paid, if known (for the calendar and the user's notes).
    #[serde(default)]
    pub pay_date: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BonusKind {
    Annual,
    Retention,
    Other,
}

/// What a last day does to a bonus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BonusStatus {
    /// Received and yours to keep (including a clawback that is waived).
    Kept,
    /// Never received: the last day comes before the bonus.
    Missed,
    /// Received, but (part of) it must be repaid.
    Clawback,
}

/// Which list a bonus outcome came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BonusSource {
    SignOn,
    Dated(BonusKind),
}

/// One bonus under a given last day.
#[derive(Clone, Debug, PartialEq)]
pub struct BonusOutcome {
    pub id: Id,
    pub name: String,
    pub source: BonusSource,
    pub status: BonusStatus,
    /// Kept: the gross kept. Missed: the gross not received. Clawback: the repayment owed.
    pub amount: Decimal,
    /// Kept only because the clawback is waived for an eliminated role.
    pub waived: bool,
    /// Sign-on with a clawback only: full months served (at most the term), and the term.
    pub months_served: Option<u32>,
    pub clawback_months: Option<u32>,
}

impl SignOnBonus {
    /// Full months served from the paid date to the last day. A month counts
    /// once its anniversary is reached on or before the last day: paid Jan 15,
    /// leaving Aug 15 is 7 months, leaving Aug 14 is 6. Anniversaries clamp at
    /// month ends (paid Jan 31: the first is Feb 28).
    pub fn months_served(&self, last_day: NaiveDate) -> u32 {
        dates::whole_months_between(self.paid, last_day)
    }

    /// What leaving on `last_day` would require repaying, before any waiver:
    /// prorated, gross × months not served / term (half-up to cents); otherwise
    /// the whole gross if the term is not complete.
    pub fn repayment(&self, last_day: NaiveDate) -> Decimal {
        let served = self.months_served(last_day);
        if served >= self.clawback_months {
            return Decimal::ZERO;
        }
        if !self.prorated {
            return self.gross;
        }
        let unserved = Decimal::from(self.clawback_months - served);
        round_cents(share_of(
            self.gross,
            unserved,
            Decimal::from(self.clawback_months),
        ))
    }

    pub fn outcome(&self, last_day: NaiveDate, role_eliminated: bool) -> BonusOutcome {
        let owed = self.repayment(last_day);
        let waived = !owed.is_zero() && self.waived_if_eliminated && role_eliminated;
        let (status, amount) = if last_day < self.paid {
            (BonusStatus::Missed, self.gross)
        } else if owed.is_zero() || waived {
            (BonusStatus::Kept, self.gross)
        } else {
            (BonusStatus::Clawback, owed)
        };
        BonusOutcome {
            id: self.id,
            name: self.name.clone(),
            source: BonusSource::SignOn,
            status,
            amount,
            waived: waived && status == BonusStatus::Kept,
            months_served: self
                .has_clawback()
                .then(|| self.months_served(last_day).min(self.clawback_months)),
            clawback_months: self.has_clawback().then_some(self.clawback_months),
        }
    }

    fn has_clawback(&self) -> bool {
        self.clawback_months > 0
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        validate_name("name", &self.name, "give the bonus a name")?;
        validate_gross(self.gross)?;
        if self.prorated && self.clawback_months == 0 {
            return Err(Invalid::new(
                "clawback_months",
                "a prorated clawback needs a term of at least one month",
            ));
        }
        Ok(())
    }
}

/// A sign-on clawback that leaving on a day owes, after any waiver: the
/// Vesting tab's "clawback owed", as the runway, the next actions and the
/// calendar count it.
#[derive(Clone, Debug, PartialEq)]
pub struct ClawbackOwed {
    pub bonus: Id,
    pub name: String,
    /// What was paid.
    pub gross: Decimal,
    /// What is repaid, half-up to cents.
    pub owed: Decimal,
    /// The clawback term in months, and the full months served of it.
    pub term: u32,
    pub served: u32,
    pub prorated: bool,
    /// The day left on, when it falls due.
    pub last_day: NaiveDate,
    /// Leaving on or after this day owes nothing: the term is complete.
    pub term_ends: NaiveDate,
    /// The role is eliminated but this bonus does not waive the clawback
    /// then: worth asking the employer to waive it.
    pub ask_waiver: bool,
}

impl ClawbackOwed {
    /// `$25,000.00 × 2/12 (2 of its 12 months not served)`, or `the whole
    /// $25,000.00 (leaving within its 12-month term)`.
    pub fn formula(&self) -> String {
        if self.prorated {
            let short = self.term - self.served;
            format!(
                "{} × {short}/{} ({short} of its {} months not served)",
                format_money(self.gross),
                self.term,
                self.term
            )
        } else {
            format!(
                "the whole {} (leaving within its {}-month term)",
                format_money(self.gross),
                self.term
            )
        }
    }
}

/// Every clawback leaving on `last_day` owes (see [`SignOnBonus::outcome`]).
pub fn clawbacks_owed(
    bonuses: &[SignOnBonus],
    last_day: NaiveDate,
    role_eliminated: bool,
) -> Vec<ClawbackOwed> {
    bonuses
        .iter()
        .filter_map(|bonus| {
            let outcome = bonus.outcome(last_day, role_eliminated);
            (outcome.status == BonusStatus::Clawback).then(|| ClawbackOwed {
                bonus: bonus.id,
                name: bonus.name.clone(),
                gross: bonus.gross,
                owed: outcome.amount,
                term: bonus.clawback_months,
                served: bonus.months_served(last_day).min(bonus.clawback_months),
                prorated: bonus.prorated,
                last_day,
                term_ends: dates::add_months(bonus.paid, bonus.clawback_months),
                ask_waiver: role_eliminated && !bonus.waived_if_eliminated,
            })
        })
        .collect()
}

impl DatedBonus {
    /// Kept when the last day is on or after the date you must be employed.
    pub fn outcome(&self, last_day: NaiveDate) -> BonusOutcome {
        let status = if last_day >= self.must_be_employed_on {
            BonusStatus::Kept
        } else {
            BonusStatus::Missed
        };
        BonusOutcome {
            id: self.id,
            name: self.name.clone(),
            source: BonusSource::Dated(self.kind),
            status,
            amount: self.gross,
            waived: false,
            months_served: None,
            clawback_months: None,
        }
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        validate_name("name", &self.name, "give the bonus a name")?;
        validate_gross(self.gross)?;
        if self
            .pay_date
            .is_some_and(|paid| paid < self.must_be_employed_on)
        {
            return Err(Invalid::new(
                "pay_date",
                "is before the date you must be employed; a bonus paid first and repaid on leaving is a sign-on bonus",
            ));
        }
        Ok(())
    }
}

fn validate_gross(gross: Decimal) -> Result<(), Invalid> {
    if gross <= Decimal::ZERO {
        return Err(Invalid::new("gross", "must be more than zero"));
    }
    if gross > MAX_AMOUNT {
        return Err(Invalid::new(
            "gross",
            "is larger than any bonus; check the number",
        ));
    }
    Ok(())
}

impl BonusKind {
    pub const ALL: [Self; 3] = [Self::Annual, Self::Retention, Self::Other];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Annual => "Annual bonus",
            Self::Retention => "Retention bonus",
            Self::Other => "Other bonus",
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Self::Annual => "annual",
            Self::Retention => "retention",
            Self::Other => "other",
        }
    }
}

impl FromStr for BonusKind {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, String> {
        Self::CHOICES.parse(input)
    }
}

impl Choice for BonusKind {
    const CHOICES: Choices<Self> = Choices {
        what: "bonus kind",
        all: &Self::ALL,
        key: Self::key,
        label: Self::label,
        synonyms: &[],
    };
}

impl BonusStatus {
    pub fn label(&self) -> &'static str {
        match self {
            Self::Kept => "kept",
            Self::Missed => "missed",
            Self::Clawback => "clawback owed",
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Self::Kept => "kept",
            Self::Missed => "missed",
            Self::Clawback => "clawback",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::d;
    use super::*;
    use rust_decimal_macros::dec;

    /// $30,000 paid 2025-01-15 with a 12-month prorated clawback.
    fn sign_on() -> SignOnBonus {
        SignOnBonus {
            id: 1,
            name: "Sign-on".into(),
            gross: dec!(30000),
            paid: d(2025, 1, 15),
            clawback_months: 12,
            prorated: true,
            waived_if_eliminated: false,
        }
    }

    #[test]
    fn the_clawback_owed_on_a_last_day_is_listed_with_whether_to_ask_for_a_waiver() {
        // $25,000 paid 2026-04-09, 12-month prorated term; leaving 2027-02-09
        // serves 10 months: 25,000 × (12 − 10)/12 = 4,166.666… → $4,166.67.
        let bonus = SignOnBonus {
            id: 8,
            name: "Sign-on".into(),
            gross: dec!(25000),
            paid: d(2026, 4, 9),
            clawback_months: 12,
            prorated: true,
            waived_if_eliminated: false,
        };
        let owed = clawbacks_owed(std::slice::from_ref(&bonus), d(2027, 2, 9), true);
        assert_eq!(owed.len(), 1);
        assert_eq!(owed[0].owed, dec!(4166.67));
        assert_eq!(owed[0].term_ends, d(2027, 4, 9));
        assert!(
            owed[0].ask_waiver,
            "eliminated, and the bonus does not waive it"
        );
        assert_eq!(
            owed[0].formula(),
            "$25,000.00 × 2/12 (2 of its 12 months not served)"
        );
        // Not eliminated: owed, nothing to ask.
        let plain = clawbacks_owed(std::slice::from_ref(&bonus), d(2027, 2, 9), false);
        assert!(!plain[0].ask_waiver);
        // A bonus that waives it for an eliminated role owes nothing then.
        let waives = SignOnBonus {
            waived_if_eliminated: true,
            ..bonus.clone()
        };
        assert!(clawbacks_owed(&[waives], d(2027, 2, 9), true).is_empty());
        // The term complete on 2027-04-09: nothing owed from that day.
        assert!(clawbacks_owed(&[bonus], d(2027, 4, 9), false).is_empty());
    }

    fn status_and_amount(outcome: BonusOutcome) -> (BonusStatus, Decimal) {
        (outcome.status, outcome.amount)
    }

    #[test]
    fn prorated_clawback_matches_the_design_example() {
        let bonus = sign_on();
        // The 7-month anniversary of 2025-01-15 is 2025-08-15: 7 full months served.
        assert_eq!(bonus.months_served(d(2025, 8, 15)), 7);
        // 30,000 × (12 − 7)/12 = 30,000 × 5/12 = 12,500.
        let outcome = bonus.outcome(d(2025, 8, 15), false);
        assert_eq!(
            status_and_amount(outcome.clone()),
            (BonusStatus::Clawback, dec!(12500))
        );
        assert_eq!(
            (outcome.months_served, outcome.clawback_months),
            (Some(7), Some(12))
        );
    }

    #[test]
    fn the_day_before_an_anniversary_does_not_count_the_month() {
        let bonus = sign_on();
        // 2025-08-14 is one day short of 7 months: 6 served, 30,000 × 6/12 = 15,000.
        assert_eq!(bonus.months_served(d(2025, 8, 14)), 6);
        assert_eq!(bonus.repayment(d(2025, 8, 14)), dec!(15000));
        // 11 months on 2025-12-15 … 2026-01-14: 30,000 × 1/12 = 2,500.
        assert_eq!(bonus.repayment(d(2026, 1, 14)), dec!(2500));
        // The 12-month anniversary completes the term: nothing owed, all kept.
        assert_eq!(
            status_and_amount(bonus.outcome(d(2026, 1, 15), false)),
            (BonusStatus::Kept, dec!(30000))
        );
    }

    #[test]
    fn months_served_clamp_at_month_ends() {
        let bonus = SignOnBonus {
            paid: d(2025, 1, 31),
            ..sign_on()
        };
        // Anniversaries of Jan 31: Feb 28 (clamped), then Mar 31.
        assert_eq!(bonus.months_served(d(2025, 2, 27)), 0);
        assert_eq!(bonus.months_served(d(2025, 2, 28)), 1);
        assert_eq!(bonus.months_served(d(2025, 3, 30)), 1);
        assert_eq!(bonus.months_served(d(2025, 3, 31)), 2);
        assert_eq!(bonus.months_served(d(2025, 1, 30)), 0);
    }

    #[test]
    fn proration_rounds_half_up_to_cents() {
        let bonus = SignOnBonus {
            gross: dec!(25000),
            clawback_months: 24,
            ..sign_on()
        };
        // 7 months served of 24: 25,000 × 17/24 = 17,708.333… → 17,708.33.
        assert_eq!(bonus.repayment(d(2025, 8, 15)), dec!(17708.33));
    }

    #[test]
    fn without_proration_any_departure_in_the_term_repays_everything() {
        let bonus = SignOnBonus {
            prorated: false,
            ..sign_on()
        };
        assert_eq!(
            status_and_amount(bonus.outcome(d(2026, 1, 14), false)),
            (BonusStatus::Clawback, dec!(30000))
        );
        assert_eq!(
            status_and_amount(bonus.outcome(d(2026, 1, 15), false)),
            (BonusStatus::Kept, dec!(30000))
        );
    }

    #[test]
    fn waiver_applies_only_when_the_role_is_eliminated() {
        let bonus = SignOnBonus {
            waived_if_eliminated: true,
            ..sign_on()
        };
        let waived = bonus.outcome(d(2025, 8, 15), true);
        assert_eq!(
            status_and_amount(waived.clone()),
            (BonusStatus::Kept, dec!(30000))
        );
        assert!(waived.waived);
        assert_eq!(
            status_and_amount(bonus.outcome(d(2025, 8, 15), false)),
            (BonusStatus::Clawback, dec!(12500))
        );
        // Eliminated, but this bonus has no waiver.
        let no_waiver = sign_on().outcome(d(2025, 8, 15), true);
        assert_eq!(
            status_and_amount(no_waiver.clone()),
            (BonusStatus::Clawback, dec!(12500))
        );
        assert!(!no_waiver.waived);
        // Past the term nothing is owed, so nothing is "waived".
        assert!(!bonus.outcome(d(2026, 2, 1), true).waived);
    }

    #[test]
    fn leaving_before_the_payment_misses_the_bonus() {
        let outcome = sign_on().outcome(d(2025, 1, 14), false);
        assert_eq!(
            status_and_amount(outcome),
            (BonusStatus::Missed, dec!(30000))
        );
    }

    #[test]
    fn no_clawback_term_means_kept() {
        let bonus = SignOnBonus {
            clawback_months: 0,
            prorated: false,
            ..sign_on()
        };
        let outcome = bonus.outcome(d(2025, 1, 20), false);
        assert_eq!(
            status_and_amount(outcome.clone()),
            (BonusStatus::Kept, dec!(30000))
        );
        assert_eq!(outcome.months_served, None);
    }

    #[test]
    fn dated_bonus_needs_employment_on_its_date() {
        let bonus = DatedBonus {
            id: 2,
            name: "2026 annual bonus".into(),
            gross: dec!(12000),
            kind: BonusKind::Annual,
            must_be_employed_on: d(2027, 3, 1),
            pay_date: Some(d(2027, 3, 15)),
        };
        assert_eq!(
            status_and_amount(bonus.outcome(d(2027, 2, 28))),
            (BonusStatus::Missed, dec!(12000))
        );
        assert_eq!(
            status_and_amount(bonus.outcome(d(2027, 3, 1))),
            (BonusStatus::Kept, dec!(12000))
        );
        assert_eq!(
            bonus.outcome(d(2027, 3, 1)).source,
            BonusSource::Dated(BonusKind::Annual)
        );
        assert_eq!(bonus.validate(), Ok(()));
        let early = DatedBonus {
            pay_date: Some(d(2027, 2, 1)),
            ..bonus.clone()
        };
        assert_eq!(early.validate().map_err(|e| e.field), Err("pay_date"));
        let free = DatedBonus {
            gross: dec!(0),
            ..bonus
        };
        assert_eq!(free.validate().map_err(|e| e.field), Err("gross"));
    }

    #[test]
    fn rejects_bad_sign_on_bonuses() {
        assert_eq!(sign_on().validate(), Ok(()));
        let field = |b: SignOnBonus| b.validate().map_err(|e| e.field);
        assert_eq!(
            field(SignOnBonus {
                clawback_months: 0,
                ..sign_on()
            }),
            Err("clawback_months")
        );
        assert_eq!(
            field(SignOnBonus {
                gross: dec!(-1),
                ..sign_on()
            }),
            Err("gross")
        );
        assert_eq!(
            field(SignOnBonus {
                name: String::new(),
                ..sign_on()
            }),
            Err("name")
        );
        // An all-or-nothing bonus without a term is simply kept: valid.
        assert_eq!(
            field(SignOnBonus {
                clawback_months: 0,
                prorated: false,
                ..sign_on()
            }),
            Ok(())
        );
    }

    #[test]
    fn parses_bonus_kinds() {
        assert_eq!("Retention".parse(), Ok(BonusKind::Retention));
        assert_eq!("annual bonus".parse(), Ok(BonusKind::Annual));
        assert!(
            "spot"
                .parse::<BonusKind>()
                .is_err_and(|e| e.contains("annual, retention, other"))
        );
        assert_eq!(BonusStatus::Clawback.key(), "clawback");
        assert_eq!(BonusStatus::Clawback.label(), "clawback owed");
    }
}
