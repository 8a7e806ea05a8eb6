//! How every command writes to standard output: text for people, always
//! terminal-safe; file formats (CSV, iCalendar) byte for byte, unless they go
//! to a terminal; JSON with anything a terminal would act on escaped. And how
//! wide text may be: the terminal's width, or no wrapping at all in a pipe.

use super::Failure;
use crate::text::{Breaks, is_unsafe, terminal_safe};
use std::io::{IsTerminal, Write};

/// Writes text for people (and Markdown). Control and bidi characters show as
/// stand-ins ([`terminal_safe`]); line breaks and tabs stay.
pub fn print(text: &str) -> Result<(), Failure> {
    write_out(terminal_safe(text, Breaks::Keep).as_bytes())
}

/// Writes a file format (CSV, iCalendar) exactly, for a pipe or a redirect.
/// On a terminal nobody parses it, so it is shown as text, terminal-safe.
pub fn print_data(text: &str) -> Result<(), Failure> {
    if stdout_is_terminal() {
        print(text)
    } else {
        write_out(text.as_bytes())
    }
}

/// Prints `value` as pretty JSON. serde_json escapes the C0 controls; the
/// characters it leaves raw that a terminal would act on (DEL, the C1
/// controls, bidi overrides and isolates) are written as `\uXXXX` escapes
/// too, so the JSON is safe to show and still reads back to the same strings.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::runtime(format!("cannot write JSON: {e}")))?;
    write_out(format!("{}\n", json_safe(&text)).as_bytes())
}

/// JSON text with DEL, C1 and bidi characters escaped. They can only occur
/// inside strings (JSON's own syntax is ASCII), where `\uXXXX` means the same.
fn json_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c != '\n' && is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A reader that went away (`| head`) is not an error: the output simply
/// stops, as with other Unix tools.
fn write_out(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::runtime(format!("cannot write the output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Writes `careerbook: message` to standard error, terminal-safe: messages
/// quote file names and spreadsheet cells.
pub fn warn(message: &str) {
    eprintln!("careerbook: {}", terminal_safe(message, Breaks::Keep));
}

pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

pub fn stdin_is_terminal() -> bool {
    std::io::stdin().is_terminal()
}

/// The columns text may fill: the terminal's width when standard output is a
/// terminal (80 if it does not say), `None` when it is not: then nothing is
/// wrapped, so each record stays on one line for `grep`, `cut` and `awk`.
pub fn text_width() -> Option<usize> {
    if !stdout_is_terminal() {
        return None;
    }
    let columns = rustix::termios::tcgetwinsize(std::io::stdout()).map_or(0, |size| size.ws_col);
    Some(if columns == 0 {
        80
    } else {
        usize::from(columns)
    })
}

/// `text` in lines of at most `width` columns, or on one line without a width.
/// Either way terminal-safe, with a line break in `text` shown as `␊`.
pub fn lines(text: &str, width: Option<usize>) -> Vec<String> {
    match width {
        Some(width) => crate::text::wrap(text, width),
        None => vec![one_line(text)],
    }
}

/// A value that must stay on its line (a title, a company, a name), with
/// control and bidi characters, line breaks and tabs shown as stand-ins.
pub fn one_line(text: &str) -> String {
    terminal_safe(text, Breaks::Show).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_a_terminal_would_act_on_and_reads_back_the_same() {
        let value = serde_json::json!({ "title": "a\u{1b}]0;x\u{7}\u{9b}1A\u{202e}b\u{7f}\nc" });
        let text = json_safe(&serde_json::to_string_pretty(&value).expect("json"));
        assert!(
            !text.contains(|c: char| c != '\n' && is_unsafe(c)),
            "{text:?}"
        );
        assert!(text.contains(r"\u009b1A\u202eb\u007f\nc"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn lines_wrap_to_a_width_or_stay_one() {
        assert_eq!(lines("one two three", Some(7)), ["one two", "three"]);
        assert_eq!(lines("one\ntwo three", None), ["one␊two three"]);
    }
}
