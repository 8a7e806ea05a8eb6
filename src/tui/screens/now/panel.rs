//! What the Now tab's panels share: each can be drawn on its own or several
//! at once, one under the other (see `render.rs`), so beyond [`Pane`] each
//! says its name and draws itself as told; and the list they draw their rows in.

use super::forms::Purpose;
use super::shared::Shared;
use crate::text::{fit, wrap};
use crate::tui::screen::{Pane, View};
use crate::tui::widgets::cursor::Cursor;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// How a panel is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drawn {
    /// It has the keys: its selected row is marked.
    pub focused: bool,
    /// It draws its own heading (when panels are shown one under the other).
    pub titled: bool,
}

impl Drawn {
    /// On its own, with the keys.
    pub const ALONE: Drawn = Drawn {
        focused: true,
        titled: false,
    };
}

pub trait NowPane: Pane<Shared, Purpose> {
    /// Its name with its count: "Alerts 6".
    fn label(&self, shared: &Shared) -> String;

    fn draw(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View, how: Drawn);
}

/// A panel's heading style: reverse video when it has the keys.
pub fn heading_style(focused: bool, view: &View) -> Style {
    if focused {
        view.theme.tab_active()
    } else {
        view.theme.heading()
    }
}

/// What a list panel shows: lines before the rows (what it is for, or why
/// it is empty), one text per row, and notes after them kept when there is room.
pub struct Listing {
    pub intro: Vec<Line<'static>>,
    pub rows: Vec<String>,
    pub notes: Vec<Line<'static>>,
}

/// Draws a list panel: its heading when titled, the intro, as many rows as
/// fit with the selected one in view (the rest counted on a last line, never
/// cut silently), then its notes.
pub fn draw_listing(
    listing: Listing,
    label: String,
    cursor: &Cursor,
    frame: &mut Frame,
    area: Rect,
    view: &View,
    how: Drawn,
) {
    let theme = view.theme;
    let width = area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if how.titled {
        lines.push(Line::styled(
            format!(" {label} "),
            heading_style(how.focused, view),
        ));
    }
    for line in listing.intro {
        lines.extend(
            wrap_line(line, width.saturating_sub(2))
                .into_iter()
                .map(indent),
        );
    }
    let mut room = (area.height as usize).saturating_sub(lines.len());
    // The notes explain the rows (a deadline's `*`): they keep a line when they can.
    if !listing.notes.is_empty() && room >= 4 {
        room -= 1;
    }
    let rows = &listing.rows;
    let (start, end) = cursor.window(
        &vec![1; rows.len()],
        u16::try_from(room).unwrap_or(u16::MAX),
    );
    for (i, text) in rows.iter().enumerate().take(end).skip(start) {
        let selected = how.focused && i == cursor.at();
        let mark = if selected { "▶ " } else { "  " };
        let text = fit(&format!("{mark}{text}"), width);
        lines.push(if selected {
            Line::styled(text, theme.selected())
        } else {
            Line::raw(text)
        });
    }
    let below = rows.len() - end;
    if start + below > 0 {
        let text = match (start, below) {
            (0, below) => format!("  ↓ {below} more"),
            (above, 0) => format!("  ↑ {above} above"),
            (above, below) => format!("  ↑ {above} above · ↓ {below} more"),
        };
        lines.push(Line::styled(text, theme.dim()));
    }
    let room = (area.height as usize).saturating_sub(lines.len());
    lines.extend(
        listing
            .notes
            .into_iter()
            .take(room)
            .map(|l| fit_line(indent(l), width)),
    );
    frame.render_widget(Paragraph::new(lines), area);
}

/// The line moved two columns right, under the rows' text.
fn indent(mut line: Line<'static>) -> Line<'static> {
    line.spans.insert(0, Span::raw("  "));
    line
}

/// A one-span line wrapped to `width` columns (keeping its style); a line of
/// several spans cut to fit instead.
fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    if line.spans.len() != 1 {
        return vec![fit_line(line, width)];
    }
    let style = line.spans[0].style;
    wrap(&line.spans[0].content, width)
        .into_iter()
        .map(|text| Line::styled(text, style))
        .collect()
}

/// A line cut to `width` columns (one span, so its style is kept).
pub fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let style = line.spans.first().map(|s| s.style).unwrap_or_default();
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    Line::styled(fit(&text, width), style)
}

/// `01 Dec`.
pub fn short_date(date: chrono::NaiveDate) -> String {
    date.format("%d %b").to_string()
}
