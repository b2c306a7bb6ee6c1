//! Set-up workbooks (the `xlsx` feature): a blank workbook to fill in Excel for each document a
//! person sets up ([`template`]), and a filled one read back into the document
//! ([`import_evaluation`], [`import_timeline`], [`import_monitoring`]), so
//! that a panel chair, a communications officer or a provider never writes JSON.
//!
//! Each document's workbook is declared once, as a layout: its `Settings` rows and its
//! tables, each column with its header words, the document field it fills and what it holds. The
//! template is written from the layout and the import reads by it, so the two cannot disagree.
//! Reading builds the document's JSON and reads that as every document is read
//! ([`crate::json::from_json`]): the rules are the area's own, and an error the area finds in
//! `criteria[2].weight` is given at the cell it came from (`Criteria!C4`).
//!
//! Above the areas (it knows their documents); nothing in the core imports it.

mod evaluation;
mod fill;
mod monitoring;
mod timeline;

use std::collections::{BTreeMap, HashMap};

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, Formula, Workbook, Worksheet, XlsxError,
};
use serde_json::{Map, Value as Json};

use crate::calendar::Date;
use crate::error::{column_letters, Error, ErrorKind, Location, Result};
use crate::workbook::{self, Grid, Value};
use fill::Cells;

pub use evaluation::import_evaluation;
pub use fill::{workbook_of, workbook_of_text};
pub use monitoring::import_monitoring;
pub use timeline::import_timeline;

/// Whether these bytes are a workbook (.xlsx, .ods or .xls) rather than text (JSON or CSV).
pub fn is_workbook(bytes: &[u8]) -> bool {
    workbook::is_workbook(bytes)
}

/// The documents a set-up workbook exists for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// An evaluation panel: settings, criteria, bids, panel, and optionally scores and consensus.
    Evaluation,
    /// A consultation plan: settings, activities, pre-election and holiday periods.
    Timeline,
    /// A provider's return for one period: results against the charter's measures.
    Monitoring,
}

impl Template {
    /// Every template.
    pub const ALL: [Template; 3] = [
        Template::Evaluation,
        Template::Timeline,
        Template::Monitoring,
    ];

    /// `evaluation`, `timeline` or `monitoring`: the word the CLI takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Evaluation => "evaluation",
            Template::Timeline => "timeline",
            Template::Monitoring => "monitoring",
        }
    }

    fn layout(self) -> &'static Layout {
        match self {
            Template::Evaluation => &evaluation::LAYOUT,
            Template::Timeline => &timeline::LAYOUT,
            Template::Monitoring => &monitoring::LAYOUT,
        }
    }
}

/// A list of choices: each as the document names it and as a person reads it.
type Options = fn() -> Vec<(&'static str, &'static str)>;

/// What a column (or a setting) holds.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// Text, as typed (a number typed in it is its digits: an id `1` is "1").
    Text,
    /// A number.
    Number,
    /// A share in per cent (a weight): a number, or text such as `20%`. Excel keeps a cell typed
    /// `20%` as 0.2 and no reader can see its format, so the area's own import checks fractions
    /// that would make its total whole (see `sheets::evaluation`).
    Percent,
    /// A whole number, 0 or more.
    Whole,
    /// A date: a date cell, or text `YYYY-MM-DD` or `DD/MM/YYYY`.
    Date,
    /// `yes`, `no`, `true` or `false` (or a TRUE/FALSE cell).
    YesNo,
    /// Texts separated by `;`.
    Texts,
    /// One of the options, by its name or its words (case and spaces aside).
    Choice(&'static str, Options),
    /// Options separated by `;`.
    Choices(&'static str, Options),
    /// Read for a person, not for the document (a score sheet's `bidder` and `scale`).
    Ignored,
}

/// A column of a table, or a row of the `Settings` sheet.
pub(crate) struct Column {
    /// Its header words (a setting's name).
    pub(crate) header: &'static str,
    /// The document field it fills: a key in the table's rows (`conflictManaged.date`, a field
    /// of a field), or a dotted path from the document's top for a setting (`scale.max`);
    /// `counts[0]` fills an array's place.
    pub(crate) key: &'static str,
    pub(crate) kind: Kind,
    /// What to type, for the template's input message and its `About` sheet.
    pub(crate) help: &'static str,
}

/// A sheet of rows, one per item of the document's list `key`.
pub(crate) struct Table {
    pub(crate) sheet: &'static str,
    /// The document's list (a dotted path: `rules.holidayPeriods`).
    pub(crate) key: &'static str,
    pub(crate) columns: &'static [Column],
    /// Whether the workbook must have the sheet.
    pub(crate) required: bool,
    /// Columns given all together or not at all (a feedback result's five counts).
    pub(crate) together: &'static [&'static str],
    pub(crate) about: &'static str,
    /// Rows that go into the lists of an earlier table's items rather than into a list of their
    /// own (an `Attendance` row into its session's `attendance`); `key` is then the field of
    /// each such item.
    pub(crate) within: Option<Within>,
}

