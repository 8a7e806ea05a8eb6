//! Attacks on the store: every test here tries to make careerbook lose or
//! corrupt a workbook, and checks that it does not.

mod common;

use careerbook::domain::edit::{Edit, Kind};
use careerbook::store::{OpenOptions, Paths, Session, StoreError, backup, file};
use chrono::NaiveDate;
use common::disk::EditorWritesDuringFlush;
use common::store::{COMMAND, TUI, add, fresh, titles, tui_like, win};
use std::fs;
use std::os::unix::fs::PermissionsExt;

#[test]
fn round_trip_keeps_every_field() {
    let (_dir, paths) = fresh();
    let mut session = tui_like(&paths);
    add(&mut session, "Cut EC2 spend");
    let expected = session.workbook().clone();
    let reopened = tui_like(&paths);
    assert_eq!(reopened.workbook(), &expected);
    let text = fs::read_to_string(&paths.workbook).expect("read");
    assert!(
        text.starts_with("(\n    version: 2,"),
        "version comes first:\n{text}"
    );
}

#[test]
fn first_open_creates_an_empty_workbook_but_reading_commands_do_not() {
    let (_dir, paths) = fresh();
    Session::open(paths.clone(), OpenOptions::default()).expect("read-only open");
    assert!(
        !paths.workbook.exists(),
        "a read-only command must not create the file"
    );
    tui_like(&paths);
    assert!(paths.workbook.exists());
}

fn assert_refused_untouched(paths: &Paths, bytes: &[u8]) {
    fs::create_dir_all(&paths.dir).expect("dir");
    fs::write(&paths.workbook, bytes).expect("seed");
    let err = Session::open(paths.clone(), COMMAND).unwrap_err();
    assert!(
        matches!(err, StoreError::Damaged { .. }),
        "expected Damaged, got {err:?}"
    );
    assert!(
        err.to_string().contains("line"),
        "the message names a position: {err}"
    );
    assert_eq!(
        fs::read(&paths.workbook).expect("read"),
        bytes,
        "the file must be left exactly as it was"
    );
}

#[test]
fn a_truncated_file_is_refused_and_left_alone() {
    let (_dir, paths) = fresh();
    let mut session = tui_like(&paths);
    add(&mut session, "one");
    let full = fs::read(&paths.workbook).expect("read");
    assert_refused_untouched(&paths, &full[..full.len() / 2]);
}

#[test]
fn garbage_and_empty_files_are_refused_and_left_alone() {
    let (_dir, paths) = fresh();
    assert_refused_untouched(&paths, b"\x00\x01\xff\xfe not ron at all");
    assert_refused_untouched(&paths, b"");
    assert_refused_untouched(&paths, b"(version: 2, next_id: 1, surprise: true)");
}

#[test]
fn a_damaged_file_names_the_newest_good_backup() {
    let (_dir, paths) = fresh();
    let mut session = tui_like(&paths);
    add(&mut session, "one");
    add(&mut session, "two"); // the first save of the day backed up the file as it was
    drop(session);
    fs::write(&paths.workbook, b"(version: 2, next_id: ").expect("damage");
    let err = tui_like_err(&paths);
    match err {
        StoreError::Damaged {
            backup: Some(path), ..
        } => assert!(backup::is_good(&path)),
        other => panic!("expected a damaged error naming a backup, got {other:?}"),
    }
}

fn tui_like_err(paths: &Paths) -> StoreError {
    Session::open(paths.clone(), TUI).unwrap_err()
}

#[test]
fn a_newer_version_opens_read_only_and_stays_byte_identical() {
    let (_dir, paths) = fresh();
    fs::create_dir_all(&paths.dir).expect("dir");
    let newer = b"(\n    version: 99,\n    next_id: 3,\n)\n";
    fs::write(&paths.workbook, newer).expect("seed");
    let mut session = tui_like(&paths);
    assert!(
        session
            .read_only()
            .is_some_and(|r| r.contains("newer careerbook"))
    );
    let applied = session
        .apply(Edit::Add(win("x").into()))
        .expect("edit accepted in memory");
    assert!(matches!(applied.saved, Err(StoreError::ReadOnly { .. })));
    assert!(session.retry_save().is_ok() || session.unsaved() > 0);
    drop(session);
    assert_eq!(fs::read(&paths.workbook).expect("read"), newer);
}

