//! Naming contacts and stories in one line of text: `Dana; #45; bedrock`.
//!
//! The application form (and anything else that takes a list of records as
//! text) writes the chosen records as `#id name` entries separated by `;`, and
//! reads back ids, whole names, or a part of one. A part that fits several
//! records is refused with the candidates and their ids, never guessed.

use super::Pipeline;
use crate::domain::impact::Win;
use crate::domain::{Id, Invalid};

/// Entries are separated by this; names and win titles rarely contain it.
pub const SEPARATOR: char = ';';

/// The contacts named in `text` (`field` names the form field for errors).
pub fn resolve_contacts(pipeline: &Pipeline, text: &str) -> Result<Vec<Id>, Invalid> {
    let known: Vec<(Id, &str)> = pipeline
        .contacts
        .iter()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    resolve("contacts", "contact", &known, text)
}

/// The Impact wins named in `text`, by id or by words of their titles.
pub fn resolve_stories(wins: &[Win], text: &str) -> Result<Vec<Id>, Invalid> {
    let known: Vec<(Id, &str)> = wins.iter().map(|w| (w.id, w.title.as_str())).collect();
    resolve("stories", "win", &known, text)
}

/// The application an offer answers, as the offer form shows it:
/// `#54 Brightline Consulting — AWS Practice Lead`; a bare `#54` for one
/// deleted since; empty for none.
pub fn application_text(pipeline: &Pipeline, id: Option<Id>) -> String {
    id.map(|id| {
        let name = pipeline.application(id).map(application_name);
        entry(id, name.as_deref())
    })
    .unwrap_or_default()
}

/// The one application named in `text` by id or words of its company and
/// role; `None` when blank. `kept` is the link stored already: its id stays
/// even when the application has been deleted since, as a stored link is
/// never an error.
pub fn resolve_application(
    pipeline: &Pipeline,
    text: &str,
    kept: Option<Id>,
) -> Result<Option<Id>, Invalid> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.contains(SEPARATOR) {
        return Err(Invalid::new(
            "application",
            "an offer answers one application: name only one",
        ));
    }
    if let Some(id) = leading_id(text).filter(|&id| Some(id) == kept) {
        return Ok(Some(id));
    }
    let names: Vec<(Id, String)> = pipeline
        .applications
        .iter()
        .map(|a| (a.id, application_name(a)))
        .collect();
    let known: Vec<(Id, &str)> = names.iter().map(|(id, n)| (*id, n.as_str())).collect();
    resolve_one("application", "application", &known, text).map(Some)
}

fn application_name(app: &super::Application) -> String {
    format!("{} — {}", app.company, app.role)
}

/// `#44 Dana Whitfield; #45 Marcus Lee`: the contacts as the form shows them.
/// An id with no contact (deleted elsewhere) is written bare, so it is refused
/// with its number on save rather than silently dropped.
pub fn contacts_text(pipeline: &Pipeline, ids: &[Id]) -> String {
    join(ids.iter().map(|&id| {
        let name = pipeline.contact(id).map(|c| c.name.as_str());
        entry(id, name)
    }))
}

/// `#2 Closed the security review…`: the stories as the form shows them.
pub fn stories_text(wins: &[Win], ids: &[Id]) -> String {
    join(ids.iter().map(|&id| {
        let title = wins.iter().find(|w| w.id == id).map(|w| w.title.as_str());
        entry(id, title)
    }))
}

fn entry(id: Id, name: Option<&str>) -> String {
    match name {
        // A separator inside a name would split it on the way back.
        Some(name) => format!("#{id} {}", name.replace(SEPARATOR, ",")),
        None => format!("#{id}"),
    }
}

fn join(entries: impl Iterator<Item = String>) -> String {
    entries.collect::<Vec<_>>().join("; ")
}

