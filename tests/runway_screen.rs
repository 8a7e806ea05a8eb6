//! The Runway tab: its views with the demo workbook, the forms for every
//! input, the what-if that saves nothing, and refusals that save nothing.

mod common;

use careerbook::domain::runway::{CoverKind, Severance};
use careerbook::domain::severance::SeveranceTemplate;
use careerbook::tui::app::App;
use common::{app_with, demo_app, draw, press, saved};
use rust_decimal_macros::dec;

const EMPTY: &str = "(version: 2, next_id: 1)";

/// $60,000 in one account, $4,500 essential + $1,500 other spending a month.
/// From today (2026-11-26) that lasts exactly 10.00 months, to 26 Sep 2027.
const SIMPLE: &str = r#"(
    version: 2,
    next_id: 10,
    runway: (
        accounts: [(id: 1, name: "Savings", balance: "60000", as_of: "2026-11-20")],
        expenses: [
            (id: 2, name: "Rent and food", monthly: "4500", essential: true),
            (id: 3, name: "Travel", monthly: "1500", essential: false),
        ],
    ),
)"#;

fn plan(app: &App) -> &careerbook::domain::runway::RunwayPlan {
    &app.session().workbook().runway
}

/// Moves the Inputs view's selection down until the selected row, or the
/// section heading right above it, holds `text`.
fn select(app: &mut App, text: &str) {
    press(app, "g");
    for _ in 0..80 {
        let screen = draw(app, 160, 60);
        let lines: Vec<&str> = screen.lines().collect();
        if let Some(at) = lines.iter().position(|l| l.trim_start().starts_with('▶'))
            && (lines[at].contains(text) || (at > 0 && lines[at - 1].contains(text)))
        {
            return;
        }
        press(app, "Down");
    }
    panic!("no row {text:?} in the inputs:\n{}", draw(app, 160, 60));
}

fn inputs(app: &mut App) {
    press(app, "3 Right Right");
    assert!(draw(app, 80, 24).contains("[Inputs]"));
}

fn status(app: &App) -> String {
    app.status().text().to_string()
}

// Snapshots --------------------------------------------------------------------

#[test]
fn chart_view_with_the_demo_at_80x24() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "3");
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn chart_view_with_the_demo_at_120x40() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "3");
    insta::assert_snapshot!(draw(&app, 120, 40));
}

#[test]
fn months_view_with_the_demo_at_80x24_and_120x40() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "3 Right");
    insta::assert_snapshot!("months_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("months_120x40", draw(&app, 120, 40));
}

#[test]
fn inputs_view_with_the_demo_at_80x24_and_120x40() {
    let (_dir, mut app) = demo_app();
    inputs(&mut app);
    select(&mut app, "Estimate: Amazon 2025");
    insta::assert_snapshot!("inputs_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("inputs_120x40", draw(&app, 120, 40));
}

#[test]
fn explain_view_with_the_demo_at_80x24_and_120x40() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "3 x");
    insta::assert_snapshot!("explain_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("explain_120x40", draw(&app, 120, 40));
}

