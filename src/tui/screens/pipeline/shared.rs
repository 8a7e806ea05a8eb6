//! What every view of the Pipeline tab reads, built once per refresh: the
//! counts the attention line shows and the day they are for. Nothing here
//! grows with the workbook; each view holds what it shows.

use crate::domain::checklist::{OfferNeeded, offer_needed, runway_figure};
use crate::domain::pipeline::{self, Pipeline};
use crate::domain::workbook::Workbook;
use chrono::NaiveDate;

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
    pub attention: Attention,
    pub ghost_after_days: u32,
    /// Applications, open and closed.
    pub applications: usize,
    pub today: NaiveDate,
}

impl Shared {
    pub fn of(wb: &Workbook, today: NaiveDate) -> Self {
        let p: &Pipeline = &wb.pipeline;
        let attention = Attention {
            offer: offer_needed(wb, &runway_figure(wb, today), today),
            open: p
                .applications
                .iter()
                .filter(|a| a.stage.is_active())
                .count(),
            overdue: pipeline::overdue_follow_ups(p, today).len(),
            due_today: pipeline::follow_ups_due_today(p, today).len(),
            ghosted: pipeline::ghost_suggestions(p, today).len(),
            contacts_due: pipeline::contacts_due(p, today).len(),
            stale: pipeline::stale_contacts(p, today).len(),
            contacts: p.contacts.len(),
        };
        Self {
            attention,
            ghost_after_days: p.ghost_after_days,
            applications: p.applications.len(),
            today,
        }
    }
}
