//! The weekly review (`w`): a short guided pass — log a win, update cash
//! balances, clear due follow-ups, touch a contact — each step skippable.
//! Finishing records the review date. A small state machine: the step and a
//! cursor in the step's list; every form saves through the normal `Edit` path.

use super::forms::{Cx, Form, Purpose};
use crate::domain::Id;
use crate::domain::Invalid;
use crate::domain::checklist::relative;
use crate::domain::dates::week_start;
use crate::domain::edit::{Edit, Section};
use crate::domain::money::format_money;
use crate::domain::pipeline::{Application, Contact, contacts_due, stale_contacts};
use crate::domain::runway::Account;
use crate::domain::workbook::Workbook;
use crate::text::{fit, wrap};
use crate::tui::keymap::{Action, Scope};
use crate::tui::screen::{Refused, View};
use crate::tui::screens::win_form::{win_form, win_from};
use crate::tui::widgets::cursor::Cursor;
use crate::tui::widgets::form::Key;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Win,
    Cash,
    FollowUps,
    Contact,
    Finish,
}

impl Step {
    const ALL: [Step; 5] = [
        Step::Win,
        Step::Cash,
        Step::FollowUps,
        Step::Contact,
        Step::Finish,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn title(self) -> &'static str {
        match self {
            Step::Win => "Log a win",
            Step::Cash => "Update cash balances",
            Step::FollowUps => "Clear due follow-ups",
            Step::Contact => "Touch a contact",
            Step::Finish => "Finish",
        }
    }

    fn next(self) -> Step {
        Step::ALL[(self.index() + 1).min(Step::ALL.len() - 1)]
    }

    fn prev(self) -> Step {
        Step::ALL[self.index().saturating_sub(1)]
    }
}

/// What happened to a step in this review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Open,
    Done,
    Skipped,
}

/// The review in progress.
#[derive(Debug)]
pub struct Review {
    step: Step,
    /// The selected line of the step's list.
    cursor: Cursor,
    marks: [Mark; 4],
    /// One line per thing saved, shown at the end.
    done: Vec<String>,
    /// Accounts whose balance was updated in this review.
    updated: Vec<Id>,
}

/// The records the steps list, rebuilt from the workbook on every refresh.
#[derive(Clone, Debug, Default)]
pub struct Data {
    today: NaiveDate,
    /// A win logged this ISO week, if any.
    win_this_week: Option<String>,
    accounts: Vec<Account>,
    /// Active applications whose follow-up is today or past, most overdue first.
    follow_ups: Vec<Application>,
    /// Contacts due a touch, then contacts not touched for 30 days.
    contacts: Vec<(Contact, String)>,
}

impl Data {
    pub fn of(wb: &Workbook, today: NaiveDate) -> Self {
        let monday = week_start(today);
        let win_this_week = wb
            .impact
            .wins
            .iter()
            .filter(|w| week_start(w.date) == monday)
            .max_by_key(|w| (w.date, w.id))
            .map(|w| w.title.clone());
        let pipeline = &wb.pipeline;
        let mut follow_ups: Vec<Application> = pipeline
            .applications
            .iter()
            .filter(|a| a.stage.is_active() && a.follow_up.is_some_and(|f| f <= today))
            .cloned()
            .collect();
        follow_ups.sort_by_key(|a| (a.follow_up, a.id));
        let mut contacts: Vec<(Contact, String)> = Vec::new();
        for id in contacts_due(pipeline, today) {
            if let Some(c) = pipeline.contact(id) {
                let due = c.next_touch.map(|d| relative(d, today)).unwrap_or_default();
                contacts.push((c.clone(), format!("touch due {due}")));
            }
        }
        for id in stale_contacts(pipeline, today) {
            if contacts.iter().any(|(c, _)| c.id == id) {
                continue;
            }
            if let Some(c) = pipeline.contact(id) {
                let why = match c.last_contacted {
                    Some(last) => format!("last contacted {}", relative(last, today)),
                    None => "never contacted".to_string(),
                };
                contacts.push((c.clone(), why));
            }
        }
        Self {
            today,
            win_this_week,
            accounts: wb.runway.accounts.clone(),
            follow_ups,
            contacts,
        }
    }

    fn len(&self, step: Step) -> usize {
        match step {
            Step::Cash => self.accounts.len(),
            Step::FollowUps => self.follow_ups.len(),
            Step::Contact => self.contacts.len(),
            Step::Win | Step::Finish => 0,
        }
    }
}

/// What a key did to the review.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Handled,
    /// The review is over: recorded as done, or left.
    Ended,
    /// Not a review key.
    Ignored,
}

