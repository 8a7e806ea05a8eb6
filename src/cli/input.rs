//! What the commands that set an input share (`notice`, `account`, `expense`,
//! `severance`, `benefit`, `cover`, `grant`, `price`, `contact`, `set`):
//! reading a flag's value with an error that names the flag, and the one way
//! such a command changes the workbook (see docs/architecture.md, "How a
//! command that changes data prints").

use super::pipeline::refuse_read_only;
use super::{Failure, apply_and_save, open_for_reading, open_for_writing};
use crate::domain::dates;
use crate::domain::edit::{Edit, Item, Kind};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, Invalid, money, plausible};
use crate::store::{Paths, Session};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A refused value: `--flag: message; nothing was changed` (status 2).
pub(super) fn refused(flag: &str, message: impl std::fmt::Display) -> Failure {
    Failure::usage(format!("{flag}: {message}; nothing was changed"))
}

/// A value the domain refused, named by the command's own flag: `names`
/// maps the domain's field names (`review_days`) to flags (`--review-days`).
pub(super) fn refused_field(invalid: Invalid, names: &[(&str, &str)]) -> Failure {
    let flag = names
        .iter()
        .find(|(field, _)| *field == invalid.field)
        .map_or(invalid.field, |(_, flag)| flag);
    refused(flag, invalid.message)
}

/// A date flag: `YYYY-MM-DD`, `today`, `+2w`, `fri`, …
pub(super) fn date(flag: &str, text: &str, today: NaiveDate) -> Result<NaiveDate, Failure> {
    dates::parse_date_input(text, today).map_err(|message| refused(flag, message))
}

/// An optional date flag.
pub(super) fn optional_date(
    flag: &str,
    text: Option<&str>,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, Failure> {
    text.map(|t| date(flag, t, today)).transpose()
}

/// An amount of money: `40000`, `40,000`, `$40k`, `1.2M`; not negative.
pub(super) fn amount(flag: &str, text: &str) -> Result<Decimal, Failure> {
    let value = money::parse_amount(text).map_err(|message| refused(flag, message))?;
    if value < Decimal::ZERO {
        return Err(refused(flag, "cannot be negative"));
    }
    Ok(value)
}

/// A whole number of `what` (day, week, month), at least one: plain digits,
/// optionally the unit (`18 months`), thousands separators only in groups of
/// three (`money::parse_whole`, the forms' reading), so `2,6` is refused
/// rather than read as 26.
pub(super) fn whole(flag: &str, text: &str, what: &str) -> Result<u32, Failure> {
    match money::parse_whole(text, &format!("{what}s")) {
        Ok(0) => Err(refused(flag, format!("enter at least one {what}"))),
        Ok(n) => Ok(n),
        Err(message) => Err(refused(flag, message)),
    }
}

/// What [`change`] did: the session, holding the saved workbook to read the
/// record back from, what `build` worked out besides the edit, and the ids
/// the edit added.
pub(super) struct Changed<T> {
    pub session: Session,
    pub value: T,
    pub added: Vec<(Kind, Id)>,
}

impl<T> Changed<T> {
    pub fn workbook(&self) -> &Workbook {
        self.session.workbook()
    }

    /// The id given to the one `kind` record the edit added, or `existing`
    /// when it updated one.
    pub fn id(&self, kind: Kind, existing: Option<Id>) -> Result<Id, Failure> {
        match existing {
            Some(id) => Ok(id),
            None => super::written::added_id(&self.added, kind),
        }
    }
}

/// Makes one change: `build` reads the workbook and returns the edit (and
/// anything the output needs). It runs first on a read-only look, and the
/// edit is tried on a copy, so a refused value (status 2) never creates or
/// locks a workbook; then again under the lock, on exactly what is saved.
/// A saved value that looks like a slip (`domain::plausible`) is said on
/// standard error as `careerbook: ! …`.
pub(super) fn change<T>(
    paths: &Paths,
    today: NaiveDate,
    refuse: impl Fn(Invalid) -> Failure,
    build: impl Fn(&Workbook) -> Result<(Edit, T), Failure>,
) -> Result<Changed<T>, Failure> {
    let first_look = open_for_reading(paths)?;
    refuse_read_only(&first_look)?;
    let (mut edit, _) = build(first_look.workbook())?;
    let mut copy = first_look.workbook().clone();
    edit.apply(&mut copy, today).map_err(|err| match err {
        crate::domain::edit::EditError::Invalid(invalid) => refuse(invalid),
        other => Failure::runtime(format!("nothing was changed: {other}")),
    })?;
    drop(first_look);
    let mut session = open_for_writing(paths)?;
    session.set_today(today);
    let (edit, value) = build(session.workbook())?;
    let slips = plausible::warnings(session.workbook(), &edit, today);
    let added = apply_and_save(&mut session, edit, refuse)?;
    // Saved, as the forms save it, and said as the forms say it.
    for slip in slips {
        super::warn(&format!("! {slip}"));
    }
    Ok(Changed {
        session,
        value,
        added,
    })
}

/// The record named `name` (ignoring case and surrounding spaces) in a list,
/// for the commands that add or update by name; `None` to add one. `#12`
/// names record 12, so one of two records with the same name can still be
/// reached. Two records with the name are refused, naming their ids, never
/// guessed. `noun` is the list's word for one record ("contact").
pub(super) fn by_name<'a, T>(
    records: &'a [T],
    name: &str,
    noun: &str,
    key: impl Fn(&T) -> (Id, &str),
) -> Result<Option<&'a T>, Failure> {
    let digits = name.trim().strip_prefix('#').unwrap_or("");
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        let id = digits.parse::<Id>().ok();
        return match records.iter().find(|r| Some(key(r).0) == id) {
            Some(record) => Ok(Some(record)),
            None => Err(refused("NAME", format!("there is no {noun} #{digits}"))),
        };
    }
    let wanted = name.trim().to_lowercase();
    let mut named = records
        .iter()
        .filter(|r| key(r).1.trim().to_lowercase() == wanted);
    let Some(first) = named.next() else {
        return Ok(None);
    };
    let rest: Vec<&T> = named.collect();
    if rest.is_empty() {
        return Ok(Some(first));
    }
    let ids: Vec<String> = std::iter::once(first)
        .chain(rest)
        .map(|r| format!("#{}", key(r).0))
        .collect();
    Err(refused(
        "NAME",
        format!(
            "{} {noun}s are named {:?} ({}); give the one you mean by its id, e.g. {:?}",
            ids.len(),
            name.trim(),
            ids.join(", "),
            ids[0]
        ),
    ))
}

/// A record added (`before` is `None`), or updated from the copy read.
pub(super) fn add_or_update<T: Clone + Into<Item>>(before: Option<&T>, after: T) -> Edit {
    match before {
        Some(before) => Edit::update(before.clone(), after),
        None => Edit::Add(after.into()),
    }
}

/// The saved record with `id`, to print it as stored.
pub(super) fn record<T>(list: &[T], id: Id, id_of: impl Fn(&T) -> Id) -> Result<&T, Failure> {
    list.iter()
        .find(|r| id_of(r) == id)
        .ok_or_else(|| Failure::runtime("the record was saved but cannot be read back"))
}
