//! The JavaScript API: thin adapters that turn JS values into documents, call the core and turn
//! results back. Compiled only for wasm32; nothing else in the crate knows wasm-bindgen.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::document::{from_deserializer, AnyDocument, Document, DocumentKind};
use crate::error::{date_option, Error, ErrorKind};
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
            return Err(Error::new(
                ErrorKind::EmptyInput,
                "",
                "the input is empty: a JSON document was expected",
            ));
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
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            Error::new(
                ErrorKind::NotJson,
                "",
                format!("the input is not valid JSON: {why}"),
            )
        });
    }
    if input.is_object() && !js_sys::Array::is_array(&input) {
        return Ok(input);
    }
    let what = if js_sys::Array::is_array(&input) {
        "an array".to_string()
    } else {
        format!("a {}", input.js_typeof().as_string().unwrap_or_default())
    };
    Err(Error::new(
        ErrorKind::NotAnObject,
        "",
        format!("a document is an object or a JSON string, but {what} was given"),
    ))
}

/// The `schema` tag of a document object.
fn schema_tag(object: &JsValue) -> Result<Option<String>, Error> {
    let tag = js_sys::Reflect::get(object, &"schema".into()).unwrap_or(JsValue::UNDEFINED);
    if tag.is_undefined() || tag.is_null() {
        return Ok(None);
    }
    tag.as_string().map(Some).ok_or_else(|| {
        Error::new(
            ErrorKind::WrongType,
            "schema",
            "invalid type: the schema tag must be a string",
        )
    })
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
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(|e| {
        Error::new(
            ErrorKind::InvalidOption,
            e.path().to_string(),
            format!("bad option: {}", e.into_inner()),
        )
    })
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TodayOptions {
    today: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TimelineOptions {
    today: Option<String>,
    bank_holidays: Option<crate::calendar::GovUkBankHolidays>,
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

/// Runs a step of an adapter and converts its error for JavaScript.
fn js<T>(result: Result<T, Error>) -> Result<T, JsValue> {
    result.map_err(to_js_error)
}

/// Checks any of the five documents (told apart by `schema`) and says what it holds.
#[wasm_bindgen]
pub fn validate(input: JsValue) -> JsResult {
    let object = js(document_object(input))?;
    let kind = js(DocumentKind::from_schema(
        js(schema_tag(&object))?.as_deref(),
    ))?;
    let doc = js(AnyDocument::from_deserializer(
        kind,
        serde_wasm_bindgen::Deserializer::from(object),
    ))?;
    to_js(&doc.summary())
}

/// Scores a procurement panel's evaluation.
#[wasm_bindgen]
pub fn evaluate(doc: JsValue) -> JsResult {
    let doc = js(load::<evaluation::Evaluation>(doc))?;
    to_js(&js(evaluation::evaluate(&doc))?)
}

/// The involvement payments owed to panel members, from the document's `payments` policy.
#[wasm_bindgen(js_name = involvementPayments)]
pub fn involvement_payments(doc: JsValue) -> JsResult {
    let doc = js(load::<evaluation::Evaluation>(doc))?;
    to_js(&js(evaluation::involvement_payments(&doc))?)
}

/// The assessment summary of one bid (`{to: "markdown" | "html"}`), with the winner's scores.
#[wasm_bindgen(js_name = assessmentSummary)]
pub fn assessment_summary(doc: JsValue, bid: String, opts: JsValue) -> JsResult {
    let doc = js(load::<evaluation::Evaluation>(doc))?;
    let o: RenderOptions = js(options(opts))?;
    let to = js(crate::render::Format::from_option(o.to.as_deref()))?;
    let result = js(evaluation::evaluate(&doc))?;
    Ok(js(evaluation::assessment_summary(&doc, &result, &bid, to))?.into())
}

/// The decision record of the procurement (`{to: "markdown" | "html"}`).
#[wasm_bindgen(js_name = decisionRecord)]
pub fn decision_record(doc: JsValue, opts: JsValue) -> JsResult {
    let doc = js(load::<evaluation::Evaluation>(doc))?;
    let o: RenderOptions = js(options(opts))?;
    let to = js(crate::render::Format::from_option(o.to.as_deref()))?;
    let result = js(evaluation::evaluate(&doc))?;
    Ok(evaluation::decision_record(&doc, &result, to).into())
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SheetOptions {
    evaluator: Option<String>,
}

/// One evaluator's score sheet (CSV with a BOM, for Excel): `scoresheet(doc, {evaluator})`.
#[wasm_bindgen]
pub fn scoresheet(doc: JsValue, opts: JsValue) -> JsResult {
    let doc = js(load::<evaluation::Evaluation>(doc))?;
    let o: SheetOptions = js(options(opts))?;
    let evaluator = js(o.evaluator.ok_or_else(|| {
        Error::option(
            "evaluator",
            "the option \"evaluator\" (a panel member's id) is needed",
        )
    }))?;
    Ok(js(evaluation::scoresheet(&doc, &evaluator))?.into())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SheetInput {
    name: String,
    text: String,
}

/// Merges filled score sheets (`[{name, text}]`) into the document's scores; returns the document.
#[wasm_bindgen(js_name = mergeScoresheets)]
pub fn merge_scoresheets(doc: JsValue, sheets: JsValue) -> JsResult {
    let doc = js(load::<evaluation::Evaluation>(doc))?;
    let sheets: Vec<SheetInput> = js(serde_path_to_error::deserialize(
        serde_wasm_bindgen::Deserializer::from(sheets),
    )
    .map_err(|e| {
        let path = e.path().to_string();
        let path = crate::error::join_path("sheets", if path == "." { "" } else { &path });
        Error::option(
            &path,
            format!("sheets are [{{name, text}}]: {}", e.into_inner()),
        )
    }))?;
    let filled: Vec<evaluation::FilledSheet> = sheets
        .into_iter()
        .map(|s| evaluation::FilledSheet {
            name: s.name,
            text: s.text,
        })
        .collect();
    to_js(&js(evaluation::merge_scoresheets(&doc, &filled))?)
}

/// Checks a consultation plan against the rules and gives its status at `today` (default: the
/// browser's date).
#[wasm_bindgen(js_name = checkTimeline)]
pub fn check_timeline(plan: JsValue, opts: JsValue) -> JsResult {
    let plan = js(load::<timeline::Timeline>(plan))?;
    let o: TimelineOptions = js(options(opts))?;
    let today = js(date_option("today", o.today.as_deref()))?.unwrap_or_else(browser_today);
    let mut calendar = crate::calendar::BankHolidays::builtin();
    if let Some(file) = &o.bank_holidays {
        calendar.merge_govuk(file);
    }
    to_js(&timeline::check_with(&plan, today, &calendar))
}

/// Writes a consultation plan as an iCalendar file.
#[wasm_bindgen(js_name = timelineToIcs)]
pub fn timeline_to_ics(plan: JsValue) -> JsResult {
    let plan = js(load::<timeline::Timeline>(plan))?;
    let now = js_sys::Date::new_0();
    let stamp = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.get_utc_full_year(),
        now.get_utc_month() + 1,
        now.get_utc_date(),
        now.get_utc_hours(),
        now.get_utc_minutes(),
        now.get_utc_seconds()
    );
    Ok(js(timeline::to_ics(&plan, &stamp))?.into())
}

/// Lints a report given as report JSON, Markdown or plain text.
#[wasm_bindgen(js_name = lintReport)]
pub fn lint_report(text: JsValue, opts: JsValue) -> JsResult {
    let source = js(report_source(text))?;
    let o: LintOptions = js(options(opts))?;
    let report_date = js(date_option("reportDate", o.report_date.as_deref()))?;
    to_js(&report::lint(&source, report_date))
}

/// Renders a report as HTML, Markdown or plain text.
#[wasm_bindgen(js_name = renderReport)]
pub fn render_report(input: JsValue, opts: JsValue) -> JsResult {
    let source = js(report_source(input))?;
    let o: RenderOptions = js(options(opts))?;
    let to = js(report::RenderFormat::from_option(o.to.as_deref()))?;
    Ok(js(report::render(&source, to))?.into())
}

/// Checks a charter at `{today}`: review due, statements for younger readers.
#[wasm_bindgen(js_name = checkCharter)]
pub fn check_charter(doc: JsValue, opts: JsValue) -> JsResult {
    let doc = js(load::<crate::charter::Charter>(doc))?;
    let o: TodayOptions = js(options(opts))?;
    let today = js(date_option("today", o.today.as_deref()))?.unwrap_or_else(browser_today);
    to_js(&crate::charter::check_charter(&doc, Some(today)))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AggregateOptions {
    minimum_count: Option<u32>,
}

/// Turns feedback responses into the counts of a monitoring document.
#[wasm_bindgen(js_name = aggregateFeedback)]
pub fn aggregate_feedback(charter: JsValue, responses: JsValue, opts: JsValue) -> JsResult {
    let charter = js(load::<crate::charter::Charter>(charter))?;
    let responses = match responses.as_string() {
        Some(text) => js(js_sys::JSON::parse(&text).map_err(|_| {
            Error::new(
                ErrorKind::NotJson,
                "responses",
                "the responses are not valid JSON",
            )
        }))?,
        None => responses,
    };
    let list: Vec<crate::charter::FeedbackResponse> = js(serde_path_to_error::deserialize(
        serde_wasm_bindgen::Deserializer::from(responses),
    )
    .map_err(|e| {
        let path = e.path().to_string();
        crate::document::serde_error(
            &crate::error::join_path("responses", if path == "." { "" } else { &path }),
            &e.into_inner().to_string(),
        )
    }))?;
    let o: AggregateOptions = js(options(opts))?;
    to_js(&js(crate::charter::aggregate_feedback(
        &charter,
        &list,
        o.minimum_count.unwrap_or(5),
    ))?)
}

/// Rates a provider against its charter for one period.
#[wasm_bindgen(js_name = monitorCharter)]
pub fn monitor_charter(doc: JsValue, opts: JsValue) -> JsResult {
    let doc = js(load::<monitoring::Monitoring>(doc))?;
    let o: TodayOptions = js(options(opts))?;
    let today = js(date_option("today", o.today.as_deref()))?.unwrap_or_else(browser_today);
    to_js(&js(monitoring::monitor(&doc, Some(today)))?)
}

/// The browser's local date: the adapter, not the core, reads the clock.
fn browser_today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_else(|| Date::from(chrono::NaiveDate::MIN))
}

/// Report input: a report object, or text that is a JSON object, is read as report JSON; any
/// other text is Markdown or plain text for the report reader.
fn report_source(input: JsValue) -> Result<report::ReportSource, Error> {
    match input.as_string() {
        Some(text) if !report::is_json_text(&text) => Ok(report::ReportSource::Text(text)),
        _ => load::<report::Report>(input).map(report::ReportSource::Document),
    }
}
