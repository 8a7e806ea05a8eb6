//! Two writers on the same record: every field either one changed is kept,
//! and a field both changed differently is stored as a conflict to pick,
//! never dropped in silence. Each test opens two sessions on one file, the
//! way a TUI and a second TUI (or a command) share it.

use careerbook::domain::conflict::{self, Pick, Target};
use careerbook::domain::edit::{Edit, Item, Kind, Section};
use careerbook::domain::impact::Metric;
use careerbook::domain::pipeline::{Contact, Relationship, Stage};
use careerbook::domain::runway::{NewJob, Severance};
use careerbook::domain::workbook::Workbook;
use careerbook::store::{OpenOptions, Paths, Saved, Session, demo, file};
use chrono::NaiveDate;
use rust_decimal_macros::dec;
use std::fs;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn open(paths: &Paths) -> Session {
    Session::open(
        paths.clone(),
        OpenOptions {
            create: true,
            hold_lock: false,
        },
    )
    .expect("open")
}

/// Two windows on a copy of the demo workbook.
fn two_windows() -> (tempfile::TempDir, Paths, Session, Session) {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = Paths::in_dir(dir.path().join("data"));
    fs::create_dir_all(&paths.dir).expect("dir");
    fs::write(&paths.workbook, demo::DEMO_RON).expect("seed");
    let a = open(&paths);
    let b = open(&paths);
    (dir, paths, a, b)
}

fn save(session: &mut Session, edit: Edit) -> Saved {
    session.apply(edit).expect("valid").saved.expect("saved")
}

/// What the file holds now, read the way a fresh start reads it.
fn on_disk(paths: &Paths) -> Workbook {
    open(paths).workbook().clone()
}

fn metric(text: &str) -> Option<Metric> {
    Some(Metric::parse(text).expect("metric"))
}

#[test]
fn two_windows_editing_different_fields_of_a_win_keep_both() {
    let (_dir, paths, mut a, mut b) = two_windows();
    let base = a.workbook().impact.wins[0].clone();
    // Window B adds a metric; window A, which loaded before, retitles.
    let theirs = changed(&base, |w| w.metric = metric("$12k/yr"));
    save(&mut b, Edit::update(base.clone(), theirs));
    let ours = changed(&base, |w| w.title = "Retitled in window A".into());
    let saved = save(&mut a, Edit::update(base, ours));
    assert!(saved.merged);
    assert!(saved.outcome.conflicts.is_empty());
    let win = &on_disk(&paths).impact.wins[0];
    assert_eq!(win.title, "Retitled in window A");
    assert_eq!(
        win.metric,
        metric("$12k/yr"),
        "window B's metric is not erased"
    );
}

/// A copy of `base` with one change, so each test says which field it changes.
fn changed<T: Clone>(base: &T, change: impl FnOnce(&mut T)) -> T {
    let mut copy = base.clone();
    change(&mut copy);
    copy
}

#[test]
fn two_windows_editing_the_same_field_keep_the_first_saved_and_set_the_other_aside() {
    let (_dir, paths, mut a, mut b) = two_windows();
    let base = a.workbook().impact.wins[0].clone();
    save(
        &mut b,
        Edit::update(
            base.clone(),
            changed(&base, |w| w.title = "B's title".into()),
        ),
    );
    let saved = save(
        &mut a,
        Edit::update(
            base.clone(),
            changed(&base, |w| w.title = "A's title".into()),
        ),
    );
    assert_eq!(saved.outcome.conflicts.len(), 1, "the status line is told");
    let file = on_disk(&paths);
    assert_eq!(
        file.impact.wins[0].title, "B's title",
        "the value saved first stays in the file"
    );
    let stored = &file.conflicts[0];
    assert_eq!(stored.about, Target::Record(Kind::Win, base.id));
    assert_eq!(
        stored.lines(&file),
        ["title: kept “B's title” · set aside “A's title”"]
    );
    // Using the set-aside value, from a third window, puts A's title in place.
    let mut c = open(&paths);
    let pick = conflict::resolve(c.workbook(), stored.id, Pick::SetAside).expect("resolves");
    save(&mut c, pick);
    let file = on_disk(&paths);
    assert_eq!(file.impact.wins[0].title, "A's title");
    assert!(file.conflicts.is_empty());
}

