//! The kernel every screen is built on: what a screen is ([`Screen`]), what it
//! may read and where it leaves what it wants done ([`Cx`]), those effects and
//! the popups among them, the status line, the tabs, and a tab's views
//! ([`Pane`], declared with [`panels!`]). Screens import this and the widgets;
//! the app sits above them all, so nothing here names a screen.
//!
//! Everything that carries a form is generic over `P`, what the form is for:
//! a screen works with its own purpose enum, and the screens registry wraps it
//! into the app's (`screens::Purpose`) on the way up.

pub use super::tab::Tab;

use super::keymap::{Action, Keymap, Scope};
use super::theme::Theme;
use super::widgets::cursor::Cursor;
use super::widgets::form::Form;
use super::widgets::popup::Tone;
use super::widgets::table::Table;
use crate::domain::checklist::DeadlineKind;
use crate::domain::edit::{Edit, Item, Kind, Section};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, Invalid};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Where to look on a tab once it is shown (after `GoTab`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A record, in a view that shows it.
    Record(Kind, Id),
    /// What leaving on this day keeps and forfeits (the last-day what-if).
    LastDay(NaiveDate),
    /// The input that meets a deadline (the severance for its review window).
    Deadline(DeadlineKind),
    /// An offer's start-date what-if, with its start moved to this day.
    OfferStart(Id, NaiveDate),
}

/// What a screen may read while drawing.
pub struct View<'a> {
    pub wb: &'a Workbook,
    pub today: NaiveDate,
    pub theme: &'a Theme,
    pub keys: &'a Keymap,
}

/// Something a screen asks the app to do.
pub enum Effect<P> {
    /// Apply and save an edit; `done` is the status shown once it is saved.
    Edit {
        edit: Box<Edit>,
        done: String,
    },
    Popup(Box<Popup<P>>),
    /// A note in the status line.
    Status(String),
    /// A problem worth a popup.
    Error(String),
    GoTab(Tab),
    /// Show a target on the current tab's screen (after `GoTab`), if it has it.
    Show(Target),
    /// Write a file the user named (an export). On success the status says
    /// `done` and where it went; a failure is shown under the form field `field`.
    WriteFile {
        path: std::path::PathBuf,
        bytes: Vec<u8>,
        replace: bool,
        /// For a file careerbook rewrites on every export (a calendar): what
        /// recognises one it wrote, which is replaced without `replace`.
        ours: Option<fn(&[u8]) -> bool>,
        done: String,
        field: &'static str,
    },
}

impl<P> Effect<P> {
    /// The same effect, its forms' purposes turned by `wrap`.
    pub fn map<Q>(self, wrap: &impl Fn(P) -> Q) -> Effect<Q> {
        match self {
            Effect::Edit { edit, done } => Effect::Edit { edit, done },
            Effect::Popup(popup) => Effect::Popup(Box::new(popup.map(wrap))),
            Effect::Status(text) => Effect::Status(text),
            Effect::Error(text) => Effect::Error(text),
            Effect::GoTab(tab) => Effect::GoTab(tab),
            Effect::Show(target) => Effect::Show(target),
            Effect::WriteFile {
                path,
                bytes,
                replace,
                ours,
                done,
                field,
            } => Effect::WriteFile {
                path,
                bytes,
                replace,
                ours,
                done,
                field,
            },
        }
    }
}

/// A popup on the stack; only the top one gets keys.
pub enum Popup<P> {
    /// A form; its purpose names the tab whose screen gets it back on submit.
    Form(Box<Form<P>>),
    Confirm {
        title: String,
        text: String,
        on_yes: Vec<Effect<P>>,
    },
    /// A message; `scroll` is how many lines of a long one are scrolled past.
    Message {
        title: String,
        text: String,
        tone: Tone,
        scroll: u16,
    },
    Help {
        scroll: usize,
    },
    /// The stored conflicts; `cursor` is the one selected.
    Conflicts {
        cursor: Cursor,
    },
    /// Quitting while edits are only in memory: why the last save failed.
    Unsaved {
        error: String,
    },
}

impl<P> Popup<P> {
    /// A message, not scrolled.
    pub fn message(title: impl Into<String>, text: impl Into<String>, tone: Tone) -> Self {
        Popup::Message {
            title: title.into(),
            text: text.into(),
            tone,
            scroll: 0,
        }
    }

