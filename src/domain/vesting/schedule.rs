//! Grants and their vesting schedules: which shares vest on which day.
//!
//! Every schedule is reduced to a list of vest dates, each with the cumulative
//! share of the grant vested by then. Rounding works on that cumulative amount
//! (never tranche by tranche) so rounding errors cannot pile up, and the last
//! vest always takes the exact remainder, so the tranches add up to the grant.

use crate::domain::money::round_half_up;
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

use super::{MAX_AMOUNT, share_of, validate_name, validate_ticker};
use crate::domain::choice::{Choice, Choices};
use crate::domain::money::{format_percent, format_shares};
use crate::domain::{Id, Invalid, dates};

/// One grant of shares (RSUs) and the rule that releases them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grant {
    pub id: Id,
    pub name: String,
    pub ticker: String,
    /// Shares granted; may be fractional (see [`Grant::tranches`]).
    pub shares: Decimal,
    pub grant_date: NaiveDate,
    /// The date the schedule counts from (often the start date for a new-hire grant).
    pub vest_start: NaiveDate,
    pub schedule: Schedule,
    #[serde(default)]
    pub rounding: Rounding,
}

/// The vesting templates, plus a custom list of dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Schedule {
    /// 5% at +12 months, 15% at +24, then 20% at +30, +36, +42 and +48.
    Amazon,
    /// 12/48 at +12 months (the cliff), then 1/48 every month for 36 months.
    CliffMonthly,
    /// 12/48 at +12 months, then 3/48 every 3 months for 36 months.
    CliffQuarterly,
    /// 1/16 every quarter on Feb 15, May 15, Aug 15 and Nov 15.
    MetaQuarterly {
        /// Overrides the first vest; `None` means the first quarterly date after
        /// the vest start (see [`meta_first_vest`]).
        #[serde(default)]
        first_vest: Option<NaiveDate>,
    },
    /// Monthly: 2.75% for months 1–24, 22%/12 for months 25–36, 1% for 37–48.
    Google,
    /// The user's own dates, all in shares or all in percent.
    Custom {
        #[serde(default)]
        tranches: Vec<CustomTranche>,
    },
}

/// One dated vest of a custom schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomTranche {
    pub date: NaiveDate,
    pub amount: TrancheAmount,
}

/// How much a custom tranche releases.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrancheAmount {
    /// An exact number of shares, used as entered (no rounding).
    Shares(Decimal),
    /// A fraction of the grant, as `money::parse_percent` gives it: `0.25` is 25%.
    Percent(Decimal),
}

/// The template a form offers; [`Schedule`] adds the template's own fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleKind {
    Amazon,
    CliffMonthly,
    CliffQuarterly,
    MetaQuarterly,
    Google,
    Custom,
}

/// How fractional cumulative amounts become whole shares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Round the cumulative amount half-up; each tranche is the difference.
    #[default]
    HalfUp,
    /// Round the cumulative amount down; each tranche is the difference.
    Down,
}

/// Shares released on one date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tranche {
    pub date: NaiveDate,
    pub shares: Decimal,
}

/// A schedule point before rounding: by `date`, `cumulative` shares have vested.
struct Point {
    date: NaiveDate,
    cumulative: Decimal,
    /// Template and percent amounts are rounded to whole shares; entered share counts are not.
    rounded: bool,
}

impl Grant {
    /// The vests of this grant, sorted by date, without zero-share dates.
    ///
    /// The tranches add up exactly to `shares` whenever the schedule has at least
    /// one date (an empty custom list, which `validate` rejects, gives none).
    /// Every vest but the last releases whole shares: the cumulative amount is
    /// rounded by `rounding` and capped at the whole part of the grant, so for a
    /// fractional grant (10.5 shares) the last vest takes the fraction (2.5).
    pub fn tranches(&self) -> Vec<Tranche> {
        let points = self.points();
        let whole_part = self.shares.floor();
        let mut tranches: Vec<Tranche> = Vec::with_capacity(points.len());
        let mut before = Decimal::ZERO;
        for (index, point) in points.iter().enumerate() {
            let cumulative = if index + 1 == points.len() {
                self.shares
            } else if point.rounded {
                // Capping at the whole part keeps the fractional last tranche from going negative.
                self.rounding
                    .apply(point.cumulative)
                    .min(whole_part)
                    .max(before)
            } else {
                point.cumulative.min(self.shares).max(before)
            };
            push_tranche(&mut tranches, point.date, cumulative - before);
            before = cumulative;
        }
        tranches
    }

    /// Shares vested on or before `date` (a vest dated on a last day counts as kept).
    pub fn vested_by(&self, date: NaiveDate) -> Decimal {
        self.tranches()
            .iter()
            .filter(|t| t.date <= date)
            .map(|t| t.shares)
            .sum()
    }

