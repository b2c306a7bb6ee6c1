//! Patient charters: standards that service users wrote with the commissioner, each with measures
//! (feedback questions and KPIs) used to score bids and then to monitor the appointed provider.

use serde::{Deserialize, Serialize};

use crate::calendar::Date;
use crate::diagnostic::LabelKind;
use crate::document::{check_order, check_range, check_unique, Document, DocumentKind};
use crate::error::Result;

mod readability;

pub(crate) use readability::CHARTER_REVIEW_DUE;
pub use readability::{
    check, check_charter, readability, reading_age, review_due, CharterCheck, Readability,
};

/// This area's rules, in the order its checks run (gathered by [`crate::catalogue`]).
pub const RULES: &[&crate::diagnostic::Rule] = &[&readability::STATEMENT_HARD_TO_READ];

/// A finding about a charter standard (`"standard": "PC1"`).
pub const STANDARD: LabelKind = LabelKind::id("standard", 4);

/// A patient charter (`engagekit/charter@1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Charter {
    /// `engagekit/charter@1`.
    pub schema: String,
    /// Stable id of the charter.
    pub id: String,
    /// Its title ("Our charter for children's and young people's mental health services").
    pub title: String,
    /// The service it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// When it was adopted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<Date>,
    /// When it is due for review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Date>,
    /// How it was written with service users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co_production: Option<CoProduction>,
    /// The standards.
    pub standards: Vec<Standard>,
}

/// How a charter was co-produced: who, how many, how and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CoProduction {
    /// How many people took part.
    pub participants: u32,
    /// How they gave their views ("short survey", "Facebook groups", "face-to-face meetings").
    pub methods: Vec<String>,
    /// When (free text: "March to May 2017").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Who took part, in words ("children, young people and parents").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One standard of the charter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Standard {
    /// Stable id (`PC1`).
    pub id: String,
    /// Free-text theme: access, communication, involvement, environment, transition, ...
    pub theme: String,
    /// The standard in plain words ("You will be seen within 4 weeks of being referred").
    pub statement: String,
    /// The same for younger readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub young_person_statement: Option<String>,
    /// How the provider is measured against it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
}

/// A feedback question answered by service users, or a KPI with a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum MeasureKind {
    /// A key performance indicator: an observed value against a target.
    Kpi,
    /// A question answered on a 1 to 5 scale; its value is the percentage of 4s and 5s.
    Feedback,
}

/// One measure of a standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Measure {
    /// Unique across the charter.
    pub id: String,
    /// KPI or feedback question.
    pub kind: MeasureKind,
    /// What is measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// For feedback measures, the question respondents see.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The target (for feedback, a percentage of positive answers).
    pub target: f64,
    /// How far short of the target is still amber.
    pub tolerance: f64,
    /// KPIs only; defaults to true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub higher_is_better: Option<bool>,
}

impl Measure {
    /// Whether a higher value is better (feedback measures always; KPIs unless they say not).
    pub fn higher_is_better(&self) -> bool {
        self.higher_is_better.unwrap_or(true)
    }
}

impl Charter {
    /// Every measure with its standard, in document order.
    pub fn measures(&self) -> impl Iterator<Item = (&Standard, &Measure)> {
        self.standards
            .iter()
            .flat_map(|s| s.measures.iter().map(move |m| (s, m)))
    }

    /// The standard with this id.
    pub fn standard(&self, id: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| s.id == id)
    }
}

impl Document for Charter {
    const KIND: DocumentKind = DocumentKind::Charter;

    fn check(&self) -> Result<()> {
        DocumentKind::Charter.expect(Some(&self.schema))?;
        check_unique(
            "standard",
            self.standards
                .iter()
                .enumerate()
                .map(|(i, s)| (move || format!("standards[{i}].id"), s.id.as_str())),
        )?;
        check_unique(
            "measure",
            self.standards.iter().enumerate().flat_map(|(i, s)| {
                s.measures.iter().enumerate().map(move |(j, m)| {
                    (
                        move || format!("standards[{i}].measures[{j}].id"),
                        m.id.as_str(),
                    )
                })
            }),
        )?;
        for (i, s) in self.standards.iter().enumerate() {
            for (j, m) in s.measures.iter().enumerate() {
                let path = format!("standards[{i}].measures[{j}]");
                match m.kind {
                    MeasureKind::Feedback => {
                        check_range(format!("{path}.target"), "target", m.target, 0.0, 100.0)?
                    }
                    MeasureKind::Kpi => check_range(
                        format!("{path}.target"),
                        "target",
                        m.target,
                        f64::NEG_INFINITY,
                        f64::INFINITY,
                    )?,
                }
                check_range(
                    format!("{path}.tolerance"),
                    "tolerance",
                    m.tolerance,
                    0.0,
                    f64::INFINITY,
                )?;
            }
        }
        if let (Some(adopted), Some(review)) = (self.adopted, self.review) {
            check_order(
                "review".into(),
                "the charter's life (adopted to review)",
                adopted,
                review,
            )?;
        }
        Ok(())
    }
}
