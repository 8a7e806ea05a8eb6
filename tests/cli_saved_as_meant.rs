//! What a command saves is what the person meant, or it is refused with
//! status 2 and nothing changed: the cases a newcomer trial and an
//! adversarial tester found saved wrong with exit 0 (share counts read as
//! money, `2,6` weeks read as 26, "3 weeks" read as 3 days, `1e1` read as
//! 10%, duplicates, a last day before the notice, amounts stored with more
//! than cents, two accepted applications, defaults unlike the forms'). Each
//! runs the real binary; "today" is Thursday 2026-11-26.

mod common;

use common::cli::{careerbook, files, ok, stderr, stdout};
use serde_json::Value;
use std::fs;
use std::path::Path;

fn json_of(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).expect("JSON")
}

/// Runs `args`, which must be refused with status 2 and a message holding
/// `says`, leaving the workbook and journal exactly as they were (or absent).
fn refused(dir: &Path, args: &[&str], says: &str) -> String {
    let before = dir.join("workbook.ron").exists().then(|| files(dir));
    let out = careerbook(dir, args);
    let message = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?}: {}{message}",
        stdout(&out)
    );
    assert!(message.contains(says), "{args:?}: {message}");
    assert!(
        message.contains("nothing was changed"),
        "{args:?}: {message}"
    );
    let after = dir.join("workbook.ron").exists().then(|| files(dir));
    assert_eq!(after, before, "{args:?} changed the workbook");
    message
}

/// The workbook as one file (the journal folded in), to read what is stored.
fn stored(dir: &Path) -> String {
    ok(dir, &["compact"]);
    fs::read_to_string(dir.join("workbook.ron")).expect("workbook")
}

#[test]
fn share_counts_are_never_read_as_money() {
    let dir = tempfile::tempdir().expect("temp dir");
    let grant = [
        "grant",
        "RSU",
        "--ticker",
        "ACME",
        "--granted",
        "2025-01-10",
        "--schedule",
        "amazon",
        "--shares",
    ];
    for money in ["$40k", "40k", "1.2M", "$180"] {
        let args: Vec<&str> = grant.iter().copied().chain([money]).collect();
        refused(dir.path(), &args, "--shares: ");
        refused(
            dir.path(),
            &[
                "offer",
                "add",
                "Acme",
                "--base",
                "200k",
                "--start",
                "2027-01-04",
                "--price",
                "100",
                "--shares",
                money,
            ],
            "looks like money",
        );
    }
    let saved = json_of(
        dir.path(),
        &[
            "grant",
            "RSU",
            "--ticker",
            "ACME",
            "--granted",
            "2025-01-10",
            "--schedule",
            "amazon",
            "--shares",
            "1,200",
            "--format",
            "json",
        ],
    );
    assert_eq!(saved["shares"], "1200");
    let offer = json_of(
        dir.path(),
        &[
            "offer",
            "add",
            "Acme",
            "--base",
            "200k",
            "--start",
            "2027-01-04",
            "--price",
            "100",
            "--shares",
            "400",
            "--format",
            "json",
        ],
    );
    assert_eq!(offer["shares"], "400");
    let id = offer["id"].to_string();
    refused(
        dir.path(),
        &["offer", "edit", &id, "--shares", "$40k"],
        "looks like money",
    );
    // A custom vest in shares is a count too.
    refused(
        dir.path(),
        &[
            "grant",
            "RSU",
            "--schedule",
            "custom",
            "--tranche",
            "2027-01-10 40k",
        ],
        "--tranche",
    );
}

