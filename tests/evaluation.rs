//! Evaluation rules with hand-computed arithmetic (never computed by the code under test).

use engagekit::charter::STANDARD;
use engagekit::evaluation::{
    evaluate, BidResult, BidStatus, Evaluation, EvaluationResult, BID, CRITERION, EVALUATOR,
};
use engagekit::json::from_json;
use engagekit::Date;
use serde_json::{json, Value};

/// The worked example, examples/cyp-mental-health.evaluation.json.
fn cyp_example() -> Evaluation {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/cyp-mental-health.evaluation.json"
    ))
    .unwrap();
    from_json(&text).unwrap()
}

/// Scale 0-4, price weight 30; Q1 (40, minimum 2, service users and clinicians), Q2 (30, all).
/// B3 is the cheapest but fails Q1; E2 has a conflict in B2, managed by a recorded decision (so
/// only E2's scores of B2 are set aside); E3 (finance) may not score Q1; P1 (procurement) never
/// scores.
fn panel() -> Value {
    let s = |e: &str, b: &str, c: &str, score: u32| json!({"evaluator": e, "bid": b, "criterion": c, "score": score, "rationale": "Reasons given."});
    let mut scores = vec![
        s("E1", "B1", "Q1", 3),
        s("E2", "B1", "Q1", 4),
        s("E1", "B1", "Q2", 3),
        s("E2", "B1", "Q2", 3),
        s("E1", "B2", "Q1", 4),
        s("E2", "B2", "Q1", 2),
        s("E1", "B2", "Q2", 2),
        s("E3", "B2", "Q2", 4),
        s("E1", "B3", "Q1", 1),
        s("E2", "B3", "Q1", 1),
        s("E1", "B3", "Q2", 4),
        s("E3", "B3", "Q2", 4),
        s("E1", "B4", "Q1", 2),
        s("E2", "B4", "Q1", 2),
        s("E3", "B4", "Q1", 4),
        s("E1", "B4", "Q2", 2),
        s("E3", "B4", "Q2", 2),
        s("P1", "B4", "Q2", 3),
    ];
    scores.push(json!({"evaluator": "E3", "bid": "B1", "criterion": "Q2", "score": 3}));
    json!({
        "schema": "engagekit/evaluation@1", "title": "Community wheelchair service",
        "scale": {"max": 4, "labels": ["Unacceptable", "Poor", "Satisfactory", "Good", "Excellent"]},
        "price": {"weight": 30, "method": "lowest"},
        "criteria": [
            {"id": "Q1", "title": "Patient experience", "weight": 40, "minimumScore": 2, "scoredBy": ["serviceUser", "clinician"], "charterStandards": ["PC1"]},
            {"id": "Q2", "title": "Clinical model", "weight": 30, "charterStandards": ["PC1", "PC2"]}
        ],
        "bids": [
            {"id": "B1", "bidder": "Anchor Trust", "price": 100},
            {"id": "B2", "bidder": "Beacon CIC", "price": 80},
            {"id": "B3", "bidder": "Cheapest Ltd", "price": 50},
            {"id": "B4", "bidder": "Delta Care", "price": 120}
        ],
        "panel": [
            {"id": "E1", "role": "serviceUser", "trainingCompleted": "2024-09-01"},
            {"id": "E2", "role": "clinician", "conflicts": ["B2"], "trainingCompleted": "2024-09-01",
             "conflictManaged": {"decision": "E2 may score every bid but B2.", "decidedBy": "ICB Audit Committee", "date": "2024-09-20"}},
            {"id": "E3", "role": "finance"},
            {"id": "P1", "role": "procurement"}
        ],
        "scores": scores,
        "consensus": [{"bid": "B2", "criterion": "Q1", "score": 4, "rationale": "Agreed at moderation on 3 October."}],
        "charter": {"schema": "engagekit/charter@1", "id": "wc", "title": "Wheelchair charter", "standards": [
            {"id": "PC1", "theme": "access", "statement": "You will get your chair quickly."},
            {"id": "PC2", "theme": "involvement", "statement": "You choose with us."},
            {"id": "PC3", "theme": "environment", "statement": "Clinics are easy to reach."}
        ]}
    })
}

fn run(doc: &Value) -> EvaluationResult {
    let doc: Evaluation = from_json(&doc.to_string()).unwrap();
    evaluate(&doc).unwrap()
}

/// `doc` with one filled score sheet, named e1.csv, merged in.
fn merge_sheet(doc: &Evaluation, text: String) -> Result<Evaluation, engagekit::Error> {
    engagekit::evaluation::merge_scoresheets(
        doc,
        &[engagekit::evaluation::FilledSheet {
            name: "e1.csv".into(),
            text,
        }],
    )
}

/// E1's scores, in document order.
fn scores_of_e1(doc: &Evaluation) -> Vec<&engagekit::evaluation::Score> {
    doc.scores.iter().filter(|s| s.evaluator == "E1").collect()
}

fn bid<'a>(r: &'a EvaluationResult, id: &str) -> &'a BidResult {
    r.bids.iter().find(|b| b.id == id).unwrap()
}

/// A finding as (code, bid, criterion, evaluator).
type Finding = (String, Option<String>, Option<String>, Option<String>);

fn codes(r: &EvaluationResult) -> Vec<Finding> {
    r.diagnostics
        .iter()
        .map(|d| {
            (
                d.code.clone(),
                d.id(BID).map(String::from),
                d.id(CRITERION).map(String::from),
                d.id(EVALUATOR).map(String::from),
            )
        })
        .collect()
}

#[test]
fn finals_weighted_quality_price_total_and_ranks() {
    let r = run(&panel());
    // B1: Q1 (3+4)/2 = 3.5 -> 3.5/4*40 = 35; Q2 (3+3+3)/3 = 3 -> 22.5; quality 57.5;
    //     price 30 * 80 / 100 = 24; total 81.5.
    let b1 = bid(&r, "B1");
    assert_eq!(b1.criteria[0].final_score, Some(3.5));
    assert_eq!(b1.criteria[0].weighted, Some(35.0));
    assert_eq!(b1.criteria[1].weighted, Some(22.5));
    assert_eq!(
        (b1.quality, b1.price_score, b1.total),
        (Some(57.5), Some(24.0), Some(81.5))
    );
    // B2: Q1 consensus 4 -> 40; Q2 (2+4)/2 = 3 -> 22.5; quality 62.5; price 30; total 92.5.
    let b2 = bid(&r, "B2");
    assert_eq!(
        (b2.quality, b2.price_score, b2.total),
        (Some(62.5), Some(30.0), Some(92.5))
    );
    // B4: Q1 2 -> 20 (E3's 4 set aside); Q2 2 -> 15 (P1's 3 set aside); 35 + 30*80/120 = 55.
    let b4 = bid(&r, "B4");
    assert_eq!(
        (b4.quality, b4.price_score, b4.total),
        (Some(35.0), Some(20.0), Some(55.0))
    );
    assert_eq!(
        r.bids
            .iter()
            .map(|b| (b.id.as_str(), b.rank))
            .collect::<Vec<_>>(),
        vec![
            ("B2", Some(1)),
            ("B1", Some(2)),
            ("B4", Some(3)),
            ("B3", None)
        ]
    );
}

#[test]
fn cheapest_bid_failing_a_threshold_does_not_set_the_lowest_price() {
    let r = run(&panel());
    let b3 = bid(&r, "B3");
    assert_eq!(b3.status, BidStatus::Failed);
    // A failed bid keeps its quality: Q1 1 -> 10, Q2 4 -> 30.
    assert_eq!(
        (b3.quality, b3.price_score, b3.total, b3.rank),
        (Some(40.0), None, None, None)
    );
    // The lowest price is B2's 80, not B3's 50: B2 gets the full 30.
    assert_eq!(bid(&r, "B2").price_score, Some(30.0));
    assert!(codes(&r).contains(&(
        "below-minimum-score".into(),
        Some("B3".into()),
        Some("Q1".into()),
        None
    )));
}

