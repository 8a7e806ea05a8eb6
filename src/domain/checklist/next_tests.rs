//! The next actions and their ranking, on a workbook worked out by hand.
//! "Today" is Thursday 2026-11-26; its week runs to Sunday Nov 29, and
//! "this week" for the ranking runs to Thursday Dec 3 (today + 7 days).

use super::*;
use crate::domain::checklist::RunwayFigure;
use crate::domain::checklist::deadlines::deadlines;
use crate::domain::checklist::{LayoffNotice, NowBook};
use crate::domain::pipeline::{Application, Contact, Pipeline, Relationship, Stage};
use crate::domain::runway::{RunwayPlan, Severance, UnemploymentBenefit};
use crate::domain::vesting::{Grant, Price, Rounding, Schedule, VestingBook};
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn today() -> NaiveDate {
    d(2026, 11, 26)
}

fn grant(id: u64, name: &str, shares: Decimal, start: NaiveDate) -> Grant {
    Grant {
        id,
        name: name.into(),
        ticker: "AMZN".into(),
        shares,
        grant_date: start,
        vest_start: start,
        schedule: Schedule::Amazon,
        rounding: Rounding::HalfUp,
    }
}

/// Notice 2026-11-12 with 21 days to review (closes Dec 3); last day on
/// payroll 2027-02-09; severance $30,000 gross; benefit $450 a week.
/// Grants (Amazon 5/15/40/40, AMZN at $200):
/// - "New hire", 100 from 2024-03-15: 5 + 15 + 20 vested by the last day
///   (2025-03-15, 2026-03-15, 2026-09-15); 60 forfeited = $12,000;
/// - "Refresher", 200 from 2025-12-10: 5% = 10 vest 2026-12-10, before the
///   last day ($2,000); 190 forfeited = $38,000.
///
/// So leaving 2027-02-09 forfeits 60 + 190 = 250 shares, $50,000; the next
/// vest after it is New hire's 2027-03-15, 20 shares = $4,000.
fn workbook() -> Workbook {
    let now = NowBook {
        notice: Some(LayoffNotice {
            date: d(2026, 11, 12),
            review_days: Some(21),
            cover_ends: None,
        }),
        ..NowBook::default()
    };
    let runway = RunwayPlan {
        separation: Some(d(2027, 2, 9)),
        severance: Some(Severance::Entered {
            gross: dec!(30000),
            pay_date: d(2027, 2, 20),
            weeks: None,
            annual_base: None,
        }),
        benefit: Some(UnemploymentBenefit {
            weekly_amount: dec!(450),
            weeks: 26,
            first_payment: d(2027, 2, 23),
            waits_for_severance: false,
        }),
        ..RunwayPlan::default()
    };
    let vesting = VestingBook {
        grants: vec![
            grant(1, "New hire", dec!(100), d(2024, 3, 15)),
            grant(2, "Refresher", dec!(200), d(2025, 12, 10)),
        ],
        prices: vec![Price {
            id: 3,
            ticker: "AMZN".into(),
            price: dec!(200),
            as_of: d(2026, 11, 20),
        }],
        ..VestingBook::default()
    };
    // Follow-up overdue since Nov 20; another due today; a contact due Nov 25.
    let mut overdue = Application::new(10, "Acme", "SRE", Stage::Applied, d(2026, 11, 2));
    overdue.follow_up = Some(d(2026, 11, 20));
    let mut today_app = Application::new(11, "Globex", "Architect", Stage::Applied, d(2026, 11, 2));
    today_app
        .move_to(Stage::Interviewing, d(2026, 11, 18))
        .expect("move");
    today_app.follow_up = Some(today());
    let mut priya = Contact::new(12, "Priya Shah", Relationship::Recruiter);
    priya.next_touch = Some(d(2026, 11, 25));
    let pipeline = Pipeline {
        applications: vec![overdue, today_app],
        contacts: vec![priya],
        ..Pipeline::default()
    };
    Workbook {
        now,
        runway,
        vesting,
        pipeline,
        ..Workbook::default()
    }
}

