//! What a session remembers of the workbook bytes it last read or wrote, to
//! tell whether another writer changed the file since.
//!
//! Keeping the bytes themselves was exact but held the whole file in memory a
//! second time, beside the records read from it (a fifth of the full-screen
//! workbook's peak). The length and a 64-bit hash keyed at random per process
//! take 16 bytes: a change goes unnoticed only if it keeps the length and
//! hits the same hash, about one chance in 10^19 per look, with a key no file
//! can be written against. The hash never leaves the process, so nothing on
//! disk depends on it (the journal's `Folded` lines use their own, stable
//! fingerprint).

use super::StoreError;
use super::file::{self, Stamp};
use std::hash::{BuildHasher, Hasher};
use std::path::Path;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digest {
    len: u64,
    hash: u64,
}

impl Digest {
    pub fn of(bytes: &[u8]) -> Self {
        // foldhash reads long inputs 64 bytes at a time: 2–3 ms for 21.6 MB,
        // a sixth of what SipHash (std's hasher) takes.
        static KEY: OnceLock<foldhash::quality::RandomState> = OnceLock::new();
        let mut hasher = KEY.get_or_init(Default::default).build_hasher();
        hasher.write(bytes);
        Digest {
            len: bytes.len() as u64,
            hash: hasher.finish(),
        }
    }

    /// The length of the bytes, in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }
}

/// The workbook as a writer last read or wrote it, checked again just before
/// its new bytes are renamed into place. The lock keeps other careerbooks
/// out, but an editor or a sync tool takes no lock: what it wrote after the
/// save read the file would be overwritten.
#[derive(Clone, Copy, Debug)]
pub struct AsRead {
    /// `None`: there was no workbook.
    pub digest: Option<Digest>,
    /// The file's stamp then, if known: while it has not moved, the bytes
    /// are not read again (a whole read of a large file for each save).
    pub stamp: Option<Stamp>,
}

impl AsRead {
    /// Bytes read without their stamp: the check reads the file again.
    pub fn bytes(bytes: Option<&[u8]>) -> Self {
        AsRead {
            digest: bytes.map(Digest::of),
            stamp: None,
        }
    }

    /// Whether the workbook at `path` is still as read: the same stamp, or
    /// else the same bytes (a file touched, or written back the same).
    /// Another writer's change is `ChangedWhileSaving`, which stops the save.
    /// What this cannot see: a change that keeps the file's inode, length
    /// and modification time to the nanosecond (a writer that sets the time
    /// back on purpose, or a file system that keeps no time).
    pub fn check(&self, path: &Path) -> Result<(), StoreError> {
        if self.stamp.is_some() && file::stamp(path) == self.stamp {
            return Ok(());
        }
        match file::read_bytes(path)?.as_deref().map(Digest::of) == self.digest {
            true => Ok(()),
            false => Err(StoreError::ChangedWhileSaving {
                path: path.to_path_buf(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_have_the_same_digest_and_any_change_another() {
        let text =
            b"(version: 2, next_id: 4, impact: (wins: [(id: 1, title: \"a\")]))\n".repeat(50);
        assert_eq!(Digest::of(&text), Digest::of(&text.clone()));
        assert_eq!(Digest::of(&text).len(), text.len() as u64);
        // One byte changed anywhere, at every position in a 64-byte block
        // and in the last, partial one; two bytes swapped; a byte cut.
        for at in (0..text.len()).step_by(7).chain([text.len() - 1]) {
            let mut changed = text.clone();
            changed[at] ^= 0x01;
            assert_ne!(Digest::of(&changed), Digest::of(&text), "byte {at}");
        }
        let mut swapped = text.clone();
        swapped.swap(100, 101);
        assert_ne!(Digest::of(&swapped), Digest::of(&text));
        assert_ne!(Digest::of(&text[1..]), Digest::of(&text));
    }

    #[test]
    fn a_change_that_keeps_the_length_is_seen() {
        // What a hand edit or another careerbook often does: the same number
        // of bytes, different digits or letters, far apart.
        let text = "(id: 1, amount: \"1000\")\n".repeat(10_000);
        let edited = text
            .replacen("1000", "9000", 1)
            .replacen("1000", "2000", 5_000);
        assert_eq!(edited.len(), text.len());
        assert_ne!(Digest::of(edited.as_bytes()), Digest::of(text.as_bytes()));
    }
}
