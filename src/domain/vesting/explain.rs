//! Every figure on the Vesting tab can say where it comes from: these build
//! the lines of those explanations (inputs and formula, with the numbers), so
//! the screen shows the domain's own arithmetic rather than retelling it.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::events::value;
use super::{
    BonusOutcome, BonusSource, BonusStatus, Grant, LastDayReport, Rounding, Schedule, SignOnBonus,
    TrancheAmount, VestEvent, VestingBook, meta_first_vest,
};
use crate::domain::dates::format_long;
use crate::domain::money::{format_money, format_percent, format_shares};

/// Where the withholding rate on vests comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WithholdingSource {
    /// Set on the Vesting tab.
    ThisTab,
    /// The Runway tab's effective rate.
    Runway,
}

impl WithholdingSource {
    pub fn label(&self) -> &'static str {
        match self {
            Self::ThisTab => "set on this tab",
            Self::Runway => "the Runway tab's rate",
        }
    }
}

/// The rate vests are withheld at, and where it comes from.
pub fn withholding(book: &VestingBook, runway_rate: Decimal) -> (Decimal, WithholdingSource) {
    match book.withholding {
        Some(rate) => (rate, WithholdingSource::ThisTab),
        None => (runway_rate, WithholdingSource::Runway),
    }
}

/// The sourced facts about withholding on vested shares (DESIGN.md, Withholding).
pub const WITHHOLDING_FACTS: &str = "Vested shares are supplemental wages: 22% federal flat rate \
(37% on a year's supplemental wages above $1M), Social Security 6.2% up to the wage base \
($176,100 in 2025, $184,500 in 2026) and Medicare 1.45% (IRS Publication 15; SSA). State tax \
comes on top where your state has one: set the effective rate your pay slips show.";

/// Inputs and formula of one upcoming vest's gross and net value.
pub fn event(
    book: &VestingBook,
    event: &VestEvent,
    today: NaiveDate,
    runway_rate: Decimal,
) -> Vec<String> {
    let (rate, source) = withholding(book, runway_rate);
    let mut lines = vec![format!(
        "{} shares of {} ({}) vest on {}.",
        format_shares(event.shares),
        event.ticker,
        event.grant,
        event.date
    )];
    match (book.price_for(&event.ticker, today), event.gross, event.net) {
        (Some(price), Some(gross), Some(net)) => {
            lines.push(format!(
                "Gross = shares × today's price = {} × {} ({} as of {}) = {}.",
                format_shares(event.shares),
                format_money(price.price),
                price.ticker,
                format_long(price.as_of),
                format_money(gross)
            ));
            lines.push(format!(
                "Net = gross × (1 − withholding) = {} × (1 − {}) = {}, rounded half-up to cents.",
                format_money(gross),
                format_percent(rate),
                format_money(net)
            ));
        }
        _ => lines.push(format!(
            "No price entered for {}: the gross and net values are unknown until you enter one.",
            event.ticker
        )),
    }
    lines.push(format!(
        "Withholding {} is {}.",
        format_percent(rate),
        source.label()
    ));
    lines.push(WITHHOLDING_FACTS.to_string());
    lines
}

/// What a grant's schedule releases, in words.
pub fn schedule_rule(grant: &Grant) -> String {
    match &grant.schedule {
        Schedule::Amazon => "Amazon 5/15/40/40: 5% at 12 months, 15% at 24, then 20% at 30, 36, 42 and 48 months after the vest start".into(),
        Schedule::CliffMonthly => "4 years with a 1-year cliff: 12/48 at 12 months, then 1/48 every month for 36 months".into(),
        Schedule::CliffQuarterly => "4 years with a 1-year cliff: 12/48 at 12 months, then 3/48 every 3 months for 36 months".into(),
        Schedule::MetaQuarterly { first_vest } => {
            let first = match first_vest {
                Some(date) => format!("first on {date} (set by you)"),
                None => format!(
                    "first on {} (the first quarterly date after the vest start)",
                    meta_first_vest(grant.vest_start)
                ),
            };
            format!("Meta-style: 1/16 every quarter on Feb 15, May 15, Aug 15 and Nov 15, {first}")
        }
        Schedule::Google => "Google-style 33/33/22/12: monthly, 2.75% for months 1–24, 22%/12 (1.833…%) for months 25–36, 1% for months 37–48".into(),
        Schedule::Custom { tranches } => {
            let unit = if tranches.iter().any(|t| matches!(t.amount, TrancheAmount::Percent(_))) {
                "percent of the grant"
            } else {
                "shares"
            };
            format!("Custom: {} dates you entered, in {unit}", tranches.len())
        }
    }
}

