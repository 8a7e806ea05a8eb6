//! The signals panel: the layoff signals the person noted, newest first —
//! their record, not a prediction.

use super::forms::{self, Purpose};
use super::panel::{Drawn, Listing, NowPane, draw_listing, short_date};
use super::shared::Shared;
use crate::domain::Id;
use crate::domain::checklist::Signal;
use crate::domain::edit::{Edit, Kind};
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::widgets::cursor::Cursor;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

#[derive(Default)]
pub struct Signals {
    cursor: Cursor,
    /// The signals' ids, newest first, as listed.
    ids: Vec<Id>,
}

impl Signals {
    fn selected<'a>(&self, shared: &'a Shared) -> Option<&'a Signal> {
        shared.signals.get(self.cursor.at())
    }
}

impl Pane<Shared, Purpose> for Signals {
    fn scopes(&self) -> Vec<Scope> {
        Vec::new()
    }

    fn refresh(&mut self, shared: &Shared, _wb: &Workbook, _today: NaiveDate, _keys: &Keymap) {
        self.ids = shared.signals.iter().map(|s| s.id).collect();
        self.cursor.set_len(self.ids.len());
    }

    fn on_action(&mut self, action: Action, shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::Up | Action::Down => {
                self.cursor.on_action(action, 1);
            }
            Action::Open | Action::Edit => {
                if let Some(signal) = self.selected(shared) {
                    cx.form(forms::signal_form(Some(signal), shared.today));
                }
            }
            Action::Delete => {
                if let Some(signal) = self.selected(shared) {
                    cx.confirm(
                        "Delete signal",
                        format!("Delete the signal of {}?", signal.date),
                        Edit::Remove(Kind::Signal, signal.id),
                        "signal deleted",
                    );
                }
            }
            Action::Explain => {
                if let Some(signal) = self.selected(shared) {
                    cx.tell(
                        signal.kind.label(),
                        format!(
                            "{}\n\n{}\n\nYour record, not a prediction.",
                            signal.date, signal.note
                        ),
                    );
                }
            }
            _ => return false,
        }
        true
    }

    fn applies(&self, action: Action, shared: &Shared) -> bool {
        match action {
            Action::Open | Action::Edit | Action::Delete | Action::Explain => {
                self.selected(shared).is_some()
            }
            _ => true,
        }
    }

    fn selected(&self) -> Option<(Kind, Id)> {
        let id = self.ids.get(self.cursor.at())?;
        Some((Kind::Signal, *id))
    }

    fn select(&mut self, kind: Kind, id: Id) -> bool {
        let at = self.ids.iter().position(|&s| s == id);
        match at {
            Some(at) if kind == Kind::Signal => {
                self.cursor.set(at);
                true
            }
            _ => false,
        }
    }

    fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(shared, frame, area, view, Drawn::ALONE);
    }
}

impl NowPane for Signals {
    fn label(&self, shared: &Shared) -> String {
        format!("Signals {}", shared.signals.len())
    }

    fn draw(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View, how: Drawn) {
        let theme = view.theme;
        let n = shared.report.signals_recent;
        let count = if n == 1 {
            "1 signal in the last 90 days".to_string()
        } else {
            format!("{n} signals in the last 90 days")
        };
        let mut intro = vec![Line::from(vec![
            Span::styled(count, theme.title()),
            Span::styled(". It is your record, not a prediction.", theme.dim()),
        ])];
        if shared.signals.is_empty() {
            intro.push(Line::styled(
                "Budget freezes, reorganizations without explanation, “efficiency” \
                 talk, overlap found in org reviews: note what you see, with the date.",
                theme.dim(),
            ));
        }
        let rows = shared
            .signals
            .iter()
            .map(|s| {
                format!(
                    "{}  {:<13}  {}",
                    short_date(s.date),
                    s.kind.short(),
                    s.note.lines().next().unwrap_or("")
                )
            })
            .collect();
        let listing = Listing {
            intro,
            rows,
            notes: Vec::new(),
        };
        draw_listing(
            listing,
            self.label(shared),
            &self.cursor,
            frame,
            area,
            view,
            how,
        );
    }
}
