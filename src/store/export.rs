//! Writing a file the user asked for (an export such as a calendar) wherever
//! they point: a temporary file in the same directory, flushed, then renamed
//! over the target, so a reader never sees half a file. An existing file is
//! replaced only when careerbook wrote it (the caller recognises its own
//! format) or when the user says so.

use std::fs::{self, File};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

/// How many leading bytes of an existing file are read to recognise it.
const SNIFF_BYTES: u64 = 4096;

/// What was at the target before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replaced {
    Nothing,
    /// A file careerbook had written.
    Ours,
    /// Another file, replaced because the user forced it.
    Forced,
}

/// Writes `bytes` to `target`. `is_ours` looks at the first bytes of an
/// existing target and says whether careerbook wrote it; any other file is
/// refused unless `force`. A symbolic link is followed, so the file it points
/// to is replaced and the link stays. The message of an error is for the user.
pub fn write_export(
    target: &Path,
    bytes: &[u8],
    is_ours: impl Fn(&[u8]) -> bool,
    force: bool,
) -> Result<Replaced, String> {
    let target = resolve(target)?;
    let replaced = match sniff(&target)? {
        None => Replaced::Nothing,
        Some(head) if is_ours(&head) => Replaced::Ours,
        Some(_) if force => Replaced::Forced,
        Some(_) => {
            return Err(format!(
                "{} already exists and is not a file careerbook wrote; nothing was written (choose another --out, or add --force to replace it)",
                target.display()
            ));
        }
    };
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(format!("the directory {} does not exist", dir.display()));
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".careerbook-export.")
        .tempfile_in(&dir)
        .map_err(|e| format!("could not create a file in {}: {e}", dir.display()))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| format!("could not write {}: {e}", target.display()))?;
    let persisted = if replaced == Replaced::Nothing {
        // Someone may have created the file since we looked: do not clobber it.
        temp.persist_noclobber(&target)
    } else {
        temp.persist(&target)
    };
    persisted.map_err(|e| match e.error.kind() {
        ErrorKind::AlreadyExists => format!(
            "{} appeared while writing; nothing was written, try again",
            target.display()
        ),
        _ => format!("could not write {}: {}", target.display(), e.error),
    })?;
    // The rename is done; a failed directory flush only weakens durability.
    let _ = File::open(&dir).and_then(|d| d.sync_all());
    Ok(replaced)
}

/// The path to write: a symbolic link's target, else the path itself.
fn resolve(target: &Path) -> Result<PathBuf, String> {
    match fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(target).map_err(|e| {
            format!(
                "{} is a link that cannot be followed: {e}",
                target.display()
            )
        }),
        Ok(meta) if meta.is_dir() => Err(format!(
            "{} is a directory; give a file name such as {}",
            target.display(),
            target.join("careerbook.ics").display()
        )),
        _ => Ok(target.to_path_buf()),
    }
}

/// The first bytes of an existing file, or `None` when there is none.
fn sniff(path: &Path) -> Result<Option<Vec<u8>>, String> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("could not read {}: {e}", path.display())),
    };
    let mut head = Vec::new();
    file.take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .map_err(|e| format!("could not read {}: {e}", path.display()))?;
    Ok(Some(head))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(head: &[u8]) -> bool {
        head.starts_with(b"OURS")
    }

    #[test]
    fn writes_new_files_and_replaces_only_our_own() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.txt");
        assert_eq!(
            write_export(&path, b"OURS 1", ours, false),
            Ok(Replaced::Nothing)
        );
        assert_eq!(
            write_export(&path, b"OURS 2", ours, false),
            Ok(Replaced::Ours)
        );
        assert_eq!(fs::read(&path).expect("read"), b"OURS 2");

        let theirs = dir.path().join("notes.txt");
        fs::write(&theirs, "my notes").expect("write");
        let err = write_export(&theirs, b"OURS", ours, false).expect_err("refused");
        assert!(err.contains("is not a file careerbook wrote"), "{err}");
        assert_eq!(fs::read(&theirs).expect("read"), b"my notes", "untouched");
        assert_eq!(
            write_export(&theirs, b"OURS", ours, true),
            Ok(Replaced::Forced)
        );
        assert_eq!(fs::read(&theirs).expect("read"), b"OURS");
        // No temporary file is left behind.
        let names: Vec<String> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.starts_with(".careerbook-export.")),
            "{names:?}"
        );
    }

    #[test]
    fn refuses_directories_and_missing_parents() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = write_export(dir.path(), b"OURS", ours, true).expect_err("a directory");
        assert!(err.contains("is a directory"), "{err}");
        let err = write_export(&dir.path().join("nope/out.ics"), b"OURS", ours, false)
            .expect_err("no parent");
        assert!(err.contains("does not exist"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn follows_a_link_and_keeps_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.ics");
        fs::write(&real, "OURS old").expect("write");
        let link = dir.path().join("link.ics");
        std::os::unix::fs::symlink(&real, &link).expect("link");
        assert_eq!(
            write_export(&link, b"OURS new", ours, false),
            Ok(Replaced::Ours)
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
