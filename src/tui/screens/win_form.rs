//! The win form, shared by the Impact tab and the Now tab's weekly review:
//! one form, checked by the domain's own `Win::validate`.

use crate::domain::impact::{Category, Metric, Win, normalize_tags};
use crate::domain::{Id, Invalid};
use crate::tui::widgets::form::Form;
use chrono::NaiveDate;
use std::any::Any;

/// A form for a new win (`win` is `None`) or for editing `win`.
pub fn win_form(title: &str, today: NaiveDate, win: Option<&Win>, purpose: impl Any) -> Form {
    let category = win.map_or(Category::Other, |w| w.category);
    let categories = Category::ALL
        .iter()
        .map(|c| c.label().to_string())
        .collect();
    let selected = Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0);
    let tags = win.map(|w| w.tags.join(", ")).unwrap_or_default();
    Form::new(title, today, purpose)
        .text(
            "title",
            "What you did (one line)",
            win.map_or("", |w| &w.title),
            true,
        )
        .date("date", "Date", Some(win.map_or(today, |w| w.date)), true)
        .choice("category", "Lever it moved", categories, selected)
        .text(
            "metric",
            "Measured result",
            win.and_then(|w| w.metric.as_ref()).map_or("", |m| &m.text),
            false,
        )
        .hint("e.g. $40k/yr, 30%, 12 hours/week, p99 900ms → 300ms")
        .text("tags", "Tags", &tags, false)
        .hint("words separated by commas, e.g. finops, migration")
        .text(
            "link",
            "Link to evidence",
            win.and_then(|w| w.link.as_deref()).unwrap_or(""),
            false,
        )
        .note(
            "notes",
            "Notes: context, action, who benefited",
            win.and_then(|w| w.notes.as_deref()).unwrap_or(""),
        )
}

/// The win a submitted [`win_form`] describes, with `id`, checked by the domain.
pub fn win_from(form: &Form, id: Id, today: NaiveDate) -> Result<Win, Invalid> {
    let metric = match form.value_opt_text("metric") {
        Some(text) => Some(Metric::parse(&text).map_err(|m| Invalid::new("metric", m))?),
        None => None,
    };
    let date = form
        .value_date("date")
        .ok_or_else(|| Invalid::new("date", "enter a date"))?;
    let win = Win {
        id,
        date,
        title: form.value_text("title"),
        category: Category::ALL[form.value_choice("category")],
        metric,
        notes: form.value_opt_text("notes"),
        tags: normalize_tags(&form.value_text("tags")),
        link: form.value_opt_text("link"),
    };
    win.validate(today)?;
    Ok(win)
}
