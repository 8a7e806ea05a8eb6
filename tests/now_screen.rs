//! The Now tab, driven with keys as a person would. "Today" is Thursday
//! 2026-11-26 (see `common::today`).

mod common;

use careerbook::domain::workbook::Workbook;
use careerbook::store::Session;
use careerbook::tui::app::{App, Status};
use careerbook::tui::screen::Tab;
use common::{app_with, demo_app, draw, press, today};
use tempfile::TempDir;

const EMPTY: &str = "(version: 2, next_id: 1)";

/// The workbook as saved on disk (not the app's copy in memory).
fn on_disk(app: &App) -> Workbook {
    Session::open(app.session().paths().clone(), Default::default())
        .expect("reopen")
        .workbook()
        .clone()
}

/// The demo, whose notice makes the tab lead with the next actions, on its
/// checklist view (`v`), where the four items, alerts, deadlines and signals are.
fn demo_checklist() -> (TempDir, App) {
    let (dir, mut app) = demo_app();
    press(&mut app, "v");
    (dir, app)
}

/// The demo before any notice: its notice removed (the last day on payroll stays).
fn demo_before_notice() -> (TempDir, App) {
    let demo = careerbook::store::demo::DEMO_RON;
    let start = demo
        .find("        notice: Some((\n            date:")
        .expect("the demo's notice");
    let end = start + demo[start..].find("        )),\n").expect("its end") + "        )),\n".len();
    app_with(&format!("{}{}", &demo[..start], &demo[end..]))
}

fn backspaces(app: &mut App, n: usize) {
    for _ in 0..n {
        press(app, "Bksp");
    }
}

