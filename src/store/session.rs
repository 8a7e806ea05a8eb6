//! A workbook open for reading and editing: the one path by which edits reach disk.
//!
//! Each edit is applied in memory and saved at once. Saving takes the lock,
//! re-reads the file, and if another process changed it since we read it,
//! rebuilds from that newer file and re-applies our unsaved edits on top, so
//! nothing the other process wrote is lost. A save that fails keeps the edit
//! in memory (and on the undo stack) and is retried, whole, with the next save.

use super::backup::{self, Reason};
use super::disk::{Disk, RealDisk};
use super::file::{self, Parsed};
use super::lock::{self, Lock, Waiter};
use super::{Paths, StoreError, migrate};
use crate::domain::edit::{Edit, EditError, Kind, Merge, Outcome};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, dates};
use chrono::NaiveDate;

/// How many edits `undo` can step back through.
pub const UNDO_DEPTH: usize = 100;

/// An edit adding at least this many records (an import) is preceded by a
/// backup of the file as it was, kept apart from the daily ones.
pub const BULK_RECORDS: usize = 1000;

/// How a session is opened.
#[derive(Clone, Copy, Debug, Default)]
pub struct OpenOptions {
    /// Write an empty workbook when none exists (the TUI does; read-only commands do not).
    pub create: bool,
    /// Hold the lock from open until the session ends: for a command that reads,
    /// edits and saves once, so nobody can write in between.
    pub hold_lock: bool,
}

/// One applied edit.
#[derive(Debug)]
struct Entry {
    edit: Edit,
    inverse: Edit,
    saved: bool,
    /// An undo is itself an edit, but undo never steps back through it.
    is_undo: bool,
    undone: bool,
}

/// An edit that was applied: the ids it added, what merging it with the
/// workbook in memory did, and whether saving it worked (when it did not, the
/// edit stays applied in memory and is saved later).
#[derive(Debug)]
pub struct Applied {
    pub added: Vec<(Kind, Id)>,
    /// Conflicts stored, or (for an undo) fields left alone, as the edit met
    /// the workbook in memory; a save that merges adds its own to `saved`.
    pub outcome: Outcome,
    pub saved: Result<Saved, StoreError>,
}

/// What happened when an edit was saved.
#[derive(Debug, Default, PartialEq)]
pub struct Saved {
    /// Another process had changed the file; its changes were loaded and kept.
    pub merged: bool,
    /// Unsaved edits that no longer applied to the newer file, with the reason.
    pub dropped: Vec<String>,
    /// The workbook was saved, but the day's backup of the old file failed.
    pub backup_failed: Option<String>,
    /// What re-applying our edits on the newer file did: conflicts stored
    /// (theirs kept, ours restorable) and fields an undo left alone.
    pub outcome: Outcome,
}

#[derive(Debug)]
pub struct Session {
    paths: Paths,
    workbook: Workbook,
    /// The bytes on disk when we last read or wrote them; `None` if there was no file.
    on_disk: Option<Vec<u8>>,
    /// The stamp of the file when `on_disk` was read or written, for a cheap check.
    stamp: Option<file::Stamp>,
    read_only: Option<String>,
    entries: Vec<Entry>,
    held: Option<Lock>,
    steps: &'static [migrate::Step],
    disk: Box<dyn Disk>,
    /// Things worth telling the user about the open (migration, swept temp files).
    pub notes: Vec<String>,
    /// The day the daily backup was last attempted (the real date: backups
    /// are named by the clock), so a session open past midnight takes another.
    backup_attempted: Option<NaiveDate>,
    /// The date edits are checked against (a win dated next month is refused).
    today: NaiveDate,
    /// An edit adding [`BULK_RECORDS`] or more waits to be saved: the file
    /// is backed up first.
    bulk_pending: bool,
    waiter: WaiterSlot,
}

/// Who is told about a wait for the lock, if anyone.
#[derive(Default)]
struct WaiterSlot(Option<Box<Waiter>>);

