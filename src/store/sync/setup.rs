//! What `sync init` sets up in the repository, and every sync checks: the
//! two files that tell git how to treat the data directory, and the merge
//! driver registered in the repository's own configuration.

use super::git::GitError;
use super::repo::{Repo, WORKBOOK, shell_quote, shell_unquote};
use crate::store::{Paths, StoreError};
use std::fs;
use std::path::Path;

/// `.gitattributes`: the workbook is merged by careerbook, never line by line.
const ATTRIBUTES: &[&str] = &["workbook.ron merge=careerbook"];

/// `.gitignore`: what stays on this machine. Backups, the lock, temp files
/// and crash notes are this machine's own; the journal is folded into the
/// workbook before each commit; conflict copies a file-sync tool leaves are
/// for `careerbook merge`, not for the history.
const IGNORED: &[&str] = &[
    "backups/",
    "workbook.journal",
    "workbook.lock",
    ".workbook.ron.tmp*",
    "crash-*.txt",
    LAST_SYNC,
    "*.sync-conflict-*",
    "*conflicted copy*",
    crate::store::renumbered::NAME,
    // git's own temporary files from a merge it could not finish.
    ".merge_file_*",
];

/// When this machine last synced (its own, so not in the history).
pub const LAST_SYNC: &str = ".last-sync";

/// The files sync commits besides the workbook.
pub const FILES: [&str; 2] = [".gitattributes", ".gitignore"];

/// The configuration section naming the merge driver.
const DRIVER: &str = "merge.careerbook.driver";

/// Adds careerbook's lines to `.gitattributes` and `.gitignore` in the data
/// directory where they are missing, keeping whatever else is there.
/// `true` when it wrote either.
pub fn write_files(paths: &Paths) -> Result<bool, StoreError> {
    let mut wrote = false;
    for (name, lines) in [(FILES[0], ATTRIBUTES), (FILES[1], IGNORED)] {
        let path = paths.dir.join(name);
        let old = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(StoreError::io("read", &path, e)),
        };
        let missing: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|line| !old.lines().any(|l| l.trim() == *line))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let mut text = old;
        if text.is_empty() {
            text.push_str("# careerbook (careerbook sync init)\n");
        } else if !text.ends_with('\n') {
            text.push('\n');
        }
        for line in missing {
            text.push_str(line);
            text.push('\n');
        }
        fs::write(&path, text).map_err(|e| StoreError::io("write", &path, e))?;
        wrote = true;
    }
    Ok(wrote)
}

/// Registers `exe merge-driver %O %A %B` as the repository's `careerbook`
/// merge driver. `always`: `sync init` registers the binary running it;
/// a sync only when none is registered or the one registered is gone (moved,
/// uninstalled), so a merge never fails for want of its driver.
pub fn register_driver(repo: &Repo, exe: &Path, always: bool) -> Result<(), GitError> {
    let registered = repo.config(DRIVER)?;
    let present = registered
        .as_deref()
        .and_then(shell_unquote)
        .is_some_and(|(path, _)| Path::new(&path).is_file());
    if present && !always {
        return Ok(());
    }
    let driver = format!("{} merge-driver %O %A %B", shell_quote(exe));
    if registered.as_deref() != Some(driver.as_str()) {
        repo.set_config(DRIVER, &driver)?;
        repo.set_config(
            "merge.careerbook.name",
            "careerbook: merges two copies of workbook.ron record by record",
        )?;
    }
    Ok(())
}

/// Whether git would merge the workbook through careerbook's driver.
pub fn driver_in_effect(repo: &Repo) -> Result<bool, GitError> {
    let out = repo.git.text(["check-attr", "merge", "--", WORKBOOK])?;
    Ok(out.ends_with(": merge: careerbook"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_gain_only_the_lines_they_lack() {
        let dir = tempfile::tempdir().expect("dir");
        let paths = Paths::in_dir(dir.path());
        fs::write(dir.path().join(".gitignore"), "notes.txt\nbackups/").expect("seed");
        write_files(&paths).expect("written");
        write_files(&paths).expect("written again");
        let ignore = fs::read_to_string(dir.path().join(".gitignore")).expect("read");
        assert!(
            ignore.starts_with("notes.txt\nbackups/\nworkbook.journal\nworkbook.lock\n"),
            "{ignore}"
        );
        assert_eq!(ignore.matches("backups/").count(), 1, "{ignore}");
        let attributes = fs::read_to_string(dir.path().join(".gitattributes")).expect("read");
        assert_eq!(
            attributes,
            "# careerbook (careerbook sync init)\nworkbook.ron merge=careerbook\n"
        );
    }
}
