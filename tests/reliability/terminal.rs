//! The terminal: careerbook in a pseudo-terminal is stopped by SIGTERM, by
//! SIGHUP, by its terminal going away and by a bug, and each time hands the
//! terminal back restored, exits promptly and keeps the workbook.

use crate::pty::{Terminal, assert_restored};
use crate::support::{fresh, open, titles};
use careerbook::store::Paths;
use rustix::process::Signal;
use std::fs;
use std::time::Duration;

/// Long enough for a debug build on a busy machine to draw its first frame.
const START: Duration = Duration::from_secs(20);
/// How soon careerbook must be gone once asked to stop.
const STOP: Duration = Duration::from_secs(3);

/// A workbook with one win, and careerbook showing it in a terminal.
fn running() -> (tempfile::TempDir, Paths, Terminal) {
    let (dir, paths) = fresh();
    crate::support::add(&mut open(&paths), "kept");
    let mut terminal = Terminal::spawn(&paths.dir, &[], &[]);
    terminal.wait_for("Pipeline", START);
    assert!(
        !terminal.is_cooked(),
        "careerbook put the terminal in raw mode"
    );
    (dir, paths, terminal)
}

fn stopped_by(signal: Signal) {
    let (_dir, paths, mut terminal) = running();
    terminal.signal(signal);
    let status = terminal.wait_exit(STOP);
    assert!(status.success(), "{status:?}: {}", terminal.text());
    assert_restored(&terminal);
    assert_eq!(titles(&open(&paths)), ["kept"]);
}

#[test]
fn sigterm_restores_the_terminal_and_exits_promptly() {
    stopped_by(Signal::TERM);
}

#[test]
fn sighup_restores_the_terminal_and_exits_promptly() {
    stopped_by(Signal::HUP);
}

#[test]
fn q_restores_the_terminal() {
    let (_dir, paths, mut terminal) = running();
    terminal.type_keys("q");
    let status = terminal.wait_exit(STOP);
    assert!(status.success(), "{status:?}");
    assert_restored(&terminal);
    assert_eq!(titles(&open(&paths)), ["kept"]);
}

/// No SIGHUP here (careerbook is not the terminal's session leader): it must
/// notice by itself that its terminal is gone, and not spin on the dead input.
#[test]
fn a_terminal_that_goes_away_ends_careerbook_promptly() {
    let (_dir, paths, mut terminal) = running();
    terminal.close();
    terminal.wait_exit(STOP);
    assert_eq!(titles(&open(&paths)), ["kept"]);
}

#[test]
fn a_newer_workbook_stays_byte_identical_in_the_real_tui() {
    let (_dir, paths) = fresh();
    fs::create_dir_all(&paths.dir).expect("dir");
    let fixture = include_str!("../fixtures/workbook-v2.ron");
    let newer = fixture.replacen("version: 2,", "version: 999,", 1);
    fs::write(&paths.workbook, &newer).expect("seed");
    let mut terminal = Terminal::spawn(&paths.dir, &[], &[]);
    terminal.wait_for("Read-only", START);
    // Close the notice, then try to add, delete, undo and save on every tab.
    terminal.type_keys("\r");
    for tab in ["1", "2", "3", "4", "5"] {
        terminal.type_keys(&format!("{tab}aShipped\rdyu\x13\x1b\x1b"));
    }
    terminal.type_keys("q");
    terminal.wait_exit(STOP);
    assert_restored(&terminal);
    assert_eq!(fs::read_to_string(&paths.workbook).expect("read"), newer);
}

/// A bug inside a screen. The binary under test is a debug build, in which
/// `CAREERBOOK_DEBUG_PANIC` makes drawing panic; release builds have no such
/// switch (and then this test has nothing to run).
#[test]
fn a_panic_while_drawing_restores_the_terminal_and_leaves_a_recovery_note() {
    if !cfg!(debug_assertions) {
        println!("skipped: the panic switch exists only in debug builds");
        return;
    }
    let (_dir, paths) = fresh();
    crate::support::add(&mut open(&paths), "kept");
    let mut terminal = Terminal::spawn(&paths.dir, &[], &[("CAREERBOOK_DEBUG_PANIC", "1")]);
    let status = terminal.wait_exit(START);
    // The panic is caught after the hook has run, so unsaved edits can still
    // be saved; the exit is then an ordinary failure.
    assert_eq!(status.code(), Some(1), "a panic: {}", terminal.text());
    assert_restored(&terminal);
    let text = terminal.text();
    assert!(
        text.contains("careerbook stopped because of a bug"),
        "{text}"
    );

    let notes: Vec<_> = fs::read_dir(&paths.dir)
        .expect("list")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("crash-"))
        })
        .collect();
    assert_eq!(
        notes.len(),
        1,
        "one recovery note in {}",
        paths.dir.display()
    );
    let note = fs::read_to_string(&notes[0]).expect("read the note");
    assert!(
        note.contains(&paths.workbook.display().to_string()),
        "{note}"
    );
    assert!(
        note.contains(&paths.backups.display().to_string()),
        "{note}"
    );
    assert!(note.contains("careerbook restore"), "{note}");
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(&notes[0]).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the note may quote the user's data");
    assert_eq!(titles(&open(&paths)), ["kept"]);
}
