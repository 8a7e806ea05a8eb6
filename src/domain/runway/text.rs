//! Small text helpers shared by the runway and severance modules: reading a
//! choice the user typed, and writing quantities (weeks, years) in explanations.

use crate::domain::choice::Choices;
use crate::domain::money::round_half_up;
use rust_decimal::Decimal;

/// Finds the choice whose key or label matches `input` (see [`Choices`]:
/// `Meta 2022`, `meta-2022` and `meta2022` all match the key `meta_2022`).
pub(crate) fn parse_choice<T: Copy + 'static>(
    input: &str,
    all: &'static [T],
    key: fn(&T) -> &'static str,
    label: fn(&T) -> &'static str,
    what: &'static str,
) -> Result<T, String> {
    Choices {
        what,
        all,
        key,
        label,
        synonyms: &[],
    }
    .parse(input)
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
        static ALL: [Colour; 2] = [Colour::DeepRed, Colour::Blue];
        let all = &ALL;
        for typed in ["deep_red", "Deep Red", "DEEP-RED", "deepred", " deep red "] {
            assert_eq!(
                parse_choice(typed, all, key, label, "colour"),
                Ok(Colour::DeepRed)
            );
        }
        assert_eq!(
            parse_choice("blue sky", all, key, label, "colour"),
            Ok(Colour::Blue)
        );
        let err = parse_choice("green", all, key, label, "colour").unwrap_err();
        assert_eq!(
            err,
            "\"green\" is not a colour (choose one of: deep_red, blue)"
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
