//! Kill during save: a child process saves generation after generation and is
//! killed with SIGKILL at random moments. Every time, the workbook must be a
//! whole file holding the last generation the child finished or the one it was
//! saving, and the next start must sweep whatever the killed save left.

use crate::support::{fresh, kill_at_random, open, strays, win};
use careerbook::domain::edit::Edit;
use careerbook::domain::workbook::Workbook;
use careerbook::store::{OpenOptions, Paths, Session, backup, file};
use std::time::{Duration, Instant};

const KILLS: usize = 200;

/// The generation a workbook holds: win 1 is titled "generation N".
pub fn generation(workbook: &Workbook) -> u64 {
    let title = &workbook.impact.wins[0].title;
    title
        .strip_prefix("generation ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a generation: {title:?}"))
}

/// Reads the workbook strictly, as careerbook would at start.
fn generation_on_disk(paths: &Paths) -> u64 {
    let bytes = std::fs::read(&paths.workbook).expect("the workbook exists");
    match file::parse(&paths.workbook, &bytes, &[]) {
        Ok(file::Parsed::Current(workbook)) => generation(&workbook),
        other => panic!("the workbook must parse after a kill: {other:?}"),
    }
}

/// Removes today's automatic backup, so the next save writes one again and a
/// kill can land in the middle of it too.
fn forget_todays_backup(paths: &Paths) {
    for b in backup::list(paths).expect("list backups") {
        std::fs::remove_file(b.path).expect("remove backup");
    }
}

#[test]
fn sigkill_at_random_moments_leaves_the_last_or_the_previous_generation() {
    let (_dir, paths) = fresh();
    let mut record = win("generation 0");
    // A few kilobytes, so writing the file takes long enough to be interrupted.
    record.notes = Some("measured ".repeat(500));
    open(&paths)
        .apply(Edit::Add(record.into()))
        .expect("valid")
        .saved
        .expect("saved");

    let mut rng = fastrand::Rng::new();
    println!("random seed {}", rng.get_seed());
    let started = Instant::now();
    let (mut mid_save, mut leftovers) = (0, 0);
    for kill in 0..KILLS {
        forget_todays_backup(&paths);
        let before = generation_on_disk(&paths);
        let (_, saved) = kill_at_random(
            "save-loop",
            &paths.dir,
            &mut rng,
            Duration::from_micros(4_000),
        );
        let finished = saved.unwrap_or(before);
        let on_disk = generation_on_disk(&paths);
        assert!(
            on_disk == finished || on_disk == finished + 1,
            "kill {kill}: the file holds generation {on_disk}, the child had finished {finished}"
        );
        mid_save += usize::from(on_disk == finished + 1);
        if !strays(&paths).is_empty() {
            leftovers += 1;
            // Even a reading command sweeps them first, under the lock.
            let reopened = Session::open(paths.clone(), OpenOptions::default()).expect("open");
            assert!(reopened.notes.iter().any(|n| n.contains("temporary")));
        }
        assert_eq!(
            strays(&paths),
            Vec::<std::path::PathBuf>::new(),
            "kill {kill}: the next start leaves no temp file"
        );
        assert_eq!(
            generation_on_disk(&paths),
            on_disk,
            "opening changed nothing"
        );
    }
    println!(
        "{KILLS} kills in {:.1?}: {mid_save} landed after a rename but before the report, \
         {leftovers} left a temp file that the next start swept",
        started.elapsed()
    );
}

#[test]
fn a_temp_file_left_in_backups_is_swept_at_the_next_start() {
    let (_dir, paths) = fresh();
    open(&paths);
    let stale = paths.backups.join(".workbook.ron.tmp.4242.1");
    std::fs::write(&stale, b"half a backup").expect("seed");
    let session = Session::open(paths.clone(), OpenOptions::default()).expect("open");
    assert!(!stale.exists(), "swept even by a reading command");
    assert!(session.notes.iter().any(|n| n.contains("temporary")));
}
