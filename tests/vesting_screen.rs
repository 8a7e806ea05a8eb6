//! The Vesting tab: its views with the demo workbook, and adding, editing and
//! deleting through its forms.

mod common;

use careerbook::domain::vesting::{Schedule, TrancheAmount};
use careerbook::tui::app::App;
use chrono::NaiveDate;
use common::{app_with, demo_app, draw, press};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("decimal")
}

/// Opens the Vesting tab and moves right until `view` is the one shown.
fn on_view(app: &mut App, view: &str) {
    press(app, "4");
    for _ in 0..5 {
        if draw(app, 80, 24).contains(&format!("[{view}]")) {
            return;
        }
        press(app, "Right");
    }
    panic!("no view {view:?}");
}

const UPCOMING: &str = "Upcoming";
const GRANTS: &str = "Grants";
const PRICES: &str = "Prices";
const LAST_DAY: &str = "Last day";
const BONUSES: &str = "Bonuses";

/// Presses Backspace `n` times (to clear a prefilled field).
fn clear(app: &mut App, n: usize) {
    for _ in 0..n {
        press(app, "Bksp");
    }
}

fn status_text(app: &App) -> String {
    app.status().text().to_string()
}

#[test]
fn snapshots_of_every_view_at_80x24_and_120x40() {
    for (name, views) in [
        ("upcoming", UPCOMING),
        ("grants", GRANTS),
        ("prices", PRICES),
        ("last_day", LAST_DAY),
        ("bonuses", BONUSES),
    ] {
        let (_dir, mut app) = demo_app();
        on_view(&mut app, views);
        insta::assert_snapshot!(format!("{name}_80x24"), draw(&app, 80, 24));
        insta::assert_snapshot!(format!("{name}_120x40"), draw(&app, 120, 40));
    }
}

#[test]
fn snapshot_of_a_grants_schedule_and_an_explanation() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, GRANTS);
    press(&mut app, "v");
    insta::assert_snapshot!("schedule_80x24", draw(&app, 80, 24));
    press(&mut app, "Esc");
    on_view(&mut app, UPCOMING);
    press(&mut app, "x");
    insta::assert_snapshot!("explain_vest_80x24", draw(&app, 80, 24));
}

#[test]
fn upcoming_shows_the_quarters_values_and_net_after_withholding() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, UPCOMING);
    let screen = draw(&app, 80, 24);
    // 180 AMZN (Amazon 5/15/40/40 from 2024-09-16): 20% = 36 on 2027-03-16;
    // 36 × $212.40 = $7,646.40 gross; × (1 − 29.65%) = $5,379.24 net.
    // The demo's last day on payroll is 9 Feb 2027: this vest comes after it.
    assert!(
        screen.contains(
            "2027-03-16 New-hire RSU · forfeited             36    $7,646.40    $5,379.24"
        ),
        "{screen}"
    );
    // The chart's quarters and their labels: nothing in 2026 Q4, 36 shares in 2027 Q1.
    assert!(screen.contains("2026 Q4  2027 Q1  2027 Q2"), "{screen}");
    assert!(screen.contains("36 sh"), "{screen}");
    assert!(screen.contains("$7,646"), "{screen}");
    // Enter on a vest shows its grant in the Grants view.
    press(&mut app, "Enter");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("[Grants]"), "{screen}");
    assert!(screen.contains("▶ New-hire RSU"), "{screen}");
}

/// Two AMZN grants at $200 and a last day on payroll of 9 Feb 2027: the
/// Refresher's first vest (10 Dec 2026) comes before it, the rest after.
const LEAVING: &str = r#"(version: 2, next_id: 4,
    runway: (separation: Some("2027-02-09")),
    vesting: (
        grants: [
            (id: 1, name: "New-hire RSU", ticker: "AMZN", shares: "100", grant_date: "2024-03-15",
             vest_start: "2024-03-15", schedule: amazon, rounding: half_up),
            (id: 2, name: "Refresher", ticker: "AMZN", shares: "200", grant_date: "2025-12-10",
             vest_start: "2025-12-10", schedule: amazon, rounding: half_up),
        ],
        prices: [(id: 3, ticker: "AMZN", price: "200", as_of: "2026-11-20")],
    ),
)"#;

