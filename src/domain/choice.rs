//! Reading the words people type for a choice (a stage, a category, a
//! schedule …): any case, with or without spaces, hyphens, underscores or
//! other punctuation, by key or by label or by an everyday synonym.

/// Lower case letters and digits only, so "Job-Board", "job_board",
/// " job  board " and "Meta 2022" / "meta2022" compare equal.
pub(crate) fn squash(input: &str) -> String {
    input
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One enum's words: its choices, their key and label, and extra everyday words
/// that mean a choice (e.g. "linkedin" for a job board).
pub(crate) struct Choices<T: 'static> {
    pub what: &'static str,
    pub all: &'static [T],
    pub key: fn(&T) -> &'static str,
    pub label: fn(&T) -> &'static str,
    pub synonyms: &'static [(&'static str, T)],
}

impl<T: Copy + 'static> Choices<T> {
    /// The choice whose key, label or synonym matches `input`, or a message listing
    /// the valid keys.
    pub fn parse(&self, input: &str) -> Result<T, String> {
        let wanted = squash(input);
        if wanted.is_empty() {
            return Err(format!("enter a {} (one of: {})", self.what, self.keys()));
        }
        let by_name = self
            .all
            .iter()
            .find(|c| squash((self.key)(c)) == wanted || squash((self.label)(c)) == wanted);
        let by_synonym = || {
            self.synonyms
                .iter()
                .find(|(word, _)| squash(word) == wanted)
                .map(|(_, c)| c)
        };
        by_name.or_else(by_synonym).copied().ok_or_else(|| {
            format!(
                "{:?} is not a {} (choose one of: {})",
                input.trim(),
                self.what,
                self.keys()
            )
        })
    }

    fn keys(&self) -> String {
        self.all.iter().map(self.key).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_case_do_not_matter() {
        assert_eq!(squash("  Job-Board "), "jobboard");
        assert_eq!(squash("job__board"), "jobboard");
        assert_eq!(squash("Meta 2022"), squash("meta_2022"));
        assert_eq!(squash(" - "), "");
    }
}
