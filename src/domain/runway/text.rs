//! A small text helper shared by the runway and severance modules: writing
//! quantities (weeks, years) in explanations.

use crate::domain::money::round_half_up;
use rust_decimal::Decimal;

/// A quantity such as weeks or years for an explanation line: at most two
/// decimals (half-up), no trailing zeros (`28`, `6.5`, `0.27`).
pub(crate) fn format_quantity(value: Decimal) -> String {
    round_half_up(value, 2).normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn quantities_show_at_most_two_decimals_half_up() {
        assert_eq!(format_quantity(dec!(28.000)), "28");
        assert_eq!(format_quantity(dec!(6.5)), "6.5");
        // 0.265 is a midpoint: half-up gives 0.27 where banker's rounding would give 0.26.
        assert_eq!(format_quantity(dec!(0.265)), "0.27");
    }
}