#[test]
fn vests_after_the_last_day_on_payroll_are_marked_forfeited_never_ordinary() {
    let (_dir, mut app) = app_with(LEAVING);
    on_view(&mut app, UPCOMING);
    insta::assert_snapshot!("upcoming_leaving_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("upcoming_leaving_120x40", draw(&app, 120, 40));
    let screen = draw(&app, 120, 40);
    let row = |date: &str| {
        screen
            .lines()
            .find(|l| l.contains(date))
            .unwrap_or_else(|| panic!("no vest on {date}:\n{screen}"))
            .to_string()
    };
    // Refresher, Amazon 5/15/40/40 from 2025-12-10: 5% of 200 = 10 on
    // 2026-12-10, before the last day: an ordinary vest.
    assert!(!row("2026-12-10").contains("forfeited"), "{screen}");
    // New-hire, 100 from 2024-03-15: 20 on 2027-03-15, after 9 Feb 2027.
    assert!(row("2027-03-15").contains("✗"), "{screen}");
    assert!(
        row("2027-03-15").contains("New-hire RSU · forfeited"),
        "{screen}"
    );
    // Every vest after it is forfeited. To come: the New-hire's 60 (100 less
    // 5 + 15 + 20 vested by 2026-09-15) and all 200 of the Refresher = 260;
    // 10 kept, 250 forfeited × $200 = $50,000.00 gross.
    assert!(
        screen.contains(
            "✗ Last day 9 Feb 2027: leaving then forfeits 250 of them ($50,000.00 gross)"
        ),
        "{screen}"
    );
    // The chart marks each quarter holding a forfeited vest: not 2026 Q4.
    assert!(screen.contains("    10 sh        ✗ 20 sh"), "{screen}");
    // x on a forfeited vest says so.
    press(&mut app, "/ | text:2027-03-15 | Enter x");
    let screen = draw(&app, 120, 40);
    assert!(
        screen.contains("✗ Forfeited if you leave on your last day on payroll (9 Feb 2027)"),
        "{screen}"
    );
}

#[test]
fn without_a_last_day_on_payroll_no_vest_is_marked_forfeited() {
    let (_dir, mut app) = app_with(&LEAVING.replace("separation: Some(\"2027-02-09\")", ""));
    on_view(&mut app, UPCOMING);
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("2027-03-15 New-hire RSU "), "{screen}");
    assert!(!screen.contains("forfeit"), "{screen}");
    assert!(!screen.contains("✗"), "{screen}");
}

#[test]
fn a_ticker_without_a_price_says_so_instead_of_a_value() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, PRICES);
    press(&mut app, "d y");
    assert!(app.session().workbook().vesting.prices.is_empty());
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("! AMZN has no price"), "{screen}");
    on_view(&mut app, UPCOMING);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("no price"), "{screen}");
    assert!(!screen.contains("$7,646"), "no invented value: {screen}");
    // p enters a price (for the ticker at hand); the values come back.
    press(&mut app, "p | text:212.40 | Enter");
    assert_eq!(app.session().workbook().vesting.prices[0].ticker, "AMZN");
    assert_eq!(app.session().workbook().vesting.prices.len(), 1);
    assert!(draw(&app, 80, 24).contains("$7,646.40"));
}

#[test]
fn a_second_price_for_the_same_day_replaces_the_first() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, PRICES);
    // The demo's price is dated 2026-11-24; a new one today is added beside it.
    press(&mut app, "a");
    clear(&mut app, 8);
    press(&mut app, "text:220 | Enter");
    assert_eq!(app.session().workbook().vesting.prices.len(), 2);
    // Another for today replaces today's.
    press(&mut app, "a");
    clear(&mut app, 8);
    press(&mut app, "text:221.5 | Enter");
    let prices = &app.session().workbook().vesting.prices;
    assert_eq!(prices.len(), 2);
    assert!(
        prices
            .iter()
            .any(|p| p.price == dec("221.5") && p.as_of == d(2026, 11, 26))
    );
    assert!(draw(&app, 80, 24).contains("✓ current"));
}

