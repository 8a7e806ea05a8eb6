//! The strip naming a tab's views, the current one in brackets and reverse
//! video (so it shows without colour too), with a hint for switching.

use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws `[Current]  Other  Other   hint`; the hint is left out when it does not fit.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    titles: &[&str],
    current: usize,
    hint: &str,
    theme: &Theme,
) {
    let mut spans = Vec::new();
    for (i, title) in titles.iter().enumerate() {
        if i == current {
            spans.push(Span::styled(format!("[{title}]"), theme.tab_active()));
        } else {
            spans.push(Span::styled(format!(" {title} "), theme.text()));
        }
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    if used + hint.chars().count() < area.width as usize {
        spans.push(Span::styled(format!(" {hint}"), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The columns [`render`] takes with its hint: what is left of a row for
/// something drawn on its right.
pub fn width(titles: &[&str], hint: &str) -> usize {
    titles.iter().map(|t| t.chars().count() + 3).sum::<usize>() + 1 + hint.chars().count()
}
