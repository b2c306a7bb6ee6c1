//! The bank-holiday calendar and working days. Expectations are typed in by hand (GOV.UK's
//! published lists for past years, the statutory rules for later ones) or read from the
//! independent reference file `tests/data/bank-holidays.json`, never computed by the crate.

use std::collections::BTreeMap;
use std::time::Instant;

use engagekit::calendar::{easter_sunday, BankHolidays, GovUkBankHolidays, Region, BUILTIN_YEARS};
use engagekit::Date;

use Region::{EnglandAndWales as EW, NorthernIreland as NI, Scotland as SC, UnitedKingdom as UK};

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn dates(calendar: &BankHolidays, region: Region, year: i32) -> Vec<String> {
    calendar
        .holidays(region, year)
        .iter()
        .map(|h| h.date.to_string())
        .collect()
}

/// England and Wales, 2010 to 2035, one row a year, typed in by hand.
#[rustfmt::skip]
const ENGLAND_AND_WALES: [(i32, &[&str]); 26] = [
    (2010, &["2010-01-01", "2010-04-02", "2010-04-05", "2010-05-03", "2010-05-31", "2010-08-30", "2010-12-27", "2010-12-28"]),
    (2011, &["2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02", "2011-05-30", "2011-08-29", "2011-12-26", "2011-12-27"]),
    (2012, &["2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25", "2012-12-26"]),
    (2013, &["2013-01-01", "2013-03-29", "2013-04-01", "2013-05-06", "2013-05-27", "2013-08-26", "2013-12-25", "2013-12-26"]),
    (2014, &["2014-01-01", "2014-04-18", "2014-04-21", "2014-05-05", "2014-05-26", "2014-08-25", "2014-12-25", "2014-12-26"]),
    (2015, &["2015-01-01", "2015-04-03", "2015-04-06", "2015-05-04", "2015-05-25", "2015-08-31", "2015-12-25", "2015-12-28"]),
    (2016, &["2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02", "2016-05-30", "2016-08-29", "2016-12-26", "2016-12-27"]),
    (2017, &["2017-01-02", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-29", "2017-08-28", "2017-12-25", "2017-12-26"]),
    (2018, &["2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26"]),
    (2019, &["2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"]),
    (2020, &["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"]),
    (2021, &["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"]),
    (2022, &["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"]),
    (2023, &["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"]),
    (2024, &["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"]),
    (2025, &["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"]),
    (2026, &["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]),
    (2027, &["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"]),
    (2028, &["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"]),
    (2029, &["2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07", "2029-05-28", "2029-08-27", "2029-12-25", "2029-12-26"]),
    (2030, &["2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06", "2030-05-27", "2030-08-26", "2030-12-25", "2030-12-26"]),
    (2031, &["2031-01-01", "2031-04-11", "2031-04-14", "2031-05-05", "2031-05-26", "2031-08-25", "2031-12-25", "2031-12-26"]),
    (2032, &["2032-01-01", "2032-03-26", "2032-03-29", "2032-05-03", "2032-05-31", "2032-08-30", "2032-12-27", "2032-12-28"]),
    (2033, &["2033-01-03", "2033-04-15", "2033-04-18", "2033-05-02", "2033-05-30", "2033-08-29", "2033-12-26", "2033-12-27"]),
    (2034, &["2034-01-02", "2034-04-07", "2034-04-10", "2034-05-01", "2034-05-29", "2034-08-28", "2034-12-25", "2034-12-26"]),
    (2035, &["2035-01-01", "2035-03-23", "2035-03-26", "2035-05-07", "2035-05-28", "2035-08-27", "2035-12-25", "2035-12-26"]),
];

#[test]
fn england_and_wales_every_year_2010_to_2035() {
    let calendar = BankHolidays::builtin();
    assert_eq!(ENGLAND_AND_WALES.len(), BUILTIN_YEARS.count());
    for (year, expected) in ENGLAND_AND_WALES {
        assert_eq!(
            dates(&calendar, EW, year),
            expected,
            "England and Wales {year}"
        );
        for day in expected {
            assert!(calendar.is_bank_holiday(EW, d(day)), "{day}");
            assert!(!calendar.is_working_day(EW, d(day)), "{day}");
        }
    }
}

fn reference() -> GovUkBankHolidays {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/bank-holidays.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The reference file's days of one division, by year: (date, substitute).
fn reference_by_year(
    file: &GovUkBankHolidays,
    region: Region,
) -> BTreeMap<i32, Vec<(String, bool)>> {
    let (_, division) = file.divisions().find(|(r, _)| *r == region).unwrap();
    let mut by_year: BTreeMap<i32, Vec<(String, bool)>> = BTreeMap::new();
    for event in &division.events {
        by_year
            .entry(event.date.year())
            .or_default()
            .push((event.date.to_string(), event.notes == "Substitute day"));
    }
    for days in by_year.values_mut() {
        days.sort();
    }
    by_year
}

/// The built-in calendar and the independent reference (generated from the `holidays` package)
/// agree on every day of every division from 2010 to 2035, including Scotland's World Cup day of
/// 15 June 2026 (royal proclamation of 4 February 2026), and on which days are substitutes but
/// for one case, where the law sides with this crate.
///
/// When New Year's Day is a Sunday (2012, 2017, 2023, 2034) the reference calls Monday 2 January
/// in Scotland a substitute for New Year's Day and Tuesday 3 January a substitute for 2 January.
/// The 1971 Act, Sch 1 para 2, makes 2 January itself the bank holiday when it is not a Sunday,
/// and 3 January the day for a New Year's Day that is: Monday 2 January is no substitute. (The
/// reference itself follows that reading for Christmas on a Sunday: Monday 26 December is Boxing
/// Day, Tuesday 27 the substitute.) The days off are the same either way.
#[test]
fn all_divisions_match_the_reference_file_2010_to_2035() {
    let calendar = BankHolidays::builtin();
    let file = reference();
    let mut labelled_differently = Vec::new();
    for region in Region::DIVISIONS {
        let reference = reference_by_year(&file, region);
        assert_eq!(
            reference.keys().copied().collect::<Vec<_>>(),
            BUILTIN_YEARS.collect::<Vec<_>>()
        );
        for (year, days) in reference {
            let ours: Vec<(String, bool)> = calendar
                .holidays(region, year)
                .iter()
                .map(|h| (h.date.to_string(), h.substitute))
                .collect();
            let dates_of = |days: &[(String, bool)]| {
                days.iter()
                    .map(|(date, _)| date.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(dates_of(&ours), dates_of(&days), "{region:?} {year}");
            for (mine, theirs) in ours.iter().zip(&days) {
                if mine.1 != theirs.1 {
                    labelled_differently.push(format!(
                        "{region:?} {} ours {} theirs {}",
                        mine.0, mine.1, theirs.1
                    ));
                }
            }
        }
    }
    assert_eq!(
        labelled_differently,
        [
            "Scotland 2012-01-02 ours false theirs true",
            "Scotland 2017-01-02 ours false theirs true",
            "Scotland 2023-01-02 ours false theirs true",
            "Scotland 2034-01-02 ours false theirs true",
        ]
    );
}

#[test]
fn the_reference_file_loads_and_merging_it_changes_nothing() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/bank-holidays.json"
    ))
    .unwrap();
    let file = GovUkBankHolidays::from_json(&text).unwrap();
    assert_eq!(file, reference());
    let builtin = BankHolidays::builtin();
    let merged = BankHolidays::builtin().with_govuk(&file);
    for region in Region::ALL {
        for year in BUILTIN_YEARS {
            assert_eq!(
                dates(&merged, region, year),
                dates(&builtin, region, year),
                "{region:?} {year}"
            );
        }
    }
    assert_eq!(merged.holidays(EW, 2022)[0].title, "New Year's Day");
    assert_eq!(builtin.holidays(EW, 2022)[0].title, "New Year’s Day");
}

#[test]
fn substitute_days() {
    let calendar = BankHolidays::builtin();
    let cases = [
        ("2010-12-27", "Christmas Day"),
        ("2010-12-28", "Boxing Day"),
        ("2011-01-03", "New Year’s Day"),
        ("2016-12-27", "Christmas Day"),
        ("2021-12-27", "Christmas Day"),
        ("2021-12-28", "Boxing Day"),
        ("2022-12-27", "Christmas Day"),
        ("2026-12-28", "Boxing Day"),
    ];
    for (date, title) in cases {
        let day = calendar
            .holidays(EW, d(date).year())
            .into_iter()
            .find(|h| h.date == d(date))
            .unwrap();
        assert_eq!(
            (day.title.as_ref(), day.substitute),
            (title, true),
            "{date}"
        );
    }
    // Christmas on a Sunday: Monday 26 is Boxing Day itself (1971 Act Sch 1), not a substitute.
    for date in ["2016-12-26", "2022-12-26"] {
        let day = calendar
            .holidays(EW, d(date).year())
            .into_iter()
            .find(|h| h.date == d(date))
            .unwrap();
        assert_eq!(
            (day.title.as_ref(), day.substitute),
            ("Boxing Day", false),
            "{date}"
        );
    }
    for date in [
        "2010-12-25",
        "2010-12-26",
        "2011-01-01",
        "2016-12-25",
        "2022-12-25",
    ] {
        assert!(
            !calendar.is_bank_holiday(EW, d(date)),
            "{date} is a weekend day, not itself a holiday"
        );
    }
}

#[test]
fn one_off_days_and_the_days_they_replaced() {
    let calendar = BankHolidays::builtin();
    for region in Region::ALL {
        for date in [
            "2011-04-29",
            "2012-06-04",
            "2012-06-05",
            "2020-05-08",
            "2022-06-02",
            "2022-06-03",
            "2022-09-19",
            "2023-05-08",
        ] {
            assert!(
                calendar.is_bank_holiday(region, d(date)),
                "{region:?} {date}"
            );
        }
        for date in ["2012-05-28", "2020-05-04", "2022-05-30"] {
            assert!(
                !calendar.is_bank_holiday(region, d(date)),
                "{region:?} {date}"
            );
            assert!(
                calendar.is_working_day(region, d(date)),
                "{region:?} {date}"
            );
        }
    }
    // Scotland's World Cup day (proclamation of 4 February 2026) is Scotland's alone.
    assert!(calendar.is_bank_holiday(SC, d("2026-06-15")));
    assert!(calendar.is_bank_holiday(UK, d("2026-06-15")));
    assert!(!calendar.is_bank_holiday(EW, d("2026-06-15")));
    assert!(!calendar.is_bank_holiday(NI, d("2026-06-15")));
    let ve_day = calendar
        .holidays(EW, 2020)
        .into_iter()
        .find(|h| h.date == d("2020-05-08"))
        .unwrap();
    assert_eq!(
        (ve_day.title.as_ref(), ve_day.substitute),
        ("Early May bank holiday (VE day)", false)
    );
}

#[test]
fn scotland() {
    let calendar = BankHolidays::builtin();
    assert_eq!(
        dates(&calendar, SC, 2024),
        [
            "2024-01-01",
            "2024-01-02",
            "2024-03-29",
            "2024-05-06",
            "2024-05-27",
            "2024-08-05",
            "2024-12-02",
            "2024-12-25",
            "2024-12-26"
        ]
    );
    // 2 January; Good Friday but no Easter Monday; the first Monday of August, not the last.
    assert!(
        calendar.is_bank_holiday(SC, d("2024-01-02"))
            && !calendar.is_bank_holiday(EW, d("2024-01-02"))
    );
    assert!(
        !calendar.is_bank_holiday(SC, d("2024-04-01"))
            && calendar.is_bank_holiday(EW, d("2024-04-01"))
    );
    assert!(
        calendar.is_bank_holiday(SC, d("2025-08-04"))
            && !calendar.is_bank_holiday(SC, d("2025-08-25"))
    );
    // St Andrew's Day on a Sunday (2025) and a Saturday (2024): the Monday after.
    let st_andrew = calendar
        .holidays(SC, 2025)
        .into_iter()
        .find(|h| h.date == d("2025-12-01"))
        .unwrap();
    assert_eq!(
        (st_andrew.title.as_ref(), st_andrew.substitute),
        ("St Andrew’s Day", true)
    );
    assert!(!calendar.is_bank_holiday(SC, d("2025-11-30")));
    assert!(calendar.is_bank_holiday(SC, d("2024-12-02")));
    // New Year's Day on a Saturday: Monday 3 and Tuesday 4 January 2022.
    let new_year: Vec<_> = calendar
        .holidays(SC, 2022)
        .into_iter()
        .take(2)
        .map(|h| (h.date.to_string(), h.substitute))
        .collect();
    assert_eq!(
        new_year,
        [
            ("2022-01-03".to_string(), true),
            ("2022-01-04".to_string(), true)
        ]
    );
    // New Year's Day on a Sunday: Monday 2 January is 2 January itself, Tuesday 3 the substitute.
    let new_year: Vec<_> = calendar
        .holidays(SC, 2023)
        .into_iter()
        .take(2)
        .map(|h| (h.title.into_owned(), h.substitute))
        .collect();
    assert_eq!(
        new_year,
        [
            ("2nd January".to_string(), false),
            ("New Year’s Day".to_string(), true)
        ]
    );
}

#[test]
fn northern_ireland() {
    let calendar = BankHolidays::builtin();
    assert_eq!(
        dates(&calendar, NI, 2024),
        [
            "2024-01-01",
            "2024-03-18",
            "2024-03-29",
            "2024-04-01",
            "2024-05-06",
            "2024-05-27",
            "2024-07-12",
            "2024-08-26",
            "2024-12-25",
            "2024-12-26"
        ]
    );
    let st_patrick = calendar
        .holidays(NI, 2024)
        .into_iter()
        .find(|h| h.date == d("2024-03-18"))
        .unwrap();
    assert_eq!(
        (st_patrick.title.as_ref(), st_patrick.substitute),
        ("St Patrick’s Day", true)
    );
    // The Boyne on a Sunday (2020, 2026): Monday 13 July.
    assert!(
        calendar.is_bank_holiday(NI, d("2020-07-13"))
            && !calendar.is_bank_holiday(NI, d("2020-07-12"))
    );
    assert!(calendar.is_bank_holiday(NI, d("2026-07-13")));
    assert!(!calendar.is_bank_holiday(EW, d("2026-07-13")));
}

#[test]
fn the_united_kingdom_union() {
    let calendar = BankHolidays::builtin();
    assert_eq!(
        dates(&calendar, UK, 2024),
        [
            "2024-01-01",
            "2024-01-02",
            "2024-03-18",
            "2024-03-29",
            "2024-04-01",
            "2024-05-06",
            "2024-05-27",
            "2024-07-12",
            "2024-08-05",
            "2024-08-26",
            "2024-12-02",
            "2024-12-25",
            "2024-12-26"
        ]
    );
    // Days shared by the divisions come once, titled as England and Wales title them.
    let christmas = calendar
        .holidays(UK, 2024)
        .into_iter()
        .find(|h| h.date == d("2024-12-25"))
        .unwrap();
    assert_eq!(christmas.title, "Christmas Day");
    assert_eq!(serde_json::to_string(&UK).unwrap(), "\"united-kingdom\"");
    assert_eq!(
        serde_json::from_str::<Region>("\"england-and-wales\"").unwrap(),
        EW
    );
    assert_eq!(
        serde_json::from_str::<Region>("\"northern-ireland\"").unwrap(),
        NI
    );
    assert_eq!(Region::default(), EW);
}

#[test]
fn years_outside_the_builtin_range_follow_the_standing_rules() {
    let calendar = BankHolidays::default();
    assert_eq!(
        dates(&calendar, EW, 2040),
        [
            "2040-01-02",
            "2040-03-30",
            "2040-04-02",
            "2040-05-07",
            "2040-05-28",
            "2040-08-27",
            "2040-12-25",
            "2040-12-26"
        ]
    );
    assert_eq!(
        dates(&calendar, EW, 2009),
        [
            "2009-01-01",
            "2009-04-10",
            "2009-04-13",
            "2009-05-04",
            "2009-05-25",
            "2009-08-31",
            "2009-12-25",
            "2009-12-28"
        ]
    );
    assert_eq!(dates(&calendar, SC, 2040).len(), 9);
    assert_eq!(dates(&calendar, UK, 2040).len(), 13);
    // No one-offs outside the built-in years: 29 April 2011 was one, 29 April 2039 is not.
    assert!(!calendar.is_bank_holiday(EW, d("2039-04-29")));
    // Far years and impossible years: no panic, and no days where chrono has no dates.
    assert_eq!(calendar.holidays(EW, 1).len(), 8);
    assert!(calendar.holidays(UK, -3000).len() >= 8);
    assert!(calendar.holidays(UK, i32::MAX).is_empty());
    assert!(calendar.holidays(SC, i32::MIN).is_empty());
}

#[test]
fn easter_by_the_gregorian_computus() {
    for (year, easter) in [
        (1818, "1818-03-22"),
        (1943, "1943-04-25"),
        (2000, "2000-04-23"),
        (2008, "2008-03-23"),
        (2011, "2011-04-24"),
        (2019, "2019-04-21"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ] {
        assert_eq!(easter_sunday(year), Some(d(easter)), "{year}");
    }
    assert_eq!(easter_sunday(i32::MAX), None);
}

const SMALL_FILE: &str = r#"{
  "england-and-wales": {"division": "england-and-wales", "events": [
    {"title": "New Year’s Day", "date": "2031-01-01", "notes": "", "bunting": true},
    {"title": "Good Friday", "date": "2031-04-11", "notes": "", "bunting": false},
    {"title": "Easter Monday", "date": "2031-04-14", "notes": "", "bunting": true},
    {"title": "Early May bank holiday", "date": "2031-05-05", "notes": "", "bunting": true},
    {"title": "Spring bank holiday", "date": "2031-05-26", "notes": "", "bunting": true},
    {"title": "Made-up jubilee", "date": "2031-06-06", "notes": "", "bunting": true},
    {"title": "Summer bank holiday", "date": "2031-09-01", "notes": "", "bunting": true},
    {"title": "Christmas Day", "date": "2031-12-25", "notes": "", "bunting": true},
    {"title": "Boxing Day", "date": "2031-12-26", "notes": "", "bunting": true},
    {"title": "Made-up day", "date": "2040-07-02", "notes": "", "bunting": true},
    {"title": "Made-up Saturday", "date": "2040-07-07", "notes": "", "bunting": true},
    {"title": "Made-up day, listed twice", "date": "2040-07-02", "notes": "", "bunting": true}
  ]},
  "northern-ireland": {"division": "northern-ireland", "events": [
    {"title": "Boyne", "date": "2040-07-13", "notes": "Substitute day"}
  ]}
}"#;

#[test]
fn a_govuk_file_replaces_the_years_it_lists() {
    let file = GovUkBankHolidays::from_json(SMALL_FILE).unwrap();
    let calendar = BankHolidays::builtin().with_govuk(&file);
    // 2031: a made-up day added, the summer holiday moved to 1 September.
    assert_eq!(
        dates(&calendar, EW, 2031),
        [
            "2031-01-01",
            "2031-04-11",
            "2031-04-14",
            "2031-05-05",
            "2031-05-26",
            "2031-06-06",
            "2031-09-01",
            "2031-12-25",
            "2031-12-26"
        ]
    );
    assert!(
        calendar.is_bank_holiday(EW, d("2031-06-06"))
            && !calendar.is_working_day(EW, d("2031-06-06"))
    );
    assert!(
        !calendar.is_bank_holiday(EW, d("2031-08-25"))
            && calendar.is_working_day(EW, d("2031-08-25"))
    );
    assert_eq!(calendar.holidays(EW, 2031)[5].title, "Made-up jubilee");
    // The union follows; Scotland, absent from the file, keeps its own days.
    assert!(calendar.is_bank_holiday(UK, d("2031-06-06")));
    assert!(!calendar.is_bank_holiday(SC, d("2031-06-06")));
    assert_eq!(
        dates(&calendar, SC, 2031),
        dates(&BankHolidays::builtin(), SC, 2031)
    );
    assert!(
        calendar.is_bank_holiday(UK, d("2031-08-04")),
        "Scotland's summer holiday stays in the union"
    );
    // 2030 is not in the file: untouched.
    assert_eq!(dates(&calendar, EW, 2030), ENGLAND_AND_WALES[20].1);
    // 2040, outside the built-in years: the file's days are the year's days.
    assert_eq!(
        dates(&calendar, EW, 2040),
        ["2040-07-02", "2040-07-02", "2040-07-07"]
    );
    assert!(!calendar.is_bank_holiday(EW, d("2040-12-25")));
    assert!(
        calendar.is_bank_holiday(SC, d("2040-12-25"))
            && calendar.is_bank_holiday(UK, d("2040-12-25"))
    );
    let boyne = calendar.holidays(NI, 2040);
    assert_eq!((boyne.len(), boyne[0].substitute), (1, true));
    // A date listed twice counts once, a Saturday not at all: 2 to 9 July 2040 has 6 weekdays.
    assert_eq!(
        calendar.working_days_between(EW, d("2040-07-01"), d("2040-07-09")),
        5
    );
}

#[test]
fn a_bad_date_in_a_govuk_file_is_the_crate_error() {
    let text = r#"{"scotland": {"division": "scotland", "events": [
        {"title": "Christmas Day", "date": "2031-12-25", "notes": "", "bunting": true},
        {"title": "Nonsense", "date": "2031-02-30", "notes": "", "bunting": true}]}}"#;
    let err = GovUkBankHolidays::from_json(text).unwrap_err();
    assert_eq!(err.code(), "invalid-date");
    assert_eq!(err.path(), "scotland.events[1].date");
    assert!(
        err.to_string().contains("\"2031-02-30\" is not a date"),
        "{err}"
    );
    let serde_err = serde_json::from_str::<GovUkBankHolidays>(text).unwrap_err();
    assert!(
        serde_err
            .to_string()
            .contains("\"2031-02-30\" is not a date"),
        "{serde_err}"
    );
    assert_eq!(
        GovUkBankHolidays::from_json("{").unwrap_err().code(),
        "not-json"
    );
    assert_eq!(
        GovUkBankHolidays::from_json(r#"{"scotland": {"events": [{"date": "2031-12-25"}]}}"#)
            .unwrap_err()
            .code(),
        "missing-field"
    );
    // An empty file or one without a division changes nothing.
    let empty = GovUkBankHolidays::from_json("{}").unwrap();
    assert_eq!(
        BankHolidays::builtin().with_govuk(&empty),
        BankHolidays::builtin()
    );
}

#[test]
fn working_days_across_christmas_and_easter() {
    let calendar = BankHolidays::builtin();
    // After Friday 23 December 2016 up to Tuesday 3 January 2017: 28, 29, 30 December and
    // 3 January (26 and 27 December and 2 January are bank holidays in England and Wales).
    assert_eq!(
        calendar.working_days_between(EW, d("2016-12-23"), d("2017-01-03")),
        4
    );
    // Scotland: 3 January 2017 is New Year's Day's substitute (2 January was itself a holiday).
    assert_eq!(
        calendar.working_days_between(SC, d("2016-12-23"), d("2017-01-03")),
        3
    );
    assert_eq!(
        calendar.working_days_between(UK, d("2016-12-23"), d("2017-01-03")),
        3
    );
    // Easter 2024: Good Friday 29 March, Easter Monday 1 April (not in Scotland).
    assert_eq!(
        calendar.working_days_between(EW, d("2024-03-28"), d("2024-04-05")),
        4
    );
    assert_eq!(
        calendar.working_days_between(SC, d("2024-03-28"), d("2024-04-05")),
        5
    );
    assert_eq!(
        calendar.working_days_between(EW, d("2024-04-05"), d("2024-03-28")),
        0
    );
    assert_eq!(
        calendar.working_days_between(EW, d("2024-04-05"), d("2024-04-05")),
        0
    );
    assert_eq!(
        calendar.working_days_between(EW, d("2024-04-05"), d("2024-04-06")),
        0
    );
    assert_eq!(
        calendar.working_days_between(EW, d("2024-04-05"), d("2024-04-08")),
        1
    );
    assert_eq!(
        calendar.nth_working_day_after(EW, d("2016-12-23"), 1),
        Some(d("2016-12-28"))
    );
    assert_eq!(
        calendar.nth_working_day_after(EW, d("2016-12-23"), 4),
        Some(d("2017-01-03"))
    );
    assert_eq!(
        calendar.nth_working_day_after(SC, d("2016-12-23"), 4),
        Some(d("2017-01-04"))
    );
    assert_eq!(
        calendar.nth_working_day_after(EW, d("2024-03-28"), 1),
        Some(d("2024-04-02"))
    );
}

/// Two conventions for "8 working days" from Monday 2 December 2024.
///
/// After the day: the 8th working day after 2 December is Thursday 12 December, in England and
/// Wales and UK-wide alike (3, 4, 5, 6, 9, 10, 11, 12 December). The PSR counts from the day
/// after the day after (regulation 12(2) and (3)): Friday 13 December.
///
/// Beginning with the day: in England and Wales the 8 working days are 2 to 11 December, ending
/// Wednesday 11 December. UK-wide they end Thursday 12 December, not Wednesday 11: St Andrew's
/// Day fell on Saturday 30 November 2024, so Monday 2 December was Scotland's substitute bank
/// holiday, and a bank holiday in any part of the UK is not a working day (Procurement Act 2023
/// s123), so the count begins on Tuesday 3 December.
#[test]
fn eight_working_days_from_monday_2_december_2024() {
    let calendar = BankHolidays::builtin();
    let monday = d("2024-12-02");
    assert_eq!(
        calendar.nth_working_day_after(EW, monday, 8),
        Some(d("2024-12-12"))
    );
    assert_eq!(
        calendar.nth_working_day_after(UK, monday, 8),
        Some(d("2024-12-12"))
    );
    // PSR regulation 12: the period begins on the day after the notice (Tuesday 3 December) and
    // ends at the 8th working day after the day it begins: 4, 5, 6, 9, 10, 11, 12, 13 -> Friday
    // 13 December.
    assert_eq!(
        calendar.nth_working_day_after(EW, monday.succ(), 8),
        Some(d("2024-12-13"))
    );
    // "Beginning with" a day: the nth working day after the day before it.
    assert_eq!(
        calendar.nth_working_day_after(EW, monday.pred(), 8),
        Some(d("2024-12-11"))
    );
    assert_eq!(
        calendar.nth_working_day_after(UK, monday.pred(), 8),
        Some(d("2024-12-12"))
    );
    assert!(calendar.is_working_day(EW, monday));
    assert!(!calendar.is_working_day(UK, monday));
    assert!(!calendar.is_working_day(SC, monday));
    assert_eq!(calendar.nth_working_day_after(EW, monday, 0), Some(monday));
    assert_eq!(calendar.nth_working_day_after(UK, monday, 0), Some(monday));
}

#[test]
fn a_ten_year_span() {
    let calendar = BankHolidays::builtin();
    // 2015 to 2024: 2,609 weekdays less 83 bank holidays in England and Wales (8 a year, 10 in
    // 2022, 9 in 2023), that is 253 + 253 + 252 + 253 + 253 + 254 + 253 + 250 + 251 + 254.
    assert_eq!(
        calendar.working_days_between(EW, d("2014-12-31"), d("2024-12-31")),
        2526
    );
    assert_eq!(
        calendar.working_days_between(EW, d("2014-12-31"), d("2015-12-31")),
        253
    );
    assert_eq!(
        calendar.working_days_between(EW, d("2021-12-31"), d("2022-12-31")),
        250
    );
    assert_eq!(
        calendar.nth_working_day_after(EW, d("2014-12-31"), 2526),
        Some(d("2024-12-31"))
    );
    assert_eq!(
        calendar.nth_working_day_after(EW, d("2014-12-31"), 2527),
        Some(d("2025-01-02"))
    );
}

/// Counting day by day, the slow and obvious way, to check the arithmetic.
fn count_one_by_one(calendar: &BankHolidays, region: Region, from: Date, to: Date) -> u32 {
    let mut count = 0;
    let mut day = from;
    while day < to {
        day = day.succ();
        count += u32::from(calendar.is_working_day(region, day));
    }
    count
}

#[test]
fn counting_agrees_with_walking_day_by_day() {
    let calendar = BankHolidays::builtin();
    for region in Region::ALL {
        // Every start in a stretch with substitutes, one-offs and year ends, many lengths.
        let mut from = d("2021-12-20");
        while from < d("2023-01-10") {
            for length in [0, 1, 2, 3, 6, 7, 8, 13, 30, 45, 400] {
                let to = from.add_days(length).unwrap();
                let want = count_one_by_one(&calendar, region, from, to);
                let got = calendar.working_days_between(region, from, to);
                assert_eq!(got, want, "{region:?} {from} {to}");
                assert!(
                    i64::from(got) <= to.days_since(from).max(0),
                    "never more working days than days"
                );
            }
            for n in [1, 2, 5, 8, 20] {
                let nth = calendar.nth_working_day_after(region, from, n).unwrap();
                assert!(
                    calendar.is_working_day(region, nth),
                    "{region:?} {from} {n}"
                );
                assert_eq!(count_one_by_one(&calendar, region, from, nth), n);
                assert_eq!(count_one_by_one(&calendar, region, from, nth.pred()), n - 1);
            }
            from = from.succ();
        }
    }
}

#[test]
fn extremes_do_not_panic() {
    let calendar = BankHolidays::builtin();
    let first = d("0001-01-01");
    let last = d("9999-12-31");
    let all = calendar.working_days_between(EW, first, last);
    assert!(all > 2_500_000 && i64::from(all) < last.days_since(first));
    assert_eq!(calendar.nth_working_day_after(EW, first, all), Some(last));
    let end = Date::from(chrono::NaiveDate::MAX);
    assert_eq!(calendar.nth_working_day_after(UK, end, 1), None);
    assert_eq!(calendar.nth_working_day_after(EW, first, u32::MAX), None);
    assert!(calendar.working_days_between(UK, end.add_days(-20).unwrap(), end) <= 20);
    let start = Date::from(chrono::NaiveDate::MIN);
    assert!(calendar.working_days_between(SC, start, start.add_days(30).unwrap()) > 0);
}

#[test]
fn queries_are_fast() {
    let calendar = BankHolidays::builtin();
    let start = d("2016-01-01");
    let begun = Instant::now();
    let mut total = 0u64;
    for i in 0..1_000_000u32 {
        let day = start.add_days(i64::from(i % 3650)).unwrap();
        let region = Region::ALL[(i % 4) as usize];
        total += match i % 4 {
            0 => u64::from(calendar.is_working_day(region, day)),
            1 => u64::from(calendar.is_bank_holiday(region, day)),
            2 => u64::from(calendar.working_days_between(
                region,
                day,
                day.add_days(i64::from(i % 100)).unwrap(),
            )),
            _ => u64::from(
                calendar
                    .nth_working_day_after(region, day, i % 20)
                    .unwrap()
                    .day(),
            ),
        };
    }
    let elapsed = begun.elapsed();
    assert!(total > 0);
    // Generous, so that a slow debug build on a busy machine passes: release takes well under 1 s.
    assert!(elapsed.as_secs() < 20, "a million queries took {elapsed:?}");
}
