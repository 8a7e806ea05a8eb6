//! The terminal: careerbook in a pseudo-terminal is stopped by SIGTERM, by
//! SIGHUP, by its terminal going away and by a bug, and each time hands the
//! terminal back restored, exits promptly and keeps the workbook.

use crate::pty::{ENTER_ALTERNATE, PASTE_END, PASTE_START, Terminal, assert_restored};
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

/// A paste arrives whole (bracketed paste): its newline does not save the
/// form and its `q` does not quit; both are text in the field. (Screens are
/// matched by single words: a redraw skips the spaces already on screen.)
#[test]
fn a_pasted_newline_and_q_are_text_in_the_real_tui() {
    let (_dir, paths, mut terminal) = running();
    terminal.type_keys("2a");
    terminal.wait_for("What", START);
    terminal.type_keys(&format!("{PASTE_START}Cut-the-build-time\nq{PASTE_END}"));
    terminal.wait_for("Cut-the-build-time", START);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        terminal.child.try_wait().expect("try_wait").is_none(),
        "still running: the q was text"
    );
    assert_eq!(titles(&open(&paths)), ["kept"], "the newline saved nothing");
    terminal.type_keys("\rq");
    terminal.wait_exit(STOP);
    assert_restored(&terminal);
    assert_eq!(titles(&open(&paths)), ["kept", "Cut-the-build-time q"]);
}

/// Ctrl-E in a note hands the terminal to `$EDITOR` (here a `sed` that adds
/// a line) and takes it back: the alternate screen is entered again, and the
/// edited text is in the note and, once saved, in the file.
#[test]
fn a_note_edited_in_the_editor_comes_back_into_the_form() {
    let (_dir, paths) = fresh();
    let editor = "sed -i -e '$a added-in-the-editor'";
    let mut terminal = Terminal::spawn(&paths.dir, &[], &[("EDITOR", editor), ("VISUAL", "")]);
    terminal.wait_for("Pipeline", START);
    // Typed keys are drawn a letter at a time; the whole redraw after the
    // editor shows its line whole.
    terminal.type_keys("2aShipped\t\t\t\t\t\tfirst-line\x05");
    terminal.wait_for("added-in-the-editor", START);
    assert!(
        terminal.text().matches(ENTER_ALTERNATE).count() >= 2,
        "the alternate screen was left for the editor and entered again"
    );
    terminal.type_keys("\x13q");
    terminal.wait_exit(STOP);
    assert_restored(&terminal);
    let session = open(&paths);
    let win = &session.workbook().impact.wins[0];
    assert_eq!(win.title, "Shipped");
    assert_eq!(
        win.notes.as_deref(),
        Some("first-line\nadded-in-the-editor")
    );
}

/// An editor that fails leaves the note as it was, and says why.
#[test]
fn a_failing_editor_leaves_the_note_unchanged_and_says_so() {
    let (_dir, paths) = fresh();
    let mut terminal = Terminal::spawn(&paths.dir, &[], &[("EDITOR", "false"), ("VISUAL", "")]);
    terminal.wait_for("Pipeline", START);
    terminal.type_keys("2aShipped\t\t\t\t\t\tkept-as-typed\x05");
    terminal.wait_for("unchanged", START);
    terminal.type_keys("\x13q");
    terminal.wait_exit(STOP);
    let session = open(&paths);
    assert_eq!(
        session.workbook().impact.wins[0].notes.as_deref(),
        Some("kept-as-typed")
    );
}

/// An edit refused because the workbook would grow past the size limit
/// cannot be kept as a backup either (`restore` could not read it): the quit
/// prompt says so instead of promising a backup, and stays until asked to lose it.
#[test]
fn an_edit_too_large_to_save_is_not_promised_a_backup_it_cannot_have() {
    let (_dir, paths) = fresh();
    crate::support::add(&mut open(&paths), "kept");
    let size = std::fs::metadata(&paths.workbook).expect("stat").len();
    let limit = (size + 40).to_string();
    let mut terminal = Terminal::spawn(
        &paths.dir,
        &[],
        &[("CAREERBOOK_DEBUG_MAX_BYTES", limit.as_str())],
    );
    terminal.wait_for("Pipeline", START);
    let before = std::fs::read(&paths.workbook).expect("read");
    terminal.type_keys("2a");
    terminal.wait_for("What", START);
    terminal.type_keys("A win with a title long enough to pass the limit\r");
    terminal.wait_for("NOT SAVED", START);
    terminal.type_keys("q");
    terminal.wait_for("Quit with unsaved edits?", START);
    terminal.type_keys("b");
    terminal.wait_for("restored", START);
    assert!(
        terminal.child.try_wait().expect("try_wait").is_none(),
        "still open"
    );
    terminal.type_keys("L");
    terminal.wait_exit(STOP);
    assert_restored(&terminal);
    assert_eq!(std::fs::read(&paths.workbook).expect("read"), before);
    let unsaved = careerbook::store::backup::list(&paths)
        .expect("list")
        .into_iter()
        .filter(|b| b.reason == careerbook::store::backup::Reason::Unsaved)
        .count();
    assert_eq!(unsaved, 0, "no backup that restore would refuse");
}

/// A settings file with a mistake does not keep anyone from their workbook:
/// careerbook starts with the default keys and says which line is wrong. A
/// good one is used: its quit key quits, the default one no longer does.
#[test]
fn settings_with_a_mistake_are_not_used_and_say_why_and_good_ones_are() {
    let (dir, paths) = fresh();
    let settings = dir.path().join("settings.ron");
    let path = settings.to_str().expect("a UTF-8 path");
    fs::write(
        &settings,
        "(\n    keys: {\n        \"global.quit\": [\"u\"],\n    },\n)\n",
    )
    .expect("write the settings");
    let mut terminal = Terminal::spawn(&paths.dir, &[], &[("CAREERBOOK_CONFIG", path)]);
    terminal.wait_for("Settings not used", START);
    terminal.wait_for("global.quit", START);
    terminal.type_keys("\rq");
    assert!(terminal.wait_exit(STOP).success());
    assert_restored(&terminal);

    fs::write(&settings, "(keys: { \"global.quit\": [\"Q\"] })").expect("write the settings");
    let mut terminal = Terminal::spawn(&paths.dir, &[], &[("CAREERBOOK_CONFIG", path)]);
    terminal.wait_for("Pipeline", START);
    terminal.type_keys("q");
    std::thread::sleep(Duration::from_secs(1));
    assert!(!terminal.is_cooked(), "q no longer quits");
    terminal.type_keys("Q");
    assert!(terminal.wait_exit(STOP).success());
    assert_restored(&terminal);
}
