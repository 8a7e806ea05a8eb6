//! The Stay column: the current pay and the existing grants, and after a
//! notice only up to the last day on payroll, with the severance.

use crate::domain::dates::format_long;
use crate::domain::money::{format_money, round_cents, saturating_sum};
use crate::domain::vesting::{BonusKind, Tranche};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::situation::Situation;
use super::working::{Figure, pay_text, sum_line, vests_text};
use super::years::YearSpan;

/// Stay's cash in one year: pay at target, day by day up to the last day on
/// payroll, plus the severance and dated bonuses paid that year.
pub fn cash(sit: &Situation, span: &YearSpan) -> Figure {
    let Some(job) = sit.current_job() else {
        return Figure::unknown(vec![
            "Your current pay is not entered yet: enter your base salary and target bonus to fill in Stay."
                .into(),
        ]);
    };
    let yearly = job.yearly_pay();
    let mut lines = vec![format!(
        "Current pay: {}, earned day by day.",
        pay_text(job.base, job.bonus.as_ref())
    )];
    let pay = match sit.last_day {
        None => yearly,
        Some(last) => {
            let (days, of) = (span.days_through(last), span.days());
            if days == of {
                lines.push(format!(
                    "Employed all year: your last day on payroll is {}.",
                    format_long(last)
                ));
                yearly
            } else if days == 0 {
                lines.push(format!(
                    "No pay this year: it starts after your last day on payroll, {}.",
                    format_long(last)
                ));
                Decimal::ZERO
            } else {
                let pay = round_cents(yearly * Decimal::from(days) / Decimal::from(of));
                lines.push(format!(
                    "Employed through your last day on payroll, {}: {days} of this year's {of} days, {} × {days}/{of} = {}.",
                    format_long(last),
                    format_money(yearly),
                    format_money(pay)
                ));
                pay
            }
        }
    };
    let mut parts = vec![pay];
    match kept_payments(sit, sit.last_day, sit.last_day.is_some(), span) {
        Ok(kept) => {
            for (amount, line) in kept {
                parts.push(amount);
                lines.push(line);
            }
        }
        Err(line) => {
            lines.push(line);
            return Figure::unknown(lines);
        }
    }
    let total = saturating_sum(parts.iter().copied());
    lines.push(sum_line("Cash", &parts, total));
    Figure::known(total, lines)
}

/// Payments from the current job dated in `span` that leaving on `leave`
/// (`None`: not leaving) still brings: the severance when `severance` is
/// true, and retention or other dated bonuses you are employed for. Annual
/// dated bonuses are left out: the target bonus stands for them. `Err`
/// holds why the severance cannot be worked out.
pub fn kept_payments(
    sit: &Situation,
    leave: Option<NaiveDate>,
    severance: bool,
    span: &YearSpan,
) -> Result<Vec<(Decimal, String)>, String> {
    let mut kept = Vec::new();
    let pay_date = sit.wb.runway.severance.as_ref().map(|s| s.pay_date());
    if severance && pay_date.is_some_and(|date| span.holds_day(date)) {
        match &sit.severance {
            Some(Ok(pay)) => kept.push((
                pay.gross,
                format!(
                    "Severance {} before tax ({}), paid {}.",
                    format_money(pay.gross),
                    pay.formula,
                    format_long(pay.pay_date)
                ),
            )),
            Some(Err(why)) => {
                return Err(format!("The severance cannot be worked out: {why}."));
            }
            None => {}
        }
    }
    for bonus in &sit.wb.vesting.dated_bonuses {
        let paid = bonus.pay_date.unwrap_or(bonus.must_be_employed_on);
        let employed = leave.is_none_or(|day| day >= bonus.must_be_employed_on);
        if bonus.kind != BonusKind::Annual && employed && span.holds_day(paid) {
            kept.push((
                bonus.gross,
                format!(
                    "{} “{}”: {}, paid {} (for being employed on {}).",
                    bonus.kind.label(),
                    bonus.name,
                    format_money(bonus.gross),
                    format_long(paid),
                    format_long(bonus.must_be_employed_on)
                ),
            ));
        }
    }
    Ok(kept)
}

/// Stay's equity in one year: the existing grants' vests (up to the last day
/// on payroll) at each ticker's latest price.
pub fn equity(sit: &Situation, span: &YearSpan) -> Figure {
    let mut lines = Vec::new();
    let mut values = Vec::new();
    let mut unpriced: Vec<&str> = Vec::new();
    for grant in sit.grants() {
        let vests: Vec<Tranche> = grant
            .tranches()
            .into_iter()
            .filter(|t| span.holds_vest(t.date) && sit.last_day.is_none_or(|last| t.date <= last))
            .collect();
        if vests.is_empty() {
            continue;
        }
        let shares: Decimal = vests.iter().map(|t| t.shares).sum();
        match sit.price(&grant.ticker) {
            Some(price) => {
                let value = round_cents(shares * price);
                values.push(value);
                lines.push(format!(
                    "{} ({}): {} × {} = {}.",
                    grant.name,
                    grant.ticker,
                    vests_text(&vests),
                    format_money(price),
                    format_money(value)
                ));
            }
            None => {
                unpriced.push(&grant.ticker);
                lines.push(format!(
                    "{} ({}): {}; no price entered for {}.",
                    grant.name,
                    grant.ticker,
                    vests_text(&vests),
                    grant.ticker
                ));
            }
        }
    }
    if sit.grants().is_empty() {
        lines.push("No grants entered on the Vesting tab.".into());
    } else if lines.is_empty() {
        lines.push("None of your grants vests this year.".into());
    }
    if let Some(last) = sit.last_day {
        lines.push(format!(
            "Vests after your last day on payroll, {}, are forfeited and not counted.",
            format_long(last)
        ));
    }
    if !unpriced.is_empty() {
        unpriced.sort_unstable();
        unpriced.dedup();
        lines.push(format!(
            "Equity is unknown until a price is entered for {}.",
            unpriced.join(", ")
        ));
        return Figure::unknown(lines);
    }
    lines
        .push("Shares are valued at each ticker's latest price entered on or before today.".into());
    let total = saturating_sum(values.iter().copied());
    lines.push(sum_line("Equity", &values, total));
    Figure::known(total, lines)
}
