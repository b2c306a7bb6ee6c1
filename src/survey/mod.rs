//! Surveys: what people said when a consultation closed, and what was done about it. A survey's
//! questions (`engagekit/survey@1`), its responses read from a CSV export ([`read_responses`]),
//! the summary for the consultation report with small numbers suppressed ([`summarise`]), themes
//! coded in the free text (`engagekit/coding@1`) and the "You said, we did" page
//! (`engagekit/outcomes@1`, [`check_outcomes`]).
//!
//! The survey area uses the shared leaves (documents, errors, findings, dates, suppression) and
//! no other area.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::calendar::Date;
use crate::diagnostic::LabelKind;
use crate::document::{check_range, check_ref, check_unique, Document, DocumentKind};
use crate::error::{Error, ErrorKind, Result};
use crate::suppression::DEFAULT_MINIMUM_COUNT;

mod html;
mod outcomes;
mod redact;
mod responses;
mod rules;
mod summary;

pub use html::summary_to;
pub(crate) use html::{decimal, plain};
pub use outcomes::{check_outcomes, OutcomeOptions, OutcomesCheck, StatusCounts};
pub use redact::redact;
pub use responses::{read_responses, Responses};
pub use summary::{
    read_summary, summarise, Breakdown, BreakdownGroup, Flag, NumberSummary, OptionCount,
    QuestionSummary, Representation, ScaleSummary, SummaryOptions, SurveySummary, TextSummary,
    ThemeCount,
};

/// This area's rules, in the order its checks run (gathered by [`crate::catalogue`]).
pub const RULES: &[&crate::diagnostic::Rule] = rules::RULES;

/// A finding about a question of the survey (`"question": "q3"`).
pub const QUESTION: LabelKind = LabelKind::id("question", 8);
/// A finding about an option of a question (`"option": "16-24"`), with its `question`.
pub const OPTION: LabelKind = LabelKind::id("option", 9);
/// A finding about a theme of the codebook (`"theme": "parking"`).
pub const THEME: LabelKind = LabelKind::id("theme", 10);
/// A finding about an item of "You said, we did" (`"item": "YS3"`).
pub const ITEM: LabelKind = LabelKind::id("item", 11);

/// Below this ratio of sample to population share a group is under-represented, when the survey
/// gives none (local policy).
pub const DEFAULT_UNDER_REPRESENTED: f64 = 0.8;
/// Above this ratio a group is over-represented, when the survey gives none (local policy).
pub const DEFAULT_OVER_REPRESENTED: f64 = 1.25;
/// How far a question's population shares may add up from 100 (shares rounded by their source).
pub const POPULATION_TOLERANCE: f64 = 1.0;
/// The most points a scale may have (a 0 to 10 scale has 11): counts are kept per point.
pub const MAX_SCALE_POINTS: i64 = 101;

/// A survey (`engagekit/survey@1`): its questions, and who lives in the area to compare the
/// respondents with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Survey {
    /// `engagekit/survey@1`.
    pub schema: String,
    /// Stable id (a coding document names its survey by it).
    pub id: String,
    /// The survey's title.
    pub title: String,
    /// The timeline activity the survey belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// The number of responses hoped for (finding `below-target`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<u32>,
    /// Counts of fewer people than this are suppressed. Default [`DEFAULT_MINIMUM_COUNT`] (5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_count: Option<u32>,
    /// The questions, in the order people see them.
    pub questions: Vec<Question>,
    /// Who lives in the area, by profile question, to compare the respondents with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<Population>,
    /// The representation thresholds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<SurveyRules>,
    /// The header text of each question's column in the responses, where an export tool names
    /// columns neither by id nor by the exact question text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, String>,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum QuestionType {
    /// One of the options.
    Single,
    /// Any of the options (separated by `;` in the responses).
    Multiple,
    /// A whole number on the question's scale (or the scale point's label).
    Scale,
    /// Free text.
    Text,
    /// A number.
    Number,
}

