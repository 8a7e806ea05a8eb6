//! Attacks on the check a whole-file save makes just before its rename:
//! that nobody (an editor, a file-sync tool, a script) wrote the workbook
//! since the new bytes were made from it. Each test has another program
//! write at the worst moment, for real, and then reads the file back:
//! every writer's change is there, or careerbook said it saved nothing.

mod common;

use careerbook::domain::workbook::Workbook;
use careerbook::store::{OpenOptions, Paths, Session, copies};
use common::cli::{stderr, stdout};
use common::disk::EditorWritesDuringFlush;
use common::store::{TUI, add, tui_like};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Two machines syncing through a bare repository, as tests/sync.rs has them.
struct World {
    tmp: tempfile::TempDir,
}

impl World {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = Command::new("git")
            .args(["init", "-q", "--bare"])
            .arg(tmp.path().join("remote.git"))
            .output()
            .expect("git");
        assert!(out.status.success(), "{}", stderr(&out));
        fs::write(tmp.path().join("gitconfig"), "").expect("empty config");
        Self { tmp }
    }

    fn dir(&self, machine: &str) -> PathBuf {
        self.tmp.path().join(machine)
    }

    fn run(&self, machine: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_careerbook"))
            .arg("--data-dir")
            .arg(self.dir(machine))
            .args(args)
            .env("CAREERBOOK_TODAY", "2026-11-26")
            .env_remove("CAREERBOOK_DIR")
            .env("HOME", self.tmp.path())
            .env("GIT_CONFIG_GLOBAL", self.tmp.path().join("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::null())
            .output()
            .expect("run careerbook")
    }

    fn ok(&self, machine: &str, args: &[&str]) -> String {
        let out = self.run(machine, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{machine}: careerbook {args:?} failed: {}",
            stderr(&out)
        );
        stdout(&out)
    }

    fn init(&self, machine: &str) {
        let remote = self.tmp.path().join("remote.git");
        self.ok(machine, &["sync", "init", &remote.to_string_lossy()]);
    }

    fn workbook(&self, machine: &str) -> Workbook {
        let paths = Paths::in_dir(self.dir(machine));
        let session = Session::open(paths, OpenOptions::default()).expect("opens");
        session.workbook().clone()
    }

    /// Makes `machine`'s merge driver one that, after merging, has another
    /// program rewrite the workbook (`sed -i`: a new file renamed in), as an
    /// editor saving at that moment would: between the sync reading the
    /// workbook and writing the merge over it.
    fn editor_writes_during_merges(&self, machine: &str, from: &str, to: &str) {
        let script = self.tmp.path().join(format!("{machine}-driver.sh"));
        let workbook = self.dir(machine).join("workbook.ron");
        fs::write(
            &script,
            format!(
                "#!/bin/sh\n\"{}\" \"$@\"\nstatus=$?\nsed -i 's/\"{from}\"/\"{to}\"/' \"{}\"\nexit $status\n",
                env!("CARGO_BIN_EXE_careerbook"),
                workbook.display()
            ),
        )
        .expect("write the driver");
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).expect("executable");
        // Quoted as careerbook quotes its own, so a sync keeps it.
        let driver = format!("'{}' merge-driver %O %A %B", script.display());
        let out = Command::new("git")
            .current_dir(self.dir(machine))
            .args(["config", "merge.careerbook.driver", &driver])
            .env("GIT_CONFIG_GLOBAL", self.tmp.path().join("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git config");
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

fn titles(wb: &Workbook) -> Vec<&str> {
    wb.impact.wins.iter().map(|w| w.title.as_str()).collect()
}

fn text(path: &Path) -> String {
    fs::read_to_string(path).expect("read")
}

#[test]
fn an_editor_writing_while_a_sync_merges_is_not_overwritten_by_the_merge() {
    let world = World::new();
    world.ok("a", &["log", "alpha"]);
    world.init("a");
    world.init("b");
    world.ok("b", &["log", "bravo"]);
    world.ok("b", &["sync"]);
    world.ok("a", &["log", "charlie"]);
    // While a's sync merges b's change, the person saves workbook.ron in an
    // editor, with "alpha" made "ALPHA".
    world.editor_writes_during_merges("a", "alpha", "ALPHA");
    let synced = world.run("a", &["sync"]);
    let on_disk = text(&world.dir("a").join("workbook.ron"));
    assert!(
        on_disk.contains("\"ALPHA\""),
        "the editor's change is still there:\n{on_disk}"
    );
    // The sync says so, and what to do: not that a file beside the workbook
    // has changes to commit or remove (the workbook itself!).
    assert_eq!(synced.status.code(), Some(1));
    let said = stderr(&synced);
    assert!(
        said.contains("another program changed")
            && said.contains("workbook.ron while careerbook was syncing"),
        "{said}"
    );
    assert!(said.contains("sync again"), "{said}");
    assert!(!said.contains("commit or remove them"), "{said}");
    // The next sync brings every change together.
    world.ok("a", &["sync"]);
    let mut all = titles(&world.workbook("a"))
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    all.sort();
    assert_eq!(all, ["ALPHA", "bravo", "charlie"]);
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
