//! What the board and the list do with the selected application (the same
//! keys in both), and the detail strip they show under it.

use super::cards;
use super::forms::{self, Purpose};
use crate::domain::Id;
use crate::domain::edit::{Edit, Kind};
use crate::domain::pipeline::{self, Application, Stage};
use crate::text::count;
use crate::tui::keymap::{Action, Scope};
use crate::tui::screen::{Cx, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// The actions that need an application selected.
const ON_SELECTED: [Action; 6] = [
    Action::Edit,
    Action::Delete,
    Action::StageNext,
    Action::StagePrev,
    Action::CloseApplication,
    Action::AcceptGhosted,
];

/// Whether `action` does something with `selected` (the footer offers it).
pub fn applies(action: Action, selected: Option<Id>) -> bool {
    !ON_SELECTED.contains(&action) || selected.is_some()
}

/// An application key on the application `selected`; `false` when `action`
/// is not one.
pub fn act(action: Action, selected: Option<Id>, cx: &mut Cx<Purpose>) -> bool {
    let wb = cx.wb;
    let today = cx.today;
    let keys = cx.keys;
    if action == Action::Add {
        // A new application starts at Applied, wherever the board's cursor is.
        cx.form(forms::application(wb, today, None));
        return true;
    }
    if !ON_SELECTED.contains(&action) {
        return false;
    }
    let Some(app) = selected.and_then(|id| wb.pipeline.application(id)) else {
        let add = keys.hint(Scope::PipelineApps, Action::Add, "adds one");
        cx.status(format!("no application selected ({add})"));
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
            let edit = keys.key_for(Scope::PipelineApps, Action::Edit);
            let close = keys.key_for(Scope::PipelineApps, Action::CloseApplication);
            match next {
                Some(stage) => move_app(cx, app.id, stage, &name),
                None if !app.stage.is_active() => cx.status(format!(
                    "{} is closed ({}); {edit} edits its stage to reopen it",
                    app.company,
                    app.stage.key()
                )),
                None if action == Action::StageNext => cx.status(format!(
                    "Offer is the last column: {close} closes it as accepted or declined"
                )),
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
                move_app(cx, app.id, Stage::Ghosted, &name);
            } else {
                let close = keys.key_for(Scope::PipelineApps, Action::CloseApplication);
                cx.status(format!(
                    "{} is not suggested as ghosted (applied or screening, no change for {}+ days); {close} closes it another way",
                    app.company, wb.pipeline.ghost_after_days
                ));
            }
        }
        _ => {}
    }
    true
}

fn move_app(cx: &mut Cx<Purpose>, id: Id, stage: Stage, name: &str) {
    match pipeline::move_application(&cx.wb.pipeline, id, stage, cx.today) {
        Ok(Some(edit)) => cx.edit(edit, format!("moved {name} to {}", stage.label())),
        Ok(None) => {}
        Err(invalid) => cx.error(invalid.message),
    }
}

/// The selected application's details, under the board or the list.
pub fn detail(frame: &mut Frame, area: Rect, app: Option<&Application>, view: &View) {
    let lines = match app {
        Some(app) => cards::detail(app, &view.wb.pipeline, area.width as usize, view),
        None => Vec::new(),
    };
    let lines: Vec<Line> = lines.into_iter().take(area.height as usize).collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The rows left for a view above its detail strip, the gap, and the strip:
/// three lines when there is room, fewer when short.
pub fn split(area: Rect) -> (Rect, Rect) {
    let strip = if area.height >= 14 { 3 } else { 2 };
    let [main, _, detail] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Fill(1),
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Length(strip),
    ])
    .areas(area);
    (main, detail)
}
