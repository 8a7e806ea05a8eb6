//! The list view: every application, closed ones included, in the reusable
//! table (sortable by any column, filtered by `/`), grouped by stage. The
//! table's rows hold each application's facts and words ([`AppRows`]); a row
//! is formatted when drawn, the search texts on the first filter.

use super::apps;
use super::cards::{Card, Facts};
use super::forms::Purpose;
use super::shared::Shared;
use super::texts::Texts;
use crate::domain::Id;
use crate::domain::edit::Kind;
use crate::domain::pipeline::{self, FollowUp, Stage};
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::widgets::table::{Column, Row, Rows, SortKey, Table};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::cell::OnceCell;

static COLUMNS: &[Column] = &[
    Column::left("Company", Constraint::Fill(1)),
    Column::left("Role", Constraint::Fill(1)),
    Column::left("Stage", Constraint::Length(12)),
    Column::left("Applied", Constraint::Length(10)),
    Column::left("Follow-up", Constraint::Length(12)),
    Column::right("Quiet", Constraint::Length(6)),
];

pub struct List {
    table: Table,
}

impl Default for List {
    fn default() -> Self {
        Self {
            table: Table::new(COLUMNS),
        }
    }
}

impl Pane<Shared, Purpose> for List {
    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::PipelineApps, Scope::List]
    }

    fn table(&self) -> Option<&Table> {
        Some(&self.table)
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        Some(&mut self.table)
    }

    fn refresh(&mut self, shared: &Shared, wb: &Workbook, today: NaiveDate, _keys: &Keymap) {
        let rows = AppRows::new(&wb.pipeline.applications, today, shared.ghost_after_days);
        self.table.set_source(wb, Box::new(rows));
    }

    fn on_action(&mut self, action: Action, _shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        apps::act(action, self.table.selected_id(), cx)
    }

    fn applies(&self, action: Action, _shared: &Shared) -> bool {
        match action {
            Action::Filter | Action::Sort => self.table.counts().1 > 0,
            action => apps::applies(action, self.table.selected_id()),
        }
    }

    fn selected(&self) -> Option<(Kind, Id)> {
        self.table.selected_id().map(|id| (Kind::Application, id))
    }

    fn select(&mut self, kind: Kind, id: Id) -> bool {
        kind == Kind::Application && self.table.select_record(id)
    }

    fn render(&self, _shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let (main, detail) = apps::split(area);
        let empty = format!(
            "No applications yet. {} adds one.",
            view.keys.key_for(Scope::PipelineApps, Action::Add)
        );
        self.table
            .render(frame, main, view.wb, view.theme, view.keys, &empty);
        let app = (self.table.selected_id()).and_then(|id| view.wb.pipeline.application(id));
        apps::detail(frame, detail, app, view);
    }
}

/// The applications as the table's rows, in
/// [`crate::domain::pipeline::list_order`]: each one's facts, and its
/// company, role and location side by side in one [`Texts`].
struct AppRows {
    facts: Vec<Facts>,
    /// Company, role and location (empty when none) of each row.
    texts: Texts,
    /// What the filter searches, made on the first filter.
    search: OnceCell<Texts>,
}

impl AppRows {
    fn new(
        applications: &[pipeline::Application],
        today: NaiveDate,
        ghost_after_days: u32,
    ) -> Self {
        let order = pipeline::list_places(applications);
        let mut facts = Vec::with_capacity(order.len());
        let mut texts = Texts::with_capacity(3 * order.len());
        for at in order {
            let app = &applications[at];
            facts.push(Facts::new(app, today, ghost_after_days));
            texts.push(&app.company);
            texts.push(&app.role);
            texts.push(app.location.as_deref().unwrap_or(""));
        }
        texts.shrink_to_fit();
        Self {
            facts,
            texts,
            search: OnceCell::new(),
        }
    }

    fn card(&self, i: usize) -> Card<'_> {
        let location = self.texts.get(3 * i + 2);
        Card {
            facts: self.facts[i],
            company: self.texts.get(3 * i),
            role: self.texts.get(3 * i + 1),
            location: (!location.is_empty()).then_some(location),
        }
    }
}

