//! Reading the responses: a CSV export, one row per response, one column per question (named by
//! the question's id, its exact text, or the survey's `columns`), and the optional columns
//! `response` (an id) and `channel`. Answers are kept per question in compact columns (an option's
//! number, a scale point's), so that 100,000 responses are read and counted in one pass each.
//!
//! Errors name the file, the 1-based line of the row (1 is the header) and the column's header
//! text, and quote the value: the CSV location of score sheets ([`Error::sheet`]).

use std::collections::HashMap;

use super::{Question, QuestionType, Scale, Survey};
use crate::error::{Error, ErrorKind, Result};
use crate::lines::Lines;

/// The header words of the optional columns, matched without regard to case.
const RESPONSE_COLUMN: &str = "response";
const CHANNEL_COLUMN: &str = "channel";

/// Whether a header names one of the optional columns rather than a question.
pub(crate) fn is_reserved(header: &str) -> bool {
    header.eq_ignore_ascii_case(RESPONSE_COLUMN) || header.eq_ignore_ascii_case(CHANNEL_COLUMN)
}

/// The responses to a survey, read and checked against its questions ([`read_responses`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Responses {
    /// The file's name, as errors and findings name it.
    pub(crate) file: String,
    /// The 1-based line of each response (the header is line 1).
    pub(crate) lines: Vec<u64>,
    /// Each response's id, from the `response` column (none without that column).
    pub(crate) ids: Option<Vec<String>>,
    /// Each response's channel (online, paper, event), when the column is given.
    pub(crate) channels: Option<Vec<String>>,
    /// The answers, one column per question in the survey's order.
    pub(crate) columns: Vec<Answers>,
}

impl Responses {
    /// How many responses there are.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The responses' ids, when the CSV has a `response` column.
    pub fn ids(&self) -> Option<&[String]> {
        self.ids.as_deref()
    }

    /// The responses' channels, when the CSV has a `channel` column.
    pub fn channels(&self) -> Option<&[String]> {
        self.channels.as_deref()
    }
}

/// One question's answers, one per response.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Answers {
    /// Single choice: the option's index, [`BLANK`] when not answered.
    Single(Vec<u32>),
    /// Multiple choice: response r chose `choices[starts[r]..starts[r + 1]]` (options' indexes);
    /// none: not answered.
    Multiple {
        starts: Vec<usize>,
        choices: Vec<u32>,
    },
    /// Scale: 0 not answered, else the point's number from 1 (1 is the scale's min).
    Scale(Vec<u32>),
    /// Number.
    Number(Vec<Option<f64>>),
    /// Free text (blank: not answered).
    Text(Vec<Option<Box<str>>>),
}

impl Answers {
    fn new(q: &Question, rows: usize) -> Self {
        match q.kind {
            QuestionType::Single => Answers::Single(Vec::with_capacity(rows)),
            QuestionType::Multiple => Answers::Multiple {
                starts: vec![0],
                choices: Vec::new(),
            },
            QuestionType::Scale => Answers::Scale(Vec::with_capacity(rows)),
            QuestionType::Number => Answers::Number(Vec::with_capacity(rows)),
            QuestionType::Text => Answers::Text(Vec::with_capacity(rows)),
        }
    }

    /// Whether response `r` answered.
    pub(crate) fn answered(&self, r: usize) -> bool {
        match self {
            Answers::Single(v) => v.get(r).is_some_and(|&a| a != BLANK),
            Answers::Scale(v) => v.get(r).is_some_and(|&a| a > 0),
            Answers::Multiple { starts, .. } => match (starts.get(r), starts.get(r + 1)) {
                (Some(a), Some(b)) => b > a,
                _ => false,
            },
            Answers::Number(v) => v.get(r).is_some_and(Option::is_some),
            Answers::Text(v) => v.get(r).is_some_and(Option::is_some),
        }
    }

    /// The options response `r` chose (single or multiple choice), as indexes.
    pub(crate) fn chosen(&self, r: usize) -> &[u32] {
        match self {
            Answers::Single(v) => match v.get(r) {
                Some(&BLANK) | None => &[],
                Some(_) => v.get(r..=r).unwrap_or_default(),
            },
            Answers::Multiple { starts, choices } => match (starts.get(r), starts.get(r + 1)) {
                (Some(&a), Some(&b)) => choices.get(a..b).unwrap_or_default(),
                _ => &[],
            },
            _ => &[],
        }
    }
}

/// A single-choice question not answered.
pub(crate) const BLANK: u32 = u32::MAX;

/// Where each CSV column goes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Question(usize),
    Response,
    Channel,
}

