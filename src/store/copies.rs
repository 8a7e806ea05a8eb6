//! Whole copies of the workbook that come from elsewhere, combined with the
//! workbook record by record (`domain::combine`): the three files git hands
//! its merge driver, and a conflict copy a file-sync tool left beside the
//! workbook (`careerbook merge FILE`). And the two steps every such
//! combination takes under the lock: reading the workbook whole, and
//! replacing it whole.

use super::backup::{self, Reason};
use super::digest::AsRead;
use super::disk::{Disk, RealDisk};
use super::file::{self, Parsed};
use super::journal;
use super::lock::{self, Lock};
use super::{Paths, StoreError, migrate};
use crate::domain::combine::{self, Combined};
use crate::domain::workbook::{CURRENT_VERSION, Workbook};
use chrono::NaiveDate;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Reads a copy of a workbook from `path`, upgraded in memory when it is
/// older. `whose` names it in messages ("the other copy"). A copy that is
/// damaged, or written by a newer careerbook (whose fields this build would
/// drop), is refused.
pub fn read_copy(path: &Path, whose: &str) -> Result<Workbook, String> {
    let bytes = file::read_bytes(path)
        .map_err(|e| format!("{whose} cannot be read: {e}"))?
        .ok_or_else(|| format!("{whose} ({}) does not exist", path.display()))?;
    parse_other(path, &bytes, whose)
}

/// Parses `bytes`, this machine's own workbook, as [`read_copy`] does.
pub fn parse_copy(path: &Path, bytes: &[u8], whose: &str) -> Result<Workbook, String> {
    match file::parse(path, bytes, migrate::STEPS) {
        Ok(Parsed::Current(wb) | Parsed::Migrated { workbook: wb, .. }) => Ok(wb),
        Ok(Parsed::Newer { found, .. }) | Err(StoreError::Newer { found, .. }) => {
            Err(newer(whose, found))
        }
        Err(e) => Err(format!("{whose} cannot be read: {e}")),
    }
}

/// Parses `bytes`, a copy from elsewhere (the other machine's, a conflict
/// copy), as [`read_copy`] does: a damaged one is said to be that copy,
/// with the user's own workbook untouched (its backups are no help there).
pub fn parse_other(path: &Path, bytes: &[u8], whose: &str) -> Result<Workbook, String> {
    match file::parse(path, bytes, migrate::STEPS) {
        Err(StoreError::Damaged { at, message, .. }) => Err(format!(
            "{whose} is damaged ({}): your own workbook is untouched and nothing was merged \
             from that copy; fix the copy by hand (docs/data-format.md describes the file), or \
             take another one",
            super::error::fault(at, &message)
        )),
        _ => parse_copy(path, bytes, whose),
    }
}

fn newer(whose: &str, found: u32) -> String {
    format!(
        "{whose} was written by a newer careerbook (format version {found}; this one knows \
         version {CURRENT_VERSION}), so it cannot be merged here without losing what this one \
         does not know: update careerbook on this machine"
    )
}

/// git's merge driver (`careerbook merge-driver %O %A %B`): combines `ours`
/// (this machine's copy) with `theirs` (the other machine's), from `base`,
/// their common ancestor, and writes the result over `ours`. An empty base
/// (both added the file, as on a second machine's first sync) means there is
/// none. Nothing is written when either copy is refused.
pub fn merge_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    today: NaiveDate,
) -> Result<Combined, String> {
    let mine = read_copy(ours, "this machine's copy of the workbook")?;
    let other = read_copy(theirs, "the other machine's copy of the workbook")?;
    let ancestor = match file::read_bytes(base).map_err(|e| e.to_string())? {
        Some(bytes) if !bytes.iter().all(u8::is_ascii_whitespace) => {
            Some(parse_other(base, &bytes, "the copy both started from")?)
        }
        _ => None,
    };
    let combined = combine::combine(ancestor.as_ref(), &mine, &other, today)
        .map_err(|e| format!("the two copies could not be merged: {e}"))?;
    let bytes = checked_bytes(&combined.workbook, ours)?;
    fs::write(ours, bytes).map_err(|e| format!("could not write {}: {e}", ours.display()))?;
    Ok(combined)
}

/// The combined workbook as the bytes careerbook writes, if it can open them again.
fn checked_bytes(wb: &Workbook, path: &Path) -> Result<Vec<u8>, String> {
    let bytes = file::to_bytes(wb).map_err(|e| e.to_string())?;
    let limit = file::max_bytes();
    if bytes.len() as u64 > limit {
        return Err(StoreError::WouldBeTooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit,
        }
        .to_string());
    }
    Ok(bytes)
}

