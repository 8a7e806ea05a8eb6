//! How each income and cost lands in the projection's months.
//!
//! Months are periods anchored on the projection start: month k runs from
//! `start + k months` up to (not including) `start + (k + 1) months`, month
//! ends clamped (a start on Jan 31 gives Jan 31, Feb 28, Mar 31, …).
//!
//! - Monthly amounts (notice pay, other income, a new job) are paid pro rata by
//!   days: monthly × days active in the period ÷ days in the period, so a full
//!   period pays exactly the monthly amount.
//! - Weekly benefits are paid on their dates; each period sums its payments.
//! - Premiums are charged on the cover start and the same day of each month after.
//! - Lump sums (severance, one-offs, vest proceeds) land in the period holding
//!   their date. One dated before today is taken as already in the cash
//!   balances; one dated from today up to the projection start lands in the
//!   first month (it arrives before the money has to last).
//! - Recurring payments dated before the projection start are not counted:
//!   until then regular pay is assumed to cover regular spending.
//!
//! Each amount is rounded half-up to cents where it is paid, so the monthly
//! table adds up to the cent.

use super::plan::{OneOffKind, RunwayPlan, SeverancePay};
use crate::domain::dates::{add_months, format_long};
use crate::domain::money::{format_money, format_percent, round_cents};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// Net proceeds of one vest, supplied by the Vesting module (already net of
/// withholding). Counted only when the plan includes vest proceeds.
#[derive(Clone, Debug, PartialEq)]
pub struct VestProceeds {
    pub date: NaiveDate,
    pub net: Decimal,
    pub label: String,
}

/// A repayment owed on a day, supplied by the Vesting module: a sign-on
/// clawback falls due on the last day on payroll. A cost in the projection.
#[derive(Clone, Debug, PartialEq)]
pub struct Repayment {
    pub date: NaiveDate,
    pub amount: Decimal,
    /// What it is, e.g. `Sign-on clawback “Sign-on”`.
    pub label: String,
    /// How the amount is worked out, for the explanation.
    pub working: String,
}

/// One month of the projection, `start` included, `end` excluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days()
    }

    /// Days of `[from, until)` that fall inside this period.
    fn overlap_days(&self, from: NaiveDate, until: NaiveDate) -> i64 {
        (self.end.min(until) - self.start.max(from))
            .num_days()
            .max(0)
    }
}

/// `count` consecutive months from `start`, each measured from `start` itself
/// so clamped month ends never drift.
pub(super) fn periods(start: NaiveDate, count: u32) -> Vec<Period> {
    (0..count)
        .map(|k| Period {
            start: add_months(start, k),
            end: add_months(start, k + 1),
        })
        .collect()
}

/// The index of the period holding `date`, if any.
pub(super) fn period_of(periods: &[Period], date: NaiveDate) -> Option<usize> {
    let after = periods.partition_point(|p| p.start <= date);
    let index = after.checked_sub(1)?;
    (date < periods[index].end).then_some(index)
}

/// One stream's money in one month.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub kind: FlowKind,
    pub name: String,
    /// Always positive; `kind` says whether it comes in or goes out.
    pub amount: Decimal,
}

/// The kinds of money a month can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowKind {
    EssentialSpending,
    OtherSpending,
    Severance,
    NoticePay,
    Benefit,
    Cover,
    OtherIncome,
    NewJob,
    OneOffCost,
    OneOffIncome,
    VestProceeds,
    /// A repayment owed (a sign-on clawback on the last day).
    Repayment,
}

impl FlowKind {
    pub fn is_income(&self) -> bool {
        !matches!(
            self,
            Self::EssentialSpending
                | Self::OtherSpending
                | Self::Cover
                | Self::OneOffCost
                | Self::Repayment
        )
    }

    pub fn label(&self) -> &'static str {
        match self {
            Self::EssentialSpending => "Essential spending",
            Self::OtherSpending => "Other spending",
            Self::Severance => "Severance",
            Self::NoticePay => "Notice pay",
            Self::Benefit => "Unemployment benefit",
            Self::Cover => "Health cover",
            Self::OtherIncome => "Other income",
            Self::NewJob => "New job",
            Self::OneOffCost => "One-off cost",
            Self::OneOffIncome => "One-off income",
            Self::VestProceeds => "Vest proceeds",
            Self::Repayment => "Repayment",
        }
    }
}

