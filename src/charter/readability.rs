//! Checks of a charter at a reference date: review due, and whether each statement for younger
//! readers is short and plain enough for 7 to 17 year olds.

use super::Charter;
use crate::calendar::Date;
use crate::diagnostic::{Area, Diagnostic, Rule, Severity, Source, SourceKind};

/// The longest sentence, in words, a statement for younger readers should have: a choice of this
/// toolkit (local policy), not a published standard.
pub const MAX_SENTENCE_WORDS: usize = 15;
/// The highest reading age (Flesch-Kincaid grade + 5) a statement for younger readers should need:
/// a choice of this toolkit (local policy), for the youngest users of the feedback form (7 to 17).
pub const MAX_READING_AGE: f64 = 10.0;

/// A statement for younger readers must be short and plain. The measure is the Flesch-Kincaid
/// grade level, "0.39 x ASL + 11.8 x ASW - 15.59" (ASL the average sentence length in words, ASW
/// the average syllables per word), developed for the US Navy "in 1975 by J. Peter Kincaid and his
/// team" (as readabilityformulas.com and Wikipedia's "Flesch-Kincaid readability tests" give it;
/// the Navy report itself, Research Branch Report 8-75, was not read here), plus 5 as a reading
/// age. The thresholds, a reading age of 10 and 15 words a sentence, are this toolkit's own
/// choice: no law or NHS guidance sets them.
pub(crate) const STATEMENT_HARD_TO_READ: Rule = Rule {
    code: "statement-hard-to-read",
    area: Area::Charter,
    severity: Severity::Warning,
    rule: "A standard's `youngPersonStatement` needs a reading age (Flesch-Kincaid grade + 5) of at most 10, and no sentence longer than 15 words.",
    source: Source {
        title: "Flesch-Kincaid grade level (Kincaid, Fishburne, Rogers and Chissom, 1975), with thresholds chosen by engagekit",
        citation: "",
        url: "https://en.wikipedia.org/wiki/Flesch%E2%80%93Kincaid_readability_tests",
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Rewrite the statement in shorter sentences and shorter words, and test it with young people who use the service.",
};

/// The charter's own review date, set by the people who wrote it: local policy. Found by
/// [`check`] and by monitoring; listed with monitoring's rules (`Area::Monitoring`, as
/// docs/rules.md has it).
pub(crate) const CHARTER_REVIEW_DUE: Rule = Rule {
    code: "charter-review-due",
    area: Area::Monitoring,
    severity: Severity::Warning,
    rule:
        "A charter whose own review date (`review`) is before the reference date is due for review.",
    source: Source {
        title: "The charter's own review date (`review`)",
        citation: "",
        url: "",
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Review the charter with the people who wrote it, and record the new review date.",
};

/// `charter-review-due`: the charter's review date has passed at `today`.
pub fn review_due(charter: &Charter, today: Option<Date>) -> Vec<Diagnostic> {
    match (charter.review, today) {
        (Some(review), Some(today)) if review < today => vec![CHARTER_REVIEW_DUE.finding(
            format!("the charter \"{}\" was due for review on {review}: review it with the people who wrote it", charter.title),
        )],
        _ => Vec::new(),
    }
}

/// Syllables of an English word, by vowel groups less a silent final "e": the usual estimate
/// behind published readability formulas.
fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if w.is_empty() {
        return 1; // a number or a symbol read as one
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut previous = false;
    for &c in &w {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
    }
    // A final "e" after a consonant is silent ("make"), but not in a consonant + "le" ("people").
    if let [.., a, b, 'e'] = w.as_slice() {
        let consonant_le = *b == 'l' && !vowel(*a);
        if !vowel(*b) && !consonant_le && count > 1 {
            count -= 1;
        }
    }
    count.max(1)
}

fn sentences(text: &str) -> Vec<Vec<&str>> {
    text.split(['.', '!', '?', ';'])
        .map(|s| {
            s.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// The reading age a text needs: the Flesch-Kincaid grade level (Kincaid et al., 1975) plus 5,
/// the age of a pupil in that US school grade.
pub fn reading_age(text: &str) -> f64 {
    let sentences = sentences(text);
    let words: Vec<&str> = sentences.iter().flatten().copied().collect();
    if words.is_empty() {
        return 0.0;
    }
    let syllables: usize = words.iter().map(|w| syllables(w)).sum();
    let grade = 0.39 * words.len() as f64 / sentences.len() as f64
        + 11.8 * syllables as f64 / words.len() as f64
        - 15.59;
    grade + 5.0
}

/// Findings about a charter at `today`: `charter-review-due`, then `statement-hard-to-read` for
/// each standard in order.
pub fn check(charter: &Charter, today: Option<Date>) -> Vec<Diagnostic> {
    let mut out = review_due(charter, today);
    out.extend(charter.standards.iter().filter_map(hard_to_read));
    out
}

/// `statement-hard-to-read`: the statement for younger readers of one standard.
fn hard_to_read(s: &super::Standard) -> Option<Diagnostic> {
    let text = s.young_person_statement.as_deref()?;
    let longest = sentences(text).iter().map(Vec::len).max().unwrap_or(0);
    let age = reading_age(text);
    (longest > MAX_SENTENCE_WORDS || age > MAX_READING_AGE).then(|| {
        STATEMENT_HARD_TO_READ
            .finding(format!(
                "the young person's statement of {} needs a reading age of about {:.0} and its longest sentence has {longest} words (aim for {MAX_READING_AGE:.0} or under and {MAX_SENTENCE_WORDS} words or fewer): \"{text}\"",
                s.id, age
            ))
            .label(super::STANDARD, &s.id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_by_hand() {
        for (w, n) in [
            ("we", 1),
            ("within", 2),
            ("understand", 3),
            ("people", 2),
            ("make", 1),
            ("appropriately", 5),
            ("4", 1),
            ("the", 1),
            ("organisational", 6),
        ] {
            assert_eq!(syllables(w), n, "{w}");
        }
    }

    #[test]
    fn reading_age_by_hand() {
        // 7 words, 8 syllables, 1 sentence: 2.73 + 13.4857 - 15.59 = 0.6257; + 5 = 5.6257.
        let age = reading_age("We will see you within 4 weeks.");
        assert!((age - 5.6257).abs() < 1e-3, "{age}");
    }
}

/// The result of checking a charter.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CharterCheck {
    /// The charter's title.
    pub title: String,
    /// What the check found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks a charter at `today` (see [`check`]).
pub fn check_charter(charter: &Charter, today: Option<Date>) -> CharterCheck {
    CharterCheck {
        title: charter.title.clone(),
        diagnostics: check(charter, today),
    }
}
