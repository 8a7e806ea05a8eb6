//! The Pipeline tab's forms and what their values become.
//!
//! Contacts and stories are a text field each: `#44 Dana Whitfield; #45 …`.
//! The form writes the chosen ones with ids and names; the user can type an
//! id, a whole name or any part of one (`dana; bedrock`), and an entry that
//! fits several is refused under the field with the candidates named. With
//! 2,000 contacts, typing part of a name beats scrolling a picker, and it needs
//! no widget beyond the shared form. An offer's application is named the
//! same way, one only.

use crate::domain::dates::format_long;
use crate::domain::edit::{Edit, Item, Kind, Section};
use crate::domain::money::format_money;
use crate::domain::offers::{
    self, CurrentJob, Offer, OfferEquity, OfferSchedule, OfferSignOn, TargetBonus,
};
use crate::domain::pipeline::{
    self, Application, Contact, Relationship, SalaryRange, Source, Stage, Track, check_stage_date,
    validate_ghost_after_days,
};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, Invalid};
use crate::tui::screen::Refused;
use crate::tui::widgets::form::{Key, Pick};
use chrono::NaiveDate;
use rust_decimal::Decimal;

type Form = crate::tui::widgets::form::Form<Purpose>;
type Cx<'a> = crate::tui::screen::Cx<'a, Purpose>;

/// What a form the Pipeline tab opened is for; an edit holds the record (or
/// setting) as it was when the form opened.
pub enum Purpose {
    AddApp,
    EditApp(Application),
    Close(Application),
    AddContact,
    EditContact(Contact),
    GhostDays(u32),
    AddOffer,
    EditOffer(Offer),
    CurrentJob(Option<CurrentJob>),
}

impl Purpose {
    /// The kind of record a form for this adds, if it adds one.
    pub fn adds(&self) -> Option<Kind> {
        match self {
            Purpose::AddApp => Some(Kind::Application),
            Purpose::AddContact => Some(Kind::Contact),
            Purpose::AddOffer => Some(Kind::Offer),
            _ => None,
        }
    }
}

/// Turns a submitted form into an edit, checked by the domain first.
pub fn submit(form: &Form, cx: &mut Cx) -> Result<(), Refused> {
    match form.purpose() {
        Purpose::AddApp => submit_application(form, cx, None),
        Purpose::EditApp(app) => submit_application(form, cx, Some(app)),
        Purpose::Close(app) => submit_close(form, cx, app),
        Purpose::AddContact => submit_contact(form, cx, None),
        Purpose::EditContact(contact) => submit_contact(form, cx, Some(contact)),
        Purpose::GhostDays(days) => submit_ghost_setting(form, cx, *days),
        Purpose::AddOffer => submit_offer(form, cx, None),
        Purpose::EditOffer(offer) => submit_offer(form, cx, Some(offer)),
        Purpose::CurrentJob(job) => submit_current_job(form, cx, job),
    }
}

