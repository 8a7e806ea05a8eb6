//! The board view: one column per active stage, cards of company, role and
//! follow-up. The board holds each card's place in the workbook, and only the
//! cards that fit are worked out and drawn; the selection is kept by id, so a
//! card moved to the next stage stays selected in its new column.

use super::apps;
use super::cards::{Card, record_at};
use super::forms::Purpose;
use super::shared::Shared;
use crate::domain::Id;
use crate::domain::edit::Kind;
use crate::domain::pipeline::{self, Application, Stage};
use crate::domain::workbook::Workbook;
use crate::text::fit;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::cursor::Cursor;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// One card on the board: the application's id, its place in the workbook's
/// applications, and whether it is suggested as ghosted (a line taller).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    id: Id,
    at: usize,
    ghost: bool,
}

#[derive(Debug, Default)]
pub struct Board {
    /// Cards per active stage, in [`Stage::ACTIVE`] order.
    columns: [Vec<Slot>; 5],
    /// The selected column.
    col: usize,
    /// The selected card in each column (remembered when moving across).
    cursors: [Cursor; 5],
}

impl Board {
    /// Replaces the cards, keeping the selected card (in whatever column it
    /// is now), else the same place in the same column. A board that had no
    /// cards (opened for the first time) starts on the first card of the
    /// first column that has one, so the keys act on a card that shows.
    fn set_columns(&mut self, columns: [Vec<Slot>; 5]) {
        let keep = self.selected_id();
        let first_fill = self.card_count() == 0;
        self.columns = columns;
        for (cursor, column) in self.cursors.iter_mut().zip(&self.columns) {
            cursor.set_len(column.len());
        }
        if let Some(id) = keep {
            self.select_card(id);
        } else if first_fill && let Some(c) = self.columns.iter().position(|col| !col.is_empty()) {
            self.col = c;
            self.cursors[c].set(0);
        }
    }

    fn selected_slot(&self) -> Option<Slot> {
        self.columns[self.col]
            .get(self.cursors[self.col].at())
            .copied()
    }

    fn selected_id(&self) -> Option<Id> {
        self.selected_slot().map(|slot| slot.id)
    }

    /// Selects card `id`; `false` when it is not on the board.
    fn select_card(&mut self, id: Id) -> bool {
        for (c, column) in self.columns.iter().enumerate() {
            if let Some(r) = column.iter().position(|slot| slot.id == id) {
                self.col = c;
                self.cursors[c].set(r);
                return true;
            }
        }
        false
    }

    fn card_count(&self) -> usize {
        self.columns.iter().map(Vec::len).sum()
    }

