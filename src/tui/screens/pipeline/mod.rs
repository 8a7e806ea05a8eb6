//! The Pipeline tab: applications on a board and in a list, the contacts
//! behind them, the funnel, and the offers against staying. Five views (`v`
//! cycles); everything shown is rebuilt in `refresh` from the workbook, never
//! while drawing.

mod apps;
mod board;
mod cards;
mod contacts;
mod forms;
mod funnel;
mod list;
mod offers;
mod render;
mod shared;

pub use forms::Purpose;

use crate::domain::Id;
use crate::domain::edit::Kind;
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
    Board(board: board::Board) = "Board",
    List(list: list::List) = "List",
    Contacts(contacts: contacts::Contacts) = "Contacts",
    Funnel(funnel: funnel::FunnelView) = "Funnel",
    Offers(offers: offers::Offers) = "Offers",
}

#[derive(Default)]
pub struct PipelineScreen {
    shared: Shared,
    panels: Panels,
    panel: Panel,
}

impl PipelineScreen {
    /// Shows another view; the application selected stays selected across
    /// the board and the list.
    fn switch(&mut self, to: Panel) {
        if let Some((kind, id)) = self.panels.get(self.panel).selected() {
            self.panels.get_mut(to).select(kind, id);
        }
        self.panel = to;
    }
}

impl Screen for PipelineScreen {
    type Purpose = Purpose;

    fn scopes(&self) -> Vec<Scope> {
        let mut scopes = self.panels.get(self.panel).scopes();
        scopes.push(Scope::Pipeline);
        scopes
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        self.panels.get_mut(self.panel).table_mut()
    }

    fn table(&self) -> Option<&Table> {
        self.panels.get(self.panel).table()
    }

    fn refresh(&mut self, wb: &Workbook, today: NaiveDate, keys: &Keymap) {
        self.shared = Shared::of(wb, today);
        self.panels.refresh(&self.shared, wb, today, keys);
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::NextView => self.switch(self.panel.step(1)),
            Action::PrevView => self.switch(self.panel.step(-1)),
            Action::GhostSetting => {
                let days = cx.wb.pipeline.ghost_after_days;
                cx.form(forms::ghost_setting(cx.today, days));
            }
            _ => {
                return self
                    .panels
                    .get_mut(self.panel)
                    .on_action(action, &self.shared, cx);
            }
        }
        true
    }

    fn applies(&self, action: Action) -> bool {
        self.panels.get(self.panel).applies(action, &self.shared)
    }

    fn on_submit(&mut self, form: &Form, cx: &mut Cx<Purpose>) -> Result<(), Refused> {
        forms::submit(form, cx)
    }

    fn select(&mut self, kind: Kind, id: Id) {
        // A jump from elsewhere (an alert) shows the record itself.
        let found = self.panels.select(kind, id);
        if !found.contains(&self.panel)
            && let Some(&panel) = found.first()
        {
            self.panel = panel;
        }
    }

    /// An offer's what-if at a start (Enter on "Ask … to start on …"), or a record.
    fn show(&mut self, target: Target, wb: &Workbook) {
        match target {
            Target::OfferStart(id, start) => {
                self.panel = Panel::Offers;
                self.panels.offers.show_start(id, start, wb);
            }
            Target::Record(kind, id) => self.select(kind, id),
            Target::LastDay(_) | Target::Deadline(_) => {}
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(frame, area, view);
    }
}
