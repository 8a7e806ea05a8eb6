//! Helpers for the store's tests: a fresh data directory, sessions opened as
//! the full-screen workbook and as a command open them, and a win to add.

use careerbook::domain::edit::Edit;
use careerbook::domain::impact::{Category, Win};
use careerbook::store::{OpenOptions, Paths, Session};
use chrono::NaiveDate;

/// How the full-screen workbook opens: it takes the lock only to save.
pub const TUI: OpenOptions = OpenOptions {
    create: true,
    hold_lock: false,
};

/// How a command that edits opens: the lock held from reading to saving.
pub const COMMAND: OpenOptions = OpenOptions {
    create: true,
    hold_lock: true,
};

/// An empty temporary directory and the data directory inside it.
pub fn fresh() -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = Paths::in_dir(dir.path().join("data"));
    (dir, paths)
}

/// A win to add (its id is handed out when it is).
pub fn win(title: &str) -> Win {
    Win {
        id: 0,
        date: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
        title: title.into(),
        category: Category::CostSavings,
        metric: None,
        notes: None,
        tags: vec!["infra".into()],
        link: None,
    }
}

pub fn tui_like(paths: &Paths) -> Session {
    Session::open(paths.clone(), TUI).expect("open")
}

pub fn command(paths: &Paths) -> Session {
    Session::open(paths.clone(), COMMAND).expect("open")
}

/// The wins' titles, in the workbook's order.
pub fn titles(session: &Session) -> Vec<String> {
    session
        .workbook()
        .impact
        .wins
        .iter()
        .map(|w| w.title.clone())
        .collect()
}

/// The wins' titles, sorted: for merges, which may append in either order.
pub fn sorted_titles(session: &Session) -> Vec<String> {
    let mut titles = titles(session);
    titles.sort();
    titles
}

/// Adds a win titled `title` and checks that it was saved.
pub fn add(session: &mut Session, title: &str) {
    let applied = session
        .apply(Edit::Add(win(title).into()))
        .expect("valid edit");
    applied.saved.expect("saved");
}
