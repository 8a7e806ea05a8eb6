//! The Now tab, the home tab: the article's four steps with a status computed
//! from every other tab, the alerts, the layoff signals log, the deadlines
//! that follow a notice, and the weekly review. Once a notice is entered the
//! tab leads with the next actions, one ranked list of what to do; the
//! checklist and its panels stay one key (`v`) away.
//!
//! Everything shown comes from `domain::checklist::report`, the function
//! `careerbook check` and `careerbook next` print, so they always agree.

mod forms;
mod render;
mod review;

use super::{Cx, Effect, Form, Refused, Screen, View};
use crate::domain::Id;
use crate::domain::checklist::{
    Deadline, ItemId, ItemReport, LayoffNotice, NowReport, Positioning, Signal, Tab, report,
};
use crate::domain::edit::{Edit, Kind, Section};
use crate::domain::pipeline::{Application, Contact};
use crate::domain::runway::Account;
use crate::domain::workbook::Workbook;
use crate::tui::app::Popup;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::popup::Tone;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use review::Review;

/// The panels of the tab; arrows left and right move between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pane {
    Checklist,
    Alerts,
    Deadlines,
    Signals,
}

impl Pane {
    const ALL: [Pane; 4] = [
        Pane::Checklist,
        Pane::Alerts,
        Pane::Deadlines,
        Pane::Signals,
    ];

    fn index(self) -> usize {
        self as usize
    }
}

/// The tab's two views once a notice is entered (before it, only the checklist).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum NowView {
    Actions,
    Checklist,
}

/// What a form opened by this screen is for; an edit carries the record or
/// value as it was when the form opened.
pub enum Purpose {
    Tick(ItemId),
    SelfCheck(Positioning),
    Signal(Option<Signal>),
    Notice(Option<LayoffNotice>),
    /// The weekly review's forms.
    ReviewWin,
    ReviewCash(Account),
    ReviewFollowUp(Application),
    ReviewContact(Contact),
}

pub struct NowScreen {
    today: NaiveDate,
    report: NowReport,
    /// Newest first.
    signals: Vec<Signal>,
    positioning: Positioning,
    notice: Option<LayoffNotice>,
    /// Pre-fills the notice form: the Runway tab's notice pay start and separation.
    notice_pay_start: Option<NaiveDate>,
    separation: Option<NaiveDate>,
    resume: Option<NaiveDate>,
    linkedin: Option<NaiveDate>,
    focus: Pane,
    /// The panel shown under the checklist when only one fits.
    lower: Pane,
    /// The selected line in each panel.
    cursor: [usize; 4],
    /// The view chosen with `v`, once a notice is entered.
    chosen: NowView,
    /// The selected next action.
    action: usize,
    review: Option<Review>,
    /// The workbook's records the review steps list (rebuilt on refresh).
    review_data: review::Data,
}

impl NowScreen {
    pub fn new() -> Self {
        Self {
            today: NaiveDate::MIN,
            report: NowReport::default(),
            signals: Vec::new(),
            positioning: Positioning::default(),
            notice: None,
            notice_pay_start: None,
            separation: None,
            resume: None,
            linkedin: None,
            focus: Pane::Checklist,
            lower: Pane::Alerts,
            cursor: [0; 4],
            chosen: NowView::Actions,
            action: 0,
            review: None,
            review_data: review::Data::default(),
        }
    }

    /// The view shown: the next actions lead once a notice is entered.
    pub(super) fn view(&self) -> NowView {
        if self.report.after_notice {
            self.chosen
        } else {
            NowView::Checklist
        }
    }

    /// Keys on the next actions view.
    fn actions_action(&mut self, action: Action, cx: &mut Cx) -> bool {
        let last = self.report.next.len().saturating_sub(1);
        match action {
            Action::Up => self.action = self.action.saturating_sub(1),
            Action::Down => self.action = (self.action + 1).min(last),
            Action::Open => self.open_action(cx),
            Action::Explain => self.explain_action(cx),
            Action::SwitchView => self.chosen = NowView::Checklist,
            Action::Notice => cx.form(self.notice_form()),
            Action::Review => self.start_review(),
            _ => return false,
        }
        true
    }

