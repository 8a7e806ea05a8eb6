//! Worked figures for the comparison, the start-date what-if and accepting,
//! each computed by hand in the comments.

use super::*;
use crate::domain::edit::Edit;
use crate::domain::pipeline::{Application, Stage};
use crate::domain::runway::Severance;
use crate::domain::vesting::{Grant, Price, Rounding, Schedule, SignOnBonus};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::json;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn today() -> NaiveDate {
    d(2026, 11, 26)
}

/// The issue's offer: base $200,000, bonus 10%, sign-on $20,000 with the
/// first paycheck, 400 RSUs at $100 vesting 25% on each anniversary.
fn issue_offer(id: Id, start: NaiveDate) -> Offer {
    Offer {
        id,
        company: "Northwind".into(),
        role: Some("Staff SRE".into()),
        application: None,
        base: dec!(200000),
        bonus: Some(TargetBonus::Percent(dec!(0.10))),
        sign_on: Some(OfferSignOn {
            amount: dec!(20000),
            paid_after_months: 0,
            clawback_months: 12,
            prorated: true,
        }),
        equity: Some(OfferEquity {
            shares: dec!(400),
            price: dec!(100),
            value: None,
            strike: None,
            schedule: OfferSchedule::Annual,
        }),
        start,
        health_monthly: None,
    }
}

/// A plain offer: base only, no bonus, sign-on or equity.
fn plain_offer(id: Id, base: Decimal, start: NaiveDate) -> Offer {
    Offer {
        bonus: None,
        sign_on: None,
        equity: None,
        base,
        ..issue_offer(id, start)
    }
}

fn with_equity(offer: Offer, shares: Decimal, price: Decimal, schedule: OfferSchedule) -> Offer {
    Offer {
        equity: Some(OfferEquity {
            shares,
            price,
            value: None,
            strike: None,
            schedule,
        }),
        ..offer
    }
}

fn workbook(offers: Vec<Offer>) -> Workbook {
    let mut wb = Workbook::default();
    wb.pipeline.offers = offers;
    wb
}

fn job(base: Decimal, bonus: Option<TargetBonus>) -> Option<CurrentJob> {
    Some(CurrentJob { base, bonus })
}

fn amounts(column: &Column, figure: fn(&YearFigures) -> &Figure) -> Vec<Option<Decimal>> {
    column.years.iter().map(|y| figure(y).amount).collect()
}

fn cash(y: &YearFigures) -> &Figure {
    &y.cash
}

fn equity(y: &YearFigures) -> &Figure {
    &y.equity
}

fn total(y: &YearFigures) -> &Figure {
    &y.total
}

/// The design example's 100 Amazon-style RSUs from 2024-03-15, AMZN at $185.50.
fn amazon_grant(wb: &mut Workbook) {
    wb.vesting.grants.push(Grant {
        id: 90,
        name: "New-hire RSU".into(),
        ticker: "AMZN".into(),
        shares: dec!(100),
        grant_date: d(2024, 3, 15),
        vest_start: d(2024, 3, 15),
        schedule: Schedule::Amazon,
        rounding: Rounding::HalfUp,
    });
    wb.vesting.prices.push(Price {
        id: 91,
        ticker: "AMZN".into(),
        price: dec!(185.50),
        as_of: d(2026, 11, 20),
    });
}

/// A notice: last day on payroll 2027-03-31, $40,000 severance paid 2027-04-15.
fn notice(wb: &mut Workbook) {
    wb.runway.separation = Some(d(2027, 3, 31));
    wb.runway.severance = Some(Severance::Entered {
        gross: dec!(40000),
        pay_date: d(2027, 4, 15),
        weeks: None,
        annual_base: None,
    });
}

