//! Reading the cells of a spreadsheet row: status words, dates in the forms
//! spreadsheets write them, salary text, and careerbook's own history column.

use crate::domain::pipeline::{SalaryRange, Stage, StageChange};
use crate::domain::{dates, money};
use chrono::NaiveDate;

/// How an ambiguous slash date such as 03/04/2026 is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// 03/04/2026 is 4 March 2026: the US form, and the default.
    MonthFirst,
    /// 03/04/2026 is 3 April 2026: chosen when the file has a slash date whose
    /// first number is over 12 (26/11/2026) and none whose second is.
    DayFirst,
}

/// Status words and the stage each means (besides careerbook's own stage names).
/// Compared after lower-casing and reducing punctuation to spaces.
pub const STATUS_WORDS: &[(&str, Stage)] = &[
    ("saved", Stage::Wishlist),
    ("bookmarked", Stage::Wishlist),
    ("interested", Stage::Wishlist),
    ("to apply", Stage::Wishlist),
    ("not applied", Stage::Wishlist),
    ("not yet applied", Stage::Wishlist),
    ("researching", Stage::Wishlist),
    ("wish list", Stage::Wishlist),
    ("submitted", Stage::Applied),
    ("application submitted", Stage::Applied),
    ("sent", Stage::Applied),
    ("in review", Stage::Applied),
    ("under review", Stage::Applied),
    ("pending", Stage::Applied),
    ("waiting", Stage::Applied),
    ("screen", Stage::Screening),
    ("phone screen", Stage::Screening),
    ("phone call", Stage::Screening),
    ("phone interview", Stage::Screening),
    ("recruiter call", Stage::Screening),
    ("recruiter screen", Stage::Screening),
    ("hr screen", Stage::Screening),
    ("assessment", Stage::Screening),
    ("online assessment", Stage::Screening),
    ("oa", Stage::Screening),
    ("take home", Stage::Screening),
    ("coding challenge", Stage::Screening),
    ("interview", Stage::Interviewing),
    ("interviews", Stage::Interviewing),
    ("onsite", Stage::Interviewing),
    ("on site", Stage::Interviewing),
    ("virtual onsite", Stage::Interviewing),
    ("final round", Stage::Interviewing),
    ("first round", Stage::Interviewing),
    ("second round", Stage::Interviewing),
    ("panel", Stage::Interviewing),
    ("offered", Stage::Offer),
    ("offer received", Stage::Offer),
    ("offer extended", Stage::Offer),
    ("verbal offer", Stage::Offer),
    ("offer accepted", Stage::Accepted),
    ("hired", Stage::Accepted),
    ("offer declined", Stage::Declined),
    ("no", Stage::Rejected),
    ("rejection", Stage::Rejected),
    ("not selected", Stage::Rejected),
    ("not moving forward", Stage::Rejected),
    ("no offer", Stage::Rejected),
    ("unsuccessful", Stage::Rejected),
    ("position filled", Stage::Rejected),
    ("withdrew", Stage::Withdrawn),
    ("withdraw", Stage::Withdrawn),
    ("not interested", Stage::Withdrawn),
    ("no longer interested", Stage::Withdrawn),
    ("cancelled", Stage::Withdrawn),
    ("canceled", Stage::Withdrawn),
    ("pulled out", Stage::Withdrawn),
    ("no response", Stage::Ghosted),
    ("no reply", Stage::Ghosted),
    ("no answer", Stage::Ghosted),
    ("never heard back", Stage::Ghosted),
];

/// For longer phrases: the first of these word beginnings found decides, in
/// this order, so "Rejected after onsite" is rejected and "Declined offer" declined.
pub const STATUS_KEYWORDS: &[(&str, Stage)] = &[
    ("reject", Stage::Rejected),
    ("withdr", Stage::Withdrawn),
    ("ghost", Stage::Ghosted),
    ("accept", Stage::Accepted),
    ("declin", Stage::Declined),
    ("offer", Stage::Offer),
    ("interview", Stage::Interviewing),
    ("onsite", Stage::Interviewing),
    ("screen", Stage::Screening),
    ("appli", Stage::Applied),
    ("submit", Stage::Applied),
];

