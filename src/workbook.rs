//! Workbooks read safely (the `xlsx` feature): the one place a file someone filled in Excel,
//! LibreOffice or Numbers is opened. calamine reads .xlsx, .ods and .xls; before it does, a file
//! too large for any sheet the toolkit gives out, or a zip that would unzip past a limit (a zip
//! bomb), is refused, and a sheet whose cells reach too far is refused before its rectangle is
//! built. What comes out is a [`Grid`] of plain values: formulas and merged cells are kept apart,
//! so that a reader refuses them where a value belongs, naming the cell.
//!
//! A leaf below the areas: the evaluation's score sheets and the set-up workbooks
//! ([`crate::sheets`]) read through it.

use std::io::{Cursor, Read};

use calamine::{Data, Range, Reader};

use crate::calendar::Date;
use crate::error::{column_letters, Error, ErrorKind, Location, Result};
use crate::lines::Lines;

/// A workbook larger than this is refused before it is opened (the toolkit's sheets are some
/// kilobytes; a score sheet of a large panel some hundreds).
pub(crate) const MAX_WORKBOOK_BYTES: usize = 16 << 20;
/// What a workbook's parts may hold once decompressed, all together: a zip bomb is refused.
const MAX_UNZIPPED_BYTES: u64 = 64 << 20;
/// How far a sheet's cells may reach: calamine gives a sheet as one rectangle from its first cell
/// to its last, so two cells far apart (A1 and XFD1048576) would need billions of cells.
pub(crate) const MAX_ROWS: u32 = 100_000;
pub(crate) const MAX_COLUMNS: u32 = 64;

/// One cell's value as the sheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date cell (its time of day, if any, dropped).
    Date(Date),
    /// A date an OpenDocument sheet gives as ISO text.
    DateText(String),
    /// An error value (`#DIV/0!`).
    Error(String),
}

impl Value {
    /// The value as text, as a CSV export of the sheet would hold it: a whole number without
    /// `.0`, a date as `YYYY-MM-DD`.
    pub(crate) fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) | Value::DateText(s) | Value::Error(s) => s.clone(),
            Value::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Value::Number(f) => f.to_string(),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Value::Date(date) => date.to_string(),
        }
    }

    /// Whether the cell holds nothing (or only spaces).
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A workbook opened, its size checked.
pub(crate) struct Book<'a> {
    file: String,
    bytes: &'a [u8],
    inner: calamine::Sheets<Cursor<&'a [u8]>>,
}

/// A sheet's cells, read: values, and where formulas and merged areas are.
pub(crate) struct Grid {
    /// The file's name, as errors give it.
    pub(crate) file: String,
    /// The sheet's name as the workbook spells it; empty for a CSV file.
    pub(crate) sheet: String,
    rows: Vec<Vec<Value>>,
    formulas: Vec<(u32, u32, String)>,
    /// Merged areas: first row, first column, last row, last column (0-based, inclusive).
    merged: Vec<(u32, u32, u32, u32)>,
    /// For a CSV file, each row's line in the text (a quoted field may span lines).
    lines: Vec<u64>,
}

/// Opens a workbook (.xlsx, .ods or .xls, told apart by content), refusing one too large, a zip
/// bomb, or a file that is no workbook (a renamed PDF, a truncated file).
pub(crate) fn open<'a>(file: &str, bytes: &'a [u8]) -> Result<Book<'a>> {
    let refuse = |message: String| whole_file(ErrorKind::InvalidValue, file, message);
    if bytes.len() > MAX_WORKBOOK_BYTES {
        return Err(refuse(format!(
            "the workbook is {} bytes, more than any sheet the toolkit reads ({MAX_WORKBOOK_BYTES} at most)",
            bytes.len()
        )));
    }
    if bytes.starts_with(b"PK") {
        check_unzipped_size(bytes).map_err(refuse)?;
    }
    let inner = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| refuse(format!("is not a workbook that can be read: {e}")))?;
    Ok(Book {
        file: file.to_string(),
        bytes,
        inner,
    })
}

/// Whether these bytes are a workbook (an .xlsx or .ods zip, or an .xls compound file) rather
/// than text: what a reader given either checks first.
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// An error about the file as a whole.
fn whole_file(kind: ErrorKind, file: &str, message: String) -> Error {
    Error::at(kind, Location::cell(file, "", None), message)
}

