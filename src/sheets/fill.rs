//! A document as its filled set-up workbook ([`workbook_of`]): each setting's and each table
//! row's cell written from the document by the same layout the import reads, and read back by
//! the import's own reader before a byte is written, so that what the workbook cannot carry is
//! an error naming the field, never lost on the way.

use serde_json::Value as Json;

use super::{read_grids, write_workbook, writer_error, Column, Kind, Layout, Template, SETTINGS};
use crate::calendar::Date;
use crate::document::Document;
use crate::error::{Error, ErrorKind, Result};
use crate::evaluation::Evaluation;
use crate::monitoring::Monitoring;
use crate::timeline::Timeline;
use crate::workbook::{self, Grid, Value, MAX_ROWS, MAX_WORKBOOK_BYTES};

/// The values a workbook holds beyond its template's words: none for the blank template.
#[derive(Default)]
pub(super) struct Cells {
    /// The `Settings` sheet's value column, a value per setting of the layout.
    pub(super) settings: Vec<Value>,
    /// Each table's rows, a value per column.
    pub(super) tables: Vec<Vec<Vec<Value>>>,
}

/// The most characters a cell holds (Excel's limit; rust_xlsxwriter refuses more).
const MAX_CELL_CHARS: usize = 32_767;

/// A document (`engagekit/evaluation@1`, `timeline@1` or `monitoring@1`, as `which` says) as its
/// filled set-up workbook (.xlsx): the blank template's sheets, headers, drop-downs and input
/// messages, with the settings in the `Settings` sheet's value column and a row per item of each
/// table. A date is a date cell, yes/no `yes` or `no`, a list its items separated by `; `, a
/// choice the words its drop-down offers (`young person`). Importing the workbook gives the
/// document back ([`super::import_evaluation`], [`super::import_timeline`],
/// [`super::import_monitoring`]), surrounding spaces of a text aside (the import trims them).
///
/// The document is read and checked as every document is first. What the workbook does not
/// carry:
/// - evaluation: `charter` (the import's `charter` argument, `--charter`, gives it back);
///   `payments` are the `currency` setting and the `Payment rates` sheet, `sessions` the
///   `Sessions` sheet with their attendance in the `Attendance` sheet (a row per member per
///   session, naming the session by its id);
/// - monitoring: `charter` and `period` (the import's arguments give them back); `minimumCount`,
///   `previous` and a result's `suppressed` have no column: an error naming them;
/// - timeline: an activity's `responses` have no column: an error naming
///   `activities[i].responses`.
///
/// Nor can a value the import would read otherwise be written: an empty text or list (a blank
/// cell reads as none), a list item holding `;`, an empty `rules.holidayPeriods` (an empty sheet
/// gives the default periods), more rows than a sheet the import reads. Each is an
/// `invalid-value` error at the field's path quoting its value.
pub fn workbook_of(which: Template, doc: &Json) -> Result<Vec<u8>> {
    workbook_of_text(which, &doc.to_string()).map_err(Error::without_position)
}

/// [`workbook_of`] from the document's JSON text (a file, what a page was given): an error in
/// the text names its line and column too.
pub fn workbook_of_text(which: Template, text: &str) -> Result<Vec<u8>> {
    match which {
        Template::Evaluation => filled::<Evaluation>(which, text, &["charter"]),
        Template::Timeline => filled::<Timeline>(which, text, &[]),
        Template::Monitoring => filled::<Monitoring>(which, text, &["charter", "period"]),
    }
}

/// The workbook of a document of type `T`; `given` are the fields the import takes as arguments.
fn filled<T: Document>(which: Template, text: &str, given: &[&str]) -> Result<Vec<u8>> {
    let layout = which.layout();
    let doc: T = crate::json::from_json(text)?;
    let doc = as_json(&doc)?;
    let cells = cells_of(layout, &doc)?;
    let extra = given
        .iter()
        .filter_map(|key| Some((*key, doc.get(*key)?.clone())))
        .collect();
    let back = read_grids(layout, "", &grids(layout, &cells), extra)?;
    let back: T = crate::json::from_json(&Json::Object(back.doc).to_string()).map_err(|e| {
        Error::new(
            e.kind(),
            e.path(),
            format!("{} (as the workbook would be read back)", e.message()),
        )
    })?;
    if let Some((path, was, now)) = difference(&doc, &as_json(&back)?, String::new()) {
        return Err(lost(layout, &path, was, now));
    }
    let bytes = write_workbook(layout, &cells).map_err(writer_error)?;
    if bytes.len() > MAX_WORKBOOK_BYTES {
        return Err(Error::new(
            ErrorKind::InvalidValue,
            "",
            format!(
                "the workbook would be {} bytes, more than the toolkit reads back ({MAX_WORKBOOK_BYTES})",
                bytes.len()
            ),
        ));
    }
    Ok(bytes)
}