#[test]
fn severance_estimator_form_at_80x24() {
    let (_dir, mut app) = demo_app();
    inputs(&mut app);
    select(&mut app, "Estimate: Amazon 2025");
    // How: Amazon 2025 → one left is Amazon 2022 voluntary, then Google, then Meta 2022.
    press(&mut app, "e Left Left Left Enter");
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn an_empty_workbook_asks_for_inputs_instead_of_inventing_a_runway() {
    let (_dir, mut app) = app_with(EMPTY);
    press(&mut app, "3");
    let screen = draw(&app, 80, 24);
    insta::assert_snapshot!(screen);
    assert!(screen.contains("No runway yet: add your cash accounts and your monthly"));
    assert!(!screen.contains("months —"), "no runway figure:\n{screen}");
    press(&mut app, "Right");
    assert!(draw(&app, 80, 24).contains("No months to show"));
}

// The headline and views --------------------------------------------------------------

#[test]
fn the_headline_gives_the_runway_the_zero_date_and_essentials_only() {
    // 60,000 ÷ 6,000 = 10.00 months from 26 Nov 2026 → runs out 26 Sep 2027.
    // Essentials: 60,000 ÷ 4,500 = 13.33…; 13 months leave $1,500, a third of month 14
    // (26 Dec 2027 – 25 Jan 2028, 31 days): ⌊0.333 × 31⌋ = 10 days → 5 Jan 2028.
    let (_dir, mut app) = app_with(SIMPLE);
    press(&mut app, "3");
    let screen = draw(&app, 120, 40);
    assert!(
        screen.contains(
            "Runway 10.00 months — money lasts until 26 Sep 2027 · essentials only 13.33 months"
        ),
        "{screen}"
    );
}

#[test]
fn what_if_trims_other_spending_without_saving() {
    // Cut 50%: 4,500 + 750 = 5,250 a month. 60,000 − 11 × 5,250 = 2,250 → 11 + 2,250 ÷ 5,250
    // = 11.43 months.
    let (dir, mut app) = app_with(SIMPLE);
    let before = std::fs::read(dir.path().join("workbook.ron")).expect("file");
    press(&mut app, "3 w | text:50% | Enter");
    let screen = draw(&app, 120, 40);
    assert!(
        screen.contains("What-if: Runway 11.43 months"),
        "the headline says it is a what-if:\n{screen}"
    );
    assert!(
        screen.contains("What-if, not saved: other spending cut by 50%, $1,500.00 → $750.00/month")
    );
    assert!(
        status(&app).contains("nothing was saved"),
        "{}",
        status(&app)
    );
    assert_eq!(plan(&app).expenses[1].monthly, dec!(1500));
    let after = std::fs::read(dir.path().join("workbook.ron")).expect("file");
    assert_eq!(before, after, "the what-if never touches the file");
    // 0 clears it.
    press(&mut app, "w Bksp Bksp Bksp | text:0 | Enter");
    assert!(draw(&app, 120, 40).contains("Runway 10.00 months"));
}

#[test]
fn the_new_job_key_shows_the_runway_with_it() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "3");
    let without = draw(&app, 200, 50);
    assert!(without.contains("Runway 22.52 months"), "{without}");
    assert!(without.contains("with it beyond 10 years · without it 22.52 months"));
    assert!(!without.contains("J New job starts"));
    press(&mut app, "n");
    let with = draw(&app, 200, 50);
    assert!(
        with.contains("With the new job: Money lasts beyond 10 years"),
        "{with}"
    );
    assert!(with.contains("J New job starts 1 Jun 2027"), "{with}");
}

#[test]
fn the_chart_marks_events_in_words_and_letters() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "3");
    let screen = draw(&app, 200, 50);
    for words in [
        "S Severance paid: $21,673.21 net 20 Feb 2027",
        "E Last benefit payment 17 Aug 2027",
        "C COBRA (single) ends 1 Sep 2028",
        "0 Money runs out 11 Oct 2028",
    ] {
        assert!(screen.contains(words), "missing {words:?}:\n{screen}");
    }
    let ruler = screen
        .lines()
        .find(|l| !l.trim().is_empty() && l.chars().all(|c| c == ' ' || "NSBECJ0".contains(c)))
        .unwrap_or_else(|| panic!("no ruler line:\n{screen}"));
    let at = |c: char| ruler.find(c).unwrap_or(usize::MAX);
    assert!(
        at('S') < at('E') && at('E') < at('C') && at('C') < at('0'),
        "letters in date order: {ruler:?}"
    );
}

#[test]
fn explain_lists_inputs_and_formulas() {
    let (_dir, mut app) = app_with(SIMPLE);
    press(&mut app, "3 x");
    let screen = draw(&app, 160, 40);
    assert!(screen.contains("Cash $60,000.00 (1 account"), "{screen}");
    assert!(screen.contains(
        "Runway = 10 full months + 0.00 of month 11 ($0.00 opening ÷ $6,000.00 net outflow) = 10.00 months"
    ));
    assert!(
        screen.contains(
            "Vest proceeds: on; with no last day on payroll set, the runway assumes you leave today"
        ),
        "{screen}"
    );
    press(&mut app, "x");
    assert!(draw(&app, 80, 24).contains("[Chart]"), "x again goes back");
}

