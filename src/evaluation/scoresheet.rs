//! Score sheets for evaluators who work in Excel: a CSV template per evaluator, and filled sheets
//! merged back into the evaluation's scores. Excel's habits are expected: a BOM, CRLF, quoted
//! commas and line breaks in rationales.

use std::collections::HashMap;

use serde::Serialize;

use super::{Evaluation, Role, Score};
use crate::document::Document;
use crate::error::{column_letters, Error, ErrorKind, Location, Result};
use crate::lines::Lines;

pub(crate) const HEADER: [&str; 8] = [
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

/// One evaluator's sheet as data: who they are and the rows they may score, with the scores
/// and rationales the document already has. [`scoresheet`] writes it as CSV; the score card shows
/// it as a form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Sheet {
    /// The panel member's id.
    pub evaluator: String,
    /// Their role.
    pub role: Role,
    /// Their role in words ("young person").
    pub role_words: &'static str,
    /// One row per bid and criterion they may score, bid by bid in document order.
    pub rows: Vec<SheetRow>,
}

/// One row of a score sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SheetRow {
    /// The bid's id.
    pub bid: String,
    /// The bidder.
    pub bidder: String,
    /// The criterion's id.
    pub criterion: String,
    /// The criterion's title.
    pub criterion_title: String,
    /// The evaluator's score in the document, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<u32>,
    /// Its rationale, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
}

/// The sheet of one evaluator (see [`Sheet`]); an unknown evaluator is an `invalid-option` error.
pub fn sheet(doc: &Evaluation, evaluator: &str) -> Result<Sheet> {
    let member = doc
        .panel
        .iter()
        .find(|m| m.id == evaluator)
        .ok_or_else(|| {
            Error::option(
                "evaluator",
                format!("there is no panel member \"{evaluator}\""),
            )
        })?;
    let given: HashMap<(&str, &str), &Score> = doc
        .scores
        .iter()
        .filter(|s| s.evaluator == evaluator)
        .map(|s| ((s.bid.as_str(), s.criterion.as_str()), s))
        .collect();
    let mut rows = Vec::new();
    for bid in &doc.bids {
        for c in &doc.criteria {
            if may_score(doc, evaluator, &bid.id, &c.id) {
                let score = given.get(&(bid.id.as_str(), c.id.as_str()));
                rows.push(SheetRow {
                    bid: bid.id.clone(),
                    bidder: bid.bidder.clone(),
                    criterion: c.id.clone(),
                    criterion_title: c.title.clone(),
                    score: score.map(|s| s.score),
                    rationale: score.and_then(|s| s.rationale.as_deref().map(String::from)),
                });
            }
        }
    }
    Ok(Sheet {
        evaluator: member.id.clone(),
        role: member.role,
        role_words: member.role.words(),
        rows,
    })
}

/// The score sheet of one evaluator: UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF, one row
/// per bid and criterion they may score ([`sheet`]). The score and rationale columns hold the
/// evaluator's scores that the document already has (none: a blank sheet), so a sheet issued
/// again, or exported by the score card from its draft, loses nothing entered. Every text cell is
/// guarded against running as a formula, the rationale a person typed included (a leading `'`
/// mark), and [`merge_scoresheets`] removes the guard again: a round trip keeps the text exactly.
pub fn scoresheet(doc: &Evaluation, evaluator: &str) -> Result<String> {
    let sheet = sheet(doc, evaluator)?;
    let scale = scale_words(doc).join("; ");
    let mut out = String::from("\u{feff}");
    write_row(&mut out, &HEADER);
    for row in &sheet.rows {
        write_row(
            &mut out,
            &[
                &not_formula(evaluator),
                &not_formula(&row.bid),
                &not_formula(&row.bidder),
                &not_formula(&row.criterion),
                &not_formula(&row.criterion_title),
                &not_formula(&scale),
                &row.score.map(|s| s.to_string()).unwrap_or_default(),
                &not_formula(row.rationale.as_deref().unwrap_or("")),
            ],
        );
    }
    Ok(out)
}

