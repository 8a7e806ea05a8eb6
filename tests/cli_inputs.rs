//! Every input from the shell (issue 14): `notice`, `account`, `expense`,
//! `severance`, `benefit`, `cover`, `grant`, `price`, `contact`, `set`, the
//! LinkedIn imports and `apply`'s duplicate check. Each prints what it
//! saved (`--format json`: the record as stored) and refuses a bad value with
//! status 2, changing nothing. "Today" is Thursday 2026-11-26.

mod common;

use common::cli::{careerbook, demo_dir, ok, stderr, stdout};
use serde_json::{Value, json};
use std::fs;
use std::path::Path;

fn json_of(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).expect("JSON")
}

fn workbook_bytes(dir: &Path) -> Option<Vec<u8>> {
    fs::read(dir.join("workbook.ron")).ok()
}

/// Runs `args`, which must be refused with status 2 naming `flag`, and
/// checks the workbook is exactly as it was (or still absent).
fn refused(dir: &Path, args: &[&str], flag: &str) -> String {
    let before = workbook_bytes(dir);
    let out = careerbook(dir, args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?}: {}{}",
        stdout(&out),
        stderr(&out)
    );
    let message = stderr(&out);
    assert!(message.contains(flag), "{args:?}: {message}");
    assert!(out.stdout.is_empty(), "{args:?} printed {}", stdout(&out));
    assert_eq!(workbook_bytes(dir), before, "{args:?} changed the workbook");
    message
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn notice_saves_the_terms_and_the_last_day_and_prints_the_deadlines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = ok(
        dir.path(),
        &[
            "notice",
            "--date",
            "2026-11-12",
            "--review-days",
            "21",
            "--last-day",
            "2027-02-09",
        ],
    );
    assert_eq!(
        text,
        "Notice saved: given 12 Nov 2026, 21 days to review the severance agreement.\n\
         Last day on payroll: 9 Feb 2027.\n\
         Deadlines:\n\
         \x20 2026-12-03  Severance agreement review window closes\n\
         \x20 2027-02-09  Separation: last day on payroll\n\
         \x20 2027-02-16  File for unemployment by\n\
         \x20 2027-02-28  Job health cover ends (assumed cover end)\n\
         \x20 2027-04-29  COBRA election window closes (assumed cover end)\n\
         \x20 2027-04-29  ACA special enrollment closes (assumed cover end)\n"
    );
    // A later call changes only what it names; the rest is kept.
    let saved = json_of(
        dir.path(),
        &[
            "notice",
            "--cover-ends",
            "2027-03-15",
            "--paid",
            "9,850",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        saved["notice"],
        json!({"date": "2026-11-12", "review_days": 21, "cover_ends": "2027-03-15"})
    );
    assert_eq!(saved["last_day"], "2027-02-09");
    assert_eq!(
        saved["paid_notice"],
        json!({"start": "2026-11-12", "end": "2027-02-09", "monthly_net": "9850"})
    );
    // Mar 15 + 60 days = May 14: the COBRA window follows the real cover end.
    let cobra = saved["deadlines"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|d| d["title"] == "COBRA election window closes")
        })
        .expect("COBRA");
    assert_eq!(cobra["date"], "2027-05-14");
    assert_eq!(cobra["assumed"], false);
    // Cover ending before the last day is saved, with a word on stderr.
    let out = careerbook(dir.path(), &["notice", "--cover-ends", "2027-01-31"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("saved, but job cover ends 31 Jan 2027, before your last day"),
        "{}",
        stderr(&out)
    );
    let cleared = json_of(dir.path(), &["notice", "--clear", "--format", "json"]);
    assert_eq!(cleared["notice"], Value::Null);
    assert_eq!(cleared["last_day"], "2027-02-09", "the last day stays");
}

