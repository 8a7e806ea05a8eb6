//! Reading, parsing and atomically replacing `workbook.ron`.
//!
//! The save recipe: write a new temp file beside the workbook, `sync_all` it,
//! rename it over the workbook, then fsync the directory so the rename itself
//! is durable. A crash at any point leaves either the old or the new file whole.

mod line;
mod locate;
mod split;

use super::disk::Disk;
use super::{Paths, StoreError, migrate};
use crate::domain::workbook::{BadValue, CURRENT_VERSION, Workbook};
use serde::Deserialize;
use std::fs::{self, DirBuilder, File, Permissions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// A workbook larger than this is refused before it is read: it is surely not
/// ours, and reading it whole could exhaust memory. The same limit stops a
/// save, so careerbook never writes a file it would refuse to open.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The limit in force: [`MAX_BYTES`]. Debug builds let a test lower it with
/// `CAREERBOOK_DEBUG_MAX_BYTES`, so the limit can be reached without
/// building a 64 MB file; release builds contain no such switch.
pub fn max_bytes() -> u64 {
    #[cfg(debug_assertions)]
    if let Some(limit) = std::env::var("CAREERBOOK_DEBUG_MAX_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return limit;
    }
    MAX_BYTES
}

fn too_large(path: &Path, size: u64, limit: u64) -> StoreError {
    StoreError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
        backup: None,
    }
}

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

/// Creates the data directory and `backups/` owner-only where missing. An
/// existing data directory is the person's (a shared `/tmp`, a synced folder,
/// a link to elsewhere): its mode is left alone, and [`loose_directory`] says
/// when others can read it. `backups/` is careerbook's own, so it is made
/// owner-only even if it exists (but never through a link).
pub fn ensure_dirs(paths: &Paths) -> Result<(), StoreError> {
    for dir in [&paths.dir, &paths.backups] {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| StoreError::io("create the directory", dir, e))?;
    }
    let backups = fs::symlink_metadata(&paths.backups)
        .map_err(|e| StoreError::io("inspect", &paths.backups, e))?;
    if backups.is_dir() && backups.permissions().mode() & 0o777 != 0o700 {
        fs::set_permissions(&paths.backups, Permissions::from_mode(0o700))
            .map_err(|e| StoreError::io("make owner-only", &paths.backups, e))?;
    }
    Ok(())
}

/// A warning when others can read or enter the data directory. careerbook's
/// files in it are owner-only anyway; the directory is not changed.
pub fn loose_directory(paths: &Paths) -> Option<String> {
    let mode = fs::metadata(&paths.dir).ok()?.permissions().mode() & 0o7777;
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} can be listed by other users (mode {mode:04o}); careerbook's files in it are \
             yours alone, and the directory is left as it is (`chmod 700` it to hide the names too)",
            paths.dir.display()
        )
    })
}

/// The bytes of `path`, or `None` when it does not exist. Refuses oversized files
/// without reading them.
pub fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(read_stamped(path)?.map(|(bytes, _)| bytes))
}

/// The bytes of `path` and the stamp of the very file they were read from
/// (another may have been renamed over `path` since), or `None` when it does
/// not exist. Refuses oversized files without reading them.
pub fn read_stamped(path: &Path) -> Result<Option<(Vec<u8>, Stamp)>, StoreError> {
    let file = match File::open(path) {
        Ok(file) => file,
        // A link to a missing file (on a drive not mounted, say) is not "no
        // workbook yet": creating one would replace the link.
        Err(e) if e.kind() == ErrorKind::NotFound && is_link(path) => {
            return Err(StoreError::io("follow the link", path, e));
        }
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io("open", path, e)),
    };
    let meta = file
        .metadata()
        .map_err(|e| StoreError::io("inspect", path, e))?;
    let size = meta.len();
    let limit = max_bytes();
    if size > limit {
        return Err(too_large(path, size, limit));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while we read it.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io("read", path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, bytes.len() as u64, limit));
    }
    Ok(Some((bytes, Stamp::of(&meta))))
}

