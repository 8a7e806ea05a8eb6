//! The Impact tab, driven with keys as a person would.

mod common;

use common::{app_with, demo_app, draw, press};

const OLD_WINS: &str = r#"(version: 2, next_id: 3, impact: (wins: [
    (id: 1, date: "2026-11-10", title: "Cut the log bill", category: cost_savings,
     metric: Some((text: "$9k/mo", value: "9000", unit: "$/mo", baseline: None))),
    (id: 2, date: "2026-11-03", title: "Ran the security review", category: risk_reduction),
]))"#;

fn wins_on_disk(app: &careerbook::tui::app::App) -> Vec<String> {
    let paths = app.session().paths().clone();
    let session = careerbook::store::Session::open(paths, Default::default()).expect("reopen");
    session
        .workbook()
        .impact
        .wins
        .iter()
        .map(|w| w.title.clone())
        .collect()
}

#[test]
fn impact_at_80x24() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "2");
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn impact_at_120x40() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "2 j j");
    insta::assert_snapshot!(draw(&app, 120, 40));
}

#[test]
fn add_form_at_80x24() {
    let (_dir, mut app) = demo_app();
    press(
        &mut app,
        "2 a | text:Cut EC2 spend | Tab Tab Tab | text:$40k/yr",
    );
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn logging_a_win_through_the_form_saves_it_and_selects_it() {
    let (_dir, mut app) = app_with(OLD_WINS);
    press(
        &mut app,
        "2 a | text:Consolidated EC2 clusters | Tab Tab | text:retention | Tab | text:$40k/yr | Tab | text:finops, Infra | Enter",
    );
    assert_eq!(
        app.popup_count(),
        0,
        "the form closed:\n{}",
        draw(&app, 80, 24)
    );
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("✓ win logged · saved"), "{screen}");
    assert!(
        screen.contains("▶ 2026-11-26 Retention  $40k/yr"),
        "the new win is selected:\n{screen}"
    );
    assert_eq!(
        wins_on_disk(&app),
        [
            "Cut the log bill",
            "Ran the security review",
            "Consolidated EC2 clusters"
        ]
    );
}

#[test]
fn a_bad_value_keeps_the_form_open_with_the_error_under_its_field() {
    let (_dir, mut app) = app_with(OLD_WINS);
    press(
        &mut app,
        "2 a | text:Something | Tab Tab Tab | text:lots | Enter",
    );
    assert_eq!(app.popup_count(), 1, "the form stays open");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("✗ a measured result needs a number"),
        "{screen}"
    );
    press(&mut app, "Esc");
    assert_eq!(app.popup_count(), 1, "Esc on a filled form asks first");
    press(&mut app, "y");
    assert_eq!(app.popup_count(), 0);
    assert_eq!(wins_on_disk(&app).len(), 2, "discarding changed nothing");
}

#[test]
fn editing_keeps_the_id_and_changes_the_fields() {
    let (_dir, mut app) = app_with(OLD_WINS);
    press(&mut app, "2 e");
    for _ in 0.."Cut the log bill".len() {
        press(&mut app, "Bksp");
    }
    press(&mut app, "text:Cut the logging bill | Enter");
    let session =
        careerbook::store::Session::open(app.session().paths().clone(), Default::default())
            .expect("reopen");
    let win = &session.workbook().impact.wins[0];
    assert_eq!((win.id, win.title.as_str()), (1, "Cut the logging bill"));
    assert_eq!(
        win.metric.as_ref().map(|m| m.text.as_str()),
        Some("$9k/mo"),
        "untouched fields are kept"
    );
}

#[test]
fn delete_asks_first_and_undo_brings_it_back() {
    let (_dir, mut app) = app_with(OLD_WINS);
    press(&mut app, "2 d");
    assert!(draw(&app, 80, 24).contains("Delete “Cut the log bill”?"));
    press(&mut app, "n");
    assert_eq!(wins_on_disk(&app).len(), 2, "n keeps it");
    press(&mut app, "d y");
    assert_eq!(wins_on_disk(&app), ["Ran the security review"]);
    press(&mut app, "u");
    assert_eq!(
        wins_on_disk(&app),
        ["Cut the log bill", "Ran the security review"]
    );
}