#[test]
fn notice_refuses_bad_values_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Nothing saved yet: a refusal does not even create the workbook.
    refused(dir.path(), &["notice", "--review-days", "21"], "--date");
    refused(
        dir.path(),
        &["notice", "--date", "2026-11-12", "--review-days", "0"],
        "--review-days",
    );
    let message = refused(
        dir.path(),
        &["notice", "--date", "2026-11-12", "--review-days", "181"],
        "--review-days: enter from 1 to 180 days",
    );
    assert!(message.contains("nothing was changed"), "{message}");
    refused(dir.path(), &["notice", "--date", "someday"], "--date");
    refused(
        dir.path(),
        &[
            "notice",
            "--date",
            "2026-11-12",
            "--cover-ends",
            "2026-11-01",
        ],
        "--cover-ends",
    );
    // Without a flag nothing is saved: what is saved is shown.
    let shown = ok(dir.path(), &["notice"]);
    assert!(shown.starts_with("No notice saved yet"), "{shown}");
    refused(
        dir.path(),
        &["notice", "--date", "2026-11-12", "--paid", "9850"],
        "--paid: paid notice runs to the last day",
    );
    assert!(!dir.path().join("workbook.ron").exists());
    ok(dir.path(), &["notice", "--date", "2026-11-12"]);
    let shown = ok(dir.path(), &["notice"]);
    assert!(shown.starts_with("Notice: given 12 Nov 2026.\n"), "{shown}");
    refused(
        dir.path(),
        &["notice", "--review-days", "twenty"],
        "--review-days",
    );
}

