//! The documented import columns and the header names each one answers to.

/// A column careerbook reads from an imported spreadsheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Company,
    Role,
    Status,
    Applied,
    Link,
    Source,
    Track,
    Location,
    /// A range in one cell ("120k-150k"); text that is not a range becomes the note.
    Salary,
    SalaryMin,
    SalaryMax,
    SalaryNote,
    FollowUp,
    NextAction,
    Notes,
    /// careerbook's own CSV export: "applied 2026-10-01; screening 2026-10-08".
    History,
}

impl Column {
    pub const ALL: [Self; 16] = [
        Self::Company,
        Self::Role,
        Self::Status,
        Self::Applied,
        Self::Link,
        Self::Source,
        Self::Track,
        Self::Location,
        Self::Salary,
        Self::SalaryMin,
        Self::SalaryMax,
        Self::SalaryNote,
        Self::FollowUp,
        Self::NextAction,
        Self::Notes,
        Self::History,
    ];

    /// Columns a file must have.
    pub const REQUIRED: [Self; 2] = [Self::Company, Self::Role];

    /// The column's name in messages.
    pub fn name(&self) -> &'static str {
        self.header_names()[0]
    }

    /// Header names this column answers to, as people write them. Matching
    /// ignores case, spaces and punctuation ("Follow-up date" = "followupdate").
    pub fn header_names(&self) -> &'static [&'static str] {
        match self {
            Self::Company => &[
                "Company",
                "Company Name",
                "Employer",
                "Employer Name",
                "Organization",
                "Organisation",
                "Org",
                "Firm",
            ],
            Self::Role => &[
                "Role",
                "Position",
                "Position Title",
                "Job Title",
                "Title",
                "Job",
                "Job Role",
                "Role Title",
            ],
            Self::Status => &[
                "Status",
                "Stage",
                "Application Status",
                "Current Status",
                "Result",
                "Outcome",
            ],
            Self::Applied => &[
                "Date Applied",
                "Applied",
                "Applied On",
                "Applied Date",
                "Application Date",
                "Date",
                "Date of Application",
                "Submitted",
                "Date Submitted",
                "Submission Date",
            ],
            Self::Link => &[
                "Link",
                "URL",
                "Job URL",
                "Job Link",
                "Posting",
                "Job Posting",
                "Posting URL",
                "Application Link",
            ],
            Self::Source => &[
                "Source",
                "Found Via",
                "Found On",
                "Via",
                "Channel",
                "Lead Source",
            ],
            Self::Track => &["Track", "Category", "Career Track"],
            Self::Location => &[
                "Location",
                "Location / Remote",
                "City",
                "Place",
                "Office",
                "Work Location",
            ],
            Self::Salary => &[
                "Salary",
                "Salary Range",
                "Pay",
                "Pay Range",
                "Compensation",
                "Comp",
                "Base Salary",
            ],
            Self::SalaryMin => &[
                "Salary Min",
                "Min Salary",
                "Minimum Salary",
                "Salary From",
                "Salary Low",
            ],
            Self::SalaryMax => &[
                "Salary Max",
                "Max Salary",
                "Maximum Salary",
                "Salary To",
                "Salary High",
            ],
            Self::SalaryNote => &["Salary Note", "Compensation Note", "Comp Note"],
            Self::FollowUp => &[
                "Follow Up",
                "Follow-up Date",
                "Follow Up On",
                "Follow Up By",
                "Next Follow Up",
                "Reminder",
                "Reminder Date",
            ],
            Self::NextAction => &["Next Step", "Next Steps", "Next Action", "To Do", "Action"],
            Self::Notes => &["Notes", "Note", "Comments", "Comment", "Remarks"],
            Self::History => &["History", "Stage History"],
        }
    }

    /// The column a header cell names, if any.
    pub fn for_header(header: &str) -> Option<Self> {
        let key = header_key(header);
        Self::ALL.into_iter().find(|column| {
            column
                .header_names()
                .iter()
                .any(|name| header_key(name) == key)
        })
    }
}

/// Lower-case letters and digits only, so case, spaces and punctuation
/// (and a stray byte-order mark) never stop a header from matching.
fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which column each position of the file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Layout {
    positions: Vec<(Column, usize)>,
    /// Header cells that name no column, or repeat one already found.
    pub ignored: Vec<String>,
}

impl Layout {
    /// Reads the header row; `Err` lists the required columns it lacks.
    pub fn from_headers<'a>(headers: impl Iterator<Item = &'a str>) -> Result<Self, Vec<Column>> {
        let mut layout = Self {
            positions: Vec::new(),
            ignored: Vec::new(),
        };
        for (at, header) in headers.enumerate() {
            match Column::for_header(header) {
                Some(column) if layout.position(column).is_none() => {
                    layout.positions.push((column, at));
                }
                _ => layout.ignored.push(describe_header(header, at)),
            }
        }
        let missing: Vec<Column> = Column::REQUIRED
            .into_iter()
            .filter(|c| layout.position(*c).is_none())
            .collect();
        if missing.is_empty() {
            Ok(layout)
        } else {
            Err(missing)
        }
    }

    pub fn position(&self, column: Column) -> Option<usize> {
        self.positions
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, at)| *at)
    }
}

fn describe_header(header: &str, at: usize) -> String {
    let header = header.trim();
    if header.is_empty() {
        format!("(column {}, no header)", at + 1)
    } else {
        header.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_ignoring_case_spaces_and_punctuation() {
        assert_eq!(Column::for_header("COMPANY NAME"), Some(Column::Company));
        assert_eq!(Column::for_header(" employer "), Some(Column::Company));
        assert_eq!(Column::for_header("Job-Title"), Some(Column::Role));
        assert_eq!(Column::for_header("date_applied"), Some(Column::Applied));
        assert_eq!(Column::for_header("Follow-up date"), Some(Column::FollowUp));
        assert_eq!(Column::for_header("follow_up"), Some(Column::FollowUp));
        assert_eq!(Column::for_header("Job URL"), Some(Column::Link));
        assert_eq!(Column::for_header("Next step"), Some(Column::NextAction));
        assert_eq!(Column::for_header("\u{feff}Company"), Some(Column::Company));
        assert_eq!(Column::for_header("Recruiter phone"), None);
    }

    #[test]
    fn every_header_name_belongs_to_one_column() {
        for column in Column::ALL {
            for name in column.header_names() {
                assert_eq!(Column::for_header(name), Some(column), "{name}");
            }
        }
    }

    #[test]
    fn layout_reports_missing_and_ignored_columns() {
        let layout = Layout::from_headers(
            ["Employer", "Title", "Salary", "Company", "Mood", " "].into_iter(),
        )
        .unwrap();
        assert_eq!(layout.position(Column::Company), Some(0));
        assert_eq!(layout.position(Column::Role), Some(1));
        assert_eq!(layout.position(Column::Status), None);
        assert_eq!(
            layout.ignored,
            vec!["Company", "Mood", "(column 6, no header)"]
        );
        let missing = Layout::from_headers(["Company", "Status"].into_iter()).unwrap_err();
        assert_eq!(missing, vec![Column::Role]);
    }
}