fn offer(attention: bool) -> OfferNeeded {
    OfferNeeded {
        by: d(2027, 6, 30),
        zero_date: d(2027, 9, 30),
        months: 3,
        past_screening: usize::from(!attention),
        attention,
    }
}

fn actions_on(wb: &Workbook, on: NaiveDate, offer: &OfferNeeded) -> Vec<NextAction> {
    // The offer date stands for a runway worked out elsewhere.
    let runway = RunwayFigure::Lasts {
        horizon_end: d(2036, 11, 1),
    };
    let deadlines = deadlines(&wb.now, wb.runway.separation);
    next_actions(wb, on, &runway, &deadlines, Some(offer))
}

fn summary(actions: &[NextAction]) -> Vec<(ActionKind, NaiveDate, Option<Decimal>)> {
    actions
        .iter()
        .map(|a| (a.kind, a.date, a.at_stake))
        .collect()
}

#[test]
fn this_week_comes_first_by_money_at_stake_then_everything_later_by_date() {
    let actions = actions_on(&workbook(), today(), &offer(false));
    use ActionKind as K;
    assert_eq!(
        summary(&actions),
        vec![
            // This week (to Dec 3), money lost if missed, largest first:
            // the forfeited shares, asked for before the review window closes…
            (K::ForfeitedVest, d(2026, 12, 3), Some(dec!(50000.00))),
            // … and the severance itself.
            (K::SeveranceReview, d(2026, 12, 3), Some(dec!(30000.00))),
            // Then the routine, oldest first; the win is due by Sunday.
            (K::FollowUp, d(2026, 11, 20), None),
            (K::ContactDue, d(2026, 11, 25), None),
            (K::FollowUp, d(2026, 11, 26), None),
            (K::NoWin, d(2026, 11, 29), None),
            // Later, by date: the Refresher's 10 shares × $200 before the last day.
            (K::Vest, d(2026, 12, 10), Some(dec!(2000.00))),
            (K::Separation, d(2027, 2, 9), None),
            // Feb 9 + 7 days; a week late costs a week of benefit.
            (K::Unemployment, d(2027, 2, 16), Some(dec!(450))),
            // Assumed: the end of the separation month; + 60 days = Apr 29.
            (K::CoverEnds, d(2027, 2, 28), None),
            (K::Cobra, d(2027, 4, 29), None),
            (K::Aca, d(2027, 4, 29), None),
            (K::OfferNeeded, d(2027, 6, 30), None),
        ]
    );
    let forfeited = &actions[0];
    assert_eq!(
        forfeited.title,
        "Ask for a later last day: 250 shares forfeited"
    );
    assert_eq!(
        forfeited.why,
        "Leaving 9 Feb 2027 forfeits 250 unvested shares (worth $50,000.00). The next vest \
         after it is 15 Mar 2027 (20 shares, $4,000.00): a last day on or after it keeps \
         those; each later vest needs a later day. Ask before the severance review window closes (3 Dec 2026)."
    );
    assert_eq!(forfeited.record, Some((Kind::Grant, 1)));
    assert!(
        actions[1]
            .why
            .contains("unsigned, the severance ($30,000.00 gross) is not paid"),
        "{}",
        actions[1].why
    );
    assert_eq!(actions[2].record, Some((Kind::Application, 10)));
    assert_eq!(actions[3].record, Some((Kind::Contact, 12)));
    assert!(actions[11].why.contains("Assumed"), "{}", actions[11].why);
    // Each deadline names the tab whose input meets it: the last day is the
    // Vesting tab's what-if, the others are runway inputs.
    let tabs: Vec<(ActionKind, Tab)> = actions
        .iter()
        .filter(|a| a.kind.deadline().is_some())
        .map(|a| (a.kind, a.tab))
        .collect();
    assert_eq!(
        tabs,
        [
            (K::SeveranceReview, Tab::Runway),
            (K::Separation, Tab::Vesting),
            (K::Unemployment, Tab::Runway),
            (K::CoverEnds, Tab::Runway),
            (K::Cobra, Tab::Runway),
            (K::Aca, Tab::Runway),
        ]
    );
}

