//! The summary for people: an HTML fragment (or Markdown) written from the [`SurveySummary`]
//! alone, so that it can never show more than the summary does: a suppressed count is "not
//! shown", never a number. One table per question, a table of representation; the breakdown and
//! the findings, which are for the analyst, stay in the JSON. Written through [`crate::render`],
//! so every piece of text is escaped in one place.

use super::{QuestionSummary, Survey, SurveySummary, TextSummary};
use crate::render::{write, Format, Node};

const NOT_SHOWN: &str = "not shown";

/// A percent (one decimal) or a ratio (two) in words, written from whole numbers: no float
/// formatting, which is large in WebAssembly.
pub(crate) fn decimal(x: f64, places: u32) -> String {
    let scale = 10u64.pow(places);
    // `as` saturates (and NaN is 0): a number answer of 1e300 cannot overflow here.
    let n = (x * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    let width = places as usize;
    format!("{sign}{}.{:0width$}", n / scale, n % scale)
}

/// Up to two decimals, without trailing zeros (33.1, 30, 2.91).
pub(crate) fn plain(x: f64) -> String {
    let text = decimal(x, 2);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn count(n: Option<u32>) -> String {
    n.map_or_else(|| NOT_SHOWN.to_string(), |n| n.to_string())
}

fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| NOT_SHOWN.to_string(), |p| format!("{}%", decimal(p, 1)))
}

/// The summary as an HTML fragment (first heading `<h{top}>`, 2 to 6) or as Markdown.
pub fn summary_to(survey: &Survey, summary: &SurveySummary, format: Format, top: u8) -> String {
    let minimum = summary.minimum_count;
    let mut nodes = vec![
        Node::Heading(1, summary.title.clone()),
        Node::Paragraph(match summary.responses {
            Some(n) => format!("{n} responses."),
            None => format!("Fewer than {minimum} responses: no results are shown."),
        }),
        Node::Paragraph(format!(
            "Percentages are of the people who answered each question. Counts under {minimum} are not shown, to protect the people who answered, nor one more count where a single hidden one could be worked out from the total."
        )),
    ];
    for q in &summary.questions {
        let text = survey
            .question(&q.id)
            .map_or_else(|| q.id.clone(), |x| x.text.clone());
        nodes.push(Node::Heading(2, text));
        nodes.extend(question_nodes(survey, q, minimum));
    }
    if !summary.representation.is_empty() {
        nodes.push(Node::Heading(2, "Who answered".into()));
        let source = survey
            .population
            .as_ref()
            .map(|p| p.source.clone())
            .unwrap_or_default();
        nodes.push(Node::Table {
            caption: format!("Share of the people who answered, and of the population ({source})"),
            head: ["Group", "Answered", "Population", "Ratio", "Heard"]
                .map(String::from)
                .to_vec(),
            rows: summary
                .representation
                .iter()
                .map(|r| {
                    vec![
                        r.option.clone(),
                        percent(r.sample_percent),
                        format!("{}%", decimal(r.population_percent, 1)),
                        r.ratio.map_or_else(|| NOT_SHOWN.into(), |x| decimal(x, 2)),
                        match r.flag {
                            Some(super::Flag::Under) => "less than its share".into(),
                            Some(super::Flag::Over) => "more than its share".into(),
                            None => "in proportion".into(),
                        },
                    ]
                })
                .collect(),
        });
    }
    write(&nodes, format, top.clamp(2, 6))
}

fn question_nodes(survey: &Survey, q: &QuestionSummary, minimum: u32) -> Vec<Node> {
    if q.suppressed {
        return vec![Node::Paragraph(format!(
            "Fewer than {minimum} people answered: not shown."
        ))];
    }
    let mut nodes = vec![Node::Paragraph(format!("{} answered.", count(q.answered)))];
    if let Some(options) = &q.options {
        nodes.push(Node::Table {
            caption: "Answers".into(),
            head: ["Answer", "People", "Percent"].map(String::from).to_vec(),
            rows: options
                .iter()
                .map(|o| vec![o.option.clone(), count(o.count), percent(o.percent)])
                .collect(),
        });
    }
    if let Some(scale) = &q.scale {
        let definition = survey.question(&q.id).and_then(|x| x.scale.as_ref());
        let label = |i: usize| -> String {
            let min = definition.map_or(0, |s| i64::from(s.min));
            let point = (min + i as i64).to_string();
            match definition
                .and_then(|s| s.labels.as_ref())
                .and_then(|l| l.get(i))
            {
                Some(l) => format!("{point} {l}"),
                None => point,
            }
        };
        nodes.push(Node::Table {
            caption: "Answers".into(),
            head: ["Answer", "People"].map(String::from).to_vec(),
            rows: scale
                .counts
                .iter()
                .enumerate()
                .map(|(i, &c)| vec![label(i), count(c)])
                .collect(),
        });
        let mut facts = vec![format!(
            "Agree (the top two answers): {}",
            percent(scale.agree_percent)
        )];
        facts.push(format!(
            "Average: {}",
            scale
                .mean
                .map_or_else(|| NOT_SHOWN.into(), |m| decimal(m, 2))
        ));
        if let Some(m) = scale.median {
            facts.push(format!("Middle answer (median): {}", plain(m)));
        }
        nodes.push(Node::List(facts));
    }
    if let Some(n) = &q.number {
        let show = |x: Option<f64>| x.map_or_else(|| NOT_SHOWN.into(), plain);
        nodes.push(Node::List(vec![
            format!("Average: {}", show(n.mean)),
            format!("Middle answer (median): {}", show(n.median)),
            format!("From {} to {}", show(n.min), show(n.max)),
        ]));
    }
    if let Some(text) = &q.text {
        nodes.extend(text_nodes(text));
    }
    nodes
}

fn text_nodes(text: &TextSummary) -> Vec<Node> {
    let mut nodes = Vec::new();
    if !text.themes.is_empty() {
        nodes.push(Node::Table {
            caption: "Themes in what people wrote".into(),
            head: ["Theme", "People", "Percent of the answers read"]
                .map(String::from)
                .to_vec(),
            rows: text
                .themes
                .iter()
                .map(|t| vec![t.title.clone(), count(t.count), percent(t.percent)])
                .collect(),
        });
    }
    if !text.quotes.is_empty() {
        nodes.push(Node::Paragraph("In their own words:".into()));
        nodes.push(Node::List(
            text.quotes
                .iter()
                .map(|q| format!("\u{201c}{q}\u{201d}"))
                .collect(),
        ));
    }
    nodes
}
