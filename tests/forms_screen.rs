//! Forms that save exactly what the person meant (issue 12). Each case of the
//! issue, typed as the person typed it into an empty workbook, checked by what
//! was SAVED: the workbook is read back from its file, not from the screen.

mod common;

use careerbook::domain::impact::Category;
use careerbook::domain::pipeline::{Relationship, Source, Stage, Track};
use careerbook::tui::app::App;
use careerbook::tui::screen::Tab;
use chrono::NaiveDate;
use common::{app_with, draw, press, saved, today};
use rust_decimal::Decimal;

const EMPTY: &str = "(version: 2, next_id: 1)";

/// One application at Applied since Nov 2, the edit form's case.
const APPLIED: &str = r#"(version: 2, next_id: 2, pipeline: (applications: [
    (id: 1, company: "Northwind", role: "Architect", stage: applied,
     history: [(stage: applied, date: "2026-11-02")]),
]))"#;

fn status(app: &App) -> String {
    app.status().text().to_string()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

// 1. Pick-lists ---------------------------------------------------------------

#[test]
fn linkedin_typed_into_the_source_saves_a_job_board() {
    let (_dir, mut app) = app_with(EMPTY);
    // Company, role, stage, since, track, then the source.
    press(
        &mut app,
        "5 a | text:Northwind | Tab | text:Architect | Tab Tab Tab Tab | text:LinkedIn",
    );
    assert!(draw(&app, 80, 24).contains("▸ Job board · linkedin"));
    press(&mut app, "Enter Enter");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let apps = saved(&app).pipeline.applications;
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0].source, Source::JobBoard, "not Internal");
}

#[test]
fn words_choose_the_lever_and_one_letter_never_does() {
    let (_dir, mut app) = app_with(EMPTY);
    press(
        &mut app,
        "2 a | text:Cut the AWS bill | Tab Tab | text:c | C-s",
    );
    assert_eq!(app.popup_count(), 1, "c fits several levers: not saved");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("fits 3 options"), "{screen}");
    assert!(saved(&app).impact.wins.is_empty());
    // More of the word picks it.
    press(&mut app, "text:ost | Tab | C-s");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    assert_eq!(saved(&app).impact.wins[0].category, Category::CostSavings);
}

#[test]
fn c_in_the_track_is_not_consulting() {
    let (_dir, mut app) = app_with(EMPTY);
    press(
        &mut app,
        "5 a | text:Acme | Tab | text:SA | Tab Tab Tab | text:c | Tab | C-s",
    );
    assert_eq!(
        app.popup_count(),
        1,
        "c fits cloud, consulting, cybersecurity"
    );
    assert!(saved(&app).pipeline.applications.is_empty());
    // The focus is back on the track: ↑/↓ and Enter take a match on purpose.
    press(&mut app, "Down Enter | C-s");
    let apps = saved(&app).pipeline.applications;
    assert_eq!(apps[0].track, Track::Consulting, "chosen, not jumped to");
}

#[test]
fn recruiter_saves_a_recruiter_and_r_from_peer_is_not_a_referral() {
    let (_dir, mut app) = app_with(EMPTY);
    press(&mut app, "5 v v a | text:Dana | Tab Tab | text:r | C-s");
    assert_eq!(app.popup_count(), 1);
    assert!(saved(&app).pipeline.contacts.is_empty(), "nothing saved");
    press(&mut app, "text:ecruiter | C-s");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let contacts = saved(&app).pipeline.contacts;
    assert_eq!(contacts[0].relationship, Relationship::Recruiter);
}

#[test]
fn a_on_the_applied_column_never_accepts_and_the_stage_starts_at_the_record_s_own() {
    let (_dir, mut app) = app_with(APPLIED);
    // The board opens on the Applied card; the edit form starts at its stage.
    press(&mut app, "5 e Tab Tab");
    assert!(draw(&app, 80, 24).contains("‹ Applied ›"));
    press(&mut app, "text:a | Tab | C-s");
    assert_eq!(app.popup_count(), 1, "a fits Applied and Accepted");
    let on_disk = saved(&app);
    let app1 = on_disk.pipeline.application(1).expect("#1");
    assert_eq!(app1.stage, Stage::Applied, "the card did not vanish");
    assert_eq!(app1.history.len(), 1, "no wrong step in the history");
    // The stage the person meant: the start of its word, taken with Enter.
    press(&mut app, "Esc | text:interv | Enter | C-s");
    let on_disk = saved(&app);
    let app1 = on_disk.pipeline.application(1).expect("#1");
    assert_eq!(app1.stage, Stage::Interviewing);
    assert_eq!(app1.history.last().map(|c| c.date), Some(today()));
}

