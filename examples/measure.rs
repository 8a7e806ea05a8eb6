//! Measures the speed targets in the issues and prints the figures recorded in
//! docs/architecture.md. Run it from the repository root with a release build:
//!
//! ```sh
//! cargo build --release && cargo run --release --example measure
//! ```
//!
//! It generates large workbooks in a temporary directory (20,000 wins; 5,000
//! applications and 2,000 contacts), so nothing of yours is touched.
//!
//! `-- writes` measures only what issue 17 is about: `careerbook log` at
//! 1,000, 20,000 and 100,000 wins (time and peak memory, the latter with GNU
//! `time` when it is installed), and the full-screen workbook's first frame,
//! peak memory and first switch to each other tab (only the tab shown is
//! built) on large workbooks; `-- frames` measures only the latter. Set
//! `MEASURE_BEFORE` to another build of careerbook (say, of the commit before
//! the journal) to time its `log` side by side.

use careerbook::domain::impact::{Category, Metric, Win};
use careerbook::domain::pipeline::{Application, Contact, Relationship, Stage};
use careerbook::domain::vesting::{Grant, Price, Rounding, Schedule};
use careerbook::domain::workbook::Workbook;
use careerbook::store::{OpenOptions, Paths, Session, demo::DEMO_RON, file};
use careerbook::tui::app::App;
use careerbook::tui::theme::Theme;
use chrono::{Days, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir] = &args[..]
        && flag == "--tui-peak"
    {
        // A child of `tui_memory`: open and draw once, say the peak; then
        // show every other tab and say it again.
        let mut app = open_app(&Paths::in_dir(dir), today);
        draw(&app, 120, 40);
        println!("{}", peak_kib().unwrap_or(0));
        for key in ['2', '3', '4', '5'] {
            press(&mut app, KeyCode::Char(key));
            draw(&app, 120, 40);
        }
        println!("{}", peak_kib().unwrap_or(0));
        return;
    }
    match args.first().map(String::as_str) {
        Some("writes") => {
            writes(today);
            frames(today);
            return;
        }
        Some("frames") => {
            frames(today);
            return;
        }
        _ => {}
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    println!(
        "careerbook speed figures (release build, {})\n",
        std::env::consts::ARCH
    );

    let demo = Paths::in_dir(dir.path().join("demo"));
    write(&demo, DEMO_RON.as_bytes());
    let first = median(20, || {
        let started = Instant::now();
        let app = open_app(&demo, today);
        draw(&app, 120, 40);
        started.elapsed()
    });
    println!(
        "open the demo workbook and draw the first frame: {}",
        ms(first)
    );

    let mut app = open_app(&demo, today);
    for tab in 0..5 {
        press(&mut app, KeyCode::Char(char::from(b'1' + tab)));
        let redraw = median(200, || {
            let started = Instant::now();
            draw(&app, 200, 60);
            started.elapsed()
        });
        println!("redraw tab {} at 200×60: {}", tab + 1, ms(redraw));
    }

    let big = Paths::in_dir(dir.path().join("wins"));
    write(
        &big,
        &file::to_bytes(&many_wins(20_000, today)).expect("serialize"),
    );
    let size = std::fs::metadata(&big.workbook)
        .map(|m| m.len())
        .unwrap_or(0);
    println!("\n20,000 wins: workbook.ron is {:.1} MB", size as f64 / 1e6);
    let mut app = open_app(&big, today);
    press(&mut app, KeyCode::Char('2'));
    let redraw = median(100, || {
        let started = Instant::now();
        draw(&app, 200, 60);
        started.elapsed()
    });
    println!(
        "redraw the Impact tab with 20,000 wins at 200×60: {}",
        ms(redraw)
    );
    press(&mut app, KeyCode::Char('/'));
    let filter = median(20, || {
        let started = Instant::now();
        press(&mut app, KeyCode::Char('x'));
        press(&mut app, KeyCode::Backspace);
        started.elapsed() / 2
    });
    println!("filter 20,000 wins by one typed character: {}", ms(filter));
    let scroll = median(100, || {
        let started = Instant::now();
        press(&mut app, KeyCode::PageDown);
        draw(&app, 200, 60);
        started.elapsed()
    });
    println!("page down and redraw with 20,000 wins: {}", ms(scroll));

    let binary = Path::new("target/release/careerbook");
    if binary.exists() {
        let log = median(10, || time(binary, &big, &LOG));
        println!("`careerbook log` on a workbook of 20,000 wins: {}", ms(log));
    } else {
        println!("(build with `cargo build --release` to time `careerbook log`)");
    }

    let pipeline = Paths::in_dir(dir.path().join("pipeline"));
    write(
        &pipeline,
        &file::to_bytes(&big_pipeline(5_000, 2_000, today)).expect("serialize"),
    );
    let mut app = open_app(&pipeline, today);
    press(&mut app, KeyCode::Char('5'));
    let redraw = median(50, || {
        let started = Instant::now();
        draw(&app, 200, 60);
        started.elapsed()
    });
    println!(
        "\nredraw the Pipeline tab with 5,000 applications and 2,000 contacts at 200×60: {}",
        ms(redraw)
    );

    let grants = Paths::in_dir(dir.path().join("grants"));
    write(
        &grants,
        &file::to_bytes(&many_grants(200, today)).expect("serialize"),
    );
    let open = median(5, || {
        let started = Instant::now();
        let mut app = open_app(&grants, today);
        press(&mut app, KeyCode::Char('4'));
        draw(&app, 120, 40);
        started.elapsed()
    });
    println!(
        "open a workbook of 200 monthly-vesting grants and draw the Vesting tab: {}",
        ms(open)
    );
}