impl QuestionType {
    /// `single`, `multiple`, `scale`, `text` or `number`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionType::Single => "single",
            QuestionType::Multiple => "multiple",
            QuestionType::Scale => "scale",
            QuestionType::Text => "text",
            QuestionType::Number => "number",
        }
    }

    /// Single or multiple choice: the answers are options.
    pub fn has_options(self) -> bool {
        matches!(self, QuestionType::Single | QuestionType::Multiple)
    }
}

/// What a question is about, when it is not the proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum About {
    /// A profile or equality question (age, sex, ethnicity, disability, area...).
    Respondent,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Question {
    /// Stable id, unique in the survey.
    pub id: String,
    /// The question as people read it.
    pub text: String,
    /// What kind of answer it takes.
    #[serde(rename = "type")]
    pub kind: QuestionType,
    /// The options of a single or multiple choice question (and of no other).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<String>>,
    /// The scale of a scale question (and of no other).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "SurveyScale"))]
    pub scale: Option<Scale>,
    /// `respondent` for profile and equality questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<About>,
    /// Shown only to people who gave one of these answers to an earlier question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<ShowIf>,
}

impl Question {
    /// The options (none for questions without).
    pub fn options(&self) -> &[String] {
        self.options.as_deref().unwrap_or_default()
    }
}

/// A scale of whole numbers from `min` to `max`; the top two points are agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
// `SurveyScale` in the TypeScript declarations: the evaluation's scoring `Scale` has the name.
#[cfg_attr(target_arch = "wasm32", tsify(rename = "SurveyScale"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scale {
    /// The lowest point.
    pub min: i32,
    /// The highest point.
    pub max: i32,
    /// A label per point, lowest first ("Strongly disagree" ... "Strongly agree").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
}

impl Scale {
    /// How many points it has.
    pub fn points(&self) -> usize {
        usize::try_from(i64::from(self.max) - i64::from(self.min) + 1).unwrap_or(0)
    }
}

/// When a question is shown: to those whose answer to `question` is any of `anyOf`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShowIf {
    /// A single or multiple choice question.
    pub question: String,
    /// Its options that show this question.
    pub any_of: Vec<String>,
}

/// Who lives in the area: for each profile question, each option's share of the population in
/// percent (census figures, say).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Population {
    /// Where the shares come from ("Census 2021, Kent and Medway").
    pub source: String,
    /// Shares by question id, then by option.
    pub groups: BTreeMap<String, BTreeMap<String, f64>>,
}

/// The representation thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SurveyRules {
    /// A ratio of sample to population share below this is `under`. Default 0.8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under_represented: Option<f64>,
    /// A ratio above this is `over`. Default 1.25.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over_represented: Option<f64>,
}

impl Survey {
    /// The suppression threshold in force.
    pub fn minimum_count(&self) -> u32 {
        self.minimum_count.unwrap_or(DEFAULT_MINIMUM_COUNT)
    }

