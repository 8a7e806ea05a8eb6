//! Many short texts in one allocation: what a table's rows show and search,
//! held apart from the workbook (a table's rows cannot borrow it) without a
//! `String` of its own for each. Row `i` of a table keeps its `n` texts at
//! `n * i ..`.

#[derive(Debug, Default)]
pub struct Texts {
    all: String,
    /// Where each text ends in `all`.
    ends: Vec<usize>,
}

impl Texts {
    pub fn with_capacity(texts: usize) -> Self {
        Self {
            all: String::new(),
            ends: Vec::with_capacity(texts),
        }
    }

    pub fn push(&mut self, text: &str) {
        self.all.push_str(text);
        self.ends.push(self.all.len());
    }

    /// Text `i` (empty past the last).
    pub fn get(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(self.all.len()),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.all.get(start..end).unwrap_or_default()
    }

    /// Gives back the room the texts grew into.
    pub fn shrink_to_fit(&mut self) {
        self.all.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_comes_back_as_pushed_empty_ones_and_non_ascii_included() {
        let mut texts = Texts::default();
        for text in ["Acme", "", "Zürich", "SRE"] {
            texts.push(text);
        }
        // "Acme" is bytes 0..4, "" 4..4, "Zürich" (ü is two bytes) 4..11, "SRE" 11..14.
        assert_eq!(texts.get(0), "Acme");
        assert_eq!(texts.get(1), "");
        assert_eq!(texts.get(2), "Zürich");
        assert_eq!(texts.get(3), "SRE");
        assert_eq!(texts.get(4), "", "past the last");
    }
}