#[test]
fn the_issue_offer_year_by_year() {
    let mut wb = workbook(vec![issue_offer(1, d(2027, 1, 4))]);
    wb.pipeline.current_job = job(dec!(180000), Some(TargetBonus::Percent(dec!(0.10))));
    let comparison = compare(&wb, today(), &[]);
    let offer = &comparison.columns[1];
    // Year 1 cash: 200,000 base + 20,000 bonus (10%) + 20,000 sign-on = 240,000;
    // equity: 100 of 400 vest on the first anniversary, 2028-01-04: 100 × $100 = 10,000.
    // Years 2–4: 200,000 + 20,000 cash + 10,000 equity = 230,000.
    assert_eq!(
        amounts(offer, cash),
        [dec!(240000), dec!(220000), dec!(220000), dec!(220000)].map(Some)
    );
    assert_eq!(amounts(offer, equity), [Some(dec!(10000)); 4]);
    assert_eq!(
        amounts(offer, total),
        [dec!(250000), dec!(230000), dec!(230000), dec!(230000)].map(Some)
    );
    // 250,000 + 3 × 230,000 = 940,000.
    assert_eq!(offer.four_years.amount, Some(dec!(940000)));
    // The current job until the start: today, 26 Nov 2026, through 3 Jan
    // 2027 is 5 + 31 + 3 = 39 days of 180,000 + 18,000 = 198,000 a year:
    // 198,000 × 39/365 = 21,156.164… → 21,156.16, in both columns (no
    // notice, the same start). Totals: 961,156.16 and 813,156.16.
    assert_eq!(offer.current.amount, Some(dec!(21156.16)));
    assert_eq!(offer.total.amount, Some(dec!(961156.16)));
    // Stay: 198,000 a year, no grants: 4 × 198,000 = 792,000;
    // 961,156.16 − 813,156.16 = 148,000.
    let stay = &comparison.columns[0];
    assert_eq!((stay.name.as_str(), stay.start), ("Stay", d(2027, 1, 4)));
    assert_eq!(stay.four_years.amount, Some(dec!(792000)));
    assert_eq!(stay.current.amount, Some(dec!(21156.16)));
    assert_eq!(stay.total.amount, Some(dec!(813156.16)));
    assert_eq!(offer.vs_stay.amount, Some(dec!(148000)));
    assert_eq!(stay.vs_stay.amount, Some(Decimal::ZERO));
    // The working says where each figure comes from.
    assert_eq!(
        offer.years[0].cash.working,
        [
            "Base salary $200,000.00 a year.",
            "Target bonus: 10% of base = $20,000.00, counted at target every year.",
            "Sign-on bonus $20,000.00, paid 4 Jan 2027 (with the first paycheck); repaid in part (by the months not served) if you leave within 12 months of it.",
            "Cash = $200,000.00 + $20,000.00 + $20,000.00 = $240,000.00.",
        ]
    );
    let equity_working = &offer.years[0].equity.working;
    assert!(
        equity_working.contains(&"Year 1 (4 Jan 2027 – 3 Jan 2028; a vest on the anniversary counts in the year it ends): 100 on 4 Jan 2028.".to_string()),
        "{equity_working:#?}"
    );
    assert_eq!(
        equity_working.last().map(String::as_str),
        Some("Equity = 100 × $100.00 = $10,000.00.")
    );
    assert_eq!(
        offer.four_years.working,
        ["Years 1–4 = $250,000.00 + $230,000.00 + $230,000.00 + $230,000.00 = $940,000.00."]
    );
    assert_eq!(
        offer.total.working,
        ["Current job + years 1–4 = $21,156.16 + $940,000.00 = $961,156.16."]
    );
    assert!(
        offer.vs_stay.working[1]
            .starts_with("Against Stay = $961,156.16 − $813,156.16 = $148,000.00."),
        "{:?}",
        offer.vs_stay.working
    );
}

#[test]
fn the_issue_offer_as_json() {
    let wb = workbook(vec![issue_offer(1, d(2027, 1, 4))]);
    let value = serde_json::to_value(comparison_json(&compare(&wb, today(), &[]))).expect("json");
    // Without the current pay, Stay's cash and what the current job pays
    // until the start are unknown: null, never a made-up 0. The offer's own
    // four years are known.
    assert_eq!(
        value,
        json!([
            {"name": "Stay", "start": "2027-01-04", "current_job": null, "years": [
                {"year": 1, "cash": null, "equity": "0.00", "total": null},
                {"year": 2, "cash": null, "equity": "0.00", "total": null},
                {"year": 3, "cash": null, "equity": "0.00", "total": null},
                {"year": 4, "cash": null, "equity": "0.00", "total": null},
            ], "total_4y": null, "total": null, "vs_stay": "0.00"},
            {"name": "Northwind", "start": "2027-01-04", "current_job": null, "years": [
                {"year": 1, "cash": "240000.00", "equity": "10000.00", "total": "250000.00"},
                {"year": 2, "cash": "220000.00", "equity": "10000.00", "total": "230000.00"},
                {"year": 3, "cash": "220000.00", "equity": "10000.00", "total": "230000.00"},
                {"year": 4, "cash": "220000.00", "equity": "10000.00", "total": "230000.00"},
            ], "total_4y": "940000.00", "total": null, "vs_stay": null},
        ])
    );
}

#[test]
fn a_cliff_monthly_grant_rounds_as_the_vesting_tab_does() {
    // 1,001 shares at $40, 1-year cliff then monthly, from 2027-01-31 (month
    // ends clamp: the 13th vest is 2028-02-29). Cumulative 1,001 × m/48 rounded half-up:
    // m = 12: 250.25 → 250; m = 24: 500.5 → 501; m = 36: 750.75 → 751; m = 48: 1,001.
    // Years: 250, 501 − 250 = 251, 751 − 501 = 250, 1,001 − 751 = 250 shares,
    // × $40 = 10,000, 10,040, 10,000, 10,000.
    let start = d(2027, 1, 31);
    let offer = with_equity(
        plain_offer(1, dec!(150000), start),
        dec!(1001),
        dec!(40),
        OfferSchedule::CliffMonthly,
    );
    let wb = workbook(vec![offer.clone()]);
    let column = &compare(&wb, today(), &[]).columns[1];
    assert_eq!(
        amounts(column, equity),
        [dec!(10000), dec!(10040), dec!(10000), dec!(10000)].map(Some)
    );
    // The same grant entered on the Vesting tab vests the same shares.
    let grant = Grant {
        id: 1,
        name: "same".into(),
        ticker: "X".into(),
        shares: dec!(1001),
        grant_date: start,
        vest_start: start,
        schedule: Schedule::CliffMonthly,
        rounding: Rounding::HalfUp,
    };
    assert_eq!(grant.vested_by(d(2029, 1, 31)), dec!(501));
    assert_eq!(
        offer
            .equity
            .as_ref()
            .map(|e| e.grant("x", start).tranches()),
        Some(grant.tranches())
    );
    // Year 2 holds 12 vests, the first on the clamped 2028-02-29.
    assert!(
        column.years[1]
            .equity
            .working
            .iter()
            .any(|l| l.contains("251 in 12 vests from 29 Feb 2028 to 31 Jan 2029")),
        "{:#?}",
        column.years[1].equity.working
    );
}

