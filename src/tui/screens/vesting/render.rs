//! Drawing the Vesting tab from the screen's state. Nothing here computes a
//! figure: every number was formatted from a domain result in `refresh`.

use super::rows::money_or_unknown;
use super::{DaySource, Sub, VestingScreen};
use crate::domain::dates::format_long;
use crate::domain::money::{
    format_money, format_money_whole, format_percent, format_shares, saturating_sum,
};
use crate::domain::vesting::{BonusStatus, explain};
use crate::text::{fit, pad_left};
use crate::tui::screens::View;
use crate::tui::theme::Theme;
use crate::tui::widgets::views;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Wrap};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// From this width on, views show two panes side by side.
const WIDE: u16 = 110;

pub fn screen(s: &VestingScreen, frame: &mut Frame, area: Rect, view: &View) {
    if area.height < 2 || area.width < 10 {
        return;
    }
    let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    views_bar(s, frame, bar, view.theme);
    match s.sub {
        Sub::Upcoming => upcoming(s, frame, body, view.theme),
        Sub::Grants => grants(s, frame, body, view.theme),
        Sub::Prices => prices(s, frame, body, view.theme),
        Sub::LastDay => last_day(s, frame, body, view.theme),
        Sub::Bonuses => bonuses(s, frame, body, view.theme),
    }
}

/// `[Upcoming]  Grants  Prices  Last day  Bonuses   ←/→ views · x explains`
fn views_bar(s: &VestingScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let titles: Vec<&str> = Sub::ALL.iter().map(|sub| sub.title()).collect();
    let current = Sub::ALL.iter().position(|sub| *sub == s.sub).unwrap_or(0);
    views::render(
        frame,
        area,
        &titles,
        current,
        "←/→ views · x explains",
        theme,
    );
}

fn withholding_text(s: &VestingScreen) -> String {
    let (rate, source) = s.withholding;
    format!("withholding {} ({})", format_percent(rate), source.label())
}

fn prices_text(s: &VestingScreen) -> String {
    let mut parts = s.price_notes.clone();
    parts.extend(s.unpriced.iter().map(|t| format!("{t}: no price")));
    if parts.is_empty() {
        "no prices".into()
    } else {
        parts.join(", ")
    }
}

fn empty_state(frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = vec![
        Line::raw(""),
        Line::styled("No grants yet.", theme.title()),
        Line::raw(""),
        Line::raw("Press a to add a grant: its name, ticker, shares, grant date and schedule"),
        Line::raw("(Amazon 5/15/40/40, a 1-year cliff, Meta or Google style, or your own dates)."),
        Line::raw("Then p enters its share price, and → shows bonuses and the last-day what-if."),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn upcoming(s: &VestingScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    if !s.has_grants {
        empty_state(frame, area, theme);
        return;
    }
    let chart_height = if area.height >= 30 { 12 } else { 7 };
    let [summary, chart, table] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(chart_height),
        Constraint::Fill(1),
    ])
    .areas(area);
    let in_chart = saturating_sum(s.quarters.iter().map(|q| q.shares));
    let chart_value = s.quarters.iter().try_fold(Decimal::ZERO, |sum, q| {
        q.gross.map(|g| sum.saturating_add(g))
    });
    let width = summary.width as usize;
    let unknown = || match s.unpriced.as_slice() {
        [] => "value unknown".to_string(),
        tickers => format!("value unknown (no price for {})", tickers.join(", ")),
    };
    let first = match chart_value {
        Some(value) => format!(
            "Next {} quarters: {} shares, {} gross · at {}",
            s.quarters.len(),
            format_shares(in_chart),
            format_money(value),
            prices_text(s),
        ),
        None => format!(
            "Next {} quarters: {} shares, {}",
            s.quarters.len(),
            format_shares(in_chart),
            unknown()
        ),
    };
    let (rate, source) = s.withholding;
    let source = match source {
        explain::WithholdingSource::Runway => "Runway tab",
        explain::WithholdingSource::ThisTab => "set here",
    };
    let second = match (s.upcoming_total.gross, s.upcoming_total.net) {
        (Some(gross), Some(net)) => format!(
            "All {} to come: {} gross, {} net after {} ({source})",
            format_shares(s.upcoming_total.shares),
            format_money(gross),
            format_money(net),
            format_percent(rate),
        ),
        _ => format!(
            "All {} to come: {} · withholding {} ({source})",
            format_shares(s.upcoming_total.shares),
            unknown(),
            format_percent(rate),
        ),
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::raw(fit(&first, width)),
            Line::styled(fit(&second, width), theme.dim()),
        ]),
        summary,
    );
    quarter_chart(s, frame, chart, theme);
    s.upcoming_table.render(
        frame,
        table,
        theme,
        "Nothing left to vest: every grant is fully vested.",
    );
}

