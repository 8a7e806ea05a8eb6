//! Case-insensitive matching for the filters that search records (wins,
//! applications, contacts): one folding rule, so every search agrees.

/// Lowercases char by char (`char::to_lowercase`): the one folding rule for
/// queries, haystacks and the comparisons below, so all of them agree.
pub fn fold_case(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// Case-insensitive `contains` for a folded needle, without allocating: bytes
/// for ASCII text, folded chars otherwise.
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if haystack.is_ascii() {
        let needle = needle.as_bytes();
        haystack
            .as_bytes()
            .windows(needle.len())
            .any(|window| window.eq_ignore_ascii_case(needle))
    } else {
        // Try the full comparison only where the first character already matches.
        let first = needle.chars().next();
        haystack
            .char_indices()
            .any(|(at, c)| fold_first(c) == first && starts_with_folded(&haystack[at..], needle))
    }
}

/// The first char of `c` folded (ASCII without the Unicode tables).
fn fold_first(c: char) -> Option<char> {
    if c.is_ascii() {
        Some(c.to_ascii_lowercase())
    } else {
        c.to_lowercase().next()
    }
}

/// Whether `haystack`, folded, starts with the folded `prefix`.
pub fn starts_with_folded(haystack: &str, prefix: &str) -> bool {
    if haystack.is_ascii() {
        return haystack
            .as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()));
    }
    let mut wanted = prefix.chars();
    for c in haystack.chars().flat_map(char::to_lowercase) {
        match wanted.next() {
            None => return true,
            Some(w) if w == c => {}
            Some(_) => return false,
        }
    }
    wanted.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_folded_ignores_case_in_ascii_and_beyond() {
        assert!(contains_folded("Consolidated EC2", "ec2"));
        assert!(contains_folded("Worked in ZÜRICH", "zürich"));
        // "é" is two bytes; an ASCII needle never matches inside it.
        assert!(contains_folded("Café", "caf"));
        assert!(!contains_folded("Café", "cafe"));
        assert!(contains_folded("anything", ""));
        assert!(starts_with_folded("Infra", "inf"));
        assert_eq!(fold_case("ÄBC"), "äbc");
    }
}
