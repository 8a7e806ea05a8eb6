//! The Runway tab's forms: one per input, built from the reusable Form with
//! field keys named as the domain names them, so a refused value shows under
//! its own field. Single values (severance, notice, benefit, …) are `Set`
//! edits checked against the whole plan first, so their errors land in the
//! form that caused them; records are `Add` / `Update` / `Remove`.

use super::inputs::{InputRow, Part};
use crate::domain::dates::format_long;
use crate::domain::edit::{Edit, Item, Kind, Section};
use crate::domain::money::{format_money, format_percent};
use crate::domain::runway::reference::{self, DEFAULT_BENEFIT_WEEKS, DEFAULT_WITHHOLDING, KffPlan};
use crate::domain::runway::summary;
use crate::domain::runway::{
    Account, CoverKind, Expense, HealthCover, NewJob, NoticePay, OneOff, OneOffKind, OtherIncome,
    ProjectionOptions, RunwayPlan, Severance, UnemploymentBenefit,
};
use crate::domain::severance::{SeveranceTemplate, TemplateKind};
use crate::domain::{Id, Invalid};
use crate::tui::app::Popup;
use crate::tui::screens::{Cx, Effect};
use crate::tui::widgets::form::Form;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// The Runway tab's index: its forms come back to it.
pub const TAB: usize = 2;

/// How a severance is entered: from the offer, or estimated from a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    Entered,
    Template(TemplateKind),
}

impl How {
    fn all() -> Vec<How> {
        std::iter::once(How::Entered)
            .chain(TemplateKind::ALL.into_iter().map(How::Template))
            .collect()
    }

    fn label(self) -> String {
        match self {
            How::Entered => "Amount from my offer letter".into(),
            How::Template(kind) => format!("Estimate: {}", kind.label()),
        }
    }

    fn of(severance: Option<&Severance>) -> How {
        match severance {
            Some(Severance::Estimated { template, .. }) => How::Template(template.kind()),
            _ => How::Entered,
        }
    }
}

/// What a form is for; kept in the form and read back on submit.
///
/// Each form carries what it was opened from (the record, or the plan for a
/// single value), so saving writes only the fields changed in the form and
/// keeps what another window changed meanwhile (see `Edit::update`).
#[derive(Clone, Debug)]
enum Purpose {
    Account(Option<Account>),
    Expense(Option<Expense>),
    Cover(Option<HealthCover>),
    Income(Option<OtherIncome>),
    OneOff(Option<OneOff>),
    SeveranceHow(Opened),
    Severance(How, Opened),
    Notice(Opened),
    Withholding(Opened),
    Benefit(Opened),
    NewJob(Opened),
    Separation(Opened),
    WhatIf,
}

/// The plan as a form opened it.
type Opened = Box<RunwayPlan>;

/// What a submitted form did.
pub enum Submitted {
    /// An edit (or the next form) is on its way.
    Saved,
    /// A what-if cut to apply to the view; nothing is saved.
    WhatIf(Decimal),
}

// Opening forms ------------------------------------------------------------

fn open(cx: &mut Cx, form: Form) {
    cx.open(Popup::Form(form, TAB));
}

/// `a` on a section: a new record for a list, the value's form for a single value.
pub fn add(part: Part, cx: &mut Cx) {
    let plan = &cx.wb.runway;
    let today = cx.today;
    let form = match part {
        Part::Accounts => account_form(today, None),
        Part::Spending => expense_form(today, None),
        Part::Cover => cover_form(plan, today, None),
        Part::Income => income_form(plan, today, None),
        Part::OneOffs => one_off_form(today, None),
        _ => return single_form(part, cx),
    };
    open(cx, form);
}

/// `e` / Enter on a row.
pub fn edit(row: &InputRow, cx: &mut Cx) {
    let Some(id) = row.record else {
        return match row.part.kind() {
            Some(_) => add(row.part, cx),
            None => single_form(row.part, cx),
        };
    };
    let plan = &cx.wb.runway;
    let today = cx.today;
    let form = match row.part {
        Part::Accounts => plan
            .accounts
            .iter()
            .find(|a| a.id == id)
            .map(|a| account_form(today, Some(a))),
        Part::Spending => plan
            .expenses
            .iter()
            .find(|e| e.id == id)
            .map(|e| expense_form(today, Some(e))),
        Part::Cover => plan
            .cover
            .iter()
            .find(|c| c.id == id)
            .map(|c| cover_form(plan, today, Some(c))),
        Part::Income => plan
            .other_income
            .iter()
            .find(|i| i.id == id)
            .map(|i| income_form(plan, today, Some(i))),
        Part::OneOffs => plan
            .one_offs
            .iter()
            .find(|o| o.id == id)
            .map(|o| one_off_form(today, Some(o))),
        _ => None,
    };
    match form {
        Some(form) => open(cx, form),
        None => cx.status("that input no longer exists"),
    }
}

