//! The app: owns the session (and so the workbook and undo), the tabs, the
//! popup stack and the status line. Keys become actions through the key table;
//! actions become effects; effects edit and save through the session.
//!
//! Only the tab on screen is built: an edit or a reload rebuilds it and marks
//! the others stale, and a stale tab is rebuilt when it is next shown.

pub use super::screen::Status;

use super::keymap::{Action, FORM_SCOPES, Keymap, Scope};
use super::screen::{self, Cx, Tab, View};
use super::screens::{self, Mounted, Purpose};
use super::theme::Theme;
use super::widgets::cursor::Cursor;
use super::widgets::form::{self, Outcome};
use super::widgets::help;
use super::widgets::popup::{self, Tone};
use super::widgets::table::Table;
use crate::domain::conflict::{self, Pick};
use crate::domain::edit::{self, EditError};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, plausible};
use crate::store::export::{OwnWrite, write_file, write_own_file};
use crate::store::{Saved, Session, StoreError, sync};
use crate::text::fit;
use chrono::{DateTime, Datelike, Local, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Below this size the screen asks for a bigger terminal instead of drawing.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

type Popup = screen::Popup<Purpose>;
type Effect = screen::Effect<Purpose>;
type Form = form::Form<Purpose>;

/// What happens to unsaved edits as careerbook closes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum ExitPlan {
    /// Save once more, else keep them as a backup (quit keys, signals, a lost terminal).
    #[default]
    SaveOrRescue,
    /// Already kept as a backup: this says where and how to restore it.
    Kept(String),
    /// The person chose to lose them.
    Lose,
}

pub struct App {
    session: Session,
    today: NaiveDate,
    tab: Tab,
    /// One per tab, in `Tab::ALL` order.
    screens: Vec<Box<dyn Mounted>>,
    /// Which screens were built from the workbook as it is now.
    fresh: Vec<bool>,
    popups: Vec<Popup>,
    status: Status,
    theme: Theme,
    keys: Keymap,
    banner: Option<String>,
    quit: bool,
    exit: ExitPlan,
    /// The top form asked to edit its note in the user's editor: the text.
    editor: Option<String>,
    /// When this machine last synced (`careerbook sync`), for the tab bar.
    synced: Option<DateTime<Local>>,
    /// `P` asked for a sync, which runs once "syncing…" is drawn.
    sync_requested: bool,
}

impl App {
    /// `banner` is a standing notice in the tab bar (e.g. demo mode).
    pub fn new(
        mut session: Session,
        today: NaiveDate,
        theme: Theme,
        banner: Option<String>,
    ) -> Self {
        session.set_today(today);
        let screens = screens::all();
        let mut app = Self {
            session,
            today,
            tab: Tab::ALL[0],
            fresh: vec![false; screens.len()],
            screens,
            popups: Vec::new(),
            status: Status::Idle,
            keys: Keymap::new(theme.ascii()),
            theme,
            banner,
            quit: false,
            exit: ExitPlan::default(),
            editor: None,
            synced: None,
            sync_requested: false,
        };
        app.synced = sync::last_synced(app.session.paths());
        app.open_notes();
        app.refresh_all();
        app
    }

    /// Uses `keys` from now on: to read keys, and wherever a key is named.
    pub fn with_keymap(mut self, keys: Keymap) -> Self {
        self.keys = keys;
        self.refresh_all();
        self
    }

    /// A message shown when careerbook starts (why the config file was not used).
    pub fn with_message(mut self, title: &str, text: String) -> Self {
        self.popups.push(Popup::message(title, text, Tone::Error));
        self
    }

