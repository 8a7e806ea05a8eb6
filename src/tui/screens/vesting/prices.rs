//! The prices view: every share price entered, the one each ticker uses
//! today marked, and the tickers that have none.

use super::forms::{self, Purpose};
use super::rows;
use super::shared::Shared;
use crate::domain::Id;
use crate::domain::edit::{Edit, Kind};
use crate::domain::money::format_money;
use crate::domain::vesting::{Price, explain};
use crate::domain::workbook::Workbook;
use crate::text::fit;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Pane, View};
use crate::tui::widgets::table::Table;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub struct Prices {
    table: Table,
}

impl Default for Prices {
    fn default() -> Self {
        Self {
            table: Table::new(rows::PRICE_COLUMNS),
        }
    }
}

impl Prices {
    fn selected_price<'a>(&self, wb: &'a Workbook) -> Option<&'a Price> {
        let id = self.table.selected_id()?;
        wb.vesting.prices.iter().find(|p| p.id == id)
    }

    fn draw(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let keys = view.keys;
        let add = keys.key_for(Scope::VestingPrices, Action::Add);
        let notes_height = u16::try_from(shared.unpriced.len())
            .unwrap_or(u16::MAX)
            .saturating_add(3)
            .min(area.height / 2);
        let [table, notes] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(notes_height)]).areas(area);
        self.table.render(
            frame,
            table,
            view.wb,
            theme,
            keys,
            &format!("No prices yet: press {add} to enter one (careerbook never fetches prices)."),
        );
        let width = notes.width as usize;
        let mut lines = vec![Line::raw("")];
        for ticker in &shared.unpriced {
            lines.push(Line::styled(
                fit(
                    &format!(
                        "! {ticker} has no price: its values show as unknown. {add} enters one."
                    ),
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
                &format!(
                    "Vests: {}; {} changes it.",
                    shared.withholding_text(),
                    keys.key_for(Scope::Vesting, Action::SetWithholding)
                ),
                width,
            ),
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines), notes);
    }
}

impl Pane<Shared, Purpose> for Prices {
    fn scopes(&self) -> Vec<Scope> {
        vec![Scope::VestingPrices, Scope::List]
    }

    fn table(&self) -> Option<&Table> {
        Some(&self.table)
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        Some(&mut self.table)
    }

    fn refresh(&mut self, _shared: &Shared, wb: &Workbook, today: NaiveDate, _keys: &Keymap) {
        self.table.set_rows(rows::prices(&wb.vesting, today));
    }

    fn on_action(&mut self, action: Action, shared: &Shared, cx: &mut Cx<Purpose>) -> bool {
        let wb = cx.wb;
        match action {
            Action::Add => {
                let ticker = self
                    .selected_price(wb)
                    .map(|p| p.ticker.clone())
                    .or_else(|| shared.unpriced.first().cloned())
                    .or_else(|| wb.vesting.grants.first().map(|g| g.ticker.clone()))
                    .unwrap_or_default();
                cx.form(forms::price(wb, None, &ticker, cx.today));
            }
            Action::Edit => {
                if let Some(price) = self.selected_price(wb) {
                    cx.form(forms::price(wb, Some(price), &price.ticker, cx.today));
                }
            }
            Action::Delete => {
                let Some(price) = self.selected_price(wb) else {
                    return true;
                };
                let kind = Kind::Price;
                cx.confirm(
                    format!("Delete {}", kind.noun()),
                    format!(
                        "Delete the {} price {} as of {}? Without a price a ticker's values show as unknown.",
                        price.ticker,
                        format_money(price.price),
                        price.as_of
                    ),
                    Edit::Remove(kind, price.id),
                    format!("{} deleted", kind.noun()),
                );
            }
            Action::Explain => cx.tell("Prices", explain::prices(&wb.vesting, cx.today).join("\n")),
            _ => return false,
        }
        true
    }

    fn applies(&self, action: Action, _shared: &Shared) -> bool {
        self.table.applies(action)
    }

    fn selected(&self) -> Option<(Kind, Id)> {
        self.table.selected_id().map(|id| (Kind::Price, id))
    }

    fn select(&mut self, kind: Kind, id: Id) -> bool {
        kind == Kind::Price && self.table.select_record(id)
    }

    fn render(&self, shared: &Shared, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(shared, frame, area, view);
    }
}
