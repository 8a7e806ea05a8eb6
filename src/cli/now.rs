//! The Now tab's own inputs from the shell: `signal` (the layoff signals
//! log), `updated` (the résumé and LinkedIn dates, the Now tab's `r` and
//! `i`) and `self-check` (the positioning self-check, `p`). Each prints what
//! was saved, or with `--format json` the record.

use super::input::{change, optional_date, refused, refused_field};
use super::written::print_written;
use super::{Failure, Format, one_line, warn};
use crate::domain::checklist::{
    ExposureFactor, Initiative, Positioning, SaferFactor, Signal, SignalKind,
};
use crate::domain::choice::Choices;
use crate::domain::dates::{self, format_long};
use crate::domain::edit::{Edit, Kind, Section};
use crate::domain::pipeline::optional_text;
use crate::store::Paths;
use clap::ValueEnum;
use serde::Serialize;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Kinds: budget_freeze, reorganization, efficiency_talk, org_overlap, other \
                  (reorg, freeze, efficiency, overlap will do).\n\
                  Example: careerbook signal reorg \"Specialist team moved under the regional org\" --date 2026-10-06"
)]
pub struct SignalArgs {
    /// Which warning sign
    pub kind: String,
    /// What exactly you saw or heard
    pub note: String,
    /// When (default today)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// text for people; json prints the signal as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// What was brought up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Profile {
    Resume,
    Linkedin,
}

#[derive(Debug, clap::Args)]
pub struct UpdatedArgs {
    /// resume or linkedin
    #[arg(value_enum)]
    pub what: Profile,
    /// When (default today)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// text for people; json prints both dates as saved
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Flags not given keep what is saved; the check is dated today.\n\
                  Initiatives: ai_platforms, enterprise_migrations, security, core_infrastructure, \
                  other, none.\n\
                  Exposed: layered_management, specialist_sales_slow_segment, \
                  program_ops_without_metrics, non_technical_saturated_location (or none).\n\
                  Safer: core_services_engineer, architect_with_top_tier_customers, \
                  security_compliance_specialist, strategic_initiative_leader (or none).\n\
                  Example: careerbook self-check --team \"Media specialist SAs\" --strategic none \
                  --exposed specialist_sales_slow_segment --safer architect_with_top_tier_customers"
)]
pub struct SelfCheckArgs {
    /// Your current team
    #[arg(long, value_name = "T")]
    pub team: Option<String>,
    /// The strategic initiative your team works on, or none
    #[arg(long, value_name = "KEY")]
    pub strategic: Option<String>,
    /// Which initiative, in your words
    #[arg(long, value_name = "TEXT")]
    pub initiative: Option<String>,
    /// An exposure factor that applies (repeat; `none` clears them)
    #[arg(long = "exposed", value_name = "KEY")]
    pub exposed: Vec<String>,
    /// A safer factor that applies (repeat; `none` clears them)
    #[arg(long = "safer", value_name = "KEY")]
    pub safer: Vec<String>,
    /// text for people; json prints the self-check as saved
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `none`, or a list of choices read by `choices`: `None` when no flag was
/// given. A factor given twice is kept once, and `repeated` gets a line saying so.
fn factors<T: Copy + PartialEq + 'static>(
    flag: &str,
    given: &[String],
    choices: &Choices<T>,
    repeated: &mut Vec<String>,
) -> Result<Option<Vec<T>>, Failure> {
    if given.is_empty() {
        return Ok(None);
    }
    if given.iter().any(|g| g.trim().eq_ignore_ascii_case("none")) {
        return Ok(Some(Vec::new()));
    }
    let mut out = Vec::new();
    for text in given {
        let factor = choices.parse(text).map_err(|m| refused(flag, m))?;
        if out.contains(&factor) {
            repeated.push(format!(
                "{flag} {} was given more than once; it is saved once",
                (choices.key)(&factor)
            ));
        } else {
            out.push(factor);
        }
    }
    Ok(Some(out))
}

