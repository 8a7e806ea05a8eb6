//! Two writers: other processes and other windows write while careerbook has
//! the workbook open; nothing either of them saved may be lost, and the user
//! is told when their edit was merged.

use crate::common::{draw, press, today};
use crate::support::{add, fresh, open, spawn_child, titles, wait_for_line};
use careerbook::store::lock::Lock;
use careerbook::store::{OpenOptions, Paths, StoreError};
use careerbook::tui::app::{App, Status};
use careerbook::tui::theme::Theme;
use std::io::BufReader;
use std::process::{Command, Stdio};
use std::time::Duration;

fn cli_adds(paths: &Paths, title: &str) {
    let options = OpenOptions {
        create: true,
        hold_lock: true,
    };
    let mut cli = careerbook::store::Session::open(paths.clone(), options).expect("cli open");
    add(&mut cli, title);
}

fn app_over(session: careerbook::store::Session) -> App {
    App::new(session, today(), Theme::plain(), None)
}

fn assert_merged(app: &App) {
    match app.status() {
        Status::Saved(text) => assert!(text.contains("merged"), "{text}"),
        other => panic!("expected a saved-and-merged status, got {other:?}"),
    }
    assert!(draw(app, 120, 40).contains("merged with changes made elsewhere"));
}

/// Logs a win through the TUI, as a person would: the Impact tab's form.
fn tui_logs(app: &mut App, title: &str) {
    press(app, "2 a");
    press(app, &format!("text:{title}"));
    press(app, "Enter");
    assert_eq!(app.popup_count(), 0, "the form was submitted");
}

/// Runs the real `careerbook log` and insists it worked.
fn careerbook_log(paths: &Paths, title: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_careerbook"))
        .arg("--data-dir")
        .arg(&paths.dir)
        .args(["log", title, "--category", "cost"])
        .env("CAREERBOOK_TODAY", "2026-11-26")
        .env_remove("CAREERBOOK_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run careerbook log")
}

fn succeeded(child: std::process::Child) {
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_tui_open_while_careerbook_log_writes_keeps_both_edits() {
    let (_dir, paths) = fresh();
    let mut app = app_over(open(&paths));
    tui_logs(&mut app, "mine, before");
    succeeded(careerbook_log(&paths, "from the shell"));
    // The TUI's next save lands on top of the shell's without a reload first:
    // the save itself must notice, merge, and say so.
    tui_logs(&mut app, "mine, after");
    assert_merged(&app);
    let mut on_disk = titles(&open(&paths));
    on_disk.sort();
    assert_eq!(on_disk, ["from the shell", "mine, after", "mine, before"]);
}

#[test]
fn the_tui_open_while_a_command_writes_keeps_both_edits_through_undo() {
    let (_dir, paths) = fresh();
    let mut session = open(&paths);
    add(&mut session, "mine");
    let mut app = app_over(session);

    cli_adds(&paths, "from the shell");
    // Undo is an edit too, saved on top of the shell's.
    press(&mut app, "u");
    assert_merged(&app);
    assert_eq!(titles(&open(&paths)), ["from the shell"]);
    assert_eq!(titles(app.session()), ["from the shell"]);
}

#[test]
fn the_tui_shows_a_change_saved_elsewhere_on_the_next_key() {
    let (_dir, paths) = fresh();
    let mut app = app_over(open(&paths));
    cli_adds(&paths, "from the shell");
    app.reload_if_changed();
    assert_eq!(
        app.status(),
        &Status::Info("reloaded: the workbook was changed elsewhere".into())
    );
    assert_eq!(titles(app.session()), ["from the shell"]);
}

#[test]
fn two_tuis_on_one_workbook_both_keep_their_edits_and_say_they_merged() {
    let (_dir, paths) = fresh();
    let (mut first, mut second) = (app_over(open(&paths)), app_over(open(&paths)));
    tui_logs(&mut first, "first window, 1");
    tui_logs(&mut second, "second window, 1");
    assert_merged(&second);
    tui_logs(&mut first, "first window, 2");
    assert_merged(&first);
    press(&mut second, "u"); // undoes "second window, 1" only
    assert_merged(&second);

    let mut on_disk = titles(&open(&paths));
    on_disk.sort();
    assert_eq!(on_disk, ["first window, 1", "first window, 2"]);
}

#[test]
fn twenty_careerbook_log_at_once_keep_all_twenty() {
    let (_dir, paths) = fresh();
    open(&paths);
    let runs: Vec<_> = (0..20)
        .map(|i| careerbook_log(&paths, &format!("win {i:02}")))
        .collect();
    runs.into_iter().for_each(succeeded);
    let mut got = titles(&open(&paths));
    got.sort();
    let want: Vec<String> = (0..20).map(|i| format!("win {i:02}")).collect();
    assert_eq!(got, want);
}

#[test]
fn twenty_processes_adding_at_once_keep_all_twenty() {
    let (_dir, paths) = fresh();
    open(&paths);
    let children: Vec<_> = (0..20)
        .map(|_| spawn_child("add-one", &paths.dir))
        .collect();
    let mut pids = Vec::new();
    for mut child in children {
        pids.push(child.id());
        let mut out = BufReader::new(child.stdout.take().expect("piped"));
        let mut seen = Vec::new();
        assert!(wait_for_line(&mut out, "added", &mut seen), "{seen:?}");
        assert!(child.wait().expect("wait").success());
    }
    let mut got = titles(&open(&paths));
    got.sort();
    let mut want: Vec<String> = pids.iter().map(|p| format!("from process {p}")).collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn a_sigkilled_lock_holder_does_not_leave_the_workbook_locked() {
    let (_dir, paths) = fresh();
    let mut child = spawn_child("hold-lock", &paths.dir);
    let mut out = BufReader::new(child.stdout.take().expect("piped"));
    let mut seen = Vec::new();
    assert!(wait_for_line(&mut out, "locked", &mut seen), "{seen:?}");
    assert!(
        matches!(
            Lock::acquire(&paths.lock, Duration::from_millis(100)),
            Err(StoreError::Busy { .. })
        ),
        "the child holds the lock"
    );
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    Lock::acquire(&paths.lock, Duration::from_secs(2))
        .expect("the kernel released the dead holder's lock");
    cli_adds(&paths, "after the kill");
    assert_eq!(titles(&open(&paths)), ["after the kill"]);
}

#[test]
fn a_waiting_save_is_told_which_careerbook_holds_the_lock() {
    let (_dir, paths) = fresh();
    let mut child = spawn_child("hold-lock", &paths.dir);
    let mut out = BufReader::new(child.stdout.take().expect("piped"));
    let mut seen = Vec::new();
    assert!(wait_for_line(&mut out, "locked", &mut seen), "{seen:?}");
    let mut told = Vec::new();
    let mut waiter = |w: &careerbook::store::lock::Waiting| {
        told.push(w.holder.clone());
        false
    };
    let err = Lock::acquire_with(&paths.lock, Duration::from_secs(5), Some(&mut waiter))
        .expect_err("held");
    let pid = format!("pid {}", child.id());
    assert!(
        told[0].as_deref().is_some_and(|h| h.ends_with(&pid)),
        "{told:?}"
    );
    assert!(err.to_string().contains(&pid), "{err}");
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    // The dead holder's name is not shown to the next waiter.
    let _again = Lock::acquire(&paths.lock, Duration::from_secs(2)).expect("released");
}
