//! Measures the speed targets in the issues and prints the figures recorded in
//! docs/architecture.md. Run it from the repository root with a release build:
//!
//! ```sh
//! cargo build --release && cargo run --release --example measure
//! ```
//!
//! It generates large workbooks in a temporary directory (20,000 wins; 5,000
//! applications and 2,000 contacts; all of those with 200 grants; 100,000
//! wins), so nothing of yours is touched. The last two are each opened in a
//! process of their own (this example, run again with `--open DIR`), so the
//! peak memory it reports is that workbook's alone.

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
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, dir] = args.as_slice()
        && flag == "--open"
    {
        return open_large(&Paths::in_dir(Path::new(dir)), today);
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
        let log = median(10, || {
            let started = Instant::now();
            let status = Command::new(binary)
                .arg("--data-dir")
                .arg(&big.dir)
                .args(["log", "Measured win", "--metric", "30%"])
                .env("CAREERBOOK_TODAY", "2026-11-26")
                .output()
                .expect("run careerbook");
            assert!(
                status.status.success(),
                "{}",
                String::from_utf8_lossy(&status.stderr)
            );
            started.elapsed()
        });
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

    let mut mixed = big_pipeline(5_000, 2_000, today);
    let wins = many_wins(20_000, today);
    let grants = many_grants(200, today);
    let first_id = mixed.next_id;
    mixed.impact.wins = wins.impact.wins;
    for win in &mut mixed.impact.wins {
        win.id += first_id;
    }
    mixed.vesting = grants.vesting;
    for grant in &mut mixed.vesting.grants {
        grant.id += first_id + 20_000;
    }
    for price in &mut mixed.vesting.prices {
        price.id += first_id + 20_000;
    }
    mixed.next_id = first_id + 20_000 + 202;
    let large = [
        (
            "20,000 wins, 5,000 applications, 2,000 contacts and 200 grants",
            mixed,
        ),
        ("100,000 wins", many_wins(100_000, today)),
    ];
    for (i, (what, wb)) in large.into_iter().enumerate() {
        let paths = Paths::in_dir(dir.path().join(format!("large{i}")));
        write(&paths, &file::to_bytes(&wb).expect("serialize"));
        drop(wb);
        println!("\n{what}:");
        let exe = std::env::current_exe().expect("this example");
        let out = Command::new(exe)
            .arg("--open")
            .arg(&paths.dir)
            .output()
            .expect("run the measurement");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
    }
}

/// Opens the workbook in `paths` and times the first frame and the first
/// switch to each other tab, then reports the peak memory of this process.
fn open_large(paths: &Paths, today: NaiveDate) {
    let size = std::fs::metadata(&paths.workbook)
        .map(|m| m.len())
        .unwrap_or(0);
    println!("  workbook.ron is {:.1} MB", size as f64 / 1e6);
    let first = median(5, || {
        let started = Instant::now();
        let app = open_app(paths, today);
        draw(&app, 120, 40);
        started.elapsed()
    });
    println!(
        "  open it and draw the first frame (Now) at 120×40: {}",
        ms(first)
    );
    let read = median(5, || {
        let started = Instant::now();
        drop(open_session(paths));
        started.elapsed()
    });
    let build = median(5, || {
        let session = open_session(paths);
        let started = Instant::now();
        drop(App::new(session, today, Theme::plain(), None));
        started.elapsed()
    });
    println!(
        "    of which reading and parsing the file {}, building the app {}",
        ms(read),
        ms(build)
    );
    for (key, name) in [
        ('2', "Impact"),
        ('3', "Runway"),
        ('4', "Vesting"),
        ('5', "Pipeline"),
    ] {
        let switch = median(5, || {
            let mut app = open_app(paths, today);
            draw(&app, 120, 40);
            let started = Instant::now();
            press(&mut app, KeyCode::Char(key));
            draw(&app, 120, 40);
            started.elapsed()
        });
        println!("  first switch to {name} and draw: {}", ms(switch));
    }
    let peak = peak_memory().unwrap_or(0);
    println!(
        "  peak memory: {:.0} MB ({:.1}× the file)",
        peak as f64 / 1e6,
        peak as f64 / size.max(1) as f64
    );
}

/// The most memory this process has held (Linux: VmHWM), in bytes.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
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

fn open_app(paths: &Paths, today: NaiveDate) -> App {
    App::new(open_session(paths), today, Theme::plain(), None)
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