#[test]
fn before_notice_at_80x24() {
    let (_dir, app) = demo_before_notice();
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn before_notice_at_120x40() {
    let (_dir, app) = demo_before_notice();
    insta::assert_snapshot!(draw(&app, 120, 40));
}

#[test]
fn after_notice_at_80x24() {
    let (_dir, app) = demo_app();
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn after_notice_at_120x40() {
    let (_dir, app) = demo_app();
    insta::assert_snapshot!(draw(&app, 120, 40));
}

#[test]
fn checklist_after_notice_at_80x24() {
    let (_dir, app) = demo_checklist();
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn self_check_form_at_80x24() {
    let (_dir, mut app) = demo_checklist();
    press(&mut app, "p");
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn review_first_step_at_80x24() {
    let (_dir, mut app) = demo_checklist();
    press(&mut app, "w");
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn status_is_a_symbol_and_a_word_for_each_item() {
    let (_dir, app) = demo_checklist();
    let screen = draw(&app, 80, 24);
    for line in [
        "▶ ✓ done       Make your impact visible and measurable",
        "  ✓ done       Move closer to core or strategic teams",
        "  ! attention  Keep your external options active",
        "  ! attention  Understand your legal and financial situation",
    ] {
        assert!(screen.contains(line), "missing {line:?}:\n{screen}");
    }
    let (_dir, empty) = app_with(EMPTY);
    let screen = draw(&empty, 80, 24);
    assert_eq!(screen.matches("○ todo").count(), 4, "{screen}");
}

#[test]
fn the_weekly_review_walks_through_every_step_and_records_the_date() {
    let (_dir, mut app) = demo_checklist();
    press(&mut app, "w");
    assert!(draw(&app, 80, 24).contains("Step 1 of 4 · Log a win"));
    // Step 1: the win form (the same form as the Impact tab's).
    press(
        &mut app,
        "Enter | text:Ran the transition workshop for my accounts | Tab Tab | text:revenue | Tab | text:6 accounts | Enter",
    );
    let screen = draw(&app, 80, 24);
    assert_eq!(app.popup_count(), 0, "{screen}");
    assert!(
        screen.contains("Step 2 of 4 · Update cash balances"),
        "{screen}"
    );
    assert!(screen.contains("✓ 1 win"), "{screen}");
    // Step 2: update the first balance; the cursor moves to the next account.
    press(&mut app, "Enter");
    backspaces(&mut app, 10);
    press(&mut app, "text:9,100 | Enter");
    let screen = draw(&app, 80, 24);
    assert!(
        screen
            .contains("Checking                    $9,100.00  as of 2026-11-26 (today)  ✓ updated"),
        "{screen}"
    );
    assert!(screen.contains("▶ High-yield savings"), "{screen}");
    press(&mut app, "s");
    // Step 3: the most overdue follow-up first; a blank date clears it.
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("▶ Stratus Data — Staff Data Platform Engineer"),
        "{screen}"
    );
    press(&mut app, "Enter Enter");
    let screen = draw(&app, 80, 24);
    assert!(!screen.contains("Stratus Data —"), "cleared:\n{screen}");
    press(&mut app, "s");
    // Step 4: touch the contact due longest; that finishes the steps.
    press(&mut app, "Enter Enter");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("4 of 4 steps done"), "{screen}");
    assert!(screen.contains("✓ touched Ravi Menon"), "{screen}");
    press(&mut app, "Enter");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("weekly review recorded · saved"),
        "{screen}"
    );
    assert!(
        screen.contains("last weekly review 26 Nov (today)"),
        "{screen}"
    );

    let wb = on_disk(&app);
    assert_eq!(wb.now.last_review, Some(today()));
    let win = wb.impact.wins.last().expect("a win");
    assert_eq!(win.title, "Ran the transition workshop for my accounts");
    assert_eq!(win.date, today());
    assert_eq!(
        win.metric.as_ref().map(|m| m.text.as_str()),
        Some("6 accounts")
    );
    let checking = &wb.runway.accounts[0];
    assert_eq!(
        (checking.balance.to_string().as_str(), checking.as_of),
        ("9100", today())
    );
    let stratus = wb.pipeline.application(55).expect("Stratus Data");
    assert_eq!(stratus.follow_up, None);
    assert_eq!(stratus.next_action.as_deref(), Some("Nudge Aisha"), "kept");
    let ravi = wb.pipeline.contact(49).expect("Ravi");
    assert_eq!(
        (ravi.last_contacted, ravi.next_touch),
        (Some(today()), None)
    );
}

#[test]
fn every_review_step_can_be_skipped_and_esc_records_nothing() {
    let (_dir, mut app) = demo_checklist();
    let before = on_disk(&app).now.last_review;
    press(&mut app, "w s s s s");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("0 of 4 steps done"), "{screen}");
    assert!(
        screen.contains("– 1 win   – 2 cash   – 3 follow-ups   – 4 contact"),
        "{screen}"
    );
    press(&mut app, "Esc");
    assert!(draw(&app, 80, 24).contains("weekly review left; not recorded as done"));
    assert_eq!(on_disk(&app).now.last_review, before);
    // b goes back; finishing after skipping still records the review.
    press(&mut app, "w s b");
    assert!(draw(&app, 80, 24).contains("Step 1 of 4 · Log a win"));
    press(&mut app, "s s s s Enter");
    assert_eq!(on_disk(&app).now.last_review, Some(today()));
}

#[test]
fn a_wrong_value_in_a_review_form_stays_in_the_form_and_the_step() {
    let (_dir, mut app) = demo_checklist();
    press(
        &mut app,
        "w | Enter | text:Faster builds | Tab Tab Tab | text:lots | Enter",
    );
    assert_eq!(app.popup_count(), 1, "the form stays open");
    assert!(draw(&app, 80, 24).contains("✗ a measured result needs a number"));
    // Esc on a form with something typed asks first; y discards it.
    press(&mut app, "Esc");
    assert!(draw(&app, 80, 24).contains("Discard your changes? y discard"));
    press(&mut app, "y");
    assert!(
        draw(&app, 80, 24).contains("Step 1 of 4 · Log a win"),
        "still step 1"
    );
    assert_eq!(on_disk(&app).impact.wins.len(), 22, "nothing saved");
}

#[test]
fn a_hand_tick_shows_beside_the_computed_reason_and_can_be_cleared() {
    let (_dir, mut app) = demo_checklist();
    press(
        &mut app,
        "j j t | text:Recruiter call booked, profile fixed tonight | Enter",
    );
    let screen = draw(&app, 120, 40);
    assert!(
        screen.contains("✓ done       Keep your external options active"),
        "{screen}"
    );
    assert!(
        screen.contains(
            "✓ ticked by hand on 26 Nov 2026: Recruiter call booked, profile fixed tonight"
        ),
        "{screen}"
    );
    assert!(
        screen.contains("computed ! attention — LinkedIn updated 169 days ago"),
        "{screen}"
    );
    let ticks = on_disk(&app).now.ticks;
    assert_eq!(ticks.len(), 1);
    assert_eq!(ticks[0].date, today());
    // t again asks, then clears it.
    press(&mut app, "t");
    assert!(draw(&app, 80, 24).contains("Clear the tick on “Keep your external options active”?"));
    press(&mut app, "y");
    assert!(on_disk(&app).now.ticks.is_empty());
    assert!(draw(&app, 80, 24).contains("! attention  Keep your external options active"));
    press(&mut app, "u");
    assert_eq!(
        on_disk(&app).now.ticks.len(),
        1,
        "undo brings the tick back"
    );
}

#[test]
fn r_and_i_mark_the_resume_and_linkedin_updated_today() {
    let (_dir, mut app) = demo_checklist();
    press(&mut app, "i");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("LinkedIn marked updated today · saved"),
        "{screen}"
    );
    assert!(
        screen.contains("✓ done       Keep your external options active"),
        "{screen}"
    );
    press(&mut app, "r");
    let wb = on_disk(&app);
    assert_eq!(wb.now.linkedin_updated, Some(today()));
    assert_eq!(wb.now.resume_updated, Some(today()));
}