#[test]
fn a_meta_quarterly_grant_starting_mid_quarter() {
    // 100 RSUs at $600, Meta-style, starting 2027-03-22 (between Feb 15 and
    // May 15): the first vest is the first quarterly date after the start,
    // 2027-05-15. Cumulative 100 × n/16 = 6.25n rounded half-up: 6, 12.5 → 13,
    // 18.75 → 19, 25: vests of 6, 7, 6, 6 in year 1 (to 2028-03-22), 25 shares
    // × $600 = 15,000 every year; the 16th vest is 2031-02-15, inside year 4.
    let start = d(2027, 3, 22);
    let offer = with_equity(
        plain_offer(1, dec!(150000), start),
        dec!(100),
        dec!(600),
        OfferSchedule::MetaQuarterly,
    );
    let column = &compare(&workbook(vec![offer]), today(), &[]).columns[1];
    assert_eq!(amounts(column, equity), [Some(dec!(15000)); 4]);
    let working = &column.years[0].equity.working;
    assert!(
        working.iter().any(|l| l.contains(
            "25 in 4 vests (6 on 15 May 2027, 7 on 15 Aug 2027, 6 on 15 Nov 2027, 6 on 15 Feb 2028)"
        )),
        "{working:#?}"
    );
    assert!(
        working
            .iter()
            .any(|l| l
                .contains("first on 2027-05-15 (the first quarterly date after the vest start)")),
        "{working:#?}"
    );
}

#[test]
fn options_are_valued_at_price_less_strike_and_labelled_illiquid() {
    // 1,000 options, strike $20, valued at $50, annual: 250 a year × (50 − 20) = 7,500.
    let mut offer = issue_offer(1, d(2027, 1, 4));
    offer.equity = Some(OfferEquity {
        shares: dec!(1000),
        price: dec!(50),
        value: None,
        strike: Some(dec!(20)),
        schedule: OfferSchedule::Annual,
    });
    let comparison = compare(&workbook(vec![offer.clone()]), today(), &[]);
    let column = &comparison.columns[1];
    assert!(column.illiquid);
    assert_eq!(amounts(column, equity), [Some(dec!(7500)); 4]);
    assert!(
        comparison
            .notes
            .iter()
            .any(|n| n.contains("Northwind's equity is options") && n.contains("illiquid")),
        "{:?}",
        comparison.notes
    );
    // Under water (strike $60 > price $50): worth nothing, never negative.
    if let Some(equity) = offer.equity.as_mut() {
        equity.strike = Some(dec!(60));
    }
    let column = &compare(&workbook(vec![offer]), today(), &[]).columns[1];
    assert_eq!(amounts(column, equity), [Some(Decimal::ZERO); 4]);
}

#[test]
fn a_year_two_sign_on_and_a_dearer_health_plan() {
    // Sign-on paid 12 months after the start belongs to year 2; a health plan
    // $150 a month dearer costs 12 × 150 = 1,800 a year.
    let mut offer = plain_offer(1, dec!(200000), d(2027, 1, 4));
    offer.sign_on = Some(OfferSignOn {
        amount: dec!(10000),
        paid_after_months: 12,
        clawback_months: 0,
        prorated: false,
    });
    offer.health_monthly = Some(dec!(150));
    let column = &compare(&workbook(vec![offer]), today(), &[]).columns[1];
    // 200,000 − 1,800 = 198,200; year 2: + 10,000 = 208,200.
    assert_eq!(
        amounts(column, cash),
        [dec!(198200), dec!(208200), dec!(198200), dec!(198200)].map(Some)
    );
    assert!(column.years[0].cash.working.contains(
        &"Health plan: $150.00 a month more than your current one × 12 = -$1,800.00.".to_string()
    ));
}

#[test]
fn stay_after_a_notice_ends_at_the_last_day_with_severance_and_vests_up_to_it() {
    let mut wb = workbook(vec![plain_offer(1, dec!(182500), d(2027, 1, 4))]);
    wb.pipeline.current_job = job(dec!(146000), Some(TargetBonus::Percent(dec!(0.10))));
    notice(&mut wb);
    amazon_grant(&mut wb);
    let comparison = compare(&wb, today(), &[]);
    let stay = &comparison.columns[0];
    // Stay ends at the last day, 2027-03-31: all it pays is its current-job
    // row, counted as an offer's is. Pay from today, 26 Nov 2026: 5 + 31 +
    // 31 + 28 + 31 = 126 days; 146,000 + 14,600 bonus = 160,600 a year = 440
    // a day; × 126 = 55,440. Severance 40,000 paid 2027-04-15. Vests up to
    // the last day: 20 AMZN on 2027-03-15 × 185.50 = 3,710; the 2027-09-15
    // vest comes after it and is not counted. 55,440 + 40,000 + 3,710 = 99,150.
    assert_eq!(stay.current.amount, Some(dec!(99150)));
    assert!(
        stay.current
            .working
            .iter()
            .any(|l| l.ends_with("$160,600.00 × 126/365 = $55,440.00.")),
        "{:#?}",
        stay.current.working
    );
    // Its years hold nothing, and say where the money is.
    assert_eq!(amounts(stay, cash), [dec!(0); 4].map(Some));
    assert_eq!(amounts(stay, equity), [dec!(0); 4].map(Some));
    assert_eq!(stay.four_years.amount, Some(dec!(0)));
    assert!(
        stay.years[0].cash.working.contains(
            &"Stay ends at your last day on payroll, 31 Mar 2027: what it pays is in the Current job row.".to_string()
        ),
        "{:#?}",
        stay.years[0].cash.working
    );
    assert_eq!(stay.total.amount, Some(dec!(99150)));
    // The offer starts before the last day: you leave on 3 Jan, with the
    // same 39 days of pay, 17,160, and resigning forfeits the severance (the
    // default) and the 15 Mar vest. Its own pay: 4 × 182,500 = 730,000.
    // Total 747,160; against Stay: 747,160 − 99,150 = 648,010.
    let offer = &comparison.columns[1];
    assert_eq!(offer.four_years.amount, Some(dec!(730000)));
    assert_eq!(offer.current.amount, Some(dec!(17160)));
    assert_eq!(offer.total.amount, Some(dec!(747160)));
    assert_eq!(offer.vs_stay.amount, Some(dec!(648010)));
    assert!(
        offer.current.working.contains(&"The severance ($40,000.00 before tax) is forfeited: this start comes before your last day on payroll and resigning then forfeits it (as set; the default).".to_string()),
        "{:#?}",
        offer.current.working
    );
    assert!(
        comparison.notes.iter().any(|n| n
            == "After your notice, Stay ends at your last day on payroll, 31 Mar 2027: it counts pay up to that day, the severance ($40,000.00 before tax, paid 15 Apr 2027) and the vests up to it."),
        "{:#?}",
        comparison.notes
    );
    assert!(
        comparison
            .notes
            .iter()
            .any(|n| n.starts_with("Northwind starts 4 Jan 2027, on or before your last day"))
    );
}

