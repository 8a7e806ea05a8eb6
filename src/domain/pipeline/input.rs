//! Reading form fields and command-line values into pipeline values, each
//! error naming its field (for the form's message and the CLI's status 2).

use super::{Relationship, SalaryRange, Source, Stage, Track};
use crate::domain::{Invalid, dates, money};
use chrono::NaiveDate;

/// The ghost-suggestion setting must be between these (a year of silence is plenty).
pub const GHOST_AFTER_DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=365;

/// The time-to-offer setting, in months: at least one, at most two years.
pub const TIME_TO_OFFER_MONTHS_RANGE: std::ops::RangeInclusive<u32> = 1..=24;

/// An optional text field, trimmed; blank is `None`.
pub fn optional_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

pub fn parse_stage(text: &str) -> Result<Stage, Invalid> {
    Stage::parse(text).map_err(|message| Invalid::new("stage", message))
}

pub fn parse_source(text: &str) -> Result<Source, Invalid> {
    Source::parse(text).map_err(|message| Invalid::new("source", message))
}

pub fn parse_track(text: &str) -> Result<Track, Invalid> {
    Track::parse(text).map_err(|message| Invalid::new("track", message))
}

pub fn parse_relationship(text: &str) -> Result<Relationship, Invalid> {
    Relationship::parse(text).map_err(|message| Invalid::new("relationship", message))
}

/// A required date field: `YYYY-MM-DD`, `today`, `+2w`, … (see `dates::parse_date_input`).
pub fn parse_date(field: &'static str, text: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    dates::parse_date_input(text, today).map_err(|message| Invalid::new(field, message))
}

/// The date of a stage change (`--date`, the form's date): today or earlier.
/// A change is dated when it happened; a future date would also block every
/// real change until then, since the history must read in order.
pub fn parse_stage_date(text: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let date = parse_date("date", text, today)?;
    check_stage_date(date, today)?;
    Ok(date)
}

/// A stage change's date must not be after today (see [`parse_stage_date`]).
pub fn check_stage_date(date: NaiveDate, today: NaiveDate) -> Result<(), Invalid> {
    if date > today {
        return Err(Invalid::new(
            "date",
            format!("{date} is after today; date a stage change on the day it happened"),
        ));
    }
    Ok(())
}

/// An optional date field (follow-up, next touch): blank is `None`.
pub fn parse_optional_date(
    field: &'static str,
    text: &str,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, Invalid> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(field, text, today).map(Some)
    }
}

/// A salary range from its two amount fields and a note; all blank is `None`.
pub fn parse_salary(min: &str, max: &str, note: &str) -> Result<Option<SalaryRange>, Invalid> {
    let amount = |field: &'static str, text: &str| {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            money::parse_amount(text)
                .map(Some)
                .map_err(|message| Invalid::new(field, message))
        }
    };
    let range = SalaryRange {
        min: amount("salary_min", min)?,
        max: amount("salary_max", max)?,
        note: optional_text(note),
    };
    if range == SalaryRange::default() {
        return Ok(None);
    }
    range.validate()?;
    Ok(Some(range))
}

/// The "suggest ghosted after N days" setting: days (`21`, `21 days`, `21d`)
/// or weeks, converted (`3 weeks` is 21 days).
pub fn parse_ghost_after_days(text: &str) -> Result<u32, Invalid> {
    let days = count_in(
        text,
        "ghost_after_days",
        (Unit::Days, Unit::Weeks, 7),
        "21, 21 days, 3 weeks",
    )?;
    validate_ghost_after_days(days)?;
    Ok(days)
}

pub fn validate_ghost_after_days(days: u32) -> Result<(), Invalid> {
    if GHOST_AFTER_DAYS_RANGE.contains(&days) {
        Ok(())
    } else {
        Err(Invalid::new(
            "ghost_after_days",
            format!(
                "must be between {} and {} days",
                GHOST_AFTER_DAYS_RANGE.start(),
                GHOST_AFTER_DAYS_RANGE.end()
            ),
        ))
    }
}

