//! Score sheets as workbooks (the `xlsx` feature): written with rust_xlsxwriter, read back with
//! calamine (.xlsx, and .ods and .xls, which it reads as well). The rows are the CSV sheet's
//! ([`super::sheet`]) and are merged by the same rules ([`super::scoresheet::Merge`]).

use std::io::{Cursor, Read};

use calamine::{Data, Range, Reader};
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, Workbook, XlsxError};

use super::scoresheet::{
    scale_words, sheet, sheet_error, Field, FilledRow, Merge, Place, HEADER, NEEDED_COLUMNS,
};
use super::Evaluation;
use crate::error::{Error, ErrorKind, Result};

/// The worksheet's name, in the workbook written and the one read back.
pub(crate) const SHEET: &str = "Scores";

/// The score and rationale columns (0-based: G and H).
const SCORE: u16 = 6;
const RATIONALE: u16 = 7;

/// A workbook larger than this is refused before it is opened (a score sheet is some kilobytes).
const MAX_WORKBOOK_BYTES: usize = 16 << 20;
/// What a workbook's parts may hold once decompressed, all together: a zip bomb is refused.
const MAX_UNZIPPED_BYTES: u64 = 64 << 20;

/// The score sheet of one evaluator as an Excel workbook (.xlsx): one worksheet `Scores` with the
/// CSV sheet's header row (frozen) and rows ([`super::sheet`]). The score column accepts a whole
/// number from 0 to the scale's maximum (data validation, its input message listing the
/// descriptors); the sheet is protected (no password) with only the score and rationale cells
/// unlocked; rationales wrap. Every text cell is a string cell, never a formula, whatever it holds.
pub fn scoresheet_xlsx(doc: &Evaluation, evaluator: &str) -> Result<Vec<u8>> {
    let sheet = sheet(doc, evaluator)?;
    let scale = scale_words(doc);
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name(SHEET).map_err(writer_error)?;
    let bold = Format::new().set_bold();
    let unlocked = Format::new().set_unlocked();
    let wrapped = Format::new().set_unlocked().set_text_wrap();
    let wrap_locked = Format::new().set_text_wrap();
    for (col, word) in (0u16..).zip(HEADER) {
        ws.write_string_with_format(0, col, word, &bold)
            .map_err(writer_error)?;
    }
    let scale_text = scale.join("\n");
    for (row, r) in (1u32..).zip(&sheet.rows) {
        let texts = [
            &sheet.evaluator,
            &r.bid,
            &r.bidder,
            &r.criterion,
            &r.criterion_title,
        ];
        for (col, text) in (0u16..).zip(texts) {
            ws.write_string(row, col, text.as_str())
                .map_err(writer_error)?;
        }
        ws.write_string_with_format(row, 5, scale_text.as_str(), &wrap_locked)
            .map_err(writer_error)?;
        match r.score {
            Some(s) => ws.write_number_with_format(row, SCORE, f64::from(s), &unlocked),
            None => ws.write_blank(row, SCORE, &unlocked),
        }
        .map_err(writer_error)?;
        match &r.rationale {
            Some(text) => ws.write_string_with_format(row, RATIONALE, text.as_str(), &wrapped),
            None => ws.write_blank(row, RATIONALE, &wrapped),
        }
        .map_err(writer_error)?;
    }
    let last = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
    if last > 0 {
        let max = i32::try_from(doc.scale.max).unwrap_or(i32::MAX);
        let validation = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(0, max))
            .set_input_title(format!("Score 0 to {max}"))
            .and_then(|v| v.set_input_message(within(&scale.join("\n"), 255)))
            .and_then(|v| v.set_error_title("Not a score"))
            .and_then(|v| v.set_error_message(format!("A whole number from 0 to {max}.")))
            .map_err(writer_error)?;
        ws.add_data_validation(1, SCORE, last, SCORE, &validation)
            .map_err(writer_error)?;
    }
    for (col, width) in [
        (0, 10.0),
        (1, 6.0),
        (2, 24.0),
        (3, 9.0),
        (4, 30.0),
        (5, 16.0),
        (6, 7.0),
        (7, 60.0),
    ] {
        ws.set_column_width(col, width).map_err(writer_error)?;
    }
    ws.set_freeze_panes(1, 0).map_err(writer_error)?;
    ws.protect();
    workbook.save_to_buffer().map_err(writer_error)
}

/// At most `limit` characters (Excel's limit on an input message), cut with an ellipsis.
fn within(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(limit - 1).collect();
    cut.push('…');
    cut
}

/// What rust_xlsxwriter refuses (a rationale longer than Excel's 32,767 characters) is an input error.
fn writer_error(e: XlsxError) -> Error {
    Error::new(
        ErrorKind::InvalidValue,
        "",
        format!("the workbook cannot be written: {e}"),
    )
}