#[test]
fn an_edit_form_saving_a_role_keeps_a_stage_another_writer_moved() {
    let (_dir, paths, mut tui, mut cli) = two_windows();
    let opened = tui.workbook().pipeline.applications[0].clone();
    assert_ne!(
        opened.stage,
        Stage::Interviewing,
        "the demo's first card moves"
    );
    // `careerbook apps move ID interviewing` runs while the form is open.
    let move_edit = careerbook::domain::pipeline::move_application(
        &cli.workbook().pipeline,
        opened.id,
        Stage::Interviewing,
        d(2026, 11, 30),
    )
    .expect("valid")
    .expect("a move");
    save(&mut cli, move_edit);
    let retitled = changed(&opened, |a| {
        a.role = "Principal Architect (platform)".into()
    });
    save(&mut tui, Edit::update(opened.clone(), retitled));
    let app = on_disk(&paths)
        .pipeline
        .applications
        .into_iter()
        .find(|a| a.id == opened.id)
        .expect("still there");
    assert_eq!(app.role, "Principal Architect (platform)");
    assert_eq!(app.stage, Stage::Interviewing, "the stage is not put back");
    assert_eq!(
        app.history.last().map(|h| h.stage),
        Some(Stage::Interviewing),
        "no step back to the old stage in the history"
    );
    assert_eq!(app.history.len(), opened.history.len() + 1);
}

#[test]
fn grants_contacts_and_runway_values_merge_field_by_field() {
    let (_dir, paths, mut a, mut b) = two_windows();
    // A grant: B corrects the share count, A renames it.
    let grant = a.workbook().vesting.grants[0].clone();
    save(
        &mut b,
        Edit::update(grant.clone(), changed(&grant, |g| g.shares += dec!(10))),
    );
    save(
        &mut a,
        Edit::update(
            grant.clone(),
            changed(&grant, |g| g.name = "Renamed".into()),
        ),
    );
    // A contact: B links a company, A changes the relationship.
    let contact: Contact = a.workbook().pipeline.contacts[0].clone();
    save(
        &mut b,
        Edit::update(
            contact.clone(),
            changed(&contact, |c| c.company = Some("Fabrikam".into())),
        ),
    );
    save(
        &mut a,
        Edit::update(
            contact.clone(),
            changed(&contact, |c| c.relationship = Relationship::Recruiter),
        ),
    );
    // The severance estimate: both edit different fields of one single value.
    let severance = a
        .workbook()
        .runway
        .severance
        .clone()
        .expect("demo severance");
    let Severance::Estimated {
        annual_base,
        pay_date,
        ..
    } = severance.clone()
    else {
        panic!("the demo's severance is an estimate: {severance:?}")
    };
    let raised = changed(&severance, |s| {
        if let Severance::Estimated { annual_base, .. } = s {
            *annual_base += dec!(2000);
        }
    });
    let paid_later = changed(&severance, |s| {
        if let Severance::Estimated { pay_date, .. } = s {
            *pay_date = pay_date.succ_opt().expect("date");
        }
    });
    let opened = Section::Severance(Some(severance.clone()));
    save(
        &mut b,
        Edit::set(opened.clone(), Section::Severance(Some(raised))),
    );
    save(
        &mut a,
        Edit::set(opened, Section::Severance(Some(paid_later))),
    );
    let file = on_disk(&paths);
    let g = &file.vesting.grants[0];
    assert_eq!(
        (g.name.as_str(), g.shares),
        ("Renamed", grant.shares + dec!(10))
    );
    let c = &file.pipeline.contacts[0];
    assert_eq!(c.company.as_deref(), Some("Fabrikam"));
    assert_eq!(c.relationship, Relationship::Recruiter);
    let Some(Severance::Estimated {
        annual_base: base_now,
        pay_date: paid_now,
        ..
    }) = file.runway.severance
    else {
        panic!("still an estimate")
    };
    assert_eq!(base_now, annual_base + dec!(2000), "B's raise is kept");
    assert_eq!(
        paid_now,
        pay_date.succ_opt().expect("date"),
        "A's date is kept"
    );
    assert!(file.conflicts.is_empty(), "{:?}", file.conflicts);
}

