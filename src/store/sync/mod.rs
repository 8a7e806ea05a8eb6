//! Syncing the workbook between machines through git: `careerbook sync init
//! REMOTE` and `careerbook sync`.
//!
//! A sync commits what changed here (the message says what, from the
//! records), fetches, merges the other machines' commit, and pushes. The
//! merge never rewrites the workbook in place: `git merge-tree` merges in
//! git's object store (the workbook through careerbook's merge driver,
//! `domain::combine`), careerbook writes the result over the workbook
//! atomically, as any save, and only then moves the branch. Whatever reads
//! or writes the workbook happens under the workbook lock, so a full-screen
//! workbook or `careerbook log` at the same moment waits for it (and merges,
//! as always); talking to the remote happens outside it, so a slow network
//! never holds up a save.

mod git;
mod repo;
mod setup;

pub use git::GitError;

use super::backup::{self, Reason};
use super::copies::{parse_copy, parse_other, read_whole, replace_whole};
use super::disk::RealDisk;
use super::lock::{self, Lock};
use super::{OpenOptions, Paths, Session, StoreError, file, renumbered};
use crate::domain::changes::{self, Changes};
use crate::domain::combine::combine;
use crate::domain::workbook::Workbook;
use crate::domain::{Id, dates};
use chrono::{DateTime, Local};
use git::Git;
use repo::{Repo, WORKBOOK};
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// How often a sync fetches and merges again when another machine pushed
/// between its fetch and its push.
const ATTEMPTS: usize = 3;

/// How a sync runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// The careerbook binary git runs as the merge driver.
    pub exe: PathBuf,
    /// Whether git and ssh may ask for a password on the terminal.
    pub prompts: bool,
}

/// What a sync did.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// The remote's name and address: `origin (git@host:me/careerbook.git)`.
    pub remote: String,
    /// What the commit of this machine's changes says, if there were any.
    pub committed: Option<String>,
    /// What arrived from the other machines, in one line ("" for nothing).
    pub arrived: String,
    /// The same, one line per record.
    pub arrived_records: Vec<String>,
    /// Values changed on both sides that this sync set aside as conflicts.
    pub set_aside: usize,
    /// Conflicts waiting to be settled once synced, wherever they were found.
    pub conflicts: usize,
    /// Things worth telling: a renumbered id, an edit kept over a deletion.
    pub notes: Vec<String>,
    /// Whether commits went to the remote.
    pub pushed: bool,
    /// Neither side has a workbook yet.
    pub nothing_yet: bool,
    /// The workbook was replaced, but the day's backup of it failed.
    pub backup_failed: Option<String>,
}

/// Why a sync stopped, in words; what it already did is said in them.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SyncError(pub String);

impl From<GitError> for SyncError {
    fn from(err: GitError) -> Self {
        Self(err.to_string())
    }
}

impl From<StoreError> for SyncError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::ChangedWhileSaving { path } => Self(format!(
                "another program changed {} while careerbook was syncing, so nothing was \
                 written over it; sync again to take that change in too",
                path.display()
            )),
            err => Self(err.to_string()),
        }
    }
}

/// `careerbook sync init REMOTE`: makes the data directory a git repository
/// (or uses the one that tracks it), sets it up, adds `remote` and syncs
/// with it. Running it again is harmless; with another address, it moves
/// the sync there.
pub fn init(paths: &Paths, remote: &str, options: &Options) -> Result<Report, SyncError> {
    // A workbook that cannot be synced is refused before anything is made.
    refuse_linked_workbook(paths)?;
    let look = Session::open(paths.clone(), OpenOptions::default())?;
    if let Some(reason) = look.read_only() {
        return Err(SyncError(format!("nothing was changed: {reason}")));
    }
    let git = Git::find(&existing(&paths.dir), options.prompts)?;
    file::ensure_dirs(paths)?;
    let git = git.in_dir(&paths.dir);
    let repo = match Repo::find(&git, paths)? {
        Some(repo) => repo,
        None => Repo::create(&git)?,
    };
    setup::register_driver(&repo, &options.exe, true)?;
    let name = choose_remote(&repo, &address(remote))?;
    repo.set_config("careerbook.remote", &name)?;
    run(paths, &repo, &name)
}

