//! The month-by-month projection and the runway it gives.
//!
//! Start: today, or the day regular pay stops if that is later — the
//! separation date, or the first day of paid notice when that comes earlier
//! (notice pay is then the projection's first income).
//!
//! Runway: the full months whose closing balance stays at or above zero, plus
//! the fraction of the next month covered: its opening balance ÷ its net
//! outflow (spending − income, taken as spread evenly over the month). Shown to
//! 2 decimals, half-up. The zero date is that month's first day + ⌊fraction ×
//! days in the month⌋ days: the day during which the money runs out.

use super::plan::{RunwayPlan, SeverancePay};
use super::streams::{self, Context, Flow, FlowKind, Marker, MarkerKind, Repayment, VestProceeds};
use crate::domain::Invalid;
use crate::domain::money::round_cents;
use crate::domain::money::round_half_up;
use crate::domain::severance::check_amount;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// The projection covers 10 years.
pub const HORIZON_MONTHS: u32 = 120;

/// View settings that are not saved.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ProjectionOptions {
    /// The table and chart count essential spending only.
    pub essentials_only: bool,
    /// Include the new-job scenario's pay in the table and chart.
    pub with_new_job: bool,
    /// What-if: trim non-essential spending by this fraction (0.2 = 20%).
    pub discretionary_cut: Decimal,
}

/// What the other tabs add to the projection: vest proceeds (income) and
/// repayments (costs).
#[derive(Clone, Copy, Debug, Default)]
pub struct Extras<'a> {
    pub vest_proceeds: &'a [VestProceeds],
    pub repayments: &'a [Repayment],
}

/// Why the projection starts when it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartReason {
    Today,
    Separation,
    NoticeStart,
}

/// One month of the projection.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthRow {
    pub start: NaiveDate,
    /// The next month's first day (not part of this month).
    pub end: NaiveDate,
    pub opening: Decimal,
    pub income: Decimal,
    pub spending: Decimal,
    /// opening + income − spending.
    pub closing: Decimal,
    /// The streams active this month with their amounts.
    pub flows: Vec<Flow>,
}

impl MonthRow {
    /// `YYYY-MM` of the month's first day.
    pub fn label(&self) -> String {
        self.start.format("%Y-%m").to_string()
    }

    pub fn has(&self, kind: FlowKind) -> bool {
        self.flows.iter().any(|f| f.kind == kind)
    }
}

/// Where the money runs out.
#[derive(Clone, Debug, PartialEq)]
pub struct Shortfall {
    /// Months that close at or above zero.
    pub full_months: u32,
    /// The first month that would close below zero: its opening balance …
    pub opening: Decimal,
    /// … and its spending − income.
    pub outflow: Decimal,
    /// opening ÷ outflow, full precision (0 ≤ fraction < 1).
    pub fraction: Decimal,
    /// full months + fraction, 2 decimals half-up.
    pub months: Decimal,
    pub zero_date: NaiveDate,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Runway {
    RunsOut(Shortfall),
    /// The balance never goes below zero within the horizon, which ends on `horizon_end`.
    Lasts {
        horizon_end: NaiveDate,
    },
}

impl Runway {
    /// Months of runway; `None` when it lasts beyond the horizon.
    pub fn months(&self) -> Option<Decimal> {
        match self {
            Self::RunsOut(short) => Some(short.months),
            Self::Lasts { .. } => None,
        }
    }

    pub fn zero_date(&self) -> Option<NaiveDate> {
        match self {
            Self::RunsOut(short) => Some(short.zero_date),
            Self::Lasts { .. } => None,
        }
    }
}

/// The runway without and with the new job, for the scenario line.
#[derive(Clone, Debug, PartialEq)]
pub struct NewJobComparison {
    pub start: NaiveDate,
    pub without: Runway,
    pub with: Runway,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub start: NaiveDate,
    pub start_reason: StartReason,
    /// Always [`HORIZON_MONTHS`] rows; the balance may go below zero.
    pub months: Vec<MonthRow>,
    pub markers: Vec<Marker>,
    /// Runway for the table's settings.
    pub runway: Runway,
    /// The same settings, counting essential spending only.
    pub essentials_runway: Runway,
    /// Present when the plan has a new-job scenario.
    pub new_job: Option<NewJobComparison>,
    /// What the explanation draws on (`Projection::explain` builds it only
    /// where it is shown): the plan and settings projected, and what the
    /// projection worked out on the way.
    pub(super) facts: Facts,
}

/// The inputs behind a projection, kept for its explanation.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Facts {
    pub plan: RunwayPlan,
    pub options: ProjectionOptions,
    pub cash: Decimal,
    pub severance: Option<SeverancePay>,
    /// The benefit's first payment after any wait for severance.
    pub benefit_first: Option<NaiveDate>,
    pub vest_proceeds: Vec<VestProceeds>,
    /// Repayments owed (a sign-on clawback on the last day).
    pub repayments: Vec<Repayment>,
    /// Lump sums left out, with why.
    pub not_counted: Vec<String>,
}

/// When the projection starts, and why.
pub fn projection_start(plan: &RunwayPlan, today: NaiveDate) -> (NaiveDate, StartReason) {
    let notice = plan.notice.as_ref().map(|n| n.start);
    let pay_stops = match (plan.separation, notice) {
        (Some(separation), Some(notice)) if notice < separation => {
            Some((notice, StartReason::NoticeStart))
        }
        (Some(separation), _) => Some((separation, StartReason::Separation)),
        (None, Some(notice)) => Some((notice, StartReason::NoticeStart)),
        (None, None) => None,
    };
    match pay_stops {
        Some((day, reason)) if day > today => (day, reason),
        _ => (today, StartReason::Today),
    }
}

/// Projects the plan month by month from its start for 10 years, with vest
/// proceeds and nothing owed (see [`project_with`]).
pub fn project(
    plan: &RunwayPlan,
    today: NaiveDate,
    vest_proceeds: &[VestProceeds],
    options: ProjectionOptions,
) -> Result<Projection, Invalid> {
    let extras = Extras {
        vest_proceeds,
        repayments: &[],
    };
    project_with(plan, today, extras, options)
}