#[test]
fn the_explanation_scrolls_by_entry_and_stops_at_the_last() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "3 x");
    assert!(draw(&app, 80, 24).contains("• Starts 26 Nov 2026"));
    press(&mut app, "Down");
    let screen = draw(&app, 80, 24);
    assert!(!screen.contains("• Starts 26 Nov 2026"), "{screen}");
    assert!(screen.contains("more above"));
    assert!(screen.contains("• Cash $66,900.00"));
    press(&mut app, "G Down Down");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("• New job from 1 Jun 2027: without it 22.52 months"),
        "the last entry stays in view:\n{screen}"
    );
    press(&mut app, "g");
    assert!(draw(&app, 80, 24).contains("• Starts 26 Nov 2026"));
}

#[test]
fn enter_on_a_month_shows_its_money_in_and_out() {
    let (_dir, mut app) = app_with(SIMPLE);
    press(&mut app, "3 Right Down Enter");
    let screen = draw(&app, 100, 30);
    assert!(screen.contains("Month 2 · 2026-12"), "{screen}");
    assert!(screen.contains("− $4,500.00 Essential spending"));
    // The sum wraps inside the popup.
    assert!(
        screen.contains("Closing = $54,000.00 opening + $0.00 income − $6,000.00 spending ="),
        "{screen}"
    );
    assert!(screen.contains("│ $48,000.00 "), "{screen}");
}

// Editing -----------------------------------------------------------------------

#[test]
fn adding_spending_saves_it_and_shortens_the_runway() {
    // 60,000 ÷ (6,000 + 1,500) = 8.00 months.
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    select(&mut app, "Travel");
    press(&mut app, "a | text:Childcare | Tab | text:1,500 | Enter");
    let added = &plan(&app).expenses[2];
    assert_eq!(
        (added.name.as_str(), added.monthly),
        ("Childcare", dec!(1500))
    );
    assert!(added.essential, "new spending is essential unless unticked");
    assert!(draw(&app, 120, 40).contains("Runway 8.00 months"));
    assert!(status(&app).contains("spending item added"));
    press(&mut app, "u");
    assert_eq!(plan(&app).expenses.len(), 2, "undo takes it back");
}

#[test]
fn a_negative_balance_is_refused_inline_and_nothing_is_saved() {
    let (dir, mut app) = app_with(SIMPLE);
    let before = std::fs::read(dir.path().join("workbook.ron")).expect("file");
    inputs(&mut app);
    select(&mut app, "Savings");
    press(&mut app, "a | text:Credit card | Tab | text:-1200 | Enter");
    let screen = draw(&app, 100, 30);
    assert!(
        screen.contains("cannot be negative; enter a debt as a one-off cost"),
        "{screen}"
    );
    assert_eq!(app.popup_count(), 1, "the form stays open");
    press(&mut app, "Esc y");
    assert_eq!(plan(&app).accounts.len(), 1);
    let after = std::fs::read(dir.path().join("workbook.ron")).expect("file");
    assert_eq!(before, after);
}

#[test]
fn an_income_ending_before_it_starts_is_refused_under_its_end_date() {
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    select(&mut app, "Other income");
    press(
        &mut app,
        "a | text:Freelance | Tab | text:2000 | Tab | Bksp Bksp Bksp Bksp Bksp Bksp Bksp Bksp Bksp Bksp | text:2027-03-01 | Tab | text:2027-02-01 | Enter",
    );
    let screen = draw(&app, 100, 30);
    assert!(screen.contains("Until (last day"), "{screen}");
    assert!(
        screen.contains("✗ the end date is before the start date"),
        "{screen}"
    );
    assert!(plan(&app).other_income.is_empty());
}

