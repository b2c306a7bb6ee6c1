//! Timeline rules, status and calendar export: each finding triggered and just missed on its
//! boundary day, status and projection by hand, and the calendar read back by an independent
//! iCalendar parser.

use engagekit::json::from_json;
use engagekit::timeline::{check, to_ics, Stage, Status, Timeline, TimelineCheck};
use engagekit::Date;
use serde_json::{json, Value};

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn activity(id: &str, kind: &str, start: &str, end: &str) -> Value {
    json!({"id": id, "kind": kind, "title": format!("The {id}"), "start": start, "end": end})
}

/// A lawful plan: scrutiny with its dates before a consultation of 85 days (Fri 4 Jan to Fri
/// 29 Mar 2019, clear of Christmas, Easter (Good Friday 19 April 2019) and August), analysis
/// after it, a decision after the analysis, feedback after the decision. The council consultation
/// began in 2018, before 31 January 2024: no notification of the Secretary of State is needed.
fn plan() -> Value {
    json!({"schema": "engagekit/timeline@1", "id": "stroke", "title": "Stroke services review", "substantialVariation": true,
    "activities": [
        {"id": "jhosc", "kind": "scrutiny", "title": "JHOSC", "start": "2018-10-30", "end": "2018-10-30", "commentsBy": "2019-01-02", "decisionBy": "2019-10-02"},
        activity("consult", "consultation", "2019-01-04", "2019-03-29"),
        activity("analysis", "analysis", "2019-04-01", "2019-06-28"),
        activity("report", "publication", "2019-06-14", "2019-06-14"),
        activity("decision", "decision", "2019-09-12", "2019-09-12"),
        activity("feedback", "feedback", "2019-09-16", "2019-11-01")
    ]})
}

/// A lawful plan of 2024: the council consultation (scrutiny) starts on Wednesday 31 January
/// 2024, the first day of the notification duty, and the Secretary of State is notified on the
/// day the public consultation starts (Mon 2 Sep to Fri 29 Nov 2024, 89 days, after August).
fn plan_2024() -> Value {
    json!({"schema": "engagekit/timeline@1", "id": "maternity", "title": "Maternity services review", "substantialVariation": true,
    "activities": [
        {"id": "hosc", "kind": "scrutiny", "title": "HOSC", "start": "2024-01-31", "end": "2024-01-31", "commentsBy": "2024-11-29", "decisionBy": "2025-03-13"},
        {"id": "sos", "kind": "notification", "title": "Notify the Secretary of State", "start": "2024-09-02", "end": "2024-09-02", "recipient": "secretaryOfState"},
        activity("consult", "consultation", "2024-09-02", "2024-11-29"),
        activity("analysis", "analysis", "2024-12-02", "2025-01-31"),
        activity("report", "publication", "2025-02-14", "2025-02-14"),
        activity("decision", "decision", "2025-03-13", "2025-03-13"),
        activity("feedback", "feedback", "2025-03-17", "2025-04-30")
    ]})
}

fn read(plan: &Value) -> Result<Timeline, engagekit::Error> {
    from_json(&plan.to_string())
}

fn run(plan: &Value, today: &str) -> TimelineCheck {
    check(&read(plan).unwrap(), d(today))
}

fn codes(r: &TimelineCheck) -> Vec<(String, Option<String>)> {
    r.diagnostics
        .iter()
        .map(|x| {
            (
                x.code.clone(),
                x.id(engagekit::timeline::ACTIVITY).map(String::from),
            )
        })
        .collect()
}

fn has(r: &TimelineCheck, code: &str) -> bool {
    r.diagnostics.iter().any(|x| x.code == code)
}

/// The messages of the findings with this code.
fn messages(r: &TimelineCheck, code: &str) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|x| x.code == code)
        .map(|x| x.message.clone())
        .collect()
}

/// The activities of the findings with this code.
fn flagged(r: &TimelineCheck, code: &str) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|x| x.code == code)
        .filter_map(|x| x.id(engagekit::timeline::ACTIVITY).map(String::from))
        .collect()
}

/// Sets a field of the activity with id `id`.
fn set(plan: &mut Value, id: &str, field: &str, value: Value) {
    let a = plan["activities"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|a| a["id"] == id)
        .unwrap();
    a[field] = value;
}

/// Sets an activity's first and last day.
fn dates(plan: &mut Value, id: &str, start: &str, end: &str) {
    set(plan, id, "start", json!(start));
    set(plan, id, "end", json!(end));
}