/// `careerbook sync`: commits, fetches, merges and pushes.
pub fn sync(paths: &Paths, options: &Options) -> Result<Report, SyncError> {
    let git = Git::find(&existing(&paths.dir), options.prompts)?;
    let not_set_up = || {
        SyncError(format!(
            "{} is not set up for sync yet: run `careerbook sync init REMOTE` once, with \
             REMOTE a private git repository (see `careerbook sync --help`)",
            paths.dir.display()
        ))
    };
    if !paths.dir.is_dir() {
        return Err(not_set_up());
    }
    let repo = Repo::find(&git.in_dir(&paths.dir), paths)?.ok_or_else(not_set_up)?;
    let remote = repo.config("careerbook.remote")?.ok_or_else(not_set_up)?;
    setup::register_driver(&repo, &options.exe, false)?;
    run(paths, &repo, &remote)
}

/// When this machine last synced with its remote, if it ever did.
pub fn last_synced(paths: &Paths) -> Option<DateTime<Local>> {
    let text = std::fs::read_to_string(paths.dir.join(setup::LAST_SYNC)).ok()?;
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Local))
}

/// A directory git can start in to say its version: `dir`, or `/` while
/// `dir` does not exist yet.
fn existing(dir: &Path) -> PathBuf {
    match dir.is_dir() {
        true => dir.to_path_buf(),
        false => PathBuf::from("/"),
    }
}

/// A remote given as a relative path means one relative to where the
/// command runs, not to the data directory git runs in.
fn address(remote: &str) -> String {
    let path = Path::new(remote);
    match (path.is_relative() && path.exists(), std::env::current_dir()) {
        (true, Ok(cwd)) => cwd.join(path).to_string_lossy().into_owned(),
        _ => remote.to_string(),
    }
}

/// git would commit a link to the workbook, not the workbook.
fn refuse_linked_workbook(paths: &Paths) -> Result<(), SyncError> {
    let linked = std::fs::symlink_metadata(&paths.workbook).is_ok_and(|m| m.is_symlink());
    match linked {
        true => Err(SyncError(format!(
            "{} is a link; git would sync the link, not the workbook. Sync a data \
             directory whose workbook is a plain file (`careerbook --data-dir DIR sync init …`)",
            paths.workbook.display()
        ))),
        false => Ok(()),
    }
}

/// The remote to sync with `address`: one that has it already, else the one
/// careerbook synced with before (moved there), else `origin` or, when the
/// repository has an `origin` of its own, `careerbook`.
fn choose_remote(repo: &Repo, address: &str) -> Result<String, SyncError> {
    let urls = repo.git.configs("remote.", ".url")?;
    let known: Vec<(&str, &str)> = urls
        .iter()
        .filter_map(|(key, url)| {
            let name = key.strip_prefix("remote.")?.strip_suffix(".url")?;
            Some((name, url.as_str()))
        })
        .collect();
    if let Some((name, _)) = known.iter().find(|(_, url)| *url == address) {
        return Ok(name.to_string());
    }
    let before = repo.config("careerbook.remote")?;
    let name = match before {
        Some(name) if known.iter().any(|(n, _)| *n == name) => name,
        _ if known.iter().any(|(n, _)| *n == "origin") => "careerbook".to_string(),
        _ => "origin".to_string(),
    };
    match known.iter().any(|(n, _)| *n == name) {
        true => repo.git.run(["remote", "set-url", &name, address])?,
        false => repo.git.run(["remote", "add", &name, address])?,
    };
    repo.git.reread_config();
    Ok(name)
}

/// Commit, then fetch, merge and push until the push lands.
fn run(paths: &Paths, repo: &Repo, remote: &str) -> Result<Report, SyncError> {
    let url = repo
        .config(&format!("remote.{remote}.url"))?
        .unwrap_or_default();
    let mut report = Report {
        remote: format!("{remote} ({})", without_password(&url)),
        ..Report::default()
    };
    let result = attempt(paths, repo, remote, &mut report);
    let result = result.map_err(|SyncError(problem)| match &report.committed {
        Some(what) => SyncError(format!(
            "{problem}. This machine's changes ({what}) are committed here and go out with \
             the next sync"
        )),
        None => SyncError(problem),
    });
    result.map(|()| report)
}

