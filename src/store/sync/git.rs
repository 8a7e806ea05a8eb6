//! The system's `git`, run as a process in the data directory: no library,
//! so sync works with whatever git, credentials and ssh set-up the person
//! already uses.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The oldest git sync works with: `git merge-tree --write-tree` (2.38)
/// merges without touching the working files.
const OLDEST: (u32, u32) = (2, 38);

/// Variables that would point git at another repository or index than the
/// data directory's (set when careerbook runs inside a git hook, say).
const REPOSITORY_VARIABLES: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
];

/// git could not be run, or a command failed.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error(
        "git is not installed (or not on PATH): careerbook sync runs the system's git. \
         Install git (https://git-scm.com/downloads), then try again"
    )]
    Missing,
    #[error("careerbook sync needs git {}.{} or later; this is {found}", OLDEST.0, OLDEST.1)]
    TooOld { found: String },
    #[error("could not run git: {0}")]
    Unrunnable(std::io::Error),
    #[error("`git {command}` failed: {message}")]
    Failed { command: String, message: String },
}

/// git, run in one directory.
#[derive(Clone, Debug)]
pub struct Git {
    dir: PathBuf,
    /// Whether git and ssh may ask for a password or passphrase on the
    /// terminal (a command in a shell) or must fail instead (the full-screen
    /// workbook, whose terminal a prompt would scramble).
    prompts: bool,
    /// The configuration as git reads it there, read once (a sync asks for
    /// a dozen settings; a git process for each was most of its time).
    config: RefCell<Option<HashMap<String, String>>>,
}

impl Git {
    /// git in `dir`, once it is known to be installed and new enough.
    pub fn find(dir: &Path, prompts: bool) -> Result<Self, GitError> {
        let git = Self {
            dir: dir.to_path_buf(),
            prompts,
            config: RefCell::new(None),
        };
        let version = git.text(["--version"])?;
        if !new_enough(&version) {
            return Err(GitError::TooOld { found: version });
        }
        Ok(git)
    }

    /// The same git, run in `dir` instead.
    pub fn in_dir(&self, dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            prompts: self.prompts,
            config: RefCell::new(None),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn prompts(&self) -> bool {
        self.prompts
    }

    fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new("git");
        command
            .current_dir(&self.dir)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Messages in English, so a refusing remote can be recognised.
            .env("LC_ALL", "C");
        for var in REPOSITORY_VARIABLES {
            command.env_remove(var);
        }
        if !self.prompts {
            command.env("GIT_TERMINAL_PROMPT", "0");
        }
        command
    }