#[test]
fn whole_numbers_refuse_separators_out_of_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(
        dir.path(),
        &["notice", "--date", "2026-11-12", "--last-day", "2027-02-09"],
    );
    refused(
        dir.path(),
        &["benefit", "--weekly", "450", "--weeks", "2,6"],
        "--weeks: \"2,6\" is not a number of weeks",
    );
    refused(
        dir.path(),
        &["cover", "cobra", "500", "--months", "1,8"],
        "--months",
    );
    refused(
        dir.path(),
        &["notice", "--review-days", "2,1"],
        "--review-days",
    );
    for loose in ["1e1", "1_0", "26.5", "twenty"] {
        refused(
            dir.path(),
            &["benefit", "--weekly", "450", "--weeks", loose],
            "--weeks",
        );
    }
    refused(
        dir.path(),
        &[
            "bonus",
            "Sign-on",
            "10k",
            "--sign-on",
            "--paid",
            "2026-01-15",
            "--clawback-months",
            "1,2",
        ],
        "--clawback-months",
    );
    // Plain numbers, with or without the unit, still save.
    let benefit = json_of(
        dir.path(),
        &[
            "benefit", "--weekly", "450", "--weeks", "26 weeks", "--format", "json",
        ],
    );
    assert_eq!(benefit["weeks"], 26);
    let cover = json_of(
        dir.path(),
        &[
            "cover", "cobra", "500", "--months", "18", "--format", "json",
        ],
    );
    assert_eq!(cover["months"], 18);
    let notice = json_of(
        dir.path(),
        &["notice", "--review-days", "21", "--format", "json"],
    );
    assert_eq!(notice["notice"]["review_days"], 21);
}

#[test]
fn settings_read_their_unit_and_convert_it_or_refuse_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 3 weeks × 7 = 21 days.
    assert_eq!(
        ok(dir.path(), &["set", "ghost-after", "3 weeks"]),
        "ghost-after set to 21 days (was 21 days)\n"
    );
    assert_eq!(
        ok(dir.path(), &["set", "ghost-after", "2w"]),
        "ghost-after set to 14 days (was 21 days)\n"
    );
    // 1 year × 12 = 12 months.
    let saved = json_of(
        dir.path(),
        &["set", "time-to-offer", "1 year", "--format", "json"],
    );
    assert_eq!(saved["time_to_offer_months"], 12);
    let message = refused(
        dir.path(),
        &["set", "time-to-offer", "6 weeks"],
        "time-to-offer",
    );
    assert!(message.contains("months or years"), "{message}");
    let message = refused(
        dir.path(),
        &["set", "ghost-after", "1 month"],
        "ghost-after",
    );
    assert!(message.contains("days or weeks"), "{message}");
    refused(
        dir.path(),
        &["set", "ghost-after", "3 fortnights"],
        "ghost-after",
    );
}

#[test]
fn percentages_and_weeks_take_no_exponent_or_underscore() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(
        dir.path(),
        &["notice", "--date", "2026-11-12", "--last-day", "2027-02-09"],
    );
    for loose in ["1e1", "1_0", "1E1%"] {
        refused(dir.path(), &["set", "withholding", loose], "withholding");
        refused(
            dir.path(),
            &["set", "vest-withholding", loose],
            "vest-withholding",
        );
        refused(
            dir.path(),
            &["current-job", "--base", "178k", "--bonus-pct", loose],
            "--bonus-pct",
        );
    }
    for loose in ["1e3", "1_0", "2e1 weeks"] {
        refused(
            dir.path(),
            &["severance", "--weeks", loose, "--base", "100k"],
            "--weeks",
        );
    }
    refused(
        dir.path(),
        &[
            "severance",
            "--template",
            "generic",
            "--base",
            "100k",
            "--start",
            "2020-01-01",
            "--base-weeks",
            "1e1",
        ],
        "--base-weeks",
    );
    assert_eq!(
        ok(dir.path(), &["set", "withholding", "10%"]),
        "withholding set to 10% (was 29.65%)\n"
    );
    // 20 weeks × 100,000 ÷ 52 = 38,461.538… → $38,461.54.
    let severance = json_of(
        dir.path(),
        &[
            "severance",
            "--weeks",
            "20",
            "--base",
            "100k",
            "--format",
            "json",
        ],
    );
    assert_eq!(severance["gross"], "38461.54");
}

