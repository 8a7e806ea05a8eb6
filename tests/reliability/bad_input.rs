//! Truncated, garbage, huge and hand-edited files: each is refused with a
//! position (and, for typos, the field), nothing panics, and the file is
//! never overwritten.

use crate::support::{fresh, tui_options};
use careerbook::store::demo::DEMO_RON;
use careerbook::store::{Paths, Session, StoreError, file};
use proptest::prelude::*;
use std::fs;
use std::time::{Duration, Instant};

/// The fixture of the current format: a workbook with every kind of record.
const FIXTURE: &str = include_str!("../fixtures/workbook-v2.ron");

/// Writes `bytes` as the workbook and opens it the way the TUI does (which
/// would create, migrate or save if it wrongly could). Returns the outcome
/// after checking that the file was left exactly as it was.
fn open_untouched(paths: &Paths, bytes: &[u8]) -> Result<Session, StoreError> {
    fs::create_dir_all(&paths.dir).expect("data dir");
    // A new file each time: ext4 flushes a file truncated and rewritten in
    // place, which would make the thousands of cuts below slow.
    let _ = fs::remove_file(&paths.workbook);
    fs::write(&paths.workbook, bytes).expect("write the workbook");
    let opened = Session::open(paths.clone(), tui_options());
    assert_eq!(
        fs::read(&paths.workbook).expect("read back"),
        bytes,
        "opening must never rewrite a file it was given ({opened:?})"
    );
    opened
}

/// Checks that `err` is a refusal pointing inside `bytes`.
fn assert_points_inside(err: &StoreError, bytes: &[u8]) {
    let StoreError::Damaged {
        at: Some((line, column)),
        ..
    } = err
    else {
        panic!("expected a damaged-file error with a position, got {err:?}");
    };
    let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count();
    assert!(
        (1..=lines).contains(line) && *column >= 1,
        "line {line}, column {column} lies outside a file of {lines} lines"
    );
    let text = err.to_string();
    assert!(
        text.contains(&format!("line {line}, column {column}")),
        "{text}"
    );
}

/// Where to cut a file: every byte of a small one. A bigger one (the demo
/// workbook is about 30 KB) costs milliseconds per cut to parse in a debug
/// build, so it is cut at every byte of its first 2 KiB and last 256 bytes
/// (where a cut file is closest to whole) and at 256 evenly spaced places
/// between.
fn cut_points(len: usize) -> Vec<usize> {
    const HEAD: usize = 2048;
    const TAIL: usize = 256;
    const BETWEEN: usize = 256;
    if len <= HEAD + TAIL + BETWEEN {
        return (0..len).collect();
    }
    let stride = (len - HEAD - TAIL).div_ceil(BETWEEN);
    (0..HEAD)
        .chain((HEAD..len - TAIL).step_by(stride))
        .chain(len - TAIL..len)
        .collect()
}

/// Every cut is parsed; every sixteenth (and each of the last eight) also goes
/// through a full open of the file on disk, which must leave it untouched.
#[test]
fn the_demo_workbook_cut_anywhere_is_refused_with_a_position_and_left_alone() {
    let (_dir, paths) = fresh();
    let whole = open_untouched(&paths, DEMO_RON.as_bytes()).expect("the whole file opens");
    let cuts = cut_points(DEMO_RON.len());
    for (i, &cut) in cuts.iter().enumerate() {
        let prefix = &DEMO_RON.as_bytes()[..cut];
        let outcome = if i % 16 == 0 || i + 8 >= cuts.len() {
            open_untouched(&paths, prefix).map(|s| s.workbook().clone())
        } else {
            match file::parse(&paths.workbook, prefix, &[]) {
                Ok(file::Parsed::Current(workbook)) => Ok(workbook),
                Ok(other) => panic!("the demo cut at byte {cut}: {other:?}"),
                Err(err) => Err(err),
            }
        };
        match outcome {
            // Cutting only trailing whitespace loses nothing.
            Ok(workbook) => assert_eq!(
                &workbook,
                whole.workbook(),
                "the demo cut at byte {cut} of {} was read as a different workbook",
                DEMO_RON.len()
            ),
            Err(err) => assert_points_inside(&err, prefix),
        }
    }
}

