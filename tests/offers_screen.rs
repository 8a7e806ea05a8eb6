//! The Pipeline tab's Offers view: Stay and each offer over years 1–4, the
//! start-date what-if, accepting into the runway, and the forms behind them,
//! driven by keys as a person would, with what is saved read back.

mod common;

use careerbook::domain::offers::{OfferSchedule, TargetBonus};
use careerbook::domain::pipeline::Stage;
use careerbook::domain::runway::NewJob;
use careerbook::tui::app::App;
use chrono::NaiveDate;
use common::{app_with, draw, press, saved};
use rust_decimal_macros::dec;

/// The demo's Brightline offer (#65), and the issue's worked-figure offer
/// from Northwind Cloud (#66) on the demo's application #52: base $200,000,
/// 10% bonus, a $20,000 sign-on with a 12-month prorated clawback, 400 RSUs
/// at $100 vesting 25% on each anniversary, starting 4 Jan 2027 — before the
/// demo's last day on payroll, 9 Feb 2027.
fn two_offers() -> String {
    let demo = careerbook::store::demo::DEMO_RON;
    let brightline = r#"start: "2027-02-15", health_monthly: Some("85")),"#;
    let northwind = r#"
            (id: 66, company: "Northwind Cloud", application: Some(52), base: "200000", bonus: Some(percent("0.1")), sign_on: Some((amount: "20000", paid_after_months: 0, clawback_months: 12, prorated: true)), equity: Some((shares: "400", price: "100", schedule: annual)), start: "2027-01-04"),"#;
    assert!(demo.contains(brightline), "the demo's offer moved");
    demo.replacen(brightline, &format!("{brightline}{northwind}"), 1)
        .replacen("next_id: 66,", "next_id: 67,", 1)
}