#[test]
fn accounts_and_spending_are_added_or_updated_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = json_of(
        dir.path(),
        &[
            "account",
            "Checking",
            "8,400",
            "--as-of",
            "2026-11-20",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        first,
        json!({"id": 1, "name": "Checking", "balance": "8400", "as_of": "2026-11-20"})
    );
    // The same name in other case updates it, as of today unless told.
    let text = ok(dir.path(), &["account", "checking", "$9.1k"]);
    assert!(
        text.starts_with(
            "Updated cash account #1 “Checking”: $9,100.00 (was $8,400.00) as of 26 Nov 2026\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("Runway now: none yet: add your monthly spending"),
        "no spending yet: {text}"
    );
    refused(dir.path(), &["account", "Card", "-300"], "BALANCE");
    refused(dir.path(), &["account", "Card", "lots"], "BALANCE");
    refused(dir.path(), &["account", "  ", "100"], "NAME");

    let rent = json_of(
        dir.path(),
        &["expense", "Rent", "3200", "--essential", "--format", "json"],
    );
    assert_eq!(rent["essential"], true);
    // Updating the amount keeps it essential; --not-essential changes that.
    let again = json_of(dir.path(), &["expense", "rent", "3300", "--format", "json"]);
    assert_eq!(
        (again["id"].clone(), again["essential"].clone()),
        (rent["id"].clone(), json!(true))
    );
    let text = ok(dir.path(), &["expense", "Dining out", "450"]);
    // $9,100 over $3,300 + $450 = $3,750 a month: 2 full months, then
    // $1,600 of $3,750 = 0.43 of the third (half-up).
    assert!(text.contains("Runway now: 2.43 months"), "{text}");
    refused(
        dir.path(),
        &["expense", "Gym", "120", "--essential", "--not-essential"],
        "cannot be used with",
    );
}

#[test]
fn severance_from_an_offer_in_weeks_an_amount_or_a_template() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Without a last day, the pay date must be given.
    refused(
        dir.path(),
        &["severance", "--weeks", "20 weeks", "--base", "160000"],
        "--pay-date",
    );
    // 20 × 160,000 / 52 = 61,538.461… → $61,538.46; net × (1 − 0.2965) = $43,292.31.
    let saved = json_of(
        dir.path(),
        &[
            "severance",
            "--weeks",
            "20 weeks",
            "--base",
            "160k",
            "--pay-date",
            "2027-02-20",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        saved["severance"],
        json!({"entered": {
            "gross": "61538.46",
            "pay_date": "2027-02-20",
            "weeks": "20",
            "annual_base": "160000"
        }})
    );
    assert_eq!(saved["gross"], "61538.46");
    assert_eq!(saved["net"], "43292.31");
    assert_eq!(saved["weeks"], "20");
    refused(
        dir.path(),
        &["severance", "--weeks", "20"],
        "--base: an offer in weeks needs the annual base pay",
    );
    refused(
        dir.path(),
        &["severance", "--weeks", "0", "--base", "1"],
        "--weeks",
    );
    // A template needs the last day on payroll to count service.
    refused(
        dir.path(),
        &[
            "severance",
            "--template",
            "meta 2022",
            "--base",
            "160000",
            "--start",
            "2019-03-01",
            "--pay-date",
            "2027-02-20",
        ],
        "--last-day (careerbook notice)",
    );
    refused(
        dir.path(),
        &[
            "severance",
            "--template",
            "amazon_2025",
            "--base",
            "1",
            "--start",
            "2020-01-01",
        ],
        "--weeks: amazon_2025's formula is not public",
    );
    refused(
        dir.path(),
        &["severance", "--template", "generous", "--base", "1"],
        "meta_2022",
    );
    refused(
        dir.path(),
        &["severance", "--amount", "40000", "--template", "meta_2022"],
        "cannot be used with",
    );
    ok(
        dir.path(),
        &["notice", "--date", "2026-11-12", "--last-day", "2027-01-31"],
    );
    // Meta 2022: 16 + 2 × 7 complete years (2019-03-01 to 2027-01-31) = 30
    // weeks; 30 × 160,000 / 52 = $92,307.69.
    let text = ok(
        dir.path(),
        &[
            "severance",
            "--template",
            "meta_2022",
            "--base",
            "160000",
            "--start",
            "2019-03-01",
        ],
    );
    assert!(
        text.starts_with("Severance set: 30 weeks, $92,307.69 gross"),
        "{text}"
    );
    assert!(
        text.contains("paid 31 Jan 2027"),
        "the last day by default: {text}"
    );
    // Generic with its flags: 2 + 1 × 7 = 9, at least 10 → 10 weeks.
    let generic = json_of(
        dir.path(),
        &[
            "severance",
            "--template",
            "generic",
            "--base-weeks",
            "2",
            "--min-weeks",
            "10",
            "--base",
            "52000",
            "--start",
            "2019-03-01",
            "--format",
            "json",
        ],
    );
    assert_eq!(generic["weeks"], "10");
    assert_eq!(generic["gross"], "10000.00");
}

#[test]
fn benefit_and_cover_take_their_defaults_from_the_last_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    refused(
        dir.path(),
        &["benefit", "--weekly", "450"],
        "--first-payment",
    );
    refused(dir.path(), &["cover", "cobra", "single"], "--start");
    ok(
        dir.path(),
        &["notice", "--date", "2026-11-12", "--last-day", "2027-02-09"],
    );
    // Two weeks after the last day; 26 weeks by default.
    let benefit = json_of(
        dir.path(),
        &["benefit", "--weekly", "1,079", "--format", "json"],
    );
    assert_eq!(
        benefit,
        json!({"weekly_amount": "1079", "weeks": 26, "first_payment": "2027-02-23", "waits_for_severance": false})
    );
    refused(
        dir.path(),
        &["benefit", "--weekly", "450", "--weeks", "0"],
        "--weeks",
    );
    // Waiting for severance needs to know how many weeks it stands for.
    ok(dir.path(), &["severance", "--amount", "40000"]);
    refused(
        dir.path(),
        &["benefit", "--weekly", "450", "--waits-for-severance"],
        "--waits-for-severance: enter how many weeks of pay the severance covers",
    );
    // 13 weeks after Feb 9 is May 11: the first payment waits until then.
    ok(
        dir.path(),
        &["severance", "--amount", "40000", "--weeks", "13"],
    );
    let text = ok(
        dir.path(),
        &["benefit", "--weekly", "450", "--waits-for-severance"],
    );
    assert!(
        text.contains("(waits for severance: first paid 11 May 2027)"),
        "{text}"
    );
    // KFF 2025 single: 9,325 × 1.02 ÷ 12 = 792.625 → $792.63, from the day after the last day.
    let cover = json_of(
        dir.path(),
        &["cover", "cobra", "single", "--format", "json"],
    );
    assert_eq!(cover["monthly_premium"], "792.63");
    assert_eq!(cover["start"], "2027-02-10");
    assert_eq!(cover["months"], 18);
    assert_eq!(cover["name"], "COBRA");
    let updated = json_of(
        dir.path(),
        &[
            "cover", "cobra", "650", "--months", "12", "--format", "json",
        ],
    );
    assert_eq!(
        updated["id"], cover["id"],
        "the cover named COBRA is updated"
    );
    refused(
        dir.path(),
        &["cover", "cobra", "650", "--months", "19"],
        "--months: COBRA lasts at most 18 months",
    );
    refused(dir.path(), &["cover", "dental", "40"], "cobra, marketplace");
    refused(dir.path(), &["cover", "marketplace", "cheap"], "PREMIUM");
}

