//! The win form, shared by the Impact tab and the Now tab's weekly review:
//! one form, checked by the domain's own `Win::validate`.

use crate::domain::impact::{Category, Metric, Win, normalize_tags};
use crate::tui::screen::Refused;
use crate::tui::widgets::form::{Form, Key};
use chrono::NaiveDate;

const TITLE: Key<String> = Key::new("title");
const DATE: Key<NaiveDate> = Key::new("date");
const CATEGORY: Key<Category> = Key::new("category");
const METRIC: Key<Option<String>> = Key::new("metric");
const TAGS: Key<Option<String>> = Key::new("tags");
const LINK: Key<Option<String>> = Key::new("link");
const NOTES: Key<Option<String>> = Key::new("notes");

/// A form for a new win (`win` is `None`) or for editing `win`.
pub fn win_form<P: 'static>(
    title: &str,
    today: NaiveDate,
    win: Option<&Win>,
    purpose: P,
) -> Form<P> {
    let tags = win.map(|w| w.tags.join(", ")).unwrap_or_default();
    Form::new(title, today, purpose)
        .text(
            TITLE,
            "What you did (one line)",
            win.map_or("", |w| &w.title),
        )
        .date(DATE, "Date", Some(win.map_or(today, |w| w.date)))
        .choice(
            CATEGORY,
            "Lever it moved",
            win.map_or(Category::Other, |w| w.category),
        )
        .hint("type a word: revenue, retention, cost, risk …")
        .text(
            METRIC,
            "Measured result",
            win.and_then(|w| w.metric.as_ref()).map_or("", |m| &m.text),
        )
        .hint("e.g. $40k/yr, 30%, 12 hours/week, p99 900ms → 300ms")
        .check(METRIC, |metric: &Option<String>| match metric {
            Some(text) => Metric::parse(text).map(drop),
            None => Ok(()),
        })
        .text(TAGS, "Tags", &tags)
        .hint("words separated by commas, e.g. finops, migration")
        .text(
            LINK,
            "Link to evidence",
            win.and_then(|w| w.link.as_deref()).unwrap_or(""),
        )
        .note(
            NOTES,
            "Notes: context, action, who benefited",
            win.and_then(|w| w.notes.as_deref()).unwrap_or(""),
        )
}

/// The win a submitted [`win_form`] describes: `original` (the win as it was
/// when the form opened, `None` for a new one) with the form's fields
/// applied, checked by the domain.
pub fn win_from<P>(
    form: &Form<P>,
    original: Option<&Win>,
    today: NaiveDate,
) -> Result<Win, Refused> {
    let metric = match form.get(METRIC)? {
        Some(text) => {
            Some(Metric::parse(&text).map_err(|m| crate::domain::Invalid::new(METRIC.name, m))?)
        }
        None => None,
    };
    let mut win = match original {
        Some(win) => win.clone(),
        None => Win {
            id: 0,
            date: today,
            title: String::new(),
            category: Category::Other,
            metric: None,
            notes: None,
            tags: Vec::new(),
            link: None,
        },
    };
    win.date = form.get(DATE)?;
    win.title = form.get(TITLE)?;
    win.category = form.get(CATEGORY)?;
    // The result is worked out from its text: while its field is untouched
    // it stays as stored (written with its own spacing, say).
    if original.is_none() || !form.untouched(METRIC) {
        win.metric = metric;
    }
    win.notes = form.get(NOTES)?;
    win.tags = normalize_tags(&form.get(TAGS)?.unwrap_or_default());
    win.link = form.get(LINK)?;
    win.validate(today)?;
    Ok(win)
}