#[test]
fn a_newer_version_with_unknown_fields_is_refused_and_untouched() {
    let (_dir, paths) = fresh();
    fs::create_dir_all(&paths.dir).expect("dir");
    let newer = b"(version: 3, next_id: 1, pets: [\"cat\"])";
    fs::write(&paths.workbook, newer).expect("seed");
    let err = tui_like_err(&paths);
    assert!(matches!(err, StoreError::Newer { found: 3, .. }), "{err:?}");
    assert_eq!(fs::read(&paths.workbook).expect("read"), newer);
}

#[test]
fn a_change_saved_elsewhere_between_load_and_save_is_kept() {
    let (_dir, paths) = fresh();
    let mut tui = tui_like(&paths);
    add(&mut tui, "mine before");
    let mut cli = Session::open(paths.clone(), COMMAND).expect("cli open");
    add(&mut cli, "from the shell");
    drop(cli);
    let applied = tui
        .apply(Edit::Add(win("mine after").into()))
        .expect("edit");
    let saved = applied.saved.expect("saved");
    assert!(saved.merged, "the save noticed the other writer");
    assert_eq!(
        titles(&tui),
        ["mine before", "from the shell", "mine after"]
    );
    let on_disk = tui_like(&paths);
    assert_eq!(
        titles(&on_disk),
        ["mine before", "from the shell", "mine after"]
    );
    // The two processes both handed out an id; re-applying ours gave it a fresh one.
    let ids: Vec<u64> = on_disk
        .workbook()
        .impact
        .wins
        .iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(ids, [1, 2, 3]);
}

#[test]
fn undo_after_a_merge_removes_only_our_record() {
    let (_dir, paths) = fresh();
    let mut tui = tui_like(&paths);
    let mut cli = Session::open(paths.clone(), COMMAND).expect("cli");
    add(&mut cli, "from the shell"); // gets id 1 on disk
    drop(cli);
    add(&mut tui, "mine"); // allocated id 1 in memory, re-applied as id 2
    tui.undo()
        .expect("something to undo")
        .expect("valid")
        .saved
        .expect("saved");
    assert_eq!(titles(&tui_like(&paths)), ["from the shell"]);
}

#[test]
fn twenty_writers_at_once_keep_all_twenty() {
    let (_dir, paths) = fresh();
    tui_like(&paths);
    let handles: Vec<_> = (0..20)
        .map(|i| {
            let paths = paths.clone();
            std::thread::spawn(move || {
                let mut s = Session::open(paths, COMMAND).expect("open");
                add(&mut s, &format!("win {i}"));
            })
        })
        .collect();
    for h in handles {
        h.join().expect("writer thread");
    }
    let session = tui_like(&paths);
    let mut got = titles(&session);
    got.sort();
    let mut want: Vec<String> = (0..20).map(|i| format!("win {i}")).collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn a_failed_save_keeps_the_edit_in_memory_until_a_later_save_works() {
    let (_dir, paths) = fresh();
    let mut session = tui_like(&paths);
    add(&mut session, "saved");
    // Make the next save fail: the workbook path becomes a directory.
    fs::remove_file(&paths.workbook).expect("remove");
    fs::create_dir(&paths.workbook).expect("block the path");
    let applied = session
        .apply(Edit::Add(win("pending").into()))
        .expect("edit");
    assert!(
        applied.saved.is_err(),
        "the failure is reported, not swallowed"
    );
    assert_eq!(session.unsaved(), 1);
    assert_eq!(
        titles(&session),
        ["saved", "pending"],
        "the edit stays in memory"
    );
    let leftovers: Vec<_> = fs::read_dir(&paths.dir)
        .expect("list")
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".workbook.ron.tmp")
        })
        .collect();
    assert!(leftovers.is_empty(), "no temp file is left behind");
    fs::remove_dir(&paths.workbook).expect("unblock");
    session.retry_save().expect("retry works");
    assert_eq!(session.unsaved(), 0);
    assert_eq!(titles(&tui_like(&paths)), ["saved", "pending"]);
}