fn rounding_rule(rounding: Rounding, shares: Decimal) -> String {
    let how = match rounding {
        Rounding::HalfUp => "rounded to the nearest whole share (halves up)",
        Rounding::Down => "rounded down to a whole share",
    };
    format!(
        "Rounding: the running total vested by each date is {how}; each vest is the difference, so the vests add up to exactly {}.",
        format_shares(shares)
    )
}

/// A grant's schedule and what has vested by `today`.
pub fn grant(grant: &Grant, today: NaiveDate) -> Vec<String> {
    let tranches = grant.tranches();
    let done = tranches.iter().filter(|t| t.date <= today).count();
    let vested = grant.vested_by(today);
    vec![
        format!(
            "{}: {} {} granted {}, vesting from {}.",
            grant.name,
            format_shares(grant.shares),
            grant.ticker,
            grant.grant_date,
            grant.vest_start
        ),
        format!("Schedule: {}.", schedule_rule(grant)),
        "Vest dates are the vest start plus whole months, clamped to shorter months' last day (Jan 31 → Feb 28 → Mar 31).".into(),
        rounding_rule(grant.rounding, grant.shares),
        format!(
            "Vested by {}: {} shares in {done} of {} vests dated on or before today; unvested: {} − {} = {}.",
            format_long(today),
            format_shares(vested),
            tranches.len(),
            format_shares(grant.shares),
            format_shares(vested),
            format_shares(grant.shares - vested)
        ),
    ]
}

/// How a sign-on bonus's clawback works out for a last day.
pub fn sign_on(bonus: &SignOnBonus, last_day: NaiveDate, role_eliminated: bool) -> String {
    let head = format!(
        "{}: {} paid {}",
        bonus.name,
        format_money(bonus.gross),
        bonus.paid
    );
    if last_day < bonus.paid {
        return format!("{head}; the last day comes first, so it is missed.");
    }
    if bonus.clawback_months == 0 {
        return format!("{head}, no clawback: kept.");
    }
    let term = bonus.clawback_months;
    let served = bonus.months_served(last_day).min(term);
    let owed = bonus.repayment(last_day);
    let served_text = format!(
        "{head}, {term}-month clawback; {served} full month(s) served by {last_day} (a month counts on its anniversary)"
    );
    if owed.is_zero() {
        return format!("{served_text}: the term is complete, nothing to repay.");
    }
    let formula = if bonus.prorated {
        format!(
            "prorated: {} × ({term} − {served})/{term} = {}",
            format_money(bonus.gross),
            format_money(owed)
        )
    } else {
        format!("not prorated: the whole {} is repaid", format_money(owed))
    };
    let waiver = match (bonus.waived_if_eliminated, role_eliminated) {
        (true, true) => {
            " — waived: your role is marked as eliminated and this bonus waives the clawback then, so it is kept"
        }
        (true, false) => " — would be waived if your role is marked as eliminated",
        (false, _) => "",
    };
    format!("{served_text}; {formula}{waiver}.")
}

/// A dated bonus (annual, retention) under a last day.
fn dated(outcome: &BonusOutcome, must_be_employed_on: NaiveDate, last_day: NaiveDate) -> String {
    let verdict = if outcome.status == BonusStatus::Kept {
        "on or after it, so it is kept"
    } else {
        "before it, so it is missed"
    };
    format!(
        "{}: {} needs you employed on {must_be_employed_on}; the last day {last_day} is {verdict}.",
        outcome.name,
        format_money(outcome.amount)
    )
}

/// One bonus's outcome under the report's last day.
pub fn bonus(book: &VestingBook, outcome: &BonusOutcome, last_day: NaiveDate) -> String {
    match outcome.source {
        BonusSource::SignOn => book
            .sign_on_bonuses
            .iter()
            .find(|b| b.id == outcome.id)
            .map(|b| sign_on(b, last_day, book.role_eliminated)),
        BonusSource::Dated(_) => book
            .dated_bonuses
            .iter()
            .find(|b| b.id == outcome.id)
            .map(|b| dated(outcome, b.must_be_employed_on, last_day)),
    }
    .unwrap_or_else(|| format!("{}: {}", outcome.name, outcome.status.label()))
}

