//! Consultation timelines: a plan of engagement, consultation, scrutiny, notification, analysis,
//! decision and feedback, checked against the law (Gunning, health scrutiny, the notification of
//! the Secretary of State), guidance (pre-election periods, holiday periods) and local policy.

use serde::{Deserialize, Serialize};

use crate::calendar::Date;
use crate::diagnostic::LabelKind;
use crate::document::{check_order, check_unique, Document, DocumentKind};
use crate::error::{Error, ErrorKind, Result};

mod html;
mod ics;
mod rules;
mod status;
mod text;

pub use html::public_html;
pub use ics::to_ics;
pub use rules::findings;
pub use status::{check, check_with, ActivityStatus, KeyDate, Stage, Status, TimelineCheck};
pub use text::to_text;

/// This area's rules, in the order its checks run (gathered by [`crate::catalogue`]).
pub const RULES: &[&crate::diagnostic::Rule] = rules::RULES;

/// A finding about an activity of the plan (`"activity": "consultation"`).
pub const ACTIVITY: LabelKind = LabelKind::id("activity", 3);

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
    /// Rules (minimum consultation length, holiday periods).
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
    /// A notification (to the Secretary of State of a notifiable reconfiguration, to Healthwatch,
    /// to members); `recipient` says to whom.
    Notification,
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
// A notification has a recipient, and no other kind has one (checked on load, `Document::check`).
#[cfg_attr(
    feature = "schema",
    schemars(extend(
        "if" = {"properties": {"kind": {"const": "notification"}}, "required": ["kind"]},
        "then" = {"required": ["recipient"]},
        "else" = {"not": {"required": ["recipient"]}}
    ))
)]
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
    /// Notification: who is notified. Required on a notification, and on no other kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Recipient>,
}

/// Who a notification goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Recipient {
    /// The Secretary of State for Health and Social Care (a notifiable reconfiguration, NHS Act
    /// 2006 Schedule 10A paragraph 2).
    SecretaryOfState,
    /// Local Healthwatch.
    Healthwatch,
    /// Members (of the board, the council, Parliament).
    Members,
    /// Anyone else.
    Other,
}

impl Recipient {
    /// Every recipient.
    pub const ALL: [Recipient; 4] = [
        Recipient::SecretaryOfState,
        Recipient::Healthwatch,
        Recipient::Members,
        Recipient::Other,
    ];

    /// The recipient in words ("Secretary of State"), as a drop-down list shows it.
    pub fn words(self) -> &'static str {
        match self {
            Recipient::SecretaryOfState => "Secretary of State",
            Recipient::Healthwatch => "Healthwatch",
            Recipient::Members => "members",
            Recipient::Other => "other",
        }
    }

    /// The camelCase name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            Recipient::SecretaryOfState => "secretaryOfState",
            Recipient::Healthwatch => "healthwatch",
            Recipient::Members => "members",
            Recipient::Other => "other",
        }
    }
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

/// A pre-election period (no new consultation is launched in one; one that is open is not
/// promoted; results and decisions wait until after polling day).
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

/// A holiday period in which people have less time to respond (`rules.holidayPeriods`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HolidayPeriod {
    /// Which holiday ("Christmas and New Year").
    pub title: String,
    /// First day.
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
}

/// Rules of a plan: the organisation's own choices, each with a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimelineRules {
    /// A consultation shorter than this many weeks is flagged (local policy). Default
    /// [`DEFAULT_MINIMUM_CONSULTATION_WEEKS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_consultation_weeks: Option<u32>,
    /// The holiday periods a consultation or survey should avoid. Given, they replace the
    /// defaults (24 December to 1 January, Good Friday to Easter Monday, August); an empty list
    /// checks none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holiday_periods: Option<Vec<HolidayPeriod>>,
}

/// The minimum consultation length when a plan gives none: 12 weeks, the toolkit's local-policy
/// default (the norm for NHS service change consultations; not a legal minimum).
pub const DEFAULT_MINIMUM_CONSULTATION_WEEKS: u32 = 12;

/// The kinds, recipients and the fields each kind has beyond the common ones, for a form that
/// edits a plan (the plan editor's drop-downs and the fields it shows per kind): the core's lists,
/// so that no page keeps its own.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    /// Every kind: its name, its words and the fields it has beyond id, kind, title and dates.
    pub kinds: Vec<KindWords>,
    /// Every recipient of a notification: its name and words.
    pub recipients: Vec<KindWords>,
}

