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

/// A lawful plan: scrutiny with its dates before a consultation of 85 days (Fri 2 Feb to Fri
/// 27 Apr 2018), analysis after it, a decision after the analysis, feedback after the decision.
fn plan() -> Value {
    json!({"schema": "engagekit/timeline@1", "id": "stroke", "title": "Stroke services review", "substantialVariation": true,
    "activities": [
        {"id": "jhosc", "kind": "scrutiny", "title": "JHOSC", "start": "2017-11-28", "end": "2017-11-28", "commentsBy": "2018-01-31", "decisionBy": "2018-10-31"},
        activity("consult", "consultation", "2018-02-02", "2018-04-27"),
        activity("analysis", "analysis", "2018-04-30", "2018-07-27"),
        activity("report", "publication", "2018-07-13", "2018-07-13"),
        activity("decision", "decision", "2018-10-11", "2018-10-11"),
        activity("feedback", "feedback", "2018-10-15", "2018-11-30")
    ]})
}

fn run(plan: &Value, today: &str) -> TimelineCheck {
    let doc: Timeline = from_json(&plan.to_string()).unwrap();
    check(&doc, d(today))
}

fn codes(r: &TimelineCheck) -> Vec<(String, Option<String>)> {
    r.diagnostics
        .iter()
        .map(|x| (x.code.clone(), x.activity.clone()))
        .collect()
}

