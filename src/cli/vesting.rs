//! `careerbook vesting [--last-day D] [--format text|json]`: upcoming vests and
//! what a last day keeps or forfeits, from the same domain functions as the tab.

use super::{Failure, Format, one_line, open_for_reading, print, print_json};
use crate::domain::dates::{self, format_long};
use crate::domain::money::{format_money, format_percent, format_shares};
use crate::domain::vesting::{self, LastDayReport, VestEvent, VestingBook, explain};
use crate::store::Paths;
use crate::text::fit;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

pub fn vesting(paths: &Paths, last_day: Option<&str>, format: Format) -> Result<(), Failure> {
    let today = dates::today();
    let requested = last_day
        .map(|text| {
            dates::parse_date_input(text, today)
                .map_err(|message| Failure::usage(format!("--last-day: {message}")))
        })
        .transpose()?;
    let session = open_for_reading(paths)?;
    let wb = session.workbook();
    let book = &wb.vesting;
    let runway_rate = wb.runway.withholding;
    // Without --last-day, the last day on payroll saved on the Runway tab
    // (as the Vesting tab uses), else today.
    let from = match (requested, wb.runway.separation) {
        (Some(_), _) => LastDayFrom::Asked,
        (None, Some(_)) => LastDayFrom::Saved,
        (None, None) => LastDayFrom::Today,
    };
    let requested = requested.or(wb.runway.separation);
    if format == Format::Json {
        let report = vesting::vesting_json(book, requested, today, runway_rate)
            .map_err(|invalid| Failure::usage(format!("--last-day: {}", invalid.message)))?;
        return print_json(&report);
    }
    let report = match requested {
        Some(day) => vesting::last_day(book, day, today, runway_rate)
            .map_err(|invalid| Failure::usage(format!("--last-day: {}", invalid.message)))?,
        None => vesting::report(book, today, today, runway_rate),
    };
    let upcoming = vesting::events(book, today, NaiveDate::MAX, today, runway_rate);
    print(&text(book, &upcoming, &report, from, today, runway_rate))
}

/// Where the last day shown came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LastDayFrom {
    Asked,
    Saved,
    Today,
}

/// The plain-text report, 80 columns wide at most for ordinary names.
fn text(
    book: &VestingBook,
    upcoming: &[VestEvent],
    report: &LastDayReport,
    from: LastDayFrom,
    today: NaiveDate,
    runway_rate: Decimal,
) -> String {
    let mut out = String::new();
    let (rate, source) = explain::withholding(book, runway_rate);
    out.push_str(&format!(
        "Vesting on {} · withholding {} ({})\n",
        format_long(today),
        format_percent(rate),
        source.label()
    ));
    out.push_str(&prices_line(book, today));
    if book.grants.is_empty() {
        out.push_str("\nNo grants yet: add them on the Vesting tab (run careerbook, press 4).\n");
    } else {
        let shown = (from != LastDayFrom::Today).then_some(report);
        upcoming_section(&mut out, upcoming, shown);
    }
    last_day_section(&mut out, book, report, from);
    out
}

fn prices_line(book: &VestingBook, today: NaiveDate) -> String {
    let tickers: BTreeSet<String> = book
        .grants
        .iter()
        .map(|g| g.ticker.trim().to_uppercase())
        .collect();
    if tickers.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = tickers
        .iter()
        .map(|ticker| match book.price_for(ticker, today) {
            Some(p) => format!(
                "{} {} as of {}",
                one_line(ticker),
                format_money(p.price),
                p.as_of
            ),
            None => format!("{}: no price entered, values unknown", one_line(ticker)),
        })
        .collect();
    format!("Prices: {}\n", parts.join("; "))
}

fn money_or_unknown(value: Option<Decimal>) -> String {
    value.map(format_money).unwrap_or_else(|| "no price".into())
}

