//! `careerbook vesting` and `careerbook export --format ics`, run as the real binary.

mod common;

use common::cli::{careerbook, stderr, stdout};

use std::fs;
use std::process::Output;

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

/// A data directory holding one workbook with this vesting section.
fn workbook_with(vesting: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("workbook.ron"),
        format!("(version: 2, next_id: 100, vesting: {vesting})"),
    )
    .expect("write workbook");
    dir
}

/// The design example: 100 Amazon-style RSUs from 2024-03-15, AMZN $185.50,
/// plus a refresher granted after today (2026-11-26).
const WITH_FUTURE_GRANT: &str = r#"(
    grants: [
        (id: 1, name: "New hire", ticker: "AMZN", shares: "100", grant_date: "2024-03-15",
         vest_start: "2024-03-15", schedule: amazon),
        (id: 2, name: "Refresher", ticker: "AMZN", shares: "64", grant_date: "2027-01-15",
         vest_start: "2027-01-15", schedule: amazon),
    ],
    prices: [(id: 3, ticker: "AMZN", price: "185.50", as_of: "2026-11-20")],
)"#;

#[test]
fn text_report_of_the_demo_lists_vests_and_what_today_keeps() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = careerbook(dir.path(), &["--demo", "vesting"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // The demo: 180 AMZN from 2024-09-16 (Amazon 5/15/40/40) and 64 from 2025-05-15, at $212.40.
    // Next vest: 20% of 180 = 36 on 2027-03-16: 36 × 212.40 = 7,646.40; × 0.7035 = 5,379.24.
    assert!(
        text.contains("2027-03-16  New-hire RSU                36     $7,646.40     $5,379.24"),
        "{text}"
    );
    assert!(
        text.contains("withholding 29.65% (the Runway tab's rate)"),
        "{text}"
    );
    // Without --last-day, the Runway tab's last day on payroll is used, as
    // on the Vesting tab (a newcomer found `vesting` saying "if you left
    // today" while the tab said 2027-02-09).
    assert!(
        text.contains("Last day on payroll 2027-02-09 (the Runway tab's)"),
        "{text}"
    );
    // Vested by 2027-02-09 (no vest falls between today and then):
    // 9 + 27 = 36 of 180, and 3 of 64; 205 × 212.40 = 43,542.00 forfeited.
    assert!(
        text.contains("Total                        244        39        205       $43,542.00"),
        "{text}"
    );
    assert!(
        text.contains(
            "Staying until 2027-03-16 would add 36 shares ($7,646.40 gross, $5,379.24 net)."
        ),
        "{text}"
    );
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "wider than 80 columns: {line:?}"
        );
    }
}

#[test]
fn json_report_has_the_issue_shape() {
    let dir = tempfile::tempdir().expect("temp dir");
    let value = json(&careerbook(
        dir.path(),
        &["--demo", "vesting", "--format", "json"],
    ));
    assert_eq!(value["vested"], "39");
    assert_eq!(value["forfeited"], "205");
    assert_eq!(value["forfeited_value"], "43542.00");
    assert_eq!(
        value["events"][0],
        serde_json::json!({"grant": "New-hire RSU", "date": "2027-03-16", "shares": "36",
                           "gross": "7646.40", "net": "5379.24"})
    );
    assert_eq!(value["events"].as_array().map(Vec::len), Some(9));
    // Today the sign-on's 12-month term (from 2025-09-16) is served; the retention
    // bonus needs employment on 2027-03-01.
    assert_eq!(
        value["bonuses"],
        serde_json::json!([
            {"name": "Year-2 sign-on", "status": "kept", "amount": "22000.00"},
            {"name": "Team retention bonus", "status": "missed", "amount": "15000.00"}
        ])
    );
    assert_eq!(
        value["next_vest_after"],
        serde_json::json!({"date": "2027-03-16", "shares": "36", "gross": "7646.40"})
    );
}

