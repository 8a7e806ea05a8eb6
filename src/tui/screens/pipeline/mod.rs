//! The Pipeline tab: applications on a board and in a list, the contacts
//! behind them, and the funnel. Four views (`v` cycles); everything shown is
//! rebuilt in `refresh` from the workbook, never while drawing.

mod board;
mod cards;
mod contacts;
mod forms;
mod funnel;
mod list;

use super::{Cx, Effect, Form, Refused, Screen, View};
use crate::domain::Id;
use crate::domain::checklist::{OfferNeeded, offer_needed, runway_figure};
use crate::domain::dates::format_long;
use crate::domain::edit::{Edit, Kind};
use crate::domain::pipeline::{self, Application, Contact, Funnel, Stage};
use crate::domain::workbook::Workbook;
use crate::text::count;
use crate::text::fit;
use crate::tui::keymap::{Action, Scope};
use crate::tui::theme::Theme;
use crate::tui::widgets::table::Table;
use crate::tui::widgets::views;
use board::Board;
use cards::Card;
use chrono::NaiveDate;
use contacts::ContactInfo;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::collections::HashMap;

/// The four views of the tab, in `v` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Board,
    List,
    Contacts,
    Funnel,
}

impl Mode {
    const ALL: [Mode; 4] = [Mode::Board, Mode::List, Mode::Contacts, Mode::Funnel];

    fn label(self) -> &'static str {
        match self {
            Mode::Board => "Board",
            Mode::List => "List",
            Mode::Contacts => "Contacts",
            Mode::Funnel => "Funnel",
        }
    }

    fn step(self, delta: isize) -> Mode {
        let at = Mode::ALL.iter().position(|&m| m == self).unwrap_or(0) as isize;
        Mode::ALL[(at + delta).rem_euclid(Mode::ALL.len() as isize) as usize]
    }
}

/// What a form this screen opened is for; an edit holds the record (or
/// setting) as it was when the form opened.
pub enum Purpose {
    AddApp,
    EditApp(Application),
    Close(Application),
    AddContact,
    EditContact(Contact),
    GhostDays(u32),
}

/// The counts the attention line shows, from the domain's reminder lists,
/// and the date an offer is needed by (from the runway's zero date).
#[derive(Clone, Debug, Default)]
struct Attention {
    offer: Option<OfferNeeded>,
    open: usize,
    overdue: usize,
    due_today: usize,
    ghosted: usize,
    contacts_due: usize,
    stale: usize,
    contacts: usize,
}

pub struct PipelineScreen {
    mode: Mode,
    cards: HashMap<Id, Card>,
    board: Board,
    list: Table,
    contacts: Table,
    contact_info: HashMap<Id, ContactInfo>,
    funnel: Funnel,
    attention: Attention,
    ghost_after_days: u32,
}

impl Default for PipelineScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl PipelineScreen {
    pub fn new() -> Self {
        Self {
            mode: Mode::Board,
            cards: HashMap::new(),
            board: Board::default(),
            list: Table::new(list::COLUMNS),
            contacts: Table::new(contacts::COLUMNS),
            contact_info: HashMap::new(),
            funnel: pipeline::funnel(&[], NaiveDate::default()),
            attention: Attention::default(),
            ghost_after_days: pipeline::DEFAULT_GHOST_AFTER_DAYS,
        }
    }

    /// The application the board or the list has selected.
    fn selected_app(&self) -> Option<Id> {
        match self.mode {
            Mode::Board => self.board.selected_id(),
            Mode::List => self.list.selected_id(),
            _ => None,
        }
    }

    fn switch(&mut self, to: Mode) {
        // The same application stays selected across the board and the list.
        match (self.mode, to) {
            (Mode::Board, Mode::List) => {
                if let Some(id) = self.board.selected_id() {
                    self.list.select_id(id);
                }
            }
            (Mode::List, Mode::Board) => {
                if let Some(id) = self.list.selected_id() {
                    self.board.select(id);
                }
            }
            _ => {}
        }
        self.mode = to;
    }

