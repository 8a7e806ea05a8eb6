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
fn conflicts_are_listed_with_the_kept_and_the_set_aside_value() {
    let dir = seeded();
    let out = careerbook(dir.path(), &["conflicts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("61  win 1 “"), "{text}");
    assert!(
        text.contains("title: kept “Migrated the media-analytics customer off self-managed Kafka onto MSK” · set aside “Moved media analytics off Kafka: $18k/yr saved”"),
        "{text}"
    );
    let json = careerbook(dir.path(), &["conflicts", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(rows[0]["id"], 61);
    assert_eq!(
        rows[0]["fields"][0]["set_aside"],
        "Moved media analytics off Kafka: $18k/yr saved"
    );
}

#[test]
fn using_the_set_aside_value_puts_it_in_place_and_settling_again_is_refused() {
    let dir = seeded();
    let out = careerbook(dir.path(), &["conflicts", "use", "61", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let settled: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(settled["used"], "set_aside");
    assert_eq!(settled["about"], "win 1");
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
    let again = careerbook(dir.path(), &["conflicts", "keep", "61"]);
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
fn keeping_leaves_the_record_as_it_is() {
    let dir = seeded();
    let before = careerbook(dir.path(), &["wins", "--format", "json"]);
    let out = careerbook(dir.path(), &["conflicts", "keep", "61"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "kept win 1 as it is\n");
    let after = careerbook(dir.path(), &["wins", "--format", "json"]);
    assert_eq!(before.stdout, after.stdout);
}

#[test]
fn hand_edited_conflicts_out_of_range_are_refused_naming_the_field() {
    let fixture = include_str!("fixtures/workbook-v2.ron");
    for (from, to, named) in [
        // A conflict "about" a record's id would rename the record when settled.
        (
            "fields: [(field: \"title\"",
            "fields: [(field: \"id\"",
            "conflicts[0].fields[0].field",
        ),
        // An id past the last one careerbook hands out would stop every add.
        (
            "id: 61,\n            about",
            "id: 9007199254740993,\n            about",
            "conflicts[0].id",
        ),
        (
            "date: \"2026-12-01\"",
            "date: \"1066-10-14\"",
            "conflicts[0].date",
        ),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(fixture.contains(from), "{from}");
        let text = fixture.replacen(from, to, 1);
        fs::write(dir.path().join("workbook.ron"), &text).expect("seed");
        let out = careerbook(dir.path(), &["conflicts"]);
        assert_eq!(out.status.code(), Some(1), "{named}: {}", stdout(&out));
        assert!(stderr(&out).contains(named), "{named}: {}", stderr(&out));
        let after = fs::read_to_string(dir.path().join("workbook.ron")).expect("read");
        assert_eq!(after, text, "left untouched");
    }
}

#[test]
fn the_kept_value_shown_is_the_one_in_the_record_now() {
    let dir = seeded();
    // The kept title changed again after the conflict was found.
    let path = dir.path().join("workbook.ron");
    let text = fs::read_to_string(&path).expect("read").replacen(
        "title: \"Migrated the media-analytics customer off self-managed Kafka onto MSK\"",
        "title: \"Renamed once more\"",
        1,
    );
    fs::write(&path, text).expect("write");
    let out = stdout(&careerbook(dir.path(), &["conflicts"]));
    assert!(out.contains("title: kept “Renamed once more”"), "{out}");
}
