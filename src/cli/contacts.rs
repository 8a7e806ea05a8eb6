//! `careerbook contact NAME …`: a contact added, or updated by name (the
//! Pipeline tab's contacts view), printed as saved.

use super::input::{add_or_update, by_name, change, optional_date, record, refused_field};
use super::money::quoted;
use super::written::print_written;
use super::{Failure, Format, one_line};
use crate::domain::Invalid;
use crate::domain::dates;
use crate::domain::edit::Kind;
use crate::domain::pipeline::{Contact, Relationship, optional_text, parse_relationship};
use crate::store::Paths;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Adds the contact, or updates the one with that name (flags not given keep what \
                  is saved; an empty value clears a text).\n\
                  Example: careerbook contact \"Dana Whitfield\" --company \"Northwind Cloud\" \
                  --relationship recruiter --next-touch +1w"
)]
pub struct ContactArgs {
    /// Their name
    pub name: String,
    /// Where they work
    #[arg(long, value_name = "C")]
    pub company: Option<String>,
    /// recruiter, hiring_manager, peer (default), former_colleague or referral
    #[arg(long, value_name = "R")]
    pub relationship: Option<String>,
    /// When to get in touch next: YYYY-MM-DD, +2w, fri, …
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub next_touch: Option<String>,
    /// When you last were in touch: YYYY-MM-DD, today, -3d, …
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub contacted: Option<String>,
    /// How to reach them: an email, a phone number
    #[arg(long, value_name = "R")]
    pub reach: Option<String>,
    /// Their job title
    #[arg(long, value_name = "P")]
    pub position: Option<String>,
    /// A profile address (LinkedIn)
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,
    /// A note to keep with them
    #[arg(long, value_name = "N")]
    pub note: Option<String>,
    /// text for people; json prints the contact as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

const FLAGS: &[(&str, &str)] = &[("name", "NAME"), ("relationship", "--relationship")];

fn refuse(invalid: Invalid) -> Failure {
    refused_field(invalid, FLAGS)
}

pub fn contact(paths: &Paths, args: ContactArgs) -> Result<(), Failure> {
    let today = dates::today();
    let relationship = args
        .relationship
        .as_deref()
        .map(parse_relationship)
        .transpose()
        .map_err(refuse)?;
    let next_touch = optional_date("--next-touch", args.next_touch.as_deref(), today)?;
    let contacted = optional_date("--contacted", args.contacted.as_deref(), today)?;
    let changed = change(paths, today, refuse, |wb| {
        let before = by_name(&wb.pipeline.contacts, &args.name, "contact", |c| {
            (c.id, &c.name)
        })?;
        let mut contact = before.cloned().unwrap_or_else(|| {
            Contact::new(
                0,
                args.name.trim(),
                relationship.unwrap_or(Relationship::Peer),
            )
        });
        if let Some(relationship) = relationship {
            contact.relationship = relationship;
        }
        for (field, value) in [
            (&mut contact.company, &args.company),
            (&mut contact.reach, &args.reach),
            (&mut contact.position, &args.position),
            (&mut contact.link, &args.link),
            (&mut contact.notes, &args.note),
        ] {
            if let Some(value) = value {
                *field = optional_text(value);
            }
        }
        contact.next_touch = next_touch.or(contact.next_touch);
        contact.last_contacted = contacted.or(contact.last_contacted);
        contact.validate().map_err(refuse)?;
        Ok((add_or_update(before, contact), before.map(|c| c.id)))
    })?;
    let id = changed.id(Kind::Contact, changed.value)?;
    let saved = record(&changed.workbook().pipeline.contacts, id, |c| c.id)?;
    print_written(args.format, saved, || {
        let verb = if changed.value.is_some() {
            "Updated"
        } else {
            "Added"
        };
        let mut about = vec![saved.relationship.key().to_string()];
        about.extend(saved.position.iter().map(|p| one_line(p)));
        about.extend(saved.company.iter().map(|c| one_line(c)));
        let mut line = format!(
            "{verb} contact #{id} {} ({})",
            quoted(&saved.name),
            about.join(", ")
        );
        if let Some(date) = saved.last_contacted {
            line.push_str(&format!("; last contacted {date}"));
        }
        if let Some(date) = saved.next_touch {
            line.push_str(&format!("; next touch {date}"));
        }
        line + "\n"
    })
}
