//! The Runway tab: how long the money lasts, in four views — the balance
//! chart, the month-by-month table, the inputs in sections, and the
//! explanation of every figure. A headline above them all gives the runway.
//!
//! The screen keeps only view state (the view, the what-if cut, whether the
//! new job is shown); every figure comes from `domain::runway`, rebuilt in
//! `refresh`, the same functions `careerbook runway` prints.

mod chart;
mod forms;
mod inputs;
mod months;

pub use forms::Purpose;

use super::{Cx, Form, Refused, Screen, View as Drawing};
use crate::domain::Id;
use crate::domain::edit::Kind;
use crate::domain::runway::summary::{self, Outlook, VestFeed};
use crate::domain::runway::{Projection, ProjectionOptions, Warning, warnings};
use crate::domain::workbook::Workbook;
use crate::text::{pack, wrap};
use crate::tui::app::Popup;
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::widgets::popup::Tone;
use crate::tui::widgets::table::Table;
use crate::tui::widgets::views;
use chart::ChartData;
use chrono::NaiveDate;
use inputs::Part;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// The tab's views, in the order →/← cycle through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Chart,
    Months,
    Inputs,
    Explain,
}

impl View {
    const ALL: [Self; 4] = [Self::Chart, Self::Months, Self::Inputs, Self::Explain];

    fn title(self) -> &'static str {
        match self {
            Self::Chart => "Chart",
            Self::Months => "Months",
            Self::Inputs => "Inputs",
            Self::Explain => "Explain",
        }
    }

    fn step(self, delta: isize) -> Self {
        let n = Self::ALL.len() as isize;
        let at = Self::ALL.iter().position(|v| *v == self).unwrap_or(0) as isize;
        Self::ALL[(at + delta).rem_euclid(n) as usize]
    }
}

/// What the headline area says, rebuilt on refresh.
#[derive(Clone, Debug, Default)]
struct Headline {
    /// The main line (runway, zero date, essentials only) or why there is none.
    main: String,
    /// True when `main` reports a problem rather than a runway.
    problem: bool,
    /// Scenario and what-if lines.
    notes: Vec<String>,
}

/// What marks a warning in the headline and the explanation (not colour alone).
const WARNING_MARK: &str = "! ";

/// The headline's warning note: the first warning, and how many more the
/// explanation holds, so several never push the views off an 80×24 screen.
fn warning_note(warnings: &[Warning]) -> Option<String> {
    let first = warnings.first()?;
    let mut note = format!("{WARNING_MARK}{first}");
    if warnings.len() > 1 {
        let explain = keymap::key_for(Scope::Runway, Action::Explain);
        note.push_str(&format!(
            " · +{} more ({explain} explains)",
            warnings.len() - 1
        ));
    }
    Some(note)
}

pub struct RunwayScreen {
    view: View,
    options: ProjectionOptions,
    headline: Headline,
    projection: Option<Box<Projection>>,
    chart: Option<ChartData>,
    explanation: Vec<String>,
    explain_scroll: usize,
    months: Table,
    inputs: Table,
    /// The Inputs view's rows, with each input's help and working.
    parts: inputs::Rows,
    vest_feed: VestFeed,
    today: NaiveDate,
}

impl Default for RunwayScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl RunwayScreen {
    pub fn new() -> Self {
        Self {
            view: View::Chart,
            options: ProjectionOptions::default(),
            headline: Headline::default(),
            projection: None,
            chart: None,
            explanation: Vec::new(),
            explain_scroll: 0,
            months: Table::new(months::COLUMNS),
            inputs: Table::new(inputs::COLUMNS),
            parts: inputs::Rows::default(),
            vest_feed: VestFeed {
                counted: Vec::new(),
                unpriced: 0,
            },
            today: NaiveDate::MIN,
        }
    }

    /// The view shown (for tests).
    pub fn view(&self) -> View {
        self.view
    }