/// The scale's descriptors as the sheet's `scale` column gives them: `0 Unacceptable`, `1 Poor`...
pub(crate) fn scale_words(doc: &Evaluation) -> Vec<String> {
    doc.scale
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{i} {l}"))
        .collect()
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

/// Where a value of a filled sheet is: a CSV line and column (by its header word), a workbook's
/// cell, or a workbook's sheet as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// A CSV line (from 1) and a column's header word (empty: the whole line).
    Line { line: u64, column: &'static str },
    /// A workbook cell, 0-based row and column, as `Scores!G7`.
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    Cell { sheet: String, row: u32, col: u32 },
}

impl Place {
    /// `e1.csv:7:score`, `e1.xlsx:Scores!G7`, `e1.xlsx:Scores`.
    fn in_file(&self, file: &str) -> String {
        match self {
            Place::Line { line, column } => format!("{file}:{line}:{column}"),
            Place::Cell { sheet, row, col } => {
                format!(
                    "{file}:{sheet}!{}{}",
                    column_letters(*col),
                    u64::from(*row) + 1
                )
            }
        }
    }

    /// The row, for "first at ...": `e1.csv:7`, `e1.xlsx:Scores!G7` (the cell itself).
    fn row_in_file(&self, file: &str) -> String {
        match self {
            Place::Line { line, .. } => format!("{file}:{line}"),
            _ => self.in_file(file),
        }
    }
}

/// The one place an error about a filled sheet is made: the file, where in it, what is wrong.
pub(crate) fn sheet_error(kind: ErrorKind, file: &str, place: &Place, message: String) -> Error {
    let location = match place {
        Place::Line { line, column } => Location::Sheet {
            file: file.to_string(),
            row: *line,
            column: (*column).to_string(),
        },
        Place::Cell { sheet, row, col } => Location::cell(file, sheet, Some((*row, *col))),
    };
    Error::at(kind, location, message)
}

/// A value read from a filled sheet, as text, and where it is.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) text: String,
    pub(crate) place: Place,
}

/// One filled row, CSV or workbook alike: the values the merge reads, each with its place.
#[derive(Debug, Clone)]
pub(crate) struct FilledRow {
    pub(crate) evaluator: Field,
    pub(crate) bid: Field,
    pub(crate) criterion: Field,
    pub(crate) score: Field,
    pub(crate) rationale: Option<Field>,
}

/// The header words the merge needs, for the message when one is missing.
pub(crate) const NEEDED_COLUMNS: &str =
    "the header row needs the columns evaluator, bid, criterion, score and rationale (as the score sheet gives them)";

/// Filled rows being merged into a document: the one set of row rules, for CSV and workbooks.
pub(crate) struct Merge<'d> {
    doc: &'d Evaluation,
    merged: Evaluation,
    from_sheets: HashMap<(String, String, String), String>,
}

impl<'d> Merge<'d> {
    pub(crate) fn new(doc: &'d Evaluation) -> Self {
        Merge {
            doc,
            merged: doc.clone(),
            from_sheets: HashMap::new(),
        }
    }

