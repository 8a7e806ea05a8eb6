//! `careerbook offer add|edit|accept|what-if`, `offers` and `current-job`:
//! the real binary against temporary data directories, and two writers on
//! one offer.

mod common;

use careerbook::domain::edit::{Edit, Kind};
use careerbook::domain::offers::Offer;
use careerbook::store::{OpenOptions, Paths, Session};
use common::cli::{careerbook, demo_dir, files, ok, stderr, stdout};
use rust_decimal_macros::dec;
use serde_json::{Value, json};
use std::fs;
use std::path::Path;
use std::process::Command;

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).expect("JSON")
}

/// The issue's offer, added with the issue's flags.
const ISSUE_OFFER: &[&str] = &[
    "offer",
    "add",
    "Northwind",
    "--role",
    "Staff SRE",
    "--base",
    "200k",
    "--bonus-pct",
    "10",
    "--sign-on",
    "$20,000",
    "--sign-on-clawback-months",
    "12",
    "--shares",
    "400",
    "--price",
    "100",
    "--schedule",
    "annual",
    "--start",
    "2027-01-04",
];

fn with_format_json(args: &[&str]) -> Vec<String> {
    args.iter()
        .copied()
        .chain(["--format", "json"])
        .map(String::from)
        .collect()
}

fn added_id(dir: &Path, args: &[&str]) -> u64 {
    let args = with_format_json(args);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    json(dir, &args)["id"].as_u64().expect("an id")
}

#[test]
fn the_issue_offer_from_the_shell_compares_as_the_issue_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = ok(dir.path(), ISSUE_OFFER);
    assert!(
        text.starts_with("Added offer #1: Northwind — Staff SRE\n"),
        "{text}"
    );
    assert!(
        text.contains("  sign-on      $20,000.00 paid 4 Jan 2027; 12-month clawback, prorated\n"),
        "{text}"
    );
    ok(
        dir.path(),
        &["current-job", "--base", "180000", "--bonus-pct", "10%"],
    );
    let columns = json(dir.path(), &["offers", "--format", "json"]);
    // Stay: 180,000 + 10% = 198,000 a year, no grants: 792,000 over four years.
    // Northwind: 240,000 + 10,000 in year 1, 220,000 + 10,000 after: 940,000.
    // Both columns hold the current job from today (26 Nov 2026) to the start:
    // 39 days × 198,000 ÷ 365 = 21,156.164… → 21,156.16. Totals 813,156.16
    // and 961,156.16: Northwind is 148,000 more than Stay.
    let year = |y: u32, cash: &str, equity: &str, total: &str| json!({"year": y, "cash": cash, "equity": equity, "total": total});
    assert_eq!(
        columns,
        json!([
            {"name": "Stay", "start": "2027-01-04", "current_job": "21156.16", "years": [
                year(1, "198000.00", "0.00", "198000.00"),
                year(2, "198000.00", "0.00", "198000.00"),
                year(3, "198000.00", "0.00", "198000.00"),
                year(4, "198000.00", "0.00", "198000.00"),
            ], "total_4y": "792000.00", "total": "813156.16", "vs_stay": "0.00"},
            {"name": "Northwind", "start": "2027-01-04", "current_job": "21156.16", "years": [
                year(1, "240000.00", "10000.00", "250000.00"),
                year(2, "220000.00", "10000.00", "230000.00"),
                year(3, "220000.00", "10000.00", "230000.00"),
                year(4, "220000.00", "10000.00", "230000.00"),
            ], "total_4y": "940000.00", "total": "961156.16", "vs_stay": "148000.00"},
        ])
    );
    let table = ok(dir.path(), &["offers"]);
    assert!(
        table.contains("Year 1 cash         $198,000.00     $240,000.00\n       equity             $0.00      $10,000.00\n       total        $198,000.00     $250,000.00\n"),
        "{table}"
    );
    assert!(
        table.contains("vs Stay                   $0.00    +$148,000.00\n"),
        "{table}"
    );
    let explained = ok(dir.path(), &["offers", "--explain"]);
    assert!(
        explained.contains("    Equity = 100 × $100.00 = $10,000.00.\n"),
        "{explained}"
    );
    assert!(
        explained.contains("    Against Stay = $961,156.16 − $813,156.16 = $148,000.00.\n"),
        "{explained}"
    );
}

