//! The scoring rules of SCHEMAS.md: which scores are kept, finals, weighted scores, price scores,
//! statuses, ranks and the charter profile, with the findings a panel must act on.
//!
//! Results never depend on the order of scores in the input: scores are taken per bid and
//! criterion in the order of the panel.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::exact::Exact;
use super::{Evaluation, KeyCriterion, PanelMember, Regime, Role};
use crate::calendar::{BankHolidays, Region};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, ErrorKind, Result};

/// The result of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EvaluationResult {
    /// Ranked bids by rank, then failed, then incomplete ones (each in document order).
    pub bids: Vec<BidResult>,
    /// The last day of the standstill period, with an award notice date and a regime.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standstill_ends: Option<crate::Date>,
    /// What the panel must act on.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a bid stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum BidStatus {
    /// Every criterion has its final score and every threshold is met.
    Ranked,
    /// A final score is below a criterion's minimum.
    Failed,
    /// A criterion has no final score yet (too few evaluators, no consensus).
    Incomplete,
}

/// One bid's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BidResult {
    /// The bid.
    pub id: String,
    /// Who bid.
    pub bidder: String,
    /// Ranked, failed or incomplete.
    pub status: BidStatus,
    /// 1 is best; shared by exact ties; null unless ranked.
    pub rank: Option<u32>,
    /// Sum of weighted scores; null when incomplete.
    pub quality: Option<f64>,
    /// Price weight x lowest price / this price; null unless ranked.
    pub price_score: Option<f64>,
    /// Quality + price score; null unless ranked.
    pub total: Option<f64>,
    /// Per criterion, in document order.
    pub criteria: Vec<CriterionResult>,
    /// Charter profile: per linked standard, the mean final score as a percentage of the scale.
    pub charter: BTreeMap<String, Option<f64>>,
}

/// One criterion of one bid: every score, kept or set aside, and how the final was reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CriterionResult {
    /// The criterion.
    pub criterion: String,
    /// The consensus score, else the mean of the kept scores; null when incomplete.
    #[serde(rename = "final")]
    pub final_score: Option<f64>,
    /// final / scale max x weight; null when incomplete.
    pub weighted: Option<f64>,
    /// Highest minus lowest kept score; null with no kept score.
    pub spread: Option<u32>,
    /// How many scores were kept.
    pub evaluators: u32,
    /// The spread reaches the divergence threshold and there is no consensus yet.
    pub needs_moderation: bool,
    /// The score agreed at moderation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consensus: Option<ConsensusResult>,
    /// Every individual score, in panel order.
    pub scores: Vec<ScoreResult>,
}

/// A consensus score and its rationale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ConsensusResult {
    /// The agreed score.
    pub score: u32,
    /// Why; null when none was recorded (an error finding).
    pub rationale: Option<String>,
}

/// An individual score and whether it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ScoreResult {
    /// The panel member.
    // One allocation per member, shared by all their scores.
    pub evaluator: Arc<str>,
    /// The score given.
    pub score: u32,
    /// Whether it counts towards the final.
    pub kept: bool,
    /// Why it was set aside: the finding code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The evaluator's rationale, for moderation.
    // Shared with the document's score, not copied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Arc<str>>,
}

/// Why a score is set aside: the first of rules 1 to 3 that applies.
fn set_aside_reason(
    member: &PanelMember,
    bid: &str,
    scored_by: Option<&[Role]>,
) -> Option<&'static str> {
    if !member.role.scores() {
        Some("non-scoring-role")
    } else if member.conflicts.iter().any(|b| b == bid) {
        Some("conflict-of-interest")
    } else if scored_by.is_some_and(|roles| !roles.contains(&member.role)) {
        Some("role-not-permitted")
    } else {
        None
    }
}

fn set_aside_message(reason: &str, member: &PanelMember, bid: &str, criterion: &str) -> String {
    let who = format!("{} ({})", member.id, member.role.as_str());
    match reason {
        "non-scoring-role" => format!("{who} scored bid {bid} on {criterion}, but the {} role never scores: the score is set aside", member.role.as_str()),
        "conflict-of-interest" => format!("{who} has a conflict of interest in bid {bid}: the score on {criterion} is set aside"),
        _ => format!("{who} may not score {criterion}: the score of bid {bid} is set aside"),
    }
}

