//! Bank holidays of England and Wales, Scotland and Northern Ireland, computed from the standing
//! rules, with the one-off days appointed by royal proclamation, and overridable by GOV.UK's
//! `bank-holidays.json`.
//!
//! The rules: the Banking and Financial Dealings Act 1971, Schedule 1 (Easter Monday, the last
//! Mondays of May and August in England and Wales; 2 January and the first Monday of August in
//! Scotland; St Patrick's Day in Northern Ireland; 26 December), Christmas Day and Good Friday
//! (common-law holidays, and in the Schedule for Scotland), and the days appointed every year by
//! royal proclamation under s1(3) of the Act (New Year's Day, the early May bank holiday,
//! Scotland's spring holiday, the Battle of the Boyne, and the weekday substitutes for days that
//! fall on a weekend). St Andrew's Day comes
//! from the St Andrew's Day Bank Holiday (Scotland) Act 2007. These are today's rules: for years
//! before 2010 they are not a historical record (the early May holiday began in 1978, for one).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Date;

/// The years whose one-off days are known and whose holidays a calendar keeps ready. Other years
/// follow the standing rules, computed when asked, unless a GOV.UK file gives them.
pub const BUILTIN_YEARS: std::ops::RangeInclusive<i32> = 2010..=2035;

/// A part of the United Kingdom with its own bank holidays, or all of it together.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// England and Wales (`england-and-wales`), the default: consultations follow its holidays.
    #[default]
    EnglandAndWales,
    /// Scotland (`scotland`).
    Scotland,
    /// Northern Ireland (`northern-ireland`).
    NorthernIreland,
    /// A bank holiday in any part of the UK (`united-kingdom`): the Procurement Act 2023 s123
    /// counts working days this way.
    UnitedKingdom,
}

impl Region {
    /// Every region: the three divisions and the union.
    pub const ALL: [Region; 4] = [
        Region::EnglandAndWales,
        Region::Scotland,
        Region::NorthernIreland,
        Region::UnitedKingdom,
    ];

    /// The three jurisdictions, in the order GOV.UK lists them (and the union takes titles).
    pub const DIVISIONS: [Region; 3] = [
        Region::EnglandAndWales,
        Region::Scotland,
        Region::NorthernIreland,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The bit of this division in a [`OneOff`]'s divisions.
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// One bank holiday: a day off work, already moved to its weekday substitute when the day itself
/// falls on a weekend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct BankHoliday {
    /// The day off.
    pub date: Date,
    /// Its name as GOV.UK writes it ("New Year’s Day"). Static for the built-in days, owned for
    /// days read from a file.
    pub title: Cow<'static, str>,
    /// Whether this is a substitute day for a holiday that fell on a weekend.
    pub substitute: bool,
}

/// The bank holidays of every region, year by year: the standing rules and one-off days built in
/// for [`BUILTIN_YEARS`], other years computed when asked, and any year replaced by a GOV.UK file.
///
/// Queries about the years it keeps are cheap (a map lookup and a binary search in a dozen
/// days), so one calendar can answer millions of them: build it once and share it. Other years
/// are computed on each query, about a microsecond a year.
///
/// ```
/// use engagekit::calendar::{BankHolidays, Region};
/// use engagekit::Date;
///
/// let calendar = BankHolidays::builtin();
/// let day = |text| Date::parse(text).unwrap();
/// // Christmas 2016 fell on a Sunday: Boxing Day on Monday 26, Christmas's substitute Tuesday 27.
/// assert!(calendar.is_bank_holiday(Region::EnglandAndWales, day("2016-12-27")));
/// // A survey open on Friday 23 December 2016 and closing on Tuesday 3 January 2017 has four
/// // working days left: 28, 29 and 30 December and 3 January.
/// let (open, close) = (day("2016-12-23"), day("2017-01-03"));
/// assert_eq!(calendar.working_days_between(Region::EnglandAndWales, open, close), 4);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankHolidays {
    /// For each [`Region`] (by index): year → that year's days, sorted by date. The union's years
    /// are rebuilt whenever a division changes.
    years: [BTreeMap<i32, Vec<BankHoliday>>; 4],
}

impl Default for BankHolidays {
    fn default() -> Self {
        BankHolidays::builtin()
    }
}

