//! The list view: every application, closed ones included, in the reusable
//! table (sortable by any column, filtered by `/`), grouped by stage.

use super::apps;
use super::cards::Card;
use super::forms::Purpose;
use super::shared::Shared;
use crate::domain::Id;
use crate::domain::edit::Kind;
use crate::domain::pipeline::{self, FollowUp, Stage};
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::widgets::table::{Column, Row, SortKey, Table};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use rust_decimal::Decimal;

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

    fn refresh(&mut self, shared: &Shared, wb: &Workbook, _today: NaiveDate, _keys: &Keymap) {
        let rows = pipeline::list_order(&wb.pipeline.applications)
            .into_iter()
            .filter_map(|app| shared.cards.get(&app.id))
            .map(row)
            .collect();
        self.table.set_rows(rows);
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

    fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let (main, detail) = apps::split(area);
        let empty = format!(
            "No applications yet. {} adds one.",
            view.keys.key_for(Scope::PipelineApps, Action::Add)
        );
        self.table
            .render(frame, main, view.wb, view.theme, view.keys, &empty);
        apps::detail(shared, frame, detail, self.table.selected_id(), view);
    }
}

/// One table row; `cards` come in [`crate::domain::pipeline::list_order`].
fn row(card: &Card) -> Row {
    let follow_up = match card.follow_up {
        Some((date, FollowUp::Overdue { .. })) => format!("! {date}"),
        Some((date, FollowUp::DueToday)) => format!("• {date}"),
        Some((date, FollowUp::Upcoming { .. })) => format!("  {date}"),
        None => String::new(),
    };
    // Days since the last stage change matter while waiting for an answer.
    let waiting = card.stage.is_active() && card.stage != Stage::Wishlist;
    let quiet = match (waiting, card.quiet_days) {
        (true, Some(days)) if card.ghost => format!("? {days}d"),
        (true, Some(days)) => format!("{days}d"),
        _ => String::new(),
    };
    let mut search = format!(
        "{} {} {} {} {}",
        card.company,
        card.role,
        card.stage.label(),
        card.source,
        card.location.as_deref().unwrap_or("")
    );
    if card.is_overdue() {
        search.push_str(" overdue");
    }
    if card.ghost {
        search.push_str(" no reply ghosted?");
    }
    if card.stage.is_active() {
        search.push_str(" open");
    } else {
        search.push_str(" closed");
    }
    let stage_index = Stage::ALL
        .iter()
        .position(|&s| s == card.stage)
        .unwrap_or(0);
    Row {
        id: card.id,
        cells: vec![
            card.company.clone(),
            card.role.clone(),
            card.stage.label().to_string(),
            card.applied.map(|d| d.to_string()).unwrap_or_default(),
            follow_up,
            quiet,
        ],
        keys: vec![
            SortKey::text(&card.company),
            SortKey::text(&card.role),
            SortKey::Number(Decimal::from(stage_index)),
            card.applied.map_or(SortKey::Empty, SortKey::Date),
            card.follow_up
                .map(|(d, _)| d)
                .or(card.closed_follow_up)
                .map_or(SortKey::Empty, SortKey::Date),
            match (waiting, card.quiet_days) {
                (true, Some(days)) => SortKey::Number(Decimal::from(days)),
                _ => SortKey::Empty,
            },
        ],
        search: search.to_lowercase(),
        group: Some(group(card.stage)),
        mark: None,
    }
}

fn group(stage: Stage) -> String {
    if stage.is_active() {
        stage.label().to_string()
    } else {
        format!("{} (closed)", stage.label())
    }
}
