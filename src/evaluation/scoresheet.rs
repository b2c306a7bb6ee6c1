//! Score sheets for evaluators who work in Excel: a CSV template per evaluator, and filled sheets
//! merged back into the evaluation's scores. Excel's habits are expected: a BOM, CRLF, quoted
//! commas and line breaks in rationales.

use std::collections::HashMap;

use super::{Evaluation, Score};
use crate::document::Document;
use crate::error::{Error, ErrorKind, Result};

const HEADER: [&str; 8] = [
    "evaluator",
    "bid",
    "bidder",
    "criterion",
    "criterion title",
    "scale",
    "score",
    "rationale",
];

/// The criteria an evaluator may score on a bid: no rule would set the score aside (their role
/// scores, they have no conflict of interest that takes them out of the bid, the criterion's
/// `scoredBy` admits the role). The same rules as scoring, so a sheet never offers a row whose
/// score would be set aside.
pub fn may_score(doc: &Evaluation, evaluator: &str, bid: &str, criterion: &str) -> bool {
    let (Some(m), Some(c)) = (
        doc.panel.iter().find(|m| m.id == evaluator),
        doc.criteria.iter().find(|c| c.id == criterion),
    ) else {
        return false;
    };
    super::scoring::SetAside::of(m, bid, c.scored_by.as_deref()).is_none()
}

/// The score sheet of one evaluator: UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF, one row
/// per bid and criterion they may score. The score and rationale columns hold the evaluator's
/// scores that the document already has (none: a blank sheet), so a sheet issued again, or
/// exported by the score card from its draft, loses nothing entered. Every text cell is guarded
/// against running as a formula, the rationale a person typed included (a leading `'` mark), and
/// [`merge_scoresheets`] removes the guard again: a round trip keeps the text exactly.
pub fn scoresheet(doc: &Evaluation, evaluator: &str) -> Result<String> {
    if !doc.panel.iter().any(|m| m.id == evaluator) {
        return Err(Error::option(
            "evaluator",
            format!("there is no panel member \"{evaluator}\""),
        ));
    }
    let scale: Vec<String> = doc
        .scale
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{i} {l}"))
        .collect();
    let scale = scale.join("; ");
    let given: HashMap<(&str, &str), &Score> = doc
        .scores
        .iter()
        .filter(|s| s.evaluator == evaluator)
        .map(|s| ((s.bid.as_str(), s.criterion.as_str()), s))
        .collect();
    let mut sheet = String::from("\u{feff}");
    write_row(&mut sheet, &HEADER);
    for bid in &doc.bids {
        for c in &doc.criteria {
            if may_score(doc, evaluator, &bid.id, &c.id) {
                let score = given.get(&(bid.id.as_str(), c.id.as_str()));
                let number = score.map(|s| s.score.to_string()).unwrap_or_default();
                let rationale = score.and_then(|s| s.rationale.as_deref()).unwrap_or("");
                write_row(
                    &mut sheet,
                    &[
                        &not_formula(evaluator),
                        &not_formula(&bid.id),
                        &not_formula(&bid.bidder),
                        &not_formula(&c.id),
                        &not_formula(&c.title),
                        &not_formula(&scale),
                        &number,
                        &not_formula(rationale),
                    ],
                );
            }
        }
    }
    Ok(sheet)
}

