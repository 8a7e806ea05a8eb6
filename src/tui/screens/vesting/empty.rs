//! What the views say where there is nothing to show yet: no grant entered.

use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// What the Upcoming and Grants views show before any grant is entered.
pub fn empty_state(frame: &mut Frame, area: Rect, theme: &Theme, keys: &Keymap) {
    let add = keys.key_for(Scope::VestingGrants, Action::Add);
    let price = keys.key_for(Scope::Vesting, Action::SetPrice);
    let next = keys.key_for(Scope::Vesting, Action::NextView);
    let lines = vec![
        Line::raw(""),
        Line::styled("No grants yet.", theme.title()),
        Line::raw(""),
        Line::raw(format!(
            "Press {add} to add a grant: its name, ticker, shares, grant date and schedule"
        )),
        Line::raw("(Amazon 5/15/40/40, a 1-year cliff, Meta or Google style, or your own dates)."),
        Line::raw(format!(
            "Then {price} enters its share price, and {next} shows bonuses and the last-day what-if."
        )),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// What `x` says where there is no grant to explain.
pub fn no_grants(keys: &Keymap) -> String {
    format!(
        "No grants yet: press {} to add one (its name, ticker, shares, dates and schedule), then {} to enter its share price.",
        keys.key_for(Scope::VestingGrants, Action::Add),
        keys.key_for(Scope::Vesting, Action::SetPrice)
    )
}
