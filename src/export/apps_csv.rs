//! `careerbook apps --format csv`: one header row, one row per application.
//! The columns are ones `careerbook import apps` reads back, history included,
//! so an export re-imports into another workbook unchanged. A cell a
//! spreadsheet would run as a formula is guarded with a leading `'`
//! ([`csv_cell_guarded`]), which the import takes off again.

use crate::domain::money;
use crate::domain::pipeline::{Application, StageChange};
use crate::text::csv_cell_guarded;
use chrono::NaiveDate;
use rust_decimal::Decimal;

pub const HEADER: [&str; 16] = [
    "id",
    "company",
    "role",
    "stage",
    "applied",
    "follow_up",
    "source",
    "track",
    "link",
    "location",
    "salary_min",
    "salary_max",
    "salary_note",
    "next_action",
    "notes",
    "history",
];

/// The CSV text for `applications`, in the order given. Enums are their keys;
/// dates `YYYY-MM-DD`; salary ends 2-place decimals; history reads
/// `applied 2026-10-01; screening 2026-10-08`. Blank cells stand for "none".
pub fn applications_csv(applications: &[Application]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    for app in applications {
        writer.write_record(
            row(app)
                .iter()
                .map(|cell| csv_cell_guarded(cell).into_owned()),
        )?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| csv::Error::from(err.into_error()))?;
    // Every cell came from a `String`, so the bytes are UTF-8.
    String::from_utf8(bytes)
        .map_err(|err| csv::Error::from(std::io::Error::new(std::io::ErrorKind::InvalidData, err)))
}

fn row(app: &Application) -> [String; 16] {
    let salary = app.salary.as_ref();
    [
        app.id.to_string(),
        app.company.clone(),
        app.role.clone(),
        app.stage.key().to_string(),
        date(app.applied_on()),
        date(app.follow_up),
        app.source.key().to_string(),
        app.track.key().to_string(),
        text(&app.link),
        text(&app.location),
        amount(salary.and_then(|s| s.min)),
        amount(salary.and_then(|s| s.max)),
        salary.map_or_else(String::new, |s| text(&s.note)),
        text(&app.next_action),
        text(&app.notes),
        history(&app.history),
    ]
}

fn date(date: Option<NaiveDate>) -> String {
    date.map_or_else(String::new, |d| d.to_string())
}

fn text(text: &Option<String>) -> String {
    text.clone().unwrap_or_default()
}

fn amount(amount: Option<Decimal>) -> String {
    amount.map_or_else(String::new, |a| format!("{:.2}", money::round_cents(a)))
}

