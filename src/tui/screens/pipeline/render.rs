//! Drawing the Pipeline tab: the views bar and the attention line above the
//! view shown.

use super::{Panel, PipelineScreen};
use crate::text::{count, fit};
use crate::tui::keymap::{Action, Scope};
use crate::tui::screen::View;
use crate::tui::widgets::views;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

impl PipelineScreen {
    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        if area.height < 4 || area.width < 10 {
            return;
        }
        let [tabs, attention, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        let titles: Vec<&str> = Panel::ALL.iter().map(|p| p.title()).collect();
        let hint = format!(
            "{}: next view",
            view.keys.key_for(Scope::Pipeline, Action::NextView)
        );
        views::render(frame, tabs, &titles, self.panel.index(), &hint, view.theme);
        frame.render_widget(
            Paragraph::new(self.attention_line(area.width as usize, view)),
            attention,
        );
        self.panels
            .get(self.panel)
            .render(&self.shared, frame, body, view);
    }

    fn attention_line(&self, width: usize, view: &View) -> Line<'static> {
        let theme = view.theme;
        let keys = view.keys;
        let a = &self.shared.attention;
        let mut parts: Vec<(String, Style)> = Vec::new();
        let mut push = |text: String, style| parts.push((text, style));
        if self.panel == Panel::Contacts {
            if a.contacts == 0 {
                let add = keys.key_for(Scope::PipelineContacts, Action::Add);
                return Line::styled(format!("No contacts yet: {add} adds one."), theme.dim());
            }
            if a.contacts_due > 0 {
                push(format!("! {} due a touch", a.contacts_due), theme.bad());
            }
            if a.stale > 0 {
                push(
                    format!("{} not contacted for 30+ days", count(a.stale, "contact")),
                    theme.warn(),
                );
            }
            if a.contacts_due == 0 && a.stale == 0 {
                push("Everyone is in touch".to_string(), theme.good());
            }
            let contacted = keys.key_for(Scope::PipelineContacts, Action::Contacted);
            push(format!("{contacted}: contacted today"), theme.dim());
        } else {
            if a.overdue > 0 {
                push(
                    format!("! {} overdue", count(a.overdue, "follow-up")),
                    theme.bad(),
                );
            }
            if a.due_today > 0 {
                push(format!("• {} due today", a.due_today), theme.warn());
            }
            if a.ghosted > 0 {
                let mark = keys.key_for(Scope::PipelineApps, Action::AcceptGhosted);
                push(
                    format!(
                        "? {} with no reply for {}+ days ({mark}: mark ghosted)",
                        a.ghosted, self.shared.ghost_after_days
                    ),
                    theme.warn(),
                );
            }
            if a.overdue + a.due_today + a.ghosted == 0 {
                push(
                    format!("Nothing overdue · {} open", count(a.open, "application")),
                    theme.good(),
                );
            }
        }
        let mut spans = Vec::new();
        for (text, style) in parts {
            if !spans.is_empty() {
                spans.push(Span::raw(" · "));
            }
            spans.push(Span::styled(text, style));
        }
        fit_spans(spans, width)
    }
}

/// Cuts a line of spans to `width` columns.
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.width();
        if used + w <= width {
            used += w;
            out.push(span);
        } else {
            let text = fit(&span.content, width.saturating_sub(used));
            out.push(Span::styled(text, span.style));
            break;
        }
    }
    Line::from(out)
}
