//! Figures that carry their working: the amount (or why it is unknown) and
//! the lines that explain it, so a screen's "x explains" and the command
//! line show the domain's own arithmetic.

use crate::domain::dates::format_long;
use crate::domain::money::{
    format_money, format_percent, format_shares, round_cents, saturating_sum,
};
use crate::domain::vesting::Tranche;
use rust_decimal::Decimal;

use super::offer::TargetBonus;

/// One figure of the comparison with its working.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// `None` when an input it needs is missing (a price, the current pay):
    /// no figure is ever made up.
    pub amount: Option<Decimal>,
    /// The inputs and formula, in words, one line each.
    pub working: Vec<String>,
}

impl Figure {
    pub fn known(amount: Decimal, working: Vec<String>) -> Self {
        Self {
            amount: Some(amount),
            working,
        }
    }

    pub fn unknown(working: Vec<String>) -> Self {
        Self {
            amount: None,
            working,
        }
    }

    /// The amount as money, or `unknown` when an input it needs is missing.
    pub fn money(&self) -> String {
        self.amount.map_or_else(|| "unknown".into(), format_money)
    }

    /// A difference with its sign: `+$148,000.00`, `-$3,710.00`, `$0.00`.
    pub fn signed(&self) -> String {
        match self.amount {
            Some(amount) if round_cents(amount) > Decimal::ZERO => {
                format!("+{}", format_money(amount))
            }
            _ => self.money(),
        }
    }

    /// `label = a + b − c = total`, from figures that may be unknown.
    pub fn sum(label: &str, parts: &[(&str, &Figure)]) -> Figure {
        let amounts: Option<Vec<Decimal>> = parts.iter().map(|(_, f)| f.amount).collect();
        match amounts {
            Some(amounts) => {
                let total = saturating_sum(amounts.iter().copied());
                Figure::known(total, vec![sum_line(label, &amounts, total)])
            }
            None => {
                let missing: Vec<&str> = parts
                    .iter()
                    .filter(|(_, f)| f.amount.is_none())
                    .map(|(name, _)| *name)
                    .collect();
                Figure::unknown(vec![format!(
                    "{label} is unknown until the {} is: see its working.",
                    missing.join(" and ")
                )])
            }
        }
    }
}

/// A figure built from parts, each with its line of working.
#[derive(Default)]
pub struct Sum {
    amounts: Vec<Decimal>,
    lines: Vec<String>,
}

impl Sum {
    /// A line of working with no amount of its own.
    pub fn note(&mut self, line: String) {
        self.lines.push(line);
    }

    /// An amount and the line that explains it.
    pub fn part(&mut self, amount: Decimal, line: String) {
        self.amounts.push(amount);
        self.lines.push(line);
    }

    /// The parts added up: `label = a + b = total`.
    pub fn total(mut self, label: &str) -> Figure {
        let total = saturating_sum(self.amounts.iter().copied());
        self.lines.push(sum_line(label, &self.amounts, total));
        Figure::known(total, self.lines)
    }

    /// An unknown figure: the working so far, then why.
    pub fn unknown(mut self, why: String) -> Figure {
        self.lines.push(why);
        Figure::unknown(self.lines)
    }
}

/// `Cash = $200,000.00 + $20,000.00 − $1,800.00 = $218,200.00.`
pub fn sum_line(label: &str, parts: &[Decimal], total: Decimal) -> String {
    if parts.len() < 2 {
        return format!("{label} = {}.", format_money(total));
    }
    let mut line = format!("{label} = {}", format_money(parts[0]));
    for part in &parts[1..] {
        if part.is_sign_negative() && !part.is_zero() {
            line.push_str(&format!(" − {}", format_money(-*part)));
        } else {
            line.push_str(&format!(" + {}", format_money(*part)));
        }
    }
    line.push_str(&format!(" = {}.", format_money(total)));
    line
}

/// `base $200,000.00 + target bonus (10% of base) $20,000.00 = $220,000.00 a year`.
pub fn pay_text(base: Decimal, bonus: Option<&TargetBonus>) -> String {
    match bonus {
        Some(bonus) => {
            let share = match bonus {
                TargetBonus::Percent(share) => format!("({} of base) ", format_percent(*share)),
                TargetBonus::Amount(_) => String::new(),
            };
            format!(
                "base {} + target bonus {share}{} = {} a year",
                format_money(base),
                format_money(bonus.yearly(base)),
                format_money(base + bonus.yearly(base))
            )
        }
        None => format!("base {} a year, no target bonus", format_money(base)),
    }
}

/// The vests of one grant in a year, in words: every date when there are a
/// few, the first and last of many.
pub fn vests_text(tranches: &[Tranche]) -> String {
    let shares = format_shares(tranches.iter().map(|t| t.shares).sum());
    match tranches {
        [] => "no vests".into(),
        [one] => format!("{shares} on {}", format_long(one.date)),
        few if few.len() <= 4 => {
            let each: Vec<String> = few
                .iter()
                .map(|t| format!("{} on {}", format_shares(t.shares), format_long(t.date)))
                .collect();
            format!("{shares} in {} vests ({})", few.len(), each.join(", "))
        }
        many => format!(
            "{shares} in {} vests from {} to {}",
            many.len(),
            format_long(many[0].date),
            format_long(many[many.len() - 1].date)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_sum_shows_each_part_and_signs_a_negative_one() {
        let known = |a| Figure::known(a, Vec::new());
        let (a, b, c) = (known(dec!(200000)), known(dec!(20000)), known(dec!(-1800)));
        let sum = Figure::sum("Cash", &[("base", &a), ("bonus", &b), ("health", &c)]);
        assert_eq!(sum.amount, Some(dec!(218200)));
        assert_eq!(
            sum.working,
            ["Cash = $200,000.00 + $20,000.00 − $1,800.00 = $218,200.00."]
        );
        let unknown = Figure::unknown(Vec::new());
        let sum = Figure::sum("Total", &[("cash", &a), ("equity", &unknown)]);
        assert_eq!(sum.amount, None);
        assert_eq!(
            sum.working,
            ["Total is unknown until the equity is: see its working."]
        );
    }

    #[test]
    fn a_difference_carries_its_sign_and_an_unknown_says_so() {
        let known = |a| Figure::known(a, Vec::new());
        assert_eq!(known(dec!(148000)).signed(), "+$148,000.00");
        assert_eq!(known(dec!(-3710)).signed(), "-$3,710.00");
        assert_eq!(known(dec!(0)).signed(), "$0.00");
        // Less than half a cent rounds to zero: no "+" before "$0.00".
        assert_eq!(known(dec!(0.004)).signed(), "$0.00");
        assert_eq!(Figure::unknown(Vec::new()).signed(), "unknown");
        assert_eq!(known(dec!(250000)).money(), "$250,000.00");
    }
}