#[test]
fn an_offer_starting_after_the_last_day_keeps_the_severance_in_its_column_too() {
    // Starting 2027-04-01, the day after the last day: leaving is the layoff,
    // so the severance (40,000, paid 2027-04-15) is paid on either path.
    // Pay from today, 26 Nov 2026, through 31 Mar 2027: 5 + 31 + 31 + 28 +
    // 31 = 126 days × 400 (146,000 ÷ 365) = 50,400 in both columns.
    // Stay: its current-job row 50,400 + the severance = 90,400, all it
    // pays. The offer: its current-job row the same 90,400 (the severance it
    // keeps, shown where a person looks for it) + 4 × 182,500; against Stay
    // 820,400 − 90,400 = 730,000.
    let mut wb = workbook(vec![plain_offer(1, dec!(182500), d(2027, 4, 1))]);
    wb.pipeline.current_job = job(dec!(146000), None);
    notice(&mut wb);
    let comparison = compare(&wb, today(), &[]);
    let stay = &comparison.columns[0];
    assert_eq!(stay.current.amount, Some(dec!(90400)));
    assert_eq!(stay.total.amount, Some(dec!(90400)));
    let offer = &comparison.columns[1];
    assert_eq!(offer.current.amount, Some(dec!(90400)));
    assert_eq!(offer.years[0].cash.amount, Some(dec!(182500)));
    assert_eq!(offer.total.amount, Some(dec!(820400)));
    assert_eq!(offer.vs_stay.amount, Some(dec!(730000)));
}

#[test]
fn an_unpriced_grant_makes_stay_unknown_instead_of_counting_zero() {
    let mut wb = workbook(vec![issue_offer(1, d(2027, 1, 4))]);
    wb.pipeline.current_job = job(dec!(180000), None);
    amazon_grant(&mut wb);
    wb.vesting.prices.clear();
    let comparison = compare(&wb, today(), &[]);
    let stay = &comparison.columns[0];
    // AMZN vests 20 on 2027-03-15 and 20 on 2027-09-15 in year 1: no price, so unknown.
    assert_eq!(stay.years[0].equity.amount, None);
    assert_eq!(stay.total.amount, None);
    assert_eq!(comparison.columns[1].vs_stay.amount, None);
    assert!(
        stay.years[0]
            .equity
            .working
            .contains(&"Unknown until a price is entered for AMZN.".to_string())
    );
    // Year 4 (2030-01-04 ..) has no AMZN vest left (the last is 2028-03-15): known, zero.
    assert_eq!(stay.years[3].equity.amount, Some(Decimal::ZERO));
}

#[test]
fn a_moved_start_moves_the_column_and_stay_is_compared_over_the_same_years() {
    let mut wb = workbook(vec![
        plain_offer(1, dec!(182500), d(2027, 4, 1)),
        plain_offer(2, dec!(150000), d(2027, 6, 1)),
    ]);
    wb.pipeline.current_job = job(dec!(146000), None);
    notice(&mut wb);
    // Offer 2 moved to 2027-03-01 becomes the earliest: Stay counts from it.
    let comparison = compare(&wb, today(), &[(2, d(2027, 3, 1))]);
    let [stay, first, second] = comparison.columns.as_slice() else {
        panic!("three columns")
    };
    assert_eq!(
        (stay.start, first.start, second.start),
        (d(2027, 3, 1), d(2027, 4, 1), d(2027, 3, 1))
    );
    // Stay after the notice: from today, 26 Nov 2026, through the last day,
    // 31 Mar 2027, is 5 + 31 + 31 + 28 + 31 = 126 days × 400 (146,000 ÷ 365)
    // = 50,400, + 40,000 severance = 90,400, all in its current-job row
    // whichever start its years count from: nothing comes later.
    assert_eq!(stay.current.amount, Some(dec!(90400)));
    assert_eq!(stay.four_years.amount, Some(dec!(0)));
    assert_eq!(stay.total.amount, Some(dec!(90400)));
    // Offer 2 starts before the last day: leaving 28 Feb, 95 days of pay
    // (38,000) and the severance forfeited. 38,000 + 4 × 150,000 = 638,000;
    // − 90,400 = 547,600.
    assert_eq!(second.total.amount, Some(dec!(638000)));
    assert_eq!(second.vs_stay.amount, Some(dec!(547600)));
    // Offer 1 (from 2027-04-01): 50,400 pay + 40,000 kept severance +
    // 4 × 182,500 = 820,400; − 90,400 = 730,000. Each vs Stay is the
    // column's total less the Stay column's, as a person subtracts them.
    assert_eq!(first.vs_stay.amount, Some(dec!(730000)));
    for offer in [first, second] {
        assert_eq!(
            offer.vs_stay.amount,
            Some(offer.total.amount.expect("known") - stay.total.amount.expect("known"))
        );
    }
    // No note about Stay's span: after a notice there is one Stay total.
    assert!(
        !comparison
            .notes
            .iter()
            .any(|n| n.contains("The offers start on different days")),
        "{:#?}",
        comparison.notes
    );
}

