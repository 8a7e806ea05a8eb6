//! The words around the projection, shared by the Runway tab and
//! `careerbook runway` so both say the same thing: whether a runway can be
//! computed at all, the headline, the new-job and what-if lines, the honest
//! vest-proceeds line, and each month's streams.

use super::plan::RunwayPlan;
use super::projection::{
    Extras, HORIZON_MONTHS, MonthRow, Projection, ProjectionOptions, Runway, project_with,
};
use super::streams::{FlowKind, Repayment, VestProceeds};
use crate::domain::Invalid;
use crate::domain::dates::format_long;
use crate::domain::money::round_half_up;
use crate::domain::money::{format_money, format_percent, round_cents};
use crate::domain::vesting;
use crate::domain::workbook::Workbook;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The vest proceeds the Vesting tab offers the projection: net of
/// withholding, from today through the last day on payroll.
#[derive(Clone, Debug, PartialEq)]
pub struct VestFeed {
    /// Priced vests, counted on their dates (when the switch is on).
    pub counted: Vec<VestProceeds>,
    /// Vests in the same window with no price for their ticker: not counted,
    /// and said so rather than valued at nothing.
    pub unpriced: usize,
}

impl VestFeed {
    /// The proceeds to hand to [`project`].
    pub fn proceeds(&self) -> &[VestProceeds] {
        &self.counted
    }
}

/// The vest proceeds available to the runway projection, for the tab and the
/// CLI alike.
pub fn vest_feed(wb: &Workbook, today: NaiveDate) -> VestFeed {
    let vests = vesting::runway_vests(&wb.vesting, &wb.runway, today);
    VestFeed {
        counted: vests.counted,
        unpriced: vests.unpriced.len(),
    }
}

/// What leaving on the last day on payroll repays: each sign-on clawback
/// the Vesting tab shows as owed, due that day. None without a last day.
pub fn repayments(wb: &Workbook) -> Vec<Repayment> {
    let Some(last_day) = wb.runway.separation else {
        return Vec::new();
    };
    let book = &wb.vesting;
    vesting::clawbacks_owed(&book.sign_on_bonuses, last_day, book.role_eliminated)
        .into_iter()
        .map(|owed| Repayment {
            date: owed.last_day,
            amount: owed.owed,
            label: format!("Sign-on clawback “{}”", owed.name),
            // In the Vesting tab's words.
            working: book
                .sign_on_bonuses
                .iter()
                .find(|b| b.id == owed.bonus)
                .map(|b| vesting::explain::sign_on(b, last_day, book.role_eliminated))
                .unwrap_or_else(|| owed.formula()),
        })
        .collect()
}

/// What the runway can say about a workbook.
#[derive(Clone, Debug, PartialEq)]
pub enum Outlook {
    /// Nothing to project yet: these inputs are missing (in words).
    NeedsInputs(Vec<&'static str>),
    /// The saved plan does not pass its checks (a hand-edited file, say).
    Invalid(Invalid),
    Projected(Box<Projection>),
}

/// The inputs without which a runway would be a made-up number: with no cash
/// there is nothing to last, and with no spending nothing wears it down (the
/// projection would report "beyond 10 years" for an empty workbook).
pub fn missing_inputs(plan: &RunwayPlan) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if plan.accounts.is_empty() {
        missing.push("your cash accounts");
    }
    if plan.expenses.is_empty() {
        missing.push("your monthly spending");
    }
    missing
}

/// Projects the workbook's runway plan, or says why it cannot.
pub fn outlook(wb: &Workbook, today: NaiveDate, options: ProjectionOptions) -> Outlook {
    let plan = &wb.runway;
    let missing = missing_inputs(plan);
    if !missing.is_empty() {
        return Outlook::NeedsInputs(missing);
    }
    let feed = vest_feed(wb, today);
    let owed = repayments(wb);
    let extras = Extras {
        vest_proceeds: feed.proceeds(),
        repayments: &owed,
    };
    match project_with(plan, today, extras, options) {
        Ok(projection) => Outlook::Projected(Box::new(projection)),
        Err(invalid) => Outlook::Invalid(invalid),
    }
}

