//! The last-day what-if: what leaving on a given day keeps and forfeits —
//! shares, bonuses and clawbacks — and the vests around it. The tab's day
//! keys move the day (see `mod.rs`); this view draws it.

use super::forms::{self, Purpose};
use super::rows::money_or_unknown;
use super::shared::{DaySource, Shared};
use crate::domain::dates::format_long;
use crate::domain::money::{format_money, format_shares};
use crate::domain::vesting::BonusStatus;
use crate::domain::workbook::Workbook;
use crate::text::{fit, pad_left};
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// From this width on, the vests around the day show beside the panel.
const WIDE: u16 = 110;

#[derive(Default)]
pub struct LastDayView;

impl LastDayView {
    fn draw(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        if area.width >= WIDE {
            let [left, right] = Layout::horizontal([Constraint::Length(74), Constraint::Fill(1)])
                .spacing(2)
                .areas(area);
            panel(shared, frame, left, view);
            around(shared, frame, right, view.theme);
        } else {
            panel(shared, frame, area, view);
        }
    }
}

fn panel(shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
    let theme = view.theme;
    let keys = view.keys;
    let key = |action| keys.key_for(Scope::VestingLastDay, action);
    let last = &shared.last_day;
    let width = area.width as usize;
    let day = last.day;
    let source = match last.source {
        DaySource::Separation => "the Runway tab's separation date".to_string(),
        DaySource::Today => "today: no separation date on the Runway tab".to_string(),
        DaySource::WhatIf => format!(
            "what-if, not saved · {} resets · {} saves it",
            key(Action::ResetDay),
            key(Action::SaveSeparation)
        ),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Last day ", theme.title()),
            Span::styled(day.format("%a %-d %b %Y").to_string(), theme.tab_active()),
            Span::styled(format!("  {source}"), theme.dim()),
        ]),
        Line::styled(
            fit(
                &format!(
                    "{}/{} a day · {}/{} a week · {}/{} a month · {} next vest · {} type a date",
                    key(Action::DayEarlier),
                    key(Action::DayLater),
                    key(Action::WeekEarlier),
                    key(Action::WeekLater),
                    key(Action::MonthEarlier),
                    key(Action::MonthLater),
                    key(Action::NextVestDay),
                    key(Action::Edit)
                ),
                width,
            ),
            theme.dim(),
        ),
        Line::raw(fit(
            &format!(
                "Role eliminated: {} ({} toggles; waives clawbacks that allow it)",
                if shared.role_eliminated { "yes" } else { "no" },
                key(Action::ToggleEliminated)
            ),
            width,
        )),
        Line::raw(""),
    ];
    if let Some(invalid) = &last.error {
        lines.push(Line::styled(format!("✗ {}", invalid.message), theme.bad()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
        return;
    }
    let r = &last.report;
    let numbers = 9 + 9 + 9 + 15 + 4;
    let name_width = width.saturating_sub(numbers + 1).max(6);
    if !r.grants.is_empty() {
        lines.push(Line::styled(
            fit(
                &format!(
                    "{:<name_width$} {:>9} {:>9} {:>9} {:>15}",
                    "Grant", "Granted", "Vested", "Forfeited", "Forfeited value"
                ),
                width,
            ),
            theme.title(),
        ));
        for g in &r.grants {
            let value_style = if g.forfeited.is_zero() {
                theme.text()
            } else if g.forfeited_value.is_none() {
                theme.warn()
            } else {
                theme.bad()
            };
            lines.push(Line::from(vec![
                Span::raw(fit(
                    &format!(
                        "{:<name_width$} {:>9} {:>9} {:>9} ",
                        fit(&g.name, name_width),
                        format_shares(g.granted),
                        format_shares(g.vested),
                        format_shares(g.forfeited)
                    ),
                    width,
                )),
                Span::styled(
                    pad_left(&money_or_unknown(g.forfeited_value), 15),
                    value_style,
                ),
            ]));
        }
        lines.push(Line::styled(
            fit(
                &format!(
                    "{:<name_width$} {:>9} {:>9} {:>9} {:>15}",
                    "Total",
                    format_shares(r.granted),
                    format_shares(r.vested),
                    format_shares(r.forfeited),
                    money_or_unknown(r.forfeited_value)
                ),
                width,
            ),
            theme.title(),
        ));
    } else if r.not_yet_granted.is_empty() {
        lines.push(Line::raw(format!(
            "No grants yet: {} on the Grants view adds one.",
            keys.key_for(Scope::VestingGrants, Action::Add)
        )));
    }
    for g in &r.not_yet_granted {
        lines.push(Line::styled(
            fit(
                &format!(
                    "◦ {}: granted {}, after this day — never received, left out",
                    g.name, g.grant_date
                ),
                width,
            ),
            theme.dim(),
        ));
    }
    if !r.bonuses.is_empty() {
        lines.push(Line::raw(""));
        let name_width = width.saturating_sub(10 + 12 + 2).clamp(6, 22);
        for b in &r.bonuses {
            let (word, style) = match b.status {
                BonusStatus::Kept => ("✓ kept", theme.good()),
                BonusStatus::Missed => ("✗ missed", theme.bad()),
                BonusStatus::Clawback => ("! owes", theme.bad()),
            };
            let reason = last.bonus_reasons.get(&b.id).cloned().unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(format!("{word:<9}"), style),
                Span::raw(fit(
                    &format!(
                        "{:<name_width$} {:>12}  {}",
                        fit(&b.name, name_width),
                        format_money(b.amount),
                        reason
                    ),
                    width.saturating_sub(9),
                )),
            ]));
        }
    }
    lines.push(Line::raw(""));
    match &r.next_vest {
        Some(next) => {
            let days = (next.date - day).num_days();
            let worth = match (next.gross, next.net) {
                (Some(gross), Some(net)) => {
                    format!("{} gross, {} net", format_money(gross), format_money(net))
                }
                _ => "value unknown: no price".into(),
            };
            lines.push(Line::from(vec![
                Span::styled("Staying until ", theme.text()),
                Span::styled(next.date.format("%-d %b %Y").to_string(), theme.title()),
                Span::raw(format!(
                    " (+{days} days) would add {} shares ({worth}).",
                    format_shares(next.shares)
                )),
            ]));
        }
        None if shared.has_grants => lines.push(Line::raw(format!(
            "Nothing vests after {}: every share is kept.",
            format_long(day)
        ))),
        None => {}
    }
    lines.push(Line::styled(
        format!(
            "Values at today's price: {}. {} every figure.",
            shared.prices_text(),
            keys.hint(Scope::Vesting, Action::Explain, "explains")
        ),
        theme.dim(),
    ));
    // Tall enough: the explanation shows under the panel too.
    if area.height >= 34 {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "How these figures are computed",
            theme.title(),
        ));
        lines.extend(
            last.explained
                .iter()
                .map(|l| Line::styled(l.clone(), theme.dim())),
        );
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// Wide layout: the vests around the last day, each kept or forfeited.
fn around(shared: &Shared, frame: &mut Frame, area: Rect, theme: &Theme) {
    let width = area.width as usize;
    let day = shared.last_day.day;
    let mut lines = vec![
        Line::styled("Vests around the last day", theme.title()),
        Line::styled(
            fit("✓ kept · ✗ forfeited · gross today", width),
            theme.dim(),
        ),
        Line::raw(""),
    ];
    let mut marked = false;
    for e in &shared.last_day.around {
        if !marked && e.date > day {
            lines.push(Line::styled(
                fit(&format!("── last day {day} ──"), width),
                theme.heading(),
            ));
            marked = true;
        }
        let (mark, style): (&str, Style) = if e.date <= day {
            ("✓", theme.good())
        } else {
            ("✗", theme.bad())
        };
        lines.push(Line::from(vec![
            Span::styled(mark, style),
            Span::raw(fit(
                &format!(
                    " {} {:>5} {:>11}  {}",
                    e.date,
                    format_shares(e.shares),
                    money_or_unknown(e.gross),
                    e.grant
                ),
                width.saturating_sub(1),
            )),
        ]));
    }
    if !marked && shared.has_grants {
        lines.push(Line::styled(
            fit(
                &format!("── last day {day}: nothing vests after it ──"),
                width,
            ),
            theme.heading(),
        ));
    }
    if shared.last_day.around.is_empty() && !shared.has_grants {
        lines.push(Line::styled("No grants yet.", theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

impl Pane<Shared, Purpose> for LastDayView {
    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::VestingLastDay]
    }

    fn refresh(&mut self, _shared: &Shared, _wb: &Workbook, _today: NaiveDate, _keys: &Keymap) {}

    fn on_action(&mut self, action: Action, shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::Edit => cx.form(forms::last_day(shared.last_day.day, cx.today, cx.keys)),
            Action::Explain => cx.tell(
                "How the last day works out",
                shared.last_day.explained.join("\n"),
            ),
            _ => return false,
        }
        true
    }

    fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(shared, frame, area, view);
    }
}
