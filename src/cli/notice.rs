//! `careerbook notice`: the layoff notice and its terms (the Now tab's `n`),
//! and the last day on payroll (the Runway tab's separation date), in one
//! change; prints what was saved and the deadlines that follow.

use super::input::{amount, change, optional_date, refused, refused_field, whole};
use super::written::print_written;
use super::{Failure, Format, warn};
use crate::domain::checklist::{Deadline, LayoffNotice, check_last_day, deadlines};
use crate::domain::dates::{self, format_long};
use crate::domain::edit::{Edit, Section};
use crate::domain::money::format_money;
use crate::domain::runway::NoticePay;
use crate::domain::runway::consistency::{job_cover_warning, warnings};
use crate::domain::workbook::Workbook;
use crate::store::Paths;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  careerbook notice --date 2026-11-12 --review-days 21 --last-day 2027-02-09\n  \
                  careerbook notice --cover-ends 2027-02-28\n  careerbook notice --clear\n\n\
                  Flags not given keep what is saved. Dates: YYYY-MM-DD, 29 jan, jan 29 2027, \
                  today, +2w, -3d, fri, next fri, last fri, eow or eom."
)]
pub struct NoticeArgs {
    /// The day you were given notice (needed the first time)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Days the severance agreement gives you to review and sign it (often 21, or 45)
    #[arg(long, value_name = "N")]
    pub review_days: Option<String>,
    /// The last day on payroll (the end of any paid notice): the Runway tab's separation date
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub last_day: Option<String>,
    /// The last day of job health cover (without it: assumed the end of the separation month)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub cover_ends: Option<String>,
    /// Paid notice: your net pay a month from the notice date to the last day
    /// (from a payslip), for the Runway tab
    #[arg(long, value_name = "MONTHLY")]
    pub paid: Option<String>,
    /// Remove the notice (its deadlines go; the last day on payroll stays)
    #[arg(long, conflicts_with_all = ["date", "review_days", "cover_ends", "paid"])]
    pub clear: bool,
    /// text for people; json prints the notice, the last day and the deadlines as saved
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The flags the domain's field names stand for.
const FLAGS: &[(&str, &str)] = &[
    ("review_days", "--review-days"),
    ("cover_ends", "--cover-ends"),
    ("separation", "--last-day"),
    ("monthly_net", "--paid"),
    ("end", "--last-day"),
];

pub fn notice(paths: &Paths, args: NoticeArgs) -> Result<(), Failure> {
    let today = dates::today();
    let date = optional_date("--date", args.date.as_deref(), today)?;
    let review_days = args
        .review_days
        .as_deref()
        .map(|text| whole("--review-days", text, "day"))
        .transpose()?;
    let last_day = optional_date("--last-day", args.last_day.as_deref(), today)?;
    let cover_ends = optional_date("--cover-ends", args.cover_ends.as_deref(), today)?;
    let paid = args
        .paid
        .as_deref()
        .map(|p| amount("--paid", p))
        .transpose()?;
    let nothing = [date, last_day, cover_ends].iter().all(Option::is_none)
        && review_days.is_none()
        && paid.is_none();
    if !args.clear && nothing {
        // Nothing to save: what is saved is shown.
        let session = super::open_for_reading(paths)?;
        return print_notice(session.workbook(), args.format, Said::Shown);
    }
    let changed = change(
        paths,
        today,
        |invalid| refused_field(invalid, FLAGS),
        |wb| {
            let notice = if args.clear {
                None
            } else {
                Some(merged(wb, date, review_days, cover_ends)?)
            };
            // Named by the flag that moved a date: --last-day, or else --date.
            check_last_day(notice.as_ref(), last_day.or(wb.runway.separation)).map_err(
                |invalid| {
                    let flag = if last_day.is_some() {
                        "--last-day"
                    } else {
                        "--date"
                    };
                    refused(flag, invalid.message)
                },
            )?;
            let mut edits = Vec::new();
            if let Some(day) = last_day {
                edits.push(Edit::set_from(wb, Section::Separation(Some(day))));
            }
            if let (Some(monthly_net), Some(notice)) = (paid, &notice) {
                let end = last_day.or(wb.runway.separation).ok_or_else(|| {
                    refused(
                        "--paid",
                        "paid notice runs to the last day on payroll: add --last-day",
                    )
                })?;
                let pay = NoticePay {
                    start: notice.date,
                    end,
                    monthly_net,
                };
                pay.validate()
                    .map_err(|invalid| refused_field(invalid, FLAGS))?;
                edits.push(Edit::set_from(wb, Section::Notice(Some(pay))));
            }
            if !(args.clear && wb.now.notice.is_none()) {
                edits.push(Edit::set_from(wb, Section::LayoffNotice(notice)));
            }
            Ok((Edit::Batch(edits), ()))
        },
    )?;
    let wb = changed.workbook();
    for warning in cover_warnings(wb, last_day.is_some()) {
        warn(&format!("saved, but {warning}"));
    }
    let said = if args.clear {
        Said::Cleared
    } else {
        Said::Saved
    };
    print_notice(changed.workbook(), args.format, said)
}

/// What `notice` did, for its first line.
#[derive(Clone, Copy, PartialEq)]
enum Said {
    Saved,
    Cleared,
    /// No flag: nothing changed, the notice as saved is shown.
    Shown,
}

/// The stored notice with the flags given laid over it; a first notice needs its date.
fn merged(
    wb: &Workbook,
    date: Option<NaiveDate>,
    review_days: Option<u32>,
    cover_ends: Option<NaiveDate>,
) -> Result<LayoffNotice, Failure> {
    let stored = wb.now.notice.as_ref();
    let date = date.or(stored.map(|n| n.date)).ok_or_else(|| {
        refused(
            "--date",
            "enter the day you were given notice (no notice is saved yet)",
        )
    })?;
    let notice = LayoffNotice {
        date,
        review_days: review_days.or(stored.and_then(|n| n.review_days)),
        cover_ends: cover_ends.or(stored.and_then(|n| n.cover_ends)),
    };
    notice
        .validate()
        .map_err(|invalid| refused_field(invalid, FLAGS))?;
    Ok(notice)
}

/// What looks wrong after saving (nothing is refused for it): job cover
/// ending before the last day, and, when the last day moved, every runway
/// input that now disagrees with it.
fn cover_warnings(wb: &Workbook, last_day_moved: bool) -> Vec<String> {
    let cover_ends = wb.now.notice.as_ref().and_then(|n| n.cover_ends);
    let mut out: Vec<String> = job_cover_warning(wb.runway.separation, cover_ends)
        .into_iter()
        .map(|w| w.message)
        .collect();
    if last_day_moved {
        out.extend(warnings(&wb.runway).into_iter().map(|w| w.message));
    }
    out
}

/// `notice --format json`.
#[derive(Serialize)]
struct NoticeJson<'a> {
    notice: Option<&'a LayoffNotice>,
    last_day: Option<NaiveDate>,
    paid_notice: Option<&'a NoticePay>,
    deadlines: Vec<DeadlineJson<'a>>,
}

