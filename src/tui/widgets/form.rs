//! The reusable form, typed: each field has a [`Key`] constant that names it
//! (as the domain's `Invalid` names it) and says what it reads back as, so the
//! builder, the reader and the validation share one identity.
//!
//! Field kinds bring their own hint and parser: text, note, money, shares,
//! weeks, percent, whole numbers, date, pick-list and yes/no. A value the field
//! is entered with is selected, so typing replaces it. On submit every invalid
//! field is marked at once and the focus goes to the first; plausibility
//! warnings (a benefit above every state's maximum) do not block the save but
//! are shown under their field and carried into the status line.
//!
//! While a field has focus it receives every printable key before any
//! shortcut; pasted text goes into it as text and never acts as keys.

use super::input::TextInput;
pub use super::pick::Pick;
use super::pick::PickList;
use crate::domain::money::AmountOrWeeks;
use crate::domain::{Invalid, dates, money};
use crate::text::{fit, wrap};
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use rust_decimal::Decimal;
use std::marker::PhantomData;

/// A field's identity: its name (the one the domain's `Invalid` uses) and
/// the type its value reads back as (`Option<_>` for a field that may be blank).
pub struct Key<T> {
    pub name: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<T> Key<T> {
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            value: PhantomData,
        }
    }
}

impl<T> Clone for Key<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Key<T> {}

/// What a field's text means once read.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(Decimal),
    AmountOrWeeks(AmountOrWeeks),
    Whole(u32),
    Date(NaiveDate),
    Choice(usize),
    Yes(bool),
}

/// A type a field's value reads back as.
pub trait Read: Sized {
    /// Whether a blank field is refused ("required") rather than read as `None`.
    const REQUIRED: bool;
    fn read(value: Value) -> Option<Self>;
}

/// The types a field of one kind can read back as: `Slot<Decimal>` for a
/// money field is `Decimal` (required) or `Option<Decimal>` (may be blank).
pub trait Slot<V>: Read {}

macro_rules! slots {
    ($($ty:ty => $variant:ident),*) => {$(
        impl Read for $ty {
            const REQUIRED: bool = true;
            fn read(value: Value) -> Option<Self> {
                match value {
                    Value::$variant(v) => Some(v),
                    _ => None,
                }
            }
        }
        impl Read for Option<$ty> {
            const REQUIRED: bool = false;
            fn read(value: Value) -> Option<Self> {
                match value {
                    Value::$variant(v) => Some(Some(v)),
                    Value::Empty => Some(None),
                    _ => None,
                }
            }
        }
        impl Slot<$ty> for $ty {}
        impl Slot<$ty> for Option<$ty> {}
    )*};
}

slots!(String => Text, Decimal => Number, AmountOrWeeks => AmountOrWeeks, u32 => Whole, NaiveDate => Date);

impl Read for bool {
    const REQUIRED: bool = true;
    fn read(value: Value) -> Option<Self> {
        match value {
            Value::Yes(yes) => Some(yes),
            _ => None,
        }
    }
}

impl<T: Pick> Read for T {
    const REQUIRED: bool = true;
    fn read(value: Value) -> Option<Self> {
        match value {
            Value::Choice(at) => T::options().get(at).copied(),
            _ => None,
        }
    }
}

/// What a field holds and how its text is read.
enum Kind {
    Text,
    Note,
    Money {
        negative: bool,
    },
    /// Money, or weeks of pay with their word (an offer letter's "16 weeks").
    AmountOrWeeks,
    Shares,
    Weeks,
    Percent,
    Whole {
        unit: &'static str,
    },
    Date,
    Choice(PickList),
    YesNo(bool),
}

impl Kind {
    /// What the field takes, and the keys that work in it.
    fn hint(&self, keys: &Keymap) -> Option<String> {
        Some(match self {
            Kind::Money { .. } => "money: e.g. 40000, 40,000, $40k, 1.2M".into(),
            Kind::AmountOrWeeks => {
                "money (e.g. 58,461.54, $58k) or weeks of pay (e.g. 16 weeks)".into()
            }
            Kind::Shares => "a number of shares, e.g. 180 or 10.5".into(),
            Kind::Weeks => "a number of weeks, e.g. 26 or 6.5".into(),
            Kind::Percent => "a percentage, e.g. 29.65%".into(),
            Kind::Whole { unit } => format!("a whole number of {unit}"),
            Kind::Date => dates::DATE_FORMS.into(),
            Kind::Note => format!(
                "{} · {} saves · {}",
                keys.hint(Scope::FormNote, Action::NewLine, "new line"),
                save_key_in_note(keys),
                keys.hint(
                    Scope::FormNote,
                    Action::ExternalEditor,
                    "edits it in your editor"
                )
            ),
            Kind::Choice(pick) => pick.hint(keys),
            Kind::YesNo(_) => "y / n, or Space to switch".into(),
            Kind::Text => return None,
        })
    }