#[test]
fn a_field_of_a_single_value_both_changed_is_a_conflict_of_that_part() {
    let (_dir, paths, mut a, mut b) = two_windows();
    // The demo's new job starts 2027-06-01; both windows move the start.
    let job = a.workbook().runway.new_job.clone().expect("demo new job");
    let before = Section::NewJob(Some(job.clone()));
    let theirs = NewJob {
        start: d(2027, 3, 1),
        ..job.clone()
    };
    save(
        &mut b,
        Edit::set(before.clone(), Section::NewJob(Some(theirs))),
    );
    let ours = NewJob {
        start: d(2027, 4, 1),
        ..job
    };
    let saved = save(&mut a, Edit::set(before, Section::NewJob(Some(ours))));
    let file = on_disk(&paths);
    assert_eq!(saved.outcome.conflicts.len(), 1);
    assert!(matches!(file.conflicts[0].about, Target::Section(_)));
    assert_eq!(file.conflicts[0].fields[0].field, "start");
    assert_eq!(file.runway.new_job.map(|j| j.start), Some(d(2027, 3, 1)));
}

#[test]
fn undo_after_another_writer_changed_the_record_reverts_only_our_fields() {
    let (_dir, paths, mut a, mut b) = two_windows();
    let base = a.workbook().impact.wins[0].clone();
    let retitled = changed(&base, |w| w.title = "Retitled".into());
    save(&mut a, Edit::update(base.clone(), retitled.clone()));
    // B, which reloads, adds a metric to the retitled win.
    b.refresh().expect("refresh");
    let now = b.workbook().impact.wins[0].clone();
    save(
        &mut b,
        Edit::update(now.clone(), changed(&now, |w| w.metric = metric("$99k/yr"))),
    );
    let applied = a.undo().expect("something to undo").expect("applies");
    applied.saved.expect("saved");
    let win = &on_disk(&paths).impact.wins[0];
    assert_eq!(win.title, base.title, "our title change is undone");
    assert_eq!(
        win.metric,
        metric("$99k/yr"),
        "their metric survives our undo"
    );
}

#[test]
fn undo_says_what_it_could_not_undo() {
    let (_dir, paths, mut a, mut b) = two_windows();
    let base = a.workbook().impact.wins[0].clone();
    save(
        &mut a,
        Edit::update(base.clone(), changed(&base, |w| w.title = "A".into())),
    );
    b.refresh().expect("refresh");
    let now = b.workbook().impact.wins[0].clone();
    save(
        &mut b,
        Edit::update(now.clone(), changed(&now, |w| w.title = "B".into())),
    );
    let applied = a.undo().expect("something to undo").expect("applies");
    let saved = applied.saved.expect("saved");
    assert_eq!(saved.outcome.kept.len(), 1, "{saved:?}");
    assert!(
        saved.outcome.kept[0].ends_with(": title not undone: changed elsewhere meanwhile"),
        "{saved:?}"
    );
    assert_eq!(
        on_disk(&paths).impact.wins[0].title,
        "B",
        "B's title is not undone"
    );
}

#[test]
fn every_kind_of_record_merges_through_json_unchanged() {
    // The merge compares records as JSON: each must come back exactly. The
    // current fixture holds every kind of record with every field filled.
    let text = include_str!("fixtures/workbook-v2.ron");
    let Ok(file::Parsed::Current(wb)) =
        file::parse(std::path::Path::new("fixture"), text.as_bytes(), &[])
    else {
        panic!("the fixture parses")
    };
    for &kind in Kind::ALL {
        assert!(!kind.ids(&wb).is_empty(), "the fixture has a {kind:?}");
        for id in kind.ids(&wb) {
            let item = kind.find(&wb, id).expect("found");
            let back = Item::from_value(kind, item.to_value().expect("to json")).expect("back");
            assert_eq!(back, item, "{kind:?} {id}");
        }
    }
}

