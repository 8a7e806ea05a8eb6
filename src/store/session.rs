//! A workbook open for reading and editing: the one path by which edits reach disk.
//!
//! Each edit is applied in memory and saved at once. A command (a session
//! holding the lock from reading to saving) saves by adding the edit to the
//! journal; the full-screen workbook writes the whole file, which folds the
//! journal in. Either way the save takes the lock, re-reads the files, and
//! if another process changed them since we read them, rebuilds from the
//! newer files and re-applies our unsaved edits on top, so nothing the other
//! process wrote is lost. A save that fails keeps the edit in memory (and on
//! the undo stack) and is retried, whole, with the next save.

mod files;

use super::backup::{self, Reason};
use super::digest::{AsRead, Digest};
use super::disk::{Disk, RealDisk};
use super::file::{self, Parsed};
use super::journal::{self, Onto};
use super::lock::{self, Lock, Waiter};
use super::{Paths, StoreError, migrate};
use crate::domain::edit::{self, Edit, EditError, Kind, Merge, Outcome};
use crate::domain::moved::{self, Move};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, dates};
use chrono::NaiveDate;
use files::{Files, Seen};
use std::borrow::Cow;

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
    /// edits and saves once, so nobody can write in between. Such a session
    /// saves by adding to the journal instead of writing the whole file.
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
    /// The day it was applied, and the id counter after it: its journal line.
    date: NaiveDate,
    next_id: Id,
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

/// What folding the journal into the workbook did.
#[derive(Debug, Default, PartialEq)]
pub struct Compacted {
    /// How many edits of the journal the workbook took in (0: there was no journal).
    pub edits: usize,
    /// The workbook was written, but the day's backup failed or the journal
    /// could not be removed.
    pub backup_failed: Option<String>,
}

