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

/// Reads a list of a record and gives back the room it grew into: read from
/// the file, a list of two tags or two stage changes holds room for four or
/// eight, and over 100,000 wins that spare room is a tenth of the memory the
/// workbook takes. For `#[serde(deserialize_with = "domain::shrunk")]`.
pub fn shrunk<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    let mut list = <Vec<T> as serde::Deserialize>::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
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
