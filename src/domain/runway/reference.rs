//! Published reference figures offered as help text and suggestions
//! (sources in DESIGN.md "Domain facts"). None of them is applied silently:
//! the user's own entries drive the projection.

use crate::domain::choice::{Choice, Choices};
use crate::domain::money::{format_money, format_percent, round_cents};
use rust_decimal::Decimal;
use std::str::FromStr;

/// A whole-cents amount as a constant (`cents(45000)` = $450.00).
const fn cents(amount: u32) -> Decimal {
    Decimal::from_parts(amount, 0, 0, false, 2)
}

/// Default effective withholding on severance and vest proceeds: the 22%
/// federal supplemental rate + 7.65% FICA (6.2% Social Security + 1.45%
/// Medicare) = 29.65%. State tax is the user's to add.
pub const DEFAULT_WITHHOLDING: Decimal = Decimal::from_parts(2965, 0, 0, false, 4);

/// The federal flat rate on supplemental wages (37% on the part of a year's
/// supplemental wages above $1 million).
pub const FEDERAL_SUPPLEMENTAL_RATE: Decimal = Decimal::from_parts(22, 0, 0, false, 2);

/// Social Security 6.2% (up to the wage base) + Medicare 1.45%.
pub const FICA_RATE: Decimal = Decimal::from_parts(765, 0, 0, false, 4);

/// How the default withholding rate is made up, for help text.
pub fn withholding_note() -> String {
    format!(
        "Severance and vests are supplemental wages: {} federal flat rate + {} FICA \
         (6.2% Social Security + 1.45% Medicare) = {}. The federal rate is 37% above $1 million \
         a year, Social Security stops at the wage base ($176,100 in 2025, $184,500 in 2026), \
         and your state's tax is yours to add.",
        format_percent(FEDERAL_SUPPLEMENTAL_RATE),
        format_percent(FICA_RATE),
        format_percent(DEFAULT_WITHHOLDING)
    )
}

/// Weeks of unemployment benefit most states pay.
pub const DEFAULT_BENEFIT_WEEKS: u32 = 26;

/// COBRA continuation lasts up to 18 months.
pub const COBRA_MAX_MONTHS: u32 = 18;

/// A state's maximum weekly unemployment benefit, for help text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BenefitMaximum {
    pub state: &'static str,
    pub year: i32,
    pub max_weekly: Decimal,
    /// True when the figure is approximate and should be checked with the state.
    pub approximate: bool,
}

/// Reference maximum weekly benefits, 2025.
pub const BENEFIT_MAXIMA: [BenefitMaximum; 4] = [
    BenefitMaximum {
        state: "CA",
        year: 2025,
        max_weekly: cents(45000),
        approximate: false,
    },
    BenefitMaximum {
        state: "NY",
        year: 2025,
        max_weekly: cents(86900),
        approximate: false,
    },
    BenefitMaximum {
        state: "TX",
        year: 2025,
        max_weekly: cents(59100),
        approximate: false,
    },
    BenefitMaximum {
        state: "WA",
        year: 2025,
        max_weekly: cents(115200),
        approximate: true,
    },
];

/// The reference maxima in one line, with their year, for help text:
/// "Maximum weekly benefit, 2025: CA $450.00 · NY $869.00 · …".
pub fn benefit_maxima_line() -> String {
    let states: Vec<String> = BENEFIT_MAXIMA
        .iter()
        .map(|m| {
            let about = if m.approximate { "about " } else { "" };
            format!(
                "{} {about}{} ({})",
                m.state,
                format_money(m.max_weekly),
                m.year
            )
        })
        .collect();
    format!(
        "Maximum weekly benefit by state: {}; check yours with your state",
        states.join(" · ")
    )
}

/// A weekly benefit above every reference maximum. Not refused (a state not
/// listed may pay more, and the figures change each year), but said, since
/// it is far likelier a slip of the keyboard.
pub fn benefit_warning(weekly: Decimal) -> Option<String> {
    let highest = BENEFIT_MAXIMA.iter().max_by_key(|m| m.max_weekly)?;
    let about = if highest.approximate { "about " } else { "" };
    (weekly > highest.max_weekly).then(|| {
        format!(
            "{} a week is above every state's maximum (the highest listed, {}, is {about}{})",
            format_money(weekly),
            highest.state,
            format_money(highest.max_weekly)
        )
    })
}

/// A monthly premium ten times the KFF single-coverage COBRA average or more
/// (family cover costs about three times as much): likely an extra digit.
pub fn premium_warning(monthly: Decimal) -> Option<String> {
    let single = KffPlan::Single.cobra_monthly();
    (monthly >= single * Decimal::TEN).then(|| {
        format!(
            "{} a month is 10× or more the KFF single-coverage average ({}; family {}); \
             check for an extra digit",
            format_money(monthly),
            format_money(single),
            format_money(KffPlan::Family.cobra_monthly())
        )
    })
}

