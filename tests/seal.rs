//! Tamper-evident records: every field of a sealed record is changed, one at a time, and every
//! change is detected; so are removed, added and reordered entries, and a wrong seal.

use engagekit::evaluation::{seal, verify, Evaluation, SealedEvaluation};
use engagekit::json::from_json;
use serde_json::Value;

fn sealed_example() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/cyp-mental-health.evaluation.json"
    ))
    .unwrap();
    let doc: Evaluation = from_json(&text).unwrap();
    serde_json::to_value(seal(&doc).unwrap()).unwrap()
}

/// The codes `verify` gives for a record, or `None` when the record no longer even reads (an
/// input error: detected too).
fn codes(record: &Value) -> Option<Vec<String>> {
    let sealed: SealedEvaluation = serde_json::from_value(record.clone()).ok()?;
    match verify(&sealed, None) {
        Ok(v) => Some(v.diagnostics.into_iter().map(|d| d.code).collect()),
        Err(_) => None,
    }
}

/// Every leaf of a JSON value, by its JSON pointer.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            leaves(
                x,
                format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                out,
            )
        }),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| leaves(x, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

fn mutate(v: &Value) -> Value {
    match v {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap_or(0.0) + 1.0),
        Value::String(s) => Value::String(format!("{s}x")),
        Value::Bool(b) => Value::Bool(!b),
        _ => serde_json::json!(1),
    }
}

#[test]
fn an_untouched_record_verifies_and_its_seal_is_checked() {
    let record = sealed_example();
    assert_eq!(codes(&record), Some(vec![]));
    let sealed: SealedEvaluation = serde_json::from_value(record.clone()).unwrap();
    assert!(
        verify(&sealed, Some(&sealed.seal.to_uppercase()))
            .unwrap()
            .valid,
        "hex case does not matter"
    );
    let other = "0".repeat(64);
    assert_eq!(
        verify(&sealed, Some(&other))
            .unwrap()
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>(),
        vec!["seal-mismatch"]
    );
}

#[test]
fn every_field_changed_is_detected() {
    let record = sealed_example();
    let mut paths = Vec::new();
    leaves(&record, String::new(), &mut paths);
    let mut missed = Vec::new();
    for path in &paths {
        let mut changed = record.clone();
        let leaf = changed.pointer_mut(path).unwrap();
        *leaf = mutate(leaf);
        if codes(&changed).is_some_and(|c| c.is_empty()) {
            missed.push(path.clone());
        }
    }
    // The closing note quotes these numbers.
    eprintln!(
        "sealed record: {} fields changed one at a time, {} detected",
        paths.len(),
        paths.len() - missed.len()
    );
    assert!(paths.len() > 1000, "only {} fields", paths.len());
    assert!(missed.is_empty(), "changes not detected: {missed:?}");
}

#[test]
fn removed_added_and_reordered_entries_say_which() {
    let record = sealed_example();
    let scores = |r: &mut Value| r["evaluation"]["scores"].as_array_mut().unwrap().clone();
    // Removed: the third score.
    let mut r = record.clone();
    let removed = scores(&mut r)[2].clone();
    r["evaluation"]["scores"].as_array_mut().unwrap().remove(2);
    let c = codes(&r).unwrap();
    assert!(c.contains(&"entry-removed".to_string()), "{c:?}");
    let name = format!(
        "score {}/{}/{}",
        removed["evaluator"].as_str().unwrap(),
        removed["bid"].as_str().unwrap(),
        removed["criterion"].as_str().unwrap()
    );
    let sealed: SealedEvaluation = serde_json::from_value(r).unwrap();
    assert!(verify(&sealed, None)
        .unwrap()
        .diagnostics
        .iter()
        .any(|d| d.code == "entry-removed" && d.message.starts_with(&name)));
    // Reordered: the first two scores swapped.
    let mut r = record.clone();
    r["evaluation"]["scores"].as_array_mut().unwrap().swap(0, 1);
    let c = codes(&r).unwrap();
    assert!(
        c.contains(&"entry-reordered".to_string()) && !c.contains(&"entry-changed".to_string()),
        "{c:?}"
    );
    // Added: a score by the procurement lead (set aside, so even the result is the same).
    let mut r = record.clone();
    r["evaluation"]["scores"].as_array_mut().unwrap().push(serde_json::json!({"evaluator": "E8", "bid": "B1", "criterion": "Q1", "score": 4, "rationale": "late"}));
    let c = codes(&r).unwrap();
    assert!(c.contains(&"entry-added".to_string()), "{c:?}");
}