/// Reads a status cell (not blank) leniently: careerbook's stage names, then the
/// everyday words in [`STATUS_WORDS`], then the first keyword of [`STATUS_KEYWORDS`].
pub fn parse_status(text: &str) -> Result<Stage, String> {
    if let Ok(stage) = Stage::parse(text) {
        return Ok(stage);
    }
    let words = plain_words(text);
    let phrase = words.join(" ");
    let exact = STATUS_WORDS
        .iter()
        .find(|(word, _)| *word == phrase)
        .map(|(_, stage)| *stage);
    let keyword = || {
        STATUS_KEYWORDS
            .iter()
            .find(|(start, _)| words.iter().any(|word| word.starts_with(start)))
            .map(|(_, stage)| *stage)
    };
    exact.or_else(keyword).ok_or_else(|| {
        let stages: Vec<&str> = Stage::ALL.iter().map(Stage::key).collect();
        format!(
            "status {:?} is not a stage careerbook knows (use one of: {}, or words such as \
             \"phone screen\", \"onsite\", \"no response\")",
            text.trim(),
            stages.join(", ")
        )
    })
}

fn plain_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Chooses day-first only when some slash date proves it (first number over 12)
/// and none proves month-first (second number over 12).
pub fn detect_date_order<'a>(cells: impl Iterator<Item = &'a str>) -> DateOrder {
    let (mut day_first, mut month_first) = (false, false);
    for cell in cells {
        if let Some([a, b, _]) = slash_parts(drop_time(cell)) {
            day_first |= a.0 > 12;
            month_first |= b.0 > 12;
        }
    }
    if day_first && !month_first {
        DateOrder::DayFirst
    } else {
        DateOrder::MonthFirst
    }
}

/// Reads a date as spreadsheets write it: 2026-11-26, 2026/11/26, 11/26/2026 or
/// 11/26/26 (by `order`), 26.11.2026, 26 Nov 2026, Nov 26, 2026, 26-Nov-2026;
/// a trailing time (" 0:00", "T09:30:00") is ignored. Two-digit years are 20YY.
pub fn parse_sheet_date(text: &str, order: DateOrder) -> Result<NaiveDate, String> {
    let date = drop_time(text);
    let (ymd, how) = if let Some(parts) = year_first(date) {
        (year_month_day(parts), "year-month-day")
    } else if let Some([a, b, y]) = slash_parts(date) {
        match order {
            DateOrder::MonthFirst => ((year(y), a.0, b.0), "month/day/year"),
            DateOrder::DayFirst => ((year(y), b.0, a.0), "day/month/year"),
        }
    } else if let Some([a, b, y]) = split_numbers(date, '.').filter(|p| p[2].1 == 4) {
        ((year(y), b.0, a.0), "day.month.year")
    } else if let Some(ymd) = named_month(date) {
        (ymd, "day month year")
    } else {
        return Err(format!(
            "{:?} is not a date (use 2026-11-26, 11/26/2026, 2026/11/26 or 26 Nov 2026)",
            text.trim()
        ));
    };
    let (y, m, d) = ymd;
    let date = NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| format!("{:?} is not a real date (read as {how})", text.trim()))?;
    dates::in_range(date)
}

/// A number and how many digits it was written with.
type Part = (u32, usize);

/// The date part of a cell that may end with a time: `2026-11-26 0:00`,
/// `2026-11-26T09:30:00`, and LinkedIn's `11/14/24, 9:35 PM` (the comma
/// after the date goes with the time).
fn drop_time(text: &str) -> &str {
    let text = text.trim();
    let date = text.split_whitespace().next().unwrap_or("");
    let rest_is_time = text[date.len()..]
        .split_whitespace()
        .all(|t| t.contains(':') || t.eq_ignore_ascii_case("am") || t.eq_ignore_ascii_case("pm"));
    let date = if rest_is_time {
        date.strip_suffix(',').unwrap_or(date)
    } else {
        text
    };
    // 2026-11-26T09:30:00
    match date.split_once('T') {
        Some((day, time)) if time.contains(':') => day,
        _ => date,
    }
}

fn split_numbers(text: &str, separator: char) -> Option<[Part; 3]> {
    let mut parts = text.split(separator).map(|p| {
        let ok = !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| p.parse().ok().map(|n| (n, p.len()))).flatten()
    });
    let found = [parts.next()??, parts.next()??, parts.next()??];
    parts.next().is_none().then_some(found)
}

fn year_first(text: &str) -> Option<[Part; 3]> {
    ['-', '/', '.']
        .into_iter()
        .filter_map(|sep| split_numbers(text, sep))
        .find(|p| p[0].1 == 4)
}

fn year_month_day(parts: [Part; 3]) -> (i32, u32, u32) {
    (year(parts[0]), parts[1].0, parts[2].0)
}

/// Day or month first, then a two- or four-digit year.
fn slash_parts(text: &str) -> Option<[Part; 3]> {
    split_numbers(text, '/').filter(|p| p[0].1 <= 2 && p[1].1 <= 2 && matches!(p[2].1, 2 | 4))
}

