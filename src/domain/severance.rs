//! The severance estimator: weeks of base pay from a published (or generic)
//! formula, years of service counted from dates, gross and net amounts, and the
//! formula written out so the figure explains itself.
//!
//! Weekly pay is annual base ÷ 52. Full precision is kept until the gross,
//! which is rounded half-up to cents; net = gross × (1 − withholding rate),
//! rounded half-up to cents (withholding applies to the amount actually paid).

use crate::domain::Invalid;
use crate::domain::choice::{Choice, Choices};
use crate::domain::dates::{self, add_months};
use crate::domain::money::{self, MAX_AMOUNT, format_money, round_cents};
use crate::domain::runway::text::format_quantity;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Which formula a severance estimate follows; the choice a form offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateKind {
    Generic,
    Meta2022,
    Google2023,
    Amazon2022Voluntary,
    Amazon2025,
}

impl TemplateKind {
    pub const ALL: [Self; 5] = [
        Self::Generic,
        Self::Meta2022,
        Self::Google2023,
        Self::Amazon2022Voluntary,
        Self::Amazon2025,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Generic => "Generic",
            Self::Meta2022 => "Meta 2022",
            Self::Google2023 => "Google 2023",
            Self::Amazon2022Voluntary => "Amazon 2022 voluntary",
            Self::Amazon2025 => "Amazon 2025",
        }
    }

    /// The snake_case name used in the workbook file and on the command line.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Generic => "generic",
            Self::Meta2022 => "meta_2022",
            Self::Google2023 => "google_2023",
            Self::Amazon2022Voluntary => "amazon_2022_voluntary",
            Self::Amazon2025 => "amazon_2025",
        }
    }

    /// The rule in words, for help text.
    pub fn rule(&self) -> &'static str {
        match self {
            Self::Generic => {
                "base weeks + weeks per year of service, kept between a minimum and an optional cap \
                 (a typical survey figure is 1 week per year, capped at 26 weeks)"
            }
            Self::Meta2022 => {
                "16 weeks + 2 weeks per complete year of service, no cap (Meta memo, Nov 2022)"
            }
            Self::Google2023 => {
                "16 weeks + 2 weeks per complete year beyond the first, plus at least 60 days' \
                 paid notice (Google memo, Jan 2023)"
            }
            Self::Amazon2022Voluntary => {
                "13 weeks + 1 week per complete 6 months of tenure (Amazon voluntary offer, 2022)"
            }
            Self::Amazon2025 => {
                "90 days' paid notice, then tenure-based severance whose formula is not public: \
                 enter the weeks from your offer"
            }
        }
    }

    /// Days of paid notice the template's memo promised, to suggest as the
    /// separate notice item (Google: at least 60; Amazon 2025: 90).
    pub fn paid_notice_days(&self) -> Option<u32> {
        match self {
            Self::Google2023 => Some(60),
            Self::Amazon2025 => Some(90),
            Self::Generic | Self::Meta2022 | Self::Amazon2022Voluntary => None,
        }
    }
}

impl FromStr for TemplateKind {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, String> {
        Self::CHOICES.parse(input)
    }
}

impl Choice for TemplateKind {
    const CHOICES: Choices<Self> = Choices {
        what: "severance template",
        all: &Self::ALL,
        key: Self::key,
        label: Self::label,
        synonyms: &[],
    };
}

impl fmt::Display for TemplateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A severance formula with the numbers it needs. Stored in the workbook.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum SeveranceTemplate {
    /// `clamp(base_weeks + weeks_per_year × years, min_weeks, cap_weeks)`.
    Generic {
        base_weeks: Decimal,
        weeks_per_year: Decimal,
        min_weeks: Decimal,
        #[serde(default)]
        cap_weeks: Option<Decimal>,
        /// Count the part-year since the last anniversary pro rata (by days)
        /// instead of complete years only.
        #[serde(default)]
        pro_rata_partial_years: bool,
    },
    #[serde(rename = "meta_2022")]
    Meta2022,
    #[serde(rename = "google_2023")]
    Google2023,
    #[serde(rename = "amazon_2022_voluntary")]
    Amazon2022Voluntary,
    /// The formula is not public, so the user enters the weeks from the offer.
    #[serde(rename = "amazon_2025")]
    Amazon2025 { weeks: Decimal },
}