pub fn self_check(paths: &Paths, args: SelfCheckArgs) -> Result<(), Failure> {
    let today = dates::today();
    let strategic = match args.strategic.as_deref().map(str::trim) {
        None => None,
        Some(text) if text.eq_ignore_ascii_case("none") => Some(None),
        Some(text) => Some(Some(
            Choices {
                what: "initiative",
                all: &Initiative::ALL,
                key: Initiative::key,
                label: |i| i.label(),
                synonyms: &[
                    ("ai", Initiative::AiPlatforms),
                    ("migrations", Initiative::EnterpriseMigrations),
                ],
            }
            .parse(text)
            .map_err(|m| refused("--strategic", m))?,
        )),
    };
    let mut repeated = Vec::new();
    let exposed = factors(
        "--exposed",
        &args.exposed,
        &Choices {
            what: "exposure factor",
            all: &ExposureFactor::ALL,
            key: |f| f.key(),
            label: |f| f.label(),
            synonyms: &[],
        },
        &mut repeated,
    )?;
    let safer = factors(
        "--safer",
        &args.safer,
        &Choices {
            what: "safer factor",
            all: &SaferFactor::ALL,
            key: |f| f.key(),
            label: |f| f.label(),
            synonyms: &[],
        },
        &mut repeated,
    )?;
    let refuse = |invalid| {
        refused_field(
            invalid,
            &[("team", "--team"), ("initiative", "--initiative")],
        )
    };
    let changed = change(paths, today, refuse, |wb| {
        let stored = &wb.now.positioning;
        let positioning = Positioning {
            team: args
                .team
                .as_deref()
                .map_or_else(|| stored.team.clone(), optional_text),
            strategic: strategic.unwrap_or(stored.strategic),
            initiative: args
                .initiative
                .as_deref()
                .map_or_else(|| stored.initiative.clone(), optional_text),
            exposure: exposed.clone().unwrap_or_else(|| stored.exposure.clone()),
            safer: safer.clone().unwrap_or_else(|| stored.safer.clone()),
            reviewed: Some(today),
        };
        positioning.validate(today).map_err(refuse)?;
        Ok((Edit::set_from(wb, Section::Positioning(positioning)), ()))
    })?;
    for line in &repeated {
        warn(line);
    }
    let saved = &changed.workbook().now.positioning;
    print_written(args.format, saved, || {
        let on = match (saved.strategic, &saved.initiative) {
            (Some(area), Some(which)) => format!("on {} ({})", one_line(which), area.label()),
            (Some(area), None) => format!("on a strategic initiative: {}", area.label()),
            (None, _) => "not on a strategic initiative".to_string(),
        };
        format!(
            "Self-check saved {}: {}, {on}; {} exposure and {} safer factors ticked\n",
            format_long(today),
            saved
                .team
                .as_deref()
                .map_or("no team entered".to_string(), one_line),
            saved.exposure.len(),
            saved.safer.len()
        )
    })
}

pub fn signal(paths: &Paths, args: SignalArgs) -> Result<(), Failure> {
    let today = dates::today();
    let kind = SignalKind::parse(&args.kind).map_err(|m| refused("KIND", m))?;
    let date = optional_date("--date", args.date.as_deref(), today)?.unwrap_or(today);
    let signal = Signal {
        id: 0,
        date,
        kind,
        note: args.note.trim().to_string(),
    };
    let refuse = |invalid| refused_field(invalid, &[("note", "NOTE"), ("date", "--date")]);
    signal.validate(today).map_err(refuse)?;
    let changed = change(paths, today, refuse, |_| {
        Ok((Edit::Add(signal.clone().into()), ()))
    })?;
    let id = changed.id(Kind::Signal, None)?;
    let saved = super::input::record(&changed.workbook().now.signals, id, |s| s.id)?;
    print_written(args.format, saved, || {
        format!(
            "Logged signal #{id} ({}) on {}: {}\n",
            saved.kind.key(),
            format_long(saved.date),
            one_line(&saved.note)
        )
    })
}

/// `updated --format json`.
#[derive(Serialize)]
struct ProfileJson {
    resume_updated: Option<chrono::NaiveDate>,
    linkedin_updated: Option<chrono::NaiveDate>,
}

pub fn updated(paths: &Paths, args: UpdatedArgs) -> Result<(), Failure> {
    let today = dates::today();
    let date = optional_date("--date", args.date.as_deref(), today)?.unwrap_or(today);
    let section = match args.what {
        Profile::Resume => Section::ResumeUpdated(Some(date)),
        Profile::Linkedin => Section::LinkedinUpdated(Some(date)),
    };
    let refuse = |invalid| {
        refused_field(
            invalid,
            &[("resume_updated", "--date"), ("linkedin_updated", "--date")],
        )
    };
    let changed = change(paths, today, refuse, |wb| {
        Ok((Edit::set_from(wb, section.clone()), ()))
    })?;
    let now = &changed.workbook().now;
    let json = ProfileJson {
        resume_updated: now.resume_updated,
        linkedin_updated: now.linkedin_updated,
    };
    print_written(args.format, &json, || {
        let what = match args.what {
            Profile::Resume => "Résumé",
            Profile::Linkedin => "LinkedIn",
        };
        format!("{what} marked updated on {}\n", format_long(date))
    })
}