#[test]
fn r_then_tab_keeps_applied_and_says_what_enter_would_take() {
    let (_dir, mut app) = app_with(APPLIED);
    // `r` fits only Rejected; leaving by Tab used to take it.
    press(&mut app, "5 e Tab Tab | text:r | Tab");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("Enter takes “Rejected”; keep typing for"),
        "{screen}"
    );
    press(&mut app, "C-s");
    assert_eq!(app.popup_count(), 1, "pending words are not saved");
    let on_disk = saved(&app);
    assert_eq!(
        on_disk.pipeline.application(1).expect("#1").stage,
        Stage::Applied
    );
    // Back on the stage, Enter takes the match on purpose.
    press(&mut app, "Enter C-s");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let on_disk = saved(&app);
    let app1 = on_disk.pipeline.application(1).expect("#1");
    assert_eq!(app1.stage, Stage::Rejected);
    assert_eq!(app1.history.len(), 2);
}

#[test]
fn a_whole_word_is_taken_on_leaving_the_field() {
    let (_dir, mut app) = app_with(APPLIED);
    press(&mut app, "5 e Tab Tab | text:screening | Tab | C-s");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let on_disk = saved(&app);
    assert_eq!(
        on_disk.pipeline.application(1).expect("#1").stage,
        Stage::Screening
    );
}

#[test]
fn a_new_application_starts_at_applied_whatever_column_the_cursor_is_on() {
    let (_dir, mut app) = app_with(APPLIED);
    press(&mut app, "5 l l l a Tab Tab");
    assert!(draw(&app, 80, 24).contains("‹ Applied ›"));
    press(&mut app, "BTab BTab");
    press(&mut app, "Esc");
    assert_eq!(app.popup_count(), 0, "an unchanged form closes at once");
}

// 2. Pre-filled fields --------------------------------------------------------

#[test]
fn typing_into_a_date_that_has_one_replaces_it() {
    let (_dir, mut app) = app_with(EMPTY);
    press(
        &mut app,
        "2 a | text:Shipped the migration | Tab | text:2026-11-20 | Enter",
    );
    assert_eq!(saved(&app).impact.wins[0].date, d(2026, 11, 20));
    // Editing it later: the date shown is replaced too, not appended to.
    press(&mut app, "e Tab | text:2026-11-19 | Enter");
    assert_eq!(saved(&app).impact.wins[0].date, d(2026, 11, 19));
}

#[test]
fn a_second_grant_s_ticker_is_replaced_not_doubled() {
    let (_dir, mut app) = app_with(EMPTY);
    press(
        &mut app,
        "4 a | text:New-hire | Tab | text:AMZN | Tab | text:100 | Enter",
    );
    press(
        &mut app,
        "a | text:Refresher | Tab | text:AMZN | Tab | text:50 | Enter",
    );
    let grants = saved(&app).vesting.grants;
    let tickers: Vec<&str> = grants.iter().map(|g| g.ticker.as_str()).collect();
    assert_eq!(tickers, ["AMZN", "AMZN"], "not AMZNAMZN");
}

// 3. Paste --------------------------------------------------------------------

#[test]
fn a_paste_with_a_newline_and_q_neither_saves_nor_quits() {
    let (_dir, mut app) = app_with(EMPTY);
    press(&mut app, "2 a");
    app.on_paste("Cut the build time in half\nq");
    assert!(!app.should_quit(), "the q was text");
    assert_eq!(app.popup_count(), 1, "the newline did not submit");
    assert!(
        saved(&app).impact.wins.is_empty(),
        "nothing saved by a paste"
    );
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Cut the build time in half q"), "{screen}");
    press(&mut app, "Enter");
    let wins = saved(&app).impact.wins;
    assert_eq!(wins[0].title, "Cut the build time in half q");
}

#[test]
fn a_paste_outside_a_form_is_ignored_and_switches_nothing() {
    let (_dir, mut app) = app_with(EMPTY);
    app.on_paste("2\nq\n");
    assert_eq!(app.tab(), Tab::Now);
    assert!(!app.should_quit());
    assert!(status(&app).contains("pasted text ignored"));
    // Into a filter being typed, it is the filter's text.
    press(&mut app, "2 /");
    app.on_paste("finops\n");
    assert!(draw(&app, 80, 24).contains("/finops"));
}

