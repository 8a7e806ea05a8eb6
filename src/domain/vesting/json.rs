//! The shape of `careerbook vesting --format json`.
//!
//! Shares are decimal strings as entered (`"20"`, `"10.5"`), money is a string
//! with two decimals, half-up (`"3710.00"`), dates are `"YYYY-MM-DD"`, and a
//! value without a price is `null`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::{BonusStatus, LastDayReport, VestEvent, VestingBook, events, last_day, report};
use crate::domain::Invalid;
use crate::domain::money::{serialize_cents as money, serialize_cents_or_null as money_or_null};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VestingJson {
    pub events: Vec<EventJson>,
    #[serde(serialize_with = "shares")]
    pub vested: Decimal,
    #[serde(serialize_with = "shares")]
    pub forfeited: Decimal,
    #[serde(serialize_with = "money_or_null")]
    pub forfeited_value: Option<Decimal>,
    pub bonuses: Vec<BonusJson>,
    pub next_vest_after: Option<NextVestJson>,
    /// Grants dated after the last day: left out of `vested` and `forfeited`.
    pub not_yet_granted: Vec<NotYetGrantedJson>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NotYetGrantedJson {
    pub grant: String,
    pub grant_date: NaiveDate,
    #[serde(serialize_with = "shares")]
    pub shares: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventJson {
    pub grant: String,
    pub date: NaiveDate,
    #[serde(serialize_with = "shares")]
    pub shares: Decimal,
    #[serde(serialize_with = "money_or_null")]
    pub gross: Option<Decimal>,
    #[serde(serialize_with = "money_or_null")]
    pub net: Option<Decimal>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BonusJson {
    pub name: String,
    pub status: BonusStatus,
    /// Kept: the gross kept; missed: the gross not received; clawback: the repayment owed.
    #[serde(serialize_with = "money")]
    pub amount: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NextVestJson {
    pub date: NaiveDate,
    #[serde(serialize_with = "shares")]
    pub shares: Decimal,
    #[serde(serialize_with = "money_or_null")]
    pub gross: Option<Decimal>,
}

/// The JSON report: `events` lists every vest from `today` on (today
/// included), whatever the last day, so the whole upcoming schedule shows;
/// the other fields are as of `last_day`, or as of today when none is given.
/// A requested last day before every grant date is refused; "as of today" never
/// is (a grant dated later is listed in `not_yet_granted`).
pub fn vesting_json(
    book: &VestingBook,
    requested_last_day: Option<NaiveDate>,
    today: NaiveDate,
    runway_rate: Decimal,
) -> Result<VestingJson, Invalid> {
    let upcoming = events(book, today, NaiveDate::MAX, today, runway_rate);
    let report = match requested_last_day {
        Some(day) => last_day(book, day, today, runway_rate)?,
        None => report(book, today, today, runway_rate),
    };
    Ok(VestingJson::new(&upcoming, &report))
}

impl VestingJson {
    pub fn new(events: &[VestEvent], report: &LastDayReport) -> Self {
        Self {
            events: events
                .iter()
                .map(|e| EventJson {
                    grant: e.grant.clone(),
                    date: e.date,
                    shares: e.shares,
                    gross: e.gross,
                    net: e.net,
                })
                .collect(),
            vested: report.vested,
            forfeited: report.forfeited,
            forfeited_value: report.forfeited_value,
            bonuses: report
                .bonuses
                .iter()
                .map(|b| BonusJson {
                    name: b.name.clone(),
                    status: b.status,
                    amount: b.amount,
                })
                .collect(),
            next_vest_after: report.next_vest.as_ref().map(|n| NextVestJson {
                date: n.date,
                shares: n.shares,
                gross: n.gross,
            }),
            not_yet_granted: report
                .not_yet_granted
                .iter()
                .map(|g| NotYetGrantedJson {
                    grant: g.name.clone(),
                    grant_date: g.grant_date,
                    shares: g.shares,
                })
                .collect(),
        }
    }
}

fn shares<S: Serializer>(shares: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&shares.normalize().to_string())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{amazon_book, d, grant};
    use super::super::{Schedule, SignOnBonus};
    use super::*;
    use rust_decimal_macros::dec;
    use serde_json::json;

    #[test]
    fn json_has_the_issue_shape() {
        let mut book = amazon_book();
        let mut meta = grant(
            2,
            dec!(10.5),
            d(2026, 3, 1),
            Schedule::Custom {
                tranches: vec![super::super::CustomTranche {
                    date: d(2027, 1, 4),
                    amount: super::super::TrancheAmount::Shares(dec!(10.5)),
                }],
            },
        );
        meta.ticker = "META".into();
        meta.name = "Refresh".into();
        book.grants.push(meta);
        book.sign_on_bonuses.push(SignOnBonus {
            id: 3,
            name: "Sign-on".into(),
            gross: dec!(30000),
            paid: d(2026, 1, 15),
            clawback_months: 12,
            prorated: true,
            waived_if_eliminated: false,
        });
        let today = d(2026, 11, 26);
        let report =
            vesting_json(&book, Some(d(2026, 12, 31)), today, dec!(0.2965)).expect("valid");
        let value = serde_json::to_value(&report).expect("serializes");
        // AMZN on 2026-12-31: 40 of 100 vested (5 + 15 + 20), 60 forfeited; META's 10.5 all forfeited.
        // Forfeited value: no META price, so null. Sign-on: 11 months served (Dec 15 anniversary),
        // 30,000 × 1/12 = 2,500 owed. Next vest: META 10.5 on 2027-01-04, no price.
        assert_eq!(
            value,
            json!({
                "events": [
                    {"grant": "Refresh", "date": "2027-01-04", "shares": "10.5", "gross": null, "net": null},
                    {"grant": "Grant 1", "date": "2027-03-15", "shares": "20", "gross": "3710.00", "net": "2609.99"},
                    {"grant": "Grant 1", "date": "2027-09-15", "shares": "20", "gross": "3710.00", "net": "2609.99"},
                    {"grant": "Grant 1", "date": "2028-03-15", "shares": "20", "gross": "3710.00", "net": "2609.99"},
                ],
                "vested": "40",
                "forfeited": "70.5",
                "forfeited_value": null,
                "bonuses": [{"name": "Sign-on", "status": "clawback", "amount": "2500.00"}],
                "next_vest_after": {"date": "2027-01-04", "shares": "10.5", "gross": null},
                "not_yet_granted": [],
            })
        );
    }

    #[test]
    fn without_a_last_day_the_totals_are_as_of_today() {
        let today = d(2026, 11, 26);
        let report = vesting_json(&amazon_book(), None, today, dec!(0.2965)).expect("valid");
        let value = serde_json::to_value(&report).expect("serializes");
        // As of 2026-11-26: 5 + 15 + 20 (2026-09-15) = 40 vested; 60 × 185.50 = 11,130.00.
        assert_eq!(value["vested"], "40");
        assert_eq!(value["forfeited"], "60");
        assert_eq!(value["forfeited_value"], "11130.00");
        assert_eq!(
            value["next_vest_after"],
            json!({"date": "2027-03-15", "shares": "20", "gross": "3710.00"})
        );
        assert_eq!(value["bonuses"], json!([]));
    }

    #[test]
    fn as_of_today_a_future_grant_is_not_yet_granted_not_an_error() {
        let today = d(2026, 11, 26);
        let mut book = amazon_book();
        let mut offer = grant(2, dec!(64), d(2027, 1, 15), Schedule::Amazon);
        offer.name = "Refresher".into();
        book.grants.push(offer);
        let value =
            serde_json::to_value(vesting_json(&book, None, today, dec!(0.2965)).expect("today"))
                .expect("serializes");
        // The totals are grant 1's alone: 40 vested, 60 forfeited (× 185.50 = 11,130.00).
        assert_eq!(
            (
                &value["vested"],
                &value["forfeited"],
                &value["forfeited_value"]
            ),
            (&json!("40"), &json!("60"), &json!("11130.00"))
        );
        assert_eq!(
            value["not_yet_granted"],
            json!([{"grant": "Refresher", "grant_date": "2027-01-15", "shares": "64"}])
        );
        // Asking for a day before every grant is still refused.
        assert!(vesting_json(&book, Some(d(2024, 1, 1)), today, dec!(0.2965)).is_err());
    }

    #[test]
    fn a_bad_last_day_is_an_error_not_a_report() {
        let err = vesting_json(
            &amazon_book(),
            Some(d(2020, 1, 1)),
            d(2026, 11, 26),
            dec!(0.2965),
        )
        .unwrap_err();
        assert_eq!(err.field, "last_day");
    }
}
