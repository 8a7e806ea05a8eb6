//! The recovery note a crash leaves beside the workbook, owner-only like
//! everything else careerbook writes there.

use super::Paths;
use chrono::Local;
use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

/// Writes `note` as `crash-<stamp>.txt` in the data directory.
pub fn write(paths: &Paths, note: &str) -> std::io::Result<PathBuf> {
    let stamp = Local::now().format("%Y%m%d-%H%M%S");
    let path = paths.dir.join(format!("crash-{stamp}.txt"));
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&path)?
        .write_all(note.as_bytes())?;
    Ok(path)
}