impl BankHolidays {
    /// The built-in calendar: the standing rules and the one-off days of [`BUILTIN_YEARS`].
    pub fn builtin() -> Self {
        let mut years: [BTreeMap<i32, Vec<BankHoliday>>; 4] = Default::default();
        for region in Region::DIVISIONS {
            // Inserted one by one: collecting into a BTreeMap sorts, another copy of the sort.
            for year in BUILTIN_YEARS {
                years[region.index()].insert(year, computed(region, year));
            }
        }
        let mut calendar = BankHolidays { years };
        calendar.rebuild_union();
        calendar
    }

    /// This calendar with the days of a GOV.UK file: see [`BankHolidays::merge_govuk`].
    pub fn with_govuk(mut self, file: &GovUkBankHolidays) -> Self {
        self.merge_govuk(file);
        self
    }

    /// Takes the days of a GOV.UK file: for each division the file gives and each year it lists
    /// days for, the file's days replace that year's days (a year the file does not mention keeps
    /// its days; a year outside [`BUILTIN_YEARS`] is added).
    pub fn merge_govuk(&mut self, file: &GovUkBankHolidays) {
        for (region, division) in file.divisions() {
            let mut by_year: BTreeMap<i32, Vec<BankHoliday>> = BTreeMap::new();
            for event in &division.events {
                by_year
                    .entry(event.date.year())
                    .or_default()
                    .push(event.to_holiday());
            }
            for (year, mut days) in by_year {
                crate::order::sort_by_key(&mut days, |day| day.date);
                self.years[region.index()].insert(year, days);
            }
        }
        self.rebuild_union();
    }

    /// The bank holidays of a region in a year, sorted by date. For the union, each day once,
    /// titled as the first of England and Wales, Scotland and Northern Ireland to have it.
    pub fn holidays(&self, region: Region, year: i32) -> Vec<BankHoliday> {
        self.year(region, year).into_owned()
    }

    /// Whether a day is a bank holiday in a region.
    pub fn is_bank_holiday(&self, region: Region, date: Date) -> bool {
        self.year(region, date.year())
            .binary_search_by_key(&date, |day| day.date)
            .is_ok()
    }

    /// A year's days: kept ready, or computed from the standing rules.
    pub(super) fn year(&self, region: Region, year: i32) -> Cow<'_, [BankHoliday]> {
        if let Some(days) = self.years[region.index()].get(&year) {
            return Cow::Borrowed(days);
        }
        Cow::Owned(match region {
            Region::UnitedKingdom => self.union(year),
            division => computed(division, year),
        })
    }

    fn union(&self, year: i32) -> Vec<BankHoliday> {
        let mut days: Vec<BankHoliday> = Region::DIVISIONS
            .into_iter()
            .flat_map(|division| self.year(division, year).into_owned())
            .collect();
        // A stable sort keeps the divisions' order among days of one date: the first title wins.
        crate::order::sort_by_key(&mut days, |day| day.date);
        days.dedup_by_key(|day| day.date);
        days
    }

    fn rebuild_union(&mut self) {
        let years: Vec<i32> = Region::DIVISIONS
            .iter()
            .flat_map(|division| self.years[division.index()].keys().copied())
            .collect();
        let mut union = BTreeMap::new();
        for year in years {
            union.entry(year).or_insert_with(|| self.union(year));
        }
        self.years[Region::UnitedKingdom.index()] = union;
    }
}

/// Easter Sunday by the Gregorian computus (the anonymous algorithm, as in Meeus, *Astronomical
/// Algorithms*); `None` only past chrono's range. Euclidean division keeps it total for any year.
pub fn easter_sunday(year: i32) -> Option<Date> {
    let y = i64::from(year);
    let (a, b, c) = (y.rem_euclid(19), y.div_euclid(100), y.rem_euclid(100));
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // n is at most 30 + 6 + 114, so month and day fit a u32.
    Date::from_ymd(
        year,
        u32::try_from(n / 31).ok()?,
        u32::try_from(n % 31 + 1).ok()?,
    )
}

/// The first Monday of a month.
fn first_monday(year: i32, month: u32) -> Option<Date> {
    let first = Date::from_ymd(year, month, 1)?;
    first.add_days((7 - i64::from(first.weekday().num_days_from_monday())) % 7)
}

