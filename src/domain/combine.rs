//! Combining two copies of a workbook into one: the copy in place (`theirs`)
//! and another copy (`ours`) made from a common ancestor (`base`), or, when
//! no ancestor is known, from an unknown past.
//!
//! Used wherever a whole copy comes back: edits kept in an `unsaved` backup
//! when careerbook could not save, git's merge of two machines' copies (the
//! merge driver), and a file-sync tool's conflict copy (`careerbook merge`).
//! The rules are the store's own, record by record and field by field (each
//! of our changes is re-applied as an [`Edit`] on the copy in place), so a
//! field both copies changed keeps the value in place and sets ours aside as
//! a conflict. Nothing either copy holds is dropped: a record one side
//! deleted and the other changed is kept, and said so; ids both copies gave
//! to different records are renumbered on our side, with the references to
//! them (an application's contacts and stories) following; a change of ours
//! that the copy in place cannot take (a date past this machine's today, a
//! contact the other copy deleted) is set aside instead of failing the whole.
//!
//! Without a common ancestor, a record both copies hold under one id is the
//! same record when it has the same name (a win's title, an application's
//! company and role): its differing values are set aside. Under different
//! names they are two records that happened to get one id (two machines
//! adding while apart, or two workbooks started separately), and both are
//! kept, ours renumbered: setting one aside would make a person choose
//! between two wins they both logged.

use super::edit::{Edit, EditError, Item, Kind, Merge, Part, Section};
use super::merge;
use super::workbook::Workbook;
use super::{Id, Invalid};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// The combined workbook, and what happened on the way, in words.
#[derive(Debug)]
pub struct Combined {
    pub workbook: Workbook,
    /// How many conflicts were stored (values set aside).
    pub conflicts: usize,
    /// Records added from our copy.
    pub added: usize,
    /// Records changed from our copy.
    pub changed: usize,
    /// Things worth telling: an edit kept over a deletion, a renumbered id.
    pub notes: Vec<String>,
    /// Records of our copy given new ids (the other copy had given theirs
    /// to other records): kind, old id, new id.
    pub renumbered: Vec<(Kind, Id, Id)>,
}

/// Combines `ours` into `theirs`. With `base`, a three-way combination:
/// what each copy changed since `base` is kept. Without, two-way: every
/// record and value our copy has that differs from theirs is kept too —
/// records as additions, values as conflicts — and nothing is deleted.
pub fn combine(
    base: Option<&Workbook>,
    ours: &Workbook,
    theirs: &Workbook,
    today: NaiveDate,
) -> Result<Combined, Invalid> {
    let mut out = Combined {
        workbook: theirs.clone(),
        conflicts: 0,
        added: 0,
        changed: 0,
        notes: Vec::new(),
        renumbered: Vec::new(),
    };
    out.workbook.next_id = ours.next_id.max(theirs.next_id);
    let kinds: Vec<Records> = Kind::ALL
        .iter()
        .map(|&kind| Records::of(kind, base, ours, theirs))
        .collect();
    let renumbered = renumber(&kinds, &mut out)?;
    out.renumbered.clone_from(&renumbered);
    for records in &kinds {
        let kind = records.kind;
        for mine in &records.ours {
            let mut record = mine.clone();
            for &(k, from, to) in &renumbered {
                record.remap_refs(k, from, to);
            }
            let id = renumbered
                .iter()
                .find(|(k, from, _)| *k == kind && *from == mine.id())
                .map_or(mine.id(), |&(_, _, to)| to);
            record.set_id(id);
            let before = records.in_base(id_in_base(&renumbered, kind, id));
            // Only this record's own turn changes it in the combined copy.
            let in_place = records.theirs.get(&id).cloned();
            ours_record(&mut out, before, in_place, record, today)?;
        }
        if base.is_some() {
            deleted_by_us(&mut out, records, today)?;
        }
    }
    for &part in Part::ALL {
        let mut mine = Section::of(part, ours);
        for &(k, from, to) in &renumbered {
            mine.remap_refs(k, from, to);
        }
        let before = match base {
            Some(base) => Section::of(part, base),
            None => Section::of(part, theirs),
        };
        // Two-way, a part this copy never filled in holds nothing to keep.
        let blank = base.is_none() && mine == Section::of(part, &Workbook::default());
        if mine != before && !blank {
            let edit = Edit::set(before, mine);
            out.apply(edit, today, base.is_none())?;
        }
    }
    // The id counter moves past every id either copy used.
    out.workbook
        .settle()
        .map_err(|bad| Invalid::new("workbook", bad.to_string()))?;
    Ok(out)
}

