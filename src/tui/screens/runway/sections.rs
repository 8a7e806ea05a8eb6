//! The sections of the Runway tab's inputs: one row per input (or a
//! placeholder for an empty section), with each input's help and working.
//! The Inputs view lists them; the forms open on them.

use crate::domain::Id;
use crate::domain::dates::format_long;
use crate::domain::edit::Kind;
use crate::domain::money::{format_money, format_percent};
use crate::domain::runway::reference::{
    self, COBRA_MAX_MONTHS, DEFAULT_WITHHOLDING, FEDERAL_SUPPLEMENTAL_RATE, FICA_RATE, KffPlan,
};
use crate::domain::runway::summary::{self, VestFeed};
use crate::domain::runway::{OneOffKind, RunwayPlan, Severance};
use crate::domain::severance::TemplateKind;
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::widgets::table::{Column, Row, SortKey};
use chrono::NaiveDate;
use ratatui::layout::Constraint;

pub static COLUMNS: &[Column] = &[
    Column::left("Input", Constraint::Fill(3)),
    Column::right("Amount", Constraint::Length(12)),
    Column::left("Details", Constraint::Fill(4)),
];

/// The sections of the Inputs view, in the order the money flows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Separation,
    Accounts,
    Spending,
    Severance,
    Notice,
    Withholding,
    Benefit,
    Cover,
    Income,
    OneOffs,
    NewJob,
    VestProceeds,
}

impl Part {
    pub const ALL: [Self; 12] = [
        Self::Separation,
        Self::Accounts,
        Self::Spending,
        Self::Severance,
        Self::Notice,
        Self::Withholding,
        Self::Benefit,
        Self::Cover,
        Self::Income,
        Self::OneOffs,
        Self::NewJob,
        Self::VestProceeds,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::Separation => "Last day on payroll",
            Self::Accounts => "Cash accounts",
            Self::Spending => "Monthly spending",
            Self::Severance => "Severance",
            Self::Notice => "Paid notice",
            Self::Withholding => "Withholding",
            Self::Benefit => "Unemployment benefit",
            Self::Cover => "Health cover",
            Self::Income => "Other income",
            Self::OneOffs => "One-off costs and incomes",
            Self::NewJob => "New job scenario",
            Self::VestProceeds => "Vest proceeds",
        }
    }

    /// The record kind of a list section; `None` for a single value.
    pub fn kind(self) -> Option<Kind> {
        match self {
            Self::Accounts => Some(Kind::Account),
            Self::Spending => Some(Kind::Expense),
            Self::Cover => Some(Kind::Cover),
            Self::Income => Some(Kind::Income),
            Self::OneOffs => Some(Kind::OneOff),
            _ => None,
        }
    }

    pub fn of_kind(kind: Kind) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.kind() == Some(kind))
    }

    /// A table id for a row that is not a record (a single value, or an
    /// empty section's placeholder): far above any id the workbook hands out.
    fn row_id(self) -> Id {
        let index = Self::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Id::MAX - index as Id
    }
}

/// One row of the Inputs table.
#[derive(Clone, Debug, PartialEq)]
pub struct InputRow {
    pub id: Id,
    pub part: Part,
    /// The record shown, for a list section's row.
    pub record: Option<Id>,
    /// Whether a single value is set (always true for records).
    pub set: bool,
    cells: [String; 3],
    /// Help and working for the detail pane.
    pub detail: Vec<String>,
}

/// All rows, with the group heading of each section.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    rows: Vec<(String, InputRow)>,
}

impl Rows {
    pub fn find(&self, id: Id) -> Option<&InputRow> {
        self.rows.iter().map(|(_, r)| r).find(|r| r.id == id)
    }

    /// The first row of `part`'s section: its value, first record or placeholder.
    pub fn first_of(&self, part: Part) -> Option<Id> {
        self.rows
            .iter()
            .map(|(_, r)| r)
            .find(|r| r.part == part)
            .map(|r| r.id)
    }

    pub fn table_rows(&self) -> Vec<Row> {
        self.rows
            .iter()
            .map(|(group, row)| Row {
                id: row.id,
                cells: row.cells.to_vec(),
                keys: row.cells.iter().map(|c| SortKey::text(c)).collect(),
                search: row.cells.join(" ").to_lowercase(),
                group: Some(group.clone()),
                mark: None,
            })
            .collect()
    }
}

