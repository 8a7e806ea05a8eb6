//! `careerbook import apps FILE.csv [--skip-bad]` and
//! `careerbook import contacts FILE.csv [--relationship R] [--skip-bad]`.

use super::pipeline::{refuse_read_only, save};
use super::written::print_written;
use super::{Failure, Format, one_line, open_for_reading, open_for_writing};
use crate::domain::Id;
use crate::domain::dates;
use crate::domain::edit::{Edit, Kind};
use crate::domain::pipeline::import::{
    BadRow, ContactsPlan, DateOrder, DuplicateOf, DuplicateRow, ImportError, ImportPlan,
    plan_contacts_import, plan_import,
};
use crate::domain::pipeline::{
    ApplicationRecord, Contact, NewApplication, Pipeline, parse_relationship,
};
use crate::store::Paths;
use crate::text::count;
use clap::Subcommand;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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

#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Import job applications from a spreadsheet saved as CSV (see the guide
    /// for the columns); rows already in the pipeline are not added again
    Apps {
        /// The CSV file (comma, semicolon or tab separated, UTF-8); `-` reads standard input
        file: PathBuf,
        /// Import the rows that can be read and skip the others (without it,
        /// nothing is imported while any row cannot be read)
        #[arg(long)]
        skip_bad: bool,
        /// text for people; json prints the applications as saved, with their ids,
        /// and the rows skipped or already there
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Import contacts from LinkedIn's Connections.csv (the notes above its
    /// header are skipped) or any CSV with a name column; people already
    /// among the contacts are not added again
    Contacts {
        /// The CSV file; `-` reads standard input
        file: PathBuf,
        /// The relationship of every contact imported (default: recruiter when
        /// the position says so, else peer)
        #[arg(long, value_name = "R")]
        relationship: Option<String>,
        /// Import the rows that can be read and skip the others
        #[arg(long)]
        skip_bad: bool,
        /// text for people; json prints the contacts as saved, with their ids,
        /// and the rows skipped or already there
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

pub fn run(paths: &Paths, what: ImportWhat) -> Result<(), Failure> {
    match what {
        ImportWhat::Apps {
            file,
            skip_bad,
            format,
        } => apps(paths, &file, skip_bad, format),
        ImportWhat::Contacts {
            file,
            relationship,
            skip_bad,
            format,
        } => contacts(paths, &file, relationship.as_deref(), skip_bad, format),
    }
}

/// The file's bytes, its name for messages, and how a file-level refusal reads.
fn read_input(file: &Path) -> Result<(Vec<u8>, String), Failure> {
    let stdin = file == Path::new("-");
    if stdin && super::stdin_is_terminal() {
        super::warn("reading the spreadsheet from standard input: paste it, then Ctrl-D");
    }
    let bytes = if stdin {
        crate::store::export::read_stdin()
    } else {
        crate::store::export::read_file(file)
    }
    .map_err(|err| Failure::runtime(format!("{err}; nothing was imported")))?;
    let name = if stdin {
        "standard input".to_string()
    } else {
        file.display().to_string()
    };
    Ok((bytes, name))
}

fn refusal(name: &str, err: ImportError) -> Failure {
    match err {
        ImportError::Unreadable(_) => {
            Failure::runtime(format!("{name}: {err}; nothing was imported"))
        }
        _ => Failure::usage(format!("{name}: {err}; nothing was imported")),
    }
}

fn apps(paths: &Paths, file: &Path, skip_bad: bool, format: Format) -> Result<(), Failure> {
    let today = dates::today();
    let (bytes, name) = read_input(file)?;
    let refuse = |err: ImportError| refusal(&name, err);
    // A file that will be refused is refused before anything is opened for
    // writing, so a refused import never even creates a workbook.
    let reading = open_for_reading(paths)?;
    refuse_read_only(&reading)?;
    let first_look =
        plan_import(bytes.as_slice(), &reading.workbook().pipeline, today).map_err(refuse)?;
    drop(reading);
    if !first_look.bad.is_empty() && !skip_bad {
        return Err(bad_rows(&name, &first_look.bad, first_look.rows.len()));
    }
    // The lock is held from here to the save, and the rows are read again, so
    // the duplicate check sees exactly the pipeline they are added to.
    let mut session = open_for_writing(paths)?;
    session.set_today(today);
    let plan =
        plan_import(bytes.as_slice(), &session.workbook().pipeline, today).map_err(refuse)?;
    if !plan.bad.is_empty() && !skip_bad {
        return Err(bad_rows(&name, &plan.bad, plan.rows.len()));
    }
    let added = if plan.rows.is_empty() {
        Vec::new()
    } else {
        let edits = plan
            .rows
            .iter()
            .cloned()
            .map(|row| Edit::Add(row.into_application(0).into()))
            .collect();
        save(&mut session, Edit::Batch(edits))?
    };
    let ids: Vec<Id> = added
        .iter()
        .filter(|(kind, _)| *kind == Kind::Application)
        .map(|&(_, id)| id)
        .collect();
    let pipeline = &session.workbook().pipeline;
    print_written(format, &ImportJson::new(&plan, &ids, pipeline), || {
        report(&name, &plan, &ids, pipeline)
    })
}

/// `import apps --format json`: the applications as saved, then the rows not imported.
#[derive(Serialize)]
struct ImportJson<'a> {
    imported: Vec<ApplicationRecord<'a>>,
    skipped: Vec<SkippedJson<'a>>,
    duplicates: Vec<DuplicateJson>,
    ignored_columns: &'a [String],
    /// Slash dates were read day first (26/11/2026).
    day_first: bool,
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    row: usize,
    reason: &'a str,
}

/// A row already there: the same as application `same_as_id`, or as an
/// earlier row `same_as_row` of the same file.
#[derive(Serialize)]
struct DuplicateJson {
    row: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    same_as_id: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    same_as_row: Option<usize>,
}

impl<'a> ImportJson<'a> {
    fn new(plan: &'a ImportPlan, ids: &[Id], pipeline: &'a Pipeline) -> Self {
        let by_id = indexed(&pipeline.applications, |a| a.id);
        Self {
            imported: ids
                .iter()
                .filter_map(|id| by_id.get(id).copied())
                .map(ApplicationRecord::from)
                .collect(),
            skipped: plan.bad.iter().map(SkippedJson::from).collect(),
            duplicates: plan.duplicates.iter().map(DuplicateJson::from).collect(),
            ignored_columns: &plan.ignored_columns,
            day_first: plan.date_order == DateOrder::DayFirst,
        }
    }
}

impl<'a> From<&'a BadRow> for SkippedJson<'a> {
    fn from(bad: &'a BadRow) -> Self {
        Self {
            row: bad.row_number,
            reason: &bad.reason,
        }
    }
}

