//! Sentences of plain text, as people read them: one rule for the report's lint (which quotes a
//! sentence by its offset) and the charter's readability (which counts words per sentence). A leaf.

/// The sentences of `text` with their byte offsets, trimmed, empty ones left out: a sentence ends
/// at `.`, `!` or `?` followed by white space or the end of the text. A full stop inside a word
/// or number ("3.5 miles", "nhs.uk") ends nothing, nor does a semicolon.
pub(crate) fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace) {
            out.push((start, &text[start..=i]));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out.into_iter()
        .map(|(o, s)| (o + (s.len() - s.trim_start().len()), s.trim()))
        .filter(|(_, s)| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sentences;

    #[test]
    fn sentences_end_at_a_stop_before_white_space() {
        let text = "We meet at 3.30pm; bring a friend. See nhs.uk! Why?";
        assert_eq!(
            sentences(text),
            vec![
                (0, "We meet at 3.30pm; bring a friend."),
                (35, "See nhs.uk!"),
                (47, "Why?")
            ]
        );
        assert_eq!(sentences("  \n "), Vec::<(usize, &str)>::new());
        assert_eq!(
            sentences("No stop at the end"),
            vec![(0, "No stop at the end")]
        );
    }
}
