//! Drawing the Now tab: the checklist on top, then the alerts, deadlines and
//! signals — all of them, one under the other, when there is room, else one
//! at a time under a panel bar (←/→ switch). Once a notice is entered, a view
//! strip leads and the next actions come first: this week's, then later ones,
//! with the selected action's why underneath. Status is a symbol and a word,
//! never colour alone.

use super::{NowScreen, NowView, Pane};
use crate::domain::checklist::{
    ActionKind, ItemReport, NextAction, RunwayFigure, Status, relative,
};
use crate::domain::dates::format_long;
use crate::domain::money::format_money;
use crate::text::{fit, wrap};
use crate::tui::screens::View;
use crate::tui::theme::Theme;
use crate::tui::widgets::views;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Width of `▶ ! attention  `: the mark, the status, two spaces.
const STATUS_COLUMN: usize = 15;
/// From this height up, every panel is shown at once, one under the other.
const ALL_PANELS_HEIGHT: u16 = 32;

fn status_style(status: Status, theme: &Theme) -> Style {
    match status {
        Status::Done => theme.good(),
        Status::Attention => theme.warn(),
        Status::Todo => theme.dim(),
    }
}

fn short_date(date: NaiveDate) -> String {
    date.format("%d %b").to_string()
}

/// What an action's amount means, for its explanation.
pub(super) fn stake_meaning(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Vest => "what these shares are worth at the last price",
        ActionKind::ForfeitedVest => "the unvested shares' worth at the last price",
        ActionKind::Unemployment => "a week of benefit for each week late",
        ActionKind::SeveranceReview => "the severance, gross",
        _ => "money lost if it is missed",
    }
}

