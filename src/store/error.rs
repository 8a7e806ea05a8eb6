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

    #[error("{} is {}, more than the {} a workbook may be; it was not read. Is this the right file?{}", path.display(), size_text(*size), size_text(*limit), restore_hint(backup.as_deref()))]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
        /// The newest backup that can be read, to offer instead.
        backup: Option<PathBuf>,
    },

    #[error("with this change the workbook would be {}, more than the {} careerbook can open again, so it was not written ({} is unchanged); add fewer records at a time", size_text(*size), size_text(*limit), path.display())]
    WouldBeTooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },

    // Said both when such a file is shown read-only and when it cannot be
    // read at all (fields this build does not know): true in either case.
    #[error("{} was written by a newer careerbook (format version {found}; this build knows version {supported}), so this build changes nothing in it; update careerbook to edit it.", path.display())]
    Newer {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("{holder} was saving the workbook ({}) and {}", path.display(), if *stopped { format!("you stopped waiting after {seconds} s") } else { format!("did not finish within {seconds} seconds") })]
    Busy {
        /// The lock file.
        path: PathBuf,
        /// Who holds the lock, as it wrote itself into the lock file.
        holder: String,
        seconds: u64,
        /// The person stopped waiting (rather than the wait running out).
        stopped: bool,
    },

    #[error("{} is missing, but {} holds edits made to it since it was last written whole; nothing was changed. Put the workbook back (`careerbook restore` lists the backups and restores one), or remove {} to start afresh.", workbook.display(), journal.display(), journal.display())]
    Orphaned { workbook: PathBuf, journal: PathBuf },

    #[error("not saved: {reason}")]
    ReadOnly { reason: String },

    // What happened comes before the path: a narrow status line cuts the end.
    #[error("another program changed {} while careerbook was saving, so nothing was written; the edit is kept, and saving again merges it with that change", path.display())]
    ChangedWhileSaving { path: PathBuf },
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
/// What is wrong in a damaged file, and where: `line 1, column 42: …`.
pub(crate) fn fault(at: Option<(usize, usize)>, message: &str) -> String {
    format!("{}{message}", position(at))
}

fn position(at: Option<(usize, usize)>) -> String {
    match at {
        Some((line, column)) => format!("line {line}, column {column}: "),
        None => String::new(),
    }
}

/// A size as a person reads it, rounded up, so a file just over a limit
/// never reads as equal to it: `68 MB`, `1.3 MB`, `80 KB`.
fn size_text(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    match bytes {
        b if b >= 10 * MB => format!("{} MB", b.div_ceil(MB)),
        b if b >= MB => {
            let tenths = b.div_ceil(MB / 10);
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
        b => format!("{} KB", b.div_ceil(1024)),
    }
}

fn restore_hint(backup: Option<&Path>) -> String {
    match backup {
        Some(path) => format!(
            " The newest good backup is {}; `careerbook restore` lists backups and restores one.",
            path.display()
        ),
        None => String::new(),
    }
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

#[cfg(test)]
mod tests {
    use super::size_text;

    #[test]
    fn sizes_round_up_so_just_over_a_limit_never_reads_as_equal() {
        assert_eq!(size_text(64 * 1024 * 1024), "64 MB");
        assert_eq!(size_text(64 * 1024 * 1024 + 1), "65 MB");
        assert_eq!(size_text(1024 * 1024 + 1), "1.1 MB");
        assert_eq!(size_text(20_000), "20 KB");
        assert_eq!(size_text(20_481), "21 KB");
    }
}
