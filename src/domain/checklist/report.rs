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
        }
    }
}

/// Works out the four items, the alerts, the deadlines and the signal count.
pub fn report(wb: &Workbook, today: NaiveDate) -> NowReport {
    let book = &wb.now;
    let runway = runway_figure(wb, today);
    let deadlines = deadlines(book, wb.runway.separation);
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
        options_item(book, &wb.pipeline, today),
        money_item(&facts, book, today),
    ];
    let alerts = alerts(wb, today, &runway, &deadlines);
    NowReport {
        items,
        alerts,
        signals_recent: signals_within(&book.signals, today, SIGNAL_WINDOW_DAYS),
        last_review: book.last_review,
        deadlines,
        runway,
    }
}
