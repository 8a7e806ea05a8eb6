//! `careerbook import apps FILE.csv [--skip-bad]`.

use super::pipeline::{refuse_read_only, save};
use super::{Failure, open_for_reading, open_for_writing, print};
use crate::domain::dates;
use crate::domain::edit::{Edit, Kind};
use crate::domain::pipeline::import::{
    DateOrder, DuplicateOf, ImportError, ImportPlan, plan_import,
};
use crate::domain::pipeline::{NewApplication, Pipeline};
use crate::store::Paths;
use crate::text::count;
use clap::Subcommand;
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
        /// The CSV file (comma, semicolon or tab separated, UTF-8)
        file: PathBuf,
        /// Import the rows that can be read and skip the others (without it,
        /// nothing is imported while any row cannot be read)
        #[arg(long)]
        skip_bad: bool,
    },
}

pub fn run(paths: &Paths, what: ImportWhat) -> Result<(), Failure> {
    match what {
        ImportWhat::Apps { file, skip_bad } => apps(paths, &file, skip_bad),
    }
}

fn apps(paths: &Paths, file: &Path, skip_bad: bool) -> Result<(), Failure> {
    let today = dates::today();
    let bytes = crate::store::export::read_file(file)
        .map_err(|err| Failure::runtime(format!("{err}; nothing was imported")))?;
    let name = file.display().to_string();
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
    let ids = added
        .iter()
        .filter(|(kind, _)| *kind == Kind::Application)
        .map(|&(_, id)| id);
    print(&report(&name, &plan, ids, &session.workbook().pipeline))
}

/// The refusal when rows cannot be read and `--skip-bad` was not given.
fn bad_rows(name: &str, plan: &ImportPlan) -> Failure {
    let mut message = format!(
        "{name}: {} cannot be read, so nothing was imported:\n",
        rows(plan.bad.len())
    );
    for bad in &plan.bad {
        message.push_str(&format!("  row {}: {}\n", bad.row_number, bad.reason));
    }
    message.push_str(&format!(
        "Fix them and import again, or add --skip-bad to import the other {} and skip these.",
        rows(plan.rows.len())
    ));
    Failure::usage(message)
}

fn report(
    name: &str,
    plan: &ImportPlan,
    ids: impl Iterator<Item = u64>,
    pipeline: &Pipeline,
) -> String {
    let mut out = String::new();
    if plan.rows.is_empty() {
        say!(out, "Nothing new to import from {name}.");
    } else {
        say!(
            out,
            "Imported {} from {name}:",
            count(plan.rows.len(), "application")
        );
        for (id, row) in ids.zip(&plan.rows) {
            say!(out, "  #{id:<5} {}", describe(row));
        }
    }
    if !plan.bad.is_empty() {
        say!(out, "Skipped {} that cannot be read:", rows(plan.bad.len()));
        for bad in &plan.bad {
            say!(out, "  row {}: {}", bad.row_number, bad.reason);
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
                    Some(app) => format!("#{id} {} — {}", app.company, app.role),
                    None => format!("#{id}"),
                },
                DuplicateOf::Row(row) => format!("row {row} of this file"),
            };
            say!(out, "  row {}: same as {of}", dup.row_number);
        }
    }
    if !plan.ignored_columns.is_empty() {
        say!(out, "Columns not read: {}", plan.ignored_columns.join(", "));
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
    format!("{} — {}: {status}", row.company, row.role)
}

fn rows(n: usize) -> String {
    count(n, "row")
}
