//! `careerbook import apps FILE.csv [--skip-bad]`.

use super::pipeline::{refuse_read_only, save};
use super::written::print_written;
use super::{Failure, Format, one_line, open_for_reading, open_for_writing};
use crate::domain::Id;
use crate::domain::dates;
use crate::domain::edit::{Edit, Kind};
use crate::domain::pipeline::import::{
    DateOrder, DuplicateOf, ImportError, ImportPlan, plan_import,
};
use crate::domain::pipeline::{ApplicationRecord, NewApplication, Pipeline};
use crate::store::Paths;
use crate::text::count;
use clap::Subcommand;
use serde::Serialize;
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
}

pub fn run(paths: &Paths, what: ImportWhat) -> Result<(), Failure> {
    match what {
        ImportWhat::Apps {
            file,
            skip_bad,
            format,
        } => apps(paths, &file, skip_bad, format),
    }
}

fn apps(paths: &Paths, file: &Path, skip_bad: bool, format: Format) -> Result<(), Failure> {
    let today = dates::today();
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
    let refuse = |err: ImportError| match err {
        ImportError::Unreadable(_) => {
            Failure::runtime(format!("{name}: {err}; nothing was imported"))
        }
        _ => Failure::usage(format!("{name}: {err}; nothing was imported")),
    };
    // A file that will be refused is refused before anything is opened for
    // writing, so a refused import never even creates a workbook.
    let reading = open_for_reading(paths)?;
    refuse_read_only(&reading)?;
    let first_look =
        plan_import(bytes.as_slice(), &reading.workbook().pipeline, today).map_err(refuse)?;
    drop(reading);
    if !first_look.bad.is_empty() && !skip_bad {
        return Err(bad_rows(&name, &first_look));
    }
    // The lock is held from here to the save, and the rows are read again, so
    // the duplicate check sees exactly the pipeline they are added to.
    let mut session = open_for_writing(paths)?;
    session.set_today(today);
    let plan =
        plan_import(bytes.as_slice(), &session.workbook().pipeline, today).map_err(refuse)?;
    if !plan.bad.is_empty() && !skip_bad {
        return Err(bad_rows(&name, &plan));
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
        Self {
            imported: ids
                .iter()
                .filter_map(|&id| pipeline.application(id))
                .map(ApplicationRecord::from)
                .collect(),
            skipped: plan
                .bad
                .iter()
                .map(|bad| SkippedJson {
                    row: bad.row_number,
                    reason: &bad.reason,
                })
                .collect(),
            duplicates: plan
                .duplicates
                .iter()
                .map(|dup| DuplicateJson {
                    row: dup.row_number,
                    same_as_id: match dup.of {
                        DuplicateOf::Existing(id) => Some(id),
                        DuplicateOf::Row(_) => None,
                    },
                    same_as_row: match dup.of {
                        DuplicateOf::Row(row) => Some(row),
                        DuplicateOf::Existing(_) => None,
                    },
                })
                .collect(),
            ignored_columns: &plan.ignored_columns,
            day_first: plan.date_order == DateOrder::DayFirst,
        }
    }
}

/// The refusal when rows cannot be read and `--skip-bad` was not given.
fn bad_rows(name: &str, plan: &ImportPlan) -> Failure {
    let mut message = format!(
        "{name}: {} cannot be read, so nothing was imported:\n",
        rows(plan.bad.len())
    );
    for bad in &plan.bad {
        message.push_str(&format!(
            "  row {}: {}\n",
            bad.row_number,
            one_line(&bad.reason)
        ));
    }
    message.push_str(&format!(
        "Fix them and import again, or add --skip-bad to import the other {} and skip these.",
        rows(plan.rows.len())
    ));
    Failure::usage(message)
}

fn report(name: &str, plan: &ImportPlan, ids: &[Id], pipeline: &Pipeline) -> String {
    let mut out = String::new();
    if plan.rows.is_empty() {
        say!(out, "Nothing new to import from {name}.");
    } else {
        say!(
            out,
            "Imported {} from {name}:",
            count(plan.rows.len(), "application")
        );
        for (id, row) in ids.iter().zip(&plan.rows) {
            say!(out, "  #{id:<5} {}", describe(row));
        }
    }
    if !plan.bad.is_empty() {
        say!(out, "Skipped {} that cannot be read:", rows(plan.bad.len()));
        for bad in &plan.bad {
            say!(out, "  row {}: {}", bad.row_number, one_line(&bad.reason));
        }
    }
    if !plan.duplicates.is_empty() {
        say!(
            out,
            "Not imported again ({} already there):",
            rows(plan.duplicates.len())
        );
        for dup in &plan.duplicates {
            let of = match dup.of {
                DuplicateOf::Existing(id) => match pipeline.application(id) {
                    Some(app) => format!(
                        "#{id} {}",
                        one_line(&format!("{} — {}", app.company, app.role))
                    ),
                    None => format!("#{id}"),
                },
                DuplicateOf::Row(row) => format!("row {row} of this file"),
            };
            say!(out, "  row {}: same as {of}", dup.row_number);
        }
    }
    if !plan.ignored_columns.is_empty() {
        say!(
            out,
            "Columns not read: {}",
            one_line(&plan.ignored_columns.join(", "))
        );
    }
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