    /// The grant at `today` in words, "2,560 granted → 1,760 vested by today,
    /// 800 to come": what the grant form shows as the shares are typed (so
    /// the unvested count typed for the whole grant is seen at once) and what
    /// `careerbook grant` prints.
    pub fn progress(&self, today: NaiveDate) -> String {
        let vested = self.vested_by(today);
        format!(
            "{} granted → {} vested by today, {} to come",
            format_shares(self.shares),
            format_shares(vested),
            format_shares(self.shares - vested)
        )
    }

    /// The first vest strictly after `date`.
    pub fn next_vest_after(&self, date: NaiveDate) -> Option<Tranche> {
        self.tranches().into_iter().find(|t| t.date > date)
    }

    /// Checks what a form or the CLI would save, naming the field at fault.
    pub fn validate(&self) -> Result<(), Invalid> {
        validate_name("name", &self.name, "give the grant a name")?;
        validate_ticker(&self.ticker)?;
        if self.shares <= Decimal::ZERO {
            return Err(Invalid::new("shares", "must be more than zero"));
        }
        if self.shares > MAX_AMOUNT {
            return Err(Invalid::new(
                "shares",
                format!(
                    "{} shares is more than any grant; check the number",
                    format_shares(self.shares)
                ),
            ));
        }
        let earliest = self.grant_date.checked_sub_months(Months::new(12));
        if earliest.is_some_and(|earliest| self.vest_start < earliest) {
            return Err(Invalid::new(
                "vest_start",
                format!(
                    "{} is more than a year before the grant date {}; check both dates",
                    self.vest_start, self.grant_date
                ),
            ));
        }
        self.schedule.validate(self.shares, self.vest_start)
    }

    /// The schedule's vest dates with the cumulative shares due by each. Dates
    /// always come from the vest start (or the first vest) plus n months, never
    /// chained, so Jan 31 → Feb 28 → Mar 31.
    fn points(&self) -> Vec<Point> {
        let after = |months: u32| dates::add_months(self.vest_start, months);
        // Each template: (date, cumulative numerator) over a common denominator.
        let (steps, denominator): (Vec<(NaiveDate, u32)>, u32) = match &self.schedule {
            Schedule::Custom { tranches } => return custom_points(tranches, self.shares),
            Schedule::Amazon => (
                AMAZON_STEPS
                    .iter()
                    .map(|&(m, pct)| (after(m), pct))
                    .collect(),
                100,
            ),
            Schedule::CliffMonthly => ((12..=48).map(|m| (after(m), m)).collect(), 48),
            Schedule::CliffQuarterly => ((12..=48).step_by(3).map(|m| (after(m), m)).collect(), 48),
            Schedule::MetaQuarterly { first_vest } => {
                let first = first_vest.unwrap_or_else(|| meta_first_vest(self.vest_start));
                (
                    (0..16)
                        .map(|q| (dates::add_months(first, 3 * q), q + 1))
                        .collect(),
                    16,
                )
            }
            Schedule::Google => (
                (1..=48).map(|m| (after(m), google_cumulative(m))).collect(),
                1200,
            ),
        };
        steps
            .into_iter()
            .map(|(date, numerator)| Point {
                date,
                cumulative: share_of(self.shares, numerator.into(), denominator.into()),
                rounded: true,
            })
            .collect()
    }
}

/// Adds a tranche, merging one that falls on the same date and skipping zero.
fn push_tranche(tranches: &mut Vec<Tranche>, date: NaiveDate, shares: Decimal) {
    if shares.is_zero() {
        return;
    }
    match tranches.last_mut() {
        Some(last) if last.date == date => last.shares += shares,
        _ => tranches.push(Tranche { date, shares }),
    }
}

/// Amazon 5/15/40/40: (months after the vest start, cumulative percent).
const AMAZON_STEPS: [(u32, u32); 6] = [(12, 5), (24, 20), (30, 40), (36, 60), (42, 80), (48, 100)];

/// Cumulative twelve-hundredths vested after `month` months of the 33/33/22/12
/// schedule: 2.75% = 33/1200 a month, then 22%/12 = 22/1200, then 1% = 12/1200.
fn google_cumulative(month: u32) -> u32 {
    match month {
        0..=24 => 33 * month,
        25..=36 => 792 + 22 * (month - 24),
        _ => 1056 + 12 * (month - 36),
    }
}

/// The quarterly dates of the Meta-style schedule fall on these months' 15th.
const META_MONTHS: [u32; 4] = [2, 5, 8, 11];