#[test]
fn an_offer_the_pipeline_cannot_reach_joins_this_week_after_the_money() {
    let actions = actions_on(&workbook(), today(), &offer(true));
    let kinds: Vec<ActionKind> = actions.iter().take(4).map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        [
            ActionKind::ForfeitedVest,
            ActionKind::SeveranceReview,
            ActionKind::OfferNeeded,
            ActionKind::FollowUp
        ]
    );
    assert!(actions[2].attention);
    assert!(actions[2].this_week(today()));
}

#[test]
fn on_the_last_day_the_benefit_outranks_the_separation_and_passed_deadlines_go() {
    // 2027-02-09: the review window (Dec 3) has passed and is left out; the
    // forfeited shares are now asked for by the last day itself. This week
    // runs to Feb 16: the benefit ($450 a week) before the separation (no
    // amount), both after the $50,000 of shares.
    let actions = actions_on(&workbook(), d(2027, 2, 9), &offer(false));
    let first: Vec<(ActionKind, NaiveDate)> =
        actions.iter().take(3).map(|a| (a.kind, a.date)).collect();
    assert_eq!(
        first,
        [
            (ActionKind::ForfeitedVest, d(2027, 2, 9)),
            (ActionKind::Unemployment, d(2027, 2, 16)),
            (ActionKind::Separation, d(2027, 2, 9)),
        ]
    );
    assert!(
        !actions
            .iter()
            .any(|a| a.kind == ActionKind::SeveranceReview)
    );
    assert!(actions[0].why.ends_with("Ask before your last day."));
}

#[test]
fn without_a_last_day_the_next_30_days_of_vests_are_listed_and_nothing_is_forfeited() {
    let mut wb = workbook();
    wb.runway.separation = None;
    wb.runway.severance = None;
    let actions = actions_on(&wb, today(), &offer(false));
    let vests: Vec<(ActionKind, NaiveDate)> = actions
        .iter()
        .filter(|a| matches!(a.kind, ActionKind::Vest | ActionKind::ForfeitedVest))
        .map(|a| (a.kind, a.date))
        .collect();
    // Dec 10 is 14 days ahead; the next one, 2027-03-15, is past 30 days.
    assert_eq!(vests, [(ActionKind::Vest, d(2026, 12, 10))]);
    let review = actions
        .iter()
        .find(|a| a.kind == ActionKind::SeveranceReview)
        .expect("the review window is still a deadline");
    assert_eq!(review.at_stake, None, "no severance entered: unknown");
    assert!(review.why.contains("unsigned, the severance is not paid"));
}

#[test]
fn json_has_the_documented_fields_with_money_as_a_string_or_null() {
    let actions = actions_on(&workbook(), today(), &offer(false));
    let json = serde_json::to_value(NextActionJson::from(&actions[0])).expect("json");
    assert_eq!(
        json,
        serde_json::json!({
            "date": "2026-12-03",
            "title": "Ask for a later last day: 250 shares forfeited",
            "why": actions[0].why,
            "at_stake": "50000.00",
            "kind": "forfeited_vest",
            "attention": false,
        })
    );
    let routine = serde_json::to_value(NextActionJson::from(&actions[2])).expect("json");
    assert_eq!(routine["at_stake"], serde_json::Value::Null);
    assert_eq!(routine["kind"], "follow_up");
}

#[test]
fn without_cash_or_spending_the_runway_inputs_are_an_action_for_today() {
    let wb = workbook();
    let runway = RunwayFigure::NotEntered(vec!["your cash accounts", "your monthly spending"]);
    let actions = next_actions(
        &wb,
        today(),
        &runway,
        &deadlines(&wb.now, wb.runway.separation),
        None,
    );
    let inputs = actions
        .iter()
        .find(|a| a.kind == ActionKind::RunwayInputs)
        .expect("asked for");
    assert_eq!(
        inputs.title,
        "Enter your cash accounts and your monthly spending"
    );
    assert_eq!((inputs.date, inputs.tab), (today(), Tab::Runway));
    assert!(inputs.this_week(today()));
}