    /// The under- and over-representation thresholds in force.
    pub fn thresholds(&self) -> (f64, f64) {
        let rules = self.rules.as_ref();
        (
            rules
                .and_then(|r| r.under_represented)
                .unwrap_or(DEFAULT_UNDER_REPRESENTED),
            rules
                .and_then(|r| r.over_represented)
                .unwrap_or(DEFAULT_OVER_REPRESENTED),
        )
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    fn check_question(&self, i: usize, q: &Question, ids: &HashSet<&str>) -> Result<()> {
        let at = |field: &str| format!("questions[{i}].{field}");
        match (q.kind.has_options(), &q.options) {
            (true, None) => {
                return Err(Error::new(
                    ErrorKind::MissingField,
                    at("options"),
                    format!(
                        "{} question \"{}\" has no options",
                        q.kind.as_str(),
                        q.id
                    ),
                ))
            }
            (true, Some(options)) => check_options(&at("options"), q, options)?,
            (false, Some(_)) => {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    at("options"),
                    format!(
                        "{} question \"{}\" has options: only single and multiple choice questions have them",
                        q.kind.as_str(),
                        q.id
                    ),
                ))
            }
            (false, None) => {}
        }
        match (q.kind == QuestionType::Scale, &q.scale) {
            (true, None) => {
                return Err(Error::new(
                    ErrorKind::MissingField,
                    at("scale"),
                    format!("scale question \"{}\" has no scale", q.id),
                ))
            }
            (true, Some(scale)) => check_scale(&at("scale"), scale)?,
            (false, Some(_)) => {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    at("scale"),
                    format!(
                        "{} question \"{}\" has a scale: only scale questions have one",
                        q.kind.as_str(),
                        q.id
                    ),
                ))
            }
            (false, None) => {}
        }
        if let Some(show) = &q.show_if {
            self.check_show_if(&at("showIf"), q, show, ids)?;
        }
        Ok(())
    }

    fn check_show_if(
        &self,
        at: &str,
        q: &Question,
        show: &ShowIf,
        ids: &HashSet<&str>,
    ) -> Result<()> {
        check_ref(ids, "question", format!("{at}.question"), &show.question)?;
        let shown_by = self.question(&show.question);
        let Some(shown_by) = shown_by.filter(|s| s.kind.has_options() && s.id != q.id) else {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                format!("{at}.question"),
                format!(
                    "question \"{}\" is shown by \"{}\", which is not another single or multiple choice question",
                    q.id, show.question
                ),
            ));
        };
        if show.any_of.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                format!("{at}.anyOf"),
                format!(
                    "question \"{}\" is shown by no answer (anyOf is empty)",
                    q.id
                ),
            ));
        }
        for (j, option) in show.any_of.iter().enumerate() {
            if !shown_by.options().contains(option) {
                return Err(Error::new(
                    ErrorKind::DanglingReference,
                    format!("{at}.anyOf[{j}]"),
                    format!("question \"{}\" has no option \"{option}\"", shown_by.id),
                ));
            }
        }
        Ok(())
    }

    fn check_population(&self, population: &Population, ids: &HashSet<&str>) -> Result<()> {
        for (question, shares) in &population.groups {
            let at = format!("population.groups.{question}");
            check_ref(ids, "question", at.clone(), question)?;
            let q = self.question(question).filter(|q| q.kind.has_options());
            let Some(q) = q else {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    at,
                    format!(
                        "question \"{question}\" has no options to compare with the population"
                    ),
                ));
            };
            let mut total = 0.0;
            for (option, &share) in shares {
                let path = format!("{at}.{option}");
                if !q.options().contains(option) {
                    return Err(Error::new(
                        ErrorKind::DanglingReference,
                        path,
                        format!("question \"{question}\" has no option \"{option}\""),
                    ));
                }
                check_range(path.clone(), "population share", share, 0.0, 100.0)?;
                if share <= 0.0 {
                    return Err(Error::new(
                        ErrorKind::OutOfRange,
                        path,
                        format!("population share {share} must be above 0"),
                    ));
                }
                total += share;
            }
            if (total - 100.0).abs() > POPULATION_TOLERANCE {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    at,
                    format!(
                        "the population shares of question \"{question}\" add up to {}, not 100 (within {POPULATION_TOLERANCE})",
                        (total * 100.0).round() / 100.0
                    ),
                ));
            }
        }
        Ok(())
    }

    fn check_rules(&self) -> Result<()> {
        let (under, over) = self.thresholds();
        check_range(
            "rules.underRepresented".into(),
            "threshold",
            under,
            0.0,
            1.0,
        )?;
        check_range(
            "rules.overRepresented".into(),
            "threshold",
            over,
            1.0,
            f64::INFINITY,
        )?;
        Ok(())
    }

    fn check_columns(&self, ids: &HashSet<&str>) -> Result<()> {
        let mut headers = HashSet::new();
        for (question, header) in &self.columns {
            let at = format!("columns.{question}");
            check_ref(ids, "question", at.clone(), question)?;
            let header = header.trim();
            if header.is_empty() || responses::is_reserved(header) {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    at,
                    format!("\"{header}\" cannot name a question's column"),
                ));
            }
            if !headers.insert(header) {
                return Err(Error::new(
                    ErrorKind::DuplicateId,
                    at,
                    format!("column \"{header}\" is given to two questions"),
                ));
            }
        }
        Ok(())
    }
}