#[test]
fn the_saved_offer_comes_back_as_json_with_its_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = with_format_json(ISSUE_OFFER);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let offer = json(dir.path(), &args);
    assert_eq!(
        offer,
        json!({
            "id": 1, "company": "Northwind", "role": "Staff SRE", "application": null,
            "start": "2027-01-04", "base": "200000.00", "bonus_percent": "10",
            "bonus": "20000.00", "sign_on": "20000.00", "sign_on_paid_after_months": 0,
            "sign_on_clawback_months": 12, "sign_on_prorated": true, "shares": "400",
            "price": "100.00", "equity_value": null, "strike": null, "schedule": "annual",
            "illiquid": false, "health_monthly": null,
        })
    );
    // A value converted at a price, options with a strike, a cheaper health plan.
    let globex = json(
        dir.path(),
        &[
            "offer",
            "add",
            "Globex",
            "--base",
            "185k",
            "--equity-value",
            "110k",
            "--price",
            "8",
            "--strike",
            "2.50",
            "--health-diff",
            "-45",
            "--start",
            "+3m",
            "--format",
            "json",
        ],
    );
    // 110,000 ÷ 8 = 13,750 options; 3 months after 2026-11-26.
    assert_eq!(globex["shares"], "13750");
    assert_eq!(globex["equity_value"], "110000.00");
    assert_eq!(globex["illiquid"], true);
    assert_eq!(globex["schedule"], "cliff_monthly", "the default schedule");
    assert_eq!(globex["health_monthly"], "-45.00");
    assert_eq!(globex["start"], "2027-02-26");
}

#[test]
fn edit_changes_only_what_is_given() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = added_id(dir.path(), ISSUE_OFFER).to_string();
    let edited = json(
        dir.path(),
        &[
            "offer",
            "edit",
            &id,
            "--base",
            "210k",
            "--schedule",
            "meta",
            "--format",
            "json",
        ],
    );
    assert_eq!(edited["base"], "210000.00");
    assert_eq!(edited["schedule"], "meta_quarterly");
    assert_eq!(edited["bonus"], "21000.00", "10% of the new base");
    assert_eq!(edited["sign_on"], "20000.00", "untouched");
    assert_eq!(edited["shares"], "400", "untouched");
    // 0 takes a part off; `none` unlinks; "" takes the role off.
    let edited = json(
        dir.path(),
        &[
            "offer",
            "edit",
            &id,
            "--sign-on",
            "0",
            "--bonus",
            "0",
            "--role",
            "",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        (&edited["sign_on"], &edited["bonus"], &edited["role"]),
        (&Value::Null, &Value::Null, &Value::Null)
    );
    // Nothing to change: said so, file untouched.
    let before = files(dir.path());
    let text = ok(dir.path(), &["offer", "edit", &id, "--base", "210000"]);
    assert!(
        text.starts_with(&format!("Unchanged offer #{id}")),
        "{text}"
    );
    assert_eq!(files(dir.path()), before);
}

