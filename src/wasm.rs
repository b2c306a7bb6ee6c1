//! The JavaScript API: thin adapters that turn JS values into documents, call the core and turn
//! results back. Compiled only for wasm32; nothing else in the crate knows wasm-bindgen.
//!
//! Every input crosses as JSON text: a string is used as it is, an object is given to
//! `JSON.stringify`. The core then reads it with the same serde_json code as the CLI, so that
//! errors, paths and results agree exactly. Results cross back as JSON text given to
//! `JSON.parse`: plain objects, maps as objects, `null` where the CLI writes `null`.
//!
//! The exports are grouped by area behind the `js-*` features (Cargo.toml): the widgets load a
//! module per area, and only the full module (`js`) carries every document's reader.
// A module built for one area leaves the other areas' helpers and option types unused.
#![cfg_attr(
    not(feature = "js"),
    allow(dead_code, unused_imports, unreachable_code)
)]

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::any::AnyDocument;
use crate::calendar::{date_option, BankHolidays, GovUkBankHolidays};
use crate::document::DocumentKind;
use crate::error::{Error, ErrorKind, Location};
use crate::{charter, evaluation, json, monitoring, render, report, timeline, Date, Document};

pub(crate) type JsResult = Result<JsValue, JsValue>;

// Dates cross as `YYYY-MM-DD` strings, not JavaScript Date objects: the declarations derived from
// the Rust types say `Date`, which this module-local alias makes a string.
#[wasm_bindgen(typescript_custom_section)]
const DATE_TYPE: &str = r#"
/** A calendar day, written `YYYY-MM-DD` (not a JavaScript Date). */
export type IsoDate = string;
type Date = IsoDate;

/** Every error the package throws: an Error with a stable code and the path of the culprit. */
export interface EngagekitError extends Error {
    /** A stable kebab-case code: "unknown-field", "invalid-date", ... */
    code: string;
    /** The JSON path of the culprit ("criteria[0].weigth"), empty for the whole input; for an
     * option its name ("today"), for a score sheet "file:line:column" ("e1.csv:3:score"). */
    path: string;
    /** The 1-based line in the JSON text given as a string (or of a score sheet's row), when
     * known. Absent for a document given as an object, and for options. */
    line?: number;
    /** The 1-based column in the JSON text given as a string, when known. */
    column?: number;
}

/**
 * A finding: a code of the rule catalogue (`rules()`), its severity, a message for people, and
 * what it concerns, one key per kind (the Rust `catalogue::LABEL_KINDS`).
 */
export interface Diagnostic {
    code: string;
    severity: Severity;
    message: string;
    /** The bid concerned. */
    bid?: string;
    /** The criterion concerned. */
    criterion?: string;
    /** The panel member concerned. */
    evaluator?: string;
    /** The plan's activity concerned. */
    activity?: string;
    /** The charter standard concerned. */
    standard?: string;
    /** The monitoring measure concerned. */
    measure?: string;
    /** The 1-based line of the report's text. */
    line?: number;
    /** The report section (its number, or its title when it has none). */
    section?: string;
}
"#;

/// Every error crosses as a real `Error` with `.code` and `.path`, never a bare string, and with
/// `.line` and `.column` where the location has them.
pub(crate) fn to_js_error(err: Error) -> JsValue {
    let js = js_sys::Error::new(&err.to_string());
    // Reflect::set on a fresh Error object cannot fail.
    let set = |name: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&js, &name.into(), &value);
    };
    set("code", err.code().into());
    set("path", err.path().into());
    let (line, column) = match err.location() {
        Location::Json { line, column, .. } => (line.map(|l| l as f64), column.map(|c| c as f64)),
        Location::Sheet { row, .. } => (Some(*row as f64), None),
        Location::Cell { row, .. } if *row > 0 => (Some(*row as f64), None),
        _ => (None, None),
    };
    if let Some(line) = line {
        set("line", line.into());
    }
    if let Some(column) = column {
        set("column", column.into());
    }
    js.into()
}

/// Runs a step of an adapter and converts its error for JavaScript.
pub(crate) fn js<T>(result: Result<T, Error>) -> Result<T, JsValue> {
    result.map_err(to_js_error)
}

/// A result as a plain JavaScript object: the CLI's `--format json`, parsed.
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsResult {
    let text = serde_json::to_string(value)
        .map_err(|e| to_js_error(Error::new(ErrorKind::InvalidValue, "", e.to_string())))?;
    js_sys::JSON::parse(&text)
}

