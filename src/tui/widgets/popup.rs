//! Popups other than forms: a yes/no confirmation and a message.

use super::text::fit;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// A rectangle of `width` × `height` centred in `area` (clamped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// How serious a message is; shown as a word and symbol, not colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// Draws a bordered box with `title` and wrapped `body`, plus a last line of key hints.
pub fn render_box(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    body: &[Line],
    hints: &str,
    tone: Tone,
    theme: &Theme,
) {
    let width = area.width.saturating_sub(4).min(70).max(20.min(area.width));
    let text_width = width.saturating_sub(4).max(1) as usize;
    let body_height: usize = body.iter().map(|l| wrapped_height(l, text_width)).sum();
    let height = (body_height as u16 + 4).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let border = match tone {
        Tone::Info => theme.focus_border(),
        Tone::Error => theme.bad(),
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(border)
        .title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height == 0 {
        return;
    }
    let text_rect = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        height: inner.height.saturating_sub(1),
        ..inner
    };
    frame.render_widget(
        Paragraph::new(body.to_vec()).wrap(Wrap { trim: false }),
        text_rect,
    );
    let hint_line = Line::styled(fit(hints, inner.width as usize), theme.dim());
    frame.render_widget(
        Paragraph::new(hint_line),
        Rect {
            y: inner.y + inner.height - 1,
            height: 1,
            ..inner
        },
    );
}

fn wrapped_height(line: &Line, width: usize) -> usize {
    let w = line.width();
    if w == 0 { 1 } else { w.div_ceil(width) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centered_is_clamped_to_the_area() {
        let area = Rect::new(0, 0, 10, 5);
        assert_eq!(centered(area, 4, 2), Rect::new(3, 1, 4, 2));
        assert_eq!(centered(area, 40, 20), area);
    }
}