#[test]
fn adding_a_grant_through_the_form_saves_it() {
    let (dir, mut app) = demo_app();
    on_view(&mut app, GRANTS);
    // Name, ticker (prefilled AMZN), shares, grant date 2027-01-15, vest start blank,
    // schedule: 4 years with a 1-year cliff, monthly.
    press(
        &mut app,
        "a | text:2027 refresher | Tab Tab | text:4800 | Tab",
    );
    clear(&mut app, 10);
    press(&mut app, "text:2027-01-15 | Tab Tab Right | C-s");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let grants = &app.session().workbook().vesting.grants;
    let added = grants.last().expect("added");
    assert_eq!(added.name, "2027 refresher");
    assert_eq!(added.shares, dec("4800"));
    assert_eq!(
        added.vest_start,
        d(2027, 1, 15),
        "blank vest start = grant date"
    );
    assert_eq!(added.schedule, Schedule::CliffMonthly);
    let saved = std::fs::read_to_string(dir.path().join("workbook.ron")).expect("saved");
    assert!(saved.contains("2027 refresher"), "saved to disk");
    // The new grant is selected; 1,200 (12/48 of 4,800) is its first vest.
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("▶ 2027 refresher"), "{screen}");
    assert!(screen.contains("2028-01-15"), "{screen}");
    // On the separation date (2027-02-09) it is held: nothing vested, all 4,800 forfeited.
    on_view(&mut app, LAST_DAY);
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("2027 refresher                      4,800         0     4,800"),
        "{screen}"
    );
    // Leaving today, it is not yet granted: listed apart, out of the totals.
    press(&mut app, "e");
    clear(&mut app, 10);
    press(&mut app, "text:today | Enter");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("◦ 2027 refresher: granted 2027-01-15, after this day"),
        "{screen}"
    );
    assert!(
        screen.contains("Total                                 244"),
        "{screen}"
    );
}

#[test]
fn the_grant_form_says_what_the_shares_typed_mean_by_today() {
    // A person who knows "1,536 unvested" types it: the form asks for the
    // whole grant and shows at once that 1,536 granted leaves only 922 to come.
    let (_dir, mut app) = app_with("(version: 2, next_id: 1)");
    on_view(&mut app, GRANTS);
    press(&mut app, "a | text:New hire | Tab | text:ACME | Tab");
    let form = draw(&app, 80, 24);
    assert!(
        form.contains("Shares in the whole grant (vested and unvested)"),
        "{form}"
    );
    assert!(
        form.contains("all the shares granted, not only those still to come"),
        "{form}"
    );
    press(&mut app, "text:1536 | Tab");
    clear(&mut app, 10);
    press(&mut app, "text:2024-03-01 | Tab");
    // Amazon 5/15/20 by 2026-11-26 (1 Mar 2025, 1 Mar 2026, 1 Sep 2026):
    // 40% of 1,536 = 614.4, whole shares (the default rounding) → 614
    // vested, 922 to come.
    let form = draw(&app, 80, 24);
    assert!(
        form.contains("1,536 granted → 614 vested by today, 922 to come"),
        "{form}"
    );
    // Corrected to the whole grant: 40% of 2,560 = 1,024; 1,536 to come.
    press(&mut app, "BTab BTab");
    clear(&mut app, 10);
    press(&mut app, "text:2560");
    let form = draw(&app, 80, 24);
    assert!(
        form.contains("2,560 granted → 1,024 vested by today, 1,536 to come"),
        "{form}"
    );
    press(&mut app, "C-s");
    let saved = &app.session().workbook().vesting.grants[0];
    assert_eq!(saved.shares, dec("2560"));
    // The same words as `careerbook grant` prints, from one function.
    assert_eq!(
        saved.progress(d(2026, 11, 26)),
        "2,560 granted → 1,024 vested by today, 1,536 to come"
    );
}

