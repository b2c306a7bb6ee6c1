//! The survey area's JavaScript API (the `js-survey` feature, in the full module and in its own,
//! `engagekit-survey`): the summary of a survey's responses, a summary read back for a page to
//! publish, and the check of "You said, we did". Thin adapters over [`crate::survey`], as `wasm`
//! is over the rest: the same readers, errors and results as `engagekit survey summarise` and
//! `engagekit outcomes check`.

use serde::de::IgnoredAny;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{Error, ErrorKind};
use crate::survey::{self, Coding, Outcomes, Survey};
use crate::wasm::{js, load, options, read, rust_string, to_js, today, JsResult};
use crate::Document;

/// `summariseSurvey`'s options. The documents are read apart (`document`), so that their errors
/// carry their own paths under the option's name; here they are only allowed.
#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct SurveyOptions {
    /// The id of a single-choice question to break the summary down by (CLI `--by`).
    #[tsify(optional)]
    by: Option<String>,
    /// Themes coded in the text answers (CLI `--coding`).
    #[tsify(optional, type = "Coding | string")]
    #[allow(dead_code)] // read by `document`
    coding: Option<IgnoredAny>,
}

/// `checkOutcomes`'s options.
#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct OutcomesOptions {
    /// The reference date for `overdue` (default: the browser's date, as the CLI's the real one).
    #[tsify(optional)]
    today: Option<String>,
    /// Themes coded in the free text, for `theme-without-outcome`.
    #[tsify(optional, type = "Coding | string")]
    #[allow(dead_code)] // read by `document`
    coding: Option<IgnoredAny>,
    /// The survey coded (its `minimumCount`), with `coding`.
    #[tsify(optional, type = "Survey | string")]
    #[allow(dead_code)] // read by `document`
    survey: Option<IgnoredAny>,
}

/// `readSurveySummary`'s options.
#[derive(Deserialize, Default, tsify::Tsify)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object"
)]
pub struct SummaryReadOptions {
    /// The survey summarised: the summary must be of it (its id and its questions).
    #[tsify(optional, type = "Survey | string")]
    #[allow(dead_code)] // read by `document`
    survey: Option<IgnoredAny>,
}

/// The document given as option `name` (an object or its JSON text), read and checked; its
/// errors' paths are under `name` (`coding.coded[0].themes[1]`), as the native API gives them.
fn document<T: Document>(opts: &JsValue, name: &str) -> Result<Option<T>, Error> {
    let object = match opts.dyn_ref::<js_sys::JsString>() {
        // Options given as JSON text were read (and found good) by `options` already.
        Some(text) => js_sys::JSON::parse(&String::from(text)).unwrap_or(JsValue::UNDEFINED),
        None => opts.clone(),
    };
    if !object.is_object() {
        return Ok(None);
    }
    let value = js_sys::Reflect::get(&object, &name.into()).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    load(&value).map(Some).map_err(|e| e.under(name))
}

/// The responses' CSV text: a string (named "responses" in errors, as the vectors name it).
fn csv_text(value: &JsValue) -> Result<String, Error> {
    match value.dyn_ref::<js_sys::JsString>() {
        Some(text) => rust_string(text),
        None => Err(Error::new(
            ErrorKind::NotAnObject,
            "",
            "the responses must be the CSV export's text, a string",
        )),
    }
}

/// Summarises a survey's responses (`summariseSurvey(survey, csvText, {by, coding})`): the JSON
/// `engagekit survey summarise` writes.
#[wasm_bindgen(js_name = summariseSurvey, unchecked_return_type = "SurveySummary")]
pub fn summarise_survey(
    #[wasm_bindgen(unchecked_param_type = "Survey | string")] doc: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] csv: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SurveyOptions")] opts: Option<JsValue>,
) -> JsResult {
    let doc: Survey = js(load(&doc))?;
    let opts = opts.unwrap_or(JsValue::UNDEFINED);
    let o: SurveyOptions = js(options(&opts))?;
    let coding: Option<Coding> = js(document(&opts, "coding"))?;
    let text = js(csv_text(&csv))?;
    let responses = js(survey::read_responses(&doc, "responses", &text))?;
    let summary = js(survey::summarise(
        &doc,
        &responses,
        &survey::SummaryOptions {
            by: o.by.as_deref(),
            coding: coding.as_ref(),
        },
    ))?;
    to_js(&summary)
}

/// Reads back a summary `summariseSurvey` (or `engagekit survey summarise`) wrote, with
/// `{survey}` checked to be of that survey: what a page publishing it shows.
#[wasm_bindgen(js_name = readSurveySummary, unchecked_return_type = "SurveySummary")]
pub fn read_survey_summary(
    #[wasm_bindgen(unchecked_param_type = "SurveySummary | string")] summary: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SummaryReadOptions")] opts: Option<JsValue>,
) -> JsResult {
    let opts = opts.unwrap_or(JsValue::UNDEFINED);
    let _: SummaryReadOptions = js(options(&opts))?;
    let doc: Option<Survey> = js(document(&opts, "survey"))?;
    let summary = js(read(&summary, "summary", |text| {
        survey::read_summary(text, doc.as_ref())
    }))?;
    to_js(&summary)
}

/// Checks "You said, we did" (`checkOutcomes(outcomes, {today, coding, survey})`): reasons, due
/// dates at `today` (default: the browser's date) and, with a coding, themes left unanswered.
#[wasm_bindgen(js_name = checkOutcomes, unchecked_return_type = "OutcomesCheck")]
pub fn check_outcomes(
    #[wasm_bindgen(unchecked_param_type = "Outcomes | string")] doc: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "OutcomesOptions")] opts: Option<JsValue>,
) -> JsResult {
    let doc: Outcomes = js(load(&doc))?;
    let opts = opts.unwrap_or(JsValue::UNDEFINED);
    let o: OutcomesOptions = js(options(&opts))?;
    let today = js(today(o.today.as_deref()))?;
    let coding: Option<Coding> = js(document(&opts, "coding"))?;
    let survey_doc: Option<Survey> = js(document(&opts, "survey"))?;
    let result = js(survey::check_outcomes(
        &doc,
        &survey::OutcomeOptions {
            today,
            coding: coding.as_ref(),
            survey: survey_doc.as_ref(),
        },
    ))?;
    to_js(&result)
}