impl Review {
    pub fn new(data: &Data) -> Self {
        let mut review = Self {
            step: Step::Win,
            cursor: Cursor::default(),
            marks: [Mark::Open; 4],
            done: Vec::new(),
            updated: Vec::new(),
        };
        review.clamp(data);
        review
    }

    /// The workbook changed: the step's list may be shorter.
    pub fn clamp(&mut self, data: &Data) {
        self.cursor.set_len(data.len(self.step));
    }

    fn go(&mut self, step: Step, data: &Data) {
        self.step = step;
        self.cursor = Cursor::default();
        self.clamp(data);
    }

    /// Marks the current step and moves on.
    fn finish_step(&mut self, mark: Mark, data: &Data) {
        if let Some(slot) = self.marks.get_mut(self.step.index())
            && (*slot == Mark::Open || mark == Mark::Done)
        {
            *slot = mark;
        }
        self.go(self.step.next(), data);
    }

    /// A key while the review is on.
    pub fn on_action(&mut self, action: Action, data: &Data, cx: &mut Cx) -> Outcome {
        let review = self;
        match action {
            Action::Up | Action::Down => {
                review.cursor.on_action(action, 1);
            }
            Action::ReviewSkip => review.finish_step(Mark::Skipped, data),
            Action::ReviewBack => {
                let back = review.step.prev();
                review.go(back, data);
            }
            Action::ReviewLeave => {
                cx.status("weekly review left; not recorded as done");
                return Outcome::Ended;
            }
            Action::Open => {
                let step = review.step;
                let cursor = review.cursor.at();
                let form = match step {
                    Step::Win => Some(win_form(
                        "Weekly review · log a win",
                        data.today,
                        None,
                        Purpose::ReviewWin,
                    )),
                    Step::Cash => data.accounts.get(cursor).map(|a| cash_form(a, data.today)),
                    Step::FollowUps => data
                        .follow_ups
                        .get(cursor)
                        .map(|a| follow_up_form(a, data.today)),
                    Step::Contact => data
                        .contacts
                        .get(cursor)
                        .map(|(c, _)| contact_form(c, data.today)),
                    Step::Finish => {
                        cx.edit(
                            Edit::set_from(cx.wb, Section::LastReview(Some(data.today))),
                            "weekly review recorded",
                        );
                        return Outcome::Ended;
                    }
                };
                match form {
                    Some(form) => cx.form(form),
                    // Nothing to do in this step: Enter goes on.
                    None => review.finish_step(Mark::Done, data),
                }
            }
            _ => return Outcome::Ignored,
        }
        Outcome::Handled
    }

    /// A review form was submitted: build the edit, checked by the domain,
    /// and move the review on. Setting the step is idempotent, so a form
    /// that comes back with an error and is sent again moves it only once.
    pub fn submitted(&mut self, form: &Form, data: &Data, cx: &mut Cx) -> Result<(), Refused> {
        let today = data.today;
        let (edit, done, line, next): (Edit, &str, String, Option<Step>) = match form.purpose() {
            Purpose::ReviewWin => {
                let win = win_from(form, None, today)?;
                let line = format!("logged a win: {}", win.title);
                (Edit::Add(win.into()), "win logged", line, Some(Step::Cash))
            }
            Purpose::ReviewCash(original) => {
                let mut account = original.clone();
                account.balance = form.get(BALANCE)?;
                account.as_of = form.get(AS_OF)?;
                account.validate()?;
                let line = format!(
                    "{}: {} as of {}",
                    account.name,
                    format_money(account.balance),
                    account.as_of
                );
                if !self.updated.contains(&account.id) {
                    self.updated.push(account.id);
                }
                (
                    Edit::update(original.clone(), account),
                    "balance updated",
                    line,
                    None,
                )
            }
            Purpose::ReviewFollowUp(original) => {
                let mut app = original.clone();
                app.follow_up = form.get(FOLLOW_UP)?;
                app.next_action = form.get(NEXT_ACTION)?;
                cx.wb.pipeline.check_application(&app)?;
                let line = match app.follow_up {
                    Some(date) => format!("{}: next follow-up {date}", app.company),
                    None => format!("{}: follow-up done", app.company),
                };
                (
                    Edit::update(original.clone(), app),
                    "follow-up updated",
                    line,
                    None,
                )
            }
            Purpose::ReviewContact(original) => {
                let mut contact = original.clone();
                let on = form.get(CONTACTED)?;
                if on > today {
                    return Err(Invalid::new(
                        CONTACTED.name,
                        "that is after today; enter the day you got in touch",
                    )
                    .into());
                }
                contact.last_contacted = Some(on);
                contact.next_touch = form.get(NEXT_TOUCH)?;
                contact.validate()?;
                let line = format!("touched {}", contact.name);
                (
                    Edit::update(original.clone(), contact),
                    "contact touched",
                    line,
                    Some(Step::Finish),
                )
            }
            _ => return Ok(()),
        };
        cx.edit(edit, done);
        let review = self;
        if !review.done.contains(&line) {
            review.done.push(line);
        }
        if let Some(slot) = review.marks.get_mut(review.step.index()) {
            *slot = Mark::Done;
        }
        match next {
            Some(step) => review.go(step, data),
            None if review.step == Step::Cash => {
                // On to the next balance not yet updated.
                let next = data
                    .accounts
                    .iter()
                    .position(|a| !review.updated.contains(&a.id));
                if let Some(next) = next {
                    review.cursor.set(next);
                }
            }
            None => {}
        }
        Ok(())
    }
}

