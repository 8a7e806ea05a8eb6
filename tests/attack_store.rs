//! Adversarial tests of the store's digest change and of the quick parallel
//! reader. Every test but two failed when it was written: a rescue that
//! lost its base (restore then replaced the workbook instead of merging), a
//! save that overwrote a change its own backup had just seen, a window that
//! retired a command's journal over a vanished workbook, a pre-import backup
//! taken by an ordinary edit, the quick reader reading a win out of a
//! conflict's hand-laid value or a line ron refuses, and a panic where no
//! thread could be started.
//! `hand_layouts_…` and `text_laid_out_like_wins_…` keep what held up: the
//! latter fails if any of the quick reader's guards against strings and
//! depth is taken out.

mod common;

use careerbook::domain::edit::Edit;
use careerbook::domain::impact::Win;
use careerbook::domain::workbook::Workbook;
use careerbook::store::disk::{Disk, RealDisk};
use careerbook::store::{Paths, Session, backup, file, migrate};
use common::store::{COMMAND, TUI, add, fresh, sorted_titles, tui_like, win};
use std::fs;
use std::fs::File;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// careerbook's own text for a workbook of `n` wins: large enough for the
/// quick parallel reader.
fn big_text(n: u64) -> String {
    let mut wb = Workbook::default();
    for id in 1..=n {
        wb.impact.wins.push(Win {
            id,
            ..win(&format!("win {id}"))
        });
    }
    wb.next_id = n + 1;
    String::from_utf8(file::to_bytes(&wb).expect("writes")).expect("utf-8")
}

/// What careerbook reads, the workbook or the error's text.
fn careerbook_reads(text: &str) -> Result<Workbook, String> {
    match file::parse(Path::new("workbook.ron"), text.as_bytes(), migrate::STEPS) {
        Ok(file::Parsed::Current(wb)) => Ok(wb),
        Ok(other) => Err(format!("not current: {other:?}")),
        Err(e) => Err(e.to_string()),
    }
}

/// What ron itself reads (then settled as careerbook settles any file).
fn ron_reads(text: &str) -> Result<Workbook, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut wb: Workbook = ron::Options::default()
        .from_str(text)
        .map_err(|e| e.to_string())?;
    wb.settle().map_err(|e| e.to_string())?;
    Ok(wb)
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .expect("name")
        .to_string()
}

// ---------------------------------------------------------------------------
// A rescue backup ("unsaved") is kept beside the file its edits started from
// ("unsaved-base"), so that `restore` merges them into whatever the workbook
// became since. The session now re-reads that base from disk and gives up on
// it when the file changed: exactly when a merge is needed.
// ---------------------------------------------------------------------------

#[test]
fn a_rescue_after_a_hand_edit_broke_the_file_is_merged_by_restore_not_replacing_it() {
    let (_dir, paths) = fresh();
    let mut session = tui_like(&paths);
    add(&mut session, "alpha");
    let good = fs::read_to_string(&paths.workbook).expect("read");
    // The person edits workbook.ron in an editor while careerbook is open,
    // and saves it half-done: a comma missing.
    fs::write(
        &paths.workbook,
        good.replacen("version: 2,", "version: 2", 1),
    )
    .expect("hand edit");
    let applied = session
        .apply(Edit::Add(win("bravo").into()))
        .expect("valid edit");
    assert!(
        applied.saved.is_err(),
        "a damaged file is never overwritten"
    );
    // careerbook closes: the unsaved edit is kept as a backup.
    let rescued = session.rescue().expect("rescued");
    drop(session);
    let base = rescued.with_file_name(name_of(&rescued).replace(".ron", "-base.ron"));
    // The person finishes the hand edit: the comma back, alpha retitled.
    fs::write(&paths.workbook, good.replacen("\"alpha\"", "\"ALPHA\"", 1)).expect("fixed");
    let restored = backup::restore(&paths, &name_of(&rescued)).expect("restore");
    assert!(
        base.exists(),
        "the rescue kept no base ({}), so restore replaced the workbook",
        base.display()
    );
    assert!(restored.merged.is_some(), "merged, not replaced");
    assert_eq!(sorted_titles(&tui_like(&paths)), ["ALPHA", "bravo"]);
}

/// A disk on which every whole-file save of the workbook fails (its new
/// file cannot be put in place): this careerbook cannot save, another can.
#[derive(Debug)]
struct CannotSave;