#[test]
fn garbage_is_refused_with_a_position_and_left_alone() {
    let mut rng = fastrand::Rng::new();
    println!("random seed {}", rng.get_seed());
    let mut cases: Vec<(String, Vec<u8>)> = vec![
        ("NUL bytes".into(), vec![0; 4096]),
        ("a byte-order mark alone".into(), "\u{feff}".into()),
        (
            "a byte-order mark and NULs".into(),
            b"\xef\xbb\xbf\0\0\0".to_vec(),
        ),
        (
            "100,000 opening brackets".into(),
            "[".repeat(100_000).into(),
        ),
        (
            "100,000 opening parentheses".into(),
            "(".repeat(100_000).into(),
        ),
        (
            "100,000 nested lists in a known field".into(),
            format!(
                "(version: 2, impact: (wins: {}{}))",
                "[".repeat(100_000),
                "]".repeat(100_000)
            )
            .into(),
        ),
        (
            "100,000 nested lists in an unknown field".into(),
            format!(
                "(version: 2, x: {}{})",
                "[".repeat(100_000),
                "]".repeat(100_000)
            )
            .into(),
        ),
        (
            "a text file".into(),
            b"Dear diary,\nno layoffs today.\n".to_vec(),
        ),
        ("JSON".into(), br#"{"version": 1, "next_id": 1}"#.to_vec()),
    ];
    // Real invalid UTF-8 (a lone continuation byte) in the middle of the fixture.
    let mut broken = FIXTURE.as_bytes().to_vec();
    broken.insert(FIXTURE.len() / 2, 0x80);
    cases.push(("invalid UTF-8 in the middle".into(), broken));
    for i in 0..50 {
        let len = rng.usize(0..2048);
        cases.push((
            format!("random bytes #{i}"),
            (0..len).map(|_| rng.u8(..)).collect(),
        ));
    }
    let (_dir, paths) = fresh();
    for (name, bytes) in cases {
        match open_untouched(&paths, &bytes) {
            Ok(_) => panic!("{name} was accepted as a workbook"),
            Err(err) => {
                if !matches!(err, StoreError::Damaged { .. }) {
                    panic!("{name}: expected a damaged-file error, got {err:?}");
                }
                assert_points_inside(&err, &bytes);
            }
        }
    }
}

#[test]
fn invalid_utf8_is_located_at_its_line_and_column() {
    let at = FIXTURE
        .find("Closed the security review")
        .expect("a title to break");
    let mut bytes = FIXTURE.as_bytes().to_vec();
    bytes.insert(at, 0xff);
    let (_dir, paths) = fresh();
    let err = open_untouched(&paths, &bytes).expect_err("refused");
    let line = 1 + FIXTURE[..at].matches('\n').count();
    let column = 1 + FIXTURE[..at]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count());
    let text = err.to_string();
    assert!(
        text.contains(&format!("line {line}, column {column}")),
        "{text}"
    );
    assert!(text.contains("not valid UTF-8"), "{text}");
}

#[test]
fn a_byte_order_mark_before_a_good_workbook_is_ignored() {
    let (_dir, paths) = fresh();
    let plain = open_untouched(&paths, FIXTURE.as_bytes()).expect("plain");
    let with_bom = format!("\u{feff}{FIXTURE}");
    let session = open_untouched(&paths, with_bom.as_bytes()).expect("with a BOM");
    assert_eq!(session.workbook(), plain.workbook());
}

#[test]
fn an_empty_file_is_refused_as_empty_not_read_as_a_new_workbook() {
    let (_dir, paths) = fresh();
    for bytes in [&b""[..], b"\n\n  \t\n"] {
        let err = open_untouched(&paths, bytes).expect_err("refused");
        assert!(err.to_string().contains("the file is empty"), "{err}");
    }
}

proptest! {
    #[test]
    fn the_loader_never_panics_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        if let Err(err) = file::parse(std::path::Path::new("w.ron"), &bytes, &[]) {
            assert_points_inside(&err, &bytes);
        }
    }
}

