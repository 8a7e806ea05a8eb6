//! How the user came to an application.

use crate::domain::choice::{Choice, Choices};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Where an application came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Referral,
    Recruiter,
    JobBoard,
    CompanySite,
    /// An internal posting at the current employer.
    Internal,
    /// Anything else, and an application whose source was not recorded.
    #[default]
    Other,
}

impl Source {
    pub const ALL: [Self; 6] = [
        Self::Referral,
        Self::Recruiter,
        Self::JobBoard,
        Self::CompanySite,
        Self::Internal,
        Self::Other,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Referral => "Referral",
            Self::Recruiter => "Recruiter",
            Self::JobBoard => "Job board",
            Self::CompanySite => "Company site",
            Self::Internal => "Internal",
            Self::Other => "Other",
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Self::Referral => "referral",
            Self::Recruiter => "recruiter",
            Self::JobBoard => "job_board",
            Self::CompanySite => "company_site",
            Self::Internal => "internal",
            Self::Other => "other",
        }
    }

    /// Reads a key, label or everyday word ("LinkedIn", "careers page").
    pub fn parse(input: &str) -> Result<Self, String> {
        Self::CHOICES.parse(input)
    }
}

impl Choice for Source {
    const CHOICES: Choices<Self> = Choices {
        what: "source",
        all: &Source::ALL,
        key: Source::key,
        label: Source::label,
        synonyms: &[
            ("referred", Source::Referral),
            ("agency", Source::Recruiter),
            ("headhunter", Source::Recruiter),
            ("recruiter outreach", Source::Recruiter),
            ("board", Source::JobBoard),
            ("job site", Source::JobBoard),
            ("linkedin", Source::JobBoard),
            ("indeed", Source::JobBoard),
            ("glassdoor", Source::JobBoard),
            ("wellfound", Source::JobBoard),
            ("network", Source::Referral),
            ("company website", Source::CompanySite),
            ("website", Source::CompanySite),
            ("careers page", Source::CompanySite),
            ("careers site", Source::CompanySite),
            ("direct", Source::CompanySite),
            ("internal posting", Source::Internal),
        ],
    };
}

impl FromStr for Source {
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
        assert_eq!(Source::parse("job board"), Ok(Source::JobBoard));
        assert_eq!(Source::parse("JOB_BOARD"), Ok(Source::JobBoard));
        assert_eq!(Source::parse("LinkedIn"), Ok(Source::JobBoard));
        assert_eq!(Source::parse("Company-Site"), Ok(Source::CompanySite));
        let err = Source::parse("carrier pigeon").unwrap_err();
        assert!(err.contains("\"carrier pigeon\" is not a source"), "{err}");
        assert!(err.contains("referral, recruiter, job_board"), "{err}");
    }

    #[test]
    fn every_key_parses_back() {
        for source in Source::ALL {
            assert_eq!(Source::parse(source.key()), Ok(source));
            assert_eq!(Source::parse(source.label()), Ok(source));
        }
    }
}