#[test]
fn set_aside_scores_say_why_and_findings_name_them() {
    let r = run(&panel());
    let b2q1 = &bid(&r, "B2").criteria[0];
    assert_eq!(b2q1.evaluators, 1);
    let e2 = b2q1.scores.iter().find(|s| &*s.evaluator == "E2").unwrap();
    assert_eq!(
        (e2.kept, e2.reason.map(|r| r.code())),
        (false, Some("conflict-of-interest"))
    );
    let b4 = bid(&r, "B4");
    let e3 = b4.criteria[0]
        .scores
        .iter()
        .find(|s| &*s.evaluator == "E3")
        .unwrap();
    assert_eq!(
        (e3.kept, e3.reason.map(|r| r.code())),
        (false, Some("role-not-permitted"))
    );
    let p1 = b4.criteria[1]
        .scores
        .iter()
        .find(|s| &*s.evaluator == "P1")
        .unwrap();
    assert_eq!(
        (p1.kept, p1.reason.map(|r| r.code())),
        (false, Some("non-scoring-role"))
    );
    let c = codes(&r);
    for want in [
        ("conflict-of-interest", "B2", "Q1", Some("E2")),
        ("role-not-permitted", "B4", "Q1", Some("E3")),
        ("non-scoring-role", "B4", "Q2", Some("P1")),
        ("divergent-scores", "B2", "Q2", None),
        ("missing-rationale", "B1", "Q2", Some("E3")),
    ] {
        assert!(
            c.contains(&(
                want.0.into(),
                Some(want.1.into()),
                Some(want.2.into()),
                want.3.map(Into::into)
            )),
            "{want:?} in {c:?}"
        );
    }
    assert!(c.contains(&(
        "evaluator-not-trained".into(),
        None,
        None,
        Some("E3".into())
    )));
    // Moderation: B2 Q2 spread 2 >= threshold 2 and no consensus.
    let b2q2 = &bid(&r, "B2").criteria[1];
    assert_eq!((b2q2.spread, b2q2.needs_moderation), (Some(2), true));
    // B2 Q1 has a consensus: no moderation needed, no insufficient-evaluators though only one kept.
    assert!(!b2q1.needs_moderation);
    assert!(!c.iter().any(|d| d.0 == "insufficient-evaluators"));
}

#[test]
fn charter_profile_and_unassessed_standards() {
    let r = run(&panel());
    // B1: PC1 from Q1 3.5 and Q2 3 -> 3.25/4 = 81.25%; PC2 from Q2 3 -> 75%.
    let b1 = bid(&r, "B1");
    assert_eq!(b1.charter.get("PC1"), Some(&Some(81.25)));
    assert_eq!(b1.charter.get("PC2"), Some(&Some(75.0)));
    assert_eq!(b1.charter.len(), 2);
    let unassessed: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "charter-standard-unassessed")
        .map(|d| d.id(STANDARD).map(String::from))
        .collect();
    assert_eq!(unassessed, vec![Some("PC3".to_string())]);
}

#[test]
fn too_few_evaluators_leave_a_bid_incomplete() {
    let mut doc = panel();
    // Remove B1's second Q1 score: one score left, no consensus.
    doc["scores"]
        .as_array_mut()
        .unwrap()
        .retain(|s| !(s["evaluator"] == "E2" && s["bid"] == "B1" && s["criterion"] == "Q1"));
    let r = run(&doc);
    let b1 = bid(&r, "B1");
    assert_eq!(b1.status, BidStatus::Incomplete);
    assert_eq!(
        (b1.criteria[0].final_score, b1.criteria[0].weighted),
        (None, None)
    );
    assert_eq!(
        (b1.quality, b1.price_score, b1.total, b1.rank),
        (None, None, None, None)
    );
    assert!(codes(&r).contains(&(
        "insufficient-evaluators".into(),
        Some("B1".into()),
        Some("Q1".into()),
        None
    )));
    // B4 moves up to rank 2.
    assert_eq!(bid(&r, "B4").rank, Some(2));
    assert_eq!(r.bids.last().map(|b| b.id.as_str()), Some("B1"));
}

#[test]
fn equal_totals_go_to_the_higher_quality_then_share_the_rank() {
    let two = |p1: f64, p2: f64, q1: [u32; 2], q2: [u32; 2]| {
        json!({
            "schema": "engagekit/evaluation@1", "title": "t",
            "scale": {"max": 4, "labels": ["0", "1", "2", "3", "4"]}, "price": {"weight": 40, "method": "lowest"},
            "criteria": [{"id": "Q1", "title": "Quality", "weight": 60}],
            "bids": [{"id": "A", "bidder": "A", "price": p1}, {"id": "B", "bidder": "B", "price": p2}],
            "panel": [{"id": "E1", "role": "carer", "trainingCompleted": "2024-01-01"}, {"id": "E2", "role": "carer", "trainingCompleted": "2024-01-01"}],
            "scores": [
                {"evaluator": "E1", "bid": "A", "criterion": "Q1", "score": q1[0], "rationale": "r"},
                {"evaluator": "E2", "bid": "A", "criterion": "Q1", "score": q1[1], "rationale": "r"},
                {"evaluator": "E1", "bid": "B", "criterion": "Q1", "score": q2[0], "rationale": "r"},
                {"evaluator": "E2", "bid": "B", "criterion": "Q1", "score": q2[1], "rationale": "r"}
            ]
        })
    };
    // Identical bids: both rank 1, a tie finding.
    let r = run(&two(100.0, 100.0, [3, 3], [3, 3]));
    assert_eq!(
        r.bids.iter().map(|b| b.rank).collect::<Vec<_>>(),
        vec![Some(1), Some(1)]
    );
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "tie").count(), 1);
    // Higher total wins: A quality (4+4)/2/4*60 = 60, price 40*75/100 = 30 -> 90;
    // B quality (4+3)/2/4*60 = 52.5, price 40*75/75 = 40 -> 92.5.
    let r = run(&two(100.0, 75.0, [4, 4], [4, 3]));
    assert_eq!(r.bids[0].id, "B");
    assert_eq!((r.bids[0].total, r.bids[1].total), (Some(92.5), Some(90.0)));
    // Equal totals, different quality: A quality 3/4*60 = 45, price 40 (cheapest at 60) -> 85;
    // B quality 60, price 40*60/96 = 25 -> 85. B has the higher quality and ranks first.
    let r = run(&two(60.0, 96.0, [3, 3], [4, 4]));
    assert_eq!((r.bids[0].total, r.bids[1].total), (Some(85.0), Some(85.0)));
    assert_eq!(
        (r.bids[0].id.as_str(), r.bids[0].rank, r.bids[1].rank),
        ("B", Some(1), Some(2))
    );
    assert!(!r.diagnostics.iter().any(|d| d.code == "tie"));
}

#[test]
fn order_of_scores_and_set_aside_scores_change_nothing() {
    let base = run(&panel());
    let mut reversed = panel();
    reversed["scores"].as_array_mut().unwrap().reverse();
    assert_eq!(run(&reversed), base);
    // Without the set-aside scores the finals, totals and ranks are the same.
    let mut without = panel();
    without["scores"].as_array_mut().unwrap().retain(|s| {
        !matches!(
            (
                s["evaluator"].as_str(),
                s["bid"].as_str(),
                s["criterion"].as_str()
            ),
            (Some("E2"), Some("B2"), Some("Q1"))
                | (Some("E3"), Some("B4"), Some("Q1"))
                | (Some("P1"), _, _)
        )
    });
    let r = run(&without);
    let summary = |r: &EvaluationResult| {
        r.bids
            .iter()
            .map(|b| {
                (
                    b.id.clone(),
                    b.rank,
                    b.total,
                    b.quality,
                    b.criteria.iter().map(|c| c.final_score).collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(&r), summary(&base));
}

#[test]
fn regime_findings() {
    let mut doc = panel();
    doc["regime"] = json!("psr");
    doc["criteria"][0]["keyCriterion"] = json!("accessInequalitiesChoice");
    doc["criteria"][1]["keyCriterion"] = json!("socialValue");
    let r = run(&doc);
    let missing = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "psr-key-criterion-missing")
        .count();
    // Price weighs 30: value is addressed by price, so only quality and innovation and
    // integration are missing.
    assert_eq!(missing, 2, "quality and innovation, integration missing");
    assert!(!r
        .diagnostics
        .iter()
        .any(|d| d.message.contains("\"value\"")));
    // Direct Award Processes A and B need no key criteria (regulation 24(e) and (f) name C, the
    // Most Suitable Provider Process and the Competitive Process).
    let mut direct = doc.clone();
    direct["psrProcess"] = json!("directAwardA");
    assert!(!run(&direct)
        .diagnostics
        .iter()
        .any(|d| d.code == "psr-key-criterion-missing" || d.code == "psr-process-assumed"));
    // Social value weighs 30 here: no warning. At 9.5 it warns (shift weight to price to keep 100).
    assert!(!r
        .diagnostics
        .iter()
        .any(|d| d.code == "social-value-below-minimum"));
    doc["criteria"][1]["weight"] = json!(9.5);
    doc["price"]["weight"] = json!(50.5);
    let r = run(&doc);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "social-value-below-minimum"));
    doc["criteria"][1]["weight"] = json!(10);
    doc["price"]["weight"] = json!(50);
    assert!(!run(&doc)
        .diagnostics
        .iter()
        .any(|d| d.code == "social-value-below-minimum"));
}