#[test]
fn zero_shares_and_a_too_early_vest_start_are_refused_and_nothing_is_saved() {
    let (dir, mut app) = demo_app();
    let before = std::fs::read(dir.path().join("workbook.ron")).expect("read");
    on_view(&mut app, GRANTS);
    press(&mut app, "a | text:Bad | Tab Tab | text:0 | C-s");
    assert_eq!(app.popup_count(), 1, "the form stays open");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("✗ must be more than zero"), "{screen}");
    // A negative count is refused by the field itself.
    press(&mut app, "Bksp | text:-5 | C-s");
    assert!(draw(&app, 80, 24).contains("✗ \"-5\" is not a number of shares"));
    // 100 shares, but a vest start more than a year before the grant date (today).
    press(
        &mut app,
        "Bksp Bksp | text:100 | Tab Tab | text:2025-11-25 | C-s",
    );
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("2025-11-25 is more than a year before the grant date"),
        "{screen}"
    );
    press(&mut app, "Esc y");
    assert_eq!(app.session().workbook().vesting.grants.len(), 2);
    assert_eq!(
        std::fs::read(dir.path().join("workbook.ron")).expect("read"),
        before
    );
}

#[test]
fn custom_tranches_are_typed_one_per_line_and_must_add_up() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, GRANTS);
    // Schedule: Custom dates (the sixth choice); then the tranches note.
    press(
        &mut app,
        "a | text:Retention RSU | Tab Tab | text:100 | Tab Tab Tab",
    );
    press(&mut app, "Right Right Right Right Right | Tab Tab");
    press(
        &mut app,
        "text:2027-06-01 50% | Enter | text:2028-06-01 40% | C-s",
    );
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("the percentages add up to 90%, not 100%"),
        "{screen}"
    );
    assert_eq!(
        app.session().workbook().vesting.grants.len(),
        2,
        "nothing saved"
    );
    // A wrong line is named by its number.
    press(&mut app, "Bksp Bksp Bksp | text:x% | C-s");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("line 2:"), "{screen}");
    // Fixed: 50% + 50%.
    press(&mut app, "Bksp Bksp | text:50% | C-s");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let grant = app
        .session()
        .workbook()
        .vesting
        .grants
        .last()
        .expect("added")
        .clone();
    let Schedule::Custom { tranches } = &grant.schedule else {
        panic!("custom schedule: {:?}", grant.schedule)
    };
    assert_eq!(tranches.len(), 2);
    assert_eq!(tranches[1].date, d(2028, 6, 1));
    assert_eq!(tranches[1].amount, TrancheAmount::Percent(dec("0.5")));
    // Editing shows the same lines back.
    press(&mut app, "e");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Edit grant"), "{screen}");
    for _ in 0..7 {
        press(&mut app, "Tab");
    }
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("2027-06-01 50%"), "{screen}");
    assert!(screen.contains("2028-06-01 50%"), "{screen}");
}

#[test]
fn a_meta_style_first_vest_can_be_set() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, GRANTS);
    press(
        &mut app,
        "a | text:Meta RSU | Tab | Bksp Bksp Bksp Bksp | text:META | Tab | text:160 | Tab",
    );
    clear(&mut app, 10);
    press(
        &mut app,
        "text:2025-03-01 | Tab Tab Right Right Right | Tab | text:2025-06-15 | C-s",
    );
    // Jun 15 is not a quarterly vest date.
    assert!(draw(&app, 80, 24).contains("is not a quarterly vest date"));
    // The focus is back on the date, selected: End keeps it to edit its end.
    press(&mut app, "End Bksp Bksp Bksp Bksp Bksp | text:08-15 | C-s");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let grant = app
        .session()
        .workbook()
        .vesting
        .grants
        .last()
        .expect("added");
    assert_eq!(
        grant.schedule,
        Schedule::MetaQuarterly {
            first_vest: Some(d(2025, 8, 15))
        }
    );
    assert_eq!(grant.tranches()[0].date, d(2025, 8, 15));
}

