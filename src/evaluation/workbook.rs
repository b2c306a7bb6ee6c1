//! Score sheets as workbooks (the `xlsx` feature): written with rust_xlsxwriter, read back with
//! calamine (.xlsx, and .ods and .xls, which it reads as well). The rows are the CSV sheet's
//! ([`super::sheet`]) and are merged by the same rules ([`super::scoresheet::Merge`]).

use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, Workbook, XlsxError};

use super::scoresheet::{
    scale_words, sheet, Field, FilledRow, Merge, Place, HEADER, NEEDED_COLUMNS,
};
use super::Evaluation;
use crate::error::{Error, ErrorKind, Result};
use crate::workbook;

/// The worksheet's name, in the workbook written and the one read back.
pub(crate) const SHEET: &str = "Scores";

/// The score and rationale columns (0-based: G and H).
const SCORE: u16 = 6;
const RATIONALE: u16 = 7;

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
            .and_then(|v| v.set_input_message(workbook::within(&scale.join("\n"), 255)))
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
    let mut book = workbook::open(name, bytes)?;
    let sheet = book.find(SHEET).ok_or_else(|| book.missing(SHEET))?;
    let grid = book.grid(&sheet)?;
    let header: Vec<String> = (0..grid.width()).map(|c| grid.raw(0, c).text()).collect();
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
        return Err(grid.whole(
            ErrorKind::MissingField,
            format!("{NEEDED_COLUMNS}, in row 1"),
        ));
    };
    let cr = column("rationale");
    for row in 1..grid.height() {
        let field = |col: u32| -> Result<Field> {
            Ok(Field {
                text: grid.value(row, col)?.text(),
                place: Place::Cell {
                    sheet: sheet.clone(),
                    row,
                    col,
                },
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
