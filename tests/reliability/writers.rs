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

#[test]
fn the_tui_open_while_a_command_writes_keeps_both_edits() {
    let (_dir, paths) = fresh();
    let mut session = open(&paths);
    add(&mut session, "mine");
    let mut app = app_over(session);

    cli_adds(&paths, "from the shell");
    // The TUI's next edit (here: undoing "mine") is saved on top of the
    // shell's, without a reload first: the save itself must notice.
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
    let mut first = open(&paths);
    add(&mut first, "a1");
    add(&mut first, "a2");
    let mut second = open(&paths);
    add(&mut second, "b1");
    add(&mut second, "b2");
    let (mut first, mut second) = (app_over(first), app_over(second));

    press(&mut first, "u"); // undoes a2, on a file that now also holds b1 and b2
    assert_merged(&first);
    press(&mut second, "u"); // undoes b2, on a file where a2 is gone
    assert_merged(&second);

    assert_eq!(titles(&open(&paths)), ["a1", "b1"]);
    assert_eq!(titles(second.session()), ["a1", "b1"]);
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
