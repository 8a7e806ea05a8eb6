//! Conflicts: values two writers both changed, kept in the workbook until the
//! person picks one.
//!
//! When a merge finds a field changed on both sides to different values, the
//! other side's value stays in place and ours is kept here, with the value
//! both started from, so nothing typed is ever dropped in silence. Picking
//! "mine" puts our value back (through an ordinary, undoable edit); picking
//! "theirs" just lets the conflict go.

use super::edit::{Edit, Item, Kind, Part, Section};
use super::merge::{self, FieldConflict};
use super::workbook::Workbook;
use super::{Id, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What a conflict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// One record, by kind and id.
    Record(Kind, Id),
    /// One single-valued part of the workbook (the severance, the notice …).
    Section(Part),
}

/// One stored conflict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub id: Id,
    pub about: Target,
    /// The day it was found.
    pub date: NaiveDate,
    /// The fields both sides changed: what both started from, mine, theirs.
    pub fields: Vec<FieldConflict>,
}

impl Conflict {
    /// A conflict holds values from the file itself, so there is nothing a
    /// person typed to check beyond there being something to pick.
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.fields.is_empty() {
            return Err(Invalid::new(
                "fields",
                "a conflict names at least one field",
            ));
        }
        Ok(())
    }

    /// What it is about, as a person reads it: `win 12 “Cut EC2 spend”`.
    pub fn subject(&self, wb: &Workbook) -> String {
        match self.about {
            Target::Record(kind, id) => match kind.find(wb, id) {
                Some(item) => format!("{} {id} “{}”", kind.noun(), item.label()),
                None => format!("{} {id} (deleted since)", kind.noun()),
            },
            Target::Section(part) => part.noun().to_string(),
        }
    }

    /// One line per field: `metric: mine “$40k/yr”, theirs “$35k/yr”`.
    pub fn lines(&self) -> Vec<String> {
        self.fields
            .iter()
            .map(|f| {
                let name = if f.field.is_empty() {
                    "value"
                } else {
                    f.field.as_str()
                };
                format!(
                    "{name}: mine “{}”, theirs “{}”",
                    merge::show(&f.mine),
                    merge::show(&f.theirs)
                )
            })
            .collect()
    }
}

/// Which side's value a conflict keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    Mine,
    Theirs,
}

/// The edit that settles conflict `id` with `pick` (one undo step).
pub fn resolve(wb: &Workbook, id: Id, pick: Pick) -> Result<Edit, Invalid> {
    let conflict = wb
        .conflicts
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Invalid::new("id", format!("there is no conflict {id}")))?;
    let dismiss = Edit::Remove(Kind::Conflict, id);
    if pick == Pick::Theirs {
        return Ok(dismiss);
    }
    let restore = match conflict.about {
        Target::Record(kind, record) => {
            let current = kind.find(wb, record).ok_or_else(|| {
                Invalid::new(
                    "id",
                    format!(
                        "that {} was deleted since; only “theirs” can be picked",
                        kind.noun()
                    ),
                )
            })?;
            let after = with_mine(&current.to_value()?, &conflict.fields)?;
            Edit::update(current.clone(), Item::from_value(kind, after)?)
        }
        Target::Section(part) => {
            let current = Section::of(part, wb);
            let after = with_mine(&current.to_value()?, &conflict.fields)?;
            Edit::set(current.clone(), Section::from_value(part, after)?)
        }
    };
    Ok(Edit::Batch(vec![restore, dismiss]))
}

/// `current` with each conflicting field taking our value (lists merged).
fn with_mine(current: &Value, fields: &[FieldConflict]) -> Result<Value, Invalid> {
    if let [whole] = fields
        && whole.field.is_empty()
    {
        return Ok(merge::force(&whole.base, &whole.mine, current));
    }
    let Value::Object(now) = current else {
        return Err(Invalid::new(
            "fields",
            "the value changed shape since; only “theirs” can be picked",
        ));
    };
    let mut base = now.clone();
    let mut mine: Map<String, Value> = now.clone();
    for f in fields {
        base.insert(f.field.clone(), f.base.clone());
        mine.insert(f.field.clone(), f.mine.clone());
    }
    Ok(merge::force(
        &Value::Object(base),
        &Value::Object(mine),
        current,
    ))
}

/// Conflicts of `wb` as JSON rows for `careerbook conflicts --format json`.
pub fn rows(wb: &Workbook) -> Vec<ConflictJson> {
    wb.conflicts
        .iter()
        .map(|c| ConflictJson {
            id: c.id,
            about: c.subject(wb),
            date: c.date,
            fields: c.fields.clone(),
        })
        .collect()
}

#[derive(Serialize)]
pub struct ConflictJson {
    pub id: Id,
    pub about: String,
    pub date: NaiveDate,
    pub fields: Vec<FieldConflict>,
}