/// The time-to-offer setting: months (`3`, `3 months`, `3m`) or years,
/// converted (`1 year` is 12 months). Days and weeks are refused: the
/// setting counts whole months.
pub fn parse_time_to_offer(text: &str) -> Result<u32, Invalid> {
    let field = "time_to_offer_months";
    let months = count_in(
        text,
        field,
        (Unit::Months, Unit::Years, 12),
        "3, 3 months, 1 year",
    )?;
    validate_time_to_offer(months)?;
    Ok(months)
}

/// A whole count of `unit` in `text`, or of `bigger` converted (`times`
/// `unit` each); any other unit is refused, naming the two it takes.
fn count_in(
    text: &str,
    field: &'static str,
    (unit, bigger, times): (Unit, Unit, u32),
    examples: &str,
) -> Result<u32, Invalid> {
    let count = match span(text) {
        Some((n, None)) => Some(n),
        Some((n, Some(u))) if u == unit => Some(n),
        Some((n, Some(u))) if u == bigger => n.checked_mul(times),
        Some((_, Some(other))) => {
            return Err(Invalid::new(
                field,
                format!(
                    "{:?}: give {} or {} ({examples}), not {}",
                    text.trim(),
                    unit.plural(),
                    bigger.plural(),
                    other.plural()
                ),
            ));
        }
        None => None,
    };
    count.ok_or_else(|| {
        Invalid::new(
            field,
            format!(
                "{:?} is not a whole number of {} ({examples})",
                text.trim(),
                unit.plural()
            ),
        )
    })
}

/// A unit of time a setting may be typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Days,
    Weeks,
    Months,
    Years,
}

impl Unit {
    fn of(word: &str) -> Option<Unit> {
        Some(match word.to_lowercase().as_str() {
            "d" | "day" | "days" => Unit::Days,
            "w" | "wk" | "wks" | "week" | "weeks" => Unit::Weeks,
            "m" | "mo" | "mos" | "month" | "months" => Unit::Months,
            "y" | "yr" | "yrs" | "year" | "years" => Unit::Years,
            _ => return None,
        })
    }

    fn plural(self) -> &'static str {
        match self {
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Years => "years",
        }
    }
}

/// A whole number with an optional unit word after it: `3`, `3 weeks`,
/// `6m`, `1 year`. `None` for anything else (a unit word careerbook does not
/// know, a fraction, a sign, a separator).
fn span(text: &str) -> Option<(u32, Option<Unit>)> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, word) = text.split_at(split);
    if digits.is_empty() {
        return None;
    }
    let number = digits.parse().ok()?;
    let word = word.trim();
    if word.is_empty() {
        return Some((number, None));
    }
    Unit::of(word).map(|unit| (number, Some(unit)))
}