const COMPANY: Key<String> = Key::new("company");
const ROLE: Key<String> = Key::new("role");
const STAGE: Key<Stage> = Key::new("stage");
const SINCE: Key<NaiveDate> = Key::new("date");
const TRACK: Key<Track> = Key::new("track");
const SOURCE: Key<Source> = Key::new("source");
const LINK: Key<Option<String>> = Key::new("link");
const LOCATION: Key<Option<String>> = Key::new("location");
const SALARY_MIN: Key<Option<Decimal>> = Key::new("salary_min");
const SALARY_MAX: Key<Option<Decimal>> = Key::new("salary_max");
const SALARY_NOTE: Key<Option<String>> = Key::new("salary_note");
const NEXT_ACTION: Key<Option<String>> = Key::new("next_action");
const FOLLOW_UP: Key<Option<NaiveDate>> = Key::new("follow_up");
const CONTACTS: Key<Option<String>> = Key::new("contacts");
const STORIES: Key<Option<String>> = Key::new("stories");
const NOTES: Key<Option<String>> = Key::new("notes");
const CLOSED_AS: Key<ClosedAs> = Key::new("stage");
const ON: Key<NaiveDate> = Key::new("date");
const NAME: Key<String> = Key::new("name");
const CONTACT_COMPANY: Key<Option<String>> = Key::new("company");
const RELATIONSHIP: Key<Relationship> = Key::new("relationship");
const REACH: Key<Option<String>> = Key::new("reach");
const LAST_CONTACTED: Key<Option<NaiveDate>> = Key::new("last_contacted");
const NEXT_TOUCH: Key<Option<NaiveDate>> = Key::new("next_touch");
const GHOST_AFTER_DAYS: Key<u32> = Key::new("ghost_after_days");
// An offer's fields, named as `Offer::validate` names them.
const OFFER_ROLE: Key<Option<String>> = Key::new("role");
const APPLICATION: Key<Option<String>> = Key::new("application");
const BASE: Key<Decimal> = Key::new("base");
const BONUS_PERCENT: Key<Option<Decimal>> = Key::new("bonus");
const BONUS_AMOUNT: Key<Option<Decimal>> = Key::new("bonus_amount");
const SIGN_ON: Key<Option<Decimal>> = Key::new("sign_on");
const PAID_AFTER: Key<Option<u32>> = Key::new("paid_after_months");
const CLAWBACK: Key<Option<u32>> = Key::new("clawback_months");
const PRORATED: Key<bool> = Key::new("prorated");
const SHARES: Key<Option<Decimal>> = Key::new("shares");
const EQUITY_VALUE: Key<Option<Decimal>> = Key::new("equity_value");
const PRICE: Key<Option<Decimal>> = Key::new("price");
const STRIKE: Key<Option<Decimal>> = Key::new("strike");
const SCHEDULE: Key<OfferSchedule> = Key::new("schedule");
const START: Key<NaiveDate> = Key::new("start");
const HEALTH: Key<Option<Decimal>> = Key::new("health_monthly");
const CURRENT_BASE: Key<Option<Decimal>> = Key::new("base");

/// A closed stage, as the close form offers it: with what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ClosedAs(pub Stage);

impl Pick for ClosedAs {
    fn options() -> Vec<Self> {
        Stage::CLOSED.map(ClosedAs).to_vec()
    }

    fn label(&self) -> String {
        let meaning = match self.0 {
            Stage::Accepted => "you accepted an offer",
            Stage::Declined => "you turned an offer down",
            Stage::Rejected => "they said no",
            Stage::Withdrawn => "you stepped out (or dropped a wishlist item)",
            Stage::Ghosted => "no answer",
            _ => "",
        };
        format!("{} — {meaning}", self.0.label())
    }

    fn names(&self) -> Vec<String> {
        self.0.names()
    }
}

/// The add form (`existing` is `None`, starting at Applied) or the edit form,
/// starting at the application's own stage.
pub(super) fn application(wb: &Workbook, today: NaiveDate, existing: Option<&Application>) -> Form {
    let blank;
    let (title, purpose, app) = match existing {
        Some(app) => (
            format!("Edit application #{}", app.id),
            Purpose::EditApp(app.clone()),
            app,
        ),
        None => {
            blank = Application::new(0, "", "", Stage::Applied, today);
            ("Add an application".to_string(), Purpose::AddApp, &blank)
        }
    };
    let salary = app.salary.clone().unwrap_or_default();
    let mut form = Form::new(title, today, purpose)
        .text(COMPANY, "Company", &app.company)
        .text(ROLE, "Role", &app.role)
        .choice(STAGE, "Stage", app.stage);
    form = if existing.is_some() {
        form.hint("type a stage (e.g. interv) · a change is recorded in the history as today")
    } else {
        form.date(SINCE, "Since (the day it reached that stage)", Some(today))
            .check(SINCE, move |date: &NaiveDate| {
                check_stage_date(*date, today).map_err(|e| e.message)
            })
    };
    form.choice(TRACK, "Track", app.track)
        .choice(SOURCE, "Source", app.source)
        .hint("type a word: referral, recruiter, LinkedIn, careers page …")
        .text(LINK, "Link", app.link.as_deref().unwrap_or(""))
        .text(
            LOCATION,
            "Location / remote",
            app.location.as_deref().unwrap_or(""),
        )
        .money(SALARY_MIN, "Salary from", salary.min)
        .money(SALARY_MAX, "Salary to", salary.max)
        .text(
            SALARY_NOTE,
            "Salary note",
            salary.note.as_deref().unwrap_or(""),
        )
        .hint("e.g. per year, EUR, + equity, DOE")
        .text(
            NEXT_ACTION,
            "Next action",
            app.next_action.as_deref().unwrap_or(""),
        )
        .date(FOLLOW_UP, "Follow up on", app.follow_up)
        .text(
            CONTACTS,
            "Contacts involved",
            &pipeline::contacts_text(&wb.pipeline, &app.contacts),
        )
        .hint("names, parts of names or #ids, separated by ; (e.g. dana; #45)")
        .text(
            STORIES,
            "Stories to tell (Impact wins)",
            &pipeline::stories_text(&wb.impact.wins, &app.stories),
        )
        .hint("words from win titles or #ids, separated by ; (e.g. bedrock; #2)")
        .note(NOTES, "Notes", app.notes.as_deref().unwrap_or(""))
}