fn push(plan: &mut Value, activity: Value) {
    plan["activities"].as_array_mut().unwrap().push(activity);
}

#[test]
fn a_lawful_plan_has_no_findings() {
    assert_eq!(codes(&run(&plan(), "2019-03-01")), vec![]);
    assert_eq!(codes(&run(&plan_2024(), "2024-10-01")), vec![]);
}

#[test]
fn consultation_too_short_at_84_days_is_local_policy() {
    let mut p = plan();
    // Fri 4 Jan + 84 days = Fri 29 Mar is day 85 (inclusive). Thu 28 Mar: 84 days = 12 weeks: fine.
    set(&mut p, "consult", "end", json!("2019-03-28"));
    assert!(!has(&run(&p, "2019-03-01"), "consultation-too-short"));
    set(&mut p, "consult", "end", json!("2019-03-27"));
    let r = run(&p, "2019-03-01");
    // Presented as the plan's own rule, not as law: 12 weeks is no legal minimum.
    assert_eq!(
        messages(&r, "consultation-too-short"),
        vec!["Local policy, minimum consultation length: consultation \"The consult\" runs 83 days, 2019-01-04 to 2019-03-27, shorter than the plan's minimum of 12 weeks (84 days); this minimum is local policy, not law (the legal test is Gunning principle 3, \"adequate time\"; the Cabinet Office Consultation Principles 2018 ask for \"a proportionate amount of time\")"]
    );
    let rule = engagekit::catalogue::rule("consultation-too-short").unwrap();
    assert_eq!(rule.source.kind, engagekit::SourceKind::LocalPolicy);
    // A plan's own minimum: 6 weeks = 42 days (4 Jan to 14 Feb).
    p["rules"] = json!({"minimumConsultationWeeks": 6});
    set(&mut p, "consult", "end", json!("2019-02-14"));
    assert!(
        !has(&run(&p, "2019-01-10"), "consultation-too-short"),
        "4 Jan to 14 Feb is 42 days"
    );
    set(&mut p, "consult", "end", json!("2019-02-13"));
    assert!(has(&run(&p, "2019-01-10"), "consultation-too-short"));
    // `rules` with holiday periods only: the minimum is still 12 weeks.
    p["rules"] = json!({"holidayPeriods": []});
    set(&mut p, "consult", "end", json!("2019-03-27"));
    assert!(has(&run(&p, "2019-03-01"), "consultation-too-short"));
    set(&mut p, "consult", "end", json!("2019-03-28"));
    assert!(!has(&run(&p, "2019-03-01"), "consultation-too-short"));
}

#[test]
fn holiday_overlap_from_24_december_to_1_january() {
    let mut p = plan();
    push(&mut p, activity("s1", "survey", "2016-10-24", "2016-12-23"));
    assert!(
        !has(&run(&p, "2016-11-01"), "holiday-overlap"),
        "closes 23 December: just misses"
    );
    set(&mut p, "s1", "end", json!("2016-12-24"));
    assert_eq!(
        messages(&run(&p, "2016-11-01"), "holiday-overlap"),
        vec!["Lords Secondary Legislation Scrutiny Committee (2013), holiday periods: survey \"The s1\" (2016-10-24 to 2016-12-24) is open in a holiday period: Christmas and New Year (2016-12-24 to 2017-01-01), from Saturday 24 December 2016; avoid holiday periods, or add two more weeks for each (2 weeks in all)"]
    );
    // Opening on 2 January just misses; opening on 1 January does not.
    dates(&mut p, "s1", "2017-01-02", "2017-02-03");
    assert!(!has(&run(&p, "2016-11-01"), "holiday-overlap"));
    set(&mut p, "s1", "start", json!("2017-01-01"));
    assert!(has(&run(&p, "2016-11-01"), "holiday-overlap"));
}

