//! `careerbook check` through the real binary.

mod common;

use common::cli::{careerbook, demo_dir, ok};

use std::path::Path;

fn json(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok(dir, args)).expect("a JSON array")
}

#[test]
fn check_prints_the_four_items_one_line_each_in_a_pipe() {
    let dir = demo_dir();
    let text = ok(dir.path(), &["check"]);
    // Not a terminal: nothing is wrapped, so `grep attention` gets whole items.
    let expected = "\
✓ done       Make your impact visible and measurable — Win logged this week · streak 4 weeks · 80% of the last 90 days' wins measured
✓ done       Move closer to core or strategic teams — Not on a strategic initiative · 2 internal applications active · 1 exposure factor · 1 safer factor
! attention  Keep your external options active — LinkedIn updated 169 days ago · résumé updated 12 days ago · 4 contacts touched in 30 days · 7 applications open, 2 on the wishlist · offer needed by 2028-07-11
! attention  Understand your legal and financial situation — Severance agreement review window closes in 7 days · runway 22.52 months · benefit and cover entered · leaving 2027-02-09 forfeits 205 shares (worth $43,542.00); next vest after it 2027-03-16
";
    assert_eq!(text, expected);
}

#[test]
fn check_json_is_an_array_of_id_title_status_reason() {
    let dir = demo_dir();
    let items = json(dir.path(), &["check", "--format", "json"]);
    let summary: Vec<(&str, &str)> = items
        .iter()
        .map(|i| {
            (
                i["id"].as_str().expect("id"),
                i["status"].as_str().expect("status"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("impact", "done"),
            ("positioning", "done"),
            ("options", "attention"),
            ("money", "attention")
        ]
    );
    for item in &items {
        let keys: Vec<&String> = item.as_object().expect("object").keys().collect();
        assert_eq!(
            keys,
            ["id", "reason", "status", "title"],
            "exactly these fields"
        );
        let reason = item["reason"].as_str().expect("reason");
        assert!(
            !reason.is_empty() && !reason.contains('\n'),
            "one line: {reason:?}"
        );
    }
    assert_eq!(items[2]["title"], "Keep your external options active");
    assert!(
        items[2]["reason"]
            .as_str()
            .expect("reason")
            .starts_with("LinkedIn updated 169 days ago")
    );
}

#[test]
fn check_alerts_lists_kind_date_and_text_newest_first() {
    let dir = demo_dir();
    let alerts = json(dir.path(), &["check", "--alerts", "--format", "json"]);
    let seen: Vec<(&str, &str)> = alerts
        .iter()
        .map(|a| {
            (
                a["kind"].as_str().expect("kind"),
                a["date"].as_str().expect("date"),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("deadline", "2026-12-03"),
            ("follow_up", "2026-11-25"),
            ("contact_due", "2026-11-24"),
            ("follow_up", "2026-11-23"),
            ("contact_due", "2026-11-20"),
            ("follow_up", "2026-11-10"),
        ]
    );
    assert_eq!(
        alerts[0],
        serde_json::json!({
            "kind": "deadline",
            "date": "2026-12-03",
            "text": "Severance agreement review window closes in 7 days"
        })
    );
    let text = ok(dir.path(), &["check", "--alerts"]);
    assert_eq!(
        text.lines().next(),
        Some("2026-12-03  deadline     Severance agreement review window closes in 7 days")
    );
    // One alert, one line, even past 80 columns: `grep overdue` gets the date.
    assert_eq!(text.lines().count(), 6, "{text}");
    assert!(
        text.contains(
            "\n2026-11-24  contact_due  Touch base with Marcus Lee (hiring manager, Amazon (AI platform team)): due 2 days ago\n"
        ),
        "{text}"
    );
}

#[test]
fn check_exits_0_on_a_fresh_directory_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let items = json(dir.path(), &["check", "--format", "json"]);
    assert!(items.iter().all(|i| i["status"] == "todo"), "{items:?}");
    let alerts = json(dir.path(), &["check", "--alerts", "--format", "json"]);
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0]["kind"], "no_win");
    assert!(
        !dir.path().join("workbook.ron").exists(),
        "check only reads"
    );
}

#[test]
fn a_hand_tick_is_done_with_the_computed_reason_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("workbook.ron"),
        r#"(version: 2, next_id: 2, now: (ticks: [
            (id: 1, item: money, date: "2026-11-20", note: "Talked to a lawyer about the package"),
        ]))"#,
    )
    .expect("write");
    let items = json(dir.path(), &["check", "--format", "json"]);
    assert_eq!(items[3]["status"], "done");
    assert_eq!(
        items[3]["reason"],
        "ticked done by hand on 2026-11-20: Talked to a lawyer about the package · computed: \
         todo — No runway yet: add your cash accounts and your monthly spending on the Runway \
         tab · no unemployment benefit \
         entered · no health cover after the job entered"
    );
    let text = ok(dir.path(), &["check"]);
    assert!(
        text.contains(
            "\n✓ done       Understand your legal and financial situation — ticked done by hand on 2026-11-20: Talked to a lawyer about the package · computed: todo — No runway yet"
        ),
        "{text}"
    );
}

#[test]
fn a_wrong_format_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = careerbook(dir.path(), &["check", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
}