#[test]
fn a_factor_given_twice_is_saved_once_and_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = careerbook(
        dir.path(),
        &[
            "self-check",
            "--exposed",
            "layered_management",
            "--exposed",
            "Layered management",
            "--safer",
            "core_services_engineer",
            "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let saved: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(saved["exposure"], serde_json::json!(["layered_management"]));
    // Only this: the first command on a new data directory says nothing more
    // to a pipe.
    assert_eq!(
        stderr(&out),
        "careerbook: --exposed layered_management was given more than once; it is saved once\n"
    );
}

#[test]
fn a_last_day_before_the_notice_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    refused(
        dir.path(),
        &["notice", "--date", "2026-11-12", "--last-day", "2026-11-01"],
        "--last-day: 2026-11-01 is before the notice date 2026-11-12",
    );
    assert!(!dir.path().join("workbook.ron").exists());
    ok(
        dir.path(),
        &["notice", "--date", "2026-11-12", "--last-day", "2026-11-12"],
    );
    refused(
        dir.path(),
        &["notice", "--last-day", "2026-11-11"],
        "--last-day: 2026-11-11 is before the notice date",
    );
    // Moving the notice after the saved last day is refused by its own flag.
    refused(
        dir.path(),
        &["notice", "--date", "2026-11-20"],
        "--date: 2026-11-12 is before the notice date 2026-11-20",
    );
}

#[test]
fn editing_an_offer_keeps_a_link_to_a_deleted_application() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["apply", "Northwind", "Architect"]);
    let offer = json_of(
        dir.path(),
        &[
            "offer",
            "add",
            "Northwind",
            "--base",
            "190k",
            "--start",
            "2027-01-04",
            "--application",
            "1",
            "--format",
            "json",
        ],
    );
    assert_eq!(offer["application"], 1);
    // The application is deleted (in the full-screen workbook, say).
    let text = stored(dir.path());
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| !line.contains("company: \"Northwind\", role: \"Architect\""))
        .collect();
    fs::write(dir.path().join("workbook.ron"), kept.join("\n")).expect("write");
    let edited = json_of(
        dir.path(),
        &["offer", "edit", "2", "--base", "200k", "--format", "json"],
    );
    assert_eq!(edited["base"], "200000.00");
    assert_eq!(edited["application"], 1, "the link stays as it was");
    // A link given now is still checked.
    refused(
        dir.path(),
        &["offer", "edit", "2", "--application", "1"],
        "--application: there is no application #1",
    );
}

#[test]
fn a_name_two_contacts_share_is_refused_naming_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("connections.csv");
    fs::write(
        &csv,
        "First Name,Last Name,Company\nDana,Whitfield,Northwind\nDana,Whitfield,Globex\n",
    )
    .expect("write");
    let csv = csv.to_string_lossy().into_owned();
    ok(dir.path(), &["import", "contacts", &csv]);
    refused(
        dir.path(),
        &["contact", "dana whitfield", "--company", "Acme"],
        "NAME: 2 contacts are named \"dana whitfield\" (#1, #2); give the one you mean by its id",
    );
    // The id reaches the one meant, and keeps its name.
    let saved = json_of(
        dir.path(),
        &[
            "contact",
            "#2",
            "--next-touch",
            "2026-12-01",
            "--format",
            "json",
        ],
    );
    assert_eq!(saved["id"], 2);
    assert_eq!(saved["name"], "Dana Whitfield");
    assert_eq!(saved["company"], "Globex");
    assert_eq!(saved["next_touch"], "2026-12-01");
    refused(
        dir.path(),
        &["contact", "#9", "--company", "Acme"],
        "there is no contact #9",
    );
}