/// An event the chart marks.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub kind: MarkerKind,
    /// The day it happens (see [`MarkerKind`]).
    pub date: NaiveDate,
    /// Index of the projection month it is drawn in.
    pub month: usize,
    /// Human words, e.g. "Severance paid: $60,609.23 net".
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// The pay date.
    SeverancePaid,
    /// The last day of paid notice.
    NoticeEnds,
    /// The first benefit payment (after any wait for severance).
    BenefitStarts,
    /// The last benefit payment.
    BenefitEnds,
    /// The first day without cover: start + months.
    CoverEnds,
    /// The new job's first day (only when the scenario is shown).
    NewJobStarts,
    /// The zero date.
    MoneyRunsOut,
}

/// What a projection needs besides regular spending, resolved once.
pub(super) struct Context<'a> {
    pub plan: &'a RunwayPlan,
    pub today: NaiveDate,
    pub periods: Vec<Period>,
    pub severance: Option<SeverancePay>,
    /// The benefit's first payment after any wait for severance.
    pub benefit_first: Option<NaiveDate>,
    pub vest_proceeds: &'a [VestProceeds],
    pub repayments: &'a [Repayment],
}

impl Context<'_> {
    pub fn start(&self) -> NaiveDate {
        self.periods.first().map_or(self.today, |p| p.start)
    }

    pub fn horizon_end(&self) -> NaiveDate {
        self.periods.last().map_or(self.today, |p| p.end)
    }
}

/// Everything other than regular spending, month by month.
pub(super) struct Schedule {
    pub months: Vec<Vec<Flow>>,
    pub markers: Vec<Marker>,
    /// Lump sums left out, with why.
    pub not_counted: Vec<String>,
}

/// Builds the schedule; the new job's pay is included only when asked.
pub(super) fn schedule(ctx: &Context, with_new_job: bool) -> Schedule {
    let mut schedule = Schedule {
        months: vec![Vec::new(); ctx.periods.len()],
        markers: Vec::new(),
        not_counted: Vec::new(),
    };
    // Unemployment benefit stops when a new job starts (in the run with it).
    let job_starts = ctx
        .plan
        .new_job
        .as_ref()
        .filter(|_| with_new_job)
        .map(|job| job.start);
    schedule.severance(ctx, job_starts);
    schedule.notice(ctx, job_starts);
    schedule.benefit(ctx, job_starts);
    schedule.cover(ctx);
    schedule.other_income(ctx);
    schedule.one_offs(ctx);
    schedule.vest_proceeds(ctx);
    schedule.repayments(ctx);
    if with_new_job {
        schedule.new_job(ctx);
    }
    schedule
}

impl Schedule {
    /// Adds a payment to a month, rounded to cents, merged with the same stream.
    fn add(&mut self, month: usize, kind: FlowKind, name: &str, amount: Decimal) {
        let amount = round_cents(amount);
        let Some(flows) = self.months.get_mut(month) else {
            return;
        };
        if amount.is_zero() {
            return;
        }
        match flows.iter_mut().find(|f| f.kind == kind && f.name == name) {
            Some(flow) => flow.amount += amount,
            None => flows.push(Flow {
                kind,
                name: name.to_string(),
                amount,
            }),
        }
    }

    fn mark(&mut self, kind: MarkerKind, date: NaiveDate, month: usize, label: String) {
        self.markers.push(Marker {
            kind,
            date,
            month,
            label,
        });
    }

    /// Marks an event only when its date falls inside the projection.
    fn mark_on(&mut self, ctx: &Context, kind: MarkerKind, date: NaiveDate, label: String) {
        if let Some(month) = period_of(&ctx.periods, date) {
            self.mark(kind, date, month, label);
        }
    }