/// What `careerbook merge FILE` did.
#[derive(Debug)]
pub struct CopyMerged {
    pub combined: Combined,
    /// Where the copy is kept now, as a backup.
    pub kept: PathBuf,
    /// Whether the copy was removed from where it was (only a conflict copy is).
    pub moved: bool,
    /// Why the copy could not be removed from where it was, if it could not.
    pub left: Option<String>,
    pub backup_failed: Option<String>,
}

/// Folds `copy` (a conflict copy a file-sync tool left) into the workbook,
/// field by field: what only the copy holds is added, values that differ are
/// set aside as conflicts, nothing is deleted. The copy is kept as a backup
/// (`conflict-copy`); a conflict copy is removed from where it was, so it is
/// not merged twice, and any other file is left where it is. Another
/// careerbook's live workbook is refused (see [`refuse_live`]), and so is
/// anything but a regular file, before it is opened.
pub fn merge_copy(paths: &Paths, copy: &Path, today: NaiveDate) -> Result<CopyMerged, String> {
    merge_copy_with_disk(paths, copy, today, &RealDisk)
}

/// [`merge_copy`] with the copy kept as a backup through `disk`: for tests
/// that have another program write the workbook meanwhile.
pub fn merge_copy_with_disk(
    paths: &Paths,
    copy: &Path,
    today: NaiveDate,
    disk: &dyn Disk,
) -> Result<CopyMerged, String> {
    match fs::metadata(copy) {
        Ok(meta) => {
            if let Some(why) = super::export::not_plain(&meta) {
                return Err(format!("{} cannot be merged: {why}", copy.display()));
            }
        }
        Err(_) => return Err(format!("there is no file {}", copy.display())),
    }
    if same_file(copy, &paths.workbook) {
        return Err(format!(
            "{} is the workbook itself; name the conflict copy beside it",
            copy.display()
        ));
    }
    refuse_live(copy, paths)?;
    let bytes = file::read_bytes(copy)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("there is no file {}", copy.display()))?;
    let theirs_copy = parse_other(copy, &bytes, &format!("the copy {}", copy.display()))?;
    // Merged once, its records are in the workbook: again, they would be
    // added again under new ids wherever ids had to change.
    if let Some(kept) =
        backup::kept_already(paths, &bytes, Reason::ConflictCopy).map_err(|e| e.to_string())?
    {
        return Err(format!(
            "{} was merged already (it is kept as {})",
            copy.display(),
            kept.display()
        ));
    }
    file::ensure_dirs(paths).map_err(|e| e.to_string())?;
    let _lock = Lock::acquire(&paths.lock, lock::WAIT).map_err(|e| e.to_string())?;
    let read = read_whole(paths).map_err(|e| e.to_string())?;
    let in_place = match &read {
        Some(current) => parse_copy(&paths.workbook, current, "the workbook")?,
        None => Workbook::default(),
    };
    // The workbook in place keeps its values; the copy's differing ones wait.
    let combined = combine::combine(None, &theirs_copy, &in_place, today)
        .map_err(|e| format!("the copy could not be merged: {e}"))?;
    let merged = checked_bytes(&combined.workbook, &paths.workbook)?;
    let kept = backup::write(disk, paths, &bytes, Reason::ConflictCopy)
        .map_err(|e| format!("nothing was merged: the copy could not be kept as a backup: {e}"))?;
    let backup_failed = match replace_whole(paths, read.as_deref(), &merged) {
        Ok(backup_failed) => backup_failed,
        Err(err) => {
            // Kept, the copy would be taken as merged already next time.
            let _ = fs::remove_file(&kept);
            return Err(match err {
                StoreError::ChangedWhileSaving { path } => format!(
                    "another program changed {} while the copy was being merged into it, so \
                     nothing was merged; merge the copy again",
                    path.display()
                ),
                err => err.to_string(),
            });
        }
    };
    let moved = is_conflict_copy(copy) && !copy.starts_with(&paths.backups);
    let left = match moved {
        false => None,
        true => fs::remove_file(copy).err().map(|e| {
            format!(
                "{} could not be removed ({e}); remove it yourself",
                copy.display()
            )
        }),
    };
    Ok(CopyMerged {
        combined,
        kept,
        moved: moved && left.is_none(),
        left,
        backup_failed,
    })
}

/// Whether the file's name is one a file-sync tool gives a conflict copy:
/// Syncthing's `workbook.sync-conflict-….ron`, Dropbox's and Nextcloud's
/// "conflicted copy", ownCloud's `_conflict-`.
fn is_conflict_copy(copy: &Path) -> bool {
    copy.file_name()
        .is_some_and(|n| n.to_string_lossy().to_lowercase().contains("conflict"))
}

