//! The deadlines panel: what follows a notice — the severance review window,
//! unemployment filing, COBRA and ACA — with how to meet each.

use super::forms::{self, Purpose};
use super::panel::{Drawn, Listing, NowPane, draw_listing};
use super::shared::Shared;
use crate::domain::checklist::{Deadline, relative};
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::widgets::cursor::Cursor;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

#[derive(Default)]
pub struct Deadlines {
    cursor: Cursor,
}

impl Deadlines {
    fn selected<'a>(&self, shared: &'a Shared) -> Option<&'a Deadline> {
        shared.report.deadlines.list.get(self.cursor.at())
    }

    /// Selects the deadline an alert of `date` and `text` is about.
    pub fn select_alert(&mut self, shared: &Shared, date: NaiveDate, text: &str) {
        let at = shared
            .report
            .deadlines
            .list
            .iter()
            .position(|d| d.date == date && text.starts_with(&d.title));
        if let Some(at) = at {
            self.cursor.set(at);
        }
    }
}

impl Pane<Shared, Purpose> for Deadlines {
    fn scopes(&self) -> Vec<Scope> {
        Vec::new()
    }

    fn refresh(&mut self, shared: &Shared, _wb: &Workbook, _today: NaiveDate, _keys: &Keymap) {
        self.cursor.set_len(shared.report.deadlines.list.len());
    }

    fn on_action(&mut self, action: Action, shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::Up | Action::Down => {
                self.cursor.on_action(action, 1);
            }
            Action::Open => cx.form(forms::notice_form(
                shared.notice.as_ref(),
                shared.notice_pay_start,
                shared.separation,
                shared.today,
            )),
            Action::Explain => {
                if let Some(deadline) = self.selected(shared) {
                    cx.tell(
                        deadline.title.clone(),
                        format!("{}\n\nHow: {}", deadline.date, deadline.how),
                    );
                }
            }
            _ => return false,
        }
        true
    }

    fn applies(&self, action: Action, shared: &Shared) -> bool {
        match action {
            Action::Explain => self.selected(shared).is_some(),
            _ => true,
        }
    }

    fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(shared, frame, area, view, Drawn::ALONE);
    }
}

impl NowPane for Deadlines {
    fn label(&self, shared: &Shared) -> String {
        match shared.report.deadlines.list.len() {
            0 => "Deadlines".into(),
            n => format!("Deadlines {n}"),
        }
    }

    fn draw(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View, how: Drawn) {
        let listing = listing(shared, view);
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

/// An intro line and one row per deadline, and the notes under them.
fn listing(shared: &Shared, view: &View) -> Listing {
    let theme = view.theme;
    let notice = view.keys.key_for(Scope::Now, Action::Notice);
    let deadlines = &shared.report.deadlines;
    if deadlines.list.is_empty() {
        return Listing {
            intro: vec![
                Line::raw("No notice date or last day on payroll entered."),
                Line::styled(
                    format!(
                        "Once you are given notice, {notice} enters it; the last day on payroll \
                         (Runway tab) gives the unemployment filing, COBRA and ACA windows."
                    ),
                    theme.dim(),
                ),
            ],
            rows: Vec::new(),
            notes: Vec::new(),
        };
    }
    let given = match deadlines.notice {
        Some(date) => format!("Notice given {}", date.format("%-d %b %Y")),
        None => format!("No notice date yet ({notice} enters it)"),
    };
    let how = view.keys.hint(Scope::Now, Action::Explain, "shows how");
    let intro = vec![Line::from(vec![
        Span::raw(given),
        Span::styled(format!(" · {notice} edits · {how}"), theme.dim()),
    ])];
    let today = shared.today;
    let rows = deadlines
        .list
        .iter()
        .map(|d| {
            let when = if d.date < today {
                "passed".to_string()
            } else {
                relative(d.date, today)
            };
            let assumed = if d.assumed { "*" } else { "" };
            format!(
                "{}  {:<11}  {}{assumed}",
                d.date.format("%d %b %Y"),
                when,
                d.title
            )
        })
        .collect();
    let mut notes = Vec::new();
    if deadlines.list.iter().any(|d| d.assumed) {
        notes.push(Line::styled(
            format!(
                "* assumes job cover ends with the separation month; {notice} sets the real date"
            ),
            theme.dim(),
        ));
    }
    for missing in &deadlines.missing {
        notes.push(Line::styled(format!("Missing: {missing}"), theme.dim()));
    }
    Listing { intro, rows, notes }
}