#[test]
fn a_pasted_paragraph_keeps_its_lines_in_a_note() {
    let (_dir, mut app) = app_with(EMPTY);
    press(&mut app, "5 v v a | text:Dana | Tab Tab Tab Tab Tab Tab");
    app.on_paste("Met at re:Invent.\r\nKnows the SRE lead.");
    press(&mut app, "C-s");
    let contacts = saved(&app).pipeline.contacts;
    assert_eq!(
        contacts[0].notes.as_deref(),
        Some("Met at re:Invent.\nKnows the SRE lead.")
    );
}

// 4. Enter in a note -------------------------------------------------------------

#[test]
fn in_a_note_enter_adds_a_line_and_the_footer_says_so() {
    let (_dir, mut app) = app_with(EMPTY);
    press(
        &mut app,
        "5 v v a | text:Dana | Tab Tab Tab Tab Tab Tab | text:met at re:Invent",
    );
    let screen = draw(&app, 80, 24);
    let footer = screen.lines().last().unwrap_or_default();
    assert!(footer.contains("Enter new line"), "{footer}");
    assert!(footer.contains("Ctrl-S save"), "{footer}");
    assert!(!footer.contains("Enter save"), "{footer}");
    assert!(
        screen.contains("Enter new line · Ctrl-S saves"),
        "the field agrees"
    );
    press(&mut app, "Enter | text:knows the SRE lead");
    assert!(
        saved(&app).pipeline.contacts.is_empty(),
        "Enter did not save"
    );
    press(&mut app, "C-s");
    let contacts = saved(&app).pipeline.contacts;
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].name, "Dana");
    assert_eq!(
        contacts[0].notes.as_deref(),
        Some("met at re:Invent\nknows the SRE lead")
    );
}

// 5. Esc, errors, long text, field kinds, plausibility ------------------------------

#[test]
fn esc_asks_before_discarding_what_was_typed() {
    let (dir, mut app) = app_with(EMPTY);
    let before = std::fs::read(dir.path().join("workbook.ron")).expect("file");
    press(&mut app, "2 a | text:Mentored two engineers | Esc");
    assert_eq!(app.popup_count(), 1, "asked, not closed");
    assert!(draw(&app, 80, 24).contains("Discard your changes? y discard · n Esc keep editing"));
    press(&mut app, "n | Tab | Enter");
    assert_eq!(
        saved(&app).impact.wins[0].title,
        "Mentored two engineers",
        "kept and saved"
    );
    press(&mut app, "a | text:Second | Esc y");
    assert_eq!(app.popup_count(), 0);
    assert_eq!(
        saved(&app).impact.wins.len(),
        1,
        "the discarded one is not saved"
    );
    assert_ne!(
        before,
        std::fs::read(dir.path().join("workbook.ron")).expect("file")
    );
}

#[test]
fn every_wrong_field_is_marked_at_once_and_nothing_is_saved() {
    let (_dir, mut app) = app_with(EMPTY);
    press(
        &mut app,
        "4 a | Tab | text:AMZN | Tab | text:$40k | Tab | text:2026-02-30 | Tab Tab | text:c | C-s",
    );
    let screen = draw(&app, 80, 24);
    insta::assert_snapshot!("form_with_several_errors_at_80x24", screen);
    assert!(screen.contains("✗ required"), "the name");
    assert!(screen.contains("looks like money"), "the shares");
    assert!(screen.contains("is not a real date"), "the grant date");
    assert!(saved(&app).vesting.grants.is_empty());
}

#[test]
fn a_pick_list_while_filtering_at_80x24() {
    let (_dir, mut app) = app_with(EMPTY);
    press(&mut app, "2 a | text:Cut the AWS bill | Tab Tab | text:c");
    insta::assert_snapshot!("pick_list_filtering_at_80x24", draw(&app, 80, 24));
}

#[test]
fn shares_refuse_money_and_save_the_count_typed() {
    let (_dir, mut app) = app_with(EMPTY);
    press(
        &mut app,
        "4 a | text:New-hire | Tab | text:AMZN | Tab | text:$40k | Enter",
    );
    assert!(draw(&app, 80, 24).contains("looks like money"));
    assert!(saved(&app).vesting.grants.is_empty(), "not 40,000 shares");
    press(&mut app, "text:180 | Enter");
    assert_eq!(saved(&app).vesting.grants[0].shares, Decimal::from(180));
}