    /// The same popup, its forms' purposes turned by `wrap`.
    pub fn map<Q>(self, wrap: &impl Fn(P) -> Q) -> Popup<Q> {
        match self {
            Popup::Form(form) => Popup::Form(Box::new(form.map_purpose(wrap))),
            Popup::Confirm {
                title,
                text,
                on_yes,
            } => Popup::Confirm {
                title,
                text,
                on_yes: on_yes.into_iter().map(|e| e.map(wrap)).collect(),
            },
            Popup::Message {
                title,
                text,
                tone,
                scroll,
            } => Popup::Message {
                title,
                text,
                tone,
                scroll,
            },
            Popup::Help { scroll } => Popup::Help { scroll },
            Popup::Conflicts { cursor } => Popup::Conflicts { cursor },
            Popup::Unsaved { error } => Popup::Unsaved { error },
        }
    }
}

/// The status line: the outcome of the last thing done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Idle,
    Saved(String),
    /// Saved, with something to look at: a value set aside as a conflict, a
    /// backup that failed.
    Warned(String),
    Info(String),
    /// Unsaved edits are in memory; `Ctrl-S` retries. Stays until a save succeeds.
    NotSaved(String),
}

impl Status {
    /// The words shown, whatever the kind of status.
    pub fn text(&self) -> &str {
        match self {
            Status::Idle => "",
            Status::Saved(text)
            | Status::Warned(text)
            | Status::Info(text)
            | Status::NotSaved(text) => text,
        }
    }
}

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

/// What a screen may read, and where it leaves its effects.
pub struct Cx<'a, P> {
    pub wb: &'a Workbook,
    pub today: NaiveDate,
    /// The key table in use, for sentences that name a key.
    pub keys: &'a Keymap,
    pub effects: Vec<Effect<P>>,
}

impl<'a, P> Cx<'a, P> {
    pub fn new(wb: &'a Workbook, today: NaiveDate, keys: &'a Keymap) -> Self {
        Self {
            wb,
            today,
            keys,
            effects: Vec::new(),
        }
    }

    /// A context reading the same, for effects of another purpose.
    pub fn narrow<Q>(&self) -> Cx<'a, Q> {
        Cx::new(self.wb, self.today, self.keys)
    }

    pub fn edit(&mut self, edit: Edit, done: impl Into<String>) {
        self.effects.push(Effect::Edit {
            edit: Box::new(edit),
            done: done.into(),
        });
    }

    pub fn open(&mut self, popup: Popup<P>) {
        self.effects.push(Effect::Popup(Box::new(popup)));
    }

    /// A message popup.
    pub fn tell(&mut self, title: impl Into<String>, text: impl Into<String>) {
        self.open(Popup::message(title, text, Tone::Info));
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
    pub fn form(&mut self, form: Form<P>) {
        self.open(Popup::Form(Box::new(form)));
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
        let undo = self.keys.hint(Scope::Global, Action::Undo, "undoes it");
        self.open(Popup::Confirm {
            title: title.into(),
            text: format!("{} ({undo})", question.into()),
            on_yes: vec![Effect::Edit {
                edit: Box::new(edit),
                done: done.into(),
            }],
        });
    }

    pub fn status(&mut self, text: impl Into<String>) {
        self.effects.push(Effect::Status(text.into()));
    }

    /// A problem worth a popup.
    pub fn error(&mut self, text: impl Into<String>) {
        self.effects.push(Effect::Error(text.into()));
    }

    /// Shows `tab`, and on it `target`, if any.
    pub fn go(&mut self, tab: Tab, target: Option<Target>) {
        self.effects.push(Effect::GoTab(tab));
        if let Some(target) = target {
            self.effects.push(Effect::Show(target));
        }
    }
}

/// One tab's screen: its view state, rebuilt from the workbook on refresh,
/// turning actions into effects and drawn from `&self` only.
pub trait Screen {
    /// What the forms this screen opens are for (one enum per tab).
    type Purpose;

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
    fn refresh(&mut self, wb: &Workbook, today: NaiveDate, keys: &Keymap);

    /// Handles an action; `false` lets the app try the table's list keys.
    fn on_action(&mut self, _action: Action, _cx: &mut Cx<Self::Purpose>) -> bool {
        false
    }

    /// Whether `action` does something here now, so the footer offers it
    /// (edit and delete need something selected, say).
    fn applies(&self, _action: Action) -> bool {
        true
    }

    /// A form this screen opened was submitted with every field valid.
    fn on_submit(
        &mut self,
        _form: &Form<Self::Purpose>,
        _cx: &mut Cx<Self::Purpose>,
    ) -> Result<(), Refused> {
        Ok(())
    }

    /// Selects a record the screen shows (after adding it, say).
    fn select(&mut self, _kind: Kind, _id: Id) {}

