//! Reading, parsing and atomically replacing `workbook.ron`.
//!
//! The save recipe: write a new temp file beside the workbook, `sync_all` it,
//! rename it over the workbook, then fsync the directory so the rename itself
//! is durable. A crash at any point leaves either the old or the new file whole.

use super::{Paths, StoreError, migrate};
use crate::domain::workbook::{CURRENT_VERSION, Workbook};
use serde::Deserialize;
use std::fs::{self, DirBuilder, File, OpenOptions, Permissions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// A workbook larger than this is refused before it is read: it is surely not
/// ours, and reading it whole could exhaust memory.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// What a parse found, beyond the workbook itself.
#[derive(Debug)]
pub enum Parsed {
    /// The current format.
    Current(Workbook),
    /// An older format, migrated in memory; the caller backs up and saves.
    Migrated { from: u32, workbook: Workbook },
    /// A newer format that this build could still read; it must stay read-only.
    Newer { found: u32, workbook: Workbook },
}

/// Creates the data directory (and `backups/`) owner-only if missing, and makes
/// an existing one owner-only too.
pub fn ensure_dirs(paths: &Paths) -> Result<(), StoreError> {
    for dir in [&paths.dir, &paths.backups] {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| StoreError::io("create the directory", dir, e))?;
        let owner_only = Permissions::from_mode(0o700);
        let current = fs::metadata(dir).map_err(|e| StoreError::io("inspect", dir, e))?;
        if current.permissions().mode() & 0o777 != 0o700 {
            fs::set_permissions(dir, owner_only)
                .map_err(|e| StoreError::io("make owner-only", dir, e))?;
        }
    }
    Ok(())
}

/// The bytes of `path`, or `None` when it does not exist. Refuses oversized files
/// without reading them.
pub fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io("open", path, e)),
    };
    let size = file
        .metadata()
        .map_err(|e| StoreError::io("inspect", path, e))?
        .len();
    if size > MAX_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: MAX_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while we read it.
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io("read", path, e))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: MAX_BYTES,
        });
    }
    Ok(Some(bytes))
}

/// Parses workbook bytes, checking the format version first.
pub fn parse(path: &Path, bytes: &[u8], steps: &[migrate::Step]) -> Result<Parsed, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(&bytes[..e.valid_up_to()]);
        damaged(path, line, column, "the file is not valid UTF-8 text")
    })?;
    // Parse once with today's types; only when that fails (or the version is
    // not ours) is the version read on its own, to say why.
    let full = read_ron::<Workbook>(path, text);
    let version = match &full {
        Ok(workbook) => workbook.version,
        Err(_) => probe_version(path, text)?,
    };
    if version > CURRENT_VERSION {
        return match full {
            Ok(workbook) => Ok(Parsed::Newer {
                found: version,
                workbook,
            }),
            Err(_) => Err(StoreError::Newer {
                path: path.to_path_buf(),
                found: version,
                supported: CURRENT_VERSION,
            }),
        };
    }
    if version < CURRENT_VERSION {
        let upgraded = migrate::upgrade(text, version, CURRENT_VERSION, steps)
            .map_err(|message| damaged(path, 1, 1, &message))?;
        let workbook = checked(path, read_ron(path, &upgraded)?)?;
        return Ok(Parsed::Migrated {
            from: version,
            workbook,
        });
    }
    Ok(Parsed::Current(checked(path, full?)?))
}

/// Rejects what parses but cannot be right, such as two records sharing an id.
fn checked(path: &Path, mut workbook: Workbook) -> Result<Workbook, StoreError> {
    workbook
        .settle()
        .map_err(|message| damaged(path, 1, 1, &message))?;
    Ok(workbook)
}

/// Reads only the `version` field, so a newer file is recognised even when the
/// rest of it uses fields this build does not know.
fn probe_version(path: &Path, text: &str) -> Result<u32, StoreError> {
    #[derive(Deserialize)]
    struct Probe {
        version: u32,
    }
    read_ron::<Probe>(path, text).map(|probe| probe.version)
}

fn read_ron<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, StoreError> {
    ron::Options::default().from_str(text).map_err(|e| {
        damaged(
            path,
            e.span.start.line,
            e.span.start.col,
            &e.code.to_string(),
        )
    })
}

fn damaged(path: &Path, line: usize, column: usize, message: &str) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        line,
        column,
        message: message.trim_end_matches('.').to_string(),
        backup: None,
    }
}

/// 1-based line and column just after `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = 1 + prefix.iter().filter(|&&b| b == b'\n').count();
    let last_line = prefix.rsplit(|&b| b == b'\n').next().unwrap_or(prefix);
    let column = 1 + String::from_utf8_lossy(last_line).chars().count();
    (line, column)
}