    fn open_notes(&mut self) {
        if let Some(reason) = self.session.read_only() {
            self.popups
                .push(Popup::message("Read-only", reason, Tone::Error));
            self.status = Status::Info("read-only: nothing will be saved".into());
        } else {
            let notes: Vec<String> = (self.session.notes.iter().cloned())
                .chain(self.session.loose_directory())
                .collect();
            if !notes.is_empty() {
                self.status = Status::Info(notes.join("; "));
            }
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// From now on a save that waits for the lock waits quietly (the
    /// terminal is being handed back).
    pub fn stop_showing_waits(&mut self) {
        self.session.set_waiter(Box::new(|_| true));
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Shows `tab`, building it first if the workbook changed since it was.
    fn show(&mut self, tab: Tab) {
        self.tab = tab;
        self.refresh_if_stale(tab);
    }

    fn refresh_if_stale(&mut self, tab: Tab) {
        let at = tab.index();
        if !self.fresh[at] {
            self.screens[at].refresh(self.session.workbook(), self.today, &self.keys);
            self.fresh[at] = true;
        }
    }

    fn screen(&self) -> &dyn Mounted {
        self.screens[self.tab.index()].as_ref()
    }

    fn screen_mut(&mut self) -> &mut dyn Mounted {
        self.screens[self.tab.index()].as_mut()
    }

    /// The shown screen's table, if it has one, and the workbook it reads
    /// its rows from.
    fn shown_table(&mut self) -> (Option<&mut Table>, &Workbook) {
        let table = self.screens[self.tab.index()].table_mut();
        (table, self.session.workbook())
    }

    pub fn popup_count(&self) -> usize {
        self.popups.len()
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The date changed (midnight passed): everything date-relative is rebuilt.
    pub fn set_today(&mut self, today: NaiveDate) {
        if today != self.today {
            self.today = today;
            self.session.set_today(today);
            self.refresh_all();
        }
    }

    /// Picks up changes another process saved, keeping our unsaved edits.
    pub fn reload_if_changed(&mut self) {
        match self.session.refresh() {
            Ok(Some((dropped, outcome))) => {
                self.refresh_all();
                self.status = match self.set_aside(&outcome.conflicts) {
                    Some(text) => Status::Warned(text),
                    None => Status::Info("reloaded: the workbook was changed elsewhere".into()),
                };
                self.tell_dropped(&dropped);
                self.tell_kept(&outcome);
            }
            Ok(None) => {}
            Err(err) => self.status = Status::NotSaved(err.to_string()),
        }
    }

    /// Says which of our unsaved edits no longer applied after another
    /// process's changes were loaded (their changes win; ours are named).
    fn tell_dropped(&mut self, dropped: &[String]) {
        if dropped.is_empty() {
            return;
        }
        let text = format!(
            "Another window changed the workbook while you edited. Its changes are kept; these edits of yours no longer applied:\n\n{}",
            dropped.join("\n")
        );
        self.popups
            .push(Popup::message("Merged", text, Tone::Error));
    }

    /// Tries once more to save unsaved edits (on quit or a signal). If that
    /// fails too, keeps them as a backup; the error says where, and how to
    /// get them back.
    pub fn save_before_exit(&mut self) -> Result<(), String> {
        match std::mem::take(&mut self.exit) {
            ExitPlan::Kept(note) => return Err(note),
            ExitPlan::Lose => {
                let edits = crate::text::count(self.session.unsaved(), "edit");
                return Err(format!("quit without saving {edits}, as you chose"));
            }
            ExitPlan::SaveOrRescue => {}
        }
        let Err(err) = self.session.retry_save() else {
            return Ok(());
        };
        Err(self
            .keep_as_backup(&err.to_string())
            .unwrap_or_else(|failed| failed))
    }

    /// Folds the journal (edits that commands saved while this window was
    /// open) into the workbook as careerbook closes. `Some` says what went
    /// wrong; the edits are safe in the journal either way.
    pub fn fold_journal(&mut self) -> Option<String> {
        if self.session.read_only().is_some() {
            return None;
        }
        match self.session.compact() {
            Ok(compacted) => compacted.backup_failed.map(|p| format!("saved, but {p}")),
            Err(err) => Some(format!(
                "the edits commands saved while careerbook was open stay in the journal, \
                 which could not be folded into the workbook ({err}); they are read from it"
            )),
        }
    }

    /// Writes the unsaved edits as a backup. `Ok` says where they are and how
    /// to get them back; `Err` that even the backup could not be written.
    fn keep_as_backup(&mut self, why: &str) -> Result<String, String> {
        let unsaved = self.session.unsaved();
        match self.session.rescue() {
            Ok(copy) => {
                let name = copy.file_name().unwrap_or_default().to_string_lossy();
                Ok(format!(
                    "your last {unsaved} edit(s) could not be saved ({why}). They are kept in {}; \
                     once the problem is fixed, `careerbook restore {name}` puts them back.",
                    copy.display()
                ))
            }
            // The change itself is what makes the file too large: a backup
            // of it could never be restored, so only undoing it helps.
            Err(StoreError::WouldBeTooLarge { .. }) => {
                let undo = self.keys.key_for(Scope::Global, Action::Undo);
                Err(format!(
                    "{why}. A backup of it could never be restored either: \
                     keep working and undo the change ({undo}), or quit and lose it"
                ))
            }
            Err(rescue) => Err(format!(
                "your last {unsaved} edit(s) could not be saved ({why}), and could not be \
                 kept as a backup either ({rescue})"
            )),
        }
    }

    /// `q` or Ctrl-C: quits at once when everything is saved (or saves now);
    /// otherwise asks what to do with the edits that are only in memory.
    fn request_quit(&mut self) {
        if self.session.unsaved() == 0 || self.session.read_only().is_some() {
            self.quit = true;
            return;
        }
        match self.session.retry_save() {
            Ok(_) => self.quit = true,
            Err(err) => self.popups.push(Popup::Unsaved {
                error: err.to_string(),
            }),
        }
    }

    /// Quits with the unsaved edits kept as a backup; if not even that can
    /// be written, stays, and the prompt says so (only `L` quits then).
    fn quit_keeping_a_backup(&mut self, error: String) {
        if self.session.retry_save().is_ok() {
            self.quit = true;
            return;
        }
        match self.keep_as_backup(&error) {
            Ok(note) => {
                self.exit = ExitPlan::Kept(note);
                self.quit = true;
            }
            Err(note) => self.popups.push(Popup::Unsaved { error: note }),
        }
    }

    /// A key in the quit-with-unsaved-edits prompt.
    fn unsaved_key(&mut self, error: String, key: &KeyEvent) {
        match self.keys.resolve(&[Scope::Unsaved], key) {
            Some(Action::RetrySave) => match self.session.retry_save() {
                Ok(_) => self.quit = true,
                Err(err) => self.popups.push(Popup::Unsaved {
                    error: err.to_string(),
                }),
            },
            Some(Action::QuitKeepBackup) => self.quit_keeping_a_backup(error),
            Some(Action::QuitLose) => {
                self.exit = ExitPlan::Lose;
                self.quit = true;
            }
            Some(Action::Close) => {}
            _ => self.popups.push(Popup::Unsaved { error }),
        }
    }

    /// The workbook (or the date, or the keys) changed: the tab on screen is
    /// rebuilt now, the others when they are next shown.
    fn refresh_all(&mut self) {
        self.fresh.fill(false);
        self.refresh_if_stale(self.tab);
    }

    fn scopes(&self) -> Vec<Scope> {
        if let Some(top) = self.popups.last() {
            return vec![match top {
                Popup::Form(form) => return form.scopes(),
                Popup::Confirm { .. } => Scope::Confirm,
                Popup::Message { .. } => Scope::Message,
                Popup::Help { .. } => Scope::Help,
                Popup::Conflicts { .. } => Scope::Conflicts,
                Popup::Unsaved { .. } => Scope::Unsaved,
            }];
        }
        let mut scopes = self.screen().scopes();
        scopes.push(Scope::Global);
        scopes
    }

    /// Handles one terminal key event.
    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        // Force-quit works everywhere, even in a form or a prompt, so it is
        // looked up before anything else can take the key.
        if self.keys.resolve(&[Scope::Global], &key) == Some(Action::ForceQuit) {
            // Asked already: a second one quits, saving once more or
            // keeping the edits as a backup (never losing them unasked).
            match self.popups.last() {
                Some(Popup::Unsaved { error }) => {
                    let error = error.clone();
                    self.popups.pop();
                    self.quit_keeping_a_backup(error);
                }
                _ => self.request_quit(),
            }
            return;
        }
        if !self.popups.is_empty() {
            self.popup_key(key);
            return;
        }
        if self.filter_key(&key) {
            return;
        }
        let Some(action) = self.keys.resolve(&self.scopes(), &key) else {
            return;
        };
        self.on_action(action);
    }

    fn on_action(&mut self, action: Action) {
        match action {
            Action::Quit | Action::ForceQuit => self.request_quit(),
            Action::Help => self.popups.push(Popup::Help { scroll: 0 }),
            Action::GoTab(tab) => self.show(tab),
            Action::NextTab => self.show(self.tab.step(1)),
            Action::PrevTab => self.show(self.tab.step(-1)),
            Action::Undo => self.undo(),
            Action::RetrySave => self.retry_save(),
            Action::Conflicts if self.session.workbook().conflicts.is_empty() => {
                self.status = Status::Info("no conflicts: nothing was changed in two places".into())
            }
            Action::Conflicts => self.popups.push(Popup::Conflicts {
                cursor: Cursor::default(),
            }),
            Action::Sync => self.request_sync(),
            _ => {
                let mut cx = Cx::new(self.session.workbook(), self.today, &self.keys);
                let screen = self.screens[self.tab.index()].as_mut();
                if !screen.on_action(action, &mut cx)
                    && let Some(table) = screen.table_mut()
                {
                    table.on_action(cx.wb, action);
                }
                let effects = cx.effects;
                self.run_and_report(effects);
            }
        }
    }

    /// Typing into a table filter; `true` when the key was consumed.
    fn filter_key(&mut self, key: &KeyEvent) -> bool {
        let filter = self.keys.resolve(&[Scope::Filter], key);
        let (Some(table), wb) = self.shown_table() else {
            return false;
        };
        if !table.is_filtering() {
            return false;
        }
        match filter {
            Some(Action::FilterAccept) => table.accept_filter(),
            Some(Action::FilterClear) => table.clear_filter(wb),
            _ => match key.code {
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    let mut text = table.filter().to_string();
                    text.push(c);
                    table.set_filter(wb, text);
                }
                KeyCode::Backspace => {
                    let mut text = table.filter().to_string();
                    text.pop();
                    table.set_filter(wb, text);
                }
                KeyCode::Up | KeyCode::Down => {
                    let step = if key.code == KeyCode::Up {
                        Action::Up
                    } else {
                        Action::Down
                    };
                    table.on_action(wb, step);
                }
                _ => {}
            },
        }
        true
    }

    fn popup_key(&mut self, key: KeyEvent) {
        let Some(top) = self.popups.pop() else { return };
        match top {
            Popup::Form(mut form) => match form.on_key(&key) {
                Outcome::Stay => self.popups.push(Popup::Form(form)),
                Outcome::Cancel => {}
                Outcome::Submit => self.submit(form),
                Outcome::Editor => {
                    self.editor = form.focused_text();
                    self.popups.push(Popup::Form(form));
                }
            },
            Popup::Confirm {
                title,
                text,
                on_yes,
            } => match self.keys.resolve(&[Scope::Confirm], &key) {
                Some(Action::Yes) => self.run_and_report(on_yes),
                Some(Action::No) => {}
                _ => self.popups.push(Popup::Confirm {
                    title,
                    text,
                    on_yes,
                }),
            },
            Popup::Message {
                title,
                text,
                tone,
                scroll,
            } => {
                let scroll = match self.keys.resolve(&[Scope::Message], &key) {
                    Some(Action::Close) => return,
                    Some(Action::Up) => scroll.saturating_sub(1),
                    Some(Action::Down) => scroll.saturating_add(1),
                    _ => scroll,
                };
                self.popups.push(Popup::Message {
                    title,
                    text,
                    tone,
                    scroll,
                });
            }
            Popup::Conflicts { cursor } => self.conflicts_key(cursor, &key),
            Popup::Unsaved { error } => self.unsaved_key(error, &key),
            Popup::Help { scroll } => match self.keys.resolve(&[Scope::Help], &key) {
                Some(Action::Close) => {}
                Some(Action::Up) => self.popups.push(Popup::Help {
                    scroll: scroll.saturating_sub(1),
                }),
                Some(Action::Down) => self.popups.push(Popup::Help { scroll: scroll + 1 }),
                _ => self.popups.push(Popup::Help { scroll }),
            },
        }
    }

    /// A key in the conflicts list: pick a side for the selected one, move, close.
    fn conflicts_key(&mut self, mut cursor: Cursor, key: &KeyEvent) {
        cursor.set_len(self.session.workbook().conflicts.len());
        let pick = match self.keys.resolve(&[Scope::Conflicts], key) {
            Some(Action::Close) => return,
            Some(Action::UseSetAside) => Pick::SetAside,
            Some(Action::KeepInPlace) => Pick::Kept,
            Some(action) => {
                cursor.on_action(action, 1);
                return self.popups.push(Popup::Conflicts { cursor });
            }
            None => return self.popups.push(Popup::Conflicts { cursor }),
        };
        let wb = self.session.workbook();
        let Some(chosen) = wb.conflicts.get(cursor.at()) else {
            return;
        };
        let done = match pick {
            Pick::SetAside => format!("used the set-aside value for {}", chosen.short_subject()),
            Pick::Kept => format!("kept {} as it is", chosen.short_subject()),
        };
        match conflict::resolve(wb, chosen.id, pick) {
            Ok(edit) => self.run_and_report(vec![Effect::Edit {
                edit: Box::new(edit),
                done,
            }]),
            Err(invalid) => {
                self.popups
                    .push(Popup::message("Not changed", invalid.message, Tone::Error))
            }
        }
        let left = self.session.workbook().conflicts.len();
        if left > 0 && self.popups.is_empty() {
            cursor.set_len(left);
            self.popups.push(Popup::Conflicts { cursor });
        }
    }

    /// Gives a valid form back to the screen that opened it. What the screen
    /// or the domain refuses comes back under the fields it names; the form's
    /// plausibility warnings (`domain::plausible`, what a command says on
    /// standard error) lead the status line of what is saved.
    fn submit(&mut self, form: Box<Form>) {
        let owner = form.purpose().tab();
        self.refresh_if_stale(owner);
        let mut cx = Cx::new(self.session.workbook(), self.today, &self.keys);
        let (form, result) = self.screens[owner.index()].on_submit(*form, &mut cx);
        let mut form = Box::new(form);
        let mut effects = cx.effects;
        match result {
            Err(refused) => {
                form.show_errors(&refused.0);
                self.popups.push(Popup::Form(form));
            }
            Ok(()) => {
                let wb = self.session.workbook();
                if let Some(Effect::Edit { edit, done }) = effects
                    .iter_mut()
                    .find(|e| matches!(e, Effect::Edit { .. }))
                {
                    let warnings = plausible::warnings(wb, edit, self.today);
                    if !warnings.is_empty() {
                        *done = format!("! {} · {done}", warnings.join(" · "));
                    }
                }
                if let Some(invalid) = self.run(effects) {
                    form.show_errors(&[invalid]);
                    self.popups.push(Popup::Form(form));
                }
            }
        }
    }

    /// Pasted text: into the top form's field, or a table filter being typed;
    /// anywhere else it is ignored. A paste is never read as keys, so it can
    /// never save a form, switch tabs or quit.
    pub fn on_paste(&mut self, text: &str) {
        if let Some(Popup::Form(form)) = self.popups.last_mut() {
            form.paste(text);
            return;
        }
        if !self.popups.is_empty() {
            return;
        }
        match self.shown_table() {
            (Some(table), wb) if table.is_filtering() => {
                let pasted = text.replace(['\r', '\n', '\t'], " ");
                let text = format!("{}{}", table.filter(), pasted.trim_end());
                table.set_filter(wb, text);
            }
            _ => {
                self.status =
                    Status::Info("pasted text ignored: open a form or a filter first".into())
            }
        }
    }

    /// The text of a note to edit in the user's editor, if a form asked.
    pub fn take_editor_request(&mut self) -> Option<String> {
        self.editor.take()
    }

    /// What the user's editor gave back goes into the form that asked.
    pub fn editor_returned(&mut self, result: Result<String, String>) {
        if let Some(Popup::Form(form)) = self.popups.last_mut() {
            form.editor_returned(result);
        }
    }

    /// Puts a popup on the stack; a form gets the key table in use.
    fn open(&mut self, mut popup: Popup) {
        match &mut popup {
            Popup::Form(form) => form.use_keys(&self.keys),
            // A removal confirmed later removes the record shown now, even
            // if a sync renumbers it meanwhile.
            Popup::Confirm { on_yes, .. } => {
                for effect in on_yes {
                    if let Effect::Edit { edit, .. } = effect {
                        edit.pin(self.session.workbook());
                    }
                }
            }
            _ => {}
        }
        self.popups.push(popup);
    }

    /// Carries out effects that did not come from a form: a refused value has
    /// no field to show under, so it is said in a popup.
    fn run_and_report(&mut self, effects: Vec<Effect>) {
        if let Some(invalid) = self.run(effects) {
            let text = format!("{}: {}", invalid.field, invalid.message);
            self.popups
                .push(Popup::message("Not changed", text, Tone::Error));
        }
    }

    /// Carries out effects in order. Returns a refused value, if an edit was
    /// refused for one, so a form can show it; later effects are then skipped.
    #[must_use]
    fn run(&mut self, effects: Vec<Effect>) -> Option<crate::domain::Invalid> {
        for effect in effects {
            match effect {
                Effect::Edit { edit, done } => {
                    if let Err(invalid) = self.apply(*edit, done) {
                        return Some(invalid);
                    }
                }
                Effect::Popup(popup) => self.open(*popup),
                Effect::Status(text) => self.status = Status::Info(text),
                Effect::Error(text) => {
                    self.popups
                        .push(Popup::message("Problem", text, Tone::Error))
                }
                Effect::GoTab(tab) => self.show(tab),
                Effect::Show(target) => {
                    self.screens[self.tab.index()].show(target, self.session.workbook())
                }
                Effect::WriteFile {
                    path,
                    bytes,
                    replace,
                    ours,
                    done,
                    field,
                } => match self.write_export(&path, &bytes, replace, ours) {
                    Ok(written) => {
                        self.status = Status::Info(format!("{done} {}", written.display()))
                    }
                    Err(err) => return Some(crate::domain::Invalid::new(field, err)),
                },
            }
        }
        None
    }

    /// Writes an export where the user said, never into the data directory;
    /// an existing file only when `replace`, or when `ours` recognises it as
    /// one careerbook wrote. The error says why nothing was written.
    fn write_export(
        &self,
        path: &std::path::Path,
        bytes: &[u8],
        replace: bool,
        ours: Option<fn(&[u8]) -> bool>,
    ) -> Result<std::path::PathBuf, String> {
        let paths = self.session.paths();
        let Some(ours) = ours else {
            return write_file(path, bytes, replace, paths).map_err(|e| e.to_string());
        };
        match write_own_file(path, bytes, ours, replace, paths) {
            Ok(OwnWrite::Written(written, _)) => Ok(written),
            Ok(OwnWrite::Foreign(existing)) => Err(format!(
                "{} already exists and is not a file careerbook wrote; choose another name, \
                 or say yes to replacing it",
                existing.display()
            )),
            Err(err) => Err(err.to_string()),
        }
    }

    fn apply(
        &mut self,
        edit: crate::domain::edit::Edit,
        done: String,
    ) -> Result<(), crate::domain::Invalid> {
        match self.session.apply(edit) {
            Ok(applied) => {
                self.refresh_all();
                if let Some(&(kind, id)) = applied.added.first() {
                    self.screen_mut().select(kind, id);
                }
                self.tell_kept(&applied.outcome);
                let earlier = applied.outcome.conflicts;
                self.show_save(applied.saved, done, &earlier);
                Ok(())
            }
            Err(EditError::Invalid(invalid)) => Err(invalid),
            Err(err @ EditError::Missing(_)) => {
                self.popups
                    .push(Popup::message("Not changed", err.to_string(), Tone::Error));
                Ok(())
            }
        }
    }

    fn undo(&mut self) {
        match self.session.undo() {
            None => self.status = Status::Info("nothing to undo".into()),
            Some(Ok(applied)) => {
                self.refresh_all();
                let done = if applied.outcome.kept.is_empty() {
                    "undone"
                } else {
                    "undone in part"
                };
                self.tell_kept(&applied.outcome);
                self.show_save(applied.saved, done.into(), &[]);
            }
            Some(Err(err)) => {
                self.popups
                    .push(Popup::message("Cannot undo", err.to_string(), Tone::Error));
            }
        }
    }

    /// `P`: saves what is not saved yet, then has the event loop sync once
    /// "syncing…" is on the screen (talking to a remote can take seconds).
    fn request_sync(&mut self) {
        if self.session.read_only().is_some() {
            self.status = Status::Info("read-only: nothing is synced".into());
            return;
        }
        if self.session.unsaved() > 0
            && let Err(err) = self.session.retry_save()
        {
            self.status =
                Status::NotSaved(format!("not synced: the last edit is not saved ({err})"));
            return;
        }
        self.status = Status::Info("syncing…".into());
        self.sync_requested = true;
    }

    /// Runs the sync `P` asked for, if it did: commits, fetches, merges and
    /// pushes (`careerbook sync`), then loads what arrived as any change made
    /// elsewhere. Git may not ask for a password here: that would scramble
    /// the screen.
    pub fn sync_if_requested(&mut self) -> bool {
        if !std::mem::take(&mut self.sync_requested) {
            return false;
        }
        let options = sync::Options {
            exe: std::env::current_exe().unwrap_or_else(|_| "careerbook".into()),
            prompts: false,
        };
        match sync::sync(self.session.paths(), &options) {
            Ok(report) => {
                self.reload_if_changed();
                self.synced = sync::last_synced(self.session.paths());
                let key = self.keys.key_for(Scope::Global, Action::Conflicts);
                self.status = synced_status(&report, &key);
                if !report.notes.is_empty() {
                    self.popups.push(Popup::Message {
                        title: "Synced".into(),
                        text: report.notes.join("\n"),
                        tone: Tone::Info,
                        scroll: 0,
                    });
                }
            }
            Err(err) => {
                self.status = Status::Info("not synced".into());
                self.popups.push(Popup::Message {
                    title: "Not synced".into(),
                    text: err.to_string(),
                    tone: Tone::Error,
                    scroll: 0,
                });
            }
        }
        true
    }

    fn retry_save(&mut self) {
        if self.session.unsaved() == 0 {
            self.status = Status::Info("everything is already saved".into());
            return;
        }
        let saved = self.session.retry_save();
        self.refresh_all();
        self.show_save(saved, "saved".into(), &[]);
    }

    /// What the status says when a merge set values aside as `conflicts`:
    /// which record, and where to settle it. `None` when there are none.
    fn set_aside(&self, conflicts: &[Id]) -> Option<String> {
        let first = conflicts.first()?;
        let wb = self.session.workbook();
        let subject = wb
            .conflicts
            .iter()
            .find(|c| c.id == *first)
            .map(|c| c.short_subject())?;
        let more = match conflicts.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        let reviews = self.keys.hint(Scope::Global, Action::Conflicts, "reviews");
        Some(format!(
            "{subject}{more} was changed elsewhere at the same time: the value saved first is kept, yours is set aside ({reviews})"
        ))
    }

    /// Says what a merge left as it is because it changed elsewhere.
    fn tell_kept(&mut self, outcome: &edit::Outcome) {
        if outcome.kept.is_empty() {
            return;
        }
        let text = format!(
            "Changed elsewhere in the meantime, so careerbook left it as it is:\n\n{}",
            outcome.kept.join("\n")
        );
        self.popups
            .push(Popup::message("Left as it is", text, Tone::Info));
    }

    /// Says how a save went; `conflicts` are those the edit already met in
    /// memory (a save that merges may add its own).
    fn show_save(&mut self, saved: Result<Saved, StoreError>, done: String, conflicts: &[Id]) {
        let saved = match saved {
            // A program that takes no lock (an editor) wrote the file while
            // it was being saved: read it, merge, and save again, once.
            Err(StoreError::ChangedWhileSaving { .. }) => {
                let again = self.session.retry_save();
                self.refresh_all();
                again
            }
            saved => saved,
        };
        self.status = match saved {
            Ok(saved) => {
                self.tell_dropped(&saved.dropped);
                self.tell_kept(&saved.outcome);
                let all: Vec<Id> = conflicts
                    .iter()
                    .chain(&saved.outcome.conflicts)
                    .copied()
                    .collect();
                let set_aside = self.set_aside(&all);
                let warn = set_aside.is_some() || saved.backup_failed.is_some();
                let mut text = set_aside.unwrap_or(done);
                if saved.merged {
                    text.push_str(" · merged with changes made elsewhere");
                }
                if let Some(problem) = saved.backup_failed {
                    text.push_str(&format!(" · saved, but {problem}"));
                }
                if warn {
                    Status::Warned(text)
                } else {
                    Status::Saved(text)
                }
            }
            // Retrying cannot help a change that makes the file too large.
            Err(err @ StoreError::WouldBeTooLarge { .. }) => {
                let undo = self.keys.hint(Scope::Global, Action::Undo, "undoes it");
                Status::NotSaved(format!("{err} ({undo})"))
            }
            // What to do comes first: a narrow status line cuts the end.
            Err(err) => {
                let unsaved = crate::text::count(self.session.unsaved(), "edit");
                let retry = self.keys.hint(Scope::Global, Action::RetrySave, "retries");
                Status::NotSaved(format!("{retry}; {unsaved} kept in memory. {err}"))
            }
        };
    }

    /// Draws the whole screen.
    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(frame, area);
            return;
        }
        let [tabs, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_tabs(frame, tabs);
        let view = View {
            wb: self.session.workbook(),
            today: self.today,
            theme: &self.theme,
            keys: &self.keys,
        };
        let inner = Rect {
            x: body.x + 1,
            width: body.width.saturating_sub(2),
            ..body
        };
        self.screen().render(frame, inner, &view);
        self.render_status(frame, status);
        self.render_footer(frame, footer);
        for popup in &self.popups {
            self.render_popup(frame, body, popup);
        }
        self.theme.finish(frame.buffer_mut(), area);
    }

    fn render_tabs(&self, frame: &mut Frame, area: Rect) {
        let mut spans = vec![Span::styled(" careerbook ", self.theme.title())];
        for tab in Tab::ALL {
            let key = self.keys.key_for(Scope::Global, Action::GoTab(tab));
            let label = format!(" {key} {} ", tab.title());
            let style = if tab == self.tab {
                self.theme.tab_active()
            } else {
                self.theme.text()
            };
            spans.push(Span::styled(label, style));
        }
        let mut line = Line::from(spans);
        if let Some(banner) = &self.banner {
            line.push_span(Span::styled(format!("  {banner}"), self.theme.warn()));
        }
        let conflicts = self.session.workbook().conflicts.len();
        if conflicts > 0 {
            let key = self.keys.key_for(Scope::Global, Action::Conflicts);
            let text = format!("  ⚠ {} ({key})", crate::text::count(conflicts, "conflict"));
            line.push_span(Span::styled(text, self.theme.warn()));
        }
        if let Some(at) = self.synced {
            let when = match at.date_naive() {
                day if day == self.today => at.format("%H:%M"),
                day if day.year() == self.today.year() => at.format("%-d %b"),
                _ => at.format("%Y-%m-%d"),
            };
            line.push_span(Span::styled(format!("  synced {when}"), self.theme.dim()));
        }
        frame.render_widget(Paragraph::new(line), area);
    }

    fn render_status(&self, frame: &mut Frame, area: Rect) {
        let width = area.width as usize;
        let unsaved = self.session.unsaved();
        let line = match &self.status {
            // Unsaved edits outrank any later note: the warning stays until a save works.
            Status::Idle | Status::Saved(_) | Status::Warned(_) | Status::Info(_)
                if unsaved > 0 =>
            {
                let retry = self.keys.hint(Scope::Global, Action::RetrySave, "retries");
                let edits = crate::text::count(unsaved, "edit");
                let text = format!(" ✗ NOT SAVED: {edits} only in memory; {retry}");
                Line::styled(fit(&text, width), self.theme.bad())
            }
            Status::Idle => Line::raw(""),
            Status::Saved(text) if text.contains("saved") => {
                Line::styled(fit(&format!(" ✓ {text}"), width), self.theme.good())
            }
            Status::Saved(text) => {
                Line::styled(fit(&format!(" ✓ {text} · saved"), width), self.theme.good())
            }
            Status::Warned(text) => {
                Line::styled(fit(&format!(" ⚠ {text}"), width), self.theme.warn())
            }
            Status::Info(text) => {
                Line::styled(fit(&format!(" • {text}"), width), self.theme.text())
            }
            Status::NotSaved(text) => Line::styled(
                fit(&format!(" ✗ NOT SAVED: {text}"), width),
                self.theme.bad(),
            ),
        };
        frame.render_widget(Paragraph::new(line), area);
    }

    /// Whether `action` does something now, so the footer offers it: in a
    /// popup every key does; on a screen, the screen says.
    fn applies(&self, action: Action) -> bool {
        if !self.popups.is_empty() {
            return true;
        }
        match action {
            Action::RetrySave => self.session.unsaved() > 0,
            Action::Conflicts => !self.session.workbook().conflicts.is_empty(),
            Action::Quit | Action::Help | Action::Undo | Action::ForceQuit => true,
            Action::GoTab(_) | Action::NextTab | Action::PrevTab => true,
            // Only a filter kept with Enter is there to clear.
            Action::FilterClear => self
                .screen()
                .table()
                .is_some_and(|t| !t.filter().is_empty()),
            action => self.screen().applies(action),
        }
    }

    fn render_footer(&self, frame: &mut Frame, area: Rect) {
        let mut scopes = self.scopes();
        if self.popups.is_empty()
            && let Some(table) = self.screen().table()
            && table.is_filtering()
        {
            scopes = vec![Scope::Filter];
        }
        // Hints that do not fit are left out whole rather than cut; "? help"
        // and "q quit" always stay: help lists everything the footer leaves
        // out, and a newcomer must always see the way out.
        let hints = self
            .keys
            .footer_hints(&scopes, |action| self.applies(action));
        let always = |(_, word): &(String, &str)| matches!(*word, "help" | "quit");
        let cost = |(key, word): &(String, &str)| key.chars().count() + word.chars().count() + 3;
        let reserve: usize = hints.iter().filter(|h| always(h)).map(cost).sum();
        // Each hint costs its text and two spaces after it; the last needs none.
        let mut room = (area.width as usize + 1).saturating_sub(reserve);
        let mut spans = vec![Span::raw(" ")];
        for hint in &hints {
            let shown = always(hint) || cost(hint) <= room;
            if shown {
                spans.push(Span::styled(hint.0.clone(), self.theme.key()));
                spans.push(Span::raw(format!(" {}  ", hint.1)));
            }
            if shown && !always(hint) {
                room -= cost(hint);
            }
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    fn render_popup(&self, frame: &mut Frame, area: Rect, popup: &Popup) {
        match popup {
            Popup::Form(form) => form.render(frame, area, &self.theme),
            Popup::Confirm { title, text, .. } => {
                let body: Vec<Line> = text.lines().map(|l| Line::raw(l.to_string())).collect();
                popup::render_box(
                    frame,
                    area,
                    &popup::Boxed {
                        title,
                        body: &body,
                        hints: &self.keys.hint_line(Scope::Confirm),
                        scroll: 0,
                        tone: Tone::Info,
                    },
                    &self.theme,
                    &self.keys,
                );
            }
            Popup::Message {
                title,
                text,
                tone,
                scroll,
            } => {
                let symbol = if *tone == Tone::Error { "✗ " } else { "" };
                let body: Vec<Line> = text
                    .lines()
                    .enumerate()
                    .map(|(i, l)| {
                        Line::raw(if i == 0 {
                            format!("{symbol}{l}")
                        } else {
                            l.to_string()
                        })
                    })
                    .collect();
                popup::render_box(
                    frame,
                    area,
                    &popup::Boxed {
                        title,
                        body: &body,
                        hints: &self.keys.hint_line(Scope::Message),
                        scroll: *scroll,
                        tone: *tone,
                    },
                    &self.theme,
                    &self.keys,
                );
            }
            Popup::Conflicts { cursor } => self.render_conflicts(frame, area, cursor.at()),
            Popup::Unsaved { error } => self.render_unsaved(frame, area, error),
            Popup::Help { scroll } => {
                let mut scopes = self.screen().scopes();
                scopes.push(Scope::Global);
                scopes.extend(FORM_SCOPES);
                help::render(frame, area, &scopes, *scroll, &self.theme, &self.keys);
            }
        }
    }
}

impl App {
    /// The quit prompt: why saving fails, and exactly which edits would be lost.
    fn render_unsaved(&self, frame: &mut Frame, area: Rect, error: &str) {
        let edits = self.session.unsaved_edits();
        let mut body = vec![
            Line::raw(format!(
                "✗ Not saved, only in memory ({}): {error}",
                crate::text::count(edits.len(), "change")
            )),
            Line::raw(""),
        ];
        body.extend(edits.iter().map(|e| Line::raw(format!("  • {e}"))));
        body.push(Line::raw(""));
        body.push(Line::raw(
            "Fix what stops the save (free disk space, close the other careerbook), then retry.",
        ));
        popup::render_box(
            frame,
            area,
            &popup::Boxed {
                title: "Quit with unsaved edits?",
                body: &body,
                hints: &self.keys.hint_line(Scope::Unsaved),
                scroll: 0,
                tone: Tone::Error,
            },
            &self.theme,
            &self.keys,
        );
    }

    /// The conflicts list: each one's subject, then mine and theirs per field.
    fn render_conflicts(&self, frame: &mut Frame, area: Rect, cursor: usize) {
        let wb = self.session.workbook();
        let mut body = vec![Line::raw(
            "Each was changed in two places at once. The value saved first was kept; \
             the other is set aside here until you pick.",
        )];
        for (i, c) in wb.conflicts.iter().enumerate() {
            let marker = if i == cursor { "▶ " } else { "  " };
            let style = if i == cursor {
                self.theme.selected()
            } else {
                self.theme.text()
            };
            body.push(Line::raw(""));
            body.push(Line::styled(
                format!("{marker}{} · {}", c.subject(wb), c.date),
                style,
            ));
            body.extend(c.lines(wb).into_iter().map(|l| {
                Line::raw(format!(
                    "    {}",
                    crate::text::terminal_safe(&l, crate::text::Breaks::Show)
                ))
            }));
        }
        popup::render_box(
            frame,
            area,
            &popup::Boxed {
                title: "Conflicts",
                body: &body,
                hints: &self.keys.hint_line(Scope::Conflicts),
                scroll: 0,
                tone: Tone::Info,
            },
            &self.theme,
            &self.keys,
        );
    }
}

/// What a sync did, on the status line: sent, arrived, set aside; `key`
/// reviews conflicts.
fn synced_status(report: &sync::Report, key: &str) -> Status {
    let mut parts = Vec::new();
    if let Some(sent) = &report.committed {
        parts.push(format!("sent {sent}"));
    }
    if !report.arrived.is_empty() {
        parts.push(format!("arrived {}", report.arrived));
    }
    if parts.is_empty() {
        parts.push("nothing new".into());
    }
    let text = format!("synced: {}", parts.join(" · "));
    match (report.set_aside, report.conflicts) {
        (0, 0) => Status::Info(text),
        (0, n) => Status::Warned(format!(
            "{text} · {} ({key})",
            crate::text::count(n, "conflict")
        )),
        (n, _) => Status::Warned(format!(
            "{text} · {} changed on both machines, set aside ({key} reviews)",
            crate::text::count_of(n, "value", "values")
        )),
    }
}

/// The message shown instead of a broken layout.
fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "terminal too small (needs {MIN_WIDTH}×{MIN_HEIGHT}, is {}×{})",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
