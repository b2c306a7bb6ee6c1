//! `Date`: a calendar day, read and written strictly as `YYYY-MM-DD`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// A calendar day. Documents write it as `YYYY-MM-DD` and nothing else: `2016-2-3`,
/// `2016-02-30` and `03/02/2016` are input errors that quote the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

impl Date {
    /// The date of year, month and day, or `None` if there is no such day.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// Reads `YYYY-MM-DD`; the error message quotes the value.
    pub fn parse(text: &str) -> Result<Date, String> {
        let bad = || format!("\"{text}\" is not a date (YYYY-MM-DD)");
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !digits(0..4)
            || !digits(5..7)
            || !digits(8..10)
        {
            return Err(bad());
        }
        let num =
            |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        let year = i32::try_from(num(0..4)).map_err(|_| bad())?;
        Date::from_ymd(year, num(5..7), num(8..10)).ok_or_else(bad)
    }

    /// The chrono date.
    pub fn naive(self) -> NaiveDate {
        self.0
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        self.0.month()
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        self.0.day()
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        self.0.weekday()
    }

    /// Saturday or Sunday.
    pub fn is_weekend(self) -> bool {
        matches!(self.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The day `days` after this one (before, when negative); `None` past chrono's range.
    pub fn add_days(self, days: i64) -> Option<Date> {
        self.0
            .checked_add_signed(chrono::TimeDelta::try_days(days)?)
            .map(Date)
    }

    /// The next day, saturating at the end of chrono's range.
    pub fn succ(self) -> Date {
        self.0.succ_opt().map_or(self, Date)
    }

    /// The previous day, saturating at the start of chrono's range.
    pub fn pred(self) -> Date {
        self.0.pred_opt().map_or(self, Date)
    }

    /// Whole days from `earlier` to `self` (negative when `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i64 {
        (self.0 - earlier.0).num_days()
    }
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// The weekday's English name ("Friday").
    pub fn weekday_name(self) -> &'static str {
        WEEKDAYS[self.weekday().num_days_from_monday() as usize % 7]
    }

    /// The date as people in the UK write it: "23 December 2016".
    pub fn written(self) -> String {
        format!(
            "{} {} {}",
            self.day(),
            MONTHS[(self.month() as usize + 11) % 12],
            self.year()
        )
    }

    /// The same with its weekday: "Friday 23 December 2016".
    pub fn long(self) -> String {
        format!("{} {}", self.weekday_name(), self.written())
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Self {
        Date(d)
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

/// Reads a date option such as `today` or `reportDate`: an `invalid-option` error naming it.
pub fn date_option(name: &str, value: Option<&str>) -> Result<Option<Date>> {
    value
        .map(|v| Date::parse(v).map_err(|m| Error::option(name, m)))
        .transpose()
}

impl fmt::Display for Date {
    // Written by hand: chrono's formatter is heavier than four numbers in a .wasm.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    // Read as a newtype of the name the JSON reader knows (crate::de::DATE), so that a bad date
    // is an `invalid-date` error by where it was raised, not by the words of its message. Every
    // deserializer reads a newtype as its contents: here, a string.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date as a YYYY-MM-DD string")
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Date, D::Error> {
                d.deserialize_str(V)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_newtype_struct(crate::de::DATE, V)
    }
}

/// In JSON Schema a date is a `YYYY-MM-DD` string of format `date` (a real day).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar day, YYYY-MM-DD."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_real_iso_dates() {
        assert_eq!(
            Date::parse("2016-12-23").map(|d| d.to_string()),
            Ok("2016-12-23".into())
        );
        assert_eq!(Date::parse("2016-02-29").map(|d| d.day()), Ok(29));
        for bad in [
            "2016-02-30",
            "2017-02-29",
            "2016-2-3",
            "23/12/2016",
            "2016-12-23T00:00",
            "",
            "２016-12-23",
            "2016-13-01",
            "2016-00-10",
        ] {
            let err = Date::parse(bad).unwrap_err();
            assert!(err.contains(&format!("\"{bad}\"")), "{err}");
        }
    }

    #[test]
    fn day_arithmetic() {
        let d = Date::parse("2016-12-31").unwrap();
        assert_eq!(d.succ().to_string(), "2017-01-01");
        assert_eq!(d.add_days(-365).unwrap().to_string(), "2016-01-01");
        assert_eq!(
            Date::parse("2017-03-01")
                .unwrap()
                .days_since(Date::parse("2016-03-01").unwrap()),
            365
        );
        assert!(Date::parse("2016-12-24").unwrap().is_weekend());
        assert_eq!(
            Date::parse("2016-12-23").unwrap().long(),
            "Friday 23 December 2016"
        );
        assert_eq!(
            Date::parse("2018-01-01").unwrap().long(),
            "Monday 1 January 2018"
        );
    }
}
