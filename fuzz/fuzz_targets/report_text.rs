//! Any text as a report: reading, lint and every rendering never panic, and lines lie inside.
#![no_main]
use engagekit::report::{lint, render, RenderFormat, ReportSource};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.split('\n').count() as u32;
    let source = ReportSource::Text(text.to_string());
    let result = lint(&source, engagekit::Date::from_ymd(2016, 12, 8));
    for d in &result.diagnostics {
        if let Some(l) = d.number(engagekit::report::LINE) {
            assert!(l >= 1 && l <= lines, "line {l} outside 1..={lines}");
        }
    }
    for to in [RenderFormat::Html, RenderFormat::Markdown, RenderFormat::Text] {
        let _ = render(&source, to);
    }
});
