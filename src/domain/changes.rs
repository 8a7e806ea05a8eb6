//! What changed between two copies of a workbook, record by record, in words:
//! a sync's commit message ("3 wins, 1 application moved to interviewing")
//! and what arrived from another machine. Derived from the records, never
//! from a text diff, so a record rewritten on one line reads as one change.

use super::Id;
use super::edit::{Item, Kind, Part, Section};
use super::pipeline::Stage;
use super::workbook::Workbook;
use std::collections::{HashMap, HashSet};

/// The differences between two copies, records matched by kind and id.
#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    pub added: Vec<Item>,
    pub deleted: Vec<Item>,
    /// Changed records, as they were and as they are.
    pub changed: Vec<(Item, Item)>,
    /// Single-valued parts that changed (the severance, the notice …).
    pub parts: Vec<Part>,
}

/// What `after` holds that `before` did not, and the other way round.
pub fn between(before: &Workbook, after: &Workbook) -> Changes {
    let mut changes = Changes::default();
    for &kind in Kind::ALL {
        let was = kind.items(before);
        let now = kind.items(after);
        let was_at: HashMap<Id, usize> = was.iter().enumerate().map(|(i, r)| (r.id(), i)).collect();
        let now_ids: HashSet<Id> = now.iter().map(Item::id).collect();
        for record in now {
            match was_at.get(&record.id()).map(|&i| &was[i]) {
                None => changes.added.push(record),
                Some(old) if *old != record => changes.changed.push((old.clone(), record)),
                Some(_) => {}
            }
        }
        let gone = was.into_iter().filter(|r| !now_ids.contains(&r.id()));
        changes.deleted.extend(gone);
    }
    changes.parts = Part::ALL
        .iter()
        .copied()
        .filter(|&part| Section::of(part, before) != Section::of(part, after))
        .collect();
    changes
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.deleted.is_empty()
            && self.changed.is_empty()
            && self.parts.is_empty()
    }

    /// One line of counts: `3 wins, 1 application moved to interviewing,
    /// 1 contact changed, 1 win deleted, the severance changed`.
    pub fn summary(&self) -> String {
        let mut phrases = Vec::new();
        for (kind, n) in tally(self.added.iter().map(Item::kind)) {
            phrases.push(counted(n, kind));
        }
        for (stage, n) in tally(self.changed.iter().filter_map(moved_to)) {
            phrases.push(format!(
                "{} moved to {}",
                counted(n, Kind::Application),
                stage.key()
            ));
        }
        let other = self.changed.iter().filter(|c| moved_to(c).is_none());
        for (kind, n) in tally(other.map(|(_, now)| now.kind())) {
            phrases.push(format!("{} changed", counted(n, kind)));
        }
        for (kind, n) in tally(self.deleted.iter().map(Item::kind)) {
            let done = if kind == Kind::Conflict {
                "settled"
            } else {
                "deleted"
            };
            phrases.push(format!("{} {done}", counted(n, kind)));
        }
        for part in &self.parts {
            phrases.push(format!("the {} changed", part.noun()));
        }
        phrases.join(", ")
    }

    /// One line per change, as a person reads it: `added win “Cut EC2
    /// spend”`, `moved application “Acme — SRE” to interviewing`, `changed
    /// contact “Priya”: email`. Labels are as stored: the caller makes them
    /// safe for wherever they are shown.
    pub fn lines(&self) -> Vec<String> {
        let name = |item: &Item| format!("{} “{}”", item.kind().noun(), item.label());
        let added = |item: &Item| match item {
            Item::Conflict(c) => format!("conflict on {}", c.short_subject()),
            _ => format!("added {}", name(item)),
        };
        let deleted = |item: &Item| match item {
            Item::Conflict(c) => format!("settled the conflict on {}", c.short_subject()),
            _ => format!("deleted {}", name(item)),
        };
        let mut lines: Vec<String> = self.added.iter().map(added).collect();
        for change in &self.changed {
            let line = match moved_to(change) {
                Some(stage) => format!("moved {} to {}", name(&change.1), stage.key()),
                None => format!(
                    "changed {}: {}",
                    name(&change.1),
                    change.0.fields_changed_in(&change.1)
                ),
            };
            lines.push(line);
        }
        lines.extend(self.deleted.iter().map(deleted));
        lines.extend(
            self.parts
                .iter()
                .map(|p| format!("changed the {}", p.noun())),
        );
        lines
    }
}

