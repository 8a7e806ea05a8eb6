//! The git repository that holds the workbook: finding or making it, reading
//! the workbook at a commit, committing it, merging another machine's commit
//! without touching the working files, and moving to a commit with the
//! workbook replaced atomically (never rewritten in place by git).

use super::git::{Git, GitError};
use crate::store::Paths;
use std::path::Path;

/// The workbook's file name in the data directory.
pub const WORKBOOK: &str = "workbook.ron";

/// The commit id git uses for "no commit yet" in `update-ref`.
const NO_COMMIT: &str = "0000000000000000000000000000000000000000";

#[derive(Clone, Debug)]
pub struct Repo {
    /// git, run in the data directory.
    pub git: Git,
    /// The data directory's path inside the repository (`""` when it is the
    /// top, `notes/careerbook/` when it lives inside a larger one).
    prefix: String,
}

/// git's temporary copies of the files it merges (`.merge_file_XXXXXX`,
/// one a whole workbook) in `dir`.
fn merge_temps(dir: &Path) -> std::collections::HashSet<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Default::default();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".merge_file_"))
        .map(|e| e.path())
        .collect()
}

impl Repo {
    /// The top of the work tree, where git leaves a merge's temporary files.
    fn top(&self) -> std::path::PathBuf {
        let mut top = self.git.dir().to_path_buf();
        for _ in Path::new(&self.prefix).components() {
            top.pop();
        }
        top
    }

    /// The repository holding the data directory: its own, or one it lies
    /// inside when that one already tracks the workbook. `None` when there is
    /// none (a repository around the data directory that does not track the
    /// workbook is someone else's: sync makes one of its own instead).
    pub fn find(git: &Git, paths: &Paths) -> Result<Option<Self>, GitError> {
        if !paths.dir.is_dir() {
            return Ok(None);
        }
        let Some(prefix) = git.probe(["rev-parse", "--show-prefix"])? else {
            return Ok(None);
        };
        let tracked = || -> Result<bool, GitError> {
            let listed = git.probe(["ls-files", "--error-unmatch", "--", WORKBOOK])?;
            Ok(listed.is_some())
        };
        if prefix.is_empty() || tracked()? {
            return Ok(Some(Self {
                git: git.clone(),
                prefix,
            }));
        }
        Ok(None)
    }

    /// Makes the data directory a repository of its own, on branch `main`.
    /// git does not flush its files by default; the workbook's history is
    /// worth the few milliseconds.
    pub fn create(git: &Git) -> Result<Self, GitError> {
        // Owner-only, as the workbook is: the history holds every version of it.
        git.run(["init", "-q", "-b", "main", "--shared=0600"])?;
        git.run(["config", "core.fsync", "committed,index"])?;
        Ok(Self {
            git: git.clone(),
            prefix: String::new(),
        })
    }

    pub fn config(&self, key: &str) -> Result<Option<String>, GitError> {
        self.git.config(key)
    }

    pub fn set_config(&self, key: &str, value: &str) -> Result<(), GitError> {
        self.git.set_config(key, value)
    }

    /// The commit `rev` names, if it exists.
    pub fn commit(&self, rev: &str) -> Result<Option<String>, GitError> {
        self.git
            .probe(["rev-parse", "--verify", "-q", &format!("{rev}^{{commit}}")])
    }

    /// The branch HEAD is on; an error when HEAD is detached (a rebase by
    /// hand in progress) or a merge by hand is unfinished.
    pub fn branch(&self) -> Result<String, String> {
        let name = self
            .git
            .probe(["symbolic-ref", "--short", "-q", "HEAD"])
            .map_err(|e| e.to_string())?
            .ok_or_else(|| {
                "the repository is not on a branch (a rebase started by hand?): finish it \
                 (git rebase --continue or --abort), then sync"
                    .to_string()
            })?;
        if self
            .commit("MERGE_HEAD")
            .map_err(|e| e.to_string())?
            .is_some()
        {
            return Err(
                "a git merge started by hand is unfinished: finish it (git commit) \
                        or undo it (git merge --abort), then sync"
                    .into(),
            );
        }
        Ok(name)
    }

