//! The "Current job" row of every column: what the current job still pays
//! from today. For Stay, the days before Stay's year 1; for an offer, all of
//! it when you leave for that offer's start — pay to the day you leave, the
//! vests up to it, the severance unless that start forfeits it, the dated
//! bonuses you are employed for, less a sign-on clawback. So what taking an
//! offer keeps or forfeits is in its own column, and a column's total less
//! Stay's is what it is worth against staying.

use crate::domain::dates::{days_between, format_long};
use crate::domain::money::{format_money, round_cents};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::situation::Situation;
use super::stay::add_kept;
use super::working::{Figure, Sum, pay_text, sum_line};

/// Stay's row: from today up to (not including) `year_one`, Stay's first day
/// of year 1 — the pay, vests and payments of those days.
pub fn before_stay(sit: &Situation, year_one: NaiveDate) -> Figure {
    let before = year_one.checked_sub_days(Days::new(1)).unwrap_or(year_one);
    let paid_through = sit.last_day.map_or(before, |last| last.min(before));
    let today = sit.today;
    let mut sum = Sum::default();
    sum.note(format!(
        "From today, {}, until Stay's year 1 starts on {}.",
        format_long(today),
        format_long(year_one)
    ));
    let eliminated = sit.wb.vesting.role_eliminated;
    row(
        sit,
        sum,
        paid_through,
        &|day| today <= day && day < year_one,
        |sum| {
            add_kept(sum, "", sit, sit.last_day, true, eliminated, &|day| {
                today <= day && day < year_one
            })
        },
    )
}

/// Stay's row after a notice: everything the current job still pays from
/// today when you stay to the last day on payroll, `last` — pay, the vests
/// up to it, the severance, bonuses — as an offer's row counts it.
pub fn staying_to(sit: &Situation, last: NaiveDate) -> Figure {
    let today = sit.today;
    let mut sum = Sum::default();
    sum.note(format!(
        "Staying to your last day on payroll, {}: what your current job still pays from today.",
        format_long(last)
    ));
    let eliminated = sit.wb.vesting.role_eliminated;
    row(sit, sum, last, &|day| today <= day && day <= last, |sum| {
        add_kept(sum, "", sit, Some(last), true, eliminated, &|day| {
            today <= day
        })
    })
}

/// An offer's row: what the current job still pays from today when you
/// leave it for a start on `start`.
pub fn leaving_for(sit: &Situation, start: NaiveDate) -> Figure {
    let leave = sit.leaving(start);
    let today = sit.today;
    let keeps = sit.keeps_severance(start);
    let mut sum = Sum::default();
    sum.note(format!(
        "Starting {} means leaving your current job on {}: what it still pays from today.",
        format_long(start),
        format_long(leave)
    ));
    if sit.severance.is_some() && !keeps {
        let gross = match &sit.severance {
            Some(Ok(pay)) => format!(" ({} before tax)", format_money(pay.gross)),
            _ => String::new(),
        };
        sum.note(format!(
            "The severance{gross} is forfeited: this start comes before your last day on payroll and resigning then forfeits it (as set; the default)."
        ));
    }
    // A waiver for an eliminated role does not cover resigning first.
    let waived = sit.wb.vesting.role_eliminated && !sit.resigns(start);
    row(
        sit,
        sum,
        leave,
        &|day| today <= day && day <= leave,
        |sum| {
            add_kept(sum, "", sit, Some(leave), keeps, waived, &|day| {
                today <= day
            })
        },
    )
}

/// Pay from today through `paid_through`, the vests on days `vests` keeps,
/// then what `kept` adds.
fn row(
    sit: &Situation,
    mut sum: Sum,
    paid_through: NaiveDate,
    vests: &dyn Fn(NaiveDate) -> bool,
    kept: impl FnOnce(&mut Sum) -> Result<(), String>,
) -> Figure {
    let days = (days_between(sit.today, paid_through) + 1).max(0);
    if days > 0 {
        let Some(job) = sit.current_job() else {
            return sum.unknown(
                "Your current pay is not entered yet: enter your base salary and target bonus."
                    .into(),
            );
        };
        let yearly = job.yearly_pay();
        let pay = round_cents(yearly * Decimal::from(days) / Decimal::from(365));
        sum.part(
            pay,
            format!(
                "Pay from today through {}: {days} days of {}: {} × {days}/365 = {}.",
                format_long(paid_through),
                pay_text(job.base, job.bonus.as_ref()),
                format_money(yearly),
                format_money(pay)
            ),
        );
    } else {
        sum.note("No days of pay left from today.".into());
    }
    let valued = sit.value_vests(|day| vests(day) && sit.last_day.is_none_or(|last| day <= last));
    match valued.total {
        Ok(total) if !valued.lines.is_empty() => {
            sum.part(total, format!("Vests: {}", valued.lines.join(" ")));
            if valued.values.len() > 1 {
                sum.note(sum_line("Vests", &valued.values, total));
            }
        }
        Ok(_) => {}
        Err(why) => return sum.unknown(format!("{} {why}", valued.lines.join(" "))),
    }
    match kept(&mut sum) {
        Ok(()) => sum.total("Current job"),
        Err(why) => sum.unknown(why),
    }
}
