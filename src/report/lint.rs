//! Checks a report before it goes to the board and the public: numbering, empty sections, links
//! that went missing, broken addresses, repeated words, doubled punctuation, past events dated
//! after the report, breakdowns that do not add up, and the same news or figure given twice.
//! A false alarm costs trust: each check looks for the defect's own shape, not for anything
//! unusual.

use std::collections::HashMap;

use serde::Serialize;

use super::read::{number_depth, read_blocks, ReadBlock, ReadKind};
use super::{Block, Figure, Report, ReportSource, Section};
use crate::calendar::Date;
use crate::diagnostic::{Area, Diagnostic, Rule, Severity, Source, SourceKind};
use crate::sentences::sentences;

/// The source of every report check: this toolkit's own checks of a report's text (local
/// policy). Their messages need no authority at their head, so `cited_as` is empty.
const REPORT_CHECKS: Source = Source {
    title: "engagekit report checks",
    citation: "",
    url: "",
    kind: SourceKind::LocalPolicy,
    cited_as: "",
};

pub(crate) const MISSING_LINK: Rule = Rule {
    code: "missing-link",
    area: Area::Report,
    severity: Severity::Error,
    rule: "An empty slot where a web address was: a link with no address, \"at\" or \"on\" followed directly by a conjunction or punctuation, a doubled comma around nothing, or \"the link is\", \"link:\" or \"available at:\" with nothing after it.",
    source: REPORT_CHECKS,
    help: "Put the address back, or take out the words that point to it.",
};

pub(crate) const NUMBERING_ZERO: Rule = Rule {
    code: "numbering-zero",
    area: Area::Report,
    severity: Severity::Warning,
    rule: "A section number has no `.0` part (`4.0` counts as its parent, 4).",
    source: REPORT_CHECKS,
    help: "Number the section without the `.0` part.",
};

pub(crate) const NUMBERING_DUPLICATE: Rule = Rule {
    code: "numbering-duplicate",
    area: Area::Report,
    severity: Severity::Error,
    rule: "No two headings have the same section number.",
    source: REPORT_CHECKS,
    help: "Renumber one of the two sections.",
};

pub(crate) const NUMBERING_ORDER: Rule = Rule {
    code: "numbering-order",
    area: Area::Report,
    severity: Severity::Error,
    rule: "A section number is not lower than one before it at the same level.",
    source: REPORT_CHECKS,
    help: "Move the section, or renumber it to follow the one before.",
};

pub(crate) const NUMBERING_GAP: Rule = Rule {
    code: "numbering-gap",
    area: Area::Report,
    severity: Severity::Error,
    rule: "A section number is the next one: after N.M comes N.M+1, a first child N.M.1 or a next number higher up; a missing sibling is a gap.",
    source: REPORT_CHECKS,
    help: "Renumber the section, or put back the section that is missing.",
};

pub(crate) const EMPTY_SECTION: Rule = Rule {
    code: "empty-section",
    area: Area::Report,
    severity: Severity::Warning,
    rule: "A heading has text or subsections under it.",
    source: REPORT_CHECKS,
    help: "Add the section's text, or take the heading out.",
};

pub(crate) const BROKEN_URL: Rule = Rule {
    code: "broken-url",
    area: Area::Report,
    severity: Severity::Error,
    rule: "A web address is not split by spaces (`htt p: //`, `www. example`, `https:// nhs.uk`).",
    source: REPORT_CHECKS,
    help: "Take the spaces out of the address and check that the link works.",
};

pub(crate) const REPEATED_WORD: Rule = Rule {
    code: "repeated-word",
    area: Area::Report,
    severity: Severity::Warning,
    rule: "The same word does not come twice in a row (\"the the\"), except grammatical doubles (\"had had\", \"that that\") and numbers.",
    source: REPORT_CHECKS,
    help: "Delete one of the two words.",
};

pub(crate) const DOUBLE_PUNCTUATION: Rule = Rule {
    code: "double-punctuation",
    area: Area::Report,
    severity: Severity::Warning,
    rule:
        "No two full stops in a row that are not an ellipsis, and no doubled comma, \"?\" or \"!\".",
    source: REPORT_CHECKS,
    help: "Delete the extra punctuation mark.",
};

