//! `careerbook conflicts`: values changed in two places at once, and settling them.

use super::output::one_line;
use super::written::print_written;
use super::{
    Failure, Format, apply_and_save, open_for_reading, open_for_writing, print, print_json,
};
use crate::domain::Id;
use crate::domain::conflict::{self, Pick};
use crate::store::Paths;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(
    after_help = "A conflict is a field changed in two places at once (two windows, a window and \
                  a command, two machines) to different values. The value saved first was kept; \
                  the other is set aside until you pick.\n\n\
                  Examples:\n  careerbook conflicts\n  careerbook conflicts use 61\n  careerbook conflicts keep 61"
)]
pub struct ConflictsArgs {
    #[command(subcommand)]
    settle: Option<Settle>,
    /// text for people, json for scripts (also after `use` and `keep`)
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    format: Format,
}

#[derive(Debug, Subcommand)]
enum Settle {
    /// Put conflict ID's set-aside value in place of the kept one
    Use {
        /// The conflict, as `careerbook conflicts` lists it
        id: Id,
    },
    /// Keep the value in place; conflict ID's set-aside value goes
    Keep {
        /// The conflict, as `careerbook conflicts` lists it
        id: Id,
    },
}

pub fn conflicts(paths: &Paths, args: ConflictsArgs) -> Result<(), Failure> {
    match args.settle {
        Some(Settle::Use { id }) => settle(paths, id, Pick::SetAside, args.format),
        Some(Settle::Keep { id }) => settle(paths, id, Pick::Kept, args.format),
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
        for line in c.lines(wb) {
            text.push_str(&format!("    {}\n", one_line(&line)));
        }
    }
    text.push_str("settle one with: careerbook conflicts use ID  (or keep ID)\n");
    print(&text)
}

/// What `use`/`keep --format json` prints: the conflict settled and how.
#[derive(serde::Serialize)]
struct Settled<'a> {
    id: Id,
    about: &'a str,
    used: &'a str,
}

fn settle(paths: &Paths, id: Id, pick: Pick, format: Format) -> Result<(), Failure> {
    let mut session = open_for_writing(paths)?;
    let wb = session.workbook();
    let subject = wb
        .conflicts
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.short_subject())
        .unwrap_or_default();
    let edit = conflict::resolve(wb, id, pick).map_err(|e| Failure::usage(e.message))?;
    apply_and_save(&mut session, edit, |e| Failure::runtime(e.to_string()))?;
    let (used, text) = match pick {
        Pick::SetAside => (
            "set_aside",
            format!("used the set-aside value for {subject}\n"),
        ),
        Pick::Kept => ("kept", format!("kept {subject} as it is\n")),
    };
    let json = Settled {
        id,
        about: &subject,
        used,
    };
    print_written(format, &json, || text)
}
