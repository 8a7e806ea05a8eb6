//! `workbook.renumbered`: the records of this machine a sync gave new ids
//! (the other machine had given the same ids to records of its own), one
//! JSON line each, oldest first. A session open during the sync reads it
//! when it next loads the workbook, so its unsaved edits, its undo and an
//! edit still being typed follow their record instead of landing on the
//! other machine's (`domain::moved` decides which moves concern it). It
//! stays on this machine (`.gitignore`) and keeps the last [`KEEP`] moves.

use super::disk::RealDisk;
use super::{Paths, StoreError, file};
use crate::domain::Id;
use crate::domain::edit::Kind;
use crate::domain::moved::Move;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The file's name in the data directory.
pub const NAME: &str = "workbook.renumbered";

/// How many moves are kept: far more than a session open across a few syncs needs.
const KEEP: usize = 500;

#[derive(Serialize, Deserialize)]
struct Line {
    kind: Kind,
    from: Id,
    to: Id,
}

fn path(paths: &Paths) -> PathBuf {
    paths.dir.join(NAME)
}

/// The moves recorded, oldest first. A missing or unreadable file holds
/// none: it only ever helps an open session follow its records.
pub fn read(paths: &Paths) -> Vec<Move> {
    let Ok(Some(bytes)) = file::read_bytes(&path(paths)) else {
        return Vec::new();
    };
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter_map(|l| serde_json::from_str::<Line>(l).ok())
        .map(|l| (l.kind, l.from, l.to))
        .collect()
}

/// Adds `moves` to the file, atomically. Call holding the workbook lock.
pub fn record(paths: &Paths, moves: &[Move]) -> Result<(), StoreError> {
    if moves.is_empty() {
        return Ok(());
    }
    let mut all = read(paths);
    all.extend_from_slice(moves);
    let start = all.len().saturating_sub(KEEP);
    let mut text = String::new();
    for &(kind, from, to) in &all[start..] {
        let line = serde_json::to_string(&Line { kind, from, to })
            .map_err(|e| StoreError::io("write", &path(paths), std::io::Error::other(e)))?;
        text.push_str(&line);
        text.push('\n');
    }
    file::write_atomic(&RealDisk, &paths.dir, &path(paths), text.as_bytes())
}