fn single_form(part: Part, cx: &mut Cx) {
    let plan = &cx.wb.runway;
    let today = cx.today;
    let form = match part {
        Part::Separation => separation_form(plan, today),
        Part::Severance => severance_how_form(plan, today),
        Part::Notice => notice_form(plan, today),
        Part::Withholding => withholding_form(plan, today),
        Part::Benefit => benefit_form(plan, today),
        Part::NewJob => new_job_form(plan, today),
        Part::VestProceeds => return toggle_vest_proceeds(cx),
        _ => return,
    };
    open(cx, form);
}

/// `v`: count vest proceeds or leave them out (saved).
pub fn toggle_vest_proceeds(cx: &mut Cx) {
    let on = !cx.wb.runway.include_vest_proceeds;
    let done = if on {
        "vest proceeds switched on"
    } else {
        "vest proceeds switched off"
    };
    cx.edit(Edit::set_from(cx.wb, Section::VestProceeds(on)), done);
}

/// `w`: the what-if cut, kept in the screen only.
pub fn what_if(today: NaiveDate, plan: &RunwayPlan, options: &ProjectionOptions) -> Form {
    let current = (!options.discretionary_cut.is_zero()).then_some(options.discretionary_cut);
    let plan = plan.clone();
    Form::new("What-if (not saved)", today, Purpose::WhatIf)
        .percent(
            "discretionary_cut",
            "Trim non-essential spending by",
            current,
        )
        .hint("e.g. 20% · 0 clears the what-if · essential spending is never cut")
        .preview(move |form| {
            let cut = form.value_amount("discretionary_cut");
            match cut.filter(|c| *c >= Decimal::ZERO && *c <= Decimal::ONE) {
                Some(cut) if !cut.is_zero() => {
                    let options = ProjectionOptions {
                        discretionary_cut: cut,
                        ..ProjectionOptions::default()
                    };
                    summary::what_if_line(&plan, &options).into_iter().collect()
                }
                _ => {
                    let (essential, other) = summary::spending_totals(&plan);
                    vec![format!(
                        "Your spending: {} essential + {} other a month. Nothing is saved.",
                        format_money(essential),
                        format_money(other)
                    )]
                }
            }
        })
}

// `d` ------------------------------------------------------------------------

/// `d`: delete a record, or clear a single value, after a confirmation. A
/// clear the plan would refuse (an estimate needs the last day on payroll,
/// say) is explained instead of asked.
pub fn delete(row: &InputRow, cx: &mut Cx) {
    if let (Some(id), Some(kind)) = (row.record, row.part.kind()) {
        let name = record_name(&cx.wb.runway, kind, id).unwrap_or_default();
        cx.confirm(
            format!("Delete {}", kind.noun()),
            format!("Delete {name}?"),
            Edit::Remove(kind, id),
            format!("{} deleted", kind.noun()),
        );
        return;
    }
    if row.part.kind().is_some() || !row.set {
        cx.status("nothing to delete here");
        return;
    }
    let plan = &cx.wb.runway;
    let (section, what): (Section, String) = match row.part {
        Part::Separation => (Section::Separation(None), "the last day on payroll".into()),
        Part::Severance => (Section::Severance(None), "the severance".into()),
        Part::Notice => (Section::Notice(None), "the paid notice".into()),
        Part::Benefit => (Section::Benefit(None), "the unemployment benefit".into()),
        Part::NewJob => (Section::NewJob(None), "the new job scenario".into()),
        Part::Withholding if plan.withholding == DEFAULT_WITHHOLDING => {
            cx.status("withholding is already the default");
            return;
        }
        Part::Withholding => (
            Section::Withholding(DEFAULT_WITHHOLDING),
            format!(
                "your withholding rate (back to the default {})",
                format_percent(DEFAULT_WITHHOLDING)
            ),
        ),
        _ => {
            cx.status("v switches vest proceeds on or off");
            return;
        }
    };
    let mut candidate = plan.clone();
    apply_section(&mut candidate, &section);
    if let Err(invalid) = candidate.validate() {
        cx.effects.push(Effect::Error(format!(
            "{what} cannot be cleared: {invalid}"
        )));
        return;
    }
    cx.confirm(
        "Clear",
        format!("Clear {what}?"),
        Edit::set_from(cx.wb, section),
        "cleared",
    );
}

