//! The Inputs view: every runway input in sections, one table with a heading
//! per section, and a pane with the selected input's help and working.

use super::forms::{self, Purpose};
use super::sections::{self, COLUMNS, InputRow, Part, Rows};
use super::shared::Shared;
use crate::domain::Id;
use crate::domain::checklist::DeadlineKind;
use crate::domain::edit::Kind;
use crate::domain::runway::CoverKind;
use crate::domain::workbook::Workbook;
use crate::text::wrap;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::widgets::table::Table;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

pub struct Inputs {
    table: Table,
    /// The rows, with each input's help and working.
    rows: Rows,
}

impl Default for Inputs {
    fn default() -> Self {
        Self {
            table: Table::new(COLUMNS),
            rows: Rows::default(),
        }
    }
}

impl Inputs {
    fn selected_row(&self) -> Option<&InputRow> {
        self.table.selected_id().and_then(|id| self.rows.find(id))
    }

    /// Selects the input that meets `deadline`: the severance for its review
    /// window, the benefit for filing, the health cover (the COBRA or the
    /// marketplace plan, if entered) for the cover deadlines.
    pub fn show_deadline(&mut self, deadline: DeadlineKind, wb: &Workbook) {
        let cover = |kind: CoverKind| wb.runway.cover.iter().find(|c| c.kind == kind);
        let (part, record) = match deadline {
            DeadlineKind::SeveranceReview => (Part::Severance, None),
            DeadlineKind::Separation => (Part::Separation, None),
            DeadlineKind::Unemployment => (Part::Benefit, None),
            DeadlineKind::CoverEnds => (Part::Cover, None),
            DeadlineKind::Cobra => (Part::Cover, cover(CoverKind::Cobra)),
            DeadlineKind::Aca => (Part::Cover, cover(CoverKind::Marketplace)),
        };
        let row = record.map(|c| c.id).or_else(|| self.rows.first_of(part));
        if let Some(row) = row {
            self.table.select_id(row);
        }
    }
}

impl Pane<Shared, Purpose> for Inputs {
    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::RunwayInputs, Scope::RunwayRows]
    }

    fn table(&self) -> Option<&Table> {
        Some(&self.table)
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        Some(&mut self.table)
    }

    fn refresh(&mut self, shared: &Shared, wb: &Workbook, today: NaiveDate, keys: &Keymap) {
        self.rows = sections::rows(wb, today, &shared.vest_feed, keys);
        self.table.set_rows(self.rows.table_rows());
    }

    fn on_action(&mut self, action: Action, _shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::ToggleVestProceeds => forms::toggle_vest_proceeds(cx),
            Action::Add | Action::Edit | Action::Delete => {
                let Some(row) = self.selected_row() else {
                    return true;
                };
                match action {
                    Action::Add => forms::add(row.part, cx),
                    Action::Edit => forms::edit(row, cx),
                    _ => forms::delete(row, cx),
                }
            }
            _ => return false,
        }
        true
    }

    fn applies(&self, action: Action, _shared: &Shared) -> bool {
        let row = self.selected_row();
        match action {
            Action::Add | Action::Edit => row.is_some(),
            // Only what is there can be deleted (a single value back to its
            // default); vest proceeds are switched, not deleted.
            Action::Delete => row.is_some_and(|r| r.set && r.part != Part::VestProceeds),
            _ => true,
        }
    }

    fn selected(&self) -> Option<(Kind, Id)> {
        let row = self.selected_row()?;
        Some((row.part.kind()?, row.record?))
    }

    fn select(&mut self, kind: Kind, id: Id) -> bool {
        Part::of_kind(kind).is_some() && self.table.select_record(id)
    }

    /// The table and the detail pane: beside each other when wide, stacked otherwise.
    fn render(&self, _shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let selected = self.selected_row();
        // Side by side only when the table keeps room for its details column.
        let wide = area.width >= 150;
        let (table_area, detail_area) = if wide {
            let [table, detail] =
                Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(area);
            (table, detail)
        } else {
            let detail_height = (area.height / 3).clamp(3, 9);
            let [table, detail] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)])
                    .areas(area);
            (table, detail)
        };
        self.table
            .render(frame, table_area, view.wb, view.theme, view.keys, "");
        let Some(row) = selected else { return };
        let block = if wide {
            Block::new().borders(Borders::LEFT)
        } else {
            Block::new().borders(Borders::TOP)
        }
        .border_style(view.theme.border())
        .title(Line::styled(
            format!(" {} ", row.part.title()),
            view.theme.heading(),
        ));
        let inner = block.inner(detail_area);
        frame.render_widget(block, detail_area);
        let inner = Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(1),
            ..inner
        };
        let width = inner.width as usize;
        let lines: Vec<Line> = row
            .detail
            .iter()
            .flat_map(|text| wrap(text, width))
            .map(Line::raw)
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
