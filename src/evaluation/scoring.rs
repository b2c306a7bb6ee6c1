//! The scoring rules of SCHEMAS.md: which scores are kept, finals, weighted scores, price scores,
//! statuses, ranks and the charter profile, with the findings a panel must act on.
//!
//! Results never depend on the order of scores in the input: scores are taken per bid and
//! criterion in the order of the panel.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::exact::Exact;
use super::{Evaluation, KeyCriterion, PanelMember, PsrProcess, Regime, Role};
use crate::calendar::{BankHolidays, Region};
use crate::diagnostic::{Area, Diagnostic, Rule, Severity, Source, SourceKind};
use crate::error::{Error, ErrorKind, Result};

// The rules of scoring. Sources checked on legislation.gov.uk, GOV.UK and NHS England (December
// 2026); where a rule is this toolkit's own practice it says so (local policy).

/// The panel rules of SCHEMAS.md: this toolkit's practice, which a panel's terms of reference can
/// adopt. Not law, so its findings are not headed by an authority.
const PANEL_RULES: Source = Source {
    title: "Evaluation panel rules of this toolkit (docs/SCHEMAS.md)",
    citation: "",
    url: "",
    kind: SourceKind::LocalPolicy,
    cited_as: "",
};

const fn panel_rule(citation: &'static str) -> Source {
    Source {
        citation,
        ..PANEL_RULES
    }
}

/// Rule 1.
pub(crate) const NON_SCORING_ROLE: Rule = Rule {
    code: "non-scoring-role",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "A score from a role that never scores (procurement, the chair) is set aside.",
    source: panel_rule("rule 1"),
    help: "Remove the score, or correct the member's role if it was entered wrongly.",
};