    /// Moves the selection; `false` when `action` is not a board move.
    fn move_selection(&mut self, action: Action) -> bool {
        match action {
            Action::ColumnLeft => self.col = self.col.saturating_sub(1),
            Action::ColumnRight => self.col = (self.col + 1).min(Stage::ACTIVE.len() - 1),
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                return self.cursors[self.col].on_action(action, 1);
            }
            _ => return false,
        }
        true
    }

    /// Draws the columns in `area`.
    fn render_columns(&self, frame: &mut Frame, area: Rect, shared: &Shared, view: &View) {
        if area.height < 2 {
            return;
        }
        let rects = Layout::horizontal([Constraint::Fill(1); 5])
            .spacing(1)
            .split(area);
        for (c, rect) in rects.iter().enumerate() {
            self.render_column(frame, *rect, c, shared, view);
        }
    }

    fn render_column(&self, frame: &mut Frame, area: Rect, c: usize, shared: &Shared, view: &View) {
        let theme = view.theme;
        let width = area.width as usize;
        let column = &self.columns[c];
        let selected_column = c == self.col;
        let name = Stage::ACTIVE[c].label();
        let heading = format!("{name} {}", column.len());
        let heading = if heading.chars().count() > width {
            format!(
                "{} {}",
                fit(
                    name,
                    width.saturating_sub(column.len().to_string().len() + 1)
                ),
                column.len()
            )
        } else {
            heading
        };
        let style = if selected_column {
            theme.tab_active()
        } else {
            theme.heading()
        };
        let buf = frame.buffer_mut();
        buf.set_stringn(area.x, area.y, format!("{heading:<width$}"), width, style);
        let body = Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        };
        if column.is_empty() {
            if body.height > 0 {
                buf.set_stringn(body.x, body.y, fit(" (none)", width), width, theme.dim());
            }
            return;
        }
        let heights: Vec<u16> = column.iter().map(|slot| card_height(slot.ghost)).collect();
        let selected = self.cursors[c].at().min(column.len().saturating_sub(1));
        let (start, end) = self.cursors[c].window(&heights, body.height);
        let records: &[Application] = &view.wb.pipeline.applications;
        let mut y = body.y;
        for (i, slot) in column.iter().enumerate().take(end).skip(start) {
            let Some(app) = record_at(records, slot.at, slot.id, |a| a.id) else {
                continue;
            };
            let card = Card::new(app, shared.today, shared.ghost_after_days);
            let is_selected = selected_column && i == selected;
            draw_card(
                frame,
                Rect {
                    y,
                    height: heights[i],
                    ..body
                },
                &card,
                is_selected,
                theme,
            );
            y += heights[i];
        }
        let (above, below) = (start, column.len() - end);
        if above + below > 0 {
            let text = match (above, below) {
                (0, b) => format!("↓ {b} more"),
                (a, 0) => format!("↑ {a} more"),
                (a, b) => format!("↑{a} ↓{b} more"),
            };
            frame.buffer_mut().set_stringn(
                body.x,
                body.y + body.height - 1,
                fit(&format!(" {text}"), width),
                width,
                theme.dim(),
            );
        }
    }
}

/// Three lines (company, role, follow-up), four when suggested as ghosted,
/// and a blank line after it so cards stand apart.
fn card_height(ghost: bool) -> u16 {
    if ghost { 5 } else { 4 }
}

fn draw_card(frame: &mut Frame, area: Rect, card: &Card, selected: bool, theme: &Theme) {
    let width = area.width as usize;
    let inner = width.saturating_sub(1);
    let buf = frame.buffer_mut();
    let pick = |style: Style| {
        if selected {
            theme.selected().add_modifier(style.add_modifier)
        } else {
            style
        }
    };
    let mut lines: Vec<(String, Style)> = vec![
        (
            format!(
                "{}{}",
                if selected { "▶" } else { " " },
                fit(card.company, inner)
            ),
            pick(theme.title()),
        ),
        (format!(" {}", fit(card.role, inner)), pick(theme.text())),
        (
            format!(" {}", card.facts.follow_up_label(inner).unwrap_or_default()),
            pick(card.facts.follow_up_style(theme)),
        ),
    ];
    if let Some(ghost) = card.facts.ghost_label(inner) {
        lines.push((format!(" {}", fit(&ghost, inner)), pick(theme.warn())));
    }
    for (i, (text, style)) in lines.into_iter().enumerate().take(area.height as usize) {
        let y = area.y + i as u16;
        buf.set_stringn(area.x, y, format!("{text:<width$}"), width, style);
    }
}