/// The id a renumbered record had in `base` (its original one).
fn id_in_base(renumbered: &[(Kind, Id, Id)], kind: Kind, id: Id) -> Id {
    renumbered
        .iter()
        .find(|(k, _, to)| *k == kind && *to == id)
        .map_or(id, |&(_, from, _)| from)
}

/// One kind's records in each copy: ours in order, the others by id (looking
/// each id up in a list would be quadratic on 20,000 wins).
struct Records {
    kind: Kind,
    base: Option<HashMap<Id, Item>>,
    ours: Vec<Item>,
    theirs: HashMap<Id, Item>,
}

impl Records {
    fn of(kind: Kind, base: Option<&Workbook>, ours: &Workbook, theirs: &Workbook) -> Self {
        let by_id = |wb: &Workbook| -> HashMap<Id, Item> {
            kind.items(wb).into_iter().map(|i| (i.id(), i)).collect()
        };
        Self {
            kind,
            base: base.map(by_id),
            ours: kind.items(ours),
            theirs: by_id(theirs),
        }
    }

    fn in_base(&self, id: Id) -> Option<Item> {
        self.base.as_ref()?.get(&id).cloned()
    }
}

/// Ids our copy gave to records that theirs gave to other records: ours get
/// fresh ones. A record is "the same" when the base had it (both copies
/// started from it); without a base, when both copies call it the same.
fn renumber(kinds: &[Records], out: &mut Combined) -> Result<Vec<(Kind, Id, Id)>, Invalid> {
    let mut renumbered = Vec::new();
    for records in kinds {
        let kind = records.kind;
        for mine in &records.ours {
            let id = mine.id();
            let other_record = match (&records.base, records.theirs.get(&id)) {
                (_, None) => false,
                (Some(base), Some(_)) => !base.contains_key(&id),
                (None, Some(theirs)) => mine.label() != theirs.label(),
            };
            if other_record {
                let fresh = out.workbook.allocate_id()?;
                out.notes.push(format!(
                    "{} {id} from this copy is now {} {fresh}: the other copy gave its id to another {}",
                    kind.noun(),
                    kind.noun(),
                    kind.noun()
                ));
                renumbered.push((kind, id, fresh));
            }
        }
    }
    Ok(renumbered)
}

/// One record of our copy: added if theirs does not have it, else our
/// changes re-applied on theirs (with `before` as where both started).
fn ours_record(
    out: &mut Combined,
    before: Option<Item>,
    in_place: Option<Item>,
    record: Item,
    today: NaiveDate,
) -> Result<(), Invalid> {
    let kind = record.kind();
    match (before, in_place) {
        // Added by us (or, two-way, only ours has it).
        (None, None) => {
            record.insert(&mut out.workbook, usize::MAX);
            out.added += 1;
        }
        // Two-way: both have it; every value ours has differently is set aside.
        (None, Some(kept)) if kept != record => {
            out.apply(Edit::update(kept, record), today, true)?;
        }
        (None, Some(_)) => {}
        // Deleted by them; changed by us: our edit is kept.
        (Some(before), None) if before != record => {
            out.notes.push(format!(
                "kept {} “{}”, changed here, though the other copy deleted it",
                kind.noun(),
                record.label()
            ));
            record.insert(&mut out.workbook, usize::MAX);
            out.added += 1;
        }
        // Deleted by them, untouched by us: it stays deleted.
        (Some(_), None) => {}
        (Some(before), Some(_)) if before != record => {
            out.apply(Edit::update(before, record), today, false)?;
        }
        (Some(_), Some(_)) => {}
    }
    Ok(())
}