/// Builds every row from the workbook.
pub fn rows(wb: &Workbook, today: NaiveDate, feed: &VestFeed, keys: &Keymap) -> Rows {
    let plan = &wb.runway;
    let mut out = Rows::default();
    for part in Part::ALL {
        let group = heading(plan, part);
        let built = part_rows(plan, part, today, feed, keys);
        for row in built {
            out.rows.push((group.clone(), row));
        }
    }
    out
}

/// A section heading, with its total where one helps.
fn heading(plan: &RunwayPlan, part: Part) -> String {
    match part {
        Part::Accounts if !plan.accounts.is_empty() => {
            format!("{} · {} in all", part.title(), format_money(plan.cash()))
        }
        Part::Spending if !plan.expenses.is_empty() => {
            let (essential, other) = summary::spending_totals(plan);
            format!(
                "{} · {} essential + {} other a month",
                part.title(),
                format_money(essential),
                format_money(other)
            )
        }
        _ => part.title().to_string(),
    }
}

fn record(part: Part, id: Id, cells: [String; 3], detail: Vec<String>) -> InputRow {
    InputRow {
        id,
        part,
        record: Some(id),
        set: true,
        cells,
        detail,
    }
}

fn single(part: Part, set: bool, cells: [String; 3], detail: Vec<String>) -> InputRow {
    InputRow {
        id: part.row_id(),
        part,
        record: None,
        set,
        cells,
        detail,
    }
}

fn not_set(part: Part, what: &str, detail: Vec<String>, keys: &Keymap) -> InputRow {
    single(
        part,
        false,
        [
            "(not set)".into(),
            String::new(),
            format!(
                "{} or {} sets {what}",
                keys.key_for(Scope::RunwayInputs, Action::Add),
                keys.key_for(Scope::RunwayInputs, Action::Edit)
            ),
        ],
        detail,
    )
}

fn placeholder(part: Part, detail: Vec<String>, keys: &Keymap) -> InputRow {
    single(
        part,
        false,
        [
            "(none yet)".into(),
            String::new(),
            keys.hint(Scope::RunwayInputs, Action::Add, "adds one"),
        ],
        detail,
    )
}

