//! The board: one column per active stage, cards of company, role and
//! follow-up. Only the cards that fit are drawn; the selection is kept by id,
//! so a card moved to the next stage stays selected in its new column.

use super::cards::Card;
use crate::domain::Id;
use crate::domain::pipeline::Stage;
use crate::text::fit;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use std::cell::Cell;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub(super) struct Board {
    /// Card ids per active stage, in [`Stage::ACTIVE`] order.
    columns: [Vec<Id>; 5],
    /// The selected column.
    col: usize,
    /// The selected card in each column (remembered when moving across).
    rows: [usize; 5],
    /// First card drawn in each column; drawing keeps the selection in view.
    offsets: [Cell<usize>; 5],
}

impl Board {
    /// Replaces the cards, keeping the selected card (in whatever column it
    /// is now), else the same place in the same column.
    pub fn set_columns(&mut self, columns: [Vec<Id>; 5]) {
        let keep = self.selected_id();
        self.columns = columns;
        if !keep.is_some_and(|id| self.select(id)) {
            self.clamp();
        }
    }

    fn clamp(&mut self) {
        for (row, column) in self.rows.iter_mut().zip(&self.columns) {
            *row = (*row).min(column.len().saturating_sub(1));
        }
    }

    pub fn selected_id(&self) -> Option<Id> {
        self.columns[self.col].get(self.rows[self.col]).copied()
    }

    /// Selects card `id`; `false` when it is not on the board.
    pub fn select(&mut self, id: Id) -> bool {
        for (c, column) in self.columns.iter().enumerate() {
            if let Some(r) = column.iter().position(|&x| x == id) {
                self.col = c;
                self.rows[c] = r;
                return true;
            }
        }
        false
    }

    pub fn card_count(&self) -> usize {
        self.columns.iter().map(Vec::len).sum()
    }

    /// Moves the selection; `false` when `action` is not a board move.
    pub fn on_action(&mut self, action: Action) -> bool {
        let len = self.columns[self.col].len();
        let row = &mut self.rows[self.col];
        match action {
            Action::ColumnLeft => self.col = self.col.saturating_sub(1),
            Action::ColumnRight => self.col = (self.col + 1).min(Stage::ACTIVE.len() - 1),
            Action::Up => *row = row.saturating_sub(1),
            Action::Down => *row = (*row + 1).min(len.saturating_sub(1)),
            Action::Top => *row = 0,
            Action::Bottom => *row = len.saturating_sub(1),
            _ => return false,
        }
        true
    }

    /// Draws the columns in `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, cards: &HashMap<Id, Card>, theme: &Theme) {
        if area.height < 2 {
            return;
        }
        let rects = Layout::horizontal([Constraint::Fill(1); 5])
            .spacing(1)
            .split(area);
        for (c, rect) in rects.iter().enumerate() {
            self.render_column(frame, *rect, c, cards, theme);
        }
    }

    fn render_column(
        &self,
        frame: &mut Frame,
        area: Rect,
        c: usize,
        cards: &HashMap<Id, Card>,
        theme: &Theme,
    ) {
        let width = area.width as usize;
        let column = &self.columns[c];
        let selected_column = c == self.col;
        let name = Stage::ACTIVE[c].label();
        let heading = format!("{name} {}", column.len());
        let heading = if heading.chars().count() > width {
            format!(
                "{} {}",
                fit(
                    name,
                    width.saturating_sub(column.len().to_string().len() + 1)
                ),
                column.len()
            )
        } else {
            heading
        };
        let style = if selected_column {
            theme.tab_active()
        } else {
            theme.heading()
        };
        let buf = frame.buffer_mut();
        buf.set_stringn(area.x, area.y, format!("{heading:<width$}"), width, style);
        let body = Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        };
        if column.is_empty() {
            if body.height > 0 {
                buf.set_stringn(body.x, body.y, fit(" (none)", width), width, theme.dim());
            }
            return;
        }
        let shown: Vec<&Card> = column.iter().filter_map(|id| cards.get(id)).collect();
        let heights: Vec<u16> = shown.iter().map(|card| card_height(card)).collect();
        let selected = self.rows[c].min(shown.len().saturating_sub(1));
        let (start, end) = visible(&heights, selected, body.height, &self.offsets[c]);
        let mut y = body.y;
        for (i, card) in shown.iter().enumerate().take(end).skip(start) {
            let is_selected = selected_column && i == selected;
            draw_card(
                frame,
                Rect {
                    y,
                    height: heights[i],
                    ..body
                },
                card,
                is_selected,
                theme,
            );
            y += heights[i];
        }
        let (above, below) = (start, shown.len() - end);
        if above + below > 0 {
            let text = match (above, below) {
                (0, b) => format!("↓ {b} more"),
                (a, 0) => format!("↑ {a} more"),
                (a, b) => format!("↑{a} ↓{b} more"),
            };
            frame.buffer_mut().set_stringn(
                body.x,
                body.y + body.height - 1,
                fit(&format!(" {text}"), width),
                width,
                theme.dim(),
            );
        }
    }
}