    /// Shows `target`, asked for from another tab (Enter on a next action):
    /// by default, selects its record.
    fn show(&mut self, target: Target, _wb: &Workbook) {
        if let Target::Record(kind, id) = target {
            self.select(kind, id);
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View);
}

/// One view of a tab (one arm of its `Panel` enum, see [`panels!`]): its
/// keys, its table, what it builds on refresh and how it draws. `S` is what
/// the tab builds once and every view reads; `P` the tab's form purposes.
pub trait Pane<S, P> {
    /// This view's own key scopes, most specific first (the tab's follow).
    fn scopes(&self) -> Vec<Scope>;

    fn table(&self) -> Option<&Table> {
        None
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        None
    }

    /// Rebuilds what this view derives from the workbook and `shared`.
    fn refresh(&mut self, shared: &S, wb: &Workbook, today: NaiveDate, keys: &Keymap);

    /// Handles an action; `false` lets the tab, then the table, try it.
    fn on_action(&mut self, _action: Action, _shared: &S, _cx: &mut Cx<P>) -> bool {
        false
    }

    /// Whether `action` does something in this view now (for the footer).
    fn applies(&self, _action: Action, _shared: &S) -> bool {
        true
    }

    /// The record selected, if this view selects records.
    fn selected(&self) -> Option<(Kind, Id)> {
        None
    }

    /// Selects a record this view shows; `false` when it shows no such record.
    fn select(&mut self, _kind: Kind, _id: Id) -> bool {
        false
    }

    fn render(&self, shared: &S, frame: &mut Frame, area: Rect, view: &View);
}

/// Declares a tab's views: the `Panel` enum (in the order the view keys
/// visit them, with titles) and `Panels`, one field of state per view, which
/// hands each call to the view named. Adding a view is a file with a type
/// implementing [`Pane`] and one line here. A tab whose views share more than
/// [`Pane`] names its own trait object after `as` (the Now tab's panels are
/// drawn several at once).
///
/// ```ignore
/// panels! {
///     Shared, Purpose;
///     Board(board: board::Board) = "Board",
///     List(list: list::List) = "List",
/// }
/// ```
macro_rules! panels {
    ($shared:ty, $purpose:ty; $($arms:tt)+) => {
        $crate::tui::screen::panels!(
            $shared, $purpose as dyn $crate::tui::screen::Pane<$shared, $purpose>; $($arms)+
        );
    };
    ($shared:ty, $purpose:ty as $view:ty; $($arm:ident($field:ident: $ty:ty) = $title:literal),+ $(,)?) => {
        /// The views of the tab, in the order the view keys visit them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Panel {
            $($arm),+
        }

        // Every tab gets the same few methods; not every tab needs each one.
        #[allow(dead_code)]
        impl Panel {
            const ALL: &'static [Panel] = &[$(Panel::$arm),+];

            fn title(self) -> &'static str {
                match self {
                    $(Panel::$arm => $title),+
                }
            }

            /// The view `delta` places along, wrapping at either end.
            fn step(self, delta: isize) -> Panel {
                let n = Panel::ALL.len() as isize;
                let at = Panel::ALL.iter().position(|p| *p == self).unwrap_or(0) as isize;
                Panel::ALL[(at + delta).rem_euclid(n) as usize]
            }

            /// Its place in [`Panel::ALL`].
            fn index(self) -> usize {
                Panel::ALL.iter().position(|p| *p == self).unwrap_or(0)
            }
        }

        /// A tab opens on its first view.
        impl Default for Panel {
            fn default() -> Self {
                Panel::ALL[0]
            }
        }

        /// Each view's state, one field per [`Panel`].
        #[derive(Default)]
        struct Panels {
            $($field: $ty),+
        }

        #[allow(dead_code)]
        impl Panels {
            fn get(&self, panel: Panel) -> &$view {
                match panel {
                    $(Panel::$arm => &self.$field),+
                }
            }

            fn get_mut(&mut self, panel: Panel) -> &mut $view {
                match panel {
                    $(Panel::$arm => &mut self.$field),+
                }
            }

            /// Rebuilds every view.
            fn refresh(
                &mut self,
                shared: &$shared,
                wb: &$crate::domain::workbook::Workbook,
                today: chrono::NaiveDate,
                keys: &$crate::tui::keymap::Keymap,
            ) {
                use $crate::tui::screen::Pane as _;
                $(self.$field.refresh(shared, wb, today, keys);)+
            }

            /// Selects the record in every view showing it; the views that do.
            fn select(
                &mut self,
                kind: $crate::domain::edit::Kind,
                id: $crate::domain::Id,
            ) -> Vec<Panel> {
                use $crate::tui::screen::Pane as _;
                let mut found = Vec::new();
                $(if self.$field.select(kind, id) {
                    found.push(Panel::$arm);
                })+
                found
            }
        }
    };
}

pub(crate) use panels;
