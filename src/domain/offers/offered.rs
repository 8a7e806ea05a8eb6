//! An offer's column: its cash and its equity in each of the four years from
//! its start date.

use crate::domain::dates::format_long;
use crate::domain::money::{format_money, format_shares, round_cents};
use crate::domain::vesting::Tranche;
use crate::domain::vesting::explain::schedule_rule;
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::offer::{Offer, OfferEquity, OfferSchedule, OfferSignOn};
use super::working::{Figure, Sum, vests_text};
use super::years::YearSpan;

/// The offer's cash in one year: base, the target bonus, the sign-on in the
/// year it is paid and the health-premium difference. What the current job
/// still pays is the column's "Current job" row, not a year's.
pub fn cash(offer: &Offer, start: NaiveDate, span: &YearSpan) -> Figure {
    let mut sum = Sum::default();
    sum.part(
        offer.base,
        format!("Base salary {} a year.", format_money(offer.base)),
    );
    if let Some(bonus) = &offer.bonus {
        sum.part(
            bonus.yearly(offer.base),
            format!(
                "Target bonus: {}, counted at target every year.",
                bonus.describe(offer.base)
            ),
        );
    }
    if let Some(sign_on) = &offer.sign_on
        && span.holds_day(sign_on.paid_on(start))
    {
        sum.part(sign_on.amount, sign_on_text(sign_on, start));
    }
    if let Some(monthly) = offer.health_monthly {
        let yearly = -monthly * Decimal::from(12);
        let how = if monthly.is_sign_negative() {
            "less"
        } else {
            "more"
        };
        sum.part(
            yearly,
            format!(
                "Health plan: {} a month {how} than your current one × 12 = {}.",
                format_money(monthly.abs()),
                format_money(yearly)
            ),
        );
    }
    sum.total("Cash")
}

fn sign_on_text(sign_on: &OfferSignOn, start: NaiveDate) -> String {
    let when = match sign_on.paid_after_months {
        0 => "with the first paycheck".to_string(),
        months => format!("{months} months after the start"),
    };
    let clawback = match (sign_on.clawback_months, sign_on.prorated) {
        (0, _) => "no clawback".to_string(),
        (months, true) => format!(
            "repaid in part (by the months not served) if you leave within {months} months of it"
        ),
        (months, false) => format!("repaid in full if you leave within {months} months of it"),
    };
    format!(
        "Sign-on bonus {}, paid {} ({when}); {clawback}.",
        format_money(sign_on.amount),
        format_long(sign_on.paid_on(start))
    )
}

/// The offer's equity vesting in one year, through the Vesting tab's engine
/// and rounding, at the offer's price (options at price − strike).
pub fn equity(offer: &Offer, start: NaiveDate, span: &YearSpan) -> Figure {
    let Some(equity) = &offer.equity else {
        return Figure::known(Decimal::ZERO, vec!["No equity in this offer.".into()]);
    };
    let grant = equity.grant(&offer.company, start);
    let vests: Vec<Tranche> = grant
        .tranches()
        .into_iter()
        .filter(|t| span.holds_vest(t.date))
        .collect();
    let shares: Decimal = vests.iter().map(|t| t.shares).sum();
    let unit = equity.unit_value();
    let value = round_cents(shares * unit);
    let mut lines = grant_lines(equity, start);
    lines.push(format!(
        "Year {} ({}; a vest on the anniversary counts in the year it ends): {}.",
        span.year,
        span.describe(),
        vests_text(&vests)
    ));
    lines.push(format!(
        "Equity = {} × {} = {}.",
        format_shares(shares),
        format_money(unit),
        format_money(value)
    ));
    Figure::known(value, lines)
}

/// What the grant is, how it vests and what one share or option is worth.
fn grant_lines(equity: &OfferEquity, start: NaiveDate) -> Vec<String> {
    let unit = if equity.is_options() {
        "options"
    } else {
        "shares"
    };
    let mut lines = Vec::new();
    if let Some(value) = equity.value {
        lines.push(format!(
            "Offered as {} of equity: {} ÷ {} = {} {unit} (whole {unit}, rounded down).",
            format_money(value),
            format_money(value),
            format_money(equity.price),
            format_shares(equity.shares)
        ));
    }
    let rule = match equity.schedule {
        OfferSchedule::Annual => {
            "25% on each of the first four anniversaries of the start".to_string()
        }
        _ => schedule_rule(&equity.grant("", start)),
    };
    lines.push(format!(
        "{} {unit}, vesting from the start ({}): {rule}.",
        format_shares(equity.shares),
        format_long(start)
    ));
    lines.push("The running total vested by each date is rounded to the nearest whole share (halves up), as on the Vesting tab.".into());
    match equity.strike {
        Some(strike) => lines.push(format!(
            "Each option is worth price − strike = {} − {} = {} (never less than zero). Options are illiquid: until the company lists or is sold there may be no way to sell them, and exercising costs the strike plus tax.",
            format_money(equity.price),
            format_money(strike),
            format_money(equity.unit_value())
        )),
        None => lines.push(format!(
            "Each share is valued at {}, the price you entered.",
            format_money(equity.price)
        )),
    }
    lines
}
