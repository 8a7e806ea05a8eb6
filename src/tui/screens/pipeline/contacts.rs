//! The contacts view: who is due a touch, who has not been contacted for 30+
//! days, and everyone else, in the reusable table.

use super::cards::short_date;
use crate::domain::Id;
use crate::domain::pipeline::{self, Contact, Pipeline, STALE_AFTER_DAYS};
use crate::text::fit;
use crate::text::{self, count};
use crate::tui::theme::Theme;
use crate::tui::widgets::table::{Column, Row, SortKey};
use chrono::NaiveDate;
use ratatui::layout::Constraint;
use ratatui::text::Line;
use std::collections::{HashMap, HashSet};

pub(super) static COLUMNS: &[Column] = &[
    Column::left("Name", Constraint::Fill(3)),
    Column::left("Company", Constraint::Fill(2)),
    Column::left("Relationship", Constraint::Length(16)),
    Column::left("Last contact", Constraint::Length(12)),
    Column::left("Next touch", Constraint::Length(12)),
];

const DUE: &str = "! Due a touch (next-touch date reached)";
const STALE: &str = "Not contacted for 30+ days";
const FRESH: &str = "In touch (contacted in the last 30 days)";

/// What the contacts view shows below the table for each contact.
#[derive(Clone, Debug)]
pub(super) struct ContactInfo {
    pub lines: [String; 2],
}

/// The contacts view's rows and detail lines, and how many are due and stale.
pub(super) struct Built {
    pub rows: Vec<Row>,
    pub info: HashMap<Id, ContactInfo>,
    pub due: usize,
    pub stale: usize,
}

/// The rows, due first, then stale, then the rest by name, and each
/// contact's detail lines.
pub(super) fn rows(pipeline: &Pipeline, today: NaiveDate) -> Built {
    let due = pipeline::contacts_due(pipeline, today);
    let stale = pipeline::stale_contacts(pipeline, today);
    let by_id: HashMap<Id, &Contact> = pipeline.contacts.iter().map(|c| (c.id, c)).collect();
    let due_set: HashSet<Id> = due.iter().copied().collect();
    let stale_set: HashSet<Id> = stale.iter().copied().collect();
    let mut fresh: Vec<&Contact> = pipeline
        .contacts
        .iter()
        .filter(|c| !due_set.contains(&c.id) && !stale_set.contains(&c.id))
        .collect();
    fresh.sort_by_key(|c| (c.name.to_lowercase(), c.id));
    let mut involved: HashMap<Id, Vec<&str>> = HashMap::new();
    for app in &pipeline.applications {
        for id in &app.contacts {
            involved.entry(*id).or_default().push(app.company.as_str());
        }
    }
    let ordered = due
        .iter()
        .map(|id| (id, DUE))
        .chain(
            stale
                .iter()
                .filter(|id| !due_set.contains(id))
                .map(|id| (id, STALE)),
        )
        .filter_map(|(id, group)| by_id.get(id).map(|&c| (c, group)))
        .chain(fresh.into_iter().map(|c| (c, FRESH)));
    let mut rows = Vec::with_capacity(pipeline.contacts.len());
    let mut info = HashMap::with_capacity(pipeline.contacts.len());
    for (contact, group) in ordered {
        let companies = involved.get(&contact.id).map(Vec::as_slice).unwrap_or(&[]);
        rows.push(row(contact, group, today));
        info.insert(contact.id, detail(contact, companies, today));
    }
    Built {
        rows,
        info,
        due: due.len(),
        stale: stale.len(),
    }
}

fn row(contact: &Contact, group: &str, today: NaiveDate) -> Row {
    let due = contact.is_due(today);
    let stale = contact.is_stale(today);
    let last = match contact.days_since_contact(today) {
        None => "never".to_string(),
        Some(0) => "today".to_string(),
        Some(days) if days < 0 => contact
            .last_contacted
            .map(|d| d.to_string())
            .unwrap_or_default(),
        Some(days) => format!("{days}d ago"),
    };
    let next = match contact.next_touch {
        Some(date) if due => format!("! {date}"),
        Some(date) => format!("  {date}"),
        None => String::new(),
    };
    let mut search = format!(
        "{} {} {} {} {} {}",
        contact.name,
        contact.company.as_deref().unwrap_or(""),
        contact.position.as_deref().unwrap_or(""),
        contact.relationship.label(),
        contact.reach.as_deref().unwrap_or(""),
        contact.notes.as_deref().unwrap_or("")
    );
    if due {
        search.push_str(" due");
    }
    if stale {
        search.push_str(" stale");
    }
    Row {
        id: contact.id,
        cells: vec![
            contact.name.clone(),
            contact.company.clone().unwrap_or_default(),
            contact.relationship.label().to_string(),
            last,
            next,
        ],
        keys: vec![
            SortKey::text(&contact.name),
            SortKey::text(contact.company.as_deref().unwrap_or("")),
            SortKey::text(contact.relationship.label()),
            contact.last_contacted.map_or(SortKey::Empty, SortKey::Date),
            contact.next_touch.map_or(SortKey::Empty, SortKey::Date),
        ],
        search: search.to_lowercase(),
        group: Some(group.to_string()),
        mark: None,
    }
}

fn detail(contact: &Contact, companies: &[&str], today: NaiveDate) -> ContactInfo {
    let mut first = contact.name.clone();
    first.push_str(&format!(" · {}", contact.relationship.label()));
    if let Some(position) = &contact.position {
        first.push_str(&format!(" · {position}"));
    }
    if let Some(company) = &contact.company {
        first.push_str(&format!(" at {company}"));
    }
    if let Some(reach) = &contact.reach {
        first.push_str(&format!(" · {reach}"));
    }
    if let Some(link) = &contact.link {
        first.push_str(&format!(" · {link}"));
    }
    let mut second = match (contact.last_contacted, contact.days_since_contact(today)) {
        (Some(date), Some(days)) if days >= STALE_AFTER_DAYS => format!(
            "Last contacted {} ({} ago: 30+ days)",
            short_date(date),
            text::days(days)
        ),
        (Some(date), Some(days)) if days > 0 => {
            format!(
                "Last contacted {} ({} ago)",
                short_date(date),
                text::days(days)
            )
        }
        (Some(_), _) => "Contacted today".to_string(),
        (None, _) => "Never contacted".to_string(),
    };
    match contact.next_touch {
        Some(date) if contact.is_due(today) => {
            second.push_str(&format!(" · ! next touch was due {}", short_date(date)))
        }
        Some(date) => second.push_str(&format!(" · next touch {}", short_date(date))),
        None => {}
    }
    if !companies.is_empty() {
        second.push_str(&format!(
            " · on {}: {}",
            count(companies.len(), "application"),
            companies.join(", ")
        ));
    }
    if let Some(notes) = &contact.notes {
        second.push_str(&format!(" · {}", notes.replace('\n', " ")));
    }
    ContactInfo {
        lines: [first, second],
    }
}

pub(super) fn detail_lines(info: &ContactInfo, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::styled(fit(&info.lines[0], width), theme.title()),
        Line::styled(fit(&info.lines[1], width), theme.text()),
    ]
}
