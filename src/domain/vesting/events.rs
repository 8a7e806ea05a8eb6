//! Vests as dated events with their value, grouped by calendar quarter, and as
//! net proceeds for the Runway projection.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{Grant, Tranche, VestingBook};
use crate::domain::money::{format_shares, round_cents, saturating_sum};
use crate::domain::runway::{RunwayPlan, VestProceeds};
use crate::domain::{Id, dates};

/// One vest of one grant.
#[derive(Clone, Debug, PartialEq)]
pub struct VestEvent {
    pub grant_id: Id,
    /// The grant's name.
    pub grant: String,
    pub ticker: String,
    pub date: NaiveDate,
    pub shares: Decimal,
    /// The ticker's current price, `None` when none has been entered.
    pub price: Option<Decimal>,
    /// Shares × current price, half-up to cents; `None` without a price.
    pub gross: Option<Decimal>,
    /// Gross × (1 − withholding rate), from the unrounded gross, half-up to cents.
    pub net: Option<Decimal>,
}

/// One calendar quarter of upcoming vests.
#[derive(Clone, Debug, PartialEq)]
pub struct QuarterBucket {
    pub year: i32,
    /// 1 to 4.
    pub quarter: u32,
    /// `2027 Q1`.
    pub label: String,
    /// The quarter's first day.
    pub start: NaiveDate,
    pub shares: Decimal,
    /// The quarter's value at current prices, half-up to cents; `None` when any
    /// vest in it has no price (a partial sum would look like the whole).
    pub gross: Option<Decimal>,
}

/// Every vest dated from `from` to `to` (both included), sorted by date then
/// grant id, valued at each ticker's current price on `today`. Net uses this
/// tab's withholding rate, or `runway_rate` when none is set here.
pub fn events(
    book: &VestingBook,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    runway_rate: Decimal,
) -> Vec<VestEvent> {
    events_of(book, &vests(book, from, to), today, runway_rate)
}

/// The first `count` vests dated on or after `from`, as [`events`] lists
/// them: the rest are never named or valued.
pub fn first_events(
    book: &VestingBook,
    from: NaiveDate,
    count: usize,
    today: NaiveDate,
    runway_rate: Decimal,
) -> Vec<VestEvent> {
    let mut vests = vests(book, from, NaiveDate::MAX);
    vests.truncate(count);
    events_of(book, &vests, today, runway_rate)
}

/// One vest by position: its grant's place in `book.grants` and the
/// tranche. A long list of vests (a book of many grants has thousands to
/// come) holds these, a few bytes each, rather than [`VestEvent`]s, which
/// each carry the grant's name and ticker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vest {
    pub grant: usize,
    pub tranche: Tranche,
}

impl Vest {
    /// This vest of `book` (the book [`vests`] read) named and valued as
    /// [`events`] does; `None` when `book` has no such grant.
    pub fn event(
        &self,
        book: &VestingBook,
        today: NaiveDate,
        runway_rate: Decimal,
    ) -> Option<VestEvent> {
        let grant = book.grants.get(self.grant)?;
        let price = book.price_for(&grant.ticker, today).map(|p| p.price);
        Some(vest_event(
            grant,
            self.tranche,
            price,
            book.withholding_rate(runway_rate),
        ))
    }
}

/// Every vest dated from `from` to `to` (both included), in the order of
/// [`events`]: by date, then grant id (the sort is stable, so one grant's
/// vests on the same day keep their order).
pub fn vests(book: &VestingBook, from: NaiveDate, to: NaiveDate) -> Vec<Vest> {
    let mut vests: Vec<Vest> = book
        .grants
        .iter()
        .enumerate()
        .flat_map(|(at, grant)| {
            grant
                .tranches()
                .into_iter()
                .filter(|t| from <= t.date && t.date <= to)
                .map(move |tranche| Vest { grant: at, tranche })
        })
        .collect();
    vests.sort_by_key(|v| (v.tranche.date, book.grants[v.grant].id));
    vests
}

/// `vests` of `book` named and valued, as [`Vest::event`] does one (each
/// ticker's price looked up once).
pub fn events_of(
    book: &VestingBook,
    vests: &[Vest],
    today: NaiveDate,
    runway_rate: Decimal,
) -> Vec<VestEvent> {
    let rate = book.withholding_rate(runway_rate);
    let prices: Vec<Option<Decimal>> = book
        .grants
        .iter()
        .map(|g| book.price_for(&g.ticker, today).map(|p| p.price))
        .collect();
    vests
        .iter()
        .filter_map(|v| {
            let grant = book.grants.get(v.grant)?;
            let price = prices.get(v.grant).copied().flatten();
            Some(vest_event(grant, v.tranche, price, rate))
        })
        .collect()
}

