//! A panel's set-up checked before anyone scores: what a procurement lead sees while typing the
//! criteria, bids and panel (the panel set-up page), and what `engagekit evaluate --setup` says.
//!
//! Scoring's findings about scores (one missing, a spread to moderate, too few kept) mean nothing
//! yet, so [`check_setup`] runs only the checks of the document itself (safeguarding, managed
//! conflicts, the regime's key criteria, social value, the charter's standards) and, in their
//! set-up form, the rules that will apply to the scores: a member with a conflict no decision
//! manages will have every score set aside (rule 2); a member who will score has no training
//! date; a criterion that too few members may score, for some bid, will leave it incomplete
//! unless the panel agrees a consensus (rule 4). The weights' total of 100, an input error when an
//! evaluation is scored, is here a finding beside the running total: the page checks as the
//! weights are typed, and the other findings stay in view while the total is not 100 yet.

use serde::Serialize;

use super::scoring::{
    SetAside, CONFLICT_OF_INTEREST, DOCUMENT_CHECKS, EVALUATOR_NOT_TRAINED, INSUFFICIENT_EVALUATORS,
};
use super::{Evaluation, Role, WeightTotal};
use crate::diagnostic::{Area, Diagnostic, Rule, Severity, Source, SourceKind};
use crate::error::Result;

