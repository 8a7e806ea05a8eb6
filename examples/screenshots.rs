//! Renders the README screenshots from the real app: the demo workbook, with
//! today fixed at 2026-11-26 (as `CAREERBOOK_TODAY` fixes it for the tests),
//! drawn into ratatui's test backend in colour and written as SVG under
//! `docs/screenshots/`. Regenerate them whenever a screen changes:
//!
//! ```sh
//! cargo run --example screenshots
//! ```

use careerbook::store::{OpenOptions, Paths, Session, demo::DEMO_RON};
use careerbook::tui::app::App;
use careerbook::tui::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use std::fmt::Write;
use std::path::Path;

/// Each screenshot: its file name, the key that opens its tab, and what it shows.
const SHOTS: [(&str, char, &str); 3] = [
    (
        "now",
        '1',
        "The Now tab: the checklist, this week's alerts and the deadlines",
    ),
    (
        "runway",
        '3',
        "The Runway tab: how long the money lasts, month by month",
    ),
    (
        "vesting",
        '4',
        "The Vesting tab: upcoming vests and their value",
    ),
];

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// One cell, in SVG pixels.
const CELL_W: f32 = 8.4;
const CELL_H: f32 = 17.0;
const BACKGROUND: &str = "#1e1e2e";
const FOREGROUND: &str = "#d9dce3";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).ok_or("a real date")?;
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&out)?;
    for (name, key, title) in SHOTS {
        let dir = tempfile::tempdir()?;
        let paths = Paths::in_dir(dir.path());
        std::fs::write(&paths.workbook, DEMO_RON)?;
        let session = Session::open(paths, OpenOptions::default())?;
        let mut app = App::new(session, today, Theme::from_env(), None);
        app.on_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
        terminal.draw(|frame| app.render(frame))?;
        let path = out.join(format!("{name}.svg"));
        std::fs::write(&path, svg(terminal.backend().buffer(), title))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// The buffer as an SVG: a background rectangle for each run of cells with a
/// background colour, and a `<text>` for each run of cells with one style,
/// stretched to its cells so the columns line up whatever the font.
fn svg(buffer: &Buffer, title: &str) -> String {
    let (w, h) = (buffer.area.width, buffer.area.height);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xml:space="preserve" width="{}" height="{}" viewBox="0 0 {0} {1}" role="img" aria-label="{}">"#,
        f32::from(w) * CELL_W,
        f32::from(h) * CELL_H,
        escape(title)
    );
    let _ = writeln!(
        out,
        r#"<style>text{{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:14px;white-space:pre}}</style>"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{BACKGROUND}"/>"#
    );
    for y in 0..h {
        let cells: Vec<&Cell> = (0..w).map(|x| &buffer[(x, y)]).collect();
        for (start, run) in runs(&cells) {
            let (fg, bg) = colours(run[0]);
            let x = f32::from(start) * CELL_W;
            let top = f32::from(y) * CELL_H;
            let width = run.len() as f32 * CELL_W;
            if let Some(bg) = bg {
                let _ = writeln!(
                    out,
                    r#"<rect x="{x}" y="{top}" width="{width}" height="{CELL_H}" fill="{bg}"/>"#
                );
            }
            let text: String = run.iter().map(|c| c.symbol()).collect();
            if text.trim().is_empty() {
                continue;
            }
            let modifier = run[0].modifier;
            let weight = if modifier.contains(Modifier::BOLD) {
                r#" font-weight="bold""#
            } else {
                ""
            };
            let underline = if modifier.contains(Modifier::UNDERLINED) {
                r#" text-decoration="underline""#
            } else {
                ""
            };
            let _ = writeln!(
                out,
                r#"<text x="{x}" y="{}" fill="{fg}" textLength="{width}" lengthAdjust="spacingAndGlyphs"{weight}{underline}>{}</text>"#,
                top + CELL_H * 0.78,
                escape(&text)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

/// Runs of neighbouring cells that look the same, with the column each starts at.
fn runs<'a>(cells: &[&'a Cell]) -> Vec<(u16, Vec<&'a Cell>)> {
    let mut runs: Vec<(u16, Vec<&Cell>)> = Vec::new();
    for (x, &cell) in cells.iter().enumerate() {
        let same = runs.last().is_some_and(|(_, run)| {
            let last = run[run.len() - 1];
            (last.fg, last.bg, last.modifier) == (cell.fg, cell.bg, cell.modifier)
        });
        match runs.last_mut() {
            Some((_, run)) if same => run.push(cell),
            _ => runs.push((u16::try_from(x).unwrap_or(u16::MAX), vec![cell])),
        }
    }
    runs
}

/// Foreground and background of a cell, reverse video applied.
fn colours(cell: &Cell) -> (String, Option<String>) {
    let fg = hex(cell.fg).unwrap_or_else(|| FOREGROUND.to_string());
    let bg = hex(cell.bg);
    if cell.modifier.contains(Modifier::REVERSED) {
        (bg.unwrap_or_else(|| BACKGROUND.to_string()), Some(fg))
    } else {
        let fg = if cell.modifier.contains(Modifier::DIM) {
            hex(Color::DarkGray).unwrap_or(fg)
        } else {
            fg
        };
        (fg, bg)
    }
}

/// A terminal colour as the screenshots' palette draws it; `None` for the default.
fn hex(color: Color) -> Option<String> {
    let named = match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some(format!("#{r:02x}{g:02x}{b:02x}")),
        Color::Black => "#45475a",
        Color::Red => "#f38ba8",
        Color::Green => "#a6e3a1",
        Color::Yellow => "#f9e2af",
        Color::Blue => "#89b4fa",
        Color::Magenta => "#cba6f7",
        Color::Cyan => "#89dceb",
        Color::Gray => "#bac2de",
        Color::DarkGray => "#7f849c",
        Color::LightRed => "#f5a3b8",
        Color::LightGreen => "#b8ebb4",
        Color::LightYellow => "#fbe9bf",
        Color::LightBlue => "#a5c5fb",
        Color::LightMagenta => "#d7baf9",
        Color::LightCyan => "#a3e5f0",
        Color::White => "#ffffff",
        Color::Indexed(_) => FOREGROUND,
    };
    Some(named.to_string())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
