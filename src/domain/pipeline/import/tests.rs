//! Import tests over the fixture files in `tests/fixtures/import/`.

use super::*;
use crate::domain::pipeline::Application;
use rust_decimal_macros::dec;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/import/",
            $name
        ))
    };
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

const TODAY: (i32, u32, u32) = (2026, 11, 26);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn plan(text: &str, pipeline: &Pipeline) -> ImportPlan {
    plan_import(text.as_bytes(), pipeline, today()).expect("the fixture is importable")
}

fn change(stage: Stage, date: NaiveDate) -> StageChange {
    StageChange { stage, date }
}

fn find<'a>(plan: &'a ImportPlan, company: &str) -> &'a NewApplication {
    plan.rows
        .iter()
        .find(|a| a.company == company)
        .expect("row imported")
}

#[test]
fn line_breaks_inside_cells_are_kept_as_newlines() {
    // messy_headers.csv is saved with CRLF line ends, inside Globex's note too.
    let plan = plan(fixture!("messy_headers.csv"), &Pipeline::default());
    assert_eq!(
        find(&plan, "Globex").notes.as_deref(),
        Some("Met Dana at the meetup.\nShe referred me.")
    );
    let text = "Company,Role,Next step\r\nAcme,SRE,\"Call\rthen write\"\r\n";
    let plan = plan_import(text.as_bytes(), &Pipeline::default(), today()).expect("reads");
    assert_eq!(
        plan.rows[0].next_action.as_deref(),
        Some("Call\nthen write")
    );
}

#[test]
fn messy_headers_bom_blank_lines_and_extra_columns() {
    let plan = plan(fixture!("messy_headers.csv"), &Pipeline::default());
    let companies: Vec<&str> = plan.rows.iter().map(|a| a.company.as_str()).collect();
    assert_eq!(
        companies,
        ["Acme Corp", "Globex", "Initech", "Hooli", "Umbrella"]
    );
    assert_eq!(plan.ignored_columns, vec!["Recruiter Phone"]);
    assert_eq!(plan.date_order, DateOrder::MonthFirst);
    assert_eq!(plan.duplicates, vec![]);
    // Spreadsheet rows: header 1, Acme 2, blank 3, Globex 4 (its note spans two
    // lines), Initech 5, commas-only 6, Hooli 7, Umbrella 8, Vandelay 9.
    assert_eq!(
        plan.bad,
        vec![BadRow {
            row_number: 9,
            reason: "status \"Maybe\" is not a stage careerbook knows (use one of: wishlist, \
                     applied, screening, interviewing, offer, accepted, declined, rejected, \
                     withdrawn, ghosted, or words such as \"phone screen\", \"onsite\", \
                     \"no response\")"
                .into()
        }]
    );

    let acme = find(&plan, "Acme Corp");
    assert_eq!(acme.role, "Senior SRE");
    assert_eq!(acme.stage, Stage::Applied);
    assert_eq!(acme.history, vec![change(Stage::Applied, d(2026, 11, 2))]);
    assert_eq!(acme.source, Source::JobBoard); // "LinkedIn"
    assert_eq!(acme.link.as_deref(), Some("https://acme.example/jobs/1"));
    assert_eq!(acme.location.as_deref(), Some("Remote (US)"));
    assert_eq!(acme.follow_up, Some(d(2026, 11, 16)));
    assert_eq!(acme.next_action.as_deref(), Some("Email recruiter"));
    assert_eq!(
        acme.salary,
        Some(SalaryRange {
            min: Some(dec!(150000)),
            max: Some(dec!(180000)),
            note: None
        })
    );

    // "Phone screen": applied on the sheet's date, screening as of the import day.
    let globex = find(&plan, "Globex");
    assert_eq!(
        globex.history,
        vec![
            change(Stage::Applied, d(2026, 10, 20)),
            change(Stage::Screening, today())
        ]
    );
    assert_eq!(globex.location.as_deref(), Some("Seattle, WA"));
    assert!(
        globex
            .notes
            .as_deref()
            .is_some_and(|n| n.ends_with("She referred me."))
    );

    assert_eq!(find(&plan, "Initech").stage, Stage::Interviewing); // "Onsite"
    assert_eq!(find(&plan, "Initech").applied_on(), Some(d(2026, 10, 26))); // "26 Oct 2026"
    let hooli = find(&plan, "Hooli");
    assert_eq!(hooli.stage, Stage::Rejected); // "No"
    assert_eq!(hooli.applied_on(), Some(d(2026, 10, 1))); // "Oct 1, 2026"
    assert_eq!(
        hooli.salary.as_ref().and_then(|s| s.note.as_deref()),
        Some("DOE")
    );
    // No status and no date: a wishlist item recorded today.
    let umbrella = find(&plan, "Umbrella");
    assert_eq!(umbrella.history, vec![change(Stage::Wishlist, today())]);
    assert_eq!(umbrella.applied_on(), None);
    assert_eq!(umbrella.source, Source::Other);
}

