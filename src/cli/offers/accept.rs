//! `careerbook offer accept` and `careerbook current-job`.

use super::report::wrapped;
use super::terms::bonus;
use super::{CurrentJobArgs, amount, bad, refused};
use crate::cli::pipeline::refuse_read_only;
use crate::cli::written::print_written;
use crate::cli::{Failure, Format, apply_and_save, one_line, open_for_reading, open_for_writing};
use crate::domain::Id;
use crate::domain::dates::{self, format_long};
use crate::domain::edit::{Edit, Section};
use crate::domain::money::{format_money, serialize_cents, serialize_cents_or_null};
use crate::domain::offers::{self, CurrentJob};
use crate::domain::pipeline::{Application, ApplicationRecord};
use crate::domain::runway::NewJob;
use crate::domain::workbook::Workbook;
use crate::store::Paths;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

pub(super) fn accept(paths: &Paths, id: Id, format: Format) -> Result<(), Failure> {
    let today = dates::today();
    // Checked without writing first: an unknown id never creates a workbook.
    let first_look = open_for_reading(paths)?;
    refuse_read_only(&first_look)?;
    offers::accept(first_look.workbook(), id, today).map_err(refused)?;
    drop(first_look);
    let mut session = open_for_writing(paths)?;
    session.set_today(today);
    let previous = session.workbook().runway.new_job.clone();
    let acceptance = offers::accept(session.workbook(), id, today).map_err(refused)?;
    apply_and_save(&mut session, acceptance.edit.clone(), refused)?;
    let wb = session.workbook();
    let new_job = wb
        .runway
        .new_job
        .clone()
        .ok_or_else(|| Failure::runtime("the new job was saved but cannot be read back"))?;
    let application = acceptance.moves.and_then(|a| wb.pipeline.application(a));
    let declined: Vec<&Application> = acceptance
        .declines
        .iter()
        .filter_map(|&a| wb.pipeline.application(a))
        .collect();
    let json = AcceptJson {
        offer: id,
        new_job: NewJobJson::from(&new_job),
        application: application.map(ApplicationRecord::from),
        declined: declined
            .iter()
            .map(|a| ApplicationRecord::from(*a))
            .collect(),
    };
    print_written(format, &json, || {
        let name = wb
            .pipeline
            .offer(id)
            .map(|o| one_line(&o.company))
            .unwrap_or_default();
        let mut out = format!("Accepted offer #{id} ({name})\n");
        out.push_str(&format!(
            "  {:<12} starts {}, {} a month after withholding (the Runway tab's new job)\n",
            "new job",
            format_long(new_job.start),
            format_money(new_job.monthly_net)
        ));
        if let Some(previous) = previous.filter(|p| *p != new_job) {
            out.push_str(&format!(
                "  {:<12} the scenario starting {} at {} a month\n",
                "replaces",
                format_long(previous.start),
                format_money(previous.monthly_net)
            ));
        }
        if let Some(app) = application {
            out.push_str(&format!(
                "  {:<12} #{} {} — {} moved to accepted\n",
                "application",
                app.id,
                one_line(&app.company),
                one_line(&app.role)
            ));
        }
        for app in &declined {
            out.push_str(&format!(
                "  {:<12} #{} {} — {} moved from accepted to declined (you take this offer instead)\n",
                "declined",
                app.id,
                one_line(&app.company),
                one_line(&app.role)
            ));
        }
        for line in &acceptance.working[1..] {
            out.push_str("  ");
            out.push_str(&wrapped(line, "  "));
        }
        out.push_str("See the runway with it: careerbook runway\n");
        out
    })
}

#[derive(Serialize)]
struct AcceptJson<'a> {
    offer: Id,
    new_job: NewJobJson,
    /// The application moved to accepted, as `apps --format json` prints it.
    application: Option<ApplicationRecord<'a>>,
    /// Applications accepted before, moved to declined in the same change.
    declined: Vec<ApplicationRecord<'a>>,
}

