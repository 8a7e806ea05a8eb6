//! What the board and the list show of one application, worked out when it
//! is drawn (or, for the list, once per refresh without its words), and the
//! words used for follow-ups and ghosting everywhere on the tab.

use crate::domain::pipeline::{Application, FollowUp, Pipeline, Source, Stage};
use crate::domain::{Id, dates};
use crate::text::{self, fit};
use crate::tui::keymap::{Action, Scope};
use crate::tui::screen::View;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// What the tab shows of an application besides its words, on a day.
#[derive(Clone, Copy, Debug)]
pub struct Facts {
    pub id: Id,
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
    pub source: Source,
}

/// One application as the board and the list draw it: its facts and words.
#[derive(Clone, Copy, Debug)]
pub struct Card<'a> {
    pub facts: Facts,
    pub company: &'a str,
    pub role: &'a str,
    pub location: Option<&'a str>,
}

impl<'a> Card<'a> {
    pub fn new(app: &'a Application, today: NaiveDate, ghost_after_days: u32) -> Self {
        Self {
            facts: Facts::new(app, today, ghost_after_days),
            company: &app.company,
            role: &app.role,
            location: app.location.as_deref(),
        }
    }
}

impl Facts {
    pub fn new(app: &Application, today: NaiveDate, ghost_after_days: u32) -> Self {
        let follow_up = app.follow_up.zip(app.follow_up_state(today));
        Self {
            id: app.id,
            stage: app.stage,
            since: app.last_change(),
            applied: app.applied_on(),
            follow_up,
            closed_follow_up: app.follow_up.filter(|_| follow_up.is_none()),
            quiet_days: app
                .last_change()
                .map(|last| dates::days_between(last, today)),
            ghost: app.looks_ghosted(today, ghost_after_days),
            source: app.source,
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
}

/// The record at `at` in `records` when it is `id` (it is, unless the
/// workbook changed since the places were taken), else the one that is.
pub fn record_at<T>(records: &[T], at: usize, id: Id, id_of: impl Fn(&T) -> Id) -> Option<&T> {
    records
        .get(at)
        .filter(|r| id_of(r) == id)
        .or_else(|| records.iter().find(|r| id_of(r) == id))
}

/// Up to three lines about `app` for the strip under the board and the list.
pub fn detail(
    app: &Application,
    pipeline: &Pipeline,
    width: usize,
    view: &View,
) -> Vec<Line<'static>> {
    let ghost_after_days = pipeline.ghost_after_days;
    let card = Card::new(app, view.today, ghost_after_days);
    let facts = &card.facts;
    let theme = view.theme;
    let key = |action| view.keys.key_for(Scope::PipelineApps, action);
    let mut title = format!("{} — {}", card.company, card.role);
    if let Some(location) = card.location {
        title.push_str(&format!(" · {location}"));
    }
    title.push_str(&format!(" · via {}", facts.source.label().to_lowercase()));
    if let Some(since) = facts.since {
        title.push_str(&format!(
            " · {} since {}",
            facts.stage.label(),
            short_date(since)
        ));
    }
    let mut lines = vec![Line::styled(fit(&title, width), theme.title())];
    let next = app
        .next_action
        .as_deref()
        .map(|n| format!(": {n}"))
        .unwrap_or_default();
    let follow = match facts.follow_up {
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
        None if facts.stage.is_active() => match &app.next_action {
            Some(n) => format!("Next: {n} (no follow-up date)"),
            None => format!(
                "No next action or follow-up date set ({} edits)",
                key(Action::Edit)
            ),
        },
        None => format!("Closed as {}; kept on record", facts.stage.key()),
    };
    lines.push(Line::styled(
        fit(&follow, width),
        facts.follow_up_style(theme),
    ));
    if facts.ghost {
        let text = format!(
            "? No reply for {} (since {}; suggested after {ghost_after_days}): {} moves it to ghosted",
            text::days(facts.quiet_days.unwrap_or(0)),
            facts.since.map(short_date).unwrap_or_default(),
            key(Action::AcceptGhosted)
        );
        lines.push(Line::styled(fit(&text, width), theme.warn()));
    }
    let contacts: Vec<&str> = app
        .contacts
        .iter()
        .filter_map(|&id| pipeline.contact(id).map(|c| c.name.as_str()))
        .collect();
    let mut with = Vec::new();
    if !contacts.is_empty() {
        with.push(format!("With {}", contacts.join(", ")));
    }
    let stories = app.stories.len();
    if stories > 0 {
        with.push(format!(
            "{} to tell",
            if stories == 1 {
                "1 story".to_string()
            } else {
                format!("{stories} stories")
            }
        ));
    }
    with.extend(app.salary.as_ref().and_then(|s| s.describe()));
    if !with.is_empty() {
        lines.push(Line::from(Span::styled(
            fit(&with.join(" · "), width),
            theme.dim(),
        )));
    }
    lines
}

/// `25 Nov`: the short date of the board and the detail strip.
pub fn short_date(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}
