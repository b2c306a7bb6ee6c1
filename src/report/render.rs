//! Rendering a report: accessible HTML an NHS web page can include as it is, and Markdown and
//! plain text that read back into the same structure.

use std::fmt::Write;

use super::lint::figures_of;
use super::read::{read_blocks, to_report};
use super::{Block, Figure, RenderFormat, Report, ReportSource, Section};
use crate::error::Result;
use crate::render::escape_html;

/// Numbers every section that has no number of its own by its place (1, 1.1, 1.1.1), under its
/// parent's number; sections with a number keep it. An opening section without a title (text
/// before the first heading) is not numbered.
pub fn number_sections(report: &mut Report) {
    fn walk(sections: &mut [Section], parent: &str) {
        let mut position = 0;
        for s in sections.iter_mut() {
            if s.number.is_none() && s.title.is_empty() {
                continue;
            }
            position += 1;
            if s.number.is_none() {
                s.number = Some(if parent.is_empty() {
                    position.to_string()
                } else {
                    format!("{parent}.{position}")
                });
            }
            let own = s.number.clone().unwrap_or_default();
            walk(&mut s.sections, &own);
        }
    }
    walk(&mut report.sections, "");
}

/// The report's metadata: dates as `YYYY-MM-DD` for Markdown and text (so that they read back),
/// as people write them for HTML.
fn metadata(r: &Report, for_people: bool) -> Vec<(&'static str, String)> {
    [
        ("Organisation", r.organisation.clone()),
        ("Meeting", r.meeting.clone()),
        (
            "Date",
            r.date.map(|d| {
                if for_people {
                    d.written()
                } else {
                    d.to_string()
                }
            }),
        ),
        ("Author", r.author.clone()),
        ("Period", r.period.clone()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect()
}

/// The report of a source: report JSON as it is, text read into sections.
pub(crate) fn report_of(source: &ReportSource) -> Report {
    match source {
        ReportSource::Document(r) => r.clone(),
        ReportSource::Text(t) => to_report(&read_blocks(t)),
    }
}

/// Renders a report (numbering the sections that have no number).
pub fn render(source: &ReportSource, to: RenderFormat) -> Result<String> {
    let mut report = report_of(source);
    number_sections(&mut report);
    Ok(match to {
        RenderFormat::Html => html(&report),
        RenderFormat::Markdown => text(&report, true),
        RenderFormat::Text => text(&report, false),
    })
}

/// A number as people read it: thousands separated by commas.
fn grouped(value: f64) -> String {
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return value.to_string();
    }
    let digits = format!("{}", value.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 {
        out.insert(0, '-');
    }
    out
}

fn figure_line(f: &Figure) -> String {
    let mut line = format!("Figure: {}: {}", f.label, f.value);
    if let Some(u) = &f.unit {
        let _ = write!(line, " {u}");
    }
    if let Some(d) = f.as_of {
        let _ = write!(line, " (as of {d})");
    }
    line
}

/// Markdown (`markdown`) or plain text: the title (a `#` heading, or underlined), the metadata as
/// a list, numbered headings, paragraphs, bullets, figure and link lines.
fn text(r: &Report, markdown: bool) -> String {
    let mut out = String::new();
    if !r.title.is_empty() {
        if markdown {
            let _ = writeln!(out, "# {}\n", r.title);
        } else {
            let _ = writeln!(
                out,
                "{}\n{}\n",
                r.title,
                "=".repeat(r.title.chars().count().max(3))
            );
        }
    }
    let bullet = if markdown { "-" } else { "•" };
    let meta = metadata(r, false);
    if !meta.is_empty() {
        for (k, v) in meta {
            let _ = writeln!(out, "{bullet} {k}: {v}");
        }
        out.push('\n');
    }
    fn walk(sections: &[Section], depth: usize, markdown: bool, bullet: &str, out: &mut String) {
        for s in sections {
            if !s.title.is_empty() || s.number.is_some() {
                let number = s
                    .number
                    .as_deref()
                    .map(|n| format!("{n} "))
                    .unwrap_or_default();
                if markdown {
                    let _ = writeln!(
                        out,
                        "{} {number}{}\n",
                        "#".repeat((depth + 1).min(6)),
                        s.title
                    );
                } else {
                    let _ = writeln!(out, "{number}{}\n", s.title);
                }
            }
            let mut previous_was_list = false;
            for b in &s.blocks {
                // A list right after a list takes the other bullet, or it would read as one list.
                let bullet = match (previous_was_list, markdown) {
                    (false, _) => bullet,
                    (true, true) => "*",
                    (true, false) => "◦",
                };
                previous_was_list = matches!(b, Block::List(_)) && !previous_was_list;
                match b {
                    Block::Paragraph(p) => {
                        let _ = writeln!(out, "{p}\n");
                    }
                    Block::List(items) => {
                        for i in items {
                            let _ = writeln!(out, "{bullet} {i}");
                        }
                        out.push('\n');
                    }
                    Block::Figure(f) => {
                        let _ = writeln!(out, "{}\n", figure_line(f));
                    }
                    Block::Link(l) => {
                        if markdown {
                            let _ = writeln!(out, "[{}]({})\n", l.text, l.href);
                        } else {
                            let _ = writeln!(out, "Link: {} <{}>\n", l.text, l.href);
                        }
                    }
                }
            }
            walk(&s.sections, depth + 1, markdown, bullet, out);
        }
    }
    walk(&r.sections, 1, markdown, bullet, &mut out);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// An id for a section's anchor: `section-3-1`.
fn anchor(number: &str, index: &str) -> String {
    let base = if number.is_empty() { index } else { number };
    format!("section-{}", base.replace('.', "-"))
}

/// Only web and mail addresses become links; anything else (`javascript:`, `data:`) is shown as
/// text and never made clickable.
fn safe_href(href: &str) -> bool {
    let h = href.trim().to_ascii_lowercase();
    h.starts_with("https://") || h.starts_with("http://") || h.starts_with("mailto:")
}

/// The report as an accessible HTML fragment: its title and details, the contents, the
/// sections with their blocks, and the table of every figure.
fn html(r: &Report) -> String {
    let mut out = String::new();
    html_head(r, &mut out);
    out.push_str("<nav class=\"engage-report-contents\" aria-labelledby=\"engage-report-contents\">\n<h3 id=\"engage-report-contents\">Contents</h3>\n");
    html_contents(&r.sections, "", &mut out);
    out.push_str("</nav>\n");
    html_sections(&r.sections, 1, "", &mut out);
    html_figures(r, &mut out);
    out.push_str("</article>\n");
    out
}

/// The article's opening tag, labelled by the title when there is one, and the details list.
fn html_head(r: &Report, out: &mut String) {
    out.push_str("<article class=\"engage-report\"");
    if !r.title.is_empty() {
        out.push_str(" aria-labelledby=\"engage-report-title\">\n");
        let _ = writeln!(
            out,
            "<h2 id=\"engage-report-title\">{}</h2>",
            escape_html(&r.title)
        );
    } else {
        out.push_str(" aria-label=\"Report\">\n");
    }
    let meta = metadata(r, true);
    if !meta.is_empty() {
        out.push_str("<dl class=\"engage-report-meta\">\n");
        for (k, v) in meta {
            let _ = writeln!(out, "<dt>{k}</dt><dd>{}</dd>", escape_html(&v));
        }
        out.push_str("</dl>\n");
    }
}

/// The table of contents: the titled sections, nested, each a link to its section.
fn html_contents(sections: &[Section], prefix: &str, out: &mut String) {
    let titled: Vec<(usize, &Section)> = sections
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.title.is_empty())
        .collect();
    if titled.is_empty() {
        return;
    }
    out.push_str("<ol>\n");
    for (i, s) in titled {
        let index = format!("{prefix}{}", i + 1);
        let number = s.number.as_deref().unwrap_or("");
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}{}</a>",
            anchor(number, &index),
            if number.is_empty() {
                String::new()
            } else {
                format!("{} ", escape_html(number))
            },
            escape_html(&s.title)
        );
        html_contents(&s.sections, &format!("{index}."), out);
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

/// The sections at `depth`, each with its heading (h3 for the top level, down to h6), its blocks
/// and its subsections.
fn html_sections(list: &[Section], depth: usize, prefix: &str, out: &mut String) {
    for (i, s) in list.iter().enumerate() {
        let index = format!("{prefix}{}", i + 1);
        let number = s.number.as_deref().unwrap_or("");
        let id = anchor(number, &index);
        let level = (depth + 2).min(6);
        if s.title.is_empty() {
            out.push_str("<section>\n");
        } else {
            let _ = writeln!(
                out,
                "<section id=\"{id}\" aria-labelledby=\"{id}-heading\">"
            );
            let shown_number = if number.is_empty() {
                String::new()
            } else {
                format!(
                    "<span class=\"engage-section-number\">{}</span> ",
                    escape_html(number)
                )
            };
            let _ = writeln!(
                out,
                "<h{level} id=\"{id}-heading\">{shown_number}{}</h{level}>",
                escape_html(&s.title)
            );
        }
        for b in &s.blocks {
            html_block(b, out);
        }
        html_sections(&s.sections, depth + 1, &format!("{index}."), out);
        out.push_str("</section>\n");
    }
}

/// One block of a section: a paragraph, a list, a figure, or a link (a link only when its address
/// is a web or mail address, `safe_href`; otherwise its text).
fn html_block(b: &Block, out: &mut String) {
    match b {
        Block::Paragraph(p) => {
            let _ = writeln!(out, "<p>{}</p>", escape_html(p));
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", escape_html(item));
            }
            out.push_str("</ul>\n");
        }
        Block::Figure(f) => {
            let unit = f
                .unit
                .as_deref()
                .map(|u| format!(" {}", escape_html(u)))
                .unwrap_or_default();
            let as_of = f
                .as_of
                .map(|d| {
                    format!(
                        " <span class=\"engage-figure-date\">(as of {})</span>",
                        d.written()
                    )
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<dl class=\"engage-figure\"><dt>{}</dt><dd>{}{unit}{as_of}</dd></dl>",
                escape_html(&f.label),
                grouped(f.value)
            );
        }
        Block::Link(l) => {
            if safe_href(&l.href) {
                let _ = writeln!(
                    out,
                    "<p><a href=\"{}\">{}</a></p>",
                    escape_html(l.href.trim()),
                    escape_html(&l.text)
                );
            } else {
                let _ = writeln!(out, "<p>{}</p>", escape_html(&l.text));
            }
        }
    }
}

/// The table of every figure in the report, with its date and section; nothing without figures.
fn html_figures(r: &Report, out: &mut String) {
    let figures = figures_of(r);
    if figures.is_empty() {
        return;
    }
    out.push_str("<table class=\"engage-report-figures\">\n<caption>Figures in this report</caption>\n<thead><tr><th scope=\"col\">Figure</th><th scope=\"col\">Value</th><th scope=\"col\">As of</th><th scope=\"col\">Section</th></tr></thead>\n<tbody>\n");
    for f in figures {
        let unit = f
            .unit
            .as_deref()
            .map(|u| format!(" {}", escape_html(u)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}{unit}</td><td>{}</td><td>{}</td></tr>",
            escape_html(&f.label),
            grouped(f.value),
            f.as_of.map(|d| d.written()).unwrap_or_default(),
            escape_html(f.section.as_deref().unwrap_or(""))
        );
    }
    out.push_str("</tbody>\n</table>\n");
}