/// COBRA may charge up to 102% of the plan's full cost.
pub const COBRA_COST_FACTOR: Decimal = Decimal::from_parts(102, 0, 0, false, 2);

/// KFF 2025 average annual premium (employer + worker share) for a health plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KffPlan {
    Single,
    Family,
}

impl KffPlan {
    pub const ALL: [Self; 2] = [Self::Single, Self::Family];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Single => "Single (KFF 2025 average)",
            Self::Family => "Family (KFF 2025 average)",
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Family => "family",
        }
    }

    /// KFF Employer Health Benefits Survey 2025, average annual premium.
    pub fn annual_premium(&self) -> Decimal {
        match self {
            Self::Single => Decimal::from(9_325),
            Self::Family => Decimal::from(26_993),
        }
    }

    /// The suggested monthly COBRA premium: annual × 102% ÷ 12, half-up to cents.
    pub fn cobra_monthly(&self) -> Decimal {
        round_cents(self.annual_premium() * COBRA_COST_FACTOR / Decimal::from(12))
    }

    /// The suggestion with its working, for help text.
    pub fn explain(&self) -> String {
        format!(
            "{}: {} a year × 102% ÷ 12 = {}/month",
            self.label(),
            format_money(self.annual_premium()),
            format_money(self.cobra_monthly())
        )
    }
}

impl FromStr for KffPlan {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, String> {
        Self::CHOICES.parse(input)
    }
}

impl Choice for KffPlan {
    const CHOICES: Choices<Self> = Choices {
        what: "KFF plan",
        all: &Self::ALL,
        key: Self::key,
        label: Self::label,
        synonyms: &[],
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn constants_hold_the_published_figures() {
        // 22% + 7.65% = 29.65% → 0.2965.
        assert_eq!(DEFAULT_WITHHOLDING, dec!(0.22) + dec!(0.0765));
        assert_eq!(DEFAULT_WITHHOLDING, FEDERAL_SUPPLEMENTAL_RATE + FICA_RATE);
        assert!(withholding_note().contains("22% federal flat rate + 7.65% FICA"));
        assert!(withholding_note().contains("= 29.65%"));
        assert_eq!(
            benefit_maxima_line(),
            "Maximum weekly benefit by state: CA $450.00 (2025) · NY $869.00 (2025) · \
             TX $591.00 (2025) · WA about $1,152.00 (2025); check yours with your state"
        );
        let maxima: Vec<(&str, Decimal)> = BENEFIT_MAXIMA
            .iter()
            .map(|m| (m.state, m.max_weekly))
            .collect();
        assert_eq!(
            maxima,
            [
                ("CA", dec!(450)),
                ("NY", dec!(869)),
                ("TX", dec!(591)),
                ("WA", dec!(1152))
            ]
        );
        assert!(BENEFIT_MAXIMA.iter().all(|m| m.year == 2025));
        assert_eq!(COBRA_COST_FACTOR, dec!(1.02));
    }

    #[test]
    fn implausible_benefits_and_premiums_are_said() {
        // WA's about $1,152 is the highest maximum listed.
        assert_eq!(benefit_warning(dec!(1152)), None);
        assert_eq!(
            benefit_warning(dec!(1200000)).as_deref(),
            Some(
                "$1,200,000.00 a week is above every state's maximum (the highest listed, WA, \
                 is about $1,152.00)"
            )
        );
        // 10 × $792.63 = $7,926.30: a family premium ($2,294.41) passes, 7,926.30 does not.
        assert_eq!(premium_warning(dec!(2294.41)), None);
        assert_eq!(premium_warning(dec!(7926.29)), None);
        let warning = premium_warning(dec!(7926.30)).expect("a warning");
        assert!(
            warning.starts_with("$7,926.30 a month is 10× or more"),
            "{warning}"
        );
    }

    #[test]
    fn kff_cobra_suggestions() {
        // Single: 9,325 × 1.02 = 9,511.50; ÷ 12 = 792.625 → half-up $792.63.
        assert_eq!(KffPlan::Single.cobra_monthly(), dec!(792.63));
        // Family: 26,993 × 1.02 = 27,532.86; ÷ 12 = 2,294.405 → half-up $2,294.41.
        assert_eq!(KffPlan::Family.cobra_monthly(), dec!(2294.41));
        assert_eq!(
            KffPlan::Single.explain(),
            "Single (KFF 2025 average): $9,325.00 a year × 102% ÷ 12 = $792.63/month"
        );
    }
}