#[test]
fn deleting_asks_first_and_undo_restores() {
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    select(&mut app, "Travel");
    press(&mut app, "d");
    assert!(draw(&app, 100, 30).contains("Delete “Travel” ($1,500.00)?"));
    press(&mut app, "n");
    assert_eq!(plan(&app).expenses.len(), 2, "n keeps it");
    press(&mut app, "d y");
    assert_eq!(plan(&app).expenses.len(), 1);
    press(&mut app, "u");
    assert_eq!(plan(&app).expenses.len(), 2);
}

#[test]
fn the_severance_estimator_saves_the_template_and_shows_its_working() {
    // Meta 2022 with base $160,000, employed 2019-03-01 through 2025-03-14 → 6 years,
    // 16 + 2 × 6 = 28 weeks × $3,076.92 = $86,153.85 gross; × 0.7035 = $60,609.23 net.
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    select(&mut app, "Severance");
    // How: Entered → Generic → Meta 2022.
    press(
        &mut app,
        "e Right Right Enter | text:160000 | Tab | text:2019-03-01 | Tab | text:2025-03-14 | Tab | text:2025-03-31",
    );
    let form = draw(&app, 100, 40);
    assert!(
        form.contains("28 weeks · gross $86,153.85 · net $60,609.23 after 29.65%"),
        "the estimate shows as it is typed:\n{form}"
    );
    assert!(form.contains("Formula: 16 weeks + 2 × 6 years = 28 weeks × $3,076.92/week ="));
    press(&mut app, "Enter");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 100, 40));
    let plan = plan(&app);
    assert_eq!(
        plan.separation,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 14)
    );
    assert!(matches!(
        plan.severance,
        Some(Severance::Estimated {
            template: SeveranceTemplate::Meta2022,
            ..
        })
    ));
    assert!(status(&app).contains("28 weeks, $86,153.85 gross, $60,609.23 net"));
    let screen = draw(&app, 160, 60);
    assert!(
        screen.contains("Gross: 16 weeks + 2 × 6 years = 28 weeks"),
        "{screen}"
    );
}

#[test]
fn a_severance_template_with_missing_inputs_is_refused_inline() {
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    select(&mut app, "Severance");
    // Generic with a cap below the minimum.
    press(
        &mut app,
        "e Right Enter | text:160000 | Tab | text:2019-03-01 | Tab | text:2025-03-14 | Tab | text:2025-03-31 | Tab Tab Tab | Bksp | text:8 | Tab | Bksp Bksp | text:4 | Enter",
    );
    let screen = draw(&app, 100, 40);
    assert!(
        screen.contains("✗ the cap must be at least the minimum weeks"),
        "{screen}"
    );
    assert_eq!(plan(&app).severance, None);
    assert_eq!(
        plan(&app).separation,
        None,
        "nothing saved, not even the day"
    );
    // The form was filled in: Esc asks, y discards.
    press(&mut app, "Esc y");

    // Amazon 2025 without its weeks: the form asks for them.
    press(
        &mut app,
        "e Left Enter | text:160000 | Tab | text:2019-03-01 | Tab | text:2025-03-14 | Tab | text:2025-03-31 | Enter",
    );
    assert!(draw(&app, 100, 40).contains("✗ required"));
    assert_eq!(plan(&app).severance, None);
}