/// Reads a responses CSV (`name` is the file's name, for errors) against `survey`. A value that
/// is not one of the options, a scale value outside the scale, a number that is not one, a column
/// that names no question (a tool's own columns, such as a start time or an IP address, are
/// removed from the export or the survey maps them: the responses may carry personal data that
/// should go no further), a question with no column, or a `response` id used twice is an input
/// error naming the row, the column and the value.
pub fn read_responses(survey: &Survey, name: &str, text: &str) -> Result<Responses> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| row_error(name, 1, format!("the header row cannot be read: {e}")))?
        .clone();
    let headers: Vec<&str> = header.iter().map(str::trim).collect();
    let targets = map_header(survey, name, &headers)?;
    let has = |t: Target| targets.contains(&t);
    let mut read = Reader {
        survey,
        name,
        headers: &headers,
        targets: &targets,
        lines: Vec::new(),
        ids: has(Target::Response).then(Vec::new),
        channels: has(Target::Channel).then(Vec::new),
        columns: survey
            .questions
            .iter()
            .map(|q| Answers::new(q, 0))
            .collect(),
    };
    let mut record = csv::StringRecord::new();
    let mut lines = Lines::new(text);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let line = lines.at(record.position().map_or(0, |p| p.byte()));
                read.row(&record, line)?;
            }
            Ok(false) => break,
            Err(e) => {
                let line = lines.at(e.position().map_or(0, |p| p.byte()));
                return Err(row_error(name, line, format!("malformed row: {e}")));
            }
        }
    }
    if let Some(ids) = &read.ids {
        let column = targets
            .iter()
            .position(|t| *t == Target::Response)
            .and_then(|c| headers.get(c))
            .copied()
            .unwrap_or(RESPONSE_COLUMN);
        unique_ids(name, column, ids, &read.lines)?;
    }
    Ok(Responses {
        file: name.to_string(),
        lines: read.lines,
        ids: read.ids,
        channels: read.channels,
        columns: read.columns,
    })
}

/// Each response id once: the second use is an error at its line, naming the first. Checked once
/// all rows are read, so that each id is stored once (a map of borrowed ids, not a second copy).
fn unique_ids(name: &str, column: &str, ids: &[String], lines: &[u64]) -> Result<()> {
    let mut first: HashMap<&str, u64> = HashMap::with_capacity(ids.len());
    for (id, &line) in ids.iter().zip(lines) {
        if let Some(before) = first.insert(id.as_str(), line) {
            return Err(Error::sheet(
                ErrorKind::DuplicateId,
                name,
                line,
                column,
                format!("response id \"{id}\" is used twice (first on line {before})"),
            ));
        }
    }
    Ok(())
}

fn row_error(name: &str, line: u64, message: String) -> Error {
    Error::sheet(ErrorKind::InvalidValue, name, line, "", message)
}

/// Each header's target: a question by the survey's `columns`, its id or its exact text; or an
/// optional column. Every question needs its column.
fn map_header(survey: &Survey, name: &str, headers: &[&str]) -> Result<Vec<Target>> {
    let header_error = |kind, column: &str, message: String| {
        Error::sheet(kind, name, 1, column.to_string(), message)
    };
    let mut targets: Vec<Target> = Vec::with_capacity(headers.len());
    let mut column_of: Vec<Option<usize>> = vec![None; survey.questions.len()];
    for (c, &h) in headers.iter().enumerate() {
        let target = if h.eq_ignore_ascii_case(RESPONSE_COLUMN) {
            Target::Response
        } else if h.eq_ignore_ascii_case(CHANNEL_COLUMN) {
            Target::Channel
        } else {
            Target::Question(
                question_of(survey, h).map_err(|m| header_error(ErrorKind::InvalidValue, h, m))?,
            )
        };
        if targets.contains(&target) {
            let what = match target {
                Target::Question(q) => format!(
                    "question \"{}\"",
                    survey.questions.get(q).map_or("", |q| q.id.as_str())
                ),
                _ => format!("the \"{h}\" column"),
            };
            return Err(header_error(
                ErrorKind::DuplicateId,
                h,
                format!("{what} has two columns"),
            ));
        }
        if let Target::Question(q) = target {
            if let Some(slot) = column_of.get_mut(q) {
                *slot = Some(c);
            }
        }
        targets.push(target);
    }
    if let Some(q) = survey
        .questions
        .iter()
        .zip(&column_of)
        .find_map(|(q, c)| c.is_none().then_some(q))
    {
        return Err(header_error(
            ErrorKind::MissingField,
            "",
            format!(
                "the header row has no column for question \"{}\" (\"{}\"): name one by its id or its exact text, or map it in the survey's \"columns\"",
                q.id, q.text
            ),
        ));
    }
    Ok(targets)
}

/// The question a header names, or why none.
fn question_of(survey: &Survey, header: &str) -> std::result::Result<usize, String> {
    let by = |f: &dyn Fn(&Question) -> bool| -> Vec<usize> {
        survey
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| f(q))
            .map(|(i, _)| i)
            .collect()
    };
    let mapped = by(&|q| {
        survey
            .columns
            .get(&q.id)
            .is_some_and(|c| c.trim() == header)
    });
    let named = by(&|q| q.id == header);
    let worded = by(&|q| q.text.trim() == header);
    for found in [mapped, named] {
        if let [q] = found.as_slice() {
            return Ok(*q);
        }
    }
    match worded.as_slice() {
        [q] => Ok(*q),
        [] => Err(format!(
            "column \"{header}\" is not a question of the survey: name it by a question's id or exact text, map it in the survey's \"columns\", or remove it from the export"
        )),
        _ => Err(format!(
            "column \"{header}\" is the text of more than one question: name it by a question's id, or map it in the survey's \"columns\""
        )),
    }
}