fn many_grants(n: usize, today: NaiveDate) -> Workbook {
    let mut wb = Workbook::default();
    for i in 0..n {
        let start = today
            .checked_sub_days(Days::new((i * 7) as u64))
            .unwrap_or(today);
        wb.vesting.grants.push(Grant {
            id: i as u64 + 1,
            name: format!("Grant {i}"),
            ticker: "ACME".into(),
            shares: Decimal::from(4800),
            grant_date: start,
            vest_start: start,
            schedule: Schedule::CliffMonthly,
            rounding: Rounding::HalfUp,
        });
    }
    wb.vesting.prices.push(Price {
        id: n as u64 + 1,
        ticker: "ACME".into(),
        price: Decimal::from(150),
        as_of: today,
    });
    wb.next_id = n as u64 + 2;
    wb
}

fn write(paths: &Paths, bytes: &[u8]) {
    file::ensure_dirs(paths).expect("directories");
    std::fs::write(&paths.workbook, bytes).expect("write workbook");
}

fn open_app(paths: &Paths, today: NaiveDate) -> App {
    App::new(open_session(paths), today, Theme::plain(), None)
}

/// Opens `paths` as the full-screen workbook does.
fn open_session(paths: &Paths) -> Session {
    Session::open(
        paths.clone(),
        OpenOptions {
            create: true,
            hold_lock: false,
        },
    )
    .expect("open")
}

fn draw(app: &App, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| app.render(frame)).expect("draw");
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn median(runs: usize, mut measure: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| measure()).collect();
    times.sort();
    times[runs / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms (median)", d.as_secs_f64() * 1000.0)
}

fn many_wins(n: usize, today: NaiveDate) -> Workbook {
    let mut wb = Workbook::default();
    for i in 0..n {
        let date = today
            .checked_sub_days(Days::new((i / 3) as u64))
            .unwrap_or(today);
        let metric =
            (i % 2 == 0).then(|| Metric::parse(&format!("${}k/yr", i % 90 + 1)).expect("metric"));
        wb.impact.wins.push(Win {
            id: i as u64 + 1,
            date,
            title: format!(
                "Win number {i}: consolidated cluster {} and cut its cost",
                i % 97
            ),
            category: Category::ALL[i % 5],
            metric,
            notes: (i % 4 == 0).then(|| "Context, action and who benefited.".to_string()),
            tags: vec!["finops".into(), format!("team{}", i % 7)],
            link: None,
        });
    }
    wb.next_id = n as u64 + 1;
    wb
}

