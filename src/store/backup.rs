//! Copies of the workbook under `backups/`: one a day before the first save
//! (rotating, bounded), and one before every migration and restore (kept).

use super::digest::AsRead;
use super::disk::{Disk, RealDisk};
use super::file::{self, write_atomic};
use super::{Paths, StoreError, journal};
use chrono::{Local, NaiveDateTime};
use std::fs;
use std::path::{Path, PathBuf};

/// How many daily automatic backups are kept; older ones are removed.
pub const KEEP_AUTO: usize = 14;

/// Why a backup was taken; part of its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The daily copy taken before the first save of the day.
    Auto,
    /// Before upgrading a file from an older format.
    PreMigrate,
    /// Before `restore` replaced the workbook.
    PreRestore,
    /// A workbook that could not be read, moved aside by `restore`.
    Damaged,
    /// Edits that could not be saved when careerbook closed.
    Unsaved,
    /// Before an edit that added thousands of records at once (an import).
    PreBulk,
    /// The file the edits of an `unsaved` backup started from, so restoring
    /// them can merge them into a workbook that moved on since.
    UnsavedBase,
    /// A file-sync tool's conflict copy, after `careerbook merge` folded it in.
    ConflictCopy,
}

impl Reason {
    pub fn tag(self) -> &'static str {
        match self {
            Reason::Auto => "auto",
            Reason::PreMigrate => "pre-migrate",
            Reason::PreRestore => "pre-restore",
            Reason::Damaged => "damaged",
            Reason::Unsaved => "unsaved",
            Reason::PreBulk => "pre-import",
            Reason::UnsavedBase => "unsaved-base",
            Reason::ConflictCopy => "conflict-copy",
        }
    }

    fn from_tag(tag: &str) -> Option<Self> {
        [
            Reason::Auto,
            Reason::PreMigrate,
            Reason::PreRestore,
            Reason::Damaged,
            Reason::Unsaved,
            Reason::PreBulk,
            Reason::UnsavedBase,
            Reason::ConflictCopy,
        ]
        .into_iter()
        .find(|r| r.tag() == tag)
    }
}

/// One file in `backups/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub name: String,
    pub taken: NaiveDateTime,
    pub reason: Reason,
    pub size: u64,
}

const STAMP: &str = "%Y%m%d-%H%M%S";

/// Writes `bytes` as a new backup and returns its path.
pub fn write(
    disk: &dyn Disk,
    paths: &Paths,
    bytes: &[u8],
    reason: Reason,
) -> Result<PathBuf, StoreError> {
    write_as(disk, paths, bytes, reason, "ron")
}

/// Writes a backup named `workbook-<time>-<reason>.<extension>`. Only `.ron`
/// files are workbooks that `restore` lists; a journal kept aside is not one.
fn write_as(
    disk: &dyn Disk,
    paths: &Paths,
    bytes: &[u8],
    reason: Reason,
    extension: &str,
) -> Result<PathBuf, StoreError> {
    file::ensure_dirs(paths)?;
    let stamp = Local::now().naive_local().format(STAMP).to_string();
    let tag = reason.tag();
    let mut target = paths
        .backups
        .join(format!("workbook-{stamp}-{tag}.{extension}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = paths
            .backups
            .join(format!("workbook-{stamp}-{tag}-{n}.{extension}"));
    }
    write_atomic(disk, &paths.backups, &target, bytes)?;
    Ok(target)
}

/// Like [`write`], unless a backup for `reason` already holds exactly these
/// bytes: then that one is named. An upgrade that cannot be saved (a file
/// made immutable, say) would otherwise leave one more copy at every start.
pub fn keep_once(
    disk: &dyn Disk,
    paths: &Paths,
    bytes: &[u8],
    reason: Reason,
) -> Result<PathBuf, StoreError> {
    match kept_already(paths, bytes, reason)? {
        Some(kept) => Ok(kept),
        None => write(disk, paths, bytes, reason),
    }
}

/// A backup taken for `reason` holding exactly `bytes`, if there is one.
pub fn kept_already(
    paths: &Paths,
    bytes: &[u8],
    reason: Reason,
) -> Result<Option<PathBuf>, StoreError> {
    Ok(list(paths)?
        .into_iter()
        .find(|b| {
            b.reason == reason
                && b.size == bytes.len() as u64
                && fs::read(&b.path).is_ok_and(|kept| kept == bytes)
        })
        .map(|b| b.path))
}

/// Every backup, newest first. Files that are not ours are ignored.
pub fn list(paths: &Paths) -> Result<Vec<Backup>, StoreError> {
    let entries = match fs::read_dir(&paths.backups) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io("list", &paths.backups, e)),
    };
    let mut backups: Vec<Backup> = entries
        .flatten()
        .filter_map(|entry| describe(&entry.path()))
        .collect();
    backups.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| b.name.cmp(&a.name)));
    Ok(backups)
}