#[test]
fn files_are_owner_only_after_every_save_and_backup() {
    let (_dir, paths) = fresh();
    let mut session = tui_like(&paths);
    add(&mut session, "one");
    add(&mut session, "two");
    let mode = |p: &std::path::Path| fs::metadata(p).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode(&paths.dir), 0o700);
    assert_eq!(mode(&paths.backups), 0o700);
    assert_eq!(mode(&paths.workbook), 0o600);
    assert_eq!(mode(&paths.lock), 0o600);
    let backups = backup::list(&paths).expect("list");
    assert!(
        !backups.is_empty(),
        "the first save of the day took a backup"
    );
    for b in backups {
        assert_eq!(mode(&b.path), 0o600, "{}", b.name);
    }
}

#[test]
fn an_existing_data_directory_keeps_its_mode_and_a_loose_one_is_warned_about() {
    // A shared directory such as /tmp: sticky and world-writable. careerbook
    // must not take the sticky bit away or shut others out of it.
    let (_dir, paths) = fresh();
    fs::create_dir_all(&paths.dir).expect("dir");
    fs::set_permissions(&paths.dir, fs::Permissions::from_mode(0o1777)).expect("share");
    let mut session = tui_like(&paths);
    add(&mut session, "saved into a shared directory");
    assert_eq!(
        fs::metadata(&paths.dir).expect("stat").permissions().mode() & 0o7777,
        0o1777,
        "the sticky bit and the mode stay"
    );
    let warning = session.loose_directory().expect("warned");
    assert!(warning.contains("mode 1777"), "{warning}");
    // careerbook's own files and backups/ are still owner-only.
    let mode = |p: &std::path::Path| fs::metadata(p).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode(&paths.workbook), 0o600);
    assert_eq!(mode(&paths.backups), 0o700);
}

#[test]
fn a_linked_data_directory_leaves_the_target_mode_alone() {
    let (dir, paths) = fresh();
    let real = dir.path().join("synced");
    fs::create_dir_all(&real).expect("dir");
    fs::set_permissions(&real, fs::Permissions::from_mode(0o750)).expect("mode");
    std::os::unix::fs::symlink(&real, &paths.dir).expect("link");
    let mut session = tui_like(&paths);
    add(&mut session, "saved through a link");
    assert_eq!(
        fs::metadata(&real).expect("stat").permissions().mode() & 0o777,
        0o750
    );
    assert!(
        fs::symlink_metadata(&paths.dir)
            .expect("stat")
            .file_type()
            .is_symlink()
    );
    assert!(real.join("workbook.ron").exists());
}

#[test]
fn a_new_data_directory_is_created_owner_only() {
    let (_dir, paths) = fresh();
    let mut session = tui_like(&paths);
    add(&mut session, "first");
    assert_eq!(
        fs::metadata(&paths.dir).expect("stat").permissions().mode() & 0o777,
        0o700
    );
    assert!(session.notes.is_empty(), "{:?}", session.notes);
    assert_eq!(session.loose_directory(), None);
}

#[test]
fn stale_temp_files_are_swept_at_start() {
    let (_dir, paths) = fresh();
    tui_like(&paths);
    let stale = paths.dir.join(".workbook.ron.tmp.999.123");
    fs::write(&stale, b"half a save").expect("seed");
    let session = Session::open(paths.clone(), OpenOptions::default()).expect("open");
    assert!(!stale.exists(), "swept even by a reading command");
    assert!(session.notes.iter().any(|n| n.contains("temporary")));
}

#[test]
fn undo_goes_back_twenty_levels_and_is_saved() {
    let (_dir, paths) = fresh();
    let mut session = tui_like(&paths);
    for i in 0..25 {
        add(&mut session, &format!("w{i}"));
    }
    for _ in 0..20 {
        session
            .undo()
            .expect("more to undo")
            .expect("valid")
            .saved
            .expect("saved");
    }
    assert_eq!(titles(&tui_like(&paths)), ["w0", "w1", "w2", "w3", "w4"]);
}