/// Where the rows of a table go when each belongs to an item of an earlier table: a column
/// names the item by its id, and the row (without that column) joins the item's list `key`, in
/// the order of the rows.
pub(crate) struct Within {
    /// The earlier table's list (`sessions`) and its sheet (`Sessions`).
    pub(crate) parent: &'static str,
    pub(crate) sheet: &'static str,
    /// The field of its items that identifies one (`id`).
    pub(crate) id: &'static str,
    /// The column (its key) of this table that names the item (`session`).
    pub(crate) by: &'static str,
}

impl Table {
    /// The document's path of the table's list, as fields without places: `sessions.attendance`
    /// for a table within the sessions, else its key.
    fn path(&self) -> String {
        match &self.within {
            Some(within) => format!("{}.{}", within.parent, self.key),
            None => self.key.to_string(),
        }
    }
}

/// A document's workbook.
pub(crate) struct Layout {
    pub(crate) title: &'static str,
    pub(crate) schema: &'static str,
    /// The `Settings` sheet's rows (none: no such sheet).
    pub(crate) settings: &'static [Column],
    pub(crate) tables: &'static [Table],
}

const SETTINGS: &str = "Settings";
const LISTS: &str = "Lists";
/// How many rows of each table the template prepares (validation and formats); more can be
/// typed below, without them.
const TEMPLATE_ROWS: u32 = 500;

