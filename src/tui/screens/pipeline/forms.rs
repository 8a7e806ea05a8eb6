//! The Pipeline tab's forms and what their values become.
//!
//! Contacts and stories are a text field each: `#44 Dana Whitfield; #45 …`.
//! The form writes the chosen ones with ids and names; the user can type an
//! id, a whole name or any part of one (`dana; bedrock`), and an entry that
//! fits several is refused under the field with the candidates named. With
//! 2,000 contacts, typing part of a name beats scrolling a picker, and it needs
//! no widget beyond the shared form.

use super::Purpose;
use crate::domain::edit::{Edit, Section};
use crate::domain::pipeline::{
    self, Application, Contact, Relationship, Source, Stage, Track, check_stage_date,
    parse_ghost_after_days, parse_required, parse_salary,
};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, Invalid};
use crate::tui::screens::Cx;
use crate::tui::widgets::form::Form;
use chrono::NaiveDate;

fn labels<T>(all: &[T], label: fn(&T) -> &'static str) -> Vec<String> {
    all.iter().map(|x| label(x).to_string()).collect()
}

fn index_of<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|x| x == value).unwrap_or(0)
}

/// The add form (`existing` is `None`, starting at `stage`) or the edit form.
pub(super) fn application(
    wb: &Workbook,
    today: NaiveDate,
    existing: Option<&Application>,
    stage: Stage,
) -> Form {
    let blank;
    let (title, purpose, app) = match existing {
        Some(app) => (
            format!("Edit application #{}", app.id),
            Purpose::EditApp(Box::new(app.clone())),
            app,
        ),
        None => {
            blank = Application::new(0, "", "", stage, today);
            ("Add an application".to_string(), Purpose::AddApp, &blank)
        }
    };
    let salary = app.salary.clone().unwrap_or_default();
    let mut form = Form::new(title, today, purpose)
        .text("company", "Company", &app.company, true)
        .text("role", "Role", &app.role, true)
        .choice(
            "stage",
            "Stage",
            labels(&Stage::ALL, Stage::label),
            index_of(&Stage::ALL, &app.stage),
        );
    form = if existing.is_some() {
        form.hint("a change of stage is recorded in the history as today")
    } else {
        form.date(
            "date",
            "Since (the day it reached that stage)",
            Some(today),
            true,
        )
    };
    form.choice(
        "track",
        "Track",
        labels(&Track::ALL, Track::label),
        index_of(&Track::ALL, &app.track),
    )
    .choice(
        "source",
        "Source",
        labels(&Source::ALL, Source::label),
        index_of(&Source::ALL, &app.source),
    )
    .text("link", "Link", app.link.as_deref().unwrap_or(""), false)
    .text(
        "location",
        "Location / remote",
        app.location.as_deref().unwrap_or(""),
        false,
    )
    .amount("salary_min", "Salary from", salary.min, false, false)
    .amount("salary_max", "Salary to", salary.max, false, false)
    .text(
        "salary_note",
        "Salary note",
        salary.note.as_deref().unwrap_or(""),
        false,
    )
    .hint("e.g. per year, EUR, + equity, DOE")
    .text(
        "next_action",
        "Next action",
        app.next_action.as_deref().unwrap_or(""),
        false,
    )
    .date("follow_up", "Follow up on", app.follow_up, false)
    .text(
        "contacts",
        "Contacts involved",
        &pipeline::contacts_text(&wb.pipeline, &app.contacts),
        false,
    )
    .hint("names, parts of names or #ids, separated by ; (e.g. dana; #45)")
    .text(
        "stories",
        "Stories to tell (Impact wins)",
        &pipeline::stories_text(&wb.impact.wins, &app.stories),
        false,
    )
    .hint("words from win titles or #ids, separated by ; (e.g. bedrock; #2)")
    .note("notes", "Notes", app.notes.as_deref().unwrap_or(""))
}

/// The application a submitted add (`id` = `None`) or edit form describes.
pub(super) fn read_application(
    form: &Form,
    wb: &Workbook,
    today: NaiveDate,
    existing: Option<&Application>,
) -> Result<Application, Invalid> {
    let company = parse_required("company", &form.value_text("company"))?;
    let role = parse_required("role", &form.value_text("role"))?;
    let stage = Stage::ALL[form.value_choice("stage").min(Stage::ALL.len() - 1)];
    let mut app = match existing {
        None => {
            let date = form
                .value_date("date")
                .ok_or_else(|| Invalid::new("date", "enter a date"))?;
            check_stage_date(date, today)?;
            Application::new(0, company, role, stage, date)
        }
        // Built from the record as the form opened it: a stage another window
        // set meanwhile is not this form's to change (the save merges it).
        Some(existing) => {
            let mut app = existing.clone();
            app.company = company;
            app.role = role;
            app.move_to(stage, today)?;
            app
        }
    };
    app.track = Track::ALL[form.value_choice("track").min(Track::ALL.len() - 1)];
    app.source = Source::ALL[form.value_choice("source").min(Source::ALL.len() - 1)];
    app.link = form.value_opt_text("link");
    app.location = form.value_opt_text("location");
    app.salary = parse_salary(
        &form.value_text("salary_min"),
        &form.value_text("salary_max"),
        &form.value_text("salary_note"),
    )?;
    app.next_action = form.value_opt_text("next_action");
    app.follow_up = form.value_date("follow_up");
    app.contacts = pipeline::resolve_contacts(&wb.pipeline, &form.value_text("contacts"))?;
    app.stories = pipeline::resolve_stories(&wb.impact.wins, &form.value_text("stories"))?;
    app.notes = form.value_opt_text("notes");
    Ok(app)
}