/// Parses workbook bytes, checking the format version first.
pub fn parse(path: &Path, bytes: &[u8], steps: &[migrate::Step]) -> Result<Parsed, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(&bytes[..e.valid_up_to()]);
        damaged(path, line, column, "the file is not valid UTF-8 text")
    })?;
    // Some editors start a file with a byte-order mark; it carries no data.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(damaged(path, 1, 1, "the file is empty"));
    }
    // Parse once with today's types; only when that fails is the version read
    // on its own, to say why (a newer file, or one to upgrade). If even the
    // version cannot be read, the full parse's error explains more: it names a
    // misspelt `version`, say.
    // A file in careerbook's own layout is read by a quicker road, on every
    // core when large; ron reads anything else, and explains any error.
    let quick = split::parse(text).map(Ok);
    let (version, full) = match quick.unwrap_or_else(|| read_ron::<Workbook>(path, text)) {
        Ok(workbook) => (workbook.version, Ok(workbook)),
        Err(err) => match probe_version(path, text) {
            Ok(version) => (version, Err(err)),
            Err(_) => return Err(err),
        },
    };
    if version > CURRENT_VERSION {
        return match full {
            // Read-only, so ids are never handed out; but it is shown, so
            // every value must be one this build can compute with.
            Ok(workbook) => match workbook.check_ranges() {
                Ok(()) => Ok(Parsed::Newer {
                    found: version,
                    workbook,
                }),
                Err(bad) => Err(refused(path, Some(text), &bad)),
            },
            Err(_) => Err(StoreError::Newer {
                path: path.to_path_buf(),
                found: version,
                supported: CURRENT_VERSION,
            }),
        };
    }
    if version < CURRENT_VERSION {
        // A failed upgrade has no one place in the file to point at.
        let (upgraded, kept) = migrate::upgrade(text, version, CURRENT_VERSION, steps)
            .map_err(|message| damaged_at(path, None, &message))?;
        // Positions in the upgraded text are the user's file's only if every
        // step kept them; otherwise none is given.
        let parsed = read_ron(path, &upgraded).map_err(|err| match kept {
            true => err,
            false => unplaced(err),
        })?;
        let workbook = checked(path, kept.then_some(upgraded.as_str()), parsed)?;
        return Ok(Parsed::Migrated {
            from: version,
            workbook,
        });
    }
    Ok(Parsed::Current(checked(path, Some(text), full?)?))
}

/// Rejects what parses but cannot be right: a value outside the ranges
/// careerbook computes with, or two records sharing an id. The error points
/// at the value in `text`, when that is the text the user wrote.
fn checked(
    path: &Path,
    text: Option<&str>,
    mut workbook: Workbook,
) -> Result<Workbook, StoreError> {
    workbook.settle().map_err(|bad| refused(path, text, &bad))?;
    Ok(workbook)
}

/// A value refused after parsing, as a damaged-file error naming its field
/// and, when it can be found in `text`, its line and column.
fn refused(path: &Path, text: Option<&str>, bad: &BadValue) -> StoreError {
    let at = text.and_then(|text| locate::locate(text, &bad.path.0));
    damaged_at(path, at, &bad.to_string())
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

/// Deserializes `text`; an error names the line, the column and the field it
/// happened in (`impact.wins[2].date`), since ron's own message often names
/// only the type.
pub(super) fn read_ron<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<T, StoreError> {
    // Tracking the field path costs a good part of a parse, so it is only
    // done again, to explain, when the plain parse fails.
    match ron::Options::default().from_str(text) {
        Ok(value) => Ok(value),
        Err(_) => read_ron_explained(path, text),
    }
}

fn read_ron_explained<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<T, StoreError> {
    let options = ron::Options::default();
    let spanned = |e: ron::error::SpannedError, field: &str| {
        let message = match describe(&e.code) {
            text if field.is_empty() || field == "." => text,
            text => format!("in {field}: {text}"),
        };
        damaged(path, e.span.start.line, e.span.start.col, &message)
    };
    let mut de =
        ron::Deserializer::from_str_with_options(text, &options).map_err(|e| spanned(e, ""))?;
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        // `?` stands for a field whose name was not read yet (a syntax error).
        let field = e.path().to_string().replace(".?", "").replace('?', "");
        spanned(de.span_error(e.into_inner()), &field)
    })?;
    de.end().map_err(|e| spanned(de.span_error(e), ""))?;
    Ok(value)
}