/// A kind's (or a recipient's) name in documents, its words, and the further fields it has.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct KindWords {
    /// As documents name it (`scrutiny`).
    pub id: &'static str,
    /// As people read it ("Health scrutiny (council committee)").
    pub words: &'static str,
    /// Its further fields (`commentsBy`, `decisionBy`, ...); none for a recipient.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub fields: &'static [&'static str],
}

/// The plan's vocabulary ([`Vocabulary`]).
pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        kinds: ActivityKind::ALL
            .iter()
            .map(|k| KindWords {
                id: k.as_str(),
                words: k.words(),
                fields: k.fields(),
            })
            .collect(),
        recipients: Recipient::ALL
            .iter()
            .map(|r| KindWords {
                id: r.as_str(),
                words: r.words(),
                fields: &[],
            })
            .collect(),
    }
}

impl ActivityKind {
    /// Every kind, in the order SCHEMAS.md lists them.
    pub const ALL: [ActivityKind; 12] = [
        ActivityKind::Engagement,
        ActivityKind::Consultation,
        ActivityKind::Survey,
        ActivityKind::Event,
        ActivityKind::Scrutiny,
        ActivityKind::Analysis,
        ActivityKind::Decision,
        ActivityKind::Feedback,
        ActivityKind::Publication,
        ActivityKind::Implementation,
        ActivityKind::Notification,
        ActivityKind::Other,
    ];

    /// The kind in words, as a form's drop-down shows it.
    pub fn words(self) -> &'static str {
        match self {
            ActivityKind::Engagement => "Engagement",
            ActivityKind::Consultation => "Public consultation",
            ActivityKind::Survey => "Survey",
            ActivityKind::Event => "Event (meeting, roadshow, focus group)",
            ActivityKind::Scrutiny => "Health scrutiny (council committee)",
            ActivityKind::Analysis => "Analysis of responses",
            ActivityKind::Decision => "Decision",
            ActivityKind::Feedback => "Feedback (you said, we did)",
            ActivityKind::Notification => "Notification",
            ActivityKind::Publication => "Publication",
            ActivityKind::Implementation => "Implementation",
            ActivityKind::Other => "Other",
        }
    }

    /// The fields an activity of this kind has beyond id, kind, title, start and end, in the
    /// document's names: a scrutiny's dates given to the committee (regulation 23(4)(a)), a
    /// notification's recipient (required, and on no other kind), an event's venue, a target of
    /// responses or people for what people take part in.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            ActivityKind::Scrutiny => &["commentsBy", "decisionBy", "venue"],
            ActivityKind::Notification => &["recipient"],
            ActivityKind::Event => &["venue", "target"],
            ActivityKind::Engagement | ActivityKind::Consultation | ActivityKind::Survey => {
                &["target"]
            }
            _ => &[],
        }
    }

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
            ActivityKind::Notification => "notification",
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
    /// The minimum consultation length in weeks: the plan's own, else
    /// [`DEFAULT_MINIMUM_CONSULTATION_WEEKS`].
    pub fn minimum_consultation_weeks(&self) -> u32 {
        self.rules
            .as_ref()
            .and_then(|r| r.minimum_consultation_weeks)
            .unwrap_or(DEFAULT_MINIMUM_CONSULTATION_WEEKS)
    }

    /// The plan's own holiday periods, if it gives them (`None`: the defaults apply).
    pub fn holiday_periods(&self) -> Option<&[HolidayPeriod]> {
        self.rules.as_ref()?.holiday_periods.as_deref()
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
            match (a.kind, a.recipient) {
                (ActivityKind::Notification, None) => {
                    return Err(Error::new(
                        ErrorKind::MissingField,
                        format!("activities[{i}].recipient"),
                        format!(
                            "notification \"{}\" has no recipient: say who is notified (\"secretaryOfState\", \"healthwatch\", \"members\" or \"other\")",
                            a.id
                        ),
                    ));
                }
                (kind, Some(r)) if kind != ActivityKind::Notification => {
                    return Err(Error::new(
                        ErrorKind::InvalidValue,
                        format!("activities[{i}].recipient"),
                        format!(
                            "recipient \"{}\" is given on activity \"{}\" of kind \"{}\": only a notification has a recipient",
                            r.as_str(),
                            a.id,
                            kind.as_str()
                        ),
                    ));
                }
                _ => {}
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
        for (i, p) in self
            .holiday_periods()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            check_order(
                format!("rules.holidayPeriods[{i}].end"),
                &format!("holiday period \"{}\"", p.title),
                p.start,
                p.end,
            )?;
        }
        Ok(())
    }
}
