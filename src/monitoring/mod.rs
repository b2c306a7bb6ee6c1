//! Monitoring: the appointed provider measured against the same charter that scored the bids,
//! and service users' feedback on the charter gathered into a period's results
//! ([`aggregate_feedback`]). Monitoring uses the charter; the charter knows nothing of it.

use serde::{Deserialize, Serialize};

use crate::charter::{review_due, Charter, Measure, MeasureKind, CHARTER_REVIEW_DUE};
use crate::diagnostic::{Area, Diagnostic, LabelKind, Rule, Severity, Source, SourceKind};
use crate::document::{check_range, Document, DocumentKind};
use crate::error::{Error, ErrorKind, Result};

mod feedback;
mod html;

pub use feedback::{
    aggregate_feedback, FeedbackAggregate, FeedbackComment, FeedbackResponse, FeedbackResult,
};
pub use html::dashboard_html;

/// This area's rules, in the order its checks run (gathered by [`crate::catalogue`]).
pub const RULES: &[&crate::diagnostic::Rule] = &[&CHARTER_REVIEW_DUE, &NO_DATA];

/// A finding about a measure of the monitoring (`"measure": "M1"`).
pub const MEASURE: LabelKind = LabelKind::id("measure", 5);

/// The suppression threshold when a document or a call gives none: a feedback measure answered
/// by fewer people than this shows neither its counts nor its value (monitoring, `charter
/// aggregate`, JS `aggregateFeedback`). Declared once, in [`crate::suppression`], with its source
/// (local policy), and shared with the survey area.
pub use crate::suppression::DEFAULT_MINIMUM_COUNT;

/// A standard with no result in a period: the toolkit's own rating rule (local policy).
pub(crate) const NO_DATA: Rule = Rule {
    code: "no-data",
    area: Area::Monitoring,
    severity: Severity::Info,
    rule: "A standard none of whose measures has a result in the period (none rated, none suppressed) is rated `no-data`.",
    source: Source {
        title: "engagekit monitoring ratings",
        citation: "",
        url: "",
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Add the period's results for the standard's measures, or say in the report why there are none.",
};

/// A period's results against a charter (`engagekit/monitoring@1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Monitoring {
    /// `engagekit/monitoring@1`.
    pub schema: String,
    /// The charter, with its measures.
    pub charter: Charter,
    /// The period reported ("2024-25 Q1").
    pub period: String,
    /// Aggregates over fewer respondents than this are suppressed. Default
    /// [`DEFAULT_MINIMUM_COUNT`] (5).
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreviousPeriod {
    /// Its name.
    pub period: String,
    /// Its results.
    pub results: Vec<MeasureResult>,
}

/// One measure's result: a KPI's observed `value`, or a feedback question's `counts` of answers
/// 1 to 5 (index 0 is 1, "strongly disagree"), or, for a feedback question, `suppressed: true`
/// with no counts (as `charter aggregate` gives a measure answered by too few people).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// A feedback measure answered by too few people to show: rated `suppressed`, with no counts.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
}

impl Monitoring {
    /// The suppression threshold in force.
    pub fn minimum_count(&self) -> u32 {
        self.minimum_count.unwrap_or(DEFAULT_MINIMUM_COUNT)
    }
}

fn check_results(charter: &Charter, results: &[MeasureResult], at: &str) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    let standards: std::collections::HashMap<&str, &crate::charter::Standard> = charter
        .standards
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    for (i, r) in results.iter().enumerate() {
        // The path is written only on error: one per result was a tenth of the check.
        let path = || format!("{at}[{i}]");
        let standard = standards.get(r.standard.as_str()).ok_or_else(|| {
            Error::new(
                ErrorKind::DanglingReference,
                format!("{}.standard", path()),
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
                    format!("{}.measure", path()),
                    format!(
                        "standard \"{}\" has no measure \"{}\"",
                        r.standard, r.measure
                    ),
                )
            })?;
        if !seen.insert(r.measure.as_str()) {
            return Err(Error::new(
                ErrorKind::DuplicateId,
                format!("{}.measure", path()),
                format!("measure \"{}\" has two results", r.measure),
            ));
        }
        if r.suppressed
            && (measure.kind != MeasureKind::Feedback || r.counts.is_some() || r.value.is_some())
        {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                format!("{}.suppressed", path()),
                format!(
                    "measure \"{}\" is marked \"suppressed\": true, which only a feedback question with no \"counts\" and no \"value\" can be",
                    r.measure
                ),
            ));
        }
        match (measure.kind, &r.value, &r.counts) {
            // Any finite value is a KPI's value.
            (MeasureKind::Kpi, Some(v), None) if v.is_finite() => {}
            // Answered by too few people to show (checked above).
            (MeasureKind::Feedback, None, None) if r.suppressed => {}
            (MeasureKind::Kpi, Some(v), None) => check_range(
                format!("{}.value", path()),
                "value",
                *v,
                f64::NEG_INFINITY,
                f64::INFINITY,
            )?,
            (MeasureKind::Feedback, None, Some(counts)) => {
                if counts.len() != 5 {
                    return Err(Error::new(
                        ErrorKind::InvalidValue,
                        format!("{}.counts", path()),
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
                    path(),
                    format!(
                        "measure \"{}\" is a KPI: give its \"value\" (and no \"counts\")",
                        r.measure
                    ),
                ))
            }
            (MeasureKind::Feedback, _, _) => {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    path(),
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

/// A red, amber or green rating, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    /// Below target minus tolerance (or above target plus tolerance, lower being better).
    Red,
    /// Short of target by no more than the tolerance.
    Amber,
    /// At or better than target.
    Green,
    /// Too few people answered to show anything (small numbers identify people).
    Suppressed,
    /// No result this period.
    NoData,
}

impl Rating {
    /// `red`, `amber`, `green`, `suppressed` or `no-data`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Red => "red",
            Rating::Amber => "amber",
            Rating::Green => "green",
            Rating::Suppressed => "suppressed",
            Rating::NoData => "no-data",
        }
    }

    fn is_rag(self) -> bool {
        matches!(self, Rating::Red | Rating::Amber | Rating::Green)
    }
}