#[test]
fn undo_of_an_add_leaves_the_record_when_another_window_changed_it() {
    let (_dir, paths, mut a, mut b) = two_windows();
    let mut add = careerbook::domain::impact::Win {
        title: "Added by A".into(),
        ..a.workbook().impact.wins[0].clone()
    };
    add.id = 0;
    let added = a.apply(Edit::Add(add.into())).expect("valid");
    added.saved.expect("saved");
    let id = added.added[0].1;
    b.refresh().expect("refresh");
    let theirs = b
        .workbook()
        .impact
        .wins
        .iter()
        .find(|w| w.id == id)
        .cloned()
        .expect("B sees it");
    save(
        &mut b,
        Edit::update(
            theirs.clone(),
            changed(&theirs, |w| w.title = "B's title".into()),
        ),
    );
    let undone = a.undo().expect("something to undo").expect("applies");
    let saved = undone.saved.expect("saved");
    let said: Vec<&String> = undone
        .outcome
        .kept
        .iter()
        .chain(&saved.outcome.kept)
        .collect();
    assert!(
        said.iter().any(|l| l.contains("was not deleted")),
        "the person is told: {said:?}"
    );
    let file = on_disk(&paths);
    let kept = file.impact.wins.iter().find(|w| w.id == id);
    assert_eq!(
        kept.map(|w| w.title.as_str()),
        Some("B's title"),
        "B's change survives"
    );
}

#[test]
fn a_late_delete_does_not_throw_away_another_windows_edit() {
    let (_dir, paths, mut a, mut b) = two_windows();
    let app = a.workbook().pipeline.applications[0].clone();
    // B changes the role and saves; A, which has not reloaded, deletes it.
    save(
        &mut b,
        Edit::update(
            app.clone(),
            changed(&app, |x| x.role = "CTO of Everything".into()),
        ),
    );
    let applied = a
        .apply(Edit::Remove(Kind::Application, app.id))
        .expect("valid");
    let saved = applied.saved.expect("saved");
    assert!(
        saved
            .outcome
            .kept
            .iter()
            .any(|l| l.contains("was not deleted")),
        "{saved:?}"
    );
    let file = on_disk(&paths);
    let kept = file.pipeline.applications.iter().find(|x| x.id == app.id);
    assert_eq!(kept.map(|x| x.role.as_str()), Some("CTO of Everything"));
}

#[test]
fn an_add_renumbered_at_save_takes_the_references_to_it_along() {
    use careerbook::store::lock::{Lock, WAIT};
    let (_dir, paths, mut a, mut b) = two_windows();
    // While another careerbook holds the lock, A adds a contact and links it.
    let held = Lock::acquire(&paths.lock, WAIT).expect("lock");
    a.set_waiter(Box::new(|_| false));
    let alice = Contact::new(0, "Alice Aardvark", Relationship::Peer);
    let added = a.apply(Edit::Add(alice.into())).expect("valid");
    assert!(added.saved.is_err(), "not saved while the lock is held");
    let alice_id = added.added[0].1;
    let app = a.workbook().pipeline.applications[0].clone();
    let linked = changed(&app, |x| x.contacts.push(alice_id));
    assert!(
        a.apply(Edit::update(app.clone(), linked))
            .expect("valid")
            .saved
            .is_err()
    );
    drop(held);
    // B adds a contact of its own, which takes the id A had used.
    let bob = Contact::new(0, "Bob Bobson", Relationship::Peer);
    let bob_added = b.apply(Edit::Add(bob.into())).expect("valid");
    bob_added.saved.expect("saved");
    assert_eq!(bob_added.added[0].1, alice_id, "the same id, on purpose");
    a.retry_save().expect("saved now");
    let file = on_disk(&paths);
    let alice = file
        .pipeline
        .contacts
        .iter()
        .find(|c| c.name == "Alice Aardvark")
        .expect("Alice is kept");
    assert_ne!(alice.id, alice_id, "renumbered");
    let app = file
        .pipeline
        .applications
        .iter()
        .find(|x| x.id == app.id)
        .expect("app");
    assert!(
        app.contacts.contains(&alice.id),
        "the link follows Alice: {:?}",
        app.contacts
    );
    assert!(
        !app.contacts.contains(&alice_id),
        "and does not point at Bob"
    );
}

