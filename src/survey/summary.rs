//! The summary of a survey's responses for the consultation report: counts and percents per
//! question, scale and number statistics, themes in the free text, representation against the
//! population and a breakdown by one question, with small numbers suppressed.
//!
//! Counting and showing are apart: each question is first tallied ([`Tally`]: its cells, one per
//! option, scale point or theme), then the cells to hide are chosen ([`Hidden`]), then the output
//! is written from both. Rounding: percents to one decimal place, means, medians and ratios to
//! two, halves away from zero; percents are computed in whole numbers (tenths of a percent), so
//! that they are exact and the same on every platform.

use serde::{Deserialize, Deserializer, Serialize};

use super::redact::redact;
use super::responses::{Answers, Responses};
use super::rules::{ANSWERED_WHEN_HIDDEN, BELOW_TARGET, UNCODED_ANSWERS, UNDER_REPRESENTED};
use super::{Coded, Coding, Question, QuestionType, Survey, OPTION, QUESTION};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, ErrorKind, Result};
use crate::suppression::{is_small, shows, suppressed_cells};

/// What to summarise besides the questions: a breakdown by a single-choice question, and the
/// themes coded in the free text.
#[derive(Debug, Clone, Copy, Default)]
pub struct SummaryOptions<'a> {
    /// The id of a single-choice question to break the summary down by (CLI `--by`).
    pub by: Option<&'a str>,
    /// Themes coded in the text answers (CLI `--coding`).
    pub coding: Option<&'a Coding>,
}

/// The summary (`engagekit survey summarise`, JS `summariseSurvey`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SurveySummary {
    /// The survey's id.
    pub survey: String,
    /// The survey's title.
    pub title: String,
    /// The suppression threshold in force.
    pub minimum_count: u32,
    /// How many responses were read; null when fewer than `minimumCount`.
    pub responses: Option<u32>,
    /// One per question, in the survey's order.
    pub questions: Vec<QuestionSummary>,
    /// Each population group beside its share of the respondents.
    pub representation: Vec<Representation>,
    /// The questions again, per answer to the `by` question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<Breakdown>,
    /// Findings.
    pub diagnostics: Vec<Diagnostic>,
}

/// One question's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuestionSummary {
    /// The question's id.
    pub id: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: QuestionType,
    /// How many answered it; null when fewer than `minimumCount` (then no count is shown).
    pub answered: Option<u32>,
    /// How many were shown it (by its `showIf`) and did not answer; null with `answered`.
    pub skipped: Option<u32>,
    /// True when fewer than `minimumCount` answered: no counts at all.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
    /// A choice question's options, in the survey's order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<OptionCount>>,
    /// A scale question's statistics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<ScaleSummary>,
    /// A number question's statistics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<NumberSummary>,
    /// A text question's coverage, themes and quotes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<TextSummary>,
}

/// One option's count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OptionCount {
    /// The option.
    pub option: String,
    /// How many chose it; null when suppressed.
    pub count: Option<u32>,
    /// Percent of those who answered the question (one decimal); null when suppressed.
    pub percent: Option<f64>,
    /// True when the count is hidden (a small number, or the one that would give it away).
    pub suppressed: bool,
}

/// A scale question's statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScaleSummary {
    /// The count of each point, lowest first; null where suppressed.
    pub counts: Vec<Option<u32>>,
    /// The mean (two decimals); null when any point is suppressed, as it would give the hidden
    /// counts away.
    pub mean: Option<f64>,
    /// The median (the mean of the two middle answers when their number is even).
    pub median: Option<f64>,
    /// Percent of those who answered choosing one of the top two points; null when either that
    /// number or the rest is a small number, or the hidden points lie on both sides of it.
    pub agree_percent: Option<f64>,
}

/// A number question's statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NumberSummary {
    /// The mean (two decimals).
    pub mean: Option<f64>,
    /// The median (two decimals).
    pub median: Option<f64>,
    /// The smallest answer.
    pub min: Option<f64>,
    /// The largest answer.
    pub max: Option<f64>,
}