fn describe(path: &Path) -> Option<Backup> {
    let name = path.file_name()?.to_str()?.to_string();
    let stem = name.strip_prefix("workbook-")?.strip_suffix(".ron")?;
    let taken = NaiveDateTime::parse_from_str(stem.get(..15)?, STAMP).ok()?;
    let tag = stem.get(16..)?;
    let tag = tag.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
    let reason = Reason::from_tag(tag)?;
    let size = fs::metadata(path).ok()?.len();
    Some(Backup {
        path: path.to_path_buf(),
        name,
        taken,
        reason,
        size,
    })
}

/// The newest backup that parses as a workbook this build can open.
pub fn newest_good(paths: &Paths) -> Option<Backup> {
    list(paths).ok()?.into_iter().find(|b| is_good(&b.path))
}

/// Whether the file at `path` reads as a workbook.
pub fn is_good(path: &Path) -> bool {
    matches!(file::read_bytes(path), Ok(Some(bytes)) if file::parse(path, &bytes, super::migrate::STEPS).is_ok())
}

/// Whether today's automatic backup has been taken.
pub fn taken_today(paths: &Paths) -> bool {
    let today = Local::now().date_naive();
    list(paths).is_ok_and(|backups| {
        backups
            .iter()
            .any(|b| b.reason == Reason::Auto && b.taken.date() == today)
    })
}

/// Takes today's automatic backup of `current` unless one exists, then trims
/// the automatic backups to [`KEEP_AUTO`].
pub fn daily(disk: &dyn Disk, paths: &Paths, current: &[u8]) -> Result<(), StoreError> {
    if !taken_today(paths) {
        write(disk, paths, current, Reason::Auto)?;
    }
    trim(disk, paths, Reason::Auto, KEEP_AUTO)
}

/// How many `pre-import` backups are kept (each import of 1,000 records or
/// more takes one).
pub const KEEP_PRE_IMPORT: usize = 5;

/// Removes all but the newest `keep` backups taken for `reason`.
pub fn trim(disk: &dyn Disk, paths: &Paths, reason: Reason, keep: usize) -> Result<(), StoreError> {
    for old in list(paths)?
        .iter()
        .filter(|b| b.reason == reason)
        .skip(keep)
    {
        disk.remove_file(&old.path)
            .map_err(|e| StoreError::io("remove the old backup", &old.path, e))?;
    }
    Ok(())
}

/// Keeps edits that could not be saved: `workbook` as it was in memory
/// (`unsaved`), beside `base`, the file those edits started from
/// (`unsaved-base`), so that [`restore`] can merge them into whatever the
/// workbook has become since instead of replacing it.
pub fn keep_unsaved(
    disk: &dyn Disk,
    paths: &Paths,
    workbook: &[u8],
    base: Option<&[u8]>,
) -> Result<PathBuf, StoreError> {
    let kept = write(disk, paths, workbook, Reason::Unsaved)?;
    if let Some(base) = base {
        // Best effort: without it, restoring replaces the workbook instead.
        let _ = write_atomic(disk, &paths.backups, &base_of(&kept), base);
    }
    Ok(kept)
}

/// Where the base of an `unsaved` backup is kept.
fn base_of(unsaved: &Path) -> PathBuf {
    let name = unsaved.file_name().unwrap_or_default().to_string_lossy();
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    unsaved.with_file_name(format!("{stem}-base.ron"))
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// The previous workbook (the journal's edits in it), kept as a backup of
    /// its own, or the damaged file.
    pub kept: Option<PathBuf>,
    /// The journal, kept aside as it was when it could not be folded into
    /// `kept` (the workbook or the journal could not be read).
    pub journal: Option<PathBuf>,
    /// For an `unsaved` backup: its edits merged into the current workbook
    /// (nothing saved since is lost), rather than the workbook replaced.
    pub merged: Option<crate::domain::combine::Combined>,
}

