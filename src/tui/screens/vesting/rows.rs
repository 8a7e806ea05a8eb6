//! The Vesting tab's table rows, formatted from domain results in `refresh`
//! (never per frame), except the upcoming vests: those are formatted when
//! drawn, as only a screenful of them is ever seen.

use crate::domain::Id;
use crate::domain::dates::format_long;
use crate::domain::money::{format_money, format_shares};
use crate::domain::vesting::{
    self, BonusKind, BonusSource, BonusStatus, Grant, LastDayReport, QuarterBucket, Vest,
    VestEvent, VestingBook, explain,
};
use crate::domain::workbook::Workbook;
use crate::tui::widgets::table::{Column, Row, Rows, SortKey};
use chrono::{Datelike, NaiveDate};
use ratatui::layout::Constraint;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

/// One grant's schedule as the Grants view shows it.
#[derive(Clone, Debug, Default)]
pub struct ScheduleView {
    /// "180 AMZN · Amazon 5/15/40/40 from 2024-09-16 · 36 vested, 144 unvested".
    pub summary: String,
    pub rows: Vec<Row>,
    /// The row id of the first vest still to come.
    pub first_unvested: Option<Id>,
}

pub static UPCOMING_COLUMNS: &[Column] = &[
    Column::left("Date", Constraint::Length(10)),
    Column::left("Grant", Constraint::Fill(1)),
    Column::right("Shares", Constraint::Length(7)),
    Column::right("Gross", Constraint::Length(12)),
    Column::right("Net", Constraint::Length(12)),
];

pub static GRANT_COLUMNS: &[Column] = &[
    Column::left("Grant", Constraint::Fill(1)),
    Column::left("Schedule", Constraint::Fill(1)),
    Column::right("Granted", Constraint::Length(10)),
    Column::right("Vested", Constraint::Length(7)),
    Column::right("Unvested", Constraint::Length(8)),
    Column::right("Unvested $", Constraint::Length(12)),
];

pub static SCHEDULE_COLUMNS: &[Column] = &[
    Column::left("Date", Constraint::Length(10)),
    Column::right("Shares", Constraint::Length(7)),
    Column::right("Vested total", Constraint::Length(16)),
    Column::left("Status", Constraint::Fill(1)),
    Column::right("Value today", Constraint::Length(12)),
];

pub static PRICE_COLUMNS: &[Column] = &[
    Column::left("Ticker", Constraint::Length(8)),
    Column::right("Price", Constraint::Length(12)),
    Column::left("As of", Constraint::Length(10)),
    Column::left("Used today", Constraint::Fill(1)),
];

pub static BONUS_COLUMNS: &[Column] = &[
    Column::left("Bonus", Constraint::Fill(1)),
    Column::left("Kind", Constraint::Length(9)),
    Column::right("Gross", Constraint::Length(11)),
    Column::left("Date", Constraint::Length(16)),
    Column::left("At the last day", Constraint::Length(20)),
];

/// `$1,234.56`, or `no price` where a value is unknown.
pub fn money_or_unknown(value: Option<Decimal>) -> String {
    value.map(format_money).unwrap_or_else(|| "no price".into())
}

fn money_key(value: Option<Decimal>) -> SortKey {
    value.map(SortKey::Number).unwrap_or(SortKey::Empty)
}

/// Vests of a book held by position: the book (shared, not copied) and
/// where each vest is in it.
#[derive(Clone, Default)]
pub struct Vests {
    pub book: Rc<VestingBook>,
    pub list: Rc<Vec<Vest>>,
    /// Values are at the prices known on `today`, net after the book's own
    /// withholding rate, else `runway_rate` (the Runway tab's).
    pub today: NaiveDate,
    pub runway_rate: Decimal,
}

impl Vests {
    /// Vest `i`, named and valued.
    pub fn event(&self, i: usize) -> Option<VestEvent> {
        let vest = self.list.get(i)?;
        vest.event(&self.book, self.today, self.runway_rate)
    }