#[test]
fn holiday_overlap_from_good_friday_to_easter_monday() {
    // Easter Sunday 2025 is 20 April: Good Friday 18 April and Easter Monday 21 April are the
    // England and Wales bank holidays either side of it.
    let calendar = engagekit::calendar::BankHolidays::builtin();
    let bank =
        |s: &str| calendar.is_bank_holiday(engagekit::calendar::Region::EnglandAndWales, d(s));
    assert!(bank("2025-04-18") && bank("2025-04-21"));
    assert!(!bank("2025-04-17") && !bank("2025-04-22"));
    let mut p = plan();
    push(&mut p, activity("s2", "survey", "2025-03-03", "2025-04-17"));
    assert!(
        !has(&run(&p, "2025-03-10"), "holiday-overlap"),
        "closes on Maundy Thursday: just misses"
    );
    set(&mut p, "s2", "end", json!("2025-04-18"));
    assert_eq!(
        messages(&run(&p, "2025-03-10"), "holiday-overlap"),
        vec!["Lords Secondary Legislation Scrutiny Committee (2013), holiday periods: survey \"The s2\" (2025-03-03 to 2025-04-18) is open in a holiday period: Easter, Good Friday to Easter Monday (2025-04-18 to 2025-04-21), from Friday 18 April 2025; avoid holiday periods, or add two more weeks for each (2 weeks in all)"]
    );
    // Opening on the Tuesday after Easter just misses; opening on Easter Monday does not.
    dates(&mut p, "s2", "2025-04-22", "2025-06-13");
    assert!(!has(&run(&p, "2025-03-10"), "holiday-overlap"));
    set(&mut p, "s2", "start", json!("2025-04-21"));
    assert!(has(&run(&p, "2025-03-10"), "holiday-overlap"));
}

#[test]
fn holiday_overlap_in_august_and_two_weeks_for_each_period() {
    let mut p = plan();
    push(&mut p, activity("s3", "survey", "2025-06-02", "2025-07-31"));
    assert!(
        !has(&run(&p, "2025-06-10"), "holiday-overlap"),
        "closes 31 July"
    );
    set(&mut p, "s3", "end", json!("2025-08-01"));
    assert!(has(&run(&p, "2025-06-10"), "holiday-overlap"));
    dates(&mut p, "s3", "2025-09-01", "2025-10-31");
    assert!(
        !has(&run(&p, "2025-06-10"), "holiday-overlap"),
        "opens 1 September"
    );
    set(&mut p, "s3", "start", json!("2025-08-31"));
    assert!(has(&run(&p, "2025-06-10"), "holiday-overlap"));
    // Easter and August: one finding naming both, and two weeks for each.
    dates(&mut p, "s3", "2025-04-01", "2025-08-15");
    assert_eq!(
        messages(&run(&p, "2025-06-10"), "holiday-overlap"),
        vec!["Lords Secondary Legislation Scrutiny Committee (2013), holiday periods: survey \"The s3\" (2025-04-01 to 2025-08-15) is open in 2 holiday periods: Easter, Good Friday to Easter Monday (2025-04-18 to 2025-04-21), from Friday 18 April 2025; August, the school summer holiday (2025-08-01 to 2025-08-31), from Friday 1 August 2025; avoid holiday periods, or add two more weeks for each (4 weeks in all)"]
    );
}

#[test]
fn a_plans_own_holiday_periods_replace_the_defaults() {
    let mut p = plan();
    push(&mut p, activity("s4", "survey", "2025-04-01", "2025-05-23"));
    p["rules"] = json!({"holidayPeriods": [{"title": "Half term", "start": "2025-05-26", "end": "2025-05-30"}]});
    assert!(
        !has(&run(&p, "2025-04-10"), "holiday-overlap"),
        "Easter is not one of the plan's periods"
    );
    set(&mut p, "s4", "end", json!("2025-05-26"));
    assert_eq!(
        messages(&run(&p, "2025-04-10"), "holiday-overlap"),
        vec!["Lords Secondary Legislation Scrutiny Committee (2013), holiday periods: survey \"The s4\" (2025-04-01 to 2025-05-26) is open in a holiday period: Half term (2025-05-26 to 2025-05-30), from Monday 26 May 2025; avoid holiday periods, or add two more weeks for each (2 weeks in all)"]
    );
    // An empty list checks none; rules without holidayPeriods keep the defaults.
    p["rules"] = json!({"holidayPeriods": []});
    assert!(!has(&run(&p, "2025-04-10"), "holiday-overlap"));
    p["rules"] = json!({"minimumConsultationWeeks": 12});
    assert!(has(&run(&p, "2025-04-10"), "holiday-overlap"));
    // A period that ends before it starts is an input error naming it.
    p["rules"] = json!({"holidayPeriods": [{"title": "Half term", "start": "2025-05-30", "end": "2025-05-26"}]});
    let err = read(&p).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        ("date-order", "rules.holidayPeriods[0].end")
    );
    assert!(err.to_string().contains("\"Half term\""), "{err}");
}

