//! The journal (`workbook.journal`): a command saves its edit by adding one
//! line; whatever reads the workbook applies the journal on top; folds write
//! it into `workbook.ron` and remove it. Each test attacks one way an edit
//! could be lost or applied twice: kills while appending and folding, a disk
//! failing at every step, a line cut short, many writers at once, the
//! full-screen workbook open meanwhile, a hand edit between folds, a journal
//! from a newer careerbook, the size limit, backups and restore.

use crate::common::{press, today};
use crate::disk_faults::{EIO, ENOSPC, Faulty};
use crate::support::{add, command_options, fresh, kill_at_random, open, strays, titles, win};
use careerbook::domain::conflict::Target;
use careerbook::domain::edit::{Edit, Kind};
use careerbook::domain::impact::Win;
use careerbook::domain::workbook::{CURRENT_VERSION, Workbook};
use careerbook::store::quick::{self, Quick};
use careerbook::store::{OpenOptions, Paths, Session, StoreError, backup, file, journal};
use careerbook::tui::app::{App, Status};
use careerbook::tui::theme::Theme;
use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The title of the `k`th win process `pid` logs in the kill tests.
pub fn title(pid: u32, k: u64) -> String {
    format!("append {pid}-{k}")
}

/// Logs `win` as `careerbook log` does; returns its id.
fn log_win(paths: &Paths, win: Win) -> u64 {
    careerbook::cli::add_and_save(paths, win.into(), today(), |invalid| {
        careerbook::cli::Failure::usage(invalid.to_string())
    })
    .map_err(|failure| failure.message)
    .expect("logged")
    .id()
}

/// Logs a win titled `title` as `careerbook log` does; returns its id.
pub fn log(paths: &Paths, title: &str) -> u64 {
    log_win(paths, win(title))
}

/// Reads the workbook the way a reading command does: the journal applied,
/// nothing written.
fn read(paths: &Paths) -> Session {
    Session::open(paths.clone(), OpenOptions::default()).expect("reads")
}

/// What `workbook.ron` alone holds, without the journal.
fn in_the_file(paths: &Paths) -> Workbook {
    let bytes = fs::read(&paths.workbook).expect("the workbook");
    match file::parse(&paths.workbook, &bytes, &[]) {
        Ok(file::Parsed::Current(workbook)) => workbook,
        other => panic!("workbook.ron parses on its own: {other:?}"),
    }
}

fn file_titles(paths: &Paths) -> Vec<String> {
    in_the_file(paths)
        .impact
        .wins
        .iter()
        .map(|w| w.title.clone())
        .collect()
}

fn journal_lines(paths: &Paths) -> usize {
    fs::read_to_string(&paths.journal).map_or(0, |text| text.lines().count())
}

/// Leftovers other than the journal, which may rightly stay.
fn strays_but_the_journal(paths: &Paths) -> Vec<PathBuf> {
    strays(paths)
        .into_iter()
        .filter(|p| p != &paths.journal)
        .collect()
}

/// A workbook with two wins, saved whole, and today's backup taken (of the
/// empty workbook, before the first): what a command finds after the
/// full-screen workbook was used today.
fn saved_today() -> (tempfile::TempDir, Paths) {
    let (dir, paths) = fresh();
    let mut tui = open(&paths);
    add(&mut tui, "first");
    add(&mut tui, "second"); // the day's first save backed "first" up
    (dir, paths)
}

/// Runs the real binary with today fixed.
fn careerbook(paths: &Paths, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_careerbook"));
    command
        .arg("--data-dir")
        .arg(&paths.dir)
        .args(args)
        .env("CAREERBOOK_TODAY", "2026-11-26")
        .env_remove("CAREERBOOK_DIR")
        .env_remove("CAREERBOOK_DEBUG_MAX_BYTES")
        .stdin(Stdio::null());
    command
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn commands_add_a_line_each_and_leave_the_workbook_file_alone() {
    let (_dir, paths) = saved_today();
    let before = fs::read(&paths.workbook).expect("read");
    for n in 0..5 {
        log(&paths, &format!("logged {n}"));
    }
    assert_eq!(
        fs::read(&paths.workbook).expect("read"),
        before,
        "not rewritten"
    );
    let text = fs::read_to_string(&paths.journal).expect("journal");
    assert_eq!(
        text.lines().count(),
        6,
        "a first line, then a line per win:\n{text}"
    );
    let all = [
        "first", "second", "logged 0", "logged 1", "logged 2", "logged 3", "logged 4",
    ];
    assert_eq!(titles(&read(&paths)), all);
    let ids: Vec<u64> = read(&paths)
        .workbook()
        .impact
        .wins
        .iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7]);
    // The full-screen workbook folds the journal in as it opens.
    assert_eq!(titles(&open(&paths)), all);
    assert!(!paths.journal.exists(), "folded away");
    assert_eq!(file_titles(&paths), all);
    assert_eq!(strays(&paths), Vec::<PathBuf>::new());
}

