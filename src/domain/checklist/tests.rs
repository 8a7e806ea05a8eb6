//! The status rules at their boundaries, and the alerts' order.
//! "Today" is Thursday 2026-11-26 throughout; its ISO week runs from Monday
//! Nov 23 to Sunday Nov 29.

use super::items::{MoneyFacts, impact_item, money_item, options_item, positioning_item};
use super::*;
use crate::domain::edit::Kind;
use crate::domain::impact::{Category, Metric, Win};
use crate::domain::pipeline::{Application, Contact, Pipeline, Relationship, Source, Stage};
use crate::domain::runway::{Account, CoverKind, Expense, HealthCover, UnemploymentBenefit};
use crate::domain::workbook::Workbook;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn today() -> NaiveDate {
    d(2026, 11, 26)
}

fn ago(days: u64) -> NaiveDate {
    today() - Days::new(days)
}

fn win(id: u64, date: NaiveDate, metric: Option<&str>) -> Win {
    Win {
        id,
        date,
        title: format!("win {id}"),
        category: Category::CostSavings,
        metric: metric.map(|m| Metric::parse(m).expect("metric")),
        notes: None,
        tags: vec![],
        link: None,
    }
}

// ---- 1. Impact -------------------------------------------------------------

#[test]
fn impact_a_win_on_sunday_is_last_week_and_on_monday_this_week() {
    let book = NowBook::default();
    let sunday = [win(1, d(2026, 11, 22), Some("$40k/yr"))];
    let item = impact_item(&sunday, &book, today());
    assert_eq!(item.computed, Status::Attention);
    assert!(
        item.reason
            .starts_with("No win logged this week yet · streak 1 week"),
        "{}",
        item.reason
    );
    let monday = [win(1, d(2026, 11, 23), Some("$40k/yr"))];
    let item = impact_item(&monday, &book, today());
    assert_eq!(item.computed, Status::Done, "{}", item.reason);
    assert!(
        item.reason.starts_with(
            "Win logged this week · streak 1 week · 100% of the last 90 days' wins measured"
        ),
        "{}",
        item.reason
    );
    assert!(
        item.reason.ends_with("3 levers without a win yet"),
        "{}",
        item.reason
    );
}

#[test]
fn impact_needs_half_of_the_last_90_days_measured_and_is_todo_without_wins() {
    let book = NowBook::default();
    // 1 of 2 measured = 50%: enough.
    let half = [win(1, today(), Some("30%")), win(2, ago(10), None)];
    assert_eq!(impact_item(&half, &book, today()).computed, Status::Done);
    // 1 of 3 = 33%: not enough, and the reason says so first.
    let third = [
        win(1, today(), Some("30%")),
        win(2, ago(10), None),
        win(3, ago(20), None),
    ];
    let item = impact_item(&third, &book, today());
    assert_eq!(item.computed, Status::Attention);
    assert!(
        item.reason
            .starts_with("33% of the last 90 days' wins measured (below 50%)"),
        "{}",
        item.reason
    );
    // A win 90 days ago (Aug 28) is outside the window: it does not count.
    let old = [
        win(1, today(), Some("30%")),
        win(2, ago(90), None),
        win(3, ago(90), None),
    ];
    assert_eq!(impact_item(&old, &book, today()).computed, Status::Done);
    let none = impact_item(&[], &book, today());
    assert_eq!(none.computed, Status::Todo);
    assert_eq!(none.fix, Tab::Impact);
}

// ---- 2. Positioning ----------------------------------------------------------

fn internal(stage: Stage) -> Application {
    let mut app = Application::new(9, "Amazon (AI platform team)", "SA", stage, ago(5));
    app.source = Source::Internal;
    app
}

#[test]
fn positioning_is_todo_until_filled_in_and_stale_from_90_days() {
    let book = NowBook::default();
    let empty = Pipeline::default();
    let never = positioning_item(&Positioning::default(), &empty, &book, today());
    assert_eq!(never.computed, Status::Todo);
    assert_eq!(never.fix, Tab::Now, "Enter opens the self-check");
    let strategic = |days| Positioning {
        strategic: Some(Initiative::AiPlatforms),
        reviewed: Some(ago(days)),
        ..Positioning::default()
    };
    assert_eq!(
        positioning_item(&strategic(89), &empty, &book, today()).computed,
        Status::Done
    );
    let stale = positioning_item(&strategic(90), &empty, &book, today());
    assert_eq!(stale.computed, Status::Attention);
    assert!(
        stale
            .reason
            .starts_with("Self-check last reviewed 90 days ago: revisit it (Now tab, p)"),
        "{}",
        stale.reason
    );
}

