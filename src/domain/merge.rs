//! Three-way merges of one record, field by field.
//!
//! An edit knows the record as it was when the person started (`base`) and as
//! they left it (`ours`); the workbook holds it as it is now (`theirs`, which
//! another window, command or machine may have changed meanwhile). A field
//! only we changed takes our value; a field only they changed keeps theirs; a
//! field both changed to different values is a [`FieldConflict`]: theirs stays,
//! ours is handed back to be kept where the person can see and pick it.
//!
//! Records are compared as `serde_json::Value`s, so one function serves every
//! kind. Lists inside a record (a stage history, contact ids, tags, stories)
//! merge by element: what we removed goes, what we added is appended.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One field both sides changed, to different values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldConflict {
    /// The field's name in the file (`metric`, `stage`); empty for a value
    /// that is not a record (a date, a rate).
    pub field: String,
    /// The value both sides started from.
    pub base: Value,
    /// The value the other side saved first, which stays in place.
    pub kept: Value,
    /// The value this side wanted, set aside until someone picks.
    pub set_aside: Value,
}

/// The outcome of a merge: the value to store and the fields left as theirs.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub value: Value,
    pub conflicts: Vec<FieldConflict>,
}

/// Merges `ours` (made from `base`) into `theirs`. `groups` name fields that
/// only make sense together (an application's `stage` and `history`): when
/// any field of a group conflicts, the whole group keeps theirs.
pub fn merge(base: &Value, ours: &Value, theirs: &Value, groups: &[&[&str]]) -> Merged {
    match (base, ours, theirs) {
        (Value::Object(b), Value::Object(o), Value::Object(t)) => merge_fields(b, o, t, groups),
        _ => {
            let mut conflicts = Vec::new();
            let value = merge_value("", base, ours, theirs, &mut conflicts);
            Merged { value, conflicts }
        }
    }
}

/// The fields `ours` changed from `base`, with their new values; taking these
/// over `theirs` (lists merged by element) is what using a set-aside value means.
pub fn force(base: &Value, ours: &Value, theirs: &Value) -> Value {
    match (base, ours, theirs) {
        (Value::Object(b), Value::Object(o), Value::Object(t)) => {
            let mut out = t.clone();
            for key in keys(b, o, t) {
                let (bv, ov, tv) = (get(b, &key), get(o, &key), get(t, &key));
                if bv != ov {
                    let value = forced(bv, ov, tv);
                    put(&mut out, key, value);
                }
            }
            Value::Object(out)
        }
        _ if base == ours => theirs.clone(),
        _ => forced(base, ours, theirs),
    }
}

/// The fields `ours` changed from `base`, each as a conflict with `theirs`:
/// what is handed back when no merge of the two can be stored.
pub fn changed(base: &Value, ours: &Value, theirs: &Value) -> Vec<FieldConflict> {
    match (base, ours, theirs) {
        (Value::Object(b), Value::Object(o), Value::Object(t)) => keys(b, o, t)
            .into_iter()
            .filter(|key| get(b, key) != get(o, key))
            .map(|key| conflict(&key, get(b, &key), get(o, &key), get(t, &key)))
            .collect(),
        _ if base == ours => Vec::new(),
        _ => vec![conflict("", base, ours, theirs)],
    }
}

fn forced(base: &Value, ours: &Value, theirs: &Value) -> Value {
    match (list(base), list(ours), list(theirs)) {
        (Some(b), Some(o), Some(t)) if ours.is_array() || theirs.is_array() => {
            Value::Array(merge_list(b, o, t))
        }
        _ => ours.clone(),
    }
}

/// A list, or a list left out of the file because it was empty.
fn list(value: &Value) -> Option<&[Value]> {
    match value {
        Value::Array(items) => Some(items),
        Value::Null => Some(&[]),
        _ => None,
    }
}

fn merge_fields(
    base: &Map<String, Value>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    groups: &[&[&str]],
) -> Merged {
    let mut out = theirs.clone();
    let mut conflicts = Vec::new();
    for key in keys(base, ours, theirs) {
        let (b, o, t) = (get(base, &key), get(ours, &key), get(theirs, &key));
        let value = merge_value(&key, b, o, t, &mut conflicts);
        put(&mut out, key, value);
    }
    for group in groups {
        let hit = conflicts.iter().any(|c| group.contains(&c.field.as_str()));
        if !hit {
            continue;
        }
        // Keep theirs for the whole group; every field of it we changed is
        // part of the conflict, so picking ours later brings them back together.
        for &field in *group {
            let (b, o, t) = (get(base, field), get(ours, field), get(theirs, field));
            put(&mut out, field.to_string(), t.clone());
            if b != o && !conflicts.iter().any(|c| c.field == field) {
                conflicts.push(conflict(field, b, o, t));
            }
        }
    }
    Merged {
        value: Value::Object(out),
        conflicts,
    }
}

