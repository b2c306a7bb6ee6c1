//! A survey's summary as a numbered section of the governing-body report
//! (`engagekit survey summarise --to report`): an `engagekit/report@1` document whose section 1
//! holds the responses as a figure and a subsection per question, written from the
//! [`SurveySummary`] alone, so that the report shows no more than the summary does (a suppressed
//! count is "not shown") and the report's lint and figures see the summary's own numbers. Above
//! the survey and report areas, joining them; neither uses it.

use crate::report::{Block, Figure, Report, Section};
use crate::survey::{decimal, plain, Flag, QuestionSummary, Survey, SurveySummary, TextSummary};

const NOT_SHOWN: &str = "not shown";

fn people(count: Option<u32>, percent: Option<f64>) -> String {
    match (count, percent) {
        (Some(c), Some(p)) => format!("{c} people ({}%)", decimal(p, 1)),
        (Some(c), None) => format!("{c} people"),
        _ => NOT_SHOWN.to_string(),
    }
}

fn figure(label: String, value: f64, unit: &str) -> Block {
    Block::Figure(Figure {
        label,
        value,
        unit: Some(unit.to_string()),
        as_of: None,
    })
}

/// The summary as a report with one numbered section, "What people told us".
pub fn summary_report(survey: &Survey, summary: &SurveySummary) -> Report {
    let minimum = summary.minimum_count;
    let mut blocks = vec![Block::Paragraph(match summary.responses {
        Some(n) => format!("{n} people responded to the survey \"{}\".", summary.title),
        None => format!("Fewer than {minimum} people responded: no results are shown."),
    })];
    if let Some(n) = summary.responses {
        blocks.push(figure("survey responses".into(), f64::from(n), "responses"));
    }
    blocks.push(Block::Paragraph(format!(
        "Percentages are of the people who answered each question. Counts under {minimum} are not shown, nor one more count where a single hidden one could be worked out from the total."
    )));
    let sections: Vec<Section> = summary
        .questions
        .iter()
        .map(|q| {
            let title = survey
                .question(&q.id)
                .map_or_else(|| q.id.clone(), |x| x.text.clone());
            (title, question_blocks(survey, q, minimum))
        })
        .chain(representation(survey, summary))
        .enumerate()
        .map(|(i, (title, blocks))| Section {
            number: Some(format!("1.{}", i + 1)),
            title,
            blocks,
            sections: Vec::new(),
        })
        .collect();
    Report {
        schema: "engagekit/report@1".into(),
        title: summary.title.clone(),
        organisation: None,
        meeting: None,
        date: None,
        author: None,
        period: None,
        sections: vec![Section {
            number: Some("1".into()),
            title: "What people told us".into(),
            blocks,
            sections,
        }],
    }
}

fn question_blocks(survey: &Survey, q: &QuestionSummary, minimum: u32) -> Vec<Block> {
    if q.suppressed {
        return vec![Block::Paragraph(format!(
            "Fewer than {minimum} people answered: not shown."
        ))];
    }
    let answered = q
        .answered
        .map_or_else(|| NOT_SHOWN.into(), |n| n.to_string());
    let mut blocks = vec![Block::Paragraph(format!("{answered} people answered."))];
    if let Some(options) = &q.options {
        blocks.push(Block::List(
            options
                .iter()
                .map(|o| format!("{}: {}", o.option, people(o.count, o.percent)))
                .collect(),
        ));
    }
    if let Some(scale) = &q.scale {
        let definition = survey.question(&q.id).and_then(|x| x.scale.as_ref());
        let min = definition.map_or(0, |s| i64::from(s.min));
        // "Strongly disagree (1)", not "1 Strongly disagree": a line starting with a number reads
        // as a numbered heading once the report is pasted as text.
        let label = |i: usize| {
            let point = min + i as i64;
            match definition.and_then(|s| s.labels.as_ref()?.get(i)) {
                Some(l) => format!("{l} ({point})"),
                None => format!("Point {point}"),
            }
        };
        let mut points: Vec<String> = scale
            .counts
            .iter()
            .enumerate()
            .map(|(i, &c)| format!("{}: {}", label(i), people(c, None)))
            .collect();
        if let Some(m) = scale.median {
            points.push(format!("Middle answer (median): {}", plain(m)));
        }
        blocks.push(Block::List(points));
        if let Some(agree) = scale.agree_percent {
            blocks.push(figure("agree (the top two answers)".into(), agree, "%"));
        }
    }
    if let Some(n) = &q.number {
        let show = |x: Option<f64>| x.map_or_else(|| NOT_SHOWN.into(), plain);
        blocks.push(Block::List(vec![
            format!("Average: {}", show(n.mean)),
            format!("Middle answer (median): {}", show(n.median)),
            format!("From {} to {}", show(n.min), show(n.max)),
        ]));
    }
    if let Some(text) = &q.text {
        blocks.extend(text_blocks(text));
    }
    blocks
}

fn text_blocks(text: &TextSummary) -> Vec<Block> {
    let mut blocks = Vec::new();
    if !text.themes.is_empty() {
        blocks.push(Block::Paragraph(
            "Themes in what people wrote (percent of the answers read and coded):".into(),
        ));
        blocks.push(Block::List(
            text.themes
                .iter()
                .map(|t| format!("{}: {}", t.title, people(t.count, t.percent)))
                .collect(),
        ));
    }
    if !text.quotes.is_empty() {
        blocks.push(Block::Paragraph("In their own words:".into()));
        blocks.push(Block::List(
            text.quotes
                .iter()
                .map(|q| format!("\u{201c}{q}\u{201d}"))
                .collect(),
        ));
    }
    blocks
}

/// "Who answered": each group's share beside the population's, flagged in words.
fn representation(survey: &Survey, summary: &SurveySummary) -> Option<(String, Vec<Block>)> {
    if summary.representation.is_empty() {
        return None;
    }
    let items = summary
        .representation
        .iter()
        .map(|r| {
            let sample = r
                .sample_percent
                .map_or_else(|| NOT_SHOWN.into(), |p| format!("{}%", decimal(p, 1)));
            let flag = match r.flag {
                Some(Flag::Under) => ", under-represented",
                Some(Flag::Over) => ", over-represented",
                None => "",
            };
            format!(
                "{}: {sample} of those who answered, against {}% of the population{flag}",
                r.option,
                decimal(r.population_percent, 1)
            )
        })
        .collect();
    let source = survey
        .population
        .as_ref()
        .map(|p| format!(" Population: {}.", p.source))
        .unwrap_or_default();
    Some((
        "Who answered".into(),
        vec![
            Block::Paragraph(format!(
                "Who answered, beside who lives in the area.{source}"
            )),
            Block::List(items),
        ],
    ))
}
