//! Every change to a workbook is an [`Edit`]: a value that can be applied,
//! re-applied to a fresher copy of the file, and undone through its inverse.
//!
//! Edits name records by kind and id rather than holding snapshots of the whole
//! workbook, so applying one on top of changes another process saved keeps those
//! changes, and undo reverts only what this edit touched.

use super::checklist::book::not_after_today;
use super::checklist::{LayoffNotice, ManualTick, Positioning, Signal};
use super::impact::Win;
use super::pipeline::{Application, Contact};
use super::runway::{
    Account, Expense, HealthCover, NewJob, NoticePay, OneOff, OtherIncome, Severance,
    UnemploymentBenefit,
};
use super::vesting::{DatedBonus, Grant, Price, SignOnBonus};
use super::workbook::Workbook;
use super::{Id, Invalid};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Declares the record kinds a workbook holds, where each list lives, and how
/// a record is checked (`|record, workbook, today|`). Adding a kind is one line.
macro_rules! records {
    ($( $variant:ident($ty:ty) => $noun:literal, $($field:ident).+, $check:expr ; )+) => {
        /// One stored record of any kind.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Item { $( $variant($ty), )+ }

        /// The kinds of record, for naming one without holding it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Kind { $( $variant, )+ }

        $( impl From<$ty> for Item {
            fn from(record: $ty) -> Self { Item::$variant(record) }
        } )+

        impl Kind {
            pub const ALL: &[Kind] = &[$( Kind::$variant, )+];

            /// The word a message uses for a record of this kind.
            pub fn noun(self) -> &'static str {
                match self { $( Kind::$variant => $noun, )+ }
            }

            /// Where the list of this kind lives in the file (`["impact", "wins"]`).
            pub fn path(self) -> &'static [&'static str] {
                match self { $( Kind::$variant => &[$(stringify!($field)),+], )+ }
            }

            /// The ids of every stored record of this kind, in list order.
            pub fn ids(self, wb: &Workbook) -> Vec<Id> {
                match self { $( Kind::$variant => wb.$($field).+.iter().map(|r| r.id).collect(), )+ }
            }

            fn remove(self, wb: &mut Workbook, id: Id) -> Option<(Item, usize)> {
                match self { $( Kind::$variant => {
                    let list = &mut wb.$($field).+;
                    let index = list.iter().position(|r| r.id == id)?;
                    Some((Item::$variant(list.remove(index)), index))
                } )+ }
            }

            fn contains(self, wb: &Workbook, id: Id) -> bool {
                match self { $( Kind::$variant => wb.$($field).+.iter().any(|r| r.id == id), )+ }
            }
        }

        impl Item {
            pub fn kind(&self) -> Kind {
                match self { $( Item::$variant(_) => Kind::$variant, )+ }
            }

            pub fn id(&self) -> Id {
                match self { $( Item::$variant(r) => r.id, )+ }
            }

            fn set_id(&mut self, id: Id) {
                match self { $( Item::$variant(r) => r.id = id, )+ }
            }

            fn validate(&self, wb: &Workbook, today: NaiveDate) -> Result<(), Invalid> {
                match self { $( Item::$variant(r) => {
                    let check: fn(&$ty, &Workbook, NaiveDate) -> Result<(), Invalid> = $check;
                    check(r, wb, today)
                } )+ }?;
                // What a load would refuse can never be saved.
                self.check_ranges()
            }

            /// Puts the record in its list at `index` (clamped to the end).
            fn insert(self, wb: &mut Workbook, index: usize) {
                match self { $( Item::$variant(r) => {
                    let list = &mut wb.$($field).+;
                    list.insert(index.min(list.len()), r);
                } )+ }
            }

            /// Replaces the stored record with the same id, returning the old one.
            fn replace(self, wb: &mut Workbook) -> Option<Item> {
                match self { $( Item::$variant(r) => {
                    let slot = wb.$($field).+.iter_mut().find(|s| s.id == r.id)?;
                    Some(Item::$variant(std::mem::replace(slot, r)))
                } )+ }
            }
        }
    };
}