/// The salary range the form's three fields give (`None` when all are blank).
fn salary(form: &Form) -> Result<Option<SalaryRange>, Invalid> {
    let range = SalaryRange {
        min: form.get(SALARY_MIN)?,
        max: form.get(SALARY_MAX)?,
        note: form.get(SALARY_NOTE)?,
    };
    if range == SalaryRange::default() {
        return Ok(None);
    }
    range.validate()?;
    Ok(Some(range))
}

/// The application a submitted add (`original` is `None`) or edit form
/// describes: the original as it was when the form opened, with the form's
/// fields applied. Every refusal is reported at once.
pub(super) fn read_application(
    form: &Form,
    wb: &Workbook,
    today: NaiveDate,
    original: Option<&Application>,
) -> Result<Application, Refused> {
    let company = form.get(COMPANY)?;
    let role = form.get(ROLE)?;
    let stage = form.get(STAGE)?;
    let mut app = match original {
        None => Application::new(0, company, role, stage, form.get(SINCE)?),
        Some(original) => {
            let mut app = original.clone();
            app.company = company;
            app.role = role;
            app.move_to(stage, today)?;
            app
        }
    };
    let mut refused = Refused::default();
    app.track = form.get(TRACK)?;
    app.source = form.get(SOURCE)?;
    app.link = form.get(LINK)?;
    app.location = form.get(LOCATION)?;
    app.next_action = form.get(NEXT_ACTION)?;
    app.follow_up = form.get(FOLLOW_UP)?;
    app.notes = form.get(NOTES)?;
    let contacts = form.get(CONTACTS)?.unwrap_or_default();
    let stories = form.get(STORIES)?.unwrap_or_default();
    app.salary = refused.take(salary(form)).unwrap_or_default();
    app.contacts = refused
        .take(pipeline::resolve_contacts(&wb.pipeline, &contacts))
        .unwrap_or_default();
    app.stories = refused
        .take(pipeline::resolve_stories(&wb.impact.wins, &stories))
        .unwrap_or_default();
    refused.done()?;
    Ok(app)
}

/// Adds or updates an application from its form.
fn submit_application(
    form: &Form,
    cx: &mut Cx,
    original: Option<&Application>,
) -> Result<(), Refused> {
    let app = read_application(form, cx.wb, cx.today, original)?;
    let verb = if original.is_some() {
        "updated"
    } else {
        "added"
    };
    let done = format!("{verb} {} — {}", app.company, app.role);
    cx.save(
        original.cloned().map(Item::Application),
        app.clone().into(),
        done,
    );
    if let Some(original) = original.filter(|o| o.stage != Stage::Accepted)
        && app.stage == Stage::Accepted
    {
        offer_acceptance(cx, &app, &Edit::update(original.clone(), app.clone()));
    }
    Ok(())
}

/// "Close Northwind Cloud as …": the five closed stages and the date.
pub(super) fn close(app: &Application, today: NaiveDate, suggested: Stage) -> Form {
    Form::new(
        format!("Close {} — {}", app.company, app.role),
        today,
        Purpose::Close(app.clone()),
    )
    .choice(CLOSED_AS, "Closed as", ClosedAs(suggested))
    .date(ON, "On", Some(today))
    .check(ON, move |date: &NaiveDate| {
        check_stage_date(*date, today).map_err(|e| e.message)
    })
}

