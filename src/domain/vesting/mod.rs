//! The Vesting tab: grants and their schedules, share prices entered by hand,
//! bonuses, and what a given last day keeps or forfeits.
//!
//! Everything here is pure: "today" and the Runway tab's withholding rate come
//! in as parameters. No price is ever invented: a value is `None` when the
//! ticker has no price.

mod bonus;
mod events;
pub mod explain;
mod json;
mod last_day;
mod schedule;
mod tranche_text;

pub use bonus::{
    BonusKind, BonusOutcome, BonusSource, BonusStatus, ClawbackOwed, DatedBonus, SignOnBonus,
    clawbacks_owed,
};
pub use events::{
    EventsTotal, QuarterBucket, RunwayVests, Vest, VestEvent, by_quarter, events, events_of,
    first_events, runway_vests, total, vests,
};
pub use json::{BonusJson, EventJson, NextVestJson, NotYetGrantedJson, VestingJson, vesting_json};
pub use last_day::{
    GrantLastDay, LastDayReport, NextVest, NotYetGranted, Step, check_last_day, kept, last_day,
    report, step_date,
};
pub use schedule::{
    CustomTranche, Grant, Rounding, Schedule, ScheduleKind, Tranche, TrancheAmount, meta_first_vest,
};
pub use tranche_text::{format_tranches, parse_tranches};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::{Id, Invalid};

/// The Vesting section of the workbook.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VestingBook {
    pub grants: Vec<Grant>,
    /// Prices by hand; a ticker may have several, the latest `as_of` counts.
    pub prices: Vec<Price>,
    pub sign_on_bonuses: Vec<SignOnBonus>,
    pub dated_bonuses: Vec<DatedBonus>,
    /// Effective withholding on vests as a fraction (`0.2965`); `None` uses the Runway tab's rate.
    pub withholding: Option<Decimal>,
    /// Whether the separation is a role elimination, for clawback waivers.
    pub role_eliminated: bool,
}

/// A share price entered by hand (careerbook never fetches prices).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub id: Id,
    pub ticker: String,
    pub price: Decimal,
    pub as_of: NaiveDate,
}

/// The largest share count, price or bonus accepted: the one limit every
/// amount shares (see [`crate::domain::money::MAX_AMOUNT`]).
pub use crate::domain::money::MAX_AMOUNT;

impl VestingBook {
    /// The current price of `ticker` as known on `today`: the latest one dated
    /// on or before today (a later entry wins a tie). Tickers match ignoring case.
    pub fn price_for(&self, ticker: &str, today: NaiveDate) -> Option<&Price> {
        self.prices
            .iter()
            .filter(|p| same_ticker(&p.ticker, ticker) && p.as_of <= today)
            .max_by_key(|p| p.as_of)
    }

    /// The withholding rate for vests: this tab's own rate, else the Runway tab's.
    pub fn withholding_rate(&self, runway_rate: Decimal) -> Decimal {
        self.withholding.unwrap_or(runway_rate)
    }

    /// Checks every record, for a file edited by hand; forms check one record.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Invalid> {
        if let Some(rate) = self.withholding {
            validate_withholding(rate)?;
        }
        self.grants.iter().try_for_each(Grant::validate)?;
        self.prices.iter().try_for_each(|p| p.validate(today))?;
        self.sign_on_bonuses
            .iter()
            .try_for_each(SignOnBonus::validate)?;
        self.dated_bonuses.iter().try_for_each(DatedBonus::validate)
    }
}

impl Price {
    /// A price must be positive and not dated after today (it would be ignored until then).
    pub fn validate(&self, today: NaiveDate) -> Result<(), Invalid> {
        validate_ticker(&self.ticker)?;
        if self.price <= Decimal::ZERO {
            return Err(Invalid::new("price", "must be more than zero"));
        }
        if self.price > MAX_AMOUNT {
            return Err(Invalid::new(
                "price",
                "is larger than any share price; check the number",
            ));
        }
        if self.as_of > today {
            return Err(Invalid::new(
                "as_of",
                format!(
                    "{} is in the future; a price can only be as of today or earlier",
                    self.as_of
                ),
            ));
        }
        Ok(())
    }
}

/// A withholding rate is a fraction from 0 up to (not including) 1.
pub fn validate_withholding(rate: Decimal) -> Result<(), Invalid> {
    if rate < Decimal::ZERO || rate >= Decimal::ONE {
        return Err(Invalid::new(
            "withholding",
            "must be at least 0% and less than 100%",
        ));
    }
    Ok(())
}

