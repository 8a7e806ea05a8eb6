//! Extreme values typed into a workbook by hand. Each is either refused when
//! the file is loaded, naming the field and pointing at its line, with the
//! file left byte-identical; or, when it lies inside the ranges careerbook
//! computes with (however large), the workbook loads, every tab and view
//! draws, and every command that reads it runs: exit status 0, or 1 with a
//! message, never a panic (101) and never a hang.

use crate::common::{press, today};
use crate::support::{fresh, tui_options};
use careerbook::domain::dates::{EARLIEST, LATEST};
use careerbook::domain::money::MAX_AMOUNT;
use careerbook::domain::runway::{Severance, UnemploymentBenefit};
use careerbook::domain::severance::SeveranceTemplate;
use careerbook::domain::vesting::{Grant, Price, Rounding, Schedule};
use careerbook::domain::workbook::{MAX_ID, MAX_MONTHS, MAX_WEEKS, Workbook};
use careerbook::store::demo::DEMO_RON;
use careerbook::store::{Paths, Session, StoreError, file};
use careerbook::tui::app::App;
use careerbook::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// An edit of the demo workbook that must be refused at load.
struct Refused {
    what: &'static str,
    from: &'static str,
    to: &'static str,
    /// The field path the message must name.
    field: &'static str,
}

const REFUSED: &[Refused] = &[
    Refused {
        what: "a withholding rate of Decimal::MAX",
        from: r#"withholding: "0.2965""#,
        to: r#"withholding: "79228162514264337593543950335""#,
        field: "runway.withholding",
    },
    Refused {
        what: "a vest withholding rate of 150%",
        from: "withholding: None,",
        to: r#"withholding: Some("1.5"),"#,
        field: "vesting.withholding",
    },
    Refused {
        what: "7.9e28 shares",
        from: r#"shares: "180""#,
        to: r#"shares: "7.9e28""#,
        field: "vesting.grants[0].shares",
    },
    Refused {
        what: "a grant of 5e28 shares",
        from: r#"shares: "64""#,
        to: r#"shares: "50000000000000000000000000000""#,
        field: "vesting.grants[1].shares",
    },
    Refused {
        what: "a share price of Decimal::MAX",
        from: r#"price: "212.40""#,
        to: r#"price: "79228162514264337593543950335""#,
        field: "vesting.prices[0].price",
    },
    Refused {
        what: "a balance of Decimal::MAX",
        from: r#"balance: "8400""#,
        to: r#"balance: "79228162514264337593543950335""#,
        field: "runway.accounts[0].balance",
    },
    Refused {
        what: "a balance a cent below minus a trillion",
        from: r#"balance: "46000""#,
        to: r#"balance: "-1000000000000.01""#,
        field: "runway.accounts[1].balance",
    },
    Refused {
        what: "severance weeks of Decimal::MAX",
        from: r#"amazon_2025(weeks: "9")"#,
        to: r#"amazon_2025(weeks: "79228162514264337593543950335")"#,
        field: "runway.severance.template.weeks",
    },
    Refused {
        what: "a salary of Decimal::MAX",
        from: r#"max: Some("215000")"#,
        to: r#"max: Some("79228162514264337593543950335")"#,
        field: "pipeline.applications[4].salary.max",
    },
    Refused {
        what: "a win dated on chrono's first day",
        from: r#"(id: 3, date: "2026-05-28""#,
        to: r#"(id: 3, date: "-262143-01-01""#,
        field: "impact.wins[2].date",
    },
    Refused {
        what: "a win dated on chrono's last day",
        from: r#"(id: 4, date: "2026-06-03""#,
        to: r#"(id: 4, date: "+262142-12-31""#,
        field: "impact.wins[3].date",
    },
    Refused {
        what: "a separation on chrono's last day",
        from: r#"separation: Some("2027-02-09")"#,
        to: r#"separation: Some("+262142-12-31")"#,
        field: "runway.separation",
    },
    Refused {
        what: "a date the day before 1900",
        from: r#"resume_updated: Some("2026-11-14")"#,
        to: r#"resume_updated: Some("1899-12-31")"#,
        field: "now.resume_updated",
    },
    Refused {
        what: "a date the day after 2200",
        from: r#"last_review: Some("2026-11-19")"#,
        to: r#"last_review: Some("2201-01-01")"#,
        field: "now.last_review",
    },
    Refused {
        what: "an id of u64::MAX",
        from: r#"(id: 3, date"#,
        to: r#"(id: 18446744073709551615, date"#,
        field: "impact.wins[2].id",
    },
    Refused {
        what: "an id counter of u64::MAX",
        from: "next_id: 66,",
        to: "next_id: 18446744073709551615,",
        field: "next_id",
    },
    Refused {
        what: "u32::MAX weeks of benefit",
        from: "weeks: 26,",
        to: "weeks: 4294967295,",
        field: "runway.benefit.weeks",
    },
    Refused {
        what: "u32::MAX months of cover",
        from: "months: 18,",
        to: "months: 4294967295,",
        field: "runway.cover[0].months",
    },
    Refused {
        what: "a u32::MAX-month clawback",
        from: "clawback_months: 12",
        to: "clawback_months: 4294967295",
        field: "vesting.sign_on_bonuses[0].clawback_months",
    },
    Refused {
        what: "u32::MAX days before ghosting",
        from: "ghost_after_days: 21",
        to: "ghost_after_days: 4294967295",
        field: "pipeline.ghost_after_days",
    },
    Refused {
        what: "a u32::MAX-day review window",
        from: "review_days: Some(21)",
        to: "review_days: Some(4294967295)",
        field: "now.notice.review_days",
    },
];

fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("present");
    1 + text[..at].matches('\n').count()
}

#[test]
fn an_out_of_range_value_is_refused_naming_its_field_and_line() {
    let (_dir, paths) = fresh();
    fs::create_dir_all(&paths.dir).expect("data dir");
    for case in REFUSED {
        assert_eq!(
            DEMO_RON.matches(case.from).count(),
            1,
            "{}: the demo must hold {:?} once",
            case.what,
            case.from
        );
        let text = DEMO_RON.replacen(case.from, case.to, 1);
        fs::write(&paths.workbook, &text).expect("write");
        let err = Session::open(paths.clone(), tui_options())
            .err()
            .unwrap_or_else(|| panic!("{} was accepted", case.what));
        assert_eq!(
            fs::read_to_string(&paths.workbook).expect("read back"),
            text,
            "{}: the file must be left byte-identical",
            case.what
        );
        let message = err.to_string();
        let StoreError::Damaged {
            at: Some((line, _)),
            ..
        } = err
        else {
            panic!(
                "{}: expected a damaged file with a position: {err:?}",
                case.what
            );
        };
        assert!(
            message.contains(&format!("in {}: ", case.field)),
            "{}: the message must name {}: {message}",
            case.what,
            case.field
        );
        assert_eq!(
            line,
            line_of(DEMO_RON, case.from),
            "{}: {message}",
            case.what
        );

        // The commands say the same and stop, exit status 1.
        let run = run_cli(&paths, &["check"]);
        assert_eq!(run.status, Some(1), "{}: {run:?}", case.what);
        assert!(run.stderr.contains(case.field), "{}: {run:?}", case.what);
        assert_eq!(
            fs::read_to_string(&paths.workbook).expect("read back"),
            text,
            "{}: the command must leave the file alone",
            case.what
        );
    }
}

// Legal extremes: built from the demo workbook, every value of a kind set to
// the edge of its range, then written as careerbook writes a workbook.

fn demo() -> Workbook {
    match file::parse(Path::new("demo.ron"), DEMO_RON.as_bytes(), &[]) {
        Ok(file::Parsed::Current(workbook)) => workbook,
        other => panic!("the demo workbook: {other:?}"),
    }
}

