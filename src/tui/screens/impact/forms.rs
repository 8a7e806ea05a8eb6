//! The Impact tab's forms: a win (shared with the weekly review, in
//! `screens/win_form.rs`) and the brag-document export, and what their values
//! become.

use crate::domain::Id;
use crate::domain::edit::Edit;
use crate::domain::impact::{Win, newest_first};
use crate::export::brag;
use crate::tui::screen::{Cx, Effect, Refused};
use crate::tui::screens::win_form::{win_form, win_from};
use crate::tui::widgets::form::Key;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::path::PathBuf;

type Form = crate::tui::widgets::form::Form<Purpose>;

/// What a form opened by the Impact tab is for.
pub enum Purpose {
    Add,
    /// Editing this win, as it was when the form opened.
    Edit(Win),
    /// Exporting these wins: the ones shown when the form opened.
    Export(Vec<Id>),
}

const PATH: Key<String> = Key::new("path");
const REPLACE: Key<bool> = Key::new("replace");

pub fn add(today: NaiveDate) -> Form {
    win_form("Log a win", today, None, Purpose::Add)
}

pub fn edit(win: &Win, today: NaiveDate) -> Form {
    win_form("Edit win", today, Some(win), Purpose::Edit(win.clone()))
}

/// The export form for the wins `shown`, of `total`.
pub fn export(shown: Vec<Id>, total: usize, today: NaiveDate) -> Form {
    let what = if shown.len() == total {
        format!("all {total} wins")
    } else {
        format!("the {} wins shown", shown.len())
    };
    Form::new(
        format!("Export {what} as a brag document"),
        today,
        Purpose::Export(shown),
    )
    .text(PATH, "File", &format!("brag-{today}.md"))
    .hint("Markdown; a relative name is saved in the directory careerbook was started from")
    .yes_no(REPLACE, "Replace the file if it exists", false)
}

/// Turns a submitted form into an edit or a file, checked by the domain first.
pub fn submit(form: &Form, cx: &mut Cx<Purpose>) -> Result<(), Refused> {
    match form.purpose() {
        Purpose::Add => {
            let win = win_from(form, None, cx.today)?;
            cx.edit(Edit::Add(win.into()), "win logged");
        }
        Purpose::Edit(original) => {
            let win = win_from(form, Some(original), cx.today)?;
            cx.save(Some(original.clone().into()), win.into(), "win updated");
        }
        Purpose::Export(ids) => {
            let shown: HashSet<&Id> = ids.iter().collect();
            let mut wins: Vec<&Win> = cx
                .wb
                .impact
                .wins
                .iter()
                .filter(|w| shown.contains(&w.id))
                .collect();
            // In the order they were shown: newest first.
            wins.sort_by(|a, b| newest_first(a, b));
            let text = brag::markdown(&wins, "Impact");
            cx.effects.push(Effect::WriteFile {
                path: PathBuf::from(form.get(PATH)?),
                bytes: text.into_bytes(),
                replace: form.get(REPLACE)?,
                ours: None,
                done: format!("exported {} wins to", wins.len()),
                field: PATH.name,
            });
        }
    }
    Ok(())
}
