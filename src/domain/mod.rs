//! Pure types and calculations. No I/O, no terminal, no clock except through
//! [`dates::today`]. The TUI and the CLI both call these functions, so they agree.

pub mod changes;
pub mod checklist;
pub mod choice;
pub mod combine;
pub mod conflict;
pub mod dates;
pub mod edit;
pub mod impact;
pub mod merge;
pub mod money;
pub mod moved;
pub mod offers;
pub mod pipeline;
pub mod plausible;
pub mod runway;
pub mod search;
pub mod severance;
pub mod vesting;
pub mod workbook;

/// Identifies one record (a win, an account, a grant, …) for as long as it lives.
/// Ids come from the workbook's counter and are never reused.
pub type Id = u64;

/// A value a user entered that cannot be accepted, naming the field it came from
/// so a form can show the message under that field and the CLI can name it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct Invalid {
    pub field: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// A required text field, trimmed.
pub fn parse_required(field: &'static str, text: &str) -> Result<String, Invalid> {
    let text = text.trim();
    if text.is_empty() {
        Err(Invalid::new(
            field,
            format!("enter the {}", field.replace('_', " ")),
        ))
    } else {
        Ok(text.to_string())
    }
}