#[test]
fn filter_narrows_the_list_as_you_type_and_esc_clears_it() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "2 / | text:finops");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("/finops▏  4 of 22"), "{screen}");
    assert!(!screen.contains("Mentored two new"), "{screen}");
    press(&mut app, "Esc");
    assert!(draw(&app, 120, 40).contains("Mentored two new"));
    // A filter kept with Enter: the footer says Esc clears it, and it does.
    press(&mut app, "/ | text:finops | Enter");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("/finops  4 of 22"), "{screen}");
    assert!(screen.contains("Esc clear filter"), "{screen}");
    press(&mut app, "Esc");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("Mentored two new"), "{screen}");
    assert!(!screen.contains("Esc clear filter"), "{screen}");
}

#[test]
fn the_nudge_shows_when_nothing_is_logged_this_week() {
    let (_dir, mut app) = app_with(OLD_WINS);
    press(&mut app, "2");
    let screen = draw(&app, 80, 24);
    assert!(
        screen
            .contains("Streak 0 weeks · ! no win logged this week yet · ! 2 levers without a win"),
        "{screen}"
    );
    assert!(
        screen
            .contains("50% of wins measured · Revenue 0 · Retention 0 · Cost 1 · Risk 1 · Other 0"),
        "{screen}"
    );
}

#[test]
fn export_writes_the_shown_wins_as_a_brag_document() {
    let (_data, mut app) = demo_app();
    let out = tempfile::tempdir().expect("export directory");
    let target = out.path().join("brag.md");
    press(&mut app, "2 / | text:finops | Enter x");
    // Replace the suggested file name with a path in the temporary directory.
    for _ in 0..40 {
        press(&mut app, "Bksp");
    }
    press(&mut app, &format!("text:{} | Enter", target.display()));
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("exported 4 wins to"), "{screen}");
    let text = std::fs::read_to_string(&target).expect("exported file");
    assert!(text.starts_with("# Impact"));
    assert_eq!(
        text.matches("\n- **").count(),
        4,
        "one bullet per win shown, each leading with its result:\n{text}"
    );
    // A second export to the same name is refused unless replacing is chosen.
    press(&mut app, "x");
    for _ in 0..40 {
        press(&mut app, "Bksp");
    }
    press(&mut app, &format!("text:{} | Enter", target.display()));
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("already exists"), "{screen}");
}

#[test]
fn export_never_writes_over_the_workbook() {
    let (_data, mut app) = demo_app();
    let workbook = app.session().paths().workbook.clone();
    let before = std::fs::read(&workbook).expect("read workbook");
    press(&mut app, "2 x C-u");
    press(
        &mut app,
        &format!("text:{} | Tab y Enter", workbook.display()),
    );
    assert_eq!(app.popup_count(), 1, "the form stays open with the error");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("own data directory"), "{screen}");
    assert_eq!(std::fs::read(&workbook).expect("read workbook"), before);
}

/// Sorting formats rows from the wins themselves: by date either way, by
/// result as numbers, and without week headings while sorted.
#[test]
fn sorting_the_wins_orders_them_by_the_column_and_drops_the_headings() {
    let (_dir, mut app) = demo_app();
    let dates = |app: &careerbook::tui::app::App| -> Vec<String> {
        draw(app, 120, 40)
            .lines()
            .filter_map(|l| {
                let cells = l.get(3..13)?;
                cells.starts_with("20").then(|| cells.to_string())
            })
            .collect()
    };
    press(&mut app, "2");
    assert!(draw(&app, 120, 40).contains("Week 48"));
    let newest_first = dates(&app);
    press(&mut app, "s");
    let screen = draw(&app, 120, 40);
    assert!(
        !screen.contains("Week 48"),
        "no headings while sorted:\n{screen}"
    );
    let ascending = dates(&app);
    assert!(ascending.windows(2).all(|w| w[0] <= w[1]), "{ascending:?}");
    assert!(ascending[0] < newest_first[0]);
    press(&mut app, "s");
    let descending = dates(&app);
    assert!(
        descending.windows(2).all(|w| w[0] >= w[1]),
        "{descending:?}"
    );
    assert_eq!(descending[0], newest_first[0]);
}

#[test]
fn sorting_by_lever_follows_the_names_shown() {
    let (_dir, mut app) = demo_app();
    // Date up, date down, then the lever column.
    press(&mut app, "2 s s s");
    let screen = draw(&app, 120, 40);
    let levers: Vec<String> = screen
        .lines()
        .filter(|l| l.get(3..5) == Some("20"))
        .filter_map(|l| l.get(14..24).map(|c| c.trim().to_string()))
        .collect();
    assert!(levers.len() > 5, "{screen}");
    assert!(levers.windows(2).all(|w| w[0] <= w[1]), "{levers:?}");
}