#[test]
fn signals_are_added_edited_deleted_and_counted() {
    let (_dir, mut app) = demo_checklist();
    press(&mut app, "l l l");
    assert!(
        draw(&app, 80, 24)
            .contains("4 signals in the last 90 days. It is your record, not a prediction.")
    );
    press(
        &mut app,
        "a Tab | text:reorg | Tab | text:Regional leads merged, no explanation | C-s",
    );
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("5 signals in the last 90 days"), "{screen}");
    assert!(
        screen.contains("▶ 26 Nov  Reorg          Regional leads merged, no explanation"),
        "the new signal is selected:\n{screen}"
    );
    press(&mut app, "e Tab Tab | text: (town hall) | C-s");
    let wb = on_disk(&app);
    let signal = wb.now.signals.last().expect("signal");
    assert_eq!(
        signal.note,
        "Regional leads merged, no explanation (town hall)"
    );
    assert_eq!(
        signal.kind,
        careerbook::domain::checklist::SignalKind::Reorganization
    );
    press(&mut app, "d y");
    assert_eq!(on_disk(&app).now.signals.len(), 4);
    assert!(draw(&app, 80, 24).contains("4 signals in the last 90 days"));
}

#[test]
fn enter_on_an_item_or_an_alert_goes_to_the_tab_that_fixes_it() {
    let (_dir, mut app) = demo_checklist();
    press(&mut app, "Enter");
    assert_eq!(app.tab(), Tab::Impact, "impact → the Impact tab");
    press(&mut app, "1 j j j Enter");
    assert_eq!(app.tab(), Tab::Runway, "money → the Runway tab");
    // The alerts panel: the first alert is the review-window deadline, shown
    // in the deadlines panel of this tab; the second a follow-up on Pipeline.
    press(&mut app, "1 l Enter");
    assert_eq!(app.tab(), Tab::Now);
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("▶ 03 Dec 2026  in 7 days    Severance agreement review window closes"),
        "{screen}"
    );
    press(&mut app, "h j Enter");
    assert_eq!(app.tab(), Tab::Pipeline, "a follow-up → the Pipeline tab");
}

