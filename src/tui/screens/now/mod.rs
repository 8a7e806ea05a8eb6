//! The Now tab, the home tab: the article's four steps with a status computed
//! from every other tab, the alerts, the layoff signals log, the deadlines
//! that follow a notice, and the weekly review. Once a notice is entered the
//! tab leads with the next actions, one ranked list of what to do; the
//! checklist and its panels stay one key (`v`) away.
//!
//! Everything shown comes from `domain::checklist::report`, the function
//! `careerbook check` and `careerbook next` print, so they always agree.

mod actions;
mod alerts;
mod checklist;
mod deadlines;
mod forms;
mod panel;
mod render;
mod review;
mod shared;
mod signals;

pub use forms::Purpose;

use crate::domain::Id;
use crate::domain::edit::{Edit, Kind, Section};
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Refused, Screen, View, panels};
use chrono::NaiveDate;
use forms::Form;
use panel::NowPane;
use ratatui::Frame;
use ratatui::layout::Rect;
use review::Review;
use shared::Shared;

panels! {
    Shared, Purpose as dyn NowPane;
    Checklist(checklist: checklist::Checklist) = "Checklist",
    Alerts(alerts: alerts::Alerts) = "Alerts",
    Deadlines(deadlines: deadlines::Deadlines) = "Deadlines",
    Signals(signals: signals::Signals) = "Signals",
}

/// The tab's two views once a notice is entered (before it, only the checklist).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NowView {
    Actions,
    Checklist,
}

pub struct NowScreen {
    shared: Shared,
    /// The view chosen (`v`), once a notice is entered.
    chosen: NowView,
    actions: actions::Actions,
    panels: Panels,
    /// The panel with the keys (←/→ move it).
    panel: Panel,
    /// The panel shown under the checklist when only one fits.
    lower: Panel,
    review: Option<Review>,
}

impl Default for NowScreen {
    fn default() -> Self {
        Self {
            shared: Shared::default(),
            chosen: NowView::Actions,
            actions: actions::Actions::default(),
            panels: Panels::default(),
            panel: Panel::Checklist,
            lower: Panel::Alerts,
            review: None,
        }
    }
}

impl NowScreen {
    /// The view shown: the next actions lead once a notice is entered.
    fn view(&self) -> NowView {
        if self.shared.report.after_notice {
            self.chosen
        } else {
            NowView::Checklist
        }
    }

