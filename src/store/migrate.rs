//! Upgrading workbooks written in an older format.
//!
//! Each step turns the text of version `from` into the text of version `from + 1`,
//! typically by parsing it with that version's own types and writing the next
//! version's. Steps run one after another, so a file several versions old is
//! upgraded through every format in between. The session backs the old file up
//! before the first step and saves the result.
//!
//! Version 1 is the first released format, so there are no steps yet. When the
//! format changes: bump `CURRENT_VERSION`, keep the old types here, add a step.

/// One upgrade from `from` to `from + 1`.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    pub from: u32,
    pub upgrade: fn(&str) -> Result<String, String>,
}

/// The steps this build knows, oldest first.
pub const STEPS: &[Step] = &[];

/// Upgrades `text` from version `from` to `to` through `steps`.
pub fn upgrade(text: &str, from: u32, to: u32, steps: &[Step]) -> Result<String, String> {
    let mut text = text.to_string();
    for version in from..to {
        let step = steps.iter().find(|s| s.from == version).ok_or_else(|| {
            format!(
                "format version {version} was never written by careerbook, so it cannot be upgraded"
            )
        })?;
        text = (step.upgrade)(&text)
            .map_err(|e| format!("upgrading from format version {version}: {e}"))?;
    }
    Ok(text)
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
            },
            Step {
                from: 1,
                upgrade: add_b,
            },
        ];
        assert_eq!(
            upgrade("version: 1 a", 1, 3, &steps),
            Ok("version: 3 abc".into())
        );
    }

    #[test]
    fn a_missing_step_is_an_error_not_a_guess() {
        let err = upgrade("version: 0", 0, 1, STEPS).unwrap_err();
        assert!(err.contains("never written by careerbook"), "{err}");
    }
}
