//! The contacts view: who is due a touch, who has not been contacted for 30+
//! days, and everyone else, in the reusable table. The table's rows hold
//! each contact's dates and words ([`ContactRows`]); a row is formatted when
//! drawn, and the lines under the table for the contact selected.

use super::cards::short_date;
use super::forms::{self, Purpose};
use super::shared::Shared;
use super::texts::Texts;
use crate::domain::Id;
use crate::domain::edit::Kind;
use crate::domain::pipeline::{self, Contact, Pipeline, Relationship, STALE_AFTER_DAYS};
use crate::domain::workbook::Workbook;
use crate::text::fit;
use crate::text::{self, count};
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::table::{Column, Row, Rows, SortKey, Table};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::borrow::Cow;
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

pub struct Contacts {
    table: Table,
}

impl Default for Contacts {
    fn default() -> Self {
        Self {
            table: Table::new(COLUMNS),
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
        self.table
            .set_source(wb, Box::new(ContactRows::new(&wb.pipeline, today)));
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
        let [main, _, strip] = Layout::vertical([
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
        let pipeline = &view.wb.pipeline;
        if let Some(contact) = self.table.selected_id().and_then(|id| pipeline.contact(id)) {
            let lines = detail(contact, pipeline, view.today);
            frame.render_widget(
                Paragraph::new(detail_lines(&lines, strip.width as usize, view.theme)),
                strip,
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

/// The heading a contact is shown under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    Due,
    Stale,
    Fresh,
}

impl Group {
    fn heading(self) -> &'static str {
        match self {
            Group::Due => DUE,
            Group::Stale => STALE,
            Group::Fresh => FRESH,
        }
    }
}

/// What a contact's row shows besides its words, on a day.
#[derive(Clone, Copy, Debug)]
struct Facts {
    id: Id,
    group: Group,
    relationship: Relationship,
    last_contacted: Option<NaiveDate>,
    next_touch: Option<NaiveDate>,
    days_since_contact: Option<i64>,
    due: bool,
}

/// The contacts as the table's rows, due first, then stale, then the rest
/// by name: each one's facts, and its name, company and search text side by
/// side in one [`Texts`] (the search text holds what the row does not show,
/// the notes included, so it is made here).
struct ContactRows {
    facts: Vec<Facts>,
    /// Name, company (empty when none) and search text of each row.
    texts: Texts,
}

impl ContactRows {
    fn new(pipeline: &Pipeline, today: NaiveDate) -> Self {
        let order = ordered(pipeline, today);
        let mut facts = Vec::with_capacity(order.len());
        let mut texts = Texts::with_capacity(3 * order.len());
        for (contact, group) in order {
            facts.push(Facts {
                id: contact.id,
                group,
                relationship: contact.relationship,
                last_contacted: contact.last_contacted,
                next_touch: contact.next_touch,
                days_since_contact: contact.days_since_contact(today),
                due: contact.is_due(today),
            });
            texts.push(&contact.name);
            texts.push(contact.company.as_deref().unwrap_or(""));
            texts.push(&search(contact, today));
        }
        texts.shrink_to_fit();
        Self { facts, texts }
    }
}

impl Rows for ContactRows {
    fn len(&self) -> usize {
        self.facts.len()
    }

    fn id(&self, i: usize) -> Id {
        self.facts[i].id
    }

    fn row<'a>(&'a self, _: &'a Workbook, i: usize) -> Cow<'a, Row> {
        Cow::Owned(row(
            &self.facts[i],
            self.texts.get(3 * i),
            self.texts.get(3 * i + 1),
        ))
    }

    fn group(&self, i: usize) -> Option<String> {
        Some(self.facts[i].group.heading().to_string())
    }

    fn same_group(&self, a: usize, b: usize) -> bool {
        self.facts[a].group == self.facts[b].group
    }

    fn search<'a>(&'a self, _: &'a Workbook, i: usize) -> Cow<'a, str> {
        Cow::Borrowed(self.texts.get(3 * i + 2))
    }

    fn key(&self, _: &Workbook, i: usize, col: usize) -> SortKey {
        let facts = &self.facts[i];
        match col {
            0 => SortKey::text(self.texts.get(3 * i)),
            1 => SortKey::text(self.texts.get(3 * i + 1)),
            2 => SortKey::text(facts.relationship.label()),
            3 => facts.last_contacted.map_or(SortKey::Empty, SortKey::Date),
            _ => facts.next_touch.map_or(SortKey::Empty, SortKey::Date),
        }
    }
}

/// The contacts due first, then stale, then the rest by name, each with the
/// heading it is shown under.
fn ordered(pipeline: &Pipeline, today: NaiveDate) -> Vec<(&Contact, Group)> {
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
    fresh.sort_by_cached_key(|c| (c.name.to_lowercase(), c.id));
    due.iter()
        .map(|id| (id, Group::Due))
        .chain(
            stale
                .iter()
                .filter(|id| !due_set.contains(id))
                .map(|id| (id, Group::Stale)),
        )
        .filter_map(|(id, group)| by_id.get(id).map(|&c| (c, group)))
        .chain(fresh.into_iter().map(|c| (c, Group::Fresh)))
        .collect()
}

/// One table row as drawn.
fn row(facts: &Facts, name: &str, company: &str) -> Row {
    let last = match facts.days_since_contact {
        None => "never".to_string(),
        Some(0) => "today".to_string(),
        Some(days) if days < 0 => facts
            .last_contacted
            .map(|d| d.to_string())
            .unwrap_or_default(),
        Some(days) => format!("{days}d ago"),
    };
    let next = match facts.next_touch {
        Some(date) if facts.due => format!("! {date}"),
        Some(date) => format!("  {date}"),
        None => String::new(),
    };
    Row {
        id: facts.id,
        cells: vec![
            name.to_string(),
            company.to_string(),
            facts.relationship.label().to_string(),
            last,
            next,
        ],
        keys: Vec::new(),
        search: String::new(),
        group: None,
        mark: None,
    }
}

/// The lower-case text the filter searches.
fn search(contact: &Contact, today: NaiveDate) -> String {
    let mut search = format!(
        "{} {} {} {} {} {}",
        contact.name,
        contact.company.as_deref().unwrap_or(""),
        contact.position.as_deref().unwrap_or(""),
        contact.relationship.label(),
        contact.reach.as_deref().unwrap_or(""),
        contact.notes.as_deref().unwrap_or("")
    );
    if contact.is_due(today) {
        search.push_str(" due");
    }
    if contact.is_stale(today) {
        search.push_str(" stale");
    }
    search.to_lowercase()
}

/// The two lines under the table about `contact`: who they are, and when
/// they were last and are next to be contacted, on which applications.
fn detail(contact: &Contact, pipeline: &Pipeline, today: NaiveDate) -> [String; 2] {
    let companies: Vec<&str> = pipeline
        .applications
        .iter()
        .flat_map(|app| {
            let named = app.contacts.iter().filter(|&&id| id == contact.id);
            named.map(|_| app.company.as_str())
        })
        .collect();
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
    [first, second]
}

fn detail_lines(lines: &[String; 2], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::styled(fit(&lines[0], width), theme.title()),
        Line::styled(fit(&lines[1], width), theme.text()),
    ]
}
