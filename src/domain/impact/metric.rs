//! A win's measured result: kept exactly as the user wrote it, with the number,
//! its unit and an optional "before" figure pulled out as exact data.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A measured result such as `$40k/yr`, `-15%` or `p99 900ms → 300ms`.
///
/// `text` is what the screens, the brag document and every export show; the other
/// fields are derived from it by [`Metric::parse`] (the only constructor the app
/// uses) so later features can compare or total results without re-reading text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// As written, trimmed.
    pub text: String,
    /// The result, exact: `$40k/yr` → 40000, `-15%` → -15, `900ms → 300ms` → 300.
    pub value: Decimal,
    /// What the number counts: `$/yr`, `%`, `hours/week`, `ms`; empty for a bare number.
    #[serde(default)]
    pub unit: String,
    /// The figure before the change, when written as `before → after`.
    #[serde(default)]
    pub baseline: Option<Decimal>,
}

/// A result is a number by design (it is sorted, counted and compared), so a
/// qualitative one ("zero downtime") is refused, saying where it can go.
const NO_NUMBER: &str = "a measured result needs a number, e.g. 30%, $40k/yr or 0 minutes of \
                         downtime; a result without one (zero downtime) goes in the title or \
                         the notes";
const BOTH_SIDES: &str = "put a number on both sides of the arrow, e.g. 900ms → 300ms";
const ONE_ARROW: &str = "use one arrow between before and after, e.g. 900ms → 300ms";