/// The rows of one workbook's sheet `Scores` into `merge`.
pub(crate) fn merge_workbook(merge: &mut Merge<'_>, name: &str, bytes: &[u8]) -> Result<()> {
    let whole = Place::Sheet(String::new());
    let refuse = |message: String| sheet_error(ErrorKind::InvalidValue, name, &whole, message);
    if bytes.len() > MAX_WORKBOOK_BYTES {
        return Err(refuse(format!(
            "the workbook is {} bytes, more than any score sheet ({MAX_WORKBOOK_BYTES} at most)",
            bytes.len()
        )));
    }
    if bytes.starts_with(b"PK") {
        check_unzipped_size(bytes).map_err(refuse)?;
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| refuse(format!("is not a workbook that can be read: {e}")))?;
    let names = workbook.sheet_names();
    let Some(sheet) = names
        .iter()
        .find(|n| n.as_str() == SHEET)
        .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(SHEET)))
        .cloned()
    else {
        let has: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        return Err(sheet_error(
            ErrorKind::MissingField,
            name,
            &whole,
            format!(
                "the workbook has no sheet \"{SHEET}\" (it has {})",
                if has.is_empty() {
                    "none".to_string()
                } else {
                    has.join(", ")
                }
            ),
        ));
    };
    let on_sheet = Place::Sheet(sheet.clone());
    if let Some((row, col)) = far_cell(bytes, &sheet) {
        return Err(sheet_error(
            ErrorKind::InvalidValue,
            name,
            &Place::Cell { sheet, row, col },
            format!(
                "a cell beyond any score sheet's (row {MAX_ROWS} and column {} at most): refused",
                MAX_COLUMNS
            ),
        ));
    }
    let values = workbook.worksheet_range(&sheet).map_err(|e| {
        sheet_error(
            ErrorKind::InvalidValue,
            name,
            &on_sheet,
            format!("the sheet cannot be read: {e}"),
        )
    })?;
    // .xlsx and .ods keep formulas apart from values; .xls gives none (calamine reads its values).
    let formulas = workbook.worksheet_formula(&sheet).unwrap_or_default();
    let header: Vec<String> = (0..values.end().map_or(0, |(_, c)| c + 1))
        .map(|c| cell_text(&values, 0, c))
        .collect();
    let column = |word: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(word))
            .and_then(|c| u32::try_from(c).ok())
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
            &on_sheet,
            format!("{NEEDED_COLUMNS}, in row 1"),
        ));
    };
    let cr = column("rationale");
    let last_row = values.end().map_or(0, |(r, _)| r);
    for row in 1..=last_row {
        let field = |col: u32| -> Result<Field> {
            let place = Place::Cell {
                sheet: sheet.clone(),
                row,
                col,
            };
            if let Some(formula) = formulas.get_value((row, col)).filter(|f| !f.is_empty()) {
                return Err(sheet_error(
                    ErrorKind::InvalidValue,
                    name,
                    &place,
                    format!(
                        "a formula \"={formula}\" where a value belongs: type the value itself"
                    ),
                ));
            }
            Ok(Field {
                text: cell_text(&values, row, col),
                place,
            })
        };
        let filled = FilledRow {
            evaluator: field(ce)?,
            bid: field(cb)?,
            criterion: field(cc)?,
            score: field(cs)?,
            rationale: cr.map(field).transpose()?,
        };
        let blank = [
            &filled.evaluator,
            &filled.bid,
            &filled.criterion,
            &filled.score,
        ]
        .iter()
        .all(|f| f.text.trim().is_empty())
            && filled
                .rationale
                .as_ref()
                .is_none_or(|f| f.text.trim().is_empty());
        if !blank {
            merge.row(name, filled)?;
        }
    }
    Ok(())
}

/// How far a score sheet's cells may reach: calamine gives a sheet as one rectangle from its first
/// cell to its last, so two cells far apart (A1 and XFD1048576) would need billions of cells.
const MAX_ROWS: u32 = 100_000;
const MAX_COLUMNS: u32 = 64;

/// In an .xlsx, the first cell (value or formula) of `sheet` beyond [`MAX_ROWS`] or
/// [`MAX_COLUMNS`], read cell by cell without building the rectangle. (.ods and .xls: not checked.)
fn far_cell(bytes: &[u8], sheet: &str) -> Option<(u32, u32)> {
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).ok()?;
    let beyond = |(r, c): (u32, u32)| r >= MAX_ROWS || c >= MAX_COLUMNS;
    let mut cells = book.worksheet_cells_reader(sheet).ok()?;
    while let Ok(Some(cell)) = cells.next_cell() {
        if beyond(cell.get_position()) {
            return Some(cell.get_position());
        }
    }
    drop(cells);
    let mut cells = book.worksheet_cells_reader(sheet).ok()?;
    while let Ok(Some(cell)) = cells.next_formula() {
        if beyond(cell.get_position()) {
            return Some(cell.get_position());
        }
    }
    None
}

/// A cell's value as text, as the CSV sheet would hold it: a whole number without `.0`.
fn cell_text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s)) => s.clone(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Float(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Bool(b)) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Some(Data::DateTime(d)) => d.as_f64().to_string(),
        Some(Data::Error(e)) => e.to_string(),
    }
}

/// Every part of the zip decompressed, counting, never past [`MAX_UNZIPPED_BYTES`] in all: what
/// its directory declares is not trusted. A truncated or corrupt zip is refused here too.
fn check_unzipped_size(bytes: &[u8]) -> std::result::Result<(), String> {
    let not_zip = |e: zip::result::ZipError| format!("is not a workbook that can be read: {e}");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_zip)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let part = archive.by_index(i).map_err(not_zip)?;
        let left = MAX_UNZIPPED_BYTES - total;
        let read = std::io::copy(&mut part.take(left + 1), &mut std::io::sink())
            .map_err(|e| format!("is not a workbook that can be read: {e}"))?;
        total += read;
        if total > MAX_UNZIPPED_BYTES {
            return Err(format!(
                "the workbook unzips to more than {MAX_UNZIPPED_BYTES} bytes: refused (a zip bomb?)"
            ));
        }
    }
    Ok(())
}
