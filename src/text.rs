//! Text made safe and fitted for display: the one rule that keeps control
//! sequences out of the terminal, the guard that keeps spreadsheet formulas out
//! of CSV cells, and cutting, padding and wrapping by display width.
//! Shared by the screens and the command line.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What stands in for a C1 control, a bidi override/isolate or a Unicode
/// line or paragraph separator: they have no picture of their own. (C0 controls and DEL show as their Control Picture.)
pub const STAND_IN: char = '\u{FFFD}';

/// Whether line breaks and tabs are kept, for text shown on several lines,
/// or shown as stand-ins, for a value that must stay on its one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breaks {
    /// `\n` and `\t` stay (a `\r\n` line end becomes `\n`).
    Keep,
    /// `\n` shows as `␊` and `\t` as `␉`: one record stays one line.
    Show,
}

/// `text` safe to write to a terminal: every character that a terminal would
/// act on instead of showing is replaced by a visible stand-in. C0 controls
/// (ESC, BEL, CR, NUL …) and DEL show as their Control Picture (`␛`, `␇`,
/// `␍`, `␀`, `␡`); C1 controls (U+0080–U+009F, which some terminals read as
/// ESC sequences, NEL U+0085 among them), the bidi overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069, which reorder what is shown) and the line
/// and paragraph separators (U+2028, U+2029, which break a line where a
/// record must stay one) as [`STAND_IN`]. Vertical tab and form feed, the
/// other Unicode line breaks, are C0 controls. Everything else is left as it
/// is, and clean text is not copied.
///
/// This is the one rule for every screen and every command's text and
/// Markdown output.
pub fn terminal_safe(text: &str, breaks: Breaks) -> Cow<'_, str> {
    let kept = |c: char| breaks == Breaks::Keep && (c == '\n' || c == '\t');
    if !text.chars().any(|c| stand_in(c).is_some() && !kept(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if breaks == Breaks::Keep && c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        match stand_in(c) {
            Some(_) if kept(c) => out.push(c),
            Some(shown) => out.push(shown),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// What shows instead of `c`, if `c` must not reach a terminal as itself.
fn stand_in(c: char) -> Option<char> {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}'
        | '\u{2028}'..='\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(STAND_IN),
        _ => None,
    }
}

/// Whether [`terminal_safe`] would change `c` (line breaks and tabs included).
pub fn is_unsafe(c: char) -> bool {
    stand_in(c).is_some()
}

/// The first characters a spreadsheet reads as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell that a spreadsheet will show as text, never run as a formula
/// (OWASP "CSV injection"): a cell starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`. A cell that already starts with `'`s
/// before one of them gets one more, so [`csv_cell_unguarded`] gives back
/// exactly what was written.
pub fn csv_cell_guarded(cell: &str) -> Cow<'_, str> {
    if cell.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell [`csv_cell_guarded`] was given: one leading `'` is taken off a
/// cell that starts with `'`s before `=`, `+`, `-`, `@`, a tab or a CR.
pub fn csv_cell_unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// `text` cut to at most `width` columns, ending in `…` when it was cut.
/// The result is terminal-safe on one line (see [`terminal_safe`]): a control
/// character has no width to fit, so it is fitted as its stand-in.
pub fn fit(text: &str, width: usize) -> String {
    let text = terminal_safe(text, Breaks::Show);
    if text.width() <= width {
        return text.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` right-aligned in `width` columns.
pub fn pad_left(text: &str, width: usize) -> String {
    let w = text.width();
    if w >= width {
        text.to_string()
    } else {
        format!("{}{text}", " ".repeat(width - w))
    }
}

/// `text` broken into lines of at most `width` columns, at spaces where it can
/// (a word longer than a line is cut). Each line is terminal-safe (see
/// [`terminal_safe`]; a line break in `text` shows as `␊`).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = terminal_safe(text, Breaks::Show);
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let needed = if line.is_empty() {
            word.width()
        } else {
            line.width() + 1 + word.width()
        };
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.width() > width {
            let cut: String = line
                .chars()
                .scan(0, |w, c| {
                    *w += c.width().unwrap_or(0);
                    (*w <= width).then_some(c)
                })
                .collect();
            let rest = line[cut.len()..].to_string();
            lines.push(cut);
            line = rest;
        }
    }
    lines.push(line);
    lines
}

/// `text` in lines of at most `width` columns, broken preferably between its
/// " · " parts (each later line starting with "· "), else at spaces.
pub fn pack(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for (i, part) in text.split(" · ").enumerate() {
        if i > 0
            && let Some(last) = lines.last_mut()
            && last.width() + 3 + part.width() <= width
        {
            last.push_str(" · ");
            last.push_str(part);
            continue;
        }
        let part = if i > 0 {
            format!("· {part}")
        } else {
            part.to_string()
        };
        lines.extend(wrap(&part, width));
    }
    lines
}

/// `1 row`, `3 rows`: a count and a noun whose plural adds an s.
pub fn count(n: usize, noun: &str) -> String {
    count_of(n, noun, &format!("{noun}s"))
}

/// `1 reply`, `3 replies`: a count with the noun's own plural.
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `1 day`, `3 days`.
pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_display_width_with_an_ellipsis() {
        assert_eq!(fit("hello", 10), "hello");
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("日本語テキスト", 5), "日本…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(pad_left("42", 5), "   42");
    }

    #[test]
    fn pack_breaks_between_parts_first() {
        assert_eq!(
            pack("Runway 9.67 months · essentials only 11.20 months", 30),
            ["Runway 9.67 months", "· essentials only 11.20 months"]
        );
        assert_eq!(pack("a · b", 10), ["a · b"]);
    }

    #[test]
    fn counts_take_the_right_plural() {
        assert_eq!(count(1, "row"), "1 row");
        assert_eq!(count(0, "row"), "0 rows");
        assert_eq!(count_of(2, "reply", "replies"), "2 replies");
        assert_eq!(days(1), "1 day");
        assert_eq!(days(-3), "-3 days");
    }

    /// Every way a stranger's text could act on a terminal instead of being shown.
    const HOSTILE: &str = "A\x1b]52;c;cm0gLXJmIH4=\x07B\x1b]0;pwned\x07C\x1b[1A\x1b[2K\rD\u{202e}gnp.exe\0E\u{9b}31mF\u{7f}\u{2066}G";

    #[test]
    fn terminal_safe_shows_every_control_and_bidi_character() {
        assert_eq!(
            terminal_safe(HOSTILE, Breaks::Keep),
            "A␛]52;c;cm0gLXJmIH4=␇B␛]0;pwned␇C␛[1A␛[2K␍D\u{fffd}gnp.exe␀E\u{fffd}31mF␡\u{fffd}G"
        );
        for c in terminal_safe(HOSTILE, Breaks::Show).chars() {
            assert!(!c.is_control() && !is_unsafe(c), "{c:?} got through");
        }
        // Every bidi override and isolate, the C1 range's two ends, and the
        // Unicode line breaks that are not C0: NEL, LINE and PARAGRAPH SEPARATOR.
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{2067}', '\u{2068}', '\u{2069}',
            '\u{80}', '\u{9f}', '\u{85}', '\u{2028}', '\u{2029}',
        ] {
            for breaks in [Breaks::Keep, Breaks::Show] {
                assert_eq!(
                    terminal_safe(&format!("a{c}b"), breaks),
                    "a\u{fffd}b",
                    "{c:?}"
                );
            }
        }
        // Vertical tab and form feed show as their pictures.
        assert_eq!(terminal_safe("a\x0bb\x0cc", Breaks::Keep), "a␋b␌c");
    }

    #[test]
    fn line_breaks_and_tabs_stay_only_where_they_belong() {
        let notes = "first\tline\r\nsecond\rthird\n";
        assert_eq!(
            terminal_safe(notes, Breaks::Keep),
            "first\tline\nsecond␍third\n"
        );
        assert_eq!(
            terminal_safe(notes, Breaks::Show),
            "first␉line␍␊second␍third␊"
        );
        // Clean text (any script, emoji, a lone right-to-left word) is not copied.
        for clean in ["Café — 日本語 ✓ 👍", "שלום world", "multi\nline"] {
            assert!(
                matches!(terminal_safe(clean, Breaks::Keep), Cow::Borrowed(_)),
                "{clean}"
            );
        }
    }

    #[test]
    fn fitting_and_wrapping_fit_the_stand_ins() {
        // The stand-ins are one column each, so a cut still fits.
        assert_eq!(fit("a\x1b[31mb", 5), "a␛[3…");
        assert_eq!(fit("x\u{202e}y", 3), "x\u{fffd}y");
        assert_eq!(wrap("one\ntwo \x07three", 8), ["one␊two", "␇three"]);
    }

    #[test]
    fn csv_guard_quotes_formulas_and_undoes_exactly() {
        assert_eq!(csv_cell_guarded("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell_guarded("-30% p99"), "'-30% p99");
        for cell in ["+1 555", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell_guarded(cell), format!("'{cell}"));
        }
        assert_eq!(csv_cell_guarded("Acme"), "Acme");
        assert_eq!(csv_cell_guarded("'quoted'"), "'quoted'");
        // A cell that already starts with ' before a formula gets one more,
        // so taking one off on import gives back what was written.
        assert_eq!(csv_cell_guarded("'=1"), "''=1");
        for cell in ["=1", "'=1", "''-2", "'plain", "plain", "", "'", "-"] {
            assert_eq!(
                csv_cell_unguarded(&csv_cell_guarded(cell)),
                cell,
                "{cell:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn csv_guard_round_trips_any_text(cell in "['=+@\\-\t\ra-z]{0,6}") {
            let guarded = csv_cell_guarded(&cell);
            proptest::prop_assert!(!guarded.starts_with(FORMULA_STARTS));
            proptest::prop_assert_eq!(csv_cell_unguarded(&guarded), cell.as_str());
        }

        #[test]
        fn terminal_safe_output_never_holds_a_control(text in "\\PC*|[\x00-\x1f\u{7f}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}a ]{0,20}") {
            let shown = terminal_safe(&text, Breaks::Show);
            proptest::prop_assert!(!shown.chars().any(|c| c.is_control() || is_unsafe(c)), "{:?}", shown);
        }
    }

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap("a file with that name exists", 10),
            ["a file", "with that", "name", "exists"]
        );
        assert_eq!(wrap("/a/very/long/path", 6), ["/a/ver", "y/long", "/path"]);
        assert_eq!(wrap("", 5), [""]);
    }
}
