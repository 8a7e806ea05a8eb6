//! `careerbook apply`, `apps`, `apps move` and `import apps`: the real binary
//! against temporary data directories.

mod common;

use common::cli::{careerbook, stderr, stdout};

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

/// Runs a command that must succeed and returns its output.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = careerbook(dir, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

fn apps_json(dir: &Path) -> Vec<Value> {
    let text = ok(dir, &["apps", "--format", "json"]);
    match serde_json::from_str(&text).expect("valid JSON") {
        Value::Array(apps) => apps,
        other => panic!("not an array: {other}"),
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn workbook_bytes(dir: &Path) -> Option<Vec<u8>> {
    fs::read(dir.join("workbook.ron")).ok()
}

#[test]
fn apply_prints_the_application_with_its_id_and_apps_lists_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = ok(
        dir.path(),
        &[
            "apply",
            "Acme Corp",
            "Senior SRE",
            "--source",
            "LinkedIn",
            "--track",
            "saas",
            "--url",
            "https://acme.example/jobs/1",
            "--follow-up",
            "+1w",
            "--note",
            "Met at re:Invent",
            "--date",
            "2026-11-20",
            "--salary",
            "210k-240k",
        ],
    );
    assert!(text.starts_with("Added application #1\n"), "{text}");
    assert!(
        text.contains("salary       $210,000.00–$240,000.00\n"),
        "what was saved is said: {text}"
    );
    assert!(
        text.contains("stage        applied since 2026-11-20"),
        "{text}"
    );
    assert!(
        text.contains("follow up    2026-12-03 (in 7 days)"),
        "{text}"
    );
    let apps = apps_json(dir.path());
    assert_eq!(apps.len(), 1);
    let app = &apps[0];
    assert_eq!(app["id"], 1);
    assert_eq!(app["company"], "Acme Corp");
    assert_eq!(app["role"], "Senior SRE");
    assert_eq!(app["stage"], "applied");
    assert_eq!(app["applied"], "2026-11-20");
    assert_eq!(app["follow_up"], "2026-12-03");
    assert_eq!(app["source"], "job_board");
    assert_eq!(app["track"], "cloud_or_saas");
    assert_eq!(app["link"], "https://acme.example/jobs/1");
    assert_eq!(app["notes"], "Met at re:Invent");
    assert_eq!(
        app["history"],
        serde_json::json!([{"stage": "applied", "date": "2026-11-20"}])
    );
}

#[test]
fn a_wishlist_item_has_no_applied_date_and_defaults_are_applied_today() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(
        dir.path(),
        &["apply", "Globex", "Platform", "--stage", "wishlist"],
    );
    ok(dir.path(), &["apply", "Initech", "SRE"]);
    let apps = apps_json(dir.path());
    let by = |company: &str| {
        apps.iter()
            .find(|a| a["company"] == company)
            .expect(company)
            .clone()
    };
    assert_eq!(by("Globex")["applied"], Value::Null);
    assert_eq!(by("Globex")["follow_up"], Value::Null);
    assert_eq!(by("Initech")["applied"], "2026-11-26");
    assert_eq!(by("Initech")["source"], "other");
}