#[test]
fn enter_on_an_unfilled_self_check_opens_it_and_saving_it_dates_it() {
    let (_dir, mut app) = app_with(EMPTY);
    press(&mut app, "j Enter");
    assert!(draw(&app, 80, 24).contains("Positioning self-check"));
    press(
        &mut app,
        "text:Core networking | Tab | text:core | Tab | text:VPC Lattice | Enter",
    );
    let wb = on_disk(&app);
    let p = &wb.now.positioning;
    assert_eq!(p.team.as_deref(), Some("Core networking"));
    assert_eq!(
        p.strategic,
        Some(careerbook::domain::checklist::Initiative::CoreInfrastructure)
    );
    assert_eq!(p.reviewed, Some(today()));
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("✓ done       Move closer to core or strategic teams"),
        "{screen}"
    );
    assert!(
        screen.contains("On VPC Lattice (Core infrastructure)"),
        "{screen}"
    );
}

#[test]
fn the_notice_form_sets_the_deadlines_and_a_blank_date_clears_them() {
    let (_dir, mut app) = demo_checklist();
    press(&mut app, "n Tab Tab");
    backspaces(&mut app, 2);
    press(&mut app, "text:45 | Enter l l");
    let screen = draw(&app, 80, 24);
    // Nov 12 + 45 days = Dec 27.
    assert!(
        screen.contains("27 Dec 2026  in 31 days   Severance agreement review window closes"),
        "{screen}"
    );
    press(&mut app, "n");
    backspaces(&mut app, 10);
    press(&mut app, "Enter");
    assert_eq!(on_disk(&app).now.notice, None);
    // The separation date still gives its deadlines; the notice is asked for.
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("No notice date yet (n enters it)"),
        "{screen}"
    );
    assert!(
        !screen.contains("Severance agreement review window"),
        "{screen}"
    );
    assert!(screen.contains("File for unemployment by"), "{screen}");
    // Without a notice the form offers the Runway tab's notice pay start.
    press(&mut app, "n");
    let form = draw(&app, 80, 24);
    assert!(
        form.contains("Notice and deadlines") && form.contains("2026-11-12"),
        "{form}"
    );
    // A review window of 0 days is refused under its field.
    press(&mut app, "Tab Tab | text:0 | Enter");
    assert!(draw(&app, 80, 24).contains("✗ enter from 1 to 180 days"));
}

#[test]
fn the_notice_form_takes_the_last_day_on_payroll_where_the_runway_keeps_it() {
    // An empty workbook: the notice and the last day typed in one form give
    // the deadlines at once, without a trip to the Runway tab.
    let (_dir, mut app) = app_with(EMPTY);
    press(&mut app, "n");
    let form = draw(&app, 80, 24);
    assert!(form.contains("Last day on payroll"), "{form}");
    // A last day before the notice is refused under it, nothing saved.
    press(&mut app, "text:2026-11-12 | Tab | text:2026-11-01 | Enter");
    let form = draw(&app, 80, 24);
    assert!(
        form.contains("✗ 2026-11-01 is before the notice date 2026-11-12"),
        "{form}"
    );
    assert_eq!(on_disk(&app).runway.separation, None);
    assert_eq!(on_disk(&app).now.notice, None);
    press(&mut app, "C-u | text:2027-02-09 | Enter");
    let saved = on_disk(&app);
    assert_eq!(
        saved.runway.separation,
        chrono::NaiveDate::from_ymd_opt(2027, 2, 9)
    );
    assert_eq!(
        saved.now.notice.map(|n| n.date),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 12)
    );
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Last day on payroll"), "{screen}");
    assert!(screen.contains("File for unemployment"), "{screen}");
    // Reopened, it shows the saved last day; the Runway tab's is the same one.
    press(&mut app, "n");
    assert!(draw(&app, 80, 24).contains("2027-02-09"));
}