#[test]
fn closes_on_a_weekend_or_bank_holiday() {
    let mut p = plan();
    // Fri 29 Mar 2019: fine. Sat 30 Mar: weekend. Mon 6 May 2019: early May bank holiday.
    // Tue 7 May: fine.
    for (end, flagged) in [
        ("2019-03-29", false),
        ("2019-03-30", true),
        ("2019-05-06", true),
        ("2019-05-07", false),
    ] {
        set(&mut p, "consult", "end", json!(end));
        set(&mut p, "analysis", "start", json!("2019-05-08"));
        assert_eq!(
            has(&run(&p, "2019-03-01"), "closes-on-non-working-day"),
            flagged,
            "{end}"
        );
    }
}

#[test]
fn launch_and_publication_in_pre_election_period() {
    let mut p = plan();
    p["preElectionPeriods"] =
        json!([{"title": "Local elections", "start": "2019-04-01", "end": "2019-05-02"}]);
    // An event launching the day before is allowed; on the period's first day it is not.
    push(&mut p, activity("ev", "event", "2019-03-31", "2019-03-31"));
    assert!(
        !has(&run(&p, "2019-03-01"), "launch-in-pre-election-period"),
        "the day before"
    );
    dates(&mut p, "ev", "2019-04-01", "2019-04-01");
    let r = run(&p, "2019-03-01");
    assert_eq!(
        codes(&r),
        vec![("launch-in-pre-election-period".into(), Some("ev".into()))]
    );
    assert_eq!(r.diagnostics[0].severity, engagekit::Severity::Error);
    // Polling day itself is inside; the day after is not.
    push(
        &mut p,
        activity("pub", "publication", "2019-05-02", "2019-05-02"),
    );
    assert_eq!(
        messages(&run(&p, "2019-03-01"), "publication-in-pre-election-period"),
        vec!["NHS England pre-election guidance: publication \"The pub\" on 2019-05-02 falls in the pre-election period \"Local elections\" (2019-04-01 to 2019-05-02); results and decisions wait until after polling day"]
    );
    dates(&mut p, "pub", "2019-05-03", "2019-05-03");
    assert!(!has(
        &run(&p, "2019-03-01"),
        "publication-in-pre-election-period"
    ));
    // Feedback that began before the period and runs into it is paused too.
    push(
        &mut p,
        activity("fb", "feedback", "2019-03-18", "2019-04-01"),
    );
    assert_eq!(
        flagged(&run(&p, "2019-03-01"), "publication-in-pre-election-period"),
        vec!["fb".to_string()]
    );
    set(&mut p, "fb", "end", json!("2019-03-31"));
    assert!(!has(
        &run(&p, "2019-03-01"),
        "publication-in-pre-election-period"
    ));
}

#[test]
fn a_consultation_open_when_a_pre_election_period_starts() {
    let mut p = plan();
    // The 2019 local elections: a period from Mon 25 March to polling day Thu 2 May 2019,
    // 7 + 30 + 2 = 39 days. The consultation (4 January to 29 March) is open on its first day.
    p["preElectionPeriods"] = json!([{"title": "Local elections, 2 May 2019", "start": "2019-03-25", "end": "2019-05-02"}]);
    let r = run(&p, "2019-03-01");
    assert_eq!(
        codes(&r),
        vec![(
            "consultation-in-pre-election-period".into(),
            Some("consult".into())
        )]
    );
    assert_eq!(r.diagnostics[0].severity, engagekit::Severity::Warning);
    assert_eq!(
        r.diagnostics[0].message,
        "NHS England pre-election guidance: consultation \"The consult\" (2019-01-04 to 2019-03-29) is open when the pre-election period \"Local elections, 2 May 2019\" starts on 2019-03-25 (to 2019-05-02, 39 days): ongoing consultations continue but are not promoted; stop promoting it and consider extending it by 39 days"
    );
    let rule = engagekit::catalogue::rule("consultation-in-pre-election-period").unwrap();
    assert!(
        rule.help.contains("Stop promoting")
            && rule.help.contains("extending it by the period's length"),
        "{}",
        rule.help
    );
    // A period starting on the consultation's last day still finds it open; the day after, not.
    p["preElectionPeriods"][0]["start"] = json!("2019-03-29");
    assert!(has(
        &run(&p, "2019-03-01"),
        "consultation-in-pre-election-period"
    ));
    p["preElectionPeriods"][0]["start"] = json!("2019-03-30");
    assert!(!has(
        &run(&p, "2019-03-01"),
        "consultation-in-pre-election-period"
    ));
    // A survey too; one starting on the period's first day is a launch inside it, not this.
    p["preElectionPeriods"][0]["start"] = json!("2019-03-25");
    push(&mut p, activity("sv", "survey", "2019-03-04", "2019-03-29"));
    push(
        &mut p,
        activity("late", "survey", "2019-03-25", "2019-03-29"),
    );
    let r = run(&p, "2019-03-01");
    assert_eq!(
        flagged(&r, "consultation-in-pre-election-period"),
        vec!["consult".to_string(), "sv".to_string()]
    );
    assert_eq!(
        flagged(&r, "launch-in-pre-election-period"),
        vec!["late".to_string()]
    );
}