#[test]
fn last_day_moves_the_totals_and_takes_date_field_forms() {
    let dir = tempfile::tempdir().expect("temp dir");
    let at = |day: &str| {
        json(&careerbook(
            dir.path(),
            &["--demo", "vesting", "--last-day", day, "--format", "json"],
        ))
    };
    // 2027-09-16: new hire 9 + 27 + 36 + 36 = 108, refresher 3 + 10 = 13 → 121 vested.
    let later = at("2027-09-16");
    assert_eq!(
        (later["vested"].as_str(), later["forfeited"].as_str()),
        (Some("121"), Some("123"))
    );
    assert_eq!(later["bonuses"][1]["status"], "kept");
    // The events list is the whole future whatever the last day.
    assert_eq!(later["events"].as_array().map(Vec::len), Some(9));
    // 2026-06-01, inside the sign-on's term: 8 months served of 12 → 22,000 × 4/12 = 7,333.33,
    // waived because the demo marks the role as eliminated.
    let earlier = at("2026-06-01");
    assert_eq!(earlier["vested"], "12");
    assert_eq!(earlier["bonuses"][0]["status"], "kept");
    // Offsets from today: +6w = 2027-01-07, -3d = 2026-11-23 (both vest nothing new).
    assert_eq!(at("+6w")["vested"], "39");
    assert_eq!(at("-3d")["vested"], "39");

    let out = careerbook(
        dir.path(),
        &["--demo", "vesting", "--last-day", "2026-06-01"],
    );
    let text = stdout(&out);
    assert!(text.contains("Last day 2026-06-01"), "{text}");
    assert!(
        text.contains("kept           $22,000.00  waived: role eliminated"),
        "{text}"
    );
    assert!(
        text.contains("missed         $15,000.00  must be employed 2027-03-01"),
        "{text}"
    );
}

#[test]
fn bad_last_days_exit_2_naming_the_option() {
    let dir = workbook_with(WITH_FUTURE_GRANT);
    let before = fs::read(dir.path().join("workbook.ron")).expect("read");
    for (day, message) in [
        ("2026-02-30", "\"2026-02-30\" is not a real date"),
        ("soon", "\"soon\" is not a date"),
        ("+2x", "is not an offset"),
        (
            "2024-03-14",
            "2024-03-14 is before every grant's grant date (the earliest, \"New hire\", is 2024-03-15)",
        ),
    ] {
        for format in ["text", "json"] {
            let out = careerbook(
                dir.path(),
                &["vesting", "--last-day", day, "--format", format],
            );
            assert_eq!(out.status.code(), Some(2), "{day}: {}", stderr(&out));
            assert!(stderr(&out).contains("--last-day"), "{}", stderr(&out));
            assert!(stderr(&out).contains(message), "{}", stderr(&out));
            assert!(stdout(&out).is_empty());
        }
    }
    assert_eq!(
        fs::read(dir.path().join("workbook.ron")).expect("read"),
        before
    );
}

#[test]
fn a_grant_dated_after_today_is_not_yet_granted_rather_than_an_error() {
    let dir = workbook_with(WITH_FUTURE_GRANT);
    let value = json(&careerbook(dir.path(), &["vesting", "--format", "json"]));
    // As of today only the new-hire grant counts: 5 + 15 + 20 = 40 vested, 60 forfeited.
    assert_eq!(
        (value["vested"].as_str(), value["forfeited"].as_str()),
        (Some("40"), Some("60"))
    );
    assert_eq!(
        value["not_yet_granted"],
        serde_json::json!([{"grant": "Refresher", "grant_date": "2027-01-15", "shares": "64"}])
    );
    let text = stdout(&careerbook(dir.path(), &["vesting"]));
    assert!(
        text.contains("Not yet granted: Refresher (64 AMZN, granted 2027-01-15) is left out"),
        "{text}"
    );
    // A last day between the grant dates is a fair question too.
    let between = json(&careerbook(
        dir.path(),
        &["vesting", "--last-day", "2026-12-31", "--format", "json"],
    ));
    assert_eq!(between["not_yet_granted"][0]["grant"], "Refresher");
}

#[test]
fn an_empty_data_directory_says_there_is_nothing_yet_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = careerbook(dir.path(), &["vesting"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("No grants yet"), "{}", stdout(&out));
    let value = json(&careerbook(dir.path(), &["vesting", "--format", "json"]));
    assert_eq!(value["events"], serde_json::json!([]));
    assert_eq!(value["next_vest_after"], serde_json::Value::Null);
    assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 0);
}

/// Unfolds and splits a calendar into (name, value) lines, checking the line
/// rules a calendar program relies on.
fn parse_ics(text: &str) -> Vec<(String, String)> {
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for physical in text.split("\r\n") {
        assert!(physical.len() <= 75, "line too long: {physical:?}");
    }
    text.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (name, value) = line.split_once(':').expect("name:value");
            let value = value
                .replace("\\n", "\n")
                .replace("\\,", ",")
                .replace("\\;", ";")
                .replace("\\\\", "\\");
            (name.to_string(), value)
        })
        .collect()
}

