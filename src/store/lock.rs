//! The advisory lock held around each read-modify-write of the workbook.
//!
//! The lock lives in its own file so that the workbook itself can be replaced by
//! rename while the lock is held. The kernel drops the lock when its holder
//! exits, so a killed process never leaves the workbook locked.

use super::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long a writer waits for another writer before giving up with a message.
pub const WAIT: Duration = Duration::from_secs(10);

/// How long a wait goes unmentioned: most are over in milliseconds.
const QUIET: Duration = Duration::from_millis(200);

/// Told, every tenth of a second once a wait has lasted [`QUIET`], who holds
/// the lock and for how long we have waited; answers whether to go on waiting.
pub type Waiter = dyn FnMut(&Waiting) -> bool;

/// A wait in progress.
#[derive(Clone, Debug)]
pub struct Waiting {
    /// Who holds the lock, as it wrote itself into the lock file
    /// (`careerbook log, pid 4242`), if it could be read.
    pub holder: Option<String>,
    pub waited: Duration,
    pub limit: Duration,
}

#[derive(Debug)]
pub struct Lock {
    file: File,
}

impl Lock {
    /// Takes the lock at `path`, waiting up to `wait` for another holder.
    pub fn acquire(path: &Path, wait: Duration) -> Result<Self, StoreError> {
        Self::acquire_with(path, wait, None)
    }

    /// Takes the lock, telling `waiter` about a wait that lasts; the waiter
    /// can stop waiting early. The holder's name is written into the lock
    /// file, so a process waiting for it can say whom it waits for.
    pub fn acquire_with(
        path: &Path,
        wait: Duration,
        mut waiter: Option<&mut dyn FnMut(&Waiting) -> bool>,
    ) -> Result<Self, StoreError> {
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| StoreError::io("open the lock file", path, e))?;
        let started = Instant::now();
        let mut told = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => {
                    // Best effort: the name only helps a waiter explain itself.
                    let _ = sign(&mut file);
                    return Ok(Self { file });
                }
                Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                    let waited = started.elapsed();
                    if let Some(waiter) = waiter.as_deref_mut()
                        && waited >= QUIET
                        && told.elapsed() >= Duration::from_millis(100)
                    {
                        told = Instant::now();
                        let waiting = Waiting {
                            holder: holder(&mut file),
                            waited,
                            limit: wait,
                        };
                        if !waiter(&waiting) {
                            return Err(busy(path, &mut file, waited, true));
                        }
                    }
                    sleep(Duration::from_millis(5));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(busy(path, &mut file, wait, false));
                }
                Err(TryLockError::Error(e)) => return Err(StoreError::io("lock", path, e)),
            }
        }
    }
}

fn busy(path: &Path, file: &mut File, waited: Duration, stopped: bool) -> StoreError {
    StoreError::Busy {
        path: path.to_path_buf(),
        holder: holder(file).unwrap_or_else(|| "another careerbook".into()),
        seconds: waited.as_secs().max(1),
        stopped,
    }
}

/// Writes who we are into the lock file we now hold.
fn sign(file: &mut File) -> std::io::Result<()> {
    let command = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "full-screen".into());
    let name = format!("careerbook {command}, pid {}", std::process::id());
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(name.as_bytes())
}

/// Who holds the lock, as the holder wrote it.
fn holder(file: &mut File) -> Option<String> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(200).read_to_string(&mut text).ok()?;
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    (!text.trim().is_empty()).then(|| text.trim().to_string())
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first just makes it prompt.
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_then_reports_busy() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("workbook.lock");
        let first = Lock::acquire(&path, WAIT).expect("first lock");
        let second = Lock::acquire(&path, Duration::from_millis(30));
        assert!(matches!(second, Err(StoreError::Busy { .. })));
        drop(first);
        assert!(Lock::acquire(&path, Duration::from_millis(30)).is_ok());
    }

    #[test]
    fn a_waiter_is_told_who_holds_the_lock_and_can_stop_waiting() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("workbook.lock");
        let _held = Lock::acquire(&path, WAIT).expect("first lock");
        let mut seen = Vec::new();
        let mut waiter = |w: &Waiting| {
            seen.push(w.holder.clone());
            false
        };
        let started = Instant::now();
        let err = Lock::acquire_with(&path, WAIT, Some(&mut waiter)).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(2), "stopped early");
        let pid = std::process::id().to_string();
        assert!(
            seen[0].as_deref().is_some_and(|h| h.contains(&pid)),
            "{seen:?}"
        );
        let StoreError::Busy {
            stopped, holder, ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert!(*stopped);
        assert!(holder.contains(&pid), "{holder}");
        assert!(err.to_string().contains("stopped waiting"), "{err}");
    }
}
