//! Feedback from service users (the young people's form): responses turned into the counts of a
//! monitoring document. No personal data is kept in a response.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{MeasureResult, DEFAULT_MINIMUM_COUNT};
use crate::calendar::Date;
use crate::charter::{Charter, MeasureKind};
use crate::error::{Error, ErrorKind, Result};

/// One person's answers: the charter's feedback measures, each on the 1 to 5 scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FeedbackResponse {
    /// Answers keyed by feedback measure id (1 "strongly disagree" to 5 "strongly agree").
    pub answers: BTreeMap<String, u32>,
    /// When it was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted: Option<Date>,
    /// Optional free-text comments keyed by feedback measure id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub comments: BTreeMap<String, String>,
}

/// The aggregate of responses: monitoring `results` and the comments that may be shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FeedbackAggregate {
    /// How many responses were read; null when fewer than `minimumCount`, as a count that small
    /// identifies people (and every measure is then suppressed too).
    pub respondents: Option<u32>,
    /// One result per feedback measure of the charter, in charter order: its counts, or, for a
    /// measure answered by fewer than `minimumCount` people, `counts: null` and `suppressed: true`.
    /// Each can be given as it is in a monitoring document's `results`.
    pub results: Vec<FeedbackResult>,
    /// Comments on measures answered by at least `minimumCount` people; comments on the others
    /// are withheld, never shown beside a count too small to show.
    pub comments: Vec<FeedbackComment>,
}

/// One feedback measure's answers, as a monitoring document's `results` take them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FeedbackResult {
    /// The standard.
    pub standard: String,
    /// The feedback measure.
    pub measure: String,
    /// The counts of answers 1 to 5 (index 0 is 1, "strongly disagree"); null when suppressed.
    pub counts: Option<Vec<u32>>,
    /// True when fewer than `minimumCount` people answered: then neither the counts nor their
    /// number is given.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
}

impl From<FeedbackResult> for MeasureResult {
    fn from(r: FeedbackResult) -> Self {
        MeasureResult {
            standard: r.standard,
            measure: r.measure,
            value: None,
            counts: r.counts,
            suppressed: r.suppressed,
        }
    }
}

/// A comment on one measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FeedbackComment {
    /// The measure.
    pub measure: String,
    /// The words.
    pub text: String,
}

/// Counts the answers to each feedback measure. A measure answered by fewer than
/// `minimum_count` people (default [`DEFAULT_MINIMUM_COUNT`]) is suppressed: no counts, and its
/// comments withheld. An answer to a measure the charter does not have, or outside 1 to 5, is an
/// input error naming the response.
pub fn aggregate_feedback(
    charter: &Charter,
    responses: &[FeedbackResponse],
    minimum_count: Option<u32>,
) -> Result<FeedbackAggregate> {
    let minimum_count = minimum_count.unwrap_or(DEFAULT_MINIMUM_COUNT);
    let feedback: Vec<(&str, &str)> = charter
        .measures()
        .filter(|(_, m)| m.kind == MeasureKind::Feedback)
        .map(|(s, m)| (s.id.as_str(), m.id.as_str()))
        .collect();
    let mut counts: BTreeMap<&str, [u32; 5]> = feedback.iter().map(|(_, m)| (*m, [0; 5])).collect();
    for (i, r) in responses.iter().enumerate() {
        for (measure, &answer) in &r.answers {
            let path = format!("responses[{i}].answers.{measure}");
            let slot = counts.get_mut(measure.as_str()).ok_or_else(|| {
                Error::new(
                    ErrorKind::DanglingReference,
                    path.clone(),
                    format!("the charter has no feedback measure \"{measure}\""),
                )
            })?;
            if !(1..=5).contains(&answer) {
                return Err(Error::new(
                    ErrorKind::OutOfRange,
                    path,
                    format!("answer {answer} is outside the scale 1 to 5"),
                ));
            }
            slot[answer as usize - 1] = slot[answer as usize - 1].saturating_add(1);
        }
        for measure in r.comments.keys() {
            if !counts.contains_key(measure.as_str()) {
                return Err(Error::new(
                    ErrorKind::DanglingReference,
                    format!("responses[{i}].comments.{measure}"),
                    format!("the charter has no feedback measure \"{measure}\""),
                ));
            }
        }
    }
    // Summed in u64: a count of u32::MAX answers and one more does not wrap to a small number.
    let shown = |m: &str| {
        counts.get(m).is_some_and(|c| {
            crate::suppression::shows(c.iter().map(|&n| u64::from(n)).sum(), minimum_count)
        })
    };
    let comments = responses
        .iter()
        .flat_map(|r| r.comments.iter())
        .filter(|(m, text)| shown(m) && !text.trim().is_empty())
        .map(|(m, text)| FeedbackComment {
            measure: m.clone(),
            text: text.clone(),
        })
        .collect();
    let results = feedback
        .iter()
        .map(|(s, m)| {
            let suppressed = !shown(m);
            FeedbackResult {
                standard: (*s).to_string(),
                measure: (*m).to_string(),
                counts: if suppressed {
                    None
                } else {
                    counts.get(m).map(|c| c.to_vec())
                },
                suppressed,
            }
        })
        .collect();
    Ok(FeedbackAggregate {
        respondents: u32::try_from(responses.len())
            .ok()
            .filter(|&n| n >= minimum_count),
        results,
        comments,
    })
}