#[test]
fn safeguarding_and_consensus_without_rationale() {
    let mut doc = panel();
    doc["panel"][0]["under18"] = json!(true);
    doc["consensus"][0]
        .as_object_mut()
        .unwrap()
        .remove("rationale");
    let r = run(&doc);
    assert!(codes(&r).contains(&("safeguarding-missing".into(), None, None, Some("E1".into()))));
    assert!(codes(&r).contains(&(
        "consensus-without-rationale".into(),
        Some("B2".into()),
        Some("Q1".into()),
        None
    )));
    doc["panel"][0]["chaperone"] = json!("Named youth worker");
    assert!(!codes(&run(&doc))
        .iter()
        .any(|c| c.0 == "safeguarding-missing"));
}

#[test]
fn involvement_payments_from_the_policy() {
    use engagekit::evaluation::involvement_payments;
    let mut doc = panel();
    doc["panel"][1]["declinesPayment"] = json!(true);
    doc["payments"] = json!({"rates": [
        {"role": "serviceUser", "unit": "halfDay", "amount": 75},
        {"role": "serviceUser", "unit": "hour", "amount": 20.5},
        {"role": "clinician", "unit": "halfDay", "amount": 100}
    ]});
    doc["sessions"] = json!([
        {"id": "training", "date": "2024-09-01", "unit": "halfDay", "attendance": [{"member": "E1", "expenses": 12.4}, {"member": "E2"}, {"member": "E3"}]},
        {"id": "scoring", "date": "2024-09-20", "unit": "hour", "length": 2.5, "attendance": [{"member": "E1", "expenses": 3.1}]},
        {"id": "moderation", "date": "2024-10-03", "unit": "day", "attendance": [{"member": "E1"}, {"member": "E2", "expenses": 8}]}
    ]);
    let doc: Evaluation = from_json(&doc.to_string()).unwrap();
    let s = involvement_payments(&doc).unwrap();
    // E1: 75 (half day) + 2.5 x 20.50 = 51.25 (hours) + no day rate -> 126.25; expenses 12.40 + 3.10.
    let e1 = &s.members[0];
    assert_eq!(
        (
            e1.member.as_str(),
            e1.sessions,
            e1.involvement,
            e1.expenses,
            e1.total
        ),
        ("E1", 3, 126.25, 15.5, 141.75)
    );
    // E2 declines: nothing for involvement, expenses still paid.
    let e2 = &s.members[1];
    assert_eq!(
        (e2.involvement, e2.expenses, e2.total, e2.declines_payment),
        (0.0, 8.0, 8.0, true)
    );
    // E3 (finance) has no rates at all: staff, paid nothing, no finding.
    assert_eq!((s.members[2].involvement, s.members[2].total), (0.0, 0.0));
    assert_eq!((s.involvement, s.expenses, s.total), (126.25, 23.5, 149.75));
    // The service user's day at moderation has no rate: one finding.
    assert_eq!(
        s.diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.id(EVALUATOR)))
            .collect::<Vec<_>>(),
        vec![("no-payment-rate", Some("E1"))]
    );
    assert_eq!(s.currency, "GBP");
}

#[test]
fn score_sheet_round_trip_as_excel_saves_it() {
    use engagekit::evaluation::scoresheet;
    let mut doc = panel();
    // Start with no scores from E1: the sheet will bring them.
    doc["scores"]
        .as_array_mut()
        .unwrap()
        .retain(|s| s["evaluator"] != "E1");
    let doc: Evaluation = from_json(&doc.to_string()).unwrap();
    let sheet = scoresheet(&doc, "E1").unwrap();
    assert!(sheet.starts_with('\u{feff}'), "BOM for Excel");
    let lines: Vec<&str> = sheet
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        lines[0],
        "evaluator,bid,bidder,criterion,criterion title,scale,score,rationale"
    );
    // E1 (service user) may score Q1 and Q2 on all four bids: 8 rows.
    assert_eq!(lines.len(), 1 + 8);
    assert_eq!(lines[1], "E1,B1,Anchor Trust,Q1,Patient experience,0 Unacceptable; 1 Poor; 2 Satisfactory; 3 Good; 4 Excellent,,");
    // E2 has a conflict in B2 and may score both criteria elsewhere: 6 rows; E3 (finance) only Q2: 4.
    assert_eq!(
        scoresheet(&doc, "E2")
            .unwrap()
            .trim_end()
            .split("\r\n")
            .count(),
        1 + 6
    );
    assert_eq!(
        scoresheet(&doc, "E3")
            .unwrap()
            .trim_end()
            .split("\r\n")
            .count(),
        1 + 4
    );
    assert_eq!(
        scoresheet(&doc, "P1")
            .unwrap()
            .trim_end()
            .split("\r\n")
            .count(),
        1
    );

    // Filled as Excel saves it: BOM, CRLF, a rationale with a comma, quotes and a line break.
    let scores = [
        ("B1", "Q1", 3),
        ("B1", "Q2", 3),
        ("B2", "Q1", 4),
        ("B2", "Q2", 2),
        ("B3", "Q1", 1),
        ("B3", "Q2", 4),
        ("B4", "Q1", 2),
        ("B4", "Q2", 2),
    ];
    let mut filled = String::from(
        "\u{feff}evaluator,bid,bidder,criterion,criterion title,scale,score,rationale\r\n",
    );
    for (b, c, s) in scores {
        filled.push_str(&format!("E1,{b},x,{c},x,x,{s},\"Good, clear plan; \"\"young people first\"\"\r\nsecond line\"\r\n"));
    }
    let merged = merge_sheet(&doc, filled).unwrap();
    let e1 = scores_of_e1(&merged);
    assert_eq!(e1.len(), 8);
    assert_eq!(
        e1[0].rationale.as_deref(),
        Some("Good, clear plan; \"young people first\"\r\nsecond line")
    );
    // Merged, the evaluation is the one of the full panel (same finals, totals and ranks).
    let full: Evaluation = from_json(&panel().to_string()).unwrap();
    let summary = |r: &EvaluationResult| {
        r.bids
            .iter()
            .map(|b| (b.id.clone(), b.rank, b.total))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        summary(&evaluate(&merged).unwrap()),
        summary(&evaluate(&full).unwrap())
    );
}

#[test]
fn score_sheet_errors_name_file_line_and_column() {
    let doc: Evaluation = from_json(&panel().to_string()).unwrap();
    let header = "evaluator,bid,bidder,criterion,criterion title,scale,score,rationale\r\n";
    let merge = |rows: &str| merge_sheet(&doc, format!("{header}{rows}")).unwrap_err();
    let e = merge("E1,B1,x,Q1,x,x,3,ok\r\nE1,B2,x,Q1,x,x,7,too high\r\n");
    assert_eq!((e.code(), e.path()), ("out-of-range", "e1.csv:3:score"));
    assert!(e.to_string().contains("\"7\""), "{e}");
    let e = merge("E1,B9,x,Q1,x,x,3,ok\r\n");
    assert_eq!((e.code(), e.path()), ("dangling-reference", "e1.csv:2:bid"));
    let e = merge("E7,B1,x,Q1,x,x,3,ok\r\n");
    assert_eq!(
        (e.code(), e.path()),
        ("dangling-reference", "e1.csv:2:evaluator")
    );
    let e = merge("E1,B1,x,Q9,x,x,3,ok\r\n");
    assert_eq!(
        (e.code(), e.path()),
        ("dangling-reference", "e1.csv:2:criterion")
    );
    let e = merge("E1,B1,x,Q1,x,x,3\r\n");
    assert_eq!((e.code(), e.path()), ("invalid-value", "e1.csv:2:"));
    let e = merge("E1,B1,x,Q1,x,x,,a rationale but no score\r\n");
    assert_eq!((e.code(), e.path()), ("missing-field", "e1.csv:2:score"));
    let e = merge("E1,B1,x,Q1,x,x,2.5,half\r\n");
    assert_eq!(e.code(), "out-of-range");
    // Rows not yet scored are left out, not an error.
    let merged = merge_sheet(&doc, format!("{header}E1,B1,x,Q1,x,x,,\r\n")).unwrap();
    assert_eq!(merged.scores.len(), doc.scores.len());
}