/// Every money amount, share count, price and count of weeks set to `amount`.
fn every_amount(amount: Decimal) -> Workbook {
    let mut wb = demo();
    let r = &mut wb.runway;
    r.accounts.iter_mut().for_each(|a| a.balance = amount);
    r.expenses.iter_mut().for_each(|e| e.monthly = amount);
    r.cover.iter_mut().for_each(|c| c.monthly_premium = amount);
    r.other_income
        .iter_mut()
        .for_each(|i| i.monthly_net = amount);
    r.one_offs.iter_mut().for_each(|o| o.amount = amount);
    if let Some(job) = r.new_job.as_mut() {
        job.monthly_net = amount;
    }
    if let Some(notice) = r.notice.as_mut() {
        notice.monthly_net = amount;
    }
    if let Some(benefit) = r.benefit.as_mut() {
        benefit.weekly_amount = amount;
    }
    r.severance = Some(Severance::Estimated {
        annual_base: amount,
        employment_start: date(2024, 9, 16),
        template: SeveranceTemplate::Generic {
            base_weeks: amount,
            weeks_per_year: amount,
            min_weeks: amount,
            cap_weeks: Some(amount),
            pro_rata_partial_years: true,
        },
        pay_date: date(2027, 2, 20),
    });
    let v = &mut wb.vesting;
    v.grants.iter_mut().for_each(|g| g.shares = amount);
    v.prices.iter_mut().for_each(|p| p.price = amount);
    v.sign_on_bonuses.iter_mut().for_each(|b| b.gross = amount);
    v.dated_bonuses.iter_mut().for_each(|b| b.gross = amount);
    for app in &mut wb.pipeline.applications {
        if let Some(salary) = app.salary.as_mut() {
            salary.min = Some(amount);
            salary.max = Some(amount);
        }
    }
    wb
}

/// Every stored date set to `day`.
fn every_date(day: NaiveDate) -> Workbook {
    let mut wb = demo();
    wb.impact.wins.iter_mut().for_each(|w| w.date = day);
    let r = &mut wb.runway;
    r.accounts.iter_mut().for_each(|a| a.as_of = day);
    r.separation = Some(day);
    if let Some(Severance::Estimated {
        employment_start,
        pay_date,
        ..
    }) = r.severance.as_mut()
    {
        *employment_start = day;
        *pay_date = day;
    }
    if let Some(notice) = r.notice.as_mut() {
        notice.start = day;
        notice.end = day;
    }
    if let Some(benefit) = r.benefit.as_mut() {
        benefit.first_payment = day;
        benefit.waits_for_severance = true;
    }
    r.cover.iter_mut().for_each(|c| c.start = day);
    for income in &mut r.other_income {
        income.start = day;
        income.end = Some(day);
    }
    r.one_offs.iter_mut().for_each(|o| o.date = day);
    if let Some(job) = r.new_job.as_mut() {
        job.start = day;
    }
    let v = &mut wb.vesting;
    for grant in &mut v.grants {
        grant.grant_date = day;
        grant.vest_start = day;
    }
    v.prices.iter_mut().for_each(|p| p.as_of = day);
    v.sign_on_bonuses.iter_mut().for_each(|b| b.paid = day);
    for bonus in &mut v.dated_bonuses {
        bonus.must_be_employed_on = day;
        bonus.pay_date = Some(day);
    }
    for app in &mut wb.pipeline.applications {
        app.history.iter_mut().for_each(|h| h.date = day);
        app.follow_up = Some(day);
    }
    for contact in &mut wb.pipeline.contacts {
        contact.last_contacted = Some(day);
        contact.next_touch = Some(day);
    }
    let n = &mut wb.now;
    n.resume_updated = Some(day);
    n.linkedin_updated = Some(day);
    n.positioning.reviewed = Some(day);
    n.last_review = Some(day);
    n.signals.iter_mut().for_each(|s| s.date = day);
    if let Some(notice) = n.notice.as_mut() {
        notice.date = day;
        notice.cover_ends = Some(day);
    }
    wb
}

/// Counts, day settings and ids at the top of their ranges.
fn every_count_at_its_limit() -> Workbook {
    let mut wb = demo();
    if let Some(benefit) = wb.runway.benefit.as_mut() {
        benefit.weeks = MAX_WEEKS;
    }
    wb.runway
        .cover
        .iter_mut()
        .for_each(|c| c.months = MAX_MONTHS);
    for bonus in &mut wb.vesting.sign_on_bonuses {
        bonus.clawback_months = MAX_MONTHS;
    }
    wb.pipeline.ghost_after_days = 365;
    if let Some(notice) = wb.now.notice.as_mut() {
        notice.review_days = Some(180);
    }
    for (i, win) in wb.impact.wins.iter_mut().enumerate() {
        win.id = MAX_ID - i as u64;
    }
    wb.next_id = MAX_ID + 1;
    wb
}

