//! Properties that must hold for every input, checked on generated ones (proptest): results do
//! not depend on input order, set-aside scores change nothing, prices scale away, ranks are
//! 1..n, working days never exceed calendar days, and the readers never panic and keep their
//! line numbers inside the input.

use engagekit::calendar::{BankHolidays, Region};
use engagekit::evaluation::{evaluate, BidStatus, Evaluation, EvaluationResult};
use engagekit::json::from_json;
use engagekit::report::{lint, read_blocks, render, to_report, RenderFormat, ReportSource};
use engagekit::Date;
use proptest::prelude::*;
use serde_json::{json, Value};

const ROLES: [&str; 4] = ["serviceUser", "carer", "clinician", "youngPerson"];

/// A panel's evaluation: `bids` bids, 2 criteria (one scored by service users and clinicians
/// only, with a minimum of 1), 4 evaluators (one with a conflict), and the given scores.
fn evaluation(prices: &[u32], scores: &[(usize, usize, usize, u32)]) -> Value {
    let bids: Vec<Value> = prices
        .iter()
        .enumerate()
        .map(|(i, p)| json!({"id": format!("B{i}"), "bidder": format!("Bidder {i}"), "price": p}))
        .collect();
    let panel: Vec<Value> = ROLES.iter().enumerate().map(|(i, r)| json!({"id": format!("E{i}"), "role": r, "trainingCompleted": "2024-01-01", "conflicts": if i == 3 { vec!["B0"] } else { vec![] }})).collect();
    let mut seen = std::collections::HashSet::new();
    let scores: Vec<Value> = scores
        .iter()
        .filter(|(e, b, c, _)| *b < prices.len() && seen.insert((*e, *b, *c)))
        .map(|(e, b, c, s)| json!({"evaluator": format!("E{e}"), "bid": format!("B{b}"), "criterion": format!("Q{c}"), "score": s, "rationale": "r"}))
        .collect();
    json!({
        "schema": "engagekit/evaluation@1", "title": "t",
        "scale": {"max": 4, "labels": ["0", "1", "2", "3", "4"]}, "price": {"weight": 30, "method": "lowest"},
        "criteria": [
            {"id": "Q0", "title": "a", "weight": 40, "minimumScore": 1, "scoredBy": ["serviceUser", "clinician"]},
            {"id": "Q1", "title": "b", "weight": 30}
        ],
        "bids": bids, "panel": panel, "scores": scores
    })
}

fn run(doc: &Value) -> EvaluationResult {
    evaluate(&from_json::<Evaluation>(&doc.to_string()).unwrap()).unwrap()
}

/// What a result says of a bid: id, status, rank, quality, price score, total.
type BidLine = (
    String,
    BidStatus,
    Option<u32>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
);