/// "Add your cash accounts and your monthly spending first …".
pub fn needs_inputs_line(missing: &[&str]) -> String {
    let them = if missing.len() == 1 { "it" } else { "them" };
    format!(
        "No runway yet: add {} first (nothing is estimated without {them})",
        missing.join(" and ")
    )
}

/// Months with two decimals, half-up: `18.30`.
pub fn format_months(months: Decimal) -> String {
    format!("{:.2}", round_half_up(months, 2))
}

/// `18.30 months` or `beyond 10 years`.
pub fn runway_words(runway: &Runway) -> String {
    match runway {
        Runway::RunsOut(short) => format!("{} months", format_months(short.months)),
        Runway::Lasts { .. } => format!("beyond {} years", HORIZON_MONTHS / 12),
    }
}

/// The headline: "Runway 18.30 months — money lasts until 12 Jun 2028 ·
/// essentials only 24.10 months", or "Money lasts beyond 10 years …" when the
/// balance never goes below zero within the horizon.
pub fn headline(projection: &Projection, options: &ProjectionOptions) -> String {
    let essentials = format!(
        "essentials only {}",
        runway_words(&projection.essentials_runway)
    );
    let main = match &projection.runway {
        Runway::RunsOut(short) => format!(
            "Runway {} months — money lasts until {}",
            format_months(short.months),
            format_long(short.zero_date)
        ),
        Runway::Lasts { horizon_end } => format!(
            "Money lasts beyond {} years (projected to {})",
            HORIZON_MONTHS / 12,
            format_long(*horizon_end)
        ),
    };
    let what_if = !options.discretionary_cut.is_zero();
    let job = options.with_new_job && projection.new_job.is_some();
    let scenario = match (what_if, job) {
        (true, true) => "What-if, with the new job: ",
        (true, false) => "What-if: ",
        (false, true) => "With the new job: ",
        (false, false) => "",
    };
    format!("{scenario}{main} · {essentials}")
}

/// "New job from 1 Jun 2027 ($10,400.00/month): with it beyond 10 years ·
/// without it 9.67 months".
pub fn new_job_line(plan: &RunwayPlan, projection: &Projection) -> Option<String> {
    let job = plan.new_job.as_ref()?;
    let comparison = projection.new_job.as_ref()?;
    Some(format!(
        "New job from {} ({}/month): with it {} · without it {}",
        format_long(comparison.start),
        format_money(job.monthly_net),
        runway_words(&comparison.with),
        runway_words(&comparison.without)
    ))
}

/// The what-if cut, said plainly as not saved: "What-if, not saved: other
/// spending cut by 20%, $955.00 → $764.00/month".
pub fn what_if_line(plan: &RunwayPlan, options: &ProjectionOptions) -> Option<String> {
    let cut = options.discretionary_cut;
    if cut.is_zero() {
        return None;
    }
    let (_, other) = spending_totals(plan);
    Some(format!(
        "What-if, not saved: other spending cut by {}, {} → {}/month",
        format_percent(cut),
        format_money(other),
        format_money(round_cents(other * (Decimal::ONE - cut)))
    ))
}

/// Monthly spending as entered: (essential, other).
pub fn spending_totals(plan: &RunwayPlan) -> (Decimal, Decimal) {
    let total = |essential: bool| {
        plan.expenses
            .iter()
            .filter(|e| e.essential == essential)
            .map(|e| e.monthly)
            .sum()
    };
    (total(true), total(false))
}

/// Whether vest proceeds are counted, in words that never imply a figure
/// that was not computed.
pub fn vest_line(plan: &RunwayPlan, feed: &VestFeed) -> String {
    if !plan.include_vest_proceeds {
        return "Vest proceeds: off (left out of the projection)".into();
    }
    let vests = &feed.counted;
    if plan.separation.is_none() && vests.is_empty() {
        return "Vest proceeds: on; with no last day on payroll set, the runway assumes you \
                leave today, so later vests (forfeited then) are not counted"
            .into();
    }
    let mut line = if vests.is_empty() {
        "Vest proceeds: on; no priced vests before the last day to count".to_string()
    } else {
        let total: Decimal = vests.iter().map(|v| v.net).sum();
        format!(
            "Vest proceeds: on; {} {} worth {} net counted on their dates",
            vests.len(),
            if vests.len() == 1 { "vest" } else { "vests" },
            format_money(total)
        )
    };
    if feed.unpriced > 0 {
        line.push_str(&format!(
            " ({} without a price not counted: enter one on the Vesting tab)",
            feed.unpriced
        ));
    }
    line
}