#[test]
fn a_weeks_field_hints_weeks_and_refuses_money() {
    let (_dir, mut app) = app_with(EMPTY);
    // Runway inputs: the severance row, entered from the offer; then its weeks
    // (after the offer, the annual base and the pay date).
    press(&mut app, "3 Right Right j j j e Enter | Tab Tab Tab");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("e.g. 26 or 6.5"), "{screen}");
    assert!(
        !screen.contains("$40k"),
        "no money hint for weeks:\n{screen}"
    );
    press(&mut app, "text:$40k | Tab");
    assert!(draw(&app, 80, 24).contains("looks like money; enter the number of weeks"));
}

#[test]
fn a_benefit_above_every_state_maximum_is_saved_with_a_warning() {
    let (_dir, mut app) = app_with(EMPTY);
    // The benefit row of the Runway inputs.
    press(&mut app, "3 Right Right j j j j j j a | text:1.2M | Tab");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("! $1,200,000.00 a week is above every state's"),
        "{screen}"
    );
    press(&mut app, "Tab | text:2027-01-08 | Enter");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let benefit = saved(&app).runway.benefit.expect("saved");
    assert_eq!(benefit.weekly_amount, Decimal::from(1_200_000));
    assert!(
        status(&app).starts_with("! $1,200,000.00 a week is above every state's maximum"),
        "said when saved: {}",
        status(&app)
    );
}

#[test]
fn a_premium_ten_times_the_reference_is_saved_with_a_warning() {
    let (_dir, mut app) = app_with(EMPTY);
    // The health cover row: name, kind, suggestion, then the premium.
    press(
        &mut app,
        "3 Right Right j j j j j j j a | Tab Tab Tab | text:79263 | Tab Tab | text:2027-01-01 | Enter",
    );
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let cover = &saved(&app).runway.cover[0];
    assert_eq!(cover.monthly_premium, Decimal::from(79_263));
    assert!(
        status(&app).contains("10× or more the KFF single-coverage average"),
        "{}",
        status(&app)
    );
}

#[test]
fn long_text_scrolls_to_the_cursor_and_is_saved_whole() {
    let (_dir, mut app) = app_with(EMPTY);
    let title =
        "Consolidated three hundred EC2 clusters into forty, cutting the monthly bill by a third";
    press(&mut app, &format!("2 a | text:{title}"));
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("…") && screen.contains("bill by a third"),
        "{screen}"
    );
    press(&mut app, "Enter");
    assert_eq!(saved(&app).impact.wins[0].title, title);
}

#[test]
fn an_edit_keeps_what_its_form_does_not_show() {
    let (_dir, mut app) = app_with(APPLIED);
    // The stage history is not a field: a change of role keeps it whole.
    press(&mut app, "5 e Tab End | text: (platform) | Enter");
    let on_disk = saved(&app);
    let app1 = on_disk.pipeline.application(1).expect("#1");
    assert_eq!(app1.role, "Architect (platform)");
    assert_eq!(app1.history.len(), 1);
    assert_eq!(app1.history[0].date, d(2026, 11, 2));
    // Saving a form unchanged makes no edit.
    press(&mut app, "e Enter");
    assert_eq!(status(&app), "nothing changed");
}

/// Another careerbook changes the same application while its edit form is
/// open: the form saves only what it changed, from the application as it
/// opened it, so both changes are kept.
#[test]
fn an_edit_form_keeps_what_another_window_changed_meanwhile() {
    let (_dir, mut app) = app_with(APPLIED);
    press(&mut app, "5 e Tab End | text: (platform)");
    let paths = app.session().paths().clone();
    let mut other = careerbook::store::Session::open(paths, Default::default()).expect("open");
    let before = other
        .workbook()
        .pipeline
        .application(1)
        .expect("#1")
        .clone();
    let mut after = before.clone();
    after.next_action = Some("Send the deck".into());
    other
        .apply(careerbook::domain::edit::Edit::update(before, after))
        .expect("saved by the other window");
    press(&mut app, "Enter");
    let on_disk = saved(&app);
    let app1 = on_disk.pipeline.application(1).expect("#1");
    assert_eq!(app1.role, "Architect (platform)", "ours");
    assert_eq!(app1.next_action.as_deref(), Some("Send the deck"), "theirs");
    assert!(
        on_disk.conflicts.is_empty(),
        "different fields: no conflict"
    );
}

