//! Charter monitoring: rating band edges, suppression and trends, computed by hand.

use engagekit::json::{from_json, to_json};
use engagekit::monitoring::{monitor, to_text, Monitoring, MonitoringResult, Rating, Trend};
use engagekit::Date;
use serde_json::{json, Value};

fn charter() -> Value {
    json!({"schema": "engagekit/charter@1", "id": "cyp", "title": "Our mental health charter", "review": "2027-03-31", "standards": [
        {"id": "S1", "theme": "access", "statement": "You will be seen quickly.", "measures": [
            {"id": "K1", "kind": "kpi", "description": "% seen within 4 weeks", "target": 90, "tolerance": 5},
            {"id": "K2", "kind": "kpi", "description": "average weeks waiting", "target": 6, "tolerance": 2, "higherIsBetter": false},
            {"id": "F1", "kind": "feedback", "question": "I was seen quickly.", "target": 80, "tolerance": 10}
        ]},
        {"id": "S2", "theme": "communication", "statement": "We explain things.", "measures": [
            {"id": "F2", "kind": "feedback", "question": "Staff explained things.", "target": 80, "tolerance": 10}
        ]},
        {"id": "S3", "theme": "environment", "statement": "Clinics are welcoming.", "measures": [
            {"id": "F3", "kind": "feedback", "question": "The clinic felt welcoming.", "target": 75, "tolerance": 10}
        ]}
    ]})
}

fn run(results: Value, previous: Option<Value>) -> MonitoringResult {
    let mut doc = json!({"schema": "engagekit/monitoring@1", "charter": charter(), "period": "2025-26 Q1", "results": results});
    if let Some(p) = previous {
        doc["previous"] = json!({"period": "2024-25 Q4", "results": p});
    }
    let doc: Monitoring = from_json(&doc.to_string()).unwrap();
    monitor(&doc, None).unwrap()
}

fn measure(r: &MonitoringResult, id: &str) -> (Rating, Option<f64>, Option<u32>, Option<Trend>) {
    let m = r
        .standards
        .iter()
        .flat_map(|s| &s.measures)
        .find(|m| m.measure == id)
        .unwrap();
    (m.rating, m.value, m.n, m.trend)
}

fn kpis(k1: f64, k2: f64) -> Value {
    json!([{"standard": "S1", "measure": "K1", "value": k1}, {"standard": "S1", "measure": "K2", "value": k2}])
}

#[test]
fn kpi_band_edges_both_directions() {
    // Higher is better, target 90, tolerance 5: 90 green, 85 amber, 84.99 red.
    // Lower is better, target 6, tolerance 2: 6 green, 8 amber, 8.01 red.
    for (k1, want1, k2, want2) in [
        (90.0, Rating::Green, 6.0, Rating::Green),
        (85.0, Rating::Amber, 8.0, Rating::Amber),
        (84.99, Rating::Red, 8.01, Rating::Red),
    ] {
        let r = run(kpis(k1, k2), None);
        assert_eq!(measure(&r, "K1"), (want1, Some(k1), None, None));
        assert_eq!(measure(&r, "K2"), (want2, Some(k2), None, None));
    }
}

#[test]
fn feedback_value_is_the_share_of_4s_and_5s() {
    let f1 = |counts: [u32; 5]| {
        run(
            json!([{"standard": "S1", "measure": "F1", "counts": counts}]),
            None,
        )
    };
    // 4 + 4 of 10 = 80% -> green at target 80.
    assert_eq!(
        measure(&f1([1, 1, 0, 4, 4]), "F1"),
        (Rating::Green, Some(80.0), Some(10), None)
    );
    // 4 + 3 of 10 = 70% -> amber exactly at 80 - 10.
    assert_eq!(
        measure(&f1([1, 1, 1, 4, 3]), "F1"),
        (Rating::Amber, Some(70.0), Some(10), None)
    );
    // 3 + 3 of 10 = 60% -> red.
    assert_eq!(
        measure(&f1([2, 1, 1, 3, 3]), "F1"),
        (Rating::Red, Some(60.0), Some(10), None)
    );
}

