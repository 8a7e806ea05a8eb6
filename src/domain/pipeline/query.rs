//! The `/` filter: words that must all appear somewhere in a record.

use crate::domain::search::{contains_folded, fold_case};

/// A filter prepared once per keystroke and tested against thousands of records.
/// Every whitespace-separated word must appear (case-insensitive) in at least one
/// of a record's fields; an empty query matches everything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn new(text: &str) -> Self {
        Self {
            words: text.split_whitespace().map(fold_case).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word of the query appears in one of `fields`.
    pub(crate) fn matches_any<'a>(&self, fields: impl Iterator<Item = &'a str> + Clone) -> bool {
        self.words
            .iter()
            .all(|word| fields.clone().any(|field| contains_folded(field, word)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_match_some_field() {
        let fields = ["Acme Corp", "Site Reliability Engineer", "Zürich"];
        let query = |text: &str| Query::new(text).matches_any(fields.iter().copied());
        assert!(query(""));
        assert!(query("acme"));
        assert!(query("ACME reliability"));
        assert!(query("zürich"));
        assert!(query("ZÜRICH"));
        assert!(!query("acme berlin"));
        assert!(!query("globex"));
    }

    #[test]
    fn non_ascii_text_does_not_confuse_the_byte_search() {
        // "é" is two bytes; an ASCII needle never matches inside it.
        assert!(Query::new("caf").matches_any(["Café"].into_iter()));
        assert!(!Query::new("cafe").matches_any(["Café"].into_iter()));
    }
}