fn offers_view(ron: &str) -> (tempfile::TempDir, App) {
    let (dir, mut app) = app_with(ron);
    press(&mut app, "5 v v v v");
    (dir, app)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn status(app: &App) -> String {
    app.status().text().to_string()
}

/// The text inside the popup on `screen`, its wrapped lines joined again.
fn popup(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|line| {
            let start = line.find('│')?;
            let end = line.rfind('│').filter(|&end| end > start)?;
            Some(line[start + '│'.len_utf8()..end].trim().to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

// Snapshots ------------------------------------------------------------------

#[test]
fn comparison_at_80x24() {
    let (_dir, app) = offers_view(&two_offers());
    let screen = draw(&app, 80, 24);
    insta::assert_snapshot!(screen);
    // The worked figures: year 1 = 200,000 + 20,000 bonus + 20,000 sign-on
    // = 240,000 cash + 100 × $100 = 10,000 equity = 250,000; years 2–4
    // 230,000 each; 940,000 over four years.
    assert!(screen.contains("$250,000.00"), "{screen}");
    assert!(screen.contains("$940,000.00"), "{screen}");
    assert!(screen.contains("illiquid $40,500.00"), "{screen}");
}

#[test]
fn comparison_at_120x40() {
    let (_dir, app) = offers_view(&two_offers());
    let screen = draw(&app, 120, 40);
    insta::assert_snapshot!(screen);
    assert!(
        screen.contains("After your notice, Stay ends at your last day on payroll, 9 Feb 2027"),
        "the notes show when there is room:\n{screen}"
    );
}

/// Northwind's start moved from 4 Jan to 10 Feb 2027, the day after the last
/// day on payroll, as in the guide's `offer what-if 66 --start 2027-02-10`.
fn moved_to_the_last_day(app: &mut App) {
    // → Northwind, a month later (4 Feb), six days later (10 Feb).
    press(app, "l } + + + + + +");
}

#[test]
fn what_if_at_80x24() {
    let (_dir, mut app) = offers_view(&two_offers());
    moved_to_the_last_day(&mut app);
    let screen = draw(&app, 80, 24);
    insta::assert_snapshot!(screen);
    // The same figures as the command line: 37 days of the offer's pay
    // given up (220,000 × 37/365 = 22,301.37), the paid notice kept
    // (204,700 × 37/365 = 20,750.41) and the severance kept (30,807.69):
    // −22,301.37 + 20,750.41 + 30,807.69 = +29,256.73.
    for figure in ["-$22,301.37", "+$20,750.41", "+$30,807.69", "+$29,256.73"] {
        assert!(screen.contains(figure), "{figure}:\n{screen}");
    }
    assert!(
        screen.contains("Start 4 Jan 2027 → 10 Feb 2027 (37 days later)"),
        "{screen}"
    );
}

#[test]
fn what_if_at_120x40() {
    let (_dir, mut app) = offers_view(&two_offers());
    moved_to_the_last_day(&mut app);
    let screen = draw(&app, 120, 40);
    insta::assert_snapshot!(screen);
    assert!(screen.contains("→ 10 Feb 2027"), "{screen}");
}

// Looking at it ---------------------------------------------------------------

#[test]
fn x_shows_how_a_figure_is_worked_out() {
    let (_dir, mut app) = offers_view(&two_offers());
    // Northwind, year 1 cash: up from vs Stay to the third row.
    press(&mut app, "l k k k k k k k k k k k k k k x");
    let shown = popup(&draw(&app, 100, 40));
    assert!(
        shown.contains("Cash = $200,000.00 + $20,000.00 + $20,000.00 = $240,000.00."),
        "{shown}"
    );
    press(&mut app, "Enter");
    // The current-job row: what leaving on 3 Jan keeps, the severance not.
    press(&mut app, "k x");
    let shown = popup(&draw(&app, 100, 40));
    assert!(
        shown.contains("Starting 4 Jan 2027 means leaving your current job on 3 Jan 2027"),
        "{shown}"
    );
    assert!(shown.contains("is forfeited"), "{shown}");
    press(&mut app, "Enter");
    // Back on the comparison, the start row explains what it rests on.
    press(&mut app, "k x");
    let shown = popup(&draw(&app, 100, 40));
    assert!(shown.contains("Figures are before tax"), "{shown}");
}

#[test]
fn offers_that_do_not_fit_scroll_in_and_the_header_says_how_many() {
    let third = r#"
            (id: 67, company: "Initech Global Services", base: "150000", start: "2026-12-15"),"#;
    let ron = two_offers().replacen(
        r#"start: "2027-01-04"),"#,
        &format!(r#"start: "2027-01-04"),{third}"#),
        1,
    );
    let ron = ron.replacen("next_id: 67,", "next_id: 68,", 1);
    let (_dir, mut app) = offers_view(&ron);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("1 more →"), "{screen}");
    assert!(!screen.contains("Initech"), "{screen}");
    press(&mut app, "l l");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("← 1 more"), "{screen}");
    assert!(screen.contains("Initech"), "{screen}");
    assert!(!screen.contains("Brightline"), "{screen}");
    // At 120 columns all three fit beside Stay.
    let wide = draw(&app, 120, 40);
    for name in ["Brightline", "Northwind Cloud", "Initech Global Se"] {
        assert!(wide.contains(name), "{name}:\n{wide}");
    }
    assert!(!wide.contains("more →"), "{wide}");
}

// Accepting -------------------------------------------------------------------

#[test]
fn accepting_sets_the_runways_new_job_and_one_undo_takes_all_of_it_back() {
    let (_dir, mut app) = offers_view(&two_offers());
    let before = saved(&app);
    press(&mut app, "l A");
    let shown = popup(&draw(&app, 100, 40));
    // 200,000 × (1 − 29.65%) ÷ 12 = 140,700 ÷ 12 = 11,725.00 a month.
    assert!(
        shown.contains("starting 4 Jan 2027, $11,725.00 a month after withholding"),
        "{shown}"
    );
    assert!(
        shown.contains("move application #52 to accepted"),
        "{shown}"
    );
    assert!(shown.contains("before your last day on payroll"), "{shown}");
    press(&mut app, "y");
    let after = saved(&app);
    assert_eq!(
        after.runway.new_job,
        Some(NewJob {
            start: date(2027, 1, 4),
            monthly_net: dec!(11725.00),
            offer: Some(66),
        })
    );
    let northwind = after.pipeline.application(52).expect("#52");
    assert_eq!(northwind.stage, Stage::Accepted);
    press(&mut app, "u");
    let undone = saved(&app);
    assert_eq!(undone.runway.new_job, before.runway.new_job);
    assert_eq!(
        undone.pipeline.application(52).map(|a| a.stage),
        Some(Stage::Interviewing)
    );
}

#[test]
fn saying_no_to_accepting_changes_nothing() {
    let (_dir, mut app) = offers_view(&two_offers());
    let before = saved(&app);
    press(&mut app, "A n");
    assert_eq!(saved(&app), before);
}

#[test]
fn closing_the_card_as_accepted_offers_to_accept_its_offer() {
    let (_dir, mut app) = app_with(&two_offers());
    // The board's Offer column holds Brightline (#54), answered by offer #65.
    press(&mut app, "5 l l l l x");
    assert!(draw(&app, 100, 30).contains("Closed as"));
    press(&mut app, "Enter");
    let shown = popup(&draw(&app, 100, 40));
    // 196,000 × 0.7035 ÷ 12 = 11,490.50.
    assert!(
        shown.contains("starting 15 Feb 2027, $11,490.50 a month"),
        "{shown}"
    );
    // The card is moved already: the acceptance only sets the new job.
    assert!(!shown.contains("move application"), "{shown}");
    press(&mut app, "y");
    let after = saved(&app);
    assert_eq!(
        after.pipeline.application(54).map(|a| a.stage),
        Some(Stage::Accepted)
    );
    assert_eq!(
        after.runway.new_job.map(|j| (j.start, j.monthly_net)),
        Some((date(2027, 2, 15), dec!(11490.50)))
    );
    // Two saves, two undos: the new job first, then the card.
    press(&mut app, "u");
    let once = saved(&app);
    assert_eq!(once.runway.new_job.map(|j| j.start), Some(date(2027, 6, 1)));
    assert_eq!(
        once.pipeline.application(54).map(|a| a.stage),
        Some(Stage::Accepted)
    );
    press(&mut app, "u");
    assert_eq!(
        saved(&app).pipeline.application(54).map(|a| a.stage),
        Some(Stage::Offer)
    );
}

// Moving the start ------------------------------------------------------------

#[test]
fn a_moved_start_is_a_what_if_until_saved_after_asking() {
    let (_dir, mut app) = offers_view(&two_offers());
    let before = saved(&app);
    press(&mut app, "l ] w");
    // Back on the comparison, the moved start is in it and said to be unsaved.
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("moved here, not saved: Northwind Cloud to 11 Jan 2027"),
        "{screen}"
    );
    assert!(draw(&app, 120, 40).contains("→ 11 Jan 2027"));
    assert_eq!(saved(&app), before, "a what-if saves nothing");
    // No keeps it unsaved; yes saves it.
    press(&mut app, "S n");
    assert_eq!(saved(&app), before);
    press(&mut app, "S");
    let shown = popup(&draw(&app, 100, 30));
    assert!(
        shown.contains("Save Northwind Cloud's start as 11 Jan 2027 instead of 4 Jan 2027?"),
        "{shown}"
    );
    press(&mut app, "y");
    let offer = saved(&app).pipeline.offer(66).cloned().expect("#66");
    assert_eq!(offer.start, date(2027, 1, 11));
    assert!(status(&app).contains("Northwind Cloud now starts 11 Jan 2027"));
    // Saved, it is no longer a what-if.
    let screen = draw(&app, 80, 24);
    assert!(!screen.contains("not saved"), "{screen}");
    assert!(screen.contains("11 Jan 2027"), "{screen}");
    // And t takes an unsaved move back.
    press(&mut app, "- - t");
    assert!(!draw(&app, 80, 24).contains("not saved"));
}

#[test]
fn stepping_stays_within_the_dates_careerbook_handles() {
    // Northwind starting in the last month careerbook handles (to 2200).
    let ron = two_offers().replacen(r#"start: "2027-01-04")"#, r#"start: "2200-11-30")"#, 1);
    let (_dir, mut app) = offers_view(&ron);
    press(&mut app, "l }");
    assert!(draw(&app, 80, 24).contains("→ 30 Dec 2200"));
    press(&mut app, "}");
    assert!(
        status(&app).contains("2200"),
        "refused in words: {}",
        status(&app)
    );
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("→ 30 Dec 2200"), "{screen}");
}

// The forms -------------------------------------------------------------------

const EMPTY: &str = "(version: 2)";

#[test]
fn offers_and_the_current_job_typed_in_the_forms_are_saved_as_typed() {
    let (_dir, mut app) = offers_view(EMPTY);
    assert!(draw(&app, 80, 24).contains("No offers yet: a adds one"));
    // Company, role, application (none), base, bonus %, bonus amount,
    // sign-on, paid after, clawback, prorated, shares, value, price, strike,
    // vesting, start, health.
    press(
        &mut app,
        "a | text:Acme Robotics | Tab | text:Staff Engineer | Tab Tab | text:180k | Tab | text:12 \
         | Tab Tab | text:15k | Tab Tab | text:12 | Tab Tab Tab | text:50k | Tab | text:50 | Tab \
         | text:10 | Tab | text:google | Tab | text:2027-01-11 | Tab | text:-40 | Enter",
    );
    assert!(
        status(&app).contains("added the offer from Acme Robotics"),
        "{}",
        status(&app)
    );
    let wb = saved(&app);
    let offer = wb.pipeline.offers.first().cloned().expect("saved");
    assert_eq!(offer.company, "Acme Robotics");
    assert_eq!(offer.role.as_deref(), Some("Staff Engineer"));
    assert_eq!(offer.base, dec!(180000));
    assert_eq!(offer.bonus, Some(TargetBonus::Percent(dec!(0.12))));
    let sign_on = offer.sign_on.clone().expect("sign-on");
    assert_eq!(
        (sign_on.amount, sign_on.clawback_months, sign_on.prorated),
        (dec!(15000), 12, true)
    );
    let equity = offer.equity.clone().expect("equity");
    // $50,000 at $50 a share is 1,000 whole shares; options, with a strike.
    assert_eq!(equity.shares, dec!(1000));
    assert_eq!(equity.value, Some(dec!(50000)));
    assert_eq!(equity.strike, Some(dec!(10)));
    assert_eq!(equity.schedule, OfferSchedule::Google);
    assert_eq!(offer.start, date(2027, 1, 11));
    assert_eq!(offer.health_monthly, Some(dec!(-40)));
    // Without the current job, Stay is unknown, never a made-up zero.
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("! Stay needs your current pay: c sets it"),
        "{screen}"
    );
    assert!(screen.contains("unknown"), "{screen}");
    press(&mut app, "c | text:165000 | Tab | text:15 | Enter");
    let job = saved(&app).pipeline.current_job.expect("current job");
    assert_eq!(
        (job.base, job.bonus),
        (dec!(165000), Some(TargetBonus::Percent(dec!(0.15))))
    );
    let screen = draw(&app, 80, 24);
    // 165,000 + 15% = 189,750 a year; four years 759,000.
    assert!(screen.contains("$759,000.00"), "{screen}");
    // Editing keeps what the form does not show and changes what it does.
    press(&mut app, "e | Tab Tab Tab | C-u | text:190000 | Enter");
    let edited = saved(&app).pipeline.offers.first().cloned().expect("kept");
    assert_eq!(edited.base, dec!(190000));
    assert_eq!(edited.equity, offer.equity);
    assert_eq!(edited.id, offer.id);
}

#[test]
fn the_offer_form_refuses_half_described_equity_and_bonus_under_their_fields() {
    let (_dir, mut app) = offers_view(EMPTY);
    // Shares and a dollar value both, no price; a bonus both ways.
    press(
        &mut app,
        "a | text:Acme | Tab Tab Tab | text:150k | Tab | text:10 | Tab | text:5k \
         | Tab Tab Tab Tab Tab | text:100 | Tab | text:10k | Tab Tab Tab Tab | text:2027-01-04 | Enter",
    );
    let form = draw(&app, 100, 60);
    assert!(
        form.contains("enter the bonus as a percentage or as an amount, not both"),
        "{form}"
    );
    assert!(
        form.contains("enter the shares or the dollar value, not both"),
        "{form}"
    );
    assert!(saved(&app).pipeline.offers.is_empty());
}

#[test]
fn the_severance_form_says_whether_resigning_forfeits_it_and_saves_it_in_the_same_edit() {
    let (_dir, mut app) = app_with(&two_offers());
    assert!(saved(&app).runway.resigning_forfeits_severance);
    // Runway inputs → the severance (Amazon 2025, 9 weeks) → its form.
    press(&mut app, "3 Right Right");
    press(&mut app, "g");
    for _ in 0..40 {
        if draw(&app, 160, 60)
            .lines()
            .any(|l| l.trim_start().starts_with('▶') && l.contains("Estimate: Amazon 2025"))
        {
            break;
        }
        press(&mut app, "Down");
    }
    press(&mut app, "e Enter");
    let form = draw(&app, 100, 60);
    assert!(
        form.contains("Resigning before the last day forfeits it"),
        "{form}"
    );
    // Annual base, first day, last day, pay date, weeks, then the yes/no.
    press(&mut app, "Tab Tab Tab Tab Tab n Enter");
    let wb = saved(&app);
    assert!(!wb.runway.resigning_forfeits_severance);
    // The offers' what-if now keeps the severance for an early start.
    press(&mut app, "u");
    assert!(saved(&app).runway.resigning_forfeits_severance);
}

#[test]
fn hostile_company_names_show_as_stand_ins() {
    let ron = two_offers().replacen(
        "company: \"Northwind Cloud\", application",
        "company: \"Nor\\u{1b}[2Jthwind\\u{202e}\", application",
        1,
    );
    let (_dir, app) = offers_view(&ron);
    let screen = draw(&app, 120, 40);
    assert!(!screen.contains('\u{1b}'), "{screen}");
    assert!(screen.contains("Nor␛[2Jthwind"), "{screen}");
}

// After accepting ------------------------------------------------------------

#[test]
fn saving_a_new_start_on_the_accepted_offer_moves_the_runways_new_job_too() {
    let (_dir, mut app) = offers_view(&two_offers());
    press(&mut app, "l A y");
    assert_eq!(
        saved(&app).runway.new_job.map(|j| (j.start, j.offer)),
        Some((date(2027, 1, 4), Some(66)))
    );
    // The what-if to 31 Jan: four weeks later (1 Feb), a day back.
    press(&mut app, "w ] ] ] ] -");
    assert!(draw(&app, 120, 40).contains("→ 31 Jan 2027"));
    press(&mut app, "S");
    let shown = popup(&draw(&app, 100, 30));
    assert!(
        shown.contains("You accepted it: the Runway tab's new job moves to this start too."),
        "{shown}"
    );
    assert!(!shown.contains("Accepting it then uses"), "{shown}");
    press(&mut app, "y");
    let after = saved(&app);
    assert_eq!(
        after.pipeline.offer(66).map(|o| o.start),
        Some(date(2027, 1, 31))
    );
    // 200,000 × (1 − 29.65%) ÷ 12 = 11,725.00 a month, as accepted.
    assert_eq!(
        after
            .runway
            .new_job
            .map(|j| (j.start, j.monthly_net, j.offer)),
        Some((date(2027, 1, 31), dec!(11725.00), Some(66)))
    );
    // One undo takes both back.
    press(&mut app, "u");
    let undone = saved(&app);
    assert_eq!(
        undone.pipeline.offer(66).map(|o| o.start),
        Some(date(2027, 1, 4))
    );
    assert_eq!(
        undone.runway.new_job.map(|j| j.start),
        Some(date(2027, 1, 4))
    );
}

#[test]
fn an_accepted_standalone_offer_ends_offer_needed_by_and_is_marked() {
    // Northwind as an offer that answers no application: accepting moves no
    // card, so only the recorded acceptance can end the search.
    let ron = two_offers().replacen(
        r#"application: Some(52), base: "200000""#,
        r#"base: "200000""#,
        1,
    );
    let (_dir, mut app) = offers_view(&ron);
    assert!(draw(&app, 80, 24).contains("offer by 11 Jul 2028"));
    press(&mut app, "l A y");
    assert_eq!(saved(&app).runway.new_job.and_then(|j| j.offer), Some(66));
    for (width, height) in [(80, 24), (120, 40)] {
        let screen = draw(&app, width, height);
        assert!(!screen.contains("offer by"), "{screen}");
        assert!(!screen.contains("offer needed by"), "{screen}");
        assert!(screen.contains("✓ Northwind"), "{screen}");
    }
    // The Now tab and the board header agree: no "An offer is needed by".
    press(&mut app, "1");
    assert!(!draw(&app, 120, 40).contains("offer is needed by"));
}

#[test]
fn enter_on_ask_to_start_later_opens_that_offers_what_if_at_that_start() {
    let (_dir, mut app) = offers_view(&two_offers());
    press(&mut app, "l A y 1");
    // Moves the next actions' cursor to "Ask Northwind Cloud to start on …".
    for _ in 0..30 {
        press(&mut app, "k");
    }
    let title = "Ask Northwind Cloud to start on 10 Feb 2027";
    for _ in 0..30 {
        let screen = draw(&app, 120, 40);
        if screen.lines().any(|l| l.contains("▶") && l.contains(title)) {
            break;
        }
        press(&mut app, "j");
    }
    press(&mut app, "Enter");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("Start-date what-if · Northwind Cloud (#66) · ✓ accepted"),
        "{screen}"
    );
    assert!(
        screen.contains("Start 4 Jan 2027 → 10 Feb 2027 (37 days later)"),
        "{screen}"
    );
    // As the action says: +29,256.73 (see what_if_at_80x24).
    assert!(screen.contains("+$29,256.73"), "{screen}");
}