/// The workbook as the RON text careerbook writes: `version` first, one field per
/// line, four-space indent, so people can read and edit it.
pub fn to_bytes(workbook: &Workbook) -> Result<Vec<u8>, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        // Apostrophes and accents stay as typed; quotes make a raw string.
        .escape_strings(false);
    let mut text =
        ron::ser::to_string_pretty(workbook, config).map_err(|e| StoreError::ReadOnly {
            reason: format!("the workbook could not be written as RON ({e})"),
        })?;
    text.push('\n');
    Ok(text.into_bytes())
}

/// Replaces `target` with `bytes` atomically (temp file, fsync, rename, fsync dir).
/// On failure the old file is untouched and no temp file is left behind.
pub fn write_atomic(dir: &Path, target: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let temp = dir.join(format!(
        "{}{}.{}",
        Paths::TEMP_PREFIX,
        std::process::id(),
        unique_suffix()
    ));
    let result = write_temp(&temp, bytes)
        .and_then(|()| fs::rename(&temp, target).map_err(|e| StoreError::io("replace", target, e)));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
        return result;
    }
    sync_dir(dir)
}

fn write_temp(temp: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(temp)
        .map_err(|e| StoreError::io("create", temp, e))?;
    file.write_all(bytes)
        .map_err(|e| StoreError::io("write", temp, e))?;
    file.sync_all()
        .map_err(|e| StoreError::io("flush to disk", temp, e))
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io("flush the directory", dir, e))
}

fn unique_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Removes temp files left by a save that was interrupted. Call only while
/// holding the lock: then no save can be in progress.
pub fn sweep_temp_files(paths: &Paths) -> Result<usize, StoreError> {
    let entries = fs::read_dir(&paths.dir).map_err(|e| StoreError::io("list", &paths.dir, e))?;
    let mut removed = 0;
    for entry in entries.flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(Paths::TEMP_PREFIX)
        {
            fs::remove_file(entry.path())
                .map_err(|e| StoreError::io("remove", &entry.path(), e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Identifies one version of a file cheaply: an atomic save always makes a new
/// inode, so a changed stamp means the file may have changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    inode: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

/// The stamp of `path`, or `None` if it does not exist (or cannot be inspected).
pub fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(path).ok()?;
    Some(Stamp {
        inode: meta.ino(),
        len: meta.len(),
        modified: meta.modified().ok(),
    })
}

/// Whether any leftover temp file exists (checked without the lock).
pub fn has_temp_files(paths: &Paths) -> bool {
    fs::read_dir(&paths.dir)
        .map(|entries| {
            entries.flatten().any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(Paths::TEMP_PREFIX)
            })
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        assert_eq!(line_column(b""), (1, 1));
        assert_eq!(line_column("ab\ncé".as_bytes()), (2, 3));
    }

    #[test]
    fn awkward_text_survives_a_round_trip_unescaped() {
        use crate::domain::impact::{Category, Win};
        let awkward = [
            "Priya's \"quoted\" win",
            "back\\slash and r#\"raw\"# and \"#",
            "two\nlines\tand a tab",
            "accents: café, naïve, 日本",
            "control \u{1} char",
        ];
        let mut workbook = Workbook::default();
        for (i, title) in awkward.iter().enumerate() {
            workbook.impact.wins.push(Win {
                id: i as u64 + 1,
                date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"),
                title: "t".into(),
                category: Category::Other,
                metric: None,
                notes: Some(title.to_string()),
                tags: Vec::new(),
                link: None,
            });
        }
        workbook.next_id = 10;
        let bytes = to_bytes(&workbook).expect("serialize");
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        assert!(
            text.contains("Priya's"),
            "apostrophes are not escaped:\n{text}"
        );
        match parse(Path::new("w.ron"), &bytes, &[]).expect("parses back") {
            Parsed::Current(back) => assert_eq!(back, workbook),
            other => panic!("expected current, got {other:?}"),
        }
    }

    #[test]
    fn garbage_is_damaged_with_a_position() {
        let err = parse(Path::new("w.ron"), b"(version: 1,\n  next_id: nope)", &[]).unwrap_err();
        match err {
            // ron points at the value `nope` (column 12) or the space before it.
            StoreError::Damaged { line, column, .. } => {
                assert_eq!(line, 2);
                assert!((11..=12).contains(&column), "column {column}");
            }
            other => panic!("expected Damaged, got {other:?}"),
        }
    }
}
