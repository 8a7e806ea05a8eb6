//! `careerbook export --format ics --out FILE [--force] [--no-forfeited]`: a
//! calendar of every dated item careerbook knows, one all-day event each, with
//! stable UIDs so a calendar that imports a newer export updates its events
//! instead of adding copies. `--out -` writes the calendar to standard output.

use super::{Failure, open_for_reading, print, print_data};
use crate::domain::dates;
use crate::export::calendar;
use crate::export::ics::{self, Forfeited};
use crate::store::Paths;
use crate::store::export::{OwnWrite, Replaced, write_own_file};
use chrono::Utc;
use clap::ValueEnum;
use std::path::Path;

/// What `export` can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// iCalendar (RFC 5545), for any calendar program
    Ics,
}

pub fn export(
    paths: &Paths,
    format: ExportFormat,
    out: &Path,
    force: bool,
    no_forfeited: bool,
) -> Result<(), Failure> {
    let session = open_for_reading(paths)?;
    let today = dates::today();
    let forfeited = if no_forfeited {
        Forfeited::LeaveOut
    } else {
        Forfeited::Mark
    };
    match format {
        ExportFormat::Ics => {
            let events = calendar::events(session.workbook(), today, forfeited);
            // DTSTAMP is when the file was made: the real clock, in UTC.
            let text = ics::calendar(&events, Utc::now().naive_utc());
            if out == Path::new("-") {
                return print_data(&text);
            }
            let (written, replaced) = match write_own_file(
                out,
                text.as_bytes(),
                ics::is_careerbook_calendar,
                force,
                paths,
            )? {
                OwnWrite::Written(path, replaced) => (path, replaced),
                OwnWrite::Foreign(path) => {
                    return Err(Failure::runtime(format!(
                        "{} already exists and is not a file careerbook wrote; nothing was written (choose another --out, or add --force to replace it)",
                        path.display()
                    )));
                }
            };
            let what = match replaced {
                Replaced::Nothing => "wrote",
                Replaced::Ours => "updated",
                Replaced::Forced => "replaced",
            };
            let note = if events.is_empty() {
                " (nothing dated yet: enter a notice or a last day on payroll, grants, or follow-up dates)"
            } else {
                ""
            };
            print(&format!(
                "{what} {} with {} event(s){note}\n",
                written.display(),
                events.len()
            ))
        }
    }
}
