//! Errors as data (issue 16, item 1): each kind with its path, line and column, from hand-written
//! inputs whose expectations are counted by hand; and a check that nothing in src/ tells an
//! error's kind from the words of its message.

mod common;

use std::path::Path;

use engagekit::error::Location;
use engagekit::json::{from_json, value_from_json};
use engagekit::report::Report;
use engagekit::{Date, Error, ErrorKind};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Plan {
    #[serde(default)]
    criteria: Vec<Criterion>,
    #[serde(default)]
    count: Option<u32>,
    #[serde(default)]
    start: Option<Date>,
    #[serde(default)]
    kind: Option<Kind>,
    #[serde(default)]
    block: Option<Block>,
    #[serde(default)]
    a: Option<(u32, Inner)>,
    #[serde(default)]
    e: Option<Tricky>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Criterion {
    weight: u32,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum Kind {
    Meeting,
    Survey,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
#[allow(dead_code)]
enum Block {
    Paragraph(String),
    Figure(Criterion),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Inner {
    b: String,
    c: (bool, Leaf),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Leaf {
    d: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Tricky {
    f: String,
    g: Option<u32>,
}

fn plan_error(text: &str) -> Error {
    value_from_json::<Plan>(text, "").expect_err(text)
}

/// (code, path, line, column): what a caller branches on.
fn summary(e: &Error) -> (&'static str, String, Option<usize>, Option<usize>) {
    match e.location() {
        Location::Json { path, line, column } => (e.code(), path.clone(), *line, *column),
        Location::Document => (e.code(), String::new(), None, None),
        other => panic!("a JSON error at {other:?}"),
    }
}

#[test]
fn an_unknown_field_names_its_path_line_and_column() {
    // Line 3 is four spaces, then `{"weight": 35, "weigth": 35}`: the key "weigth" ends with its
    // closing quote in column 27, where serde_json stops.
    let text = "{\n  \"criteria\": [\n    {\"weight\": 35, \"weigth\": 35}\n  ]\n}";
    let e = plan_error(text);
    assert_eq!(e.kind(), ErrorKind::UnknownField);
    assert_eq!(
        summary(&e),
        (
            "unknown-field",
            "criteria[0].weigth".into(),
            Some(3),
            Some(27)
        )
    );
    assert_eq!(e.message(), "unknown field `weigth`, expected `weight`");
    // What the CLI prints and JavaScript's message: as before, the position at the end.
    assert_eq!(
        e.to_string(),
        "criteria[0].weigth: unknown field `weigth`, expected `weight` at line 3 column 27"
    );
    let e = e.without_position();
    assert_eq!(e.location().position(), None);
    assert_eq!(e.path(), "criteria[0].weigth");
    assert_eq!(
        e.to_string(),
        "criteria[0].weigth: unknown field `weigth`, expected `weight`"
    );
}

#[test]
fn a_missing_field_points_at_the_field() {
    // serde raises it at the object's closing brace; the path names the field itself.
    let e = plan_error(r#"{"criteria": [{"weight": 1}, {}]}"#);
    assert_eq!(e.kind(), ErrorKind::MissingField);
    assert_eq!(e.path(), "criteria[1].weight");
    assert_eq!(e.message(), "missing field `weight`");
}

#[test]
fn wrong_types_whoever_raises_them() {
    // serde_json itself refuses a string where a number belongs, before any visitor runs.
    let e = plan_error(r#"{"criteria": [{"weight": "35"}]}"#);
    assert_eq!(e.kind(), ErrorKind::WrongType);
    assert_eq!(e.path(), "criteria[0].weight");
    assert_eq!(e.message(), "invalid type: string \"35\", expected u32");
    // u32's visitor refuses a fraction (serde's invalid_type).
    let e = plan_error(r#"{"criteria": [{"weight": 1.5}]}"#);
    assert_eq!(e.kind(), ErrorKind::WrongType);
    assert_eq!(e.path(), "criteria[0].weight");
    assert_eq!(
        e.message(),
        "invalid type: floating point `1.5`, expected u32"
    );
    // A string where an object belongs.
    let e = plan_error(r#"{"criteria": ["heavy"]}"#);
    assert_eq!((e.code(), e.path()), ("wrong-type", "criteria[0]"), "{e}");
    // An array where an object belongs: serde_json alone would read the struct's fields from it
    // in order (a weight of 35 here); a document's struct is an object only.
    let e = plan_error(r#"{"criteria": [[35]]}"#);
    assert_eq!((e.code(), e.path()), ("wrong-type", "criteria[0]"), "{e}");
    assert_eq!(
        e.message(),
        "invalid type: sequence, expected struct Criterion"
    );
}

#[test]
fn unknown_variants_as_a_string_and_as_a_key() {
    let e = plan_error(r#"{"kind": "webinar"}"#);
    assert_eq!((e.code(), e.path()), ("unknown-value", "kind"));
    assert_eq!(
        e.message(),
        "unknown variant `webinar`, expected `meeting` or `survey`"
    );
    // Named by a key, the culprit is the key.
    let e = plan_error(r#"{"block": {"table": []}}"#);
    assert_eq!((e.code(), e.path()), ("unknown-value", "block.table"));
    // A variant's contents are under its name.
    let e = plan_error(r#"{"block": {"figure": {"weight": "x"}}}"#);
    assert_eq!((e.code(), e.path()), ("wrong-type", "block.figure.weight"));
    // A variant that needs contents, written as a string: about the value itself.
    let e = plan_error(r#"{"block": "figure"}"#);
    assert_eq!((e.code(), e.path()), ("wrong-type", "block"), "{e}");
}

#[test]
fn an_integer_out_of_range() {
    let e = plan_error(r#"{"count": -1}"#);
    assert_eq!((e.code(), e.path()), ("out-of-range", "count"));
    assert_eq!(e.message(), "invalid value: integer `-1`, expected u32");
    let e = plan_error(r#"{"count": 4294967296}"#);
    assert_eq!((e.code(), e.path()), ("out-of-range", "count"));
}

#[test]
fn an_impossible_date() {
    let e = plan_error(r#"{"start": "2016-02-30"}"#);
    assert_eq!((e.code(), e.path()), ("invalid-date", "start"));
    assert_eq!(e.message(), "\"2016-02-30\" is not a date (YYYY-MM-DD)");
    // The column is the closing quote's: `{"start": "2016-02-30"}` has it at 22.
    assert_eq!(e.location().position(), Some((1, 22)));
    // A number for a date is the wrong type, not a bad date.
    let e = plan_error(r#"{"start": 20160230}"#);
    assert_eq!((e.code(), e.path()), ("wrong-type", "start"));
}

#[test]
fn a_field_given_twice() {
    let e = plan_error(r#"{"criteria": [{"weight": 1, "weight": 2}]}"#);
    assert_eq!((e.code(), e.path()), ("duplicate-id", "criteria[0].weight"));
    assert_eq!(e.message(), "duplicate field `weight`");
}

#[test]
fn too_deep_report_sections() {
    // 40 levels of sections; the guard allows 32, so the 33rd list is refused: the report's own
    // `sections` and then 32 times `[0].sections`.
    let levels = 40;
    let text = format!(
        "{{\"schema\": \"engagekit/report@1\", \"title\": \"Deep\", \"sections\": {}[]{}}}",
        "[{\"title\": \"S\", \"sections\": ".repeat(levels),
        "}]".repeat(levels)
    );
    let e = from_json::<Report>(&text).expect_err("too deep");
    assert_eq!(e.kind(), ErrorKind::TooDeep);
    assert_eq!(
        e.path(),
        format!("sections{}", "[0].sections".repeat(32)),
        "{e}"
    );
    assert_eq!(e.message(), "sections are nested deeper than 32 levels");
}

#[test]
fn too_deep_arrays() {
    // 200 arrays inside each other: serde_json refuses to open the 128th, whose bracket is
    // column 128, and the error comes out through the 127 it opened.
    let text = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let e = value_from_json::<serde_json::Value>(&text, "").expect_err("too deep");
    assert_eq!(summary(&e), ("too-deep", String::new(), Some(1), Some(128)));
    assert!(e.message().contains("nests too deeply"), "{e}");
    // 127 are read.
    let text = format!("{}{}", "[".repeat(127), "]".repeat(127));
    assert!(value_from_json::<serde_json::Value>(&text, "").is_ok());
    // Objects count as arrays do.
    let text = format!("{}1{}", "{\"a\": ".repeat(150), "}".repeat(150));
    let e = value_from_json::<serde_json::Value>(&text, "").expect_err("too deep");
    assert_eq!(e.code(), "too-deep", "{e}");
}

#[test]
fn not_json_with_its_line_and_column() {
    // The trailing comma is found at the `}` that opens line 4, column 1.
    let e = plan_error("{\n  \"count\": 1,\n  \"kind\": \"survey\",\n}");
    assert_eq!(summary(&e), ("not-json", String::new(), Some(4), Some(1)));
    assert_eq!(
        e.to_string(),
        "the input is not valid JSON: trailing comma at line 4 column 1"
    );
}

#[test]
fn paths_through_arrays_objects_and_escaped_keys() {
    // The cases of the old text scanner's test, as errors.
    let e = plan_error(r#"{"a": [1, {"b": "x", "c": [true, {"d": 5}]}]}"#);
    assert_eq!((e.code(), e.path()), ("wrong-type", "a[1].c[1].d"));
    let e = plan_error(r#"{"a": [1, {"b": "x", "c": [7, {"d": "y"}]}]}"#);
    assert_eq!((e.code(), e.path()), ("wrong-type", "a[1].c[0]"));
    // Brackets and an escaped quote inside a string are text.
    let e = plan_error(r#"{"e": {"f": "tricky \" , ] }", "g": true}}"#);
    assert_eq!((e.code(), e.path()), ("wrong-type", "e.g"));
    // An escaped key is named unescaped.
    let e = plan_error(r#"{"e": {"t\"f": 1}}"#);
    assert_eq!((e.code(), e.path()), ("unknown-field", "e.t\"f"));
    let e = plan_error(r#"{"e": {"\u0067": "seven"}}"#);
    assert_eq!((e.code(), e.path()), ("wrong-type", "e.g"));
    // Under a root, as feedback responses are read.
    let e = value_from_json::<Plan>(r#"{"count": "x"}"#, "responses").unwrap_err();
    assert_eq!(e.path(), "responses.count");
}

#[test]
fn options_and_sheets_have_their_own_locations() {
    let e = engagekit::calendar::date_option("today", Some("2016-13-01")).unwrap_err();
    assert_eq!(
        e.location(),
        &Location::Option {
            name: "today".into()
        }
    );
    assert_eq!((e.code(), e.path()), ("invalid-option", "today"));
    assert_eq!(e.location().position(), None);
    let e = Error::sheet(ErrorKind::OutOfRange, "e1.csv", 3, "score", "score 9");
    assert_eq!(e.path(), "e1.csv:3:score");
    assert_eq!(e.to_string(), "e1.csv:3:score: score 9");
}

/// `(file, line, what)` of every place in `code` that reads an error's kind from its message:
/// a string method given words of serde's (or our own) error messages.
fn message_matching(file: &str, code: &str) -> Vec<(String, usize, String)> {
    const WORDS: [&str; 10] = [
        "unknown field",
        "missing field",
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown variant",
        "duplicate field",
        "is not a date",
        "recursion limit",
        "nested deeper",
    ];
    const METHODS: [&str; 8] = [
        "starts_with(",
        "ends_with(",
        "contains(",
        "strip_prefix(",
        "strip_suffix(",
        "find(",
        "split(",
        "matches(",
    ];
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        for method in METHODS {
            for (at, _) in line.match_indices(method) {
                let argument = &line[at + method.len()..];
                if let Some(word) = WORDS
                    .iter()
                    .find(|w| argument.starts_with(&format!("\"{w}")))
                {
                    found.push((file.to_string(), n + 1, format!("{method}\"{word}...")));
                }
            }
        }
        // A constant holding such words, matched elsewhere (NESTING_MESSAGE was one).
        if line.contains("_MESSAGE")
            && (line.contains(".contains(") || line.contains("starts_with("))
        {
            found.push((file.to_string(), n + 1, "a message constant matched".into()));
        }
    }
    found
}

#[test]
fn the_matcher_finds_message_matching() {
    let code = "if message.starts_with(\"unknown field\") {}\nlet x = m.contains(\"is not a date\");\nif m.contains(NESTING_MESSAGE) {}\nlet fine = m.contains(\"weigth\");";
    let found: Vec<usize> = message_matching("x.rs", code)
        .into_iter()
        .map(|(_, line, _)| line)
        .collect();
    assert_eq!(found, [1, 2, 3]);
}

#[test]
fn no_source_tells_an_error_by_its_message() {
    let mut files = Vec::new();
    common::rust_files(Path::new("src"), &mut files);
    assert!(files.len() > 20, "src/ was not found");
    let mut found = Vec::new();
    for file in &files {
        let code = std::fs::read_to_string(file).expect("a source file");
        found.extend(message_matching(&file.display().to_string(), &code));
    }
    assert!(
        found.is_empty(),
        "an error's kind must come from where it was raised, not from its words: {found:#?}"
    );
}
