//! Job offers weighed against staying: each offer's cash and equity in years
//! 1–4 from its start date, the same for staying in the current job (ending
//! at the last day on payroll after a notice), what moving a start date
//! forfeits and gains, and carrying an accepted offer into the runway.
//!
//! Pure: "today" comes in as a parameter (prices are those entered on or
//! before it). Every figure carries its working ([`Figure`]); a figure that
//! needs an input not yet entered is unknown, never made up. All amounts are
//! before tax except the accepted offer's monthly pay.

mod accept;
mod current;
mod early;
mod json;
mod offer;
mod offered;
mod situation;
mod stay;
mod what_if;
mod working;
mod years;

#[cfg(test)]
mod tests;

pub use accept::{Acceptance, accept, new_job_of, save_offer};
pub use early::{EarlyStart, accepted_offer, early_starts};
pub use json::{ColumnJson, OfferRecord, YearJson, comparison_json};
pub use offer::{CurrentJob, Offer, OfferEquity, OfferSchedule, OfferSignOn, TargetBonus, find};
use situation::Situation;
pub use what_if::{Change, ChangeKind, StartWhatIf, what_if};
pub use working::{Figure, pay_text};
use years::spans;
pub use years::{YEARS, YearSpan};

use crate::domain::Id;
use crate::domain::dates::format_long;
use crate::domain::money::format_money;
use crate::domain::workbook::Workbook;
use chrono::NaiveDate;

/// Stay and every offer, side by side.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    /// Stay first, then the offers in the workbook's order.
    pub columns: Vec<Column>,
    /// What the whole view rests on, in words: before tax, what Stay counts
    /// after a notice, inputs still missing, starts before the last day.
    pub notes: Vec<String>,
}

/// One column: Stay or an offer.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// "Stay", or the offer's company.
    pub name: String,
    /// The offer; `None` for Stay.
    pub offer: Option<Id>,
    /// The first day of year 1.
    pub start: NaiveDate,
    /// What the current job still pays from today: for Stay, before its
    /// year 1; for an offer, when you leave for its start (what taking it
    /// keeps, with the severance it forfeits left out).
    pub current: Figure,
    pub years: Vec<YearFigures>,
    /// Years 1–4 added up: the package itself.
    pub four_years: Figure,
    /// The current-job row and the four years: what vs Stay subtracts.
    pub total: Figure,
    /// This column's total less Stay's (zero for Stay).
    pub vs_stay: Figure,
    /// The equity is options: valued at price − strike, and illiquid.
    pub illiquid: bool,
}

/// One year of a column.
#[derive(Clone, Debug, PartialEq)]
pub struct YearFigures {
    pub span: YearSpan,
    pub cash: Figure,
    pub equity: Figure,
    pub total: Figure,
}

/// Compares staying with every offer. `starts` moves offers' start dates
/// for a what-if (offer id, start); other offers start on their saved date.
///
/// Every column counts from today: its current-job row, then four years
/// from its start (Stay's years from the earliest start shown, today when
/// there is no offer). After a notice Stay ends at the last day, so its
/// total is the same over any of those spans and each offer's `vs_stay` is
/// its total less the Stay column's. Without one Stay runs on, so an offer
/// is compared with Stay over its own span, from today to four years after
/// its start.
pub fn compare(wb: &Workbook, today: NaiveDate, starts: &[(Id, NaiveDate)]) -> Comparison {
    let sit = Situation::new(wb, today);
    let start_of = |offer: &Offer| {
        starts
            .iter()
            .find(|(id, _)| *id == offer.id)
            .map_or(offer.start, |&(_, start)| start)
    };
    let offers = &wb.pipeline.offers;
    let stay_from = offers.iter().map(start_of).min().unwrap_or(today);
    let stay = stay_column(&sit, stay_from);
    let mut columns = vec![stay.clone()];
    for offer in offers {
        let start = start_of(offer);
        let stay_then = if start == stay_from || sit.last_day.is_some() {
            stay.clone()
        } else {
            stay_column(&sit, start)
        };
        columns.push(offer_column(&sit, offer, start, &stay_then));
    }
    Comparison {
        notes: notes(&sit, &columns),
        columns,
    }
}

/// Stay's column over the four years from `start`.
fn stay_column(sit: &Situation, start: NaiveDate) -> Column {
    // After a notice Stay ends at the last day: all it still pays is in its
    // Current job row, counted as each offer's is, and its years hold none.
    let (current, years) = match sit.last_day {
        Some(last) => (
            current::staying_to(sit, last),
            spans(start)
                .into_iter()
                .map(|span| {
                    let ended = || {
                        Figure::known(
                            rust_decimal::Decimal::ZERO,
                            vec![format!(
                                "Stay ends at your last day on payroll, {}: what it pays is in the Current job row.",
                                format_long(last)
                            )],
                        )
                    };
                    year(span, ended(), ended())
                })
                .collect(),
        ),
        None => (
            current::before_stay(sit, start),
            spans(start)
                .into_iter()
                .map(|span| year(span, stay::cash(sit, &span), stay::equity(sit, &span)))
                .collect(),
        ),
    };
    let mut column = column("Stay".into(), None, start, current, years, false);
    column.vs_stay = Figure::known(
        rust_decimal::Decimal::ZERO,
        vec!["Stay is what every offer is compared with.".into()],
    );
    column
}