#[test]
fn an_offer_in_weeks_with_the_annual_base_saves_the_amount_it_comes_to() {
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    select(&mut app, "Severance");
    // A newcomer typed "16 weeks" into the gross and was refused, with no
    // field for the base: she worked out $58,461.54 herself.
    press(&mut app, "e Enter | text:16 weeks | Tab");
    let form = draw(&app, 100, 40);
    assert!(
        form.contains("An offer in weeks needs the annual base: the gross is 16"),
        "the preview asks for the base at once: {form}"
    );
    press(&mut app, "Tab | text:2027-02-20 | Enter");
    let form = draw(&app, 100, 40);
    assert!(
        form.contains("✗ an offer in weeks needs the annual base pay to become an amount"),
        "{form}"
    );
    assert_eq!(saved(&app).runway.severance, None);
    // The refusal put the cursor on the base.
    press(&mut app, "text:190k");
    let form = draw(&app, 100, 40);
    assert!(form.contains("16 weeks · gross $58,461.54"), "{form}");
    assert!(
        form.contains("Formula: 16 weeks × $190,000.00 a year ÷ 52 = $58,461.54"),
        "{form}"
    );
    press(&mut app, "Enter");
    // 16 × 190,000 = 3,040,000; ÷ 52 = 58,461.538… → $58,461.54 half-up;
    // net after 29.65%: 58,461.54 × 0.7035 = 41,127.69. The base is kept
    // with the weeks, so the working can be shown again.
    let expected = Severance::Entered {
        gross: dec!(58461.54),
        pay_date: chrono::NaiveDate::from_ymd_opt(2027, 2, 20).expect("date"),
        weeks: Some(dec!(16)),
        annual_base: Some(dec!(190000)),
    };
    assert_eq!(saved(&app).runway.severance, Some(expected.clone()));
    assert_eq!(
        status(&app),
        "severance set: 16 weeks, $58,461.54 gross, $41,127.69 net"
    );
    // The explanation gives the working, not "as entered".
    let screen = draw(&app, 120, 40);
    assert!(
        screen.contains("16 weeks × $190,000.00 a year ÷ 52 = $58,461.54"),
        "{screen}"
    );
    assert!(!screen.contains("as entered"), "{screen}");
    // Reopened, it reads back as it was given: the weeks and the base.
    press(&mut app, "e Enter");
    let form = draw(&app, 100, 40);
    assert!(form.contains("16 weeks"), "{form}");
    assert!(form.contains("190000"), "{form}");
    // Another offer in weeks, "20 wk", disagrees with 16 weeks typed below it.
    press(&mut app, "text:20 wk | Tab Tab Tab | text:16 | Enter");
    let form = draw(&app, 100, 40);
    assert!(
        form.contains("✗ the offer above is 20 weeks and this says 16: clear this one"),
        "{form}"
    );
    assert_eq!(saved(&app).runway.severance, Some(expected));
    // Cleared, the offer's own weeks are kept: 20 × 190,000 ÷ 52 = 73,076.923… → $73,076.92.
    press(&mut app, "C-u Enter");
    assert_eq!(
        saved(&app).runway.severance,
        Some(Severance::Entered {
            gross: dec!(73076.92),
            pay_date: chrono::NaiveDate::from_ymd_opt(2027, 2, 20).expect("date"),
            weeks: Some(dec!(20)),
            annual_base: Some(dec!(190000)),
        })
    );
}

#[test]
fn a_bare_number_in_the_offer_is_money_and_a_small_one_is_questioned() {
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    select(&mut app, "Severance");
    press(&mut app, "e Enter | text:16 | Tab");
    let form = draw(&app, 100, 40);
    assert!(
        form.contains("! $16.00 is a very small severance: for weeks of pay enter the"),
        "{form}"
    );
    // Saved anyway, and said in the status line as `careerbook severance` says it.
    press(&mut app, "Tab | text:2027-02-20 | Enter");
    assert!(
        status(&app).starts_with("! $16.00 is a very small severance: for weeks of pay enter the weeks (16 weeks) and the annual base · "),
        "{}",
        status(&app)
    );
}

#[test]
fn a_benefit_waiting_for_severance_needs_its_weeks() {
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    // The last day on payroll (the first row), then an entered severance without its weeks.
    press(&mut app, "e | text:2027-02-09 | Enter");
    select(&mut app, "Severance");
    press(
        &mut app,
        "e Enter | text:40000 | Tab Tab | text:2027-02-20 | Enter",
    );
    assert!(matches!(
        plan(&app).severance,
        Some(Severance::Entered { .. })
    ));
    select(&mut app, "Unemployment benefit");
    // The first payment comes prefilled two weeks after the last day.
    press(&mut app, "e | text:450 | Tab Tab Tab y Enter");
    let screen = draw(&app, 100, 40);
    assert!(
        screen.contains("✗ enter how many weeks of pay the severance covers"),
        "{screen}"
    );
    assert_eq!(plan(&app).benefit, None);
}