/// Rule 2. Procurement Act 2023 s81(1): a contracting authority "must take all reasonable steps
/// to identify, and keep under review, in relation to a covered procurement any (a) conflicts of
/// interest, or (b) potential conflicts of interest"; s81(3): "A person who influences a decision
/// ... is to be treated as acting in relation to the procurement"; s82 asks for steps so that a
/// conflict does not put a supplier at an unfair advantage or disadvantage. The PSR has its own
/// conflicts regulation (regulation 21, whose text could not be checked here). Taking the
/// conflicted member out of the whole evaluation unless a recorded decision manages the conflict
/// is this toolkit's practice for meeting those duties, so the rule is local policy.
pub(crate) const CONFLICT_OF_INTEREST: Rule = Rule {
    code: "conflict-of-interest",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "A member who declared a conflict of interest in any bid has every score set aside, unless `conflictManaged` records the decision; then only the conflicted bids' scores are.",
    source: Source {
        title: "Evaluation panel rules of this toolkit, serving the Procurement Act 2023 ss81 to 83 and PSR regulation 21",
        citation: "rule 2",
        url: "https://www.legislation.gov.uk/ukpga/2023/54/section/81",
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Record the decision that manages the conflict: who decided, when, and what the member may still do (`conflictManaged`); or leave the scores set aside.",
};

/// Rule 3.
pub(crate) const ROLE_NOT_PERMITTED: Rule = Rule {
    code: "role-not-permitted",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "A score from a role the criterion's `scoredBy` leaves out is set aside.",
    source: panel_rule("rule 3"),
    help: "Remove the score, or let the role score the criterion (`scoredBy`) if the tender documents allow it.",
};

/// Each score the panel relies on carries its reasons: the explanation an assessment summary
/// needs (Procurement Regulations 2024 regulation 31(2)(e)).
pub(crate) const MISSING_RATIONALE: Rule = Rule {
    code: "missing-rationale",
    area: Area::Evaluation,
    severity: Severity::Warning,
    rule: "A score that counts has a written rationale.",
    source: panel_rule("rationales"),
    help: "Ask the evaluator to record why they gave the score, by reference to the bid.",
};

pub(crate) const CONSENSUS_WITHOUT_RATIONALE: Rule = Rule {
    code: "consensus-without-rationale",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "A consensus score agreed at moderation has a written rationale.",
    source: panel_rule("rationales"),
    help: "Record why the panel agreed the score, by reference to the bid.",
};

pub(crate) const DIVERGENT_SCORES: Rule = Rule {
    code: "divergent-scores",
    area: Area::Evaluation,
    severity: Severity::Warning,
    rule: "Scores kept that spread by `rules.divergenceThreshold` (default 2) or more, with no consensus, need moderation.",
    source: panel_rule("rule 5"),
    help: "Discuss the criterion at moderation and record a consensus score with its rationale.",
};

pub(crate) const INSUFFICIENT_EVALUATORS: Rule = Rule {
    code: "insufficient-evaluators",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "A criterion with fewer scores kept than `rules.minimumEvaluators` (default 2) and no consensus leaves the bid incomplete.",
    source: panel_rule("rule 4"),
    help: "Have more eligible members score the criterion, or agree a consensus score.",
};

pub(crate) const BELOW_MINIMUM_SCORE: Rule = Rule {
    code: "below-minimum-score",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "A final score below the criterion's own `minimumScore` fails the bid.",
    source: panel_rule("minimum scores, as the tender documents set them"),
    help: "Check the final score against the tender documents; a failed bid is not ranked.",
};

pub(crate) const TIE: Rule = Rule {
    code: "tie",
    area: Area::Evaluation,
    severity: Severity::Warning,
    rule: "Bids with the same total and the same quality score share a rank.",
    source: panel_rule("ranking"),
    help: "Apply the tie-break the tender documents set out, and record it.",
};

pub(crate) const CHARTER_STANDARD_UNASSESSED: Rule = Rule {
    code: "charter-standard-unassessed",
    area: Area::Evaluation,
    severity: Severity::Warning,
    rule: "Every standard of the linked patient charter is assessed by at least one criterion.",
    source: panel_rule("charter profile"),
    help:
        "Link the standard from a criterion (its `charterStandards`), or record why it is not assessed.",
};

pub(crate) const SAFEGUARDING_MISSING: Rule = Rule {
    code: "safeguarding-missing",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "A panel member under 18 has a named chaperone.",
    source: panel_rule("safeguarding"),
    help: "Name the member's chaperone (`chaperone`) before they take part.",
};

pub(crate) const EVALUATOR_NOT_TRAINED: Rule = Rule {
    code: "evaluator-not-trained",
    area: Area::Evaluation,
    severity: Severity::Warning,
    rule: "A member who scores has completed evaluator training (`trainingCompleted`).",
    source: panel_rule("training"),
    help: "Record the training date, or train the member before their scores are relied on.",
};

pub(crate) const CONFLICT_MANAGED: Rule = Rule {
    code: "conflict-managed",
    area: Area::Evaluation,
    severity: Severity::Info,
    rule: "A conflict of interest managed by a recorded decision sets aside only the conflicted bids' scores, and the decision is quoted.",
    source: Source {
        title: "Evaluation panel rules of this toolkit, serving the Procurement Act 2023 ss81 to 83 and PSR regulation 21",
        citation: "rule 2",
        url: "https://www.legislation.gov.uk/ukpga/2023/54/section/81",
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Check that the decision says who decided, when, and what the member may still do.",
};

/// Regulation 24(d) asks for a record of "the decision-making process followed"; reading an
/// evaluation that does not say which as the Competitive Process (the one with scored award
/// criteria) is this toolkit's default.
pub(crate) const PSR_PROCESS_ASSUMED: Rule = Rule {
    code: "psr-process-assumed",
    area: Area::Evaluation,
    severity: Severity::Info,
    rule: "Under the PSR, an evaluation without `psrProcess` is read as the Competitive Process.",
    source: Source {
        title: "Default of this toolkit (the Health Care Services (Provider Selection Regime) Regulations 2023 ask for the process followed to be recorded, regulation 24(d))",
        citation: "",
        url: "https://www.legislation.gov.uk/uksi/2023/1348/regulation/24/made",
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Say which PSR process was followed (`psrProcess`).",
};

/// Regulation 5 lists the five key criteria; regulation 24(e) and (f) (checked) ask the record of
/// Direct Award Process C, the Most Suitable Provider Process and the Competitive Process to
/// describe "the way in which the key criteria were taken into account". The words of
/// regulation 5 itself could not be checked against legislation.gov.uk here: unverified.
pub(crate) const PSR_KEY_CRITERION_MISSING: Rule = Rule {
    code: "psr-key-criterion-missing",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "Under PSR Direct Award Process C, the Most Suitable Provider Process and the Competitive Process, each of the five key criteria is addressed by a criterion (value also by a price weight above 0).",
    source: Source {
        title: "The Health Care Services (Provider Selection Regime) Regulations 2023",
        citation: "regulation 5 (key criteria), with regulation 24(e) and (f)",
        url: "https://www.legislation.gov.uk/uksi/2023/1348/regulation/5/made",
        kind: SourceKind::Unverified,
        cited_as: "PSR regulation 5",
    },
    help: "Link a criterion to the key criterion (its `keyCriterion`), or record how it was taken into account.",
};

/// NHS England, "Applying net zero and social value in the procurement of NHS goods and services"
/// (23 March 2022) extended PPN 06/20 to NHS bodies, with "a minimum weighting of 10%" for net zero
/// and social value. PPN 06/20 was replaced by PPN 002 (February 2025), which applies to central
/// government bodies; "other contracting authorities may wish to apply" it. For NHS procurement
/// the 10% therefore comes from NHS England's own guidance, which has no statutory force; under
/// the PSR, social value is a key criterion to take into account, with no weighting set by law.
pub(crate) const SOCIAL_VALUE_BELOW_MINIMUM: Rule = Rule {
    code: "social-value-below-minimum",
    area: Area::Evaluation,
    severity: Severity::Warning,
    rule: "Social value criteria weigh at least 10 per cent in all: NHS England guidance, not a legal requirement.",
    source: Source {
        title: "NHS England, Applying net zero and social value in the procurement of NHS goods and services (2022), applying the social value model (now PPN 002, 2025)",
        citation: "section 2 (weighting at or above the 10% minimum)",
        url: "https://www.england.nhs.uk/greenernhs/publication/applying-net-zero-and-social-value-in-the-procurement-of-nhs-goods-and-services/",
        kind: SourceKind::Guidance,
        cited_as: "NHS England net zero and social value guidance",
    },
    help: "Weigh social value at 10 per cent or more, or record why a lower weighting is proportionate.",
};

/// The result of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EvaluationResult {
    /// Ranked bids by rank, then failed, then incomplete ones (each in document order).
    pub bids: Vec<BidResult>,
    /// The last day of the standstill period, given an award notice date and a regime that has
    /// one; null otherwise (PSR Direct Award Processes A and B have none: regulation 12(1)).
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
    /// Why it was set aside: the rule, written as its finding code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub reason: Option<SetAside>,
    /// The evaluator's rationale, for moderation.
    // Shared with the document's score, not copied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Arc<str>>,
}

/// Why a score is set aside: the first of rules 1 to 3 that applies. Each reason is its rule: its
/// JSON form (`reason`) is the rule's code, so the two cannot drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetAside {
    /// Rule 1: procurement and the chair never score.
    NonScoringRole,
    /// Rule 2: a conflict of interest (in any bid, unless a recorded decision manages it).
    ConflictOfInterest,
    /// Rule 3: the criterion's `scoredBy` leaves the role out.
    RoleNotPermitted,
}

impl SetAside {
    /// Every reason, in the order the rules apply.
    pub const ALL: [SetAside; 3] = [
        SetAside::NonScoringRole,
        SetAside::ConflictOfInterest,
        SetAside::RoleNotPermitted,
    ];

    /// The rule the score is set aside by.
    pub fn rule(self) -> &'static Rule {
        match self {
            SetAside::NonScoringRole => &NON_SCORING_ROLE,
            SetAside::ConflictOfInterest => &CONFLICT_OF_INTEREST,
            SetAside::RoleNotPermitted => &ROLE_NOT_PERMITTED,
        }
    }

    /// The rule's code (`conflict-of-interest`), as `reason` is written in JSON.
    pub fn code(self) -> &'static str {
        self.rule().code
    }

    /// The first of rules 1 to 3 that sets aside `member`'s score of `bid`.
    pub(crate) fn of(
        member: &PanelMember,
        bid: &str,
        scored_by: Option<&[Role]>,
    ) -> Option<SetAside> {
        if !member.role.scores() {
            Some(SetAside::NonScoringRole)
        } else if conflicted(member, bid) {
            Some(SetAside::ConflictOfInterest)
        } else if scored_by.is_some_and(|roles| !roles.contains(&member.role)) {
            Some(SetAside::RoleNotPermitted)
        } else {
            None
        }
    }

    fn finding(self, member: &PanelMember, bid: &str, criterion: &str) -> Diagnostic {
        let who = format!("{} ({})", member.id, member.role.words());
        let message = match self {
            SetAside::NonScoringRole => format!("{who} scored bid {bid} on {criterion}, but the {} role never scores: the score is set aside", member.role.words()),
            SetAside::ConflictOfInterest if member.conflicts.iter().any(|b| b == bid) => format!("{who} has a conflict of interest in bid {bid}: the score on {criterion} is set aside"),
            SetAside::ConflictOfInterest => format!("{who} declared a conflict of interest in bid {} and no recorded decision manages it, so they take no part in the evaluation: their score of bid {bid} on {criterion} is set aside", member.conflicts.join(", ")),
            SetAside::RoleNotPermitted => format!("{who} may not score {criterion}: the score of bid {bid} is set aside"),
        };
        self.rule()
            .finding(message)
            .label(super::BID, bid)
            .label(super::CRITERION, criterion)
            .label(super::EVALUATOR, &member.id)
    }
}

