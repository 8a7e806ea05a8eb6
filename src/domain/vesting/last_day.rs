//! The last-day what-if: what a separation date keeps, forfeits and owes.
//!
//! The last day is the separation date. A vest dated on the last day is kept,
//! and so is every vest inside a paid notice period, because employment (and
//! vesting) only ends on the separation date.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::events::{after_withholding, sum_values, value};
use super::{BonusOutcome, Grant, Tranche, VestingBook};
use crate::domain::money::round_cents;
use crate::domain::{Id, Invalid};

/// One grant under a given last day.
#[derive(Clone, Debug, PartialEq)]
pub struct GrantLastDay {
    pub grant_id: Id,
    pub name: String,
    pub ticker: String,
    pub granted: Decimal,
    /// Shares vested on or before the last day.
    pub vested: Decimal,
    /// Shares still unvested after the last day: `granted − vested`.
    pub forfeited: Decimal,
    /// The ticker's current price, `None` when none has been entered.
    pub price: Option<Decimal>,
    /// Forfeited × current price, half-up to cents; `None` without a price
    /// (zero when nothing is forfeited, which needs no price).
    pub forfeited_value: Option<Decimal>,
    /// This grant's first vest after the last day.
    pub next_vest: Option<Tranche>,
}

/// The first vest date after the last day, over all grants: "staying until
/// `date` would add `shares` (`gross`)".
#[derive(Clone, Debug, PartialEq)]
pub struct NextVest {
    pub date: NaiveDate,
    /// All grants' shares vesting on that date.
    pub shares: Decimal,
    /// Their value at current prices, half-up to cents; `None` if any has no price.
    pub gross: Option<Decimal>,
    /// Gross after withholding, half-up to cents.
    pub net: Option<Decimal>,
}

/// Everything the what-if panel and `careerbook vesting` show for one last day.
#[derive(Clone, Debug, PartialEq)]
pub struct LastDayReport {
    pub last_day: NaiveDate,
    pub grants: Vec<GrantLastDay>,
    pub granted: Decimal,
    pub vested: Decimal,
    pub forfeited: Decimal,
    /// The total forfeited value, `None` when a grant with forfeited shares has no price.
    pub forfeited_value: Option<Decimal>,
    /// Sign-on bonuses, then dated bonuses, each in list order.
    pub bonuses: Vec<BonusOutcome>,
    /// The first vest after the last day over every grant, including grants
    /// not yet granted on the last day (staying until then would bring them).
    pub next_vest: Option<NextVest>,
    /// Grants dated after the last day: leaving first means never receiving
    /// them, so they are listed here and left out of the share totals.
    pub not_yet_granted: Vec<NotYetGranted>,
}

/// A grant whose grant date comes after the last day.
#[derive(Clone, Debug, PartialEq)]
pub struct NotYetGranted {
    pub grant_id: Id,
    pub name: String,
    pub ticker: String,
    pub shares: Decimal,
    pub grant_date: NaiveDate,
}

impl LastDayReport {
    /// Whether a vest dated `date` is kept: see [`kept`].
    pub fn keeps(&self, date: NaiveDate) -> bool {
        kept(self.last_day, date)
    }
}

/// Whether leaving on `last_day` keeps a vest dated `date`: on or before it
/// (a vest on the last day itself is kept); after it, it is forfeited.
pub fn kept(last_day: NaiveDate, date: NaiveDate) -> bool {
    date <= last_day
}

/// Works out what leaving on `last_day` keeps and forfeits, valuing shares at
/// each ticker's current price on `today` and net of this tab's withholding
/// rate (or `runway_rate`). Clawbacks are waived when the book says the role
/// is eliminated and the bonus allows it.
///
/// A last day before the grant date of every grant is an error naming the
/// earliest: none of them could have been received, so "forfeited" would be
/// misleading. A last day between grant dates is fine: the later grants are
/// listed as [`NotYetGranted`].
pub fn last_day(
    book: &VestingBook,
    last_day: NaiveDate,
    today: NaiveDate,
    runway_rate: Decimal,
) -> Result<LastDayReport, Invalid> {
    check_last_day(book, last_day)?;
    Ok(report(book, last_day, today, runway_rate))
}