#[test]
fn a_job_cover_ending_before_the_last_day_is_saved_with_a_warning() {
    // The demo's last day on payroll is 9 Feb 2027 (from the Runway tab). Cover
    // ending 31 Jan 2027 is saved as typed, and the status line says why it looks wrong.
    let (_dir, mut app) = demo_checklist();
    press(&mut app, "n Tab Tab Tab | text:2027-01-31 | Enter");
    assert_eq!(
        app.popup_count(),
        0,
        "nothing is refused:\n{}",
        draw(&app, 80, 24)
    );
    let saved = on_disk(&app).now.notice.and_then(|n| n.cover_ends);
    assert_eq!(saved, chrono::NaiveDate::from_ymd_opt(2027, 1, 31));
    let Status::Saved(text) = app.status() else {
        panic!("expected a saved status, got {:?}", app.status());
    };
    assert_eq!(
        text,
        "! job cover ends 31 Jan 2027, before your last day on payroll (9 Feb 2027): \
         is one of them out of date? · notice saved"
    );
    // Both dates fit on an 80-column status line.
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains(
            "✓ ! job cover ends 31 Jan 2027, before your last day on payroll (9 Feb 2027)"
        ),
        "{screen}"
    );
    // Ending on the last day, or after it, is not warned about.
    press(&mut app, "n Tab Tab Tab");
    backspaces(&mut app, 10);
    press(&mut app, "text:2027-02-28 | Enter");
    assert!(
        matches!(app.status(), Status::Saved(text) if text == "notice saved"),
        "{:?}",
        app.status()
    );
}

#[test]
fn x_explains_an_item_with_the_article_and_the_rule() {
    let (_dir, mut app) = demo_checklist();
    press(&mut app, "j j j x");
    let screen = draw(&app, 120, 40);
    assert!(
        screen.contains("Understand your legal and financial situation"),
        "{screen}"
    );
    assert!(
        screen.contains("Know how long your savings would last"),
        "{screen}"
    );
    assert!(
        screen.contains("Runway: 22.52 months from 2026-11-26"),
        "{screen}"
    );
}

#[test]
fn the_next_actions_draw_at_every_small_size_without_panic() {
    let (_dir, mut app) = demo_app();
    for keys in ["", "j j j j j j j j j j j j j j j j", "x", "Esc v"] {
        press(&mut app, keys);
        for width in [1, 20, 40, 59, 60, 80] {
            for height in [1, 3, 6, 11, 12, 15, 19, 20, 24] {
                draw(&app, width, height);
            }
        }
    }
}

#[test]
fn the_review_and_the_panels_draw_at_small_sizes_without_panic() {
    let (_dir, mut app) = demo_checklist();
    for keys in ["", "l", "l", "l", "w", "s", "s", "s", "s"] {
        press(&mut app, keys);
        for width in [1, 20, 59, 60, 80] {
            for height in [1, 6, 15, 16, 24] {
                draw(&app, width, height);
            }
        }
    }
}

/// Two grants; the second vests 5% on 2026-12-10, 14 days after "today".
const VEST_SOON: &str = r#"(version: 2, next_id: 3, vesting: (
    grants: [
        (id: 1, name: "New-hire RSU", ticker: "AMZN", shares: "100", grant_date: "2024-03-15",
         vest_start: "2024-03-15", schedule: amazon, rounding: half_up),
        (id: 2, name: "Refresher", ticker: "AMZN", shares: "200", grant_date: "2025-12-10",
         vest_start: "2025-12-10", schedule: amazon, rounding: half_up),
    ],
))"#;

#[test]
fn enter_on_a_vest_alert_selects_its_grant_on_the_vesting_tab() {
    let (_dir, mut app) = app_with(VEST_SOON);
    press(&mut app, "l");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("▶ 10 Dec  10 AMZN vest in 14 days (Refresher)"),
        "{screen}"
    );
    press(&mut app, "Enter");
    assert_eq!(app.tab(), Tab::Vesting);
    // The Upcoming view does not list grants: the Grants view opens on it.
    let screen = draw(&app, 100, 30);
    assert!(screen.contains("[Grants]"), "{screen}");
    assert!(screen.contains("▶ Refresher"), "{screen}");
}

#[test]
fn enter_on_a_contact_alert_opens_that_contact() {
    let (_dir, mut app) = demo_checklist();
    press(&mut app, "1 l");
    for _ in 0..12 {
        if draw(&app, 120, 40)
            .lines()
            .any(|l| l.contains("▶") && l.contains("Marcus Lee"))
        {
            break;
        }
        press(&mut app, "j");
    }
    press(&mut app, "Enter");
    assert_eq!(app.tab(), Tab::Pipeline);
    let screen = draw(&app, 120, 40);
    assert!(
        screen
            .lines()
            .any(|l| l.contains("▶") && l.contains("Marcus Lee")),
        "the contacts view opens on Marcus Lee:\n{screen}"
    );
}