/// The closed stage the close form starts on, from where the application is.
pub(super) fn likely_close(app: &Application, today: NaiveDate, ghost_after_days: u32) -> Stage {
    match app.stage {
        Stage::Offer => Stage::Accepted,
        Stage::Wishlist => Stage::Withdrawn,
        _ if app.looks_ghosted(today, ghost_after_days) => Stage::Ghosted,
        _ => Stage::Rejected,
    }
}

/// Moves the application the form was opened on to the closed stage chosen.
fn submit_close(form: &Form, cx: &mut Cx, original: &Application) -> Result<(), Refused> {
    let ClosedAs(stage) = form.get(CLOSED_AS)?;
    let date = form.get(ON)?;
    check_stage_date(date, cx.today)?;
    if original.stage == stage {
        cx.status(format!("{} is already {}", original.company, stage.key()));
        return Ok(());
    }
    let mut app = original.clone();
    app.move_to(stage, date)?;
    let done = format!("closed {} as {}", app.company, stage.key());
    cx.save(
        Some(Item::Application(original.clone())),
        app.clone().into(),
        done,
    );
    if stage == Stage::Accepted {
        offer_acceptance(cx, &app, &Edit::update(original.clone(), app.clone()));
    }
    Ok(())
}

/// The add or edit form of a contact.
pub(super) fn contact(today: NaiveDate, existing: Option<&Contact>) -> Form {
    let blank = Contact::new(0, "", Relationship::Peer);
    let (title, purpose, c) = match existing {
        Some(c) => (
            format!("Edit contact #{}", c.id),
            Purpose::EditContact(c.clone()),
            c,
        ),
        None => ("Add a contact".to_string(), Purpose::AddContact, &blank),
    };
    Form::new(title, today, purpose)
        .text(NAME, "Name", &c.name)
        .text(
            CONTACT_COMPANY,
            "Company",
            c.company.as_deref().unwrap_or(""),
        )
        .choice(RELATIONSHIP, "Relationship", c.relationship)
        .hint("type a word: recruiter, hiring manager, peer, colleague, referral")
        .text(REACH, "How to reach them", c.reach.as_deref().unwrap_or(""))
        .hint("an email, a phone number, LinkedIn …")
        .date(LAST_CONTACTED, "Last contacted", c.last_contacted)
        .date(NEXT_TOUCH, "Next touch", c.next_touch)
        .hint("when to get back in touch; on that day it shows as due")
        .note(NOTES, "Notes", c.notes.as_deref().unwrap_or(""))
}

/// Adds or updates a contact: the original as it was when the form opened,
/// with the form's fields applied.
fn submit_contact(form: &Form, cx: &mut Cx, original: Option<&Contact>) -> Result<(), Refused> {
    let mut contact = original
        .cloned()
        .unwrap_or(Contact::new(0, "", Relationship::Peer));
    contact.name = form.get(NAME)?;
    contact.relationship = form.get(RELATIONSHIP)?;
    contact.company = form.get(CONTACT_COMPANY)?;
    contact.reach = form.get(REACH)?;
    contact.last_contacted = form.get(LAST_CONTACTED)?;
    contact.next_touch = form.get(NEXT_TOUCH)?;
    contact.notes = form.get(NOTES)?;
    contact.validate()?;
    let verb = if original.is_some() {
        "updated"
    } else {
        "added"
    };
    let done = format!("{verb} {}", contact.name);
    cx.save(original.cloned().map(Item::Contact), contact.into(), done);
    Ok(())
}

/// The "suggest ghosted after N days" setting.
pub(super) fn ghost_setting(today: NaiveDate, days: u32) -> Form {
    Form::new("Ghosted suggestion", today, Purpose::GhostDays(days))
        .whole(
            GHOST_AFTER_DAYS,
            "Suggest ghosted after this many days without reply",
            "days",
            Some(days),
        )
        .check(GHOST_AFTER_DAYS, |days: &u32| {
            validate_ghost_after_days(*days).map_err(|e| e.message)
        })
        .hint("1–365, default 21; applied or screening with no stage change")
}