/// Refuses a last day before every grant's grant date.
pub fn check_last_day(book: &VestingBook, last_day: NaiveDate) -> Result<(), Invalid> {
    let Some(earliest) = book.grants.iter().min_by_key(|g| g.grant_date) else {
        return Ok(());
    };
    if last_day >= earliest.grant_date {
        return Ok(());
    }
    let message = if book.grants.len() == 1 {
        format!(
            "{last_day} is before the grant date of \"{}\" ({}); choose a later last day",
            earliest.name, earliest.grant_date
        )
    } else {
        format!(
            "{last_day} is before every grant's grant date (the earliest, \"{}\", is {}); choose a later last day",
            earliest.name, earliest.grant_date
        )
    };
    Err(Invalid::new("last_day", message))
}

/// The report for any last day, without [`check_last_day`]: used for "as of
/// today" when today may come before a newly entered grant's date.
pub fn report(
    book: &VestingBook,
    last_day: NaiveDate,
    today: NaiveDate,
    runway_rate: Decimal,
) -> LastDayReport {
    let price = |ticker: &str| book.price_for(ticker, today).map(|p| p.price);
    let (held, later): (Vec<&Grant>, Vec<&Grant>) =
        book.grants.iter().partition(|g| g.grant_date <= last_day);
    let grants: Vec<GrantLastDay> = held
        .iter()
        .map(|grant| grant_last_day(grant, last_day, price(&grant.ticker)))
        .collect();
    let rate = book.withholding_rate(runway_rate);
    let bonuses = book
        .sign_on_bonuses
        .iter()
        .map(|b| b.outcome(last_day, book.role_eliminated))
        .chain(book.dated_bonuses.iter().map(|b| b.outcome(last_day)))
        .collect();
    let upcoming: Vec<(Tranche, Option<Decimal>)> = book
        .grants
        .iter()
        .filter_map(|g| g.next_vest_after(last_day).map(|t| (t, price(&g.ticker))))
        .collect();
    LastDayReport {
        last_day,
        granted: total(grants.iter().map(|g| g.granted)),
        vested: total(grants.iter().map(|g| g.vested)),
        forfeited: total(grants.iter().map(|g| g.forfeited)),
        forfeited_value: sum_values(grants.iter().map(|g| forfeited_value(g.forfeited, g.price)))
            .map(round_cents),
        bonuses,
        next_vest: next_vest(&upcoming, rate),
        not_yet_granted: later
            .iter()
            .map(|g| NotYetGranted {
                grant_id: g.id,
                name: g.name.clone(),
                ticker: g.ticker.clone(),
                shares: g.shares,
                grant_date: g.grant_date,
            })
            .collect(),
        grants,
    }
}

fn grant_last_day(grant: &Grant, last_day: NaiveDate, price: Option<Decimal>) -> GrantLastDay {
    let vested = grant.vested_by(last_day);
    let forfeited = grant.shares - vested;
    GrantLastDay {
        grant_id: grant.id,
        name: grant.name.clone(),
        ticker: grant.ticker.clone(),
        granted: grant.shares,
        vested,
        forfeited,
        price,
        forfeited_value: forfeited_value(forfeited, price).map(round_cents),
        next_vest: grant.next_vest_after(last_day),
    }
}

/// Forfeited × price at full precision; nothing forfeited is worth exactly
/// zero, price or not.
fn forfeited_value(forfeited: Decimal, price: Option<Decimal>) -> Option<Decimal> {
    if forfeited.is_zero() {
        Some(Decimal::ZERO)
    } else {
        value(forfeited, price)
    }
}

/// The earliest of the grants' next vests, with every grant vesting that day.
fn next_vest(upcoming: &[(Tranche, Option<Decimal>)], rate: Decimal) -> Option<NextVest> {
    let date = upcoming.iter().map(|(t, _)| t.date).min()?;
    let vesting: Vec<(Decimal, Option<Decimal>)> = upcoming
        .iter()
        .filter(|(t, _)| t.date == date)
        .map(|(t, price)| (t.shares, *price))
        .collect();
    let gross = sum_values(vesting.iter().map(|(shares, price)| value(*shares, *price)));
    Some(NextVest {
        date,
        shares: total(vesting.iter().map(|(shares, _)| *shares)),
        gross: gross.map(round_cents),
        net: gross
            .and_then(|g| after_withholding(g, rate))
            .map(round_cents),
    })
}

