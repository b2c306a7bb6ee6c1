//! Any document that reads is run through every command that takes it: evaluate (with its
//! records, payments, sheets and seal), timeline check and calendar, charter monitor and check,
//! report lint, outcomes check.
#![no_main]
use engagekit::{any, charter, evaluation, json, monitoring, render::Format, timeline, AnyDocument, Date};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = json::text_from_bytes(data) else { return };
    let Ok(doc) = any::from_json(text) else { return };
    let today = Date::from_ymd(2018, 3, 1).unwrap_or_else(|| unreachable!());
    match doc {
        AnyDocument::Evaluation(e) => {
            if let Ok(result) = evaluation::evaluate(&e) {
                for bid in &e.bids {
                    let _ = evaluation::assessment_summary(&e, &result, &bid.id, Format::Html);
                }
                let _ = evaluation::decision_record(&e, &result, Format::Markdown);
            }
            let _ = evaluation::involvement_payments(&e);
            for m in &e.panel {
                let _ = evaluation::scoresheet(&e, &m.id);
            }
            if let Ok(sealed) = evaluation::seal(&e) {
                let _ = evaluation::verify(&sealed, None);
            }
        }
        AnyDocument::Timeline(t) => {
            let _ = timeline::check(&t, today);
            let _ = timeline::to_ics(&t, "20180301T120000Z");
        }
        AnyDocument::Monitoring(m) => {
            let _ = monitoring::monitor(&m, Some(today));
        }
        AnyDocument::Charter(c) => {
            let _ = charter::check_charter(&c, Some(today));
        }
        AnyDocument::Report(r) => {
            let source = engagekit::report::ReportSource::Document(r);
            let _ = engagekit::report::lint(&source, Some(today));
        }
        AnyDocument::Outcomes(o) => {
            let options = engagekit::survey::OutcomeOptions { today, coding: None, survey: None };
            let _ = engagekit::survey::check_outcomes(&o, &options);
        }
        // A survey and a coding need their responses: the survey_responses target reads them.
        AnyDocument::Survey(_) | AnyDocument::Coding(_) => {}
    }
});
