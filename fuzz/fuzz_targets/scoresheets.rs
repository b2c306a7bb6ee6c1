//! Any text as a filled score sheet for the worked example: merging never panics.
#![no_main]
use engagekit::evaluation::{merge_scoresheets, Evaluation, FilledSheet};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static DOC: OnceLock<Option<Evaluation>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let doc = DOC.get_or_init(|| engagekit::json::from_json(include_str!("../../examples/cyp-mental-health.evaluation.json")).ok());
    let Some(doc) = doc else { return };
    let text = String::from_utf8_lossy(data).into_owned();
    if let Ok(merged) = merge_scoresheets(doc, &[FilledSheet { name: "fuzz.csv".into(), text }]) {
        let _ = engagekit::evaluation::evaluate(&merged);
    }
});
