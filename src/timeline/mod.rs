//! Consultation timelines: a plan of engagement, consultation, scrutiny, analysis, decision and
//! feedback, checked against the law (Gunning, health scrutiny, pre-election periods).

use serde::{Deserialize, Serialize};

use crate::calendar::Date;
use crate::document::{check_order, check_unique, Document, DocumentKind};
use crate::error::{Error, ErrorKind, Result};

mod ics;
mod rules;
mod status;
mod text;

pub use ics::to_ics;
pub use rules::findings;
pub use status::{check, check_with, ActivityStatus, KeyDate, Stage, Status, TimelineCheck};
pub use text::to_text;

/// This area's rules, in the order its checks run (gathered by [`crate::catalogue`]).
pub const RULES: &[&crate::diagnostic::Rule] = &[];

/// A consultation plan (`engagekit/timeline@1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Timeline {
    /// `engagekit/timeline@1`.
    pub schema: String,
    /// Stable id of the plan (used in calendar UIDs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The plan's title ("Stroke services review").
    pub title: String,
    /// The organisations running it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<String>,
    /// Whether the change is a substantial development or variation (health scrutiny applies).
    pub substantial_variation: bool,
    /// The activities.
    pub activities: Vec<Activity>,
    /// Pre-election periods that fall in the plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pre_election_periods: Vec<PreElectionPeriod>,
    /// Rules (minimum consultation length).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<TimelineRules>,
}

/// What an activity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum ActivityKind {
    /// Engagement before or around a consultation.
    Engagement,
    /// A formal public consultation.
    Consultation,
    /// A survey.
    Survey,
    /// An event (public meeting, roadshow, focus group).
    Event,
    /// Health overview and scrutiny committee.
    Scrutiny,
    /// Analysis of responses.
    Analysis,
    /// The decision.
    Decision,
    /// "You said, we did" feedback.
    Feedback,
    /// Publication of results or decisions.
    Publication,
    /// Implementation.
    Implementation,
    /// Anything else.
    Other,
}

/// One activity of the plan. Dates are inclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Activity {
    /// Stable id.
    pub id: String,
    /// What it is.
    pub kind: ActivityKind,
    /// Its title.
    pub title: String,
    /// First day.
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// Target number of responses or attendees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<u32>,
    /// Responses so far, by date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<ResponseCount>,
    /// Scrutiny: the date by which comments are wanted (regulation 23).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments_by: Option<Date>,
    /// Scrutiny: the date the decision is intended (regulation 23).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_by: Option<Date>,
}

/// A running total of responses on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResponseCount {
    /// The date of the count.
    pub date: Date,
    /// Responses received by then.
    pub count: u32,
}

/// A pre-election period (no new consultation is launched in one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreElectionPeriod {
    /// Which election.
    pub title: String,
    /// First day.
    pub start: Date,
    /// Last day (polling day).
    pub end: Date,
}

/// Rules of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimelineRules {
    /// A consultation shorter than this many weeks is flagged. Default 12.
    pub minimum_consultation_weeks: u32,
}

impl ActivityKind {
    /// The camelCase name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Engagement => "engagement",
            ActivityKind::Consultation => "consultation",
            ActivityKind::Survey => "survey",
            ActivityKind::Event => "event",
            ActivityKind::Scrutiny => "scrutiny",
            ActivityKind::Analysis => "analysis",
            ActivityKind::Decision => "decision",
            ActivityKind::Feedback => "feedback",
            ActivityKind::Publication => "publication",
            ActivityKind::Implementation => "implementation",
            ActivityKind::Other => "other",
        }
    }
}

impl Activity {
    /// Whether the activity is open on `day` (dates are inclusive).
    pub fn is_open_on(&self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }

    /// Its length in days, both ends counted.
    pub fn days(&self) -> i64 {
        self.end.days_since(self.start) + 1
    }
}

impl Timeline {
    /// The minimum consultation length in weeks.
    pub fn minimum_consultation_weeks(&self) -> u32 {
        self.rules
            .as_ref()
            .map_or(12, |r| r.minimum_consultation_weeks)
    }
}

impl Document for Timeline {
    const KIND: DocumentKind = DocumentKind::Timeline;

    fn check(&self) -> Result<()> {
        DocumentKind::Timeline.expect(Some(&self.schema))?;
        check_unique(
            "activity",
            self.activities
                .iter()
                .enumerate()
                .map(|(i, a)| (move || format!("activities[{i}].id"), a.id.as_str())),
        )?;
        for (i, a) in self.activities.iter().enumerate() {
            // The path and words are written only on error (100,000 activities are read).
            if a.end < a.start {
                check_order(
                    format!("activities[{i}].end"),
                    &format!("activity \"{}\"", a.id),
                    a.start,
                    a.end,
                )?;
            }
            for (j, r) in a.responses.iter().enumerate() {
                if r.date < a.start {
                    return Err(Error::new(
                        ErrorKind::DateOrder,
                        format!("activities[{i}].responses[{j}].date"),
                        format!(
                            "responses counted on {} are before activity \"{}\" starts on {}",
                            r.date, a.id, a.start
                        ),
                    ));
                }
            }
        }
        for (i, p) in self.pre_election_periods.iter().enumerate() {
            check_order(
                format!("preElectionPeriods[{i}].end"),
                &format!("pre-election period \"{}\"", p.title),
                p.start,
                p.end,
            )?;
        }
        Ok(())
    }
}
