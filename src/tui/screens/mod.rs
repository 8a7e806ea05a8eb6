//! One module per tab. A screen keeps its own view state (selection, filter,
//! what-if values), rebuilds derived rows when the workbook changes, turns
//! actions into effects, and draws from `&self` only.

pub mod impact;
pub mod now;
pub mod pipeline;
pub mod runway;
pub mod vesting;
pub mod win_form;

use crate::domain::edit::{Edit, Item, Kind, Section};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, Invalid};
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::theme::Theme;
use crate::tui::widgets::form;
use crate::tui::widgets::table::Table;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

/// The tabs, in order; keys `1`–`5` pick them.
pub const TABS: [&str; 5] = ["Now", "Impact", "Runway", "Vesting", "Pipeline"];

/// What a form is for, by the tab that opened it (and gets it back on
/// submit). A form that edits something carries it as it was when the form
/// opened, so the edit starts from it and changes only the fields shown.
pub enum Purpose {
    Now(now::Purpose),
    Impact(impact::Purpose),
    Runway(runway::Purpose),
    Vesting(vesting::Purpose),
    Pipeline(pipeline::Purpose),
}

impl Purpose {
    /// The index in [`TABS`] of the tab whose screen reads the form.
    pub fn tab(&self) -> usize {
        match self {
            Purpose::Now(_) => 0,
            Purpose::Impact(_) => 1,
            Purpose::Runway(_) => 2,
            Purpose::Vesting(_) => 3,
            Purpose::Pipeline(_) => 4,
        }
    }
}

macro_rules! purpose_from {
    ($($tab:ident: $purpose:ty),*) => {$(
        impl From<$purpose> for Purpose {
            fn from(purpose: $purpose) -> Self {
                Purpose::$tab(purpose)
            }
        }
    )*};
}

purpose_from!(
    Now: now::Purpose,
    Impact: impact::Purpose,
    Runway: runway::Purpose,
    Vesting: vesting::Purpose,
    Pipeline: pipeline::Purpose
);

/// A form a screen opens.
pub type Form = form::Form<Purpose>;

/// What a screen refuses in a submitted form: every value it could check,
/// each naming its field, so the form marks them all at once.
#[derive(Debug, Default)]
pub struct Refused(pub Vec<Invalid>);

impl From<Invalid> for Refused {
    fn from(invalid: Invalid) -> Self {
        Self(vec![invalid])
    }
}

impl Refused {
    /// The value of `result`, keeping its refusal to report with the others.
    pub fn take<T>(&mut self, result: Result<T, Invalid>) -> Option<T> {
        result.map_err(|invalid| self.0.push(invalid)).ok()
    }

    /// `Ok` when nothing was refused.
    pub fn done(self) -> Result<(), Refused> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

/// Something a screen asks the app to do.
pub enum Effect {
    /// Apply and save an edit; `done` is the status shown once it is saved.
    Edit {
        edit: Box<Edit>,
        done: String,
    },
    Popup(Box<super::app::Popup>),
    /// A note in the status line.
    Status(String),
    /// A problem worth a popup.
    Error(String),
    GoTab(usize),
    /// Select a record on the current tab's screen (after `GoTab`), if it shows one.
    Select(Kind, Id),
    /// Write a file the user named (an export). On success the status says
    /// `done` and where it went; a failure is shown under the form field `field`.
    WriteFile {
        path: std::path::PathBuf,
        bytes: Vec<u8>,
        replace: bool,
        done: String,
        field: &'static str,
    },
}

/// What a screen may read, and where it leaves its effects.
pub struct Cx<'a> {
    pub wb: &'a Workbook,
    pub today: NaiveDate,
    pub effects: Vec<Effect>,
}

impl<'a> Cx<'a> {
    pub fn new(wb: &'a Workbook, today: NaiveDate) -> Self {
        Self {
            wb,
            today,
            effects: Vec::new(),
        }
    }

    pub fn edit(&mut self, edit: Edit, done: impl Into<String>) {
        self.effects.push(Effect::Edit {
            edit: Box::new(edit),
            done: done.into(),
        });
    }

    pub fn open(&mut self, popup: super::app::Popup) {
        self.effects.push(Effect::Popup(Box::new(popup)));
    }

    /// Saves what a form describes: adds `after`, or updates the record the
    /// form was opened on (`before`, as it was then) to `after`. A form saved
    /// unchanged makes no edit.
    pub fn save(&mut self, before: Option<Item>, after: Item, done: impl Into<String>) {
        match before {
            None => self.edit(Edit::Add(after), done),
            Some(before) if before == after => self.status("nothing changed"),
            Some(before) => self.edit(Edit::update(before, after), done),
        }
    }

    /// Sets single values in one edit, each from what it was when the form
    /// opened (`before`) to `after`; no edit when none of them changes.
    pub fn set(&mut self, changes: Vec<(Section, Section)>, done: impl Into<String>) {
        let mut edits: Vec<Edit> = changes
            .into_iter()
            .filter(|(before, after)| before != after)
            .map(|(before, after)| Edit::set(before, after))
            .collect();
        if edits.is_empty() {
            return self.status("nothing changed");
        }
        let edit = if edits.len() == 1 {
            edits.remove(0)
        } else {
            Edit::Batch(edits)
        };
        self.edit(edit, done);
    }

    /// Opens a form; it comes back to the tab its purpose names.
    pub fn form(&mut self, form: Form) {
        self.open(super::app::Popup::Form(Box::new(form)));
    }

    /// Asks `question` first; the edit is made only on yes. The question
    /// ends by saying which key undoes it, from the key table.
    pub fn confirm(
        &mut self,
        title: impl Into<String>,
        question: impl Into<String>,
        edit: Edit,
        done: impl Into<String>,
    ) {
        let undo = keymap::key_for(Scope::Global, Action::Undo);
        self.open(super::app::Popup::Confirm {
            title: title.into(),
            text: format!("{} ({undo} undoes it)", question.into()),
            on_yes: vec![Effect::Edit {
                edit: Box::new(edit),
                done: done.into(),
            }],
        });
    }

    pub fn status(&mut self, text: impl Into<String>) {
        self.effects.push(Effect::Status(text.into()));
    }
}

/// What a screen may read while drawing.
pub struct View<'a> {
    pub wb: &'a Workbook,
    pub today: NaiveDate,
    pub theme: &'a Theme,
}

pub trait Screen {
    /// The key scopes active on this screen, most specific first (`Global` is implied).
    fn scopes(&self) -> Vec<Scope>;

    /// The table that list keys and the filter act on, if the current view has one.
    fn table_mut(&mut self) -> Option<&mut Table> {
        None
    }

    /// The same table, for drawing the footer while a filter is typed.
    fn table(&self) -> Option<&Table> {
        None
    }

    /// Rebuilds what the screen derives from the workbook.
    fn refresh(&mut self, wb: &Workbook, today: NaiveDate);

    /// Handles an action; `false` lets the app try the table's list keys.
    fn on_action(&mut self, _action: Action, _cx: &mut Cx) -> bool {
        false
    }

    /// A form this screen opened was submitted with every field valid.
    fn on_submit(&mut self, _form: &Form, _cx: &mut Cx) -> Result<(), Refused> {
        Ok(())
    }

    /// Selects a record the screen shows (after adding it, say).
    fn select(&mut self, _kind: Kind, _id: Id) {}

    fn render(&self, frame: &mut Frame, area: Rect, view: &View);
}