#[test]
fn remove_and_undo_restore_the_record_in_place() {
    let (_dir, paths) = fresh();
    let mut session = tui_like(&paths);
    for t in ["a", "b", "c"] {
        add(&mut session, t);
    }
    session
        .apply(Edit::Remove(Kind::Win, 2))
        .expect("remove")
        .saved
        .expect("saved");
    assert_eq!(titles(&tui_like(&paths)), ["a", "c"]);
    session
        .undo()
        .expect("undo")
        .expect("valid")
        .saved
        .expect("saved");
    assert_eq!(titles(&tui_like(&paths)), ["a", "b", "c"]);
}

#[test]
fn oversized_files_are_refused_without_reading_them() {
    let (_dir, paths) = fresh();
    fs::create_dir_all(&paths.dir).expect("dir");
    let f = fs::File::create(&paths.workbook).expect("create");
    f.set_len(file::MAX_BYTES + 1).expect("sparse file");
    let err = tui_like_err(&paths);
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err:?}");
    assert_eq!(
        fs::metadata(&paths.workbook).expect("stat").len(),
        file::MAX_BYTES + 1
    );
}

#[test]
fn duplicate_ids_from_a_hand_edit_are_refused() {
    let (_dir, paths) = fresh();
    fs::create_dir_all(&paths.dir).expect("dir");
    let text = r#"(version: 2, next_id: 1, impact: (wins: [
        (id: 4, date: "2026-11-02", title: "a", category: other),
        (id: 4, date: "2026-11-03", title: "b", category: other),
    ]))"#;
    fs::write(&paths.workbook, text).expect("seed");
    let err = tui_like_err(&paths);
    assert!(
        err.to_string().contains("two win records have id 4"),
        "{err}"
    );
}

#[test]
fn a_hand_edited_low_counter_never_hands_out_a_used_id() {
    let (_dir, paths) = fresh();
    fs::create_dir_all(&paths.dir).expect("dir");
    let text = r#"(version: 2, next_id: 1, impact: (wins: [(id: 7, date: "2026-11-02", title: "a", category: other)]))"#;
    fs::write(&paths.workbook, text).expect("seed");
    let mut session = tui_like(&paths);
    add(&mut session, "new");
    let ids: Vec<u64> = session
        .workbook()
        .impact
        .wins
        .iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(ids, [7, 8]);
}

#[test]
fn the_demo_workbook_loads_with_the_current_schema_and_is_valid() {
    use careerbook::store::{demo::DEMO_RON, file::Parsed};
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
    let parsed = file::parse(std::path::Path::new("demo.ron"), DEMO_RON.as_bytes(), &[])
        .expect("demo parses");
    let Parsed::Current(wb) = parsed else {
        panic!("the demo must be the current format version")
    };
    for win in &wb.impact.wins {
        win.validate(today).expect("every demo win is valid");
    }
    wb.runway.validate().expect("runway section is valid");
    wb.vesting
        .validate(today)
        .expect("vesting section is valid");
    wb.pipeline.validate().expect("pipeline section is valid");
    wb.now.validate(today).expect("now section is valid");
    assert!(wb.impact.wins.len() >= 20, "wins over several months");
    assert!(!wb.runway.accounts.is_empty() && !wb.vesting.grants.is_empty());
    assert!(!wb.pipeline.applications.is_empty() && !wb.pipeline.contacts.is_empty());
}

/// A hand edit of the same size: the session keeps a digest of the bytes it
/// read, not the bytes, and must still tell the edit from its own file.
fn edit_keeping_the_length(paths: &Paths, from: &str, to: &str) -> String {
    let before = fs::read_to_string(&paths.workbook).expect("read");
    let edited = before.replacen(from, to, 1);
    assert_ne!(edited, before);
    assert_eq!(edited.len(), before.len());
    fs::write(&paths.workbook, &edited).expect("hand edit");
    edited
}

#[test]
fn a_hand_edit_that_keeps_the_files_size_is_merged_not_overwritten() {
    let (_dir, paths) = fresh();
    let mut session = tui_like(&paths);
    add(&mut session, "alpha");
    add(&mut session, "bravo");
    edit_keeping_the_length(&paths, "bravo", "BRAVO");
    let applied = session
        .apply(Edit::Add(win("charlie").into()))
        .expect("valid edit");
    let saved = applied.saved.expect("saved");
    assert!(saved.merged, "the hand edit was seen and merged");
    assert_eq!(titles(&session), ["alpha", "BRAVO", "charlie"]);
    assert_eq!(titles(&tui_like(&paths)), ["alpha", "BRAVO", "charlie"]);
}