#[test]
fn a_long_explanation_scrolls_at_80x24() {
    let (_dir, mut app) = demo_checklist();
    press(&mut app, "1 j x");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("↑/↓ more"),
        "the cut is announced:\n{screen}"
    );
    assert!(!screen.contains("Self-check last reviewed"), "{screen}");
    for _ in 0..30 {
        press(&mut app, "Down");
    }
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("Self-check last reviewed"),
        "scrolling reaches the end:\n{screen}"
    );
}

// Next actions (after a notice) ---------------------------------------------

#[test]
fn after_a_notice_the_tab_leads_with_next_actions_and_v_switches_views() {
    let (_dir, mut app) = demo_app();
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("[Next actions]  Checklist"), "{screen}");
    assert!(
        screen.contains(
            "▶ 03 Dec  in 7 days     Ask for a later last day: 205 shares forf…  $43,542.00"
        ),
        "the largest sum at stake this week comes first:\n{screen}"
    );
    assert!(
        !screen.contains("Signals"),
        "signals are out of the way:\n{screen}"
    );
    assert!(screen.contains("Checklist  ✓ impact  ✓ positioning  ! options  ! money"));
    press(&mut app, "v");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Next actions  [Checklist]"), "{screen}");
    assert!(screen.contains("▶ ✓ done       Make your impact visible and measurable"));
    press(&mut app, "v");
    assert!(draw(&app, 80, 24).contains("[Next actions]  Checklist"));
}

/// Moves the next actions' cursor down to the action titled `title`.
fn select_action(app: &mut App, title: &str) {
    press(app, "1");
    for _ in 0..30 {
        press(app, "k");
    }
    for _ in 0..30 {
        let screen = draw(app, 120, 40);
        if screen.lines().any(|l| l.contains("▶") && l.contains(title)) {
            return;
        }
        press(app, "j");
    }
    panic!("no next action {title:?}:\n{}", draw(app, 120, 40));
}

/// The line of `screen` with the selection mark on it.
fn selected_line(screen: &str) -> &str {
    screen
        .lines()
        .find(|l| l.contains("▶"))
        .unwrap_or_else(|| panic!("nothing selected:\n{screen}"))
}

#[test]
fn enter_on_a_next_action_goes_to_its_record() {
    let (_dir, mut app) = demo_app();
    // The severance review window: the severance in the Runway tab's inputs.
    select_action(&mut app, "Review and sign the severance agreement");
    press(&mut app, "Enter");
    assert_eq!(app.tab(), Tab::Runway);
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("[Inputs]"), "{screen}");
    assert!(
        selected_line(&screen).contains("Estimate: Amazon 2025"),
        "{screen}"
    );
    // Filing for unemployment: the weekly benefit.
    select_action(&mut app, "File for unemployment");
    press(&mut app, "Enter");
    let screen = draw(&app, 120, 40);
    assert_eq!(app.tab(), Tab::Runway);
    assert!(
        selected_line(&screen).contains("Weekly benefit"),
        "{screen}"
    );
    // The COBRA election and the end of job cover: the COBRA cover.
    for title in ["Elect COBRA", "Job health cover ends"] {
        select_action(&mut app, title);
        press(&mut app, "Enter");
        let screen = draw(&app, 120, 40);
        assert_eq!(app.tab(), Tab::Runway);
        assert!(
            selected_line(&screen).contains("COBRA (single)"),
            "{title}:\n{screen}"
        );
    }
    // The Stratus Data follow-up: the application on the Pipeline board.
    select_action(&mut app, "Follow up with Stratus Data");
    press(&mut app, "Enter");
    assert_eq!(app.tab(), Tab::Pipeline);
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("▶Stratus Data"), "{screen}");
    // Ravi Menon, due a touch: the contacts view opens on him.
    select_action(&mut app, "Touch base with Ravi Menon");
    press(&mut app, "Enter");
    assert_eq!(app.tab(), Tab::Pipeline);
    assert!(selected_line(&draw(&app, 120, 40)).contains("Ravi Menon"));
}