#[test]
fn scrutiny_before_the_first_consultation_with_its_dates() {
    let mut p = plan();
    // Scrutiny on the consultation's first day is not before it.
    dates(&mut p, "jhosc", "2019-01-04", "2019-01-04");
    assert!(has(&run(&p, "2019-03-01"), "scrutiny-missing"));
    dates(&mut p, "jhosc", "2019-01-03", "2019-01-03");
    assert!(!has(&run(&p, "2019-03-01"), "scrutiny-missing"));
    // Not a substantial variation: no scrutiny needed.
    p["substantialVariation"] = json!(false);
    set(&mut p, "jhosc", "kind", json!("other"));
    assert!(!has(&run(&p, "2019-03-01"), "scrutiny-missing"));
    // Regulation 23: both dates.
    let mut p = plan();
    p["activities"][0]
        .as_object_mut()
        .unwrap()
        .remove("decisionBy");
    assert_eq!(
        codes(&run(&p, "2019-03-01")),
        vec![("scrutiny-dates-missing".into(), Some("jhosc".into()))]
    );
}

#[test]
fn scrutiny_dates_that_do_not_hang_together() {
    let mut p = plan();
    // Comments wanted by 2 January 2019 and the decision intended on 1 January: inconsistent.
    set(&mut p, "jhosc", "decisionBy", json!("2019-01-01"));
    let r = run(&p, "2019-03-01");
    assert_eq!(
        codes(&r),
        vec![("scrutiny-dates-inconsistent".into(), Some("jhosc".into()))]
    );
    assert_eq!(r.diagnostics[0].severity, engagekit::Severity::Error);
    assert_eq!(
        r.diagnostics[0].message,
        "Health scrutiny regulations 2013, regulation 23(1): \"JHOSC\" asks for comments by 2019-01-02, after the date of the intended decision, 2019-01-01"
    );
    // The same day for both is consistent.
    set(&mut p, "jhosc", "decisionBy", json!("2019-01-02"));
    assert_eq!(codes(&run(&p, "2019-03-01")), vec![]);
    // A decision (Thu 12 September 2019) before the comments are due is not; on the day it is.
    let mut p = plan();
    set(&mut p, "jhosc", "commentsBy", json!("2019-09-13"));
    let r = run(&p, "2019-03-01");
    assert_eq!(
        codes(&r),
        vec![(
            "scrutiny-dates-inconsistent".into(),
            Some("decision".into())
        )]
    );
    assert_eq!(
        r.diagnostics[0].message,
        "Health scrutiny regulations 2013, regulation 23(1): decision \"The decision\" starts on 2019-09-12, before the committee's comments on \"JHOSC\" are due on 2019-09-13"
    );
    set(&mut p, "jhosc", "commentsBy", json!("2019-09-12"));
    assert_eq!(codes(&run(&p, "2019-03-01")), vec![]);
}