/// "Close Northwind Cloud as …": the five closed stages and the date.
pub(super) fn close(app: &Application, today: NaiveDate, suggested: Stage) -> Form {
    Form::new(
        format!("Close {} — {}", app.company, app.role),
        today,
        Purpose::Close(app.id),
    )
    .choice(
        "stage",
        "Closed as",
        Stage::CLOSED
            .iter()
            .map(|s| format!("{} — {}", s.label(), closed_meaning(*s)))
            .collect(),
        index_of(&Stage::CLOSED, &suggested),
    )
    .date("date", "On", Some(today), true)
}

fn closed_meaning(stage: Stage) -> &'static str {
    match stage {
        Stage::Accepted => "you accepted an offer",
        Stage::Declined => "you turned an offer down",
        Stage::Rejected => "they said no",
        Stage::Withdrawn => "you stepped out (or dropped a wishlist item)",
        Stage::Ghosted => "no answer",
        _ => "",
    }
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

pub(super) fn submit_close(form: &Form, cx: &mut Cx, id: Id) -> Result<(), Invalid> {
    let stage = Stage::CLOSED[form.value_choice("stage").min(Stage::CLOSED.len() - 1)];
    let date = form
        .value_date("date")
        .ok_or_else(|| Invalid::new("date", "enter a date"))?;
    check_stage_date(date, cx.today)?;
    let name = cx
        .wb
        .pipeline
        .application(id)
        .map(|a| a.company.clone())
        .unwrap_or_default();
    match pipeline::move_application(&cx.wb.pipeline, id, stage, date)? {
        Some(edit) => cx.edit(edit, format!("closed {name} as {}", stage.key())),
        None => cx.status(format!("{name} is already {}", stage.key())),
    }
    Ok(())
}

/// The add or edit form of a contact.
pub(super) fn contact(today: NaiveDate, existing: Option<&Contact>) -> Form {
    let blank = Contact::new(0, "", Relationship::Peer);
    let (title, purpose, c) = match existing {
        Some(c) => (
            format!("Edit contact #{}", c.id),
            Purpose::EditContact(Box::new(c.clone())),
            c,
        ),
        None => ("Add a contact".to_string(), Purpose::AddContact, &blank),
    };
    Form::new(title, today, purpose)
        .text("name", "Name", &c.name, true)
        .text(
            "company",
            "Company",
            c.company.as_deref().unwrap_or(""),
            false,
        )
        .choice(
            "relationship",
            "Relationship",
            labels(&Relationship::ALL, Relationship::label),
            index_of(&Relationship::ALL, &c.relationship),
        )
        .text(
            "reach",
            "How to reach them",
            c.reach.as_deref().unwrap_or(""),
            false,
        )
        .hint("an email, a phone number, LinkedIn …")
        .date("last_contacted", "Last contacted", c.last_contacted, false)
        .date("next_touch", "Next touch", c.next_touch, false)
        .hint("when to get back in touch; on that day it shows as due")
        .note("notes", "Notes", c.notes.as_deref().unwrap_or(""))
}

pub(super) fn read_contact(form: &Form, existing: Option<&Contact>) -> Result<Contact, Invalid> {
    let name = parse_required("name", &form.value_text("name"))?;
    let relationship = Relationship::ALL[form
        .value_choice("relationship")
        .min(Relationship::ALL.len() - 1)];
    let mut contact = match existing {
        Some(existing) => existing.clone(),
        None => Contact::new(0, "", relationship),
    };
    contact.name = name;
    contact.relationship = relationship;
    contact.company = form.value_opt_text("company");
    contact.reach = form.value_opt_text("reach");
    contact.last_contacted = form.value_date("last_contacted");
    contact.next_touch = form.value_date("next_touch");
    contact.notes = form.value_opt_text("notes");
    Ok(contact)
}

/// The "suggest ghosted after N days" setting.
pub(super) fn ghost_setting(today: NaiveDate, days: u32) -> Form {
    Form::new("Ghosted suggestion", today, Purpose::GhostDays)
        .text(
            "ghost_after_days",
            "Suggest ghosted after this many days without reply",
            &days.to_string(),
            true,
        )
        .hint("1–365, default 21; applied or screening with no stage change")
}

pub(super) fn submit_ghost_setting(form: &Form, cx: &mut Cx) -> Result<(), Invalid> {
    let days = parse_ghost_after_days(&form.value_text("ghost_after_days"))?;
    cx.edit(
        Edit::set_from(cx.wb, Section::GhostAfterDays(days)),
        format!("ghosted is now suggested after {days} days without reply"),
    );
    Ok(())
}
