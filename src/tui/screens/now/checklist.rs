//! The checklist panel: the article's four steps, each with a status computed
//! from every other tab (or ticked by hand), always on top of the Now tab.
//! Status is a symbol and a word, never colour alone.

use super::forms::{self, Purpose};
use super::panel::{Drawn, NowPane, heading_style, short_date};
use super::shared::Shared;
use crate::domain::checklist::{self, ItemReport, Status, relative};
use crate::domain::edit::{Edit, Kind};
use crate::domain::workbook::Workbook;
use crate::text::{fit, wrap};
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, Tab, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::cursor::Cursor;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Width of `▶ ! attention  `: the mark, the status, two spaces.
const STATUS_COLUMN: usize = 15;

#[derive(Default)]
pub struct Checklist {
    cursor: Cursor,
}

pub fn status_style(status: Status, theme: &Theme) -> Style {
    match status {
        Status::Done => theme.good(),
        Status::Attention => theme.warn(),
        Status::Todo => theme.dim(),
    }
}

impl Checklist {
    fn item<'a>(&self, shared: &'a Shared) -> Option<&'a ItemReport> {
        shared.report.items.get(self.cursor.at())
    }

    /// The heading and the four items, each a title line and up to
    /// `detail` lines of reason.
    pub fn lines(
        &self,
        shared: &Shared,
        detail: usize,
        width: usize,
        view: &View,
        focused: bool,
    ) -> Vec<Line<'static>> {
        let theme = view.theme;
        let review_key = view.keys.key_for(Scope::Now, Action::Review);
        let review = match shared.report.last_review {
            Some(date) => format!(
                "last weekly review {} ({}) · {review_key}",
                date.format("%-d %b"),
                relative(date, shared.today)
            ),
            None => format!("no weekly review yet · {review_key} starts one"),
        };
        let title = " Checklist ";
        let gap = width.saturating_sub(title.len() + review.chars().count());
        let mut lines = vec![Line::from(vec![
            Span::styled(title, heading_style(focused, view)),
            Span::raw(" ".repeat(gap)),
            Span::styled(fit(&review, width.saturating_sub(title.len())), theme.dim()),
        ])];
        for (i, item) in shared.report.items.iter().enumerate() {
            let selected = i == self.cursor.at();
            lines.extend(item_lines(item, selected, focused, detail, width, theme));
        }
        lines
    }

    fn explain(&self, shared: &Shared, cx: &mut Cx<Purpose>) {
        let Some(item) = self.item(shared) else {
            return;
        };
        // The rule first: the inputs follow, and on a short screen the last
        // of them may be cut.
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
        cx.tell(item.title(), lines.join("\n"));
    }

    fn tick(&self, shared: &Shared, cx: &mut Cx<Purpose>) {
        let Some(item) = self.item(shared) else {
            return;
        };
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
            None => cx.form(forms::tick_form(item.id, shared.today)),
        }
    }
}

fn item_lines(
    item: &ItemReport,
    selected: bool,
    focused: bool,
    detail: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let focused = selected && focused;
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

impl Pane<Shared, Purpose> for Checklist {
    fn scopes(&self) -> Vec<Scope> {
        Vec::new()
    }

    fn refresh(&mut self, shared: &Shared, _wb: &Workbook, _today: NaiveDate, _keys: &Keymap) {
        self.cursor.set_len(shared.report.items.len());
    }

    fn on_action(&mut self, action: Action, shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        match action {
            Action::Up | Action::Down => {
                self.cursor.on_action(action, 1);
            }
            Action::Open => {
                let Some(item) = self.item(shared) else {
                    return true;
                };
                match item.fix {
                    checklist::Tab::Now => {
                        cx.form(forms::self_check_form(&shared.positioning, shared.today))
                    }
                    tab => cx.go(Tab::from(tab), None),
                }
            }
            Action::Explain => self.explain(shared, cx),
            Action::Tick => self.tick(shared, cx),
            _ => return false,
        }
        true
    }

    fn applies(&self, action: Action, shared: &Shared) -> bool {
        match action {
            Action::Open | Action::Explain | Action::Tick => self.item(shared).is_some(),
            _ => true,
        }
    }

    fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let how = Drawn {
            focused: true,
            titled: true,
        };
        self.draw(shared, frame, area, view, how);
    }
}

impl NowPane for Checklist {
    fn label(&self, _shared: &Shared) -> String {
        "Checklist".into()
    }

    fn draw(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View, how: Drawn) {
        let detail = if area.height >= 20 { 2 } else { 1 };
        let lines = self.lines(shared, detail, area.width as usize, view, how.focused);
        frame.render_widget(Paragraph::new(lines), area);
    }
}