fn year((value, digits): Part) -> i32 {
    let value = i32::try_from(value).unwrap_or(i32::MAX);
    if digits == 2 { 2000 + value } else { value }
}

/// "26 Nov 2026", "Nov 26, 2026", "26-Nov-2026", "November 26 2026".
fn named_month(text: &str) -> Option<(i32, u32, u32)> {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || ",-./".contains(c))
        .filter(|t| !t.is_empty())
        .collect();
    let [first, second, third] = tokens.as_slice() else {
        return None;
    };
    let (day, month) = match (dates::month_number(first), dates::month_number(second)) {
        (Some(month), None) => (second, month),
        (None, Some(month)) => (first, month),
        _ => return None,
    };
    let day = day.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // "26th"
    let year_digits = third.len();
    if !matches!(year_digits, 2 | 4) || !third.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year_value = year((third.parse().ok()?, year_digits));
    Some((year_value, month, day.parse().ok()?))
}

/// A salary cell: "120k-150k", "$120,000 – $150,000", "150000" or "120k+"
/// (a minimum, no maximum: as the form stores a lone "Salary from").
/// Other text ("DOE", "150k/yr") is kept as the note.
pub fn parse_salary_cell(text: &str) -> Result<Option<SalaryRange>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let as_note = || SalaryRange {
        min: None,
        max: None,
        note: Some(text.to_string()),
    };
    let range = if let Some((low, high)) = split_range(text) {
        match (money::parse_amount(low), money::parse_amount(high)) {
            (Ok(min), Ok(max)) => Some(SalaryRange {
                min: Some(min),
                max: Some(max),
                note: None,
            }),
            _ => None,
        }
    } else {
        let min = text.strip_suffix('+').unwrap_or(text);
        money::parse_amount(min).ok().map(|min| SalaryRange {
            min: Some(min),
            ..SalaryRange::default()
        })
    };
    let range = range.unwrap_or_else(as_note);
    range
        .validate()
        .map_err(|invalid| format!("salary {text:?}: {}", invalid.message))?;
    Ok(Some(range))
}

fn split_range(text: &str) -> Option<(&str, &str)> {
    ["–", "—", " to ", "-"]
        .into_iter()
        .filter_map(|separator| text.split_once(separator))
        .find(|(low, high)| !low.trim().is_empty() && !high.trim().is_empty())
}

