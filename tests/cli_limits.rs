//! The size limit holds for writing as for reading, and a large import is
//! preceded by a backup: through the real binary, with the limit lowered
//! (debug builds honour `CAREERBOOK_DEBUG_MAX_BYTES`) so no 64 MB file is built.

mod common;

use common::cli::{files, stderr, stdout};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, limit: Option<u64>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_careerbook"));
    command
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("CAREERBOOK_TODAY", "2026-11-26")
        .env_remove("CAREERBOOK_DIR")
        .env_remove("CAREERBOOK_DEBUG_MAX_BYTES");
    if let Some(limit) = limit {
        command.env("CAREERBOOK_DEBUG_MAX_BYTES", limit.to_string());
    }
    command.output().expect("run careerbook")
}

/// A spreadsheet of `rows` distinct applications.
fn csv(dir: &Path, rows: usize) -> String {
    let mut text = String::from("Company,Role,Status,Date Applied\n");
    for n in 0..rows {
        text.push_str(&format!("Company {n},Engineer {n},Applied,2026-11-02\n"));
    }
    let path = dir.join("apps.csv");
    fs::write(&path, text).expect("csv");
    path.display().to_string()
}

fn backups(dir: &Path, tag: &str) -> Vec<std::path::PathBuf> {
    let Ok(entries) = fs::read_dir(dir.join("backups")) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(tag))
        .collect()
}

#[test]
fn an_import_that_would_make_the_file_too_large_to_open_is_refused_and_nothing_changes() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    let logged = run(&data, None, &["log", "Cut EC2 spend", "--category", "cost"]);
    assert!(logged.status.success(), "{}", stderr(&logged));
    let before = files(&data);
    let file = csv(tmp.path(), 400);
    // 400 applications come to about 80 KB; the limit is 20 KB.
    let out = run(&data, Some(20_000), &["import", "apps", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("more than the 20 KB careerbook can open again"),
        "{err}"
    );
    assert!(err.contains("was not written"), "{err}");
    assert_eq!(files(&data), before, "the files on disk are unchanged");
    // And what is on disk still opens under the same limit.
    let wins = run(&data, Some(20_000), &["wins", "--format", "json"]);
    assert!(wins.status.success(), "{}", stderr(&wins));
    assert!(stdout(&wins).contains("Cut EC2 spend"));
}

#[test]
fn a_file_too_large_to_open_names_the_newest_backup_and_restore() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    // A small workbook, then a day's backup of it, then a large import.
    assert!(
        run(&data, None, &["log", "first win", "--category", "cost"])
            .status
            .success()
    );
    let file = csv(tmp.path(), 300);
    assert!(
        run(&data, None, &["import", "apps", &file])
            .status
            .success()
    );
    // Opened with a limit the imported file exceeds (as if the limit were
    // reached some other way): refused, naming a backup that can be opened.
    let out = run(&data, Some(20_000), &["apps"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("it was not read"), "{err}");
    assert!(err.contains("The newest good backup is"), "{err}");
    assert!(err.contains("careerbook restore"), "{err}");
}

#[test]
fn a_large_import_first_backs_up_the_file_with_the_days_earlier_work() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    assert!(
        run(
            &data,
            None,
            &["log", "logged before the import", "--category", "cost"]
        )
        .status
        .success()
    );
    let file = csv(tmp.path(), 1_200);
    let out = run(&data, None, &["import", "apps", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let kept = backups(&data, "pre-import");
    assert_eq!(kept.len(), 1, "one backup before the import: {kept:?}");
    let text = fs::read_to_string(&kept[0]).expect("backup");
    assert!(
        text.contains("logged before the import"),
        "the earlier win is in it"
    );
    assert!(
        !text.contains("Company 1199"),
        "it is the file before the import"
    );
    // A small import takes no such backup.
    let small = csv(tmp.path(), 3);
    let out = run(&data, None, &["import", "apps", &small, "--skip-bad"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(backups(&data, "pre-import").len(), 1);
}
