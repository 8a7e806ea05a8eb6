//! Files the user asks for by name: brag documents, CSV, calendars.
//!
//! They are written like the workbook (temporary file, flush, rename), so an
//! interrupted export never leaves half a file, and an existing file is only
//! replaced when the user said so.

use super::disk::RealDisk;
use super::{StoreError, file};
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` and returns the absolute path written. Without
/// `replace`, an existing file is left alone and reported.
pub fn write_file(path: &Path, bytes: &[u8], replace: bool) -> Result<PathBuf, StoreError> {
    let target = absolute(path)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_replace_unless_asked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("brag.md");
        let written = write_file(&path, b"first", false).expect("new file");
        assert_eq!(written, path);
        let err = write_file(&path, b"second", false).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(fs::read(&path).expect("read"), b"first");
        write_file(&path, b"second", true).expect("replace when asked");
        assert_eq!(fs::read(&path).expect("read"), b"second");
        let leftovers = fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary files are left behind");
    }

    #[test]
    fn a_missing_directory_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = write_file(&dir.path().join("nope/brag.md"), b"x", false).unwrap_err();
        assert!(err.to_string().contains("no such directory"), "{err}");
    }
}