/// Puts back the backup called `name`, first keeping the current file
/// (readable or not) as a backup of its own, and retires the journal, whose
/// edits that copy holds. An `unsaved` backup is merged into the current
/// workbook, field by field, from the file its edits started from; any other
/// backup replaces the workbook.
pub fn restore(paths: &Paths, name: &str) -> Result<Restored, String> {
    let backup = list(paths)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|b| b.name == name)
        .ok_or_else(|| {
            format!("there is no backup called {name:?}; `careerbook restore` lists them")
        })?;
    let bytes = file::read_bytes(&backup.path)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{} has disappeared", backup.path.display()))?;
    file::parse(&backup.path, &bytes, super::migrate::STEPS)
        .map_err(|e| format!("that backup cannot be used: {e}"))?;
    let _lock =
        super::lock::Lock::acquire(&paths.lock, super::lock::WAIT).map_err(|e| e.to_string())?;
    let current = file::read_bytes(&paths.workbook).map_err(|e| e.to_string())?;
    let pending = file::read_bytes(&paths.journal).map_err(|e| e.to_string())?;
    let now = as_read(paths, current.as_deref(), pending.as_deref());
    let (kept, journal) = keep_current(
        paths,
        current.as_deref(),
        pending.as_deref(),
        now.as_deref(),
    )
    .map_err(|e| e.to_string())?;
    let merged = match (backup.reason, &now) {
        (Reason::Unsaved, Some(now)) => merge_unsaved(paths, &backup.path, &bytes, now)?,
        _ => None,
    };
    let bytes = match &merged {
        Some(combined) => file::to_bytes(&combined.workbook).map_err(|e| e.to_string())?,
        None => bytes,
    };
    let target = file::save_target(&paths.workbook).map_err(|e| e.to_string())?;
    let journal_len = pending.as_ref().map(|j| j.len() as u64);
    let as_read = AsRead::bytes(current.as_deref());
    journal::replace_workbook(&RealDisk, paths, &target, &bytes, journal_len, as_read)
        .and_then(|()| file::sync_dir(&RealDisk, file::parent_dir(&target)))
        .map_err(|e| e.to_string())?;
    if pending.is_some() {
        // One that stays is inert: its last line names the restored file.
        let _ = journal::remove(&RealDisk, &paths.journal);
    }
    Ok(Restored {
        kept,
        journal,
        merged,
    })
}

/// The workbook as careerbook reads it now, the journal's edits in it, as
/// one file; `None` when the workbook or the journal cannot be read.
fn as_read(paths: &Paths, current: Option<&[u8]>, pending: Option<&[u8]>) -> Option<Vec<u8>> {
    let current = current?;
    file::parse(&paths.workbook, current, super::migrate::STEPS).ok()?;
    match pending {
        None => Some(current.to_vec()),
        Some(pending) => journal::parse(&paths.journal, pending.to_vec())
            .and_then(|j| journal::folded(paths, super::migrate::STEPS, current, &j))
            .ok(),
    }
}

/// Keeps what a restore replaces: the workbook as careerbook reads it (`now`)
/// as `pre-restore`; or, when that cannot be read, the workbook file as it is
/// (`damaged`) and the journal beside it. Returns the two copies' paths.
fn keep_current(
    paths: &Paths,
    current: Option<&[u8]>,
    pending: Option<&[u8]>,
    now: Option<&[u8]>,
) -> Result<(Option<PathBuf>, Option<PathBuf>), StoreError> {
    if let Some(now) = now {
        return Ok((
            Some(write(&RealDisk, paths, now, Reason::PreRestore)?),
            None,
        ));
    }
    let kept = match current {
        Some(current) => Some(write(&RealDisk, paths, current, Reason::Damaged)?),
        None => None,
    };
    let journal = match pending {
        Some(pending) => Some(write_as(
            &RealDisk,
            paths,
            pending,
            Reason::Damaged,
            "journal",
        )?),
        None => None,
    };
    Ok((kept, journal))
}

