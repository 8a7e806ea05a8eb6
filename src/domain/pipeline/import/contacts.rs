//! `careerbook import contacts FILE.csv`: LinkedIn's Connections.csv (or any
//! CSV with a name column) into contacts. LinkedIn's file starts with a few
//! lines of notes before its header `First Name,Last Name,URL,Email
//! Address,Company,Position,Connected On`: everything before the first row
//! that names a name column is skipped. Pure, like the applications import.

use super::{BadRow, DuplicateOf, DuplicateRow, ImportError, NOT_TEXT, identity, read_rows};
use crate::domain::choice::squash;
use crate::domain::pipeline::{Contact, Pipeline, Relationship, optional_text};
use csv::StringRecord;
use std::collections::HashMap;
use std::io::Read;

/// What a contacts import would add; nothing is added until the caller applies `rows`.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactsPlan {
    /// New contacts (id 0), in file order.
    pub rows: Vec<Contact>,
    /// Rows that cannot be read (not UTF-8).
    pub bad: Vec<BadRow>,
    /// Rows with no name (LinkedIn lists members who hide theirs that way).
    pub nameless: Vec<usize>,
    /// Rows already among the contacts, or earlier in the file.
    pub duplicates: Vec<DuplicateRow>,
    /// Header cells careerbook does not keep (LinkedIn's "Connected On", say).
    pub ignored_columns: Vec<String>,
}

/// The columns a contacts file may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    First,
    Last,
    Name,
    Link,
    Email,
    Company,
    Position,
}

impl Field {
    const ALL: [Field; 7] = [
        Field::First,
        Field::Last,
        Field::Name,
        Field::Link,
        Field::Email,
        Field::Company,
        Field::Position,
    ];

    fn headers(self) -> &'static [&'static str] {
        match self {
            Field::First => &["First Name", "Given Name"],
            Field::Last => &["Last Name", "Family Name", "Surname"],
            Field::Name => &["Name", "Full Name"],
            Field::Link => &["URL", "Profile URL", "LinkedIn", "Link"],
            Field::Email => &["Email Address", "Email", "E-mail"],
            Field::Company => &["Company", "Employer", "Organization"],
            Field::Position => &["Position", "Title", "Job Title"],
        }
    }

    fn of(header: &str) -> Option<Field> {
        let key = squash(header);
        Field::ALL
            .into_iter()
            .find(|f| f.headers().iter().any(|h| squash(h) == key))
    }
}

/// Which position of a row holds each field.
struct Columns(Vec<(Field, usize)>);

impl Columns {
    /// A header row names a first name or a full name; notes above it do not.
    fn from_header(record: &StringRecord) -> Option<(Columns, Vec<String>)> {
        let mut found = Vec::new();
        let mut ignored = Vec::new();
        for (at, cell) in record.iter().enumerate() {
            match Field::of(cell) {
                Some(field) if !found.iter().any(|(f, _)| *f == field) => found.push((field, at)),
                _ if cell.trim().is_empty() => {}
                _ => ignored.push(cell.trim().to_string()),
            }
        }
        let named = found
            .iter()
            .any(|(f, _)| matches!(f, Field::First | Field::Name));
        named.then_some((Columns(found), ignored))
    }

    fn get<'a>(&self, record: &'a StringRecord, field: Field) -> &'a str {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, at)| record.get(*at))
            .map(crate::text::csv_cell_unguarded)
            .unwrap_or("")
            .trim()
    }
}

