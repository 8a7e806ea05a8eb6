//! Reading a workbook quickly, on every core when it is large.
//!
//! careerbook writes each record on one line of its own, inside lists opened
//! on lines of their own (`        wins: [` … `        ],`), and since text is
//! written with escapes, no record ever spans two lines. The lists can so be
//! cut between lines into pieces that parse on their own, one run of pieces
//! per thread, while the rest of the file (everything but those lists) parses
//! with ron as usual. Each record line is read by a reader that takes only
//! what careerbook writes (`line`), and by ron when it will not. The result
//! is the workbook ron itself would read.
//!
//! This is only a faster road to the same place: anything unexpected — a hand
//! edit that put a record on two lines, a list written differently, a piece
//! that does not parse — gives `None`, and the caller reads the whole file
//! with ron, which also explains any error with its line and column.

use super::line;
use crate::domain::edit::{Kind, ReadLine};
use crate::domain::workbook::Workbook;

/// Below this many records in the lists, one thread is as quick.
const WORTH_THREADS: usize = 4_000;

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
    /// The record lines cut into pieces of at most `PIECE` records, in order.
    pieces: Vec<Lines<'a>>,
}

/// The workbook in `text`, its records read on up to four threads; `None`
/// when the text is not in careerbook's own layout or holds no records.
pub fn parse(text: &str) -> Option<Workbook> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    parse_on(text, cores)
}