#[test]
fn money_is_stored_in_cents_as_it_is_printed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let offer = json_of(
        dir.path(),
        &[
            "offer",
            "add",
            "Acme",
            "--base",
            "100000.005",
            "--price",
            "3.333",
            "--shares",
            "10",
            "--start",
            "2027-01-04",
            "--format",
            "json",
        ],
    );
    // Half-up: 100,000.005 → 100,000.01; 3.333 → 3.33.
    assert_eq!(offer["base"], "100000.01");
    assert_eq!(offer["price"], "3.33");
    let account = json_of(
        dir.path(),
        &["account", "Checking", "1,234.565", "--format", "json"],
    );
    assert_eq!(account["balance"], "1234.57");
    let text = stored(dir.path());
    assert!(text.contains("base: \"100000.01\""), "{text}");
    assert!(text.contains("price: \"3.33\""), "{text}");
    assert!(text.contains("balance: \"1234.57\""), "{text}");
    assert!(
        !text.contains("100000.005") && !text.contains("3.333"),
        "{text}"
    );
}

#[test]
fn accepting_a_second_offer_declines_the_first_in_the_same_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(
        dir.path(),
        &["apply", "Northwind", "Architect", "--stage", "offer"],
    );
    ok(dir.path(), &["apply", "Globex", "Lead", "--stage", "offer"]);
    ok(
        dir.path(),
        &[
            "offer",
            "add",
            "Northwind",
            "--base",
            "190k",
            "--start",
            "2027-01-04",
            "--application",
            "1",
        ],
    );
    ok(
        dir.path(),
        &[
            "offer",
            "add",
            "Globex",
            "--base",
            "210k",
            "--start",
            "2027-02-01",
            "--application",
            "2",
        ],
    );
    ok(dir.path(), &["offer", "accept", "3"]);
    let text = ok(dir.path(), &["offer", "accept", "4"]);
    assert!(
        text.contains(
            "  declined     #1 Northwind — Architect moved from accepted to declined (you take this offer instead)\n"
        ),
        "{text}"
    );
    let apps: Value =
        serde_json::from_str(&ok(dir.path(), &["apps", "--format", "json"])).expect("JSON");
    let stage = |id: u64| {
        apps.as_array()
            .and_then(|all| all.iter().find(|a| a["id"] == id))
            .map(|a| a["stage"].clone())
    };
    assert_eq!(stage(1), Some(Value::from("declined")));
    assert_eq!(stage(2), Some(Value::from("accepted")));
    let json = json_of(dir.path(), &["offer", "accept", "4", "--format", "json"]);
    assert_eq!(
        json["declined"],
        serde_json::json!([]),
        "nothing left to decline"
    );
}

#[test]
fn defaults_match_the_forms() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A new spending item is essential, as the form starts it.
    let rent = json_of(dir.path(), &["expense", "Rent", "3200", "--format", "json"]);
    assert_eq!(rent["essential"], true);
    let gym = json_of(
        dir.path(),
        &[
            "expense",
            "Gym",
            "120",
            "--not-essential",
            "--format",
            "json",
        ],
    );
    assert_eq!(gym["essential"], false);
    // An update keeps what is saved.
    let gym = json_of(dir.path(), &["expense", "Gym", "140", "--format", "json"]);
    assert_eq!(gym["essential"], false);
    // One salary figure is a "from" with no "to", as the form stores it.
    let app = json_of(
        dir.path(),
        &[
            "apply",
            "Acme",
            "Architect",
            "--salary",
            "150000",
            "--format",
            "json",
        ],
    );
    assert_eq!(app["salary_min"], "150000.00");
    assert_eq!(app["salary_max"], Value::Null);
}