#[test]
fn enter_on_the_last_day_or_the_forfeited_shares_opens_the_last_day_what_if() {
    let (_dir, mut app) = demo_app();
    // The forfeited shares: what leaving on the last day on payroll keeps and
    // forfeits, on that day (the Runway tab's, so it follows it).
    select_action(&mut app, "Ask for a later last day");
    press(&mut app, "Enter");
    assert_eq!(app.tab(), Tab::Vesting);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("[Last day]"), "{screen}");
    assert!(
        screen.contains("Last day Tue 9 Feb 2027  the Runway tab's separation date"),
        "{screen}"
    );
    // 144 + 61 = 205 shares forfeited, as the action said.
    assert!(
        screen.contains(
            "Total                                 244        39       205      $43,542.00"
        ),
        "{screen}"
    );
    // Elsewhere first, then the last day on payroll: the same view and day.
    press(&mut app, "Left Left");
    select_action(&mut app, "Last day on payroll");
    press(&mut app, "Enter");
    let screen = draw(&app, 80, 24);
    assert_eq!(app.tab(), Tab::Vesting);
    assert!(screen.contains("[Last day]"), "{screen}");
    assert!(screen.contains("Last day Tue 9 Feb 2027"), "{screen}");
}

/// VEST_SOON with a notice and a last day on payroll of 9 Feb 2027: the
/// Refresher's vest on 10 Dec 2026 comes before it.
fn vest_before_the_last_day() -> (TempDir, App) {
    app_with(&VEST_SOON.replace(
        "(version: 2, next_id: 3,",
        r#"(version: 2, next_id: 3,
    runway: (separation: Some("2027-02-09")),
    now: (notice: Some((date: "2026-11-12"))),"#,
    ))
}

#[test]
fn enter_on_a_vest_opens_the_last_day_what_if_on_its_day() {
    let (_dir, mut app) = vest_before_the_last_day();
    select_action(&mut app, "10 AMZN vest (Refresher)");
    press(&mut app, "Enter");
    assert_eq!(app.tab(), Tab::Vesting);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("[Last day]"), "{screen}");
    // A what-if on the vest's day, not the saved last day.
    assert!(screen.contains("Last day Thu 10 Dec 2026"), "{screen}");
    assert!(
        !screen.contains("the Runway tab's separation date"),
        "{screen}"
    );
    // Nothing was saved: the last day on payroll stays 9 Feb 2027.
    assert_eq!(
        on_disk(&app).runway.separation,
        chrono::NaiveDate::from_ymd_opt(2027, 2, 9)
    );
}

#[test]
fn x_on_a_next_action_says_why_and_what_is_at_stake() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "j x");
    let screen = draw(&app, 100, 30);
    assert!(
        screen.contains("Review and sign the severance agreement"),
        "{screen}"
    );
    assert!(
        screen.contains("At stake: $30,807.69 (the severance, gross)."),
        "{screen}"
    );
    assert!(screen.contains("Enter goes to the Runway tab."), "{screen}");
}

#[test]
fn a_notice_typed_into_an_empty_workbook_brings_the_next_actions() {
    let (_dir, mut app) = app_with(EMPTY);
    let before = draw(&app, 80, 24);
    assert!(
        !before.contains("Next actions"),
        "no notice, no strip:\n{before}"
    );
    press(&mut app, "n | text:2026-11-12 | Tab Tab | text:21 | Enter");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("[Next actions]  Checklist"), "{screen}");
    assert!(
        screen.contains("Review and sign the severance agreement"),
        "{screen}"
    );
    assert!(screen.contains("Log a win this week"), "{screen}");
    let notice = on_disk(&app).now.notice.expect("saved");
    assert_eq!(notice.review_days, Some(21));
    // Clearing the notice goes back to the checklist.
    press(&mut app, "n");
    backspaces(&mut app, 10);
    press(&mut app, "Enter");
    let screen = draw(&app, 80, 24);
    assert!(!screen.contains("Next actions"), "{screen}");
    assert!(screen.contains("Checklist"), "{screen}");
}

// The calendar export (c) ------------------------------------------------------