/// The workbook above with a $25,000 sign-on paid 2026-04-09, 12 months'
/// prorated clawback: leaving 2027-02-09 serves 10 months, so
/// 25,000 × 2/12 = 4,166.666… → $4,166.67 is owed.
fn with_sign_on(role_eliminated: bool) -> Workbook {
    let mut wb = workbook();
    wb.vesting
        .sign_on_bonuses
        .push(crate::domain::vesting::SignOnBonus {
            id: 20,
            name: "Sign-on".into(),
            gross: dec!(25000),
            paid: d(2026, 4, 9),
            clawback_months: 12,
            prorated: true,
            waived_if_eliminated: false,
        });
    wb.vesting.role_eliminated = role_eliminated;
    wb
}

#[test]
fn a_clawback_owed_on_an_eliminated_role_asks_for_a_waiver_before_signing() {
    let actions = actions_on(&with_sign_on(true), today(), &offer(false));
    let money: Vec<(ActionKind, NaiveDate, Option<Decimal>)> =
        summary(&actions).into_iter().take(3).collect();
    // This week, money lost if missed, largest first: $50,000 of shares,
    // $30,000 of severance, then the $4,166.67 clawback, all asked for
    // before the review window closes on Dec 3.
    assert_eq!(
        money,
        vec![
            (
                ActionKind::ForfeitedVest,
                d(2026, 12, 3),
                Some(dec!(50000.00))
            ),
            (
                ActionKind::SeveranceReview,
                d(2026, 12, 3),
                Some(dec!(30000.00))
            ),
            (ActionKind::Clawback, d(2026, 12, 3), Some(dec!(4166.67))),
        ]
    );
    let clawback = &actions[2];
    assert_eq!(
        clawback.title,
        "Ask HR to waive the $4,166.67 sign-on clawback: the role is eliminated"
    );
    assert_eq!(
        clawback.why,
        "Leaving 9 Feb 2027 repays $4,166.67 of “Sign-on”: $25,000.00 × 2/12 (2 of its 12 \
         months not served). Employers often waive it when they eliminate the role; have the \
         waiver written into the severance agreement. Ask before the severance review window \
         closes (3 Dec 2026)."
    );
    assert_eq!(
        (clawback.tab, clawback.record),
        (Tab::Vesting, Some((Kind::SignOn, 20)))
    );
}

#[test]
fn a_clawback_owed_otherwise_is_a_plain_deadline_on_the_last_day() {
    let actions = actions_on(&with_sign_on(false), today(), &offer(false));
    let clawback = actions
        .iter()
        .find(|a| a.kind == ActionKind::Clawback)
        .expect("listed");
    assert_eq!(
        (clawback.date, clawback.at_stake),
        (d(2027, 2, 9), Some(dec!(4166.67)))
    );
    assert_eq!(
        clawback.title,
        "Sign-on clawback due: $4,166.67 on your last day"
    );
    // The term ends 2026-04-09 + 12 months = 2027-04-09.
    assert!(
        clawback
            .why
            .ends_with("A last day on or after 9 Apr 2027 owes nothing."),
        "{}",
        clawback.why
    );
    // Later, by date: it comes with the separation on Feb 9, money first.
    let feb_9: Vec<ActionKind> = actions
        .iter()
        .filter(|a| a.date == d(2027, 2, 9))
        .map(|a| a.kind)
        .collect();
    assert_eq!(feb_9, [ActionKind::Clawback, ActionKind::Separation]);
}

