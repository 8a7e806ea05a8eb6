//! Exact money and share amounts: parsing what people type, rounding, and display.
//!
//! Everything here is `rust_decimal::Decimal`; `f64` never touches a balance.

use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// The largest amount of money, count of shares or share price careerbook
/// accepts, either sign: a trillion. No real balance or grant comes near it,
/// and it keeps every sum and product of two amounts far inside `Decimal`'s
/// range (about 7.9 × 10²⁸). 0xE8 × 2³² + 0xD4A5_1000 = 1,000,000,000,000.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);

/// Whether `amount` lies within ±[`MAX_AMOUNT`].
pub fn within_limit(amount: Decimal) -> bool {
    amount.abs() <= MAX_AMOUNT
}

/// The sum of `amounts`, held at `Decimal`'s largest (or smallest) value
/// instead of overflowing. Amounts the workbook accepts never get near it; a
/// sum that does shows as an absurd figure rather than a crash.
pub fn saturating_sum(amounts: impl IntoIterator<Item = Decimal>) -> Decimal {
    amounts
        .into_iter()
        .fold(Decimal::ZERO, Decimal::saturating_add)
}

/// Rounds half-up (away from zero at the midpoint) to whole cents, the rule for
/// every displayed or stored money result.
pub fn round_cents(amount: Decimal) -> Decimal {
    round_half_up(amount, 2)
}

/// Rounds half-up (away from zero at the midpoint) to `places` decimals: the
/// one rounding rule for money, months and shares alike.
pub fn round_half_up(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// Serde: money as a decimal string with two places, half-up (`"250000.00"`),
/// the form every `--format json` report gives money in.
pub fn serialize_cents<S: serde::Serializer>(
    amount: &Decimal,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format!("{:.2}", round_cents(*amount)))
}

/// Serde: [`serialize_cents`], or `null` for an unknown amount.
pub fn serialize_cents_or_null<S: serde::Serializer>(
    amount: &Option<Decimal>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match amount {
        Some(amount) => serialize_cents(amount, serializer),
        None => serializer.serialize_none(),
    }
}

/// Parses an amount the way people write it: `40000`, `40,000`, `$40k`, `1.2M`,
/// `-250.50`. Nothing goes through a float; the amount is rounded half-up to
/// whole cents ([`round_cents`]), the precision money is stored in, so what is
/// saved is what every report prints (`100000.005` is saved as `100000.01`).
/// An amount that is not zero but rounds to $0.00 (`0.0000001`) is refused:
/// it was not meant as zero, and "must be more than zero" would puzzle.
pub fn parse_amount(input: &str) -> Result<Decimal, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("enter an amount".into());
    }
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text.strip_prefix('+').unwrap_or(text).trim_start()),
    };
    let rest = rest.strip_prefix('$').unwrap_or(rest).trim();
    let (digits, multiplier) = split_suffix(rest);
    let digits = strip_thousands(digits).ok_or_else(|| not_an_amount(input))?;
    let value = plain_number(&digits).ok_or_else(|| not_an_amount(input))?;
    let value = value
        .checked_mul(multiplier)
        .ok_or_else(|| format!("{input:?} is too large"))?;
    let cents = round_cents(value).normalize();
    if cents.is_zero() && !value.is_zero() {
        return Err(format!(
            "{:?} is less than half a cent and would be saved as $0.00: amounts are kept in \
             whole cents",
            input.trim()
        ));
    }
    Ok(if negative { -cents } else { cents })
}

/// Digits with at most one decimal point, and at least one digit: the one
/// strict reading of a number, for amounts, counts and percentages alike.
/// `Decimal::from_str` alone would also take exponents (`1e3`) and
/// underscores (`1_0`), which nobody means as a number of dollars or weeks.
fn plain_number(digits: &str) -> Option<Decimal> {
    let points = digits.chars().filter(|&c| c == '.').count();
    let only_digits = digits.chars().all(|c| c.is_ascii_digit() || c == '.');
    let any_digit = digits.chars().any(|c| c.is_ascii_digit());
    if !(only_digits && any_digit && points <= 1) {
        return None;
    }
    Decimal::from_str(digits).ok()
}

fn not_an_amount(input: &str) -> String {
    format!(
        "{:?} is not an amount (try 40000, 40,000, $40k or 1.2M)",
        input.trim()
    )
}

fn split_suffix(text: &str) -> (&str, Decimal) {
    match text.chars().last() {
        Some('k' | 'K') => (text[..text.len() - 1].trim_end(), Decimal::from(1_000)),
        Some('m' | 'M') => (text[..text.len() - 1].trim_end(), Decimal::from(1_000_000)),
        _ => (text, Decimal::ONE),
    }
}

