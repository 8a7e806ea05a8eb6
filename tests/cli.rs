//! The real binary against temporary data directories.

mod common;

use common::cli::{careerbook, stderr, stdout};

use std::process::Command;

#[test]
fn version_prints_the_crate_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = careerbook(dir.path(), &["--version"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out).trim(),
        format!("careerbook {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn path_reports_where_the_workbook_lives_without_creating_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("fresh");
    let out = careerbook(&data, &["path"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&data.join("workbook.ron").display().to_string()),
        "{text}"
    );
    assert!(text.contains("not created yet"), "{text}");
    assert!(!data.join("workbook.ron").exists());

    let out = careerbook(&data, &["path", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["exists"], false);
    assert_eq!(json["backup_count"], 0);
}

#[test]
fn wrong_usage_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(
        careerbook(dir.path(), &["frobnicate"]).status.code(),
        Some(2)
    );
    assert_eq!(
        careerbook(dir.path(), &["path", "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_malformed_pinned_date_is_refused_with_status_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_careerbook"))
        .args(["--data-dir", &dir.path().display().to_string(), "path"])
        .env("CAREERBOOK_TODAY", "yesterday-ish")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("CAREERBOOK_TODAY"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn restore_lists_nothing_on_a_fresh_directory_and_refuses_unknown_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = careerbook(dir.path(), &["restore"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("no backups yet"), "{}", stdout(&out));
    let out = careerbook(dir.path(), &["restore", "workbook-nope.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no backup called"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_backup_list_lines_up_whatever_each_backup_was_taken_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).expect("backups");
    for name in [
        "workbook-20261120-100000-auto.ron",
        "workbook-20261121-100000-pre-import.ron",
    ] {
        std::fs::write(backups.join(name), "(version: 2, next_id: 1)").expect("write");
    }
    let listed = stdout(&careerbook(dir.path(), &["restore"]));
    let dates: Vec<Option<usize>> = listed
        .lines()
        .filter(|l| l.starts_with("workbook-"))
        .map(|l| l.find("2026-11-"))
        .collect();
    assert_eq!(dates.len(), 2, "{listed}");
    assert_eq!(dates[0], dates[1], "the dates line up:\n{listed}");
}

#[test]
fn a_restore_says_what_the_workbook_holds_now_against_before() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The day's first save keeps the workbook as it was: empty.
    for args in [
        &["log", "one"][..],
        &["log", "two"],
        &["apply", "Acme", "SRE"],
    ] {
        assert!(careerbook(dir.path(), args).status.success(), "{args:?}");
    }
    let backups = std::fs::read_dir(dir.path().join("backups")).expect("backups");
    let name = backups
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with("-auto.ron"))
        .expect("the day's backup");
    let out = careerbook(dir.path(), &["restore", &name]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("the workbook now holds 0 wins (was 2), 0 applications (was 1)\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn demo_mode_never_touches_the_real_data_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = careerbook(dir.path(), &["--demo", "path", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let workbook = json["workbook"].as_str().expect("a path");
    assert!(
        !workbook.starts_with(&dir.path().display().to_string()),
        "{workbook}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("list").count(),
        0,
        "nothing was written"
    );
}

/// `careerbook config`: where the settings file is, writing it (never over
/// one that exists unless asked), and checking it as the TUI will read it.
#[test]
fn config_init_writes_every_key_check_reads_it_and_a_conflict_names_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("conf").join("config.ron");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_careerbook"))
            .args(args)
            .env("CAREERBOOK_CONFIG", &file)
            .env_remove("NO_COLOR")
            .env("TERM", "xterm")
            .output()
            .expect("run careerbook")
    };
    let path = run(&["config", "path"]);
    assert_eq!(
        String::from_utf8_lossy(&path.stdout).trim(),
        file.display().to_string()
    );
    let check = run(&["config", "check"]);
    assert!(String::from_utf8_lossy(&check.stdout).contains("no settings file"));
    assert!(run(&["config", "init"]).status.success());
    let written = std::fs::read_to_string(&file).expect("written");
    for binding in careerbook::tui::keymap::KEYS {
        assert!(
            written.contains(&format!("\"{}\":", binding.id())),
            "{}",
            binding.id()
        );
    }
    let check = run(&["config", "check"]);
    assert!(check.status.success());
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("ok; theme dark, 0 actions"),
        "{check:?}"
    );
    // A second init keeps the file; --force replaces it.
    std::fs::write(&file, written.replace("theme: dark", "theme: light")).expect("edit");
    let again = run(&["config", "init"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert!(
        std::fs::read_to_string(&file)
            .expect("kept")
            .contains("theme: light")
    );
    // `u` undoes everywhere: quitting with it too is refused, naming the line.
    let conflicting = written.replace(r#"// "global.quit": ["q"]"#, r#""global.quit": ["u"]"#);
    let line = conflicting
        .lines()
        .position(|l| l.contains(r#""global.quit": ["u"]"#))
        .expect("the line")
        + 1;
    std::fs::write(&file, &conflicting).expect("edit");
    let refused = run(&["config", "check"]);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains(&format!(
            "line {line}: u would do two things in Everywhere: global.quit and global.undo"
        )),
        "{err}"
    );
    assert!(run(&["config", "init", "--force"]).status.success());
    assert_eq!(std::fs::read_to_string(&file).expect("replaced"), written);
}