/// Refuses a file that is another careerbook's live workbook: one named
/// `workbook.ron`, or (unless its name says it is a conflict copy) one
/// with a journal, a lock or a git repository beside it, outside our own
/// data directory. Taking it would move it from under that careerbook
/// (which then starts afresh) and miss the edits its journal holds.
fn refuse_live(copy: &Path, ours: &Paths) -> Result<(), String> {
    let real = fs::canonicalize(copy).unwrap_or_else(|_| copy.to_path_buf());
    let dir = file::parent_dir(&real).to_path_buf();
    let there = Paths::in_dir(&dir);
    let named = real.file_name() == there.workbook.file_name();
    let beside = !same_file(&dir, &ours.dir)
        && [&there.journal, &there.lock, &dir.join(".git")]
            .into_iter()
            .any(|p| fs::symlink_metadata(p).is_ok());
    if !named && (!beside || is_conflict_copy(&real)) {
        return Ok(());
    }
    Err(format!(
        "{} is the workbook of another careerbook data directory ({}), or lies beside its \
         journal, lock or git repository; careerbook merge takes only copies. Copy it first, \
         with every edit in it: `careerbook --data-dir {} compact`, then `cp {} \
         other-workbook.ron`, and merge the copy",
        copy.display(),
        dir.display(),
        dir.display(),
        real.display()
    ))
}

/// Whether `a` and `b` are one file (by device and inode, so a link or a
/// second name is caught).
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// The workbook's bytes as careerbook reads them, every saved edit in the
/// file itself: a journal beside it is folded in first (and removed), as a
/// command's fold does. `None` when there is no workbook. Call while holding
/// the lock.
pub(crate) fn read_whole(paths: &Paths) -> Result<Option<Vec<u8>>, StoreError> {
    let current = file::read_bytes(&paths.workbook)?;
    let Some(journal) = journal::read(&paths.journal)? else {
        return Ok(current);
    };
    let Some(current) = current else {
        return Err(StoreError::Orphaned {
            workbook: paths.workbook.clone(),
            journal: paths.journal.clone(),
        });
    };
    if journal.is_newer() {
        return Err(StoreError::Newer {
            path: paths.journal.clone(),
            found: journal.version(),
            supported: CURRENT_VERSION,
        });
    }
    let folded = journal::folded(paths, migrate::STEPS, &current, &journal)?;
    // The day's backup holds the workbook as read, the journal's edits in it.
    let _ = backup::daily(&RealDisk, paths, &folded);
    let as_read = AsRead::bytes(Some(&current));
    write_over(paths, &folded, Some(journal.bytes.len() as u64), as_read)?;
    Ok(Some(folded))
}

/// Replaces the workbook with `bytes`, atomically, after the day's backup of
/// the workbook it replaces. Call while holding the lock. `made_from`: the
/// workbook as [`read_whole`] read it when `bytes` were made from it (`None`:
/// there was none); if another program (an editor, a file-sync tool, which
/// take no lock) wrote it since, nothing is written (`ChangedWhileSaving`).
/// A failed backup does not stop the write; it is returned to be reported.
pub(crate) fn replace_whole(
    paths: &Paths,
    made_from: Option<&[u8]>,
    bytes: &[u8],
) -> Result<Option<String>, StoreError> {
    let old = read_whole(paths)?;
    if old.as_deref() != made_from {
        return Err(StoreError::ChangedWhileSaving {
            path: paths.workbook.clone(),
        });
    }
    let as_read = AsRead::bytes(old.as_deref());
    let backup_failed = old.and_then(|old| {
        backup::daily(&RealDisk, paths, &old)
            .err()
            .map(|e| format!("the daily backup failed: {e}"))
    });
    // A journal left (one whose removal failed) is made inert, never replayed.
    let journal = file::read_bytes(&paths.journal)?.map(|j| j.len() as u64);
    write_over(paths, bytes, journal, as_read)?;
    Ok(backup_failed)
}

