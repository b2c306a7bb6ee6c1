//! The records the law asks of a procurement: an assessment summary per bidder (Procurement Act
//! 2023 s50(3); Procurement Regulations 2024 regulation 31) and a decision record (Provider
//! Selection Regime regulation 24). Each states only what the data shows: where the law asks for
//! something the document does not hold, the record says "not recorded" and a finding says so
//! too. Evaluators are named by id and role only, never by name.

use super::scoring::{
    fmt2, key_criterion_addressed, psr_process, BidResult, BidStatus, CriterionResult,
    EvaluationResult, SetAside, KEY_CRITERIA,
};
use super::{Bid, Evaluation, PsrProcess, Regime, Role};
use crate::diagnostic::{Area, Diagnostic, Rule, Severity, Source, SourceKind};
use crate::error::{Error, Result};
use crate::render::{write, Format, Node};

/// Regulation 24 (checked on legislation.gov.uk): "A relevant authority must keep a record of—
/// (a) the name of any provider to whom it awards a contract; ... (c) the address of the
/// registered office or principal place of business of each provider referred to in paragraph
/// (a) or (b); (d) the decision-making process followed, including the identity of individuals
/// making decisions; (e) where Direct Award Process C or the Most Suitable Provider Process was
/// followed, a description of the way in which the key criteria were taken into account and the
/// basic selection criteria were assessed when making a decision; (f) where the Competitive
/// Process was followed, ... and contract or framework award criteria were evaluated". NHS
/// England's statutory guidance: the individuals "may mean the name of a committee or job titles".
pub(crate) const DECISION_RECORD_INCOMPLETE: Rule = Rule {
    code: "decision-record-incomplete",
    area: Area::Evaluation,
    severity: Severity::Warning,
    rule: "Under the PSR, the record holds the provider's name and address, the process, who decided, and how the key and basic selection criteria were assessed.",
    source: Source {
        title: "The Health Care Services (Provider Selection Regime) Regulations 2023",
        citation: "regulation 24 (information requirements)",
        url: "https://www.legislation.gov.uk/uksi/2023/1348/regulation/24/made",
        kind: SourceKind::Law,
        cited_as: "PSR regulation 24",
    },
    help: "Add what is missing: `bids[].address`, `decision.by` and `decision.date` (a committee or job titles), `decision.basicSelectionCriteria`.",
};

/// Regulation 31(2) (checked on legislation.gov.uk): "(a) the name of the supplier, (b) a contact
/// postal address and email address for the supplier, (c) the unique identifier for the
/// supplier, (d) ... the relative importance of each criterion, and ... what scores were to have
/// been available for each criterion, ... (e) ... the score determined for each award criterion
/// and (aa) an explanation for that score by reference to relevant information in the tender";
/// 31(3)(c): for any other assessed tender, "any further explanation of why the public contract
/// is not being awarded to the supplier".
pub(crate) const ASSESSMENT_SUMMARY_INCOMPLETE: Rule = Rule {
    code: "assessment-summary-incomplete",
    area: Area::Evaluation,
    severity: Severity::Warning,
    rule: "Under the Procurement Act 2023, each assessment summary holds the supplier's name, contact address and unique identifier.",
    source: Source {
        title: "The Procurement Regulations 2024",
        citation: "regulation 31 (assessment summaries)",
        url: "https://www.legislation.gov.uk/uksi/2024/692/regulation/31/made",
        kind: SourceKind::Law,
        cited_as: "Procurement Regulations 2024 regulation 31",
    },
    help: "Add each bid's `address` (postal and email) and `identifier`.",
};

const NOT_RECORDED: &str = "not recorded";

/// The bids ranked first: the provider the decision selects.
fn first(results: &[BidResult]) -> impl Iterator<Item = &BidResult> {
    results.iter().filter(|b| b.rank == Some(1))
}

fn bid_at<'a>(doc: &'a Evaluation, id: &str) -> Option<(usize, &'a Bid)> {
    doc.bids.iter().enumerate().find(|(_, b)| b.id == id)
}