impl std::fmt::Debug for WaiterSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "waiter" } else { "none" })
    }
}

impl Session {
    pub fn open(paths: Paths, options: OpenOptions) -> Result<Self, StoreError> {
        Self::open_with(paths, options, migrate::STEPS, Box::new(RealDisk))
    }

    /// Opens with every write going through `disk`: for tests that make the
    /// file system fail on purpose.
    pub fn open_with_disk(
        paths: Paths,
        options: OpenOptions,
        disk: Box<dyn Disk>,
    ) -> Result<Self, StoreError> {
        Self::open_with(paths, options, migrate::STEPS, disk)
    }

    pub(crate) fn open_with(
        paths: Paths,
        options: OpenOptions,
        steps: &'static [migrate::Step],
        disk: Box<dyn Disk>,
    ) -> Result<Self, StoreError> {
        let mut session = Session {
            paths,
            workbook: Workbook::default(),
            on_disk: None,
            stamp: None,
            read_only: None,
            entries: Vec::new(),
            held: None,
            steps,
            disk,
            notes: Vec::new(),
            backup_attempted: None,
            today: dates::today(),
            bulk_pending: false,
            waiter: WaiterSlot::default(),
        };
        let must_write =
            options.create || options.hold_lock || file::has_temp_files(&session.paths);
        let lock = if must_write {
            Some(session.lock()?)
        } else {
            None
        };
        if lock.is_some() {
            let swept = file::sweep_temp_files(&session.paths)?;
            if swept > 0 {
                session.notes.push(format!(
                    "removed {swept} temporary file(s) left by an interrupted save"
                ));
            }
        }
        session.notes.extend(file::loose_directory(&session.paths));
        let mut lock = lock;
        let writes = options.create || options.hold_lock;
        let mut migrated_from = session.load()?;
        if let (Some(from), false) = (migrated_from, writes) {
            // A command that only reads upgrades in memory: it may run where
            // nothing can be written (a read-only mount), and writes nothing.
            session.notes.push(format!(
                "the workbook is in format version {from}; it is upgraded when it is next changed"
            ));
            migrated_from = None;
        } else if migrated_from.is_some() && lock.is_none() {
            // Upgrading writes the file, so it happens under the lock, on a fresh read.
            lock = Some(session.lock()?);
            migrated_from = session.load()?;
        }
        if let (Some(from), Some(original)) = (migrated_from, session.on_disk.clone()) {
            let copy = backup::keep_once(
                &*session.disk,
                &session.paths,
                &original,
                Reason::PreMigrate,
            )?;
            session.notes.push(format!(
                "upgraded the workbook from format version {from}; the original is kept as {}",
                copy.display()
            ));
        }
        let missing = session.on_disk.is_none() && options.create;
        if lock.is_some() && session.read_only.is_none() && (missing || migrated_from.is_some()) {
            let bytes = file::to_bytes(&session.workbook)?;
            if let Some(problem) = session.write(bytes)? {
                session.notes.push(problem);
            }
        }
        if options.hold_lock {
            session.held = lock;
        }
        Ok(session)
    }

    fn lock(&mut self) -> Result<Lock, StoreError> {
        file::ensure_dirs(&self.paths)?;
        let waiter = self
            .waiter
            .0
            .as_deref_mut()
            .map(|w| w as &mut dyn FnMut(&_) -> bool);
        Lock::acquire_with(&self.paths.lock, lock::WAIT, waiter)
    }

    /// Sets who is told when a save waits for another careerbook's lock
    /// (the TUI shows it and lets Esc stop waiting).
    pub fn set_waiter(&mut self, waiter: Box<Waiter>) {
        self.waiter = WaiterSlot(Some(waiter));
    }