fn big_pipeline(apps: usize, contacts: usize, today: NaiveDate) -> Workbook {
    let mut wb = Workbook::default();
    for i in 0..contacts {
        let mut contact = Contact::new(
            i as u64 + 1,
            format!("Contact {i}"),
            Relationship::ALL[i % 5],
        );
        contact.last_contacted = today.checked_sub_days(Days::new((i % 60) as u64));
        wb.pipeline.contacts.push(contact);
    }
    for i in 0..apps {
        let start = today
            .checked_sub_days(Days::new((i % 90) as u64 + 5))
            .unwrap_or(today);
        let id = (contacts + i) as u64 + 1;
        let mut app = Application::new(
            id,
            format!("Company {i}"),
            "Engineer",
            Stage::Applied,
            start,
        );
        if i % 3 == 0 {
            let _ = app.move_to(
                Stage::Screening,
                start.checked_add_days(Days::new(3)).unwrap_or(start),
            );
        }
        app.follow_up = today.checked_add_days(Days::new((i % 20) as u64));
        wb.pipeline.applications.push(app);
    }
    wb.next_id = (contacts + apps) as u64 + 1;
    wb
}

/// Issue 17's figures: `careerbook log` by workbook size, and the first frame.
fn writes(today: NaiveDate) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let binary = Path::new("target/release/careerbook");
    assert!(binary.exists(), "build with `cargo build --release` first");
    let before = std::env::var_os("MEASURE_BEFORE").map(std::path::PathBuf::from);
    println!("careerbook log (wall, including starting the process; median):");
    let start = median(20, || time(binary, &Paths::in_dir(dir.path()), &["path"]));
    println!(
        "  starting the process alone (`careerbook path`): {}",
        ms(start)
    );
    for n in [1_000, 20_000, 100_000] {
        let paths = Paths::in_dir(dir.path().join(format!("log{n}")));
        write(
            &paths,
            &file::to_bytes(&many_wins(n, today)).expect("serialize"),
        );
        let size = std::fs::metadata(&paths.workbook).map_or(0, |m| m.len());
        println!("  {n} wins ({:.1} MB):", size as f64 / 1e6);
        if let Some(before) = &before {
            let old = median(9, || time(before, &paths, &LOG));
            println!("    previous design (parse, rewrite whole): {}", ms(old));
            // Its writes took the day's backup: start this design afresh.
            std::fs::remove_dir_all(&paths.dir).expect("start afresh");
            write(
                &paths,
                &file::to_bytes(&many_wins(n, today)).expect("serialize"),
            );
        }
        // The first log of the day takes the backup (a copy of the file) and
        // starts the journal; a first log after a fold reads the workbook.
        let first_of_day = time(binary, &paths, &LOG);
        println!(
            "    first log of the day (backup, reads the workbook, starts the journal): {}",
            ms(first_of_day)
        );
        let after_fold = median(5, || {
            time(binary, &paths, &["compact"]);
            time(binary, &paths, &LOG)
        });
        println!(
            "    first log after a fold (reads the workbook, starts the journal): {}",
            ms(after_fold)
        );
        let mut quick: Vec<Duration> = (0..41).map(|_| time(binary, &paths, &LOG)).collect();
        quick.sort();
        println!(
            "    any later log (appends a line to the journal): {} (fastest {:.2} ms, 9 in 10 under {:.2} ms)",
            ms(quick[20]),
            quick[0].as_secs_f64() * 1000.0,
            quick[36].as_secs_f64() * 1000.0
        );
        if let Some(kib) = peak_of(binary, &paths, &LOG) {
            println!(
                "    peak memory of a later log: {:.1} MB",
                kib as f64 / 1024.0
            );
        }
        let read = median(5, || time(binary, &paths, &["runway", "--format", "json"]));
        println!(
            "    a reading command (`runway`), the journal applied: {}",
            ms(read)
        );
    }
}