impl From<&DuplicateRow> for DuplicateJson {
    fn from(dup: &DuplicateRow) -> Self {
        Self {
            row: dup.row_number,
            same_as_id: match dup.of {
                DuplicateOf::Existing(id) => Some(id),
                DuplicateOf::Row(_) => None,
            },
            same_as_row: match dup.of {
                DuplicateOf::Row(row) => Some(row),
                DuplicateOf::Existing(_) => None,
            },
        }
    }
}

/// The refusal when rows cannot be read and `--skip-bad` was not given.
fn bad_rows(name: &str, bad_rows: &[BadRow], good: usize) -> Failure {
    let mut message = format!(
        "{name}: {} cannot be read, so nothing was imported:\n",
        rows(bad_rows.len())
    );
    for bad in bad_rows {
        message.push_str(&format!(
            "  row {}: {}\n",
            bad.row_number,
            one_line(&bad.reason)
        ));
    }
    message.push_str(&format!(
        "Fix them and import again, or add --skip-bad to import the other {} and skip these.",
        rows(good)
    ));
    Failure::usage(message)
}

fn report(name: &str, plan: &ImportPlan, ids: &[Id], pipeline: &Pipeline) -> String {
    let mut out = imported(name, "application", ids, plan.rows.iter().map(describe));
    let by_id = indexed(&pipeline.applications, |a| a.id);
    not_imported(&mut out, &plan.bad, &[], &plan.duplicates, |id| {
        by_id
            .get(&id)
            .map(|app| format!("{} — {}", app.company, app.role))
    });
    columns_not_read(&mut out, &plan.ignored_columns);
    if plan.date_order == DateOrder::DayFirst {
        say!(
            out,
            "Slash dates were read day first (26/11/2026), as the file writes them."
        );
    }
    out
}

fn describe(row: &NewApplication) -> String {
    let stage = row.stage.key();
    let status = match row.applied_on() {
        Some(date) if row.stage == crate::domain::pipeline::Stage::Applied => {
            format!("applied {date}")
        }
        Some(date) => format!("{stage} (applied {date})"),
        None => stage.to_string(),
    };
    one_line(&format!("{} — {}: {status}", row.company, row.role))
}

fn rows(n: usize) -> String {
    count(n, "row")
}