#[test]
fn bad_rows_are_listed_with_row_numbers_and_every_reason() {
    let plan = plan(fixture!("bad_rows.csv"), &Pipeline::default());
    let imported: Vec<&str> = plan.rows.iter().map(|a| a.company.as_str()).collect();
    assert_eq!(imported, ["Acme", "Stark"]);
    let stark = find(&plan, "Stark");
    assert_eq!(stark.applied_on(), Some(d(2026, 11, 1)));
    assert_eq!(stark.follow_up, Some(d(2026, 12, 1)));
    let bad: Vec<(usize, &str)> = plan
        .bad
        .iter()
        .map(|b| (b.row_number, b.reason.as_str()))
        .collect();
    assert_eq!(bad.len(), 7);
    assert_eq!(bad[0].0, 3);
    assert!(
        bad[0].1.starts_with("status \"Maybe\" is not a stage"),
        "{}",
        bad[0].1
    );
    assert_eq!(bad[1], (4, "company is empty"));
    assert_eq!(
        bad[2],
        (
            5,
            "date applied: \"2026-13-45\" is not a real date (read as year-month-day)"
        )
    );
    assert_eq!(
        bad[3],
        (6, "date applied is empty; status interviewing needs it")
    );
    assert_eq!(bad[4], (7, "date applied 2027-03-01 is after today"));
    assert_eq!(bad[5].0, 8);
    assert!(
        bad[5].1.starts_with("\"Carrier pigeon\" is not a source"),
        "{}",
        bad[5].1
    );
    assert!(
        bad[5]
            .1
            .contains("; follow up: \"next week\" is not a date"),
        "{}",
        bad[5].1
    );
    assert_eq!(
        bad[6],
        (
            9,
            "role is empty; salary: the top of the range (150000) is below the bottom (200000)"
        )
    );
}