impl Disk for CannotSave {
    fn create_new(&self, path: &Path) -> io::Result<File> {
        RealDisk.create_new(path)
    }
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        RealDisk.write_all(file, bytes)
    }
    fn sync_file(&self, file: &File) -> io::Result<()> {
        RealDisk.sync_file(file)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        if name_of(to) == "workbook.ron" {
            return Err(io::Error::from_raw_os_error(5));
        }
        RealDisk.rename(from, to)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        RealDisk.sync_dir(dir)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        RealDisk.remove_file(path)
    }
}

#[test]
fn a_rescue_after_another_careerbook_saved_is_merged_by_restore_not_replacing_it() {
    let (_dir, paths) = fresh();
    add(&mut tui_like(&paths), "alpha");
    let mut stuck =
        Session::open_with_disk(paths.clone(), TUI, Box::new(CannotSave)).expect("open");
    let applied = stuck
        .apply(Edit::Add(win("bravo").into()))
        .expect("valid edit");
    assert!(applied.saved.is_err(), "this one cannot save");
    // Meanwhile another window saves (and so rewrites the file whole).
    add(&mut tui_like(&paths), "charlie");
    let rescued = stuck.rescue().expect("rescued");
    drop(stuck);
    let restored = backup::restore(&paths, &name_of(&rescued)).expect("restore");
    assert!(restored.merged.is_some(), "merged, not replaced");
    assert_eq!(
        sorted_titles(&tui_like(&paths)),
        ["alpha", "bravo", "charlie"],
        "the other window's win survives the restore"
    );
}

// ---------------------------------------------------------------------------
// The daily backup re-reads the file and refuses when it changed: the save
// then goes on and overwrites that very change, saying only that the backup
// failed.
// ---------------------------------------------------------------------------

/// A disk that, once the pre-import backup is in place, lets another program
/// (an editor, a sync tool) write the workbook in place.
#[derive(Debug, Clone, Default)]
struct EditsDuringBackup(Arc<Mutex<Option<(PathBuf, String)>>>);

impl Disk for EditsDuringBackup {
    fn create_new(&self, path: &Path) -> io::Result<File> {
        RealDisk.create_new(path)
    }
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        RealDisk.write_all(file, bytes)
    }
    fn sync_file(&self, file: &File) -> io::Result<()> {
        RealDisk.sync_file(file)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        RealDisk.rename(from, to)?;
        if name_of(to).contains("pre-import")
            && let Some((workbook, text)) = self.0.lock().expect("plan").take()
        {
            let now = fs::read_to_string(&workbook)?;
            fs::write(
                &workbook,
                now.replacen("\"alpha\"", &format!("\"{text}\""), 1),
            )?;
        }
        Ok(())
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        RealDisk.sync_dir(dir)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        RealDisk.remove_file(path)
    }
}

#[test]
fn a_hand_edit_the_daily_backup_saw_is_not_then_overwritten_by_the_save() {
    let (_dir, paths) = fresh();
    add(&mut tui_like(&paths), "alpha");
    fs::remove_dir_all(&paths.backups).expect("no backup yet today");
    let disk = EditsDuringBackup::default();
    let mut session =
        Session::open_with_disk(paths.clone(), TUI, Box::new(disk.clone())).expect("open");
    *disk.0.lock().expect("plan") = Some((paths.workbook.clone(), "ALPHA".into()));
    let import = Edit::Batch(
        (0..1_000)
            .map(|n| Edit::Add(win(&format!("imported {n:04}")).into()))
            .collect(),
    );
    let saved = session.apply(import).expect("valid").saved;
    let on_disk = fs::read_to_string(&paths.workbook).expect("read");
    let in_a_backup = backup::list(&paths)
        .expect("list")
        .iter()
        .any(|b| fs::read_to_string(&b.path).is_ok_and(|t| t.contains("\"ALPHA\"")));
    assert!(
        on_disk.contains("\"ALPHA\"") || in_a_backup || saved.is_err(),
        "the hand edit is gone from the file and from every backup; the save said: {saved:?}"
    );
}

// ---------------------------------------------------------------------------
// A workbook that vanished while the full-screen workbook was open: its save
// writes the workbook back and retires the journal, with edits a command
// saved in it that this window never saw.
// ---------------------------------------------------------------------------

