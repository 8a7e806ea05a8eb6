//! Drawing the Runway tab: the headline, the views bar, and the view shown.

use super::shared::WARNING_MARK;
use super::{Panel, RunwayScreen};
use crate::text::pack;
use crate::tui::keymap::{Action, Scope};
use crate::tui::screen::View;
use crate::tui::widgets::views;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

impl RunwayScreen {
    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        if area.height < 4 || area.width < 20 {
            return;
        }
        let width = area.width as usize;
        let head = self.headline_lines(width, view);
        let head_height = (head.len() as u16).min(area.height / 3).max(1);
        let [top, bar, body] = Layout::vertical([
            Constraint::Length(head_height),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(head), top);
        let titles: Vec<&str> = Panel::ALL.iter().map(|p| p.title()).collect();
        let keys = view.keys;
        let hint = format!(
            "{}/{} switch view",
            keys.key_for(Scope::Runway, Action::PrevView),
            keys.key_for(Scope::Runway, Action::NextView)
        );
        views::render(frame, bar, &titles, self.panel.index(), &hint, view.theme);
        self.panels
            .get(self.panel)
            .render(&self.shared, frame, body, view);
    }

    /// The headline lines wrapped to `width`, with their styles.
    fn headline_lines(&self, width: usize, view: &View) -> Vec<Line<'static>> {
        let headline = &self.shared.headline;
        let main_style = if headline.problem {
            view.theme.warn()
        } else {
            view.theme.title()
        };
        let mut lines: Vec<Line> = pack(&headline.main, width)
            .into_iter()
            .map(|l| Line::styled(l, main_style))
            .collect();
        for note in &headline.notes {
            let style = if note.starts_with("What-if") || note.starts_with(WARNING_MARK) {
                view.theme.warn()
            } else {
                view.theme.text()
            };
            lines.extend(
                pack(note, width)
                    .into_iter()
                    .map(|l| Line::styled(l, style)),
            );
        }
        lines
    }
}
