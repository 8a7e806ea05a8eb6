//! Drawing the Now tab: the checklist on top, then the other panels — all of
//! them, one under the other, when there is room, else one at a time under a
//! panel bar (←/→ switch).

use super::panel::{Drawn, heading_style};
use super::{NowScreen, NowView, Panel};
use crate::tui::keymap::{Action, Scope};
use crate::tui::screen::View;
use crate::tui::widgets::views;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// From this height up, every panel is shown at once, one under the other.
const ALL_PANELS_HEIGHT: u16 = 32;

impl NowScreen {
    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        if let Some(review) = &self.review {
            review.render(&self.shared.review, frame, area, view);
            return;
        }
        if area.height < 3 || area.width < 20 {
            return;
        }
        if !self.shared.report.after_notice {
            return self.draw_checklist(frame, area, view);
        }
        // Once a notice is entered: the view strip, then the chosen view.
        let [strip, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let current = match self.view() {
            NowView::Actions => 0,
            NowView::Checklist => 1,
        };
        let switch = view.keys.key_for(Scope::NowActions, Action::SwitchView);
        views::render(
            frame,
            strip,
            &["Next actions", "Checklist"],
            current,
            &format!("{switch}: switch view"),
            view.theme,
        );
        match self.view() {
            NowView::Actions => self.actions.render(&self.shared, frame, body, view),
            NowView::Checklist => self.draw_checklist(frame, body, view),
        }
    }

    /// The checklist on top, then the panels.
    fn draw_checklist(&self, frame: &mut Frame, area: Rect, view: &View) {
        if area.height < 3 || area.width < 20 {
            return;
        }
        let wide = area.height >= ALL_PANELS_HEIGHT;
        // Lines of reason under each title: two when there is room.
        let detail = if wide || area.height >= 20 { 2 } else { 1 };
        let focused = self.panel == Panel::Checklist;
        let checklist =
            self.panels
                .checklist
                .lines(&self.shared, detail, area.width as usize, view, focused);
        let [top, _, rest] = Layout::vertical([
            Constraint::Length(
                u16::try_from(checklist.len())
                    .unwrap_or(u16::MAX)
                    .min(area.height),
            ),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(checklist), top);
        if rest.height < 2 {
            return;
        }
        if wide {
            self.draw_all(frame, rest, view);
        } else {
            let [bar, body] =
                Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(rest);
            self.draw_bar(frame, bar, view);
            let how = Drawn {
                focused: self.panel == self.lower,
                titled: false,
            };
            self.panels
                .get(self.lower)
                .draw(&self.shared, frame, body, view, how);
        }
    }

    /// Every panel under the checklist, each as tall as its rows and one
    /// line apart; the last takes what is left.
    fn draw_all(&self, frame: &mut Frame, area: Rect, view: &View) {
        let report = &self.shared.report;
        // Saturating: a hand-edited workbook can hold more alerts than rows.
        let rows = |count: usize| u16::try_from(count.max(1)).unwrap_or(u16::MAX);
        let lower = lower_panels();
        let mut constraints = Vec::new();
        for (i, panel) in lower.iter().enumerate() {
            if i > 0 {
                constraints.push(Constraint::Length(1));
            }
            constraints.push(match panel {
                Panel::Alerts => Constraint::Max(rows(report.alerts.len()).saturating_add(1)),
                Panel::Deadlines => {
                    Constraint::Max(rows(report.deadlines.list.len()).saturating_add(3))
                }
                _ => Constraint::Min(3),
            });
        }
        let areas = Layout::vertical(constraints).split(area);
        for (i, panel) in lower.iter().enumerate() {
            let how = Drawn {
                focused: self.panel == *panel,
                titled: true,
            };
            self.panels
                .get(*panel)
                .draw(&self.shared, frame, areas[i * 2], view, how);
        }
    }

    /// ` Alerts 6 │ Deadlines 6 │ Signals 4     ←/→ panels`
    fn draw_bar(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let mut spans = Vec::new();
        for (i, panel) in lower_panels().into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" │ ", theme.border()));
            }
            let style = if self.panel == panel {
                heading_style(true, view)
            } else if self.lower == panel {
                theme.title()
            } else {
                theme.dim()
            };
            let label = self.panels.get(panel).label(&self.shared);
            spans.push(Span::styled(format!(" {label} "), style));
        }
        let keys = view.keys;
        spans.push(Span::styled(
            format!(
                "   {}/{} panels",
                keys.key_for(Scope::Now, Action::PrevView),
                keys.key_for(Scope::Now, Action::NextView)
            ),
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}

/// The panels under the checklist, in order.
fn lower_panels() -> Vec<Panel> {
    Panel::ALL
        .iter()
        .copied()
        .filter(|p| *p != Panel::Checklist)
        .collect()
}