/// A number of the document as an exact fraction (checked on load; see `Evaluation::check`).
fn exact(x: f64, places: u32, what: &str) -> Result<Exact> {
    Exact::decimal(x, places).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidValue,
            "",
            format!("{what} {x} has more than {places} decimal places"),
        )
    })
}

/// An exact result, or an error where the numbers outgrow exact arithmetic (far beyond any real
/// procurement: a price of many billions of pounds on hundreds of criteria).
fn ex(x: Option<Exact>) -> Result<Exact> {
    x.ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidValue,
            "",
            "the numbers are too large to compute exactly",
        )
    })
}

/// A bid's quality and total, exact, for ranking.
#[derive(Clone, Copy)]
struct Standing {
    quality: Option<Exact>,
    total: Option<Exact>,
}

/// Scores the panel's evaluation: rules 1 to 7 of SCHEMAS.md, prices, ranks, the charter profile,
/// and the standstill period with the built-in bank holidays.
pub fn evaluate(doc: &Evaluation) -> Result<EvaluationResult> {
    evaluate_with(doc, None)
}

/// The end of the standstill period after an award notice published on `notice`.
///
/// - Provider Selection Regime: the Health Care Services (Provider Selection Regime) Regulations
///   2023, regulation 12(3): the standstill period "begins on the day after the day on which" the
///   notice is published and "ends at midnight at the end of the eighth working day"; regulation 2
///   defines a working day as a day other than a Saturday, a Sunday, Christmas Day, Good Friday or
///   a bank holiday in England. A notice on Monday 2 December 2024 gives Thursday 12 December.
/// - Procurement Act 2023, s51(2)(b): "the period of eight working days beginning with the day on
///   which the contract details notice is published"; s123: a working day is not a Saturday, a
///   Sunday, Christmas Day, Good Friday or a bank holiday under the Banking and Financial Dealings
///   Act 1971 "in any part of the United Kingdom". Monday 2 December 2024 was Scotland's St
///   Andrew's Day bank holiday (30 November fell on a Saturday), so a notice that day is not
///   counted and the period ends on Thursday 12 December 2024; a notice on Tuesday 3 December
///   2024 gives the same day.
pub fn standstill_ends(
    regime: Regime,
    notice: crate::Date,
    calendar: &BankHolidays,
) -> Option<crate::Date> {
    match regime {
        Regime::Psr => calendar.nth_working_day_after(Region::EnglandAndWales, notice, 8),
        // "Beginning with" the day of publication: the eighth working day counted from the day before.
        Regime::Pa2023 => calendar.nth_working_day_after(Region::UnitedKingdom, notice.pred(), 8),
    }
}