impl Pane<Shared, Purpose> for Board {
    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::PipelineBoard, Scope::PipelineApps]
    }

    fn refresh(&mut self, shared: &Shared, wb: &Workbook, today: NaiveDate, _keys: &Keymap) {
        let records = &wb.pipeline.applications;
        let columns = pipeline::board_columns(&wb.pipeline).map(|column| {
            column
                .into_iter()
                .map(|at| Slot {
                    id: records[at].id,
                    at,
                    ghost: records[at].looks_ghosted(today, shared.ghost_after_days),
                })
                .collect()
        });
        self.set_columns(columns);
    }

    fn on_action(&mut self, action: Action, _shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        self.move_selection(action) || apps::act(action, self.selected_id(), cx)
    }

    fn applies(&self, action: Action, _shared: &Shared) -> bool {
        apps::applies(action, self.selected_id())
    }

    fn selected(&self) -> Option<(Kind, Id)> {
        self.selected_id().map(|id| (Kind::Application, id))
    }

    fn select(&mut self, kind: Kind, id: Id) -> bool {
        kind == Kind::Application && self.select_card(id)
    }

    fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let (main, detail) = apps::split(area);
        let theme = view.theme;
        if self.card_count() == 0 {
            let keys = view.keys;
            let add = keys.key_for(Scope::PipelineApps, Action::Add);
            let text = if shared.applications == 0 {
                format!(
                    "No applications yet. {add} adds one; `careerbook import apps FILE.csv` reads a spreadsheet."
                )
            } else {
                format!(
                    "Nothing open on the board. {add} adds an application; {} shows the closed ones in the list.",
                    keys.key_for(Scope::Pipeline, Action::NextView)
                )
            };
            frame.render_widget(
                Paragraph::new(Line::styled(text, theme.dim())).wrap(Wrap { trim: true }),
                main,
            );
        } else {
            self.render_columns(frame, main, shared, view);
        }
        let records = &view.wb.pipeline.applications;
        let app =
            (self.selected_slot()).and_then(|slot| record_at(records, slot.at, slot.id, |a| a.id));
        apps::detail(frame, detail, app, view);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cards with these ids (their places do not matter here).
    fn cards(ids: &[Id]) -> Vec<Slot> {
        ids.iter()
            .map(|&id| Slot {
                id,
                at: 0,
                ghost: false,
            })
            .collect()
    }

    #[test]
    fn a_board_opens_on_the_first_card_of_the_first_column_that_has_one() {
        // Nothing in Wishlist: it used to open there, with no card selected.
        let mut board = Board::default();
        board.set_columns([
            cards(&[]),
            cards(&[]),
            cards(&[7, 8]),
            cards(&[9]),
            cards(&[]),
        ]);
        assert_eq!(board.selected_id(), Some(7));
        assert_eq!(Stage::ACTIVE[board.col], Stage::Screening);
        // Moving onto an empty column on purpose stays there across a refresh.
        board.move_selection(Action::ColumnLeft);
        board.set_columns([
            cards(&[]),
            cards(&[]),
            cards(&[7, 8]),
            cards(&[9]),
            cards(&[]),
        ]);
        assert_eq!(board.selected_id(), None);
        assert_eq!(Stage::ACTIVE[board.col], Stage::Applied);
    }

    #[test]
    fn moving_across_columns_remembers_each_row() {
        let mut board = Board::default();
        board.set_columns([
            cards(&[1, 2]),
            cards(&[3]),
            cards(&[]),
            cards(&[4, 5, 6]),
            cards(&[]),
        ]);
        board.move_selection(Action::Down);
        assert_eq!(board.selected_id(), Some(2));
        board.move_selection(Action::ColumnRight);
        assert_eq!(board.selected_id(), Some(3));
        board.move_selection(Action::ColumnRight);
        assert_eq!(board.selected_id(), None, "an empty column selects nothing");
        assert_eq!(Stage::ACTIVE[board.col], Stage::Screening);
        board.move_selection(Action::ColumnLeft);
        board.move_selection(Action::ColumnLeft);
        assert_eq!(board.selected_id(), Some(2));
        // Card 2 moves to the next stage: the selection follows it.
        board.set_columns([
            cards(&[1]),
            cards(&[2, 3]),
            cards(&[]),
            cards(&[4, 5, 6]),
            cards(&[]),
        ]);
        assert_eq!(board.selected_id(), Some(2));
        assert_eq!(Stage::ACTIVE[board.col], Stage::Applied);
        // Card 2 closes (leaves the board): the neighbour in its column is selected.
        board.set_columns([
            cards(&[1]),
            cards(&[3]),
            cards(&[]),
            cards(&[4, 5, 6]),
            cards(&[]),
        ]);
        assert_eq!(board.selected_id(), Some(3));
    }
}