/// ron's message, reworded where it speaks to programmers rather than to
/// someone editing their workbook.
fn describe(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            "values are nested too deeply to be a workbook".to_string()
        }
        ron::Error::ExpectedOption => {
            "expected an optional value here: Some(...) or None".to_string()
        }
        ron::Error::ExpectedComma => {
            "expected a comma here (is one missing just before, perhaps at the end of the line above?)".to_string()
        }
        // chrono's words for a date it cannot read: "input is out of range"
        // (the 31st of November) says nothing to a person editing a file.
        ron::Error::Message(message) if is_date_error(message) => format!(
            "not a date careerbook can read ({message}): dates are written \"YYYY-MM-DD\", \
             like \"2026-11-26\", and must exist (no 31 November)"
        ),
        ron::Error::IntegerOutOfBounds => {
            "this whole number is out of range here (below zero, or far too large)".to_string()
        }
        ron::Error::InvalidValueForType { expected, found } if expected.contains("Decimal") => {
            format!(
                "{found} is not a number careerbook reads: write it in quotes with a dot \
                 before any cents, without commas or a currency sign, like \"46000.50\""
            )
        }
        other => other.to_string(),
    }
}

/// Whether `message` is chrono's for a date string it could not read.
fn is_date_error(message: &str) -> bool {
    [
        "input is out of range",
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is not enough for unique date and time",
    ]
    .contains(&message)
}

/// The same error without a position (one found in text the person did not write).
fn unplaced(err: StoreError) -> StoreError {
    match err {
        StoreError::Damaged {
            path,
            message,
            backup,
            ..
        } => StoreError::Damaged {
            path,
            at: None,
            message,
            backup,
        },
        other => other,
    }
}

fn damaged(path: &Path, line: usize, column: usize, message: &str) -> StoreError {
    damaged_at(path, Some((line, column)), message)
}

fn damaged_at(path: &Path, at: Option<(usize, usize)>, message: &str) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        at,
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

/// The workbook as the RON text careerbook writes: `version` first, each section
/// and list opened on lines of their own, one record per line inside, so people
/// can read and edit it.
pub fn to_bytes(workbook: &Workbook) -> Result<Vec<u8>, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        // Control characters (ESC, NUL, a bidi override pasted from a job
        // post) are written as escapes, never raw: `cat workbook.ron` must not
        // hand them to a terminal. Line breaks in a note become `\n`, so a
        // record stays on one line. Accents stay as typed, and apostrophes
        // too (see `tidy_escapes`).
        .escape_strings(true)
        // Below the lists, each record is written on one line of its own:
        // half the bytes of one field per line, so large workbooks load and
        // save in half the time, and a record is still easy to find and copy.
        .depth_limit(3);
    let mut text = ron::ser::to_string_pretty(workbook, config)
        .map(tidy_escapes)
        .map_err(|e| StoreError::ReadOnly {
            reason: format!("the workbook could not be written as RON ({e})"),
        })?;
    text.push('\n');
    Ok(text.into_bytes())
}