    /// Reads non-blank text (already trimmed) as this kind's value.
    fn parse(&self, text: &str, today: NaiveDate) -> Result<Value, String> {
        match self {
            Kind::Text | Kind::Note => Ok(Value::Text(text.to_string())),
            Kind::Money { negative } => match money::parse_amount(text)? {
                v if v.is_sign_negative() && !v.is_zero() && !negative => {
                    Err("cannot be negative".into())
                }
                v => Ok(Value::Number(v)),
            },
            Kind::AmountOrWeeks => match money::parse_amount_or_weeks(text)? {
                AmountOrWeeks::Amount(v) if v.is_sign_negative() && !v.is_zero() => {
                    Err("cannot be negative".into())
                }
                sum => Ok(Value::AmountOrWeeks(sum)),
            },
            Kind::Shares => money::parse_shares(text).map(Value::Number),
            Kind::Weeks => money::parse_weeks(text).map(Value::Number),
            Kind::Percent => match money::parse_percent(text)? {
                v if v < Decimal::ZERO || v > Decimal::ONE => {
                    Err("must be between 0% and 100%".into())
                }
                v => Ok(Value::Number(v)),
            },
            Kind::Whole { unit } => money::parse_whole(text, unit).map(Value::Whole),
            Kind::Date => dates::parse_date_input(text, today).map(Value::Date),
            Kind::Choice(pick) => Ok(Value::Choice(pick.selected())),
            Kind::YesNo(yes) => Ok(Value::Yes(*yes)),
        }
    }

    fn has_text(&self) -> bool {
        !matches!(self, Kind::Choice(_) | Kind::YesNo(_))
    }
}

/// The key that saves from inside a note (Enter starts a line there).
fn save_key_in_note(keys: &Keymap) -> String {
    keys.footer_hints(&[Scope::FormNote, Scope::Form], |_| true)
        .into_iter()
        .find(|(_, word)| *word == "save")
        .map(|(key, _)| key)
        .unwrap_or_default()
}

/// A check on a field's value: the message to show, if it is wrong (or, as a
/// warning, implausible).
type Rule = Box<dyn Fn(&Value) -> Option<String>>;

struct Field {
    name: &'static str,
    label: String,
    kind: Kind,
    required: bool,
    input: TextInput,
    /// A hint the form gave this field; without one, its kind's.
    hint: Option<String>,
    error: Option<String>,
    warning: Option<String>,
    checks: Vec<Rule>,
    warnings: Vec<Rule>,
    /// What the field held when the form opened, to tell whether it changed.
    initial: String,
    /// The value it opened with, exactly as stored, read while the field is
    /// left as it opened: an edit of one field must not change the others.
    /// Its text can differ (a note's tab shown as a space, a number written
    /// out), and reading that back would change what the person never
    /// touched. `None`: read back from the text.
    kept: Option<Value>,
}

impl Field {
    fn snapshot(&self) -> String {
        match &self.kind {
            Kind::Choice(pick) => pick.snapshot(),
            Kind::YesNo(yes) => yes.to_string(),
            _ => self.input.text(),
        }
    }

    fn enter(&mut self) {
        if self.kind.has_text() {
            self.input.enter();
        }
    }

    fn leave(&mut self) {
        self.input.leave();
        if let Kind::Choice(pick) = &mut self.kind {
            pick.settle();
        }
    }

    fn edited(&mut self) {
        self.error = None;
        self.warning = None;
    }
}

/// What a key asks of the app.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Keep editing.
    Stay,
    Cancel,
    /// Every field is valid; the owner decides what it means.
    Submit,
    /// Edit the focused note in the user's editor (see [`Form::focused_text`]).
    Editor,
}

/// Works out a form's preview lines from its current values.
type Preview = dyn Fn(&Values) -> Vec<String>;

/// A form's fields and what they read as: everything about a form but what
/// it is for, so a preview or a reader works for any form.
pub struct Values {
    fields: Vec<Field>,
    today: NaiveDate,
    /// The key table in use, for the keys hints and messages name (the app
    /// hands its own to every form it opens).
    keys: Keymap,
}

