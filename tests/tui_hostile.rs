//! Hostile text on the screens (issue 13): the screens fit text through
//! `text::fit` and `text::wrap`, which apply the same terminal rule as the
//! command line, so a stranger's control or bidi characters show as stand-ins.
//! Text a screen hands to ratatui unfitted (a detail pane) is filtered by
//! ratatui itself: it drops control characters and zero-width ones, bidi
//! overrides included. Either way nothing reaches the terminal as itself.

mod common;

use common::{app_with, draw, press};

const HOSTILE_RON: &str = r"Evil\u{1b}]0;pwned\u{7}X\u{202e}gnp.exe\u{9b}Z";

fn hostile_demo() -> String {
    careerbook::store::demo::DEMO_RON
        .replace(
            "Handed the media-archive migration to the enterprise team with a runbook",
            HOSTILE_RON,
        )
        .replace("Northwind Cloud", HOSTILE_RON)
}

/// No cell holds a control character or a bidi override or isolate.
fn assert_clean(screen: &str) {
    let bad: Vec<char> = screen
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect();
    assert!(bad.is_empty(), "{bad:?} on screen:\n{screen}");
}

#[test]
fn a_hostile_win_title_shows_with_the_stand_in() {
    let (_dir, mut app) = app_with(&hostile_demo());
    press(&mut app, "2");
    let screen = draw(&app, 120, 40);
    assert_clean(&screen);
    // The wins table fits the title through the terminal rule.
    assert!(
        screen.contains("Evil␛]0;pwned␇X\u{fffd}gnp.exe\u{fffd}Z"),
        "{screen}"
    );
}

#[test]
fn a_hostile_company_shows_with_the_stand_in() {
    let (_dir, mut app) = app_with(&hostile_demo());
    // Pipeline, then its list view.
    press(&mut app, "5 Right");
    let screen = draw(&app, 120, 40);
    assert_clean(&screen);
    assert!(screen.contains("Evil␛]0;pwned␇X\u{fffd}"), "{screen}");
}

#[test]
fn a_hostile_company_in_the_next_actions_shows_with_the_stand_in() {
    let (_dir, mut app) = app_with(&hostile_demo());
    // The demo's notice: the Now tab leads with the next actions, where the
    // overdue follow-up names the company; `x` shows its whole why.
    let screen = draw(&app, 120, 40);
    assert_clean(&screen);
    assert!(
        screen.contains("Follow up with Evil␛]0;pwned␇X\u{fffd}gnp.exe\u{fffd}Z"),
        "{screen}"
    );
    for _ in 0..6 {
        press(&mut app, "j");
    }
    press(&mut app, "x");
    assert_clean(&draw(&app, 120, 40));
}
