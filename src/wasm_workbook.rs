//! The workbook module's JavaScript API (the `js-workbook` feature, built as its own module,
//! `engagekit-workbook`): score sheets as workbooks and read back, set-up workbooks' templates and
//! imports. A thin adapter over [`crate::evaluation`]'s workbook functions and [`crate::sheets`],
//! as `wasm` is over the rest: bytes cross as `Uint8Array`s, documents and errors as everywhere.
//! Pages fetch this module only when someone gives or asks for a workbook, so that the readers'
//! modules do not grow.

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{Error, ErrorKind};
use crate::sheets::{self, Template};
use crate::wasm::{js, load, options, read, to_js, JsResult};
use crate::{charter, evaluation};

#[wasm_bindgen(typescript_custom_section)]
const WORKBOOK_TYPES: &str = r#"
/** A file someone chose or dropped: its name (for errors) and its bytes. */
export interface WorkbookFile {
    name: string;
    bytes: Uint8Array;
}

/** Which set-up workbook. */
export type WorkbookKind = "evaluation" | "timeline" | "monitoring";

/** What a filled set-up workbook does not hold itself. */
export interface ImportOptions {
    /** evaluation: the charter the criteria name; monitoring: the charter measured against. */
    charter?: Charter;
    /** monitoring: the period the return covers ("2025-26-Q1"). */
    period?: string;
    /** timeline: the plan's title, where the file gives none (a CSV file). */
    title?: string;
    /** timeline: the plan is a substantial variation, where the file does not say. */
    substantialVariation?: boolean;
}

/** Options for a score sheet workbook. */
export interface WorkbookSheetOptions {
    /** The panel member's id. */
    evaluator: string;
}
"#;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SheetOptions {
    #[serde(default)]
    evaluator: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ImportOptions {
    #[serde(default)]
    charter: Option<charter::Charter>,
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    substantial_variation: Option<bool>,
}

fn bytes_out(bytes: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(bytes).into()
}

/// A `{name, bytes}` object, its bytes a `Uint8Array` (or an `ArrayBuffer`).
fn file_in(value: &JsValue, what: &str) -> Result<(String, Vec<u8>), Error> {
    let bad = |message: String| Error::option(what, message);
    if !value.is_object() {
        return Err(bad(format!(
            "{what} is a {{name, bytes}} object, with the file's bytes as a Uint8Array"
        )));
    }
    let get = |key: &str| js_sys::Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let name = get("name").as_string().unwrap_or_default();
    let bytes = get("bytes");
    let bytes = if let Some(array) = bytes.dyn_ref::<js_sys::Uint8Array>() {
        array.to_vec()
    } else if let Some(buffer) = bytes.dyn_ref::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(buffer).to_vec()
    } else {
        return Err(bad(format!(
            "{what}.bytes is the file's bytes as a Uint8Array (from file.arrayBuffer())"
        )));
    };
    Ok((name, bytes))
}

fn template_kind(kind: &JsValue) -> Result<Template, Error> {
    let word = kind.as_string().unwrap_or_default();
    Template::ALL
        .into_iter()
        .find(|t| t.as_str() == word)
        .ok_or_else(|| {
            Error::at(
                ErrorKind::InvalidOption,
                crate::error::Location::Option {
                    name: "kind".into(),
                },
                format!("\"{word}\" is not a workbook: evaluation, timeline or monitoring"),
            )
        })
}

/// One evaluator's score sheet as an Excel workbook (.xlsx), as `engagekit scoresheet --to xlsx`
/// writes it: `scoresheetWorkbook(doc, {evaluator})`.
#[wasm_bindgen(js_name = scoresheetWorkbook, unchecked_return_type = "Uint8Array")]
pub fn scoresheet_workbook(
    #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WorkbookSheetOptions")] opts: JsValue,
) -> JsResult {
    let doc: evaluation::Evaluation = js(load(&doc))?;
    let o: SheetOptions = js(options(&opts))?;
    let evaluator = js(o.evaluator.ok_or_else(|| {
        Error::option(
            "evaluator",
            "the option \"evaluator\" (a panel member's id) is needed",
        )
    }))?;
    Ok(bytes_out(&js(evaluation::scoresheet_xlsx(
        &doc, &evaluator,
    ))?))
}

