//! The lines behind the headline: every input the projection used and the
//! formula for each runway figure, in words.

use super::plan::{OneOffKind, Severance};
use super::projection::{HORIZON_MONTHS, Projection, Runway, StartReason};
use crate::domain::dates::format_long;
use crate::domain::money::round_half_up;
use crate::domain::money::{format_money, format_percent, round_cents};
use rust_decimal::Decimal;

impl Projection {
    /// The inputs and formulas behind the headline figures, one line each,
    /// built when asked: only where the explanation is shown.
    pub fn explain(&self) -> Vec<String> {
        let p = self;
        let mut lines = vec![start_line(p), cash_line(p), spending_line(p)];
        lines.extend(severance_lines(p));
        lines.extend(benefit_line(p));
        lines.extend(cover_lines(p));
        lines.extend(income_lines(p));
        lines.extend(
            p.facts
                .not_counted
                .iter()
                .map(|why| format!("Not counted: {why}")),
        );
        lines.push(describe(&p.runway, "Runway"));
        lines.push(describe(&p.essentials_runway, "Essentials-only runway"));
        if let Some(job) = &p.new_job {
            lines.push(format!(
                "New job from {}: without it {}; with it {}",
                format_long(job.start),
                short(&job.without),
                short(&job.with)
            ));
        }
        lines
    }
}

fn start_line(p: &Projection) -> String {
    let start = format_long(p.start);
    let why = match p.start_reason {
        StartReason::Today => "today".to_string(),
        StartReason::Separation => {
            "the last day on payroll (regular pay is assumed to cover regular spending until then)"
                .to_string()
        }
        StartReason::NoticeStart => "the first day of paid notice".to_string(),
    };
    format!("Starts {start}, {why}; each month runs to the same day of the next month")
}

fn cash_line(p: &Projection) -> String {
    let count = p.facts.plan.accounts.len();
    let accounts = if count == 1 { "account" } else { "accounts" };
    format!(
        "Cash {} ({count} {accounts}; balances taken as current, as-of dates not used)",
        format_money(p.facts.cash)
    )
}

fn spending_line(p: &Projection) -> String {
    let expenses = &p.facts.plan.expenses;
    let essential: Decimal = expenses
        .iter()
        .filter(|e| e.essential)
        .map(|e| e.monthly)
        .sum();
    let other: Decimal = expenses
        .iter()
        .filter(|e| !e.essential)
        .map(|e| e.monthly)
        .sum();
    let cut = p.facts.options.discretionary_cut;
    if p.facts.options.essentials_only {
        format!(
            "Spending counted: essential only, {}/month (other spending {}/month left out)",
            format_money(essential),
            format_money(other)
        )
    } else if cut.is_zero() {
        format!(
            "Spending {}/month ({} essential + {} other)",
            format_money(essential + other),
            format_money(essential),
            format_money(other)
        )
    } else {
        let trimmed = round_cents(other * (Decimal::ONE - cut));
        format!(
            "Spending {}/month ({} essential + {} other, cut by {} to {})",
            format_money(round_cents(essential) + trimmed),
            format_money(essential),
            format_money(other),
            format_percent(cut),
            format_money(trimmed)
        )
    }
}

fn severance_lines(p: &Projection) -> Vec<String> {
    let plan = &p.facts.plan;
    let mut lines = Vec::new();
    if let Some(pay) = &p.facts.severance {
        lines.push(format!(
            "Severance: {}; net {} after {} withholding, paid {}",
            pay.formula,
            format_money(pay.net),
            format_percent(plan.withholding),
            format_long(pay.pay_date)
        ));
    }
    if let Some(hint) = notice_hint(p) {
        lines.push(hint);
    }
    if let Some(notice) = &plan.notice {
        lines.push(format!(
            "Paid notice {} to {} ({} days): {}/month net, paid pro rata by days",
            format_long(notice.start),
            format_long(notice.end),
            notice.days(),
            format_money(notice.monthly_net)
        ));
    }
    lines
}

/// A template whose memo promised paid notice, with no notice entered.
fn notice_hint(p: &Projection) -> Option<String> {
    let plan = &p.facts.plan;
    let Some(Severance::Estimated { template, .. }) = &plan.severance else {
        return None;
    };
    let days = template
        .kind()
        .paid_notice_days()
        .filter(|_| plan.notice.is_none())?;
    Some(format!(
        "{} also came with {days} days' paid notice: enter it as paid notice if yours did",
        template.kind().label()
    ))
}

