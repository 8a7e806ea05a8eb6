//! What every panel of the Now tab reads, built once per refresh: the report
//! `careerbook check` prints, the signals newest first, and what the forms
//! start from.

use super::review;
use crate::domain::checklist::{LayoffNotice, NowReport, Positioning, Signal, report};
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
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
    pub fn of(wb: &Workbook, today: NaiveDate, keys: &Keymap) -> Self {
        let book = &wb.now;
        let mut signals = book.signals.clone();
        signals.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
        let mut report = report(wb, today);
        for item in &mut report.items {
            item.reason = keyed(&item.reason, keys);
            for line in &mut item.explain {
                *line = keyed(line, keys);
            }
        }
        Self {
            today,
            report,
            signals,
            positioning: book.positioning.clone(),
            notice: book.notice.clone(),
            notice_pay_start: wb.runway.notice.as_ref().map(|n| n.start),
            separation: wb.runway.separation,
            review: review::Data::of(wb, today),
        }
    }
}

/// The checklist's reasons name this tab's keys as they are by default (the
/// command line prints the same words): here they name the keys in use.
fn keyed(text: &str, keys: &Keymap) -> String {
    [
        (Action::SelfCheck, "p"),
        (Action::ResumeToday, "r"),
        (Action::LinkedinToday, "i"),
    ]
    .into_iter()
    .fold(text.to_string(), |text, (action, default)| {
        let key = keys.key_for(Scope::Now, action);
        text.replace(
            &format!("(Now tab, {default})"),
            &format!("(Now tab, {key})"),
        )
    })
}
