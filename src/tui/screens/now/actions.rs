//! The next actions view: once a notice is entered, the Now tab leads with one
//! ranked list of what to do — this week's, then later ones — with the
//! selected action's why underneath and the four items on one line at the
//! bottom. The checklist and its panels are one key away (see `mod.rs`).

use super::checklist::status_style;
use super::forms::{self, Purpose};
use super::panel::fit_line;
use super::shared::Shared;
use crate::domain::checklist::{ActionKind, NextAction, RunwayFigure, relative};
use crate::domain::dates::format_long;
use crate::domain::edit::Kind;
use crate::domain::money::format_money;
use crate::text::{fit, wrap};
use crate::tui::keymap::{Action, Scope};
use crate::tui::screen::{Cx, Tab, Target, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::cursor::Cursor;
use chrono::Days;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

#[derive(Default)]
pub struct Actions {
    cursor: Cursor,
}

/// What an action's amount means, for its explanation.
fn stake_meaning(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Vest => "what these shares are worth at the last price",
        ActionKind::ForfeitedVest => "the unvested shares' worth at the last price",
        ActionKind::Unemployment => "a week of benefit for each week late",
        ActionKind::SeveranceReview => "the severance, gross",
        _ => "money lost if it is missed",
    }
}

impl Actions {
    pub fn refresh(&mut self, shared: &Shared) {
        self.cursor.set_len(shared.report.next.len());
    }

    fn selected<'a>(&self, shared: &'a Shared) -> Option<&'a NextAction> {
        shared.report.next.get(self.cursor.at())
    }

    /// Whether `action` does something here now (for the footer).
    pub fn applies(&self, action: Action, shared: &Shared) -> bool {
        match action {
            Action::Open | Action::Explain => self.selected(shared).is_some(),
            _ => true,
        }
    }

    /// Handles `action`; `false` when it is not the next actions' own.
    pub fn on_action(&mut self, action: Action, shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::Up | Action::Down => {
                self.cursor.on_action(action, 1);
            }
            Action::Open => {
                if let Some(next) = self.selected(shared) {
                    cx.go(Tab::from(next.tab), target(next, shared));
                }
            }
            Action::Explain => {
                if let Some(next) = self.selected(shared) {
                    explain(next, shared, cx);
                }
            }
            Action::Notice => cx.form(forms::notice_form(
                shared.notice.as_ref(),
                shared.notice_pay_start,
                shared.separation,
                shared.today,
            )),
            _ => return false,
        }
        true
    }

    /// The ranked next actions, this week's first, the selected one's why
    /// under them, and the four items in one line at the bottom.
    pub fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let width = area.width as usize;
        let height = area.height as usize;
        let actions = &shared.report.next;
        let mut lines = vec![Line::styled(fit(&situation(shared), width), theme.dim())];
        if actions.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "Nothing to do: no deadline, vest, follow-up or contact is due.",
                theme.text(),
            ));
        } else {
            let detail = match height {
                h if h >= 30 => 5,
                h if h >= 12 => 3,
                _ => 1,
            };
            let summary = if height >= 20 { 2 } else { 0 };
            let room = height.saturating_sub(lines.len() + 1 + detail + summary);
            let rows = self.rows(shared, width, theme);
            // Keep the selected row in sight; headings scroll with the rows,
            // and what does not fit is counted on a last line, never cut silently.
            let mut at = Cursor::default();
            at.set_len(rows.len());
            at.set(
                rows.iter()
                    .position(|(index, _)| *index == Some(self.cursor.at()))
                    .unwrap_or(0),
            );
            let (start, end) = at.rows(u16::try_from(room).unwrap_or(u16::MAX));
            let below = rows.len() - end;
            lines.extend(rows.into_iter().take(end).skip(start).map(|(_, line)| line));
            if start + below > 0 {
                let text = match (start, below) {
                    (0, below) => format!("  ↓ {below} more"),
                    (above, 0) => format!("  ↑ {above} above"),
                    (above, below) => format!("  ↑ {above} above · ↓ {below} more"),
                };
                lines.push(Line::styled(text, theme.dim()));
            }
            lines.push(Line::raw(""));
            if let Some(next) = self.selected(shared) {
                lines.extend(detail_lines(next, width, detail, theme));
            }
        }
        if height >= 20 {
            while lines.len() < height - 1 {
                lines.push(Line::raw(""));
            }
            lines.push(items_line(shared, width, view));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// The list's lines, each with the index of its action (`None` for a heading).
    fn rows(
        &self,
        shared: &Shared,
        width: usize,
        theme: &Theme,
    ) -> Vec<(Option<usize>, Line<'static>)> {
        let actions = &shared.report.next;
        let today = shared.today;
        let mut rows = Vec::new();
        let first_later = actions.iter().position(|a| !a.this_week(today));
        // The year only where there is room for it.
        let date_format = if width >= 100 { "%d %b %Y" } else { "%d %b" };
        for (i, action) in actions.iter().enumerate() {
            if i == 0 && first_later != Some(0) {
                rows.push((None, Line::styled(" This week", theme.heading())));
            }
            if first_later == Some(i) {
                rows.push((None, Line::styled(" Later", theme.heading())));
            }
            let selected = i == self.cursor.at();
            let mark = match (selected, action.attention) {
                (true, _) => "▶ ",
                (false, true) => "! ",
                (false, false) => "  ",
            };
            let when = relative(action.date, today);
            let head = format!("{mark}{}  {when:<12}  ", action.date.format(date_format));
            let stake = action
                .at_stake
                .map(|v| format!("  {}", format_money(v)))
                .unwrap_or_default();
            let title_room = width
                .saturating_sub(head.chars().count())
                .saturating_sub(stake.chars().count());
            let title = if action.attention && selected {
                format!("! {}", action.title)
            } else {
                action.title.clone()
            };
            let title = fit(&title, title_room);
            let gap = title_room.saturating_sub(title.width());
            let text = format!("{head}{title}{}{stake}", " ".repeat(gap));
            let style = if selected {
                theme.selected()
            } else if action.attention {
                theme.warn()
            } else {
                theme.text()
            };
            rows.push((Some(i), Line::styled(fit(&text, width), style)));
        }
        rows
    }
}