records! {
    Win(Win) => "win", impact.wins, |r, _, today| r.validate(today);
    Account(Account) => "cash account", runway.accounts, |r, _, _| r.validate();
    Expense(Expense) => "spending item", runway.expenses, |r, _, _| r.validate();
    Cover(HealthCover) => "health cover", runway.cover, |r, _, _| r.validate();
    Income(OtherIncome) => "income", runway.other_income, |r, _, _| r.validate();
    OneOff(OneOff) => "one-off", runway.one_offs, |r, _, _| r.validate();
    Grant(Grant) => "grant", vesting.grants, |r, _, _| r.validate();
    Price(Price) => "price", vesting.prices, |r, _, today| r.validate(today);
    SignOn(SignOnBonus) => "sign-on bonus", vesting.sign_on_bonuses, |r, _, _| r.validate();
    Bonus(DatedBonus) => "bonus", vesting.dated_bonuses, |r, _, _| r.validate();
    Application(Application) => "application", pipeline.applications, |r, wb, _| wb.pipeline.check_application(r);
    Contact(Contact) => "contact", pipeline.contacts, |r, _, _| r.validate();
    Tick(ManualTick) => "hand tick", now.ticks, |r, wb, today| { r.validate(today)?; wb.now.check_tick(r) };
    Signal(Signal) => "signal", now.signals, |r, _, today| r.validate(today);
}

/// Declares the single values (not lists) a workbook holds and how the part
/// of the workbook that owns each is checked after a change (`|workbook, today|`).
macro_rules! sections {
    ($( $variant:ident($ty:ty) => $($field:ident).+, $check:expr ; )+) => {
        /// A new value for one single-valued part of the workbook.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Section { $( $variant($ty), )+ }

        impl Section {
            /// Stores this value, returning the one it replaced.
            fn swap(self, wb: &mut Workbook) -> Section {
                match self { $( Section::$variant(value) => {
                    Section::$variant(std::mem::replace(&mut wb.$($field).+, value))
                } )+ }
            }

            fn validate(&self, wb: &Workbook, today: NaiveDate) -> Result<(), Invalid> {
                match self { $( Section::$variant(_) => {
                    let check: fn(&Workbook, NaiveDate) -> Result<(), Invalid> = $check;
                    check(wb, today)
                } )+ }?;
                // What a load would refuse can never be saved.
                self.check_ranges()
            }
        }
    };
}

sections! {
    Separation(Option<NaiveDate>) => runway.separation, |wb, _| wb.runway.validate();
    Severance(Option<Severance>) => runway.severance, |wb, _| wb.runway.validate();
    Notice(Option<NoticePay>) => runway.notice, |wb, _| wb.runway.validate();
    Withholding(Decimal) => runway.withholding, |wb, _| wb.runway.validate();
    Benefit(Option<UnemploymentBenefit>) => runway.benefit, |wb, _| wb.runway.validate();
    NewJob(Option<NewJob>) => runway.new_job, |wb, _| wb.runway.validate();
    VestProceeds(bool) => runway.include_vest_proceeds, |_, _| Ok(());
    VestWithholding(Option<Decimal>) => vesting.withholding, |wb, today| wb.vesting.validate(today);
    RoleEliminated(bool) => vesting.role_eliminated, |_, _| Ok(());
    GhostAfterDays(u32) => pipeline.ghost_after_days, |wb, _| wb.pipeline.validate();
    ResumeUpdated(Option<NaiveDate>) => now.resume_updated, |wb, today| not_after_today("resume_updated", wb.now.resume_updated, today);
    LinkedinUpdated(Option<NaiveDate>) => now.linkedin_updated, |wb, today| not_after_today("linkedin_updated", wb.now.linkedin_updated, today);
    Positioning(Positioning) => now.positioning, |wb, today| wb.now.positioning.validate(today);
    LastReview(Option<NaiveDate>) => now.last_review, |wb, today| not_after_today("last_review", wb.now.last_review, today);
    LayoffNotice(Option<LayoffNotice>) => now.notice, |wb, _| wb.now.notice.as_ref().map_or(Ok(()), LayoffNotice::validate);
}

/// A change to a workbook.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds a record under a freshly allocated id (written back into the edit).
    Add(Item),
    /// Replaces the record with the same kind and id.
    Update(Item),
    /// Removes a record.
    Remove(Kind, Id),
    /// Puts back a removed record at its old position: the inverse of `Remove`.
    Restore(Item, usize),
    /// Replaces a single-valued part of the workbook.
    Set(Section),
    /// Several edits that succeed or fail together, applied in order.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. The workbook is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("that {} no longer exists; it may have been deleted in another window", .0.noun())]
    Missing(Kind),
}

