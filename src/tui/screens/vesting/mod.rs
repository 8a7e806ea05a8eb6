//! The Vesting tab: what vests when, what it is worth, and what a given last
//! day keeps or forfeits. Five views, switched with ←/→: upcoming vests (a
//! chart of the next 8 quarters and the list of vests), grants (with each
//! grant's schedule), prices, the last-day what-if, and bonuses.
//!
//! Every figure comes from `domain::vesting`; `x` shows the inputs and formula.

mod forms;
mod render;
mod rows;

use super::{Cx, Form, Refused, Screen, View};
use crate::domain::edit::{Edit, Kind, Section};
use crate::domain::vesting::{
    self, EventsTotal, LastDayReport, QuarterBucket, Step, VestEvent, VestingBook, explain,
};
use crate::domain::workbook::Workbook;
use crate::domain::{Id, Invalid};
use crate::tui::app::Popup;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::popup::Tone;
use crate::tui::widgets::table::Table;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use rust_decimal::Decimal;
use std::collections::HashMap;

pub use forms::Purpose;

/// How many calendar quarters the timeline shows.
const QUARTERS: usize = 8;

/// The views of the tab, in the order ←/→ visit them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sub {
    Upcoming,
    Grants,
    Prices,
    LastDay,
    Bonuses,
}

impl Sub {
    const ALL: [Sub; 5] = [
        Sub::Upcoming,
        Sub::Grants,
        Sub::Prices,
        Sub::LastDay,
        Sub::Bonuses,
    ];

    fn title(self) -> &'static str {
        match self {
            Sub::Upcoming => "Upcoming",
            Sub::Grants => "Grants",
            Sub::Prices => "Prices",
            Sub::LastDay => "Last day",
            Sub::Bonuses => "Bonuses",
        }
    }

    fn step(self, forward: bool) -> Sub {
        let i = Sub::ALL.iter().position(|s| *s == self).unwrap_or(0);
        let n = Sub::ALL.len();
        Sub::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// Where the what-if last day came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DaySource {
    /// The Runway tab's separation date.
    Separation,
    /// Today, because no separation date is set.
    Today,
    /// Set here (not saved).
    WhatIf,
}

/// One grant's schedule as the Grants view shows it.
#[derive(Clone, Debug, Default)]
struct ScheduleView {
    /// "180 AMZN · Amazon 5/15/40/40 from 2024-09-16 · 36 vested, 144 unvested".
    summary: String,
    rows: Vec<crate::tui::widgets::table::Row>,
    /// The row id of the first vest still to come.
    first_unvested: Option<Id>,
}

pub struct VestingScreen {
    sub: Sub,
    today: NaiveDate,
    // Upcoming
    upcoming: Vec<VestEvent>,
    quarters: Vec<QuarterBucket>,
    upcoming_total: EventsTotal,
    upcoming_table: Table,
    // Grants
    grants_table: Table,
    schedules: HashMap<Id, ScheduleView>,
    schedule_table: Table,
    schedule_open: bool,
    /// The grant whose schedule the schedule table holds.
    schedule_for: Option<Id>,
    // Prices
    prices_table: Table,
    /// Tickers of grants with no price known today.
    unpriced: Vec<String>,
    /// "AMZN $212.40 (24 Nov 2026)" for each priced ticker.
    price_notes: Vec<String>,
    // Last day
    what_if: Option<NaiveDate>,
    default_day: NaiveDate,
    default_source: DaySource,
    report: LastDayReport,
    /// Why the day cannot be worked out (before every grant date), if so.
    report_error: Option<Invalid>,
    /// Vests near the last day, each marked kept or forfeited (wide layout).
    around: Vec<VestEvent>,
    /// The inputs and formulas of the last-day panel (`x`, and tall layouts).
    last_day_explained: Vec<String>,
    // Bonuses
    bonuses_table: Table,
    /// The explanation line of each bonus under the what-if day, by id.
    bonus_notes: HashMap<Id, String>,
    /// A few words on each bonus's status ("7 of 12 months served"), by id.
    bonus_reasons: HashMap<Id, String>,
    // Common
    withholding: (Decimal, explain::WithholdingSource),
    role_eliminated: bool,
    has_grants: bool,
}

