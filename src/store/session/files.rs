//! The workbook and its journal as a session reads them: together, so that a
//! fold by another process between the two reads is never half seen.

use crate::store::digest::Digest;
use crate::store::file::{self, Stamp};
use crate::store::journal::{self, Journal};
use crate::store::{Paths, StoreError};
use std::time::Duration;

/// How often reading both files is tried while another process keeps folding.
const TRIES: usize = 50;

/// The workbook file and the journal, read as one.
pub struct Files {
    /// `None`: there is no workbook.
    pub workbook: Option<Vec<u8>>,
    /// The digest of those bytes.
    pub digest: Option<Digest>,
    /// The stamp of the workbook file the bytes came from.
    pub stamp: Option<Stamp>,
    pub journal: Option<Journal>,
    pub journal_stamp: Option<Stamp>,
}

impl Files {
    /// Reads the workbook, then the journal, then checks that the workbook is
    /// still the file that was read. A fold in between (a new workbook renamed
    /// in, the journal removed) would otherwise show the old workbook without
    /// the journal's edits; then both are read again.
    pub fn read(paths: &Paths) -> Result<Files, StoreError> {
        for _ in 0..TRIES {
            let workbook = file::read_stamped(&paths.workbook)?;
            let journal = file::read_stamped(&paths.journal)?;
            let stamp = workbook.as_ref().map(|(_, stamp)| *stamp);
            if file::stamp(&paths.workbook) != stamp {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
            let (journal, journal_stamp) = match journal {
                Some((bytes, stamp)) => (Some(journal::parse(&paths.journal, bytes)?), Some(stamp)),
                None => (None, None),
            };
            let workbook = workbook.map(|(bytes, _)| bytes);
            return Ok(Files {
                digest: workbook.as_deref().map(Digest::of),
                workbook,
                stamp,
                journal,
                journal_stamp,
            });
        }
        Err(StoreError::io(
            "read",
            &paths.workbook,
            std::io::Error::other("it kept changing while it was read; try again"),
        ))
    }

    /// The journal's bytes; empty when there is none.
    pub fn journal_bytes(&self) -> &[u8] {
        self.journal.as_ref().map_or(&[], |j| &j.bytes)
    }
}

/// The journal as a session last read or wrote it.
#[derive(Debug)]
pub struct Seen {
    /// Its bytes; empty when there is none.
    pub bytes: Vec<u8>,
    pub stamp: Option<Stamp>,
    /// Lines may be added to it ([`Journal::appendable`]); true when there
    /// is none, as a save then creates one.
    pub appendable: bool,
    /// How many of its edits the session's workbook holds: those that
    /// applied when it was read, and those the session added since.
    pub pending: usize,
    /// Its last line was cut short and ignored.
    pub torn: bool,
}

impl Seen {
    /// No journal.
    pub fn none() -> Self {
        Seen {
            bytes: Vec::new(),
            stamp: None,
            appendable: true,
            pending: 0,
            torn: false,
        }
    }

    /// The journal read beside the workbook file `workbook`, of which
    /// `pending` edits applied.
    pub fn of(
        journal: &Journal,
        stamp: Option<Stamp>,
        workbook: Option<Stamp>,
        pending: usize,
    ) -> Self {
        Seen {
            bytes: journal.bytes.clone(),
            stamp,
            appendable: journal.appendable(workbook),
            pending,
            torn: journal.torn,
        }
    }

    pub fn present(&self) -> bool {
        self.stamp.is_some() || !self.bytes.is_empty()
    }

    /// After a failed write the journal may hold more than the session
    /// knows (a line written but not flushed, a `Folded` line before a
    /// rename that failed): what is there now is remembered, so a later save
    /// never takes our own line for another writer's, and that save writes
    /// the workbook whole.
    pub fn recheck(&mut self, paths: &Paths) {
        if let Ok(now) = file::read_stamped(&paths.journal) {
            (self.bytes, self.stamp) = match now {
                Some((bytes, stamp)) => (bytes, Some(stamp)),
                None => (Vec::new(), None),
            };
        }
        self.appendable = false;
    }
}