/// Options are non-empty, unique and, in a multiple choice question, free of `;` (which
/// separates the choices in the responses).
fn check_options(at: &str, q: &Question, options: &[String]) -> Result<()> {
    if options.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidValue,
            at,
            format!("{} question \"{}\" has no options", q.kind.as_str(), q.id),
        ));
    }
    let mut seen = HashSet::new();
    for (j, option) in options.iter().enumerate() {
        let path = format!("{at}[{j}]");
        if option.trim().is_empty() || option.trim() != option {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                path,
                format!("option \"{option}\" is empty or starts or ends with a space"),
            ));
        }
        if q.kind == QuestionType::Multiple && option.contains(';') {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                path,
                format!("option \"{option}\" has a \";\", which separates the choices of a multiple choice answer"),
            ));
        }
        if !seen.insert(option.as_str()) {
            return Err(Error::new(
                ErrorKind::DuplicateId,
                path,
                format!("option \"{option}\" is given twice"),
            ));
        }
    }
    Ok(())
}

fn check_scale(at: &str, scale: &Scale) -> Result<()> {
    let span = i64::from(scale.max) - i64::from(scale.min) + 1;
    if scale.min >= scale.max {
        return Err(Error::new(
            ErrorKind::InvalidValue,
            format!("{at}.max"),
            format!("scale max {} is not above its min {}", scale.max, scale.min),
        ));
    }
    if span > MAX_SCALE_POINTS {
        return Err(Error::new(
            ErrorKind::OutOfRange,
            format!("{at}.max"),
            format!(
                "a scale from {} to {} has {span} points, more than {MAX_SCALE_POINTS}",
                scale.min, scale.max
            ),
        ));
    }
    if let Some(labels) = &scale.labels {
        if i64::try_from(labels.len()).unwrap_or(i64::MAX) != span {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                format!("{at}.labels"),
                format!(
                    "a scale from {} to {} has {span} points, but {} labels",
                    scale.min,
                    scale.max,
                    labels.len()
                ),
            ));
        }
    }
    Ok(())
}

impl Document for Survey {
    const KIND: DocumentKind = DocumentKind::Survey;

    fn check(&self) -> Result<()> {
        DocumentKind::Survey.expect(Some(&self.schema))?;
        if self.id.trim().is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                "id",
                "a survey id must not be empty",
            ));
        }
        if self.minimum_count == Some(0) {
            return Err(Error::new(
                ErrorKind::OutOfRange,
                "minimumCount",
                "minimum count 0 is out of range (it must be at least 1)",
            ));
        }
        let ids = check_unique(
            "question",
            self.questions
                .iter()
                .enumerate()
                .map(|(i, q)| (move || format!("questions[{i}].id"), q.id.as_str())),
        )?;
        for (i, q) in self.questions.iter().enumerate() {
            self.check_question(i, q, &ids)?;
        }
        if let Some(population) = &self.population {
            self.check_population(population, &ids)?;
        }
        self.check_rules()?;
        self.check_columns(&ids)
    }
}

/// Themes coded in the free-text answers (`engagekit/coding@1`), usually by analysts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Coding {
    /// `engagekit/coding@1`.
    pub schema: String,
    /// The survey's id.
    pub survey: String,
    /// The themes.
    pub codebook: Vec<Theme>,
    /// The coded answers.
    pub coded: Vec<Coded>,
}

/// One theme of the codebook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Theme {
    /// Stable id.
    pub id: String,
    /// What it is, for people.
    pub title: String,
}

/// One text answer coded: the response (its `response` id in the CSV), the text question, its
/// themes, and whether it may be quoted (then shown with contact details removed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Coded {
    /// The response's id.
    pub response: String,
    /// The text question.
    pub question: String,
    /// Theme ids of the codebook (none: read, and no theme applies).
    pub themes: Vec<String>,
    /// May be quoted in the report.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quote: bool,
}

