//! The funnel view: how many applications reached each stage, the two
//! conversion rates with their counts, and applications per week. Every
//! figure comes from `domain::pipeline::funnel`, as `careerbook apps` uses it.

use super::cards::short_date;
use super::forms::Purpose;
use super::shared::Shared;
use crate::domain::money::format_percent;
use crate::domain::pipeline::{self, Funnel, Stage};
use crate::domain::workbook::Workbook;
use crate::text::{fit, pad_left};
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::screen::{Pane, View};
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use rust_decimal::Decimal;

/// The road to a job, in order; side exits are counted on one line below.
const MILESTONES: [Stage; 6] = [
    Stage::Wishlist,
    Stage::Applied,
    Stage::Screening,
    Stage::Interviewing,
    Stage::Offer,
    Stage::Accepted,
];

const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

pub struct FunnelView {
    funnel: Funnel,
}

impl Default for FunnelView {
    fn default() -> Self {
        Self {
            funnel: pipeline::funnel(&[], NaiveDate::default()),
        }
    }
}

impl Pane<Shared, Purpose> for FunnelView {
    fn scopes(&self) -> Vec<Scope> {
        Vec::new()
    }

    fn refresh(&mut self, _shared: &Shared, wb: &Workbook, today: NaiveDate, _keys: &Keymap) {
        self.funnel = pipeline::funnel(&wb.pipeline.applications, today);
    }

    fn render(&self, _shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        render(frame, area, &self.funnel, view.theme);
    }
}

fn render(frame: &mut Frame, area: Rect, funnel: &Funnel, theme: &Theme) {
    let width = area.width as usize;
    let mut lines = text_lines(funnel, width, theme);
    // The weekly chart takes what is left: a title, counts, bars, dates.
    let room = (area.height as usize).saturating_sub(lines.len());
    if room >= 4 {
        let bars = (room - 3).min(8);
        lines.extend(weekly_chart(funnel, width, bars, theme));
    } else if room >= 1 {
        let total: usize = funnel.weeks.iter().map(|w| w.count).sum();
        lines.push(Line::styled(
            fit(
                &format!(
                    "Applications in the last 12 weeks: {total} (taller window shows each week)"
                ),
                width,
            ),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn text_lines(funnel: &Funnel, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if funnel.total == 0 {
        lines.push(Line::styled(
            "No applications yet: the funnel fills in as you add them (a on the board).",
            theme.dim(),
        ));
        return lines;
    }
    lines.push(Line::styled(
        fit(
            &format!(
                "Reached each stage · {} tracked (later stages count as passing earlier ones)",
                funnel.total
            ),
            width,
        ),
        theme.heading(),
    ));
    let bar_room = width.saturating_sub(14 + 6 + 2);
    let most = funnel.total.max(1);
    for stage in MILESTONES {
        let count = funnel.count(stage);
        let bar = "█".repeat(count * bar_room / most);
        lines.push(Line::from(vec![
            Span::raw(format!(" {:<13}", stage.label())),
            Span::raw(pad_left(&count.to_string(), 5)),
            Span::raw("  "),
            Span::styled(bar, theme.heading()),
        ]));
    }
    let exits: Vec<String> = [
        Stage::Declined,
        Stage::Rejected,
        Stage::Withdrawn,
        Stage::Ghosted,
    ]
    .iter()
    .map(|&s| format!("{} {}", s.key(), funnel.count(s)))
    .collect();
    lines.push(Line::styled(
        fit(
            &format!(" Closed along the way: {}", exits.join(" · ")),
            width,
        ),
        theme.dim(),
    ));
    lines.push(Line::raw(""));
    lines.push(rate_line(
        "Application → interview",
        funnel.interview_rate,
        funnel.count(Stage::Interviewing),
        funnel.count(Stage::Applied),
        "applied reached interviews",
        "nothing has reached applied yet",
        width,
        theme,
    ));
    lines.push(rate_line(
        "Interview → offer",
        funnel.offer_rate,
        funnel.count(Stage::Offer),
        funnel.count(Stage::Interviewing),
        "interviews led to an offer",
        "no interview yet",
        width,
        theme,
    ));
    lines.push(Line::styled(
        fit(
            " Typical: 3–15% reach interviews. Median search ≈10 weeks; plan for 6 months.",
            width,
        ),
        theme.dim(),
    ));
    lines
}

#[allow(clippy::too_many_arguments)]
fn rate_line(
    name: &str,
    rate: Option<Decimal>,
    part: usize,
    whole: usize,
    what: &str,
    none: &str,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let text = match rate {
        Some(rate) => format!(
            " {name:<24} {:>7}  {part} of {whole} {what}",
            format_percent(rate)
        ),
        None => format!(" {name:<24} {:>7}  not enough data: {none}", "—"),
    };
    Line::styled(fit(&text, width), theme.text())
}

/// The last 12 weeks as columns: counts, bars `height` rows tall, Monday dates.
fn weekly_chart(funnel: &Funnel, width: usize, height: usize, theme: &Theme) -> Vec<Line<'static>> {
    let weeks = &funnel.weeks;
    let total: usize = weeks.iter().map(|w| w.count).sum();
    let mut lines = vec![Line::styled(
        fit(
            &format!(
                "Applications per week (by applied date, weeks start Monday) · {total} in 12 weeks"
            ),
            width,
        ),
        theme.heading(),
    )];
    let slot = (width.saturating_sub(1) / weeks.len().max(1)).clamp(2, 8);
    let bar_width = slot.saturating_sub(1).min(4);
    let most = weeks.iter().map(|w| w.count).max().unwrap_or(0);
    let cell = |text: String| format!("{:^slot$}", fit(&text, slot));
    lines.push(Line::raw(format!(
        " {}",
        weeks
            .iter()
            .map(|w| cell(w.count.to_string()))
            .collect::<String>()
    )));
    // Eighths of a row per unit: integer arithmetic, no rounding drift.
    let levels: Vec<usize> = weeks
        .iter()
        .map(|w| {
            if most == 0 {
                0
            } else {
                (w.count * height * 8).div_ceil(most)
            }
        })
        .collect();
    for row in (0..height).rev() {
        let text: String = levels
            .iter()
            .map(|&level| {
                let fill = level.saturating_sub(row * 8).min(8);
                let block = EIGHTHS[fill].repeat(bar_width);
                format!("{:^slot$}", block)
            })
            .collect();
        lines.push(Line::styled(format!(" {text}"), theme.heading()));
    }
    // "14 Sep" needs 7 columns to stand apart; narrower, every other week is
    // labelled, counting back from the current one.
    let every = if slot >= 7 { 1 } else { 2 };
    let last = weeks.len().saturating_sub(1);
    lines.push(Line::styled(
        format!(
            " {}",
            weeks
                .iter()
                .enumerate()
                .map(|(i, w)| if (last - i).is_multiple_of(every) {
                    cell(short_date(w.week_start))
                } else {
                    cell(String::new())
                })
                .collect::<String>()
        ),
        theme.dim(),
    ));
    lines
}