    fn rebuild(&mut self, wb: &Workbook) {
        let today = self.today;
        self.vest_feed = summary::vest_feed(wb, today);
        self.parts = inputs::rows(wb, today, &self.vest_feed);
        self.inputs.set_rows(self.parts.table_rows());
        let warnings = warnings(&wb.runway);
        let mut notes = Vec::new();
        match summary::outlook(wb, today, self.options) {
            Outlook::NeedsInputs(missing) => {
                self.headline = Headline {
                    main: summary::needs_inputs_line(&missing),
                    problem: true,
                    notes: vec!["In the Inputs view (see the view bar), move to Cash accounts or Monthly spending; a adds one.".into()],
                };
                self.projection = None;
                self.chart = None;
                self.explanation = vec![summary::needs_inputs_line(&missing)];
                self.months.set_rows(Vec::new());
            }
            Outlook::Invalid(invalid) => {
                self.headline = Headline {
                    main: format!("Cannot project the runway: {invalid}"),
                    problem: true,
                    notes: vec!["Fix that input in the Inputs view (see the view bar).".into()],
                };
                self.projection = None;
                self.chart = None;
                self.explanation = vec![self.headline.main.clone()];
                self.months.set_rows(Vec::new());
            }
            Outlook::Projected(projection) => {
                notes.extend(warning_note(&warnings));
                if let Some(line) = summary::new_job_line(&wb.runway, &projection) {
                    let shown = if self.options.with_new_job {
                        "shown with it; n hides it"
                    } else {
                        "n shows it"
                    };
                    notes.push(format!("{line} ({shown})"));
                }
                if let Some(line) = summary::what_if_line(&wb.runway, &self.options) {
                    notes.push(line);
                }
                self.headline = Headline {
                    main: summary::headline(&projection, &self.options),
                    problem: false,
                    notes,
                };
                self.explanation = summary::explanation(&projection, &wb.runway, &self.vest_feed);
                self.chart = Some(ChartData::new(&projection));
                self.months.set_rows(months::rows(&projection));
                self.projection = Some(projection);
            }
        }
        if self.headline.problem {
            // Said after the fix-it hint, which matters more while nothing projects.
            self.headline.notes.extend(warning_note(&warnings));
        }
        // The headline points to the explanation for every warning: they come
        // first, after only the reason there is no runway when there is none.
        let at = usize::from(self.headline.problem).min(self.explanation.len());
        let said = warnings.iter().map(|w| format!("{WARNING_MARK}{w}"));
        self.explanation.splice(at..at, said);
    }

    /// Re-projects with new view options (what-if, new job) without saving.
    fn set_options(&mut self, options: ProjectionOptions, cx: &Cx) {
        self.options = options;
        self.rebuild(cx.wb);
    }

    fn open_month(&self, cx: &mut Cx) {
        let Some(projection) = &self.projection else {
            return;
        };
        let Some(index) = self.months.selected_id() else {
            return;
        };
        let Some(row) = projection.months.get(index as usize) else {
            return;
        };
        cx.open(Popup::Message {
            title: format!("Month {} · {}", index + 1, row.label()),
            text: summary::month_lines(row).join("\n"),
            tone: Tone::Info,
            scroll: 0,
        });
    }

    /// Scrolls the explanation by whole entries, so it never scrolls past its last one.
    fn scroll_explanation(&mut self, action: Action) -> bool {
        let last = self.explanation.len().saturating_sub(1);
        self.explain_scroll = match action {
            Action::Up => self.explain_scroll.saturating_sub(1),
            Action::Down => self.explain_scroll + 1,
            Action::PageUp => self.explain_scroll.saturating_sub(5),
            Action::PageDown => self.explain_scroll + 5,
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        }
        .min(last);
        true
    }

    fn render_views_line(&self, frame: &mut Frame, area: Rect, view: &Drawing) {
        let titles: Vec<&str> = View::ALL.iter().map(|v| v.title()).collect();
        let current = View::ALL.iter().position(|v| *v == self.view).unwrap_or(0);
        views::render(frame, area, &titles, current, "←/→ switch view", view.theme);
    }

