//! Adding one record without reading the workbook: what makes `careerbook
//! log` take the same time at any size.
//!
//! A record whose checks read nothing but itself (a win, say) needs only the
//! next id. When a journal made on the workbook file as it is now already
//! exists, its last line holds the id counter, so the record is checked,
//! numbered and appended as one more line, under the lock, reading the
//! journal (kept small by folds) but not the workbook. Whenever anything else is needed — no journal yet,
//! the first save of the day (whose backup must hold everything), a journal
//! to fold, a workbook changed by hand, a leftover temp file — this declines
//! and the caller opens a whole [`Session`](super::Session), which does the
//! same edit the slow way and leaves a journal for the next time.

use super::disk::{Disk, RealDisk};
use super::journal::{self, Onto};
use super::lock::{self, Lock};
use super::{Paths, StoreError, backup, file};
use crate::domain::edit::{Edit, EditError, Item, Merge};
use crate::domain::workbook::Workbook;
use chrono::NaiveDate;

/// What a quick add did.
#[derive(Debug, PartialEq)]
pub enum Quick {
    /// Saved: the record as stored, with its id.
    Saved(Box<Item>),
    /// The record was refused (a bad value); nothing changed.
    Refused(EditError),
    /// It takes the whole workbook: open a session instead.
    Declined,
}

/// Adds `item`, checked against `today`, if that can be done without reading
/// the workbook.
pub fn add(paths: &Paths, item: Item, today: NaiveDate) -> Result<Quick, StoreError> {
    add_with_disk(paths, item, today, &RealDisk)
}

/// [`add`] with every write going through `disk`: for tests that make the
/// file system fail on purpose.
pub fn add_with_disk(
    paths: &Paths,
    item: Item,
    today: NaiveDate,
    disk: &dyn Disk,
) -> Result<Quick, StoreError> {
    if !item.stands_alone() || !paths.journal.exists() || file::has_temp_files(paths) {
        return Ok(Quick::Declined);
    }
    let _lock = Lock::acquire(&paths.lock, lock::WAIT)?;
    let Some(workbook) = file::stamp(&paths.workbook) else {
        return Ok(Quick::Declined);
    };
    let Some(journal) = file::stamp(&paths.journal) else {
        return Ok(Quick::Declined);
    };
    if journal::is_due_for_folding(journal.len, workbook.len) || !backup::taken_today(paths) {
        return Ok(Quick::Declined);
    }
    let Some(bytes) = file::read_bytes(&paths.journal)? else {
        return Ok(Quick::Declined);
    };
    let len = bytes.len() as u64;
    // Read whole, as a session would: a line is never added to a journal
    // that a full read would refuse (a session then says why).
    let Ok(read) = journal::parse(&paths.journal, bytes) else {
        return Ok(Quick::Declined);
    };
    let next_id = read.next_id().filter(|_| read.appendable(Some(workbook)));
    let Some(next_id) = next_id else {
        return Ok(Quick::Declined);
    };
    // The record's checks read nothing else, so a workbook holding only the
    // id counter checks and numbers it exactly as the whole one would.
    let mut counter = Workbook {
        next_id,
        ..Workbook::default()
    };
    let mut edit = Edit::Add(item);
    if let Err(refused) = edit.apply_as(&mut counter, today, Merge::Record) {
        return Ok(Quick::Refused(refused));
    }
    let stored = edit
        .added_ids()
        .first()
        .and_then(|&(kind, id)| kind.find(&counter, id));
    let Some(stored) = stored else {
        return Ok(Quick::Declined);
    };
    let line = journal::edit_line(today, counter.next_id, &edit)?;
    let size = workbook.len + len + line.len() as u64;
    let limit = file::max_bytes();
    if size > limit {
        return Err(StoreError::WouldBeTooLarge {
            path: paths.workbook.clone(),
            size,
            limit,
        });
    }
    journal::append(disk, &paths.journal, Onto::Existing(len), &line)?;
    Ok(Quick::Saved(Box::new(stored)))
}