/// Reads a contacts CSV against `pipeline`. `relationship` is given to every
/// new contact; without it, a position naming recruiting ("Recruiter",
/// "Talent Acquisition", "Sourcer") makes a recruiter and anything else a peer.
pub fn plan_contacts_import(
    mut input: impl Read,
    pipeline: &Pipeline,
    relationship: Option<Relationship>,
) -> Result<ContactsPlan, ImportError> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|err| ImportError::Unreadable(err.to_string()))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let rows = read_rows(bytes)?;
    let (at, (columns, ignored)) = rows
        .iter()
        .enumerate()
        .find_map(|(i, raw)| {
            raw.record
                .as_ref()
                .and_then(Columns::from_header)
                .map(|c| (i, c))
        })
        .ok_or(ImportError::NoNameColumn)?;
    let mut plan = ContactsPlan {
        rows: Vec::new(),
        bad: Vec::new(),
        nameless: Vec::new(),
        duplicates: Vec::new(),
        ignored_columns: ignored,
    };
    let mut seen = Seen::default();
    for contact in &pipeline.contacts {
        seen.add(Key::of(contact), DuplicateOf::Existing(contact.id));
    }
    for raw in &rows[at + 1..] {
        let Some(record) = &raw.record else {
            plan.bad.push(BadRow {
                row_number: raw.row_number,
                reason: NOT_TEXT.to_string(),
            });
            continue;
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let Some(contact) = read_contact(&columns, record, relationship) else {
            plan.nameless.push(raw.row_number);
            continue;
        };
        let key = Key::of(&contact);
        match seen.earliest(&key) {
            Some(of) => plan.duplicates.push(DuplicateRow {
                row_number: raw.row_number,
                of,
            }),
            None => {
                seen.add(key, DuplicateOf::Row(raw.row_number));
                plan.rows.push(contact);
            }
        }
    }
    Ok(plan)
}

fn read_contact(
    columns: &Columns,
    record: &StringRecord,
    relationship: Option<Relationship>,
) -> Option<Contact> {
    let get = |field| columns.get(record, field);
    let name = match get(Field::Name) {
        "" => format!("{} {}", get(Field::First), get(Field::Last)),
        full => full.to_string(),
    };
    let name = optional_text(&name)?;
    let position = optional_text(get(Field::Position));
    let relationship = relationship.unwrap_or_else(|| guess_relationship(position.as_deref()));
    let mut contact = Contact::new(0, name, relationship);
    contact.company = optional_text(get(Field::Company));
    contact.reach = optional_text(get(Field::Email));
    contact.position = position;
    contact.link = optional_text(get(Field::Link));
    Some(contact)
}

/// Recruiters by their title; everyone else a peer until the person says otherwise.
fn guess_relationship(position: Option<&str>) -> Relationship {
    let title = position.unwrap_or("").to_lowercase();
    let recruits = ["recruit", "talent acquisition", "sourcer", "sourcing"];
    if recruits.iter().any(|word| title.contains(word)) {
        Relationship::Recruiter
    } else {
        Relationship::Peer
    }
}

/// What makes two contacts the same person: the same profile address, or,
/// when either has none, the same name at the same company (a missing
/// company matches any).
struct Key {
    link: Option<String>,
    name: String,
    company: Option<String>,
}

impl Key {
    fn of(contact: &Contact) -> Self {
        Self {
            link: contact.link.as_deref().map(profile),
            name: identity(&contact.name),
            company: contact.company.as_deref().map(identity),
        }
    }
}

/// The people seen so far (the contacts, then each row kept), indexed by
/// profile address and by name, so each row is checked against them in
/// about constant time: an import of n rows is linear, not n².
#[derive(Default)]
struct Seen {
    /// The first person seen with each profile address, and when.
    by_link: HashMap<String, (usize, DuplicateOf)>,
    /// Everyone seen with each name, in the order seen.
    by_name: HashMap<String, Vec<Earlier>>,
    count: usize,
}

/// One person seen, as a name match needs them.
struct Earlier {
    order: usize,
    has_link: bool,
    company: Option<String>,
    of: DuplicateOf,
}

impl Seen {
    fn add(&mut self, key: Key, of: DuplicateOf) {
        let order = self.count;
        self.count += 1;
        if let Some(link) = &key.link {
            self.by_link.entry(link.clone()).or_insert((order, of));
        }
        self.by_name.entry(key.name).or_default().push(Earlier {
            order,
            has_link: key.link.is_some(),
            company: key.company,
            of,
        });
    }

