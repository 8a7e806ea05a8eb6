//! The `careerbook wins` filter: date range, category and tag.

use super::{Category, Win, normalize_tag};
use crate::domain::Invalid;
use chrono::NaiveDate;

/// `--since`, `--until` (both inclusive), `--category`, `--tag`; unset means any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WinFilter {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub category: Option<Category>,
    /// Matched exactly against a win's tags, after the same normalising
    /// (`#Infra` finds `infra`).
    pub tag: Option<String>,
}

impl WinFilter {
    /// Rejects a range that ends before it starts and a tag with no letters.
    pub fn validate(&self) -> Result<(), Invalid> {
        if let (Some(since), Some(until)) = (self.since, self.until)
            && since > until
        {
            return Err(Invalid::new(
                "since",
                format!("{since} is after the --until date {until}"),
            ));
        }
        if self
            .tag
            .as_deref()
            .is_some_and(|tag| normalize_tag(tag).is_empty())
        {
            return Err(Invalid::new("tag", "enter a tag, e.g. --tag infra"));
        }
        Ok(())
    }

    /// The wins that pass every set condition, in their original order.
    pub fn apply<'a>(&self, wins: &'a [Win]) -> Vec<&'a Win> {
        let tag = self.tag.as_deref().map(normalize_tag);
        wins.iter()
            .filter(|win| self.since.is_none_or(|since| win.date >= since))
            .filter(|win| self.until.is_none_or(|until| win.date <= until))
            .filter(|win| {
                self.category
                    .is_none_or(|category| win.category == category)
            })
            .filter(|win| tag.as_ref().is_none_or(|tag| win.tags.contains(tag)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn win(id: u64, date: NaiveDate, category: Category, tags: &[&str]) -> Win {
        Win {
            id,
            date,
            title: format!("win {id}"),
            category,
            metric: None,
            notes: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            link: None,
        }
    }

    fn sample() -> Vec<Win> {
        vec![
            win(1, d(2026, 9, 30), Category::Revenue, &["sales"]),
            win(2, d(2026, 10, 1), Category::CostSavings, &["infra", "aws"]),
            win(
                3,
                d(2026, 10, 31),
                Category::CostSavings,
                &["infrastructure"],
            ),
            win(4, d(2026, 11, 1), Category::RiskReduction, &["infra"]),
        ]
    }

    fn ids(found: Vec<&Win>) -> Vec<u64> {
        found.iter().map(|w| w.id).collect()
    }

    #[test]
    fn empty_filter_keeps_everything_in_order() {
        let wins = sample();
        assert_eq!(ids(WinFilter::default().apply(&wins)), vec![1, 2, 3, 4]);
    }

    #[test]
    fn dates_are_inclusive() {
        let wins = sample();
        let october = WinFilter {
            since: Some(d(2026, 10, 1)),
            until: Some(d(2026, 10, 31)),
            ..WinFilter::default()
        };
        assert_eq!(ids(october.apply(&wins)), vec![2, 3]);
        let one_day = WinFilter {
            since: Some(d(2026, 9, 30)),
            until: Some(d(2026, 9, 30)),
            ..WinFilter::default()
        };
        assert_eq!(ids(one_day.apply(&wins)), vec![1]);
    }

    #[test]
    fn category_and_exact_normalised_tag() {
        let wins = sample();
        let cost = WinFilter {
            category: Some(Category::CostSavings),
            ..WinFilter::default()
        };
        assert_eq!(ids(cost.apply(&wins)), vec![2, 3]);
        // `#Infra` normalises to `infra`, which does not match `infrastructure`.
        let infra = WinFilter {
            tag: Some("#Infra".into()),
            ..WinFilter::default()
        };
        assert_eq!(ids(infra.apply(&wins)), vec![2, 4]);
        let both = WinFilter {
            category: Some(Category::CostSavings),
            ..infra
        };
        assert_eq!(ids(both.apply(&wins)), vec![2]);
    }

    #[test]
    fn validate_names_the_bad_flag() {
        let backwards = WinFilter {
            since: Some(d(2026, 11, 2)),
            until: Some(d(2026, 11, 1)),
            ..WinFilter::default()
        };
        assert_eq!(backwards.validate().unwrap_err().field, "since");
        let hash_only = WinFilter {
            tag: Some(" # ".into()),
            ..WinFilter::default()
        };
        assert_eq!(hash_only.validate().unwrap_err().field, "tag");
        assert_eq!(WinFilter::default().validate(), Ok(()));
    }
}