impl Default for VestingScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl VestingScreen {
    pub fn new() -> Self {
        let today = NaiveDate::MIN;
        Self {
            sub: Sub::Upcoming,
            today,
            upcoming: Vec::new(),
            quarters: Vec::new(),
            upcoming_total: vesting::total(&[]),
            upcoming_table: Table::new(rows::UPCOMING_COLUMNS),
            grants_table: Table::new(rows::GRANT_COLUMNS),
            schedules: HashMap::new(),
            schedule_table: Table::new(rows::SCHEDULE_COLUMNS),
            schedule_open: false,
            schedule_for: None,
            prices_table: Table::new(rows::PRICE_COLUMNS),
            unpriced: Vec::new(),
            price_notes: Vec::new(),
            what_if: None,
            default_day: today,
            default_source: DaySource::Today,
            report: vesting::report(&VestingBook::default(), today, today, Decimal::ZERO),
            report_error: None,
            around: Vec::new(),
            last_day_explained: Vec::new(),
            bonuses_table: Table::new(rows::BONUS_COLUMNS),
            bonus_notes: HashMap::new(),
            bonus_reasons: HashMap::new(),
            withholding: (Decimal::ZERO, explain::WithholdingSource::Runway),
            role_eliminated: false,
            has_grants: false,
        }
    }

    /// The view shown (for tests).
    pub fn sub(&self) -> Sub {
        self.sub
    }

    /// The what-if last day in use.
    pub fn last_day(&self) -> NaiveDate {
        self.what_if.unwrap_or(self.default_day)
    }

    fn day_source(&self) -> DaySource {
        match self.what_if {
            Some(day) if day != self.default_day => DaySource::WhatIf,
            _ => self.default_source,
        }
    }

    /// Rebuilds what depends on the last day: the report, bonus statuses, the
    /// vests around it.
    fn refresh_last_day(&mut self, wb: &Workbook) {
        let book = &wb.vesting;
        let rate = wb.runway.withholding;
        let day = self.last_day();
        self.report_error = vesting::check_last_day(book, day).err();
        self.report = vesting::report(book, day, self.today, rate);
        self.last_day_explained = match &self.report_error {
            Some(invalid) => vec![invalid.message.clone()],
            None => explain::last_day(book, &self.report, self.today, rate),
        };
        let from = (0..6).fold(day, |d, _| vesting::step_date(d, Step::Month, false));
        let mut around = vesting::events(book, from, NaiveDate::MAX, self.today, rate);
        around.truncate(24);
        self.around = around;
        let (rows, notes) = rows::bonuses(book, &self.report);
        self.bonuses_table.set_rows(rows);
        self.bonus_notes = notes;
        self.bonus_reasons = self
            .report
            .bonuses
            .iter()
            .map(|b| (b.id, explain::bonus_reason(book, b)))
            .collect();
    }

    /// Moves the what-if day, refusing a day before every grant date.
    fn set_day(&mut self, day: NaiveDate, cx: &mut Cx) {
        if let Err(invalid) = vesting::check_last_day(&cx.wb.vesting, day) {
            cx.status(invalid.message);
            return;
        }
        self.what_if = Some(day);
        self.refresh_last_day(cx.wb);
    }

    fn step_day(&mut self, step: Step, forward: bool, cx: &mut Cx) {
        let day = vesting::step_date(self.last_day(), step, forward);
        self.set_day(day, cx);
    }

    fn current_table(&self) -> Option<&Table> {
        match self.sub {
            Sub::Upcoming => Some(&self.upcoming_table),
            Sub::Grants if self.schedule_open => Some(&self.schedule_table),
            Sub::Grants => Some(&self.grants_table),
            Sub::Prices => Some(&self.prices_table),
            Sub::LastDay => None,
            Sub::Bonuses => Some(&self.bonuses_table),
        }
    }

    fn selected_event(&self) -> Option<&VestEvent> {
        let index = self.upcoming_table.selected_id()?;
        self.upcoming.get(usize::try_from(index).ok()?)
    }

    /// The ticker a new price is most likely for: the selected row's, else the first grant's.
    fn likely_ticker(&self, wb: &Workbook) -> String {
        let from_selection = match self.sub {
            Sub::Upcoming => self.selected_event().map(|e| e.ticker.clone()),
            Sub::Grants => self
                .grants_table
                .selected_id()
                .and_then(|id| wb.vesting.grants.iter().find(|g| g.id == id))
                .map(|g| g.ticker.clone()),
            Sub::Prices => self
                .prices_table
                .selected_id()
                .and_then(|id| wb.vesting.prices.iter().find(|p| p.id == id))
                .map(|p| p.ticker.clone()),
            _ => None,
        };
        from_selection
            .or_else(|| self.unpriced.first().cloned())
            .or_else(|| wb.vesting.grants.first().map(|g| g.ticker.clone()))
            .unwrap_or_default()
    }

