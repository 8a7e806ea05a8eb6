//! A full disk and failing fsyncs: the store's `Disk` seam makes one step of a
//! save fail, for every step in turn, and each time nothing may be lost.

use crate::common::today;
use crate::support::{add, fresh, open, strays, titles, tui_options, win};
use careerbook::domain::edit::Edit;
use careerbook::store::disk::{Disk, RealDisk};
use careerbook::store::{Paths, Session, backup, file};
use careerbook::tui::app::{App, Status};
use careerbook::tui::theme::Theme;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A disk that logs every step and can be armed to fail the Nth one (counted
/// from arming) once, the way a full or failing disk would.
#[derive(Clone, Debug, Default)]
pub struct Faulty(Arc<Mutex<Plan>>);

#[derive(Debug, Default)]
pub struct Plan {
    fail_at: Option<usize>,
    /// Steps that fail every time, like a directory that cannot be written.
    broken: Vec<&'static str>,
    steps: Vec<String>,
}

pub const ENOSPC: i32 = 28;
pub const EIO: i32 = 5;

impl Faulty {
    pub fn arm(&self, fail_at: Option<usize>) {
        let mut plan = self.0.lock().expect("plan");
        plan.fail_at = fail_at;
        plan.steps.clear();
    }

    pub fn break_step(&self, step: &'static str) {
        self.0.lock().expect("plan").broken.push(step);
    }

    pub fn unbreak(&self) {
        self.0.lock().expect("plan").broken.clear();
    }

    pub fn steps(&self) -> Vec<String> {
        self.0.lock().expect("plan").steps.clone()
    }

    /// Logs a step; `true` if this is the one to fail.
    fn fails(&self, step: &str, path: Option<&Path>) -> bool {
        let mut plan = self.0.lock().expect("plan");
        let name = path
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned());
        let place = match name {
            Some(n) if n.starts_with(".workbook.ron.tmp") => " temp".to_string(),
            Some(n) if n.starts_with("workbook-") => " backup".to_string(),
            Some(n) => format!(" {n}"),
            None => String::new(),
        };
        let n = plan.steps.len();
        let step = format!("{step}{place}");
        let broken = plan.broken.iter().any(|b| *b == step);
        plan.steps.push(step);
        if broken {
            return true;
        }
        if plan.fail_at == Some(n) {
            plan.fail_at = None;
            return true;
        }
        false
    }
}

impl Disk for Faulty {
    fn create_new(&self, path: &Path) -> io::Result<File> {
        if self.fails("create", Some(path)) {
            return Err(io::Error::from_raw_os_error(ENOSPC));
        }
        RealDisk.create_new(path)
    }

    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        if self.fails("write", None) {
            // A full disk takes part of the data before it refuses the rest.
            file.write_all(&bytes[..bytes.len() / 2])?;
            return Err(io::Error::from_raw_os_error(ENOSPC));
        }
        RealDisk.write_all(file, bytes)
    }

    fn sync_file(&self, file: &File) -> io::Result<()> {
        if self.fails("sync", None) {
            return Err(io::Error::from_raw_os_error(EIO));
        }
        RealDisk.sync_file(file)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        if self.fails("rename to", Some(to)) {
            return Err(io::Error::from_raw_os_error(EIO));
        }
        RealDisk.rename(from, to)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        if self.fails("sync dir", Some(dir)) {
            return Err(io::Error::from_raw_os_error(EIO));
        }
        RealDisk.sync_dir(dir)
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        if self.fails("remove", Some(path)) {
            return Err(io::Error::from_raw_os_error(EIO));
        }
        RealDisk.remove_file(path)
    }

    fn open_append(&self, path: &Path) -> io::Result<File> {
        if self.fails("open to append", Some(path)) {
            return Err(io::Error::from_raw_os_error(EIO));
        }
        RealDisk.open_append(path)
    }

    fn sync_data(&self, file: &File) -> io::Result<()> {
        if self.fails("sync data", None) {
            return Err(io::Error::from_raw_os_error(EIO));
        }
        RealDisk.sync_data(file)
    }

    fn truncate(&self, file: &File, len: u64) -> io::Result<()> {
        if self.fails("truncate", None) {
            return Err(io::Error::from_raw_os_error(EIO));
        }
        RealDisk.truncate(file, len)
    }
}