/// The default first Meta-style vest: the first Feb/May/Aug/Nov 15 strictly
/// after the vest start. A vest on the start date itself would release a
/// quarter's shares for no service, so "after" rather than "on or after".
pub fn meta_first_vest(vest_start: NaiveDate) -> NaiveDate {
    let year = vest_start.year();
    [year, year + 1]
        .into_iter()
        .flat_map(|y| META_MONTHS.map(|m| NaiveDate::from_ymd_opt(y, m, 15)))
        .flatten()
        .find(|date| *date > vest_start)
        .unwrap_or(NaiveDate::MAX)
}

fn is_meta_date(date: NaiveDate) -> bool {
    date.day() == 15 && META_MONTHS.contains(&date.month())
}

/// Custom tranches in date order, with the cumulative shares each brings the grant to.
fn custom_points(tranches: &[CustomTranche], shares: Decimal) -> Vec<Point> {
    let mut sorted: Vec<&CustomTranche> = tranches.iter().collect();
    sorted.sort_by_key(|t| t.date);
    let mut cumulative_shares = Decimal::ZERO;
    let mut cumulative_fraction = Decimal::ZERO;
    sorted
        .into_iter()
        .map(|t| {
            let rounded = match t.amount {
                TrancheAmount::Shares(n) => {
                    cumulative_shares = cumulative_shares.saturating_add(n);
                    false
                }
                TrancheAmount::Percent(p) => {
                    cumulative_fraction = cumulative_fraction.saturating_add(p);
                    true
                }
            };
            // Only absurd unvalidated amounts overflow; the grant itself is the cap then.
            let from_percent = shares.checked_mul(cumulative_fraction).unwrap_or(shares);
            Point {
                date: t.date,
                cumulative: cumulative_shares.saturating_add(from_percent),
                rounded,
            }
        })
        .collect()
}

impl Schedule {
    pub fn kind(&self) -> ScheduleKind {
        match self {
            Schedule::Amazon => ScheduleKind::Amazon,
            Schedule::CliffMonthly => ScheduleKind::CliffMonthly,
            Schedule::CliffQuarterly => ScheduleKind::CliffQuarterly,
            Schedule::MetaQuarterly { .. } => ScheduleKind::MetaQuarterly,
            Schedule::Google => ScheduleKind::Google,
            Schedule::Custom { .. } => ScheduleKind::Custom,
        }
    }

    fn validate(&self, shares: Decimal, vest_start: NaiveDate) -> Result<(), Invalid> {
        match self {
            Schedule::MetaQuarterly {
                first_vest: Some(first),
            } => validate_meta_first(*first, vest_start),
            Schedule::Custom { tranches } => validate_custom(tranches, shares),
            _ => Ok(()),
        }
    }
}

fn validate_meta_first(first: NaiveDate, vest_start: NaiveDate) -> Result<(), Invalid> {
    if !is_meta_date(first) {
        return Err(Invalid::new(
            "first_vest",
            format!("{first} is not a quarterly vest date (Feb 15, May 15, Aug 15 or Nov 15)"),
        ));
    }
    if first < vest_start {
        return Err(Invalid::new(
            "first_vest",
            format!("{first} is before the vest start {vest_start}"),
        ));
    }
    Ok(())
}

fn validate_custom(tranches: &[CustomTranche], shares: Decimal) -> Result<(), Invalid> {
    if tranches.is_empty() {
        return Err(Invalid::new("tranches", "add at least one vest date"));
    }
    let mut dates: Vec<NaiveDate> = tranches.iter().map(|t| t.date).collect();
    dates.sort();
    if let Some(pair) = dates.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(Invalid::new(
            "tranches",
            format!("two vests on {}; combine them into one", pair[0]),
        ));
    }
    let mut share_total = Decimal::ZERO;
    let mut percent_total = Decimal::ZERO;
    for tranche in tranches {
        let (value, total) = match tranche.amount {
            TrancheAmount::Shares(n) => (n, &mut share_total),
            TrancheAmount::Percent(p) => (p, &mut percent_total),
        };
        if value <= Decimal::ZERO {
            return Err(Invalid::new(
                "tranches",
                format!("the vest on {} must release more than zero", tranche.date),
            ));
        }
        *total = total.saturating_add(value);
    }
    let uses_shares = tranches
        .iter()
        .any(|t| matches!(t.amount, TrancheAmount::Shares(_)));
    let uses_percent = tranches
        .iter()
        .any(|t| matches!(t.amount, TrancheAmount::Percent(_)));
    if uses_shares && uses_percent {
        return Err(Invalid::new(
            "tranches",
            "give every vest in shares or every vest in percent, not a mix",
        ));
    }
    if uses_percent && percent_total != Decimal::ONE {
        return Err(Invalid::new(
            "tranches",
            format!(
                "the percentages add up to {}, not 100%",
                format_percent(percent_total)
            ),
        ));
    }
    if uses_shares && share_total != shares {
        return Err(Invalid::new(
            "tranches",
            format!(
                "the vests add up to {} shares, not the grant's {}",
                format_shares(share_total),
                format_shares(shares)
            ),
        ));
    }
    Ok(())
}