#[test]
fn undo_still_works_after_a_conflict_it_made_was_settled_elsewhere() {
    let (_dir, paths, mut a, mut b) = two_windows();
    let older = a.workbook().impact.wins[1].clone();
    save(
        &mut a,
        Edit::update(
            older.clone(),
            changed(&older, |w| w.title = "an older edit".into()),
        ),
    );
    let base = a.workbook().impact.wins[0].clone();
    save(
        &mut b,
        Edit::update(base.clone(), changed(&base, |w| w.title = "B".into())),
    );
    save(
        &mut a,
        Edit::update(base.clone(), changed(&base, |w| w.title = "A".into())),
    );
    // A third window settles the conflict A's edit made.
    let mut c = open(&paths);
    let id = c.workbook().conflicts[0].id;
    let settle = conflict::resolve(c.workbook(), id, Pick::Kept).expect("settles");
    save(&mut c, settle);
    // A can still undo both its edits.
    a.undo()
        .expect("one")
        .expect("applies")
        .saved
        .expect("saved");
    a.undo()
        .expect("two")
        .expect("applies")
        .saved
        .expect("saved");
    let file = on_disk(&paths);
    assert_eq!(
        file.impact.wins[1].title, older.title,
        "the older edit is undone"
    );
}

/// Runs the real binary on the workbook in `paths`.
fn command(paths: &Paths, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_careerbook"))
        .arg("--data-dir")
        .arg(&paths.dir)
        .args(args)
        .env("CAREERBOOK_TODAY", "2026-11-26")
        .env_remove("CAREERBOOK_DIR")
        .output()
        .expect("run careerbook")
}

#[test]
fn a_command_and_an_open_window_changing_one_account_keep_both_or_store_a_conflict() {
    let (_dir, paths, mut window, _) = two_windows();
    // The window opened "Checking" (#23, $8,400 as of 20 Nov) to rename it.
    let opened = window.workbook().runway.accounts[0].clone();
    let out = command(&paths, &["account", "Checking", "9,100"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let renamed = changed(&opened, |a| a.name = "Joint checking".into());
    let saved = save(&mut window, Edit::update(opened.clone(), renamed));
    assert!(saved.merged && saved.outcome.conflicts.is_empty());
    let account = &on_disk(&paths).runway.accounts[0];
    assert_eq!(account.name, "Joint checking");
    assert_eq!(account.balance, dec!(9100), "the command's balance is kept");
    assert_eq!(account.as_of, d(2026, 11, 26));
    // Both change the balance: the file keeps the command's, the window's waits as a conflict.
    let opened = window.workbook().runway.accounts[0].clone();
    let out = command(&paths, &["account", "joint checking", "9,500"]);
    assert!(out.status.success());
    let mine = changed(&opened, |a| a.balance = dec!(9000));
    let saved = save(&mut window, Edit::update(opened, mine));
    assert_eq!(saved.outcome.conflicts.len(), 1);
    let wb = on_disk(&paths);
    assert_eq!(wb.runway.accounts[0].balance, dec!(9500));
    assert_eq!(wb.conflicts[0].about, Target::Record(Kind::Account, 23));
}

#[test]
fn a_notice_from_the_shell_merges_with_a_notice_form_open_in_a_window() {
    let (_dir, paths, mut window, _) = two_windows();
    let opened = Section::of(
        careerbook::domain::edit::Part::LayoffNotice,
        window.workbook(),
    );
    // The shell adds the real end of job cover; the window changes the review window.
    let out = command(&paths, &["notice", "--cover-ends", "2027-02-28"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let Section::LayoffNotice(Some(notice)) = &opened else {
        panic!("the demo has a notice")
    };
    let mine = careerbook::domain::checklist::LayoffNotice {
        review_days: Some(45),
        ..notice.clone()
    };
    save(
        &mut window,
        Edit::set(opened.clone(), Section::LayoffNotice(Some(mine))),
    );
    let notice = on_disk(&paths).now.notice.expect("notice");
    assert_eq!(notice.review_days, Some(45));
    assert_eq!(notice.cover_ends, Some(d(2027, 2, 28)));
}