fn rates(runway: Decimal, vesting: Option<Decimal>) -> Workbook {
    let mut wb = demo();
    wb.runway.withholding = runway;
    wb.vesting.withholding = vesting;
    wb
}

/// 20 grants of a trillion shares each, all vesting on the same days, at a
/// trillion dollars a share: the cliff (12/48 of each grant) puts
/// 20 × 2.5 × 10¹¹ = 5 × 10¹² shares, worth 5 × 10²⁴ dollars, in one quarter.
/// More grants only make the test slower: every sum stays below the number of
/// grants × 10²⁴, far inside `Decimal`'s 7.9 × 10²⁸.
fn many_grants_in_one_quarter() -> Workbook {
    let mut wb = demo();
    wb.vesting.grants = (0..20)
        .map(|i| Grant {
            id: 1_000 + i,
            name: format!("Grant {i}"),
            ticker: "AMZN".into(),
            shares: MAX_AMOUNT,
            grant_date: date(2025, 11, 26),
            vest_start: date(2025, 11, 26),
            schedule: Schedule::CliffMonthly,
            rounding: Rounding::HalfUp,
        })
        .collect();
    wb.vesting.prices = vec![Price {
        id: 2_000,
        ticker: "AMZN".into(),
        price: MAX_AMOUNT,
        as_of: date(2026, 11, 1),
    }];
    wb.next_id = 2_001;
    wb
}

/// Three centuries of service, severance of a trillion weeks that the benefit
/// waits for (so it "runs out" past the end of the calendar).
fn the_longest_severance() -> Workbook {
    let mut wb = demo();
    wb.runway.separation = Some(LATEST);
    wb.runway.severance = Some(Severance::Estimated {
        annual_base: MAX_AMOUNT,
        employment_start: EARLIEST,
        template: SeveranceTemplate::Generic {
            base_weeks: MAX_AMOUNT,
            weeks_per_year: MAX_AMOUNT,
            min_weeks: Decimal::ZERO,
            cap_weeks: None,
            pro_rata_partial_years: true,
        },
        pay_date: LATEST,
    });
    wb.runway.benefit = Some(UnemploymentBenefit {
        weekly_amount: MAX_AMOUNT,
        weeks: MAX_WEEKS,
        first_payment: LATEST,
        waits_for_severance: true,
    });
    wb
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn legal_extremes() -> Vec<(&'static str, Workbook)> {
    vec![
        ("every amount at +10¹²", every_amount(MAX_AMOUNT)),
        ("every amount at −10¹²", every_amount(-MAX_AMOUNT)),
        ("every amount at zero", every_amount(Decimal::ZERO)),
        ("every date on 1900-01-01", every_date(EARLIEST)),
        ("every date on 2200-12-31", every_date(LATEST)),
        ("counts and ids at their limits", every_count_at_its_limit()),
        (
            "withholding 100% and 0%",
            rates(Decimal::ONE, Some(Decimal::ZERO)),
        ),
        (
            "withholding 0% and 100%",
            rates(Decimal::ZERO, Some(Decimal::ONE)),
        ),
        ("20 trillion-share grants", many_grants_in_one_quarter()),
        ("the longest severance", the_longest_severance()),
    ]
}

/// Keys that reach every tab's views and explanations, each pressed on a
/// fresh app (tab number first).
const VIEWS: &[&str] = &[
    "1",
    "1 l",
    "1 l l",
    "1 x",
    "1 w",
    "1 p",
    "1 n",
    "2",
    "2 e",
    "3",
    "3 l",
    "3 l Enter",
    "3 l l",
    "3 l l l",
    "3 x",
    "3 n",
    "3 w",
    "4",
    "4 x",
    "4 l",
    "4 l v",
    "4 l x",
    "4 l l",
    "4 l l l",
    "4 l l l x",
    "4 l l l } } ] n",
    "4 l l l { { [ -",
    "4 l l l l",
    "4 %",
    "5",
    "5 v",
    "5 v v",
    "5 v v v",
    "5 e",
    "5 n",
    "?",
];

/// Opens the workbook in `dir`, builds the app and draws every view at 80×24
/// and 120×40, on a thread so a hang fails the test instead of stalling it.
fn draw_every_view(dir: &Path, name: &str) {
    let dir = dir.to_path_buf();
    let (done, finished) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let paths = Paths::in_dir(dir);
        for keys in VIEWS {
            let session = Session::open(paths.clone(), tui_options()).expect("open");
            let mut app = App::new(session, today(), Theme::plain(), None);
            press(&mut app, keys);
            for (width, height) in [(80, 24), (120, 40)] {
                let mut terminal =
                    Terminal::new(TestBackend::new(width, height)).expect("test terminal");
                terminal.draw(|frame| app.render(frame)).expect("draw");
            }
        }
        let _ = done.send(());
    });
    match finished.recv_timeout(Duration::from_secs(120)) {
        Ok(()) => worker.join().expect("drawn"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let payload = worker.join().expect_err("the drawing thread stopped early");
            let why = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{name}: drawing panicked: {why}");
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: drawing took over two minutes"),
    }
}

