//! Files the user names: exports written (brag documents, CSV, calendars) and
//! spreadsheets read for an import.
//!
//! They are written like the workbook (temporary file, flush, rename), so an
//! interrupted export never leaves half a file, and an existing file is only
//! replaced when the user said so — or, for a file careerbook rewrites on every
//! export (a calendar), when careerbook wrote it.

use super::disk::RealDisk;
use super::{Paths, StoreError, file};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` and returns the absolute path written. Without
/// `replace`, an existing file is left alone and reported. Nothing is ever
/// written inside careerbook's own data directory (`ours`): an export must not
/// replace the workbook, its lock or a backup behind the store's back.
pub fn write_file(
    path: &Path,
    bytes: &[u8],
    replace: bool,
    ours: &Paths,
) -> Result<PathBuf, StoreError> {
    let mut target = absolute(path)?;
    // Replacing a link replaces the file it points to; the link stays.
    if fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink()) {
        target = fs::canonicalize(&target).map_err(|e| StoreError::io("follow", &target, e))?;
    }
    let dir = target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("/"));
    if !dir.is_dir() {
        return Err(StoreError::io(
            "write into",
            &dir,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such directory"),
        ));
    }
    refuse_our_directory(&target, ours)?;
    if replace {
        file::write_atomic(&RealDisk, &dir, &target, bytes)?;
        return Ok(target);
    }
    // Link the finished temp file into place: unlike rename, linking fails
    // instead of replacing when the name is taken, even in a race.
    let temp = dir.join(format!(".careerbook-export.{}.tmp", std::process::id()));
    let result = write_temp(&temp, bytes).and_then(|()| {
        fs::hard_link(&temp, &target).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => StoreError::io(
                "write",
                &target,
                std::io::Error::new(
                    e.kind(),
                    "a file with that name already exists; choose another name",
                ),
            ),
            _ => StoreError::io("write", &target, e),
        })
    });
    let _ = fs::remove_file(&temp);
    result.map(|()| target)
}

/// The bytes of a file the user named to import from, refused past the same
/// size limit as a workbook (a spreadsheet of applications is far smaller).
pub fn read_file(path: &Path) -> Result<Vec<u8>, StoreError> {
    file::read_bytes(path)?.ok_or_else(|| {
        StoreError::io(
            "read",
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        )
    })
}

/// Everything on standard input (`import apps -`), refused past the same size
/// limit as a file: no more than one byte beyond it is read.
pub fn read_stdin() -> Result<Vec<u8>, StoreError> {
    let name = Path::new("standard input");
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(file::MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io("read", name, e))?;
    if bytes.len() as u64 > file::MAX_BYTES {
        return Err(StoreError::TooLarge {
            path: name.to_path_buf(),
            size: bytes.len() as u64,
            limit: file::MAX_BYTES,
        });
    }
    Ok(bytes)
}

/// Refuses a target that is, or resolves to, a file in the data directory.
fn refuse_our_directory(target: &Path, ours: &Paths) -> Result<(), StoreError> {
    let resolved = fs::canonicalize(target)
        .or_else(|_| {
            let dir = target.parent().unwrap_or(Path::new("/"));
            fs::canonicalize(dir).map(|d| d.join(target.file_name().unwrap_or_default()))
        })
        .map_err(|e| StoreError::io("find", target, e))?;
    let data_dir = fs::canonicalize(&ours.dir).unwrap_or_else(|_| ours.dir.clone());
    if resolved.starts_with(&data_dir) {
        return Err(StoreError::io(
            "write",
            target,
            std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!(
                    "that is careerbook's own data directory ({}); export somewhere else",
                    data_dir.display()
                ),
            ),
        ));
    }
    Ok(())
}

fn write_temp(temp: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut out = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(temp)
        .map_err(|e| StoreError::io("create", temp, e))?;
    out.write_all(bytes)
        .map_err(|e| StoreError::io("write", temp, e))?;
    out.sync_all()
        .map_err(|e| StoreError::io("flush to disk", temp, e))
}

/// `path` made absolute against the current directory, with a leading `~/`
/// read as the home directory (people type it into forms).
fn absolute(path: &Path) -> Result<PathBuf, StoreError> {
    let text = path.to_string_lossy();
    if let Some(rest) = text.strip_prefix("~/")
        && let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
    {
        return Ok(home.join(rest));
    }
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .map_err(|e| StoreError::io("find the current directory for", path, e))
}

/// How many leading bytes of an existing file are read to recognise it.
const SNIFF_BYTES: u64 = 4096;

/// What [`write_own_file`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnWrite {
    /// Written at this path; `Replaced` says what was there before.
    Written(PathBuf, Replaced),
    /// Nothing written: this existing file is not one careerbook wrote.
    Foreign(PathBuf),
}

/// What was at the target before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replaced {
    Nothing,
    /// A file careerbook had written.
    Ours,
    /// Another file, replaced because the user forced it.
    Forced,
}

/// Writes an export careerbook rewrites each time (a calendar): an existing
/// file is replaced when `is_ours` recognises its first bytes as careerbook's,
/// or when `force`; any other file is left alone. A symbolic link is followed,
/// so the file it points to is replaced and the link stays.
pub fn write_own_file(
    path: &Path,
    bytes: &[u8],
    is_ours: impl Fn(&[u8]) -> bool,
    force: bool,
    data: &Paths,
) -> Result<OwnWrite, StoreError> {
    let mut target = absolute(path)?;
    match fs::symlink_metadata(&target) {
        Ok(meta) if meta.file_type().is_symlink() => {
            target = fs::canonicalize(&target).map_err(|e| StoreError::io("follow", &target, e))?;
        }
        Ok(meta) if meta.is_dir() => {
            return Err(StoreError::io(
                "write",
                &target,
                std::io::Error::new(
                    std::io::ErrorKind::IsADirectory,
                    "it is a directory; give a file name such as vests.ics",
                ),
            ));
        }
        _ => {}
    }
    let replaced = match sniff(&target)? {
        None => Replaced::Nothing,
        Some(head) if is_ours(&head) => Replaced::Ours,
        Some(_) if force => Replaced::Forced,
        Some(_) => return Ok(OwnWrite::Foreign(target)),
    };
    // Without a file there, `write_file` refuses one that appears meanwhile.
    let written = write_file(&target, bytes, replaced != Replaced::Nothing, data)?;
    Ok(OwnWrite::Written(written, replaced))
}

/// The first bytes of an existing file, or `None` when there is none.
fn sniff(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io("read", path, e)),
    };
    let mut head = Vec::new();
    file.take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .map_err(|e| StoreError::io("read", path, e))?;
    Ok(Some(head))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A data directory that is not where the tests export to.
    fn elsewhere() -> Paths {
        Paths::in_dir("/nonexistent/careerbook-data")
    }

    #[test]
    fn never_writes_into_the_data_directory() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Paths::in_dir(dir.path());
        fs::write(&data.workbook, b"(version: 1)").expect("workbook");
        for target in [
            data.workbook.clone(),
            data.dir.join("notes.md"),
            data.backups.join("x.ron"),
        ] {
            let _ = fs::create_dir_all(&data.backups);
            let err = write_file(&target, b"BEGIN:VCALENDAR", true, &data).unwrap_err();
            assert!(err.to_string().contains("own data directory"), "{err}");
        }
        let err = write_own_file(&data.workbook, b"x", |_| true, true, &data).unwrap_err();
        assert!(err.to_string().contains("own data directory"), "{err}");
        assert_eq!(fs::read(&data.workbook).expect("read"), b"(version: 1)");
    }

    #[test]
    fn refuses_to_replace_unless_asked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("brag.md");
        let written = write_file(&path, b"first", false, &elsewhere()).expect("new file");
        assert_eq!(written, path);
        let err = write_file(&path, b"second", false, &elsewhere()).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(fs::read(&path).expect("read"), b"first");
        write_file(&path, b"second", true, &elsewhere()).expect("replace when asked");
        assert_eq!(fs::read(&path).expect("read"), b"second");
        let leftovers = fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary files are left behind");
    }

    #[test]
    fn a_missing_directory_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err =
            write_file(&dir.path().join("nope/brag.md"), b"x", false, &elsewhere()).unwrap_err();
        assert!(err.to_string().contains("no such directory"), "{err}");
    }

    fn ours(head: &[u8]) -> bool {
        head.starts_with(b"OURS")
    }

    #[test]
    fn rewrites_its_own_files_and_leaves_others_alone_unless_forced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.ics");
        assert_eq!(
            write_own_file(&path, b"OURS 1", ours, false, &elsewhere()).expect("new"),
            OwnWrite::Written(path.clone(), Replaced::Nothing)
        );
        assert_eq!(
            write_own_file(&path, b"OURS 2", ours, false, &elsewhere()).expect("ours"),
            OwnWrite::Written(path.clone(), Replaced::Ours)
        );
        assert_eq!(fs::read(&path).expect("read"), b"OURS 2");
        let theirs = dir.path().join("notes.txt");
        fs::write(&theirs, "my notes").expect("write");
        assert_eq!(
            write_own_file(&theirs, b"OURS", ours, false, &elsewhere()).expect("checked"),
            OwnWrite::Foreign(theirs.clone())
        );
        assert_eq!(fs::read(&theirs).expect("read"), b"my notes", "untouched");
        assert_eq!(
            write_own_file(&theirs, b"OURS", ours, true, &elsewhere()).expect("forced"),
            OwnWrite::Written(theirs.clone(), Replaced::Forced)
        );
        assert_eq!(fs::read(&theirs).expect("read"), b"OURS");
        assert_eq!(
            fs::read_dir(dir.path()).expect("list").count(),
            2,
            "no temp files left"
        );
        let err = write_own_file(dir.path(), b"OURS", ours, true, &elsewhere()).unwrap_err();
        assert!(err.to_string().contains("is a directory"), "{err}");
    }

    #[test]
    fn follows_a_link_and_keeps_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.ics");
        fs::write(&real, "OURS old").expect("write");
        let link = dir.path().join("link.ics");
        std::os::unix::fs::symlink(&real, &link).expect("link");
        let written =
            write_own_file(&link, b"OURS new", ours, false, &elsewhere()).expect("written");
        assert!(
            matches!(written, OwnWrite::Written(_, Replaced::Ours)),
            "{written:?}"
        );
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).expect("read"), b"OURS new");
    }
}
