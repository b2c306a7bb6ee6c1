//! Working days: weekdays that are not bank holidays in the chosen region. Counting is
//! arithmetic over whole weeks, less the holidays in range, so a span of years costs a few
//! lookups per year, not a loop over its days.

use chrono::Datelike;

use super::{BankHolidays, Date, Region};

impl BankHolidays {
    /// Whether a day is a working day in a region: a weekday and not a bank holiday.
    pub fn is_working_day(&self, region: Region, date: Date) -> bool {
        !date.is_weekend() && !self.is_bank_holiday(region, date)
    }

    /// The working days after `from`, up to and including `to` (0 when `to` is not after
    /// `from`): the days a survey still has to run, say, from today to its close.
    pub fn working_days_between(&self, region: Region, from: Date, to: Date) -> u32 {
        if to <= from {
            return 0;
        }
        let count =
            weekdays_through(to) - weekdays_through(from) - self.holidays_between(region, from, to);
        // At most about 140 million weekdays fit chrono's range: the fallback cannot happen.
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// The `n`th working day after `date` in a region: `n = 1` is the first working day after
    /// it. `n = 0` gives `date` itself, working day or not, so that always
    /// `working_days_between(region, date, nth_working_day_after(region, date, n)) == n`.
    /// `None` past the end of chrono's range.
    ///
    /// To count "n working days beginning with" a day, as some statutes do, ask for the `n`th
    /// working day after the day before it.
    pub fn nth_working_day_after(&self, region: Region, date: Date, n: u32) -> Option<Date> {
        // Jump to the day that many weekdays on, then on again by the weekday holidays the jump
        // passed over, until a jump passes none: a few jumps, however long the span.
        let mut day = date;
        let mut missing = i64::from(n);
        while missing > 0 {
            let next = weekday_after(day, missing)?;
            missing = self.holidays_between(region, day, next);
            day = next;
        }
        Some(day)
    }

    /// Bank holidays on weekdays in `(from, to]`, each date once.
    fn holidays_between(&self, region: Region, from: Date, to: Date) -> i64 {
        let mut holidays = 0;
        for year in from.year()..=to.year() {
            let days = self.year(region, year);
            // Sorted by date, so a date a file lists twice comes twice in a row.
            let mut previous = None;
            for day in days.iter() {
                if day.date > from
                    && day.date <= to
                    && !day.date.is_weekend()
                    && previous != Some(day.date)
                {
                    holidays += 1;
                }
                previous = Some(day.date);
            }
        }
        holidays
    }
}

/// The weekdays from 1 January of year 1 up to and including `date` (negative before it): the
/// difference of two is the weekdays between them. Day 1 of the proleptic Gregorian calendar
/// was a Monday, so each run of seven days from it holds five weekdays first.
fn weekdays_through(date: Date) -> i64 {
    let day = i64::from(date.naive().num_days_from_ce());
    day.div_euclid(7) * 5 + day.rem_euclid(7).min(5)
}

/// The `n`th weekday after `date` (`n` at least 1), inverting [`weekdays_through`]; `None` past
/// chrono's range.
fn weekday_after(date: Date, n: i64) -> Option<Date> {
    let target = weekdays_through(date).checked_add(n)? - 1;
    let day = target.div_euclid(5) * 7 + target.rem_euclid(5) + 1;
    chrono::NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?).map(Date::from)
}