    /// Runs git with `args`, whatever its exit status.
    pub fn output<I, S>(&self, args: I) -> Result<Output, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command(args).output().map_err(|e| match e.kind() {
            ErrorKind::NotFound => GitError::Missing,
            _ => GitError::Unrunnable(e),
        })
    }

    /// Runs git with `args`; its standard output, or a failure with its message.
    pub fn run<I, S>(&self, args: I) -> Result<Vec<u8>, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<S> = args.into_iter().collect();
        let out = self.output(&args)?;
        if out.status.success() {
            return Ok(out.stdout);
        }
        Err(GitError::Failed {
            command: args
                .iter()
                .map(|a| a.as_ref().to_string_lossy())
                .collect::<Vec<_>>()
                .join(" "),
            message: message(&out),
        })
    }

    /// [`Git::run`] with `input` on git's standard input.
    pub fn run_with_input(&self, args: &[String], input: &[u8]) -> Result<Vec<u8>, GitError> {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                ErrorKind::NotFound => GitError::Missing,
                _ => GitError::Unrunnable(e),
            })?;
        let written = child.stdin.take().map(|mut stdin| stdin.write_all(input));
        let out = child.wait_with_output().map_err(GitError::Unrunnable)?;
        if out.status.success() && !matches!(written, Some(Err(_))) {
            return Ok(out.stdout);
        }
        Err(GitError::Failed {
            command: args.join(" "),
            message: message(&out),
        })
    }

    /// [`Git::run`]'s output as trimmed text.
    pub fn text<I, S>(&self, args: I) -> Result<String, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.run(args)
            .map(|out| String::from_utf8_lossy(&out).trim().to_string())
    }

    /// The trimmed output of a command that answers by its exit status
    /// (`rev-parse --verify -q`, `config --get`): `None` when it says no.
    pub fn probe<I, S>(&self, args: I) -> Result<Option<String>, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = self.output(args)?;
        Ok(out
            .status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()))
    }

    /// The value of setting `key` (`merge.careerbook.driver`), if set.
    pub fn config(&self, key: &str) -> Result<Option<String>, GitError> {
        if self.config.borrow().is_none() {
            let listed = self.output(["config", "--list", "-z"])?;
            // Outside a repository (or with no settings) there is simply none.
            let text = String::from_utf8_lossy(&listed.stdout);
            let settings = text
                .split('\0')
                .filter_map(|entry| entry.split_once('\n'))
                .map(|(k, v)| (canonical(k), v.to_string()))
                .collect();
            *self.config.borrow_mut() = Some(settings);
        }
        Ok(self
            .config
            .borrow()
            .as_ref()
            .and_then(|settings| settings.get(&canonical(key)).cloned()))
    }

    /// Every setting whose name starts with `prefix` and ends with `suffix`
    /// (`remote.` … `.url`), with its value.
    pub fn configs(&self, prefix: &str, suffix: &str) -> Result<Vec<(String, String)>, GitError> {
        self.config(prefix)?;
        let (prefix, suffix) = (prefix.to_lowercase(), suffix.to_lowercase());
        let settings = self.config.borrow();
        let mut found: Vec<(String, String)> = settings
            .iter()
            .flatten()
            .filter(|(k, _)| k.starts_with(&prefix) && k.ends_with(&suffix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        found.sort();
        Ok(found)
    }

    /// Forgets the configuration read, after a command that changed it.
    pub fn reread_config(&self) {
        self.config.replace(None);
    }

    /// Sets `key` to `value` in the repository's configuration.
    pub fn set_config(&self, key: &str, value: &str) -> Result<(), GitError> {
        self.run(["config", key, value])?;
        if let Some(settings) = self.config.borrow_mut().as_mut() {
            settings.insert(canonical(key), value.to_string());
        }
        Ok(())
    }

    /// `-c` settings for a command that talks to a remote: when prompts are
    /// not allowed (the full-screen workbook waits on it), ssh must not ask
    /// for a passphrase either (an agent still works), unless the person
    /// chose their own ssh command, and a connection that hangs gives up.
    pub fn remote_settings(&self) -> Result<Vec<String>, GitError> {
        let chosen = ["GIT_SSH_COMMAND", "GIT_SSH"]
            .iter()
            .any(|var| std::env::var_os(var).is_some())
            || self
                .probe(["config", "--get", "core.sshCommand"])?
                .is_some();
        let mut settings = Vec::new();
        if !self.prompts {
            // A dead connection gives up within seconds instead of minutes.
            settings.extend([
                "-c",
                "http.lowSpeedLimit=1000",
                "-c",
                "http.lowSpeedTime=20",
            ]);
            if !chosen {
                settings.extend([
                    "-c",
                    "core.sshCommand=ssh -o BatchMode=yes -o ConnectTimeout=20",
                ]);
            }
        }
        Ok(settings.into_iter().map(String::from).collect())
    }

    /// `-c` settings that give a commit an author when git has none
    /// configured (a new machine): `careerbook <careerbook@localhost>`.
    pub fn identity(&self) -> Result<Vec<String>, GitError> {
        let mut settings = Vec::new();
        for (key, fallback) in [
            ("user.name", "careerbook"),
            ("user.email", "careerbook@localhost"),
        ] {
            if self
                .probe(["config", "--get", key])?
                .is_none_or(|v| v.is_empty())
            {
                settings.extend(["-c".to_string(), format!("{key}={fallback}")]);
            }
        }
        Ok(settings)
    }
}

/// A setting's name as git compares it: the section and the key without
/// case, a subsection (`branch.Main.merge`'s `Main`) as it is.
fn canonical(key: &str) -> String {
    match (key.find('.'), key.rfind('.')) {
        (Some(first), Some(last)) if first < last => format!(
            "{}{}{}",
            key[..first].to_lowercase(),
            &key[first..last],
            key[last..].to_lowercase()
        ),
        _ => key.to_lowercase(),
    }
}

/// What a failed git command said, in a line or a few.
pub fn message(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim().trim_end_matches('.'))
        .filter(|l| !l.is_empty())
        .collect();
    match lines.len() {
        0 => format!("it exited with {}", out.status),
        n => lines[n.saturating_sub(4)..].join("; "),
    }
}

/// Whether `git --version` names a version sync works with.
fn new_enough(version: &str) -> bool {
    let numbers: Vec<u32> = version
        .split_whitespace()
        .nth(2)
        .unwrap_or_default()
        .split('.')
        .map_while(|n| n.parse().ok())
        .collect();
    match numbers[..] {
        [major, minor, ..] => (major, minor) >= OLDEST,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_names_compare_as_git_compares_them() {
        assert_eq!(canonical("core.sshCommand"), "core.sshcommand");
        assert_eq!(canonical("branch.Main.merge"), "branch.Main.merge");
        assert_eq!(
            canonical("Merge.careerbook.Driver"),
            "merge.careerbook.driver"
        );
    }

    #[test]
    fn versions_from_2_38_on_are_new_enough() {
        assert!(new_enough("git version 2.47.1"));
        assert!(new_enough("git version 2.38.0.windows.1"));
        assert!(new_enough("git version 3.0"));
        assert!(!new_enough("git version 2.37.4"));
        assert!(!new_enough("git version 1.9"));
        assert!(!new_enough("something else"));
    }
}
