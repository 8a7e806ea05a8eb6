//! The alerts panel: what is overdue, due or close, from every tab, each
//! leading to the tab (and record) that deals with it.

use super::forms::Purpose;
use super::panel::{Drawn, Listing, NowPane, draw_listing, short_date};
use super::shared::Shared;
use crate::domain::checklist::{self, Alert};
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, Tab, Target, View};
use crate::tui::widgets::cursor::Cursor;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

#[derive(Default)]
pub struct Alerts {
    cursor: Cursor,
}

impl Alerts {
    pub fn selected<'a>(&self, shared: &'a Shared) -> Option<&'a Alert> {
        shared.report.alerts.get(self.cursor.at())
    }
}

impl Pane<Shared, Purpose> for Alerts {
    fn scopes(&self) -> Vec<Scope> {
        Vec::new()
    }

    fn refresh(&mut self, shared: &Shared, _wb: &Workbook, _today: NaiveDate, _keys: &Keymap) {
        self.cursor.set_len(shared.report.alerts.len());
    }

    /// Enter goes to the tab that deals with the alert; a deadline's alert
    /// is the tab's own (see `mod.rs`).
    fn on_action(&mut self, action: Action, shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::Up | Action::Down => {
                self.cursor.on_action(action, 1);
            }
            Action::Open => {
                if let Some(alert) = self.selected(shared) {
                    cx.go(
                        Tab::from(alert.tab),
                        alert.record.map(|(kind, id)| Target::Record(kind, id)),
                    );
                }
            }
            Action::Explain => {
                if let Some(alert) = self.selected(shared) {
                    let enter = cx.keys.key_for(Scope::Now, Action::Open);
                    let text = format!(
                        "{}\n\n{} · {enter} goes to the {} tab.",
                        alert.text,
                        alert.date,
                        alert.tab.label()
                    );
                    cx.tell("Alert", text);
                }
            }
            _ => return false,
        }
        true
    }

    fn applies(&self, action: Action, shared: &Shared) -> bool {
        match action {
            Action::Open | Action::Explain => self.selected(shared).is_some(),
            _ => true,
        }
    }

    fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(shared, frame, area, view, Drawn::ALONE);
    }
}

impl NowPane for Alerts {
    fn label(&self, shared: &Shared) -> String {
        format!("Alerts {}", shared.report.alerts.len())
    }

    fn draw(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View, how: Drawn) {
        let alerts = &shared.report.alerts;
        let intro = if alerts.is_empty() {
            vec![Line::styled(
                "No alerts: nothing overdue, due or close.",
                view.theme.dim(),
            )]
        } else {
            Vec::new()
        };
        let listing = Listing {
            intro,
            rows: alerts
                .iter()
                .map(|a| format!("{}  {}", short_date(a.date), a.text))
                .collect(),
            notes: Vec::new(),
        };
        draw_listing(
            listing,
            self.label(shared),
            &self.cursor,
            frame,
            area,
            view,
            how,
        );
    }
}

/// Whether an alert is about a deadline, shown on this tab's own deadlines panel.
pub fn is_deadline(alert: &Alert) -> bool {
    alert.tab == checklist::Tab::Now
}