    fn date(&self, i: usize) -> NaiveDate {
        self.list[i].tranche.date
    }

    /// The grant vest `i` is of.
    fn grant(&self, i: usize) -> Option<&Grant> {
        self.book.grants.get(self.list[i].grant)
    }
}

/// Upcoming vests, grouped under their calendar quarter with its totals;
/// those after `last_day` (the last day on payroll) marked forfeited, as
/// leaving then forfeits them. A row is named, valued and formatted only
/// when it is drawn (a book of many grants has thousands of vests to come);
/// its search text and sort keys only when a filter or a sort asks.
pub struct UpcomingRows {
    vests: Vests,
    /// Every quarter from today's to the last vest's.
    quarters: Vec<QuarterBucket>,
    last_day: Option<NaiveDate>,
}

impl UpcomingRows {
    /// `events` are `vests` named and valued (for the quarters' totals).
    pub fn new(vests: Vests, events: &[VestEvent], last_day: Option<NaiveDate>) -> Self {
        let today = vests.today;
        let count = match events.last() {
            Some(last) => {
                let months = (last.date.year() - today.year()) * 12 + last.date.month() as i32
                    - today.month() as i32;
                usize::try_from(months / 3 + 2).unwrap_or(1)
            }
            None => 0,
        };
        Self {
            quarters: vesting::by_quarter(events, today, count),
            vests,
            last_day,
        }
    }

    /// The quarter vest `i` is in.
    fn quarter(&self, i: usize) -> Option<&QuarterBucket> {
        let date = self.vests.date(i);
        self.quarters.iter().rev().find(|q| q.start <= date)
    }

    fn forfeited(&self, date: NaiveDate) -> bool {
        self.last_day.is_some_and(|last| !vesting::kept(last, date))
    }

    /// The grant's name, with "· forfeited" after it when the vest on
    /// `date` is.
    fn grant(&self, name: &str, date: NaiveDate) -> String {
        if self.forfeited(date) {
            format!("{name} · forfeited")
        } else {
            name.to_string()
        }
    }
}

impl Rows for UpcomingRows {
    fn len(&self) -> usize {
        self.vests.list.len()
    }

    fn id(&self, i: usize) -> Id {
        i as Id
    }

    fn row<'a>(&'a self, _: &'a Workbook, i: usize) -> Cow<'a, Row> {
        // Every vest is of the book it was read from: `event` finds it.
        let e = self.vests.event(i);
        Cow::Owned(Row {
            id: i as Id,
            cells: e.as_ref().map_or_else(Vec::new, |e| {
                vec![
                    e.date.to_string(),
                    self.grant(&e.grant, e.date),
                    format_shares(e.shares),
                    money_or_unknown(e.gross),
                    money_or_unknown(e.net),
                ]
            }),
            keys: Vec::new(),
            search: String::new(),
            group: None,
            mark: self.forfeited(self.vests.date(i)).then_some("✗"),
        })
    }

    fn group(&self, i: usize) -> Option<String> {
        self.quarter(i).map(|q| {
            format!(
                "{} · {} shares · {}",
                q.label,
                format_shares(q.shares),
                match q.gross {
                    Some(gross) => format!("{} gross", format_money(gross)),
                    None => "value unknown (no price)".into(),
                }
            )
        })
    }

    fn same_group(&self, a: usize, b: usize) -> bool {
        self.quarter(a).map(|q| q.start) == self.quarter(b).map(|q| q.start)
    }

    /// Date, grant and ticker: what a filter finds needs no value.
    fn search<'a>(&'a self, _: &'a Workbook, i: usize) -> Cow<'a, str> {
        let date = self.vests.date(i);
        let text = self
            .vests
            .grant(i)
            .map(|g| format!("{date} {} {}", self.grant(&g.name, date), g.ticker).to_lowercase());
        Cow::Owned(text.unwrap_or_default())
    }

