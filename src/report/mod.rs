//! Governing-body reports: numbered sections of paragraphs, lists, figures and links.

use std::cell::Cell;

use serde::{de, Deserialize, Deserializer, Serialize};

use crate::calendar::Date;
use crate::diagnostic::LabelKind;
use crate::document::{check_range, Document, DocumentKind, MAX_NESTING};
use crate::error::{Error, ErrorKind, Result};

mod build;
mod lint;
mod read;
mod render;

pub use build::PROGRESS_SECTIONS;
pub use lint::{figures_of, lint, FigureRow, HeadingInfo, LintResult};
pub use read::{numbered_heading, read_blocks, to_report, ReadBlock, ReadKind};
pub use render::{number_sections, render};

/// A finding at a line of the report's text (`"line": 12`, 1-based).
pub const LINE: LabelKind = LabelKind::number("line", 6);
/// A finding in a section of the report (its number, or its title when it has none).
pub const SECTION: LabelKind = LabelKind::id("section", 7);

/// This area's rules, in the order its checks run (gathered by [`crate::catalogue`]).
pub const RULES: &[&crate::diagnostic::Rule] = &[
    &lint::MISSING_LINK,
    &lint::NUMBERING_ZERO,
    &lint::NUMBERING_DUPLICATE,
    &lint::NUMBERING_ORDER,
    &lint::NUMBERING_GAP,
    &lint::EMPTY_SECTION,
    &lint::BROKEN_URL,
    &lint::REPEATED_WORD,
    &lint::DOUBLE_PUNCTUATION,
    &lint::PAST_DATE_AFTER_REPORT,
    &lint::PERCENTAGES_NOT_100,
    &lint::DUPLICATE_TEXT,
    &lint::FIGURE_INCONSISTENT,
];

/// A report's structure (`engagekit/report@1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Report {
    /// `engagekit/report@1`.
    pub schema: String,
    /// "Communications and engagement progress report December 2016".
    pub title: String,
    /// The organisation reporting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The meeting it goes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    /// The report's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Its author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The period it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The sections.
    #[serde(deserialize_with = "nested_sections")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Section>"))]
    pub sections: Vec<Section>,
}

/// A numbered section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Section {
    /// Its number as written (`3.1`); numbered automatically when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Its title.
    pub title: String,
    /// Its content.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Its subsections.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "nested_sections"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Section>"))]
    pub sections: Vec<Section>,
}

/// A block of content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Block {
    /// A paragraph.
    Paragraph(String),
    /// A bullet list.
    List(Vec<String>),
    /// A figure ("1,676 survey responses by 30 November").
    Figure(Figure),
    /// A link.
    Link(Link),
}

/// A figure: a labelled number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Figure {
    /// What is counted ("survey responses").
    pub label: String,
    /// The number.
    pub value: f64,
    /// Its unit ("%", "people").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The date it was counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
}

/// A link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Link {
    /// The words linked.
    pub text: String,
    /// The address.
    pub href: String,
}

thread_local! {
    static SECTION_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Reads a list of sections, refusing nesting deeper than [`MAX_NESTING`]: far below serde_json's
/// own recursion limit, so that a hostile report gets a clear `too-deep` error naming the section
/// rather than a generic one, and the renderers' recursion stays shallow. The list is read as a
/// newtype of the name the JSON reader knows (crate::de::NESTING), which makes the guard's
/// message a `too-deep` error.
fn nested_sections<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<Section>, D::Error> {
    struct Sections;
    impl<'de> de::Visitor<'de> for Sections {
        type Value = Vec<Section>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of sections")
        }
        fn visit_newtype_struct<D: Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<Vec<Section>, D::Error> {
            struct Level;
            impl Drop for Level {
                fn drop(&mut self) {
                    SECTION_DEPTH.with(|c| c.set(c.get().saturating_sub(1)));
                }
            }
            let depth = SECTION_DEPTH.with(|c| {
                c.set(c.get() + 1);
                c.get()
            });
            let _level = Level;
            if depth > MAX_NESTING {
                return Err(de::Error::custom(format!(
                    "sections are nested deeper than {MAX_NESTING} levels"
                )));
            }
            Vec::<Section>::deserialize(d)
        }
    }
    d.deserialize_newtype_struct(crate::de::NESTING, Sections)
}

impl Report {
    /// Sections at every level.
    pub fn section_count(&self) -> usize {
        fn count(s: &[Section]) -> usize {
            s.iter().map(|s| 1 + count(&s.sections)).sum()
        }
        count(&self.sections)
    }

    /// Blocks at every level.
    pub fn block_count(&self) -> usize {
        fn count(s: &[Section]) -> usize {
            s.iter().map(|s| s.blocks.len() + count(&s.sections)).sum()
        }
        count(&self.sections)
    }
}