impl SeveranceTemplate {
    pub fn kind(&self) -> TemplateKind {
        match self {
            Self::Generic { .. } => TemplateKind::Generic,
            Self::Meta2022 => TemplateKind::Meta2022,
            Self::Google2023 => TemplateKind::Google2023,
            Self::Amazon2022Voluntary => TemplateKind::Amazon2022Voluntary,
            Self::Amazon2025 { .. } => TemplateKind::Amazon2025,
        }
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        match self {
            Self::Generic {
                base_weeks,
                weeks_per_year,
                min_weeks,
                cap_weeks,
                ..
            } => {
                check_amount("base_weeks", *base_weeks)?;
                check_amount("weeks_per_year", *weeks_per_year)?;
                check_amount("min_weeks", *min_weeks)?;
                match cap_weeks {
                    Some(cap) if cap < min_weeks => Err(Invalid::new(
                        "cap_weeks",
                        "the cap must be at least the minimum weeks",
                    )),
                    _ => Ok(()),
                }
            }
            Self::Amazon2025 { weeks } if *weeks <= Decimal::ZERO => Err(Invalid::new(
                "weeks",
                "enter the weeks of severance from your offer (more than zero)",
            )),
            Self::Amazon2025 { weeks } => check_amount("weeks", *weeks),
            _ => Ok(()),
        }
    }
}

/// Checks an entered amount or count of weeks: not negative, and at most a
/// trillion, which keeps every sum and product inside `Decimal`'s range.
pub(crate) fn check_amount(field: &'static str, value: Decimal) -> Result<(), Invalid> {
    if value < Decimal::ZERO {
        Err(Invalid::new(field, "cannot be negative"))
    } else if value > MAX_AMOUNT {
        Err(Invalid::new(
            field,
            "is too large (at most 1,000,000,000,000)",
        ))
    } else {
        Ok(())
    }
}

/// Everything an estimate needs. Built by the runway plan from its stored
/// severance, separation date and withholding rate; not stored itself.
#[derive(Clone, Debug, PartialEq)]
pub struct SeveranceInputs {
    pub annual_base: Decimal,
    pub employment_start: NaiveDate,
    /// The last day on payroll (the end of any paid notice period).
    pub separation: NaiveDate,
    pub template: SeveranceTemplate,
    /// Effective withholding rate as a fraction (0.2965 = 29.65%).
    pub withholding: Decimal,
}

/// The estimate with its working.
#[derive(Clone, Debug, PartialEq)]
pub struct SeveranceEstimate {
    /// Years of service used by the formula (complete anniversaries, or with the
    /// part-year pro rata for a generic template that asks for it).
    pub years_of_service: Decimal,
    /// Weeks of base pay, full precision.
    pub weeks: Decimal,
    /// Annual base ÷ 52, full precision.
    pub weekly_pay: Decimal,
    /// weeks × weekly pay, rounded half-up to cents.
    pub gross: Decimal,
    /// gross × (1 − withholding), rounded half-up to cents.
    pub net: Decimal,
    /// The computation in words, e.g.
    /// `16 weeks + 2 × 6 years = 28 weeks × $3,076.92/week = $86,153.85`.
    pub formula: String,
}

/// Estimates severance from the template, checking the inputs first.
pub fn estimate(inputs: &SeveranceInputs) -> Result<SeveranceEstimate, Invalid> {
    validate_inputs(inputs)?;
    let service = Service::new(inputs.employment_start, inputs.separation);
    let (years, weeks, working) = weeks_for(&inputs.template, &service);
    let weekly_pay = inputs.annual_base / Decimal::from(52);
    // Multiply before dividing so the only inexact step is the final division.
    let pay = weeks
        .checked_mul(inputs.annual_base)
        .ok_or_else(|| Invalid::new("annual_base", "is too large to compute severance from"))?;
    let gross = round_cents(pay / Decimal::from(52));
    let net = round_cents(gross * (Decimal::ONE - inputs.withholding));
    let formula = format!(
        "{working} × {}/week = {}",
        format_money(weekly_pay),
        format_money(gross)
    );
    Ok(SeveranceEstimate {
        years_of_service: years,
        weeks,
        weekly_pay,
        gross,
        net,
        formula,
    })
}