/// The edits of an `unsaved` backup merged into `current`, when its base is
/// there and both copies can be read; `None` to replace the workbook instead.
fn merge_unsaved(
    paths: &Paths,
    unsaved_path: &Path,
    unsaved: &[u8],
    current: &[u8],
) -> Result<Option<crate::domain::combine::Combined>, String> {
    let read = |path: &Path, bytes: &[u8]| match file::parse(path, bytes, super::migrate::STEPS) {
        Ok(file::Parsed::Current(wb) | file::Parsed::Migrated { workbook: wb, .. }) => Some(wb),
        _ => None,
    };
    let base_path = base_of(unsaved_path);
    let Some(base) = file::read_bytes(&base_path)
        .ok()
        .flatten()
        .and_then(|b| read(&base_path, &b))
    else {
        return Ok(None);
    };
    let (Some(ours), Some(theirs)) = (read(unsaved_path, unsaved), read(&paths.workbook, current))
    else {
        return Ok(None);
    };
    let today = crate::domain::dates::today();
    crate::domain::combine::combine(Some(&base), &ours, &theirs, today)
        .map(Some)
        .map_err(|e| format!("the unsaved edits could not be merged: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_describe() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::in_dir(dir.path());
        let first = write(&RealDisk, &paths, b"one", Reason::PreRestore).expect("backup");
        let second = write(&RealDisk, &paths, b"two", Reason::PreRestore)
            .expect("second backup, same second");
        assert_ne!(
            first, second,
            "two backups in one second get distinct names"
        );
        let listed = list(&paths).expect("list");
        assert_eq!(listed.len(), 2);
        assert!(
            listed
                .iter()
                .all(|b| b.reason == Reason::PreRestore && b.size == 3)
        );
    }

    #[test]
    fn daily_backup_is_taken_once_a_day_and_bounded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::in_dir(dir.path());
        daily(&RealDisk, &paths, b"v1").expect("first daily");
        daily(&RealDisk, &paths, b"v2").expect("second daily, same day");
        let autos: Vec<_> = list(&paths)
            .expect("list")
            .into_iter()
            .filter(|b| b.reason == Reason::Auto)
            .collect();
        assert_eq!(autos.len(), 1, "only one automatic backup per day");
        assert_eq!(fs::read(&autos[0].path).expect("read backup"), b"v1");

        // Pretend twenty older days of backups exist; the daily pass trims them.
        for day in 1..=20 {
            let name = format!("workbook-202001{day:02}-120000-auto.ron");
            fs::write(paths.backups.join(name), b"old").expect("seed old backup");
        }
        daily(&RealDisk, &paths, b"v3").expect("daily with many old");
        let autos = list(&paths)
            .expect("list")
            .into_iter()
            .filter(|b| b.reason == Reason::Auto)
            .count();
        assert_eq!(autos, KEEP_AUTO);
    }

    #[test]
    fn restore_keeps_the_damaged_file_and_refuses_bad_backups() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::in_dir(dir.path());
        file::ensure_dirs(&paths).expect("dirs");
        let good = b"(version: 1, next_id: 1)\n";
        let good_name = write(&RealDisk, &paths, good, Reason::Auto).expect("good backup");
        let bad_name =
            write(&RealDisk, &paths, b"(version: 1, oops", Reason::Auto).expect("bad backup");
        fs::write(&paths.workbook, b"garbage").expect("damage the workbook");

        let bad = bad_name.file_name().and_then(|n| n.to_str()).expect("name");
        assert!(
            restore(&paths, bad).is_err(),
            "an unreadable backup is refused"
        );
        assert_eq!(
            fs::read(&paths.workbook).expect("read"),
            b"garbage",
            "and nothing changed"
        );

        let name = good_name
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name");
        let kept = restore(&paths, name)
            .expect("restore")
            .kept
            .expect("the damaged file was kept");
        assert_eq!(fs::read(&paths.workbook).expect("read"), good);
        assert_eq!(fs::read(&kept).expect("read kept"), b"garbage");
        assert!(kept.to_string_lossy().contains("-damaged"));
    }
}
