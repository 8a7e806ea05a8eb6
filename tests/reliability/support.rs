//! Helpers shared by the reliability tests.

use careerbook::domain::edit::Edit;
use careerbook::domain::impact::{Category, Win};
use careerbook::store::{OpenOptions, Paths, Session, backup};
use chrono::NaiveDate;
use std::fs;
use std::path::PathBuf;

pub fn win(title: &str) -> Win {
    Win {
        id: 0,
        date: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
        title: title.into(),
        category: Category::RiskReduction,
        metric: None,
        notes: Some("measured by the on-call pager count".into()),
        tags: vec!["infra".into()],
        link: None,
    }
}

/// A data directory inside a fresh temporary directory; it does not exist yet.
pub fn fresh() -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = Paths::in_dir(dir.path().join("data"));
    (dir, paths)
}

/// Opens the way the TUI does: creating the file if missing, locking only to save.
pub fn open(paths: &Paths) -> Session {
    Session::open(paths.clone(), tui_options()).expect("open")
}

pub fn tui_options() -> OpenOptions {
    OpenOptions {
        create: true,
        hold_lock: false,
    }
}

/// Opens the way a command that changes the workbook does: holding the lock
/// from reading to saving, saving by adding to the journal.
pub fn command_options() -> OpenOptions {
    OpenOptions {
        create: true,
        hold_lock: true,
    }
}

pub fn titles(session: &Session) -> Vec<String> {
    session
        .workbook()
        .impact
        .wins
        .iter()
        .map(|w| w.title.clone())
        .collect()
}

/// Adds a win and insists it was saved.
pub fn add(session: &mut Session, title: &str) {
    let applied = session
        .apply(Edit::Add(win(title).into()))
        .expect("valid edit");
    applied.saved.expect("saved");
}

/// Every file in the data directory and `backups/` that careerbook does not
/// own by name: leftovers of an interrupted save, whatever they are called.
pub fn strays(paths: &Paths) -> Vec<PathBuf> {
    let owned = [&paths.workbook, &paths.lock, &paths.backups];
    let mut found: Vec<PathBuf> = list(&paths.dir)
        .into_iter()
        .filter(|p| !owned.contains(&p))
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            !name.is_some_and(|n| n.starts_with("crash-"))
        })
        .collect();
    let backups: Vec<PathBuf> = backup::list(paths)
        .expect("list backups")
        .into_iter()
        .map(|b| b.path)
        .collect();
    found.extend(
        list(&paths.backups)
            .into_iter()
            .filter(|p| !backups.contains(p)),
    );
    found
}

fn list(dir: &std::path::Path) -> Vec<PathBuf> {
    match fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    }
}

/// Starts this test binary again as a child process that plays `role` in the
/// data directory `dir` (see `child.rs`), with its stdout piped for reports.
pub fn spawn_child(role: &str, dir: &std::path::Path) -> std::process::Child {
    let exe = std::env::current_exe().expect("the test binary's path");
    std::process::Command::new(exe)
        .args(["--exact", crate::child::TEST_NAME, "--nocapture"])
        .env(crate::child::ROLE, role)
        .env(crate::child::DIR, dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start a child process")
}

/// Reads the child's report lines until one equals `wanted`; `false` if the
/// child's output ended first.
pub fn wait_for_line(
    reader: &mut impl std::io::BufRead,
    wanted: &str,
    seen: &mut Vec<String>,
) -> bool {
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return false,
            Ok(_) => {
                let line = line.trim_end().to_string();
                let found = line == wanted;
                seen.push(line);
                if found {
                    return true;
                }
            }
        }
    }
}

/// Starts a child playing `role` in `dir`, waits until it says "ready",
/// kills it with SIGKILL after a random moment up to `within`, and returns
/// its pid and the last number it reported as "saved N" (if any).
pub fn kill_at_random(
    role: &str,
    dir: &std::path::Path,
    rng: &mut fastrand::Rng,
    within: std::time::Duration,
) -> (u32, Option<u64>) {
    use std::io::Read;
    let mut child = spawn_child(role, dir);
    let pid = child.id();
    let mut out = std::io::BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut seen = Vec::new();
    assert!(
        wait_for_line(&mut out, "ready", &mut seen),
        "the child started: {seen:?}"
    );
    let micros = u64::try_from(within.as_micros()).unwrap_or(u64::MAX);
    std::thread::sleep(std::time::Duration::from_micros(rng.u64(0..micros)));
    child.kill().expect("SIGKILL");
    child.wait().expect("reap the child");
    let mut rest = String::new();
    let _ = out.read_to_string(&mut rest);
    seen.extend(rest.lines().map(str::to_string));
    let saved = seen
        .iter()
        .filter_map(|l| l.strip_prefix("saved ")?.parse::<u64>().ok())
        .max();
    (pid, saved)
}