#[derive(Debug)]
pub struct Session {
    paths: Paths,
    workbook: Workbook,
    /// The digest of the workbook bytes on disk when we last read or wrote
    /// them, to tell another writer's change; `None` if there was no file.
    /// Not the bytes: they would hold the file in memory a second time.
    on_disk: Option<Digest>,
    /// The stamp of the file when `on_disk` was read or written, for a cheap check.
    stamp: Option<file::Stamp>,
    /// The journal when we last read or wrote it; its edits are in `workbook`.
    journal: Seen,
    /// Saves add to the journal (a command) rather than write the whole file.
    appends: bool,
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
    /// Records a sync renumbered under this session, and where to: an edit
    /// made against the old id follows its record (`domain::moved`).
    moves: Vec<Move>,
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
            journal: Seen::none(),
            appends: options.hold_lock,
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
            moves: Vec::new(),
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
        let mut lock = lock;
        let writes = options.create || options.hold_lock;
        let mut migrated = session.load()?;
        if let (Some((from, _)), false) = (&migrated, writes) {
            // A command that only reads upgrades in memory: it may run where
            // nothing can be written (a read-only mount), and writes nothing.
            session.notes.push(format!(
                "the workbook is in format version {from}; it is upgraded when it is next changed"
            ));
            migrated = None;
        } else if migrated.is_some() && lock.is_none() {
            // Upgrading writes the file, so it happens under the lock, on a fresh read.
            lock = Some(session.lock()?);
            migrated = session.load()?;
        }
        if let Some((from, original)) = &migrated {
            let copy =
                backup::keep_once(&*session.disk, &session.paths, original, Reason::PreMigrate)?;
            session.notes.push(format!(
                "upgraded the workbook from format version {from}; the original is kept as {}",
                copy.display()
            ));
        }
        if lock.is_some() && session.journal.torn {
            session.notes.push(format!(
                "the last line of {} was cut short (a save interrupted by a crash or a full \
                 disk) and was ignored; the edits before it are kept",
                session.paths.journal.display()
            ));
        }
        let missing = session.on_disk.is_none() && options.create;
        if lock.is_some() && session.read_only.is_none() && (missing || migrated.is_some()) {
            let bytes = file::to_bytes(&session.workbook)?;
            if let Some(problem) = session.write(bytes)? {
                session.notes.push(problem);
            }
        } else if lock.is_some() && session.fold_due_at_open(options) {
            // Not folding only costs time: the journal keeps being read.
            let folded = file::to_bytes(&session.workbook).and_then(|bytes| session.write(bytes));
            match folded {
                Ok(problem) => session.notes.extend(problem),
                Err(err) => session.notes.push(format!(
                    "the journal could not be folded into the workbook ({err}); its edits are \
                     kept and read from it"
                )),
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

    /// Whether a session that can write, just opened, should fold the
    /// journal into the workbook: the full-screen workbook always does; a
    /// command when it is the first save of the day (so the day's backup
    /// holds the journal's edits), when the journal has grown large, or when
    /// no line may be added to it (a hand edit of the workbook, a line cut
    /// short, a fold cut short).
    fn fold_due_at_open(&self, options: OpenOptions) -> bool {
        if !options.create || self.read_only.is_some() || !self.journal.present() {
            return false;
        }
        let workbook_len = self.on_disk.map_or(0, |d| d.len());
        !options.hold_lock
            || !self.journal.appendable
            || journal::is_due_for_folding(self.journal.bytes.len() as u64, workbook_len)
            || !backup::taken_today(&self.paths)
    }

    /// Reads and parses the file, and applies its journal, into this session.
    /// Returns the format version it was upgraded from in memory, if it was
    /// older (it then needs saving), with the file's bytes as they were.
    fn load(&mut self) -> Result<Option<(u32, Vec<u8>)>, StoreError> {
        let files = Files::read(&self.paths).map_err(|e| self.with_backup(e))?;
        let Some(bytes) = files.workbook else {
            if files.journal.is_some() {
                return Err(StoreError::Orphaned {
                    workbook: self.paths.workbook.clone(),
                    journal: self.paths.journal.clone(),
                });
            }
            self.workbook = Workbook::default();
            self.on_disk = None;
            self.stamp = None;
            self.journal = Seen::none();
            return Ok(None);
        };
        let mut migrated = None;
        let parsed = file::parse(&self.paths.workbook, &bytes, self.steps)
            .map_err(|e| self.with_backup(e))?;
        let mut workbook = match parsed {
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
        self.journal = Seen::none();
        if let Some(journal) = &files.journal {
            if journal.is_newer() && self.read_only.is_none() {
                self.read_only = Some(self.newer_journal(journal).to_string());
            }
            let pending = journal.pending(&bytes);
            let count = pending.len();
            let replayed = journal::replay(&mut workbook, pending);
            self.notes.extend(
                replayed.dropped.iter().map(|d| {
                    format!("an edit in the journal no longer applies to the workbook: {d}")
                }),
            );
            self.journal = Seen::of(journal, files.journal_stamp, files.stamp, count);
        }
        self.workbook = workbook;
        self.on_disk = files.digest;
        self.stamp = files.stamp;
        Ok(migrated.map(|from| (from, bytes)))
    }

    fn newer_journal(&self, journal: &journal::Journal) -> StoreError {
        StoreError::Newer {
            path: self.paths.journal.clone(),
            found: journal.version(),
            supported: workbook_version(),
        }
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

    /// A warning when others can list the data directory (careerbook leaves
    /// a directory it did not make as it is): shown by the full-screen
    /// workbook as it opens, not repeated by every command.
    pub fn loose_directory(&self) -> Option<String> {
        file::loose_directory(&self.paths)
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
        // Made against a record a sync has renumbered since: it follows it.
        let moves = moved::followed(&self.moves, &edit.seen(), &self.workbook);
        moved::rename(&mut edit, &moves);
        let (inverse, outcome) = edit.apply_as(&mut self.workbook, self.today, merge(is_undo))?;
        self.bulk_pending |= edit.added_ids().len() >= BULK_RECORDS;
        self.entries.push(Entry {
            edit,
            inverse,
            saved: false,
            is_undo,
            undone: false,
            date: self.today,
            next_id: self.workbook.next_id,
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
        // What the unsaved edits started from, for `restore` to merge them
        // into whatever the file became since.
        let base = self
            .before_unsaved()
            .and_then(|base| file::to_bytes(&base).ok());
        backup::keep_unsaved(&*self.disk, &self.paths, &bytes, base.as_deref())
    }

    /// The workbook as it was before the unsaved edits: the one in memory
    /// with their inverses applied, newest first (as undo would). `None` if
    /// one does not apply cleanly; the file cannot stand in for it, since it
    /// may have changed since it was read (that is when a base matters).
    fn before_unsaved(&self) -> Option<Workbook> {
        let mut base = self.workbook.clone();
        for entry in self.entries.iter().rev().filter(|e| !e.saved) {
            let (_, outcome) = entry
                .inverse
                .clone()
                .apply_as(&mut base, entry.date, Merge::Report)
                .ok()?;
            if !outcome.kept.is_empty() || !outcome.conflicts.is_empty() {
                return None;
            }
        }
        Some(base)
    }

    /// Re-reads the files if another process changed them, keeping unsaved
    /// edits. `None` when nothing changed; else the unsaved edits of ours that
    /// no longer apply to the newer files, so the user can be told.
    pub fn refresh(&mut self) -> Result<Option<(Vec<String>, Outcome)>, StoreError> {
        let workbook = file::stamp(&self.paths.workbook);
        if workbook == self.stamp && file::stamp(&self.paths.journal) == self.journal.stamp {
            return Ok(None);
        }
        if workbook == self.stamp
            && self.unsaved() == 0
            && let Some(picked) = self.pick_up_journal()?
        {
            return Ok(Some(picked));
        }
        let files = Files::read(&self.paths)?;
        if files.workbook.is_none() || !self.changed(&files) {
            self.stamp = files.stamp;
            self.journal.stamp = files.journal_stamp;
            return Ok(None);
        }
        self.rebase(files).map(Some)
    }

    /// Applies only the lines another process added to the journal since we
    /// read it, when the workbook file is unchanged and nothing of ours waits
    /// unsaved: the view picks up a command's edit without parsing the
    /// workbook again. `None` when it takes more than that.
    fn pick_up_journal(&mut self) -> Result<Option<(Vec<String>, Outcome)>, StoreError> {
        let Some((bytes, stamp)) = file::read_stamped(&self.paths.journal)? else {
            return Ok(None);
        };
        // Read after the journal: a fold in between changed the workbook.
        if file::stamp(&self.paths.workbook) != self.stamp
            || !bytes.starts_with(&self.journal.bytes)
        {
            return Ok(None);
        }
        if self.on_disk.is_none() {
            return Ok(None);
        }
        let journal = journal::parse(&self.paths.journal, bytes)?;
        // A torn last line may be another writer's append under way: the
        // lines before it are whole.
        if !journal.made_on(self.stamp) {
            return Ok(None);
        }
        let mut pending = journal.edits();
        let count = pending.len();
        let added = pending.split_off(self.journal.pending.min(count));
        let replayed = journal::replay(&mut self.workbook, added);
        self.journal = Seen::of(&journal, Some(stamp), self.stamp, count);
        Ok(Some((replayed.dropped, replayed.outcome)))
    }

    /// Whether the files differ from what we last read or wrote.
    fn changed(&self, files: &Files) -> bool {
        files.digest != self.on_disk || files.journal_bytes() != self.journal.bytes
    }

    fn save(&mut self) -> Result<Saved, StoreError> {
        let (_lock, mut saved) = self.catch_up()?;
        let bulk_backup = self.back_up_before_bulk()?;
        saved.backup_failed = if let Some(onto) = self.append_onto() {
            self.append(onto)?
        } else {
            let bytes = file::to_bytes(&self.workbook)?;
            self.write(bytes)?
        };
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

    /// Takes the lock and brings the session up to date with the files: if
    /// another process changed them since we read them, rebuilds from the
    /// newer files and re-applies our unsaved edits on top.
    fn catch_up(&mut self) -> Result<(Lock, Saved), StoreError> {
        // A lock held since the files were read means no careerbook wrote
        // since: the re-read (of what may be megabytes) can be skipped.
        if let Some(lock) = self.held.take() {
            return Ok((lock, Saved::default()));
        }
        let lock = self.lock()?;
        let mut saved = Saved::default();
        let files = Files::read(&self.paths)?;
        if files.workbook.is_none() {
            // A journal that grew since we read it holds edits made by a
            // command that we do not have: writing ours over it would lose them.
            if files
                .journal
                .as_ref()
                .is_some_and(|j| j.bytes != self.journal.bytes)
            {
                return Err(StoreError::Orphaned {
                    workbook: self.paths.workbook.clone(),
                    journal: self.paths.journal.clone(),
                });
            }
            // Otherwise the vanished file holds nothing newer: we write ours
            // back in full, and retire whatever journal is there. There is
            // nothing on disk to back up first.
            self.on_disk = None;
            self.journal = match &files.journal {
                Some(journal) => Seen::of(journal, files.journal_stamp, None, 0),
                None => Seen::none(),
            };
            self.journal.appendable = false;
        } else if self.changed(&files) {
            saved.merged = true;
            (saved.dropped, saved.outcome) = self.rebase(files)?;
        }
        Ok((lock, saved))
    }

    /// Where the unsaved edits go as journal lines, if they can be saved so:
    /// in a command, when the journal takes lines, for edits a person made
    /// (an undo merges differently) that are not an import of thousands of
    /// records. `None`: the workbook is written whole.
    fn append_onto(&self) -> Option<Onto> {
        let can = self.appends
            && self.journal.appendable
            && !self.bulk_pending
            && self.entries.iter().all(|e| e.saved || !e.is_undo);
        match (can, self.journal.present(), self.stamp) {
            (false, ..) => None,
            (true, true, _) => Some(Onto::Existing(self.journal.bytes.len() as u64)),
            (true, false, stamp) => stamp.map(|stamp| Onto::New(stamp.into())),
        }
    }

    /// Saves the unsaved edits as lines of the journal, creating it if there
    /// is none. Returns a daily backup that failed, to be reported.
    fn append(&mut self, onto: Onto) -> Result<Option<String>, StoreError> {
        let mut lines = Vec::new();
        let mut count = 0;
        for entry in self.entries.iter().filter(|e| !e.saved) {
            lines.extend(journal::edit_line(entry.date, entry.next_id, &entry.edit)?);
            count += 1;
        }
        // Whatever reads the workbook reads both files: they count together.
        let workbook_len = self.on_disk.map_or(0, |d| d.len());
        let size = workbook_len + (self.journal.bytes.len() + lines.len()) as u64;
        let limit = file::max_bytes();
        if size > limit {
            return Err(StoreError::WouldBeTooLarge {
                path: self.paths.workbook.clone(),
                size,
                limit,
            });
        }
        let backup_failed = self.daily_backup(None)?;
        match journal::append(&*self.disk, &self.paths.journal, onto, &lines) {
            Ok(added) => {
                self.journal.bytes.extend(added);
                self.journal.stamp = file::stamp(&self.paths.journal);
                self.journal.pending += count;
                Ok(backup_failed)
            }
            Err(err) => {
                self.journal.recheck(&self.paths);
                Err(err)
            }
        }
    }

    /// Before saving an edit that adds thousands of records, keeps the file as
    /// it is now (so the day's earlier work is in a backup too). A backup that
    /// fails does not stop the save; it is returned to be reported. A file
    /// found changed since it was read stops it (see [`Self::read_as_seen`]).
    fn back_up_before_bulk(&mut self) -> Result<Option<String>, StoreError> {
        if self.on_disk.is_none() {
            // Nothing on disk to keep (a file that vanished).
            self.bulk_pending = false;
        }
        if !self.bulk_pending {
            return Ok(None);
        }
        let kept = stop_if_changed(self.as_read(None))?
            .and_then(|old| backup::write(&*self.disk, &self.paths, &old, Reason::PreBulk))
            .and_then(|_| {
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
                Ok(None)
            }
            Err(err) => Ok(Some(format!(
                "the backup before this large change failed: {err}"
            ))),
        }
    }

    /// The file as careerbook reads it now, the journal's edits in it: what a
    /// backup must hold. `writing`: bytes about to be written, which are just
    /// that when nothing of ours is unsaved (a fold).
    fn as_read<'a>(&self, writing: Option<&'a [u8]>) -> Result<Cow<'a, [u8]>, StoreError> {
        if let (1.., 0, Some(bytes)) = (self.journal.pending, self.unsaved(), writing) {
            return Ok(Cow::Borrowed(bytes));
        }
        let old = self.read_as_seen()?;
        if self.journal.pending == 0 {
            return Ok(Cow::Owned(old));
        }
        // Seldom needed (a journal grew while an edit waited): fold it afresh.
        let journal = journal::parse(&self.paths.journal, self.journal.bytes.clone())?;
        journal::folded(&self.paths, self.steps, &old, &journal).map(Cow::Owned)
    }

    /// The workbook's bytes, read again: the session keeps only their digest.
    /// Refused if they are no longer what it last read or wrote (another
    /// program wrote since, under a save): the journal's edits and any
    /// unsaved ones of ours were made on those, a backup of other bytes would
    /// be a wrong one, and the save would overwrite what was written.
    fn read_as_seen(&self) -> Result<Vec<u8>, StoreError> {
        let path = &self.paths.workbook;
        match file::read_bytes(path)? {
            Some(bytes) if Some(Digest::of(&bytes)) == self.on_disk => Ok(bytes),
            _ => Err(StoreError::ChangedWhileSaving { path: path.clone() }),
        }
    }

    /// Replaces the in-memory workbook with the files' newer content (the
    /// workbook `files` read, with its journal) and re-applies the unsaved
    /// edits on top, field by field. Returns the edits that no longer apply,
    /// and what the merges did.
    fn rebase(&mut self, files: Files) -> Result<(Vec<String>, Outcome), StoreError> {
        let Some(bytes) = files.workbook else {
            return Ok((Vec::new(), Outcome::default()));
        };
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
        let mut merged = Outcome::default();
        let mut seen = Seen::none();
        if let Some(journal) = &files.journal {
            if journal.is_newer() {
                let err = self.newer_journal(journal);
                self.read_only = Some(err.to_string());
                return Err(err);
            }
            let pending = journal.pending(&bytes);
            let count = pending.len();
            let replayed = journal::replay(&mut fresh, pending);
            dropped.extend(
                replayed
                    .dropped
                    .iter()
                    .map(|d| format!("an edit saved by another careerbook no longer applies: {d}")),
            );
            merged.conflicts.extend(replayed.outcome.conflicts);
            seen = Seen::of(journal, files.journal_stamp, files.stamp, count);
        }
        self.follow_moves(&fresh);
        let mut failed = Vec::new();
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
                    let entry = &mut self.entries[i];
                    (entry.inverse, entry.date, entry.next_id) =
                        (inverse, self.today, fresh.next_id);
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
        self.on_disk = files.digest;
        self.stamp = files.stamp;
        self.journal = seen;
        Ok((dropped, merged))
    }

    /// Records of ours that a sync renumbered since this session read them
    /// (`store::renumbered`): every edit and undo of ours that names them
    /// follows them to their ids in `fresh`, and so does a later edit made
    /// against the old id (a form open during the sync).
    fn follow_moves(&mut self, fresh: &Workbook) {
        let recorded = super::renumbered::read(&self.paths);
        if recorded.is_empty() {
            return;
        }
        let mut seen: Vec<edit::Item> = recorded
            .iter()
            .filter_map(|&(kind, from, _)| kind.find(&self.workbook, from))
            .collect();
        for entry in &self.entries {
            seen.extend(entry.edit.seen().into_iter().cloned());
            seen.extend(entry.inverse.seen().into_iter().cloned());
        }
        let moves = moved::followed(&recorded, &seen.iter().collect::<Vec<_>>(), fresh);
        for entry in &mut self.entries {
            moved::rename(&mut entry.edit, &moves);
            moved::rename(&mut entry.inverse, &moves);
        }
        self.moves.extend(moves);
    }

    /// After entry `i` was re-applied and got different ids, later entries that
    /// name those records are renamed to match.
    fn remap_after(&mut self, i: usize, before: &[(Kind, Id)], after: &[(Kind, Id)]) {
        for (kind, from, to) in edit::renamed(before, after) {
            self.entries[i].inverse.remap(kind, from, to);
            for later in &mut self.entries[i + 1..] {
                later.edit.remap(kind, from, to);
                later.inverse.remap(kind, from, to);
            }
        }
    }

    /// Folds the journal into the workbook: writes the workbook whole, with
    /// every edit of the journal (and any unsaved one of ours) in it, and
    /// removes the journal. When there is no journal nothing is written.
    pub fn compact(&mut self) -> Result<Compacted, StoreError> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly {
                reason: reason.clone(),
            });
        }
        let known = self.journal.present() || self.held.is_some() || self.unsaved() > 0;
        if !known && file::stamp(&self.paths.journal).is_none() {
            return Ok(Compacted::default());
        }
        let (_lock, _) = self.catch_up()?;
        if !self.journal.present() {
            return Ok(Compacted::default());
        }
        let edits = self.journal.pending;
        let bytes = file::to_bytes(&self.workbook)?;
        let backup_failed = self.write(bytes)?;
        for entry in &mut self.entries {
            entry.saved = true;
        }
        Ok(Compacted {
            edits,
            backup_failed,
        })
    }

    /// Writes `bytes` as the workbook, whole, taking the day's backup first,
    /// and retires the journal, whose edits the bytes hold (see
    /// [`journal::replace_workbook`]). A backup that fails, or a journal that
    /// cannot be removed, does not stop the save (the edit matters more than
    /// the extra copy, and a retired journal is inert); it is returned to be
    /// reported.
    fn write(&mut self, bytes: Vec<u8>) -> Result<Option<String>, StoreError> {
        let limit = file::max_bytes();
        if bytes.len() as u64 > limit {
            return Err(StoreError::WouldBeTooLarge {
                path: self.paths.workbook.clone(),
                size: bytes.len() as u64,
                limit,
            });
        }
        let backup_failed = self.daily_backup(Some(&bytes))?;
        let target = file::save_target(&self.paths.workbook)?;
        let dir = file::parent_dir(&target);
        let journal = self
            .journal
            .present()
            .then_some(self.journal.bytes.len() as u64);
        let as_read = AsRead {
            digest: self.on_disk,
            stamp: self.stamp,
        };
        let replaced =
            journal::replace_workbook(&*self.disk, &self.paths, &target, &bytes, journal, as_read);
        if let Err(err) = replaced {
            if journal.is_some() {
                self.journal.recheck(&self.paths);
            }
            return Err(err);
        }
        // The file holds our bytes now, even if flushing the directory fails
        // below. Remembering them keeps the next save from mistaking our own
        // write for another process's and applying our edits a second time;
        // the edits stay unsaved, so that save writes the whole file again.
        self.on_disk = Some(Digest::of(&bytes));
        self.stamp = file::stamp(&self.paths.workbook);
        if let Err(err) = file::sync_dir(&*self.disk, dir) {
            if journal.is_some() {
                self.journal.recheck(&self.paths);
            }
            return Err(err);
        }
        if journal.is_none() {
            self.journal = Seen::none();
            return Ok(backup_failed);
        }
        match journal::remove(&*self.disk, &self.paths.journal) {
            Ok(()) => {
                self.journal = Seen::none();
                Ok(backup_failed)
            }
            Err(err) => {
                self.journal.recheck(&self.paths);
                self.journal.pending = 0;
                let stale = format!(
                    "the journal, whose edits are all in the workbook now, could not be removed: {err}"
                );
                Ok(Some(match backup_failed {
                    Some(daily) => format!("{daily}; {stale}"),
                    None => stale,
                }))
            }
        }
    }

    /// Takes the day's backup of the file as it stands before this save, at
    /// the first save of each day. `writing`: the bytes about to be written
    /// whole, if they are. A backup that fails is returned to be reported; a
    /// file found changed since it was read stops the save, and the next save
    /// takes the backup.
    fn daily_backup(&mut self, writing: Option<&[u8]>) -> Result<Option<String>, StoreError> {
        let day = chrono::Local::now().date_naive();
        if self.backup_attempted == Some(day) || self.on_disk.is_none() {
            return Ok(None);
        }
        if backup::taken_today(&self.paths) {
            // Another session took it: no need to read the file for it.
            self.backup_attempted = Some(day);
            return Ok(None);
        }
        let taken = stop_if_changed(self.as_read(writing))?
            .and_then(|old| backup::daily(&*self.disk, &self.paths, &old));
        self.backup_attempted = Some(day);
        Ok(taken
            .err()
            .map(|err| format!("the daily backup failed: {err}")))
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

/// Lifts a file found changed under a save out of a backup's result, to stop
/// the save: any other failure of the backup only needs reporting.
fn stop_if_changed<T>(read: Result<T, StoreError>) -> Result<Result<T, StoreError>, StoreError> {
    match read {
        Err(err @ StoreError::ChangedWhileSaving { .. }) => Err(err),
        other => Ok(other),
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
    fn what_a_backup_holds_is_read_again_and_only_if_it_is_what_was_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::in_dir(dir.path());
        let options = OpenOptions {
            create: true,
            hold_lock: false,
        };
        let session = Session::open(paths.clone(), options).expect("open");
        let read = fs::read(&paths.workbook).expect("read");
        let kept = session.as_read(None).expect("the file as read");
        assert_eq!(kept.as_ref(), read.as_slice());
        // Other bytes of the same size (a hand edit since): our edits were
        // made on what was read, so a backup of these would be a wrong one.
        let text = String::from_utf8(read).expect("utf-8");
        let edited = text.replacen("version", "VERSION", 1);
        assert_eq!(edited.len(), text.len());
        fs::write(&paths.workbook, edited).expect("hand edit");
        assert!(session.as_read(None).is_err());
        fs::remove_file(&paths.workbook).expect("remove");
        assert!(session.as_read(None).is_err());
        fs::write(&paths.workbook, &text).expect("put back");
        assert_eq!(
            session.as_read(None).expect("as read").as_ref(),
            text.as_bytes()
        );
    }

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
