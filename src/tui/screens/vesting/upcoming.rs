//! The upcoming view: a chart of the next eight quarters and every vest to
//! come, with its gross and net value.

use super::empty::{empty_state, no_grants};
use super::forms::{self, Purpose};
use super::rows::{self, Vests};
use super::shared::Shared;
use crate::domain::Id;
use crate::domain::dates::format_long;
use crate::domain::edit::Kind;
use crate::domain::money::{
    format_money, format_money_whole, format_percent, format_shares, saturating_sum,
};
use crate::domain::vesting::{self, EventsTotal, QuarterBucket, VestEvent, explain};
use crate::domain::workbook::Workbook;
use crate::text::fit;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::table::Table;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::rc::Rc;

/// How many calendar quarters the timeline shows.
const QUARTERS: usize = 8;

pub struct Upcoming {
    /// Every vest to come; the table's rows read them too.
    vests: Vests,
    quarters: Vec<QuarterBucket>,
    total: EventsTotal,
    /// The vests after the last day on payroll, when there are any.
    forfeited: Option<Forfeited>,
    table: Table,
}

/// The vests that leaving on the last day on payroll forfeits: never shown
/// as ordinary vests (the same rule `careerbook vesting` and the calendar
/// follow).
struct Forfeited {
    last_day: NaiveDate,
    total: EventsTotal,
    /// Shares forfeited in each quarter of the chart.
    by_quarter: Vec<Decimal>,
}

impl Default for Upcoming {
    fn default() -> Self {
        Self {
            vests: Vests::default(),
            quarters: Vec::new(),
            total: vesting::total(&[]),
            forfeited: None,
            table: Table::new(rows::UPCOMING_COLUMNS),
        }
    }
}

impl Upcoming {
    fn selected_event(&self) -> Option<VestEvent> {
        let index = self.table.selected_id()?;
        self.vests.event(usize::try_from(index).ok()?)
    }

    fn draw(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        if !shared.has_grants {
            empty_state(frame, area, theme, view.keys);
            return;
        }
        let chart_height = if area.height >= 30 { 12 } else { 7 };
        let summary_height = if self.forfeited.is_some() { 3 } else { 2 };
        let [summary, chart, table] = Layout::vertical([
            Constraint::Length(summary_height),
            Constraint::Length(chart_height),
            Constraint::Fill(1),
        ])
        .areas(area);
        let in_chart = saturating_sum(self.quarters.iter().map(|q| q.shares));
        let chart_value = self.quarters.iter().try_fold(Decimal::ZERO, |sum, q| {
            q.gross.map(|g| sum.saturating_add(g))
        });
        let width = summary.width as usize;
        let unknown = || match shared.unpriced.as_slice() {
            [] => "value unknown".to_string(),
            tickers => format!("value unknown (no price for {})", tickers.join(", ")),
        };
        let first = match chart_value {
            Some(value) => format!(
                "Next {} quarters: {} shares, {} gross · at {}",
                self.quarters.len(),
                format_shares(in_chart),
                format_money(value),
                shared.prices_text(),
            ),
            None => format!(
                "Next {} quarters: {} shares, {}",
                self.quarters.len(),
                format_shares(in_chart),
                unknown()
            ),
        };
        let (rate, source) = shared.withholding;
        let source = match source {
            explain::WithholdingSource::Runway => "Runway tab",
            explain::WithholdingSource::ThisTab => "set here",
        };
        let second = match (self.total.gross, self.total.net) {
            (Some(gross), Some(net)) => format!(
                "All {} to come: {} gross, {} net after {} ({source})",
                format_shares(self.total.shares),
                format_money(gross),
                format_money(net),
                format_percent(rate),
            ),
            _ => format!(
                "All {} to come: {} · withholding {} ({source})",
                format_shares(self.total.shares),
                unknown(),
                format_percent(rate),
            ),
        };
        let mut lines = vec![
            Line::raw(fit(&first, width)),
            Line::styled(fit(&second, width), theme.dim()),
        ];
        if let Some(forfeited) = &self.forfeited {
            let worth = forfeited
                .total
                .gross
                .map(|g| format!(" ({} gross)", format_money(g)))
                .unwrap_or_default();
            let text = format!(
                "✗ Last day {}: leaving then forfeits {} of them{worth}",
                format_long(forfeited.last_day),
                format_shares(forfeited.total.shares)
            );
            lines.push(Line::styled(fit(&text, width), theme.warn()));
        }
        frame.render_widget(Paragraph::new(lines), summary);
        self.quarter_chart(frame, chart, theme);
        self.table.render(
            frame,
            table,
            view.wb,
            theme,
            view.keys,
            "Nothing left to vest: every grant is fully vested.",
        );
    }