    /// Reads and parses the file into this session. Returns the format version
    /// it was upgraded from in memory, if it was older (it then needs saving).
    fn load(&mut self) -> Result<Option<u32>, StoreError> {
        let read = file::read_bytes(&self.paths.workbook).map_err(|e| self.with_backup(e))?;
        let Some(bytes) = read else {
            self.workbook = Workbook::default();
            self.on_disk = None;
            return Ok(None);
        };
        let mut migrated = None;
        let parsed = file::parse(&self.paths.workbook, &bytes, self.steps)
            .map_err(|e| self.with_backup(e))?;
        self.workbook = match parsed {
            Parsed::Current(workbook) => workbook,
            Parsed::Migrated { from, workbook } => {
                migrated = Some(from);
                workbook
            }
            Parsed::Newer { found, workbook } => {
                self.read_only = Some(
                    StoreError::Newer {
                        path: self.paths.workbook.clone(),
                        found,
                        supported: workbook_version(),
                    }
                    .to_string(),
                );
                workbook
            }
        };
        self.on_disk = Some(bytes);
        self.stamp = file::stamp(&self.paths.workbook);
        Ok(migrated)
    }

    /// A damaged or oversized file's error gains the newest good backup to offer.
    fn with_backup(&self, err: StoreError) -> StoreError {
        let newest = || backup::newest_good(&self.paths).map(|b| b.path);
        match err {
            StoreError::Damaged {
                path, at, message, ..
            } => StoreError::Damaged {
                path,
                at,
                message,
                backup: newest(),
            },
            StoreError::TooLarge {
                path, size, limit, ..
            } => StoreError::TooLarge {
                path,
                size,
                limit,
                backup: newest(),
            },
            other => other,
        }
    }

