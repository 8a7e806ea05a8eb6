//! `careerbook set [KEY [VALUE]]`: the workbook's settings — listed, one
//! shown, or one changed (a single value, so `Edit::set_from`, merged field
//! by field like every edit).

use super::input::{change, refused, refused_field};
use super::written::print_written;
use super::{Failure, Format, open_for_reading, print, print_json};
use crate::domain::Invalid;
use crate::domain::choice::Choices;
use crate::domain::dates;
use crate::domain::edit::{Edit, Section};
use crate::domain::money::{format_percent, parse_percent};
use crate::domain::pipeline::{parse_ghost_after_days, parse_time_to_offer};
use crate::domain::severance::validate_rate;
use crate::domain::vesting::validate_withholding;
use crate::domain::workbook::Workbook;
use crate::store::Paths;
use serde::Serialize;

#[derive(Debug, clap::Args)]
#[command(after_help = "Settings:\n\
    \x20 time-to-offer      months an offer needs before the money runs out (default 3; 1 year = 12)\n\
    \x20 ghost-after        days without reply before an application is suggested as ghosted (default 21; 3 weeks = 21)\n\
    \x20 withholding        effective rate on severance and vest proceeds (default 29.65%)\n\
    \x20 vest-withholding   a rate for vests only, or `runway` to use the one above\n\
    \x20 role-eliminated    yes or no: waives sign-on clawbacks that allow it\n\
    \x20 vest-proceeds      yes or no: count net vest proceeds in the runway\n\
    Examples:\n  careerbook set\n  careerbook set time-to-offer 4\n  careerbook set withholding 32%")]
pub struct SetArgs {
    /// The setting; without one, every setting is listed
    pub key: Option<String>,
    /// Its new value; without one, the current value is shown
    pub value: Option<String>,
    /// text for people; json prints every setting as saved
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    TimeToOffer,
    GhostAfter,
    Withholding,
    VestWithholding,
    RoleEliminated,
    VestProceeds,
}

impl Key {
    const ALL: [Key; 6] = [
        Key::TimeToOffer,
        Key::GhostAfter,
        Key::Withholding,
        Key::VestWithholding,
        Key::RoleEliminated,
        Key::VestProceeds,
    ];

    fn key(&self) -> &'static str {
        match self {
            Key::TimeToOffer => "time-to-offer",
            Key::GhostAfter => "ghost-after",
            Key::Withholding => "withholding",
            Key::VestWithholding => "vest-withholding",
            Key::RoleEliminated => "role-eliminated",
            Key::VestProceeds => "vest-proceeds",
        }
    }

    /// The value as text.
    fn show(self, wb: &Workbook) -> String {
        match self {
            Key::TimeToOffer => {
                crate::text::count(wb.pipeline.time_to_offer_months as usize, "month")
            }
            Key::GhostAfter => crate::text::days(i64::from(wb.pipeline.ghost_after_days)),
            Key::Withholding => format_percent(wb.runway.withholding),
            Key::VestWithholding => match wb.vesting.withholding {
                Some(rate) => format_percent(rate),
                None => "runway (the withholding rate above)".into(),
            },
            Key::RoleEliminated => yes_no(wb.vesting.role_eliminated).into(),
            Key::VestProceeds => yes_no(wb.runway.include_vest_proceeds).into(),
        }
    }

    /// The new value `text` as the section it sets.
    fn section(self, text: &str) -> Result<Section, Invalid> {
        let invalid = |message: String| Invalid::new(self.key(), message);
        Ok(match self {
            Key::TimeToOffer => Section::TimeToOffer(parse_time_to_offer(text)?),
            Key::GhostAfter => Section::GhostAfterDays(parse_ghost_after_days(text)?),
            Key::Withholding => {
                let rate = parse_percent(text).map_err(invalid)?;
                validate_rate(rate)?;
                Section::Withholding(rate)
            }
            Key::VestWithholding if text.trim().eq_ignore_ascii_case("runway") => {
                Section::VestWithholding(None)
            }
            Key::VestWithholding => {
                let rate = parse_percent(text).map_err(invalid)?;
                validate_withholding(rate)?;
                Section::VestWithholding(Some(rate))
            }
            Key::RoleEliminated => Section::RoleEliminated(parse_yes(text).map_err(invalid)?),
            Key::VestProceeds => Section::VestProceeds(parse_yes(text).map_err(invalid)?),
        })
    }
}

const KEYS: Choices<Key> = Choices {
    what: "setting",
    all: &Key::ALL,
    key: Key::key,
    label: Key::key,
    synonyms: &[],
};

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

fn parse_yes(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "on" => Ok(true),
        "no" | "n" | "false" | "off" => Ok(false),
        other => Err(format!("{other:?} is not yes or no")),
    }
}

/// Every setting as `set --format json` prints it.
#[derive(Serialize)]
struct SettingsJson {
    time_to_offer_months: u32,
    ghost_after_days: u32,
    /// A fraction as a decimal string: "0.2965".
    withholding: String,
    /// The same, or null to use `withholding`.
    vest_withholding: Option<String>,
    role_eliminated: bool,
    vest_proceeds: bool,
}

impl SettingsJson {
    fn of(wb: &Workbook) -> Self {
        Self {
            time_to_offer_months: wb.pipeline.time_to_offer_months,
            ghost_after_days: wb.pipeline.ghost_after_days,
            withholding: wb.runway.withholding.normalize().to_string(),
            vest_withholding: wb.vesting.withholding.map(|r| r.normalize().to_string()),
            role_eliminated: wb.vesting.role_eliminated,
            vest_proceeds: wb.runway.include_vest_proceeds,
        }
    }
}

pub fn set(paths: &Paths, args: SetArgs) -> Result<(), Failure> {
    let key = args
        .key
        .as_deref()
        .map(|k| KEYS.parse(k).map_err(|message| refused("KEY", message)))
        .transpose()?;
    let Some((key, value)) = key.zip(args.value.as_deref()) else {
        let session = open_for_reading(paths)?;
        let wb = session.workbook();
        return match args.format {
            Format::Json => print_json(&SettingsJson::of(wb)),
            Format::Text => print(&list(wb, key)),
        };
    };
    let section = key
        .section(value)
        .map_err(|invalid| refused(key.key(), invalid.message))?;
    let today = dates::today();
    let changed = change(
        paths,
        today,
        |invalid| refused_field(invalid, &[]),
        |wb| Ok((Edit::set_from(wb, section.clone()), key.show(wb))),
    )?;
    let wb = changed.workbook();
    print_written(args.format, &SettingsJson::of(wb), || {
        format!(
            "{} set to {} (was {})\n",
            key.key(),
            key.show(wb),
            changed.value
        )
    })
}

/// `time-to-offer     3 months`, one line per setting (or the one asked for).
fn list(wb: &Workbook, only: Option<Key>) -> String {
    Key::ALL
        .into_iter()
        .filter(|k| only.is_none_or(|o| o == *k))
        .map(|k| format!("{:<18} {}\n", k.key(), k.show(wb)))
        .collect()
}