/// A text question's answers and the themes coded in them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TextSummary {
    /// How many answered; null when suppressed.
    pub answered: Option<u32>,
    /// With a coding: how many of the answers are coded (null when a small number).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub coded: Option<Option<u32>>,
    /// With a coding: each theme's count among the coded answers, in codebook order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<ThemeCount>,
    /// Answers marked `quote: true`, with e-mail addresses, phone numbers and postcodes
    /// replaced by `[removed]` (none in a breakdown, none for a suppressed question).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<String>,
}

/// One theme's count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThemeCount {
    /// The theme's id.
    pub theme: String,
    /// Its title.
    pub title: String,
    /// How many coded answers raise it; null when suppressed.
    pub count: Option<u32>,
    /// Percent of the coded answers (one decimal); null when suppressed.
    pub percent: Option<f64>,
    /// True when hidden.
    pub suppressed: bool,
}

/// A group of the population beside its share of the respondents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Representation {
    /// The profile question.
    pub question: String,
    /// The option (the group).
    pub option: String,
    /// The option's `percent` among those who answered; null when suppressed.
    pub sample_percent: Option<f64>,
    /// The group's share of the population, as the survey gives it.
    pub population_percent: f64,
    /// samplePercent / populationPercent (two decimals); null when suppressed.
    pub ratio: Option<f64>,
    /// `under` below `rules.underRepresented`, `over` above `rules.overRepresented` (the ratio
    /// rounded, as shown), else null; given even when the numbers are suppressed.
    pub flag: Option<Flag>,
}

/// Whether a group answered in proportion to its share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Flag {
    /// Heard from less than its share.
    Under,
    /// Heard from more than its share.
    Over,
}

/// The summary per answer to one single-choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Breakdown {
    /// The question broken down by.
    pub by: String,
    /// One group per option, in the survey's order.
    pub groups: Vec<BreakdownGroup>,
}

/// One group of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreakdownGroup {
    /// The option.
    pub group: String,
    /// How many responses chose it; null when that count is suppressed in the `by` question.
    pub responses: Option<u32>,
    /// True when the group shows no counts at all: fewer than `minimumCount` chose it, or its
    /// count is hidden in the `by` question (which the group's counts would give away).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
    /// Every question but `by`, for this group.
    pub questions: Vec<QuestionSummary>,
}

/// A field that may be absent or `null`, read as written: absent is `None`, `null` is
/// `Some(None)` (a text question's `coded`, which a summary without a coding leaves out).
fn present<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Option<u32>>, D::Error> {
    Option::<u32>::deserialize(d).map(Some)
}

/// Reads back a summary that `survey summarise` wrote (JS `readSurveySummary`), for the pages that
/// publish it: any field it does not write is an `unknown-field` error, a wrong type an
/// `wrong-type` one, each with its path. With `survey`, the summary must be of that survey and
/// name only its questions (else an input error naming the summary's path), so that a page does
/// not show one survey's numbers under another's questions.
pub fn read_summary(text: &str, survey: Option<&Survey>) -> Result<SurveySummary> {
    let summary: SurveySummary = crate::json::value_from_json(text, "")?;
    if let Some(survey) = survey {
        summary.check_against(survey)?;
    }
    Ok(summary)
}