    /// Sets the date edits are checked against (the TUI passes its own "today").
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = today;
    }

    pub fn workbook(&self) -> &Workbook {
        &self.workbook
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// Why this session cannot save, if it cannot.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Edits applied in memory but not yet on disk.
    pub fn unsaved(&self) -> usize {
        self.entries.iter().filter(|e| !e.saved).count()
    }

    /// What the edits not yet on disk did, in words, oldest first.
    pub fn unsaved_edits(&self) -> Vec<String> {
        self.entries
            .iter()
            .filter(|e| !e.saved)
            .flat_map(|e| {
                let lines = e.edit.describe();
                let undo = e.is_undo;
                lines
                    .into_iter()
                    .map(move |l| if undo { format!("undo: {l}") } else { l })
            })
            .collect()
    }

    /// Applies `edit` and saves. `Err` means the edit was refused and nothing
    /// changed; `Ok` carries the ids it added and the outcome of the save, which
    /// may have failed while the edit stays applied in memory.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, EditError> {
        self.apply_entry(edit, false)
    }

    fn apply_entry(&mut self, mut edit: Edit, is_undo: bool) -> Result<Applied, EditError> {
        if let Some(reason) = &self.read_only {
            let saved = Err(StoreError::ReadOnly {
                reason: reason.clone(),
            });
            return Ok(Applied {
                added: Vec::new(),
                outcome: Outcome::default(),
                saved,
            });
        }
        let (inverse, outcome) = edit.apply_as(&mut self.workbook, self.today, merge(is_undo))?;
        self.bulk_pending |= edit.added_ids().len() >= BULK_RECORDS;
        self.entries.push(Entry {
            edit,
            inverse,
            saved: false,
            is_undo,
            undone: false,
        });
        self.trim_history();
        let saved = self.save();
        let added = self
            .entries
            .last()
            .map(|e| e.edit.added_ids())
            .unwrap_or_default();
        Ok(Applied {
            added,
            outcome,
            saved,
        })
    }

    /// Undoes the newest edit not yet undone: only the fields it set that
    /// still hold the values it wrote (`outcome.kept` names the others).
    /// `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<Result<Applied, EditError>> {
        let index = self.entries.iter().rposition(|e| !e.is_undo && !e.undone)?;
        if let Some(reason) = &self.read_only {
            // Nothing can be applied, so nothing is marked undone either.
            return Some(Ok(Applied {
                added: Vec::new(),
                outcome: Outcome::default(),
                saved: Err(StoreError::ReadOnly {
                    reason: reason.clone(),
                }),
            }));
        }
        let inverse = self.entries[index].inverse.clone();
        self.entries[index].undone = true;
        let applied = self.apply_entry(inverse, true);
        if applied.is_err() {
            self.entries[index].undone = false;
        }
        Some(applied)
    }

    /// Saves unsaved edits again (after an earlier save failed).
    pub fn retry_save(&mut self) -> Result<Saved, StoreError> {
        if self.unsaved() == 0 {
            return Ok(Saved::default());
        }
        self.save()
    }

    /// The last resort when saving keeps failing as careerbook closes: writes
    /// the workbook as it is in memory, unsaved edits included, as a backup
    /// (`backups/` may still be writable when the data directory is not), so
    /// that `careerbook restore` can put it back later.
    pub fn rescue(&mut self) -> Result<std::path::PathBuf, StoreError> {
        // Under the lock, so another careerbook starting now cannot sweep the
        // temp file away mid-write; but without it if need be, since keeping
        // the edits matters more than that small race.
        let _lock = self.lock().ok();
        let bytes = file::to_bytes(&self.workbook)?;
        // A backup `restore` could not read would only look like a rescue.
        let limit = file::max_bytes();
        if bytes.len() as u64 > limit {
            return Err(StoreError::WouldBeTooLarge {
                path: self.paths.backups.clone(),
                size: bytes.len() as u64,
                limit,
            });
        }
        backup::keep_unsaved(&*self.disk, &self.paths, &bytes, self.on_disk.as_deref())
    }

    /// Re-reads the file if another process changed it, keeping unsaved edits.
    /// `None` when nothing changed; else the unsaved edits of ours that no
    /// longer apply to the newer file, so the user can be told.
    pub fn refresh(&mut self) -> Result<Option<(Vec<String>, Outcome)>, StoreError> {
        if file::stamp(&self.paths.workbook) == self.stamp {
            return Ok(None);
        }
        let current = file::read_bytes(&self.paths.workbook)?;
        match current {
            Some(bytes) if Some(&bytes) != self.on_disk.as_ref() => self.rebase(bytes).map(Some),
            _ => {
                self.stamp = file::stamp(&self.paths.workbook);
                Ok(None)
            }
        }
    }

    fn save(&mut self) -> Result<Saved, StoreError> {
        // A lock held since the file was read means no careerbook wrote since:
        // the re-read (of what may be megabytes) can be skipped.
        let (_lock, held_since_read) = match self.held.take() {
            Some(lock) => (lock, true),
            None => (self.lock()?, false),
        };
        let current = if held_since_read {
            None
        } else {
            file::read_bytes(&self.paths.workbook)?
        };
        let mut saved = Saved::default();
        // A file that vanished holds nothing newer: we write ours back in full.
        if let Some(bytes) = current
            && Some(&bytes) != self.on_disk.as_ref()
        {
            saved.merged = true;
            (saved.dropped, saved.outcome) = self.rebase(bytes)?;
        }
        let bulk_backup = self.back_up_before_bulk();
        let bytes = file::to_bytes(&self.workbook)?;
        saved.backup_failed = self.write(bytes)?;
        if let Some(problem) = bulk_backup {
            saved.backup_failed = Some(match saved.backup_failed {
                Some(daily) => format!("{daily}; {problem}"),
                None => problem,
            });
        }
        for entry in &mut self.entries {
            entry.saved = true;
        }
        Ok(saved)
    }

    /// Before saving an edit that adds thousands of records, keeps the file as
    /// it is now (so the day's earlier work is in a backup too). A backup that
    /// fails does not stop the save; it is returned to be reported.
    fn back_up_before_bulk(&mut self) -> Option<String> {
        if !self.bulk_pending {
            return None;
        }
        let old = self.on_disk.as_ref()?;
        let kept = backup::write(&*self.disk, &self.paths, old, Reason::PreBulk).and_then(|_| {
            backup::trim(
                &*self.disk,
                &self.paths,
                Reason::PreBulk,
                backup::KEEP_PRE_IMPORT,
            )
        });
        match kept {
            Ok(()) => {
                self.bulk_pending = false;
                None
            }
            Err(err) => Some(format!("the backup before this large change failed: {err}")),
        }
    }

    /// Replaces the in-memory workbook with the file's newer content and
    /// re-applies the unsaved edits on top, field by field. Returns the edits
    /// that no longer apply, and what the merges did.
    fn rebase(&mut self, bytes: Vec<u8>) -> Result<(Vec<String>, Outcome), StoreError> {
        let mut fresh = match file::parse(&self.paths.workbook, &bytes, self.steps) {
            Ok(Parsed::Current(workbook)) => workbook,
            Ok(Parsed::Newer { found, .. }) => {
                let err = StoreError::Newer {
                    path: self.paths.workbook.clone(),
                    found,
                    supported: workbook_version(),
                };
                self.read_only = Some(err.to_string());
                return Err(err);
            }
            Ok(Parsed::Migrated { .. }) => {
                return Err(StoreError::ReadOnly {
                    reason:
                        "another program wrote an older format over the workbook; reopen careerbook"
                            .into(),
                });
            }
            Err(err) => return Err(self.with_backup(err)),
        };
        let mut dropped = Vec::new();
        let mut failed = Vec::new();
        let mut merged = Outcome::default();
        let first_unsaved = self
            .entries
            .iter()
            .position(|e| !e.saved)
            .unwrap_or(self.entries.len());
        for i in first_unsaved..self.entries.len() {
            let before = self.entries[i].edit.added_ids();
            let how = merge(self.entries[i].is_undo);
            match self.entries[i].edit.apply_as(&mut fresh, self.today, how) {
                Ok((inverse, outcome)) => {
                    self.entries[i].inverse = inverse;
                    merged.conflicts.extend(outcome.conflicts);
                    merged.kept.extend(outcome.kept);
                    let after = self.entries[i].edit.added_ids();
                    self.remap_after(i, &before, &after);
                }
                Err(err) => {
                    dropped.push(err.to_string());
                    failed.push(i);
                }
            }
        }
        for i in failed.into_iter().rev() {
            self.entries.remove(i);
        }
        self.workbook = fresh;
        self.on_disk = Some(bytes);
        self.stamp = file::stamp(&self.paths.workbook);
        Ok((dropped, merged))
    }

    /// After entry `i` was re-applied and got different ids, later entries that
    /// name those records are renamed to match.
    fn remap_after(&mut self, i: usize, before: &[(Kind, Id)], after: &[(Kind, Id)]) {
        for (&(kind, from), &(_, to)) in before.iter().zip(after) {
            if from == to {
                continue;
            }
            self.entries[i].inverse.remap(kind, from, to);
            for later in &mut self.entries[i + 1..] {
                later.edit.remap(kind, from, to);
                later.inverse.remap(kind, from, to);
            }
        }
    }

    /// Writes `bytes` as the workbook, taking the day's backup of the old file
    /// first. A backup that fails does not stop the save (the edit matters
    /// more than the extra copy); it is returned to be reported.
    fn write(&mut self, bytes: Vec<u8>) -> Result<Option<String>, StoreError> {
        let limit = file::max_bytes();
        if bytes.len() as u64 > limit {
            return Err(StoreError::WouldBeTooLarge {
                path: self.paths.workbook.clone(),
                size: bytes.len() as u64,
                limit,
            });
        }
        let day = chrono::Local::now().date_naive();
        let mut backup_failed = None;
        if let (true, Some(old)) = (self.backup_attempted != Some(day), &self.on_disk) {
            self.backup_attempted = Some(day);
            if let Err(err) = backup::daily(&*self.disk, &self.paths, old) {
                backup_failed = Some(format!("the daily backup failed: {err}"));
            }
        }
        let target = file::save_target(&self.paths.workbook)?;
        let dir = file::parent_dir(&target);
        file::replace(&*self.disk, dir, &target, &bytes)?;
        // The file holds our bytes now, even if flushing the directory fails
        // below. Remembering them keeps the next save from mistaking our own
        // write for another process's and applying our edits a second time;
        // the edits stay unsaved, so that save writes the whole file again.
        self.on_disk = Some(bytes);
        self.stamp = file::stamp(&self.paths.workbook);
        file::sync_dir(&*self.disk, dir)?;
        Ok(backup_failed)
    }

    /// Keeps the history bounded; unsaved entries are always kept.
    fn trim_history(&mut self) {
        let undoable = self
            .entries
            .iter()
            .filter(|e| !e.is_undo && !e.undone)
            .count();
        if undoable <= UNDO_DEPTH {
            return;
        }
        let first_unsaved = self
            .entries
            .iter()
            .position(|e| !e.saved)
            .unwrap_or(self.entries.len());
        let mut excess = undoable - UNDO_DEPTH;
        let mut cut = 0;
        while cut < first_unsaved && excess > 0 {
            if !self.entries[cut].is_undo && !self.entries[cut].undone {
                excess -= 1;
            }
            cut += 1;
        }
        self.entries.drain(..cut);
    }
}

