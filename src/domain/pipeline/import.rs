//! `careerbook import apps FILE.csv`: reads a spreadsheet export into new
//! applications, listing the rows that cannot be read (with their spreadsheet
//! row numbers) and the rows already in the pipeline. Pure: it reads from any
//! `Read` (the file's bytes, or `text.as_bytes()`), never from a path.

mod cells;
mod columns;
mod contacts;

pub use cells::{
    DateOrder, STATUS_KEYWORDS, STATUS_WORDS, detect_date_order, parse_history_cell,
    parse_salary_cell, parse_sheet_date, parse_status,
};
pub use columns::Column;
pub use contacts::{ContactsPlan, plan_contacts_import};

use super::{
    NewApplication, Pipeline, SalaryRange, Source, Stage, StageChange, Track, optional_text,
};
use crate::domain::{Id, money};
use chrono::NaiveDate;
use columns::Layout;
use csv::{ByteRecord, StringRecord};
use std::collections::HashMap;
use std::io::Read;

/// What an import would do; nothing is added until the caller applies `rows`.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    /// Rows read and not yet in the pipeline, in file order.
    pub rows: Vec<NewApplication>,
    /// Rows that cannot be read, with every reason.
    pub bad: Vec<BadRow>,
    /// Rows already in the pipeline or earlier in the file.
    pub duplicates: Vec<DuplicateRow>,
    /// Header cells that name no known column (or repeat one); their cells are ignored.
    pub ignored_columns: Vec<String>,
    /// How ambiguous slash dates were read.
    pub date_order: DateOrder,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    /// 1-based, the header being row 1, as a spreadsheet numbers it.
    pub row_number: usize,
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DuplicateRow {
    pub row_number: usize,
    pub of: DuplicateOf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicateOf {
    /// An application already in the pipeline.
    Existing(Id),
    /// An earlier row of the same file.
    Row(usize),
}

/// Why a file cannot be imported at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    #[error(
        "the file is empty: it needs a header row naming its columns, such as \
         Company, Role, Status, Date Applied"
    )]
    NoHeader,
    #[error(
        "the header row is not UTF-8 text: save the spreadsheet as \"CSV UTF-8\" and try again"
    )]
    HeaderNotText,
    #[error("{}", missing_columns_message(.missing, .found))]
    MissingColumns {
        missing: Vec<Column>,
        found: Vec<String>,
    },
    #[error(
        "no header row naming the contacts' names: it needs a First Name (and Last Name) or \
         Name column, as LinkedIn's Connections.csv has"
    )]
    NoNameColumn,
}

const NOT_TEXT: &str = "the row is not UTF-8 text (save the spreadsheet as \"CSV UTF-8\")";

/// Reads a CSV (comma, semicolon or tab separated; a UTF-8 byte-order mark is
/// skipped) against `pipeline`, dating imported stage changes `today`.
pub fn plan_import(
    mut input: impl Read,
    pipeline: &Pipeline,
    today: NaiveDate,
) -> Result<ImportPlan, ImportError> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|err| ImportError::Unreadable(err.to_string()))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let raw_rows = read_rows(bytes)?;
    let (header, body) = raw_rows.split_first().ok_or(ImportError::NoHeader)?;
    let header = header.record.as_ref().ok_or(ImportError::HeaderNotText)?;
    let layout =
        Layout::from_headers(header.iter()).map_err(|missing| ImportError::MissingColumns {
            missing,
            found: header.iter().map(|h| h.trim().to_string()).collect(),
        })?;
    let rows: Vec<(usize, Option<Row>)> = body
        .iter()
        .map(|raw| {
            (
                raw.row_number,
                raw.record.as_ref().map(|record| Row {
                    layout: &layout,
                    record,
                }),
            )
        })
        .collect();
    let date_order = detect_date_order(
        rows.iter()
            .filter_map(|(_, row)| row.as_ref())
            .flat_map(|row| [row.get(Column::Applied), row.get(Column::FollowUp)]),
    );
    let mut plan = ImportPlan {
        rows: Vec::new(),
        bad: Vec::new(),
        duplicates: Vec::new(),
        ignored_columns: layout.ignored.clone(),
        date_order,
    };
    let mut seen = Seen::from_pipeline(pipeline);
    for (row_number, row) in rows {
        let Some(row) = row else {
            plan.bad.push(BadRow {
                row_number,
                reason: NOT_TEXT.to_string(),
            });
            continue;
        };
        if row.is_blank() {
            continue;
        }
        match read_application(&row, date_order, today) {
            Err(problems) => plan.bad.push(BadRow {
                row_number,
                reason: problems.join("; "),
            }),
            Ok(app) => match seen.check(&app, row_number) {
                Some(of) => plan.duplicates.push(DuplicateRow { row_number, of }),
                None => plan.rows.push(app),
            },
        }
    }
    Ok(plan)
}

/// One CSV record with its spreadsheet row number; `None` when not UTF-8.
struct RawRow {
    row_number: usize,
    record: Option<StringRecord>,
}