#[test]
fn positioning_counts_active_internal_applications_only() {
    let book = NowBook::default();
    let peripheral = Positioning {
        team: Some("Media specialist SAs".into()),
        exposure: vec![ExposureFactor::SpecialistSalesSlowSegment],
        reviewed: Some(ago(3)),
        ..Positioning::default()
    };
    let with = |stage| Pipeline {
        applications: vec![internal(stage)],
        ..Pipeline::default()
    };
    let none = positioning_item(&peripheral, &Pipeline::default(), &book, today());
    assert_eq!(none.computed, Status::Attention);
    assert!(
        none.reason
            .starts_with("Not on a strategic initiative and no internal application"),
        "{}",
        none.reason
    );
    let wishlist = positioning_item(&peripheral, &with(Stage::Wishlist), &book, today());
    assert_eq!(wishlist.computed, Status::Done, "targeting counts");
    assert!(
        wishlist
            .reason
            .contains("1 internal application active · 1 exposure factor · 0 safer factors"),
        "{}",
        wishlist.reason
    );
    let rejected = positioning_item(&peripheral, &with(Stage::Rejected), &book, today());
    assert_eq!(
        rejected.computed,
        Status::Attention,
        "a closed one does not"
    );
    let mut external = with(Stage::Applied);
    external.applications[0].source = Source::Referral;
    assert_eq!(
        positioning_item(&peripheral, &external, &book, today()).computed,
        Status::Attention
    );
}

// ---- 3. Options ----------------------------------------------------------------

fn contact(id: u64, days_ago: u64) -> Contact {
    let mut c = Contact::new(id, format!("Contact {id}"), Relationship::Peer);
    c.last_contacted = Some(ago(days_ago));
    c
}

fn fresh_profiles() -> NowBook {
    NowBook {
        resume_updated: Some(ago(10)),
        linkedin_updated: Some(ago(10)),
        ..NowBook::default()
    }
}

#[test]
fn options_counts_a_contact_touched_29_days_ago_but_not_30_or_31() {
    let book = fresh_profiles();
    let pipeline = |second: u64| Pipeline {
        contacts: vec![contact(1, 5), contact(2, second)],
        ..Pipeline::default()
    };
    let item = options_item(&book, &pipeline(29), None, today());
    assert_eq!(item.computed, Status::Done, "{}", item.reason);
    assert!(
        item.reason.contains("2 contacts touched in 30 days"),
        "{}",
        item.reason
    );
    for days in [30, 31] {
        let item = options_item(&book, &pipeline(days), None, today());
        assert_eq!(item.computed, Status::Attention, "{days} days ago");
        assert!(
            item.reason
                .starts_with("1 contact touched in 30 days (aim for 2)"),
            "{}",
            item.reason
        );
    }
}

#[test]
fn options_wants_resume_and_linkedin_updated_in_the_last_90_days() {
    let pipeline = Pipeline {
        contacts: vec![contact(1, 1), contact(2, 2)],
        ..Pipeline::default()
    };
    let with_linkedin = |days| NowBook {
        linkedin_updated: Some(ago(days)),
        ..fresh_profiles()
    };
    assert_eq!(
        options_item(&with_linkedin(89), &pipeline, None, today()).computed,
        Status::Done
    );
    let stale = options_item(&with_linkedin(90), &pipeline, None, today());
    assert_eq!(stale.computed, Status::Attention);
    assert!(
        stale
            .reason
            .starts_with("LinkedIn updated 90 days ago · résumé updated 10 days ago"),
        "{}",
        stale.reason
    );
    let nothing = options_item(&NowBook::default(), &Pipeline::default(), None, today());
    assert_eq!(nothing.computed, Status::Todo);
    assert!(
        nothing.reason.starts_with(
            "Résumé never marked updated (Now tab, r) · LinkedIn never marked updated (Now tab, i)"
        ),
        "{}",
        nothing.reason
    );
}

// ---- 4. Money -----------------------------------------------------------------

fn months(m: Decimal) -> RunwayFigure {
    RunwayFigure::Months {
        months: m,
        zero_date: d(2027, 6, 1),
        start: today(),
    }
}

fn money(runway: &RunwayFigure) -> ItemReport {
    let facts = MoneyFacts {
        runway,
        benefit: true,
        cover: true,
        vesting: None,
        soon: vec![],
    };
    money_item(&facts, &NowBook::default(), today())
}

