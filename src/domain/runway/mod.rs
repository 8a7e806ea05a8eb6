//! The Runway tab's domain: what the user enters about cash, spending,
//! severance, benefits and cover ([`plan`]), and the month-by-month projection
//! of how long the money lasts ([`projection`]), with its JSON report ([`json`]),
//! and the warnings for dated inputs that disagree with the last day on
//! payroll ([`consistency`]).
//! The severance estimator lives beside it in `domain::severance`.

pub mod consistency;
mod explain;
pub mod json;
pub mod plan;
pub mod projection;
pub mod reference;
pub mod streams;
pub mod summary;
pub(crate) mod text;

pub use consistency::{Warning, warnings};
pub use json::{MonthJson, RunwayJson};
pub use plan::{
    Account, CheckedPlan, CoverKind, Expense, HealthCover, NewJob, NoticePay, OneOff, OneOffKind,
    OtherIncome, RunwayPlan, Severance, SeverancePay, UnemploymentBenefit,
};
pub use projection::{
    Extras, HORIZON_MONTHS, MonthRow, NewJobComparison, Projection, ProjectionOptions, Runway,
    Shortfall, StartReason, project, project_with, projection_start,
};
pub use streams::{Flow, FlowKind, Marker, MarkerKind, Repayment, VestProceeds};
