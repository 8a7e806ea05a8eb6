//! Scripting careerbook (issue 13): pipes and terminals, JSON from the
//! commands that change data, `-` for standard input and output, the date
//! words, `check --exit-code`, completions and the manual page.

mod common;
#[path = "reliability/pty.rs"]
#[allow(dead_code)]
mod pty;

use common::cli::{careerbook, careerbook_with_stdin, demo_dir, ok, stderr, stdout};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).expect("JSON")
}

/// What careerbook printed to a 100-column terminal, with the terminal's CR LF
/// line ends as LF.
fn in_terminal(dir: &Path, args: &[&str]) -> String {
    let mut terminal = pty::Terminal::spawn(dir, args, &[]);
    let status = terminal.wait_exit(Duration::from_secs(20));
    assert!(status.success(), "{args:?}: {}", terminal.text());
    terminal.text().replace("\r\n", "\n")
}

#[test]
fn a_terminal_gets_lines_wrapped_to_its_width_and_a_pipe_one_record_per_line() {
    let dir = demo_dir();
    // The pty is 100 columns wide. This alert is 112 columns long.
    let long = "2026-11-24  contact_due  Touch base with Marcus Lee (hiring manager, Amazon (AI platform team)): due 2 days ago";
    let piped = ok(dir.path(), &["check", "--alerts"]);
    assert!(piped.contains(&format!("\n{long}\n")), "{piped}");
    assert_eq!(piped.lines().count(), 6);

    let shown = in_terminal(dir.path(), &["check", "--alerts"]);
    assert!(
        shown.contains(
            "\n2026-11-24  contact_due  Touch base with Marcus Lee (hiring manager, Amazon (AI platform team)): due\n\
             \x20                        2 days ago\n"
        ),
        "{shown}"
    );
    assert!(shown.lines().all(|l| l.chars().count() <= 100), "{shown}");
    assert_eq!(shown.lines().count(), 8, "two alerts wrap: {shown}");

    // The items: one line each in a pipe; on a terminal the reason goes under the title.
    let piped = ok(dir.path(), &["check"]);
    assert_eq!(piped.lines().count(), 4, "{piped}");
    let shown = in_terminal(dir.path(), &["check"]);
    assert!(
        shown.starts_with(
            "✓ done       Make your impact visible and measurable\n\
             \x20            Win logged this week · streak 4 weeks · 80% of the last 90 days' wins measured\n"
        ),
        "{shown}"
    );
    assert!(shown.lines().all(|l| l.chars().count() <= 100), "{shown}");
    // Nothing careerbook printed drives the terminal: not one escape sequence.
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
}

