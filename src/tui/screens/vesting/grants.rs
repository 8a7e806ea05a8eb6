//! The grants view: every grant with what has vested and what is to come,
//! and the selected grant's whole schedule under it (`v` focuses it).

use super::empty::{empty_state, no_grants};
use super::forms::{self, Purpose};
use super::rows::{self, ScheduleView};
use super::shared::Shared;
use crate::domain::Id;
use crate::domain::dates::format_long;
use crate::domain::edit::{Edit, Kind};
use crate::domain::money::format_shares;
use crate::domain::vesting::{Grant, VestingBook, explain};
use crate::domain::workbook::Workbook;
use crate::text::fit;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::widgets::table::Table;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::rc::Rc;

pub struct Grants {
    table: Table,
    /// What the selected grant's schedule is built from when the selection
    /// moves (every grant's schedule rows at once would be many).
    book: Rc<VestingBook>,
    today: NaiveDate,
    /// The schedule of `schedule_for`.
    schedule: ScheduleView,
    schedule_table: Table,
    /// The schedule has the keys (`v`), not the grants list.
    schedule_open: bool,
    /// The grant whose schedule the schedule table holds.
    schedule_for: Option<Id>,
}

impl Default for Grants {
    fn default() -> Self {
        Self {
            table: Table::new(rows::GRANT_COLUMNS),
            book: Rc::default(),
            today: NaiveDate::MIN,
            schedule: ScheduleView::default(),
            schedule_table: Table::new(rows::SCHEDULE_COLUMNS),
            schedule_open: false,
            schedule_for: None,
        }
    }
}

impl Grants {
    /// Back to the grants list (when another view is shown).
    pub fn close_schedule(&mut self) {
        self.schedule_open = false;
    }

    fn selected_grant<'a>(&self, wb: &'a Workbook) -> Option<&'a Grant> {
        let id = self.table.selected_id()?;
        wb.vesting.grants.iter().find(|g| g.id == id)
    }

    /// Grant `id`'s schedule, built now.
    fn schedule_of(&self, id: Id) -> Option<ScheduleView> {
        let grant = self.book.grants.iter().find(|g| g.id == id)?;
        Some(rows::schedule(&self.book, grant, self.today))
    }

    /// Builds the selected grant's schedule into the schedule table when
    /// the selection moved to another grant, or always when `rebuilt`
    /// (the grants were refreshed).
    fn sync_schedule(&mut self, rebuilt: bool) {
        let grant = self.table.selected_id();
        let moved = grant != self.schedule_for;
        if !moved && !rebuilt {
            return;
        }
        self.schedule = grant
            .and_then(|id| self.schedule_of(id))
            .unwrap_or_default();
        self.schedule_table.set_rows(self.schedule.rows.clone());
        if moved {
            // Another grant: start at its first unvested vest.
            self.schedule_for = grant;
            self.schedule_table.select_first();
            if let Some(id) = self.schedule.first_unvested {
                self.schedule_table.select_id(id);
            }
        }
    }

    fn delete(&self, cx: &mut Cx<Purpose>) {
        let Some(grant) = self.selected_grant(cx.wb) else {
            return;
        };
        let kind = Kind::Grant;
        cx.confirm(
            format!("Delete {}", kind.noun()),
            format!(
                "Delete the grant \"{}\" ({} {})? Its vests leave the timeline, the what-if and the calendar export.",
                grant.name,
                format_shares(grant.shares),
                grant.ticker
            ),
            Edit::Remove(kind, grant.id),
            format!("{} deleted", kind.noun()),
        );
    }

    fn draw(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let keys = view.keys;
        if !shared.has_grants {
            empty_state(frame, area, theme, keys);
            return;
        }
        let empty = format!(
            "No grants yet: press {} to add one.",
            keys.key_for(Scope::VestingGrants, Action::Add)
        );
        // Tall enough: the selected grant's schedule always shows under the list.
        if self.schedule_open || area.height >= 30 {
            let (shown, _) = self.table.counts();
            let cap = if area.height >= 30 { 12 } else { 5 };
            let top = u16::try_from(shown)
                .unwrap_or(u16::MAX)
                .saturating_add(1)
                .clamp(2, cap)
                .min(area.height / 3);
            let notes = if self.schedule_open { 0 } else { 3 };
            let [table, notes_area, rest] = Layout::vertical([
                Constraint::Length(top),
                Constraint::Length(notes),
                Constraint::Fill(1),
            ])
            .areas(area);
            self.table
                .render(frame, table, view.wb, theme, keys, &empty);
            self.grant_notes(shared, frame, notes_area, view);
            self.schedule_pane(
                frame,
                Rect {
                    y: rest.y + 1,
                    height: rest.height.saturating_sub(1),
                    ..rest
                },
                view,
            );
        } else {
            let [table, notes] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(area);
            self.table
                .render(frame, table, view.wb, theme, keys, &empty);
            self.grant_notes(shared, frame, notes, view);
        }
    }

    fn grant_notes(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let keys = view.keys;
        let width = area.width as usize;
        let lines = vec![
            Line::styled(
                fit(
                    &format!(
                        "Vested and unvested as of {}; values at {}.",
                        format_long(shared.today),
                        shared.prices_text()
                    ),
                    width,
                ),
                theme.dim(),
            ),
            Line::styled(
                fit(
                    &format!(
                        "{}: the selected grant's whole schedule · {}: how it vests · {}: enter a price",
                        keys.key_for(Scope::VestingGrants, Action::ShowSchedule),
                        keys.key_for(Scope::Vesting, Action::Explain),
                        keys.key_for(Scope::Vesting, Action::SetPrice)
                    ),
                    width,
                ),
                theme.dim(),
            ),
        ];
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                y: area.y + 1,
                height: area.height.saturating_sub(1),
                ..area
            },
        );
    }

    /// The selected grant's schedule: a list when focused (`v`), else a preview.
    fn schedule_pane(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let keys = view.keys;
        let Some(selected) = self.table.selected_id() else {
            return;
        };
        // A filter typed into the grants list moves the selection without
        // telling this view: the preview follows it.
        let moved;
        let schedule = if self.schedule_for == Some(selected) {
            &self.schedule
        } else {
            moved = self.schedule_of(selected).unwrap_or_default();
            &moved
        };
        if area.height < 3 {
            return;
        }
        let [head, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
        let back = keys
            .bindings(Scope::VestingSchedule)
            .find(|b| b.binding.action == Action::ShowSchedule);
        let focus = if self.schedule_open {
            let back = back.map(|b| {
                b.keys
                    .iter()
                    .map(|k| keys.label(k))
                    .collect::<Vec<_>>()
                    .join(" or ")
            });
            format!("{}: back to the grants", back.unwrap_or_default())
        } else {
            format!(
                "{}: scroll this schedule",
                keys.key_for(Scope::VestingGrants, Action::ShowSchedule)
            )
        };
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(fit(&schedule.summary, head.width as usize), theme.title()),
                Line::styled(fit(&focus, head.width as usize), theme.dim()),
            ]),
            head,
        );
        if self.schedule_open {
            self.schedule_table.render(
                frame,
                body,
                view.wb,
                theme,
                keys,
                "This grant has no vests.",
            );
            return;
        }
        // Preview: the schedule from its first vest still to come (or its end).
        let start = schedule
            .first_unvested
            .map(|id| id as usize)
            .unwrap_or(schedule.rows.len())
            .saturating_sub(2);
        let mut lines = vec![Line::styled(
            fit(
                &format!(
                    "  {:<10} {:>7} {:>14}  {:<9} {:>12}",
                    "Date", "Shares", "Vested total", "Status", "Value today"
                ),
                body.width as usize,
            ),
            theme.title(),
        )];
        for row in schedule.rows.iter().skip(start) {
            let cells = &row.cells;
            let get = |i: usize| cells.get(i).map(String::as_str).unwrap_or("");
            let text = format!(
                "{} {:<10} {:>7} {:>14}  {:<9} {:>12}",
                row.mark.unwrap_or(" "),
                get(0),
                get(1),
                get(2),
                get(3),
                get(4)
            );
            lines.push(Line::raw(fit(&text, body.width as usize)));
        }
        frame.render_widget(Paragraph::new(lines), body);
    }
}