#[test]
fn suppression_at_minimum_count_minus_one_and_at_minimum_count() {
    // 4 answers (minimum 5): suppressed, neither value nor count anywhere in the output.
    let results = json!([{"standard": "S2", "measure": "F2", "counts": [0, 0, 1, 0, 3]}]);
    let r = run(results.clone(), None);
    assert_eq!(measure(&r, "F2"), (Rating::Suppressed, None, None, None));
    assert_eq!(r.standards[1].rating, Rating::Suppressed);
    let json_out = to_json(&r);
    // 3 of 4 would be 75%: neither "75" nor the count 4 appears.
    assert!(
        !json_out.contains("75") && !json_out.contains("\"n\": 4"),
        "{json_out}"
    );
    let doc: Monitoring = from_json(&json!({"schema": "engagekit/monitoring@1", "charter": charter(), "period": "Q1", "results": results}).to_string()).unwrap();
    let text = to_text(&doc, &r);
    assert!(
        text.contains("F2 feedback  suppressed fewer than 5 responses"),
        "{text}"
    );
    assert!(!text.contains("75") && !text.contains(" 4 "), "{text}");
    // 5 answers: shown. 4 of 5 = 80% -> green.
    let r = run(
        json!([{"standard": "S2", "measure": "F2", "counts": [0, 0, 1, 0, 4]}]),
        None,
    );
    assert_eq!(
        measure(&r, "F2"),
        (Rating::Green, Some(80.0), Some(5), None)
    );
}

#[test]
fn standard_rating_is_the_worst_measure_ignoring_suppressed() {
    let r = run(
        json!([
            {"standard": "S1", "measure": "K1", "value": 95},
            {"standard": "S1", "measure": "K2", "value": 7},
            {"standard": "S1", "measure": "F1", "counts": [0, 0, 0, 1, 1]},
            {"standard": "S2", "measure": "F2", "counts": [0, 0, 0, 0, 1]}
        ]),
        None,
    );
    // S1: green, amber and a suppressed one -> amber. S2: only suppressed. S3: no results.
    let ratings: Vec<_> = r
        .standards
        .iter()
        .map(|s| (s.id.as_str(), s.rating))
        .collect();
    assert_eq!(
        ratings,
        vec![
            ("S1", Rating::Amber),
            ("S2", Rating::Suppressed),
            ("S3", Rating::NoData)
        ]
    );
    assert_eq!(measure(&r, "F1").0, Rating::Suppressed);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "no-data" && d.id(engagekit::charter::STANDARD) == Some("S3")));
}

#[test]
fn trends_against_the_previous_period() {
    let r = run(
        json!([
            {"standard": "S1", "measure": "K1", "value": 92},
            {"standard": "S1", "measure": "K2", "value": 9},
            {"standard": "S2", "measure": "F2", "counts": [0, 0, 2, 4, 4]},
            {"standard": "S3", "measure": "F3", "counts": [0, 0, 0, 0, 9]}
        ]),
        Some(json!([
            {"standard": "S1", "measure": "K1", "value": 88},
            {"standard": "S1", "measure": "K2", "value": 5},
            {"standard": "S2", "measure": "F2", "counts": [0, 0, 2, 4, 4]},
            {"standard": "S3", "measure": "F3", "counts": [0, 0, 0, 1, 1]}
        ])),
    );
    // K1 88 -> 92 (higher better): better. K2 5 -> 9 weeks (lower better): worse.
    assert_eq!(measure(&r, "K1").3, Some(Trend::Better));
    assert_eq!(measure(&r, "K2").3, Some(Trend::Worse));
    // F2 80% -> 80%: same. F3 was suppressed: no trend.
    assert_eq!(measure(&r, "F2").3, Some(Trend::Same));
    assert_eq!(measure(&r, "F3").3, None);
    // S1 before: K1 88 amber (>= 85), K2 5 green -> amber; now K1 92 green, K2 9 red (> 8) -> red.
    assert_eq!(
        (r.standards[0].rating, r.standards[0].trend),
        (Rating::Red, Some(Trend::Worse))
    );
    assert_eq!(r.standards[2].trend, None);
}