fn record_name(plan: &RunwayPlan, kind: Kind, id: Id) -> Option<String> {
    let quoted = |name: &str, amount: Decimal| format!("“{name}” ({})", format_money(amount));
    match kind {
        Kind::Account => plan
            .accounts
            .iter()
            .find(|a| a.id == id)
            .map(|a| quoted(&a.name, a.balance)),
        Kind::Expense => plan
            .expenses
            .iter()
            .find(|e| e.id == id)
            .map(|e| quoted(&e.name, e.monthly)),
        Kind::Cover => plan
            .cover
            .iter()
            .find(|c| c.id == id)
            .map(|c| quoted(&c.name, c.monthly_premium)),
        Kind::Income => plan
            .other_income
            .iter()
            .find(|i| i.id == id)
            .map(|i| quoted(&i.name, i.monthly_net)),
        Kind::OneOff => plan
            .one_offs
            .iter()
            .find(|o| o.id == id)
            .map(|o| quoted(&o.name, o.amount)),
        _ => None,
    }
}

/// Puts a section's value into a plan (to check it before saving).
/// `section`'s part as `plan` holds it (the parts the runway forms set).
fn section_in(plan: &RunwayPlan, section: &Section) -> Section {
    let mut value = section.clone();
    match &mut value {
        Section::Separation(v) => *v = plan.separation,
        Section::Severance(v) => v.clone_from(&plan.severance),
        Section::Notice(v) => v.clone_from(&plan.notice),
        Section::Withholding(v) => *v = plan.withholding,
        Section::Benefit(v) => v.clone_from(&plan.benefit),
        Section::NewJob(v) => v.clone_from(&plan.new_job),
        Section::VestProceeds(v) => *v = plan.include_vest_proceeds,
        _ => {}
    }
    value
}

fn apply_section(plan: &mut RunwayPlan, section: &Section) {
    match section.clone() {
        Section::Separation(v) => plan.separation = v,
        Section::Severance(v) => plan.severance = v,
        Section::Notice(v) => plan.notice = v,
        Section::Withholding(v) => plan.withholding = v,
        Section::Benefit(v) => plan.benefit = v,
        Section::NewJob(v) => plan.new_job = v,
        Section::VestProceeds(v) => plan.include_vest_proceeds = v,
        _ => {}
    }
}

// The forms ----------------------------------------------------------------

fn account_form(today: NaiveDate, account: Option<&Account>) -> Form {
    let title = if account.is_some() {
        "Edit cash account"
    } else {
        "Add cash account"
    };
    Form::new(title, today, Purpose::Account(account.cloned()))
        .text("name", "Name", account.map_or("", |a| &a.name), true)
        .amount("balance", "Balance", account.map(|a| a.balance), true, true)
        .hint("liquid money only; a debt goes in as a one-off cost on its due date")
        .date(
            "as_of",
            "Balance as of",
            Some(account.map_or(today, |a| a.as_of)),
            true,
        )
}

fn expense_form(today: NaiveDate, expense: Option<&Expense>) -> Form {
    let title = if expense.is_some() {
        "Edit spending item"
    } else {
        "Add monthly spending"
    };
    Form::new(title, today, Purpose::Expense(expense.cloned()))
        .text("name", "Name", expense.map_or("", |e| &e.name), true)
        .amount(
            "monthly",
            "Amount a month",
            expense.map(|e| e.monthly),
            true,
            false,
        )
        .yes_no(
            "essential",
            "Essential (kept in the essentials-only runway, never trimmed by the what-if)",
            expense.is_none_or(|e| e.essential),
        )
}

/// The choice list of the cover form: your own premium, or a KFF suggestion.
fn kff_options() -> Vec<String> {
    std::iter::once("My own premium (below)".to_string())
        .chain(
            KffPlan::ALL
                .iter()
                .map(|k| format!("{}: {} a month", k.label(), format_money(k.cobra_monthly()))),
        )
        .collect()
}

/// The KFF suggestion chosen in a cover form, if any.
fn kff_choice(form: &Form) -> Option<KffPlan> {
    form.value_choice("kff")
        .checked_sub(1)
        .and_then(|i| KffPlan::ALL.get(i).copied())
}

fn cover_form(plan: &RunwayPlan, today: NaiveDate, cover: Option<&HealthCover>) -> Form {
    let title = if cover.is_some() {
        "Edit health cover"
    } else {
        "Add health cover"
    };
    let kinds: Vec<String> = CoverKind::ALL.iter().map(|k| k.label().into()).collect();
    let kind = cover.map_or(0, |c| {
        CoverKind::ALL
            .iter()
            .position(|k| *k == c.kind)
            .unwrap_or(0)
    });
    let start = cover.map(|c| c.start).or_else(|| {
        plan.separation
            .and_then(|d| d.checked_add_days(Days::new(1)))
    });
    Form::new(title, today, Purpose::Cover(cover.cloned()))
        .text("name", "Name", cover.map_or("COBRA", |c| &c.name), true)
        .choice("kind", "Kind", kinds, kind)
        .choice("kff", "Premium suggestion", kff_options(), 0)
        .hint("pick a KFF 2025 average to fill a blank premium below")
        .amount(
            "monthly_premium",
            "Monthly premium",
            cover.map(|c| c.monthly_premium),
            false,
            false,
        )
        .hint("leave blank to use the suggestion chosen above")
        .text(
            "months",
            "Months of cover",
            &cover
                .map_or(reference::COBRA_MAX_MONTHS, |c| c.months)
                .to_string(),
            true,
        )
        .hint("COBRA: at most 18 months")
        .date("start", "First premium due", start, true)
        .preview(|form| {
            let mut lines = vec![
                "KFF Employer Health Benefits Survey 2025, average premiums as COBRA (× 102%):"
                    .to_string(),
            ];
            lines.extend(KffPlan::ALL.iter().map(KffPlan::explain));
            if let Some(kff) = kff_choice(form)
                && form.value_amount("monthly_premium").is_none()
            {
                lines.push(format!(
                    "The premium will be {} a month (the {} suggestion).",
                    format_money(kff.cobra_monthly()),
                    kff.key()
                ));
            }
            lines
        })
}