/// Every field name any side has, in a stable order.
fn keys(a: &Map<String, Value>, b: &Map<String, Value>, c: &Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<String> = a.keys().chain(b.keys()).chain(c.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A field left out of the file (an empty optional) reads as null.
fn get<'a>(map: &'a Map<String, Value>, key: &str) -> &'a Value {
    map.get(key).unwrap_or(&Value::Null)
}

fn put(map: &mut Map<String, Value>, key: String, value: Value) {
    if value.is_null() {
        map.remove(&key);
    } else {
        map.insert(key, value);
    }
}

fn merge_value(
    field: &str,
    base: &Value,
    ours: &Value,
    theirs: &Value,
    conflicts: &mut Vec<FieldConflict>,
) -> Value {
    if ours == base || ours == theirs {
        return theirs.clone();
    }
    if theirs == base {
        return ours.clone();
    }
    // Both changed a list (one side may have emptied it out of the file).
    if let (Some(b), Some(o), Some(t)) = (list(base), list(ours), list(theirs)) {
        return Value::Array(merge_list(b, o, t));
    }
    // Both changed a value with fields of its own (a metric, an estimate):
    // taken field by field when that is clean, else the whole value conflicts.
    if let (Value::Object(b), Value::Object(o), Value::Object(t)) = (base, ours, theirs) {
        let inner = merge_fields(b, o, t, &[]);
        if inner.conflicts.is_empty() {
            return inner.value;
        }
    }
    conflicts.push(conflict(field, base, ours, theirs));
    theirs.clone()
}

fn conflict(field: &str, base: &Value, ours: &Value, theirs: &Value) -> FieldConflict {
    FieldConflict {
        field: field.to_string(),
        base: base.clone(),
        kept: theirs.clone(),
        set_aside: ours.clone(),
    }
}

/// Both sides changed a list: theirs, less what we removed, plus what we
/// added (in our order), each element counted so duplicates stay as many as
/// either side meant.
fn merge_list(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let mut out = theirs.to_vec();
    for gone in removed(base, ours) {
        if let Some(at) = out.iter().position(|v| v == gone) {
            out.remove(at);
        }
    }
    for new in removed(ours, base) {
        let want = count(ours, new);
        if count(&out, new) < want {
            out.push(new.clone());
        }
    }
    out
}

/// The elements of `from` that `to` no longer has (as many times as they went).
fn removed<'a>(from: &'a [Value], to: &[Value]) -> Vec<&'a Value> {
    let mut left: Vec<&Value> = to.iter().collect();
    let mut gone = Vec::new();
    for value in from {
        match left.iter().position(|v| *v == value) {
            Some(at) => {
                left.remove(at);
            }
            None => gone.push(value),
        }
    }
    gone
}

fn count(list: &[Value], value: &Value) -> usize {
    list.iter().filter(|v| *v == value).count()
}