    /// The headline lines wrapped to `width`, with their styles.
    fn headline_lines(&self, width: usize, view: &Drawing) -> Vec<Line<'static>> {
        let main_style = if self.headline.problem {
            view.theme.warn()
        } else {
            view.theme.title()
        };
        let mut lines: Vec<Line> = pack(&self.headline.main, width)
            .into_iter()
            .map(|l| Line::styled(l, main_style))
            .collect();
        for note in &self.headline.notes {
            let style = if note.starts_with("What-if") || note.starts_with(WARNING_MARK) {
                view.theme.warn()
            } else {
                view.theme.text()
            };
            lines.extend(
                pack(note, width)
                    .into_iter()
                    .map(|l| Line::styled(l, style)),
            );
        }
        lines
    }

    fn render_explain(&self, frame: &mut Frame, area: Rect, view: &Drawing) {
        let width = area.width.saturating_sub(2) as usize;
        let more_above = if self.explain_scroll > 0 {
            " · more above"
        } else {
            ""
        };
        let mut lines: Vec<Line> = vec![Line::styled(
            format!("Every input and the formula behind each figure (↑/↓ scroll){more_above}"),
            view.theme.heading(),
        )];
        for text in self.explanation.iter().skip(self.explain_scroll) {
            let (mark, text, style) = match text.strip_prefix(WARNING_MARK) {
                Some(rest) => (WARNING_MARK, rest, view.theme.warn()),
                None => ("• ", text.as_str(), view.theme.text()),
            };
            for (i, part) in wrap(text, width).into_iter().enumerate() {
                let lead = if i == 0 { mark } else { "  " };
                lines.push(Line::styled(format!("{lead}{part}"), style));
            }
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn render_empty(&self, frame: &mut Frame, area: Rect, view: &Drawing) {
        let text = Line::styled("Nothing to draw yet.", view.theme.dim());
        frame.render_widget(Paragraph::new(text), area);
    }
}

impl Screen for RunwayScreen {
    fn scopes(&self) -> Vec<Scope> {
        match self.view {
            View::Chart => vec![Scope::Runway],
            View::Months => vec![Scope::RunwayMonths, Scope::RunwayRows, Scope::Runway],
            View::Inputs => vec![Scope::RunwayInputs, Scope::RunwayRows, Scope::Runway],
            View::Explain => vec![Scope::RunwayRows, Scope::Runway],
        }
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        match self.view {
            View::Months => Some(&mut self.months),
            View::Inputs => Some(&mut self.inputs),
            _ => None,
        }
    }

    fn table(&self) -> Option<&Table> {
        match self.view {
            View::Months => Some(&self.months),
            View::Inputs => Some(&self.inputs),
            _ => None,
        }
    }

    fn refresh(&mut self, wb: &Workbook, today: NaiveDate) {
        self.today = today;
        self.rebuild(wb);
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> bool {
        match action {
            Action::NextView => self.view = self.view.step(1),
            Action::PrevView => self.view = self.view.step(-1),
            Action::Explain => {
                self.view = if self.view == View::Explain {
                    View::Chart
                } else {
                    View::Explain
                };
            }
            Action::WhatIf => {
                cx.form(forms::what_if(cx.today, &cx.wb.runway, &self.options));
            }
            Action::ToggleNewJob => {
                if cx.wb.runway.new_job.is_none() {
                    cx.status("no new job scenario yet: add one in the Inputs view");
                    return true;
                }
                let options = ProjectionOptions {
                    with_new_job: !self.options.with_new_job,
                    ..self.options
                };
                self.set_options(options, cx);
                cx.status(if options.with_new_job {
                    "chart and months include the new job (not saved)"
                } else {
                    "chart and months without the new job"
                });
            }
            Action::ToggleVestProceeds if self.view == View::Inputs => {
                forms::toggle_vest_proceeds(cx);
            }
            Action::Add | Action::Edit | Action::Delete if self.view == View::Inputs => {
                let Some(row) = self.inputs.selected_id().and_then(|id| self.parts.find(id)) else {
                    return true;
                };
                match action {
                    Action::Add => forms::add(row.part, cx),
                    Action::Edit => forms::edit(row, cx),
                    _ => forms::delete(row, cx),
                }
            }
            Action::Edit if self.view == View::Months => self.open_month(cx),
            _ if self.view == View::Explain => return self.scroll_explanation(action),
            _ => return false,
        }
        true
    }

    fn on_submit(&mut self, form: &Form, cx: &mut Cx) -> Result<(), Refused> {
        match forms::submit(form, cx)? {
            forms::Submitted::Saved => Ok(()),
            forms::Submitted::WhatIf(cut) => {
                let options = ProjectionOptions {
                    discretionary_cut: cut,
                    ..self.options
                };
                self.set_options(options, cx);
                cx.status(if cut.is_zero() {
                    "what-if cleared: back to your saved spending".to_string()
                } else {
                    "what-if applied to the headline, chart and months; nothing was saved"
                        .to_string()
                });
                Ok(())
            }
        }
    }

    fn select(&mut self, kind: Kind, id: Id) {
        if Part::of_kind(kind).is_some() {
            self.view = View::Inputs;
            self.inputs.select_id(id);
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &Drawing) {
        if area.height < 4 || area.width < 20 {
            return;
        }
        let width = area.width as usize;
        let head = self.headline_lines(width, view);
        let head_height = (head.len() as u16).min(area.height / 3).max(1);
        let [top, views, body] = Layout::vertical([
            Constraint::Length(head_height),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(head), top);
        self.render_views_line(frame, views, view);
        match self.view {
            View::Chart => match &self.chart {
                Some(chart) => chart.render(frame, body, view.theme),
                None => self.render_empty(frame, body, view),
            },
            View::Months => {
                let [caption, table] =
                    Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
                let text =
                    "0 money runs out that month · ✗ closing below zero · Enter: money in and out";
                frame.render_widget(
                    Paragraph::new(Line::styled(
                        crate::text::fit(text, caption.width as usize),
                        view.theme.dim(),
                    )),
                    caption,
                );
                self.months.render(
                    frame,
                    table,
                    view.theme,
                    "No months to show until the runway can be projected.",
                )
            }
            View::Inputs => inputs::render(self, frame, body, view),
            View::Explain => self.render_explain(frame, body, view),
        }
    }
}