#[derive(Debug)]
struct Run {
    args: Vec<String>,
    status: Option<i32>,
    stderr: String,
}

/// Runs the real binary on `paths` with a fixed today, killing it after 60 s.
fn run_cli(paths: &Paths, args: &[&str]) -> Run {
    let err_file = tempfile::NamedTempFile::new().expect("stderr file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_careerbook"))
        .arg("--data-dir")
        .arg(&paths.dir)
        .args(args)
        .env("CAREERBOOK_TODAY", "2026-11-26")
        .env("NO_COLOR", "1")
        .env_remove("CAREERBOOK_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(err_file.reopen().expect("stderr"))
        .spawn()
        .expect("run careerbook");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code();
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("careerbook {args:?} ran for over a minute");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        status,
        stderr: fs::read_to_string(err_file.path()).unwrap_or_default(),
    }
}

#[test]
fn legal_extremes_load_draw_and_run_every_command() {
    for (name, workbook) in legal_extremes() {
        let (dir, paths) = fresh();
        fs::create_dir_all(&paths.dir).expect("data dir");
        let bytes = file::to_bytes(&workbook).expect("serialise");
        fs::write(&paths.workbook, &bytes).expect("write");
        match Session::open(paths.clone(), tui_options()) {
            Ok(session) => assert!(
                session.workbook() == &workbook,
                "{name}: the workbook read back differs from the one written"
            ),
            Err(err) => panic!("{name} must load: {err}"),
        }
        draw_every_view(&paths.dir, name);

        let ics = dir.path().join("vests.ics");
        let ics = ics.to_str().expect("a UTF-8 temp path");
        let commands: &[&[&str]] = &[
            &["path"],
            &["wins"],
            &["wins", "--format", "md"],
            &["wins", "--format", "csv"],
            &["wins", "--format", "json"],
            &["runway"],
            &["runway", "--all"],
            &["runway", "--format", "json"],
            &["vesting"],
            &["vesting", "--format", "json"],
            &["vesting", "--last-day", "2200-12-31"],
            &["apps"],
            &["apps", "--format", "csv"],
            &["apps", "--format", "json"],
            &["check"],
            &["check", "--format", "json"],
            &["check", "--alerts"],
            &["check", "--alerts", "--format", "json"],
            &["export", "--format", "ics", "--out", ics],
        ];
        for args in commands {
            let run = run_cli(&paths, args);
            assert!(
                matches!(run.status, Some(0 | 1)),
                "{name}: careerbook {:?} exited {:?}: {}",
                run.args,
                run.status,
                run.stderr
            );
            assert!(
                !run.stderr.contains("panicked"),
                "{name}: careerbook {:?}: {}",
                run.args,
                run.stderr
            );
            if run.status == Some(1) {
                assert!(
                    !run.stderr.trim().is_empty(),
                    "{name}: careerbook {:?} failed without a message",
                    run.args
                );
            }
        }
    }
}