/// The workbook above with the current job at $146,000 a year and an offer
/// from Acme at $182,500 starting 2027-02-01, before the last day
/// (2027-02-09). Starting on 2027-02-10 instead, as the what-if works it:
/// - the offer's pay for 9 days fewer: 182,500 × 9/365 = −$4,500.00;
/// - the current pay for 9 days more (leaving Feb 9, not Jan 31):
///   146,000 × 9/365 = +$3,600.00;
/// - the severance kept (resigning forfeits it, the default): +$30,000.00;
/// - no vest, sign-on or dated bonus between Jan 31 and Feb 9: 0.
///
/// Net: −4,500 + 3,600 + 30,000 = $29,100.00 in favour of the later start.
fn with_an_early_offer() -> Workbook {
    let mut wb = workbook();
    wb.pipeline.current_job = Some(crate::domain::offers::CurrentJob {
        base: dec!(146000),
        bonus: None,
    });
    wb.pipeline.offers.push(crate::domain::offers::Offer {
        id: 30,
        company: "Acme".into(),
        role: None,
        application: None,
        base: dec!(182500),
        bonus: None,
        sign_on: None,
        equity: None,
        start: d(2027, 2, 1),
        health_monthly: None,
    });
    wb
}

#[test]
fn before_accepting_an_offer_that_starts_before_the_last_day_points_at_the_what_if() {
    let actions = actions_on(&with_an_early_offer(), today(), &offer(false));
    let money: Vec<(ActionKind, NaiveDate, Option<Decimal>)> =
        summary(&actions).into_iter().take(3).collect();
    // This week, money lost if missed, largest first; the severance is still
    // money coming until a start that forfeits it is accepted.
    assert_eq!(
        money,
        vec![
            (
                ActionKind::ForfeitedVest,
                d(2026, 12, 3),
                Some(dec!(50000.00))
            ),
            (
                ActionKind::SeveranceReview,
                d(2026, 12, 3),
                Some(dec!(30000.00))
            ),
            (ActionKind::EarlyStart, d(2026, 12, 3), Some(dec!(29100.00))),
        ]
    );
    let early = &actions[2];
    assert_eq!(
        early.title,
        "Acme's start comes before your last day: see what it forfeits"
    );
    assert_eq!(
        early.why,
        "Acme's offer: starting on 1 Feb 2027 means leaving on 31 Jan 2027, before your last \
         day on payroll (9 Feb 2027): that forfeits the severance ($30,000.00 gross) and your \
         pay to the last day. A start on 10 Feb 2027 is worth $29,100.00 more: careerbook \
         offer what-if 30 --start 2027-02-10. Ask before the severance review window closes \
         (3 Dec 2026)."
    );
    assert_eq!(
        (early.tab, early.record),
        (Tab::Pipeline, Some((Kind::Offer, 30)))
    );
}

