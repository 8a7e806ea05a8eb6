//! Attacks on the check a whole-file save makes just before its rename:
//! that nobody (an editor, a file-sync tool, a script) wrote the workbook
//! since the new bytes were made from it. Each test has another program
//! write at the worst moment, for real, and then reads the file back:
//! every writer's change is there, or careerbook said it saved nothing.

mod common;

use careerbook::domain::workbook::Workbook;
use careerbook::store::{OpenOptions, Paths, Session, copies};
use common::disk::EditorWritesDuringFlush;
use common::store::{TUI, add, tui_like};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn titles(wb: &Workbook) -> Vec<&str> {
    wb.impact.wins.iter().map(|w| w.title.as_str()).collect()
}

fn text(path: &Path) -> String {
    fs::read_to_string(path).expect("read")
}

/// A data directory with its workbook, and a conflict copy beside it that
/// holds one more win.
fn workbook_and_conflict_copy() -> (tempfile::TempDir, Paths, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).expect("owner-only");
    let paths = Paths::in_dir(dir.path());
    let wins = r#"(id: 1, date: "2026-11-10", title: "alpha", category: other)"#;
    let ours = format!("(version: 2, next_id: 2, impact: (wins: [{wins}]))");
    fs::write(&paths.workbook, &ours).expect("workbook");
    let copy = dir.path().join("workbook.sync-conflict-20261120.ron");
    let theirs = format!(
        r#"(version: 2, next_id: 3, impact: (wins: [{wins}, (id: 2, date: "2026-11-11", title: "from the laptop", category: other)]))"#
    );
    fs::write(&copy, theirs).expect("copy");
    (dir, paths, copy)
}

#[test]
fn an_editor_writing_while_a_conflict_copy_is_merged_is_not_overwritten_and_the_copy_merges_later()
{
    let (_dir, paths, copy) = workbook_and_conflict_copy();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
    // While the copy is kept as a backup, an editor saves "alpha" as "ALPHA".
    let disk = EditorWritesDuringFlush::default();
    disk.plan(&paths.workbook, "alpha", "ALPHA");
    let err = copies::merge_copy_with_disk(&paths, &copy, today, &disk).expect_err("stopped");
    assert!(
        err.contains("another program changed") && err.contains("while the copy was being merged"),
        "{err}"
    );
    assert!(err.contains("merge the copy again"), "{err}");
    assert!(
        text(&paths.workbook).contains("\"ALPHA\""),
        "the editor's change stays"
    );
    assert!(copy.exists(), "the copy is where it was");
    // Merged again, as the message says: the copy is not taken for one
    // merged already, and every change is there.
    copies::merge_copy(&paths, &copy, today).expect("merged");
    let session = Session::open(paths.clone(), OpenOptions::default()).expect("opens");
    let merged = titles(session.workbook());
    assert!(
        merged.contains(&"ALPHA") && merged.contains(&"from the laptop"),
        "{merged:?}"
    );
}

#[test]
fn a_save_and_its_retry_both_stopped_by_another_writer_say_why_and_lose_nothing() {
    let (dir, paths, _copy) = workbook_and_conflict_copy();
    // The day's backup is taken by a first save, so that the next ones
    // flush only the new workbook.
    add(&mut tui_like(&paths), "bravo");
    // A script rewrites the workbook while the save flushes, and again
    // while the save careerbook retries at once flushes.
    let disk = EditorWritesDuringFlush::default();
    let session =
        Session::open_with_disk(paths.clone(), TUI, Box::new(disk.clone())).expect("opens");
    let mut app = careerbook::tui::app::App::new(
        session,
        common::today(),
        careerbook::tui::theme::Theme::plain(),
        None,
    );
    disk.plan(&paths.workbook, "bravo", "BRAVO");
    disk.plan(&paths.workbook, "alpha", "ALPHA");
    common::press(&mut app, "2 a | text:charlie | C-s");
    // Not saved, and the status line says why, even at 80 columns.
    let screen = common::draw(&app, 80, 24);
    let status = screen.lines().rev().nth(1).expect("the status line");
    assert!(status.contains("1 edit kept in memory"), "{screen}");
    assert!(status.contains("another program changed"), "{status}");
    let on_disk = text(&paths.workbook);
    assert!(
        on_disk.contains("\"ALPHA\"") && on_disk.contains("\"BRAVO\""),
        "{on_disk}"
    );
    assert!(!on_disk.contains("charlie"));
    // Ctrl-S saves it, merged with both of the script's changes.
    common::press(&mut app, "C-s");
    assert_eq!(app.session().unsaved(), 0, "{}", common::draw(&app, 80, 24));
    let session = Session::open(paths.clone(), OpenOptions::default()).expect("opens");
    assert_eq!(titles(session.workbook()), ["ALPHA", "BRAVO", "charlie"]);
    drop(dir);
}
