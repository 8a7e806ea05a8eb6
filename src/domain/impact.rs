//! TEMPORARY: replaced by the impact helper's module.
use super::{Id, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImpactLog {
    pub wins: Vec<Win>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Revenue,
    CostSavings,
    CustomerRetention,
    RiskReduction,
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Win {
    pub id: Id,
    pub date: NaiveDate,
    pub title: String,
    pub category: Category,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl Win {
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.title.trim().is_empty() {
            return Err(Invalid::new("title", "say what you did"));
        }
        Ok(())
    }
}
