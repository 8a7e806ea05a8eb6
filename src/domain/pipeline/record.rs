//! The JSON shape of an application for `careerbook apps --format json`.

use super::{Application, Source, Stage, StageChange, Track};
use crate::domain::Id;
use crate::domain::money::serialize_cents_or_null as money_or_null;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// One application as the CLI prints it: enums as snake_case keys, dates as
/// `YYYY-MM-DD` or null, salary ends as 2-place decimal strings or null.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApplicationRecord<'a> {
    pub id: Id,
    pub company: &'a str,
    pub role: &'a str,
    pub stage: Stage,
    /// Still on the board (wishlist … offer).
    pub active: bool,
    /// [`Application::applied_on`].
    pub applied: Option<NaiveDate>,
    pub follow_up: Option<NaiveDate>,
    pub next_action: Option<&'a str>,
    pub source: Source,
    pub track: Track,
    pub link: Option<&'a str>,
    pub location: Option<&'a str>,
    #[serde(serialize_with = "money_or_null")]
    pub salary_min: Option<Decimal>,
    #[serde(serialize_with = "money_or_null")]
    pub salary_max: Option<Decimal>,
    pub salary_note: Option<&'a str>,
    pub notes: Option<&'a str>,
    pub history: &'a [StageChange],
    pub contacts: &'a [Id],
    pub stories: &'a [Id],
}

impl<'a> From<&'a Application> for ApplicationRecord<'a> {
    fn from(app: &'a Application) -> Self {
        let salary = app.salary.as_ref();
        Self {
            id: app.id,
            company: &app.company,
            role: &app.role,
            stage: app.stage,
            active: app.stage.is_active(),
            applied: app.applied_on(),
            follow_up: app.follow_up,
            next_action: app.next_action.as_deref(),
            source: app.source,
            track: app.track,
            link: app.link.as_deref(),
            location: app.location.as_deref(),
            salary_min: salary.and_then(|s| s.min),
            salary_max: salary.and_then(|s| s.max),
            salary_note: salary.and_then(|s| s.note.as_deref()),
            notes: app.notes.as_deref(),
            history: &app.history,
            contacts: &app.contacts,
            stories: &app.stories,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pipeline::SalaryRange;
    use rust_decimal_macros::dec;
    use serde_json::json;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn json_record_has_the_issue_fields() {
        let mut app = Application::new(7, "Acme", "SRE", Stage::Wishlist, d(2026, 10, 1));
        app.move_to(Stage::Applied, d(2026, 10, 3)).unwrap();
        app.move_to(Stage::Screening, d(2026, 10, 9)).unwrap();
        app.source = Source::JobBoard;
        app.track = Track::CloudOrSaas;
        app.follow_up = Some(d(2026, 10, 16));
        app.salary = Some(SalaryRange {
            min: Some(dec!(120000)),
            max: None,
            note: None,
        });
        app.contacts = vec![3];
        let value = serde_json::to_value(ApplicationRecord::from(&app)).unwrap();
        assert_eq!(
            value,
            json!({
                "id": 7, "company": "Acme", "role": "SRE", "stage": "screening", "active": true,
                "applied": "2026-10-03", "follow_up": "2026-10-16", "next_action": null,
                "source": "job_board", "track": "cloud_or_saas", "link": null, "location": null,
                "salary_min": "120000.00", "salary_max": null, "salary_note": null, "notes": null,
                "history": [
                    {"stage": "wishlist", "date": "2026-10-01"},
                    {"stage": "applied", "date": "2026-10-03"},
                    {"stage": "screening", "date": "2026-10-09"}
                ],
                "contacts": [3], "stories": []
            })
        );
    }

    #[test]
    fn a_wishlist_item_has_no_applied_date() {
        let app = Application::new(1, "Acme", "SRE", Stage::Wishlist, d(2026, 10, 1));
        let value = serde_json::to_value(ApplicationRecord::from(&app)).unwrap();
        assert_eq!(value["applied"], serde_json::Value::Null);
        assert_eq!(value["follow_up"], serde_json::Value::Null);
    }
}
