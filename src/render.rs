//! A small document of headings, paragraphs, lists and tables, written out as Markdown or as an
//! HTML fragment. The records the toolkit produces (assessment summaries, decision records) are
//! built once as such a document, so that both formats say the same and every piece of text is
//! escaped in one place.

use std::fmt::Write;

/// One block of a rendered record.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A heading at a level from 1 (the record's title) down.
    Heading(u8, String),
    /// A paragraph.
    Paragraph(String),
    /// A bullet list.
    List(Vec<String>),
    /// A table: its caption, column headings and rows (the first cell of a row heads it).
    Table {
        /// What the table shows.
        caption: String,
        /// Column headings.
        head: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
    },
}

/// Formats records are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown, to paste into a letter, a portal or a report.
    Markdown,
    /// An HTML fragment: no script, no style, every piece of text escaped.
    Html,
}

impl Format {
    /// Reads `markdown` or `html` (the option `to`; default markdown).
    pub fn from_option(to: Option<&str>) -> crate::Result<Format> {
        match to.unwrap_or("markdown") {
            "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            other => Err(crate::Error::option(
                "to",
                format!("\"{other}\" is not a format (markdown or html)"),
            )),
        }
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // NUL and control characters (but tab and line breaks) are parse errors in HTML.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Two decimals, halves away from zero, on the number as written (its shortest decimal form):
/// 51.525 shows as 51.53, though the nearest binary number to it is a shade below.
pub fn fixed2(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let text = format!("{}", x.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits: Vec<u8> = whole
        .bytes()
        .chain(frac.bytes().chain(std::iter::repeat(b'0')).take(2))
        .map(|b| b - b'0')
        .collect();
    if frac.as_bytes().get(2).is_some_and(|&d| d >= b'5') {
        // Carry the rounding up through the digits.
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let n = digits.len();
    let int: String = digits[..n - 2]
        .iter()
        .map(|d| char::from(b'0' + d))
        .collect();
    let dec: String = digits[n - 2..]
        .iter()
        .map(|d| char::from(b'0' + d))
        .collect();
    let sign = if x < 0.0 && (digits.iter().any(|&d| d != 0)) {
        "-"
    } else {
        ""
    };
    format!("{sign}{int}.{dec}")
}

/// Escapes text for Markdown so that it reads as the words it is (no links, emphasis, HTML or
/// table breaks), on one line.
pub fn escape_markdown(text: &str) -> String {
    escape_md(text, true)
}

/// Escapes text for a Markdown table cell, where nothing starts a line.
fn escape_md_cell(text: &str) -> String {
    escape_md(text, false)
}

fn escape_md(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let text = text.trim_start();
    // What starts a line can make it a heading, a list item or a quote.
    let digits = if line_start {
        text.bytes().take_while(u8::is_ascii_digit).count()
    } else {
        0
    };
    if line_start && text.starts_with(['#', '-', '+', '=']) {
        out.push('\\');
    }
    for (i, c) in text.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if digits > 0 && i == digits => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes the nodes in `format`. HTML headings are shifted so that level 1 becomes `<h{top}>`:
/// a fragment lives inside someone else's page, which has its own `<h1>`.
pub fn write(nodes: &[Node], format: Format, top: u8) -> String {
    match format {
        Format::Markdown => to_markdown(nodes),
        Format::Html => to_html(nodes, top),
    }
}

fn to_markdown(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        if !out.is_empty() {
            out.push('\n');
        }
        match node {
            Node::Heading(level, text) => {
                let _ = writeln!(
                    out,
                    "{} {}",
                    "#".repeat(usize::from((*level).clamp(1, 6))),
                    escape_markdown(text)
                );
            }
            Node::Paragraph(text) => {
                let _ = writeln!(out, "{}", escape_markdown(text));
            }
            Node::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", escape_markdown(item));
                }
            }
            Node::Table { head, rows, .. } => {
                let line = |cells: &[String]| {
                    format!(
                        "| {} |",
                        cells
                            .iter()
                            .map(|c| escape_md_cell(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    )
                };
                let _ = writeln!(out, "{}", line(head));
                let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
                for row in rows {
                    let _ = writeln!(out, "{}", line(row));
                }
            }
        }
    }
    out
}

fn to_html(nodes: &[Node], top: u8) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            Node::Heading(level, text) => {
                let h = (level.saturating_sub(1).saturating_add(top)).clamp(1, 6);
                let _ = writeln!(out, "<h{h}>{}</h{h}>", escape_html(text));
            }
            Node::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", escape_html(text));
            }
            Node::List(items) => {
                let _ = writeln!(out, "<ul>");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", escape_html(item));
                }
                let _ = writeln!(out, "</ul>");
            }
            Node::Table {
                caption,
                head,
                rows,
            } => {
                let _ = writeln!(out, "<table>\n<caption>{}</caption>", escape_html(caption));
                let heads: String = head
                    .iter()
                    .map(|h| format!("<th scope=\"col\">{}</th>", escape_html(h)))
                    .collect();
                let _ = writeln!(out, "<thead><tr>{heads}</tr></thead>\n<tbody>");
                for row in rows {
                    let mut cells = row.iter();
                    let first = cells
                        .next()
                        .map(|c| format!("<th scope=\"row\">{}</th>", escape_html(c)))
                        .unwrap_or_default();
                    let rest: String = cells
                        .map(|c| format!("<td>{}</td>", escape_html(c)))
                        .collect();
                    let _ = writeln!(out, "<tr>{first}{rest}</tr>");
                }
                let _ = writeln!(out, "</tbody>\n</table>");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats_escape_every_text() {
        let nodes = vec![
            Node::Heading(1, "A <b>&</b> [x](y)".into()),
            Node::Paragraph("*bold* line\nbreak".into()),
            Node::List(vec!["<img src=x onerror=alert(1)>".into()]),
            Node::Table {
                caption: "c|d".into(),
                head: vec!["a|b".into(), "n".into()],
                rows: vec![vec!["r<1>".into(), "2.50".into()]],
            },
        ];
        let md = write(&nodes, Format::Markdown, 2);
        assert_eq!(md, "# A \\<b\\>&\\</b\\> \\[x\\](y)\n\n\\*bold\\* line break\n\n- \\<img src=x onerror=alert(1)\\>\n\n| a\\|b | n |\n|---|---|\n| r\\<1\\> | 2.50 |\n");
        assert_eq!(
            escape_markdown("2. 5.1 Stakeholders"),
            "2\\. 5.1 Stakeholders"
        );
        assert_eq!(escape_markdown("- item"), "\\- item");
        let html = write(&nodes, Format::Html, 2);
        assert!(html.starts_with("<h2>A &lt;b&gt;&amp;&lt;/b&gt; [x](y)</h2>\n<p>*bold* line\nbreak</p>\n<ul>\n<li>&lt;img src=x onerror=alert(1)&gt;</li>"), "{html}");
        assert!(html.contains("<caption>c|d</caption>\n<thead><tr><th scope=\"col\">a|b</th><th scope=\"col\">n</th></tr></thead>"));
        assert!(html.contains("<tr><th scope=\"row\">r&lt;1&gt;</th><td>2.50</td></tr>"));
    }
}