#[test]
fn after_accepting_a_start_that_forfeits_the_severance_it_is_no_longer_money_coming() {
    let mut wb = with_an_early_offer();
    // Accepting sets the new job: Feb 1, 182,500 × (1 − 0.2965) ÷ 12 a month.
    let offer_30 = wb.pipeline.offers[0].clone();
    wb.runway.new_job = Some(crate::domain::offers::new_job_of(&wb, &offer_30));
    let actions = actions_on(&wb, today(), &offer(false));
    let first: Vec<(ActionKind, NaiveDate, Option<Decimal>)> =
        summary(&actions).into_iter().take(3).collect();
    assert_eq!(
        first[..2],
        [
            (ActionKind::EarlyStart, d(2026, 12, 3), Some(dec!(29100.00))),
            // No longer money at stake: a deadline among the others.
            (ActionKind::SeveranceReview, d(2026, 12, 3), None),
        ]
    );
    // Leaving on 31 Jan for Acme: asking for a later last day no longer
    // helps (the start is what to move), and there is no unemployment to
    // file for when a job starts before pay stops.
    let kinds: Vec<ActionKind> = actions.iter().map(|a| a.kind).collect();
    assert!(!kinds.contains(&ActionKind::ForfeitedVest), "{kinds:?}");
    assert!(!kinds.contains(&ActionKind::Unemployment), "{kinds:?}");
    for health in [ActionKind::Cobra, ActionKind::Aca] {
        let action = actions
            .iter()
            .find(|a| a.kind == health)
            .expect("kept: the new job's cover may start later");
        assert!(
            action.why.ends_with(
                "You accepted Acme starting 1 Feb 2027: if its health plan covers you from \
                 that day this is moot; if its cover starts later, this bridges the gap."
            ),
            "{}",
            action.why
        );
    }
    assert_eq!(
        actions[0].title,
        "Ask Acme to start on 10 Feb 2027 or later"
    );
    assert_eq!(
        actions[0].why,
        "You accepted Acme's offer: starting on 1 Feb 2027 means leaving on 31 Jan 2027, \
         before your last day on payroll (9 Feb 2027): that forfeits the severance \
         ($30,000.00 gross) and your pay to the last day. Starting on 10 Feb 2027 instead is \
         worth $29,100.00 more (careerbook offer what-if 30 --start 2027-02-10). Ask before \
         the severance review window closes (3 Dec 2026)."
    );
    assert!(
        actions[1].why.contains(
            "You accepted Acme starting 1 Feb 2027, before your last day on payroll: resigning \
             then forfeits the severance ($30,000.00 gross), so it is not counted as money coming"
        ),
        "{}",
        actions[1].why
    );
    // Resigning keeps the severance (as set): nothing forfeited to present.
    wb.runway.resigning_forfeits_severance = false;
    let actions = actions_on(&wb, today(), &offer(false));
    let review = actions
        .iter()
        .find(|a| a.kind == ActionKind::SeveranceReview)
        .expect("listed");
    assert_eq!(review.at_stake, Some(dec!(30000.00)));
    // −4,500 + 3,600 = −900: the later start is worth less, so nothing at stake.
    let early = actions
        .iter()
        .find(|a| a.kind == ActionKind::EarlyStart)
        .expect("listed");
    assert_eq!(early.at_stake, None);
    assert_eq!(early.title, "Your start at Acme comes before your last day");
    assert!(
        early
            .why
            .contains("Starting on 10 Feb 2027 instead is worth $900.00 less")
    );
    // A start after the last day: nothing early to say.
    let mut later = with_an_early_offer();
    later.pipeline.offers[0].start = d(2027, 2, 10);
    let actions = actions_on(&later, today(), &offer(false));
    assert!(!actions.iter().any(|a| a.kind == ActionKind::EarlyStart));
}

/// An accepted offer starting after the last day (9 Feb 2027); the next vest
/// after it is 15 Mar 2027.
fn accepted_starting(start: NaiveDate) -> Vec<ActionKind> {
    let mut wb = with_an_early_offer();
    wb.pipeline.offers[0].start = start;
    let offer_30 = wb.pipeline.offers[0].clone();
    wb.runway.new_job = Some(crate::domain::offers::new_job_of(&wb, &offer_30));
    actions_on(&wb, today(), &offer(false))
        .iter()
        .map(|a| a.kind)
        .collect()
}

#[test]
fn an_accepted_job_right_after_the_last_day_leaves_no_benefit_to_claim_nor_later_day_to_ask() {
    use ActionKind::{ForfeitedVest, Unemployment};
    // 10 Feb: one day out of work, inside the waiting week (9 Feb + 7 = 16 Feb):
    // nothing to claim; a last day reaching the 15 Mar vest would run into the job.
    let next_day = accepted_starting(d(2027, 2, 10));
    assert!(!next_day.contains(&Unemployment), "{next_day:?}");
    assert!(!next_day.contains(&ForfeitedVest), "{next_day:?}");
    // 1 Mar: 20 days out of work, worth claiming; the vest is still after the start.
    let weeks_later = accepted_starting(d(2027, 3, 1));
    assert!(weeks_later.contains(&Unemployment), "{weeks_later:?}");
    assert!(!weeks_later.contains(&ForfeitedVest), "{weeks_later:?}");
    // 1 Apr: after the 15 Mar vest, so a later last day could still reach it.
    let after_the_vest = accepted_starting(d(2027, 4, 1));
    assert!(after_the_vest.contains(&Unemployment), "{after_the_vest:?}");
    assert!(
        after_the_vest.contains(&ForfeitedVest),
        "{after_the_vest:?}"
    );
}
