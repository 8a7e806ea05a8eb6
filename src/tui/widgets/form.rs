//! The reusable form: text, note, amount, percent, date, choice and yes/no
//! fields; inline errors under the field that is wrong; submit only when valid.
//!
//! While a field has focus it receives every printable key before any shortcut.
//! The screen that opened the form gets it back on submit and reads the values
//! by field key; what it then refuses (`Invalid`) shows under the named field.

use super::text::{fit, wrap};
use crate::domain::{Invalid, dates, money};
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui_textarea::TextArea;
use rust_decimal::Decimal;
use std::any::Any;

/// Works out a form's preview lines from its current values.
type Preview = dyn Fn(&Form) -> Vec<String>;

/// What a field holds and how its text is checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Text,
    Note,
    Amount { negative: bool },
    Percent,
    Date,
    Choice(Vec<String>),
    YesNo,
}

struct Field {
    key: &'static str,
    label: String,
    kind: Kind,
    required: bool,
    editor: TextArea<'static>,
    choice: usize,
    yes: bool,
    hint: Option<String>,
    error: Option<String>,
}

/// What a submitted form asks of the app.
pub enum Outcome {
    /// Keep editing.
    Stay,
    Cancel,
    /// Every field parsed; the owner decides what it means.
    Submit,
}

pub struct Form {
    pub title: String,
    fields: Vec<Field>,
    focus: usize,
    today: NaiveDate,
    /// What the owning screen needs to know on submit (e.g. which record).
    purpose: Box<dyn Any>,
    /// Lines worked out from the current values (a live estimate), shown at
    /// the foot of the form; rebuilt after each key, never while drawing.
    preview: Option<Box<Preview>>,
    preview_lines: Vec<String>,
}

impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Form")
            .field("title", &self.title)
            .field("focus", &self.focus)
            .finish()
    }
}

impl Form {
    pub fn new(title: impl Into<String>, today: NaiveDate, purpose: impl Any) -> Self {
        Self {
            title: title.into(),
            fields: Vec::new(),
            focus: 0,
            today,
            purpose: Box::new(purpose),
            preview: None,
            preview_lines: Vec::new(),
        }
    }

    /// Shows the lines `preview` makes from the current values at the foot of
    /// the form, updated as the user types (e.g. an estimate and its formula).
    pub fn preview(mut self, preview: impl Fn(&Form) -> Vec<String> + 'static) -> Self {
        self.preview_lines = preview(&self);
        self.preview = Some(Box::new(preview));
        self
    }

    /// The preview lines as they stand.
    pub fn preview_lines(&self) -> &[String] {
        &self.preview_lines
    }

    fn update_preview(&mut self) {
        if let Some(preview) = &self.preview {
            self.preview_lines = preview(self);
        }
    }