pub(crate) const PAST_DATE_AFTER_REPORT: Rule = Rule {
    code: "past-date-after-report",
    area: Area::Report,
    severity: Severity::Error,
    rule:
        "A sentence in the past tense does not give a full date later than the report's own date.",
    source: REPORT_CHECKS,
    help: "Check the date, usually its year, against the report's date.",
};

pub(crate) const PERCENTAGES_NOT_100: Rule = Rule {
    code: "percentages-not-100",
    area: Area::Report,
    severity: Severity::Warning,
    rule: "Three or more percentages in one sentence that break one whole down add up to 100, give or take half a unit of their finest decimal place for each (k whole percentages may be k x 0.5 away, k x 0.05 with one decimal place).",
    source: REPORT_CHECKS,
    help: "Check the figures against their source; if they are rounded, say so beside them.",
};

pub(crate) const DUPLICATE_TEXT: Rule = Rule {
    code: "duplicate-text",
    area: Area::Report,
    severity: Severity::Warning,
    rule: "The same sentence of eight words or more, or the same figure, is not given in two sections.",
    source: REPORT_CHECKS,
    help: "Keep it in the section it belongs to and refer to it from the other.",
};

pub(crate) const FIGURE_INCONSISTENT: Rule = Rule {
    code: "figure-inconsistent",
    area: Area::Report,
    severity: Severity::Warning,
    rule: "A figure with the same label and date has one value throughout the report.",
    source: REPORT_CHECKS,
    help: "Check which value is right and use it everywhere.",
};

/// The result of [`lint`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LintResult {
    /// The report's title, where it has one.
    pub title: String,
    /// Every heading, in order.
    pub headings: Vec<HeadingInfo>,
    /// Every figure, with its section: the table a board member reads.
    pub figures: Vec<FigureRow>,
    /// What the checks found.
    pub diagnostics: Vec<Diagnostic>,
}

/// A heading as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct HeadingInfo {
    /// Its line (null for report JSON).
    pub line: Option<u32>,
    /// Its number as written.
    pub number: Option<String>,
    /// Its title.
    pub title: String,
}

/// A figure with the section it is in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FigureRow {
    /// What is counted.
    pub label: String,
    /// The number.
    pub value: f64,
    /// Its unit.
    pub unit: Option<String>,
    /// When it was counted.
    pub as_of: Option<Date>,
    /// The section (number, else title).
    pub section: Option<String>,
}

/// A piece of text to check, where it came from, and the section it is in.
struct Unit<'a> {
    text: &'a str,
    block: Option<&'a ReadBlock>,
    section: Option<String>,
}

impl Unit<'_> {
    fn at(&self, d: Diagnostic, offset: usize) -> Diagnostic {
        let d = match self.block {
            Some(b) => d.at(super::LINE, b.line_at(offset)),
            None => d,
        };
        match &self.section {
            Some(s) => d.label(super::SECTION, s),
            None => d,
        }
    }
}

/// The blocks of report JSON, as the reader would give them (without lines).
fn document_blocks(report: &Report) -> Vec<ReadBlock> {
    fn walk(sections: &[Section], out: &mut Vec<ReadBlock>) {
        for s in sections {
            out.push(ReadBlock::new(
                0,
                ReadKind::Heading {
                    number: s.number.clone(),
                    title: s.title.clone(),
                    markdown_level: None,
                },
            ));
            for b in &s.blocks {
                let kinds = match b {
                    Block::Paragraph(p) => vec![ReadKind::Paragraph(p.clone())],
                    Block::List(items) => items
                        .iter()
                        .map(|i| ReadKind::ListItem(i.clone()))
                        .collect(),
                    Block::Figure(f) => vec![ReadKind::Figure(f.clone())],
                    Block::Link(l) => vec![ReadKind::Link(l.clone())],
                };
                out.extend(kinds.into_iter().map(|kind| ReadBlock::new(0, kind)));
            }
            walk(&s.sections, out);
        }
    }
    let mut out = Vec::new();
    walk(&report.sections, &mut out);
    out
}

/// A check of the report's structure: its blocks, and whether they have line numbers.
type StructureCheck = fn(&[ReadBlock], bool) -> Vec<Diagnostic>;
/// The checks of the report's structure (its headings' numbers, its sections), in order.
const STRUCTURE_CHECKS: [StructureCheck; 2] = [numbering, empty_sections];

