//! Checks of a charter at a reference date: review due, and whether each statement for younger
//! readers is short and plain enough for 7 to 17 year olds.

use super::Charter;
use crate::calendar::Date;
use crate::diagnostic::Diagnostic;

/// The longest sentence, in words, a statement for younger readers should have.
pub const MAX_SENTENCE_WORDS: usize = 15;
/// The highest reading age (Flesch-Kincaid grade + 5) a statement for younger readers should need.
pub const MAX_READING_AGE: f64 = 10.0;

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

/// Findings about a charter at `today`: `charter-review-due` and `statement-hard-to-read`.
pub fn check(charter: &Charter, today: Option<Date>) -> Vec<Diagnostic> {
    let mut out = crate::monitoring::review_due(charter, today);
    for s in &charter.standards {
        let Some(text) = s.young_person_statement.as_deref() else {
            continue;
        };
        let longest = sentences(text).iter().map(Vec::len).max().unwrap_or(0);
        let age = reading_age(text);
        if longest > MAX_SENTENCE_WORDS || age > MAX_READING_AGE {
            out.push(
                Diagnostic::warning(
                    "statement-hard-to-read",
                    format!(
                        "the young person's statement of {} needs a reading age of about {:.0} and its longest sentence has {longest} words (aim for {MAX_READING_AGE:.0} or under and {MAX_SENTENCE_WORDS} words or fewer): \"{text}\"",
                        s.id, age
                    ),
                )
                .standard(&s.id),
            );
        }
    }
    out
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
