//! Reading documents from JSON text with serde_json, and writing results as JSON: the same code
//! for the CLI, Rust callers and WebAssembly, so that all three give the same errors and results.
//! A leaf below the areas (the calendar reads GOV.UK's bank holidays with it): it knows the
//! [`Document`] trait, no area. Whichever of the five documents a text is, is read by
//! [`crate::any`], above the areas.

use serde::Deserialize;

use crate::document::{serde_error, Document};
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
    let tag: Tag = serde_json::from_str(text).map_err(|e| json_error(text, "", e))?;
    Ok(tag.schema)
}

fn first_chars(text: &str) -> String {
    text.chars().take(20).collect()
}

/// A serde_json error as an [`Error`] naming the JSON path of the culprit in `text` (under
/// `root`), found from the error's line and column.
pub(crate) fn json_error(text: &str, root: &str, e: serde_json::Error) -> Error {
    let path = crate::error::join_path(root, &path_at(text, e.line(), e.column()));
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
    // One pass over a good document (its check confirms the tag). Only when reading fails is the
    // tag read on its own, so that a document of another kind, or with no tag, is reported as
    // that rather than as the field it trips on: the same errors as reading the tag first, without
    // a second pass over every valid document (a tenth of reading 150,000 scores).
    read_checked(text).or_else(|e| {
        T::KIND.expect(schema_tag(text)?.as_deref())?;
        Err(e)
    })
}

/// Reads and checks a document whose tag has been read already.
pub(crate) fn read_checked<T: Document>(text: &str) -> Result<T> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: T = serde_json::from_str(text).map_err(|e| json_error(text, "", e))?;
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
    serde_json::from_str(text).map_err(|e| json_error(text, root, e))
}

/// What a scanner holds about one open container.
enum Frame {
    /// An object, with the key being read or whose value is being read.
    Object(Option<String>),
    /// An array, with the index of the element being read.
    Array(usize),
}

/// The JSON path (`criteria[0].weigth`) at a 1-based line and column, as serde_json reports
/// them: the path of the value being read there, or of the object or array itself when the
/// position is its closing bracket (where serde_json reports a missing field). Found by scanning
/// the text once, and only on error, which costs far less than tracking paths while reading.
pub(crate) fn path_at(text: &str, line: usize, column: usize) -> String {
    if line == 0 {
        return String::new();
    }
    let line_start = if line == 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let at = (line_start + column.saturating_sub(1)).min(text.len());
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    // Whether the next string in the current object is a key.
    let mut expect_key = false;
    while i < at {
        match bytes[i] {
            b'{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
            }
            b'[' => {
                stack.push(Frame::Array(0));
                expect_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(_)) => expect_key = true,
                None => {}
            },
            b':' => expect_key = false,
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < at && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expect_key {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        let raw = text.get(start..i.min(text.len())).unwrap_or("");
                        *key = Some(
                            serde_json::from_str::<String>(&format!("\"{raw}\""))
                                .unwrap_or_else(|_| raw.to_string()),
                        );
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    // At a closing bracket the error is about the container, not its last member.
    if matches!(bytes.get(at), Some(b'}' | b']')) {
        match stack.last_mut() {
            Some(Frame::Object(key)) => *key = None,
            Some(Frame::Array(_)) => {
                stack.pop();
            }
            None => {}
        }
    }
    render_path(&stack)
}

fn render_path(stack: &[Frame]) -> String {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => {
                path.push('[');
                path.push_str(&n.to_string());
                path.push(']');
            }
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::path_at;

    /// The path at the first occurrence of `marker` (its last byte, 1-based, as serde_json counts).
    fn at(text: &str, marker: &str) -> String {
        let end = text.find(marker).unwrap() + marker.len();
        let line = text[..end].matches('\n').count() + 1;
        let column = end - text[..end].rfind('\n').map_or(0, |i| i + 1);
        path_at(text, line, column)
    }

    #[test]
    fn paths_by_hand() {
        let text = "{\"a\": [1, {\"b\": \"x\", \"c\": [true, {\"d\": 5}]}],\n \"e\": {\"f\": \"tricky \\\" , ] }\"}}";
        assert_eq!(at(text, "\"x\""), "a[1].b");
        assert_eq!(at(text, "5"), "a[1].c[1].d");
        assert_eq!(at(text, "true"), "a[1].c[0]");
        assert_eq!(
            at(text, "] }\""),
            "e.f",
            "brackets inside a string are text"
        );
        assert_eq!(
            at(text, "5}"),
            "a[1].c[1]",
            "a closing brace names the object"
        );
        assert_eq!(at(text, "{\"a\""), "a");
        assert_eq!(path_at(text, 0, 0), "");
    }
}