/// Direction since the previous period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Trend {
    /// Better than the previous period.
    Better,
    /// The same.
    Same,
    /// Worse.
    Worse,
}

/// The result of [`monitor`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MonitoringResult {
    /// The period reported.
    pub period: String,
    /// The suppression threshold in force: a measure answered by fewer people is `suppressed`
    /// (so that a page can say "fewer than 5 responses" without a default of its own).
    #[serde(default = "default_minimum_count")]
    pub minimum_count: u32,
    /// Each standard of the charter, in charter order.
    pub standards: Vec<StandardRating>,
    /// Findings.
    pub diagnostics: Vec<Diagnostic>,
}

/// A result read back without its threshold (written before it was given) had the default.
fn default_minimum_count() -> u32 {
    DEFAULT_MINIMUM_COUNT
}

/// A standard's rating: its worst measure's, ignoring suppressed ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StandardRating {
    /// The standard.
    pub id: String,
    /// Its rating.
    pub rating: Rating,
    /// Since the previous period (none where either period has no red, amber or green rating).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    /// Each of its measures.
    pub measures: Vec<MeasureRating>,
}

/// A measure's rating. A suppressed measure shows neither its value nor its number of answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MeasureRating {
    /// The measure.
    pub measure: String,
    /// KPI or feedback.
    pub kind: MeasureKind,
    /// Its rating.
    pub rating: Rating,
    /// The KPI's value, or the percentage of 4s and 5s; null when suppressed or without data.
    pub value: Option<f64>,
    /// How many answered (feedback only); null when suppressed.
    pub n: Option<u32>,
    /// Since the previous period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
}

/// A measure's value and number of answers in one period, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Observed {
    Value(f64, Option<u32>),
    Suppressed,
    Missing,
}

/// A period's results, found by measure id: in the charter's order first, with no hashing
/// (`crate::find`), so that monitoring stays linear.
struct ByMeasure<'a> {
    results: &'a [MeasureResult],
    at: crate::find::InOrder<'a>,
}

impl<'a> ByMeasure<'a> {
    fn new(results: &'a [MeasureResult]) -> Self {
        ByMeasure {
            results,
            at: crate::find::InOrder::new(results.iter().map(|r| r.measure.as_str())),
        }
    }

    fn get(&mut self, measure: &str) -> Option<&'a MeasureResult> {
        self.at.find(measure).map(|i| &self.results[i])
    }
}

fn observe(measure: &Measure, results: &mut ByMeasure, minimum: u32) -> Observed {
    let Some(r) = results.get(measure.id.as_str()) else {
        return Observed::Missing;
    };
    match (&r.value, &r.counts) {
        (Some(v), _) => Observed::Value(*v, None),
        (None, Some(counts)) => {
            let n: u64 = counts.iter().map(|&c| u64::from(c)).sum();
            if n < u64::from(minimum) {
                return Observed::Suppressed;
            }
            // The value of a feedback measure: the percentage of answers that are 4 or 5.
            let positive = counts.iter().skip(3).map(|&c| u64::from(c)).sum::<u64>();
            Observed::Value(
                positive as f64 / n as f64 * 100.0,
                Some(u32::try_from(n).unwrap_or(u32::MAX)),
            )
        }
        (None, None) if r.suppressed => Observed::Suppressed,
        (None, None) => Observed::Missing,
    }
}

fn rate(measure: &Measure, value: f64) -> Rating {
    let (t, tol) = (measure.target, measure.tolerance);
    let (meets, near) = if measure.higher_is_better() {
        (value >= t, value >= t - tol)
    } else {
        (value <= t, value <= t + tol)
    };
    if meets {
        Rating::Green
    } else if near {
        Rating::Amber
    } else {
        Rating::Red
    }
}

fn trend_of_values(measure: &Measure, now: f64, before: f64) -> Trend {
    let better = if measure.higher_is_better() {
        now > before
    } else {
        now < before
    };
    if (now - before).abs() <= 1e-9 * now.abs().max(before.abs()).max(1.0) {
        Trend::Same
    } else if better {
        Trend::Better
    } else {
        Trend::Worse
    }
}

