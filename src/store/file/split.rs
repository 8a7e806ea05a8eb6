//! Reading a large workbook on every core.
//!
//! careerbook writes each record on one line of its own, inside lists opened
//! on lines of their own (`        wins: [` … `        ],`), and since text is
//! written with escapes, no record ever spans two lines. A large list can so
//! be cut between lines into pieces that parse on their own, one per thread,
//! while the rest of the file (everything but those lists) parses as usual.
//! The result is the workbook ron itself would read.
//!
//! This is only a faster road to the same place: anything unexpected — a hand
//! edit that put a record on two lines, a list written differently, a piece
//! that does not parse — gives `None`, and the caller reads the whole file
//! with ron, which also explains any error with its line and column.

use crate::domain::edit::Kind;
use crate::domain::workbook::Workbook;

/// Below this many records in the large lists, one thread is as quick.
pub const WORTH_SPLITTING: usize = 4_000;

/// Records per piece. Each thread parses a run of pieces, and the pieces are
/// then moved into one list, one by one: a small piece keeps the moment when
/// a piece and its copy are both held small (with two pieces of 50,000 wins,
/// half a list's room more at the peak).
const PIECE: usize = 2_000;

/// Record lines of one kind, each with its line break: a whole list as
/// found in the text, or a piece of one.
struct Lines<'a> {
    kind: Kind,
    text: &'a str,
    count: usize,
}

/// One list of records in the text.
struct List<'a> {
    lines: Lines<'a>,
    /// Where the record lines start and end in the text.
    span: (usize, usize),
}

/// The workbook in `text`, read in pieces on several threads; `None` when the
/// text is not in careerbook's own layout or has fewer than `at_least`
/// records in its lists.
pub fn parse(text: &str, at_least: usize) -> Option<Workbook> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    // On one core the pieces cost more than they save (about 1.3× the CPU
    // of one parse, measured): ron alone is quicker.
    if threads < 2 {
        return None;
    }
    parse_on(text, at_least, threads)
}

