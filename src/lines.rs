//! Line numbers of CSV records as people count them, whatever the line ends: one rule for every
//! CSV reader (score sheets, survey responses, set-up tables), so that an error names the same line
//! for a file saved by Excel (CRLF) or by another tool (LF). A leaf.

/// The 1-based line of a record from the byte where it starts, counting line feeds as it goes
/// (the records come in order: linear in the text). Not csv's own line count: after a CRLF line
/// end (what Excel writes), csv gives a record the line before its own, as its '\n' is read as
/// the start of the next record; a record starting at a line feed is on the line after it.
pub(crate) struct Lines<'t> {
    text: &'t [u8],
    at: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Lines {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line of the record starting at `byte` (records asked for in order).
    pub(crate) fn at(&mut self, byte: u64) -> u64 {
        let byte = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if byte > self.at {
            let feeds = self
                .text
                .get(self.at..byte)
                .map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count());
            self.line += feeds as u64;
            self.at = byte;
        }
        let on_feed = self.text.get(byte) == Some(&b'\n');
        self.line + u64::from(on_feed)
    }
}