#[test]
fn grants_and_prices_are_added_or_updated() {
    let dir = tempfile::tempdir().expect("temp dir");
    refused(
        dir.path(),
        &[
            "grant",
            "New-hire RSU",
            "--shares",
            "180",
            "--granted",
            "2024-09-16",
            "--schedule",
            "amazon",
        ],
        "--ticker",
    );
    refused(
        dir.path(),
        &[
            "grant",
            "X",
            "--ticker",
            "AMZN",
            "--shares",
            "10",
            "--granted",
            "2024-09-16",
            "--schedule",
            "weekly",
        ],
        "cliff_monthly",
    );
    let grant = json_of(
        dir.path(),
        &[
            "grant",
            "New-hire RSU",
            "--ticker",
            "amzn",
            "--shares",
            "180",
            "--granted",
            "2024-09-16",
            "--schedule",
            "amazon",
            "--format",
            "json",
        ],
    );
    assert_eq!(grant["ticker"], "AMZN");
    assert_eq!(grant["schedule"], "amazon");
    assert_eq!(
        grant["vest_start"], "2024-09-16",
        "the grant date by default"
    );
    // 5% of 180 = 9 on 2025-09-16 and 15% = 27 on 2026-09-16: 36 vested.
    let text = ok(dir.path(), &["grant", "new-hire rsu", "--shares", "200"]);
    assert!(
        text.starts_with("Updated grant #1 “New-hire RSU”: 200 AMZN granted 16 Sep 2024"),
        "{text}"
    );
    assert!(
        text.contains(
            "6 vests: 200 granted → 40 vested by today, 160 to come; next vest 16 Mar 2027: 40 shares"
        ),
        "{text}"
    );
    let custom = json_of(
        dir.path(),
        &[
            "grant",
            "Sign-on",
            "--ticker",
            "ACME",
            "--shares",
            "100",
            "--granted",
            "2025-01-10",
            "--schedule",
            "custom",
            "--tranche",
            "2026-01-10 50%",
            "--tranche",
            "2027-01-10 50%",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        custom["schedule"],
        json!({"custom": {"tranches": [
            {"date": "2026-01-10", "amount": {"percent": "0.5"}},
            {"date": "2027-01-10", "amount": {"percent": "0.5"}},
        ]}})
    );
    refused(
        dir.path(),
        &[
            "grant",
            "Odd",
            "--ticker",
            "A",
            "--shares",
            "10",
            "--granted",
            "2025-01-10",
            "--schedule",
            "custom",
            "--tranche",
            "2026-01-10 60%",
        ],
        "--tranche: the percentages add up to 60%",
    );
    let price = json_of(
        dir.path(),
        &[
            "price",
            "amzn",
            "212.40",
            "--as-of",
            "2026-11-24",
            "--format",
            "json",
        ],
    );
    assert_eq!(price["ticker"], "AMZN");
    let again = json_of(
        dir.path(),
        &[
            "price",
            "AMZN",
            "215",
            "--as-of",
            "2026-11-24",
            "--format",
            "json",
        ],
    );
    assert_eq!(again["id"], price["id"], "the same day's price is replaced");
    assert_eq!(again["price"], "215");
    refused(
        dir.path(),
        &["price", "AMZN", "215", "--as-of", "+1d"],
        "--as-of",
    );
    refused(dir.path(), &["price", "AMZN", "0"], "PRICE");
}

#[test]
fn contacts_and_settings_from_the_shell() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dana = json_of(
        dir.path(),
        &[
            "contact",
            "Dana Whitfield",
            "--company",
            "Northwind Cloud",
            "--relationship",
            "recruiter",
            "--next-touch",
            "+1w",
            "--format",
            "json",
        ],
    );
    assert_eq!(dana["relationship"], "recruiter");
    assert_eq!(dana["next_touch"], "2026-12-03");
    let text = ok(
        dir.path(),
        &[
            "contact",
            "dana whitfield",
            "--position",
            "Recruiter",
            "--contacted",
            "today",
        ],
    );
    assert_eq!(
        text,
        "Updated contact #1 “Dana Whitfield” (recruiter, Recruiter, Northwind Cloud); \
         last contacted 2026-11-26; next touch 2026-12-03\n"
    );
    refused(
        dir.path(),
        &["contact", "Sam", "--relationship", "cousin"],
        "hiring_manager",
    );

    let settings = json_of(dir.path(), &["set", "--format", "json"]);
    assert_eq!(settings["time_to_offer_months"], 3);
    assert_eq!(
        ok(dir.path(), &["set", "time-to-offer", "4 months"]),
        "time-to-offer set to 4 months (was 3 months)\n"
    );
    assert_eq!(
        ok(dir.path(), &["set", "time to offer"]),
        "time-to-offer      4 months\n"
    );
    let saved = json_of(
        dir.path(),
        &["set", "withholding", "32%", "--format", "json"],
    );
    assert_eq!(saved["withholding"], "0.32");
    refused(
        dir.path(),
        &["set", "time-to-offer", "0"],
        "time-to-offer: must be between 1 and 24 months",
    );
    refused(dir.path(), &["set", "withholding", "120%"], "withholding");
    refused(
        dir.path(),
        &["set", "colour", "blue"],
        "time-to-offer, ghost-after",
    );
}