fn attempt(paths: &Paths, repo: &Repo, remote: &str, report: &mut Report) -> Result<(), SyncError> {
    let mut branch = repo.branch().map_err(SyncError)?;
    report.committed = locked(paths, || {
        commit_local(paths, repo, &mut report.notes).map(|c| c.summary)
    })?;
    for _ in 0..ATTEMPTS {
        fetch(repo, remote, report)?;
        let target = remote_branch(repo, remote, &mut branch)?;
        let tip = repo.commit(&format!("refs/remotes/{remote}/{target}"))?;
        locked(paths, || {
            let committed = commit_local(paths, repo, &mut report.notes)?;
            if let Some(more) = committed.summary {
                report.committed = Some(match report.committed.take() {
                    Some(first) => format!("{first}; {more}"),
                    None => more,
                });
            }
            let here = committed.workbook.as_deref();
            integrate(paths, repo, &branch, remote, tip.as_deref(), here, report)
        })?;
        match push(repo, remote, &target, tip.as_deref(), report)? {
            Pushed::Raced => continue,
            Pushed::Done => {
                report.conflicts = workbook_in(repo, "HEAD")?.map_or(0, |wb| wb.conflicts.len());
                let now = Local::now().to_rfc3339();
                let path = paths.dir.join(setup::LAST_SYNC);
                // Only the note in the tab bar depends on it.
                let _ = file::write_atomic(&RealDisk, &paths.dir, &path, now.as_bytes());
                return Ok(());
            }
        }
    }
    Err(SyncError(format!(
        "{} kept changing while this sync ran (another machine syncing at the same \
         moment?): run careerbook sync again",
        report.remote
    )))
}

/// Runs `step` holding the workbook lock, so no save lands in the middle.
fn locked<T>(paths: &Paths, step: impl FnOnce() -> Result<T, SyncError>) -> Result<T, SyncError> {
    let _lock = Lock::acquire(&paths.lock, lock::WAIT)?;
    step()
}

/// Commits the workbook as it is here (and careerbook's git files), with a
/// message that says what changed since the last commit. `None` when
/// nothing did. A workbook that is missing is put back as of the last
/// commit; one restored from a backup since, or whose id counter went back
/// (a fresh start, an old copy put back by hand), is merged into the last
/// commit's rather than replacing it, since committing it would delete on
/// every machine what it lacks.
fn commit_local(
    paths: &Paths,
    repo: &Repo,
    notes: &mut Vec<String>,
) -> Result<Committed, SyncError> {
    refuse_linked_workbook(paths)?;
    let head = repo.commit("HEAD")?;
    let committed = match &head {
        Some(head) => repo.workbook_at(head)?,
        None => None,
    };
    let Some(mut bytes) = read_whole(paths)? else {
        let Some(committed) = committed else {
            // Nothing here yet: the remote's workbook, if any, is taken as it is.
            return Ok(Committed::default());
        };
        replace_whole(paths, None, &committed)?;
        notes.push("workbook.ron was missing here: it is put back as of the last sync".into());
        return Ok(Committed {
            summary: None,
            workbook: Some(committed),
        });
    };
    let wrote = setup::write_files(paths)?;
    let files = [WORKBOOK, setup::FILES[0], setup::FILES[1]];
    if committed.as_ref() == Some(&bytes) {
        // Unchanged since the last commit: only careerbook's git files may be new.
        let settings = "careerbook's git settings";
        let summary = match !wrote && repo.committed_as_they_are(&setup::FILES)? {
            true => None,
            false => repo
                .commit_files(&files, settings)?
                .then(|| settings.to_string()),
        };
        return Ok(Committed {
            summary,
            workbook: Some(bytes),
        });
    }
    let last = committed
        .as_deref()
        .and_then(|bytes| parse_copy(Path::new(WORKBOOK), bytes, "the last synced workbook").ok());
    let mut now = parse_copy(&paths.workbook, &bytes, "the workbook here").map_err(SyncError)?;
    let restored = match &head {
        Some(head) => restored_since(paths, repo, head)?,
        None => false,
    };
    if let Some(last) = last
        .as_ref()
        .filter(|last| restored || now.next_id < last.next_id)
    {
        let written;
        (now, written) = restarted(paths, &bytes, &now, last, notes)?;
        bytes = written.unwrap_or(bytes);
    }
    let changes = changes::between(last.as_ref().unwrap_or(&Workbook::default()), &now);
    let summary = match changes.is_empty() {
        true => "workbook.ron rewritten, no record changed".to_string(),
        false => changes.summary(),
    };
    let message = commit_message(&summary, &changes);
    Ok(Committed {
        summary: repo.commit_files(&files, &message)?.then_some(summary),
        workbook: Some(bytes),
    })
}