#[test]
fn review_due_at_the_reference_date() {
    let doc: Monitoring = from_json(&json!({"schema": "engagekit/monitoring@1", "charter": charter(), "period": "Q1", "results": []}).to_string()).unwrap();
    let due = |d: &str| {
        monitor(&doc, Some(Date::parse(d).unwrap()))
            .unwrap()
            .diagnostics
            .iter()
            .any(|d| d.code == "charter-review-due")
    };
    assert!(
        !due("2027-03-31"),
        "on the review date itself it is not yet overdue"
    );
    assert!(due("2027-04-01"));
}

#[test]
fn aggregating_responses_then_monitoring_equals_monitoring_counts_by_hand() {
    use engagekit::charter::Charter;
    use engagekit::monitoring::{aggregate_feedback, FeedbackResponse};
    let charter: Charter = from_json(&charter().to_string()).unwrap();
    // Ten responses to F1 (answers 5,5,4,4,4,4,3,2,1,5) and two to F2 (with a comment each).
    let f1 = [5, 5, 4, 4, 4, 4, 3, 2, 1, 5];
    let mut responses: Vec<FeedbackResponse> = f1
        .iter()
        .map(|a| {
            serde_json::from_value(json!({"answers": {"F1": a}, "submitted": "2025-05-01"}))
                .unwrap()
        })
        .collect();
    for a in [4, 2] {
        responses.push(
            serde_json::from_value(
                json!({"answers": {"F2": a}, "comments": {"F2": "They listened to me."}}),
            )
            .unwrap(),
        );
    }
    responses.push(
        serde_json::from_value(
            json!({"answers": {"F1": 5}, "comments": {"F1": "Quick and kind."}}),
        )
        .unwrap(),
    );
    let agg = aggregate_feedback(&charter, &responses, None).unwrap();
    assert_eq!(agg.respondents, Some(13));
    // F1 by hand: one 1, one 2, one 3, four 4s, four 5s (with the last response): 11 answers.
    // F2: 2 answers and F3: none, fewer than the default minimum of 5: suppressed, no counts.
    let counts: Vec<_> = agg
        .results
        .iter()
        .map(|r| (r.measure.as_str(), r.counts.clone(), r.suppressed))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("F1", Some(vec![1, 1, 1, 4, 4]), false),
            ("F2", None, true),
            ("F3", None, true)
        ]
    );
    // F2 has 2 answers (fewer than 5): its comments are withheld. F1's are shown.
    assert_eq!(
        agg.comments
            .iter()
            .map(|c| (c.measure.as_str(), c.text.as_str()))
            .collect::<Vec<_>>(),
        vec![("F1", "Quick and kind.")]
    );
    // Monitoring reads the aggregate as it is: F2 and F3 suppressed, as their counts would be.
    let by_hand = run(
        json!([{"standard": "S1", "measure": "F1", "counts": [1, 1, 1, 4, 4]}, {"standard": "S2", "measure": "F2", "counts": [0, 1, 0, 1, 0]}, {"standard": "S3", "measure": "F3", "counts": [0, 0, 0, 0, 0]}]),
        None,
    );
    let aggregated = run(serde_json::to_value(&agg.results).unwrap(), None);
    assert_eq!(aggregated, by_hand);
    assert_eq!(
        measure(&aggregated, "F2"),
        (Rating::Suppressed, None, None, None)
    );
    assert_eq!(
        measure(&aggregated, "F3"),
        (Rating::Suppressed, None, None, None)
    );
    // 8 positive of 11 = 72.727...% -> amber (70 to 80).
    assert_eq!(measure(&aggregated, "F1").0, Rating::Amber);
    // With a minimum of 2, F2's 2 answers are shown (one 2, one 4) and its comments too.
    let agg = aggregate_feedback(&charter, &responses, Some(2)).unwrap();
    assert_eq!(agg.results[1].counts, Some(vec![0, 1, 0, 1, 0]));
    assert!(!agg.results[1].suppressed);
    assert_eq!(agg.comments.len(), 3);
    // An answer outside 1 to 5, or to a measure the charter lacks, names the response.
    let bad: Vec<FeedbackResponse> =
        vec![serde_json::from_value(json!({"answers": {"F1": 6}})).unwrap()];
    let e = aggregate_feedback(&charter, &bad, None).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("out-of-range", "responses[0].answers.F1")
    );
    let bad: Vec<FeedbackResponse> =
        vec![serde_json::from_value(json!({"answers": {"K1": 3}})).unwrap()];
    assert_eq!(
        aggregate_feedback(&charter, &bad, None).unwrap_err().code(),
        "dangling-reference"
    );
}

