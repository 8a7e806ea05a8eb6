//! Hostile text (issue 13): a stranger's CSV, a synced or hand-edited workbook
//! or a pasted job post must never reach the terminal as a control sequence.
//! Every text command, Markdown, CSV, iCalendar and JSON, through the real binary.

mod common;

use common::cli::{careerbook, careerbook_with_stdin, stderr, stdout};
use std::path::Path;
use std::process::Output;

/// OSC 52 (writes the clipboard), OSC 0 (retitles the window), cursor up and
/// erase line, a bare CR, a right-to-left override, NUL, an 8-bit CSI, DEL and
/// a bidi isolate, then the Unicode line breaks a terminal or a viewer may
/// act on (NEL, LINE and PARAGRAPH SEPARATOR): written as RON `\u{…}` escapes.
const HOSTILE_RON: &str = r"Evil\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}]0;pwned\u{7}\u{1b}[1A\u{1b}[2K\rX\u{202e}gnp.exe\u{0}Y\u{9b}31m\u{7f}\u{2066}Z\u{85}L\u{2028}P\u{2029}";

/// The same text as it comes back out of the JSON.
const HOSTILE: &str = "Evil\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}]0;pwned\u{7}\u{1b}[1A\u{1b}[2K\rX\u{202e}gnp.exe\u{0}Y\u{9b}31m\u{7f}\u{2066}Z\u{85}L\u{2028}P\u{2029}";

/// What a person sees instead, on one line.
const SHOWN: &str = "Evil␛]52;c;cm0gLXJmIH4=␇␛]0;pwned␇␛[1A␛[2K␍X\u{fffd}gnp.exe␀Y\u{fffd}31m␡\u{fffd}Z\u{fffd}L\u{fffd}P\u{fffd}";

/// The demo workbook with a stranger's text in a win, an application and its
/// contact (they raise alerts), a grant, a bonus and a price's ticker.
fn hostile_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let demo = careerbook::store::demo::DEMO_RON;
    let mut ron = demo.to_string();
    for plain in [
        "Handed the media-archive migration to the enterprise team with a runbook",
        "Northwind Cloud",
        "Dana Whitfield",
        "Marcus Lee",
        "New-hire RSU",
        "Send thank-you notes after the onsite",
    ] {
        assert!(ron.contains(plain), "the demo has {plain:?}");
        ron = ron.replace(plain, HOSTILE_RON);
    }
    std::fs::write(dir.path().join("workbook.ron"), ron).expect("write");
    dir
}

/// Nothing a terminal would act on: no C0 control but newline and tab, no
/// DEL, no C1 control, no bidi override or isolate.
fn assert_terminal_safe(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
                || ('\u{2028}'..='\u{2029}').contains(&c)
        })
        .collect();
    assert!(bad.is_empty(), "{what} let {bad:?} through:\n{text}");
}

fn run_safe(dir: &Path, args: &[&str]) -> Output {
    let out = careerbook(dir, args);
    assert_terminal_safe(&format!("{args:?} stdout"), &stdout(&out));
    assert_terminal_safe(&format!("{args:?} stderr"), &stderr(&out));
    out
}

