//! Permissions and paths: owner-only files after every kind of write, a data
//! directory behind a symlink, one that does not exist yet, and one that
//! cannot be written.

use crate::common::{press, today};
use crate::support::{add, fresh, open, titles, win};
use careerbook::domain::edit::Edit;
use careerbook::store::{Paths, Session, StoreError, backup};
use careerbook::tui::app::{App, Status};
use careerbook::tui::theme::Theme;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("stat").permissions().mode() & 0o777
}

fn careerbook(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_careerbook"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("CAREERBOOK_DIR")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run careerbook")
}

/// Asserts everything careerbook made in the data directory is owner-only.
/// (The data directory itself keeps the mode it had if the person made it.)
fn assert_owner_only(paths: &Paths) {
    assert_eq!(mode(&paths.backups), 0o700, "{}", paths.backups.display());
    assert_eq!(mode(&paths.workbook), 0o600, "the workbook");
    assert_eq!(mode(&paths.lock), 0o600, "the lock file");
    for b in backup::list(paths).expect("list") {
        assert_eq!(mode(&b.path), 0o600, "{}", b.name);
    }
}

#[test]
fn every_save_and_every_kind_of_backup_is_owner_only() {
    let (_dir, paths) = fresh();
    fs::create_dir_all(&paths.dir).expect("dir");
    // A workbook copied in by hand with loose permissions.
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbook-v1.ron"),
        &paths.workbook,
    )
    .expect("copy the fixture");
    fs::set_permissions(&paths.workbook, fs::Permissions::from_mode(0o644)).expect("loosen");
    let mut session = open(&paths);
    add(
        &mut session,
        "first save of the day: takes the daily backup",
    );
    assert_owner_only(&paths);

    let daily = backup::list(&paths).expect("list")[0].name.clone();
    fs::write(&paths.workbook, b"damaged by hand").expect("damage");
    backup::restore(&paths, &daily).expect("restore keeps the damaged file");
    add(&mut open(&paths), "after restoring");
    backup::restore(&paths, &daily).expect("restore keeps the current file");
    let reasons: Vec<_> = backup::list(&paths)
        .expect("list")
        .into_iter()
        .map(|b| b.reason)
        .collect();
    for reason in [
        backup::Reason::Auto,
        backup::Reason::Damaged,
        backup::Reason::PreRestore,
    ] {
        assert!(reasons.contains(&reason), "{reason:?} in {reasons:?}");
    }
    assert_owner_only(&paths);
}

#[test]
fn a_data_directory_behind_a_symlink_stays_a_symlink() {
    let dir = tempfile::tempdir().expect("temp dir");
    let real = dir.path().join("real");
    let link = dir.path().join("link");
    fs::create_dir(&real).expect("real dir");
    let made_by_hand = mode(&real);
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let paths = Paths::in_dir(&link);
    let mut session = open(&paths);
    add(&mut session, "one");
    add(&mut session, "two");
    let daily = backup::list(&paths).expect("list")[0].name.clone();
    backup::restore(&paths, &daily).expect("restore");

    assert!(
        fs::symlink_metadata(&link)
            .expect("lstat")
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    let inside = real.join("workbook.ron");
    assert!(
        fs::symlink_metadata(&inside)
            .expect("lstat")
            .file_type()
            .is_file(),
        "saves replaced the file inside the real directory"
    );
    assert_eq!(
        mode(&real),
        made_by_hand,
        "the link's target keeps its mode"
    );
    assert_owner_only(&paths);
    add(&mut open(&paths), "three");
    assert_eq!(titles(&open(&Paths::in_dir(&real))), ["three"]);
}

#[test]
fn a_data_directory_that_does_not_exist_is_created_owner_only_with_its_parents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = Paths::in_dir(dir.path().join("a/b/careerbook"));
    add(&mut open(&paths), "first");
    for created in ["a", "a/b", "a/b/careerbook", "a/b/careerbook/backups"] {
        assert_eq!(mode(&dir.path().join(created)), 0o700, "{created}");
    }
    assert_owner_only(&paths);
}

/// A directory that cannot be written for as long as this lives. Root ignores
/// permission bits, so as root (as in CI) the directory is made immutable with
/// `chattr +i`; otherwise it is made read-only.
struct Unwritable {
    dir: PathBuf,
    immutable: bool,
}

impl Unwritable {
    /// `None`, having printed why, when this machine cannot do it.
    fn make(dir: &Path) -> Option<Self> {
        if !rustix::process::geteuid().is_root() {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o500)).expect("chmod");
            return Some(Self {
                dir: dir.to_path_buf(),
                immutable: false,
            });
        }
        match Command::new("chattr").arg("+i").arg(dir).output() {
            Ok(out) if out.status.success() => Some(Self {
                dir: dir.to_path_buf(),
                immutable: true,
            }),
            Ok(out) => {
                println!(
                    "skipped: `chattr +i` failed here ({}), and as root nothing else stops writes",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                None
            }
            Err(e) => {
                println!(
                    "skipped: chattr is not available ({e}), and as root nothing else stops writes"
                );
                None
            }
        }
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.dir).status();
        } else {
            let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700));
        }
    }
}