/// RON text with the escapes people do not need taken out again: inside a
/// string ron's escaping writes `'` as `\'`, which reads back the same as `'`
/// (so `Priya's` stays `Priya's`). Everything else — `\"`, `\\`, `\n`,
/// `\u{1b}` — is kept.
pub(crate) fn tidy_escapes(text: String) -> String {
    if !text.contains("\\'") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match (in_string, c) {
            (true, '\\') => match chars.next() {
                Some('\'') => out.push('\''),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            (_, '"') => {
                in_string = !in_string;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Where the workbook's bytes really live: `workbook` itself or, when it is a
/// symbolic link (into a synced folder, say), the file the link leads to.
/// Saves replace that file, so the link survives; renaming over the link would
/// turn it into a plain file and leave its target behind, stale.
pub fn save_target(workbook: &Path) -> Result<PathBuf, StoreError> {
    if !is_link(workbook) {
        return Ok(workbook.to_path_buf());
    }
    fs::canonicalize(workbook).map_err(|e| StoreError::io("follow the link", workbook, e))
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

/// The directory holding `file`: where its temp file goes, and what is flushed.
pub fn parent_dir(file: &Path) -> &Path {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Replaces `target` with `bytes` atomically (temp file, fsync, rename, fsync dir).
/// On failure the old file is untouched and no temp file is left behind, unless
/// only the final directory flush failed: then `target` already holds `bytes`.
pub fn write_atomic(
    disk: &dyn Disk,
    dir: &Path,
    target: &Path,
    bytes: &[u8],
) -> Result<(), StoreError> {
    replace(disk, dir, target, bytes)?;
    sync_dir(disk, dir)
}

/// The first half of [`write_atomic`]: writes and flushes a temp file, then
/// renames it over `target`. The rename is durable only after [`sync_dir`].
pub fn replace(disk: &dyn Disk, dir: &Path, target: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let temp = stage(disk, dir, target, bytes)?;
    put_in_place(disk, &temp, target)
}

/// Writes `bytes` to a new temp file in `dir` and flushes it: the file that
/// [`put_in_place`] then renames over `target`. On failure no temp file is
/// left behind.
pub fn stage(
    disk: &dyn Disk,
    dir: &Path,
    target: &Path,
    bytes: &[u8],
) -> Result<PathBuf, StoreError> {
    let temp = dir.join(format!(
        "{}{}.{}",
        Paths::TEMP_PREFIX,
        std::process::id(),
        unique_suffix()
    ));
    match write_temp(disk, &temp, target, bytes) {
        Ok(()) => Ok(temp),
        Err(err) => {
            discard(disk, &temp);
            Err(err)
        }
    }
}

/// Renames a staged temp file over `target`; if that fails, the temp file goes.
pub fn put_in_place(disk: &dyn Disk, temp: &Path, target: &Path) -> Result<(), StoreError> {
    let result = disk
        .rename(temp, target)
        .map_err(|e| StoreError::io("replace", target, e));
    if result.is_err() {
        discard(disk, temp);
    }
    result
}

/// Removes a temp file that will not be used. Best effort: what cannot be
/// removed now is swept at the next start.
pub fn discard(disk: &dyn Disk, temp: &Path) {
    let _ = disk.remove_file(temp);
}

/// Errors name `target`, the file the user knows, rather than the temp file.
fn write_temp(disk: &dyn Disk, temp: &Path, target: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = disk
        .create_new(temp)
        .map_err(|e| StoreError::io("create a temporary file to save", target, e))?;
    disk.write_all(&mut file, bytes)
        .map_err(|e| StoreError::io("write", target, e))?;
    disk.sync_file(&file)
        .map_err(|e| StoreError::io("flush to disk", target, e))
}

/// Flushes `dir`, making a rename inside it survive a crash.
pub fn sync_dir(disk: &dyn Disk, dir: &Path) -> Result<(), StoreError> {
    disk.sync_dir(dir)
        .map_err(|e| StoreError::io("flush the directory", dir, e))
}

fn unique_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Removes temp files left by a save that was interrupted, beside the workbook
/// or in `backups/`. Call only while holding the lock: then no save can be in
/// progress.
pub fn sweep_temp_files(paths: &Paths) -> Result<usize, StoreError> {
    let temps = temp_files(paths);
    for temp in &temps {
        fs::remove_file(temp).map_err(|e| StoreError::io("remove", temp, e))?;
    }
    Ok(temps.len())
}

/// Temp files in the data directory, in `backups/` (a backup is saved the same
/// way), and beside the file a linked workbook leads to.
fn temp_files(paths: &Paths) -> Vec<PathBuf> {
    let linked = save_target(&paths.workbook)
        .ok()
        .map(|target| parent_dir(&target).to_path_buf());
    let mut dirs: Vec<PathBuf> = [paths.dir.clone(), paths.backups.clone()]
        .into_iter()
        .chain(linked)
        .filter_map(|dir| fs::canonicalize(dir).ok())
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs.iter()
        .filter_map(|dir| fs::read_dir(dir).ok())
        .flat_map(|entries| entries.flatten())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(Paths::TEMP_PREFIX)
        })
        .map(|e| e.path())
        .collect()
}

/// Identifies one version of a file cheaply: an atomic save always makes a new
/// inode, so a changed stamp means the file may have changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub inode: u64,
    pub len: u64,
    /// Nanoseconds since 1970 (0 where the file system keeps no time).
    pub modified: u64,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        Stamp {
            inode: meta.ino(),
            len: meta.len(),
            modified,
        }
    }
}

/// The stamp of `path`, or `None` if it does not exist (or cannot be inspected).
pub fn stamp(path: &Path) -> Option<Stamp> {
    fs::metadata(path).ok().map(|meta| Stamp::of(&meta))
}

/// Whether any leftover temp file exists (checked without the lock).
pub fn has_temp_files(paths: &Paths) -> bool {
    !temp_files(paths).is_empty()
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
    fn awkward_text_survives_a_round_trip_and_never_reaches_a_terminal_raw() {
        use crate::domain::impact::{Category, Win};
        let awkward = [
            "Priya's \"quoted\" win",
            "back\\slash and r#\"raw\"# and \"#",
            "two\nlines\tand a tab",
            "accents: café, naïve, 日本",
            "control \u{1} char",
            "an ESC[2J \u{1b}[2J, a bidi override \u{202e}, a NUL \u{0}",
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
            text.contains("Priya's \\\"quoted\\\" win"),
            "apostrophes are not escaped:\n{text}"
        );
        assert!(text.contains("café, naïve, 日本"), "accents as typed");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "no control character is written raw:\n{text}"
        );
        let records = text.lines().filter(|l| l.contains("(id: ")).count();
        assert_eq!(records, awkward.len(), "one record per line:\n{text}");
        match parse(Path::new("w.ron"), &bytes, &[]).expect("parses back") {
            Parsed::Current(back) => assert_eq!(back, workbook),
            other => panic!("expected current, got {other:?}"),
        }
    }

    #[test]
    fn a_hand_edit_serde_words_badly_is_explained_in_words() {
        let good = "(\n    version: 2,\n    impact: (wins: [(id: 1, date: \"2026-11-26\", title: \"x\")]),\n    runway: (accounts: [(id: 2, name: \"Checking\", balance: \"46000\", as_of: \"2026-11-26\")]),\n)\n";
        let message = |from: &str, to: &str| {
            let text = good.replacen(from, to, 1);
            assert_ne!(text, good);
            match parse(Path::new("w.ron"), text.as_bytes(), migrate::STEPS) {
                Err(StoreError::Damaged { message, .. }) => message,
                other => panic!("{from} → {to}: {other:?}"),
            }
        };
        let no_such_day = message("2026-11-26", "2026-11-31");
        assert!(
            no_such_day.starts_with("in impact.wins[0].date: not a date careerbook can read")
                && no_such_day.contains("\"YYYY-MM-DD\""),
            "{no_such_day}"
        );
        let below_zero = message("id: 1,", "id: -4,");
        assert_eq!(
            below_zero,
            "in impact.wins[0].id: this whole number is out of range here (below zero, or far too large)"
        );
        let with_commas = message("\"46000\"", "\"46,000\"");
        assert!(
            with_commas.starts_with(
                "in runway.accounts[0].balance: the string \"46,000\" is not a number"
            ) && with_commas.contains("\"46000.50\""),
            "{with_commas}"
        );
    }

    #[test]
    fn an_out_of_range_value_is_damaged_at_its_field() {
        let text = "(\n    version: 1,\n    runway: (withholding: \"79228162514264337593543950335\"),\n)\n";
        let err = parse(Path::new("w.ron"), text.as_bytes(), migrate::STEPS).unwrap_err();
        // Line 3 is `    runway: (withholding: "7922…"),`: the value starts at column 27.
        let StoreError::Damaged {
            at: Some((3, 27)),
            ref message,
            ..
        } = err
        else {
            panic!("expected Damaged at 3:27, got {err:?}");
        };
        assert_eq!(
            message,
            "in runway.withholding: 79228162514264337593543950335 is not a rate from 0 to 1 (0% to 100%)"
        );
        assert!(
            err.to_string()
                .contains("cannot be read: line 3, column 27: in runway.withholding: "),
            "{err}"
        );
        // A newer file is read-only, but shown: it is refused the same way.
        let newer = text.replace("version: 1", "version: 9");
        let err = parse(Path::new("w.ron"), newer.as_bytes(), &[]).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Damaged {
                    at: Some((3, 27)),
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn a_fault_without_a_position_says_none() {
        let err = damaged_at(Path::new("w.ron"), None, "upgrading failed.");
        assert_eq!(
            err.to_string(),
            "w.ron cannot be read: upgrading failed. The file was left untouched and there is no \
             good backup; fix the file by hand (docs/data-format.md describes it)."
        );
    }

    #[test]
    fn garbage_is_damaged_with_a_position() {
        let err = parse(
            Path::new("w.ron"),
            b"(version: 1,\n  next_id: nope)",
            migrate::STEPS,
        )
        .unwrap_err();
        match err {
            // ron points at the value `nope` (column 12) or the space before it.
            StoreError::Damaged {
                at: Some((line, column)),
                ..
            } => {
                assert_eq!(line, 2);
                assert!((11..=12).contains(&column), "column {column}");
            }
            other => panic!("expected Damaged, got {other:?}"),
        }
    }
}
