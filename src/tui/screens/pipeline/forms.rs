//! The Pipeline tab's forms and what their values become.
//!
//! Contacts and stories are a text field each: `#44 Dana Whitfield; #45 …`.
//! The form writes the chosen ones with ids and names; the user can type an
//! id, a whole name or any part of one (`dana; bedrock`), and an entry that
//! fits several is refused under the field with the candidates named. With
//! 2,000 contacts, typing part of a name beats scrolling a picker, and it needs
//! no widget beyond the shared form.

use crate::domain::Invalid;
use crate::domain::edit::{Item, Section};
use crate::domain::pipeline::{
    self, Application, Contact, Relationship, SalaryRange, Source, Stage, Track, check_stage_date,
    validate_ghost_after_days,
};
use crate::domain::workbook::Workbook;
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
    cx.save(original.cloned().map(Item::Application), app.into(), done);
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
    cx.save(Some(Item::Application(original.clone())), app.into(), done);
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