/// Reads `text` against `known` (id, name) pairs: `#12` or `12` (optionally
/// followed by the name, as [`contacts_text`] writes it), a whole name
/// (case-insensitive), or words that appear in exactly one name.
fn resolve(
    field: &'static str,
    noun: &str,
    known: &[(Id, &str)],
    text: &str,
) -> Result<Vec<Id>, Invalid> {
    let mut ids = Vec::new();
    for part in text
        .split(SEPARATOR)
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let id = resolve_one(field, noun, known, part)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

fn resolve_one(
    field: &'static str,
    noun: &str,
    known: &[(Id, &str)],
    part: &str,
) -> Result<Id, Invalid> {
    if let Some(id) = leading_id(part) {
        return known
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(k, _)| *k)
            .ok_or_else(|| Invalid::new(field, format!("there is no {noun} #{id}")));
    }
    let wanted = words(part);
    let exact: Vec<&(Id, &str)> = known.iter().filter(|(_, n)| words(n) == wanted).collect();
    let candidates = if exact.is_empty() {
        known
            .iter()
            .filter(|(_, name)| {
                let name = words(name);
                wanted.iter().all(|w| name.iter().any(|n| n.contains(w)))
            })
            .collect()
    } else {
        exact
    };
    match candidates.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(Invalid::new(field, format!("no {noun} matches \"{part}\""))),
        many => {
            let shown: Vec<String> = many
                .iter()
                .take(4)
                .map(|(id, name)| format!("#{id} {name}"))
                .collect();
            let more = if many.len() > 4 { ", …" } else { "" };
            Err(Invalid::new(
                field,
                format!(
                    "\"{part}\" matches {} {noun}s; type more of it or the #id: {}{more}",
                    many.len(),
                    shown.join(", ")
                ),
            ))
        }
    }
}

/// `#12`, `12`, or `#12 Dana …`: the id at the start of an entry.
fn leading_id(part: &str) -> Option<Id> {
    let rest = part.strip_prefix('#').unwrap_or(part);
    let digits: &str = rest
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap_or("");
    if digits.is_empty() {
        return None;
    }
    let after = &rest[digits.len()..];
    // `12` or `#12 Dana`: an id. `3M Company` (no #, text glued on) is a name.
    let is_id = after.is_empty() || (part.starts_with('#') && after.starts_with(' '));
    if is_id { digits.parse().ok() } else { None }
}