impl Edit {
    /// Applies the edit, returning its inverse. On error nothing has changed.
    /// An `Add` records the id it was given inside `self`.
    /// `today` is for checks such as "a win cannot be dated next month".
    pub fn apply(&mut self, wb: &mut Workbook, today: NaiveDate) -> Result<Edit, EditError> {
        self.apply_with(wb, Check::Validate(today))
    }

    fn apply_with(&mut self, wb: &mut Workbook, check: Check) -> Result<Edit, EditError> {
        match self {
            Edit::Add(item) => {
                check.item(item, wb)?;
                item.set_id(wb.allocate_id()?);
                let inverse = Edit::Remove(item.kind(), item.id());
                item.clone().insert(wb, usize::MAX);
                Ok(inverse)
            }
            Edit::Update(item) => {
                check.item(item, wb)?;
                let old = item
                    .clone()
                    .replace(wb)
                    .ok_or(EditError::Missing(item.kind()))?;
                Ok(Edit::Update(old))
            }
            Edit::Remove(kind, id) => {
                let (old, index) = kind.remove(wb, *id).ok_or(EditError::Missing(*kind))?;
                Ok(Edit::Restore(old, index))
            }
            Edit::Restore(item, index) => {
                if item.kind().contains(wb, item.id()) {
                    // Already back (restored elsewhere): restoring twice would duplicate it.
                    return Ok(Edit::Batch(Vec::new()));
                }
                item.clone().insert(wb, *index);
                Ok(Edit::Remove(item.kind(), item.id()))
            }
            Edit::Set(section) => {
                let old = section.clone().swap(wb);
                if let Err(invalid) = check.section(section, wb) {
                    old.swap(wb);
                    return Err(invalid.into());
                }
                Ok(Edit::Set(old))
            }
            Edit::Batch(edits) => apply_all(edits, wb, check),
        }
    }

    /// The ids this edit added, in order (after it has been applied).
    pub fn added_ids(&self) -> Vec<(Kind, Id)> {
        match self {
            Edit::Add(item) => vec![(item.kind(), item.id())],
            Edit::Batch(edits) => edits.iter().flat_map(Edit::added_ids).collect(),
            _ => Vec::new(),
        }
    }

    /// Renames record `from` of `kind` to `to` wherever this edit names it; used
    /// when re-applying an `Add` on a fresher file handed out a different id.
    pub fn remap(&mut self, kind: Kind, from: Id, to: Id) {
        match self {
            Edit::Update(item) | Edit::Restore(item, _)
                if item.kind() == kind && item.id() == from =>
            {
                item.set_id(to)
            }
            Edit::Remove(k, id) if *k == kind && *id == from => *id = to,
            Edit::Batch(edits) => edits.iter_mut().for_each(|e| e.remap(kind, from, to)),
            _ => {}
        }
    }

    /// Whether applying this edit would change nothing (an empty batch).
    pub fn is_empty(&self) -> bool {
        matches!(self, Edit::Batch(edits) if edits.iter().all(Edit::is_empty))
    }
}

/// Deletes a win, and drops it from the stories applications plan to tell,
/// as one edit (undone as one).
pub fn remove_win(wb: &Workbook, id: Id) -> Edit {
    let mut edits: Vec<Edit> = wb
        .pipeline
        .applications
        .iter()
        .filter(|app| app.stories.contains(&id))
        .map(|app| {
            let mut app = app.clone();
            app.stories.retain(|story| *story != id);
            Edit::Update(app.into())
        })
        .collect();
    edits.push(Edit::Remove(Kind::Win, id));
    Edit::Batch(edits)
}

/// Whether an edit's values are checked: an edit a person made is; the inverse
/// that rolls back part of a failed batch restores what was there and is not
/// (it must succeed even if a hand edit left that part of the file invalid).
#[derive(Clone, Copy)]
enum Check {
    Validate(NaiveDate),
    Trust,
}

impl Check {
    fn item(self, item: &Item, wb: &Workbook) -> Result<(), Invalid> {
        match self {
            Check::Validate(today) => item.validate(wb, today),
            Check::Trust => Ok(()),
        }
    }

    fn section(self, section: &Section, wb: &Workbook) -> Result<(), Invalid> {
        match self {
            Check::Validate(today) => section.validate(wb, today),
            Check::Trust => Ok(()),
        }
    }
}