/// The what-if workbook: a notice (last day 2027-03-31, $40,000 severance),
/// current pay $146,000 (400 a day), the Amazon grant, and an offer of
/// $182,500 (500 a day) saved to start 2027-04-01, the day after the last day.
fn early_start_workbook() -> Workbook {
    let mut wb = workbook(vec![plain_offer(1, dec!(182500), d(2027, 4, 1))]);
    wb.pipeline.current_job = job(dec!(146000), None);
    notice(&mut wb);
    amazon_grant(&mut wb);
    wb
}

fn change_of(report: &StartWhatIf, kind: ChangeKind) -> Option<Decimal> {
    report
        .changes
        .iter()
        .find(|c| c.kind == kind)
        .and_then(|c| c.figure.amount)
}

#[test]
fn an_early_start_that_forfeits_a_vest_and_the_severance() {
    let wb = early_start_workbook();
    let report = what_if(&wb, 1, d(2027, 3, 1), today()).expect("what-if");
    assert_eq!(
        (report.leave_saved, report.leave_new),
        (d(2027, 3, 31), d(2027, 2, 28))
    );
    // Gains: 2027-03-01 .. 2027-03-31 is 31 more days at 500 a day = 15,500.
    assert_eq!(change_of(&report, ChangeKind::OfferPay), Some(dec!(15500)));
    // Forfeits: 31 days of paid notice at 400 a day = 12,400; the severance,
    // 40,000, since leaving on 2027-02-28 is resigning; the 20 AMZN vesting on
    // 2027-03-15 × 185.50 = 3,710.
    assert_eq!(
        change_of(&report, ChangeKind::CurrentPay),
        Some(dec!(-12400))
    );
    assert_eq!(
        change_of(&report, ChangeKind::Severance),
        Some(dec!(-40000))
    );
    assert_eq!(change_of(&report, ChangeKind::Vests), Some(dec!(-3710)));
    assert_eq!(change_of(&report, ChangeKind::SignOn), Some(Decimal::ZERO));
    // Net: 15,500 − 12,400 − 40,000 − 3,710 = −40,610.
    assert_eq!(report.net.amount, Some(dec!(-40610)));
    let vests = &report.changes[3].figure.working;
    assert_eq!(
        vests,
        &[
            "Vests after 28 Feb 2027 up to and including 31 Mar 2027 are forfeited by leaving first:",
            "New-hire RSU (AMZN): 20 on 15 Mar 2027 × $185.50 = $3,710.00.",
        ]
    );
    // When resigning keeps the severance, only the pay and the vest differ:
    // 15,500 − 12,400 − 3,710 = −610.
    let mut keeps = early_start_workbook();
    keeps.runway.resigning_forfeits_severance = false;
    let report = what_if(&keeps, 1, d(2027, 3, 1), today()).expect("what-if");
    assert_eq!(
        change_of(&report, ChangeKind::Severance),
        Some(Decimal::ZERO)
    );
    assert_eq!(report.net.amount, Some(dec!(-610)));
    assert!(report.changes[2].figure.working[0].contains("keeps the severance (as set)"));
}

#[test]
fn moving_the_start_back_mirrors_moving_it_forward() {
    // Saved on 2027-03-01, moved to 2027-04-01: every change of the test above, reversed.
    let mut wb = early_start_workbook();
    wb.pipeline.offers[0].start = d(2027, 3, 1);
    let report = what_if(&wb, 1, d(2027, 4, 1), today()).expect("what-if");
    assert_eq!(report.net.amount, Some(dec!(40610)));
    assert_eq!(change_of(&report, ChangeKind::Vests), Some(dec!(3710)));
    // Not moving changes nothing.
    let same = what_if(&wb, 1, d(2027, 3, 1), today()).expect("what-if");
    assert_eq!(same.net.amount, Some(Decimal::ZERO));
}