fn parse_on(text: &str, at_least: usize, threads: usize) -> Option<Workbook> {
    let lists = lists(text)?;
    let records: usize = lists.iter().map(|l| l.lines.count).sum();
    if records < at_least.max(1) {
        return None;
    }
    let mut skeleton = String::with_capacity(text.len() / 8);
    let mut from = 0;
    for list in &lists {
        skeleton.push_str(&text[from..list.span.0]);
        from = list.span.1;
    }
    skeleton.push_str(&text[from..]);
    let mut workbook: Workbook = ron::Options::default().from_str(&skeleton).ok()?;
    let pieces = pieces(&lists, PIECE);
    let parsed: Vec<Option<Workbook>> = std::thread::scope(|scope| {
        let handles: Vec<_> = pieces
            .chunks(pieces.len().div_ceil(threads))
            .map(|run| {
                scope.spawn(move || {
                    run.iter()
                        .map(|p| p.kind.parse_lines(p.text, p.count, record))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut parsed = Vec::with_capacity(pieces.len());
        for handle in handles {
            parsed.extend(handle.join().unwrap_or_else(|_| vec![None]));
        }
        parsed
    });
    // The skeleton's lists are empty: each piece is appended in file order,
    // and dropped as soon as it is (the file's text is still held).
    for (i, (lines, piece)) in pieces.iter().zip(parsed).enumerate() {
        let more = pieces[i + 1..]
            .iter()
            .filter(|p| p.kind == lines.kind)
            .map(|p| p.count)
            .sum();
        lines.kind.append_list(&mut workbook, &mut piece?, more);
    }
    Some(workbook)
}

/// Every list at `    section: (` / `        name: [` holding records, in file
/// order, found in one pass over the lines; `None` if one is not laid out as
/// careerbook writes it. A section counts only at the workbook's own level
/// (brackets are counted outside strings): text laid out by hand inside
/// another value (a conflict's) can look like a list of wins.
fn lists(text: &str) -> Option<Vec<List<'_>>> {
    let mut found: Vec<List<'_>> = Vec::new();
    let mut section = "";
    let mut depth = 0;
    let mut open: Option<(Kind, usize, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if let Some((kind, from, count)) = open {
            if line == "        ],\n" {
                let text = &text[from..start];
                found.push(List {
                    lines: Lines { kind, text, count },
                    span: (from, start),
                });
                open = None;
                depth -= 1;
            } else if line.starts_with("            (") && line.ends_with("),\n") {
                open = Some((kind, from, count + 1));
            } else {
                return None;
            }
            continue;
        }
        // Outside the lists a string or a block comment may span lines only
        // in a hand edit, and its text could look like a list (a list
        // commented out, say): ron reads such a file.
        let before = depth;
        depth += brackets(line)?;
        if let Some(name) = line
            .strip_prefix("    ")
            .and_then(|l| l.strip_suffix(": (\n"))
            .filter(|_| before == 1)
        {
            section = name;
        } else if let Some(name) = line
            .strip_prefix("        ")
            .and_then(|l| l.strip_suffix(": [\n"))
            .filter(|_| before == 2)
        {
            open = Kind::ALL
                .iter()
                .find(|k| k.path() == [section, name])
                .map(|&k| (k, at, 0));
        }
    }
    (open.is_none() && depth == 0).then_some(found)
}

/// How many brackets `line` opens less those it closes, outside strings;
/// `None` if it may span lines or hides what it holds: a string it does not
/// close, a raw string (`r"…"`, `r#"…"#`, which careerbook never writes), a
/// comment or a char (`'"'`). A false alarm only costs the quick road.
fn brackets(line: &str) -> Option<i32> {
    let mut depth = 0;
    let mut in_string = false;
    let mut bytes = line.bytes();
    let mut before = b' ';
    while let Some(b) = bytes.next() {
        if in_string {
            match b {
                b'\\' => {
                    bytes.next();
                }
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b'/' | b'\'' => return None,
            b'r' if !(before.is_ascii_alphanumeric() || before == b'_') => {
                if matches!(bytes.clone().next(), Some(b'"' | b'#')) {
                    return None;
                }
            }
            _ => {}
        }
        before = b;
    }
    (!in_string).then_some(depth)
}

/// The record on one line of a list, without its comma, if the line holds
/// nothing else: careerbook ends each with `),` and writes no comment, char
/// or raw string there. Anything more (a comment that swallowed the comma, a
/// no-break space after it) is for ron to read or refuse.
fn record(line: &str) -> Option<&str> {
    let record = line.strip_suffix(',')?;
    // Only a comment could make ron read this line alone and the file
    // differently, and a comment needs a `/`: most lines have none, and a
    // line-long scan of each costs a sixth of the read.
    let plain = !record.as_bytes().contains(&b'/') || brackets(record).is_some();
    (record.ends_with(')') && plain).then_some(record)
}

/// The record lines cut into pieces of at most `size` records, in order.
fn pieces<'a>(lists: &[List<'a>], size: usize) -> Vec<Lines<'a>> {
    let mut pieces = Vec::new();
    for list in lists {
        let Lines { kind, text, .. } = list.lines;
        let (mut from, mut count) = (0, 0);
        for (at, _) in text.match_indices('\n') {
            count += 1;
            if count == size.max(1) {
                pieces.push(Lines {
                    kind,
                    text: &text[from..=at],
                    count,
                });
                (from, count) = (at + 1, 0);
            }
        }
        if count > 0 {
            pieces.push(Lines {
                kind,
                text: &text[from..],
                count,
            });
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::file::to_bytes;

    fn ron_reads(text: &str) -> Workbook {
        ron::Options::default()
            .from_str(text)
            .expect("ron reads it")
    }

    #[test]
    fn every_kind_reads_the_same_as_ron_would() {
        // The current fixture holds every kind of record with every field.
        let fixture = include_str!("../../../tests/fixtures/workbook-v2.ron");
        let whole = ron_reads(fixture);
        let text = String::from_utf8(to_bytes(&whole).expect("writes")).expect("utf-8");
        assert_eq!(parse_on(&text, 0, 3), Some(whole));
    }

    #[test]
    fn a_large_list_cut_into_pieces_reads_whole_and_in_order() {
        let demo = ron_reads(crate::demo::DEMO_RON);
        let mut big = demo.clone();
        let template = demo.impact.wins[0].clone();
        for id in 1_000..6_000 {
            let mut win = template.clone();
            win.id = id;
            win.title = format!("win {id} with a \"quote\", a line\nbreak and an ESC \u{1b}");
            big.impact.wins.push(win);
        }
        let text = String::from_utf8(to_bytes(&big).expect("writes")).expect("utf-8");
        let read = parse_on(&text, WORTH_SPLITTING, 3).expect("split");
        assert_eq!(read, big);
        assert_eq!(read, ron_reads(&text));
        assert_eq!(
            parse_on(&text, 1_000_000, 3),
            None,
            "too few records to split"
        );
    }

    #[test]
    fn pieces_hold_every_record_line_once_in_order() {
        let text = "(\n    impact: (\n        wins: [\n".to_string()
            + &"            (id: 1),\n".repeat(7)
            + "        ],\n    ),\n)\n";
        let lists = lists(&text).expect("careerbook's layout");
        assert_eq!(lists[0].lines.count, 7);
        for size in [1, 2, 3, 7, 8] {
            let pieces = pieces(&lists, size);
            let counts: Vec<usize> = pieces.iter().map(|p| p.count).collect();
            let whole: String = pieces.iter().map(|p| p.text).collect();
            assert_eq!(whole, lists[0].lines.text, "size {size}");
            assert_eq!(counts.iter().sum::<usize>(), 7);
            assert!(counts.iter().all(|&c| c <= size), "{counts:?}");
            for piece in &pieces {
                assert_eq!(piece.text.lines().count(), piece.count);
            }
        }
    }

    #[test]
    fn anything_not_in_careerbooks_layout_is_left_to_ron() {
        let demo = ron_reads(crate::demo::DEMO_RON);
        let text = String::from_utf8(to_bytes(&demo).expect("writes")).expect("utf-8");
        // A hand edit put a note on two lines, inside a raw string.
        let two_lines = text.replacen(
            "notes: Some(\"",
            "notes: Some(r#\"a hand-written\n            (looks like a record)\n",
            1,
        );
        let two_lines = two_lines.replacen("\"), tags", "\"#), tags", 1);
        assert_eq!(parse_on(&two_lines, 0, 3), None);
        // A damaged record in a piece: not half a workbook, but none.
        let damaged = text.replacen("category: ", "category: ???", 1);
        assert_eq!(parse_on(&damaged, 0, 3), None);
        // A hand-written string over several lines whose text looks like a
        // list of wins: cut out, the string would change and a win appear.
        let win = text
            .split_inclusive('\n')
            .skip_while(|l| *l != "        wins: [\n")
            .nth(1)
            .expect("a win line");
        let fake = format!("\n    impact: (\n        wins: [\n{win}        ],\n");
        for string in [format!("\"{fake}"), format!("r#\"{fake}")] {
            let hidden = text.replacen("team: Some(\"", &format!("team: Some({string}"), 1);
            let hidden = hidden.replacen(
                "(restructured in October)\")",
                if string.starts_with('r') {
                    "\"#)"
                } else {
                    "\")"
                },
                1,
            );
            assert_ne!(hidden, text);
            assert_eq!(parse_on(&hidden, 0, 3), None, "{hidden}");
        }
        // A list commented out by hand, above the real one: not records.
        let commented = text.replacen(
            "        wins: [\n",
            &format!("        /*\n        wins: [\n{win}        ],\n        */\n        wins: [\n"),
            1,
        );
        assert_eq!(parse_on(&commented, 0, 3), None);
        // A comma left out between two records, wherever the cut falls.
        let no_comma = format!("{}\n", win.trim_end().trim_end_matches(','));
        let missing = text.replacen(win, &no_comma, 1);
        assert_ne!(missing, text);
        assert_eq!(parse_on(&missing, 0, 3), None);
        // Written on one line by hand: not the layout at all.
        let flat = text.replace('\n', " ");
        assert_eq!(parse_on(&flat, 0, 3), None);
    }
}
