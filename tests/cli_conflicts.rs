//! `careerbook conflicts`: listing what two writers both changed, and picking.

mod common;

use common::cli::{careerbook, stderr, stdout};
use std::fs;

/// The current fixture holds one conflict (id 61) on win 1's title.
fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("workbook.ron"),
        include_str!("fixtures/workbook-v2.ron"),
    )
    .expect("seed");
    dir
}

#[test]
fn conflicts_are_listed_with_mine_and_theirs() {
    let dir = seeded();
    let out = careerbook(dir.path(), &["conflicts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("61  win 1 “"), "{text}");
    assert!(
        text.contains("title: mine “Moved media analytics off Kafka: $18k/yr saved”, theirs “Migrated the media-analytics customer off self-managed Kafka onto MSK”"),
        "{text}"
    );
    let json = careerbook(dir.path(), &["conflicts", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(rows[0]["id"], 61);
    assert_eq!(
        rows[0]["fields"][0]["mine"],
        "Moved media analytics off Kafka: $18k/yr saved"
    );
}

#[test]
fn picking_mine_puts_it_back_and_picking_again_is_refused() {
    let dir = seeded();
    let out = careerbook(
        dir.path(),
        &["conflicts", "pick", "61", "mine", "--format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let picked: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(picked["kept"], "mine");
    let wins = careerbook(dir.path(), &["wins", "--format", "json"]);
    assert!(
        stdout(&wins).contains("\"title\": \"Moved media analytics off Kafka: $18k/yr saved\""),
        "{}",
        stdout(&wins)
    );
    // The pick went to the journal; folding it in rewrites workbook.ron.
    let compact = careerbook(dir.path(), &["compact"]);
    assert!(compact.status.success(), "{}", stderr(&compact));
    let text = fs::read_to_string(dir.path().join("workbook.ron")).expect("read");
    assert!(
        !text.contains("conflicts:"),
        "settled conflicts leave the file"
    );
    let again = careerbook(dir.path(), &["conflicts", "pick", "61", "theirs"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("there is no conflict 61"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        stdout(&careerbook(dir.path(), &["conflicts"])),
        "no conflicts\n"
    );
}

#[test]
fn picking_theirs_leaves_the_record_as_it_is() {
    let dir = seeded();
    let before = careerbook(dir.path(), &["wins", "--format", "json"]);
    let out = careerbook(dir.path(), &["conflicts", "pick", "61", "theirs"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("kept theirs for win 1"),
        "{}",
        stdout(&out)
    );
    let after = careerbook(dir.path(), &["wins", "--format", "json"]);
    assert_eq!(before.stdout, after.stdout);
}