/// What a result says of each bid, by id (order aside).
fn by_bid(r: &EvaluationResult) -> Vec<BidLine> {
    let mut v: Vec<_> = r
        .bids
        .iter()
        .map(|b| {
            (
                b.id.clone(),
                b.status,
                b.rank,
                b.quality,
                b.price_score,
                b.total,
            )
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn scores_strategy() -> impl Strategy<Value = Vec<(usize, usize, usize, u32)>> {
    prop::collection::vec((0..4usize, 0..5usize, 0..2usize, 0..=4u32), 0..40)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn order_of_scores_panel_and_bids_changes_no_result(prices in prop::collection::vec(1..1_000_000u32, 1..5), scores in scores_strategy(), seed in any::<u64>()) {
        let doc = evaluation(&prices, &scores);
        let base = run(&doc);
        let mut shuffled = doc.clone();
        for key in ["scores", "panel", "bids"] {
            let list = shuffled[key].as_array_mut().unwrap();
            // A permutation from the seed: rotate and reverse.
            let n = list.len().max(1);
            list.rotate_left((seed as usize) % n);
            if seed % 2 == 0 { list.reverse(); }
        }
        prop_assert_eq!(by_bid(&run(&shuffled)), by_bid(&base));
    }

    #[test]
    fn a_score_set_aside_changes_nothing(prices in prop::collection::vec(1..1_000_000u32, 1..5), scores in scores_strategy(), bid in 0..5usize, score in 0..=4u32) {
        let doc = evaluation(&prices, &scores);
        let base = run(&doc);
        let mut more = doc.clone();
        // A procurement lead (never scores) and the conflicted evaluator on their own conflict.
        more["panel"].as_array_mut().unwrap().push(json!({"id": "P", "role": "procurement"}));
        let b = format!("B{}", bid % prices.len());
        more["scores"].as_array_mut().unwrap().push(json!({"evaluator": "P", "bid": b, "criterion": "Q1", "score": score, "rationale": "r"}));
        if !scores.iter().any(|(e, b, c, _)| *e == 3 && *b == 0 && *c == 1) {
            more["scores"].as_array_mut().unwrap().push(json!({"evaluator": "E3", "bid": "B0", "criterion": "Q1", "score": score, "rationale": "r"}));
        }
        prop_assert_eq!(by_bid(&run(&more)), by_bid(&base));
    }

    #[test]
    fn multiplying_every_price_changes_no_price_score(prices in prop::collection::vec(1..100_000u32, 1..5), scores in scores_strategy(), k in 2..1000u32) {
        let base = run(&evaluation(&prices, &scores));
        let scaled: Vec<u32> = prices.iter().map(|p| p * k).collect();
        let r = run(&evaluation(&scaled, &scores));
        prop_assert_eq!(by_bid(&r), by_bid(&base));
    }

    #[test]
    fn ranks_are_1_to_n_over_the_ranked_bids(prices in prop::collection::vec(1..1_000u32, 1..5), scores in scores_strategy()) {
        let r = run(&evaluation(&prices, &scores));
        let ranked: Vec<u32> = r.bids.iter().filter(|b| b.status == BidStatus::Ranked).map(|b| b.rank.unwrap()).collect();
        let n = ranked.len() as u32;
        // Competition ranking: sorted, each rank is 1 + the number of bids ahead of it.
        for (i, &rank) in ranked.iter().enumerate() {
            prop_assert!(rank >= 1 && rank <= n);
            prop_assert!(rank == i as u32 + 1 || (i > 0 && rank == ranked[i - 1]));
        }
        prop_assert!(r.bids.iter().filter(|b| b.status != BidStatus::Ranked).all(|b| b.rank.is_none() && b.total.is_none()));
    }

    #[test]
    fn working_days_never_exceed_calendar_days(from in 0..12_000i64, span in 0..800i64, region in 0..4usize) {
        let cal = BankHolidays::builtin();
        let start = Date::from_ymd(2000, 1, 1).unwrap().add_days(from).unwrap();
        let end = start.add_days(span).unwrap();
        let region = Region::ALL[region];
        let w = cal.working_days_between(region, start, end);
        prop_assert!(i64::from(w) <= span);
        // And the nth working day after start is no earlier than start + n.
        if w > 0 {
            let nth = cal.nth_working_day_after(region, start, w).unwrap();
            prop_assert!(nth <= end && nth.days_since(start) >= i64::from(w));
        }
    }

    #[test]
    fn lint_and_render_never_panic_and_lines_lie_inside(text in "\\PC{0,400}", date in prop::option::of(0..20_000i64)) {
        let lines = text.split('\n').count() as u32;
        let report_date = date.map(|d| Date::from_ymd(1990, 1, 1).unwrap().add_days(d).unwrap());
        let source = ReportSource::Text(text.clone());
        let result = lint(&source, report_date);
        for d in &result.diagnostics {
            if let Some(l) = d.number(engagekit::report::LINE) {
                prop_assert!(l >= 1 && l <= lines, "line {} outside 1..={}", l, lines);
            }
        }
        for to in [RenderFormat::Html, RenderFormat::Markdown, RenderFormat::Text] {
            let _ = render(&source, to).unwrap();
        }
    }

    #[test]
    fn lint_never_panics_on_report_like_text(lines in prop::collection::vec(prop_oneof![
        Just("1 Introduction".to_string()), Just("2. 2.1 Heading".to_string()), Just("• 4.0 Zero".to_string()), Just("".to_string()),
        Just("Read it at and tell us, , now..".to_string()), Just("htt p: //www. x. nhs.uk".to_string()),
        Just("It was held on 31 December 2099 and 41% 35% 30%.".to_string()), Just("# Title".to_string()), Just("- item".to_string()),
        "[a-zA-Z0-9 .,%:#*\\-•]{0,60}",
    ], 0..30)) {
        let text = lines.join("\n");
        let n = lines.len().max(1) as u32;
        let result = lint(&ReportSource::Text(text.clone()), Date::from_ymd(2016, 12, 8));
        prop_assert!(result.diagnostics.iter().all(|d| d.number(engagekit::report::LINE).is_none_or(|l| l >= 1 && l <= n)));
        render(&ReportSource::Text(text), RenderFormat::Markdown).unwrap();
    }

    #[test]
    fn reports_round_trip_through_markdown_and_plain_text(sections in prop::collection::vec((
        "[A-Z][a-z]{2,10}( [a-z]{2,8}){0,4}",
        prop::collection::vec(prop_oneof![
            "[A-Z][a-z]{1,8}( [a-z]{1,8}){0,12}\\.".prop_map(|p| json!({"paragraph": p})),
            prop::collection::vec("[a-z]{1,8}( [a-z]{1,8}){0,5}", 1..4).prop_map(|l| json!({"list": l})),
            ("[a-z]{3,10}( [a-z]{3,10}){0,2}", 0..100_000u32).prop_map(|(l, v)| json!({"figure": {"label": l, "value": v}})),
        ], 0..4),
        prop::collection::vec(("[A-Z][a-z]{2,10}", "[A-Z][a-z]{1,8}( [a-z]{1,8}){0,8}\\."), 0..3),
    ), 1..5)) {
        let sections: Vec<Value> = sections.into_iter().map(|(title, blocks, subs)| {
            let subs: Vec<Value> = subs.into_iter().map(|(t, p)| json!({"title": t, "blocks": [{"paragraph": p}]})).collect();
            json!({"title": title, "blocks": blocks, "sections": subs})
        }).collect();
        let doc = json!({"schema": "engagekit/report@1", "title": "Progress report", "organisation": "NHS Medway CCG", "sections": sections});
        let mut report: engagekit::report::Report = from_json(&doc.to_string()).unwrap();
        engagekit::report::number_sections(&mut report);
        for to in [RenderFormat::Markdown, RenderFormat::Text] {
            let text = render(&ReportSource::Document(report.clone()), to).unwrap();
            prop_assert_eq!(&to_report(&read_blocks(&text)), &report, "{}", text);
        }
    }
}
