//! Files the user names: exports written (brag documents, CSV, calendars) and
//! spreadsheets read for an import.
//!
//! They are written like the workbook (temporary file, flush, rename), so an
//! interrupted export never leaves half a file, and an existing file is only
//! replaced when the user said so — or, for a file careerbook rewrites on every
//! export (a calendar), when careerbook wrote it.

use super::disk::RealDisk;
use super::{Paths, StoreError, file};
use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` and returns the absolute path written. Without
/// `replace`, an existing file is left alone and reported. Nothing is ever
/// written inside careerbook's own data directory (`ours`): an export must not
/// replace the workbook, its journal, its lock or a backup behind the store's back.
pub fn write_file(
    path: &Path,
    bytes: &[u8],
    replace: bool,
    ours: &Paths,
) -> Result<PathBuf, StoreError> {
    let target = target_for(path, ours)?;
    let dir = target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("/"));
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
    let limit = file::max_bytes();
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io("read", name, e))?;
    if bytes.len() as u64 > limit {
        return Err(StoreError::TooLarge {
            path: name.to_path_buf(),
            size: bytes.len() as u64,
            limit,
            backup: None,
        });
    }
    Ok(bytes)
}

/// Where an export to `path` really goes: absolute, through any link (the
/// link stays, the file it points to is written). Refused, with no way to
/// force it: a directory that does not exist; anything that is not a regular
/// file (a device, a FIFO, a socket: writing there could block or harm it);
/// and careerbook's own files, wherever links put them — the data directory,
/// the workbook, its journal, its lock and its backups.
fn target_for(path: &Path, ours: &Paths) -> Result<PathBuf, StoreError> {
    let target = absolute(path)?;
    let dir = target.parent().unwrap_or(Path::new("/"));
    let dir = fs::canonicalize(dir).map_err(|_| {
        StoreError::io(
            "write into",
            dir,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such directory"),
        )
    })?;
    let resolved = match fs::metadata(&target) {
        Ok(meta) => {
            if let Some(why) = not_plain(&meta) {
                return Err(refusal(&target, why.into()));
            }
            fs::canonicalize(&target).map_err(|e| StoreError::io("follow", &target, e))?
        }
        // A dangling link is refused rather than followed into being.
        Err(_) if fs::symlink_metadata(&target).is_ok() => {
            return Err(refusal(&target, "it is a link to nothing".into()));
        }
        Err(_) => dir.join(target.file_name().unwrap_or_default()),
    };
    refuse_ours(&target, &resolved, ours)?;
    Ok(resolved)
}

/// Why a file (`meta`, through any link) is refused before anything opens
/// it, if it is not a regular file: a directory, or a device, FIFO or
/// socket, where opening could block forever or reading and writing harm it.
pub(crate) fn not_plain(meta: &fs::Metadata) -> Option<&'static str> {
    match () {
        _ if meta.is_dir() => Some("it is a directory; give the name of a file"),
        _ if !meta.is_file() => {
            Some("it is not a regular file (a device, pipe or socket); give the name of a file")
        }
        _ => None,
    }
}

/// Refuses a resolved target that is one of careerbook's own files: by path,
/// and by device and inode (a bind mount shows one file under two paths) —
/// and any file that holds a workbook, whichever careerbook it belongs to (an
/// export from `--demo` must not replace the real workbook).
fn refuse_ours(target: &Path, resolved: &Path, ours: &Paths) -> Result<(), StoreError> {
    let real = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let data_dir = real(&ours.dir);
    let own_file = [&ours.workbook, &ours.journal, &ours.lock]
        .into_iter()
        .any(|p| real(p) == resolved || same_file(p, resolved));
    let parent = resolved.parent().unwrap_or(Path::new("/"));
    let own_dir = [&data_dir, &real(&ours.backups)]
        .into_iter()
        .any(|d| resolved.starts_with(d) || same_file(d, parent));
    if own_file || own_dir {
        return Err(refusal(
            target,
            format!(
                "that is careerbook's own data directory ({}) or workbook; export somewhere else",
                data_dir.display()
            ),
        ));
    }
    if holds_a_workbook(resolved) {
        return Err(refusal(
            target,
            "that file is a careerbook workbook; export somewhere else".into(),
        ));
    }
    if let Some(why) = in_someones_store(resolved) {
        return Err(refusal(target, why));
    }
    Ok(())
}

/// Why a file is refused, even when forced, that lies inside another
/// careerbook's data directory (one holding a `workbook.ron`: its journal,
/// lock, backups, `.last-sync` and git settings keep that workbook
/// working) or inside any git repository's `.git` directory.
fn in_someones_store(resolved: &Path) -> Option<String> {
    let dir = resolved.parent()?;
    for ancestor in dir.ancestors() {
        if ancestor.file_name() == Some(std::ffi::OsStr::new(".git")) {
            return Some(format!(
                "it is inside {}, a git repository's own files; export somewhere else",
                ancestor.display()
            ));
        }
        // The workbook may be missing for a moment (a sync tool replacing
        // it, a hand edit): its journal, lock or backups still mark the place.
        if let Some(mark) = STORE_MARKS
            .iter()
            .find(|m| fs::symlink_metadata(ancestor.join(m)).is_ok())
        {
            return Some(format!(
                "{} is a careerbook data directory (it holds {mark}), whose files keep \
                 that workbook working; export somewhere else",
                ancestor.display()
            ));
        }
    }
    None
}

/// What makes a directory careerbook's data directory (a `backups` folder
/// alone does not: many homes have one).
const STORE_MARKS: [&str; 3] = ["workbook.ron", "workbook.journal", "workbook.lock"];

/// Whether two paths name the same file or directory (device and inode).
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether the file at `path` starts the way a workbook does: `(`, then
/// `version:` (careerbook writes it first; a hand-edited one keeps it first).
fn holds_a_workbook(path: &Path) -> bool {
    let Ok(Some(head)) = sniff(path) else {
        return false;
    };
    let text = String::from_utf8_lossy(&head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.strip_prefix('(')
        .map(str::trim_start)
        .is_some_and(|rest| {
            rest.starts_with("version") && rest["version".len()..].trim_start().starts_with(':')
        })
}

fn refusal(target: &Path, why: String) -> StoreError {
    StoreError::io(
        "write",
        target,
        std::io::Error::new(std::io::ErrorKind::PermissionDenied, why),
    )
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
    let target = target_for(path, data)?;
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
/// Opened without blocking, in case a pipe took the file's place since it
/// was checked.
fn sniff(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    let nonblocking = rustix::fs::OFlags::NONBLOCK.bits() as i32;
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(nonblocking)
        .open(path)
    {
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
    use std::os::unix::fs::FileTypeExt;

    /// A data directory that is not where the tests export to.
    fn elsewhere() -> Paths {
        Paths::in_dir("/nonexistent/careerbook-data")
    }

    #[test]
    fn never_writes_into_the_data_directory() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Paths::in_dir(dir.path());
        fs::write(&data.workbook, b"(version: 1)").expect("workbook");
        fs::write(&data.journal, b"Journal(version: 2)\n").expect("journal");
        for target in [
            data.workbook.clone(),
            data.journal.clone(),
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
        assert_eq!(
            fs::read(&data.journal).expect("read"),
            b"Journal(version: 2)\n"
        );
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

    #[test]
    fn a_linked_workbook_is_refused_at_its_real_place_even_when_forced() {
        // workbook.ron is a link to a file outside the data directory (a
        // synced folder, say): exporting over that file would replace the
        // workbook itself.
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Paths::in_dir(dir.path().join("data"));
        fs::create_dir_all(&data.dir).expect("data dir");
        let real = dir.path().join("synced-workbook.ron");
        fs::write(&real, b"(version: 2)").expect("workbook");
        std::os::unix::fs::symlink(&real, &data.workbook).expect("link");
        let err = write_own_file(&real, b"BEGIN:VCALENDAR", |_| true, true, &data).unwrap_err();
        assert!(err.to_string().contains("own data directory"), "{err}");
        let err = write_file(&real, b"# brag", true, &data).unwrap_err();
        assert!(err.to_string().contains("own data directory"), "{err}");
        assert_eq!(fs::read(&real).expect("read"), b"(version: 2)");
        // A second link to it, elsewhere, is refused the same way.
        let alias = dir.path().join("calendar.ics");
        std::os::unix::fs::symlink(&real, &alias).expect("alias");
        assert!(write_own_file(&alias, b"x", |_| true, true, &data).is_err());
        assert_eq!(fs::read(&real).expect("read"), b"(version: 2)");
    }

    #[test]
    fn devices_and_pipes_are_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe.ics");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
        )
        .expect("mkfifo");
        // Opening a FIFO for reading would wait for a writer forever: the
        // refusal must come first (a hang here fails the test by timeout).
        for target in [fifo.as_path(), Path::new("/dev/null")] {
            let err = write_own_file(target, b"x", |_| false, true, &elsewhere()).unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
            let err = write_file(target, b"x", true, &elsewhere()).unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
        }
        assert!(
            fs::symlink_metadata(&fifo)
                .expect("still there")
                .file_type()
                .is_fifo(),
            "the pipe is not replaced by a file"
        );
    }

    #[test]
    fn a_link_to_nothing_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("out.ics");
        std::os::unix::fs::symlink(dir.path().join("missing/elsewhere.ics"), &link).expect("link");
        let err = write_file(&link, b"x", true, &elsewhere()).unwrap_err();
        assert!(err.to_string().contains("link to nothing"), "{err}");
    }

    #[test]
    fn any_careerbooks_workbook_is_refused_even_when_forced() {
        // `--demo` (or another --data-dir) exporting over the real workbook.
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("workbook.ron");
        let text = "\u{feff}(\n    version: 2,\n    next_id: 3,\n)\n";
        fs::write(&real, text).expect("someone's workbook");
        let err =
            write_own_file(&real, b"BEGIN:VCALENDAR", |_| false, true, &elsewhere()).unwrap_err();
        assert!(
            err.to_string().contains("is a careerbook workbook"),
            "{err}"
        );
        let err = write_file(&real, b"# brag", true, &elsewhere()).unwrap_err();
        assert!(
            err.to_string().contains("is a careerbook workbook"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&real).expect("read"), text);
        // Any other file is still replaced when asked, outside a data directory.
        let apart = tempfile::tempdir().expect("temp dir");
        let notes = apart.path().join("notes.ron");
        fs::write(&notes, "(version_notes: 1)").expect("notes");
        write_file(&notes, b"# brag", true, &elsewhere()).expect("not a workbook");
    }

    #[test]
    fn files_of_another_data_directory_or_a_git_directory_are_refused_even_when_forced() {
        // `export --out A4/.git/config --force` from another data directory
        // replaced A4's git settings; so did .gitattributes and .last-sync.
        let dir = tempfile::tempdir().expect("temp dir");
        let other = dir.path().join("A4");
        fs::create_dir_all(other.join(".git")).expect("git dir");
        fs::write(other.join("workbook.ron"), "(version: 2)").expect("workbook");
        let settings = [
            other.join(".git/config"),
            other.join(".gitattributes"),
            other.join(".last-sync"),
            other.join("new.ics"),
        ];
        for path in &settings {
            if path.file_name() != Some(std::ffi::OsStr::new("new.ics")) {
                fs::write(path, "theirs").expect("setting");
            }
            let why = match path.starts_with(other.join(".git")) {
                true => "git repository's own files",
                false => "careerbook data directory",
            };
            let err = write_own_file(path, b"OURS", |_| false, true, &elsewhere()).unwrap_err();
            assert!(err.to_string().contains(why), "{err}");
            let err = write_file(path, b"OURS", true, &elsewhere()).unwrap_err();
            assert!(err.to_string().contains(why), "{err}");
        }
        assert_eq!(fs::read_to_string(&settings[0]).expect("read"), "theirs");
        assert!(!settings[3].exists(), "nothing new is written there either");
        // A data directory whose workbook is missing for a moment: its
        // journal holds edits no backup has yet.
        let bare = dir.path().join("P");
        fs::create_dir_all(&bare).expect("data dir");
        let journal = bare.join("workbook.journal");
        fs::write(&journal, "(edits)").expect("journal");
        let err = write_file(&journal, b"OURS", true, &elsewhere()).unwrap_err();
        assert!(
            err.to_string().contains("careerbook data directory"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&journal).expect("read"), "(edits)");
        // Any repository's .git, careerbook's or not.
        let repo = dir.path().join("project/.git");
        fs::create_dir_all(repo.join("hooks")).expect("repo");
        let hook = repo.join("hooks/pre-commit");
        fs::write(&hook, "#!/bin/sh").expect("hook");
        let err = write_file(&hook, b"OURS", true, &elsewhere()).unwrap_err();
        assert!(
            err.to_string().contains("git repository's own files"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&hook).expect("read"), "#!/bin/sh");
    }
}
