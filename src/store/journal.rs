//! The journal, `workbook.journal`: edits saved since `workbook.ron` was last
//! written whole, one per line.
//!
//! A command saves its edit by appending one line here and flushing it,
//! instead of parsing, re-serialising and rewriting the whole workbook.
//! Whatever reads the workbook applies the journal's edits on top, with the
//! same field-by-field merges as any edit re-applied to a newer file. The
//! journal is folded into `workbook.ron` (written whole, atomically, and the
//! journal removed) by the full-screen workbook, by the first command of the
//! day, when it outgrows a share of the workbook, and by `careerbook compact`.
//!
//! The layout (docs/data-format.md): a first line naming the format version
//! and the workbook file the edits were made on; one `Edit(…)` line per saved
//! edit; and a `Folded(…)` line, written just before a whole workbook is
//! renamed into place, naming that workbook's bytes, so that a fold cut short
//! between the rename and the removal of the journal never applies its edits
//! twice. A last line without its line break was cut short (a crash, a full
//! disk) and is ignored.

use super::digest::AsRead;
use super::disk::Disk;
use super::file::{self, Parsed, Stamp};
use super::{Paths, StoreError, migrate};
use crate::domain::Id;
use crate::domain::edit::{self, Edit, Merge, Outcome};
use crate::domain::workbook::{CURRENT_VERSION, Workbook};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The journal is folded once it is larger than this, or than a sixteenth
/// of the workbook if that is more: replaying it then costs a small part of
/// what parsing the workbook does, and folds (whose cost grows with the
/// workbook) come rarely enough for appends to stay cheap on average.
const FOLD_MIN_BYTES: u64 = 32 * 1024;
const FOLD_FRACTION: u64 = 16;

/// Whether a journal of `journal_len` bytes beside a workbook of
/// `workbook_len` bytes should be folded before more is added to it.
pub fn is_due_for_folding(journal_len: u64, workbook_len: u64) -> bool {
    journal_len > FOLD_MIN_BYTES.max(workbook_len / FOLD_FRACTION)
}

/// The workbook file a journal's edits were made on, as the file system
/// described it: a rename or a hand edit gives the workbook another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Base {
    inode: u64,
    len: u64,
    modified: u64,
}

impl From<Stamp> for Base {
    fn from(stamp: Stamp) -> Self {
        Base {
            inode: stamp.inode,
            len: stamp.len,
            modified: stamp.modified,
        }
    }
}

/// One line of the journal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
enum Line {
    /// The first line: the format version its edits are written in (the
    /// workbook's) and the workbook file they were made on.
    Journal { version: u32, base: Base },
    /// A saved edit, as it was applied on `date`, leaving the workbook's id
    /// counter at `next_id`.
    Edit {
        date: NaiveDate,
        next_id: Id,
        edit: Box<Edit>,
    },
    /// The edits above are in the workbook whose bytes have this length and
    /// fingerprint (or were replaced by it, in a restore).
    Folded { len: u64, fingerprint: u64 },
}

/// A saved edit read back from the journal.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The day it was first applied: its checks, and any conflict it stores,
    /// use that day again.
    pub date: NaiveDate,
    pub edit: Edit,
}

/// A journal as read.
#[derive(Clone, Debug)]
pub struct Journal {
    /// Every byte read, a torn last line included, to tell whether the file
    /// changed when it is read again.
    pub bytes: Vec<u8>,
    /// The first line's version and base; `None` when even the first line
    /// was cut short.
    header: Option<(u32, Base)>,
    /// The lines after the first.
    lines: Vec<Line>,
    /// The last line was cut short and is ignored.
    pub torn: bool,
}

impl Journal {
    /// Written by a newer careerbook: never appended to, folded or removed.
    pub fn is_newer(&self) -> bool {
        self.header
            .is_some_and(|(version, _)| version > CURRENT_VERSION)
    }

    pub fn version(&self) -> u32 {
        self.header.map_or(CURRENT_VERSION, |(version, _)| version)
    }