/// Where Enter on `next` lands on its tab: a vest or the last day in the
/// last-day what-if on that day, the forfeited shares on the last day on
/// payroll; an offer starting before the last day in its what-if at the day
/// after it; a deadline on the input that meets it; else its record.
fn target(next: &NextAction, shared: &Shared) -> Option<Target> {
    match next.kind {
        ActionKind::Vest | ActionKind::Separation => Some(Target::LastDay(next.date)),
        ActionKind::ForfeitedVest => shared.separation.map(Target::LastDay),
        // "Ask … to start on …": the offer's what-if at the day after the last day.
        ActionKind::EarlyStart => match (next.record, shared.separation) {
            (Some((Kind::Offer, id)), Some(last)) => last
                .checked_add_days(Days::new(1))
                .map(|start| Target::OfferStart(id, start)),
            (record, _) => record.map(|(kind, id)| Target::Record(kind, id)),
        },
        kind => match kind.deadline() {
            Some(deadline) => Some(Target::Deadline(deadline)),
            None => next.record.map(|(kind, id)| Target::Record(kind, id)),
        },
    }
}

/// `x` on a next action: its date, why, and what is at stake.
fn explain(next: &NextAction, shared: &Shared, cx: &mut Cx<Purpose>) {
    let stake = match next.at_stake {
        Some(amount) => format!(
            "\n\nAt stake: {} ({}).",
            format_money(amount),
            stake_meaning(next.kind)
        ),
        None => String::new(),
    };
    let attention = if next.attention {
        "\n\n! Needs attention now."
    } else {
        ""
    };
    let enter = cx.keys.key_for(Scope::NowActions, Action::Open);
    cx.tell(
        // The title holds names from the workbook: shown by the terminal rule.
        crate::text::terminal_safe(&next.title, crate::text::Breaks::Show).into_owned(),
        format!(
            "{} ({})\n\n{}{stake}{attention}\n\n{enter} goes to the {} tab.",
            format_long(next.date),
            relative(next.date, shared.today),
            next.why,
            next.tab.label()
        ),
    );
}

/// "Notice 12 Nov 2026 · last day 9 Feb 2027 · runway 22.52 months".
fn situation(shared: &Shared) -> String {
    let report = &shared.report;
    let mut parts = Vec::new();
    if let Some(notice) = report.deadlines.notice {
        parts.push(format!("Notice {}", format_long(notice)));
    }
    if let Some(last) = shared.separation {
        parts.push(format!("last day {}", format_long(last)));
    }
    parts.push(match &report.runway {
        RunwayFigure::NotEntered(_) => "no runway yet (Runway tab)".to_string(),
        RunwayFigure::Problem(_) => "the runway cannot be worked out".to_string(),
        other => format!("runway {}", other.describe()),
    });
    parts.join(" · ")
}

/// "Checklist  ✓ impact  ✓ positioning  ! options  ! money   v shows it".
fn items_line(shared: &Shared, width: usize, view: &View) -> Line<'static> {
    let theme = view.theme;
    let mut spans = vec![Span::styled("Checklist ", theme.heading())];
    for item in &shared.report.items {
        let status = item.status();
        spans.push(Span::styled(
            format!(" {} {} ", status.symbol(), item.id.key()),
            status_style(status, theme),
        ));
    }
    let switch = view.keys.key_for(Scope::NowActions, Action::SwitchView);
    spans.push(Span::styled(format!("  {switch} shows it"), theme.dim()));
    fit_line(Line::from(spans), width)
}

/// The selected action's title, why, and where Enter goes.
fn detail_lines(next: &NextAction, width: usize, room: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(fit(&next.title, width), theme.title())];
    let mut why = wrap(&next.why, width);
    if why.len() > room.saturating_sub(1) {
        // Keep within the detail's lines; `x` shows the rest.
        let rest = why.split_off(room.saturating_sub(2).min(why.len()));
        why.push(rest.join(" "));
    }
    lines.extend(
        why.into_iter()
            .map(|l| Line::styled(fit(&l, width), theme.text())),
    );
    lines.truncate(room);
    lines
}