#[test]
fn a_win_added_without_reading_the_workbook_is_the_one_a_whole_read_finds() {
    let (_dir, paths) = saved_today();
    // With no journal yet there is nothing to add a line to: declined, the
    // command reads the workbook and starts the journal.
    assert_eq!(
        quick::add(&paths, win("a").into(), today()).expect("runs"),
        Quick::Declined
    );
    log(&paths, "a");
    let mut quick_ones = Vec::new();
    for title in ["b", "c", "d"] {
        match quick::add(&paths, win(title).into(), today()).expect("runs") {
            Quick::Saved(item) => quick_ones.push(*item),
            other => panic!("the journal takes a line: {other:?}"),
        }
    }
    let whole = read(&paths);
    for item in &quick_ones {
        let found = item.kind().find(whole.workbook(), item.id());
        assert_eq!(found.as_ref(), Some(item), "stored exactly as returned");
    }
    assert_eq!(whole.workbook().next_id, 7);
    // A value refused the quick way is refused alike by a whole session, and
    // neither writes anything.
    let journal_before = fs::read(&paths.journal).expect("journal");
    let mut late = win("next month");
    late.date = today() + chrono::Days::new(30);
    let Quick::Refused(quick_says) =
        quick::add(&paths, late.clone().into(), today()).expect("runs")
    else {
        panic!("refused")
    };
    let mut session = Session::open(paths.clone(), command_options()).expect("open");
    session.set_today(today());
    let session_says = session.apply(Edit::Add(late.into())).unwrap_err();
    assert_eq!(quick_says, session_says);
    drop(session);
    assert_eq!(fs::read(&paths.journal).expect("journal"), journal_before);
}

#[test]
fn the_first_command_of_a_day_folds_the_journal_and_the_days_backup_holds_it() {
    let (_dir, paths) = saved_today();
    log(&paths, "yesterday, logged");
    log(&paths, "yesterday, logged again");
    // Overnight: no backup of the new day yet.
    for b in backup::list(&paths).expect("list") {
        fs::remove_file(b.path).expect("forget the day's backup");
    }
    log(&paths, "today");
    let daily = backup::list(&paths)
        .expect("list")
        .into_iter()
        .find(|b| b.reason == backup::Reason::Auto)
        .expect("the day's backup");
    let kept = fs::read_to_string(&daily.path).expect("backup");
    assert!(
        kept.contains("yesterday, logged again"),
        "the journal's edits are in it:\n{kept}"
    );
    assert!(!kept.contains("today"), "taken before the day's first edit");
    assert_eq!(
        file_titles(&paths),
        [
            "first",
            "second",
            "yesterday, logged",
            "yesterday, logged again"
        ],
        "folded into workbook.ron"
    );
    assert_eq!(
        journal_lines(&paths),
        2,
        "the new day's journal holds only its edit"
    );
}

#[test]
fn a_journal_grown_past_its_share_of_the_workbook_is_folded_by_the_next_command() {
    let (_dir, paths) = saved_today();
    let mut largest = 0;
    for n in 0..80 {
        let mut long = win(&format!("long {n}"));
        long.notes = Some("context, action and who benefited; ".repeat(30));
        log_win(&paths, long);
        largest = largest.max(fs::metadata(&paths.journal).map_or(0, |m| m.len()));
    }
    // 32 KiB (the workbook is smaller than 16 × that), then one more line.
    assert!(
        largest <= 32 * 1024 + 2_000,
        "the journal stayed small: {largest} bytes"
    );
    assert!(
        file_titles(&paths).len() > 20,
        "folds took most wins into workbook.ron"
    );
    assert_eq!(titles(&read(&paths)).len(), 82, "every win is there, once");
}

