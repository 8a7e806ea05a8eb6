//! What `careerbook offers` and `careerbook offer what-if` print: the
//! comparison table, the working of every figure, the what-if.

use super::{date, refused};
use crate::cli::{Failure, Format, one_line, open_for_reading, print, print_json, text_width};
use crate::domain::Id;
use crate::domain::dates::{self, format_long};
use crate::domain::money::serialize_cents_or_null;
use crate::domain::offers::{self, Column, Comparison, Figure, StartWhatIf};
use crate::domain::workbook::Workbook;
use crate::store::Paths;
use crate::text::{fit, pad_left};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// Width of the label column and of each figure column in `careerbook offers`.
const LABEL: usize = 15;
const COLUMN: usize = 16;

pub(super) fn comparison_text(wb: &Workbook, comparison: &Comparison, explain: bool) -> String {
    let mut out = String::new();
    if wb.pipeline.offers.is_empty() {
        out.push_str(
            "No offers yet. Add one with: careerbook offer add COMPANY --base B --start D\n",
        );
        return out;
    }
    // On a terminal too narrow for every column, Stay is repeated beside
    // each group of offers that fits; a pipe gets one table.
    let width = text_width().unwrap_or(usize::MAX);
    let column = column_width(comparison);
    let per_table = ((width.saturating_sub(LABEL)) / column).max(2) - 1;
    let (stay, offers) = comparison.columns.split_at(1);
    for (i, group) in offers.chunks(per_table).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let columns: Vec<&Column> = stay.iter().chain(group).collect();
        out.push_str(&table(&columns, column));
    }
    out.push('\n');
    for note in &comparison.notes {
        out.push_str(&wrapped(&format!("· {note}"), "  "));
    }
    if wb.pipeline.current_job.is_none() {
        out.push_str(&wrapped(
            "· Enter it with: careerbook current-job --base B [--bonus-pct P]",
            "  ",
        ));
    }
    out.push('\n');
    if explain {
        out.push_str(&explanations(comparison));
    } else {
        out.push_str(&wrapped(
            "How each figure is worked out: careerbook offers --explain",
            "  ",
        ));
        out.push_str(&wrapped(
            "What another start date forfeits: careerbook offer what-if ID --start D",
            "  ",
        ));
        out.push_str(&wrapped(
            "Carry an offer into the runway: careerbook offer accept ID",
            "  ",
        ));
    }
    out
}

/// Wide enough for every figure in full (a name is fitted to it): at
/// least [`COLUMN`], wider when an amount needs it, since a cut amount
/// (`$12,000,000,00…`) reads as another number.
fn column_width(comparison: &Comparison) -> usize {
    let widest = comparison
        .columns
        .iter()
        .flat_map(|c| {
            let years = c
                .years
                .iter()
                .flat_map(|y| y.figures().map(|(_, f)| f.money()));
            years.chain([
                c.current.money(),
                c.four_years.money(),
                c.total.money(),
                c.vs_stay.signed(),
            ])
        })
        .map(|cell| cell.chars().count())
        .max()
        .unwrap_or(0);
    COLUMN.max(widest + 1)
}

/// The rows of `careerbook offers` for `columns`, one figure per cell,
/// each cell `column` wide.
fn table(columns: &[&Column], column: usize) -> String {
    let row = |label: &str, cells: Vec<String>| -> String {
        let mut line = format!("{label:<LABEL$}");
        for cell in cells {
            line.push_str(&pad_left(&fit(&cell, column - 1), column));
        }
        format!("{}\n", line.trim_end())
    };
    let mut out = row("", columns.iter().map(|c| c.name.clone()).collect());
    out.push_str(&row(
        "Offer",
        columns
            .iter()
            .map(|c| c.offer.map_or_else(|| "-".into(), |id| format!("#{id}")))
            .collect(),
    ));
    out.push_str(&row(
        "Starts",
        columns.iter().map(|c| format_long(c.start)).collect(),
    ));
    out.push_str(&row(
        "Current job",
        columns.iter().map(|c| c.current.money()).collect(),
    ));
    for year in 0..offers::YEARS as usize {
        for (i, name) in ["cash", "equity", "total"].into_iter().enumerate() {
            let label = if i == 0 {
                format!("Year {} {name}", year + 1)
            } else {
                format!("       {name}")
            };
            out.push_str(&row(
                &label,
                columns
                    .iter()
                    .map(|c| c.years[year].figures()[i].1.money())
                    .collect(),
            ));
        }
    }
    out.push_str(&row(
        "4-year total",
        columns.iter().map(|c| c.four_years.money()).collect(),
    ));
    out.push_str(&row(
        "Total",
        columns.iter().map(|c| c.total.money()).collect(),
    ));
    out.push_str(&row(
        "vs Stay",
        columns.iter().map(|c| c.vs_stay.signed()).collect(),
    ));
    out
}

