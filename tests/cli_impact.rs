//! `careerbook log` and `careerbook wins` through the real binary.

mod common;

use common::cli::{careerbook, files};

use std::path::Path;
use std::process::Command;

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = careerbook(dir, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn wins_json(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["wins", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(dir, &all)).expect("wins prints a JSON array")
}

#[test]
fn log_adds_a_win_with_every_flag_and_prints_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let printed = ok(
        dir.path(),
        &[
            "log",
            "Consolidated EC2 clusters",
            "--category",
            "cost",
            "--metric",
            "$40k/yr",
            "--date",
            "-3d",
            "--tag",
            "FinOps",
            "--tag",
            "#infra",
            "--note",
            "Four idle clusters",
            "--link",
            "https://wiki.example/ec2",
        ],
    );
    assert_eq!(
        printed,
        "logged #1 2026-11-23 · Cost savings · $40k/yr · Consolidated EC2 clusters  #finops #infra\n"
    );
    let wins = wins_json(dir.path(), &[]);
    assert_eq!(wins.len(), 1);
    let win = &wins[0];
    assert_eq!(win["id"], 1);
    assert_eq!(win["date"], "2026-11-23", "-3d from 2026-11-26");
    assert_eq!(win["title"], "Consolidated EC2 clusters");
    assert_eq!(win["category"], "cost_savings");
    assert_eq!(win["metric"], "$40k/yr");
    assert_eq!(win["tags"], serde_json::json!(["finops", "infra"]));
    assert_eq!(win["notes"], "Four idle clusters");
    assert_eq!(win["link"], "https://wiki.example/ec2");
}

#[test]
fn a_tag_with_a_space_is_said_to_be_two_and_a_repeated_tag_kept_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = careerbook(
        dir.path(),
        &[
            "log",
            "Cut checkout latency",
            "--tag",
            "checkout api",
            "--tag",
            "Checkout",
        ],
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "careerbook: --tag 'checkout api' is saved as 2 tags, #checkout #api \
         (a tag is one word: write checkout-api for one)\n"
    );
    let wins = wins_json(dir.path(), &[]);
    assert_eq!(wins[0]["tags"], serde_json::json!(["checkout", "api"]));
}

#[test]
fn log_defaults_to_other_and_today() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["log", "Mentored a new hire"]);
    let wins = wins_json(dir.path(), &[]);
    assert_eq!(wins[0]["category"], "other");
    assert_eq!(wins[0]["date"], "2026-11-26");
    assert_eq!(wins[0]["metric"], serde_json::Value::Null);
    assert_eq!(wins[0]["notes"], serde_json::Value::Null);
}

#[test]
fn every_category_name_and_short_form_is_accepted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let forms = [
        ("revenue", "revenue"),
        ("cost", "cost_savings"),
        ("cost_savings", "cost_savings"),
        ("retention", "customer_retention"),
        ("customer_retention", "customer_retention"),
        ("risk", "risk_reduction"),
        ("risk_reduction", "risk_reduction"),
        ("other", "other"),
    ];
    for (typed, _) in forms {
        ok(
            dir.path(),
            &["log", &format!("win {typed}"), "--category", typed],
        );
    }
    let wins = wins_json(dir.path(), &[]);
    for (typed, stored) in forms {
        let win = wins
            .iter()
            .find(|w| w["title"] == format!("win {typed}"))
            .expect("logged");
        assert_eq!(win["category"], stored, "{typed}");
    }
}

#[test]
fn bad_input_names_the_field_exits_2_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["log", "first"]);
    let before = files(dir.path());
    let cases: [(&[&str], &str); 5] = [
        (&["log", "x", "--date", "2026-02-30"], "--date"),
        (&["log", "x", "--category", "sales"], "--category"),
        (&["log", "   "], "TEXT"),
        (&["log", "x", "--metric", "lots"], "--metric"),
        (&["log", "x", "--date", "next week"], "--date"),
    ];
    for (args, field) in cases {
        let out = careerbook(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(field), "{args:?}: {err}");
    }
    assert_eq!(files(dir.path()), before);
}

#[test]
fn wins_filters_by_dates_category_and_tag() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(
        dir.path(),
        &[
            "log",
            "a",
            "--date",
            "2026-09-01",
            "--category",
            "revenue",
            "--tag",
            "q3",
        ],
    );
    ok(
        dir.path(),
        &["log", "b", "--date", "2026-10-15", "--category", "risk"],
    );
    ok(
        dir.path(),
        &[
            "log",
            "c",
            "--date",
            "2026-11-20",
            "--category",
            "revenue",
            "--tag",
            "q4",
        ],
    );
    let titles = |args: &[&str]| -> Vec<String> {
        wins_json(dir.path(), args)
            .iter()
            .map(|w| w["title"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(titles(&[]), ["c", "b", "a"], "newest first");
    assert_eq!(
        titles(&["--since", "2026-10-15"]),
        ["c", "b"],
        "since is inclusive"
    );
    assert_eq!(
        titles(&["--until", "2026-10-15"]),
        ["b", "a"],
        "until is inclusive"
    );
    assert_eq!(titles(&["--category", "revenue"]), ["c", "a"]);
    assert_eq!(titles(&["--tag", "#Q3"]), ["a"]);
    let out = careerbook(
        dir.path(),
        &["wins", "--since", "2026-12-01", "--until", "2026-11-01"],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "an empty range is a usage error"
    );
}

#[test]
fn wins_writes_markdown_and_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(
        dir.path(),
        &[
            "log",
            "Cut costs, \"fast\"",
            "--category",
            "cost",
            "--metric",
            "30%",
            "--date",
            "2026-10-02",
        ],
    );
    let md = ok(dir.path(), &["wins", "--format", "md"]);
    assert!(md.contains("## 2026 Q4"), "{md}");
    assert!(md.contains("### Cost savings"), "{md}");
    assert!(
        md.contains("- **30%** — Cut costs, \"fast\" (2026-10-02)"),
        "{md}"
    );
    let csv = ok(dir.path(), &["wins", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("header row").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "id", "date", "title", "category", "metric", "tags", "notes", "link"
        ]
    );
    let row = reader
        .records()
        .next()
        .expect("one row")
        .expect("valid row");
    assert_eq!(&row[2], "Cut costs, \"fast\"");
}

#[test]
fn log_works_while_another_writer_holds_the_lock_briefly_and_twenty_at_once_are_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["log", "seed"]);
    let children: Vec<_> = (0..20)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_careerbook"))
                .arg("--data-dir")
                .arg(dir.path())
                .args(["log", &format!("parallel {i}")])
                .env("CAREERBOOK_TODAY", "2026-11-26")
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success());
    }
    let wins = wins_json(dir.path(), &[]);
    assert_eq!(
        wins.len(),
        21,
        "all twenty parallel wins and the seed are kept"
    );
    let mut ids: Vec<u64> = wins.iter().filter_map(|w| w["id"].as_u64()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 21, "every win got its own id");
}

#[test]
fn wins_on_a_fresh_directory_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("new");
    assert_eq!(
        ok(&data, &["wins"]),
        "no wins yet: `careerbook log \"what you did\"` adds one\n"
    );
    assert!(!data.join("workbook.ron").exists());
}