fn benefit_line(p: &Projection) -> Option<String> {
    let benefit = p.facts.plan.benefit.as_ref()?;
    let first = p.facts.benefit_first?;
    let total = benefit.weekly_amount * Decimal::from(benefit.weeks);
    let horizon_end = p.months.last().map_or(p.start, |m| m.end);
    let counted = benefit
        .payment_dates(first, horizon_end)
        .into_iter()
        .filter(|date| *date >= p.start)
        .count();
    let mut line = format!(
        "Unemployment benefit {}/week × {} weeks = {}, paid weekly from {} to {}",
        format_money(benefit.weekly_amount),
        benefit.weeks,
        format_money(total),
        format_long(first),
        format_long(benefit.last_payment(first))
    );
    if first > benefit.first_payment {
        line.push_str(" (waits until severance pay runs out)");
    }
    if counted != benefit.weeks as usize {
        line.push_str(&format!(
            "; {counted} of the payments fall inside the projection"
        ));
    }
    let job = p.facts.plan.new_job.as_ref();
    if let Some(job) =
        job.filter(|j| p.facts.options.with_new_job && j.start <= benefit.last_payment(first))
    {
        let before = benefit.payment_dates(first, job.start).len();
        line.push_str(&format!(
            "; with the new job they stop when it starts, {}: {before} {} = {}",
            format_long(job.start),
            if before == 1 { "payment" } else { "payments" },
            format_money(benefit.weekly_amount * Decimal::from(before))
        ));
    }
    Some(line)
}

fn cover_lines(p: &Projection) -> Vec<String> {
    p.facts
        .plan
        .cover
        .iter()
        .map(|cover| {
            // "COBRA (single)" already says what it is; "Silver plan" gains "(Marketplace plan)".
            let name = if cover.name.contains(cover.kind.label()) {
                cover.name.clone()
            } else {
                format!("{} ({})", cover.name, cover.kind.label())
            };
            format!(
                "{name}: {}/month × {} months from {}, cover ends {}",
                format_money(cover.monthly_premium),
                cover.months,
                format_long(cover.start),
                format_long(cover.ends())
            )
        })
        .collect()
}

fn income_lines(p: &Projection) -> Vec<String> {
    let plan = &p.facts.plan;
    let mut lines: Vec<String> = plan
        .other_income
        .iter()
        .map(|income| {
            let until = match income.end {
                Some(end) => format!("to {}", format_long(end)),
                None => "with no end date".to_string(),
            };
            let from = format_long(income.start);
            format!(
                "{}: {}/month net from {from} {until}",
                income.name,
                format_money(income.monthly_net)
            )
        })
        .collect();
    lines.extend(plan.one_offs.iter().map(|item| {
        let kind = match item.kind {
            OneOffKind::Cost => "One-off cost",
            OneOffKind::Income => "One-off income",
        };
        format!(
            "{kind}: {} {} on {}",
            item.name,
            format_money(item.amount),
            format_long(item.date)
        )
    }));
    let vests = &p.facts.vest_proceeds;
    lines.extend(p.facts.repayments.iter().map(|owed| {
        format!(
            "{}: {} repaid on leaving, {} ({})",
            owed.label,
            format_money(owed.amount),
            format_long(owed.date),
            owed.working.trim_end_matches('.')
        )
    }));
    if !plan.include_vest_proceeds {
        lines.push("Vest proceeds: not counted (switched off)".into());
    } else if !vests.is_empty() {
        let total: Decimal = vests.iter().map(|v| v.net).sum();
        lines.push(format!(
            "Vest proceeds: {} {}, {} net in total, on their vest dates",
            vests.len(),
            if vests.len() == 1 { "vest" } else { "vests" },
            format_money(total)
        ));
    }
    if let Some(job) = &plan.new_job {
        let shown = if p.facts.options.with_new_job {
            "included in the table"
        } else {
            "not in the table"
        };
        let mut line = format!(
            "New job scenario from {}: {}/month net ({shown})",
            format_long(job.start),
            format_money(job.monthly_net)
        );
        if plan.starts_before_last_day(job.start) {
            line.push_str(
                "; it starts on or before your last day on payroll, so with it paid notice stops at its start",
            );
            if plan.start_forfeits_severance(job.start) {
                line.push_str(
                    " and the severance is not counted: resigning before the last day forfeits it (as set)",
                );
            }
        }
        lines.push(line);
    }
    lines
}

fn two_places(value: Decimal) -> String {
    format!("{:.2}", round_half_up(value, 2))
}

/// The runway formula, e.g. "Runway = 10 full months + 0.00 of month 11
/// ($0.00 opening ÷ $6,000.00 net outflow) = 10.00 months; the money runs out on 1 Nov 2026".
fn describe(runway: &Runway, what: &str) -> String {
    match runway {
        Runway::RunsOut(short) => format!(
            "{what} = {} full months + {} of month {} ({} opening ÷ {} net outflow) = {} months; \
             the money runs out on {}",
            short.full_months,
            two_places(short.fraction),
            short.full_months + 1,
            format_money(short.opening),
            format_money(short.outflow),
            two_places(short.months),
            format_long(short.zero_date)
        ),
        Runway::Lasts { horizon_end } => format!(
            "{what}: the balance stays at or above zero for all {HORIZON_MONTHS} months, to {}",
            format_long(*horizon_end)
        ),
    }
}

fn short(runway: &Runway) -> String {
    match runway {
        Runway::RunsOut(s) => format!(
            "{} months (to {})",
            two_places(s.months),
            format_long(s.zero_date)
        ),
        Runway::Lasts { .. } => format!("beyond the {HORIZON_MONTHS}-month horizon"),
    }
}