/// A filled workbook read into a document's JSON, with the cell each value came from.
pub(crate) struct Filled {
    pub(crate) doc: Map<String, Json>,
    /// Each field's path in the document, the cell it came from (or would have: a blank cell)
    /// and the column's or setting's words.
    cells: BTreeMap<String, (Location, &'static str)>,
    file: String,
}

/// Which set-up workbook a filled one is, by the sheet only its kind has (`Criteria`,
/// `Activities`, `Results`): for a page that takes any of them.
pub fn kind_of(file: &str, bytes: &[u8]) -> Result<Template> {
    let book = workbook::open(file, bytes)?;
    for which in Template::ALL {
        let first = &which.layout().tables[0];
        if book.find(first.sheet).is_some() {
            return Ok(which);
        }
    }
    let wanted: Vec<&str> = Template::ALL
        .iter()
        .map(|t| t.layout().tables[0].sheet)
        .collect();
    Err(book.missing(&wanted.join("\", \"")))
}

/// The blank workbook (.xlsx) for a document: an `About` sheet saying what goes where, a
/// `Settings` sheet with each setting's name, and one sheet per table with its header row
/// (frozen), an input message on every column and a drop-down list where the value is one of a
/// list (kinds, roles, key criteria, yes/no).
pub fn template(which: Template) -> Result<Vec<u8>> {
    write_workbook(which.layout(), &Cells::default()).map_err(writer_error)
}

/// A filled workbook of this kind read by its layout; `extra` adds fields from elsewhere (a
/// charter, a period) before the document is read.
pub(crate) fn read_layout(
    which: Template,
    file: &str,
    bytes: &[u8],
    extra: Vec<(&str, Json)>,
) -> Result<Filled> {
    let layout = which.layout();
    read_grids(layout, file, &grids(layout, file, bytes)?, extra)
}

/// The sheets [`grids`] gives read by the layout into the document's JSON; `extra` adds fields.
fn read_grids(
    layout: &Layout,
    file: &str,
    grids: &[Option<Grid>],
    extra: Vec<(&str, Json)>,
) -> Result<Filled> {
    let mut filled = Filled {
        doc: Map::new(),
        cells: BTreeMap::new(),
        file: file.to_string(),
    };
    filled
        .doc
        .insert("schema".into(), Json::String(layout.schema.into()));
    for (table, grid) in layout.tables.iter().zip(grids) {
        if let Some(within) = &table.within {
            // Every item has its list, empty when no row names it (or the sheet is missing).
            let items = filled
                .doc
                .get_mut(within.parent)
                .and_then(Json::as_array_mut);
            for item in items.into_iter().flatten() {
                if let Json::Object(item) = item {
                    item.insert(table.key.to_string(), Json::Array(Vec::new()));
                }
            }
        }
        if let Some(grid) = grid {
            read_table(&mut filled, table, grid)?;
        }
    }
    if let Some(Some(grid)) = grids.get(layout.tables.len()) {
        read_settings(&mut filled, layout.settings, grid)?;
    }
    for (key, value) in extra {
        filled.doc.insert(key.to_string(), value);
    }
    Ok(filled)
}

/// The sheets a layout reads, in its tables' order and then `Settings`: a workbook's, or, for
/// a CSV file, its one table (the first).
fn grids(layout: &Layout, file: &str, bytes: &[u8]) -> Result<Vec<Option<Grid>>> {
    if !workbook::is_workbook(bytes) {
        let text = crate::json::text_from_bytes(bytes)?;
        let mut out: Vec<Option<Grid>> = layout.tables.iter().map(|_| None).collect();
        out[0] = Some(Grid::from_csv(file, text)?);
        out.push(None);
        return Ok(out);
    }
    let mut book = workbook::open(file, bytes)?;
    let mut out = Vec::new();
    for table in layout.tables {
        match book.find(table.sheet) {
            Some(name) => out.push(Some(book.grid(&name)?)),
            None if table.required => return Err(book.missing(table.sheet)),
            None => out.push(None),
        }
    }
    if layout.settings.is_empty() {
        out.push(None);
    } else {
        let name = book.find(SETTINGS).ok_or_else(|| book.missing(SETTINGS))?;
        out.push(Some(book.grid(&name)?));
    }
    Ok(out)
}

/// The words a header or setting is matched by: case and surrounding spaces aside, runs of
/// spaces as one.
fn words(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A table's rows into the document's list, each non-blank cell a field.
fn read_table(filled: &mut Filled, table: &Table, grid: &Grid) -> Result<()> {
    let mut columns: Vec<(u32, &Column)> = Vec::new();
    for col in 0..grid.width() {
        let header = grid.raw(0, col).text();
        if header.trim().is_empty() {
            continue;
        }
        let Some(column) = table
            .columns
            .iter()
            .find(|c| words(c.header) == words(&header))
        else {
            return Err(grid.error(
                ErrorKind::UnknownField,
                0,
                col,
                format!(
                    "\"{}\" is not a column of the sheet \"{}\" (its columns are {})",
                    header.trim(),
                    table.sheet,
                    listed(table.columns.iter().map(|c| c.header))
                ),
            ));
        };
        if let Some((first, _)) = columns.iter().find(|(_, c)| std::ptr::eq(*c, column)) {
            return Err(grid.error(
                ErrorKind::DuplicateId,
                0,
                col,
                format!(
                    "a second column \"{}\" (the first is column {})",
                    header.trim(),
                    column_letters(*first)
                ),
            ));
        }
        columns.push((col, column));
    }
    if let Some(within) = &table.within {
        return read_within(filled, table, within, &columns, grid);
    }
    let path = table.key.replace('.', "/");
    filled.cells.insert(
        table.key.to_string(),
        (Location::cell(&grid.file, &grid.sheet, None), table.sheet),
    );
    let mut items = Vec::new();
    for row in 1..grid.height() {
        if is_blank_row(&columns, grid, row) {
            continue;
        }
        let at = format!("{}[{}]", table.key, items.len());
        items.push(Json::Object(read_row(
            filled, table, &columns, grid, row, &at,
        )?));
    }
    // An optional sheet left empty gives nothing (an empty `Holiday periods` sheet must not
    // replace the default holiday periods with none); a required one gives its empty list, for
    // the area to say what it needs.
    if table.required || !items.is_empty() {
        put_path(&mut filled.doc, &path, Json::Array(items));
    }
    Ok(())
}

fn is_blank_row(columns: &[(u32, &Column)], grid: &Grid, row: u32) -> bool {
    columns
        .iter()
        .all(|(col, _)| grid.raw(row, *col).is_blank())
}

/// A row of a table as the item at `at` (`criteria[2]`), each non-blank cell a field; each
/// field's cell is recorded, a blank one too (for the error of a field that is needed).
fn read_row(
    filled: &mut Filled,
    table: &Table,
    columns: &[(u32, &Column)],
    grid: &Grid,
    row: u32,
    at: &str,
) -> Result<Map<String, Json>> {
    filled
        .cells
        .insert(at.to_string(), (grid.location(row, 0), table.sheet));
    check_together(table, columns, grid, row)?;
    let mut item = Map::new();
    for &(col, column) in columns {
        if table.within.as_ref().is_some_and(|w| w.by == column.key) {
            continue;
        }
        filled.cells.insert(
            format!("{at}.{}", column.key),
            (grid.location(row, col), column.header),
        );
        let value = grid.value(row, col)?;
        if value.is_blank() {
            continue;
        }
        if let Some(json) = cell_json(column, value, grid, row, col)? {
            put_path(&mut item, &column.key.replace('.', "/"), json);
        }
    }
    Ok(item)
}

/// A table whose rows go into the lists of an earlier table's items (attendance into its
/// session's): each row joins the list of the item its `by` column names, in the rows' order.
fn read_within(
    filled: &mut Filled,
    table: &Table,
    within: &Within,
    columns: &[(u32, &Column)],
    grid: &Grid,
) -> Result<()> {
    let link = columns.iter().find(|(_, c)| c.key == within.by);
    let ids: Vec<String> = match filled.doc.get(within.parent) {
        Some(Json::Array(items)) => items
            .iter()
            .map(|i| {
                i.get(within.id)
                    .and_then(Json::as_str)
                    .unwrap_or("")
                    .to_string()
            })
            .collect(),
        _ => Vec::new(),
    };
    for (i, _) in ids.iter().enumerate() {
        filled.cells.insert(
            format!("{}[{i}].{}", within.parent, table.key),
            (Location::cell(&grid.file, &grid.sheet, None), table.sheet),
        );
    }
    // Each id at its first place (a duplicated id is the area's error, at its row of the sheet).
    let mut places: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        places.entry(id.as_str()).or_insert(i);
    }
    let mut counts = vec![0usize; ids.len()];
    for row in 1..grid.height() {
        if is_blank_row(columns, grid, row) {
            continue;
        }
        let Some((col, column)) = link else {
            let header = table
                .columns
                .iter()
                .find(|c| c.key == within.by)
                .map_or(within.by, |c| c.header);
            return Err(grid.whole(
                ErrorKind::MissingField,
                format!(
                    "the sheet \"{}\" has no column \"{header}\": each row names the item of the sheet \"{}\" it belongs to",
                    table.sheet, within.sheet
                ),
            ));
        };
        let named = grid.value(row, *col)?.text();
        let named = named.trim();
        if named.is_empty() {
            return Err(grid.error(
                ErrorKind::MissingField,
                row,
                *col,
                format!(
                    "\"{}\" is blank, and it is needed: the id of a row of the sheet \"{}\"",
                    column.header, within.sheet
                ),
            ));
        }
        let Some(&i) = places.get(named) else {
            // The first ids, enough to see the one meant, not a sheet's worth.
            const SHOWN: usize = 10;
            let first = listed(ids.iter().take(SHOWN).map(String::as_str));
            let known = match ids.len() {
                0 => "it has none".to_string(),
                n if n <= SHOWN => format!("its ids are {first}"),
                n => format!("its first {SHOWN} ids of {n} are {first}"),
            };
            return Err(grid.error(
                ErrorKind::DanglingReference,
                row,
                *col,
                format!(
                    "{} \"{named}\" is not in the sheet \"{}\" ({known})",
                    column.header, within.sheet
                ),
            ));
        };
        let at = format!("{}[{i}].{}[{}]", within.parent, table.key, counts[i]);
        counts[i] += 1;
        let item = read_row(filled, table, columns, grid, row, &at)?;
        let list = filled
            .doc
            .get_mut(within.parent)
            .and_then(|items| items.get_mut(i))
            .and_then(Json::as_object_mut)
            .map(|item| {
                item.entry(table.key)
                    .or_insert_with(|| Json::Array(Vec::new()))
            });
        if let Some(Json::Array(list)) = list {
            list.push(Json::Object(item));
        }
    }
    Ok(())
}

/// Columns declared together: all given, or all blank; the first blank one is named.
fn check_together(table: &Table, columns: &[(u32, &Column)], grid: &Grid, row: u32) -> Result<()> {
    let group: Vec<(u32, &Column)> = columns
        .iter()
        .filter(|(_, c)| table.together.contains(&c.key))
        .copied()
        .collect();
    let given = group
        .iter()
        .filter(|(col, _)| !grid.raw(row, *col).is_blank())
        .count();
    if given == 0 || given == group.len() && group.len() == table.together.len() {
        return Ok(());
    }
    let names = listed(
        table
            .columns
            .iter()
            .filter(|c| table.together.contains(&c.key))
            .map(|c| c.header),
    );
    let missing = table
        .columns
        .iter()
        .find(|c| table.together.contains(&c.key) && !group.iter().any(|(_, g)| g.key == c.key));
    match (group.iter().find(|(col, _)| grid.raw(row, *col).is_blank()), missing) {
        (_, Some(column)) => Err(grid.whole(
            ErrorKind::MissingField,
            format!(
                "the sheet \"{}\" has no column \"{}\": {names} go together",
                table.sheet, column.header
            ),
        )),
        (Some((col, column)), None) => Err(grid.error(
            ErrorKind::MissingField,
            row,
            *col,
            format!(
                "\"{}\" is blank while others of {names} are given: type 0 if no one gave that answer",
                column.header
            ),
        )),
        (None, None) => Ok(()),
    }
}

/// The `Settings` sheet: column A a setting's name, column B its value.
fn read_settings(filled: &mut Filled, settings: &[Column], grid: &Grid) -> Result<()> {
    let header = (0..grid.width()).map(|c| words(&grid.raw(0, c).text()));
    let header: Vec<String> = header.collect();
    let name_col = header.iter().position(|h| h == "setting");
    let value_col = header.iter().position(|h| h == "value");
    let (Some(name_col), Some(value_col)) = (name_col, value_col) else {
        return Err(grid.whole(
            ErrorKind::MissingField,
            "the sheet needs the columns \"setting\" and \"value\" in row 1".to_string(),
        ));
    };
    let (name_col, value_col) = (name_col as u32, value_col as u32);
    filled.cells.insert(
        String::new(),
        (Location::cell(&grid.file, &grid.sheet, None), SETTINGS),
    );
    let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
    for row in 1..grid.height() {
        let name = grid.value(row, name_col)?.text();
        if name.trim().is_empty() {
            if !grid.raw(row, value_col).is_blank() {
                return Err(grid.error(
                    ErrorKind::MissingField,
                    row,
                    name_col,
                    "a value with no setting's name beside it".to_string(),
                ));
            }
            continue;
        }
        let Some(setting) = settings.iter().find(|s| words(s.header) == words(&name)) else {
            return Err(grid.error(
                ErrorKind::UnknownField,
                row,
                name_col,
                format!(
                    "\"{}\" is not a setting (the settings are {})",
                    name.trim(),
                    listed(settings.iter().map(|s| s.header))
                ),
            ));
        };
        if let Some(first) = seen.insert(setting.header, row) {
            return Err(grid.error(
                ErrorKind::DuplicateId,
                row,
                name_col,
                format!(
                    "\"{}\" is given twice (first in row {})",
                    setting.header,
                    first + 1
                ),
            ));
        }
        filled.cells.insert(
            setting.key.to_string(),
            (grid.location(row, value_col), setting.header),
        );
        let value = grid.value(row, value_col)?;
        if value.is_blank() {
            continue;
        }
        if let Some(json) = cell_json(setting, value, grid, row, value_col)? {
            put_path(&mut filled.doc, &setting.key.replace('.', "/"), json);
        }
    }
    Ok(())
}

/// A cell's value as the column's kind, or an error naming the cell and quoting the value.
fn cell_json(
    column: &Column,
    value: &Value,
    grid: &Grid,
    row: u32,
    col: u32,
) -> Result<Option<Json>> {
    let text = value.text();
    let shown = text.trim();
    let bad = |kind: ErrorKind, what: String| {
        Err(grid.error(
            kind,
            row,
            col,
            format!("{}: \"{shown}\" {what}", column.header),
        ))
    };
    Ok(Some(match column.kind {
        Kind::Ignored => return Ok(None),
        Kind::Text => Json::String(shown.to_string()),
        Kind::Texts => Json::Array(list(shown).map(|s| Json::String(s.into())).collect()),
        Kind::Number => match number(value) {
            Some(n) => serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number),
            None => return bad(ErrorKind::WrongType, "is not a number".into()),
        },
        Kind::Percent => match per_cent(value) {
            Some(n) => serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number),
            None => {
                return bad(
                    ErrorKind::WrongType,
                    "is not a number of per cent (20, or 20%)".into(),
                )
            }
        },
        Kind::Whole => match number(value) {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n < 4e9 => Json::from(n as u64),
            _ => {
                return bad(
                    ErrorKind::WrongType,
                    "is not a whole number (0, 1, 2 ...)".into(),
                )
            }
        },
        Kind::Date => match date(value) {
            Some(d) => Json::String(d.to_string()),
            None => {
                return bad(
                    ErrorKind::InvalidDate,
                    "is not a date: type it as a date, or as 2025-03-31 or 31/03/2025".into(),
                )
            }
        },
        Kind::YesNo => match value {
            Value::Bool(b) => Json::Bool(*b),
            _ => match words(shown).as_str() {
                "yes" | "true" | "y" => Json::Bool(true),
                "no" | "false" | "n" => Json::Bool(false),
                _ => return bad(ErrorKind::WrongType, "is not yes or no".into()),
            },
        },
        Kind::Choice(what, options) => match choose(shown, options) {
            Some(id) => Json::String(id.into()),
            None => return bad(ErrorKind::UnknownValue, not_one_of(what, options)),
        },
        Kind::Choices(what, options) => {
            let mut ids = Vec::new();
            for part in list(shown) {
                match choose(part, options) {
                    Some(id) => ids.push(Json::String(id.into())),
                    None => {
                        return Err(grid.error(
                            ErrorKind::UnknownValue,
                            row,
                            col,
                            format!(
                                "{}: \"{part}\" {}",
                                column.header,
                                not_one_of(what, options)
                            ),
                        ))
                    }
                }
            }
            Json::Array(ids)
        }
    }))
}

