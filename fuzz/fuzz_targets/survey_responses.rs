//! Any text as the responses CSV of the worked example's survey: reading and summarising (with
//! its coding and a breakdown) never panic.
#![no_main]
use engagekit::survey::{read_responses, summarise, Coding, SummaryOptions, Survey};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static DOCS: OnceLock<Option<(Survey, Coding)>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let docs = DOCS.get_or_init(|| {
        let survey = engagekit::json::from_json(include_str!("../../examples/swale-minor-injuries.survey.json")).ok()?;
        let coding = engagekit::json::from_json(include_str!("../../examples/swale-minor-injuries.coding.json")).ok()?;
        Some((survey, coding))
    });
    let Some((survey, coding)) = docs else { return };
    let text = String::from_utf8_lossy(data).into_owned();
    if let Ok(responses) = read_responses(survey, "fuzz.csv", &text) {
        let _ = summarise(survey, &responses, &SummaryOptions { by: Some("area"), coding: None });
        let _ = summarise(survey, &responses, &SummaryOptions { by: None, coding: Some(coding) });
    }
});