#[test]
fn an_offer_starting_more_than_a_year_ago_is_refused_as_the_command_refuses_it() {
    let (_dir, mut app) = app_with(EMPTY);
    // The Offers view; company, base, then the start date (12 fields on).
    press(
        &mut app,
        "5 v v v v a | text:Acme | Tab Tab Tab | text:150k | Tab Tab Tab Tab Tab Tab Tab Tab Tab \
         Tab Tab Tab | text:1901-01-01 | Enter",
    );
    let form = draw(&app, 80, 24);
    assert!(
        form.contains("✗ 1901-01-01 is more than a year ago: enter a start from")
            && form.contains("2025-11-26 (a year before today) to 2200-12-31"),
        "{form}"
    );
    assert!(saved(&app).pipeline.offers.is_empty());
    // A year ago to the day is taken (today is 2026-11-26).
    press(&mut app, "C-u | text:2025-11-26 | Enter");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let offers = saved(&app).pipeline.offers;
    assert_eq!(
        offers[0].start,
        chrono::NaiveDate::from_ymd_opt(2025, 11, 26).expect("date")
    );
}

// Fields left alone ----------------------------------------------------------

/// A win as a command or a hand edit may store it: a tab and a CRLF in the
/// notes, an ESC, spaces around the title and link.
const STORED_AS_IS: &str = r#"(version: 2, next_id: 2, impact: (wins: [
    (id: 1, date: "2026-11-10", title: " Cut the log bill ", category: cost_savings,
     notes: Some("Said hi\tthen\r\nemailed \u{1b}[31m"), tags: ["finops"], link: Some(" https://wiki.example/x ")),
]))"#;

#[test]
fn editing_one_field_leaves_every_other_as_stored() {
    let (_dir, mut app) = app_with(STORED_AS_IS);
    let before = saved(&app).impact.wins[0].clone();
    // Only the lever changes: the title, notes and link stay byte for byte.
    press(&mut app, "2 e Tab Tab | text:revenue | C-s");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let after = saved(&app).impact.wins[0].clone();
    assert_eq!(after.category, Category::Revenue);
    assert_eq!(after.title, before.title);
    assert_eq!(after.notes, before.notes);
    assert_eq!(after.link, before.link);
    assert_eq!(after.date, before.date);
    // A field that is changed is read as typed, trimmed as ever.
    press(&mut app, "2 e C-u | text:Cut the log bill by 40% | C-s");
    let after = saved(&app).impact.wins[0].clone();
    assert_eq!(after.title, "Cut the log bill by 40%");
    assert_eq!(after.notes, before.notes);
}

// Fields left alone, attacked ------------------------------------------------
//
// Each record below holds values as a hand edit, a command or an older
// careerbook may store them; one other field is changed in its form, and
// the saved file must hold every other value exactly as it was.

/// An offer and the current job with a bonus of more digits than the form
/// shows (12.345% shows as 12.35%).
const PRECISE_BONUS: &str = r#"(version: 2, next_id: 2, pipeline: (
    offers: [(id: 1, company: "Brightline", role: Some("Lead"), base: "196000",
              bonus: Some(percent("0.12345")), start: "2027-02-15")],
    current_job: Some((base: "178000", bonus: Some(percent("0.15555")))),
))"#;

#[test]
fn an_offers_bonus_of_many_digits_stays_when_only_its_role_changes() {
    let (_dir, mut app) = app_with(PRECISE_BONUS);
    press(&mut app, "5 v v v v");
    press(&mut app, "e | Tab | C-u | text:Practice lead | Enter");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 100, 40));
    let offer = saved(&app).pipeline.offers[0].clone();
    assert_eq!(offer.role.as_deref(), Some("Practice lead"));
    assert_eq!(
        offer.bonus,
        Some(careerbook::domain::offers::TargetBonus::Percent(
            rust_decimal_macros::dec!(0.12345)
        )),
        "the bonus was not touched"
    );
}

#[test]
fn the_current_jobs_bonus_of_many_digits_stays_when_only_its_base_changes() {
    let (_dir, mut app) = app_with(PRECISE_BONUS);
    press(&mut app, "5 v v v v");
    press(&mut app, "c | text:180000 | Enter");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 100, 40));
    let job = saved(&app).pipeline.current_job.expect("a current job");
    assert_eq!(job.base, rust_decimal_macros::dec!(180000));
    assert_eq!(
        job.bonus,
        Some(careerbook::domain::offers::TargetBonus::Percent(
            rust_decimal_macros::dec!(0.15555)
        )),
        "the bonus was not touched"
    );
}

