//! The Impact log: dated wins, each tied to one of the article's levers (revenue,
//! customer retention, cost savings, risk reduction) and ideally carrying a
//! measured result, so they can become résumé bullets when they are needed.

mod cadence;
mod category;
mod filter;
mod metric;
mod search;
mod summary;

pub use cadence::{Cadence, logged_this_week, streak, week_heading, weekly_counts};
pub use category::Category;
pub use filter::WinFilter;
pub use metric::Metric;
pub use search::WinQuery;
pub use summary::Summary;

use crate::domain::{Id, Invalid};
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// The Impact section of the workbook.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImpactLog {
    pub wins: Vec<Win>,
}

/// One thing the user did that mattered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Win {
    pub id: Id,
    pub date: NaiveDate,
    /// What you did, in your own words, one line.
    pub title: String,
    #[serde(default)]
    pub category: Category,
    // Empty optional fields are left out of the file: a log of thousands of
    // wins then reads and writes a third faster, and each line shows what is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<Metric>,
    /// Context, action, who benefited: enough to tell it as a story.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Lowercase words without `#` (see [`normalize_tags`]).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::domain::shrunk"
    )]
    pub tags: Vec<String>,
    /// A web address or file path to evidence (a doc, a dashboard, a PR).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// How far ahead a win may be dated. A win is something that happened, so a later
/// date is almost always a typo; a week of slack allows logging a launch planned
/// for the next few days or a date a time zone ahead.
pub const MAX_DAYS_AHEAD: u64 = 7;

/// How far back a win may be dated: about a working life. An older date is a
/// mistyped year (1026 for 2026), not a career event.
pub const MAX_YEARS_BACK: u32 = 50;

impl Win {
    /// Checks the fields a form or `careerbook log` fills, in form order.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Invalid> {
        validate_date(self.date, today)?;
        validate_title(&self.title)?;
        if let Some(metric) = &self.metric {
            Metric::parse(&metric.text).map_err(|message| Invalid::new("metric", message))?;
        }
        self.tags.iter().try_for_each(|tag| validate_tag(tag))?;
        match &self.link {
            Some(link) => validate_link(link),
            None => Ok(()),
        }
    }
}

fn validate_date(date: NaiveDate, today: NaiveDate) -> Result<(), Invalid> {
    if today
        .checked_add_days(Days::new(MAX_DAYS_AHEAD))
        .is_some_and(|latest| date > latest)
    {
        return Err(Invalid::new(
            "date",
            format!(
                "{date} is more than a week from today; a win is something that already \
                 happened, so check the date"
            ),
        ));
    }
    let earliest = today.checked_sub_months(Months::new(MAX_YEARS_BACK * 12));
    if earliest.is_some_and(|earliest| date < earliest) {
        return Err(Invalid::new(
            "date",
            format!("{date} is more than {MAX_YEARS_BACK} years ago; check the year"),
        ));
    }
    Ok(())
}

fn validate_title(title: &str) -> Result<(), Invalid> {
    if title.trim().is_empty() {
        return Err(Invalid::new("title", "describe what you did"));
    }
    if title.contains(['\n', '\r']) {
        return Err(Invalid::new(
            "title",
            "keep the title to one line; put the story in the notes",
        ));
    }
    Ok(())
}

fn validate_tag(tag: &str) -> Result<(), Invalid> {
    let message = if tag.is_empty() {
        "a tag cannot be empty".to_string()
    } else if tag.contains(|c: char| c.is_whitespace() || c == ',') {
        format!("tag {tag:?} must be one word, without spaces or commas")
    } else if tag.starts_with('#') {
        format!("write tag {tag:?} without the leading #")
    } else if tag.to_lowercase() != tag {
        format!("tag {tag:?} must be lowercase")
    } else {
        return Ok(());
    };
    Err(Invalid::new("tags", message))
}

fn validate_link(link: &str) -> Result<(), Invalid> {
    let text = link.trim();
    let message = if text.is_empty() {
        "leave the link out or enter a web address or file path"
    } else if text.contains(['\n', '\r']) {
        "keep the link on one line"
    } else if !looks_like_link(text) {
        "enter a web address (https://…) or a file path (~/docs/…)"
    } else {
        return Ok(());
    };
    Err(Invalid::new("link", message))
}