#[test]
fn leaving_after_seven_of_twelve_months_repays_five_twelfths_of_a_sign_on() {
    // The current employer paid $30,000 on 2026-06-15 with a prorated 12-month
    // clawback, waived for an eliminated role. Waiting for the last day,
    // 2027-06-30, serves the whole term: kept. Starting 2027-01-16 means
    // leaving 2027-01-15, after 7 full months, by resigning (no waiver):
    // 30,000 × (12 − 7)/12 = 12,500 repaid.
    let mut wb = workbook(vec![plain_offer(1, dec!(182500), d(2027, 7, 1))]);
    wb.pipeline.current_job = job(dec!(146000), None);
    wb.runway.separation = Some(d(2027, 6, 30));
    wb.vesting.role_eliminated = true;
    wb.vesting.sign_on_bonuses.push(SignOnBonus {
        id: 80,
        name: "Sign-on".into(),
        gross: dec!(30000),
        paid: d(2026, 6, 15),
        clawback_months: 12,
        prorated: true,
        waived_if_eliminated: true,
    });
    let report = what_if(&wb, 1, d(2027, 1, 16), today()).expect("what-if");
    assert_eq!(change_of(&report, ChangeKind::SignOn), Some(dec!(-12500)));
    let working = &report.changes[4].figure.working;
    assert!(
        working
            .iter()
            .any(|l| l.contains("7 full month(s) served by 2027-01-15")
                && l.contains("prorated: $30,000.00 × (12 − 7)/12 = $12,500.00")),
        "{working:#?}"
    );
    assert!(
        working
            .iter()
            .any(|l| l.contains("a waiver for an eliminated role is not counted"))
    );
    // An offer's own sign-on follows the same rule: $20,000 paid on a
    // 2027-01-04 start, leaving 2027-08-04 after 7 months: 20,000 × 5/12 =
    // 8,333.33 (8,333.333… half-up to cents).
    let sign_on = issue_offer(1, d(2027, 1, 4)).sign_on.expect("sign-on");
    let bonus = sign_on.as_bonus("Northwind sign-on", d(2027, 1, 4));
    assert_eq!(bonus.repayment(d(2027, 8, 4)), dec!(8333.33));
}

#[test]
fn a_dated_bonus_is_missed_by_leaving_before_its_date() {
    use crate::domain::vesting::{BonusKind, DatedBonus};
    let mut wb = early_start_workbook();
    wb.vesting.dated_bonuses.push(DatedBonus {
        id: 81,
        name: "Retention".into(),
        gross: dec!(15000),
        kind: BonusKind::Retention,
        must_be_employed_on: d(2027, 3, 1),
        pay_date: Some(d(2027, 3, 15)),
    });
    // Leaving 2027-02-28 misses the 2027-03-01 date: −15,000.
    let report = what_if(&wb, 1, d(2027, 3, 1), today()).expect("what-if");
    assert_eq!(
        change_of(&report, ChangeKind::DatedBonuses),
        Some(dec!(-15000))
    );
    // Starting 2027-03-02 (leaving 2027-03-01) keeps it.
    let report = what_if(&wb, 1, d(2027, 3, 2), today()).expect("what-if");
    assert_eq!(
        change_of(&report, ChangeKind::DatedBonuses),
        Some(Decimal::ZERO)
    );
}

#[test]
fn the_what_if_needs_the_current_pay_only_when_the_leaving_day_moves() {
    let mut wb = early_start_workbook();
    wb.pipeline.current_job = None;
    let report = what_if(&wb, 1, d(2027, 3, 1), today()).expect("what-if");
    assert_eq!(change_of(&report, ChangeKind::CurrentPay), None);
    assert_eq!(report.net.amount, None);
    // Both starts after the last day: the leaving day is the last day either way.
    let report = what_if(&wb, 1, d(2027, 5, 1), today()).expect("what-if");
    assert_eq!(
        change_of(&report, ChangeKind::CurrentPay),
        Some(Decimal::ZERO)
    );
    // 30 fewer days at 500: −15,000.
    assert_eq!(report.net.amount, Some(dec!(-15000)));
    assert_eq!(
        what_if(&wb, 9, d(2027, 5, 1), today()).map_err(|e| e.field),
        Err("id")
    );
    // A start before today would mean leaving before it too: refused.
    let err = what_if(&wb, 1, d(1900, 1, 1), today()).unwrap_err();
    assert_eq!(err.field, "start");
    assert!(
        err.message.starts_with("1900-01-01 is before today"),
        "{err}"
    );
    assert!(
        what_if(&wb, 1, today(), today()).is_ok(),
        "today itself is fine"
    );
}

#[test]
fn accepting_sets_the_new_job_and_moves_the_application() {
    // Net monthly pay: 200,000 × (1 − 0.2965) ÷ 12 = 140,700 ÷ 12 = 11,725.00.
    let mut wb = workbook(vec![issue_offer(0, d(2027, 1, 4))]);
    wb.pipeline.offers.clear();
    let mut add = Edit::Add(
        Application::new(0, "Northwind", "Staff SRE", Stage::Offer, d(2026, 11, 20)).into(),
    );
    add.apply(&mut wb, today()).expect("application");
    let mut offer = issue_offer(0, d(2027, 1, 4));
    offer.application = Some(1);
    Edit::Add(offer.into())
        .apply(&mut wb, today())
        .expect("offer");
    let acceptance = accept(&wb, 2, today()).expect("accept");
    assert_eq!(
        acceptance.new_job,
        crate::domain::runway::NewJob {
            start: d(2027, 1, 4),
            monthly_net: dec!(11725.00),
            offer: Some(2),
        }
    );
    assert_eq!(acceptance.moves, Some(1));
    let mut edit = acceptance.edit;
    let undo = edit.apply(&mut wb, today()).expect("applies");
    assert_eq!(wb.runway.new_job, Some(acceptance.new_job.clone()));
    assert_eq!(wb.pipeline.applications[0].stage, Stage::Accepted);
    // One edit: one undo puts both back.
    let mut undo = undo;
    undo.apply(&mut wb, today()).expect("undo");
    assert_eq!(wb.runway.new_job, None);
    assert_eq!(wb.pipeline.applications[0].stage, Stage::Offer);
    assert!(acceptance.working[1].contains("× (1 − 29.65% withholding) ÷ 12 = $11,725.00"));
    // No notice: nothing about leaving early.
    assert_eq!(acceptance.working.len(), 3);
}