/// The weights of the quality criteria and price make 100 (SCHEMAS.md, the evaluation: "with
/// the quality weights it makes 100"): the document's own arithmetic, so that a weighted total
/// is out of 100. Scoring refuses a document whose weights do not (an input error at
/// `criteria`); the set-up check reports it as this finding.
pub(crate) const WEIGHTS_TOTAL: Rule = Rule {
    code: "weights-total",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "The quality criteria's weights and the price weight total 100.",
    source: Source {
        title: "Evaluation panel rules of this toolkit (docs/SCHEMAS.md)",
        citation: "weights",
        url: "",
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Change the criteria's weights or the price weight until they total 100, as the tender documents set them.",
};

/// Rule 4 seen at set-up: a criterion that fewer members may score, for a bid, than
/// `rules.minimumEvaluators` leaves the bid incomplete unless the panel agrees a consensus.
pub(crate) const SHORT_OF_EVALUATORS: Rule = Rule {
    code: "short-of-evaluators",
    area: Area::Evaluation,
    severity: Severity::Warning,
    rule: "Each criterion can be scored, for each bid, by at least `rules.minimumEvaluators` (default 2) members: members of a role that scores, that the criterion's `scoredBy` names, with no conflict that sets their scores of the bid aside.",
    source: INSUFFICIENT_EVALUATORS.source,
    help: "Add members of the roles the criterion needs, let more roles score it (its `scoredBy`) if the tender documents allow, or plan to agree a consensus score at moderation.",
};

/// What [`check_setup`] gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SetupCheck {
    /// The evaluation's title.
    pub title: String,
    /// The weights as they now stand.
    pub weights: WeightTotal,
    /// The members who may score some bid on some criterion (rules 1 to 3: a role that scores, that
    /// a criterion's `scoredBy` names, with a bid their conflict does not set aside), in panel
    /// order: each gets a score sheet, and no one else would have a row on theirs.
    pub scorers: Vec<String>,
    /// What the check found, in the order the checks run.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks a panel's set-up (see the module's documentation). The document is checked as every
/// evaluation is, the weights' total aside: an input error is an `Err` naming its field.
pub fn check_setup(doc: &Evaluation) -> Result<SetupCheck> {
    doc.check_but_total()?;
    let weights = doc.weight_total();
    let mut diagnostics = Vec::new();
    if let Some(message) = weights.problem() {
        diagnostics.push(WEIGHTS_TOTAL.finding(message));
    }
    diagnostics.extend(
        DOCUMENT_CHECKS
            .iter()
            .filter(|(rule, _)| rule.code != EVALUATOR_NOT_TRAINED.code)
            .flat_map(|(_, check)| check(doc)),
    );
    diagnostics.extend(unmanaged_conflicts(doc));
    diagnostics.extend(untrained_scorers(doc));
    diagnostics.extend(short_of_evaluators(doc));
    diagnostics.extend(super::scoring::unassessed_standards(doc, &[]));
    Ok(SetupCheck {
        title: doc.title.clone(),
        weights,
        scorers: doc
            .panel
            .iter()
            .filter(|m| may_score_any(doc, m))
            .map(|m| m.id.clone())
            .collect(),
        diagnostics,
    })
}

/// Reads an evaluation's JSON and checks its set-up ([`check_setup`]): an input error, the
/// weights' total aside, is an `Err` naming its field.
pub fn read_setup(text: &str) -> Result<SetupCheck> {
    check_setup(&crate::json::from_json_unchecked(text)?)
}

/// Whether `member` may score any bid on any criterion (rules 1 to 3).
fn may_score_any(doc: &Evaluation, member: &super::PanelMember) -> bool {
    doc.criteria.iter().any(|c| {
        doc.bids
            .iter()
            .any(|b| SetAside::of(member, &b.id, c.scored_by.as_deref()).is_none())
    })
}

/// Rule 2 before scoring: a member who declared a conflict that no decision manages.
fn unmanaged_conflicts(doc: &Evaluation) -> Vec<Diagnostic> {
    doc.panel
        .iter()
        .filter(|m| m.role.scores() && !m.conflicts.is_empty() && m.conflict_managed.is_none())
        .map(|m| {
            CONFLICT_OF_INTEREST
                .finding(format!(
                    "{} ({}) declared a conflict of interest in bid {} and no recorded decision manages it: every score they give will be set aside",
                    m.id,
                    m.role.words(),
                    m.conflicts.join(", ")
                ))
                .label(super::EVALUATOR, &m.id)
        })
        .collect()
}

/// Training before scoring: a member of a role that scores with no training date.
fn untrained_scorers(doc: &Evaluation) -> Vec<Diagnostic> {
    doc.panel
        .iter()
        .filter(|m| m.role.scores() && m.training_completed.is_none())
        .map(|m| {
            EVALUATOR_NOT_TRAINED
                .finding(format!(
                    "panel member {} will score but has no training date",
                    m.id
                ))
                .label(super::EVALUATOR, &m.id)
        })
        .collect()
}

/// Rule 4 before scoring: per criterion, the bids that fewer members than the minimum may score.
fn short_of_evaluators(doc: &Evaluation) -> Vec<Diagnostic> {
    let minimum = doc.rules().minimum_evaluators as usize;
    let mut out = Vec::new();
    for c in &doc.criteria {
        let scored_by = c.scored_by.as_deref();
        let mut short: Vec<(&str, usize)> = doc
            .bids
            .iter()
            .map(|b| {
                let n = doc
                    .panel
                    .iter()
                    .filter(|m| SetAside::of(m, &b.id, scored_by).is_none())
                    .count();
                (b.id.as_str(), n)
            })
            .filter(|&(_, n)| n < minimum)
            .collect();
        if short.is_empty() {
            continue;
        }
        let roles = match scored_by {
            Some(roles) => roles
                .iter()
                .map(|r| Role::words(*r))
                .collect::<Vec<_>>()
                .join(", "),
            None => "any role that scores".to_string(),
        };
        // Bids short by the same count are named together ("bids B1, B2: 1 member").
        short.sort_by_key(|&(_, n)| n);
        let mut parts = Vec::new();
        for (n, group) in short.chunk_by(|a, b| a.1 == b.1).map(|g| (g[0].1, g)) {
            let bids: Vec<&str> = group.iter().map(|(b, _)| *b).collect();
            let who = match n {
                0 => "no member".to_string(),
                1 => "1 member".to_string(),
                n => format!("{n} members"),
            };
            let which = if bids.len() == 1 { "bid" } else { "bids" };
            parts.push(format!("{which} {}: {who}", bids.join(", ")));
        }
        let mut finding = SHORT_OF_EVALUATORS.finding(format!(
            "{} (\"{}\", scored by {roles}) can be scored by fewer than the {minimum} members needed ({}): without a consensus {} incomplete",
            c.id,
            c.title,
            parts.join("; "),
            if short.len() == 1 { "the bid will be" } else { "those bids will be" }
        ))
        .label(super::CRITERION, &c.id);
        if let [(bid, _)] = short.as_slice() {
            finding = finding.label(super::BID, bid);
        }
        out.push(finding);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Evaluation {
        crate::de::from_str(text, "").unwrap()
    }

    #[test]
    fn counts_by_hand() {
        // Q1 is scored by young people only: E1 (young person) and E2 (young person, conflicted in
        // B2 by a managed decision) may score B1; only E1 may score B2. E3 (procurement) never
        // scores. With the minimum of 2, Q1 is short for B2 only, by one member.
        let d = doc(
            r#"{"schema":"engagekit/evaluation@1","title":"T","scale":{"max":1,"labels":["No","Yes"]},
            "price":{"weight":40,"method":"lowest"},
            "criteria":[{"id":"Q1","title":"Experience","weight":60,"scoredBy":["youngPerson"]}],
            "bids":[{"id":"B1","bidder":"A","price":10},{"id":"B2","bidder":"B","price":20}],
            "panel":[{"id":"E1","role":"youngPerson","trainingCompleted":"2026-01-05"},
                     {"id":"E2","role":"youngPerson","conflicts":["B2"],"trainingCompleted":"2026-01-05",
                      "conflictManaged":{"decision":"May score B1","decidedBy":"Guardian","date":"2026-01-06"}},
                     {"id":"E3","role":"procurement"}]}"#,
        );
        let check = check_setup(&d).unwrap();
        assert_eq!(check.weights.total, 100.0);
        assert_eq!(check.scorers, ["E1", "E2"]);
        let codes: Vec<&str> = check.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["conflict-managed", "short-of-evaluators"]);
        assert_eq!(
            check.diagnostics[1].message,
            "Q1 (\"Experience\", scored by young person) can be scored by fewer than the 2 members needed (bid B2: 1 member): without a consensus the bid will be incomplete"
        );
    }

    #[test]
    fn weights_not_100_are_a_finding_with_the_total() {
        // 45 + 50 + price 10 = 105.
        let d = doc(
            r#"{"schema":"engagekit/evaluation@1","title":"T","scale":{"max":1,"labels":["No","Yes"]},
            "price":{"weight":10,"method":"lowest"},
            "criteria":[{"id":"Q1","title":"A","weight":45},{"id":"Q2","title":"B","weight":50}],
            "bids":[],"panel":[]}"#,
        );
        let check = check_setup(&d).unwrap();
        assert_eq!(
            (
                check.weights.criteria,
                check.weights.price,
                check.weights.total
            ),
            (95.0, 10.0, 105.0)
        );
        assert_eq!(check.diagnostics[0].code, "weights-total");
        assert_eq!(
            check.diagnostics[0].message,
            "the quality weights and the price weight total 105, not 100"
        );
        // Scoring the same document is refused, with the same words, at `criteria`.
        let e =
            crate::json::from_json::<Evaluation>(&serde_json::to_string(&d).unwrap()).unwrap_err();
        assert_eq!(e.path(), "criteria");
        assert!(
            e.to_string()
                .ends_with("the quality weights and the price weight total 105, not 100"),
            "{e}"
        );
    }

    #[test]
    fn no_criteria_weigh_zero_not_minus_zero() {
        let d = doc(
            r#"{"schema":"engagekit/evaluation@1","title":"T","scale":{"max":1,"labels":["No","Yes"]},
            "price":{"weight":100,"method":"lowest"},"criteria":[],"bids":[],"panel":[]}"#,
        );
        let check = check_setup(&d).unwrap();
        assert!(check.weights.criteria.is_sign_positive());
        assert_eq!(
            serde_json::to_string(&check.weights).unwrap(),
            r#"{"criteria":0.0,"price":100.0,"total":100.0}"#
        );
    }

    #[test]
    fn an_unmanaged_conflict_and_a_missing_chaperone_and_training() {
        let d = doc(
            r#"{"schema":"engagekit/evaluation@1","title":"T","scale":{"max":1,"labels":["No","Yes"]},
            "price":{"weight":0,"method":"lowest"},
            "criteria":[{"id":"Q1","title":"A","weight":100}],
            "bids":[{"id":"B1","bidder":"A","price":10},{"id":"B2","bidder":"B","price":20}],
            "panel":[{"id":"E1","role":"youngPerson","under18":true,"trainingCompleted":"2026-01-05"},
                     {"id":"E2","role":"carer","conflicts":["B2"],"trainingCompleted":"2026-01-05"},
                     {"id":"E3","role":"clinician"}]}"#,
        );
        let check = check_setup(&d).unwrap();
        let found: Vec<(&str, &str)> = check
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("safeguarding-missing", "panel member E1 is under 18 and has no named chaperone"),
                ("conflict-of-interest", "E2 (carer) declared a conflict of interest in bid B2 and no recorded decision manages it: every score they give will be set aside"),
                ("evaluator-not-trained", "panel member E3 will score but has no training date"),
            ]
        );
    }
}