/// Merges filled score sheets, workbooks or CSV alike (told apart by content), into the
/// document's scores; returns the document. Errors name the file, sheet and cell.
#[wasm_bindgen(js_name = mergeScoresheetFiles, unchecked_return_type = "Evaluation")]
pub fn merge_scoresheet_files(
    #[wasm_bindgen(unchecked_param_type = "Evaluation | string")] doc: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WorkbookFile[]")] files: JsValue,
) -> JsResult {
    let doc: evaluation::Evaluation = js(load(&doc))?;
    let Some(array) = files.dyn_ref::<js_sys::Array>() else {
        return Err(crate::wasm::to_js_error(Error::option(
            "files",
            "files is an array of {name, bytes} objects",
        )));
    };
    let mut filled = Vec::new();
    for (i, file) in array.iter().enumerate() {
        let (name, bytes) = js(file_in(&file, &format!("files[{i}]")))?;
        filled.push(evaluation::ScoresheetFile { name, bytes });
    }
    to_js(&js(evaluation::merge_scoresheet_files(&doc, &filled))?)
}

/// Which set-up workbook a filled one is ("evaluation", "timeline" or "monitoring"), by its
/// sheets: for a page that takes any of them.
#[wasm_bindgen(js_name = workbookKind, unchecked_return_type = "WorkbookKind")]
pub fn workbook_kind(
    #[wasm_bindgen(unchecked_param_type = "WorkbookFile")] file: JsValue,
) -> JsResult {
    let (name, bytes) = js(file_in(&file, "file"))?;
    Ok(js(sheets::kind_of(&name, &bytes))?.as_str().into())
}

/// The blank set-up workbook (.xlsx) of `kind`, as `engagekit template KIND` writes it.
#[wasm_bindgen(js_name = workbookTemplate, unchecked_return_type = "Uint8Array")]
pub fn workbook_template(
    #[wasm_bindgen(unchecked_param_type = "WorkbookKind")] kind: JsValue,
) -> JsResult {
    Ok(bytes_out(&js(sheets::template(js(template_kind(&kind))?))?))
}

/// A document as its filled set-up workbook (.xlsx), as `engagekit template KIND --from DOC`
/// writes it: `importWorkbook(kind, {name, bytes}, {charter, period})` gives the document back.
/// A field the workbook has no place for (an activity's `responses`, a return's `minimumCount`)
/// is an error at its path; the charter, and a return's period, are the import's options.
#[wasm_bindgen(js_name = workbookOf, unchecked_return_type = "Uint8Array")]
pub fn workbook_of(
    #[wasm_bindgen(unchecked_param_type = "WorkbookKind")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Evaluation | Timeline | Monitoring | string")]
    doc: JsValue,
) -> JsResult {
    let kind = js(template_kind(&kind))?;
    let bytes = js(read(&doc, "document", |text| {
        sheets::workbook_of_text(kind, text)
    }))?;
    Ok(bytes_out(&bytes))
}

/// A filled set-up workbook (or a plan's CSV file) read into its document, as `engagekit import
/// KIND FILE` does; errors name the sheet and cell and quote the value.
#[wasm_bindgen(js_name = importWorkbook, unchecked_return_type = "Evaluation | Timeline | Monitoring")]
pub fn import_workbook(
    #[wasm_bindgen(unchecked_param_type = "WorkbookKind")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WorkbookFile")] file: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions")] opts: Option<JsValue>,
) -> JsResult {
    let kind = js(template_kind(&kind))?;
    let (name, bytes) = js(file_in(&file, "file"))?;
    let o: ImportOptions = js(options(&opts.unwrap_or(JsValue::UNDEFINED)))?;
    match kind {
        Template::Evaluation => to_js(&js(sheets::import_evaluation(
            &name,
            &bytes,
            o.charter.as_ref(),
        ))?),
        Template::Timeline => to_js(&js(sheets::import_timeline(
            &name,
            &bytes,
            o.title.as_deref(),
            o.substantial_variation,
        ))?),
        Template::Monitoring => {
            let charter = js(o.charter.ok_or_else(|| {
                Error::option(
                    "charter",
                    "a return is read against its charter: give the option \"charter\"",
                )
            }))?;
            let period = js(o.period.ok_or_else(|| {
                Error::option(
                    "period",
                    "give the option \"period\": the period the return covers",
                )
            }))?;
            to_js(&js(sheets::import_monitoring(
                &name, &bytes, &charter, &period,
            ))?)
        }
    }
}
