//! Contact details out of quotes: e-mail addresses, UK phone numbers and UK postcodes become
//! `[removed]`. Small hand-written matchers rather than a regular expression engine, which would
//! add much to the WebAssembly for three patterns. They err towards removing: a reference number
//! shaped like a phone number goes too. Names cannot be told from other words: analysts leave
//! them out of the answers they mark `quote`.

/// What replaces a contact detail.
pub const REMOVED: &str = "[removed]";

/// The text with e-mail addresses, UK phone numbers (`01634 123456`, `07700 900123`,
/// `+44 (0)1634 123456`) and UK postcodes (`ME4 4AB`, `me44ab`) replaced by `[removed]`.
///
/// ```
/// use engagekit::survey::redact;
/// assert_eq!(
///     redact("Write to jo.bloggs@example.org or ring 01634 123456 (ME4 4AB)."),
///     "Write to [removed] or ring [removed] ([removed])."
/// );
/// ```
pub fn redact(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || chars.get(i - 1).is_none_or(|c| !c.is_alphanumeric());
        let found = if starts_word {
            email(&chars, i)
                .or_else(|| phone(&chars, i))
                .or_else(|| postcode(&chars, i))
        } else {
            None
        };
        match found {
            Some(end) if end > i => {
                out.push_str(REMOVED);
                i = end;
            }
            _ => {
                if let Some(&c) = chars.get(i) {
                    out.push(c);
                }
                i += 1;
            }
        }
    }
    out
}

fn is_local(c: char) -> bool {
    c.is_alphanumeric() || "._%+-'".contains(c)
}

fn is_domain(c: char) -> bool {
    c.is_alphanumeric() || c == '.' || c == '-'
}

/// An e-mail address starting at `i`: the end.
fn email(chars: &[char], i: usize) -> Option<usize> {
    let at = (i..chars.len()).find(|&k| chars.get(k).is_none_or(|&c| !is_local(c)))?;
    if at == i || chars.get(at) != Some(&'@') {
        return None;
    }
    let mut end = (at + 1..=chars.len())
        .find(|&k| chars.get(k).is_none_or(|&c| !is_domain(c)))
        .unwrap_or(chars.len());
    // A full stop or hyphen after the address ends the sentence, not the domain.
    while end > at + 1 && chars.get(end - 1).is_some_and(|&c| c == '.' || c == '-') {
        end -= 1;
    }
    let domain: String = chars.get(at + 1..end)?.iter().collect();
    let (name, top) = domain.rsplit_once('.')?;
    (!name.is_empty() && top.chars().count() >= 2 && top.chars().all(char::is_alphabetic))
        .then_some(end)
}

/// A UK phone number starting at `i`: `0` and 10 or 11 digits in all, or `+44` and 11 to 13
/// (with a `(0)`), spaces, hyphens and brackets between: the end, after its last digit.
fn phone(chars: &[char], i: usize) -> Option<usize> {
    let first = *chars.get(i)?;
    let lead = chars
        .get(i..)?
        .iter()
        .find(|c| !matches!(c, '(' | ' '))
        .copied()?;
    if !(first == '+' || first == '0' || first == '(') || !(lead == '+' || lead == '0') {
        return None;
    }
    let international = lead == '+';
    let (low, high) = if international { (11, 13) } else { (10, 11) };
    let mut digits = 0;
    let mut best = None;
    let mut k = i;
    while let Some(&c) = chars.get(k) {
        match c {
            '0'..='9' => {
                digits += 1;
                if digits > high {
                    break;
                }
                if international && digits <= 2 && c != '4' {
                    return None;
                }
                let next_digit = chars.get(k + 1).is_some_and(char::is_ascii_digit);
                if digits >= low && !next_digit {
                    best = Some(k + 1);
                }
            }
            '+' if k == i => {}
            ' ' | '-' | '(' | ')' => {}
            _ => break,
        }
        k += 1;
    }
    let end = best?;
    // Not the start of a longer number or word.
    let after = chars.get(end).copied();
    after
        .is_none_or(|c| !c.is_alphanumeric())
        .then_some(end)
        // A closing bracket that opened in the number belongs to it.
        .map(|end| {
            let opened = chars.get(i..end).is_some_and(|s| s.contains(&'('))
                && !chars.get(i..end).is_some_and(|s| s.contains(&')'));
            if opened && after == Some(')') {
                end + 1
            } else {
                end
            }
        })
}

/// A UK postcode starting at `i` (`A9 9AA`, `A99 9AA`, `AA9 9AA`, `AA99 9AA`, `A9A 9AA`,
/// `AA9A 9AA`, any case, the space optional): the end.
fn postcode(chars: &[char], i: usize) -> Option<usize> {
    let letter = |k: usize| chars.get(k).is_some_and(char::is_ascii_alphabetic);
    let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    if !letter(i) {
        return None;
    }
    let area_end = if letter(i + 1) { i + 2 } else { i + 1 };
    if !digit(area_end) {
        return None;
    }
    // The outward code: the district's digit, then perhaps a digit or a letter.
    let outward_ends = [area_end + 1, area_end + 2];
    for (n, &outward) in outward_ends.iter().enumerate() {
        if n == 1 && !(digit(area_end + 1) || letter(area_end + 1)) {
            continue;
        }
        for gap in [1, 0] {
            let inward = outward + gap;
            if gap == 1 && chars.get(outward) != Some(&' ') {
                continue;
            }
            let fits = digit(inward) && letter(inward + 1) && letter(inward + 2);
            let ends = chars.get(inward + 3).is_none_or(|c| !c.is_alphanumeric());
            if fits && ends {
                return Some(inward + 3);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn contact_details_go_and_words_stay() {
        for (text, want) in [
            ("mail me: a.b-c@nhs.net.", "mail me: [removed]."),
            ("ring 07700 900123 today", "ring [removed] today"),
            ("ring 07700900123", "ring [removed]"),
            ("call +44 (0)1634 123456!", "call [removed]!"),
            ("call (01634) 123456", "call [removed]"),
            ("I live at ME4 4AB now", "I live at [removed] now"),
            ("postcode me44ab", "postcode [removed]"),
            ("SW1A 1AA and W1A 0AX", "[removed] and [removed]"),
            ("CT9 4AN.", "[removed]."),
            // Not contact details: years, times, short numbers, an outward code alone.
            (
                "in 2016 at 10:30, 3 of 12, in ME4",
                "in 2016 at 10:30, 3 of 12, in ME4",
            ),
            ("not an address: bob@home", "not an address: bob@home"),
            ("0123", "0123"),
        ] {
            assert_eq!(redact(text), want, "{text}");
        }
    }
}