    fn app_action(&mut self, action: Action, cx: &mut Cx) -> bool {
        let wb = cx.wb;
        let today = cx.today;
        if action == Action::Add {
            // A new application starts at Applied, wherever the board's cursor is.
            cx.form(forms::application(wb, today, None));
            return true;
        }
        let verbs = [
            Action::Edit,
            Action::Delete,
            Action::StageNext,
            Action::StagePrev,
            Action::CloseApplication,
            Action::AcceptGhosted,
        ];
        if !verbs.contains(&action) {
            return false;
        }
        let Some(app) = self
            .selected_app()
            .and_then(|id| wb.pipeline.application(id))
        else {
            cx.status("no application selected (a adds one)");
            return true;
        };
        let name = format!("{} — {}", app.company, app.role);
        match action {
            Action::Edit => cx.form(forms::application(wb, today, Some(app))),
            Action::Delete => cx.confirm(
                "Delete application",
                format!(
                    "Delete {name} and its history of {}?",
                    count(app.history.len(), "stage change")
                ),
                Edit::Remove(Kind::Application, app.id),
                format!("deleted {name}"),
            ),
            Action::StageNext | Action::StagePrev => {
                let next = if action == Action::StageNext {
                    app.stage.next()
                } else {
                    app.stage.prev()
                };
                match next {
                    Some(stage) => self.move_app(cx, app.id, stage, &name),
                    None if !app.stage.is_active() => cx.status(format!(
                        "{} is closed ({}); e edits its stage to reopen it",
                        app.company,
                        app.stage.key()
                    )),
                    None if action == Action::StageNext => {
                        cx.status("Offer is the last column: x closes it as accepted or declined")
                    }
                    None => cx.status("Wishlist is the first column"),
                }
            }
            Action::CloseApplication => {
                if app.stage.is_active() {
                    let suggested = forms::likely_close(app, today, wb.pipeline.ghost_after_days);
                    cx.form(forms::close(app, today, suggested));
                } else {
                    cx.status(format!(
                        "{} is already closed ({})",
                        app.company,
                        app.stage.key()
                    ));
                }
            }
            Action::AcceptGhosted => {
                if app.looks_ghosted(today, wb.pipeline.ghost_after_days) {
                    self.move_app(cx, app.id, Stage::Ghosted, &name);
                } else {
                    cx.status(format!(
                        "{} is not suggested as ghosted (applied or screening, no change for {}+ days); x closes it another way",
                        app.company, wb.pipeline.ghost_after_days
                    ));
                }
            }
            _ => {}
        }
        true
    }

    fn move_app(&mut self, cx: &mut Cx, id: Id, stage: Stage, name: &str) {
        match pipeline::move_application(&cx.wb.pipeline, id, stage, cx.today) {
            Ok(Some(edit)) => cx.edit(edit, format!("moved {name} to {}", stage.label())),
            Ok(None) => {}
            Err(invalid) => cx.effects.push(Effect::Error(invalid.message)),
        }
    }

    fn contact_action(&mut self, action: Action, cx: &mut Cx) -> bool {
        let wb = cx.wb;
        let today = cx.today;
        if action == Action::Add {
            cx.form(forms::contact(today, None));
            return true;
        }
        if ![Action::Edit, Action::Delete, Action::Contacted].contains(&action) {
            return false;
        }
        let Some(contact) = self
            .contacts
            .selected_id()
            .and_then(|id| wb.pipeline.contact(id))
        else {
            cx.status("no contact selected (a adds one)");
            return true;
        };
        match action {
            Action::Edit => cx.form(forms::contact(today, Some(contact))),
            Action::Delete => {
                let on = pipeline::applications_naming(&wb.pipeline, contact.id);
                let also = if on.is_empty() {
                    String::new()
                } else {
                    let names: Vec<&str> = on
                        .iter()
                        .filter_map(|&id| wb.pipeline.application(id).map(|a| a.company.as_str()))
                        .take(5)
                        .collect();
                    format!(
                        " They are also taken off {}: {}.",
                        count(on.len(), "application"),
                        names.join(", ")
                    )
                };
                if let Some(edit) = pipeline::delete_contact(&wb.pipeline, contact.id) {
                    cx.confirm(
                        "Delete contact",
                        format!("Delete {}?{also}", contact.name),
                        edit,
                        format!("deleted {}", contact.name),
                    );
                }
            }
            Action::Contacted => {
                if let Some(edit) = pipeline::mark_contacted(&wb.pipeline, contact.id, today) {
                    cx.edit(edit, format!("{} marked contacted today", contact.name));
                }
            }
            _ => {}
        }
        true
    }