impl Rounding {
    pub const ALL: [Self; 2] = [Self::HalfUp, Self::Down];

    pub fn label(&self) -> &'static str {
        match self {
            Self::HalfUp => "Cumulative, half up",
            Self::Down => "Cumulative, round down",
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Self::HalfUp => "half_up",
            Self::Down => "down",
        }
    }

    /// Rounds a cumulative share amount to whole shares.
    pub fn apply(&self, cumulative: Decimal) -> Decimal {
        match self {
            Self::HalfUp => round_half_up(cumulative, 0),
            Self::Down => cumulative.floor(),
        }
    }
}

impl FromStr for Rounding {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, String> {
        Self::CHOICES.parse(input)
    }
}

impl Choice for Rounding {
    const CHOICES: Choices<Self> = Choices {
        what: "rounding rule",
        all: &Self::ALL,
        key: Self::key,
        label: Self::label,
        synonyms: &[],
    };
}

impl ScheduleKind {
    pub const ALL: [Self; 6] = [
        Self::Amazon,
        Self::CliffMonthly,
        Self::CliffQuarterly,
        Self::MetaQuarterly,
        Self::Google,
        Self::Custom,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Amazon => "Amazon 5/15/40/40",
            Self::CliffMonthly => "4 years, 1-year cliff, then monthly",
            Self::CliffQuarterly => "4 years, 1-year cliff, then quarterly",
            Self::MetaQuarterly => "Meta-style quarterly (Feb/May/Aug/Nov 15)",
            Self::Google => "Google-style 33/33/22/12 monthly",
            Self::Custom => "Custom dates",
        }
    }

    /// A label short enough for a table column (18 characters at most).
    pub fn short_label(&self) -> &'static str {
        match self {
            Self::Amazon => "Amazon 5/15/40/40",
            Self::CliffMonthly => "1y cliff, monthly",
            Self::CliffQuarterly => "1y cliff, qtrly",
            Self::MetaQuarterly => "Meta quarterly",
            Self::Google => "Google 33/33/22/12",
            Self::Custom => "Custom dates",
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Self::Amazon => "amazon",
            Self::CliffMonthly => "cliff_monthly",
            Self::CliffQuarterly => "cliff_quarterly",
            Self::MetaQuarterly => "meta_quarterly",
            Self::Google => "google",
            Self::Custom => "custom",
        }
    }
}

impl FromStr for ScheduleKind {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, String> {
        Self::CHOICES.parse(input)
    }
}

impl Choice for ScheduleKind {
    const CHOICES: Choices<Self> = Choices {
        what: "schedule",
        all: &Self::ALL,
        key: Self::key,
        label: Self::label,
        synonyms: &[],
    };
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{d, grant};
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn pairs(grant: &Grant) -> Vec<(NaiveDate, Decimal)> {
        grant
            .tranches()
            .iter()
            .map(|t| (t.date, t.shares))
            .collect()
    }

    fn amounts(grant: &Grant) -> Vec<Decimal> {
        grant.tranches().iter().map(|t| t.shares).collect()
    }

    fn custom(entries: &[(NaiveDate, TrancheAmount)]) -> Schedule {
        Schedule::Custom {
            tranches: entries
                .iter()
                .map(|&(date, amount)| CustomTranche { date, amount })
                .collect(),
        }
    }

    #[test]
    fn amazon_matches_the_design_example() {
        let g = grant(1, dec!(100), d(2024, 3, 15), Schedule::Amazon);
        // 5% of 100 = 5; 20% cumulative = 20 → 15; then 40, 60, 80, 100 → 20 each.
        assert_eq!(
            pairs(&g),
            vec![
                (d(2025, 3, 15), dec!(5)),
                (d(2026, 3, 15), dec!(15)),
                (d(2026, 9, 15), dec!(20)),
                (d(2027, 3, 15), dec!(20)),
                (d(2027, 9, 15), dec!(20)),
                (d(2028, 3, 15), dec!(20)),
            ]
        );
        // Last day 2026-06-30: 5 + 15 = 20 vested, 100 − 20 = 80 forfeited.
        assert_eq!(g.vested_by(d(2026, 6, 30)), dec!(20));
        assert_eq!(g.shares - g.vested_by(d(2026, 6, 30)), dec!(80));
    }

    #[test]
    fn a_vest_dated_on_the_last_day_is_kept() {
        let g = grant(1, dec!(100), d(2024, 3, 15), Schedule::Amazon);
        assert_eq!(g.vested_by(d(2026, 9, 14)), dec!(20));
        // 20 + the 20 vesting on 2026-09-15 itself.
        assert_eq!(g.vested_by(d(2026, 9, 15)), dec!(40));
        assert_eq!(
            g.next_vest_after(d(2026, 9, 15)).map(|t| t.date),
            Some(d(2027, 3, 15))
        );
        assert_eq!(g.next_vest_after(d(2028, 3, 15)), None);
    }