/// The checks of each piece of text (a heading, a paragraph, a list item, a link's text).
const TEXT_CHECKS: [fn(&Unit, &mut Vec<Diagnostic>); 4] = [
    missing_links,
    broken_urls,
    repeated_words,
    double_punctuation,
];

/// The checks of each sentence of a piece of text, given the report's date when known.
type SentenceCheck = fn(&Unit, usize, &str, Option<Date>, &mut Vec<Diagnostic>);
const SENTENCE_CHECKS: [SentenceCheck; 2] = [past_date_after, percentages];

/// Lints a report; with `report_date`, also past events dated after it.
pub fn lint(source: &ReportSource, report_date: Option<Date>) -> LintResult {
    let (title, blocks, with_lines) = match source {
        ReportSource::Document(r) => (r.title.clone(), document_blocks(r), false),
        ReportSource::Text(t) => {
            let blocks = read_blocks(t);
            let title = super::read::to_report(&blocks).title;
            (title, blocks, true)
        }
    };
    let mut diagnostics = Vec::new();
    let mut headings = Vec::new();
    let mut figures = Vec::new();
    let mut units: Vec<Unit> = Vec::new();
    let mut section: Option<String> = None;
    for b in &blocks {
        let block = with_lines.then_some(b);
        match &b.kind {
            ReadKind::Heading { number, title, .. } => {
                section = Some(number.clone().unwrap_or_else(|| title.clone()));
                headings.push(HeadingInfo {
                    line: block.map(|b| b.line),
                    number: number.clone(),
                    title: title.clone(),
                });
                units.push(Unit {
                    text: title,
                    block,
                    section: section.clone(),
                });
            }
            ReadKind::Paragraph(t) | ReadKind::ListItem(t) => units.push(Unit {
                text: t,
                block,
                section: section.clone(),
            }),
            ReadKind::Link(l) => {
                units.push(Unit {
                    text: &l.text,
                    block,
                    section: section.clone(),
                });
                if l.href.trim().is_empty() {
                    diagnostics.push(located(
                        block,
                        &section,
                        MISSING_LINK.finding(format!("the link \"{}\" has no address", l.text)),
                    ));
                }
            }
            ReadKind::Figure(f) => figures.push(FigureRow {
                label: f.label.clone(),
                value: f.value,
                unit: f.unit.clone(),
                as_of: f.as_of,
                section: section.clone(),
            }),
        }
    }
    for check in STRUCTURE_CHECKS {
        diagnostics.extend(check(&blocks, with_lines));
    }
    for u in &units {
        for check in TEXT_CHECKS {
            check(u, &mut diagnostics);
        }
        for (offset, sentence) in sentences(u.text) {
            for check in SENTENCE_CHECKS {
                check(u, offset, sentence, report_date, &mut diagnostics);
            }
        }
    }
    duplicate_text(&units, &figures, &mut diagnostics);
    crate::order::sort_by_key(&mut diagnostics, |d| d.number(super::LINE).unwrap_or(0));
    LintResult {
        title,
        headings,
        figures,
        diagnostics,
    }
}

fn located(block: Option<&ReadBlock>, section: &Option<String>, d: Diagnostic) -> Diagnostic {
    let d = match block {
        Some(b) => d.at(super::LINE, b.line),
        None => d,
    };
    match section {
        Some(s) => d.label(super::SECTION, s),
        None => d,
    }
}

/// A number's parts with `.0` parts at the end dropped: `4.0` counts as `4`.
fn effective(number: &str) -> Vec<u32> {
    let mut parts: Vec<u32> = number.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    parts.truncate(number_depth(number));
    parts
}

/// Whether `next` may follow `previous`: a first child (N.M.1), the next number at any level
/// (N.M+1, N+1), possibly with missing parent headings below it (N+1.1).
fn may_follow(previous: &[u32], next: &[u32]) -> bool {
    let mut first_child = previous.to_vec();
    first_child.push(1);
    if next == first_child.as_slice() {
        return true;
    }
    (1..=previous.len()).any(|k| {
        let mut up = previous[..k].to_vec();
        if let Some(last) = up.last_mut() {
            *last += 1;
        }
        next.len() >= k && next[..k] == up[..] && next[k..].iter().all(|&p| p == 1)
    })
}

