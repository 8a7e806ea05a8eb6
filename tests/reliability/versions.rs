//! Format versions: a fixture for every released format loads (older ones are
//! backed up, then upgraded), and a file from a newer careerbook stays
//! byte-identical through every command and the TUI.

use crate::common::{press, today};
use crate::support::{fresh, open, strays};
use careerbook::domain::workbook::CURRENT_VERSION;
use careerbook::store::{Paths, Session, backup, file};
use careerbook::tui::app::App;
use careerbook::tui::keymap::{Action, KEYS};
use careerbook::tui::screen::Tab;
use careerbook::tui::theme::Theme;
use crossterm::event::KeyEvent;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

/// Every command a user can run, as they would type it. When careerbook gains
/// a command, add a line here: the test below runs each against a workbook
/// from a newer careerbook and checks that nothing changed.
pub const COMMANDS: &[&[&str]] = &[
    &["path"],
    &["path", "--format", "json"],
    &["restore"],
    &["restore", "--format", "json"],
    &["compact"],
    &["compact", "--format", "json"],
    &["log", "Shipped the billing migration", "--category", "cost"],
    &[
        "log",
        "Cut p99 latency",
        "--metric",
        "p99 900ms -> 300ms",
        "--tag",
        "perf",
    ],
    &["wins"],
    &["wins", "--format", "json"],
    &["wins", "--format", "md"],
    &["wins", "--format", "csv"],
    &["runway"],
    &["runway", "--format", "json", "--all"],
    &["vesting"],
    &["vesting", "--last-day", "2027-02-09", "--format", "json"],
    &["export", "--format", "ics", "--out", "vests.ics"],
    &[
        "apply",
        "Acme",
        "SRE",
        "--source",
        "referral",
        "--follow-up",
        "+1w",
    ],
    &["apps"],
    &["apps", "--open", "--stage", "applied"],
    &["apps", "--format", "json"],
    &["apps", "--format", "csv"],
    &["apps", "move", "50", "offer"],
    &["offers"],
    &["offers", "--format", "json", "--explain"],
    &[
        "offer",
        "add",
        "Globex",
        "--base",
        "180k",
        "--bonus-pct",
        "10",
        "--shares",
        "400",
        "--price",
        "100",
        "--schedule",
        "annual",
        "--start",
        "+6w",
    ],
    &["offer", "edit", "62", "--base", "210k"],
    &["offer", "what-if", "62", "--start", "2027-01-04"],
    &["offer", "accept", "62"],
    &["current-job"],
    &["current-job", "--base", "180k"],
    &[
        "import",
        "apps",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/import/messy_headers.csv"
        ),
        "--skip-bad",
    ],
    &[
        "import",
        "contacts",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/import/linkedin_connections.csv"
        ),
    ],
    &["next"],
    &["next", "--format", "json"],
    &["notice", "--date", "2026-11-12", "--last-day", "2027-02-09"],
    &["account", "Checking", "9000"],
    &["expense", "Rent", "3300", "--essential"],
    &["severance", "--amount", "40000", "--pay-date", "2027-02-20"],
    &["benefit", "--weekly", "450"],
    &["cover", "marketplace", "610", "--start", "2027-03-01"],
    &[
        "grant",
        "Refresher",
        "--ticker",
        "AMZN",
        "--shares",
        "40",
        "--granted",
        "2026-05-15",
        "--schedule",
        "amazon",
    ],
    &["price", "AMZN", "215"],
    &["contact", "Priya Shah", "--relationship", "peer"],
    &["set"],
    &["set", "time-to-offer", "4"],
    &["apply", "Acme", "SRE", "--again"],
    &["income", "Partner", "3000"],
    &["one-off", "Laptop", "2200", "--date", "2027-02-15"],
    &["new-job", "--start", "2027-06-01", "--monthly", "10400"],
    &[
        "bonus",
        "Retention",
        "15000",
        "--must-be-employed-on",
        "2027-03-01",
    ],
    &["signal", "reorg", "Teams merged"],
    &["updated", "resume"],
    &["self-check", "--team", "Platform"],
    &["sync", "init", "remote.git"],
    &["sync"],
    &["sync", "--format", "json"],
    &[
        "merge",
        "workbook.sync-conflict-20261126-101010-ABCDEFG.ron",
    ],
];

