//! The advisory lock held around each read-modify-write of the workbook.
//!
//! The lock lives in its own file so that the workbook itself can be replaced by
//! rename while the lock is held. The kernel drops the lock when its holder
//! exits, so a killed process never leaves the workbook locked.

use super::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long a writer waits for another writer before giving up with a message.
pub const WAIT: Duration = Duration::from_secs(10);

#[derive(Debug)]
pub struct Lock {
    file: File,
}

impl Lock {
    /// Takes the lock at `path`, waiting up to `wait` for another holder.
    pub fn acquire(path: &Path, wait: Duration) -> Result<Self, StoreError> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| StoreError::io("open the lock file", path, e))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Self { file }),
                Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                    sleep(Duration::from_millis(5));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::Busy {
                        path: path.to_path_buf(),
                        seconds: wait.as_secs(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(StoreError::io("lock", path, e)),
            }
        }
    }
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
}