#[test]
fn money_runway_is_urgent_below_3_and_needs_attention_below_6() {
    let urgent = money(&months(dec!(2.99)));
    assert_eq!(urgent.computed, Status::Attention);
    assert!(
        urgent
            .reason
            .starts_with("Urgent: runway 2.99 months (below 3)"),
        "{}",
        urgent.reason
    );
    let three = money(&months(dec!(3.00)));
    assert_eq!(three.computed, Status::Attention);
    assert!(
        three.reason.starts_with("Runway 3.00 months (below 6)"),
        "{}",
        three.reason
    );
    let under_six = money(&months(dec!(5.99)));
    assert_eq!(under_six.computed, Status::Attention);
    let six = money(&months(dec!(6.00)));
    assert_eq!(six.computed, Status::Done, "{}", six.reason);
    assert_eq!(six.reason, "Runway 6.00 months · benefit and cover entered");
    assert_eq!(
        money(&RunwayFigure::Lasts {
            horizon_end: d(2036, 11, 26)
        })
        .computed,
        Status::Done
    );
    assert_eq!(
        money(&RunwayFigure::NotEntered(vec!["your cash accounts"])).computed,
        Status::Todo
    );
}

#[test]
fn money_needs_benefit_cover_and_no_deadline_within_14_days() {
    let runway = months(dec!(12));
    let base = MoneyFacts {
        runway: &runway,
        benefit: false,
        cover: true,
        vesting: None,
        soon: vec![],
    };
    let book = NowBook::default();
    let item = money_item(&base, &book, today());
    assert_eq!(item.computed, Status::Attention);
    assert!(
        item.reason.starts_with("No unemployment benefit entered"),
        "{}",
        item.reason
    );
    let deadline = Deadline {
        kind: DeadlineKind::SeveranceReview,
        date: d(2026, 12, 3),
        title: "Severance agreement review window closes".into(),
        how: String::new(),
        assumed: false,
    };
    let soon = MoneyFacts {
        benefit: true,
        soon: vec![&deadline],
        ..base
    };
    let item = money_item(&soon, &book, today());
    assert_eq!(item.computed, Status::Attention);
    assert!(
        item.reason
            .starts_with("Severance agreement review window closes in 7 days"),
        "{}",
        item.reason
    );
}

/// A plan with `cash` and $6,000 a month of spending, no income.
fn plan_workbook(cash: Decimal) -> Workbook {
    let mut wb = Workbook::default();
    wb.runway.accounts.push(Account {
        id: 1,
        name: "Savings".into(),
        balance: cash,
        as_of: today(),
    });
    wb.runway.expenses.push(Expense {
        id: 2,
        name: "Everything".into(),
        monthly: dec!(6000),
        essential: true,
    });
    wb.runway.benefit = Some(UnemploymentBenefit {
        weekly_amount: dec!(0.01),
        weeks: 1,
        first_payment: d(2040, 1, 1),
        waits_for_severance: false,
    });
    wb.runway.cover.push(HealthCover {
        id: 3,
        name: "COBRA".into(),
        kind: CoverKind::Cobra,
        monthly_premium: dec!(0),
        months: 1,
        start: d(2040, 1, 1),
    });
    wb
}

#[test]
fn runway_of_exactly_3_and_6_months_through_the_real_projection() {
    // $18,000 ÷ $6,000 a month = 3.00 months; $36,000 = 6.00 months.
    let three = report(&plan_workbook(dec!(18000)), today());
    assert_eq!(three.runway, months_from(dec!(3.00), &three.runway));
    assert_eq!(three.items[3].computed, Status::Attention);
    assert!(
        three.items[3]
            .reason
            .starts_with("Runway 3.00 months (below 6)")
    );
    let six = report(&plan_workbook(dec!(36000)), today());
    assert_eq!(six.runway, months_from(dec!(6.00), &six.runway));
    assert_eq!(
        six.items[3].computed,
        Status::Done,
        "{}",
        six.items[3].reason
    );
    assert!(six.alerts.iter().all(|a| a.kind != AlertKind::Runway));
    // The rule compares the months as shown (2 decimals, half-up): $17,999 is
    // 2.9998 months, shown and judged as 3.00; $17,940 is 2.99 months, urgent.
    let rounded = report(&plan_workbook(dec!(17999)), today());
    assert!(
        rounded.items[3]
            .reason
            .starts_with("Runway 3.00 months (below 6)")
    );
    let under = report(&plan_workbook(dec!(17940)), today());
    assert!(
        under.items[3]
            .reason
            .starts_with("Urgent: runway 2.99 months"),
        "{}",
        under.items[3].reason
    );
    assert_eq!(under.alerts[0].kind, AlertKind::Runway);
    assert_eq!(under.alerts[0].text, "Urgent: runway 2.99 months, below 3");
}