    /// Places a lump sum (see the module notes) and returns its month.
    fn lump(
        &mut self,
        ctx: &Context,
        date: NaiveDate,
        kind: FlowKind,
        name: &str,
        amount: Decimal,
    ) -> Option<usize> {
        let what = format!("{name} {} on {date}", format_money(amount));
        if date < ctx.today {
            self.not_counted.push(format!(
                "{what}: dated before today, so taken as already in your cash"
            ));
            return None;
        }
        let month = if date < ctx.start() {
            Some(0)
        } else {
            period_of(&ctx.periods, date)
        };
        match month {
            Some(month) => self.add(month, kind, name, amount),
            None => self
                .not_counted
                .push(format!("{what}: after the 10-year horizon")),
        }
        month
    }

    /// A monthly amount paid pro rata by days over `[from, until)`.
    fn monthly(
        &mut self,
        ctx: &Context,
        kind: FlowKind,
        name: &str,
        monthly: Decimal,
        from: NaiveDate,
        until: Option<NaiveDate>,
    ) {
        for (month, period) in ctx.periods.iter().enumerate() {
            let days = period.overlap_days(from, until.unwrap_or(period.end));
            if days > 0 && period.days() > 0 {
                self.add(
                    month,
                    kind,
                    name,
                    monthly * Decimal::from(days) / Decimal::from(period.days()),
                );
            }
        }
    }

    /// The severance on its pay date, unless the new job (`job_starts`, in
    /// the run with it) starts before the last day and so forfeits it.
    fn severance(&mut self, ctx: &Context, job_starts: Option<NaiveDate>) {
        let Some(pay) = &ctx.severance else { return };
        if let Some(start) = job_starts.filter(|&s| ctx.plan.start_forfeits_severance(s)) {
            self.not_counted.push(format!(
                "Severance {} gross: the new job starts {}, before your last day on payroll, \
                 and resigning then forfeits it (as set), so it is not counted with the new job",
                format_money(pay.gross),
                format_long(start)
            ));
            return;
        }
        let name = format!(
            "Severance (net of {} withholding)",
            format_percent(ctx.plan.withholding)
        );
        if let Some(month) = self.lump(ctx, pay.pay_date, FlowKind::Severance, &name, pay.net) {
            let label = format!("Severance paid: {} net", format_money(pay.net));
            self.mark(MarkerKind::SeverancePaid, pay.pay_date, month, label);
        }
    }

    /// Paid notice, which stops when a new job (`job_starts`) starts first:
    /// starting it means resigning.
    fn notice(&mut self, ctx: &Context, job_starts: Option<NaiveDate>) {
        let Some(notice) = &ctx.plan.notice else {
            return;
        };
        let after_end = notice.end.checked_add_days(Days::new(1));
        let until = match job_starts.filter(|&s| Some(s) < after_end) {
            Some(start) => {
                self.not_counted.push(format!(
                    "Paid notice from {}: the new job starts then, so it is not counted with the new job",
                    format_long(start.max(notice.start))
                ));
                Some(start)
            }
            None => after_end,
        };
        self.monthly(
            ctx,
            FlowKind::NoticePay,
            "Paid notice",
            notice.monthly_net,
            notice.start,
            until,
        );
        self.mark_on(
            ctx,
            MarkerKind::NoticeEnds,
            notice.end,
            "Paid notice ends".into(),
        );
    }

    /// The weekly payments, none on or after `stops` (a new job's first day).
    fn benefit(&mut self, ctx: &Context, stops: Option<NaiveDate>) {
        let (Some(benefit), Some(first)) = (&ctx.plan.benefit, ctx.benefit_first) else {
            return;
        };
        let last = benefit.last_payment(first);
        // Cut short only by a job starting on or before the last payment.
        let cut = stops.filter(|&day| day <= last);
        let until = cut.map_or(ctx.horizon_end(), |day| day.min(ctx.horizon_end()));
        let paid = benefit.payment_dates(first, until);
        for &date in &paid {
            if let Some(month) = period_of(&ctx.periods, date) {
                self.add(
                    month,
                    FlowKind::Benefit,
                    "Unemployment benefit",
                    benefit.weekly_amount,
                );
            }
        }
        let Some(&paid_last) = paid.last() else {
            return;
        };
        self.mark_on(
            ctx,
            MarkerKind::BenefitStarts,
            first,
            "Benefit starts".into(),
        );
        let (day, label) = match cut {
            Some(_) => (paid_last, "Last benefit payment (the new job starts)"),
            None => (last, "Last benefit payment"),
        };
        self.mark_on(ctx, MarkerKind::BenefitEnds, day, label.into());
    }