fn part_rows(
    plan: &RunwayPlan,
    part: Part,
    today: NaiveDate,
    feed: &VestFeed,
    keys: &Keymap,
) -> Vec<InputRow> {
    let help = help(plan, part, keys);
    let list = |rows: Vec<InputRow>| {
        if rows.is_empty() {
            vec![placeholder(part, help.clone(), keys)]
        } else {
            rows
        }
    };
    match part {
        Part::Separation => vec![match plan.separation {
            Some(day) => single(
                part,
                true,
                [
                    format_long(day),
                    String::new(),
                    "end of any paid notice".into(),
                ],
                help,
            ),
            None => not_set(part, "it", help, keys),
        }],
        Part::Accounts => list(
            plan.accounts
                .iter()
                .map(|a| {
                    record(
                        part,
                        a.id,
                        [
                            a.name.clone(),
                            format_money(a.balance),
                            format!("as of {}", format_long(a.as_of)),
                        ],
                        help.clone(),
                    )
                })
                .collect(),
        ),
        Part::Spending => list(
            plan.expenses
                .iter()
                .map(|e| {
                    let what = if e.essential {
                        "essential"
                    } else {
                        "other (the what-if trims it)"
                    };
                    record(
                        part,
                        e.id,
                        [e.name.clone(), format_money(e.monthly), what.into()],
                        help.clone(),
                    )
                })
                .collect(),
        ),
        Part::Severance => vec![severance_row(plan, help, keys)],
        Part::Notice => vec![match &plan.notice {
            Some(n) => single(
                part,
                true,
                [
                    "Paid notice".into(),
                    format_money(n.monthly_net),
                    format!(
                        "a month net, {} – {} ({} days)",
                        format_long(n.start),
                        format_long(n.end),
                        n.days()
                    ),
                ],
                help,
            ),
            None => not_set(part, "it", help, keys),
        }],
        Part::Withholding => {
            let default = plan.withholding == DEFAULT_WITHHOLDING;
            vec![single(
                part,
                true,
                [
                    "Rate on severance and vests".into(),
                    format_percent(plan.withholding),
                    if default {
                        format!(
                            "the default ({} federal + {} FICA)",
                            format_percent(FEDERAL_SUPPLEMENTAL_RATE),
                            format_percent(FICA_RATE)
                        )
                    } else {
                        format!(
                            "your rate (default {})",
                            format_percent(DEFAULT_WITHHOLDING)
                        )
                    },
                ],
                help,
            )]
        }
        Part::Benefit => vec![match &plan.benefit {
            Some(b) => {
                let mut details = format!(
                    "a week × {} weeks from {}",
                    b.weeks,
                    format_long(b.first_payment)
                );
                if b.waits_for_severance {
                    details.push_str(", waits for severance");
                }
                single(
                    part,
                    true,
                    [
                        "Weekly benefit".into(),
                        format_money(b.weekly_amount),
                        details,
                    ],
                    help,
                )
            }
            None => not_set(part, "it", help, keys),
        }],
        Part::Cover => list(
            plan.cover
                .iter()
                .map(|c| {
                    record(
                        part,
                        c.id,
                        [
                            c.name.clone(),
                            format_money(c.monthly_premium),
                            format!(
                                "a month × {} from {} ({}), ends {}",
                                c.months,
                                format_long(c.start),
                                c.kind.label(),
                                format_long(c.ends())
                            ),
                        ],
                        help.clone(),
                    )
                })
                .collect(),
        ),
        Part::Income => list(
            plan.other_income
                .iter()
                .map(|i| {
                    let until = match i.end {
                        Some(end) => format!("to {}", format_long(end)),
                        None => "with no end".into(),
                    };
                    record(
                        part,
                        i.id,
                        [
                            i.name.clone(),
                            format_money(i.monthly_net),
                            format!("a month from {} {until}", format_long(i.start)),
                        ],
                        help.clone(),
                    )
                })
                .collect(),
        ),
        Part::OneOffs => list(
            plan.one_offs
                .iter()
                .map(|o| {
                    let (sign, kind) = match o.kind {
                        OneOffKind::Cost => ("−", "cost"),
                        OneOffKind::Income => ("+", "income"),
                    };
                    let when = if o.date < today {
                        " (before today: already in your cash)"
                    } else {
                        ""
                    };
                    record(
                        part,
                        o.id,
                        [
                            o.name.clone(),
                            format!("{sign}{}", format_money(o.amount)),
                            format!("{kind} on {}{when}", format_long(o.date)),
                        ],
                        help.clone(),
                    )
                })
                .collect(),
        ),
        Part::NewJob => vec![match &plan.new_job {
            Some(job) => single(
                part,
                true,
                [
                    "Net pay".into(),
                    format_money(job.monthly_net),
                    format!("a month from {}", format_long(job.start)),
                ],
                help,
            ),
            None => not_set(part, "one", help, keys),
        }],
        Part::VestProceeds => {
            let state = if plan.include_vest_proceeds {
                "on"
            } else {
                "off"
            };
            let toggle = keys.key_for(Scope::RunwayInputs, Action::ToggleVestProceeds);
            let details = if plan.include_vest_proceeds {
                format!("counted on their vest dates; {toggle} leaves them out")
            } else {
                format!("left out; {toggle} counts them")
            };
            let mut detail = vec![summary::vest_line(plan, feed)];
            detail.extend(help);
            vec![single(
                part,
                true,
                ["Count vest proceeds".into(), state.into(), details],
                detail,
            )]
        }
    }
}