fn fixture_path(version: u32) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("workbook-v{version}.ron"))
}

pub fn fixture(version: u32) -> String {
    let path = fixture_path(version);
    fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): keep one fixture per released format version",
            path.display()
        )
    })
}

pub fn seed(paths: &Paths, bytes: &[u8]) {
    fs::create_dir_all(&paths.dir).expect("data dir");
    fs::write(&paths.workbook, bytes).expect("seed");
}

#[test]
fn every_released_format_has_a_fixture_that_loads() {
    for version in 1..=CURRENT_VERSION {
        let original = fixture(version);
        let (_dir, paths) = fresh();
        seed(&paths, original.as_bytes());
        let session = open(&paths);
        assert_eq!(session.read_only(), None, "v{version} is editable");
        assert!(
            !session.workbook().impact.wins.is_empty(),
            "v{version} fixture holds records"
        );
        let now = fs::read(&paths.workbook).expect("read");
        if version == CURRENT_VERSION {
            assert_eq!(
                now,
                original.as_bytes(),
                "the current format is left as it is"
            );
            continue;
        }
        let kept = backup::list(&paths)
            .expect("list")
            .into_iter()
            .find(|b| b.reason == backup::Reason::PreMigrate)
            .unwrap_or_else(|| panic!("v{version}: no backup before upgrading"));
        assert_eq!(fs::read(kept.path).expect("read"), original.as_bytes());
        assert!(matches!(
            file::parse(&paths.workbook, &now, &[]),
            Ok(file::Parsed::Current(_))
        ));
    }
}

#[test]
fn the_current_fixture_is_exactly_what_careerbook_writes() {
    let text = fixture(CURRENT_VERSION);
    let Ok(file::Parsed::Current(workbook)) =
        file::parse(&fixture_path(CURRENT_VERSION), text.as_bytes(), &[])
    else {
        panic!("the current fixture parses");
    };
    let written = file::to_bytes(&workbook).expect("serialise");
    assert_eq!(
        String::from_utf8_lossy(&written),
        text,
        "the format changed: if older builds would misread it, bump CURRENT_VERSION and add a fixture"
    );
}

/// Paths in a JSON value (array indices written `[]`) that hold no data in
/// any record: an empty list, a `null`, an empty object.
fn empty_fields(value: &serde_json::Value) -> Vec<String> {
    fn walk(
        value: &serde_json::Value,
        path: String,
        seen: &mut Vec<String>,
        filled: &mut Vec<String>,
    ) {
        seen.push(path.clone());
        let has_data = match value {
            serde_json::Value::Null => false,
            serde_json::Value::Array(items) => {
                for item in items {
                    walk(item, format!("{path}[]"), seen, filled);
                }
                !items.is_empty()
            }
            serde_json::Value::Object(fields) => {
                for (name, field) in fields {
                    walk(field, format!("{path}.{name}"), seen, filled);
                }
                !fields.is_empty()
            }
            _ => true,
        };
        if has_data {
            filled.push(path);
        }
    }
    let (mut seen, mut filled) = (Vec::new(), Vec::new());
    walk(value, String::new(), &mut seen, &mut filled);
    seen.sort();
    seen.dedup();
    seen.retain(|p| !filled.contains(p));
    seen
}

/// The fixture of the current format must use every field of every kind of
/// record, so it proves they all load. When a feature adds records or
/// fields, this test names what the fixture is missing.
#[test]
fn the_current_fixture_has_data_in_every_field() {
    let text = fixture(CURRENT_VERSION);
    let (_dir, paths) = fresh();
    seed(&paths, text.as_bytes());
    let value = serde_json::to_value(open(&paths).workbook()).expect("as JSON");
    assert_eq!(
        empty_fields(&value),
        Vec::<String>::new(),
        "add data for these to {}",
        fixture_path(CURRENT_VERSION).display()
    );
}