fn not_one_of(what: &str, options: Options) -> String {
    format!(
        "is not {what} (they are {})",
        listed(options().into_iter().map(|(_, w)| w))
    )
}

/// The parts of a `;`-separated list, trimmed, blanks left out.
fn list(text: &str) -> impl Iterator<Item = &str> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// `"a", "b" and "c"`.
fn listed<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(|s| format!("\"{s}\"")).collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The option a text names: its document name or its words, case and spaces aside, and without
/// a leading "the" or a closing bracket ("Competitive Process" names "the Competitive Process
/// (regulation 11)").
fn choose(text: &str, options: Options) -> Option<&'static str> {
    let plain = |text: &str| {
        let text = words(text);
        let text = text.strip_prefix("the ").unwrap_or(&text).to_string();
        match (text.rfind(" ("), text.ends_with(')')) {
            (Some(i), true) => text[..i].to_string(),
            _ => text,
        }
    };
    let wanted = words(text);
    let options = options();
    let exact = options
        .iter()
        .find(|(id, w)| words(id) == wanted || words(w) == wanted);
    let plainly = || options.iter().find(|(_, w)| plain(w) == plain(text));
    exact.or_else(plainly).map(|(id, _)| *id)
}

/// A number cell, or text that is a number (spaces and thousands' commas aside).
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) if n.is_finite() => Some(*n),
        Value::Text(s) => s
            .trim()
            .replace(',', "")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite()),
        _ => None,
    }
}