/// Removes thousands separators, insisting they sit every three digits of the
/// whole part, so `4,00` is rejected rather than read as 400.
fn strip_thousands(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_string());
    }
    let whole = text.split('.').next().unwrap_or("");
    let groups: Vec<&str> = whole.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    (first_ok && rest_ok).then(|| text.replace(',', ""))
}

/// Money in JSON: a string with two decimals, half-up (`"43542.00"`), or
/// `null` when the amount is not known.
pub fn serialize_money_or_null<S: serde::Serializer>(
    amount: &Option<Decimal>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match amount {
        Some(amount) => serializer.serialize_str(&format!("{:.2}", round_cents(*amount))),
        None => serializer.serialize_none(),
    }
}

/// `$1,234.56`, `-$80.00`: always two decimals, rounded half-up.
pub fn format_money(amount: Decimal) -> String {
    let rounded = round_cents(amount);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    let text = format!("{:.2}", rounded.abs());
    let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
    format!("{sign}${}.{cents}", group_thousands(whole))
}

/// `$1,235`: whole dollars for compact columns and chart labels.
pub fn format_money_whole(amount: Decimal) -> String {
    let rounded = amount.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    format!(
        "{sign}${}",
        group_thousands(&rounded.abs().trunc().to_string())
    )
}

/// Share counts as entered: `1,200`, `12.5`, never trailing zeros.
pub fn format_shares(shares: Decimal) -> String {
    let text = shares.normalize().to_string();
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    match text.split_once('.') {
        Some((whole, frac)) => format!("{sign}{}.{frac}", group_thousands(whole)),
        None => format!("{sign}{}", group_thousands(text)),
    }
}

/// A rate held as a fraction (`0.2965`) shown as a percentage (`29.65%`).
/// A fraction too large to show as a percentage reads "out of range".
pub fn format_percent(rate: Decimal) -> String {
    match rate.checked_mul(Decimal::ONE_HUNDRED) {
        Some(pct) => format!(
            "{}%",
            pct.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
                .normalize()
        ),
        None => OUT_OF_RANGE.to_string(),
    }
}

/// A share (a fraction such as 0.125) as a whole percentage, rounded half-up:
/// `13%`. For counts like "13% of wins measured", where decimals add nothing.
pub fn format_share(share: Decimal) -> String {
    format_percent(share.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// Shown in place of a figure too large to compute.
pub const OUT_OF_RANGE: &str = "out of range";

/// Parses `29.65%`, `29.65` (read as percent) into the fraction `0.2965`:
/// digits with one decimal point at most, an optional sign and `%`, nothing
/// else (no exponent, no underscore), as [`parse_amount`] reads digits.
pub fn parse_percent(input: &str) -> Result<Decimal, String> {
    let text = input.trim();
    let body = text.strip_suffix('%').unwrap_or(text).trim();
    let (negative, digits) = match body.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, body.strip_prefix('+').unwrap_or(body).trim_start()),
    };
    let value = plain_number(digits)
        .ok_or_else(|| format!("{text:?} is not a percentage (like 29.65 or 29.65%)"))?;
    let fraction = (value / Decimal::ONE_HUNDRED).normalize();
    Ok(if negative { -fraction } else { fraction })
}

/// `value` against a figure it usually comes close to (the last balance, the
/// last share price): ten times as much or more, or a tenth or less, is most
/// likely a slipped digit or decimal point, so it is said (never refused).
pub fn tenfold_warning(value: Decimal, reference: Decimal, what: &str) -> Option<String> {
    if reference <= Decimal::ZERO || value <= Decimal::ZERO {
        return None;
    }
    let far = value >= reference * Decimal::TEN || value * Decimal::TEN <= reference;
    far.then(|| {
        format!(
            "{} is far from {what} ({}): check for a slipped digit or decimal point",
            format_money(value),
            format_money(reference)
        )
    })
}

/// Parses a count of shares: `180`, `1,200`, `10.5`. Shares are not money,
/// so `$40k` is refused rather than read as 40,000 shares.
pub fn parse_shares(input: &str) -> Result<Decimal, String> {
    parse_count(input, "shares", "180 or 10.5")
}

/// The words a number of weeks may end with.
const WEEK_UNITS: [&str; 5] = ["weeks", "week", "wks", "wk", "w"];

/// Parses a number of weeks, whole or not: `26`, `6.5`, `26 weeks`, `26w`.
pub fn parse_weeks(input: &str) -> Result<Decimal, String> {
    parse_count(strip_unit(input, &WEEK_UNITS), "weeks", "26 or 6.5")
}

