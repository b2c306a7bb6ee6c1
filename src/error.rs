//! Input errors: one type for everything a caller can get wrong, with a stable code and the path
//! of the culprit, so that the CLI, JavaScript and Rust callers can all branch on it.

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

/// An input error: what went wrong, where (a JSON path such as `criteria[0].weigth`, empty for
/// the whole document) and a message that names the culprit and quotes the bad value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    kind: ErrorKind,
    path: String,
    message: String,
}

impl Error {
    /// An error about the value at `path` (empty for the whole document).
    pub fn new(kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            kind,
            path: path.into(),
            message: message.into(),
        }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable kebab-case code (`unknown-field`, `invalid-date`, ...).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The JSON path of the culprit (`criteria[0].weigth`), empty for the whole document.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The message without the path.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error about a value nested under `prefix` (an embedded charter is `charter`).
    pub fn under(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }

    /// A bad option (`today`, `reportDate`, `to`), quoting its value.
    pub fn option(name: &str, message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidOption, name, message)
    }

    /// The same error without serde_json's " at line L column C": for input that came as an
    /// object, whose JSON text the caller never saw.
    pub fn without_position(mut self) -> Self {
        if let Some(i) = self.message.rfind(" at line ") {
            let tail = &self.message[i + " at line ".len()..];
            let looks = tail.split(" column ").count() == 2
                && tail
                    .replace(" column ", "")
                    .bytes()
                    .all(|b| b.is_ascii_digit());
            if looks {
                self.message.truncate(i);
            }
        }
        self
    }
}

/// `criteria[0]` + `weight` = `criteria[0].weight`; `criteria` + `[0]` = `criteria[0]`.
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
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Results of the toolkit's fallible operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;