fn numbering(blocks: &[ReadBlock], with_lines: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: HashMap<Vec<u32>, String> = HashMap::new();
    let mut previous: Vec<u32> = vec![0];
    for b in blocks {
        let ReadKind::Heading {
            number: Some(number),
            title,
            ..
        } = &b.kind
        else {
            continue;
        };
        let at = |d: Diagnostic| {
            let d = d.label(super::SECTION, number);
            if with_lines {
                d.at(super::LINE, b.line)
            } else {
                d
            }
        };
        let e = effective(number);
        if number
            .split('.')
            .skip(1)
            .any(|p| p.chars().all(|c| c == '0'))
        {
            out.push(at(NUMBERING_ZERO.finding(format!(
                "heading \"{number} {title}\" has a .0 part: number it {}",
                e.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
            ))));
        }
        let shown = e.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
        let before = previous
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".");
        if let Some(first) = seen.get(&e) {
            out.push(at(NUMBERING_DUPLICATE.finding(format!(
                "heading \"{number} {title}\" repeats the number {shown} of \"{first}\""
            ))));
        } else if !may_follow(&previous, &e) {
            if e < previous {
                out.push(at(NUMBERING_ORDER.finding(format!(
                    "heading \"{number} {title}\" comes after {before}: its number is lower"
                ))));
            } else {
                out.push(at(NUMBERING_GAP.finding(format!("heading \"{number} {title}\" follows {before}: a number is missing between them"))));
            }
        }
        seen.entry(e.clone())
            .or_insert_with(|| format!("{number} {title}"));
        previous = e;
    }
    out
}

fn empty_sections(blocks: &[ReadBlock], with_lines: bool) -> Vec<Diagnostic> {
    let depth = |b: &ReadBlock| match &b.kind {
        ReadKind::Heading {
            number: Some(n), ..
        } => Some(number_depth(n)),
        ReadKind::Heading {
            markdown_level: Some(l),
            ..
        } => Some(usize::from(*l)),
        ReadKind::Heading { .. } => Some(1),
        _ => None,
    };
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let (
            Some(d),
            ReadKind::Heading {
                number,
                title,
                markdown_level,
            },
        ) = (depth(b), &b.kind)
        else {
            continue;
        };
        if *markdown_level == Some(1) && number.is_none() && i == 0 {
            continue; // the report's title
        }
        let empty = match blocks.get(i + 1) {
            None => true,
            Some(next) => depth(next).is_some_and(|n| n <= d),
        };
        if empty {
            let name = number
                .as_ref()
                .map_or_else(|| title.clone(), |n| format!("{n} {title}"));
            let finding =
                EMPTY_SECTION.finding(format!("section \"{name}\" has no text and no subsections"));
            let finding = finding.label(super::SECTION, number.as_deref().unwrap_or(title));
            out.push(if with_lines {
                finding.at(super::LINE, b.line)
            } else {
                finding
            });
        }
    }
    out
}

/// Words with their byte offsets: runs of letters, digits and apostrophes.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '\'' || c == '’';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// A short quotation of the words around `offset`, for messages: at most 20 characters either
/// side, within the sentence.
/// The first character boundary at or after `i` (the end of `text` at the most).
fn ceil_boundary(text: &str, i: usize) -> usize {
    (i.min(text.len())..=text.len())
        .find(|&j| text.is_char_boundary(j))
        .unwrap_or(text.len())
}