    /// Shares forfeited in quarter `i` of the chart (zero without a last day).
    fn forfeited_in(&self, i: usize) -> Decimal {
        self.forfeited
            .as_ref()
            .and_then(|f| f.by_quarter.get(i).copied())
            .unwrap_or_default()
    }

    /// Bars of shares per quarter, with the quarter, shares and gross value
    /// under each; a quarter with forfeited vests is marked ✗ and warned.
    fn quarter_chart(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let n = u16::try_from(self.quarters.len()).unwrap_or(u16::MAX);
        if n == 0 || area.height < 5 || area.width < n.saturating_mul(3) {
            return;
        }
        let slot = area.width / n;
        let bar_width = slot.saturating_sub(2).max(1);
        let bars_height = area.height - 3;
        let bars: Vec<Bar> = self
            .quarters
            .iter()
            .enumerate()
            .map(|(i, q)| {
                // Hundredths of a share, so a fractional vest still shows.
                let height = q
                    .shares
                    .max(Decimal::ZERO)
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|hundredths| hundredths.round().to_u64())
                    .unwrap_or(u64::MAX);
                let bar = Bar::new(height).text_value("");
                if self.forfeited_in(i).is_zero() {
                    bar
                } else {
                    bar.style(theme.warn())
                }
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
        for (i, q) in self.quarters.iter().enumerate() {
            let x = area
                .x
                .saturating_add(u16::try_from(i).unwrap_or(u16::MAX).saturating_mul(slot));
            let shares = if q.shares.is_zero() {
                "–".to_string()
            } else if self.forfeited_in(i).is_zero() {
                format!("{} sh", format_shares(q.shares))
            } else {
                format!("✗ {} sh", format_shares(q.shares))
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
                (
                    shares,
                    if self.forfeited_in(i).is_zero() {
                        theme.text()
                    } else {
                        theme.warn()
                    },
                ),
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
}

impl Pane<Shared, Purpose> for Upcoming {
    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::VestingUpcoming, Scope::List]
    }

    fn table(&self) -> Option<&Table> {
        Some(&self.table)
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        Some(&mut self.table)
    }

    fn refresh(&mut self, shared: &Shared, wb: &Workbook, today: NaiveDate, _keys: &Keymap) {
        let book = &shared.book;
        let rate = wb.runway.withholding;
        let last_day = wb.runway.separation;
        self.vests = Vests {
            book: Rc::clone(book),
            list: Rc::new(vesting::vests(book, today, NaiveDate::MAX)),
            today,
            runway_rate: rate,
        };
        // Named and valued for the totals only: the rows name their own.
        let events = vesting::events_of(book, &self.vests.list, today, rate);
        self.total = vesting::total(&events);
        self.quarters = vesting::by_quarter(&events, today, QUARTERS);
        self.forfeited = last_day.and_then(|last_day| {
            // Sorted by date: the vests after the last day are the tail.
            let kept = events.partition_point(|e| vesting::kept(last_day, e.date));
            let after = &events[kept..];
            (!after.is_empty()).then(|| Forfeited {
                last_day,
                total: vesting::total(after),
                by_quarter: vesting::by_quarter(after, today, QUARTERS)
                    .into_iter()
                    .map(|q| q.shares)
                    .collect(),
            })
        });
        self.table.set_source(
            wb,
            Box::new(rows::UpcomingRows::new(
                self.vests.clone(),
                &events,
                last_day,
            )),
        );
    }

    fn on_action(&mut self, action: Action, _shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::Add => cx.form(forms::grant(cx.wb, None, cx.today)),
            Action::Explain => {
                let book = &cx.wb.vesting;
                let rate = cx.wb.runway.withholding;
                match self.selected_event() {
                    Some(event) => {
                        let mut lines = explain::event(book, &event, cx.today, rate);
                        if let Some(last) = cx.wb.runway.separation
                            && !vesting::kept(last, event.date)
                        {
                            lines.push(format!(
                                "\n✗ Forfeited if you leave on your last day on payroll ({}): \
                                 it vests after it. A last day on or after {} keeps it.",
                                format_long(last),
                                format_long(event.date)
                            ));
                        }
                        cx.tell("How this vest is valued", lines.join("\n"));
                    }
                    None => cx.tell("Upcoming vests", no_grants(cx.keys)),
                }
            }
            _ => return false,
        }
        true
    }

    fn applies(&self, action: Action, _shared: &Shared) -> bool {
        match action {
            Action::Edit => self.selected_event().is_some(),
            Action::Filter | Action::Sort => !self.vests.list.is_empty(),
            _ => true,
        }
    }

    /// The grant of the selected vest.
    fn selected(&self) -> Option<(Kind, Id)> {
        self.selected_event().map(|e| (Kind::Grant, e.grant_id))
    }

    fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(shared, frame, area, view);
    }
}