/// What regulation 24 asks for and the document does not hold (PSR only).
pub(crate) fn decision_record_gaps(doc: &Evaluation, results: &[BidResult]) -> Vec<Diagnostic> {
    if doc.regime != Some(Regime::Psr) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in first(results) {
        if let Some((i, bid)) = bid_at(doc, &r.id) {
            if recorded(bid.address.as_deref()).is_none() {
                out.push(DECISION_RECORD_INCOMPLETE.finding(format!("the address of the registered office or principal place of business of {} ({}), ranked first, is not recorded (bids[{i}].address)", bid.id, bid.bidder)).label(super::BID, &bid.id));
            }
        }
    }
    if doc.decision.is_none() {
        out.push(DECISION_RECORD_INCOMPLETE.finding("the decision-making process followed, \"including the identity of individuals making decisions\", is not recorded (decision: by, date)"));
    }
    let basic = doc
        .decision
        .as_ref()
        .and_then(|d| recorded(d.basic_selection_criteria.as_deref()));
    if psr_process(doc).has_standstill() && basic.is_none() {
        out.push(DECISION_RECORD_INCOMPLETE.finding("the way in which \"the basic selection criteria were assessed\" is not recorded (decision.basicSelectionCriteria)"));
    }
    out
}

/// What regulation 31 asks of each assessment summary and the document does not hold (Procurement
/// Act 2023 only).
pub(crate) fn assessment_summary_gaps(doc: &Evaluation, _: &[BidResult]) -> Vec<Diagnostic> {
    if doc.regime != Some(Regime::Pa2023) {
        return Vec::new();
    }
    let blank = |x: &Option<String>| recorded(x.as_deref()).is_none();
    doc.bids
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let missing: Vec<String> = [
                (blank(&b.address), format!("bids[{i}].address")),
                (blank(&b.identifier), format!("bids[{i}].identifier")),
            ]
            .into_iter()
            .filter_map(|(gap, path)| gap.then_some(path))
            .collect();
            (!missing.is_empty()).then(|| {
                ASSESSMENT_SUMMARY_INCOMPLETE
                    .finding(format!(
                        "the assessment summary of {} ({}) needs the supplier's contact postal address and email address and its unique identifier: not recorded ({})",
                        b.id,
                        b.bidder,
                        missing.join(", ")
                    ))
                    .label(super::BID, &b.id)
            })
        })
        .collect()
}

/// The text, unless it is missing or blank (then the law's item counts as not recorded).
fn recorded(x: Option<&str>) -> Option<&str> {
    x.filter(|a| !a.trim().is_empty())
}

fn or_not_recorded(x: Option<&str>) -> &str {
    recorded(x).unwrap_or(NOT_RECORDED)
}

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

/// Why the bid stands where it does, from the data: the rank, the criteria below their minimum,
/// or what is still missing.
fn standing(
    doc: &Evaluation,
    bid: &BidResult,
    winner: Option<&BidResult>,
    ranked: usize,
) -> String {
    match (bid.status, bid.rank) {
        (BidStatus::Ranked, Some(1)) => "Your tender is the most advantageous tender.".into(),
        (BidStatus::Ranked, Some(r)) => match winner.and_then(|w| w.total) {
            Some(total) => format!(
                "Your tender was ranked {r} of {ranked} and was not successful: its total score is {} against the winning tender's {}.",
                opt2(bid.total),
                fmt2(total)
            ),
            None => format!("Your tender was ranked {r} of {ranked} and was not successful."),
        },
        (BidStatus::Failed, _) => {
            let below: Vec<String> = doc
                .criteria
                .iter()
                .zip(&bid.criteria)
                .filter_map(|(c, r)| {
                    let (min, f) = (c.minimum_score?, r.final_score?);
                    (f < f64::from(min)).then(|| format!("{} {} ({} against a minimum of {min})", c.id, c.title, fmt2(f)))
                })
                .collect();
            format!(
                "Your tender did not meet the minimum score on {} and was not successful.",
                below.join("; ")
            )
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

fn regime_words(doc: &Evaluation) -> &'static str {
    match doc.regime {
        Some(Regime::Psr) => "the Provider Selection Regime (Health Care Services (Provider Selection Regime) Regulations 2023)",
        Some(Regime::Pa2023) => "the Procurement Act 2023",
        None => "no stated regime",
    }
}

/// The assessment summary of bid `bid_id`, with the winning tender's scores beside its own where
/// it lost, and nothing of any other bidder. Under the Procurement Act 2023 it holds what
/// Procurement Regulations 2024 regulation 31 lists; under another regime it says so.
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
    let (head, rows) = summary_table(doc, mine, winner);
    let bid = bid_at(doc, &mine.id).map(|(_, b)| b);
    let mut nodes = vec![
        Node::Heading(1, format!("Assessment summary: {}", mine.bidder)),
        Node::Paragraph(context(doc)),
        Node::Paragraph(summary_basis(doc).to_string()),
        Node::List(vec![
            format!("Supplier: {}", mine.bidder),
            format!(
                "Address: {}",
                or_not_recorded(bid.and_then(|b| b.address.as_deref()))
            ),
            format!(
                "Unique identifier: {}",
                or_not_recorded(bid.and_then(|b| b.identifier.as_deref()))
            ),
        ]),
        Node::Paragraph(standing(doc, mine, winner, ranked)),
        Node::Table {
            caption: "Scores against the award criteria (weight: relative importance)".into(),
            head,
            rows,
        },
        Node::Heading(2, "Explanation of the scores".into()),
    ];
    nodes.extend(summary_explanations(doc, mine, winner));
    Ok(write(&nodes, to, 2))
}

/// The winning tender's result for criterion `id`, when there is a winner other than the bid.
fn winner_criterion<'a>(winner: Option<&'a BidResult>, id: &str) -> Option<&'a CriterionResult> {
    winner.and_then(|w| w.criteria.iter().find(|x| x.criterion == id))
}