/// The explanation lines, with the vest-proceeds line added where the
/// projection alone cannot tell that the feed is missing.
pub fn explanation(projection: &Projection, plan: &RunwayPlan, feed: &VestFeed) -> Vec<String> {
    let mut lines = projection.explain();
    if plan.include_vest_proceeds && (feed.counted.is_empty() || feed.unpriced > 0) {
        let at = lines
            .iter()
            .position(|l| l.starts_with("Runway"))
            .unwrap_or(lines.len());
        lines.insert(at, vest_line(plan, feed));
    }
    lines
}

/// A stream's short name for the month table.
pub fn stream_word(kind: FlowKind) -> Option<&'static str> {
    match kind {
        FlowKind::EssentialSpending | FlowKind::OtherSpending => None,
        FlowKind::Severance => Some("severance"),
        FlowKind::NoticePay => Some("notice"),
        FlowKind::Benefit => Some("benefit"),
        FlowKind::Cover => Some("cover"),
        FlowKind::OtherIncome => Some("income"),
        FlowKind::NewJob => Some("job"),
        FlowKind::OneOffCost => Some("one-off out"),
        FlowKind::OneOffIncome => Some("one-off in"),
        FlowKind::VestProceeds => Some("vest"),
        FlowKind::Repayment => Some("clawback"),
    }
}

/// The streams active in a month besides regular spending, e.g.
/// "notice, benefit, cover", each named once.
pub fn streams(row: &MonthRow) -> String {
    let mut words: Vec<&str> = Vec::new();
    for flow in &row.flows {
        if let Some(word) = stream_word(flow.kind)
            && !words.contains(&word)
        {
            words.push(word);
        }
    }
    words.join(", ")
}

/// One month in full: each stream with its amount, and the sum.
pub fn month_lines(row: &MonthRow) -> Vec<String> {
    let last_day = row.end.pred_opt().unwrap_or(row.end);
    let mut lines = vec![format!(
        "{} to {} ({} days)",
        format_long(row.start),
        format_long(last_day),
        (row.end - row.start).num_days()
    )];
    lines.push(String::new());
    for flow in &row.flows {
        let sign = if flow.kind.is_income() { "+" } else { "−" };
        lines.push(format!(
            "{sign} {} {}",
            format_money(flow.amount),
            flow_name(flow.kind, &flow.name)
        ));
    }
    if row.flows.is_empty() {
        lines.push("No money in or out this month.".into());
    }
    lines.push(String::new());
    lines.push(format!(
        "Closing = {} opening + {} income − {} spending = {}",
        format_money(row.opening),
        format_money(row.income),
        format_money(row.spending),
        format_money(row.closing)
    ));
    lines
}

/// A flow's name, with its kind when the user named it.
fn flow_name(kind: FlowKind, name: &str) -> String {
    match kind {
        FlowKind::Cover
        | FlowKind::OtherIncome
        | FlowKind::OneOffCost
        | FlowKind::OneOffIncome
        | FlowKind::VestProceeds
            if name != kind.label() =>
        {
            format!("{name} ({})", kind.label().to_lowercase())
        }
        _ => name.to_string(),
    }
}

