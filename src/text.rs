//! Fitting text into columns: cutting, padding and wrapping by display width.
//! Shared by the screens and the command line.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to at most `width` columns, ending in `…` when it was cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
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
/// (a word longer than a line is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
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
