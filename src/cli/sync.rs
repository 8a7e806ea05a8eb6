//! `careerbook sync init REMOTE`, `careerbook sync`, `careerbook merge FILE`
//! and `careerbook merge-driver %O %A %B` (which git runs).

use super::output::one_line;
use super::{Failure, Format, print, print_json, stdin_is_terminal, warn};
use crate::domain::dates;
use crate::store::{Paths, copies, sync};
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

/// How many records of what arrived are listed one per line.
const LISTED: usize = 12;

#[derive(Debug, Args)]
#[command(
    after_help = "Set up once per machine with `careerbook sync init REMOTE`, REMOTE being a \
                  PRIVATE git repository: the workbook holds your savings, pay, equity and job \
                  search, and the remote keeps every version of it. The first machine's \
                  workbook goes there; on another machine, init takes it (or merges it with the \
                  one already there).\n\n\
                  Then `careerbook sync` (or P in the full-screen workbook) commits what changed \
                  here, takes in what the other machines sent and sends this one's. The two \
                  copies are merged record by record; a value changed on both machines keeps \
                  the one synced first and sets the other aside (`careerbook conflicts`).\n\n\
                  Examples:\n  careerbook sync init git@github.com:me/careerbook-private.git\n  \
                  careerbook sync init /media/usb/careerbook.git\n  careerbook sync"
)]
pub struct SyncArgs {
    #[command(subcommand)]
    what: Option<SyncWhat>,
    /// text for people, json for scripts
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    format: Format,
}

#[derive(Debug, Subcommand)]
enum SyncWhat {
    /// Make the data directory a git repository syncing with REMOTE, and sync
    Init {
        /// A private git repository: an ssh or https address, or the path of a
        /// bare repository (`git init --bare`), on a USB drive say
        remote: String,
    },
}

#[derive(Debug, Args)]
#[command(
    after_help = "For a copy a file-sync tool left when two machines changed the workbook \
                  before it caught up: Syncthing's workbook.sync-conflict-….ron, Dropbox's \
                  \"workbook (…'s conflicted copy ….ron\". What only the copy holds is added, \
                  values that differ are set aside as conflicts (`careerbook conflicts`), \
                  nothing is deleted. A conflict copy moves into backups/; any other file is \
                  copied there and left where it is. Another careerbook's workbook \
                  (workbook.ron, or a file beside its journal, lock or .git) is refused: copy \
                  it first.\n\n\
                  Example:\n  careerbook merge ~/Sync/careerbook/workbook.sync-conflict-20261126-101010-ABCDEFG.ron"
)]
pub struct MergeArgs {
    /// The conflict copy
    file: PathBuf,
    /// text for people, json for scripts
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Args)]
pub struct DriverArgs {
    /// The copy both started from (%O)
    base: PathBuf,
    /// This machine's copy (%A), where the result is written
    ours: PathBuf,
    /// The other machine's copy (%B)
    theirs: PathBuf,
}

/// The options every sync runs with: this binary as the merge driver;
/// prompts for a password only when a person is at the terminal.
pub fn options() -> sync::Options {
    sync::Options {
        exe: std::env::current_exe().unwrap_or_else(|_| PathBuf::from("careerbook")),
        prompts: stdin_is_terminal(),
    }
}

pub fn sync(paths: &Paths, args: SyncArgs) -> Result<(), Failure> {
    let report = match args.what {
        Some(SyncWhat::Init { remote }) => {
            if remote.trim().is_empty() {
                return Err(Failure::usage(
                    "REMOTE: give the address of a private git repository (an ssh or https \
                     address, or a path)",
                ));
            }
            sync::init(paths, remote.trim(), &options())
        }
        None => sync::sync(paths, &options()),
    }
    .map_err(|e| Failure::runtime(e.to_string()))?;
    if let Some(problem) = &report.backup_failed {
        warn(&format!("synced, but {problem}"));
    }
    match args.format {
        Format::Json => print_json(&report),
        Format::Text => print(&said(&report)),
    }
}

/// What a sync did, for a person.
fn said(report: &sync::Report) -> String {
    if report.nothing_yet {
        return format!(
            "set up to sync with {}; there is no workbook here or there yet\n",
            report.remote
        );
    }
    let mut out = format!("synced with {}\n", report.remote);
    if let Some(sent) = &report.committed {
        out.push_str(&format!("  sent: {}\n", one_line(sent)));
    }
    if !report.arrived.is_empty() {
        out.push_str(&format!("  arrived: {}\n", one_line(&report.arrived)));
        for line in report.arrived_records.iter().take(LISTED) {
            out.push_str(&format!("    {}\n", one_line(line)));
        }
        if report.arrived_records.len() > LISTED {
            out.push_str(&format!(
                "    … and {} more\n",
                report.arrived_records.len() - LISTED
            ));
        }
    }
    if report.committed.is_none() && report.arrived.is_empty() {
        out.push_str("  nothing new on either side\n");
    }
    for note in &report.notes {
        out.push_str(&format!("  {}\n", one_line(note)));
    }
    if report.set_aside > 0 {
        out.push_str(&format!(
            "  {} changed on both machines: the one synced first is kept, the other set aside \
             (careerbook conflicts)\n",
            crate::text::count_of(report.set_aside, "value was", "values were")
        ));
    } else if report.conflicts > 0 {
        out.push_str(&format!(
            "  {} to settle (careerbook conflicts)\n",
            crate::text::count(report.conflicts, "conflict")
        ));
    }
    out
}

/// What `merge --format json` prints.
#[derive(serde::Serialize)]
struct Merged<'a> {
    file: String,
    added: usize,
    set_aside: usize,
    notes: &'a [String],
    kept: String,
    /// Whether FILE was removed from where it was (a conflict copy is).
    moved: bool,
}

pub fn merge(paths: &Paths, args: MergeArgs) -> Result<(), Failure> {
    let merged = copies::merge_copy(paths, &args.file, dates::today())
        .map_err(|e| Failure::runtime(format!("nothing was changed: {e}")))?;
    for problem in merged.backup_failed.iter().chain(&merged.left) {
        warn(problem);
    }
    let combined = &merged.combined;
    let json = Merged {
        file: args.file.display().to_string(),
        added: combined.added,
        set_aside: combined.conflicts,
        notes: &combined.notes,
        kept: merged.kept.display().to_string(),
        moved: merged.moved,
    };
    if args.format == Format::Json {
        return print_json(&json);
    }
    let mut out = super::backups::combined_report(&name_of(&args.file), combined);
    out.push_str(&format!(
        "the copy is kept as {} (careerbook restore lists it)\n",
        merged.kept.display()
    ));
    if !merged.moved && merged.left.is_none() {
        out.push_str(&format!(
            "{} is left where it was (only a conflict copy is moved)\n",
            args.file.display()
        ));
    }
    print(&out)
}

fn name_of(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// git's merge driver: the result goes over `ours`; what is worth telling
/// goes to stderr, which `careerbook sync` passes on (and git shows).
pub fn merge_driver(args: DriverArgs) -> Result<(), Failure> {
    let combined = copies::merge_driver(&args.base, &args.ours, &args.theirs, dates::today())
        .map_err(Failure::runtime)?;
    for note in &combined.notes {
        warn(note);
    }
    Ok(())
}
