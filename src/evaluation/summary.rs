//! Assessment summaries (Procurement Act 2023 s50; Procurement Regulations 2024 reg 31): for one
//! bidder, its scores against each award criterion with their explanation and, where it lost, the
//! winning tender's. Nothing of any third bidder appears, and no evaluator is named.

use std::fmt::Write;

use super::scoring::{fmt2, BidResult, BidStatus, CriterionResult, EvaluationResult};
use super::Evaluation;
use crate::error::{Error, Result};

/// The formats a summary is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    /// Markdown, to paste into a letter or a portal.
    Markdown,
    /// An HTML fragment (every piece of text escaped).
    Html,
}

impl SummaryFormat {
    /// Reads `markdown` or `html` (the option `to`; default markdown).
    pub fn from_option(to: Option<&str>) -> Result<SummaryFormat> {
        match to.unwrap_or("markdown") {
            "markdown" => Ok(SummaryFormat::Markdown),
            "html" => Ok(SummaryFormat::Html),
            other => Err(Error::option(
                "to",
                format!("\"{other}\" is not a summary format (markdown or html)"),
            )),
        }
    }
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown so that it is read as the words it is (no links, emphasis, HTML or
/// table breaks), and keeps it on one line inside tables.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '!'
            | '|' | '<' | '>' | '~' => {
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

/// One row of the summary: a criterion as this bidder and the winner scored on it.
struct Row<'a> {
    title: String,
    weight: f64,
    mine: &'a CriterionResult,
    winner: Option<&'a CriterionResult>,
}

fn explanation(c: &CriterionResult) -> String {
    if let Some(r) = c.consensus.as_ref().and_then(|k| k.rationale.as_deref()) {
        return r.to_string();
    }
    // No consensus: the kept scores' rationales, without saying whose they are.
    let reasons: Vec<&str> = c
        .scores
        .iter()
        .filter(|s| s.kept)
        .filter_map(|s| s.rationale.as_deref())
        .collect();
    if reasons.is_empty() {
        "No explanation was recorded.".to_string()
    } else {
        reasons.join(" ")
    }
}

fn score_words(c: &CriterionResult, doc: &Evaluation) -> String {
    match c.final_score {
        Some(f) => {
            let label = (f.fract() == 0.0)
                .then(|| doc.scale.labels.get(f as usize))
                .flatten();
            match label {
                Some(l) => format!("{} of {} ({l})", fmt2(f), doc.scale.max),
                None => format!("{} of {}", fmt2(f), doc.scale.max),
            }
        }
        None => "not scored".into(),
    }
}

fn standing(bid: &BidResult, ranked: usize) -> String {
    match (bid.status, bid.rank) {
        (BidStatus::Ranked, Some(1)) => "Your tender is the most advantageous tender.".into(),
        (BidStatus::Ranked, Some(r)) => {
            format!("Your tender was ranked {r} of {ranked} and was not successful.")
        }
        (BidStatus::Failed, _) => {
            "Your tender did not meet a minimum score and was not successful.".into()
        }
        _ => "Your tender's assessment is not complete.".into(),
    }
}

/// The assessment summary of bid `bid_id`, with the winning tender's scores beside its own.
pub fn assessment_summary(
    doc: &Evaluation,
    result: &EvaluationResult,
    bid_id: &str,
    to: SummaryFormat,
) -> Result<String> {
    let mine = result
        .bids
        .iter()
        .find(|b| b.id == bid_id)
        .ok_or_else(|| Error::option("bid", format!("there is no bid \"{bid_id}\"")))?;
    let winner = result
        .bids
        .iter()
        .find(|b| b.rank == Some(1))
        .filter(|w| w.id != mine.id);
    let ranked = result
        .bids
        .iter()
        .filter(|b| b.status == BidStatus::Ranked)
        .count();
    let rows: Vec<Row> = doc
        .criteria
        .iter()
        .zip(&mine.criteria)
        .map(|(c, r)| Row {
            title: format!("{} {}", c.id, c.title),
            weight: c.weight,
            mine: r,
            winner: winner.and_then(|w| w.criteria.iter().find(|x| x.criterion == c.id)),
        })
        .collect();
    let opt = |x: Option<f64>| x.map_or_else(|| "-".to_string(), fmt2);
    let available = format!("0 to {}", doc.scale.max);
    let quality_weight: f64 = doc.criteria.iter().map(|c| c.weight).sum();
    let mut table: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.title.clone(),
                fmt2(r.weight),
                available.clone(),
                opt(r.mine.final_score),
                opt(r.mine.weighted),
                opt(r.winner.and_then(|w| w.final_score)),
                opt(r.winner.and_then(|w| w.weighted)),
            ]
        })
        .collect();
    table.push([
        "Quality".into(),
        fmt2(quality_weight),
        String::new(),
        String::new(),
        opt(mine.quality),
        String::new(),
        opt(winner.and_then(|w| w.quality)),
    ]);
    table.push([
        "Price".into(),
        fmt2(doc.price.weight),
        String::new(),
        String::new(),
        opt(mine.price_score),
        String::new(),
        opt(winner.and_then(|w| w.price_score)),
    ]);
    table.push([
        "Total".into(),
        fmt2(quality_weight + doc.price.weight),
        String::new(),
        String::new(),
        opt(mine.total),
        String::new(),
        opt(winner.and_then(|w| w.total)),
    ]);
    let mut headings = vec![
        "Criterion",
        "Weight",
        "Available scores",
        "Your score",
        "Your weighted score",
    ];
    if winner.is_some() {
        headings.extend(["Winning tender's score", "Winning tender's weighted score"]);
    }
    let columns = headings.len();
    let title = format!("Assessment summary: {}", mine.bidder);
    let context = match &doc.stage {
        Some(stage) => format!("{} ({stage})", doc.title),
        None => doc.title.clone(),
    };

    let mut out = String::new();
    match to {
        SummaryFormat::Markdown => {
            let _ = writeln!(
                out,
                "# {}\n\n{}\n\n{}\n",
                escape_markdown(&title),
                escape_markdown(&context),
                standing(mine, ranked)
            );
            let _ = writeln!(out, "| {} |", headings.join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(columns));
            for row in &table {
                let cells: Vec<String> =
                    row[..columns].iter().map(|c| escape_markdown(c)).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
            let _ = writeln!(out, "\n## Explanation of the scores");
            for r in &rows {
                let _ = writeln!(
                    out,
                    "\n### {} (weight {})\n",
                    escape_markdown(&r.title),
                    fmt2(r.weight)
                );
                let _ = writeln!(
                    out,
                    "Your score: {}. {}",
                    score_words(r.mine, doc),
                    escape_markdown(&explanation(r.mine))
                );
                if let Some(w) = r.winner {
                    let _ = writeln!(
                        out,
                        "\nThe winning tender's score: {}. {}",
                        score_words(w, doc),
                        escape_markdown(&explanation(w))
                    );
                }
            }
        }
        SummaryFormat::Html => {
            let _ = writeln!(
                out,
                "<section class=\"engage-assessment-summary\">\n<h2>{}</h2>\n<p>{}</p>\n<p>{}</p>",
                escape_html(&title),
                escape_html(&context),
                standing(mine, ranked)
            );
            let _ = writeln!(out, "<table>\n<caption>Scores against the award criteria</caption>\n<thead><tr>{}</tr></thead>\n<tbody>", headings.iter().map(|h| format!("<th scope=\"col\">{h}</th>")).collect::<String>());
            for row in &table {
                let cells: String = row[1..columns]
                    .iter()
                    .map(|c| format!("<td>{}</td>", escape_html(c)))
                    .collect();
                let _ = writeln!(
                    out,
                    "<tr><th scope=\"row\">{}</th>{cells}</tr>",
                    escape_html(&row[0])
                );
            }
            let _ = writeln!(
                out,
                "</tbody>\n</table>\n<h3>Explanation of the scores</h3>"
            );
            for r in &rows {
                let _ = writeln!(
                    out,
                    "<h4>{} (weight {})</h4>",
                    escape_html(&r.title),
                    fmt2(r.weight)
                );
                let _ = writeln!(
                    out,
                    "<p>Your score: {}. {}</p>",
                    escape_html(&score_words(r.mine, doc)),
                    escape_html(&explanation(r.mine))
                );
                if let Some(w) = r.winner {
                    let _ = writeln!(
                        out,
                        "<p>The winning tender's score: {}. {}</p>",
                        escape_html(&score_words(w, doc)),
                        escape_html(&explanation(w))
                    );
                }
            }
            let _ = writeln!(out, "</section>");
        }
    }
    Ok(out)
}