fn severance_row(plan: &RunwayPlan, mut help: Vec<String>, keys: &Keymap) -> InputRow {
    let part = Part::Severance;
    let Some(severance) = &plan.severance else {
        return not_set(part, "it", help, keys);
    };
    let name = match severance {
        Severance::Entered { .. } => "From your offer".to_string(),
        Severance::Estimated { template, .. } => format!("Estimate: {}", template.kind().label()),
    };
    match severance.pay(plan.separation, plan.withholding) {
        Ok(pay) => {
            let weeks = pay
                .weeks
                .map(|w| format!("{} weeks · ", w.normalize()))
                .unwrap_or_default();
            let mut detail = vec![
                format!("Gross: {}", pay.formula),
                format!(
                    "Net: {} × (1 − {}) = {}, paid {}",
                    format_money(pay.gross),
                    format_percent(plan.withholding),
                    format_money(pay.net),
                    format_long(pay.pay_date)
                ),
            ];
            detail.append(&mut help);
            single(
                part,
                true,
                [
                    name,
                    format_money(pay.gross),
                    format!(
                        "{weeks}net {} · paid {}",
                        format_money(pay.net),
                        format_long(pay.pay_date)
                    ),
                ],
                detail,
            )
        }
        Err(invalid) => {
            let mut detail = vec![format!("✗ Cannot compute: {invalid}")];
            detail.append(&mut help);
            single(
                part,
                true,
                [name, String::new(), format!("✗ {}", invalid.message)],
                detail,
            )
        }
    }
}

/// What each section is for, and the published figures that help fill it.
fn help(plan: &RunwayPlan, part: Part, keys: &Keymap) -> Vec<String> {
    let key = |scope, action| keys.key_for(scope, action);
    match part {
        Part::Separation => vec![
            "The last day on payroll, the end of any paid notice. The projection starts here \
             if it is later than today; the severance estimator counts service up to it; \
             the Vesting tab uses it as your last day."
                .into(),
        ],
        Part::Accounts => vec![
            "Only liquid money: checking, savings, money market. Each balance is taken as \
             current; the as-of date is for your reference. Enter a debt as a one-off cost \
             on the day it is due."
                .into(),
        ],
        Part::Spending => vec![format!(
            "Essential items stay in the essentials-only runway and are never trimmed by the \
             what-if ({}); other items are.",
            key(Scope::Runway, Action::WhatIf)
        )],
        Part::Severance => {
            let mut lines = vec![
                "Enter the amount from your offer, or estimate it: weekly pay = annual base ÷ 52."
                    .into(),
            ];
            lines.extend(
                TemplateKind::ALL
                    .iter()
                    .map(|k| format!("{}: {}", k.label(), k.rule())),
            );
            lines
        }
        Part::Notice => {
            let mut lines = vec![
                "Salary that continues until the last day on payroll (Google 2023: at least 60 \
                 days; Amazon 2025: 90 days). Enter the net monthly pay from your payslip; pay \
                 in lieu of notice as a lump sum is a one-off income."
                    .into(),
            ];
            if let Some(Severance::Estimated { template, .. }) = &plan.severance
                && let Some(days) = template.kind().paid_notice_days()
                && plan.notice.is_none()
            {
                lines.push(format!(
                    "{} came with {days} days' paid notice: enter it here if yours did.",
                    template.kind().label()
                ));
            }
            lines
        }
        Part::Withholding => vec![reference::withholding_note()],
        Part::Benefit => vec![
            format!("{}.", reference::benefit_maxima_line()),
            "Enter the weekly amount your state tells you and the number of weeks (usually 26). \
             NY and TX pay nothing while severance is paid: tick “waits for severance”."
                .into(),
        ],
        Part::Cover => {
            let mut lines = vec![format!(
                "COBRA keeps your employer's plan for at most {COBRA_MAX_MONTHS} months at up to \
                 102% of its full cost; add a marketplace plan from the day it ends. Suggestions \
                 (KFF Employer Health Benefits Survey 2025):"
            )];
            lines.extend(KffPlan::ALL.iter().map(KffPlan::explain));
            lines
        }
        Part::Income => vec![
            "A partner's pay, freelance work: the net monthly amount, counted pro rata by days \
             in months it only partly covers."
                .into(),
        ],
        Part::OneOffs => vec![
            "A final paycheck, vacation payout or tax refund (income); a debt, a move or a \
             course (cost). Counted in the month of its date; one dated before today is taken \
             as already in your cash."
                .into(),
        ],
        Part::NewJob => vec![format!(
            "When a new job would start and its net monthly pay. The headline shows the runway \
             with and without it; {} shows it in the chart and months.",
            key(Scope::Runway, Action::ToggleNewJob)
        )],
        Part::VestProceeds => vec![format!(
            "Net proceeds of your vests from the Vesting tab, after withholding, on their vest \
             dates. {} switches them on or off (saved).",
            key(Scope::RunwayInputs, Action::ToggleVestProceeds)
        )],
    }
}
