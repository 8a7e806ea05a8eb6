//! `careerbook check`: the Now tab's four items, or its alerts, for a shell
//! prompt or a weekly cron job. Always exit status 0 whatever the statuses.

use super::{Failure, Format, open_for_reading, print, print_json};
use crate::domain::checklist::{Alert, AlertJson, CheckItemJson, ItemReport, report};
use crate::domain::dates;
use crate::store::Paths;
use crate::text::wrap;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Print the alerts (overdue follow-ups, vests soon, deadlines, …) instead of the items
    #[arg(long)]
    pub alerts: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Width of the status column: `! attention` and two spaces.
const STATUS_WIDTH: usize = 13;
/// Text output wraps at this many columns.
const WIDTH: usize = 80;

pub fn check(paths: &Paths, args: CheckArgs) -> Result<(), Failure> {
    let today = dates::today();
    let session = open_for_reading(paths)?;
    let now = report(session.workbook(), today);
    match (args.alerts, args.format) {
        (false, Format::Json) => print_json(
            &now.items
                .iter()
                .map(CheckItemJson::from)
                .collect::<Vec<_>>(),
        ),
        (false, Format::Text) => print(&items_text(&now.items)),
        (true, Format::Json) => {
            print_json(&now.alerts.iter().map(AlertJson::from).collect::<Vec<_>>())
        }
        (true, Format::Text) => print(&alerts_text(&now.alerts)),
    }
}

/// ```text
/// ✓ done       Make your impact visible and measurable
///              Win logged this week · streak 9 weeks · …
/// ```
fn items_text(items: &[ItemReport]) -> String {
    let mut out = String::new();
    for item in items {
        let status = item.status();
        let label = format!("{} {}", status.symbol(), status.word());
        out.push_str(&format!("{label:<STATUS_WIDTH$}{}\n", item.title()));
        let indent = " ".repeat(STATUS_WIDTH);
        if let Some(tick) = &item.tick {
            let line = format!("ticked by hand on {}: {}", tick.date, tick.note);
            push_wrapped(&mut out, &indent, &line);
            let computed = format!(
                "computed: {} {} — {}",
                item.computed.symbol(),
                item.computed.word(),
                item.reason
            );
            push_wrapped(&mut out, &indent, &computed);
        } else {
            push_wrapped(&mut out, &indent, &item.reason);
        }
    }
    out
}

/// `2026-12-03  deadline     Severance agreement review window closes in 7 days`
fn alerts_text(alerts: &[Alert]) -> String {
    if alerts.is_empty() {
        return "no alerts\n".into();
    }
    let kind_width = alerts.iter().map(|a| a.kind.key().len()).max().unwrap_or(0) + 2;
    let indent = " ".repeat(12 + kind_width);
    let mut out = String::new();
    for alert in alerts {
        let head = format!("{}  {:<kind_width$}", alert.date, alert.kind.key());
        let lines = wrap(&alert.text, WIDTH - indent.len());
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                out.push_str(&format!("{head}{line}\n"));
            } else {
                out.push_str(&format!("{indent}{line}\n"));
            }
        }
    }
    out
}

fn push_wrapped(out: &mut String, indent: &str, text: &str) {
    for line in wrap(text, WIDTH - indent.len()) {
        out.push_str(&format!("{indent}{line}\n"));
    }
}