    fn cover(&mut self, ctx: &Context) {
        for cover in &ctx.plan.cover {
            let due = (0..cover.months)
                .map(|i| add_months(cover.start, i))
                .take_while(|date| *date < ctx.horizon_end());
            for date in due {
                if let Some(month) = period_of(&ctx.periods, date) {
                    self.add(month, FlowKind::Cover, &cover.name, cover.monthly_premium);
                }
            }
            self.mark_on(
                ctx,
                MarkerKind::CoverEnds,
                cover.ends(),
                format!("{} ends", cover.name),
            );
        }
    }

    fn other_income(&mut self, ctx: &Context) {
        for income in &ctx.plan.other_income {
            let until = income
                .end
                .and_then(|end| end.checked_add_days(Days::new(1)));
            self.monthly(
                ctx,
                FlowKind::OtherIncome,
                &income.name,
                income.monthly_net,
                income.start,
                until,
            );
        }
    }

    fn one_offs(&mut self, ctx: &Context) {
        for item in &ctx.plan.one_offs {
            let kind = match item.kind {
                OneOffKind::Cost => FlowKind::OneOffCost,
                OneOffKind::Income => FlowKind::OneOffIncome,
            };
            self.lump(ctx, item.date, kind, &item.name, item.amount);
        }
    }

    fn vest_proceeds(&mut self, ctx: &Context) {
        if !ctx.plan.include_vest_proceeds {
            return;
        }
        for vest in ctx.vest_proceeds {
            self.lump(
                ctx,
                vest.date,
                FlowKind::VestProceeds,
                &vest.label,
                vest.net,
            );
        }
    }

    fn repayments(&mut self, ctx: &Context) {
        for owed in ctx.repayments {
            self.lump(
                ctx,
                owed.date,
                FlowKind::Repayment,
                &owed.label,
                owed.amount,
            );
        }
    }

    fn new_job(&mut self, ctx: &Context) {
        let Some(job) = &ctx.plan.new_job else { return };
        self.monthly(
            ctx,
            FlowKind::NewJob,
            "New job",
            job.monthly_net,
            job.start,
            None,
        );
        self.mark_on(
            ctx,
            MarkerKind::NewJobStarts,
            job.start,
            "New job starts".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn periods_are_anchored_on_the_start_and_clamp_month_ends() {
        let months = periods(d(2025, 1, 31), 3);
        assert_eq!(
            months[0],
            Period {
                start: d(2025, 1, 31),
                end: d(2025, 2, 28)
            }
        );
        assert_eq!(
            months[1],
            Period {
                start: d(2025, 2, 28),
                end: d(2025, 3, 31)
            }
        );
        assert_eq!(
            months[2],
            Period {
                start: d(2025, 3, 31),
                end: d(2025, 4, 30)
            }
        );
        // Jan 31 → Feb 28 is 28 days; Feb 28 → Mar 31 is 31 days.
        assert_eq!(months[0].days(), 28);
        assert_eq!(months[1].days(), 31);
    }

    #[test]
    fn finds_the_period_holding_a_date() {
        let months = periods(d(2025, 1, 15), 2);
        assert_eq!(period_of(&months, d(2025, 1, 14)), None);
        assert_eq!(period_of(&months, d(2025, 1, 15)), Some(0));
        assert_eq!(period_of(&months, d(2025, 2, 14)), Some(0));
        assert_eq!(period_of(&months, d(2025, 2, 15)), Some(1));
        assert_eq!(period_of(&months, d(2025, 3, 15)), None);
    }

    #[test]
    fn overlap_counts_days_inside_the_period_only() {
        let p = Period {
            start: d(2025, 3, 1),
            end: d(2025, 4, 1),
        };
        // Mar 16 up to Apr 10 overlaps Mar 16..=Mar 31: 16 days.
        assert_eq!(p.overlap_days(d(2025, 3, 16), d(2025, 4, 10)), 16);
        assert_eq!(p.overlap_days(d(2025, 4, 2), d(2025, 5, 1)), 0);
    }
}
