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

use crate::domain::edit::{Item, Kind};
use crate::domain::workbook::Workbook;

/// Below this many records in the large lists, one thread is as quick.
pub const WORTH_SPLITTING: usize = 4_000;

/// One list of records, as lines of the text.
struct List<'a> {
    kind: Kind,
    /// The record lines, each with its line break.
    records: Vec<&'a str>,
    /// Where the record lines start and end in the text.
    span: (usize, usize),
}

/// The workbook in `text`, read in pieces on several threads; `None` when the
/// text is not in careerbook's own layout or has fewer than `at_least`
/// records in its lists.
pub fn parse(text: &str, at_least: usize) -> Option<Workbook> {
    let lists = lists(text)?;
    let records: usize = lists.iter().map(|l| l.records.len()).sum();
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
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let pieces = pieces(&lists, records.div_ceil(threads));
    let parsed: Vec<Option<Vec<Item>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = pieces
            .iter()
            .map(|(kind, lines)| scope.spawn(move || parse_piece(*kind, lines)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    let mut by_kind: Vec<(Kind, Vec<Item>)> = lists
        .iter()
        .map(|l| (l.kind, Vec::with_capacity(l.records.len())))
        .collect();
    for ((kind, _), piece) in pieces.iter().zip(parsed) {
        let items = piece?;
        by_kind.iter_mut().find(|(k, _)| k == kind)?.1.extend(items);
    }
    for (kind, items) in by_kind {
        kind.set_list(&mut workbook, items);
    }
    Some(workbook)
}

/// Every list at `    section: (` / `        name: [` holding records, in file
/// order, found in one pass over the lines; `None` if one is not laid out as
/// careerbook writes it.
fn lists(text: &str) -> Option<Vec<List<'_>>> {
    let mut found: Vec<List<'_>> = Vec::new();
    let mut section = "";
    let mut open: Option<(Kind, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if let Some((kind, from)) = open {
            if line == "        ],\n" {
                let records = text[from..start].split_inclusive('\n').collect();
                found.push(List {
                    kind,
                    records,
                    span: (from, start),
                });
                open = None;
            } else if !line.starts_with("            (") {
                return None;
            }
            continue;
        }
        if let Some(name) = line
            .strip_prefix("    ")
            .and_then(|l| l.strip_suffix(": (\n"))
        {
            section = name;
        } else if let Some(name) = line
            .strip_prefix("        ")
            .and_then(|l| l.strip_suffix(": [\n"))
        {
            open = Kind::ALL
                .iter()
                .find(|k| k.path() == [section, name])
                .map(|&k| (k, at));
        }
    }
    open.is_none().then_some(found)
}

/// The record lines cut into pieces of about `size` records, in order.
fn pieces<'a>(lists: &[List<'a>], size: usize) -> Vec<(Kind, Vec<&'a str>)> {
    lists
        .iter()
        .flat_map(|list| {
            list.records
                .chunks(size.max(1))
                .map(move |chunk| (list.kind, chunk.to_vec()))
        })
        .collect()
}

fn parse_piece(kind: Kind, lines: &[&str]) -> Option<Vec<Item>> {
    let mut text = String::with_capacity(lines.iter().map(|l| l.len()).sum::<usize>() + 4);
    text.push_str("[\n");
    lines.iter().for_each(|l| text.push_str(l));
    text.push(']');
    kind.parse_list(&text)
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
        assert_eq!(parse(&text, 0), Some(whole));
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
        let read = parse(&text, WORTH_SPLITTING).expect("split");
        assert_eq!(read, big);
        assert_eq!(read, ron_reads(&text));
        assert_eq!(parse(&text, 1_000_000), None, "too few records to split");
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
        assert_eq!(parse(&two_lines, 0), None);
        // A damaged record in a piece: not half a workbook, but none.
        let damaged = text.replacen("category: ", "category: ???", 1);
        assert_eq!(parse(&damaged, 0), None);
        // Written on one line by hand: not the layout at all.
        let flat = text.replace('\n', " ");
        assert_eq!(parse(&flat, 0), None);
    }
}
