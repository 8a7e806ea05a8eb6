//! Small text helpers shared by the runway and severance modules: reading a
//! choice the user typed, and writing quantities (weeks, years) in explanations.

use crate::domain::money::round_half_up;
use rust_decimal::Decimal;

/// Finds the choice whose key or label matches `input`, ignoring case and
/// treating spaces, hyphens and underscores alike (so `Meta 2022`, `meta-2022`
/// and `meta2022` all match the key `meta_2022`). The error lists the choices.
pub(crate) fn parse_choice<T: Copy>(
    input: &str,
    all: &[T],
    key: fn(&T) -> &'static str,
    label: fn(&T) -> &'static str,
    what: &str,
) -> Result<T, String> {
    let wanted = squash(input);
    all.iter()
        .find(|choice| squash(key(choice)) == wanted || squash(label(choice)) == wanted)
        .copied()
        .ok_or_else(|| {
            let keys: Vec<&str> = all.iter().map(key).collect();
            format!(
                "{:?} is not a {what}; choose one of: {}",
                input.trim(),
                keys.join(", ")
            )
        })
}

/// Lower case with separators and punctuation removed, for forgiving comparison.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A quantity such as weeks or years for an explanation line: at most two
/// decimals (half-up), no trailing zeros (`28`, `6.5`, `0.27`).
pub(crate) fn format_quantity(value: Decimal) -> String {
    round_half_up(value, 2).normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Colour {
        DeepRed,
        Blue,
    }

    fn key(c: &Colour) -> &'static str {
        match c {
            Colour::DeepRed => "deep_red",
            Colour::Blue => "blue",
        }
    }

    fn label(c: &Colour) -> &'static str {
        match c {
            Colour::DeepRed => "Deep red",
            Colour::Blue => "Blue sky",
        }
    }

    #[test]
    fn choices_match_keys_and_labels_loosely() {
        let all = [Colour::DeepRed, Colour::Blue];
        for typed in ["deep_red", "Deep Red", "DEEP-RED", "deepred", " deep red "] {
            assert_eq!(
                parse_choice(typed, &all, key, label, "colour"),
                Ok(Colour::DeepRed)
            );
        }
        assert_eq!(
            parse_choice("blue sky", &all, key, label, "colour"),
            Ok(Colour::Blue)
        );
        let err = parse_choice("green", &all, key, label, "colour").unwrap_err();
        assert_eq!(
            err,
            "\"green\" is not a colour; choose one of: deep_red, blue"
        );
    }

    #[test]
    fn quantities_show_at_most_two_decimals_half_up() {
        assert_eq!(format_quantity(dec!(28.000)), "28");
        assert_eq!(format_quantity(dec!(6.5)), "6.5");
        // 0.265 is a midpoint: half-up gives 0.27 where banker's rounding would give 0.26.
        assert_eq!(format_quantity(dec!(0.265)), "0.27");
    }
}