fn income_form(plan: &RunwayPlan, today: NaiveDate, income: Option<&OtherIncome>) -> Form {
    let title = if income.is_some() {
        "Edit other income"
    } else {
        "Add other income"
    };
    let start = income.map(|i| i.start).or(plan.separation).or(Some(today));
    Form::new(title, today, Purpose::Income(income.cloned()))
        .text("name", "Name", income.map_or("", |i| &i.name), true)
        .amount(
            "monthly_net",
            "Net amount a month",
            income.map(|i| i.monthly_net),
            true,
            false,
        )
        .date("start", "From", start, true)
        .date(
            "end",
            "Until (last day, blank for no end)",
            income.and_then(|i| i.end),
            false,
        )
}

fn one_off_form(today: NaiveDate, item: Option<&OneOff>) -> Form {
    let title = if item.is_some() {
        "Edit one-off"
    } else {
        "Add one-off cost or income"
    };
    let kinds: Vec<String> = OneOffKind::ALL.iter().map(|k| k.label().into()).collect();
    let kind = item.map_or(0, |o| {
        OneOffKind::ALL
            .iter()
            .position(|k| *k == o.kind)
            .unwrap_or(0)
    });
    Form::new(title, today, Purpose::OneOff(item.cloned()))
        .text("name", "Name", item.map_or("", |o| &o.name), true)
        .choice("kind", "Cost or income", kinds, kind)
        .amount("amount", "Amount", item.map(|o| o.amount), true, false)
        .hint("always positive; cost or income gives the direction")
        .date("date", "Date", Some(item.map_or(today, |o| o.date)), true)
}

fn separation_form(plan: &RunwayPlan, today: NaiveDate) -> Form {
    Form::new(
        "Last day on payroll",
        today,
        Purpose::Separation(Box::new(plan.clone())),
    )
    .date("separation", "Last day on payroll", plan.separation, true)
    .hint("the end of any paid notice; the projection starts here if it is later than today")
}

fn severance_how_form(plan: &RunwayPlan, today: NaiveDate) -> Form {
    let all = How::all();
    let current = How::of(plan.severance.as_ref());
    let selected = all.iter().position(|h| *h == current).unwrap_or(0);
    Form::new(
        "Severance",
        today,
        Purpose::SeveranceHow(Box::new(plan.clone())),
    )
    .choice(
        "how",
        "How do you know the amount?",
        all.iter().map(|h| h.label()).collect(),
        selected,
    )
    .hint("←/→ to choose, Enter for its fields")
    .preview(|form| {
        let how = How::all().get(form.value_choice("how")).copied();
        vec![match how {
            Some(How::Template(kind)) => format!("{}: {}", kind.label(), kind.rule()),
            _ => "The gross amount and pay date from your offer letter.".into(),
        }]
    })
}

/// The number a stored template holds for `key`, to prefill its field.
fn template_value(plan: &RunwayPlan, key: &str) -> Option<Decimal> {
    let Some(Severance::Estimated { template, .. }) = &plan.severance else {
        return None;
    };
    match (template, key) {
        (SeveranceTemplate::Generic { base_weeks, .. }, "base_weeks") => Some(*base_weeks),
        (SeveranceTemplate::Generic { weeks_per_year, .. }, "weeks_per_year") => {
            Some(*weeks_per_year)
        }
        (SeveranceTemplate::Generic { min_weeks, .. }, "min_weeks") => Some(*min_weeks),
        (SeveranceTemplate::Generic { cap_weeks, .. }, "cap_weeks") => *cap_weeks,
        (SeveranceTemplate::Amazon2025 { weeks }, "weeks") => Some(*weeks),
        _ => None,
    }
}

