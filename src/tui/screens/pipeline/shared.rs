//! What every view of the Pipeline tab reads, built once per refresh: a card
//! for each application, and the counts the attention line shows.

use super::cards::Card;
use crate::domain::Id;
use crate::domain::checklist::{OfferNeeded, offer_needed, runway_figure};
use crate::domain::pipeline::{self, Pipeline};
use crate::domain::workbook::Workbook;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The counts the attention line shows, from the domain's reminder lists,
/// and the date an offer is needed by (from the runway's zero date).
#[derive(Clone, Debug, Default)]
pub struct Attention {
    pub offer: Option<OfferNeeded>,
    pub open: usize,
    pub overdue: usize,
    pub due_today: usize,
    pub ghosted: usize,
    pub contacts_due: usize,
    pub stale: usize,
    pub contacts: usize,
}

#[derive(Default)]
pub struct Shared {
    pub cards: HashMap<Id, Card>,
    pub attention: Attention,
    pub ghost_after_days: u32,
}

impl Shared {
    pub fn of(wb: &Workbook, today: NaiveDate) -> Self {
        let p: &Pipeline = &wb.pipeline;
        let names: HashMap<Id, &str> = p.contacts.iter().map(|c| (c.id, c.name.as_str())).collect();
        let cards: HashMap<Id, Card> = p
            .applications
            .iter()
            .map(|app| (app.id, Card::new(app, p, &names, today)))
            .collect();
        let attention = Attention {
            offer: offer_needed(wb, &runway_figure(wb, today), today),
            open: cards.values().filter(|c| c.stage.is_active()).count(),
            overdue: pipeline::overdue_follow_ups(p, today).len(),
            due_today: pipeline::follow_ups_due_today(p, today).len(),
            ghosted: pipeline::ghost_suggestions(p, today).len(),
            contacts_due: pipeline::contacts_due(p, today).len(),
            stale: pipeline::stale_contacts(p, today).len(),
            contacts: p.contacts.len(),
        };
        Self {
            cards,
            attention,
            ghost_after_days: p.ghost_after_days,
        }
    }
}