/// Bars of shares per quarter, with the quarter, shares and gross value under each.
fn quarter_chart(s: &VestingScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let n = u16::try_from(s.quarters.len()).unwrap_or(u16::MAX);
    if n == 0 || area.height < 5 || area.width < n.saturating_mul(3) {
        return;
    }
    let slot = area.width / n;
    let bar_width = slot.saturating_sub(2).max(1);
    let bars_height = area.height - 3;
    let bars: Vec<Bar> = s
        .quarters
        .iter()
        .map(|q| {
            // Hundredths of a share, so a fractional vest still shows.
            let height = q
                .shares
                .max(Decimal::ZERO)
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|hundredths| hundredths.round().to_u64())
                .unwrap_or(u64::MAX);
            Bar::new(height).text_value("")
        })
        .collect();
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(slot - bar_width)
        .bar_style(theme.heading());
    frame.render_widget(
        chart,
        Rect {
            height: bars_height,
            ..area
        },
    );
    let buf = frame.buffer_mut();
    for (i, q) in s.quarters.iter().enumerate() {
        let x = area
            .x
            .saturating_add(u16::try_from(i).unwrap_or(u16::MAX).saturating_mul(slot));
        let shares = if q.shares.is_zero() {
            "–".to_string()
        } else {
            format!("{} sh", format_shares(q.shares))
        };
        let value = match q.gross {
            _ if q.shares.is_zero() => String::new(),
            Some(gross) if slot >= 12 => format_money(gross),
            Some(gross) => format_money_whole(gross),
            None => "no price".into(),
        };
        let label = if slot >= 9 {
            q.label.clone()
        } else {
            q.label.get(2..).unwrap_or(&q.label).to_string()
        };
        let lines = [
            (label, theme.title()),
            (shares, theme.text()),
            (
                value,
                if q.gross.is_none() {
                    theme.warn()
                } else {
                    theme.text()
                },
            ),
        ];
        for (row, (text, style)) in lines.into_iter().enumerate() {
            let text = fit(&text, slot as usize);
            let pad = (bar_width as usize).saturating_sub(text.chars().count()) / 2;
            buf.set_stringn(
                x.saturating_add(u16::try_from(pad).unwrap_or(u16::MAX)),
                area.y
                    .saturating_add(bars_height)
                    .saturating_add(u16::try_from(row).unwrap_or(u16::MAX)),
                &text,
                slot as usize,
                style,
            );
        }
    }
}