/// `c`, the file name replaced by `target`, and `extra` keys before Enter.
fn export_calendar(app: &mut App, target: &std::path::Path, extra: &str) {
    press(app, "1 c");
    backspaces(app, 40);
    press(app, &format!("text:{} | {extra} Enter", target.display()));
}

fn status_text(app: &App) -> String {
    match app.status() {
        Status::Info(text) | Status::Saved(text) | Status::Warned(text) => text.clone(),
        other => panic!("no status: {other:?}"),
    }
}

/// The calendar without its DTSTAMP lines (when the file was made).
fn undated(ics: &str) -> String {
    ics.lines()
        .filter(|l| !l.starts_with("DTSTAMP"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn c_writes_the_calendar_careerbook_export_writes() {
    use careerbook::export::{calendar, ics};
    let (_dir, mut app) = demo_app();
    let out = tempfile::tempdir().expect("export directory");
    let target = out.path().join("plan.ics");
    assert!(
        draw(&app, 120, 40).contains("c calendar"),
        "the footer shows the key"
    );
    export_calendar(&mut app, &target, "");
    assert_eq!(app.popup_count(), 0, "the form closed");
    let text = std::fs::read_to_string(&target).expect("exported calendar");
    // The events `careerbook export --format ics` builds, from the same functions.
    let events = calendar::events(app.session().workbook(), today(), ics::Forfeited::Mark);
    let expected = ics::calendar(&events, chrono::Utc::now().naive_utc());
    assert_eq!(undated(&text), undated(&expected));
    assert!(text.starts_with("BEGIN:VCALENDAR"), "{text}");
    assert!(text.contains("BEGIN:VALARM"), "deadlines carry reminders");
    assert!(text.contains("Forfeited if you leave 9 Feb 2027: 36 AMZN vest (New-hire RSU)"));
    assert_eq!(
        status_text(&app),
        format!(
            "calendar of {} events written to {}",
            events.len(),
            target.display()
        )
    );
    // Leaving the forfeited vests out: none of them, the deadlines still there.
    export_calendar(&mut app, &target, "Tab y");
    let text = std::fs::read_to_string(&target).expect("exported calendar");
    assert!(!text.contains("Forfeited if you leave"), "{text}");
    assert!(text.contains("BEGIN:VALARM"), "{text}");
}

#[test]
fn the_calendar_export_updates_its_own_file_and_never_another_unless_asked() {
    let (_dir, mut app) = demo_app();
    let out = tempfile::tempdir().expect("export directory");
    let target = out.path().join("careerbook.ics");
    // A calendar careerbook wrote is updated without asking (re-imports update).
    export_calendar(&mut app, &target, "");
    export_calendar(&mut app, &target, "");
    assert!(
        status_text(&app).starts_with("calendar of"),
        "{:?}",
        app.status()
    );
    // Someone else's file is left alone, and the form says why.
    std::fs::write(&target, "my own notes").expect("a file of the user's");
    export_calendar(&mut app, &target, "");
    assert_eq!(app.popup_count(), 1, "the form stays open with the error");
    let screen = draw(&app, 120, 40);
    assert!(
        screen.contains("careerbook.ics already exists and is not a file"),
        "{screen}"
    );
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "my own notes"
    );
    // Saying yes to replacing it replaces it.
    press(&mut app, "Tab Tab y Enter");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 120, 40));
    assert!(
        std::fs::read_to_string(&target)
            .expect("read")
            .starts_with("BEGIN:VCALENDAR")
    );
}

#[test]
fn the_calendar_export_never_writes_over_the_workbook() {
    let (_dir, mut app) = demo_checklist();
    let workbook = app.session().paths().workbook.clone();
    let before = std::fs::read(&workbook).expect("read workbook");
    // From the checklist view too, and even when asked to replace.
    press(&mut app, "c");
    backspaces(&mut app, 40);
    press(
        &mut app,
        &format!("text:{} | Tab Tab y Enter", workbook.display()),
    );
    assert_eq!(app.popup_count(), 1, "the form stays open with the error");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("own data directory"), "{screen}");
    assert_eq!(std::fs::read(&workbook).expect("read workbook"), before);
}
