//! The plan as an RFC 5545 calendar a person can import into Outlook or Google Calendar: one
//! all-day event per activity.

use std::fmt::Write;

use super::Timeline;
use crate::error::{Error, Result};

/// Escapes TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character, and ends
/// it with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// A UID part: letters, digits, `-`, `_` and `.` kept, anything else percent-encoded, so that
/// the same ids always give the same UID.
fn uid_part(id: &str) -> String {
    let mut out = String::new();
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn date(d: crate::Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// Writes the calendar. `stamp` is the time of export in UTC as RFC 5545 writes it
/// (`20161128T093000Z`): the adapter reads the clock, not the core.
pub fn to_ics(plan: &Timeline, stamp: &str) -> Result<String> {
    let b = stamp.as_bytes();
    let well_formed = b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit);
    if !well_formed {
        return Err(Error::option(
            "stamp",
            format!("\"{stamp}\" is not a UTC date-time such as 20161128T093000Z"),
        ));
    }
    // Without an id, the plan's title stands in for it in UIDs.
    let plan_id = uid_part(plan.id.as_deref().unwrap_or(&plan.title));
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//engagekit//engagekit//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(line, &mut out);
    }
    fold(&format!("X-WR-CALNAME:{}", escape(&plan.title)), &mut out);
    for a in &plan.activities {
        fold("BEGIN:VEVENT", &mut out);
        fold(
            &format!("UID:{}.{}@engagekit", uid_part(&a.id), plan_id),
            &mut out,
        );
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        fold(&format!("DTSTART;VALUE=DATE:{}", date(a.start)), &mut out);
        // DTEND is exclusive: the day after the last day.
        fold(
            &format!("DTEND;VALUE=DATE:{}", date(a.end.succ())),
            &mut out,
        );
        fold(&format!("SUMMARY:{}", escape(&a.title)), &mut out);
        if let Some(venue) = &a.venue {
            fold(&format!("LOCATION:{}", escape(venue)), &mut out);
        }
        let mut description = format!("{} ({} to {})", a.kind.as_str(), a.start, a.end);
        if let Some(d) = a.comments_by {
            let _ = write!(description, "\nComments by {d}");
        }
        if let Some(d) = a.decision_by {
            let _ = write!(description, "\nDecision by {d}");
        }
        fold(&format!("DESCRIPTION:{}", escape(&description)), &mut out);
        fold(
            &format!("CATEGORIES:{}", a.kind.as_str().to_ascii_uppercase()),
            &mut out,
        );
        fold("TRANSP:TRANSPARENT", &mut out);
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(60));
        fold(&line, &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(uid_part("stroke review/1"), "stroke%20review%2F1");
    }
}