/// Lower-case words, punctuation dropped: "Lee, Marcus" → ["lee", "marcus"].
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::Category;
    use crate::domain::pipeline::{Contact, Relationship};
    use chrono::NaiveDate;

    fn pipeline() -> Pipeline {
        let names = [
            (44, "Dana Whitfield"),
            (45, "Marcus Lee"),
            (46, "Dana Lee"),
            (47, "Sam"),
            (48, "Samantha Ortiz"),
        ];
        Pipeline {
            contacts: names
                .iter()
                .map(|&(id, name)| Contact::new(id, name, Relationship::Peer))
                .collect(),
            ..Pipeline::default()
        }
    }

    #[test]
    fn ids_whole_names_and_unique_parts() {
        let p = pipeline();
        assert_eq!(resolve_contacts(&p, ""), Ok(vec![]));
        assert_eq!(resolve_contacts(&p, " ; ;"), Ok(vec![]));
        assert_eq!(resolve_contacts(&p, "#45"), Ok(vec![45]));
        assert_eq!(resolve_contacts(&p, "46"), Ok(vec![46]));
        assert_eq!(resolve_contacts(&p, "marcus"), Ok(vec![45]));
        assert_eq!(resolve_contacts(&p, "whit; DANA LEE"), Ok(vec![44, 46]));
        // "Sam" is a whole name, so it wins over "Samantha" containing it.
        assert_eq!(resolve_contacts(&p, "sam"), Ok(vec![47]));
        // What the form writes reads back to the same ids, duplicates dropped.
        let text = contacts_text(&p, &[44, 45]);
        assert_eq!(text, "#44 Dana Whitfield; #45 Marcus Lee");
        assert_eq!(
            resolve_contacts(&p, &format!("{text}; #44")),
            Ok(vec![44, 45])
        );
    }

    #[test]
    fn unknown_and_ambiguous_entries_are_refused_by_field() {
        let p = pipeline();
        let err = resolve_contacts(&p, "#99").unwrap_err();
        assert_eq!(err, Invalid::new("contacts", "there is no contact #99"));
        let err = resolve_contacts(&p, "Priya").unwrap_err();
        assert_eq!(err.message, "no contact matches \"Priya\"");
        let err = resolve_contacts(&p, "dana").unwrap_err();
        assert_eq!(err.field, "contacts");
        assert!(err.message.contains("matches 2 contacts"), "{err}");
        assert!(err.message.contains("#44 Dana Whitfield"), "{err}");
        assert!(err.message.contains("#46 Dana Lee"), "{err}");
    }

    #[test]
    fn an_offer_names_one_application_and_keeps_a_deleted_link() {
        use crate::domain::pipeline::{Application, Stage};
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
        let mut p = pipeline();
        p.applications = vec![
            Application::new(
                52,
                "Northwind Cloud",
                "Principal Architect",
                Stage::Offer,
                day,
            ),
            Application::new(54, "Brightline", "AWS Practice Lead", Stage::Offer, day),
            Application::new(55, "Brightline", "Data Lead", Stage::Applied, day),
        ];
        assert_eq!(resolve_application(&p, "  ", None), Ok(None));
        assert_eq!(resolve_application(&p, "northwind", None), Ok(Some(52)));
        assert_eq!(
            resolve_application(&p, "brightline aws", None),
            Ok(Some(54))
        );
        let text = application_text(&p, Some(54));
        assert_eq!(text, "#54 Brightline — AWS Practice Lead");
        assert_eq!(resolve_application(&p, &text, None), Ok(Some(54)));
        let err = resolve_application(&p, "brightline", None).unwrap_err();
        assert_eq!(err.field, "application");
        assert!(err.message.contains("matches 2 applications"), "{err}");
        let err = resolve_application(&p, "#52; #54", None).unwrap_err();
        assert_eq!(err.field, "application");
        // A link to an application deleted since reads back as it was…
        assert_eq!(application_text(&p, Some(60)), "#60");
        assert_eq!(resolve_application(&p, "#60", Some(60)), Ok(Some(60)));
        // …but a new link must name an application that is there.
        assert_eq!(
            resolve_application(&p, "#60", None),
            Err(Invalid::new("application", "there is no application #60"))
        );
    }

    #[test]
    fn a_name_starting_with_digits_is_a_name() {
        let mut p = pipeline();
        p.contacts
            .push(Contact::new(50, "3M Recruiting", Relationship::Recruiter));
        assert_eq!(resolve_contacts(&p, "3M"), Ok(vec![50]));
        assert_eq!(leading_id("#3 Dana"), Some(3));
        assert_eq!(leading_id("3"), Some(3));
        assert_eq!(leading_id("3M"), None);
        assert_eq!(leading_id("#3M"), None);
    }

    #[test]
    fn stories_by_title_words_or_id() {
        let win = |id, title: &str| Win {
            id,
            date: NaiveDate::from_ymd_opt(2026, 5, 1).expect("date"),
            title: title.into(),
            category: Category::Revenue,
            metric: None,
            notes: None,
            tags: Vec::new(),
            link: None,
        };
        let wins = vec![
            win(2, "Closed the security review; renewal saved"),
            win(11, "Unblocked a stalled Bedrock pilot"),
        ];
        assert_eq!(resolve_stories(&wins, "bedrock; #2"), Ok(vec![11, 2]));
        let text = stories_text(&wins, &[2, 11, 7]);
        // The separator inside a title is written as a comma; a missing win stays a bare id.
        assert_eq!(
            text,
            "#2 Closed the security review, renewal saved; #11 Unblocked a stalled Bedrock pilot; #7"
        );
        assert_eq!(
            resolve_stories(&wins, &text).unwrap_err(),
            Invalid::new("stories", "there is no win #7")
        );
    }
}