/// An edit a person made keeps what both sides changed as a conflict; an
/// undo leaves such fields alone and says so.
fn merge(is_undo: bool) -> Merge {
    if is_undo {
        Merge::Report
    } else {
        Merge::Record
    }
}

fn workbook_version() -> u32 {
    crate::domain::workbook::CURRENT_VERSION
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn from_zero(text: &str) -> Result<String, String> {
        Ok(text.replace("version: 0", "version: 1"))
    }

    /// A made-up version 0 before the real steps, so the whole chain runs.
    static FAKE_STEPS: &[migrate::Step] = &[
        migrate::Step {
            from: 0,
            upgrade: from_zero,
            keeps_positions: true,
        },
        migrate::STEPS[0],
    ];

    #[test]
    fn an_older_file_is_backed_up_then_migrated_and_saved() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::in_dir(dir.path());
        file::ensure_dirs(&paths).expect("dirs");
        let old = b"(version: 0, next_id: 5)";
        fs::write(&paths.workbook, old).expect("seed");
        let open =
            |options| Session::open_with(paths.clone(), options, FAKE_STEPS, Box::new(RealDisk));

        // A command that only reads upgrades in memory and writes nothing
        // (it may run on a read-only mount).
        let reading = open(OpenOptions::default()).expect("a reading open upgrades in memory");
        assert_eq!(reading.workbook().next_id, 5);
        assert!(
            reading
                .notes
                .iter()
                .any(|n| n.contains("upgraded when it is next changed"))
        );
        assert_eq!(fs::read(&paths.workbook).expect("read"), old, "untouched");
        assert!(backup::list(&paths).expect("list").is_empty());

        // One that writes keeps the original, then saves the upgraded file.
        let writing = |_| {
            open(OpenOptions {
                create: true,
                hold_lock: false,
            })
            .expect("a writing open upgrades and saves")
        };
        let session = writing(());
        assert!(session.notes.iter().any(|n| n.contains("upgraded")));
        let backups = backup::list(&paths).expect("list");
        let pre = backups
            .iter()
            .find(|b| b.reason == Reason::PreMigrate)
            .expect("pre-migrate backup");
        assert_eq!(
            fs::read(&pre.path).expect("read backup"),
            old,
            "the original bytes are kept"
        );
        let text = fs::read_to_string(&paths.workbook).expect("read");
        assert!(
            text.contains(&format!("version: {}", workbook_version())),
            "the migrated file was saved:\n{text}"
        );
        // Put back and upgraded again (as when the save keeps failing): the
        // same original is not kept twice.
        fs::write(&paths.workbook, old).expect("seed again");
        drop(writing(()));
        let kept = backup::list(&paths)
            .expect("list")
            .into_iter()
            .filter(|b| b.reason == Reason::PreMigrate)
            .count();
        assert_eq!(kept, 1);
    }
}