    fn explain(&self, cx: &mut Cx) {
        let wb = cx.wb;
        let book = &wb.vesting;
        let rate = wb.runway.withholding;
        let (title, lines): (&str, Vec<String>) = match self.sub {
            Sub::Upcoming => match self.selected_event() {
                Some(event) => (
                    "How this vest is valued",
                    explain::event(book, event, self.today, rate),
                ),
                None => ("Upcoming vests", vec![NO_GRANTS.into()]),
            },
            Sub::Grants => match self
                .grants_table
                .selected_id()
                .and_then(|id| book.grants.iter().find(|g| g.id == id))
            {
                Some(grant) => ("How this grant vests", explain::grant(grant, self.today)),
                None => ("Grants", vec![NO_GRANTS.into()]),
            },
            Sub::Prices => ("Prices", explain::prices(book, self.today)),
            Sub::LastDay => (
                "How the last day works out",
                self.last_day_explained.clone(),
            ),
            Sub::Bonuses => match self
                .bonuses_table
                .selected_id()
                .and_then(|id| self.bonus_notes.get(&id))
            {
                Some(note) => ("How this bonus works out", vec![note.clone()]),
                None => (
                    "Bonuses",
                    vec![
                        "No bonuses yet: press a to add a sign-on, annual or retention bonus."
                            .into(),
                    ],
                ),
            },
        };
        cx.open(Popup::Message {
            title: title.into(),
            text: lines.join("\n"),
            tone: Tone::Info,
            scroll: 0,
        });
    }

    fn delete(&self, cx: &mut Cx) {
        let wb = cx.wb;
        let book = &wb.vesting;
        let (kind, id, text) = match self.sub {
            Sub::Grants if !self.schedule_open => {
                let Some(grant) = self
                    .grants_table
                    .selected_id()
                    .and_then(|id| book.grants.iter().find(|g| g.id == id))
                else {
                    return;
                };
                (
                    Kind::Grant,
                    grant.id,
                    format!(
                        "Delete the grant \"{}\" ({} {})? Its vests leave the timeline, the what-if and the calendar export.",
                        grant.name,
                        crate::domain::money::format_shares(grant.shares),
                        grant.ticker
                    ),
                )
            }
            Sub::Prices => {
                let Some(price) = self
                    .prices_table
                    .selected_id()
                    .and_then(|id| book.prices.iter().find(|p| p.id == id))
                else {
                    return;
                };
                (
                    Kind::Price,
                    price.id,
                    format!(
                        "Delete the {} price {} as of {}? Without a price a ticker's values show as unknown.",
                        price.ticker,
                        crate::domain::money::format_money(price.price),
                        price.as_of
                    ),
                )
            }
            Sub::Bonuses => {
                let Some(id) = self.bonuses_table.selected_id() else {
                    return;
                };
                let (kind, name) = match (
                    book.sign_on_bonuses.iter().find(|b| b.id == id),
                    book.dated_bonuses.iter().find(|b| b.id == id),
                ) {
                    (Some(b), _) => (Kind::SignOn, b.name.clone()),
                    (None, Some(b)) => (Kind::Bonus, b.name.clone()),
                    (None, None) => return,
                };
                (kind, id, format!("Delete the bonus \"{name}\"?"))
            }
            _ => return,
        };
        cx.confirm(
            format!("Delete {}", kind.noun()),
            text,
            Edit::Remove(kind, id),
            format!("{} deleted", kind.noun()),
        );
    }

    fn add(&self, cx: &mut Cx) {
        let form = match self.sub {
            Sub::Upcoming | Sub::Grants => Some(forms::grant(cx.wb, None, cx.today)),
            Sub::Prices => Some(forms::price(
                cx.wb,
                None,
                &self.likely_ticker(cx.wb),
                cx.today,
            )),
            Sub::Bonuses => Some(forms::bonus_kind(cx.today)),
            Sub::LastDay => None,
        };
        if let Some(form) = form {
            cx.form(form);
        }
    }

