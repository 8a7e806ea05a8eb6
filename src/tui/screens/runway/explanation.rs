//! The explanation view: every input and the formula behind each figure,
//! the warnings about the inputs first. Built here, only for this view.

use super::forms::Purpose;
use super::shared::{Shared, WARNING_MARK};
use crate::domain::runway::summary;
use crate::domain::workbook::Workbook;
use crate::text::wrap;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::widgets::cursor::Cursor;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

#[derive(Default)]
pub struct Explanation {
    lines: Vec<String>,
    /// The first entry shown: it scrolls by whole entries, never past the last.
    scroll: Cursor,
}

impl Pane<Shared, Purpose> for Explanation {
    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::RunwayRows]
    }

    fn refresh(&mut self, shared: &Shared, wb: &Workbook, _today: NaiveDate, _keys: &Keymap) {
        let mut lines = match &shared.projection {
            Some(projection) => summary::explanation(projection, &wb.runway, &shared.vest_feed),
            None => vec![shared.headline.main.clone()],
        };
        // The headline points here for every warning: they come first, after
        // only the reason there is no runway when there is none.
        let at = usize::from(shared.headline.problem).min(lines.len());
        let said = shared.warnings.iter().map(|w| format!("{WARNING_MARK}{w}"));
        lines.splice(at..at, said);
        self.lines = lines;
        self.scroll.set_len(self.lines.len());
    }

    fn on_action(&mut self, action: Action, _shared: &Shared, _cx: &mut Cx<Purpose>) -> bool {
        self.scroll.on_action(action, 5)
    }

    fn render(&self, _shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let keys = view.keys;
        let width = area.width.saturating_sub(2) as usize;
        let more_above = if self.scroll.at() > 0 {
            " · more above"
        } else {
            ""
        };
        let scroll = format!(
            "{}/{} scroll",
            keys.key_for(Scope::RunwayRows, Action::Up),
            keys.key_for(Scope::RunwayRows, Action::Down)
        );
        let mut lines: Vec<Line> = vec![Line::styled(
            format!("Every input and the formula behind each figure ({scroll}){more_above}"),
            theme.heading(),
        )];
        for text in self.lines.iter().skip(self.scroll.at()) {
            let (mark, text, style) = match text.strip_prefix(WARNING_MARK) {
                Some(rest) => (WARNING_MARK, rest, theme.warn()),
                None => ("• ", text.as_str(), theme.text()),
            };
            for (i, part) in wrap(text, width).into_iter().enumerate() {
                let lead = if i == 0 { mark } else { "  " };
                lines.push(Line::styled(format!("{lead}{part}"), style));
            }
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