    fn key(&self, _: &Workbook, i: usize, col: usize) -> SortKey {
        let vest = &self.vests.list[i];
        // Only a value needs the vest valued.
        match col {
            0 => SortKey::Date(vest.tranche.date),
            1 => self
                .vests
                .grant(i)
                .map_or(SortKey::Empty, |g| SortKey::text(&g.name)),
            2 => SortKey::Number(vest.tranche.shares),
            col => match self.vests.event(i) {
                Some(e) if col == 3 => money_key(e.gross),
                Some(e) => money_key(e.net),
                None => SortKey::Empty,
            },
        }
    }
}

/// Every grant with what has vested by today.
pub fn grants(book: &VestingBook, today: NaiveDate) -> Vec<Row> {
    book.grants
        .iter()
        .map(|g| {
            let vested = g.vested_by(today);
            let unvested = g.shares - vested;
            let value = explain::shares_value(book, &g.ticker, unvested, today);
            Row {
                id: g.id,
                cells: vec![
                    g.name.clone(),
                    g.schedule.kind().short_label().into(),
                    format!("{} {}", format_shares(g.shares), g.ticker),
                    format_shares(vested),
                    format_shares(unvested),
                    if unvested.is_zero() {
                        format_money(Decimal::ZERO)
                    } else {
                        money_or_unknown(value)
                    },
                ],
                keys: vec![
                    SortKey::text(&g.name),
                    SortKey::text(g.schedule.kind().short_label()),
                    SortKey::Number(g.shares),
                    SortKey::Number(vested),
                    SortKey::Number(unvested),
                    money_key(value),
                ],
                search: format!("{} {} {}", g.name, g.ticker, g.schedule.kind().label())
                    .to_lowercase(),
                group: None,
                mark: None,
            }
        })
        .collect()
}

/// One grant's whole schedule, each vest marked vested or still to come.
pub fn schedule(book: &VestingBook, g: &Grant, today: NaiveDate) -> ScheduleView {
    let tranches = g.tranches();
    let mut cumulative = Decimal::ZERO;
    let mut first_unvested = None;
    let rows = tranches
        .iter()
        .enumerate()
        .map(|(index, t)| {
            cumulative = cumulative.saturating_add(t.shares);
            let vested = t.date <= today;
            if !vested && first_unvested.is_none() {
                first_unvested = Some(index as Id);
            }
            let value = explain::shares_value(book, &g.ticker, t.shares, today);
            Row {
                id: index as Id,
                cells: vec![
                    t.date.to_string(),
                    format_shares(t.shares),
                    format!(
                        "{} of {}",
                        format_shares(cumulative),
                        format_shares(g.shares)
                    ),
                    if vested { "✓ vested" } else { "· to come" }.into(),
                    money_or_unknown(value),
                ],
                keys: vec![
                    SortKey::Date(t.date),
                    SortKey::Number(t.shares),
                    SortKey::Number(cumulative),
                    SortKey::Text(if vested { "a" } else { "b" }.into()),
                    money_key(value),
                ],
                search: format!("{} {}", t.date, if vested { "vested" } else { "to come" }),
                group: None,
                mark: vested.then_some("✓"),
            }
        })
        .collect();
    let vested = g.vested_by(today);
    ScheduleView {
        summary: format!(
            "{} {} · {} from {} · {} vested, {} to come",
            format_shares(g.shares),
            g.ticker,
            g.schedule.kind().short_label(),
            g.vest_start,
            format_shares(vested),
            format_shares(g.shares - vested)
        ),
        rows,
        first_unvested,
    }
}

/// Every price entered, the one each ticker uses today marked.
pub fn prices(book: &VestingBook, today: NaiveDate) -> Vec<Row> {
    let mut prices: Vec<_> = book.prices.iter().collect();
    prices.sort_by(|a, b| {
        (a.ticker.to_uppercase(), std::cmp::Reverse(a.as_of))
            .cmp(&(b.ticker.to_uppercase(), std::cmp::Reverse(b.as_of)))
    });
    prices
        .into_iter()
        .map(|p| {
            let current = book
                .price_for(&p.ticker, today)
                .is_some_and(|c| c.id == p.id);
            Row {
                id: p.id,
                cells: vec![
                    p.ticker.clone(),
                    format_money(p.price),
                    p.as_of.to_string(),
                    if current { "✓ current" } else { "older" }.into(),
                ],
                keys: vec![
                    SortKey::text(&p.ticker),
                    SortKey::Number(p.price),
                    SortKey::Date(p.as_of),
                    SortKey::Text(if current { "a" } else { "b" }.into()),
                ],
                search: format!("{} {}", p.ticker, p.as_of).to_lowercase(),
                group: None,
                mark: current.then_some("✓"),
            }
        })
        .collect()
}