#[wasm_bindgen]
extern "C" {
    /// The platform's UTF-8 encoder (every browser, and node since version 11).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &js_sys::JsString) -> js_sys::Uint8Array;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// A JavaScript string as Rust text, encoded by the platform's `TextEncoder` and copied in whole.
/// wasm-bindgen's own conversion copies character by character in JavaScript until the first
/// non-ASCII one: a ninth of `evaluate` at 150,000 scores (12 MB), against a fortieth this way.
/// Lone surrogates become U+FFFD either way.
pub(crate) fn rust_string(text: &js_sys::JsString) -> Result<String, Error> {
    let bytes = ENCODER.with(|encoder| encoder.encode(text)).to_vec();
    // TextEncoder writes UTF-8 only: the check costs little beside the copy, and cannot fail.
    String::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::NotUtf8,
            "",
            format!("the text did not encode as UTF-8 ({e})"),
        )
    })
}

/// JSON text of what a caller gave: a string as it is, anything else through `JSON.stringify`.
/// The flag says whether it came from an object (then a serde_json line and column mean nothing
/// to the caller and are left out of messages).
fn json_text(value: &JsValue, what: &str) -> Result<(String, bool), Error> {
    if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
        return Ok((rust_string(text)?, false));
    }
    if value.is_undefined() || value.is_null() {
        return Err(Error::new(
            ErrorKind::EmptyInput,
            "",
            format!("no {what} was given"),
        ));
    }
    if !value.is_object() {
        let kind = value.js_typeof().as_string().unwrap_or_default();
        return Err(Error::new(
            ErrorKind::NotAnObject,
            "",
            format!("the {what} must be an object or a JSON string, but a {kind} was given"),
        ));
    }
    match js_sys::JSON::stringify(value) {
        Ok(text) => Ok((rust_string(&text)?, true)),
        // JSON.stringify throws a RangeError when nesting exhausts its stack, a TypeError on a cycle.
        Err(e) if e.is_instance_of::<js_sys::RangeError>() => Err(Error::new(
            ErrorKind::TooDeep,
            "",
            format!("the {what} nests too deeply to be read"),
        )),
        Err(e) => {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            Err(Error::new(
                ErrorKind::NotJson,
                "",
                format!("the {what} cannot be written as JSON: {why}"),
            ))
        }
    }
}

/// Reads with `read` from what the caller gave.
pub(crate) fn read<T>(
    value: &JsValue,
    what: &str,
    read: impl FnOnce(&str) -> Result<T, Error>,
) -> Result<T, Error> {
    let (text, from_object) = json_text(value, what)?;
    read(&text).map_err(|e| if from_object { e.without_position() } else { e })
}

pub(crate) fn load<T: Document>(value: &JsValue) -> Result<T, Error> {
    read(value, "document", json::from_json)
}

/// Reads an options object (`undefined` and `null` mean none given); errors name the option.
pub(crate) fn options<T: DeserializeOwned + Default>(value: &JsValue) -> Result<T, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    read(value, "options", |text| json::value_from_json(text, "")).map_err(|e| {
        Error::option(
            e.path(),
            format!("bad option: {}", e.message_with_position()),
        )
    })
}

#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct TodayOptions {
    #[tsify(optional)]
    today: Option<String>,
}

#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct TimelineOptions {
    #[tsify(optional)]
    today: Option<String>,
    /// Not in the timeline page's module (BENCHMARKS.md: 4.5 KB gzipped that no widget uses).
    #[tsify(optional)]
    #[cfg(feature = "js-timeline")]
    bank_holidays: Option<GovUkBankHolidays>,
}

#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct LintOptions {
    #[tsify(optional)]
    report_date: Option<String>,
}

#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct FormatOptions {
    #[tsify(optional)]
    to: Option<String>,
}

#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct SheetOptions {
    #[tsify(optional)]
    evaluator: Option<String>,
}

#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct AggregateOptions {
    #[tsify(optional)]
    minimum_count: Option<u32>,
}

#[derive(Deserialize, tsify::Tsify)]
#[serde(deny_unknown_fields, expecting = "a score sheet {name, text}")]
pub struct SheetInput {
    name: String,
    text: String,
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

pub(crate) fn today(value: Option<&str>) -> Result<Date, Error> {
    Ok(date_option("today", value)?.unwrap_or_else(browser_today))
}

/// Checks any of the documents (told apart by `schema`) and says what it holds.
#[cfg(feature = "js-validate")]
#[wasm_bindgen(unchecked_return_type = "Validation")]
pub fn validate(
    #[wasm_bindgen(
        unchecked_param_type = "Charter | Evaluation | Monitoring | Timeline | Report | Survey | Coding | Outcomes | string"
    )]
    input: JsValue,
) -> JsResult {
    to_js(&js(read(&input, "document", read_any))?.summary())
}