fn submit_ghost_setting(form: &Form, cx: &mut Cx, original: u32) -> Result<(), Refused> {
    let days = form.get(GHOST_AFTER_DAYS)?;
    validate_ghost_after_days(days)?;
    cx.set(
        vec![(
            Section::GhostAfterDays(original),
            Section::GhostAfterDays(days),
        )],
        format!("ghosted is now suggested after {days} days without reply"),
    );
    Ok(())
}

// Offers ----------------------------------------------------------------------

/// The add form (`existing` is `None`) or the edit form of an offer.
pub(super) fn offer(wb: &Workbook, today: NaiveDate, existing: Option<&Offer>) -> Form {
    let (title, purpose) = match existing {
        Some(offer) => (
            format!("Edit offer #{}", offer.id),
            Purpose::EditOffer(offer.clone()),
        ),
        None => ("Add an offer".to_string(), Purpose::AddOffer),
    };
    let bonus = existing.and_then(|o| o.bonus);
    let percent = bonus.and_then(|b| match b {
        TargetBonus::Percent(share) => Some(share),
        TargetBonus::Amount(_) => None,
    });
    let amount = bonus.and_then(|b| match b {
        TargetBonus::Amount(amount) => Some(amount),
        TargetBonus::Percent(_) => None,
    });
    let sign_on = existing.and_then(|o| o.sign_on.as_ref());
    let equity = existing.and_then(|o| o.equity.as_ref());
    // A grant offered as a dollar value shows as that value; its shares follow from it.
    let value = equity.and_then(|e| e.value);
    let shares = equity.filter(|e| e.value.is_none()).map(|e| e.shares);
    Form::new(title, today, purpose)
        .text(COMPANY, "Company", existing.map_or("", |o| &o.company))
        .text(
            OFFER_ROLE,
            "Role",
            existing.and_then(|o| o.role.as_deref()).unwrap_or(""),
        )
        .text(
            APPLICATION,
            "Application it answers",
            &pipeline::application_text(&wb.pipeline, existing.and_then(|o| o.application)),
        )
        .hint("a company's name, words of it or the #id; blank for an offer of its own")
        .money(BASE, "Base salary a year", existing.map(|o| o.base))
        .percent(BONUS_PERCENT, "Target bonus, % of base", percent)
        .money(BONUS_AMOUNT, "… or as an amount a year", amount)
        .hint("one or the other; blank for none")
        .money(SIGN_ON, "Sign-on bonus", sign_on.map(|s| s.amount))
        .whole(
            PAID_AFTER,
            "Sign-on paid after",
            "months",
            sign_on.map(|s| s.paid_after_months),
        )
        .hint("0 or blank: with the first paycheck; 12: a year in")
        .whole(
            CLAWBACK,
            "Repaid if you leave within",
            "months",
            sign_on.map(|s| s.clawback_months),
        )
        .hint("0 or blank: no clawback")
        .yes_no(
            PRORATED,
            "Repay only the months not served",
            sign_on.is_none_or(|s| s.prorated),
        )
        .shares(SHARES, "Equity: shares or options", shares)
        .money(EQUITY_VALUE, "… or as a dollar value", value)
        .hint("converted to whole shares (rounded down) at the price below")
        .money(PRICE, "Price per share", equity.map(|e| e.price))
        .hint("what you value a share at; careerbook never fetches prices")
        .money(
            STRIKE,
            "Strike price (options only)",
            equity.and_then(|e| e.strike),
        )
        .hint("options are valued at price − strike and marked illiquid")
        .choice(
            SCHEDULE,
            "Vesting",
            equity.map_or(OfferSchedule::CliffMonthly, |e| e.schedule),
        )
        .hint("type annual, amazon, cliff, meta, google …; counted from the start date")
        .date(START, "Start date", existing.map(|o| o.start))
        .money(
            HEALTH,
            "Health plan costs more a month by",
            existing.and_then(|o| o.health_monthly),
        )
        .negative_allowed()
        .hint("than your current plan; negative when it costs less; blank: the same")
}