impl Pane<Shared, Purpose> for Grants {
    fn scopes(&self) -> Vec<Scope> {
        if self.schedule_open {
            vec![Scope::VestingSchedule, Scope::List]
        } else {
            vec![Scope::VestingGrants, Scope::List]
        }
    }

    fn table(&self) -> Option<&Table> {
        Some(if self.schedule_open {
            &self.schedule_table
        } else {
            &self.table
        })
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        Some(if self.schedule_open {
            &mut self.schedule_table
        } else {
            &mut self.table
        })
    }

    fn refresh(&mut self, shared: &Shared, _wb: &Workbook, today: NaiveDate, _keys: &Keymap) {
        self.book = Rc::clone(&shared.book);
        self.today = today;
        self.table.set_rows(rows::grants(&self.book, today));
        self.sync_schedule(true);
    }

    fn on_action(&mut self, action: Action, _shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::Add => cx.form(forms::grant(cx.wb, None, cx.today)),
            Action::Edit if !self.schedule_open => {
                if let Some(grant) = self.selected_grant(cx.wb) {
                    cx.form(forms::grant(cx.wb, Some(grant), cx.today));
                }
            }
            Action::Delete if !self.schedule_open => self.delete(cx),
            Action::ShowSchedule => {
                if self.schedule_open {
                    self.schedule_open = false;
                } else if self.table.selected_id().is_some() {
                    self.schedule_open = true;
                    self.sync_schedule(false);
                }
            }
            Action::Explain => match self.selected_grant(cx.wb) {
                Some(grant) => cx.tell(
                    "How this grant vests",
                    explain::grant(grant, cx.today).join("\n"),
                ),
                None => cx.tell("Grants", no_grants(cx.keys)),
            },
            _ => {
                // List keys move the selection; the schedule follows the selected grant.
                let open = self.schedule_open;
                let handled = self.table_mut().is_some_and(|t| t.on_action(cx.wb, action));
                if handled && !open {
                    self.sync_schedule(false);
                }
                return handled;
            }
        }
        true
    }

    fn applies(&self, action: Action, _shared: &Shared) -> bool {
        match action {
            Action::Edit | Action::Delete | Action::ShowSchedule => {
                self.table.selected_id().is_some()
            }
            Action::Filter | Action::Sort => self.table().is_some_and(|t| t.counts().1 > 0),
            _ => true,
        }
    }

    fn selected(&self) -> Option<(Kind, Id)> {
        self.table.selected_id().map(|id| (Kind::Grant, id))
    }

    fn select(&mut self, kind: Kind, id: Id) -> bool {
        if kind != Kind::Grant {
            return false;
        }
        self.table.select_id(id);
        self.sync_schedule(false);
        self.table.selected_id() == Some(id)
    }

    fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(shared, frame, area, view);
    }
}
