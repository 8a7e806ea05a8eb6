//! The Now tab's forms and what their values become: a hand tick, the
//! positioning self-check, a signal and the notice terms (the weekly
//! review's forms are in `review.rs`). Every value is checked by the domain
//! before it is saved.

use crate::domain::checklist::deadlines::end_of_month;
use crate::domain::checklist::{
    ExposureFactor, Initiative, ItemId, LayoffNotice, ManualTick, Positioning, SaferFactor, Signal,
    SignalKind, check_last_day,
};
use crate::domain::edit::{Edit, Item, Section};
use crate::domain::pipeline::{Application, Contact};
use crate::domain::runway::Account;
use crate::domain::runway::consistency::job_cover_warning;
use crate::export::calendar;
use crate::export::ics::{self, Forfeited};
use crate::tui::screen::{Effect, Refused};
use crate::tui::widgets::form::{Key, Pick};
use chrono::{NaiveDate, Utc};
use std::path::PathBuf;

pub type Form = crate::tui::widgets::form::Form<Purpose>;
pub type Cx<'a> = crate::tui::screen::Cx<'a, Purpose>;

/// What a form opened by this screen is for; an edit carries the record or
/// value as it was when the form opened.
pub enum Purpose {
    Tick(ItemId),
    SelfCheck(Positioning),
    Signal(Option<Signal>),
    /// The notice and the last day on payroll as they were when it opened.
    Notice {
        notice: Option<LayoffNotice>,
        separation: Option<NaiveDate>,
    },
    /// The weekly review's forms.
    ReviewWin,
    ReviewCash(Account),
    ReviewFollowUp(Application),
    ReviewContact(Contact),
    /// Exporting the calendar (the same as `careerbook export --format ics`).
    Calendar,
}

impl Purpose {
    /// Whether the weekly review opened the form (and reads it back).
    pub fn is_review(&self) -> bool {
        matches!(
            self,
            Purpose::ReviewWin
                | Purpose::ReviewCash(_)
                | Purpose::ReviewFollowUp(_)
                | Purpose::ReviewContact(_)
        )
    }
}

const NOTE: Key<String> = Key::new("note");
const DATE: Key<NaiveDate> = Key::new("date");
const TEAM: Key<Option<String>> = Key::new("team");
const STRATEGIC: Key<Strategic> = Key::new("strategic");
const INITIATIVE: Key<Option<String>> = Key::new("initiative");
const KIND: Key<SignalKind> = Key::new("kind");
const NOTICE_DATE: Key<Option<NaiveDate>> = Key::new("date");
/// Named as the domain names it, so a last day before the notice is refused under it.
const LAST_DAY: Key<Option<NaiveDate>> = Key::new("separation");
const REVIEW_DAYS: Key<Option<u32>> = Key::new("review_days");
const COVER_ENDS: Key<Option<NaiveDate>> = Key::new("cover_ends");
const PATH: Key<String> = Key::new("path");
const LEAVE_OUT: Key<bool> = Key::new("leave_out");
const REPLACE: Key<bool> = Key::new("replace");

/// The answer to "does it work on a strategic initiative?": no, or which.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Strategic(Option<Initiative>);

impl Pick for Strategic {
    fn options() -> Vec<Self> {
        std::iter::once(None)
            .chain(Initiative::ALL.map(Some))
            .map(Strategic)
            .collect()
    }

    fn label(&self) -> String {
        self.0.map_or("No", Initiative::label).to_string()
    }

    fn names(&self) -> Vec<String> {
        match self.0 {
            None => vec!["none".into()],
            Some(Initiative::AiPlatforms) => vec!["genai".into(), "ml".into()],
            Some(Initiative::EnterpriseMigrations) => vec!["migration".into()],
            Some(Initiative::CoreInfrastructure) => vec!["infra".into()],
            Some(_) => Vec::new(),
        }
    }
}

impl Pick for SignalKind {
    fn options() -> Vec<Self> {
        SignalKind::ALL.to_vec()
    }

    fn label(&self) -> String {
        SignalKind::label(*self).to_string()
    }

    fn names(&self) -> Vec<String> {
        vec![self.short().to_string()]
    }
}

/// A yes/no field for one of the article's factors, named by its key.
fn factor_key(key: &'static str) -> Key<bool> {
    Key::new(key)
}

/// The short form labels of the article's factors (the article's full words
/// are in the explanation, `x`, and the guide).
fn exposure_label(factor: ExposureFactor) -> &'static str {
    match factor {
        ExposureFactor::LayeredManagement => "Exposed · layered management role",
        ExposureFactor::SpecialistSalesSlowSegment => {
            "Exposed · specialist sales tied to a slow segment"
        }
        ExposureFactor::ProgramOpsWithoutMetrics => {
            "Exposed · program/operations role without clear metrics"
        }
        ExposureFactor::NonTechnicalSaturatedLocation => {
            "Exposed · non-technical role in a saturated location"
        }
    }
}