impl SurveySummary {
    /// Checks the summary is of `survey`: its id, and questions it has (errors name the
    /// summary's paths).
    pub fn check_against(&self, survey: &Survey) -> Result<()> {
        if self.survey != survey.id {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                "survey",
                format!(
                    "the summary is of survey \"{}\", not of \"{}\"",
                    self.survey, survey.id
                ),
            ));
        }
        let groups = self.breakdown.iter().flat_map(|b| {
            b.groups.iter().enumerate().flat_map(|(g, group)| {
                group
                    .questions
                    .iter()
                    .enumerate()
                    .map(move |(i, q)| (format!("breakdown.groups[{g}].questions[{i}].id"), q))
            })
        });
        let top = self
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (format!("questions[{i}].id"), q));
        for (path, q) in top.chain(groups) {
            if survey.question(&q.id).is_none_or(|s| s.kind != q.kind) {
                return Err(Error::new(
                    ErrorKind::DanglingReference,
                    path,
                    format!(
                        "survey \"{}\" has no {} question \"{}\"",
                        survey.id,
                        q.kind.as_str(),
                        q.id
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// One question counted over some responses: its cells (options, scale points or themes) and the
/// values of a number question.
#[derive(Debug, Clone, Default)]
struct Tally {
    answered: u64,
    skipped: u64,
    cells: Vec<u64>,
    /// A text question's coded answers (the themes' denominator).
    coded: u64,
    numbers: Vec<f64>,
    /// Whether each person is in exactly one cell (single choice, scale).
    partition: bool,
    /// Whether the cells are themes (of the coded answers, not of those who answered).
    themed: bool,
}

/// What of a tally is hidden: the whole question, or some cells.
#[derive(Debug, Clone, Default)]
struct Hidden {
    whole: bool,
    cells: Vec<bool>,
}

impl Hidden {
    fn of(tally: &Tally, minimum: u32, whole: bool) -> Self {
        let whole = whole || !shows(tally.answered, minimum);
        let cells = if whole || (tally.themed && !shows(tally.coded, minimum)) {
            vec![true; tally.cells.len()]
        } else {
            suppressed_cells(&tally.cells, minimum, tally.partition)
        };
        Hidden { whole, cells }
    }
}

/// The coded answers of each question, by response row, checked against the survey and the
/// responses.
struct Codes<'a> {
    coding: &'a Coding,
    /// Per question, per row: the coded entry.
    by_row: Vec<Vec<Option<&'a Coded>>>,
}

impl<'a> Codes<'a> {
    fn new(survey: &Survey, responses: &Responses, coding: &'a Coding) -> Result<Self> {
        coding.check_against(survey)?;
        let Some(ids) = responses.ids() else {
            return Err(Error::sheet(
                ErrorKind::MissingField,
                &responses.file,
                1,
                "",
                "the responses have no \"response\" column, which the coding names responses by",
            ));
        };
        let rows: std::collections::HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(r, id)| (id.as_str(), r))
            .collect();
        let mut by_row = vec![Vec::new(); survey.questions.len()];
        for (i, c) in coding.coded.iter().enumerate() {
            let q = survey.questions.iter().position(|q| q.id == c.question);
            let row = rows.get(c.response.as_str()).copied();
            let Some(row) = row else {
                return Err(Error::new(
                    ErrorKind::DanglingReference,
                    format!("coding.coded[{i}].response"),
                    format!("the responses have no response \"{}\"", c.response),
                ));
            };
            let answered = q
                .and_then(|q| responses.columns.get(q))
                .is_some_and(|a| a.answered(row));
            let (Some(q), true) = (q, answered) else {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    format!("coding.coded[{i}]"),
                    format!(
                        "response \"{}\" did not answer question \"{}\": there is nothing to code",
                        c.response, c.question
                    ),
                ));
            };
            if let Some(list) = by_row.get_mut(q) {
                if list.is_empty() {
                    list.resize(responses.len(), None);
                }
                if let Some(slot) = list.get_mut(row) {
                    *slot = Some(c);
                }
            }
        }
        Ok(Codes { coding, by_row })
    }
}

/// Summarises the responses: see [`SurveySummary`]. `options.by` must name a single-choice
/// question (else an `invalid-option` error about `by`); a coding must be of this survey, name
/// its text questions and responses by their `response` ids (else an input error naming the
/// coding's path).
pub fn summarise(
    survey: &Survey,
    responses: &Responses,
    options: &SummaryOptions<'_>,
) -> Result<SurveySummary> {
    if responses.columns.len() != survey.questions.len() {
        return Err(Error::option(
            "responses",
            "the responses were read against another survey",
        ));
    }
    let codes = options
        .coding
        .map(|c| Codes::new(survey, responses, c))
        .transpose()?;
    let minimum = survey.minimum_count();
    let all: Vec<usize> = (0..responses.len()).collect();
    let tallies: Vec<Tally> = (0..survey.questions.len())
        .map(|q| tally(survey, responses, codes.as_ref(), q, &all))
        .collect();
    let hidden: Vec<Hidden> = tallies
        .iter()
        .map(|t| Hidden::of(t, minimum, false))
        .collect();
    let questions = survey
        .questions
        .iter()
        .zip(tallies.iter().zip(&hidden))
        .enumerate()
        .map(|(q, (question, (t, h)))| {
            let quotes = quotes(responses, codes.as_ref(), q, h.whole);
            write_question(survey, question, t, h, codes.as_ref(), quotes)
        })
        .collect();
    let breakdown = match options.by {
        Some(by) => Some(breakdown(
            survey,
            responses,
            codes.as_ref(),
            by,
            &tallies,
            &hidden,
        )?),
        None => None,
    };
    let representation = representation(survey, &tallies, &hidden);
    let mut diagnostics = Vec::new();
    below_target(survey, responses.len(), &mut diagnostics);
    answered_when_hidden(survey, responses, &mut diagnostics);
    under_represented(survey, &representation, &mut diagnostics);
    uncoded(survey, &tallies, codes.as_ref(), &mut diagnostics);
    Ok(SurveySummary {
        survey: survey.id.clone(),
        title: survey.title.clone(),
        minimum_count: minimum,
        responses: u32::try_from(responses.len())
            .ok()
            .filter(|&n| shows(u64::from(n), minimum)),
        questions,
        representation,
        breakdown,
        diagnostics,
    })
}

/// Who is shown a question with a `showIf`: those whose answer to the controlling question is
/// one of `anyOf` (looked up once per question, not once per response).
struct ShowRule<'a> {
    answers: &'a Answers,
    options: &'a [String],
    any_of: &'a [String],
}

