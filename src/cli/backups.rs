//! `careerbook path`, `careerbook restore` and `careerbook compact`.

use super::{Failure, Format, print, print_json, warn};
use crate::domain::edit::Kind;
use crate::store::{OpenOptions, Paths, Session, backup};
use crate::text::count;
use serde::Serialize;

#[derive(Serialize)]
struct PathReport {
    workbook: String,
    exists: bool,
    backups: String,
    backup_count: usize,
}

pub fn path(paths: &Paths, format: Format) -> Result<(), Failure> {
    let report = PathReport {
        workbook: paths.workbook.display().to_string(),
        exists: paths.workbook.exists(),
        backups: paths.backups.display().to_string(),
        backup_count: backup::list(paths)?.len(),
    };
    match format {
        Format::Json => print_json(&report),
        Format::Text => {
            let state = if report.exists {
                "exists"
            } else {
                "not created yet"
            };
            print(&format!(
                "workbook  {}  ({state})\nbackups   {}  ({} backup{})\n",
                report.workbook,
                report.backups,
                report.backup_count,
                if report.backup_count == 1 { "" } else { "s" }
            ))
        }
    }
}

#[derive(Serialize)]
struct BackupRow {
    name: String,
    taken: String,
    reason: String,
    bytes: u64,
    readable: bool,
}

pub fn restore(paths: &Paths, name: Option<&str>, format: Format) -> Result<(), Failure> {
    let Some(name) = name else {
        return list(paths, format);
    };
    let before = records(paths);
    let restored = backup::restore(paths, name).map_err(Failure::runtime)?;
    if let Some(merged) = &restored.merged {
        return print(&merged_report(name, merged, restored.kept.as_deref()));
    }
    let mut text = match restored.kept {
        Some(kept) => format!(
            "restored {name}; the previous workbook is kept as {}\n",
            kept.display()
        ),
        None => format!("restored {name}\n"),
    };
    if let (Some(before), Some(after)) = (before, records(paths)) {
        text.push_str(&counts_changed(&before, &after));
    }
    if let Some(journal) = restored.journal {
        text.push_str(&format!(
            "the edits saved since it was last written whole (its journal) are kept as {}\n",
            journal.display()
        ));
    }
    print(&text)
}

/// How many records of each kind the workbook holds, if it can be read.
fn records(paths: &Paths) -> Option<Vec<usize>> {
    let session = Session::open(paths.clone(), OpenOptions::default()).ok()?;
    Some(
        Kind::ALL
            .iter()
            .map(|k| k.ids(session.workbook()).len())
            .collect(),
    )
}

/// `the workbook now holds 300 wins (was 314)`: what a restore changed, so
/// what it took away is said before anyone wonders where it went.
fn counts_changed(before: &[usize], after: &[usize]) -> String {
    let changed: Vec<String> = Kind::ALL
        .iter()
        .zip(before.iter().zip(after))
        .filter(|(_, (b, a))| b != a)
        .map(|(kind, (b, a))| format!("{} (was {b})", count(*a, kind.noun())))
        .collect();
    match changed.is_empty() {
        true => "it holds as many records of each kind as the workbook did\n".into(),
        false => format!("the workbook now holds {}\n", changed.join(", ")),
    }
}

/// What merging an `unsaved` backup did, in a few lines.
fn merged_report(
    name: &str,
    merged: &crate::domain::combine::Combined,
    kept: Option<&std::path::Path>,
) -> String {
    let mut out = combined_report(&format!("the unsaved edits of {name}"), merged);
    if let Some(kept) = kept {
        out.push_str(&format!(
            "the previous workbook is kept as {}\n",
            kept.display()
        ));
    }
    out
}

/// What combining a copy (`what`) into the workbook did: what was added and
/// changed, what was set aside, and every note, one per line.
pub(super) fn combined_report(what: &str, merged: &crate::domain::combine::Combined) -> String {
    let mut out = format!(
        "merged {what} into the workbook: {} added, {} changed",
        merged.added, merged.changed
    );
    if merged.conflicts > 0 {
        out.push_str(&format!(
            ", {} set aside where the two differ (careerbook conflicts)",
            crate::text::count(merged.conflicts, "value")
        ));
    }
    out.push('\n');
    for note in &merged.notes {
        out.push_str(&format!("  {}\n", super::one_line(note)));
    }
    out
}

fn list(paths: &Paths, format: Format) -> Result<(), Failure> {
    let rows: Vec<BackupRow> = backup::list(paths)?
        .into_iter()
        // The base of an unsaved backup is restored with it, never alone.
        .filter(|b| b.reason != backup::Reason::UnsavedBase)
        .map(|b| BackupRow {
            readable: backup::is_good(&b.path),
            taken: b.taken.format("%Y-%m-%d %H:%M:%S").to_string(),
            reason: b.reason.tag().to_string(),
            name: b.name,
            bytes: b.size,
        })
        .collect();
    if format == Format::Json {
        return print_json(&rows);
    }
    if rows.is_empty() {
        return print(&format!("no backups yet in {}\n", paths.backups.display()));
    }
    let mut out = String::new();
    // Names differ in length with their reason (`auto`, `pre-import`): the
    // columns after them line up on the longest.
    let width = rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    for row in &rows {
        let readable = if row.readable {
            ""
        } else {
            "  (cannot be read)"
        };
        out.push_str(&format!(
            "{:<width$}  {}  {:<11}  {:>9} bytes{readable}\n",
            row.name, row.taken, row.reason, row.bytes
        ));
    }
    out.push_str("\nrestore one with: careerbook restore NAME\n");
    print(&out)
}

#[derive(Serialize)]
struct CompactReport {
    workbook: String,
    /// Edits of the journal now in the workbook.
    folded: usize,
}

/// `careerbook compact`: folds the journal into the workbook.
pub fn compact(paths: &Paths, format: Format) -> Result<(), Failure> {
    let options = OpenOptions {
        create: false,
        hold_lock: true,
    };
    let mut session = Session::open(paths.clone(), options)?;
    if let Some(reason) = session.read_only() {
        return Err(Failure::runtime(format!("nothing was changed: {reason}")));
    }
    super::tell_notes(&session);
    let compacted = session
        .compact()
        .map_err(|err| Failure::runtime(format!("nothing was changed: {err}")))?;
    if let Some(problem) = compacted.backup_failed {
        warn(&format!("folded, but {problem}"));
    }
    let report = CompactReport {
        workbook: paths.workbook.display().to_string(),
        folded: compacted.edits,
    };
    match format {
        Format::Json => print_json(&report),
        Format::Text if report.folded == 0 => print(&format!(
            "nothing to fold: {} holds every edit\n",
            report.workbook
        )),
        Format::Text => print(&format!(
            "folded {} from the journal into {}\n",
            crate::text::count(report.folded, "edit"),
            report.workbook
        )),
    }
}