/// A value as a person reads it in a message: text as itself, nothing as
/// "(empty)", numbers and dates as written, anything larger compactly.
pub fn show(value: &Value) -> String {
    match value {
        Value::Null => "(empty)".into(),
        Value::String(text) => text.clone(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) if items.is_empty() => "(none)".into(),
        Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join(", "),
        // A value that keeps the text it was typed as (a metric) shows that.
        Value::Object(map) if map.get("text").is_some_and(Value::is_string) => show(&map["text"]),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{k}: {}", show(v)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NO_GROUPS: &[&[&str]] = &[];

    #[test]
    fn fields_changed_on_one_side_each_keep_that_sides_value() {
        let base = json!({"title": "Cut spend", "metric": null, "tags": []});
        let ours = json!({"title": "Cut EC2 spend", "metric": null, "tags": []});
        let theirs = json!({"title": "Cut spend", "metric": "$40k/yr", "tags": []});
        let merged = merge(&base, &ours, &theirs, NO_GROUPS);
        assert_eq!(merged.conflicts, []);
        assert_eq!(
            merged.value,
            json!({"title": "Cut EC2 spend", "metric": "$40k/yr", "tags": []})
        );
    }

    #[test]
    fn a_field_both_changed_differently_keeps_theirs_and_hands_ours_back() {
        let base = json!({"title": "a", "metric": "1"});
        let ours = json!({"title": "a", "metric": "2"});
        let theirs = json!({"title": "b", "metric": "3"});
        let merged = merge(&base, &ours, &theirs, NO_GROUPS);
        assert_eq!(merged.value, json!({"title": "b", "metric": "3"}));
        assert_eq!(
            merged.conflicts,
            [FieldConflict {
                field: "metric".into(),
                base: json!("1"),
                kept: json!("3"),
                set_aside: json!("2"),
            }]
        );
    }

    #[test]
    fn both_sides_making_the_same_change_is_no_conflict() {
        let base = json!({"a": 1});
        let both = json!({"a": 2});
        let merged = merge(&base, &both, &both, NO_GROUPS);
        assert_eq!((merged.value, merged.conflicts), (both, vec![]));
    }

    #[test]
    fn a_field_left_out_of_the_file_reads_as_empty() {
        // Ours cleared the notes (left out when empty); theirs did not touch them.
        let base = json!({"notes": "x", "title": "t"});
        let ours = json!({"title": "t"});
        let theirs = json!({"notes": "x", "title": "u"});
        let merged = merge(&base, &ours, &theirs, NO_GROUPS);
        assert_eq!(merged.value, json!({"title": "u"}));
        assert_eq!(merged.conflicts, []);
    }

    #[test]
    fn lists_merge_by_element() {
        // We linked contact 12 and dropped 10; they linked 13.
        let base = json!({"contacts": [10, 11]});
        let ours = json!({"contacts": [11, 12]});
        let theirs = json!({"contacts": [10, 11, 13]});
        let merged = merge(&base, &ours, &theirs, NO_GROUPS);
        assert_eq!(merged.value, json!({"contacts": [11, 13, 12]}));
        assert_eq!(merged.conflicts, []);
    }

    #[test]
    fn a_list_left_out_of_the_file_merges_as_an_empty_list() {
        // Tags are left out when empty: we added one, they added another.
        let base = json!({"title": "t"});
        let ours = json!({"title": "t", "tags": ["aws"]});
        let theirs = json!({"title": "t", "tags": ["infra"]});
        let merged = merge(&base, &ours, &theirs, NO_GROUPS);
        assert_eq!(
            merged.value,
            json!({"title": "t", "tags": ["infra", "aws"]})
        );
        assert_eq!(merged.conflicts, []);
    }

    #[test]
    fn an_element_both_sides_added_is_kept_once() {
        let base = json!([1]);
        let ours = json!([1, 2]);
        let theirs = json!([1, 2, 3]);
        assert_eq!(
            merge(&base, &ours, &theirs, NO_GROUPS).value,
            json!([1, 2, 3])
        );
    }

    #[test]
    fn a_conflict_in_a_group_keeps_the_whole_group_as_theirs() {
        // Both moved the application: stage conflicts, so the history that
        // goes with it stays theirs too, and both fields are handed back.
        let base = json!({"role": "SRE", "stage": "applied", "history": ["applied"]});
        let ours = json!({"role": "Staff SRE", "stage": "offer", "history": ["applied", "offer"]});
        let theirs =
            json!({"role": "SRE", "stage": "screening", "history": ["applied", "screening"]});
        let groups: &[&[&str]] = &[&["stage", "history"]];
        let merged = merge(&base, &ours, &theirs, groups);
        assert_eq!(
            merged.value,
            json!({"role": "Staff SRE", "stage": "screening", "history": ["applied", "screening"]})
        );
        let fields: Vec<&str> = merged.conflicts.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["stage", "history"]);
    }

    #[test]
    fn forcing_ours_takes_our_fields_and_merges_lists() {
        let base = json!({"role": "SRE", "stage": "applied", "history": ["applied"]});
        let ours = json!({"role": "SRE", "stage": "offer", "history": ["applied", "offer"]});
        let theirs =
            json!({"role": "SRE", "stage": "screening", "history": ["applied", "screening"]});
        assert_eq!(
            force(&base, &ours, &theirs),
            json!({"role": "SRE", "stage": "offer", "history": ["applied", "screening", "offer"]})
        );
    }

    #[test]
    fn a_value_with_fields_merges_inside_when_that_is_clean() {
        // A severance estimate: one side moved the pay date, the other the base.
        let base = json!({"estimated": {"annual_base": "178000", "pay_date": "2027-02-20"}});
        let ours = json!({"estimated": {"annual_base": "178000", "pay_date": "2027-03-01"}});
        let theirs = json!({"estimated": {"annual_base": "180000", "pay_date": "2027-02-20"}});
        let merged = merge(&base, &ours, &theirs, NO_GROUPS);
        assert_eq!(merged.conflicts, []);
        assert_eq!(
            merged.value,
            json!({"estimated": {"annual_base": "180000", "pay_date": "2027-03-01"}})
        );
        // Both moved the pay date: the whole estimate is one conflict.
        let theirs = json!({"estimated": {"annual_base": "178000", "pay_date": "2027-02-27"}});
        let merged = merge(&base, &ours, &theirs, NO_GROUPS);
        assert_eq!(merged.value, theirs);
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].field, "estimated");
    }

    #[test]
    fn values_that_are_not_records_merge_as_one_field() {
        let merged = merge(
            &json!("2026-01-01"),
            &json!("2026-02-01"),
            &json!("2026-03-01"),
            NO_GROUPS,
        );
        assert_eq!(merged.value, json!("2026-03-01"));
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].field, "");
        // One side only: no conflict.
        let merged = merge(&json!(null), &json!("2026-02-01"), &json!(null), NO_GROUPS);
        assert_eq!(
            (merged.value, merged.conflicts.len()),
            (json!("2026-02-01"), 0)
        );
    }
}