impl<'a> ShowRule<'a> {
    /// The rule of question `q`; none when it is shown to everyone.
    fn of(survey: &'a Survey, responses: &'a Responses, q: &'a Question) -> Option<Self> {
        let show = q.show_if.as_ref()?;
        let by = survey
            .questions
            .iter()
            .position(|s| s.id == show.question)?;
        Some(ShowRule {
            answers: responses.columns.get(by)?,
            options: survey.questions.get(by)?.options(),
            any_of: &show.any_of,
        })
    }

    /// Whether response `r` was shown the question.
    fn shows(&self, r: usize) -> bool {
        self.answers.chosen(r).iter().any(|&k| {
            self.options
                .get(k as usize)
                .is_some_and(|o| self.any_of.contains(o))
        })
    }
}

/// Question `q` counted over `rows`.
fn tally(
    survey: &Survey,
    responses: &Responses,
    codes: Option<&Codes<'_>>,
    q: usize,
    rows: &[usize],
) -> Tally {
    let (Some(question), Some(answers)) = (survey.questions.get(q), responses.columns.get(q))
    else {
        return Tally::default();
    };
    let mut t = Tally::default();
    let rule = ShowRule::of(survey, responses, question);
    for &r in rows {
        if answers.answered(r) {
            t.answered += 1;
        } else if rule.as_ref().is_none_or(|rule| rule.shows(r)) {
            t.skipped += 1;
        }
    }
    match answers {
        Answers::Single(_) | Answers::Multiple { .. } => {
            t.partition = question.kind == QuestionType::Single;
            t.cells = vec![0; question.options().len()];
            for &r in rows {
                for &k in answers.chosen(r) {
                    if let Some(c) = t.cells.get_mut(k as usize) {
                        *c += 1;
                    }
                }
            }
        }
        Answers::Scale(points) => {
            t.partition = true;
            t.cells = vec![0; question.scale.as_ref().map_or(0, |s| s.points())];
            for &r in rows {
                let p = points.get(r).copied().unwrap_or(0) as usize;
                if let Some(c) = p.checked_sub(1).and_then(|p| t.cells.get_mut(p)) {
                    *c += 1;
                }
            }
        }
        Answers::Number(values) => {
            t.numbers = rows
                .iter()
                .filter_map(|&r| values.get(r).copied().flatten())
                .collect();
        }
        Answers::Text(_) => {
            if let Some(codes) = codes {
                t.themed = true;
                tally_themes(&mut t, codes, q, rows);
            }
        }
    }
    t
}

fn tally_themes(t: &mut Tally, codes: &Codes<'_>, q: usize, rows: &[usize]) {
    let book = &codes.coding.codebook;
    t.cells = vec![0; book.len()];
    let Some(by_row) = codes.by_row.get(q) else {
        return;
    };
    for &r in rows {
        let Some(Some(c)) = by_row.get(r) else {
            continue;
        };
        t.coded += 1;
        for theme in &c.themes {
            if let Some(cell) = book
                .iter()
                .position(|b| &b.id == theme)
                .and_then(|i| t.cells.get_mut(i))
            {
                *cell += 1;
            }
        }
    }
}

