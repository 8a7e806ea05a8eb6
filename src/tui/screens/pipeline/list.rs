//! The list view: every application, closed ones included, in the reusable
//! table (sortable by any column, filtered by `/`), grouped by stage.

use super::cards::Card;
use crate::domain::pipeline::{FollowUp, Stage};
use crate::tui::widgets::table::{Column, Row, SortKey};
use ratatui::layout::Constraint;
use rust_decimal::Decimal;

pub(super) static COLUMNS: &[Column] = &[
    Column::left("Company", Constraint::Fill(1)),
    Column::left("Role", Constraint::Fill(1)),
    Column::left("Stage", Constraint::Length(12)),
    Column::left("Applied", Constraint::Length(10)),
    Column::left("Follow-up", Constraint::Length(12)),
    Column::right("Quiet", Constraint::Length(6)),
];

/// One table row; `cards` come in [`crate::domain::pipeline::list_order`].
pub(super) fn row(card: &Card) -> Row {
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
