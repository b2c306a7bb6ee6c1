//! Reading reports as people write them: Markdown, or plain text pasted from a web page or Word,
//! into numbered sections of blocks, keeping the input's line number of every block.
//!
//! The heading rule (SCHEMAS.md): a line of at most 100 characters, not ending in a full stop,
//! that starts with a section number (`2`, `3.1`, `4.0`) and a space, possibly behind a bullet or
//! a list number (`1. 4.1 Health scrutiny` is heading 4.1). A numbered line that is a sentence is
//! a list item. Markdown headings (`## Media`) are headings with or without a number, and a short
//! line standing alone between blank lines, without final punctuation, is taken as an unnumbered
//! heading (how Word's headings arrive as plain text).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{Block, Figure, Link, Report, Section};

/// A block as read, with its 1-based line in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadBlock {
    /// Where it starts.
    pub line: u32,
    /// What it is.
    pub kind: ReadKind,
    /// For a paragraph read from several lines: where each later line starts in its joined text,
    /// and that line's number (so a finding inside it names its own line).
    pub continued: Vec<(usize, u32)>,
    /// For a list item: it starts a new list (a list just before it ended).
    pub starts_list: bool,
}

impl ReadBlock {
    pub(crate) fn new(line: u32, kind: ReadKind) -> ReadBlock {
        ReadBlock {
            line,
            kind,
            continued: Vec::new(),
            starts_list: false,
        }
    }

    /// The input line of a byte offset in this block's text.
    pub fn line_at(&self, offset: usize) -> u32 {
        self.continued
            .iter()
            .rev()
            .find(|(o, _)| *o <= offset)
            .map_or(self.line, |(_, l)| *l)
    }
}

/// What a line or group of lines is.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadKind {
    /// A heading: its number as written (if any), title, and Markdown level (if a `#` heading).
    Heading {
        /// The section number as written (`3.1`, `4.0`).
        number: Option<String>,
        /// The title.
        title: String,
        /// For `#` headings, how many `#`.
        markdown_level: Option<u8>,
    },
    /// A paragraph (its lines joined by spaces).
    Paragraph(String),
    /// One list item.
    ListItem(String),
    /// A figure line written by `report render` (`Figure: label: value unit (as of date)`).
    Figure(Figure),
    /// A link standing alone (`[text](href)` in Markdown, `Link: text <href>` in plain text).
    Link(Link),
}

/// Bullets that Word and web pages put in front of list items.
const BULLETS: [char; 7] = ['•', '·', '▪', '◦', '‣', '-', '*'];

/// Splits a leading section number (`3`, `3.1`, `4.0`): digits and dots, each part 1 to 3 digits,
/// the first at most 99 (so that a year is not a section number), followed by a space.
fn section_number(text: &str) -> Option<(&str, &str)> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, rest) = text.split_at(end);
    let parts: Vec<&str> = number.split('.').collect();
    let valid = !number.is_empty()
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 3)
        && parts
            .first()
            .and_then(|p| p.parse::<u32>().ok())
            .is_some_and(|n| n <= 99);
    let title = rest.strip_prefix(' ')?.trim();
    valid.then_some((number, title))
}

/// Strips a bullet or a list number (`1.`, `2)`) in front of a line.
fn strip_marker(text: &str) -> Option<&str> {
    let t = text.trim_start();
    if let Some(c) = t.chars().next().filter(|c| BULLETS.contains(c)) {
        return t[c.len_utf8()..]
            .strip_prefix([' ', '\t'])
            .map(str::trim_start);
    }
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
    if digits > 0 && digits <= 3 {
        let rest = &t[digits..];
        if let Some(rest) = rest.strip_prefix(['.', ')']) {
            return rest.strip_prefix([' ', '\t']).map(str::trim_start);
        }
    }
    None
}

/// A sentence rather than a title: ends as sentences do, or holds more than one.
fn is_sentence(title: &str) -> bool {
    title.ends_with(['.', '!', '?', ';']) || title.contains(". ")
}

/// The heading rule: `(number, title)` when the line is a numbered heading.
pub fn numbered_heading(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    if t.chars().count() > 100 || t.ends_with('.') {
        return None;
    }
    let candidates = [Some(t), strip_marker(t)];
    candidates.into_iter().flatten().find_map(|c| {
        let (number, title) = section_number(c)?;
        let starts_upper = title
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase);
        (starts_upper && !is_sentence(title)).then(|| (number.to_string(), title.to_string()))
    })
}

