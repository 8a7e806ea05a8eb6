//! The four years a comparison counts, each from an anniversary of a start
//! date, and which days, payments and vests fall in each.

use crate::domain::dates;
use chrono::NaiveDate;

/// How many years the comparison counts.
pub const YEARS: u32 = 4;

/// Year `year` (1-based) from a start date: from the start plus whole years
/// up to the next anniversary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearSpan {
    pub year: u32,
    /// The first day of the year.
    pub from: NaiveDate,
    /// The next anniversary: the first day of the following year.
    pub until: NaiveDate,
}

/// Years 1–4 from `start` (anniversaries clamp at month ends: a Feb 29 start
/// has its anniversaries on Feb 28).
pub fn spans(start: NaiveDate) -> Vec<YearSpan> {
    (1..=YEARS)
        .map(|year| YearSpan {
            year,
            from: dates::add_months(start, 12 * (year - 1)),
            until: dates::add_months(start, 12 * year),
        })
        .collect()
}

impl YearSpan {
    /// A day worked or a payment made: from the first day up to, not
    /// including, the next anniversary (a payment a year after the start
    /// belongs to year 2).
    pub fn holds_day(&self, date: NaiveDate) -> bool {
        self.from <= date && date < self.until
    }

    /// A vest counts in the year of service that ends on or after it: after
    /// the first day, up to and including the anniversary (year 1 also holds
    /// its first day). A vest on the first anniversary is year 1's.
    pub fn holds_vest(&self, date: NaiveDate) -> bool {
        let after_start = date > self.from || (self.year == 1 && date == self.from);
        after_start && date <= self.until
    }

    /// Days in the year: 365, or 366 across a Feb 29.
    pub fn days(&self) -> i64 {
        dates::days_between(self.from, self.until)
    }

    /// Days of this year on or before `last` (0 when `last` comes first).
    pub fn days_through(&self, last: NaiveDate) -> i64 {
        (dates::days_between(self.from, last) + 1).clamp(0, self.days())
    }

    /// `4 Jan 2027 – 3 Jan 2028`.
    pub fn describe(&self) -> String {
        let last = self.until.pred_opt().unwrap_or(self.until);
        format!(
            "{} – {}",
            dates::format_long(self.from),
            dates::format_long(last)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn years_run_from_anniversary_to_anniversary() {
        let years = spans(d(2027, 1, 4));
        assert_eq!(years.len(), 4);
        assert_eq!(
            (years[0].from, years[0].until),
            (d(2027, 1, 4), d(2028, 1, 4))
        );
        assert_eq!(
            (years[3].from, years[3].until),
            (d(2030, 1, 4), d(2031, 1, 4))
        );
        // 2028 is a leap year: year 1 (2027-01-04 .. 2028-01-04) has 365 days, year 2 has 366.
        assert_eq!((years[0].days(), years[1].days()), (365, 366));
        assert_eq!(years[0].describe(), "4 Jan 2027 – 3 Jan 2028");
    }

    #[test]
    fn a_vest_on_the_anniversary_ends_the_year_a_payment_on_it_starts_the_next() {
        let years = spans(d(2027, 1, 4));
        let anniversary = d(2028, 1, 4);
        assert!(years[0].holds_vest(anniversary));
        assert!(!years[1].holds_vest(anniversary));
        assert!(years[1].holds_day(anniversary));
        assert!(!years[0].holds_day(anniversary));
        // The first day: a payment and (in year 1 only) a vest.
        assert!(years[0].holds_day(d(2027, 1, 4)) && years[0].holds_vest(d(2027, 1, 4)));
        assert!(!years[1].holds_vest(d(2028, 1, 4).pred_opt().expect("date")));
    }

    #[test]
    fn days_through_a_last_day_are_clamped_to_the_year() {
        let year = spans(d(2027, 1, 4))[0];
        // 4 Jan through 9 Feb: 28 days of January + 9 of February = 37.
        assert_eq!(year.days_through(d(2027, 2, 9)), 37);
        assert_eq!(year.days_through(d(2026, 12, 31)), 0);
        assert_eq!(year.days_through(d(2029, 1, 1)), 365);
    }
}