    /// The first person seen who is `key`'s person: the same profile
    /// address when both have one; otherwise, when either has none, the
    /// same name at the same company (a missing company matches any).
    fn earliest(&self, key: &Key) -> Option<DuplicateOf> {
        let by_link = key.link.as_ref().and_then(|link| self.by_link.get(link));
        let by_name = self.by_name.get(&key.name).and_then(|earlier| {
            earlier
                .iter()
                .find(|e| {
                    (!e.has_link || key.link.is_none()) && same_company(&e.company, &key.company)
                })
                .map(|e| (e.order, e.of))
        });
        [by_link.copied(), by_name]
            .into_iter()
            .flatten()
            .min_by_key(|(order, _)| *order)
            .map(|(_, of)| of)
    }
}

/// A missing company matches any; otherwise one name must begin the other
/// word for word ("Amazon" is "Amazon (AI platform team)", not "Amazonia").
fn same_company(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            long == short || long.starts_with(&format!("{short} "))
        }
        _ => true,
    }
}

/// A profile address compared loosely: case, scheme, `www.` and a trailing
/// slash do not matter.
fn profile(link: &str) -> String {
    let link = link.trim().to_lowercase();
    let link = link
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    link.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONNECTIONS: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/linkedin_connections.csv"
    ));

    fn names(plan: &ContactsPlan) -> Vec<&str> {
        plan.rows.iter().map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn linkedin_connections_skip_the_notes_and_keep_link_email_and_position() {
        let plan = plan_contacts_import(CONNECTIONS.as_bytes(), &Pipeline::default(), None)
            .expect("reads");
        assert_eq!(
            names(&plan),
            ["Dana Whitfield", "Marcus Lee", "Priya Shah", "Aisha Khan"]
        );
        let dana = &plan.rows[0];
        assert_eq!(dana.company.as_deref(), Some("Northwind Cloud"));
        assert_eq!(dana.reach.as_deref(), Some("dana@northwind.example"));
        assert_eq!(dana.position.as_deref(), Some("Senior Technical Recruiter"));
        assert_eq!(
            dana.link.as_deref(),
            Some("https://www.linkedin.com/in/dana-whitfield-example")
        );
        assert_eq!(dana.relationship, Relationship::Recruiter, "by title");
        let marcus = &plan.rows[1];
        assert_eq!(
            marcus.position.as_deref(),
            Some("Principal Solutions Architect, GenAI")
        );
        assert_eq!(marcus.reach, None, "no email shared");
        assert_eq!(marcus.relationship, Relationship::Peer);
        assert_eq!(
            plan.rows[3].relationship,
            Relationship::Recruiter,
            "talent acquisition"
        );
        // The notes are lines 1–3 and the header line 4; the member with no
        // name is on line 8.
        assert_eq!(plan.nameless, [8]);
        assert_eq!(plan.ignored_columns, ["Connected On"]);
        assert!(plan.bad.is_empty() && plan.duplicates.is_empty());
    }

    #[test]
    fn a_second_import_adds_nobody_and_a_hand_added_contact_is_recognised() {
        let mut pipeline = Pipeline::default();
        // Added by hand before: same name, no profile address, no company.
        pipeline
            .contacts
            .push(Contact::new(7, "marcus lee", Relationship::HiringManager));
        let first = plan_contacts_import(CONNECTIONS.as_bytes(), &pipeline, None).expect("reads");
        assert_eq!(
            names(&first),
            ["Dana Whitfield", "Priya Shah", "Aisha Khan"]
        );
        assert_eq!(first.duplicates[0].of, DuplicateOf::Existing(7));
        for (id, contact) in (100..).zip(first.rows) {
            pipeline.contacts.push(Contact { id, ..contact });
        }
        let again = plan_contacts_import(CONNECTIONS.as_bytes(), &pipeline, None).expect("reads");
        assert!(again.rows.is_empty(), "{:?}", names(&again));
        assert_eq!(again.duplicates.len(), 4);
    }

    #[test]
    fn the_same_profile_is_one_person_whatever_the_address_looks_like() {
        let text = "First Name,Last Name,URL\n\
                    Dana,Whitfield,https://www.linkedin.com/in/dana/\n\
                    Dana,W.,http://linkedin.com/in/DANA\n\
                    Dana,Whitfield,https://www.linkedin.com/in/another-dana\n";
        let plan =
            plan_contacts_import(text.as_bytes(), &Pipeline::default(), None).expect("reads");
        // Row 3 is row 2's profile; row 4 has its own profile: another person.
        assert_eq!(names(&plan), ["Dana Whitfield", "Dana Whitfield"]);
        assert_eq!(plan.duplicates[0].row_number, 3);
        assert_eq!(plan.duplicates[0].of, DuplicateOf::Row(2));
    }

    #[test]
    fn the_first_person_matched_by_address_or_name_is_the_one_named() {
        // Contact 7 has no address; row 2 has address /dana. Row 3 (same name,
        // address /dana) matches both: the one seen first, contact 7, is named.
        // Row 4 (same name, another address) matches 7 by name alone (7 has no
        // address to compare), never row 2, whose address differs.
        let mut pipeline = Pipeline::default();
        pipeline
            .contacts
            .push(Contact::new(7, "Dana Whitfield", Relationship::Peer));
        let text = "First Name,Last Name,URL
\
                    Dana,W.,https://linkedin.com/in/dana
\
                    Dana,Whitfield,https://linkedin.com/in/dana
\
                    Dana,Whitfield,https://linkedin.com/in/other
\
                    Dana,X.,https://linkedin.com/in/dana/
";
        let plan = plan_contacts_import(text.as_bytes(), &pipeline, None).expect("reads");
        assert_eq!(names(&plan), ["Dana W."]);
        let of: Vec<(usize, DuplicateOf)> = plan
            .duplicates
            .iter()
            .map(|d| (d.row_number, d.of))
            .collect();
        assert_eq!(
            of,
            [
                (3, DuplicateOf::Existing(7)),
                (4, DuplicateOf::Existing(7)),
                (5, DuplicateOf::Row(2)),
            ]
        );
    }

    #[test]
    fn a_company_named_shorter_is_the_same_company() {
        let mut pipeline = Pipeline::default();
        let mut marcus = Contact::new(7, "Marcus Lee", Relationship::HiringManager);
        marcus.company = Some("Amazon (AI platform team)".into());
        pipeline.contacts.push(marcus);
        let mut amazonia = Contact::new(8, "Priya Shah", Relationship::Peer);
        amazonia.company = Some("Amazonia Foods".into());
        pipeline.contacts.push(amazonia);
        let text = "First Name,Last Name,Company\nMarcus,Lee,Amazon\nPriya,Shah,Amazon\n";
        let plan = plan_contacts_import(text.as_bytes(), &pipeline, None).expect("reads");
        assert_eq!(names(&plan), ["Priya Shah"], "Amazon is not Amazonia Foods");
        assert_eq!(plan.duplicates[0].of, DuplicateOf::Existing(7));
    }

    #[test]
    fn a_relationship_can_be_given_and_a_file_without_names_is_refused() {
        let text = "Name,Company\nSam Lee,Initech\n";
        let plan = plan_contacts_import(
            text.as_bytes(),
            &Pipeline::default(),
            Some(Relationship::FormerColleague),
        )
        .expect("reads");
        assert_eq!(plan.rows[0].relationship, Relationship::FormerColleague);
        let none =
            plan_contacts_import(&b"Company,Role\nAcme,SRE\n"[..], &Pipeline::default(), None);
        assert_eq!(none, Err(ImportError::NoNameColumn));
    }
}