    /// Enter on a next action: a deadline shows in the deadlines panel of the
    /// checklist view; anything else goes to its tab and record.
    fn open_action(&mut self, cx: &mut Cx) {
        let Some(action) = self.report.next.get(self.action) else {
            return;
        };
        if let Some(kind) = action.kind.deadline() {
            let at = self
                .report
                .deadlines
                .list
                .iter()
                .position(|d| d.kind == kind);
            self.chosen = NowView::Checklist;
            self.focus(Pane::Deadlines);
            if let Some(at) = at {
                self.cursor[Pane::Deadlines.index()] = at;
            }
            return;
        }
        cx.effects.push(Effect::GoTab(action.tab.index()));
        if let Some((kind, id)) = action.record {
            cx.effects.push(Effect::Select(kind, id));
        }
    }

    /// `x` on a next action: its date, why, and what is at stake.
    fn explain_action(&self, cx: &mut Cx) {
        let Some(action) = self.report.next.get(self.action) else {
            return;
        };
        let stake = match action.at_stake {
            Some(amount) => format!(
                "\n\nAt stake: {} ({}).",
                crate::domain::money::format_money(amount),
                render::stake_meaning(action.kind)
            ),
            None => String::new(),
        };
        let attention = if action.attention {
            "\n\n! Needs attention now."
        } else {
            ""
        };
        cx.open(Popup::Message {
            // The title holds names from the workbook: shown by the terminal rule.
            title: crate::text::terminal_safe(&action.title, crate::text::Breaks::Show)
                .into_owned(),
            text: format!(
                "{} ({})\n\n{}{stake}{attention}\n\nEnter goes to the {} tab.",
                crate::domain::dates::format_long(action.date),
                crate::domain::checklist::relative(action.date, self.today),
                action.why,
                action.tab.label()
            ),
            tone: Tone::Info,
            scroll: 0,
        });
    }