#[test]
fn cover_takes_a_kff_suggestion_when_the_premium_is_blank() {
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    select(&mut app, "Health cover");
    // Name COBRA, kind COBRA; suggestion → family; premium blank; 18 months; a start date.
    press(
        &mut app,
        "a Tab Tab Right Right Tab Tab Tab | text:2027-03-01 | Enter",
    );
    let cover = plan(&app).cover.first().cloned().unwrap_or_else(|| {
        panic!("cover not added:\n{}", draw(&app, 100, 40));
    });
    assert_eq!(cover.kind, CoverKind::Cobra);
    // 26,993 × 1.02 ÷ 12 = 2,294.405 → $2,294.41.
    assert_eq!(cover.monthly_premium, dec!(2294.41));
    assert_eq!(cover.months, 18);
}

#[test]
fn a_word_typed_on_opening_the_cover_form_is_its_kind_and_names_it() {
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    select(&mut app, "Health cover");
    // The newcomer typed "cobra" on opening the form: it replaced the name
    // COBRA in a Name field that came first. The kind comes first now.
    press(&mut app, "a");
    let form = draw(&app, 80, 24);
    assert!(form.contains("› Kind"), "{form}");
    press(
        &mut app,
        "text:marketplace | Tab Tab Tab | text:650 | Tab Tab | text:2027-03-01 | Enter",
    );
    let cover = saved(&app).runway.cover;
    assert_eq!(cover.len(), 1, "{}", draw(&app, 100, 40));
    assert_eq!(cover[0].kind, CoverKind::Marketplace);
    assert_eq!(cover[0].name, "Marketplace plan", "named after its kind");
    assert_eq!(cover[0].monthly_premium, dec!(650));
    // A name typed is the name.
    press(
        &mut app,
        "a | text:cobra | Tab | text:Aetna via COBRA | Tab Tab | text:700 | Tab Tab | text:2027-03-01 | Enter",
    );
    let cover = saved(&app).runway.cover;
    assert_eq!(cover.len(), 2, "{}", draw(&app, 100, 40));
    assert_eq!(cover[1].kind, CoverKind::Cobra);
    assert_eq!(cover[1].name, "Aetna via COBRA");
}

#[test]
fn cobra_longer_than_eighteen_months_is_refused_under_months() {
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    select(&mut app, "Health cover");
    press(
        &mut app,
        "a Tab Tab Tab | text:800 | Tab | Bksp Bksp | text:24 | Tab | text:2027-03-01 | Enter",
    );
    assert!(
        draw(&app, 100, 40).contains("✗ COBRA lasts at most 18 months"),
        "{}",
        draw(&app, 100, 40)
    );
    assert!(plan(&app).cover.is_empty());
}

#[test]
fn clearing_the_last_day_an_estimate_needs_is_explained_not_done() {
    let (_dir, mut app) = demo_app();
    inputs(&mut app);
    select(&mut app, "9 Feb 2027");
    press(&mut app, "d");
    let screen = draw(&app, 100, 30);
    assert!(
        screen.contains("cannot be cleared"),
        "an estimate needs the last day:\n{screen}"
    );
    press(&mut app, "Esc");
    assert!(plan(&app).separation.is_some());
}

#[test]
fn single_values_can_be_set_and_cleared() {
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    select(&mut app, "New job scenario");
    press(&mut app, "a | text:2027-03-01 | Tab | text:8000 | Enter");
    assert!(plan(&app).new_job.is_some());
    select(&mut app, "Net pay");
    press(&mut app, "d y");
    assert_eq!(plan(&app).new_job, None);
    select(&mut app, "Withholding");
    press(
        &mut app,
        "e Bksp Bksp Bksp Bksp Bksp Bksp | text:35% | Enter",
    );
    assert_eq!(plan(&app).withholding, dec!(0.35));
    select(&mut app, "Rate on severance");
    press(&mut app, "d y");
    assert_eq!(plan(&app).withholding, dec!(0.2965), "back to the default");
}