#[test]
fn missing_required_columns_name_what_is_missing_and_what_was_found() {
    let err = plan_import(
        fixture!("missing_columns.csv").as_bytes(),
        &Pipeline::default(),
        today(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        ImportError::MissingColumns {
            missing: vec![Column::Company, Column::Role],
            found: vec![
                "Organisation Name".into(),
                "Status".into(),
                "Date Applied".into(),
                "Notes".into()
            ],
        }
    );
    let message = err.to_string();
    assert!(
        message.starts_with(
            "missing required columns: Company (a column headed Company, Company Name, Employer"
        ),
        "{message}"
    );
    assert!(
        message.contains("; Role (a column headed Role, Position"),
        "{message}"
    );
    assert!(
        message.ends_with(
            "the header row has \"Organisation Name\", \"Status\", \"Date Applied\", \"Notes\""
        ),
        "{message}"
    );
}

#[test]
fn an_empty_file_has_no_header() {
    for text in ["", "\n\n", "\u{feff}"] {
        assert_eq!(
            plan_import(text.as_bytes(), &Pipeline::default(), today()),
            Err(ImportError::NoHeader)
        );
    }
}

#[test]
fn a_header_only_file_imports_nothing() {
    let plan = plan("Company,Role\n", &Pipeline::default());
    assert!(plan.rows.is_empty() && plan.bad.is_empty() && plan.duplicates.is_empty());
}

#[test]
fn duplicates_against_the_pipeline_and_within_the_file() {
    let mut pipeline = Pipeline::default();
    pipeline.applications.push(Application::new(
        41,
        "Acme Corp",
        "Senior SRE",
        Stage::Applied,
        d(2026, 11, 2),
    ));
    pipeline.applications.push(Application::new(
        42,
        "Globex",
        "Platform Engineer",
        Stage::Wishlist,
        d(2026, 10, 1),
    ));
    let plan = plan(fixture!("duplicates.csv"), &pipeline);
    assert_eq!(
        plan.duplicates,
        vec![
            // "ACME Corp." / "Senior  SRE" on 11/02/2026 is #41 (case, spaces, punctuation ignored).
            DuplicateRow {
                row_number: 2,
                of: DuplicateOf::Existing(41)
            },
            // #42 is an undated wishlist item: same job whatever the date.
            DuplicateRow {
                row_number: 4,
                of: DuplicateOf::Existing(42)
            },
            DuplicateRow {
                row_number: 6,
                of: DuplicateOf::Row(5)
            },
        ]
    );
    // Same company and role applied on another day is a new application.
    let new: Vec<(&str, Option<NaiveDate>)> = plan
        .rows
        .iter()
        .map(|a| (a.company.as_str(), a.applied_on()))
        .collect();
    assert_eq!(
        new,
        [
            ("Acme Corp", Some(d(2026, 5, 1))),
            ("Initech", Some(d(2026, 11, 3)))
        ]
    );
}

#[test]
fn importing_the_same_file_twice_adds_nothing_the_second_time() {
    let mut pipeline = Pipeline::default();
    let first = plan(fixture!("messy_headers.csv"), &pipeline);
    let imported = first.rows.len();
    for (id, new) in (100..).zip(first.rows) {
        pipeline.applications.push(new.into_application(id));
    }
    assert_eq!(pipeline.validate(), Ok(()));
    let again = plan(fixture!("messy_headers.csv"), &pipeline);
    assert!(again.rows.is_empty());
    assert_eq!(again.duplicates.len(), imported);
    assert_eq!(again.bad, first.bad);
}

#[test]
fn semicolons_and_day_first_dates_are_recognised() {
    let plan = plan(fixture!("semicolon_day_first.csv"), &Pipeline::default());
    // 26/10/2026 can only be day-first, so 03/12/2026 is 3 December.
    assert_eq!(plan.date_order, DateOrder::DayFirst);
    assert_eq!(plan.bad, vec![]);
    let acme = find(&plan, "Acme");
    assert_eq!(acme.applied_on(), Some(d(2026, 10, 26)));
    assert_eq!(acme.follow_up, Some(d(2026, 12, 3)));
    assert_eq!(find(&plan, "Globex").applied_on(), Some(d(2026, 11, 3)));
}

#[test]
fn rows_that_are_not_utf8_are_bad_rows() {
    let mut bytes = b"Company,Role\nAcme,SRE\n".to_vec();
    bytes.extend_from_slice(b"Caf\xE9 Inc,Barista\nGlobex,SRE\n");
    let plan = plan_import(bytes.as_slice(), &Pipeline::default(), today()).unwrap();
    assert_eq!(plan.rows.len(), 2);
    assert_eq!(plan.bad.len(), 1);
    assert_eq!(plan.bad[0].row_number, 3);
    assert!(plan.bad[0].reason.contains("not UTF-8"));
    let header = plan_import(&b"Compa\xF1ia,Role\n"[..], &Pipeline::default(), today());
    assert_eq!(header, Err(ImportError::HeaderNotText));
}

#[test]
fn a_history_column_wins_and_a_newer_status_is_appended() {
    let text = "Company,Role,Status,History\n\
                Acme,SRE,offer,applied 2026-10-01; interviewing 2026-10-20\n\
                Globex,SRE,,applied 2026-10-01\n\
                Initech,SRE,,applied 2027-01-01\n";
    let plan = plan(text, &Pipeline::default());
    assert_eq!(
        find(&plan, "Acme").history,
        vec![
            change(Stage::Applied, d(2026, 10, 1)),
            change(Stage::Interviewing, d(2026, 10, 20)),
            change(Stage::Offer, today()),
        ]
    );
    assert_eq!(
        find(&plan, "Globex").history,
        vec![change(Stage::Applied, d(2026, 10, 1))]
    );
    assert_eq!(
        plan.bad,
        vec![BadRow {
            row_number: 4,
            reason: "history: applied 2027-01-01 is after today".into()
        }]
    );
}

#[test]
fn withdrawn_needs_no_date_but_other_closed_stages_do() {
    let text = "Company,Role,Status,Date Applied\n\
                Acme,SRE,withdrawn,\n\
                Globex,SRE,withdrawn,2026-10-01\n\
                Initech,SRE,ghosted,\n";
    let plan = plan(text, &Pipeline::default());
    assert_eq!(
        find(&plan, "Acme").history,
        vec![change(Stage::Withdrawn, today())]
    );
    assert_eq!(
        find(&plan, "Globex").history,
        vec![
            change(Stage::Applied, d(2026, 10, 1)),
            change(Stage::Withdrawn, today())
        ]
    );
    assert_eq!(
        plan.bad[0].reason,
        "date applied is empty; status ghosted needs it"
    );
}

#[test]
fn tab_separated_text_is_read() {
    let plan = plan(
        "Company\tRole\tApplied\nAcme, Inc.\tSRE\t2026-11-02\n",
        &Pipeline::default(),
    );
    assert_eq!(find(&plan, "Acme, Inc.").applied_on(), Some(d(2026, 11, 2)));
}

#[test]
fn row_numbers_count_blank_lines_but_not_breaks_inside_cells() {
    // Spreadsheet rows: blank 1, header 2, Acme 3 (one row for three lines),
    // blank 4, blank 5, Globex 6.
    let text = "\nCompany,Role,Notes\nAcme,SRE,\"line one\nline two\nline three\"\n\n\nGlobex,,\n";
    let plan = plan(text, &Pipeline::default());
    assert_eq!(
        plan.bad,
        vec![BadRow {
            row_number: 6,
            reason: "role is empty".into()
        }]
    );
    assert_eq!(
        find(&plan, "Acme").notes.as_deref(),
        Some("line one\nline two\nline three")
    );
}

#[test]
fn linkedin_job_applications_with_their_dates_and_times() {
    // LinkedIn writes "11/14/24, 9:35 PM": month first, two-digit year, a
    // comma, then the time. Every row used to fail on it.
    let plan = plan(
        fixture!("linkedin_job_applications.csv"),
        &Pipeline::default(),
    );
    assert_eq!(plan.bad, vec![]);
    let read: Vec<(&str, &str, Stage, Option<NaiveDate>)> = plan
        .rows
        .iter()
        .map(|a| (a.company.as_str(), a.role.as_str(), a.stage, a.applied_on()))
        .collect();
    assert_eq!(
        read,
        [
            (
                "Northwind Cloud",
                "Principal Cloud Architect",
                Stage::Applied,
                Some(d(2024, 11, 14))
            ),
            (
                "Lumen AI",
                "Founding Infrastructure Engineer",
                Stage::Applied,
                Some(d(2024, 11, 3))
            ),
            (
                "Stratus Data, Inc.",
                "Staff Data Platform Engineer",
                Stage::Applied,
                Some(d(2024, 10, 28))
            ),
        ]
    );
    assert_eq!(
        plan.rows[0].link.as_deref(),
        Some("https://www.linkedin.com/jobs/view/4000000001")
    );
    assert_eq!(
        plan.ignored_columns,
        [
            "Contact Email",
            "Contact Phone Number",
            "Resume Name",
            "Question And Answers"
        ]
    );
    assert_eq!(plan.date_order, DateOrder::MonthFirst);
    for cell in [
        "11/14/24, 9:35 PM",
        "11/14/2024, 09:35",
        "2024-11-14, 9:35 pm",
    ] {
        assert_eq!(
            parse_sheet_date(cell, DateOrder::MonthFirst),
            Ok(d(2024, 11, 14)),
            "{cell}"
        );
    }
}
