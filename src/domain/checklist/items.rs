//! The four items of the checklist, each with a status computed from data by
//! the thresholds below, a one-line reason, and the lines that explain it.
//!
//! Every threshold is a named constant, documented with its reason here and in
//! the user guide. A reason lists what needs attention first, then what is fine.

use super::book::{ItemId, ManualTick, NowBook};
use super::deadlines::Deadline;
use super::finances::RunwayFigure;
use super::offer::OfferNeeded;
use super::positioning::Positioning;
use super::{Tab, plural, relative};
use crate::domain::dates::{days_between, week_start};
use crate::domain::impact::{Category, Summary, Win, streak};
use crate::domain::money::format_share;
use crate::domain::pipeline::{Pipeline, Source, Stage, touched_within};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

/// Impact: the measured share is taken over the last 90 days — a quarter, the
/// period reviews and "what did you do lately" questions look back on.
pub const IMPACT_WINDOW_DAYS: u32 = 90;
/// Impact: at least half of the last 90 days' wins carry a measured result.
/// The article asks for impact that is "visible and measurable"; when most
/// wins have a number, the log can back a résumé or a review on its own.
pub const MIN_MEASURED_SHARE: Decimal = Decimal::from_parts(5, 0, 0, false, 1);
/// Positioning: the self-check is revisited at least every 90 days; teams and
/// priorities move with quarterly planning.
pub const POSITIONING_STALE_DAYS: i64 = 90;
/// Options: the résumé and LinkedIn count as current when updated in the last
/// 90 days — "before you need them", so at least once a quarter.
pub const PROFILE_STALE_DAYS: i64 = 90;
/// Options: contacts count as touched when contacted in the last 30 days…
pub const CONTACT_WINDOW_DAYS: i64 = 30;
/// … and at least two of them: "recruiters and peers", plural, a month.
pub const MIN_CONTACTS_TOUCHED: usize = 2;
/// Money: runway below 6 months needs attention — the prudent planning
/// default for a job search (the median spell is about 10 weeks, but 6 months
/// covers a long one).
pub const RUNWAY_ATTENTION_MONTHS: Decimal = Decimal::from_parts(6, 0, 0, false, 0);
/// Money: runway below 3 months is urgent.
pub const RUNWAY_URGENT_MONTHS: Decimal = Decimal::from_parts(3, 0, 0, false, 0);
/// Money and alerts: a deadline this close (in days) needs attention now.
pub const DEADLINE_SOON_DAYS: u64 = 14;

/// Where an item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Done,
    Attention,
    Todo,
}

impl Status {
    /// Shown with the word, never instead of it.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Done => "✓",
            Self::Attention => "!",
            Self::Todo => "○",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Attention => "attention",
            Self::Todo => "todo",
        }
    }
}

/// One item as the Now tab and `careerbook check` show it.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemReport {
    pub id: ItemId,
    /// The status the data gives, whatever the user ticked.
    pub computed: Status,
    /// Why, in one line.
    pub reason: String,
    /// The user's hand tick, if any: it makes the item done.
    pub tick: Option<ManualTick>,
    /// The tab that fixes it.
    pub fix: Tab,
    /// The inputs and the rule, one line each.
    pub explain: Vec<String>,
}

impl ItemReport {
    /// Done when ticked by hand, else what the data says.
    pub fn status(&self) -> Status {
        if self.tick.is_some() {
            Status::Done
        } else {
            self.computed
        }
    }

    pub fn title(&self) -> &'static str {
        self.id.title()
    }

    /// The reason as one line for `careerbook check`: for a hand tick, the
    /// tick and its note first, then the computed status and reason.
    pub fn full_reason(&self) -> String {
        match &self.tick {
            Some(tick) => format!(
                "ticked done by hand on {}: {} · computed: {} — {}",
                tick.date,
                tick.note,
                self.computed.word(),
                self.reason
            ),
            None => self.reason.clone(),
        }
    }
}

fn build(
    id: ItemId,
    computed: Status,
    parts: Vec<String>,
    fix: Tab,
    explain: Vec<String>,
    book: &NowBook,
) -> ItemReport {
    ItemReport {
        id,
        computed,
        reason: sentence(&parts),
        tick: book.tick(id).cloned(),
        fix,
        explain,
    }
}