#[test]
fn assessment_summary_shows_own_and_winning_scores_only() {
    use engagekit::evaluation::assessment_summary;
    use engagekit::render::Format as SummaryFormat;
    let mut doc = panel();
    doc["bids"][3]["bidder"] = json!("Delta <script>alert(1)</script> Care");
    doc["consensus"][0]["rationale"] = json!("Clear *access* plan & [link](javascript:x)");
    let doc: Evaluation = from_json(&doc.to_string()).unwrap();
    let result = evaluate(&doc).unwrap();
    // B1 (Anchor Trust) lost to B2 (Beacon CIC).
    let md = assessment_summary(&doc, &result, "B1", SummaryFormat::Markdown).unwrap();
    assert!(
        md.starts_with("# Assessment summary: Anchor Trust\n"),
        "{md}"
    );
    // Why it lost, from the data (Procurement Regulations 2024 regulation 31(3)(c)): 81.50 against
    // 92.50 (finals_weighted_quality_price_total_and_ranks).
    assert!(
        md.contains("Your tender was ranked 2 of 3 and was not successful: its total score is 81.50 against the winning tender's 92.50."),
        "{md}"
    );
    // Regulation 31(2)(a) to (c): name, address and identifier, said plainly when not recorded.
    assert!(md.contains("- Supplier: Anchor Trust\n- Address: not recorded\n- Unique identifier: not recorded\n"), "{md}");
    assert!(
        md.contains("| Q1 Patient experience | 40.00 | 0 to 4 | 3.50 | 35.00 | 4.00 | 40.00 |"),
        "{md}"
    );
    assert!(
        md.contains("| Total | 100.00 |  |  | 81.50 |  | 92.50 |"),
        "{md}"
    );
    // The winner's Q1 explanation is the consensus rationale, escaped.
    assert!(md.contains("The winning tender's score: 4.00 of 4 (Excellent). Clear \\*access\\* plan & \\[link\\](javascript:x)"), "{md}");
    // Nothing of a third bidder, no evaluator named.
    for other in ["Cheapest", "Delta", "B3", "B4", "E1", "E2", "E3"] {
        assert!(!md.contains(other), "{other} in {md}");
    }
    // The winner's own summary has no comparison columns.
    let md = assessment_summary(&doc, &result, "B2", SummaryFormat::Markdown).unwrap();
    assert!(md.contains("Your tender is the most advantageous tender."));
    assert!(!md.contains("Winning tender"));
    // HTML escapes every piece of text.
    let html = assessment_summary(&doc, &result, "B4", SummaryFormat::Html).unwrap();
    assert!(
        html.contains(
            "<h2>Assessment summary: Delta &lt;script&gt;alert(1)&lt;/script&gt; Care</h2>"
        ),
        "{html}"
    );
    assert!(!html.contains("<script"));
    assert_eq!(
        assessment_summary(&doc, &result, "B9", SummaryFormat::Html)
            .unwrap_err()
            .code(),
        "invalid-option"
    );
}

#[test]
fn decision_record_covers_process_key_criteria_conflicts_and_open_matters() {
    use engagekit::evaluation::decision_record;
    use engagekit::render::Format;
    let mut doc = panel();
    doc["regime"] = json!("psr");
    doc["criteria"][0]["keyCriterion"] = json!("accessInequalitiesChoice");
    let doc: Evaluation = from_json(&doc.to_string()).unwrap();
    let result = evaluate(&doc).unwrap();
    let md = decision_record(&doc, &result, Format::Markdown);
    assert!(
        md.starts_with("# Decision record: Community wheelchair service\n"),
        "{md}"
    );
    assert!(md.contains("Procured under the Provider Selection Regime"));
    // Labelled by its regime, with the process it followed (regulation 24(d)).
    assert!(md.contains("Record under the Provider Selection Regime (Health Care Services (Provider Selection Regime) Regulations 2023, regulation 24)."), "{md}");
    assert!(md.contains("- Process followed: the Competitive Process (regulation 11) (assumed: psrProcess is not given)."), "{md}");
    // No claim the data does not bear out: B2's Q2 (2 and 4, no consensus) still awaits
    // moderation, and the record says so, with the finding listed as it stands.
    assert!(!md.contains("were moderated"), "{md}");
    assert!(
        md.contains("- 1 criterion of a bid still awaits moderation (divergent-scores)."),
        "{md}"
    );
    assert!(md.contains("- warning divergent-scores: scores of bid B2 on Q2 range from 2 to 4: moderation needed"), "{md}");
    // Warnings are listed too, not only errors; and no "every rule was met".
    assert!(
        md.contains(
            "- warning missing-rationale: E3 gave bid B1 a score of 3 on Q2 without a rationale"
        ),
        "{md}"
    );
    assert!(!md.contains("every rule was met"), "{md}");
    // Who decided, the provider's address and the basic selection criteria: not recorded, and
    // a finding says so (regulation 24(c), (d), (e)/(f)).
    assert!(
        md.contains("- Decided by: not recorded (decision)."),
        "{md}"
    );
    assert!(
        md.contains("- B2 Beacon CIC: address not recorded; identifier not recorded."),
        "{md}"
    );
    assert!(md.contains("- warning decision-record-incomplete: PSR regulation 24: the address of the registered office or principal place of business of B2 (Beacon CIC), ranked first, is not recorded"), "{md}");
    assert!(
        md.contains("- 4 bids were evaluated against 2 quality criteria and price."),
        "{md}"
    );
    assert!(
        md.contains("## Scoring panel\n\n- service user (1): E1\n- clinician (1): E2"),
        "{md}"
    );
    assert!(md.contains("| Improving access, reducing health inequalities and facilitating choice | Q1 Patient experience (40.00) |"), "{md}");
    assert!(
        md.contains("| Social value | Not addressed by any criterion |"),
        "{md}"
    );
    // Price weighs 30: it is how value was taken into account.
    assert!(md.contains("| Value | Price (30.00) |"), "{md}");
    // E2 declared a conflict in B2, managed by a decision: the decision is quoted, and only the
    // B2 score (Q1) was set aside.
    assert!(md.contains("- E2 (clinician) declared a conflict of interest in bid B2, managed by a decision of ICB Audit Committee on Friday 20 September 2024: \"E2 may score every bid but B2.\"; 1 score(s) of bid B2 were set aside, and their other scores count."), "{md}");
    assert!(
        md.contains("| 1 | B2 Beacon CIC | ranked | 62.50 | 30.00 | 92.50 |"),
        "{md}"
    );
    assert!(
        md.contains("| - | B3 Cheapest Ltd | failed a minimum score | 40.00 | - | - |"),
        "{md}"
    );
    assert!(
        md.contains(
            "- error psr-key-criterion-missing: PSR regulation 5: no criterion addresses the key criterion \"quality and innovation\""
        ),
        "{md}"
    );
    let html = decision_record(&doc, &result, Format::Html);
    assert!(
        html.starts_with("<h2>Decision record: Community wheelchair service</h2>"),
        "{html}"
    );
}