fn has(r: &TimelineCheck, code: &str) -> bool {
    r.diagnostics.iter().any(|x| x.code == code)
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

#[test]
fn a_lawful_plan_has_no_findings() {
    assert_eq!(codes(&run(&plan(), "2018-03-01")), vec![]);
}

#[test]
fn consultation_too_short_at_84_days() {
    let mut p = plan();
    // Fri 2 Feb + 83 days = Fri 27 Apr is day 85 (inclusive). Thu 26 Apr: 84 days = 12 weeks: fine.
    set(&mut p, "consult", "end", json!("2018-04-26"));
    assert!(!has(&run(&p, "2018-03-01"), "consultation-too-short"));
    set(&mut p, "consult", "end", json!("2018-04-25"));
    assert!(has(&run(&p, "2018-03-01"), "consultation-too-short"));
    // A plan's own minimum: 6 weeks = 42 days.
    p["rules"] = json!({"minimumConsultationWeeks": 6});
    set(&mut p, "consult", "end", json!("2018-03-15"));
    assert!(
        !has(&run(&p, "2018-03-01"), "consultation-too-short"),
        "2 Feb to 15 Mar is 42 days"
    );
    set(&mut p, "consult", "end", json!("2018-03-14"));
    assert!(has(&run(&p, "2018-03-01"), "consultation-too-short"));
}

#[test]
fn holiday_overlap_from_24_december_to_1_january() {
    let mut p = plan();
    p["activities"].as_array_mut().unwrap().push(activity(
        "s1",
        "survey",
        "2016-10-24",
        "2016-12-23",
    ));
    assert!(
        !has(&run(&p, "2016-11-01"), "holiday-overlap"),
        "closes 23 December: just misses"
    );
    set(&mut p, "s1", "end", json!("2016-12-24"));
    assert!(has(&run(&p, "2016-11-01"), "holiday-overlap"));
    // Opening on 2 January just misses; opening on 1 January does not.
    set(&mut p, "s1", "start", json!("2017-01-02"));
    set(&mut p, "s1", "end", json!("2017-02-03"));
    assert!(!has(&run(&p, "2016-11-01"), "holiday-overlap"));
    set(&mut p, "s1", "start", json!("2017-01-01"));
    assert!(has(&run(&p, "2016-11-01"), "holiday-overlap"));
}

#[test]
fn closes_on_a_weekend_or_bank_holiday() {
    let mut p = plan();
    // Fri 27 Apr 2018: fine. Sat 28 Apr: weekend. Mon 7 May 2018: early May bank holiday.
    // Tue 8 May: fine.
    for (end, flagged) in [
        ("2018-04-27", false),
        ("2018-04-28", true),
        ("2018-05-07", true),
        ("2018-05-08", false),
    ] {
        set(&mut p, "consult", "end", json!(end));
        set(&mut p, "analysis", "start", json!("2018-05-09"));
        assert_eq!(
            has(&run(&p, "2018-03-01"), "closes-on-non-working-day"),
            flagged,
            "{end}"
        );
    }
}

#[test]
fn launch_and_publication_in_pre_election_period() {
    let mut p = plan();
    p["preElectionPeriods"] =
        json!([{"title": "Local elections", "start": "2018-03-26", "end": "2018-05-03"}]);
    // The consultation runs through it (allowed); an event launching on its first day is not.
    p["activities"].as_array_mut().unwrap().push(activity(
        "ev",
        "event",
        "2018-03-25",
        "2018-03-25",
    ));
    assert!(
        !has(&run(&p, "2018-03-01"), "launch-in-pre-election-period"),
        "the day before"
    );
    set(&mut p, "ev", "start", json!("2018-03-26"));
    set(&mut p, "ev", "end", json!("2018-03-26"));
    let r = run(&p, "2018-03-01");
    assert_eq!(
        r.diagnostics
            .iter()
            .filter(|x| x.code == "launch-in-pre-election-period")
            .map(|x| x.activity.clone())
            .collect::<Vec<_>>(),
        vec![Some("ev".into())]
    );
    assert_eq!(r.diagnostics[0].severity, engagekit::Severity::Error);
    // Polling day itself is inside; the day after is not.
    p["activities"].as_array_mut().unwrap().push(activity(
        "pub",
        "publication",
        "2018-05-03",
        "2018-05-03",
    ));
    assert!(has(
        &run(&p, "2018-03-01"),
        "publication-in-pre-election-period"
    ));
    set(&mut p, "pub", "start", json!("2018-05-04"));
    set(&mut p, "pub", "end", json!("2018-05-04"));
    assert!(!has(
        &run(&p, "2018-03-01"),
        "publication-in-pre-election-period"
    ));
}

#[test]
fn scrutiny_before_the_first_consultation_with_its_dates() {
    let mut p = plan();
    // Scrutiny on the consultation's first day is not before it.
    set(&mut p, "jhosc", "start", json!("2018-02-02"));
    set(&mut p, "jhosc", "end", json!("2018-02-02"));
    assert!(has(&run(&p, "2018-03-01"), "scrutiny-missing"));
    set(&mut p, "jhosc", "start", json!("2018-02-01"));
    set(&mut p, "jhosc", "end", json!("2018-02-01"));
    assert!(!has(&run(&p, "2018-03-01"), "scrutiny-missing"));
    // Not a substantial variation: no scrutiny needed.
    p["substantialVariation"] = json!(false);
    set(&mut p, "jhosc", "kind", json!("other"));
    assert!(!has(&run(&p, "2018-03-01"), "scrutiny-missing"));
    // Regulation 23: both dates.
    let mut p = plan();
    p["activities"][0]
        .as_object_mut()
        .unwrap()
        .remove("decisionBy");
    assert_eq!(
        codes(&run(&p, "2018-03-01")),
        vec![("scrutiny-dates-missing".into(), Some("jhosc".into()))]
    );
}

#[test]
fn analysis_decision_and_feedback_in_order() {
    let mut p = plan();
    // Analysis ending on the consultation's last day does not end after it.
    set(&mut p, "analysis", "end", json!("2018-04-27"));
    set(&mut p, "analysis", "start", json!("2018-04-27"));
    assert!(has(&run(&p, "2018-03-01"), "no-analysis"));
    let mut p = plan();
    // A decision on the day the analysis ends is not before it; the day before is.
    set(&mut p, "decision", "start", json!("2018-07-27"));
    set(&mut p, "decision", "end", json!("2018-07-27"));
    assert!(!has(&run(&p, "2018-03-01"), "decision-before-analysis"));
    set(&mut p, "decision", "start", json!("2018-07-26"));
    set(&mut p, "decision", "end", json!("2018-07-26"));
    assert!(has(&run(&p, "2018-03-01"), "decision-before-analysis"));
    // Without any analysis, the decision is measured against the consultation's close.
    let mut p = plan();
    p["activities"]
        .as_array_mut()
        .unwrap()
        .retain(|a| a["kind"] != "analysis");
    set(&mut p, "decision", "start", json!("2018-04-26"));
    set(&mut p, "decision", "end", json!("2018-04-26"));
    assert!(has(&run(&p, "2018-03-01"), "decision-before-analysis"));
    // Feedback on the decision day is not after it; the day after is.
    let mut p = plan();
    set(&mut p, "feedback", "start", json!("2018-10-11"));
    assert!(has(&run(&p, "2018-03-01"), "no-feedback"));
    set(&mut p, "feedback", "start", json!("2018-10-12"));
    assert!(!has(&run(&p, "2018-03-01"), "no-feedback"));
}

#[test]
fn response_within_12_weeks_of_the_close() {
    let mut p = plan();
    // Close Fri 27 Apr 2018 + 84 days = Fri 20 Jul 2018: a publication that day is in time.
    set(&mut p, "report", "start", json!("2018-07-20"));
    set(&mut p, "report", "end", json!("2018-07-20"));
    assert!(!has(&run(&p, "2018-03-01"), "response-late"));
    set(&mut p, "report", "start", json!("2018-07-21"));
    set(&mut p, "report", "end", json!("2018-07-21"));
    assert!(has(&run(&p, "2018-03-01"), "response-late"));
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
        .any(|x| x.code == "holiday-overlap" && x.activity.as_deref() == Some("winter")));
}

#[test]
fn lifecycle_stage_and_key_dates() {
    let p = plan();
    let stage = |today: &str| run(&p, today).stage;
    assert_eq!(stage("2018-02-01"), Stage::Forthcoming);
    assert_eq!(stage("2018-02-02"), Stage::Open);
    assert_eq!(stage("2018-04-27"), Stage::Open);
    assert_eq!(stage("2018-04-28"), Stage::UnderReview);
    assert_eq!(stage("2018-10-11"), Stage::Decided);
    assert_eq!(stage("2018-10-15"), Stage::FeedbackPublished);
    let r = run(&p, "2018-01-15");
    let dates: Vec<_> = r
        .key_dates
        .iter()
        .map(|k| (k.date.to_string(), k.what, k.activity.as_str()))
        .collect();
    assert_eq!(
        dates,
        vec![
            ("2018-01-31".to_string(), "comments due", "jhosc"),
            ("2018-02-02".to_string(), "opens", "consult"),
            ("2018-04-27".to_string(), "closes", "consult"),
            ("2018-10-11".to_string(), "decision", "decision"),
            ("2018-10-31".to_string(), "decision due", "jhosc"),
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
