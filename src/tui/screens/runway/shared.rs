//! What every view of the Runway tab reads, built once per refresh: the
//! projection under the view's settings (what-if, new job), the headline
//! above the views, and the warnings about the inputs.

use crate::domain::runway::summary::{self, Outlook, VestFeed};
use crate::domain::runway::{Projection, ProjectionOptions, Warning, warnings};
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use chrono::NaiveDate;

/// What marks a warning in the headline and the explanation (not colour alone).
pub const WARNING_MARK: &str = "! ";

/// What the headline area says.
#[derive(Clone, Debug, Default)]
pub struct Headline {
    /// The main line (runway, zero date, essentials only) or why there is none.
    pub main: String,
    /// True when `main` reports a problem rather than a runway.
    pub problem: bool,
    /// Scenario and what-if lines.
    pub notes: Vec<String>,
}

pub struct Shared {
    pub headline: Headline,
    /// `None` while the runway cannot be projected (see the headline).
    pub projection: Option<Box<Projection>>,
    pub vest_feed: VestFeed,
    pub warnings: Vec<Warning>,
}

impl Default for Shared {
    fn default() -> Self {
        Self {
            headline: Headline::default(),
            projection: None,
            vest_feed: VestFeed {
                counted: Vec::new(),
                unpriced: 0,
            },
            warnings: Vec::new(),
        }
    }
}

impl Shared {
    pub fn of(wb: &Workbook, today: NaiveDate, options: ProjectionOptions, keys: &Keymap) -> Self {
        let vest_feed = summary::vest_feed(wb, today);
        let warnings = warnings(&wb.runway);
        let (mut headline, projection) = match summary::outlook(wb, today, options) {
            Outlook::NeedsInputs(missing) => (
                Headline {
                    main: summary::needs_inputs_line(&missing),
                    problem: true,
                    notes: vec![format!(
                        "In the Inputs view (see the view bar), move to Cash accounts or Monthly spending; {}.",
                        keys.hint(Scope::RunwayInputs, Action::Add, "adds one")
                    )],
                },
                None,
            ),
            Outlook::Invalid(invalid) => (
                Headline {
                    main: format!("Cannot project the runway: {invalid}"),
                    problem: true,
                    notes: vec!["Fix that input in the Inputs view (see the view bar).".into()],
                },
                None,
            ),
            Outlook::Projected(projection) => {
                let mut notes = Vec::new();
                notes.extend(warning_note(&warnings, keys));
                if let Some(line) = summary::new_job_line(&wb.runway, &projection) {
                    let toggle = keys.key_for(Scope::Runway, Action::ToggleNewJob);
                    let shown = if options.with_new_job {
                        format!("shown with it; {toggle} hides it")
                    } else {
                        format!("{toggle} shows it")
                    };
                    notes.push(format!("{line} ({shown})"));
                }
                if let Some(line) = summary::what_if_line(&wb.runway, &options) {
                    notes.push(line);
                }
                let headline = Headline {
                    main: summary::headline(&projection, &options),
                    problem: false,
                    notes,
                };
                (headline, Some(projection))
            }
        };
        if headline.problem {
            // Said after the fix-it hint, which matters more while nothing projects.
            headline.notes.extend(warning_note(&warnings, keys));
        }
        Self {
            headline,
            projection,
            vest_feed,
            warnings,
        }
    }
}

/// The headline's warning note: the first warning, and how many more the
/// explanation holds, so several never push the views off an 80×24 screen.
fn warning_note(warnings: &[Warning], keys: &Keymap) -> Option<String> {
    let first = warnings.first()?;
    let mut note = format!("{WARNING_MARK}{first}");
    if warnings.len() > 1 {
        let explain = keys.hint(Scope::Runway, Action::Explain, "explains");
        note.push_str(&format!(" · +{} more ({explain})", warnings.len() - 1));
    }
    Some(note)
}
