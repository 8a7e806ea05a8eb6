//! Conflicts: values two writers both changed, kept in the workbook until the
//! person picks one.
//!
//! When a merge finds a field changed on both sides to different values, the
//! value saved first is kept in place and the other is set aside here, with
//! the value both started from, so nothing typed is ever dropped in silence.
//! Using the set-aside value puts it in place (through an ordinary, undoable
//! edit); keeping the value in place just lets the conflict go. The words are
//! "kept" and "set aside", not "mine" and "theirs": every window and machine
//! sees the same conflict.

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
    /// The fields both sides changed: what both started from, kept, set aside.
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

    /// What it is about in a few words: `win 12`, `severance`.
    pub fn short_subject(&self) -> String {
        match self.about {
            Target::Record(kind, id) => format!("{} {id}", kind.noun()),
            Target::Section(part) => part.noun().to_string(),
        }
    }

    /// One line per field: `metric: kept “$35k/yr” · set aside “$40k/yr”`,
    /// the kept value as it is in `wb` now (it may have changed again since).
    /// A field that follows another in its group (an application's history
    /// follows its stage) is not shown on its own.
    pub fn lines(&self, wb: &Workbook) -> Vec<String> {
        let now = self.current(wb);
        self.fields
            .iter()
            .filter(|f| !self.follows_another(&f.field))
            .map(|f| {
                let name = if f.field.is_empty() {
                    "value"
                } else {
                    f.field.as_str()
                };
                let kept = match &now {
                    Some(Value::Object(map)) if !f.field.is_empty() => {
                        map.get(&f.field).unwrap_or(&Value::Null)
                    }
                    Some(whole) if f.field.is_empty() => whole,
                    _ => &f.kept,
                };
                format!(
                    "{name}: kept “{}” · set aside “{}”",
                    merge::show(kept),
                    merge::show(&f.set_aside)
                )
            })
            .collect()
    }

    /// The value this conflict is about as `wb` holds it now, if it still exists.
    fn current(&self, wb: &Workbook) -> Option<Value> {
        match self.about {
            Target::Record(kind, id) => kind.find(wb, id)?.to_value().ok(),
            Target::Section(part) => Section::of(part, wb).to_value().ok(),
        }
    }

    /// Whether `field` comes after another field of its group in this conflict.
    fn follows_another(&self, field: &str) -> bool {
        let Target::Record(kind, _) = self.about else {
            return false;
        };
        kind.groups().iter().any(|group| {
            let at = group.iter().position(|f| *f == field);
            at.is_some_and(|at| {
                group[..at]
                    .iter()
                    .any(|lead| self.fields.iter().any(|f| f.field == *lead))
            })
        })
    }
}

/// Conflicts of `base` that this copy (`ours`) settled and that `merged`
/// (after another machine's changes were merged in) holds differently: the
/// other machine settled them the other way, or changed the value since.
/// One line each, saying what the value is now and what was chosen here.
/// Both values were on offer and neither is lost (git keeps both copies),
/// so this is told rather than stored as a new conflict.
pub fn settled_apart(base: &Workbook, ours: &Workbook, merged: &Workbook) -> Vec<String> {
    let settled = base
        .conflicts
        .iter()
        .filter(|c| !ours.conflicts.iter().any(|o| o.id == c.id));
    settled
        .filter_map(|c| {
            let (here, now) = (c.current(ours)?, c.current(merged)?);
            let differ: Vec<String> = c
                .fields
                .iter()
                .filter(|f| !c.follows_another(&f.field))
                .filter_map(|f| {
                    let pick = |v: &Value| match f.field.is_empty() {
                        true => Some(v.clone()),
                        false => v.get(&f.field).cloned(),
                    };
                    let (here, now) = (pick(&here)?, pick(&now)?);
                    let name = if f.field.is_empty() {
                        "value"
                    } else {
                        &f.field
                    };
                    (here != now).then(|| {
                        format!(
                            "{name} is “{}” (here you chose “{}”)",
                            merge::show(&now),
                            merge::show(&here)
                        )
                    })
                })
                .collect();
            (!differ.is_empty()).then(|| {
                format!(
                    "conflict {} about {}, settled here, was settled differently on the other \
                     machine (or changed there since): {}; change it back if you meant yours",
                    c.id,
                    c.subject(merged),
                    differ.join(", ")
                )
            })
        })
        .collect()
}

/// Which value a conflict settles on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// Put the set-aside value in place.
    SetAside,
    /// Keep the value in place; the set-aside one goes.
    Kept,
}

/// The edit that settles conflict `id` with `pick` (one undo step).
pub fn resolve(wb: &Workbook, id: Id, pick: Pick) -> Result<Edit, Invalid> {
    let conflict = wb
        .conflicts
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Invalid::new("id", format!("there is no conflict {id}")))?;
    let dismiss = Edit::Remove(Kind::Conflict, id);
    if pick == Pick::Kept {
        return Ok(dismiss);
    }
    let restore = match conflict.about {
        Target::Record(kind, record) => {
            let current = kind.find(wb, record).ok_or_else(|| {
                Invalid::new(
                    "id",
                    format!(
                        "that {} was deleted since; only keeping can settle this conflict",
                        kind.noun()
                    ),
                )
            })?;
            let after = with_set_aside(&current.to_value()?, &conflict.fields)?;
            Edit::update(current.clone(), Item::from_value(kind, after)?)
        }
        Target::Section(part) => {
            let current = Section::of(part, wb);
            let after = with_set_aside(&current.to_value()?, &conflict.fields)?;
            Edit::set(current.clone(), Section::from_value(part, after)?)
        }
    };
    Ok(Edit::Batch(vec![restore, dismiss]))
}

/// `current` with each conflicting field taking the set-aside value (lists merged).
fn with_set_aside(current: &Value, fields: &[FieldConflict]) -> Result<Value, Invalid> {
    if let [whole] = fields
        && whole.field.is_empty()
    {
        return Ok(merge::force(&whole.base, &whole.set_aside, current));
    }
    let Value::Object(now) = current else {
        return Err(Invalid::new(
            "fields",
            "the value changed shape since; only keeping can settle this conflict",
        ));
    };
    let mut base = now.clone();
    let mut set_aside: Map<String, Value> = now.clone();
    // A record keeps its id whatever a hand-edited conflict says.
    for f in fields.iter().filter(|f| f.field != "id") {
        base.insert(f.field.clone(), f.base.clone());
        set_aside.insert(f.field.clone(), f.set_aside.clone());
    }
    Ok(merge::force(
        &Value::Object(base),
        &Value::Object(set_aside),
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
