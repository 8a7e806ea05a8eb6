//! The one cursor every list-like thing keeps that is not a [`Table`]
//! (a board column, a Now panel, the weekly review's list, the conflicts, a
//! scrolled explanation): where the selection is, clamped to the list, and
//! which item drawing starts from, remembered between frames so the view
//! scrolls only as far as it must.
//!
//! [`Table`]: super::table::Table

use crate::tui::keymap::Action;
use std::cell::Cell;

#[derive(Debug, Default)]
pub struct Cursor {
    at: usize,
    len: usize,
    /// The first item drawn; a `Cell` because drawing decides it from the height.
    first: Cell<usize>,
}

impl Cursor {
    /// The selected item (0 in an empty list).
    pub fn at(&self) -> usize {
        self.at
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The list now has `len` items; the selection stays, within them.
    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        self.set(self.at);
    }

    /// Selects item `at` (the last one, if there are fewer).
    pub fn set(&mut self, at: usize) {
        self.at = at.min(self.len.saturating_sub(1));
    }

    /// Moves the selection by `delta` items, stopping at either end.
    pub fn step(&mut self, delta: isize) {
        let target = (self.at as isize).saturating_add(delta).max(0) as usize;
        self.set(target);
    }

    /// The list keys: up, down, a page of `page` items, either end. `false`
    /// when `action` is not one of them.
    pub fn on_action(&mut self, action: Action, page: usize) -> bool {
        let page = page.max(1) as isize;
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-page),
            Action::PageDown => self.step(page),
            Action::Top => self.set(0),
            Action::Bottom => self.set(self.len),
            _ => return false,
        }
        true
    }

    /// The items to draw, `start..end`, when item `i` takes `heights[i]` rows
    /// and there are `room` rows: the selection always shows, and whenever
    /// not everything fits one row is left for a "more" line.
    pub fn window(&self, heights: &[u16], room: u16) -> (usize, usize) {
        let total: u32 = heights.iter().map(|&h| u32::from(h)).sum();
        if total <= u32::from(room) || heights.is_empty() {
            self.first.set(0);
            return (0, heights.len());
        }
        let selected = self.at.min(heights.len() - 1);
        let room = u32::from(room.saturating_sub(1));
        let rows = |range: &[u16]| range.iter().map(|&h| u32::from(h)).sum::<u32>();
        let mut start = self.first.get().min(selected);
        while start < selected && rows(&heights[start..=selected]) > room {
            start += 1;
        }
        let mut end = start;
        let mut used = 0;
        while end < heights.len() && used + u32::from(heights[end]) <= room {
            used += u32::from(heights[end]);
            end += 1;
        }
        self.first.set(start);
        (start, end.max((start + 1).min(heights.len())))
    }

    /// [`Cursor::window`] for a list of one-row items.
    pub fn rows(&self, room: u16) -> (usize, usize) {
        self.window(&vec![1; self.len], room)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(cursor: &mut Cursor, len: usize, selected: usize) -> &Cursor {
        cursor.set_len(len);
        cursor.set(selected);
        cursor
    }

    #[test]
    fn the_selection_stays_visible_and_leaves_a_more_line() {
        let mut cursor = Cursor::default();
        let heights = [3, 3, 4, 3, 3, 3];
        // 10 rows: 9 for items, 1 for "more"; 3 + 3 fit, the third (4) does not.
        assert_eq!(at(&mut cursor, 6, 0).window(&heights, 10), (0, 2));
        assert_eq!(at(&mut cursor, 6, 4).window(&heights, 10), (3, 6));
        // Going back up scrolls back, no further than needed.
        assert_eq!(at(&mut cursor, 6, 1).window(&heights, 10), (1, 3));
        // Everything fits: no scrolling at all.
        assert_eq!(at(&mut cursor, 2, 1).window(&[3, 3], 10), (0, 2));
        // Too small for one item: the selected one is still the one drawn.
        assert_eq!(at(&mut cursor, 6, 2).window(&heights, 2), (2, 3));
    }

    #[test]
    fn moves_stop_at_the_ends_and_follow_a_shrinking_list() {
        let mut cursor = Cursor::default();
        cursor.set_len(5);
        assert!(cursor.on_action(Action::Up, 3));
        assert_eq!(cursor.at(), 0);
        cursor.on_action(Action::PageDown, 3);
        assert_eq!(cursor.at(), 3);
        cursor.on_action(Action::Bottom, 3);
        assert_eq!(cursor.at(), 4);
        cursor.set_len(2);
        assert_eq!(cursor.at(), 1);
        cursor.set_len(0);
        assert_eq!(cursor.at(), 0);
        assert!(!cursor.on_action(Action::Add, 3));
    }
}
