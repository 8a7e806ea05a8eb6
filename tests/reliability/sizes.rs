//! Every screen and popup draws at every terminal size from 1×1 to 300×100
//! without panicking: an exhaustive sweep of the small sizes around the
//! minimum layout, and a property test over the whole range.

use crate::common::{press, today};
use crate::support::{fresh, tui_options};
use careerbook::store::demo::DEMO_RON;
use careerbook::store::{Paths, Session};
use careerbook::tui::app::App;
use careerbook::tui::screen::Tab;
use careerbook::tui::theme::Theme;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::fs;

/// Keys that open something on some tab: help, and whatever a screen opens
/// to add, edit, delete or filter. On a tab that has no such thing the key
/// changes nothing and the plain screen is drawn again.
const OPENERS: &[&str] = &[
    "",
    "?",
    "a",
    "e",
    "d",
    "/",
    "a | text:Shipped the migration",
];

/// Apps showing every distinct screen, all over one data directory.
struct Screens {
    _dir: tempfile::TempDir,
    apps: Vec<(String, App)>,
}

fn app_over(paths: &Paths) -> App {
    let session = Session::open(paths.clone(), tui_options()).expect("open");
    App::new(session, today(), Theme::plain(), None)
}

/// Every tab after every opener, over the demo workbook, plus the read-only
/// notice over a workbook from a newer careerbook. Openers that change
/// nothing on a tab are dropped, so the sweep grows only as screens gain popups.
fn every_screen() -> Screens {
    let (dir, paths) = fresh();
    fs::create_dir_all(&paths.dir).expect("data dir");
    fs::write(&paths.workbook, DEMO_RON).expect("demo workbook");
    let mut apps = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for tab in 1..=Tab::ALL.len() {
        let mut app = app_over(&paths);
        press(&mut app, &tab.to_string());
        let plain = crate::common::draw(&app, 120, 40);
        for opener in OPENERS {
            press(&mut app, opener);
            let drawn = crate::common::draw(&app, 120, 40);
            // An opener that changed nothing leaves the app as it was: reuse it.
            if drawn == plain && !opener.is_empty() {
                continue;
            }
            if seen.insert(drawn) {
                apps.push((format!("tab {tab} after {opener:?}"), app));
            }
            app = app_over(&paths);
            press(&mut app, &tab.to_string());
        }
    }
    let newer = Paths::in_dir(dir.path().join("newer"));
    fs::create_dir_all(&newer.dir).expect("data dir");
    let text = DEMO_RON.replacen("version: 2,", "version: 999,", 1);
    fs::write(&newer.workbook, text).expect("newer workbook");
    apps.push(("the read-only notice".into(), app_over(&newer)));
    Screens { _dir: dir, apps }
}

fn draw(app: &App, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| app.render(frame)).expect("draw");
}

/// Draws every screen at every size, naming the screen and size that panicked.
fn draw_all(screens: &[(String, App)], sizes: impl Iterator<Item = (u16, u16)> + Clone) {
    for (name, app) in screens {
        for (width, height) in sizes.clone() {
            let drawn =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| draw(app, width, height)));
            assert!(drawn.is_ok(), "{name} panicked at {width}×{height}");
        }
    }
}

fn grid(
    widths: std::ops::RangeInclusive<u16>,
    heights: std::ops::RangeInclusive<u16>,
) -> impl Iterator<Item = (u16, u16)> + Clone {
    widths.flat_map(move |w| heights.clone().map(move |h| (w, h)))
}

/// Layout arithmetic breaks at tiny sizes and where the layout appears
/// (60×16). Every size up to 40×12 is drawn, by each screen in turn (below the
/// minimum every screen draws the same notice, so all of them at every tiny
/// size would only repeat it); every screen is drawn at the sizes either side
/// of the minimum and at the corners; then a property test draws random
/// screens at random sizes up to 300×100. One test, so the screens are built
/// once.
#[test]
fn every_screen_draws_at_every_size_from_1x1_to_300x100() {
    let screens = every_screen();
    for (i, size) in grid(1..=40, 1..=12).enumerate() {
        let screen = i % screens.apps.len();
        draw_all(&screens.apps[screen..=screen], std::iter::once(size));
    }
    let around_minimum = (58..=62).map(|w| (w, 16)).chain((14..=18).map(|h| (60, h)));
    draw_all(&screens.apps, around_minimum);
    let corners = [(1, 1), (300, 1), (1, 100), (300, 100)];
    draw_all(&screens.apps, corners.into_iter());

    let sizes = (1u16..=300, 1u16..=100, any::<proptest::sample::Index>());
    let mut runner = TestRunner::new(Config::with_cases(64));
    let result = runner.run(&sizes, |(width, height, which)| {
        let screen = which.index(screens.apps.len());
        draw_all(
            &screens.apps[screen..=screen],
            std::iter::once((width, height)),
        );
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}
