//! The JavaScript API: thin adapters that turn JS values into documents, call the core and turn
//! results back. Compiled only for wasm32; nothing else in the crate knows wasm-bindgen.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::document::{from_deserializer, AnyDocument, Document, DocumentKind};
use crate::error::{Error, ErrorKind};
use crate::{evaluation, monitoring, report, timeline, Date};

type JsResult = Result<JsValue, JsValue>;

/// Every error crosses as a real `Error` with `.code` and `.path`, never a bare string.
fn to_js_error(err: Error) -> JsValue {
    let js = js_sys::Error::new(&err.to_string());
    // Reflect::set on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &"code".into(), &err.code().into());
    let _ = js_sys::Reflect::set(&js, &"path".into(), &err.path().into());
    js.into()
}

/// One serializer for every result: maps as plain objects, `None` as `null`.
fn to_js<T: Serialize>(value: &T) -> JsResult {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js_error(Error::new(ErrorKind::InvalidValue, "", e.to_string())))
}

/// A document given as a JSON string or as a plain object, as a JS object.
fn document_object(input: JsValue) -> Result<JsValue, Error> {
    if let Some(text) = input.as_string() {
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        if trimmed.is_empty() {
            return Err(Error::new(ErrorKind::EmptyInput, "", "the input is empty: a JSON document was expected"));
        }
        if !trimmed.starts_with('{') {
            let start: String = trimmed.chars().take(20).collect();
            return Err(Error::new(
                ErrorKind::NotAnObject,
                "",
                format!("a document is a JSON object starting with \"{{\", but the input starts with \"{start}\""),
            ));
        }
        return js_sys::JSON::parse(trimmed).map_err(|e| {
            let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
            Error::new(ErrorKind::NotJson, "", format!("the input is not valid JSON: {why}"))
        });
    }
    if input.is_object() && !js_sys::Array::is_array(&input) {
        return Ok(input);
    }
    let what = if js_sys::Array::is_array(&input) { "an array".to_string() } else { format!("a {}", String::from(input.js_typeof().as_string().unwrap_or_default())) };
    Err(Error::new(ErrorKind::NotAnObject, "", format!("a document is an object or a JSON string, but {what} was given")))
}

/// The `schema` tag of a document object.
fn schema_tag(object: &JsValue) -> Result<Option<String>, Error> {
    let tag = js_sys::Reflect::get(object, &"schema".into()).unwrap_or(JsValue::UNDEFINED);
    if tag.is_undefined() || tag.is_null() {
        return Ok(None);
    }
    tag.as_string()
        .map(Some)
        .ok_or_else(|| Error::new(ErrorKind::WrongType, "schema", "invalid type: the schema tag must be a string"))
}

fn load<T: Document>(input: JsValue) -> Result<T, Error> {
    let object = document_object(input)?;
    T::KIND.expect(schema_tag(&object)?.as_deref())?;
    from_deserializer(serde_wasm_bindgen::Deserializer::from(object))
}

/// Reads an options object (`undefined` and `null` mean none given).
fn options<T: DeserializeOwned + Default>(value: JsValue) -> Result<T, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value))
        .map_err(|e| Error::new(ErrorKind::InvalidOption, e.path().to_string(), format!("bad option: {}", e.into_inner())))
}

fn option_date(name: &str, value: Option<&str>) -> Result<Option<Date>, Error> {
    value.map(|v| Date::parse(v).map_err(|m| Error::new(ErrorKind::InvalidOption, name, m))).transpose()
}

fn not_built(command: &str, issue: u32) -> Error {
    Error::new(ErrorKind::NotBuilt, "", format!("{command} is not built yet (issue {issue}); the input was read and is valid"))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TodayOptions {
    today: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LintOptions {
    report_date: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RenderOptions {
    to: Option<String>,
}

/// Checks any of the five documents (told apart by `schema`) and says what it holds.
#[wasm_bindgen]
pub fn validate(input: JsValue) -> JsResult {
    let run = || -> Result<crate::Validation, Error> {
        let object = document_object(input)?;
        let kind = DocumentKind::from_schema(schema_tag(&object)?.as_deref())?;
        Ok(AnyDocument::from_deserializer(kind, serde_wasm_bindgen::Deserializer::from(object))?.summary())
    };
    run().map_err(to_js_error).and_then(|v| to_js(&v))
}

/// Scores a procurement panel's evaluation.
#[wasm_bindgen]
pub fn evaluate(doc: JsValue) -> JsResult {
    load::<evaluation::Evaluation>(doc).map_err(to_js_error)?;
    Err(to_js_error(not_built("evaluate", 3)))
}

/// Checks a consultation plan against the rules and gives its status at `today`.
#[wasm_bindgen(js_name = checkTimeline)]
pub fn check_timeline(plan: JsValue, opts: JsValue) -> JsResult {
    load::<timeline::Timeline>(plan).map_err(to_js_error)?;
    let o: TodayOptions = options(opts).map_err(to_js_error)?;
    option_date("today", o.today.as_deref()).map_err(to_js_error)?;
    Err(to_js_error(not_built("checkTimeline", 4)))
}

/// Writes a consultation plan as an iCalendar file.
#[wasm_bindgen(js_name = timelineToIcs)]
pub fn timeline_to_ics(plan: JsValue) -> JsResult {
    load::<timeline::Timeline>(plan).map_err(to_js_error)?;
    Err(to_js_error(not_built("timelineToIcs", 4)))
}

/// Lints a report given as report JSON, Markdown or plain text.
#[wasm_bindgen(js_name = lintReport)]
pub fn lint_report(text: JsValue, opts: JsValue) -> JsResult {
    read_report_input(text).map_err(to_js_error)?;
    let o: LintOptions = options(opts).map_err(to_js_error)?;
    option_date("reportDate", o.report_date.as_deref()).map_err(to_js_error)?;
    Err(to_js_error(not_built("lintReport", 5)))
}

/// Renders a report as HTML, Markdown or plain text.
#[wasm_bindgen(js_name = renderReport)]
pub fn render_report(input: JsValue, opts: JsValue) -> JsResult {
    read_report_input(input).map_err(to_js_error)?;
    let o: RenderOptions = options(opts).map_err(to_js_error)?;
    report_format(o.to.as_deref()).map_err(to_js_error)?;
    Err(to_js_error(not_built("renderReport", 5)))
}

/// Rates a provider against its charter for one period.
#[wasm_bindgen(js_name = monitorCharter)]
pub fn monitor_charter(doc: JsValue) -> JsResult {
    load::<monitoring::Monitoring>(doc).map_err(to_js_error)?;
    Err(to_js_error(not_built("monitorCharter", 6)))
}

/// Report input: a JSON report (an object, or text that is a JSON object) is read as one;
/// any other text is Markdown or plain text, read by the report reader.
fn read_report_input(input: JsValue) -> Result<(), Error> {
    match input.as_string() {
        Some(text) if !text.trim_start_matches('\u{feff}').trim_start().starts_with('{') => Ok(()),
        _ => load::<report::Report>(input).map(drop),
    }
}

fn report_format(to: Option<&str>) -> Result<(), Error> {
    match to.unwrap_or("html") {
        "html" | "markdown" | "text" => Ok(()),
        other => Err(Error::new(ErrorKind::InvalidOption, "to", format!("\"{other}\" is not a format (html, markdown or text)"))),
    }
}