/// How many months the text report prints by default: up to three after
/// the month the money runs out, and at least a year; two years when it
/// lasts beyond the horizon. Never more than the projection holds.
pub fn months_to_print(projection: &Projection) -> usize {
    let wanted = match &projection.runway {
        Runway::RunsOut(short) => (short.full_months as usize + 4).max(12),
        Runway::Lasts { .. } => 24,
    };
    wanted.min(projection.months.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::runway::plan::{Account, Expense, NewJob};
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn a_sign_on_clawback_owed_on_the_last_day_is_a_cost_that_day() {
        // $20,000 cash, $4,000 a month; the last day 2027-02-09 (after today,
        // so the projection starts there). $25,000 sign-on paid 2026-04-09,
        // 12 months prorated: 10 served, 25,000 × 2/12 = $4,166.67 owed.
        let mut wb = Workbook::default();
        wb.runway.accounts.push(Account {
            id: 1,
            name: "Savings".into(),
            balance: dec!(20000),
            as_of: d(2026, 11, 20),
        });
        wb.runway.expenses.push(Expense {
            id: 2,
            name: "Rent and food".into(),
            monthly: dec!(4000),
            essential: true,
        });
        wb.runway.separation = Some(d(2027, 2, 9));
        wb.vesting.sign_on_bonuses.push(vesting::SignOnBonus {
            id: 3,
            name: "Sign-on".into(),
            gross: dec!(25000),
            paid: d(2026, 4, 9),
            clawback_months: 12,
            prorated: true,
            waived_if_eliminated: false,
        });
        let today = d(2026, 11, 26);
        let Outlook::Projected(p) = outlook(&wb, today, ProjectionOptions::default()) else {
            panic!("projected")
        };
        // Month 0 [02-09, 03-09): 20,000 − 4,000 − 4,166.67 = 11,833.33; then
        // 7,833.33 and 3,833.33; month 3 opens at 3,833.33 against 4,000:
        // 3 + 0.958333… = 3.96 months. Month 3 is [05-09, 06-09), 31 days:
        // 0.958333 × 31 = 29.7 → 29 days → 2027-06-07.
        assert_eq!(p.months[0].spending, dec!(8166.67));
        assert_eq!(p.months[0].closing, dec!(11833.33));
        assert!(p.months[0].has(FlowKind::Repayment));
        assert_eq!(p.runway.months(), Some(dec!(3.96)));
        assert_eq!(p.runway.zero_date(), Some(d(2027, 6, 7)));
        assert!(
            p.explain().iter().any(|line| line
                == "Sign-on clawback “Sign-on”: $4,166.67 repaid on leaving, 9 Feb 2027 (Sign-on: \
                $25,000.00 paid 2026-04-09, 12-month clawback; 10 full month(s) served by \
                2027-02-09 (a month counts on its anniversary); prorated: $25,000.00 × \
                (12 − 10)/12 = $4,166.67)"),
            "{:?}",
            p.explain()
        );
        assert_eq!(streams(&p.months[0]), "clawback");
        // Without it, 20,000 ÷ 4,000 = 5.00 months.
        wb.vesting.sign_on_bonuses.clear();
        let Outlook::Projected(p) = outlook(&wb, today, ProjectionOptions::default()) else {
            panic!("projected")
        };
        assert_eq!(p.runway.months(), Some(dec!(5.00)));
    }

    /// $60,000 cash, $4,500 essential + $1,500 other spending a month.
    fn workbook() -> Workbook {
        let mut wb = Workbook::default();
        wb.runway.accounts.push(Account {
            id: 1,
            name: "Savings".into(),
            balance: dec!(60000),
            as_of: d(2026, 1, 1),
        });
        wb.runway.expenses.push(Expense {
            id: 2,
            name: "Rent and food".into(),
            monthly: dec!(4500),
            essential: true,
        });
        wb.runway.expenses.push(Expense {
            id: 3,
            name: "Travel".into(),
            monthly: dec!(1500),
            essential: false,
        });
        wb
    }

    fn projected(wb: &Workbook, options: ProjectionOptions) -> Projection {
        match outlook(wb, d(2026, 1, 1), options) {
            Outlook::Projected(p) => *p,
            other => panic!("expected a projection, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_workbook_has_no_runway_rather_than_a_made_up_one() {
        let wb = Workbook::default();
        let today = d(2026, 11, 26);
        assert_eq!(
            outlook(&wb, today, ProjectionOptions::default()),
            Outlook::NeedsInputs(vec!["your cash accounts", "your monthly spending"])
        );
        assert_eq!(
            needs_inputs_line(&missing_inputs(&wb.runway)),
            "No runway yet: add your cash accounts and your monthly spending first \
             (nothing is estimated without them)"
        );
        // Cash alone is not enough either: nothing would wear it down.
        let mut cash_only = workbook();
        cash_only.runway.expenses.clear();
        assert_eq!(
            outlook(&cash_only, today, ProjectionOptions::default()),
            Outlook::NeedsInputs(vec!["your monthly spending"])
        );
        assert_eq!(
            needs_inputs_line(&["your monthly spending"]),
            "No runway yet: add your monthly spending first (nothing is estimated without it)"
        );
    }

    #[test]
    fn an_invalid_saved_plan_is_reported_not_projected() {
        let mut wb = workbook();
        wb.runway.accounts[0].balance = dec!(-5);
        let Outlook::Invalid(invalid) = outlook(&wb, d(2026, 1, 1), ProjectionOptions::default())
        else {
            panic!("expected invalid")
        };
        assert_eq!(invalid.field, "balance");
    }

    #[test]
    fn the_headline_gives_months_the_zero_date_and_essentials_only() {
        // 60,000 ÷ 6,000 = 10.00 months, runs out 1 Nov 2026; essentials 60,000 ÷ 4,500 = 13.33
        // (worked in projection.rs).
        let options = ProjectionOptions::default();
        let p = projected(&workbook(), options);
        assert_eq!(
            headline(&p, &options),
            "Runway 10.00 months — money lasts until 1 Nov 2026 · essentials only 13.33 months"
        );
        assert_eq!(what_if_line(&workbook().runway, &options), None);
    }

    #[test]
    fn a_runway_beyond_the_horizon_is_said_in_words() {
        let mut wb = workbook();
        wb.runway.accounts[0].balance = dec!(1000000);
        let options = ProjectionOptions::default();
        let p = projected(&wb, options);
        // 1,000,000 ÷ 6,000 = 166.7 months: more than 120. The horizon ends 1 Jan 2036.
        // Essentials: 1,000,000 ÷ 4,500 = 222 months: also beyond.
        assert_eq!(
            headline(&p, &options),
            "Money lasts beyond 10 years (projected to 1 Jan 2036) · essentials only beyond 10 years"
        );
    }

    #[test]
    fn the_new_job_line_compares_with_and_without() {
        // $60,000 at $6,000/month: without the job 10.00 months. With $7,000/month net from
        // 1 Mar 2026 (a whole month from the start of March) income beats spending from
        // March on, so the balance never goes below $48,000 → beyond 10 years.
        let mut wb = workbook();
        wb.runway.new_job = Some(NewJob {
            start: d(2026, 3, 1),
            monthly_net: dec!(7000),
            offer: None,
        });
        let options = ProjectionOptions::default();
        let p = projected(&wb, options);
        assert_eq!(
            new_job_line(&wb.runway, &p).as_deref(),
            Some(
                "New job from 1 Mar 2026 ($7,000.00/month): with it beyond 10 years · without it 10.00 months"
            )
        );
        let with = ProjectionOptions {
            with_new_job: true,
            ..options
        };
        let p = projected(&wb, with);
        assert!(
            headline(&p, &with).starts_with("With the new job: Money lasts beyond 10 years"),
            "{}",
            headline(&p, &with)
        );
        let both = ProjectionOptions {
            discretionary_cut: dec!(0.1),
            ..with
        };
        let p = projected(&wb, both);
        assert!(
            headline(&p, &both).starts_with("What-if, with the new job: Money lasts"),
            "{}",
            headline(&p, &both)
        );
    }

    #[test]
    fn the_what_if_line_says_it_is_not_saved() {
        // Other spending $1,500 cut by 20% → 1,500 × 0.8 = $1,200.00.
        let options = ProjectionOptions {
            discretionary_cut: dec!(0.2),
            ..ProjectionOptions::default()
        };
        assert_eq!(
            what_if_line(&workbook().runway, &options).as_deref(),
            Some("What-if, not saved: other spending cut by 20%, $1,500.00 → $1,200.00/month")
        );
        // Spending 4,500 + 1,200 = 5,700: 10 × 5,700 = 57,000, 3,000 left; 3,000 ÷ 5,700
        // = 0.526… → 10.53 months.
        let p = projected(&workbook(), options);
        assert_eq!(p.runway.months(), Some(dec!(10.53)));
    }

    #[test]
    fn vest_proceeds_are_counted_or_their_absence_is_said() {
        let mut wb = workbook();
        // No last day set: the runway assumes you leave today, and says so.
        let feed = vest_feed(&wb, d(2026, 1, 1));
        assert!(vest_line(&wb.runway, &feed).contains("assumes you leave today"));
        // A last day but no grants: nothing to count, said instead of a figure.
        wb.runway.separation = Some(d(2026, 6, 30));
        let feed = vest_feed(&wb, d(2026, 1, 1));
        assert!(feed.proceeds().is_empty());
        assert!(vest_line(&wb.runway, &feed).contains("no priced vests"));
        let p = projected(&wb, ProjectionOptions::default());
        let lines = explanation(&p, &wb.runway, &feed);
        let vest = lines
            .iter()
            .position(|l| l.contains("no priced vests"))
            .expect("vest line");
        let runway = lines
            .iter()
            .position(|l| l.starts_with("Runway ="))
            .expect("runway line");
        assert!(
            vest < runway,
            "the vest line comes with the inputs: {lines:?}"
        );

        let mut off = wb.clone();
        off.runway.include_vest_proceeds = false;
        assert_eq!(
            vest_line(&off.runway, &feed),
            "Vest proceeds: off (left out of the projection)"
        );
        assert!(
            !explanation(&p, &off.runway, &feed)
                .iter()
                .any(|l| l.contains("no priced vests"))
        );

        let connected = VestFeed {
            counted: vec![VestProceeds {
                date: d(2026, 3, 15),
                net: dec!(1406.40),
                label: "RSU".into(),
            }],
            unpriced: 2,
        };
        assert_eq!(
            vest_line(&wb.runway, &connected),
            "Vest proceeds: on; 1 vest worth $1,406.40 net counted on their dates \
             (2 without a price not counted: enter one on the Vesting tab)"
        );
    }

    #[test]
    fn the_demo_counts_its_priced_vests_before_the_last_day() {
        let text = crate::demo::DEMO_RON;
        let wb: Workbook = ron::from_str(text).expect("demo parses");
        let feed = vest_feed(&wb, d(2026, 11, 26));
        // Separation 2027-02-09: no demo grant vests between 2026-11-26 and then
        // (the new-hire grant's next vest is 2027-03-16), so nothing is counted.
        assert!(feed.counted.is_empty(), "{feed:?}");
        let mut later = wb.clone();
        later.runway.separation = Some(d(2027, 3, 31));
        let feed = vest_feed(&later, d(2026, 11, 26));
        // 180 × 20% = 36 shares on 2027-03-16 at $212.40 = $7,646.40 gross;
        // net at 29.65% withholding: 7,646.40 × 0.7035 = 5,379.24.
        assert_eq!(feed.counted.len(), 1);
        assert_eq!(feed.counted[0].net, dec!(5379.24));
        assert_eq!(feed.unpriced, 0);
    }

    #[test]
    fn months_printed_run_a_few_past_the_zero_month() {
        // Runs out in month 11 (index 10): 10 + 4 = 14 rows, i.e. through index 13.
        let p = projected(&workbook(), ProjectionOptions::default());
        assert_eq!(months_to_print(&p), 14);
        let mut rich = workbook();
        rich.runway.accounts[0].balance = dec!(1000000);
        let p = projected(&rich, ProjectionOptions::default());
        assert_eq!(months_to_print(&p), 24);
    }

    #[test]
    fn a_month_lists_its_streams_and_adds_up() {
        let p = projected(&workbook(), ProjectionOptions::default());
        let row = &p.months[0];
        assert_eq!(streams(row), "");
        assert_eq!(
            month_lines(row),
            [
                "1 Jan 2026 to 31 Jan 2026 (31 days)",
                "",
                "− $4,500.00 Essential spending",
                "− $1,500.00 Other spending",
                "",
                "Closing = $60,000.00 opening + $0.00 income − $6,000.00 spending = $54,000.00",
            ]
        );
    }
}