/// Records the base had and our copy deleted: gone, unless theirs changed
/// them meanwhile (then theirs is kept, and said so).
fn deleted_by_us(out: &mut Combined, records: &Records, today: NaiveDate) -> Result<(), Invalid> {
    let Some(base) = &records.base else {
        return Ok(());
    };
    let ours: HashSet<Id> = records.ours.iter().map(Item::id).collect();
    let mut gone: Vec<&Item> = base.values().filter(|b| !ours.contains(&b.id())).collect();
    // In the base's order, so notes and removals come out the same every time.
    gone.sort_by_key(|item| item.id());
    for before in gone {
        match records.theirs.get(&before.id()) {
            Some(now) if now == before => {
                out.apply(Edit::Remove(records.kind, before.id()), today, false)?;
            }
            Some(now) => out.notes.push(format!(
                "kept {} “{}”, deleted here, because the other copy changed it",
                records.kind.noun(),
                now.label()
            )),
            None => {}
        }
    }
    Ok(())
}

impl Combined {
    /// Applies one of our changes to the combined workbook. Two-way, every
    /// field that differs is set aside rather than written. A change the
    /// workbook refuses is set aside too, and said so.
    fn apply(&mut self, edit: Edit, today: NaiveDate, two_way: bool) -> Result<(), Invalid> {
        if two_way {
            return self.set_aside(edit, today, true);
        }
        let removal = matches!(edit, Edit::Remove(..));
        let mut applied = edit.clone();
        match applied.apply_as(&mut self.workbook, today, Merge::Record) {
            Ok((_, outcome)) => {
                self.conflicts += outcome.conflicts.len();
                self.notes.extend(outcome.kept);
                if !removal {
                    self.changed += 1;
                }
                Ok(())
            }
            Err(EditError::Invalid(refused)) if matches!(edit, Edit::Update(_) | Edit::Set(_)) => {
                self.notes.push(format!(
                    "{}: this copy's change was set aside, as the other copy cannot take it ({})",
                    edit.describe().join("; "),
                    refused.message
                ));
                self.set_aside(edit, today, false)
            }
            Err(err) => Err(Invalid::new("workbook", err.to_string())),
        }
    }

    /// Our values that differ from the ones in place become conflicts; the
    /// values in place stay. Two-way, a field this copy left empty is not
    /// a value to keep (it may never have been filled in): only a change
    /// known from a base can empty a field.
    fn set_aside(&mut self, edit: Edit, today: NaiveDate, two_way: bool) -> Result<(), Invalid> {
        let (about, base, mine, kept) = match edit {
            Edit::Update(change) => {
                let (kind, id) = (change.after.kind(), change.after.id());
                let Some(in_place) = kind.find(&self.workbook, id) else {
                    return Ok(());
                };
                (
                    super::conflict::Target::Record(kind, id),
                    change.before.to_value()?,
                    change.after.to_value()?,
                    in_place.to_value()?,
                )
            }
            Edit::Set(change) => (
                super::conflict::Target::Section(change.after.part()),
                change.before.to_value()?,
                change.after.to_value()?,
                Section::of(change.after.part(), &self.workbook).to_value()?,
            ),
            _ => return Ok(()),
        };
        let mut fields = merge::changed(&base, &mine, &kept);
        fields.retain(|f| f.kept != f.set_aside && !(two_way && blank(&f.set_aside)));
        if fields.is_empty() {
            return Ok(());
        }
        let conflict = super::conflict::Conflict {
            id: self.workbook.allocate_id()?,
            about,
            date: today,
            fields,
        };
        Item::Conflict(conflict).insert(&mut self.workbook, usize::MAX);
        self.conflicts += 1;
        Ok(())
    }
}