#[test]
fn a_hand_edit_that_keeps_the_files_size_is_shown_on_refresh() {
    let (_dir, paths) = fresh();
    let mut session = tui_like(&paths);
    add(&mut session, "alpha");
    edit_keeping_the_length(&paths, "alpha", "ALPHA");
    assert!(session.refresh().expect("refresh").is_some());
    assert_eq!(titles(&session), ["ALPHA"]);
}

#[test]
fn the_days_backup_holds_the_file_as_it_was_just_before_the_first_save() {
    let (_dir, paths) = fresh();
    add(&mut tui_like(&paths), "alpha");
    // No backup yet today, then a hand edit while the workbook is open:
    // the backup is read from the file again, and must be the edited file,
    // not the one the session first read nor a mix of the two.
    fs::remove_dir_all(&paths.backups).expect("no backups yet");
    let mut session = tui_like(&paths);
    let edited = edit_keeping_the_length(&paths, "alpha", "ALPHA");
    add(&mut session, "bravo");
    let backups = backup::list(&paths).expect("list");
    let [daily] = backups.as_slice() else {
        panic!("one backup: {backups:?}");
    };
    assert_eq!(fs::read_to_string(&daily.path).expect("read"), edited);
    assert_eq!(titles(&tui_like(&paths)), ["ALPHA", "bravo"]);
}

/// A window over `paths` whose saves go through `disk`, with "alpha" saved
/// (and the day's backup taken, so a save reads nothing more).
fn window_over(paths: &Paths, disk: &EditorWritesDuringFlush) -> Session {
    add(&mut tui_like(paths), "alpha");
    let options = TUI;
    Session::open_with_disk(paths.clone(), options, Box::new(disk.clone())).expect("open")
}

/// Saves `title` while an editor writes "ALPHA" over "alpha"; the save must
/// stop, saying why.
fn save_during_an_editors_write(window: &mut Session, disk: &EditorWritesDuringFlush, title: &str) {
    disk.plan(&window.paths().workbook, "\"alpha\"", "\"ALPHA\"");
    let saved = window
        .apply(Edit::Add(win(title).into()))
        .expect("valid edit")
        .saved;
    assert!(
        matches!(saved, Err(StoreError::ChangedWhileSaving { .. })),
        "the save stops, saying why: {saved:?}"
    );
}

#[test]
fn a_program_writing_without_the_lock_while_a_save_flushes_is_not_overwritten() {
    let (_dir, paths) = fresh();
    let disk = EditorWritesDuringFlush::default();
    let mut window = window_over(&paths, &disk);
    save_during_an_editors_write(&mut window, &disk, "bravo");
    let on_disk = fs::read_to_string(&paths.workbook).expect("read");
    assert!(
        on_disk.contains("\"ALPHA\""),
        "the editor's change stays:\n{on_disk}"
    );
    assert_eq!(window.unsaved(), 1, "bravo is kept in memory");
    assert!(!file::has_temp_files(&paths), "the staged copy is removed");
    // The next save merges the two.
    window.retry_save().expect("saved");
    assert_eq!(titles(&tui_like(&paths)), ["ALPHA", "bravo"]);
}

#[test]
fn a_program_writing_without_the_lock_while_a_save_folds_the_journal_loses_nothing() {
    let (_dir, paths) = fresh();
    let disk = EditorWritesDuringFlush::default();
    let mut window = window_over(&paths, &disk);
    // `careerbook log "bravo"` adds a line to the journal.
    let mut command = Session::open(paths.clone(), COMMAND).expect("open");
    add(&mut command, "bravo");
    drop(command);
    assert!(paths.journal.exists(), "bravo is in the journal");
    // The window saves the whole file, folding the journal in.
    save_during_an_editors_write(&mut window, &disk, "charlie");
    assert_eq!(titles(&tui_like(&paths)), ["ALPHA", "bravo"]);
    window.retry_save().expect("saved");
    assert_eq!(titles(&tui_like(&paths)), ["ALPHA", "bravo", "charlie"]);
    assert_eq!(titles(&window), ["ALPHA", "bravo", "charlie"]);
}
