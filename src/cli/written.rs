//! What a command that changes data prints, so every one answers a script the
//! same way (docs/architecture.md, "How a command that changes data prints").
//!
//! Text says what was done, for a person. `--format json` prints the records
//! as they were saved — read back from the session after the save, so ids and
//! normalised values are the stored ones — in the shape the matching list
//! command prints (`wins --format json`, `apps --format json`): one object for
//! one record, an object holding the list for a batch (`import apps`).

use super::{Failure, Format, print, print_json};
use crate::domain::Id;
use crate::domain::edit::Kind;

/// Prints what was saved: `json` for `Format::Json`, else `text()`.
pub fn print_written<J: serde::Serialize>(
    format: Format,
    json: &J,
    text: impl FnOnce() -> String,
) -> Result<(), Failure> {
    match format {
        Format::Json => print_json(json),
        Format::Text => print(&text()),
    }
}

/// The id the save gave the one `kind` record it added, to read it back.
pub fn added_id(added: &[(Kind, Id)], kind: Kind) -> Result<Id, Failure> {
    added
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|&(_, id)| id)
        .ok_or_else(|| Failure::runtime("the record was saved but cannot be read back"))
}
