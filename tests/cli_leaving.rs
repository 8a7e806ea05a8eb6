//! Money that leaving moves, through the real binary: a sign-on clawback owed
//! on the last day (runway, `check`, `next`, the calendar), a new job that
//! starts before the last day (what it forfeits, what a later start is
//! worth), and the unemployment benefit stopping when a new job starts.
//! "Today" is Thursday 2026-11-26.

mod common;

use common::cli::{ok, stderr};
use serde_json::Value;
use std::path::Path;

fn run(dir: &Path, script: &[&[&str]]) {
    for args in script {
        let out = common::cli::careerbook(dir, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
}

fn next_json(dir: &Path) -> Vec<Value> {
    let text = ok(dir, &["next", "--format", "json"]);
    serde_json::from_str::<Value>(&text)
        .expect("JSON")
        .as_array()
        .cloned()
        .expect("a list")
}

fn action<'a>(actions: &'a [Value], kind: &str) -> Option<&'a Value> {
    actions.iter().find(|a| a["kind"] == kind)
}

/// Notice 12 Nov with 21 days to review (closes 3 Dec), last day 9 Feb 2027;
/// $20,000 cash, $4,000 a month; a $25,000 sign-on paid 9 Apr 2026 with a
/// 12-month prorated clawback: leaving 9 Feb serves 10 months, so
/// 25,000 × 2/12 = 4,166.666… → $4,166.67 is owed that day.
fn with_a_clawback(dir: &Path) {
    run(
        dir,
        &[
            &[
                "notice",
                "--date",
                "2026-11-12",
                "--review-days",
                "21",
                "--last-day",
                "2027-02-09",
            ],
            &["account", "Savings", "20,000"],
            &["expense", "Rent", "4,000"],
            &[
                "bonus",
                "Sign-on",
                "25,000",
                "--sign-on",
                "--paid",
                "2026-04-09",
                "--clawback-months",
                "12",
                "--prorated",
            ],
        ],
    );
}

#[test]
fn a_clawback_owed_on_the_last_day_is_in_the_runway_check_next_and_calendar() {
    let dir = tempfile::tempdir().expect("temp dir");
    with_a_clawback(dir.path());
    // The projection starts on the last day: 20,000 − 4,000 − 4,166.67 =
    // 11,833.33, then 7,833.33 and 3,833.33; 3 + 3,833.33/4,000 = 3.96 months.
    let runway = ok(dir.path(), &["runway"]);
    assert!(
        runway.starts_with("Runway 3.96 months — money lasts until 7 Jun 2027"),
        "{runway}"
    );
    assert!(
        runway.contains("2027-02   $20,000.00   $0.00  $8,166.67   $11,833.33  clawback\n"),
        "{runway}"
    );
    let check = ok(dir.path(), &["check"]);
    assert!(
        check.contains("sign-on clawback owed on leaving 2027-02-09: $4,166.67"),
        "{check}"
    );
    // The role is not marked eliminated: a plain deadline on the last day.
    let actions = next_json(dir.path());
    let owed = action(&actions, "clawback").expect("listed");
    assert_eq!(owed["date"], "2027-02-09");
    assert_eq!(
        owed["title"],
        "Sign-on clawback due: $4,166.67 on your last day"
    );
    assert_eq!(owed["at_stake"], "4166.67");
    // Eliminated, and the bonus does not waive it: ask, before signing.
    ok(dir.path(), &["set", "role-eliminated", "yes"]);
    let actions = next_json(dir.path());
    let ask = action(&actions, "clawback").expect("listed");
    assert_eq!(ask["date"], "2026-12-03");
    assert_eq!(
        ask["title"],
        "Ask HR to waive the $4,166.67 sign-on clawback: the role is eliminated"
    );
    let calendar = ok(dir.path(), &["export", "--format", "ics", "--out", "-"]);
    assert!(
        calendar.contains("UID:clawback-3@careerbook\r\n"),
        "{calendar}"
    );
    assert!(
        calendar.contains("SUMMARY:Sign-on clawback owed: $4\\,166.67 (“Sign-on”)\r\n"),
        "{calendar}"
    );
    // Marked waived if eliminated: nothing owed, nothing listed or counted.
    run(
        dir.path(),
        &[&[
            "bonus",
            "Sign-on",
            "25,000",
            "--sign-on",
            "--paid",
            "2026-04-09",
            "--clawback-months",
            "12",
            "--prorated",
            "--waived-if-eliminated",
        ]],
    );
    assert!(action(&next_json(dir.path()), "clawback").is_none());
    // 20,000 ÷ 4,000 = 5.00 months.
    assert!(ok(dir.path(), &["runway"]).starts_with("Runway 5.00 months"));
}

