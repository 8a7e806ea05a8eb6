//! `careerbook check`: the Now tab's four items, or its alerts, for a shell
//! prompt or a cron job. Exit status 0 whatever the statuses, unless
//! `--exit-code` asks for 1 when something needs attention (as `git diff
//! --exit-code`). In a pipe, each item and each alert is one line, and no
//! alerts print nothing, so cron mails only when there is something to say.

use super::{Failure, Format, lines, one_line, open_for_reading, print, print_json, text_width};
use crate::domain::checklist::{Alert, AlertJson, CheckItemJson, ItemReport, Status, report};
use crate::domain::dates;
use crate::store::Paths;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Print the alerts (overdue follow-ups, vests soon, deadlines, …) instead of the items
    #[arg(long)]
    pub alerts: bool,
    /// Exit with status 1 when something needs attention: an alert, or an item not done
    #[arg(long)]
    pub exit_code: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Width of the status column: `! attention` and two spaces.
const STATUS_WIDTH: usize = 13;

pub fn check(paths: &Paths, args: CheckArgs) -> Result<(), Failure> {
    let today = dates::today();
    let session = open_for_reading(paths)?;
    let now = report(session.workbook(), today);
    let width = text_width();
    match (args.alerts, args.format) {
        (false, Format::Json) => print_json(
            &now.items
                .iter()
                .map(CheckItemJson::from)
                .collect::<Vec<_>>(),
        )?,
        (false, Format::Text) => print(&items_text(&now.items, width))?,
        (true, Format::Json) => {
            print_json(&now.alerts.iter().map(AlertJson::from).collect::<Vec<_>>())?
        }
        (true, Format::Text) => print(&alerts_text(&now.alerts, width))?,
    }
    let due = if args.alerts {
        !now.alerts.is_empty()
    } else {
        now.items.iter().any(|item| item.status() != Status::Done)
    };
    if args.exit_code && due {
        return Err(Failure::quiet(1));
    }
    Ok(())
}

/// On a terminal, the reason wraps under the title:
/// ```text
/// ✓ done       Make your impact visible and measurable
///              Win logged this week · streak 9 weeks · …
/// ```
/// In a pipe, one line: `✓ done       Make your impact … — Win logged this week · …`.
fn items_text(items: &[ItemReport], width: Option<usize>) -> String {
    let mut out = String::new();
    for item in items {
        let status = item.status();
        let label = format!("{} {}", status.symbol(), status.word());
        let Some(width) = width else {
            let line = format!(
                "{label:<STATUS_WIDTH$}{} — {}",
                item.title(),
                item.full_reason()
            );
            out.push_str(&one_line(&line));
            out.push('\n');
            continue;
        };
        out.push_str(&format!("{label:<STATUS_WIDTH$}{}\n", item.title()));
        let indent = " ".repeat(STATUS_WIDTH);
        if let Some(tick) = &item.tick {
            let line = format!("ticked by hand on {}: {}", tick.date, tick.note);
            push_wrapped(&mut out, &indent, &line, width);
            let computed = format!(
                "computed: {} {} — {}",
                item.computed.symbol(),
                item.computed.word(),
                item.reason
            );
            push_wrapped(&mut out, &indent, &computed, width);
        } else {
            push_wrapped(&mut out, &indent, &item.reason, width);
        }
    }
    out
}

/// `2026-12-03  deadline     Severance agreement review window closes in 7 days`,
/// wrapped under its text on a terminal. No alerts: a line saying so on a
/// terminal, nothing in a pipe.
fn alerts_text(alerts: &[Alert], width: Option<usize>) -> String {
    if alerts.is_empty() {
        return if width.is_some() {
            "no alerts\n".into()
        } else {
            String::new()
        };
    }
    let kind_width = alerts.iter().map(|a| a.kind.key().len()).max().unwrap_or(0) + 2;
    let indent = " ".repeat(12 + kind_width);
    let room = width.map(|w| w.saturating_sub(indent.len()));
    let mut out = String::new();
    for alert in alerts {
        let head = format!("{}  {:<kind_width$}", alert.date, alert.kind.key());
        for (i, line) in lines(&alert.text, room).iter().enumerate() {
            if i == 0 {
                out.push_str(&format!("{head}{line}\n"));
            } else {
                out.push_str(&format!("{indent}{line}\n"));
            }
        }
    }
    out
}

fn push_wrapped(out: &mut String, indent: &str, text: &str, width: usize) {
    for line in lines(text, Some(width.saturating_sub(indent.len()))) {
        out.push_str(&format!("{indent}{line}\n"));
    }
}
