//! The `?` help: every key of the current screen and the global keys, straight
//! from the key table.

use crate::text::{fit, pad_left, wrap};
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// Columns taken by the keys and the gap after them.
const KEYS_WIDTH: usize = 16;

/// The help lines for `scopes`, one heading per scope, each description
/// wrapped to `width` columns under itself.
pub fn lines(scopes: &[Scope], width: usize, theme: &Theme, keys: &Keymap) -> Vec<Line<'static>> {
    let text_width = width.saturating_sub(KEYS_WIDTH).max(10);
    let mut out = Vec::new();
    for &scope in scopes {
        let bindings: Vec<_> = keys.bindings(scope).collect();
        if bindings.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(scope.title(), theme.heading()));
        for bound in bindings {
            let label = pad_left(&keys.keys_label(&bound), KEYS_WIDTH - 2);
            for (i, part) in wrap(bound.binding.help, text_width).into_iter().enumerate() {
                let left = if i == 0 {
                    label.clone()
                } else {
                    " ".repeat(KEYS_WIDTH - 2)
                };
                out.push(Line::from(vec![
                    Span::styled(left, theme.key()),
                    Span::raw("  "),
                    Span::raw(part),
                ]));
            }
        }
    }
    out
}

/// Draws help for `scopes`, scrolled by `scroll` lines.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    scopes: &[Scope],
    scroll: usize,
    theme: &Theme,
    keys: &Keymap,
) {
    let width = area.width.saturating_sub(4).min(76);
    let body = lines(scopes, width.saturating_sub(2) as usize, theme, keys);
    let height = area.height.saturating_sub(2).min(body.len() as u16 + 3);
    let rect = super::popup::centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border())
        .title(Span::styled(" Keys ", theme.title()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 2 {
        return;
    }
    let body_height = inner.height as usize - 1;
    let scroll = scroll.min(body.len().saturating_sub(body_height));
    let shown: Vec<Line> = body.into_iter().skip(scroll).take(body_height).collect();
    frame.render_widget(
        Paragraph::new(shown),
        Rect {
            height: inner.height - 1,
            ..inner
        },
    );
    let hint = fit(&keys.hint_line(Scope::Help), inner.width as usize);
    frame.render_widget(
        Paragraph::new(Line::styled(hint, theme.dim())),
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
    fn help_lists_every_key_of_each_scope_it_is_given() {
        let keys = Keymap::default();
        let text: Vec<String> = lines(
            &[Scope::Impact, Scope::List, Scope::Global],
            200,
            &Theme::plain(),
            &keys,
        )
        .iter()
        .map(|l| l.to_string())
        .collect();
        for scope in [Scope::Impact, Scope::List, Scope::Global] {
            for bound in keys.bindings(scope) {
                assert!(
                    text.iter()
                        .any(|l| l.contains(bound.binding.help)
                            && l.contains(&keys.keys_label(&bound))),
                    "help is missing {:?}",
                    bound.binding.help
                );
            }
        }
    }
}
