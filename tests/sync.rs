//! Syncing two machines through git: two data directories and a bare
//! repository in a temporary directory, the real binary (and so the real
//! merge driver), no network. After each test both machines hold the same
//! workbook, byte for byte, and nothing typed on either is lost.

mod common;

use careerbook::domain::edit::{Edit, Kind};
use careerbook::domain::workbook::{CURRENT_VERSION, Workbook};
use careerbook::store::{OpenOptions, Paths, Session};
use common::cli::{stderr, stdout};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Two machines, `a` and `b`, and the private repository they sync through.
struct World {
    tmp: tempfile::TempDir,
    remote: PathBuf,
}

impl World {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("temp dir");
        let remote = tmp.path().join("remote.git");
        let out = Command::new("git")
            .args(["init", "-q", "--bare"])
            .arg(&remote)
            .output()
            .expect("git");
        assert!(out.status.success(), "{}", stderr(&out));
        // No one's own git settings: no name, no email, no signing.
        fs::write(tmp.path().join("gitconfig"), "").expect("empty config");
        Self { tmp, remote }
    }

    fn dir(&self, machine: &str) -> PathBuf {
        self.tmp.path().join(machine)
    }

    fn command(&self, machine: &str, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_careerbook"));
        command
            .arg("--data-dir")
            .arg(self.dir(machine))
            .args(args)
            .env("CAREERBOOK_TODAY", "2026-11-26")
            .env_remove("CAREERBOOK_DIR")
            .env("HOME", self.tmp.path())
            .env("GIT_CONFIG_GLOBAL", self.tmp.path().join("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::null());
        command
    }

    fn run(&self, machine: &str, args: &[&str]) -> Output {
        self.command(machine, args)
            .output()
            .expect("run careerbook")
    }

    /// Standard output of a command that must succeed.
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

    fn init(&self, machine: &str) -> String {
        let remote = self.remote.to_string_lossy().into_owned();
        self.ok(machine, &["sync", "init", &remote])
    }

    fn sync(&self, machine: &str) -> String {
        self.ok(machine, &["sync"])
    }

    /// Both machines set up, `a` first: `b` starts from `a`'s workbook.
    fn both_set_up(&self) {
        self.ok(
            "a",
            &["log", "Set up the billing alarms", "--category", "cost"],
        );
        self.init("a");
        self.init("b");
    }

    /// `a` and `b` sync in turn until both have what each sent.
    fn sync_both(&self) -> (String, String) {
        let a = self.sync("a");
        let b = self.sync("b");
        self.sync("a");
        (a, b)
    }

    fn paths(&self, machine: &str) -> Paths {
        Paths::in_dir(self.dir(machine))
    }

    fn text(&self, machine: &str) -> String {
        fs::read_to_string(self.paths(machine).workbook).expect("read workbook")
    }

    fn workbook(&self, machine: &str) -> Workbook {
        let session = Session::open(self.paths(machine), OpenOptions::default()).expect("opens");
        session.workbook().clone()
    }

    /// Both machines hold the same workbook, byte for byte, with no conflict
    /// markers; it is returned.
    fn same(&self) -> Workbook {
        let (a, b) = (self.text("a"), self.text("b"));
        assert_eq!(a, b, "the two machines differ");
        assert!(!a.contains("<<<<<<<") && !a.contains(">>>>>>>"), "{a}");
        self.workbook("a")
    }

    fn git(&self, machine: &str, args: &[&str]) -> String {
        let out = Command::new("git")
            .current_dir(self.dir(machine))
            .args(args)
            .env("HOME", self.tmp.path())
            .env("GIT_CONFIG_GLOBAL", self.tmp.path().join("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git");
        assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
        stdout(&out)
    }

    /// Applies `edit` on `machine` as the full-screen workbook would.
    fn edit(&self, machine: &str, edit: impl FnOnce(&Workbook) -> Edit) {
        let options = OpenOptions {
            create: false,
            hold_lock: false,
        };
        let mut session = Session::open(self.paths(machine), options).expect("opens");
        let edit = edit(session.workbook());
        session.apply(edit).expect("valid").saved.expect("saved");
    }
}

fn titles(wb: &Workbook) -> Vec<&str> {
    wb.impact.wins.iter().map(|w| w.title.as_str()).collect()
}

fn contact_names(wb: &Workbook) -> Vec<(u64, &str)> {
    wb.pipeline
        .contacts
        .iter()
        .map(|c| (c.id, c.name.as_str()))
        .collect()
}

#[test]
fn init_sends_the_first_workbook_and_a_second_machine_takes_it() {
    let world = World::new();
    world.ok(
        "a",
        &["log", "Set up the billing alarms", "--category", "cost"],
    );
    let first = world.init("a");
    assert!(first.contains("sent: 1 win"), "{first}");
    let second = world.init("b");
    assert!(
        second.contains("arrived: 1 win")
            && second.contains("added win “Set up the billing alarms”"),
        "{second}"
    );
    world.same();
    // Owner-only, like the workbook: the history holds every version of it.
    let mode = |p: &Path| {
        std::os::unix::fs::PermissionsExt::mode(&fs::metadata(p).expect("stat").permissions())
    };
    assert_eq!(
        mode(&world.dir("b").join(".git")) & 0o077,
        0,
        "b's .git is private"
    );
    assert_eq!(mode(&world.dir("a").join(".git")) & 0o077, 0);
    // What stays on each machine is ignored; the merge driver is the binary.
    let ignored = fs::read_to_string(world.dir("a").join(".gitignore")).expect("read");
    for line in [
        "backups/",
        "workbook.lock",
        ".workbook.ron.tmp*",
        "crash-*.txt",
    ] {
        assert!(ignored.lines().any(|l| l == line), "{line} in {ignored}");
    }
    let driver = world.git("b", &["config", "merge.careerbook.driver"]);
    assert!(
        driver.contains(env!("CARGO_BIN_EXE_careerbook")),
        "{driver}"
    );
    assert!(
        world.git("b", &["status", "--porcelain"]).is_empty(),
        "nothing left to commit"
    );
    // Again: harmless.
    let again = world.init("a");
    assert!(again.contains("nothing new on either side"), "{again}");
    assert_eq!(world.git("a", &["remote"]).trim(), "origin");
}

#[test]
fn edits_to_different_records_reach_both_and_each_commit_says_what_changed() {
    let world = World::new();
    world.both_set_up();
    world.ok("a", &["apply", "Acme", "SRE"]);
    world.ok("a", &["log", "Cut EC2 spend by 30%"]);
    world.ok("a", &["log", "Closed the renewal"]);
    world.ok("b", &["log", "Led the Kafka migration"]);
    world.ok("b", &["account", "Checking", "9000"]);
    // Commands saved by adding lines to the journal; a sync folds it first.
    assert!(world.paths("a").journal.exists() && world.paths("b").journal.exists());
    let (sent, arrived) = world.sync_both();
    for machine in ["a", "b"] {
        assert!(!world.paths(machine).journal.exists(), "{machine} folded");
        let tracked = world.git(machine, &["ls-files"]);
        assert_eq!(tracked, ".gitattributes\n.gitignore\nworkbook.ron\n");
    }
    assert!(sent.contains("sent: 2 wins, 1 application"), "{sent}");
    assert!(
        arrived.contains("sent: 1 win, 1 cash account")
            && arrived.contains("arrived: 2 wins, 1 application"),
        "{arrived}"
    );
    let wb = world.same();
    assert_eq!(
        titles(&wb),
        [
            "Set up the billing alarms",
            "Cut EC2 spend by 30%",
            "Closed the renewal",
            "Led the Kafka migration"
        ]
    );
    assert_eq!(wb.pipeline.applications[0].company, "Acme");
    assert_eq!(wb.runway.accounts[0].name, "Checking");
    // Messages come from the records, not from a text diff.
    world.ok("a", &["apps", "move", "2", "interviewing"]);
    world.sync("a");
    let subject = world.git("a", &["log", "-1", "--format=%s"]);
    assert_eq!(subject.trim(), "1 application moved to interviewing");
    let body = world.git("a", &["log", "-1", "--format=%b"]);
    assert_eq!(
        body.trim(),
        "moved application “Acme — SRE” to interviewing"
    );
}

#[test]
fn different_fields_of_one_record_changed_on_both_are_both_kept() {
    let world = World::new();
    world.ok("a", &["contact", "Priya Shah", "--relationship", "peer"]);
    world.init("a");
    world.init("b");
    world.ok(
        "a",
        &["contact", "Priya Shah", "--reach", "priya@example.com"],
    );
    world.ok(
        "b",
        &["contact", "Priya Shah", "--note", "Met at re:Invent"],
    );
    world.sync_both();
    let wb = world.same();
    let priya = &wb.pipeline.contacts[0];
    assert_eq!(priya.reach.as_deref(), Some("priya@example.com"));
    assert_eq!(priya.notes.as_deref(), Some("Met at re:Invent"));
    assert!(wb.conflicts.is_empty(), "{:?}", wb.conflicts);
}

/// One balance changed on both machines, `a` synced first: `b`'s sync says.
fn balance_changed_on_both(world: &World) -> String {
    world.ok("a", &["account", "Checking", "9000"]);
    world.init("a");
    world.init("b");
    world.ok("a", &["account", "Checking", "8000"]);
    world.ok("b", &["account", "Checking", "8500"]);
    world.sync("a");
    world.sync("b")
}

#[test]
fn the_same_field_changed_on_both_is_a_conflict_both_machines_see_and_settle() {
    let world = World::new();
    let b = balance_changed_on_both(&world);
    assert!(
        b.contains("1 value was changed on both machines: the one synced first is kept"),
        "{b}"
    );
    let a = world.sync("a");
    assert!(a.contains("1 conflict to settle"), "{a}");
    let wb = world.same();
    // a synced first: its balance stays, b's waits.
    assert_eq!(wb.runway.accounts[0].balance.to_string(), "8000");
    assert_eq!(wb.conflicts.len(), 1);
    for machine in ["a", "b"] {
        let listed = world.ok(machine, &["conflicts"]);
        assert!(
            listed.contains("balance: kept “8000” · set aside “8500”"),
            "{listed}"
        );
    }
    // Settled on b, settled everywhere.
    let id = wb.conflicts[0].id.to_string();
    world.ok("b", &["conflicts", "use", &id]);
    world.sync_both();
    let wb = world.same();
    assert!(wb.conflicts.is_empty());
    assert_eq!(wb.runway.accounts[0].balance.to_string(), "8500");
}

#[test]
fn a_delete_on_one_machine_against_an_edit_on_the_other_keeps_the_edit() {
    let world = World::new();
    world.ok("a", &["log", "Migrated billing"]);
    world.ok("a", &["log", "Ran the game day"]);
    world.init("a");
    world.init("b");
    // a deletes win 1 and edits win 2; b edits win 1 and deletes win 2.
    world.edit("a", |_| Edit::Remove(Kind::Win, 1));
    world.edit("a", |wb| {
        let mut after = wb.impact.wins[0].clone();
        after.title = "Ran the game day (zero pages)".into();
        Edit::update(wb.impact.wins[0].clone(), after)
    });
    world.edit("b", |wb| {
        let mut after = wb.impact.wins[0].clone();
        after.notes = Some("Saved $12k a month".into());
        Edit::update(wb.impact.wins[0].clone(), after)
    });
    world.edit("b", |_| Edit::Remove(Kind::Win, 2));
    world.sync("a");
    let b = world.sync("b");
    assert!(
        b.contains("changed here, though the other copy deleted it"),
        "{b}"
    );
    world.sync("a");
    let wb = world.same();
    assert_eq!(
        titles(&wb),
        ["Ran the game day (zero pages)", "Migrated billing"]
    );
    assert_eq!(
        wb.impact.wins[1].notes.as_deref(),
        Some("Saved $12k a month")
    );
    // An untouched record deleted on one machine goes on both.
    world.edit("b", |_| Edit::Remove(Kind::Win, 2));
    world.sync_both();
    assert_eq!(titles(&world.same()), ["Migrated billing"]);
}

#[test]
fn ids_taken_on_both_machines_are_renumbered_and_references_follow() {
    let world = World::new();
    world.both_set_up();
    world.ok("a", &["contact", "Alice Chen"]);
    world.ok("a", &["apply", "Acme", "SRE", "--contact", "Alice Chen"]);
    world.ok("b", &["contact", "Bob Diaz"]);
    world.ok("b", &["apply", "Globex", "SA", "--contact", "Bob Diaz"]);
    world.sync("a");
    let b = world.sync("b");
    assert!(
        b.contains("contact 2 from this copy is now contact "),
        "{b}"
    );
    world.sync("a");
    let wb = world.same();
    let names = contact_names(&wb);
    assert_eq!(names.len(), 2, "{names:?}");
    let id_of = |name: &str| names.iter().find(|(_, n)| *n == name).expect("contact").0;
    let app = |company: &str| {
        wb.pipeline
            .applications
            .iter()
            .find(|a| a.company == company)
            .expect("application")
    };
    assert_eq!(app("Acme").contacts, [id_of("Alice Chen")]);
    assert_eq!(
        app("Globex").contacts,
        [id_of("Bob Diaz")],
        "b's application still names Bob"
    );
    assert!(
        wb.next_id
            > wb.pipeline
                .applications
                .iter()
                .map(|a| a.id)
                .max()
                .unwrap_or(0)
    );
}

#[test]
fn an_older_format_on_one_machine_merges_and_a_newer_one_is_refused() {
    let world = World::new();
    // a's workbook is in format version 1, as an older careerbook left it.
    fs::create_dir_all(world.dir("a")).expect("dir");
    let v1 = include_str!("fixtures/workbook-v1.ron");
    fs::write(world.paths("a").workbook, v1).expect("seed");
    world.init("a");
    world.ok("b", &["log", "Shipped the status page"]);
    let b = world.init("b");
    assert!(b.contains("arrived:"), "{b}");
    world.sync("a");
    let wb = world.same();
    assert_eq!(
        wb.version, CURRENT_VERSION,
        "the merge writes today's format"
    );
    assert!(titles(&wb).contains(&"Shipped the status page"));
    // A newer careerbook's workbook reaches the remote (pushed by hand here).
    let clone = world.tmp.path().join("newer");
    let remote = world.remote.to_string_lossy().into_owned();
    Command::new("git")
        .args(["clone", "-q", "-b", "main", &remote])
        .arg(&clone)
        .output()
        .expect("clone");
    let newer = world.text("a").replacen(
        &format!("version: {CURRENT_VERSION}"),
        &format!("version: {}", CURRENT_VERSION + 1),
        1,
    );
    fs::write(clone.join("workbook.ron"), &newer).expect("write");
    for args in [
        &[
            "-c",
            "user.name=n",
            "-c",
            "user.email=n@n",
            "commit",
            "-qam",
            "newer",
        ][..],
        &["push", "-q"][..],
    ] {
        let out = Command::new("git")
            .current_dir(&clone)
            .args(args)
            .output()
            .expect("git");
        assert!(out.status.success(), "{}", stderr(&out));
    }
    world.ok("b", &["log", "Wrote the runbook"]);
    let before = world.workbook("b");
    let head = world.git("b", &["rev-parse", "HEAD"]);
    let out = world.run("b", &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stderr(&out);
    assert!(
        said.contains("was written by a newer careerbook")
            && said.contains("update careerbook on this machine"),
        "{said}"
    );
    assert!(
        said.contains("This machine's changes (1 win) are committed here"),
        "{said}"
    );
    assert_eq!(world.workbook("b"), before, "the workbook is as it was");
    let parent = world.git("b", &["rev-parse", "HEAD~1"]);
    assert_eq!(parent, head, "only the local commit was added");
}

#[test]
fn the_full_screen_workbook_open_during_a_sync_keeps_its_edit_and_syncs_with_p() {
    let world = World::new();
    world.both_set_up();
    let options = OpenOptions {
        create: true,
        hold_lock: false,
    };
    let session = Session::open(world.paths("b"), options).expect("opens");
    let mut app = careerbook::tui::app::App::new(
        session,
        common::today(),
        careerbook::tui::theme::Theme::plain(),
        None,
    );
    // A win is being typed on b while a's arrives through `careerbook sync`.
    common::press(&mut app, "2 a | text:Paired with the new SRE");
    world.ok("a", &["log", "Cut the logging bill"]);
    world.sync("a");
    let synced = world.sync("b");
    assert!(synced.contains("arrived: 1 win"), "{synced}");
    common::press(&mut app, "Enter");
    assert!(
        app.status()
            .text()
            .contains("merged with changes made elsewhere"),
        "{:?}",
        app.status()
    );
    // P sends it: the status says what went, the tab bar when.
    common::press(&mut app, "P");
    assert_eq!(app.status().text(), "syncing…");
    assert!(app.sync_if_requested());
    assert_eq!(
        app.status().text(),
        "synced: sent 1 win",
        "{:?}",
        app.status()
    );
    let screen = common::draw(&app, 100, 30);
    assert!(
        screen
            .lines()
            .next()
            .unwrap_or_default()
            .contains("synced "),
        "{screen}"
    );
    world.sync("a");
    let wb = world.same();
    assert_eq!(
        titles(&wb),
        [
            "Set up the billing alarms",
            "Cut the logging bill",
            "Paired with the new SRE"
        ]
    );
    // What arrives with P shows at once.
    world.ok("a", &["log", "Wrote the on-call guide"]);
    world.sync("a");
    common::press(&mut app, "P");
    app.sync_if_requested();
    assert_eq!(app.status().text(), "synced: arrived 1 win");
    assert!(common::draw(&app, 100, 30).contains("Wrote the on-call guide"));
}

#[test]
fn p_in_a_data_directory_not_set_up_says_how_and_changes_nothing() {
    let (dir, mut app) = common::app_with("(version: 2, next_id: 1)");
    common::press(&mut app, "P");
    assert!(app.sync_if_requested());
    let screen = common::draw(&app, 100, 30);
    assert!(screen.contains("Not synced"), "{screen}");
    assert!(screen.contains("not set up for sync yet"), "{screen}");
    assert!(!dir.path().join(".git").exists());
}

#[test]
fn a_conflict_copy_is_merged_by_the_same_rules_and_kept_as_a_backup() {
    let world = World::new();
    world.ok("a", &["log", "Migrated billing"]);
    world.ok("a", &["account", "Checking", "9000"]);
    // Syncthing kept the laptop's edits as a conflict copy: another win under
    // the id the desktop gave to its own, and another balance.
    let copy_path = world
        .dir("a")
        .join("workbook.sync-conflict-20261126-101010-ABCDEFG.ron");
    let mut laptop = world.workbook("a");
    laptop.runway.accounts[0].balance = "8500".parse().expect("decimal");
    let mut win = laptop.impact.wins[0].clone();
    (win.id, win.title) = (3, "Led the Kafka migration".into());
    laptop.impact.wins.push(win);
    laptop.next_id = 4;
    fs::write(
        &copy_path,
        careerbook::store::file::to_bytes(&laptop).expect("bytes"),
    )
    .expect("copy");
    world.ok("a", &["log", "Closed the renewal"]); // the desktop's win 3
    let out = world.ok(
        "a",
        &[
            "merge",
            copy_path.to_str().expect("utf-8"),
            "--format",
            "json",
        ],
    );
    let merged: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        (merged["added"].as_u64(), merged["set_aside"].as_u64()),
        (Some(1), Some(1)),
        "{merged}"
    );
    let wb = world.workbook("a");
    assert_eq!(
        titles(&wb),
        [
            "Migrated billing",
            "Closed the renewal",
            "Led the Kafka migration"
        ]
    );
    assert_eq!(
        wb.runway.accounts[0].balance.to_string(),
        "9000",
        "the workbook's value stays"
    );
    assert!(world.ok("a", &["conflicts"]).contains("set aside “8500”"));
    assert!(!copy_path.exists());
    let kept = merged["kept"].as_str().expect("kept");
    assert!(
        kept.contains("conflict-copy") && Path::new(kept).exists(),
        "{kept}"
    );
    assert!(world.ok("a", &["restore"]).contains("conflict-copy"));
    // The same copy again (put back by the sync tool, or kept elsewhere):
    // refused, or its win would come in a second time under a new id.
    fs::write(
        &copy_path,
        careerbook::store::file::to_bytes(&laptop).expect("bytes"),
    )
    .expect("copy");
    let twice = world.run("a", &["merge", copy_path.to_str().expect("utf-8")]);
    assert_eq!(twice.status.code(), Some(1), "{}", stderr(&twice));
    assert!(
        stderr(&twice).contains("was merged already"),
        "{}",
        stderr(&twice)
    );
    assert_eq!(titles(&world.workbook("a")).len(), 3, "nothing added twice");
    // Merging the workbook itself is refused.
    let workbook = world.paths("a").workbook;
    let again = world.run("a", &["merge", workbook.to_str().expect("utf-8")]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("is the workbook itself"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn without_git_sync_says_so_and_changes_nothing() {
    let world = World::new();
    world.ok("a", &["log", "Migrated billing"]);
    let before = world.text("a");
    let journal = fs::read(world.paths("a").journal).ok();
    let remote = world.remote.to_string_lossy().into_owned();
    let empty = world.tmp.path().join("no-git");
    fs::create_dir(&empty).expect("dir");
    for args in [&["sync", "init", &remote][..], &["sync"][..]] {
        let out = world
            .command("a", args)
            .env("PATH", &empty)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("git is not installed (or not on PATH)"),
            "{}",
            stderr(&out)
        );
        assert!(
            !world.dir("a").join(".git").exists(),
            "{args:?} made a repository"
        );
        assert_eq!(world.text("a"), before);
        let now = fs::read(world.paths("a").journal).ok();
        assert_eq!(now, journal, "not even folded");
    }
    // Set up, then git goes missing: still nothing changes.
    world.init("a");
    world.ok("a", &["log", "Ran the game day"]);
    let text = world.text("a");
    let journal = fs::read(world.paths("a").journal).ok();
    let head = world.git("a", &["rev-parse", "HEAD"]);
    let out = world
        .command("a", &["sync"])
        .env("PATH", &empty)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        (world.text("a"), world.git("a", &["rev-parse", "HEAD"])),
        (text, head)
    );
    assert_eq!(fs::read(world.paths("a").journal).ok(), journal);
}

#[test]
fn a_remote_that_refuses_changes_nothing_here_but_a_local_commit() {
    let world = World::new();
    world.both_set_up();
    // Pushes refused by the remote (a hook, as a protected branch would).
    let hook = world.remote.join("hooks/pre-receive");
    fs::write(&hook, "#!/bin/sh\necho 'pushes are closed' >&2\nexit 1\n").expect("hook");
    fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    world.ok("a", &["log", "Ran the game day"]);
    let before = world.workbook("a");
    let out = world.run("a", &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stderr(&out);
    assert!(said.contains("could not push to origin"), "{said}");
    assert!(
        said.contains("the remote refused the change") && said.contains("pushes are closed"),
        "{said}"
    );
    assert!(
        said.contains("This machine's changes (1 win) are committed here"),
        "{said}"
    );
    assert_eq!(world.workbook("a"), before);
    assert_eq!(
        world.git("a", &["log", "-1", "--format=%s"]).trim(),
        "1 win"
    );
    fs::remove_file(&hook).expect("hook");
    // Credentials refused: an ssh remote whose ssh says so (no network).
    let out = world
        .command(
            "a",
            &[
                "sync",
                "init",
                "ssh://git@example.invalid/me/careerbook.git",
            ],
        )
        .env(
            "GIT_SSH_COMMAND",
            "echo 'Permission denied (publickey).' >&2; exit 255; :",
        )
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the remote refused the credentials"),
        "{}",
        stderr(&out)
    );
    assert_eq!(world.workbook("a"), before, "nothing merged, nothing lost");
    // Moved back to the repository that works, the commit goes out.
    world.init("a");
    world.sync("b");
    assert!(titles(&world.same()).contains(&"Ran the game day"));
}

#[test]
fn a_plain_git_pull_merges_the_workbook_through_careerbook() {
    let world = World::new();
    world.both_set_up();
    world.ok("a", &["log", "Cut EC2 spend"]);
    world.sync("a");
    world.ok("b", &["log", "Closed the renewal"]);
    // By hand, the journal is folded into workbook.ron first (docs/guide.md).
    world.ok("b", &["compact"]);
    world.git(
        "b",
        &[
            "-c",
            "user.name=b",
            "-c",
            "user.email=b@b",
            "commit",
            "-qam",
            "by hand",
        ],
    );
    world.git(
        "b",
        &[
            "-c",
            "user.name=b",
            "-c",
            "user.email=b@b",
            "pull",
            "-q",
            "--no-rebase",
            "--no-edit",
        ],
    );
    let text = world.text("b");
    assert!(!text.contains("<<<<<<<"), "{text}");
    let wb = world.workbook("b");
    assert_eq!(
        titles(&wb),
        [
            "Set up the billing alarms",
            "Cut EC2 spend",
            "Closed the renewal"
        ]
    );
    world.sync("b");
    world.sync("a");
    world.same();
}

#[test]
fn a_push_that_loses_a_race_with_another_machine_fetches_merges_and_pushes_again() {
    let world = World::new();
    world.both_set_up();
    world.ok("b", &["log", "Closed the renewal"]);
    // The first time a fetches, b syncs just after a has read the remote,
    // as another machine syncing at the same moment would: a's first push
    // is refused, and a must fetch and merge again.
    let mark = world.tmp.path().join("raced");
    let script = world.tmp.path().join("upload-pack");
    let b_sync = format!(
        "'{}' --data-dir '{}' sync",
        env!("CARGO_BIN_EXE_careerbook"),
        world.dir("b").display()
    );
    fs::write(
        &script,
        format!(
            "#!/bin/sh\ngit upload-pack \"$@\"\nstatus=$?\nif [ ! -e '{mark}' ]; then touch '{mark}'; {b_sync} >/dev/null 2>&1 </dev/null; fi\nexit $status\n",
            mark = mark.display()
        ),
    )
    .expect("script");
    fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    world.git(
        "a",
        &[
            "config",
            "remote.origin.uploadpack",
            script.to_str().expect("utf-8"),
        ],
    );
    world.ok("a", &["log", "Cut EC2 spend"]);
    let a = world.sync("a");
    assert!(mark.exists(), "b synced in the middle");
    assert!(
        a.contains("sent: 1 win") && a.contains("arrived: 1 win"),
        "{a}"
    );
    world.sync("b");
    let wb = world.same();
    assert_eq!(
        titles(&wb),
        [
            "Set up the billing alarms",
            "Closed the renewal",
            "Cut EC2 spend"
        ]
    );
}

#[test]
fn an_older_copy_put_back_or_a_missing_workbook_never_deletes_on_the_other_machine() {
    let world = World::new();
    world.both_set_up();
    world.ok("a", &["compact"]);
    let old = world.text("a");
    world.ok("a", &["log", "Cut EC2 spend"]);
    world.sync_both();
    // a restores a backup from before "Cut EC2 spend", and logs a win on it
    // under the id "Cut EC2 spend" has.
    let name = "workbook-20261101-120000-auto.ron";
    fs::write(world.paths("a").backups.join(name), &old).expect("older copy");
    world.ok("a", &["restore", name]);
    world.ok("a", &["log", "Closed the renewal"]);
    let said = world.sync("a");
    assert!(
        said.contains("does not carry on from the last synced one"),
        "{said}"
    );
    world.sync("b");
    let wb = world.same();
    assert_eq!(
        titles(&wb),
        [
            "Set up the billing alarms",
            "Cut EC2 spend",
            "Closed the renewal"
        ],
        "nothing deleted, nothing lost"
    );
    // An older copy put back by hand, with nothing added since: the same.
    fs::write(world.paths("a").workbook, &old).expect("older copy");
    world.sync_both();
    assert_eq!(titles(&world.same()).len(), 3);
    // A workbook gone from a (deleted by hand) is put back, not deleted on b.
    fs::remove_file(world.paths("a").workbook).expect("remove");
    let said = world.sync("a");
    assert!(said.contains("workbook.ron was missing here"), "{said}");
    world.sync("b");
    assert_eq!(titles(&world.same()).len(), 3);
}

#[test]
fn merge_never_takes_another_data_directorys_live_workbook_nor_waits_on_a_pipe() {
    let world = World::new();
    world.ok("a", &["log", "Migrated billing"]);
    // a4: a copy of a's data directory, whose latest win is in its journal.
    let a4 = world.dir("a4");
    let out = Command::new("cp")
        .arg("-a")
        .arg(world.dir("a"))
        .arg(&a4)
        .output()
        .expect("cp");
    assert!(out.status.success(), "{}", stderr(&out));
    world.ok("a4", &["log", "PENDING"]);
    let live = world.paths("a4");
    assert!(live.journal.exists(), "the win waits in the journal");
    let (workbook, journal) = (
        fs::read(&live.workbook).expect("workbook"),
        fs::read(&live.journal).expect("journal"),
    );
    let refused = |file: &Path| {
        let out = world.run("m2", &["merge", file.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        let said = stderr(&out);
        assert!(said.contains("takes only copies. Copy it first"), "{said}");
        assert!(said.contains("compact"), "{said}");
    };
    refused(&live.workbook);
    // Through a link, or under another name beside its journal, the same.
    let link = world.tmp.path().join("link.ron");
    std::os::unix::fs::symlink(&live.workbook, &link).expect("link");
    refused(&link);
    let beside = a4.join("copy.ron");
    fs::write(&beside, &workbook).expect("copy");
    refused(&beside);
    assert_eq!(fs::read(&live.workbook).expect("still there"), workbook);
    assert_eq!(fs::read(&live.journal).expect("still there"), journal);
    assert!(world.ok("a4", &["wins"]).contains("PENDING"));
    assert!(!world.paths("m2").workbook.exists(), "nothing made either");
    // A copy taken as the message says is merged, and left where it was.
    world.ok("a4", &["compact"]);
    let copy = world.tmp.path().join("other-workbook.ron");
    fs::copy(&live.workbook, &copy).expect("copy");
    let out = world.ok("m2", &["merge", copy.to_str().expect("utf-8")]);
    assert!(out.contains("is left where it was"), "{out}");
    assert!(copy.exists());
    assert_eq!(
        titles(&world.workbook("m2")),
        ["Migrated billing", "PENDING"]
    );
    // A pipe is refused before it is opened (opening it would wait forever).
    let fifo = world.tmp.path().join("workbook.sync-conflict-1.ron");
    let out = Command::new("mkfifo").arg(&fifo).output().expect("mkfifo");
    assert!(out.status.success(), "{}", stderr(&out));
    let mut child = world
        .command("m2", &["merge", fifo.to_str().expect("utf-8")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("merge waited on a pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
}

/// The full-screen workbook open on `machine`.
fn open_app(world: &World, machine: &str) -> careerbook::tui::app::App {
    let options = OpenOptions {
        create: true,
        hold_lock: false,
    };
    let session = Session::open(world.paths(machine), options).expect("opens");
    careerbook::tui::app::App::new(
        session,
        common::today(),
        careerbook::tui::theme::Theme::plain(),
        None,
    )
}

fn win_titled<'a>(wb: &'a Workbook, title: &str) -> &'a careerbook::domain::impact::Win {
    let found = wb.impact.wins.iter().find(|w| w.title == title);
    found.unwrap_or_else(|| panic!("no win “{title}”: {:?}", titles(wb)))
}

/// b's full-screen workbook adds win 2 “TUI4”; a logs its own win 2 “A4”
/// and both sync, so b's becomes win 3 under the open window.
fn renumbered_under_an_open_window(
    world: &World,
    keys_before_sync: &str,
) -> careerbook::tui::app::App {
    world.both_set_up();
    let mut app = open_app(world, "b");
    common::press(&mut app, "2 a | text:TUI4 | Enter");
    assert_eq!(win_titled(&world.workbook("b"), "TUI4").id, 2);
    common::press(&mut app, keys_before_sync);
    world.ok("a", &["log", "A4"]);
    world.sync("a");
    let synced = world.sync("b");
    assert!(
        synced.contains("win 2 from this copy is now win 3"),
        "{synced}"
    );
    app
}

#[test]
fn an_edit_typed_while_a_sync_renumbers_its_record_follows_it_and_so_does_undo() {
    let world = World::new();
    let mut app = renumbered_under_an_open_window(&world, "e");
    // The window notices the change (as its event loop does) while the form is open.
    app.reload_if_changed();
    common::press(&mut app, "Tab Tab Tab | text:$5k/yr | Enter");
    assert!(
        app.status().text().contains("win updated"),
        "{:?}",
        app.status()
    );
    let wb = world.workbook("b");
    let metric = |title| {
        let win = win_titled(&wb, title);
        (win.id, win.metric.as_ref().map(|m| m.text.clone()))
    };
    assert_eq!(metric("TUI4"), (3, Some("$5k/yr".into())));
    assert_eq!(
        metric("A4"),
        (2, None),
        "the other machine's win is untouched"
    );
    assert!(wb.conflicts.is_empty(), "{:?}", wb.conflicts);
    // Undo takes back this window's own edits, on its own win.
    common::press(&mut app, "u");
    let wb = world.workbook("b");
    assert_eq!(win_titled(&wb, "TUI4").metric, None);
    common::press(&mut app, "u");
    assert_eq!(
        titles(&world.workbook("b")),
        ["Set up the billing alarms", "A4"],
        "undoing the add removed TUI4, not A4: {:?}",
        app.status()
    );
}

#[test]
fn a_delete_confirmed_after_a_sync_renumbered_the_record_removes_that_record() {
    let world = World::new();
    // “Delete “TUI4”?” is on screen during the sync; the save that follows
    // the yes is what finds the workbook changed.
    let mut app = renumbered_under_an_open_window(&world, "d");
    assert!(common::draw(&app, 100, 30).contains("Delete “TUI4”?"));
    common::press(&mut app, "y");
    assert_eq!(
        titles(&world.workbook("b")),
        ["Set up the billing alarms", "A4"],
        "{:?}",
        app.status()
    );
    common::press(&mut app, "u");
    let wb = world.workbook("b");
    assert_eq!(
        win_titled(&wb, "TUI4").id,
        3,
        "undo puts it back under its new id"
    );
    assert_eq!(wb.impact.wins.len(), 3);
}

#[test]
fn a_merge_that_fails_half_way_leaves_none_of_gits_temporary_files() {
    let world = World::new();
    world.both_set_up();
    world.ok("a", &["log", "Cut the logging bill"]);
    world.sync("a");
    world.ok("b", &["log", "Paired with the new SRE"]);
    // A merge driver that dies half way, as on a full disk, after git gave
    // it its copies (and one more of its own, as git's leftovers look).
    let driver = world.tmp.path().join("dies.sh");
    fs::write(&driver, "#!/bin/sh\ncp \"$2\" \"$2.left\"\nexit 1\n").expect("script");
    let mut mode = fs::metadata(&driver).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut mode, 0o755);
    fs::set_permissions(&driver, mode).expect("chmod");
    let command = format!("'{}' merge-driver %O %A %B", driver.display());
    world.git("b", &["config", "merge.careerbook.driver", &command]);
    let out = world.run("b", &["sync"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let left: Vec<String> = fs::read_dir(world.dir("b"))
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".merge_file_"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let status = world.git("b", &["status", "--porcelain"]);
    assert!(!status.contains("??"), "{status}");
    // And should one be left anyway, git does not offer to commit it.
    fs::write(world.dir("b").join(".merge_file_AbC123"), "x").expect("leftover");
    let ignored = world.git("b", &["check-ignore", ".merge_file_AbC123"]);
    assert_eq!(ignored.trim(), ".merge_file_AbC123");
}

#[test]
fn a_damaged_copy_from_elsewhere_is_said_to_be_that_copy_not_yours() {
    let world = World::new();
    world.both_set_up();
    // The remote's workbook was damaged (by hand, with git).
    let damaged = "(version: 2, next_id: 3, impact: (wins: [oops";
    fs::write(world.paths("a").workbook, damaged).expect("damage");
    let who = ["-c", "user.name=n", "-c", "user.email=n@n"];
    world.git("a", &[&who[..], &["commit", "-qam", "by hand"]].concat());
    world.git("a", &["push", "-q", "origin", "HEAD"]);
    world.ok("b", &["log", "Paired with the new SRE"]);
    let before = world.workbook("b");
    for said in [stderr(&world.run("b", &["sync"])), {
        let copy = world.tmp.path().join("workbook.sync-conflict-1.ron");
        fs::write(&copy, damaged).expect("copy");
        stderr(&world.run("b", &["merge", copy.to_str().expect("utf-8")]))
    }] {
        assert!(said.contains("is damaged (line 1, column"), "{said}");
        assert!(said.contains("your own workbook is untouched"), "{said}");
        assert!(!said.contains("no good backup"), "{said}");
        assert!(!said.contains(".."), "{said}");
    }
    assert_eq!(world.workbook("b"), before, "b's workbook is as it was");
}

#[test]
fn a_conflict_settled_one_way_here_and_the_other_way_there_is_told() {
    let world = World::new();
    balance_changed_on_both(&world);
    world.sync("a");
    let id = world.same().conflicts[0].id.to_string();
    // a puts the set-aside 8500 in place; b keeps 8000 as it is.
    world.ok("a", &["conflicts", "use", &id]);
    world.ok("b", &["conflicts", "keep", &id]);
    world.sync("a");
    let told = world.sync("b");
    assert!(
        told.contains(&format!(
            "conflict {id} about cash account 1 “Checking”, settled here, was settled \
             differently on the other machine"
        )),
        "{told}"
    );
    assert!(
        told.contains("balance is “8500” (here you chose “8000”)"),
        "{told}"
    );
    world.sync("a");
    let wb = world.same();
    assert!(wb.conflicts.is_empty());
    assert_eq!(wb.runway.accounts[0].balance.to_string(), "8500");
    // Settled the same way on both: nothing to tell.
    world.ok("a", &["account", "Checking", "7000"]);
    world.ok("b", &["account", "Checking", "7500"]);
    world.sync_both();
    let id = world.same().conflicts[0].id.to_string();
    world.ok("a", &["conflicts", "keep", &id]);
    world.ok("b", &["conflicts", "keep", &id]);
    world.sync("a");
    assert!(!world.sync("b").contains("settled differently"));
}

#[test]
fn a_removal_being_confirmed_while_a_sync_renumbers_the_record_removes_that_record() {
    let world = World::new();
    world.both_set_up();
    world.ok("b", &["apply", "Acme", "SRE"]);
    let mut app = open_app(&world, "b");
    // “Delete Acme — SRE …?” is on screen (an edit naming the id alone)
    // while a's own application 2 arrives and b's becomes 3.
    common::press(&mut app, "5 d");
    assert!(common::draw(&app, 100, 30).contains("Delete Acme — SRE"));
    world.ok("a", &["apply", "Globex", "Platform engineer"]);
    world.sync("a");
    let synced = world.sync("b");
    assert!(
        synced.contains("application 2 from this copy is now application 3"),
        "{synced}"
    );
    // The window reloads (as its event loop does) before the yes.
    app.reload_if_changed();
    common::press(&mut app, "y");
    let companies: Vec<String> = world
        .workbook("b")
        .pipeline
        .applications
        .iter()
        .map(|a| a.company.clone())
        .collect();
    assert_eq!(companies, ["Globex"], "{:?}", app.status());
}

/// An editor (a program that takes no lock) writing the workbook while a
/// sync merges; tests/attack_save.rs has the other whole-file writes.
impl World {
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
    let on_disk = fs::read_to_string(world.dir("a").join("workbook.ron")).expect("read");
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
    let workbook = world.workbook("a");
    let mut all = titles(&workbook);
    all.sort();
    assert_eq!(all, ["ALPHA", "bravo", "charlie"]);
}