fn validate_inputs(inputs: &SeveranceInputs) -> Result<(), Invalid> {
    if inputs.annual_base <= Decimal::ZERO {
        return Err(Invalid::new(
            "annual_base",
            "enter the annual base pay (more than zero)",
        ));
    }
    check_amount("annual_base", inputs.annual_base)?;
    if inputs.separation < inputs.employment_start {
        return Err(Invalid::new(
            "separation",
            "the last day on payroll is before the employment start date",
        ));
    }
    validate_rate(inputs.withholding)?;
    inputs.template.validate()
}

/// Weeks of pay as an offer letter writes them: `20`, `20 weeks`, `20w`,
/// `20.5 wks` (read by [`money::parse_weeks`], so strictly: no exponent, no
/// underscore, no money). More than zero, at most [`MAX_AMOUNT`].
pub fn parse_weeks(input: &str) -> Result<Decimal, Invalid> {
    let weeks = money::parse_weeks(input).map_err(|message| Invalid::new("weeks", message))?;
    if weeks <= Decimal::ZERO {
        return Err(Invalid::new("weeks", "must be more than zero"));
    }
    check_amount("weeks", weeks)?;
    Ok(weeks)
}

/// Gross pay for `weeks` weeks of `annual_base` (weekly pay = base ÷ 52),
/// multiplied before dividing and rounded half-up to cents.
pub fn weeks_of_pay(weeks: Decimal, annual_base: Decimal) -> Result<Decimal, Invalid> {
    if annual_base <= Decimal::ZERO {
        return Err(Invalid::new(
            "annual_base",
            "enter the annual base pay (more than zero)",
        ));
    }
    check_amount("annual_base", annual_base)?;
    let pay = weeks
        .checked_mul(annual_base)
        .ok_or_else(|| Invalid::new("annual_base", "is too large to compute severance from"))?;
    Ok(round_cents(pay / Decimal::from(52)))
}

/// A withholding rate must lie between 0% and 100%.
pub fn validate_rate(rate: Decimal) -> Result<(), Invalid> {
    if rate < Decimal::ZERO || rate > Decimal::ONE {
        Err(Invalid::new("withholding", "must be between 0% and 100%"))
    } else {
        Ok(())
    }
}

/// Weeks of pay under a template, with the years used and the working so far
/// (everything up to "= N weeks").
fn weeks_for(template: &SeveranceTemplate, service: &Service) -> (Decimal, Decimal, String) {
    let years = Decimal::from(service.complete_years());
    match template {
        SeveranceTemplate::Generic {
            base_weeks,
            weeks_per_year,
            min_weeks,
            cap_weeks,
            pro_rata_partial_years,
        } => {
            let (years, years_text) = if *pro_rata_partial_years {
                (service.pro_rata_years(), service.pro_rata_text())
            } else {
                (years, years_text(years))
            };
            let raw = base_weeks + weeks_per_year * years;
            let mut working = format!(
                "{} weeks + {} × {years_text} = {} weeks",
                format_quantity(*base_weeks),
                format_quantity(*weeks_per_year),
                format_quantity(raw)
            );
            let mut weeks = raw;
            if weeks < *min_weeks {
                weeks = *min_weeks;
                working.push_str(&format!(
                    ", raised to the minimum {} weeks",
                    format_quantity(weeks)
                ));
            }
            if let Some(cap) = cap_weeks.filter(|cap| weeks > *cap) {
                weeks = cap;
                working.push_str(&format!(", capped at {} weeks", format_quantity(cap)));
            }
            (years, weeks, working)
        }
        SeveranceTemplate::Meta2022 => {
            let weeks = Decimal::from(16) + Decimal::from(2) * years;
            let working = format!(
                "16 weeks + 2 × {} = {} weeks",
                years_text(years),
                format_quantity(weeks)
            );
            (years, weeks, working)
        }
        SeveranceTemplate::Google2023 => {
            // The first year is covered by the 16 weeks; each complete year after it adds 2.
            let additional = (years - Decimal::ONE).max(Decimal::ZERO);
            let weeks = Decimal::from(16) + Decimal::from(2) * additional;
            let working = format!(
                "16 weeks + 2 × {} additional {} ({} complete − the first) = {} weeks",
                format_quantity(additional),
                plural(additional, "year", "years"),
                format_quantity(years),
                format_quantity(weeks)
            );
            (years, weeks, working)
        }
        SeveranceTemplate::Amazon2022Voluntary => {
            let halves = Decimal::from(service.complete_half_years());
            let weeks = Decimal::from(13) + halves;
            let working = format!(
                "13 weeks + 1 × {} complete 6-month {} = {} weeks",
                format_quantity(halves),
                plural(halves, "period", "periods"),
                format_quantity(weeks)
            );
            (years, weeks, working)
        }
        SeveranceTemplate::Amazon2025 { weeks } => {
            let working = format!(
                "{} weeks (entered from your offer)",
                format_quantity(*weeks)
            );
            (years, *weeks, working)
        }
    }
}

