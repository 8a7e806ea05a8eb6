//! The Runway tab's forms: one per input, with typed field keys named as the
//! domain names them, so a refused value shows under its own field. Single
//! values (severance, notice, benefit, …) are `Set` edits checked against the
//! whole plan first, so their errors land in the form that caused them;
//! records are `Add` / `Update` / `Remove`. An edit starts from the record or
//! value as it was when its form opened.

use super::sections::{InputRow, Part};
use crate::domain::dates::format_long;
use crate::domain::edit::{Edit, Item, Kind, Section};
use crate::domain::money::{AmountOrWeeks, format_money, format_percent, tenfold_warning};
use crate::domain::runway::reference::{
    self, DEFAULT_BENEFIT_WEEKS, DEFAULT_WITHHOLDING, KffPlan, benefit_warning, premium_warning,
};
use crate::domain::runway::summary;
use crate::domain::runway::{
    Account, CoverKind, Expense, HealthCover, NewJob, NoticePay, OneOff, OneOffKind, OtherIncome,
    ProjectionOptions, RunwayPlan, Severance, UnemploymentBenefit,
};
use crate::domain::severance::{SeveranceTemplate, TemplateKind};
use crate::domain::{Id, Invalid, plausible};
use crate::tui::keymap::{Action, Scope};
use crate::tui::screen::Refused;
use crate::tui::widgets::form::{Key, Pick, Values};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// How a severance is entered: from the offer, or estimated from a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    Entered,
    Template(TemplateKind),
}

impl How {
    fn of(severance: Option<&Severance>) -> How {
        match severance {
            Some(Severance::Estimated { template, .. }) => How::Template(template.kind()),
            _ => How::Entered,
        }
    }
}

impl Pick for How {
    fn options() -> Vec<How> {
        std::iter::once(How::Entered)
            .chain(TemplateKind::ALL.into_iter().map(How::Template))
            .collect()
    }

    fn label(&self) -> String {
        match self {
            How::Entered => "Amount from my offer letter".into(),
            How::Template(kind) => format!("Estimate: {}", kind.label()),
        }
    }

    fn names(&self) -> Vec<String> {
        match self {
            How::Entered => vec!["offer".into(), "entered".into()],
            How::Template(kind) => vec![kind.label().into(), kind.key().into()],
        }
    }
}

/// The cover form's premium suggestion: your own premium, or a KFF average.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Suggestion(Option<KffPlan>);

impl Pick for Suggestion {
    fn options() -> Vec<Self> {
        std::iter::once(None)
            .chain(KffPlan::ALL.map(Some))
            .map(Suggestion)
            .collect()
    }

    fn label(&self) -> String {
        match self.0 {
            None => "My own premium (below)".into(),
            Some(k) => format!("{}: {} a month", k.label(), format_money(k.cobra_monthly())),
        }
    }

    fn names(&self) -> Vec<String> {
        match self.0 {
            None => vec!["own".into(), "mine".into()],
            Some(k) => vec![k.key().into(), "kff".into()],
        }
    }
}

type Form = crate::tui::widgets::form::Form<Purpose>;
type Cx<'a> = crate::tui::screen::Cx<'a, Purpose>;

/// What a form is for, kept in the form and read back on submit; an edit
/// holds the record or value as it was when the form opened.
pub enum Purpose {
    Account(Option<Account>),
    Expense(Option<Expense>),
    Cover(Option<HealthCover>),
    Income(Option<OtherIncome>),
    OneOff(Option<OneOff>),
    SeveranceHow,
    /// The way chosen, and the severance, last day on payroll and whether
    /// resigning forfeits the severance, as they were.
    Severance(How, Option<Severance>, Option<NaiveDate>, bool),
    Notice(Option<NoticePay>),
    Withholding(Decimal),
    Benefit(Option<UnemploymentBenefit>),
    NewJob(Option<NewJob>),
    Separation(Option<NaiveDate>),
    WhatIf,
}

/// What a submitted form did.
pub enum Submitted {
    /// An edit (or the next form) is on its way.
    Saved,
    /// A what-if cut to apply to the view; nothing is saved.
    WhatIf(Decimal),
}

// The fields, named as the domain names them ---------------------------------