/// careerbook's history cell: `applied 2026-10-01; screening 2026-10-08`,
/// oldest first.
pub fn parse_history_cell(text: &str) -> Result<Vec<StageChange>, String> {
    let mut history: Vec<StageChange> = Vec::new();
    for entry in text.split(';').map(str::trim).filter(|e| !e.is_empty()) {
        let bad = || format!("history entry {entry:?} is not like \"applied 2026-10-01\"");
        let (stage, date) = entry.rsplit_once(char::is_whitespace).ok_or_else(bad)?;
        let stage = Stage::parse(stage).map_err(|message| format!("history: {message}"))?;
        let date = dates::parse_iso(date).map_err(|message| format!("history: {message}"))?;
        if history.last().is_some_and(|last| date < last.date) {
            return Err(format!(
                "history: {entry:?} is dated before the entry above it"
            ));
        }
        history.push(StageChange { stage, date });
    }
    Ok(history)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn status_words_map_leniently() {
        for (text, stage) in [
            ("Applied", Stage::Applied),
            ("submitted", Stage::Applied),
            ("Phone screen", Stage::Screening),
            ("Phone Interview", Stage::Screening),
            ("Interview", Stage::Interviewing),
            ("Onsite", Stage::Interviewing),
            ("2nd round interview", Stage::Interviewing),
            ("Offer", Stage::Offer),
            ("Offer accepted", Stage::Accepted),
            ("Declined offer", Stage::Declined),
            ("Rejected", Stage::Rejected),
            ("No", Stage::Rejected),
            ("Rejected after onsite", Stage::Rejected),
            ("no response", Stage::Ghosted),
            ("Withdrew", Stage::Withdrawn),
            ("saved", Stage::Wishlist),
            ("WISHLIST", Stage::Wishlist),
        ] {
            assert_eq!(parse_status(text), Ok(stage), "{text}");
        }
        let err = parse_status("Maybe").unwrap_err();
        assert!(err.starts_with("status \"Maybe\" is not a stage"), "{err}");
    }

    #[test]
    fn dates_in_spreadsheet_forms() {
        let us = DateOrder::MonthFirst;
        let want = d(2026, 11, 26);
        for text in [
            "2026-11-26",
            "2026/11/26",
            "11/26/2026",
            "11/26/26",
            "26.11.2026",
            "26 Nov 2026",
            "26 November 2026",
            "Nov 26, 2026",
            "November 26 2026",
            "26-Nov-2026",
            "26-Nov-26",
            "11/26/2026 0:00",
            "11/26/2026 9:30 AM",
            "2026-11-26T09:30:00",
            " 2026-11-26 ",
        ] {
            assert_eq!(parse_sheet_date(text, us), Ok(want), "{text}");
        }
        // Ambiguous 03/04/2026: March 4 by default, April 3 day-first.
        assert_eq!(parse_sheet_date("03/04/2026", us), Ok(d(2026, 3, 4)));
        assert_eq!(
            parse_sheet_date("03/04/2026", DateOrder::DayFirst),
            Ok(d(2026, 4, 3))
        );
        assert_eq!(parse_sheet_date("1/2/2026", us), Ok(d(2026, 1, 2)));
    }

    #[test]
    fn bad_dates_say_why() {
        let us = DateOrder::MonthFirst;
        let err = parse_sheet_date("26/11/2026", us).unwrap_err();
        assert_eq!(
            err,
            "\"26/11/2026\" is not a real date (read as month/day/year)"
        );
        assert!(
            parse_sheet_date("2026-02-30", us)
                .unwrap_err()
                .contains("not a real date")
        );
        for bad in [
            "soon",
            "",
            "11/26",
            "2026-11",
            "Nov 2026",
            "26 Nov",
            "11-26-2026",
            "1/2/202",
        ] {
            let err = parse_sheet_date(bad, us).unwrap_err();
            assert!(
                err.contains("is not a date") || err.contains("not a real date"),
                "{bad}: {err}"
            );
        }
        // A real date, but outside what careerbook stores.
        assert_eq!(
            parse_sheet_date("9999-12-31", us).unwrap_err(),
            "9999-12-31 is outside the dates careerbook handles (1900-01-01 to 2200-12-31)"
        );
    }

    #[test]
    fn date_order_follows_the_evidence() {
        let order = |cells: &[&str]| detect_date_order(cells.iter().copied());
        assert_eq!(order(&["03/04/2026", "2026-01-01"]), DateOrder::MonthFirst);
        assert_eq!(order(&["03/04/2026", "26/11/2026"]), DateOrder::DayFirst);
        assert_eq!(order(&["11/26/2026", "26/11/2026"]), DateOrder::MonthFirst);
        assert_eq!(order(&[]), DateOrder::MonthFirst);
    }

    #[test]
    fn salary_cells() {
        let range = |min, max| {
            Ok(Some(SalaryRange {
                min,
                max,
                note: None,
            }))
        };
        assert_eq!(
            parse_salary_cell("120k-150k"),
            range(Some(dec!(120000)), Some(dec!(150000)))
        );
        assert_eq!(
            parse_salary_cell("$120,000 – $150,000"),
            range(Some(dec!(120000)), Some(dec!(150000)))
        );
        assert_eq!(
            parse_salary_cell("140k to 160k"),
            range(Some(dec!(140000)), Some(dec!(160000)))
        );
        // One figure is a "from" with no "to", as the application form stores it.
        assert_eq!(parse_salary_cell("150000"), range(Some(dec!(150000)), None));
        assert_eq!(parse_salary_cell("120k+"), range(Some(dec!(120000)), None));
        assert_eq!(
            parse_salary_cell("DOE"),
            Ok(Some(SalaryRange {
                min: None,
                max: None,
                note: Some("DOE".into())
            }))
        );
        assert_eq!(parse_salary_cell(" "), Ok(None));
        let err = parse_salary_cell("150k-120k").unwrap_err();
        assert!(err.contains("below the bottom"), "{err}");
    }

    #[test]
    fn history_cells() {
        assert_eq!(
            parse_history_cell("applied 2026-10-01; screening 2026-10-08"),
            Ok(vec![
                StageChange {
                    stage: Stage::Applied,
                    date: d(2026, 10, 1)
                },
                StageChange {
                    stage: Stage::Screening,
                    date: d(2026, 10, 8)
                },
            ])
        );
        assert!(parse_history_cell("applied 2026-10-08; screening 2026-10-01").is_err());
        assert!(
            parse_history_cell("hired 2026-10-08")
                .unwrap_err()
                .contains("not a stage")
        );
        assert!(parse_history_cell("applied").is_err());
    }
}