fn same_ticker(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn validate_name(field: &'static str, text: &str, message: &str) -> Result<(), Invalid> {
    if text.trim().is_empty() {
        return Err(Invalid::new(field, message));
    }
    Ok(())
}

fn validate_ticker(ticker: &str) -> Result<(), Invalid> {
    let ticker = ticker.trim();
    if ticker.is_empty() {
        return Err(Invalid::new(
            "ticker",
            "enter the stock's ticker, like AMZN",
        ));
    }
    if ticker.chars().any(char::is_whitespace) {
        return Err(Invalid::new(
            "ticker",
            format!("{ticker:?} has a space; a ticker is one word, like AMZN"),
        ));
    }
    Ok(())
}

/// `amount × numerator / denominator`, multiplying first so halves stay exact
/// (24 × 13/48 is exactly 6.5, which half-up rounding must see). Dividing first
/// is the fallback only for amounts too large to multiply.
fn share_of(amount: Decimal, numerator: Decimal, denominator: Decimal) -> Decimal {
    match amount.checked_mul(numerator) {
        Some(product) => product / denominator,
        None => amount / denominator * numerator,
    }
}

/// Builders shared by this module's tests.
#[cfg(test)]
mod test_support {
    use super::*;

    pub fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    /// A grant granted on its vest start, rounding half-up.
    pub fn grant(id: Id, shares: Decimal, vest_start: NaiveDate, schedule: Schedule) -> Grant {
        Grant {
            id,
            name: format!("Grant {id}"),
            ticker: "AMZN".into(),
            shares,
            grant_date: vest_start,
            vest_start,
            schedule,
            rounding: Rounding::HalfUp,
        }
    }

    pub fn price(id: Id, ticker: &str, price: Decimal, as_of: NaiveDate) -> Price {
        Price {
            id,
            ticker: ticker.into(),
            price,
            as_of,
        }
    }

    /// The design example's 100 Amazon-style RSUs from 2024-03-15, AMZN at
    /// $185.50 as of 2026-11-20.
    pub fn amazon_book() -> VestingBook {
        VestingBook {
            grants: vec![grant(
                1,
                Decimal::ONE_HUNDRED,
                d(2024, 3, 15),
                Schedule::Amazon,
            )],
            prices: vec![price(10, "AMZN", Decimal::new(18550, 2), d(2026, 11, 20))],
            ..VestingBook::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{amazon_book, d, grant, price};
    use super::*;
    use rust_decimal_macros::dec;

    /// A book with every kind of record and every schedule variant.
    fn full_book() -> VestingBook {
        let custom = |amount| Schedule::Custom {
            tranches: vec![
                CustomTranche {
                    date: d(2025, 6, 1),
                    amount,
                },
                CustomTranche {
                    date: d(2026, 6, 1),
                    amount,
                },
            ],
        };
        let mut down = grant(6, dec!(10.5), d(2024, 1, 31), Schedule::Google);
        down.rounding = Rounding::Down;
        VestingBook {
            grants: vec![
                grant(1, dec!(100), d(2024, 3, 15), Schedule::Amazon),
                grant(2, dec!(4800), d(2024, 1, 31), Schedule::CliffMonthly),
                grant(3, dec!(4800), d(2024, 1, 31), Schedule::CliffQuarterly),
                grant(
                    4,
                    dec!(160),
                    d(2025, 3, 1),
                    Schedule::MetaQuarterly { first_vest: None },
                ),
                grant(
                    5,
                    dec!(160),
                    d(2025, 3, 1),
                    Schedule::MetaQuarterly {
                        first_vest: Some(d(2025, 8, 15)),
                    },
                ),
                down,
                grant(
                    7,
                    dec!(100),
                    d(2024, 6, 1),
                    custom(TrancheAmount::Percent(dec!(0.5))),
                ),
                grant(
                    8,
                    dec!(100),
                    d(2024, 6, 1),
                    custom(TrancheAmount::Shares(dec!(50))),
                ),
            ],
            prices: vec![price(9, "AMZN", dec!(185.50), d(2026, 11, 20))],
            sign_on_bonuses: vec![SignOnBonus {
                id: 10,
                name: "Sign-on".into(),
                gross: dec!(30000),
                paid: d(2025, 1, 15),
                clawback_months: 12,
                prorated: true,
                waived_if_eliminated: true,
            }],
            dated_bonuses: vec![DatedBonus {
                id: 11,
                name: "Retention".into(),
                gross: dec!(20000),
                kind: BonusKind::Retention,
                must_be_employed_on: d(2027, 1, 1),
                pay_date: Some(d(2027, 1, 15)),
            }],
            withholding: Some(dec!(0.2965)),
            role_eliminated: true,
        }
    }

    #[test]
    fn ron_round_trip_keeps_every_record() {
        let book = full_book();
        assert_eq!(book.validate(d(2026, 11, 26)), Ok(()));
        let text = ron::to_string(&book).expect("serializes");
        let back: VestingBook = ron::from_str(&text).expect("parses");
        assert_eq!(back, book);
        // Money and shares are strings, dates ISO.
        assert!(text.contains("\"185.50\""), "{text}");
        assert!(text.contains("\"2024-03-15\""), "{text}");
    }

    #[test]
    fn unknown_fields_are_rejected() {
        for text in [
            "(colour: 1)",
            r#"(prices: [(id: 1, ticker: "AMZN", price: "1", as_of: "2026-01-01", currency: "USD")])"#,
            r#"(grants: [(id: 1, name: "G", ticker: "T", shares: "1", grant_date: "2026-01-01",
                vest_start: "2026-01-01", schedule: meta_quarterly(first: None))])"#,
            r#"(grants: [(id: 1, name: "G", ticker: "T", shares: "1", grant_date: "2026-01-01",
                vest_start: "2026-01-01", schedule: custom(tranches: [(date: "2027-01-01",
                amount: percent("1"), note: "")]))])"#,
        ] {
            let err = ron::from_str::<VestingBook>(text).expect_err("an unknown field is rejected");
            assert!(err.to_string().contains("Unexpected field"), "{err}");
        }
    }

    #[test]
    fn missing_fields_take_their_defaults() {
        let book: VestingBook = ron::from_str("()").expect("an empty section loads");
        assert_eq!(book, VestingBook::default());
        let text = r#"(grants: [(id: 1, name: "G", ticker: "T", shares: "100", grant_date: "2024-03-15",
            vest_start: "2024-03-15", schedule: amazon)],
            sign_on_bonuses: [(id: 2, name: "S", gross: "1000", paid: "2025-01-01")])"#;
        let book: VestingBook = ron::from_str(text).expect("loads");
        assert_eq!(book.grants[0].rounding, Rounding::HalfUp);
        let bonus = &book.sign_on_bonuses[0];
        assert_eq!(
            (
                bonus.clawback_months,
                bonus.prorated,
                bonus.waived_if_eliminated
            ),
            (0, false, false)
        );
        let meta: Schedule = ron::from_str("meta_quarterly()").expect("loads");
        assert_eq!(meta, Schedule::MetaQuarterly { first_vest: None });
    }

    #[test]
    fn validates_prices_and_withholding() {
        let today = d(2026, 11, 26);
        let field = |p: Price| p.validate(today).map_err(|e| e.field);
        let good = price(1, "AMZN", dec!(185.50), today);
        assert_eq!(field(good.clone()), Ok(()));
        assert_eq!(
            field(Price {
                price: dec!(-1),
                ..good.clone()
            }),
            Err("price")
        );
        assert_eq!(
            field(Price {
                price: dec!(0),
                ..good.clone()
            }),
            Err("price")
        );
        assert_eq!(
            field(Price {
                ticker: " ".into(),
                ..good.clone()
            }),
            Err("ticker")
        );
        assert_eq!(
            field(Price {
                as_of: d(2026, 11, 27),
                ..good
            }),
            Err("as_of")
        );
        assert_eq!(validate_withholding(dec!(0)), Ok(()));
        assert_eq!(validate_withholding(dec!(0.2965)), Ok(()));
        assert!(validate_withholding(dec!(1)).is_err());
        assert!(validate_withholding(dec!(-0.01)).is_err());
        assert_eq!(amazon_book().withholding_rate(dec!(0.3)), dec!(0.3));
    }

    #[test]
    fn book_validation_finds_a_bad_record_anywhere() {
        let today = d(2026, 11, 26);
        let mut book = full_book();
        book.withholding = Some(dec!(1.5));
        assert_eq!(
            book.validate(today).map_err(|e| e.field),
            Err("withholding")
        );
        let mut book = full_book();
        book.dated_bonuses[0].name.clear();
        assert_eq!(book.validate(today).map_err(|e| e.field), Err("name"));
        let mut book = full_book();
        book.grants[3].shares = dec!(0);
        assert_eq!(book.validate(today).map_err(|e| e.field), Err("shares"));
    }

    #[test]
    fn max_amount_is_a_trillion() {
        assert_eq!(MAX_AMOUNT, dec!(1_000_000_000_000));
    }
}
