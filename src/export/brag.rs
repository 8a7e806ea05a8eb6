//! The brag document: wins as résumé-ready Markdown, newest quarter first, then
//! by the article's levers.
//!
//! A bullet leads with the result when there is one: `**$40k/yr** — Consolidated
//! EC2 clusters (2026-10-14)`. The title is the user's own words, so it is never
//! reworded; putting the figure first, in bold, is what makes the line lead with
//! the result. Notes follow as sub-bullets, one per line, then the link.
//!
//! User text is shown literally: characters Markdown would read as formatting or
//! structure (`*`, `[`, a leading `#` or `-`, `1.` …) are backslash-escaped, and
//! control and bidi characters show as the terminal rule's stand-ins
//! ([`terminal_safe`]), since the document is read in terminals and viewers alike.

use crate::domain::impact::{Category, Win, newest_first};
use crate::text::{Breaks, terminal_safe};
use chrono::{Datelike, NaiveDate};

/// The whole document for `wins` under the heading `title`.
pub fn markdown(wins: &[&Win], title: &str) -> String {
    let mut out = format!("# {}\n", escape_heading(title));
    if wins.is_empty() {
        out.push_str("\nNo wins to show.\n");
        return out;
    }
    let mut sorted = wins.to_vec();
    sorted.sort_by(|a, b| {
        quarter(b.date)
            .cmp(&quarter(a.date))
            .then(a.category.cmp(&b.category))
            .then(newest_first(a, b))
    });
    let mut section: Option<((i32, u32), Category)> = None;
    for win in sorted {
        let this_quarter = quarter(win.date);
        if section.map(|(q, _)| q) != Some(this_quarter) {
            let (year, q) = this_quarter;
            out.push_str(&format!("\n## {year} Q{q}\n"));
        }
        if section != Some((this_quarter, win.category)) {
            out.push_str(&format!("\n### {}\n\n", win.category.label()));
        }
        section = Some((this_quarter, win.category));
        push_bullet(&mut out, win);
    }
    out
}

/// Calendar year and quarter (1–4).
fn quarter(date: NaiveDate) -> (i32, u32) {
    (date.year(), (date.month() - 1) / 3 + 1)
}

fn push_bullet(out: &mut String, win: &Win) {
    let title = escape_inline(&one_line(&win.title));
    let metric = win
        .metric
        .as_ref()
        .map(|m| one_line(&m.text))
        .filter(|t| !t.is_empty());
    let lead = match metric {
        Some(metric) => format!("**{}** — {title}", escape_inline(&metric)),
        None => escape_block_start(title),
    };
    out.push_str(&format!("- {lead} ({})\n", win.date));
    for line in win.notes.iter().flat_map(|notes| notes.lines()) {
        let line = one_line(line);
        let line = strip_list_marker(&line);
        if !line.is_empty() {
            out.push_str(&format!(
                "  - {}\n",
                escape_block_start(escape_inline(line))
            ));
        }
    }
    if let Some(link) = win.link.as_deref().map(one_line).filter(|l| !l.is_empty()) {
        out.push_str(&format!("  - Link: {}\n", link_text(&link)));
    }
}

/// User text on one line, trimmed, with control and bidi characters shown as stand-ins.
fn one_line(text: &str) -> String {
    terminal_safe(text.trim(), Breaks::Show).into_owned()
}

/// A notes line written as a bullet (`- did X`) becomes our sub-bullet as is.
fn strip_list_marker(line: &str) -> &str {
    ["- ", "* ", "+ ", "• "]
        .iter()
        .find_map(|marker| line.strip_prefix(marker))
        .map_or(line, str::trim_start)
}

/// `<https://…>` when it is a valid autolink, else a code span, else escaped text.
fn link_text(link: &str) -> String {
    if is_autolink(link) {
        format!("<{link}>")
    } else if !link.contains('`') {
        format!("`{link}`")
    } else {
        escape_block_start(escape_inline(link))
    }
}

/// CommonMark's absolute-URI autolink: a 2–32 character scheme, then no spaces,
/// `<`, `>` or control characters.
fn is_autolink(link: &str) -> bool {
    let Some((scheme, rest)) = link.split_once("://") else {
        return false;
    };
    let scheme_ok = (2..=32).contains(&scheme.len())
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let rest_ok = !rest.is_empty()
        && !rest.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    scheme_ok && rest_ok
}