/// The document as JSON, as the toolkit writes it (its numbers as it keeps them, its defaults).
fn as_json<T: serde::Serialize>(doc: &T) -> Result<Json> {
    // Through the text, not `to_value`: the WebAssembly module writes every document as text
    // already, and one more way per document type would cost some kilobytes.
    let text = serde_json::to_string(doc);
    text.and_then(|text| serde_json::from_str(&text))
        .map_err(|e| {
            Error::new(
                ErrorKind::InvalidValue,
                "",
                format!("the document cannot be written: {e}"),
            )
        })
}

/// The layout's cells, from the document.
fn cells_of<'a>(layout: &Layout, doc: &'a Json) -> Result<Cells> {
    let settings = layout
        .settings
        .iter()
        .map(|s| cell(s, field(doc, s.key), s.key))
        .collect::<Result<_>>()?;
    let mut tables = Vec::new();
    for table in layout.tables {
        // Each item with its path, and for a table within another's items, the id of the item
        // it belongs to (an attendance's session).
        let mut items: Vec<(String, &Json, Option<&Json>)> = Vec::new();
        let list = |key: &str, value: Option<&'a Json>| -> Result<&'a [Json]> {
            match value {
                None | Some(Json::Null) => Ok(&[][..]),
                Some(Json::Array(items)) => Ok(items.as_slice()),
                Some(other) => Err(wrong(key, other, table.sheet)),
            }
        };
        match &table.within {
            None => {
                for (i, item) in list(table.key, field(doc, table.key))?.iter().enumerate() {
                    items.push((format!("{}[{i}]", table.key), item, None));
                }
            }
            Some(within) => {
                for (i, parent) in list(within.parent, field(doc, within.parent))?
                    .iter()
                    .enumerate()
                {
                    let at = format!("{}[{i}].{}", within.parent, table.key);
                    for (j, item) in list(&at, field(parent, table.key))?.iter().enumerate() {
                        items.push((format!("{at}[{j}]"), item, field(parent, within.id)));
                    }
                }
            }
        }
        if items.len() >= MAX_ROWS as usize {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                table.path(),
                format!(
                    "{} items: more rows than a sheet the toolkit reads ({} at most)",
                    items.len(),
                    MAX_ROWS - 1
                ),
            ));
        }
        let mut rows = Vec::new();
        let by = table.within.as_ref().map(|w| w.by);
        for (at, item, id) in items {
            let row = table.columns.iter().map(|c| {
                if Some(c.key) == by {
                    return cell(c, id, &at);
                }
                let path = format!("{at}.{}", c.key);
                cell(c, field(item, c.key), &path)
            });
            rows.push(row.collect::<Result<_>>()?);
        }
        tables.push(rows);
    }
    Ok(Cells { settings, tables })
}

/// The sheets as the import would read them from the cells: `Settings` last, as it reads them.
fn grids(layout: &Layout, cells: &Cells) -> Vec<Option<Grid>> {
    let header = |words: &mut dyn Iterator<Item = &str>| -> Vec<Value> {
        words.map(|w| Value::Text(w.to_string())).collect()
    };
    let mut out: Vec<Option<Grid>> = layout
        .tables
        .iter()
        .zip(&cells.tables)
        .map(|(table, rows)| {
            let mut all = vec![header(&mut table.columns.iter().map(|c| c.header))];
            all.extend(rows.iter().cloned());
            Some(Grid::from_rows("", table.sheet, all))
        })
        .collect();
    let mut settings = vec![header(&mut ["setting", "value"].into_iter())];
    for (setting, value) in layout.settings.iter().zip(&cells.settings) {
        settings.push(vec![Value::Text(setting.header.to_string()), value.clone()]);
    }
    out.push(Some(Grid::from_rows("", SETTINGS, settings)));
    out
}

/// The value at `key` (`weight`, `conflictManaged.date`, `counts[2]`) under `value`.
fn field<'a>(value: &'a Json, key: &str) -> Option<&'a Json> {
    key.split('.')
        .try_fold(value, |value, part| match part.split_once('[') {
            Some((name, index)) => value
                .get(name)?
                .get(index.trim_end_matches(']').parse::<usize>().ok()?),
            None => value.get(part),
        })
}

/// A field's value as its column's cell holds it.
fn cell(column: &Column, value: Option<&Json>, path: &str) -> Result<Value> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(Value::Empty);
    };
    let bad = || wrong(path, value, column.header);
    let text = |text: String| {
        if text.chars().count() > MAX_CELL_CHARS {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                path,
                format!(
                    "{} is {} characters, more than a cell holds ({MAX_CELL_CHARS})",
                    quoted(value),
                    text.chars().count()
                ),
            ));
        }
        Ok(Value::Text(text))
    };
    let strings = || -> Result<Vec<&str>> {
        let items = value.as_array().ok_or_else(bad)?;
        items.iter().map(|i| i.as_str().ok_or_else(bad)).collect()
    };
    let word = |options: super::Options, id: &str| {
        options()
            .into_iter()
            .find(|(name, _)| *name == id)
            .map(|(_, words)| words)
            .ok_or_else(bad)
    };
    match column.kind {
        Kind::Ignored => Ok(Value::Empty),
        Kind::Text => text(value.as_str().ok_or_else(bad)?.to_string()),
        Kind::Number | Kind::Percent | Kind::Whole => {
            Ok(Value::Number(value.as_f64().ok_or_else(bad)?))
        }
        Kind::Date => {
            let iso = value.as_str().ok_or_else(bad)?;
            let date = Date::parse(iso).map_err(|_| bad())?;
            // A day Excel does not number is written as the text the import also reads.
            Ok(match excel_day(date) {
                Some(_) => Value::Date(date),
                None => Value::Text(iso.to_string()),
            })
        }
        Kind::YesNo => text(
            if value.as_bool().ok_or_else(bad)? {
                "yes"
            } else {
                "no"
            }
            .into(),
        ),
        Kind::Texts => text(strings()?.join("; ")),
        Kind::Choice(_, options) => text(word(options, value.as_str().ok_or_else(bad)?)?.into()),
        Kind::Choices(_, options) => {
            let words: Result<Vec<&str>> =
                strings()?.into_iter().map(|id| word(options, id)).collect();
            text(words?.join("; "))
        }
    }
}

