//! Custom tranches as text, for a form's multi-line field and for hand edits:
//! one vest per line, `YYYY-MM-DD shares` or `YYYY-MM-DD percent%`.
//!
//! ```text
//! 2025-06-01 25%
//! 2026-06-01 25%
//! # a line starting with # is a comment; blank lines are skipped
//! 2027-06-01 50%
//! ```
//!
//! Errors name the line (`line 3: …`) so a long list can be fixed where it is
//! wrong; whether the lines add up to the grant is [`super::Grant::validate`]'s job.

use rust_decimal::Decimal;

use super::{CustomTranche, TrancheAmount};
use crate::domain::{Invalid, dates, money};

/// The form field (and `Invalid::field`) the tranches belong to.
pub const FIELD: &str = "tranches";

/// Reads custom tranches, one per line; blank lines and `#` comments are skipped.
pub fn parse_tranches(text: &str) -> Result<Vec<CustomTranche>, Invalid> {
    let mut tranches = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let tranche = parse_line(line)
            .map_err(|message| Invalid::new(FIELD, format!("line {}: {message}", index + 1)))?;
        tranches.push(tranche);
    }
    if tranches.is_empty() {
        return Err(Invalid::new(
            FIELD,
            "add at least one vest, one per line: 2027-03-15 25% or 2027-03-15 100",
        ));
    }
    Ok(tranches)
}