#[test]
fn month_name_dates_mean_the_nearest_such_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 12 Nov: 14 days back, not 351 ahead.
    let notice = json_of(
        dir.path(),
        &[
            "notice",
            "--date",
            "12 nov",
            "--last-day",
            "Feb 9, 2027",
            "--format",
            "json",
        ],
    );
    assert_eq!(notice["notice"]["date"], "2026-11-12");
    assert_eq!(notice["last_day"], "2027-02-09");
    // 29 Jan: 64 days ahead (2027), not 301 back.
    let app = json_of(
        dir.path(),
        &[
            "apply",
            "Acme",
            "Architect",
            "--follow-up",
            "jan 29",
            "--format",
            "json",
        ],
    );
    assert_eq!(app["follow_up"], "2027-01-29");
    let offer = json_of(
        dir.path(),
        &[
            "offer",
            "add",
            "Acme",
            "--base",
            "200k",
            "--start",
            "29 January 2027",
            "--format",
            "json",
        ],
    );
    assert_eq!(offer["start"], "2027-01-29");
    refused(
        dir.path(),
        &[
            "offer", "add", "Acme", "--base", "200k", "--start", "29 feb",
        ],
        "add the year (29 Feb 2028)",
    );
    refused(
        dir.path(),
        &[
            "offer", "add", "Acme", "--base", "200k", "--start", "31 apr",
        ],
        "not a real date",
    );
}

/// Runs `args`, which must succeed, and returns what it said on stderr.
fn said(dir: &Path, args: &[&str]) -> String {
    let out = careerbook(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stderr(&out)
}

#[test]
fn values_that_look_like_a_slip_are_saved_and_said_as_the_forms_say_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(
        dir.path(),
        &["notice", "--date", "2026-11-12", "--last-day", "2027-02-09"],
    );
    assert_eq!(said(dir.path(), &["account", "Checking", "8,400"]), "");
    // 84,000 = 10 × 8,400.
    assert_eq!(
        said(dir.path(), &["account", "Checking", "84,000"]),
        "careerbook: ! $84,000.00 is far from the last balance ($8,400.00): check for a \
         slipped digit or decimal point\n"
    );
    let balance = json_of(
        dir.path(),
        &["account", "Checking", "84,000", "--format", "json"],
    );
    assert_eq!(balance["balance"], "84000", "saved all the same");
    assert_eq!(
        said(
            dir.path(),
            &["price", "ACME", "212.40", "--as-of", "2026-11-24"]
        ),
        ""
    );
    // 21.24 is a tenth of 212.40.
    assert!(
        said(dir.path(), &["price", "ACME", "21.24"])
            .starts_with("careerbook: ! $21.24 is far from the last price ($212.40)"),
    );
    let benefit = said(dir.path(), &["benefit", "--weekly", "1.2M"]);
    assert!(
        benefit.starts_with(
            "careerbook: ! $1,200,000.00 a week is above every state's maximum (the highest listed, "
        ),
        "{benefit}"
    );
    // KFF single as COBRA: $792.63; 9,000 is more than ten times it.
    let cover = said(dir.path(), &["cover", "cobra", "9000"]);
    assert!(
        cover.starts_with("careerbook: ! $9,000.00 a month is 10× or more the KFF single-coverage average ($792.63"),
        "{cover}"
    );
    assert_eq!(said(dir.path(), &["cover", "cobra", "single"]), "");
    // "12" for 12 weeks: saved as $12, and said in the form's words.
    assert_eq!(
        said(dir.path(), &["severance", "--amount", "12"]),
        "careerbook: ! $12.00 is a very small severance: for weeks of pay enter the weeks \
         (12 weeks) and the annual base\n"
    );
    assert!(stored(dir.path()).contains("gross: \"12\","));
    // Weeks with the base: nothing to question, and the working is kept
    // (12 × 190,000 ÷ 52 = 43,846.153… → $43,846.15).
    assert_eq!(
        said(
            dir.path(),
            &["severance", "--weeks", "12", "--base", "190k"]
        ),
        ""
    );
    let file = stored(dir.path());
    assert!(file.contains("weeks: Some(\"12\")"), "{file}");
    assert!(file.contains("annual_base: Some(\"190000\")"), "{file}");
}