/// A section number as written: digits separated by single dots (`3`, `3.1`, `4.0`).
fn is_section_number(n: &str) -> bool {
    !n.is_empty()
        && n.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn check_sections(sections: &[Section], at: &str) -> Result<()> {
    for (i, s) in sections.iter().enumerate() {
        let path = format!("{at}[{i}]");
        if let Some(n) = &s.number {
            if !is_section_number(n) {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    format!("{path}.number"),
                    format!("\"{n}\" is not a section number (digits and dots: 3, 3.1, 4.0)"),
                ));
            }
        }
        for (j, b) in s.blocks.iter().enumerate() {
            if let Block::Figure(f) = b {
                check_range(
                    format!("{path}.blocks[{j}].figure.value"),
                    "value",
                    f.value,
                    f64::NEG_INFINITY,
                    f64::INFINITY,
                )?;
            }
        }
        check_sections(&s.sections, &format!("{path}.sections"))?;
    }
    Ok(())
}

impl Document for Report {
    const KIND: DocumentKind = DocumentKind::Report;

    fn check(&self) -> Result<()> {
        DocumentKind::Report.expect(Some(&self.schema))?;
        check_sections(&self.sections, "sections")
    }
}

/// A report as given: report JSON, or Markdown / plain text. The content decides, not the name.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportSource {
    /// A report document.
    Document(Report),
    /// Markdown or plain text, as pasted from a web page or Word.
    Text(String),
}

impl ReportSource {
    /// A report as given: read and checked as report JSON when the text is a JSON object, else
    /// kept as Markdown or plain text.
    pub fn from_text(text: &str) -> Result<ReportSource> {
        if is_json_text(text) {
            crate::json::from_json(text).map(ReportSource::Document)
        } else {
            Ok(ReportSource::Text(
                text.strip_prefix('\u{feff}').unwrap_or(text).to_string(),
            ))
        }
    }
}

/// Whether text is to be read as report JSON: it is a JSON object.
pub fn is_json_text(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// The formats a report renders to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderFormat {
    /// Accessible HTML for an NHS web page.
    Html,
    /// Markdown.
    Markdown,
    /// Plain text.
    Text,
}

impl RenderFormat {
    /// Reads `html`, `markdown` or `text` (the option `to`; default html).
    pub fn from_option(to: Option<&str>) -> Result<RenderFormat> {
        match to.unwrap_or("html") {
            "html" => Ok(RenderFormat::Html),
            "markdown" => Ok(RenderFormat::Markdown),
            "text" => Ok(RenderFormat::Text),
            other => Err(Error::option(
                "to",
                format!("\"{other}\" is not a format (html, markdown or text)"),
            )),
        }
    }
}

/// A decimal number as reports write them (`-12`, `41.5`; thousands commas already removed), or
/// `None`. Not `str::parse::<f64>`, which also takes `inf`, `1e5` and `.5` and brings some 20 KB
/// of tables into the WebAssembly: up to 15 significant digits the value is the digits over a
/// power of ten, both exact, so the division rounds correctly; longer numbers go to serde_json,
/// whose result may be one unit off in the last binary place (no report figure is that precise).
pub(crate) fn parse_decimal(text: &str) -> Option<f64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || digits.ends_with('.') {
        return None;
    }
    let sign = if text.starts_with('-') { -1.0 } else { 1.0 };
    let significant = format!("{whole}{fraction}");
    let significant = significant.trim_start_matches('0');
    if significant.len() <= 15 && fraction.len() <= 22 {
        let mantissa: u64 = significant
            .bytes()
            .fold(0, |n, b| n * 10 + u64::from(b - b'0'));
        let scale = (0..fraction.len()).fold(1.0_f64, |p, _| p * 10.0);
        return Some(sign * mantissa as f64 / scale);
    }
    // serde_json reads JSON numbers: no leading zeros.
    let whole = whole.trim_start_matches('0');
    let json = format!(
        "{}{}{}{}",
        if sign < 0.0 { "-" } else { "" },
        if whole.is_empty() { "0" } else { whole },
        if fraction.is_empty() { "" } else { "." },
        fraction
    );
    serde_json::from_str(&json).ok()
}

#[cfg(test)]
mod decimal_tests {
    use super::parse_decimal;

    #[test]
    fn reads_decimals_exactly() {
        assert_eq!(parse_decimal("41"), Some(41.0));
        assert_eq!(parse_decimal("41.5"), Some(41.5));
        assert_eq!(parse_decimal("-0.1"), Some(-0.1));
        assert_eq!(parse_decimal("007"), Some(7.0));
        assert_eq!(parse_decimal("0.000"), Some(0.0));
        for (long, value) in [
            ("123456789012345678901", 1.234_567_890_123_456_8e20_f64),
            ("0.1234567890123456789", 0.123_456_789_012_345_68),
        ] {
            let read = parse_decimal(long).unwrap_or(f64::NAN);
            assert!(
                (read - value).abs() <= value * f64::EPSILON,
                "{long}: {read}"
            );
        }
        for bad in [
            "", "-", ".5", "5.", "1e5", "inf", "NaN", "+5", "1.2.3", "4 5", "١٢",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }
}
