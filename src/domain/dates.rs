//! Calendar dates: "today", what people type into a date field, month arithmetic.

use super::Invalid;
use chrono::{Datelike, Days, Local, Months, NaiveDate, Weekday};

/// The environment variable that pins "today" for tests, demos and screenshots.
pub const TODAY_VAR: &str = "CAREERBOOK_TODAY";

/// The earliest date careerbook stores or accepts. No working life, grant or
/// payment goes back further, and a file edited by hand cannot hand the date
/// arithmetic a value at the edge of what `chrono` can represent.
pub const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a real date");

/// The latest date careerbook stores or accepts. Far beyond any plan, and far
/// enough inside `chrono`'s range (year 262,142) that adding centuries of
/// months or weeks to it can never overflow.
pub const LATEST: NaiveDate = NaiveDate::from_ymd_opt(2200, 12, 31).expect("a real date");

/// `date` itself if it lies within [`EARLIEST`]..=[`LATEST`], else why not.
pub fn in_range(date: NaiveDate) -> Result<NaiveDate, String> {
    if (EARLIEST..=LATEST).contains(&date) {
        Ok(date)
    } else {
        Err(format!(
            "{date} is outside the dates careerbook handles ({EARLIEST} to {LATEST})"
        ))
    }
}

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

/// The date words every date field and `--date`-like flag accepts, for error
/// messages and help: the whole list is in [`parse_date_input`].
pub const DATE_FORMS: &str =
    "YYYY-MM-DD, 29 jan, jan 29 2027, today, +2w, -3d, fri, next fri, last fri, eow or eom";

/// Parses a date field, the one place careerbook reads a typed date (every
/// form and every command comes here). Case and extra spaces do not matter.
///
/// | typed | means (with today Thursday 2026-11-26) |
/// |---|---|
/// | `2026-12-01` | that date |
/// | `today`, `yesterday`, `tomorrow` | 2026-11-26, 2026-11-25, 2026-11-27 |
/// | `+2w`, `-3d`, `+1m`, `-1y`, `+10` | today plus or minus days (`d`, the default), weeks, months (clamped at month ends), years |
/// | `fri`, `friday`, `this fri` | the next Friday, today included: 2026-11-27 (on a Friday, that day) |
/// | `next fri` | Friday of next week (weeks run Monday to Sunday): 2026-12-04 |
/// | `last fri` | the last Friday before today: 2026-11-20 |
/// | `eow` | end of this week, Sunday: 2026-11-29 |
/// | `eom` | end of this month: 2026-11-30 |
/// | `29 jan`, `jan 29`, `January 29th` | the nearest 29 January: 2027-01-29 (64 days ahead, where 2026-01-29 is 301 days back) |
/// | `29 January 2027`, `jan 29, 2027` | that date |
///
/// Weekdays and months may be written in full or cut to three letters or
/// more (`mon`, `tues`, `thurs`; `sep`, `sept`). A day and month without a
/// year mean the nearest such date to today, before or after, so one within
/// six months either way needs no year (`12 nov` is 2026-11-12, 14 days back;
/// `3 feb` is 2027-02-03, 69 days ahead): the dates people type are mostly close to today,
/// a notice date just past as well as a follow-up just ahead. On a tie the
/// later one is taken. `29 feb` takes the nearest leap year among last year,
/// this year and next, or is refused asking for the year. The result lies
/// within [`EARLIEST`]..=[`LATEST`], so whatever a form accepts, the workbook
/// can load again.
pub fn parse_date_input(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let text = input.trim().to_ascii_lowercase().replace(',', " ");
    let words: Vec<&str> = text.split_whitespace().collect();
    if let Some(named) = month_day(&words) {
        return named.resolve(today, input).and_then(in_range);
    }
    let date = match words.as_slice() {
        [] => return Err(format!("enter a date ({DATE_FORMS})")),
        ["today"] => Some(today),
        ["yesterday"] => shift_days(today, 1, false),
        ["tomorrow"] => shift_days(today, 1, true),
        ["eow"] => shift_days(week_start(today), 6, true),
        ["eom"] => end_of_month(today),
        [word] if word.starts_with(['+', '-']) => {
            let date = parse_offset(word, today)
                .ok_or_else(|| format!("{:?} is not an offset like +2w or -3d", input.trim()))?;
            Some(date)
        }
        [day] | ["this", day] if weekday(day).is_some() => {
            weekday(day).and_then(|d| coming(today, d))
        }
        ["next", day] if weekday(day).is_some() => weekday(day).and_then(|d| {
            let next_monday = shift_days(week_start(today), 7, true)?;
            shift_days(next_monday, u64::from(d.num_days_from_monday()), true)
        }),
        ["last", day] if weekday(day).is_some() => {
            weekday(day).and_then(|d| coming(shift_days(today, 7, false)?, d))
        }
        [_] => return parse_iso(&text),
        _ => {
            return Err(format!(
                "{:?} is not a date (use {DATE_FORMS})",
                input.trim()
            ));
        }
    };
    let date = date.ok_or_else(|| format!("{:?} is too far from today", input.trim()))?;
    in_range(date)
}