/// Projects the plan month by month from its start for 10 years, with what
/// the other tabs add to it.
pub fn project_with(
    plan: &RunwayPlan,
    today: NaiveDate,
    extras: Extras,
    options: ProjectionOptions,
) -> Result<Projection, Invalid> {
    let vest_proceeds = extras.vest_proceeds;
    // Checked once: the severance worked out here is the one projected.
    let checked = plan.check()?;
    check_options(&options, vest_proceeds)?;
    extras
        .repayments
        .iter()
        .try_for_each(|r| check_amount("repayments", r.amount))?;
    let (start, start_reason) = projection_start(plan, today);
    let ctx = Context {
        plan,
        today,
        periods: streams::periods(start, HORIZON_MONTHS),
        severance: checked.severance,
        benefit_first: plan
            .benefit
            .as_ref()
            .map(|b| b.first_paid(checked.severance_runs_out)),
        vest_proceeds,
        repayments: extras.repayments,
    };
    let cash = round_cents(plan.cash());
    let basis = Basis::shown(&options);
    let mut schedule = streams::schedule(&ctx, options.with_new_job);
    let months = simulate(cash, &ctx, &schedule.months, basis);
    let runway = runway_of(&months);
    let essentials_rows = simulate(cash, &ctx, &schedule.months, Basis::Essentials);
    let essentials_runway = runway_of(&essentials_rows);
    let new_job = compare_new_job(&ctx, cash, &options, &runway);
    if let Runway::RunsOut(short) = &runway {
        schedule.markers.push(Marker {
            kind: MarkerKind::MoneyRunsOut,
            date: short.zero_date,
            month: short.full_months as usize,
            label: "Money runs out".into(),
        });
    }
    schedule.markers.sort_by_key(|m| m.date);
    Ok(Projection {
        start,
        start_reason,
        months,
        markers: schedule.markers,
        runway,
        essentials_runway,
        new_job,
        facts: Facts {
            plan: plan.clone(),
            options,
            cash,
            severance: ctx.severance,
            benefit_first: ctx.benefit_first,
            vest_proceeds: vest_proceeds.to_vec(),
            repayments: extras.repayments.to_vec(),
            not_counted: schedule.not_counted,
        },
    })
}

/// The runway of the other new-job setting, paired with the shown one.
fn compare_new_job(
    ctx: &Context,
    cash: Decimal,
    options: &ProjectionOptions,
    shown: &Runway,
) -> Option<NewJobComparison> {
    let job = ctx.plan.new_job.as_ref()?;
    let other = streams::schedule(ctx, !options.with_new_job);
    let other = runway_of(&simulate(cash, ctx, &other.months, Basis::shown(options)));
    let (without, with) = if options.with_new_job {
        (other, shown.clone())
    } else {
        (shown.clone(), other)
    };
    Some(NewJobComparison {
        start: job.start,
        without,
        with,
    })
}

fn check_options(
    options: &ProjectionOptions,
    vest_proceeds: &[VestProceeds],
) -> Result<(), Invalid> {
    if options.discretionary_cut < Decimal::ZERO || options.discretionary_cut > Decimal::ONE {
        return Err(Invalid::new(
            "discretionary_cut",
            "must be between 0% and 100%",
        ));
    }
    vest_proceeds
        .iter()
        .try_for_each(|v| check_amount("vest_proceeds", v.net))
}

/// Which regular spending a run counts.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Basis {
    Everything { cut: Decimal },
    Essentials,
}

impl Basis {
    /// The basis the table shows.
    fn shown(options: &ProjectionOptions) -> Self {
        if options.essentials_only {
            Self::Essentials
        } else {
            Self::Everything {
                cut: options.discretionary_cut,
            }
        }
    }
}

/// Regular spending per month under a basis: essential items in full, the
/// rest trimmed by the cut (or left out for essentials only).
fn spending(plan: &RunwayPlan, basis: Basis) -> Vec<Flow> {
    let total = |essential: bool| -> Decimal {
        plan.expenses
            .iter()
            .filter(|e| e.essential == essential)
            .map(|e| e.monthly)
            .sum()
    };
    let mut flows = vec![Flow {
        kind: FlowKind::EssentialSpending,
        name: FlowKind::EssentialSpending.label().into(),
        amount: round_cents(total(true)),
    }];
    if let Basis::Everything { cut } = basis {
        flows.push(Flow {
            kind: FlowKind::OtherSpending,
            name: FlowKind::OtherSpending.label().into(),
            amount: round_cents(total(false) * (Decimal::ONE - cut)),
        });
    }
    flows.retain(|f| !f.amount.is_zero());
    flows
}

/// Runs the balance forward month by month.
fn simulate(cash: Decimal, ctx: &Context, events: &[Vec<Flow>], basis: Basis) -> Vec<MonthRow> {
    let spending = spending(ctx.plan, basis);
    let mut balance = cash;
    ctx.periods
        .iter()
        .zip(events)
        .map(|(period, month_events)| {
            let flows: Vec<Flow> = spending.iter().chain(month_events).cloned().collect();
            let income = flows
                .iter()
                .filter(|f| f.kind.is_income())
                .map(|f| f.amount)
                .sum();
            let out = flows
                .iter()
                .filter(|f| !f.kind.is_income())
                .map(|f| f.amount)
                .sum();
            let opening = balance;
            balance = opening + income - out;
            MonthRow {
                start: period.start,
                end: period.end,
                opening,
                income,
                spending: out,
                closing: balance,
                flows,
            }
        })
        .collect()
}

