//! The positioning self-check: "Move closer to core or strategic teams."
//!
//! Every label here is the article's own wording: the strategic initiatives it
//! names, the roles it calls "most exposed during layoffs" and the roles it
//! calls "relatively safer – though never completely immune".

use crate::domain::Invalid;
use crate::domain::dates::not_after_today;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the user filled in, and when they last looked at it again.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Positioning {
    /// The current team, in the user's words.
    pub team: Option<String>,
    /// The high-priority initiative the team works on; `None`: none.
    pub strategic: Option<Initiative>,
    /// Which initiative, in the user's words ("Bedrock onboarding for media").
    pub initiative: Option<String>,
    /// The article's exposure factors that apply, ticked by the user.
    pub exposure: Vec<ExposureFactor>,
    /// The article's safer factors that apply.
    pub safer: Vec<SaferFactor>,
    /// When the self-check was last filled in or revisited; `None`: never.
    pub reviewed: Option<NaiveDate>,
}

impl Positioning {
    pub fn validate(&self, today: NaiveDate) -> Result<(), Invalid> {
        for (field, text) in [("team", &self.team), ("initiative", &self.initiative)] {
            if text.as_deref().is_some_and(|t| t.contains(['\n', '\r'])) {
                return Err(Invalid::new(field, "keep it to one line"));
            }
        }
        not_after_today("reviewed", self.reviewed, today)
    }
}

/// "Roles aligned with high-priority initiatives (for example, AI platforms,
/// major enterprise migrations, security, or core infrastructure)".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Initiative {
    AiPlatforms,
    EnterpriseMigrations,
    Security,
    CoreInfrastructure,
    /// Another initiative the user counts as high-priority.
    Other,
}

impl Initiative {
    pub const ALL: [Self; 5] = [
        Self::AiPlatforms,
        Self::EnterpriseMigrations,
        Self::Security,
        Self::CoreInfrastructure,
        Self::Other,
    ];

    /// The word on the command line and in the file.
    pub fn key(&self) -> &'static str {
        match self {
            Self::AiPlatforms => "ai_platforms",
            Self::EnterpriseMigrations => "enterprise_migrations",
            Self::Security => "security",
            Self::CoreInfrastructure => "core_infrastructure",
            Self::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AiPlatforms => "AI platforms",
            Self::EnterpriseMigrations => "Major enterprise migrations",
            Self::Security => "Security",
            Self::CoreInfrastructure => "Core infrastructure",
            Self::Other => "Another high-priority initiative",
        }
    }
}

/// "Which AWS Roles Are Most Exposed During Layoffs?"
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExposureFactor {
    LayeredManagement,
    SpecialistSalesSlowSegment,
    ProgramOpsWithoutMetrics,
    NonTechnicalSaturatedLocation,
}

impl ExposureFactor {
    pub const ALL: [Self; 4] = [
        Self::LayeredManagement,
        Self::SpecialistSalesSlowSegment,
        Self::ProgramOpsWithoutMetrics,
        Self::NonTechnicalSaturatedLocation,
    ];

    /// The article's heading for the factor.
    pub fn label(self) -> &'static str {
        match self {
            Self::LayeredManagement => "Layered management roles",
            Self::SpecialistSalesSlowSegment => "Specialist sales teams tied to slow segments",
            Self::ProgramOpsWithoutMetrics => "Program and operations roles without clear metrics",
            Self::NonTechnicalSaturatedLocation => "Non-technical roles in saturated locations",
        }
    }

    /// The form's field key.
    pub fn key(self) -> &'static str {
        match self {
            Self::LayeredManagement => "layered_management",
            Self::SpecialistSalesSlowSegment => "specialist_sales_slow_segment",
            Self::ProgramOpsWithoutMetrics => "program_ops_without_metrics",
            Self::NonTechnicalSaturatedLocation => "non_technical_saturated_location",
        }
    }
}

/// "Roles that remain relatively safer – though never completely immune".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SaferFactor {
    CoreServicesEngineer,
    ArchitectWithTopTierCustomers,
    SecurityComplianceSpecialist,
    StrategicInitiativeLeader,
}

impl SaferFactor {
    pub const ALL: [Self; 4] = [
        Self::CoreServicesEngineer,
        Self::ArchitectWithTopTierCustomers,
        Self::SecurityComplianceSpecialist,
        Self::StrategicInitiativeLeader,
    ];

    /// The article's words for the role.
    pub fn label(self) -> &'static str {
        match self {
            Self::CoreServicesEngineer => "Highly technical engineers building core AWS services",
            Self::ArchitectWithTopTierCustomers => {
                "Solution architects embedded with top-tier enterprise customers"
            }
            Self::SecurityComplianceSpecialist => {
                "Specialists in security, compliance, and regulated industries"
            }
            Self::StrategicInitiativeLeader => {
                "Leaders on strategic initiatives such as generative AI and large-scale migration programs"
            }
        }
    }

    /// The form's field key.
    pub fn key(self) -> &'static str {
        match self {
            Self::CoreServicesEngineer => "core_services_engineer",
            Self::ArchitectWithTopTierCustomers => "architect_with_top_tier_customers",
            Self::SecurityComplianceSpecialist => "security_compliance_specialist",
            Self::StrategicInitiativeLeader => "strategic_initiative_leader",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_are_stored_by_snake_case_name() {
        let p = Positioning {
            strategic: Some(Initiative::AiPlatforms),
            exposure: vec![ExposureFactor::SpecialistSalesSlowSegment],
            safer: vec![SaferFactor::ArchitectWithTopTierCustomers],
            ..Positioning::default()
        };
        let text = ron::to_string(&p).expect("writes");
        assert!(text.contains("specialist_sales_slow_segment"), "{text}");
        assert!(text.contains("ai_platforms"), "{text}");
        assert_eq!(ron::from_str::<Positioning>(&text).expect("reads"), p);
    }

    #[test]
    fn a_future_review_date_and_two_line_team_are_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
        let later = Positioning {
            reviewed: today.succ_opt(),
            ..Positioning::default()
        };
        assert_eq!(later.validate(today).unwrap_err().field, "reviewed");
        let two_lines = Positioning {
            team: Some("a\nb".into()),
            ..Positioning::default()
        };
        assert_eq!(two_lines.validate(today).unwrap_err().field, "team");
    }
}
