//! Everything that can go wrong between careerbook and its file, in words a user can act on.

use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("{} cannot be read: {}{message}.{}", path.display(), position(*at), backup_hint(backup.as_deref()))]
    Damaged {
        path: PathBuf,
        /// The 1-based line and column of the fault, when it has one in the
        /// file's text (a failed upgrade, say, has none).
        at: Option<(usize, usize)>,
        message: String,
        backup: Option<PathBuf>,
    },

    #[error("{} is {} MB, more than the {} MB a workbook may be; it was not read. Is this the right file?", path.display(), megabytes(*size), megabytes(*limit))]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },

    #[error("{} was written by a newer careerbook (format version {found}; this build knows version {supported}). It is open read-only so nothing it holds is lost; update careerbook to edit it.", path.display())]
    Newer {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("another careerbook is saving {} right now and did not finish within {seconds} seconds; nothing was changed, try again", path.display())]
    Busy { path: PathBuf, seconds: u64 },

    #[error("not saved: {reason}")]
    ReadOnly { reason: String },
}

impl StoreError {
    pub(crate) fn io(action: &'static str, path: &Path, source: io::Error) -> Self {
        Self::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// `line 3, column 7: `, or nothing when the fault has no position.
fn position(at: Option<(usize, usize)>) -> String {
    match at {
        Some((line, column)) => format!("line {line}, column {column}: "),
        None => String::new(),
    }
}

/// Whole megabytes, rounded up, so a file just over the limit never reads as equal to it.
fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

fn backup_hint(backup: Option<&Path>) -> String {
    match backup {
        Some(path) => format!(
            " The file was left untouched. The newest good backup is {}; `careerbook restore` lists backups and restores one.",
            path.display()
        ),
        None => " The file was left untouched and there is no good backup; fix the file by hand (docs/data-format.md describes it).".into(),
    }
}