fn grants(s: &VestingScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    if !s.has_grants {
        empty_state(frame, area, theme);
        return;
    }
    let empty = "No grants yet: press a to add one.";
    // Tall enough: the selected grant's schedule always shows under the list.
    if s.schedule_open || area.height >= 30 {
        let (shown, _) = s.grants_table.counts();
        let cap = if area.height >= 30 { 12 } else { 5 };
        let top = u16::try_from(shown)
            .unwrap_or(u16::MAX)
            .saturating_add(1)
            .clamp(2, cap)
            .min(area.height / 3);
        let notes = if s.schedule_open { 0 } else { 3 };
        let [table, notes_area, rest] = Layout::vertical([
            Constraint::Length(top),
            Constraint::Length(notes),
            Constraint::Fill(1),
        ])
        .areas(area);
        s.grants_table.render(frame, table, theme, empty);
        grant_notes(s, frame, notes_area, theme);
        schedule_pane(
            s,
            frame,
            Rect {
                y: rest.y + 1,
                height: rest.height.saturating_sub(1),
                ..rest
            },
            theme,
        );
    } else {
        let [table, notes] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(area);
        s.grants_table.render(frame, table, theme, empty);
        grant_notes(s, frame, notes, theme);
    }
}

fn grant_notes(s: &VestingScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let width = area.width as usize;
    let lines = vec![
        Line::styled(
            fit(
                &format!(
                    "Vested and unvested as of {}; values at {}.",
                    format_long(s.today),
                    prices_text(s)
                ),
                width,
            ),
            theme.dim(),
        ),
        Line::styled(
            fit(
                "v: the selected grant's whole schedule · x: how it vests · p: enter a price",
                width,
            ),
            theme.dim(),
        ),
    ];
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        },
    );
}

/// The selected grant's schedule: a list when focused (`v`), else a preview.
fn schedule_pane(s: &VestingScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(view) = s
        .grants_table
        .selected_id()
        .and_then(|id| s.schedules.get(&id))
    else {
        return;
    };
    if area.height < 3 {
        return;
    }
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    let focus = if s.schedule_open {
        "v or Esc: back to the grants"
    } else {
        "v: scroll this schedule"
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(fit(&view.summary, head.width as usize), theme.title()),
            Line::styled(fit(focus, head.width as usize), theme.dim()),
        ]),
        head,
    );
    if s.schedule_open {
        s.schedule_table
            .render(frame, body, theme, "This grant has no vests.");
        return;
    }
    // Preview: the schedule from its first vest still to come (or its end).
    let start = view
        .first_unvested
        .map(|id| id as usize)
        .unwrap_or(view.rows.len())
        .saturating_sub(2);
    let mut lines = vec![Line::styled(
        fit(
            &format!(
                "  {:<10} {:>7} {:>14}  {:<9} {:>12}",
                "Date", "Shares", "Vested total", "Status", "Value today"
            ),
            body.width as usize,
        ),
        theme.title(),
    )];
    for row in view.rows.iter().skip(start) {
        let cells = &row.cells;
        let get = |i: usize| cells.get(i).map(String::as_str).unwrap_or("");
        let text = format!(
            "{} {:<10} {:>7} {:>14}  {:<9} {:>12}",
            row.mark.unwrap_or(" "),
            get(0),
            get(1),
            get(2),
            get(3),
            get(4)
        );
        lines.push(Line::raw(fit(&text, body.width as usize)));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

fn prices(s: &VestingScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let notes_height = u16::try_from(s.unpriced.len())
        .unwrap_or(u16::MAX)
        .saturating_add(3)
        .min(area.height / 2);
    let [table, notes] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(notes_height)]).areas(area);
    s.prices_table.render(
        frame,
        table,
        theme,
        "No prices yet: press a to enter one (careerbook never fetches prices).",
    );
    let width = notes.width as usize;
    let mut lines = vec![Line::raw("")];
    for ticker in &s.unpriced {
        lines.push(Line::styled(
            fit(
                &format!("! {ticker} has no price: its values show as unknown. a enters one."),
                width,
            ),
            theme.warn(),
        ));
    }
    lines.push(Line::styled(
        fit(
            "A ticker's current price is its latest one dated on or before today.",
            width,
        ),
        theme.dim(),
    ));
    lines.push(Line::styled(
        fit(
            &format!("Vests: {}; % changes it.", withholding_text(s)),
            width,
        ),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), notes);
}

