//! The Impact tab: wins newest first under ISO-week headings, the weekly
//! cadence, how measurable the log is, and a brag-document export.

mod forms;
mod render;
mod shared;
mod wins;

pub use forms::Purpose;

use crate::domain::Id;
use crate::domain::edit::Kind;
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Refused, Screen, View, panels};
use crate::tui::widgets::table::Table;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use shared::Shared;

type Form = crate::tui::widgets::form::Form<Purpose>;

panels! {
    Shared, Purpose;
    Wins(wins: wins::Wins) = "Wins",
}

#[derive(Default)]
pub struct ImpactScreen {
    shared: Shared,
    panels: Panels,
    panel: Panel,
}

impl Screen for ImpactScreen {
    type Purpose = Purpose;

    fn scopes(&self) -> Vec<Scope> {
        self.panels.get(self.panel).scopes()
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
        self.panels
            .get_mut(self.panel)
            .on_action(action, &self.shared, cx)
    }

    fn applies(&self, action: Action) -> bool {
        self.panels.get(self.panel).applies(action, &self.shared)
    }

    fn on_submit(&mut self, form: &Form, cx: &mut Cx<Purpose>) -> Result<(), Refused> {
        forms::submit(form, cx)
    }

    fn select(&mut self, kind: Kind, id: Id) {
        if let Some(&panel) = self.panels.select(kind, id).first() {
            self.panel = panel;
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(frame, area, view);
    }
}
