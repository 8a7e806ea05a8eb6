//! Everything the Now tab shows, worked out at once from the workbook. The
//! tab and `careerbook check` both call [`report`], so they always agree.

pub use super::finances::{RunwayFigure, runway_figure};

use super::alerts::{Alert, alerts};
use super::deadlines::{Deadlines, deadlines};
use super::finances::vesting_line;
use super::items::{
    DEADLINE_SOON_DAYS, ItemReport, MoneyFacts, impact_item, money_item, options_item,
    positioning_item,
};
use super::next::{NextAction, next_actions};
use super::offer::{OfferNeeded, offer_needed};
use super::signals::{SIGNAL_WINDOW_DAYS, signals_within};
use crate::domain::workbook::Workbook;
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq)]
pub struct NowReport {
    /// The four items, in the article's order.
    pub items: Vec<ItemReport>,
    /// Newest first.
    pub alerts: Vec<Alert>,
    pub deadlines: Deadlines,
    pub runway: RunwayFigure,
    /// Signals logged in the last [`SIGNAL_WINDOW_DAYS`] days.
    pub signals_recent: usize,
    pub last_review: Option<NaiveDate>,
    /// When an offer is needed, from the runway's zero date.
    pub offer: Option<OfferNeeded>,
    /// Ranked; the Now tab leads with them once a notice is entered.
    pub next: Vec<NextAction>,
    /// A layoff notice is entered: the tab leads with the next actions.
    pub after_notice: bool,
}

impl Default for NowReport {
    /// Nothing worked out yet (before the first refresh).
    fn default() -> Self {
        Self {
            items: Vec::new(),
            alerts: Vec::new(),
            deadlines: Deadlines::default(),
            runway: RunwayFigure::NotEntered(Vec::new()),
            signals_recent: 0,
            last_review: None,
            offer: None,
            next: Vec::new(),
            after_notice: false,
        }
    }
}

/// Works out the four items, the alerts, the deadlines, the signal count,
/// the date an offer is needed by and the ranked next actions.
pub fn report(wb: &Workbook, today: NaiveDate) -> NowReport {
    let book = &wb.now;
    let runway = runway_figure(wb, today);
    let deadlines = deadlines(book, wb.runway.separation);
    let offer = offer_needed(wb, &runway, today);
    let facts = MoneyFacts {
        runway: &runway,
        benefit: wb.runway.benefit.is_some(),
        cover: !wb.runway.cover.is_empty(),
        vesting: vesting_line(wb, today),
        soon: deadlines.within(today, DEADLINE_SOON_DAYS).collect(),
    };
    let items = vec![
        impact_item(&wb.impact.wins, book, today),
        positioning_item(&book.positioning, &wb.pipeline, book, today),
        options_item(book, &wb.pipeline, offer.as_ref(), today),
        money_item(&facts, book, today),
    ];
    let alerts = alerts(wb, today, &runway, &deadlines, offer.as_ref());
    let next = next_actions(wb, today, &runway, &deadlines, offer.as_ref());
    NowReport {
        items,
        alerts,
        signals_recent: signals_within(&book.signals, today, SIGNAL_WINDOW_DAYS),
        last_review: book.last_review,
        deadlines,
        runway,
        offer,
        next,
        after_notice: book.notice.is_some(),
    }
}