/// What committing the workbook here did.
#[derive(Default)]
struct Committed {
    /// What the commit says changed; `None` when nothing was committed.
    summary: Option<String>,
    /// The workbook as it stands here after it (`None`: there is none):
    /// what a merge written over it next is made from.
    workbook: Option<Vec<u8>>,
}

/// A workbook that does not carry on from the last synced one (`now`, read
/// as `bytes`), merged into it without deleting anything, and written back:
/// the bytes written, if they were.
fn restarted(
    paths: &Paths,
    bytes: &[u8],
    now: &Workbook,
    last: &Workbook,
    notes: &mut Vec<String>,
) -> Result<(Workbook, Option<Vec<u8>>), SyncError> {
    let combined = combine(None, now, last, dates::today()).map_err(|e| {
        SyncError(format!(
            "the workbook could not be merged with the last synced one: {e}"
        ))
    })?;
    if combined.workbook == *now {
        return Ok((combined.workbook, None));
    }
    let written = file::to_bytes(&combined.workbook)?;
    replace_whole(paths, Some(bytes), &written)?;
    renumbered::record(paths, &combined.renumbered)?;
    notes.push(format!(
        "workbook.ron here does not carry on from the last synced one (restored from an old \
         backup, or started afresh?), so it was merged into it, deleting nothing{}",
        match combined.conflicts {
            0 => String::new(),
            n => format!(
                "; {} that differ set aside",
                crate::text::count_of(n, "value", "values")
            ),
        }
    ));
    notes.extend(combined.notes);
    Ok((combined.workbook, Some(written)))
}

/// Whether `careerbook restore` replaced the workbook since commit `head`
/// (it keeps the file it replaced as a `pre-restore` or `damaged` backup):
/// an old backup put back must not delete, on every machine, what it lacks.
fn restored_since(paths: &Paths, repo: &Repo, head: &str) -> Result<bool, SyncError> {
    let seconds = repo.git.text(["log", "-1", "--format=%ct", head])?;
    let Some(committed) = seconds
        .parse()
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
    else {
        return Ok(false);
    };
    let committed = committed.with_timezone(&Local).naive_local();
    Ok(backup::list(paths)?
        .iter()
        .any(|b| matches!(b.reason, Reason::PreRestore | Reason::Damaged) && b.taken >= committed))
}

/// How many records a commit message names one per line.
const NAMED: usize = 100;

/// A commit message: the summary, then one line per record (the first
/// [`NAMED`]), each kept on its line and safe to show in a terminal (`git log`).
fn commit_message(summary: &str, changes: &Changes) -> String {
    let safe =
        |text: &str| crate::text::terminal_safe(text, crate::text::Breaks::Show).into_owned();
    let mut message = safe(summary);
    let lines = changes.lines();
    if !lines.is_empty() {
        message.push_str("\n\n");
        let named: Vec<String> = lines.iter().take(NAMED).map(|l| safe(l)).collect();
        message.push_str(&named.join("\n"));
    }
    if lines.len() > NAMED {
        message.push_str(&format!("\n… and {} more", lines.len() - NAMED));
    }
    message
}

/// The branch on the remote this branch syncs with: the one it tracks,
/// else the one of the same name, else the remote's only branch (a second
/// machine whose git names its first branch differently). A branch with no
/// commits yet takes that name; the choice is kept for plain `git pull`.
fn remote_branch(repo: &Repo, remote: &str, branch: &mut String) -> Result<String, SyncError> {
    let tracked = repo.config(&format!("branch.{branch}.merge"))?;
    if let Some(target) = tracked
        .as_deref()
        .and_then(|t| t.strip_prefix("refs/heads/"))
    {
        return Ok(target.to_string());
    }
    let prefix = format!("refs/remotes/{remote}/");
    let listed = repo
        .git
        .text(["for-each-ref", "--format=%(refname)", &prefix])?;
    let theirs: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter(|name| *name != "HEAD")
        .collect();
    let target = match theirs[..] {
        [only] if !theirs.contains(&branch.as_str()) => only.to_string(),
        _ => branch.clone(),
    };
    if target != *branch && repo.commit("HEAD")?.is_none() {
        repo.git
            .run(["symbolic-ref", "HEAD", &format!("refs/heads/{target}")])?;
        *branch = target.clone();
    }
    repo.set_config(&format!("branch.{branch}.remote"), remote)?;
    repo.set_config(
        &format!("branch.{branch}.merge"),
        &format!("refs/heads/{target}"),
    )?;
    Ok(target)
}