/// One CSV row as RFC 4180 and Excel have it: a field holding a comma, a quote or a line break is
/// quoted, with its quotes doubled; the row ends in CRLF. (Written here rather than with the csv
/// crate's writer, whose numeric-field test brings a float parser into the WebAssembly; the csv
/// crate reads the sheets back, and the tests round-trip them through it.)
fn write_row(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

/// What starts a formula when a spreadsheet opens a CSV cell (CSV injection: `=HYPERLINK(...)`,
/// `- good plan`, `@SUM(...)`, `+44 ...`), and the guard's own mark.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Text as a spreadsheet shows it, never runs: text starting with a formula character gets a
/// leading `'`, which Excel takes as "this is text" and hides. Text already starting with `'` gets
/// one more, so that [`as_typed`] can tell the guard from an apostrophe that was typed.
fn not_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) || text.starts_with('\'') {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// A cell read back as it was typed: [`not_formula`]'s guard removed (one `'` before a formula
/// character or another `'`); any other text is kept as it is.
fn as_typed(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// A filled score sheet: its name (for messages) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilledSheet {
    /// The file name, quoted in errors.
    pub name: String,
    /// The CSV text.
    pub text: String,
}

/// Merges filled sheets into the evaluation's scores: a sheet's score replaces the document's
/// score by the same evaluator on the same bid and criterion. Rows with no score are not yet
/// scored and are left out. A malformed row, an unknown evaluator, bid or criterion, or a score the
/// evaluator may not give is an input error naming the sheet, line and column.
pub fn merge_scoresheets(doc: &Evaluation, sheets: &[FilledSheet]) -> Result<Evaluation> {
    let mut merged = doc.clone();
    let mut from_sheets: HashMap<(String, String, String), String> = HashMap::new();
    for sheet in sheets {
        let text = sheet.text.strip_prefix('\u{feff}').unwrap_or(&sheet.text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| {
                Error::sheet(
                    ErrorKind::InvalidValue,
                    &sheet.name,
                    1,
                    "",
                    format!("the header row cannot be read: {e}"),
                )
            })?
            .clone();
        let column = |name: &str| {
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let (Some(ce), Some(cb), Some(cc), Some(cs)) = (
            column("evaluator"),
            column("bid"),
            column("criterion"),
            column("score"),
        ) else {
            return Err(Error::sheet(
                ErrorKind::MissingField,
                &sheet.name,
                1,
                "",
                "the header row needs the columns evaluator, bid, criterion, score and rationale (as the score sheet gives them)",
            ));
        };
        let cr = column("rationale");
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line() + 1);
                Error::sheet(
                    ErrorKind::InvalidValue,
                    &sheet.name,
                    line,
                    "",
                    format!("malformed row: {e}"),
                )
            })?;
            // csv counts the lines before a record; people count from 1.
            let line = record.position().map_or(0, |p| p.line() + 1);
            let get = |i: usize| as_typed(record.get(i).unwrap_or("").trim()).trim();
            let (evaluator, bid, criterion, score_text) = (get(ce), get(cb), get(cc), get(cs));
            let rationale = cr.map(get).filter(|r| !r.is_empty());
            if score_text.is_empty() {
                if rationale.is_some() {
                    return Err(Error::sheet(
                        ErrorKind::MissingField,
                        &sheet.name,
                        line,
                        "score",
                        format!(
                            "bid \"{bid}\", criterion \"{criterion}\" has a rationale but no score"
                        ),
                    ));
                }
                continue;
            }
            if !doc.panel.iter().any(|m| m.id == evaluator) {
                return Err(Error::sheet(
                    ErrorKind::DanglingReference,
                    &sheet.name,
                    line,
                    "evaluator",
                    format!("there is no panel member \"{evaluator}\""),
                ));
            }
            if !doc.bids.iter().any(|b| b.id == bid) {
                return Err(Error::sheet(
                    ErrorKind::DanglingReference,
                    &sheet.name,
                    line,
                    "bid",
                    format!("there is no bid \"{bid}\""),
                ));
            }
            if !doc.criteria.iter().any(|c| c.id == criterion) {
                return Err(Error::sheet(
                    ErrorKind::DanglingReference,
                    &sheet.name,
                    line,
                    "criterion",
                    format!("there is no criterion \"{criterion}\""),
                ));
            }
            let score: u32 = score_text
                .parse()
                .ok()
                .filter(|s| *s <= doc.scale.max)
                .ok_or_else(|| {
                    Error::sheet(
                        ErrorKind::OutOfRange,
                        &sheet.name,
                        line,
                        "score",
                        format!(
                            "score \"{score_text}\" is not a whole number from 0 to {}",
                            doc.scale.max
                        ),
                    )
                })?;
            let key = (
                evaluator.to_string(),
                bid.to_string(),
                criterion.to_string(),
            );
            if let Some(first) = from_sheets.insert(key, format!("{}:{line}", sheet.name)) {
                return Err(Error::sheet(
                    ErrorKind::DuplicateId,
                    &sheet.name,
                    line,
                    "score",
                    format!("{evaluator} scores bid {bid} on {criterion} again (first at {first})"),
                ));
            }
            let entry = Score {
                evaluator: evaluator.into(),
                bid: bid.into(),
                criterion: criterion.into(),
                score,
                rationale: rationale.map(std::sync::Arc::from),
            };
            match merged
                .scores
                .iter_mut()
                .find(|s| s.evaluator == evaluator && s.bid == bid && s.criterion == criterion)
            {
                Some(existing) => *existing = entry,
                None => merged.scores.push(entry),
            }
        }
    }
    merged.check()?;
    Ok(merged)
}