    fn attention_line(&self, width: usize, theme: &Theme) -> Line<'static> {
        let a = &self.attention;
        let mut parts: Vec<(String, ratatui::style::Style)> = Vec::new();
        let mut push = |text: String, style| parts.push((text, style));
        if self.mode == Mode::Contacts {
            if a.contacts == 0 {
                return Line::styled("No contacts yet: a adds one.", theme.dim());
            }
            if a.contacts_due > 0 {
                push(format!("! {} due a touch", a.contacts_due), theme.bad());
            }
            if a.stale > 0 {
                push(
                    format!("{} not contacted for 30+ days", count(a.stale, "contact")),
                    theme.warn(),
                );
            }
            if a.contacts_due == 0 && a.stale == 0 {
                push("Everyone is in touch".to_string(), theme.good());
            }
            push("c: contacted today".to_string(), theme.dim());
        } else {
            if let Some(offer) = a.offer.as_ref().filter(|o| o.attention) {
                push(
                    format!(
                        "! offer needed by {}, nothing past screening",
                        format_long(offer.by)
                    ),
                    theme.bad(),
                );
            }
            if a.overdue > 0 {
                push(
                    format!("! {} overdue", count(a.overdue, "follow-up")),
                    theme.bad(),
                );
            }
            if a.due_today > 0 {
                push(format!("• {} due today", a.due_today), theme.warn());
            }
            if a.ghosted > 0 {
                push(
                    format!(
                        "? {} with no reply for {}+ days (X: mark ghosted)",
                        a.ghosted, self.ghost_after_days
                    ),
                    theme.warn(),
                );
            }
            if a.overdue + a.due_today + a.ghosted == 0 {
                push(
                    format!("Nothing overdue · {} open", count(a.open, "application")),
                    theme.good(),
                );
            }
        }
        let mut spans = Vec::new();
        for (text, style) in parts {
            if !spans.is_empty() {
                spans.push(Span::raw(" · "));
            }
            spans.push(Span::styled(text, style));
        }
        fit_spans(spans, width)
    }

    /// The view strip, and on its right the date an offer is needed by
    /// (from the runway's zero date and the time-to-offer) when it fits.
    fn render_tabs(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let titles: Vec<&str> = Mode::ALL.iter().map(|m| m.label()).collect();
        let current = Mode::ALL.iter().position(|m| *m == self.mode).unwrap_or(0);
        let offer = self.attention.offer.as_ref().map(|offer| {
            let mark = if offer.attention { "! " } else { "" };
            let style = if offer.attention {
                theme.bad()
            } else {
                theme.dim()
            };
            let text = format!("{mark}offer needed by {}", format_long(offer.by));
            (text, style)
        });
        // The date goes right of the strip's own words, with a gap, if it fits.
        let hint = "v: next view";
        let room = (area.width as usize).saturating_sub(views::width(&titles, hint) + 1);
        let right = offer
            .as_ref()
            .map(|(text, _)| text.chars().count())
            .filter(|&w| w <= room)
            .map_or(0, |w| u16::try_from(w).unwrap_or(0));
        let [strip, date] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(right)]).areas(area);
        views::render(frame, strip, &titles, current, hint, theme);
        if let Some((text, style)) = offer.filter(|_| right > 0) {
            frame.render_widget(Paragraph::new(Line::styled(text, style)), date);
        }
    }

    fn render_app_detail(&self, frame: &mut Frame, area: Rect, id: Option<Id>, theme: &Theme) {
        let width = area.width as usize;
        let lines = match id.and_then(|id| self.cards.get(&id)) {
            Some(card) => card.detail(width, self.ghost_after_days, theme),
            None => Vec::new(),
        };
        let lines: Vec<Line> = lines.into_iter().take(area.height as usize).collect();
        frame.render_widget(Paragraph::new(lines), area);
    }
}

/// Cuts a line of spans to `width` columns.
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.width();
        if used + w <= width {
            used += w;
            out.push(span);
        } else {
            let text = fit(&span.content, width.saturating_sub(used));
            out.push(Span::styled(text, span.style));
            break;
        }
    }
    Line::from(out)
}

impl Screen for PipelineScreen {
    fn scopes(&self) -> Vec<Scope> {
        match self.mode {
            Mode::Board => vec![Scope::PipelineBoard, Scope::PipelineApps, Scope::Pipeline],
            Mode::List => vec![Scope::PipelineApps, Scope::List, Scope::Pipeline],
            Mode::Contacts => vec![Scope::PipelineContacts, Scope::List, Scope::Pipeline],
            Mode::Funnel => vec![Scope::Pipeline],
        }
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        match self.mode {
            Mode::List => Some(&mut self.list),
            Mode::Contacts => Some(&mut self.contacts),
            _ => None,
        }
    }

    fn table(&self) -> Option<&Table> {
        match self.mode {
            Mode::List => Some(&self.list),
            Mode::Contacts => Some(&self.contacts),
            _ => None,
        }
    }