/// Applies each edit in turn; if one fails, the earlier ones are rolled back.
fn apply_all(edits: &mut [Edit], wb: &mut Workbook, check: Check) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits.iter_mut() {
        match edit.apply_with(wb, check) {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                for mut inverse in inverses.into_iter().rev() {
                    // The inverse of an edit that just succeeded restores what
                    // was there: unchecked, it cannot fail.
                    let _ = inverse.apply_with(wb, Check::Trust);
                }
                return Err(err);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::Category;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
    }

    fn win(title: &str) -> Win {
        Win {
            id: 0,
            date: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
            title: title.into(),
            category: Category::Revenue,
            metric: None,
            notes: None,
            tags: Vec::new(),
            link: None,
        }
    }

    fn titles(wb: &Workbook) -> Vec<&str> {
        wb.impact.wins.iter().map(|w| w.title.as_str()).collect()
    }

    #[test]
    fn add_allocates_ids_and_its_inverse_removes_it() {
        let mut wb = Workbook::default();
        let mut add = Edit::Add(win("a").into());
        let mut inverse = add.apply(&mut wb, today()).expect("add");
        assert_eq!(add.added_ids(), vec![(Kind::Win, 1)]);
        assert_eq!(wb.next_id, 2);
        inverse.apply(&mut wb, today()).expect("undo");
        assert!(wb.impact.wins.is_empty());
        assert_eq!(wb.next_id, 2, "ids are never reused, even after undo");
    }

    #[test]
    fn remove_then_restore_puts_the_record_back_in_place() {
        let mut wb = Workbook::default();
        for t in ["a", "b", "c"] {
            Edit::Add(win(t).into())
                .apply(&mut wb, today())
                .expect("add");
        }
        let mut inverse = Edit::Remove(Kind::Win, 2)
            .apply(&mut wb, today())
            .expect("remove");
        assert_eq!(titles(&wb), ["a", "c"]);
        inverse.apply(&mut wb, today()).expect("restore");
        assert_eq!(titles(&wb), ["a", "b", "c"]);
    }

    #[test]
    fn update_of_a_missing_record_fails_and_changes_nothing() {
        let mut wb = Workbook::default();
        let mut ghost = win("ghost");
        ghost.id = 42;
        let err = Edit::Update(ghost.into())
            .apply(&mut wb, today())
            .unwrap_err();
        assert_eq!(err, EditError::Missing(Kind::Win));
        assert_eq!(wb, Workbook::default());
    }

    #[test]
    fn a_failing_batch_rolls_back_its_earlier_edits() {
        let mut wb = Workbook::default();
        let before = wb.clone();
        let mut batch = Edit::Batch(vec![
            Edit::Add(win("ok").into()),
            Edit::Add(win("  ").into()),
        ]);
        let err = batch.apply(&mut wb, today()).unwrap_err();
        assert!(
            matches!(err, EditError::Invalid(ref i) if i.field == "title"),
            "{err:?}"
        );
        assert_eq!(wb.impact.wins, before.impact.wins);
    }

    #[test]
    fn a_failed_batch_rolls_back_even_over_values_a_hand_edit_left_invalid() {
        use crate::domain::runway::Account;
        use rust_decimal_macros::dec;
        let mut wb = Workbook::default();
        // A hand edit left a negative balance, which no form would accept.
        let bad = Account {
            id: 7,
            name: "Checking".into(),
            balance: dec!(-5),
            as_of: today(),
        };
        wb.runway.accounts.push(bad.clone());
        let fixed = Account {
            balance: dec!(100),
            ..bad.clone()
        };
        let mut batch = Edit::Batch(vec![Edit::Update(fixed.into()), Edit::Add(win("").into())]);
        assert!(batch.apply(&mut wb, today()).is_err());
        assert_eq!(wb.runway.accounts, [bad], "the first edit was undone too");
    }

    #[test]
    fn invalid_records_are_refused() {
        let mut wb = Workbook::default();
        let err = Edit::Add(win("").into())
            .apply(&mut wb, today())
            .unwrap_err();
        assert!(matches!(err, EditError::Invalid(_)));
        assert!(wb.impact.wins.is_empty());
    }

    #[test]
    fn remap_renames_only_the_matching_record() {
        let mut a = win("a");
        a.id = 5;
        let mut edit = Edit::Batch(vec![Edit::Update(a.into()), Edit::Remove(Kind::Win, 6)]);
        edit.remap(Kind::Win, 5, 9);
        let Edit::Batch(edits) = &edit else {
            panic!("still a batch")
        };
        assert!(matches!(&edits[0], Edit::Update(i) if i.id() == 9));
        assert!(matches!(&edits[1], Edit::Remove(Kind::Win, 6)));
    }
}
