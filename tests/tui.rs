//! The TUI shell: tabs, keys, help, popups, sizes. Screens have their own tests.

mod common;

use careerbook::tui::keymap::{self, Keymap, Scope};
use careerbook::tui::screen::Tab;
use common::{app_with, demo_app, draw, key, press};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

const EMPTY: &str = "(version: 2, next_id: 1)";

#[test]
fn number_keys_and_tab_switch_tabs_in_order() {
    let (_dir, mut app) = app_with(EMPTY);
    assert_eq!(app.tab(), Tab::Now);
    press(&mut app, "3");
    assert_eq!(app.tab(), Tab::Runway);
    press(&mut app, "Tab Tab Tab");
    assert_eq!(app.tab(), Tab::Now, "Tab wraps after the fifth tab");
    press(&mut app, "BTab");
    assert_eq!(app.tab(), Tab::Pipeline);
    let screen = draw(&app, 80, 24);
    let first = screen.lines().next().unwrap_or_default();
    let order: Vec<usize> = ["1 Now", "2 Impact", "3 Runway", "4 Vesting", "5 Pipeline"]
        .iter()
        .map(|t| {
            first
                .find(t)
                .unwrap_or_else(|| panic!("tab {t} missing from {first:?}"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "tabs are in order: {first}"
    );
}

#[test]
fn q_quits_at_top_level_and_ctrl_c_quits_from_a_popup() {
    let (_dir, mut app) = app_with(EMPTY);
    press(&mut app, "?");
    assert_eq!(app.popup_count(), 1);
    press(&mut app, "Esc");
    assert_eq!(app.popup_count(), 0, "Esc closes the top popup");
    press(&mut app, "q");
    assert!(app.should_quit());

    let (_dir, mut app) = app_with(EMPTY);
    press(&mut app, "?");
    app.on_key(key("C-c"));
    assert!(app.should_quit(), "Ctrl-C always quits");
}

#[test]
fn key_releases_are_ignored() {
    let (_dir, mut app) = app_with(EMPTY);
    let release = KeyEvent {
        code: KeyCode::Char('3'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    };
    app.on_key(release);
    assert_eq!(app.tab(), Tab::Now);
}

#[test]
fn help_lists_the_screen_keys_and_the_global_keys() {
    let (_dir, mut app) = app_with(EMPTY);
    press(&mut app, "?");
    // The Now tab's keys and the global ones fill more than 40 rows: what
    // the help shows as it scrolls to its end.
    let mut screen = draw(&app, 120, 40);
    for _ in 0..5 {
        press(&mut app, "Down");
        screen.push_str(&draw(&app, 120, 40));
    }
    assert!(screen.contains("export the calendar (.ics)"), "{screen}");
    for bound in Keymap::default().bindings(Scope::Global) {
        assert!(
            screen.contains(bound.binding.help),
            "help lacks {:?}:\n{screen}",
            bound.binding.help
        );
    }
}

#[test]
fn footer_shows_the_keys_that_matter_from_the_table() {
    let (_dir, app) = app_with(EMPTY);
    let screen = draw(&app, 120, 40);
    let footer = screen.lines().last().unwrap_or_default();
    for (key, word) in Keymap::default().footer_hints(&[Scope::Global], |_| true) {
        assert!(
            footer.contains(&format!("{key} {word}")),
            "footer lacks {key} {word}: {footer:?}"
        );
    }
}

#[test]
fn too_small_a_terminal_says_what_it_needs() {
    let (_dir, app) = app_with(EMPTY);
    let screen = draw(&app, 40, 10);
    assert!(
        screen.contains("terminal too small (needs 60×16"),
        "{screen}"
    );
}

#[test]
fn every_tab_and_popup_draws_at_every_small_size_without_panic() {
    let (_dir, mut app) = demo_app();
    for tab in 1..=5 {
        press(&mut app, &tab.to_string());
        for popup in ["", "?"] {
            press(&mut app, popup);
            for width in 1..=20 {
                for height in 1..=6 {
                    draw(&app, width, height);
                }
            }
            // And the smallest size that shows the real layout.
            draw(&app, 60, 16);
            if !popup.is_empty() {
                press(&mut app, "Esc");
            }
        }
    }
}

#[test]
fn shell_at_80x24() {
    let (_dir, app) = demo_app();
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn shell_at_120x40() {
    let (_dir, app) = demo_app();
    insta::assert_snapshot!(draw(&app, 120, 40));
}

#[test]
fn help_at_80x24() {
    let (_dir, mut app) = demo_app();
    press(&mut app, "?");
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn every_footer_fits_at_80_columns_and_keeps_help() {
    let (_dir, mut app) = demo_app();
    for tab in 1..=5 {
        press(&mut app, &tab.to_string());
        for _view in 0..5 {
            let screen = draw(&app, 80, 24);
            let footer = screen.lines().last().unwrap_or_default();
            assert!(footer.contains("? help"), "tab {tab}: {footer:?}");
            let words: Vec<(String, &str)> =
                Keymap::default().footer_hints(&[Scope::Global], |_| true);
            assert!(!words.is_empty());
            // No hint is cut in half: the footer ends with a whole word of a hint.
            let last = footer.split("  ").last().unwrap_or_default();
            assert!(
                keymap::KEYS
                    .iter()
                    .any(|b| b.footer.is_some_and(|w| last.ends_with(w))),
                "tab {tab}: footer ends mid-hint: {footer:?}"
            );
            press(&mut app, "Right");
        }
    }
}

#[test]
fn an_edit_refused_outside_a_form_is_said_not_dropped() {
    // A hand edit left Helix Media naming a contact that does not exist, so
    // moving its card is refused by the domain: the user must be told.
    let demo = careerbook::store::demo::DEMO_RON;
    let helix = demo
        .find("company: \"Helix Media\"")
        .expect("Helix in the demo");
    let line_end = helix + demo[helix..].find('\n').expect("end of line");
    let line = &demo[helix..line_end];
    let broken = format!(
        "{}{}{}",
        &demo[..helix],
        line.replace("contacts: [46]", "contacts: [999]"),
        &demo[line_end..]
    );
    let (_dir, mut app) = app_with(&broken);
    press(&mut app, "5 >");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Not changed"), "{screen}");
    assert!(screen.contains("contact #999"), "{screen}");
}

#[test]
fn the_not_saved_warning_stays_until_a_save_works() {
    let (_dir, mut app) = demo_app();
    let workbook = app.session().paths().workbook.clone();
    std::fs::remove_file(&workbook).expect("remove");
    std::fs::create_dir(&workbook).expect("block the workbook path");
    press(&mut app, "2 a | text:Kept in memory | Enter");
    assert!(draw(&app, 80, 24).contains("NOT SAVED"));
    // A later note in the status line must not hide the warning.
    press(&mut app, "5 X");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("✗ NOT SAVED: 1 edit only in memory; Ctrl-S retries"),
        "{screen}"
    );
    std::fs::remove_dir(&workbook).expect("unblock");
    press(&mut app, "C-s");
    let screen = draw(&app, 80, 24);
    assert!(!screen.contains("NOT SAVED"), "{screen}");
}

#[test]
fn conflicts_show_in_the_tab_bar_and_are_picked_in_their_list() {
    let (_dir, mut app) = app_with(include_str!("fixtures/workbook-v2.ron"));
    let screen = draw(&app, 80, 24);
    assert!(
        screen
            .lines()
            .next()
            .unwrap_or_default()
            .contains("⚠ 1 conflict (!)"),
        "{screen}"
    );
    press(&mut app, "!");
    let screen = draw(&app, 80, 24);
    insta::assert_snapshot!("conflicts_at_80x24", screen);
    press(&mut app, "s");
    assert_eq!(app.popup_count(), 0, "the list closes when none is left");
    let wb = app.session().workbook();
    assert!(wb.conflicts.is_empty());
    assert_eq!(
        wb.impact.wins[0].title,
        "Moved media analytics off Kafka: $18k/yr saved"
    );
    // Undo brings the conflict back, with theirs in place again.
    press(&mut app, "u");
    let wb = app.session().workbook();
    assert_eq!(wb.conflicts.len(), 1);
    assert_ne!(
        wb.impact.wins[0].title,
        "Moved media analytics off Kafka: $18k/yr saved"
    );
}