/// `any::from_json` for the kinds this module's areas hold (the tag is read once, as there):
/// a module built for one area (see the `js-*` features) must not carry the readers of every
/// other document.
#[cfg(feature = "js-validate")]
fn read_any(text: &str) -> Result<AnyDocument, Error> {
    let kind = DocumentKind::from_schema(json::schema_tag(text)?.as_deref())?;
    Ok(match kind {
        #[cfg(feature = "js-charter")]
        DocumentKind::Charter => AnyDocument::Charter(json::read_checked(text)?),
        #[cfg(feature = "js-charter")]
        DocumentKind::Monitoring => AnyDocument::Monitoring(Box::new(json::read_checked(text)?)),
        #[cfg(feature = "js-evaluation")]
        DocumentKind::Evaluation => AnyDocument::Evaluation(Box::new(json::read_checked(text)?)),
        #[cfg(feature = "js-timeline")]
        DocumentKind::Timeline => AnyDocument::Timeline(json::read_checked(text)?),
        #[cfg(feature = "js-report")]
        DocumentKind::Report => AnyDocument::Report(json::read_checked(text)?),
        #[cfg(feature = "js-survey")]
        DocumentKind::Survey => AnyDocument::Survey(Box::new(json::read_checked(text)?)),
        #[cfg(feature = "js-survey")]
        DocumentKind::Coding => AnyDocument::Coding(json::read_checked(text)?),
        #[cfg(feature = "js-survey")]
        DocumentKind::Outcomes => AnyDocument::Outcomes(json::read_checked(text)?),
        #[allow(unreachable_patterns)]
        other => {
            return Err(Error::new(
                ErrorKind::WrongSchema,
                "schema",
                format!(
                    "this engagekit module holds {} and does not read {} documents: load the full engagekit, or the module for that area",
                    areas(),
                    other.name()
                ),
            ))
        }
    })
}

/// The areas this module was built with (its `js-*` features), as its `validate` errors name them.
fn areas() -> String {
    let built = [
        ("timeline", cfg!(feature = "js-timeline")),
        ("report", cfg!(feature = "js-report")),
        ("charter", cfg!(feature = "js-charter")),
        ("evaluation", cfg!(feature = "js-evaluation")),
        ("survey", cfg!(feature = "js-survey")),
    ];
    let names: Vec<&str> = built
        .iter()
        .filter(|(_, on)| *on)
        .map(|(n, _)| *n)
        .collect();
    match names.as_slice() {
        [] => "no area".to_string(),
        [one] => format!("the {one} area"),
        [first @ .., last] => format!("the {} and {last} areas", first.join(", ")),
    }
}

/// The rule catalogue of this module's areas: every finding its checks can make, with the rule in
/// one sentence, its source and what to do (the full module: every area, as `engagekit rules`).
#[cfg(feature = "js-validate")]
#[wasm_bindgen(unchecked_return_type = "Rule[]")]
pub fn rules() -> JsResult {
    // The workbook module has no area's checks, and so no rules: nothing is added.
    #[allow(unused_mut)]
    let mut rules: Vec<&crate::diagnostic::Rule> = Vec::new();
    // Each area's list only where the module has that area, so that an area's module does not
    // carry every other area's rule texts.
    #[cfg(feature = "js-timeline")]
    rules.extend(timeline::RULES);
    #[cfg(feature = "js-evaluation")]
    rules.extend(evaluation::RULES);
    #[cfg(feature = "js-charter")]
    rules.extend(charter::RULES.iter().chain(monitoring::RULES));
    #[cfg(feature = "js-report")]
    rules.extend(report::RULES);
    #[cfg(feature = "js-survey")]
    rules.extend(crate::survey::RULES);
    to_js(&rules)
}

/// Scores a procurement panel's evaluation.
#[cfg(feature = "js-evaluation")]
#[wasm_bindgen(unchecked_return_type = "EvaluationResult")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
) -> JsResult {
    Evaluated::new(doc)?.result()
}

/// Checks a panel's set-up before anyone scores: the weights as they stand, who gets a score
/// sheet, and the findings of the document and of the rules the scores will meet (the weights'
/// total of 100 among them, as a finding); an input error is thrown as `evaluate` throws it.
#[cfg(feature = "js-evaluation")]
#[wasm_bindgen(js_name = checkSetup, unchecked_return_type = "SetupCheck")]
pub fn check_setup(
    #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
) -> JsResult {
    to_js(&js(read(&doc, "document", evaluation::read_setup))?)
}

/// The words of an evaluation's set-up for a form: regimes, PSR processes, price methods, key
/// criteria and roles, as the panel set-up shows them.
#[cfg(feature = "js-evaluation")]
#[wasm_bindgen(js_name = evaluationVocabulary, unchecked_return_type = "EvaluationVocabulary")]
pub fn evaluation_vocabulary() -> JsResult {
    to_js(&evaluation::vocabulary())
}

/// An evaluation read, checked and scored once, to ask for its result, the summaries, the records
/// and the score sheets without doing that again: the moderation widget makes one per change a
/// chair makes, where calling `evaluate` and then `assessmentSummary` per bid re-read and
/// re-scored the document N + 1 times. `free()` it when done (or `using` it, where supported).
#[cfg(feature = "js-evaluation")]
#[wasm_bindgen]
pub struct Evaluated {
    doc: evaluation::Evaluation,
    result: evaluation::EvaluationResult,
}