#[test]
fn a_commands_saved_edit_survives_a_window_saving_over_a_vanished_workbook() {
    let (_dir, paths) = fresh();
    add(&mut tui_like(&paths), "alpha");
    let mut window = tui_like(&paths);
    // `careerbook log "bravo"`: a command appends to the journal.
    let mut command = Session::open(paths.clone(), COMMAND).expect("open");
    add(&mut command, "bravo");
    drop(command);
    assert!(paths.journal.exists(), "saved in the journal");
    // The workbook goes away (moved aside, a sync tool), the window saves.
    let moved = paths.dir.join("moved-aside.ron");
    fs::rename(&paths.workbook, &moved).expect("vanish");
    let saved = window
        .apply(Edit::Add(win("charlie").into()))
        .expect("valid edit")
        .saved;
    assert!(
        matches!(saved, Err(careerbook::store::StoreError::Orphaned { .. })),
        "refused, saying the workbook is missing and its journal holds edits: {saved:?}"
    );
    assert_eq!(window.unsaved(), 1, "charlie is kept in memory");
    let kept_somewhere = backup::list(&paths)
        .expect("list")
        .iter()
        .map(|b| b.path.clone())
        .chain([paths.workbook.clone(), paths.journal.clone()])
        .any(|p| fs::read_to_string(p).is_ok_and(|t| t.contains("bravo")));
    assert!(
        kept_somewhere,
        "the command said \"bravo\" was saved; it is in no file careerbook reads or restores"
    );
}

// ---------------------------------------------------------------------------
// The quick parallel reader must read what ron reads, or nothing.
// ---------------------------------------------------------------------------

#[test]
fn the_quick_reader_never_turns_text_inside_a_conflict_into_a_win() {
    // A conflict's values are free-form (any RON value). Laid out by hand
    // over several lines, one holds text shaped like careerbook's wins list.
    let conflict = r#"    conflicts: [
        (
            id: 9001,
            about: Record(Win, 1),
            date: "2026-11-20",
            fields: [(
                field: "notes",
                base: "old note",
                kept: "kept note",
                set_aside: (
    impact: (
        wins: [
            (id: 5000, date: "2026-11-20", title: "not a win: text inside a conflict", category: cost_savings),
        ],
    ),
                ),
            )],
        ),
    ],
)
"#;
    let text = big_text(4_100);
    let text = text
        .strip_suffix(")\n")
        .expect("ends the workbook")
        .to_string()
        + conflict;
    let ron = ron_reads(&text).expect("ron reads it");
    assert_eq!(ron.impact.wins.len(), 4_100);
    let read = careerbook_reads(&text).expect("careerbook reads it");
    assert_eq!(
        read.impact.wins.len(),
        4_100,
        "a win appeared from inside the conflict"
    );
    assert_eq!(read, ron);
}

#[test]
fn the_quick_reader_refuses_what_ron_refuses() {
    let text = big_text(4_100);
    let line = text
        .lines()
        .find(|l| l.contains("title: \"win 7\""))
        .expect("a win line")
        .to_string();
    let bare = line.trim_end_matches(',');
    let cases = [
        // The comma that ends the record is inside a comment.
        (
            "a comment ends with the comma",
            format!("{bare} // was win seven,"),
        ),
        // Pasted from a web page: a no-break or em space after the comma.
        ("a no-break space after the comma", format!("{line}\u{a0}")),
        ("an em space after the comma", format!("{line}\u{2003}")),
    ];
    for (what, edited) in cases {
        let text = text.replacen(&line, &edited, 1);
        let ron = ron_reads(&text);
        assert!(ron.is_err(), "{what}: ron refuses it");
        let read = careerbook_reads(&text);
        assert!(
            read.is_err(),
            "{what}: ron refuses the file ({}), careerbook reads {} wins",
            ron.err().unwrap_or_default(),
            read.map(|w| w.impact.wins.len()).unwrap_or_default()
        );
    }
    // The same hand edit in a workbook of fewer records is refused, with
    // its line and column: careerbook's answer must not hang on the size.
    let small = big_text(100);
    let small_line = small
        .lines()
        .find(|l| l.contains("title: \"win 7\""))
        .expect("line")
        .to_string();
    let small = small.replacen(&small_line, &format!("{small_line}\u{a0}"), 1);
    assert!(careerbook_reads(&small).is_err());
}

// What held up, kept as tests: hand layouts the quick reader must read as
// ron does, or refuse at ron's line.