/// Tickers of grants without a price, and "AMZN $212.40 (24 Nov 2026)" for the priced ones.
pub fn price_notes(book: &VestingBook, today: NaiveDate) -> (Vec<String>, Vec<String>) {
    let tickers: BTreeSet<String> = book
        .grants
        .iter()
        .map(|g| g.ticker.trim().to_uppercase())
        .collect();
    let mut unpriced = Vec::new();
    let mut notes = Vec::new();
    for ticker in tickers {
        match book.price_for(&ticker, today) {
            Some(p) => notes.push(format!(
                "{ticker} {} ({})",
                format_money(p.price),
                format_long(p.as_of)
            )),
            None => unpriced.push(ticker),
        }
    }
    (unpriced, notes)
}

/// The status of a bonus under the last day, in words and a symbol.
pub fn bonus_status(status: BonusStatus, amount: Decimal, waived: bool) -> String {
    match status {
        BonusStatus::Kept if waived => "✓ kept (waived)".into(),
        BonusStatus::Kept => "✓ kept".into(),
        BonusStatus::Missed => "✗ missed".into(),
        BonusStatus::Clawback => format!("! owes {}", format_money(amount)),
    }
}

/// Every bonus with its outcome under the report's last day, and the
/// explanation line of each by id.
pub fn bonuses(book: &VestingBook, report: &LastDayReport) -> (Vec<Row>, HashMap<Id, String>) {
    let mut notes = HashMap::new();
    let rows = report
        .bonuses
        .iter()
        .map(|outcome| {
            notes.insert(outcome.id, explain::bonus(book, outcome, report.last_day));
            let (kind, gross, date) = match outcome.source {
                BonusSource::SignOn => {
                    let bonus = book.sign_on_bonuses.iter().find(|b| b.id == outcome.id);
                    (
                        "Sign-on",
                        bonus.map(|b| b.gross),
                        bonus.map(|b| (format!("paid {}", b.paid), b.paid)),
                    )
                }
                BonusSource::Dated(kind) => {
                    let bonus = book.dated_bonuses.iter().find(|b| b.id == outcome.id);
                    (
                        match kind {
                            BonusKind::Annual => "Annual",
                            BonusKind::Retention => "Retention",
                            BonusKind::Other => "Other",
                        },
                        bonus.map(|b| b.gross),
                        bonus.map(|b| {
                            (
                                format!("needs {}", b.must_be_employed_on),
                                b.must_be_employed_on,
                            )
                        }),
                    )
                }
            };
            let (date_text, date) = date.unzip();
            Row {
                id: outcome.id,
                cells: vec![
                    outcome.name.clone(),
                    kind.into(),
                    gross.map(format_money).unwrap_or_default(),
                    date_text.unwrap_or_default(),
                    bonus_status(outcome.status, outcome.amount, outcome.waived),
                ],
                keys: vec![
                    SortKey::text(&outcome.name),
                    SortKey::text(kind),
                    money_key(gross),
                    date.map(SortKey::Date).unwrap_or(SortKey::Empty),
                    SortKey::text(outcome.status.key()),
                ],
                search: format!("{} {kind} {}", outcome.name, outcome.status.label())
                    .to_lowercase(),
                group: None,
                mark: match outcome.status {
                    BonusStatus::Kept => None,
                    BonusStatus::Missed => Some("✗"),
                    BonusStatus::Clawback => Some("!"),
                },
            }
        })
        .collect();
    (rows, notes)
}
