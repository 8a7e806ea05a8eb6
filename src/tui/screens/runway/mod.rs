//! The Runway tab: how long the money lasts, in four views — the balance
//! chart, the month-by-month table, the inputs in sections, and the
//! explanation of every figure. A headline above them all gives the runway.
//!
//! The screen keeps only view state (the view, the what-if cut, whether the
//! new job is shown); every figure comes from `domain::runway`, rebuilt in
//! `refresh`, the same functions `careerbook runway` prints.

mod chart;
mod explanation;
mod forms;
mod inputs;
mod months;
mod render;
mod sections;
mod shared;

pub use forms::Purpose;

use crate::domain::Id;
use crate::domain::edit::Kind;
use crate::domain::runway::ProjectionOptions;
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Refused, Screen, Target, View, panels};
use crate::tui::widgets::table::Table;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use shared::Shared;

type Form = crate::tui::widgets::form::Form<Purpose>;

panels! {
    Shared, Purpose;
    Chart(chart: chart::ChartView) = "Chart",
    Months(months: months::Months) = "Months",
    Inputs(inputs: inputs::Inputs) = "Inputs",
    Explain(explanation: explanation::Explanation) = "Explain",
}

#[derive(Default)]
pub struct RunwayScreen {
    shared: Shared,
    panels: Panels,
    panel: Panel,
    /// The what-if and new-job settings: the view's, never saved.
    options: ProjectionOptions,
    today: NaiveDate,
}

impl RunwayScreen {
    /// Re-projects with new view options (what-if, new job) without saving.
    fn set_options(&mut self, options: ProjectionOptions, cx: &Cx<Purpose>) {
        self.options = options;
        self.rebuild(cx.wb, cx.keys);
    }

    fn rebuild(&mut self, wb: &Workbook, keys: &Keymap) {
        self.shared = Shared::of(wb, self.today, self.options, keys);
        self.panels.refresh(&self.shared, wb, self.today, keys);
    }
}

impl Screen for RunwayScreen {
    type Purpose = Purpose;

    fn scopes(&self) -> Vec<Scope> {
        let mut scopes = self.panels.get(self.panel).scopes();
        scopes.push(Scope::Runway);
        scopes
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        self.panels.get_mut(self.panel).table_mut()
    }

    fn table(&self) -> Option<&Table> {
        self.panels.get(self.panel).table()
    }

    fn refresh(&mut self, wb: &Workbook, today: NaiveDate, keys: &Keymap) {
        self.today = today;
        self.rebuild(wb, keys);
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::NextView => self.panel = self.panel.step(1),
            Action::PrevView => self.panel = self.panel.step(-1),
            Action::Explain => {
                self.panel = if self.panel == Panel::Explain {
                    Panel::Chart
                } else {
                    Panel::Explain
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
            _ => {
                return self
                    .panels
                    .get_mut(self.panel)
                    .on_action(action, &self.shared, cx);
            }
        }
        true
    }

    fn applies(&self, action: Action) -> bool {
        self.panels.get(self.panel).applies(action, &self.shared)
    }

    fn on_submit(&mut self, form: &Form, cx: &mut Cx<Purpose>) -> Result<(), Refused> {
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

    /// An input shows itself in the Inputs view.
    fn select(&mut self, kind: Kind, id: Id) {
        if let Some(&panel) = self.panels.select(kind, id).first() {
            self.panel = panel;
        }
    }

    /// From another tab: a deadline on the input that meets it, a record in
    /// the Inputs view.
    fn show(&mut self, target: Target, wb: &Workbook) {
        match target {
            Target::Deadline(deadline) => {
                self.panels.inputs.show_deadline(deadline, wb);
                self.panel = Panel::Inputs;
            }
            Target::Record(kind, id) => self.select(kind, id),
            Target::LastDay(_) | Target::OfferStart(..) => {}
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(frame, area, view);
    }
}