#[test]
fn a_torn_last_line_is_ignored_said_and_folded_away() {
    let (_dir, paths) = saved_today();
    log(&paths, "a");
    log(&paths, "b");
    let mut torn = fs::read(&paths.journal).expect("journal");
    let whole = torn.clone();
    torn.extend(b"Edit(date: \"2026-11-26\", next_id: 6, edit: Add(Win((id: 5, dat");
    fs::write(&paths.journal, &torn).expect("a line cut short");
    // Reading is never refused for it: the whole lines are read.
    assert_eq!(titles(&read(&paths)), ["first", "second", "a", "b"]);
    assert!(
        !read(&paths).notes.iter().any(|n| n.contains("cut short")),
        "a reader without the lock may have met an append under way: it says nothing"
    );
    assert_eq!(
        fs::read(&paths.journal).expect("journal"),
        torn,
        "reading changes nothing"
    );
    // `careerbook log`, which holds the lock, says so and folds it away.
    let out = careerbook(&paths, &["log", "c"]).output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("was cut short"), "{}", stderr(&out));
    assert_eq!(file_titles(&paths), ["first", "second", "a", "b"]);
    assert_eq!(titles(&read(&paths)), ["first", "second", "a", "b", "c"]);
    assert!(
        !fs::read(&paths.journal)
            .expect("journal")
            .starts_with(&whole)
    );
}