/// The summary's table: each criterion with its weight, the scores available and the bid's
/// score, then quality, price and total; the winning tender's columns only where it lost.
fn summary_table(
    doc: &Evaluation,
    mine: &BidResult,
    winner: Option<&BidResult>,
) -> (Vec<String>, Vec<Vec<String>>) {
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
        let w = winner_criterion(winner, &c.id);
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
    (head, rows)
}

/// The law the summary is written under, as its second paragraph says it.
fn summary_basis(doc: &Evaluation) -> &'static str {
    match doc.regime {
        Some(Regime::Pa2023) => "Assessment summary under the Procurement Act 2023 s50(3), with the information Procurement Regulations 2024 regulation 31 lists.",
        Some(Regime::Psr) => "Procured under the Provider Selection Regime, to which the Procurement Act 2023 does not apply: this summary follows the form of Procurement Regulations 2024 regulation 31.",
        None => "No procurement regime is stated.",
    }
}

/// Each criterion's score explained by reference to the tender (the rationales, without the
/// panel members' names), and the winning tender's beside it where the bid lost.
fn summary_explanations(
    doc: &Evaluation,
    mine: &BidResult,
    winner: Option<&BidResult>,
) -> Vec<Node> {
    let mut nodes = Vec::new();
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
        if let Some(w) = winner_criterion(winner, &c.id) {
            nodes.push(Node::Paragraph(format!(
                "The winning tender's score: {}. {}",
                score_words(w, doc),
                without_names(&explanation(w), doc)
            )));
        }
    }
    nodes
}