/// Writes `bytes` as the workbook, retiring the journal of `journal` bytes
/// if there is one, unless the workbook is no longer `as_read` (see
/// `journal::replace_workbook`).
fn write_over(
    paths: &Paths,
    bytes: &[u8],
    journal: Option<u64>,
    as_read: AsRead,
) -> Result<(), StoreError> {
    let target = file::save_target(&paths.workbook)?;
    journal::replace_workbook(&RealDisk, paths, &target, bytes, journal, as_read)?;
    file::sync_dir(&RealDisk, file::parent_dir(&target))?;
    if journal.is_some() {
        // One that stays is inert: its last line names the new workbook.
        let _ = journal::remove(&RealDisk, &paths.journal);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::edit::Kind;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
    }

    /// A workbook in format version 1 (conflicts did not exist yet) with two wins.
    const VERSION_1: &str = r#"(version: 1, next_id: 3, impact: (wins: [
        (id: 1, date: "2026-11-02", title: "one", category: revenue),
        (id: 2, date: "2026-11-03", title: "two", category: revenue),
    ]))"#;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, text).expect("write");
        path
    }

    fn current(text: &str) -> String {
        let wb: Workbook = parse_copy(Path::new("x"), text.as_bytes(), "x").expect("parses");
        String::from_utf8(file::to_bytes(&wb).expect("bytes")).expect("utf-8")
    }

    #[test]
    fn the_driver_merges_an_older_format_with_the_current_one() {
        let dir = tempfile::tempdir().expect("dir");
        let base = write(dir.path(), "base", VERSION_1);
        // This machine still has the version 1 file and retitled win 1; the
        // other machine upgraded it and added a win.
        let ours = write(
            dir.path(),
            "ours",
            &VERSION_1.replace("\"one\"", "\"one, here\""),
        );
        let other = current(VERSION_1).replace(
            "    ],",
            "        (id: 3, date: \"2026-11-20\", title: \"three\", category: revenue),\n    ],",
        );
        let theirs = write(
            dir.path(),
            "theirs",
            &other.replace("next_id: 3", "next_id: 4"),
        );
        let combined = merge_driver(&base, &ours, &theirs, today()).expect("merges");
        let written = read_copy(&ours, "result").expect("the result is a workbook");
        assert_eq!(
            written.version, CURRENT_VERSION,
            "written in the current format"
        );
        let titles: Vec<&str> = written
            .impact
            .wins
            .iter()
            .map(|w| w.title.as_str())
            .collect();
        assert_eq!(titles, ["one, here", "two", "three"]);
        assert_eq!(written, combined.workbook);
    }

    #[test]
    fn the_driver_refuses_a_newer_copy_and_writes_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let base = write(dir.path(), "base", VERSION_1);
        let ours = write(dir.path(), "ours", VERSION_1);
        let newer = format!(
            "(version: {}, next_id: 3, hovercraft: true)",
            CURRENT_VERSION + 1
        );
        let theirs = write(dir.path(), "theirs", &newer);
        let err = merge_driver(&base, &ours, &theirs, today()).unwrap_err();
        assert!(
            err.starts_with(
                "the other machine's copy of the workbook was written by a newer careerbook"
            ),
            "{err}"
        );
        assert!(err.contains("update careerbook on this machine"), "{err}");
        assert_eq!(
            fs::read_to_string(&ours).expect("read"),
            VERSION_1,
            "untouched"
        );
    }

    #[test]
    fn an_empty_base_is_no_base() {
        let dir = tempfile::tempdir().expect("dir");
        let base = write(dir.path(), "base", "");
        let ours = write(dir.path(), "ours", VERSION_1);
        let theirs = write(
            dir.path(),
            "theirs",
            &VERSION_1.replace("\"two\"", "\"deux\""),
        );
        let combined = merge_driver(&base, &ours, &theirs, today()).expect("merges");
        // Without a base, win 2 under two names is two wins: nothing deleted.
        let wb = &combined.workbook;
        assert_eq!(Kind::Win.ids(wb).len(), 3, "{:?}", wb.impact.wins);
    }

    #[test]
    fn a_conflict_copy_is_merged_kept_as_a_backup_and_removed() {
        let dir = tempfile::tempdir().expect("dir");
        let paths = Paths::in_dir(dir.path());
        file::ensure_dirs(&paths).expect("dirs");
        fs::write(&paths.workbook, current(VERSION_1)).expect("workbook");
        let copy_text = VERSION_1.replace(
            "    ]))",
            "        (id: 3, date: \"2026-11-21\", title: \"from the laptop\", category: revenue),\n    ]))",
        );
        let copy = write(
            dir.path(),
            "workbook.sync-conflict-20261126-101010-ABCDEFG.ron",
            &copy_text,
        );
        let merged = merge_copy(&paths, &copy, today()).expect("merges");
        assert_eq!(merged.combined.added, 1);
        let wb = read_copy(&paths.workbook, "workbook").expect("reads");
        assert_eq!(wb.impact.wins[2].title, "from the laptop");
        assert!(!copy.exists(), "the copy is gone from beside the workbook");
        assert_eq!(fs::read_to_string(&merged.kept).expect("kept"), copy_text);
        assert!(merged.kept.starts_with(&paths.backups));
        // The workbook itself is refused as its own copy.
        let err = merge_copy(&paths, &paths.workbook, today()).unwrap_err();
        assert!(err.contains("is the workbook itself"), "{err}");
    }
}