fn severance_form(plan: &RunwayPlan, today: NaiveDate, how: How) -> Form {
    let title = match how {
        How::Entered => "Severance from your offer".to_string(),
        How::Template(kind) => format!("Severance estimate: {}", kind.label()),
    };
    let form = Form::new(
        title,
        today,
        Purpose::Severance(how, Box::new(plan.clone())),
    );
    let withholding = plan.withholding;
    let pay_date = plan.severance.as_ref().map(Severance::pay_date);
    match how {
        How::Entered => {
            let (gross, weeks) = match &plan.severance {
                Some(Severance::Entered { gross, weeks, .. }) => (Some(*gross), *weeks),
                _ => (None, None),
            };
            form.amount("gross", "Gross amount", gross, true, false)
                .date("pay_date", "Pay date", pay_date, true)
                .amount("weeks", "Weeks of pay it stands for", weeks, false, false)
                .hint("optional; needed when the benefit waits for severance to run out")
                .preview(move |form| match read_severance(form, how) {
                    Ok(severance) => pay_lines(&severance, None, withholding),
                    Err(_) => vec!["Enter the gross amount and pay date to see the net.".into()],
                })
        }
        How::Template(kind) => {
            let (base, start) = match &plan.severance {
                Some(Severance::Estimated {
                    annual_base,
                    employment_start,
                    ..
                }) => (Some(*annual_base), Some(*employment_start)),
                _ => (None, None),
            };
            let mut form = form
                .amount("annual_base", "Annual base pay", base, true, false)
                .date("employment_start", "First day of employment", start, true)
                .date("separation", "Last day on payroll", plan.separation, true)
                .hint(
                    "service counts through this day; it is also the runway's last day on payroll",
                )
                .date("pay_date", "Pay date", pay_date, true);
            let pro_rata = matches!(
                &plan.severance,
                Some(Severance::Estimated {
                    template: SeveranceTemplate::Generic {
                        pro_rata_partial_years: true,
                        ..
                    },
                    ..
                })
            );
            let value = |key: &str, default: i64| {
                Some(template_value(plan, key).unwrap_or(Decimal::from(default)))
            };
            match kind {
                TemplateKind::Generic => {
                    form = form
                        .amount(
                            "base_weeks",
                            "Base weeks",
                            value("base_weeks", 0),
                            true,
                            false,
                        )
                        .amount(
                            "weeks_per_year",
                            "Weeks per year of service",
                            value("weeks_per_year", 1),
                            true,
                            false,
                        )
                        .amount(
                            "min_weeks",
                            "Minimum weeks",
                            value("min_weeks", 0),
                            true,
                            false,
                        )
                        .amount(
                            "cap_weeks",
                            "Cap in weeks (blank: no cap)",
                            if how == How::of(plan.severance.as_ref()) {
                                template_value(plan, "cap_weeks")
                            } else {
                                Some(Decimal::from(26))
                            },
                            false,
                            false,
                        )
                        .hint("a typical survey figure: 1 week per year, capped at 26")
                        .yes_no(
                            "pro_rata_partial_years",
                            "Count the part-year pro rata by days",
                            pro_rata,
                        );
                }
                TemplateKind::Amazon2025 => {
                    form = form
                        .amount(
                            "weeks",
                            "Weeks of severance (from your offer)",
                            template_value(plan, "weeks"),
                            true,
                            false,
                        )
                        .hint("the formula is not public: enter the weeks from your offer");
                }
                TemplateKind::Meta2022
                | TemplateKind::Google2023
                | TemplateKind::Amazon2022Voluntary => {}
            }
            form.preview(move |form| {
                let separation = form.value_date("separation");
                match read_severance(form, how) {
                    Ok(severance) => pay_lines(&severance, separation, withholding),
                    Err(_) => vec![format!(
                        "{}. Fill in the fields to see the weeks, gross and net.",
                        kind.rule()
                    )],
                }
            })
        }
    }
}

/// The estimate or entered amount as the preview shows it: weeks, gross,
/// net and the formula line, all from the domain.
fn pay_lines(
    severance: &Severance,
    separation: Option<NaiveDate>,
    withholding: Decimal,
) -> Vec<String> {
    match severance.pay(separation, withholding) {
        Ok(pay) => {
            let weeks = pay
                .weeks
                .map(|w| format!("{} weeks · ", w.normalize()))
                .unwrap_or_default();
            vec![
                format!(
                    "{weeks}gross {} · net {} after {} withholding",
                    format_money(pay.gross),
                    format_money(pay.net),
                    format_percent(withholding)
                ),
                format!("Formula: {}", pay.formula),
            ]
        }
        Err(invalid) => vec![format!("✗ {invalid}")],
    }
}

fn notice_form(plan: &RunwayPlan, today: NaiveDate) -> Form {
    let notice = plan.notice.as_ref();
    Form::new(
        "Paid notice",
        today,
        Purpose::Notice(Box::new(plan.clone())),
    )
    .date(
        "start",
        "First day of notice",
        notice.map(|n| n.start),
        true,
    )
    .date(
        "end",
        "Last day paid",
        notice.map(|n| n.end).or(plan.separation),
        true,
    )
    .hint("normally the last day on payroll")
    .amount(
        "monthly_net",
        "Net pay a month",
        notice.map(|n| n.monthly_net),
        true,
        false,
    )
    .hint("from your payslip: salary is withheld by the W-4 tables, not the flat rate")
}