/// A form is its [`Values`] (which it derefs to: `form.get(KEY)`), where the
/// focus is, and what it is for.
pub struct Form<P> {
    pub title: String,
    values: Values,
    focus: usize,
    /// What the owner needs on submit: which record, as it was when opened.
    purpose: P,
    /// Lines worked out from the current values (a live estimate), shown at
    /// the foot of the form; rebuilt after each key, never while drawing.
    preview: Option<Box<Preview>>,
    preview_lines: Vec<String>,
    /// Esc on a changed form asks before discarding.
    asking: bool,
    /// A refusal about no field of this form, shown at its top.
    general: Vec<String>,
}

impl<P> std::fmt::Debug for Form<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Form")
            .field("title", &self.title)
            .field("focus", &self.focus)
            .finish()
    }
}

impl Values {
    fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// A field's value as its kind reads it, or why it cannot be read.
    fn value(&self, field: &Field) -> Result<Value, String> {
        if let Some(kept) = &field.kept
            && field.snapshot() == field.initial
        {
            return Ok(kept.clone());
        }
        if let Kind::Choice(pick) = &field.kind
            && let Some(problem) = pick.problem(&self.keys)
        {
            return Err(problem);
        }
        let raw = field.input.text();
        let text = raw.trim();
        if field.kind.has_text() && text.is_empty() {
            return if field.required {
                Err("required".into())
            } else {
                Ok(Value::Empty)
            };
        }
        field.kind.parse(text, self.today)
    }

    /// The value of `key`'s field, as its type: a form checked by
    /// [`Form::validate_all`] reads without error.
    pub fn get<T: Read>(&self, key: Key<T>) -> Result<T, Invalid> {
        let field = self
            .field(key.name)
            .ok_or_else(|| Invalid::new(key.name, "this form has no such field"))?;
        let value = self
            .value(field)
            .map_err(|message| Invalid::new(key.name, message))?;
        T::read(value).ok_or_else(|| Invalid::new(key.name, "required"))
    }

    fn warning(&self, field: &Field) -> Option<String> {
        let value = self.value(field).ok()?;
        field.warnings.iter().find_map(|w| w(&value))
    }

    /// Why a field's value is refused, if it is.
    fn check_field(&self, field: &Field) -> Option<String> {
        match self.value(field) {
            Err(message) => Some(message),
            Ok(value) => field.checks.iter().find_map(|c| c(&value)),
        }
    }

    /// Whether `key`'s field is as it opened: a value a screen works out
    /// from its text (tags split, a result parsed, names looked up) is then
    /// taken as stored, since working it out again could change it.
    pub fn untouched<T>(&self, key: Key<T>) -> bool {
        self.field(key.name)
            .is_some_and(|f| f.snapshot() == f.initial)
    }

    /// Whether anything was changed since the form opened.
    pub fn changed(&self) -> bool {
        self.fields.iter().any(|f| f.snapshot() != f.initial)
    }
}

impl<P> std::ops::Deref for Form<P> {
    type Target = Values;

    fn deref(&self) -> &Values {
        &self.values
    }
}

impl<P> Form<P> {
    /// The same form, for the purpose `wrap` makes of this one's.
    pub fn map_purpose<Q>(self, wrap: impl FnOnce(P) -> Q) -> Form<Q> {
        Form {
            title: self.title,
            values: self.values,
            focus: self.focus,
            purpose: wrap(self.purpose),
            preview: self.preview,
            preview_lines: self.preview_lines,
            asking: self.asking,
            general: self.general,
        }
    }

    /// The same form for the purpose `unwrap` finds in this one's, or this
    /// form as it was when the purpose is not one it knows.
    pub fn try_map_purpose<Q>(
        self,
        unwrap: impl FnOnce(P) -> Result<Q, Box<P>>,
    ) -> Result<Form<Q>, Box<Self>> {
        let Form {
            title,
            values,
            focus,
            purpose,
            preview,
            preview_lines,
            asking,
            general,
        } = self;
        match unwrap(purpose) {
            Ok(purpose) => Ok(Form {
                title,
                values,
                focus,
                purpose,
                preview,
                preview_lines,
                asking,
                general,
            }),
            Err(purpose) => Err(Box::new(Form {
                title,
                values,
                focus,
                purpose: *purpose,
                preview,
                preview_lines,
                asking,
                general,
            })),
        }
    }
}

