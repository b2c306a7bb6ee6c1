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

/// The words of each sentence (`crate::sentences`: a sentence ends at `.`, `!` or `?` before
/// white space); a word has a letter or digit, so a lone dash is none.
fn sentences(text: &str) -> Vec<Vec<&str>> {
    crate::sentences::sentences(text)
        .into_iter()
        .map(|(_, s)| {
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
    reading_age_of(&sentences(text))
}

fn reading_age_of(sentences: &[Vec<&str>]) -> f64 {
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

/// How hard a text is to read, against the limits of [`STATEMENT_HARD_TO_READ`]: what the charter
/// editor shows beside a statement for younger readers as it is typed, and what the check judges.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Readability {
    /// The reading age (Flesch-Kincaid grade + 5) to one decimal place, halves away from zero;
    /// 0 for a text with no words.
    pub reading_age: f64,
    /// The number of words in the longest sentence.
    pub longest_sentence: usize,
    /// Whether the text is within both limits: a reading age of at most [`MAX_READING_AGE`]
    /// (judged before rounding) and no sentence over [`MAX_SENTENCE_WORDS`] words.
    pub within: bool,
    /// The limits in words, as the finding gives them ("aim for 10 or under and 15 words or
    /// fewer"), so that no caller restates them.
    pub aim: String,
}

/// The limits of a statement for younger readers, in the words of the finding.
fn aim() -> String {
    format!("aim for {MAX_READING_AGE:.0} or under and {MAX_SENTENCE_WORDS} words or fewer")
}

/// How hard `text` is to read: its reading age, its longest sentence, and whether both are within
/// the limits of `statement-hard-to-read` (which this decides).
pub fn readability(text: &str) -> Readability {
    let sentences = sentences(text);
    let longest_sentence = sentences.iter().map(Vec::len).max().unwrap_or(0);
    let age = reading_age_of(&sentences);
    Readability {
        reading_age: (age * 10.0).round() / 10.0,
        longest_sentence,
        within: longest_sentence <= MAX_SENTENCE_WORDS && age <= MAX_READING_AGE,
        aim: aim(),
    }
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
    let r = readability(text);
    (!r.within).then(|| {
        STATEMENT_HARD_TO_READ
            .finding(format!(
                "the young person's statement of {} needs a reading age of about {:.0} and its longest sentence has {} words ({}): \"{text}\"",
                s.id,
                reading_age(text),
                r.longest_sentence,
                r.aim
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

    #[test]
    fn readability_by_hand() {
        // 9 words in 1 sentence; syllables by vowel groups: practitioners 4, will 1, communicate
        // 4 (silent e), information 4, regarding 3, your 1, individualised 6, treatment 2,
        // appropriately 5: 30. 0.39 x 9 + 11.8 x 30 / 9 - 15.59 = 3.51 + 39.3333 - 15.59 =
        // 27.2533; + 5 = 32.2533, 32.3 to one decimal: over 10.
        let hard = readability("Practitioners will communicate information regarding your individualised treatment appropriately.");
        assert_eq!(
            hard,
            Readability {
                reading_age: 32.3,
                longest_sentence: 9,
                within: false,
                aim: "aim for 10 or under and 15 words or fewer".into(),
            }
        );
        // "We will tell you about your care." 7 words, 8 syllables (about 2, care 1 with its
        // silent e); "We will be kind." 4 words, 4 syllables: 11 words, 12 syllables, 2 sentences.
        // 0.39 x 5.5 + 11.8 x 12 / 11 - 15.59 = 2.145 + 12.8727 - 15.59 = -0.5723; + 5 = 4.4277.
        let plain = readability("We will tell you about your care. We will be kind.");
        assert_eq!(
            (plain.reading_age, plain.longest_sentence, plain.within),
            (4.4, 7, true)
        );
        // Plain words, but one sentence of 16 words: over the 15.
        let long =
            readability("We will see you and we will talk and we will help you and your mum.");
        assert_eq!((long.longest_sentence, long.within), (16, false));
        assert_eq!(readability("").reading_age, 0.0);
        assert!(readability("  ").within);
        // A time, a web address and a semicolon end no sentence: one sentence of 10 words
        // ("3.30pm" and "nhs.uk" a word each), where splitting at every full stop and semicolon
        // made four ("We meet at 3", "30pm", "bring a friend or see nhs", "uk") of at most 5.
        let one = readability("We meet at 3.30pm; bring a friend or see nhs.uk.");
        assert_eq!(one.longest_sentence, 10);
    }

    #[test]
    fn the_check_judges_by_readability() {
        // The finding and the editor's live line agree: a statement is hard to read exactly when
        // its readability is not within the limits.
        for text in [
            "We will see you within 4 weeks.",
            "Practitioners will communicate information regarding your individualised treatment appropriately.",
            "We will see you and we will talk and we will help you and your mum.",
        ] {
            let standard = super::super::Standard {
                id: "S1".into(),
                theme: "access".into(),
                statement: "A statement.".into(),
                young_person_statement: Some(text.into()),
                measures: Vec::new(),
            };
            assert_eq!(hard_to_read(&standard).is_some(), !readability(text).within, "{text}");
        }
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