fn withholding_form(plan: &RunwayPlan, today: NaiveDate) -> Form {
    Form::new(
        "Withholding",
        today,
        Purpose::Withholding(Box::new(plan.clone())),
    )
    .percent(
        "withholding",
        "Effective rate on severance and vest proceeds",
        Some(plan.withholding),
    )
    .preview(|_| vec![reference::withholding_note()])
}

fn benefit_form(plan: &RunwayPlan, today: NaiveDate) -> Form {
    let benefit = plan.benefit.as_ref();
    let first = benefit.map(|b| b.first_payment).or_else(|| {
        plan.separation
            .and_then(|d| d.checked_add_days(Days::new(14)))
    });
    Form::new(
        "Unemployment benefit",
        today,
        Purpose::Benefit(Box::new(plan.clone())),
    )
    .amount(
        "weekly_amount",
        "Weekly amount",
        benefit.map(|b| b.weekly_amount),
        true,
        false,
    )
    .hint("what your state tells you; the maxima are below")
    .text(
        "weeks",
        "Number of weeks",
        &benefit
            .map_or(DEFAULT_BENEFIT_WEEKS, |b| b.weeks)
            .to_string(),
        true,
    )
    .date("first_payment", "First payment", first, true)
    .yes_no(
        "waits_for_severance",
        "Waits until severance pay has run out (NY, TX)",
        benefit.is_some_and(|b| b.waits_for_severance),
    )
    .preview(|_| {
        vec![
            format!("{}.", reference::benefit_maxima_line()),
            "Some states (NY, TX) pay nothing while severance or pay in lieu of notice is \
                 paid; WA and CA do not deduct severance."
                .into(),
        ]
    })
}

fn new_job_form(plan: &RunwayPlan, today: NaiveDate) -> Form {
    let job = plan.new_job.as_ref();
    Form::new(
        "New job scenario",
        today,
        Purpose::NewJob(Box::new(plan.clone())),
    )
    .date("start", "First day", job.map(|j| j.start), true)
    .amount(
        "monthly_net",
        "Net pay a month",
        job.map(|j| j.monthly_net),
        true,
        false,
    )
}

// Reading forms back ----------------------------------------------------------

fn amount(form: &Form, key: &'static str) -> Result<Decimal, Invalid> {
    form.value_amount(key)
        .ok_or_else(|| Invalid::new(key, "enter an amount"))
}

fn date(form: &Form, key: &'static str) -> Result<NaiveDate, Invalid> {
    form.value_date(key)
        .ok_or_else(|| Invalid::new(key, "enter a date"))
}

fn whole(form: &Form, key: &'static str, what: &str) -> Result<u32, Invalid> {
    form.value_text(key)
        .replace(',', "")
        .parse::<u32>()
        .map_err(|_| Invalid::new(key, format!("enter a whole number of {what}")))
}

fn read_severance(form: &Form, how: How) -> Result<Severance, Invalid> {
    let pay_date = date(form, "pay_date")?;
    let template = match how {
        How::Entered => {
            return Ok(Severance::Entered {
                gross: amount(form, "gross")?,
                pay_date,
                weeks: form.value_amount("weeks"),
            });
        }
        How::Template(TemplateKind::Generic) => SeveranceTemplate::Generic {
            base_weeks: amount(form, "base_weeks")?,
            weeks_per_year: amount(form, "weeks_per_year")?,
            min_weeks: amount(form, "min_weeks")?,
            cap_weeks: form.value_amount("cap_weeks"),
            pro_rata_partial_years: form.value_yes("pro_rata_partial_years"),
        },
        How::Template(TemplateKind::Meta2022) => SeveranceTemplate::Meta2022,
        How::Template(TemplateKind::Google2023) => SeveranceTemplate::Google2023,
        How::Template(TemplateKind::Amazon2022Voluntary) => SeveranceTemplate::Amazon2022Voluntary,
        How::Template(TemplateKind::Amazon2025) => SeveranceTemplate::Amazon2025 {
            weeks: amount(form, "weeks")?,
        },
    };
    Ok(Severance::Estimated {
        annual_base: amount(form, "annual_base")?,
        employment_start: date(form, "employment_start")?,
        template,
        pay_date,
    })
}

/// An error about a field this form does not have (another input the
/// plan-wide check tripped on) keeps its field name in the message.
fn for_form(keys: &[&str], invalid: Invalid) -> Invalid {
    if keys.contains(&invalid.field) {
        invalid
    } else {
        Invalid::new(
            invalid.field,
            format!(
                "another runway input is not valid ({}: {}); fix it first",
                invalid.field, invalid.message
            ),
        )
    }
}