    /// The edits to apply to the workbook whose bytes are `workbook`: those
    /// after the last `Folded` line that names exactly these bytes, or else
    /// all of them.
    pub fn pending(&self, workbook: &[u8]) -> Vec<Entry> {
        let mut ours = None;
        let start = self
            .lines
            .iter()
            .rposition(|line| match line {
                Line::Folded {
                    len,
                    fingerprint: f,
                } => {
                    *len == workbook.len() as u64
                        && *ours.get_or_insert_with(|| fingerprint(workbook)) == *f
                }
                _ => false,
            })
            .map_or(0, |i| i + 1);
        entries(&self.lines[start..])
    }

    /// Every edit in it: what applies to the workbook a journal is
    /// [`made_on`](Self::made_on), since such a journal holds no fold.
    pub fn edits(&self) -> Vec<Entry> {
        entries(&self.lines)
    }

    /// Whether its edits were all made, in this build's format, on the
    /// workbook file `workbook` (its stamp now), with no fold under way.
    pub fn made_on(&self, workbook: Option<Stamp>) -> bool {
        let same = |base: Base| workbook.is_some_and(|now| Base::from(now) == base);
        matches!(self.header, Some((CURRENT_VERSION, base)) if same(base))
            && !self
                .lines
                .iter()
                .any(|line| matches!(line, Line::Folded { .. }))
    }

    /// The workbook's id counter after the last edit, when that is the last
    /// line: what a record added without reading the workbook is numbered from.
    pub fn next_id(&self) -> Option<Id> {
        match self.lines.last()? {
            Line::Edit { next_id, .. } => Some(*next_id),
            _ => None,
        }
    }

    /// Whether lines may be added: it was [made on](Journal::made_on) the
    /// workbook file as it is now, and nothing was cut short. Otherwise the
    /// next save folds it.
    pub fn appendable(&self, workbook: Option<Stamp>) -> bool {
        self.made_on(workbook) && !self.torn
    }
}

/// Reads the journal at `path`; `None` when there is none.
pub fn read(path: &Path) -> Result<Option<Journal>, StoreError> {
    match file::read_bytes(path)? {
        Some(bytes) => parse(path, bytes).map(Some),
        None => Ok(None),
    }
}

/// Reads journal bytes. A line that cannot be read is an error naming its
/// line and column, unless the journal comes from a newer careerbook: then
/// the error says so.
pub fn parse(path: &Path, bytes: Vec<u8>) -> Result<Journal, StoreError> {
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let text = std::str::from_utf8(&bytes[..complete]).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        damaged(path, line, 1, "the journal is not valid UTF-8 text")
    })?;
    let mut header = None;
    let mut lines = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        match header {
            None => header = Some(read_header(path, number, line)?),
            Some((version, _)) => lines.push(read_line(path, number, line, version)?),
        }
    }
    let torn = complete < bytes.len();
    Ok(Journal {
        bytes,
        header,
        lines,
        torn,
    })
}

fn read_header(path: &Path, number: usize, line: &str) -> Result<(u32, Base), StoreError> {
    match read_one(path, number, line) {
        Ok(Line::Journal { version, base }) => Ok((version, base)),
        Ok(_) => Err(damaged(
            path,
            number,
            1,
            "the first line must be `Journal(version: …, base: …)`",
        )),
        Err(err) => {
            // A newer careerbook may have added to the first line: its
            // version alone says whether it is ours to read.
            #[derive(Deserialize)]
            enum Probe {
                Journal { version: u32 },
            }
            match ron::Options::default().from_str::<Probe>(line) {
                Ok(Probe::Journal { version }) if version > CURRENT_VERSION => {
                    Err(newer(path, version))
                }
                _ => Err(err),
            }
        }
    }
}

fn read_line(path: &Path, number: usize, line: &str, version: u32) -> Result<Line, StoreError> {
    match read_one(path, number, line) {
        Ok(Line::Journal { .. }) => Err(damaged(
            path,
            number,
            1,
            "only the first line may be `Journal(…)`",
        )),
        Ok(line) => Ok(line),
        Err(_) if version > CURRENT_VERSION => Err(newer(path, version)),
        Err(err) => Err(err),
    }
}