/// A win as a hand edit may leave it: a result written with spaces around.
const HAND_MEASURED: &str = r#"(version: 2, next_id: 2, impact: (wins: [
    (id: 1, date: "2026-11-10", title: "Cut the log bill", category: cost_savings,
     metric: Some((text: " 30% ", value: "30", unit: "%"))),
]))"#;

#[test]
fn a_wins_hand_written_result_stays_when_only_its_lever_changes() {
    let (_dir, mut app) = app_with(HAND_MEASURED);
    let before = saved(&app).impact.wins[0].clone();
    press(&mut app, "2 e Tab Tab | text:revenue | C-s");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let after = saved(&app).impact.wins[0].clone();
    assert_eq!(after.category, Category::Revenue);
    assert_eq!(after.metric, before.metric, "the result was not touched");
}

/// A note ending in a line break, and one holding a tab.
const NOTE_WITH_BREAK: &str = r#"(version: 2, next_id: 2, impact: (wins: [
    (id: 1, date: "2026-11-10", title: "Cut the log bill", category: cost_savings,
     notes: Some("Said hi\tthen\nemailed\n")),
]))"#;

#[test]
fn a_note_opened_in_the_editor_and_closed_unchanged_stays_as_stored() {
    let (_dir, mut app) = app_with(NOTE_WITH_BREAK);
    let before = saved(&app).impact.wins[0].clone();
    // The notes are the last field: BTab from the title reaches them.
    press(&mut app, "2 e BTab C-e");
    let text = app
        .take_editor_request()
        .expect("the note goes to the editor");
    // vi writes the file back as it read it: the text and its last line break.
    app.editor_returned(Ok(format!("{text}\n")));
    // Then the title is changed, and the form saved.
    press(&mut app, "Tab | C-u | text:Cut the log bill by 40% | C-s");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 80, 24));
    let after = saved(&app).impact.wins[0].clone();
    assert_eq!(after.title, "Cut the log bill by 40%");
    assert_eq!(
        after.notes, before.notes,
        "the note was not changed in the editor"
    );
}

/// A severance entered by hand to the hundredth of a cent, and its weeks
/// to the thousandth.
const PRECISE_SEVERANCE: &str = r#"(version: 2, next_id: 1, runway: (
    separation: Some("2027-02-09"),
    severance: Some(entered(gross: "58461.5432", pay_date: "2027-02-20", weeks: Some("16.123"))),
))"#;

#[test]
fn a_severance_of_many_digits_stays_when_only_its_pay_date_changes() {
    let (_dir, mut app) = app_with(PRECISE_SEVERANCE);
    let before = saved(&app).runway.severance.expect("a severance");
    // Inputs: the last day, no accounts, no spending, then the severance.
    press(&mut app, "3 Right Right Down Down Down e Enter");
    assert!(draw(&app, 100, 40).contains("Severance from your offer"));
    // The offer, the annual base, then the pay date.
    press(&mut app, "Tab Tab | C-u | text:2027-02-27 | Enter");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 100, 40));
    let after = saved(&app).runway.severance.expect("a severance");
    use careerbook::domain::runway::Severance;
    let (
        Severance::Entered {
            gross: was,
            weeks: weeks_was,
            ..
        },
        Severance::Entered {
            gross,
            weeks,
            pay_date,
            ..
        },
    ) = (&before, &after)
    else {
        panic!("entered severances: {after:?}");
    };
    assert_eq!(*pay_date, d(2027, 2, 27));
    assert_eq!(gross, was, "the amount was not touched");
    assert_eq!(weeks, weeks_was, "the weeks were not touched");
}

/// An application naming a contact and a win deleted since (a sync can
/// bring such a link), and a grant whose ticker was written in lower case.
const DANGLING_LINKS: &str = r#"(version: 2, next_id: 100, pipeline: (applications: [
    (id: 1, company: "Northwind", role: "Architect", stage: applied,
     history: [(stage: applied, date: "2026-11-02")], contacts: [98], stories: [99]),
]), vesting: (grants: [
    (id: 2, name: "New-hire RSU", ticker: "amzn", shares: "180", grant_date: "2024-09-16",
     vest_start: "2024-09-16", schedule: amazon, rounding: half_up),
]))"#;

