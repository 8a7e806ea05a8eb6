//! Calendar dates: "today", what people type into a date field, month arithmetic.

use chrono::{Datelike, Days, Local, Months, NaiveDate};

/// The environment variable that pins "today" for tests, demos and screenshots.
pub const TODAY_VAR: &str = "CAREERBOOK_TODAY";

/// The one source of "today" for the whole program.
///
/// `CAREERBOOK_TODAY=YYYY-MM-DD` overrides the clock; `main` rejects a malformed
/// value at start-up (see [`today_override`]), so here it can fall back quietly.
pub fn today() -> NaiveDate {
    today_override()
        .ok()
        .flatten()
        .unwrap_or_else(|| Local::now().date_naive())
}

/// The pinned date, if `CAREERBOOK_TODAY` is set, or why it cannot be read.
pub fn today_override() -> Result<Option<NaiveDate>, String> {
    match std::env::var(TODAY_VAR) {
        Ok(value) => parse_iso(&value)
            .map(Some)
            .map_err(|_| format!("{TODAY_VAR}={value:?} is not a date like 2026-11-26")),
        Err(_) => Ok(None),
    }
}

/// Parses a date field: `YYYY-MM-DD`, `today`, `yesterday`, `tomorrow`, or an
/// offset from today such as `+2w`, `-3d`, `+1m`, `-1y`.
pub fn parse_date_input(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let text = input.trim().to_ascii_lowercase();
    match text.as_str() {
        "" => Err("enter a date (YYYY-MM-DD, today, +2w, -3d)".into()),
        "today" => Ok(today),
        "yesterday" => Ok(today - Days::new(1)),
        "tomorrow" => Ok(today + Days::new(1)),
        _ if text.starts_with('+') || text.starts_with('-') => parse_offset(&text, today)
            .ok_or_else(|| format!("{:?} is not an offset like +2w or -3d", input.trim())),
        _ => parse_iso(&text),
    }
}

/// Strict `YYYY-MM-DD`, naming impossible dates such as 2026-02-30 plainly.
pub fn parse_iso(input: &str) -> Result<NaiveDate, String> {
    let text = input.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|err| match err.kind() {
        chrono::format::ParseErrorKind::OutOfRange => format!("{text:?} is not a real date"),
        _ => format!("{text:?} is not a date (use YYYY-MM-DD, today, +2w or -3d)"),
    })
}

fn parse_offset(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (sign, rest) = text.split_at(1);
    let unit = rest.chars().last()?;
    let (count, unit) = if unit.is_ascii_digit() {
        (rest, 'd')
    } else {
        (&rest[..rest.len() - 1], unit)
    };
    let n: u32 = count.parse().ok()?;
    let forward = sign == "+";
    match unit {
        'd' => shift_days(today, u64::from(n), forward),
        'w' => shift_days(today, u64::from(n) * 7, forward),
        'm' => shift_months(today, n, forward),
        'y' => shift_months(today, n.checked_mul(12)?, forward),
        _ => None,
    }
}

fn shift_days(date: NaiveDate, days: u64, forward: bool) -> Option<NaiveDate> {
    if forward {
        date.checked_add_days(Days::new(days))
    } else {
        date.checked_sub_days(Days::new(days))
    }
}

fn shift_months(date: NaiveDate, months: u32, forward: bool) -> Option<NaiveDate> {
    if forward {
        date.checked_add_months(Months::new(months))
    } else {
        date.checked_sub_months(Months::new(months))
    }
}

/// `date` plus `months`, clamping to the end of shorter months
/// (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The Monday that starts the ISO week holding `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// `26 Nov 2026`: the human form used in headlines.
pub fn format_long(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn parses_iso_words_and_offsets() {
        let today = d(2026, 11, 26);
        assert_eq!(parse_date_input("2026-02-28", today), Ok(d(2026, 2, 28)));
        assert_eq!(parse_date_input("Today", today), Ok(today));
        assert_eq!(parse_date_input("yesterday", today), Ok(d(2026, 11, 25)));
        assert_eq!(parse_date_input("+2w", today), Ok(d(2026, 12, 10)));
        assert_eq!(parse_date_input("-3d", today), Ok(d(2026, 11, 23)));
        assert_eq!(parse_date_input("+10", today), Ok(d(2026, 12, 6)));
        // Nov 26 + 3 months = Feb 26; clamping only matters at month ends.
        assert_eq!(parse_date_input("+3m", today), Ok(d(2027, 2, 26)));
        assert_eq!(parse_date_input("-1y", today), Ok(d(2025, 11, 26)));
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        let today = d(2026, 11, 26);
        let err = parse_date_input("2026-02-30", today).unwrap_err();
        assert!(err.contains("not a real date"), "{err}");
        for bad in [
            "",
            "next week",
            "+2x",
            "+",
            "26/11/2026",
            "+-3d",
            "2026-13-01",
        ] {
            assert!(
                parse_date_input(bad, today).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        assert_eq!(add_months(d(2024, 1, 31), 1), d(2024, 2, 29));
        assert_eq!(add_months(d(2025, 1, 31), 1), d(2025, 2, 28));
        assert_eq!(add_months(d(2025, 1, 31), 2), d(2025, 3, 31));
    }

    #[test]
    fn week_starts_on_monday() {
        // 2026-11-26 is a Thursday; its ISO week starts Monday 2026-11-23.
        assert_eq!(week_start(d(2026, 11, 26)), d(2026, 11, 23));
        assert_eq!(week_start(d(2026, 11, 23)), d(2026, 11, 23));
        // Sunday belongs to the week that started six days before.
        assert_eq!(week_start(d(2026, 11, 29)), d(2026, 11, 23));
    }

    #[test]
    fn long_format_is_day_month_year() {
        assert_eq!(format_long(d(2028, 6, 12)), "12 Jun 2028");
        assert_eq!(days_between(d(2026, 11, 26), d(2026, 12, 26)), 30);
    }
}