#[test]
fn a_new_data_directory_is_said_on_a_terminal_as_information_never_in_a_pipe() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("new");
    // Piped: a script's standard error stays clean, read or write.
    let out = careerbook(&data, &["runway"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    // On a terminal a person is told where the workbook will be (a mistyped
    // --data-dir shows at once), worded as information, not an error.
    let said = in_terminal(&data, &["runway"]);
    let expected = format!(
        "careerbook: no workbook at {} yet: a new one will be made there on the first save\n",
        data.join("workbook.ron").display()
    );
    assert!(said.starts_with(&expected), "{said}");
    assert!(!data.join("workbook.ron").exists(), "reading made nothing");
    let out = careerbook(&data, &["log", "Shipped the migration"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    // Once it exists, nothing more is said.
    assert!(!in_terminal(&data, &["runway"]).contains("no workbook"));
}

#[test]
fn nothing_due_prints_nothing_in_a_pipe_and_says_so_on_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A win this week and nothing else dated: no alert is due.
    let out = careerbook(dir.path(), &["log", "Shipped the migration"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = careerbook(dir.path(), &["check", "--alerts", "--exit-code"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        out.stdout.is_empty(),
        "cron mails nothing: {:?}",
        stdout(&out)
    );
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    assert_eq!(
        in_terminal(dir.path(), &["check", "--alerts"]),
        "no alerts\n"
    );
    assert_eq!(
        json(dir.path(), &["check", "--alerts", "--format", "json"]),
        serde_json::json!([])
    );
}

#[test]
fn exit_code_is_1_when_something_is_due_as_git_diff_does() {
    let dir = demo_dir();
    let out = careerbook(dir.path(), &["check", "--alerts", "--exit-code"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out).lines().count(),
        6,
        "the alerts are still printed"
    );
    assert!(out.stderr.is_empty(), "no error message: {}", stderr(&out));
    // Without the flag, status 0 whatever is due.
    assert_eq!(
        careerbook(dir.path(), &["check", "--alerts"]).status.code(),
        Some(0)
    );
    // The items: two need attention in the demo.
    let out = careerbook(dir.path(), &["check", "--exit-code", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    serde_json::from_slice::<Value>(&out.stdout).expect("JSON still printed");
}

#[test]
fn write_commands_print_the_saved_record_as_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let win = json(
        dir.path(),
        &[
            "log",
            "Cut EC2 spend",
            "-c",
            "cost",
            "-m",
            "$40k/yr",
            "--format",
            "json",
        ],
    );
    let listed = json(dir.path(), &["wins", "--format", "json"]);
    assert_eq!(
        listed,
        serde_json::json!([win.clone()]),
        "the same shape as `wins`"
    );
    assert_eq!(win["category"], "cost_savings");
    let id = win["id"].as_u64().expect("an id");

    let app = json(
        dir.path(),
        &[
            "apply",
            "Acme",
            "SRE",
            "--follow-up",
            "+1w",
            "--format",
            "json",
        ],
    );
    assert_eq!(app["company"], "Acme");
    assert_eq!(app["follow_up"], "2026-12-03");
    let app_id = app["id"].as_u64().expect("an id");
    assert_ne!(app_id, id);
    let app_id = app_id.to_string();
    let moved = json(
        dir.path(),
        &["apps", "move", &app_id, "screening", "--format", "json"],
    );
    assert_eq!(moved["stage"], "screening");
    assert_eq!(
        json(dir.path(), &["apps", "--format", "json"]),
        serde_json::json!([moved.clone()]),
        "the same shape as `apps`"
    );
    // A move to where it already is changes nothing: the record, and a word on stderr.
    let out = careerbook(
        dir.path(),
        &["apps", "move", &app_id, "screening", "--format", "json"],
    );
    assert!(out.status.success());
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).expect("JSON"),
        moved
    );
    assert!(
        stderr(&out).contains("already at screening"),
        "{}",
        stderr(&out)
    );

    let csv = "Company,Role,Status,Date Applied\nGlobex,Platform,applied,2026-11-02\nAcme,SRE,,\nInitech,Data,maybe,2026-11-03\n";
    let out = careerbook_with_stdin(
        dir.path(),
        &["import", "apps", "-", "--skip-bad", "--format", "json"],
        csv.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["imported"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["imported"][0]["company"], "Globex");
    assert!(report["imported"][0]["id"].as_u64().is_some());
    assert_eq!(
        report["duplicates"],
        serde_json::json!([{ "row": 3, "same_as_id": app["id"] }])
    );
    assert_eq!(report["skipped"][0]["row"], 4);
    assert_eq!(report["day_first"], false);
}

#[test]
fn a_dash_reads_standard_input_or_writes_standard_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    // `log -`: the first line is the title, the rest the notes.
    let out = careerbook_with_stdin(
        dir.path(),
        &["log", "-", "--format", "json"],
        b"Cut EC2 spend\n\nMerged three clusters into one.\nSaved on-call time.\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let win: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(win["title"], "Cut EC2 spend");
    assert_eq!(
        win["notes"],
        "Merged three clusters into one.\nSaved on-call time."
    );
    let out = careerbook_with_stdin(dir.path(), &["log", "-", "--note", "x"], b"A\nB\n");
    assert_eq!(out.status.code(), Some(2), "notes twice is refused");
    let out = careerbook_with_stdin(dir.path(), &["log", "-"], b"");
    assert_eq!(out.status.code(), Some(2), "an empty title is refused");

    let csv = "Company,Role,Follow Up\nGlobex,Platform,2026-12-02\n";
    let out = careerbook_with_stdin(dir.path(), &["import", "apps", "-"], csv.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Imported 1 application from standard input:"),
        "{}",
        stdout(&out)
    );

    let ics = ok(dir.path(), &["export", "--format", "ics", "--out", "-"]);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(
        ics.contains("SUMMARY:Follow up: Globex — Platform\r\n"),
        "{ics}"
    );
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!dir.path().join("-").exists(), "no file named -");
}

#[test]
fn date_words_work_wherever_a_date_is_read() {
    // Today is Thursday 2026-11-26.
    let dir = tempfile::tempdir().expect("temp dir");
    let app = json(
        dir.path(),
        &[
            "apply",
            "Acme",
            "SRE",
            "--date",
            "last fri",
            "--follow-up",
            "next mon",
            "--format",
            "json",
        ],
    );
    assert_eq!(app["applied"], "2026-11-20");
    assert_eq!(app["follow_up"], "2026-11-30");
    let win = json(
        dir.path(),
        &["log", "Shipped", "--date", "last mon", "--format", "json"],
    );
    assert_eq!(win["date"], "2026-11-23");
    // "mon" alone is the coming Monday.
    let win = json(
        dir.path(),
        &["log", "Planned", "--date", "mon", "--format", "json"],
    );
    assert_eq!(win["date"], "2026-11-30");
    let wins = json(
        dir.path(),
        &[
            "wins", "--since", "last fri", "--until", "eow", "--format", "json",
        ],
    );
    // Fri 20 Nov to Sun 29 Nov: the win of the 23rd, not the one of the 30th.
    assert_eq!(wins.as_array().map(Vec::len), Some(1));
    assert_eq!(wins[0]["date"], "2026-11-23");
    let demo = demo_dir();
    let vesting = ok(demo.path(), &["vesting", "--last-day", "eom"]);
    assert!(vesting.contains("\nLast day 2026-11-30\n"), "{vesting}");
    // A date that cannot be read names every form.
    let out = careerbook(
        dir.path(),
        &["apply", "Acme", "SRE", "--follow-up", "someday"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "--follow-up: \"someday\" is not a date (use YYYY-MM-DD, 29 jan, jan 29 2027, today, +2w, -3d, fri, next fri, last fri, eow or eom)"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bash_completion_knows_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = ok(dir.path(), &["completions", "bash"]);
    assert!(script.contains("complete -F _careerbook"), "{script}");
    let commands: Vec<String> = {
        use clap::CommandFactory;
        careerbook::cli::Args::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect()
    };
    assert!(commands.len() >= 13, "{commands:?}");
    for command in &commands {
        assert!(
            script.contains(&format!("careerbook,{command})")),
            "bash completion lacks {command}"
        );
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        assert!(
            ok(dir.path(), &["completions", shell]).contains("careerbook"),
            "{shell}"
        );
    }
    let out = careerbook(dir.path(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bash, elvish, fish, powershell, zsh"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_manual_page_is_roff_covering_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = ok(dir.path(), &["man"]);
    assert!(page.starts_with(".TH careerbook 1 "), "{page}");
    for command in [
        "check",
        "log",
        "wins",
        "runway",
        "vesting",
        "apply",
        "apps",
        "apps move",
        "import",
        "import apps",
        "export",
        "completions",
        "man",
        "path",
        "restore",
    ] {
        assert!(
            page.contains(&format!("\n.SS \"careerbook {command}\"\n")),
            "no {command}"
        );
    }
    for needle in ["\\-\\-exit\\-code", "CAREERBOOK_DIR", "EXIT STATUS"] {
        assert!(page.contains(needle), "no {needle}");
    }
    assert!(
        !dir.path().join("workbook.ron").exists(),
        "it reads no workbook"
    );
}

#[test]
fn help_names_the_data_directory_variable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let help = ok(dir.path(), &["--help"]);
    assert!(help.contains("[env: CAREERBOOK_DIR="), "{help}");
}

#[test]
fn a_wrong_choice_is_refused_with_the_words_accepted() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (args, expected) in [
        (
            &["log", "x", "--category", "costs"][..],
            "--category: \"costs\" is not a category (choose one of: revenue, customer_retention, cost_savings, risk_reduction, other)",
        ),
        (
            &["import", "jobs"],
            "unrecognized subcommand 'jobs' (expected one of: apps, contacts)",
        ),
        (&["apps", "shift", "1"], "(expected one of: move)"),
        (
            &["wins", "--format", "pdf"],
            "[possible values: text, md, csv, json]",
        ),
    ] {
        let out = careerbook(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(
        !dir.path().join("workbook.ron").exists(),
        "nothing was written"
    );
}