/// [`evaluate`] with a calendar of bank holidays (a GOV.UK file merged in, say).
pub fn evaluate_with(
    doc: &Evaluation,
    calendar: Option<&BankHolidays>,
) -> Result<EvaluationResult> {
    let rules = doc.rules();
    let max = Exact::int(i64::from(doc.scale.max));
    let weights: Vec<Exact> = doc
        .criteria
        .iter()
        .map(|c| exact(c.weight, 3, "weight"))
        .collect::<Result<_>>()?;
    let mut diagnostics = panel_findings(doc);
    diagnostics.extend(regime_findings(doc));

    // Scores by position, bucketed per bid and criterion and ordered by the panel: the input
    // order plays no part, and each score is looked at once (a string-keyed map over every
    // score stops fitting the caches at a national procurement's size).
    let mut bid_at = crate::find::InOrder::new(doc.bids.iter().map(|b| b.id.as_str()));
    let mut criterion_at = crate::find::InOrder::new(doc.criteria.iter().map(|c| c.id.as_str()));
    let mut member_at = crate::find::InOrder::new(doc.panel.iter().map(|m| m.id.as_str()));
    let columns = doc.criteria.len();
    // Each cell's scores in panel order (document order within one evaluator's): the scores are
    // first gathered evaluator by evaluator, then dealt to their cells, so no cell needs sorting.
    let mut by_member: Vec<Vec<(usize, &super::Score)>> = vec![Vec::new(); doc.panel.len()];
    for s in &doc.scores {
        // The document was checked on load: every reference resolves.
        if let (Some(b), Some(c), Some(e)) = (
            bid_at.find(&s.bid),
            criterion_at.find(&s.criterion),
            member_at.find(&s.evaluator),
        ) {
            by_member[e].push((b * columns + c, s));
        }
    }
    let mut given: Vec<Vec<(usize, &super::Score)>> = vec![Vec::new(); doc.bids.len() * columns];
    for (e, scores) in by_member.into_iter().enumerate() {
        for (cell, s) in scores {
            given[cell].push((e, s));
        }
    }
    let consensus: HashMap<(&str, &str), &super::Consensus> = doc
        .consensus
        .iter()
        .map(|c| ((c.bid.as_str(), c.criterion.as_str()), c))
        .collect();

    // Each member's id once: every score's result shares it, as it shares the document's
    // rationale (copying both for 150,000 scores, and freeing the copies, was two fifths of
    // scoring).
    let member_ids: Vec<Arc<str>> = doc.panel.iter().map(|m| Arc::from(m.id.as_str())).collect();
    // The kept scores of one cell, the buffer reused from cell to cell.
    let mut kept: Vec<u32> = Vec::new();
    let mut results = Vec::with_capacity(doc.bids.len());
    let mut standings = Vec::with_capacity(doc.bids.len());
    for (bid_index, bid) in doc.bids.iter().enumerate() {
        let mut criteria = Vec::with_capacity(doc.criteria.len());
        let mut finals: Vec<Option<Exact>> = Vec::with_capacity(doc.criteria.len());
        let mut quality = Some(Exact::ZERO);
        let mut below_minimum = false;
        for (criterion_index, (criterion, weight)) in doc.criteria.iter().zip(&weights).enumerate()
        {
            let (b, c) = (bid.id.as_str(), criterion.id.as_str());
            let given = &given[bid_index * columns + criterion_index];
            let mut scores = Vec::with_capacity(given.len());
            kept.clear();
            for &(member_index, s) in given {
                let member = &doc.panel[member_index];
                let reason = set_aside_reason(member, b, criterion.scored_by.as_deref());
                match reason {
                    Some(code) => diagnostics.push(
                        Diagnostic::error(code, set_aside_message(code, member, b, c))
                            .bid(b)
                            .criterion(c)
                            .evaluator(&member.id),
                    ),
                    None => {
                        kept.push(s.score);
                        if s.rationale.as_deref().is_none_or(|r| r.trim().is_empty()) {
                            diagnostics.push(
                                Diagnostic::warning(
                                    "missing-rationale",
                                    format!(
                                        "{} gave bid {b} a score of {} on {c} without a rationale",
                                        member.id, s.score
                                    ),
                                )
                                .bid(b)
                                .criterion(c)
                                .evaluator(&member.id),
                            );
                        }
                    }
                }
                scores.push(ScoreResult {
                    evaluator: member_ids[member_index].clone(),
                    score: s.score,
                    kept: reason.is_none(),
                    reason: reason.map(str::to_string),
                    rationale: s.rationale.clone(),
                });
            }
            let spread = kept
                .iter()
                .max()
                .zip(kept.iter().min())
                .map(|(hi, lo)| hi - lo);
            let agreed = consensus.get(&(b, c));
            if let Some(a) = agreed {
                if a.rationale.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    diagnostics.push(
                        Diagnostic::error("consensus-without-rationale", format!("the consensus score {} of bid {b} on {c} has no rationale: record why the panel agreed it", a.score))
                            .bid(b)
                            .criterion(c),
                    );
                }
            }
            let divergent = spread.is_some_and(|s| f64::from(s) >= rules.divergence_threshold);
            let needs_moderation = divergent && agreed.is_none();
            if needs_moderation {
                diagnostics.push(
                    Diagnostic::warning(
                        "divergent-scores",
                        format!(
                            "scores of bid {b} on {c} range from {} to {}: moderation needed",
                            kept.iter().min().copied().unwrap_or(0),
                            kept.iter().max().copied().unwrap_or(0)
                        ),
                    )
                    .bid(b)
                    .criterion(c),
                );
            }
            let final_exact = match agreed {
                Some(a) => Some(Exact::int(i64::from(a.score))),
                None if (kept.len() as u64) < u64::from(rules.minimum_evaluators) => {
                    diagnostics.push(
                        Diagnostic::error(
                            "insufficient-evaluators",
                            format!("bid {b} has {} score(s) on {c}, fewer than the {} needed, and no consensus: the bid is incomplete", kept.len(), rules.minimum_evaluators),
                        )
                        .bid(b)
                        .criterion(c),
                    );
                    None
                }
                None => Exact::new(
                    kept.iter().map(|&k| i128::from(k)).sum(),
                    kept.len() as i128,
                ),
            };
            let weighted = match final_exact {
                Some(f) => Some(ex(f.mul(*weight).and_then(|x| x.div(max)))?),
                None => None,
            };
            quality = match (quality, weighted) {
                (Some(q), Some(w)) => Some(ex(q.add(w))?),
                _ => None,
            };
            if let (Some(f), Some(m)) = (final_exact, criterion.minimum_score) {
                if f.cmp(Exact::int(i64::from(m))).is_lt() {
                    below_minimum = true;
                }
            }
            finals.push(final_exact);
            criteria.push(CriterionResult {
                criterion: criterion.id.clone(),
                final_score: final_exact.map(Exact::to_f64),
                weighted: weighted.map(Exact::to_f64),
                spread,
                evaluators: kept.len() as u32,
                needs_moderation,
                consensus: agreed.map(|a| ConsensusResult {
                    score: a.score,
                    rationale: a.rationale.clone(),
                }),
                scores,
            });
        }
        let incomplete = quality.is_none();
        // Incomplete wins: a bid is judged only once every criterion has its final score.
        let status = if incomplete {
            BidStatus::Incomplete
        } else if below_minimum {
            BidStatus::Failed
        } else {
            BidStatus::Ranked
        };
        if status == BidStatus::Failed {
            for ((criterion, result), f) in doc.criteria.iter().zip(&criteria).zip(&finals) {
                if let (Some(min), Some(f)) = (criterion.minimum_score, f) {
                    if f.cmp(Exact::int(i64::from(min))).is_lt() {
                        diagnostics.push(
                            Diagnostic::error(
                                "below-minimum-score",
                                format!("bid {} scores {} on {}, below the minimum of {min}: the bid fails", bid.id, fmt2(result.final_score.unwrap_or(0.0)), criterion.id),
                            )
                            .bid(&bid.id)
                            .criterion(&criterion.id),
                        );
                    }
                }
            }
        }
        results.push(BidResult {
            id: bid.id.clone(),
            bidder: bid.bidder.clone(),
            status,
            rank: None,
            quality: quality.map(Exact::to_f64),
            price_score: None,
            total: None,
            charter: charter_profile(doc, &finals, max)?,
            criteria,
        });
        standings.push(Standing {
            quality,
            total: None,
        });
    }

    // Price: the lowest price among bids still in the running (a failed bid must not set it).
    let price_weight = exact(doc.price.weight, 3, "price weight")?;
    let prices: Vec<Exact> = doc
        .bids
        .iter()
        .map(|b| exact(b.price, 2, "price"))
        .collect::<Result<_>>()?;
    let lowest = prices
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.status == BidStatus::Ranked)
        .map(|(p, _)| *p)
        .min_by(|a, b| a.cmp(*b));
    if let Some(lowest) = lowest {
        for ((price, r), standing) in prices
            .iter()
            .zip(results.iter_mut())
            .zip(standings.iter_mut())
        {
            if r.status == BidStatus::Ranked {
                let price_score = ex(price_weight.mul(lowest).and_then(|x| x.div(*price)))?;
                let total = match standing.quality {
                    Some(q) => Some(ex(q.add(price_score))?),
                    None => None,
                };
                standing.total = total;
                r.price_score = Some(price_score.to_f64());
                r.total = total.map(Exact::to_f64);
            }
        }
    }
    rank(&mut results, &standings, &mut diagnostics);
    diagnostics.extend(unassessed_standards(doc));
    let standstill = match (doc.regime, doc.award_notice_date) {
        (Some(regime), Some(notice)) => match calendar {
            Some(c) => standstill_ends(regime, notice, c),
            None => standstill_ends(regime, notice, &BankHolidays::builtin()),
        },
        _ => None,
    };
    Ok(EvaluationResult {
        bids: results,
        standstill_ends: standstill,
        diagnostics,
    })
}

