//! Monitoring: the appointed provider measured against the same charter that scored the bids.

use serde::{Deserialize, Serialize};

use crate::charter::{Charter, MeasureKind};
use crate::document::{check_range, Document, DocumentKind};
use crate::error::{Error, ErrorKind, Result};

/// A period's results against a charter (`engagekit/monitoring@1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Monitoring {
    /// `engagekit/monitoring@1`.
    pub schema: String,
    /// The charter, with its measures.
    pub charter: Charter,
    /// The period reported ("2024-25 Q1").
    pub period: String,
    /// Aggregates over fewer respondents than this are suppressed. Default 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_count: Option<u32>,
    /// The period before, for trends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<PreviousPeriod>,
    /// This period's results.
    pub results: Vec<MeasureResult>,
}

/// The period before, for trends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreviousPeriod {
    /// Its name.
    pub period: String,
    /// Its results.
    pub results: Vec<MeasureResult>,
}

/// One measure's result: a KPI's observed `value`, or a feedback question's `counts` of answers
/// 1 to 5 (index 0 is 1, "strongly disagree").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeasureResult {
    /// The standard.
    pub standard: String,
    /// The measure, declared under that standard.
    pub measure: String,
    /// A KPI's observed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// A feedback measure's five counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<Vec<u32>>,
}

impl Monitoring {
    /// The suppression threshold in force.
    pub fn minimum_count(&self) -> u32 {
        self.minimum_count.unwrap_or(5)
    }
}

fn check_results(charter: &Charter, results: &[MeasureResult], at: &str) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for (i, r) in results.iter().enumerate() {
        let path = format!("{at}[{i}]");
        let standard = charter.standard(&r.standard).ok_or_else(|| {
            Error::new(
                ErrorKind::DanglingReference,
                format!("{path}.standard"),
                format!("the charter has no standard \"{}\"", r.standard),
            )
        })?;
        let measure = standard
            .measures
            .iter()
            .find(|m| m.id == r.measure)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::DanglingReference,
                    format!("{path}.measure"),
                    format!(
                        "standard \"{}\" has no measure \"{}\"",
                        r.standard, r.measure
                    ),
                )
            })?;
        if !seen.insert(r.measure.as_str()) {
            return Err(Error::new(
                ErrorKind::DuplicateId,
                format!("{path}.measure"),
                format!("measure \"{}\" has two results", r.measure),
            ));
        }
        match (measure.kind, &r.value, &r.counts) {
            (MeasureKind::Kpi, Some(v), None) => check_range(
                format!("{path}.value"),
                "value",
                *v,
                f64::NEG_INFINITY,
                f64::INFINITY,
            )?,
            (MeasureKind::Feedback, None, Some(counts)) => {
                if counts.len() != 5 {
                    return Err(Error::new(
                        ErrorKind::InvalidValue,
                        format!("{path}.counts"),
                        format!(
                            "a feedback measure has 5 counts (answers 1 to 5), but {} are given",
                            counts.len()
                        ),
                    ));
                }
            }
            (MeasureKind::Kpi, _, _) => {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    path,
                    format!(
                        "measure \"{}\" is a KPI: give its \"value\" (and no \"counts\")",
                        r.measure
                    ),
                ))
            }
            (MeasureKind::Feedback, _, _) => {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    path,
                    format!(
                    "measure \"{}\" is a feedback question: give its \"counts\" (and no \"value\")",
                    r.measure
                ),
                ))
            }
        }
    }
    Ok(())
}

impl Document for Monitoring {
    const KIND: DocumentKind = DocumentKind::Monitoring;

    fn check(&self) -> Result<()> {
        DocumentKind::Monitoring.expect(Some(&self.schema))?;
        self.charter.check().map_err(|e| e.under("charter"))?;
        if self.minimum_count == Some(0) {
            return Err(Error::new(
                ErrorKind::OutOfRange,
                "minimumCount",
                "minimum count 0 is out of range (it must be at least 1)",
            ));
        }
        check_results(&self.charter, &self.results, "results")?;
        if let Some(p) = &self.previous {
            check_results(&self.charter, &p.results, "previous.results")?;
        }
        Ok(())
    }
}

/// Rates each measure and standard for the period. Not built yet (issue 6).
pub fn monitor(doc: &Monitoring) -> Result<std::convert::Infallible> {
    let _ = doc;
    Err(Error::not_built("charter monitor", 6))
}
