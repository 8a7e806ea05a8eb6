//! `careerbook runway`: the real binary against temporary data directories.

mod common;

use common::cli::{careerbook, stderr, stdout};

use std::fs;
use std::process::Output;

fn demo(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut all = vec!["--demo"];
    all.extend_from_slice(args);
    careerbook(dir.path(), &all)
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

/// $60,000 cash, $4,500 essential + $1,500 other a month: 10.00 months.
const SIMPLE: &str = r#"(
    version: 2,
    next_id: 10,
    runway: (
        accounts: [(id: 1, name: "Savings", balance: "60000", as_of: "2026-11-20")],
        expenses: [
            (id: 2, name: "Rent and food", monthly: "4500", essential: true),
            (id: 3, name: "Travel", monthly: "1500", essential: false),
        ],
    ),
)"#;

fn workbook(ron: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("workbook.ron"), ron).expect("write workbook");
    dir
}

#[test]
fn text_prints_the_headline_and_the_months_until_a_little_after_the_money_runs_out() {
    let out = demo(&["runway"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    // Not a terminal: nothing is wrapped, so every month is one line.
    assert_eq!(
        lines[..6],
        [
            "Runway 22.52 months — money lasts until 11 Oct 2028 · essentials only 26.71 months",
            "New job from 1 Jun 2027 ($10,400.00/month): with it beyond 10 years · without it 22.52 months (the table is without it)",
            "Vest proceeds: on; no priced vests before the last day to count",
            "Starts 26 Nov 2026 (today); each month runs to the same day of the next month.",
            "",
            "Month        Opening      Income   Spending      Closing  Streams",
        ]
    );
    assert_eq!(
        lines[6],
        "2026-11   $66,900.00   $9,850.00  $6,085.00   $70,665.00  notice"
    );
    // The money runs out in month 23 (2028-09); three more months follow it.
    assert!(text.contains("2028-09    $3,145.29       $0.00  $6,085.00   -$2,939.71"));
    assert!(text.contains("\n2028-12  "));
    assert!(!text.contains("\n2029-01  "));
    assert!(text.contains("Showing 26 of 120 months; --all prints every month."));
    assert!(text.contains(
        "\n2027-01   $74,430.00  $33,818.34  $8,285.00   $99,963.34  severance, notice, benefit, one-off in, one-off out\n"
    ), "{text}");
    // 6 lines above the table, its header, 26 months, a blank line and the note.
    assert_eq!(lines.len(), 6 + 26 + 2, "{text}");
}

#[test]
fn all_prints_every_month() {
    let out = demo(&["runway", "--all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let rows = text.lines().filter(|l| l.starts_with("20")).count();
    assert_eq!(rows, 120);
    assert!(!text.contains("--all prints"));
}

#[test]
fn json_has_the_documented_shape_and_the_same_figures() {
    let out = demo(&["runway", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let value = json(&out);
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "essentials_runway_months",
            "months",
            "new_job",
            "runway_months",
            "start",
            "warnings",
            "zero_date"
        ],
        "exactly the documented fields (no `missing` when there is a projection)"
    );
    assert_eq!(value["runway_months"], 22.52);
    assert_eq!(value["essentials_runway_months"], 26.71);
    assert_eq!(value["zero_date"], "2028-10-11");
    assert_eq!(value["start"], "2026-11-26");
    let months = value["months"].as_array().expect("months");
    assert_eq!(months.len(), 120);
    assert_eq!(
        months[0],
        serde_json::json!({
            "month": "2026-11",
            "opening": "66900.00",
            "income": "9850.00",
            "spending": "6085.00",
            "closing": "70665.00",
        })
    );
    assert_eq!(months[22]["month"], "2028-09");
    assert_eq!(months[22]["closing"], "-2939.71");
    // The demo's new job, as the text's line says it; no date at odds with
    // its last day.
    assert_eq!(value["new_job"]["start"], "2027-06-01");
    assert_eq!(value["new_job"]["monthly_net"], "10400.00");
    assert_eq!(value["new_job"]["without"]["runway_months"], 22.52);
    assert_eq!(value["warnings"], serde_json::json!([]));
}

#[test]
fn json_has_the_runway_with_the_new_job_as_the_text_does() {
    // SIMPLE (10.00 months from 26 Nov 2026, to 26 Sep 2027) and a job from
    // 1 Jun 2027 paying $9,000 a month net, more than the $6,000 spent: with
    // it the money lasts beyond the horizon.
    let dir = workbook(&SIMPLE.replace(
        "    ),
)",
        "        new_job: Some((start: \"2027-06-01\", monthly_net: \"9000\")),\n    ),\n)",
    ));
    let text = stdout(&careerbook(dir.path(), &["runway"]));
    assert!(
        text.contains(
            "New job from 1 Jun 2027 ($9,000.00/month): with it beyond 10 years · without it \
             10.00 months"
        ),
        "{text}"
    );
    let value = json(&careerbook(dir.path(), &["runway", "--format", "json"]));
    assert_eq!(
        value["new_job"],
        serde_json::json!({
            "start": "2027-06-01",
            "monthly_net": "9000.00",
            "with": {"runway_months": null, "zero_date": null},
            "without": {"runway_months": 10.0, "zero_date": "2027-09-26"},
        })
    );
    // The headline figures stay those without it, as the text's table.
    assert_eq!(value["runway_months"], 10.0);
}

#[test]
fn a_simple_plan_lasts_ten_months_in_both_formats() {
    let dir = workbook(SIMPLE);
    let out = careerbook(dir.path(), &["runway"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(
        "Runway 10.00 months — money lasts until 26 Sep 2027 · essentials only 13.33 months\n"
    ));
    let out = careerbook(dir.path(), &["runway", "--format", "json"]);
    let value = json(&out);
    assert_eq!(value["runway_months"], 10.0);
    assert_eq!(value["zero_date"], "2027-09-26");
    assert_eq!(value["months"][9]["closing"], "0.00");
    assert_eq!(value["months"][10]["closing"], "-6000.00");
}

#[test]
fn money_that_outlasts_the_horizon_is_said_plainly_and_null_in_json() {
    let dir = workbook(&SIMPLE.replace("\"60000\"", "\"1000000\""));
    let out = careerbook(dir.path(), &["runway"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // 1,000,000 ÷ 6,000 ≈ 167 months and ÷ 4,500 ≈ 222: both beyond 120.
    assert!(stdout(&out).starts_with(
        "Money lasts beyond 10 years (projected to 26 Nov 2036) · essentials only beyond 10 years\n"
    ), "{}", stdout(&out));
    assert!(stdout(&out).contains("Showing 24 of 120 months"));
    let value = json(&careerbook(dir.path(), &["runway", "--format", "json"]));
    assert_eq!(value["runway_months"], serde_json::Value::Null);
    assert_eq!(value["essentials_runway_months"], serde_json::Value::Null);
    assert_eq!(value["zero_date"], serde_json::Value::Null);
    assert_eq!(value["months"].as_array().map(Vec::len), Some(120));
}

#[test]
fn a_fresh_data_dir_asks_for_inputs_and_invents_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("fresh");
    let out = careerbook(&data, &["runway"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "No runway yet: add your cash accounts and your monthly spending first (nothing \
         is estimated without them). Open careerbook and press 3 for the Runway tab to \
         enter them.\n"
    );
    assert!(
        !data.join("workbook.ron").exists(),
        "reading creates nothing"
    );

    let out = careerbook(&data, &["runway", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        json(&out),
        serde_json::json!({
            "runway_months": null,
            "essentials_runway_months": null,
            "zero_date": null,
            "start": "2026-11-26",
            "months": [],
            "new_job": null,
            "warnings": [],
            "missing": ["your cash accounts", "your monthly spending"],
        })
    );
}

#[test]
fn an_invalid_saved_plan_fails_with_its_field_named_and_nothing_changed() {
    let ron = SIMPLE.replace("\"60000\"", "\"-60000\"");
    let dir = workbook(&ron);
    let before = fs::read(dir.path().join("workbook.ron")).expect("file");
    for format in ["text", "json"] {
        let out = careerbook(dir.path(), &["runway", "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(err.contains("balance: cannot be negative"), "{err}");
        assert!(err.contains("fix them in the Runway tab"), "{err}");
    }
    assert_eq!(
        fs::read(dir.path().join("workbook.ron")).expect("file"),
        before
    );
}

#[test]
fn a_wrong_format_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = careerbook(dir.path(), &["runway", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format"), "{}", stderr(&out));
}

#[test]
fn dates_left_behind_by_a_moved_last_day_are_warned_about_in_text_and_json() {
    // The demo with its last day moved from 9 Feb to 31 Mar 2027 and nothing else:
    // paid notice (ends 9 Feb), severance (paid 20 Feb), the benefit (23 Feb) and
    // COBRA (1 Mar) all fall before it. Each gets a `! ` line after the headline lines.
    let demo = careerbook::store::demo::DEMO_RON;
    let moved = demo.replace(
        r#"separation: Some("2027-02-09")"#,
        r#"separation: Some("2027-03-31")"#,
    );
    assert_ne!(moved, demo, "the demo's last day was found");
    let dir = workbook(&moved);
    let out = careerbook(dir.path(), &["runway"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let starts = lines
        .iter()
        .position(|l| l.starts_with("Starts "))
        .unwrap_or_else(|| panic!("no start line:\n{text}"));
    assert_eq!(
        lines[starts + 1..starts + 6],
        [
            "! paid notice ends 9 Feb 2027 but your last day on payroll is 31 Mar 2027: is one of them out of date?",
            "! severance is paid 20 Feb 2027, before your last day on payroll (31 Mar 2027): is one of them out of date?",
            "! unemployment benefit starts 23 Feb 2027, before your last day on payroll (31 Mar 2027): no benefit is paid while you are still on payroll",
            "! COBRA (single) starts 1 Mar 2027, before your last day on payroll (31 Mar 2027): your job's cover runs until then",
            "",
        ],
        "{text}"
    );
    assert!(lines[starts + 6].starts_with("Month "), "{text}");
    // JSON has the same warnings, each with the input it concerns.
    let value = json(&careerbook(dir.path(), &["runway", "--format", "json"]));
    let warnings = value["warnings"].as_array().expect("warnings");
    let fields: Vec<&str> = warnings
        .iter()
        .map(|w| w["field"].as_str().expect("field"))
        .collect();
    assert_eq!(fields, ["notice", "severance", "benefit", "cover"]);
    assert_eq!(
        warnings[1]["message"],
        "severance is paid 20 Feb 2027, before your last day on payroll (31 Mar 2027): is one \
         of them out of date?"
    );
}