/// A bullet line (`• item`, `- item`): its text.
fn bullet_item(line: &str) -> Option<(char, &str)> {
    let t = line.trim_start();
    let c = t.chars().next().filter(|c| BULLETS.contains(c))?;
    t[c.len_utf8()..]
        .strip_prefix([' ', '\t'])
        .map(|item| (c, item.trim()))
}

/// A figure line as `report render` writes it: `Figure: label: value unit (as of YYYY-MM-DD)`.
fn figure_line(line: &str) -> Option<Figure> {
    let rest = line.trim().strip_prefix("Figure: ")?;
    let (label, rest) = rest.rsplit_once(": ")?;
    let (rest, as_of) = match rest
        .strip_suffix(')')
        .and_then(|r| r.rsplit_once(" (as of "))
    {
        Some((r, d)) => (r, Some(crate::Date::parse(d).ok()?)),
        None => (rest, None),
    };
    let (value, unit) = match rest.split_once(' ') {
        Some((v, u)) => (v, Some(u.to_string())),
        None => (rest, None),
    };
    let value = super::parse_decimal(&value.replace(',', ""))?;
    Some(Figure {
        label: label.to_string(),
        value,
        unit,
        as_of,
    })
}

/// A link standing alone: `[text](href)` or `Link: text <href>`.
fn link_line(line: &str) -> Option<Link> {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix("Link: ") {
        let (text, href) = rest.strip_suffix('>')?.rsplit_once(" <")?;
        return Some(Link {
            text: text.to_string(),
            href: href.to_string(),
        });
    }
    let inner = t.strip_prefix('[')?;
    let (text, rest) = inner.split_once("](")?;
    let href = rest.strip_suffix(')')?;
    (!href.contains(char::is_whitespace)).then(|| Link {
        text: text.to_string(),
        href: href.to_string(),
    })
}

/// The 1-based line of each byte offset.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    fn line_of(&self, offset: usize) -> u32 {
        let index = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(index).unwrap_or(u32::MAX)
    }
}