/// Three lines (company, role, follow-up), four when suggested as ghosted,
/// and a blank line after it so cards stand apart.
fn card_height(card: &Card) -> u16 {
    if card.ghost { 5 } else { 4 }
}

/// The range of cards drawn in `height` rows so that `selected` shows; a row
/// is kept for the "more" line whenever not everything fits.
fn visible(heights: &[u16], selected: usize, height: u16, offset: &Cell<usize>) -> (usize, usize) {
    let total: u16 = heights.iter().sum();
    if total <= height {
        offset.set(0);
        return (0, heights.len());
    }
    let room = height.saturating_sub(1);
    let mut start = offset.get().min(selected);
    while start < selected && heights[start..=selected].iter().sum::<u16>() > room {
        start += 1;
    }
    let mut end = start;
    let mut used = 0;
    while end < heights.len() && used + heights[end] <= room {
        used += heights[end];
        end += 1;
    }
    offset.set(start);
    (start, end.max((start + 1).min(heights.len())))
}

fn draw_card(frame: &mut Frame, area: Rect, card: &Card, selected: bool, theme: &Theme) {
    let width = area.width as usize;
    let inner = width.saturating_sub(1);
    let buf = frame.buffer_mut();
    let pick = |style: Style| {
        if selected {
            theme.selected().add_modifier(style.add_modifier)
        } else {
            style
        }
    };
    let mut lines: Vec<(String, Style)> = vec![
        (
            format!(
                "{}{}",
                if selected { "▶" } else { " " },
                fit(&card.company, inner)
            ),
            pick(theme.title()),
        ),
        (format!(" {}", fit(&card.role, inner)), pick(theme.text())),
        (
            format!(" {}", card.follow_up_label(inner).unwrap_or_default()),
            pick(card.follow_up_style(theme)),
        ),
    ];
    if let Some(ghost) = card.ghost_label(inner) {
        lines.push((format!(" {}", fit(&ghost, inner)), pick(theme.warn())));
    }
    for (i, (text, style)) in lines.into_iter().enumerate().take(area.height as usize) {
        let y = area.y + i as u16;
        buf.set_stringn(area.x, y, format!("{text:<width$}"), width, style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_visible_and_leaves_a_more_line() {
        let offset = Cell::new(0);
        let heights = [3, 3, 4, 3, 3, 3];
        // 10 rows: 9 for cards, 1 for "more"; 3 + 3 fit, the third (4) does not.
        assert_eq!(visible(&heights, 0, 10, &offset), (0, 2));
        assert_eq!(visible(&heights, 4, 10, &offset), (3, 6));
        assert_eq!(offset.get(), 3);
        // Going back up scrolls back.
        assert_eq!(visible(&heights, 1, 10, &offset), (1, 3));
        // Everything fits: no scrolling at all.
        assert_eq!(visible(&[3, 3], 1, 10, &offset), (0, 2));
        // Too small for one card: the selected one is still the one drawn.
        assert_eq!(visible(&heights, 2, 2, &offset), (2, 3));
    }

    #[test]
    fn moving_across_columns_remembers_each_row() {
        let mut board = Board::default();
        board.set_columns([vec![1, 2], vec![3], vec![], vec![4, 5, 6], vec![]]);
        board.on_action(Action::Down);
        assert_eq!(board.selected_id(), Some(2));
        board.on_action(Action::ColumnRight);
        assert_eq!(board.selected_id(), Some(3));
        board.on_action(Action::ColumnRight);
        assert_eq!(board.selected_id(), None, "an empty column selects nothing");
        assert_eq!(Stage::ACTIVE[board.col], Stage::Screening);
        board.on_action(Action::ColumnLeft);
        board.on_action(Action::ColumnLeft);
        assert_eq!(board.selected_id(), Some(2));
        // Card 2 moves to the next stage: the selection follows it.
        board.set_columns([vec![1], vec![2, 3], vec![], vec![4, 5, 6], vec![]]);
        assert_eq!(board.selected_id(), Some(2));
        assert_eq!(Stage::ACTIVE[board.col], Stage::Applied);
        // Card 2 closes (leaves the board): the neighbour in its column is selected.
        board.set_columns([vec![1], vec![3], vec![], vec![4, 5, 6], vec![]]);
        assert_eq!(board.selected_id(), Some(3));
    }
}