    /// The workbook's bytes at `rev`, if it holds one.
    pub fn workbook_at(&self, rev: &str) -> Result<Option<Vec<u8>>, GitError> {
        let out = self
            .git
            .output(["cat-file", "blob", &format!("{rev}:./{WORKBOOK}")])?;
        // git says only that there is no such object: no workbook at `rev`.
        Ok(out.status.success().then_some(out.stdout))
    }

    /// Whether the commit `ancestor` is part of `descendant`'s history.
    pub fn contains(&self, descendant: &str, ancestor: &str) -> Result<bool, GitError> {
        let out = self
            .git
            .output(["merge-base", "--is-ancestor", ancestor, descendant])?;
        Ok(out.status.success())
    }

    /// Commits `files` (paths in the data directory) as they are on disk,
    /// and nothing else that may be staged. `false` when none changed.
    pub fn commit_files(&self, files: &[&str], message: &str) -> Result<bool, GitError> {
        let mut add = vec!["add", "--"];
        add.extend(files);
        self.git.run(&add)?;
        let mut diff = vec!["diff", "--cached", "--quiet"];
        if self.commit("HEAD")?.is_some() {
            diff.push("HEAD");
        }
        diff.push("--");
        diff.extend(files);
        if self.git.output(&diff)?.status.success() {
            return Ok(false);
        }
        // The message goes in on standard input: one line per record can
        // be longer than a command line may be.
        let mut commit = self.git.identity()?;
        commit.extend(
            ["commit", "-q", "--no-verify", "-F", "-", "--"]
                .iter()
                .map(|s| s.to_string()),
        );
        commit.extend(files.iter().map(|s| s.to_string()));
        self.git.run_with_input(&commit, message.as_bytes())?;
        Ok(true)
    }

    /// Whether `files` are committed as they are on disk.
    pub fn committed_as_they_are(&self, files: &[&str]) -> Result<bool, GitError> {
        let mut status = vec!["status", "--porcelain", "--"];
        status.extend(files);
        Ok(self.git.run(&status)?.is_empty())
    }