fn safer_label(factor: SaferFactor) -> &'static str {
    match factor {
        SaferFactor::CoreServicesEngineer => "Safer · engineer building core services",
        SaferFactor::ArchitectWithTopTierCustomers => {
            "Safer · solution architect with top-tier customers"
        }
        SaferFactor::SecurityComplianceSpecialist => {
            "Safer · security, compliance or regulated-industry specialist"
        }
        SaferFactor::StrategicInitiativeLeader => {
            "Safer · leader on a strategic initiative (GenAI, migration)"
        }
    }
}

pub fn tick_form(item: ItemId, today: NaiveDate) -> Form {
    Form::new(
        format!("Tick “{}” done by hand", item.title()),
        today,
        Purpose::Tick(item),
    )
    .text(NOTE, "Why it counts as done (one line)", "")
    .hint("the computed status and reason stay visible beside your tick")
    .date(DATE, "Date", Some(today))
}

pub fn self_check_form(p: &Positioning, today: NaiveDate) -> Form {
    let mut form = Form::new(
        "Positioning self-check",
        today,
        Purpose::SelfCheck(p.clone()),
    )
    .text(TEAM, "Current team", p.team.as_deref().unwrap_or(""))
    .choice(
        STRATEGIC,
        "Does it work on a strategic initiative?",
        Strategic(p.strategic),
    )
    .hint("the article names AI platforms, major enterprise migrations, security, core infrastructure")
    .text(INITIATIVE, "Which initiative", p.initiative.as_deref().unwrap_or(""))
    .hint("in your words, e.g. Bedrock onboarding for media customers");
    for factor in ExposureFactor::ALL {
        form = form.yes_no(
            factor_key(factor.key()),
            exposure_label(factor),
            p.exposure.contains(&factor),
        );
    }
    for factor in SaferFactor::ALL {
        form = form.yes_no(
            factor_key(factor.key()),
            safer_label(factor),
            p.safer.contains(&factor),
        );
    }
    form
}

pub fn signal_form(signal: Option<&Signal>, today: NaiveDate) -> Form {
    let title = if signal.is_some() {
        "Edit signal"
    } else {
        "Log a layoff signal"
    };
    Form::new(title, today, Purpose::Signal(signal.cloned()))
        .date(
            DATE,
            "When you saw or heard it",
            Some(signal.map_or(today, |s| s.date)),
        )
        .choice(
            KIND,
            "Which warning sign",
            signal.map_or(SignalKind::BudgetFreeze, |s| s.kind),
        )
        .note(
            NOTE,
            "What exactly (your record, not a prediction)",
            signal.map_or("", |s| s.note.as_str()),
        )
}

/// The notice terms, starting from `notice` (or the Runway tab's paid notice
/// start, `pay_start`), and the last day on payroll, `separation` (the
/// Runway's, where `careerbook notice --last-day` saves it too); the cover
/// hint names the end of its month.
pub fn notice_form(
    notice: Option<&LayoffNotice>,
    pay_start: Option<NaiveDate>,
    separation: Option<NaiveDate>,
    today: NaiveDate,
) -> Form {
    let date = notice.map(|n| n.date).or(pay_start);
    let cover_hint = match separation {
        Some(separation) => format!(
            "blank: assume the end of the separation month ({})",
            end_of_month(separation)
        ),
        None => "blank: assume the end of the separation month".to_string(),
    };
    Form::new(
        "Notice and deadlines",
        today,
        Purpose::Notice {
            notice: notice.cloned(),
            separation,
        },
    )
    .date(NOTICE_DATE, "Notice date", date)
    .hint("the day you were given notice; blank: no notice (no deadlines)")
    .date(LAST_DAY, "Last day on payroll", separation)
    .hint("the deadlines count from it; the same as the Runway tab's")
    .whole(
        REVIEW_DAYS,
        "Days to review the severance agreement",
        "days",
        notice.and_then(|n| n.review_days),
    )
    .hint("often 21, or 45 in a group layoff for workers 40 and over; blank if unknown")
    .date(
        COVER_ENDS,
        "Last day of job health cover",
        notice.and_then(|n| n.cover_ends),
    )
    .hint(&cover_hint)
}