/// The upcoming vests; with a chosen last day, a line marks where keeping ends.
fn upcoming_section(out: &mut String, upcoming: &[VestEvent], last_day: Option<&LastDayReport>) {
    out.push_str("\nUpcoming vests\n");
    if upcoming.is_empty() {
        out.push_str("  Nothing left to vest.\n");
        return;
    }
    out.push_str(&format!(
        "{:<10}  {:<20} {:>9} {:>13} {:>13}\n",
        "Date", "Grant", "Shares", "Gross", "Net"
    ));
    let mut marked = false;
    for e in upcoming {
        if let Some(report) = last_day
            && !marked
            && !report.keeps(e.date)
        {
            out.push_str(&format!(
                "{:-^70}\n",
                format!(
                    " last day {}: the vests below are forfeited ",
                    report.last_day
                )
            ));
            marked = true;
        }
        out.push_str(&format!(
            "{:<10}  {:<20} {:>9} {:>13} {:>13}\n",
            e.date.to_string(),
            fit(&e.grant, 20),
            format_shares(e.shares),
            money_or_unknown(e.gross),
            money_or_unknown(e.net)
        ));
    }
    let sum = vesting::total(upcoming);
    out.push_str(&format!(
        "{:<10}  {:<20} {:>9} {:>13} {:>13}\n",
        "Total",
        "",
        format_shares(sum.shares),
        money_or_unknown(sum.gross),
        money_or_unknown(sum.net)
    ));
}

fn last_day_section(
    out: &mut String,
    book: &VestingBook,
    report: &LastDayReport,
    from: LastDayFrom,
) {
    let day = report.last_day;
    if report.grants.is_empty() && report.bonuses.is_empty() && report.not_yet_granted.is_empty() {
        return;
    }
    out.push_str(&match from {
        LastDayFrom::Asked => format!("\nLast day {day}\n"),
        LastDayFrom::Saved => {
            format!("\nLast day on payroll {day} (the Runway tab's); --last-day D tries another\n")
        }
        LastDayFrom::Today => {
            format!("\nIf you left today ({day}); --last-day D tries another day\n")
        }
    });
    if !report.grants.is_empty() {
        out.push_str(&format!(
            "{:<22} {:>9} {:>9} {:>10} {:>16}\n",
            "Grant", "Granted", "Vested", "Forfeited", "Forfeited value"
        ));
        for g in &report.grants {
            out.push_str(&format!(
                "{:<22} {:>9} {:>9} {:>10} {:>16}\n",
                fit(&g.name, 22),
                format_shares(g.granted),
                format_shares(g.vested),
                format_shares(g.forfeited),
                money_or_unknown(g.forfeited_value)
            ));
        }
        out.push_str(&format!(
            "{:<22} {:>9} {:>9} {:>10} {:>16}\n",
            "Total",
            format_shares(report.granted),
            format_shares(report.vested),
            format_shares(report.forfeited),
            money_or_unknown(report.forfeited_value)
        ));
    }
    for g in &report.not_yet_granted {
        out.push_str(&format!(
            "Not yet granted: {} ({} {}, granted {}) is left out: leaving before then, you never receive it.\n",
            one_line(&g.name),
            format_shares(g.shares),
            one_line(&g.ticker),
            g.grant_date
        ));
    }
    if !report.bonuses.is_empty() {
        out.push_str("\nBonuses\n");
        for b in &report.bonuses {
            out.push_str(&format!(
                "  {:<20} {:<13} {:>11}{}\n",
                fit(&b.name, 20),
                b.status.label(),
                format_money(b.amount),
                match explain::bonus_reason(book, b) {
                    reason if reason.is_empty() => reason,
                    reason => format!("  {reason}"),
                }
            ));
        }
    }
    match &report.next_vest {
        Some(next) => {
            let worth = match next.gross {
                Some(gross) => format!(
                    "{} gross, {} net",
                    format_money(gross),
                    money_or_unknown(next.net)
                ),
                None => "value unknown: no price".into(),
            };
            out.push_str(&format!(
                "\nStaying until {} would add {} shares ({worth}).\n",
                next.date,
                format_shares(next.shares)
            ));
        }
        None if !book.grants.is_empty() => {
            out.push_str(&format!("\nNothing vests after {day}.\n"));
        }
        None => {}
    }
}
