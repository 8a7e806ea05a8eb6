//! iCalendar (RFC 5545) export: one all-day event per dated item, with a
//! reminder (`VALARM`) before the ones that cost money if missed.
//!
//! UIDs are stable (`vest-<grant id>-<YYYYMMDD>@careerbook`), so importing a
//! newer export updates the events already in a calendar instead of adding
//! copies. `DTSTAMP` is a parameter: this writer never reads the clock.

use chrono::{Days, NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

use crate::domain::money::{format_money, format_shares};
use crate::domain::vesting::{self, Price, VestingBook};
use crate::domain::{Id, dates};
use crate::text;

/// One all-day calendar entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Unique and stable across exports for the same item.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: Option<String>,
    /// A reminder this many days before the day, if any.
    pub alarm_days: Option<u32>,
}

/// RFC 5545 lines are at most 75 octets before the line break.
const MAX_LINE_OCTETS: usize = 75;

/// The whole calendar as text with CRLF line ends. `stamp` is the export time
/// in UTC, written as every event's `DTSTAMP`.
pub fn calendar(events: &[CalendarEvent], stamp: NaiveDateTime) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        PRODID,
        "CALSCALE:GREGORIAN",
    ] {
        push_line(&mut out, line);
    }
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for event in events {
        push_event(&mut out, event, &stamp);
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

fn push_event(out: &mut String, event: &CalendarEvent, stamp: &str) {
    // An all-day event ends (exclusively) on the next day.
    let end = event
        .date
        .checked_add_days(Days::new(1))
        .unwrap_or(event.date);
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:{}", escape_text(&event.uid)));
    push_line(out, &format!("DTSTAMP:{stamp}"));
    push_line(out, &format!("DTSTART;VALUE=DATE:{}", ics_date(event.date)));
    push_line(out, &format!("DTEND;VALUE=DATE:{}", ics_date(end)));
    push_line(out, &format!("SUMMARY:{}", escape_text(&event.summary)));
    if let Some(description) = &event.description {
        push_line(out, &format!("DESCRIPTION:{}", escape_text(description)));
    }
    // Free time: a vest does not block the day.
    push_line(out, "TRANSP:TRANSPARENT");
    if let Some(days) = event.alarm_days {
        push_line(out, "BEGIN:VALARM");
        push_line(out, "ACTION:DISPLAY");
        push_line(out, &format!("DESCRIPTION:{}", escape_text(&event.summary)));
        push_line(out, &format!("TRIGGER:-P{days}D"));
        push_line(out, "END:VALARM");
    }
    push_line(out, "END:VEVENT");
}

fn ics_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks. Control
/// characters, which RFC 5545 forbids in TEXT, are removed (a tab, which it
/// allows, stays), and so are bidi overrides and isolates, which would reorder
/// what a calendar shows: the characters the terminal rule
/// ([`text::terminal_safe`]) replaces, dropped since a calendar has no stand-in.
fn escape_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(c),
            _ if text::is_unsafe(c) => {}
            _ => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so no physical line exceeds 75 octets; a
/// fold never splits a UTF-8 character, and each continuation starts with a space.
fn push_line(out: &mut String, line: &str) {
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// The `PRODID` line every calendar careerbook writes carries.
const PRODID: &str = "PRODID:-//careerbook//EN";

/// Whether `head` (the first bytes of a file) is a calendar careerbook wrote:
/// it starts with `BEGIN:VCALENDAR` and names careerbook as its producer. An
/// export may replace such a file; any other file is the user's.
pub fn is_careerbook_calendar(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split("\r\n");
    lines.next() == Some("BEGIN:VCALENDAR") && lines.take(8).any(|line| line == PRODID)
}

/// The stable UID of a grant's vest on a date.
pub fn vest_uid(grant_id: Id, date: NaiveDate) -> String {
    format!("vest-{grant_id}-{}@careerbook", ics_date(date))
}

/// What to do with vests dated after the last day on payroll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forfeited {
    /// Keep them in the calendar, each saying it is forfeited if the person
    /// leaves on the last day.
    Mark,
    /// Leave them out (`--no-forfeited`).
    LeaveOut,
}

/// One event per vest of every grant, past ones included (each says how many
/// shares have vested after it; the calendar export leaves the past ones
/// out), valued at each ticker's current price on `today`.
/// A vest after `last_day` (the separation date) is never shown as an
/// ordinary vest: it is marked forfeited, or left out.
pub fn vest_events(
    book: &VestingBook,
    today: NaiveDate,
    last_day: Option<NaiveDate>,
    forfeited: Forfeited,
) -> Vec<CalendarEvent> {
    let mut events = Vec::new();
    for grant in &book.grants {
        let price = book.price_for(&grant.ticker, today);
        let mut vested = Decimal::ZERO;
        for tranche in grant.tranches() {
            vested += tranche.shares;
            let shares = format_shares(tranche.shares);
            let worth = worth(tranche.shares, price, &grant.ticker);
            let vest = format!("{shares} {} vest ({})", grant.ticker, grant.name);
            let (summary, description) =
                match last_day.filter(|&last| !vesting::kept(last, tranche.date)) {
                    Some(_) if forfeited == Forfeited::LeaveOut => continue,
                    Some(last) => (
                        format!(
                            "Forfeited if you leave {}: {vest}",
                            dates::format_long(last)
                        ),
                        format!(
                            "{}: {shares} shares would vest on this day, after your last day on \
                         payroll ({}): leaving then forfeits them. A last day on or after this \
                         date keeps them.\n{worth}",
                            grant.name,
                            dates::format_long(last)
                        ),
                    ),
                    None => (
                        vest,
                        format!(
                            "{}: {shares} shares vest, {} of {} vested after this.\n{worth}",
                            grant.name,
                            format_shares(vested),
                            format_shares(grant.shares)
                        ),
                    ),
                };
            events.push(CalendarEvent {
                uid: vest_uid(grant.id, tranche.date),
                date: tranche.date,
                summary,
                description: Some(description),
                alarm_days: None,
            });
        }
    }
    events.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    events
}

fn worth(shares: Decimal, price: Option<&Price>, ticker: &str) -> String {
    match price.and_then(|p| shares.checked_mul(p.price).map(|value| (p, value))) {
        Some((p, value)) => format!(
            "About {} at {} a share (price as of {}).",
            format_money(value),
            format_money(p.price),
            dates::format_long(p.as_of)
        ),
        None => format!("No price entered for {ticker}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vesting::{Grant, Rounding, Schedule};
    use chrono::NaiveTime;
    use rust_decimal_macros::dec;

    fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    fn stamp() -> NaiveDateTime {
        d(2026, 11, 26).and_time(NaiveTime::from_hms_opt(9, 30, 5).expect("valid time"))
    }

    /// One property of the parsed calendar: name (with parameters) and unescaped value.
    type Property = (String, String);

    /// Parses the output back the way a calendar program would: check the
    /// physical lines, unfold, split each line into name and value, unescape.
    fn parse(text: &str) -> Vec<Property> {
        assert!(text.ends_with("\r\n"));
        assert!(
            !text.replace("\r\n", "").contains(['\r', '\n']),
            "bare line break in {text:?}"
        );
        for physical in text.split("\r\n") {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical:?}",
                physical.len()
            );
        }
        text.replace("\r\n ", "")
            .split("\r\n")
            .filter(|line| !line.is_empty())
            .map(|line| {
                let (name, value) = line.split_once(':').expect("every line has a colon");
                (name.to_string(), unescape(value))
            })
            .collect()
    }

    fn unescape(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {value:?}"),
            }
        }
        out
    }

    /// The properties of each VEVENT, in order.
    fn vevents(properties: &[Property]) -> Vec<Vec<Property>> {
        let mut events = Vec::new();
        let mut current: Option<Vec<Property>> = None;
        for (name, value) in properties {
            match (name.as_str(), value.as_str()) {
                ("BEGIN", "VEVENT") => current = Some(Vec::new()),
                ("END", "VEVENT") => events.extend(current.take()),
                _ => {
                    if let Some(event) = current.as_mut() {
                        event.push((name.clone(), value.clone()));
                    }
                }
            }
        }
        events
    }

    fn get<'a>(event: &'a [Property], name: &str) -> Option<&'a str> {
        event
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn calendar_parses_back_with_escaping_and_folding() {
        let long = "Café ☕ vest, details; path C:\\stock\nsecond line ".repeat(6);
        let events = [
            CalendarEvent {
                uid: "vest-7-20270315@careerbook".into(),
                date: d(2027, 3, 15),
                summary: "20 AMZN vest (New hire, 2024; main)".into(),
                description: Some(long.clone()),
                alarm_days: Some(3),
            },
            CalendarEvent {
                uid: "vest-7-20271231@careerbook".into(),
                date: d(2027, 12, 31),
                summary: "Year-end vest".into(),
                description: None,
                alarm_days: None,
            },
        ];
        let text = calendar(&events, stamp());
        let properties = parse(&text);
        let head: Vec<(&str, &str)> = properties[..4]
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            head,
            [
                ("BEGIN", "VCALENDAR"),
                ("VERSION", "2.0"),
                ("PRODID", "-//careerbook//EN"),
                ("CALSCALE", "GREGORIAN")
            ]
        );
        assert_eq!(
            properties.last(),
            Some(&("END".to_string(), "VCALENDAR".to_string()))
        );
        let parsed = vevents(&properties);
        assert_eq!(parsed.len(), 2);
        let first = &parsed[0];
        assert_eq!(get(first, "UID"), Some("vest-7-20270315@careerbook"));
        assert_eq!(get(first, "DTSTAMP"), Some("20261126T093005Z"));
        assert_eq!(get(first, "DTSTART;VALUE=DATE"), Some("20270315"));
        assert_eq!(get(first, "DTEND;VALUE=DATE"), Some("20270316"));
        assert_eq!(
            get(first, "SUMMARY"),
            Some("20 AMZN vest (New hire, 2024; main)")
        );
        assert_eq!(get(first, "DESCRIPTION"), Some(long.as_str()));
        // The all-day event ends on the next day, across a year end too.
        assert_eq!(get(&parsed[1], "DTEND;VALUE=DATE"), Some("20280101"));
        assert_eq!(get(&parsed[1], "DESCRIPTION"), None);
        // The first asked for a reminder 3 days before; the second for none.
        assert_eq!(get(first, "TRIGGER"), Some("-P3D"));
        assert_eq!(get(first, "ACTION"), Some("DISPLAY"));
        assert_eq!(get(&parsed[1], "TRIGGER"), None);
        assert!(
            text.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"),
            "the alarm sits inside its event"
        );
        // The long description was folded, and folds use the room they have.
        assert!(text.contains("\r\n "));
        let widest = text.split("\r\n").map(str::len).max().unwrap_or(0);
        assert!(widest >= 72, "folds too early: {widest}");
    }

    #[test]
    fn recognises_its_own_calendars_only() {
        assert!(is_careerbook_calendar(calendar(&[], stamp()).as_bytes()));
        let other =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar//EN\r\n";
        assert!(!is_careerbook_calendar(other.as_bytes()));
        assert!(!is_careerbook_calendar(
            b"my notes\nPRODID:-//careerbook//EN\r\n"
        ));
        assert!(!is_careerbook_calendar(b""));
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape_text("a\\b;c,d\r\ne\rf"), "a\\\\b\\;c\\,d\\ne\\nf");
    }

    #[test]
    fn control_and_bidi_characters_are_removed() {
        let hostile = "A\x1b]52;c;eHh4\x07B\x1b[2K\0C\u{9b}D\u{7f}E\u{202e}F\u{2066}\tG";
        assert_eq!(escape_text(hostile), "A]52\\;c\\;eHh4B[2KCDEF\tG");
        let event = CalendarEvent {
            uid: "x@careerbook".into(),
            date: d(2026, 12, 1),
            summary: hostile.into(),
            description: Some(format!("{hostile}\r\nline two\x08")),
            alarm_days: None,
        };
        let text = calendar(&[event], stamp());
        assert!(
            !text
                .replace("\r\n", "")
                .contains(|c: char| c.is_control() && c != '\t'),
            "{text:?}"
        );
        assert!(!text.contains(['\u{202e}', '\u{2066}']), "{text:?}");
        assert!(
            text.contains("DESCRIPTION:A]52\\;c\\;eHh4B[2KCDEF\tG\\nline two\r\n"),
            "{text:?}"
        );
    }

    #[test]
    fn folding_never_splits_a_character() {
        // 'é' is 2 octets: "DESCRIPTION:" is 12, so 31 of them (62) plus 1 more would be 76.
        let mut out = String::new();
        push_line(&mut out, &format!("DESCRIPTION:{}", "é".repeat(40)));
        let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        // First line: 12 + 31 × 2 = 74 octets (a 32nd 'é' would make 76).
        assert_eq!(lines[0].len(), 74);
        // Second: the space + the remaining 9 × 2 = 19 octets.
        assert_eq!(lines[1], format!(" {}", "é".repeat(9)));
    }

    fn book(with_price: bool) -> VestingBook {
        VestingBook {
            grants: vec![Grant {
                id: 7,
                name: "New hire".into(),
                ticker: "AMZN".into(),
                shares: dec!(100),
                grant_date: d(2024, 3, 15),
                vest_start: d(2024, 3, 15),
                schedule: Schedule::Amazon,
                rounding: Rounding::HalfUp,
            }],
            prices: if with_price {
                vec![Price {
                    id: 8,
                    ticker: "AMZN".into(),
                    price: dec!(185.50),
                    as_of: d(2026, 11, 20),
                }]
            } else {
                Vec::new()
            },
            ..VestingBook::default()
        }
    }

    #[test]
    fn vest_events_have_stable_uids_and_say_what_vests() {
        let events = vest_events(&book(true), d(2026, 11, 26), None, Forfeited::Mark);
        assert_eq!(events.len(), 6);
        let third = &events[2];
        assert_eq!(third.uid, "vest-7-20260915@careerbook");
        assert_eq!(third.date, d(2026, 9, 15));
        assert_eq!(third.summary, "20 AMZN vest (New hire)");
        // 5 + 15 + 20 = 40 vested after this; 20 × 185.50 = 3,710.00.
        assert_eq!(
            third.description.as_deref(),
            Some(
                "New hire: 20 shares vest, 40 of 100 vested after this.\n\
                 About $3,710.00 at $185.50 a share (price as of 20 Nov 2026)."
            )
        );
        // Another day, no price: same UIDs, so a re-import updates these events.
        let later = vest_events(&book(false), d(2027, 1, 1), None, Forfeited::Mark);
        let uids =
            |events: &[CalendarEvent]| events.iter().map(|e| e.uid.clone()).collect::<Vec<_>>();
        assert_eq!(uids(&later), uids(&events));
        assert!(
            later[2]
                .description
                .as_deref()
                .is_some_and(|d| d.ends_with("No price entered for AMZN."))
        );
    }

    #[test]
    fn vests_after_the_last_day_are_marked_forfeited_or_left_out_never_ordinary() {
        // DESIGN.md's example: last day 2026-06-30 keeps 5 + 15 = 20 shares;
        // the four vests from 2026-09-15 on (80 shares) are forfeited.
        let last = Some(d(2026, 6, 30));
        let marked = vest_events(&book(true), d(2026, 11, 26), last, Forfeited::Mark);
        let summaries: Vec<&str> = marked.iter().map(|e| e.summary.as_str()).collect();
        assert_eq!(
            summaries,
            [
                "5 AMZN vest (New hire)",
                "15 AMZN vest (New hire)",
                "Forfeited if you leave 30 Jun 2026: 20 AMZN vest (New hire)",
                "Forfeited if you leave 30 Jun 2026: 20 AMZN vest (New hire)",
                "Forfeited if you leave 30 Jun 2026: 20 AMZN vest (New hire)",
                "Forfeited if you leave 30 Jun 2026: 20 AMZN vest (New hire)",
            ]
        );
        assert!(
            marked[2].description.as_deref().is_some_and(|d| d
                .contains("leaving then forfeits them")
                && d.contains("About $3,710.00")),
            "{:?}",
            marked[2].description
        );
        // The same UIDs as without a last day: moving the last day updates events.
        let plain = vest_events(&book(true), d(2026, 11, 26), None, Forfeited::Mark);
        let uids =
            |events: &[CalendarEvent]| events.iter().map(|e| e.uid.clone()).collect::<Vec<_>>();
        assert_eq!(uids(&marked), uids(&plain));
        let left_out = vest_events(&book(true), d(2026, 11, 26), last, Forfeited::LeaveOut);
        assert_eq!(uids(&left_out), uids(&plain[..2]));
        // A vest on the last day itself is kept.
        let on_the_day = vest_events(
            &book(true),
            d(2026, 11, 26),
            Some(d(2026, 9, 15)),
            Forfeited::Mark,
        );
        assert_eq!(on_the_day[2].summary, "20 AMZN vest (New hire)");
        assert!(on_the_day[3].summary.starts_with("Forfeited"));
    }
}