fn quote(text: &str, offset: usize, len: usize) -> String {
    let (s_start, sentence) = sentences(text)
        .into_iter()
        .find(|(o, s)| *o <= offset && offset < o + s.len().max(1))
        .unwrap_or((0, text));
    let (offset, text) = (
        ceil_boundary(sentence, offset.saturating_sub(s_start)),
        sentence,
    );
    // 20 characters either side, widened to whole words.
    let start = text[..offset]
        .char_indices()
        .rev()
        .nth(19)
        .map_or(0, |(i, _)| i);
    let start = text[..start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let end_from = ceil_boundary(text, offset + len);
    let end = text[end_from..]
        .char_indices()
        .nth(20)
        .map_or(text.len(), |(i, _)| end_from + i);
    let end = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    let mut q = text.get(start..end).unwrap_or(text).trim().to_string();
    if start > 0 {
        q.insert(0, '…');
    }
    if end < text.len() {
        q.push('…');
    }
    q
}

const CONJUNCTIONS: [&str; 6] = ["and", "or", "but", "to", "then", "so"];

fn missing_links(u: &Unit, out: &mut Vec<Diagnostic>) {
    let text = u.text;
    let lower = text.to_ascii_lowercase();
    let ws = words(&lower);
    for (i, &(offset, word)) in ws.iter().enumerate() {
        if word != "at" && word != "on" {
            continue;
        }
        let after = &lower[offset + word.len()..];
        let next_char = after.trim_start().chars().next();
        let next_word = ws.get(i + 1).map(|(_, w)| *w);
        // Only whitespace between "at" and the next word: a conjunction there means an address
        // was lost ("complete it at and tell us").
        let gap_is_space = ws
            .get(i + 1)
            .is_some_and(|(o, _)| lower[offset + word.len()..*o].trim().is_empty());
        let before_conjunction =
            gap_is_space && next_word.is_some_and(|w| CONJUNCTIONS.contains(&w));
        let before_punctuation = word == "at" && matches!(next_char, Some(',' | '.' | ';' | ')'));
        if before_conjunction || before_punctuation {
            out.push(u.at(
                MISSING_LINK.finding(format!(
                    "an address is missing after \"{word}\": \"{}\"",
                    quote(text, offset, word.len())
                )),
                offset,
            ));
        }
    }
    // "visit our website, , to find out more"
    let bytes = lower.as_bytes();
    for (i, _) in lower.match_indices(',') {
        let rest = &lower[i + 1..];
        let trimmed = rest.trim_start();
        if trimmed.len() < rest.len()
            && trimmed.starts_with(',')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace)
        {
            out.push(u.at(
                MISSING_LINK.finding(format!(
                    "something is missing between two commas: \"{}\"",
                    quote(text, i, 3)
                )),
                i,
            ));
        }
    }
    for phrase in ["the link is", "link:", "available at:"] {
        for (i, _) in lower.match_indices(phrase) {
            let rest = lower[i + phrase.len()..].trim_start();
            if rest.is_empty() || rest.starts_with(['.', ',', ';', ')']) {
                out.push(u.at(
                    MISSING_LINK.finding(format!(
                        "\"{}\" is followed by no address",
                        &text[i..i + phrase.len()]
                    )),
                    i,
                ));
            }
        }
    }
}

fn broken_urls(u: &Unit, out: &mut Vec<Diagnostic>) {
    let text = u.text;
    let lower = text.to_ascii_lowercase();
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut found: Vec<usize> = Vec::new();
    // "htt p: //", "https:// nhs.uk", "http : //": the scheme with spaces in or after it.
    for (i, _) in lower.match_indices('h') {
        let window: String = lower[i..].chars().take(14).collect();
        let squeezed = compact(&window);
        let scheme = ["https://", "http://"]
            .into_iter()
            .find(|s| squeezed.starts_with(s));
        if let Some(scheme) = scheme {
            // Take the written form up to the end of the scheme, spaces included.
            let mut seen = 0;
            let mut end = i;
            for (j, c) in lower[i..].char_indices() {
                if !c.is_whitespace() {
                    seen += 1;
                }
                if seen == scheme.len() {
                    end = i + j + c.len_utf8();
                    break;
                }
            }
            let written = &lower[i..end];
            let spaced_after = lower[end..].starts_with(' ')
                && lower[end..]
                    .trim_start()
                    .starts_with(|c: char| c.is_alphanumeric());
            if written.contains(char::is_whitespace) || spaced_after {
                found.push(i);
            }
        }
    }
    // "www. example.nhs.uk", "www .nhs.uk"
    for (i, _) in lower.match_indices("www") {
        let rest = &lower[i + 3..];
        let squeezed_dot = rest.trim_start().starts_with('.')
            && rest.trim_start()[1..]
                .trim_start()
                .starts_with(|c: char| c.is_alphanumeric());
        let has_space = rest.starts_with(char::is_whitespace)
            || rest
                .strip_prefix('.')
                .is_some_and(|r| r.starts_with(char::is_whitespace));
        if squeezed_dot && has_space {
            found.push(i);
        }
    }
    // "kentandmedway. nhs.uk": a domain split before a UK public-sector suffix.
    for suffix in [". nhs.uk", ". gov.uk", ". org.uk", ". co.uk", ". ac.uk"] {
        for (i, _) in lower.match_indices(suffix) {
            // "Kent. Nhs.uk staff" starts a sentence; "kentandmedway. nhs.uk" is a split address.
            let lower_case_after = text
                .get(i + 2..)
                .is_some_and(|t| t.starts_with(|c: char| c.is_lowercase()));
            if lower[..i].ends_with(|c: char| c.is_ascii_alphanumeric()) && lower_case_after {
                found.push(i);
            }
        }
    }
    crate::order::sort_by(&mut found, Ord::cmp);
    found.dedup();
    for i in found {
        out.push(u.at(
            BROKEN_URL.finding(format!(
                "a web address is broken by a space: \"{}\"",
                quote(text, i, 8)
            )),
            i,
        ));
    }
}

