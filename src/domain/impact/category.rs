//! What a win ties to: the article's four levers, plus `other`.

use crate::domain::choice::{Choice, Choices};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The lever a win pulls. The first four are the article's advice word for word
/// ("revenue, customer retention, cost savings, or risk reduction"), in its order;
/// `Other` keeps wins that do not fit one of them. `Ord` follows that order, which
/// is also the order of sections in the brag document.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Revenue,
    CustomerRetention,
    CostSavings,
    RiskReduction,
    /// The default: `careerbook log` without `--category` files the win here.
    #[default]
    Other,
}

impl Category {
    /// Every category, in the order a form offers them.
    pub const ALL: [Self; 5] = [
        Self::Revenue,
        Self::CustomerRetention,
        Self::CostSavings,
        Self::RiskReduction,
        Self::Other,
    ];

    /// The article's four levers: everything but `Other`.
    pub const LEVERS: [Self; 4] = [
        Self::Revenue,
        Self::CustomerRetention,
        Self::CostSavings,
        Self::RiskReduction,
    ];

    /// The snake_case name used in the file, in JSON and CSV, and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Self::Revenue => "revenue",
            Self::CustomerRetention => "customer_retention",
            Self::CostSavings => "cost_savings",
            Self::RiskReduction => "risk_reduction",
            Self::Other => "other",
        }
    }

    /// Human words for headings and form choices.
    pub fn label(self) -> &'static str {
        match self {
            Self::Revenue => "Revenue",
            Self::CustomerRetention => "Customer retention",
            Self::CostSavings => "Cost savings",
            Self::RiskReduction => "Risk reduction",
            Self::Other => "Other",
        }
    }

    /// Position in [`Category::ALL`], for per-category counters.
    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// Reads what a person types: the five names in any case with spaces, hyphens
    /// or underscores (`Cost savings`, `cost-savings`), or a short form
    /// (`revenue`, `cost`, `retention`, `risk`, `other`).
    pub fn parse(input: &str) -> Result<Self, String> {
        Self::CHOICES.parse(input)
    }
}

impl Choice for Category {
    const CHOICES: Choices<Self> = Choices {
        what: "category",
        all: &Self::ALL,
        key: |c| c.key(),
        label: |c| c.label(),
        synonyms: &[
            ("cost", Self::CostSavings),
            ("retention", Self::CustomerRetention),
            ("churn", Self::CustomerRetention),
            ("risk", Self::RiskReduction),
            ("security", Self::RiskReduction),
            ("compliance", Self::RiskReduction),
            ("reliability", Self::RiskReduction),
        ],
    };
}

impl FromStr for Category {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, String> {
        Self::parse(input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_is_in_index_order_and_levers_exclude_other() {
        for (i, category) in Category::ALL.iter().enumerate() {
            assert_eq!(category.index(), i);
        }
        assert!(!Category::LEVERS.contains(&Category::Other));
        assert_eq!(Category::LEVERS.len() + 1, Category::ALL.len());
    }

    #[test]
    fn keys_and_labels() {
        let keys: Vec<_> = Category::ALL.iter().map(|c| c.key()).collect();
        assert_eq!(
            keys,
            [
                "revenue",
                "customer_retention",
                "cost_savings",
                "risk_reduction",
                "other"
            ]
        );
        assert_eq!(Category::CostSavings.label(), "Cost savings");
        assert_eq!(Category::RiskReduction.label(), "Risk reduction");
    }

    #[test]
    fn parses_names_labels_and_short_forms() {
        for category in Category::ALL {
            assert_eq!(Category::parse(category.key()), Ok(category));
            assert_eq!(Category::parse(category.label()), Ok(category));
            assert_eq!(
                Category::parse(&category.key().to_uppercase()),
                Ok(category)
            );
        }
        assert_eq!(Category::parse(" Cost-Savings "), Ok(Category::CostSavings));
        assert_eq!(
            Category::parse("customer  retention"),
            Ok(Category::CustomerRetention)
        );
        assert_eq!(Category::parse("cost"), Ok(Category::CostSavings));
        assert_eq!(
            Category::parse("retention"),
            Ok(Category::CustomerRetention)
        );
        assert_eq!(Category::parse("RISK"), Ok(Category::RiskReduction));
        assert_eq!("revenue".parse::<Category>(), Ok(Category::Revenue));
    }

    #[test]
    fn unknown_category_lists_the_choices() {
        let err = Category::parse("growth").unwrap_err();
        assert!(err.contains("\"growth\""), "{err}");
        assert!(
            err.contains("cost_savings") && err.contains("retention"),
            "{err}"
        );
        assert!(
            Category::parse("  ")
                .unwrap_err()
                .starts_with("enter a category")
        );
        assert!(Category::parse("savings").is_err());
    }

    #[test]
    fn serializes_as_snake_case() {
        assert_eq!(
            serde_json::to_string(&Category::CustomerRetention).unwrap(),
            "\"customer_retention\""
        );
    }
}
