//! Values that are saved but look like a slip: a balance or a share price
//! ten times (or a tenth of) the last one, a weekly unemployment benefit
//! above every state's maximum, a health premium ten times the KFF
//! reference, a severance under $1,000 (weeks typed without their word). Never refused (a real balance can jump), always said.
//!
//! [`warnings`] reads an edit against the workbook it is about to change,
//! so every way in says the same thing: the shell calls it for each change
//! it saves, and so does the full-screen workbook when a form saves. The
//! checks for one value ([`balance`], [`price`], [`severance_amount`], and the
//! reference module's `benefit_warning` and `premium_warning`) are what a
//! form's field warnings call.

use crate::domain::edit::{Edit, Item, Section};
use crate::domain::money::{format_money, tenfold_warning};
use crate::domain::runway::reference::{benefit_warning, premium_warning};
use crate::domain::runway::{Account, Severance};
use crate::domain::vesting::{Price, VestingBook};
use crate::domain::workbook::Workbook;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What `edit` would save that looks like a slip, in words, against `wb`
/// as it is before the edit.
pub fn warnings(wb: &Workbook, edit: &Edit, today: NaiveDate) -> Vec<String> {
    match edit {
        Edit::Add(item) => record(wb, None, item, today),
        Edit::Update(change) => record(wb, Some(&change.before), &change.after, today),
        Edit::Set(change) => section(&change.after),
        Edit::Batch(edits) => edits.iter().flat_map(|e| warnings(wb, e, today)).collect(),
        Edit::Remove(..) | Edit::Delete(_) | Edit::Restore(..) => Vec::new(),
    }
}

fn record(wb: &Workbook, before: Option<&Item>, after: &Item, today: NaiveDate) -> Vec<String> {
    let warning = match (before, after) {
        (Some(Item::Account(before)), Item::Account(after)) => balance(Some(before), after.balance),
        (None, Item::Account(after)) => balance(None, after.balance),
        (Some(Item::Price(before)), Item::Price(after)) => {
            price(&wb.vesting, Some(before), &after.ticker, after.price, today)
        }
        (None, Item::Price(after)) => price(&wb.vesting, None, &after.ticker, after.price, today),
        (_, Item::Cover(cover)) => premium_warning(cover.monthly_premium),
        _ => None,
    };
    warning.into_iter().collect()
}