    /// Keys on the next actions view.
    fn actions_action(&mut self, action: Action, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::SwitchView => self.chosen = NowView::Checklist,
            Action::Review => self.review = Some(Review::new(&self.shared.review)),
            Action::Export => cx.form(forms::calendar_form(self.shared.today)),
            _ => return self.actions.on_action(action, &self.shared, cx),
        }
        true
    }

    fn focus(&mut self, panel: Panel) {
        self.panel = panel;
        if panel != Panel::Checklist {
            self.lower = panel;
        }
    }

    /// An alert about a deadline shows it in the deadlines panel.
    fn open_deadline_alert(&mut self) -> bool {
        let Some(alert) = self.panels.alerts.selected(&self.shared) else {
            return false;
        };
        if !alerts::is_deadline(alert) {
            return false;
        }
        let (date, text) = (alert.date, alert.text.clone());
        self.focus(Panel::Deadlines);
        self.panels
            .deadlines
            .select_alert(&self.shared, date, &text);
        true
    }

    fn mark_today(
        &self,
        section: fn(Option<NaiveDate>) -> Section,
        what: &str,
        cx: &mut Cx<Purpose>,
    ) {
        cx.edit(
            Edit::set_from(cx.wb, section(Some(self.shared.today))),
            format!("{what} marked updated today"),
        );
    }

    /// The tab's own keys; `false` for a panel's.
    fn tab_action(&mut self, action: Action, cx: &mut Cx<Purpose>) -> bool {
        let today = self.shared.today;
        let keys = cx.keys;
        match action {
            Action::SwitchView => self.chosen = NowView::Actions,
            Action::NextView => self.focus(self.panel.step(1)),
            Action::PrevView => self.focus(self.panel.step(-1)),
            Action::Open if self.panel == Panel::Alerts && self.open_deadline_alert() => {}
            Action::Tick if self.panel != Panel::Checklist => {
                let tick = keys.key_for(Scope::Now, Action::Tick);
                let back = keys.key_for(Scope::Now, Action::PrevView);
                cx.status(format!(
                    "{tick} ticks an item of the checklist: {back} to the checklist first"
                ));
            }
            Action::Edit | Action::Delete if self.panel != Panel::Signals => {
                let edit = keys.key_for(Scope::Now, Action::Edit);
                let delete = keys.key_for(Scope::Now, Action::Delete);
                let next = keys.key_for(Scope::Now, Action::NextView);
                cx.status(format!(
                    "{edit} and {delete} act on a signal: {next} to the signals panel first"
                ));
            }
            Action::SelfCheck => cx.form(forms::self_check_form(&self.shared.positioning, today)),
            Action::ResumeToday => self.mark_today(Section::ResumeUpdated, "résumé", cx),
            Action::LinkedinToday => self.mark_today(Section::LinkedinUpdated, "LinkedIn", cx),
            Action::Add => cx.form(forms::signal_form(None, today)),
            Action::Notice => {
                let shared = &self.shared;
                cx.form(forms::notice_form(
                    shared.notice.as_ref(),
                    shared.notice_pay_start,
                    shared.separation,
                    today,
                ));
            }
            Action::Review => self.review = Some(Review::new(&self.shared.review)),
            Action::Export => cx.form(forms::calendar_form(today)),
            _ => return false,
        }
        true
    }
}

impl Screen for NowScreen {
    type Purpose = Purpose;

    fn scopes(&self) -> Vec<Scope> {
        if self.review.is_some() {
            return vec![Scope::NowReview];
        }
        if self.view() == NowView::Actions {
            return vec![Scope::NowActions];
        }
        let mut scopes = self.panels.get(self.panel).scopes();
        if self.shared.report.after_notice {
            scopes.push(Scope::NowNotice);
        }
        scopes.push(Scope::Now);
        scopes
    }

    fn refresh(&mut self, wb: &Workbook, today: NaiveDate, keys: &Keymap) {
        self.shared = Shared::of(wb, today, keys);
        self.panels.refresh(&self.shared, wb, today, keys);
        self.actions.refresh(&self.shared);
        if let Some(review) = &mut self.review {
            review.clamp(&self.shared.review);
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<Purpose>) -> bool {
        if let Some(review) = &mut self.review {
            return match review.on_action(action, &self.shared.review, cx) {
                review::Outcome::Handled => true,
                review::Outcome::Ended => {
                    self.review = None;
                    true
                }
                review::Outcome::Ignored => false,
            };
        }
        if self.view() == NowView::Actions {
            return self.actions_action(action, cx);
        }
        self.tab_action(action, cx)
            || self
                .panels
                .get_mut(self.panel)
                .on_action(action, &self.shared, cx)
    }

    fn applies(&self, action: Action) -> bool {
        if self.review.is_some() {
            return true;
        }
        if self.view() == NowView::Actions {
            return self.actions.applies(action, &self.shared);
        }
        match action {
            Action::Tick if self.panel != Panel::Checklist => false,
            Action::Edit | Action::Delete if self.panel != Panel::Signals => false,
            action => self.panels.get(self.panel).applies(action, &self.shared),
        }
    }

    fn on_submit(&mut self, form: &Form, cx: &mut Cx<Purpose>) -> Result<(), Refused> {
        match &mut self.review {
            Some(review) if form.purpose().is_review() => {
                review.submitted(form, &self.shared.review, cx)
            }
            _ => forms::submit(form, cx),
        }
    }

    fn select(&mut self, kind: Kind, id: Id) {
        if let Some(&panel) = self.panels.select(kind, id).first() {
            self.focus(panel);
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(frame, area, view);
    }
}
