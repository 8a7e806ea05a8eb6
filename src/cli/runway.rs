//! `careerbook runway`: the headline and the month-by-month table, or the JSON
//! report. Reads only; the same domain functions draw the Runway tab.

use super::{Failure, Format, open_for_reading, print, print_json, text_width};
use crate::domain::dates::format_long;
use crate::domain::money::format_money;
use crate::domain::runway::summary::{self, Outlook};
use crate::domain::runway::{
    HORIZON_MONTHS, Projection, ProjectionOptions, RunwayJson, RunwayPlan, StartReason,
    projection_start, warnings,
};
use crate::store::Paths;
use crate::text::{pack, wrap};
use chrono::NaiveDate;

pub fn runway(paths: &Paths, format: Format, all: bool, today: NaiveDate) -> Result<(), Failure> {
    let session = open_for_reading(paths)?;
    let wb = session.workbook();
    let options = ProjectionOptions::default();
    match summary::outlook(wb, today, options) {
        Outlook::NeedsInputs(missing) => match format {
            Format::Json => {
                let (start, _) = projection_start(&wb.runway, today);
                print_json(&RunwayJson::needs_inputs(start, &missing, &wb.runway))
            }
            Format::Text => {
                let text = format!(
                    "{}. Open careerbook and press 3 for the Runway tab to enter them.",
                    summary::needs_inputs_line(&missing)
                );
                let mut out = pack(&text, width()).join("\n");
                out.push('\n');
                out.push_str(&warning_lines(&wb.runway));
                print(&out)
            }
        },
        Outlook::Invalid(invalid) => Err(Failure::runtime(format!(
            "the Runway inputs in {} do not pass their checks ({invalid}); fix them in the Runway tab",
            paths.workbook.display()
        ))),
        Outlook::Projected(projection) => match format {
            Format::Json => print_json(&RunwayJson::new(&projection, &wb.runway)),
            Format::Text => {
                let feed = summary::vest_feed(wb, today);
                print(&text(&projection, wb, &feed, &options, all))
            }
        },
    }
}

/// Text fits the terminal; in a pipe it is not wrapped, so a table row or a
/// warning stays one line.
fn width() -> usize {
    text_width().unwrap_or(usize::MAX)
}

/// A comma-separated list in lines of at most `width` characters, broken
/// after commas.
fn wrap_list(list: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let items: Vec<&str> = list.split(", ").filter(|i| !i.is_empty()).collect();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item.to_string()
        };
        match lines.last_mut() {
            Some(last) if last.chars().count() + 1 + piece.chars().count() <= width => {
                last.push(' ');
                last.push_str(&piece);
            }
            _ => lines.push(piece),
        }
    }
    lines
}

/// The consistency warnings, one `! ` line each, wrapped under their text.
fn warning_lines(plan: &RunwayPlan) -> String {
    let mut out = String::new();
    for warning in warnings(plan) {
        for (i, line) in wrap(&warning.message, width().saturating_sub(2))
            .iter()
            .enumerate()
        {
            out.push_str(if i == 0 { "! " } else { "  " });
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The text report: headline, scenario and vest lines, any consistency
/// warnings, then the table.
fn text(
    projection: &Projection,
    wb: &crate::domain::workbook::Workbook,
    feed: &summary::VestFeed,
    options: &ProjectionOptions,
    all: bool,
) -> String {
    let width = width();
    let mut out = String::new();
    let mut say = |text: &str| {
        for line in pack(text, width) {
            out.push_str(&line);
            out.push('\n');
        }
    };
    say(&summary::headline(projection, options));
    if let Some(line) = summary::new_job_line(&wb.runway, projection) {
        say(&format!("{line} (the table is without it)"));
    }
    say(&summary::vest_line(&wb.runway, feed));
    let why = match projection.start_reason {
        StartReason::Today => "today",
        StartReason::Separation => "your last day on payroll",
        StartReason::NoticeStart => "the first day of paid notice",
    };
    say(&format!(
        "Starts {} ({why}); each month runs to the same day of the next month.",
        format_long(projection.start)
    ));
    out.push_str(&warning_lines(&wb.runway));
    out.push('\n');
    let shown = if all {
        projection.months.len()
    } else {
        summary::months_to_print(projection)
    };
    let rows: Vec<[String; 6]> = projection.months[..shown]
        .iter()
        .map(|row| {
            [
                row.label(),
                format_money(row.opening),
                format_money(row.income),
                format_money(row.spending),
                format_money(row.closing),
                summary::streams(row),
            ]
        })
        .collect();
    let header = [
        "Month", "Opening", "Income", "Spending", "Closing", "Streams",
    ]
    .map(String::from);
    let widths: Vec<usize> = (0..5)
        .map(|col| {
            rows.iter()
                .map(|r| r[col].chars().count())
                .chain([header[col].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = format!("{:<w$}", row[0], w = widths[0]);
        for col in 1..5 {
            line.push_str(&format!("  {:>w$}", row[col], w = widths[col]));
        }
        line.push_str("  ");
        let indent = line.chars().count();
        // Streams wrap under their own column so rows stay within 80 columns.
        let streams = wrap_list(&row[5], width.saturating_sub(indent).max(12));
        for (i, part) in streams.iter().enumerate() {
            if i > 0 {
                out.push('\n');
                line = " ".repeat(indent);
            }
            line.push_str(part);
            out.push_str(line.trim_end());
        }
        if streams.is_empty() {
            out.push_str(line.trim_end());
        }
        out.push('\n');
    }
    if shown < projection.months.len() {
        out.push_str(&format!(
            "\nShowing {shown} of {HORIZON_MONTHS} months; --all prints every month.\n"
        ));
    }
    out
}