fn history(history: &[StageChange]) -> String {
    history
        .iter()
        .map(|c| format!("{} {}", c.stage.key(), c.date))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pipeline::import::plan_import;
    use crate::domain::pipeline::{Pipeline, SalaryRange, Source, Stage, Track};
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn sample() -> Vec<Application> {
        let mut full = Application::new(
            1,
            "Acme, Inc.",
            "Senior SRE",
            Stage::Wishlist,
            d(2026, 9, 28),
        );
        full.move_to(Stage::Applied, d(2026, 10, 1)).unwrap();
        full.move_to(Stage::Interviewing, d(2026, 10, 15)).unwrap();
        full.track = Track::CloudOrSaas;
        full.source = Source::Referral;
        full.link = Some("https://acme.example/jobs?id=42&src=x".into());
        full.location = Some("Remote (US)".into());
        full.salary = Some(SalaryRange {
            min: Some(dec!(150000)),
            max: Some(dec!(185000.50)),
            note: Some("+ equity".into()),
        });
        full.next_action = Some("Send thank-you note".into());
        full.follow_up = Some(d(2026, 10, 20));
        full.notes = Some("Panel said \"great\",\nthen silence; odd".into());
        let mut ghosted = Application::new(
            2,
            "Globex",
            "Platform engineer",
            Stage::Applied,
            d(2026, 9, 1),
        );
        ghosted.move_to(Stage::Ghosted, d(2026, 10, 1)).unwrap();
        let wish = Application::new(
            3,
            "Initech",
            "Data engineer",
            Stage::Wishlist,
            d(2026, 11, 2),
        );
        vec![full, ghosted, wish]
    }

    #[test]
    fn header_then_one_row_per_application() {
        let text = applications_csv(&sample()).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some(
                "id,company,role,stage,applied,follow_up,source,track,link,location,salary_min,\
                 salary_max,salary_note,next_action,notes,history"
            )
        );
        assert_eq!(
            text.lines().find(|l| l.starts_with("2,")),
            Some(
                "2,Globex,Platform engineer,ghosted,2026-09-01,,other,other,,,,,,,,applied 2026-09-01; ghosted 2026-10-01"
            )
        );
        let records = csv::Reader::from_reader(text.as_bytes()).records().count();
        assert_eq!(records, 3);
        // "+ equity" would be read as a formula: it is guarded with a quote.
        assert!(text.contains(",150000.00,185000.50,'+ equity,"), "{text}");
        assert_eq!(
            applications_csv(&[]).unwrap(),
            format!("{}\n", HEADER.join(","))
        );
    }

    #[test]
    fn export_then_import_gives_the_same_applications() {
        let apps = sample();
        let text = applications_csv(&apps).unwrap();
        let plan = plan_import(text.as_bytes(), &Pipeline::default(), d(2026, 11, 26)).unwrap();
        assert_eq!(plan.bad, vec![]);
        assert_eq!(plan.duplicates, vec![]);
        assert_eq!(plan.ignored_columns, vec!["id"]);
        let back: Vec<Application> = plan
            .rows
            .into_iter()
            .zip(&apps)
            .map(|(new, old)| new.into_application(old.id))
            .collect();
        assert_eq!(back, apps);
    }

    #[test]
    fn formula_cells_are_guarded_and_import_back_exactly() {
        let mut app = Application::new(
            7,
            "=HYPERLINK(\"http://evil.example\",\"Acme\")",
            "@SUM(1+1)",
            Stage::Applied,
            d(2026, 10, 1),
        );
        app.location = Some("+1 remote".into());
        app.notes = Some("-30% time to hire\n=not a formula on line two".into());
        app.next_action = Some("'=already quoted".into());
        let text = applications_csv(std::slice::from_ref(&app)).unwrap();
        let row = csv::Reader::from_reader(text.as_bytes())
            .records()
            .next()
            .expect("a row")
            .expect("readable");
        assert_eq!(&row[1], "'=HYPERLINK(\"http://evil.example\",\"Acme\")");
        assert_eq!(&row[2], "'@SUM(1+1)");
        assert_eq!(&row[9], "'+1 remote");
        assert_eq!(&row[13], "''=already quoted");
        assert_eq!(&row[14], "'-30% time to hire\n=not a formula on line two");
        let plan = plan_import(text.as_bytes(), &Pipeline::default(), d(2026, 11, 26)).unwrap();
        assert_eq!(plan.bad, vec![]);
        let back: Vec<Application> = plan
            .rows
            .into_iter()
            .map(|new| new.into_application(7))
            .collect();
        assert_eq!(back, vec![app]);
    }

    proptest! {
        /// Commas, quotes, semicolons and line breaks in text survive the trip.
        #[test]
        fn text_survives_export_and_import(
            company in "[A-Za-z0-9][A-Za-z0-9,;\"' \n]{0,15}[A-Za-z0-9]",
            notes in "[A-Za-z0-9][A-Za-z0-9,;\"' \n]{0,30}[A-Za-z0-9.]",
        ) {
            let mut app = Application::new(9, company, "Role", Stage::Applied, d(2026, 10, 1));
            app.notes = Some(notes);
            let text = applications_csv(std::slice::from_ref(&app)).unwrap();
            let plan = plan_import(text.as_bytes(), &Pipeline::default(), d(2026, 11, 26)).unwrap();
            prop_assert_eq!(plan.bad, vec![]);
            let back: Vec<Application> = plan.rows.into_iter().map(|new| new.into_application(9)).collect();
            prop_assert_eq!(back, vec![app]);
        }
    }
}