fn years_text(years: Decimal) -> String {
    format!(
        "{} {}",
        format_quantity(years),
        plural(years, "year", "years")
    )
}

fn plural(count: Decimal, one: &'static str, many: &'static str) -> &'static str {
    if count == Decimal::ONE { one } else { many }
}

/// Length of service. It runs from the first day of employment through the
/// whole of the last day on payroll, so it ends at the start of the day after
/// separation: someone employed 2019-01-01 through 2024-12-31 has 6 complete
/// years. A year (or 6-month period) is complete on its anniversary, with
/// month ends clamped (an anniversary of Feb 29 falls on Feb 28).
struct Service {
    start: NaiveDate,
    end: NaiveDate,
}

impl Service {
    fn new(start: NaiveDate, separation: NaiveDate) -> Self {
        Self {
            start,
            end: separation.succ_opt().unwrap_or(separation),
        }
    }

    /// Periods of `months_each` months completed by the end of service:
    /// whole months ÷ period length, since a period is complete exactly when
    /// its last month is.
    fn complete_periods(&self, months_each: u32) -> u32 {
        dates::whole_months_between(self.start, self.end) / months_each.max(1)
    }

    fn complete_years(&self) -> u32 {
        self.complete_periods(12)
    }

    fn complete_half_years(&self) -> u32 {
        self.complete_periods(6)
    }

    /// Days since the last anniversary and the length of that service year
    /// (at least one day, so it can always divide).
    fn part_year_days(&self) -> (i64, i64) {
        let years = self.complete_years();
        let anniversary = |n: u32| {
            n.checked_mul(12)
                .map_or(NaiveDate::MAX, |m| add_months(self.start, m))
        };
        let last = anniversary(years);
        let next = anniversary(years.saturating_add(1));
        (
            (self.end - last).num_days(),
            (next - last).num_days().max(1),
        )
    }

    /// Complete years plus days since the last anniversary ÷ days in that service year.
    fn pro_rata_years(&self) -> Decimal {
        let (days, year_days) = self.part_year_days();
        Decimal::from(self.complete_years()) + Decimal::from(days) / Decimal::from(year_days)
    }

    fn pro_rata_text(&self) -> String {
        let (days, year_days) = self.part_year_days();
        let whole = Decimal::from(self.complete_years());
        format!(
            "{} ({} {} and {days} of {year_days} days)",
            years_text(self.pro_rata_years()),
            format_quantity(whole),
            plural(whole, "year", "years"),
        )
    }
}

