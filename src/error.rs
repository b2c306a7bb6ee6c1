//! Input errors: one type for everything a caller can get wrong, with a stable code and the
//! location of the culprit as data (a JSON path with its line and column, an option, a sheet's
//! cell, a line of text), so that the CLI, JavaScript and Rust callers can all branch on it.

use std::fmt;

/// What kind of input error this is. [`ErrorKind::code`] is the stable kebab-case name that the
/// CLI prints and JavaScript receives as `error.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is empty (or only white space).
    EmptyInput,
    /// The input is not JSON (a syntax error, or text where a JSON document was needed).
    NotJson,
    /// The input bytes are not UTF-8.
    NotUtf8,
    /// The document is not a JSON object.
    NotAnObject,
    /// The document has no `schema` tag.
    MissingSchema,
    /// The `schema` tag names another document, or none this toolkit knows.
    WrongSchema,
    /// A field this document does not have (often a typo: `weigth`).
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value of the wrong JSON type (a string where a number belongs).
    WrongType,
    /// A value outside an enumeration (`kind: "webinar"`).
    UnknownValue,
    /// A string that is not a real `YYYY-MM-DD` date (`2016-02-30`).
    InvalidDate,
    /// Two items share an id that must be unique.
    DuplicateId,
    /// A reference to an id that does not exist.
    DanglingReference,
    /// A number outside its range (`score 7 is outside the scale 0 to 4`).
    OutOfRange,
    /// Two dates in the wrong order (an end before its start).
    DateOrder,
    /// A value of the right type that breaks a rule of the document (weights not totalling 100).
    InvalidValue,
    /// Nesting deeper than any real document (a guard against stack exhaustion).
    TooDeep,
    /// An option given to a command is wrong (`--today 2016-13-01`, `--to pdf`).
    InvalidOption,
    /// A file could not be read (the CLI only).
    CannotRead,
}

impl ErrorKind {
    /// The stable kebab-case code of this kind of error.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::EmptyInput => "empty-input",
            ErrorKind::NotJson => "not-json",
            ErrorKind::NotUtf8 => "not-utf8",
            ErrorKind::NotAnObject => "not-an-object",
            ErrorKind::MissingSchema => "missing-schema",
            ErrorKind::WrongSchema => "wrong-schema",
            ErrorKind::UnknownField => "unknown-field",
            ErrorKind::MissingField => "missing-field",
            ErrorKind::WrongType => "wrong-type",
            ErrorKind::UnknownValue => "unknown-value",
            ErrorKind::InvalidDate => "invalid-date",
            ErrorKind::DuplicateId => "duplicate-id",
            ErrorKind::DanglingReference => "dangling-reference",
            ErrorKind::OutOfRange => "out-of-range",
            ErrorKind::DateOrder => "date-order",
            ErrorKind::InvalidValue => "invalid-value",
            ErrorKind::TooDeep => "too-deep",
            ErrorKind::InvalidOption => "invalid-option",
            ErrorKind::CannotRead => "cannot-read",
        }
    }
}

/// Where an input error is: one of a few typed shapes, never parsed back out of a message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// The input as a whole (it is empty, not UTF-8, not an object, cannot be read).
    Document,
    /// A value of a JSON document: its path (`criteria[0].weigth`, empty for the whole
    /// document) and, when the error came from reading the JSON text, the 1-based line and
    /// column where the reader stopped (serde_json's count).
    Json {
        /// The JSON path of the culprit.
        path: String,
        /// The line in the JSON text, when known.
        line: Option<usize>,
        /// The column in the JSON text, when known.
        column: Option<usize>,
    },
    /// An option given to a command or function (`today`, `reportDate`, `to`).
    Option {
        /// The option's name.
        name: String,
    },
    /// A cell of a filled score sheet (CSV): the file's name, the 1-based line of the row (1 is
    /// the header) and the column's header, empty for the whole row.
    Sheet {
        /// The sheet's file name.
        file: String,
        /// The 1-based line of the row.
        row: u64,
        /// The column's header (`score`), empty for the whole row.
        column: String,
    },
    /// A cell of a workbook (a score sheet filled in Excel): the file's name, the sheet, the
    /// 1-based row and the column's letters (`Scores!G7`); row 0 and no column: the whole sheet.
    Cell {
        /// The workbook's file name.
        file: String,
        /// The worksheet (`Scores`).
        sheet: String,
        /// The 1-based row, 0 for the whole sheet.
        row: u64,
        /// The column's letters (`G`), empty for the whole sheet.
        column: String,
    },
}

impl Location {
    /// A workbook's cell, from its 0-based row and column (`Scores!G7`); with no cell, the sheet
    /// as a whole, and with no sheet either, the file.
    pub fn cell(file: &str, sheet: &str, cell: Option<(u32, u32)>) -> Location {
        let (row, column) = match cell {
            Some((row, col)) => (u64::from(row) + 1, column_letters(col)),
            None => (0, String::new()),
        };
        Location::Cell {
            file: file.to_string(),
            sheet: sheet.to_string(),
            row,
            column,
        }
    }

