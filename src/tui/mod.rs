//! The full-screen interface: terminal set-up and restore, and the event loop.
//!
//! The loop is event-driven: it blocks until a key, a paste, a resize, a
//! signal, or the date changing at midnight, and draws only after something
//! happened. Pasted text arrives whole (bracketed paste) and goes to the form
//! or filter being typed, never read as keys. A note can be edited in the
//! user's editor: the terminal is handed over and taken back.

pub mod app;
pub mod config;
mod editor;
pub mod keymap;
pub mod screen;
pub mod screens;
pub mod tab;
pub mod theme;
pub mod widgets;

use crate::domain::dates;
use crate::store::lock::{Waiter, Waiting};
use crate::store::{OpenOptions, Paths, Session, StoreError, backup};
use app::App;
use chrono::{Local, NaiveDate};
use crossterm::event::{
    self, DisableBracketedPaste, DisableFocusChange, EnableBracketedPaste, EnableFocusChange, Event,
};
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use keymap::{Action, Keymap, Scope};
use ratatui::DefaultTerminal;
use ratatui::text::Line;
use rustix::event::{PollFd, PollFlags};
use rustix::io::Errno;
use signal_hook::consts::{SIGHUP, SIGTERM};
use std::cell::Cell;
use std::io::{IsTerminal, stdout};
use std::os::fd::AsFd;
use std::panic::{self, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;
use theme::Theme;
use widgets::popup::{self, Tone};

/// What wakes the loop.
enum Msg {
    Term(Event),
    /// Reading the terminal failed (it went away): stop rather than spin.
    InputLost,
    Signal,
}

/// The terminal in raw mode on the alternate screen, with the threads that feed it.
struct Term {
    terminal: DefaultTerminal,
    /// Shared with the lock waiter, which reads keys (Esc) while a save waits.
    events: Rc<Receiver<Msg>>,
    /// Puts back what the waiter read but did not use, in order.
    requeue: Sender<Msg>,
    /// Set when the waiter wrote to the screen behind ratatui's back, so the
    /// next frame is drawn whole.
    scribbled: Rc<Cell<bool>>,
    /// Stops the input thread reading while an editor owns the terminal.
    pause: Sender<Pause>,
}

/// Asks the input thread to stop reading: it says so on `stopped`, then waits
/// until `resume` is dropped.
struct Pause {
    stopped: Sender<()>,
    resume: Receiver<()>,
}

/// How often the input thread looks for a pause request between keys. A
/// blocking read could not be interrupted, and would take keys meant for the
/// editor; four wake-ups a second cost nothing measurable.
const INPUT_POLL: Duration = Duration::from_millis(250);

/// The modes careerbook adds to ratatui's raw mode and alternate screen:
/// focus reports (to pick up changes another process saved while we were
/// away) and bracketed paste (pasted text arrives whole, never as keys).
fn enable_modes() {
    let _ = crossterm::execute!(stdout(), EnableFocusChange, EnableBracketedPaste);
}

/// Turns the modes of [`enable_modes`] off again; on every way out, a panic
/// included, so the shell afterwards gets plain keys and pastes.
fn disable_modes() {
    let _ = crossterm::execute!(stdout(), DisableBracketedPaste, DisableFocusChange);
}

impl Term {
    fn start(paths: &Paths) -> Result<Self, String> {
        let terminal =
            ratatui::try_init().map_err(|e| format!("cannot start the terminal interface: {e}"))?;
        install_recovery_note(paths);
        enable_modes();
        let (tx, events) = mpsc::channel();
        let (pause, paused) = mpsc::channel();
        if let Err(err) = listen(tx.clone(), paused) {
            // The shell gets its terminal back as it was.
            disable_modes();
            ratatui::restore();
            return Err(err);
        }
        Ok(Self {
            terminal,
            events: Rc::new(events),
            requeue: tx,
            scribbled: Rc::new(Cell::new(false)),
            pause,
        })
    }

    fn draw(&mut self, render: impl FnOnce(&mut ratatui::Frame)) -> bool {
        // Not `Terminal::clear`: it asks the terminal where the cursor is,
        // and the answer goes to the input thread instead. Resizing to the
        // same size clears the screen and forgets the last frame, no question asked.
        if self.scribbled.replace(false) {
            let redrawn = self.terminal.size().and_then(|size| {
                self.terminal
                    .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
            });
            if redrawn.is_err() {
                return false;
            }
        }
        self.terminal.draw(render).is_ok()
    }

    /// Hands the terminal to the user's editor to edit `text`, then takes it
    /// back (raw mode, the alternate screen, our modes, a full redraw).
    fn edit_externally(&mut self, text: &str) -> Result<String, String> {
        let (stopped, has_stopped) = mpsc::channel();
        let (resume, wait) = mpsc::channel::<()>();
        let request = Pause {
            stopped,
            resume: wait,
        };
        if self.pause.send(request).is_err() || has_stopped.recv().is_err() {
            return Err("the terminal's input is gone".into());
        }
        disable_modes();
        ratatui::restore();
        let edited = editor::edit(text);
        let back =
            enable_raw_mode().and_then(|()| crossterm::execute!(stdout(), EnterAlternateScreen));
        enable_modes();
        // The editor drew over the screen: the next frame is drawn whole.
        self.scribbled.set(true);
        drop(resume);
        back.map_err(|e| format!("cannot take the terminal back: {e}"))?;
        edited
    }

    /// Tells the person, on the status line, that a save waits for another
    /// careerbook's lock and whose; Esc stops waiting. Keys typed meanwhile
    /// are kept for afterwards, and a signal or hang-up stops the wait.
    fn lock_waiter(&self, keys: Keymap) -> Box<Waiter> {
        let events = Rc::clone(&self.events);
        let requeue = self.requeue.clone();
        let scribbled = Rc::clone(&self.scribbled);
        Box::new(move |waiting: &Waiting| {
            scribbled.set(true);
            show_waiting(waiting, &keys);
            let mut kept = Vec::new();
            let mut go_on = true;
            while let Ok(msg) = events.recv_timeout(Duration::from_millis(90)) {
                match msg {
                    Msg::Term(Event::Key(key))
                        if key.kind == event::KeyEventKind::Press
                            && keys.resolve(&[Scope::Waiting], &key) == Some(Action::Cancel) =>
                    {
                        go_on = false;
                        break;
                    }
                    msg @ (Msg::Signal | Msg::InputLost) => {
                        kept.push(msg);
                        go_on = false;
                        break;
                    }
                    msg => kept.push(msg),
                }
            }
            for msg in kept {
                let _ = requeue.send(msg);
            }
            go_on
        })
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        disable_modes();
        ratatui::restore();
    }
}

/// Starts the threads that feed the loop: keys, a hang-up, SIGTERM and SIGHUP.
fn listen(tx: Sender<Msg>, paused: Receiver<Pause>) -> Result<(), String> {
    read_input(tx.clone(), paused)?;
    watch_for_hangup(tx.clone())?;
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])
        .map_err(|e| format!("cannot watch for signals: {e}"))?;
    background(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Msg::Signal);
        }
    })
}