fn repeated_words(u: &Unit, out: &mut Vec<Diagnostic>) {
    let ws = words(u.text);
    for pair in ws.windows(2) {
        let ((o1, w1), (o2, w2)) = (pair[0], pair[1]);
        let between = &u.text[o1 + w1.len()..o2];
        // Grammatical doubles ("had had", "that that") and numbers ("10 10") are left alone.
        let allowed = ["had", "that"].contains(&w1.to_ascii_lowercase().as_str())
            || w1.chars().all(|c| c.is_ascii_digit());
        if w1.eq_ignore_ascii_case(w2)
            && w1.chars().any(char::is_alphabetic)
            && between.trim().is_empty()
            && !between.is_empty()
            && !allowed
        {
            out.push(u.at(
                REPEATED_WORD.finding(format!(
                    "\"{}\" is repeated: \"{}\"",
                    w1,
                    quote(u.text, o1, o2 + w2.len() - o1)
                )),
                o1,
            ));
        }
    }
}

fn double_punctuation(u: &Unit, out: &mut Vec<Diagnostic>) {
    let chars: Vec<(usize, char)> = u.text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        let run = chars[i..].iter().take_while(|(_, x)| *x == c).count();
        // An ellipsis is three dots; two are a slip.
        let doubled = match c {
            '.' => run == 2,
            ',' | '?' | '!' => run >= 2,
            _ => false,
        };
        if doubled {
            out.push(u.at(
                DOUBLE_PUNCTUATION.finding(format!(
                    "doubled punctuation \"{}\": \"{}\"",
                    c.to_string().repeat(run),
                    quote(u.text, offset, run)
                )),
                offset,
            ));
        }
        i += run.max(1);
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Full dates in a sentence: "3 March 2019", "3rd March 2019", "March 3, 2019".
fn full_dates(sentence: &str) -> Vec<(usize, Date)> {
    let ws = words(sentence);
    let lower: Vec<String> = ws.iter().map(|(_, w)| w.to_ascii_lowercase()).collect();
    let day = |w: &str| -> Option<u32> {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        let suffix = &w[digits.len()..];
        (["", "st", "nd", "rd", "th"].contains(&suffix) && !digits.is_empty() && digits.len() <= 2)
            .then(|| digits.parse().ok())
            .flatten()
    };
    let month = |w: &str| MONTHS.iter().position(|m| *m == w).map(|p| p as u32 + 1);
    let year = |w: &str| (w.len() == 4).then(|| w.parse::<i32>().ok()).flatten();
    let mut out = Vec::new();
    for i in 0..lower.len().saturating_sub(2) {
        let (a, b, c) = (&lower[i], &lower[i + 1], &lower[i + 2]);
        let found = match (day(a), month(b), year(c)) {
            (Some(d), Some(m), Some(y)) => Date::from_ymd(y, m, d),
            _ => match (month(a), day(b), year(c)) {
                (Some(m), Some(d), Some(y)) => Date::from_ymd(y, m, d),
                _ => None,
            },
        };
        if let Some(date) = found {
            out.push((ws[i].0, date));
        }
    }
    out
}

const PAST: [&str; 16] = [
    "was",
    "were",
    "held",
    "took",
    "attended",
    "had",
    "met",
    "launched",
    "published",
    "ran",
    "completed",
    "closed",
    "opened",
    "visited",
    "received",
    "gave",
];
const FUTURE: [&str; 8] = [
    "will",
    "shall",
    "due",
    "planned",
    "scheduled",
    "upcoming",
    "next",
    "forthcoming",
];

fn past_date_after(
    u: &Unit,
    offset: usize,
    sentence: &str,
    report_date: Option<Date>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(report_date) = report_date else {
        return;
    };
    let ws: Vec<String> = words(sentence)
        .into_iter()
        .map(|(_, w)| w.to_ascii_lowercase())
        .collect();
    let past = ws.iter().any(|w| PAST.contains(&w.as_str()));
    let future = ws.iter().any(|w| FUTURE.contains(&w.as_str()));
    if !past || future {
        return;
    }
    for (at, date) in full_dates(sentence) {
        if date > report_date {
            out.push(u.at(
                PAST_DATE_AFTER_REPORT.finding(format!("\"{}\" tells of {date} in the past, but the report is dated {report_date}: is the year wrong?", quote(sentence, at, 10))),
                offset + at,
            ));
        }
    }
}

const NUMBER_WORDS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// A number in words up to ninety-nine ("forty-one", "forty one", "nine").
fn number_in_words(words: &[&str]) -> Option<f64> {
    let w = words.join("-").to_ascii_lowercase();
    if let Some(n) = NUMBER_WORDS.iter().position(|x| *x == w) {
        return Some(n as f64);
    }
    let (tens, unit) = w
        .split_once('-')
        .map_or((w.as_str(), None), |(t, u)| (t, Some(u)));
    let t = TENS.iter().position(|x| *x == tens)? as f64 * 10.0 + 20.0;
    match unit {
        None => Some(t),
        Some(u) => NUMBER_WORDS
            .iter()
            .position(|x| *x == u)
            .filter(|&n| (1..10).contains(&n))
            .map(|n| t + n as f64),
    }
}

/// Percentages in a sentence: "41%", "41 per cent", "41.5 percent", "forty-one per cent", each
/// with its number of decimal places as written (0 for a number in words).
fn percentages_in(sentence: &str) -> Vec<(f64, u32)> {
    let lower = sentence.to_ascii_lowercase().replace("percent", "per cent");
    let mut out = Vec::new();
    let ws = words(&lower);
    // The end of the last number read with its decimal places: "41.5%" is one percentage, and
    // its "5" is no second one.
    let mut read_to = 0;
    for (i, &(offset, w)) in ws.iter().enumerate() {
        if offset < read_to {
            continue;
        }
        let digits = w.replace(',', "");
        let number = super::parse_decimal(&digits).map(|n| (n, 0));
        let after = &lower[offset + w.len()..];
        // "41.5%": the word splitter stops at the dot.
        let (number, after) = match (number, after.strip_prefix('.')) {
            (Some(_), Some(rest)) if rest.starts_with(|c: char| c.is_ascii_digit()) => {
                let frac: String = rest.chars().take_while(char::is_ascii_digit).collect();
                let places = u32::try_from(frac.len()).unwrap_or(u32::MAX);
                read_to = offset + w.len() + 1 + frac.len();
                (
                    super::parse_decimal(&format!("{digits}.{frac}")).map(|n| (n, places)),
                    &rest[frac.len()..],
                )
            }
            _ => (number, after),
        };
        let is_percent = after.starts_with('%') || after.trim_start().starts_with("per cent");
        if let (Some(n), true) = (number, is_percent) {
            out.push(n);
            continue;
        }
        if after.trim_start().starts_with("per cent") {
            // "forty-one per cent": the word before, "forty", was no percentage by itself.
            let two = if i > 0 && lower[ws[i - 1].0 + ws[i - 1].1.len()..offset] == *"-" {
                number_in_words(&[ws[i - 1].1, w])
            } else {
                None
            };
            if let Some(n) = two.or_else(|| number_in_words(&[w])) {
                out.push((n, 0));
            }
        }
    }
    out
}

/// Whether percentages, each with its decimal places, add up to 100 as far as their rounding
/// allows: k percentages rounded to the finest place used (whole numbers, one decimal place, ...)
/// may be k x half a unit of that place away from 100 (5 whole percentages: 2.5; 4 to one decimal
/// place: 0.2). Counted exactly, in units of that place.
fn add_up_to_100(found: &[(f64, u32)]) -> bool {
    // Beyond 15 places a half unit is nothing a report could mean.
    let places = found.iter().map(|p| p.1).max().unwrap_or(0).min(15);
    let scale = 10f64.powi(i32::try_from(places).unwrap_or(15));
    // Each percentage in units of the finest place: exact for the digits a report writes.
    let sum = found
        .iter()
        .map(|p| (p.0 * scale).round() as i128)
        .fold(0i128, i128::saturating_add);
    let hundred = (100.0 * scale).round() as i128;
    let k = i128::try_from(found.len()).unwrap_or(i128::MAX);
    // |sum - 100| <= k x half a unit, doubled to stay in whole units.
    sum.saturating_sub(hundred)
        .saturating_abs()
        .saturating_mul(2)
        <= k
}

const TREND: [&str; 12] = [
    "rose",
    "risen",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "fell",
    "fallen",
    "compared",
    "target",
    "than",
    "change",
];

fn percentages(
    u: &Unit,
    offset: usize,
    sentence: &str,
    _: Option<Date>,
    out: &mut Vec<Diagnostic>,
) {
    let found = percentages_in(sentence);
    if found.len() < 3 {
        return;
    }
    let lower = sentence.to_ascii_lowercase();
    if words(&lower).iter().any(|(_, w)| TREND.contains(w)) {
        return; // percentages of different wholes, not a breakdown
    }
    let sum: f64 = found.iter().map(|p| p.0).sum();
    if !add_up_to_100(&found) {
        out.push(u.at(
            PERCENTAGES_NOT_100.finding(format!(
                "the percentages of \"{}\" add up to {}, not 100",
                quote(sentence, 0, sentence.len().min(40)),
                (sum * 100.0).round() / 100.0
            )),
            offset,
        ));
    }
}

/// Text normalised for comparison: lower case, words only.
fn normalised(text: &str) -> String {
    words(text)
        .into_iter()
        .map(|(_, w)| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

fn duplicate_text(units: &[Unit], figures: &[FigureRow], out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<String, (Option<String>, Option<u32>)> = HashMap::new();
    for u in units {
        for (offset, sentence) in sentences(u.text) {
            let key = normalised(sentence);
            if key.split(' ').count() < 8 {
                continue; // short phrases recur naturally
            }
            match first.get(&key) {
                Some((section, line)) if *section != u.section => {
                    let whence = match (section, line) {
                        (Some(s), Some(l)) => format!("section {s}, line {l}"),
                        (Some(s), None) => format!("section {s}"),
                        _ => "earlier".to_string(),
                    };
                    out.push(u.at(
                        DUPLICATE_TEXT.finding(format!(
                            "\"{}\" is also given in {whence}",
                            quote(sentence, 0, sentence.len().min(60))
                        )),
                        offset,
                    ));
                }
                Some(_) => {}
                None => {
                    first.insert(key, (u.section.clone(), u.block.map(|b| b.line_at(offset))));
                }
            }
        }
    }
    let mut by_label: HashMap<(String, Option<Date>), &FigureRow> = HashMap::new();
    for f in figures {
        let key = (f.label.trim().to_ascii_lowercase(), f.as_of);
        match by_label.get(&key) {
            Some(g) if g.value != f.value => out.push(section_of(
                FIGURE_INCONSISTENT.finding(format!(
                    "\"{}\" is given as {} and as {}",
                    f.label, g.value, f.value
                )),
                &f.section,
            )),
            Some(g) if g.section != f.section => out.push(section_of(
                DUPLICATE_TEXT.finding(format!(
                    "the figure \"{}\" ({}) is given in two sections",
                    f.label, f.value
                )),
                &f.section,
            )),
            Some(_) => {}
            None => {
                by_label.insert(key, f);
            }
        }
    }
}

fn section_of(d: Diagnostic, section: &Option<String>) -> Diagnostic {
    match section {
        Some(s) => d.label(super::SECTION, s),
        None => d,
    }
}

/// Figures of report JSON with their sections (the figures table of a rendered report).
pub fn figures_of(report: &Report) -> Vec<FigureRow> {
    let mut out = Vec::new();
    fn walk(sections: &[Section], out: &mut Vec<FigureRow>) {
        for s in sections {
            for b in &s.blocks {
                if let Block::Figure(Figure {
                    label,
                    value,
                    unit,
                    as_of,
                }) = b
                {
                    out.push(FigureRow {
                        label: label.clone(),
                        value: *value,
                        unit: unit.clone(),
                        as_of: *as_of,
                        section: Some(s.number.clone().unwrap_or_else(|| s.title.clone())),
                    });
                }
            }
            walk(&s.sections, out);
        }
    }
    walk(&report.sections, &mut out);
    out
}