/// A few words on why a bonus has its status (for a table cell or a report
/// line): a waiver, months served, the date it needs. Empty when there is
/// nothing to add.
pub fn bonus_reason(book: &VestingBook, outcome: &BonusOutcome) -> String {
    if outcome.waived {
        return "waived: role eliminated".into();
    }
    match (outcome.status, outcome.source) {
        (BonusStatus::Clawback, _) => match (outcome.months_served, outcome.clawback_months) {
            (Some(served), Some(term)) => format!("{served} of {term} months served"),
            _ => String::new(),
        },
        (BonusStatus::Missed, BonusSource::Dated(_)) => book
            .dated_bonuses
            .iter()
            .find(|b| b.id == outcome.id)
            .map(|b| format!("must be employed {}", b.must_be_employed_on))
            .unwrap_or_default(),
        (BonusStatus::Missed, BonusSource::SignOn) => "paid after this day".into(),
        (BonusStatus::Kept, BonusSource::SignOn) if outcome.clawback_months.is_some() => {
            "term served".into()
        }
        _ => String::new(),
    }
}

/// Inputs and formulas of the whole last-day panel.
pub fn last_day(
    book: &VestingBook,
    report: &LastDayReport,
    today: NaiveDate,
    runway_rate: Decimal,
) -> Vec<String> {
    let day = report.last_day;
    let mut lines = vec![format!(
        "Last day {}: a vest dated on or before it is kept (paid notice included: employment ends on the separation date); every later vest is forfeited.",
        format_long(day)
    )];
    for g in &report.grants {
        let worth = match (g.price, g.forfeited_value) {
            _ if g.forfeited.is_zero() => "nothing forfeited".to_string(),
            (Some(price), Some(v)) => format!(
                "worth {} × {} = {} at today's price",
                format_shares(g.forfeited),
                format_money(price),
                format_money(v)
            ),
            _ => format!("no price for {}, so its value is unknown", g.ticker),
        };
        lines.push(format!(
            "{}: vested {} by {day}; forfeited {} − {} = {}, {worth}.",
            g.name,
            format_shares(g.vested),
            format_shares(g.granted),
            format_shares(g.vested),
            format_shares(g.forfeited)
        ));
    }
    for g in &report.not_yet_granted {
        lines.push(format!(
            "{}: granted {}, after the last day, so never received; left out of the totals.",
            g.name, g.grant_date
        ));
    }
    lines.push(match report.forfeited_value {
        Some(v) => format!(
            "Total forfeited value: {} at today's prices.",
            format_money(v)
        ),
        None => "Total forfeited value unknown: a grant with forfeited shares has no price.".into(),
    });
    for outcome in &report.bonuses {
        lines.push(bonus(book, outcome, day));
    }
    if let Some(next) = &report.next_vest {
        let (rate, source) = withholding(book, runway_rate);
        let worth = match (next.gross, next.net) {
            (Some(gross), Some(net)) => format!(
                "{} gross at today's price, {} net after {} withholding ({})",
                format_money(gross),
                format_money(net),
                format_percent(rate),
                source.label()
            ),
            _ => "value unknown: a ticker vesting that day has no price".into(),
        };
        lines.push(format!(
            "Next vest after the last day: {} shares on {}; {worth}.",
            format_shares(next.shares),
            next.date
        ));
    }
    let prices: Vec<String> = report
        .grants
        .iter()
        .filter_map(|g| book.price_for(&g.ticker, today))
        .map(|p| format!("{} {} as of {}", p.ticker, format_money(p.price), p.as_of))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !prices.is_empty() {
        lines.push(format!("Today's prices: {}.", prices.join(", ")));
    }
    lines
}

/// How prices are chosen, and the one each ticker uses today.
pub fn prices(book: &VestingBook, today: NaiveDate) -> Vec<String> {
    let mut lines = vec![
        "careerbook never fetches prices: you enter each one by hand with the date it is from.".to_string(),
        "A ticker's current price is the latest one dated on or before today; values use it for every vest, past or future.".into(),
        "Where a ticker has no price, its values show as unknown, never as zero.".into(),
    ];
    let tickers: std::collections::BTreeSet<String> = book
        .grants
        .iter()
        .map(|g| g.ticker.trim().to_uppercase())
        .collect();
    for ticker in tickers {
        lines.push(match book.price_for(&ticker, today) {
            Some(p) => format!(
                "{ticker}: {} as of {} is used today.",
                format_money(p.price),
                p.as_of
            ),
            None => format!("{ticker}: no price entered, so its values are unknown."),
        });
    }
    lines
}