/// A key criterion's title as the record's table shows it.
fn key_title(words: &str) -> String {
    let mut c = words.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The text as a sentence: a full stop added unless it already ends one (a record that says
/// ".." is what report lint flags).
fn full_stop(text: impl Into<String>) -> String {
    let text = text.into();
    if text.trim_end().ends_with(['.', '!', '?']) {
        text
    } else {
        format!("{text}.")
    }
}

/// The conflicts section: for each member who declared one, what happened to their scores.
fn conflicts(doc: &Evaluation, result: &EvaluationResult) -> Vec<String> {
    let mut out = Vec::new();
    for m in doc.panel.iter().filter(|m| !m.conflicts.is_empty()) {
        let set_aside = result
            .bids
            .iter()
            .flat_map(|b| &b.criteria)
            .flat_map(|c| &c.scores)
            .filter(|s| *s.evaluator == *m.id && s.reason == Some(SetAside::ConflictOfInterest))
            .count();
        let given = doc.scores.iter().filter(|s| s.evaluator == m.id).count();
        let bids = m.conflicts.join(", ");
        let who = format!("{} ({})", m.id, m.role.words());
        out.push(match &m.conflict_managed {
            None if given == 0 => format!("{who} declared a conflict of interest in bid {bids} and no recorded decision manages it: they take no part in the evaluation and gave no scores."),
            None => format!("{who} declared a conflict of interest in bid {bids} and no recorded decision manages it: they take no part in the evaluation, and {set_aside} of their {given} score(s) were set aside for it."),
            Some(d) => format!(
                "{who} declared a conflict of interest in bid {bids}, managed by a decision of {} on {}: \"{}\"; {}, and their other scores count.",
                d.decided_by,
                d.date.long(),
                d.decision,
                match set_aside {
                    0 => format!("they gave no score of bid {bids}"),
                    n => format!("{n} score(s) of bid {bids} were set aside"),
                }
            ),
        });
    }
    out
}

/// The decision record: the regime and process, who decided, the bidders, the scoring panel, how
/// each key criterion was taken into account, the outcome and standstill, the conflicts declared
/// and what happened to them, and every finding that stands. Under the PSR it holds what
/// regulation 24 asks; what the document does not hold is "not recorded".
pub fn decision_record(doc: &Evaluation, result: &EvaluationResult, to: Format) -> String {
    let sections: [fn(&Evaluation, &EvaluationResult) -> Vec<Node>; 9] = [
        record_opening,
        record_process,
        record_decision,
        record_bidders,
        record_panel,
        record_key_criteria,
        record_outcome,
        record_conflicts,
        record_open_matters,
    ];
    let nodes: Vec<Node> = sections
        .iter()
        .flat_map(|section| section(doc, result))
        .collect();
    write(&nodes, to, 2)
}

/// The title, the context and regime, and what the record is under the law.
fn record_opening(doc: &Evaluation, _: &EvaluationResult) -> Vec<Node> {
    let label = match doc.regime {
        Some(Regime::Psr) => "Record under the Provider Selection Regime (Health Care Services (Provider Selection Regime) Regulations 2023, regulation 24)",
        Some(Regime::Pa2023) => "Record of the evaluation under the Procurement Act 2023 (each supplier's assessment summary: Procurement Regulations 2024 regulation 31)",
        None => "Record of the evaluation (no stated regime)",
    };
    vec![
        Node::Heading(1, format!("Decision record: {}", doc.title)),
        Node::Paragraph(format!(
            "{}. Procured under {}.",
            context(doc),
            regime_words(doc)
        )),
        Node::Paragraph(format!("{label}.")),
    ]
}

/// The process: the PSR process followed, what was evaluated, the scale, price, moderation.
fn record_process(doc: &Evaluation, result: &EvaluationResult) -> Vec<Node> {
    let rules = doc.rules();
    let mut process = Vec::new();
    if doc.regime == Some(Regime::Psr) {
        process.push(match doc.psr_process {
            Some(p) => format!("Process followed: {}.", p.words()),
            None => format!(
                "Process followed: {} (assumed: psrProcess is not given).",
                PsrProcess::Competitive.words()
            ),
        });
    }
    let awaiting = result
        .bids
        .iter()
        .flat_map(|b| &b.criteria)
        .filter(|c| c.needs_moderation)
        .count();
    process.extend([
        format!(
            "{} bids were evaluated against {} quality {} and price.",
            doc.bids.len(),
            doc.criteria.len(),
            if doc.criteria.len() == 1 { "criterion" } else { "criteria" }
        ),
        format!("Scores were whole numbers from 0 to {} ({}).", doc.scale.max, doc.scale.labels.join(", ")),
        format!("Price weighed {} per cent, scored by the lowest-price method.", fmt2(doc.price.weight)),
        format!(
            "A spread of {} or more between the scores kept calls for moderation, and a criterion needs at least {} scores kept or a consensus.",
            rules.divergence_threshold, rules.minimum_evaluators
        ),
        match doc.consensus.len() {
            1 => "1 consensus score was agreed at moderation.".to_string(),
            n => format!("{n} consensus scores were agreed at moderation."),
        },
        match awaiting {
            0 => "No criterion of any bid awaits moderation.".to_string(),
            1 => "1 criterion of a bid still awaits moderation (divergent-scores).".to_string(),
            n => format!("{n} criteria of bids still await moderation (divergent-scores)."),
        },
    ]);
    vec![Node::Heading(2, "Process".into()), Node::List(process)]
}

/// Who decided and when; under the PSR with a standstill, the basic selection criteria.
fn record_decision(doc: &Evaluation, _: &EvaluationResult) -> Vec<Node> {
    let psr = doc.regime == Some(Regime::Psr);
    let mut decision = vec![match &doc.decision {
        Some(d) => format!("Decided by: {}, on {}.", d.by, d.date.long()),
        None => format!("Decided by: {NOT_RECORDED} (decision)."),
    }];
    if psr && psr_process(doc).has_standstill() {
        decision.push(format!(
            "Basic selection criteria (regulation 19), how they were assessed: {}",
            full_stop(or_not_recorded(
                doc.decision
                    .as_ref()
                    .and_then(|d| d.basic_selection_criteria.as_deref())
            ))
        ));
    }
    vec![Node::Heading(2, "Decision".into()), Node::List(decision)]
}

/// Each bidder with its address and identifier.
fn record_bidders(doc: &Evaluation, _: &EvaluationResult) -> Vec<Node> {
    vec![
        Node::Heading(2, "Bidders".into()),
        Node::List(
            doc.bids
                .iter()
                .map(|b| {
                    format!(
                        "{} {}: address {}; identifier {}.",
                        b.id,
                        b.bidder,
                        or_not_recorded(b.address.as_deref()),
                        or_not_recorded(b.identifier.as_deref())
                    )
                })
                .collect(),
        ),
    ]
}

/// The scoring panel, by role.
fn record_panel(doc: &Evaluation, _: &EvaluationResult) -> Vec<Node> {
    let mut roles: Vec<(Role, Vec<&str>)> = Vec::new();
    for m in &doc.panel {
        match roles.iter_mut().find(|(r, _)| *r == m.role) {
            Some((_, ids)) => ids.push(&m.id),
            None => roles.push((m.role, vec![&m.id])),
        }
    }
    vec![
        Node::Heading(2, "Scoring panel".into()),
        Node::List(
            roles
                .iter()
                .map(|(role, ids)| format!("{} ({}): {}", role.words(), ids.len(), ids.join(", ")))
                .collect(),
        ),
    ]
}

/// How each key criterion was taken into account.
fn record_key_criteria(doc: &Evaluation, _: &EvaluationResult) -> Vec<Node> {
    let key_rows = KEY_CRITERIA
        .iter()
        .map(|(key, words)| {
            let mut criteria: Vec<String> = doc
                .criteria
                .iter()
                .filter(|c| c.key_criterion == Some(*key))
                .map(|c| format!("{} {} ({})", c.id, c.title, fmt2(c.weight)))
                .collect();
            if *key == super::KeyCriterion::Value && doc.price.weight > 0.0 {
                criteria.push(format!("Price ({})", fmt2(doc.price.weight)));
            }
            let how = if key_criterion_addressed(doc, *key) {
                criteria.join("; ")
            } else {
                "Not addressed by any criterion".to_string()
            };
            vec![key_title(words), how]
        })
        .collect();
    vec![
        Node::Heading(2, "Key criteria".into()),
        Node::Table {
            caption: "How each key criterion was taken into account".into(),
            head: vec!["Key criterion".into(), "Criteria (weight)".into()],
            rows: key_rows,
        },
    ]
}

/// The bids in rank order, and the standstill period.
fn record_outcome(doc: &Evaluation, result: &EvaluationResult) -> Vec<Node> {
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
    let standstill = match (doc.regime, result.standstill_ends) {
        (Some(Regime::Psr), Some(end)) => Some(format!(
            "The standstill period ends at midnight at the end of {} (PSR regulation 12(3)).",
            end.long()
        )),
        (Some(Regime::Pa2023), Some(end)) => Some(format!(
            "The standstill period ends at the end of {} (Procurement Act 2023 s51).",
            end.long()
        )),
        (Some(Regime::Psr), None) if !psr_process(doc).has_standstill() => Some(format!(
            "{} has no standstill period (PSR regulation 12(1)).",
            psr_process(doc).words()
        )),
        (Some(_), None) => Some(
            "No award notice date is given: the end of the standstill period is not known."
                .to_string(),
        ),
        _ => None,
    };
    let mut nodes = vec![
        Node::Heading(2, "Outcome".into()),
        Node::Table {
            caption: "Bids in rank order".into(),
            head: ["Rank", "Bid", "Status", "Quality", "Price", "Total"]
                .map(String::from)
                .to_vec(),
            rows: outcome,
        },
    ];
    nodes.extend(standstill.map(Node::Paragraph));
    nodes
}

/// The conflicts of interest declared and what happened to them.
fn record_conflicts(doc: &Evaluation, result: &EvaluationResult) -> Vec<Node> {
    let declared = conflicts(doc, result);
    vec![
        Node::Heading(2, "Conflicts of interest".into()),
        if declared.is_empty() {
            Node::Paragraph("No conflicts of interest were declared.".into())
        } else {
            Node::List(declared)
        },
    ]
}

/// Every error and warning that stands, then the notes for information.
fn record_open_matters(_: &Evaluation, result: &EvaluationResult) -> Vec<Node> {
    let line = |d: &Diagnostic| format!("{} {}: {}", d.severity.as_str(), d.code, d.message);
    let open: Vec<String> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity != crate::Severity::Info)
        .map(line)
        .collect();
    let mut nodes = vec![Node::Heading(2, "Matters still open".into())];
    if open.is_empty() {
        nodes.push(Node::Paragraph("No error or warning stands.".into()));
    } else {
        nodes.push(Node::List(open));
    }
    let notes: Vec<String> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::Severity::Info)
        .map(line)
        .collect();
    if !notes.is_empty() {
        nodes.push(Node::Heading(2, "For information".into()));
        nodes.push(Node::List(notes));
    }
    nodes
}