#[test]
fn the_secretary_of_state_is_notified_since_31_january_2024() {
    // SI 2024/15 regulation 3: not notifiable where the council consultation began before 31
    // January 2024. Without the notification, a council consultation begun on Tuesday 30 January
    // 2024 needs none; one begun on Wednesday 31 January needs it.
    let mut p = plan_2024();
    p["activities"]
        .as_array_mut()
        .unwrap()
        .retain(|a| a["id"] != "sos");
    dates(&mut p, "hosc", "2024-01-30", "2024-01-30");
    assert_eq!(codes(&run(&p, "2024-10-01")), vec![]);
    dates(&mut p, "hosc", "2024-01-31", "2024-01-31");
    let r = run(&p, "2024-10-01");
    assert_eq!(
        codes(&r),
        vec![(
            "secretary-of-state-not-notified".into(),
            Some("hosc".into())
        )]
    );
    assert_eq!(r.diagnostics[0].severity, engagekit::Severity::Error);
    assert_eq!(
        r.diagnostics[0].message,
        "NHS Act 2006 Schedule 10A and SI 2024/15: the council consultation \"HOSC\" begins on 2024-01-31, on or after 31 January 2024, so the reconfiguration is notifiable, but no notification to the Secretary of State starts on or before the consultation \"The consult\" starts on 2024-09-02"
    );
    // Notified the day after the consultation starts: too late. Notifying Healthwatch is not
    // notifying the Secretary of State.
    let mut p = plan_2024();
    dates(&mut p, "sos", "2024-09-03", "2024-09-03");
    assert!(has(
        &run(&p, "2024-10-01"),
        "secretary-of-state-not-notified"
    ));
    let mut p = plan_2024();
    set(&mut p, "sos", "recipient", json!("healthwatch"));
    assert!(has(
        &run(&p, "2024-10-01"),
        "secretary-of-state-not-notified"
    ));
    // Not a substantial variation: not notifiable.
    p["substantialVariation"] = json!(false);
    assert!(!has(
        &run(&p, "2024-10-01"),
        "secretary-of-state-not-notified"
    ));
}

#[test]
fn a_notification_names_its_recipient() {
    // Without a recipient: an input error naming the field.
    let mut p = plan_2024();
    p["activities"][1]
        .as_object_mut()
        .unwrap()
        .remove("recipient");
    let err = read(&p).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        ("missing-field", "activities[1].recipient")
    );
    assert!(err.to_string().contains("\"sos\""), "{err}");
    // An unknown recipient: serde's unknown variant, with the path and the value.
    let mut p = plan_2024();
    set(&mut p, "sos", "recipient", json!("council"));
    let err = read(&p).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        ("unknown-value", "activities[1].recipient")
    );
    assert!(err.to_string().contains("council"), "{err}");
    // A recipient on another kind of activity is a mistake too (a notification mistyped).
    let mut p = plan_2024();
    set(&mut p, "report", "recipient", json!("members"));
    let err = read(&p).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        ("invalid-value", "activities[4].recipient")
    );
    assert!(err.to_string().contains("\"members\""), "{err}");
}

#[test]
fn analysis_decision_and_feedback_in_order() {
    let mut p = plan();
    // Analysis ending on the consultation's last day does not end after it.
    dates(&mut p, "analysis", "2019-03-29", "2019-03-29");
    assert!(has(&run(&p, "2019-03-01"), "no-analysis"));
    let mut p = plan();
    // A decision on the day the analysis ends is not before it; the day before is.
    dates(&mut p, "decision", "2019-06-28", "2019-06-28");
    assert!(!has(&run(&p, "2019-03-01"), "decision-before-analysis"));
    dates(&mut p, "decision", "2019-06-27", "2019-06-27");
    assert!(has(&run(&p, "2019-03-01"), "decision-before-analysis"));
    // Without any analysis, the decision is measured against the consultation's close.
    let mut p = plan();
    p["activities"]
        .as_array_mut()
        .unwrap()
        .retain(|a| a["kind"] != "analysis");
    dates(&mut p, "decision", "2019-03-28", "2019-03-28");
    assert!(has(&run(&p, "2019-03-01"), "decision-before-analysis"));
    // Feedback on the decision day is not after it; the day after is.
    let mut p = plan();
    set(&mut p, "feedback", "start", json!("2019-09-12"));
    let r = run(&p, "2019-03-01");
    assert_eq!(
        messages(&r, "no-feedback"),
        vec!["Working in partnership with people and communities (statutory guidance, 2022): no \"you said, we did\" feedback starts after decision \"The decision\" on 2019-09-12, to tell people how their views shaped it"]
    );
    let rule = engagekit::catalogue::rule("no-feedback").unwrap();
    assert_eq!(rule.source.kind, engagekit::SourceKind::StatutoryGuidance);
    assert!(
        rule.source.citation.contains("s14Z45") && !rule.source.citation.contains("s14Z2"),
        "{}",
        rule.source.citation
    );
    set(&mut p, "feedback", "start", json!("2019-09-13"));
    assert!(!has(&run(&p, "2019-03-01"), "no-feedback"));
}