#[test]
fn arithmetic_is_exact_to_the_last_digit() {
    // Five evaluators score 3, 3, 3, 3, 2 on a criterion of weight 12: final 14/5 = 2.8, weighted
    // 2.8 / 4 x 12 = 8.4 exactly (in floating point, 2.8 / 4 * 12 is 8.399999999999999).
    let mut panel_members = Vec::new();
    let mut scores = Vec::new();
    for (i, s) in [3, 3, 3, 3, 2].into_iter().enumerate() {
        panel_members.push(
            json!({"id": format!("E{i}"), "role": "carer", "trainingCompleted": "2024-01-01"}),
        );
        scores.push(json!({"evaluator": format!("E{i}"), "bid": "A", "criterion": "Q1", "score": s, "rationale": "r"}));
        scores.push(json!({"evaluator": format!("E{i}"), "bid": "A", "criterion": "Q2", "score": 3, "rationale": "r"}));
    }
    let doc = json!({
        "schema": "engagekit/evaluation@1", "title": "t",
        "scale": {"max": 4, "labels": ["0", "1", "2", "3", "4"]}, "price": {"weight": 57.9, "method": "lowest"},
        "criteria": [{"id": "Q1", "title": "a", "weight": 12}, {"id": "Q2", "title": "b", "weight": 30.1}],
        "bids": [{"id": "A", "bidder": "A", "price": 0.3}],
        "panel": panel_members, "scores": scores
    });
    let r = run(&doc);
    assert_eq!(r.bids[0].criteria[0].weighted, Some(8.4));
    // Q2: 3/4 x 30.1 = 22.575; quality 8.4 + 22.575 = 30.975; total 30.975 + 57.9 = 88.875.
    assert_eq!(r.bids[0].criteria[1].weighted, Some(22.575));
    assert_eq!(
        (r.bids[0].quality, r.bids[0].price_score, r.bids[0].total),
        (Some(30.975), Some(57.9), Some(88.875))
    );
    // Weights beyond 3 decimal places and prices beyond the penny are input errors.
    let mut bad = doc.clone();
    bad["criteria"][0]["weight"] = json!(12.0001);
    bad["price"]["weight"] = json!(57.8999);
    let e = from_json::<Evaluation>(&bad.to_string()).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid-value", "price.weight"));
    let mut bad = doc.clone();
    bad["bids"][0]["price"] = json!(100.005);
    let e = from_json::<Evaluation>(&bad.to_string()).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid-value", "bids[0].price"));
    assert!(e.to_string().contains("100.005"), "{e}");
}

#[test]
fn standstill_per_regime_from_the_legislation() {
    use engagekit::calendar::BankHolidays;
    use engagekit::evaluation::{standstill_ends, Regime};
    let cal = BankHolidays::builtin();
    let d = |s: &str| Date::parse(s).unwrap();
    // PSR regulation 12(2): the period "begins on the day after the day" the notice is
    // published; 12(3): representations "before midnight at the end of the 8th working day after
    // the day the standstill period begins". Notice Mon 2 Dec 2024: begins Tue 3 Dec; working
    // days after it 4, 5, 6, 9, 10, 11, 12, 13 -> Friday 13 December 2024.
    assert_eq!(
        standstill_ends(Regime::Psr, d("2024-12-02"), &cal),
        Some(d("2024-12-13"))
    );
    // Over a bank holiday: notice Thu 22 May 2025, begins Fri 23 May; Mon 26 May is the spring
    // bank holiday; 27, 28, 29, 30 May, 2, 3, 4, 5 June -> Thursday 5 June 2025.
    assert_eq!(
        standstill_ends(Regime::Psr, d("2025-05-22"), &cal),
        Some(d("2025-06-05"))
    );
    // PA 2023 s51 with s123: 8 working days beginning with the day of the notice, any UK bank
    // holiday excluded. Mon 2 Dec 2024 was Scotland's St Andrew's Day substitute, so the count
    // starts on the 3rd: -> Thursday 12 December 2024. A notice on Tue 3 Dec gives the same day;
    // on Wed 4 Dec: 4, 5, 6, 9, 10, 11, 12, 13 -> Friday 13 December.
    assert_eq!(
        standstill_ends(Regime::Pa2023, d("2024-12-02"), &cal),
        Some(d("2024-12-12"))
    );
    assert_eq!(
        standstill_ends(Regime::Pa2023, d("2024-12-03"), &cal),
        Some(d("2024-12-12"))
    );
    assert_eq!(
        standstill_ends(Regime::Pa2023, d("2024-12-04"), &cal),
        Some(d("2024-12-13"))
    );
    // Over Christmas (PSR): notice Fri 20 Dec 2024, begins Sat 21 Dec: 23, 24, 27, 30, 31 Dec, 2,
    // 3, 6 Jan (25, 26 Dec and 1 Jan are bank holidays) -> Monday 6 January 2025.
    assert_eq!(
        standstill_ends(Regime::Psr, d("2024-12-20"), &cal),
        Some(d("2025-01-06"))
    );
    // Through the document: with a regime and an award notice date.
    let mut doc = panel();
    doc["regime"] = json!("psr");
    doc["awardNoticeDate"] = json!("2024-12-02");
    assert_eq!(run(&doc).standstill_ends, Some(d("2024-12-13")));
    // Regulation 12(1): a standstill for Direct Award Process C, the Most Suitable Provider
    // Process and the Competitive Process only.
    for (process, ends) in [
        ("directAwardA", None),
        ("directAwardB", None),
        ("directAwardC", Some(d("2024-12-13"))),
        ("mostSuitableProvider", Some(d("2024-12-13"))),
        ("competitive", Some(d("2024-12-13"))),
    ] {
        doc["psrProcess"] = json!(process);
        assert_eq!(run(&doc).standstill_ends, ends, "{process}");
    }
    doc.as_object_mut().unwrap().remove("psrProcess");
    doc.as_object_mut().unwrap().remove("regime");
    assert_eq!(run(&doc).standstill_ends, None);
}

#[test]
fn summaries_take_panel_names_out_of_quoted_rationales() {
    use engagekit::evaluation::assessment_summary;
    use engagekit::render::Format;
    let mut doc = panel();
    doc["panel"][0]["name"] = json!("Ellie Morgan");
    doc["consensus"][0]["rationale"] =
        json!("Ellie Morgan and E2 agreed; Morgan noted the access plan. Morganite is a stone.");
    let doc: Evaluation = from_json(&doc.to_string()).unwrap();
    let md = assessment_summary(&doc, &evaluate(&doc).unwrap(), "B1", Format::Markdown).unwrap();
    assert!(md.contains("\\[a panel member\\] and \\[a panel member\\] agreed; \\[a panel member\\] noted the access plan. Morganite is a stone."), "{md}");
}

#[test]
fn score_sheet_quotes_text_and_never_starts_a_formula() {
    use engagekit::evaluation::scoresheet;
    let mut doc = panel();
    doc["bids"][0]["bidder"] = "=HYPERLINK(\"http://x\",\"Anchor\")".into();
    doc["criteria"][0]["title"] = "Access, \"reach\"\nand choice".into();
    doc["scores"]
        .as_array_mut()
        .unwrap()
        .retain(|s| s["evaluator"] != "E1");
    let doc: Evaluation = from_json(&doc.to_string()).unwrap();
    let sheet = scoresheet(&doc, "E1").unwrap();
    // Worked by hand: the formula gets a leading ' (then quoted for its comma and quotes); the
    // title is quoted for its comma, quotes and line break, quotes doubled.
    let row = sheet.split("\r\n").nth(1).unwrap();
    assert_eq!(
        row,
        "E1,B1,\"'=HYPERLINK(\"\"http://x\"\",\"\"Anchor\"\")\",Q1,\"Access, \"\"reach\"\"\nand choice\",0 Unacceptable; 1 Poor; 2 Satisfactory; 3 Good; 4 Excellent,,"
    );
    // The csv reader reads the sheet back row for row: fill in one score and merge it.
    let filled = sheet.replacen(",,\r\n", ",3,ok\r\n", 1);
    let merged = merge_sheet(&doc, filled).unwrap();
    let e1 = scores_of_e1(&merged);
    assert_eq!(e1.len(), 1);
    assert_eq!((e1[0].bid.as_str(), e1[0].criterion.as_str()), ("B1", "Q1"));
}