/// The quotes of question `q`, contact details removed; none when the question is suppressed.
fn quotes(responses: &Responses, codes: Option<&Codes<'_>>, q: usize, whole: bool) -> Vec<String> {
    let (Some(codes), Some(Answers::Text(texts)), false) = (codes, responses.columns.get(q), whole)
    else {
        return Vec::new();
    };
    let Some(by_row) = codes.by_row.get(q) else {
        return Vec::new();
    };
    by_row
        .iter()
        .zip(texts)
        .filter(|(c, _)| c.is_some_and(|c| c.quote))
        .filter_map(|(_, text)| text.as_deref().map(redact))
        .collect()
}

/// `count` of `total` in percent, to one decimal place, halves away from zero: computed in
/// tenths of a percent with whole numbers, so exact on every platform.
pub(crate) fn percent(count: u64, total: u64) -> Option<f64> {
    if total == 0 {
        return None;
    }
    let tenths = (2 * count * 1000 + total) / (2 * total);
    Some(tenths as f64 / 10.0)
}

/// Two decimal places, halves away from zero.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn count32(n: u64) -> Option<u32> {
    u32::try_from(n).ok()
}

/// The output of one tallied question.
fn write_question(
    survey: &Survey,
    q: &Question,
    t: &Tally,
    h: &Hidden,
    codes: Option<&Codes<'_>>,
    quotes: Vec<String>,
) -> QuestionSummary {
    let shown = |n: u64| (!h.whole).then(|| count32(n)).flatten();
    let cell = |i: usize| -> Option<u64> {
        let hidden = h.cells.get(i).copied().unwrap_or(true);
        (!hidden).then(|| t.cells.get(i).copied()).flatten()
    };
    let mut out = QuestionSummary {
        id: q.id.clone(),
        kind: q.kind,
        answered: shown(t.answered),
        skipped: shown(t.skipped),
        suppressed: h.whole,
        options: None,
        scale: None,
        number: None,
        text: None,
    };
    match q.kind {
        QuestionType::Single | QuestionType::Multiple => {
            out.options = Some(
                q.options()
                    .iter()
                    .enumerate()
                    .map(|(i, option)| OptionCount {
                        option: option.clone(),
                        count: cell(i).and_then(count32),
                        percent: cell(i).and_then(|c| percent(c, t.answered)),
                        suppressed: cell(i).is_none(),
                    })
                    .collect(),
            )
        }
        QuestionType::Scale => out.scale = Some(scale_summary(q, t, h, survey.minimum_count())),
        QuestionType::Number => out.number = Some(number_summary(t, h.whole)),
        QuestionType::Text => {
            out.text = Some(TextSummary {
                answered: shown(t.answered),
                coded: codes.map(|_| {
                    (!h.whole && !is_small(t.coded, survey.minimum_count()))
                        .then(|| count32(t.coded))
                        .flatten()
                }),
                themes: codes.map_or_else(Vec::new, |codes| {
                    codes
                        .coding
                        .codebook
                        .iter()
                        .enumerate()
                        .map(|(i, theme)| ThemeCount {
                            theme: theme.id.clone(),
                            title: theme.title.clone(),
                            count: cell(i).and_then(count32),
                            percent: cell(i).and_then(|c| percent(c, t.coded)),
                            suppressed: cell(i).is_none(),
                        })
                        .collect()
                }),
                quotes,
            })
        }
    }
    out
}

