//! Named styles, in three palettes, and the ASCII switch. Colour only ever
//! repeats what a symbol or word already says, so every palette reads the
//! same; `NO_COLOR` selects `mono`.
//!
//! - `dark` (the default): colours for a dark background.
//! - `light`: readable on white: no yellow, no grey text; blue and magenta
//!   where `dark` has yellow and cyan.
//! - `mono`: no colour at all: bold and reverse video only.
//!
//! With `ascii` (automatic on the Linux console, `TERM=linux`) every frame is
//! finished by [`Theme::finish`], which puts an ASCII stand-in in place of
//! each drawing symbol: square `+-|` borders, `>` for `▶`, `#` for a full
//! block, `*` for a chart dot. Key names come out as words (`Up`, not `↑`)
//! from the key table itself.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Serialize};

/// The three colour schemes a person can pick in their config file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Palette {
    #[default]
    Dark,
    Light,
    Mono,
}

impl Palette {
    pub const ALL: [Palette; 3] = [Palette::Dark, Palette::Light, Palette::Mono];

    pub fn name(self) -> &'static str {
        match self {
            Palette::Dark => "dark",
            Palette::Light => "light",
            Palette::Mono => "mono",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    palette: Palette,
    ascii: bool,
}

impl Theme {
    pub fn new(palette: Palette, ascii: bool) -> Self {
        Self { palette, ascii }
    }

    /// `dark`, or `mono` when `NO_COLOR` is set to anything non-empty
    /// (no-color.org); ASCII on the Linux console.
    pub fn from_env() -> Self {
        let palette = if no_color() {
            Palette::Mono
        } else {
            Palette::Dark
        };
        Self::new(palette, linux_console())
    }

    /// No colour and Unicode symbols: what the screen tests draw with.
    pub fn plain() -> Self {
        Self::new(Palette::Mono, false)
    }

    pub fn palette(&self) -> Palette {
        self.palette
    }

    /// Whether frames are finished in ASCII.
    pub fn ascii(&self) -> bool {
        self.ascii
    }

    /// `dark` and `light` colour; `mono` leaves the colour out.
    fn fg(&self, dark: Color, light: Color) -> Style {
        match self.palette {
            Palette::Dark => Style::new().fg(dark),
            Palette::Light => Style::new().fg(light),
            Palette::Mono => Style::new(),
        }
    }

    pub fn text(&self) -> Style {
        Style::new()
    }

    /// Secondary text: grey on a dark background, plain ink on a light one
    /// (grey on white is too faint to read).
    pub fn dim(&self) -> Style {
        match self.palette {
            Palette::Dark => Style::new().fg(Color::DarkGray),
            Palette::Light | Palette::Mono => Style::new(),
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan, Color::Blue)
            .add_modifier(Modifier::BOLD)
    }

    pub fn tab_active(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow, Color::Blue)
            .add_modifier(Modifier::BOLD)
    }

    /// The selected row: reverse video, so it shows without colour too.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn good(&self) -> Style {
        self.fg(Color::Green, Color::Green)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow, Color::Magenta)
            .add_modifier(Modifier::BOLD)
    }

    pub fn bad(&self) -> Style {
        self.fg(Color::Red, Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        match self.palette {
            Palette::Dark => Style::new().fg(Color::DarkGray),
            Palette::Light | Palette::Mono => Style::new(),
        }
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan, Color::Blue)
            .add_modifier(Modifier::BOLD)
    }

    pub fn input(&self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }

    pub fn cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Finishes a drawn frame: in ASCII, every symbol in `area` that a
    /// terminal without Unicode cannot show becomes its stand-in.
    pub fn finish(&self, buffer: &mut Buffer, area: Rect) {
        if !self.ascii {
            return;
        }
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                if let Some(cell) = buffer.cell_mut((x, y))
                    && let Some(plain) = ascii_for(cell.symbol())
                {
                    cell.set_symbol(plain);
                }
            }
        }
    }
}

/// `text` with the ASCII stand-ins, for what is written to the terminal
/// without going through a frame (the status line while a save waits).
pub fn to_ascii(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut buf = [0; 4];
            ascii_for(c.encode_utf8(&mut buf)).map_or_else(|| c.to_string(), str::to_string)
        })
        .collect()
}

/// Whether `NO_COLOR` asks for no colour.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Whether this is the Linux console, whose font has no Braille, rounded
/// corners or most arrows.
pub fn linux_console() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "linux")
}

/// The ASCII stand-in for a drawing symbol; `None` for anything else (text,
/// including accented letters, stays as it is).
fn ascii_for(symbol: &str) -> Option<&'static str> {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    if c.is_ascii() {
        return None;
    }
    // Braille cells (the balance chart, sparklines) become a dot.
    if ('\u{2800}'..='\u{28FF}').contains(&c) {
        return Some(if c == '\u{2800}' { " " } else { "*" });
    }
    Some(match c {
        '─' | '━' | '═' | '╌' | '┄' => "-",
        '│' | '┃' | '║' | '╎' | '┆' => "|",
        '┌' | '┐' | '└' | '┘' | '╭' | '╮' | '╰' | '╯' | '├' | '┤' | '┬' | '┴' | '┼' | '╔' | '╗'
        | '╚' | '╝' => "+",
        '▶' | '▸' | '›' | '→' | '⟶' => ">",
        '◀' | '◂' | '‹' | '←' => "<",
        '↑' | '▲' | '↗' => "^",
        '↓' | '▼' => "v",
        '✓' | '✔' => "+",
        '✗' | '✘' => "x",
        '⚠' => "!",
        '•' | '●' => "*",
        '○' => "o",
        '·' => "|",
        '…' => "~",
        '–' | '—' => "-",
        '⧗' => "~",
        '█' | '▉' | '▊' | '▇' => "#",
        '▆' | '▅' | '▋' | '▌' => "=",
        '▄' | '▃' | '▍' => ":",
        '▂' | '▁' | '▎' | '▏' => ".",
        '▀' | '▔' => "\"",
        '“' | '”' | '„' => "\"",
        '‘' | '’' => "'",
        '×' => "x",
        '−' => "-",
        '≥' => ">",
        '≤' => "<",
        '÷' => "/",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_replaces_drawing_symbols_and_keeps_text() {
        let theme = Theme::new(Palette::Dark, true);
        let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 1));
        buffer.set_string(0, 0, "╭─▶ ✓ résumé", Style::new());
        let area = buffer.area;
        theme.finish(&mut buffer, area);
        let text: String = (0..12)
            .map(|x| buffer[(x, 0)].symbol().to_string())
            .collect();
        assert_eq!(text, "+-> + résumé");
    }

    #[test]
    fn light_has_no_yellow_and_no_grey_and_mono_no_colour() {
        let styles = |t: Theme| {
            vec![
                t.text(),
                t.dim(),
                t.title(),
                t.heading(),
                t.key(),
                t.good(),
                t.warn(),
                t.bad(),
                t.border(),
                t.focus_border(),
                t.selected(),
            ]
        };
        for style in styles(Theme::new(Palette::Light, false)) {
            assert!(
                !matches!(
                    style.fg,
                    Some(Color::Yellow | Color::LightYellow | Color::DarkGray | Color::Gray)
                ),
                "{style:?}"
            );
        }
        for style in styles(Theme::new(Palette::Mono, false)) {
            assert_eq!(style.fg, None, "{style:?}");
            assert_eq!(style.bg, None, "{style:?}");
        }
    }
}