/// A per cent: a number cell, or text that is a number with or without a `%` after it.
fn per_cent(value: &Value) -> Option<f64> {
    match value {
        Value::Text(s) => {
            let s = s.trim();
            let digits = s.strip_suffix('%').map_or(s, str::trim_end);
            number(&Value::Text(digits.to_string()))
        }
        _ => number(value),
    }
}

/// A date cell, or text `YYYY-MM-DD` or `DD/MM/YYYY` (the UK's order, never the US's).
fn date(value: &Value) -> Option<Date> {
    match value {
        Value::Date(d) => Some(*d),
        Value::DateText(s) => Date::parse(s.get(..10)?).ok(),
        Value::Text(s) => {
            let s = s.trim();
            if let Ok(d) = Date::parse(s) {
                return Some(d);
            }
            let mut parts = s.split('/');
            let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || y.len() != 4 || d.len() > 2 || m.len() > 2 {
                return None;
            }
            Date::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

/// Sets `key` (`weight`, or `counts[2]`: a place in an array) in an object.
fn put(object: &mut Map<String, Json>, key: &str, value: Json) {
    match key.split_once('[') {
        Some((name, rest)) => {
            let index: usize = rest.trim_end_matches(']').parse().unwrap_or(0);
            let entry = object
                .entry(name.to_string())
                .or_insert_with(|| Json::Array(Vec::new()));
            if let Json::Array(items) = entry {
                if items.len() <= index {
                    items.resize(index + 1, Json::Null);
                }
                items[index] = value;
            }
        }
        None => {
            object.insert(key.to_string(), value);
        }
    }
}

/// Sets a `/`-separated path from the document's top, making the objects on the way.
fn put_path(doc: &mut Map<String, Json>, path: &str, value: Json) {
    match path.split_once('/') {
        None => put(doc, path, value),
        Some((first, rest)) => {
            let entry = doc
                .entry(first.to_string())
                .or_insert_with(|| Json::Object(Map::new()));
            if let Json::Object(inner) = entry {
                put_path(inner, rest, value);
            }
        }
    }
}

impl Filled {
    /// The document read as its area reads every document; an error the area finds is given at
    /// the cell its field came from (or the sheet, for a field no cell gave).
    pub(crate) fn read<T: crate::document::Document>(self) -> Result<T> {
        let text = Json::Object(self.doc).to_string();
        crate::json::from_json::<T>(&text).map_err(|e| relocate(e, &self.cells, &self.file))
    }
}

/// The error at the cell (or row, or sheet) the longest leading part of its path came from; a
/// field that is missing is named by its column's (or setting's) words.
fn relocate(error: Error, cells: &BTreeMap<String, (Location, &'static str)>, file: &str) -> Error {
    let Location::Json { path, .. } = error.location() else {
        return error;
    };
    let missing = error.kind() == ErrorKind::MissingField;
    let mut at = path.as_str();
    loop {
        if let Some((location, words)) = cells.get(at) {
            let message = match (missing, at == path) {
                (true, true) => format!("\"{words}\" is blank, and it is needed"),
                (true, false) => format!(
                    "{} (the sheet \"{words}\" has no column for it)",
                    error.message()
                ),
                _ => error.message().to_string(),
            };
            return Error::at(error.kind(), location.clone(), message);
        }
        match at.rfind(['.', '[']) {
            Some(i) => at = &at[..i],
            None => break,
        }
    }
    // A field no sheet gave: a setting missing from the `Settings` sheet, or the sheet missing.
    let (location, message) = match cells.get("") {
        Some((location, _)) if missing => (
            location.clone(),
            format!("{} (add the row for it to the sheet)", error.message()),
        ),
        _ => (
            Location::cell(file, "", None),
            format!("{} (the document's {path})", error.message()),
        ),
    };
    Error::at(error.kind(), location, message)
}

/// What rust_xlsxwriter refuses, as an error (it cannot happen with the layouts declared; a test
/// writes every template).
fn writer_error(e: XlsxError) -> Error {
    Error::new(
        ErrorKind::InvalidValue,
        "",
        format!("the workbook cannot be written: {e}"),
    )
}

/// The workbook of a layout: the template's sheets, with `cells` (none: the blank template).
fn write_workbook(layout: &Layout, cells: &Cells) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let lists = choice_lists(layout);
    write_about(book.add_worksheet(), layout, &bold, &wrap)?;
    if !layout.settings.is_empty() {
        let ws = book.add_worksheet();
        ws.set_name(SETTINGS)?;
        for (col, word) in (0u16..).zip(["setting", "value", "about"]) {
            ws.write_string_with_format(0, col, word, &bold)?;
        }
        for (row, setting) in (1u32..).zip(layout.settings) {
            ws.write_string(row, 0, setting.header)?;
            if let Some(value) = cells.settings.get(row as usize - 1) {
                write_value(ws, row, 1, value)?;
            }
            ws.write_string_with_format(row, 2, setting.help, &wrap)?;
            let validation = validation(setting, &lists)?;
            ws.add_data_validation(row, 1, row, 1, &validation)?;
            if matches!(setting.kind, Kind::Date) {
                ws.set_cell_format(row, 1, &date_format())?;
            }
        }
        ws.set_column_width(0, 26)?;
        ws.set_column_width(1, 40)?;
        ws.set_column_width(2, 70)?;
        ws.set_freeze_panes(1, 0)?;
    }
    for (i, table) in layout.tables.iter().enumerate() {
        let rows = cells.tables.get(i).map_or(&[][..], Vec::as_slice);
        let ws = book.add_worksheet();
        ws.set_name(table.sheet)?;
        for (row, item) in (1u32..).zip(rows) {
            for (col, value) in (0u16..).zip(item) {
                write_value(ws, row, col, value)?;
            }
        }
        // The template's rows are prepared (drop-downs, messages), or as many as the document has.
        let prepared = TEMPLATE_ROWS.max(rows.len() as u32);
        for (col, column) in (0u16..).zip(table.columns) {
            ws.write_string_with_format(0, col, column.header, &bold)?;
            let width: f64 = match column.kind {
                Kind::Text | Kind::Texts | Kind::Choices(..) => 24.0,
                Kind::Choice(..) => 20.0,
                _ => 14.0,
            };
            ws.set_column_width(col, width.max(column.header.len() as f64 + 2.0))?;
            if matches!(column.kind, Kind::Date) {
                ws.set_column_format(col, &date_format())?;
            }
            let validation = validation(column, &lists)?;
            ws.add_data_validation(1, col, prepared, col, &validation)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    if !lists.is_empty() {
        let ws = book.add_worksheet();
        ws.set_name(LISTS)?;
        for (col, (name, options)) in (0u16..).zip(&lists) {
            ws.write_string_with_format(0, col, *name, &bold)?;
            for (row, (_, words)) in (1u32..).zip(options()) {
                ws.write_string(row, col, words)?;
            }
            ws.set_column_width(col, 40)?;
        }
        ws.set_hidden(true);
    }
    book.save_to_buffer()
}

/// A cell's value (a date cell takes its column's, or its setting's, date format).
fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value,
) -> std::result::Result<(), XlsxError> {
    match value {
        Value::Text(text) => ws.write_string(row, col, text).map(drop),
        Value::Number(n) => ws.write_number(row, col, *n).map(drop),
        Value::Date(date) => match fill::excel_day(*date) {
            Some(day) => ws.write_number(row, col, day).map(drop),
            None => ws.write_string(row, col, date.to_string()).map(drop),
        },
        _ => Ok(()),
    }
}

fn date_format() -> Format {
    Format::new().set_num_format("dd/mm/yyyy")
}

/// The template's first sheet: what the workbook is for and what each sheet holds.
fn write_about(
    ws: &mut Worksheet,
    layout: &Layout,
    bold: &Format,
    wrap: &Format,
) -> std::result::Result<(), XlsxError> {
    ws.set_name("About")?;
    ws.write_string_with_format(0, 0, layout.title, bold)?;
    let mut row = 2;
    let general = [
        "Fill in the sheets below, then read the workbook with engagekit (engagekit import), or drop it on the toolkit's page.",
        "Lists: separate the items with ; (a semicolon). Yes or no: type yes or no. Dates: a date, or 2025-03-31, or 31/03/2025.",
        "Type values, not formulas. Do not merge cells. Leave a cell blank when it does not apply.",
    ];
    for line in general {
        ws.write_string_with_format(row, 0, line, wrap)?;
        row += 1;
    }
    let sheets = layout
        .settings
        .first()
        .map(|_| {
            (
                SETTINGS,
                "One setting per row: its name in column A, its value in column B.",
                layout.settings,
            )
        })
        .into_iter()
        .chain(layout.tables.iter().map(|t| (t.sheet, t.about, t.columns)));
    for (sheet, about, columns) in sheets {
        row += 1;
        ws.write_string_with_format(row, 0, sheet, bold)?;
        ws.write_string_with_format(row, 1, about, wrap)?;
        row += 1;
        for column in columns.iter().filter(|c| !matches!(c.kind, Kind::Ignored)) {
            ws.write_string(row, 0, column.header)?;
            ws.write_string_with_format(row, 1, column.help, wrap)?;
            row += 1;
        }
    }
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 100)?;
    Ok(())
}

/// The choice lists the layout's columns use, each once, in the order first used.
fn choice_lists(layout: &Layout) -> Vec<(&'static str, Options)> {
    let mut lists: Vec<(&'static str, Options)> = Vec::new();
    let columns = layout
        .settings
        .iter()
        .chain(layout.tables.iter().flat_map(|t| t.columns.iter()));
    for column in columns {
        let choice = match column.kind {
            Kind::Choice(name, options) => Some((name, options)),
            Kind::YesNo => Some(("yes or no", YES_NO as Options)),
            _ => None,
        };
        if let Some((name, options)) = choice {
            if !lists.iter().any(|(n, _)| *n == name) {
                lists.push((name, options));
            }
        }
    }
    lists
}

const YES_NO: fn() -> Vec<(&'static str, &'static str)> = || vec![("yes", "yes"), ("no", "no")];

/// A column's data validation: a drop-down list from the `Lists` sheet, a whole number, a number
/// or a date; always an input message saying what to type.
fn validation(
    column: &Column,
    lists: &[(&'static str, Options)],
) -> std::result::Result<DataValidation, XlsxError> {
    let list = |name: &str| {
        let col = lists.iter().position(|(n, _)| *n == name).unwrap_or(0);
        let len = lists.get(col).map_or(1, |(_, o)| o().len());
        let letters = column_letters(col as u32);
        Formula::new(format!("={LISTS}!${letters}$2:${letters}${}", len + 1))
    };
    let base = DataValidation::new();
    let rule = match column.kind {
        Kind::Choice(name, _) => base.allow_list_formula(list(name)),
        Kind::YesNo => base.allow_list_formula(list("yes or no")),
        Kind::Whole => base.allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
        Kind::Number => base.allow_decimal_number(DataValidationRule::Between(-1e15, 1e15)),
        Kind::Percent => base.allow_decimal_number(DataValidationRule::Between(0.0, 100.0)),
        _ => base.allow_any_value(),
    };
    rule.set_input_title(workbook::within(column.header, 32))?
        .set_input_message(workbook::within(column.help, 255))
}