#[test]
fn moving_records_the_stage_and_date_in_the_history() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(
        dir.path(),
        &["apply", "Acme", "SRE", "--date", "2026-11-02"],
    );
    let text = ok(
        dir.path(),
        &["apps", "move", "1", "screening", "--date", "2026-11-10"],
    );
    assert!(
        text.contains("Moved #1 from applied to screening on 2026-11-10"),
        "{text}"
    );
    ok(dir.path(), &["apps", "move", "1", "interviewing"]);
    let app = &apps_json(dir.path())[0];
    assert_eq!(app["stage"], "interviewing");
    assert_eq!(
        app["history"],
        serde_json::json!([
            {"stage": "applied", "date": "2026-11-02"},
            {"stage": "screening", "date": "2026-11-10"},
            {"stage": "interviewing", "date": "2026-11-26"}
        ])
    );
    // The same stage again: nothing recorded, and that is not an error.
    let text = ok(dir.path(), &["apps", "move", "1", "interviewing"]);
    assert!(
        text.contains("already at interviewing; nothing was changed"),
        "{text}"
    );
    assert_eq!(
        apps_json(dir.path())[0]["history"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn bad_input_names_the_field_exits_2_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(
        dir.path(),
        &["apply", "Acme", "SRE", "--date", "2026-11-02"],
    );
    let before = workbook_bytes(dir.path());
    let cases: &[(&[&str], &str)] = &[
        (
            &["apply", "Globex", "SRE", "--stage", "hired"],
            "--stage: \"hired\" is not a stage",
        ),
        (
            &["apply", "Globex", "SRE", "--source", "carrier pigeon"],
            "--source: \"carrier pigeon\" is not a source",
        ),
        (&["apply", "  ", "SRE"], "COMPANY: enter the company"),
        (&["apply", "Globex", ""], "ROLE: enter the role"),
        (
            &["apply", "Globex", "SRE", "--follow-up", "next month"],
            "--follow-up: \"next month\" is not a date",
        ),
        (
            &["apply", "Globex", "SRE", "--track", "astronaut"],
            "--track: \"astronaut\" is not a track",
        ),
        (
            &["apply", "Globex", "SRE", "--date", "+1w"],
            "--date: 2026-12-03 is after today",
        ),
        (
            &["apps", "--stage", "maybe"],
            "--stage: \"maybe\" is not a stage",
        ),
        (
            &["apps", "move", "99", "offer"],
            "ID: there is no application #99",
        ),
        (
            &["apps", "move", "1", "hired"],
            "STAGE: \"hired\" is not a stage",
        ),
        (
            &["apps", "move", "1", "offer", "--date", "2026-11-01"],
            "--date: 2026-11-01 is before the last change",
        ),
    ];
    for (args, message) in cases {
        let out = careerbook(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert_eq!(
            workbook_bytes(dir.path()),
            before,
            "{args:?} changed the workbook"
        );
    }
    // Not even created when the very first command is refused.
    let fresh = tempfile::tempdir().expect("temp dir");
    for args in [&["apply", "", "SRE"][..], &["apps", "move", "1", "offer"]] {
        let out = careerbook(fresh.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!fresh.path().join("workbook.ron").exists(), "{args:?}");
    }
}

#[test]
fn apps_filters_by_stage_and_open_and_marks_overdue_in_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = ok(dir.path(), &["--demo", "apps"]);
    assert!(out.contains("52  interviewing  2026-10-28  2026-11-25 overdue  Northwind Cloud — Principal Cloud Architect"), "{out}");
    assert!(
        out.contains("! 3 follow-ups overdue: #55, #58, #52"),
        "{out}"
    );
    assert!(
        out.contains("? No reply for 21+ days, maybe ghosted: #55"),
        "{out}"
    );
    assert!(
        out.contains("Cobalt Security"),
        "closed ones are listed: {out}"
    );
    let open = ok(dir.path(), &["--demo", "apps", "--open"]);
    assert!(!open.contains("Cobalt Security"), "{open}");
    assert!(open.contains("9 applications shown, 9 open."), "{open}");
    let applied = ok(
        dir.path(),
        &["--demo", "apps", "--stage", "applied", "--format", "json"],
    );
    let applied: Vec<Value> = serde_json::from_str(&applied).expect("json");
    let ids: Vec<i64> = applied.iter().filter_map(|a| a["id"].as_i64()).collect();
    assert_eq!(ids, vec![59, 51, 58, 55]);
    let none = ok(
        dir.path(),
        &["--demo", "apps", "--stage", "rejected", "--open"],
    );
    assert_eq!(none.trim(), "No applications match.");
    let empty = tempfile::tempdir().expect("temp dir");
    assert!(ok(empty.path(), &["apps"]).contains("No applications yet"));
    assert_eq!(ok(empty.path(), &["apps", "--format", "json"]).trim(), "[]");
}

#[test]
fn csv_export_imports_back_into_another_workbook_unchanged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = ok(dir.path(), &["--demo", "apps", "--format", "csv"]);
    assert!(
        csv.starts_with("id,company,role,stage,applied,follow_up,source,track,"),
        "{csv}"
    );
    assert_eq!(
        csv.lines().count(),
        12,
        "a header and the 11 demo applications"
    );
    let file = dir.path().join("apps.csv");
    fs::write(&file, &csv).expect("write csv");
    let other = tempfile::tempdir().expect("temp dir");
    let text = ok(
        other.path(),
        &["import", "apps", &file.display().to_string()],
    );
    assert!(text.starts_with("Imported 11 applications"), "{text}");
    let strip = |apps: Vec<Value>| -> Vec<Value> {
        let mut apps: Vec<Value> = apps
            .into_iter()
            .map(|mut a| {
                // Ids, contacts and stories belong to a workbook, not to the file.
                for key in ["id", "contacts", "stories"] {
                    a.as_object_mut().map(|o| o.remove(key));
                }
                a
            })
            .collect();
        apps.sort_by_key(|a| a["company"].to_string());
        apps
    };
    let demo: Vec<Value> =
        serde_json::from_str(&ok(dir.path(), &["--demo", "apps", "--format", "json"]))
            .expect("json");
    assert_eq!(strip(apps_json(other.path())), strip(demo));
}