#[test]
fn links_to_records_deleted_since_are_named_under_their_field_and_can_be_cleared() {
    let (_dir, mut app) = app_with(DANGLING_LINKS);
    press(&mut app, "5 e Tab | C-u | text:Principal | Enter");
    // Not saved, and the person is told which fields and why.
    let form = draw(&app, 100, 40);
    assert!(form.contains("✗ there is no contact #98"), "{form}");
    assert!(form.contains("✗ there is no win #99"), "{form}");
    assert_eq!(saved(&app).pipeline.applications[0].role, "Architect");
    // The focus is on the first: both cleared, the role typed is saved.
    press(&mut app, "C-u Tab C-u Enter");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 100, 40));
    let saved_app = saved(&app).pipeline.applications[0].clone();
    assert_eq!(saved_app.role, "Principal");
    assert!(saved_app.contacts.is_empty() && saved_app.stories.is_empty());
}

#[test]
fn a_grants_ticker_stays_as_written_when_only_its_name_changes() {
    let (_dir, mut app) = app_with(DANGLING_LINKS);
    press(&mut app, "4 Right e | C-u | text:Sign-on RSU | Enter");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 100, 40));
    let grant = saved(&app).vesting.grants[0].clone();
    assert_eq!(grant.name, "Sign-on RSU");
    assert_eq!(grant.ticker, "amzn", "the ticker was not touched");
}

/// An application with every optional field filled.
const FILLED: &str = r#"(version: 2, next_id: 2, pipeline: (applications: [
    (id: 1, company: "Northwind", role: "Architect", stage: applied,
     history: [(stage: applied, date: "2026-11-02")], link: Some("https://northwind.example/job"),
     location: Some("Remote"), salary: Some((min: Some("195000.125"), max: Some("215000"), note: Some("per year"))),
     next_action: Some("Send the deck"), follow_up: Some("2026-12-01"), notes: Some("Met at re:Invent")),
], current_job: Some((base: "178000", bonus: Some(percent("0.15555"))))))"#;

#[test]
fn an_optional_field_cleared_is_saved_blank_whatever_it_held() {
    let (_dir, mut app) = app_with(FILLED);
    // Link, location, salary from, next action, follow-up and notes cleared;
    // salary to and its note left as they are.
    press(
        &mut app,
        "5 e Tab Tab Tab Tab Tab C-u Tab C-u Tab C-u Tab Tab Tab C-u Tab C-u Tab Tab Tab C-u C-s",
    );
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 100, 40));
    let saved_app = saved(&app).pipeline.applications[0].clone();
    assert_eq!(saved_app.link, None);
    assert_eq!(saved_app.location, None);
    assert_eq!(saved_app.next_action, None);
    assert_eq!(saved_app.follow_up, None);
    assert_eq!(saved_app.notes, None);
    let salary = saved_app.salary.expect("the rest of the range stays");
    assert_eq!(salary.min, None);
    assert_eq!(salary.max, Some(Decimal::from(215000)));
    assert_eq!(salary.note.as_deref(), Some("per year"));
    // A bonus of many digits cleared is gone, not kept.
    press(&mut app, "v v v v c Tab C-u Enter");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 100, 40));
    let job = saved(&app).pipeline.current_job.expect("a current job");
    assert_eq!((job.base, job.bonus), (Decimal::from(178000), None));
}

#[test]
fn a_value_retyped_as_it_was_shown_or_typed_anew_is_saved_as_meant() {
    let (_dir, mut app) = app_with(PRECISE_BONUS);
    press(&mut app, "5 v v v v");
    // 12.345% shows as 12.35%: typed back as shown, it stays as stored ...
    press(&mut app, "e Tab Tab Tab Tab C-u | text:12.35% | Enter");
    assert_eq!(app.popup_count(), 0, "{}", draw(&app, 100, 40));
    let bonus = |app: &App| saved(app).pipeline.offers[0].bonus;
    use careerbook::domain::offers::TargetBonus;
    use rust_decimal_macros::dec;
    assert_eq!(bonus(&app), Some(TargetBonus::Percent(dec!(0.12345))));
    // ... and any other text is read as typed.
    press(&mut app, "e Tab Tab Tab Tab C-u | text:12.3% | Enter");
    assert_eq!(bonus(&app), Some(TargetBonus::Percent(dec!(0.123))));
}
