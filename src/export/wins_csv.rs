//! `careerbook wins --format csv`: one row per win under a header row.
//!
//! Cells hold exactly what the user typed (the metric as written, tags joined
//! with `;`, empty for a missing value); the csv crate quotes commas, quotes and
//! line breaks so every value reads back unchanged. A cell a spreadsheet would
//! run as a formula (`=`, `+`, `-`, `@` …) starts with `'` ([`csv_cell_guarded`]).

use crate::domain::impact::Win;
use crate::text::csv_cell_guarded;
use std::io::Write;

/// The header row, in column order.
pub const HEADER: [&str; 8] = [
    "id", "date", "title", "category", "metric", "tags", "notes", "link",
];

/// Writes the header and one row per win, in the order given.
pub fn write<W: Write>(wins: &[&Win], writer: W) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(writer);
    out.write_record(HEADER)?;
    for win in wins {
        let id = win.id.to_string();
        let date = win.date.to_string();
        let tags = win.tags.join(";");
        let cells = [
            id.as_str(),
            date.as_str(),
            win.title.as_str(),
            win.category.key(),
            win.metric
                .as_ref()
                .map_or("", |metric| metric.text.as_str()),
            tags.as_str(),
            win.notes.as_deref().unwrap_or(""),
            win.link.as_deref().unwrap_or(""),
        ];
        out.write_record(cells.map(csv_cell_guarded).iter().map(|c| c.as_bytes()))?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::{Category, Metric};
    use chrono::NaiveDate;

    fn sample() -> Vec<Win> {
        vec![
            Win {
                id: 12,
                date: NaiveDate::from_ymd_opt(2026, 10, 14).expect("valid test date"),
                title: "Consolidated EC2, RDS and \"legacy\" clusters".into(),
                category: Category::CostSavings,
                metric: Some(Metric::parse("$40k/yr").expect("test metric")),
                notes: Some("Line one, with a comma\nLine \"two\"\r\nend".into()),
                tags: vec!["aws".into(), "infra".into()],
                link: Some("https://wiki.example.com/a,b".into()),
            },
            Win {
                id: 13,
                date: NaiveDate::from_ymd_opt(2026, 11, 2).expect("valid test date"),
                title: "Mentored two hires".into(),
                category: Category::Other,
                metric: None,
                notes: None,
                tags: vec![],
                link: None,
            },
        ]
    }

    fn written(wins: &[Win]) -> String {
        let refs: Vec<&Win> = wins.iter().collect();
        let mut bytes = Vec::new();
        write(&refs, &mut bytes).expect("writes to memory");
        String::from_utf8(bytes).expect("utf-8")
    }

    #[test]
    fn header_and_plain_row() {
        let text = written(&sample()[1..]);
        assert_eq!(
            text,
            "id,date,title,category,metric,tags,notes,link\n\
             13,2026-11-02,Mentored two hires,other,,,,\n"
        );
    }

    #[test]
    fn cells_a_spreadsheet_would_run_start_with_a_quote() {
        let mut win = sample().remove(1);
        win.title = "=cmd|' /C calc'!A0".into();
        win.metric = Some(Metric::parse("-30% p99").expect("test metric"));
        win.notes = Some("@SUM(A1:A9)".into());
        let text = written(&[win]);
        assert_eq!(
            text.lines().nth(1),
            Some("13,2026-11-02,'=cmd|' /C calc'!A0,other,'-30% p99,,'@SUM(A1:A9),")
        );
    }

    #[test]
    fn commas_quotes_and_newlines_round_trip() {
        let wins = sample();
        let text = written(&wins);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            reader.headers().expect("header").iter().collect::<Vec<_>>(),
            HEADER
        );
        let rows: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .expect("reads back");
        assert_eq!(rows.len(), 2);
        let first: Vec<&str> = rows[0].iter().collect();
        assert_eq!(
            first,
            [
                "12",
                "2026-10-14",
                "Consolidated EC2, RDS and \"legacy\" clusters",
                "cost_savings",
                "$40k/yr",
                "aws;infra",
                "Line one, with a comma\nLine \"two\"\r\nend",
                "https://wiki.example.com/a,b",
            ]
        );
    }
}