#[test]
fn what_is_printed_names_the_right_flag_and_shows_figures_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 5 trillion at $1 is that many shares: the value given is what is too large.
    refused(
        dir.path(),
        &[
            "offer",
            "add",
            "X",
            "--base",
            "100k",
            "--start",
            "2027-01-04",
            "--equity-value",
            "5000000000000",
            "--price",
            "1",
        ],
        "--equity-value: an equity value this large",
    );
    // A large base is printed whole, never cut to "$12,000,000,00…".
    ok(
        dir.path(),
        &[
            "offer",
            "add",
            "Big",
            "--base",
            "12000000000",
            "--start",
            "2027-01-04",
        ],
    );
    let offers = ok(dir.path(), &["offers"]);
    assert!(
        offers.contains("Year 1 cash                unknown $12,000,000,000.00\n"),
        "{offers}"
    );
    // A start before today is refused, never "leaving … on 31 Dec 1899".
    let out = careerbook(
        dir.path(),
        &["offer", "what-if", "1", "--start", "1900-01-01"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--start: 1900-01-01 is before today (2026-11-26)"),
        "{}",
        stderr(&out)
    );
    // Weeks × base is worked out, and said so.
    ok(
        dir.path(),
        &["notice", "--date", "2026-11-12", "--last-day", "2027-02-09"],
    );
    let text = ok(
        dir.path(),
        &["severance", "--weeks", "20", "--base", "100k"],
    );
    assert!(
        text.contains("Formula: 20 weeks × $100,000.00 a year ÷ 52 = $38,461.54\n"),
        "{text}"
    );
    // A choice refused with the right article.
    let message = refused(
        dir.path(),
        &["self-check", "--strategic", "moonshots"],
        "--strategic",
    );
    assert!(message.contains("is not an initiative"), "{message}");
}

#[test]
fn an_amount_below_a_cent_and_an_offer_start_long_past_say_what_to_type() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Not "must be more than zero": the person typed more than zero.
    refused(
        dir.path(),
        &["price", "ACME", "0.0000001"],
        "PRICE: \"0.0000001\" is less than half a cent and would be saved as $0.00: amounts \
         are kept in whole cents",
    );
    refused(
        dir.path(),
        &[
            "offer",
            "add",
            "Acme",
            "--base",
            "200k",
            "--price",
            "0.001",
            "--shares",
            "10",
            "--start",
            "2027-01-04",
        ],
        "--price: \"0.001\" is less than half a cent",
    );
    // An offer start long past, as the what-if refuses one, with the range
    // that is taken (today is 2026-11-26).
    refused(
        dir.path(),
        &[
            "offer",
            "add",
            "Acme",
            "--base",
            "200k",
            "--start",
            "1901-01-01",
        ],
        "--start: 1901-01-01 is more than a year ago: enter a start from 2025-11-26 (a year \
         before today) to 2200-12-31",
    );
    let added = json_of(
        dir.path(),
        &[
            "offer",
            "add",
            "Acme",
            "--base",
            "200k",
            "--start",
            "2025-11-26",
            "--format",
            "json",
        ],
    );
    assert_eq!(added["start"], "2025-11-26", "{added}");
    refused(
        dir.path(),
        &["offer", "edit", "1", "--start", "2025-11-25"],
        "--start: 2025-11-25 is more than a year ago",
    );
    // An edit that leaves the start alone is not refused for it.
    ok(dir.path(), &["offer", "edit", "1", "--base", "210k"]);
}

#[test]
fn a_result_without_a_number_is_refused_saying_what_to_type() {
    // A result is a number by design, in the form as here: the message says
    // how to write one and where a result without one goes.
    let dir = tempfile::tempdir().expect("temp dir");
    let out = careerbook(
        dir.path(),
        &["log", "Migrated the DB", "-m", "zero downtime"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "careerbook: --metric: a measured result needs a number, e.g. 30%, $40k/yr or 0 \
         minutes of downtime; a result without one (zero downtime) goes in the title or the \
         notes\n"
    );
    assert!(!dir.path().join("workbook.ron").exists(), "nothing saved");
    let saved = json_of(
        dir.path(),
        &[
            "log",
            "Migrated the DB",
            "-m",
            "0 minutes of downtime",
            "--format",
            "json",
        ],
    );
    assert_eq!(saved["metric"], "0 minutes of downtime", "{saved}");
}
