//! JSON Schema (draft 2020-12) of the five documents, generated from the Rust types that read
//! them, so that the schema and the loader cannot drift apart. What a schema cannot say (unique
//! ids, references between ids, a score within the document's own scale, date order, weights
//! totalling 100) the loader still checks.

use crate::document::DocumentKind;

/// The JSON Schema of a document kind, with its `schema` tag as a constant.
pub fn document_schema(kind: DocumentKind) -> serde_json::Value {
    let mut schema = match kind {
        DocumentKind::Charter => schemars::schema_for!(crate::charter::Charter),
        DocumentKind::Evaluation => schemars::schema_for!(crate::evaluation::Evaluation),
        DocumentKind::Monitoring => schemars::schema_for!(crate::monitoring::Monitoring),
        DocumentKind::Timeline => schemars::schema_for!(crate::timeline::Timeline),
        DocumentKind::Report => schemars::schema_for!(crate::report::Report),
        DocumentKind::Survey => schemars::schema_for!(crate::survey::Survey),
        DocumentKind::Coding => schemars::schema_for!(crate::survey::Coding),
        DocumentKind::Outcomes => schemars::schema_for!(crate::survey::Outcomes),
    }
    .to_value();
    if let Some(props) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) {
        props.insert("schema".into(), serde_json::json!({"const": kind.schema()}));
    }
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$id".into(),
            serde_json::json!(format!(
                "urn:engagekit:schema:{}",
                kind.schema().trim_start_matches("engagekit/")
            )),
        );
    }
    schema
}
