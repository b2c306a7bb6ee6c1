//! What every document shares, below the areas: the `schema` tag ([`DocumentKind`]), the
//! [`Document`] trait and the checks that types alone cannot make
//! (unique ids, references, ranges). Every failure is an [`Error`] naming the culprit's path and
//! quoting its value. It uses no area: each area uses it.

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};

/// The kinds of document, told apart by their `schema` tag: the five of the contract, and the
/// survey area's three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// `engagekit/charter@1`: a patient charter.
    Charter,
    /// `engagekit/evaluation@1`: a procurement panel's scoring.
    Evaluation,
    /// `engagekit/monitoring@1`: a provider measured against a charter.
    Monitoring,
    /// `engagekit/timeline@1`: a consultation plan.
    Timeline,
    /// `engagekit/report@1`: a governing-body report's structure.
    Report,
    /// `engagekit/survey@1`: a survey's questions and the population to compare with.
    Survey,
    /// `engagekit/coding@1`: themes coded in a survey's free-text answers.
    Coding,
    /// `engagekit/outcomes@1`: "You said, we did".
    Outcomes,
}

impl DocumentKind {
    /// All of them, in the order of SCHEMAS.md.
    pub const ALL: [DocumentKind; 8] = [
        DocumentKind::Charter,
        DocumentKind::Evaluation,
        DocumentKind::Monitoring,
        DocumentKind::Timeline,
        DocumentKind::Report,
        DocumentKind::Survey,
        DocumentKind::Coding,
        DocumentKind::Outcomes,
    ];

    /// The `schema` tag documents of this kind carry.
    pub fn schema(self) -> &'static str {
        match self {
            DocumentKind::Charter => "engagekit/charter@1",
            DocumentKind::Evaluation => "engagekit/evaluation@1",
            DocumentKind::Monitoring => "engagekit/monitoring@1",
            DocumentKind::Timeline => "engagekit/timeline@1",
            DocumentKind::Report => "engagekit/report@1",
            DocumentKind::Survey => "engagekit/survey@1",
            DocumentKind::Coding => "engagekit/coding@1",
            DocumentKind::Outcomes => "engagekit/outcomes@1",
        }
    }

    /// `charter`, `evaluation`, ...
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Charter => "charter",
            DocumentKind::Evaluation => "evaluation",
            DocumentKind::Monitoring => "monitoring",
            DocumentKind::Timeline => "timeline",
            DocumentKind::Report => "report",
            DocumentKind::Survey => "survey",
            DocumentKind::Coding => "coding",
            DocumentKind::Outcomes => "outcomes",
        }
    }

    /// The kind whose tag this is, or a `missing-schema` / `wrong-schema` error quoting it.
    pub fn from_schema(tag: Option<&str>) -> Result<DocumentKind> {
        let tag = tag.ok_or_else(|| {
            Error::new(
                ErrorKind::MissingSchema,
                "schema",
                "the document has no \"schema\" tag (for example \"engagekit/evaluation@1\")",
            )
        })?;
        DocumentKind::ALL
            .into_iter()
            .find(|k| k.schema() == tag)
            .ok_or_else(|| {
                let known: Vec<String> = DocumentKind::ALL
                    .iter()
                    .map(|k| format!("\"{}\"", k.schema()))
                    .collect();
                Error::new(
                    ErrorKind::WrongSchema,
                    "schema",
                    format!(
                        "\"{tag}\" is not a schema this toolkit reads (it reads {})",
                        known.join(", ")
                    ),
                )
            })
    }

    /// Checks that `tag` names this kind: a timeline given to `evaluate` is a `wrong-schema` error.
    pub fn expect(self, tag: Option<&str>) -> Result<()> {
        let found = DocumentKind::from_schema(tag)?;
        if found == self {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::WrongSchema,
                "schema",
                format!(
                    "\"{}\" is a {} document, but a {} document (\"{}\") is needed here",
                    found.schema(),
                    found.name(),
                    self.name(),
                    self.schema()
                ),
            ))
        }
    }
}

/// One of the five documents: read with serde, then checked by [`Document::check`].
pub trait Document: DeserializeOwned + Serialize {
    /// Which document this is.
    const KIND: DocumentKind;

    /// The rules types cannot express: unique ids, references, ranges, date order.
    fn check(&self) -> Result<()>;
}

/// How deep report sections may nest: real reports use three or four levels. The guard keeps a
/// hostile document from exhausting the stack, which in WebAssembly would kill the module.
pub const MAX_NESTING: u32 = 32;

/// Checks ids for uniqueness: `items` yields (the path of the id, written only on error; the id).
pub(crate) fn check_unique<'a, P: FnOnce() -> String>(
    what: &str,
    items: impl IntoIterator<Item = (P, &'a str)>,
) -> Result<HashSet<&'a str>> {
    let mut seen = HashSet::new();
    for (path, id) in items {
        if id.trim().is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                path(),
                format!("a {what} id must not be empty"),
            ));
        }
        if !seen.insert(id) {
            return Err(Error::new(
                ErrorKind::DuplicateId,
                path(),
                format!("{what} id \"{id}\" is used twice"),
            ));
        }
    }
    Ok(seen)
}

/// Checks that `id` is one of `known`.
pub(crate) fn check_ref(known: &HashSet<&str>, what: &str, path: String, id: &str) -> Result<()> {
    if known.contains(id) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::DanglingReference,
            path,
            format!("there is no {what} \"{id}\""),
        ))
    }
}

/// Checks a number is finite and within `min..=max` (either bound may be infinite).
pub(crate) fn check_range(path: String, what: &str, value: f64, min: f64, max: f64) -> Result<()> {
    if !value.is_finite() {
        return Err(Error::new(
            ErrorKind::OutOfRange,
            path,
            format!("{what} {value} is not a finite number"),
        ));
    }
    if value >= min && value <= max {
        return Ok(());
    }
    let range = match (min.is_finite(), max.is_finite()) {
        (true, true) => format!("from {min} to {max}"),
        (true, false) => format!("at least {min}"),
        _ => format!("at most {max}"),
    };
    Err(Error::new(
        ErrorKind::OutOfRange,
        path,
        format!("{what} {value} is out of range (it must be {range})"),
    ))
}

/// Checks `start <= end` (dates, in practice) for something with the name `what`.
pub(crate) fn check_order<D: PartialOrd + std::fmt::Display>(
    path: String,
    what: &str,
    start: D,
    end: D,
) -> Result<()> {
    if start <= end {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::DateOrder,
            path,
            format!("{what} ends on {end}, before it starts on {start}"),
        ))
    }
}