/// How far one press moves the what-if last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Day,
    Week,
    Month,
}

/// `date` moved one `step` forward or back; a month step clamps to the end of
/// a shorter month (Mar 31 → Feb 28). Stays put at the ends of the calendar.
pub fn step_date(date: NaiveDate, step: Step, forward: bool) -> NaiveDate {
    use chrono::{Days, Months};
    let moved = match (step, forward) {
        (Step::Day, true) => date.checked_add_days(Days::new(1)),
        (Step::Day, false) => date.checked_sub_days(Days::new(1)),
        (Step::Week, true) => date.checked_add_days(Days::new(7)),
        (Step::Week, false) => date.checked_sub_days(Days::new(7)),
        (Step::Month, true) => date.checked_add_months(Months::new(1)),
        (Step::Month, false) => date.checked_sub_months(Months::new(1)),
    };
    moved.unwrap_or(date)
}

/// Share totals across grants; saturating so absurd hand-edited counts cannot panic.
fn total(shares: impl Iterator<Item = Decimal>) -> Decimal {
    shares.fold(Decimal::ZERO, Decimal::saturating_add)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{amazon_book, d, grant};
    use super::super::{BonusStatus, DatedBonus, Schedule, SignOnBonus};
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    const RUNWAY_RATE: Decimal = dec!(0.2965);

    fn today() -> NaiveDate {
        d(2026, 11, 26)
    }

    #[test]
    fn design_example_last_day() {
        let report =
            last_day(&amazon_book(), d(2026, 6, 30), today(), RUNWAY_RATE).expect("valid last day");
        // 5 (2025-03-15) + 15 (2026-03-15) = 20 vested; 100 − 20 = 80 forfeited.
        assert_eq!(
            (report.vested, report.forfeited, report.granted),
            (dec!(20), dec!(80), dec!(100))
        );
        // 80 × 185.50 = 14,840.00 at today's price.
        assert_eq!(report.forfeited_value, Some(dec!(14840.00)));
        assert_eq!(report.grants[0].forfeited_value, Some(dec!(14840.00)));
        // Staying until 2026-09-15 would add 20 shares: 20 × 185.50 = 3,710.00, net 3,710 × 0.7035 = 2,609.985 → 2,609.99.
        let next = report.next_vest.expect("a vest follows");
        assert_eq!((next.date, next.shares), (d(2026, 9, 15), dec!(20)));
        assert_eq!(
            (next.gross, next.net),
            (Some(dec!(3710.00)), Some(dec!(2609.99)))
        );
    }

    #[test]
    fn leaving_on_a_vest_date_keeps_that_vest() {
        let report =
            last_day(&amazon_book(), d(2026, 9, 15), today(), RUNWAY_RATE).expect("valid last day");
        // 5 + 15 + 20 = 40; the next vest is half a year later.
        assert_eq!(report.vested, dec!(40));
        assert_eq!(report.next_vest.map(|n| n.date), Some(d(2027, 3, 15)));
        let after_all =
            last_day(&amazon_book(), d(2028, 3, 15), today(), RUNWAY_RATE).expect("valid last day");
        assert_eq!(
            (
                after_all.forfeited,
                after_all.forfeited_value,
                after_all.next_vest
            ),
            (dec!(0), Some(dec!(0)), None)
        );
    }

    #[test]
    fn unpriced_forfeits_have_no_value_but_the_shares_still_count() {
        let mut book = amazon_book();
        let mut meta = grant(
            2,
            dec!(160),
            d(2025, 3, 1),
            Schedule::MetaQuarterly { first_vest: None },
        );
        meta.ticker = "META".into();
        book.grants.push(meta);
        let report = last_day(&book, d(2026, 6, 30), today(), RUNWAY_RATE).expect("valid last day");
        // META: 10 a quarter from 2025-05-15 to 2026-05-15 = 5 vests = 50; 110 forfeited.
        assert_eq!(
            (report.grants[1].vested, report.grants[1].forfeited),
            (dec!(50), dec!(110))
        );
        assert_eq!(report.grants[1].forfeited_value, None);
        // Totals: 20 + 50 = 70 vested, 80 + 110 = 190 forfeited; no total value without META's price.
        assert_eq!(
            (report.vested, report.forfeited, report.forfeited_value),
            (dec!(70), dec!(190), None)
        );
        // Next: META's 10 on 2026-08-15 comes before AMZN's 2026-09-15; no price, so no value.
        let next = report.next_vest.expect("a vest follows");
        assert_eq!(
            (next.date, next.shares, next.gross),
            (d(2026, 8, 15), dec!(10), None)
        );
    }

    #[test]
    fn next_vest_adds_up_grants_vesting_the_same_day() {
        let mut book = amazon_book();
        book.grants
            .push(grant(2, dec!(50), d(2024, 3, 15), Schedule::Amazon));
        let report = last_day(&book, d(2026, 6, 30), today(), RUNWAY_RATE).expect("valid last day");
        // Both vest 20% on 2026-09-15: 20 + 10 = 30 shares × 185.50 = 5,565.00.
        let next = report.next_vest.expect("a vest follows");
        assert_eq!(
            (next.date, next.shares, next.gross),
            (d(2026, 9, 15), dec!(30), Some(dec!(5565.00)))
        );
    }

    #[test]
    fn reports_bonuses_kept_missed_and_clawed_back() {
        let mut book = amazon_book();
        book.sign_on_bonuses.push(SignOnBonus {
            id: 3,
            name: "Sign-on".into(),
            gross: dec!(30000),
            paid: d(2025, 11, 30),
            clawback_months: 12,
            prorated: true,
            waived_if_eliminated: true,
        });
        book.dated_bonuses.push(DatedBonus {
            id: 4,
            name: "Annual bonus".into(),
            gross: dec!(12000),
            kind: super::super::BonusKind::Annual,
            must_be_employed_on: d(2026, 7, 1),
            pay_date: None,
        });
        let statuses = |book: &VestingBook| -> Vec<(BonusStatus, Decimal)> {
            let report =
                last_day(book, d(2026, 6, 30), today(), RUNWAY_RATE).expect("valid last day");
            report
                .bonuses
                .iter()
                .map(|b| (b.status, b.amount))
                .collect()
        };
        // 7 months served (2026-06-30 is the 7th anniversary of Nov 30): 30,000 × 5/12 = 12,500.
        // The annual bonus needs employment on 2026-07-01, a day after the last day.
        assert_eq!(
            statuses(&book),
            [
                (BonusStatus::Clawback, dec!(12500)),
                (BonusStatus::Missed, dec!(12000))
            ]
        );
        book.role_eliminated = true;
        assert_eq!(
            statuses(&book),
            [
                (BonusStatus::Kept, dec!(30000)),
                (BonusStatus::Missed, dec!(12000))
            ]
        );
    }

    #[test]
    fn a_last_day_before_a_grant_date_is_an_error() {
        let err = last_day(&amazon_book(), d(2024, 3, 14), today(), RUNWAY_RATE).unwrap_err();
        assert_eq!(err.field, "last_day");
        assert_eq!(
            err.message,
            "2024-03-14 is before the grant date of \"Grant 1\" (2024-03-15); choose a later last day"
        );
        assert!(last_day(&amazon_book(), d(2024, 3, 15), today(), RUNWAY_RATE).is_ok());
    }

    #[test]
    fn steps_move_the_last_day_by_a_day_week_or_month() {
        assert_eq!(step_date(d(2027, 2, 9), Step::Day, true), d(2027, 2, 10));
        assert_eq!(step_date(d(2027, 3, 1), Step::Day, false), d(2027, 2, 28));
        assert_eq!(step_date(d(2027, 2, 9), Step::Week, false), d(2027, 2, 2));
        assert_eq!(step_date(d(2027, 1, 31), Step::Month, true), d(2027, 2, 28));
        assert_eq!(
            step_date(d(2027, 3, 31), Step::Month, false),
            d(2027, 2, 28)
        );
        assert_eq!(step_date(NaiveDate::MAX, Step::Week, true), NaiveDate::MAX);
    }

    #[test]
    fn a_grant_dated_after_the_last_day_is_not_yet_granted() {
        let mut book = amazon_book();
        let mut refresher = grant(2, dec!(64), d(2027, 1, 15), Schedule::Amazon);
        refresher.name = "Refresher".into();
        book.grants.push(refresher);
        // Between the two grant dates: the refresher is listed apart, not forfeited.
        let report = last_day(&book, d(2026, 11, 26), today(), RUNWAY_RATE).expect("after grant 1");
        assert_eq!(report.grants.len(), 1);
        assert_eq!(
            (report.granted, report.vested, report.forfeited),
            (dec!(100), dec!(40), dec!(60))
        );
        assert_eq!(
            report.not_yet_granted,
            [NotYetGranted {
                grant_id: 2,
                name: "Refresher".into(),
                ticker: "AMZN".into(),
                shares: dec!(64),
                grant_date: d(2027, 1, 15),
            }]
        );
        // 60 × 185.50 = 11,130.00: the refresher adds nothing to the forfeited value.
        assert_eq!(report.forfeited_value, Some(dec!(11130.00)));
        // On the refresher's grant date it counts, with nothing vested yet.
        let report = last_day(&book, d(2027, 1, 15), today(), RUNWAY_RATE).expect("valid");
        assert!(report.not_yet_granted.is_empty());
        assert_eq!((report.granted, report.forfeited), (dec!(164), dec!(124)));
    }

    #[test]
    fn before_every_grant_date_is_an_error_naming_the_earliest() {
        let mut book = amazon_book();
        let mut later = grant(2, dec!(64), d(2027, 1, 15), Schedule::Amazon);
        later.name = "Refresher".into();
        book.grants.insert(0, later);
        let err = last_day(&book, d(2024, 1, 1), today(), RUNWAY_RATE).unwrap_err();
        assert_eq!(
            err.message,
            "2024-01-01 is before every grant's grant date (the earliest, \"Grant 1\", is 2024-03-15); choose a later last day"
        );
        // Without the check, everything is simply not granted yet.
        let report = report(&book, d(2024, 1, 1), today(), RUNWAY_RATE);
        assert_eq!(report.not_yet_granted.len(), 2);
        assert_eq!(
            (report.granted, report.forfeited_value),
            (dec!(0), Some(dec!(0)))
        );
        // The next vest still comes from the grants: 5 shares on 2025-03-15.
        assert_eq!(
            report.next_vest.map(|n| (n.date, n.shares)),
            Some((d(2025, 3, 15), dec!(5)))
        );
        // No grants at all: any last day will do (bonuses only).
        assert!(last_day(&VestingBook::default(), d(2000, 1, 1), today(), RUNWAY_RATE).is_ok());
    }

    proptest! {
        #[test]
        fn vested_plus_forfeited_is_granted_for_any_last_day(
            offset in 0u64..6_000,
            shares in 1i64..1_000_000,
            hundredths in 0i64..100,
        ) {
            let mut book = amazon_book();
            let shares = Decimal::from(shares) + Decimal::new(hundredths, 2);
            book.grants.push(grant(2, shares, d(2023, 5, 31), Schedule::Google));
            book.grants.push(grant(3, shares, d(2024, 1, 31), Schedule::CliffQuarterly));
            let day = d(2024, 3, 15) + chrono::Days::new(offset);
            let report = last_day(&book, day, today(), RUNWAY_RATE).expect("after every grant date");
            prop_assert_eq!(report.vested + report.forfeited, report.granted);
            for row in &report.grants {
                prop_assert_eq!(row.vested + row.forfeited, row.granted);
                prop_assert!(row.vested >= Decimal::ZERO && row.forfeited >= Decimal::ZERO);
            }
        }
    }
}