fn read_rows(bytes: &[u8]) -> Result<Vec<RawRow>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(bytes))
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut record = ByteRecord::new();
    // Row numbers as a spreadsheet shows them: blank lines are rows, but a quoted
    // cell with line breaks stays in one row. csv reports where it began reading
    // (before any blank lines), so count line breaks up to the record's first byte
    // and take away those inside earlier cells.
    let (mut counted_to, mut line_breaks, mut breaks_in_cells) = (0, 0, 0);
    while reader
        .read_byte_record(&mut record)
        .map_err(|err| ImportError::Unreadable(err.to_string()))?
    {
        let read_from = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let rest = bytes.get(read_from..).unwrap_or_default();
        let start = read_from
            + rest
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        line_breaks += newlines(bytes.get(counted_to..start).unwrap_or_default());
        counted_to = start;
        let row_number = (line_breaks + 1).saturating_sub(breaks_in_cells);
        breaks_in_cells += record.iter().map(newlines).sum::<usize>();
        rows.push(RawRow {
            row_number,
            record: StringRecord::from_byte_record(record.clone()).ok(),
        });
    }
    Ok(rows)
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// The separator the header line uses most: comma, semicolon (spreadsheets in
/// comma-decimal locales) or tab (pasted tables). Comma when in doubt.
fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let first_line = bytes
        .split(|&b| b == b'\n')
        .find(|line| !line.trim_ascii().is_empty())
        .unwrap_or(&[]);
    let count = |sep: u8| first_line.iter().filter(|&&b| b == sep).count();
    [b';', b'\t']
        .into_iter()
        .filter(|&sep| count(sep) > count(b','))
        .max_by_key(|&sep| count(sep))
        .unwrap_or(b',')
}

struct Row<'a> {
    layout: &'a Layout,
    record: &'a StringRecord,
}

impl Row<'_> {
    /// The trimmed cell of `column`; blank when the file has no such column or the row is short.
    /// The `'` that careerbook's own CSV export puts before a cell starting with
    /// `=`, `+`, `-` or `@` (so a spreadsheet never runs it) is taken off again.
    fn get(&self, column: Column) -> &str {
        self.layout
            .position(column)
            .and_then(|at| self.record.get(at))
            .map(crate::text::csv_cell_unguarded)
            .unwrap_or("")
            .trim()
    }

    fn is_blank(&self) -> bool {
        self.record.iter().all(|cell| cell.trim().is_empty())
    }
}

