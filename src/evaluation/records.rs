//! The records the law asks of a procurement: an assessment summary per bidder (Procurement Act
//! 2023 s50; Procurement Regulations 2024 reg 31) and a decision record (Provider Selection
//! Regime regulation 24). Evaluators are named by id and role only, never by name.

use super::scoring::{fmt2, BidResult, BidStatus, CriterionResult, EvaluationResult};
use super::{Evaluation, KeyCriterion, Regime, Role};
use crate::error::{Error, Result};
use crate::render::{write, Format, Node};

fn opt2(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), fmt2)
}

/// The parts of a name: its words of three letters or more (apostrophes and hyphens kept).
fn name_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|p| p.chars().count() >= 3)
}

/// Replaces every whole-word occurrence of a panel member's id, name or part of a name (of three
/// letters or more) with "[a panel member]": evaluators' details are not published, even when a
/// rationale mentions them.
fn without_names(text: &str, doc: &Evaluation) -> String {
    let mut words: Vec<&str> = Vec::new();
    for m in &doc.panel {
        words.push(&m.id);
        if let Some(name) = &m.name {
            words.push(name);
            words.extend(name_parts(name));
        }
        if let Some(chaperone) = &m.chaperone {
            words.extend(name_parts(chaperone).filter(|p| p.starts_with(char::is_uppercase)));
        }
    }
    // Longest first, so that a full name goes before its parts.
    crate::order::sort_by_key(&mut words, |w| std::cmp::Reverse(w.len()));
    let mut out = text.to_string();
    for w in words.iter().filter(|w| !w.is_empty()) {
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(w) {
            let before = rest[..i].chars().next_back();
            let after = rest[i + w.len()..].chars().next();
            let whole = !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric);
            result.push_str(&rest[..i]);
            result.push_str(if whole { "[a panel member]" } else { w });
            rest = &rest[i + w.len()..];
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// The explanation of a score: the consensus rationale, else the kept scores' rationales
/// (without saying whose they are).
fn explanation(c: &CriterionResult) -> String {
    if let Some(r) = c.consensus.as_ref().and_then(|k| k.rationale.as_deref()) {
        return r.to_string();
    }
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
        Some(f) => match (f.fract() == 0.0)
            .then(|| doc.scale.labels.get(f as usize))
            .flatten()
        {
            Some(label) => format!("{} of {} ({label})", fmt2(f), doc.scale.max),
            None => format!("{} of {}", fmt2(f), doc.scale.max),
        },
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

fn context(doc: &Evaluation) -> String {
    match &doc.stage {
        Some(stage) => format!("{} ({stage})", doc.title),
        None => doc.title.clone(),
    }
}

/// The assessment summary of bid `bid_id`, with the winning tender's scores beside its own where
/// it lost, and nothing of any other bidder.
pub fn assessment_summary(
    doc: &Evaluation,
    result: &EvaluationResult,
    bid_id: &str,
    to: Format,
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
    let winner_criterion =
        |id: &str| winner.and_then(|w| w.criteria.iter().find(|x| x.criterion == id));

    let mut head: Vec<String> = [
        "Criterion",
        "Weight",
        "Available scores",
        "Your score",
        "Your weighted score",
    ]
    .map(String::from)
    .to_vec();
    if winner.is_some() {
        head.extend([
            "Winning tender's score".to_string(),
            "Winning tender's weighted score".to_string(),
        ]);
    }
    let columns = head.len();
    let available = format!("0 to {}", doc.scale.max);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (c, r) in doc.criteria.iter().zip(&mine.criteria) {
        let w = winner_criterion(&c.id);
        rows.push(vec![
            format!("{} {}", c.id, c.title),
            fmt2(c.weight),
            available.clone(),
            opt2(r.final_score),
            opt2(r.weighted),
            opt2(w.and_then(|w| w.final_score)),
            opt2(w.and_then(|w| w.weighted)),
        ]);
    }
    let quality_weight: f64 = doc.criteria.iter().map(|c| c.weight).sum();
    for (label, weight, own, win) in [
        (
            "Quality",
            quality_weight,
            mine.quality,
            winner.and_then(|w| w.quality),
        ),
        (
            "Price",
            doc.price.weight,
            mine.price_score,
            winner.and_then(|w| w.price_score),
        ),
        (
            "Total",
            quality_weight + doc.price.weight,
            mine.total,
            winner.and_then(|w| w.total),
        ),
    ] {
        rows.push(vec![
            label.into(),
            fmt2(weight),
            String::new(),
            String::new(),
            opt2(own),
            String::new(),
            opt2(win),
        ]);
    }
    for row in &mut rows {
        row.truncate(columns);
    }

    let mut nodes = vec![
        Node::Heading(1, format!("Assessment summary: {}", mine.bidder)),
        Node::Paragraph(context(doc)),
        Node::Paragraph(standing(mine, ranked)),
        Node::Table {
            caption: "Scores against the award criteria".into(),
            head,
            rows,
        },
        Node::Heading(2, "Explanation of the scores".into()),
    ];
    for (c, r) in doc.criteria.iter().zip(&mine.criteria) {
        nodes.push(Node::Heading(
            3,
            format!("{} {} (weight {})", c.id, c.title, fmt2(c.weight)),
        ));
        nodes.push(Node::Paragraph(format!(
            "Your score: {}. {}",
            score_words(r, doc),
            without_names(&explanation(r), doc)
        )));
        if let Some(w) = winner_criterion(&c.id) {
            nodes.push(Node::Paragraph(format!(
                "The winning tender's score: {}. {}",
                score_words(w, doc),
                without_names(&explanation(w), doc)
            )));
        }
    }
    Ok(write(&nodes, to, 2))
}

const KEY_CRITERIA: [(KeyCriterion, &str); 5] = [
    (KeyCriterion::QualityInnovation, "Quality and innovation"),
    (KeyCriterion::Value, "Value"),
    (
        KeyCriterion::IntegrationCollaborationSustainability,
        "Integration, collaboration and service sustainability",
    ),
    (
        KeyCriterion::AccessInequalitiesChoice,
        "Improving access, reducing health inequalities and facilitating choice",
    ),
    (KeyCriterion::SocialValue, "Social value"),
];

/// The decision record: the process, who decided, how each key criterion was taken into account,
/// the outcome, the conflicts declared and how they were handled, and what is still open.
pub fn decision_record(doc: &Evaluation, result: &EvaluationResult, to: Format) -> String {
    let regime = match doc.regime {
        Some(Regime::Psr) => "the Provider Selection Regime (Health Care Services (Provider Selection Regime) Regulations 2023)",
        Some(Regime::Pa2023) => "the Procurement Act 2023",
        None => "no stated regime",
    };
    let rules = doc.rules();
    let mut nodes = vec![
        Node::Heading(1, format!("Decision record: {}", doc.title)),
        Node::Paragraph(format!("{}. Procured under {regime}.", context(doc))),
        Node::Heading(2, "Process".into()),
        Node::List(vec![
            format!("{} bids were evaluated against {} quality criteria and price.", doc.bids.len(), doc.criteria.len()),
            format!("Scores were whole numbers from 0 to {} ({}).", doc.scale.max, doc.scale.labels.join(", ")),
            format!("Price weighed {} per cent, scored by the lowest-price method.", fmt2(doc.price.weight)),
            format!(
                "Each evaluator scored alone first; criteria with a spread of {} or more were moderated, and a criterion needed at least {} scores or a consensus.",
                rules.divergence_threshold, rules.minimum_evaluators
            ),
            match doc.consensus.len() {
                1 => "1 consensus score was agreed at moderation.".to_string(),
                n => format!("{n} consensus scores were agreed at moderation."),
            },
        ]),
        Node::Heading(2, "Decision makers".into()),
    ];
    let mut roles: Vec<(Role, Vec<&str>)> = Vec::new();
    for m in &doc.panel {
        match roles.iter_mut().find(|(r, _)| *r == m.role) {
            Some((_, ids)) => ids.push(&m.id),
            None => roles.push((m.role, vec![&m.id])),
        }
    }
    nodes.push(Node::List(
        roles
            .iter()
            .map(|(role, ids)| format!("{} ({}): {}", role.as_str(), ids.len(), ids.join(", ")))
            .collect(),
    ));

    nodes.push(Node::Heading(2, "Key criteria".into()));
    let key_rows = KEY_CRITERIA
        .iter()
        .map(|(key, words)| {
            let criteria: Vec<String> = doc
                .criteria
                .iter()
                .filter(|c| c.key_criterion == Some(*key))
                .map(|c| format!("{} {} ({})", c.id, c.title, fmt2(c.weight)))
                .collect();
            let how = if criteria.is_empty() {
                "Not addressed by any criterion".to_string()
            } else {
                criteria.join("; ")
            };
            vec![(*words).to_string(), how]
        })
        .collect();
    nodes.push(Node::Table {
        caption: "How each key criterion was taken into account".into(),
        head: vec!["Key criterion".into(), "Criteria (weight)".into()],
        rows: key_rows,
    });

    nodes.push(Node::Heading(2, "Outcome".into()));
    let outcome = result
        .bids
        .iter()
        .map(|b| {
            let status = match b.status {
                BidStatus::Ranked => "ranked",
                BidStatus::Failed => "failed a minimum score",
                BidStatus::Incomplete => "incomplete",
            };
            vec![
                b.rank.map_or_else(|| "-".into(), |r| r.to_string()),
                format!("{} {}", b.id, b.bidder),
                status.into(),
                opt2(b.quality),
                opt2(b.price_score),
                opt2(b.total),
            ]
        })
        .collect();
    nodes.push(Node::Table {
        caption: "Bids in rank order".into(),
        head: ["Rank", "Bid", "Status", "Quality", "Price", "Total"]
            .map(String::from)
            .to_vec(),
        rows: outcome,
    });
    if let Some(end) = result.standstill_ends {
        nodes.push(Node::Paragraph(format!(
            "The standstill period ends at the end of {end}."
        )));
    }

    nodes.push(Node::Heading(2, "Conflicts of interest".into()));
    let mut conflicts = Vec::new();
    for m in &doc.panel {
        for bid in &m.conflicts {
            let set_aside = doc
                .scores
                .iter()
                .filter(|s| s.evaluator == m.id && &s.bid == bid)
                .count();
            let handled = if set_aside == 0 {
                "did not score that bid".to_string()
            } else {
                format!("{set_aside} score(s) given were set aside and not counted")
            };
            conflicts.push(format!(
                "{} ({}) declared a conflict of interest in bid {bid}: {handled}.",
                m.id,
                m.role.as_str()
            ));
        }
    }
    if conflicts.is_empty() {
        nodes.push(Node::Paragraph(
            "No conflicts of interest were declared.".into(),
        ));
    } else {
        nodes.push(Node::List(conflicts));
    }

    let open: Vec<String> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::Severity::Error)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    nodes.push(Node::Heading(2, "Matters still open".into()));
    if open.is_empty() {
        nodes.push(Node::Paragraph(
            "None: every score counted has a rationale and every rule was met.".into(),
        ));
    } else {
        nodes.push(Node::List(open));
    }
    write(&nodes, to, 2)
}