#[test]
fn every_text_command_shows_stand_ins_instead_of_control_sequences() {
    let dir = hostile_dir();
    for args in [
        &["check"][..],
        &["check", "--alerts"],
        &["wins"],
        &["wins", "--since", "2026-11-20"],
        &["wins", "--format", "md"],
        &["runway"],
        &["vesting"],
        &["vesting", "--last-day", "2026-12-01"],
        &["apps"],
        &["apps", "--open"],
        &["path"],
        &["restore"],
    ] {
        let out = run_safe(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    // The stranger's text is still there to read, one record on one line.
    let alerts = stdout(&run_safe(dir.path(), &["check", "--alerts"]));
    assert!(
        alerts.contains(&format!(
            "2026-11-25  follow_up    Follow up with {SHOWN} (Principal Cloud Architect): 1 day overdue\n"
        )),
        "{alerts}"
    );
    let apps = stdout(&run_safe(dir.path(), &["apps"]));
    assert!(
        apps.contains(&format!(
            "52  interviewing  2026-10-28  2026-11-25 overdue  {SHOWN} — Principal Cloud Architect\n"
        )),
        "{apps}"
    );
    let wins = stdout(&run_safe(dir.path(), &["wins", "--since", "2026-11-20"]));
    assert!(wins.contains(SHOWN), "{wins}");
    let md = stdout(&run_safe(dir.path(), &["wins", "--format", "md"]));
    assert!(
        md.contains("— Evil␛\\]52;c;cm0gLXJmIH4=␇␛\\]0;pwned"),
        "{md}"
    );
    let vesting = stdout(&run_safe(
        dir.path(),
        &["vesting", "--last-day", "2026-12-01"],
    ));
    assert!(
        vesting.contains("2027-03-16  Evil␛]52;c;cm0gLXJm…  "),
        "{vesting}"
    );
}

#[test]
fn write_commands_echo_hostile_arguments_safely() {
    let dir = hostile_dir();
    // No NUL can be passed in an argument, and a title must be one line.
    let hostile_arg = HOSTILE.replace(['\0', '\r'], "");
    let out = run_safe(dir.path(), &["log", &hostile_arg, "--note", &hostile_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("logged #"), "{}", stdout(&out));
    let out = run_safe(
        dir.path(),
        &["apply", &hostile_arg, &hostile_arg, "--note", &hostile_arg],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run_safe(dir.path(), &["apps", "move", "52", "offer"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(SHOWN), "{}", stdout(&out));
    // Refused values are named on stderr with the same stand-ins.
    let out = run_safe(dir.path(), &["log", "x", "--category", &hostile_arg]);
    assert_eq!(out.status.code(), Some(2));
    let out = run_safe(dir.path(), &["wins", "--format", &hostile_arg]);
    assert_eq!(out.status.code(), Some(2));
    // clap drops whole escape sequences from its message; the rule shows the rest.
    assert!(
        stderr(&out).contains("X\u{fffd}gnp.exe"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_imported_spreadsheet_cannot_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A NUL, ESC sequences, a bidi override and line separators in cells, in
    // a header, and in a status that cannot be read.
    let csv = "Company,Role,Status,Date Applied,X\u{1b}]0;hdr\u{7}\n\
               \"Acme\u{1b}[2K\rCorp\u{0}\u{2028}Ltd\u{2029}\",SRE\u{202e}gnp,applied,2026-11-02,x\n\
               Globex,SRE,\u{1b}]52;c;eHh4\u{7},2026-11-03,x\n";
    std::fs::write(dir.path().join("jobs.csv"), csv).expect("csv");
    let data = dir.path().join("data");
    let file = dir.path().join("jobs.csv");
    let file = file.to_str().expect("utf-8 path");
    let refused = run_safe(&data, &["import", "apps", file]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("row 3: status \"\\u{1b}]52"),
        "{}",
        stderr(&refused)
    );
    let out = run_safe(&data, &["import", "apps", file, "--skip-bad"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(
        report.contains("Acme␛[2K␍Corp␀\u{fffd}Ltd — SRE\u{fffd}gnp: applied 2026-11-02"),
        "{report}"
    );
    assert!(report.contains("Columns not read: X␛]0;hdr␇"), "{report}");
    run_safe(&data, &["apps"]);
}

#[test]
fn json_escapes_what_a_terminal_would_act_on_and_keeps_the_text_exact() {
    let dir = hostile_dir();
    let out = run_safe(dir.path(), &["apps", "--format", "json"]);
    let apps: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let northwind = apps
        .as_array()
        .expect("array")
        .iter()
        .find(|a| a["id"] == 52)
        .expect("#52");
    assert_eq!(northwind["company"], HOSTILE);
    assert!(stdout(&out).contains(r"\u202e") && stdout(&out).contains(r"\u009b"));
    let out = run_safe(dir.path(), &["wins", "--format", "json"]);
    assert!(stdout(&out).contains(r"\u001b]52"), "{}", stdout(&out));
}

#[test]
fn csv_keeps_the_data_for_a_pipe_and_guards_formulas() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = careerbook(
        dir.path(),
        &[
            "apply",
            "=HYPERLINK(\"http://x.example\",\"Acme\")",
            "+SRE",
            "--note",
            "line\r\nbreak",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = careerbook(dir.path(), &["log", "@SUM(1)", "--metric", "-30% p99"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let apps = stdout(&careerbook(dir.path(), &["apps", "--format", "csv"]));
    assert!(
        apps.contains("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Acme\"\")\",'+SRE,"),
        "{apps}"
    );
    // In a pipe the file is exact: the note's CR LF is data, not display.
    assert!(apps.contains("\"line\r\nbreak\""), "{apps:?}");
    let wins = stdout(&careerbook(dir.path(), &["wins", "--format", "csv"]));
    assert!(wins.contains(",'@SUM(1),other,'-30% p99,"), "{wins}");
    // The export imports back exactly: the guard's quote is taken off.
    let again = tempfile::tempdir().expect("temp dir");
    let out = careerbook_with_stdin(again.path(), &["import", "apps", "-"], apps.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let json = stdout(&careerbook(again.path(), &["apps", "--format", "json"]));
    let back: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        back[0]["company"],
        "=HYPERLINK(\"http://x.example\",\"Acme\")"
    );
    assert_eq!(back[0]["role"], "+SRE");
}

#[test]
fn the_calendar_has_no_control_or_bidi_characters() {
    let dir = hostile_dir();
    let out = careerbook(dir.path(), &["export", "--format", "ics", "--out", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ics = stdout(&out);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    let unfolded = ics.replace("\r\n", "");
    assert_terminal_safe("the calendar", &unfolded);
    assert!(!unfolded.contains('\n'), "only CRLF line ends");
    assert!(
        // The CR is read as a line break, as in every text value.
        unfolded.contains(
            "SUMMARY:Follow up: Evil]52\\;c\\;cm0gLXJmIH4=]0\\;pwned[1A[2K\\nXgnp.exeY31mZ"
        ),
        "{ics}"
    );
}