/// A saved workbook holding one win, with no backup taken today and a full set
/// of older daily backups, so the next save also writes today's backup and
/// rotates the oldest away: every kind of step a save can take.
fn before_the_first_save_of_the_day() -> (tempfile::TempDir, Paths, Faulty, Session) {
    let (dir, paths) = fresh();
    add(&mut open(&paths), "saved");
    for old in backup::list(&paths).expect("list") {
        fs::remove_file(old.path).expect("forget today's backup");
    }
    for day in 1..=backup::KEEP_AUTO {
        let name = format!("workbook-202001{day:02}-120000-auto.ron");
        fs::copy(&paths.workbook, paths.backups.join(name)).expect("seed an old backup");
    }
    let disk = Faulty::default();
    let session = Session::open_with_disk(paths.clone(), tui_options(), Box::new(disk.clone()))
        .expect("open");
    (dir, paths, disk, session)
}

#[test]
fn a_save_failing_at_any_step_keeps_the_file_and_the_edit_and_a_later_save_works() {
    let steps = {
        let (_dir, _paths, disk, mut session) = before_the_first_save_of_the_day();
        disk.arm(None);
        add(&mut session, "pending");
        disk.steps()
    };
    for expected in [
        "create temp",
        "write",
        "sync",
        "rename to backup",
        "sync dir backups",
        "remove backup",
        "rename to workbook.ron",
        "sync dir data",
    ] {
        assert!(
            steps.iter().any(|s| s == expected),
            "a save includes {expected:?}: {steps:?}"
        );
    }

    // The daily backup's steps come first; the last of them removes the
    // oldest backup. A failure there must not stop the save itself.
    let last_backup_step = steps
        .iter()
        .position(|s| s == "remove backup")
        .expect("the backup rotation is a step");
    for n in 0..steps.len() {
        let (_dir, paths, disk, mut session) = before_the_first_save_of_the_day();
        let old = fs::read(&paths.workbook).expect("read");
        disk.arm(Some(n));
        let applied = session
            .apply(Edit::Add(win("pending").into()))
            .expect("a valid edit");
        let context = format!("failing step {n} ({}) of {steps:?}", steps[n]);

        if n <= last_backup_step {
            let saved = applied.saved.expect(&context);
            let problem = saved.backup_failed.expect("the failed backup is reported");
            assert!(
                problem.contains("daily backup failed"),
                "{problem} ({context})"
            );
            assert_eq!(
                session.unsaved(),
                0,
                "the edit itself was saved ({context})"
            );
            assert_eq!(titles(&open(&paths)), ["saved", "pending"], "{context}");
            assert_eq!(
                strays(&paths),
                Vec::<std::path::PathBuf>::new(),
                "{context}"
            );
            for b in backup::list(&paths).expect("list") {
                assert!(backup::is_good(&b.path), "{} is whole ({context})", b.name);
            }
            continue;
        }
        let err = applied.saved.expect_err(&context);
        let cause = io::Error::from_raw_os_error(
            if steps[n].starts_with("create") || steps[n] == "write" {
                ENOSPC
            } else {
                EIO
            },
        );
        assert!(
            err.to_string().contains(&cause.to_string()),
            "the error names its cause: {err} ({context})"
        );
        assert!(
            !err.to_string().contains(".workbook.ron.tmp"),
            "the error names the user's file, not our temp file: {err}"
        );
        assert_eq!(session.unsaved(), 1, "{context}");
        assert_eq!(titles(&session), ["saved", "pending"], "{context}");

        let now = fs::read(&paths.workbook).expect("read");
        let renamed = steps[..n].iter().any(|s| s == "rename to workbook.ron");
        if renamed {
            // Only flushing the directory failed: the new file is whole.
            let parsed = file::parse(&paths.workbook, &now, &[]).expect("parses");
            assert!(
                matches!(parsed, file::Parsed::Current(wb) if &wb == session.workbook()),
                "{context}"
            );
        } else {
            assert_eq!(now, old, "the old file is intact ({context})");
        }
        assert_eq!(
            strays(&paths),
            Vec::<std::path::PathBuf>::new(),
            "{context}"
        );
        for b in backup::list(&paths).expect("list") {
            assert!(backup::is_good(&b.path), "{} is whole ({context})", b.name);
        }

        session.retry_save().expect(&context);
        assert_eq!(session.unsaved(), 0, "{context}");
        assert_eq!(
            titles(&open(&paths)),
            ["saved", "pending"],
            "written once ({context})"
        );
    }
}