/// Reads terminal events on a thread of its own and sends them to the loop;
/// between events it honours a [`Pause`].
fn read_input(tx: Sender<Msg>, pauses: Receiver<Pause>) -> Result<(), String> {
    background(move || {
        loop {
            if let Ok(pause) = pauses.try_recv() {
                let _ = pause.stopped.send(());
                // Returns once the loop drops its end: the editor is done.
                let _ = pause.resume.recv();
                continue;
            }
            let event = match event::poll(INPUT_POLL) {
                Ok(false) => continue,
                Ok(true) => event::read(),
                Err(err) => Err(err),
            };
            let msg = match event {
                Ok(ev) => Msg::Term(ev),
                Err(_) => Msg::InputLost,
            };
            let lost = matches!(msg, Msg::InputLost);
            if tx.send(msg).is_err() || lost {
                break;
            }
        }
    })
}

/// Writes the wait on the status line (the second row from the bottom)
/// straight to the terminal: the app is busy saving and cannot draw.
fn show_waiting(waiting: &Waiting, keys: &Keymap) {
    use crossterm::{cursor::MoveTo, style::Print, terminal};
    let Ok((cols, rows)) = terminal::size() else {
        return;
    };
    let holder = waiting.holder.as_deref().unwrap_or("another careerbook");
    let text = format!(
        " ⧗ waiting for {holder} to finish saving ({} s of {}) · {}; your edit stays",
        waiting.waited.as_secs(),
        waiting.limit.as_secs(),
        keys.hint(Scope::Waiting, Action::Cancel, "stops waiting")
    );
    let line = crate::text::fit(&text, cols as usize);
    let line = if keys.ascii() {
        theme::to_ascii(&line)
    } else {
        line
    };
    let _ = crossterm::execute!(
        stdout(),
        MoveTo(0, rows.saturating_sub(2)),
        terminal::Clear(terminal::ClearType::CurrentLine),
        Print(line)
    );
}