const NAME: Key<String> = Key::new("name");
const BALANCE: Key<Decimal> = Key::new("balance");
const AS_OF: Key<NaiveDate> = Key::new("as_of");
const MONTHLY: Key<Decimal> = Key::new("monthly");
const ESSENTIAL: Key<bool> = Key::new("essential");
const COVER_KIND: Key<CoverKind> = Key::new("kind");
/// A cover's name may be left blank: it is then its kind's.
const COVER_NAME: Key<Option<String>> = Key::new("name");
const KFF: Key<Suggestion> = Key::new("kff");
const PREMIUM: Key<Option<Decimal>> = Key::new("monthly_premium");
const MONTHS: Key<u32> = Key::new("months");
const START: Key<NaiveDate> = Key::new("start");
const END: Key<NaiveDate> = Key::new("end");
const UNTIL: Key<Option<NaiveDate>> = Key::new("end");
const MONTHLY_NET: Key<Decimal> = Key::new("monthly_net");
const ONE_OFF_KIND: Key<OneOffKind> = Key::new("kind");
const AMOUNT: Key<Decimal> = Key::new("amount");
const DATE: Key<NaiveDate> = Key::new("date");
const SEPARATION: Key<NaiveDate> = Key::new("separation");
const HOW: Key<How> = Key::new("how");
/// The offer as its letter states it: an amount, or weeks of pay.
const OFFER: Key<AmountOrWeeks> = Key::new("gross");
/// The annual base an offer in weeks is paid from (weeks × base ÷ 52).
const BASE_FOR_WEEKS: Key<Option<Decimal>> = Key::new("annual_base");
const PAY_DATE: Key<NaiveDate> = Key::new("pay_date");
const STANDS_FOR: Key<Option<Decimal>> = Key::new("weeks");
const ANNUAL_BASE: Key<Decimal> = Key::new("annual_base");
const EMPLOYMENT_START: Key<NaiveDate> = Key::new("employment_start");
const BASE_WEEKS: Key<Decimal> = Key::new("base_weeks");
const WEEKS_PER_YEAR: Key<Decimal> = Key::new("weeks_per_year");
const MIN_WEEKS: Key<Decimal> = Key::new("min_weeks");
const CAP_WEEKS: Key<Option<Decimal>> = Key::new("cap_weeks");
const PRO_RATA: Key<bool> = Key::new("pro_rata_partial_years");
const OFFER_WEEKS: Key<Decimal> = Key::new("weeks");
const WITHHOLDING: Key<Decimal> = Key::new("withholding");
const WEEKLY_AMOUNT: Key<Decimal> = Key::new("weekly_amount");
const BENEFIT_WEEKS: Key<u32> = Key::new("weeks");
const FIRST_PAYMENT: Key<NaiveDate> = Key::new("first_payment");
const WAITS: Key<bool> = Key::new("waits_for_severance");
const FORFEITS: Key<bool> = Key::new("resigning_forfeits_severance");
const CUT: Key<Decimal> = Key::new("discretionary_cut");

