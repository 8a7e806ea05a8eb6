//! The file-system operations a save is made of, behind one small trait, so
//! that tests can make any one of them fail (a full disk, a failing fsync, a
//! refused rename) and check that nothing is lost. careerbook itself only ever
//! uses [`RealDisk`]; nothing a user can set chooses another.
//!
//! The journal's steps (open to append, flush the data, cut back) do what the
//! operating system does unless a test disk overrides them, so a test disk
//! written for whole-file saves fails only the steps it knows.

use std::fmt::Debug;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// The steps of writing a file safely: create, write, flush, rename, flush the
/// directory, and remove (to clean up or rotate).
pub trait Disk: Debug + Send {
    /// Creates `path`, owner-only (0600); fails if it already exists.
    fn create_new(&self, path: &Path) -> io::Result<File>;
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
    /// Flushes the file's contents and metadata to the device.
    fn sync_file(&self, file: &File) -> io::Result<()>;
    /// Replaces `to` with `from` in one step.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Flushes the directory, so that renames and removals in it survive a crash.
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// Opens an existing file to add to its end.
    fn open_append(&self, path: &Path) -> io::Result<File> {
        OpenOptions::new().append(true).open(path)
    }
    /// Flushes what was added to a file (and its new length) to the device:
    /// all an append needs, cheaper than [`Disk::sync_file`].
    fn sync_data(&self, file: &File) -> io::Result<()> {
        file.sync_data()
    }
    /// Cuts a file back to `len` bytes: an append that failed half-way.
    fn truncate(&self, file: &File, len: u64) -> io::Result<()> {
        file.set_len(len)
    }
}

/// The operating system's file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct RealDisk;

impl Disk for RealDisk {
    fn create_new(&self, path: &Path) -> io::Result<File> {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
    }

    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    fn sync_file(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }
}
