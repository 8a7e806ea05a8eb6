//! The one shape of the screens (every tab has a screen, a key and a title,
//! in order; only the tab on screen is built; the footer offers only what
//! applies), and the settings a person can change: keys, themes, ASCII.

mod common;

use careerbook::tui::app::App;
use careerbook::tui::config;
use careerbook::tui::keymap::{Action, KEYS, Keymap, Scope};
use careerbook::tui::screen::Tab;
use careerbook::tui::screens;
use careerbook::tui::theme::{Palette, Theme};
use common::{app_dressed, app_with, demo_app, draw, draw_styled, key, press, saved};
use std::path::Path;

const EMPTY: &str = "(version: 2, next_id: 1)";

fn footer(app: &App, width: u16) -> String {
    draw(app, width, 24)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

fn keys_from(text: &str) -> Keymap {
    config::parse(text, Path::new("config.ron"), false, false)
        .expect("valid settings")
        .keys
}

#[test]
fn every_tab_has_a_screen_a_key_and_a_title_in_the_same_order() {
    let mounted: Vec<Tab> = screens::all().iter().map(|s| s.tab()).collect();
    assert_eq!(mounted, Tab::ALL, "one screen per tab, in tab order");
    let keyed: Vec<Tab> = KEYS
        .iter()
        .filter_map(|b| match b.action {
            Action::GoTab(tab) => Some(tab),
            _ => None,
        })
        .collect();
    assert_eq!(keyed, Tab::ALL, "one key per tab, in tab order");
    // The tab bar shows each title with its key, in order, and the key shows it.
    let (_dir, mut app) = app_with(EMPTY);
    let bar = draw(&app, 120, 40)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let keys = Keymap::default();
    let mut at = 0;
    for tab in Tab::ALL {
        let label = format!(
            "{} {}",
            keys.key_for(Scope::Global, Action::GoTab(tab)),
            tab.title()
        );
        let found = bar[at..]
            .find(&label)
            .unwrap_or_else(|| panic!("{label} after {at}: {bar}"));
        at += found + label.len();
        press(&mut app, &keys.key_for(Scope::Global, Action::GoTab(tab)));
        assert_eq!(app.tab(), tab);
    }
}

#[test]
fn the_footer_offers_edit_and_delete_only_when_something_is_selected() {
    let (_dir, mut app) = app_with(EMPTY);
    press(&mut app, "2");
    let empty = footer(&app, 120);
    assert!(empty.contains("a add"), "{empty}");
    for absent in ["e edit", "d delete", "x export", "/ filter", "s sort"] {
        assert!(!empty.contains(absent), "{absent} with no win: {empty}");
    }
    press(&mut app, "a | text:Cut EC2 spend | Enter");
    let one = footer(&app, 120);
    for present in ["a add", "e edit", "d delete", "x export", "/ filter"] {
        assert!(
            one.contains(present),
            "{present} with a win selected: {one}"
        );
    }
}

#[test]
fn only_the_tab_on_screen_is_built_and_a_stale_one_is_rebuilt_when_shown() {
    let (_dir, mut app) = demo_app();
    // Impact is built, then left; the weekly review on Now logs a win.
    press(&mut app, "2 1 w Enter | text:Moved billing | Enter");
    assert_eq!(app.tab(), Tab::Now);
    press(&mut app, "2");
    assert!(draw(&app, 120, 40).contains("Moved billing"));
    // Another window adds a win while Impact is not on screen: the reload
    // rebuilds Now at once, and Impact when it is shown.
    press(&mut app, "1");
    let paths = app.session().paths().clone();
    let mut other = careerbook::store::Session::open(paths, Default::default()).expect("open");
    let mut win = saved(&app).impact.wins[0].clone();
    win.id = 0;
    win.title = "From another window".into();
    win.date = common::today();
    other
        .apply(careerbook::domain::edit::Edit::Add(win.into()))
        .expect("applied")
        .saved
        .expect("saved");
    app.reload_if_changed();
    press(&mut app, "2");
    assert!(draw(&app, 120, 40).contains("From another window"));
}

#[test]
fn a_key_set_in_the_settings_is_used_named_in_the_footer_and_listed_in_help() {
    let keys = keys_from(
        r#"(keys: { "impact.add": ["A"], "global.help": ["F1"], "now.self_check": ["P"] })"#,
    );
    let (_dir, mut app) = app_dressed(EMPTY, Theme::plain(), keys);
    // Even the checklist's reasons, written by the domain, name the key in use.
    let now = draw(&app, 120, 40);
    assert!(
        now.contains("(Now tab, P)") && !now.contains("(Now tab, p)"),
        "{now}"
    );
    press(&mut app, "2");
    let foot = footer(&app, 120);
    assert!(foot.contains("A add") && foot.contains("F1 help"), "{foot}");
    assert!(
        !foot.contains("a add") && !foot.contains("? help"),
        "{foot}"
    );
    // The sentence on the empty list names the new key too.
    assert!(draw(&app, 120, 40).contains("Press A to log your first"));
    // `a` no longer adds; `A` does.
    press(&mut app, "a");
    assert_eq!(app.popup_count(), 0, "a is not bound any more");
    app.on_key(key("A"));
    assert_eq!(app.popup_count(), 1, "A opens the win form");
    press(&mut app, "Esc");
    let f1 = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::F(1),
        crossterm::event::KeyModifiers::NONE,
    );
    app.on_key(f1);
    let help = draw(&app, 120, 40);
    let line = help
        .lines()
        .find(|l| l.contains("log a win"))
        .unwrap_or_default()
        .to_string();
    assert!(
        line.trim_start().starts_with("│ A") || line.contains(" A  log a win"),
        "{help}"
    );
}

