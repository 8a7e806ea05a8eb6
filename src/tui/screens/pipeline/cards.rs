//! What the board and the list show of one application, built once per
//! refresh, and the words used for follow-ups and ghosting everywhere on the tab.

use crate::domain::pipeline::{Application, FollowUp, Pipeline, Stage};
use crate::domain::{Id, dates};
use crate::text::{self, fit};
use crate::tui::keymap::{Action, Scope};
use crate::tui::screen::View;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::collections::HashMap;

/// One application as the tab shows it.
#[derive(Clone, Debug)]
pub struct Card {
    pub id: Id,
    pub company: String,
    pub role: String,
    pub stage: Stage,
    pub since: Option<NaiveDate>,
    pub applied: Option<NaiveDate>,
    pub follow_up: Option<(NaiveDate, FollowUp)>,
    /// Follow-up date of a closed application (kept, but asks for nothing).
    pub closed_follow_up: Option<NaiveDate>,
    /// Days since the last stage change.
    pub quiet_days: Option<i64>,
    /// Suggested as ghosted (no reply for `ghost_after_days`).
    pub ghost: bool,
    pub location: Option<String>,
    pub source: &'static str,
    pub next_action: Option<String>,
    pub contacts: Vec<String>,
    pub stories: usize,
}

impl Card {
    pub fn new(
        app: &Application,
        pipeline: &Pipeline,
        names: &HashMap<Id, &str>,
        today: NaiveDate,
    ) -> Self {
        let follow_up = app.follow_up.zip(app.follow_up_state(today));
        Self {
            id: app.id,
            company: app.company.clone(),
            role: app.role.clone(),
            stage: app.stage,
            since: app.last_change(),
            applied: app.applied_on(),
            follow_up,
            closed_follow_up: app.follow_up.filter(|_| follow_up.is_none()),
            quiet_days: app
                .last_change()
                .map(|last| dates::days_between(last, today)),
            ghost: app.looks_ghosted(today, pipeline.ghost_after_days),
            location: app.location.clone(),
            source: app.source.label(),
            next_action: app.next_action.clone(),
            contacts: app
                .contacts
                .iter()
                .filter_map(|id| names.get(id).map(|n| n.to_string()))
                .collect(),
            stories: app.stories.len(),
        }
    }

    pub fn is_overdue(&self) -> bool {
        matches!(self.follow_up, Some((_, FollowUp::Overdue { .. })))
    }

    /// The follow-up in the most words that fit `width`: `! overdue since 25 Nov`
    /// … `! late 25 Nov`. Every form starts with its symbol.
    pub fn follow_up_label(&self, width: usize) -> Option<String> {
        let (date, state) = self.follow_up?;
        let day = short_date(date);
        let options = match state {
            FollowUp::Overdue { .. } => vec![
                format!("! overdue since {day}"),
                format!("! overdue {day}"),
                format!("! late {day}"),
                "! late".to_string(),
            ],
            FollowUp::DueToday => vec![
                "• follow up today".to_string(),
                "• due today".to_string(),
                "• today".to_string(),
            ],
            FollowUp::Upcoming { .. } => {
                vec![format!("→ follow up {day}"), format!("→ {day}")]
            }
        };
        let last = options.last().cloned();
        options
            .into_iter()
            .find(|o| o.chars().count() <= width)
            .or(last)
    }

    /// The style a follow-up is drawn in; the symbol and words say the same.
    pub fn follow_up_style(&self, theme: &Theme) -> Style {
        match self.follow_up {
            Some((_, FollowUp::Overdue { .. })) => theme.bad(),
            Some((_, FollowUp::DueToday)) => theme.warn(),
            _ => theme.text(),
        }
    }

    /// `? no reply 37d` for a card suggested as ghosted.
    pub fn ghost_label(&self, width: usize) -> Option<String> {
        if !self.ghost {
            return None;
        }
        let days = self.quiet_days.unwrap_or(0);
        let long = format!("? no reply for {days} days");
        Some(if long.chars().count() <= width {
            long
        } else {
            format!("? no reply {days}d")
        })
    }

    /// Up to three lines about this application for the strip under the board
    /// and the list.
    pub fn detail(&self, width: usize, ghost_after_days: u32, view: &View) -> Vec<Line<'static>> {
        let theme = view.theme;
        let key = |action| view.keys.key_for(Scope::PipelineApps, action);
        let mut title = format!("{} — {}", self.company, self.role);
        if let Some(location) = &self.location {
            title.push_str(&format!(" · {location}"));
        }
        title.push_str(&format!(" · via {}", self.source.to_lowercase()));
        if let Some(since) = self.since {
            title.push_str(&format!(
                " · {} since {}",
                self.stage.label(),
                short_date(since)
            ));
        }
        let mut lines = vec![Line::styled(fit(&title, width), theme.title())];
        let next = self
            .next_action
            .as_deref()
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        let follow = match self.follow_up {
            Some((date, FollowUp::Overdue { days })) => format!(
                "! Follow-up overdue by {} (was {}){next}",
                text::days(days),
                short_date(date)
            ),
            Some((_, FollowUp::DueToday)) => format!("• Follow up today{next}"),
            Some((date, FollowUp::Upcoming { days })) => format!(
                "→ Follow up on {} (in {}){next}",
                short_date(date),
                text::days(days)
            ),
            None if self.stage.is_active() => match &self.next_action {
                Some(n) => format!("Next: {n} (no follow-up date)"),
                None => format!(
                    "No next action or follow-up date set ({} edits)",
                    key(Action::Edit)
                ),
            },
            None => format!("Closed as {}; kept on record", self.stage.key()),
        };
        lines.push(Line::styled(
            fit(&follow, width),
            self.follow_up_style(theme),
        ));
        if self.ghost {
            let text = format!(
                "? No reply for {} (since {}; suggested after {ghost_after_days}): {} moves it to ghosted",
                text::days(self.quiet_days.unwrap_or(0)),
                self.since.map(short_date).unwrap_or_default(),
                key(Action::AcceptGhosted)
            );
            lines.push(Line::styled(fit(&text, width), theme.warn()));
        }
        let mut with = Vec::new();
        if !self.contacts.is_empty() {
            with.push(format!("With {}", self.contacts.join(", ")));
        }
        if self.stories > 0 {
            with.push(format!(
                "{} to tell",
                if self.stories == 1 {
                    "1 story".to_string()
                } else {
                    format!("{} stories", self.stories)
                }
            ));
        }
        if !with.is_empty() {
            lines.push(Line::from(Span::styled(
                fit(&with.join(" · "), width),
                theme.dim(),
            )));
        }
        lines
    }
}

/// `25 Nov`: the short date of the board and the detail strip.
pub fn short_date(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}