fn parse_on(text: &str, cores: usize) -> Option<Workbook> {
    let lists = lists(text, PIECE)?;
    let records: usize = lists.iter().map(|l| l.lines.count).sum();
    if records == 0 {
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
    let pieces: Vec<&Lines<'_>> = lists.iter().flat_map(|l| &l.pieces).collect();
    let read = |run: &[&Lines<'_>]| {
        run.iter()
            .map(|piece| {
                piece
                    .kind
                    .parse_lines(piece.text, piece.count, &Records::default())
            })
            .collect::<Vec<_>>()
    };
    let parsed: Vec<Option<Workbook>> = if records < WORTH_THREADS || cores < 2 {
        read(&pieces)
    } else {
        std::thread::scope(|scope| {
            // A run whose thread cannot be had (a limit on tasks, in a
            // container say) is read on this one: never a panic.
            let runs: Vec<_> = pieces
                .chunks(pieces.len().div_ceil(cores))
                .map(|run| {
                    let thread = std::thread::Builder::new().spawn_scoped(scope, move || read(run));
                    (run, thread)
                })
                .collect();
            let mut parsed = Vec::with_capacity(pieces.len());
            for (run, thread) in runs {
                parsed.extend(match thread {
                    Ok(thread) => thread.join().unwrap_or_else(|_| vec![None]),
                    Err(_) => read(run),
                });
            }
            parsed
        })
    };
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
/// order, cut into pieces of at most `size` records, found in one pass over
/// the lines; `None` if one is not laid out as careerbook writes it. A
/// section counts only at the workbook's own level (brackets are counted
/// outside strings): text laid out by hand inside another value (a
/// conflict's) can look like a list of wins.
fn lists(text: &str, size: usize) -> Option<Vec<List<'_>>> {
    let size = size.max(1);
    let mut found: Vec<List<'_>> = Vec::new();
    let mut section = "";
    let mut depth = 0;
    // The list being read, and where its last piece so far starts.
    let mut open: Option<(List<'_>, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if let Some((list, piece_from)) = &mut open {
            let kind = list.lines.kind;
            if line == "        ],\n" {
                let count = list.lines.count - list.pieces.iter().map(|p| p.count).sum::<usize>();
                if count > 0 {
                    let text = &text[*piece_from..start];
                    list.pieces.push(Lines { kind, text, count });
                }
                list.lines.text = &text[list.span.0..start];
                list.span.1 = start;
                found.extend(open.take().map(|(list, _)| list));
                depth -= 1;
            } else if line.starts_with("            (") && line.ends_with("),\n") {
                list.lines.count += 1;
                if list.lines.count % size == 0 {
                    let text = &text[*piece_from..at];
                    list.pieces.push(Lines {
                        kind,
                        text,
                        count: size,
                    });
                    *piece_from = at;
                }
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
                .map(|&kind| {
                    let lines = Lines {
                        kind,
                        text: "",
                        count: 0,
                    };
                    let list = List {
                        lines,
                        span: (at, at),
                        pieces: Vec::new(),
                    };
                    (list, at)
                });
        }
    }
    (open.is_none() && depth == 0).then_some(found)
}

/// How many brackets `line` opens less those it closes, outside strings;
/// `None` if it may span lines or hides what it holds: a string it does not
/// close, a raw string (`r"…"`, `r#"…"#`, which careerbook never writes), a
/// comment, a char (`'"'`) or an attribute (`#![enable(implicit_some)]`,
/// which changes how every line reads). A false alarm only costs the quick
/// road.
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
            b'/' | b'\'' | b'#' => return None,
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

/// Reads a record line as careerbook writes it, or else as ron would.
#[derive(Default)]
struct Records {
    ron: ron::Options,
}

impl ReadLine for Records {
    fn read<T: serde::de::DeserializeOwned>(&self, line: &str) -> Option<T> {
        // A line read exactly as careerbook writes it holds nothing else.
        if let Some(value) = line.strip_suffix(',').and_then(line::read) {
            return Some(value);
        }
        self.ron.from_str(record(line)?).ok()
    }
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
        assert_eq!(parse_on(&text, 3), Some(whole));
    }

    /// Reads a line only as careerbook writes it.
    struct OwnLayout;

    impl ReadLine for OwnLayout {
        fn read<T: serde::de::DeserializeOwned>(&self, line: &str) -> Option<T> {
            line::read(line.strip_suffix(',')?)
        }
    }

    /// Reads a line only with ron.
    struct Ron;

    impl ReadLine for Ron {
        fn read<T: serde::de::DeserializeOwned>(&self, line: &str) -> Option<T> {
            ron::Options::default()
                .from_str(line.strip_suffix(',')?)
                .ok()
        }
    }

    /// Bits of text a hand edit, another tool or a bad disk puts in a line.
    const HAND_EDITS: &[&str] = &[
        "(", ")", "[", "]", ",", ", ", " ", ":", ": ", "\"", "\\", "'", "/", "/*", "*/", "//", "#",
        "r", "r#", "0", "1", "9", "-", "_", ".", "e", "u", "{", "}", "\\u{41}", "\\x41", "Some",
        "None", "Some(", "true", "\t", "\r", "é", "\u{202e}", "\u{a0}",
    ];

    /// One to three random edits of `text`, each putting one of `bits` in
    /// place of up to `longest` characters' worth of bytes.
    fn damage(rng: &mut fastrand::Rng, text: &mut String, bits: &[&str], longest: usize) {
        for _ in 0..rng.usize(1..=3) {
            let at = loop {
                let at = rng.usize(..=text.len());
                if text.is_char_boundary(at) {
                    break at;
                }
            };
            let end = (at + rng.usize(0..=longest)).min(text.len());
            let end = (end..=text.len())
                .find(|&e| text.is_char_boundary(e))
                .unwrap_or(at);
            text.replace_range(at..end, bits[rng.usize(..bits.len())]);
        }
    }

    fn fixture_text() -> String {
        let fixture = include_str!("../../../tests/fixtures/workbook-v2.ron");
        String::from_utf8(to_bytes(&ron_reads(fixture)).expect("writes")).expect("utf-8")
    }

    #[test]
    fn every_kind_of_record_careerbook_writes_is_read_without_ron_and_the_same() {
        let text = fixture_text();
        let lists = lists(&text, PIECE).expect("careerbook's layout");
        assert!(lists.len() >= 14, "the fixture holds every kind");
        for list in &lists {
            let Lines { kind, text, count } = list.lines;
            let own = kind.parse_lines(text, count, &OwnLayout);
            assert!(own.is_some(), "{kind:?} lines are read by the quick reader");
            assert_eq!(own, kind.parse_lines(text, count, &Ron), "{kind:?}");
        }
    }

    #[test]
    fn a_damaged_line_is_read_the_same_as_ron_reads_it_or_left_to_ron() {
        // Random edits of every record line, of the kinds a hand edit or a
        // bad disk makes; whatever the quick reader takes, ron must read the
        // same. About one in eight is still read (edits inside text, mostly).
        let text = fixture_text();
        let lists = lists(&text, PIECE).expect("careerbook's layout");
        let lines: Vec<(Kind, &str)> = lists
            .iter()
            .flat_map(|l| l.lines.text.lines().map(|line| (l.lines.kind, line)))
            .collect();
        let mut rng = fastrand::Rng::with_seed(17);
        let mut taken = 0;
        let tries = 20_000;
        for _ in 0..tries {
            let (kind, line) = lines[rng.usize(..lines.len())];
            let mut damaged = line.to_string();
            damage(&mut rng, &mut damaged, HAND_EDITS, 2);
            let one = format!("{damaged}\n");
            let own = kind.parse_lines(&one, 1, &OwnLayout);
            if own.is_some() {
                taken += 1;
                assert_eq!(own, kind.parse_lines(&one, 1, &Ron), "{damaged}");
            }
        }
        assert!(
            taken > tries / 20,
            "only {taken} damaged lines were read at all"
        );
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
        for cores in [1, 3] {
            let read = parse_on(&text, cores).expect("split");
            assert_eq!(read, big, "on {cores} cores");
        }
        assert_eq!(ron_reads(&text), big);
    }

    #[test]
    fn pieces_hold_every_record_line_once_in_order() {
        let text = "(\n    impact: (\n        wins: [\n".to_string()
            + &"            (id: 1),\n".repeat(7)
            + "        ],\n    ),\n    runway: (\n        accounts: [\n"
            + &"            (id: 9),\n".repeat(3)
            + "        ],\n    ),\n)\n";
        for size in [1, 2, 3, 7, 8] {
            let lists = lists(&text, size).expect("careerbook's layout");
            let counts: Vec<usize> = lists.iter().map(|l| l.lines.count).collect();
            assert_eq!(counts, [7, 3]);
            for list in &lists {
                let counts: Vec<usize> = list.pieces.iter().map(|p| p.count).collect();
                let whole: String = list.pieces.iter().map(|p| p.text).collect();
                assert_eq!(whole, list.lines.text, "size {size}");
                assert_eq!(&text[list.span.0..list.span.1], list.lines.text);
                assert_eq!(counts.iter().sum::<usize>(), list.lines.count);
                assert!(counts.iter().all(|&c| c <= size), "{counts:?}");
                for piece in &list.pieces {
                    assert_eq!(piece.text.lines().count(), piece.count);
                    assert_eq!(piece.kind, list.lines.kind);
                }
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
        assert_eq!(parse_on(&two_lines, 3), None);
        // A damaged record in a piece: not half a workbook, but none.
        let damaged = text.replacen("category: ", "category: ???", 1);
        assert_eq!(parse_on(&damaged, 3), None);
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
            assert_eq!(parse_on(&hidden, 3), None, "{hidden}");
        }
        // A list commented out by hand, above the real one: not records.
        let commented = text.replacen(
            "        wins: [\n",
            &format!("        /*\n        wins: [\n{win}        ],\n        */\n        wins: [\n"),
            1,
        );
        assert_eq!(parse_on(&commented, 3), None);
        // A comma left out between two records, wherever the cut falls.
        let no_comma = format!("{}\n", win.trim_end().trim_end_matches(','));
        let missing = text.replacen(win, &no_comma, 1);
        assert_ne!(missing, text);
        assert_eq!(parse_on(&missing, 3), None);
        // An attribute changes how ron reads every record line.
        let attribute = format!("#![enable(implicit_some)]\n{text}");
        assert_eq!(parse_on(&attribute, 3), None);
        // Written on one line by hand: not the layout at all.
        let flat = text.replace('\n', " ");
        assert_eq!(parse_on(&flat, 3), None);
    }

    /// The value of each field in a record line (`name: value`), in order.
    fn fields(record: &str) -> Vec<String> {
        let inner = record
            .trim_start()
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix("),"))
            .expect("a record line");
        let mut fields = vec![String::new()];
        let (mut depth, mut in_string, mut escaped) = (0, false, false);
        for c in inner.chars() {
            let field = fields.last_mut().expect("one");
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
            } else {
                match c {
                    '"' => in_string = true,
                    '(' | '[' => depth += 1,
                    ')' | ']' => depth -= 1,
                    ',' if depth == 0 => {
                        fields.push(String::new());
                        continue;
                    }
                    _ => {}
                }
            }
            field.push(c);
        }
        fields.into_iter().map(|f| f.trim().to_string()).collect()
    }

    #[test]
    fn fields_in_any_order_left_out_or_doubled_read_as_ron_reads_them() {
        // A hand edit or another tool may write a record's fields in any
        // order, leave some out, write `None`, double one or add one: what
        // the quick reader takes, ron reads the same, on every kind.
        let text = fixture_text();
        let lists = lists(&text, PIECE).expect("careerbook's layout");
        let mut rng = fastrand::Rng::with_seed(17);
        let mut taken = 0;
        for list in &lists {
            for line in list.lines.text.lines() {
                let written = fields(line);
                for _ in 0..100 {
                    let mut edited = written.clone();
                    rng.shuffle(&mut edited);
                    let at = rng.usize(..edited.len());
                    let name = edited[at].split(':').next().unwrap_or_default().to_string();
                    match rng.usize(..5) {
                        0 => drop(edited.remove(at)),
                        1 => edited.push(edited[at].clone()),
                        2 => edited[at] = format!("{name}: None"),
                        3 => edited.push("unknown: 1".to_string()),
                        _ => {}
                    }
                    let one = format!("({}),\n", edited.join(", "));
                    let kind = list.lines.kind;
                    let own = kind.parse_lines(&one, 1, &OwnLayout);
                    if own.is_some() {
                        taken += 1;
                        assert_eq!(own, kind.parse_lines(&one, 1, &Ron), "{one}");
                    }
                }
            }
        }
        // Doubled or unknown fields are refused, and most left out; about
        // one edited line in seven is still a whole record.
        assert!(taken > 500, "only {taken} edited lines were read");
    }

    #[test]
    fn a_damaged_record_line_reads_as_ron_reads_the_whole_file() {
        // Random edits inside one record line of the whole file, where a
        // comment or a string can reach past the line: whenever the quick
        // road gives a workbook, ron reads the file as the same one.
        let more = [
            "r\"", "br\"", "b\"", "\"#", "'a'", "b'a'", "+", "0x", "1e3", "()", "\\'", "\\0",
            "True", "r#id", "\u{85}", "\u{2028}", "\u{feff}", "), (", "-1",
        ];
        let words = [
            "\\u{D800}",
            "Some(None)",
            "percent(",
            "id: 5, ",
            "4294967296",
        ];
        let bits: Vec<&str> = HAND_EDITS
            .iter()
            .chain(&more)
            .chain(&words)
            .copied()
            .collect();
        // Ends a record early: ron alone reads it, and its comment hides the
        // comma from the file.
        let endings = ["), // x", ") // \"", ") /* x */", "), ", ")"];
        let text = fixture_text();
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let records: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].starts_with("            ("))
            .collect();
        let mut rng = fastrand::Rng::with_seed(17);
        let mut taken = 0;
        for _ in 0..1_500 {
            let at = records[rng.usize(..records.len())];
            let written = lines[at];
            let mut record = written[13..written.len() - 3].to_string();
            damage(&mut rng, &mut record, &bits, 3);
            if rng.usize(..4) == 0 {
                record.push_str(endings[rng.usize(..endings.len())]);
            }
            let line = format!("            ({record}),\n");
            let mut edited = lines.clone();
            edited[at] = &line;
            let edited = edited.concat();
            if let Some(quick) = parse_on(&edited, 1) {
                taken += 1;
                let ron = ron::Options::default().from_str::<Workbook>(&edited);
                assert_eq!(ron.ok(), Some(quick), "{line}");
            }
        }
        assert!(taken > 50, "only {taken} damaged files were read at all");
    }
}
