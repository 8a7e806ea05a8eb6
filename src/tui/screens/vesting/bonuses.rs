//! The bonuses view: every sign-on, annual and retention bonus with what the
//! last day of the what-if does to it (kept, missed, or owed back).

use super::forms::{self, Purpose};
use super::rows;
use super::shared::{DaySource, Shared};
use crate::domain::Id;
use crate::domain::edit::{Edit, Kind};
use crate::domain::workbook::Workbook;
use crate::text::fit;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::widgets::table::Table;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use std::collections::HashMap;

pub struct Bonuses {
    table: Table,
    /// The explanation line of each bonus under the what-if day, by id.
    notes: HashMap<Id, String>,
}

impl Default for Bonuses {
    fn default() -> Self {
        Self {
            table: Table::new(rows::BONUS_COLUMNS),
            notes: HashMap::new(),
        }
    }
}

fn no_bonuses(keys: &Keymap) -> String {
    format!(
        "No bonuses yet: press {} to add a sign-on, annual or retention bonus.",
        keys.key_for(Scope::VestingBonuses, Action::Add)
    )
}

impl Bonuses {
    /// Rebuilds the rows for the what-if day in `shared` (after it moved).
    pub fn rebuild(&mut self, shared: &Shared, wb: &Workbook) {
        let (rows, notes) = rows::bonuses(&wb.vesting, &shared.last_day.report);
        self.table.set_rows(rows);
        self.notes = notes;
    }

    fn draw(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let keys = view.keys;
        let [table, detail] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(6)]).areas(area);
        self.table
            .render(frame, table, view.wb, theme, keys, &no_bonuses(keys));
        let mut lines = vec![Line::styled(
            fit(
                &format!(
                    "At the last day {} ({}) · role eliminated: {}",
                    shared.last_day.day,
                    match shared.last_day.source {
                        DaySource::Separation => "Runway separation date",
                        DaySource::Today => "today",
                        DaySource::WhatIf => "what-if",
                    },
                    if shared.role_eliminated { "yes" } else { "no" }
                ),
                detail.width as usize,
            ),
            theme.dim(),
        )];
        if let Some(note) = self.table.selected_id().and_then(|id| self.notes.get(&id)) {
            lines.push(Line::raw(note.clone()));
        }
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }),
            Rect {
                y: detail.y + 1,
                height: detail.height.saturating_sub(1),
                ..detail
            },
        );
    }
}

impl Pane<Shared, Purpose> for Bonuses {
    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::VestingBonuses, Scope::List]
    }

    fn table(&self) -> Option<&Table> {
        Some(&self.table)
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        Some(&mut self.table)
    }

    fn refresh(&mut self, shared: &Shared, wb: &Workbook, _today: NaiveDate, _keys: &Keymap) {
        self.rebuild(shared, wb);
    }

    fn on_action(&mut self, action: Action, _shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        let wb = cx.wb;
        let book = &wb.vesting;
        let selected = self.table.selected_id();
        match action {
            Action::Add => cx.form(forms::bonus_kind(cx.today)),
            Action::Edit => {
                let form = selected.and_then(|id| {
                    book.sign_on_bonuses
                        .iter()
                        .find(|b| b.id == id)
                        .map(|b| forms::sign_on(Some(b), cx.today))
                        .or_else(|| {
                            book.dated_bonuses
                                .iter()
                                .find(|b| b.id == id)
                                .map(|b| forms::dated(Some(b), b.kind, cx.today))
                        })
                });
                if let Some(form) = form {
                    cx.form(form);
                }
            }
            Action::Delete => {
                let Some(id) = selected else { return true };
                let (kind, name) = match (
                    book.sign_on_bonuses.iter().find(|b| b.id == id),
                    book.dated_bonuses.iter().find(|b| b.id == id),
                ) {
                    (Some(b), _) => (Kind::SignOn, b.name.clone()),
                    (None, Some(b)) => (Kind::Bonus, b.name.clone()),
                    (None, None) => return true,
                };
                cx.confirm(
                    format!("Delete {}", kind.noun()),
                    format!("Delete the bonus \"{name}\"?"),
                    Edit::Remove(kind, id),
                    format!("{} deleted", kind.noun()),
                );
            }
            Action::Explain => match selected.and_then(|id| self.notes.get(&id)) {
                Some(note) => cx.tell("How this bonus works out", note.clone()),
                None => cx.tell("Bonuses", no_bonuses(cx.keys)),
            },
            _ => return false,
        }
        true
    }

    fn applies(&self, action: Action, _shared: &Shared) -> bool {
        self.table.applies(action)
    }

    fn selected(&self) -> Option<(Kind, Id)> {
        let id = self.table.selected_id()?;
        Some((Kind::Bonus, id))
    }

    fn select(&mut self, kind: Kind, id: Id) -> bool {
        matches!(kind, Kind::SignOn | Kind::Bonus) && self.table.select_record(id)
    }

    fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(shared, frame, area, view);
    }
}
