//! Drawing the Impact tab: the habit figures and the cadence strip above the
//! view shown.

use super::ImpactScreen;
use super::shared::CADENCE_WEEKS;
use super::wins::short_lever;
use crate::domain::impact::Category;
use crate::domain::money::format_share;
use crate::text::fit;
use crate::tui::screen::View;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};

impl ImpactScreen {
    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        let [summary, cadence, _, body] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        self.render_summary(frame, summary, view);
        self.render_cadence(frame, cadence, view);
        self.panels
            .get(self.panel)
            .render(&self.shared, frame, body, view);
    }

    fn render_summary(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let shared = &self.shared;
        let weeks = if shared.streak == 1 { "week" } else { "weeks" };
        let mut first = vec![Span::styled(
            format!("Streak {} {weeks}", shared.streak),
            theme.title(),
        )];
        if shared.this_week {
            first.push(Span::raw(" · ✓ logged this week"));
        } else {
            first.push(Span::styled(
                " · ! no win logged this week yet",
                theme.warn(),
            ));
        }
        let summary = &shared.summary;
        let missing = summary.missing_levers();
        if summary.total > 0 {
            first.push(match missing.len() {
                0 => Span::raw(" · ✓ all four levers"),
                1 => Span::styled(
                    format!(" · ! no {} win yet", missing[0].label().to_lowercase()),
                    theme.warn(),
                ),
                n => Span::styled(format!(" · ! {n} levers without a win"), theme.warn()),
            });
        }
        let measured = match summary.measured_share() {
            Some(share) => format!("{} of wins measured · ", format_share(share)),
            None => String::new(),
        };
        let levers = Category::ALL
            .iter()
            .map(|c| format!("{} {}", short_lever(*c), summary.count(*c)))
            .collect::<Vec<_>>()
            .join(" · ");
        let lines = vec![
            Line::from(first),
            Line::raw(fit(&format!("{measured}{levers}"), area.width as usize)),
        ];
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn render_cadence(&self, frame: &mut Frame, area: Rect, view: &View) {
        let counts = &self.shared.counts;
        let label = format!("{CADENCE_WEEKS} wk ");
        let [text, spark] =
            Layout::horizontal([Constraint::Length(label.len() as u16), Constraint::Fill(1)])
                .areas(area);
        frame.render_widget(Paragraph::new(Span::styled(label, view.theme.dim())), text);
        let width = spark.width as usize;
        let start = counts.len().saturating_sub(width);
        // One win a week is a third of the height, so a steady habit reads as
        // steady rather than as a row of full blocks.
        let max = counts.iter().copied().max().unwrap_or(0).max(3);
        let bars = Sparkline::default()
            .data(&counts[start..])
            .max(max)
            .style(view.theme.good());
        frame.render_widget(bars, spark);
    }
}