/// Small random edits of a good file: each is refused with a position and left
/// alone, or read as a workbook that careerbook can write and read back
/// unchanged. (A runner rather than `proptest!`, so all cases share one directory.)
#[test]
fn a_mutated_workbook_is_refused_untouched_or_read_faithfully() {
    let (_dir, paths) = fresh();
    let edit = (any::<proptest::sample::Index>(), any::<u8>(), 0..3u8);
    let edits = proptest::collection::vec(edit, 1..6);
    // Each case parses a 9 KB workbook twice in a debug build: 64 keep it quick.
    let config = proptest::test_runner::Config::with_cases(64);
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let result = runner.run(&edits, |edits| {
        let mut bytes = FIXTURE.as_bytes().to_vec();
        for (at, byte, how) in edits {
            match how {
                0 => {
                    let i = at.index(bytes.len());
                    bytes[i] = byte;
                }
                1 => {
                    bytes.remove(at.index(bytes.len()));
                }
                _ => bytes.insert(at.index(bytes.len() + 1), byte),
            }
        }
        match open_untouched(&paths, &bytes) {
            Err(err) => assert_points_inside(&err, &bytes),
            Ok(session) => {
                let written = file::to_bytes(session.workbook()).expect("serialise");
                match file::parse(&paths.workbook, &written, &[]) {
                    Ok(file::Parsed::Current(again)) => prop_assert_eq!(&again, session.workbook()),
                    other => panic!("careerbook cannot read what it wrote: {other:?}"),
                }
            }
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// Bytes this thread has read from files so far, where Linux tells us.
fn bytes_read_by_this_thread() -> Option<u64> {
    let io = fs::read_to_string("/proc/thread-self/io").ok()?;
    io.lines()
        .find_map(|l| l.strip_prefix("rchar: "))?
        .trim()
        .parse()
        .ok()
}

#[test]
fn a_200_mb_file_is_refused_quickly_without_being_read() {
    let (_dir, paths) = fresh();
    fs::create_dir_all(&paths.dir).expect("dir");
    // Sparse: 200 MB long, no disk space used.
    fs::File::create(&paths.workbook)
        .and_then(|f| f.set_len(200 * 1024 * 1024))
        .expect("a sparse file");
    let read_before = bytes_read_by_this_thread();
    let started = Instant::now();
    let err = Session::open(paths.clone(), tui_options()).expect_err("refused");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    match (read_before, bytes_read_by_this_thread()) {
        (Some(before), Some(after)) => assert!(
            after - before < 1024 * 1024,
            "{} bytes were read",
            after - before
        ),
        _ => println!("skipping the bytes-read check: /proc/thread-self/io is not available"),
    }
    let text = err.to_string();
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err:?}");
    assert!(
        text.contains("is 200 MB, more than the 64 MB") && text.contains("it was not read"),
        "{text}"
    );
    assert_eq!(
        fs::metadata(&paths.workbook).expect("stat").len(),
        200 * 1024 * 1024
    );

    // The real binary says the same and stops before touching the terminal.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_careerbook"))
        .arg("--data-dir")
        .arg(&paths.dir)
        .env_remove("CAREERBOOK_DIR")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run careerbook");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is 200 MB"), "{stderr}");
}

/// A typo a person might make editing the file by hand: the text to change,
/// what it becomes, what the message must name, and the line the error is on
/// relative to the edited line (a missing comma shows where the next value starts).
struct Typo {
    what: &'static str,
    from: &'static str,
    to: &'static str,
    names: &'static [&'static str],
    line_after: usize,
}