/// Turns a submitted form into an edit, checked by the domain first so a
/// refused value shows under its field and nothing is saved.
pub fn submit(form: &Form, cx: &mut Cx) -> Result<(), Refused> {
    let today = cx.today;
    match form.purpose() {
        Purpose::Tick(item) => {
            let tick = ManualTick {
                id: 0,
                item: *item,
                date: form.get(DATE)?,
                note: form.get(NOTE)?,
            };
            tick.validate(today)?;
            cx.wb.now.check_tick(&tick)?;
            cx.edit(Edit::Add(tick.into()), "ticked done by hand");
        }
        Purpose::SelfCheck(original) => {
            let positioning = positioning_from(form, original, today)?;
            positioning.validate(today)?;
            cx.set(
                vec![(
                    Section::Positioning(original.clone()),
                    Section::Positioning(positioning),
                )],
                "self-check saved",
            );
        }
        Purpose::Signal(original) => {
            let mut signal = original.clone().unwrap_or(Signal {
                id: 0,
                date: today,
                kind: SignalKind::BudgetFreeze,
                note: String::new(),
            });
            signal.date = form.get(DATE)?;
            signal.kind = form.get(KIND)?;
            signal.note = form.get(NOTE)?;
            signal.validate(today)?;
            let done = if original.is_some() {
                "signal updated"
            } else {
                "signal logged"
            };
            cx.save(original.clone().map(Item::Signal), signal.into(), done);
        }
        Purpose::Notice {
            notice: original,
            separation,
        } => {
            let notice = notice_from(form, original.as_ref())?;
            let last_day = form.get(LAST_DAY)?;
            check_last_day(notice.as_ref(), last_day)?;
            let cover_ends = notice.as_ref().and_then(|n| n.cover_ends);
            let mut done = if notice.is_some() {
                "notice saved".to_string()
            } else {
                "notice cleared".to_string()
            };
            // Refused nothing, but said after saving. The warning leads, so both
            // dates still show on an 80-column status line; it is part of the
            // saved message, so a failed save still shows its error instead.
            if let Some(warning) = job_cover_warning(last_day, cover_ends) {
                done = format!("! {warning} · {done}");
            }
            cx.set(
                vec![
                    (
                        Section::Separation(*separation),
                        Section::Separation(last_day),
                    ),
                    (
                        Section::LayoffNotice(original.clone()),
                        Section::LayoffNotice(notice),
                    ),
                ],
                done,
            );
        }
        Purpose::Calendar => export_calendar(form, cx)?,
        // The weekly review reads its own forms back.
        Purpose::ReviewWin
        | Purpose::ReviewCash(_)
        | Purpose::ReviewFollowUp(_)
        | Purpose::ReviewContact(_) => {}
    }
    Ok(())
}

/// The calendar export form: where to, and whether vests after the last day
/// on payroll are marked forfeited or left out.
pub fn calendar_form(today: NaiveDate) -> Form {
    Form::new("Export the calendar (.ics)", today, Purpose::Calendar)
        .text(PATH, "File", "careerbook.ics")
        .hint("relative to where careerbook started; its own calendar is updated")
        .yes_no(
            LEAVE_OUT,
            "Leave out vests after the last day on payroll",
            false,
        )
        .hint("no: each is marked forfeited if you leave that day")
        .yes_no(REPLACE, "Replace a file careerbook did not write", false)
}

/// Writes the calendar `careerbook export --format ics` writes, to the file
/// the form names (by the app, with an export's checks).
fn export_calendar(form: &Form, cx: &mut Cx) -> Result<(), Refused> {
    let forfeited = if form.get(LEAVE_OUT)? {
        Forfeited::LeaveOut
    } else {
        Forfeited::Mark
    };
    let events = calendar::events(cx.wb, cx.today, forfeited);
    // DTSTAMP is when the file was made: the real clock, in UTC.
    let text = ics::calendar(&events, Utc::now().naive_utc());
    cx.effects.push(Effect::WriteFile {
        path: PathBuf::from(form.get(PATH)?),
        bytes: text.into_bytes(),
        replace: form.get(REPLACE)?,
        ours: Some(ics::is_careerbook_calendar),
        done: format!("calendar of {} events written to", events.len()),
        field: PATH.name,
    });
    Ok(())
}

/// The self-check a form describes: `original` with the form's answers, and
/// reviewed today.
fn positioning_from(
    form: &Form,
    original: &Positioning,
    today: NaiveDate,
) -> Result<Positioning, Refused> {
    let mut refused = Refused::default();
    let mut answered =
        |factor: &'static str| refused.take(form.get(factor_key(factor))) == Some(true);
    let exposure = ExposureFactor::ALL
        .into_iter()
        .filter(|f| answered(f.key()))
        .collect();
    let safer = SaferFactor::ALL
        .into_iter()
        .filter(|f| answered(f.key()))
        .collect();
    refused.done()?;
    let mut positioning = original.clone();
    positioning.team = form.get(TEAM)?;
    positioning.strategic = form.get(STRATEGIC)?.0;
    positioning.initiative = form.get(INITIATIVE)?;
    positioning.exposure = exposure;
    positioning.safer = safer;
    positioning.reviewed = Some(today);
    Ok(positioning)
}

/// The notice terms a form describes (`original` with the form's fields); a
/// blank notice date clears them.
fn notice_from(
    form: &Form,
    original: Option<&LayoffNotice>,
) -> Result<Option<LayoffNotice>, Refused> {
    let Some(date) = form.get(NOTICE_DATE)? else {
        return Ok(None);
    };
    let mut notice = original.cloned().unwrap_or(LayoffNotice {
        date,
        review_days: None,
        cover_ends: None,
    });
    notice.date = date;
    notice.review_days = form.get(REVIEW_DAYS)?;
    notice.cover_ends = form.get(COVER_ENDS)?;
    notice.validate()?;
    Ok(Some(notice))
}