/// Found by `make fuzz` (target commands): expenses of 1.9e54 pounds overflowed the pence total and
/// panicked. Money is now bounded on load (a million pounds a rate or claim, 1,000 units a
/// session) and added up in i128. tests/data/fuzz/commands-3a9fc028.json is the fuzzer's input.
#[test]
fn fuzz_regression_payments_cannot_overflow() {
    use engagekit::evaluation::involvement_payments;
    let text = std::fs::read_to_string("tests/data/fuzz/commands-3a9fc028.json").unwrap();
    let err = from_json::<Evaluation>(&text).unwrap_err();
    assert_eq!(err.code(), "out-of-range");
    assert_eq!(err.path(), "sessions[0].attendance[2].expenses");

    // At the bounds, with every member at every one of 200 sessions of 1,000 days, the sums are
    // exact: 200 x (1,000 x 1,000,000 + 1,000,000) = 200,200,000,000 pounds for E1, worked by hand.
    let mut doc = panel();
    doc["payments"] =
        json!({"rates": [{"role": "serviceUser", "unit": "day", "amount": 1_000_000}]});
    let sessions: Vec<_> = (0..200)
        .map(|i| json!({"id": format!("s{i}"), "date": "2024-09-01", "unit": "day", "length": 1000, "attendance": [{"member": "E1", "expenses": 1_000_000}]}))
        .collect();
    doc["sessions"] = json!(sessions);
    let doc: Evaluation = from_json(&doc.to_string()).unwrap();
    let s = involvement_payments(&doc).unwrap();
    assert_eq!(
        (s.members[0].sessions, s.members[0].total),
        (200, 200_200_000_000.0)
    );
    assert_eq!(s.total, 200_200_000_000.0);

    // Just over a bound is an input error naming it.
    let mut over = panel();
    over["payments"] =
        json!({"rates": [{"role": "serviceUser", "unit": "day", "amount": 1_000_000.01}]});
    let err = from_json::<Evaluation>(&over.to_string()).unwrap_err();
    assert_eq!(err.path(), "payments.rates[0].amount");
}

/// A second score of the same bid and criterion by the same evaluator is an error naming the
/// second one, whether the panel scores every bid (a bit per possible score) or only a few of
/// very many (a set of the scores given): the two ways `check` keeps track.
#[test]
fn a_second_score_of_the_same_cell_is_named() {
    let duplicate = |doc: &Value| {
        let err = from_json::<Evaluation>(&doc.to_string()).unwrap_err();
        (
            err.code(),
            err.path().to_string(),
            err.message().to_string(),
        )
    };
    // Dense: the panel fixture, E2's score of B1 on Q2 given again at the end (scores[19]).
    let mut dense = panel();
    let again = json!({"evaluator": "E2", "bid": "B1", "criterion": "Q2", "score": 1, "rationale": "Changed my mind."});
    dense["scores"].as_array_mut().unwrap().push(again);
    assert_eq!(
        duplicate(&dense),
        (
            "duplicate-id",
            "scores[19]".to_string(),
            "evaluator \"E2\" scores bid \"B1\" on criterion \"Q2\" twice".to_string()
        )
    );
    // Sparse: 400 bids x 300 criteria x 4 members is 480,000 possible scores against 4 given.
    let mut sparse = panel();
    // Quality weights of 70 (price 30) in at most 3 places: 0.333 and 299 of 0.233.
    let criteria: Vec<Value> = (0..300)
        .map(|c| json!({"id": format!("C{c}"), "title": "A criterion", "weight": if c == 0 { 0.333 } else { 0.233 }}))
        .collect();
    sparse["criteria"] = Value::Array(criteria);
    sparse["bids"] = (0..400)
        .map(|b| json!({"id": format!("B{b}"), "bidder": "A bidder", "price": 100}))
        .collect();
    sparse.as_object_mut().unwrap().remove("consensus");
    sparse.as_object_mut().unwrap().remove("charter");
    let s = |e: &str, b: &str, c: &str| json!({"evaluator": e, "bid": b, "criterion": c, "score": 2, "rationale": "Reasons."});
    sparse["scores"] = json!([
        s("E1", "B7", "C12"),
        s("E2", "B399", "C299"),
        s("E1", "B12", "C7"),
        s("E2", "B399", "C299")
    ]);
    assert_eq!(
        duplicate(&sparse),
        (
            "duplicate-id",
            "scores[3]".to_string(),
            "evaluator \"E2\" scores bid \"B399\" on criterion \"C299\" twice".to_string()
        )
    );
    // Without the repeat, the sparse document reads.
    sparse["scores"].as_array_mut().unwrap().pop();
    assert!(from_json::<Evaluation>(&sparse.to_string()).is_ok());
}

/// A rationale is read into a shared allocation by a reader of its own: it must take what a plain
/// optional string takes (a string, null, nothing) and refuse the rest with serde's words.
#[test]
fn a_rationale_reads_as_an_optional_string() {
    let with = |rationale: Option<Value>| {
        let mut doc = panel();
        let score = &mut doc["scores"][0];
        match rationale {
            Some(v) => score["rationale"] = v,
            None => {
                score.as_object_mut().unwrap().remove("rationale");
            }
        }
        from_json::<Evaluation>(&doc.to_string())
    };
    let text = with(Some(json!("Tîm da 👍"))).unwrap();
    assert_eq!(text.scores[0].rationale.as_deref(), Some("Tîm da 👍"));
    assert_eq!(with(Some(Value::Null)).unwrap().scores[0].rationale, None);
    assert_eq!(with(None).unwrap().scores[0].rationale, None);
    for (bad, message) in [
        (json!(3), "invalid type: integer `3`, expected a string"),
        (json!(["x"]), "invalid type: sequence, expected a string"),
    ] {
        let err = with(Some(bad)).unwrap_err();
        assert_eq!(
            (err.code(), err.path()),
            ("wrong-type", "scores[0].rationale")
        );
        assert!(err.message().contains(message), "{}", err.message());
    }
}

/// Three bids, one criterion, three clinicians; E3 declared a conflict of interest in B3 only
/// and scored all three bids.
fn conflicted_in_b3() -> Value {
    let s = |e: &str, b: &str, score: u32| json!({"evaluator": e, "bid": b, "criterion": "Q1", "score": score, "rationale": "Reasons."});
    json!({
        "schema": "engagekit/evaluation@1", "title": "Conflict in B3",
        "scale": {"max": 4, "labels": ["0", "1", "2", "3", "4"]}, "price": {"weight": 40, "method": "lowest"},
        "criteria": [{"id": "Q1", "title": "Quality", "weight": 60}],
        "bids": [
            {"id": "B1", "bidder": "One", "price": 100},
            {"id": "B2", "bidder": "Two", "price": 100},
            {"id": "B3", "bidder": "Three", "price": 100}
        ],
        "panel": [
            {"id": "E1", "role": "clinician", "trainingCompleted": "2024-09-01"},
            {"id": "E2", "role": "clinician", "trainingCompleted": "2024-09-01"},
            {"id": "E3", "role": "clinician", "trainingCompleted": "2024-09-01", "conflicts": ["B3"]}
        ],
        "scores": [
            s("E1", "B1", 3), s("E2", "B1", 3), s("E3", "B1", 0),
            s("E1", "B2", 2), s("E2", "B2", 2), s("E3", "B2", 0),
            s("E1", "B3", 2), s("E2", "B3", 2), s("E3", "B3", 4)
        ]
    })
}

#[test]
fn a_conflict_in_one_bid_sets_aside_every_score_unless_managed() {
    let conflict = |r: &EvaluationResult| -> Vec<(String, String)> {
        r.diagnostics
            .iter()
            .filter(|d| d.code == "conflict-of-interest")
            .map(|d| {
                (
                    d.id(BID).map(String::from).unwrap(),
                    d.id(EVALUATOR).map(String::from).unwrap(),
                )
            })
            .collect()
    };
    // Unmanaged: E3 takes no part, so all three of E3's scores are set aside, one finding each,
    // and E3's 0s do not mark B1 and B2 down: B1 (3+3)/2 = 3 -> 3/4 x 60 = 45, B2 2 -> 30.
    let r = run(&conflicted_in_b3());
    assert_eq!(
        conflict(&r),
        [("B1", "E3"), ("B2", "E3"), ("B3", "E3")].map(|(b, e)| (b.to_string(), e.to_string()))
    );
    for b in ["B1", "B2", "B3"] {
        let e3 = &bid(&r, b).criteria[0].scores[2];
        assert_eq!(
            (e3.kept, e3.reason.map(|x| x.code())),
            (false, Some("conflict-of-interest"))
        );
    }
    assert_eq!(bid(&r, "B1").quality, Some(45.0));
    assert_eq!(bid(&r, "B2").quality, Some(30.0));
    let b1 = r
        .diagnostics
        .iter()
        .find(|d| d.id(BID) == Some("B1") && d.code == "conflict-of-interest")
        .unwrap();
    assert!(
        b1.message.contains(
            "declared a conflict of interest in bid B3 and no recorded decision manages it"
        ),
        "{}",
        b1.message
    );

    // Managed by a recorded decision: only the B3 score is set aside, and the decision is quoted.
    let mut doc = conflicted_in_b3();
    doc["panel"][2]["conflictManaged"] = json!({"decision": "E3 may score B1 and B2, not B3.", "decidedBy": "ICB Audit Committee", "date": "2024-10-01"});
    let r = run(&doc);
    assert_eq!(conflict(&r), [("B3".to_string(), "E3".to_string())]);
    // B1 (3+3+0)/3 = 2 -> 2/4 x 60 = 30; B2 (2+2+0)/3 = 4/3 -> 4/3 / 4 x 60 = 20.
    assert_eq!(bid(&r, "B1").quality, Some(30.0));
    assert_eq!(bid(&r, "B2").quality, Some(20.0));
    let managed: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "conflict-managed")
        .collect();
    assert_eq!(managed.len(), 1);
    assert_eq!(managed[0].severity, engagekit::Severity::Info);
    assert!(
        managed[0]
            .message
            .contains("\"E3 may score B1 and B2, not B3.\""),
        "{}",
        managed[0].message
    );
}