/// Reads Markdown or plain text into blocks with their lines.
pub fn read_blocks(text: &str) -> Vec<ReadBlock> {
    let lines = Lines::new(text);
    let mut out = Vec::new();
    // Block ranges at the top level of the document, or items of lists at any depth.
    let mut depth = 0usize;
    // The next item read is the first of a list.
    let mut list_opened = false;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                let source = &text[range.clone()];
                let title = source
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim()
                    .trim_start_matches('#')
                    .trim()
                    .trim_end_matches('#')
                    .trim();
                let (number, title) = match section_number(title) {
                    Some((n, t)) => (Some(n.to_string()), t.to_string()),
                    None => (None, title.to_string()),
                };
                out.push(ReadBlock::new(
                    lines.line_of(range.start),
                    ReadKind::Heading {
                        number,
                        title,
                        markdown_level: Some(heading_level(level)),
                    },
                ));
                depth += 1;
            }
            Event::Start(Tag::Paragraph) if depth == 0 => {
                read_paragraph(text, range.start, range.end, &lines, &mut out);
                depth += 1;
            }
            Event::Start(Tag::Item) => {
                // The item's own text: its lines up to a blank line or a nested item.
                let source = &text[range.clone()];
                let mut source_lines = source.split('\n');
                let first = source_lines.next().unwrap_or("");
                let mut parts = vec![strip_marker(first).unwrap_or(first.trim()).trim()];
                for l in source_lines {
                    if l.trim().is_empty() || strip_marker(l).is_some() {
                        break;
                    }
                    parts.push(l.trim());
                }
                let joined = parts.join(" ");
                let line = lines.line_of(range.start);
                let kind = match numbered_heading(first) {
                    Some((number, title)) => ReadKind::Heading {
                        number: Some(number),
                        title,
                        markdown_level: None,
                    },
                    None => ReadKind::ListItem(joined.trim().to_string()),
                };
                let mut block = ReadBlock::new(line, kind);
                block.starts_list = std::mem::take(&mut list_opened);
                out.push(block);
                depth += 1;
            }
            Event::Start(
                Tag::Table(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::FootnoteDefinition(_),
            ) => {
                // Lists are containers: their items are read one by one. Quotes, code, tables and
                // HTML are read as paragraphs of their source lines only at the top level.
                if matches!(event, Event::Start(Tag::List(_))) {
                    list_opened = true;
                } else if depth == 0 {
                    read_paragraph(text, range.start, range.end, &lines, &mut out);
                }
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Table
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::FootnoteDefinition,
            ) => {
                depth = depth.saturating_sub(1);
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    mark_standalone_titles(text, &mut out);
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A paragraph's lines one by one: headings, bullets, figures and links stand alone; other lines
/// run together into paragraphs.
fn read_paragraph(text: &str, start: usize, end: usize, lines: &Lines, out: &mut Vec<ReadBlock>) {
    let mut offset = start;
    let mut open: Option<ReadBlock> = None;
    // The bullet of the list being read, if the last line was an item.
    let mut bullet: Option<char> = None;
    let mut starts_list = false;
    let flush = |open: &mut Option<ReadBlock>, out: &mut Vec<ReadBlock>| {
        if let Some(block) = open.take() {
            out.push(block);
        }
    };
    for raw in text[start..end].split_inclusive('\n') {
        let line = lines.line_of(offset);
        offset += raw.len();
        let content = raw.trim();
        if content.is_empty() {
            continue;
        }
        let standalone = if let Some((number, title)) = numbered_heading(content) {
            Some(ReadKind::Heading {
                number: Some(number),
                title,
                markdown_level: None,
            })
        } else if let Some(f) = figure_line(content) {
            Some(ReadKind::Figure(f))
        } else if let Some(l) = link_line(content) {
            Some(ReadKind::Link(l))
        } else {
            bullet_item(content).map(|(c, item)| {
                // A change of bullet starts another list, as in Markdown.
                starts_list = bullet != Some(c)
                    || !matches!(out.last().map(|b| &b.kind), Some(ReadKind::ListItem(_)));
                bullet = Some(c);
                ReadKind::ListItem(item.to_string())
            })
        };
        if !matches!(standalone, Some(ReadKind::ListItem(_))) {
            bullet = None;
        }
        match standalone {
            Some(kind) => {
                flush(&mut open, out);
                let mut block = ReadBlock::new(line, kind);
                block.starts_list = starts_list;
                out.push(block);
            }
            None => match &mut open {
                Some(ReadBlock {
                    kind: ReadKind::Paragraph(text),
                    continued,
                    ..
                }) => {
                    text.push(' ');
                    continued.push((text.len(), line));
                    text.push_str(content);
                }
                _ => {
                    open = Some(ReadBlock::new(
                        line,
                        ReadKind::Paragraph(content.to_string()),
                    ))
                }
            },
        }
    }
    flush(&mut open, out);
}

/// Plain text's unnumbered headings: a paragraph of one short line with no final punctuation,
/// read from a single line with blank lines (or the start) around it.
fn mark_standalone_titles(text: &str, blocks: &mut [ReadBlock]) {
    let source: Vec<&str> = text.split('\n').collect();
    let blank = |line: u32| {
        line == 0
            || source
                .get(line as usize - 1)
                .is_none_or(|l| l.trim().is_empty())
    };
    for i in 0..blocks.len() {
        let ReadKind::Paragraph(p) = &blocks[i].kind else {
            continue;
        };
        let line = blocks[i].line;
        let next_is_text = blocks
            .get(i + 1)
            .is_some_and(|b| !matches!(b.kind, ReadKind::Heading { .. }));
        let short = p.chars().count() <= 120 && p.split_whitespace().count() <= 20;
        let ends_open = !p.ends_with(['.', '!', '?', ':', ';', ',']);
        let capital = p.chars().next().is_some_and(char::is_uppercase);
        if short && ends_open && capital && next_is_text && blank(line - 1) && blank(line + 1) {
            blocks[i].kind = ReadKind::Heading {
                number: None,
                title: p.clone(),
                markdown_level: None,
            };
        }
    }
}

/// Where a section number puts a heading: its depth, `.0` parts counting as their parent's.
pub fn number_depth(number: &str) -> usize {
    let parts: Vec<&str> = number.split('.').collect();
    let significant = parts
        .iter()
        .rposition(|p| !p.trim_start_matches('0').is_empty())
        .map_or(1, |i| i + 1);
    significant.max(1)
}

/// Builds the section tree of a read report. Blocks before the first heading go into an
/// unnumbered opening section titled like the report.
pub fn to_report(blocks: &[ReadBlock]) -> Report {
    let (mut report, rest) = report_head(blocks);
    let mut tree = Tree::default();
    for b in rest {
        let block = match &b.kind {
            ReadKind::Heading {
                number,
                title,
                markdown_level,
            } => {
                tree.open(heading_depth(number, markdown_level, &tree), number, title);
                continue;
            }
            ReadKind::Paragraph(p) => Block::Paragraph(p.clone()),
            ReadKind::ListItem(item) => {
                // Consecutive items make one list, unless an item starts another.
                if let Some((_, s)) = tree.stack.last_mut() {
                    if let (Some(Block::List(items)), false) = (s.blocks.last_mut(), b.starts_list)
                    {
                        items.push(item.clone());
                        continue;
                    }
                }
                Block::List(vec![item.clone()])
            }
            ReadKind::Figure(f) => Block::Figure(f.clone()),
            ReadKind::Link(l) => Block::Link(l.clone()),
        };
        tree.push(block);
    }
    tree.close_to(0);
    report.sections = tree.top;
    report
}

/// The report's title (a first `#` heading without a number) and its metadata as `report render`
/// writes it ("Organisation: ..." items right after the title), and the blocks after them.
fn report_head(blocks: &[ReadBlock]) -> (Report, &[ReadBlock]) {
    let mut title = None;
    let mut rest = blocks;
    if let Some(ReadBlock {
        kind:
            ReadKind::Heading {
                number: None,
                title: t,
                markdown_level: Some(1),
            },
        ..
    }) = blocks.first()
    {
        title = Some(t.clone());
        rest = &blocks[1..];
    }
    let mut report = Report::new(&title.unwrap_or_default());
    while let Some(ReadBlock {
        kind: ReadKind::ListItem(item),
        ..
    }) = rest.first()
    {
        let Some((key, value)) = item.split_once(": ") else {
            break;
        };
        let value = value.trim().to_string();
        match key {
            "Organisation" => report.organisation = Some(value),
            "Meeting" => report.meeting = Some(value),
            "Date" => match crate::Date::parse(&value) {
                Ok(d) => report.date = Some(d),
                Err(_) => break,
            },
            "Author" => report.author = Some(value),
            "Period" => report.period = Some(value),
            _ => break,
        }
        rest = &rest[1..];
    }
    (report, rest)
}

/// A heading's depth: by its number's parts (`2.1` is 2), else by its Markdown level (`##` is
/// 1), else the depth of the section it is in.
fn heading_depth(number: &Option<String>, markdown_level: &Option<u8>, tree: &Tree) -> usize {
    match (number, markdown_level) {
        (Some(n), _) => number_depth(n),
        (None, Some(level)) => usize::from(level.saturating_sub(1).max(1)),
        (None, None) => tree.stack.last().map_or(1, |(d, _)| *d),
    }
}

/// The sections being built: each open one with its depth, and the top-level ones closed.
#[derive(Default)]
struct Tree {
    stack: Vec<(usize, Section)>,
    top: Vec<Section>,
}

impl Tree {
    /// Closes every open section at `depth` or deeper, each into its parent (or the top).
    fn close_to(&mut self, depth: usize) {
        while self.stack.last().is_some_and(|(d, _)| *d >= depth) {
            if let Some((_, s)) = self.stack.pop() {
                match self.stack.last_mut() {
                    Some((_, parent)) => parent.sections.push(s),
                    None => self.top.push(s),
                }
            }
        }
    }

    /// Opens a section at `depth`, closing those it ends.
    fn open(&mut self, depth: usize, number: &Option<String>, title: &str) {
        self.close_to(depth);
        self.stack.push((
            depth,
            Section {
                number: number.clone(),
                title: title.to_string(),
                blocks: Vec::new(),
                sections: Vec::new(),
            },
        ));
    }

    /// Adds a block to the open section; blocks before any heading open an untitled one.
    fn push(&mut self, block: Block) {
        if self.stack.is_empty() {
            self.open(1, &None, "");
        }
        if let Some((_, s)) = self.stack.last_mut() {
            s.blocks.push(block);
        }
    }
}