#[derive(Serialize)]
struct DeadlineJson<'a> {
    date: NaiveDate,
    title: &'a str,
    how: &'a str,
    assumed: bool,
}

impl<'a> From<&'a Deadline> for DeadlineJson<'a> {
    fn from(d: &'a Deadline) -> Self {
        Self {
            date: d.date,
            title: &d.title,
            how: &d.how,
            assumed: d.assumed,
        }
    }
}

fn print_notice(wb: &Workbook, format: Format, said: Said) -> Result<(), Failure> {
    let notice = wb.now.notice.as_ref();
    let all = deadlines(&wb.now, wb.runway.separation);
    let json = NoticeJson {
        notice,
        last_day: wb.runway.separation,
        paid_notice: wb.runway.notice.as_ref(),
        deadlines: all.list.iter().map(DeadlineJson::from).collect(),
    };
    print_written(format, &json, || {
        let mut out = Vec::new();
        out.push(match (notice, said) {
            (_, Said::Cleared) => "Notice cleared.".to_string(),
            (Some(n), _) => {
                let review = n
                    .review_days
                    .map(|d| format!(", {d} days to review the severance agreement"))
                    .unwrap_or_default();
                let cover = n
                    .cover_ends
                    .map(|d| format!(", job cover ends {}", format_long(d)))
                    .unwrap_or_default();
                let verb = if said == Said::Saved { " saved" } else { "" };
                format!(
                    "Notice{verb}: given {}{review}{cover}.",
                    format_long(n.date)
                )
            }
            (None, Said::Shown) => {
                "No notice saved yet: `careerbook notice --date D` saves one.".to_string()
            }
            (None, _) => "No notice saved.".to_string(),
        });
        if let Some(day) = wb.runway.separation {
            out.push(format!("Last day on payroll: {}.", format_long(day)));
        }
        if let Some(pay) = &wb.runway.notice {
            out.push(format!(
                "Paid notice: {} a month net, {} to {}.",
                format_money(pay.monthly_net),
                format_long(pay.start),
                format_long(pay.end)
            ));
        }
        if !all.list.is_empty() {
            out.push("Deadlines:".to_string());
            for d in &all.list {
                let assumed = if d.assumed {
                    " (assumed cover end)"
                } else {
                    ""
                };
                out.push(format!("  {}  {}{assumed}", d.date, d.title));
            }
        }
        if notice.is_some_and(|n| n.review_days.is_none()) {
            out.push("Add --review-days N for the severance review window.".to_string());
        }
        if wb.runway.separation.is_none() {
            out.push(
                "Add --last-day DATE for the unemployment, COBRA and ACA deadlines.".to_string(),
            );
        }
        out.join("\n") + "\n"
    })
}