#[test]
fn deleting_asks_first_and_undo_brings_it_back() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, GRANTS);
    press(&mut app, "d");
    assert!(draw(&app, 80, 24).contains("Delete the grant \"New-hire RSU\""));
    press(&mut app, "n");
    assert_eq!(app.session().workbook().vesting.grants.len(), 2);
    press(&mut app, "d y");
    assert_eq!(app.session().workbook().vesting.grants.len(), 1);
    assert!(!draw(&app, 80, 24).contains("New-hire RSU"));
    press(&mut app, "u");
    assert_eq!(app.session().workbook().vesting.grants.len(), 2);
    // Bonuses delete the same way.
    on_view(&mut app, BONUSES);
    press(&mut app, "d y");
    assert!(app.session().workbook().vesting.sign_on_bonuses.is_empty());
}

#[test]
fn the_last_day_moves_with_keys_and_the_panel_follows() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, LAST_DAY);
    let screen = draw(&app, 80, 24);
    // Prefilled from the Runway separation date, 2027-02-09.
    assert!(screen.contains("Last day Tue 9 Feb 2027"), "{screen}");
    assert!(
        screen.contains("the Runway tab's separation date"),
        "{screen}"
    );
    // New hire: 9 + 27 = 36 vested, 144 forfeited × $212.40 = $30,585.60.
    assert!(screen.contains("$30,585.60"), "{screen}");
    assert!(
        screen.contains("Staying until 16 Mar 2027 (+35 days) would add 36 shares"),
        "{screen}"
    );
    // n jumps to that vest: now 72 of the 180 are kept, and the retention bonus too
    // (employed on 2027-03-01).
    press(&mut app, "n");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Last day Tue 16 Mar 2027"), "{screen}");
    assert!(screen.contains("what-if, not saved"), "{screen}");
    assert!(screen.contains("✓ kept   Team retention bonus"), "{screen}");
    // 144 − 36 = 108 forfeited: 108 × 212.40 = 22,939.20.
    assert!(screen.contains("$22,939.20"), "{screen}");
    // A day earlier loses that vest again; a week, a month.
    press(&mut app, "-");
    assert!(draw(&app, 80, 24).contains("Last day Mon 15 Mar 2027"));
    press(&mut app, "]");
    assert!(draw(&app, 80, 24).contains("Last day Mon 22 Mar 2027"));
    press(&mut app, "{");
    assert!(draw(&app, 80, 24).contains("Last day Mon 22 Feb 2027"));
    // t goes back to the separation date.
    press(&mut app, "t");
    assert!(draw(&app, 80, 24).contains("Last day Tue 9 Feb 2027"));
    // Nothing about the what-if is saved.
    assert_eq!(
        app.session().workbook().runway.separation,
        Some(d(2027, 2, 9))
    );
}

#[test]
fn a_typed_last_day_before_every_grant_is_refused() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, LAST_DAY);
    press(&mut app, "e");
    clear(&mut app, 10);
    press(&mut app, "text:2024-01-01 | Enter");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("2024-01-01 is before every grant's grant date"),
        "{screen}"
    );
    assert_eq!(app.popup_count(), 1);
    clear(&mut app, 10);
    press(&mut app, "text:+6m | Enter");
    assert_eq!(app.popup_count(), 0);
    // Today + 6 months = 2027-05-26.
    assert!(draw(&app, 80, 24).contains("Last day Wed 26 May 2027"));
    // Stepping back a long way stops at the first grant date with a message.
    for _ in 0..40 {
        press(&mut app, "{");
    }
    assert!(
        status_text(&app).contains("before every grant's grant date"),
        "{}",
        status_text(&app)
    );
    let screen = draw(&app, 80, 24);
    // The day stops at the last month step after 2024-09-16, the first grant date.
    assert!(screen.contains("Last day Thu 26 Sep 2024"), "{screen}");
    assert!(
        screen.contains("Total"),
        "the panel still shows figures: {screen}"
    );
}