/// Rank 1 is the highest total; equal totals go to the higher quality; still equal, they share
/// the rank (a `tie`). Then orders the bids: ranked by rank, failed, incomplete. Totals are exact
/// fractions, so equal means equal.
fn rank(results: &mut Vec<BidResult>, standings: &[Standing], diagnostics: &mut Vec<Diagnostic>) {
    let compare = |a: usize, b: usize| {
        let (x, y) = (standings[a], standings[b]);
        let by = |p: Option<Exact>, q: Option<Exact>| match (p, q) {
            (Some(p), Some(q)) => q.cmp(p),
            _ => std::cmp::Ordering::Equal,
        };
        by(x.total, y.total).then(by(x.quality, y.quality))
    };
    let mut order: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].status == BidStatus::Ranked)
        .collect();
    // Stable sort: tied bids keep document order.
    crate::order::sort_positions(&mut order, &compare);
    for pos in 0..order.len() {
        let i = order[pos];
        let previous = pos.checked_sub(1).map(|p| order[p]);
        match previous.filter(|&p| compare(p, i).is_eq()) {
            Some(p) => {
                results[i].rank = results[p].rank;
                diagnostics.push(
                    Diagnostic::warning(
                        "tie",
                        format!(
                            "bids {} and {} are tied at rank {} with the same total and quality ({})",
                            results[p].id,
                            results[i].id,
                            results[p].rank.unwrap_or(0),
                            fmt2(results[p].total.unwrap_or(0.0))
                        ),
                    )
                    .bid(&results[i].id),
                );
            }
            None => results[i].rank = Some(pos as u32 + 1),
        }
    }
    let position = |r: &BidResult| match r.status {
        BidStatus::Ranked => (0, r.rank.unwrap_or(u32::MAX)),
        BidStatus::Failed => (1, 0),
        BidStatus::Incomplete => (2, 0),
    };
    crate::order::sort_by_key(results, position);
}