/// The value of `shares` at the ticker's price on `today`, for a screen cell;
/// `None` without a price.
pub fn shares_value(
    book: &VestingBook,
    ticker: &str,
    shares: Decimal,
    today: NaiveDate,
) -> Option<Decimal> {
    value(shares, book.price_for(ticker, today).map(|p| p.price))
        .map(crate::domain::money::round_cents)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{amazon_book, d};
    use super::super::{SignOnBonus, events, last_day as report_for};
    use super::*;
    use rust_decimal_macros::dec;

    fn today() -> NaiveDate {
        d(2026, 11, 26)
    }

    #[test]
    fn an_event_shows_its_gross_and_net_arithmetic() {
        let book = amazon_book();
        let upcoming = events(&book, today(), NaiveDate::MAX, today(), dec!(0.2965));
        let lines = event(&book, &upcoming[0], today(), dec!(0.2965));
        assert_eq!(lines[0], "20 shares of AMZN (Grant 1) vest on 2027-03-15.");
        assert_eq!(
            lines[1],
            "Gross = shares × today's price = 20 × $185.50 (AMZN as of 20 Nov 2026) = $3,710.00."
        );
        // 3,710 × 0.7035 = 2,609.985 → 2,609.99.
        assert_eq!(
            lines[2],
            "Net = gross × (1 − withholding) = $3,710.00 × (1 − 29.65%) = $2,609.99, rounded half-up to cents."
        );
        assert_eq!(lines[3], "Withholding 29.65% is the Runway tab's rate.");
        let own = VestingBook {
            withholding: Some(dec!(0.4)),
            ..book
        };
        assert_eq!(
            withholding(&own, dec!(0.2965)),
            (dec!(0.4), WithholdingSource::ThisTab)
        );
    }

    #[test]
    fn a_clawback_shows_its_proration_and_waiver() {
        let bonus = SignOnBonus {
            id: 1,
            name: "Sign-on".into(),
            gross: dec!(30000),
            paid: d(2025, 1, 15),
            clawback_months: 12,
            prorated: true,
            waived_if_eliminated: true,
        };
        // The DESIGN example: 7 full months → 30,000 × 5/12 = 12,500.
        assert_eq!(
            sign_on(&bonus, d(2025, 8, 15), false),
            "Sign-on: $30,000.00 paid 2025-01-15, 12-month clawback; 7 full month(s) served by 2025-08-15 \
             (a month counts on its anniversary); prorated: $30,000.00 × (12 − 7)/12 = $12,500.00 \
             — would be waived if your role is marked as eliminated."
        );
        assert!(sign_on(&bonus, d(2025, 8, 15), true).ends_with("so it is kept."));
        assert!(
            sign_on(&bonus, d(2026, 1, 15), false)
                .ends_with("the term is complete, nothing to repay.")
        );
        assert!(sign_on(&bonus, d(2025, 1, 14), false).ends_with("so it is missed."));
    }

    #[test]
    fn the_last_day_explanation_has_every_figure() {
        let book = amazon_book();
        let report = report_for(&book, d(2026, 6, 30), today(), dec!(0.2965)).expect("valid");
        let lines = last_day(&book, &report, today(), dec!(0.2965));
        assert!(lines.contains(
            &"Grant 1: vested 20 by 2026-06-30; forfeited 100 − 20 = 80, worth 80 × $185.50 = $14,840.00 at today's price."
                .to_string()
        ));
        assert!(
            lines.contains(&"Total forfeited value: $14,840.00 at today's prices.".to_string())
        );
        assert!(lines.contains(
            &"Next vest after the last day: 20 shares on 2026-09-15; $3,710.00 gross at today's price, $2,609.99 net after 29.65% withholding (the Runway tab's rate)."
                .to_string()
        ));
        assert_eq!(
            lines.last().map(String::as_str),
            Some("Today's prices: AMZN $185.50 as of 2026-11-20.")
        );
    }

    #[test]
    fn a_grant_explains_its_schedule_and_vested_count() {
        let book = amazon_book();
        let lines = grant(&book.grants[0], today());
        // 5 + 15 + 20 (2026-09-15) = 40 vested by 2026-11-26, in 3 of 6 vests.
        assert_eq!(
            lines[4],
            "Vested by 26 Nov 2026: 40 shares in 3 of 6 vests dated on or before today; unvested: 100 − 40 = 60."
        );
        assert!(lines[1].starts_with("Schedule: Amazon 5/15/40/40"));
    }
}