// Opening forms ------------------------------------------------------------

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
    cx.form(form);
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
        Some(form) => cx.form(form),
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
    cx.form(form);
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
        .percent(CUT, "Trim non-essential spending by", current)
        .hint("e.g. 20% · 0 clears the what-if · essential spending is never cut")
        .preview(move |form| match form.get(CUT) {
            Ok(cut) if !cut.is_zero() => {
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
            let toggle = cx.keys.hint(
                Scope::RunwayInputs,
                Action::ToggleVestProceeds,
                "switches vest proceeds on or off",
            );
            cx.status(toggle);
            return;
        }
    };
    let mut candidate = plan.clone();
    apply_section(&mut candidate, &section);
    if let Err(invalid) = candidate.validate() {
        cx.error(format!("{what} cannot be cleared: {invalid}"));
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
    let mut form = Form::new(title, today, Purpose::Account(account.cloned()))
        .text(NAME, "Name", account.map_or("", |a| &a.name))
        .money(BALANCE, "Balance", account.map(|a| a.balance))
        .negative_allowed()
        .hint("liquid money only; a debt goes in as a one-off cost on its due date");
    if let Some(last) = account.map(|a| a.balance) {
        form = form.warn(BALANCE, move |balance: &Decimal| {
            tenfold_warning(*balance, last, "the last balance")
        });
    }
    form.date(
        AS_OF,
        "Balance as of",
        Some(account.map_or(today, |a| a.as_of)),
    )
}

fn expense_form(today: NaiveDate, expense: Option<&Expense>) -> Form {
    let title = if expense.is_some() {
        "Edit spending item"
    } else {
        "Add monthly spending"
    };
    Form::new(title, today, Purpose::Expense(expense.cloned()))
        .text(NAME, "Name", expense.map_or("", |e| &e.name))
        .money(MONTHLY, "Amount a month", expense.map(|e| e.monthly))
        .yes_no(
            ESSENTIAL,
            "Essential (kept in the essentials-only runway, never trimmed by the what-if)",
            expense.is_none_or(|e| e.essential),
        )
}

fn cover_form(plan: &RunwayPlan, today: NaiveDate, cover: Option<&HealthCover>) -> Form {
    let title = if cover.is_some() {
        "Edit health cover"
    } else {
        "Add health cover"
    };
    let start = cover.map(|c| c.start).or_else(|| {
        plan.separation
            .and_then(|d| d.checked_add_days(Days::new(1)))
    });
    // The kind first: typing "cobra" or "marketplace" on opening the form
    // chooses it (a name field first took the word as the name).
    Form::new(title, today, Purpose::Cover(cover.cloned()))
        .choice(
            COVER_KIND,
            "Kind",
            cover.map_or(CoverKind::Cobra, |c| c.kind),
        )
        .text(COVER_NAME, "Name", cover.map_or("", |c| &c.name))
        .hint("blank: named after its kind (COBRA, Marketplace plan)")
        .choice(KFF, "Premium suggestion", Suggestion(None))
        .hint("pick a KFF 2025 average (type single or family) to fill a blank premium below")
        .money(PREMIUM, "Monthly premium", cover.map(|c| c.monthly_premium))
        .hint("leave blank to use the suggestion chosen above")
        .warn(PREMIUM, |premium: &Option<Decimal>| {
            premium.and_then(premium_warning)
        })
        .whole(
            MONTHS,
            "Months of cover",
            "months",
            Some(cover.map_or(reference::COBRA_MAX_MONTHS, |c| c.months)),
        )
        .hint("COBRA: at most 18 months")
        .date(START, "First premium due", start)
        .preview(|form| {
            let mut lines = vec![
                "KFF Employer Health Benefits Survey 2025, average premiums as COBRA (× 102%):"
                    .to_string(),
            ];
            lines.extend(KffPlan::ALL.iter().map(KffPlan::explain));
            if let (Ok(Suggestion(Some(kff))), Ok(None)) = (form.get(KFF), form.get(PREMIUM)) {
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
        .text(NAME, "Name", income.map_or("", |i| &i.name))
        .money(
            MONTHLY_NET,
            "Net amount a month",
            income.map(|i| i.monthly_net),
        )
        .date(START, "From", start)
        .date(
            UNTIL,
            "Until (last day, blank for no end)",
            income.and_then(|i| i.end),
        )
}

fn one_off_form(today: NaiveDate, item: Option<&OneOff>) -> Form {
    let title = if item.is_some() {
        "Edit one-off"
    } else {
        "Add one-off cost or income"
    };
    Form::new(title, today, Purpose::OneOff(item.cloned()))
        .text(NAME, "Name", item.map_or("", |o| &o.name))
        .choice(
            ONE_OFF_KIND,
            "Cost or income",
            item.map_or(OneOffKind::Cost, |o| o.kind),
        )
        .money(AMOUNT, "Amount", item.map(|o| o.amount))
        .hint("always positive; cost or income gives the direction")
        .date(DATE, "Date", Some(item.map_or(today, |o| o.date)))
}

fn separation_form(plan: &RunwayPlan, today: NaiveDate) -> Form {
    Form::new(
        "Last day on payroll",
        today,
        Purpose::Separation(plan.separation),
    )
    .date(SEPARATION, "Last day on payroll", plan.separation)
    .hint("the end of any paid notice; the projection starts here if it is later than today")
}

fn severance_how_form(plan: &RunwayPlan, today: NaiveDate) -> Form {
    let current = How::of(plan.severance.as_ref());
    Form::new("Severance", today, Purpose::SeveranceHow)
        .choice(HOW, "How do you know the amount?", current)
        .hint("type offer, meta, google, amazon …; saving opens its fields")
        .preview(|form| {
            vec![match form.get(HOW) {
                Ok(How::Template(kind)) => format!("{}: {}", kind.label(), kind.rule()),
                _ => "The gross amount and pay date from your offer letter.".into(),
            }]
        })
}

/// The number a stored template holds for a field, to prefill it.
fn template_value(plan: &RunwayPlan, key: &str) -> Option<Decimal> {
    let Some(Severance::Estimated { template, .. }) = &plan.severance else {
        return None;
    };
    match template {
        SeveranceTemplate::Generic {
            base_weeks,
            weeks_per_year,
            min_weeks,
            cap_weeks,
            ..
        } => match key {
            k if k == BASE_WEEKS.name => Some(*base_weeks),
            k if k == WEEKS_PER_YEAR.name => Some(*weeks_per_year),
            k if k == MIN_WEEKS.name => Some(*min_weeks),
            k if k == CAP_WEEKS.name => *cap_weeks,
            _ => None,
        },
        SeveranceTemplate::Amazon2025 { weeks } if key == OFFER_WEEKS.name => Some(*weeks),
        _ => None,
    }
}

/// The severance's own fields, then whether resigning early forfeits it
/// (what the Pipeline tab's offers weigh when a start comes before the last day).
fn severance_form(plan: &RunwayPlan, today: NaiveDate, how: How) -> Form {
    severance_amount_form(plan, today, how)
        .yes_no(
            FORFEITS,
            "Resigning before the last day forfeits it",
            plan.resigning_forfeits_severance,
        )
        .hint("starting a new job before your last day on payroll is resigning; most agreements then pay nothing")
}

fn severance_amount_form(plan: &RunwayPlan, today: NaiveDate, how: How) -> Form {
    let title = match how {
        How::Entered => "Severance from your offer".to_string(),
        How::Template(kind) => format!("Severance estimate: {}", kind.label()),
    };
    let purpose = Purpose::Severance(
        how,
        plan.severance.clone(),
        plan.separation,
        plan.resigning_forfeits_severance,
    );
    let form = Form::new(title, today, purpose);
    let withholding = plan.withholding;
    let pay_date = plan.severance.as_ref().map(Severance::pay_date);
    match how {
        How::Entered => {
            // An offer in weeks opens as its weeks and base, an amount as itself.
            let (offer, base, weeks) = match &plan.severance {
                Some(Severance::Entered {
                    weeks: Some(weeks),
                    annual_base: Some(base),
                    ..
                }) => (Some(AmountOrWeeks::Weeks(*weeks)), Some(*base), None),
                Some(Severance::Entered { gross, weeks, .. }) => {
                    (Some(AmountOrWeeks::Amount(*gross)), None, *weeks)
                }
                _ => (None, None, None),
            };
            form.amount_or_weeks(OFFER, "Gross amount, or weeks of pay", offer)
                .hint("as the letter states it: 58,461.54, or 16 weeks with the annual base below")
                .warn(OFFER, |offer: &AmountOrWeeks| match offer {
                    AmountOrWeeks::Amount(gross) => plausible::severance_amount(*gross),
                    AmountOrWeeks::Weeks(_) => None,
                })
                .money(BASE_FOR_WEEKS, "Annual base pay (for an offer in weeks)", base)
                .hint("weeks × annual base ÷ 52 = the gross; not needed for an amount")
                .date(PAY_DATE, "Pay date", pay_date)
                .weeks(STANDS_FOR, "Weeks of pay it stands for", weeks)
                .hint("e.g. 26 or 6.5, blank for an offer in weeks; needed only when the benefit waits for severance")
                .preview(move |form| match read_severance(form, how) {
                    Ok(severance) => {
                        let mut lines = pay_lines(&severance, None, withholding);
                        if form.get(BASE_FOR_WEEKS).ok().flatten().is_some()
                            && matches!(form.get(OFFER), Ok(AmountOrWeeks::Amount(_)))
                        {
                            lines.push("The annual base is not used: the offer is an amount.".into());
                        }
                        lines
                    }
                    Err(_) => vec![match (form.get(OFFER), form.get(BASE_FOR_WEEKS)) {
                        (Ok(AmountOrWeeks::Weeks(weeks)), Ok(None)) => format!(
                            "An offer in weeks needs the annual base: the gross is {} weeks × base ÷ 52.",
                            weeks.normalize()
                        ),
                        _ => "Enter the amount (or the weeks and the annual base) and the pay date to see the net."
                            .into(),
                    }],
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
                .money(ANNUAL_BASE, "Annual base pay", base)
                .date(EMPLOYMENT_START, "First day of employment", start)
                .date(SEPARATION, "Last day on payroll", plan.separation)
                .hint(
                    "service counts through this day; it is also the runway's last day on payroll",
                )
                .date(PAY_DATE, "Pay date", pay_date);
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
            let value = |key: Key<Decimal>, default: i64| {
                Some(template_value(plan, key.name).unwrap_or(Decimal::from(default)))
            };
            match kind {
                TemplateKind::Generic => {
                    let cap = if how == How::of(plan.severance.as_ref()) {
                        template_value(plan, CAP_WEEKS.name)
                    } else {
                        Some(Decimal::from(26))
                    };
                    form = form
                        .weeks(BASE_WEEKS, "Base weeks", value(BASE_WEEKS, 0))
                        .weeks(
                            WEEKS_PER_YEAR,
                            "Weeks per year of service",
                            value(WEEKS_PER_YEAR, 1),
                        )
                        .weeks(MIN_WEEKS, "Minimum weeks", value(MIN_WEEKS, 0))
                        .weeks(CAP_WEEKS, "Cap in weeks (blank: no cap)", cap)
                        .hint("a typical survey figure: 1 week per year, capped at 26")
                        .yes_no(PRO_RATA, "Count the part-year pro rata by days", pro_rata);
                }
                TemplateKind::Amazon2025 => {
                    form = form
                        .weeks(
                            OFFER_WEEKS,
                            "Weeks of severance (from your offer)",
                            template_value(plan, OFFER_WEEKS.name),
                        )
                        .hint("the formula is not public: enter the weeks from your offer");
                }
                TemplateKind::Meta2022
                | TemplateKind::Google2023
                | TemplateKind::Amazon2022Voluntary => {}
            }
            form.preview(move |form| {
                let separation = form.get(SEPARATION).ok();
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
    Form::new("Paid notice", today, Purpose::Notice(plan.notice.clone()))
        .date(START, "First day of notice", notice.map(|n| n.start))
        .date(
            END,
            "Last day paid",
            notice.map(|n| n.end).or(plan.separation),
        )
        .hint("normally the last day on payroll")
        .money(
            MONTHLY_NET,
            "Net pay a month",
            notice.map(|n| n.monthly_net),
        )
        .hint("from your payslip: salary is withheld by the W-4 tables, not the flat rate")
}

fn withholding_form(plan: &RunwayPlan, today: NaiveDate) -> Form {
    Form::new("Withholding", today, Purpose::Withholding(plan.withholding))
        .percent(
            WITHHOLDING,
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
        Purpose::Benefit(plan.benefit.clone()),
    )
    .money(
        WEEKLY_AMOUNT,
        "Weekly amount",
        benefit.map(|b| b.weekly_amount),
    )
    .hint("what your state tells you; the maxima are below")
    .warn(WEEKLY_AMOUNT, |weekly: &Decimal| benefit_warning(*weekly))
    .whole(
        BENEFIT_WEEKS,
        "Number of weeks",
        "weeks",
        Some(benefit.map_or(DEFAULT_BENEFIT_WEEKS, |b| b.weeks)),
    )
    .date(FIRST_PAYMENT, "First payment", first)
    .yes_no(
        WAITS,
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
        Purpose::NewJob(plan.new_job.clone()),
    )
    .date(START, "First day", job.map(|j| j.start))
    .money(MONTHLY_NET, "Net pay a month", job.map(|j| j.monthly_net))
}

// Reading forms back ----------------------------------------------------------

fn read_severance(form: &Values, how: How) -> Result<Severance, Invalid> {
    let pay_date = form.get(PAY_DATE)?;
    let template = match how {
        How::Entered => return read_offer(form, pay_date),
        How::Template(TemplateKind::Generic) => SeveranceTemplate::Generic {
            base_weeks: form.get(BASE_WEEKS)?,
            weeks_per_year: form.get(WEEKS_PER_YEAR)?,
            min_weeks: form.get(MIN_WEEKS)?,
            cap_weeks: form.get(CAP_WEEKS)?,
            pro_rata_partial_years: form.get(PRO_RATA)?,
        },
        How::Template(TemplateKind::Meta2022) => SeveranceTemplate::Meta2022,
        How::Template(TemplateKind::Google2023) => SeveranceTemplate::Google2023,
        How::Template(TemplateKind::Amazon2022Voluntary) => SeveranceTemplate::Amazon2022Voluntary,
        How::Template(TemplateKind::Amazon2025) => SeveranceTemplate::Amazon2025 {
            weeks: form.get(OFFER_WEEKS)?,
        },
    };
    Ok(Severance::Estimated {
        annual_base: form.get(ANNUAL_BASE)?,
        employment_start: form.get(EMPLOYMENT_START)?,
        template,
        pay_date,
    })
}

/// The severance an offer letter states: an amount (and the weeks it stands
/// for, if given), or weeks of pay turned into an amount with the annual base.
fn read_offer(form: &Values, pay_date: NaiveDate) -> Result<Severance, Invalid> {
    let stands_for = form.get(STANDS_FOR)?;
    let weeks = match form.get(OFFER)? {
        AmountOrWeeks::Amount(gross) => {
            return Ok(Severance::Entered {
                gross,
                pay_date,
                weeks: stands_for,
                annual_base: None,
            });
        }
        AmountOrWeeks::Weeks(weeks) => weeks,
    };
    if let Some(other) = stands_for.filter(|w| *w != weeks) {
        return Err(Invalid::new(
            STANDS_FOR.name,
            format!(
                "the offer above is {} weeks and this says {}: clear this one, or make them agree",
                weeks.normalize(),
                other.normalize()
            ),
        ));
    }
    let base = form.get(BASE_FOR_WEEKS)?.ok_or_else(|| {
        Invalid::new(
            BASE_FOR_WEEKS.name,
            "an offer in weeks needs the annual base pay to become an amount",
        )
    })?;
    Severance::from_weeks(weeks, base, pay_date)
}

/// An error about a field this form does not have (another input the
/// plan-wide check tripped on) says so; the form shows it at its top.
fn for_form(names: &[&str], invalid: Invalid) -> Invalid {
    if names.contains(&invalid.field) {
        invalid
    } else {
        Invalid::new(
            invalid.field,
            format!(
                "another runway input is not valid ({}); fix it first",
                invalid.message
            ),
        )
    }
}

/// Checks the plan with each section changed from what it was when the form
/// opened (`before`) to `after`, then sets them in one edit.
fn set_checked(
    cx: &mut Cx,
    names: &[&str],
    changes: Vec<(Section, Section)>,
    done: String,
) -> Result<Submitted, Refused> {
    let mut candidate = cx.wb.runway.clone();
    for (_, after) in &changes {
        apply_section(&mut candidate, after);
    }
    candidate.validate().map_err(|e| for_form(names, e))?;
    cx.set(changes, done);
    Ok(Submitted::Saved)
}

/// The premium a cover form gives: the one typed, or the suggestion chosen.
fn premium(form: &Form) -> Result<Decimal, Invalid> {
    match (form.get(PREMIUM)?, form.get(KFF)?.0) {
        (Some(own), Some(kff)) if own != kff.cobra_monthly() => Err(Invalid::new(
            PREMIUM.name,
            format!(
                "you typed {} and chose the {} suggestion ({}): clear the premium to use \
                 the suggestion, or set the suggestion to “my own”",
                format_money(own),
                kff.key(),
                format_money(kff.cobra_monthly())
            ),
        )),
        (Some(own), _) => Ok(own),
        (None, Some(kff)) => Ok(kff.cobra_monthly()),
        (None, None) => Err(Invalid::new(
            PREMIUM.name,
            "enter the monthly premium, or pick a KFF suggestion above",
        )),
    }
}

/// Reads a submitted form into an edit (or the next form). Each record
/// starts from the one the form was opened on, with the form's fields set.
pub fn submit(form: &Form, cx: &mut Cx) -> Result<Submitted, Refused> {
    match form.purpose() {
        Purpose::Account(original) => {
            let mut account = original.clone().unwrap_or(Account {
                id: 0,
                name: String::new(),
                balance: Decimal::ZERO,
                as_of: cx.today,
            });
            account.name = form.get(NAME)?;
            account.balance = form.get(BALANCE)?;
            account.as_of = form.get(AS_OF)?;
            account.validate()?;
            let done = if original.is_some() {
                "cash account saved"
            } else {
                "cash account added"
            };
            cx.save(
                original.clone().map(Item::Account),
                Item::Account(account),
                done,
            );
            Ok(Submitted::Saved)
        }
        Purpose::Expense(original) => {
            let mut expense = original.clone().unwrap_or(Expense {
                id: 0,
                name: String::new(),
                monthly: Decimal::ZERO,
                essential: true,
            });
            expense.name = form.get(NAME)?;
            expense.monthly = form.get(MONTHLY)?;
            expense.essential = form.get(ESSENTIAL)?;
            expense.validate()?;
            let done = if original.is_some() {
                "spending item saved"
            } else {
                "spending item added"
            };
            cx.save(
                original.clone().map(Item::Expense),
                Item::Expense(expense),
                done,
            );
            Ok(Submitted::Saved)
        }
        Purpose::Cover(original) => {
            let mut cover = original.clone().unwrap_or(HealthCover {
                id: 0,
                name: String::new(),
                kind: CoverKind::Cobra,
                monthly_premium: Decimal::ZERO,
                months: 0,
                start: cx.today,
            });
            cover.kind = form.get(COVER_KIND)?;
            cover.name = form
                .get(COVER_NAME)?
                .unwrap_or_else(|| cover.kind.label().to_string());
            cover.monthly_premium = premium(form)?;
            cover.months = form.get(MONTHS)?;
            cover.start = form.get(START)?;
            cover.validate()?;
            let done = if original.is_some() {
                "health cover saved"
            } else {
                "health cover added"
            };
            cx.save(original.clone().map(Item::Cover), Item::Cover(cover), done);
            Ok(Submitted::Saved)
        }
        Purpose::Income(original) => {
            let mut income = original.clone().unwrap_or(OtherIncome {
                id: 0,
                name: String::new(),
                monthly_net: Decimal::ZERO,
                start: cx.today,
                end: None,
            });
            income.name = form.get(NAME)?;
            income.monthly_net = form.get(MONTHLY_NET)?;
            income.start = form.get(START)?;
            income.end = form.get(UNTIL)?;
            income.validate()?;
            let done = if original.is_some() {
                "income saved"
            } else {
                "income added"
            };
            cx.save(
                original.clone().map(Item::Income),
                Item::Income(income),
                done,
            );
            Ok(Submitted::Saved)
        }
        Purpose::OneOff(original) => {
            let mut item = original.clone().unwrap_or(OneOff {
                id: 0,
                name: String::new(),
                kind: OneOffKind::Cost,
                amount: Decimal::ZERO,
                date: cx.today,
            });
            item.name = form.get(NAME)?;
            item.kind = form.get(ONE_OFF_KIND)?;
            item.amount = form.get(AMOUNT)?;
            item.date = form.get(DATE)?;
            item.validate()?;
            let done = if original.is_some() {
                "one-off saved"
            } else {
                "one-off added"
            };
            cx.save(original.clone().map(Item::OneOff), Item::OneOff(item), done);
            Ok(Submitted::Saved)
        }
        Purpose::SeveranceHow => {
            let next = severance_form(&cx.wb.runway, cx.today, form.get(HOW)?);
            cx.form(next);
            Ok(Submitted::Saved)
        }
        Purpose::Severance(how, severance, separation, forfeits) => {
            let before = (severance.clone(), *separation, *forfeits);
            submit_severance(form, *how, before, cx)
        }
        Purpose::Notice(original) => {
            let notice = NoticePay {
                start: form.get(START)?,
                end: form.get(END)?,
                monthly_net: form.get(MONTHLY_NET)?,
            };
            set_checked(
                cx,
                &[START.name, END.name, MONTHLY_NET.name],
                vec![(
                    Section::Notice(original.clone()),
                    Section::Notice(Some(notice)),
                )],
                "paid notice set".into(),
            )
        }
        Purpose::Withholding(original) => {
            let rate = form.get(WITHHOLDING)?;
            set_checked(
                cx,
                &[WITHHOLDING.name],
                vec![(Section::Withholding(*original), Section::Withholding(rate))],
                format!("withholding set to {}", format_percent(rate)),
            )
        }
        Purpose::Benefit(original) => {
            let benefit = UnemploymentBenefit {
                weekly_amount: form.get(WEEKLY_AMOUNT)?,
                weeks: form.get(BENEFIT_WEEKS)?,
                first_payment: form.get(FIRST_PAYMENT)?,
                waits_for_severance: form.get(WAITS)?,
            };
            benefit.validate()?;
            let mut candidate = cx.wb.runway.clone();
            candidate.benefit = Some(benefit.clone());
            // A wait needs the severance's weeks and the last day on payroll:
            // say so at the switch that asked for the wait.
            candidate
                .severance_runs_out()
                .map_err(|e| Invalid::new(WAITS.name, e.message))?;
            set_checked(
                cx,
                &[
                    WEEKLY_AMOUNT.name,
                    BENEFIT_WEEKS.name,
                    FIRST_PAYMENT.name,
                    WAITS.name,
                ],
                vec![(
                    Section::Benefit(original.clone()),
                    Section::Benefit(Some(benefit)),
                )],
                "unemployment benefit set".into(),
            )
        }
        Purpose::NewJob(original) => {
            let job = NewJob {
                start: form.get(START)?,
                monthly_net: form.get(MONTHLY_NET)?,
                // Changed by hand, it stays the accepted offer's, if it was one.
                offer: original.as_ref().and_then(|j| j.offer),
            };
            set_checked(
                cx,
                &[START.name, MONTHLY_NET.name],
                vec![(
                    Section::NewJob(original.clone()),
                    Section::NewJob(Some(job)),
                )],
                "new job scenario set".into(),
            )
        }
        Purpose::Separation(original) => {
            let day = form.get(SEPARATION)?;
            set_checked(
                cx,
                &[SEPARATION.name],
                vec![(
                    Section::Separation(*original),
                    Section::Separation(Some(day)),
                )],
                format!("last day on payroll set to {}", format_long(day)),
            )
        }
        Purpose::WhatIf => Ok(Submitted::WhatIf(form.get(CUT)?)),
    }
}

/// The severance a form describes, the last day on payroll an estimate also
/// sets, and whether resigning forfeits it; `before` is the three as they
/// were when the form opened.
fn submit_severance(
    form: &Form,
    how: How,
    before: (Option<Severance>, Option<NaiveDate>, bool),
    cx: &mut Cx,
) -> Result<Submitted, Refused> {
    let (old_severance, old_separation, old_forfeits) = before;
    let severance = read_severance(form, how)?;
    let mut changes = Vec::new();
    let mut names = vec![
        OFFER.name,
        BASE_FOR_WEEKS.name,
        PAY_DATE.name,
        STANDS_FOR.name,
    ];
    let separation = match how {
        How::Entered => cx.wb.runway.separation,
        How::Template(_) => {
            let separation = form.get(SEPARATION)?;
            if old_separation != Some(separation) {
                // Cleared first so no step checks the old severance against the new day.
                changes.push((
                    Section::Severance(old_severance.clone()),
                    Section::Severance(None),
                ));
                changes.push((
                    Section::Separation(old_separation),
                    Section::Separation(Some(separation)),
                ));
            }
            names = vec![
                ANNUAL_BASE.name,
                EMPLOYMENT_START.name,
                SEPARATION.name,
                PAY_DATE.name,
                BASE_WEEKS.name,
                WEEKS_PER_YEAR.name,
                MIN_WEEKS.name,
                CAP_WEEKS.name,
                OFFER_WEEKS.name,
            ];
            Some(separation)
        }
    };
    let pay = severance
        .pay(separation, cx.wb.runway.withholding)
        .map_err(|e| for_form(&names, e))?;
    // After a clear above, the severance is set from nothing.
    let was = if changes.is_empty() {
        old_severance
    } else {
        None
    };
    changes.push((Section::Severance(was), Section::Severance(Some(severance))));
    changes.push((
        Section::ResigningForfeitsSeverance(old_forfeits),
        Section::ResigningForfeitsSeverance(form.get(FORFEITS)?),
    ));
    let weeks = pay
        .weeks
        .map(|w| format!("{} weeks, ", w.normalize()))
        .unwrap_or_default();
    let done = format!(
        "severance set: {weeks}{} gross, {} net",
        format_money(pay.gross),
        format_money(pay.net)
    );
    set_checked(cx, &names, changes, done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_severance_way_is_offered_once() {
        let all = How::options();
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
            "another runway input is not valid (cannot be negative); fix it first"
        );
        let kept = for_form(&["start"], Invalid::new("start", "x"));
        assert_eq!(kept.message, "x");
    }
}
