//! The Chart view: the balance month by month as a ratatui `Chart`, with a
//! lettered ruler under it marking when severance pays, notice and benefits
//! end, cover ends, a new job starts and the money runs out, and a key that
//! says each in words (never colour alone).
//!
//! `f64` appears here only as plot coordinates; every label is a `Decimal`
//! figure from the projection.

use super::forms::Purpose;
use super::shared::Shared;
use crate::domain::dates::format_long;
use crate::domain::money::format_money_whole;
use crate::domain::runway::summary;
use crate::domain::runway::{Marker, MarkerKind, Projection};
use crate::domain::workbook::Workbook;
use crate::text::{fit, wrap};
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::screen::{Pane, View};
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use unicode_width::UnicodeWidthStr;

/// One event on the ruler.
#[derive(Clone, Debug, PartialEq)]
struct Event {
    letter: char,
    /// Months from the start, with the part of the month (plot coordinate).
    x: f64,
    words: String,
}

/// The chart view: what it draws, once the runway can be projected.
#[derive(Default)]
pub struct ChartView {
    data: Option<ChartData>,
}

impl Pane<Shared, Purpose> for ChartView {
    fn scopes(&self) -> Vec<Scope> {
        Vec::new()
    }

    fn refresh(&mut self, shared: &Shared, _wb: &Workbook, _today: NaiveDate, _keys: &Keymap) {
        self.data = shared.projection.as_deref().map(ChartData::new);
    }

    fn render(&self, _shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        match &self.data {
            Some(chart) => chart.render(frame, area, view.theme),
            None => {
                let text = Line::styled("Nothing to draw yet.", view.theme.dim());
                frame.render_widget(Paragraph::new(text), area);
            }
        }
    }
}

/// Everything the chart draws, built once per refresh.
#[derive(Clone, Debug, PartialEq)]
struct ChartData {
    /// (months from the start, balance) — the opening, then each closing.
    points: Vec<(f64, f64)>,
    /// Months shown: the x axis runs from 0 to this.
    span: usize,
    top: Decimal,
    bottom: Decimal,
    events: Vec<Event>,
    /// Dotted rules: a vertical one at each event and the zero line.
    rules: Vec<Vec<(f64, f64)>>,
    first_label: String,
    last_label: String,
}

fn letter(kind: MarkerKind) -> char {
    match kind {
        MarkerKind::SeverancePaid => 'S',
        MarkerKind::NoticeEnds => 'N',
        MarkerKind::BenefitStarts => 'B',
        MarkerKind::BenefitEnds => 'E',
        MarkerKind::CoverEnds => 'C',
        MarkerKind::NewJobStarts => 'J',
        MarkerKind::MoneyRunsOut => '0',
    }
}

