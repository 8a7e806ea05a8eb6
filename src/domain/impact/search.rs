//! The `/` filter of the Impact tab: case-insensitive text search over a win.
//!
//! A query is split into words; a win matches when every word occurs in one of
//! its title, notes, metric text, tags (each seen as `#tag`), category key
//! (`cost_savings`) or category label (`Cost savings`). So `#inf` finds wins tagged
//! `infra`, `infra` also finds `infrastructure` in a title, and `ec2 cost` needs both.
//!
//! [`WinQuery::matches`] works on the win itself without allocating;
//! [`Win::search_text`] builds the same haystack once for a screen to cache, and
//! [`WinQuery::matches_search_text`] gives the same answer from it.

use super::Win;
use crate::domain::search::{contains_folded, fold_case, starts_with_folded};

/// A query lowercased and split once, to test many wins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WinQuery {
    words: Vec<String>,
}

impl WinQuery {
    pub fn new(query: &str) -> Self {
        WinQuery {
            words: fold_case(query)
                .split_whitespace()
                .map(str::to_string)
                .collect(),
        }
    }

    /// True for an empty query, which matches every win.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word of the query occurs in the win.
    pub fn matches(&self, win: &Win) -> bool {
        self.words.iter().all(|word| win_contains(win, word))
    }

    /// The same test over a haystack from [`Win::search_text`].
    pub fn matches_search_text(&self, haystack: &str) -> bool {
        self.words
            .iter()
            .all(|word| haystack.contains(word.as_str()))
    }
}

impl Win {
    /// Whether the win matches `query` (see the module notes). To test many wins,
    /// build a [`WinQuery`] once instead.
    pub fn matches(&self, query: &str) -> bool {
        WinQuery::new(query).matches(self)
    }

    /// Everything the filter searches, lowercased, one field per line so a word
    /// never matches across two fields. Tags appear as `#tag`.
    pub fn search_text(&self) -> String {
        let tags: Vec<String> = self.tags.iter().map(|tag| format!("#{tag}")).collect();
        let fields = [
            self.title.as_str(),
            self.notes.as_deref().unwrap_or(""),
            self.metric
                .as_ref()
                .map_or("", |metric| metric.text.as_str()),
            &tags.join(" "),
            self.category.key(),
            self.category.label(),
        ];
        fold_case(&fields.join("\n"))
    }
}

/// `word` is lowercase and has no whitespace.
fn win_contains(win: &Win, word: &str) -> bool {
    contains_folded(&win.title, word)
        || win
            .notes
            .as_deref()
            .is_some_and(|notes| contains_folded(notes, word))
        || win
            .metric
            .as_ref()
            .is_some_and(|metric| contains_folded(&metric.text, word))
        || win.tags.iter().any(|tag| tag_contains(tag, word))
        || contains_folded(win.category.key(), word)
        || contains_folded(win.category.label(), word)
}

/// Whether `#tag` contains `word`, without building `#tag`.
fn tag_contains(tag: &str, word: &str) -> bool {
    match word.strip_prefix('#') {
        Some(rest) if starts_with_folded(tag, rest) => true,
        _ => contains_folded(tag, word),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::{Category, Metric};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn sample() -> Win {
        Win {
            id: 7,
            date: NaiveDate::from_ymd_opt(2026, 10, 14).expect("valid test date"),
            title: "Consolidated EC2 clusters".into(),
            category: Category::CostSavings,
            metric: Some(Metric::parse("$40k/yr").expect("test metric")),
            notes: Some("Worked with the Zürich SRE team".into()),
            tags: vec!["infra".into(), "aws".into()],
            link: Some("https://wiki.example.com/ec2".into()),
        }
    }

    #[test]
    fn matches_each_field_case_insensitively() {
        let win = sample();
        for query in [
            "",
            "ec2",
            "CONSOLIDATED",
            "$40K",
            "zürich",
            "ZÜRICH sre",
            "infra",
            "#inf",
            "#AWS",
            "cost_savings",
            "cost savings",
            "Cost",
        ] {
            assert!(win.matches(query), "{query:?} should match");
        }
    }

    #[test]
    fn every_word_must_match_and_fields_do_not_run_together() {
        let win = sample();
        for query in [
            "ec2 revenue",
            "#fra",         // a tag matches from its start after '#'
            "#ec2",         // '#' words only match tags (or a literal '#')
            "clusters$40k", // title and metric are separate fields
            "wiki",         // the link is not searched
            "risk",
        ] {
            assert!(!win.matches(query), "{query:?} should not match");
        }
    }

    #[test]
    fn query_prepared_once_agrees_with_win_matches() {
        let win = sample();
        let query = WinQuery::new("  EC2   #infra ");
        assert!(!query.is_empty());
        assert!(query.matches(&win));
        assert!(query.matches_search_text(&win.search_text()));
        assert!(WinQuery::new(" ").is_empty());
    }

    #[test]
    fn search_text_lists_fields_one_per_line() {
        assert_eq!(
            sample().search_text(),
            "consolidated ec2 clusters\nworked with the zürich sre team\n$40k/yr\n\
             #infra #aws\ncost_savings\ncost savings"
        );
    }

    proptest! {
        // The allocation-free path and the cached haystack must always agree.
        #[test]
        fn both_paths_agree(
            title in "[a-cA-CéÉ #_]{0,8}",
            notes in proptest::option::of("[a-cA-C#Σσ ]{0,8}"),
            tags in proptest::collection::vec("[a-cé#]{0,4}", 0..3),
            query in "[a-cA-CéÉσ#_ ]{0,6}",
        ) {
            let mut win = sample();
            win.title = title;
            win.notes = notes;
            win.metric = None;
            win.tags = tags;
            let prepared = WinQuery::new(&query);
            prop_assert_eq!(prepared.matches(&win), prepared.matches_search_text(&win.search_text()));
        }
    }

    /// Run with `cargo test -- --ignored --nocapture filter_speed`; prints the time
    /// to filter 20,000 wins. Not a pass/fail timing check.
    #[test]
    #[ignore]
    fn filter_speed() {
        let base = sample();
        let wins: Vec<Win> = (0..20_000)
            .map(|i| Win {
                id: i,
                title: format!("{} number {i}", base.title),
                ..base.clone()
            })
            .collect();
        for text in ["ec2", "#infra", "nothing matches this", "zürich 1999"] {
            let query = WinQuery::new(text);
            let started = std::time::Instant::now();
            let found = wins.iter().filter(|win| query.matches(win)).count();
            eprintln!(
                "{text:?}: {found} of {} in {:?}",
                wins.len(),
                started.elapsed()
            );
        }
        let haystacks: Vec<String> = wins.iter().map(Win::search_text).collect();
        let query = WinQuery::new("zürich 1999");
        let started = std::time::Instant::now();
        let found = haystacks
            .iter()
            .filter(|text| query.matches_search_text(text))
            .count();
        eprintln!("cached haystacks: {found} in {:?}", started.elapsed());
    }
}