/// The stage an application moved to, when its stage is what changed.
fn moved_to((was, now): &(Item, Item)) -> Option<Stage> {
    match (was, now) {
        (Item::Application(was), Item::Application(now)) if was.stage != now.stage => {
            Some(now.stage)
        }
        _ => None,
    }
}

/// How many of each, in the order first seen.
fn tally<K: PartialEq>(keys: impl Iterator<Item = K>) -> Vec<(K, usize)> {
    let mut counts: Vec<(K, usize)> = Vec::new();
    for key in keys {
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    counts
}

/// `1 win`, `3 wins`, `2 sign-on bonuses`.
fn counted(n: usize, kind: Kind) -> String {
    let one = kind.noun();
    let many = if one.ends_with('s') {
        format!("{one}es")
    } else {
        format!("{one}s")
    };
    crate::text::count_of(n, one, &many)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::combine::tests::win;
    use crate::domain::pipeline::{Application, Contact, Relationship};
    use crate::domain::runway::Severance;
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    /// Two applications and a contact; the next id is 4.
    fn before() -> Workbook {
        let mut wb = Workbook::default();
        wb.pipeline.applications = vec![
            Application::new(1, "Acme", "SRE", Stage::Applied, day(2)),
            Application::new(2, "Globex", "SA", Stage::Applied, day(3)),
        ];
        wb.pipeline
            .contacts
            .push(Contact::new(3, "Priya", Relationship::Peer));
        wb.next_id = 4;
        wb
    }

    #[test]
    fn counts_say_what_was_added_moved_changed_and_deleted() {
        let before = before();
        let mut after = before.clone();
        for (id, title) in [
            (4, "Cut EC2 spend"),
            (5, "Closed renewal"),
            (6, "Led the migration"),
        ] {
            after.impact.wins.push(win(id, title));
        }
        after.pipeline.applications[0]
            .move_to(Stage::Interviewing, day(20))
            .expect("moves");
        after.pipeline.contacts[0].reach = Some("priya@example.com".into());
        after.pipeline.applications.remove(1);
        after.runway.severance = Some(Severance::Entered {
            gross: dec!(40000),
            pay_date: day(30),
            weeks: None,
            annual_base: None,
        });
        let changes = between(&before, &after);
        assert_eq!(
            changes.summary(),
            "3 wins, 1 application moved to interviewing, 1 contact changed, \
             1 application deleted, the severance changed"
        );
        assert_eq!(
            changes.lines(),
            [
                "added win “Cut EC2 spend”",
                "added win “Closed renewal”",
                "added win “Led the migration”",
                "moved application “Acme — SRE” to interviewing",
                "changed contact “Priya”: reach",
                "deleted application “Globex — SA”",
                "changed the severance",
            ]
        );
    }

    #[test]
    fn moves_to_one_stage_are_counted_together_and_plurals_read_right() {
        let before = before();
        let mut after = before.clone();
        for app in &mut after.pipeline.applications {
            app.move_to(Stage::Screening, day(20)).expect("moves");
        }
        assert_eq!(
            between(&before, &after).summary(),
            "2 applications moved to screening"
        );
        assert_eq!(counted(2, Kind::SignOn), "2 sign-on bonuses");
        assert_eq!(counted(1, Kind::Account), "1 cash account");
    }

    #[test]
    fn identical_copies_have_no_changes() {
        let changes = between(&before(), &before());
        assert!(changes.is_empty());
        assert_eq!(changes.summary(), "");
    }
}
