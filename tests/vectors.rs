//! Runs the shared test vectors of `tests/vectors/` natively. `pkg-tests/vectors.test.mjs` runs the
//! same files through the WebAssembly package, so both must give these exact results.

use std::path::Path;

use engagekit::any;
use engagekit::calendar::date_option;
use engagekit::json::{from_json, to_json};
use engagekit::report::ReportSource;
use engagekit::{evaluation, monitoring, report, survey, timeline, Date, Error};
use serde_json::Value;

/// Calls the native function a vector names, with its input text and options, as the JS API does.
fn call(name: &str, text: &str, options: &Value) -> Result<Value, Error> {
    let opt = |key: &str| options.get(key).and_then(Value::as_str);
    match name {
        "validate" => Ok(
            serde_json::from_str(&to_json(&any::from_json(text)?.summary())).unwrap_or(Value::Null),
        ),
        "evaluate" => Ok(
            serde_json::from_str(&to_json(&evaluation::evaluate(&from_json(text)?)?))
                .unwrap_or(Value::Null),
        ),
        "checkSetup" => Ok(
            serde_json::from_str(&to_json(&evaluation::read_setup(text)?)).unwrap_or(Value::Null),
        ),
        "decisionRecord" => {
            let doc: evaluation::Evaluation = from_json(text)?;
            let result = evaluation::evaluate(&doc)?;
            let to = engagekit::render::Format::from_option(opt("to"))?;
            Ok(Value::String(evaluation::decision_record(
                &doc, &result, to,
            )))
        }
        "scoresheetRows" => Ok(serde_json::from_str(&to_json(&evaluation::sheet(
            &from_json(text)?,
            opt("evaluator").unwrap_or_default(),
        )?))
        .unwrap_or(Value::Null)),
        "involvementPayments" => Ok(serde_json::from_str(&to_json(
            &evaluation::involvement_payments(&from_json(text)?)?,
        ))
        .unwrap_or(Value::Null)),
        "checkTimeline" => {
            let plan = from_json(text)?;
            let today = date_option("today", opt("today"))?
                .unwrap_or(Date::from_ymd(2016, 11, 23).unwrap());
            Ok(
                serde_json::from_str(&to_json(&timeline::check(&plan, today)))
                    .unwrap_or(Value::Null),
            )
        }
        "timelineToIcs" => Ok(Value::String(timeline::to_ics(
            &from_json(text)?,
            "20161123T120000Z",
        )?)),
        "lintReport" => {
            let source = ReportSource::from_text(text)?;
            let result = report::lint(&source, date_option("reportDate", opt("reportDate"))?);
            Ok(serde_json::from_str(&to_json(&result)).unwrap_or(Value::Null))
        }
        "renderReport" => {
            let source = ReportSource::from_text(text)?;
            Ok(Value::String(report::render(
                &source,
                report::RenderFormat::from_option(opt("to"))?,
            )?))
        }
        "readability" => Ok(
            serde_json::from_str(&to_json(&engagekit::charter::readability(text)))
                .unwrap_or(Value::Null),
        ),
        // The responses are the call's second argument, given as the vector's `options`.
        "aggregateFeedback" => {
            let responses: Vec<engagekit::monitoring::FeedbackResponse> =
                engagekit::json::value_from_json(&options.to_string(), "responses")?;
            Ok(
                serde_json::from_str(&to_json(&engagekit::monitoring::aggregate_feedback(
                    &from_json(text)?,
                    &responses,
                    None,
                )?))
                .unwrap_or(Value::Null),
            )
        }
        "monitorCharter" => {
            let today = date_option("today", opt("today"))?;
            Ok(
                serde_json::from_str(&to_json(&monitoring::monitor(&from_json(text)?, today)?))
                    .unwrap_or(Value::Null),
            )
        }
        // summariseSurvey(survey, csvText, {by, coding}): the vector's `args`. The CSV is named
        // "responses" in errors; the coding's errors are under `coding`.
        "summariseSurvey" => {
            let survey: survey::Survey = from_json(text)?;
            let csv = options.get(0).and_then(Value::as_str).unwrap_or_default();
            let given = options.get(1).unwrap_or(&Value::Null);
            let coding = document::<survey::Coding>(given.get("coding"), "coding")?;
            let responses = survey::read_responses(&survey, "responses", csv)?;
            let summary = survey::summarise(
                &survey,
                &responses,
                &survey::SummaryOptions {
                    by: given.get("by").and_then(Value::as_str),
                    coding: coding.as_ref(),
                },
            )?;
            Ok(serde_json::from_str(&to_json(&summary)).unwrap_or(Value::Null))
        }
        // readSurveySummary(summary, {survey}).
        "readSurveySummary" => {
            let survey = document::<survey::Survey>(options.get("survey"), "survey")?;
            let summary = survey::read_summary(text, survey.as_ref())?;
            Ok(serde_json::from_str(&to_json(&summary)).unwrap_or(Value::Null))
        }
        // checkOutcomes(outcomes, {today, coding, survey}).
        "checkOutcomes" => {
            let outcomes: survey::Outcomes = from_json(text)?;
            let today =
                date_option("today", opt("today"))?.unwrap_or(Date::from_ymd(2018, 6, 1).unwrap());
            let coding = document::<survey::Coding>(options.get("coding"), "coding")?;
            let survey = document::<survey::Survey>(options.get("survey"), "survey")?;
            let result = survey::check_outcomes(
                &outcomes,
                &survey::OutcomeOptions {
                    today,
                    coding: coding.as_ref(),
                    survey: survey.as_ref(),
                },
            )?;
            Ok(serde_json::from_str(&to_json(&result)).unwrap_or(Value::Null))
        }
        other => panic!("unknown call {other:?}"),
    }
}