    /// Merges commit `theirs` into `ours` without touching the working files
    /// or the index: git merges every file, the workbook through careerbook's
    /// merge driver. Returns the merge commit, or why it could not be made,
    /// with what the driver said either way.
    pub fn merge(
        &self,
        ours: &str,
        theirs: &str,
        unrelated: bool,
        message: &str,
    ) -> Result<(String, Vec<String>), MergeFailed> {
        let mut args = vec!["merge-tree", "--write-tree", "--name-only"];
        if unrelated {
            args.push("--allow-unrelated-histories");
        }
        args.extend([ours, theirs]);
        // git leaves its copies for the merge driver behind when it fails
        // half way (a full disk): they go, whatever happens.
        let top = self.top();
        let before = merge_temps(&top);
        let out = self.git.output(&args);
        for left in merge_temps(&top).difference(&before) {
            let _ = std::fs::remove_file(left);
        }
        let out = out.map_err(MergeFailed::git)?;
        let said = driver_notes(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let mut lines = stdout.lines();
        let tree = lines.next().unwrap_or_default().trim().to_string();
        if out.status.code() != Some(0) || tree.is_empty() {
            let files: Vec<String> = lines
                .take_while(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
            return Err(MergeFailed {
                files,
                said,
                message: super::git::message(&out),
            });
        }
        let mut commit = self.git.identity().map_err(MergeFailed::git)?;
        commit.extend(
            ["commit-tree", &tree, "-p", ours, "-p", theirs, "-F", "-"]
                .iter()
                .map(|s| s.to_string()),
        );
        let id = self
            .git
            .run_with_input(&commit, message.as_bytes())
            .map_err(MergeFailed::git)?;
        Ok((String::from_utf8_lossy(&id).trim().to_string(), said))
    }

    /// Moves the branch from `old` to commit `new`: the index and the files
    /// other than the workbook follow through git, which refuses (changing
    /// nothing) if that would overwrite changes of the person's own. The
    /// workbook must already hold `new`'s bytes, written atomically by the
    /// caller: git finds it up to date and leaves it alone.
    pub fn move_to(
        &self,
        branch: &str,
        old: Option<&str>,
        new: &str,
        has_workbook: bool,
    ) -> Result<(), GitError> {
        if has_workbook {
            let blob = self
                .git
                .text(["rev-parse", &format!("{new}:./{WORKBOOK}")])?;
            let entry = format!("100644,{blob},{}{WORKBOOK}", self.prefix);
            self.git
                .run(["update-index", "--add", "--cacheinfo", &entry])?;
        }
        match old {
            Some(old) => drop(self.git.run(["read-tree", "-m", "-u", old, new])?),
            // Nothing to carry over: the index becomes `new`'s, and its files
            // that are missing here are written (none is overwritten).
            None => {
                self.git.run(["read-tree", new])?;
                let listed = self.git.run(["ls-files", "-z"])?;
                let missing: Vec<String> = String::from_utf8_lossy(&listed)
                    .split('\0')
                    .filter(|f| !f.is_empty() && !self.git.dir().join(f).exists())
                    .map(str::to_string)
                    .collect();
                if !missing.is_empty() {
                    let mut args = vec!["checkout-index".to_string(), "-q".into(), "--".into()];
                    args.extend(missing);
                    self.git.run(&args)?;
                }
            }
        }
        let target = format!("refs/heads/{branch}");
        self.git.run([
            "update-ref",
            "-m",
            "careerbook sync",
            &target,
            new,
            old.unwrap_or(NO_COMMIT),
        ])?;
        Ok(())
    }

    /// Checks, changing nothing, that moving from `old` to `new` would not
    /// overwrite changes of the person's own to files other than the workbook.
    pub fn can_move(&self, old: &str, new: &str) -> Result<(), GitError> {
        // A file rewritten with the same bytes (a fold) is not a change:
        // refresh what the index knows of it first. It says "needs update"
        // for a real change, which the check below then names.
        self.git.output(["update-index", "-q", "--refresh"])?;
        self.git.run(["read-tree", "-m", "-n", old, new]).map(drop)
    }
}

/// Why a merge commit could not be made.
#[derive(Debug)]
pub struct MergeFailed {
    /// Files git could not merge.
    pub files: Vec<String>,
    /// What careerbook's merge driver said.
    pub said: Vec<String>,
    pub message: String,
}

impl MergeFailed {
    fn git(err: GitError) -> Self {
        Self {
            files: Vec::new(),
            said: Vec::new(),
            message: err.to_string(),
        }
    }
}

/// The lines careerbook's merge driver wrote (`careerbook: …`), without the prefix.
fn driver_notes(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter_map(|l| l.strip_prefix("careerbook: "))
        .map(str::to_string)
        .collect()
}

/// `path` in single quotes for the shell git runs a merge driver through.
pub fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.to_string_lossy().replace('\'', r"'\''"))
}

/// The path [`shell_quote`] quoted, if `text` starts with one.
pub fn shell_unquote(text: &str) -> Option<(String, &str)> {
    let mut rest = text.strip_prefix('\'')?;
    let mut path = String::new();
    loop {
        let end = rest.find('\'')?;
        path.push_str(&rest[..end]);
        rest = &rest[end + 1..];
        match rest.strip_prefix(r"\''") {
            Some(after) => {
                path.push('\'');
                rest = after;
            }
            None => return Some((path, rest)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_path_reads_back_whatever_it_holds() {
        for path in [
            "/usr/local/bin/careerbook",
            "/home/o'brien/my bin/careerbook",
            "''",
        ] {
            let quoted = shell_quote(Path::new(path));
            let text = format!("{quoted} merge-driver %O %A %B");
            let (back, rest) = shell_unquote(&text).expect("unquotes");
            assert_eq!((back.as_str(), rest), (path, " merge-driver %O %A %B"));
        }
        assert_eq!(shell_unquote("careerbook merge-driver"), None);
    }
}