#[test]
fn the_decision_record_says_what_happened_to_a_conflicted_member() {
    use engagekit::evaluation::decision_record;
    use engagekit::render::Format;
    let doc: Evaluation = from_json(&conflicted_in_b3().to_string()).unwrap();
    let md = decision_record(&doc, &evaluate(&doc).unwrap(), Format::Markdown);
    assert!(md.contains("- E3 (clinician) declared a conflict of interest in bid B3 and no recorded decision manages it: they take no part in the evaluation, and 3 of their 3 score(s) were set aside for it."), "{md}");
    let mut doc = conflicted_in_b3();
    doc["panel"][2]["conflictManaged"] = json!({"decision": "E3 may score B1 and B2, not B3.", "decidedBy": "ICB Audit Committee", "date": "2024-10-01"});
    let doc: Evaluation = from_json(&doc.to_string()).unwrap();
    let md = decision_record(&doc, &evaluate(&doc).unwrap(), Format::Markdown);
    assert!(md.contains("- E3 (clinician) declared a conflict of interest in bid B3, managed by a decision of ICB Audit Committee on Tuesday 1 October 2024: \"E3 may score B1 and B2, not B3.\"; 1 score(s) of bid B3 were set aside, and their other scores count."), "{md}");
    // E3's 0 now counts on B1 beside two 3s: a spread of 3, and the record lists the warning.
    assert!(md.contains("- warning divergent-scores: scores of bid B1 on Q1 range from 0 to 3: moderation needed"), "{md}");
}

#[test]
fn new_fields_reject_bad_input_naming_the_field_and_value() {
    let err = |doc: &Value| from_json::<Evaluation>(&doc.to_string()).unwrap_err();
    let mut doc = panel();
    doc["regime"] = json!("psr");
    doc["psrProcess"] = json!("directAwardD");
    let e = err(&doc);
    assert_eq!((e.code(), e.path()), ("unknown-value", "psrProcess"));
    assert!(e.to_string().contains("directAwardD"), "{e}");
    // A PSR process with another regime, or none.
    doc["psrProcess"] = json!("directAwardA");
    doc["regime"] = json!("pa2023");
    let e = err(&doc);
    assert_eq!((e.code(), e.path()), ("invalid-value", "psrProcess"));
    assert!(
        e.to_string().contains("\"directAwardA\"") && e.to_string().contains("\"pa2023\""),
        "{e}"
    );
    doc.as_object_mut().unwrap().remove("regime");
    assert_eq!(err(&doc).path(), "psrProcess");
    // A managed conflict without its decision, or with an empty one.
    let mut doc = panel();
    doc["panel"][1]["conflictManaged"]
        .as_object_mut()
        .unwrap()
        .remove("decision");
    let e = err(&doc);
    assert_eq!(
        (e.code(), e.path()),
        ("missing-field", "panel[1].conflictManaged.decision")
    );
    doc["panel"][1]["conflictManaged"]["decision"] = json!("  ");
    let e = err(&doc);
    assert_eq!(e.path(), "panel[1].conflictManaged.decision");
    assert!(e.to_string().contains("\"  \""), "{e}");
}

#[test]
fn records_say_not_recorded_and_findings_say_so_too() {
    use engagekit::evaluation::{assessment_summary, decision_record};
    use engagekit::render::Format;
    let count =
        |r: &EvaluationResult, code: &str| r.diagnostics.iter().filter(|d| d.code == code).count();
    // PSR, Competitive Process, with what regulation 24 asks recorded: no gap.
    let mut doc = panel();
    doc["regime"] = json!("psr");
    doc["psrProcess"] = json!("competitive");
    doc["awardNoticeDate"] = json!("2024-12-02");
    doc["bids"][1]["address"] = json!("1 High Street, Rochester ME1 1AA");
    doc["decision"] = json!({"by": "ICB Contracts Committee", "date": "2024-11-28", "basicSelectionCriteria": "All four bidders passed the basic selection criteria (finance, CQC registration)."});
    let r = run(&doc);
    assert_eq!(count(&r, "decision-record-incomplete"), 0);
    assert_eq!(count(&r, "psr-process-assumed"), 0);
    let typed: Evaluation = from_json(&doc.to_string()).unwrap();
    let md = decision_record(&typed, &r, Format::Markdown);
    assert!(
        md.contains("- Decided by: ICB Contracts Committee, on Thursday 28 November 2024."),
        "{md}"
    );
    assert!(
        md.contains(
            "- B2 Beacon CIC: address 1 High Street, Rochester ME1 1AA; identifier not recorded."
        ),
        "{md}"
    );
    // Regulation 12: notice Monday 2 December 2024 -> Friday 13 December 2024.
    assert!(md.contains("The standstill period ends at midnight at the end of Friday 13 December 2024 (PSR regulation 12(3))."), "{md}");
    // Direct Award Process A: no standstill, and the record says why.
    doc["psrProcess"] = json!("directAwardA");
    let typed: Evaluation = from_json(&doc.to_string()).unwrap();
    let md = decision_record(&typed, &evaluate(&typed).unwrap(), Format::Markdown);
    assert!(md.contains("Direct Award Process A (regulation 7) has no standstill period (PSR regulation 12(1))."), "{md}");
    // PSR without a decision: one finding for who decided, one for the basic selection criteria,
    // one for the winner's address.
    let mut doc = panel();
    doc["regime"] = json!("psr");
    assert_eq!(count(&run(&doc), "decision-record-incomplete"), 3);
    // Procurement Act 2023: each bid needs its address and identifier in its summary.
    let mut doc = panel();
    doc["regime"] = json!("pa2023");
    doc["bids"][0]["address"] = json!("Anchor House, Leeds LS1 1AA; bids@anchor.example");
    doc["bids"][0]["identifier"] = json!("GB-COH-01234567");
    let r = run(&doc);
    let gaps: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "assessment-summary-incomplete")
        .map(|d| d.id(BID).map(String::from).unwrap())
        .collect();
    assert_eq!(gaps, ["B2", "B3", "B4"]);
    let typed: Evaluation = from_json(&doc.to_string()).unwrap();
    let md = assessment_summary(&typed, &r, "B1", Format::Markdown).unwrap();
    assert!(md.contains("Assessment summary under the Procurement Act 2023 s50(3), with the information Procurement Regulations 2024 regulation 31 lists."), "{md}");
    assert!(md.contains("- Unique identifier: GB-COH-01234567"), "{md}");
    // B3 failed Q1 (1 against a minimum of 2): the summary says why (regulation 31(3)(c)).
    let md = assessment_summary(&typed, &r, "B3", Format::Markdown).unwrap();
    assert!(md.contains("Your tender did not meet the minimum score on Q1 Patient experience (1.00 against a minimum of 2) and was not successful."), "{md}");
}

#[test]
fn set_aside_reasons_are_written_as_their_rule_codes() {
    let r = run(&panel());
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("\"reason\":\"non-scoring-role\""), "{json}");
    assert!(
        json.contains("\"reason\":\"conflict-of-interest\""),
        "{json}"
    );
    assert!(json.contains("\"reason\":\"role-not-permitted\""), "{json}");
    let back: EvaluationResult = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    for reason in engagekit::evaluation::SetAside::ALL {
        assert_eq!(reason.code(), reason.rule().code);
        assert!(engagekit::catalogue::rule(reason.code()).is_some());
    }
}