/// Runway from the rows: see the module notes.
fn runway_of(rows: &[MonthRow]) -> Runway {
    let Some((index, row)) = rows
        .iter()
        .enumerate()
        .find(|(_, row)| row.closing < Decimal::ZERO)
    else {
        return Runway::Lasts {
            horizon_end: rows.last().map_or(NaiveDate::MAX, |r| r.end),
        };
    };
    // closing < 0 ≤ opening, so the outflow is positive and the fraction is below 1.
    let outflow = row.spending - row.income;
    let fraction = row.opening / outflow;
    let full_months = u32::try_from(index).unwrap_or(u32::MAX);
    let days_in = Decimal::from((row.end - row.start).num_days());
    let covered_days = u64::try_from((fraction * days_in).floor()).unwrap_or(0);
    Runway::RunsOut(Shortfall {
        full_months,
        opening: row.opening,
        outflow,
        fraction,
        months: round_half_up(Decimal::from(full_months) + fraction, 2),
        zero_date: row
            .start
            .checked_add_days(Days::new(covered_days))
            .unwrap_or(row.end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::add_months;
    use crate::domain::runway::json::RunwayJson;
    use crate::domain::runway::plan::{
        Account, CoverKind, Expense, HealthCover, NewJob, NoticePay, OneOff, OneOffKind,
        OtherIncome, Severance, UnemploymentBenefit,
    };
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// Cash in accounts and one essential and one other spending item.
    fn plan(cash: &[Decimal], essential: Decimal, other: Decimal) -> RunwayPlan {
        let accounts = cash
            .iter()
            .enumerate()
            .map(|(i, balance)| Account {
                id: i as u64 + 1,
                name: format!("Account {i}"),
                balance: *balance,
                as_of: d(2025, 12, 31),
            })
            .collect();
        let mut expenses = vec![Expense {
            id: 10,
            name: "Rent and food".into(),
            monthly: essential,
            essential: true,
        }];
        if !other.is_zero() {
            expenses.push(Expense {
                id: 11,
                name: "Travel".into(),
                monthly: other,
                essential: false,
            });
        }
        RunwayPlan {
            accounts,
            expenses,
            ..RunwayPlan::default()
        }
    }

    fn run(plan: &RunwayPlan, today: NaiveDate) -> Projection {
        project(plan, today, &[], ProjectionOptions::default()).expect("valid plan")
    }

    fn run_with(plan: &RunwayPlan, today: NaiveDate, options: ProjectionOptions) -> Projection {
        project(plan, today, &[], options).expect("valid plan")
    }

    fn flow(row: &MonthRow, kind: FlowKind) -> Decimal {
        row.flows
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.amount)
            .sum()
    }

    fn marker(p: &Projection, kind: MarkerKind) -> (NaiveDate, usize) {
        let m = p
            .markers
            .iter()
            .find(|m| m.kind == kind)
            .expect("marker present");
        (m.date, m.month)
    }

    #[test]
    fn sixty_thousand_at_six_thousand_a_month_lasts_ten_months() {
        // $45,000 + $15,000 = $60,000; $4,500 essential + $1,500 other = $6,000/month; no income.
        // Closings 54,000, 48,000, …, 0 after month 10 (not negative); month 11 opens at 0 →
        // fraction 0 ÷ 6,000 = 0 → 10.00 months, and the money runs out on start + 10 months.
        let p = run(
            &plan(&[dec!(45000), dec!(15000)], dec!(4500), dec!(1500)),
            d(2026, 1, 1),
        );
        assert_eq!(p.start, d(2026, 1, 1));
        assert_eq!(p.start_reason, StartReason::Today);
        assert_eq!(p.months.len(), 120);
        assert_eq!(
            (
                p.months[0].opening,
                p.months[0].spending,
                p.months[0].closing
            ),
            (dec!(60000), dec!(6000), dec!(54000))
        );
        assert_eq!(p.months[9].closing, dec!(0));
        assert_eq!(p.months[10].closing, dec!(-6000));
        assert_eq!(p.runway.months(), Some(dec!(10.00)));
        assert_eq!(p.runway.zero_date(), Some(d(2026, 11, 1)));
        assert_eq!(p.runway.zero_date(), Some(add_months(p.start, 10)));
        // Essentials only: 60,000 ÷ 4,500: 13 × 4,500 = 58,500, 1,500 left; 1,500 ÷ 4,500 = 0.333… → 13.33.
        // Month 14 starts 2027-02-01 (28 days): 0.333… × 28 = 9.33 → 9 days → 2027-02-10.
        assert_eq!(p.essentials_runway.months(), Some(dec!(13.33)));
        assert_eq!(p.essentials_runway.zero_date(), Some(d(2027, 2, 10)));
        assert_eq!(
            p.explain(),
            [
                "Starts 1 Jan 2026, today; each month runs to the same day of the next month",
                "Cash $60,000.00 (2 accounts; balances taken as current, as-of dates not used)",
                "Spending $6,000.00/month ($4,500.00 essential + $1,500.00 other)",
                "Runway = 10 full months + 0.00 of month 11 ($0.00 opening ÷ $6,000.00 net outflow) = 10.00 months; \
                 the money runs out on 1 Nov 2026",
                "Essentials-only runway = 13 full months + 0.33 of month 14 ($1,500.00 opening ÷ $4,500.00 net outflow) \
                 = 13.33 months; the money runs out on 10 Feb 2027",
            ]
        );
        let marker = p.markers.last().expect("money runs out");
        assert_eq!(
            (marker.kind, marker.date, marker.month),
            (MarkerKind::MoneyRunsOut, d(2026, 11, 1), 10)
        );
    }

    #[test]
    fn counts_the_fraction_of_the_last_month() {
        // $10,000 at $4,000/month: closings 6,000, 2,000, then −2,000 in month 3.
        // 2 full months + 2,000 ÷ 4,000 = 0.50 → 2.50. Month 3 = March 2026 (31 days):
        // 0.5 × 31 = 15.5 → 15 whole days covered → runs out during day 16, 2026-03-16.
        let p = run(&plan(&[dec!(10000)], dec!(4000), dec!(0)), d(2026, 1, 1));
        assert_eq!(p.runway.months(), Some(dec!(2.50)));
        assert_eq!(p.runway.zero_date(), Some(d(2026, 3, 16)));
        let Runway::RunsOut(short) = &p.runway else {
            panic!("runs out")
        };
        assert_eq!(
            (short.full_months, short.opening, short.outflow),
            (2, dec!(2000), dec!(4000))
        );
    }

    #[test]
    fn a_stream_can_start_and_end_mid_projection() {
        // Freelance $2,000/month from 2026-02-16 to 2026-04-15, months are calendar months from 2026-01-01.
        // Feb (28 days): Feb 16–28 = 13 days → 2,000 × 13/28 = 928.571… → 928.57.
        // Mar: all 31 days → 2,000.00. Apr (30 days): Apr 1–15 = 15 days → 2,000 × 15/30 = 1,000.00. May: none.
        let mut p = plan(&[dec!(20000)], dec!(3000), dec!(0));
        p.other_income.push(OtherIncome {
            id: 20,
            name: "Freelance".into(),
            monthly_net: dec!(2000),
            start: d(2026, 2, 16),
            end: Some(d(2026, 4, 15)),
        });
        let p = run(&p, d(2026, 1, 1));
        let income: Vec<Decimal> = p.months[..5].iter().map(|m| m.income).collect();
        assert_eq!(
            income,
            [dec!(0), dec!(928.57), dec!(2000), dec!(1000), dec!(0)]
        );
        assert!(!p.months[4].has(FlowKind::OtherIncome));
        // Closings: 17,000; 17,000 + 928.57 − 3,000 = 14,928.57; 13,928.57; 11,928.57; 8,928.57;
        // 5,928.57 (Jun); 2,928.57 (Jul); Aug goes negative: 7 + 2,928.57 ÷ 3,000 = 7.97619 → 7.98.
        // August has 31 days: 0.97619 × 31 = 30.26 → 30 → 2026-08-31.
        assert_eq!(p.months[1].closing, dec!(14928.57));
        assert_eq!(p.months[4].closing, dec!(8928.57));
        assert_eq!(p.runway.months(), Some(dec!(7.98)));
        assert_eq!(p.runway.zero_date(), Some(d(2026, 8, 31)));
    }

    /// Separation 2026-03-02 (today 2026-02-20), 8 weeks of severance ($10,000 gross paid 2026-03-16),
    /// a 4-week $450 benefit first payable 2026-03-13.
    fn waiting_plan(waits: bool) -> RunwayPlan {
        let mut p = plan(&[dec!(50000)], dec!(3000), dec!(0));
        p.separation = Some(d(2026, 3, 2));
        p.severance = Some(Severance::Entered {
            gross: dec!(10000),
            pay_date: d(2026, 3, 16),
            weeks: Some(dec!(8)),
            annual_base: None,
        });
        p.benefit = Some(UnemploymentBenefit {
            weekly_amount: dec!(450),
            weeks: 4,
            first_payment: d(2026, 3, 13),
            waits_for_severance: waits,
        });
        p
    }

    #[test]
    fn benefits_can_wait_for_severance_to_run_out() {
        // Months: [03-02, 04-02), [04-02, 05-02), [05-02, 06-02).
        // Severance runs out 2026-03-02 + 8 × 7 = 56 days = 2026-04-27, later than 03-13, so
        // payments fall on 04-27 (month 1), 05-04, 05-11, 05-18 (month 2): $450 and $1,350.
        let p = run(&waiting_plan(true), d(2026, 2, 20));
        assert_eq!(
            (p.start, p.start_reason),
            (d(2026, 3, 2), StartReason::Separation)
        );
        let benefit: Vec<Decimal> = p.months[..4]
            .iter()
            .map(|m| flow(m, FlowKind::Benefit))
            .collect();
        assert_eq!(benefit, [dec!(0), dec!(450), dec!(1350), dec!(0)]);
        assert_eq!(marker(&p, MarkerKind::BenefitStarts), (d(2026, 4, 27), 1));
        assert_eq!(marker(&p, MarkerKind::BenefitEnds), (d(2026, 5, 18), 2));
        // Severance net: 10,000 × 0.7035 = 7,035.00, in month 0 with the first month's spending.
        assert_eq!(flow(&p.months[0], FlowKind::Severance), dec!(7035.00));
        assert_eq!(marker(&p, MarkerKind::SeverancePaid), (d(2026, 3, 16), 0));
        assert!(p.explain().contains(
            &"Unemployment benefit $450.00/week × 4 weeks = $1,800.00, paid weekly from 27 Apr 2026 to 18 May 2026 \
              (waits until severance pay runs out)"
                .to_string()
        ));
        // Without the wait: 03-13, 03-20, 03-27 in month 0 ($1,350), 04-03 in month 1 ($450).
        let p = run(&waiting_plan(false), d(2026, 2, 20));
        let benefit: Vec<Decimal> = p.months[..3]
            .iter()
            .map(|m| flow(m, FlowKind::Benefit))
            .collect();
        assert_eq!(benefit, [dec!(1350), dec!(450), dec!(0)]);
    }

    #[test]
    fn benefits_stop_when_the_new_job_starts() {
        // waiting_plan(false): $450 a week on 03-13, 03-20, 03-27 and 04-03.
        // A job from 2026-03-25 at $3,000/month net: with it, 03-27 and
        // 04-03 are not paid; 2 payments = $900.
        let mut p = waiting_plan(false);
        p.new_job = Some(NewJob {
            start: d(2026, 3, 25),
            monthly_net: dec!(3000),
            offer: None,
        });
        let with_job = ProjectionOptions {
            with_new_job: true,
            ..Default::default()
        };
        let with = run_with(&p, d(2026, 2, 20), with_job);
        let benefit: Vec<Decimal> = with.months[..3]
            .iter()
            .map(|m| flow(m, FlowKind::Benefit))
            .collect();
        assert_eq!(benefit, [dec!(900), dec!(0), dec!(0)]);
        // Month 0 is [03-02, 04-02), 31 days; the job pays 3,000 × 8/31 = 774.193… → 774.19.
        assert_eq!(flow(&with.months[0], FlowKind::NewJob), dec!(774.19));
        // 50,000 + 7,035 severance + 900 benefit + 774.19 pay − 3,000 = 55,709.19;
        // month 1: + 3,000 pay − 3,000 spending and no benefit: 55,709.19 again.
        assert_eq!(with.months[0].closing, dec!(55709.19));
        assert_eq!(with.months[1].closing, dec!(55709.19));
        let ends = with
            .markers
            .iter()
            .find(|m| m.kind == MarkerKind::BenefitEnds)
            .expect("benefit ends");
        assert_eq!(
            (ends.date, ends.label.as_str()),
            (d(2026, 3, 20), "Last benefit payment (the new job starts)")
        );
        assert!(
            with.explain().iter().any(|line| line.ends_with(
                "; with the new job they stop when it starts, 25 Mar 2026: 2 payments = $900.00"
            )),
            "{:?}",
            with.explain()
        );
        // Without the job, all four are paid: $1,350 in month 0, $450 in month 1.
        let without = run(&p, d(2026, 2, 20));
        let benefit: Vec<Decimal> = without.months[..2]
            .iter()
            .map(|m| flow(m, FlowKind::Benefit))
            .collect();
        assert_eq!(benefit, [dec!(1350), dec!(450)]);
        assert_eq!(
            marker(&without, MarkerKind::BenefitEnds),
            (d(2026, 4, 3), 1)
        );
        // A job starting before the first payment: no benefit at all with it.
        p.new_job = Some(NewJob {
            start: d(2026, 3, 10),
            monthly_net: dec!(3000),
            offer: None,
        });
        let early = run_with(&p, d(2026, 2, 20), with_job);
        assert!(!early.months.iter().any(|m| m.has(FlowKind::Benefit)));
        assert!(
            !early
                .markers
                .iter()
                .any(|m| m.kind == MarkerKind::BenefitStarts)
        );
    }

    #[test]
    fn a_new_job_starting_before_the_last_day_forfeits_the_severance_and_stops_notice_pay() {
        // Today 2026-01-20; paid notice 2026-02-02 .. 2026-03-02 at $6,000 a
        // month net, the last day on payroll 2026-03-02; severance $10,000
        // gross paid 2026-03-16 (net 10,000 × 0.7035 = 7,035.00); $50,000
        // cash, $3,000 a month spent. A new job from 2026-02-16 at $3,000 a
        // month net: it starts before the last day, so (resigning forfeits
        // it, the default) the severance is not counted with it.
        // The projection starts at the notice: months [02-02, 03-02) of 28
        // days and [03-02, 04-02) of 31.
        let mut p = plan(&[dec!(50000)], dec!(3000), dec!(0));
        p.separation = Some(d(2026, 3, 2));
        p.notice = Some(NoticePay {
            start: d(2026, 2, 2),
            end: d(2026, 3, 2),
            monthly_net: dec!(6000),
        });
        p.severance = Some(Severance::Entered {
            gross: dec!(10000),
            pay_date: d(2026, 3, 16),
            weeks: None,
            annual_base: None,
        });
        p.new_job = Some(NewJob {
            start: d(2026, 2, 16),
            monthly_net: dec!(3000),
            offer: None,
        });
        let today = d(2026, 1, 20);
        let with_job = ProjectionOptions {
            with_new_job: true,
            ..Default::default()
        };
        let with = run_with(&p, today, with_job);
        assert_eq!(with.start, d(2026, 2, 2));
        // Notice pay stops at the start: Feb 2–15 is 14 days, 6,000 × 14/28 =
        // 3,000.00 in month 0, none in month 1. The job: Feb 16 – Mar 1 is 14
        // days, 3,000 × 14/28 = 1,500.00.
        assert_eq!(flow(&with.months[0], FlowKind::NoticePay), dec!(3000.00));
        assert_eq!(flow(&with.months[1], FlowKind::NoticePay), dec!(0));
        assert_eq!(flow(&with.months[0], FlowKind::NewJob), dec!(1500.00));
        // No severance anywhere: 50,000 + 3,000 + 1,500 − 3,000 = 51,500.00,
        // then + 3,000 − 3,000 each month.
        assert!(!with.months.iter().any(|m| m.has(FlowKind::Severance)));
        assert!(
            !with
                .markers
                .iter()
                .any(|m| m.kind == MarkerKind::SeverancePaid)
        );
        assert_eq!(with.months[0].closing, dec!(51500.00));
        assert_eq!(with.months[1].closing, dec!(51500.00));
        let why = with.explain();
        assert!(
            why.contains(
                &"Not counted: Severance $10,000.00 gross: the new job starts 16 Feb 2026, \
                  before your last day on payroll, and resigning then forfeits it (as set), so \
                  it is not counted with the new job"
                    .to_string()
            ),
            "{why:?}"
        );
        assert!(
            why.iter().any(|l| {
                l.starts_with("New job scenario from 16 Feb 2026")
                && l.ends_with(
                    "so with it paid notice stops at its start and the severance is not counted: \
                     resigning before the last day forfeits it (as set)"
                )
            }),
            "{why:?}"
        );
        // Without the job: all the notice (6,000 in month 0; 6,000 × 1/31 =
        // 193.548… → 193.55 in month 1) and the severance in month 1.
        let without = run(&p, today);
        assert_eq!(flow(&without.months[0], FlowKind::NoticePay), dec!(6000));
        assert_eq!(flow(&without.months[1], FlowKind::NoticePay), dec!(193.55));
        assert_eq!(flow(&without.months[1], FlowKind::Severance), dec!(7035.00));
        // Resigning keeps the severance (as set): with the job it is paid,
        // but the notice still stops at the start.
        p.resigning_forfeits_severance = false;
        let kept = run_with(&p, today, with_job);
        assert_eq!(flow(&kept.months[1], FlowKind::Severance), dec!(7035.00));
        assert_eq!(flow(&kept.months[0], FlowKind::NoticePay), dec!(3000.00));
        // A start after the last day forfeits nothing.
        p.resigning_forfeits_severance = true;
        p.new_job.as_mut().expect("job").start = d(2026, 3, 3);
        let after = run_with(&p, today, with_job);
        assert_eq!(flow(&after.months[1], FlowKind::Severance), dec!(7035.00));
        assert_eq!(flow(&after.months[1], FlowKind::NoticePay), dec!(193.55));
    }

    #[test]
    fn essentials_only_drops_other_spending() {
        // Rows count $4,500 instead of $6,000; runway 13.33 as computed above.
        let options = ProjectionOptions {
            essentials_only: true,
            ..ProjectionOptions::default()
        };
        let p = run_with(
            &plan(&[dec!(60000)], dec!(4500), dec!(1500)),
            d(2026, 1, 1),
            options,
        );
        assert_eq!(p.months[0].spending, dec!(4500));
        assert!(!p.months[0].has(FlowKind::OtherSpending));
        assert_eq!(p.runway, p.essentials_runway);
        assert_eq!(p.runway.months(), Some(dec!(13.33)));
        assert!(p.explain().contains(
            &"Spending counted: essential only, $4,500.00/month (other spending $1,500.00/month left out)".to_string()
        ));
    }

    #[test]
    fn a_balance_that_never_runs_out_has_no_zero_date() {
        // $3,000/month partner income covers $3,000/month spending: the balance stays at $1,000.
        let mut p = plan(&[dec!(1000)], dec!(3000), dec!(0));
        p.other_income.push(OtherIncome {
            id: 20,
            name: "Partner".into(),
            monthly_net: dec!(3000),
            start: d(2025, 6, 1),
            end: None,
        });
        let p = run(&p, d(2026, 1, 1));
        assert!(p.months.iter().all(|m| m.closing == dec!(1000)));
        // 120 months from 2026-01-01 end on 2036-01-01.
        assert_eq!(
            p.runway,
            Runway::Lasts {
                horizon_end: d(2036, 1, 1)
            }
        );
        assert_eq!(p.runway.zero_date(), None);
        assert_eq!(p.essentials_runway.months(), None);
        let json = serde_json::to_value(RunwayJson::new(&p, &p.facts.plan)).expect("serializes");
        assert_eq!(json["runway_months"], serde_json::Value::Null);
        assert_eq!(json["zero_date"], serde_json::Value::Null);
        assert!(
            p.explain().contains(
                &"Runway: the balance stays at or above zero for all 120 months, to 1 Jan 2036"
                    .to_string()
            )
        );
    }

    #[test]
    fn a_severance_lump_sum_in_month_three_extends_the_runway() {
        // $10,000 at $4,000/month, severance $10,000 gross paid 2026-03-10 → net 10,000 × 0.7035 = 7,035.00.
        // Closings: 6,000; 2,000; 2,000 + 7,035 − 4,000 = 5,035; 1,035; May goes negative:
        // 4 + 1,035 ÷ 4,000 = 4.25875 → 4.26. May has 31 days: 0.25875 × 31 = 8.02 → 8 → 2026-05-09.
        let mut p = plan(&[dec!(10000)], dec!(4000), dec!(0));
        p.severance = Some(Severance::Entered {
            gross: dec!(10000),
            pay_date: d(2026, 3, 10),
            weeks: None,
            annual_base: None,
        });
        let p = run(&p, d(2026, 1, 1));
        assert_eq!(p.months[2].income, dec!(7035.00));
        assert!(p.months[2].has(FlowKind::Severance));
        assert_eq!(p.months[2].closing, dec!(5035.00));
        assert_eq!(marker(&p, MarkerKind::SeverancePaid), (d(2026, 3, 10), 2));
        assert_eq!(p.runway.months(), Some(dec!(4.26)));
        assert_eq!(p.runway.zero_date(), Some(d(2026, 5, 9)));
    }

    #[test]
    fn cobra_premiums_stop_after_eighteen_months() {
        // $100,000, $1,000/month + COBRA $792.63 × 18 from 2026-01-01.
        // 18 × 1,792.63 = 32,267.34 → 67,732.66 left; then 67 months × 1,000 → 732.66 after 85 months.
        // Month 86 (2033-02-01, 28 days): 85 + 732.66 ÷ 1,000 = 85.73266 → 85.73;
        // 0.73266 × 28 = 20.51 → 20 → 2033-02-21.
        let mut p = plan(&[dec!(100000)], dec!(1000), dec!(0));
        p.cover.push(HealthCover {
            id: 30,
            name: "COBRA".into(),
            kind: CoverKind::Cobra,
            monthly_premium: dec!(792.63),
            months: 18,
            start: d(2026, 1, 1),
        });
        let p = run(&p, d(2026, 1, 1));
        assert_eq!(p.months[17].spending, dec!(1792.63));
        assert!(p.months[17].has(FlowKind::Cover));
        assert_eq!(p.months[18].spending, dec!(1000));
        assert!(!p.months[18].has(FlowKind::Cover));
        assert_eq!(p.months[17].closing, dec!(67732.66));
        assert_eq!(marker(&p, MarkerKind::CoverEnds), (d(2027, 7, 1), 18));
        assert_eq!(p.runway.months(), Some(dec!(85.73)));
        // The kind is named only when the name does not already say it.
        assert!(p.explain().contains(
            &"COBRA: $792.63/month × 18 months from 1 Jan 2026, cover ends 1 Jul 2027".to_string()
        ));
        assert_eq!(p.runway.zero_date(), Some(d(2033, 2, 21)));
    }

    #[test]
    fn the_new_job_scenario_shows_runway_with_and_without_it() {
        // $12,000 at $4,000/month: without the job 3.00 months, running out 2026-04-01.
        // With $5,000/month net from 2026-03-16: March (31 days) pays 5,000 × 16/31 = 2,580.645… → 2,580.65,
        // closing 4,000 + 2,580.65 − 4,000 = 2,580.65; from April +1,000 a month: never runs out.
        let mut p = plan(&[dec!(12000)], dec!(4000), dec!(0));
        p.new_job = Some(NewJob {
            start: d(2026, 3, 16),
            monthly_net: dec!(5000),
            offer: None,
        });
        let without = run(&p, d(2026, 1, 1));
        assert_eq!(without.runway.months(), Some(dec!(3.00)));
        assert_eq!(without.runway.zero_date(), Some(d(2026, 4, 1)));
        assert!(!without.months.iter().any(|m| m.has(FlowKind::NewJob)));
        let comparison = without.new_job.clone().expect("scenario present");
        assert_eq!(comparison.without, without.runway);
        assert!(matches!(comparison.with, Runway::Lasts { .. }));

        let with = run_with(
            &p,
            d(2026, 1, 1),
            ProjectionOptions {
                with_new_job: true,
                ..Default::default()
            },
        );
        assert_eq!(with.months[2].income, dec!(2580.65));
        assert_eq!(with.months[2].closing, dec!(2580.65));
        assert_eq!(with.runway.zero_date(), None);
        assert_eq!(marker(&with, MarkerKind::NewJobStarts), (d(2026, 3, 16), 2));
        assert_eq!(with.new_job, Some(comparison));
        assert!(without.explain().contains(
            &"New job from 16 Mar 2026: without it 3.00 months (to 1 Apr 2026); with it beyond the 120-month horizon"
                .to_string()
        ));
    }

    #[test]
    fn the_discretionary_cut_trims_other_spending_only() {
        // Cut 50%: other $1,500 → $750; spending 4,500 + 750 = 5,250/month.
        // 60,000 ÷ 5,250: 11 × 5,250 = 57,750, 2,250 left; 2,250 ÷ 5,250 = 0.428571… → 11.43.
        // Month 12 = December 2026 (31 days): 0.428571 × 31 = 13.29 → 13 → 2026-12-14.
        let options = ProjectionOptions {
            discretionary_cut: dec!(0.5),
            ..ProjectionOptions::default()
        };
        let base = plan(&[dec!(60000)], dec!(4500), dec!(1500));
        let p = run_with(&base, d(2026, 1, 1), options);
        assert_eq!(flow(&p.months[0], FlowKind::OtherSpending), dec!(750));
        assert_eq!(p.months[0].spending, dec!(5250));
        assert_eq!(p.runway.months(), Some(dec!(11.43)));
        assert_eq!(p.runway.zero_date(), Some(d(2026, 12, 14)));
        // Essential spending is never cut: still 13.33.
        assert_eq!(p.essentials_runway.months(), Some(dec!(13.33)));
        assert!(p.explain().contains(
            &"Spending $5,250.00/month ($4,500.00 essential + $1,500.00 other, cut by 50% to $750.00)".to_string()
        ));
        for bad in [dec!(1.5), dec!(-0.1)] {
            let options = ProjectionOptions {
                discretionary_cut: bad,
                ..ProjectionOptions::default()
            };
            let err = project(&base, d(2026, 1, 1), &[], options).unwrap_err();
            assert_eq!(err.field, "discretionary_cut");
        }
    }

    #[test]
    fn amounts_are_rounded_half_up_to_cents() {
        // $100.05/month from 2026-04-16: April (30 days) has 15 days → 100.05 × 15/30 = 50.025
        // → half-up $50.03 (banker's rounding would give $50.02).
        // Severance $10,030.00 paid 2026-05-05: 10,030 × 0.7035 = 7,056.105 → $7,056.11.
        let mut p = plan(&[dec!(1000)], dec!(0), dec!(0));
        p.other_income.push(OtherIncome {
            id: 20,
            name: "Tutoring".into(),
            monthly_net: dec!(100.05),
            start: d(2026, 4, 16),
            end: None,
        });
        p.severance = Some(Severance::Entered {
            gross: dec!(10030),
            pay_date: d(2026, 5, 5),
            weeks: None,
            annual_base: None,
        });
        let p = run(&p, d(2026, 4, 1));
        assert_eq!(p.months[0].income, dec!(50.03));
        assert_eq!(flow(&p.months[1], FlowKind::Severance), dec!(7056.11));
    }

    #[test]
    fn lump_sums_before_today_are_already_in_cash_and_before_the_start_land_in_month_one() {
        // Today 2026-01-15, last day on payroll 2026-02-28 → the projection starts 2026-02-28.
        let mut p = plan(&[dec!(5000)], dec!(1000), dec!(0));
        p.separation = Some(d(2026, 2, 28));
        p.one_offs = vec![
            OneOff {
                id: 40,
                name: "Final paycheck".into(),
                kind: OneOffKind::Income,
                amount: dec!(2000),
                date: d(2026, 2, 27),
            },
            OneOff {
                id: 41,
                name: "Old bill".into(),
                kind: OneOffKind::Cost,
                amount: dec!(500),
                date: d(2026, 1, 10),
            },
        ];
        let vests = [VestProceeds {
            date: d(2026, 4, 15),
            net: dec!(1234.56),
            label: "RSU vest".into(),
        }];
        let proj =
            project(&p, d(2026, 1, 15), &vests, ProjectionOptions::default()).expect("valid plan");
        // Month 0 = [02-28, 03-28): 5,000 + 2,000 − 1,000 = 6,000; the old bill is not counted.
        assert_eq!(proj.months[0].income, dec!(2000));
        assert_eq!(proj.months[0].spending, dec!(1000));
        assert!(proj.explain().contains(
            &"Not counted: Old bill $500.00 on 2026-01-10: dated before today, so taken as already in your cash"
                .to_string()
        ));
        // The vest on 04-15 falls in month 1 = [03-28, 04-28).
        assert_eq!(flow(&proj.months[1], FlowKind::VestProceeds), dec!(1234.56));
        // Switched off, vest proceeds are left out.
        p.include_vest_proceeds = false;
        let proj =
            project(&p, d(2026, 1, 15), &vests, ProjectionOptions::default()).expect("valid plan");
        assert!(!proj.months.iter().any(|m| m.has(FlowKind::VestProceeds)));
        let negative = [VestProceeds {
            date: d(2026, 4, 15),
            net: dec!(-1),
            label: "RSU vest".into(),
        }];
        let err = project(&p, d(2026, 1, 15), &negative, ProjectionOptions::default()).unwrap_err();
        assert_eq!(err.field, "vest_proceeds");
    }

    #[test]
    fn paid_notice_starts_the_projection_and_pays_pro_rata() {
        // Notice 2026-01-10 .. 2026-03-10 (last day on payroll), $6,200/month net, today 2026-01-05.
        // Month 0 [01-10, 02-10) and month 1 [02-10, 03-10) are fully paid: $6,200 each.
        // Month 2 [03-10, 04-10) has 31 days, 1 of them paid: 6,200 ÷ 31 = $200.00.
        let mut p = plan(&[dec!(5000)], dec!(3000), dec!(0));
        p.separation = Some(d(2026, 3, 10));
        p.notice = Some(NoticePay {
            start: d(2026, 1, 10),
            end: d(2026, 3, 10),
            monthly_net: dec!(6200),
        });
        let p = run(&p, d(2026, 1, 5));
        assert_eq!(
            (p.start, p.start_reason),
            (d(2026, 1, 10), StartReason::NoticeStart)
        );
        let notice: Vec<Decimal> = p.months[..4]
            .iter()
            .map(|m| flow(m, FlowKind::NoticePay))
            .collect();
        assert_eq!(notice, [dec!(6200), dec!(6200), dec!(200), dec!(0)]);
        assert_eq!(marker(&p, MarkerKind::NoticeEnds), (d(2026, 3, 10), 2));
    }

    #[test]
    fn the_start_is_today_or_when_regular_pay_stops() {
        let today = d(2026, 6, 1);
        let mut p = RunwayPlan::default();
        assert_eq!(projection_start(&p, today), (today, StartReason::Today));
        p.separation = Some(d(2026, 5, 1));
        assert_eq!(projection_start(&p, today), (today, StartReason::Today));
        p.separation = Some(d(2026, 8, 31));
        assert_eq!(
            projection_start(&p, today),
            (d(2026, 8, 31), StartReason::Separation)
        );
        p.notice = Some(NoticePay {
            start: d(2026, 6, 2),
            end: d(2026, 8, 31),
            monthly_net: dec!(1),
        });
        assert_eq!(
            projection_start(&p, today),
            (d(2026, 6, 2), StartReason::NoticeStart)
        );
        // Notice already running: start today, and the rest of the notice pay counts.
        p.notice = Some(NoticePay {
            start: d(2026, 5, 15),
            end: d(2026, 8, 31),
            monthly_net: dec!(1),
        });
        assert_eq!(projection_start(&p, today), (today, StartReason::Today));
    }

    #[test]
    fn an_estimated_severance_explains_itself() {
        // Google 2023, employed 2017-06-05 .. 2023-03-31: 24 weeks = $73,846.15 gross (see severance.rs);
        // net 73,846.15 × 0.7035 = 51,950.766525 → $51,950.77.
        let mut p = plan(&[dec!(30000)], dec!(5000), dec!(0));
        p.separation = Some(d(2023, 3, 31));
        p.severance = Some(Severance::Estimated {
            annual_base: dec!(160000),
            employment_start: d(2017, 6, 5),
            template: crate::domain::severance::SeveranceTemplate::Google2023,
            pay_date: d(2023, 4, 14),
        });
        let p = run(&p, d(2023, 3, 1));
        assert_eq!(flow(&p.months[0], FlowKind::Severance), dec!(51950.77));
        let lines = p.explain();
        assert!(lines.contains(
            &"Severance: 16 weeks + 2 × 4 additional years (5 complete − the first) = 24 weeks × $3,076.92/week \
              = $73,846.15; net $51,950.77 after 29.65% withholding, paid 14 Apr 2023"
                .to_string()
        ));
        assert!(lines.contains(
            &"Google 2023 also came with 60 days' paid notice: enter it as paid notice if yours did".to_string()
        ));
    }

    #[test]
    fn an_invalid_plan_is_not_projected() {
        let mut p = plan(&[dec!(1000)], dec!(100), dec!(0));
        p.accounts[0].balance = dec!(-1);
        assert_eq!(
            project(&p, d(2026, 1, 1), &[], ProjectionOptions::default())
                .unwrap_err()
                .field,
            "balance"
        );
    }

    #[test]
    fn json_has_exactly_the_documented_shape() {
        let p = run(
            &plan(&[dec!(45000), dec!(15000)], dec!(4500), dec!(1500)),
            d(2026, 1, 1),
        );
        let text = serde_json::to_string(&RunwayJson::new(&p, &p.facts.plan)).expect("serializes");
        assert!(
            text.starts_with(
                r#"{"runway_months":10.0,"essentials_runway_months":13.33,"zero_date":"2026-11-01","start":"2026-01-01","months":[{"month":"2026-01","opening":"60000.00","income":"0.00","spending":"6000.00","closing":"54000.00"},"#
            ),
            "{text}"
        );
        let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(json["months"].as_array().map(Vec::len), Some(120));
        assert_eq!(json["months"][10]["closing"], "-6000.00");
        assert_eq!(json["months"][119]["month"], "2035-12");
    }

    proptest! {
        /// Each month adds up, months chain, and the runway agrees with the rows.
        #[test]
        fn balances_add_up_and_runway_matches_rows(
            cash in 0u32..2_000_000,
            essential in 0u32..1_000_000,
            other in 0u32..500_000,
            income in 0u32..1_000_000,
            income_start in 0u64..400,
        ) {
            let today = d(2026, 1, 31);
            let cents = |c: u32| Decimal::new(i64::from(c), 2);
            let mut p = plan(&[cents(cash)], cents(essential), cents(other));
            p.other_income.push(OtherIncome {
                id: 20,
                name: "Partner".into(),
                monthly_net: cents(income),
                start: today + Days::new(income_start),
                end: None,
            });
            let proj = run(&p, today);
            for pair in proj.months.windows(2) {
                prop_assert_eq!(pair[0].closing, pair[1].opening);
            }
            for row in &proj.months {
                prop_assert_eq!(row.closing, row.opening + row.income - row.spending);
                prop_assert_eq!(row.closing, round_cents(row.closing));
            }
            match &proj.runway {
                Runway::RunsOut(short) => {
                    let full = short.full_months as usize;
                    prop_assert!(proj.months[..full].iter().all(|m| m.closing >= Decimal::ZERO));
                    prop_assert!(proj.months[full].closing < Decimal::ZERO);
                    prop_assert!(short.fraction >= Decimal::ZERO && short.fraction < Decimal::ONE);
                    prop_assert!(short.zero_date >= proj.months[full].start && short.zero_date < proj.months[full].end);
                }
                Runway::Lasts { .. } => prop_assert!(proj.months.iter().all(|m| m.closing >= Decimal::ZERO)),
            }
        }
    }
}
