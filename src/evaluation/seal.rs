//! Tamper-evident evaluation records: the document, each score and consensus in order, and the
//! result, chained by SHA-256 (FIPS 180-4), so that any later change, removal, addition or
//! reordering of an entry shows, and says which. A chain has no secret: anyone can seal again
//! after changing a score. What makes it evident is the seal (the last hash) recorded where it
//! cannot be changed, in the moderation minutes, say; `verify` checks a record against it.

use std::fmt::Write;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{evaluate, Evaluation, EvaluationResult};
use crate::diagnostic::{Area, Diagnostic, Rule, Severity, Source, SourceKind};

/// The record's own integrity check: a SHA-256 chain (FIPS 180-4) of this toolkit's design, not a
/// rule of law, so its findings name no authority.
const SEAL: Source = Source {
    title: "Tamper-evident evaluation record of this toolkit (SHA-256 chain, FIPS 180-4)",
    citation: "",
    url: "",
    kind: SourceKind::LocalPolicy,
    cited_as: "",
};

pub(crate) const ENTRY_REMOVED: Rule = Rule {
    code: "entry-removed",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "Every entry the sealed chain recorded is still in the record.",
    source: SEAL,
    help: "Restore the entry from the sealed copy, or find out who removed it.",
};

pub(crate) const ENTRY_CHANGED: Rule = Rule {
    code: "entry-changed",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "Every entry matches the digest the chain recorded for it when sealed.",
    source: SEAL,
    help: "Compare the entry with the sealed copy: a changed score must be explained and sealed again.",
};

pub(crate) const ENTRY_ADDED: Rule = Rule {
    code: "entry-added",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "The record holds no entry the sealed chain does not.",
    source: SEAL,
    help: "Find out who added the entry and why, then seal the record again.",
};

pub(crate) const ENTRY_REORDERED: Rule = Rule {
    code: "entry-reordered",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "The entries stand in the order the chain recorded them.",
    source: SEAL,
    help: "Restore the sealed order, or seal the record again with the reason recorded.",
};

pub(crate) const CHAIN_BROKEN: Rule = Rule {
    code: "chain-broken",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "Each link's hash follows from the link before it and its own digest.",
    source: SEAL,
    help: "Treat the chain as altered: use the copy whose seal is recorded in the minutes.",
};

pub(crate) const SEAL_MISMATCH: Rule = Rule {
    code: "seal-mismatch",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule:
        "The seal is the last link of the chain, and the one recorded where it cannot be changed.",
    source: SEAL,
    help:
        "Check the seal against the moderation minutes; a different seal means a different record.",
};

pub(crate) const RESULT_MISMATCH: Rule = Rule {
    code: "result-mismatch",
    area: Area::Evaluation,
    severity: Severity::Error,
    rule: "The result in the record is what the document's scores give.",
    source: SEAL,
    help: "Score the evaluation again and find out why the stored result differs.",
};

use crate::document::{Document, DocumentKind};
use crate::error::{Error, ErrorKind, Result};

/// The schema tag of a sealed evaluation record.
pub const SEALED_SCHEMA: &str = "engagekit/sealed-evaluation@1";

/// A sealed evaluation: the document, its result, and the chain over both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SealedEvaluation {
    /// `engagekit/sealed-evaluation@1`.
    pub schema: String,
    /// The evaluation as scored.
    pub evaluation: Evaluation,
    /// Its result.
    pub result: EvaluationResult,
    /// One link per entry: the document, each score, each consensus, the result.
    pub chain: Vec<Link>,
    /// The last link's hash: record it where it cannot be changed.
    pub seal: String,
}

/// One link of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Link {
    /// What the entry is: `document`, `score E1/B2/Q3`, `consensus B2/Q3` or `result`.
    pub entry: String,
    /// SHA-256 of the entry alone (hex).
    pub digest: String,
    /// SHA-256 of the previous link's hash and this digest (hex).
    pub hash: String,
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn sha256(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    hex(&h.finalize())
}

/// Canonical JSON: field order fixed by the types, so the same values always give the same bytes.
fn canonical<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::new(ErrorKind::InvalidValue, "", e.to_string()))
}

/// The entries of a record in chain order, each with its canonical JSON.
fn entries(doc: &Evaluation, result: &EvaluationResult) -> Result<Vec<(String, String)>> {
    let mut frame = doc.clone();
    frame.scores.clear();
    frame.consensus.clear();
    let mut out = vec![("document".to_string(), canonical(&frame)?)];
    for s in &doc.scores {
        out.push((
            format!("score {}/{}/{}", s.evaluator, s.bid, s.criterion),
            canonical(s)?,
        ));
    }
    for c in &doc.consensus {
        out.push((
            format!("consensus {}/{}", c.bid, c.criterion),
            canonical(c)?,
        ));
    }
    out.push(("result".to_string(), canonical(result)?));
    Ok(out)
}

fn chain(entries: &[(String, String)]) -> Vec<Link> {
    let mut previous = sha256(&[SEALED_SCHEMA.as_bytes()]);
    entries
        .iter()
        .map(|(entry, json)| {
            let digest = sha256(&[json.as_bytes()]);
            let hash = sha256(&[
                previous.as_bytes(),
                b"\n",
                entry.as_bytes(),
                b"\n",
                digest.as_bytes(),
            ]);
            previous = hash.clone();
            Link {
                entry: entry.clone(),
                digest,
                hash,
            }
        })
        .collect()
}