#[cfg(feature = "js-evaluation")]
#[wasm_bindgen]
impl Evaluated {
    /// Reads, checks and scores the evaluation: the errors `evaluate` gives.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
    ) -> Result<Evaluated, JsValue> {
        let doc: evaluation::Evaluation = js(load(&doc))?;
        let result = js(evaluation::evaluate(&doc))?;
        Ok(Evaluated { doc, result })
    }

    /// The result, as `evaluate` gives it.
    #[wasm_bindgen(unchecked_return_type = "EvaluationResult")]
    pub fn result(&mut self) -> JsResult {
        evaluation_to_js(&self.doc, &mut self.result)
    }

    /// The assessment summary of one bid (`{to: "markdown" | "html"}`), as `assessmentSummary`.
    #[wasm_bindgen(js_name = assessmentSummary, unchecked_return_type = "string")]
    pub fn assessment_summary(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] bid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FormatOptions")] opts: Option<JsValue>,
    ) -> JsResult {
        let bid = js(bid
            .as_string()
            .ok_or_else(|| Error::option("bid", "the bid is given by its id, a string")))?;
        let to = js(format_option(opts))?;
        Ok(js(evaluation::assessment_summary(
            &self.doc,
            &self.result,
            &bid,
            to,
        ))?
        .into())
    }

    /// One evaluator's score sheet (`{evaluator}`), as `scoresheet`.
    #[wasm_bindgen(unchecked_return_type = "string")]
    pub fn scoresheet(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SheetOptions")] opts: JsValue,
    ) -> JsResult {
        Ok(js(evaluation::scoresheet(
            &self.doc,
            &js(sheet_evaluator(&opts))?,
        ))?
        .into())
    }
}

/// What only the full module has: the records no page needs.
#[cfg(feature = "js-records")]
#[wasm_bindgen]
impl Evaluated {
    /// The decision record (`{to}`), as `decisionRecord`.
    #[wasm_bindgen(js_name = decisionRecord, unchecked_return_type = "string")]
    pub fn decision_record(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "FormatOptions")] opts: Option<JsValue>,
    ) -> JsResult {
        let to = js(format_option(opts))?;
        Ok(evaluation::decision_record(&self.doc, &self.result, to).into())
    }

    /// The OCDS release (`{date}`), as `ocdsRelease`.
    #[wasm_bindgen(js_name = ocdsRelease, unchecked_return_type = "any")]
    pub fn ocds_release(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "OcdsOptions")] opts: Option<JsValue>,
    ) -> JsResult {
        let o: OcdsOptions = js(options(&opts.unwrap_or(JsValue::UNDEFINED)))?;
        let date = js(date_option("date", o.date.as_deref()))?
            .or(self.doc.award_notice_date)
            .unwrap_or_else(browser_today);
        to_js(&evaluation::ocds_release(&self.doc, &self.result, date))
    }
}

/// The `to` of a `FormatOptions`.
#[cfg(feature = "js-evaluation")]
fn format_option(opts: Option<JsValue>) -> Result<render::Format, Error> {
    let o: FormatOptions = options(&opts.unwrap_or(JsValue::UNDEFINED))?;
    render::Format::from_option(o.to.as_deref())
}

/// The `evaluator` of a `SheetOptions`, which is needed.
#[cfg(feature = "js-evaluation")]
fn sheet_evaluator(opts: &JsValue) -> Result<String, Error> {
    let o: SheetOptions = options(opts)?;
    o.evaluator.ok_or_else(|| {
        Error::option(
            "evaluator",
            "the option \"evaluator\" (a panel member's id) is needed",
        )
    })
}

#[cfg(feature = "js-evaluation")]
#[wasm_bindgen(module = "/src/wasm_scores.js")]
extern "C" {
    /// Puts the individual scores back into `evaluate`'s result (see the file).
    #[wasm_bindgen(js_name = attachScores)]
    fn attach_scores(
        result: &JsValue,
        members: &js_sys::Array,
        reasons: &js_sys::Array,
        counts: &[u32],
        scores: &[u32],
        rationales: &str,
        ends: &[u32],
    );
}

/// The individual scores of an evaluation result in the numbers that `src/wasm_scores.js` reads:
/// three per score, with the evaluators and reasons as indexes and the rationales in one string.
#[cfg(feature = "js-evaluation")]
struct ScoreColumns {
    members: js_sys::Array,
    reasons: js_sys::Array,
    counts: Vec<u32>,
    scores: Vec<u32>,
    rationales: String,
    ends: Vec<u32>,
}