/// A sum as an offer letter states it: an amount of money, or weeks of pay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountOrWeeks {
    Amount(Decimal),
    Weeks(Decimal),
}

/// Parses money (`58,461.54`, `$58k`) or weeks of pay written with their
/// unit (`16 weeks`, `20 wk`, `16w`); a bare number is money. Weeks are more
/// than zero.
pub fn parse_amount_or_weeks(input: &str) -> Result<AmountOrWeeks, String> {
    let text = input.trim();
    if strip_unit(text, &WEEK_UNITS).len() == text.len() {
        return parse_amount(text).map(AmountOrWeeks::Amount).map_err(|_| {
            format!("{text:?} is neither money (like 58,461.54 or $58k) nor weeks of pay (like 16 weeks)")
        });
    }
    match parse_weeks(text)? {
        weeks if weeks.is_zero() => Err("an offer in weeks is more than zero weeks".into()),
        weeks => Ok(AmountOrWeeks::Weeks(weeks)),
    }
}

/// Parses a whole number of `unit` (plural, e.g. `months`): `18`, `18 months`.
pub fn parse_whole(input: &str, unit: &str) -> Result<u32, String> {
    let singular = unit.strip_suffix('s').unwrap_or(unit);
    let text = strip_unit(input, &[unit, singular]);
    let value = parse_count(text, unit, "12")?;
    let not_whole = || format!("{:?} is not a whole number of {unit}, like 12", text.trim());
    if !value.fract().is_zero() {
        return Err(not_whole());
    }
    u32::try_from(value).map_err(|_| format!("{:?} is too many {unit}", text.trim()))
}

/// `input` without a trailing unit word (`26 weeks` → `26`), if it has one.
fn strip_unit<'a>(input: &'a str, units: &[&str]) -> &'a str {
    let text = input.trim();
    units
        .iter()
        .find_map(|unit| {
            let cut = text.len().checked_sub(unit.len())?;
            let (head, tail) = (text.get(..cut)?, text.get(cut..)?);
            let digit_before = head.trim_end().ends_with(|c: char| c.is_ascii_digit());
            (tail.eq_ignore_ascii_case(unit) && digit_before).then_some(head)
        })
        .unwrap_or(text)
}