#[test]
fn response_within_12_weeks_of_the_close() {
    let mut p = plan();
    // Close Fri 29 Mar 2019 + 84 days = Fri 21 Jun 2019: a publication that day is in time.
    dates(&mut p, "report", "2019-06-21", "2019-06-21");
    assert!(!has(&run(&p, "2019-03-01"), "response-late"));
    dates(&mut p, "report", "2019-06-22", "2019-06-22");
    assert_eq!(
        messages(&run(&p, "2019-03-01"), "response-late"),
        vec!["Cabinet Office Consultation Principles 2018: nothing is published or fed back within 12 weeks of consultation \"The consult\" closing on 2019-03-29 (by 2019-06-21)"]
    );
    // Guidance for government departments, good practice for the NHS: not law.
    let rule = engagekit::catalogue::rule("response-late").unwrap();
    assert_eq!(rule.source.kind, engagekit::SourceKind::Guidance);
}

#[test]
fn status_days_left_and_projection_by_hand() {
    let mut p = plan();
    // A survey from Mon 24 Oct to Fri 23 Dec 2016 (61 days), 1,000 responses by 30 Nov (day 38).
    p["activities"].as_array_mut().unwrap().push(json!({"id": "survey", "kind": "survey", "title": "Survey", "start": "2016-10-24", "end": "2016-12-23", "target": 2000,
        "responses": [{"date": "2016-11-14", "count": 400}, {"date": "2016-11-30", "count": 1000}, {"date": "2016-12-20", "count": 1600}]}));
    let r = run(&p, "2016-12-01");
    let s = r.activities.iter().find(|a| a.id == "survey").unwrap();
    assert_eq!(s.status, Status::Open);
    // 23 Dec - 1 Dec = 22 days. Working days after 1 Dec up to 23 Dec: 2, 5-9, 12-16, 19-23 = 16.
    assert_eq!(
        (s.days_remaining, s.working_days_remaining),
        (Some(22), Some(16))
    );
    // The count of 20 Dec is after today and not used: 1000 x 61 / 38 = 1605.26 -> 1605.
    assert_eq!(
        (s.responses, s.projected_responses, s.target),
        (Some(1000), Some(1605), Some(2000))
    );
    // On the last day: 0 days left, 0 working days left; 1600 x 61 / 58 = 1682.76 -> 1683.
    let r = run(&p, "2016-12-23");
    let s = r.activities.iter().find(|a| a.id == "survey").unwrap();
    assert_eq!(
        (
            s.status,
            s.days_remaining,
            s.working_days_remaining,
            s.projected_responses
        ),
        (Status::Open, Some(0), Some(0), Some(1683))
    );
    // The day after: closed, nothing applies.
    let r = run(&p, "2016-12-24");
    let s = r.activities.iter().find(|a| a.id == "survey").unwrap();
    assert_eq!(
        (
            s.status,
            s.days_remaining,
            s.working_days_remaining,
            s.projected_responses
        ),
        (Status::Closed, None, None, None)
    );
    let consult = r.activities.iter().find(|a| a.id == "consult").unwrap();
    assert_eq!(
        (consult.status, consult.days_remaining),
        (Status::Upcoming, None)
    );
    // Half rounds away from zero: 3 responses on day 2 of 5 -> 7.5 -> 8.
    let mut p = plan();
    p["activities"].as_array_mut().unwrap().push(json!({"id": "s", "kind": "survey", "title": "S", "start": "2018-03-05", "end": "2018-03-09", "responses": [{"date": "2018-03-06", "count": 3}]}));
    assert_eq!(
        run(&p, "2018-03-06")
            .activities
            .iter()
            .find(|a| a.id == "s")
            .unwrap()
            .projected_responses,
        Some(8)
    );
}

#[test]
fn working_days_left_over_christmas() {
    let mut p = plan();
    p["activities"].as_array_mut().unwrap().push(activity(
        "winter",
        "survey",
        "2016-12-01",
        "2017-01-06",
    ));
    let r = run(&p, "2016-12-22");
    let s = r.activities.iter().find(|a| a.id == "winter").unwrap();
    // After Thu 22 Dec 2016 to Fri 6 Jan 2017: 23 Dec; (26, 27 Dec bank holidays) 28, 29, 30 Dec;
    // (2 Jan bank holiday) 3, 4, 5, 6 Jan = 8 working days; 15 calendar days.
    assert_eq!(
        (s.days_remaining, s.working_days_remaining),
        (Some(15), Some(8))
    );
    assert!(r
        .diagnostics
        .iter()
        .any(|x| x.code == "holiday-overlap"
            && x.id(engagekit::timeline::ACTIVITY) == Some("winter")));
}

