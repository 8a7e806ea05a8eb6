//! Drawing the Pipeline tab: the views bar and the attention line above the
//! view shown.

use super::{Panel, PipelineScreen};
use crate::domain::dates::format_long;
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
        self.draw_strip(frame, tabs, view);
        frame.render_widget(
            Paragraph::new(self.attention_line(area.width as usize, view)),
            attention,
        );
        self.panels
            .get(self.panel)
            .render(&self.shared, frame, body, view);
    }

    /// The view strip, and on its right the date an offer is needed by
    /// (from the runway's zero date and the time-to-offer) when it fits: in
    /// the most words that fit, two spaces apart (the attention line below
    /// says it too when it needs attention).
    fn draw_strip(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let titles: Vec<&str> = Panel::ALL.iter().map(|p| p.title()).collect();
        let key = view.keys.key_for(Scope::Pipeline, Action::NextView);
        let hints = [format!("{key}: next view"), format!("{key}: view")];
        let offer = self.shared.attention.offer.as_ref();
        let dates: Vec<String> = offer.map_or_else(Vec::new, |offer| {
            let mark = if offer.attention { "! " } else { "" };
            let by = format_long(offer.by);
            vec![
                format!("{mark}offer needed by {by}"),
                format!("{mark}offer by {by}"),
            ]
        });
        let fits = |hint: &String, date: &String| {
            views::width(&titles, hint) + 2 + date.chars().count() <= area.width as usize
        };
        let chosen = [(0, 0), (0, 1), (1, 1)]
            .into_iter()
            .filter_map(|(h, d)| Some((&hints[h], dates.get(d)?)))
            .find(|(hint, date)| fits(hint, date));
        let hint = chosen.map_or(&hints[0], |(hint, _)| hint);
        let date = chosen.map(|(_, date)| date.clone()).unwrap_or_default();
        let right = u16::try_from(date.chars().count()).unwrap_or(0);
        let [strip, right_area] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(right)]).areas(area);
        views::render(frame, strip, &titles, self.panel.index(), hint, theme);
        let style = if offer.is_some_and(|o| o.attention) {
            theme.bad()
        } else {
            theme.dim()
        };
        frame.render_widget(Paragraph::new(Line::styled(date, style)), right_area);
    }

    fn attention_line(&self, width: usize, view: &View) -> Line<'static> {
        let theme = view.theme;
        let keys = view.keys;
        let a = &self.shared.attention;
        let mut parts: Vec<(String, Style)> = Vec::new();
        let mut push = |text: String, style| parts.push((text, style));
        if self.panel == Panel::Offers {
            return self.panels.offers.attention(width, view);
        }
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
            if let Some(offer) = a.offer.as_ref().filter(|o| o.attention) {
                push(
                    format!(
                        "! offer needed by {}, nothing past screening",
                        format_long(offer.by)
                    ),
                    theme.bad(),
                );
            }
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