/// `expected` months with the zero date and start of `actual`, to compare months only.
fn months_from(expected: Decimal, actual: &RunwayFigure) -> RunwayFigure {
    match actual {
        RunwayFigure::Months {
            zero_date, start, ..
        } => RunwayFigure::Months {
            months: expected,
            zero_date: *zero_date,
            start: *start,
        },
        other => other.clone(),
    }
}

// ---- Hand ticks -----------------------------------------------------------------

#[test]
fn a_hand_tick_makes_the_item_done_and_keeps_the_computed_reason() {
    let book = NowBook {
        ticks: vec![ManualTick {
            id: 1,
            item: ItemId::Impact,
            date: d(2026, 11, 25),
            note: "Brag doc sent to my manager".into(),
        }],
        ..NowBook::default()
    };
    let item = impact_item(&[], &book, today());
    assert_eq!((item.status(), item.computed), (Status::Done, Status::Todo));
    assert_eq!(
        item.full_reason(),
        "ticked done by hand on 2026-11-25: Brag doc sent to my manager · computed: todo — \
         No wins logged yet: log your first on the Impact tab"
    );
    let json = CheckItemJson::from(&item);
    assert_eq!(json.id, "impact");
    assert_eq!(serde_json::to_value(&json).expect("json")["status"], "done");
}

// ---- Alerts ----------------------------------------------------------------------

#[test]
fn alerts_are_newest_first_and_name_their_tab_and_record() {
    let mut wb = plan_workbook(dec!(30000)); // 5.00 months: below 6
    let mut late = Application::new(
        20,
        "Stratus Data",
        "Staff engineer",
        Stage::Applied,
        ago(30),
    );
    late.follow_up = Some(d(2026, 11, 20));
    let mut later = Application::new(21, "Lumen AI", "Engineer", Stage::Applied, ago(30));
    later.follow_up = Some(d(2026, 11, 23));
    let mut due = Contact::new(22, "Marcus Lee", Relationship::HiringManager);
    due.next_touch = Some(d(2026, 11, 24));
    wb.pipeline = Pipeline {
        applications: vec![late, later],
        contacts: vec![due],
        ..Pipeline::default()
    };
    wb.impact.wins.push(win(23, d(2026, 11, 22), None)); // Sunday: last week
    wb.now.notice = Some(LayoffNotice {
        date: d(2026, 11, 12),
        review_days: Some(21),
        cover_ends: None,
    });
    wb.runway.separation = Some(d(2027, 2, 9));
    let all = report(&wb, today()).alerts;
    let seen: Vec<(AlertKind, NaiveDate)> = all.iter().map(|a| (a.kind, a.date)).collect();
    assert_eq!(
        seen,
        vec![
            (AlertKind::Deadline, d(2026, 12, 3)),
            (AlertKind::Runway, today()),
            (AlertKind::ContactDue, d(2026, 11, 24)),
            // Two alerts on Monday Nov 23: kinds in declaration order.
            (AlertKind::NoWin, d(2026, 11, 23)),
            (AlertKind::FollowUp, d(2026, 11, 23)),
            (AlertKind::FollowUp, d(2026, 11, 20)),
        ]
    );
    assert_eq!(
        all[0].text,
        "Severance agreement review window closes in 7 days"
    );
    assert_eq!(all[0].tab, Tab::Now);
    assert_eq!(
        all[2].text,
        "Touch base with Marcus Lee (hiring manager): due 2 days ago"
    );
    assert_eq!(all[2].record, Some((Kind::Contact, 22)));
    assert_eq!(
        all[3].text,
        "No win logged this week yet (since Mon 23 Nov)"
    );
    assert_eq!(
        all[5].text,
        "Follow up with Stratus Data (Staff engineer): 6 days overdue"
    );
    assert_eq!(
        (all[5].tab, all[5].record),
        (Tab::Pipeline, Some((Kind::Application, 20)))
    );
    let json = serde_json::to_value(AlertJson::from(&all[5])).expect("json");
    assert_eq!(
        json,
        serde_json::json!({"kind": "follow_up", "date": "2026-11-20", "text": all[5].text})
    );
}