#[test]
fn lifecycle_stage_and_key_dates() {
    let p = plan();
    let stage = |today: &str| run(&p, today).stage;
    assert_eq!(stage("2019-01-03"), Stage::Forthcoming);
    assert_eq!(stage("2019-01-04"), Stage::Open);
    assert_eq!(stage("2019-03-29"), Stage::Open);
    assert_eq!(stage("2019-03-30"), Stage::UnderReview);
    assert_eq!(stage("2019-09-12"), Stage::Decided);
    assert_eq!(stage("2019-09-16"), Stage::FeedbackPublished);
    let r = run(&p, "2018-12-15");
    let dates: Vec<_> = r
        .key_dates
        .iter()
        .map(|k| (k.date.to_string(), k.what, k.activity.as_str()))
        .collect();
    assert_eq!(
        dates,
        vec![
            ("2019-01-02".to_string(), "comments due", "jhosc"),
            ("2019-01-04".to_string(), "opens", "consult"),
            ("2019-03-29".to_string(), "closes", "consult"),
            ("2019-09-12".to_string(), "decision", "decision"),
            ("2019-10-02".to_string(), "decision due", "jhosc"),
        ]
    );
}

#[test]
fn calendar_export_reads_back_with_an_independent_parser() {
    let mut p = plan();
    set(
        &mut p,
        "consult",
        "venue",
        json!("Online; and at Maidstone, Kent \\ library"),
    );
    set(&mut p, "consult", "title", json!("Have your say: a very long consultation title that will certainly need folding across lines, with commas, é and 🙂"));
    let doc: Timeline = from_json(&p.to_string()).unwrap();
    let ics = to_ics(&doc, "20161123T120000Z").unwrap();
    assert!(
        ics.ends_with("\r\n")
            && ics
                .split('\n')
                .filter(|l| !l.is_empty())
                .all(|l| l.ends_with('\r')),
        "CRLF line ends"
    );
    assert!(
        ics.split("\r\n").all(|l| l.len() <= 75),
        "folded at 75 octets"
    );
    let mut parser = ical::IcalParser::new(ics.as_bytes());
    let cal = parser.next().unwrap().unwrap();
    assert!(parser.next().is_none());
    assert_eq!(cal.events.len(), 6);
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    for (event, a) in cal.events.iter().zip(&doc.activities) {
        // Every date round-trips: DTSTART is the start, DTEND the day after the end.
        let date =
            |s: &str| Date::parse(&format!("{}-{}-{}", &s[0..4], &s[4..6], &s[6..8])).unwrap();
        assert_eq!(date(&prop(event, "DTSTART")), a.start);
        assert_eq!(date(&prop(event, "DTEND")), a.end.succ());
        assert_eq!(prop(event, "UID"), format!("{}.stroke@engagekit", a.id));
        assert_eq!(prop(event, "DTSTAMP"), "20161123T120000Z");
    }
    let consult = &cal.events[1];
    // The parser unfolds lines but leaves TEXT escapes as written.
    assert_eq!(prop(consult, "SUMMARY"), "Have your say: a very long consultation title that will certainly need folding across lines\\, with commas\\, é and 🙂");
    assert_eq!(
        prop(consult, "LOCATION"),
        "Online\\; and at Maidstone\\, Kent \\\\ library"
    );
    assert_eq!(
        to_ics(&doc, "2016-11-23").unwrap_err().code(),
        "invalid-option"
    );
}

#[test]
fn the_kent_and_medway_plan_of_2018_is_flagged_for_easter_and_the_local_elections() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/kent-medway-stroke.timeline.json"
    ))
    .unwrap();
    let doc: Timeline = from_json(&text).unwrap();
    let r = check(&doc, d("2018-03-01"));
    // The consultation and its questionnaire run from 2 February to 27 April 2018: over Easter
    // (Good Friday 30 March to Easter Monday 2 April 2018), and open when the pre-election period
    // of the local elections of 3 May 2018 starts on 26 March. The council was first consulted on
    // 28 November 2016, long before 31 January 2024: no notification of the Secretary of State.
    assert_eq!(
        codes(&r),
        vec![
            ("holiday-overlap".into(), Some("consultation".into())),
            ("holiday-overlap".into(), Some("consultation-survey".into())),
            (
                "consultation-in-pre-election-period".into(),
                Some("consultation".into())
            ),
            (
                "consultation-in-pre-election-period".into(),
                Some("consultation-survey".into())
            ),
        ]
    );
    assert!(r.diagnostics[2].message.contains("extending it by 39 days"));
}