#[test]
fn offers_are_checked_before_saving() {
    let good = issue_offer(1, d(2027, 1, 4));
    assert_eq!(good.validate(), Ok(()));
    let field = |offer: Offer| offer.validate().map_err(|e| e.field);
    assert_eq!(
        field(Offer {
            company: " ".into(),
            ..good.clone()
        }),
        Err("company")
    );
    assert_eq!(
        field(Offer {
            base: dec!(0),
            ..good.clone()
        }),
        Err("base")
    );
    assert_eq!(
        field(Offer {
            bonus: Some(TargetBonus::Percent(dec!(11))),
            ..good.clone()
        }),
        Err("bonus")
    );
    let mut no_term = good.clone();
    if let Some(s) = no_term.sign_on.as_mut() {
        s.clawback_months = 0;
    }
    assert_eq!(field(no_term), Err("clawback_months"));
    let mut negative_strike = good.clone();
    if let Some(e) = negative_strike.equity.as_mut() {
        e.strike = Some(dec!(-1));
    }
    assert_eq!(field(negative_strike), Err("strike"));
    assert_eq!(
        OfferSchedule::parse("Cliff-Monthly"),
        Ok(OfferSchedule::CliffMonthly)
    );
    assert!(
        OfferSchedule::parse("custom")
            .unwrap_err()
            .contains("choose one of: annual, amazon, cliff_monthly")
    );
    assert!(
        OfferSchedule::parse("weekly")
            .unwrap_err()
            .contains("choose one of: annual, amazon")
    );
}