/// A document given in a call's options, as an object or as its JSON text; its errors are under
/// the option's name.
fn document<T: engagekit::Document>(value: Option<&Value>, name: &str) -> Result<Option<T>, Error> {
    let text = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    from_json(&text).map(Some).map_err(|e| e.under(name))
}

/// JSON equality where numbers compare by value (`32` and `32.0` are the same number, as in JS).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn shared_vectors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 30,
        "expected the shared vectors, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let vector: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let text = match (vector.get("input"), vector.get("inputText")) {
            (Some(input), None) => serde_json::to_string(input).unwrap(),
            (None, Some(Value::String(text))) => text.clone(),
            _ => panic!("{name}: a vector has exactly one of input and inputText"),
        };
        // A call with more than one argument after its input has them as `args`; one, as
        // `options`.
        let got = call(
            vector["call"].as_str().unwrap(),
            &text,
            vector
                .get("args")
                .or_else(|| vector.get("options"))
                .unwrap_or(&Value::Null),
        );
        match (got, vector.get("expect"), vector.get("error")) {
            (Ok(got), Some(expect), None) => {
                if !same_json(&got, expect) {
                    failures.push(format!("{name}: got {got}, expected {expect}"));
                }
            }
            (Err(err), None, Some(want)) => {
                if err.code() != want["code"] {
                    failures.push(format!(
                        "{name}: code {} ({err}), expected {}",
                        err.code(),
                        want["code"]
                    ));
                }
                if let Some(path) = want.get("path") {
                    if err.path() != path {
                        failures.push(format!(
                            "{name}: path {:?} ({err}), expected {path}",
                            err.path()
                        ));
                    }
                }
                for part in want
                    .get("messageIncludes")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if !err.to_string().contains(part.as_str().unwrap()) {
                        failures.push(format!(
                            "{name}: message {:?} lacks {part}",
                            err.to_string()
                        ));
                    }
                }
            }
            (Ok(got), _, _) => failures.push(format!("{name}: expected an error, got {got}")),
            (Err(err), _, _) => {
                failures.push(format!("{name}: unexpected error {} {err}", err.code()))
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