/// The worst rating among red, amber and green; else suppressed if any result was; else no data.
fn worst(ratings: impl Iterator<Item = Rating> + Clone) -> Rating {
    ratings.clone().filter(|r| r.is_rag()).min().unwrap_or(
        if ratings.into_iter().any(|r| r == Rating::Suppressed) {
            Rating::Suppressed
        } else {
            Rating::NoData
        },
    )
}

/// Rates each measure and standard for the period; with `today`, also whether the charter is
/// due for review.
pub fn monitor(doc: &Monitoring, today: Option<crate::Date>) -> Result<MonitoringResult> {
    let minimum = doc.minimum_count();
    let mut current = ByMeasure::new(&doc.results);
    let mut previous = doc.previous.as_ref().map(|p| ByMeasure::new(&p.results));
    let mut diagnostics = review_due(&doc.charter, today);
    let mut standards = Vec::with_capacity(doc.charter.standards.len());
    for standard in &doc.charter.standards {
        let mut measures = Vec::with_capacity(standard.measures.len());
        let mut before = Vec::new();
        for m in &standard.measures {
            let now = observe(m, &mut current, minimum);
            let then = previous
                .as_mut()
                .map_or(Observed::Missing, |p| observe(m, p, minimum));
            let (rating, value, n) = match now {
                Observed::Value(v, n) => (rate(m, v), Some(v), n),
                Observed::Suppressed => (Rating::Suppressed, None, None),
                Observed::Missing => (Rating::NoData, None, None),
            };
            let trend = match (now, then) {
                (Observed::Value(v, _), Observed::Value(p, _)) => Some(trend_of_values(m, v, p)),
                _ => None,
            };
            before.push(match then {
                Observed::Value(p, _) => rate(m, p),
                Observed::Suppressed => Rating::Suppressed,
                Observed::Missing => Rating::NoData,
            });
            measures.push(MeasureRating {
                measure: m.id.clone(),
                kind: m.kind,
                rating,
                value,
                n,
                trend,
            });
        }
        let rating = worst(measures.iter().map(|m| m.rating));
        let previous_rating = worst(before.iter().copied());
        let trend = (previous.is_some() && rating.is_rag() && previous_rating.is_rag()).then(
            || match rating.cmp(&previous_rating) {
                std::cmp::Ordering::Greater => Trend::Better,
                std::cmp::Ordering::Equal => Trend::Same,
                std::cmp::Ordering::Less => Trend::Worse,
            },
        );
        diagnostics.extend(no_data(&standard.id, rating, &doc.period));
        standards.push(StandardRating {
            id: standard.id.clone(),
            rating,
            trend,
            measures,
        });
    }
    Ok(MonitoringResult {
        period: doc.period.clone(),
        minimum_count: doc.minimum_count(),
        standards,
        diagnostics,
    })
}

/// `no-data`: a standard rated `no-data` in the period.
fn no_data(standard: &str, rating: Rating, period: &str) -> Option<Diagnostic> {
    (rating == Rating::NoData).then(|| {
        NO_DATA
            .finding(format!("standard {standard} has no results for {period}"))
            .label(crate::charter::STANDARD, standard)
    })
}

/// The ratings as text for a board paper or an email: words, not colour alone; suppressed results
/// say only that too few people answered.
pub fn to_text(doc: &Monitoring, result: &MonitoringResult) -> String {
    use std::fmt::Write;
    let mut out = format!("{}: {}\n", doc.charter.title, result.period);
    if let Some(p) = &doc.previous {
        let _ = writeln!(out, "Trends against {}", p.period);
    }
    let trend = |t: Option<Trend>| match t {
        Some(Trend::Better) => " (better)",
        Some(Trend::Same) => " (same)",
        Some(Trend::Worse) => " (worse)",
        None => "",
    };
    // Measure ids in one column, as wide as the longest.
    let width = result
        .standards
        .iter()
        .flat_map(|s| &s.measures)
        .map(|m| m.measure.chars().count())
        .max()
        .unwrap_or(0);
    for s in &result.standards {
        let _ = writeln!(
            out,
            "\n{} {}{}",
            s.id,
            s.rating.as_str().to_ascii_uppercase(),
            trend(s.trend)
        );
        for m in &s.measures {
            let detail = match (m.rating, m.value, m.n) {
                (Rating::Suppressed, _, _) => {
                    format!("fewer than {} responses", doc.minimum_count())
                }
                (_, Some(v), Some(n)) => format!("{v:.2}% positive of {n}"),
                (_, Some(v), None) => format!("{v:.2}"),
                _ => "no result".to_string(),
            };
            let kind = match m.kind {
                MeasureKind::Kpi => "KPI",
                MeasureKind::Feedback => "feedback",
            };
            let _ = writeln!(
                out,
                "  {:<width$} {:<9} {:<10} {}{}",
                m.measure,
                kind,
                m.rating.as_str(),
                detail,
                trend(m.trend)
            );
        }
    }
    for d in &result.diagnostics {
        let _ = writeln!(out, "{d}");
    }
    out
}