/// One line, with an error placed at its line in the journal.
fn read_one(path: &Path, number: usize, line: &str) -> Result<Line, StoreError> {
    file::read_ron(path, line).map_err(|err| match err {
        StoreError::Damaged {
            path,
            at: Some((_, column)),
            message,
            backup,
        } => StoreError::Damaged {
            path,
            at: Some((number, column)),
            message,
            backup,
        },
        other => other,
    })
}

fn damaged(path: &Path, line: usize, column: usize, message: &str) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        at: Some((line, column)),
        message: message.to_string(),
        backup: None,
    }
}

fn newer(path: &Path, found: u32) -> StoreError {
    StoreError::Newer {
        path: path.to_path_buf(),
        found,
        supported: CURRENT_VERSION,
    }
}

/// The line that saves `edit`, applied on `date` and leaving the id counter
/// at `next_id`.
pub fn edit_line(date: NaiveDate, next_id: Id, edit: &Edit) -> Result<Vec<u8>, StoreError> {
    to_line(&Line::Edit {
        date,
        next_id,
        edit: Box::new(edit.clone()),
    })
}

/// A line as careerbook writes it: RON on one line, spaced for reading, with
/// line breaks inside text escaped (`\n`) so that one line is one edit.
fn to_line(line: &Line) -> Result<Vec<u8>, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .escape_strings(true)
        .depth_limit(0);
    let unwritable = |why: String| StoreError::ReadOnly {
        reason: format!("the edit could not be written as RON ({why})"),
    };
    let mut text = ron::ser::to_string_pretty(line, config)
        .map(super::file::tidy_escapes)
        .map_err(|e| unwritable(e.to_string()))?;
    if text.contains('\n') {
        return Err(unwritable("it would not fit on one line".into()));
    }
    text.push('\n');
    Ok(text.into_bytes())
}

/// Where new lines go.
#[derive(Clone, Copy, Debug)]
pub enum Onto {
    /// After the `len` bytes of the journal as it was read.
    Existing(u64),
    /// A new journal, for edits made on the workbook file `base`.
    New(Base),
}

/// Adds whole `lines` to the journal at `path` and flushes them, returning
/// the bytes the file gained (a new journal's first line included). A new
/// journal is created whole (temp file, flush, rename, flush the directory),
/// so it never exists half-written; appending to one that exists needs only
/// one flush of its data. An append that fails is cut back to the length it
/// had, so nothing half-written stays (and what cannot be cut is a torn last
/// line, which readers ignore).
pub fn append(
    disk: &dyn Disk,
    path: &Path,
    onto: Onto,
    lines: &[u8],
) -> Result<Vec<u8>, StoreError> {
    match onto {
        Onto::New(base) => {
            let mut bytes = to_line(&Line::Journal {
                version: CURRENT_VERSION,
                base,
            })?;
            bytes.extend_from_slice(lines);
            let dir = file::parent_dir(path);
            file::replace(disk, dir, path, &bytes)?;
            file::sync_dir(disk, dir)?;
            Ok(bytes)
        }
        Onto::Existing(len) => {
            let mut file = disk
                .open_append(path)
                .map_err(|e| StoreError::io("open", path, e))?;
            let written = disk
                .write_all(&mut file, lines)
                .map_err(|e| StoreError::io("write", path, e))
                .and_then(|()| {
                    disk.sync_data(&file)
                        .map_err(|e| StoreError::io("flush to disk", path, e))
                });
            if written.is_err() {
                let _ = disk.truncate(&file, len);
            }
            written.map(|()| lines.to_vec())
        }
    }
}