/// Reports `InputLost` when the terminal hangs up (its window closed, its ssh
/// connection dropped) without a SIGHUP reaching us. crossterm cannot report
/// it: reading a hung-up terminal returns nothing, forever, so its reader
/// thread spins at full CPU. Polling for no events at all sleeps until the
/// hang-up and costs nothing meanwhile.
fn watch_for_hangup(tx: Sender<Msg>) -> Result<(), String> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Ok(());
    }
    background(move || {
        let fd = stdin.as_fd();
        let mut fds = [PollFd::new(&fd, PollFlags::empty())];
        loop {
            match rustix::event::poll(&mut fds, None) {
                Ok(_) if !fds[0].revents().is_empty() => {
                    let _ = tx.send(Msg::InputLost);
                    return;
                }
                Ok(_) | Err(Errno::INTR) => {}
                Err(_) => return,
            }
        }
    })
}

/// Runs `work` on a thread of its own; where none can be started (a limit
/// on tasks, in a container say) the screen is not opened, and that is said.
fn background(work: impl FnOnce() + Send + 'static) -> Result<(), String> {
    std::thread::Builder::new()
        .spawn(work)
        .map(drop)
        .map_err(|e| {
            format!("cannot start the full-screen workbook: no thread could be started ({e})")
        })
}

/// Opens the workbook at `paths` in the TUI. `banner` marks demo mode.
pub fn run(paths: Paths, banner: Option<String>) -> Result<(), String> {
    // A settings file with a mistake is not used at all (half of a person's
    // keys would surprise more than none): careerbook starts with the
    // defaults and says why, so the workbook is never out of reach.
    let (settings, unusable) = match config::load() {
        Ok(settings) => (settings, None),
        Err(err) => (config::Settings::default(), Some(err)),
    };
    let theme = settings.theme;
    let keys = settings.keys;
    let mut term = None;
    let session = loop {
        let err = match Session::open(
            paths.clone(),
            OpenOptions {
                create: true,
                hold_lock: false,
            },
        ) {
            Ok(session) => break session,
            Err(err) => err,
        };
        // A file that cannot be read, or is too large to, offers its newest good backup.
        let offered = match &err {
            StoreError::Damaged {
                backup: Some(path), ..
            }
            | StoreError::TooLarge {
                backup: Some(path), ..
            } => path.file_name().map(|n| n.to_string_lossy().into_owned()),
            _ => None,
        };
        let Some(name) = offered else {
            return Err(err.to_string());
        };
        let t = match term.as_mut() {
            Some(t) => t,
            // Without a terminal to ask in, the damage report itself (which
            // names the backup and `careerbook restore`) is what matters.
            None => term.insert(Term::start(&paths).map_err(|_| err.to_string())?),
        };
        if !damaged_prompt(t, &err, &theme, &keys) {
            drop(term);
            return Err(err.to_string());
        }
        if let Err(msg) = backup::restore(&paths, &name).map(drop) {
            drop(term);
            return Err(msg);
        }
    };
    let mut term = match term {
        Some(term) => term,
        None => Term::start(&paths)?,
    };
    let mut session = session;
    session.set_waiter(term.lock_waiter(keys.clone()));
    let mut app = App::new(session, dates::today(), theme, banner).with_keymap(keys);
    if let Some(err) = unusable {
        app = app.with_message(
            "Settings not used",
            format!(
                "{err}\n\ncareerbook started with the default keys and colours. Fix the file, \
                 then `careerbook config check` checks it."
            ),
        );
    }
    // A bug that panics inside a screen must not take unsaved edits with it:
    // the panic hook has restored the terminal and written its note; the edits
    // are then saved (or kept as a backup) as on any other exit.
    let crashed =
        panic::catch_unwind(AssertUnwindSafe(|| event_loop(&mut term, &mut app))).is_err();
    // The terminal is handed back now: a wait at exit must not draw on it.
    app.stop_showing_waits();
    drop(term);
    let saved = app.save_before_exit();
    if saved.is_ok()
        && let Some(note) = app.fold_journal()
    {
        crate::cli::warn(&note);
    }
    if crashed {
        return Err(match saved {
            Ok(()) => {
                "careerbook stopped because of a bug (see the note above); your edits are saved"
                    .into()
            }
            Err(kept) => {
                format!("careerbook stopped because of a bug (see the note above); {kept}")
            }
        });
    }
    saved
}