    /// The purpose the owner gave, if it is of type `T`.
    pub fn purpose<T: 'static>(&self) -> Option<&T> {
        self.purpose.downcast_ref()
    }

    fn push(
        mut self,
        key: &'static str,
        label: &str,
        kind: Kind,
        initial: String,
        required: bool,
    ) -> Self {
        let mut editor = TextArea::new(initial.lines().map(str::to_string).collect());
        editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        let hint = match kind {
            Kind::Amount { .. } => Some("e.g. 40000, 40,000, $40k, 1.2M".to_string()),
            Kind::Percent => Some("e.g. 29.65%".to_string()),
            Kind::Date => Some("YYYY-MM-DD, today, yesterday, +2w, -3d, +1m".to_string()),
            Kind::Note => Some("Enter: new line · Ctrl-S: save".to_string()),
            Kind::Choice(_) => Some("←/→ or Space to change, or type the first letter".to_string()),
            Kind::YesNo => Some("y / n, or Space to toggle".to_string()),
            Kind::Text => None,
        };
        self.fields.push(Field {
            key,
            label: label.to_string(),
            kind,
            required,
            editor,
            choice: 0,
            yes: false,
            hint,
            error: None,
        });
        self
    }

    pub fn text(self, key: &'static str, label: &str, initial: &str, required: bool) -> Self {
        self.push(key, label, Kind::Text, initial.to_string(), required)
    }

    pub fn note(self, key: &'static str, label: &str, initial: &str) -> Self {
        self.push(key, label, Kind::Note, initial.to_string(), false)
    }

    pub fn amount(
        self,
        key: &'static str,
        label: &str,
        initial: Option<Decimal>,
        required: bool,
        negative: bool,
    ) -> Self {
        let text = initial
            .map(|d| d.normalize().to_string())
            .unwrap_or_default();
        self.push(key, label, Kind::Amount { negative }, text, required)
    }

    pub fn percent(self, key: &'static str, label: &str, initial: Option<Decimal>) -> Self {
        let text = initial.map(money::format_percent).unwrap_or_default();
        self.push(key, label, Kind::Percent, text, true)
    }

    pub fn date(
        self,
        key: &'static str,
        label: &str,
        initial: Option<NaiveDate>,
        required: bool,
    ) -> Self {
        let text = initial.map(|d| d.to_string()).unwrap_or_default();
        self.push(key, label, Kind::Date, text, required)
    }

    pub fn choice(
        self,
        key: &'static str,
        label: &str,
        options: Vec<String>,
        selected: usize,
    ) -> Self {
        let mut form = self.push(key, label, Kind::Choice(options), String::new(), true);
        if let Some(field) = form.fields.last_mut() {
            field.choice = selected;
        }
        form
    }

    pub fn yes_no(self, key: &'static str, label: &str, initial: bool) -> Self {
        let mut form = self.push(key, label, Kind::YesNo, String::new(), true);
        if let Some(field) = form.fields.last_mut() {
            field.yes = initial;
        }
        form
    }

    /// Replaces the hint shown under the last field added while it has focus.
    pub fn hint(mut self, hint: &str) -> Self {
        if let Some(field) = self.fields.last_mut() {
            field.hint = Some(hint.to_string());
        }
        self
    }

    fn field(&self, key: &str) -> &Field {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .unwrap_or_else(|| panic!("form {:?} has no field {key:?}", self.title))
    }

    fn raw(&self, key: &str) -> String {
        self.field(key).editor.lines().join("\n")
    }

    /// A text field's value, trimmed.
    pub fn value_text(&self, key: &str) -> String {
        self.raw(key).trim().to_string()
    }

    /// A text or note field's value, or `None` when blank.
    pub fn value_opt_text(&self, key: &str) -> Option<String> {
        let text = self.value_text(key);
        (!text.is_empty()).then_some(text)
    }

    /// An amount or percent field's value (`None` when left blank).
    pub fn value_amount(&self, key: &str) -> Option<Decimal> {
        let field = self.field(key);
        match field.kind {
            Kind::Percent => money::parse_percent(&self.raw(key)).ok(),
            _ => money::parse_amount(&self.raw(key)).ok(),
        }
    }

    pub fn value_date(&self, key: &str) -> Option<NaiveDate> {
        dates::parse_date_input(&self.raw(key), self.today).ok()
    }

    pub fn value_choice(&self, key: &str) -> usize {
        self.field(key).choice
    }

    pub fn value_yes(&self, key: &str) -> bool {
        self.field(key).yes
    }

    /// Shows `invalid` under its field and moves the focus there.
    pub fn show_error(&mut self, invalid: &Invalid) {
        let index = self
            .fields
            .iter()
            .position(|f| f.key == invalid.field)
            .unwrap_or(self.focus);
        if let Some(field) = self.fields.get_mut(index) {
            field.error = Some(invalid.message.clone());
        }
        self.focus = index;
    }

    /// Checks one field's text, returning the message to show under it.
    fn check(&self, field: &Field) -> Option<String> {
        if matches!(field.kind, Kind::Choice(_) | Kind::YesNo) {
            return None;
        }
        let raw = field.editor.lines().join("\n");
        let blank = raw.trim().is_empty();
        if blank {
            return field.required.then(|| "required".to_string());
        }
        match &field.kind {
            Kind::Amount { negative } => match money::parse_amount(&raw) {
                Ok(v) if v.is_sign_negative() && !v.is_zero() && !negative => {
                    Some("cannot be negative".into())
                }
                Ok(_) => None,
                Err(e) => Some(e),
            },
            Kind::Percent => match money::parse_percent(&raw) {
                Ok(v) if v < Decimal::ZERO || v > Decimal::ONE => {
                    Some("must be between 0% and 100%".into())
                }
                Ok(_) => None,
                Err(e) => Some(e),
            },
            Kind::Date => dates::parse_date_input(&raw, self.today).err(),
            _ => None,
        }
    }

    fn validate_focused(&mut self) {
        let error = self.check(&self.fields[self.focus]);
        self.fields[self.focus].error = error;
    }

    /// Checks every field; `true` when all are valid (focus moves to the first wrong one).
    pub fn validate_all(&mut self) -> bool {
        let errors: Vec<Option<String>> = self.fields.iter().map(|f| self.check(f)).collect();
        let mut first_bad = None;
        for (i, (field, error)) in self.fields.iter_mut().zip(errors).enumerate() {
            if error.is_some() && first_bad.is_none() {
                first_bad = Some(i);
            }
            field.error = error;
        }
        if let Some(i) = first_bad {
            self.focus = i;
        }
        first_bad.is_none()
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: &KeyEvent) -> Outcome {
        let outcome = self.handle_key(key);
        self.update_preview();
        outcome
    }

    fn handle_key(&mut self, key: &KeyEvent) -> Outcome {
        if self.fields.is_empty() {
            return Outcome::Cancel;
        }
        if self.field_takes(key) {
            self.edit_field(key);
            return Outcome::Stay;
        }
        match keymap::resolve(&[Scope::Form], key) {
            Some(Action::NextField) => self.move_focus(1),
            Some(Action::PrevField) => self.move_focus(-1),
            Some(Action::Cancel) => return Outcome::Cancel,
            Some(Action::ClearField) => self.clear_focused(),
            Some(Action::Submit) => {
                if self.validate_all() {
                    return Outcome::Submit;
                }
            }
            _ => self.edit_field(key),
        }
        Outcome::Stay
    }

    /// Keys the focused field gets before any shortcut: every printable
    /// character, and in a note also Enter and the up/down arrows.
    fn field_takes(&self, key: &KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let printable = matches!(key.code, KeyCode::Char(_)) && plain;
        let note = self.fields[self.focus].kind == Kind::Note;
        printable
            || (note && plain && matches!(key.code, KeyCode::Enter | KeyCode::Up | KeyCode::Down))
    }

    /// Empties the focused text field (a prefilled value is replaced by typing
    /// after this, not appended to).
    fn clear_focused(&mut self) {
        let field = &mut self.fields[self.focus];
        if !matches!(field.kind, Kind::Choice(_) | Kind::YesNo) {
            field.editor = TextArea::default();
            field.error = None;
        }
    }

    fn move_focus(&mut self, delta: isize) {
        self.validate_focused();
        let n = self.fields.len() as isize;
        self.focus = ((self.focus as isize + delta).rem_euclid(n)) as usize;
    }

    fn edit_field(&mut self, key: &KeyEvent) {
        let field = &mut self.fields[self.focus];
        match &field.kind {
            Kind::Choice(options) => {
                let n = options.len().max(1);
                match key.code {
                    KeyCode::Right | KeyCode::Char(' ') => field.choice = (field.choice + 1) % n,
                    KeyCode::Left => field.choice = (field.choice + n - 1) % n,
                    KeyCode::Char(c) => field.choice = next_starting_with(options, field.choice, c),
                    _ => {}
                }
            }
            Kind::YesNo => match key.code {
                KeyCode::Char('y' | 'Y') => field.yes = true,
                KeyCode::Char('n' | 'N') => field.yes = false,
                KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right => field.yes = !field.yes,
                _ => {}
            },
            Kind::Note => {
                field.editor.input(*key);
            }
            _ => {
                // Single-line fields never take a newline.
                if key.code != KeyCode::Enter {
                    field.editor.input(*key);
                }
            }
        }
        if field.error.is_some() {
            field.error = None;
        }
    }

    /// Draws the form centred in `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let width = area.width.saturating_sub(4).min(72);
        let inner_width = width.saturating_sub(4) as usize;
        let lines = self.lines(inner_width, theme);
        let preview: Vec<String> = self
            .preview_lines
            .iter()
            .flat_map(|l| wrap(l, inner_width))
            .collect();
        let preview_height = if preview.is_empty() {
            0
        } else {
            preview.len() as u16 + 1
        };
        let height = (lines.len() as u16 + preview_height + 2).min(area.height);
        let rect = super::popup::centered(area, width, height);
        frame.render_widget(Clear, rect);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.focus_border())
            .title(Span::styled(format!(" {} ", self.title), theme.title()));
        let mut inner = block.inner(rect);
        frame.render_widget(block, rect);
        // The preview keeps its place at the foot; the fields scroll above it,
        // keeping at least two rows for the focused field.
        let preview_height = preview_height.min(inner.height.saturating_sub(2));
        if preview_height > 0 {
            let mut shown = vec![Line::styled(
                "─".repeat(inner.width as usize),
                theme.border(),
            )];
            shown.extend(preview.into_iter().map(|l| Line::styled(l, theme.text())));
            frame.render_widget(
                Paragraph::new(shown),
                Rect {
                    x: inner.x + 1,
                    y: inner.y + inner.height - preview_height,
                    width: inner.width.saturating_sub(1),
                    height: preview_height,
                },
            );
            inner.height -= preview_height;
        }
        let scroll = self.scroll_for(&lines, inner.height as usize);
        let visible: Vec<Line> = lines.into_iter().skip(scroll).map(|(_, l)| l).collect();
        frame.render_widget(
            Paragraph::new(visible),
            Rect {
                x: inner.x + 1,
                width: inner.width.saturating_sub(1),
                ..inner
            },
        );
    }

    /// First line to show so that the focused field is in view.
    fn scroll_for(&self, lines: &[(usize, Line)], height: usize) -> usize {
        let first = lines
            .iter()
            .position(|(f, _)| *f == self.focus)
            .unwrap_or(0);
        let last = lines
            .iter()
            .rposition(|(f, _)| *f == self.focus)
            .unwrap_or(first);
        if last < height {
            0
        } else {
            (last + 1 - height).min(first)
        }
    }

    /// Every line of the form, tagged with the field it belongs to.
    fn lines(&self, width: usize, theme: &Theme) -> Vec<(usize, Line<'static>)> {
        let mut out = Vec::new();
        for (i, field) in self.fields.iter().enumerate() {
            let focused = i == self.focus;
            let marker = if focused { "› " } else { "  " };
            let label_style = if focused { theme.title() } else { theme.text() };
            let required = if field.required
                && matches!(field.kind, Kind::Text | Kind::Amount { .. } | Kind::Date)
            {
                " *"
            } else {
                ""
            };
            out.push((
                i,
                Line::from(vec![
                    Span::styled(marker, theme.key()),
                    Span::styled(format!("{}{required}", field.label), label_style),
                ]),
            ));
            for value in self.value_lines(field, focused, width, theme) {
                out.push((i, value));
            }
            if let Some(error) = &field.error {
                for line in wrap(&format!("✗ {error}"), width.saturating_sub(2)) {
                    out.push((i, Line::styled(format!("  {line}"), theme.bad())));
                }
            } else if focused && let Some(hint) = &field.hint {
                out.push((
                    i,
                    Line::styled(fit(&format!("  {hint}"), width), theme.dim()),
                ));
            }
        }
        out
    }

    fn value_lines(
        &self,
        field: &Field,
        focused: bool,
        width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let avail = width.saturating_sub(2);
        match &field.kind {
            Kind::Choice(options) => {
                let label = options.get(field.choice).cloned().unwrap_or_default();
                let text = if focused {
                    format!("‹ {label} ›")
                } else {
                    label
                };
                vec![Line::from(vec![
                    Span::raw("  "),
                    Span::styled(fit(&text, avail), theme.input()),
                ])]
            }
            Kind::YesNo => {
                let text = if field.yes { "[x] yes" } else { "[ ] no" };
                vec![Line::from(vec![
                    Span::raw("  "),
                    Span::styled(text, theme.input()),
                ])]
            }
            _ => self.editor_lines(field, focused, avail, theme),
        }
    }

    fn editor_lines(
        &self,
        field: &Field,
        focused: bool,
        width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let ratatui_textarea::DataCursor(row, col) = field.editor.cursor();
        let lines = field.editor.lines();
        let shown = if field.kind == Kind::Note { 4 } else { 1 };
        let first = if field.kind == Kind::Note {
            row.saturating_sub(shown - 1)
        } else {
            0
        };
        let mut out = Vec::new();
        for (n, text) in lines.iter().enumerate().skip(first).take(shown) {
            let mut spans = vec![Span::raw("  ")];
            if focused && n == row {
                spans.extend(cursor_spans(text, col, width, theme));
            } else {
                spans.push(Span::styled(fit(text, width), theme.input()));
            }
            out.push(Line::from(spans));
        }
        if field.kind == Kind::Date
            && let Some(preview) = self.date_preview(field)
            && let Some(last) = out.last_mut()
        {
            last.push_span(Span::styled(preview, theme.dim()));
        }
        out
    }

    /// For a date typed as a word or offset, the date it means: `→ 2026-12-10`.
    fn date_preview(&self, field: &Field) -> Option<String> {
        let raw = field.editor.lines().join("");
        let date = dates::parse_date_input(&raw, self.today).ok()?;
        let weekday = date.format("%a %-d %b %Y");
        Some(if raw.trim() == date.to_string() {
            format!("  {weekday}")
        } else {
            format!("  → {date} ({weekday})")
        })
    }
}