#[test]
fn role_elimination_waives_a_clawback_and_is_saved() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, LAST_DAY);
    // 2026-06-01: 8 of the sign-on's 12 months served (paid 2025-09-16).
    press(&mut app, "e");
    clear(&mut app, 10);
    press(&mut app, "text:2026-06-01 | Enter");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("✓ kept   Year-2 sign-on"), "{screen}");
    assert!(screen.contains("waived: role eliminated"), "{screen}");
    press(&mut app, "r");
    assert!(!app.session().workbook().vesting.role_eliminated);
    let screen = draw(&app, 80, 24);
    // 22,000 × (12 − 8)/12 = 7,333.33 owed.
    assert!(screen.contains("! owes   Year-2 sign-on"), "{screen}");
    assert!(screen.contains("$7,333.33"), "{screen}");
    assert!(screen.contains("8 of 12 months served"), "{screen}");
    assert!(screen.contains("Role eliminated: no"), "{screen}");
    // The what-if day survives the edit.
    assert!(screen.contains("Last day Mon 1 Jun 2026"), "{screen}");
}

#[test]
fn the_what_if_day_can_be_saved_as_the_separation_date() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, LAST_DAY);
    press(&mut app, "n S");
    assert!(draw(&app, 80, 24).contains("Set the Runway tab's separation date to 2027-03-16?"));
    press(&mut app, "y");
    assert_eq!(
        app.session().workbook().runway.separation,
        Some(d(2027, 3, 16))
    );
    assert!(draw(&app, 80, 24).contains("the Runway tab's separation date"));
}

#[test]
fn withholding_set_here_changes_the_net() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, UPCOMING);
    // One field: typing a rate sets it (nothing else to switch first).
    press(&mut app, "% C-u | text:40% | Enter");
    assert_eq!(
        app.session().workbook().vesting.withholding,
        Some(dec("0.4"))
    );
    // $7,646.40 × 0.60 = $4,587.84.
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("$4,587.84"), "{screen}");
    assert!(
        screen.contains("$26,125.20 net after 40% (set here)"),
        "{screen}"
    );
    // Entering the Runway tab's rate follows that tab again.
    press(&mut app, "% C-u | text:29.65% | Enter");
    assert_eq!(app.session().workbook().vesting.withholding, None);
    // A rate of 100% or more is refused under the field, not ignored.
    press(&mut app, "% C-u | text:100 | Enter");
    assert_eq!(app.popup_count(), 1, "{}", draw(&app, 80, 24));
    press(&mut app, "Esc y");
    assert_eq!(app.session().workbook().vesting.withholding, None);
    assert!(draw(&app, 80, 24).contains("$5,379.24"));
}

#[test]
fn bonuses_are_added_in_two_steps() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, BONUSES);
    // An annual bonus: the second choice.
    press(&mut app, "a Right Enter");
    assert!(draw(&app, 80, 24).contains("Add a bonus"));
    press(
        &mut app,
        "Tab Tab | text:12000 | Tab | text:2027-03-01 | Enter",
    );
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let bonus = app
        .session()
        .workbook()
        .vesting
        .dated_bonuses
        .last()
        .expect("added")
        .clone();
    assert_eq!(bonus.name, "Annual bonus");
    assert_eq!(bonus.gross, dec("12000"));
    // A sign-on bonus whose clawback term is not a number is refused under that field.
    press(
        &mut app,
        "a Enter | Tab | text:30000 | Tab Tab | Bksp Bksp | text:twelve | Enter",
    );
    assert!(draw(&app, 80, 24).contains("\"twelve\" is not a number of months"));
    press(&mut app, "Esc y");
    assert_eq!(app.session().workbook().vesting.sign_on_bonuses.len(), 1);
}

#[test]
fn an_empty_workbook_explains_what_to_do() {
    let (_dir, mut app) = app_with("(version: 2, next_id: 1)");
    on_view(&mut app, UPCOMING);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("No grants yet."), "{screen}");
    assert!(screen.contains("Press a to add a grant"), "{screen}");
    on_view(&mut app, LAST_DAY);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("today: no separation date"), "{screen}");
}