#[test]
fn an_offer_survives_the_file_and_leaves_empty_parts_out() {
    let offer = issue_offer(1, d(2027, 1, 4));
    let text = ron::to_string(&offer).expect("ron");
    assert_eq!(ron::from_str::<Offer>(&text).expect("back"), offer);
    let plain = plain_offer(2, dec!(150000), d(2027, 1, 4));
    let text = ron::to_string(&plain).expect("ron");
    for absent in [
        "bonus",
        "sign_on",
        "equity",
        "health_monthly",
        "application",
    ] {
        assert!(!text.contains(absent), "{absent} in {text}");
    }
    // An empty pipeline writes neither list nor current job.
    let text = ron::to_string(&crate::domain::pipeline::Pipeline::default()).expect("ron");
    assert!(
        !text.contains("offers") && !text.contains("current_job"),
        "{text}"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_start() -> impl Strategy<Value = NaiveDate> {
        // Any day from 2020 to 2035, month ends and leap days included.
        (0i64..5844).prop_map(|n| d(2020, 1, 1) + chrono::Duration::days(n))
    }

    fn start_from_today() -> impl Strategy<Value = NaiveDate> {
        // A what-if start is today or later: any day of the nine years from today.
        (0i64..3300).prop_map(|n| today() + chrono::Duration::days(n))
    }

    proptest! {
        /// Every schedule vests the whole grant within the four years from
        /// the start, so the years' equity adds up to shares × value.
        #[test]
        fn four_years_of_equity_add_up_to_the_whole_grant(
            start in any_start(),
            shares in 1u32..100_000,
            cents in 1u32..100_000,
            schedule in proptest::sample::select(OfferSchedule::ALL.to_vec()),
        ) {
            let price = Decimal::new(i64::from(cents), 2);
            let offer = with_equity(
                plain_offer(1, dec!(100000), start),
                Decimal::from(shares),
                price,
                schedule,
            );
            let column = &compare(&workbook(vec![offer]), today(), &[]).columns[1];
            let equity: Decimal = column.years.iter().filter_map(|y| y.equity.amount).sum();
            prop_assert_eq!(equity, Decimal::from(shares) * price);
        }

        /// Moving a start and moving it back are mirror images, item by item.
        #[test]
        fn a_move_and_its_reverse_mirror_each_other(a in start_from_today(), b in start_from_today()) {
            let mut wb = early_start_workbook();
            wb.pipeline.offers[0].start = a;
            let forth = what_if(&wb, 1, b, today()).expect("what-if");
            wb.pipeline.offers[0].start = b;
            let back = what_if(&wb, 1, a, today()).expect("what-if");
            for (f, r) in forth.changes.iter().zip(&back.changes) {
                prop_assert_eq!(f.figure.amount.map(|x| -x), r.figure.amount, "{:?}", f.kind);
            }
        }
    }
}

#[test]
fn saving_the_accepted_offers_start_or_pay_keeps_the_new_job_in_step() {
    // Accepting records offer #1 in the new job: 4 Jan 2027, 200,000 ×
    // (1 − 0.2965) ÷ 12 = 11,725.00 a month.
    let mut wb = workbook(vec![issue_offer(1, d(2027, 1, 4))]);
    let mut accepting = accept(&wb, 1, today()).expect("accept").edit;
    accepting.apply(&mut wb, today()).expect("applies");
    assert_eq!(accepted_offer(&wb).map(|o| o.id), Some(1));
    let before = wb.pipeline.offers[0].clone();
    // A new start moves the new job's start; the pay set (by hand, say) stays.
    wb.runway.new_job.as_mut().expect("job").monthly_net = dec!(11000);
    let later = Offer {
        start: d(2027, 2, 1),
        ..before.clone()
    };
    let mut edit = save_offer(&wb, &before, later);
    let undo = edit.apply(&mut wb, today()).expect("saves");
    let job = wb.runway.new_job.clone().expect("job");
    assert_eq!(
        (job.start, job.monthly_net, job.offer),
        (d(2027, 2, 1), dec!(11000), Some(1))
    );
    assert_eq!(accepted_offer(&wb).map(|o| o.id), Some(1), "still accepted");
    // One undo reverts both.
    undo.clone().apply(&mut wb, today()).expect("undo");
    assert_eq!(wb.pipeline.offers[0].start, d(2027, 1, 4));
    assert_eq!(
        wb.runway.new_job.as_ref().map(|j| j.start),
        Some(d(2027, 1, 4))
    );
    // A new base works the pay out again: 240,000 × 0.7035 ÷ 12 = 14,070.00.
    let before = wb.pipeline.offers[0].clone();
    let raised = Offer {
        base: dec!(240000),
        ..before.clone()
    };
    save_offer(&wb, &before, raised)
        .apply(&mut wb, today())
        .expect("saves");
    assert_eq!(
        wb.runway.new_job.as_ref().map(|j| j.monthly_net),
        Some(dec!(14070.00))
    );
    // Another offer's edit leaves the new job alone: a plain update.
    let other = plain_offer(2, dec!(150000), d(2027, 3, 1));
    let moved = Offer {
        start: d(2027, 3, 8),
        ..other.clone()
    };
    assert!(matches!(save_offer(&wb, &other, moved), Edit::Update(_)));
}

#[test]
fn an_older_file_without_the_record_still_finds_the_accepted_offer_by_start_and_pay() {
    // The new job as written before it named its offer: start and pay only.
    let mut wb = workbook(vec![issue_offer(1, d(2027, 1, 4))]);
    let text = r#"(start: "2027-01-04", monthly_net: "11725.00")"#;
    wb.runway.new_job = Some(ron::from_str(text).expect("reads without `offer`"));
    assert_eq!(accepted_offer(&wb).map(|o| o.id), Some(1));
}

/// The newcomer trial, in round figures: today 3 Dec 2026, the last day on
/// payroll 30 Jan 2027 with $40,000 severance paid that day, current pay
/// $146,000 (400 a day); Northwind ($182,500) starts 11 Jan, before the
/// last day; Helix ($150,000) starts 1 Mar, after it.
fn two_offers_after_a_notice() -> Workbook {
    let mut wb = workbook(vec![
        plain_offer(1, dec!(182500), d(2027, 1, 11)),
        Offer {
            company: "Helix".into(),
            ..plain_offer(2, dec!(150000), d(2027, 3, 1))
        },
    ]);
    wb.pipeline.current_job = job(dec!(146000), None);
    wb.runway.separation = Some(d(2027, 1, 30));
    wb.runway.severance = Some(Severance::Entered {
        gross: dec!(40000),
        pay_date: d(2027, 1, 30),
        weeks: None,
        annual_base: None,
    });
    wb
}

#[test]
fn what_each_offer_keeps_or_forfeits_is_in_its_column_and_columns_subtract() {
    let wb = two_offers_after_a_notice();
    let today = d(2026, 12, 3);
    let comparison = compare(&wb, today, &[]);
    let [stay, northwind, helix] = comparison.columns.as_slice() else {
        panic!("three columns")
    };
    // Stay, to the last day, 30 Jan: 3 Dec – 30 Jan is 29 + 30 = 59 days ×
    // 400 = 23,600, + the 40,000 severance = 63,600, all in its current-job
    // row; its years hold nothing.
    assert_eq!(stay.current.amount, Some(dec!(63600)));
    assert_eq!(stay.four_years.amount, Some(dec!(0)));
    assert_eq!(stay.total.amount, Some(dec!(63600)));
    // Northwind: leaving 10 Jan, the same 15,600 of pay; the severance is
    // forfeited. 15,600 + 4 × 182,500 = 745,600; − 63,600 = 682,000.
    assert_eq!(northwind.current.amount, Some(dec!(15600)));
    assert_eq!(northwind.total.amount, Some(dec!(745600)));
    assert_eq!(northwind.vs_stay.amount, Some(dec!(682000)));
    // Helix: leaving at the layoff, 30 Jan: 3 Dec – 30 Jan is 59 days × 400
    // = 23,600, + the 40,000 severance it keeps = 63,600 (all Stay has).
    // 63,600 + 4 × 150,000 = 663,600; − 63,600 = 600,000.
    assert_eq!(helix.current.amount, Some(dec!(63600)));
    assert_eq!(helix.total.amount, Some(dec!(663600)));
    assert_eq!(helix.vs_stay.amount, Some(dec!(600000)));
    assert!(
        helix.current.working.contains(
            &"Severance $40,000.00 before tax ($40,000.00 as entered), paid 30 Jan 2027."
                .to_string()
        ),
        "{:#?}",
        helix.current.working
    );
    // The trade-off, read off the current-job row: Stay and Helix 63,600,
    // Northwind 15,600: 48,000 that starting Northwind on 11 Jan gives up.
    // Its what-if to 31 Jan: offer pay −20 days × 500 = −10,000; current pay
    // +20 × 400 = +8,000; severance +40,000: net +38,000. In the table,
    // vs Stay moves by 38,000 + 10,000 = +48,000 (four full years of the
    // offer either way): 730,000.
    let report = what_if(&wb, 1, d(2027, 1, 31), today).expect("what-if");
    assert_eq!(report.net.amount, Some(dec!(38000)));
    assert!(
        report.net.working.contains(
            &"In the Offers table this start moves vs Stay by +$48,000.00: the table counts four full years of the offer from either start, so the offer's pay for the days moved (-$10,000.00) is not lost there.".to_string()
        ),
        "{:#?}",
        report.net.working
    );
    let moved = compare(&wb, today, &[(1, d(2027, 1, 31))]);
    assert_eq!(
        moved.columns[0].total.amount,
        Some(dec!(63600)),
        "Stay holds"
    );
    assert_eq!(moved.columns[1].vs_stay.amount, Some(dec!(730000)));
}
