//! What every panel of the Now tab reads, built once per refresh: the report
//! `careerbook check` prints, the signals newest first, and what the forms
//! start from.

use super::review;
use crate::domain::checklist::{LayoffNotice, NowReport, Positioning, Signal, report};
use crate::domain::workbook::Workbook;
use chrono::NaiveDate;

pub struct Shared {
    pub today: NaiveDate,
    pub report: NowReport,
    /// Newest first.
    pub signals: Vec<Signal>,
    pub positioning: Positioning,
    pub notice: Option<LayoffNotice>,
    /// Pre-fills the notice form: the Runway tab's notice pay start and separation.
    pub notice_pay_start: Option<NaiveDate>,
    pub separation: Option<NaiveDate>,
    /// The workbook's records the weekly review's steps list.
    pub review: review::Data,
}

impl Default for Shared {
    fn default() -> Self {
        Self {
            today: NaiveDate::MIN,
            report: NowReport::default(),
            signals: Vec::new(),
            positioning: Positioning::default(),
            notice: None,
            notice_pay_start: None,
            separation: None,
            review: review::Data::default(),
        }
    }
}

impl Shared {
    pub fn of(wb: &Workbook, today: NaiveDate) -> Self {
        let book = &wb.now;
        let mut signals = book.signals.clone();
        signals.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
        Self {
            today,
            report: report(wb, today),
            signals,
            positioning: book.positioning.clone(),
            notice: book.notice.clone(),
            notice_pay_start: wb.runway.notice.as_ref().map(|n| n.start),
            separation: wb.runway.separation,
            review: review::Data::of(wb, today),
        }
    }
}
