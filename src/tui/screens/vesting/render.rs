//! Drawing the Vesting tab: the views bar above the view shown. Nothing
//! here or in the views computes a figure: every number is formatted from a
//! domain result, in `refresh` or, for the upcoming vests and the selected
//! grant's schedule, for the rows drawn.

use super::{Panel, VestingScreen};
use crate::tui::keymap::{Action, Scope};
use crate::tui::screen::View;
use crate::tui::widgets::views;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

impl VestingScreen {
    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        if area.height < 2 || area.width < 10 {
            return;
        }
        let [bar, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        // `[Upcoming]  Grants  Prices  Last day  Bonuses   ←/→ views · x explains`
        let keys = view.keys;
        let titles: Vec<&str> = Panel::ALL.iter().map(|p| p.title()).collect();
        let hint = format!(
            "{}/{} views · {}",
            keys.key_for(Scope::Vesting, Action::PrevView),
            keys.key_for(Scope::Vesting, Action::NextView),
            keys.hint(Scope::Vesting, Action::Explain, "explains")
        );
        views::render(frame, bar, &titles, self.panel.index(), &hint, view.theme);
        self.panels
            .get(self.panel)
            .render(&self.shared, frame, body, view);
    }
}