/// Lenient: a URL with a scheme, `www.`/`mailto:`, a path (spaces allowed, as in
/// `~/My Docs/review.pdf`), or a dotted name such as `example.com` or `review.pdf`.
/// A bare word such as `JIRA-123` or `see doc` is not a link.
fn looks_like_link(text: &str) -> bool {
    let has_space = text.contains(char::is_whitespace);
    if let Some((scheme, _)) = text.split_once("://") {
        let mut chars = scheme.chars();
        let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        return scheme_ok && !has_space;
    }
    if text.starts_with("www.") || text.starts_with("mailto:") {
        return !has_space;
    }
    let windows_drive = text.get(1..3) == Some(":\\");
    let path = text.starts_with(['/', '~', '.']) || text.contains(['/', '\\']) || windows_drive;
    path || (text.contains('.') && !has_space)
}

/// Tags from what a person types: `"AWS, infra #Cost"` → `["aws", "infra", "cost"]`.
/// Splits on commas and whitespace, drops leading `#`, lowercases, drops empties
/// and repeats (first one kept).
pub fn normalize_tags(input: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for word in input.split(|c: char| c == ',' || c.is_whitespace()) {
        let tag = normalize_tag(word);
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// One tag as stored: trimmed, without leading `#`, lowercase.
fn normalize_tag(word: &str) -> String {
    word.trim().trim_start_matches('#').to_lowercase()
}

/// "Newest first": later date first, then the higher (later-created) id.
/// Use as `wins.sort_by(newest_first)`.
pub fn newest_first(a: &Win, b: &Win) -> Ordering {
    b.date.cmp(&a.date).then(b.id.cmp(&a.id))
}

/// The positions of `wins` in [`newest_first`] order, wins that tie kept in
/// list order as a stable sort keeps them: a log of 100,000 wins is put in
/// order without moving or copying a win.
pub fn newest_first_positions(wins: &[Win]) -> Vec<usize> {
    // careerbook appends a win as it is logged, so a log is usually oldest
    // first already: newest first is then the list read backwards.
    if wins
        .windows(2)
        .all(|w| (w[0].date, w[0].id) < (w[1].date, w[1].id))
    {
        return (0..wins.len()).rev().collect();
    }
    // Sorting small keys instead of whole wins keeps the sort in cache; the
    // position makes every key distinct, so an unstable sort is stable here.
    let mut keys: Vec<(NaiveDate, Id, usize)> = wins
        .iter()
        .enumerate()
        .map(|(at, win)| (win.date, win.id, at))
        .collect();
    keys.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    keys.into_iter().map(|(_, _, at)| at).collect()
}

/// One win in `careerbook wins --format json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WinJson<'a> {
    pub id: Id,
    /// `YYYY-MM-DD`.
    pub date: NaiveDate,
    pub title: &'a str,
    /// The snake_case name, e.g. `cost_savings`.
    pub category: Category,
    /// The result as written, or null.
    pub metric: Option<&'a str>,
    pub tags: &'a [String],
    pub notes: Option<&'a str>,
    pub link: Option<&'a str>,
}

impl<'a> From<&'a Win> for WinJson<'a> {
    fn from(win: &'a Win) -> Self {
        WinJson {
            id: win.id,
            date: win.date,
            title: &win.title,
            category: win.category,
            metric: win.metric.as_ref().map(|metric| metric.text.as_str()),
            tags: &win.tags,
            notes: win.notes.as_deref(),
            link: win.link.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn valid_win() -> Win {
        Win {
            id: 1,
            date: d(2026, 11, 20),
            title: "Consolidated EC2 clusters".into(),
            category: Category::CostSavings,
            metric: Some(Metric::parse("$40k/yr").expect("test metric")),
            notes: Some("Three clusters became one.\nOn-call pages halved.".into()),
            tags: vec!["aws".into(), "c#".into()],
            link: Some("https://wiki.example.com/ec2".into()),
        }
    }

    fn field_of(win: &Win, today: NaiveDate) -> Option<&'static str> {
        win.validate(today).err().map(|invalid| invalid.field)
    }

    #[test]
    fn a_complete_win_is_valid() {
        assert_eq!(valid_win().validate(d(2026, 11, 26)), Ok(()));
        let bare = Win {
            metric: None,
            notes: None,
            tags: vec![],
            link: None,
            ..valid_win()
        };
        assert_eq!(bare.validate(d(2026, 11, 26)), Ok(()));
    }

    #[test]
    fn title_must_be_one_nonempty_line() {
        let today = d(2026, 11, 26);
        let blank = Win {
            title: "  \t".into(),
            ..valid_win()
        };
        assert_eq!(field_of(&blank, today), Some("title"));
        let two_lines = Win {
            title: "Shipped\nthe thing".into(),
            ..valid_win()
        };
        let err = two_lines.validate(today).unwrap_err();
        assert_eq!(err.field, "title");
        assert!(err.message.contains("one line"), "{err}");
    }

    #[test]
    fn date_may_be_at_most_a_week_ahead() {
        let today = d(2026, 11, 26);
        // Nov 26 + 7 days = Dec 3: allowed; Dec 4 is rejected.
        assert_eq!(
            Win {
                date: d(2026, 12, 3),
                ..valid_win()
            }
            .validate(today),
            Ok(())
        );
        let typo = Win {
            date: d(2026, 12, 4),
            ..valid_win()
        };
        let err = typo.validate(today).unwrap_err();
        assert_eq!(err.field, "date");
        assert!(err.message.contains("2026-12-04"), "{err}");
        // 50 years back from Nov 26, 2026 is Nov 26, 1976.
        assert_eq!(
            Win {
                date: d(1976, 11, 26),
                ..valid_win()
            }
            .validate(today),
            Ok(())
        );
        assert_eq!(
            field_of(
                &Win {
                    date: d(1976, 11, 25),
                    ..valid_win()
                },
                today
            ),
            Some("date")
        );
    }

    #[test]
    fn tags_must_be_normalised_words() {
        let today = d(2026, 11, 26);
        for bad in ["", "two words", "a,b", "#aws", "AWS"] {
            let win = Win {
                tags: vec![bad.into()],
                ..valid_win()
            };
            assert_eq!(field_of(&win, today), Some("tags"), "{bad:?}");
        }
    }

    #[test]
    fn metric_text_must_hold_a_number() {
        let mut win = valid_win();
        if let Some(metric) = win.metric.as_mut() {
            metric.text = "lots".into(); // a hand-edited file
        }
        let err = win.validate(d(2026, 11, 26)).unwrap_err();
        assert_eq!(err.field, "metric");
        assert!(err.message.contains("needs a number"), "{err}");
    }

    #[test]
    fn links_are_urls_or_paths() {
        for good in [
            "https://wiki.example.com/page?id=1",
            "http://localhost:8080",
            "www.example.com",
            "mailto:boss@example.com",
            "~/My Docs/review.pdf",
            "/srv/reports/q3.pdf",
            "./notes.md",
            "docs/launch.md",
            "C:\\Users\\me\\wins.docx",
            "example.com",
            "review.pdf",
        ] {
            assert!(looks_like_link(good), "{good:?} should be a link");
        }
        for bad in [
            "JIRA-123",
            "see doc",
            "https://has space.com",
            "://nothing",
            "TODO",
        ] {
            assert!(!looks_like_link(bad), "{bad:?} should not be a link");
        }
        let today = d(2026, 11, 26);
        assert_eq!(
            field_of(
                &Win {
                    link: Some(" ".into()),
                    ..valid_win()
                },
                today
            ),
            Some("link")
        );
        assert_eq!(
            field_of(
                &Win {
                    link: Some("JIRA-1".into()),
                    ..valid_win()
                },
                today
            ),
            Some("link")
        );
    }

    #[test]
    fn normalizes_typed_tags() {
        assert_eq!(normalize_tags("a, b #c"), vec!["a", "b", "c"]);
        assert_eq!(
            normalize_tags(" AWS,,infra  #Cost, aws ##x"),
            vec!["aws", "infra", "cost", "x"]
        );
        // Only leading '#' goes: "#C#" is the tag "c#".
        assert_eq!(normalize_tags("#C#"), vec!["c#"]);
        assert_eq!(normalize_tags(" , # "), Vec::<String>::new());
    }

    #[test]
    fn newest_first_orders_by_date_then_id() {
        let mut wins = [
            Win {
                id: 1,
                date: d(2026, 11, 20),
                ..valid_win()
            },
            Win {
                id: 3,
                date: d(2026, 11, 1),
                ..valid_win()
            },
            Win {
                id: 2,
                date: d(2026, 11, 20),
                ..valid_win()
            },
        ];
        wins.sort_by(newest_first);
        let ids: Vec<u64> = wins.iter().map(|w| w.id).collect();
        assert_eq!(ids, vec![2, 1, 3]);
    }

    #[test]
    fn json_record_shape() {
        let win = valid_win();
        let json = serde_json::to_value(WinJson::from(&win)).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({
                "id": 1,
                "date": "2026-11-20",
                "title": "Consolidated EC2 clusters",
                "category": "cost_savings",
                "metric": "$40k/yr",
                "tags": ["aws", "c#"],
                "notes": "Three clusters became one.\nOn-call pages halved.",
                "link": "https://wiki.example.com/ec2"
            })
        );
        let bare = Win {
            metric: None,
            notes: None,
            tags: vec![],
            link: None,
            ..win
        };
        let json = serde_json::to_value(WinJson::from(&bare)).expect("serializes");
        assert_eq!(json["metric"], serde_json::Value::Null);
        assert_eq!(json["notes"], serde_json::Value::Null);
        assert_eq!(json["link"], serde_json::Value::Null);
        assert_eq!(json["tags"], serde_json::json!([]));
    }

    #[test]
    fn ron_round_trip_keeps_every_kind_of_win() {
        let log = ImpactLog {
            wins: vec![
                valid_win(),
                Win {
                    id: 2,
                    date: d(2025, 12, 29),
                    title: "Cut p99 latency".into(),
                    category: Category::CustomerRetention,
                    metric: Some(Metric::parse("p99 900ms → 300ms").expect("test metric")),
                    notes: None,
                    tags: vec![],
                    link: Some("~/My Docs/latency.pdf".into()),
                },
                Win {
                    id: 3,
                    date: d(2026, 1, 5),
                    title: "Mentored \"two\" new hires, both promoted".into(),
                    category: Category::Other,
                    metric: None,
                    notes: None,
                    tags: vec!["people".into()],
                    link: None,
                },
                Win {
                    id: 4,
                    date: d(2026, 2, 1),
                    title: "Closed audit findings".into(),
                    category: Category::RiskReduction,
                    metric: Some(Metric::parse("-15%").expect("test metric")),
                    notes: Some(String::new()),
                    tags: vec![],
                    link: None,
                },
                Win {
                    id: 5,
                    date: d(2026, 3, 1),
                    title: "Renewed Acme".into(),
                    category: Category::Revenue,
                    metric: Some(Metric::parse("$1.2M ARR").expect("test metric")),
                    notes: None,
                    tags: vec![],
                    link: None,
                },
            ],
        };
        let text = ron::to_string(&log).expect("serializes");
        let back: ImpactLog = ron::from_str(&text).expect("parses");
        assert_eq!(back, log);
        // Decimals are strings and dates are YYYY-MM-DD in the file.
        assert!(text.contains("\"40000\""), "{text}");
        assert!(text.contains("\"2025-12-29\""), "{text}");
        assert!(text.contains("customer_retention"), "{text}");
    }

    #[test]
    fn hand_edited_file_may_leave_out_optional_fields() {
        let log: ImpactLog =
            ron::from_str(r#"(wins: [(id: 9, date: "2026-11-20", title: "Shipped it")])"#)
                .expect("parses");
        let win = &log.wins[0];
        assert_eq!(win.category, Category::Other);
        assert_eq!(
            (win.metric.clone(), win.notes.clone(), win.link.clone()),
            (None, None, None)
        );
        assert!(win.tags.is_empty());
        let empty: ImpactLog = ron::from_str("()").expect("parses");
        assert_eq!(empty, ImpactLog::default());
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let in_win = r#"(wins: [(id: 1, date: "2026-11-20", title: "x", colour: "red")])"#;
        assert!(ron::from_str::<ImpactLog>(in_win).is_err());
        let in_metric = r#"(wins: [(id: 1, date: "2026-11-20", title: "x",
            metric: Some((text: "30%", value: "30", unit: "%", scale: "big")))])"#;
        assert!(ron::from_str::<ImpactLog>(in_metric).is_err());
        assert!(ron::from_str::<ImpactLog>("(wins: [], extra: 1)").is_err());
        // The same metric without the unknown field loads.
        let ok = r#"(wins: [(id: 1, date: "2026-11-20", title: "x",
            metric: Some((text: "30%", value: "30", unit: "%")))])"#;
        assert!(ron::from_str::<ImpactLog>(ok).is_ok());
    }

    /// Wins with these (day of November 2026, id) pairs, in this list order.
    fn dated(days_and_ids: &[(u32, Id)]) -> Vec<Win> {
        days_and_ids
            .iter()
            .map(|&(day, id)| Win {
                id,
                date: d(2026, 11, day),
                ..valid_win()
            })
            .collect()
    }

    #[test]
    fn newest_first_positions_point_at_wins_in_newest_first_order() {
        // Positions 0..4 hold (day, id): (20, 1) (1, 3) (20, 2) (25, 4) (1, 5).
        // Newest first: the 25th (id 4, at 3); the 20th, id 2 (at 2) before id 1
        // (at 0); the 1st, id 5 (at 4) before id 3 (at 1).
        let wins = dated(&[(20, 1), (1, 3), (20, 2), (25, 4), (1, 5)]);
        assert_eq!(newest_first_positions(&wins), vec![3, 2, 0, 4, 1]);
        // Appended oldest first, as careerbook writes a log: read backwards.
        let appended = dated(&[(1, 1), (1, 2), (20, 3), (25, 4)]);
        assert_eq!(newest_first_positions(&appended), vec![3, 2, 1, 0]);
        assert_eq!(newest_first_positions(&[]), Vec::<usize>::new());
        assert_eq!(newest_first_positions(&dated(&[(3, 7)])), vec![0]);
    }

    #[test]
    fn newest_first_positions_keep_list_order_for_a_full_tie() {
        // Two wins with the same date and id (a hand-edited file): list order,
        // as `sort_by(newest_first)` keeps them, also where the rest of the
        // list is oldest first and would otherwise be read backwards.
        let mut wins = dated(&[(1, 1), (5, 2), (5, 2), (9, 3)]);
        wins[1].title = "first of the tie".into();
        let titles: Vec<&str> = newest_first_positions(&wins)
            .into_iter()
            .map(|at| wins[at].title.as_str())
            .collect();
        assert_eq!(titles[1], "first of the tie");
        assert_eq!(newest_first_positions(&wins), vec![3, 1, 2, 0]);
    }

    proptest! {
        // The positions list the same wins, in the same order, as sorting
        // copies with `newest_first` (a stable sort), whatever the list order,
        // repeated dates and repeated ids.
        #[test]
        fn newest_first_positions_agree_with_sorting_copies(
            pairs in proptest::collection::vec((1u32..6, 1u64..6), 0..40),
            oldest_first in any::<bool>(),
        ) {
            let mut pairs = pairs;
            if oldest_first {
                pairs.sort_unstable();
                pairs.dedup();
            }
            let mut wins = dated(&pairs);
            for (i, win) in wins.iter_mut().enumerate() {
                win.title = format!("at {i}");
            }
            let mut sorted = wins.clone();
            sorted.sort_by(newest_first);
            let by_positions: Vec<Win> = newest_first_positions(&wins)
                .into_iter()
                .map(|at| wins[at].clone())
                .collect();
            prop_assert_eq!(by_positions, sorted);
        }

        // Whatever is typed into the tags field, the stored tags pass validation.
        #[test]
        fn normalized_tags_are_valid(input in "\\PC{0,30}") {
            for tag in normalize_tags(&input) {
                prop_assert_eq!(validate_tag(&tag), Ok(()));
            }
        }
    }
}