    /// One row of the sheet `file`: a row with no score is not yet scored and is left out; an
    /// unknown evaluator, bid or criterion, a score that is not a whole number on the scale, or a
    /// second score for the same evaluator, bid and criterion is an error naming its place.
    pub(crate) fn row(&mut self, file: &str, row: FilledRow) -> Result<()> {
        let doc = self.doc;
        let (evaluator, bid, criterion, score_text) = (
            row.evaluator.text.trim(),
            row.bid.text.trim(),
            row.criterion.text.trim(),
            row.score.text.trim(),
        );
        let rationale = row
            .rationale
            .as_ref()
            .map(|r| r.text.trim())
            .filter(|r| !r.is_empty());
        if score_text.is_empty() {
            if rationale.is_some() {
                return Err(sheet_error(
                    ErrorKind::MissingField,
                    file,
                    &row.score.place,
                    format!(
                        "bid \"{bid}\", criterion \"{criterion}\" has a rationale but no score"
                    ),
                ));
            }
            return Ok(());
        }
        if !doc.panel.iter().any(|m| m.id == evaluator) {
            return Err(sheet_error(
                ErrorKind::DanglingReference,
                file,
                &row.evaluator.place,
                format!("there is no panel member \"{evaluator}\""),
            ));
        }
        if !doc.bids.iter().any(|b| b.id == bid) {
            return Err(sheet_error(
                ErrorKind::DanglingReference,
                file,
                &row.bid.place,
                format!("there is no bid \"{bid}\""),
            ));
        }
        if !doc.criteria.iter().any(|c| c.id == criterion) {
            return Err(sheet_error(
                ErrorKind::DanglingReference,
                file,
                &row.criterion.place,
                format!("there is no criterion \"{criterion}\""),
            ));
        }
        let score: u32 = score_text
            .parse()
            .ok()
            .filter(|s| *s <= doc.scale.max)
            .ok_or_else(|| {
                sheet_error(
                    ErrorKind::OutOfRange,
                    file,
                    &row.score.place,
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
        if let Some(first) = self
            .from_sheets
            .insert(key, row.score.place.row_in_file(file))
        {
            return Err(sheet_error(
                ErrorKind::DuplicateId,
                file,
                &row.score.place,
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
        match self
            .merged
            .scores
            .iter_mut()
            .find(|s| s.evaluator == evaluator && s.bid == bid && s.criterion == criterion)
        {
            Some(existing) => *existing = entry,
            None => self.merged.scores.push(entry),
        }
        Ok(())
    }

    /// The merged document, checked as any evaluation is.
    pub(crate) fn finish(self) -> Result<Evaluation> {
        self.merged.check()?;
        Ok(self.merged)
    }
}

/// Merges filled sheets into the evaluation's scores: a sheet's score replaces the document's
/// score by the same evaluator on the same bid and criterion. Rows with no score are not yet
/// scored and are left out. A malformed row, an unknown evaluator, bid or criterion, or a score the
/// evaluator may not give is an input error naming the sheet, line and column.
pub fn merge_scoresheets(doc: &Evaluation, sheets: &[FilledSheet]) -> Result<Evaluation> {
    let mut merge = Merge::new(doc);
    for sheet in sheets {
        merge_csv(&mut merge, &sheet.name, &sheet.text)?;
    }
    merge.finish()
}

/// A filled score sheet as the file's bytes: CSV text or a workbook (.xlsx, .ods, .xls), told
/// apart by content, not by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoresheetFile {
    /// The file name, quoted in errors.
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// [`merge_scoresheets`] for files as bytes: each is read as a workbook when it starts as one
/// (a zip's `PK\x03\x04`: .xlsx or .ods; the OLE signature: .xls) and as CSV text otherwise.
/// A workbook's rows are on its sheet `Scores`, with the CSV sheet's header row; an error names the
/// file, the sheet and the cell (`e1.xlsx:Scores!G7`) and quotes the value. Without the `xlsx`
/// feature a workbook is an input error saying so.
pub fn merge_scoresheet_files(doc: &Evaluation, files: &[ScoresheetFile]) -> Result<Evaluation> {
    let mut merge = Merge::new(doc);
    for file in files {
        if is_workbook(&file.bytes) {
            #[cfg(feature = "xlsx")]
            super::workbook::merge_workbook(&mut merge, &file.name, &file.bytes)?;
            #[cfg(not(feature = "xlsx"))]
            return Err(sheet_error(
                ErrorKind::InvalidValue,
                &file.name,
                &Place::Line { line: 1, column: "" },
                "is a workbook, and this build of engagekit reads CSV score sheets only (the `xlsx` feature)".into(),
            ));
        } else {
            let text = crate::json::text_from_bytes(&file.bytes).map_err(|_| {
                let start: String = String::from_utf8_lossy(&file.bytes[..file.bytes.len().min(8)])
                    .chars()
                    .map(|c| if c.is_control() || c == '\u{fffd}' { '.' } else { c })
                    .collect();
                sheet_error(
                    ErrorKind::InvalidValue,
                    &file.name,
                    &Place::Line { line: 1, column: "" },
                    format!("is neither a workbook (.xlsx, .ods, .xls) nor CSV text (it starts \"{start}\")"),
                )
            })?;
            merge_csv(&mut merge, &file.name, text)?;
        }
    }
    merge.finish()
}

/// A zip (`PK\x03\x04`: .xlsx, .ods) or an OLE compound file (.xls).
fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// The rows of one CSV sheet into `merge`.
fn merge_csv(merge: &mut Merge<'_>, name: &str, text: &str) -> Result<()> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let line_error = |line: u64, message: String| {
        sheet_error(
            ErrorKind::InvalidValue,
            name,
            &Place::Line { line, column: "" },
            message,
        )
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| line_error(1, format!("the header row cannot be read: {e}")))?
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
        return Err(sheet_error(
            ErrorKind::MissingField,
            name,
            &Place::Line {
                line: 1,
                column: "",
            },
            NEEDED_COLUMNS.into(),
        ));
    };
    let cr = column("rationale");
    let mut lines = Lines::new(text);
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = lines.at(e.position().map_or(0, |p| p.byte()));
            line_error(line, format!("malformed row: {e}"))
        })?;
        let line = lines.at(record.position().map_or(0, |p| p.byte()));
        let get = |i: usize, column: &'static str| Field {
            text: as_typed(record.get(i).unwrap_or("").trim()).to_string(),
            place: Place::Line { line, column },
        };
        merge.row(
            name,
            FilledRow {
                evaluator: get(ce, "evaluator"),
                bid: get(cb, "bid"),
                criterion: get(cc, "criterion"),
                score: get(cs, "score"),
                rationale: cr.map(|i| get(i, "rationale")),
            },
        )?;
    }
    Ok(())
}