/// An offer's column over the four years from `start`, against `stay` (Stay
/// over the same four years).
fn offer_column(sit: &Situation, offer: &Offer, start: NaiveDate, stay: &Column) -> Column {
    let years = spans(start)
        .into_iter()
        .map(|span| {
            year(
                span,
                offered::cash(offer, start, &span),
                offered::equity(offer, start, &span),
            )
        })
        .collect();
    let illiquid = offer.equity.as_ref().is_some_and(|e| e.is_options());
    let mut column = column(
        offer.company.clone(),
        Some(offer.id),
        start,
        current::leaving_for(sit, start),
        years,
        illiquid,
    );
    let mut vs = Figure::sum(
        "Against Stay",
        &[
            ("offer's total", &column.total),
            ("Stay's total", &negated(&stay.total)),
        ],
    );
    let over = if sit.last_day.is_some() {
        "Stay's total (after your notice Stay ends at your last day, so it is the Stay column's total whatever the start)".to_string()
    } else if stay.start == start {
        "Stay's total (the Stay column: the same span)".to_string()
    } else {
        format!(
            "Stay's total over the same span, from today to four years after {}: {} (the Stay column counts four years from {} instead)",
            format_long(start),
            stay.total.money(),
            format_long(stay.start)
        )
    };
    vs.working.insert(
        0,
        format!(
            "This offer's total (its current-job row and four years from {}) less {over}.",
            format_long(start)
        ),
    );
    column.vs_stay = vs;
    column
}

impl YearFigures {
    /// The year's three figures with their names, in the order a view shows them.
    pub fn figures(&self) -> [(&'static str, &Figure); 3] {
        [
            ("cash", &self.cash),
            ("equity", &self.equity),
            ("total", &self.total),
        ]
    }
}

fn negated(figure: &Figure) -> Figure {
    Figure {
        amount: figure.amount.map(|a| -a),
        working: figure.working.clone(),
    }
}

fn year(span: YearSpan, cash: Figure, equity: Figure) -> YearFigures {
    let total = Figure::sum("Total", &[("cash", &cash), ("equity", &equity)]);
    YearFigures {
        span,
        cash,
        equity,
        total,
    }
}

fn column(
    name: String,
    offer: Option<Id>,
    start: NaiveDate,
    current: Figure,
    years: Vec<YearFigures>,
    illiquid: bool,
) -> Column {
    let parts: Vec<(&str, &Figure)> = years.iter().map(|y| ("year", &y.total)).collect();
    let four_years = Figure::sum("Years 1–4", &parts);
    let total = Figure::sum(
        "Current job + years 1–4",
        &[("current job", &current), ("four years", &four_years)],
    );
    Column {
        name,
        offer,
        start,
        current,
        years,
        four_years,
        total,
        vs_stay: Figure::unknown(Vec::new()),
        illiquid,
    }
}

fn notes(sit: &Situation, columns: &[Column]) -> Vec<String> {
    let mut notes = vec![
        "Figures are before tax: pay and bonuses at target, equity at the prices entered.".into(),
    ];
    if sit.current_job().is_none() {
        notes.push("Stay needs your current pay: enter your base salary and target bonus.".into());
    }
    if let Some(last) = sit.last_day {
        let severance = match &sit.severance {
            Some(Ok(pay)) => format!(
                ", the severance ({} before tax, paid {})",
                format_money(pay.gross),
                format_long(pay.pay_date)
            ),
            Some(Err(_)) => ", the severance (which cannot be worked out yet)".into(),
            None => String::new(),
        };
        notes.push(format!(
            "After your notice, Stay ends at your last day on payroll, {}: it counts pay up to that day{severance} and the vests up to it.",
            format_long(last)
        ));
        let forfeits = if sit.forfeits {
            "Resigning before the last day forfeits the severance (as set; the default)."
        } else {
            "Resigning before the last day keeps the severance (as set)."
        };
        notes.push(forfeits.into());
        for column in &columns[1..] {
            if sit.resigns(column.start) {
                notes.push(format!(
                    "{} starts {}, on or before your last day: its current-job row counts only what leaving then keeps; its start-date what-if weighs a later start.",
                    column.name,
                    format_long(column.start)
                ));
            }
        }
    }
    for column in columns.iter().filter(|c| c.illiquid) {
        notes.push(format!(
            "{}'s equity is options, valued at price − strike: illiquid, so not cash you can count on.",
            column.name
        ));
    }
    notes.push(
        "Every column counts from today: the current-job row is what your current job still pays (for an offer, when you leave for its start: pay to then, the vests up to it, the severance unless that start forfeits it), then four years from the start; vs Stay is a column's total less Stay's.".into(),
    );
    if let Some(stay) = columns.first()
        && sit.last_day.is_none()
        && columns[1..].iter().any(|c| c.start != stay.start)
    {
        notes.push(format!(
            "The offers start on different days: Stay's years count from the earliest, {}; with no notice your pay runs on, so an offer starting later is compared with Stay up to four years after its own start (x on its vs Stay shows that figure).",
            format_long(stay.start)
        ));
    }
    if sit
        .wb
        .vesting
        .dated_bonuses
        .iter()
        .any(|b| b.kind == crate::domain::vesting::BonusKind::Annual)
    {
        notes.push(
            "Annual bonuses entered on the Vesting tab are not counted: the target bonus stands for them."
                .into(),
        );
    }
    notes
}