#[test]
fn the_vest_switch_is_saved_and_stays_honest() {
    let (_dir, mut app) = app_with(SIMPLE);
    inputs(&mut app);
    select(&mut app, "Count vest proceeds");
    let screen = draw(&app, 160, 60);
    assert!(
        screen.contains("with no last day on payroll set"),
        "{screen}"
    );
    press(&mut app, "v");
    assert!(!plan(&app).include_vest_proceeds);
    assert!(draw(&app, 160, 60).contains("Vest proceeds: off"));
}

#[test]
fn no_view_panics_at_any_size() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "3");
    for _ in 0..4 {
        for (w, h) in [
            (1, 1),
            (20, 5),
            (59, 15),
            (60, 16),
            (61, 17),
            (80, 24),
            (200, 60),
        ] {
            draw(&app, w, h);
        }
        press(&mut app, "Right");
    }
    press(&mut app, "w | text:10 | Enter Right Right e");
    for (w, h) in [(1, 1), (60, 16), (80, 24)] {
        draw(&app, w, h);
    }
}

// Warnings ----------------------------------------------------------------------

#[test]
fn moving_the_last_day_alone_warns_about_the_dates_it_leaves_behind() {
    // The demo's last day is 9 Feb 2027. Moved to 31 Mar 2027 it is saved, but paid
    // notice still ends 9 Feb, severance is paid 20 Feb, the benefit starts 23 Feb and
    // COBRA 1 Mar: four warnings, the first in the headline and all four under x.
    let (_dir, mut app) = demo_app();
    inputs(&mut app);
    assert!(!warned(&draw(&app, 80, 24)), "the demo is consistent");
    select(&mut app, "9 Feb 2027");
    press(
        &mut app,
        "e Bksp Bksp Bksp Bksp Bksp Bksp Bksp Bksp Bksp Bksp | text:2027-03-31 | Enter",
    );
    assert_eq!(
        plan(&app).separation,
        chrono::NaiveDate::from_ymd_opt(2027, 3, 31),
        "nothing is refused:\n{}",
        draw(&app, 100, 30)
    );
    let screen = draw(&app, 80, 24);
    let head: Vec<&str> = screen.lines().skip(1).take(7).map(str::trim).collect();
    assert!(
        head.contains(
            &"! paid notice ends 9 Feb 2027 but your last day on payroll is 31 Mar 2027: is"
        ),
        "{screen}"
    );
    assert!(
        head.contains(&"one of them out of date? · +3 more (x explains)"),
        "{screen}"
    );
    assert!(
        screen.contains("Runway "),
        "the runway is still shown:\n{screen}"
    );
    assert!(screen.contains("[Inputs]"), "{screen}");

    press(&mut app, "x");
    let explained = draw(&app, 160, 40);
    for words in [
        "! paid notice ends 9 Feb 2027 but your last day on payroll is 31 Mar 2027",
        "! severance is paid 20 Feb 2027, before your last day on payroll (31 Mar 2027)",
        "! unemployment benefit starts 23 Feb 2027, before your last day on payroll (31 Mar 2027)",
        "! COBRA (single) starts 1 Mar 2027, before your last day on payroll (31 Mar 2027)",
    ] {
        assert!(explained.contains(words), "missing {words:?}:\n{explained}");
    }

    // Putting the day back silences them.
    press(&mut app, "x Right Right");
    select(&mut app, "31 Mar 2027");
    press(
        &mut app,
        "e Bksp Bksp Bksp Bksp Bksp Bksp Bksp Bksp Bksp Bksp | text:2027-02-09 | Enter",
    );
    assert!(!warned(&draw(&app, 80, 24)), "{}", draw(&app, 80, 24));
}

/// Whether a drawn screen holds a warning line (one starting with `!`).
fn warned(screen: &str) -> bool {
    screen.lines().any(|l| l.trim_start().starts_with("! "))
}