#[test]
fn apply_refuses_an_open_duplicate_unless_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["apply", "Acme, Inc.", "SRE"]);
    let before = workbook_bytes(dir.path());
    let out = careerbook(dir.path(), &["apply", "acme inc", "sre"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("#1 Acme, Inc. — SRE is already open (applied since 2026-11-26)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(workbook_bytes(dir.path()), before);
    let again = json_of(
        dir.path(),
        &["apply", "acme inc", "sre", "--again", "--format", "json"],
    );
    assert_eq!(again["id"], 2);
    // A closed one is no duplicate.
    ok(dir.path(), &["apps", "move", "1", "rejected"]);
    ok(dir.path(), &["apps", "move", "2", "withdrawn"]);
    ok(dir.path(), &["apply", "Acme, Inc.", "SRE"]);
}

#[test]
fn linkedin_job_applications_import_with_their_dates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = fixture("linkedin_job_applications.csv");
    let report = json_of(dir.path(), &["import", "apps", &file, "--format", "json"]);
    let applied: Vec<(&str, &str)> = report["imported"]
        .as_array()
        .expect("imported")
        .iter()
        .map(|a| {
            (
                a["company"].as_str().unwrap_or(""),
                a["applied"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        applied,
        [
            ("Northwind Cloud", "2024-11-14"),
            ("Lumen AI", "2024-11-03"),
            ("Stratus Data, Inc.", "2024-10-28")
        ]
    );
    let again = ok(dir.path(), &["import", "apps", &file]);
    assert!(again.starts_with("Nothing new to import"), "{again}");
}

#[test]
fn linkedin_connections_import_once_keeping_link_email_and_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = fixture("linkedin_connections.csv");
    let text = ok(dir.path(), &["import", "contacts", &file]);
    assert!(
        text.starts_with(&format!("Imported 4 contacts from {file}:\n")),
        "{text}"
    );
    assert!(
        text.contains(
            "#1     Dana Whitfield (recruiter, Senior Technical Recruiter, Northwind Cloud)"
        ),
        "{text}"
    );
    assert!(text.contains("Skipped 1 row with no name: 8"), "{text}");
    assert!(text.contains("Columns not read: Connected On"), "{text}");
    let contacts = json_of(
        dir.path(),
        &["import", "contacts", &file, "--format", "json"],
    );
    assert_eq!(
        contacts["imported"],
        json!([]),
        "never duplicated on re-import"
    );
    assert_eq!(contacts["duplicates"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        contacts["duplicates"][0],
        json!({"row": 5, "same_as_id": 1})
    );
    let dana = json_of(
        dir.path(),
        &["contact", "Dana Whitfield", "--format", "json"],
    );
    assert_eq!(dana["reach"], "dana@northwind.example");
    assert_eq!(dana["position"], "Senior Technical Recruiter");
    assert_eq!(
        dana["link"],
        "https://www.linkedin.com/in/dana-whitfield-example"
    );
    // A file with no name column is refused as a whole.
    let apps = fixture("linkedin_job_applications.csv");
    let other = tempfile::tempdir().expect("temp dir");
    refused(
        other.path(),
        &["import", "contacts", &apps],
        "no header row naming",
    );
    refused(
        other.path(),
        &["import", "contacts", &file, "--relationship", "nemesis"],
        "--relationship",
    );
}

#[test]
fn next_ranks_this_week_first_one_line_each_in_a_pipe() {
    let dir = demo_dir();
    let text = ok(dir.path(), &["next"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 13, "{text}");
    assert!(
        lines[0].starts_with(
            "2026-12-03  Ask for a later last day: 205 shares forfeited · $43,542.00 at stake — Leaving 9 Feb 2027"
        ),
        "{text}"
    );
    assert!(
        lines[1].starts_with(
            "2026-12-03  Review and sign the severance agreement · $30,807.69 at stake"
        ),
        "{text}"
    );
    assert!(
        lines[12].starts_with("2028-07-11  An offer is needed by 11 Jul 2028"),
        "{text}"
    );
    let all = json_of(dir.path(), &["next", "--format", "json"]);
    let first = &all[0];
    let mut keys: Vec<&str> = first
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["at_stake", "attention", "date", "kind", "title", "why"]
    );
    assert_eq!(first["at_stake"], "43542.00");
    assert_eq!(first["kind"], "forfeited_vest");
    assert_eq!(all[2]["at_stake"], Value::Null);
    // Nothing to do prints nothing in a pipe: a win this week, and money
    // that lasts beyond the projection (so no offer is needed by a date).
    let calm = tempfile::tempdir().expect("temp dir");
    ok(calm.path(), &["log", "Shipped the migration"]);
    ok(calm.path(), &["account", "Savings", "2M"]);
    assert_eq!(
        ok(calm.path(), &["next"]),
        "2026-11-26  Enter your monthly spending — Without it there is no runway: no date \
         the money runs out, and so no date an offer is needed by.\n",
        "the runway's inputs are asked for first"
    );
    ok(calm.path(), &["expense", "Rent", "1,000"]);
    assert_eq!(ok(calm.path(), &["next"]), "");
}

/// The ICS properties of the event with `uid`, unfolded.
fn event<'a>(ics: &'a str, uid: &str) -> &'a str {
    let start = ics.find(&format!("UID:{uid}\r\n")).expect(uid);
    let end = start + ics[start..].find("END:VEVENT").expect("end");
    &ics[start..end]
}

#[test]
fn the_calendar_holds_every_deadline_with_a_reminder_and_marks_forfeited_vests() {
    let dir = demo_dir();
    let ics = ok(dir.path(), &["export", "--format", "ics", "--out", "-"]);
    let cobra = event(&ics, "deadline-cobra@careerbook");
    assert!(cobra.contains("DTSTART;VALUE=DATE:20270429\r\n"), "{cobra}");
    assert!(
        cobra.contains("SUMMARY:COBRA election window closes\r\n"),
        "{cobra}"
    );
    assert!(
        cobra.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n") && cobra.contains("TRIGGER:-P3D\r\n"),
        "{cobra}"
    );
    let offer = event(&ics, "offer-needed@careerbook");
    assert!(offer.contains("DTSTART;VALUE=DATE:20280711\r\n"), "{offer}");
    assert!(offer.contains("TRIGGER:-P30D\r\n"), "{offer}");
    // New-hire RSU: 36 shares on 2027-03-16, after the last day (2027-02-09).
    let forfeited = event(&ics, "vest-39-20270316@careerbook");
    assert!(
        forfeited
            .contains("SUMMARY:Forfeited if you leave 9 Feb 2027: 36 AMZN vest (New-hire RSU)\r\n"),
        "{forfeited}"
    );
    assert!(
        !ics.contains("SUMMARY:36 AMZN vest"),
        "never an ordinary vest after the last day"
    );
    assert_eq!(
        ics.matches("BEGIN:VALARM").count(),
        7,
        "6 deadlines and the offer date"
    );
    // A vest already past (2025-09-16) is in no export: a calendar holds
    // what is coming.
    assert!(!ics.contains("UID:vest-39-20250916@careerbook"), "{ics}");
    // --no-forfeited leaves the forfeited out; no vest falls between today
    // (2026-11-26) and the last day, so no vest is left, the deadlines stay.
    let kept = ok(
        dir.path(),
        &["export", "--format", "ics", "--out", "-", "--no-forfeited"],
    );
    assert!(!kept.contains("Forfeited"), "{kept}");
    assert!(!kept.contains("UID:vest-"), "{kept}");
    assert!(kept.contains("UID:deadline-cobra@careerbook"), "{kept}");
    // The same UIDs in every export, so a calendar updates instead of copying.
    let uids = |text: &str| -> Vec<String> {
        let mut all: Vec<String> = text
            .split("\r\n")
            .filter_map(|l| l.strip_prefix("UID:"))
            .map(str::to_string)
            .collect();
        all.sort();
        all
    };
    let again = ok(dir.path(), &["export", "--format", "ics", "--out", "-"]);
    assert_eq!(uids(&again), uids(&ics));
    ok(dir.path(), &["notice", "--cover-ends", "2027-03-31"]);
    let moved = ok(dir.path(), &["export", "--format", "ics", "--out", "-"]);
    assert_eq!(uids(&moved), uids(&ics), "a moved deadline keeps its UID");
    // Mar 31 + 60 days = May 30.
    assert!(event(&moved, "deadline-cobra@careerbook").contains("DTSTART;VALUE=DATE:20270530\r\n"));
}

#[test]
fn hostile_names_are_shown_as_stand_ins_and_saved_as_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = "Evil\u{1b}]0;pwned\u{7}\u{202e}Corp";
    let text = ok(dir.path(), &["account", name, "100"]);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(text.contains("Evil␛]0;pwned␇�Corp"), "{text}");
    let saved = json_of(dir.path(), &["account", name, "200", "--format", "json"]);
    assert_eq!(saved["name"], name, "the JSON reads back to what was typed");
    assert_eq!(saved["id"], 1, "and it is the same account");
}

#[test]
fn other_money_bonuses_and_the_now_tab_inputs_from_the_shell() {
    let dir = tempfile::tempdir().expect("temp dir");
    let income = json_of(
        dir.path(),
        &[
            "income",
            "Freelance",
            "1,500",
            "--start",
            "2027-03-01",
            "--end",
            "2027-06-30",
            "--format",
            "json",
        ],
    );
    assert_eq!(income["end"], "2027-06-30");
    refused(
        dir.path(),
        &[
            "income",
            "Freelance",
            "1,500",
            "--start",
            "2027-03-01",
            "--end",
            "2027-01-01",
        ],
        "--end",
    );
    let one_off = json_of(
        dir.path(),
        &[
            "one-off",
            "PTO payout",
            "6,300",
            "--income",
            "--date",
            "2027-02-20",
            "--format",
            "json",
        ],
    );
    assert_eq!(one_off["kind"], "income");
    refused(dir.path(), &["one-off", "Laptop", "2200"], "--date");
    let job = json_of(
        dir.path(),
        &[
            "new-job",
            "--start",
            "2027-06-01",
            "--monthly",
            "10,400",
            "--format",
            "json",
        ],
    );
    assert_eq!(job, json!({"start": "2027-06-01", "monthly_net": "10400"}));
    assert_eq!(
        ok(dir.path(), &["new-job", "--clear"]),
        "New job scenario cleared.\n"
    );
    refused(
        dir.path(),
        &["new-job", "--start", "2027-06-01"],
        "--monthly",
    );

    let sign_on = json_of(
        dir.path(),
        &[
            "bonus",
            "Sign-on",
            "22,000",
            "--sign-on",
            "--paid",
            "2025-09-16",
            "--clawback-months",
            "12",
            "--prorated",
            "--format",
            "json",
        ],
    );
    assert_eq!(sign_on["clawback_months"], 12);
    refused(
        dir.path(),
        &[
            "bonus",
            "Retention",
            "15,000",
            "--must-be-employed-on",
            "2027-03-01",
            "--pay-date",
            "2027-02-01",
        ],
        "--pay-date: is before the date you must be employed",
    );
    refused(
        dir.path(),
        &["bonus", "Odd", "100"],
        "--must-be-employed-on",
    );
    refused(
        dir.path(),
        &[
            "bonus",
            "Odd",
            "100",
            "--sign-on",
            "--paid",
            "2025-01-01",
            "--prorated",
        ],
        "--clawback-months",
    );

    let signal = json_of(
        dir.path(),
        &[
            "signal",
            "reorg",
            "Team moved under the regional org",
            "--date",
            "2026-10-06",
            "--format",
            "json",
        ],
    );
    assert_eq!(signal["kind"], "reorganization");
    refused(dir.path(), &["signal", "rumour", "x"], "budget_freeze");
    refused(
        dir.path(),
        &["signal", "reorg", "x", "--date", "+1d"],
        "--date",
    );
    refused(dir.path(), &["signal", "reorg", "  "], "NOTE");
    assert_eq!(
        ok(dir.path(), &["updated", "linkedin", "--date", "2026-06-10"]),
        "LinkedIn marked updated on 10 Jun 2026\n"
    );
    refused(
        dir.path(),
        &["updated", "resume", "--date", "+1w"],
        "--date",
    );
    let check = json_of(
        dir.path(),
        &[
            "self-check",
            "--team",
            "Media SAs",
            "--strategic",
            "ai",
            "--exposed",
            "specialist_sales_slow_segment",
            "--format",
            "json",
        ],
    );
    assert_eq!(check["strategic"], "ai_platforms");
    assert_eq!(check["exposure"], json!(["specialist_sales_slow_segment"]));
    assert_eq!(check["reviewed"], "2026-11-26");
    // Flags not given keep what is saved; `none` clears a list.
    let again = json_of(
        dir.path(),
        &["self-check", "--exposed", "none", "--format", "json"],
    );
    assert_eq!(
        (again["team"].clone(), again["exposure"].clone()),
        (json!("Media SAs"), json!([]))
    );
    refused(
        dir.path(),
        &["self-check", "--safer", "ninja"],
        "core_services_engineer",
    );
}

#[test]
fn apply_takes_a_history_contacts_a_salary_and_a_location() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["contact", "Dana Whitfield"]);
    let app = json_of(
        dir.path(),
        &[
            "apply",
            "Northwind Cloud",
            "Principal Cloud Architect",
            "--history",
            "applied 2026-10-28; screening 2026-11-04; interviewing 2026-11-17",
            "--contact",
            "dana",
            "--salary",
            "210k-240k",
            "--location",
            "Remote (US)",
            "--next",
            "Send thank-you notes",
            "--format",
            "json",
        ],
    );
    assert_eq!(app["stage"], "interviewing");
    assert_eq!(app["applied"], "2026-10-28");
    assert_eq!(app["salary_min"], "210000.00");
    assert_eq!(app["contacts"], json!([1]));
    assert_eq!(app["location"], "Remote (US)");
    refused(
        dir.path(),
        &[
            "apply",
            "A",
            "B",
            "--history",
            "applied 2026-11-04; screening 2026-10-01",
        ],
        "--history",
    );
    refused(
        dir.path(),
        &["apply", "A", "B", "--history", "applied 2026-12-04"],
        "--history",
    );
    refused(
        dir.path(),
        &["apply", "A", "B", "--contact", "Nobody"],
        "--contact",
    );
    refused(
        dir.path(),
        &[
            "apply",
            "A",
            "B",
            "--history",
            "applied 2026-11-04",
            "--stage",
            "offer",
        ],
        "cannot be used with",
    );
}