fn scale_summary(q: &Question, t: &Tally, h: &Hidden, minimum: u32) -> ScaleSummary {
    let counts: Vec<Option<u32>> = t
        .cells
        .iter()
        .zip(&h.cells)
        .map(|(&c, &hidden)| (!hidden).then(|| count32(c)).flatten())
        .collect();
    let min = q.scale.as_ref().map_or(0, |s| i64::from(s.min));
    if h.whole || t.answered == 0 {
        return ScaleSummary {
            counts,
            mean: None,
            median: None,
            agree_percent: None,
        };
    }
    let any_hidden = h.cells.iter().any(|&x| x);
    let total: f64 = t
        .cells
        .iter()
        .enumerate()
        .map(|(i, &c)| (min + i as i64) as f64 * c as f64)
        .sum();
    let mean = (!any_hidden).then(|| round2(total / t.answered as f64));
    // The k-th answer (from 1) in order.
    let kth = |k: u64| -> f64 {
        let mut seen = 0;
        for (i, &c) in t.cells.iter().enumerate() {
            seen += c;
            if seen >= k {
                return (min + i as i64) as f64;
            }
        }
        0.0
    };
    let n = t.answered;
    let median = if n % 2 == 1 {
        kth(n.div_ceil(2))
    } else {
        (kth(n / 2) + kth(n / 2 + 1)) / 2.0
    };
    let top = t.cells.len().saturating_sub(2);
    let agree: u64 = t.cells.iter().skip(top).sum();
    let hidden_top = h.cells.iter().skip(top).any(|&x| x);
    let hidden_rest = h.cells.iter().take(top).any(|&x| x);
    let minimum_safe = !is_small(agree, minimum) && !is_small(n.saturating_sub(agree), minimum);
    ScaleSummary {
        counts,
        mean,
        median: Some(round2(median)),
        agree_percent: (minimum_safe && !(hidden_top && hidden_rest))
            .then(|| percent(agree, n))
            .flatten(),
    }
}

fn number_summary(t: &Tally, whole: bool) -> NumberSummary {
    if whole || t.numbers.is_empty() {
        return NumberSummary {
            mean: None,
            median: None,
            min: None,
            max: None,
        };
    }
    let mut order: Vec<usize> = (0..t.numbers.len()).collect();
    let value = |i: usize| t.numbers.get(i).copied().unwrap_or(0.0);
    crate::order::sort_positions(&mut order, &|a, b| value(a).total_cmp(&value(b)));
    let at = |k: usize| order.get(k).map_or(0.0, |&i| value(i));
    let n = order.len();
    let median = if n % 2 == 1 {
        at(n / 2)
    } else {
        (at(n / 2 - 1) + at(n / 2)) / 2.0
    };
    let sum: f64 = t.numbers.iter().sum();
    NumberSummary {
        mean: Some(round2(sum / n as f64)),
        median: Some(round2(median)),
        min: Some(at(0)),
        max: Some(at(n - 1)),
    }
}

/// The questions per answer to the single-choice question `by`. A group whose count is hidden in
/// `by` (a small number, or the second one hidden to protect it) shows no counts at all; within
/// the groups, a cell hidden alone in its column (the same option across the groups, whose sum the
/// summary shows) or in its row hides the smallest other non-zero one, until none stands alone.
fn breakdown(
    survey: &Survey,
    responses: &Responses,
    codes: Option<&Codes<'_>>,
    by: &str,
    tallies: &[Tally],
    hidden: &[Hidden],
) -> Result<Breakdown> {
    let b = survey
        .questions
        .iter()
        .position(|q| q.id == by && q.kind == QuestionType::Single);
    let (Some(b), Some(answers)) = (b, b.and_then(|b| responses.columns.get(b))) else {
        return Err(Error::option(
            "by",
            format!(
                "\"{by}\" is not a single-choice question of the survey: a breakdown is by one"
            ),
        ));
    };
    let question = survey.questions.get(b);
    let options = question.map_or(&[][..], |q| q.options());
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); options.len()];
    for r in 0..responses.len() {
        for &k in answers.chosen(r) {
            if let Some(group) = rows.get_mut(k as usize) {
                group.push(r);
            }
        }
    }
    let minimum = survey.minimum_count();
    let top = hidden.get(b);
    let group_hidden =
        |g: usize| top.is_none_or(|h| h.whole || h.cells.get(g).copied().unwrap_or(true));
    let qs: Vec<usize> = (0..survey.questions.len()).filter(|&q| q != b).collect();
    let group_tallies: Vec<Vec<Tally>> = rows
        .iter()
        .map(|rs| {
            qs.iter()
                .map(|&q| tally(survey, responses, codes, q, rs))
                .collect()
        })
        .collect();
    let mut group_cells: Vec<Vec<Hidden>> = group_tallies
        .iter()
        .enumerate()
        .map(|(g, ts)| {
            ts.iter()
                .map(|t| Hidden::of(t, minimum, group_hidden(g)))
                .collect()
        })
        .collect();
    protect_columns(&group_tallies, &mut group_cells);
    let groups = options
        .iter()
        .enumerate()
        .map(|(g, option)| BreakdownGroup {
            group: option.clone(),
            responses: (!group_hidden(g))
                .then(|| tallies.get(b).and_then(|t| t.cells.get(g)).copied())
                .flatten()
                .and_then(count32),
            suppressed: group_hidden(g),
            questions: qs
                .iter()
                .enumerate()
                .filter_map(|(i, &q)| {
                    let t = group_tallies.get(g)?.get(i)?;
                    let h = group_cells.get(g)?.get(i)?;
                    Some(write_question(
                        survey,
                        survey.questions.get(q)?,
                        t,
                        h,
                        codes,
                        Vec::new(),
                    ))
                })
                .collect(),
        })
        .collect();
    Ok(Breakdown {
        by: by.to_string(),
        groups,
    })
}