fn vest_event(grant: &Grant, tranche: Tranche, price: Option<Decimal>, rate: Decimal) -> VestEvent {
    let gross = value(tranche.shares, price);
    VestEvent {
        grant_id: grant.id,
        grant: grant.name.clone(),
        ticker: grant.ticker.clone(),
        date: tranche.date,
        shares: tranche.shares,
        price,
        gross: gross.map(round_cents),
        net: gross
            .and_then(|g| after_withholding(g, rate))
            .map(round_cents),
    }
}

/// The sum of a list of vests: shares always; gross and net only when every
/// vest has a price (a partial sum would look like the whole).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EventsTotal {
    pub shares: Decimal,
    pub gross: Option<Decimal>,
    pub net: Option<Decimal>,
}

/// Adds up `events` (each gross and net already rounded to cents, so the
/// total is the sum of the rows shown).
pub fn total(events: &[VestEvent]) -> EventsTotal {
    EventsTotal {
        shares: saturating_sum(events.iter().map(|e| e.shares)),
        gross: sum_values(events.iter().map(|e| e.gross)),
        net: sum_values(events.iter().map(|e| e.net)),
    }
}

/// `quarters` calendar quarters starting with the one holding `today`, each
/// with the shares and value of the events dated inside it. Events outside
/// those quarters are left out.
pub fn by_quarter(events: &[VestEvent], today: NaiveDate, quarters: usize) -> Vec<QuarterBucket> {
    let first_month = today.month0() / 3 * 3 + 1;
    let Some(mut start) = NaiveDate::from_ymd_opt(today.year(), first_month, 1) else {
        return Vec::new();
    };
    let mut buckets = Vec::with_capacity(quarters);
    for _ in 0..quarters {
        // Quarters start on the 1st, so chaining months never clamps.
        let end = dates::add_months(start, 3);
        let inside: Vec<&VestEvent> = events
            .iter()
            .filter(|e| start <= e.date && e.date < end)
            .collect();
        let quarter = start.month0() / 3 + 1;
        buckets.push(QuarterBucket {
            year: start.year(),
            quarter,
            label: format!("{} Q{quarter}", start.year()),
            start,
            shares: saturating_sum(inside.iter().map(|e| e.shares)),
            gross: sum_values(inside.iter().map(|e| value(e.shares, e.price))).map(round_cents),
        });
        start = end;
    }
    buckets
}

/// The Runway projection's vest income: every vest from `today` through the
/// Runway separation date (a vest on that day is kept; later ones are
/// forfeited). With no separation date the projection assumes pay stops
/// today, so only a vest dated today counts: counting later vests would pay
/// out grants that leaving today forfeits. Net of
/// this tab's withholding rate, else the plan's. Vests without a price are
/// left out (never valued at zero). Whether they count at all is the plan's
/// `include_vest_proceeds` switch, which the projection itself applies:
///
/// `runway::project(&wb.runway, today, &runway_vests(&wb.vesting, &wb.runway, today).counted, options)`
pub fn runway_vests(book: &VestingBook, plan: &RunwayPlan, today: NaiveDate) -> RunwayVests {
    let until = last_day_kept(plan, today);
    let (priced, unpriced): (Vec<VestEvent>, Vec<VestEvent>) =
        events(book, today, until, today, plan.withholding)
            .into_iter()
            .partition(|e| e.net.is_some());
    let counted = priced
        .into_iter()
        .filter_map(|e| {
            e.net.map(|net| VestProceeds {
                date: e.date,
                net,
                label: format!(
                    "{} {} vest ({})",
                    format_shares(e.shares),
                    e.ticker,
                    e.grant
                ),
            })
        })
        .collect();
    RunwayVests { counted, unpriced }
}

/// What the runway gets from the Vesting tab, worked out from one pass over
/// the vests: the proceeds it counts, and the vests it leaves out because their
/// ticker has no price (said so, rather than let a missing price pass as
/// nothing vesting).
#[derive(Clone, Debug, PartialEq)]
pub struct RunwayVests {
    pub counted: Vec<VestProceeds>,
    pub unpriced: Vec<VestEvent>,
}

/// The last day whose vests the runway keeps: the separation date, or today
/// when none is set (the projection then assumes you leave today).
fn last_day_kept(plan: &RunwayPlan, today: NaiveDate) -> NaiveDate {
    plan.separation.unwrap_or(today)
}