impl Document for Coding {
    const KIND: DocumentKind = DocumentKind::Coding;

    fn check(&self) -> Result<()> {
        DocumentKind::Coding.expect(Some(&self.schema))?;
        let themes = check_unique(
            "theme",
            self.codebook
                .iter()
                .enumerate()
                .map(|(i, t)| (move || format!("codebook[{i}].id"), t.id.as_str())),
        )?;
        let mut seen = HashSet::new();
        for (i, c) in self.coded.iter().enumerate() {
            if !seen.insert((c.response.as_str(), c.question.as_str())) {
                return Err(Error::new(
                    ErrorKind::DuplicateId,
                    format!("coded[{i}]"),
                    format!(
                        "the answer of response \"{}\" to question \"{}\" is coded twice",
                        c.response, c.question
                    ),
                ));
            }
            let mut own = HashSet::new();
            for (j, theme) in c.themes.iter().enumerate() {
                let path = format!("coded[{i}].themes[{j}]");
                check_ref(&themes, "theme", path.clone(), theme)?;
                if !own.insert(theme.as_str()) {
                    return Err(Error::new(
                        ErrorKind::DuplicateId,
                        path,
                        format!("theme \"{theme}\" is given twice"),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl Coding {
    /// Checks the coding belongs to `survey` and codes its text questions: errors name the
    /// coding's paths under `coding`.
    pub fn check_against(&self, survey: &Survey) -> Result<()> {
        if self.survey != survey.id {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                "coding.survey",
                format!(
                    "the coding is of survey \"{}\", not of \"{}\"",
                    self.survey, survey.id
                ),
            ));
        }
        for (i, c) in self.coded.iter().enumerate() {
            let q = survey.question(&c.question);
            if !q.is_some_and(|q| q.kind == QuestionType::Text) {
                return Err(Error::new(
                    if q.is_some() {
                        ErrorKind::InvalidValue
                    } else {
                        ErrorKind::DanglingReference
                    },
                    format!("coding.coded[{i}].question"),
                    format!("the survey has no text question \"{}\" to code", c.question),
                ));
            }
        }
        Ok(())
    }

    /// The theme's title.
    pub fn title(&self, theme: &str) -> Option<&str> {
        self.codebook
            .iter()
            .find(|t| t.id == theme)
            .map(|t| t.title.as_str())
    }
}

/// "You said, we did" (`engagekit/outcomes@1`): what people said, and what was done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Outcomes {
    /// `engagekit/outcomes@1`.
    pub schema: String,
    /// The page's title.
    pub title: String,
    /// The consultation (or survey) it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultation: Option<String>,
    /// The items.
    pub items: Vec<OutcomeItem>,
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeStatus {
    /// Agreed, not started.
    Planned,
    /// Under way.
    InProgress,
    /// Done.
    Done,
    /// Asked for, and cannot be done (the reason says why).
    NotPossible,
}

impl OutcomeStatus {
    /// `planned`, `in-progress`, `done` or `not-possible`.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeStatus::Planned => "planned",
            OutcomeStatus::InProgress => "in-progress",
            OutcomeStatus::Done => "done",
            OutcomeStatus::NotPossible => "not-possible",
        }
    }
}

/// One "You said, we did" item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OutcomeItem {
    /// Stable id.
    pub id: String,
    /// The codebook theme it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// What people said.
    pub you_said: String,
    /// What was (or will be) done.
    pub we_did: String,
    /// Where it stands.
    pub status: OutcomeStatus,
    /// Why it cannot be done (needed with `not-possible`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// The decision it comes from ("Governing Body, 14 March 2018, item 7").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
}

impl Document for Outcomes {
    const KIND: DocumentKind = DocumentKind::Outcomes;

    fn check(&self) -> Result<()> {
        DocumentKind::Outcomes.expect(Some(&self.schema))?;
        check_unique(
            "item",
            self.items
                .iter()
                .enumerate()
                .map(|(i, item)| (move || format!("items[{i}].id"), item.id.as_str())),
        )?;
        Ok(())
    }
}
