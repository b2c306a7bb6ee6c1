//! Reading documents from JSON text (serde_json, through the crate's `de` module, which makes its errors
//! data), and writing results as JSON: the same code
//! for the CLI, Rust callers and WebAssembly, so that all three give the same errors and results.
//! A leaf below the areas (the calendar reads GOV.UK's bank holidays with it): it knows the
//! [`Document`] trait, no area. Whichever of the five documents a text is, is read by
//! [`crate::any`], above the areas.

use serde::Deserialize;

use crate::document::Document;
use crate::error::{Error, ErrorKind, Result};

/// Bytes as text: UTF-8 or a `not-utf8` error giving the byte offset. A leading BOM (as Excel
/// and Notepad write) is dropped.
pub fn text_from_bytes(bytes: &[u8]) -> Result<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::NotUtf8,
            "",
            format!(
                "the input is not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// Reads the `schema` tag of a JSON document without keeping anything else.
pub fn schema_tag(text: &str) -> Result<Option<String>> {
    #[derive(Deserialize)]
    struct Tag {
        #[serde(default)]
        schema: Option<String>,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::new(
            ErrorKind::EmptyInput,
            "",
            "the input is empty: a JSON document was expected",
        ));
    }
    if !text.trim_start().starts_with('{') {
        return Err(Error::new(
            ErrorKind::NotAnObject,
            "",
            format!("a document is a JSON object starting with \"{{\", but the input starts with \"{}\"", first_chars(text.trim_start())),
        ));
    }
    let tag: Tag = crate::de::from_str(text, "")?;
    Ok(tag.schema)
}

fn first_chars(text: &str) -> String {
    text.chars().take(20).collect()
}

/// Reads and checks a document of kind `T` from JSON text.
pub fn from_json<T: Document>(text: &str) -> Result<T> {
    // One pass over a good document (its check confirms the tag). Only when reading fails is the
    // tag read on its own, so that a document of another kind, or with no tag, is reported as
    // that rather than as the field it trips on: the same errors as reading the tag first, without
    // a second pass over every valid document (a tenth of reading 150,000 scores).
    read_checked(text).or_else(|e| {
        T::KIND.expect(schema_tag(text)?.as_deref())?;
        Err(e)
    })
}

/// Reads a document of kind `T` from JSON text without its check: for a caller that checks it in
/// its own way (the evaluation's set-up check, which reports the weights' total as a finding).
pub(crate) fn from_json_unchecked<T: Document>(text: &str) -> Result<T> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    crate::de::from_str(text, "").or_else(|e| {
        T::KIND.expect(schema_tag(text)?.as_deref())?;
        Err(e)
    })
}

/// Reads and checks a document whose tag has been read already.
pub(crate) fn read_checked<T: Document>(text: &str) -> Result<T> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: T = crate::de::from_str(text, "")?;
    doc.check()?;
    Ok(doc)
}

/// Writes a result as pretty JSON, as the CLI's `--format json` does.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serializing our own result types cannot fail: they hold no maps with non-string keys.
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Reads a JSON value that is not one of the five documents (feedback responses, say); errors
/// name their path under `root`.
pub fn value_from_json<T: serde::de::DeserializeOwned>(text: &str, root: &str) -> Result<T> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::new(
            ErrorKind::EmptyInput,
            root,
            "the input is empty: JSON was expected",
        ));
    }
    crate::de::from_str(text, root)
}