/// Per charter standard linked from a criterion: the plain mean of those criteria's finals as a
/// percentage of the scale (criteria without a final are left out; null if none has one).
fn charter_profile(
    doc: &Evaluation,
    finals: &[Option<Exact>],
    max: Exact,
) -> Result<BTreeMap<String, Option<f64>>> {
    let mut linked: BTreeMap<String, Vec<Exact>> = BTreeMap::new();
    for (criterion, f) in doc.criteria.iter().zip(finals) {
        for standard in &criterion.charter_standards {
            let entry = linked.entry(standard.clone()).or_default();
            entry.extend(f);
        }
    }
    let mut profile = BTreeMap::new();
    for (standard, known) in linked {
        let mean = if known.is_empty() {
            None
        } else {
            let mut sum = Exact::ZERO;
            for f in &known {
                sum = ex(sum.add(*f))?;
            }
            let count = Exact::int(known.len() as i64);
            Some(
                ex(sum
                    .mul(Exact::int(100))
                    .and_then(|x| x.div(count))
                    .and_then(|x| x.div(max)))?
                .to_f64(),
            )
        };
        profile.insert(standard, mean);
    }
    Ok(profile)
}

fn unassessed_standards(doc: &Evaluation) -> Vec<Diagnostic> {
    let Some(charter) = &doc.charter else {
        return Vec::new();
    };
    charter
        .standards
        .iter()
        .filter(|s| !doc.criteria.iter().any(|c| c.charter_standards.contains(&s.id)))
        .map(|s| Diagnostic::warning("charter-standard-unassessed", format!("charter standard {} (\"{}\") is linked from no criterion: no bid is scored against it", s.id, s.statement)).standard(&s.id))
        .collect()
}