/// The weekday a word names: its full name, or the start of it (three letters or more).
fn weekday(word: &str) -> Option<Weekday> {
    const DAYS: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    DAYS.iter()
        .find(|(name, _)| word.len() >= 3 && name.starts_with(word))
        .map(|&(_, day)| day)
}

/// A date written with its month's name: `29 jan`, `jan 29`, `29 January
/// 2027`, `jan 29th, 2027`.
struct MonthDay {
    month: u32,
    day: u32,
    year: Option<i32>,
}

/// The month and day (and year) `words` name, if they name one.
fn month_day(words: &[&str]) -> Option<MonthDay> {
    let (month_word, day_word, year) = match words {
        [a, b] => (a, b, None),
        [a, b, y] => (a, b, Some(year_of(y)?)),
        _ => return None,
    };
    let (month, day) = match (month_number(month_word), month_number(day_word)) {
        (Some(month), None) => (month, day_of_month(day_word)?),
        (None, Some(month)) => (month, day_of_month(month_word)?),
        _ => return None,
    };
    Some(MonthDay { month, day, year })
}

impl MonthDay {
    /// The date meant on `today` (see [`parse_date_input`]).
    fn resolve(&self, today: NaiveDate, input: &str) -> Result<NaiveDate, String> {
        let named = || {
            NaiveDate::from_ymd_opt(2000, self.month, 1)
                .map_or_else(String::new, |d| format!("{} {}", self.day, d.format("%b")))
        };
        // 2000 is a leap year: a day and month that never happen are refused as such.
        if NaiveDate::from_ymd_opt(2000, self.month, self.day).is_none() {
            return Err(format!("{:?} is not a real date", input.trim()));
        }
        if let Some(year) = self.year {
            return NaiveDate::from_ymd_opt(year, self.month, self.day)
                .ok_or_else(|| format!("{:?} is not a real date", input.trim()));
        }
        let year = today.year();
        [year - 1, year, year + 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, self.month, self.day))
            .min_by_key(|date| (days_between(today, *date).abs(), *date < today))
            .ok_or_else(|| {
                let leap = (year..)
                    .find(|&y| NaiveDate::from_ymd_opt(y, 2, 29).is_some())
                    .unwrap_or(year);
                format!(
                    "{} is in no year near today: add the year ({} {leap})",
                    named(),
                    named()
                )
            })
    }
}

/// The month a word names, 1 to 12: in full or its first three letters or
/// more, any case, a trailing `.` allowed (`Nov`, `nov.`, `November`,
/// `Sept`). The one reading of month names, for typed dates and imports.
pub(crate) fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let at = MONTHS.iter().position(|name| name.starts_with(&word))?;
    u32::try_from(at + 1).ok()
}

/// A day of the month: `29`, `1st`, `22nd`, `3rd`, `29th`.
fn day_of_month(word: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word);
    if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A year written in full: four digits.
fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// The first `day` on or after `from`.
fn coming(from: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + day.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    shift_days(from, u64::from(ahead), true)
}