impl Serialize for SetAside {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for SetAside {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        SetAside::ALL
            .into_iter()
            .find(|r| r.code() == code)
            .ok_or_else(|| {
                serde::de::Error::custom(format!("\"{code}\" is not a reason to set a score aside"))
            })
    }
}

/// Rule 2: a member who declared a conflict of interest in any bid takes no part in the
/// evaluation, unless a recorded decision manages the conflict; then only the bids named are out.
fn conflicted(member: &PanelMember, bid: &str) -> bool {
    match member.conflict_managed {
        None => !member.conflicts.is_empty(),
        Some(_) => member.conflicts.iter().any(|b| b == bid),
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

/// The end of the standstill period after the notice published on `notice` (the last day, to its
/// midnight), where the regime has one.
///
/// - Provider Selection Regime: the Health Care Services (Provider Selection Regime) Regulations
///   2023, regulation 12(2): "The standstill period begins on the day after the day a notice of
///   intention to award or conclude is published"; 12(3): representations may be made "before
///   midnight at the end of the 8th working day after the day the standstill period begins";
///   working days are England's (regulation 2). A notice on Monday 2 December 2024 gives a period
///   beginning Tuesday 3 December whose 8th working day after is Friday 13 December 2024 (4, 5,
///   6, 9, 10, 11, 12, 13 December). Regulation 12(1): only Direct Award Process C, the Most
///   Suitable Provider Process and the Competitive Process have one; [`evaluate`] gives none for
///   Direct Award Processes A and B.
/// - Procurement Act 2023, s51: the mandatory standstill period is "the period of eight working
///   days beginning with the day" the contract award notice is published; s123: a working day is
///   not a Saturday, a Sunday, Christmas Day, Good Friday or a bank holiday under the Banking and
///   Financial Dealings Act 1971 "in any part of the United Kingdom". Monday 2 December 2024 was
///   Scotland's St Andrew's Day bank holiday (30 November fell on a Saturday), so a notice that
///   day is not counted and the period ends on Thursday 12 December 2024; a notice on Tuesday 3
///   December 2024 gives the same day.
pub fn standstill_ends(
    regime: Regime,
    notice: crate::Date,
    calendar: &BankHolidays,
) -> Option<crate::Date> {
    match regime {
        // The period begins on the day after the notice; it ends on the 8th working day after
        // the day it begins.
        Regime::Psr => calendar.nth_working_day_after(Region::EnglandAndWales, notice.succ(), 8),
        // "Beginning with" the day of publication: the eighth working day counted from the day before.
        Regime::Pa2023 => calendar.nth_working_day_after(Region::UnitedKingdom, notice.pred(), 8),
    }
}

/// The PSR process an evaluation follows: absent means the Competitive Process.
pub(crate) fn psr_process(doc: &Evaluation) -> PsrProcess {
    doc.psr_process.unwrap_or(PsrProcess::Competitive)
}

/// [`evaluate`] with a calendar of bank holidays (a GOV.UK file merged in, say).
pub fn evaluate_with(
    doc: &Evaluation,
    calendar: Option<&BankHolidays>,
) -> Result<EvaluationResult> {
    let mut diagnostics: Vec<Diagnostic> = DOCUMENT_CHECKS
        .iter()
        .flat_map(|(_, check)| check(doc))
        .collect();
    let mut panel = Panel::of(doc)?;
    let mut results = Vec::with_capacity(doc.bids.len());
    let mut standings = Vec::with_capacity(doc.bids.len());
    for (bid_index, bid) in doc.bids.iter().enumerate() {
        let (result, standing) = panel.score_bid(bid_index, bid, &mut diagnostics)?;
        results.push(result);
        standings.push(standing);
    }
    price_scores(doc, &mut results, &mut standings)?;
    rank(&mut results, &standings, &mut diagnostics);
    for (_, check) in RESULT_CHECKS {
        diagnostics.extend(check(doc, &results));
    }
    Ok(EvaluationResult {
        bids: results,
        standstill_ends: standstill(doc, calendar),
        diagnostics,
    })
}

/// What scoring needs of the document, made once: its numbers as exact fractions and its scores
/// dealt to their cells (bid by criterion), in panel order.
struct Panel<'a> {
    doc: &'a Evaluation,
    rules: super::Rules,
    max: Exact,
    weights: Vec<Exact>,
    /// Each cell's scores (`bid * criteria + criterion`) in panel order, with the member's index.
    given: Vec<Vec<(usize, &'a super::Score)>>,
    consensus: HashMap<(&'a str, &'a str), &'a super::Consensus>,
    /// Each member's id once: every score's result shares it (copying it for 150,000 scores, and
    /// freeing the copies, was two fifths of scoring: BENCHMARKS.md, evaluate).
    member_ids: Vec<Arc<str>>,
    /// The kept scores of one cell, the buffer reused from cell to cell.
    kept: Vec<u32>,
}

impl<'a> Panel<'a> {
    fn of(doc: &'a Evaluation) -> Result<Self> {
        let weights: Vec<Exact> = doc
            .criteria
            .iter()
            .map(|c| exact(c.weight, 3, "weight"))
            .collect::<Result<_>>()?;
        Ok(Panel {
            doc,
            rules: doc.rules(),
            max: Exact::int(i64::from(doc.scale.max)),
            weights,
            given: cells(doc),
            consensus: doc
                .consensus
                .iter()
                .map(|c| ((c.bid.as_str(), c.criterion.as_str()), c))
                .collect(),
            member_ids: doc.panel.iter().map(|m| Arc::from(m.id.as_str())).collect(),
            kept: Vec::new(),
        })
    }

    /// One bid: each criterion's final and weighted score, its quality, and whether it is ranked,
    /// failed (below a minimum score) or incomplete.
    fn score_bid(
        &mut self,
        bid_index: usize,
        bid: &'a super::Bid,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<(BidResult, Standing)> {
        let doc = self.doc;
        let mut criteria = Vec::with_capacity(doc.criteria.len());
        let mut finals: Vec<Option<Exact>> = Vec::with_capacity(doc.criteria.len());
        let mut quality = Some(Exact::ZERO);
        for criterion_index in 0..doc.criteria.len() {
            let (result, final_exact, weighted) =
                self.score_cell(bid_index, bid, criterion_index, diagnostics)?;
            quality = match (quality, weighted) {
                (Some(q), Some(w)) => Some(ex(q.add(w))?),
                _ => None,
            };
            finals.push(final_exact);
            criteria.push(result);
        }
        let below = |criterion: &super::Criterion, f: &Option<Exact>| matches!((criterion.minimum_score, f), (Some(m), Some(f)) if f.cmp(Exact::int(i64::from(m))).is_lt());
        // Incomplete wins: a bid is judged only once every criterion has its final score.
        let status = if quality.is_none() {
            BidStatus::Incomplete
        } else if doc.criteria.iter().zip(&finals).any(|(c, f)| below(c, f)) {
            BidStatus::Failed
        } else {
            BidStatus::Ranked
        };
        if status == BidStatus::Failed {
            for ((criterion, result), f) in doc.criteria.iter().zip(&criteria).zip(&finals) {
                if let (true, Some(min)) = (below(criterion, f), criterion.minimum_score) {
                    diagnostics.push(
                        BELOW_MINIMUM_SCORE
                            .finding(format!(
                                "bid {} scores {} on {}, below the minimum of {min}: the bid fails",
                                bid.id,
                                fmt2(result.final_score.unwrap_or(0.0)),
                                criterion.id
                            ))
                            .label(super::BID, &bid.id)
                            .label(super::CRITERION, &criterion.id),
                    );
                }
            }
        }
        let result = BidResult {
            id: bid.id.clone(),
            bidder: bid.bidder.clone(),
            status,
            rank: None,
            quality: quality.map(Exact::to_f64),
            price_score: None,
            total: None,
            charter: charter_profile(doc, &finals, self.max)?,
            criteria,
        };
        Ok((
            result,
            Standing {
                quality,
                total: None,
            },
        ))
    }

    /// One bid on one criterion: the scores kept and set aside, the spread, the consensus, the
    /// final score (the consensus, else the mean of the kept scores, else none when too few) and
    /// the weighted score.
    fn score_cell(
        &mut self,
        bid_index: usize,
        bid: &'a super::Bid,
        criterion_index: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<(CriterionResult, Option<Exact>, Option<Exact>)> {
        let doc = self.doc;
        let criterion = &doc.criteria[criterion_index];
        let (b, c) = (bid.id.as_str(), criterion.id.as_str());
        let given = &self.given[bid_index * doc.criteria.len() + criterion_index];
        let mut scores = Vec::with_capacity(given.len());
        self.kept.clear();
        for &(member_index, s) in given {
            let member = &doc.panel[member_index];
            let reason = SetAside::of(member, b, criterion.scored_by.as_deref());
            match reason {
                Some(why) => diagnostics.push(why.finding(member, b, c)),
                None => {
                    self.kept.push(s.score);
                    if s.rationale.as_deref().is_none_or(|r| r.trim().is_empty()) {
                        diagnostics.push(
                            MISSING_RATIONALE
                                .finding(format!(
                                    "{} gave bid {b} a score of {} on {c} without a rationale",
                                    member.id, s.score
                                ))
                                .label(super::BID, b)
                                .label(super::CRITERION, c)
                                .label(super::EVALUATOR, &member.id),
                        );
                    }
                }
            }
            scores.push(ScoreResult {
                evaluator: self.member_ids[member_index].clone(),
                score: s.score,
                kept: reason.is_none(),
                reason,
                rationale: s.rationale.clone(),
            });
        }
        let kept = &self.kept;
        let spread = kept
            .iter()
            .max()
            .zip(kept.iter().min())
            .map(|(hi, lo)| hi - lo);
        let agreed = self.consensus.get(&(b, c)).copied();
        if let Some(a) = agreed {
            if a.rationale.as_deref().is_none_or(|r| r.trim().is_empty()) {
                diagnostics.push(
                    CONSENSUS_WITHOUT_RATIONALE.finding(format!("the consensus score {} of bid {b} on {c} has no rationale: record why the panel agreed it", a.score))
                        .label(super::BID, b)
                        .label(super::CRITERION, c),
                );
            }
        }
        let divergent = spread.is_some_and(|s| f64::from(s) >= self.rules.divergence_threshold);
        let needs_moderation = divergent && agreed.is_none();
        if needs_moderation {
            diagnostics.push(
                DIVERGENT_SCORES
                    .finding(format!(
                        "scores of bid {b} on {c} range from {} to {}: moderation needed",
                        kept.iter().min().copied().unwrap_or(0),
                        kept.iter().max().copied().unwrap_or(0)
                    ))
                    .label(super::BID, b)
                    .label(super::CRITERION, c),
            );
        }
        let final_exact = match agreed {
            Some(a) => Some(Exact::int(i64::from(a.score))),
            None if (kept.len() as u64) < u64::from(self.rules.minimum_evaluators) => {
                diagnostics.push(
                    INSUFFICIENT_EVALUATORS.finding(
                        format!("bid {b} has {} score(s) on {c}, fewer than the {} needed, and no consensus: the bid is incomplete", kept.len(), self.rules.minimum_evaluators),
                    )
                    .label(super::BID, b)
                    .label(super::CRITERION, c),
                );
                None
            }
            None => Exact::new(
                kept.iter().map(|&k| i128::from(k)).sum(),
                kept.len() as i128,
            ),
        };
        let weighted = match final_exact {
            Some(f) => Some(ex(f
                .mul(self.weights[criterion_index])
                .and_then(|x| x.div(self.max)))?),
            None => None,
        };
        let result = CriterionResult {
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
        };
        Ok((result, final_exact, weighted))
    }
}

/// The scores by position, bucketed per bid and criterion and ordered by the panel: the input
/// order plays no part, and each score is looked at once (a string-keyed map over every score
/// stops fitting the caches at a national procurement's size: BENCHMARKS.md, evaluate).
fn cells(doc: &Evaluation) -> Vec<Vec<(usize, &super::Score)>> {
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
    given
}

/// The price scores and totals of the bids still in the running: the lowest price among them
/// scores the price weight (a failed bid must not set it).
fn price_scores(
    doc: &Evaluation,
    results: &mut [BidResult],
    standings: &mut [Standing],
) -> Result<()> {
    let price_weight = exact(doc.price.weight, 3, "price weight")?;
    let prices: Vec<Exact> = doc
        .bids
        .iter()
        .map(|b| exact(b.price, 2, "price"))
        .collect::<Result<_>>()?;
    let lowest = prices
        .iter()
        .zip(results.iter())
        .filter(|(_, r)| r.status == BidStatus::Ranked)
        .map(|(p, _)| *p)
        .min_by(|a, b| a.cmp(*b));
    let Some(lowest) = lowest else {
        return Ok(());
    };
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
    Ok(())
}

/// The last day of the standstill period, where the regime has one and the notice is dated.
/// Regulation 12(1) of the PSR: only Direct Award Process C, the Most Suitable Provider Process
/// and the Competitive Process have a standstill period.
fn standstill(doc: &Evaluation, calendar: Option<&BankHolidays>) -> Option<crate::Date> {
    let has_standstill = doc.regime != Some(Regime::Psr) || psr_process(doc).has_standstill();
    match (doc.regime, doc.award_notice_date) {
        (Some(regime), Some(notice)) if has_standstill => match calendar {
            Some(c) => standstill_ends(regime, notice, c),
            None => standstill_ends(regime, notice, &BankHolidays::builtin()),
        },
        _ => None,
    }
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
                    TIE.finding(format!(
                        "bids {} and {} are tied at rank {} with the same total and quality ({})",
                        results[p].id,
                        results[i].id,
                        results[p].rank.unwrap_or(0),
                        fmt2(results[p].total.unwrap_or(0.0))
                    ))
                    .label(super::BID, &results[i].id),
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

/// A check of the document alone, making findings of one rule.
pub(crate) type DocumentCheck = fn(&Evaluation) -> Vec<Diagnostic>;
/// A check that needs the bids' results too.
type ResultCheck = fn(&Evaluation, &[BidResult]) -> Vec<Diagnostic>;

/// The checks of the document before scoring, in the order they run: the panel, then the regime.
pub(crate) const DOCUMENT_CHECKS: &[(&Rule, DocumentCheck)] = &[
    (&SAFEGUARDING_MISSING, safeguarding_missing),
    (&EVALUATOR_NOT_TRAINED, evaluator_not_trained),
    (&CONFLICT_MANAGED, conflict_managed),
    (&PSR_PROCESS_ASSUMED, psr_process_assumed),
    (&PSR_KEY_CRITERION_MISSING, psr_key_criteria),
    (&SOCIAL_VALUE_BELOW_MINIMUM, social_value_minimum),
];

/// The checks after scoring, in the order they run: the charter, then the records the law asks.
const RESULT_CHECKS: &[(&Rule, ResultCheck)] = &[
    (&CHARTER_STANDARD_UNASSESSED, unassessed_standards),
    (
        &super::records::DECISION_RECORD_INCOMPLETE,
        super::records::decision_record_gaps,
    ),
    (
        &super::records::ASSESSMENT_SUMMARY_INCOMPLETE,
        super::records::assessment_summary_gaps,
    ),
];

pub(crate) fn unassessed_standards(doc: &Evaluation, _: &[BidResult]) -> Vec<Diagnostic> {
    let Some(charter) = &doc.charter else {
        return Vec::new();
    };
    charter
        .standards
        .iter()
        .filter(|s| !doc.criteria.iter().any(|c| c.charter_standards.contains(&s.id)))
        .map(|s| CHARTER_STANDARD_UNASSESSED.finding(format!("charter standard {} (\"{}\") is linked from no criterion: no bid is scored against it", s.id, s.statement)).label(crate::charter::STANDARD, &s.id))
        .collect()
}

fn safeguarding_missing(doc: &Evaluation) -> Vec<Diagnostic> {
    doc.panel
        .iter()
        .filter(|m| {
            m.under18 == Some(true) && m.chaperone.as_deref().is_none_or(|c| c.trim().is_empty())
        })
        .map(|m| {
            SAFEGUARDING_MISSING
                .finding(format!(
                    "panel member {} is under 18 and has no named chaperone",
                    m.id
                ))
                .label(super::EVALUATOR, &m.id)
        })
        .collect()
}

fn evaluator_not_trained(doc: &Evaluation) -> Vec<Diagnostic> {
    let scorers: std::collections::HashSet<&str> =
        doc.scores.iter().map(|s| s.evaluator.as_str()).collect();
    doc.panel
        .iter()
        .filter(|m| {
            scorers.contains(m.id.as_str()) && m.role.scores() && m.training_completed.is_none()
        })
        .map(|m| {
            EVALUATOR_NOT_TRAINED
                .finding(format!(
                    "panel member {} gave scores but has no training date",
                    m.id
                ))
                .label(super::EVALUATOR, &m.id)
        })
        .collect()
}

fn conflict_managed(doc: &Evaluation) -> Vec<Diagnostic> {
    doc.panel
        .iter()
        .filter(|m| !m.conflicts.is_empty())
        .filter_map(|m| {
            let managed = m.conflict_managed.as_ref()?;
            Some(
                CONFLICT_MANAGED
                    .finding(format!(
                        "{} ({}) declared a conflict of interest in bid {}, managed by a decision of {} on {}: \"{}\"; only their scores of bid {} are set aside",
                        m.id,
                        m.role.words(),
                        m.conflicts.join(", "),
                        managed.decided_by,
                        managed.date,
                        managed.decision,
                        m.conflicts.join(", ")
                    ))
                    .label(super::EVALUATOR, &m.id),
            )
        })
        .collect()
}

fn psr_process_assumed(doc: &Evaluation) -> Vec<Diagnostic> {
    if doc.regime != Some(Regime::Psr) || doc.psr_process.is_some() {
        return Vec::new();
    }
    vec![PSR_PROCESS_ASSUMED.finding(
        "the evaluation does not say which PSR process it followed (psrProcess): it is read as the Competitive Process",
    )]
}

/// The five key criteria, as the regulations word them.
pub(crate) const KEY_CRITERIA: [(KeyCriterion, &str); 5] = [
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
];

/// Whether a key criterion is addressed: by a criterion linked to it, or, for value, by a price
/// weight above 0 (price is how value is most often assessed).
pub(crate) fn key_criterion_addressed(doc: &Evaluation, key: KeyCriterion) -> bool {
    (key == KeyCriterion::Value && doc.price.weight > 0.0)
        || doc.criteria.iter().any(|c| c.key_criterion == Some(key))
}

fn psr_key_criteria(doc: &Evaluation) -> Vec<Diagnostic> {
    if doc.regime != Some(Regime::Psr) || !psr_process(doc).has_standstill() {
        return Vec::new();
    }
    KEY_CRITERIA
        .iter()
        .filter(|(key, _)| !key_criterion_addressed(doc, *key))
        .map(|(_, words)| {
            PSR_KEY_CRITERION_MISSING.finding(format!(
                "no criterion addresses the key criterion \"{words}\""
            ))
        })
        .collect()
}

fn social_value_minimum(doc: &Evaluation) -> Vec<Diagnostic> {
    if doc.regime.is_none() {
        return Vec::new();
    }
    let social: f64 = doc
        .criteria
        .iter()
        .filter(|c| c.key_criterion == Some(KeyCriterion::SocialValue))
        .map(|c| c.weight)
        .sum();
    if social >= 10.0 {
        return Vec::new();
    }
    vec![SOCIAL_VALUE_BELOW_MINIMUM.finding(format!(
        "social value criteria weigh {} per cent in all, below the minimum weighting of 10%",
        fmt2(social)
    ))]
}

/// Two decimals, as people read scores (in [`crate::render`], which the charter's static copy
/// uses too).
pub(crate) use crate::render::fixed2 as fmt2;

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
