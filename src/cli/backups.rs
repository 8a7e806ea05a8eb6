//! `careerbook path` and `careerbook restore`.

use super::{Failure, Format, print, print_json};
use crate::store::{Paths, backup};
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
    let kept = backup::restore(paths, name).map_err(Failure::runtime)?;
    match kept {
        Some(kept) => print(&format!(
            "restored {name}; the previous workbook is kept as {}\n",
            kept.display()
        )),
        None => print(&format!("restored {name}\n")),
    }
}

fn list(paths: &Paths, format: Format) -> Result<(), Failure> {
    let rows: Vec<BackupRow> = backup::list(paths)?
        .into_iter()
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
    for row in &rows {
        let readable = if row.readable {
            ""
        } else {
            "  (cannot be read)"
        };
        out.push_str(&format!(
            "{}  {}  {:<11}  {:>9} bytes{readable}\n",
            row.name, row.taken, row.reason, row.bytes
        ));
    }
    out.push_str("\nrestore one with: careerbook restore NAME\n");
    print(&out)
}