impl Metric {
    /// Reads a result leniently. The first number in the text is the value; words
    /// before it are a label (`p99`) and words after it are the unit. A number glued
    /// to letters (`p99`, `v2`) is part of a word, not the value. `k`/`K` mean a
    /// thousand, `M` a million and `B` a billion; lowercase `m`/`b` only after a
    /// currency sign (`$2m`), since `10m` alone more often means minutes or metres.
    /// `before → after` (or `->`) records a baseline.
    pub fn parse(input: &str) -> Result<Metric, String> {
        let text = input.trim();
        if text.contains(['\n', '\r']) {
            return Err("keep the measured result on one line".into());
        }
        let sides: Vec<&str> = text.split("->").flat_map(|s| s.split('→')).collect();
        let (baseline, result) = match sides.as_slice() {
            [single] => (None, find_number(single)?.ok_or(NO_NUMBER)?),
            [before, after] => match (find_number(before)?, find_number(after)?) {
                (Some(before), Some(after)) => (Some(before), after),
                (None, None) => return Err(NO_NUMBER.into()),
                _ => return Err(BOTH_SIDES.into()),
            },
            _ => return Err(ONE_ARROW.into()),
        };
        // `900ms → 300` still means milliseconds.
        let unit = match &baseline {
            Some(before) if result.unit.is_empty() => before.unit.clone(),
            _ => result.unit,
        };
        Ok(Metric {
            text: text.to_string(),
            value: result.value,
            unit,
            baseline: baseline.map(|before| before.value),
        })
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A number found in one side of a metric, with the unit that follows it.
struct Found {
    value: Decimal,
    unit: String,
}

/// The first free-standing number in `part`, if any.
fn find_number(part: &str) -> Result<Option<Found>, String> {
    let chars: Vec<(usize, char)> = part.char_indices().collect();
    for i in 0..chars.len() {
        let c = chars[i].1;
        let free = i == 0 || !joins_number(chars[i - 1].1);
        let next_is_digit = chars.get(i + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
        if free && (c.is_ascii_digit() || (c == '.' && next_is_digit)) {
            return read_number(part, &chars, i).map(Some);
        }
    }
    Ok(None)
}

/// Characters that make a digit part of a word or of a number already read.
fn joins_number(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | ',')
}

fn read_number(part: &str, chars: &[(usize, char)], start: usize) -> Result<Found, String> {
    let (body, end) = read_digits(chars, start);
    let digits = strip_thousands(&body)
        .ok_or_else(|| format!("{body:?} is not a number; write thousands as 1,200"))?;
    let (negative, currency) = read_prefix(chars, start);
    let (multiplier, end) = read_magnitude(chars, end, currency.is_some());
    let too_large = || format!("{body:?} is too large a number");
    let value = Decimal::from_str(&digits)
        .map_err(|_| too_large())?
        .checked_mul(multiplier)
        .ok_or_else(too_large)?
        .normalize();
    let rest = chars.get(end).map_or("", |&(byte, _)| &part[byte..]);
    Ok(Found {
        value: if negative { -value } else { value },
        unit: compose_unit(currency, rest),
    })
}

/// Digits with thousands commas and at most one decimal point, from `start`;
/// returns them and the index just past them. A leading `.` reads as `0.`.
fn read_digits(chars: &[(usize, char)], start: usize) -> (String, usize) {
    let mut body = String::new();
    let mut seen_point = false;
    let mut i = start;
    while let Some(&(_, c)) = chars.get(i) {
        let next_is_digit = chars.get(i + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
        match c {
            d if d.is_ascii_digit() => body.push(d),
            ',' if !seen_point && next_is_digit => body.push(','),
            '.' if !seen_point && next_is_digit => {
                if body.is_empty() {
                    body.push('0');
                }
                seen_point = true;
                body.push('.');
            }
            _ => break,
        }
        i += 1;
    }
    (body, i)
}

/// Removes thousands commas, insisting on groups of three (`1,20` is not 120).
fn strip_thousands(body: &str) -> Option<String> {
    let whole = body.split('.').next().unwrap_or("");
    let mut groups = whole.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    let single = !whole.contains(',');
    (single || (first_ok && groups.all(|g| g.len() == 3))).then(|| body.replace(',', ""))
}

/// A sign and/or currency sign written just before the digits (`-$3k`, `$-3k`, `+30%`).
/// A hyphen glued to a word (`COGS-15%`) is not a minus sign.
fn read_prefix(chars: &[(usize, char)], start: usize) -> (bool, Option<char>) {
    let mut negative = false;
    let mut signed = false;
    let mut currency = None;
    let mut i = start;
    while let Some(before) = i.checked_sub(1) {
        let c = chars[before].1;
        let free = before == 0 || !chars[before - 1].1.is_alphanumeric();
        if currency.is_none() && matches!(c, '$' | '€' | '£') {
            currency = Some(c);
        } else if !signed && free && matches!(c, '-' | '+' | '−') {
            signed = true;
            negative = c != '+';
        } else {
            break;
        }
        i = before;
    }
    (negative, currency)
}

/// A `k`/`M`/`B` suffix glued to the digits and not starting a word (`12ms` is
/// milliseconds); returns the multiplier and the index after the suffix.
fn read_magnitude(chars: &[(usize, char)], at: usize, has_currency: bool) -> (Decimal, usize) {
    let Some(&(_, c)) = chars.get(at) else {
        return (Decimal::ONE, at);
    };
    let ends_word = chars.get(at + 1).is_none_or(|&(_, n)| !n.is_alphabetic());
    let multiplier = match c {
        'k' | 'K' => Some(1_000_u64),
        'M' => Some(1_000_000),
        'B' => Some(1_000_000_000),
        'm' if has_currency => Some(1_000_000),
        'b' if has_currency => Some(1_000_000_000),
        _ => None,
    };
    match multiplier {
        Some(m) if ends_word => (Decimal::from(m), at + 1),
        _ => (Decimal::ONE, at),
    }
}

/// The currency sign joined with the words after the number: `$` + `/yr` → `$/yr`.
fn compose_unit(currency: Option<char>, rest: &str) -> String {
    let words = rest.trim();
    match currency {
        None => words.to_string(),
        Some(sign) if words.is_empty() => sign.to_string(),
        Some(sign) if rest.starts_with(char::is_whitespace) => format!("{sign} {words}"),
        Some(sign) => format!("{sign}{words}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn parsed(input: &str) -> (Decimal, String, Option<Decimal>) {
        let metric = Metric::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        (metric.value, metric.unit, metric.baseline)
    }

    fn plain(value: Decimal, unit: &str) -> (Decimal, String, Option<Decimal>) {
        (value, unit.to_string(), None)
    }

    #[test]
    fn parses_the_issue_examples() {
        // $40k = 40 × 1,000
        assert_eq!(parsed("$40k/yr"), plain(dec!(40000), "$/yr"));
        assert_eq!(parsed("30%"), plain(dec!(30), "%"));
        assert_eq!(parsed("12 hours/week"), plain(dec!(12), "hours/week"));
        assert_eq!(
            parsed("3 incidents avoided"),
            plain(dec!(3), "incidents avoided")
        );
        // 1.2 × 1,000,000 = 1,200,000
        assert_eq!(parsed("$1.2M"), plain(dec!(1200000), "$"));
        assert_eq!(parsed("1,200 tickets"), plain(dec!(1200), "tickets"));
    }

    #[test]
    fn before_and_after_with_either_arrow() {
        let expected = (dec!(300), "ms".to_string(), Some(dec!(900)));
        assert_eq!(parsed("p99 900ms → 300ms"), expected);
        assert_eq!(parsed("900ms -> 300ms"), expected);
        assert_eq!(parsed("900ms->300ms"), expected);
        // The unit on the left carries over when the right is a bare number.
        assert_eq!(parsed("900ms → 300"), expected);
        assert_eq!(
            parsed("churn 4% → 3%"),
            (dec!(3), "%".into(), Some(dec!(4)))
        );
        assert_eq!(
            parsed("-15% -> -20%"),
            (dec!(-20), "%".into(), Some(dec!(-15)))
        );
    }

    #[test]
    fn signs_and_percentages() {
        assert_eq!(parsed("-15%"), plain(dec!(-15), "%"));
        assert_eq!(parsed("+30%"), plain(dec!(30), "%"));
        assert_eq!(parsed("−8% churn"), plain(dec!(-8), "% churn")); // U+2212 minus
        // -$3.5k = -(3.5 × 1,000)
        assert_eq!(parsed("-$3.5k"), plain(dec!(-3500), "$"));
        assert_eq!(parsed("$-3.5k"), plain(dec!(-3500), "$"));
        // A hyphen inside a word is not a minus sign.
        assert_eq!(parsed("COGS-15%"), plain(dec!(15), "%"));
    }

    #[test]
    fn labels_and_words_around_the_number() {
        assert_eq!(
            parsed("v1.5 rollout: 30% of traffic"),
            plain(dec!(30), "% of traffic")
        );
        assert_eq!(parsed("Q3 revenue +$2M"), plain(dec!(2000000), "$"));
        assert_eq!(parsed("$1.2M ARR"), plain(dec!(1200000), "$ ARR"));
        assert_eq!(parsed(".5 FTE saved"), plain(dec!(0.5), "FTE saved"));
        assert_eq!(
            parsed("2x faster builds"),
            plain(dec!(2), "x faster builds")
        );
        assert_eq!(parsed("€15k"), plain(dec!(15000), "€"));
    }

    #[test]
    fn magnitude_letters_only_when_they_are_not_a_unit() {
        assert_eq!(parsed("12ms"), plain(dec!(12), "ms"));
        assert_eq!(parsed("10m build"), plain(dec!(10), "m build"));
        assert_eq!(parsed("$2m"), plain(dec!(2000000), "$"));
        assert_eq!(parsed("100MB"), plain(dec!(100), "MB"));
        assert_eq!(parsed("5B requests"), plain(dec!(5000000000), "requests"));
        assert_eq!(parsed("40K users"), plain(dec!(40000), "users"));
    }

    #[test]
    fn keeps_the_text_as_written() {
        let metric = Metric::parse("  p99 900ms → 300ms ").unwrap();
        assert_eq!(metric.text, "p99 900ms → 300ms");
        assert_eq!(metric.to_string(), "p99 900ms → 300ms");
    }

    #[test]
    fn rejects_garbage_with_a_plain_message() {
        for bad in [
            "",
            "   ",
            "lots",
            "n/a",
            "p99",
            "fast → faster",
            "TBD",
            "zero downtime",
        ] {
            assert_eq!(Metric::parse(bad), Err(NO_NUMBER.to_string()), "{bad:?}");
        }
        // What the message suggests is taken: 0 of minutes of downtime.
        let zero = Metric::parse("0 minutes of downtime").expect("a number");
        assert_eq!(
            (zero.value, zero.unit.as_str()),
            (Decimal::ZERO, "minutes of downtime")
        );
        assert_eq!(Metric::parse("900ms → fast"), Err(BOTH_SIDES.to_string()));
        assert_eq!(Metric::parse("slow -> 300ms"), Err(BOTH_SIDES.to_string()));
        assert_eq!(Metric::parse("1 → 2 → 3"), Err(ONE_ARROW.to_string()));
        assert!(Metric::parse("1,20 tickets").unwrap_err().contains("1,200"));
        assert!(Metric::parse("30%\n40%").unwrap_err().contains("one line"));
        assert!(Metric::parse("99999999999999999999999999999999 rows").is_err());
    }

    proptest! {
        // Whatever is typed, parsing returns a value or a message; it never panics.
        #[test]
        fn never_panics(input in "\\PC{0,24}") {
            let _ = Metric::parse(&input);
        }

        #[test]
        fn whole_numbers_with_a_unit_read_back(
            n in -1_000_000i64..1_000_000,
            unit in "(%|ms| hours/week| tickets)",
        ) {
            let metric = Metric::parse(&format!("{n}{unit}")).expect("a number");
            prop_assert_eq!(metric.value, Decimal::from(n));
            prop_assert_eq!(metric.unit, unit.trim());
        }
    }
}