/// Nothing: no value, empty text, an empty list or record.
fn blank(value: &serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::Null => true,
        Value::String(text) => text.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(fields) => fields.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::impact::{Category, Win};
    use crate::domain::pipeline::{Application, Contact, Relationship, Stage};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).expect("date")
    }

    /// A win dated 2026-11-20 (the change list's tests use it too).
    pub(crate) fn win(id: Id, title: &str) -> Win {
        Win {
            id,
            date: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
            title: title.into(),
            category: Category::Revenue,
            metric: None,
            notes: None,
            tags: Vec::new(),
            link: None,
        }
    }

    /// A base with wins 1 and 2; the next id is 3.
    fn base() -> Workbook {
        let mut wb = Workbook::default();
        wb.impact.wins = vec![win(1, "one"), win(2, "two")];
        wb.next_id = 3;
        wb
    }

    fn titles(wb: &Workbook) -> Vec<(Id, &str)> {
        wb.impact
            .wins
            .iter()
            .map(|w| (w.id, w.title.as_str()))
            .collect()
    }

    #[test]
    fn both_copies_changes_and_additions_are_all_kept() {
        let base = base();
        let mut ours = base.clone();
        ours.impact.wins[0].title = "one, ours".into();
        ours.impact.wins.push(win(3, "added by us"));
        ours.next_id = 4;
        let mut theirs = base.clone();
        theirs.impact.wins[1].title = "two, theirs".into();
        theirs.impact.wins.push(win(3, "added by them"));
        theirs.next_id = 4;
        let combined = combine(Some(&base), &ours, &theirs, today()).expect("combines");
        // Both took id 3: theirs keeps it, ours becomes 4 (the next free id).
        assert_eq!(
            titles(&combined.workbook),
            [
                (1, "one, ours"),
                (2, "two, theirs"),
                (3, "added by them"),
                (4, "added by us")
            ]
        );
        assert_eq!(combined.workbook.next_id, 5);
        assert_eq!(
            (combined.added, combined.changed, combined.conflicts),
            (1, 1, 0)
        );
        assert_eq!(
            combined.notes,
            ["win 3 from this copy is now win 4: the other copy gave its id to another win"]
        );
    }

    #[test]
    fn a_renumbered_contact_takes_the_references_to_it_along() {
        let base = base();
        let mut ours = base.clone();
        ours.pipeline
            .contacts
            .push(Contact::new(3, "Alice", Relationship::Peer));
        let mut app = Application::new(4, "Acme", "SRE", Stage::Applied, today());
        app.contacts = vec![3];
        ours.pipeline.applications.push(app);
        ours.next_id = 5;
        let mut theirs = base.clone();
        theirs
            .pipeline
            .contacts
            .push(Contact::new(3, "Bob", Relationship::Peer));
        theirs.next_id = 4;
        let combined = combine(Some(&base), &ours, &theirs, today()).expect("combines");
        let wb = &combined.workbook;
        let alice = wb
            .pipeline
            .contacts
            .iter()
            .find(|c| c.name == "Alice")
            .expect("Alice");
        assert_ne!(alice.id, 3);
        assert_eq!(wb.pipeline.applications[0].contacts, [alice.id], "not Bob");
    }

    fn offer(id: Id, company: &str) -> crate::domain::offers::Offer {
        crate::domain::offers::Offer {
            id,
            company: company.into(),
            role: None,
            application: None,
            base: rust_decimal::Decimal::from(200_000),
            bonus: None,
            sign_on: None,
            equity: None,
            start: NaiveDate::from_ymd_opt(2027, 1, 15).expect("date"),
            health_monthly: None,
        }
    }

    #[test]
    fn a_renumbered_offer_takes_the_accepted_new_job_along() {
        let base = base();
        let mut ours = base.clone();
        ours.pipeline.offers.push(offer(3, "Acme"));
        ours.runway.new_job = Some(crate::domain::runway::NewJob {
            start: NaiveDate::from_ymd_opt(2027, 1, 15).expect("date"),
            monthly_net: rust_decimal::Decimal::from(11_725),
            offer: Some(3),
        });
        ours.next_id = 4;
        let mut theirs = base.clone();
        theirs.pipeline.offers.push(offer(3, "Beta"));
        theirs.next_id = 4;
        let combined = combine(Some(&base), &ours, &theirs, today()).expect("combines");
        let wb = &combined.workbook;
        let acme = wb.pipeline.offers.iter().find(|o| o.company == "Acme");
        let acme = acme.expect("Acme kept").id;
        assert_ne!(acme, 3, "renumbered");
        let job = wb.runway.new_job.as_ref().expect("the new job");
        assert_eq!(job.offer, Some(acme), "still Acme's, not Beta's");
    }

    #[test]
    fn a_field_both_copies_changed_keeps_theirs_and_sets_ours_aside() {
        let base = base();
        let mut ours = base.clone();
        ours.impact.wins[0].title = "ours".into();
        let mut theirs = base.clone();
        theirs.impact.wins[0].title = "theirs".into();
        let combined = combine(Some(&base), &ours, &theirs, today()).expect("combines");
        assert_eq!(combined.workbook.impact.wins[0].title, "theirs");
        assert_eq!(combined.conflicts, 1);
        assert_eq!(combined.workbook.conflicts[0].fields[0].set_aside, "ours");
    }

    #[test]
    fn deletions_go_unless_the_other_copy_changed_the_record() {
        let base = base();
        // We deleted win 1 and changed win 2; they changed win 1 and deleted win 2.
        let mut ours = base.clone();
        ours.impact.wins.remove(0);
        ours.impact.wins[0].title = "two, ours".into();
        let mut theirs = base.clone();
        theirs.impact.wins[0].title = "one, theirs".into();
        theirs.impact.wins.remove(1);
        let combined = combine(Some(&base), &ours, &theirs, today()).expect("combines");
        assert_eq!(
            titles(&combined.workbook),
            [(1, "one, theirs"), (2, "two, ours")],
            "each change outlives the other copy's deletion"
        );
        assert_eq!(combined.notes.len(), 2, "{:?}", combined.notes);
        // An untouched record one copy deleted stays deleted.
        let mut ours = base.clone();
        ours.impact.wins.remove(0);
        let combined = combine(Some(&base), &ours, &base, today()).expect("combines");
        assert_eq!(titles(&combined.workbook), [(2, "two")]);
    }

    #[test]
    fn without_a_base_nothing_is_deleted_and_differences_are_set_aside() {
        // Win 1 keeps its title on both sides, so it is one win: its notes,
        // changed on both, differ.
        let mut copy = base();
        copy.impact.wins[0].notes = Some("the copy's".into());
        copy.impact.wins.remove(1);
        copy.impact.wins.push(win(7, "only in the copy"));
        let mut current = base();
        current.impact.wins[0].notes = Some("the workbook's".into());
        let combined = combine(None, &copy, &current, today()).expect("combines");
        assert_eq!(
            titles(&combined.workbook),
            [(1, "one"), (2, "two"), (7, "only in the copy")]
        );
        assert_eq!(
            combined.workbook.impact.wins[0].notes.as_deref(),
            Some("the workbook's")
        );
        assert_eq!(combined.workbook.next_id, 8, "past every id in use");
        assert_eq!(combined.conflicts, 1);
        assert_eq!(combined.workbook.conflicts[0].fields[0].field, "notes");
        assert_eq!(
            combined.workbook.conflicts[0].fields[0].set_aside,
            "the copy's"
        );
    }

    #[test]
    fn without_a_base_records_under_one_id_with_other_names_are_both_kept() {
        // Two machines apart both gave id 3 to a new contact, and id 4 to an
        // application naming it: Alice here, Bob there.
        let mut copy = base();
        copy.pipeline
            .contacts
            .push(Contact::new(3, "Alice", Relationship::Peer));
        let mut app = Application::new(4, "Acme", "SRE", Stage::Applied, today());
        app.contacts = vec![3];
        copy.pipeline.applications.push(app.clone());
        copy.next_id = 5;
        let mut current = base();
        current
            .pipeline
            .contacts
            .push(Contact::new(3, "Bob", Relationship::Peer));
        current.pipeline.applications.push(app);
        current.next_id = 5;
        let combined = combine(None, &copy, &current, today()).expect("combines");
        let wb = &combined.workbook;
        let names: Vec<(Id, &str)> = wb
            .pipeline
            .contacts
            .iter()
            .map(|c| (c.id, c.name.as_str()))
            .collect();
        // Bob keeps 3; Alice takes the next free id, 5.
        assert_eq!(names, [(3, "Bob"), (5, "Alice")]);
        // The application is one (same company and role): the contact it
        // names here (Alice, now 5) differs from the one in place (Bob).
        assert_eq!(wb.pipeline.applications.len(), 1);
        assert_eq!(wb.pipeline.applications[0].contacts, [3]);
        assert_eq!(combined.conflicts, 1);
        let field = &wb.conflicts[0].fields[0];
        assert_eq!(
            (field.field.as_str(), &field.set_aside),
            ("contacts", &serde_json::json!([5]))
        );
        assert_eq!(
            combined.notes,
            [
                "contact 3 from this copy is now contact 5: the other copy gave its id to another contact"
            ]
        );
    }

    #[test]
    fn without_a_base_what_a_copy_never_filled_in_sets_nothing_aside() {
        // The copy in place has a severance, a notice date and a contact's
        // email; the other copy, started elsewhere, has none of them.
        let mut current = base();
        current.runway.severance = Some(crate::domain::runway::Severance::Entered {
            gross: rust_decimal::Decimal::new(40000, 0),
            pay_date: today(),
            weeks: None,
            annual_base: None,
        });
        current.vesting.role_eliminated = true;
        let mut priya = Contact::new(3, "Priya", Relationship::Peer);
        priya.reach = Some("priya@example.com".into());
        current.pipeline.contacts.push(priya);
        current.next_id = 4;
        let mut copy = base();
        copy.pipeline
            .contacts
            .push(Contact::new(3, "Priya", Relationship::Peer));
        copy.next_id = 4;
        let combined = combine(None, &copy, &current, today()).expect("combines");
        assert_eq!(combined.conflicts, 0, "{:?}", combined.workbook.conflicts);
        assert_eq!(combined.workbook, {
            let mut expected = current.clone();
            expected.next_id = 4;
            expected
        });
        // A value the copy did fill in differently is still set aside.
        copy.vesting.withholding = Some(rust_decimal::Decimal::new(3, 1));
        current.vesting.withholding = Some(rust_decimal::Decimal::new(25, 2));
        let combined = combine(None, &copy, &current, today()).expect("combines");
        assert_eq!(combined.conflicts, 1);
    }

    #[test]
    fn a_change_the_copy_in_place_refuses_is_set_aside_not_lost() {
        // Our copy re-dated win 1 to 2026-12-20, more than a week past this machine's today
        // (2026-12-03), which it refuses: the merge goes on, and our date waits as a conflict.
        let base = base();
        let mut ours = base.clone();
        ours.impact.wins[0].date = NaiveDate::from_ymd_opt(2026, 12, 20).expect("date");
        ours.impact.wins[1].title = "two, ours".into();
        let combined = combine(Some(&base), &ours, &base, today()).expect("combines");
        assert_eq!(titles(&combined.workbook), [(1, "one"), (2, "two, ours")]);
        assert_eq!(combined.conflicts, 1);
        let field = &combined.workbook.conflicts[0].fields[0];
        assert_eq!(
            (field.field.as_str(), &field.set_aside),
            ("date", &serde_json::json!("2026-12-20"))
        );
        assert!(
            combined.notes[0].contains("set aside, as the other copy cannot take it"),
            "{:?}",
            combined.notes
        );
    }
}