/// Writes `bytes` as the workbook, whole, at `target` (the workbook, or the
/// file a linked one leads to): the new file is staged and flushed; then, if
/// a journal exists (`journal`: its length as read), a `Folded` line naming
/// the new bytes is added to it; then, if the workbook is still `as_read`
/// (nobody wrote it since; `ChangedWhileSaving` otherwise), the new file is
/// renamed into place. The rename is durable after `file::sync_dir`; only
/// then may the journal be removed ([`remove`]). Cut short anywhere, this
/// leaves the old workbook with its journal still applying, or the new one
/// with the journal inert.
pub(crate) fn replace_workbook(
    disk: &dyn Disk,
    paths: &Paths,
    target: &Path,
    bytes: &[u8],
    journal: Option<u64>,
    as_read: AsRead,
) -> Result<(), StoreError> {
    let temp = file::stage(disk, file::parent_dir(target), target, bytes)?;
    if let Some(len) = journal {
        let folded = to_line(&Line::Folded {
            len: bytes.len() as u64,
            fingerprint: fingerprint(bytes),
        })
        .and_then(|line| append(disk, &paths.journal, Onto::Existing(len), &line));
        if let Err(err) = folded {
            file::discard(disk, &temp);
            return Err(err);
        }
    }
    // Last, since staging and flushing take the longest: a program that
    // writes without the lock may have written since the file was read.
    if let Err(err) = as_read.check(&paths.workbook) {
        file::discard(disk, &temp);
        return Err(err);
    }
    file::put_in_place(disk, &temp, target)
}

/// Removes a journal whose edits are all in the workbook now. The directory
/// is not flushed: a removal lost in a crash brings back a journal whose
/// last `Folded` line names the workbook, which makes it inert.
pub fn remove(disk: &dyn Disk, path: &Path) -> Result<(), StoreError> {
    disk.remove_file(path)
        .map_err(|e| StoreError::io("remove", path, e))
}

/// What applying a journal's edits did.
#[derive(Debug, Default, PartialEq)]
pub struct Replayed {
    /// Edits that no longer applied (to a workbook changed by hand since), in words.
    pub dropped: Vec<String>,
    /// Conflicts they stored, meeting such changes.
    pub outcome: Outcome,
}

/// Applies `entries` to `wb` in order, each as it was first applied (on its
/// own date, storing conflicts as a person's edit does). On the workbook the
/// edits were made on, the result is exactly what was saved, ids included.
/// On one changed since (by hand), each merges field by field like any edit
/// re-applied to a newer file; an added record whose id was taken gets a
/// fresh one, and the edits after it follow.
pub fn replay(wb: &mut Workbook, mut entries: Vec<Entry>) -> Replayed {
    let mut replayed = Replayed::default();
    for i in 0..entries.len() {
        let before = entries[i].edit.added_ids();
        let date = entries[i].date;
        match entries[i].edit.apply_as(wb, date, Merge::Record) {
            Ok((_, outcome)) => {
                replayed.outcome.conflicts.extend(outcome.conflicts);
                let after = entries[i].edit.added_ids();
                for (kind, from, to) in edit::renamed(&before, &after) {
                    for later in &mut entries[i + 1..] {
                        later.edit.remap(kind, from, to);
                    }
                }
            }
            Err(err) => replayed.dropped.push(format!(
                "{} (saved {}): {err}",
                entries[i].edit.describe().join("; "),
                entries[i].date
            )),
        }
    }
    replayed
}

/// The edits among `lines`, in order.
fn entries(lines: &[Line]) -> Vec<Entry> {
    lines
        .iter()
        .filter_map(|line| match line {
            Line::Edit { date, edit, .. } => Some(Entry {
                date: *date,
                edit: (**edit).clone(),
            }),
            _ => None,
        })
        .collect()
}

/// The workbook bytes `workbook` with the journal's edits applied, written
/// as one file: what a backup of the two must hold.
pub fn folded(
    paths: &Paths,
    steps: &[migrate::Step],
    workbook: &[u8],
    journal: &Journal,
) -> Result<Vec<u8>, StoreError> {
    let mut wb = match file::parse(&paths.workbook, workbook, steps)? {
        Parsed::Current(wb) | Parsed::Migrated { workbook: wb, .. } => wb,
        // Never written, so never folded: the file stays as it is.
        Parsed::Newer { .. } => return Ok(workbook.to_vec()),
    };
    replay(&mut wb, journal.pending(workbook));
    file::to_bytes(&wb)
}