/// The last day of `date`'s month.
fn end_of_month(date: NaiveDate) -> Option<NaiveDate> {
    date.with_day(1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// Strict `YYYY-MM-DD`, naming impossible dates such as 2026-02-30 plainly,
/// within [`EARLIEST`]..=[`LATEST`].
pub fn parse_iso(input: &str) -> Result<NaiveDate, String> {
    let text = input.trim();
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|err| match err.kind() {
        chrono::format::ParseErrorKind::OutOfRange => format!("{text:?} is not a real date"),
        _ => format!("{text:?} is not a date (use {DATE_FORMS})"),
    })?;
    in_range(date)
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

/// Whole months from `from` to `to`: the largest `n` with `from` + `n` months
/// (clamped at month ends, see [`add_months`]) on or before `to`; 0 when `to`
/// is before `from`. Computed from the calendar fields, so it takes the same
/// time for a day as for a millennium.
pub fn whole_months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    if to < from {
        return 0;
    }
    let years = i64::from(to.year()) - i64::from(from.year());
    let months = years * 12 + i64::from(to.month()) - i64::from(from.month());
    let months = u32::try_from(months).unwrap_or(u32::MAX);
    // The calendar difference overshoots by one when `to`'s day of the month
    // comes before the anniversary's (Jan 15 → Aug 14 is 6 months, not 7).
    match from.checked_add_months(Months::new(months)) {
        Some(anniversary) if anniversary <= to => months,
        _ => months.saturating_sub(1),
    }
}

/// The Monday that starts the ISO week holding `date` (the earliest date
/// `chrono` knows, for a week that would start before it).
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
        .unwrap_or(NaiveDate::MIN)
}