#[test]
fn the_status_line_says_not_saved_until_ctrl_s_saves() {
    let (_dir, paths, disk, mut session) = before_the_first_save_of_the_day();
    add(&mut session, "to undo");
    let mut app = App::new(session, today(), Theme::plain(), None);
    disk.arm(Some(0));
    crate::common::press(&mut app, "u");
    match app.status() {
        Status::NotSaved(text) => {
            assert!(text.contains("No space left on device"), "{text}");
            assert!(text.contains("Ctrl-S retries"), "{text}");
        }
        other => panic!("expected NOT SAVED, got {other:?}"),
    }
    assert!(crate::common::draw(&app, 120, 40).contains("NOT SAVED"));
    crate::common::press(&mut app, "C-s");
    assert!(
        matches!(app.status(), Status::Saved(_)),
        "{:?}",
        app.status()
    );
    assert_eq!(titles(&open(&paths)), ["saved"]);
}

#[test]
fn edits_that_cannot_be_saved_at_exit_are_kept_as_a_backup_to_restore() {
    let (_dir, paths, disk, mut session) = before_the_first_save_of_the_day();
    let old = fs::read(&paths.workbook).expect("read");
    disk.break_step("rename to workbook.ron");
    let applied = session
        .apply(Edit::Add(win("pending").into()))
        .expect("valid");
    assert!(applied.saved.is_err());
    let mut app = App::new(session, today(), Theme::plain(), None);

    let message = app.save_before_exit().expect_err("still cannot save");
    let kept = backup::list(&paths)
        .expect("list")
        .into_iter()
        .find(|b| b.reason == backup::Reason::Unsaved)
        .expect("the unsaved edits were kept as a backup");
    assert!(
        message.contains(&format!("careerbook restore {}", kept.name)),
        "{message}"
    );
    assert_eq!(
        fs::read(&paths.workbook).expect("read"),
        old,
        "the workbook is intact"
    );

    backup::restore(&paths, &kept.name).expect("restore once fixed");
    assert_eq!(titles(&open(&paths)), ["saved", "pending"]);
}

/// An app whose last edit could not be saved (the rename keeps failing).
fn app_with_an_unsaved_edit() -> (tempfile::TempDir, Paths, Faulty, App) {
    let (dir, paths, disk, mut session) = before_the_first_save_of_the_day();
    disk.break_step("rename to workbook.ron");
    let applied = session
        .apply(Edit::Add(win("pending").into()))
        .expect("valid");
    assert!(applied.saved.is_err());
    let app = App::new(session, today(), Theme::plain(), None);
    (dir, paths, disk, app)
}

fn unsaved_backups(paths: &Paths) -> usize {
    backup::list(paths)
        .expect("list")
        .into_iter()
        .filter(|b| b.reason == backup::Reason::Unsaved)
        .count()
}

#[test]
fn quitting_with_unsaved_edits_asks_first_and_names_them() {
    let (_dir, paths, _disk, mut app) = app_with_an_unsaved_edit();
    crate::common::press(&mut app, "q");
    assert!(
        !app.should_quit(),
        "q does not quit while an edit is only in memory"
    );
    let screen = crate::common::draw(&app, 100, 30);
    assert!(screen.contains("Quit with unsaved edits?"), "{screen}");
    assert!(
        screen.contains("added win “pending”"),
        "the edit is named:\n{screen}"
    );
    assert!(screen.contains("r retry"), "{screen}");
    assert!(screen.contains("b quit, keep backup"), "{screen}");
    // Esc keeps working, with the edit still in memory.
    crate::common::press(&mut app, "Esc");
    assert!(!app.should_quit());
    assert_eq!(app.popup_count(), 0);
    assert_eq!(app.session().unsaved(), 1);
    // b quits, keeping the edit as a backup, and the exit note says how to restore it.
    crate::common::press(&mut app, "q b");
    assert!(app.should_quit());
    assert_eq!(unsaved_backups(&paths), 1);
    let note = app.save_before_exit().expect_err("a note");
    assert!(note.contains("careerbook restore"), "{note}");
    assert_eq!(unsaved_backups(&paths), 1, "kept once, not again at exit");
}

