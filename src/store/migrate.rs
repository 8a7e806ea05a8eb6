//! Upgrading workbooks written in an older format.
//!
//! Each step turns the text of version `from` into the text of version `from + 1`,
//! typically by parsing it with that version's own types and writing the next
//! version's. Steps run one after another, so a file several versions old is
//! upgraded through every format in between. The session backs the old file up
//! before the first step and saves the result.
//!
//! When the format changes: bump `CURRENT_VERSION`, keep the old types here,
//! add a step.

/// One upgrade from `from` to `from + 1`.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    pub from: u32,
    pub upgrade: fn(&str) -> Result<String, String>,
    /// Every line and column of the old text is the same in the new one, so
    /// an error found after upgrading can point into the person's own file.
    pub keeps_positions: bool,
}

/// The steps this build knows, oldest first.
pub const STEPS: &[Step] = &[Step {
    from: 1,
    upgrade: from_one,
    keeps_positions: true,
}];

/// Version 2 only adds what version 1 cannot hold (stored conflicts, and
/// the sections added beside them), each empty by default, so a version 1
/// file is a version 2 file once its number says so. The number moves on so
/// that a version 1 build opens a file that may hold them read-only, rather
/// than refusing it as damaged.
fn from_one(text: &str) -> Result<String, String> {
    set_version(text, 1, 2)
}

/// `text` with its top-level `version: from` changed to `to`; the version
/// is the first field careerbook writes, and the first `version` key in any
/// file that parsed as a workbook of that version.
fn set_version(text: &str, from: u32, to: u32) -> Result<String, String> {
    let missing = || format!("no `version: {from}` found");
    let key = text.find("version").ok_or_else(missing)?;
    let rest = &text[key + "version".len()..];
    let colon = rest.find(':').ok_or_else(missing)?;
    if !rest[..colon].trim().is_empty() {
        return Err(missing());
    }
    let after_colon = &rest[colon + 1..];
    let digits_at = after_colon.len() - after_colon.trim_start().len();
    let digits: String = after_colon[digits_at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.parse() != Ok(from) {
        return Err(missing());
    }
    let start = key + "version".len() + colon + 1 + digits_at;
    Ok(format!(
        "{}{to}{}",
        &text[..start],
        &text[start + digits.len()..]
    ))
}

/// Upgrades `text` from version `from` to `to` through `steps`; the flag
/// says whether every step kept lines and columns where they were.
pub fn upgrade(text: &str, from: u32, to: u32, steps: &[Step]) -> Result<(String, bool), String> {
    let mut text = text.to_string();
    let mut kept = true;
    for version in from..to {
        let step = steps.iter().find(|s| s.from == version).ok_or_else(|| {
            format!(
                "format version {version} was never written by careerbook, so it cannot be upgraded"
            )
        })?;
        text = (step.upgrade)(&text)
            .map_err(|e| format!("upgrading from format version {version}: {e}"))?;
        kept &= step.keeps_positions;
    }
    Ok((text, kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add_b(text: &str) -> Result<String, String> {
        Ok(text.replace("version: 1", "version: 2") + "b")
    }
    fn add_c(text: &str) -> Result<String, String> {
        Ok(text.replace("version: 2", "version: 3") + "c")
    }

    #[test]
    fn runs_every_step_in_order() {
        let steps = [
            Step {
                from: 2,
                upgrade: add_c,
                keeps_positions: true,
            },
            Step {
                from: 1,
                upgrade: add_b,
                keeps_positions: false,
            },
        ];
        assert_eq!(
            upgrade("version: 1 a", 1, 3, &steps),
            Ok(("version: 3 abc".into(), false))
        );
    }

    #[test]
    fn version_one_becomes_two_by_its_number_alone() {
        let v1 = "(\n    version: 1,\n    next_id: 12,\n    impact: (wins: [(id: 1, title: \"version: 1\")]),\n)";
        let (v2, kept) = upgrade(v1, 1, 2, STEPS).expect("upgrades");
        assert_eq!(v2, v1.replacen("version: 1", "version: 2", 1));
        assert!(kept, "one digit for another: every position stays");
        // A hand-written spacing is upgraded too.
        assert_eq!(from_one("(version :1)"), Ok("(version :2)".into()));
        assert!(from_one("(next_id: 3)").is_err());
    }

    #[test]
    fn a_missing_step_is_an_error_not_a_guess() {
        let err = upgrade("version: 0", 0, 1, STEPS).unwrap_err();
        assert!(err.contains("never written by careerbook"), "{err}");
    }
}
