//! Any bytes as a workbook (a filled set-up workbook, a filled score sheet): reading never
//! panics, and what reads is checked as every document is. Seeded with the blank templates and a
//! score sheet (scripts/fuzz.sh writes them with the CLI).
#![no_main]
use engagekit::evaluation::{merge_scoresheet_files, Evaluation, ScoresheetFile};
use engagekit::sheets::{import_evaluation, import_timeline, kind_of};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static DOC: OnceLock<Option<Evaluation>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let doc = DOC.get_or_init(|| engagekit::json::from_json(include_str!("../../examples/cyp-mental-health.evaluation.json")).ok());
    let _ = kind_of("fuzz.xlsx", data);
    if let Ok(imported) = import_evaluation("fuzz.xlsx", data, None) {
        let _ = engagekit::evaluation::evaluate(&imported);
    }
    let _ = import_timeline("fuzz.xlsx", data, Some("Fuzz"), Some(true));
    if let Some(doc) = doc {
        let files = [ScoresheetFile { name: "fuzz.xlsx".into(), bytes: data.to_vec() }];
        if let Ok(merged) = merge_scoresheet_files(doc, &files) {
            let _ = engagekit::evaluation::evaluate(&merged);
        }
    }
});