    fn len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Checklist => self.report.items.len(),
            Pane::Alerts => self.report.alerts.len(),
            Pane::Signals => self.signals.len(),
            Pane::Deadlines => self.report.deadlines.list.len(),
        }
    }

    fn selected(&self, pane: Pane) -> usize {
        self.cursor[pane.index()]
    }

    fn focus(&mut self, pane: Pane) {
        self.focus = pane;
        if pane != Pane::Checklist {
            self.lower = pane;
        }
    }

    fn step_focus(&mut self, delta: isize) {
        let n = Pane::ALL.len() as isize;
        let at = (self.focus.index() as isize + delta).rem_euclid(n) as usize;
        self.focus(Pane::ALL[at]);
    }

    fn move_cursor(&mut self, delta: isize) {
        let len = self.len(self.focus);
        let slot = &mut self.cursor[self.focus.index()];
        *slot = (*slot as isize + delta).clamp(0, len.saturating_sub(1) as isize) as usize;
    }

    fn clamp_cursors(&mut self) {
        for pane in Pane::ALL {
            let len = self.len(pane);
            let slot = &mut self.cursor[pane.index()];
            *slot = (*slot).min(len.saturating_sub(1));
        }
    }

    fn item(&self) -> Option<&ItemReport> {
        self.report.items.get(self.selected(Pane::Checklist))
    }

    fn signal(&self) -> Option<&Signal> {
        self.signals.get(self.selected(Pane::Signals))
    }

    fn deadline(&self) -> Option<&Deadline> {
        self.report
            .deadlines
            .list
            .get(self.selected(Pane::Deadlines))
    }

    /// Enter on the focused panel.
    fn open(&mut self, cx: &mut Cx) {
        match self.focus {
            Pane::Checklist => {
                let Some(item) = self.item() else { return };
                match item.fix {
                    Tab::Now => cx.form(self.self_check_form()),
                    tab => cx.effects.push(Effect::GoTab(tab.index())),
                }
            }
            Pane::Alerts => {
                let Some(alert) = self.report.alerts.get(self.selected(Pane::Alerts)) else {
                    return;
                };
                if alert.tab == Tab::Now {
                    // A deadline: show it in the deadlines panel.
                    let at = self
                        .report
                        .deadlines
                        .list
                        .iter()
                        .position(|d| d.date == alert.date && alert.text.starts_with(&d.title));
                    self.focus(Pane::Deadlines);
                    if let Some(at) = at {
                        self.cursor[Pane::Deadlines.index()] = at;
                    }
                    return;
                }
                cx.effects.push(Effect::GoTab(alert.tab.index()));
                if let Some((kind, id)) = alert.record {
                    cx.effects.push(Effect::Select(kind, id));
                }
            }
            Pane::Signals => self.edit_signal(cx),
            Pane::Deadlines => cx.form(self.notice_form()),
        }
    }

    /// `x`: the inputs and rule behind the selected line.
    fn explain(&self, cx: &mut Cx) {
        let (title, text) = match self.focus {
            Pane::Checklist => {
                let Some(item) = self.item() else { return };
                // The rule first: the inputs follow, and on a short screen
                // the last of them may be cut.
                let (rule, inputs) = item
                    .explain
                    .split_last()
                    .map_or((String::new(), &[][..]), |(rule, inputs)| {
                        (rule.clone(), inputs)
                    });
                let mut lines = vec![format!("“{}”", item.id.advice()), String::new(), rule];
                lines.push(match &item.tick {
                    Some(tick) => format!(
                        "Ticked done by hand on {}: {} (computed: {} {})",
                        tick.date,
                        tick.note,
                        item.computed.symbol(),
                        item.computed.word()
                    ),
                    None => format!(
                        "Status: {} {}",
                        item.computed.symbol(),
                        item.computed.word()
                    ),
                });
                lines.push(String::new());
                lines.extend(inputs.iter().cloned());
                (item.title().to_string(), lines.join("\n"))
            }
            Pane::Alerts => {
                let Some(alert) = self.report.alerts.get(self.selected(Pane::Alerts)) else {
                    return;
                };
                (
                    "Alert".to_string(),
                    format!(
                        "{}\n\n{} · Enter goes to the {} tab.",
                        alert.text,
                        alert.date,
                        alert.tab.label()
                    ),
                )
            }
            Pane::Signals => {
                let Some(signal) = self.signal() else { return };
                (
                    signal.kind.label().to_string(),
                    format!(
                        "{}\n\n{}\n\nYour record, not a prediction.",
                        signal.date, signal.note
                    ),
                )
            }
            Pane::Deadlines => {
                let Some(deadline) = self.deadline() else {
                    return;
                };
                (
                    deadline.title.clone(),
                    format!("{}\n\nHow: {}", deadline.date, deadline.how),
                )
            }
        };
        cx.open(Popup::Message {
            title,
            text,
            tone: Tone::Info,
            scroll: 0,
        });
    }

    fn tick(&self, cx: &mut Cx) {
        if self.focus != Pane::Checklist {
            cx.status("t ticks an item of the checklist: ← to the checklist first");
            return;
        }
        let Some(item) = self.item() else { return };
        match &item.tick {
            Some(tick) => cx.confirm(
                "Clear the hand tick",
                format!(
                    "Clear the tick on “{}”? It shows its computed status again ({} {}).",
                    item.title(),
                    item.computed.symbol(),
                    item.computed.word()
                ),
                Edit::Remove(Kind::Tick, tick.id),
                "hand tick cleared",
            ),
            None => cx.form(self.tick_form(item.id)),
        }
    }

    fn edit_signal(&self, cx: &mut Cx) {
        if self.focus != Pane::Signals {
            cx.status("e and d act on a signal: → to the signals panel first");
            return;
        }
        if let Some(signal) = self.signal() {
            cx.form(self.signal_form(Some(signal)));
        }
    }

    fn delete_signal(&self, cx: &mut Cx) {
        if self.focus != Pane::Signals {
            cx.status("e and d act on a signal: → to the signals panel first");
            return;
        }
        if let Some(signal) = self.signal() {
            cx.confirm(
                "Delete signal",
                format!("Delete the signal of {}?", signal.date),
                Edit::Remove(Kind::Signal, signal.id),
                "signal deleted",
            );
        }
    }

    fn mark_today(&self, section: fn(Option<NaiveDate>) -> Section, what: &str, cx: &mut Cx) {
        cx.edit(
            Edit::set_from(cx.wb, section(Some(self.today))),
            format!("{what} marked updated today"),
        );
    }
}

