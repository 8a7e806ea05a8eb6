//! The contacts view: who is due a touch, who has not been contacted for 30+
//! days, and everyone else, in the reusable table.

use super::cards::short_date;
use super::forms::{self, Purpose};
use super::shared::Shared;
use crate::domain::Id;
use crate::domain::edit::Kind;
use crate::domain::pipeline::{self, Contact, Pipeline, STALE_AFTER_DAYS};
use crate::domain::workbook::Workbook;
use crate::text::fit;
use crate::text::{self, count};
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::table::{Column, Row, SortKey, Table};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::collections::{HashMap, HashSet};

static COLUMNS: &[Column] = &[
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
struct ContactInfo {
    lines: [String; 2],
}

/// The contacts view's rows and detail lines.
struct Built {
    rows: Vec<Row>,
    info: HashMap<Id, ContactInfo>,
}

pub struct Contacts {
    table: Table,
    info: HashMap<Id, ContactInfo>,
}

impl Default for Contacts {
    fn default() -> Self {
        Self {
            table: Table::new(COLUMNS),
            info: HashMap::new(),
        }
    }
}

impl Pane<Shared, Purpose> for Contacts {
    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::PipelineContacts, Scope::List]
    }

    fn table(&self) -> Option<&Table> {
        Some(&self.table)
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        Some(&mut self.table)
    }

    fn refresh(&mut self, _shared: &Shared, wb: &Workbook, today: NaiveDate, _keys: &Keymap) {
        let built = rows(&wb.pipeline, today);
        self.table.set_rows(built.rows);
        self.info = built.info;
    }

    fn on_action(&mut self, action: Action, _shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        contact_action(action, self.table.selected_id(), cx)
    }

    fn applies(&self, action: Action, _shared: &Shared) -> bool {
        match action {
            Action::Edit | Action::Delete | Action::Contacted => self.table.selected_id().is_some(),
            Action::Filter | Action::Sort => self.table.counts().1 > 0,
            _ => true,
        }
    }

    fn selected(&self) -> Option<(Kind, Id)> {
        self.table.selected_id().map(|id| (Kind::Contact, id))
    }

    fn select(&mut self, kind: Kind, id: Id) -> bool {
        kind == Kind::Contact && self.table.select_record(id)
    }

    fn render(&self, _shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let [main, _, detail] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(2),
        ])
        .areas(area);
        let empty = format!(
            "No contacts yet. {} adds one.",
            view.keys.key_for(Scope::PipelineContacts, Action::Add)
        );
        self.table
            .render(frame, main, view.wb, view.theme, view.keys, &empty);
        if let Some(info) = self.table.selected_id().and_then(|id| self.info.get(&id)) {
            frame.render_widget(
                Paragraph::new(detail_lines(info, detail.width as usize, view.theme)),
                detail,
            );
        }
    }
}

/// A contact key on the contact `selected`; `false` when `action` is not one.
fn contact_action(action: Action, selected: Option<Id>, cx: &mut Cx<Purpose>) -> bool {
    let wb = cx.wb;
    let today = cx.today;
    if action == Action::Add {
        cx.form(forms::contact(today, None));
        return true;
    }
    if ![Action::Edit, Action::Delete, Action::Contacted].contains(&action) {
        return false;
    }
    let Some(contact) = selected.and_then(|id| wb.pipeline.contact(id)) else {
        let add = cx
            .keys
            .hint(Scope::PipelineContacts, Action::Add, "adds one");
        cx.status(format!("no contact selected ({add})"));
        return true;
    };
    match action {
        Action::Edit => cx.form(forms::contact(today, Some(contact))),
        Action::Delete => {
            let on = pipeline::applications_naming(&wb.pipeline, contact.id);
            let also = if on.is_empty() {
                String::new()
            } else {
                let names: Vec<&str> = on
                    .iter()
                    .filter_map(|&id| wb.pipeline.application(id).map(|a| a.company.as_str()))
                    .take(5)
                    .collect();
                format!(
                    " They are also taken off {}: {}.",
                    count(on.len(), "application"),
                    names.join(", ")
                )
            };
            if let Some(edit) = pipeline::delete_contact(&wb.pipeline, contact.id) {
                cx.confirm(
                    "Delete contact",
                    format!("Delete {}?{also}", contact.name),
                    edit,
                    format!("deleted {}", contact.name),
                );
            }
        }
        Action::Contacted => {
            if let Some(edit) = pipeline::mark_contacted(&wb.pipeline, contact.id, today) {
                cx.edit(edit, format!("{} marked contacted today", contact.name));
            }
        }
        _ => {}
    }
    true
}

/// The rows, due first, then stale, then the rest by name, and each
/// contact's detail lines.
fn rows(pipeline: &Pipeline, today: NaiveDate) -> Built {
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
    Built { rows, info }
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

fn detail_lines(info: &ContactInfo, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::styled(fit(&info.lines[0], width), theme.title()),
        Line::styled(fit(&info.lines[1], width), theme.text()),
    ]
}