#[cfg(feature = "js-evaluation")]
impl ScoreColumns {
    /// None only where the numbers do not fit (beyond any memory a page has).
    fn of(doc: &evaluation::Evaluation, result: &evaluation::EvaluationResult) -> Option<Self> {
        let mut members = crate::find::InOrder::new(doc.panel.iter().map(|m| m.id.as_str()));
        let mut reasons: Vec<&'static str> = Vec::new();
        let mut columns = ScoreColumns {
            members: doc.panel.iter().map(|m| JsValue::from_str(&m.id)).collect(),
            reasons: js_sys::Array::new(), // from `reasons`, once every score is seen
            counts: Vec::new(),
            scores: Vec::new(),
            rationales: String::new(),
            ends: Vec::new(),
        };
        let mut end: u32 = 0; // in UTF-16 code units, as JavaScript counts
        for criterion in result.bids.iter().flat_map(|b| &b.criteria) {
            columns
                .counts
                .push(u32::try_from(criterion.scores.len()).ok()?);
            for s in &criterion.scores {
                // Every field by name: a new one fails to compile here until it crosses too.
                let evaluation::ScoreResult {
                    evaluator,
                    score,
                    kept,
                    reason,
                    rationale,
                } = s;
                let mut flags = u32::from(*kept);
                if let Some(reason) = reason.map(|r| r.code()) {
                    let at = reasons
                        .iter()
                        .position(|r| *r == reason)
                        .unwrap_or_else(|| {
                            reasons.push(reason);
                            reasons.len() - 1
                        });
                    flags |= 4 * (1 + u32::try_from(at).ok()?);
                }
                if let Some(rationale) = rationale {
                    flags |= 2;
                    columns.rationales.push_str(rationale);
                    let units = if rationale.is_ascii() {
                        rationale.len()
                    } else {
                        rationale.encode_utf16().count()
                    };
                    end = end.checked_add(u32::try_from(units).ok()?)?;
                    columns.ends.push(end);
                }
                let member = u32::try_from(members.find(evaluator)?).ok()?;
                columns.scores.extend([member, *score, flags]);
            }
        }
        columns.reasons = reasons.iter().map(|r| JsValue::from_str(r)).collect();
        Some(columns)
    }
}

/// `evaluate`'s result as a JavaScript object, the same as `to_js` gives: everything but the
/// individual scores as JSON text, and the scores as numbers made into objects by
/// `src/wasm_scores.js`. At 150,000 scores, writing and parsing them as JSON took a third of
/// `evaluate` (BENCHMARKS.md).
#[cfg(feature = "js-evaluation")]
fn evaluation_to_js(
    doc: &evaluation::Evaluation,
    result: &mut evaluation::EvaluationResult,
) -> JsResult {
    let Some(columns) = ScoreColumns::of(doc, result) else {
        return to_js(result);
    };
    // The scores are lent to the columns, not copied: taken out while the rest is written, then
    // put back, so the result stays whole for the summaries asked of it later.
    let scores: Vec<Vec<evaluation::ScoreResult>> = result
        .bids
        .iter_mut()
        .flat_map(|b| &mut b.criteria)
        .map(|c| std::mem::take(&mut c.scores))
        .collect();
    let object = to_js(result);
    for (criterion, scores) in result
        .bids
        .iter_mut()
        .flat_map(|b| &mut b.criteria)
        .zip(scores)
    {
        criterion.scores = scores;
    }
    let object = object?;
    attach_scores(
        &object,
        &columns.members,
        &columns.reasons,
        &columns.counts,
        &columns.scores,
        &columns.rationales,
        &columns.ends,
    );
    Ok(object)
}

/// The involvement payments owed to panel members, from the document's `payments` policy.
#[cfg(feature = "js-records")]
#[wasm_bindgen(js_name = involvementPayments, unchecked_return_type = "PaymentsSummary")]
pub fn involvement_payments(
    #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
) -> JsResult {
    to_js(&js(evaluation::involvement_payments(&js(load(&doc))?))?)
}

/// The assessment summary of one bid (`{to: "markdown" | "html"}`), with the winner's scores.
#[cfg(feature = "js-evaluation")]
#[wasm_bindgen(js_name = assessmentSummary, unchecked_return_type = "string")]
pub fn assessment_summary(
    #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] bid: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FormatOptions")] opts: Option<JsValue>,
) -> JsResult {
    Evaluated::new(doc)?.assessment_summary(bid, opts)
}

/// The decision record of the procurement (`{to: "markdown" | "html"}`).
#[cfg(feature = "js-records")]
#[wasm_bindgen(js_name = decisionRecord, unchecked_return_type = "string")]
pub fn decision_record(
    #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FormatOptions")] opts: Option<JsValue>,
) -> JsResult {
    Evaluated::new(doc)?.decision_record(opts)
}