const BALANCE: Key<Decimal> = Key::new("balance");
const AS_OF: Key<NaiveDate> = Key::new("as_of");
const FOLLOW_UP: Key<Option<NaiveDate>> = Key::new("follow_up");
const NEXT_ACTION: Key<Option<String>> = Key::new("next_action");
const CONTACTED: Key<NaiveDate> = Key::new("contacted");
const NEXT_TOUCH: Key<Option<NaiveDate>> = Key::new("next_touch");

fn cash_form(account: &Account, today: NaiveDate) -> Form {
    let last = account.balance;
    Form::new(
        format!("Weekly review · balance of “{}”", account.name),
        today,
        Purpose::ReviewCash(account.clone()),
    )
    .money(BALANCE, "Balance today", Some(account.balance))
    .negative_allowed()
    .warn(BALANCE, move |balance: &Decimal| {
        crate::domain::money::tenfold_warning(*balance, last, "the last balance")
    })
    .date(AS_OF, "As of", Some(today))
}

fn follow_up_form(app: &Application, today: NaiveDate) -> Form {
    Form::new(
        format!("Weekly review · follow up with {}", app.company),
        today,
        Purpose::ReviewFollowUp(app.clone()),
    )
    .date(FOLLOW_UP, "Next follow-up", None)
    .hint("blank: this follow-up is done; +1w checks again in a week")
    .text(
        NEXT_ACTION,
        "Next action",
        app.next_action.as_deref().unwrap_or(""),
    )
}

fn contact_form(contact: &Contact, today: NaiveDate) -> Form {
    let next = contact.next_touch.filter(|d| *d > today);
    Form::new(
        format!("Weekly review · touched {}", contact.name),
        today,
        Purpose::ReviewContact(contact.clone()),
    )
    .date(CONTACTED, "Contacted on", Some(today))
    .date(NEXT_TOUCH, "Next touch", next)
    .hint("blank: none planned; +2w plans one in two weeks")
}

