//! The Stay column: the current pay and the existing grants, and after a
//! notice only up to the last day on payroll, with the severance.

use crate::domain::dates::format_long;
use crate::domain::money::{format_money, round_cents};
use crate::domain::vesting::BonusKind;
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
                let pay = round_cents(yearly * Decimal::from(days) / Decimal::from(of));
                (
                    pay,
                    format!(
                        "Employed through your last day on payroll, {last}: {days} of this year's {of} days, {} × {days}/{of} = {}.",
                        format_money(yearly),
                        format_money(pay)
                    ),
                )
            }
        }
    };
    sum.part(pay, line);
    match add_kept(
        &mut sum,
        "",
        sit,
        sit.last_day,
        sit.last_day.is_some(),
        span,
    ) {
        Ok(()) => sum.total("Cash"),
        Err(why) => sum.unknown(why),
    }
}

/// Adds to `sum`, each line after `from`, the payments from the current job dated in `span` that
/// leaving on `leave` (`None`: not leaving) still brings: the severance when
/// `severance` is true, and retention or other dated bonuses you are
/// employed for. Annual dated bonuses are left out: the target bonus stands
/// for them. `Err` holds why the severance cannot be worked out.
pub fn add_kept(
    sum: &mut Sum,
    from: &str,
    sit: &Situation,
    leave: Option<NaiveDate>,
    severance: bool,
    span: &YearSpan,
) -> Result<(), String> {
    let pay_date = sit.wb.runway.severance.as_ref().map(|s| s.pay_date());
    if severance && pay_date.is_some_and(|date| span.holds_day(date)) {
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
        if bonus.kind != BonusKind::Annual && employed && span.holds_day(paid) {
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