/// Escapes characters that start inline formatting anywhere in a line. An
/// underscore inside a word (`snake_case`) cannot start emphasis, so it stays.
fn escape_inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let inside_word = i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|next| next.is_alphanumeric());
        let special = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '~' => true,
            '_' => !inside_word,
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would make the start of a list item a heading, a nested list or
/// an ordered list: a leading `#`, `-`, `+`, or `12.` / `12)` followed by a space.
fn escape_block_start(text: String) -> String {
    if text.starts_with(['#', '-', '+']) {
        return format!("\\{text}");
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &text[digits..];
    let marker =
        rest.starts_with(['.', ')']) && rest[1..].chars().next().is_none_or(char::is_whitespace);
    if (1..=9).contains(&digits) && marker {
        return format!("{}\\{rest}", &text[..digits]);
    }
    text
}

/// Heading text: inline escapes, plus `#` (a trailing `#` run would be dropped).
fn escape_heading(text: &str) -> String {
    escape_inline(&one_line(text)).replace('#', "\\#")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::Metric;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn win(id: u64, date: NaiveDate, category: Category, title: &str, metric: Option<&str>) -> Win {
        Win {
            id,
            date,
            title: title.into(),
            category,
            metric: metric.map(|m| Metric::parse(m).expect("test metric")),
            notes: None,
            tags: vec!["ignored".into()],
            link: None,
        }
    }

    fn sample() -> Vec<Win> {
        vec![
            Win {
                notes: Some("Merged 3 clusters into 1.\n\n- Saved on-call time too".into()),
                ..win(
                    1,
                    d(2026, 10, 14),
                    Category::CostSavings,
                    "Consolidated EC2 clusters",
                    Some("$40k/yr"),
                )
            },
            Win {
                link: Some("https://crm.example.com/deals/42".into()),
                ..win(
                    2,
                    d(2026, 11, 2),
                    Category::Revenue,
                    "Closed the Acme renewal",
                    Some("$1.2M ARR"),
                )
            },
            Win {
                link: Some("~/docs/key rotation.pdf".into()),
                ..win(
                    3,
                    d(2026, 12, 1),
                    Category::RiskReduction,
                    "- Rotated *all* keys after [audit]",
                    None,
                )
            },
            Win {
                notes: Some("Worked with the support_ops team on a _draft_ flow".into()),
                ..win(
                    4,
                    d(2026, 8, 20),
                    Category::CustomerRetention,
                    "Fixed onboarding emails",
                    Some("churn 4% → 3%"),
                )
            },
            win(
                5,
                d(2026, 9, 3),
                Category::Other,
                "1. Mentored two new hires",
                None,
            ),
            win(
                6,
                d(2026, 10, 20),
                Category::CostSavings,
                "Cut CI time",
                Some("12 hours/week"),
            ),
            win(
                7,
                d(2025, 12, 31),
                Category::Revenue,
                "# of deals doubled",
                None,
            ),
        ]
    }

    #[test]
    fn groups_by_quarter_then_lever_newest_first() {
        let wins = sample();
        let refs: Vec<&Win> = wins.iter().collect();
        let expected = "\
# Brag document

## 2026 Q4

### Revenue

- **$1.2M ARR** — Closed the Acme renewal (2026-11-02)
  - Link: <https://crm.example.com/deals/42>

### Cost savings

- **12 hours/week** — Cut CI time (2026-10-20)
- **$40k/yr** — Consolidated EC2 clusters (2026-10-14)
  - Merged 3 clusters into 1.
  - Saved on-call time too

### Risk reduction

- \\- Rotated \\*all\\* keys after \\[audit\\] (2026-12-01)
  - Link: `~/docs/key rotation.pdf`

## 2026 Q3

### Customer retention

- **churn 4% → 3%** — Fixed onboarding emails (2026-08-20)
  - Worked with the support_ops team on a \\_draft\\_ flow

### Other

- 1\\. Mentored two new hires (2026-09-03)

## 2025 Q4

### Revenue

- \\# of deals doubled (2025-12-31)
";
        assert_eq!(markdown(&refs, "Brag document"), expected);
    }

    #[test]
    fn control_and_bidi_characters_show_as_stand_ins() {
        let hostile = Win {
            notes: Some("ok\x1b]52;c;eHh4\x07\r\n\u{202e}evil".into()),
            link: Some("https://x.example/\x1b[2K".into()),
            ..win(
                1,
                d(2026, 11, 2),
                Category::Revenue,
                "Closed\x1b]0;owned\x07 deal\rHIDDEN",
                Some("$5k \u{9b}1A"),
            )
        };
        let text = markdown(&[&hostile], "Wins\x1b[1A");
        assert!(
            !text.contains(|c: char| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(!text.contains('\u{202e}'), "{text:?}");
        assert_eq!(
            text,
            "# Wins␛\\[1A\n\n## 2026 Q4\n\n### Revenue\n\n\
             - **$5k \u{fffd}1A** — Closed␛\\]0;owned␇ deal␍HIDDEN (2026-11-02)\n  \
             - ok␛\\]52;c;eHh4␇\n  - \u{fffd}evil\n  - Link: <https://x.example/␛[2K>\n"
        );
    }

    #[test]
    fn empty_selection_says_so() {
        assert_eq!(
            markdown(&[], "Wins #2"),
            "# Wins \\#2\n\nNo wins to show.\n"
        );
    }

    #[test]
    fn escapes_only_what_would_change_the_structure() {
        assert_eq!(
            escape_block_start(escape_inline("snake_case and 1.5x faster")),
            "snake_case and 1.5x faster"
        );
        assert_eq!(escape_block_start("+ plus".into()), "\\+ plus");
        assert_eq!(escape_block_start("2026) launch".into()), "2026\\) launch");
        assert_eq!(escape_block_start("2026 launch".into()), "2026 launch");
        assert_eq!(
            escape_inline("a <b> `c` ~d~ \\e"),
            "a \\<b\\> \\`c\\` \\~d\\~ \\\\e"
        );
        assert_eq!(link_text("http://x.io/a b"), "`http://x.io/a b`");
        assert_eq!(link_text("odd`path"), "odd\\`path");
    }
}