impl<P: 'static> Form<P> {
    pub fn new(title: impl Into<String>, today: NaiveDate, purpose: impl Into<P>) -> Self {
        Self {
            title: title.into(),
            values: Values {
                fields: Vec::new(),
                today,
                keys: Keymap::default(),
            },
            focus: 0,
            purpose: purpose.into(),
            preview: None,
            preview_lines: Vec::new(),
            asking: false,
            general: Vec::new(),
        }
    }

    pub fn purpose(&self) -> &P {
        &self.purpose
    }

    /// Shows the lines `preview` makes from the current values at the foot of
    /// the form, updated as the user types (e.g. an estimate and its formula).
    pub fn preview(mut self, preview: impl Fn(&Values) -> Vec<String> + 'static) -> Self {
        self.preview_lines = preview(&self.values);
        self.preview = Some(Box::new(preview));
        self
    }

    pub fn preview_lines(&self) -> &[String] {
        &self.preview_lines
    }

    fn update_preview(&mut self) {
        if let Some(preview) = &self.preview {
            self.preview_lines = preview(&self.values);
        }
    }

    // Building ---------------------------------------------------------------

    fn push(
        mut self,
        name: &'static str,
        label: &str,
        kind: Kind,
        text: &str,
        required: bool,
    ) -> Self {
        // One name, one field: a refusal naming it must have one place to go.
        debug_assert!(
            self.values.fields.iter().all(|f| f.name != name),
            "form {:?} has two fields named {name:?}",
            self.title
        );
        let input = TextInput::new(text, matches!(kind, Kind::Note));
        let mut field = Field {
            name,
            label: label.to_string(),
            hint: None,
            kind,
            required,
            input,
            error: None,
            warning: None,
            checks: Vec::new(),
            warnings: Vec::new(),
            initial: String::new(),
            kept: None,
        };
        field.initial = field.snapshot();
        if self.values.fields.is_empty() {
            field.enter();
        }
        self.values.fields.push(field);
        self
    }

    /// A number field of `kind`, showing `initial` as it was typed (no
    /// trailing zeros).
    fn number(
        self,
        name: &'static str,
        label: &str,
        kind: Kind,
        initial: Option<Decimal>,
        required: bool,
    ) -> Self {
        let text = initial
            .map(|d| d.normalize().to_string())
            .unwrap_or_default();
        self.push(name, label, kind, &text, required)
            .keeping(initial.map(Value::Number))
    }

    /// The last field added reads as `value`, if it opened with one, while
    /// it is left as it opened. A field that opened blank is read from its
    /// text as ever (and refused if required).
    fn keeping(mut self, value: Option<Value>) -> Self {
        if let Some(field) = self.values.fields.last_mut() {
            field.kept = value;
        }
        self
    }

    /// Text as stored, unless blank.
    fn kept_text(text: &str) -> Option<Value> {
        (!text.trim().is_empty()).then(|| Value::Text(text.to_string()))
    }

    pub fn text<T: Slot<String>>(self, key: Key<T>, label: &str, initial: &str) -> Self {
        self.push(key.name, label, Kind::Text, initial, T::REQUIRED)
            .keeping(Self::kept_text(initial))
    }

    /// Several lines: Enter starts a new one, and it can be edited in `$EDITOR`.
    pub fn note<T: Slot<String>>(self, key: Key<T>, label: &str, initial: &str) -> Self {
        self.push(key.name, label, Kind::Note, initial, T::REQUIRED)
            .keeping(Self::kept_text(initial))
    }

    pub fn money<T: Slot<Decimal>>(
        self,
        key: Key<T>,
        label: &str,
        initial: Option<Decimal>,
    ) -> Self {
        self.number(
            key.name,
            label,
            Kind::Money { negative: false },
            initial,
            T::REQUIRED,
        )
    }

    /// Money, or weeks of pay written with their word ("16 weeks"), as offer
    /// letters state a severance; shows `initial` as money.
    /// Money or weeks of pay; weeks are shown with their word (`12 weeks`).
    pub fn amount_or_weeks<T: Slot<AmountOrWeeks>>(
        self,
        key: Key<T>,
        label: &str,
        initial: Option<AmountOrWeeks>,
    ) -> Self {
        let text = match initial {
            Some(AmountOrWeeks::Amount(gross)) => gross.normalize().to_string(),
            Some(AmountOrWeeks::Weeks(weeks)) => format!("{} weeks", weeks.normalize()),
            None => String::new(),
        };
        self.push(key.name, label, Kind::AmountOrWeeks, &text, T::REQUIRED)
            .keeping(initial.map(Value::AmountOrWeeks))
    }

    /// The money field just added may be negative (an overdrawn account).
    pub fn negative_allowed(mut self) -> Self {
        if let Some(Field {
            kind: Kind::Money { negative },
            ..
        }) = self.values.fields.last_mut()
        {
            *negative = true;
        }
        self
    }

    pub fn shares<T: Slot<Decimal>>(
        self,
        key: Key<T>,
        label: &str,
        initial: Option<Decimal>,
    ) -> Self {
        self.number(key.name, label, Kind::Shares, initial, T::REQUIRED)
    }

    pub fn weeks<T: Slot<Decimal>>(
        self,
        key: Key<T>,
        label: &str,
        initial: Option<Decimal>,
    ) -> Self {
        self.number(key.name, label, Kind::Weeks, initial, T::REQUIRED)
    }

    pub fn percent<T: Slot<Decimal>>(
        self,
        key: Key<T>,
        label: &str,
        initial: Option<Decimal>,
    ) -> Self {
        let text = initial.map(money::format_percent).unwrap_or_default();
        self.push(key.name, label, Kind::Percent, &text, T::REQUIRED)
            .keeping(initial.map(Value::Number))
    }

    /// A whole number of `unit` (plural: "months", "days", "weeks").
    pub fn whole<T: Slot<u32>>(
        self,
        key: Key<T>,
        label: &str,
        unit: &'static str,
        initial: Option<u32>,
    ) -> Self {
        let text = initial.map(|n| n.to_string()).unwrap_or_default();
        self.push(key.name, label, Kind::Whole { unit }, &text, T::REQUIRED)
            .keeping(initial.map(Value::Whole))
    }

    pub fn date<T: Slot<NaiveDate>>(
        self,
        key: Key<T>,
        label: &str,
        initial: Option<NaiveDate>,
    ) -> Self {
        let text = initial.map(|d| d.to_string()).unwrap_or_default();
        self.push(key.name, label, Kind::Date, &text, T::REQUIRED)
            .keeping(initial.map(Value::Date))
    }

    /// A pick-list of `T`'s options, starting on `selected`.
    pub fn choice<T: Pick>(self, key: Key<T>, label: &str, selected: T) -> Self {
        self.push(
            key.name,
            label,
            Kind::Choice(PickList::new(selected)),
            "",
            true,
        )
    }

    pub fn yes_no(self, key: Key<bool>, label: &str, initial: bool) -> Self {
        self.push(key.name, label, Kind::YesNo(initial), "", true)
    }

    /// Replaces the hint shown under the last field added while it has focus.
    pub fn hint(mut self, hint: &str) -> Self {
        if let Some(field) = self.values.fields.last_mut() {
            field.hint = Some(hint.to_string());
        }
        self
    }

    fn rule<T: Read>(
        mut self,
        key: Key<T>,
        rule: impl Fn(&T) -> Option<String> + 'static,
        warning: bool,
    ) -> Self {
        let rule: Rule = Box::new(move |value| T::read(value.clone()).and_then(|v| rule(&v)));
        if let Some(field) = self.values.fields.iter_mut().find(|f| f.name == key.name) {
            if warning {
                field.warnings.push(rule);
            } else {
                field.checks.push(rule);
            }
        }
        self
    }

    /// A check of the field's value beyond its kind (a domain rule), marked
    /// with the other errors on submit.
    pub fn check<T: Read>(
        self,
        key: Key<T>,
        check: impl Fn(&T) -> Result<(), String> + 'static,
    ) -> Self {
        self.rule(key, move |v| check(v).err(), false)
    }

    /// A plausibility warning: a value the form itself knows to be unlikely
    /// is saved, with the warning shown under the field and in the status line.
    pub fn warn<T: Read>(self, key: Key<T>, warn: impl Fn(&T) -> Option<String> + 'static) -> Self {
        self.rule(key, warn, true)
    }

    // Checking -----------------------------------------------------------------

    fn mark(&mut self, at: usize) {
        let error = self.check_field(&self.values.fields[at]);
        let warning = self.warning(&self.values.fields[at]);
        let field = &mut self.values.fields[at];
        field.error = error;
        field.warning = warning;
    }

    /// Checks every field and marks each one wrong, all at once; `true` when
    /// all are valid. The focus goes to the first wrong field.
    pub fn validate_all(&mut self) -> bool {
        self.values.fields[self.focus].leave();
        self.general.clear();
        for at in 0..self.values.fields.len() {
            self.mark(at);
        }
        let first_bad = self.values.fields.iter().position(|f| f.error.is_some());
        self.focus = first_bad.unwrap_or(self.focus);
        self.values.fields[self.focus].enter();
        first_bad.is_none()
    }

    /// Shows what the owner refused, each under its field (or at the top of
    /// the form when it names none of them); the focus goes to the first.
    pub fn show_errors(&mut self, errors: &[Invalid]) {
        self.general.clear();
        for invalid in errors {
            match self
                .values
                .fields
                .iter_mut()
                .find(|f| f.name == invalid.field)
            {
                Some(field) if field.error.is_none() => field.error = Some(invalid.message.clone()),
                Some(_) => {}
                None => self.general.push(invalid.to_string()),
            }
        }
        if let Some(first) = self.values.fields.iter().position(|f| f.error.is_some()) {
            self.values.fields[self.focus].leave();
            self.focus = first;
            self.values.fields[first].enter();
        }
    }

    // Keys, paste and the editor -----------------------------------------------

    /// The key scopes that apply, most specific first: the focused field's
    /// own keys before the form's.
    pub fn scopes(&self) -> Vec<Scope> {
        if self.asking {
            return vec![Scope::FormDiscard];
        }
        let mut scopes = Vec::new();
        match self.values.fields.get(self.focus).map(|f| &f.kind) {
            Some(Kind::Note) => scopes.push(Scope::FormNote),
            Some(Kind::Choice(pick)) => {
                if pick.filtering() {
                    scopes.push(Scope::FormPickFilter);
                }
                scopes.push(Scope::FormPick);
            }
            _ => {}
        }
        scopes.push(Scope::Form);
        scopes
    }

    /// Reads keys, and names them, through `keys` from now on.
    pub fn use_keys(&mut self, keys: &Keymap) {
        if self.values.keys != *keys {
            self.values.keys = keys.clone();
        }
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: &KeyEvent) -> Outcome {
        let outcome = self.handle_key(key);
        self.update_preview();
        outcome
    }

    fn handle_key(&mut self, key: &KeyEvent) -> Outcome {
        let keys = &self.values.keys;
        if self.values.fields.is_empty() {
            return Outcome::Cancel;
        }
        if self.asking {
            match keys.resolve(&[Scope::FormDiscard], key) {
                Some(Action::Yes) => return Outcome::Cancel,
                Some(Action::No) => self.asking = false,
                _ => {}
            }
            return Outcome::Stay;
        }
        if let Some(c) = printable(key) {
            self.type_char(c);
            return Outcome::Stay;
        }
        let Some(action) = keys.resolve(&self.scopes(), key) else {
            self.edit_focused(key);
            return Outcome::Stay;
        };
        match action {
            Action::NextField => self.move_focus(1),
            Action::PrevField => self.move_focus(-1),
            Action::Cancel if self.changed() => self.asking = true,
            Action::Cancel => return Outcome::Cancel,
            Action::ClearField => self.clear_focused(),
            Action::Submit if self.validate_all() => return Outcome::Submit,
            Action::ExternalEditor => return Outcome::Editor,
            other => self.field_action(other),
        }
        Outcome::Stay
    }

    /// A key table action that works inside the focused field.
    fn field_action(&mut self, action: Action) {
        let field = &mut self.values.fields[self.focus];
        match (&mut field.kind, action) {
            (Kind::Note, Action::NewLine) => field.input.new_line(),
            (Kind::Note, Action::Up | Action::Down) => {
                field.input.line_up_down(action == Action::Down)
            }
            (Kind::Choice(pick), Action::Up | Action::Down) => {
                pick.move_highlight(action == Action::Down)
            }
            (Kind::Choice(pick), Action::NextOption | Action::PrevOption) => {
                pick.step(action == Action::NextOption)
            }
            (Kind::Choice(pick), Action::TakeMatch) => {
                pick.take();
            }
            (Kind::Choice(pick), Action::FilterClear) => pick.clear_query(),
            _ => return,
        }
        field.edited();
    }

    fn type_char(&mut self, c: char) {
        let field = &mut self.values.fields[self.focus];
        match &mut field.kind {
            Kind::Choice(pick) => pick.type_char(c),
            Kind::YesNo(yes) => match c {
                'y' | 'Y' => *yes = true,
                'n' | 'N' => *yes = false,
                ' ' => *yes = !*yes,
                _ => return,
            },
            _ => field.input.type_char(c),
        }
        field.edited();
    }

    /// Keys the table does not name: cursor moves and deletions in text.
    fn edit_focused(&mut self, key: &KeyEvent) {
        let field = &mut self.values.fields[self.focus];
        match &mut field.kind {
            Kind::Choice(pick) if key.code == KeyCode::Backspace => pick.backspace(),
            Kind::Choice(_) | Kind::YesNo(_) => return,
            _ => field.input.edit(key),
        }
        field.edited();
    }

    /// Pasted text goes into the focused field as text: line breaks become
    /// spaces in a single-line field; nothing in it acts as a key.
    pub fn paste(&mut self, text: &str) {
        if self.asking || self.values.fields.is_empty() {
            return;
        }
        let field = &mut self.values.fields[self.focus];
        match &mut field.kind {
            Kind::Choice(pick) => pick.paste(text),
            Kind::YesNo(_) => return,
            _ => {
                if let Err(message) = field.input.insert(text) {
                    field.error = Some(message);
                    return;
                }
            }
        }
        field.edited();
        self.update_preview();
    }

    /// The focused note's text, to edit in the user's editor.
    pub fn focused_text(&self) -> Option<String> {
        let field = self.values.fields.get(self.focus)?;
        matches!(field.kind, Kind::Note).then(|| field.input.text())
    }

    /// The text the user's editor gave back replaces the focused note, and is
    /// checked as typed text would be. `Err` keeps the note as it was.
    pub fn editor_returned(&mut self, result: Result<String, String>) {
        let Some(field) = self.values.fields.get_mut(self.focus) else {
            return;
        };
        let ends = ['\n', '\r'];
        let outcome = result.and_then(|text| {
            let text = text.trim_end_matches(ends);
            // Closed as it was (an editor ends the file with a line break):
            // the note stays as it is, and as stored if it was not touched.
            let same = text == field.input.text().trim_end_matches(ends);
            if same {
                Ok(false)
            } else {
                field.input.set(text).map(|()| true)
            }
        });
        match outcome {
            Ok(false) => {}
            Ok(true) => {
                field.edited();
                self.mark(self.focus);
            }
            Err(message) => field.error = Some(message),
        }
        self.update_preview();
    }

    /// Empties the focused field, to type it afresh; a pick-list forgets
    /// what was typed.
    fn clear_focused(&mut self) {
        let field = &mut self.values.fields[self.focus];
        match &mut field.kind {
            Kind::Choice(pick) => pick.clear_query(),
            Kind::YesNo(_) => return,
            _ => field.input.clear(),
        }
        field.edited();
    }

    fn move_focus(&mut self, delta: isize) {
        self.values.fields[self.focus].leave();
        self.mark(self.focus);
        let n = self.values.fields.len() as isize;
        self.focus = ((self.focus as isize + delta).rem_euclid(n)) as usize;
        self.values.fields[self.focus].enter();
    }

    // Drawing ------------------------------------------------------------------

    /// Draws the form centred in `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let width = area.width.saturating_sub(4).min(72);
        let inner_width = width.saturating_sub(4) as usize;
        let lines = self.lines(inner_width, theme);
        let foot = self.foot(inner_width, theme);
        let foot_height = if foot.is_empty() {
            0
        } else {
            foot.len() as u16 + 1
        };
        let height = (lines.len() as u16 + foot_height + 2).min(area.height);
        let rect = super::popup::centered(area, width, height);
        frame.render_widget(Clear, rect);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.focus_border())
            .title(Span::styled(format!(" {} ", self.title), theme.title()));
        let mut inner = block.inner(rect);
        frame.render_widget(block, rect);
        // The foot (preview, or the discard question) keeps its place; the
        // fields scroll above it, keeping at least two rows for the focused one.
        let foot_height = foot_height.min(inner.height.saturating_sub(2));
        if foot_height > 0 {
            let mut shown = vec![Line::styled(
                "─".repeat(inner.width as usize),
                theme.border(),
            )];
            shown.extend(foot);
            frame.render_widget(
                Paragraph::new(shown),
                Rect {
                    x: inner.x + 1,
                    y: inner.y + inner.height - foot_height,
                    width: inner.width.saturating_sub(1),
                    height: foot_height,
                },
            );
            inner.height -= foot_height;
        }
        let scroll = self.scroll_for(&lines, inner.height as usize);
        let visible: Vec<Line> = lines.into_iter().skip(scroll).map(|(_, l)| l).collect();
        frame.render_widget(
            Paragraph::new(visible),
            Rect {
                x: inner.x + 1,
                width: inner.width.saturating_sub(1),
                ..inner
            },
        );
    }

    /// The lines at the foot: the discard question while asking, else the preview.
    fn foot(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        if self.asking {
            let question = format!(
                "Discard your changes? {}",
                self.values.keys.hint_line(Scope::FormDiscard)
            );
            return wrap(&question, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.warn()))
                .collect();
        }
        self.preview_lines
            .iter()
            .flat_map(|l| wrap(l, width))
            .map(|l| Line::styled(l, theme.text()))
            .collect()
    }

    /// First line to show so that the focused field is in view.
    fn scroll_for(&self, lines: &[(usize, Line)], height: usize) -> usize {
        let first = lines
            .iter()
            .position(|(f, _)| *f == self.focus)
            .unwrap_or(0);
        let last = lines
            .iter()
            .rposition(|(f, _)| *f == self.focus)
            .unwrap_or(first);
        if last < height {
            0
        } else {
            (last + 1 - height).min(first)
        }
    }

    /// Every line of the form, tagged with the field it belongs to (refusals
    /// about no field go with the first).
    fn lines(&self, width: usize, theme: &Theme) -> Vec<(usize, Line<'static>)> {
        let mut out = Vec::new();
        for general in &self.general {
            for line in wrap(&format!("✗ {general}"), width) {
                out.push((0, Line::styled(line, theme.bad())));
            }
        }
        for (i, field) in self.values.fields.iter().enumerate() {
            let focused = i == self.focus;
            let marker = if focused { "› " } else { "  " };
            let label_style = if focused { theme.title() } else { theme.text() };
            let required = if field.required && field.kind.has_text() {
                " *"
            } else {
                ""
            };
            out.push((
                i,
                Line::from(vec![
                    Span::styled(marker, theme.key()),
                    Span::styled(format!("{}{required}", field.label), label_style),
                ]),
            ));
            for value in self.value_lines(field, focused, width, theme) {
                out.push((i, value));
            }
            let note = match (&field.error, &field.warning) {
                (Some(error), _) => Some((format!("✗ {error}"), theme.bad())),
                (None, Some(warning)) => Some((format!("! {warning}"), theme.warn())),
                _ => None,
            };
            if let Some((text, style)) = note {
                for line in wrap(&text, width.saturating_sub(2)) {
                    out.push((i, Line::styled(format!("  {line}"), style)));
                }
            } else if focused && let Some(hint) = self.hint_for(field) {
                out.push((
                    i,
                    Line::styled(fit(&format!("  {hint}"), width), theme.dim()),
                ));
            }
        }
        out
    }

    /// The hint under the focused field: while a pick-list is being typed
    /// into, how to choose a match; otherwise the field's own.
    fn hint_for(&self, field: &Field) -> Option<String> {
        let keys = &self.values.keys;
        match (&field.kind, &field.hint) {
            (Kind::Choice(pick), _) if pick.filtering() => Some(pick.hint(keys)),
            // A pick-list's own words, then the keys that step through it.
            (Kind::Choice(_), Some(hint)) => Some(format!(
                "{hint} · {}/{} steps",
                keys.key_for(Scope::FormPick, Action::PrevOption),
                keys.key_for(Scope::FormPick, Action::NextOption)
            )),
            (kind, hint) => hint.clone().or_else(|| kind.hint(keys)),
        }
    }

    fn value_lines(
        &self,
        field: &Field,
        focused: bool,
        width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let avail = width.saturating_sub(2);
        match &field.kind {
            Kind::Choice(pick) => pick.lines(focused, width, theme),
            Kind::YesNo(yes) => {
                let text = if *yes { "[x] yes" } else { "[ ] no" };
                vec![Line::from(vec![
                    Span::raw("  "),
                    Span::styled(text, theme.input()),
                ])]
            }
            Kind::Note => field.input.lines(avail, 4, focused, theme),
            kind => {
                let mut lines = field.input.lines(avail, 1, focused, theme);
                if matches!(kind, Kind::Date)
                    && let Some(preview) = self.date_preview(field)
                    && let Some(last) = lines.last_mut()
                {
                    last.push_span(Span::styled(preview, theme.dim()));
                }
                lines
            }
        }
    }

    /// For a date typed as a word or offset, the date it means: `→ 2026-12-10`.
    fn date_preview(&self, field: &Field) -> Option<String> {
        let raw = field.input.text();
        let date = dates::parse_date_input(&raw, self.values.today).ok()?;
        let weekday = date.format("%a %-d %b %Y");
        Some(if raw.trim() == date.to_string() {
            format!("  {weekday}")
        } else {
            format!("  → {date} ({weekday})")
        })
    }
}

/// The character a key types, when it types one (no Ctrl or Alt).
fn printable(key: &KeyEvent) -> Option<char> {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if plain => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