fn event_loop(term: &mut Term, app: &mut App) {
    let mut dirty = true;
    while !app.should_quit() {
        let draw = |frame: &mut ratatui::Frame| {
            panic_if_asked();
            app.render(frame);
        };
        if dirty && !term.draw(draw) {
            return;
        }
        // A sync runs once "syncing…" is on the screen.
        if app.sync_if_requested() {
            continue;
        }
        dirty = true;
        match term.events.recv_timeout(until_midnight()) {
            Ok(Msg::Term(Event::Key(key))) => {
                app.reload_if_changed();
                app.on_key(key);
            }
            Ok(Msg::Term(Event::Paste(text))) => {
                app.reload_if_changed();
                app.on_paste(&text);
            }
            Ok(Msg::Term(Event::FocusGained)) => app.reload_if_changed(),
            Ok(Msg::Term(Event::Resize(..))) => {}
            Ok(Msg::Term(_)) => dirty = false,
            Ok(Msg::InputLost | Msg::Signal) | Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => app.set_today(dates::today()),
        }
        if let Some(text) = app.take_editor_request() {
            let edited = term.edit_externally(&text);
            app.editor_returned(edited);
        }
    }
}

/// How long until the date changes; forever (a day, re-armed) when it is pinned.
fn until_midnight() -> Duration {
    if matches!(dates::today_override(), Ok(Some(_))) {
        return Duration::from_secs(86_400);
    }
    let now = Local::now().naive_local();
    let tomorrow = now
        .date()
        .succ_opt()
        .unwrap_or(NaiveDate::MAX)
        .and_hms_opt(0, 0, 1);
    tomorrow
        .and_then(|t| (t - now).to_std().ok())
        .unwrap_or(Duration::from_secs(60))
}

/// Shows why the workbook cannot be read; `true` if the user chose to restore the backup.
fn damaged_prompt(term: &mut Term, err: &StoreError, theme: &Theme, keys: &Keymap) -> bool {
    let text = err.to_string();
    let hints: Vec<String> = keys
        .footer_hints(&[Scope::Damaged], |_| true)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    let hints = hints.join(" · ");
    loop {
        let body = [Line::raw(format!("✗ {text}"))];
        if !term.draw(|frame| {
            let area = frame.area();
            popup::render_box(
                frame,
                area,
                &popup::Boxed {
                    title: "The workbook cannot be read",
                    body: &body,
                    hints: &hints,
                    scroll: 0,
                    tone: Tone::Error,
                },
                theme,
                keys,
            );
            theme.finish(frame.buffer_mut(), area);
        }) {
            return false;
        }
        match term.events.recv() {
            Ok(Msg::Term(Event::Key(key))) => {
                match keys.resolve(&[Scope::Damaged, Scope::Global], &key) {
                    Some(Action::RestoreBackup) => return true,
                    Some(Action::Quit | Action::ForceQuit) => return false,
                    _ => {}
                }
            }
            Ok(Msg::Term(_)) => {}
            _ => return false,
        }
    }
}

/// After a panic the terminal is restored (by ratatui's hook) and a note says
/// where the data is, on stderr and in a file beside the workbook.
fn install_recovery_note(paths: &Paths) {
    let previous = std::panic::take_hook();
    let paths = paths.clone();
    std::panic::set_hook(Box::new(move |info| {
        disable_modes();
        previous(info);
        let note = recovery_note(&paths, &info.to_string());
        eprintln!("\n{note}");
        let _ = crate::store::crash_note::write(&paths, &note);
    }));
}

/// What someone needs after a crash: that their data is safe, and where it is.
fn recovery_note(paths: &Paths, cause: &str) -> String {
    format!(
        "careerbook stopped because of a bug: {cause}\n\n\
         Your workbook is safe as of your last saved edit: {}\n\
         Daily and pre-restore backups are in {} (`careerbook restore` lists them).\n\
         Please report this, with what you were doing.\n",
        paths.workbook.display(),
        paths.backups.display()
    )
}

/// Debug builds only: with `CAREERBOOK_DEBUG_PANIC` set, drawing panics, so a
/// test can check in a real terminal that a bug hands the terminal back and
/// leaves a recovery note. Release builds contain no such switch.
#[cfg(debug_assertions)]
fn panic_if_asked() {
    if std::env::var_os("CAREERBOOK_DEBUG_PANIC").is_some() {
        panic!("CAREERBOOK_DEBUG_PANIC is set");
    }
}

#[cfg(not(debug_assertions))]
fn panic_if_asked() {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_recovery_note_names_the_workbook_and_backups_and_is_owner_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths::in_dir(dir.path());
        let note = recovery_note(&paths, "panicked at src/tui/app.rs:1:1: oops");
        let path = crate::store::crash_note::write(&paths, &note).expect("written");
        let written = std::fs::read_to_string(&path).expect("read");
        assert!(written.contains("oops"), "{written}");
        assert!(written.contains(&paths.workbook.display().to_string()));
        assert!(written.contains(&paths.backups.display().to_string()));
        assert!(written.contains("careerbook restore"));
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(path.starts_with(&paths.dir));
    }
}