/// `text` wrapped to the terminal (one line in a pipe), later lines indented.
pub(super) fn wrapped(text: &str, indent: &str) -> String {
    let width = text_width().unwrap_or(usize::MAX);
    let mut out = String::new();
    for (i, line) in crate::text::wrap(text, width.saturating_sub(indent.len()).max(20))
        .iter()
        .enumerate()
    {
        if i > 0 {
            out.push_str(indent);
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every figure of every column with its working.
pub(super) fn explanations(comparison: &Comparison) -> String {
    let mut out = String::new();
    for column in &comparison.columns {
        let id = column
            .offer
            .map(|id| format!(" (#{id})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "\n{}{id}, four years from {}\n",
            one_line(&column.name),
            format_long(column.start)
        ));
        explain_figure(&mut out, "Current job", &column.current);
        for year in &column.years {
            for (name, figure) in year.figures() {
                explain_figure(&mut out, &format!("Year {} {name}", year.span.year), figure);
            }
        }
        explain_figure(&mut out, "4-year total", &column.four_years);
        explain_figure(&mut out, "Total", &column.total);
        explain_figure(&mut out, "vs Stay", &column.vs_stay);
    }
    out
}

pub(super) fn explain_figure(out: &mut String, label: &str, figure: &Figure) {
    out.push_str(&format!("  {label}: {}\n", figure.money()));
    for line in &figure.working {
        out.push_str("    ");
        out.push_str(&wrapped(line, "    "));
    }
}

pub(super) fn what_if(paths: &Paths, id: Id, start: &str, format: Format) -> Result<(), Failure> {
    let today = dates::today();
    let start = date("start", start, today)?;
    let session = open_for_reading(paths)?;
    let report = offers::what_if(session.workbook(), id, start, today).map_err(refused)?;
    match format {
        Format::Json => print_json(&WhatIfJson::from(&report)),
        Format::Text => print(&what_if_text(&report)),
    }
}

pub(super) fn what_if_text(report: &StartWhatIf) -> String {
    let days = dates::days_between(report.new_start, report.saved_start);
    let moved = match days {
        0 => "the saved start".to_string(),
        d if d > 0 => format!("{d} days earlier"),
        d => format!("{} days later", -d),
    };
    let mut out = format!(
        "Starting {} (#{}) on {} instead of {} ({moved})\n",
        one_line(&report.name),
        report.offer,
        format_long(report.new_start),
        format_long(report.saved_start)
    );
    let last_day = report
        .last_day
        .map(|d| format!("; your last day on payroll is {}", format_long(d)))
        .unwrap_or_default();
    out.push_str(&wrapped(
        &format!(
            "means leaving your current job on {} instead of {}{last_day}.",
            format_long(report.leave_new),
            format_long(report.leave_saved)
        ),
        "",
    ));
    out.push('\n');
    for change in &report.changes {
        out.push_str(&format!(
            "  {:<18}{:>15}\n",
            change.kind.label(),
            change.figure.signed()
        ));
    }
    out.push_str(&format!("  {:<18}{:>15}\n", "Net", report.net.signed()));
    out.push_str("\nHow each is worked out:\n");
    for change in &report.changes {
        explain_figure(&mut out, change.kind.label(), &change.figure);
    }
    explain_figure(&mut out, "Net", &report.net);
    out
}

/// `careerbook offer what-if --format json`.
#[derive(Serialize)]
struct WhatIfJson {
    offer: Id,
    saved_start: NaiveDate,
    new_start: NaiveDate,
    last_day: Option<NaiveDate>,
    leave_saved: NaiveDate,
    leave_new: NaiveDate,
    changes: Vec<ChangeJson>,
    #[serde(serialize_with = "serialize_cents_or_null")]
    net: Option<Decimal>,
}

#[derive(Serialize)]
struct ChangeJson {
    change: &'static str,
    #[serde(serialize_with = "serialize_cents_or_null")]
    amount: Option<Decimal>,
}

impl From<&StartWhatIf> for WhatIfJson {
    fn from(report: &StartWhatIf) -> Self {
        Self {
            offer: report.offer,
            saved_start: report.saved_start,
            new_start: report.new_start,
            last_day: report.last_day,
            leave_saved: report.leave_saved,
            leave_new: report.leave_new,
            changes: report
                .changes
                .iter()
                .map(|c| ChangeJson {
                    change: c.kind.key(),
                    amount: c.figure.amount,
                })
                .collect(),
            net: report.net.amount,
        }
    }
}
