//! The advisory lock held around each read-modify-write of the workbook.
//!
//! The lock lives in its own file so that the workbook itself can be replaced by
//! rename while the lock is held. The kernel drops the lock when its holder
//! exits, so a killed process never leaves the workbook locked.

use super::StoreError;
use std::fs::{File, OpenOptions, Permissions, TryLockError};
use std::io::{ErrorKind, Read, Seek, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::sync::OnceLock;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// What this process writes into a lock it holds (`careerbook log`).
static IDENTITY: OnceLock<String> = OnceLock::new();

/// Names this process for the locks it takes; set once, as it starts.
pub fn set_identity(name: &str) {
    let _ = IDENTITY.set(name.to_string());
}

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
        let mut file = open(path)?;
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

/// Opens (creating) the lock file: never through a link, which would make
/// careerbook write its name into whatever file the link points at; owner-only.
fn open(path: &Path) -> Result<File, StoreError> {
    let nofollow = rustix::fs::OFlags::NOFOLLOW.bits() as i32;
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(nofollow)
        .open(path)
        .map_err(|e| {
            let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            match link {
                true => StoreError::io(
                    "use",
                    path,
                    std::io::Error::new(
                        ErrorKind::InvalidInput,
                        "it is a symbolic link, which careerbook will not follow; remove it \
                         (careerbook makes a new one)",
                    ),
                ),
                false => StoreError::io("open the lock file", path, e),
            }
        })?;
    // A lock file copied in or made loose by hand is put back to owner-only.
    if let Ok(meta) = file.metadata()
        && meta.mode() & 0o777 != 0o600
        && meta.uid() == rustix::process::geteuid().as_raw()
    {
        let _ = file.set_permissions(Permissions::from_mode(0o600));
    }
    Ok(file)
}

fn busy(path: &Path, file: &mut File, waited: Duration, stopped: bool) -> StoreError {
    StoreError::Busy {
        path: path.to_path_buf(),
        holder: holder(file).unwrap_or_else(|| "another careerbook".into()),
        seconds: waited.as_secs().max(1),
        stopped,
    }
}

/// Writes who we are into the lock file we now hold: `careerbook log, pid 42`.
fn sign(file: &mut File) -> std::io::Result<()> {
    let who = IDENTITY.get().map_or("careerbook", String::as_str);
    let name = format!("{who}, pid {}", std::process::id());
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(name.as_bytes())
}

/// Who holds the lock, as the holder wrote it — if that process is still
/// running and is not us (a holder that is not careerbook writes nothing,
/// and the name left by an earlier holder would be wrong).
fn holder(file: &mut File) -> Option<String> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(200).read_to_string(&mut text).ok()?;
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    let text = text.trim();
    let pid = text.rsplit_once("pid ")?.1.parse::<i32>().ok()?;
    let alive = rustix::process::Pid::from_raw(pid)
        .is_some_and(|pid| rustix::process::test_kill_process(pid).is_ok());
    (alive && pid as u32 != std::process::id()).then(|| text.to_string())
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
    fn a_waiter_can_stop_waiting_and_is_never_told_it_waits_for_itself() {
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
        // The name in the file is this process's own: not who we wait for.
        // (tests/reliability/writers.rs checks the name of another process.)
        assert_eq!(seen, [None]);
        let StoreError::Busy {
            stopped, holder, ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert!(*stopped);
        assert_eq!(holder, "another careerbook");
        assert!(err.to_string().contains("stopped waiting"), "{err}");
    }

    #[test]
    fn a_lock_file_that_is_a_link_is_never_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let victim = dir.path().join("notes.txt");
        std::fs::write(&victim, "my notes").expect("victim");
        let path = dir.path().join("workbook.lock");
        std::os::unix::fs::symlink(&victim, &path).expect("link");
        let err = Lock::acquire(&path, WAIT).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "my notes");
    }

    #[test]
    fn a_loose_lock_file_is_made_owner_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("workbook.lock");
        std::fs::write(&path, "").expect("lock file");
        std::fs::set_permissions(&path, Permissions::from_mode(0o666)).expect("loosen");
        drop(Lock::acquire(&path, WAIT).expect("lock"));
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
