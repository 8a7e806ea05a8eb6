//! `careerbook apply`, `careerbook apps` and `careerbook apps move`.

use super::written::{added_id, print_written};
use super::{
    Failure, Format, one_line, open_for_reading, open_for_writing, print, print_data, print_json,
    warn,
};
use crate::domain::dates;
use crate::domain::edit::{Edit, Kind};
use crate::domain::pipeline::import::{parse_history_cell, parse_salary_cell};
use crate::domain::pipeline::{
    self, Application, ApplicationRecord, FollowUp, Pipeline, Stage, check_stage_date,
    optional_text, parse_optional_date, parse_required, parse_source, parse_stage,
    parse_stage_date, parse_track, resolve_contacts,
};
use crate::domain::{Id, Invalid};
use crate::export::apps_csv;
use crate::store::{Paths, Session};
use crate::text::{self, count};
use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};

/// Appends one line to a `String` being built for [`print`].
macro_rules! say {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

#[derive(Debug, clap::Args)]
pub struct ApplyArgs {
    /// The company applied to
    pub company: String,
    /// The role applied for
    pub role: String,
    /// Stage: wishlist, applied, screening, interviewing, offer, accepted, declined,
    /// rejected, withdrawn or ghosted (default applied)
    #[arg(long, value_name = "S")]
    pub stage: Option<String>,
    /// When it reached that stage: YYYY-MM-DD, today, -3d, last fri … (default today)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// referral, recruiter, job_board, company_site, internal or other
    #[arg(long, value_name = "S")]
    pub source: Option<String>,
    /// cloud_or_saas, startup, consulting, adjacent_field, internal_transfer or other
    #[arg(long, value_name = "T")]
    pub track: Option<String>,
    /// The job posting's address
    #[arg(long, value_name = "U")]
    pub url: Option<String>,
    /// When to follow up: YYYY-MM-DD, +1w, fri, next mon, eow, eom …
    #[arg(long = "follow-up", value_name = "D", allow_hyphen_values = true)]
    pub follow_up: Option<String>,
    /// A note to keep with it
    #[arg(long, value_name = "N")]
    pub note: Option<String>,
    /// Where the job is: a city, Remote
    #[arg(long, value_name = "L")]
    pub location: Option<String>,
    /// The pay range as posted: "210k-240k", "$150,000+", or words ("DOE")
    #[arg(long, value_name = "S")]
    pub salary: Option<String>,
    /// The next thing to do about it
    #[arg(long = "next", value_name = "N")]
    pub next_action: Option<String>,
    /// A contact involved, by name as saved (repeat for more)
    #[arg(long = "contact", value_name = "NAME")]
    pub contacts: Vec<String>,
    /// Its stages so far, oldest first: "applied 2026-10-28; screening 2026-11-04"
    /// (instead of --stage and --date)
    #[arg(long, value_name = "H", conflicts_with_all = ["stage", "date"])]
    pub history: Option<String>,
    /// Add it even if an open application for the same company and role is
    /// there already (without it, that is refused, naming the one there)
    #[arg(long)]
    pub again: bool,
    /// text for people; json prints the application as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AppsArgs {
    #[command(subcommand)]
    pub action: Option<AppsAction>,
    /// Only applications at this stage
    #[arg(long, value_name = "S")]
    pub stage: Option<String>,
    /// Only open applications (wishlist … offer)
    #[arg(long)]
    pub open: bool,
    #[arg(long, value_enum, default_value_t = AppsFormat::Text)]
    pub format: AppsFormat,
}

#[derive(Debug, Subcommand)]
pub enum AppsAction {
    /// Move an application to another stage, recorded in its history
    Move {
        /// The application's id, as `careerbook apps` lists it
        id: Id,
        /// The stage it moves to
        stage: String,
        /// When it happened: YYYY-MM-DD, today, -3d, last fri … (default today)
        #[arg(long, value_name = "D", allow_hyphen_values = true)]
        date: Option<String>,
        /// text for people; json prints the application as saved
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// Text for people; CSV for spreadsheets (it imports back); JSON for scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AppsFormat {
    Text,
    Csv,
    Json,
}

/// A refused value as the command line names it: `--follow-up: …`.
pub(super) fn bad_value(invalid: Invalid) -> Failure {
    let name = match invalid.field {
        "company" => "COMPANY",
        "role" => "ROLE",
        "follow_up" => "--follow-up",
        "stage" => "--stage",
        "date" => "--date",
        "source" => "--source",
        "track" => "--track",
        "id" => "ID",
        "salary" => "--salary",
        "contacts" => "--contact",
        "history" => "--history",
        other => other,
    };
    Failure::usage(format!("{name}: {}; nothing was changed", invalid.message))
}

/// A workbook this build may not write (a newer format) is said so before
/// anything else, exactly as [`open_for_writing`] would.
pub(super) fn refuse_read_only(session: &Session) -> Result<(), Failure> {
    match session.read_only() {
        Some(reason) => Err(Failure::runtime(format!("nothing was changed: {reason}"))),
        None => Ok(()),
    }
}

/// Applies `edit` in `session` and saves it; the ids it added.
pub(super) fn save(session: &mut Session, edit: Edit) -> Result<Vec<(Kind, Id)>, Failure> {
    super::apply_and_save(session, edit, bad_value)
}

pub fn apply(paths: &Paths, args: ApplyArgs) -> Result<(), Failure> {
    let today = dates::today();
    // Every value is read before the workbook is opened: bad input changes nothing.
    let company = parse_required("company", &args.company).map_err(bad_value)?;
    let role = parse_required("role", &args.role).map_err(bad_value)?;
    let stage = args
        .stage
        .as_deref()
        .map(parse_stage)
        .transpose()
        .map_err(bad_value)?
        .unwrap_or(Stage::Applied);
    let date = args
        .date
        .as_deref()
        .map(|d| parse_stage_date(d, today))
        .transpose()
        .map_err(bad_value)?
        .unwrap_or(today);
    let source = args
        .source
        .as_deref()
        .map(parse_source)
        .transpose()
        .map_err(bad_value)?;
    let track = args
        .track
        .as_deref()
        .map(parse_track)
        .transpose()
        .map_err(bad_value)?;
    let follow_up =
        parse_optional_date("follow_up", args.follow_up.as_deref().unwrap_or(""), today)
            .map_err(bad_value)?;
    let mut app = Application::new(0, company, role, stage, date);
    if let Some(text) = &args.history {
        let history = parse_history_cell(text).map_err(|message| {
            Failure::usage(format!("--history: {message}; nothing was changed"))
        })?;
        let last = history.last().ok_or_else(|| {
            Failure::usage("--history: give at least one stage and date; nothing was changed")
        })?;
        check_stage_date(last.date, today)
            .map_err(|i| bad_value(Invalid::new("history", i.message)))?;
        app.stage = last.stage;
        app.history = history;
    }
    app.source = source.unwrap_or_default();
    app.track = track.unwrap_or_default();
    app.link = args.url.as_deref().and_then(optional_text);
    app.follow_up = follow_up;
    app.notes = args.note.as_deref().and_then(optional_text);
    app.location = args.location.as_deref().and_then(optional_text);
    app.next_action = args.next_action.as_deref().and_then(optional_text);
    app.salary = parse_salary_cell(args.salary.as_deref().unwrap_or(""))
        .map_err(|message| bad_value(Invalid::new("salary", message)))?;
    // Checked without writing first, so a refusal never creates a workbook;
    // then again under the lock, against exactly what is saved.
    let check = |pipeline: &Pipeline| -> Result<Application, Failure> {
        if !args.again {
            refuse_duplicate(pipeline, &app)?;
        }
        let mut app = app.clone();
        app.contacts = resolve_contacts(pipeline, &args.contacts.join("; ")).map_err(bad_value)?;
        Ok(app)
    };
    let first_look = open_for_reading(paths)?;
    refuse_read_only(&first_look)?;
    check(&first_look.workbook().pipeline)?;
    drop(first_look);
    let mut session = open_for_writing(paths)?;
    session.set_today(today);
    let app = check(&session.workbook().pipeline)?;
    let added = save(&mut session, Edit::Add(app.into()))?;
    let pipeline = &session.workbook().pipeline;
    let app = pipeline
        .application(added_id(&added, Kind::Application)?)
        .ok_or_else(|| Failure::runtime("the application was saved but cannot be read back"))?;
    print_written(args.format, &ApplicationRecord::from(app), || {
        let mut out = String::new();
        say!(out, "Added application #{}", app.id);
        out.push_str(&application_text(pipeline, app, today));
        out
    })
}

/// An exact duplicate of an open application (same company and role) is
/// refused with status 1, naming the one there; `--again` adds it anyway.
fn refuse_duplicate(pipeline: &Pipeline, app: &Application) -> Result<(), Failure> {
    match pipeline.open_duplicate(&app.company, &app.role) {
        Some(there) => Err(Failure::runtime(format!(
            "#{} {} is already open ({} since {}); nothing was added (add --again to add \
             another, or careerbook apps move {} STAGE)",
            there.id,
            one_line(&format!("{} — {}", there.company, there.role)),
            there.stage.key(),
            there
                .last_change()
                .map_or_else(String::new, |d| d.to_string()),
            there.id
        ))),
        None => Ok(()),
    }
}

pub fn apps(paths: &Paths, args: AppsArgs) -> Result<(), Failure> {
    if let Some(AppsAction::Move {
        id,
        stage,
        date,
        format,
    }) = args.action
    {
        return move_app(paths, id, &stage, date.as_deref(), format);
    }
    let today = dates::today();
    let stage = args
        .stage
        .as_deref()
        .map(parse_stage)
        .transpose()
        .map_err(bad_value)?;
    let session = open_for_reading(paths)?;
    let pipeline = &session.workbook().pipeline;
    let shown: Vec<&Application> = pipeline::list_order(&pipeline.applications)
        .into_iter()
        .filter(|a| stage.is_none_or(|s| a.stage == s))
        .filter(|a| !args.open || a.stage.is_active())
        .collect();
    match args.format {
        AppsFormat::Json => {
            let records: Vec<ApplicationRecord> =
                shown.iter().map(|&a| ApplicationRecord::from(a)).collect();
            print_json(&records)
        }
        AppsFormat::Csv => {
            let owned: Vec<Application> = shown.into_iter().cloned().collect();
            let text = apps_csv::applications_csv(&owned)
                .map_err(|err| Failure::runtime(format!("cannot write CSV: {err}")))?;
            print_data(&text)
        }
        AppsFormat::Text => print(&list_text(pipeline, &shown, today)),
    }
}

fn move_app(
    paths: &Paths,
    id: Id,
    stage: &str,
    date: Option<&str>,
    format: Format,
) -> Result<(), Failure> {
    let today = dates::today();
    let stage = parse_stage(stage)
        .map_err(|i| Failure::usage(format!("STAGE: {}; nothing was changed", i.message)))?;
    let date = date
        .map(|d| parse_stage_date(d, today))
        .transpose()
        .map_err(bad_value)?
        .unwrap_or(today);
    // Checked first without writing: a refused move never creates a workbook.
    let first_look = open_for_reading(paths)?;
    refuse_read_only(&first_look)?;
    pipeline::move_application(&first_look.workbook().pipeline, id, stage, date)
        .map_err(bad_value)?;
    drop(first_look);
    let mut session = open_for_writing(paths)?;
    session.set_today(today);
    let pipeline = &session.workbook().pipeline;
    let from = pipeline
        .application(id)
        .map(|a| a.stage)
        .ok_or_else(|| bad_value(Invalid::new("id", format!("there is no application #{id}"))))?;
    let unchanged = format!("#{id} is already at {}; nothing was changed", stage.key());
    let moved = match pipeline::move_application(pipeline, id, stage, date).map_err(bad_value)? {
        Some(edit) => {
            save(&mut session, edit)?;
            true
        }
        None => false,
    };
    let pipeline = &session.workbook().pipeline;
    let app = pipeline
        .application(id)
        .ok_or_else(|| Failure::runtime("the application was saved but cannot be read back"))?;
    if !moved && format == Format::Json {
        warn(&unchanged);
    }
    print_written(format, &ApplicationRecord::from(app), || {
        let mut out = String::new();
        if moved {
            say!(
                out,
                "Moved #{id} from {} to {} on {date}",
                from.key(),
                stage.key()
            );
            out.push_str(&application_text(pipeline, app, today));
            if stage == Stage::Accepted {
                out.push_str(&super::offers::accept_hint(&pipeline.offers, id));
            }
        } else {
            say!(out, "{unchanged}");
        }
        out
    })
}

/// One application, every field that is set, for `apply` and `apps move`.
fn application_text(pipeline: &Pipeline, app: &Application, today: NaiveDate) -> String {
    let mut rows: Vec<(&str, String)> = vec![
        ("company", app.company.clone()),
        ("role", app.role.clone()),
        (
            "stage",
            format!(
                "{} since {}",
                app.stage.key(),
                app.last_change()
                    .map_or_else(String::new, |d| d.to_string())
            ),
        ),
        ("history", history_text(app)),
        ("applied", date_or(app.applied_on(), "not yet")),
        ("source", app.source.key().to_string()),
        ("track", app.track.key().to_string()),
    ];
    let optional = [
        ("link", app.link.clone()),
        ("location", app.location.clone()),
        ("salary", app.salary.as_ref().and_then(|s| s.describe())),
        ("next action", app.next_action.clone()),
        (
            "follow up",
            app.follow_up.map(|d| follow_up_text(app, d, today)),
        ),
        ("notes", app.notes.clone()),
    ];
    rows.extend(optional.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))));
    let names: Vec<&str> = app
        .contacts
        .iter()
        .filter_map(|&id| pipeline.contact(id).map(|c| c.name.as_str()))
        .collect();
    if !names.is_empty() {
        rows.push(("contacts", names.join(", ")));
    }
    let mut out = String::new();
    for (key, value) in rows {
        say!(
            out,
            "  {key:<12} {}",
            value.replace('\n', "\n               ")
        );
    }
    out
}