/// Parts joined by " · ", the first letter capitalised.
fn sentence(parts: &[String]) -> String {
    let text = parts.join(" · ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// "today", "1 day ago", "12 days ago".
fn ago(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "1 day ago".into(),
        d if d < 0 => "in the future".into(),
        d => format!("{d} days ago"),
    }
}

/// Item 1, "Make your impact visible and measurable", from the Impact log.
///
/// - todo: no win logged at all;
/// - done: a win in the current ISO week (Monday to Sunday) and at least
///   [`MIN_MEASURED_SHARE`] of the last [`IMPACT_WINDOW_DAYS`] days' wins measured;
/// - attention: otherwise.
pub fn impact_item(wins: &[Win], book: &NowBook, today: NaiveDate) -> ItemReport {
    let monday = week_start(today);
    let this_week: Vec<&Win> = wins
        .iter()
        .filter(|w| week_start(w.date) == monday)
        .collect();
    let logged = !this_week.is_empty();
    let weeks = streak(wins, today);
    let recent = Summary::of_last_days(wins, today, IMPACT_WINDOW_DAYS);
    let share = recent.measured_share();
    let measured_ok = share.is_some_and(|s| s >= MIN_MEASURED_SHARE);
    let missing = Summary::of(wins).missing_levers();
    let computed = if wins.is_empty() {
        Status::Todo
    } else if logged && measured_ok {
        Status::Done
    } else {
        Status::Attention
    };
    let mut parts = Vec::new();
    if wins.is_empty() {
        parts.push("no wins logged yet: log your first on the Impact tab".to_string());
    } else {
        if !logged {
            parts.push("no win logged this week yet".into());
        }
        match share {
            None => parts.push(format!("no win in the last {IMPACT_WINDOW_DAYS} days")),
            Some(s) if !measured_ok => parts.push(format!(
                "{} of the last {IMPACT_WINDOW_DAYS} days' wins measured (below {})",
                format_share(s),
                format_share(MIN_MEASURED_SHARE)
            )),
            _ => {}
        }
        if logged {
            parts.push("win logged this week".into());
        }
        parts.push(format!("streak {}", plural(weeks, "week", "weeks")));
        if let Some(s) = share.filter(|_| measured_ok) {
            parts.push(format!(
                "{} of the last {IMPACT_WINDOW_DAYS} days' wins measured",
                format_share(s)
            ));
        }
        if !missing.is_empty() {
            parts.push(missing_levers(&missing));
        }
    }
    let sunday = monday.checked_add_days(Days::new(6)).unwrap_or(monday);
    let since = today
        .checked_sub_days(Days::new(u64::from(IMPACT_WINDOW_DAYS)))
        .unwrap_or(today);
    let mut explain = vec![
        format!(
            "This ISO week ({} – {}): {}{}",
            monday.format("%a %-d %b"),
            sunday.format("%a %-d %b %Y"),
            plural(this_week.len(), "win", "wins"),
            this_week
                .first()
                .map(|w| format!(" (“{}”)", w.title))
                .unwrap_or_default()
        ),
        format!(
            "Streak: {} in a row with at least one win",
            plural(weeks, "week", "weeks")
        ),
        format!(
            "Last {IMPACT_WINDOW_DAYS} days (after {since}): {}, {} with a measured result{}",
            plural(recent.total, "win", "wins"),
            recent.with_metric,
            share
                .map(|s| format!(" = {}", format_share(s)))
                .unwrap_or_default()
        ),
        format!(
            "Levers with no win yet: {}",
            if missing.is_empty() {
                "none".to_string()
            } else {
                missing
                    .iter()
                    .map(|c| c.label().to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ),
    ];
    explain.push(format!(
        "Rule: done with a win this ISO week (Monday–Sunday) and at least {} of the last \
         {IMPACT_WINDOW_DAYS} days' wins measured; todo with no win at all; attention otherwise.",
        format_share(MIN_MEASURED_SHARE)
    ));
    build(ItemId::Impact, computed, parts, Tab::Impact, explain, book)
}

fn missing_levers(missing: &[Category]) -> String {
    let names: Vec<String> = missing.iter().map(|c| c.label().to_lowercase()).collect();
    match names.as_slice() {
        [one] => format!("no {one} win yet"),
        [a, b] => format!("no {a} or {b} win yet"),
        _ => format!("{} levers without a win yet", names.len()),
    }
}

/// Active internal applications: the internal teams the user is targeting.
pub fn internal_targets(pipeline: &Pipeline) -> Vec<&crate::domain::pipeline::Application> {
    pipeline
        .applications
        .iter()
        .filter(|a| a.source == Source::Internal && a.stage.is_active())
        .collect()
}

/// Item 2, "Move closer to core or strategic teams", from the self-check and the
/// Pipeline's internal applications.
///
/// - todo: the self-check was never filled in;
/// - attention: it was last reviewed [`POSITIONING_STALE_DAYS`] or more days
///   ago, or the team is on no strategic initiative and no internal
///   application is active;
/// - done: otherwise.
pub fn positioning_item(
    positioning: &Positioning,
    pipeline: &Pipeline,
    book: &NowBook,
    today: NaiveDate,
) -> ItemReport {
    let internal = internal_targets(pipeline);
    let good = positioning.strategic.is_some() || !internal.is_empty();
    let age = positioning.reviewed.map(|d| days_between(d, today));
    let stale = age.is_some_and(|a| a >= POSITIONING_STALE_DAYS);
    let computed = match age {
        None => Status::Todo,
        Some(_) if stale || !good => Status::Attention,
        Some(_) => Status::Done,
    };
    let mut parts = Vec::new();
    match age {
        None => parts.push("self-check not filled in yet (Now tab, p)".to_string()),
        Some(days) if stale => parts.push(format!(
            "self-check last reviewed {}: revisit it (Now tab, p)",
            ago(days)
        )),
        Some(_) => {}
    }
    if age.is_some() && !good {
        parts.push("not on a strategic initiative and no internal application".into());
    }
    match (positioning.strategic, &positioning.initiative) {
        (Some(area), Some(which)) => parts.push(format!("on {which} ({})", area.label())),
        (Some(area), None) => parts.push(format!("on a strategic initiative: {}", area.label())),
        (None, _) if age.is_some() && good => parts.push("not on a strategic initiative".into()),
        (None, _) => {}
    }
    if !internal.is_empty() {
        parts.push(plural(
            internal.len(),
            "internal application active",
            "internal applications active",
        ));
    }
    if age.is_some() {
        parts.push(format!(
            "{} · {}",
            plural(
                positioning.exposure.len(),
                "exposure factor",
                "exposure factors"
            ),
            plural(positioning.safer.len(), "safer factor", "safer factors")
        ));
    }
    let fix = if age.is_none() || stale {
        Tab::Now
    } else {
        Tab::Pipeline
    };
    let mut explain = vec![
        format!(
            "Team: {}",
            positioning.team.as_deref().unwrap_or("(not entered)")
        ),
        format!(
            "Strategic initiative: {}",
            match positioning.strategic {
                Some(area) => format!(
                    "{}{}",
                    area.label(),
                    positioning
                        .initiative
                        .as_ref()
                        .map(|w| format!(" — {w}"))
                        .unwrap_or_default()
                ),
                None => "none".into(),
            }
        ),
        format!(
            "Exposure factors ticked: {}",
            list_or_none(positioning.exposure.iter().map(|f| f.label()))
        ),
        format!(
            "Safer factors ticked: {}",
            list_or_none(positioning.safer.iter().map(|f| f.label()))
        ),
        format!(
            "Internal applications active (Pipeline, source internal): {}",
            list_or_none(internal.iter().map(|a| a.company.as_str()))
        ),
        format!(
            "Self-check last reviewed: {}",
            positioning
                .reviewed
                .map_or("never".to_string(), |d| format!(
                    "{d} ({})",
                    relative(d, today)
                ))
        ),
    ];
    explain.push(format!(
        "Rule: todo until the self-check is filled in; attention when it is \
         {POSITIONING_STALE_DAYS} days old or more, or when the team is on no strategic \
         initiative and no internal application is active; done otherwise."
    ));
    build(ItemId::Positioning, computed, parts, fix, explain, book)
}

fn list_or_none<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    if items.is_empty() {
        "none".into()
    } else {
        items.join("; ")
    }
}

/// Item 3, "Keep your external options active", from the Now tab's dates and the
/// Pipeline's contacts and applications.
///
/// - todo: no résumé or LinkedIn date and no contact touched in 30 days;
/// - done: résumé and LinkedIn updated in the last [`PROFILE_STALE_DAYS`]
///   days and at least [`MIN_CONTACTS_TOUCHED`] contacts touched in the last
///   [`CONTACT_WINDOW_DAYS`] days;
/// - attention: otherwise, and whenever the pipeline cannot plausibly reach
///   an offer by the date one is needed (see `offer::offer_needed`).
pub fn options_item(
    book: &NowBook,
    pipeline: &Pipeline,
    offer: Option<&OfferNeeded>,
    today: NaiveDate,
) -> ItemReport {
    let resume = book.resume_updated.map(|d| days_between(d, today));
    let linkedin = book.linkedin_updated.map(|d| days_between(d, today));
    let touched = touched_within(&pipeline.contacts, today, CONTACT_WINDOW_DAYS);
    let fresh = |age: Option<i64>| age.is_some_and(|a| a < PROFILE_STALE_DAYS);
    let open = pipeline
        .applications
        .iter()
        .filter(|a| a.stage.is_active() && a.stage != Stage::Wishlist)
        .count();
    let wishlist = pipeline
        .applications
        .iter()
        .filter(|a| a.stage == Stage::Wishlist)
        .count();
    let contacts_ok = touched >= MIN_CONTACTS_TOUCHED;
    let offer_attention = offer.is_some_and(|o| o.attention);
    let computed = if offer_attention {
        Status::Attention
    } else if resume.is_none() && linkedin.is_none() && touched == 0 {
        Status::Todo
    } else if fresh(resume) && fresh(linkedin) && contacts_ok {
        Status::Done
    } else {
        Status::Attention
    };
    let mut parts = Vec::new();
    if let Some(offer) = offer.filter(|o| o.attention) {
        parts.push(format!(
            "no open application past screening, and an offer is needed by {}",
            offer.by
        ));
    }
    for (name, key, age) in [("résumé", 'r', resume), ("LinkedIn", 'i', linkedin)] {
        match age {
            None => parts.push(format!("{name} never marked updated (Now tab, {key})")),
            Some(days) if !fresh(age) => parts.push(format!("{name} updated {}", ago(days))),
            Some(_) => {}
        }
    }
    if !contacts_ok {
        parts.push(format!(
            "{} touched in {CONTACT_WINDOW_DAYS} days (aim for {MIN_CONTACTS_TOUCHED})",
            plural(touched, "contact", "contacts")
        ));
    }
    for (name, age) in [("résumé", resume), ("LinkedIn", linkedin)] {
        if let Some(days) = age.filter(|_| fresh(age)) {
            parts.push(format!("{name} updated {}", ago(days)));
        }
    }
    if contacts_ok {
        parts.push(format!(
            "{} touched in {CONTACT_WINDOW_DAYS} days",
            plural(touched, "contact", "contacts")
        ));
    }
    parts.push(format!(
        "{} open, {wishlist} on the wishlist",
        plural(open, "application", "applications")
    ));
    if let Some(offer) = offer.filter(|o| !o.attention) {
        parts.push(format!("offer needed by {}", offer.by));
    }
    let date_line = |name: &str, date: Option<NaiveDate>| {
        format!(
            "{name} last updated: {}",
            date.map_or("never marked".to_string(), |d| format!(
                "{d} ({})",
                relative(d, today)
            ))
        )
    };
    let explain = vec![
        date_line("Résumé", book.resume_updated),
        date_line("LinkedIn", book.linkedin_updated),
        format!(
            "Contacts touched in the last {CONTACT_WINDOW_DAYS} days (contacted fewer than \
             {CONTACT_WINDOW_DAYS} days ago): {touched} of {}",
            pipeline.contacts.len()
        ),
        format!("Applications: {open} open (applied to offer), {wishlist} on the wishlist"),
        match offer {
            Some(offer) => format!(
                "Offer needed by {}: the runway's zero date {} less the time-to-offer of {}; \
                 {} past screening",
                offer.by,
                offer.zero_date,
                plural(offer.months as usize, "month", "months"),
                plural(
                    offer.past_screening,
                    "open application",
                    "open applications"
                )
            ),
            None => "Offer needed by: no date (the runway has no zero date, or an offer \
                     was accepted)"
                .to_string(),
        },
        format!(
            "Rule: done when the résumé and LinkedIn were updated in the last \
             {PROFILE_STALE_DAYS} days and at least {MIN_CONTACTS_TOUCHED} contacts were \
             touched in the last {CONTACT_WINDOW_DAYS}; todo with no dates and no contact \
             touched; attention otherwise, and whenever no open application is past \
             screening within one time-to-offer of the date an offer is needed."
        ),
    ];
    build(
        ItemId::Options,
        computed,
        parts,
        Tab::Pipeline,
        explain,
        book,
    )
}

/// What the fourth item reads.
#[derive(Clone, Debug)]
pub struct MoneyFacts<'a> {
    pub runway: &'a RunwayFigure,
    pub benefit: bool,
    pub cover: bool,
    /// What the separation date forfeits, or the next vest (see `finances::vesting_line`).
    pub vesting: Option<String>,
    /// Deadlines from today to [`DEADLINE_SOON_DAYS`] days ahead.
    pub soon: Vec<&'a Deadline>,
}

/// Item 4, "Understand your legal and financial situation", from the Runway and
/// Vesting tabs and the deadlines.
///
/// - todo: no cash or no spending entered (no runway to speak of);
/// - attention: runway below [`RUNWAY_ATTENTION_MONTHS`] (urgent below
///   [`RUNWAY_URGENT_MONTHS`]), a plan that cannot be projected, no
///   unemployment benefit or no health cover entered, or a deadline within
///   [`DEADLINE_SOON_DAYS`] days;
/// - done: otherwise.
pub fn money_item(facts: &MoneyFacts, book: &NowBook, today: NaiveDate) -> ItemReport {
    let months = match facts.runway {
        RunwayFigure::Months { months, .. } => Some(*months),
        _ => None,
    };
    let short = months.is_some_and(|m| m < RUNWAY_ATTENTION_MONTHS);
    let problem = matches!(facts.runway, RunwayFigure::Problem(_));
    let computed = if matches!(facts.runway, RunwayFigure::NotEntered { .. }) {
        Status::Todo
    } else if short || problem || !facts.benefit || !facts.cover || !facts.soon.is_empty() {
        Status::Attention
    } else {
        Status::Done
    };
    let mut parts = Vec::new();
    match (facts.runway, months) {
        (_, Some(m)) if m < RUNWAY_URGENT_MONTHS => parts.push(format!(
            "urgent: runway {m:.2} months (below {RUNWAY_URGENT_MONTHS})"
        )),
        (_, Some(m)) if m < RUNWAY_ATTENTION_MONTHS => parts.push(format!(
            "runway {m:.2} months (below {RUNWAY_ATTENTION_MONTHS})"
        )),
        (RunwayFigure::NotEntered(missing), _) => parts.push(format!(
            "no runway yet: add {} on the Runway tab",
            missing.join(" and ")
        )),
        (RunwayFigure::Problem(_), _) => {
            parts.push("the Runway plan cannot be projected: see the Runway tab".into())
        }
        _ => {}
    }
    if !facts.benefit {
        parts.push("no unemployment benefit entered".into());
    }
    if !facts.cover {
        parts.push("no health cover after the job entered".into());
    }
    if let Some(first) = facts.soon.first() {
        parts.push(format!(
            "{} {}",
            first.title.to_lowercase(),
            relative(first.date, today)
        ));
        if facts.soon.len() > 1 {
            parts.push(format!(
                "{} more within {DEADLINE_SOON_DAYS} days",
                plural(facts.soon.len() - 1, "deadline", "deadlines")
            ));
        }
    }
    match (facts.runway, months) {
        (_, Some(m)) if m >= RUNWAY_ATTENTION_MONTHS => parts.push(format!("runway {m:.2} months")),
        (RunwayFigure::Lasts { .. }, _) => parts.push("runway beyond 10 years".into()),
        _ => {}
    }
    if facts.benefit && facts.cover {
        parts.push("benefit and cover entered".into());
    }
    if let Some(vesting) = &facts.vesting {
        parts.push(vesting.clone());
    }
    let runway_line = match facts.runway {
        RunwayFigure::Months {
            months,
            zero_date,
            start,
        } => format!(
            "Runway: {months:.2} months from {start}, the money runs out on {zero_date} \
             (the Runway tab's figure)"
        ),
        other => format!("Runway: {}", other.describe()),
    };
    let mut explain = vec![
        runway_line,
        format!(
            "Unemployment benefit entered: {}; health cover after the job entered: {}",
            yes_no(facts.benefit),
            yes_no(facts.cover)
        ),
        format!(
            "Vesting: {}",
            facts.vesting.as_deref().unwrap_or("no grants entered")
        ),
        format!(
            "Deadlines within {DEADLINE_SOON_DAYS} days: {}",
            if facts.soon.is_empty() {
                "none".to_string()
            } else {
                facts
                    .soon
                    .iter()
                    .map(|d| format!("{} {}", d.title, d.date))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        ),
    ];
    explain.push(format!(
        "Rule: todo until cash and spending are entered; attention when runway is below \
         {RUNWAY_ATTENTION_MONTHS} months (urgent below {RUNWAY_URGENT_MONTHS}), when benefit or \
         cover is missing, or a deadline is within {DEADLINE_SOON_DAYS} days; done otherwise."
    ));
    build(ItemId::Money, computed, parts, Tab::Runway, explain, book)
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}
