//! The Vesting tab: what vests when, what it is worth, and what a given last
//! day keeps or forfeits. Five views, switched with ←/→: upcoming vests (a
//! chart of the next 8 quarters and the list of vests), grants (with each
//! grant's schedule), prices, the last-day what-if, and bonuses.
//!
//! Every figure comes from `domain::vesting`; `x` shows the inputs and formula.

mod bonuses;
mod empty;
mod forms;
mod grants;
mod last_day;
mod prices;
mod render;
mod rows;
mod shared;
mod upcoming;

pub use forms::Purpose;

use crate::domain::Id;
use crate::domain::edit::{Edit, Kind, Section};
use crate::domain::vesting::{self, Step};
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Refused, Screen, Target, View, panels};
use crate::tui::widgets::table::Table;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use shared::Shared;

type Form = crate::tui::widgets::form::Form<Purpose>;

panels! {
    Shared, Purpose;
    Upcoming(upcoming: upcoming::Upcoming) = "Upcoming",
    Grants(grants: grants::Grants) = "Grants",
    Prices(prices: prices::Prices) = "Prices",
    LastDay(last_day: last_day::LastDayView) = "Last day",
    Bonuses(bonuses: bonuses::Bonuses) = "Bonuses",
}

#[derive(Default)]
pub struct VestingScreen {
    shared: Shared,
    panels: Panels,
    panel: Panel,
    /// The what-if last day, when one is set here (not saved).
    what_if: Option<NaiveDate>,
}

impl VestingScreen {
    /// The what-if last day in use.
    fn last_day(&self) -> NaiveDate {
        self.shared.last_day.day
    }

    /// Moves the what-if day, refusing a day before every grant date.
    fn set_day(&mut self, day: Option<NaiveDate>, cx: &mut Cx<Purpose>) {
        if let Some(day) = day
            && let Err(invalid) = vesting::check_last_day(&cx.wb.vesting, day)
        {
            cx.status(invalid.message);
            return;
        }
        self.move_day(cx.wb, day);
    }

    /// Moves the what-if day (`None`: back to the default), checked already.
    fn move_day(&mut self, wb: &Workbook, day: Option<NaiveDate>) {
        self.what_if = day;
        self.shared.set_day(wb, day);
        self.panels.bonuses.rebuild(&self.shared, wb);
    }

    /// The last-day what-if at `day`: the default day when it is the last
    /// day on payroll (so it follows that day if it changes), else a what-if.
    fn show_last_day(&mut self, wb: &Workbook, day: NaiveDate) {
        if wb.runway.separation == Some(day) {
            self.move_day(wb, None);
        } else if vesting::check_last_day(&wb.vesting, day).is_ok() {
            self.move_day(wb, Some(day));
        }
        self.panel = Panel::LastDay;
    }

    fn step_day(&mut self, step: Step, forward: bool, cx: &mut Cx<Purpose>) {
        let day = vesting::step_date(self.last_day(), step, forward);
        self.set_day(Some(day), cx);
    }

    /// The ticker a new price is most likely for: the selected row's, else
    /// one without a price, else the first grant's.
    fn likely_ticker(&self, wb: &Workbook) -> String {
        let book = &wb.vesting;
        let selected = match self.panels.get(self.panel).selected() {
            Some((Kind::Grant, id)) => book.grants.iter().find(|g| g.id == id).map(|g| &g.ticker),
            Some((Kind::Price, id)) => book.prices.iter().find(|p| p.id == id).map(|p| &p.ticker),
            _ => None,
        };
        selected
            .cloned()
            .or_else(|| self.shared.unpriced.first().cloned())
            .or_else(|| book.grants.first().map(|g| g.ticker.clone()))
            .unwrap_or_default()
    }

