//! The far side of the multi-process tests. `support::spawn_child` starts this
//! test binary again, running only the test below, with the role to play in
//! the environment. In an ordinary `cargo test` run the variables are unset and
//! the test returns at once, so nothing test-only ships in careerbook itself.

use careerbook::domain::edit::Edit;
use careerbook::store::{OpenOptions, Paths, Session};
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub const TEST_NAME: &str = "child::child_process_entry_point";
pub const ROLE: &str = "CAREERBOOK_TEST_CHILD_ROLE";
pub const DIR: &str = "CAREERBOOK_TEST_CHILD_DIR";

/// A child never outlives this, even if the parent died without killing it.
const LIFETIME: Duration = Duration::from_secs(20);

#[test]
fn child_process_entry_point() {
    let (Some(role), Some(dir)) = (std::env::var(ROLE).ok(), std::env::var_os(DIR)) else {
        return; // an ordinary test run: no child role to play
    };
    let paths = Paths::in_dir(PathBuf::from(dir));
    match role.as_str() {
        "save-loop" => save_loop(paths),
        "hold-lock" => hold_lock(paths),
        "add-one" => add_one(paths),
        "append-loop" => append_loop(paths),
        "fold-loop" => fold_loop(paths),
        other => panic!("unknown child role {other:?}"),
    }
}

/// Saves generation after generation of win 1's title, reporting each one
/// after its save returned, until killed.
fn save_loop(paths: Paths) {
    let mut session = Session::open(paths, crate::support::tui_options()).expect("open");
    let mut generation = crate::kill::generation(session.workbook());
    println!("ready");
    let started = Instant::now();
    while started.elapsed() < LIFETIME {
        generation += 1;
        let before = session.workbook().impact.wins[0].clone();
        let mut record = before.clone();
        record.title = format!("generation {generation}");
        let applied = session.apply(Edit::update(before, record)).expect("valid");
        applied.saved.expect("saved");
        println!("saved {generation}");
    }
}

/// Holds the lock the way a writing command does, until killed.
fn hold_lock(paths: Paths) {
    let options = OpenOptions {
        create: true,
        hold_lock: true,
    };
    let _session = Session::open(paths, options).expect("open holding the lock");
    println!("locked");
    std::thread::sleep(LIFETIME);
}

/// Adds one win the way a writing command does (lock held from read to
/// write), named after this process.
fn add_one(paths: Paths) {
    let options = OpenOptions {
        create: true,
        hold_lock: true,
    };
    let mut session = Session::open(paths, options).expect("open");
    crate::support::add(
        &mut session,
        &format!("from process {}", std::process::id()),
    );
    println!("added");
}

/// Logs win after win the way `careerbook log` does (added to the journal
/// without reading the workbook when it can be, else through a command's
/// session), reporting each after it was saved, until killed.
fn append_loop(paths: Paths) {
    println!("ready");
    let started = Instant::now();
    let mut k = 0;
    while started.elapsed() < LIFETIME {
        k += 1;
        crate::journal::log(&paths, &crate::journal::title(std::process::id(), k));
        println!("saved {k}");
    }
}

/// Adds a win with a command's session, then folds the journal into the
/// workbook, over and over, reporting each win after it was saved, until
/// killed: most of the time goes into folding.
fn fold_loop(paths: Paths) {
    println!("ready");
    let started = Instant::now();
    let mut k = 0;
    while started.elapsed() < LIFETIME {
        k += 1;
        let mut session =
            Session::open(paths.clone(), crate::support::command_options()).expect("open");
        crate::support::add(&mut session, &crate::journal::title(std::process::id(), k));
        println!("saved {k}");
        let options = OpenOptions {
            create: false,
            hold_lock: true,
        };
        let mut session = Session::open(paths.clone(), options).expect("open");
        session.compact().expect("folded");
    }
}