    #[test]
    fn cliff_monthly_matches_the_design_example_and_clamps_month_ends() {
        let g = grant(1, dec!(4800), d(2024, 1, 31), Schedule::CliffMonthly);
        let tranches = g.tranches();
        // 12/48 × 4,800 = 1,200 at the cliff, then 4,800/48 = 100 for each of 36 months.
        assert_eq!(tranches.len(), 37);
        assert_eq!(
            tranches[0],
            Tranche {
                date: d(2025, 1, 31),
                shares: dec!(1200)
            }
        );
        assert!(tranches[1..].iter().all(|t| t.shares == dec!(100)));
        // Each date is the start plus n months, never chained: Feb 28 then back to Mar 31.
        let dates: Vec<NaiveDate> = tranches.iter().map(|t| t.date).collect();
        assert_eq!(
            dates[1..5],
            [
                d(2025, 2, 28),
                d(2025, 3, 31),
                d(2025, 4, 30),
                d(2025, 5, 31)
            ]
        );
        assert_eq!(dates[13], d(2026, 2, 28));
        assert_eq!(dates[36], d(2028, 1, 31));
        assert_eq!(
            tranches.iter().map(|t| t.shares).sum::<Decimal>(),
            dec!(4800)
        );
    }

    #[test]
    fn leap_february_gets_the_29th() {
        // From 2023-01-31, month +13 is February 2024, a leap month.
        let g = grant(1, dec!(4800), d(2023, 1, 31), Schedule::CliffMonthly);
        let dates: Vec<NaiveDate> = g.tranches().iter().map(|t| t.date).collect();
        assert_eq!(dates[1], d(2024, 2, 29));
        assert_eq!(dates[2], d(2024, 3, 31));
        assert_eq!(dates[13], d(2025, 2, 28));
    }

    #[test]
    fn cliff_quarterly_vests_three_48ths_every_quarter() {
        let g = grant(1, dec!(4800), d(2024, 1, 31), Schedule::CliffQuarterly);
        let tranches = g.tranches();
        // 1,200 at the cliff, then 3/48 × 4,800 = 300 at +15, +18, … +48 months: 12 more.
        assert_eq!(tranches.len(), 13);
        assert_eq!(
            tranches[0],
            Tranche {
                date: d(2025, 1, 31),
                shares: dec!(1200)
            }
        );
        assert_eq!(
            tranches[1],
            Tranche {
                date: d(2025, 4, 30),
                shares: dec!(300)
            }
        );
        assert_eq!(
            tranches[2],
            Tranche {
                date: d(2025, 7, 31),
                shares: dec!(300)
            }
        );
        assert_eq!(
            tranches[12],
            Tranche {
                date: d(2028, 1, 31),
                shares: dec!(300)
            }
        );
    }

    #[test]
    fn meta_quarterly_starts_at_the_first_quarterly_date_after_the_start() {
        let g = grant(
            1,
            dec!(160),
            d(2025, 3, 1),
            Schedule::MetaQuarterly { first_vest: None },
        );
        let tranches = g.tranches();
        // 160/16 = 10 each quarter, from May 15 2025 (first of Feb/May/Aug/Nov 15 after Mar 1).
        assert_eq!(tranches.len(), 16);
        assert!(tranches.iter().all(|t| t.shares == dec!(10)));
        let dates: Vec<NaiveDate> = tranches.iter().map(|t| t.date).collect();
        assert_eq!(
            dates[..4],
            [
                d(2025, 5, 15),
                d(2025, 8, 15),
                d(2025, 11, 15),
                d(2026, 2, 15)
            ]
        );
        // 15 quarters = 45 months after 2025-05-15.
        assert_eq!(dates[15], d(2029, 2, 15));
    }

    #[test]
    fn meta_first_vest_is_strictly_after_the_start() {
        assert_eq!(meta_first_vest(d(2025, 2, 14)), d(2025, 2, 15));
        // Starting on a vest date: the first vest is the next quarter, not day zero.
        assert_eq!(meta_first_vest(d(2025, 2, 15)), d(2025, 5, 15));
        assert_eq!(meta_first_vest(d(2025, 11, 20)), d(2026, 2, 15));
        assert_eq!(meta_first_vest(d(2025, 1, 1)), d(2025, 2, 15));
    }