fn section(after: &Section) -> Vec<String> {
    match after {
        Section::Benefit(Some(benefit)) => {
            benefit_warning(benefit.weekly_amount).into_iter().collect()
        }
        // An amount typed as such (not worked out from weeks of the base).
        Section::Severance(Some(Severance::Entered {
            gross,
            annual_base: None,
            ..
        })) => severance_amount(*gross).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// A severance under $1,000 is most likely weeks of pay typed without
/// their word: `12` for 12 weeks.
pub fn severance_amount(gross: Decimal) -> Option<String> {
    (gross > Decimal::ZERO && gross < Decimal::ONE_THOUSAND).then(|| {
        format!(
            "{} is a very small severance: for weeks of pay enter the weeks ({} weeks) \
             and the annual base",
            format_money(gross),
            gross.normalize()
        )
    })
}

/// A balance against the one saved for the same account (none for a new one).
pub fn balance(saved: Option<&Account>, balance: Decimal) -> Option<String> {
    tenfold_warning(balance, saved?.balance, "the last balance")
}

/// A share price against the one it replaces, or else the latest price for
/// its ticker on or before today.
pub fn price(
    book: &VestingBook,
    replacing: Option<&Price>,
    ticker: &str,
    price: Decimal,
    today: NaiveDate,
) -> Option<String> {
    let last = replacing
        .map(|p| p.price)
        .or_else(|| book.price_for(ticker, today).map(|p| p.price))?;
    tenfold_warning(price, last, "the last price")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::runway::{CoverKind, HealthCover, UnemploymentBenefit};
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn account(balance: Decimal) -> Account {
        Account {
            id: 3,
            name: "Checking".into(),
            balance,
            as_of: d(2026, 11, 20),
        }
    }

    fn acme(price: Decimal, as_of: NaiveDate) -> Price {
        Price {
            id: 7,
            ticker: "ACME".into(),
            price,
            as_of,
        }
    }

    #[test]
    fn a_balance_ten_times_the_saved_one_is_said() {
        let wb = Workbook::default();
        let today = d(2026, 11, 26);
        // 84,000 = 10 × 8,400: said; 80,000 is 9.5×: not.
        let update = Edit::update(account(dec!(8400)), account(dec!(84000)));
        assert_eq!(
            warnings(&wb, &update, today),
            vec![
                "$84,000.00 is far from the last balance ($8,400.00): check for a slipped digit \
                 or decimal point"
                    .to_string()
            ]
        );
        let fine = Edit::update(account(dec!(8400)), account(dec!(80000)));
        assert!(warnings(&wb, &fine, today).is_empty());
        // A new account has nothing to be compared with.
        let added = Edit::Add(account(dec!(8_400_000)).into());
        assert!(warnings(&wb, &added, today).is_empty());
    }

    #[test]
    fn a_price_is_compared_with_the_one_it_replaces_or_the_latest() {
        let mut wb = Workbook::default();
        let today = d(2026, 11, 26);
        wb.vesting.prices = vec![
            acme(dec!(212.40), d(2026, 11, 24)),
            acme(dec!(9999), d(2026, 12, 1)),
        ];
        // A new price: against $212.40, the latest on or before today
        // (the one dated after today does not count). 2,124 = 10 × 212.40.
        let mut new = acme(dec!(2124), d(2026, 11, 26));
        new.id = 0;
        let said = warnings(&wb, &Edit::Add(new.into()), today);
        assert_eq!(said.len(), 1);
        assert!(
            said[0].contains("far from the last price ($212.40)"),
            "{said:?}"
        );
        // 21.24 is a tenth of 212.40: said too; 25 is not.
        assert!(price(&wb.vesting, None, "acme", dec!(21.24), today).is_some());
        assert_eq!(price(&wb.vesting, None, "ACME", dec!(25), today), None);
        // Editing a price compares with that price's old value.
        let before = acme(dec!(50), d(2026, 10, 1));
        let after = acme(dec!(500), d(2026, 10, 1));
        let edit = Edit::update(before, after);
        assert!(warnings(&wb, &edit, today)[0].contains("($50.00)"));
        // No price for a ticker yet: nothing to compare.
        assert_eq!(price(&wb.vesting, None, "NEW", dec!(1), today), None);
    }

    #[test]
    fn a_benefit_above_every_maximum_and_a_tenfold_premium_are_said() {
        let wb = Workbook::default();
        let today = d(2026, 11, 26);
        let benefit = |weekly| UnemploymentBenefit {
            weekly_amount: weekly,
            weeks: 26,
            first_payment: d(2027, 2, 23),
            waits_for_severance: false,
        };
        let set = |weekly| Edit::set_from(&wb, Section::Benefit(Some(benefit(weekly))));
        assert!(
            warnings(&wb, &set(dec!(1_200_000)), today)[0].contains("above every state's maximum")
        );
        assert!(warnings(&wb, &set(dec!(450)), today).is_empty());
        // KFF single as COBRA is $792.63 a month: $7,926.30 is ten times it.
        let cover = |premium| HealthCover {
            id: 0,
            name: "COBRA".into(),
            kind: CoverKind::Cobra,
            monthly_premium: premium,
            months: 18,
            start: d(2027, 3, 1),
        };
        let said = warnings(&wb, &Edit::Add(cover(dec!(7926.30)).into()), today);
        assert_eq!(said.len(), 1);
        assert!(
            said[0].contains("10× or more the KFF single-coverage average"),
            "{said:?}"
        );
        assert!(warnings(&wb, &Edit::Add(cover(dec!(792.63)).into()), today).is_empty());
        // A batch says each.
        let both = Edit::Batch(vec![
            set(dec!(1_200_000)),
            Edit::Add(cover(dec!(9000)).into()),
        ]);
        assert_eq!(warnings(&wb, &both, today).len(), 2);
    }

    #[test]
    fn a_severance_typed_as_a_few_dollars_is_said_unless_worked_from_weeks() {
        let wb = Workbook::default();
        let today = d(2026, 12, 3);
        let entered = |gross, weeks, annual_base| {
            Edit::set_from(
                &wb,
                Section::Severance(Some(Severance::Entered {
                    gross,
                    pay_date: d(2027, 2, 9),
                    weeks,
                    annual_base,
                })),
            )
        };
        assert_eq!(
            warnings(&wb, &entered(dec!(12), None, None), today),
            vec![
                "$12.00 is a very small severance: for weeks of pay enter the weeks (12 weeks) \
                 and the annual base"
                    .to_string()
            ]
        );
        // The weeks it stands for do not make $12 plausible.
        assert_eq!(
            warnings(&wb, &entered(dec!(12), Some(dec!(12)), None), today).len(),
            1
        );
        // $999.99 is said, $1,000 is not; nor is a gross worked from weeks
        // (0.25 weeks × $52,000 ÷ 52 = $250).
        assert_eq!(
            warnings(&wb, &entered(dec!(999.99), None, None), today).len(),
            1
        );
        assert!(warnings(&wb, &entered(dec!(1000), None, None), today).is_empty());
        let from_weeks = entered(dec!(250), Some(dec!(0.25)), Some(dec!(52000)));
        assert!(warnings(&wb, &from_weeks, today).is_empty());
    }
}