#[test]
fn a_score_sheet_offers_no_row_a_conflict_would_set_aside() {
    use engagekit::evaluation::{may_score, scoresheet};
    // Unmanaged: E3 takes no part, so E3's sheet has its header and no row.
    let doc: Evaluation = from_json(&conflicted_in_b3().to_string()).unwrap();
    assert!(!may_score(&doc, "E3", "B1", "Q1"));
    assert_eq!(scoresheet(&doc, "E3").unwrap().matches("\r\n").count(), 1);
    // Managed: B1 and B2, not B3.
    let mut doc = conflicted_in_b3();
    doc["panel"][2]["conflictManaged"] = json!({"decision": "E3 may score B1 and B2, not B3.", "decidedBy": "ICB Audit Committee", "date": "2024-10-01"});
    let doc: Evaluation = from_json(&doc.to_string()).unwrap();
    assert!(may_score(&doc, "E3", "B1", "Q1") && may_score(&doc, "E3", "B2", "Q1"));
    assert!(!may_score(&doc, "E3", "B3", "Q1"));
}

/// CSV injection (issue 16): a rationale a person typed as a formula is written as text in every
/// cell of the sheet, and merging the sheet back gives the typed text exactly.
#[test]
fn a_rationale_typed_as_a_formula_stays_text_and_round_trips() {
    use engagekit::evaluation::{merge_scoresheets, scoresheet, FilledSheet};
    let typed = [
        ("B1", "Q1", "=HYPERLINK(\"http://evil.example\",\"click\")"),
        ("B1", "Q2", "- good plan, thin on transition"),
        ("B3", "Q1", "@SUM(1+1)"),
        ("B3", "Q2", "+44 helpline is staffed at night"),
        ("B4", "Q1", "'=1+1' is what the bid wrote"),
        ("B4", "Q2", "'Tis a clear plan"),
    ];
    let mut doc = panel();
    let scores = doc["scores"].as_array_mut().unwrap();
    scores.retain(|s| s["evaluator"] != "E1");
    for (b, c, r) in typed {
        scores
            .push(json!({"evaluator": "E1", "bid": b, "criterion": c, "score": 3, "rationale": r}));
    }
    let doc: Evaluation = from_json(&doc.to_string()).unwrap();
    let sheet = scoresheet(&doc, "E1").unwrap();

    // Read with the csv crate, as a spreadsheet would split it: no cell starts a formula.
    let text = sheet.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would run as a formula"
            );
        }
    }
    // The sheet carries E1's scores the document holds, each guarded where it must be.
    let rationale = |b: &str, c: &str| {
        rows.iter()
            .find(|r| &r[1] == b && &r[3] == c)
            .map(|r| (r[6].to_string(), r[7].to_string()))
            .unwrap()
    };
    assert_eq!(
        rationale("B1", "Q1"),
        (
            "3".into(),
            "'=HYPERLINK(\"http://evil.example\",\"click\")".into()
        )
    );
    assert_eq!(rationale("B1", "Q2").1, "'- good plan, thin on transition");
    assert_eq!(rationale("B4", "Q1").1, "''=1+1' is what the bid wrote");
    assert_eq!(rationale("B4", "Q2").1, "''Tis a clear plan");
    // Not yet scored: blank.
    assert_eq!(rationale("B2", "Q1"), (String::new(), String::new()));

    // Back in: exactly what was typed.
    let mut blank = doc.clone();
    blank.scores.retain(|s| s.evaluator != "E1");
    let merged = merge_scoresheets(
        &blank,
        &[FilledSheet {
            name: "e1.csv".into(),
            text: sheet.clone(),
        }],
    )
    .unwrap();
    for (b, c, r) in typed {
        let s = merged
            .scores
            .iter()
            .find(|s| s.evaluator == "E1" && s.bid == b && s.criterion == c)
            .unwrap();
        assert_eq!(s.rationale.as_deref(), Some(r), "{b} {c}");
    }
    // A sheet edited elsewhere with a leading apostrophe of its own keeps it.
    let edited = sheet.replace("''Tis a clear plan", "'Tis a clear plan");
    let merged = merge_scoresheets(
        &blank,
        &[FilledSheet {
            name: "e1.csv".into(),
            text: edited,
        }],
    )
    .unwrap();
    let s = merged
        .scores
        .iter()
        .find(|s| s.evaluator == "E1" && s.bid == "B4" && s.criterion == "Q2")
        .unwrap();
    assert_eq!(s.rationale.as_deref(), Some("'Tis a clear plan"));
}

/// A member's sheet as data: the rows their role and conflicts let them score, in bid then
/// criterion order, the same rows as the CSV sheet, and their role in words. Expected from the
/// example's panel and criteria by hand: E4 (a parent representative with a managed conflict in
/// B2) scores Q2, Q3 and Q6 (the criteria whose `scoredBy` names parentRep) of B1, B3 and B4 only;
/// E8 (procurement) scores nothing.
#[test]
fn a_members_sheet_as_data() {
    let mut doc = cyp_example();
    doc.scores.clear();
    let sheet = engagekit::evaluation::sheet(&doc, "E4").unwrap();
    assert_eq!(sheet.role_words, "parent representative");
    let cells: Vec<(String, String)> = sheet
        .rows
        .iter()
        .map(|r| (r.bid.clone(), r.criterion.clone()))
        .collect();
    let expected: Vec<(String, String)> = ["B1", "B3", "B4"]
        .iter()
        .flat_map(|b| ["Q2", "Q3", "Q6"].map(|c| (b.to_string(), c.to_string())))
        .collect();
    assert_eq!(cells, expected);
    assert!(sheet
        .rows
        .iter()
        .all(|r| r.score.is_none() && r.rationale.is_none()));

    // The CSV sheet has the same rows, in the same order.
    let csv = engagekit::evaluation::scoresheet(&doc, "E4").unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let from_csv: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[1].to_string(), r[3].to_string())
        })
        .collect();
    assert_eq!(from_csv, expected);

    let none = engagekit::evaluation::sheet(&doc, "E8").unwrap();
    assert_eq!(none.role_words, "procurement");
    assert!(none.rows.is_empty());

    // A score the document has comes with its rationale.
    doc.scores = cyp_example().scores;
    let given = doc
        .scores
        .iter()
        .find(|s| s.evaluator == "E1")
        .unwrap()
        .clone();
    let row = engagekit::evaluation::sheet(&doc, "E1")
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.bid == given.bid && r.criterion == given.criterion)
        .unwrap();
    assert_eq!(row.score, Some(given.score));
    assert_eq!(row.rationale.as_deref(), given.rationale.as_deref());

    let err = engagekit::evaluation::sheet(&doc, "E99").unwrap_err();
    assert_eq!((err.code(), err.path()), ("invalid-option", "evaluator"));
}

/// Findings and the payments table name roles as people read them (`parent representative`,
/// `young person`), not by their ids (`parentRep`). The example's E4 is a parent representative
/// with a managed conflict in B2; the payments by hand: a young person is paid 40 a half day and
/// 80 a day, a parent representative 75 and 150; the training is a half day, the scoring two half
/// days (E1 to E4), the moderation a day: E1 40 + 80 + 80 = 200, with expenses 6.80 at each of the
/// three, 20.40; E3 75 + 150 + 150 = 375 with 14.85 x 3 = 44.55; E4 declines payment (expenses
/// only: 33.70); in all 200 + 200 + 375 = 775 and 20.40 + 28.20 + 44.55 + 33.70 = 126.85.
#[test]
fn findings_and_the_payments_table_name_roles_in_words() {
    let doc = cyp_example();
    let result = evaluate(&doc).unwrap();
    let managed = result
        .diagnostics
        .iter()
        .find(|d| d.code == "conflict-managed")
        .expect("E4's managed conflict");
    assert!(
        managed
            .message
            .starts_with("E4 (parent representative) declared a conflict of interest in bid B2"),
        "{}",
        managed.message
    );
    let table = engagekit::evaluation::payments_to_text(
        &engagekit::evaluation::involvement_payments(&doc).unwrap(),
    );
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "Involvement payments (GBP)");
    assert_eq!(
        lines[2],
        "Member       Role                  Sessions  Involvement   Expenses      Total"
    );
    assert_eq!(
        lines[3],
        "E1           young person                 3       200.00      20.40     220.40"
    );
    assert_eq!(
        lines[5],
        "E3           parent representative        3       375.00      44.55     419.55"
    );
    assert_eq!(
        lines[6],
        "E4           parent representative        3     declined      33.70      33.70"
    );
    assert!(
        table.contains(
            "\nTotal                                             775.00     126.85     901.85\n"
        ),
        "{table}"
    );
}