#[test]
fn a_damaged_journal_line_is_refused_at_its_place_and_nothing_is_touched() {
    let (_dir, paths) = saved_today();
    log(&paths, "a");
    log(&paths, "b");
    let text = fs::read_to_string(&paths.journal).expect("journal");
    let damaged: String = text
        .lines()
        .enumerate()
        .map(|(n, line)| match n {
            1 => line.replace("title:", "titel:") + "\n",
            _ => format!("{line}\n"),
        })
        .collect();
    fs::write(&paths.journal, &damaged).expect("damage");
    let workbook = fs::read(&paths.workbook).expect("read");
    let options = [
        OpenOptions::default(),
        crate::support::tui_options(),
        command_options(),
    ];
    for options in options {
        let err = Session::open(paths.clone(), options).unwrap_err();
        let StoreError::Damaged {
            path,
            at: Some((2, _)),
            backup: Some(_),
            ..
        } = &err
        else {
            panic!("refused at line 2, naming a backup: {err:?}");
        };
        assert_eq!(path, &paths.journal);
        assert!(err.to_string().contains("titel"), "{err}");
    }
    let out = careerbook(&paths, &["log", "c"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("workbook.journal cannot be read: line 2"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(&paths.journal).expect("journal"),
        damaged
    );
    assert_eq!(fs::read(&paths.workbook).expect("read"), workbook);
    // Restoring a backup keeps the damaged journal aside and starts clean.
    let newest = backup::newest_good(&paths).expect("a backup");
    let restored = backup::restore(&paths, &newest.name).expect("restore");
    let aside = restored.journal.expect("the journal was kept aside");
    assert_eq!(fs::read_to_string(aside).expect("kept"), damaged);
    assert!(!paths.journal.exists());
    assert_eq!(titles(&read(&paths)), Vec::<String>::new(), "the backup's");
}

#[test]
fn a_hand_edit_of_the_workbook_between_folds_is_merged_with_the_journal() {
    let (_dir, paths) = fresh();
    add(&mut open(&paths), "shared");
    // A command retitles win 1, another logs win 2: both in the journal.
    let mut command = Session::open(paths.clone(), command_options()).expect("open");
    let base = command.workbook().impact.wins[0].clone();
    let retitled = Win {
        title: "retitled by a command".into(),
        ..base.clone()
    };
    command
        .apply(Edit::update(base, retitled))
        .expect("valid")
        .saved
        .expect("saved");
    drop(command);
    assert_eq!(log(&paths, "logged by a command"), 2);
    // Then, in an editor: win 1's title and notes change, and a win is added
    // with id 2 (free in the file), next_id left as it was.
    let text = fs::read_to_string(&paths.workbook).expect("read");
    let mut edited = String::new();
    for line in text.lines() {
        if line.contains("title: \"shared\"") {
            let line = line
                .replace("title: \"shared\"", "title: \"retitled by hand\"")
                .replace("measured by the on-call pager count", "notes by hand");
            edited.push_str(&format!("{line}\n"));
            edited.push_str(
                "            (id: 2, date: \"2026-11-21\", title: \"added by hand\", category: other),\n",
            );
        } else {
            edited.push_str(&format!("{line}\n"));
        }
    }
    fs::write(&paths.workbook, edited).expect("hand edit");

    let merged = read(&paths);
    let wins: Vec<(u64, &str)> = merged
        .workbook()
        .impact
        .wins
        .iter()
        .map(|w| (w.id, w.title.as_str()))
        .collect();
    // The conflict replaying the retitle stored took id 3, the logged win 4.
    assert_eq!(
        wins,
        [
            (1, "retitled by hand"),
            (2, "added by hand"),
            (4, "logged by a command")
        ],
        "the logged win took a fresh id, as another writer's would"
    );
    assert_eq!(
        merged.workbook().impact.wins[0].notes.as_deref(),
        Some("notes by hand")
    );
    let conflicts = &merged.workbook().conflicts;
    assert_eq!(conflicts.len(), 1, "both changed the title: {conflicts:?}");
    assert_eq!(
        (conflicts[0].id, conflicts[0].about),
        (3, Target::Record(Kind::Win, 1))
    );
    assert_eq!(
        conflicts[0].lines(merged.workbook()),
        ["title: kept “retitled by hand” · set aside “retitled by a command”"]
    );
    // The next command folds it all into workbook.ron (the journal no longer
    // names the file) and starts a new journal with its own edit.
    log(&paths, "after");
    assert_eq!(
        file_titles(&paths),
        ["retitled by hand", "added by hand", "logged by a command"]
    );
    assert_eq!(in_the_file(&paths).conflicts.len(), 1);
    assert_eq!(journal_lines(&paths), 2);
    assert_eq!(titles(&read(&paths)).len(), 4);
}

/// A journal as a newer careerbook would write it: one this build can read,
/// and one with fields it does not know.
fn newer_journals() -> Vec<(&'static str, String)> {
    let first = format!(
        "Journal(version: {}, base: (inode: 1, len: 2, modified: 3))\n",
        CURRENT_VERSION + 1
    );
    let readable = format!(
        "{first}Edit(date: \"2026-11-26\", next_id: 63, edit: Add(Win((id: 62, date: \"2026-11-26\", title: \"from a newer careerbook\", category: other))))\n"
    );
    let unknown = format!(
        "{first}Edit(date: \"2026-11-26\", next_id: 63, edit: Add(Win((id: 62, date: \"2026-11-26\", title: \"t\", category: other, confidence: high))))\n"
    );
    vec![("readable", readable), ("with unknown fields", unknown)]
}

#[test]
fn a_journal_from_a_newer_careerbook_stays_byte_identical_through_every_command() {
    let workbook = crate::versions::fixture(CURRENT_VERSION);
    for (kind, journal) in newer_journals() {
        let (_dir, paths) = fresh();
        crate::versions::seed(&paths, workbook.as_bytes());
        fs::write(&paths.journal, &journal).expect("seed the journal");
        for args in crate::versions::COMMANDS {
            let out = crate::versions::careerbook(&paths, args);
            let context = format!(
                "`careerbook {}` with a {kind} newer journal",
                args.join(" ")
            );
            assert_ne!(out.status.code(), Some(2), "{context}: {}", stderr(&out));
            assert_eq!(
                fs::read_to_string(&paths.journal).expect("journal"),
                journal,
                "{context}"
            );
            assert_eq!(
                fs::read_to_string(&paths.workbook).expect("workbook"),
                workbook,
                "{context}"
            );
            assert_eq!(
                strays_but_the_journal(&paths),
                Vec::<PathBuf>::new(),
                "{context}"
            );
        }
        let out = crate::versions::careerbook(&paths, &["log", "x"]);
        assert!(
            stderr(&out).contains("newer careerbook"),
            "{kind}: {}",
            stderr(&out)
        );
        if kind == "readable" {
            // Shown, read-only: its edit is there, and nothing is saved.
            let session =
                Session::open(paths.clone(), crate::support::tui_options()).expect("opens");
            assert!(
                session
                    .read_only()
                    .is_some_and(|r| r.contains("workbook.journal"))
            );
            assert!(titles(&session).contains(&"from a newer careerbook".to_string()));
            let mut app = App::new(session, today(), Theme::plain(), None);
            press(&mut app, "2 a");
            press(&mut app, "text:Shipped | Enter");
            app.reload_if_changed();
            let _ = app.save_before_exit();
            assert_eq!(app.fold_journal(), None);
        } else {
            let err = Session::open(paths.clone(), crate::support::tui_options()).unwrap_err();
            assert!(matches!(err, StoreError::Newer { .. }), "{err:?}");
        }
        assert_eq!(
            fs::read_to_string(&paths.journal).expect("journal"),
            journal
        );
        assert_eq!(
            fs::read_to_string(&paths.workbook).expect("workbook"),
            workbook
        );
    }
}

#[test]
fn a_journal_without_its_workbook_is_refused_until_a_backup_is_restored() {
    let (_dir, paths) = saved_today();
    log(&paths, "a");
    let journal = fs::read(&paths.journal).expect("journal");
    fs::remove_file(&paths.workbook).expect("the workbook goes");
    for options in [
        OpenOptions::default(),
        crate::support::tui_options(),
        command_options(),
    ] {
        let err = Session::open(paths.clone(), options).unwrap_err();
        assert!(matches!(err, StoreError::Orphaned { .. }), "{err:?}");
        assert!(err.to_string().contains("careerbook restore"), "{err}");
    }
    let out = careerbook(&paths, &["log", "b"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        !paths.workbook.exists(),
        "no empty workbook was made under the journal"
    );
    assert_eq!(fs::read(&paths.journal).expect("journal"), journal);
    let newest = backup::newest_good(&paths).expect("a backup");
    let restored = backup::restore(&paths, &newest.name).expect("restore");
    assert_eq!(restored.kept, None, "there was no workbook to keep");
    assert_eq!(
        fs::read(restored.journal.expect("kept aside")).expect("read"),
        journal
    );
    assert_eq!(titles(&read(&paths)), Vec::<String>::new(), "the backup's");
}

#[test]
fn the_size_limit_counts_the_journal_with_the_workbook() {
    let (_dir, paths) = saved_today();
    let run = |limit: u64, args: &[&str]| {
        careerbook(&paths, args)
            .env("CAREERBOOK_DEBUG_MAX_BYTES", limit.to_string())
            .output()
            .expect("run")
    };
    let long = "Consolidated the cluster and cut its cost ".repeat(8);
    assert!(
        run(1 << 20, &["log", "starts the journal"])
            .status
            .success()
    );
    assert!(
        run(1 << 20, &["log", &long]).status.success(),
        "the quick way"
    );
    let (workbook, journal) = (
        fs::read(&paths.workbook).expect("read"),
        fs::read(&paths.journal).expect("read"),
    );
    // Each file fits; with one more long line the two would not.
    let limit = (workbook.len() + journal.len() + 100) as u64;
    let out = run(limit, &["log", &long]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("careerbook can open again"), "{err}");
    assert!(err.contains("was not written"), "{err}");
    assert_eq!(fs::read(&paths.workbook).expect("read"), workbook);
    assert_eq!(fs::read(&paths.journal).expect("read"), journal);
    let wins = run(limit, &["wins", "--format", "json"]);
    assert!(
        wins.status.success(),
        "what is there still opens: {}",
        stderr(&wins)
    );
    // A whole session counts them the same way.
    let out = run(limit, &["apply", "Acme", &long]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(fs::read(&paths.journal).expect("read"), journal);
}

#[test]
fn restoring_a_backup_keeps_the_journals_edits_in_the_copy_it_takes_first() {
    let (_dir, paths) = saved_today();
    log(&paths, "journal 1");
    log(&paths, "journal 2");
    let daily = backup::list(&paths)
        .expect("list")
        .into_iter()
        .find(|b| b.reason == backup::Reason::Auto)
        .expect("the day's backup");
    let restored = backup::restore(&paths, &daily.name).expect("restore");
    let kept = fs::read_to_string(restored.kept.expect("kept")).expect("read");
    assert!(
        kept.contains("journal 2"),
        "the copy holds the journal's edits:\n{kept}"
    );
    assert_eq!(
        restored.journal, None,
        "folded into the copy, not kept aside"
    );
    assert!(
        !paths.journal.exists(),
        "the journal went with the workbook it belonged to"
    );
    assert_eq!(titles(&read(&paths)), Vec::<String>::new(), "the backup's");
}

#[test]
fn twenty_careerbook_log_at_once_add_twenty_lines_under_the_ids_they_print() {
    let (_dir, paths) = saved_today();
    log(&paths, "starts the journal");
    let workbook = fs::read(&paths.workbook).expect("read");
    let runs: Vec<_> = (0..20)
        .map(|i| {
            careerbook(&paths, &["log", &format!("win {i:02}"), "--format", "json"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("run careerbook log")
        })
        .collect();
    let mut printed = BTreeSet::new();
    for run in runs {
        let out = run.wait_with_output().expect("wait");
        assert!(out.status.success(), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let id = json["id"].as_u64().expect("an id");
        printed.insert((id, json["title"].as_str().expect("a title").to_string()));
    }
    assert_eq!(printed.len(), 20);
    let stored: BTreeSet<(u64, String)> = read(&paths)
        .workbook()
        .impact
        .wins
        .iter()
        .filter(|w| w.title.starts_with("win "))
        .map(|w| (w.id, w.title.clone()))
        .collect();
    assert_eq!(stored, printed, "each printed id is the stored one");
    assert_eq!(journal_lines(&paths), 22);
    assert_eq!(fs::read(&paths.workbook).expect("read"), workbook);
}

/// Logs a win through the full-screen workbook, as a person would.
fn tui_logs(app: &mut App, title: &str) {
    press(app, "2 a");
    press(app, &format!("text:{title}"));
    press(app, "Enter");
    assert_eq!(app.popup_count(), 0, "the form was submitted");
}

#[test]
fn the_full_screen_workbook_picks_up_lines_commands_add_and_its_own_edits_merge() {
    let (_dir, paths) = saved_today();
    let mut app = App::new(open(&paths), today(), Theme::plain(), None);
    for title in ["from the shell 1", "from the shell 2"] {
        let out = careerbook(&paths, &["log", title]).output().expect("run");
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(journal_lines(&paths), 3);
    app.reload_if_changed();
    assert_eq!(
        app.status(),
        &Status::Info("reloaded: the workbook was changed elsewhere".into())
    );
    assert_eq!(
        titles(app.session()),
        ["first", "second", "from the shell 1", "from the shell 2"]
    );
    tui_logs(&mut app, "mine");
    assert!(
        !paths.journal.exists(),
        "its save wrote the journal's edits in"
    );
    assert_eq!(
        file_titles(&paths),
        [
            "first",
            "second",
            "from the shell 1",
            "from the shell 2",
            "mine"
        ]
    );
    // A line added after that, then a save with no reload first: merged.
    let out = careerbook(&paths, &["log", "from the shell 3"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    tui_logs(&mut app, "mine again");
    match app.status() {
        Status::Saved(text) => assert!(text.contains("merged"), "{text}"),
        other => panic!("saved and merged: {other:?}"),
    }
    let all = [
        "first",
        "second",
        "from the shell 1",
        "from the shell 2",
        "mine",
        "from the shell 3",
        "mine again",
    ];
    assert_eq!(file_titles(&paths), all);
    // A line added while it stays open is folded in as it closes.
    let out = careerbook(&paths, &["log", "from the shell 4"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(app.save_before_exit(), Ok(()));
    assert_eq!(app.fold_journal(), None);
    assert!(!paths.journal.exists());
    assert_eq!(file_titles(&paths).len(), all.len() + 1);
}

/// After a kill: the workbook and journal read as whole, and process `pid`'s
/// wins are exactly 1..=m, where m is the last it reported saved or the one
/// after (saved, then killed before it said so). No win is there twice.
fn check_after_kill(paths: &Paths, pid: u32, finished: u64, kill: usize) {
    let reading = Session::open(paths.clone(), OpenOptions::default())
        .unwrap_or_else(|e| panic!("kill {kill}: the files read after a kill: {e}"));
    let all = titles(&reading);
    let distinct: BTreeSet<&String> = all.iter().collect();
    assert_eq!(
        distinct.len(),
        all.len(),
        "kill {kill}: a win is there twice"
    );
    let prefix = format!("append {pid}-");
    let mut mine: Vec<u64> = all
        .iter()
        .filter_map(|t| t.strip_prefix(&prefix)?.parse().ok())
        .collect();
    mine.sort();
    let m = mine.len() as u64;
    assert_eq!(
        mine,
        (1..=m).collect::<Vec<_>>(),
        "kill {kill}: none missing between"
    );
    assert!(
        m == finished || m == finished + 1,
        "kill {kill}: {m} wins stored, the child had reported {finished}"
    );
    assert_eq!(
        strays_but_the_journal(paths),
        Vec::<PathBuf>::new(),
        "kill {kill}"
    );
}

/// Whether the journal is one a fold left behind: its last `Folded` line
/// names the workbook, so none of its edits apply.
fn inert_journal(paths: &Paths) -> bool {
    let (Ok(Some(bytes)), Ok(workbook)) =
        (journal::read(&paths.journal), fs::read(&paths.workbook))
    else {
        return false;
    };
    bytes.pending(&workbook).is_empty() && String::from_utf8_lossy(&bytes.bytes).contains("Folded(")
}

#[test]
fn sigkill_while_logging_loses_no_saved_win_and_doubles_none() {
    let (_dir, paths) = saved_today();
    let mut rng = fastrand::Rng::new();
    println!("random seed {}", rng.get_seed());
    let started = Instant::now();
    const KILLS: usize = 60;
    for kill in 0..KILLS {
        let (pid, saved) = kill_at_random(
            "append-loop",
            &paths.dir,
            &mut rng,
            Duration::from_millis(20),
        );
        let finished = saved.unwrap_or(0);
        check_after_kill(&paths, pid, finished, kill);
    }
    println!(
        "{KILLS} kills while logging in {:.1?}; the journal holds {} lines",
        started.elapsed(),
        journal_lines(&paths)
    );
}

#[test]
fn sigkill_while_folding_never_applies_the_journal_twice() {
    let (_dir, paths) = fresh();
    // A workbook of a few hundred wins, so that folding it takes a while.
    let mut tui = open(&paths);
    let edits = (0..400)
        .map(|n| Edit::Add(win(&format!("seed {n}")).into()))
        .collect();
    tui.apply(Edit::Batch(edits))
        .expect("valid")
        .saved
        .expect("saved");
    drop(tui);
    let mut rng = fastrand::Rng::new();
    println!("random seed {}", rng.get_seed());
    let started = Instant::now();
    let (mut inert, mut pending) = (0, 0);
    const KILLS: usize = 40;
    for kill in 0..KILLS {
        let (pid, saved) =
            kill_at_random("fold-loop", &paths.dir, &mut rng, Duration::from_millis(60));
        let finished = saved.unwrap_or(0);
        inert += usize::from(inert_journal(&paths));
        pending += usize::from(paths.journal.exists() && !inert_journal(&paths));
        check_after_kill(&paths, pid, finished, kill);
    }
    println!(
        "{KILLS} kills while folding in {:.1?}: {inert} left a folded journal not yet removed, \
         {pending} a journal not yet folded",
        started.elapsed()
    );
    // The next start takes whatever was left into the workbook, once.
    let wins = titles(&read(&paths));
    assert_eq!(titles(&open(&paths)), wins);
    assert!(!paths.journal.exists());
    assert_eq!(file_titles(&paths), wins);
}

/// A command session whose writes go through `disk`, over a workbook with
/// "first" and "second" saved today, and a journal holding "a" when
/// `with_journal`.
fn command_over(with_journal: bool) -> (tempfile::TempDir, Paths, Faulty, Session) {
    let (dir, paths) = saved_today();
    if with_journal {
        log(&paths, "a");
    }
    let disk = Faulty::default();
    let session = Session::open_with_disk(paths.clone(), command_options(), Box::new(disk.clone()))
        .expect("open");
    (dir, paths, disk, session)
}

/// The steps a save takes with a fresh `command_over(with_journal)`.
fn steps_of(with_journal: bool) -> Vec<String> {
    let (_dir, _paths, disk, mut session) = command_over(with_journal);
    disk.arm(None);
    add(&mut session, "pending");
    disk.steps()
}

fn cause_of(step: &str) -> std::io::Error {
    let full = step.starts_with("create") || step == "write";
    std::io::Error::from_raw_os_error(if full { ENOSPC } else { EIO })
}

#[test]
fn an_append_failing_at_any_step_keeps_both_files_and_a_retry_saves_it_once() {
    for with_journal in [true, false] {
        let steps = steps_of(with_journal);
        let expected: &[&str] = if with_journal {
            &["open to append workbook.journal", "write", "sync data"]
        } else {
            &[
                "create temp",
                "write",
                "sync",
                "rename to workbook.journal",
                "sync dir data",
            ]
        };
        assert_eq!(steps, expected, "with a journal already: {with_journal}");
        let before = if with_journal {
            vec!["first", "second", "a"]
        } else {
            vec!["first", "second"]
        };
        for n in 0..steps.len() {
            let (_dir, paths, disk, mut session) = command_over(with_journal);
            let (workbook, journal) = (
                fs::read(&paths.workbook).expect("read"),
                fs::read(&paths.journal).ok(),
            );
            disk.arm(Some(n));
            let applied = session
                .apply(Edit::Add(win("pending").into()))
                .expect("valid");
            let context = format!("failing {} of {steps:?}", steps[n]);
            let err = applied.saved.expect_err(&context);
            assert!(
                err.to_string().contains(&cause_of(&steps[n]).to_string()),
                "{err} ({context})"
            );
            let named = if steps[n] == "sync dir data" {
                "data"
            } else {
                "workbook.journal"
            };
            assert!(err.to_string().contains(named), "names the file: {err}");
            assert_eq!(
                fs::read(&paths.workbook).expect("read"),
                workbook,
                "{context}"
            );
            let on_disk = titles(&read(&paths));
            if steps[n] == "sync dir data" {
                // The new journal is in place; only its name's flush failed.
                assert_eq!(on_disk, [&before[..], &["pending"]].concat(), "{context}");
            } else {
                assert_eq!(
                    fs::read(&paths.journal).ok(),
                    journal,
                    "cut back: {context}"
                );
                assert_eq!(on_disk, before, "{context}");
            }
            assert_eq!(
                strays_but_the_journal(&paths),
                Vec::<PathBuf>::new(),
                "{context}"
            );
            assert_eq!(session.unsaved(), 1, "{context}");
            session.retry_save().expect(&context);
            assert_eq!(
                titles(&read(&paths)),
                [&before[..], &["pending"]].concat(),
                "saved once: {context}"
            );
        }
    }
}

#[test]
fn a_quick_add_failing_at_any_step_changes_nothing_and_a_retry_adds_it_once() {
    let (_dir, paths) = saved_today();
    log(&paths, "a");
    let disk = Faulty::default();
    let Quick::Saved(_) =
        quick::add_with_disk(&paths, win("b").into(), today(), &disk).expect("adds")
    else {
        panic!("added the quick way")
    };
    let steps = disk.steps();
    assert_eq!(
        steps,
        ["open to append workbook.journal", "write", "sync data"]
    );
    for (n, step) in steps.iter().enumerate() {
        let journal = fs::read(&paths.journal).expect("read");
        disk.arm(Some(n));
        let err = quick::add_with_disk(&paths, win("c").into(), today(), &disk).unwrap_err();
        assert!(
            err.to_string().contains(&cause_of(step).to_string()),
            "{err}"
        );
        assert_eq!(
            fs::read(&paths.journal).expect("read"),
            journal,
            "cut back after {step}"
        );
    }
    log(&paths, "c");
    assert_eq!(titles(&read(&paths)), ["first", "second", "a", "b", "c"]);
}

#[test]
fn a_fold_failing_at_any_step_never_loses_or_doubles_an_edit() {
    // The full-screen workbook is open; a command adds to the journal; then
    // the full-screen workbook saves, folding the journal in.
    let setup = || {
        let (dir, paths) = saved_today();
        let disk = Faulty::default();
        let session = Session::open_with_disk(
            paths.clone(),
            crate::support::tui_options(),
            Box::new(disk.clone()),
        )
        .expect("open");
        log(&paths, "from the shell");
        (dir, paths, disk, session)
    };
    let steps = {
        let (_dir, _paths, disk, mut session) = setup();
        disk.arm(None);
        add(&mut session, "pending");
        disk.steps()
    };
    assert_eq!(
        steps,
        [
            "create temp",
            "write",
            "sync",
            "open to append workbook.journal",
            "write",
            "sync data",
            "rename to workbook.ron",
            "sync dir data",
            "remove workbook.journal",
        ]
    );
    let before = ["first", "second", "from the shell"];
    let after = ["first", "second", "from the shell", "pending"];
    for n in 0..steps.len() {
        let (_dir, paths, disk, mut session) = setup();
        disk.arm(Some(n));
        let applied = session
            .apply(Edit::Add(win("pending").into()))
            .expect("valid");
        let context = format!("failing step {n} ({}) of {steps:?}", steps[n]);
        let renamed = steps[..n].iter().any(|s| s == "rename to workbook.ron");
        if steps[n] == "remove workbook.journal" {
            let saved = applied.saved.expect(&context);
            let note = saved
                .backup_failed
                .expect("the leftover journal is mentioned");
            assert!(note.contains("could not be removed"), "{note}");
            assert!(inert_journal(&paths), "{context}");
        } else {
            let err = applied.saved.expect_err(&context);
            assert!(
                err.to_string().contains(&cause_of(&steps[n]).to_string()),
                "{err} ({context})"
            );
            assert_eq!(session.unsaved(), 1, "{context}");
        }
        let on_disk = titles(&read(&paths));
        assert_eq!(
            on_disk,
            if renamed { &after[..] } else { &before[..] },
            "{context}"
        );
        assert_eq!(
            strays_but_the_journal(&paths),
            Vec::<PathBuf>::new(),
            "{context}"
        );
        session.retry_save().expect(&context);
        assert_eq!(titles(&read(&paths)), after, "saved once: {context}");
        // The next start leaves one file holding each edit once.
        assert_eq!(titles(&open(&paths)), after, "{context}");
        assert!(!paths.journal.exists(), "{context}");
        assert_eq!(file_titles(&paths), after, "{context}");
    }
}