#[test]
fn choosing_to_lose_unsaved_edits_quits_without_a_backup() {
    let (_dir, paths, _disk, mut app) = app_with_an_unsaved_edit();
    crate::common::press(&mut app, "q L");
    assert!(app.should_quit());
    let note = app.save_before_exit().expect_err("a note");
    assert_eq!(note, "quit without saving 1 edit, as you chose");
    assert_eq!(unsaved_backups(&paths), 0);
    assert_eq!(titles(&open(&paths)), ["saved"]);
}

#[test]
fn retrying_from_the_quit_prompt_quits_once_the_save_works() {
    let (_dir, paths, disk, mut app) = app_with_an_unsaved_edit();
    crate::common::press(&mut app, "q r");
    assert!(!app.should_quit(), "still failing: the prompt stays");
    assert_eq!(app.popup_count(), 1);
    disk.unbreak();
    crate::common::press(&mut app, "r");
    assert!(app.should_quit());
    assert_eq!(app.save_before_exit(), Ok(()));
    assert_eq!(titles(&open(&paths)), ["saved", "pending"]);
}

#[test]
fn ctrl_c_asks_too_and_a_second_ctrl_c_keeps_the_edits_as_a_backup() {
    let (_dir, paths, _disk, mut app) = app_with_an_unsaved_edit();
    crate::common::press(&mut app, "C-c");
    assert!(!app.should_quit());
    crate::common::press(&mut app, "C-c");
    assert!(app.should_quit());
    let note = app.save_before_exit().expect_err("a note");
    assert!(note.contains("careerbook restore"), "{note}");
    assert_eq!(unsaved_backups(&paths), 1);
}

#[test]
fn when_not_even_a_backup_can_be_written_ctrl_c_stays_and_says_so() {
    let (_dir, paths, disk, mut app) = app_with_an_unsaved_edit();
    disk.break_step("rename to backup");
    crate::common::press(&mut app, "C-c C-c");
    assert!(
        !app.should_quit(),
        "quitting now would lose the edit unasked"
    );
    let screen = crate::common::draw(&app, 100, 30);
    assert!(screen.contains("backup either"), "{screen}");
    assert_eq!(unsaved_backups(&paths), 0);
    // Only choosing to lose them quits.
    crate::common::press(&mut app, "L");
    assert!(app.should_quit());
}

#[test]
fn restoring_unsaved_edits_later_merges_them_and_keeps_what_was_saved_since() {
    let (_dir, paths, disk, mut app) = app_with_an_unsaved_edit();
    let pending_id = app
        .session()
        .workbook()
        .impact
        .wins
        .last()
        .expect("pending")
        .id;
    crate::common::press(&mut app, "q b");
    assert!(app.should_quit());
    let kept = backup::list(&paths)
        .expect("list")
        .into_iter()
        .find(|b| b.reason == backup::Reason::Unsaved)
        .expect("kept as a backup");
    // Space is freed; another careerbook logs a win, which takes the id
    // the unsaved one had.
    disk.unbreak();
    add(&mut open(&paths), "logged after freeing space");
    let later = open(&paths)
        .workbook()
        .impact
        .wins
        .last()
        .expect("later")
        .clone();
    assert_eq!(later.id, pending_id, "the same id, on purpose");
    let restored = backup::restore(&paths, &kept.name).expect("restore");
    let merged = restored.merged.expect("merged, not replaced");
    assert_eq!(merged.added, 1);
    assert!(
        merged.notes.iter().any(|n| n.contains("is now")),
        "{:?}",
        merged.notes
    );
    let wins = open(&paths).workbook().impact.wins.clone();
    let titles: Vec<&str> = wins.iter().map(|w| w.title.as_str()).collect();
    assert_eq!(titles, ["saved", "logged after freeing space", "pending"]);
    assert_eq!(wins[1].id, pending_id, "what was saved since keeps its id");
    assert_ne!(wins[2].id, pending_id);
}