impl Review {
    pub fn render(&self, data: &Data, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let key = |action| view.keys.key_for(Scope::NowReview, action);
        let (enter, skip) = (key(Action::Open), key(Action::ReviewSkip));
        let width = area.width as usize;
        let mut lines = vec![
            Line::from(vec![
                Span::styled("Weekly review", theme.title()),
                Span::styled("  a short pass; every step can be skipped", theme.dim()),
            ]),
            self.progress(theme),
            Line::raw(""),
        ];
        let number = if self.step == Step::Finish {
            String::new()
        } else {
            format!("Step {} of 4 · ", self.step.index() + 1)
        };
        lines.push(Line::styled(
            format!("{number}{}", self.step.title()),
            theme.heading(),
        ));
        let say = |text: &str| -> Vec<Line<'static>> {
            wrap(text, width.saturating_sub(2))
                .into_iter()
                .map(|l| Line::raw(format!("  {l}")))
                .collect()
        };
        match self.step {
            Step::Win => {
                lines.extend(say(
                    "What did you do this week that moved revenue, customer retention, cost \
                     savings or risk reduction? A measured result makes it count.",
                ));
                lines.push(match &data.win_this_week {
                    Some(title) => Line::styled(
                        fit(&format!("  ✓ Already logged this week: {title}"), width),
                        theme.good(),
                    ),
                    None => Line::styled("  ! No win logged this week yet.", theme.warn()),
                });
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    format!("  {enter} opens the win form · {skip} skips"),
                    theme.dim(),
                ));
            }
            Step::Cash => {
                lines.extend(say(&format!(
                    "The runway is only as good as the balances behind it. {enter} updates the \
                     selected balance; {skip} goes on."
                )));
                if data.accounts.is_empty() {
                    lines.push(Line::raw(format!(
                        "  No cash accounts yet: add them on the Runway tab. {enter} goes on."
                    )));
                }
                for (i, a) in data.accounts.iter().enumerate() {
                    let mark = if self.updated.contains(&a.id) {
                        "  ✓ updated"
                    } else {
                        ""
                    };
                    let text = format!(
                        "{:<22} {:>14}  as of {} ({}){mark}",
                        fit(&a.name, 22),
                        format_money(a.balance),
                        a.as_of,
                        relative(a.as_of, data.today)
                    );
                    lines.push(row(i == self.cursor.at(), &text, width, theme));
                }
            }
            Step::FollowUps => {
                lines.extend(say(&format!(
                    "Follow-ups due today or overdue. {enter} sets the next date (blank: done); \
                     {skip} goes on."
                )));
                if data.follow_ups.is_empty() {
                    lines.push(Line::styled(
                        format!("  ✓ No follow-up is due. {enter} goes on."),
                        theme.good(),
                    ));
                }
                for (i, a) in data.follow_ups.iter().enumerate() {
                    let due = a
                        .follow_up
                        .map(|d| format!("due {}", relative(d, data.today)))
                        .unwrap_or_default();
                    let action = a
                        .next_action
                        .as_ref()
                        .map(|n| format!(" · {n}"))
                        .unwrap_or_default();
                    let text = format!("{} — {} · {due}{action}", a.company, a.role);
                    lines.push(row(i == self.cursor.at(), &text, width, theme));
                }
            }
            Step::Contact => {
                lines.extend(say(&format!(
                    "Relationships with recruiters and peers, before you need them. Pick one, \
                     get in touch, and {enter} records it."
                )));
                if data.contacts.is_empty() {
                    lines.push(Line::styled(
                        format!("  ✓ Nobody is due a touch. {enter} goes on."),
                        theme.good(),
                    ));
                }
                for (i, (c, why)) in data.contacts.iter().enumerate() {
                    let company = c
                        .company
                        .as_ref()
                        .map(|co| format!(", {co}"))
                        .unwrap_or_default();
                    let text = format!(
                        "{} ({}{company}) · {why}",
                        c.name,
                        c.relationship.label().to_lowercase()
                    );
                    lines.push(row(i == self.cursor.at(), &text, width, theme));
                }
            }
            Step::Finish => {
                let done = self.marks.iter().filter(|m| **m == Mark::Done).count();
                lines.extend(say(&format!(
                    "{done} of 4 steps done. {enter} records this review as done on {}; {} \
                     leaves without recording it.",
                    data.today.format("%-d %b %Y"),
                    key(Action::ReviewLeave)
                )));
                for line in &self.done {
                    lines.push(Line::raw(fit(&format!("  ✓ {line}"), width)));
                }
            }
        }
        if self.step != Step::Finish && !self.done.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled("Saved in this review", theme.dim()));
            for line in &self.done {
                lines.push(Line::styled(
                    fit(&format!("  ✓ {line}"), width),
                    theme.dim(),
                ));
            }
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// `✓ 1 Log a win  ▶ 2 Update cash balances  ○ 3 …`: done, skipped, current, to do.
    fn progress(&self, theme: &crate::tui::theme::Theme) -> Line<'static> {
        let mut spans = Vec::new();
        for (i, step) in Step::ALL[..4].iter().enumerate() {
            let symbol = if *step == self.step {
                "▶"
            } else {
                match self.marks[i] {
                    Mark::Done => "✓",
                    Mark::Skipped => "–",
                    Mark::Open => "○",
                }
            };
            let style = if *step == self.step {
                theme.title()
            } else {
                theme.text()
            };
            spans.push(Span::styled(format!("{symbol} {} ", i + 1), style));
            let short = match step {
                Step::Win => "win",
                Step::Cash => "cash",
                Step::FollowUps => "follow-ups",
                Step::Contact => "contact",
                Step::Finish => "finish",
            };
            spans.push(Span::styled(format!("{short}   "), style));
        }
        let last = if self.step == Step::Finish {
            "▶ finish"
        } else {
            "○ finish"
        };
        spans.push(Span::raw(last));
        Line::from(spans)
    }
}

/// A list row: `▶` and reverse video when selected (not colour alone).
fn row(
    selected: bool,
    text: &str,
    width: usize,
    theme: &crate::tui::theme::Theme,
) -> Line<'static> {
    let mark = if selected { "▶ " } else { "  " };
    let text = fit(&format!("{mark}{text}"), width);
    if selected {
        Line::styled(text, theme.selected())
    } else {
        Line::raw(text)
    }
}
