//! `careerbook conflicts`: values changed here and elsewhere, and picking one.

use super::written::print_written;
use super::{
    Failure, Format, apply_and_save, open_for_reading, open_for_writing, print, print_json,
};
use crate::domain::Id;
use crate::domain::conflict::{self, Pick};
use crate::store::Paths;
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Args)]
#[command(
    after_help = "A conflict is a field two windows (or two machines) both changed to different \
                  values. The workbook keeps theirs; yours waits here until you pick.\n\n\
                  Examples:\n  careerbook conflicts\n  careerbook conflicts pick 61 mine"
)]
pub struct ConflictsArgs {
    #[command(subcommand)]
    pick: Option<PickCommand>,
    /// text for people, json for scripts (also after `pick`)
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    format: Format,
}

#[derive(Debug, Subcommand)]
enum PickCommand {
    /// Settle conflict ID: `mine` puts your value back, `theirs` keeps the one in place
    Pick { id: Id, side: Side },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Side {
    Mine,
    Theirs,
}

pub fn conflicts(paths: &Paths, args: ConflictsArgs) -> Result<(), Failure> {
    match args.pick {
        Some(PickCommand::Pick { id, side }) => pick(paths, id, side, args.format),
        None => list(paths, args.format),
    }
}

fn list(paths: &Paths, format: Format) -> Result<(), Failure> {
    let session = open_for_reading(paths)?;
    let wb = session.workbook();
    if format == Format::Json {
        return print_json(&conflict::rows(wb));
    }
    if wb.conflicts.is_empty() {
        return print("no conflicts\n");
    }
    let mut text = String::new();
    for c in &wb.conflicts {
        text.push_str(&format!(
            "{}  {}  (found {})\n",
            c.id,
            c.subject(wb),
            c.date
        ));
        for line in c.lines() {
            text.push_str(&format!("    {line}\n"));
        }
    }
    text.push_str("pick one with: careerbook conflicts pick ID mine|theirs\n");
    print(&text)
}

/// What `pick --format json` prints: the conflict settled and the side kept.
#[derive(serde::Serialize)]
struct Picked<'a> {
    id: Id,
    about: &'a str,
    kept: &'a str,
}

fn pick(paths: &Paths, id: Id, side: Side, format: Format) -> Result<(), Failure> {
    let mut session = open_for_writing(paths)?;
    let wb = session.workbook();
    let pick = match side {
        Side::Mine => Pick::Mine,
        Side::Theirs => Pick::Theirs,
    };
    let subject = wb
        .conflicts
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.subject(wb))
        .unwrap_or_default();
    let edit = conflict::resolve(wb, id, pick).map_err(|e| Failure::usage(e.message))?;
    apply_and_save(&mut session, edit, |e| Failure::runtime(e.to_string()))?;
    let word = match side {
        Side::Mine => "mine",
        Side::Theirs => "theirs",
    };
    let json = Picked {
        id,
        about: &subject,
        kept: word,
    };
    print_written(format, &json, || format!("kept {word} for {subject}\n"))
}