fn contacts(
    paths: &Paths,
    file: &Path,
    relationship: Option<&str>,
    skip_bad: bool,
    format: Format,
) -> Result<(), Failure> {
    let today = dates::today();
    let relationship = relationship
        .map(parse_relationship)
        .transpose()
        .map_err(|invalid| {
            Failure::usage(format!(
                "--relationship: {}; nothing was imported",
                invalid.message
            ))
        })?;
    let (bytes, name) = read_input(file)?;
    let plan_for = |pipeline: &Pipeline| {
        plan_contacts_import(bytes.as_slice(), pipeline, relationship)
            .map_err(|err| refusal(&name, err))
    };
    // As for applications: refused before anything is created, then read
    // again under the lock, against exactly the contacts they join.
    let reading = open_for_reading(paths)?;
    refuse_read_only(&reading)?;
    let first_look = plan_for(&reading.workbook().pipeline)?;
    drop(reading);
    if !first_look.bad.is_empty() && !skip_bad {
        return Err(bad_rows(&name, &first_look.bad, first_look.rows.len()));
    }
    let mut session = open_for_writing(paths)?;
    session.set_today(today);
    let plan = plan_for(&session.workbook().pipeline)?;
    if !plan.bad.is_empty() && !skip_bad {
        return Err(bad_rows(&name, &plan.bad, plan.rows.len()));
    }
    let added = if plan.rows.is_empty() {
        Vec::new()
    } else {
        let edits = plan
            .rows
            .iter()
            .cloned()
            .map(|c| Edit::Add(c.into()))
            .collect();
        save(&mut session, Edit::Batch(edits))?
    };
    let ids: Vec<Id> = added
        .iter()
        .filter(|(kind, _)| *kind == Kind::Contact)
        .map(|&(_, id)| id)
        .collect();
    let pipeline = &session.workbook().pipeline;
    let json = ContactsJson {
        imported: {
            let by_id = indexed(&pipeline.contacts, |c| c.id);
            ids.iter().filter_map(|id| by_id.get(id).copied()).collect()
        },
        skipped: plan.bad.iter().map(SkippedJson::from).collect(),
        nameless: &plan.nameless,
        duplicates: plan.duplicates.iter().map(DuplicateJson::from).collect(),
        ignored_columns: &plan.ignored_columns,
    };
    print_written(format, &json, || {
        contacts_report(&name, &plan, &ids, pipeline)
    })
}

/// `import contacts --format json`: the contacts as saved, then the rows not imported.
#[derive(Serialize)]
struct ContactsJson<'a> {
    imported: Vec<&'a Contact>,
    skipped: Vec<SkippedJson<'a>>,
    /// Rows with no name.
    nameless: &'a [usize],
    duplicates: Vec<DuplicateJson>,
    ignored_columns: &'a [String],
}

fn contacts_report(name: &str, plan: &ContactsPlan, ids: &[Id], pipeline: &Pipeline) -> String {
    let described = plan.rows.iter().map(|contact| {
        let about: Vec<&str> = [contact.position.as_deref(), contact.company.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let about = if about.is_empty() {
            String::new()
        } else {
            format!(", {}", about.join(", "))
        };
        one_line(&format!(
            "{} ({}{about})",
            contact.name,
            contact.relationship.key()
        ))
    });
    let mut out = imported(name, "contact", ids, described);
    let by_id = indexed(&pipeline.contacts, |c| c.id);
    not_imported(
        &mut out,
        &plan.bad,
        &plan.nameless,
        &plan.duplicates,
        |id| by_id.get(&id).map(|c| c.name.clone()),
    );
    columns_not_read(&mut out, &plan.ignored_columns);
    out
}

/// "Imported 3 contacts from FILE:" and a line per record with its id, or
/// "Nothing new to import from FILE.".
fn imported(
    name: &str,
    noun: &str,
    ids: &[Id],
    described: impl ExactSizeIterator<Item = String>,
) -> String {
    let mut out = String::new();
    if described.len() == 0 {
        say!(out, "Nothing new to import from {name}.");
        return out;
    }
    say!(
        out,
        "Imported {} from {name}:",
        count(described.len(), noun)
    );
    for (id, line) in ids.iter().zip(described) {
        say!(out, "  #{id:<5} {line}");
    }
    out
}

/// Records by id, so reporting on an import of n records looks each up
/// once, in constant time, rather than searching the list n times.
fn indexed<T>(records: &[T], id_of: impl Fn(&T) -> Id) -> HashMap<Id, &T> {
    records.iter().map(|r| (id_of(r), r)).collect()
}

/// The rows an import skipped (unreadable, or with no name) and those already
/// there, each named by what `label` calls the record it repeats.
fn not_imported(
    out: &mut String,
    bad: &[BadRow],
    nameless: &[usize],
    duplicates: &[DuplicateRow],
    label: impl Fn(Id) -> Option<String>,
) {
    if !bad.is_empty() {
        say!(out, "Skipped {} that cannot be read:", rows(bad.len()));
        for bad in bad {
            say!(out, "  row {}: {}", bad.row_number, one_line(&bad.reason));
        }
    }
    if !nameless.is_empty() {
        let list: Vec<String> = nameless.iter().map(ToString::to_string).collect();
        say!(
            out,
            "Skipped {} with no name: {}",
            rows(nameless.len()),
            list.join(", ")
        );
    }
    if duplicates.is_empty() {
        return;
    }
    say!(
        out,
        "Not imported again ({} already there):",
        rows(duplicates.len())
    );
    for dup in duplicates {
        let of = match dup.of {
            DuplicateOf::Existing(id) => match label(id) {
                Some(name) => format!("#{id} {}", one_line(&name)),
                None => format!("#{id}"),
            },
            DuplicateOf::Row(row) => format!("row {row} of this file"),
        };
        say!(out, "  row {}: same as {of}", dup.row_number);
    }
}

fn columns_not_read(out: &mut String, ignored: &[String]) {
    if !ignored.is_empty() {
        say!(out, "Columns not read: {}", one_line(&ignored.join(", ")));
    }
}