/// Adds or updates an offer: the original as it was when the form opened,
/// with the form's fields applied, checked by `Offer::validate`.
fn submit_offer(form: &Form, cx: &mut Cx, original: Option<&Offer>) -> Result<(), Refused> {
    let mut refused = Refused::default();
    let kept = original.and_then(|o| o.application);
    let application = form.get(APPLICATION)?.unwrap_or_default();
    let offer = Offer {
        id: original.map_or(0, |o| o.id),
        company: form.get(COMPANY)?,
        role: form.get(OFFER_ROLE)?,
        application: refused
            .take(pipeline::resolve_application(
                &cx.wb.pipeline,
                &application,
                kept,
            ))
            .flatten(),
        base: form.get(BASE)?,
        bonus: refused.take(target_bonus(form)).flatten(),
        sign_on: refused.take(offer_sign_on(form)).flatten(),
        equity: refused.take(offer_equity(form)).flatten(),
        start: start_of(form, original, cx.today)?,
        health_monthly: form.get(HEALTH)?.filter(|h| !h.is_zero()),
    };
    refused.done()?;
    offer.validate().map_err(|invalid| match offer.bonus {
        // The domain names either kind of bonus `bonus`; an amount has its own field.
        Some(TargetBonus::Amount(_)) if invalid.field == "bonus" => {
            Invalid::new(BONUS_AMOUNT.name, invalid.message)
        }
        _ => invalid,
    })?;
    let done = match original {
        Some(_) => format!("updated the offer from {}", offer.company),
        None => format!("added the offer from {}", offer.company),
    };
    match original {
        // Saving the accepted offer keeps the Runway tab's new job in step.
        Some(before) if *before != offer => cx.edit(offers::save_offer(cx.wb, before, offer), done),
        _ => cx.save(original.cloned().map(Item::Offer), Item::Offer(offer), done),
    }
    Ok(())
}

/// The start typed, checked as `careerbook offer` checks it when it changed
/// (an offer's start only ages, so one kept is never refused).
fn start_of(form: &Form, original: Option<&Offer>, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let start = form.get(START)?;
    if original.is_some_and(|o| o.start == start) {
        return Ok(start);
    }
    Offer::check_start(start, today)
}

fn target_bonus(form: &Form) -> Result<Option<TargetBonus>, Invalid> {
    match (form.get(BONUS_PERCENT)?, form.get(BONUS_AMOUNT)?) {
        (Some(_), Some(_)) => Err(Invalid::new(
            BONUS_AMOUNT.name,
            "enter the bonus as a percentage or as an amount, not both",
        )),
        (Some(share), None) => Ok((!share.is_zero()).then_some(TargetBonus::Percent(share))),
        (None, Some(amount)) => Ok((!amount.is_zero()).then_some(TargetBonus::Amount(amount))),
        (None, None) => Ok(None),
    }
}

fn offer_sign_on(form: &Form) -> Result<Option<OfferSignOn>, Invalid> {
    let paid_after_months = form.get(PAID_AFTER)?.unwrap_or(0);
    let clawback_months = form.get(CLAWBACK)?.unwrap_or(0);
    let Some(amount) = form.get(SIGN_ON)?.filter(|a| !a.is_zero()) else {
        if paid_after_months + clawback_months > 0 {
            return Err(Invalid::new(SIGN_ON.name, "enter the sign-on bonus too"));
        }
        return Ok(None);
    };
    Ok(Some(OfferSignOn {
        amount,
        paid_after_months,
        clawback_months,
        // Without a term there is nothing to prorate.
        prorated: form.get(PRORATED)? && clawback_months > 0,
    }))
}

fn offer_equity(form: &Form) -> Result<Option<OfferEquity>, Invalid> {
    let shares = form.get(SHARES)?;
    let value = form.get(EQUITY_VALUE)?;
    let price = form.get(PRICE)?;
    let strike = form.get(STRIKE)?;
    let shares = match (shares, value, price) {
        (None, None, None) if strike.is_none() => return Ok(None),
        (Some(_), Some(_), _) => {
            return Err(Invalid::new(
                EQUITY_VALUE.name,
                "enter the shares or the dollar value, not both",
            ));
        }
        (None, None, _) => {
            return Err(Invalid::new(
                SHARES.name,
                "enter the shares (or the dollar value) the price is for",
            ));
        }
        (_, _, None) => {
            return Err(Invalid::new(
                PRICE.name,
                "enter the price per share to value the grant at",
            ));
        }
        (Some(shares), None, Some(_)) => shares,
        (None, Some(value), Some(price)) => OfferEquity::whole_shares(value, price)?,
    };
    Ok(Some(OfferEquity {
        shares,
        price: price.unwrap_or_default(),
        value,
        strike,
        schedule: form.get(SCHEDULE)?,
    }))
}