/// The current fixture as if written by a newer careerbook: one this build can
/// still read (it must stay read-only) and one with fields it does not know.
fn newer_files() -> Vec<(&'static str, String)> {
    let current = fixture(CURRENT_VERSION);
    let from = format!("version: {CURRENT_VERSION},");
    let to = format!("version: {},", CURRENT_VERSION + 1);
    assert!(current.contains(&from));
    let readable = current.replacen(&from, &to, 1);
    let unknown = readable.replacen(
        "category: other,",
        "category: other,\n                confidence: high,",
        1,
    );
    vec![("readable", readable), ("with unknown fields", unknown)]
}

/// Runs a command from the directory above the data directory, where a file
/// it is asked to write (an export) may land without touching the workbook.
pub fn careerbook(paths: &Paths, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_careerbook"))
        .current_dir(paths.dir.parent().expect("the data directory has a parent"))
        .arg("--data-dir")
        .arg(&paths.dir)
        .args(args)
        .env("CAREERBOOK_TODAY", "2026-11-26")
        .env_remove("CAREERBOOK_DIR")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run careerbook")
}

#[test]
fn a_newer_file_stays_byte_identical_through_every_command() {
    for (kind, text) in newer_files() {
        let (_dir, paths) = fresh();
        seed(&paths, text.as_bytes());
        for args in COMMANDS {
            let out = careerbook(&paths, args);
            assert_ne!(
                out.status.code(),
                Some(2),
                "`careerbook {}` is a usage error; update COMMANDS: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(
                fs::read(&paths.workbook).expect("read"),
                text.as_bytes(),
                "`careerbook {}` changed a {kind} newer file",
                args.join(" ")
            );
            assert_eq!(strays(&paths), Vec::<PathBuf>::new());
        }
        // Opening the TUI on a file it cannot read at all stops before the
        // terminal is touched; one it can read opens read-only (tested below).
        if kind == "with unknown fields" {
            let out = careerbook(&paths, &[]);
            assert_eq!(out.status.code(), Some(1));
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("newer careerbook"), "{stderr}");
            assert_eq!(fs::read(&paths.workbook).expect("read"), text.as_bytes());
        }
    }
}

/// Every key in the key table, as the terminal would send it, except export:
/// it writes a file the user names (here it would land in the working
/// directory), never the workbook.
fn every_key() -> Vec<KeyEvent> {
    KEYS.iter()
        .filter(|binding| binding.action != Action::Export)
        .flat_map(|binding| binding.keys)
        .map(|key| KeyEvent::new(key.code, key.mods))
        .collect()
}

#[test]
fn a_newer_file_stays_byte_identical_through_every_key_of_the_tui() {
    let (_, text) = &newer_files()[0];
    let (_dir, paths) = fresh();
    seed(&paths, text.as_bytes());
    let session = Session::open(paths.clone(), crate::support::tui_options()).expect("opens");
    assert!(session.read_only().is_some());
    let mut app = App::new(session, today(), Theme::plain(), None);
    let screen = crate::common::draw(&app, 100, 30);
    assert!(
        screen.contains("Read-only") && screen.contains("read-only: nothing will be saved"),
        "the user is told that nothing will be saved:\n{screen}"
    );
    for tab in 0..Tab::ALL.len() {
        press(&mut app, &(tab + 1).to_string());
        for key in every_key() {
            app.on_key(key);
            // Whatever opened (a form, a confirmation), try to complete it.
            press(&mut app, "text:Shipped | Enter y");
        }
    }
    app.reload_if_changed();
    let _ = app.save_before_exit();
    assert_eq!(fs::read(&paths.workbook).expect("read"), text.as_bytes());
    assert_eq!(strays(&paths), Vec::<PathBuf>::new());
}