#[test]
fn an_unwritable_data_directory_is_a_clear_error_and_the_edit_waits_in_memory() {
    if !rustix::process::geteuid().is_root() {
        // careerbook makes its own directory 0700 again, undoing a chmod.
        println!("skipped: needs root for `chattr +i` on the data directory");
        return;
    }
    let (_dir, paths) = fresh();
    add(&mut open(&paths), "saved before");
    let before = fs::read(&paths.workbook).expect("read");
    let mut session = open(&paths);
    let Some(guard) = Unwritable::make(&paths.dir) else {
        return;
    };

    let applied = session
        .apply(Edit::Add(win("pending").into()))
        .expect("valid");
    let err = applied.saved.expect_err("the save fails");
    let text = err.to_string();
    assert!(
        text.contains("workbook.ron") && text.contains("not permitted"),
        "{text}"
    );
    assert_eq!(session.unsaved(), 1);
    assert_eq!(fs::read(&paths.workbook).expect("read"), before);

    // The real binary: restoring a backup into it fails cleanly, changing nothing.
    let name = backup::list(&paths).expect("list")[0].name.clone();
    let out = careerbook(&paths.dir, &["restore", &name]);
    assert_eq!(out.status.code(), Some(1), "a runtime error, not a crash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not permitted"), "{stderr}");
    assert_eq!(fs::read(&paths.workbook).expect("read"), before);

    // In the TUI, Ctrl-S retries and the status line keeps saying why not.
    let mut app = App::new(session, today(), Theme::plain(), None);
    press(&mut app, "C-s");
    match app.status() {
        Status::NotSaved(text) => assert!(text.contains("not permitted"), "{text}"),
        other => panic!("expected NOT SAVED, got {other:?}"),
    }
    drop(guard);
    press(&mut app, "C-s");
    assert!(
        matches!(app.status(), Status::Saved(_)),
        "{:?}",
        app.status()
    );
    assert_eq!(titles(&open(&paths)), ["saved before", "pending"]);
}

#[test]
fn a_data_directory_that_cannot_be_created_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let parent = dir.path().join("locked");
    fs::create_dir(&parent).expect("parent");
    let Some(_guard) = Unwritable::make(&parent) else {
        return;
    };
    let paths = Paths::in_dir(parent.join("careerbook"));

    let err =
        Session::open(paths.clone(), crate::support::tui_options()).expect_err("cannot be created");
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains(&paths.dir.display().to_string()), "{text}");

    // The real binary (the TUI, which would create the workbook) stops with
    // the same message before touching the terminal.
    let out = careerbook(&paths.dir, &[]);
    assert_eq!(out.status.code(), Some(1), "a runtime error, not a crash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&paths.dir.display().to_string()),
        "{stderr}"
    );
}

/// A workbook kept elsewhere (a synced folder, say) and linked into the data
/// directory: saving must update the file the link leads to and keep the link.
#[test]
fn a_workbook_that_is_a_link_stays_a_link_and_its_target_is_saved() {
    let (dir, paths) = fresh();
    let synced = dir.path().join("synced");
    fs::create_dir(&synced).expect("synced dir");
    add(&mut open(&Paths::in_dir(&synced)), "made elsewhere");
    fs::create_dir_all(&paths.dir).expect("data dir");
    std::os::unix::fs::symlink(synced.join("workbook.ron"), &paths.workbook).expect("link");

    let mut session = open(&paths);
    add(&mut session, "one");
    add(&mut session, "two");
    let name = backup::list(&paths).expect("list")[0].name.clone();
    backup::restore(&paths, &name).expect("restore");
    add(&mut open(&paths), "after restore");

    let link = fs::symlink_metadata(&paths.workbook).expect("lstat");
    assert!(link.file_type().is_symlink(), "the link is still a link");
    let target = synced.join("workbook.ron");
    assert_eq!(
        titles(&open(&Paths::in_dir(&synced))),
        ["made elsewhere", "after restore"],
        "saves and the restore went to the file the link leads to"
    );
    assert_eq!(mode(&target), 0o600);
    assert_eq!(crate::support::strays(&paths), Vec::<PathBuf>::new());
}

/// The link's target is on a drive that is not mounted: that is not "no
/// workbook yet", and creating a fresh one would replace the link.
#[test]
fn a_link_to_a_missing_workbook_is_an_error_not_a_new_workbook() {
    let (dir, paths) = fresh();
    fs::create_dir_all(&paths.dir).expect("data dir");
    let gone = dir.path().join("unmounted/workbook.ron");
    std::os::unix::fs::symlink(&gone, &paths.workbook).expect("link");
    let err = Session::open(paths.clone(), crate::support::tui_options()).expect_err("refused");
    let text = err.to_string();
    assert!(
        text.contains("link") && text.contains("workbook.ron"),
        "{text}"
    );
    assert!(
        fs::symlink_metadata(&paths.workbook)
            .expect("lstat")
            .file_type()
            .is_symlink(),
        "the link was left alone"
    );
    assert!(!gone.exists());
}