/// Shares × price at full precision; `None` without a price (or, for absurd
/// unvalidated amounts, when the product does not fit).
pub(super) fn value(shares: Decimal, price: Option<Decimal>) -> Option<Decimal> {
    price.and_then(|p| shares.checked_mul(p))
}

/// What is left of `gross` after withholding at `rate`.
pub(super) fn after_withholding(gross: Decimal, rate: Decimal) -> Option<Decimal> {
    Decimal::ONE
        .checked_sub(rate)
        .and_then(|kept| gross.checked_mul(kept))
}

/// The sum of values, or `None` when any is unknown.
pub(super) fn sum_values(mut values: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values.try_fold(Decimal::ZERO, |total, v| total.checked_add(v?))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{amazon_book, d, grant, price};
    use super::super::{Schedule, VestingBook};
    use super::*;
    use rust_decimal_macros::dec;

    const RUNWAY_RATE: Decimal = dec!(0.2965);

    fn today() -> NaiveDate {
        d(2026, 11, 26)
    }

    /// The Amazon book plus 160 Meta-style shares of an unpriced ticker from 2026-03-01.
    fn two_grant_book() -> VestingBook {
        let mut book = amazon_book();
        let mut meta = grant(
            2,
            dec!(160),
            d(2026, 3, 1),
            Schedule::MetaQuarterly { first_vest: None },
        );
        meta.ticker = "META".into();
        book.grants.push(meta);
        book
    }

    #[test]
    fn values_upcoming_vests_at_the_current_price() {
        let events = events(
            &amazon_book(),
            today(),
            NaiveDate::MAX,
            today(),
            RUNWAY_RATE,
        );
        let dates: Vec<NaiveDate> = events.iter().map(|e| e.date).collect();
        assert_eq!(dates, [d(2027, 3, 15), d(2027, 9, 15), d(2028, 3, 15)]);
        let first = &events[0];
        assert_eq!(
            (first.grant_id, first.grant.as_str(), first.shares),
            (1, "Grant 1", dec!(20))
        );
        // 20 × 185.50 = 3,710.00.
        assert_eq!(first.gross, Some(dec!(3710.00)));
        // 3,710 × (1 − 0.2965) = 3,710 × 0.7035 = 2,609.985 → 2,609.99 (half-up).
        assert_eq!(first.net, Some(dec!(2609.99)));
    }

    #[test]
    fn totals_are_unknown_when_any_vest_has_no_price() {
        let priced = events(
            &amazon_book(),
            today(),
            NaiveDate::MAX,
            today(),
            RUNWAY_RATE,
        );
        // Three vests of 20: 60 shares, 3 × 3,710.00 gross, 3 × 2,609.99 net.
        assert_eq!(
            total(&priced),
            EventsTotal {
                shares: dec!(60),
                gross: Some(dec!(11130.00)),
                net: Some(dec!(7829.97))
            }
        );
        let mixed = events(
            &two_grant_book(),
            today(),
            NaiveDate::MAX,
            today(),
            RUNWAY_RATE,
        );
        let sum = total(&mixed);
        assert_eq!((sum.gross, sum.net), (None, None));
        // META (160 from 2026-03-01) vested 10 on 2026-05-15, 08-15 and 11-15, before today:
        // 130 META are still to come, plus AMZN's 60.
        assert_eq!(sum.shares, dec!(60) + dec!(130));
        assert_eq!(total(&[]).gross, Some(dec!(0)));
    }

    #[test]
    fn first_events_are_the_earliest_of_every_grant_by_date_then_grant_id() {
        // Two grants vesting on the same days, the higher id listed first:
        // 480 shares monthly after a cliff, vest start 2026-01-10, so 120
        // (12/48) on 2027-01-10, then 10 (1/48) on the 10th of each month.
        let mut book = amazon_book();
        book.grants = vec![
            grant(7, dec!(480), d(2026, 1, 10), Schedule::CliffMonthly),
            grant(3, dec!(480), d(2026, 1, 10), Schedule::CliffMonthly),
        ];
        let first = first_events(&book, today(), 3, today(), RUNWAY_RATE);
        let rows: Vec<(NaiveDate, Id, Decimal)> = first
            .iter()
            .map(|e| (e.date, e.grant_id, e.shares))
            .collect();
        assert_eq!(
            rows,
            [
                (d(2027, 1, 10), 3, dec!(120)),
                (d(2027, 1, 10), 7, dec!(120)),
                (d(2027, 2, 10), 3, dec!(10))
            ]
        );
        // 10 × 185.50 = 1,855.00 gross; 1,855 × (1 − 0.2965) = 1,855 × 0.7035
        // = 1,298.50 + 6.4925 = 1,304.9925 → 1,304.99 net.
        assert_eq!(
            (first[2].gross, first[2].net),
            (Some(dec!(1855.00)), Some(dec!(1304.99)))
        );
        // The same as the head of every event; asking for more gives them all.
        let all = events(&book, today(), NaiveDate::MAX, today(), RUNWAY_RATE);
        assert_eq!(all.len(), 2 * 37);
        assert_eq!(first, all[..3]);
        assert_eq!(first_events(&book, today(), 100, today(), RUNWAY_RATE), all);
        // Held as positions, each names and values the same vest.
        let held = vests(&book, today(), NaiveDate::MAX);
        assert_eq!(
            held[..2],
            [
                Vest {
                    grant: 1,
                    tranche: Tranche {
                        date: d(2027, 1, 10),
                        shares: dec!(120)
                    }
                },
                Vest {
                    grant: 0,
                    tranche: Tranche {
                        date: d(2027, 1, 10),
                        shares: dec!(120)
                    }
                }
            ]
        );
        let named: Vec<VestEvent> = held
            .iter()
            .filter_map(|v| v.event(&book, today(), RUNWAY_RATE))
            .collect();
        assert_eq!(named, all);
        assert_eq!(events_of(&book, &held, today(), RUNWAY_RATE), all);
        // A position the book does not have names nothing.
        let gone = Vest {
            grant: 2,
            ..held[0]
        };
        assert_eq!(gone.event(&book, today(), RUNWAY_RATE), None);
        // From a later day: 2029-12-10 and 2030-01-10 are each grant's last two.
        let last = first_events(&book, d(2029, 12, 10), 10, today(), RUNWAY_RATE);
        assert_eq!(last.len(), 4);
        assert_eq!((last[3].date, last[3].grant_id), (d(2030, 1, 10), 7));
    }

    #[test]
    fn this_tabs_withholding_overrides_the_runway_rate() {
        let book = VestingBook {
            withholding: Some(dec!(0.22)),
            ..amazon_book()
        };
        let events = events(&book, today(), NaiveDate::MAX, today(), RUNWAY_RATE);
        // 3,710 × 0.78 = 2,893.80.
        assert_eq!(events[0].net, Some(dec!(2893.80)));
    }

    #[test]
    fn no_price_means_no_value_and_events_sort_by_date() {
        let events = events(
            &two_grant_book(),
            d(2027, 1, 1),
            d(2027, 6, 30),
            today(),
            RUNWAY_RATE,
        );
        // META from 2026-03-01 vests 10 on 2027-02-15 and 2027-05-15; AMZN 20 on 2027-03-15.
        let rows: Vec<(NaiveDate, Id, Decimal)> = events
            .iter()
            .map(|e| (e.date, e.grant_id, e.shares))
            .collect();
        assert_eq!(
            rows,
            [
                (d(2027, 2, 15), 2, dec!(10)),
                (d(2027, 3, 15), 1, dec!(20)),
                (d(2027, 5, 15), 2, dec!(10))
            ]
        );
        assert_eq!(
            (events[0].price, events[0].gross, events[0].net),
            (None, None, None)
        );
    }

    #[test]
    fn the_latest_price_known_today_counts() {
        let mut book = amazon_book();
        book.prices
            .push(price(11, "amzn", dec!(190), d(2026, 11, 25)));
        book.prices
            .push(price(12, "AMZN", dec!(500), d(2026, 12, 1)));
        // The 2026-12-01 price is not known on 2026-11-26; "amzn" matches AMZN.
        assert_eq!(
            book.price_for("AMZN", today()).map(|p| p.price),
            Some(dec!(190))
        );
        assert_eq!(
            book.price_for("AMZN", d(2026, 12, 1)).map(|p| p.price),
            Some(dec!(500))
        );
        assert_eq!(book.price_for("AMZN", d(2026, 11, 19)), None);
        // Same date twice: the later entry wins.
        book.prices
            .push(price(13, "AMZN", dec!(191), d(2026, 11, 25)));
        assert_eq!(
            book.price_for("AMZN", today()).map(|p| p.price),
            Some(dec!(191))
        );
    }

    #[test]
    fn groups_the_next_eight_calendar_quarters() {
        let events = events(
            &amazon_book(),
            today(),
            NaiveDate::MAX,
            today(),
            RUNWAY_RATE,
        );
        let quarters = by_quarter(&events, today(), 8);
        let labels: Vec<&str> = quarters.iter().map(|q| q.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "2026 Q4", "2027 Q1", "2027 Q2", "2027 Q3", "2027 Q4", "2028 Q1", "2028 Q2",
                "2028 Q3"
            ]
        );
        assert_eq!(quarters[0].start, d(2026, 10, 1));
        // Nothing vests in 2026 Q4: zero shares worth exactly $0.
        assert_eq!(
            (quarters[0].shares, quarters[0].gross),
            (dec!(0), Some(dec!(0)))
        );
        assert_eq!((quarters[1].year, quarters[1].quarter), (2027, 1));
        // 2027-03-15: 20 × 185.50 = 3,710.
        assert_eq!(
            (quarters[1].shares, quarters[1].gross),
            (dec!(20), Some(dec!(3710.00)))
        );
        assert_eq!(quarters[5].shares, dec!(20));
    }

    #[test]
    fn a_quarter_with_an_unpriced_vest_has_no_value() {
        let events = events(
            &two_grant_book(),
            today(),
            NaiveDate::MAX,
            today(),
            RUNWAY_RATE,
        );
        let quarters = by_quarter(&events, today(), 2);
        // 2027 Q1: 10 META (no price) on Feb 15 and 20 AMZN on Mar 15.
        assert_eq!((quarters[1].shares, quarters[1].gross), (dec!(30), None));
        // 2026 Q4: 10 META on Nov 15, before today but in the quarter, is not in `events`.
        assert_eq!(quarters[0].shares, dec!(0));
    }

    #[test]
    fn runway_proceeds_run_to_the_separation_date_at_the_plans_rate() {
        let book = two_grant_book();
        let mut plan = RunwayPlan {
            withholding: dec!(0.22),
            separation: Some(d(2027, 9, 15)),
            ..RunwayPlan::default()
        };
        let proceeds = runway_vests(&book, &plan, today()).counted;
        // AMZN 20 on 2027-03-15 and on 2027-09-15 (the separation day counts):
        // 20 × 185.50 = 3,710 × (1 − 0.22) = 2,893.80. META has no price, so it is left out.
        assert_eq!(
            proceeds,
            [
                VestProceeds {
                    date: d(2027, 3, 15),
                    net: dec!(2893.80),
                    label: "20 AMZN vest (Grant 1)".into()
                },
                VestProceeds {
                    date: d(2027, 9, 15),
                    net: dec!(2893.80),
                    label: "20 AMZN vest (Grant 1)".into()
                },
            ]
        );
        // This tab's own rate wins: 3,710 × (1 − 0.2965) = 2,609.99.
        let own_rate = VestingBook {
            withholding: Some(dec!(0.2965)),
            ..book.clone()
        };
        assert_eq!(
            runway_vests(&own_rate, &plan, today()).counted[0].net,
            dec!(2609.99)
        );
        // META's vests to the separation date (2027-02-15, 05-15, 08-15) are named apart.
        let unpriced = runway_vests(&book, &plan, today()).unpriced;
        assert_eq!(
            unpriced
                .iter()
                .map(|e| (e.date, e.ticker.as_str()))
                .collect::<Vec<_>>(),
            [
                (d(2027, 2, 15), "META"),
                (d(2027, 5, 15), "META"),
                (d(2027, 8, 15), "META")
            ]
        );
        // No separation date: the runway assumes you leave today, when every
        // later vest is forfeited, so none is counted.
        plan.separation = None;
        assert!(runway_vests(&book, &plan, today()).counted.is_empty());
        assert!(runway_vests(&book, &plan, today()).unpriced.is_empty());
        // Already separated: nothing more vests.
        plan.separation = Some(d(2026, 10, 1));
        assert!(runway_vests(&book, &plan, today()).counted.is_empty());
    }

    #[test]
    fn runway_proceeds_feed_the_projection() {
        use crate::domain::runway::{Account, FlowKind, ProjectionOptions, project};
        let plan = RunwayPlan {
            accounts: vec![Account {
                id: 1,
                name: "Savings".into(),
                balance: dec!(10000),
                as_of: today(),
            }],
            withholding: dec!(0.2965),
            // Employed through 2028-06-30: all three remaining AMZN vests are kept.
            separation: Some(d(2028, 6, 30)),
            ..RunwayPlan::default()
        };
        let book = amazon_book();
        let vests = runway_vests(&book, &plan, today()).counted;
        let projection =
            project(&plan, today(), &vests, ProjectionOptions::default()).expect("valid plan");
        let vest_income: Decimal = projection
            .months
            .iter()
            .flat_map(|m| m.flows.iter())
            .filter(|f| f.kind == FlowKind::VestProceeds)
            .map(|f| f.amount)
            .sum();
        // Three vests of 20 AMZN, 2,609.99 net each.
        assert_eq!(vest_income, dec!(7829.97));
    }
}