/// The text of an input line with the cursor drawn in reverse video, scrolled
/// so the cursor stays visible.
fn cursor_spans(text: &str, col: usize, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let chars: Vec<char> = text.chars().collect();
    let start = col.saturating_sub(width.saturating_sub(1));
    let before: String = chars[start.min(chars.len())..col.min(chars.len())]
        .iter()
        .collect();
    let at: String = chars
        .get(col)
        .map(|c| c.to_string())
        .unwrap_or_else(|| " ".into());
    let after: String = chars.iter().skip(col + 1).collect();
    let room = width.saturating_sub(before.chars().count() + 1);
    vec![
        Span::styled(before, theme.input()),
        Span::styled(at, theme.cursor()),
        Span::styled(fit(&after, room), theme.input()),
    ]
}

/// The next option after `current` whose label starts with `c` (case-insensitive).
fn next_starting_with(options: &[String], current: usize, c: char) -> usize {
    let c = c.to_lowercase().to_string();
    let n = options.len();
    (1..=n)
        .map(|step| (current + step) % n.max(1))
        .find(|&i| options[i].to_lowercase().starts_with(&c))
        .unwrap_or(current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
    }

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.on_key(&press(KeyCode::Char(c)));
        }
    }

    fn sample() -> Form {
        Form::new("Add", today(), ())
            .text("title", "Title", "", true)
            .amount("amount", "Amount", None, false, false)
            .date("date", "Date", Some(today()), true)
            .choice(
                "cat",
                "Category",
                vec!["Revenue".into(), "Risk".into(), "Other".into()],
                0,
            )
            .yes_no("ok", "Essential", false)
    }

    #[test]
    fn printable_keys_reach_the_field_before_shortcuts() {
        let mut form = sample();
        // `q`, `u`, `?` and digits are global shortcuts elsewhere; here they are text.
        typed(&mut form, "q? u1");
        assert_eq!(form.value_text("title"), "q? u1");
    }

    #[test]
    fn submit_is_refused_until_every_field_is_valid() {
        let mut form = sample();
        assert!(matches!(form.on_key(&press(KeyCode::Enter)), Outcome::Stay));
        assert_eq!(form.fields[0].error.as_deref(), Some("required"));
        typed(&mut form, "Cut costs");
        form.on_key(&press(KeyCode::Tab));
        typed(&mut form, "$40x");
        form.on_key(&press(KeyCode::Tab));
        assert!(
            form.fields[1].error.is_some(),
            "leaving a bad amount shows its error at once"
        );
        form.on_key(&press(KeyCode::BackTab));
        form.on_key(&press(KeyCode::Backspace));
        typed(&mut form, "k");
        assert!(matches!(
            form.on_key(&press(KeyCode::Enter)),
            Outcome::Submit
        ));
        assert_eq!(form.value_amount("amount"), Some(dec!(40000)));
    }

    #[test]
    fn negative_amounts_are_refused_unless_allowed() {
        let mut form = Form::new("x", today(), ()).amount("a", "A", None, true, false);
        typed(&mut form, "-5");
        assert!(!form.validate_all());
        assert_eq!(form.fields[0].error.as_deref(), Some("cannot be negative"));
    }

    #[test]
    fn dates_accept_words_and_offsets() {
        let mut form = Form::new("x", today(), ()).date("d", "D", None, true);
        typed(&mut form, "+2w");
        assert!(form.validate_all());
        assert_eq!(form.value_date("d"), NaiveDate::from_ymd_opt(2026, 12, 10));
        let mut bad = Form::new("x", today(), ()).date("d", "D", None, true);
        typed(&mut bad, "2026-02-30");
        assert!(!bad.validate_all());
    }

    #[test]
    fn choice_and_yes_no_take_letters() {
        let mut form = sample();
        for _ in 0..3 {
            form.on_key(&press(KeyCode::Tab));
        }
        typed(&mut form, "r");
        assert_eq!(
            form.value_choice("cat"),
            1,
            "r jumps from Revenue to the next r-option, Risk"
        );
        form.on_key(&press(KeyCode::Left));
        assert_eq!(form.value_choice("cat"), 0);
        form.on_key(&press(KeyCode::Tab));
        typed(&mut form, "y");
        assert!(form.value_yes("ok"));
    }

    #[test]
    fn ctrl_u_clears_a_prefilled_field_so_typing_replaces_it() {
        let mut form =
            Form::new("x", today(), ()).amount("a", "Balance", Some(dec!(8400)), true, false);
        form.on_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        typed(&mut form, "9000");
        assert_eq!(form.value_amount("a"), Some(dec!(9000)), "not 84009000");
    }

    #[test]
    fn esc_cancels_and_notes_take_enter() {
        let mut form = Form::new("x", today(), ()).note("n", "Notes", "");
        typed(&mut form, "a");
        form.on_key(&press(KeyCode::Enter));
        typed(&mut form, "b");
        assert_eq!(form.value_text("n"), "a\nb");
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(matches!(form.on_key(&ctrl_s), Outcome::Submit));
        assert!(matches!(form.on_key(&press(KeyCode::Esc)), Outcome::Cancel));
    }

    #[test]
    fn the_preview_follows_the_values_as_they_are_typed() {
        let mut form = Form::new("x", today(), ())
            .amount("a", "A", None, true, false)
            .preview(|form| match form.value_amount("a") {
                Some(v) => vec![format!("twice: {}", v * Decimal::TWO)],
                None => vec!["enter an amount".into()],
            });
        assert_eq!(form.preview_lines(), ["enter an amount"]);
        typed(&mut form, "21");
        assert_eq!(form.preview_lines(), ["twice: 42"]);
    }

    #[test]
    fn an_owner_error_lands_under_its_field() {
        let mut form = sample();
        form.show_error(&Invalid::new("date", "cannot be in the future"));
        assert_eq!(form.focus, 2);
        assert_eq!(
            form.fields[2].error.as_deref(),
            Some("cannot be in the future")
        );
    }
}