impl Default for NowScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl Screen for NowScreen {
    fn scopes(&self) -> Vec<Scope> {
        if self.review.is_some() {
            vec![Scope::NowReview]
        } else if self.view() == NowView::Actions {
            vec![Scope::NowActions]
        } else if self.report.after_notice {
            vec![Scope::NowNotice, Scope::Now]
        } else {
            vec![Scope::Now]
        }
    }

    fn refresh(&mut self, wb: &Workbook, today: NaiveDate) {
        self.today = today;
        self.report = report(wb, today);
        let book = &wb.now;
        self.signals = book.signals.clone();
        self.signals
            .sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
        self.positioning = book.positioning.clone();
        self.notice = book.notice.clone();
        self.notice_pay_start = wb.runway.notice.as_ref().map(|n| n.start);
        self.separation = wb.runway.separation;
        self.resume = book.resume_updated;
        self.linkedin = book.linkedin_updated;
        self.review_data = review::Data::of(wb, today);
        if let Some(review) = &mut self.review {
            review.clamp(&self.review_data);
        }
        self.clamp_cursors();
        self.action = self.action.min(self.report.next.len().saturating_sub(1));
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> bool {
        if self.review.is_some() {
            return self.review_action(action, cx);
        }
        if self.view() == NowView::Actions {
            return self.actions_action(action, cx);
        }
        match action {
            Action::SwitchView => self.chosen = NowView::Actions,
            Action::NextView => self.step_focus(1),
            Action::PrevView => self.step_focus(-1),
            Action::Up => self.move_cursor(-1),
            Action::Down => self.move_cursor(1),
            Action::Open => self.open(cx),
            Action::Explain => self.explain(cx),
            Action::Tick => self.tick(cx),
            Action::SelfCheck => cx.form(self.self_check_form()),
            Action::ResumeToday => self.mark_today(Section::ResumeUpdated, "résumé", cx),
            Action::LinkedinToday => self.mark_today(Section::LinkedinUpdated, "LinkedIn", cx),
            Action::Add => cx.form(self.signal_form(None)),
            Action::Edit => self.edit_signal(cx),
            Action::Delete => self.delete_signal(cx),
            Action::Notice => cx.form(self.notice_form()),
            Action::Review => self.start_review(),
            _ => return false,
        }
        true
    }

    fn on_submit(&mut self, form: &Form, cx: &mut Cx) -> Result<(), Refused> {
        self.submit(form, cx)
    }

    fn select(&mut self, kind: Kind, id: Id) {
        if kind == Kind::Signal
            && let Some(at) = self.signals.iter().position(|s| s.id == id)
        {
            self.focus(Pane::Signals);
            self.cursor[Pane::Signals.index()] = at;
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        match &self.review {
            Some(review) => review.render(&self.review_data, frame, area, view),
            None if self.report.after_notice => self.render_after_notice(frame, area, view),
            None => self.render_panes(frame, area, view),
        }
    }
}
