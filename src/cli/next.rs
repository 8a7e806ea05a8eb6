//! `careerbook next`: the Now tab's next actions, ranked — what to do this
//! week and what it is worth, then everything later by date. In a pipe each
//! action is one line (and nothing to do prints nothing); on a terminal the
//! why wraps under the title, with "This week" and "Later" headings.

use super::{Failure, Format, lines, one_line, open_for_reading, print, print_json, text_width};
use crate::domain::checklist::{ActionKind, NextAction, NextActionJson, report};
use crate::domain::dates;
use crate::domain::money::format_money;
use crate::store::Paths;
use chrono::NaiveDate;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Ranked: what is due within 7 days (overdue included) or needs attention now \
                  comes first, money lost if missed before other deadlines before the routine; \
                  then the rest by date. JSON: an array of {date, title, why, at_stake, kind, \
                  attention}, at_stake a string with two decimals or null."
)]
pub struct NextArgs {
    /// text for people, json for scripts
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Width of the date column: `2026-12-03` and two spaces.
const DATE_WIDTH: usize = 12;

pub fn next(paths: &Paths, args: NextArgs) -> Result<(), Failure> {
    let today = dates::today();
    let session = open_for_reading(paths)?;
    let now = report(session.workbook(), today);
    match args.format {
        Format::Json => print_json(
            &now.next
                .iter()
                .map(NextActionJson::from)
                .collect::<Vec<_>>(),
        ),
        Format::Text => print(&text(&now.next, today, text_width())),
    }
}

/// `2026-12-03  ! Review and sign the severance agreement · $30,807.69 at stake`
/// then the why, wrapped under the title on a terminal; one line in a pipe.
fn text(actions: &[NextAction], today: NaiveDate, width: Option<usize>) -> String {
    let Some(width) = width else {
        return actions
            .iter()
            .map(|a| one_line(&format!("{}  {} — {}", a.date, headline(a), a.why)))
            .map(|line| line + "\n")
            .collect();
    };
    if actions.is_empty() {
        return "Nothing to do: no deadline, vest, follow-up or contact is due.\n".into();
    }
    let indent = " ".repeat(DATE_WIDTH);
    let room = Some(width.saturating_sub(DATE_WIDTH));
    let mut out = String::new();
    let first_later = actions.iter().position(|a| !a.this_week(today));
    for (i, action) in actions.iter().enumerate() {
        if i == 0 && first_later != Some(0) {
            out.push_str("This week\n");
        }
        if first_later == Some(i) {
            if i > 0 {
                out.push('\n');
            }
            out.push_str("Later\n");
        }
        for (n, line) in lines(&headline(action), room).iter().enumerate() {
            let date = if n == 0 {
                format!("{:<DATE_WIDTH$}", action.date.to_string())
            } else {
                indent.clone()
            };
            out.push_str(&format!("{date}{line}\n"));
        }
        for line in lines(&action.why, room) {
            out.push_str(&format!("{indent}{line}\n"));
        }
    }
    out
}

/// The title, marked `!` when it needs attention now, with the money at
/// stake (what a vest kept is worth).
pub(super) fn headline(action: &NextAction) -> String {
    let mark = if action.attention { "! " } else { "" };
    let stake = action
        .at_stake
        .map(|v| match action.kind {
            ActionKind::Vest => format!(" · worth {}", format_money(v)),
            _ => format!(" · {} at stake", format_money(v)),
        })
        .unwrap_or_default();
    format!("{mark}{}{stake}", action.title)
}
