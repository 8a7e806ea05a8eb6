//! Reading the words people type for a choice (a stage, a source, …).

/// Lower case, with runs of spaces, hyphens and underscores read as one space,
/// so "Job-Board", "job_board" and " job  board " all compare equal.
pub(crate) fn normalise(input: &str) -> String {
    input
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
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
        let wanted = normalise(input);
        if wanted.is_empty() {
            return Err(format!("enter a {} (one of: {})", self.what, self.keys()));
        }
        let by_name = self
            .all
            .iter()
            .find(|c| normalise((self.key)(c)) == wanted || normalise((self.label)(c)) == wanted);
        let by_synonym = || {
            self.synonyms
                .iter()
                .find(|(word, _)| *word == wanted)
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
    fn spaces_hyphens_and_underscores_are_one_separator() {
        assert_eq!(normalise("  Job-Board "), "job board");
        assert_eq!(normalise("job__board"), "job board");
        assert_eq!(normalise("HIRING manager"), "hiring manager");
        assert_eq!(normalise(" - "), "");
    }
}