impl Rows for AppRows {
    fn len(&self) -> usize {
        self.facts.len()
    }

    fn id(&self, i: usize) -> Id {
        self.facts[i].id
    }

    fn row<'a>(&'a self, _: &'a Workbook, i: usize) -> Cow<'a, Row> {
        Cow::Owned(row(&self.card(i)))
    }

    fn group(&self, i: usize) -> Option<String> {
        Some(group(self.facts[i].stage))
    }

    fn same_group(&self, a: usize, b: usize) -> bool {
        self.facts[a].stage == self.facts[b].stage
    }

    fn search<'a>(&'a self, _: &'a Workbook, i: usize) -> Cow<'a, str> {
        let all = self.search.get_or_init(|| {
            let mut all = Texts::with_capacity(self.len());
            for i in 0..self.len() {
                all.push(&search(&self.card(i)));
            }
            all.shrink_to_fit();
            all
        });
        Cow::Borrowed(all.get(i))
    }

    fn key(&self, _: &Workbook, i: usize, col: usize) -> SortKey {
        sort_key(&self.card(i), col)
    }
}

/// Days since the last stage change matter while waiting for an answer.
fn waiting(facts: &Facts) -> bool {
    facts.stage.is_active() && facts.stage != Stage::Wishlist
}

/// One table row as drawn.
fn row(card: &Card) -> Row {
    let facts = &card.facts;
    let follow_up = match facts.follow_up {
        Some((date, FollowUp::Overdue { .. })) => format!("! {date}"),
        Some((date, FollowUp::DueToday)) => format!("• {date}"),
        Some((date, FollowUp::Upcoming { .. })) => format!("  {date}"),
        None => String::new(),
    };
    let quiet = match (waiting(facts), facts.quiet_days) {
        (true, Some(days)) if facts.ghost => format!("? {days}d"),
        (true, Some(days)) => format!("{days}d"),
        _ => String::new(),
    };
    Row {
        id: facts.id,
        cells: vec![
            card.company.to_string(),
            card.role.to_string(),
            facts.stage.label().to_string(),
            facts.applied.map(|d| d.to_string()).unwrap_or_default(),
            follow_up,
            quiet,
        ],
        keys: Vec::new(),
        search: String::new(),
        group: None,
        mark: None,
    }
}

/// The lower-case text the filter searches: the words shown, the source and
/// location, and what the row's marks mean.
fn search(card: &Card) -> String {
    let facts = &card.facts;
    let mut search = format!(
        "{} {} {} {} {}",
        card.company,
        card.role,
        facts.stage.label(),
        facts.source.label(),
        card.location.unwrap_or("")
    );
    if facts.is_overdue() {
        search.push_str(" overdue");
    }
    if facts.ghost {
        search.push_str(" no reply ghosted?");
    }
    if facts.stage.is_active() {
        search.push_str(" open");
    } else {
        search.push_str(" closed");
    }
    search.to_lowercase()
}

/// What a row sorts by in column `col`.
fn sort_key(card: &Card, col: usize) -> SortKey {
    let facts = &card.facts;
    match col {
        0 => SortKey::text(card.company),
        1 => SortKey::text(card.role),
        2 => {
            let stage_index = Stage::ALL
                .iter()
                .position(|&s| s == facts.stage)
                .unwrap_or(0);
            SortKey::Number(Decimal::from(stage_index))
        }
        3 => facts.applied.map_or(SortKey::Empty, SortKey::Date),
        4 => (facts.follow_up.map(|(d, _)| d))
            .or(facts.closed_follow_up)
            .map_or(SortKey::Empty, SortKey::Date),
        _ => match (waiting(facts), facts.quiet_days) {
            (true, Some(days)) => SortKey::Number(Decimal::from(days)),
            _ => SortKey::Empty,
        },
    }
}

fn group(stage: Stage) -> String {
    if stage.is_active() {
        stage.label().to_string()
    } else {
        format!("{} (closed)", stage.label())
    }
}