/// Checks a plan with `sections` in place, then sets them in one edit.
fn set_checked(
    cx: &mut Cx,
    opened: &RunwayPlan,
    keys: &[&str],
    sections: Vec<Section>,
    done: String,
) -> Result<Submitted, Invalid> {
    let mut candidate = cx.wb.runway.clone();
    for section in &sections {
        apply_section(&mut candidate, section);
    }
    candidate.validate().map_err(|e| for_form(keys, e))?;
    let mut edits: Vec<Edit> = sections
        .into_iter()
        .map(|after| Edit::set(section_in(opened, &after), after))
        .collect();
    let edit = if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch(edits)
    };
    cx.edit(edit, done);
    Ok(Submitted::Saved)
}

/// Adds or updates a record, checking it first so errors name its field.
fn save_record(
    cx: &mut Cx,
    before: Option<Item>,
    item: Item,
    noun: &str,
) -> Result<Submitted, Invalid> {
    match before {
        None => cx.edit(Edit::Add(item), format!("{noun} added")),
        Some(before) => cx.edit(Edit::update(before, item), format!("{noun} saved")),
    }
    Ok(Submitted::Saved)
}

/// Reads a submitted form into an edit (or the next form).
pub fn submit(form: &Form, cx: &mut Cx) -> Result<Submitted, Invalid> {
    let Some(purpose) = form.purpose::<Purpose>().cloned() else {
        return Ok(Submitted::Saved);
    };
    match purpose {
        Purpose::Account(before) => {
            let account = Account {
                id: before.as_ref().map_or(0, |b| b.id),
                name: form.value_text("name"),
                balance: amount(form, "balance")?,
                as_of: date(form, "as_of")?,
            };
            account.validate()?;
            save_record(
                cx,
                before.map(Item::Account),
                Item::Account(account),
                "cash account",
            )
        }
        Purpose::Expense(before) => {
            let expense = Expense {
                id: before.as_ref().map_or(0, |b| b.id),
                name: form.value_text("name"),
                monthly: amount(form, "monthly")?,
                essential: form.value_yes("essential"),
            };
            expense.validate()?;
            save_record(
                cx,
                before.map(Item::Expense),
                Item::Expense(expense),
                "spending item",
            )
        }
        Purpose::Cover(before) => {
            let kind = CoverKind::ALL
                .get(form.value_choice("kind"))
                .copied()
                .unwrap_or(CoverKind::Cobra);
            let premium = match (form.value_amount("monthly_premium"), kff_choice(form)) {
                (Some(own), Some(kff)) if own != kff.cobra_monthly() => {
                    return Err(Invalid::new(
                        "monthly_premium",
                        format!(
                            "you typed {} and chose the {} suggestion ({}): clear the premium to use \
                             the suggestion, or set the suggestion to “my own”",
                            format_money(own),
                            kff.key(),
                            format_money(kff.cobra_monthly())
                        ),
                    ));
                }
                (Some(own), _) => own,
                (None, Some(kff)) => kff.cobra_monthly(),
                (None, None) => {
                    return Err(Invalid::new(
                        "monthly_premium",
                        "enter the monthly premium, or pick a KFF suggestion above",
                    ));
                }
            };
            let cover = HealthCover {
                id: before.as_ref().map_or(0, |b| b.id),
                name: form.value_text("name"),
                kind,
                monthly_premium: premium,
                months: whole(form, "months", "months")?,
                start: date(form, "start")?,
            };
            cover.validate()?;
            save_record(
                cx,
                before.map(Item::Cover),
                Item::Cover(cover),
                "health cover",
            )
        }
        Purpose::Income(before) => {
            let income = OtherIncome {
                id: before.as_ref().map_or(0, |b| b.id),
                name: form.value_text("name"),
                monthly_net: amount(form, "monthly_net")?,
                start: date(form, "start")?,
                end: form.value_date("end"),
            };
            income.validate()?;
            save_record(cx, before.map(Item::Income), Item::Income(income), "income")
        }
        Purpose::OneOff(before) => {
            let item = OneOff {
                id: before.as_ref().map_or(0, |b| b.id),
                name: form.value_text("name"),
                kind: OneOffKind::ALL
                    .get(form.value_choice("kind"))
                    .copied()
                    .unwrap_or(OneOffKind::Cost),
                amount: amount(form, "amount")?,
                date: date(form, "date")?,
            };
            item.validate()?;
            save_record(cx, before.map(Item::OneOff), Item::OneOff(item), "one-off")
        }
        Purpose::SeveranceHow(opened) => {
            let how = How::all()
                .get(form.value_choice("how"))
                .copied()
                .unwrap_or(How::Entered);
            let next = severance_form(&opened, cx.today, how);
            open(cx, next);
            Ok(Submitted::Saved)
        }
        Purpose::Severance(how, opened) => {
            let severance = read_severance(form, how)?;
            let mut sections = Vec::new();
            let mut keys = vec!["gross", "pay_date", "weeks"];
            if how != How::Entered {
                let separation = date(form, "separation")?;
                if cx.wb.runway.separation != Some(separation) {
                    // Cleared first so no step checks the old severance against the new day.
                    sections.push(Section::Severance(None));
                    sections.push(Section::Separation(Some(separation)));
                }
                keys = vec![
                    "annual_base",
                    "employment_start",
                    "separation",
                    "pay_date",
                    "base_weeks",
                    "weeks_per_year",
                    "min_weeks",
                    "cap_weeks",
                    "weeks",
                ];
            }
            let separation = match how {
                How::Entered => cx.wb.runway.separation,
                How::Template(_) => form.value_date("separation"),
            };
            let pay = severance
                .pay(separation, cx.wb.runway.withholding)
                .map_err(|e| for_form(&keys, e))?;
            sections.push(Section::Severance(Some(severance)));
            let weeks = pay
                .weeks
                .map(|w| format!("{} weeks, ", w.normalize()))
                .unwrap_or_default();
            let done = format!(
                "severance set: {weeks}{} gross, {} net",
                format_money(pay.gross),
                format_money(pay.net)
            );
            set_checked(cx, &opened, &keys, sections, done)
        }
        Purpose::Notice(opened) => {
            let notice = NoticePay {
                start: date(form, "start")?,
                end: date(form, "end")?,
                monthly_net: amount(form, "monthly_net")?,
            };
            set_checked(
                cx,
                &opened,
                &["start", "end", "monthly_net"],
                vec![Section::Notice(Some(notice))],
                "paid notice set".into(),
            )
        }
        Purpose::Withholding(opened) => {
            let rate = amount(form, "withholding")?;
            set_checked(
                cx,
                &opened,
                &["withholding"],
                vec![Section::Withholding(rate)],
                format!("withholding set to {}", format_percent(rate)),
            )
        }
        Purpose::Benefit(opened) => {
            let benefit = UnemploymentBenefit {
                weekly_amount: amount(form, "weekly_amount")?,
                weeks: whole(form, "weeks", "weeks")?,
                first_payment: date(form, "first_payment")?,
                waits_for_severance: form.value_yes("waits_for_severance"),
            };
            benefit.validate()?;
            let mut candidate = cx.wb.runway.clone();
            candidate.benefit = Some(benefit.clone());
            // A wait needs the severance's weeks and the last day on payroll:
            // say so at the switch that asked for the wait.
            candidate
                .severance_runs_out()
                .map_err(|e| Invalid::new("waits_for_severance", e.message))?;
            set_checked(
                cx,
                &opened,
                &[
                    "weekly_amount",
                    "weeks",
                    "first_payment",
                    "waits_for_severance",
                ],
                vec![Section::Benefit(Some(benefit))],
                "unemployment benefit set".into(),
            )
        }
        Purpose::NewJob(opened) => {
            let job = NewJob {
                start: date(form, "start")?,
                monthly_net: amount(form, "monthly_net")?,
            };
            set_checked(
                cx,
                &opened,
                &["start", "monthly_net"],
                vec![Section::NewJob(Some(job))],
                "new job scenario set".into(),
            )
        }
        Purpose::Separation(opened) => {
            let day = date(form, "separation")?;
            set_checked(
                cx,
                &opened,
                &["separation"],
                vec![Section::Separation(Some(day))],
                format!("last day on payroll set to {}", format_long(day)),
            )
        }
        Purpose::WhatIf => {
            let cut = amount(form, "discretionary_cut")?;
            if cut < Decimal::ZERO || cut > Decimal::ONE {
                return Err(Invalid::new(
                    "discretionary_cut",
                    "must be between 0% and 100%",
                ));
            }
            Ok(Submitted::WhatIf(cut))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::screens::TABS;

    #[test]
    fn forms_come_back_to_the_runway_tab() {
        assert_eq!(TABS[TAB], "Runway");
    }

    #[test]
    fn every_severance_way_is_offered_once() {
        let all = How::all();
        assert_eq!(all.len(), 1 + TemplateKind::ALL.len());
        assert_eq!(How::of(None), How::Entered);
        assert_eq!(all[0].label(), "Amount from my offer letter");
        assert_eq!(all[2].label(), "Estimate: Meta 2022");
    }

    #[test]
    fn an_error_about_another_input_keeps_its_name() {
        let mapped = for_form(&["start"], Invalid::new("balance", "cannot be negative"));
        assert_eq!(mapped.field, "balance");
        assert_eq!(
            mapped.message,
            "another runway input is not valid (balance: cannot be negative); fix it first"
        );
        let kept = for_form(&["start"], Invalid::new("start", "x"));
        assert_eq!(kept.message, "x");
    }
}
