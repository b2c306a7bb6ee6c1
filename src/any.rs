//! Any of the documents, told apart by its `schema` tag: reading whichever the text is
//! ([`from_json`]) and what `validate` says of it ([`AnyDocument::summary`]). Above the areas,
//! since it names every area's document; the areas and the JSON reader below know nothing of it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::charter::Charter;
use crate::diagnostic::Diagnostic;
use crate::document::DocumentKind;
use crate::error::Result;
use crate::evaluation::Evaluation;
use crate::json::{read_checked, schema_tag};
use crate::monitoring::Monitoring;
use crate::report::Report;
use crate::survey::{Coding, Outcomes, Survey};
use crate::timeline::Timeline;

/// Reads and checks whichever of the documents the text is, told apart by its `schema`.
pub fn from_json(text: &str) -> Result<AnyDocument> {
    Ok(
        match DocumentKind::from_schema(schema_tag(text)?.as_deref())? {
            DocumentKind::Charter => AnyDocument::Charter(read_checked(text)?),
            DocumentKind::Evaluation => AnyDocument::Evaluation(Box::new(read_checked(text)?)),
            DocumentKind::Monitoring => AnyDocument::Monitoring(Box::new(read_checked(text)?)),
            DocumentKind::Timeline => AnyDocument::Timeline(read_checked(text)?),
            DocumentKind::Report => AnyDocument::Report(read_checked(text)?),
            DocumentKind::Survey => AnyDocument::Survey(Box::new(read_checked(text)?)),
            DocumentKind::Coding => AnyDocument::Coding(read_checked(text)?),
            DocumentKind::Outcomes => AnyDocument::Outcomes(read_checked(text)?),
        },
    )
}

/// Any of the documents, as `validate` reads them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AnyDocument {
    /// A patient charter.
    Charter(Charter),
    /// A procurement panel's scoring.
    Evaluation(Box<Evaluation>),
    /// A provider measured against a charter.
    Monitoring(Box<Monitoring>),
    /// A consultation plan.
    Timeline(Timeline),
    /// A governing-body report.
    Report(Report),
    /// A survey.
    Survey(Box<Survey>),
    /// Themes coded in a survey's free text.
    Coding(Coding),
    /// "You said, we did".
    Outcomes(Outcomes),
}

impl AnyDocument {
    /// Which kind this is.
    pub fn kind(&self) -> DocumentKind {
        match self {
            AnyDocument::Charter(_) => DocumentKind::Charter,
            AnyDocument::Evaluation(_) => DocumentKind::Evaluation,
            AnyDocument::Monitoring(_) => DocumentKind::Monitoring,
            AnyDocument::Timeline(_) => DocumentKind::Timeline,
            AnyDocument::Report(_) => DocumentKind::Report,
            AnyDocument::Survey(_) => DocumentKind::Survey,
            AnyDocument::Coding(_) => DocumentKind::Coding,
            AnyDocument::Outcomes(_) => DocumentKind::Outcomes,
        }
    }

    /// What `validate` says of a valid document: its kind, title and how many of each thing it holds.
    pub fn summary(&self) -> Validation {
        let (title, counts): (&str, Vec<(&'static str, usize)>) = match self {
            AnyDocument::Charter(c) => (
                &c.title,
                vec![
                    ("standards", c.standards.len()),
                    ("measures", c.measures().count()),
                ],
            ),
            AnyDocument::Evaluation(e) => (
                &e.title,
                vec![
                    ("criteria", e.criteria.len()),
                    ("bids", e.bids.len()),
                    ("panel", e.panel.len()),
                    ("scores", e.scores.len()),
                    ("consensus", e.consensus.len()),
                ],
            ),
            AnyDocument::Monitoring(m) => (
                &m.charter.title,
                vec![
                    ("standards", m.charter.standards.len()),
                    ("results", m.results.len()),
                ],
            ),
            AnyDocument::Timeline(t) => (
                &t.title,
                vec![
                    ("activities", t.activities.len()),
                    ("preElectionPeriods", t.pre_election_periods.len()),
                ],
            ),
            AnyDocument::Report(r) => (
                &r.title,
                vec![("sections", r.section_count()), ("blocks", r.block_count())],
            ),
            AnyDocument::Survey(s) => (
                &s.title,
                vec![
                    ("questions", s.questions.len()),
                    (
                        "populationGroups",
                        s.population.as_ref().map_or(0, |p| p.groups.len()),
                    ),
                ],
            ),
            AnyDocument::Coding(c) => (
                &c.survey,
                vec![("codebook", c.codebook.len()), ("coded", c.coded.len())],
            ),
            AnyDocument::Outcomes(o) => (&o.title, vec![("items", o.items.len())]),
        };
        Validation {
            valid: true,
            kind: self.kind(),
            schema: self.kind().schema(),
            title: title.to_string(),
            // Inserted one by one: collecting into a BTreeMap sorts, another copy of the sort.
            counts: counts
                .into_iter()
                .fold(BTreeMap::new(), |mut map, (name, n)| {
                    map.insert(name, n);
                    map
                }),
            diagnostics: Vec::new(),
        }
    }
}

/// The result of `validate`: the document is valid (input errors are thrown, not returned).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Validation {
    /// Always true: an invalid document is an input error.
    pub valid: bool,
    /// Which document it is.
    pub kind: DocumentKind,
    /// Its schema tag.
    pub schema: &'static str,
    /// Its title (for monitoring, its charter's).
    pub title: String,
    /// How many of each thing it holds (`criteria`, `bids`, ...).
    pub counts: BTreeMap<&'static str, usize>,
    /// Findings of validation (none yet: every problem validation knows is an input error).
    pub diagnostics: Vec<Diagnostic>,
}