/// Each event's properties, by name.
fn vevents(lines: &[(String, String)]) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut events = Vec::new();
    let mut current = None;
    for (name, value) in lines {
        match (name.as_str(), value.as_str()) {
            ("BEGIN", "VEVENT") => current = Some(std::collections::BTreeMap::new()),
            ("END", "VEVENT") => events.extend(current.take()),
            _ => {
                if let Some(event) = current.as_mut() {
                    event.insert(name.clone(), value.clone());
                }
            }
        }
    }
    events
}

#[test]
fn export_writes_one_all_day_event_per_vest_with_stable_uids() {
    let data = workbook_with(WITH_FUTURE_GRANT);
    let out_dir = tempfile::tempdir().expect("temp dir");
    let file = out_dir.path().join("vests.ics");
    let file_arg = file.display().to_string();
    let out = careerbook(
        data.path(),
        &["export", "--format", "ics", "--out", &file_arg],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("wrote"), "{}", stdout(&out));
    let first = fs::read_to_string(&file).expect("written");
    let events = vevents(&parse_ics(&first));
    // 6 Amazon-style vests for each of the two grants, less the three of the
    // first already vested by today, 2026-11-26 (2025-03-15, 2026-03-15,
    // 2026-09-15): a calendar holds what is coming.
    assert_eq!(events.len(), 9);
    assert!(
        events
            .iter()
            .all(|e| e["DTSTART;VALUE=DATE"].as_str() >= "20261126"),
        "{events:?}"
    );
    let third = events
        .iter()
        .find(|e| e["UID"] == "vest-1-20270315@careerbook")
        .expect("the 2027-03-15 vest");
    assert_eq!(third["DTSTART;VALUE=DATE"], "20270315");
    assert_eq!(third["DTEND;VALUE=DATE"], "20270316");
    assert_eq!(third["SUMMARY"], "20 AMZN vest (New hire)");
    // 20 × 185.50 = 3,710.00.
    assert!(
        third["DESCRIPTION"].contains("About $3,710.00 at $185.50 a share"),
        "{third:?}"
    );
    let mut uids: Vec<&String> = events.iter().map(|e| &e["UID"]).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 9, "every UID is unique");
    assert!(events.iter().all(|e| e.contains_key("DTSTAMP")));

    // Re-export over our own file: allowed, same UIDs, same events but the stamp.
    let again = careerbook(
        data.path(),
        &["export", "--format", "ics", "--out", &file_arg],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stdout(&again).contains("updated"), "{}", stdout(&again));
    let second = fs::read_to_string(&file).expect("rewritten");
    let without_stamp = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with("DTSTAMP:"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(without_stamp(&first), without_stamp(&second));
    // No temporary file is left next to it.
    assert_eq!(fs::read_dir(out_dir.path()).expect("list").count(), 1);
}

#[test]
fn export_never_replaces_someone_elses_file_without_force() {
    let data = workbook_with(WITH_FUTURE_GRANT);
    let out_dir = tempfile::tempdir().expect("temp dir");
    let file = out_dir.path().join("notes.ics");
    fs::write(&file, "BEGIN:VCALENDAR\r\nPRODID:-//Other//EN\r\n").expect("write");
    let file_arg = file.display().to_string();
    let out = careerbook(
        data.path(),
        &["export", "--format", "ics", "--out", &file_arg],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not a file careerbook wrote"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(&file).expect("read"),
        "BEGIN:VCALENDAR\r\nPRODID:-//Other//EN\r\n"
    );
    let out = careerbook(
        data.path(),
        &["export", "--format", "ics", "--out", &file_arg, "--force"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("replaced"), "{}", stdout(&out));
    assert!(
        fs::read_to_string(&file)
            .expect("read")
            .contains("PRODID:-//careerbook//EN")
    );

    // A missing directory or a directory as the target: status 1, nothing written.
    let missing = out_dir.path().join("no/such/dir.ics").display().to_string();
    let out = careerbook(
        data.path(),
        &["export", "--format", "ics", "--out", &missing],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let dir_arg = out_dir.path().display().to_string();
    let out = careerbook(
        data.path(),
        &["export", "--format", "ics", "--out", &dir_arg],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // A format careerbook does not write is wrong usage.
    let out = careerbook(
        data.path(),
        &["export", "--format", "csv", "--out", &file_arg],
    );
    assert_eq!(out.status.code(), Some(2));
}