    fn edit(&mut self, cx: &mut Cx) {
        let wb = cx.wb;
        let form = match self.sub {
            Sub::Upcoming => {
                // Enter on a vest shows its grant.
                if let Some(id) = self.selected_event().map(|e| e.grant_id) {
                    self.sub = Sub::Grants;
                    self.grants_table.select_id(id);
                }
                None
            }
            Sub::Grants => self
                .grants_table
                .selected_id()
                .and_then(|id| wb.vesting.grants.iter().find(|g| g.id == id))
                .map(|g| forms::grant(wb, Some(g), cx.today)),
            Sub::Prices => self
                .prices_table
                .selected_id()
                .and_then(|id| wb.vesting.prices.iter().find(|p| p.id == id))
                .map(|p| forms::price(wb, Some(p), &p.ticker, cx.today)),
            Sub::LastDay => Some(forms::last_day(self.last_day(), cx.today)),
            Sub::Bonuses => self.bonuses_table.selected_id().and_then(|id| {
                wb.vesting
                    .sign_on_bonuses
                    .iter()
                    .find(|b| b.id == id)
                    .map(|b| forms::sign_on(Some(b), cx.today))
                    .or_else(|| {
                        wb.vesting
                            .dated_bonuses
                            .iter()
                            .find(|b| b.id == id)
                            .map(|b| forms::dated(Some(b), b.kind, cx.today))
                    })
            }),
        };
        if let Some(form) = form {
            cx.form(form);
        }
    }
}

const NO_GRANTS: &str = "No grants yet: press a to add one (its name, ticker, shares, dates and schedule), then p to enter its share price.";

impl Screen for VestingScreen {
    fn scopes(&self) -> Vec<Scope> {
        let own = match self.sub {
            Sub::Upcoming => Scope::VestingUpcoming,
            Sub::Grants if self.schedule_open => Scope::VestingSchedule,
            Sub::Grants => Scope::VestingGrants,
            Sub::Prices => Scope::VestingPrices,
            Sub::LastDay => Scope::VestingLastDay,
            Sub::Bonuses => Scope::VestingBonuses,
        };
        if self.sub == Sub::LastDay {
            vec![own, Scope::Vesting]
        } else {
            vec![own, Scope::List, Scope::Vesting]
        }
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        match self.sub {
            Sub::Upcoming => Some(&mut self.upcoming_table),
            Sub::Grants if self.schedule_open => Some(&mut self.schedule_table),
            Sub::Grants => Some(&mut self.grants_table),
            Sub::Prices => Some(&mut self.prices_table),
            Sub::LastDay => None,
            Sub::Bonuses => Some(&mut self.bonuses_table),
        }
    }

    fn table(&self) -> Option<&Table> {
        self.current_table()
    }

