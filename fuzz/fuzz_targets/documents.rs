//! Any bytes as a document: reading and checking never panics, whatever the schema tag says.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = engagekit::json::text_from_bytes(data) {
        if let Ok(doc) = engagekit::any::from_json(text) {
            let _ = doc.summary();
        }
    }
});