    fn refresh(&mut self, wb: &Workbook, today: NaiveDate) {
        let p = &wb.pipeline;
        self.ghost_after_days = p.ghost_after_days;
        let names: HashMap<Id, &str> = p.contacts.iter().map(|c| (c.id, c.name.as_str())).collect();
        self.cards = p
            .applications
            .iter()
            .map(|app| (app.id, Card::new(app, p, &names, today)))
            .collect();
        self.board.set_columns(pipeline::board_columns(p));
        let rows = pipeline::list_order(&p.applications)
            .into_iter()
            .filter_map(|app| self.cards.get(&app.id))
            .map(list::row)
            .collect();
        self.list.set_rows(rows);
        let built = contacts::rows(p, today);
        self.contacts.set_rows(built.rows);
        self.contact_info = built.info;
        self.funnel = pipeline::funnel(&p.applications, today);
        self.attention = Attention {
            offer: offer_needed(p, &runway_figure(wb, today), today),
            open: self.board.card_count(),
            overdue: pipeline::overdue_follow_ups(p, today).len(),
            due_today: pipeline::follow_ups_due_today(p, today).len(),
            ghosted: pipeline::ghost_suggestions(p, today).len(),
            contacts_due: built.due,
            stale: built.stale,
            contacts: p.contacts.len(),
        };
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> bool {
        match action {
            Action::NextView => {
                self.switch(self.mode.step(1));
                return true;
            }
            Action::PrevView => {
                self.switch(self.mode.step(-1));
                return true;
            }
            Action::GhostSetting => {
                let days = cx.wb.pipeline.ghost_after_days;
                cx.form(forms::ghost_setting(cx.today, days));
                return true;
            }
            _ => {}
        }
        match self.mode {
            Mode::Board => self.board.on_action(action) || self.app_action(action, cx),
            Mode::List => self.app_action(action, cx),
            Mode::Contacts => self.contact_action(action, cx),
            Mode::Funnel => false,
        }
    }

    fn on_submit(&mut self, form: &Form, cx: &mut Cx) -> Result<(), Refused> {
        let super::Purpose::Pipeline(purpose) = form.purpose() else {
            return Ok(());
        };
        match purpose {
            Purpose::AddApp => forms::submit_application(form, cx, None),
            Purpose::EditApp(app) => forms::submit_application(form, cx, Some(app)),
            Purpose::Close(app) => forms::submit_close(form, cx, app),
            Purpose::AddContact => forms::submit_contact(form, cx, None),
            Purpose::EditContact(contact) => forms::submit_contact(form, cx, Some(contact)),
            Purpose::GhostDays(days) => forms::submit_ghost_setting(form, cx, *days),
        }
    }

    fn select(&mut self, kind: Kind, id: Id) {
        match kind {
            Kind::Application => {
                self.board.select(id);
                self.list.select_id(id);
                // A jump from elsewhere (an alert) shows the application itself.
                if matches!(self.mode, Mode::Contacts | Mode::Funnel) {
                    self.mode = Mode::Board;
                }
            }
            Kind::Contact => {
                self.contacts.select_id(id);
                self.mode = Mode::Contacts;
            }
            _ => {}
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        if area.height < 4 || area.width < 10 {
            return;
        }
        let theme = view.theme;
        let [tabs, attention, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        self.render_tabs(frame, tabs, theme);
        frame.render_widget(
            Paragraph::new(self.attention_line(area.width as usize, theme)),
            attention,
        );
        // The detail strip: three lines when there is room, fewer when short.
        let strip = if body.height >= 14 { 3 } else { 2 };
        match self.mode {
            Mode::Board | Mode::List => {
                let [main, _, detail] = Layout::vertical([
                    Constraint::Fill(1),
                    Constraint::Length(1),
                    Constraint::Length(strip),
                ])
                .areas(body);
                if self.mode == Mode::Board {
                    if self.board.card_count() == 0 {
                        let text = if self.cards.is_empty() {
                            "No applications yet. a adds one; `careerbook import apps FILE.csv` reads a spreadsheet."
                        } else {
                            "Nothing open on the board. a adds an application; v shows the closed ones in the list."
                        };
                        frame.render_widget(
                            Paragraph::new(Line::styled(text, theme.dim()))
                                .wrap(ratatui::widgets::Wrap { trim: true }),
                            main,
                        );
                    } else {
                        self.board.render(frame, main, &self.cards, theme);
                    }
                } else {
                    self.list
                        .render(frame, main, theme, "No applications yet. a adds one.");
                }
                self.render_app_detail(frame, detail, self.selected_app(), theme);
            }
            Mode::Contacts => {
                let [main, _, detail] = Layout::vertical([
                    Constraint::Fill(1),
                    Constraint::Length(1),
                    Constraint::Length(2),
                ])
                .areas(body);
                self.contacts
                    .render(frame, main, theme, "No contacts yet. a adds one.");
                if let Some(info) = self
                    .contacts
                    .selected_id()
                    .and_then(|id| self.contact_info.get(&id))
                {
                    frame.render_widget(
                        Paragraph::new(contacts::detail_lines(info, detail.width as usize, theme)),
                        detail,
                    );
                }
            }
            Mode::Funnel => funnel::render(frame, body, &self.funnel, theme),
        }
    }
}