/// The last Monday of a month of 31 days (May, August).
fn last_monday(year: i32, month: u32) -> Option<Date> {
    let last = Date::from_ymd(year, month, 31)?;
    last.add_days(-i64::from(last.weekday().num_days_from_monday()))
}

/// A one-off change appointed by royal proclamation under s1(3) of the 1971 Act: (year, the
/// divisions it applies to as [`Region::bit`]s, the standing day (month, day) it replaces if any,
/// the new day (month, day), its title).
type OneOff = (i32, u8, Option<(u32, u32)>, (u32, u32), &'static str);

/// All three divisions, and Scotland alone.
const UK: u8 = 0b111;
const SCOTLAND: u8 = 0b010;

/// The one-off days of [`BUILTIN_YEARS`].
#[rustfmt::skip]
const ONE_OFFS: [OneOff; 9] = [
    // The wedding of Prince William and Catherine Middleton.
    (2011, UK, None, (4, 29), "Royal wedding"),
    // The Diamond Jubilee: the spring holiday moved from Monday 28 May, and a day added.
    (2012, UK, Some((5, 28)), (6, 4), "Spring bank holiday"),
    (2012, UK, None, (6, 5), "Queen’s Diamond Jubilee"),
    // The 75th anniversary of VE day: the early May holiday moved from Monday 4 May.
    (2020, UK, Some((5, 4)), (5, 8), "Early May bank holiday (VE day)"),
    // The Platinum Jubilee: the spring holiday moved from Monday 30 May, and a day added.
    (2022, UK, Some((5, 30)), (6, 2), "Spring bank holiday"),
    (2022, UK, None, (6, 3), "Platinum Jubilee bank holiday"),
    // The state funeral of Queen Elizabeth II.
    (2022, UK, None, (9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II"),
    // The coronation of King Charles III.
    (2023, UK, None, (5, 8), "Bank holiday for the coronation of King Charles III"),
    // Proclamation of 4 February 2026, for Scotland only: its men's team at the FIFA World Cup.
    (2026, SCOTLAND, None, (6, 15), "World Cup bank holiday"),
];

/// A division's days in a year by the standing rules, plus the one-offs of [`BUILTIN_YEARS`];
/// sorted by date. Empty for the union (built from the divisions) and past chrono's range.
fn computed(division: Region, year: i32) -> Vec<BankHoliday> {
    let mut days = Vec::with_capacity(12);
    if division == Region::UnitedKingdom {
        return days;
    }
    let scotland = division == Region::Scotland;
    let ymd = |month, day| Date::from_ymd(year, month, day);
    let easter = easter_sunday(year);
    let mut weekday_rule = |date: Option<Date>, title: &'static str| {
        if let Some(date) = date {
            days.push(BankHoliday {
                date,
                title: Cow::Borrowed(title),
                substitute: false,
            });
        }
    };
    weekday_rule(easter.and_then(|d| d.add_days(-2)), "Good Friday");
    if !scotland {
        // 1971 Act Sch 1 para 1 (and para 3 for Northern Ireland); not a bank holiday in Scotland.
        weekday_rule(easter.and_then(|d| d.add_days(1)), "Easter Monday");
    }
    weekday_rule(first_monday(year, 5), "Early May bank holiday");
    weekday_rule(last_monday(year, 5), "Spring bank holiday");
    // Scotland's summer holiday is the first Monday of August (1971 Act Sch 1 para 2).
    weekday_rule(
        if scotland {
            first_monday(year, 8)
        } else {
            last_monday(year, 8)
        },
        "Summer bank holiday",
    );

    // Days of the month, moved to a substitute weekday when they fall on a weekend.
    let mut dated: Vec<(Date, &'static str)> = Vec::with_capacity(5);
    let mut day_of_month =
        |month, day, title| dated.extend(ymd(month, day).map(|date| (date, title)));
    day_of_month(1, 1, "New Year’s Day");
    if scotland {
        day_of_month(1, 2, "2nd January");
        // St Andrew's Day Bank Holiday (Scotland) Act 2007.
        day_of_month(11, 30, "St Andrew’s Day");
    }
    if division == Region::NorthernIreland {
        // 1971 Act Sch 1 para 3; the Boyne by proclamation every year.
        day_of_month(3, 17, "St Patrick’s Day");
        day_of_month(7, 12, "Battle of the Boyne (Orangemen’s Day)");
    }
    day_of_month(12, 25, "Christmas Day");
    day_of_month(12, 26, "Boxing Day");
    // A day on a weekday keeps it, even when an earlier day needs a substitute: when Christmas is
    // a Sunday, Monday 26 is Boxing Day and Tuesday 27 the substitute for Christmas (1971 Act
    // Sch 1: "27th December in a year in which 25th or 26th December is a Sunday"); likewise
    // 2 January in Scotland when New Year's Day is a Sunday.
    for &(date, title) in dated.iter().filter(|(date, _)| !date.is_weekend()) {
        days.push(BankHoliday {
            date,
            title: Cow::Borrowed(title),
            substitute: false,
        });
    }
    // Then each weekend day, in date order, takes the next weekday that is not already a holiday.
    for &(date, title) in dated.iter().filter(|(date, _)| date.is_weekend()) {
        let mut substitute = date;
        // At most two weekend days and a few taken weekdays lie between: the bound only guards.
        for _ in 0..14 {
            substitute = substitute.succ();
            if !substitute.is_weekend() && !days.iter().any(|day| day.date == substitute) {
                days.push(BankHoliday {
                    date: substitute,
                    title: Cow::Borrowed(title),
                    substitute: true,
                });
                break;
            }
        }
    }

    for &(_, divisions, replaces, (month, day), title) in ONE_OFFS.iter().filter(|o| o.0 == year) {
        if divisions & division.bit() == 0 {
            continue;
        }
        if let Some((month, day)) = replaces {
            days.retain(|d| Some(d.date) != ymd(month, day));
        }
        if let Some(date) = ymd(month, day) {
            days.push(BankHoliday {
                date,
                title: Cow::Borrowed(title),
                substitute: false,
            });
        }
    }
    crate::order::sort_by_key(&mut days, |day| day.date);
    days
}

/// GOV.UK's `bank-holidays.json` (<https://www.gov.uk/bank-holidays.json>): each division's
/// events. A division the file leaves out leaves the calendar's days for it alone.
///
/// Unknown fields are accepted, unlike the crate's own documents: the format is GOV.UK's, and a
/// field it adds one day must not stop the official file from loading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub struct GovUkBankHolidays {
    /// `england-and-wales`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub england_and_wales: Option<GovUkDivision>,
    /// `scotland`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scotland: Option<GovUkDivision>,
    /// `northern-ireland`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub northern_ireland: Option<GovUkDivision>,
}

/// One division of a GOV.UK file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GovUkDivision {
    /// The division's name (`england-and-wales`); the key above is what counts.
    #[serde(default)]
    pub division: String,
    /// Its days off, one per event.
    pub events: Vec<GovUkEvent>,
}

/// One day off in a GOV.UK file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GovUkEvent {
    /// Its name ("Boxing Day").
    pub title: String,
    /// The day off (a substitute day already moved to its weekday).
    pub date: Date,
    /// `"Substitute day"` for a substitute, else usually empty.
    #[serde(default)]
    pub notes: String,
    /// Whether GOV.UK shows bunting (a celebration, not a working-day matter).
    #[serde(default)]
    pub bunting: bool,
}

impl GovUkEvent {
    fn to_holiday(&self) -> BankHoliday {
        BankHoliday {
            date: self.date,
            title: Cow::Owned(self.title.clone()),
            substitute: self.notes.to_ascii_lowercase().contains("substitute"),
        }
    }
}

impl GovUkBankHolidays {
    /// The divisions the file gives, each with its region.
    pub fn divisions(&self) -> impl Iterator<Item = (Region, &GovUkDivision)> {
        Region::DIVISIONS
            .into_iter()
            .zip([
                &self.england_and_wales,
                &self.scotland,
                &self.northern_ireland,
            ])
            .filter_map(|(region, division)| Some((region, division.as_ref()?)))
    }

    /// Reads the file's JSON text. A bad date is an `invalid-date` error at its path that quotes
    /// the value (`england-and-wales.events[3].date`: `"2031-02-30" is not a date (YYYY-MM-DD)`).
    pub fn from_json(text: &str) -> crate::Result<GovUkBankHolidays> {
        crate::json::value_from_json(text, "")
    }
}