#[test]
fn statements_for_younger_readers_must_be_short_and_plain() {
    use engagekit::charter::{check, Charter};
    let mut doc = charter();
    doc["standards"][0]["youngPersonStatement"] = json!("We will see you within 4 weeks.");
    doc["standards"][1]["youngPersonStatement"] = json!("Practitioners will communicate information regarding your individualised treatment appropriately.");
    doc["standards"][2]["youngPersonStatement"] = json!("We will try to make the place where you wait and talk to us feel nice and calm and safe for you and for your family too.");
    let charter: Charter = from_json(&doc.to_string()).unwrap();
    let found: Vec<_> = check(&charter, None)
        .into_iter()
        .filter(|d| d.code == "statement-hard-to-read")
        .map(|d| d.id(engagekit::charter::STANDARD).unwrap().to_string())
        .collect();
    // S2: long words (reading age far above 10). S3: plain words, but one sentence of 27 words.
    assert_eq!(found, vec!["S2".to_string(), "S3".to_string()]);
}

/// Three young people answer F1 (5, 5 and 4: 100% positive) and seven others answer F2 only
/// (4, 4, 4, 4, 4, 2, 1: 5 of 7 positive). With the default minimum of 5, F1 is suppressed:
/// neither its counts [0, 0, 0, 1, 2], nor its number of answers 3, nor its value 100 appear
/// anywhere in the aggregate, nor in the monitoring of it, in JSON or in text.
#[test]
fn a_measure_answered_by_three_young_people_shows_no_count_anywhere() {
    use engagekit::charter::Charter;
    use engagekit::monitoring::{aggregate_feedback, FeedbackResponse};
    let parsed: Charter = from_json(&charter().to_string()).unwrap();
    let mut responses: Vec<FeedbackResponse> = Vec::new();
    for a in [5, 5, 4] {
        responses.push(
            serde_json::from_value(json!({"answers": {"F1": a}, "comments": {"F1": "Seen fast."}}))
                .unwrap(),
        );
    }
    for a in [4, 4, 4, 4, 4, 2, 1] {
        responses.push(serde_json::from_value(json!({"answers": {"F2": a}})).unwrap());
    }
    let agg = aggregate_feedback(&parsed, &responses, None).unwrap();
    let out = to_json(&agg);
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value["results"][0],
        json!({"standard": "S1", "measure": "F1", "counts": null, "suppressed": true})
    );
    assert_eq!(
        value["results"][1],
        json!({"standard": "S2", "measure": "F2", "counts": [1, 1, 0, 5, 0]})
    );
    // Every number in the output: the 10 respondents and F2's counts, nothing of F1's.
    fn numbers(v: &Value, out: &mut Vec<f64>) {
        match v {
            Value::Number(n) => out.push(n.as_f64().unwrap()),
            Value::Array(a) => a.iter().for_each(|x| numbers(x, out)),
            Value::Object(o) => o.values().for_each(|x| numbers(x, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    numbers(&value, &mut found);
    assert_eq!(found, vec![10.0, 1.0, 1.0, 0.0, 5.0, 0.0]);
    assert!(!out.contains("Seen fast"), "{out}");
    for hidden in ["[0, 0, 0, 1, 2]", "[0,0,0,1,2]", ": 3", "100"] {
        assert!(!out.contains(hidden), "{hidden} in {out}");
    }
    // Given to monitoring as it is, F1 is suppressed there too, and nothing of it shows.
    let doc: Monitoring = from_json(
        &json!({"schema": "engagekit/monitoring@1", "charter": charter(), "period": "Q1", "results": value["results"]})
            .to_string(),
    )
    .unwrap();
    let r = monitor(&doc, None).unwrap();
    assert_eq!(measure(&r, "F1"), (Rating::Suppressed, None, None, None));
    // F2: 5 of 7 = 71.43% -> amber (70 to 80).
    assert_eq!(measure(&r, "F2").0, Rating::Amber);
    let text = to_text(&doc, &r);
    assert!(
        text.contains("F1 feedback  suppressed fewer than 5 responses"),
        "{text}"
    );
    for hidden in [" 3 ", "of 3", "100"] {
        assert!(!text.contains(hidden), "{hidden} in {text}");
        assert!(!to_json(&r).contains(hidden), "{hidden}");
    }
}

/// Three young people answer the whole form: the number of responses read is itself a count of
/// people below the minimum, so it is withheld too (DOMAIN.md: small counts are suppressed).
#[test]
fn three_responses_in_all_give_no_respondent_count() {
    use engagekit::charter::Charter;
    use engagekit::monitoring::{aggregate_feedback, FeedbackResponse};
    let parsed: Charter = from_json(&charter().to_string()).unwrap();
    let responses: Vec<FeedbackResponse> = (0..3)
        .map(|_| serde_json::from_value(json!({"answers": {"F1": 5, "F2": 4}})).unwrap())
        .collect();
    let agg = aggregate_feedback(&parsed, &responses, None).unwrap();
    assert_eq!(agg.respondents, None);
    let out = to_json(&agg);
    assert!(out.contains("\"respondents\": null"), "{out}");
    // No number at all: every measure is suppressed, and so is the total.
    let value: Value = serde_json::from_str(&out).unwrap();
    fn any_number(v: &Value) -> bool {
        match v {
            Value::Number(_) => true,
            Value::Array(a) => a.iter().any(any_number),
            Value::Object(o) => o.values().any(any_number),
            _ => false,
        }
    }
    assert!(!any_number(&value), "{out}");
    // Five responses reach the minimum: the count is shown.
    let five: Vec<FeedbackResponse> = (0..5)
        .map(|_| serde_json::from_value(json!({"answers": {"F1": 5}})).unwrap())
        .collect();
    assert_eq!(
        aggregate_feedback(&parsed, &five, None)
            .unwrap()
            .respondents,
        Some(5)
    );
}

#[test]
fn a_suppressed_result_is_a_feedback_question_without_counts() {
    let doc = |result: Value| {
        from_json::<Monitoring>(
            &json!({"schema": "engagekit/monitoring@1", "charter": charter(), "period": "Q1", "results": [result]})
                .to_string(),
        )
    };
    assert!(doc(json!({"standard": "S2", "measure": "F2", "suppressed": true})).is_ok());
    let e = doc(
        json!({"standard": "S2", "measure": "F2", "counts": [0, 0, 0, 1, 2], "suppressed": true}),
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("invalid-value", "results[0].suppressed")
    );
    assert!(e.to_string().contains("\"F2\""), "{e}");
    let e = doc(json!({"standard": "S1", "measure": "K1", "suppressed": true})).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("invalid-value", "results[0].suppressed")
    );
    // suppressed: false is the same as leaving it out: a feedback question then needs its counts.
    let e = doc(json!({"standard": "S2", "measure": "F2", "suppressed": false})).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid-value", "results[0]"));
}

#[test]
fn the_default_minimum_count_is_5() {
    // DOMAIN.md: "an aggregate over fewer respondents than a threshold (default 5) is suppressed".
    assert_eq!(engagekit::monitoring::DEFAULT_MINIMUM_COUNT, 5);
}