/// Both readers agree: the same workbook, or both refuse, careerbook at
/// ron's line.
fn agree(what: &str, text: &str) {
    match (careerbook_reads(text), ron_reads(text)) {
        (Ok(ours), Ok(theirs)) => assert!(ours == theirs, "{what}: read differently"),
        (Err(ours), Err(theirs)) => {
            let line = theirs.split(':').next().unwrap_or_default().to_string();
            if line.parse::<usize>().is_ok() {
                assert!(
                    ours.contains(&format!("line {line},")),
                    "{what}: {ours} / ron {theirs}"
                );
            }
        }
        (ours, theirs) => panic!(
            "{what}: careerbook {:?}, ron {:?}",
            ours.map(|w| w.impact.wins.len()),
            theirs.map(|w| w.impact.wins.len())
        ),
    }
}

#[test]
fn hand_layouts_of_a_large_workbook_read_as_ron_reads_them() {
    let text = big_text(4_100);
    let line = text
        .lines()
        .find(|l| l.contains("title: \"win 7\""))
        .expect("a win line")
        .to_string();
    let next = text
        .lines()
        .find(|l| l.contains("title: \"win 8\""))
        .expect("a win line")
        .to_string();
    // The file with one edit inside the line of win 7.
    let in_line = |from: &str, to: &str| text.replacen(&line, &line.replacen(from, to, 1), 1);
    let cases = [
        ("CRLF everywhere", text.replace('\n', "\r\n")),
        (
            "CRLF on one line",
            text.replacen(&format!("{line}\n"), &format!("{line}\r\n"), 1),
        ),
        ("a tab for the indent", in_line("            (", "\t(")),
        (
            "a record on two lines",
            in_line(", title", ",\n            title"),
        ),
        (
            "a record on two lines, both (",
            in_line("tags: [", "tags: [\n            ("),
        ),
        (
            "a comma missing",
            text.replacen(&line, line.trim_end_matches(','), 1),
        ),
        (
            "a comma doubled",
            text.replacen(&line, &format!("{line},"), 1),
        ),
        (
            "two records on one line",
            text.replacen(
                &format!("{line}\n{next}"),
                &format!("{line} {}", next.trim_start()),
                1,
            ),
        ),
        (
            "a comment after the comma",
            text.replacen(&line, &format!("{line} // seven"), 1),
        ),
        (
            "a commented-out record",
            text.replacen(&line, &format!("            // {line}"), 1),
        ),
        (
            "a block comment over records",
            text.replacen(&line, &format!("{line} /*\n{line} */"), 1),
        ),
        (
            "a list in a comment",
            text.replacen(
                "        wins: [\n",
                &format!(
                    "        /*\n        wins: [\n{line}\n        ],\n        */\n        wins: [\n"
                ),
                1,
            ),
        ),
        (
            "a line separator after the comma",
            text.replacen(&line, &format!("{line}\u{85}"), 1),
        ),
        (
            "a form feed after the comma",
            text.replacen(&line, &format!("{line}\u{c}"), 1),
        ),
        ("tags: []", in_line("tags: [\"infra\"]", "tags: []")),
        ("no tags", in_line(", tags: [\"infra\"]", "")),
        (
            "tags as a string",
            in_line("tags: [\"infra\"]", "tags: \"infra\""),
        ),
        (
            "a number among the tags",
            in_line("[\"infra\"]", "[\"infra\", 1]"),
        ),
        (
            "huge tags",
            in_line(
                "[\"infra\"]",
                &format!(
                    "[{}]",
                    (0..50_000)
                        .map(|i| format!("\"t{i}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
        ),
    ];
    for (what, edited) in &cases {
        assert_ne!(edited, &text, "{what}");
        agree(what, edited);
    }
}

#[test]
fn an_ordinary_edit_after_an_import_over_a_vanished_workbook_takes_no_pre_import_backup() {
    let (_dir, paths) = fresh();
    let mut session = tui_like(&paths);
    add(&mut session, "alpha");
    fs::remove_file(&paths.workbook).expect("vanish");
    let import = Edit::Batch(
        (0..1_000)
            .map(|n| Edit::Add(win(&format!("imported {n:04}")).into()))
            .collect(),
    );
    session.apply(import).expect("valid").saved.expect("saved");
    let pre_import = |paths: &Paths| {
        backup::list(paths)
            .expect("list")
            .iter()
            .filter(|b| b.reason == backup::Reason::PreBulk)
            .count()
    };
    let after_import = pre_import(&paths);
    // The import left `bulk_pending` set (nothing on disk to back up), so
    // the next one-win edit is backed up as if it were an import, and each
    // such copy pushes an older real one out of the five kept.
    add(&mut session, "bravo");
    assert_eq!(
        pre_import(&paths),
        after_import,
        "a one-win edit is no import"
    );
}

/// A small workbook of one win and a conflict whose kept value, laid out by
/// hand, is `kept` (a conflict's values are any RON value). `base` and
/// `set_aside` are the values before and after it.
fn with_conflict(base: &str, kept: &str, set_aside: &str) -> String {
    format!(
        r#"(
    version: 2,
    next_id: 2,
    impact: (
        wins: [
            (id: 1, date: "2026-11-20", title: "real", category: other),
        ],
    ),
    conflicts: [
        (
            id: 9001,
            about: Record(Win, 1),
            date: "2026-11-20",
            fields: [(
                field: "notes",
                base: {base},
                kept: {kept},
                set_aside: {set_aside},
            )],
        ),
    ],
)
"#
    )
}

/// A hand-laid value shaped like the workbook's impact section: to ron, a
/// value inside the conflict; cut out as a list, a second win.
const LOOKS_LIKE_WINS: &str = r#"(
    impact: (
        wins: [
            (id: 5000, date: "2026-11-20", title: "not a win", category: other),
        ],
    ),
)"#;

#[test]
fn text_laid_out_like_wins_inside_a_conflict_never_becomes_wins() {
    let cases = [
        // Right after the impact section, the list of a value at any depth
        // would be taken for the section's own.
        (
            "a list deeper in",
            with_conflict("\"b\"", &format!("(\n{LOOKS_LIKE_WINS},\n)"), "\"s\""),
        ),
        // Strings over several lines whose brackets, counted, would put the
        // value at the depth of the workbook's own sections.
        (
            "brackets in strings over several lines",
            with_conflict("\"\n)))))\n\"", LOOKS_LIKE_WINS, "\"\n(((((\n\""),
        ),
        // A char holding a quote ('"'), or a raw string ending in a
        // backslash (r"\"), closes where a scan that knows only plain
        // strings sees an open one, so the brackets of the string after it
        // would count; an escaped quote inside a string ("\"") closes both.
        (
            "brackets after a char",
            with_conflict(
                "['\"', \")))))\", '\"']",
                LOOKS_LIKE_WINS,
                "['\"', \"(((((\", '\"']",
            ),
        ),
        (
            "brackets after a raw string",
            with_conflict(
                "[r\"\\\", \")))))\", \"\\\"\"]",
                LOOKS_LIKE_WINS,
                "[r\"\\\", \"(((((\", \"\\\"\"]",
            ),
        ),
    ];
    for (what, text) in cases {
        let ron = ron_reads(&text).expect("ron reads it");
        assert_eq!(ron.impact.wins.len(), 1, "{what}: {text}");
        let read = careerbook_reads(&text).expect("careerbook reads it");
        assert_eq!(read, ron, "{what}: a win appeared from inside a conflict");
    }
}

#[test]
fn a_large_workbook_opens_when_no_thread_can_be_started() {
    // The quick reader reads a large workbook on several threads. Where no
    // thread can be had (a limit on processes, a container's on tasks) it
    // must read on the one it has, not end careerbook with a panic.
    if !rustix::process::geteuid().is_root() {
        println!("skipped: needs root to run careerbook as another user limited to one task");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    fs::create_dir(&data).expect("data dir");
    fs::write(data.join("workbook.ron"), big_text(4_100)).expect("seed");
    for open_to_all in [dir.path(), &data] {
        fs::set_permissions(
            open_to_all,
            std::os::unix::fs::PermissionsExt::from_mode(0o777),
        )
        .expect("chmod");
    }
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_careerbook"));
    command
        .arg("--data-dir")
        .arg(&data)
        .args(["wins", "--format", "json"])
        .env("CAREERBOOK_TODAY", "2026-12-01")
        .uid(65534)
        .gid(65534);
    let one_task = || {
        let one = rustix::process::Rlimit {
            current: Some(1),
            maximum: Some(1),
        };
        rustix::process::setrlimit(rustix::process::Resource::Nproc, one).map_err(io::Error::from)
    };
    // SAFETY: runs in the child between fork and exec, and only makes the
    // `setrlimit` system call, which is async-signal-safe.
    unsafe { command.pre_exec(one_task) };
    let out = command.output().expect("careerbook runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let wins: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(wins.as_array().map(Vec::len), Some(4_100));
}
