//! Helpers shared by the integration tests: an app over a temporary workbook,
//! typing keys into it, and drawing it to a test terminal.
#![allow(dead_code)]

pub mod cli;
pub mod disk;
pub mod store;

use careerbook::store::{OpenOptions, Paths, Session};
use careerbook::tui::app::App;
use careerbook::tui::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::fs;

/// The fixed "today" of every screen test (a Thursday).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date")
}

/// A temporary data directory holding `ron` as its workbook.
pub fn workbook_dir(ron: &str) -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().expect("temp dir");
    // Owner-only, as careerbook makes its own directory (a loose one is warned about).
    fs::set_permissions(
        dir.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .expect("owner-only");
    let paths = Paths::in_dir(dir.path());
    fs::write(&paths.workbook, ron).expect("write workbook");
    (dir, paths)
}

/// An app over a copy of `ron`, drawn without colour.
pub fn app_with(ron: &str) -> (tempfile::TempDir, App) {
    let (dir, paths) = workbook_dir(ron);
    let session = Session::open(
        paths,
        OpenOptions {
            create: true,
            hold_lock: false,
        },
    )
    .expect("open");
    (dir, App::new(session, today(), Theme::plain(), None))
}

/// An app over the demo workbook.
pub fn demo_app() -> (tempfile::TempDir, App) {
    app_with(careerbook::store::demo::DEMO_RON)
}

/// Types `keys`, space separated, as tui-shot spells them: `a`, `Enter`, `Esc`,
/// `Tab`, `BTab`, `Up`, `Down`, `Left`, `Right`, `Home`, `End`, `Bksp`, `Del`,
/// `C-s`, `text:hello world`
/// (the rest of the string after `text:` up to the next ` | `).
pub fn press(app: &mut App, keys: &str) {
    for token in keys.split(" | ") {
        if let Some(text) = token.strip_prefix("text:") {
            for c in text.chars() {
                app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            continue;
        }
        for word in token.split_whitespace() {
            app.on_key(key(word));
        }
    }
}

pub fn key(word: &str) -> KeyEvent {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    match word {
        "Enter" => plain(KeyCode::Enter),
        "Esc" => plain(KeyCode::Esc),
        "Tab" => plain(KeyCode::Tab),
        "BTab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        "Up" => plain(KeyCode::Up),
        "Down" => plain(KeyCode::Down),
        "Left" => plain(KeyCode::Left),
        "Right" => plain(KeyCode::Right),
        "Bksp" => plain(KeyCode::Backspace),
        "Del" => plain(KeyCode::Delete),
        "Home" => plain(KeyCode::Home),
        "End" => plain(KeyCode::End),
        "PgDn" => plain(KeyCode::PageDown),
        "PgUp" => plain(KeyCode::PageUp),
        "Space" => plain(KeyCode::Char(' ')),
        w if w.starts_with("C-") => {
            let c = w.chars().nth(2).expect("C-x names a key");
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
        }
        w => {
            let mut chars = w.chars();
            let c = chars.next().expect("a key");
            assert!(chars.next().is_none(), "unknown key token {w:?}");
            plain(KeyCode::Char(c))
        }
    }
}

/// The workbook as saved: read back from the file, not from the app's memory.
pub fn saved(app: &App) -> careerbook::domain::workbook::Workbook {
    let paths = app.session().paths().clone();
    let session = Session::open(paths, OpenOptions::default()).expect("reopen the saved workbook");
    session.workbook().clone()
}

/// The screen as text, one line per row.
pub fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| app.render(frame)).expect("draw");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            let line: String = (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen as text, each row followed by the styles on it, run by run
/// (`  ^ 0-9 Reverse Bold · 12-20 Cyan Bold`), so a snapshot shows colour and
/// emphasis too. Rows with no style are only text.
pub fn draw_styled(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| app.render(frame)).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut out = Vec::new();
    for y in 0..height {
        let line: String = (0..width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        out.push(line.trim_end().to_string());
        let mut runs: Vec<String> = Vec::new();
        let mut x = 0;
        while x < width {
            let style = describe(&buffer[(x, y)]);
            let start = x;
            while x < width && describe(&buffer[(x, y)]) == style {
                x += 1;
            }
            if !style.is_empty() {
                runs.push(format!("{start}-{} {style}", x - 1));
            }
        }
        if !runs.is_empty() {
            out.push(format!("  ^ {}", runs.join(" · ")));
        }
    }
    out.join("\n")
}

/// A cell's colours and modifiers in words; empty for plain text.
fn describe(cell: &ratatui::buffer::Cell) -> String {
    use ratatui::style::{Color, Modifier};
    let mut words = Vec::new();
    if cell.fg != Color::Reset {
        words.push(format!("{:?}", cell.fg));
    }
    if cell.bg != Color::Reset {
        words.push(format!("on {:?}", cell.bg));
    }
    for (modifier, name) in [
        (Modifier::BOLD, "Bold"),
        (Modifier::REVERSED, "Reverse"),
        (Modifier::UNDERLINED, "Underline"),
        (Modifier::DIM, "Dim"),
        (Modifier::ITALIC, "Italic"),
    ] {
        if cell.modifier.contains(modifier) {
            words.push(name.to_string());
        }
    }
    words.join(" ")
}

/// An app over a copy of `ron`, drawn in `theme` with the key table `keys`.
pub fn app_dressed(
    ron: &str,
    theme: Theme,
    keys: careerbook::tui::keymap::Keymap,
) -> (tempfile::TempDir, App) {
    let (dir, paths) = workbook_dir(ron);
    let session = Session::open(
        paths,
        OpenOptions {
            create: true,
            hold_lock: false,
        },
    )
    .expect("open");
    let app = App::new(session, today(), theme, None).with_keymap(keys);
    (dir, app)
}