fn parse_line(line: &str) -> Result<CustomTranche, String> {
    let split = line
        .find(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .unwrap_or(line.len());
    let (date_text, rest) = line.split_at(split);
    let amount_text = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    let date = dates::parse_iso(date_text)?;
    if amount_text.is_empty() {
        return Err(format!(
            "{date} has no amount; add shares (100) or a percentage (25%)"
        ));
    }
    // "25 %" is one amount.
    let amount_text = match amount_text.strip_suffix('%') {
        Some(number) => format!("{}%", number.trim_end()),
        None => amount_text.to_string(),
    };
    let amount_text = amount_text.as_str();
    if amount_text.split_whitespace().count() > 1 {
        return Err(format!(
            "{amount_text:?} is more than one amount; give one per line"
        ));
    }
    let release_nothing = || format!("the vest on {date} must release more than zero");
    if amount_text.starts_with('-') {
        return Err(release_nothing());
    }
    let amount = parse_amount(amount_text)?;
    let value = match amount {
        TrancheAmount::Shares(n) | TrancheAmount::Percent(n) => n,
    };
    if value <= Decimal::ZERO {
        return Err(release_nothing());
    }
    Ok(CustomTranche { date, amount })
}

fn parse_amount(text: &str) -> Result<TrancheAmount, String> {
    if text.ends_with('%') {
        return money::parse_percent(text)
            .map(TrancheAmount::Percent)
            .map_err(|_| format!("{text:?} is not a percentage like 25%"));
    }
    if text.contains('$') {
        return Err(format!(
            "{text:?} looks like money; give shares (100) or a percentage (25%)"
        ));
    }
    if text.ends_with(['k', 'K', 'm', 'M']) {
        return Err(format!("{text:?}: write the number of shares in full"));
    }
    money::parse_shares(text)
        .map(TrancheAmount::Shares)
        .map_err(|_| format!("{text:?} is not a number of shares or a percentage like 25%"))
}

/// The text [`parse_tranches`] reads back to the same tranches, one per line
/// in the order stored; percentages keep every decimal.
pub fn format_tranches(tranches: &[CustomTranche]) -> String {
    tranches
        .iter()
        .map(|t| match t.amount {
            TrancheAmount::Shares(n) => format!("{} {}", t.date, n.normalize()),
            TrancheAmount::Percent(p) => match p.checked_mul(Decimal::ONE_HUNDRED) {
                Some(pct) => format!("{} {}%", t.date, pct.normalize()),
                // Only a hand-edited fraction beyond any percentage; the form
                // then shows the text and refuses it until it is corrected.
                None => format!("{} {}", t.date, money::OUT_OF_RANGE),
            },
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::super::Schedule;
    use super::super::test_support::{d, grant};
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn err(text: &str) -> String {
        let invalid = parse_tranches(text).expect_err("refused");
        assert_eq!(invalid.field, "tranches");
        invalid.message
    }

    #[test]
    fn reads_shares_and_percentages_one_per_line() {
        let text = "2025-06-01 25%\n\n  # the cliff\n2026-06-01, 33.33%\n2027-06-01;41.67 %\n";
        assert_eq!(
            parse_tranches(text),
            Ok(vec![
                CustomTranche {
                    date: d(2025, 6, 1),
                    amount: TrancheAmount::Percent(dec!(0.25))
                },
                CustomTranche {
                    date: d(2026, 6, 1),
                    amount: TrancheAmount::Percent(dec!(0.3333))
                },
                CustomTranche {
                    date: d(2027, 6, 1),
                    amount: TrancheAmount::Percent(dec!(0.4167))
                },
            ])
        );
        assert_eq!(
            parse_tranches("2025-06-01 1,200\n2026-06-01\t10.5"),
            Ok(vec![
                CustomTranche {
                    date: d(2025, 6, 1),
                    amount: TrancheAmount::Shares(dec!(1200))
                },
                CustomTranche {
                    date: d(2026, 6, 1),
                    amount: TrancheAmount::Shares(dec!(10.5))
                },
            ])
        );
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            err("2025-06-01 50%\n2025-13-01 50%"),
            "line 2: \"2025-13-01\" is not a real date"
        );
        assert_eq!(
            err("2025-06-01 50%\n\n2026-06-01"),
            "line 3: 2026-06-01 has no amount; add shares (100) or a percentage (25%)"
        );
        assert_eq!(
            err("2025-06-01 $500"),
            "line 1: \"$500\" looks like money; give shares (100) or a percentage (25%)"
        );
        assert_eq!(
            err("2025-06-01 -5"),
            "line 1: the vest on 2025-06-01 must release more than zero"
        );
        assert_eq!(
            err("2025-06-01 0%"),
            "line 1: the vest on 2025-06-01 must release more than zero"
        );
        assert_eq!(
            err("2025-06-01 half"),
            "line 1: \"half\" is not a number of shares or a percentage like 25%"
        );
        assert_eq!(
            err("2025-06-01 10 shares"),
            "line 1: \"10 shares\" is more than one amount; give one per line"
        );
        assert_eq!(
            err("2025-06-01 1.5k"),
            "line 1: \"1.5k\": write the number of shares in full"
        );
        assert!(err("June 1 50%").starts_with("line 1: \"June\" is not a date"));
        assert!(err(" \n# nothing\n").starts_with("add at least one vest"));
    }

    #[test]
    fn a_fraction_too_large_for_a_percentage_reads_out_of_range() {
        // 0.25 × 100 = 25%; Decimal::MAX × 100 does not fit in a Decimal.
        let tranches = [
            CustomTranche {
                date: d(2027, 3, 15),
                amount: TrancheAmount::Percent(dec!(0.25)),
            },
            CustomTranche {
                date: d(2028, 3, 15),
                amount: TrancheAmount::Percent(Decimal::MAX),
            },
        ];
        assert_eq!(
            format_tranches(&tranches),
            "2027-03-15 25%\n2028-03-15 out of range"
        );
        // Read back, the second line is refused rather than taken as a number.
        assert!(parse_tranches(&format_tranches(&tranches)).is_err());
    }

    #[test]
    fn a_parsed_list_that_does_not_add_up_is_refused_by_the_grant() {
        let tranches = parse_tranches("2025-06-01 50%\n2026-06-01 40%").expect("parses");
        let g = grant(1, dec!(100), d(2024, 6, 1), Schedule::Custom { tranches });
        assert_eq!(
            g.validate().map_err(|e| e.message),
            Err("the percentages add up to 90%, not 100%".into())
        );
        let tranches = parse_tranches("2025-06-01 60\n2026-06-01 30").expect("parses");
        let g = grant(1, dec!(100), d(2024, 6, 1), Schedule::Custom { tranches });
        assert_eq!(
            g.validate().map_err(|e| e.message),
            Err("the vests add up to 90 shares, not the grant's 100".into())
        );
    }

    proptest! {
        #[test]
        fn format_then_parse_gives_the_same_tranches(
            entries in proptest::collection::vec((0u64..20_000, 1i64..10_000_000, 0u32..6, any::<bool>()), 1..12)
        ) {
            let tranches: Vec<CustomTranche> = entries
                .into_iter()
                .map(|(days, n, scale, percent)| CustomTranche {
                    date: d(2000, 1, 1) + chrono::Days::new(days),
                    amount: if percent {
                        TrancheAmount::Percent(Decimal::new(n, scale + 2))
                    } else {
                        TrancheAmount::Shares(Decimal::new(n, scale))
                    },
                })
                .collect();
            let back = parse_tranches(&format_tranches(&tranches)).expect("reads back");
            prop_assert_eq!(back.len(), tranches.len());
            for (a, b) in back.iter().zip(&tranches) {
                prop_assert_eq!(a.date, b.date);
                // Equal as numbers (scale may differ: 0.50 and 0.5).
                match (a.amount, b.amount) {
                    (TrancheAmount::Shares(x), TrancheAmount::Shares(y))
                    | (TrancheAmount::Percent(x), TrancheAmount::Percent(y)) => prop_assert_eq!(x, y),
                    _ => prop_assert!(false, "kind changed"),
                }
            }
        }
    }
}
