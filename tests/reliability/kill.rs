//! Kill during save, and what an interrupted save leaves behind.

use crate::support::{fresh, open};
use careerbook::store::{OpenOptions, Session};

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