pub fn validate_time_to_offer(months: u32) -> Result<(), Invalid> {
    if TIME_TO_OFFER_MONTHS_RANGE.contains(&months) {
        Ok(())
    } else {
        Err(Invalid::new(
            "time_to_offer_months",
            format!(
                "must be between {} and {} months",
                TIME_TO_OFFER_MONTHS_RANGE.start(),
                TIME_TO_OFFER_MONTHS_RANGE.end()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parse_required;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn required_text_is_trimmed_and_named() {
        assert_eq!(parse_required("company", "  Acme "), Ok("Acme".to_string()));
        assert_eq!(
            parse_required("company", " "),
            Err(Invalid::new("company", "enter the company"))
        );
        assert_eq!(parse_required("role", "").unwrap_err().field, "role");
        assert_eq!(optional_text("  "), None);
        assert_eq!(optional_text(" remote "), Some("remote".to_string()));
    }

    #[test]
    fn unknown_choices_name_their_field() {
        assert_eq!(parse_stage("offer"), Ok(Stage::Offer));
        let err = parse_stage("hired?").unwrap_err();
        assert_eq!(err.field, "stage");
        assert!(err.message.contains("wishlist"), "{err}");
        assert_eq!(parse_source("telepathy").unwrap_err().field, "source");
        assert_eq!(parse_track("astronaut").unwrap_err().field, "track");
        assert_eq!(
            parse_relationship("cousin").unwrap_err().field,
            "relationship"
        );
    }

    #[test]
    fn follow_up_dates_parse_or_name_the_field() {
        let today = d(2026, 11, 26);
        assert_eq!(parse_optional_date("follow_up", "", today), Ok(None));
        assert_eq!(
            parse_optional_date("follow_up", "+1w", today),
            Ok(Some(d(2026, 12, 3)))
        );
        let err = parse_optional_date("follow_up", "next month", today).unwrap_err();
        assert_eq!(err.field, "follow_up");
        assert_eq!(
            parse_date("date", "2026-02-30", today).unwrap_err().field,
            "date"
        );
    }

    #[test]
    fn stage_dates_are_today_or_earlier() {
        let today = d(2026, 11, 26);
        assert_eq!(parse_stage_date("today", today), Ok(today));
        assert_eq!(parse_stage_date("-1w", today), Ok(d(2026, 11, 19)));
        let err = parse_stage_date("tomorrow", today).unwrap_err();
        assert_eq!(err.field, "date");
        assert!(
            err.message.starts_with("2026-11-27 is after today"),
            "{err}"
        );
        assert_eq!(parse_stage_date("soon", today).unwrap_err().field, "date");
    }

    #[test]
    fn salary_fields() {
        assert_eq!(parse_salary("", " ", ""), Ok(None));
        assert_eq!(
            parse_salary("$120k", "150,000", "per year"),
            Ok(Some(SalaryRange {
                min: Some(dec!(120000)),
                max: Some(dec!(150000)),
                note: Some("per year".into())
            }))
        );
        assert_eq!(
            parse_salary("150k", "120k", "").unwrap_err().field,
            "salary_max"
        );
        assert_eq!(
            parse_salary("lots", "", "").unwrap_err().field,
            "salary_min"
        );
        assert_eq!(
            parse_salary("", "", "DOE"),
            Ok(Some(SalaryRange {
                min: None,
                max: None,
                note: Some("DOE".into())
            }))
        );
    }

    #[test]
    fn ghost_setting_bounds() {
        assert_eq!(parse_ghost_after_days(" 21 "), Ok(21));
        assert_eq!(parse_ghost_after_days("1"), Ok(1));
        assert_eq!(
            parse_ghost_after_days("0").unwrap_err().field,
            "ghost_after_days"
        );
        assert!(parse_ghost_after_days("366").is_err());
        assert!(parse_ghost_after_days("three weeks").is_err());
        assert_eq!(parse_time_to_offer("3"), Ok(3));
        assert_eq!(parse_time_to_offer(" 4 months "), Ok(4));
        assert_eq!(parse_time_to_offer("6m"), Ok(6));
        assert!(parse_time_to_offer("0").is_err());
        assert!(parse_time_to_offer("25").is_err());
        assert!(parse_time_to_offer("soon").is_err());
    }

    #[test]
    fn settings_read_their_unit_and_convert_or_refuse_it() {
        // 3 weeks × 7 = 21 days; 2 weeks × 7 = 14 days.
        assert_eq!(parse_ghost_after_days("3 weeks"), Ok(21));
        assert_eq!(parse_ghost_after_days("2w"), Ok(14));
        assert_eq!(parse_ghost_after_days("30 days"), Ok(30));
        assert_eq!(parse_ghost_after_days("10d"), Ok(10));
        // 1 year × 12 = 12 months; 2 years × 12 = 24.
        assert_eq!(parse_time_to_offer("1 year"), Ok(12));
        assert_eq!(parse_time_to_offer("2 yrs"), Ok(24));
        assert!(
            parse_time_to_offer("3 years").is_err(),
            "36 months is past 24"
        );
        // A unit that does not fit is refused, naming the ones that do.
        let weeks = parse_time_to_offer("6 weeks").unwrap_err();
        assert!(weeks.message.contains("months or years"), "{weeks}");
        let month = parse_ghost_after_days("1 month").unwrap_err();
        assert!(month.message.contains("days or weeks"), "{month}");
        for bad in ["3 fortnights", "1.5 years", "-3", "2,1", "3 weeks later"] {
            assert!(parse_ghost_after_days(bad).is_err(), "{bad:?}");
            assert!(parse_time_to_offer(bad).is_err(), "{bad:?}");
        }
    }
}