    #[test]
    fn meta_first_vest_can_be_overridden() {
        let schedule = Schedule::MetaQuarterly {
            first_vest: Some(d(2025, 8, 15)),
        };
        let g = grant(1, dec!(160), d(2025, 3, 1), schedule);
        let tranches = g.tranches();
        assert_eq!(tranches[0].date, d(2025, 8, 15));
        assert_eq!(tranches[15].date, d(2029, 5, 15));
        assert!(g.validate().is_ok());
    }

    #[test]
    fn meta_rounds_the_cumulative_amount() {
        let mut g = grant(
            1,
            dec!(100),
            d(2025, 3, 1),
            Schedule::MetaQuarterly { first_vest: None },
        );
        // Cumulative 6.25 → 6, 12.5 → 13, 18.75 → 19, 25 → 25: tranches 6, 7, 6, 6.
        assert_eq!(amounts(&g)[..4], [dec!(6), dec!(7), dec!(6), dec!(6)]);
        g.rounding = Rounding::Down;
        // Cumulative 6.25 → 6, 12.5 → 12, 18.75 → 18, 25 → 25: tranches 6, 6, 6, 7.
        assert_eq!(amounts(&g)[..4], [dec!(6), dec!(6), dec!(6), dec!(7)]);
        assert_eq!(amounts(&g).iter().sum::<Decimal>(), dec!(100));
    }

    #[test]
    fn google_33_33_22_12_half_up() {
        let g = grant(1, dec!(1000), d(2025, 1, 31), Schedule::Google);
        let a = amounts(&g);
        assert_eq!(a.len(), 48);
        // 2.75% of 1,000 = 27.5 a month. Cumulative 27.5 → 28, 55 → 55 (27), 82.5 → 83 (28), 110 (27).
        assert_eq!(a[..4], [dec!(28), dec!(27), dec!(28), dec!(27)]);
        // Month 24: 24 × 27.5 = 660 exactly (66%).
        assert_eq!(g.vested_by(d(2027, 1, 31)), dec!(660));
        // Months 25–27 at 22%/12: 678.33 → 678 (18), 696.67 → 697 (19), 715 (18).
        assert_eq!(a[24..27], [dec!(18), dec!(19), dec!(18)]);
        // Month 36: 88% = 880; months 37–48: 1% = 10 each.
        assert_eq!(g.vested_by(d(2028, 1, 31)), dec!(880));
        assert!(a[36..].iter().all(|s| *s == dec!(10)));
        assert_eq!(a.iter().sum::<Decimal>(), dec!(1000));
        // Month 1 from Jan 31 2025 clamps to Feb 28.
        assert_eq!(g.tranches()[0].date, d(2025, 2, 28));
    }

    #[test]
    fn google_33_33_22_12_round_down() {
        let mut g = grant(1, dec!(1000), d(2025, 1, 31), Schedule::Google);
        g.rounding = Rounding::Down;
        let a = amounts(&g);
        // Cumulative 27.5 → 27, 55 (28), 82.5 → 82 (27), 110 (28).
        assert_eq!(a[..4], [dec!(27), dec!(28), dec!(27), dec!(28)]);
        // 678.33 → 678 (18), 696.67 → 696 (18), 715 (19).
        assert_eq!(a[24..27], [dec!(18), dec!(18), dec!(19)]);
        assert_eq!(a.iter().sum::<Decimal>(), dec!(1000));
    }

    #[test]
    fn custom_percent_rounds_cumulatively_in_date_order() {
        // Entered out of order on purpose.
        let schedule = custom(&[
            (d(2027, 6, 1), TrancheAmount::Percent(dec!(0.3334))),
            (d(2025, 6, 1), TrancheAmount::Percent(dec!(0.3333))),
            (d(2026, 6, 1), TrancheAmount::Percent(dec!(0.3333))),
        ]);
        let mut g = grant(1, dec!(1000), d(2024, 6, 1), schedule);
        assert!(g.validate().is_ok());
        // Cumulative 333.3 → 333, 666.6 → 667, 1,000: tranches 333, 334, 333.
        assert_eq!(
            pairs(&g),
            vec![
                (d(2025, 6, 1), dec!(333)),
                (d(2026, 6, 1), dec!(334)),
                (d(2027, 6, 1), dec!(333))
            ]
        );
        g.rounding = Rounding::Down;
        // 333.3 → 333, 666.6 → 666: tranches 333, 333, 334.
        assert_eq!(amounts(&g), [dec!(333), dec!(333), dec!(334)]);
    }

    #[test]
    fn custom_shares_are_used_as_entered() {
        let schedule = custom(&[
            (d(2025, 6, 1), TrancheAmount::Shares(dec!(4))),
            (d(2026, 6, 1), TrancheAmount::Shares(dec!(4))),
            (d(2027, 6, 1), TrancheAmount::Shares(dec!(2.5))),
        ]);
        let g = grant(1, dec!(10.5), d(2024, 6, 1), schedule);
        assert!(g.validate().is_ok());
        assert_eq!(amounts(&g), [dec!(4), dec!(4), dec!(2.5)]);
    }

