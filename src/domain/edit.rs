//! Every change to a workbook is an [`Edit`]: a value that can be applied,
//! re-applied to a fresher copy of the file, and undone through its inverse.
//!
//! Edits name records by kind and id rather than holding snapshots of the whole
//! workbook, so applying one on top of changes another process saved keeps those
//! changes, and undo reverts only what this edit touched.

use super::checklist::{LayoffNotice, ManualTick, Positioning, Signal};
use super::conflict::{Conflict, Target};
use super::dates::not_after_today;
use super::impact::Win;
use super::merge::{self, FieldConflict};
use super::offers::{CurrentJob, Offer};
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
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How one record is read from its line of the file: the store's to say,
/// since the domain knows no file format.
pub trait ReadLine {
    fn read<T: serde::de::DeserializeOwned>(&self, line: &str) -> Option<T>;
}

/// Declares the record kinds a workbook holds, where each list lives, and how
/// a record is checked (`|record, workbook, today|`). Adding a kind is one line.
macro_rules! records {
    ($( $variant:ident($ty:ty) => $noun:literal, $($field:ident).+, $check:expr, $label:expr ; )+) => {
        /// One stored record of any kind.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub enum Item { $( $variant($ty), )+ }

        /// The kinds of record, for naming one without holding it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

            /// A workbook holding only the records of this kind in `text`,
            /// `count` lines of one record each (a piece of a large workbook,
            /// read on its own thread), so no record is wrapped to travel.
            /// `read` gives the record on a line, or `None` when the line is
            /// not one careerbook would write (the whole piece then is not).
            pub fn parse_lines(
                self,
                text: &str,
                count: usize,
                read: &impl ReadLine,
            ) -> Option<Workbook> {
                let mut piece = Workbook::default();
                match self { $( Kind::$variant => {
                    // Sized once: a list grown by doubling holds up to twice
                    // its records' room, and the file's text is held meanwhile.
                    let list = &mut piece.$($field).+;
                    list.reserve_exact(count);
                    for line in text.lines() {
                        list.push(read.read(line)?);
                    }
                } )+ }
                Some(piece)
            }

            /// Moves this kind's records from `piece` to the end of `wb`'s,
            /// with room made for `more` records after them: the pieces of
            /// one list are so joined without a copy of the whole list.
            pub fn append_list(self, wb: &mut Workbook, piece: &mut Workbook, more: usize) {
                match self { $( Kind::$variant => {
                    let list = &mut wb.$($field).+;
                    if list.is_empty() {
                        std::mem::swap(list, &mut piece.$($field).+);
                    } else {
                        list.append(&mut piece.$($field).+);
                    }
                    list.reserve_exact(more);
                } )+ }
            }

            /// The stored record of this kind with `id`, if there is one.
            pub fn find(self, wb: &Workbook, id: Id) -> Option<Item> {
                match self { $( Kind::$variant => wb.$($field).+.iter().find(|r| r.id == id).cloned().map(Item::$variant), )+ }
            }

            /// Every stored record of this kind, in list order: for walking a
            /// whole workbook without looking each id up (`find` per id is
            /// quadratic on 20,000 wins).
            pub fn items(self, wb: &Workbook) -> Vec<Item> {
                match self { $( Kind::$variant => wb.$($field).+.iter().cloned().map(Item::$variant).collect(), )+ }
            }
        }

        impl Item {
            pub fn kind(&self) -> Kind {
                match self { $( Item::$variant(_) => Kind::$variant, )+ }
            }

            pub fn id(&self) -> Id {
                match self { $( Item::$variant(r) => r.id, )+ }
            }

            pub(crate) fn set_id(&mut self, id: Id) {
                match self { $( Item::$variant(r) => r.id = id, )+ }
            }

            /// What a person calls this record: a win's title, an account's name.
            pub fn label(&self) -> String {
                match self { $( Item::$variant(r) => {
                    let label: fn(&$ty) -> String = $label;
                    label(r)
                } )+ }
            }

            /// The record as a JSON value, for merging field by field.
            pub fn to_value(&self) -> Result<Value, Invalid> {
                match self { $( Item::$variant(r) => serde_json::to_value(r), )+ }
                    .map_err(unmergeable)
            }

            /// A record of `kind` from a merged JSON value.
            pub fn from_value(kind: Kind, value: Value) -> Result<Item, Invalid> {
                match kind { $( Kind::$variant => serde_json::from_value(value).map(Item::$variant), )+ }
                    .map_err(unmergeable)
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
            pub(crate) fn insert(self, wb: &mut Workbook, index: usize) {
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
    Win(Win) => "win", impact.wins, |r, _, today| r.validate(today), |r| r.title.clone();
    Account(Account) => "cash account", runway.accounts, |r, _, _| r.validate(), |r| r.name.clone();
    Expense(Expense) => "spending item", runway.expenses, |r, _, _| r.validate(), |r| r.name.clone();
    Cover(HealthCover) => "health cover", runway.cover, |r, _, _| r.validate(), |r| r.name.clone();
    Income(OtherIncome) => "income", runway.other_income, |r, _, _| r.validate(), |r| r.name.clone();
    OneOff(OneOff) => "one-off", runway.one_offs, |r, _, _| r.validate(), |r| r.name.clone();
    Grant(Grant) => "grant", vesting.grants, |r, _, _| r.validate(), |r| r.name.clone();
    Price(Price) => "price", vesting.prices, |r, _, today| r.validate(today), |r| format!("{} on {}", r.ticker, r.as_of);
    SignOn(SignOnBonus) => "sign-on bonus", vesting.sign_on_bonuses, |r, _, _| r.validate(), |r| r.name.clone();
    Bonus(DatedBonus) => "bonus", vesting.dated_bonuses, |r, _, _| r.validate(), |r| r.name.clone();
    Application(Application) => "application", pipeline.applications, |r, wb, _| wb.pipeline.check_application(r), |r| format!("{} — {}", r.company, r.role);
    Contact(Contact) => "contact", pipeline.contacts, |r, _, _| r.validate(), |r| r.name.clone();
    Offer(Offer) => "offer", pipeline.offers, |r, _, _| r.validate(), |r| r.title();
    Tick(ManualTick) => "hand tick", now.ticks, |r, wb, today| { r.validate(today)?; wb.now.check_tick(r) }, |r| r.note.clone();
    Signal(Signal) => "signal", now.signals, |r, _, today| r.validate(today), |r| r.note.clone();
    Conflict(Conflict) => "conflict", conflicts, |r, _, _| r.validate(), |r| r.short_subject();
}

impl Item {
    /// The names of the fields `after` holds differently: `title, metric`.
    pub fn fields_changed_in(&self, after: &Item) -> String {
        match (self.to_value(), after.to_value()) {
            (Ok(before), Ok(after)) => merge::changed(&before, &after, &after)
                .into_iter()
                .map(|f| f.field)
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        }
    }

    /// Points references this record holds to record `from` of `kind` at `to`
    /// instead (an application's contacts and stories, a conflict's subject),
    /// when that record was given a new id.
    pub(crate) fn remap_refs(&mut self, kind: Kind, from: Id, to: Id) {
        let swap = |id: &mut Id| {
            if *id == from {
                *id = to;
            }
        };
        match (self, kind) {
            (Item::Application(app), Kind::Contact) => app.contacts.iter_mut().for_each(swap),
            (Item::Application(app), Kind::Win) => app.stories.iter_mut().for_each(swap),
            (Item::Offer(offer), Kind::Application) => offer.application.iter_mut().for_each(swap),
            (Item::Conflict(conflict), _) => {
                if let Target::Record(about, id) = &mut conflict.about
                    && *about == kind
                {
                    swap(id);
                }
            }
            _ => {}
        }
    }
}

impl Section {
    /// Points a reference this part holds to record `from` of `kind` at `to`
    /// (the new job's accepted offer), when that record was given a new id.
    pub(crate) fn remap_refs(&mut self, kind: Kind, from: Id, to: Id) {
        if let (Section::NewJob(Some(job)), Kind::Offer) = (self, kind)
            && job.offer == Some(from)
        {
            job.offer = Some(to);
        }
    }
}

impl Kind {
    /// Fields of a record that only make sense together: when one of them
    /// conflicts in a merge, the whole group keeps the other side's values.
    pub(crate) fn groups(self) -> &'static [&'static [&'static str]] {
        match self {
            // The stage is always the last history entry's.
            Kind::Application => &[&["stage", "history"]],
            _ => &[],
        }
    }
}

impl Item {
    /// Whether adding this record can be checked knowing nothing of the
    /// workbook but its id counter, because its checks read only the record
    /// itself: `careerbook log` adds a win that way, without reading the
    /// file. Every kind is named, so a kind added later must decide.
    pub fn stands_alone(&self) -> bool {
        match self {
            // Checked against the contacts it names.
            Item::Application(app) => app.contacts.is_empty(),
            // At most one hand tick per checklist item.
            Item::Tick(_) => false,
            Item::Win(_)
            | Item::Account(_)
            | Item::Expense(_)
            | Item::Cover(_)
            | Item::Income(_)
            | Item::OneOff(_)
            | Item::Grant(_)
            | Item::Price(_)
            | Item::SignOn(_)
            | Item::Bonus(_)
            | Item::Contact(_)
            | Item::Offer(_)
            | Item::Signal(_)
            | Item::Conflict(_) => true,
        }
    }
}

/// The records an edit, applied again to another copy of the file, added
/// under other ids than before (the other copy had handed those out):
/// `(kind, old id, new id)`, for renaming them in the edits that follow.
pub fn renamed(before: &[(Kind, Id)], after: &[(Kind, Id)]) -> Vec<(Kind, Id, Id)> {
    before
        .iter()
        .zip(after)
        .filter(|(old, new)| old.1 != new.1)
        .map(|(&(kind, from), &(_, to))| (kind, from, to))
        .collect()
}

fn unmergeable(err: serde_json::Error) -> Invalid {
    Invalid::new(
        "record",
        format!("cannot be compared field by field: {err}"),
    )
}

/// Declares the single values (not lists) a workbook holds and how the part
/// of the workbook that owns each is checked after a change (`|workbook, today|`).
macro_rules! sections {
    ($( $variant:ident($ty:ty) => $noun:literal, $($field:ident).+, $check:expr ; )+) => {
        /// A new value for one single-valued part of the workbook.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub enum Section { $( $variant($ty), )+ }

        /// The single-valued parts, for naming one without holding its value.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Part { $( $variant, )+ }

        impl Part {
            pub const ALL: &[Part] = &[$( Part::$variant, )+];

            /// The words a message uses for this part.
            pub fn noun(self) -> &'static str {
                match self { $( Part::$variant => $noun, )+ }
            }
        }

        impl Section {
            pub fn part(&self) -> Part {
                match self { $( Section::$variant(_) => Part::$variant, )+ }
            }

            /// The value `part` has in `wb` now.
            pub fn of(part: Part, wb: &Workbook) -> Section {
                match part { $( Part::$variant => Section::$variant(wb.$($field).+.clone()), )+ }
            }

            /// Stores this value, returning the one it replaced.
            fn swap(self, wb: &mut Workbook) -> Section {
                match self { $( Section::$variant(value) => {
                    Section::$variant(std::mem::replace(&mut wb.$($field).+, value))
                } )+ }
            }

            /// The value as JSON, for merging field by field.
            pub fn to_value(&self) -> Result<Value, Invalid> {
                match self { $( Section::$variant(v) => serde_json::to_value(v), )+ }
                    .map_err(unmergeable)
            }

            /// A value for `part` from a merged JSON value.
            pub fn from_value(part: Part, value: Value) -> Result<Section, Invalid> {
                match part { $( Part::$variant => serde_json::from_value(value).map(Section::$variant), )+ }
                    .map_err(unmergeable)
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
    Separation(Option<NaiveDate>) => "last day on payroll", runway.separation, |wb, _| wb.runway.validate();
    Severance(Option<Severance>) => "severance", runway.severance, |wb, _| wb.runway.validate();
    Notice(Option<NoticePay>) => "paid notice", runway.notice, |wb, _| wb.runway.validate();
    Withholding(Decimal) => "withholding rate", runway.withholding, |wb, _| wb.runway.validate();
    Benefit(Option<UnemploymentBenefit>) => "unemployment benefit", runway.benefit, |wb, _| wb.runway.validate();
    NewJob(Option<NewJob>) => "new job", runway.new_job, |wb, _| wb.runway.validate();
    VestProceeds(bool) => "vest proceeds in the runway", runway.include_vest_proceeds, |_, _| Ok(());
    VestWithholding(Option<Decimal>) => "withholding on vests", vesting.withholding, |wb, today| wb.vesting.validate(today);
    RoleEliminated(bool) => "role eliminated", vesting.role_eliminated, |_, _| Ok(());
    ResigningForfeitsSeverance(bool) => "resigning forfeits severance", runway.resigning_forfeits_severance, |_, _| Ok(());
    GhostAfterDays(u32) => "days before ghosted", pipeline.ghost_after_days, |wb, _| wb.pipeline.validate();
    CurrentJob(Option<CurrentJob>) => "current job", pipeline.current_job, |wb, _| wb.pipeline.current_job.as_ref().map_or(Ok(()), CurrentJob::validate);
    TimeToOffer(u32) => "time-to-offer", pipeline.time_to_offer_months, |wb, _| wb.pipeline.validate();
    ResumeUpdated(Option<NaiveDate>) => "résumé updated", now.resume_updated, |wb, today| not_after_today("resume_updated", wb.now.resume_updated, today);
    LinkedinUpdated(Option<NaiveDate>) => "LinkedIn updated", now.linkedin_updated, |wb, today| not_after_today("linkedin_updated", wb.now.linkedin_updated, today);
    Positioning(Positioning) => "positioning self-check", now.positioning, |wb, today| wb.now.positioning.validate(today);
    LastReview(Option<NaiveDate>) => "last weekly review", now.last_review, |wb, today| not_after_today("last_review", wb.now.last_review, today);
    LayoffNotice(Option<LayoffNotice>) => "layoff notice", now.notice, |wb, _| wb.now.notice.as_ref().map_or(Ok(()), LayoffNotice::validate);
}

/// A value as it was when a change began, and as the change leaves it. The
/// `before` is what makes a field-by-field merge possible: a field whose
/// `after` equals its `before` was not touched and keeps whatever is stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

/// A change to a workbook. It is saved as a line of the journal (RON), so
/// its shape is part of the file format (docs/data-format.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Adds a record under a freshly allocated id (written back into the edit).
    Add(Item),
    /// Changes the record with `after`'s kind and id, field by field: only
    /// the fields that differ from `before` are written.
    Update(Box<Change<Item>>),
    /// Removes a record. Once applied it becomes a `Delete` of the record as
    /// it was then, so applying it again elsewhere (a save after another
    /// writer's change) can tell whether that record changed meanwhile.
    Remove(Kind, Id),
    /// Removes this record, only if it is still as it was when the person
    /// chose to remove it (or added it, for the undo of an add): a record
    /// changed elsewhere meanwhile is left, and said so.
    Delete(Box<Item>),
    /// Puts back a removed record at its old position: the inverse of `Remove`.
    Restore(Item, usize),
    /// Changes a single-valued part of the workbook, field by field.
    Set(Change<Section>),
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

/// What a merge does with a field both sides changed to different values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merge {
    /// Keeps theirs and stores ours as a [`Conflict`]: an edit a person made.
    Record,
    /// Keeps theirs and says so: an undo reverts only the fields that still
    /// hold the value the edit wrote.
    Report,
}

/// What applying an edit did besides its change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Conflicts stored (their ids), one per record or part both sides changed.
    pub conflicts: Vec<Id>,
    /// Under [`Merge::Report`]: the fields left alone because they no longer
    /// hold the value the edit wrote, in words (`win 3 “…”: metric`).
    pub kept: Vec<String>,
}

impl Edit {
    /// Changes record `before` into `after` (the same kind and id).
    pub fn update(before: impl Into<Item>, after: impl Into<Item>) -> Edit {
        let (before, after) = (before.into(), after.into());
        debug_assert_eq!((before.kind(), before.id()), (after.kind(), after.id()));
        Edit::Update(Box::new(Change { before, after }))
    }

    /// Changes one part of the workbook from `before` to `after` (the same part).
    pub fn set(before: Section, after: Section) -> Edit {
        debug_assert_eq!(before.part(), after.part());
        Edit::Set(Change { before, after })
    }

    /// Sets one part of the workbook to `after`, starting from its value in
    /// `wb` now: for a change decided on what is shown at this moment.
    pub fn set_from(wb: &Workbook, after: Section) -> Edit {
        Edit::set(Section::of(after.part(), wb), after)
    }

    /// Applies the edit, returning its inverse. On error nothing has changed.
    /// An `Add` records the id it was given inside `self`.
    /// `today` is for checks such as "a win cannot be dated next month".
    /// A field another writer changed too is kept as theirs and ours is stored
    /// as a conflict ([`Merge::Record`]).
    pub fn apply(&mut self, wb: &mut Workbook, today: NaiveDate) -> Result<Edit, EditError> {
        self.apply_as(wb, today, Merge::Record)
            .map(|(inverse, _)| inverse)
    }

    /// Applies the edit with `merge` deciding what a field both sides changed
    /// becomes, returning its inverse and what the merge did.
    pub fn apply_as(
        &mut self,
        wb: &mut Workbook,
        today: NaiveDate,
        merge: Merge,
    ) -> Result<(Edit, Outcome), EditError> {
        let mut cx = Apply {
            check: Check::Validate(today),
            merge,
            today,
            outcome: Outcome::default(),
        };
        let inverse = self.apply_with(wb, &mut cx)?;
        Ok((inverse, cx.outcome))
    }

    fn apply_with(&mut self, wb: &mut Workbook, cx: &mut Apply) -> Result<Edit, EditError> {
        match self {
            Edit::Add(item) => {
                cx.check.item(item, wb)?;
                item.set_id(wb.allocate_id()?);
                let inverse = Edit::Delete(Box::new(item.clone()));
                item.clone().insert(wb, usize::MAX);
                Ok(inverse)
            }
            Edit::Update(change) => update(change, wb, cx),
            Edit::Remove(kind, id) => {
                let Some(seen) = kind.find(wb, *id) else {
                    return cx.missing(*kind, *id);
                };
                *self = Edit::Delete(Box::new(seen));
                self.apply_with(wb, cx)
            }
            Edit::Delete(seen) => delete(seen, wb, cx),
            Edit::Restore(item, index) => {
                if item.kind().contains(wb, item.id()) {
                    // Already back (restored elsewhere): restoring twice would duplicate it.
                    return Ok(Edit::Batch(Vec::new()));
                }
                item.clone().insert(wb, *index);
                Ok(Edit::Delete(item.clone().into()))
            }
            Edit::Set(change) => set(change, wb, cx),
            Edit::Batch(edits) => apply_all(edits, wb, cx),
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
    /// References to it inside records (an application naming a new contact)
    /// follow too.
    pub fn remap(&mut self, kind: Kind, from: Id, to: Id) {
        let rename = |item: &mut Item| {
            if item.kind() == kind && item.id() == from {
                item.set_id(to);
            }
            item.remap_refs(kind, from, to);
        };
        match self {
            Edit::Add(item) => item.remap_refs(kind, from, to),
            Edit::Update(change) => {
                rename(&mut change.before);
                rename(&mut change.after);
            }
            Edit::Restore(item, _) => rename(item),
            Edit::Delete(item) => rename(item),
            Edit::Remove(k, id) if *k == kind && *id == from => *id = to,
            Edit::Set(change) => {
                change.before.remap_refs(kind, from, to);
                change.after.remap_refs(kind, from, to);
            }
            Edit::Batch(edits) => edits.iter_mut().for_each(|e| e.remap(kind, from, to)),
            _ => {}
        }
    }

    /// The records this edit changes or removes, as it saw them: what tells
    /// whether a record renumbered since is still the one it meant
    /// (`domain::moved`).
    pub fn seen(&self) -> Vec<&Item> {
        match self {
            Edit::Update(change) => vec![&change.before],
            Edit::Delete(item) => vec![&**item],
            Edit::Restore(item, _) => vec![item],
            Edit::Batch(edits) => edits.iter().flat_map(Edit::seen).collect(),
            Edit::Add(_) | Edit::Remove(..) | Edit::Set(_) => Vec::new(),
        }
    }

    /// Turns a `Remove` (a record named by id alone) into a `Delete` of the
    /// record as `wb` holds it now: for a removal a person confirms later,
    /// so it removes what they were shown, under whatever id it has by then.
    pub fn pin(&mut self, wb: &Workbook) {
        match self {
            Edit::Remove(kind, id) => {
                if let Some(seen) = kind.find(wb, *id) {
                    *self = Edit::Delete(Box::new(seen));
                }
            }
            Edit::Batch(edits) => edits.iter_mut().for_each(|e| e.pin(wb)),
            _ => {}
        }
    }

    /// What the edit does, one line per change, as a person reads it:
    /// `added win “Cut EC2 spend”`, `changed application “Acme — SRE”: role`.
    pub fn describe(&self) -> Vec<String> {
        match self {
            Edit::Add(item) => vec![format!("added {} “{}”", item.kind().noun(), item.label())],
            Edit::Update(change) => {
                let (kind, label) = (change.after.kind(), change.after.label());
                let fields = change.before.fields_changed_in(&change.after);
                vec![format!("changed {} “{label}”: {fields}", kind.noun())]
            }
            Edit::Remove(kind, id) => vec![format!("deleted {} {id}", kind.noun())],
            Edit::Delete(item) => {
                vec![format!("deleted {} “{}”", item.kind().noun(), item.label())]
            }
            Edit::Restore(item, _) => {
                vec![format!(
                    "put back {} “{}”",
                    item.kind().noun(),
                    item.label()
                )]
            }
            Edit::Set(change) => vec![format!("changed the {}", change.after.part().noun())],
            Edit::Batch(edits) => edits.iter().flat_map(Edit::describe).collect(),
        }
    }

    /// Whether applying this edit would change nothing (an empty batch).
    pub fn is_empty(&self) -> bool {
        matches!(self, Edit::Batch(edits) if edits.iter().all(Edit::is_empty))
    }
}

/// Removes `seen` if it is stored unchanged; otherwise leaves the record
/// (its changes were made after the person chose to remove it) and says so.
fn delete(seen: &Item, wb: &mut Workbook, cx: &mut Apply) -> Result<Edit, EditError> {
    let (kind, id) = (seen.kind(), seen.id());
    match kind.find(wb, id) {
        None => cx.missing(kind, id),
        Some(current) if current != *seen => {
            cx.outcome.kept.push(format!(
                "{} {id} “{}” was not deleted: it was changed elsewhere meanwhile",
                kind.noun(),
                current.label()
            ));
            Ok(Edit::Batch(Vec::new()))
        }
        Some(_) => {
            let (old, index) = kind.remove(wb, id).ok_or(EditError::Missing(kind))?;
            Ok(Edit::Restore(old, index))
        }
    }
}

/// Merges `change` into the stored record field by field.
fn update(change: &Change<Item>, wb: &mut Workbook, cx: &mut Apply) -> Result<Edit, EditError> {
    let (kind, id) = (change.after.kind(), change.after.id());
    let Some(current) = kind.find(wb, id) else {
        return cx.missing(kind, id);
    };
    let (merged, conflicts) = if current == change.before {
        (change.after.clone(), Vec::new())
    } else {
        let m = merge::merge(
            &change.before.to_value()?,
            &change.after.to_value()?,
            &current.to_value()?,
            kind.groups(),
        );
        (Item::from_value(kind, m.value)?, m.conflicts)
    };
    let (merged, conflicts) = match cx.check.item(&merged, wb) {
        Ok(()) => (merged, conflicts),
        // Ours alone is refused as the person's own mistake …
        Err(invalid) if current == change.before => return Err(invalid.into()),
        // … but when only the mix of both sides is invalid, theirs stays
        // whole and every field we changed is handed back.
        Err(_) => (
            current.clone(),
            every_change(&change.before, &change.after, &current)?,
        ),
    };
    let inverse = Edit::Update(Box::new(Change {
        before: merged.clone(),
        after: current,
    }));
    merged.replace(wb);
    cx.settle(wb, Target::Record(kind, id), conflicts, inverse)
}

/// Merges `change` into the stored value of its part.
fn set(change: &Change<Section>, wb: &mut Workbook, cx: &mut Apply) -> Result<Edit, EditError> {
    let part = change.after.part();
    let current = Section::of(part, wb);
    let (merged, conflicts) = if current == change.before {
        (change.after.clone(), Vec::new())
    } else {
        let m = merge::merge(
            &change.before.to_value()?,
            &change.after.to_value()?,
            &current.to_value()?,
            &[],
        );
        (Section::from_value(part, m.value)?, m.conflicts)
    };
    merged.clone().swap(wb);
    let conflicts = match cx.check.section(&merged, wb) {
        Ok(()) => conflicts,
        Err(invalid) => {
            current.clone().swap(wb);
            if current == change.before {
                return Err(invalid.into());
            }
            every_change(&change.before, &change.after, &current)?
        }
    };
    let inverse = Edit::Set(Change {
        before: Section::of(part, wb),
        after: current,
    });
    cx.settle(wb, Target::Section(part), conflicts, inverse)
}

/// Every field that `before` → `after` set, as conflicts against `current`.
fn every_change<T: ToValue>(
    before: &T,
    after: &T,
    current: &T,
) -> Result<Vec<FieldConflict>, EditError> {
    Ok(merge::changed(
        &before.to_value()?,
        &after.to_value()?,
        &current.to_value()?,
    ))
}

/// Records and parts both become JSON values to merge.
trait ToValue {
    fn to_value(&self) -> Result<Value, Invalid>;
}

impl ToValue for Item {
    fn to_value(&self) -> Result<Value, Invalid> {
        Item::to_value(self)
    }
}

impl ToValue for Section {
    fn to_value(&self) -> Result<Value, Invalid> {
        Section::to_value(self)
    }
}

impl Apply {
    /// A record the edit names is gone. An edit a person made says so (the
    /// edit is refused); an undo has nothing left to undo there, and says
    /// that instead of failing (which would block every older undo).
    fn missing(&mut self, kind: Kind, id: Id) -> Result<Edit, EditError> {
        if self.merge == Merge::Record {
            return Err(EditError::Missing(kind));
        }
        // A conflict settled elsewhere needs no word.
        if kind != Kind::Conflict {
            self.outcome.kept.push(format!(
                "{} {id} was deleted elsewhere meanwhile",
                kind.noun()
            ));
        }
        Ok(Edit::Batch(Vec::new()))
    }
}

/// The state of one application of an edit.
struct Apply {
    check: Check,
    merge: Merge,
    today: NaiveDate,
    outcome: Outcome,
}

impl Apply {
    /// Deals with the fields a merge left as theirs: stores them as a conflict
    /// (whose removal joins the inverse) or reports them, as `merge` says.
    fn settle(
        &mut self,
        wb: &mut Workbook,
        about: Target,
        fields: Vec<FieldConflict>,
        inverse: Edit,
    ) -> Result<Edit, EditError> {
        if fields.is_empty() {
            return Ok(inverse);
        }
        let mut conflict = Conflict {
            id: 0,
            about,
            date: self.today,
            fields,
        };
        if self.merge == Merge::Report {
            let names: Vec<&str> = conflict.fields.iter().map(|f| f.field.as_str()).collect();
            self.outcome.kept.push(format!(
                "{}: {} not undone: changed elsewhere meanwhile",
                conflict.subject(wb),
                names.join(", ")
            ));
            return Ok(inverse);
        }
        conflict.id = wb.allocate_id()?;
        self.outcome.conflicts.push(conflict.id);
        let remove = Edit::Remove(Kind::Conflict, conflict.id);
        Item::Conflict(conflict).insert(wb, usize::MAX);
        Ok(Edit::Batch(vec![remove, inverse]))
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
            let mut after = app.clone();
            after.stories.retain(|story| *story != id);
            Edit::update(app.clone(), after)
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
fn apply_all(edits: &mut [Edit], wb: &mut Workbook, cx: &mut Apply) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits.iter_mut() {
        match edit.apply_with(wb, cx) {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                let mut trust = Apply {
                    check: Check::Trust,
                    merge: Merge::Report,
                    today: cx.today,
                    outcome: Outcome::default(),
                };
                for mut inverse in inverses.into_iter().rev() {
                    // The inverse of an edit that just succeeded restores what
                    // was there: unchecked, it cannot fail.
                    let _ = inverse.apply_with(wb, &mut trust);
                }
                cx.outcome = Outcome::default();
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
        let err = Edit::update(ghost.clone(), ghost)
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
        let mut batch = Edit::Batch(vec![
            Edit::update(bad.clone(), fixed),
            Edit::Add(win("").into()),
        ]);
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
        let mut edit = Edit::Batch(vec![Edit::update(a.clone(), a), Edit::Remove(Kind::Win, 6)]);
        edit.remap(Kind::Win, 5, 9);
        let Edit::Batch(edits) = &edit else {
            panic!("still a batch")
        };
        assert!(matches!(&edits[0], Edit::Update(c) if c.before.id() == 9 && c.after.id() == 9));
        assert!(matches!(&edits[1], Edit::Remove(Kind::Win, 6)));
    }

    // Field-level merges --------------------------------------------------

    use crate::domain::conflict::{self, Pick, Target};
    use crate::domain::impact::Metric;
    use crate::domain::pipeline::{Application, Stage};

    /// A workbook holding one win (id 1), as two windows both loaded it.
    fn one_win() -> Workbook {
        let mut wb = Workbook::default();
        Edit::Add(win("Cut spend").into())
            .apply(&mut wb, today())
            .expect("add");
        wb
    }

    fn metric(text: &str) -> Option<Metric> {
        Some(Metric::parse(text).expect("metric"))
    }

    fn stored(wb: &Workbook) -> &Win {
        &wb.impact.wins[0]
    }

    #[test]
    fn two_writers_changing_different_fields_of_one_win_both_keep_theirs() {
        let opened = one_win();
        let mut file = opened.clone();
        // The other window added a metric and saved.
        let base = stored(&opened).clone();
        let theirs = Win {
            metric: metric("$40k/yr"),
            ..base.clone()
        };
        Edit::update(base.clone(), theirs)
            .apply(&mut file, today())
            .expect("theirs");
        // Ours retitled the win from the copy it opened.
        let ours = Win {
            title: "Cut EC2 spend".into(),
            ..base.clone()
        };
        let (_, outcome) = Edit::update(base, ours)
            .apply_as(&mut file, today(), Merge::Record)
            .expect("ours");
        assert_eq!(stored(&file).title, "Cut EC2 spend");
        assert_eq!(
            stored(&file).metric,
            metric("$40k/yr"),
            "their metric is kept"
        );
        assert_eq!(outcome, Outcome::default());
        assert!(file.conflicts.is_empty());
    }

    #[test]
    fn both_changing_one_field_keeps_theirs_and_stores_mine_as_a_conflict() {
        let opened = one_win();
        let base = stored(&opened).clone();
        let mut file = opened.clone();
        Edit::update(
            base.clone(),
            Win {
                metric: metric("$35k/yr"),
                ..base.clone()
            },
        )
        .apply(&mut file, today())
        .expect("theirs");
        let mut ours = Edit::update(
            base.clone(),
            Win {
                metric: metric("$40k/yr"),
                ..base
            },
        );
        let (inverse, outcome) = ours
            .apply_as(&mut file, today(), Merge::Record)
            .expect("ours");
        assert_eq!(
            stored(&file).metric,
            metric("$35k/yr"),
            "theirs stays in the file"
        );
        assert_eq!(outcome.conflicts.len(), 1);
        let stored_conflict = &file.conflicts[0];
        assert_eq!(stored_conflict.about, Target::Record(Kind::Win, 1));
        assert_eq!(stored_conflict.fields.len(), 1);
        assert_eq!(stored_conflict.fields[0].field, "metric");
        assert_eq!(
            stored_conflict.lines(&file),
            ["metric: kept “$35k/yr” · set aside “$40k/yr”"]
        );
        // Using the set-aside value puts ours in place and lets the conflict go.
        let mut picked = file.clone();
        conflict::resolve(&picked, stored_conflict.id, Pick::SetAside)
            .expect("resolves")
            .apply(&mut picked, today())
            .expect("applies");
        assert_eq!(stored(&picked).metric, metric("$40k/yr"));
        assert!(picked.conflicts.is_empty());
        // Keeping the value in place only lets it go.
        let mut kept = file.clone();
        conflict::resolve(&kept, stored_conflict.id, Pick::Kept)
            .expect("resolves")
            .apply(&mut kept, today())
            .expect("applies");
        assert_eq!(stored(&kept).metric, metric("$35k/yr"));
        assert!(kept.conflicts.is_empty());
        // Undoing our edit withdraws the conflict too.
        let mut undone = file.clone();
        inverse.clone().apply(&mut undone, today()).expect("undo");
        assert!(undone.conflicts.is_empty());
        assert_eq!(stored(&undone).metric, metric("$35k/yr"));
    }

    #[test]
    fn undo_reverts_only_the_fields_the_edit_set_and_says_what_it_left() {
        let mut wb = one_win();
        let base = stored(&wb).clone();
        let retitled = Win {
            title: "Cut EC2 spend".into(),
            notes: Some("mine".into()),
            ..base.clone()
        };
        let mut inverse = Edit::update(base.clone(), retitled.clone())
            .apply(&mut wb, today())
            .expect("edit");
        // Another writer then adds a metric and rewrites the notes.
        Edit::update(
            retitled.clone(),
            Win {
                metric: metric("$40k/yr"),
                notes: Some("theirs".into()),
                ..retitled
            },
        )
        .apply(&mut wb, today())
        .expect("theirs");
        let (_, outcome) = inverse
            .apply_as(&mut wb, today(), Merge::Report)
            .expect("undo");
        assert_eq!(stored(&wb).title, "Cut spend", "the title we set is undone");
        assert_eq!(
            stored(&wb).metric,
            metric("$40k/yr"),
            "their metric survives the undo"
        );
        assert_eq!(
            stored(&wb).notes.as_deref(),
            Some("theirs"),
            "changed since: left alone"
        );
        assert_eq!(
            outcome.kept,
            ["win 1 “Cut spend”: notes not undone: changed elsewhere meanwhile"]
        );
        assert!(wb.conflicts.is_empty(), "an undo stores no conflict");
    }

    fn app_workbook() -> (Workbook, Application) {
        let mut wb = Workbook::default();
        let date = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        let mut add = Edit::Add(Application::new(0, "Acme", "SRE", Stage::Applied, date).into());
        add.apply(&mut wb, today()).expect("add");
        let app = wb.pipeline.applications[0].clone();
        (wb, app)
    }

    #[test]
    fn a_role_edit_keeps_a_stage_another_writer_moved() {
        let (mut wb, opened) = app_workbook();
        let moved_on = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        let mut moved = opened.clone();
        moved.move_to(Stage::Interviewing, moved_on).expect("move");
        Edit::update(opened.clone(), moved)
            .apply(&mut wb, today())
            .expect("theirs");
        // The edit form was opened before the move; it changes the role only.
        let retitled = Application {
            role: "Staff SRE".into(),
            ..opened.clone()
        };
        Edit::update(opened, retitled)
            .apply(&mut wb, today())
            .expect("ours");
        let app = &wb.pipeline.applications[0];
        assert_eq!(app.role, "Staff SRE");
        assert_eq!(app.stage, Stage::Interviewing, "the stage is not put back");
        let stages: Vec<Stage> = app.history.iter().map(|h| h.stage).collect();
        assert_eq!(stages, [Stage::Applied, Stage::Interviewing]);
        assert!(wb.conflicts.is_empty());
    }

    #[test]
    fn two_different_moves_keep_theirs_and_hand_back_the_stage_with_its_history() {
        let (mut wb, opened) = app_workbook();
        let on = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        let mut theirs = opened.clone();
        theirs.move_to(Stage::Screening, on).expect("move");
        Edit::update(opened.clone(), theirs)
            .apply(&mut wb, today())
            .expect("theirs");
        let mut ours = opened.clone();
        ours.move_to(Stage::Offer, on).expect("move");
        Edit::update(opened, ours)
            .apply(&mut wb, today())
            .expect("ours");
        let app = &wb.pipeline.applications[0];
        assert_eq!(app.stage, Stage::Screening);
        assert_eq!(app.history.last().map(|h| h.stage), Some(Stage::Screening));
        let fields: Vec<&str> = wb.conflicts[0]
            .fields
            .iter()
            .map(|f| f.field.as_str())
            .collect();
        assert_eq!(fields, ["stage", "history"]);
        // The history follows the stage, so only the stage is shown.
        assert_eq!(
            wb.conflicts[0].lines(&wb),
            ["stage: kept “screening” · set aside “offer”"]
        );
        // Using the set-aside stage moves it on, with both moves in the history.
        let id = wb.conflicts[0].id;
        conflict::resolve(&wb, id, Pick::SetAside)
            .expect("resolves")
            .apply(&mut wb, today())
            .expect("applies");
        let app = &wb.pipeline.applications[0];
        assert_eq!(app.stage, Stage::Offer);
        let stages: Vec<Stage> = app.history.iter().map(|h| h.stage).collect();
        assert_eq!(stages, [Stage::Applied, Stage::Screening, Stage::Offer]);
    }

    #[test]
    fn sections_merge_field_by_field_too() {
        use crate::domain::runway::NewJob;
        use rust_decimal_macros::dec;
        let start = NaiveDate::from_ymd_opt(2027, 2, 1).expect("date");
        let job = NewJob {
            start,
            monthly_net: dec!(9000),
            offer: None,
        };
        let mut wb = Workbook::default();
        Edit::set_from(&wb, Section::NewJob(Some(job.clone())))
            .apply(&mut wb, today())
            .expect("set");
        let opened = Section::NewJob(Some(job.clone()));
        // Another writer moves the start; ours changes the pay.
        let later = NaiveDate::from_ymd_opt(2027, 3, 1).expect("date");
        Edit::set(
            opened.clone(),
            Section::NewJob(Some(NewJob {
                start: later,
                ..job.clone()
            })),
        )
        .apply(&mut wb, today())
        .expect("theirs");
        Edit::set(
            opened,
            Section::NewJob(Some(NewJob {
                monthly_net: dec!(9500),
                ..job
            })),
        )
        .apply(&mut wb, today())
        .expect("ours");
        assert_eq!(
            wb.runway.new_job,
            Some(NewJob {
                start: later,
                monthly_net: dec!(9500),
                offer: None,
            })
        );
    }

    #[test]
    fn a_merge_that_would_store_an_invalid_record_keeps_theirs_whole() {
        // Theirs is a hand edit that left the company blank (which no form
        // accepts); ours changes the role. Merged, the record would be
        // refused, so the file keeps theirs whole and our role is handed back.
        let (mut wb, opened) = app_workbook();
        wb.pipeline.applications[0] = Application {
            company: "  ".into(),
            ..opened.clone()
        };
        let ours = Application {
            role: "Staff SRE".into(),
            ..opened.clone()
        };
        Edit::update(opened, ours)
            .apply(&mut wb, today())
            .expect("ours is kept as a conflict");
        assert_eq!(
            wb.pipeline.applications[0].role, "SRE",
            "theirs stays whole"
        );
        assert_eq!(wb.conflicts.len(), 1);
        assert_eq!(wb.conflicts[0].fields[0].field, "role");
    }

    #[test]
    fn an_edit_describes_itself_in_words() {
        let mut wb = Workbook::default();
        let mut add = Edit::Add(win("Cut spend").into());
        add.apply(&mut wb, today()).expect("add");
        assert_eq!(add.describe(), ["added win “Cut spend”"]);
        let before = wb.impact.wins[0].clone();
        let after = Win {
            title: "Cut EC2 spend".into(),
            notes: Some("n".into()),
            ..before.clone()
        };
        assert_eq!(
            Edit::update(before, after).describe(),
            ["changed win “Cut EC2 spend”: notes, title"]
        );
        let batch = Edit::Batch(vec![
            Edit::Remove(Kind::Win, 1),
            Edit::set_from(&wb, Section::RoleEliminated(true)),
        ]);
        assert_eq!(
            batch.describe(),
            ["deleted win 1", "changed the role eliminated"]
        );
    }
}