    /// The tab's own keys, and the last-day keys (which move the what-if
    /// day that the Last day and Bonuses views share); `false` for a view's.
    fn tab_action(&mut self, action: Action, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::NextView | Action::PrevView => {
                let delta = if action == Action::NextView { 1 } else { -1 };
                self.panel = self.panel.step(delta);
                self.panels.grants.close_schedule();
            }
            Action::SetPrice => {
                let form = forms::price(cx.wb, None, &self.likely_ticker(cx.wb), cx.today);
                cx.form(form);
            }
            Action::SetWithholding => cx.form(forms::withholding(cx.wb, cx.today)),
            Action::ToggleEliminated => {
                let now = !cx.wb.vesting.role_eliminated;
                let done = if now {
                    "role marked as eliminated"
                } else {
                    "role no longer marked as eliminated"
                };
                cx.edit(Edit::set_from(cx.wb, Section::RoleEliminated(now)), done);
            }
            // Enter on a vest shows its grant.
            Action::Edit if self.panel == Panel::Upcoming => {
                if let Some((kind, id)) = self.panels.get(Panel::Upcoming).selected() {
                    self.panel = Panel::Grants;
                    self.panels.get_mut(Panel::Grants).select(kind, id);
                }
            }
            Action::DayEarlier => self.step_day(Step::Day, false, cx),
            Action::DayLater => self.step_day(Step::Day, true, cx),
            Action::WeekEarlier => self.step_day(Step::Week, false, cx),
            Action::WeekLater => self.step_day(Step::Week, true, cx),
            Action::MonthEarlier => self.step_day(Step::Month, false, cx),
            Action::MonthLater => self.step_day(Step::Month, true, cx),
            Action::NextVestDay => match self.shared.last_day.report.next_vest.as_ref() {
                Some(next) => {
                    let day = next.date;
                    self.set_day(Some(day), cx);
                }
                None => cx.status(format!("nothing vests after {}", self.last_day())),
            },
            Action::ResetDay => self.set_day(None, cx),
            Action::SaveSeparation => {
                let day = self.last_day();
                if self.shared.last_day.error.is_none() {
                    cx.confirm(
                        "Save the separation date",
                        format!(
                            "Set the Runway tab's separation date to {day}? The runway projection and this tab's default last day follow it."
                        ),
                        Edit::set_from(cx.wb, Section::Separation(Some(day))),
                        format!("separation date set to {day}"),
                    );
                }
            }
            _ => return false,
        }
        true
    }
}

impl Screen for VestingScreen {
    type Purpose = Purpose;

    fn scopes(&self) -> Vec<Scope> {
        let mut scopes = self.panels.get(self.panel).scopes();
        scopes.push(Scope::Vesting);
        scopes
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        self.panels.get_mut(self.panel).table_mut()
    }

    fn table(&self) -> Option<&Table> {
        self.panels.get(self.panel).table()
    }

    fn refresh(&mut self, wb: &Workbook, today: NaiveDate, keys: &Keymap) {
        self.shared = Shared::of(wb, today, self.what_if);
        self.panels.refresh(&self.shared, wb, today, keys);
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<Purpose>) -> bool {
        self.tab_action(action, cx)
            || self
                .panels
                .get_mut(self.panel)
                .on_action(action, &self.shared, cx)
    }

    fn applies(&self, action: Action) -> bool {
        match action {
            Action::SaveSeparation => self.shared.last_day.error.is_none(),
            action => self.panels.get(self.panel).applies(action, &self.shared),
        }
    }

    fn on_submit(&mut self, form: &Form, cx: &mut Cx<Purpose>) -> Result<(), Refused> {
        match form.purpose() {
            Purpose::LastDay => {
                let day = forms::read_last_day(form)?;
                vesting::check_last_day(&cx.wb.vesting, day)?;
                self.set_day(Some(day), cx);
                self.panel = Panel::LastDay;
                Ok(())
            }
            Purpose::BonusKind => {
                cx.form(forms::after_bonus_kind(form, cx.today)?);
                Ok(())
            }
            _ => forms::submit(form, cx),
        }
    }

    /// Selects the record in the views that show it (the view stays).
    fn select(&mut self, kind: Kind, id: Id) {
        self.panels.select(kind, id);
    }

    /// From another tab: the last-day what-if at a day, or a record, in the
    /// view shown if it has it, else in the first view that does.
    fn show(&mut self, target: Target, wb: &Workbook) {
        match target {
            Target::LastDay(day) => self.show_last_day(wb, day),
            Target::Record(kind, id) => {
                let found = self.panels.select(kind, id);
                if !found.contains(&self.panel)
                    && let Some(&panel) = found.first()
                {
                    self.panel = panel;
                }
            }
            Target::Deadline(_) | Target::OfferStart(..) => {}
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(frame, area, view);
    }
}
