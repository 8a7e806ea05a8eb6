//! The Pipeline tab: applications on a board and in a list, the contacts
//! behind them, the funnel, and the offers against staying. Five views (`v`
//! cycles). `refresh` builds the view shown from the workbook, and a view
//! not built since the workbook changed is built when it is next shown, or
//! asked to select a record; never while drawing.

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
mod texts;

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
    /// The views built since the workbook last changed; the others keep
    /// what they last showed (their selection, filter and sort) until built.
    built: Vec<Panel>,
    /// The kind of record the form being submitted adds: the refresh that
    /// follows builds every view that shows such records, so the new one is
    /// selected wherever it shows.
    adding: Option<Kind>,
    /// The keys the views were last built with.
    keys: Keymap,
}

impl PipelineScreen {
    /// Builds `panel` from `wb` unless it is built already.
    fn build(&mut self, panel: Panel, wb: &Workbook) {
        if !self.built.contains(&panel) {
            let (shared, keys) = (&self.shared, &self.keys);
            self.panels
                .get_mut(panel)
                .refresh(shared, wb, shared.today, keys);
            self.built.push(panel);
        }
    }

    /// Builds every view that shows records of `kind`.
    fn build_showing(&mut self, kind: Kind, wb: &Workbook) {
        for &panel in Panel::ALL {
            if shows(panel, kind) {
                self.build(panel, wb);
            }
        }
    }

    /// Shows another view; the application selected stays selected across
    /// the board and the list.
    fn switch(&mut self, to: Panel, wb: &Workbook) {
        self.build(to, wb);
        if let Some((kind, id)) = self.panels.get(self.panel).selected() {
            self.panels.get_mut(to).select(kind, id);
        }
        self.panel = to;
    }
}

/// Whether `panel` can select a record of `kind` (the offers view selects
/// the offer answering an application).
fn shows(panel: Panel, kind: Kind) -> bool {
    match panel {
        Panel::Board | Panel::List => kind == Kind::Application,
        Panel::Contacts => kind == Kind::Contact,
        Panel::Funnel => false,
        Panel::Offers => matches!(kind, Kind::Offer | Kind::Application),
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
        if self.keys != *keys {
            self.keys = keys.clone();
        }
        self.built.clear();
        self.build(self.panel, wb);
        if let Some(kind) = self.adding.take() {
            self.build_showing(kind, wb);
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::NextView => self.switch(self.panel.step(1), cx.wb),
            Action::PrevView => self.switch(self.panel.step(-1), cx.wb),
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
        self.adding = form.purpose().adds();
        let submitted = forms::submit(form, cx);
        if submitted.is_err() {
            self.adding = None;
        }
        submitted
    }

    /// Selects the record in every view built that shows it; when the view
    /// shown does not, the first that does is shown. (After an add, every
    /// view that can show the new record was built by the refresh.)
    fn select(&mut self, kind: Kind, id: Id) {
        let mut found = Vec::new();
        for &panel in &self.built {
            if self.panels.get_mut(panel).select(kind, id) {
                found.push(panel);
            }
        }
        if !found.contains(&self.panel)
            && let Some(&panel) = Panel::ALL.iter().find(|p| found.contains(p))
        {
            self.panel = panel;
        }
    }

    /// An offer's what-if at a start (Enter on "Ask … to start on …"), or a
    /// record (a jump from elsewhere, an alert, shows the record itself).
    fn show(&mut self, target: Target, wb: &Workbook) {
        match target {
            Target::OfferStart(id, start) => {
                self.build(Panel::Offers, wb);
                self.panel = Panel::Offers;
                self.panels.offers.show_start(id, start, wb);
            }
            Target::Record(kind, id) => {
                self.build_showing(kind, wb);
                self.select(kind, id);
            }
            Target::LastDay(_) | Target::Deadline(_) => {}
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(frame, area, view);
    }
}