/// A day as Excel numbers it (1 January 1900 is 1), for a day from 1901 to 9999: before March
/// 1900 Excel counts a 29 February 1900 that never was.
pub(super) fn excel_day(date: Date) -> Option<f64> {
    if !(1901..=9999).contains(&date.year()) {
        return None;
    }
    Some(date.days_since(Date::from_ymd(1899, 12, 30)?) as f64)
}

fn wrong(path: &str, value: &Json, column: &str) -> Error {
    Error::new(
        ErrorKind::WrongType,
        path,
        format!("{} is not what \"{column}\" holds", quoted(value)),
    )
}

/// A value as the error quotes it (shortened).
fn quoted(value: &Json) -> String {
    workbook::within(&value.to_string(), 80)
}

/// The first place, in the document's order, where `back` is not `doc` (a text's surrounding
/// spaces aside): its path, the document's value and the value read back (none: absent).
fn difference<'a>(
    doc: &'a Json,
    back: &'a Json,
    path: String,
) -> Option<(String, &'a Json, Option<&'a Json>)> {
    let at = |key: &str| crate::error::join_path(&path, key);
    match (doc, back) {
        (Json::Object(doc), Json::Object(back)) => {
            for (key, value) in doc {
                match back.get(key) {
                    None => return Some((at(key), value, None)),
                    Some(b) => {
                        if let Some(found) = difference(value, b, at(key)) {
                            return Some(found);
                        }
                    }
                }
            }
            let added = back.iter().find(|(key, _)| !doc.contains_key(*key));
            added.map(|(key, value)| (at(key), &Json::Null, Some(value)))
        }
        (Json::Array(d), Json::Array(b)) if d.len() == b.len() => d
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (d, b))| difference(d, b, format!("{path}[{i}]"))),
        (Json::String(d), Json::String(b)) if d.trim() == b.trim() => None,
        _ if doc == back => None,
        _ => Some((path, doc, Some(back))),
    }
}

/// The error for a field the workbook would not give back: one it has no column for, or one its
/// cells would read otherwise.
fn lost(layout: &Layout, path: &str, was: &Json, now: Option<&Json>) -> Error {
    let mut path = path.to_string();
    let mut was = was;
    // An object read back as nothing is named by its first field (`rules.holidayPeriods`).
    while let (Some((key, value)), None) = (was.as_object().and_then(|o| o.iter().next()), now) {
        if !has_column(layout, &path) {
            break;
        }
        path = crate::error::join_path(&path, key);
        was = value;
    }
    let path = path.as_str();
    let message = if has_column(layout, path) {
        let now = now.map_or(
            "nothing (a blank cell, or an empty sheet, gives none)".into(),
            quoted,
        );
        format!(
            "{} would be read back from the workbook as {now}",
            quoted(was)
        )
    } else {
        format!(
            "the set-up workbook has no place for this field ({}): take it out of the document to download the workbook, or keep the document as JSON",
            quoted(was)
        )
    };
    Error::new(ErrorKind::InvalidValue, path, message)
}

/// Whether the layout has a column (or a setting, or a sheet) for the field at `path`, or for a
/// field within it.
fn has_column(layout: &Layout, path: &str) -> bool {
    // `criteria[2].scoredBy[0]` is the column `criteria.scoredBy`; `results[0].counts[1]` the
    // columns `results.counts`.
    let plain = |path: &str| {
        let mut out = String::new();
        let mut skipping = false;
        for c in path.chars() {
            match c {
                '[' => skipping = true,
                ']' => skipping = false,
                _ if !skipping => out.push(c),
                _ => {}
            }
        }
        out
    };
    let wanted = plain(path);
    let columns =
        layout
            .settings
            .iter()
            .map(|s| plain(s.key))
            .chain(layout.tables.iter().flat_map(|t| {
                let key = t.path();
                let columns: Vec<String> = t
                    .columns
                    .iter()
                    .map(|c| plain(&format!("{key}.{}", c.key)))
                    .collect();
                std::iter::once(key).chain(columns)
            }));
    columns
        .into_iter()
        .any(|c| c == wanted || c.starts_with(&format!("{wanted}.")))
}