impl NowScreen {
    /// Once a notice is entered: the view strip, then the chosen view.
    pub(super) fn render_after_notice(&self, frame: &mut Frame, area: Rect, view: &View) {
        if area.height < 3 || area.width < 20 {
            return;
        }
        let [strip, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let current = match self.view() {
            NowView::Actions => 0,
            NowView::Checklist => 1,
        };
        views::render(
            frame,
            strip,
            &["Next actions", "Checklist"],
            current,
            "v: switch view",
            view.theme,
        );
        match self.view() {
            NowView::Actions => self.render_actions(frame, body, view.theme),
            NowView::Checklist => self.render_panes(frame, body, view),
        }
    }

    /// The ranked next actions, this week's first, the selected one's why
    /// under them, and the four items in one line at the bottom.
    fn render_actions(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let width = area.width as usize;
        let height = area.height as usize;
        let actions = &self.report.next;
        let mut lines = vec![Line::styled(fit(&self.situation(), width), theme.dim())];
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
            let mut room = height.saturating_sub(lines.len() + 1 + detail + summary);
            let rows = self.action_rows(width, theme);
            // Rows that do not fit are counted on a last line, never cut silently.
            let overflow = rows.len() > room && room >= 2;
            if overflow {
                room -= 1;
            }
            // Keep the selected row in sight; headings scroll with the rows.
            let selected = rows
                .iter()
                .position(|(index, _)| *index == Some(self.action))
                .unwrap_or(0);
            let offset = (selected + 1).saturating_sub(room);
            let below = rows.len().saturating_sub(offset + room);
            lines.extend(rows.into_iter().skip(offset).take(room).map(|(_, l)| l));
            if overflow {
                let text = match (offset, below) {
                    (0, below) => format!("  ↓ {below} more"),
                    (above, 0) => format!("  ↑ {above} above"),
                    (above, below) => format!("  ↑ {above} above · ↓ {below} more"),
                };
                lines.push(Line::styled(text, theme.dim()));
            }
            lines.push(Line::raw(""));
            if let Some(action) = actions.get(self.action) {
                lines.extend(self.action_detail(action, width, detail, theme));
            }
        }
        if height >= 20 {
            while lines.len() < height - 1 {
                lines.push(Line::raw(""));
            }
            lines.push(self.items_line(width, theme));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// "Checklist  ✓ impact  ✓ positioning  ! options  ! money   v shows it".
    fn items_line(&self, width: usize, theme: &Theme) -> Line<'static> {
        let mut spans = vec![Span::styled("Checklist ", theme.heading())];
        for item in &self.report.items {
            let status = item.status();
            spans.push(Span::styled(
                format!(" {} {} ", status.symbol(), item.id.key()),
                status_style(status, theme),
            ));
        }
        spans.push(Span::styled("  v shows it", theme.dim()));
        fit_line(Line::from(spans), width)
    }

    /// "Notice 12 Nov 2026 · last day 9 Feb 2027 · runway 22.52 months".
    fn situation(&self) -> String {
        let mut parts = Vec::new();
        if let Some(notice) = self.report.deadlines.notice {
            parts.push(format!("Notice {}", format_long(notice)));
        }
        if let Some(last) = self.separation {
            parts.push(format!("last day {}", format_long(last)));
        }
        parts.push(match &self.report.runway {
            RunwayFigure::NotEntered(_) => "no runway yet (Runway tab)".to_string(),
            RunwayFigure::Problem(_) => "the runway cannot be worked out".to_string(),
            other => format!("runway {}", other.describe()),
        });
        parts.join(" · ")
    }

    /// The list's lines, each with the index of its action (`None` for a heading).
    fn action_rows(&self, width: usize, theme: &Theme) -> Vec<(Option<usize>, Line<'static>)> {
        let actions = &self.report.next;
        let mut rows = Vec::new();
        let first_later = actions.iter().position(|a| !a.this_week(self.today));
        // The year only where there is room for it.
        let date_format = if width >= 100 { "%d %b %Y" } else { "%d %b" };
        for (i, action) in actions.iter().enumerate() {
            if i == 0 && first_later != Some(0) {
                rows.push((None, Line::styled(" This week", theme.heading())));
            }
            if first_later == Some(i) {
                rows.push((None, Line::styled(" Later", theme.heading())));
            }
            let selected = i == self.action;
            let mark = match (selected, action.attention) {
                (true, _) => "▶ ",
                (false, true) => "! ",
                (false, false) => "  ",
            };
            let when = relative(action.date, self.today);
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

    /// The selected action's title, why, and where Enter goes.
    fn action_detail(
        &self,
        action: &NextAction,
        width: usize,
        room: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let mut lines = vec![Line::styled(fit(&action.title, width), theme.title())];
        let mut why = wrap(&action.why, width);
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

    pub(super) fn render_panes(&self, frame: &mut Frame, area: Rect, view: &View) {
        if area.height < 3 || area.width < 20 {
            return;
        }
        let wide = area.height >= ALL_PANELS_HEIGHT;
        // Lines of reason under each title: two when there is room.
        let detail = if wide || area.height >= 20 { 2 } else { 1 };
        let checklist = self.checklist_lines(detail, area.width as usize, view.theme);
        let [top, _, rest] = Layout::vertical([
            Constraint::Length(
                u16::try_from(checklist.len())
                    .unwrap_or(u16::MAX)
                    .min(area.height),
            ),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(checklist), top);
        if rest.height < 2 {
            return;
        }
        if wide {
            // Saturating: a hand-edited workbook can hold more alerts than rows.
            let rows = |count: usize| u16::try_from(count.max(1)).unwrap_or(u16::MAX);
            let alerts = rows(self.report.alerts.len()).saturating_add(1);
            let deadlines = rows(self.report.deadlines.list.len()).saturating_add(3);
            let [alerts_area, _, deadlines_area, _, signals_area] = Layout::vertical([
                Constraint::Max(alerts),
                Constraint::Length(1),
                Constraint::Max(deadlines),
                Constraint::Length(1),
                Constraint::Min(3),
            ])
            .areas(rest);
            self.render_pane(frame, alerts_area, Pane::Alerts, true, view);
            self.render_pane(frame, deadlines_area, Pane::Deadlines, true, view);
            self.render_pane(frame, signals_area, Pane::Signals, true, view);
        } else {
            let [bar, body] =
                Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(rest);
            self.render_bar(frame, bar, view.theme);
            self.render_pane(frame, body, self.lower, false, view);
        }
    }

    fn heading_style(&self, pane: Pane, theme: &Theme) -> Style {
        if self.focus == pane {
            theme.tab_active()
        } else {
            theme.heading()
        }
    }

    /// The heading and the four items, each a title line and up to
    /// `detail` lines of reason.
    fn checklist_lines(&self, detail: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let review = match self.report.last_review {
            Some(date) => format!(
                "last weekly review {} ({}) · w",
                date.format("%-d %b"),
                relative(date, self.today)
            ),
            None => "no weekly review yet · w starts one".to_string(),
        };
        let title = " Checklist ";
        let gap = width.saturating_sub(title.len() + review.chars().count());
        let mut lines = vec![Line::from(vec![
            Span::styled(title, self.heading_style(Pane::Checklist, theme)),
            Span::raw(" ".repeat(gap)),
            Span::styled(fit(&review, width.saturating_sub(title.len())), theme.dim()),
        ])];
        for (i, item) in self.report.items.iter().enumerate() {
            let selected = i == self.selected(Pane::Checklist);
            lines.extend(self.item_lines(item, selected, detail, width, theme));
        }
        lines
    }

    fn item_lines(
        &self,
        item: &ItemReport,
        selected: bool,
        detail: usize,
        width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let focused = selected && self.focus == Pane::Checklist;
        let mark = match (selected, focused) {
            (true, true) => "▶",
            (true, false) => "›",
            _ => " ",
        };
        let status = item.status();
        let status_text = format!("{} {:<9}", status.symbol(), status.word());
        let title_style = if focused {
            theme.selected()
        } else {
            theme.title()
        };
        let room = width.saturating_sub(STATUS_COLUMN);
        let mut title = item.title().to_string();
        if let Some(tick) = &item.tick
            && detail < 2
        {
            title.push_str(&format!(
                " · by hand {}: {}",
                short_date(tick.date),
                tick.note
            ));
        }
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{mark} "), title_style),
            Span::styled(status_text, status_style(status, theme)),
            Span::raw("  "),
            Span::styled(fit(&title, room), title_style),
        ])];
        let mut texts: Vec<String> = Vec::new();
        match &item.tick {
            Some(tick) => {
                if detail >= 2 {
                    texts.push(format!(
                        "✓ ticked by hand on {}: {}",
                        tick.date.format("%-d %b %Y"),
                        tick.note
                    ));
                }
                texts.push(format!(
                    "computed {} {} — {}",
                    item.computed.symbol(),
                    item.computed.word(),
                    item.reason
                ));
            }
            None => {
                let mut wrapped = wrap(&item.reason, room);
                if wrapped.len() > detail {
                    // Keep within the item's lines; the rest is one `x` away.
                    let rest = wrapped.split_off(detail - 1);
                    wrapped.push(rest.join(" "));
                }
                texts.extend(wrapped);
            }
        }
        let indent = " ".repeat(STATUS_COLUMN);
        for text in texts.into_iter().take(detail) {
            lines.push(Line::from(vec![
                Span::raw(indent.clone()),
                Span::styled(fit(&text, room), theme.text()),
            ]));
        }
        lines
    }

    fn pane_label(&self, pane: Pane) -> String {
        match pane {
            Pane::Checklist => "Checklist".into(),
            Pane::Alerts => format!("Alerts {}", self.report.alerts.len()),
            Pane::Signals => format!("Signals {}", self.signals.len()),
            Pane::Deadlines => match self.report.deadlines.list.len() {
                0 => "Deadlines".into(),
                n => format!("Deadlines {n}"),
            },
        }
    }

    /// ` Alerts 6 │ Deadlines 6 │ Signals 4     ←/→ panels`
    fn render_bar(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let mut spans = Vec::new();
        for (i, pane) in [Pane::Alerts, Pane::Deadlines, Pane::Signals]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                spans.push(Span::styled(" │ ", theme.border()));
            }
            let style = if self.focus == pane {
                theme.tab_active()
            } else if self.lower == pane {
                theme.title()
            } else {
                theme.dim()
            };
            spans.push(Span::styled(format!(" {} ", self.pane_label(pane)), style));
        }
        spans.push(Span::styled("   ←/→ panels", theme.dim()));
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    /// One panel; `titled` draws its own heading (the wide layout).
    fn render_pane(&self, frame: &mut Frame, area: Rect, pane: Pane, titled: bool, view: &View) {
        let theme = view.theme;
        let width = area.width as usize;
        let mut head: Vec<Line> = Vec::new();
        if titled {
            head.push(Line::styled(
                format!(" {} ", self.pane_label(pane)),
                self.heading_style(pane, theme),
            ));
        }
        let (intro, rows): (Vec<Line>, Vec<String>) = match pane {
            Pane::Checklist => (Vec::new(), Vec::new()),
            Pane::Alerts => (
                if self.report.alerts.is_empty() {
                    vec![Line::styled(
                        "No alerts: nothing overdue, due or close.",
                        theme.dim(),
                    )]
                } else {
                    Vec::new()
                },
                self.report
                    .alerts
                    .iter()
                    .map(|a| format!("{}  {}", short_date(a.date), a.text))
                    .collect(),
            ),
            Pane::Signals => {
                let n = self.report.signals_recent;
                let count = if n == 1 {
                    "1 signal in the last 90 days".to_string()
                } else {
                    format!("{n} signals in the last 90 days")
                };
                let mut intro = vec![Line::from(vec![
                    Span::styled(count, theme.title()),
                    Span::styled(". It is your record, not a prediction.", theme.dim()),
                ])];
                if self.signals.is_empty() {
                    intro.push(Line::styled(
                        "Budget freezes, reorganizations without explanation, “efficiency” \
                         talk, overlap found in org reviews: note what you see, with the date.",
                        theme.dim(),
                    ));
                }
                let rows = self
                    .signals
                    .iter()
                    .map(|s| {
                        format!(
                            "{}  {:<13}  {}",
                            short_date(s.date),
                            s.kind.short(),
                            s.note.lines().next().unwrap_or("")
                        )
                    })
                    .collect();
                (intro, rows)
            }
            Pane::Deadlines => self.deadline_lines(theme),
        };
        let mut lines = head;
        for line in intro {
            lines.extend(
                wrap_line(line, width.saturating_sub(2))
                    .into_iter()
                    .map(indent),
            );
        }
        let mut room = (area.height as usize).saturating_sub(lines.len());
        // The deadlines' footnote explains their `*`: it keeps a line when it can.
        let notes = if pane == Pane::Deadlines {
            self.deadline_notes(theme)
        } else {
            Vec::new()
        };
        if !notes.is_empty() && room >= 4 {
            room -= 1;
        }
        // Rows that do not fit are counted on a last line rather than cut silently.
        let overflow = rows.len() > room && room >= 2;
        if overflow {
            room -= 1;
        }
        let selected = self.selected(pane);
        let offset = if selected >= room {
            selected + 1 - room
        } else {
            0
        };
        for (i, text) in rows.iter().enumerate().skip(offset).take(room) {
            let focused = self.focus == pane && i == selected;
            let mark = if focused { "▶ " } else { "  " };
            let text = fit(&format!("{mark}{text}"), width);
            lines.push(if focused {
                Line::styled(text, theme.selected())
            } else {
                Line::raw(text)
            });
        }
        if overflow {
            let below = rows.len().saturating_sub(offset + room);
            let text = match (offset, below) {
                (0, below) => format!("  ↓ {below} more"),
                (above, 0) => format!("  ↑ {above} above"),
                (above, below) => format!("  ↑ {above} above · ↓ {below} more"),
            };
            lines.push(Line::styled(text, theme.dim()));
        }
        if pane == Pane::Deadlines {
            let room = (area.height as usize).saturating_sub(lines.len());
            lines.extend(
                notes
                    .into_iter()
                    .take(room)
                    .map(|l| fit_line(indent(l), width)),
            );
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// The deadlines panel: an intro line and one row per deadline.
    fn deadline_lines(&self, theme: &Theme) -> (Vec<Line<'static>>, Vec<String>) {
        let deadlines = &self.report.deadlines;
        if deadlines.list.is_empty() {
            return (
                vec![
                    Line::raw("No notice date or last day on payroll entered."),
                    Line::styled(
                        "Once you are given notice, n enters it; the last day on payroll \
                         (Runway tab) gives the unemployment filing, COBRA and ACA windows.",
                        theme.dim(),
                    ),
                ],
                Vec::new(),
            );
        }
        let given = match deadlines.notice {
            Some(notice) => format!("Notice given {}", notice.format("%-d %b %Y")),
            None => "No notice date yet (n enters it)".to_string(),
        };
        let intro = vec![Line::from(vec![
            Span::raw(given),
            Span::styled(" · n edits · x shows how", theme.dim()),
        ])];
        let rows = deadlines
            .list
            .iter()
            .map(|d| {
                let when = if d.date < self.today {
                    "passed".to_string()
                } else {
                    relative(d.date, self.today)
                };
                let assumed = if d.assumed { "*" } else { "" };
                format!(
                    "{}  {:<11}  {}{assumed}",
                    d.date.format("%d %b %Y"),
                    when,
                    d.title
                )
            })
            .collect();
        (intro, rows)
    }

    fn deadline_notes(&self, theme: &Theme) -> Vec<Line<'static>> {
        let deadlines = &self.report.deadlines;
        let mut notes = Vec::new();
        if deadlines.list.iter().any(|d| d.assumed) {
            notes.push(Line::styled(
                "* assumes job cover ends with the separation month; n sets the real date",
                theme.dim(),
            ));
        }
        if !deadlines.list.is_empty() {
            for missing in &deadlines.missing {
                notes.push(Line::styled(format!("Missing: {missing}"), theme.dim()));
            }
        }
        notes
    }
}

/// The line moved two columns right, under the rows' text.
fn indent(mut line: Line<'static>) -> Line<'static> {
    line.spans.insert(0, Span::raw("  "));
    line
}

/// A one-span line wrapped to `width` columns (keeping its style); a line of
/// several spans cut to fit instead.
fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    if line.spans.len() != 1 {
        return vec![fit_line(line, width)];
    }
    let style = line.spans[0].style;
    wrap(&line.spans[0].content, width)
        .into_iter()
        .map(|text| Line::styled(text, style))
        .collect()
}

/// A line cut to `width` columns (one span, so its style is kept).
fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let style = line.spans.first().map(|s| s.style).unwrap_or_default();
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    Line::styled(fit(&text, width), style)
}