#[derive(Serialize)]
struct NewJobJson {
    start: NaiveDate,
    #[serde(serialize_with = "serialize_cents")]
    monthly_net: Decimal,
}

impl From<&NewJob> for NewJobJson {
    fn from(job: &NewJob) -> Self {
        Self {
            start: job.start,
            monthly_net: job.monthly_net,
        }
    }
}

pub fn current_job(paths: &Paths, args: CurrentJobArgs) -> Result<(), Failure> {
    let base = args
        .base
        .as_deref()
        .map(|b| amount("base", b))
        .transpose()?;
    let bonus = bonus(args.bonus_pct.as_deref(), args.bonus.as_deref())?;
    let forfeits = args
        .resigning_forfeits_severance
        .as_deref()
        .map(yes_or_no)
        .transpose()?;
    if base.is_none() && bonus.is_none() && forfeits.is_none() {
        let session = open_for_reading(paths)?;
        return print_current(session.workbook(), args.format);
    }
    let edit = |wb: &Workbook| -> Result<Edit, Failure> {
        let mut edits = Vec::new();
        if base.is_some() || bonus.is_some() {
            let now = wb.pipeline.current_job.clone();
            let job = CurrentJob {
                base: base
                    .or(now.as_ref().map(|j| j.base))
                    .ok_or_else(|| bad("base", "enter your base salary too (--base)"))?,
                bonus: bonus.unwrap_or_else(|| now.as_ref().and_then(|j| j.bonus)),
            };
            job.validate().map_err(refused)?;
            edits.push(Edit::set_from(wb, Section::CurrentJob(Some(job))));
        }
        if let Some(forfeits) = forfeits {
            edits.push(Edit::set_from(
                wb,
                Section::ResigningForfeitsSeverance(forfeits),
            ));
        }
        Ok(Edit::Batch(edits))
    };
    let first_look = open_for_reading(paths)?;
    refuse_read_only(&first_look)?;
    edit(first_look.workbook())?;
    drop(first_look);
    let mut session = open_for_writing(paths)?;
    let edit = edit(session.workbook())?;
    apply_and_save(&mut session, edit, refused)?;
    print_current(session.workbook(), args.format)
}

pub(super) fn yes_or_no(text: &str) -> Result<bool, Failure> {
    crate::domain::choice::Choices {
        what: "yes or no",
        all: &[true, false],
        key: |b| if *b { "yes" } else { "no" },
        label: |b| if *b { "true" } else { "false" },
        synonyms: &[("y", true), ("n", false)],
    }
    .parse(text)
    .map_err(|m| bad("resigning_forfeits_severance", m))
}

#[derive(Serialize)]
struct CurrentJobJson {
    #[serde(serialize_with = "serialize_cents_or_null")]
    base: Option<Decimal>,
    bonus_percent: Option<String>,
    #[serde(serialize_with = "serialize_cents_or_null")]
    bonus: Option<Decimal>,
    resigning_forfeits_severance: bool,
}

pub(super) fn print_current(wb: &Workbook, format: Format) -> Result<(), Failure> {
    let job = wb.pipeline.current_job.as_ref();
    let forfeits = wb.runway.resigning_forfeits_severance;
    let json = CurrentJobJson {
        base: job.map(|j| j.base),
        bonus_percent: job.and_then(|j| j.bonus).and_then(|b| b.percent_points()),
        bonus: job.and_then(|j| j.bonus.map(|b| b.yearly(j.base))),
        resigning_forfeits_severance: forfeits,
    };
    print_written(format, &json, || {
        let pay = match job {
            Some(job) => offers::pay_text(job.base, job.bonus.as_ref()),
            None => "not entered yet (careerbook current-job --base B [--bonus-pct P])".into(),
        };
        let rule = if forfeits { "yes (the default)" } else { "no" };
        format!(
            "Current job: {pay}\nResigning before your last day on payroll forfeits the severance: {rule}\n"
        )
    })
}