    /// A workbook's cell as a person names it, without the file (`Scores!G7`); `None` for a
    /// whole sheet or file, or any other kind of place.
    pub fn sheet_cell(&self) -> Option<String> {
        match self {
            Location::Cell {
                sheet, row, column, ..
            } if !sheet.is_empty() && *row > 0 => Some(format!("{sheet}!{column}{row}")),
            _ => None,
        }
    }

    /// A JSON path with no position (empty: the whole document).
    fn path(path: String) -> Location {
        if path.is_empty() {
            Location::Document
        } else {
            Location::Json {
                path,
                line: None,
                column: None,
            }
        }
    }

    /// The 1-based line and column in the JSON text, when the location has them.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            Location::Json {
                line: Some(line),
                column: Some(column),
                ..
            } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// An input error: what went wrong ([`ErrorKind`]), where ([`Location`]) and a message that
/// names the culprit and quotes the bad value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error(Box<Inner>);

/// What an [`Error`] holds, boxed: a `Result<T, Error>` stays one pointer wide on the paths
/// where nothing fails.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    location: Location,
    message: String,
    /// [`Error::path`] of a sheet or text location, written once (empty for the others, whose
    /// path is in the location itself).
    written_path: String,
}

impl Error {
    /// An error about the JSON value at `path` (empty for the whole document).
    pub fn new(kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::at(kind, Location::path(path.into()), message)
    }

    /// An error at `location`.
    pub fn at(kind: ErrorKind, location: Location, message: impl Into<String>) -> Self {
        let written_path = match &location {
            Location::Sheet { file, row, column } => format!("{file}:{row}:{column}"),
            Location::Cell { file, sheet, .. } => match location.sheet_cell() {
                Some(cell) => format!("{file}:{cell}"),
                None if sheet.is_empty() => file.clone(),
                None => format!("{file}:{sheet}"),
            },
            _ => String::new(),
        };
        Error(Box::new(Inner {
            kind,
            location,
            message: message.into(),
            written_path,
        }))
    }

    /// An error about a cell of a score sheet: the file, the 1-based line of the row and the
    /// column's header (empty for the whole row).
    pub fn sheet(
        kind: ErrorKind,
        file: impl Into<String>,
        row: u64,
        column: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let (file, column) = (file.into(), column.into());
        Error::at(kind, Location::Sheet { file, row, column }, message)
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The stable kebab-case code (`unknown-field`, `invalid-date`, ...).
    pub fn code(&self) -> &'static str {
        self.0.kind.code()
    }

    /// Where the culprit is.
    pub fn location(&self) -> &Location {
        &self.0.location
    }

    /// The location as one string: a JSON path (`criteria[0].weigth`), an option's name
    /// (`today`), a sheet's `file:line:column` (`e1.csv:3:score`), `line N` of a text; empty for
    /// the whole document.
    pub fn path(&self) -> &str {
        match &self.0.location {
            Location::Json { path, .. } => path,
            Location::Option { name } => name,
            _ => &self.0.written_path,
        }
    }

    /// The message, without the path or the position.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The message as [`Display`](fmt::Display) ends it: with serde_json's " at line L column
    /// C" when the location has a position.
    pub fn message_with_position(&self) -> String {
        match self.0.location.position() {
            Some((line, column)) => format!("{} at line {line} column {column}", self.0.message),
            None => self.0.message.clone(),
        }
    }

    /// The same error about a value nested under `prefix` (an embedded charter is `charter`).
    /// Only JSON locations have a prefix; a whole-document error becomes one about `prefix`.
    pub fn under(mut self, prefix: &str) -> Self {
        match &mut self.0.location {
            Location::Json { path, .. } => *path = join_path(prefix, path),
            Location::Document if !prefix.is_empty() => {
                self.0.location = Location::path(prefix.to_string());
            }
            _ => {}
        }
        self
    }

    /// A bad option (`today`, `reportDate`, `to`), quoting its value.
    pub fn option(name: &str, message: impl Into<String>) -> Self {
        let name = name.to_string();
        Error::at(ErrorKind::InvalidOption, Location::Option { name }, message)
    }

    /// The same error without its line and column: for input that came as an object, whose
    /// JSON text the caller never saw.
    pub fn without_position(mut self) -> Self {
        if let Location::Json { line, column, .. } = &mut self.0.location {
            *line = None;
            *column = None;
        }
        self
    }
}

/// `criteria[0]` + `weight` = `criteria[0].weight`; `criteria` + `[0]` = `criteria[0]`.
/// A spreadsheet's column letters from its 0-based number: 0 is A, 25 Z, 26 AA.
pub(crate) fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

pub(crate) fn join_path(prefix: &str, rest: &str) -> String {
    if prefix.is_empty() {
        rest.to_string()
    } else if rest.is_empty() {
        prefix.to_string()
    } else if rest.starts_with('[') {
        format!("{prefix}{rest}")
    } else {
        format!("{prefix}.{rest}")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path();
        if !path.is_empty() {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.0.message)?;
        if let Some((line, column)) = self.0.location.position() {
            write!(f, " at line {line} column {column}")?;
        }
        Ok(())
    }
}

/// Results of the toolkit's fallible operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;