/// The current job's pay, for the Stay column.
pub(super) fn current_job(today: NaiveDate, job: Option<&CurrentJob>) -> Form {
    let bonus = job.and_then(|j| j.bonus);
    let percent = bonus.and_then(|b| match b {
        TargetBonus::Percent(share) => Some(share),
        TargetBonus::Amount(_) => None,
    });
    let amount = bonus.and_then(|b| match b {
        TargetBonus::Amount(amount) => Some(amount),
        TargetBonus::Percent(_) => None,
    });
    Form::new("Your current job", today, Purpose::CurrentJob(job.cloned()))
        .money(CURRENT_BASE, "Base salary a year", job.map(|j| j.base))
        .hint("what staying pays; blank takes the current job off")
        .percent(BONUS_PERCENT, "Target bonus, % of base", percent)
        .money(BONUS_AMOUNT, "… or as an amount a year", amount)
        .hint("one or the other; blank for none")
}

fn submit_current_job(
    form: &Form,
    cx: &mut Cx,
    original: &Option<CurrentJob>,
) -> Result<(), Refused> {
    let bonus = target_bonus(form)?;
    let job = match form.get(CURRENT_BASE)? {
        None if bonus.is_some() => {
            return Err(
                Invalid::new(CURRENT_BASE.name, "enter the base salary the bonus is on").into(),
            );
        }
        None => None,
        Some(base) => Some(CurrentJob { base, bonus }),
    };
    if let Some(job) = &job {
        job.validate().map_err(|invalid| match job.bonus {
            Some(TargetBonus::Amount(_)) if invalid.field == "bonus" => {
                Invalid::new(BONUS_AMOUNT.name, invalid.message)
            }
            _ => invalid,
        })?;
    }
    let done = match &job {
        Some(job) => format!(
            "current job set: {} a year at target",
            format_money(job.yearly_pay())
        ),
        None => "current job taken off".to_string(),
    };
    cx.set(
        vec![(
            Section::CurrentJob(original.clone()),
            Section::CurrentJob(job),
        )],
        done,
    );
    Ok(())
}

/// Asks whether to accept offer `id`, showing the Runway tab's new job it
/// sets and how its pay is worked out (and `note`, if any); yes applies the
/// one edit. `wb` is the workbook the acceptance is worked out on: after the
/// move to accepted being saved just before, when the board closed the card.
pub(super) fn accept_offer(cx: &mut Cx, wb: &Workbook, id: Id, note: Option<String>) {
    let acceptance = match offers::accept(wb, id, cx.today) {
        Ok(acceptance) => acceptance,
        Err(invalid) => return cx.error(invalid.message),
    };
    let Some(offer) = wb.pipeline.offer(id) else {
        return;
    };
    let job = &acceptance.new_job;
    let moves = acceptance
        .moves
        .map(|app| format!(" and move application #{app} to accepted"))
        .unwrap_or_default();
    // The working's first line is the new job itself, start and monthly pay.
    let mut question = format!("Accept it{moves}?\n\n{}\n", acceptance.working.join("\n"));
    if let Some(note) = note {
        question.push_str(&format!("{note}\n"));
    }
    cx.confirm(
        format!("Accept the offer from {}", offer.company),
        question,
        acceptance.edit,
        format!(
            "accepted {}: the Runway tab's new job starts {}",
            offer.company,
            format_long(job.start)
        ),
    );
}

/// After the board or the edit form moved `app` to accepted (with `moved`,
/// the edit being saved), offers to accept the offer that answers it.
pub(super) fn offer_acceptance(cx: &mut Cx, app: &Application, moved: &Edit) {
    let Some(offer) = cx
        .wb
        .pipeline
        .offers
        .iter()
        .rev()
        .find(|o| o.application == Some(app.id))
    else {
        return;
    };
    let mut after = cx.wb.clone();
    if moved.clone().apply(&mut after, cx.today).is_ok() {
        accept_offer(cx, &after, offer.id, None);
    }
}