    fn refresh(&mut self, wb: &Workbook, today: NaiveDate) {
        self.today = today;
        let book = &wb.vesting;
        let rate = wb.runway.withholding;
        self.withholding = explain::withholding(book, rate);
        self.role_eliminated = book.role_eliminated;
        self.has_grants = !book.grants.is_empty();
        // Upcoming
        self.upcoming = vesting::events(book, today, NaiveDate::MAX, today, rate);
        self.upcoming_total = vesting::total(&self.upcoming);
        self.quarters = vesting::by_quarter(&self.upcoming, today, QUARTERS);
        self.upcoming_table
            .set_rows(rows::upcoming(&self.upcoming, today));
        // Grants and their schedules
        self.grants_table.set_rows(rows::grants(book, today));
        self.schedules = book
            .grants
            .iter()
            .map(|g| (g.id, rows::schedule(book, g, today)))
            .collect();
        self.sync_schedule();
        // Prices
        self.prices_table.set_rows(rows::prices(book, today));
        (self.unpriced, self.price_notes) = rows::price_notes(book, today);
        // Last day
        let (default_day, source) = match wb.runway.separation {
            Some(day) => (day, DaySource::Separation),
            None => (today, DaySource::Today),
        };
        self.default_day = default_day;
        self.default_source = source;
        self.refresh_last_day(wb);
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> bool {
        match action {
            Action::NextView | Action::PrevView => {
                self.sub = self.sub.step(action == Action::NextView);
                self.schedule_open = false;
            }
            Action::Explain => self.explain(cx),
            Action::SetPrice => {
                let form = forms::price(cx.wb, None, &self.likely_ticker(cx.wb), cx.today);
                cx.form(form);
            }
            Action::SetWithholding => {
                cx.form(forms::withholding(cx.wb, cx.today));
            }
            Action::Add => self.add(cx),
            Action::Edit if !(self.sub == Sub::Grants && self.schedule_open) => self.edit(cx),
            Action::Delete => self.delete(cx),
            Action::ShowSchedule if self.sub == Sub::Grants => {
                if self.schedule_open {
                    self.schedule_open = false;
                } else if self.grants_table.selected_id().is_some() {
                    self.schedule_open = true;
                    self.sync_schedule();
                }
            }
            Action::DayEarlier => self.step_day(Step::Day, false, cx),
            Action::DayLater => self.step_day(Step::Day, true, cx),
            Action::WeekEarlier => self.step_day(Step::Week, false, cx),
            Action::WeekLater => self.step_day(Step::Week, true, cx),
            Action::MonthEarlier => self.step_day(Step::Month, false, cx),
            Action::MonthLater => self.step_day(Step::Month, true, cx),
            Action::NextVestDay => match self.report.next_vest.as_ref().map(|n| n.date) {
                Some(day) => self.set_day(day, cx),
                None => cx.status(format!("nothing vests after {}", self.last_day())),
            },
            Action::ResetDay => {
                self.what_if = None;
                self.refresh_last_day(cx.wb);
            }
            Action::ToggleEliminated => {
                let now = !cx.wb.vesting.role_eliminated;
                let done = if now {
                    "role marked as eliminated"
                } else {
                    "role no longer marked as eliminated"
                };
                cx.edit(Edit::set_from(cx.wb, Section::RoleEliminated(now)), done);
            }
            Action::SaveSeparation => {
                let day = self.last_day();
                if self.report_error.is_some() {
                    return true;
                }
                cx.confirm("Save the separation date", format!(
                        "Set the Runway tab's separation date to {day}? The runway projection and this tab's default last day follow it."
                    ), Edit::set_from(cx.wb, Section::Separation(Some(day))), format!("separation date set to {day}"));
            }
            _ => {
                // List keys move the selection; the schedule follows the selected grant.
                let handled = self.table_mut().is_some_and(|t| t.on_action(action));
                if handled && self.sub == Sub::Grants && !self.schedule_open {
                    self.sync_schedule();
                }
                return handled;
            }
        }
        true
    }

    fn on_submit(&mut self, form: &Form, cx: &mut Cx) -> Result<(), Refused> {
        let super::Purpose::Vesting(purpose) = form.purpose() else {
            return Ok(());
        };
        match purpose {
            Purpose::LastDay => {
                let day = forms::read_last_day(form)?;
                vesting::check_last_day(&cx.wb.vesting, day)?;
                self.what_if = Some(day);
                self.refresh_last_day(cx.wb);
                self.sub = Sub::LastDay;
                Ok(())
            }
            Purpose::BonusKind => {
                cx.form(forms::after_bonus_kind(form, cx.today)?);
                Ok(())
            }
            other => forms::submit(other, form, cx),
        }
    }

    fn select(&mut self, kind: Kind, id: Id) {
        match kind {
            Kind::Grant => {
                self.grants_table.select_id(id);
                self.sync_schedule();
            }
            Kind::Price => self.prices_table.select_id(id),
            Kind::SignOn | Kind::Bonus => self.bonuses_table.select_id(id),
            _ => {}
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        render::screen(self, frame, area, view);
    }
}

impl VestingScreen {
    /// Puts the selected grant's schedule into the schedule table.
    fn sync_schedule(&mut self) {
        let grant = self.grants_table.selected_id();
        let rows = grant
            .and_then(|id| self.schedules.get(&id))
            .map(|s| s.rows.clone())
            .unwrap_or_default();
        self.schedule_table.set_rows(rows);
        if grant != self.schedule_for {
            // Another grant: start at its first unvested vest.
            self.schedule_for = grant;
            let first_unvested = grant
                .and_then(|id| self.schedules.get(&id))
                .and_then(|s| s.first_unvested);
            self.schedule_table.on_action(Action::Top);
            if let Some(id) = first_unvested {
                self.schedule_table.select_id(id);
            }
        }
    }
}