#[test]
fn an_offer_starting_before_the_last_day_says_what_it_forfeits_before_and_after_accepting() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Last day 9 Feb 2027, $30,000 severance; current pay $146,000; Acme at
    // $182,500 from 1 Feb. Starting 10 Feb instead: −182,500 × 9/365 =
    // −4,500.00 of the offer's pay, +146,000 × 9/365 = +3,600.00 of current
    // pay, +30,000.00 of severance kept: +$29,100.00.
    run(
        dir.path(),
        &[
            &[
                "notice",
                "--date",
                "2026-11-12",
                "--review-days",
                "21",
                "--last-day",
                "2027-02-09",
            ],
            &[
                "severance",
                "--amount",
                "30,000",
                "--pay-date",
                "2027-02-20",
            ],
            &["current-job", "--base", "146,000"],
            &[
                "offer",
                "add",
                "Acme",
                "--base",
                "182,500",
                "--start",
                "2027-02-01",
            ],
        ],
    );
    let what_if: Value = serde_json::from_str(&ok(
        dir.path(),
        &[
            "offer",
            "what-if",
            "1",
            "--start",
            "2027-02-10",
            "--format",
            "json",
        ],
    ))
    .expect("JSON");
    assert_eq!(what_if["net"], "29100.00");
    let actions = next_json(dir.path());
    let early = action(&actions, "early_start").expect("listed");
    assert_eq!(early["at_stake"], "29100.00");
    assert_eq!(early["date"], "2026-12-03");
    assert!(
        early["why"]
            .as_str()
            .is_some_and(|why| why.contains("careerbook offer what-if 1 --start 2027-02-10")),
        "{early}"
    );
    assert_eq!(
        action(&actions, "severance_review").map(|a| a["at_stake"].clone()),
        Some(Value::from("30000.00"))
    );
    ok(dir.path(), &["offer", "accept", "1"]);
    let actions = next_json(dir.path());
    let early = action(&actions, "early_start").expect("listed");
    assert_eq!(early["title"], "Ask Acme to start on 10 Feb 2027 or later");
    assert_eq!(early["at_stake"], "29100.00");
    let review = action(&actions, "severance_review").expect("listed");
    assert_eq!(review["at_stake"], Value::Null, "no longer money coming");
    let text = ok(dir.path(), &["next"]);
    assert!(
        !text.contains("Review and sign the severance agreement · $30,000.00 at stake"),
        "{text}"
    );
    assert!(
        text.contains("Ask Acme to start on 10 Feb 2027 or later · $29,100.00 at stake"),
        "{text}"
    );
}

#[test]
fn with_a_new_job_the_benefit_stops_when_it_starts() {
    let dir = tempfile::tempdir().expect("temp dir");
    // $10,000 cash, $4,000 a month; $500 a week for 26 weeks from today;
    // a job paying $1,000 a month from 26 Jan 2027. Months run from the 26th.
    // Without the job: 5, 4, 5, 4, 4 and 4 payments (the 26th on 20 May) give
    // closings 8,500, 6,500, 5,000, 3,000, 1,000, −1,000:
    // 5 + 1,000 ÷ (4,000 − 2,000) = 5.50 months.
    // With it, no payment from 26 Jan: 8,500, 6,500, then 3,500, 500, −2,500:
    // 4 + 500 ÷ 3,000 = 4.17 months (7.00 when the benefit ran on beside it).
    run(
        dir.path(),
        &[
            &["account", "Savings", "10,000"],
            &["expense", "Rent", "4,000"],
            &[
                "benefit",
                "--weekly",
                "500",
                "--weeks",
                "26",
                "--first-payment",
                "2026-11-26",
            ],
            &["new-job", "--start", "2027-01-26", "--monthly", "1,000"],
        ],
    );
    let runway = ok(dir.path(), &["runway"]);
    assert!(
        runway.contains(
            "New job from 26 Jan 2027 ($1,000.00/month): with it 4.17 months · without it 5.50 \
             months (the table is without it)"
        ),
        "{runway}"
    );
}