/// `26 Nov 2026`: the human form used in headlines.
pub fn format_long(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// A date the user says something happened: not after today.
pub fn not_after_today(
    field: &'static str,
    date: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), Invalid> {
    match date {
        Some(date) if date > today => Err(Invalid::new(
            field,
            format!("{date} is after today; enter the day it happened"),
        )),
        _ => Ok(()),
    }
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
    fn weekday_words_count_from_today() {
        // 2026-11-26 is a Thursday; its week runs Mon 23 – Sun 29 November.
        let thu = d(2026, 11, 26);
        let cases = [
            ("fri", d(2026, 11, 27)),
            ("Friday", d(2026, 11, 27)),
            ("this fri", d(2026, 11, 27)),
            ("thu", thu),                 // today is a Thursday: today
            ("wed", d(2026, 12, 2)),      // Wednesday has passed: next week's
            ("next fri", d(2026, 12, 4)), // Friday of the week starting Mon 30 Nov
            ("next  MON", d(2026, 11, 30)),
            ("next thurs", d(2026, 12, 3)),
            ("last fri", d(2026, 11, 20)),
            ("last thu", d(2026, 11, 19)), // never today
            ("last wed", d(2026, 11, 25)),
            ("tues", d(2026, 12, 1)),
            ("eow", d(2026, 11, 29)),
            ("eom", d(2026, 11, 30)),
        ];
        for (typed, expected) in cases {
            assert_eq!(parse_date_input(typed, thu), Ok(expected), "{typed}");
        }
        // On a Saturday, "fri" and "next fri" both mean the coming Friday
        // (this week's is past), and "last fri" is yesterday.
        let sat = d(2026, 11, 28);
        assert_eq!(parse_date_input("fri", sat), Ok(d(2026, 12, 4)));
        assert_eq!(parse_date_input("next fri", sat), Ok(d(2026, 12, 4)));
        assert_eq!(parse_date_input("last fri", sat), Ok(d(2026, 11, 27)));
        // On a Sunday the week ends today; eom clamps short and leap months.
        let sun = d(2026, 11, 29);
        assert_eq!(parse_date_input("eow", sun), Ok(sun));
        assert_eq!(parse_date_input("next sun", sun), Ok(d(2026, 12, 6)));
        assert_eq!(parse_date_input("eom", d(2028, 2, 3)), Ok(d(2028, 2, 29)));
        assert_eq!(
            parse_date_input("eom", d(2026, 12, 31)),
            Ok(d(2026, 12, 31))
        );
        for bad in ["fr", "next", "next week", "last 3", "this eom", "fri fri"] {
            let err = parse_date_input(bad, thu).unwrap_err();
            assert!(
                err.contains("next fri") || err.contains("offset"),
                "{bad}: {err}"
            );
        }
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
    fn month_names_read_with_or_without_the_year() {
        // Thursday 2026-11-26.
        let today = d(2026, 11, 26);
        // 2027-01-29 is 64 days ahead; 2026-01-29 is 301 days back: the nearer.
        for typed in [
            "jan 29",
            "29 jan",
            "january 29",
            "Jan 29th",
            "29 JANUARY",
            "jan. 29",
        ] {
            assert_eq!(
                parse_date_input(typed, today),
                Ok(d(2027, 1, 29)),
                "{typed}"
            );
        }
        for typed in [
            "29 January 2027",
            "jan 29, 2027",
            "29 jan 2027",
            "January 29th, 2027",
        ] {
            assert_eq!(
                parse_date_input(typed, today),
                Ok(d(2027, 1, 29)),
                "{typed}"
            );
        }
        assert_eq!(parse_date_input("29 jan 2025", today), Ok(d(2025, 1, 29)));
        // 12 Nov: 14 days back (a notice just given), not 351 days ahead.
        assert_eq!(parse_date_input("12 nov", today), Ok(d(2026, 11, 12)));
        // 28 May: 182 days back (2026) against 183 ahead (2027): the nearer, back.
        assert_eq!(parse_date_input("may 28", today), Ok(d(2026, 5, 28)));
        // 3 Sep: 84 days back; 3 Feb: 69 days ahead.
        assert_eq!(parse_date_input("sept 3", today), Ok(d(2026, 9, 3)));
        assert_eq!(parse_date_input("3 feb", today), Ok(d(2027, 2, 3)));
        // From 2026-07-03, 1 Jan 2027 is 182 days ahead, 1 Jan 2026 183 back.
        assert_eq!(parse_date_input("1 jan", d(2026, 7, 3)), Ok(d(2027, 1, 1)));
        // A tie goes ahead: 2024 has 366 days, so from 2024-07-02 both
        // 2024-01-01 and 2025-01-01 are 183 days away.
        assert_eq!(parse_date_input("1 jan", d(2024, 7, 2)), Ok(d(2025, 1, 1)));
        // Across the new year.
        assert_eq!(
            parse_date_input("jan 1", d(2026, 12, 31)),
            Ok(d(2027, 1, 1))
        );
        assert_eq!(
            parse_date_input("dec 31", d(2027, 1, 1)),
            Ok(d(2026, 12, 31))
        );
    }

    #[test]
    fn month_names_at_month_ends_and_leap_days() {
        let today = d(2026, 11, 26);
        assert_eq!(parse_date_input("30 nov", today), Ok(d(2026, 11, 30)));
        assert_eq!(parse_date_input("31 dec", today), Ok(d(2026, 12, 31)));
        assert_eq!(parse_date_input("28 feb", today), Ok(d(2027, 2, 28)));
        for never in ["31 apr", "30 feb", "feb 30 2028", "32 jan", "0 jan"] {
            assert!(parse_date_input(never, today).is_err(), "{never:?}");
        }
        assert!(
            parse_date_input("31 apr", today)
                .unwrap_err()
                .contains("not a real date")
        );
        // 29 Feb: no leap year among 2025, 2026, 2027, so the year is asked for.
        let err = parse_date_input("29 feb", today).unwrap_err();
        assert!(err.contains("add the year (29 Feb 2028)"), "{err}");
        assert_eq!(parse_date_input("29 feb 2028", today), Ok(d(2028, 2, 29)));
        assert!(
            parse_date_input("29 feb 2027", today)
                .unwrap_err()
                .contains("not a real date")
        );
        // From 2027-11-26, 2028-02-29 is 95 days ahead.
        assert_eq!(
            parse_date_input("feb 29", d(2027, 11, 26)),
            Ok(d(2028, 2, 29))
        );
        // From 2024-06-01, 2024-02-29 is 93 days back.
        assert_eq!(
            parse_date_input("29 feb", d(2024, 6, 1)),
            Ok(d(2024, 2, 29))
        );
        // Still within the dates careerbook handles.
        assert!(parse_date_input("1 jan 1899", today).is_err());
        assert!(
            parse_date_input("29 feb 1900", today).is_err(),
            "1900 is not a leap year"
        );
        for not_a_date in ["jan", "29", "ja 29", "jan 29 27", "jan 29 2027 x", "29 30"] {
            assert!(
                parse_date_input(not_a_date, today).is_err(),
                "{not_a_date:?}"
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
    fn whole_months_count_anniversaries_clamped_at_month_ends() {
        // Jan 15 → Aug 15 is 7 months; Aug 14 is a day short of the 7th: 6.
        assert_eq!(whole_months_between(d(2025, 1, 15), d(2025, 8, 15)), 7);
        assert_eq!(whole_months_between(d(2025, 1, 15), d(2025, 8, 14)), 6);
        // Jan 31 + 1 month clamps to Feb 29 in 2024 (leap) and Feb 28 in 2023.
        assert_eq!(whole_months_between(d(2024, 1, 31), d(2024, 2, 29)), 1);
        assert_eq!(whole_months_between(d(2024, 1, 31), d(2024, 2, 28)), 0);
        assert_eq!(whole_months_between(d(2023, 1, 31), d(2023, 2, 28)), 1);
        // Jan 31 + 2 months = Mar 31: Mar 30 is still 1 month.
        assert_eq!(whole_months_between(d(2023, 1, 31), d(2023, 3, 30)), 1);
        // Feb 29, 2024 + 12 months clamps to Feb 28, 2025.
        assert_eq!(whole_months_between(d(2024, 2, 29), d(2025, 2, 28)), 12);
        assert_eq!(whole_months_between(d(2024, 2, 29), d(2025, 2, 27)), 11);
        // Dec 31 → Jan 1 crosses a year but not a month's anniversary.
        assert_eq!(whole_months_between(d(2025, 12, 31), d(2026, 1, 1)), 0);
        assert_eq!(whole_months_between(d(2025, 12, 31), d(2026, 1, 31)), 1);
        // Same day, or backwards: none.
        assert_eq!(whole_months_between(d(2026, 3, 1), d(2026, 3, 1)), 0);
        assert_eq!(whole_months_between(d(2026, 3, 1), d(2026, 2, 1)), 0);
        // The whole accepted range: (2200 − 1900) × 12 + (12 − 1) = 3,611 months,
        // 1900-01-01 + 3,611 months = 2200-12-01, on or before 2200-12-31.
        assert_eq!(whole_months_between(EARLIEST, LATEST), 3_611);
        // chrono's whole range (−262143-01-01 to +262142-12-31), at once rather
        // than month by month: (262,142 − (−262,143)) × 12 + (12 − 1) = 6,291,431.
        assert_eq!(
            whole_months_between(NaiveDate::MIN, NaiveDate::MAX),
            6_291_431
        );
    }

    #[test]
    fn week_arithmetic_at_the_ends_of_the_calendar_does_not_panic() {
        let first = week_start(NaiveDate::MIN);
        assert!(
            first == NaiveDate::MIN || first.weekday() == chrono::Weekday::Mon,
            "{first}"
        );
        let last = week_start(NaiveDate::MAX);
        assert_eq!(last.weekday(), chrono::Weekday::Mon);
        assert!(last <= NaiveDate::MAX && NaiveDate::MAX - last < chrono::TimeDelta::days(7));
        assert!(parse_date_input("yesterday", NaiveDate::MIN).is_err());
        assert!(parse_date_input("tomorrow", NaiveDate::MAX).is_err());
    }

    #[test]
    fn typed_dates_stay_within_the_dates_careerbook_handles() {
        let today = d(2025, 12, 31);
        assert_eq!(parse_date_input("1900-01-01", today), Ok(EARLIEST));
        assert_eq!(parse_date_input("2200-12-31", today), Ok(LATEST));
        for outside in ["1899-12-31", "2201-01-01", "+260116y", "+176y", "-126y"] {
            let err = parse_date_input(outside, today).unwrap_err();
            assert!(
                err.contains("outside the dates careerbook handles (1900-01-01 to 2200-12-31)")
                    || err.contains("is not an offset"),
                "{outside}: {err}"
            );
        }
        // 2025-12-31 + 175 years = 2200-12-31, the last date accepted (+176y is
        // 2201-12-31); − 125 years = 1900-12-31 (−126y is 1899-12-31).
        assert_eq!(parse_date_input("+175y", today), Ok(LATEST));
        assert_eq!(parse_date_input("-125y", today), Ok(d(1900, 12, 31)));
        assert!(parse_iso("0000-01-01").is_err());
        assert_eq!(in_range(d(2026, 11, 26)), Ok(d(2026, 11, 26)));
    }

    #[test]
    fn long_format_is_day_month_year() {
        assert_eq!(format_long(d(2028, 6, 12)), "12 Jun 2028");
        assert_eq!(days_between(d(2026, 11, 26), d(2026, 12, 26)), 30);
    }
}