/// The full-screen workbook's first frame, peak memory and first switch to
/// each other tab, on large workbooks.
fn frames(today: NaiveDate) {
    let dir = tempfile::tempdir().expect("temporary directory");
    println!(
        "\nthe full-screen workbook's first frame at 120×40 (median of 5; open = read and parse, build = the tab shown):"
    );
    let sized = [
        (
            "20,000 wins, 5,000 applications, 2,000 contacts, 200 grants",
            mixed(20_000, 5_000, 2_000, 200, today),
        ),
        ("100,000 wins", many_wins(100_000, today)),
    ];
    for (name, workbook) in sized {
        let paths = Paths::in_dir(dir.path().join(format!("tui{}", workbook.next_id)));
        write(&paths, &file::to_bytes(&workbook).expect("serialize"));
        drop(workbook);
        let size = std::fs::metadata(&paths.workbook).map_or(0, |m| m.len());
        let (mut open, mut build, mut frame) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..5 {
            let t0 = Instant::now();
            let session = open_session(&paths);
            let t1 = Instant::now();
            let app = App::new(session, today, Theme::plain(), None);
            let t2 = Instant::now();
            draw(&app, 120, 40);
            let t3 = Instant::now();
            open.push(t1 - t0);
            build.push(t2 - t1);
            frame.push(t3 - t2);
        }
        let mid = |v: &mut Vec<Duration>| {
            v.sort();
            v[v.len() / 2]
        };
        let (o, b, f) = (mid(&mut open), mid(&mut build), mid(&mut frame));
        println!(
            "  {name} ({:.1} MB): {:.0} ms = open {:.0} + build {:.0} + draw {:.1}",
            size as f64 / 1e6,
            (o + b + f).as_secs_f64() * 1000.0,
            o.as_secs_f64() * 1000.0,
            b.as_secs_f64() * 1000.0,
            f.as_secs_f64() * 1000.0
        );
        if let Some([first, every]) = tui_memory(&paths) {
            let times = |kib: u64| kib as f64 * 1024.0 / size as f64;
            println!(
                "    peak memory: {:.1} MiB, {:.1}× the file; after showing every tab {:.1} MiB, {:.1}×",
                first as f64 / 1024.0,
                times(first),
                every as f64 / 1024.0,
                times(every)
            );
        }
        // Only the tab shown is built: the first switch to another builds it.
        for (key, tab) in [
            ('2', "Impact"),
            ('3', "Runway"),
            ('4', "Vesting"),
            ('5', "Pipeline"),
        ] {
            let switch = median(5, || {
                let mut app = open_app(&paths, today);
                draw(&app, 120, 40);
                let started = Instant::now();
                press(&mut app, KeyCode::Char(key));
                draw(&app, 120, 40);
                started.elapsed()
            });
            println!("    first switch to {tab} and draw: {}", ms(switch));
        }
    }
}

const LOG: [&str; 4] = ["log", "Measured win", "--metric", "30%"];

/// The wall time of one run of careerbook on `paths`.
fn time(binary: &Path, paths: &Paths, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = Command::new(binary)
        .arg("--data-dir")
        .arg(&paths.dir)
        .args(args)
        .env("CAREERBOOK_TODAY", "2026-11-26")
        .output()
        .expect("run careerbook");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    started.elapsed()
}

/// The peak resident memory of one run, in KiB, from GNU time.
fn peak_of(binary: &Path, paths: &Paths, args: &[&str]) -> Option<u64> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(binary)
        .arg("--data-dir")
        .arg(&paths.dir)
        .args(args)
        .env("CAREERBOOK_TODAY", "2026-11-26")
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    err.lines().last()?.trim().parse().ok()
}

/// The peak memory of a process that opens `paths` in the full-screen
/// workbook and draws it once, then after it showed every tab, in KiB
/// (Linux: /proc).
fn tui_memory(paths: &Paths) -> Option<[u64; 2]> {
    let out = Command::new(std::env::current_exe().ok()?)
        .arg("--tui-peak")
        .arg(&paths.dir)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut peaks = text.lines().filter_map(|l| l.trim().parse().ok());
    let peaks = [peaks.next()?, peaks.next()?];
    peaks.iter().all(|&k| k > 0).then_some(peaks)
}

/// This process's peak resident memory in KiB (`VmHWM`), on Linux.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Wins, applications, contacts and grants in one workbook, ids apart.
fn mixed(wins: usize, apps: usize, contacts: usize, grants: usize, today: NaiveDate) -> Workbook {
    let mut wb = many_wins(wins, today);
    let offset = wb.next_id;
    let pipeline = big_pipeline(apps, contacts, today).pipeline;
    wb.pipeline = pipeline;
    for app in &mut wb.pipeline.applications {
        app.id += offset;
    }
    for contact in &mut wb.pipeline.contacts {
        contact.id += offset;
    }
    let offset = offset + (apps + contacts) as u64;
    wb.vesting = many_grants(grants, today).vesting;
    for grant in &mut wb.vesting.grants {
        grant.id += offset;
    }
    for price in &mut wb.vesting.prices {
        price.id += offset;
    }
    wb.next_id = offset + grants as u64 + 2;
    wb
}
