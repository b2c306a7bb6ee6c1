//! Reading documents from JSON text with serde_json, and writing results as JSON: the same code
//! for the CLI, Rust callers and WebAssembly, so that all three give the same errors and results.

use serde::Deserialize;

use crate::document::{serde_error, AnyDocument, Document, DocumentKind};
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
    let mut de = serde_json::Deserializer::from_str(text);
    let tag: Tag = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| json_error(e.path().to_string(), e.into_inner()))?;
    de.end().map_err(|e| json_error(String::new(), e))?;
    Ok(tag.schema)
}

fn first_chars(text: &str) -> String {
    text.chars().take(20).collect()
}

fn json_error(path: String, e: serde_json::Error) -> Error {
    let path = if path == "." { String::new() } else { path };
    match e.classify() {
        serde_json::error::Category::Syntax
        | serde_json::error::Category::Eof
        | serde_json::error::Category::Io => {
            if e.to_string().contains("recursion limit exceeded") {
                return Error::new(
                    ErrorKind::TooDeep,
                    "",
                    format!("the JSON nests too deeply to be a document ({e})"),
                );
            }
            Error::new(
                ErrorKind::NotJson,
                "",
                format!("the input is not valid JSON: {e}"),
            )
        }
        serde_json::error::Category::Data => serde_error(&path, &e.to_string()),
    }
}

/// Reads and checks a document of kind `T` from JSON text.
pub fn from_json<T: Document>(text: &str) -> Result<T> {
    T::KIND.expect(schema_tag(text)?.as_deref())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let doc = crate::document::from_deserializer(&mut de)?;
    Ok(doc)
}

/// Reads and checks whichever of the five documents the text is, told apart by its `schema`.
pub fn any_from_json(text: &str) -> Result<AnyDocument> {
    let kind = DocumentKind::from_schema(schema_tag(text)?.as_deref())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    AnyDocument::from_deserializer(kind, &mut de)
}

/// Writes a result as pretty JSON, as the CLI's `--format json` does.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serializing our own result types cannot fail: they hold no maps with non-string keys.
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// A report as given: read as report JSON when the text is a JSON object, else kept as Markdown
/// or plain text.
pub fn report_source(text: &str) -> Result<crate::report::ReportSource> {
    use crate::report::{is_json_text, ReportSource};
    if is_json_text(text) {
        from_json(text).map(ReportSource::Document)
    } else {
        Ok(ReportSource::Text(
            text.strip_prefix('\u{feff}').unwrap_or(text).to_string(),
        ))
    }
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
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        json_error(
            crate::error::join_path(root, if path == "." { "" } else { &path }),
            e.into_inner(),
        )
    })?;
    de.end().map_err(|e| json_error(root.to_string(), e))?;
    Ok(value)
}
