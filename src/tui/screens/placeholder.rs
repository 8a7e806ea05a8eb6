//! A tab whose feature has not landed yet: it says so plainly and shows no numbers.

use super::{Screen, View};
use crate::domain::workbook::Workbook;
use crate::tui::keymap::Scope;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub struct Placeholder {
    name: &'static str,
    purpose: &'static str,
}

impl Placeholder {
    pub fn new(name: &'static str, purpose: &'static str) -> Self {
        Self { name, purpose }
    }
}

impl Screen for Placeholder {
    fn scopes(&self) -> Vec<Scope> {
        Vec::new()
    }

    fn refresh(&mut self, _wb: &Workbook, _today: NaiveDate) {}

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let text = vec![
            Line::styled(self.name, view.theme.title()),
            Line::raw(""),
            Line::raw(self.purpose),
            Line::raw(""),
            Line::styled(
                "Not yet available in this version of careerbook.",
                view.theme.dim(),
            ),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
    }
}