#[test]
fn no_view_panics_at_any_size() {
    for views in [UPCOMING, GRANTS, PRICES, LAST_DAY, BONUSES] {
        let (_dir, mut app) = demo_app();
        on_view(&mut app, views);
        if views == GRANTS {
            press(&mut app, "v");
        }
        for (w, h) in [
            (1, 1),
            (20, 5),
            (59, 15),
            (60, 16),
            (61, 17),
            (79, 23),
            (100, 30),
            (200, 60),
        ] {
            let _ = draw(&app, w, h);
        }
        press(&mut app, "x");
        for (w, h) in [(60, 16), (80, 24)] {
            let _ = draw(&app, w, h);
        }
    }
}

#[test]
fn upcoming_vests_sort_by_value_and_filter_by_what_each_row_shows() {
    let (_dir, mut app) = app_with(LEAVING);
    on_view(&mut app, UPCOMING);
    let screen = draw(&app, 120, 40);
    // In date order under quarter headings. Refresher, 200 Amazon-style from
    // 2025-12-10: 5% = 10 on 2026-12-10, × $200 = $2,000.00.
    assert!(
        screen.contains("2026 Q4 · 10 shares · $2,000.00 gross"),
        "{screen}"
    );
    // 2027 Q1: the New-hire's 20% of 100 = 20 on 2027-03-15, × $200 = $4,000.00.
    assert!(
        screen.contains("2027 Q1 · 20 shares · $4,000.00 gross"),
        "{screen}"
    );
    // Sorted by Gross (the 7th press: Date, Grant and Shares each up and down
    // first): the smallest first, and no quarter headings.
    press(&mut app, "s s s s s s s");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("Gross ▲"), "{screen}");
    let rows: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Gross ▲"))
        .skip(1)
        .take(9)
        .collect();
    assert!(rows[0].contains("2026-12-10 Refresher"), "{screen}");
    assert!(rows[0].contains("$2,000.00"), "{screen}");
    // Then the New-hire's three 20s ($4,000.00), the Refresher's 15% = 30
    // ($6,000.00) and its four 20% = 40 ($8,000.00).
    assert!(
        rows[1].contains("$4,000.00") && rows[3].contains("$4,000.00"),
        "{screen}"
    );
    assert!(
        rows[4].contains("2027-12-10") && rows[4].contains("$6,000.00"),
        "{screen}"
    );
    assert!(rows[8].contains("$8,000.00"), "{screen}");
    assert!(!screen.contains("2027 Q1 ·"), "{screen}");
    // Back to date order, then filtered on the word the rows show after the
    // last day (9 Feb 2027): all but the 2026-12-10 vest.
    press(&mut app, "s s s | / | text:forfeited");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("8 of 9"), "{screen}");
    assert!(!screen.contains("2026-12-10"), "{screen}");
    assert!(
        screen.contains("2027-03-15 New-hire RSU · forfeited"),
        "{screen}"
    );
}

#[test]
fn the_grants_schedule_follows_the_selection_and_a_new_price() {
    let (_dir, mut app) = demo_app();
    on_view(&mut app, GRANTS);
    press(&mut app, "j");
    let screen = draw(&app, 120, 40);
    assert!(
        screen.contains("64 AMZN · Amazon 5/15/40/40 from 2025-05-15"),
        "{screen}"
    );
    // A filter moves the selection to the New-hire RSU: its schedule shows.
    press(&mut app, "/ | text:new");
    let screen = draw(&app, 120, 40);
    assert!(
        screen.contains("180 AMZN · Amazon 5/15/40/40 from 2024-09-16"),
        "{screen}"
    );
    // v scrolls it from its first vest to come: 20% of 180 = 36 on
    // 2027-03-16, × $212.40 = $7,646.40.
    press(&mut app, "Enter v");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("▶ 2027-03-16"), "{screen}");
    assert!(screen.contains("$7,646.40"), "{screen}");
    // A new price today values it again: 36 × $300 = $10,800.00.
    press(&mut app, "p | text:300 | Enter");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("▶ 2027-03-16"), "{screen}");
    assert!(screen.contains("$10,800.00"), "{screen}");
}
