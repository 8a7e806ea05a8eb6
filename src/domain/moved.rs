//! Records a sync gave new ids ("win 24 from this copy is now win 25": the
//! other machine had given 24 to a record of its own), and the edits a
//! session made against the old ids, which must follow the record rather
//! than land on the other machine's record that took its id.
//!
//! A move is only followed when the record the edit saw is recognisably the
//! one now at the new id, and not the one now at the old id (by its name,
//! then by every field): so a move recorded long ago, or one a session opened
//! after the sync never sees, changes nothing.

use super::Id;
use super::edit::{Edit, Item, Kind};
use super::workbook::Workbook;

/// Record `from` of `kind` is now record `to`.
pub type Move = (Kind, Id, Id);

/// Where record `id` of `kind` went through `moves`, in the order they happened.
fn destination(moves: &[Move], kind: Kind, id: Id) -> Id {
    moves
        .iter()
        .fold(id, |at, &(k, from, to)| match k == kind && from == at {
            true => to,
            false => at,
        })
}

/// Whether `seen` (a record as an edit saw it) is the record now at the
/// new id (`at_to`) rather than the one now at its old id (`at_from`).
fn went(seen: &Item, at_from: Option<&Item>, at_to: Option<&Item>) -> bool {
    let Some(at_to) = at_to else {
        return false;
    };
    let named = |other: &Item| other.label() == seen.label();
    match at_from {
        None => named(at_to),
        Some(at_from) if named(at_to) && !named(at_from) => true,
        // Both under one name: only a record that is the same in every field.
        Some(at_from) if named(at_to) => same_fields(seen, at_to) && !same_fields(seen, at_from),
        Some(_) => false,
    }
}

/// Equal but for the id.
fn same_fields(a: &Item, b: &Item) -> bool {
    let mut a = a.clone();
    a.set_id(b.id());
    a == *b
}

/// The moves, from `recorded`, that records `seen` (as edits or a view saw
/// them) took to reach `now`: each from its old id straight to the one it
/// has now.
pub fn followed(recorded: &[Move], seen: &[&Item], now: &Workbook) -> Vec<Move> {
    let mut moves: Vec<Move> = Vec::new();
    for item in seen {
        let (kind, from) = (item.kind(), item.id());
        let to = destination(recorded, kind, from);
        let known = moves.iter().any(|&(k, f, _)| k == kind && f == from);
        if to != from
            && !known
            && went(
                item,
                kind.find(now, from).as_ref(),
                kind.find(now, to).as_ref(),
            )
        {
            moves.push((kind, from, to));
        }
    }
    moves
}

/// Renames every record `moves` name in `edit`, all at once (through ids
/// no record has, so one move's new id is never taken for another's old one).
pub fn rename(edit: &mut Edit, moves: &[Move]) {
    for (i, &(kind, from, _)) in moves.iter().enumerate() {
        edit.remap(kind, from, Id::MAX - i as Id);
    }
    for (i, &(kind, _, to)) in moves.iter().enumerate() {
        edit.remap(kind, Id::MAX - i as Id, to);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::Win;

    fn win(id: Id, title: &str) -> Win {
        let text =
            format!(r#"(id: {id}, date: "2026-11-02", title: "{title}", category: revenue)"#);
        ron::from_str(&text).expect("a win")
    }

    fn workbook(wins: &[Win]) -> Workbook {
        let mut wb = Workbook::default();
        wb.impact.wins = wins.to_vec();
        wb
    }

    #[test]
    fn an_edit_follows_its_record_to_the_new_id_and_only_then() {
        // The sync moved this machine's win 24 to 25; the other machine's win is 24 now.
        let now = workbook(&[win(24, "A4"), win(25, "TUI4")]);
        let recorded = [(Kind::Win, 24, 25)];
        let mine = Item::Win(win(24, "TUI4"));
        assert_eq!(followed(&recorded, &[&mine], &now), [(Kind::Win, 24, 25)]);
        // A form opened after the sync, on the other machine's win: it stays.
        let theirs = Item::Win(win(24, "A4"));
        assert!(followed(&recorded, &[&theirs], &now).is_empty());
        // Two syncs in a row: 24 → 25 → 31.
        let later = workbook(&[win(24, "A4"), win(25, "B5"), win(31, "TUI4")]);
        let recorded = [(Kind::Win, 24, 25), (Kind::Win, 25, 31)];
        assert_eq!(followed(&recorded, &[&mine], &later), [(Kind::Win, 24, 31)]);
    }

    #[test]
    fn two_records_of_one_name_are_told_apart_by_their_fields_or_left() {
        let mut other = win(24, "Weekly 1:1");
        other.date = "2026-11-03".parse().expect("date");
        let now = workbook(&[other, win(25, "Weekly 1:1")]);
        let mine = Item::Win(win(24, "Weekly 1:1"));
        assert_eq!(
            followed(&[(Kind::Win, 24, 25)], &[&mine], &now),
            [(Kind::Win, 24, 25)]
        );
        let twins = workbook(&[win(24, "Weekly 1:1"), win(25, "Weekly 1:1")]);
        assert!(followed(&[(Kind::Win, 24, 25)], &[&mine], &twins).is_empty());
    }

    #[test]
    fn renaming_is_all_at_once() {
        // 24 → 25 and 25 → 26 in one go must not carry 24 on to 26.
        let mut edit = Edit::Batch(vec![
            Edit::Delete(Box::new(Item::Win(win(24, "x")))),
            Edit::Delete(Box::new(Item::Win(win(25, "y")))),
        ]);
        rename(&mut edit, &[(Kind::Win, 24, 25), (Kind::Win, 25, 26)]);
        let Edit::Batch(edits) = edit else {
            panic!("a batch")
        };
        let ids: Vec<Id> = edits
            .iter()
            .map(|e| match e {
                Edit::Delete(item) => item.id(),
                _ => 0,
            })
            .collect();
        assert_eq!(ids, [25, 26]);
    }
}
