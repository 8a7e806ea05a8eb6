//! The Stay column: the current pay and the existing grants, and after a
//! notice only up to the last day on payroll, with the severance.

use crate::domain::dates::{days_between, format_long};
use crate::domain::money::{format_money, round_cents};
use crate::domain::vesting::{BonusKind, BonusStatus, explain};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::situation::Situation;
use super::working::{Figure, Sum, pay_text, sum_line};
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
    let mut sum = Sum::default();
    sum.note(format!(
        "Current pay: {}, earned day by day.",
        pay_text(job.base, job.bonus.as_ref())
    ));
    let (pay, line) = match sit.last_day {
        None => (yearly, "Employed all year.".to_string()),
        Some(last) => {
            let (days, of) = (span.days_through(last), span.days());
            let last = format_long(last);
            if days == of {
                (
                    yearly,
                    format!("Employed all year: your last day on payroll is {last}."),
                )
            } else if days == 0 {
                (
                    Decimal::ZERO,
                    format!("No pay this year: it starts after your last day on payroll, {last}."),
                )
            } else {
                // A day's pay is a 365th of a year's, as in the current-job
                // row and the what-if; and the pay from today is rounded as
                // one sum, so where a column splits does not move Stay's
                // total by a cent.
                let before = (days_between(sit.today, span.from)).max(0);
                let all = round_cents(yearly * Decimal::from(before + days) / Decimal::from(365));
                let earlier = round_cents(yearly * Decimal::from(before) / Decimal::from(365));
                let pay = all - earlier;
                let mut line = format!(
                    "Employed through your last day on payroll, {last}: {days} days of this year, {} × {days}/365 = {}",
                    format_money(yearly),
                    format_money(pay)
                );
                if before > 0 {
                    line.push_str(&format!(
                        " (rounded with the {before} days before it: {} × {}/365 = {} from today, less {})",
                        format_money(yearly),
                        before + days,
                        format_money(all),
                        format_money(earlier)
                    ));
                }
                line.push('.');
                (pay, line)
            }
        }
    };
    sum.part(pay, line);
    let eliminated = sit.wb.vesting.role_eliminated;
    match add_kept(&mut sum, "", sit, sit.last_day, true, eliminated, &|day| {
        span.holds_day(day)
    }) {
        Ok(()) => sum.total("Cash"),
        Err(why) => sum.unknown(why),
    }
}

/// Adds to `sum`, each line after `from`, the payments from the current job
/// dated on days `holds` selects that leaving on `leave` (`None`: not
/// leaving) still brings: the severance when `severance` is true, retention
/// or other dated bonuses you are employed for, less a sign-on bonus the
/// current employer claws back on leaving (none when `waived`: a waiver for
/// an eliminated role). Annual dated bonuses are left out: the target bonus
/// stands for them. `Err` holds why the severance cannot be worked out.
pub fn add_kept(
    sum: &mut Sum,
    from: &str,
    sit: &Situation,
    leave: Option<NaiveDate>,
    severance: bool,
    waived: bool,
    holds: &dyn Fn(NaiveDate) -> bool,
) -> Result<(), String> {
    let pay_date = sit.wb.runway.severance.as_ref().map(|s| s.pay_date());
    if severance && pay_date.is_some_and(holds) {
        match &sit.severance {
            Some(Ok(pay)) => sum.part(
                pay.gross,
                format!(
                    "{from}Severance {} before tax ({}), paid {}.",
                    format_money(pay.gross),
                    pay.formula,
                    format_long(pay.pay_date)
                ),
            ),
            Some(Err(why)) => {
                return Err(format!("The severance cannot be worked out: {why}."));
            }
            None => {}
        }
    }
    for bonus in &sit.wb.vesting.dated_bonuses {
        let paid = bonus.pay_date.unwrap_or(bonus.must_be_employed_on);
        let employed = leave.is_none_or(|day| day >= bonus.must_be_employed_on);
        if bonus.kind != BonusKind::Annual && employed && holds(paid) {
            sum.part(
                bonus.gross,
                format!(
                    "{from}{} “{}”: {}, paid {} (for being employed on {}).",
                    bonus.kind.label(),
                    bonus.name,
                    format_money(bonus.gross),
                    format_long(paid),
                    format_long(bonus.must_be_employed_on)
                ),
            );
        }
    }
    if let Some(leave) = leave.filter(|&day| holds(day)) {
        for bonus in &sit.wb.vesting.sign_on_bonuses {
            let outcome = bonus.outcome(leave, waived);
            if outcome.status == BonusStatus::Clawback {
                sum.part(
                    -outcome.amount,
                    format!(
                        "{from}Sign-on clawback: {}",
                        explain::sign_on(bonus, leave, waived)
                    ),
                );
            }
        }
    }
    Ok(())
}

/// Stay's equity in one year: the existing grants' vests (up to the last day
/// on payroll) at each ticker's latest price.
pub fn equity(sit: &Situation, span: &YearSpan) -> Figure {
    let valued = sit
        .value_vests(|date| span.holds_vest(date) && sit.last_day.is_none_or(|last| date <= last));
    let mut lines = valued.lines;
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
    match valued.total {
        Ok(total) => {
            lines.push(
                "Shares are valued at each ticker's latest price entered on or before today."
                    .into(),
            );
            lines.push(sum_line("Equity", &valued.values, total));
            Figure::known(total, lines)
        }
        Err(why) => {
            lines.push(why);
            Figure::unknown(lines)
        }
    }
}
