//! Which of the article's next moves an application belongs to.

use crate::domain::choice::{Choice, Choices};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The article's "typical next moves", plus an internal transfer (its "move
/// closer to core or strategic teams"). "Adjacent field" is one track: the
/// article gives cybersecurity, data engineering and AI platform work as examples
/// ("adjacent fields like …"), so the specific field belongs in the role or
/// notes, where the filter finds it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// "Joining another major cloud provider or SaaS platform".
    CloudOrSaas,
    Startup,
    Consulting,
    /// Cybersecurity, data engineering, AI platform work and the like.
    AdjacentField,
    InternalTransfer,
    /// Anything else, and an application whose track was not recorded.
    #[default]
    Other,
}

impl Track {
    pub const ALL: [Self; 6] = [
        Self::CloudOrSaas,
        Self::Startup,
        Self::Consulting,
        Self::AdjacentField,
        Self::InternalTransfer,
        Self::Other,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Self::CloudOrSaas => "Another cloud provider or SaaS platform",
            Self::Startup => "Startup",
            Self::Consulting => "Consulting",
            Self::AdjacentField => "Adjacent field (cybersecurity, data engineering, AI platforms)",
            Self::InternalTransfer => "Internal transfer",
            Self::Other => "Other",
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Self::CloudOrSaas => "cloud_or_saas",
            Self::Startup => "startup",
            Self::Consulting => "consulting",
            Self::AdjacentField => "adjacent_field",
            Self::InternalTransfer => "internal_transfer",
            Self::Other => "other",
        }
    }

    /// Reads a key, label or everyday word ("saas", "security", "internal").
    pub fn parse(input: &str) -> Result<Self, String> {
        Self::CHOICES.parse(input)
    }
}

impl Choice for Track {
    const CHOICES: Choices<Self> = Choices {
        what: "track",
        all: &Track::ALL,
        key: Track::key,
        label: Track::label,
        synonyms: &[
            ("cloud", Track::CloudOrSaas),
            ("cloud provider", Track::CloudOrSaas),
            ("saas", Track::CloudOrSaas),
            ("saas platform", Track::CloudOrSaas),
            ("big tech", Track::CloudOrSaas),
            ("start up", Track::Startup),
            ("consultancy", Track::Consulting),
            ("consultant", Track::Consulting),
            ("adjacent", Track::AdjacentField),
            ("security", Track::AdjacentField),
            ("cybersecurity", Track::AdjacentField),
            ("data engineering", Track::AdjacentField),
            ("ai platform", Track::AdjacentField),
            ("ai platforms", Track::AdjacentField),
            ("internal", Track::InternalTransfer),
            ("transfer", Track::InternalTransfer),
        ],
    };
}

impl FromStr for Track {
    type Err = String;
    fn from_str(input: &str) -> Result<Self, String> {
        Self::parse(input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_labels_and_everyday_words() {
        assert_eq!(Track::parse("cloud_or_saas"), Ok(Track::CloudOrSaas));
        assert_eq!(Track::parse("SaaS"), Ok(Track::CloudOrSaas));
        assert_eq!(Track::parse("Data-Engineering"), Ok(Track::AdjacentField));
        assert_eq!(
            Track::parse("internal transfer"),
            Ok(Track::InternalTransfer)
        );
        let err = Track::parse("astronaut").unwrap_err();
        assert!(err.contains("not a track"), "{err}");
        assert!(err.contains("cloud_or_saas, startup, consulting"), "{err}");
    }

    #[test]
    fn every_key_parses_back() {
        for track in Track::ALL {
            assert_eq!(Track::parse(track.key()), Ok(track));
            assert_eq!(Track::parse(track.label()), Ok(track));
        }
    }
}
