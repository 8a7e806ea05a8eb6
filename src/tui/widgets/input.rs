//! Editing one text field: a single line (a line break typed or pasted
//! becomes a space) or a note of several lines. A value the field is entered
//! with is selected, so the first character typed replaces it; the arrows, Home
//! and End keep it for editing. Drawing scrolls to the cursor by display width.

use crate::text::fit;
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::{Line, Span};
use ratatui_textarea::{CursorMove, DataCursor, TextArea};
use std::cell::Cell;
use unicode_width::UnicodeWidthChar;

/// The most characters a field holds. A longer paste or edit is refused with a
/// message rather than cut, so nothing is saved shortened without a word.
pub const MAX_CHARS: usize = 100_000;

/// Text as a field takes it: control characters and bidirectional overrides
/// removed (they could hide or reorder what is saved), tabs as spaces, line
/// breaks kept in a note and made spaces in a single-line field.
pub fn clean(text: &str, multi_line: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' if multi_line => Some('\n'),
            '\n' | '\t' => Some(' '),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

pub struct TextInput {
    area: TextArea<'static>,
    multi_line: bool,
    /// The whole value is selected: typing replaces it, Backspace clears it.
    selected: bool,
    /// The first character shown of the cursor's line, kept between draws so
    /// the view moves only when the cursor would leave it.
    scroll: Cell<usize>,
}

impl TextInput {
    pub fn new(text: &str, multi_line: bool) -> Self {
        let text = clean(text, multi_line);
        let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self {
            area,
            multi_line,
            selected: false,
            scroll: Cell::new(0),
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    fn chars(&self) -> usize {
        self.area
            .lines()
            .iter()
            .map(|l| l.chars().count() + 1)
            .sum::<usize>()
            - 1
    }

    /// The field gets the focus: a single-line value is selected, the cursor
    /// at its end. A note keeps its text: what is typed adds to it.
    pub fn enter(&mut self) {
        self.selected = !self.multi_line && !self.area.is_empty();
        self.area.move_cursor(CursorMove::Bottom);
        self.area.move_cursor(CursorMove::End);
    }

    pub fn leave(&mut self) {
        self.selected = false;
    }

    pub fn clear(&mut self) {
        self.area.clear();
        self.selected = false;
        self.scroll.set(0);
    }

    /// Replaces the whole text (an edit made in the user's editor).
    pub fn set(&mut self, text: &str) -> Result<(), String> {
        let text = clean(text, self.multi_line);
        let count = text.chars().count();
        if count > MAX_CHARS {
            return Err(too_long(count));
        }
        self.clear();
        self.area.insert_str(text);
        Ok(())
    }

    /// Types one character, replacing a selected value.
    pub fn type_char(&mut self, c: char) {
        let cleaned = clean(&c.to_string(), false);
        if cleaned.is_empty() {
            return;
        }
        if self.selected {
            self.clear();
        }
        if self.chars() < MAX_CHARS {
            self.area.insert_str(cleaned);
        }
    }

    /// Inserts pasted text at the cursor (replacing a selected value).
    pub fn insert(&mut self, text: &str) -> Result<(), String> {
        let text = clean(text, self.multi_line);
        let kept = if self.selected { 0 } else { self.chars() };
        let count = kept + text.chars().count();
        if count > MAX_CHARS {
            return Err(too_long(count));
        }
        if self.selected {
            self.clear();
        }
        self.area.insert_str(text);
        Ok(())
    }

    /// A new line in a note; nothing in a single-line field.
    pub fn new_line(&mut self) {
        if self.multi_line && self.chars() < MAX_CHARS {
            self.area.insert_newline();
        }
    }

    /// Moves the cursor a line up or down in a note.
    pub fn line_up_down(&mut self, down: bool) {
        self.area.move_cursor(if down {
            CursorMove::Down
        } else {
            CursorMove::Up
        });
    }

    /// An editing key that is not a character: the arrows, Home, End,
    /// Backspace, Delete, word moves. A selected value is cleared by Backspace
    /// or Delete, and kept for editing by a move.
    pub fn edit(&mut self, key: &KeyEvent) {
        let breaks_line = matches!(key.code, KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab)
            || (key.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(key.code, KeyCode::Char('m' | 'j')));
        if breaks_line {
            return;
        }
        if self.selected {
            self.selected = false;
            match key.code {
                KeyCode::Backspace | KeyCode::Delete => return self.clear(),
                // The cursor sits at the end: Right and End keep it there.
                KeyCode::Right | KeyCode::End => return,
                _ => {}
            }
        }
        self.area.input(*key);
    }

    /// The field's value as shown: one line, or up to `rows` lines of a note
    /// around the cursor, each within `width` columns.
    pub fn lines(
        &self,
        width: usize,
        rows: usize,
        focused: bool,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let DataCursor(row, col) = self.area.cursor();
        let lines = self.area.lines();
        let first = if self.multi_line {
            row.saturating_sub(rows.max(1) - 1)
        } else {
            0
        };
        let style = if focused && self.selected {
            theme.cursor()
        } else {
            theme.input()
        };
        let shown = if self.multi_line { rows.max(1) } else { 1 };
        lines
            .iter()
            .enumerate()
            .skip(first)
            .take(shown)
            .map(|(n, text)| {
                let mut spans = vec![Span::raw("  ")];
                if focused && n == row {
                    spans.extend(self.cursor_spans(text, col, width, style, theme));
                } else {
                    spans.push(Span::styled(fit(text, width), style));
                }
                Line::from(spans)
            })
            .collect()
    }

    /// A line with the cursor drawn in reverse video, scrolled so the cursor
    /// is in view; `…` marks text scrolled off to the left.
    fn cursor_spans(
        &self,
        text: &str,
        col: usize,
        width: usize,
        style: ratatui::style::Style,
        theme: &Theme,
    ) -> Vec<Span<'static>> {
        let chars: Vec<char> = text.chars().collect();
        let col = col.min(chars.len());
        let w = |c: &char| c.width().unwrap_or(0);
        let at = chars.get(col).copied().unwrap_or(' ');
        let mut start = self.scroll.get().min(col);
        // Room for the text before the cursor, the cursor, and a `…` when scrolled.
        let fits = |start: usize| {
            let marker = usize::from(start > 0);
            marker + chars[start..col].iter().map(w).sum::<usize>() + w(&at).max(1) <= width
        };
        while start < col && !fits(start) {
            start += 1;
        }
        self.scroll.set(start);
        let before: String = chars[start..col].iter().collect();
        let mut used = usize::from(start > 0) + before.chars().map(|c| w(&c)).sum::<usize>();
        used += w(&at).max(1);
        let after: String = chars.iter().skip(col + 1).collect();
        let mut spans = Vec::new();
        if start > 0 {
            spans.push(Span::styled("…", theme.dim()));
        }
        spans.push(Span::styled(before, style));
        spans.push(Span::styled(at.to_string(), theme.cursor()));
        spans.push(Span::styled(fit(&after, width.saturating_sub(used)), style));
        spans
    }
}

fn too_long(count: usize) -> String {
    format!("{count} characters is more than a field holds ({MAX_CHARS}); nothing was added")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(input: &mut TextInput, text: &str) {
        text.chars().for_each(|c| input.type_char(c));
    }

    fn shown(input: &TextInput, width: usize) -> String {
        input.lines(width, 1, true, &Theme::plain())[0].to_string()
    }

    #[test]
    fn a_value_entered_is_replaced_by_typing_and_kept_by_the_arrows() {
        let mut date = TextInput::new("2026-12-03", false);
        date.enter();
        typed(&mut date, "2024-03-01");
        assert_eq!(date.text(), "2024-03-01", "not 2026-12-032024-03-01");

        let mut ticker = TextInput::new("AMZN", false);
        ticker.enter();
        ticker.edit(&press(KeyCode::End));
        typed(&mut ticker, ".L");
        assert_eq!(ticker.text(), "AMZN.L", "End keeps the value to edit it");

        let mut name = TextInput::new("COBRA", false);
        name.enter();
        name.edit(&press(KeyCode::Left));
        name.edit(&press(KeyCode::Backspace));
        assert_eq!(
            name.text(),
            "COBA",
            "Left keeps it; Backspace then deletes one"
        );

        let mut gone = TextInput::new("COBRA", false);
        gone.enter();
        gone.edit(&press(KeyCode::Backspace));
        assert_eq!(gone.text(), "", "Backspace on the selected value clears it");
    }

    #[test]
    fn a_note_keeps_its_text_and_adds_to_it() {
        let mut note = TextInput::new("met at re:Invent", true);
        note.enter();
        note.new_line();
        typed(&mut note, "knows the SRE lead");
        assert_eq!(note.text(), "met at re:Invent\nknows the SRE lead");
    }

    #[test]
    fn pasted_line_breaks_become_spaces_in_a_single_line_and_stay_in_a_note() {
        let mut title = TextInput::new("", false);
        title
            .insert("Cut the build time\r\nin half\nq")
            .expect("pasted");
        assert_eq!(title.text(), "Cut the build time in half q");
        let mut note = TextInput::new("", true);
        note.insert("first\r\nsecond\rthird").expect("pasted");
        assert_eq!(note.text(), "first\nsecond\nthird");
    }

    #[test]
    fn control_characters_and_bidi_overrides_never_reach_the_value() {
        let mut title = TextInput::new("", false);
        title
            .insert("Ship\u{1b}[2J it\u{202E}dlrow\u{7}\tnow")
            .expect("pasted");
        assert_eq!(title.text(), "Ship[2J itdlrow now");
        title.type_char('\u{1b}');
        assert_eq!(title.text(), "Ship[2J itdlrow now");
    }

    #[test]
    fn a_paste_beyond_the_limit_is_refused_whole() {
        let mut note = TextInput::new("kept", true);
        let huge = "x".repeat(MAX_CHARS);
        let err = note.insert(&huge).expect_err("refused");
        assert!(err.contains("nothing was added"), "{err}");
        assert_eq!(note.text(), "kept");
    }

    #[test]
    fn long_and_wide_text_scrolls_so_the_cursor_stays_in_view() {
        let mut title = TextInput::new("", false);
        typed(
            &mut title,
            "東京のチームと一緒にデータベース移行を完了しました",
        );
        let line = shown(&title, 20);
        assert!(line.starts_with("  …"), "{line:?}");
        assert!(
            line.contains("しました"),
            "the end, where the cursor is: {line:?}"
        );
        assert!(unicode_width::UnicodeWidthStr::width(line.as_str()) <= 22);
        title.edit(&press(KeyCode::Home));
        let line = shown(&title, 20);
        assert!(line.starts_with("  東京"), "{line:?}");
    }
}