fn coordinate(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// Where in the projection an event falls, in months (plot coordinate).
fn position(projection: &Projection, marker: &Marker) -> f64 {
    let Some(month) = projection.months.get(marker.month) else {
        return marker.month as f64;
    };
    let days = (month.end - month.start).num_days().max(1) as f64;
    let into = (marker.date - month.start).num_days() as f64;
    marker.month as f64 + (into / days).clamp(0.0, 1.0)
}

impl ChartData {
    fn new(projection: &Projection) -> Self {
        let last_marker = projection
            .markers
            .iter()
            .map(|m| m.month + 2)
            .max()
            .unwrap_or(0);
        let span = summary::months_to_print(projection)
            .max(last_marker)
            .min(projection.months.len())
            .max(1);
        let shown = &projection.months[..span.min(projection.months.len())];
        let mut balances = Vec::with_capacity(shown.len() + 1);
        if let Some(first) = shown.first() {
            balances.push(first.opening);
        }
        balances.extend(shown.iter().map(|m| m.closing));
        let top = balances
            .iter()
            .copied()
            .max()
            .unwrap_or(Decimal::ZERO)
            .max(Decimal::ZERO);
        let bottom = balances
            .iter()
            .copied()
            .min()
            .unwrap_or(Decimal::ZERO)
            .min(Decimal::ZERO);
        let points = balances
            .iter()
            .enumerate()
            .map(|(i, b)| (i as f64, coordinate(*b)))
            .collect();
        let events: Vec<Event> = projection
            .markers
            .iter()
            .filter(|m| m.month < span)
            .map(|m| Event {
                letter: letter(m.kind),
                x: position(projection, m),
                words: format!("{} {}", m.label, format_long(m.date)),
            })
            .collect();
        let (low, high) = (coordinate(bottom), coordinate(top));
        // Sparse dots, so the rules stay lighter than the balance line.
        let steps = 4;
        let mut rules: Vec<Vec<(f64, f64)>> = events
            .iter()
            .map(|e| {
                (0..=steps)
                    .map(|i| (e.x, low + (high - low) * f64::from(i) / f64::from(steps)))
                    .collect()
            })
            .collect();
        if bottom < Decimal::ZERO {
            rules.push((0..=span).map(|m| (m as f64, 0.0)).collect());
        }
        let label = |i: usize| {
            shown
                .get(i)
                .map(|m| m.start.format("%b %Y").to_string())
                .unwrap_or_default()
        };
        Self {
            points,
            span,
            top,
            bottom,
            events,
            rules,
            first_label: label(0),
            last_label: projection
                .months
                .get(span)
                .map(|m| m.start.format("%b %Y").to_string())
                .unwrap_or_else(|| label(span.saturating_sub(1))),
        }
    }

    /// Draws the chart with its y labels, the lettered ruler, the month
    /// labels and the key.
    fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let width = area.width as usize;
        let key = self.key_lines(width, theme);
        let key_height = (key.len() as u16).min(area.height.saturating_sub(5));
        let [plot, ruler, months, key_area] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(key_height),
        ])
        .areas(area);
        if plot.height < 2 {
            return;
        }
        let top = format_money_whole(self.top);
        let bottom = format_money_whole(self.bottom);
        let label_width = top.len().max(bottom.len()).max(2) as u16 + 1;
        let [labels, graph] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Fill(1)]).areas(plot);
        self.render_labels(frame, labels, graph, &top, &bottom, theme);
        self.render_plot(frame, graph, theme);
        self.render_ruler(frame, ruler, graph, theme);
        let month_line = format!(
            "{:<w$}{}",
            self.first_label,
            self.last_label,
            w = (graph.width as usize).saturating_sub(self.last_label.len())
        );
        frame.render_widget(
            Paragraph::new(Line::styled(month_line, theme.dim())),
            Rect {
                x: graph.x,
                width: graph.width,
                ..months
            },
        );
        frame.render_widget(Paragraph::new(key), key_area);
    }

    fn render_labels(
        &self,
        frame: &mut Frame,
        area: Rect,
        graph: Rect,
        top: &str,
        bottom: &str,
        theme: &Theme,
    ) {
        let w = area.width.saturating_sub(1) as usize;
        let buf = frame.buffer_mut();
        buf.set_stringn(area.x, area.y, format!("{top:>w$}"), w, theme.dim());
        let last = area.y + graph.height.saturating_sub(1);
        buf.set_stringn(area.x, last, format!("{bottom:>w$}"), w, theme.dim());
        if self.bottom < Decimal::ZERO && graph.height > 4 {
            // The row the zero line falls on (same rounding as the canvas).
            let span = coordinate(self.top - self.bottom).max(f64::EPSILON);
            let rows = f64::from(graph.height * 4 - 1);
            let row = ((coordinate(self.top) * rows / span).round() as u16) / 4;
            if row > 0 && row + 1 < graph.height {
                buf.set_stringn(
                    area.x,
                    area.y + row,
                    format!("{:>w$}", "$0"),
                    w,
                    theme.dim(),
                );
            }
        }
    }

    fn bounds(&self) -> ([f64; 2], [f64; 2]) {
        let low = coordinate(self.bottom);
        let mut high = coordinate(self.top);
        if high <= low {
            high = low + 1.0;
        }
        ([0.0, self.span as f64], [low, high])
    }

    fn render_plot(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let (x_bounds, y_bounds) = self.bounds();
        let mut datasets: Vec<Dataset> = self
            .rules
            .iter()
            .map(|rule| {
                Dataset::default()
                    .data(rule)
                    .graph_type(GraphType::Scatter)
                    .marker(symbols::Marker::Dot)
                    .style(theme.dim())
            })
            .collect();
        datasets.push(
            Dataset::default()
                .data(&self.points)
                .graph_type(GraphType::Line)
                // A terminal without Unicode draws the line in whole cells.
                .marker(if theme.ascii() {
                    symbols::Marker::Block
                } else {
                    symbols::Marker::Braille
                })
                .style(theme.good()),
        );
        let chart = Chart::new(datasets)
            .x_axis(Axis::default().bounds(x_bounds))
            .y_axis(Axis::default().bounds(y_bounds))
            .legend_position(None);
        frame.render_widget(chart, area);
    }

    /// The column an x coordinate lands in (as the canvas maps `Dot` points).
    fn column(&self, x: f64, width: u16) -> u16 {
        let (x_bounds, _) = self.bounds();
        let span = (x_bounds[1] - x_bounds[0]).max(f64::EPSILON);
        let col = ((x - x_bounds[0]) * f64::from(width.saturating_sub(1)) / span).round();
        (col.max(0.0) as u16).min(width.saturating_sub(1))
    }

    fn render_ruler(&self, frame: &mut Frame, area: Rect, graph: Rect, theme: &Theme) {
        let mut taken = vec![false; graph.width as usize];
        let buf = frame.buffer_mut();
        for event in &self.events {
            let mut col = self.column(event.x, graph.width) as usize;
            while col < taken.len() && taken[col] {
                col += 1;
            }
            if col >= taken.len() {
                continue;
            }
            taken[col] = true;
            buf.set_stringn(
                graph.x + col as u16,
                area.y,
                event.letter.to_string(),
                1,
                theme.key(),
            );
        }
    }

    /// "S Severance paid: $21,673.21 net 20 Feb 2027 · …", each entry kept
    /// whole on a line where it fits, its letter in the key style.
    fn key_lines(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        if self.events.is_empty() {
            return vec![Line::raw(fit(
                "Nothing dated to mark: no severance, notice, benefit, cover or new job in view.",
                width,
            ))];
        }
        let mut lines: Vec<Line> = Vec::new();
        let mut current: Vec<Span> = Vec::new();
        let mut used = 0;
        for event in &self.events {
            let entry = format!("{} {}", event.letter, event.words);
            let needed = entry.width() + if used == 0 { 0 } else { 3 };
            if used > 0 && used + needed > width {
                lines.push(Line::from(std::mem::take(&mut current)));
                used = 0;
            }
            if used > 0 {
                current.push(Span::raw(" · "));
                used += 3;
            }
            let mut parts = wrap(&entry, width).into_iter();
            let first = parts.next().unwrap_or_default();
            current.push(Span::styled(event.letter.to_string(), theme.key()));
            current.push(Span::raw(first.chars().skip(1).collect::<String>()));
            used += first.width();
            for part in parts {
                lines.push(Line::from(std::mem::take(&mut current)));
                used = part.width();
                current.push(Span::raw(part));
            }
        }
        if !current.is_empty() {
            lines.push(Line::from(current));
        }
        lines
    }
}