#[test]
fn bad_values_exit_2_name_the_flag_and_change_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = [
        "offer",
        "add",
        "Acme",
        "--base",
        "150k",
        "--start",
        "2027-01-04",
    ];
    let cases: &[(&[&str], &str)] = &[
        (
            &["--bonus-pct", "lots"],
            "--bonus-pct/--bonus: \"lots\" is not a percentage",
        ),
        (&["--shares", "100"], "--shares: give the share price"),
        (
            &["--equity-value", "50k"],
            "--equity-value: give the share price",
        ),
        (
            &["--equity-value", "50", "--price", "100"],
            "is less than one share",
        ),
        (
            &["--shares", "10", "--price", "5", "--schedule", "custom"],
            "--schedule: custom vest dates are not available for offers yet (choose one of: annual, amazon, cliff_monthly, cliff_quarterly, meta_quarterly, google)",
        ),
        (
            &[
                "--shares",
                "10",
                "--price",
                "5",
                "--schedule",
                "fortnightly",
            ],
            "(choose one of: annual, amazon, cliff_monthly",
        ),
        (
            &["--sign-on-clawback-months", "12"],
            "give the sign-on bonus too",
        ),
        (
            &["--application", "42"],
            "--application: there is no application #42",
        ),
        (
            &["--strike=-1", "--shares", "10", "--price", "5"],
            "--strike: a strike price is from 0",
        ),
        (&["--health-diff", "a lot"], "--health-diff"),
    ];
    for (extra, message) in cases {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        let out = careerbook(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("nothing was changed"),
            "{}",
            stderr(&out)
        );
        assert!(
            !dir.path().join("workbook.ron").exists(),
            "{args:?} created a workbook"
        );
    }
    let out = careerbook(
        dir.path(),
        &[
            "offer", "add", "Acme", "--base", "150k", "--start", "someday",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--start: \"someday\" is not a date"),
        "{}",
        stderr(&out)
    );
    // Unknown ids, for edit, accept and the what-if alike.
    for args in [
        &["offer", "edit", "7", "--base", "1"][..],
        &["offer", "accept", "7"],
        &["offer", "what-if", "7", "--start", "2027-01-04"],
    ] {
        let out = careerbook(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("ID: there is no offer #7"),
            "{}",
            stderr(&out)
        );
    }
    assert!(!dir.path().join("workbook.ron").exists());
    let out = careerbook(
        dir.path(),
        &["current-job", "--resigning-forfeits-severance", "maybe"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("\"maybe\" is not a yes or no (choose one of: yes, no)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn current_job_prints_what_stay_counts_and_takes_yes_or_no() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = ok(dir.path(), &["current-job"]);
    assert!(text.starts_with("Current job: not entered yet"), "{text}");
    assert!(
        !dir.path().join("workbook.ron").exists(),
        "reading creates nothing"
    );
    let saved = json(
        dir.path(),
        &[
            "current-job",
            "--base",
            "178k",
            "--bonus",
            "20k",
            "--resigning-forfeits-severance",
            "no",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        saved,
        json!({"base": "178000.00", "bonus_percent": null, "bonus": "20000.00", "resigning_forfeits_severance": false})
    );
    let text = ok(dir.path(), &["current-job", "--bonus-pct", "15"]);
    assert_eq!(
        text,
        "Current job: base $178,000.00 + target bonus (15% of base) $26,700.00 = $204,700.00 a year\n\
         Resigning before your last day on payroll forfeits the severance: no\n"
    );
    // The commands saved to the journal; folding it in rewrites the file.
    ok(dir.path(), &["compact"]);
    let file = fs::read_to_string(dir.path().join("workbook.ron")).expect("read");
    assert!(
        file.contains("resigning_forfeits_severance: false"),
        "{file}"
    );
    ok(
        dir.path(),
        &["current-job", "--resigning-forfeits-severance", "YES"],
    );
    ok(dir.path(), &["compact"]);
    let file = fs::read_to_string(dir.path().join("workbook.ron")).expect("read");
    assert!(
        !file.contains("resigning_forfeits_severance"),
        "the default is left out of the file: {file}"
    );
}

#[test]
fn accept_sets_the_runway_new_job_and_moves_the_application() {
    let dir = demo_dir();
    // The demo's application #52 (Northwind Cloud, interviewing).
    let id = added_id(
        dir.path(),
        &[
            "offer",
            "add",
            "Northwind Cloud",
            "--application",
            "52",
            "--base",
            "192k",
            "--start",
            "2027-02-10",
        ],
    )
    .to_string();
    // Moving the application to accepted only says how to carry the offer over.
    let moved = ok(dir.path(), &["apps", "move", "52", "accepted"]);
    assert!(
        moved.contains(&format!(
            "Offer #{id} answers it: `careerbook offer accept {id}` sets the Runway tab's new job from it."
        )),
        "{moved}"
    );
    let runway: Value = json(dir.path(), &["runway", "--format", "json"]);
    assert!(runway["runway_months"].is_number());
    let before = fs::read_to_string(dir.path().join("workbook.ron")).expect("read");
    assert!(
        before.contains("start: \"2027-06-01\""),
        "the demo's scenario"
    );
    // 192,000 × (1 − 0.2965) ÷ 12 = 135,072 ÷ 12 = 11,256.00.
    let accepted = json(dir.path(), &["offer", "accept", &id, "--format", "json"]);
    assert_eq!(accepted["offer"], id.parse::<u64>().expect("id"));
    assert_eq!(
        accepted["new_job"],
        json!({"start": "2027-02-10", "monthly_net": "11256.00"})
    );
    assert_eq!(accepted["application"], Value::Null, "already accepted");
    let text = ok(dir.path(), &["runway"]);
    assert!(
        text.contains("New job from 10 Feb 2027 ($11,256.00/month)"),
        "{text}"
    );
}

#[test]
fn accept_from_the_offer_moves_its_application_in_the_same_save() {
    let dir = demo_dir();
    let id = added_id(
        dir.path(),
        &[
            "offer",
            "add",
            "Brightline",
            "--application",
            "54",
            "--base",
            "170k",
            "--start",
            "2027-01-11",
        ],
    )
    .to_string();
    let text = ok(dir.path(), &["offer", "accept", &id]);
    assert!(
        text.contains(
            "  application  #54 Brightline Consulting — AWS Practice Lead moved to accepted\n"
        ),
        "{text}"
    );
    // 2027-01-11 comes before the demo's last day on payroll, 2027-02-09.
    assert!(
        text.contains("This start comes before your last day on payroll, 9 Feb 2027: it means leaving on 10 Jan 2027, forfeiting the severance (as set)."),
        "{text}"
    );
    let apps = json(dir.path(), &["apps", "--format", "json"]);
    let app = apps
        .as_array()
        .and_then(|a| a.iter().find(|a| a["id"] == 54))
        .expect("#54");
    assert_eq!(app["stage"], "accepted");
}

#[test]
fn the_what_if_from_the_shell_weighs_an_earlier_start() {
    let dir = demo_dir();
    ok(
        dir.path(),
        &["current-job", "--base", "146000", "--bonus", "0"],
    );
    let id = added_id(
        dir.path(),
        &[
            "offer",
            "add",
            "Globex",
            "--base",
            "182500",
            "--start",
            "2027-02-10",
        ],
    )
    .to_string();
    let report = json(
        dir.path(),
        &[
            "offer",
            "what-if",
            &id,
            "--start",
            "2027-01-11",
            "--format",
            "json",
        ],
    );
    // The demo: last day 2027-02-09; severance 9 weeks × 178,000/52 = 30,807.69.
    // 30 days earlier: the offer pays 182,500 × 30/365 = 15,000.00 more; the
    // current job 146,000 × 30/365 = 12,000.00 less (leaving 2027-01-10); the
    // severance is forfeited; no vest falls between. Net 15,000 − 12,000 −
    // 30,807.69 = −27,807.69.
    assert_eq!(report["leave_new"], "2027-01-10");
    assert_eq!(report["leave_saved"], "2027-02-09");
    let change = |key: &str| {
        report["changes"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["change"] == key))
            .map(|c| c["amount"].clone())
    };
    assert_eq!(change("offer_pay"), Some(json!("15000.00")));
    assert_eq!(change("current_pay"), Some(json!("-12000.00")));
    assert_eq!(change("severance"), Some(json!("-30807.69")));
    assert_eq!(change("vests"), Some(json!("0.00")));
    assert_eq!(report["net"], "-27807.69");
    let text = ok(
        dir.path(),
        &["offer", "what-if", &id, "--start", "2027-01-11"],
    );
    assert!(
        text.starts_with(&format!(
            "Starting Globex (#{id}) on 11 Jan 2027 instead of 10 Feb 2027 (30 days earlier)\n"
        )),
        "{text}"
    );
    assert!(
        text.contains("  Net                   -$27,807.69\n"),
        "{text}"
    );
    assert!(text.contains("How each is worked out:"), "{text}");
}

#[test]
fn hostile_text_in_a_company_name_never_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("temp dir");
    let company = "Evil\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}Corp\nNext";
    let out = careerbook(
        dir.path(),
        &[
            "offer",
            "add",
            company,
            "--base",
            "100k",
            "--start",
            "2027-01-04",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for args in [
        &["offers"][..],
        &["offers", "--explain"],
        &["offer", "what-if", "1", "--start", "2027-02-01"],
    ] {
        let shown = stdout(&careerbook(dir.path(), args));
        assert!(
            !shown.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{args:?}: {shown:?}"
        );
        assert!(shown.contains("Evil␛[2J"), "{args:?}: {shown}");
    }
    // JSON keeps the exact name, escaped.
    let raw = stdout(&careerbook(dir.path(), &["offers", "--format", "json"]));
    assert!(!raw.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{raw:?}");
    let columns: Value = serde_json::from_str(&raw).expect("JSON");
    assert_eq!(columns[1]["name"], company);
    // And the file keeps it exactly too.
    let session = open(&Paths::in_dir(dir.path()));
    assert_eq!(session.workbook().pipeline.offers[0].company, company);
}

fn open(paths: &Paths) -> Session {
    Session::open(
        paths.clone(),
        OpenOptions {
            create: true,
            hold_lock: false,
        },
    )
    .expect("open")
}

#[test]
fn two_writers_editing_one_offer_keep_both_changes_and_a_clash_becomes_a_conflict() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id: u64 = added_id(dir.path(), ISSUE_OFFER);
    let paths = Paths::in_dir(dir.path());
    let (mut a, mut b) = (open(&paths), open(&paths));
    let base = |s: &Session| -> Offer { s.workbook().pipeline.offers[0].clone() };
    let opened = base(&a);
    // Window B changes the base and the start; window A, opened before, the price.
    let mut theirs = base(&b);
    theirs.base = dec!(210000);
    theirs.start = careerbook::domain::dates::parse_iso("2027-02-01").expect("date");
    b.apply(Edit::update(opened.clone(), theirs))
        .expect("valid")
        .saved
        .expect("saved");
    let mut ours = opened.clone();
    if let Some(equity) = ours.equity.as_mut() {
        equity.price = dec!(120);
    }
    ours.start = careerbook::domain::dates::parse_iso("2027-03-01").expect("date");
    a.apply(Edit::update(opened, ours))
        .expect("valid")
        .saved
        .expect("saved");
    let stored = base(&open(&paths));
    assert_eq!(stored.base, dec!(210000), "B's base is kept");
    assert_eq!(
        stored.equity.map(|e| e.price),
        Some(dec!(120)),
        "A's price is kept"
    );
    // Both moved the start: theirs stays, ours is a conflict to pick.
    assert_eq!(
        stored.start,
        careerbook::domain::dates::parse_iso("2027-02-01").expect("date")
    );
    let conflicts = json(dir.path(), &["conflicts", "--format", "json"]);
    let text = conflicts.to_string();
    assert!(
        text.contains("\"start\"") && text.contains("2027-03-01"),
        "{text}"
    );
    assert_eq!(
        careerbook::domain::conflict::Target::Record(Kind::Offer, id),
        open(&paths).workbook().conflicts[0].about
    );
}

#[test]
fn two_commands_editing_one_offer_at_once_both_land() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = added_id(dir.path(), ISSUE_OFFER).to_string();
    for _ in 0..5 {
        let edits = [
            ["--base", "205000"],
            ["--health-diff", "75"],
            ["--bonus-pct", "12"],
            ["--price", "110"],
        ];
        let children: Vec<_> = edits
            .iter()
            .map(|flags| {
                Command::new(env!("CARGO_BIN_EXE_careerbook"))
                    .arg("--data-dir")
                    .arg(dir.path())
                    .args(["offer", "edit", &id])
                    .args(flags)
                    .env("CAREERBOOK_TODAY", "2026-11-26")
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for mut child in children {
            assert!(child.wait().expect("wait").success());
        }
        let offers = json(dir.path(), &["offers", "--format", "json"]);
        // 205,000 + 12% (24,600) − 12 × 75 (900) = 228,700 cash a year; 100 × $110 equity.
        assert_eq!(offers[1]["years"][1]["cash"], "228700.00", "{offers}");
        assert_eq!(offers[1]["years"][1]["equity"], "11000.00", "{offers}");
        // Put it back for the next round.
        ok(
            dir.path(),
            &[
                "offer",
                "edit",
                &id,
                "--base",
                "200k",
                "--health-diff",
                "0",
                "--bonus-pct",
                "10",
                "--price",
                "100",
            ],
        );
    }
}