#[test]
fn import_with_messy_headers_refuses_bad_rows_unless_skip_bad() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = fixture("messy_headers.csv").display().to_string();
    let out = careerbook(dir.path(), &["import", "apps", &file]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("1 row cannot be read, so nothing was imported"),
        "{err}"
    );
    assert!(
        err.contains("row 9: status \"Maybe\" is not a stage"),
        "{err}"
    );
    assert!(
        err.contains("add --skip-bad to import the other 5 rows"),
        "{err}"
    );
    assert!(workbook_bytes(dir.path()).is_none(), "nothing written");

    let text = ok(dir.path(), &["import", "apps", &file, "--skip-bad"]);
    assert!(text.starts_with("Imported 5 applications from"), "{text}");
    assert!(
        text.contains("#2     Globex — Platform Engineer: screening (applied 2026-10-20)"),
        "{text}"
    );
    assert!(
        text.contains("Skipped 1 row that cannot be read:\n  row 9:"),
        "{text}"
    );
    assert!(text.contains("Columns not read: Recruiter Phone"), "{text}");
    let apps = apps_json(dir.path());
    assert_eq!(apps.len(), 5);
    let acme = apps
        .iter()
        .find(|a| a["company"] == "Acme Corp")
        .expect("Acme");
    assert_eq!(acme["applied"], "2026-11-02");
    assert_eq!(acme["follow_up"], "2026-11-16");
    assert_eq!(acme["salary_min"], "150000.00");
    assert_eq!(acme["source"], "job_board");
    assert_eq!(acme["location"], "Remote (US)");
    let globex = apps
        .iter()
        .find(|a| a["company"] == "Globex")
        .expect("Globex");
    assert_eq!(globex["notes"], "Met Dana at the meetup.\nShe referred me.");

    // Importing the same file again adds nothing and says why.
    let text = ok(dir.path(), &["import", "apps", &file, "--skip-bad"]);
    assert!(text.starts_with("Nothing new to import"), "{text}");
    assert!(
        text.contains("row 2: same as #1 Acme Corp — Senior SRE"),
        "{text}"
    );
    assert_eq!(apps_json(dir.path()).len(), 5);
}

#[test]
fn import_lists_every_bad_row_with_its_number_and_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = fixture("bad_rows.csv").display().to_string();
    let out = careerbook(dir.path(), &["import", "apps", &file]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for line in [
        "row 3: status \"Maybe\"",
        "row 4: company is empty",
        "row 5: date applied: \"2026-13-45\" is not a real date",
        "row 6: date applied is empty; status interviewing needs it",
        "row 7: date applied 2027-03-01 is after today",
        "row 8: \"Carrier pigeon\" is not a source",
        "row 9: role is empty; salary: the top of the range (150000) is below the bottom (200000)",
    ] {
        assert!(err.contains(line), "{line}: {err}");
    }
    assert!(
        !err.contains("row 2:") && !err.contains("row 10:"),
        "good rows are not listed: {err}"
    );
    let text = ok(dir.path(), &["import", "apps", &file, "--skip-bad"]);
    assert!(text.starts_with("Imported 2 applications"), "{text}");
    let companies: Vec<String> = apps_json(dir.path())
        .iter()
        .map(|a| a["company"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(companies.len(), 2);
    assert!(companies.contains(&"Acme".to_string()) && companies.contains(&"Stark".to_string()));
}

#[test]
fn import_duplicates_day_first_dates_and_missing_columns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = ok(
        dir.path(),
        &[
            "import",
            "apps",
            &fixture("duplicates.csv").display().to_string(),
        ],
    );
    // "ACME Corp." / "Senior  SRE" twice on different days is two applications;
    // the two Initech rows on the same day are one.
    assert!(text.starts_with("Imported 4 applications"), "{text}");
    assert!(text.contains("row 6: same as row 5 of this file"), "{text}");

    let text = ok(
        dir.path(),
        &[
            "import",
            "apps",
            &fixture("semicolon_day_first.csv").display().to_string(),
        ],
    );
    assert!(text.contains("read day first"), "{text}");
    let acme = apps_json(dir.path())
        .into_iter()
        .find(|a| a["company"] == "Acme" && a["role"] == "SRE")
        .expect("Acme SRE");
    assert_eq!(acme["applied"], "2026-10-26");
    assert_eq!(acme["follow_up"], "2026-12-03");

    let before = workbook_bytes(dir.path());
    let out = careerbook(
        dir.path(),
        &[
            "import",
            "apps",
            &fixture("missing_columns.csv").display().to_string(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("missing required columns: Company"), "{err}");
    assert!(
        err.contains("Role (a column headed Role, Position"),
        "{err}"
    );
    assert_eq!(workbook_bytes(dir.path()), before);

    let out = careerbook(dir.path(), &["import", "apps", "/no/such/file.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("could not read /no/such/file.csv: no such file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn follow_ups_join_the_vests_in_the_calendar_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("careerbook.ics");
    let text = ok(
        dir.path(),
        &[
            "--demo",
            "export",
            "--format",
            "ics",
            "--out",
            &file.display().to_string(),
        ],
    );
    // The demo on 2026-11-26: 6 deadlines and the offer-needed date, the 9
    // vests still to come (3 of the 12 are past, left out) and 8 active
    // applications with a follow-up date, overdue ones too (still to do).
    assert!(text.contains("with 24 event(s)"), "{text}");
    let ics = fs::read_to_string(&file).expect("written");
    assert_eq!(ics.matches("UID:vest-").count(), 9, "{ics}");
    assert!(ics.contains("UID:followup-52@careerbook\r\n"), "{ics}");
    assert!(
        ics.contains("SUMMARY:Follow up: Northwind Cloud — Principal Cloud Architect\r\n"),
        "{ics}"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20261125\r\n"), "{ics}");
    assert_eq!(
        ics.matches("UID:followup-").count(),
        8,
        "closed and undated ones are left out"
    );
    assert!(ics.contains("UID:vest-"), "the vests are still there");
}