/// A fingerprint of a workbook's bytes, for a `Folded` line: FNV-1a over
/// little-endian 8-byte words (the last padded with zeros). It is stable
/// across builds and platforms, as a value on disk must be, and tells
/// careerbook's own fold from a hand edit; it is no defence against a
/// collision made on purpose, which nothing here needs.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.chunks(8).fold(OFFSET, |hash, chunk| {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        (hash ^ u64::from_le_bytes(word)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::edit::{Kind, Part, Section};
    use crate::domain::impact::{Category, Win};

    const FIXTURE: &str = include_str!("../../tests/fixtures/workbook-v2.ron");

    fn fixture() -> Workbook {
        match file::parse(Path::new("v2.ron"), FIXTURE.as_bytes(), migrate::STEPS) {
            Ok(Parsed::Current(wb)) => wb,
            other => panic!("the fixture parses: {other:?}"),
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
    }

    fn base() -> Base {
        Base {
            inode: 7,
            len: 99,
            modified: 1,
        }
    }

    /// A journal holding `edits`, made on `base()`.
    fn journal_of(edits: &[Edit]) -> Vec<u8> {
        let mut bytes = to_line(&Line::Journal {
            version: CURRENT_VERSION,
            base: base(),
        })
        .expect("header");
        for (n, edit) in edits.iter().enumerate() {
            bytes.extend(edit_line(day(), n as u64 + 100, edit).expect("line"));
        }
        bytes
    }

    fn win(title: &str) -> Win {
        Win {
            id: 0,
            date: day(),
            title: title.into(),
            category: Category::Revenue,
            metric: None,
            notes: None,
            tags: Vec::new(),
            link: None,
        }
    }

    #[test]
    fn every_kind_of_record_and_part_is_one_line_that_reads_back_the_same() {
        let wb = fixture();
        let mut edits = Vec::new();
        for &kind in Kind::ALL {
            for id in kind.ids(&wb) {
                let item = kind.find(&wb, id).expect("record");
                edits.push(Edit::Add(item.clone()));
                edits.push(Edit::update(item.clone(), item.clone()));
                edits.push(Edit::Restore(item, 3));
                edits.push(Edit::Remove(kind, id));
            }
        }
        let sections = [
            Section::of(Part::Severance, &wb),
            Section::of(Part::Positioning, &wb),
            Section::of(Part::Withholding, &wb),
            Section::of(Part::LayoffNotice, &wb),
        ];
        for section in sections {
            edits.push(Edit::set(section.clone(), section));
        }
        edits.push(Edit::Batch(vec![
            Edit::Remove(Kind::Win, 1),
            Edit::Batch(Vec::new()),
        ]));
        let bytes = journal_of(&edits);
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        assert_eq!(text.lines().count(), edits.len() + 1, "one line per edit");
        let read = parse(Path::new("j"), bytes).expect("reads back");
        let back: Vec<Edit> = read.pending(b"any").into_iter().map(|e| e.edit).collect();
        assert_eq!(back, edits);
        assert!(!read.torn);
    }

    #[test]
    fn text_stays_readable_and_line_breaks_inside_it_are_escaped() {
        let mut w = win("Priya's \"quoted\" win, café 日本");
        w.notes = Some("two\nlines\tand a tab".into());
        let line = edit_line(day(), 5, &Edit::Add(w.into())).expect("line");
        let text = String::from_utf8(line).expect("utf-8");
        assert_eq!(text.matches('\n').count(), 1, "{text}");
        assert!(text.ends_with('\n'));
        assert!(text.contains("café 日本"), "accents stay as typed: {text}");
        assert!(
            text.contains(r#"notes: Some("two\nlines\tand a tab")"#),
            "{text}"
        );
        assert!(
            text.starts_with(r#"Edit(date: "2026-11-26", next_id: 5, edit: Add(Win((id: 0, "#),
            "{text}"
        );
    }

    #[test]
    fn a_torn_last_line_is_ignored_and_said() {
        let mut bytes = journal_of(&[Edit::Add(win("kept").into())]);
        bytes.extend(&edit_line(day(), 9, &Edit::Add(win("torn").into())).expect("line")[..30]);
        let read = parse(Path::new("j"), bytes).expect("a torn line is not an error");
        assert!(read.torn);
        assert_eq!(read.pending(b"w").len(), 1);
        assert!(!read.appendable(None));
        // Cut anywhere, a journal reads as its whole lines.
        let full = journal_of(&[Edit::Add(win("a").into()), Edit::Add(win("b").into())]);
        for cut in 0..full.len() {
            let read = parse(Path::new("j"), full[..cut].to_vec()).expect("whole lines read");
            let lines = full[..cut].iter().filter(|&&b| b == b'\n').count();
            assert_eq!(
                read.pending(b"w").len(),
                lines.saturating_sub(1),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn a_damaged_line_is_refused_at_its_line_and_column() {
        let mut bytes = journal_of(&[Edit::Add(win("ok").into())]);
        bytes.extend(b"Edit(date: \"2026-13-40\", next_id: 1, edit: Remove(Win, 1))\n");
        let err = parse(Path::new("workbook.journal"), bytes).unwrap_err();
        let StoreError::Damaged {
            at: Some((3, column)),
            ref message,
            ..
        } = err
        else {
            panic!("expected Damaged on line 3, got {err:?}");
        };
        assert!(column >= 12, "points into the line: {column}");
        assert!(message.contains("date"), "{message}");
        assert!(
            err.to_string()
                .starts_with("workbook.journal cannot be read: line 3"),
            "{err}"
        );
    }

    #[test]
    fn a_journal_from_a_newer_careerbook_is_recognised_even_with_unknown_fields() {
        let newer = format!(
            "Journal(version: {}, base: (inode: 1, len: 2, modified: 3), shard: 4)\n",
            CURRENT_VERSION + 1
        );
        let err = parse(Path::new("j"), newer.into_bytes()).unwrap_err();
        assert!(
            matches!(err, StoreError::Newer { found, .. } if found == CURRENT_VERSION + 1),
            "{err:?}"
        );
        // A newer one this build can read is read, and said to be newer.
        let readable = format!(
            "Journal(version: {}, base: (inode: 1, len: 2, modified: 3))\nEdit(date: \"2026-11-26\", next_id: 2, edit: Remove(Win, 1))\n",
            CURRENT_VERSION + 1
        );
        let read = parse(Path::new("j"), readable.into_bytes()).expect("readable");
        assert!(read.is_newer());
        assert!(!read.appendable(None));
        // With a line it cannot read, it is refused as newer, not as damaged.
        let unknown = format!(
            "Journal(version: {}, base: (inode: 1, len: 2, modified: 3))\nShard(4)\n",
            CURRENT_VERSION + 1
        );
        let err = parse(Path::new("j"), unknown.into_bytes()).unwrap_err();
        assert!(matches!(err, StoreError::Newer { .. }), "{err:?}");
    }

    #[test]
    fn edits_before_a_folded_line_naming_the_workbook_are_not_applied_again() {
        let workbook = b"(version: 2, next_id: 1)\n";
        let other = b"(version: 2, next_id: 9)\n";
        let mut bytes = journal_of(&[Edit::Add(win("folded in").into())]);
        bytes.extend(
            to_line(&Line::Folded {
                len: workbook.len() as u64,
                fingerprint: fingerprint(workbook),
            })
            .expect("line"),
        );
        bytes.extend(edit_line(day(), 3, &Edit::Add(win("after").into())).expect("line"));
        let read = parse(Path::new("j"), bytes).expect("reads");
        let titles = |bytes: &[u8]| -> Vec<String> {
            read.pending(bytes)
                .into_iter()
                .map(|e| e.edit.describe().join(""))
                .collect()
        };
        assert_eq!(titles(workbook), ["added win “after”"]);
        // The fold never replaced this workbook (its rename failed): all apply.
        assert_eq!(
            titles(other),
            ["added win “folded in”", "added win “after”"]
        );
        assert!(
            !read.appendable(None),
            "a fold under way takes no more lines"
        );
    }

    #[test]
    fn replay_renames_an_added_record_whose_id_was_taken_in_the_edits_after_it() {
        let mut saved = Workbook::default();
        let mut add = Edit::Add(win("logged").into());
        add.apply(&mut saved, day()).expect("add");
        let logged = saved.impact.wins[0].clone();
        let retitled = Win {
            title: "logged, then retitled".into(),
            ..logged.clone()
        };
        let entries = vec![
            Entry {
                date: day(),
                edit: add,
            },
            Entry {
                date: day(),
                edit: Edit::update(logged, retitled),
            },
        ];
        // On the workbook it was made on: exactly what was saved.
        let mut same = Workbook::default();
        assert_eq!(replay(&mut same, entries.clone()), Replayed::default());
        assert_eq!(same.impact.wins[0].id, 1);
        // A hand edit added win 1 meanwhile: ours becomes 2, and the retitle follows it.
        let mut edited = Workbook::default();
        let mut by_hand = win("added by hand");
        by_hand.id = 1;
        edited.impact.wins.push(by_hand);
        edited.next_id = 2;
        assert_eq!(replay(&mut edited, entries), Replayed::default());
        let titles: Vec<(u64, &str)> = edited
            .impact
            .wins
            .iter()
            .map(|w| (w.id, w.title.as_str()))
            .collect();
        assert_eq!(titles, [(1, "added by hand"), (2, "logged, then retitled")]);
    }

    #[test]
    fn lines_may_be_added_only_to_a_whole_journal_made_on_the_workbook_as_it_is() {
        let stamp = Stamp {
            inode: 7,
            len: 99,
            modified: 1,
        };
        let bytes = journal_of(&[Edit::Add(win("a").into()), Edit::Add(win("b").into())]);
        let read = |bytes: &[u8]| parse(Path::new("j"), bytes.to_vec()).expect("reads");
        assert!(read(&bytes).appendable(Some(stamp)));
        assert_eq!(
            read(&bytes).next_id(),
            Some(101),
            "the counter after the last edit"
        );
        let moved = Stamp { len: 100, ..stamp };
        assert!(
            !read(&bytes).appendable(Some(moved)),
            "the workbook changed"
        );
        assert!(
            !read(&bytes[..bytes.len() - 1]).appendable(Some(stamp)),
            "torn"
        );
        let mut folding = bytes.clone();
        folding.extend(
            to_line(&Line::Folded {
                len: 1,
                fingerprint: 2,
            })
            .expect("line"),
        );
        assert!(!read(&folding).appendable(Some(stamp)), "a fold under way");
        assert_eq!(read(&folding).next_id(), None);
    }

    #[test]
    fn the_fingerprint_is_fixed_for_all_time() {
        // A value on disk: a change here would make every fold line written
        // so far name no workbook, and the journal before it apply twice.
        assert_eq!(fingerprint(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(
            fingerprint(b"(version: 2)\n"),
            fingerprint(b"(version: 2)\n")
        );
        assert_ne!(
            fingerprint(b"(version: 2)\n"),
            fingerprint(b"(version: 3)\n")
        );
        // "careerbook" is the words "careerbo" and "ok\0\0\0\0\0\0", little-endian,
        // each xored in and multiplied by the FNV prime (computed apart, in Python).
        assert_eq!(fingerprint(b"careerbook"), 0x7d4b_af37_c5c4_bfc7);
    }

    #[test]
    fn folding_is_due_past_a_sixteenth_of_the_workbook_or_32_kib() {
        assert!(!is_due_for_folding(32 * 1024, 0));
        assert!(is_due_for_folding(32 * 1024 + 1, 0));
        // 21 MB workbook: 1.3 MB of journal.
        assert!(!is_due_for_folding(1_300_000, 21_000_000));
        assert!(is_due_for_folding(1_320_000, 21_000_000));
    }
}