/// Scores the evaluation and seals the document with its result.
pub fn seal(doc: &Evaluation) -> Result<SealedEvaluation> {
    let result = evaluate(doc)?;
    let chain = chain(&entries(doc, &result)?);
    let seal = chain.last().map(|l| l.hash.clone()).unwrap_or_default();
    Ok(SealedEvaluation {
        schema: SEALED_SCHEMA.to_string(),
        evaluation: doc.clone(),
        result,
        chain,
        seal,
    })
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// Nothing was changed (and the seal is the one expected, when one was given).
    pub valid: bool,
    /// The record's seal.
    pub seal: String,
    /// How many entries the chain has.
    pub entries: usize,
    /// Each change found: `seal-mismatch`, `entry-changed`, `entry-removed`, `entry-added`,
    /// `entry-reordered`, `chain-broken`, `result-mismatch` (all errors).
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks a sealed record: every entry against its link, the chain and the seal, the result
/// against a fresh evaluation of the document, and the seal against `expected` when given.
pub fn verify(sealed: &SealedEvaluation, expected: Option<&str>) -> Result<Verification> {
    if sealed.schema != SEALED_SCHEMA {
        return Err(Error::new(
            ErrorKind::WrongSchema,
            "schema",
            format!(
                "\"{}\" is not a sealed evaluation (\"{SEALED_SCHEMA}\")",
                sealed.schema
            ),
        ));
    }
    let now = entries(&sealed.evaluation, &sealed.result)?;
    let stored = &sealed.chain;
    let mut found = entries_changed(stored, &now);
    found.extend(entries_reordered(stored, &now));
    found.extend(chain_broken(stored));
    found.extend(seal_mismatches(sealed, expected));
    found.extend(result_mismatch(sealed));
    DocumentKind::Evaluation.expect(Some(&sealed.evaluation.schema))?;
    Ok(Verification {
        valid: found.is_empty(),
        seal: sealed.seal.clone(),
        entries: stored.len(),
        diagnostics: found,
    })
}

/// Entry by entry, what the chain recorded against what the record holds now: each entry gone,
/// changed or added since sealing.
fn entries_changed(stored: &[Link], now: &[(String, String)]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for link in stored {
        match now.iter().find(|(e, _)| *e == link.entry) {
            None => found.push(Diagnostic::new(
                &ENTRY_REMOVED,
                format!("{} was in the sealed record and is gone", link.entry),
            )),
            Some((_, json)) if sha256(&[json.as_bytes()]) != link.digest => {
                found.push(Diagnostic::new(
                    &ENTRY_CHANGED,
                    format!("{} was changed after sealing", link.entry),
                ))
            }
            Some(_) => {}
        }
    }
    for (entry, _) in now {
        if !stored.iter().any(|l| l.entry == *entry) {
            found.push(Diagnostic::new(
                &ENTRY_ADDED,
                format!("{entry} was added after sealing"),
            ));
        }
    }
    found
}

/// The entries both hold, in the order each holds them: each place where they differ.
fn entries_reordered(stored: &[Link], now: &[(String, String)]) -> Vec<Diagnostic> {
    let kept_then: Vec<&str> = stored
        .iter()
        .map(|l| l.entry.as_str())
        .filter(|e| now.iter().any(|(n, _)| n == e))
        .collect();
    let kept_now: Vec<&str> = now
        .iter()
        .map(|(e, _)| e.as_str())
        .filter(|e| kept_then.contains(e))
        .collect();
    let mut found = Vec::new();
    for (place, (then, now)) in kept_then.iter().zip(&kept_now).enumerate() {
        if then != now {
            found.push(Diagnostic::new(
                &ENTRY_REORDERED,
                format!(
                    "{now} now stands in place {} of the sealed entries, where {then} stood",
                    place + 1
                ),
            ));
        }
    }
    found
}

/// The links themselves: each hash follows from the one before and its digest.
fn chain_broken(stored: &[Link]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut previous = sha256(&[SEALED_SCHEMA.as_bytes()]);
    for link in stored {
        let hash = sha256(&[
            previous.as_bytes(),
            b"\n",
            link.entry.as_bytes(),
            b"\n",
            link.digest.as_bytes(),
        ]);
        if hash != link.hash {
            found.push(Diagnostic::new(
                &CHAIN_BROKEN,
                format!(
                    "the link of {} does not follow from the one before it",
                    link.entry
                ),
            ));
        }
        previous = link.hash.clone();
    }
    found
}

/// The seal is the chain's last link, and the one recorded (`expected`) when given.
fn seal_mismatches(sealed: &SealedEvaluation, expected: Option<&str>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if sealed.chain.last().map(|l| l.hash.as_str()) != Some(sealed.seal.as_str()) {
        found.push(Diagnostic::new(
            &SEAL_MISMATCH,
            "the seal is not the last link of the chain",
        ));
    }
    if let Some(e) = expected {
        if e.trim().to_ascii_lowercase() != sealed.seal {
            found.push(Diagnostic::new(
                &SEAL_MISMATCH,
                format!(
                    "the record's seal {} is not the seal recorded, {}",
                    sealed.seal,
                    e.trim()
                ),
            ));
        }
    }
    found
}

/// The result must still follow from the document as it is now.
fn result_mismatch(sealed: &SealedEvaluation) -> Option<Diagnostic> {
    match sealed
        .evaluation
        .check()
        .and_then(|()| evaluate(&sealed.evaluation))
    {
        Ok(r) if r == sealed.result => None,
        Ok(_) => Some(Diagnostic::new(
            &RESULT_MISMATCH,
            "the result in the record is not what the scores give",
        )),
        Err(e) => Some(Diagnostic::new(
            &RESULT_MISMATCH,
            format!("the evaluation no longer reads: {e}"),
        )),
    }
}