/// One evaluator's score sheet (CSV with a BOM, for Excel): `scoresheet(doc, {evaluator})`.
#[cfg(feature = "js-evaluation")]
#[wasm_bindgen(unchecked_return_type = "string")]
pub fn scoresheet(
    #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SheetOptions")] opts: JsValue,
) -> JsResult {
    // A score sheet needs no scoring: only the document is read.
    let doc: evaluation::Evaluation = js(load(&doc))?;
    Ok(js(evaluation::scoresheet(&doc, &js(sheet_evaluator(&opts))?))?.into())
}

/// One evaluator's score sheet as data (`{evaluator}`): their role in words and the rows they
/// may score, with what the document already has. The score card shows it as its form.
#[cfg(feature = "js-evaluation")]
#[wasm_bindgen(js_name = scoresheetRows, unchecked_return_type = "Sheet")]
pub fn scoresheet_rows(
    #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SheetOptions")] opts: JsValue,
) -> JsResult {
    let doc: evaluation::Evaluation = js(load(&doc))?;
    to_js(&js(evaluation::sheet(&doc, &js(sheet_evaluator(&opts))?))?)
}

/// Merges filled score sheets (`[{name, text}]`) into the document's scores; returns the document.
#[cfg(feature = "js-evaluation")]
#[wasm_bindgen(js_name = mergeScoresheets, unchecked_return_type = "Evaluation")]
pub fn merge_scoresheets(
    #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SheetInput[] | string")] sheets: JsValue,
) -> JsResult {
    let doc: evaluation::Evaluation = js(load(&doc))?;
    let sheets: Vec<SheetInput> = js(read(&sheets, "sheets", |t| {
        json::value_from_json(t, "sheets")
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
/// browser's date), with a GOV.UK `bankHolidays` file merged in when given.
#[cfg(feature = "js-timeline-page")]
#[wasm_bindgen(js_name = checkTimeline, unchecked_return_type = "TimelineCheck")]
pub fn check_timeline(
    #[wasm_bindgen(unchecked_param_type = "Timeline | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TimelineOptions")] opts: Option<JsValue>,
) -> JsResult {
    let plan: timeline::Timeline = js(load(&plan))?;
    let o: TimelineOptions = js(options(&opts.unwrap_or(JsValue::UNDEFINED)))?;
    #[cfg_attr(not(feature = "js-timeline"), allow(unused_mut))]
    let mut calendar = BankHolidays::builtin();
    // The timeline page's module (`js-timeline-page` alone) has no bank-holidays option.
    #[cfg(feature = "js-timeline")]
    if let Some(file) = &o.bank_holidays {
        calendar.merge_govuk(file);
    }
    to_js(&timeline::check_with(
        &plan,
        js(today(o.today.as_deref()))?,
        &calendar,
    ))
}

/// The plan's vocabulary for a form: every kind (its words, and the fields it has beyond the
/// common ones) and every recipient, as the plan editor shows them.
#[cfg(feature = "js-planner")]
#[wasm_bindgen(js_name = timelineVocabulary, unchecked_return_type = "Vocabulary")]
pub fn timeline_vocabulary() -> JsResult {
    to_js(&timeline::vocabulary())
}

/// Writes a consultation plan as an iCalendar file (text).
#[cfg(feature = "js-timeline")]
#[wasm_bindgen(js_name = timelineToIcs, unchecked_return_type = "string")]
pub fn timeline_to_ics(
    #[wasm_bindgen(unchecked_param_type = "Timeline | string")] plan: JsValue,
) -> JsResult {
    let plan: timeline::Timeline = js(load(&plan))?;
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

/// Report input: a report object, or text that is a JSON object, is read as report JSON; any
/// other text is Markdown or plain text for the report reader.
#[cfg(feature = "js-report")]
fn report_source(input: &JsValue) -> Result<report::ReportSource, Error> {
    read(input, "report", report::ReportSource::from_text)
}

/// Lints a report given as report JSON, Markdown or plain text.
#[cfg(feature = "js-report")]
#[wasm_bindgen(js_name = lintReport, unchecked_return_type = "LintResult")]
pub fn lint_report(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LintOptions")] opts: Option<JsValue>,
) -> JsResult {
    let source = js(report_source(&text))?;
    let o: LintOptions = js(options(&opts.unwrap_or(JsValue::UNDEFINED)))?;
    to_js(&report::lint(
        &source,
        js(date_option("reportDate", o.report_date.as_deref()))?,
    ))
}

/// Renders a report as HTML, Markdown or plain text (`{to}`, default html).
#[cfg(feature = "js-report")]
#[wasm_bindgen(js_name = renderReport, unchecked_return_type = "string")]
pub fn render_report(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FormatOptions")] opts: Option<JsValue>,
) -> JsResult {
    let source = js(report_source(&input))?;
    let o: FormatOptions = js(options(&opts.unwrap_or(JsValue::UNDEFINED)))?;
    let to = js(report::RenderFormat::from_option(o.to.as_deref()))?;
    Ok(js(report::render(&source, to))?.into())
}

/// Checks a charter at `{today}`: review due, statements for younger readers.
#[cfg(feature = "js-charter")]
#[wasm_bindgen(js_name = checkCharter, unchecked_return_type = "CharterCheck")]
pub fn check_charter(
    #[wasm_bindgen(unchecked_param_type = "Charter | string")] doc: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TodayOptions")] opts: Option<JsValue>,
) -> JsResult {
    let doc: charter::Charter = js(load(&doc))?;
    let o: TodayOptions = js(options(&opts.unwrap_or(JsValue::UNDEFINED)))?;
    to_js(&charter::check_charter(
        &doc,
        Some(js(today(o.today.as_deref()))?),
    ))
}

/// How hard a text is to read (`{readingAge, longestSentence, within, aim}`): what the charter
/// editor shows beside a statement for younger readers as it is typed, judged by the limits of
/// `statement-hard-to-read`, so that no page restates them.
#[cfg(feature = "js-charter")]
#[wasm_bindgen(unchecked_return_type = "Readability")]
pub fn readability(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> JsResult {
    let Some(text) = text.dyn_ref::<js_sys::JsString>() else {
        let kind = text.js_typeof().as_string().unwrap_or_default();
        return Err(to_js_error(if text.is_undefined() || text.is_null() {
            Error::new(ErrorKind::EmptyInput, "", "no text was given")
        } else {
            Error::new(
                ErrorKind::WrongType,
                "",
                format!("the text must be a string, but a {kind} was given"),
            )
        }));
    };
    to_js(&charter::readability(&js(rust_string(text))?))
}

/// Turns feedback responses into the counts of a monitoring document.
#[cfg(feature = "js-charter")]
#[wasm_bindgen(js_name = aggregateFeedback, unchecked_return_type = "FeedbackAggregate")]
pub fn aggregate_feedback(
    #[wasm_bindgen(unchecked_param_type = "Charter | string")] charter_doc: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FeedbackResponse[] | string")] responses: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AggregateOptions")] opts: Option<JsValue>,
) -> JsResult {
    let doc: charter::Charter = js(load(&charter_doc))?;
    let list: Vec<monitoring::FeedbackResponse> = js(read(&responses, "responses", |t| {
        json::value_from_json(t, "responses")
    }))?;
    let o: AggregateOptions = js(options(&opts.unwrap_or(JsValue::UNDEFINED)))?;
    to_js(&js(monitoring::aggregate_feedback(
        &doc,
        &list,
        o.minimum_count,
    ))?)
}

/// Rates a provider against its charter for one period (`{today}` for the review date).
#[cfg(feature = "js-charter")]
#[wasm_bindgen(js_name = monitorCharter, unchecked_return_type = "MonitoringResult")]
pub fn monitor_charter(
    #[wasm_bindgen(unchecked_param_type = "Monitoring | string")] doc: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TodayOptions")] opts: Option<JsValue>,
) -> JsResult {
    let doc: monitoring::Monitoring = js(load(&doc))?;
    let o: TodayOptions = js(options(&opts.unwrap_or(JsValue::UNDEFINED)))?;
    to_js(&js(monitoring::monitor(
        &doc,
        Some(js(today(o.today.as_deref()))?),
    ))?)
}

#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct TemplateOptions {
    #[tsify(optional)]
    title: Option<String>,
    #[tsify(optional)]
    organisation: Option<String>,
    #[tsify(optional)]
    date: Option<String>,
}

/// The standard communications and engagement progress report (`{title, organisation, date}`).
#[cfg(feature = "js-report")]
#[wasm_bindgen(js_name = reportTemplate, unchecked_return_type = "Report")]
pub fn report_template(
    #[wasm_bindgen(unchecked_optional_param_type = "TemplateOptions")] opts: Option<JsValue>,
) -> JsResult {
    let o: TemplateOptions = js(options(&opts.unwrap_or(JsValue::UNDEFINED)))?;
    let date = js(date_option("date", o.date.as_deref()))?;
    let title = o
        .title
        .unwrap_or_else(|| "Communications and engagement progress report".to_string());
    to_js(&report::Report::progress_template(
        &title,
        o.organisation.as_deref(),
        date,
    ))
}

#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct SectionOptions {
    #[tsify(optional)]
    at: Option<String>,
    #[tsify(optional)]
    from: Option<String>,
    #[tsify(optional)]
    parent: Option<String>,
    #[tsify(optional)]
    index: Option<usize>,
    #[tsify(optional)]
    title: Option<String>,
}

fn needed(value: Option<String>, name: &str) -> Result<String, Error> {
    value.ok_or_else(|| Error::option(name, format!("the option \"{name}\" is needed")))
}

/// Adds a section (`{parent, index, title}`); returns the report.
#[cfg(feature = "js-report")]
#[wasm_bindgen(js_name = addSection, unchecked_return_type = "Report")]
pub fn add_section(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report_value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SectionOptions")] opts: JsValue,
) -> JsResult {
    let mut r = js(load::<report::Report>(&report_value))?;
    let o: SectionOptions = js(options(&opts))?;
    let title = js(needed(o.title, "title"))?;
    js(r.add_section(o.parent.as_deref(), o.index, &title))?;
    to_js(&r)
}

/// Removes the section at position `{at}` with its subsections; returns the report.
#[cfg(feature = "js-report")]
#[wasm_bindgen(js_name = removeSection, unchecked_return_type = "Report")]
pub fn remove_section(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report_value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SectionOptions")] opts: JsValue,
) -> JsResult {
    let mut r = js(load::<report::Report>(&report_value))?;
    let o: SectionOptions = js(options(&opts))?;
    js(r.remove_section(&js(needed(o.at, "at"))?))?;
    to_js(&r)
}

/// Moves a section (`{from, parent, index}`); returns the report.
#[cfg(feature = "js-report")]
#[wasm_bindgen(js_name = moveSection, unchecked_return_type = "Report")]
pub fn move_section(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report_value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SectionOptions")] opts: JsValue,
) -> JsResult {
    let mut r = js(load::<report::Report>(&report_value))?;
    let o: SectionOptions = js(options(&opts))?;
    js(r.move_section(&js(needed(o.from, "from"))?, o.parent.as_deref(), o.index))?;
    to_js(&r)
}

/// Numbers every section by its position; returns the report.
#[cfg(feature = "js-report")]
#[wasm_bindgen(js_name = renumberReport, unchecked_return_type = "Report")]
pub fn renumber_report(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report_value: JsValue,
) -> JsResult {
    let mut r = js(load::<report::Report>(&report_value))?;
    r.renumber();
    to_js(&r)
}

#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct JourneyOptions {
    #[tsify(optional)]
    bid: Option<String>,
}

/// A bid's charter profile beside the ratings of later periods: `charterJourney(evaluateResult,
/// [monitorCharterResult, ...], {bid})` (default: the bid ranked first).
#[cfg(feature = "js-charter")]
#[wasm_bindgen(js_name = charterJourney, unchecked_return_type = "CharterJourney")]
pub fn charter_journey(
    #[wasm_bindgen(unchecked_param_type = "EvaluationResult | string")] evaluation: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MonitoringResult[] | string")] periods: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "JourneyOptions")] opts: Option<JsValue>,
) -> JsResult {
    let evaluation: evaluation::EvaluationResult =
        js(read(&evaluation, "evaluation result", |t| {
            json::value_from_json(t, "evaluation")
        }))?;
    let periods: Vec<monitoring::MonitoringResult> =
        js(read(&periods, "monitoring results", |t| {
            json::value_from_json(t, "periods")
        }))?;
    let o: JourneyOptions = js(options(&opts.unwrap_or(JsValue::UNDEFINED)))?;
    to_js(&js(crate::journey::charter_journey(
        &evaluation,
        &periods,
        o.bid.as_deref(),
    ))?)
}

/// Scores and seals an evaluation: the record with its SHA-256 chain and seal.
#[cfg(feature = "js-records")]
#[wasm_bindgen(js_name = sealEvaluation, unchecked_return_type = "SealedEvaluation")]
pub fn seal_evaluation(
    #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
) -> JsResult {
    to_js(&js(evaluation::seal(&js(load(&doc))?))?)
}

#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct VerifyOptions {
    #[tsify(optional)]
    seal: Option<String>,
}

/// Checks a sealed record (`{seal}`: the seal recorded when it was sealed).
#[cfg(feature = "js-records")]
#[wasm_bindgen(js_name = verifySealed, unchecked_return_type = "Verification")]
pub fn verify_sealed(
    #[wasm_bindgen(unchecked_param_type = "SealedEvaluation | string")] sealed: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] opts: Option<JsValue>,
) -> JsResult {
    let sealed: evaluation::SealedEvaluation = js(read(&sealed, "sealed record", |t| {
        json::value_from_json(t, "")
    }))?;
    let o: VerifyOptions = js(options(&opts.unwrap_or(JsValue::UNDEFINED)))?;
    to_js(&js(evaluation::verify(&sealed, o.seal.as_deref()))?)
}

#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct OcdsOptions {
    #[tsify(optional)]
    date: Option<String>,
}

/// The award criteria and results as an OCDS release (`{date}`: default the award notice date,
/// else the browser's date).
#[cfg(feature = "js-records")]
#[wasm_bindgen(js_name = ocdsRelease, unchecked_return_type = "any")]
pub fn ocds_release(
    #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "OcdsOptions")] opts: Option<JsValue>,
) -> JsResult {
    Evaluated::new(doc)?.ocds_release(opts)
}