#[test]
fn a_vest_is_announced_up_to_30_days_ahead_with_its_grant() {
    let mut wb: Workbook = ron::from_str(crate::demo::DEMO_RON).expect("demo parses");
    // The demo separates on 2027-02-09: the March vest is forfeited, never announced.
    assert!(
        report(&wb, d(2027, 2, 14))
            .alerts
            .iter()
            .all(|a| a.kind != AlertKind::Vest)
    );
    // With a later separation date (on the vest day, which keeps the vest):
    wb.runway.separation = Some(d(2027, 3, 16));
    let vests = |today| -> Vec<Alert> {
        report(&wb, today)
            .alerts
            .into_iter()
            .filter(|a| a.kind == AlertKind::Vest)
            .collect()
    };
    // The new-hire grant vests 20% of 180 = 36 shares on 2027-03-16 (vest
    // start 2024-09-16 + 30 months). Feb 14 + 14 days = Feb 28, + 16 = Mar 16:
    // exactly 30 days ahead, so it is announced; from Feb 13 it is 31 days.
    let on_the_edge = vests(d(2027, 2, 14));
    assert_eq!(on_the_edge.len(), 1);
    let vest = &on_the_edge[0];
    assert_eq!(vest.date, d(2027, 3, 16));
    assert_eq!(
        (vest.tab, vest.record),
        (Tab::Vesting, Some((Kind::Grant, 39)))
    );
    // 36 × $212.40 = $7,646.40, × (1 − 0.2965) = $5,379.2424 → $5,379.24.
    assert_eq!(
        vest.text,
        "36 AMZN vest in 30 days (New-hire RSU), about $5,379.24 after withholding"
    );
    assert!(vests(d(2027, 2, 13)).is_empty());
}

// ---- The offer-needed date ------------------------------------------------------

#[test]
fn options_needs_attention_when_the_pipeline_cannot_reach_the_offer_in_time() {
    let book = fresh_profiles();
    let pipeline = Pipeline {
        contacts: vec![contact(1, 1), contact(2, 2)],
        ..Pipeline::default()
    };
    let offer = |attention| OfferNeeded {
        by: d(2027, 1, 26),
        zero_date: d(2027, 4, 26),
        months: 3,
        past_screening: 0,
        attention,
    };
    let fine = options_item(&book, &pipeline, Some(&offer(false)), today());
    assert_eq!(fine.computed, Status::Done, "{}", fine.reason);
    assert!(
        fine.reason.ends_with("offer needed by 2027-01-26"),
        "{}",
        fine.reason
    );
    let late = options_item(&book, &pipeline, Some(&offer(true)), today());
    assert_eq!(late.computed, Status::Attention);
    assert!(
        late.reason.starts_with(
            "No open application past screening, and an offer is needed by 2027-01-26"
        ),
        "{}",
        late.reason
    );
}

#[test]
fn a_short_runway_and_nothing_past_screening_is_an_alert_and_a_next_action() {
    // $10,000 and $2,000 a month from today: 5.00 months, the money runs out
    // 2027-04-26; an offer is needed by 2027-01-26; the window opened 2026-10-26.
    let mut wb = Workbook::default();
    wb.runway.accounts.push(Account {
        id: 1,
        name: "Savings".into(),
        balance: dec!(10000),
        as_of: today(),
    });
    wb.runway.expenses.push(Expense {
        id: 2,
        name: "Rent".into(),
        monthly: dec!(2000),
        essential: true,
    });
    let now = report(&wb, today());
    let offer = now.offer.as_ref().expect("a zero date");
    assert_eq!(
        (offer.zero_date, offer.by),
        (d(2027, 4, 26), d(2027, 1, 26))
    );
    assert!(offer.attention);
    let alert = now
        .alerts
        .iter()
        .find(|a| a.kind == AlertKind::Offer)
        .expect("an offer alert");
    assert_eq!(
        alert.text,
        "An offer is needed by 26 Jan 2027, and no open application is past screening"
    );
    assert_eq!(alert.tab, Tab::Pipeline);
    let action = now
        .next
        .iter()
        .find(|a| a.kind == ActionKind::OfferNeeded)
        .expect("a next action");
    assert!(action.attention && action.this_week(today()));
    assert!(
        !now.after_notice,
        "no notice: the tab keeps its checklist first"
    );
}