    #[test]
    fn fractional_grant_vests_whole_shares_until_the_last() {
        let g = grant(1, dec!(10.5), d(2024, 3, 15), Schedule::Amazon);
        // Cumulative 0.525 → 1, 2.1 → 2, 4.2 → 4, 6.3 → 6, 8.4 → 8, then exactly 10.5.
        assert_eq!(
            amounts(&g),
            [dec!(1), dec!(1), dec!(2), dec!(2), dec!(2), dec!(2.5)]
        );
    }

    #[test]
    fn fractional_grant_never_gets_a_negative_last_tranche() {
        let g = grant(1, dec!(10.9), d(2025, 1, 15), Schedule::Google);
        // Month 45: 1164/1200 × 10.9 = 10.57 would round to 11, past the grant's
        // whole 10 shares (the last tranche would be −0.1); it is held at 10.
        let tranches = g.tranches();
        assert!(tranches.iter().all(|t| t.shares > Decimal::ZERO));
        let last = tranches.last().copied();
        assert_eq!(
            last,
            Some(Tranche {
                date: d(2029, 1, 15),
                shares: dec!(0.9)
            })
        );
        // Whole shares vest in months 2, 6, 9, 12, 16, 19, 22, 26, 31 and 36 (10 in all).
        assert_eq!(tranches.len(), 11);
        assert_eq!(g.vested_by(d(2028, 12, 31)), dec!(10));
    }

    #[test]
    fn tiny_grants_skip_zero_share_months() {
        let g = grant(1, dec!(1), d(2025, 1, 15), Schedule::CliffMonthly);
        // 12/48 of 1 = 0.25 → 0 … 24/48 = 0.5 → 1 at +24 months; nothing else until the end.
        assert_eq!(pairs(&g), vec![(d(2027, 1, 15), dec!(1))]);
    }

    #[test]
    fn rejects_bad_grants_naming_the_field() {
        let good = grant(1, dec!(100), d(2024, 3, 15), Schedule::Amazon);
        assert_eq!(good.validate(), Ok(()));
        let field = |g: Grant| g.validate().map_err(|e| e.field);
        assert_eq!(
            field(Grant {
                shares: dec!(0),
                ..good.clone()
            }),
            Err("shares")
        );
        assert_eq!(
            field(Grant {
                shares: dec!(-5),
                ..good.clone()
            }),
            Err("shares")
        );
        assert_eq!(
            field(Grant {
                shares: dec!(2000000000000),
                ..good.clone()
            }),
            Err("shares")
        );
        assert_eq!(
            field(Grant {
                name: "  ".into(),
                ..good.clone()
            }),
            Err("name")
        );
        assert_eq!(
            field(Grant {
                ticker: "".into(),
                ..good.clone()
            }),
            Err("ticker")
        );
        assert_eq!(
            field(Grant {
                ticker: "AM ZN".into(),
                ..good.clone()
            }),
            Err("ticker")
        );
        // A vest start up to a year before the grant date is fine (new-hire grants), not more.
        let grant_date = d(2024, 3, 15);
        assert_eq!(
            field(Grant {
                grant_date,
                vest_start: d(2023, 3, 15),
                ..good.clone()
            }),
            Ok(())
        );
        assert_eq!(
            field(Grant {
                grant_date,
                vest_start: d(2023, 3, 14),
                ..good.clone()
            }),
            Err("vest_start")
        );
        let meta = |first| Grant {
            schedule: Schedule::MetaQuarterly {
                first_vest: Some(first),
            },
            ..good.clone()
        };
        assert_eq!(field(meta(d(2024, 6, 15))), Err("first_vest"));
        assert_eq!(field(meta(d(2024, 2, 15))), Err("first_vest"));
    }

    #[test]
    fn rejects_custom_tranches_that_do_not_add_up() {
        let with = |entries: &[(NaiveDate, TrancheAmount)], shares| {
            grant(1, shares, d(2024, 1, 1), custom(entries))
                .validate()
                .map_err(|e| e.message)
        };
        let pct = TrancheAmount::Percent;
        assert_eq!(
            with(&[], dec!(100)),
            Err("add at least one vest date".into())
        );
        assert_eq!(
            with(
                &[
                    (d(2025, 1, 1), pct(dec!(0.5))),
                    (d(2026, 1, 1), pct(dec!(0.4)))
                ],
                dec!(100)
            ),
            Err("the percentages add up to 90%, not 100%".into())
        );
        assert_eq!(
            with(
                &[
                    (d(2025, 1, 1), TrancheAmount::Shares(dec!(50))),
                    (d(2026, 1, 1), TrancheAmount::Shares(dec!(40)))
                ],
                dec!(100)
            ),
            Err("the vests add up to 90 shares, not the grant's 100".into())
        );
        let mixed = with(
            &[
                (d(2025, 1, 1), TrancheAmount::Shares(dec!(50))),
                (d(2026, 1, 1), pct(dec!(0.5))),
            ],
            dec!(100),
        );
        assert!(mixed.is_err_and(|m| m.contains("not a mix")));
        let twice = with(
            &[
                (d(2025, 1, 1), pct(dec!(0.5))),
                (d(2025, 1, 1), pct(dec!(0.5))),
            ],
            dec!(100),
        );
        assert_eq!(
            twice,
            Err("two vests on 2025-01-01; combine them into one".into())
        );
        let zero = with(
            &[(d(2025, 1, 1), pct(dec!(1))), (d(2026, 1, 1), pct(dec!(0)))],
            dec!(100),
        );
        assert_eq!(
            zero,
            Err("the vest on 2026-01-01 must release more than zero".into())
        );
    }