fn fetch(repo: &Repo, remote: &str, report: &Report) -> Result<(), SyncError> {
    let mut args = repo.git.remote_settings()?;
    args.extend(["fetch", "-q", "--no-tags", remote].map(String::from));
    let out = repo.git.output(&args)?;
    match out.status.success() {
        true => Ok(()),
        false => Err(remote_trouble(
            repo,
            "fetch from",
            report,
            &git::message(&out),
        )),
    }
}

/// Takes in the remote's commit `tip`: as it is when this machine has
/// nothing it lacks, merged when both have changes. `here`: the workbook as
/// it was just committed here, which what is written over it is made from.
fn integrate(
    paths: &Paths,
    repo: &Repo,
    branch: &str,
    remote: &str,
    tip: Option<&str>,
    here: Option<&[u8]>,
    report: &mut Report,
) -> Result<(), SyncError> {
    let Some(tip) = tip else {
        return Ok(());
    };
    let head = repo.commit("HEAD")?;
    // Where the remote's changes start from, and whether to merge.
    let (base, merging) = match head.as_deref() {
        None => (None, false),
        Some(head) if head == tip || repo.contains(head, tip)? => return Ok(()),
        Some(head) if repo.contains(tip, head)? => (Some(head.to_string()), false),
        Some(head) => (repo.git.probe(["merge-base", head, tip])?, true),
    };
    // A workbook this careerbook cannot read (a newer one) is never taken in.
    let theirs = match repo.workbook_at(tip)? {
        Some(bytes) => Some(
            parse_other(
                Path::new(WORKBOOK),
                &bytes,
                &format!("the workbook on {remote}"),
            )
            .map_err(SyncError)?,
        ),
        None => None,
    };
    let empty = Workbook::default();
    let before = match &base {
        Some(base) => workbook_in(repo, base)?,
        None => None,
    };
    let arrived = changes::between(
        before.as_ref().unwrap_or(&empty),
        theirs.as_ref().unwrap_or(&empty),
    );
    let new = match (head.as_deref(), merging) {
        (Some(head), true) => merge(repo, remote, head, tip, base.is_none(), &arrived, report)?,
        _ => tip.to_string(),
    };
    install(paths, repo, branch, head.as_deref(), &new, here, report)?;
    // A second round (after a push lost a race) adds to the first.
    report.arrived = [report.arrived.as_str(), &arrived.summary()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    report.arrived_records.extend(arrived.lines());
    if let (true, Some(head), Some(theirs)) = (merging, &head, &theirs)
        && let Some(merged) = workbook_in(repo, &new)?
    {
        // Conflicts only the merge has were set aside by it.
        let mut known: HashSet<Id> = theirs.conflicts.iter().map(|c| c.id).collect();
        if let Some(ours) = workbook_in(repo, head)? {
            known.extend(ours.conflicts.iter().map(|c| c.id));
            record_moves(paths, before.as_ref(), &ours, theirs, report);
            if let Some(base) = &before {
                let apart = crate::domain::conflict::settled_apart(base, &ours, &merged);
                report.notes.extend(apart);
            }
        }
        report.set_aside += merged
            .conflicts
            .iter()
            .filter(|c| !known.contains(&c.id))
            .count();
    }
    Ok(())
}

/// Records which of this machine's records the merge renumbered (it is
/// the merge driver's combination, done again: the driver runs inside git),
/// so a full-screen workbook open here follows them (`store::renumbered`).
fn record_moves(
    paths: &Paths,
    base: Option<&Workbook>,
    ours: &Workbook,
    theirs: &Workbook,
    report: &mut Report,
) {
    let Ok(combined) = combine(base, ours, theirs, dates::today()) else {
        return;
    };
    if let Err(err) = renumbered::record(paths, &combined.renumbered) {
        report.notes.push(format!(
            "a careerbook open here while syncing may not follow the renumbered records \
             ({err}): close and reopen it before editing them"
        ));
    }
}

/// The workbook at commit `rev`, if it holds one careerbook can read.
fn workbook_in(repo: &Repo, rev: &str) -> Result<Option<Workbook>, SyncError> {
    Ok(repo
        .workbook_at(rev)?
        .and_then(|bytes| parse_copy(Path::new(WORKBOOK), &bytes, "a synced workbook").ok()))
}

/// Merges `tip` into `head` in git's object store: the merge commit, whose
/// message says what `arrived`.
fn merge(
    repo: &Repo,
    remote: &str,
    head: &str,
    tip: &str,
    unrelated: bool,
    arrived: &Changes,
    report: &mut Report,
) -> Result<String, SyncError> {
    if !setup::driver_in_effect(repo)? {
        return Err(SyncError(
            "git would merge workbook.ron line by line: .gitattributes lacks careerbook's line \
             (run careerbook sync init REMOTE again to put it back)"
                .into(),
        ));
    }
    let message = match arrived.is_empty() {
        true => format!("Merge from {remote}"),
        false => commit_message(
            &format!("Merge from {remote}: {}", arrived.summary()),
            arrived,
        ),
    };
    match repo.merge(head, tip, unrelated, &message) {
        Ok((commit, said)) => {
            report.notes.extend(said);
            Ok(commit)
        }
        Err(failed) => {
            let mut problem = match failed.said.is_empty() {
                true => format!("git could not merge {remote}'s changes: {}", failed.message),
                false => failed.said.join("; "),
            };
            let others: Vec<&str> = failed
                .files
                .iter()
                .map(String::as_str)
                .filter(|f| !f.ends_with(WORKBOOK))
                .collect();
            if !others.is_empty() {
                problem.push_str(&format!(
                    " (files both machines changed: {}; merge them with git by hand)",
                    others.join(", ")
                ));
            }
            Err(SyncError(format!("{problem}. Nothing was merged")))
        }
    }
}

/// Moves this machine to commit `new` (the remote's, read already, or the
/// merge of it): the workbook written atomically first, then git's files
/// and branch. Refused, changing nothing, when the workbook would be deleted
/// or is no longer `here`, the workbook `new` was made from (another
/// program wrote it meanwhile).
fn install(
    paths: &Paths,
    repo: &Repo,
    branch: &str,
    old: Option<&str>,
    new: &str,
    here: Option<&[u8]>,
    report: &mut Report,
) -> Result<(), SyncError> {
    let bytes = repo.workbook_at(new)?;
    let had = match old {
        Some(old) => repo.workbook_at(old)?.is_some(),
        None => false,
    };
    if bytes.is_none() && had {
        return Err(SyncError(format!(
            "workbook.ron was removed from {}'s history (with git, by hand?); careerbook \
             will not delete it here. Nothing was changed",
            report.remote
        )));
    }
    if let Some(old) = old
        && let Err(e) = repo.can_move(old, new)
    {
        // git also refuses when the workbook itself changed since it was
        // committed: another program wrote it, and it is not "beside" it.
        if file::read_bytes(&paths.workbook)?.as_deref() != here {
            return Err(StoreError::ChangedWhileSaving {
                path: paths.workbook.clone(),
            }
            .into());
        }
        return Err(SyncError(format!(
            "{e}: a file beside the workbook has changes of your own that the other \
             machine's would overwrite; commit or remove them, then sync. Nothing was changed"
        )));
    }
    if let Some(bytes) = &bytes
        && here != Some(bytes.as_slice())
    {
        report.backup_failed = replace_whole(paths, here, bytes)?;
    }
    repo.move_to(branch, old, new, bytes.is_some())?;
    Ok(())
}

enum Pushed {
    Done,
    /// Another machine pushed since the fetch: fetch and merge again.
    Raced,
}

fn push(
    repo: &Repo,
    remote: &str,
    target: &str,
    tip: Option<&str>,
    report: &mut Report,
) -> Result<Pushed, SyncError> {
    let Some(head) = repo.commit("HEAD")? else {
        report.nothing_yet = true;
        return Ok(Pushed::Done);
    };
    if tip == Some(head.as_str()) {
        return Ok(Pushed::Done);
    }
    let mut args = repo.git.remote_settings()?;
    args.extend(["push", "--porcelain", remote].map(String::from));
    args.push(format!("HEAD:refs/heads/{target}"));
    let out = repo.git.output(&args)?;
    if out.status.success() {
        report.pushed = true;
        return Ok(Pushed::Done);
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let raced = stdout.lines().any(|l| {
        l.starts_with('!') && (l.contains("fetch first") || l.contains("non-fast-forward"))
    });
    match raced {
        true => Ok(Pushed::Raced),
        false => {
            // `!<tab>HEAD:refs/heads/main<tab>[remote rejected] (hook declined)`
            let refused: Vec<&str> = stdout
                .lines()
                .filter(|l| l.starts_with('!'))
                .filter_map(|l| l.rsplit('\t').next())
                .collect();
            let said = match refused.is_empty() {
                true => git::message(&out),
                false => format!("{} {}", refused.join(" "), git::message(&out)),
            };
            Err(remote_trouble(repo, "push to", report, &said))
        }
    }
}

/// Why talking to the remote failed, with what to do about it, and what
/// changed here (nothing but a local commit, and a merge when it was the
/// push that failed).
fn remote_trouble(repo: &Repo, action: &str, report: &Report, said: &str) -> SyncError {
    let lower = said.to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let hint = if any(&[
        "permission denied",
        "authentication failed",
        "could not read username",
        "could not read password",
        "terminal prompts disabled",
        "host key verification failed",
        "access denied",
        "403",
    ]) {
        match repo.git.prompts() {
            true => "the remote refused the credentials: check your ssh key or access token",
            false => {
                "the remote refused the credentials, or needs a password careerbook cannot ask \
                 for here: use an ssh agent or a credential helper, or run `careerbook sync` in a shell"
            }
        }
    } else if any(&[
        "could not resolve",
        "connection refused",
        "connection timed out",
        "timed out",
        "network is unreachable",
        "no route to host",
        "unable to access",
        "connection reset",
    ]) {
        "the remote could not be reached: check the network connection"
    } else if any(&[
        "does not appear to be a git repository",
        "repository not found",
        "not found",
    ]) {
        "there is no repository at that address: check it, or create the repository first"
    } else if any(&["denycurrentbranch", "checked out"]) {
        "the remote is a repository with files checked out, which refuses pushes: use a bare \
         one (`git init --bare`)"
    } else if any(&["remote rejected", "declined", "protected"]) {
        "the remote refused the change (a hook or a protected branch on its side)"
    } else {
        "git could not talk to the remote"
    };
    let merged = match (action, report.arrived.is_empty()) {
        ("push to", false) => format!(
            " What arrived from it ({}) is merged here; this machine's changes go out with the next sync.",
            report.arrived
        ),
        _ => String::new(),
    };
    let url = repo
        .config(&format!("remote.{}.url", remote_name(report)))
        .ok()
        .flatten()
        .unwrap_or_default();
    let said = match url.is_empty() {
        true => said.to_string(),
        false => said.replace(&url, &without_password(&url)),
    };
    SyncError(format!(
        "could not {action} {}: {hint}. git said: {}.{merged} Nothing else was changed here",
        report.remote,
        said.trim_end_matches('.')
    ))
}

/// The remote's name, as [`Report::remote`] starts with it.
fn remote_name(report: &Report) -> &str {
    report.remote.split(' ').next().unwrap_or_default()
}

/// An address as it may be shown: a password or token in it (an https
/// address with `user:token@`) is left out.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let host_start = rest.find('/').unwrap_or(rest.len());
    match rest[..host_start].rsplit_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:…@{host}{}", &rest[host_start..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_an_address_is_never_shown() {
        assert_eq!(
            without_password("https://me:ghp_secret@github.com/me/careerbook.git"),
            "https://me:…@github.com/me/careerbook.git"
        );
        for url in [
            "git@github.com:me/careerbook.git",
            "ssh://git@host/me/cb.git",
            "/media/usb/careerbook.git",
        ] {
            assert_eq!(without_password(url), url);
        }
    }
}