/// Hides, until none is left, a cell hidden alone in its column (one question's cell across the
/// groups) or in its row (a single-choice or scale question of one group): the smallest other
/// non-zero cell beside it. Cells are only ever added, so this ends.
fn protect_columns(tallies: &[Vec<Tally>], hidden: &mut [Vec<Hidden>]) {
    let questions = tallies.first().map_or(0, Vec::len);
    loop {
        let mut changed = false;
        for q in 0..questions {
            let width = tallies
                .first()
                .and_then(|g| g.get(q))
                .map_or(0, |t| t.cells.len());
            for j in 0..width {
                let column: Vec<(u64, bool)> = tallies
                    .iter()
                    .zip(hidden.iter())
                    .map(|(t, h)| {
                        let count = t.get(q).and_then(|t| t.cells.get(j)).copied().unwrap_or(0);
                        let gone = h
                            .get(q)
                            .and_then(|h| h.cells.get(j))
                            .copied()
                            .unwrap_or(true);
                        (count, gone)
                    })
                    .collect();
                if let Some(g) = lone_partner(&column) {
                    if let Some(cell) = hidden
                        .get_mut(g)
                        .and_then(|h| h.get_mut(q))
                        .and_then(|h| h.cells.get_mut(j))
                    {
                        *cell = true;
                        changed = true;
                    }
                }
            }
        }
        for (ts, hs) in tallies.iter().zip(hidden.iter_mut()) {
            for (t, h) in ts.iter().zip(hs.iter_mut()) {
                if !t.partition || h.whole {
                    continue;
                }
                let row: Vec<(u64, bool)> = t
                    .cells
                    .iter()
                    .copied()
                    .zip(h.cells.iter().copied())
                    .collect();
                if let Some(cell) = lone_partner(&row).and_then(|i| h.cells.get_mut(i)) {
                    *cell = true;
                    changed = true;
                }
            }
        }
        if !changed {
            return;
        }
    }
}

/// When exactly one cell of a line is hidden: the smallest other non-zero shown cell (the first
/// of equals) to hide with it.
fn lone_partner(line: &[(u64, bool)]) -> Option<usize> {
    if line.iter().filter(|(_, gone)| *gone).count() != 1 {
        return None;
    }
    line.iter()
        .enumerate()
        .filter(|(_, &(count, gone))| count > 0 && !gone)
        .min_by_key(|&(i, &(count, _))| (count, i))
        .map(|(i, _)| i)
}

/// Each population group beside the share of the respondents who chose it (the option's
/// `percent`, as shown); the ratio is of the two numbers as shown, so that a reader can check it.
fn representation(survey: &Survey, tallies: &[Tally], hidden: &[Hidden]) -> Vec<Representation> {
    let Some(population) = &survey.population else {
        return Vec::new();
    };
    let (under, over) = survey.thresholds();
    let mut out = Vec::new();
    for ((q, t), h) in survey.questions.iter().zip(tallies).zip(hidden) {
        let Some(shares) = population.groups.get(&q.id) else {
            continue;
        };
        for (i, option) in q.options().iter().enumerate() {
            let Some(&share) = shares.get(option) else {
                continue;
            };
            let count = t.cells.get(i).copied().unwrap_or(0);
            let sample = percent(count, t.answered).unwrap_or(0.0);
            let ratio = round2(sample / share);
            let flag = if ratio < under {
                Some(Flag::Under)
            } else if ratio > over {
                Some(Flag::Over)
            } else {
                None
            };
            let gone = h.whole || h.cells.get(i).copied().unwrap_or(true);
            out.push(Representation {
                question: q.id.clone(),
                option: option.clone(),
                sample_percent: (!gone).then_some(sample),
                population_percent: share,
                ratio: (!gone).then_some(ratio),
                flag,
            });
        }
    }
    out
}