    #[test]
    fn parses_schedule_and_rounding_words() {
        assert_eq!("cliff monthly".parse(), Ok(ScheduleKind::CliffMonthly));
        assert_eq!("Cliff-Quarterly".parse(), Ok(ScheduleKind::CliffQuarterly));
        assert_eq!("META_QUARTERLY".parse(), Ok(ScheduleKind::MetaQuarterly));
        assert_eq!("amazon 5/15/40/40".parse(), Ok(ScheduleKind::Amazon));
        let err = "weekly".parse::<ScheduleKind>().unwrap_err();
        assert_eq!(
            err,
            "\"weekly\" is not a schedule (choose one of: amazon, cliff_monthly, cliff_quarterly, meta_quarterly, google, custom)"
        );
        assert_eq!("half up".parse(), Ok(Rounding::HalfUp));
        assert_eq!(" Down ".parse(), Ok(Rounding::Down));
        assert!("nearest".parse::<Rounding>().is_err());
        for kind in ScheduleKind::ALL {
            assert_eq!(kind.key().parse(), Ok(kind));
        }
        let custom = Schedule::Custom {
            tranches: Vec::new(),
        };
        assert_eq!(custom.kind(), ScheduleKind::Custom);
    }

    fn any_schedule() -> impl Strategy<Value = Schedule> {
        prop_oneof![
            Just(Schedule::Amazon),
            Just(Schedule::CliffMonthly),
            Just(Schedule::CliffQuarterly),
            Just(Schedule::MetaQuarterly { first_vest: None }),
            Just(Schedule::Google),
            (1u32..=99).prop_map(|first| Schedule::Custom {
                tranches: vec![
                    CustomTranche {
                        date: NaiveDate::MIN,
                        amount: TrancheAmount::Percent(Decimal::new(first.into(), 2))
                    },
                    CustomTranche {
                        date: NaiveDate::MAX,
                        amount: TrancheAmount::Percent(Decimal::new((100 - first).into(), 2)),
                    },
                ],
            }),
        ]
    }

    fn any_grant() -> impl Strategy<Value = Grant> {
        let shares = prop_oneof![
            (1i64..=1_000_000).prop_map(Decimal::from),
            // Fractional grants with up to four decimals.
            (1i64..=10_000_000_000).prop_map(|n| Decimal::new(n, 4)),
        ];
        let start = (0i64..20_000).prop_map(|days| d(2000, 1, 1) + chrono::Days::new(days as u64));
        let rounding = prop_oneof![Just(Rounding::HalfUp), Just(Rounding::Down)];
        (shares, start, any_schedule(), rounding).prop_map(|(shares, start, schedule, rounding)| {
            Grant {
                rounding,
                ..grant(1, shares, start, schedule)
            }
        })
    }

    proptest! {
        #[test]
        fn tranches_always_sum_to_the_grant(g in any_grant()) {
            let tranches = g.tranches();
            prop_assert_eq!(tranches.iter().map(|t| t.shares).sum::<Decimal>(), g.shares);
            prop_assert!(tranches.iter().all(|t| t.shares > Decimal::ZERO));
            prop_assert!(tranches.windows(2).all(|w| w[0].date < w[1].date));
            // Every vest but the last is whole shares.
            let (_, before_last) = tranches.split_last().expect("a schedule has vests");
            prop_assert!(before_last.iter().all(|t| t.shares.fract().is_zero()));
        }

        #[test]
        fn vested_by_any_day_is_between_nothing_and_the_grant(g in any_grant(), offset in 0i64..40_000) {
            // (vested + forfeited = granted is checked on the last-day report.)
            let day = d(1999, 1, 1) + chrono::Days::new(offset as u64);
            prop_assert!(g.vested_by(day) >= Decimal::ZERO && g.vested_by(day) <= g.shares);
        }
    }
}