impl Book<'_> {
    /// The sheets' names, in order.
    pub(crate) fn sheet_names(&self) -> Vec<String> {
        self.inner.sheet_names()
    }

    /// The sheet called `wanted`: spelt exactly, or else ignoring case and surrounding spaces.
    pub(crate) fn find(&self, wanted: &str) -> Option<String> {
        let names = self.sheet_names();
        names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            })
            .cloned()
    }

    /// The error for a sheet that is not there, listing those that are.
    pub(crate) fn missing(&self, wanted: &str) -> Error {
        let has: Vec<String> = self
            .sheet_names()
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect();
        whole_file(
            ErrorKind::MissingField,
            &self.file,
            format!(
                "the workbook has no sheet \"{wanted}\" (it has {})",
                if has.is_empty() {
                    "none".to_string()
                } else {
                    has.join(", ")
                }
            ),
        )
    }

    /// The sheet `sheet` (a name [`Book::find`] gave) read into a [`Grid`].
    pub(crate) fn grid(&mut self, sheet: &str) -> Result<Grid> {
        let mut grid = Grid {
            file: self.file.clone(),
            sheet: sheet.to_string(),
            rows: Vec::new(),
            formulas: Vec::new(),
            merged: Vec::new(),
            lines: Vec::new(),
        };
        if let Some((row, col)) = self.far_cell(sheet) {
            return Err(grid.error(
                ErrorKind::InvalidValue,
                row,
                col,
                format!(
                    "a cell beyond any sheet the toolkit reads (row {MAX_ROWS} and column {} at most): refused",
                    column_letters(MAX_COLUMNS - 1)
                ),
            ));
        }
        let values = self.inner.worksheet_range(sheet).map_err(|e| {
            grid.whole(
                ErrorKind::InvalidValue,
                format!("the sheet cannot be read: {e}"),
            )
        })?;
        grid.rows = values_of(&values);
        // .xlsx and .ods keep formulas apart from values; .xls gives none (calamine reads its
        // values only).
        if let Ok(formulas) = self.inner.worksheet_formula(sheet) {
            let (r0, c0) = formulas.start().unwrap_or((0, 0));
            for (r, c, f) in formulas.used_cells() {
                if !f.is_empty() {
                    grid.formulas
                        .push((r0 + r as u32, c0 + c as u32, f.clone()));
                }
            }
        }
        grid.merged = self.merged(sheet);
        Ok(grid)
    }

    /// Merged areas of an .xlsx sheet (.ods and .xls: not read, and so not refused).
    fn merged(&self, sheet: &str) -> Vec<(u32, u32, u32, u32)> {
        let Ok(mut book) =
            calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(Cursor::new(self.bytes))
        else {
            return Vec::new();
        };
        match book.worksheet_merge_cells(sheet) {
            Some(Ok(areas)) => areas
                .iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// In an .xlsx, the first cell (value or formula) of `sheet` beyond [`MAX_ROWS`] or
    /// [`MAX_COLUMNS`], read cell by cell without building the rectangle. (.ods and .xls: not
    /// checked.)
    fn far_cell(&self, sheet: &str) -> Option<(u32, u32)> {
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(Cursor::new(self.bytes)).ok()?;
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
}

/// A calamine range as rows of [`Value`]s from A1 (calamine's range starts at its first used
/// cell).
fn values_of(range: &Range<Data>) -> Vec<Vec<Value>> {
    let Some((r0, c0)) = range.start() else {
        return Vec::new();
    };
    let (r1, c1) = range.end().unwrap_or((r0, c0));
    (0..=r1)
        .map(|r| {
            (0..=c1)
                .map(|c| match range.get_value((r, c)) {
                    None | Some(Data::Empty) => Value::Empty,
                    Some(Data::String(s)) => Value::Text(s.clone()),
                    Some(Data::DateTimeIso(s) | Data::DurationIso(s)) => Value::DateText(s.clone()),
                    Some(Data::Int(i)) => Value::Number(*i as f64),
                    Some(Data::Float(f)) => Value::Number(*f),
                    Some(Data::Bool(b)) => Value::Bool(*b),
                    Some(Data::DateTime(d)) => {
                        date_of(d).map_or(Value::Number(d.as_f64()), Value::Date)
                    }
                    Some(Data::Error(e)) => Value::Error(e.to_string()),
                })
                .collect()
        })
        .collect()
}

/// The day of a date cell, in the workbook's date system (1900 or 1904; calamine counts Excel's
/// 29 February 1900 that never was); none for a duration or a day outside the calendar.
fn date_of(cell: &calamine::ExcelDateTime) -> Option<Date> {
    use chrono::Datelike;
    if !cell.is_datetime() {
        return None;
    }
    let day = cell.as_datetime()?.date();
    Date::from_ymd(day.year(), day.month(), day.day())
}

impl Grid {
    /// Rows of values as a sheet of `file` holds them once read: what a workbook about to be
    /// written will read back as (no formulas, no merged cells).
    pub(crate) fn from_rows(file: &str, sheet: &str, rows: Vec<Vec<Value>>) -> Grid {
        Grid {
            file: file.to_string(),
            sheet: sheet.to_string(),
            rows,
            formulas: Vec::new(),
            merged: Vec::new(),
            lines: Vec::new(),
        }
    }

    /// A CSV file's rows as a grid: every value text, no formulas, no merged cells. Errors name
    /// the line and the column's header word (`plan.csv:4:start`).
    pub(crate) fn from_csv(file: &str, text: &str) -> Result<Grid> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        let mut rows_lines = Vec::new();
        let mut lines = Lines::new(text);
        for record in reader.records() {
            let record = record.map_err(|e| {
                Error::sheet(
                    ErrorKind::CannotRead,
                    file,
                    lines.at(e.position().map_or(0, |p| p.byte())),
                    "",
                    format!("the CSV file cannot be read: {e}"),
                )
            })?;
            let line = lines.at(record.position().map_or(0, |p| p.byte()));
            rows_lines.push(line);
            if rows.len() >= MAX_ROWS as usize || record.len() > MAX_COLUMNS as usize {
                return Err(Error::sheet(
                    ErrorKind::InvalidValue,
                    file,
                    line,
                    "",
                    format!(
                        "more rows or columns than any sheet the toolkit reads ({MAX_ROWS} rows and {MAX_COLUMNS} columns at most)"
                    ),
                ));
            }
            rows.push(
                record
                    .iter()
                    .map(|s| {
                        if s.is_empty() {
                            Value::Empty
                        } else {
                            Value::Text(s.to_string())
                        }
                    })
                    .collect(),
            );
        }
        Ok(Grid {
            file: file.to_string(),
            sheet: String::new(),
            rows,
            formulas: Vec::new(),
            merged: Vec::new(),
            lines: rows_lines,
        })
    }

    /// How many rows the sheet has (its last used row, from 1).
    pub(crate) fn height(&self) -> u32 {
        u32::try_from(self.rows.len()).unwrap_or(u32::MAX)
    }

    /// How many columns its widest row has.
    pub(crate) fn width(&self) -> u32 {
        let widest = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        u32::try_from(widest).unwrap_or(u32::MAX)
    }

    /// The value at (row, col), 0-based, whatever it is: for headers and blank checks.
    pub(crate) fn raw(&self, row: u32, col: u32) -> &Value {
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&Value::Empty)
    }

    /// The value at (row, col) where a value belongs: a formula, a cell inside a merged area, or
    /// an error value (`#N/A`) is an error naming the cell.
    pub(crate) fn value(&self, row: u32, col: u32) -> Result<&Value> {
        if let Some((_, _, formula)) = self
            .formulas
            .iter()
            .find(|(r, c, _)| (*r, *c) == (row, col))
        {
            return Err(self.error(
                ErrorKind::InvalidValue,
                row,
                col,
                format!("a formula \"={formula}\" where a value belongs: type the value itself"),
            ));
        }
        if let Some(&(r0, c0, r1, c1)) = self
            .merged
            .iter()
            .find(|(r0, c0, r1, c1)| (*r0..=*r1).contains(&row) && (*c0..=*c1).contains(&col))
        {
            return Err(self.error(
                ErrorKind::InvalidValue,
                row,
                col,
                format!(
                    "the cell is part of the merged cells {}{}:{}{}: unmerge them and give each cell its own value",
                    column_letters(c0),
                    r0 + 1,
                    column_letters(c1),
                    r1 + 1
                ),
            ));
        }
        match self.raw(row, col) {
            Value::Error(e) => Err(self.error(
                ErrorKind::InvalidValue,
                row,
                col,
                format!("the cell holds the error \"{e}\" where a value belongs"),
            )),
            value => Ok(value),
        }
    }

    /// Where (row, col) is, 0-based: `Settings!B4` in a workbook, line and header word in a CSV
    /// file.
    pub(crate) fn location(&self, row: u32, col: u32) -> Location {
        if self.sheet.is_empty() {
            Location::Sheet {
                file: self.file.clone(),
                row: self
                    .lines
                    .get(row as usize)
                    .copied()
                    .unwrap_or(u64::from(row) + 1),
                column: self.raw(0, col).text().trim().to_string(),
            }
        } else {
            Location::cell(&self.file, &self.sheet, Some((row, col)))
        }
    }

    /// An error about the cell at (row, col).
    pub(crate) fn error(&self, kind: ErrorKind, row: u32, col: u32, message: String) -> Error {
        Error::at(kind, self.location(row, col), message)
    }

    /// An error about the sheet as a whole.
    pub(crate) fn whole(&self, kind: ErrorKind, message: String) -> Error {
        if self.sheet.is_empty() {
            Error::at(
                kind,
                Location::Sheet {
                    file: self.file.clone(),
                    row: 1,
                    column: String::new(),
                },
                message,
            )
        } else {
            Error::at(kind, Location::cell(&self.file, &self.sheet, None), message)
        }
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

/// At most `limit` characters (Excel's limits on a data validation's title and message), cut with an ellipsis.
pub(crate) fn within(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(limit - 1).collect();
    cut.push('…');
    cut
}
