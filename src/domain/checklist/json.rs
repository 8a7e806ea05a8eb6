//! `careerbook check --format json` and `careerbook check --alerts --format json`.

use super::alerts::{Alert, AlertKind};
use super::items::{ItemReport, Status};
use chrono::NaiveDate;
use serde::Serialize;

/// One item: `{id, title, status, reason}`, status `done`, `attention` or `todo`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckItemJson {
    /// `impact`, `positioning`, `options` or `money`.
    pub id: &'static str,
    pub title: &'static str,
    pub status: Status,
    /// One line; for an item ticked by hand, the tick, then the computed status and reason.
    pub reason: String,
}

impl From<&ItemReport> for CheckItemJson {
    fn from(item: &ItemReport) -> Self {
        Self {
            id: item.id.key(),
            title: item.title(),
            status: item.status(),
            reason: item.full_reason(),
        }
    }
}

/// One alert: `{kind, date, text}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlertJson {
    pub kind: AlertKind,
    pub date: NaiveDate,
    pub text: String,
}

impl From<&Alert> for AlertJson {
    fn from(alert: &Alert) -> Self {
        Self {
            kind: alert.kind,
            date: alert.date,
            text: alert.text.clone(),
        }
    }
}