/// The responses being read.
struct Reader<'a> {
    survey: &'a Survey,
    name: &'a str,
    headers: &'a [&'a str],
    targets: &'a [Target],
    lines: Vec<u64>,
    ids: Option<Vec<String>>,
    channels: Option<Vec<String>>,
    columns: Vec<Answers>,
}

impl Reader<'_> {
    fn row(&mut self, record: &csv::StringRecord, line: u64) -> Result<()> {
        self.lines.push(line);
        let (name, survey, targets, headers) = (self.name, self.survey, self.targets, self.headers);
        for ((cell, &target), &header) in record.iter().zip(targets).zip(headers) {
            let value = cell.trim();
            let fail = |kind, message: String| Error::sheet(kind, name, line, header, message);
            match target {
                Target::Response => {
                    if value.is_empty() {
                        return Err(fail(
                            ErrorKind::MissingField,
                            "the response has no id".into(),
                        ));
                    }
                    if let Some(ids) = &mut self.ids {
                        ids.push(value.to_string());
                    }
                }
                Target::Channel => {
                    if let Some(channels) = &mut self.channels {
                        channels.push(value.to_string());
                    }
                }
                Target::Question(q) => {
                    let (Some(question), Some(answers)) =
                        (survey.questions.get(q), self.columns.get_mut(q))
                    else {
                        continue;
                    };
                    push_answer(answers, question, value).map_err(|(kind, m)| fail(kind, m))?;
                }
            }
        }
        Ok(())
    }
}

type Problem = (ErrorKind, String);

/// Adds one response's answer (`value`, trimmed; blank: not answered) to its question's column.
fn push_answer(
    answers: &mut Answers,
    q: &Question,
    value: &str,
) -> std::result::Result<(), Problem> {
    match answers {
        Answers::Single(v) => v.push(if value.is_empty() {
            BLANK
        } else {
            option_number(q, value)? - 1
        }),
        Answers::Multiple { starts, choices } => {
            let from = choices.len();
            for part in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                let n = option_number(q, part)? - 1;
                if !choices.get(from..).unwrap_or_default().contains(&n) {
                    choices.push(n);
                }
            }
            starts.push(choices.len());
        }
        Answers::Scale(v) => v.push(match &q.scale {
            Some(scale) if !value.is_empty() => scale_point(q, scale, value)?,
            _ => 0,
        }),
        Answers::Number(v) => v.push(if value.is_empty() {
            None
        } else {
            Some(number(value)?)
        }),
        Answers::Text(v) => v.push((!value.is_empty()).then(|| value.into())),
    }
    Ok(())
}

/// The option's number from 1.
fn option_number(q: &Question, value: &str) -> std::result::Result<u32, Problem> {
    q.options()
        .iter()
        .position(|o| o == value)
        .and_then(|i| u32::try_from(i + 1).ok())
        .ok_or_else(|| {
            let options: Vec<String> = q.options().iter().map(|o| format!("\"{o}\"")).collect();
            (
                ErrorKind::UnknownValue,
                format!(
                    "\"{value}\" is not an option of question \"{}\" (its options: {})",
                    q.id,
                    options.join(", ")
                ),
            )
        })
}

/// The scale point's number from 1: a whole number on the scale, or a point's label.
fn scale_point(q: &Question, scale: &Scale, value: &str) -> std::result::Result<u32, Problem> {
    let labelled = scale
        .labels
        .as_ref()
        .and_then(|labels| labels.iter().position(|l| l.trim() == value));
    if let Some(i) = labelled {
        return u32::try_from(i + 1).map_err(|_| (ErrorKind::OutOfRange, String::new()));
    }
    let Ok(n) = value.parse::<i64>() else {
        return Err((
            ErrorKind::InvalidValue,
            format!(
                "\"{value}\" is not a point of the scale {} to {} of question \"{}\" (a whole number, or one of its labels)",
                scale.min, scale.max, q.id
            ),
        ));
    };
    if n < i64::from(scale.min) || n > i64::from(scale.max) {
        return Err((
            ErrorKind::OutOfRange,
            format!(
                "\"{value}\" is outside the scale {} to {} of question \"{}\"",
                scale.min, scale.max, q.id
            ),
        ));
    }
    u32::try_from(n - i64::from(scale.min) + 1).map_err(|_| (ErrorKind::OutOfRange, value.into()))
}

/// A finite number (`12`, `-3.5`); "NaN" and "inf", which Rust would read, are not.
fn number(value: &str) -> std::result::Result<f64, Problem> {
    value
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| {
            (
                ErrorKind::InvalidValue,
                format!("\"{value}\" is not a number"),
            )
        })
}