/// Findings about the panel itself: safeguarding and training.
fn panel_findings(doc: &Evaluation) -> Vec<Diagnostic> {
    let scorers: std::collections::HashSet<&str> =
        doc.scores.iter().map(|s| s.evaluator.as_str()).collect();
    let mut out = Vec::new();
    for m in &doc.panel {
        if m.under18 == Some(true) && m.chaperone.as_deref().is_none_or(|c| c.trim().is_empty()) {
            out.push(
                Diagnostic::error(
                    "safeguarding-missing",
                    format!(
                        "panel member {} is under 18 and has no named chaperone",
                        m.id
                    ),
                )
                .evaluator(&m.id),
            );
        }
        let scored = scorers.contains(m.id.as_str());
        if scored && m.role.scores() && m.training_completed.is_none() {
            out.push(
                Diagnostic::warning(
                    "evaluator-not-trained",
                    format!("panel member {} gave scores but has no training date", m.id),
                )
                .evaluator(&m.id),
            );
        }
    }
    out
}

/// PSR key criteria and the social value minimum.
fn regime_findings(doc: &Evaluation) -> Vec<Diagnostic> {
    let Some(regime) = doc.regime else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if regime == Regime::Psr {
        // The Health Care Services (Provider Selection Regime) Regulations 2023, regulation 5:
        // the five key criteria every decision must consider.
        for (key, words) in [
            (KeyCriterion::QualityInnovation, "quality and innovation"),
            (KeyCriterion::Value, "value"),
            (
                KeyCriterion::IntegrationCollaborationSustainability,
                "integration, collaboration and service sustainability",
            ),
            (
                KeyCriterion::AccessInequalitiesChoice,
                "improving access, reducing health inequalities and facilitating choice",
            ),
            (KeyCriterion::SocialValue, "social value"),
        ] {
            if !doc.criteria.iter().any(|c| c.key_criterion == Some(key)) {
                out.push(Diagnostic::error(
                    "psr-key-criterion-missing",
                    format!("no criterion addresses the PSR key criterion \"{words}\""),
                ));
            }
        }
    }
    // NHS England, "Applying net zero and social value in the procurement of NHS goods and
    // services" (from April 2022): social value at least 10% of the total weighting.
    let social: f64 = doc
        .criteria
        .iter()
        .filter(|c| c.key_criterion == Some(KeyCriterion::SocialValue))
        .map(|c| c.weight)
        .sum();
    if social < 10.0 {
        out.push(Diagnostic::warning(
            "social-value-below-minimum",
            format!(
                "social value criteria weigh {} per cent in all, below the 10 per cent minimum",
                fmt2(social)
            ),
        ));
    }
    out
}

/// Two decimals, as people read scores.
/// Two decimals, halves away from zero, on the number as written (its shortest decimal form):
/// 51.525 shows as 51.53, though the nearest binary number to it is a shade below.
pub(crate) fn fmt2(x: f64) -> String {
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

#[cfg(test)]
mod tests {
    use super::fmt2;

    #[test]
    fn two_decimals_halves_away_from_zero() {
        for (x, s) in [
            (51.525, "51.53"),
            (0.125, "0.13"),
            (84.45, "84.45"),
            (99.995, "100.00"),
            (0.0, "0.00"),
            (-1.005, "-1.01"),
            (3.0, "3.00"),
            (1e-7, "0.00"),
            (12.5, "12.50"),
        ] {
            assert_eq!(fmt2(x), s, "{x}");
        }
    }
}
