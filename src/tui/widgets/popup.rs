//! Popups other than forms: a yes/no confirmation and a message.

use crate::text::{fit, wrap};
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

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
/// What a box shows: its title, body, key hints, how far a long body is
/// scrolled, and how serious it is.
pub struct Boxed<'a> {
    pub title: &'a str,
    pub body: &'a [Line<'a>],
    pub hints: &'a str,
    pub scroll: u16,
    pub tone: Tone,
}

pub fn render_box(frame: &mut Frame, area: Rect, boxed: &Boxed, theme: &Theme, keys: &Keymap) {
    let Boxed {
        title,
        body,
        hints,
        scroll,
        tone,
    } = *boxed;
    let width = area.width.saturating_sub(4).min(70).max(20.min(area.width));
    let text_width = width.saturating_sub(4).max(1) as usize;
    // Wrapped here rather than by the paragraph, so the count of lines (and
    // so what scrolling can reach) is exact.
    let body: Vec<Line> = body
        .iter()
        .flat_map(|line| {
            wrap(&line.to_string(), text_width)
                .into_iter()
                .map(move |part| Line::styled(part, line.style))
        })
        .collect();
    let body_height = body.len();
    let height = (body_height as u16).saturating_add(4).min(area.height);
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
    // A message taller than the room scrolls; the hint line says so.
    let hidden = body_height.saturating_sub(text_rect.height as usize);
    let scroll = scroll.min(u16::try_from(hidden).unwrap_or(u16::MAX));
    frame.render_widget(Paragraph::new(body).scroll((scroll, 0)), text_rect);
    let hints = if hidden > 0 {
        format!(
            "{}/{} more ({} of {} lines shown) · {hints}",
            keys.key_for(Scope::Message, Action::Up),
            keys.key_for(Scope::Message, Action::Down),
            text_rect.height,
            body_height
        )
    } else {
        hints.to_string()
    };
    let hint_line = Line::styled(fit(&hints, inner.width as usize), theme.dim());
    frame.render_widget(
        Paragraph::new(hint_line),
        Rect {
            y: inner.y + inner.height - 1,
            height: 1,
            ..inner
        },
    );
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