fn read_application(
    row: &Row,
    order: DateOrder,
    today: NaiveDate,
) -> Result<NewApplication, Vec<String>> {
    let company = required(row.get(Column::Company), "company is empty");
    let role = required(row.get(Column::Role), "role is empty");
    let stage = optional(row.get(Column::Status), parse_status);
    let applied = optional(row.get(Column::Applied), |text| {
        let date = parse_sheet_date(text, order).map_err(|err| format!("date applied: {err}"))?;
        if date > today {
            return Err(format!("date applied {date} is after today"));
        }
        Ok(date)
    });
    let follow_up = optional(row.get(Column::FollowUp), |text| {
        parse_sheet_date(text, order).map_err(|err| format!("follow up: {err}"))
    });
    let recorded = optional(row.get(Column::History), parse_history_cell);
    let source = optional(row.get(Column::Source), Source::parse).map(Option::unwrap_or_default);
    let track = optional(row.get(Column::Track), Track::parse).map(Option::unwrap_or_default);
    let salary = read_salary(row);
    let problems: Vec<String> = [
        company.as_ref().err(),
        role.as_ref().err(),
        stage.as_ref().err(),
        applied.as_ref().err(),
        source.as_ref().err(),
        track.as_ref().err(),
        follow_up.as_ref().err(),
        salary.as_ref().err(),
        recorded.as_ref().err(),
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    let (
        Ok(company),
        Ok(role),
        Ok(stage),
        Ok(applied),
        Ok(follow_up),
        Ok(recorded),
        Ok(source),
        Ok(track),
        Ok(salary),
    ) = (
        company, role, stage, applied, follow_up, recorded, source, track, salary,
    )
    else {
        return Err(problems);
    };
    let history =
        build_history(stage, applied, recorded, today).map_err(|problem| vec![problem])?;
    let stage = history
        .last()
        .map_or(Stage::Wishlist, |change| change.stage);
    Ok(NewApplication {
        company,
        role,
        track,
        source,
        link: text_cell(row.get(Column::Link)),
        location: text_cell(row.get(Column::Location)),
        salary,
        stage,
        history,
        next_action: text_cell(row.get(Column::NextAction)),
        follow_up,
        notes: text_cell(row.get(Column::Notes)),
    })
}

/// A text cell as careerbook keeps it: trimmed, line breaks as `\n` (a sheet
/// saved on Windows writes `\r\n` inside a cell too), blank as `None`.
fn text_cell(text: &str) -> Option<String> {
    optional_text(&text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn required(text: &str, problem: &str) -> Result<String, String> {
    if text.is_empty() {
        Err(problem.to_string())
    } else {
        Ok(text.to_string())
    }
}

fn optional<T>(
    text: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, String> {
    if text.is_empty() {
        Ok(None)
    } else {
        parse(text).map(Some)
    }
}

/// The salary cell, then the separate min / max / note columns on top of it.
fn read_salary(row: &Row) -> Result<Option<SalaryRange>, String> {
    let mut range = parse_salary_cell(row.get(Column::Salary))?.unwrap_or_default();
    let amount = |column: Column| {
        optional(row.get(column), |text| {
            money::parse_amount(text).map_err(|err| format!("{}: {err}", column.name()))
        })
    };
    if let Some(min) = amount(Column::SalaryMin)? {
        range.min = Some(min);
    }
    if let Some(max) = amount(Column::SalaryMax)? {
        range.max = Some(max);
    }
    if let Some(note) = optional_text(row.get(Column::SalaryNote)) {
        range.note = Some(match range.note {
            Some(earlier) => format!("{earlier}; {note}"),
            None => note,
        });
    }
    if range == SalaryRange::default() {
        return Ok(None);
    }
    range
        .validate()
        .map_err(|invalid| format!("salary: {}", invalid.message))?;
    Ok(Some(range))
}

/// The imported history. careerbook's own History cell is kept as written. From
/// a status and an applied date: applied on that date, then the status dated
/// `today` (the day careerbook learned of it; the sheet does not say when it
/// happened). A blank status means applied when there is a date, wishlist when
/// there is none. A status at or past applied needs the applied date.
fn build_history(
    stage: Option<Stage>,
    applied: Option<NaiveDate>,
    recorded: Option<Vec<StageChange>>,
    today: NaiveDate,
) -> Result<Vec<StageChange>, String> {
    let change = |stage, date| StageChange { stage, date };
    if let Some(mut history) = recorded.filter(|h| !h.is_empty()) {
        if let Some(late) = history.iter().find(|c| c.date > today) {
            return Err(format!(
                "history: {} {} is after today",
                late.stage.key(),
                late.date
            ));
        }
        if let Some(stage) = stage
            && history.last().is_some_and(|last| last.stage != stage)
        {
            history.push(change(stage, today));
        }
        return Ok(history);
    }
    let stage = stage.unwrap_or(if applied.is_some() {
        Stage::Applied
    } else {
        Stage::Wishlist
    });
    match (applied, stage) {
        (_, Stage::Wishlist) => Ok(vec![change(Stage::Wishlist, applied.unwrap_or(today))]),
        (None, stage) if stage.progress() < Stage::Applied.progress() => {
            Ok(vec![change(stage, today)])
        }
        (None, stage) => Err(format!(
            "date applied is empty; status {} needs it",
            stage.key()
        )),
        (Some(date), Stage::Applied) => Ok(vec![change(Stage::Applied, date)]),
        (Some(date), stage) => Ok(vec![change(Stage::Applied, date), change(stage, today)]),
    }
}

/// De-duplication: the same company and role (ignoring case, spaces and
/// punctuation) applied on the same day is the same application; an undated
/// side (a wishlist item) matches any date, so a re-import never doubles it.
struct Seen {
    by_job: HashMap<JobKey, Vec<(Option<NaiveDate>, DuplicateOf)>>,
}

/// Normalised company and role.
type JobKey = (String, String);

impl Seen {
    fn from_pipeline(pipeline: &Pipeline) -> Self {
        let mut seen = Self {
            by_job: HashMap::new(),
        };
        for app in &pipeline.applications {
            seen.add(
                &app.company,
                &app.role,
                app.applied_on(),
                DuplicateOf::Existing(app.id),
            );
        }
        seen
    }

    /// The earlier record `app` repeats, or `None` after remembering it.
    fn check(&mut self, app: &NewApplication, row_number: usize) -> Option<DuplicateOf> {
        let applied = app.applied_on();
        let key = (identity(&app.company), identity(&app.role));
        let earlier = self.by_job.get(&key).and_then(|known| {
            known
                .iter()
                .find(|(date, _)| date.is_none() || applied.is_none() || *date == applied)
        });
        if let Some((_, of)) = earlier {
            return Some(*of);
        }
        self.add(
            &app.company,
            &app.role,
            applied,
            DuplicateOf::Row(row_number),
        );
        None
    }

    fn add(&mut self, company: &str, role: &str, applied: Option<NaiveDate>, of: DuplicateOf) {
        self.by_job
            .entry((identity(company), identity(role)))
            .or_default()
            .push((applied, of));
    }
}

/// "Acme, Inc." and "acme inc" are the same company.
pub(crate) fn identity(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn missing_columns_message(missing: &[Column], found: &[String]) -> String {
    let wanted: Vec<String> = missing
        .iter()
        .map(|column| {
            format!(
                "{} (a column headed {})",
                column.name(),
                or_list(column.header_names())
            )
        })
        .collect();
    let found = if found.iter().all(|h| h.is_empty()) {
        "no names".to_string()
    } else {
        found
            .iter()
            .map(|h| format!("{h:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let plural = if missing.len() == 1 { "" } else { "s" };
    format!(
        "missing required column{plural}: {}; the header row has {found}",
        wanted.join("; ")
    )
}

fn or_list(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

#[cfg(test)]
mod tests;