#[test]
fn force_quit_goes_through_the_key_table() {
    let keys = keys_from(r#"(keys: { "global.force_quit": ["Ctrl-Q"] })"#);
    let (_dir, mut app) = app_dressed(EMPTY, Theme::plain(), keys);
    press(&mut app, "2 a");
    press(&mut app, "C-c");
    assert!(!app.should_quit(), "Ctrl-C is not force-quit any more");
    press(&mut app, "C-q");
    assert!(app.should_quit(), "Ctrl-Q quits even inside a form");
}

#[test]
fn a_key_doing_two_things_is_refused_and_the_defaults_stay() {
    let text = "(\n    keys: {\n        \"pipeline_apps.add\": [\">\"],\n    },\n)\n";
    let err = config::parse(text, Path::new("c.ron"), false, false).expect_err("> moves a stage");
    assert_eq!(err.line, Some(3));
    assert!(
        err.message.contains("pipeline_apps.add")
            && err.message.contains("pipeline_apps.stage_next"),
        "{err}"
    );
}

/// The Now tab of the demo, each theme's colours and emphasis in the snapshot.
fn now_in(palette: Palette) -> String {
    let theme = Theme::new(palette, false);
    let (_dir, app) = app_dressed(careerbook::demo::DEMO_RON, theme, Keymap::default());
    draw_styled(&app, 80, 24)
}

#[test]
fn now_at_80x24_in_dark() {
    insta::assert_snapshot!(now_in(Palette::Dark));
}

#[test]
fn now_at_80x24_in_light() {
    let screen = now_in(Palette::Light);
    assert!(
        !screen.contains("Yellow") && !screen.contains("Gray"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn now_at_80x24_in_mono() {
    let screen = now_in(Palette::Mono);
    for colour in ["Red", "Green", "Yellow", "Blue", "Cyan", "Magenta", "Gray"] {
        assert!(!screen.contains(colour), "{colour} in mono:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn every_tab_in_ascii_draws_only_ascii_symbols() {
    let theme = Theme::new(Palette::Dark, true);
    let (_dir, mut app) = app_dressed(careerbook::demo::DEMO_RON, theme, Keymap::new(true));
    for tab in ["1", "2", "3", "4", "5"] {
        press(&mut app, tab);
        for _view in 0..5 {
            let screen = draw(&app, 120, 40);
            // Letters of the demo's own text (résumé) may stay; drawing symbols may not.
            let stray: Vec<char> = screen
                .chars()
                .filter(|c| !c.is_ascii() && !c.is_alphabetic())
                .collect();
            assert!(stray.is_empty(), "tab {tab}: {stray:?}\n{screen}");
            press(&mut app, "Right");
        }
    }
    // The balance chart, without Braille: its line in whole cells.
    let (_dir, mut app) = app_dressed(careerbook::demo::DEMO_RON, theme, Keymap::new(true));
    press(&mut app, "3");
    insta::assert_snapshot!("runway_chart_in_ascii_at_80x24", draw(&app, 80, 24));
}