#[cfg(test)]
mod weeks_tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn weeks_read_as_offer_letters_write_them() {
        for text in ["20", "20 weeks", " 20 Weeks ", "20w", "20 wks"] {
            assert_eq!(parse_weeks(text), Ok(dec!(20)), "{text:?}");
        }
        assert_eq!(parse_weeks("20.5 weeks"), Ok(dec!(20.5)));
        assert_eq!(parse_weeks("0").unwrap_err().field, "weeks");
        assert_eq!(parse_weeks("twenty").unwrap_err().field, "weeks");
        assert!(parse_weeks("-3 weeks").is_err());
        // Decimal::from_str would read these as 1,000 and 10 weeks.
        for loose in ["1e3", "1E3 weeks", "1_0", "$20k"] {
            assert_eq!(parse_weeks(loose).unwrap_err().field, "weeks", "{loose:?}");
        }
    }

    #[test]
    fn weeks_of_pay_multiply_before_dividing() {
        // 20 × 160,000 / 52 = 3,200,000 / 52 = 61,538.461538… → $61,538.46.
        assert_eq!(weeks_of_pay(dec!(20), dec!(160000)), Ok(dec!(61538.46)));
        // 9 × 178,000 / 52 = 1,602,000 / 52 = 30,807.692307… → $30,807.69.
        assert_eq!(weeks_of_pay(dec!(9), dec!(178000)), Ok(dec!(30807.69)));
        assert_eq!(
            weeks_of_pay(dec!(9), Decimal::ZERO).unwrap_err().field,
            "annual_base"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn inputs(
        base: Decimal,
        start: NaiveDate,
        separation: NaiveDate,
        template: SeveranceTemplate,
    ) -> SeveranceInputs {
        SeveranceInputs {
            annual_base: base,
            employment_start: start,
            separation,
            template,
            withholding: dec!(0.2965),
        }
    }

    fn generic(
        base: Decimal,
        per_year: Decimal,
        min: Decimal,
        cap: Option<Decimal>,
        pro_rata: bool,
    ) -> SeveranceTemplate {
        SeveranceTemplate::Generic {
            base_weeks: base,
            weeks_per_year: per_year,
            min_weeks: min,
            cap_weeks: cap,
            pro_rata_partial_years: pro_rata,
        }
    }

    #[test]
    fn meta_2022_sixteen_weeks_plus_two_per_year() {
        // Employed 2019-03-01 .. 2025-03-14: the 6th anniversary (2025-03-01) has passed → 6 years.
        // Weeks = 16 + 2 × 6 = 28. Weekly = 160,000 / 52 = 3,076.923076…
        // Gross = 28 × 160,000 / 52 = 4,480,000 / 52 = 86,153.846153… → $86,153.85 (half-up).
        // Net = 86,153.85 × (1 − 0.2965) = 86,153.85 × 0.7035 = 60,609.233475 → $60,609.23.
        let est = estimate(&inputs(
            dec!(160000),
            d(2019, 3, 1),
            d(2025, 3, 14),
            SeveranceTemplate::Meta2022,
        ))
        .expect("valid inputs");
        assert_eq!(est.years_of_service, dec!(6));
        assert_eq!(est.weeks, dec!(28));
        assert_eq!(round_cents(est.weekly_pay), dec!(3076.92));
        assert_eq!(est.gross, dec!(86153.85));
        assert_eq!(est.net, dec!(60609.23));
        assert_eq!(
            est.formula,
            "16 weeks + 2 × 6 years = 28 weeks × $3,076.92/week = $86,153.85"
        );
    }

    #[test]
    fn the_last_day_on_payroll_counts_as_served() {
        // 2019-01-01 through 2024-12-31 is six whole years: service ends at the start of 2025-01-01.
        let six = estimate(&inputs(
            dec!(104000),
            d(2019, 1, 1),
            d(2024, 12, 31),
            SeveranceTemplate::Meta2022,
        ))
        .expect("valid inputs");
        assert_eq!(six.years_of_service, dec!(6));
        // One day short of the anniversary: 5 years → 16 + 2 × 5 = 26 weeks; 104,000 / 52 = 2,000/week
        // → 26 × 2,000 = $52,000.00.
        let five = estimate(&inputs(
            dec!(104000),
            d(2019, 1, 1),
            d(2024, 12, 30),
            SeveranceTemplate::Meta2022,
        ))
        .expect("valid inputs");
        assert_eq!(five.years_of_service, dec!(5));
        assert_eq!(five.gross, dec!(52000.00));
    }

    #[test]
    fn google_2023_counts_years_beyond_the_first() {
        // Employed 2017-06-05 .. 2023-03-31: 5th anniversary 2022-06-05 passed, 6th (2023-06-05) not → 5 years.
        // Additional years = 5 − 1 = 4 → weeks = 16 + 2 × 4 = 24.
        // Gross = 24 × 160,000 / 52 = 3,840,000 / 52 = 73,846.153846… → $73,846.15.
        let est = estimate(&inputs(
            dec!(160000),
            d(2017, 6, 5),
            d(2023, 3, 31),
            SeveranceTemplate::Google2023,
        ))
        .expect("valid inputs");
        assert_eq!(est.weeks, dec!(24));
        assert_eq!(est.gross, dec!(73846.15));
        assert_eq!(
            est.formula,
            "16 weeks + 2 × 4 additional years (5 complete − the first) = 24 weeks × $3,076.92/week = $73,846.15"
        );
        assert_eq!(TemplateKind::Google2023.paid_notice_days(), Some(60));
    }

    #[test]
    fn google_2023_under_one_year_gets_the_base_sixteen_weeks() {
        // 2022-09-01 .. 2023-01-20: no complete year → additional = max(0 − 1, 0) = 0 → 16 weeks.
        // 16 × 104,000 / 52 = 16 × 2,000 = $32,000.00.
        let est = estimate(&inputs(
            dec!(104000),
            d(2022, 9, 1),
            d(2023, 1, 20),
            SeveranceTemplate::Google2023,
        ))
        .expect("valid inputs");
        assert_eq!(est.weeks, dec!(16));
        assert_eq!(est.gross, dec!(32000.00));
    }

    #[test]
    fn amazon_2022_voluntary_adds_a_week_per_complete_six_months() {
        // Employed 2019-05-10 .. 2022-11-30 (service ends 2022-12-01). Six-month marks:
        // 2019-11-10, 2020-05-10, 2020-11-10, 2021-05-10, 2021-11-10, 2022-05-10, 2022-11-10 → 7
        // (2023-05-10 is after the end). Weeks = 13 + 7 = 20.
        // Gross = 20 × 160,000 / 52 = 3,200,000 / 52 = 61,538.461538… → $61,538.46.
        let est = estimate(&inputs(
            dec!(160000),
            d(2019, 5, 10),
            d(2022, 11, 30),
            SeveranceTemplate::Amazon2022Voluntary,
        ))
        .expect("valid inputs");
        assert_eq!(est.weeks, dec!(20));
        assert_eq!(est.gross, dec!(61538.46));
        assert_eq!(
            est.formula,
            "13 weeks + 1 × 7 complete 6-month periods = 20 weeks × $3,076.92/week = $61,538.46"
        );
    }

    #[test]
    fn amazon_2025_uses_the_entered_weeks() {
        // 10 weeks × 160,000 / 52 = 1,600,000 / 52 = 30,769.230769… → $30,769.23.
        // Net = 30,769.23 × 0.7035 = 21,646.153305 → $21,646.15.
        let template = SeveranceTemplate::Amazon2025 { weeks: dec!(10) };
        let est = estimate(&inputs(
            dec!(160000),
            d(2021, 2, 1),
            d(2025, 10, 28),
            template,
        ))
        .expect("valid inputs");
        assert_eq!(est.gross, dec!(30769.23));
        assert_eq!(est.net, dec!(21646.15));
        assert_eq!(
            est.formula,
            "10 weeks (entered from your offer) × $3,076.92/week = $30,769.23"
        );
    }

    #[test]
    fn generic_counts_whole_years_by_default() {
        // 2020-01-15 .. 2025-07-14 (ends 2025-07-15): 5 complete years.
        // Weeks = 2 + 1 × 5 = 7 (between min 4 and cap 26). 104,000 / 52 = 2,000/week → $14,000.00.
        let template = generic(dec!(2), dec!(1), dec!(4), Some(dec!(26)), false);
        let est = estimate(&inputs(
            dec!(104000),
            d(2020, 1, 15),
            d(2025, 7, 14),
            template,
        ))
        .expect("valid inputs");
        assert_eq!(est.weeks, dec!(7));
        assert_eq!(est.gross, dec!(14000.00));
        assert_eq!(
            est.formula,
            "2 weeks + 1 × 5 years = 7 weeks × $2,000.00/week = $14,000.00"
        );
    }

    #[test]
    fn generic_pro_rata_counts_the_part_year_by_days() {
        // Same dates: 5 years + 2025-01-15 → 2025-07-15 = 16 + 28 + 31 + 30 + 31 + 30 + 15 = 181 days
        // of a 365-day service year (2025-01-15 → 2026-01-15).
        // Weeks = 2 + 5 + 181/365 = 7.495890…; gross = 7 × 2,000 + 181 × 2,000 / 365
        // = 14,000 + 991.780821… = 14,991.780821… → $14,991.78.
        let template = generic(dec!(2), dec!(1), dec!(4), Some(dec!(26)), true);
        let est = estimate(&inputs(
            dec!(104000),
            d(2020, 1, 15),
            d(2025, 7, 14),
            template,
        ))
        .expect("valid inputs");
        assert_eq!(est.years_of_service, dec!(5) + dec!(181) / dec!(365));
        assert_eq!(est.gross, dec!(14991.78));
        assert_eq!(
            est.formula,
            "2 weeks + 1 × 5.5 years (5 years and 181 of 365 days) = 7.5 weeks × $2,000.00/week = $14,991.78"
        );
    }

    #[test]
    fn generic_clamps_to_minimum_and_cap() {
        // 1 complete year (2024-01-01 .. 2024-12-31): 0 + 1 × 1 = 1 week → raised to the minimum 4.
        // 4 × 2,000 = $8,000.00.
        let low = generic(dec!(0), dec!(1), dec!(4), Some(dec!(26)), false);
        let est = estimate(&inputs(dec!(104000), d(2024, 1, 1), d(2024, 12, 31), low))
            .expect("valid inputs");
        assert_eq!(est.weeks, dec!(4));
        assert_eq!(est.gross, dec!(8000.00));
        assert!(
            est.formula.contains("raised to the minimum 4 weeks"),
            "{}",
            est.formula
        );
        // 30 complete years (1995-01-01 .. 2024-12-31): 0 + 30 = 30 → capped at 26 → 26 × 2,000 = $52,000.00.
        let high = generic(dec!(0), dec!(1), dec!(0), Some(dec!(26)), false);
        let est = estimate(&inputs(dec!(104000), d(1995, 1, 1), d(2024, 12, 31), high))
            .expect("valid inputs");
        assert_eq!(est.weeks, dec!(26));
        assert_eq!(est.gross, dec!(52000.00));
        assert!(
            est.formula.contains("capped at 26 weeks"),
            "{}",
            est.formula
        );
    }

    #[test]
    fn leap_day_anniversaries_fall_on_february_28() {
        // Started 2020-02-29; the first anniversary clamps to 2021-02-28. Last day 2021-02-27 → service
        // ends 2021-02-28 → 1 complete year. Meta: 16 + 2 = 18 weeks × 2,000 = $36,000.00.
        let est = estimate(&inputs(
            dec!(104000),
            d(2020, 2, 29),
            d(2021, 2, 27),
            SeveranceTemplate::Meta2022,
        ))
        .expect("valid inputs");
        assert_eq!(est.years_of_service, dec!(1));
        assert_eq!(est.gross, dec!(36000.00));
    }

    #[test]
    fn rejects_missing_or_impossible_inputs() {
        let meta = SeveranceTemplate::Meta2022;
        let no_pay = inputs(dec!(0), d(2020, 1, 1), d(2024, 1, 1), meta.clone());
        assert_eq!(estimate(&no_pay).map_err(|e| e.field), Err("annual_base"));
        let backwards = inputs(dec!(100000), d(2024, 1, 2), d(2024, 1, 1), meta.clone());
        assert_eq!(estimate(&backwards).map_err(|e| e.field), Err("separation"));
        let mut rate = inputs(dec!(100000), d(2020, 1, 1), d(2024, 1, 1), meta);
        rate.withholding = dec!(1.01);
        assert_eq!(estimate(&rate).map_err(|e| e.field), Err("withholding"));
        let no_weeks = inputs(
            dec!(100000),
            d(2020, 1, 1),
            d(2024, 1, 1),
            SeveranceTemplate::Amazon2025 { weeks: dec!(0) },
        );
        assert_eq!(estimate(&no_weeks).map_err(|e| e.field), Err("weeks"));
        let cap_below_min = generic(dec!(0), dec!(1), dec!(8), Some(dec!(4)), false);
        let cap = inputs(dec!(100000), d(2020, 1, 1), d(2024, 1, 1), cap_below_min);
        assert_eq!(estimate(&cap).map_err(|e| e.field), Err("cap_weeks"));
        let negative = generic(dec!(-1), dec!(1), dec!(0), None, false);
        let neg = inputs(dec!(100000), d(2020, 1, 1), d(2024, 1, 1), negative);
        assert_eq!(estimate(&neg).map_err(|e| e.field), Err("base_weeks"));
    }

    #[test]
    fn absurd_amounts_are_refused_not_overflowed() {
        let huge = generic(
            dec!(1_000_000_000_000),
            dec!(1_000_000_000_000),
            dec!(0),
            None,
            false,
        );
        // ~200,000 years × 10^12 weeks/year × 10^12 base overflows Decimal: refused, no panic.
        let far = inputs(
            dec!(1_000_000_000_000),
            d(-200_000, 1, 1),
            d(2024, 1, 1),
            huge,
        );
        assert_eq!(estimate(&far).map_err(|e| e.field), Err("annual_base"));
        let too_much = inputs(
            dec!(1_000_000_000_001),
            d(2020, 1, 1),
            d(2024, 1, 1),
            SeveranceTemplate::Meta2022,
        );
        assert_eq!(estimate(&too_much).map_err(|e| e.field), Err("annual_base"));
    }

    #[test]
    fn service_is_counted_in_one_step_however_long() {
        // 1900-01-01 through 2200-12-31, the widest a workbook allows: service ends at the start
        // of 2201-01-01, (2201 − 1900) × 12 = 3,612 whole months = 301 complete years.
        // Meta: 16 + 2 × 301 = 618 weeks; 104,000 / 52 = 2,000/week → 618 × 2,000 = $1,236,000.00.
        let widest = estimate(&inputs(
            dec!(104000),
            d(1900, 1, 1),
            d(2200, 12, 31),
            SeveranceTemplate::Meta2022,
        ))
        .expect("valid inputs");
        assert_eq!(widest.years_of_service, dec!(301));
        assert_eq!(widest.gross, dec!(1236000.00));
        // Amazon 2022: 3,612 / 6 = 602 half-years → 13 + 602 = 615 weeks.
        let halves = estimate(&inputs(
            dec!(104000),
            d(1900, 1, 1),
            d(2200, 12, 31),
            SeveranceTemplate::Amazon2022Voluntary,
        ))
        .expect("valid inputs");
        assert_eq!(halves.weeks, dec!(615));
        // The last date chrono knows (+262142-12-31) has no day after it, so service ends on it.
        // From 2020-01-01: (262,142 − 2,020) × 12 + 11 = 3,121,475 months; the anniversary
        // 262142-12-01 is on or before the end, so 3,121,475 months = 260,122 complete years
        // (and 11 months). Meta: 16 + 2 × 260,122 = 520,260 weeks × 2,000 = $1,040,520,000.00.
        // This once counted year by year, overflowed u32 and, in release builds, never ended.
        let edge = estimate(&inputs(
            dec!(104000),
            d(2020, 1, 1),
            NaiveDate::MAX,
            SeveranceTemplate::Meta2022,
        ))
        .expect("valid inputs");
        assert_eq!(edge.years_of_service, dec!(260122));
        assert_eq!(edge.gross, dec!(1040520000.00));
        // Pro rata at the edge: the next anniversary is past the calendar's end; no panic.
        let pro_rata = generic(dec!(0), dec!(1), dec!(0), None, true);
        let est = estimate(&inputs(
            dec!(104000),
            d(2020, 1, 1),
            NaiveDate::MAX,
            pro_rata,
        ))
        .expect("valid inputs");
        assert!(
            est.years_of_service > dec!(260122),
            "{}",
            est.years_of_service
        );
    }

    #[test]
    fn template_kinds_parse_loosely_and_match_the_file_names() {
        assert_eq!("Meta 2022".parse(), Ok(TemplateKind::Meta2022));
        assert_eq!(
            "amazon-2022-voluntary".parse(),
            Ok(TemplateKind::Amazon2022Voluntary)
        );
        assert_eq!("GOOGLE_2023".parse(), Ok(TemplateKind::Google2023));
        assert!(
            "apple"
                .parse::<TemplateKind>()
                .unwrap_err()
                .contains("generic, meta_2022")
        );
        // The key is the name the workbook file uses for the variant.
        let templates = [
            generic(dec!(0), dec!(1), dec!(0), None, false),
            SeveranceTemplate::Meta2022,
            SeveranceTemplate::Google2023,
            SeveranceTemplate::Amazon2022Voluntary,
            SeveranceTemplate::Amazon2025 { weeks: dec!(1) },
        ];
        for template in templates {
            let text = ron::to_string(&template).expect("serializes");
            assert!(text.starts_with(template.kind().key()), "{text}");
        }
    }
}