const TYPOS: &[Typo] = &[
    Typo {
        what: "a misspelt field name",
        from: "title: \"Migrated",
        to: "titel: \"Migrated",
        names: &["impact.wins[0]", "`titel`", "`title`"],
        line_after: 0,
    },
    Typo {
        what: "a wrong enum value",
        from: "category: customer_retention",
        to: "category: customer_retentoin",
        names: &[
            "impact.wins[1].category",
            "`customer_retentoin`",
            "`customer_retention`",
        ],
        line_after: 0,
    },
    Typo {
        what: "a misspelt field deep in the runway",
        from: "monthly_net: \"9850\"",
        to: "monthly_nett: \"9850\"",
        names: &["runway.notice", "`monthly_nett`", "`monthly_net`"],
        line_after: 0,
    },
    Typo {
        what: "a wrong stage in the pipeline",
        from: "stage: screening,",
        to: "stage: screenign,",
        names: &["pipeline.applications[0].stage", "`screenign`"],
        line_after: 0,
    },
    Typo {
        what: "a missing comma",
        from: "date: \"2026-05-06\",",
        to: "date: \"2026-05-06\"",
        names: &["impact.wins[0]", "comma"],
        line_after: 0,
    },
    Typo {
        what: "a misspelt version",
        from: "version: 2",
        to: "verison: 1",
        names: &["`verison`", "`version`"],
        line_after: 0,
    },
    Typo {
        what: "a date that does not exist",
        from: "2026-05-14",
        to: "2026-13-45",
        names: &["impact.wins[1].date"],
        line_after: 0,
    },
    Typo {
        what: "text where a number belongs",
        from: "id: 2,",
        to: "id: \"2\",",
        names: &["impact.wins[1].id"],
        line_after: 0,
    },
    Typo {
        what: "a bare string for an optional note",
        from: "notes: Some(\"Customer was paying for three idle brokers per region. Planned the cut-over with their SRE lead; zero downtime.\")",
        to: "notes: \"Customer was paying for three idle brokers per region. Planned the cut-over with their SRE lead; zero downtime.\"",
        names: &["impact.wins[0].notes", "Some(...) or None"],
        line_after: 0,
    },
    Typo {
        what: "an unknown field in a record",
        from: "category: other,",
        to: "category: other, impact_score: 3,",
        names: &["impact.wins[2]", "`impact_score`"],
        line_after: 0,
    },
    Typo {
        what: "an unknown top-level field",
        from: "next_id: 64,",
        to: "next_id: 64,\n    pets: [\"cat\"],",
        names: &["`pets`"],
        line_after: 1,
    },
];

#[test]
fn a_hand_edit_typo_is_refused_naming_the_field_line_and_column() {
    for typo in TYPOS {
        assert!(
            FIXTURE.contains(typo.from),
            "{}: the fixture has no {:?}",
            typo.what,
            typo.from
        );
        let text = FIXTURE.replacen(typo.from, typo.to, 1);
        let (_dir, paths) = fresh();
        let err = open_untouched(&paths, text.as_bytes())
            .expect_err(&format!("{} must be refused, not dropped", typo.what));
        let message = err.to_string();
        for name in typo.names {
            assert!(
                message.contains(name),
                "{}: the message should name {name}: {message}",
                typo.what
            );
        }
        let at = FIXTURE.find(typo.from).expect("found above");
        let line = 1 + FIXTURE[..at].matches('\n').count() + typo.line_after;
        let StoreError::Damaged {
            at: Some((got, _)), ..
        } = err
        else {
            panic!("{}: {err:?}", typo.what)
        };
        assert_eq!(got, line, "{}: {message}", typo.what);
        assert!(message.contains("column"), "{message}");
    }
}

/// Without a terminal to offer the backup in, the binary still says what is
/// wrong and which backup to restore.
#[test]
fn a_damaged_workbook_is_explained_even_without_a_terminal() {
    let (_dir, paths) = fresh();
    let mut session = Session::open(paths.clone(), tui_options()).expect("open");
    crate::support::add(&mut session, "one"); // takes the day's backup
    fs::write(&paths.workbook, b"(version: 2, next_id: ").expect("damage");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_careerbook"))
        .arg("--data-dir")
        .arg(&paths.dir)
        .env_remove("CAREERBOOK_DIR")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run careerbook");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot be read: line 1") && stderr.contains("careerbook restore"),
        "{stderr}"
    );
    assert_eq!(
        fs::read(&paths.workbook).expect("read"),
        b"(version: 2, next_id: "
    );
}