/// A plain count of `what`, never negative: digits, thousands separators every
/// three digits, and a decimal point. No `$` and no `k`/`M`: a count is not money.
fn parse_count(input: &str, what: &str, example: &str) -> Result<Decimal, String> {
    let text = input.trim();
    if let Some(value) = strip_thousands(text).and_then(|d| plain_number(&d)) {
        return Ok(value.normalize());
    }
    if text.contains('$') || text.ends_with(['k', 'K', 'm', 'M']) {
        Err(format!(
            "{text:?} looks like money; enter the number of {what}, like {example}"
        ))
    } else {
        Err(format!(
            "{text:?} is not a number of {what} (like {example})"
        ))
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn parses_the_forms_people_type() {
        assert_eq!(parse_amount("40000"), Ok(dec!(40000)));
        assert_eq!(parse_amount("40,000"), Ok(dec!(40000)));
        assert_eq!(parse_amount("$40k"), Ok(dec!(40000)));
        assert_eq!(parse_amount("1.2M"), Ok(dec!(1200000)));
        assert_eq!(parse_amount(" $1,234,567.89 "), Ok(dec!(1234567.89)));
        assert_eq!(parse_amount("-250.50"), Ok(dec!(-250.5)));
        assert_eq!(parse_amount("-$3.5k"), Ok(dec!(-3500)));
        assert_eq!(parse_amount("0.1"), Ok(dec!(0.1)));
    }

    #[test]
    fn an_offer_reads_as_money_or_as_weeks_with_their_unit() {
        use AmountOrWeeks::{Amount, Weeks};
        assert_eq!(parse_amount_or_weeks("16 weeks"), Ok(Weeks(dec!(16))));
        assert_eq!(parse_amount_or_weeks(" 20 wk "), Ok(Weeks(dec!(20))));
        assert_eq!(parse_amount_or_weeks("16w"), Ok(Weeks(dec!(16))));
        assert_eq!(parse_amount_or_weeks("6.5 Weeks"), Ok(Weeks(dec!(6.5))));
        assert_eq!(
            parse_amount_or_weeks("58,461.54"),
            Ok(Amount(dec!(58461.54)))
        );
        assert_eq!(parse_amount_or_weeks("$58k"), Ok(Amount(dec!(58000))));
        // A bare number is money: weeks need their word.
        assert_eq!(parse_amount_or_weeks("16"), Ok(Amount(dec!(16))));
        for refused in [
            "sixteen weeks",
            "0 weeks",
            "$16 weeks",
            "weeks",
            "16 months",
        ] {
            assert!(parse_amount_or_weeks(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn amounts_are_stored_in_whole_cents_half_up() {
        // 100,000.005 is halfway: half-up gives 100,000.01; 3.333 → 3.33; -2.345 → -2.35.
        assert_eq!(parse_amount("100000.005"), Ok(dec!(100000.01)));
        assert_eq!(parse_amount("3.333"), Ok(dec!(3.33)));
        assert_eq!(parse_amount("-2.345"), Ok(dec!(-2.35)));
        // 1.2345k = 1,234.5: already whole cents.
        assert_eq!(parse_amount("1.2345k"), Ok(dec!(1234.5)));
        // Not zero, but $0.00 in cents: refused, saying why (never read as zero).
        assert_eq!(
            parse_amount("0.0000001"),
            Err(
                "\"0.0000001\" is less than half a cent and would be saved as $0.00: amounts \
                 are kept in whole cents"
                    .to_string()
            )
        );
        assert!(parse_amount("-0.004").is_err());
        assert_eq!(parse_amount("0.005"), Ok(dec!(0.01)));
        assert_eq!(parse_amount("0"), Ok(dec!(0)));
        assert_eq!(parse_amount("0.00"), Ok(dec!(0)));
    }

    #[test]
    fn a_tenfold_change_is_said() {
        // 84,000 = 10 × 8,400; 840 = 8,400 ÷ 10.
        assert!(tenfold_warning(dec!(84000), dec!(8400), "the last balance").is_some());
        assert!(tenfold_warning(dec!(840), dec!(8400), "the last balance").is_some());
        assert_eq!(tenfold_warning(dec!(83999), dec!(8400), "x"), None);
        assert_eq!(tenfold_warning(dec!(841), dec!(8400), "x"), None);
        assert_eq!(
            tenfold_warning(dec!(5), dec!(0), "x"),
            None,
            "nothing to compare"
        );
        assert_eq!(
            tenfold_warning(dec!(2124), dec!(212.40), "the last price").as_deref(),
            Some(
                "$2,124.00 is far from the last price ($212.40): check for a slipped digit or decimal point"
            )
        );
    }

    #[test]
    fn counts_are_plain_numbers_never_money() {
        assert_eq!(parse_shares("180"), Ok(dec!(180)));
        assert_eq!(parse_shares(" 1,200 "), Ok(dec!(1200)));
        assert_eq!(parse_shares("10.5"), Ok(dec!(10.5)));
        for money in ["$40k", "40k", "1.2M", "$180"] {
            let err = parse_shares(money).unwrap_err();
            assert!(err.contains("looks like money"), "{money}: {err}");
        }
        for bad in ["", "-5", "ten", "4,00", "1.2.3"] {
            assert!(parse_shares(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn weeks_and_whole_counts_take_their_unit_word() {
        assert_eq!(parse_weeks("26"), Ok(dec!(26)));
        assert_eq!(parse_weeks("6.5 weeks"), Ok(dec!(6.5)));
        assert_eq!(parse_weeks("26w"), Ok(dec!(26)));
        assert_eq!(parse_weeks("1 week"), Ok(dec!(1)));
        assert!(parse_weeks("$40k").unwrap_err().contains("number of weeks"));
        assert!(parse_weeks("weeks").is_err(), "a unit alone is no number");
        assert_eq!(parse_whole("18", "months"), Ok(18));
        assert_eq!(parse_whole("18 months", "months"), Ok(18));
        assert_eq!(parse_whole("1 month", "months"), Ok(1));
        assert_eq!(parse_whole("1,000", "days"), Ok(1000));
        assert_eq!(
            parse_whole("2.5", "months"),
            Err("\"2.5\" is not a whole number of months, like 12".into())
        );
        assert!(parse_whole("eighteen", "months").is_err());
        assert!(
            parse_whole("99999999999", "days")
                .unwrap_err()
                .contains("too many")
        );
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        for bad in [
            "",
            "abc",
            "40,00",
            "1.2.3",
            "$",
            "k",
            "12 apples",
            "1e5",
            "--5",
            "4,0000",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn numbers_are_digits_and_one_point_never_exponents_or_underscores() {
        // Decimal::from_str reads "1e1" as 10 and "1_0" as 10: none of these is a number here.
        for loose in ["1e1", "1E3", "1_0", "1e-2", ".", "1.2.3", "0x10", "١٠"] {
            assert!(parse_percent(loose).is_err(), "percent {loose:?}");
            assert!(parse_amount(loose).is_err(), "amount {loose:?}");
            assert!(parse_shares(loose).is_err(), "shares {loose:?}");
            assert!(parse_weeks(loose).is_err(), "weeks {loose:?}");
        }
        assert_eq!(parse_percent(" 10 % "), Ok(dec!(0.1)));
        assert_eq!(parse_percent("+7.5"), Ok(dec!(0.075)));
        assert_eq!(
            parse_percent("-5%"),
            Ok(dec!(-0.05)),
            "the caller refuses a sign"
        );
        assert_eq!(parse_percent(".5"), Ok(dec!(0.005)));
    }

    #[test]
    fn rounds_half_up_to_cents() {
        // 2.345 sits exactly between 2.34 and 2.35: half-up gives 2.35 (banker's would give 2.34).
        assert_eq!(round_cents(dec!(2.345)), dec!(2.35));
        assert_eq!(round_cents(dec!(2.344)), dec!(2.34));
        assert_eq!(round_cents(dec!(-2.345)), dec!(-2.35));
    }

    #[test]
    fn formats_money_with_grouping_and_sign() {
        assert_eq!(format_money(dec!(1234.5)), "$1,234.50");
        assert_eq!(format_money(dec!(-80)), "-$80.00");
        assert_eq!(format_money(dec!(0)), "$0.00");
        assert_eq!(format_money(dec!(999999.995)), "$1,000,000.00");
        assert_eq!(format_money_whole(dec!(1234.5)), "$1,235");
        assert_eq!(format_money_whole(dec!(-0.4)), "$0");
    }

    #[test]
    fn formats_shares_and_percent() {
        assert_eq!(format_shares(dec!(1200)), "1,200");
        assert_eq!(format_shares(dec!(12.50)), "12.5");
        assert_eq!(format_percent(dec!(0.2965)), "29.65%");
        // Half-up, not banker's: 12.345% → 12.35%, and 1 of 8 = 12.5% → 13%.
        assert_eq!(format_percent(dec!(0.12345)), "12.35%");
        assert_eq!(format_share(dec!(0.125)), "13%");
        assert_eq!(format_share(dec!(0.6666)), "67%");
        assert_eq!(parse_percent("29.65%"), Ok(dec!(0.2965)));
        assert_eq!(parse_percent("22"), Ok(dec!(0.22)));
        assert!(parse_percent("lots").is_err());
    }

    #[test]
    fn a_rate_too_large_for_a_percentage_is_out_of_range_not_a_panic() {
        // Decimal::MAX is 79,228,162,514,264,337,593,543,950,335: × 100 does not fit.
        assert_eq!(format_percent(Decimal::MAX), "out of range");
        assert_eq!(format_percent(Decimal::MIN), "out of range");
        // Decimal::MAX / 100 = 792,281,625,142,643,375,935,439,503.35 still fits:
        // × 100 = 79,228,162,514,264,337,593,543,950,335%.
        let largest = Decimal::MAX / Decimal::ONE_HUNDRED;
        assert_eq!(format_percent(largest), "79228162514264337593543950335%");
        assert_eq!(format_percent(dec!(1)), "100%");
        assert_eq!(format_percent(dec!(0)), "0%");
    }

    #[test]
    fn amounts_are_limited_to_a_trillion_either_way() {
        assert_eq!(MAX_AMOUNT, dec!(1_000_000_000_000));
        assert!(within_limit(dec!(1_000_000_000_000)));
        assert!(within_limit(dec!(-1_000_000_000_000)));
        assert!(!within_limit(dec!(1_000_000_000_000.01)));
        assert!(!within_limit(dec!(-1_000_000_000_001)));
        assert!(!within_limit(Decimal::MAX));
    }

    #[test]
    fn a_saturating_sum_stops_at_the_largest_decimal() {
        // 1.5 + 2.25 − 0.75 = 3.
        assert_eq!(
            saturating_sum([dec!(1.5), dec!(2.25), dec!(-0.75)]),
            dec!(3)
        );
        assert_eq!(saturating_sum([]), dec!(0));
        // Two amounts of 5 × 10²⁸ would be 10²⁹, past Decimal::MAX ≈ 7.92 × 10²⁸.
        let big = dec!(50_000_000_000_000_000_000_000_000_000);
        assert_eq!(saturating_sum([big, big]), Decimal::MAX);
        assert_eq!(saturating_sum([-big, -big]), Decimal::MIN);
    }
}