/// `below-target`: fewer responses than the survey's target.
fn below_target(survey: &Survey, n: usize, out: &mut Vec<Diagnostic>) {
    let Some(target) = survey.target else {
        return;
    };
    let n = n as u64;
    if n >= u64::from(target) {
        return;
    }
    let minimum = survey.minimum_count();
    let got = if shows(n, minimum) {
        format!("{n} responses")
    } else {
        format!("fewer than {minimum} responses")
    };
    out.push(BELOW_TARGET.finding(format!(
        "survey \"{}\" has {got}, fewer than its target of {target}",
        survey.id
    )));
}

/// `answered-when-hidden`: answers to a question its `showIf` hides from that response. The
/// message gives the first lines of the CSV, not its file name: the summary is published, and a
/// path on the analyst's computer has no place in it.
fn answered_when_hidden(survey: &Survey, responses: &Responses, out: &mut Vec<Diagnostic>) {
    for (q, answers) in survey.questions.iter().zip(&responses.columns) {
        let (Some(show), Some(rule)) = (&q.show_if, ShowRule::of(survey, responses, q)) else {
            continue;
        };
        let lines: Vec<u64> = (0..responses.len())
            .filter(|&r| answers.answered(r) && !rule.shows(r))
            .filter_map(|r| responses.lines.get(r).copied())
            .collect();
        if lines.is_empty() {
            continue;
        }
        let first: Vec<String> = lines.iter().take(5).map(u64::to_string).collect();
        let more = if lines.len() > 5 { ", ..." } else { "" };
        let any_of: Vec<String> = show.any_of.iter().map(|o| format!("\"{o}\"")).collect();
        out.push(
            ANSWERED_WHEN_HIDDEN
                .finding(format!(
                    "question \"{}\" is shown only to those who answered \"{}\" with {}, but {} response(s) answer it without (line {}{more} of the responses); they are counted",
                    q.id,
                    show.question,
                    any_of.join(" or "),
                    lines.len(),
                    first.join(", ")
                ))
                .label(QUESTION, &q.id),
        );
    }
}

/// `under-represented`: one finding per group flagged `under`.
fn under_represented(survey: &Survey, groups: &[Representation], out: &mut Vec<Diagnostic>) {
    let (under, _) = survey.thresholds();
    for g in groups.iter().filter(|g| g.flag == Some(Flag::Under)) {
        let heard = match (g.sample_percent, g.ratio) {
            (Some(sample), Some(ratio)) => format!(
                "is {sample}% of those who answered and {}% of the population: a ratio of {ratio}, below {under}",
                g.population_percent
            ),
            _ => format!(
                "is suppressed (counts under {} are hidden, with one more beside a count hidden alone), against {}% of the population: a ratio below {under}",
                survey.minimum_count(),
                g.population_percent
            ),
        };
        out.push(
            UNDER_REPRESENTED
                .finding(format!(
                    "\"{}\" (question \"{}\") {heard}",
                    g.option, g.question
                ))
                .label(QUESTION, &g.question)
                .label(OPTION, &g.option),
        );
    }
}

/// `uncoded-answers`: with a coding, text answers that are not coded.
fn uncoded(
    survey: &Survey,
    tallies: &[Tally],
    codes: Option<&Codes<'_>>,
    out: &mut Vec<Diagnostic>,
) {
    if codes.is_none() {
        return;
    }
    let minimum = survey.minimum_count();
    for (q, t) in survey.questions.iter().zip(tallies) {
        if q.kind != QuestionType::Text || t.coded >= t.answered {
            continue;
        }
        let left = t.answered - t.coded;
        let of = if shows(t.answered, minimum) {
            format!(
                " of the {} answers ({}% coded)",
                t.answered,
                percent(t.coded, t.answered).unwrap_or(0.0)
            )
        } else {
            String::new()
        };
        out.push(
            UNCODED_ANSWERS
                .finding(format!(
                    "{left}{of} to question \"{}\" are not coded: every answer must be read and considered",
                    q.id
                ))
                .label(QUESTION, &q.id),
        );
    }
}