fn history_text(app: &Application) -> String {
    app.history
        .iter()
        .map(|c| format!("{} {}", c.stage.key(), c.date))
        .collect::<Vec<_>>()
        .join(", ")
}

fn date_or(date: Option<NaiveDate>, none: &str) -> String {
    date.map_or_else(|| none.to_string(), |d| d.to_string())
}

/// `2026-11-25 (overdue 1 day)`: a follow-up date with where it stands.
fn follow_up_text(app: &Application, date: NaiveDate, today: NaiveDate) -> String {
    match app.follow_up_state(today) {
        Some(FollowUp::Overdue { days }) => format!("{date} (overdue {})", text::days(days)),
        Some(FollowUp::DueToday) => format!("{date} (due today)"),
        Some(FollowUp::Upcoming { days }) => format!("{date} (in {})", text::days(days)),
        None => format!("{date} (closed: nothing to do)"),
    }
}

/// The aligned table of `careerbook apps`, then what needs attention.
fn list_text(pipeline: &Pipeline, shown: &[&Application], today: NaiveDate) -> String {
    let mut out = String::new();
    if pipeline.applications.is_empty() {
        say!(
            out,
            "No applications yet. Add one with: careerbook apply COMPANY ROLE"
        );
        return out;
    }
    if shown.is_empty() {
        say!(out, "No applications match.");
        return out;
    }
    let id_width = shown
        .iter()
        .map(|a| a.id.to_string().len())
        .max()
        .unwrap_or(2)
        .max(2);
    say!(
        out,
        "{:>id_width$}  {:<12}  {:<10}  {:<18}  COMPANY — ROLE",
        "ID",
        "STAGE",
        "APPLIED",
        "FOLLOW UP"
    );
    for app in shown {
        let follow_up = match (app.follow_up, app.follow_up_state(today)) {
            (Some(d), Some(FollowUp::Overdue { .. })) => format!("{d} overdue"),
            (Some(d), Some(FollowUp::DueToday)) => format!("{d} today"),
            (Some(d), _) => d.to_string(),
            (None, _) => "-".to_string(),
        };
        say!(
            out,
            "{:>id_width$}  {:<12}  {:<10}  {:<18}  {} — {}",
            app.id,
            app.stage.key(),
            date_or(app.applied_on(), "-"),
            follow_up,
            one_line(&app.company),
            one_line(&app.role)
        );
    }
    let open = shown.iter().filter(|a| a.stage.is_active()).count();
    say!(out);
    say!(
        out,
        "{} shown, {open} open.",
        count(shown.len(), "application")
    );
    let shown_ids: std::collections::HashSet<Id> = shown.iter().map(|a| a.id).collect();
    let ids = |list: Vec<Id>| -> Vec<String> {
        list.into_iter()
            .filter(|id| shown_ids.contains(id))
            .map(|id| format!("#{id}"))
            .collect()
    };
    let overdue = ids(pipeline::overdue_follow_ups(pipeline, today));
    if !overdue.is_empty() {
        say!(
            out,
            "! {} overdue: {}",
            count(overdue.len(), "follow-up"),
            first_few(&overdue)
        );
    }
    let ghosted = ids(pipeline::ghost_suggestions(pipeline, today));
    if !ghosted.is_empty() {
        say!(
            out,
            "? No reply for {}+ days, maybe ghosted: {} (careerbook apps move ID ghosted)",
            pipeline.ghost_after_days,
            first_few(&ghosted)
        );
    }
    out
}

/// The first ids of a long list and how many more: a line that fits a
/// terminal, where thousands of imported applications could be named.
fn first_few(ids: &[String]) -> String {
    const SHOWN: usize = 10;
    match ids.len().checked_sub(SHOWN) {
        Some(more @ 1..) => format!("{} and {more} more", ids[..SHOWN].join(", ")),
        _ => ids.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::first_few;

    #[test]
    fn a_long_list_of_ids_names_ten_and_counts_the_rest() {
        let ids = |n: u64| (1..=n).map(|id| format!("#{id}")).collect::<Vec<_>>();
        assert_eq!(first_few(&ids(3)), "#1, #2, #3");
        assert_eq!(first_few(&ids(10)), ids(10).join(", "));
        assert_eq!(
            first_few(&ids(2_165)),
            "#1, #2, #3, #4, #5, #6, #7, #8, #9, #10 and 2155 more"
        );
    }
}