fn last_day(s: &VestingScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    if area.width >= WIDE {
        let [left, right] = Layout::horizontal([Constraint::Length(74), Constraint::Fill(1)])
            .spacing(2)
            .areas(area);
        last_day_panel(s, frame, left, theme);
        around_pane(s, frame, right, theme);
    } else {
        last_day_panel(s, frame, area, theme);
    }
}

fn last_day_panel(s: &VestingScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let width = area.width as usize;
    let day = s.last_day();
    let source = match s.day_source() {
        DaySource::Separation => "the Runway tab's separation date".to_string(),
        DaySource::Today => "today: no separation date on the Runway tab".to_string(),
        DaySource::WhatIf => "what-if, not saved · t resets · S saves it".to_string(),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Last day ", theme.title()),
            Span::styled(day.format("%a %-d %b %Y").to_string(), theme.tab_active()),
            Span::styled(format!("  {source}"), theme.dim()),
        ]),
        Line::styled(
            fit(
                "-/+ a day · [/] a week · {/} a month · n next vest · e type a date",
                width,
            ),
            theme.dim(),
        ),
        Line::raw(fit(
            &format!(
                "Role eliminated: {} (r toggles; waives clawbacks that allow it)",
                if s.role_eliminated { "yes" } else { "no" }
            ),
            width,
        )),
        Line::raw(""),
    ];
    if let Some(invalid) = &s.report_error {
        lines.push(Line::styled(format!("✗ {}", invalid.message), theme.bad()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
        return;
    }
    let r = &s.report;
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
        lines.push(Line::raw("No grants yet: a on the Grants view adds one."));
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
            let reason = s.bonus_reasons.get(&b.id).cloned().unwrap_or_default();
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
        None if s.has_grants => lines.push(Line::raw(format!(
            "Nothing vests after {}: every share is kept.",
            format_long(day)
        ))),
        None => {}
    }
    lines.push(Line::styled(
        format!(
            "Values at today's price: {}. x explains every figure.",
            prices_text(s)
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
            s.last_day_explained
                .iter()
                .map(|l| Line::styled(l.clone(), theme.dim())),
        );
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// Wide layout: the vests around the last day, each kept or forfeited.
fn around_pane(s: &VestingScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let width = area.width as usize;
    let day = s.last_day();
    let mut lines = vec![
        Line::styled("Vests around the last day", theme.title()),
        Line::styled(
            fit("✓ kept · ✗ forfeited · gross today", width),
            theme.dim(),
        ),
        Line::raw(""),
    ];
    let mut marked = false;
    for e in &s.around {
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
    if !marked && s.has_grants {
        lines.push(Line::styled(
            fit(
                &format!("── last day {day}: nothing vests after it ──"),
                width,
            ),
            theme.heading(),
        ));
    }
    if s.around.is_empty() && !s.has_grants {
        lines.push(Line::styled("No grants yet.", theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn bonuses(s: &VestingScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let [table, detail] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(6)]).areas(area);
    s.bonuses_table.render(
        frame,
        table,
        theme,
        "No bonuses yet: press a to add a sign-on, annual or retention bonus.",
    );
    let mut lines = vec![Line::styled(
        fit(
            &format!(
                "At the last day {} ({}) · role eliminated: {}",
                s.last_day(),
                match s.day_source() {
                    DaySource::Separation => "Runway separation date",
                    DaySource::Today => "today",
                    DaySource::WhatIf => "what-if",
                },
                if s.role_eliminated { "yes" } else { "no" }
            ),
            detail.width as usize,
        ),
        theme.dim(),
    )];
    if let Some(note) = s
        .bonuses_table
        .selected_id()
        .and_then(|id| s.bonus_notes.get(&id))
    {
        lines.push(Line::raw(note.clone()));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        Rect {
            y: detail.y + 1,
            height: detail.height.saturating_sub(1),
            ..detail
        },
    );
}
