//! How measurable the log is and which levers it covers.

use super::{Category, Win};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// Counts over a set of wins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Number of wins.
    pub total: usize,
    /// Wins that carry a measured result.
    pub with_metric: usize,
    /// Wins per category, indexed like [`Category::ALL`].
    per_category: [usize; Category::ALL.len()],
}

impl Summary {
    /// Counts the given wins.
    pub fn of<'a>(wins: impl IntoIterator<Item = &'a Win>) -> Self {
        let mut summary = Summary {
            total: 0,
            with_metric: 0,
            per_category: [0; Category::ALL.len()],
        };
        for win in wins {
            summary.total += 1;
            summary.with_metric += usize::from(win.metric.is_some());
            summary.per_category[win.category.index()] += 1;
        }
        summary
    }

    /// Counts the wins of the last `days` days, today included: dated after
    /// `today − days` and not after `today` (the last 90 days of Nov 26 start on Aug 29).
    pub fn of_last_days(wins: &[Win], today: NaiveDate, days: u32) -> Self {
        let before = today.checked_sub_days(Days::new(u64::from(days)));
        Self::of(
            wins.iter()
                .filter(|win| win.date <= today && before.is_none_or(|start| win.date > start)),
        )
    }

    /// How many of the wins are in `category`.
    pub fn count(&self, category: Category) -> usize {
        self.per_category[category.index()]
    }

    /// The share of wins with a measured result as a fraction (0.6 = 60%; show it with
    /// `money::format_percent`). `None` when there are no wins: no share to speak of.
    pub fn measured_share(&self) -> Option<Decimal> {
        (self.total > 0).then(|| Decimal::from(self.with_metric) / Decimal::from(self.total))
    }

    /// The article's levers with no win yet, in the article's order.
    pub fn missing_levers(&self) -> Vec<Category> {
        Category::LEVERS
            .into_iter()
            .filter(|lever| self.count(*lever) == 0)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::Metric;
    use crate::domain::money::format_percent;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn win(id: u64, date: NaiveDate, category: Category, metric: Option<&str>) -> Win {
        Win {
            id,
            date,
            title: format!("win {id}"),
            category,
            metric: metric.map(|m| Metric::parse(m).expect("test metric")),
            notes: None,
            tags: vec![],
            link: None,
        }
    }

    fn sample() -> Vec<Win> {
        vec![
            win(1, d(2026, 8, 28), Category::Revenue, Some("$1.2M")),
            win(2, d(2026, 8, 29), Category::CostSavings, Some("$40k/yr")),
            win(3, d(2026, 10, 1), Category::CostSavings, None),
            win(4, d(2026, 11, 20), Category::Other, Some("30%")),
            win(5, d(2026, 11, 26), Category::Other, None),
        ]
    }

    #[test]
    fn counts_totals_metrics_and_categories() {
        let summary = Summary::of(&sample());
        assert_eq!(summary.total, 5);
        assert_eq!(summary.with_metric, 3);
        assert_eq!(summary.count(Category::CostSavings), 2);
        assert_eq!(summary.count(Category::Revenue), 1);
        assert_eq!(summary.count(Category::Other), 2);
        assert_eq!(summary.count(Category::RiskReduction), 0);
        // 3 measured of 5 = 0.6
        assert_eq!(summary.measured_share(), Some(dec!(0.6)));
        assert_eq!(
            summary.missing_levers(),
            vec![Category::CustomerRetention, Category::RiskReduction]
        );
    }

    #[test]
    fn no_wins_has_no_share_and_misses_every_lever() {
        let summary = Summary::of(&[]);
        assert_eq!(summary.total, 0);
        assert_eq!(summary.measured_share(), None);
        assert_eq!(summary.missing_levers(), Category::LEVERS.to_vec());
    }

    #[test]
    fn last_days_window_includes_today_and_excludes_the_future() {
        let today = d(2026, 11, 26);
        let mut wins = sample();
        wins.push(win(6, d(2026, 11, 27), Category::Revenue, Some("$1k")));
        // 90 days before Nov 26 is Aug 28 (26 days back to Oct 31, 31 to Sep 30, 30 to
        // Aug 31, 3 more to Aug 28): Aug 28 is out, Aug 29 is in, Nov 27 is future.
        let recent = Summary::of_last_days(&wins, today, 90);
        assert_eq!(recent.total, 4);
        assert_eq!(recent.with_metric, 2);
        // 2 measured of 4 = 0.5 = 50%
        assert_eq!(recent.measured_share(), Some(dec!(0.5)));
        assert_eq!(Summary::of_last_days(&wins, today, 0).total, 0);
        assert_eq!(Summary::of_last_days(&wins, today, 1).total, 1); // today only
    }

    #[test]
    fn share_keeps_precision_and_displays_as_percent() {
        let wins = vec![
            win(1, d(2026, 1, 1), Category::Revenue, Some("1%")),
            win(2, d(2026, 1, 2), Category::Revenue, Some("2%")),
            win(3, d(2026, 1, 3), Category::Revenue, None),
        ];
        let share = Summary::of(&wins).measured_share().expect("three wins");
        // 2 / 3 = 0.666…, shown as 66.67%
        assert_eq!(share.round_dp(4), dec!(0.6667));
        assert_eq!(format_percent(share), "66.67%");
    }
}
