//! One quick pass over a feed's text that finds where each record is and checks the nesting
//! depth, so that the records can be read on several cores without a full reading first.
//!
//! ```text
//! { "title": ..., "recommendations": [ {record}, {record}, ... ], "audiences": ... }
//! |------------- head -------------|  |-- records, each a slice --|  |---- head ----|
//! ```
//!
//! The pass only follows strings and brackets; it does not check the JSON. Every byte is checked
//! later all the same: the head (the text with the record list emptied) and each record are read
//! by serde, and the pass itself allows nothing but blanks and commas between records. Anything it
//! does not expect (a record that is not an object, the list named twice, a name written with
//! escapes) gives `None`, and the careful path decides.

use super::depth::MAX_DEPTH;

/// The key of the record list, as it must appear in the text.
const RECORDS_KEY: &[u8] = b"recommendations";

/// A feed's text taken apart.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'t> {
    /// The text with `[]` in place of the record list.
    pub head: String,
    /// The text of each record, in order.
    pub records: Vec<&'t str>,
}

/// The bytes a step of the pass acts on inside a record or outside the record list; every other
/// byte there is passed over.
const STRUCTURAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = *b"\":[]{}";
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Where the pass is in the record list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Not in it (before or after it).
    Outside,
    /// Right after `[` or after a record: a record, `,` or `]` may come (`,` only after one).
    Open { after_record: bool },
    /// After a comma: only a record may come.
    AfterComma,
    /// Inside the record that starts at this byte.
    InRecord(usize),
}

/// Takes `text` apart, or `None` when it is not what a valid feed looks like.
pub fn split(text: &str) -> Option<Split<'_>> {
    let mut pass = Pass::new();
    match pass.run(text.as_bytes(), 0, 0)? {
        // A string that never ends.
        Stop::InString(_) => None,
        Stop::End => pass.finish(text),
    }
}

/// Where a run of the pass over some bytes stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// At the end of the bytes.
    End,
    /// At the opening quote, at this offset of the text, of a string that goes on past the end
    /// of the bytes: the next run starts there, with more of the text.
    InString(usize),
}

/// What the pass knows at a byte: the steps below are its state machine, one per kind of byte,
/// each small enough to be inlined into the loop of [`Pass::run`]. Offsets are from the start of
/// the whole text, which may come in pieces ([`super::stream`]).
#[derive(Debug)]
pub struct Pass {
    /// How deep in brackets the byte is.
    depth: usize,
    /// The last string closed at depth 1 reads as the record list's key; a colon after it makes
    /// it that key.
    last_is_records_key: bool,
    /// The last key was the record list's, and no bracket has come since.
    key_is_records: bool,
    /// Where the pass is in the record list.
    pub list: List,
    /// Where the record list starts and (once closed) ends, brackets included.
    pub list_span: Option<(usize, usize)>,
    /// Where each record found so far starts and ends (the end excluded).
    pub records: Vec<(usize, usize)>,
}

impl Pass {
    /// Before the first byte.
    pub fn new() -> Self {
        Pass {
            depth: 0,
            last_is_records_key: false,
            key_is_records: false,
            list: List::Outside,
            list_span: None,
            records: Vec::new(),
        }
    }

    /// Runs the pass over `bytes`, which are the text from offset `base` on, starting at offset
    /// `from`; `None` when the text is not what a valid feed looks like.
    pub fn run(&mut self, bytes: &[u8], base: usize, from: usize) -> Option<Stop> {
        let mut at = from.checked_sub(base)?;
        while at < bytes.len() {
            if self.passes_plain_bytes() {
                // Blanks, commas, numbers and words change nothing here: skipping them in a
                // tight loop, not one by one through the steps below, spares a third of the
                // pass on an indented feed.
                match bytes[at..].iter().position(|&b| STRUCTURAL[usize::from(b)]) {
                    Some(skipped) => at += skipped,
                    None => break,
                }
            }
            let b = bytes[at];
            self.between_records(b, base + at)?;
            match b {
                b'"' => {
                    let Some(end) = string_end(bytes, at + 1) else {
                        return Some(Stop::InString(base + at));
                    };
                    self.string(bytes, at, end);
                    at = end;
                }
                b':' if self.depth == 1 => self.colon(),
                b'[' | b'{' => self.open(b, base + at)?,
                b']' | b'}' => self.close(base + at)?,
                _ => {}
            }
            at += 1;
        }
        Some(Stop::End)
    }

    /// True where only [`STRUCTURAL`] bytes matter: inside a record or outside the list. Between
    /// records every byte is looked at, as only blanks and commas may come there.
    #[inline]
    fn passes_plain_bytes(&self) -> bool {
        matches!(self.list, List::Outside | List::InRecord(_))
    }

    /// A string from the quote at `start` to the one at `end` of `bytes`: at depth 1, perhaps
    /// a key.
    #[inline]
    fn string(&mut self, bytes: &[u8], start: usize, end: usize) {
        if self.depth == 1 {
            self.last_is_records_key = &bytes[start + 1..end] == RECORDS_KEY;
        }
    }

    /// A colon at depth 1: the string before it is a key.
    #[inline]
    fn colon(&mut self) {
        self.key_is_records = self.last_is_records_key;
    }

    /// An opening bracket `b` at `at`: one level deeper, and the record list's start if it is
    /// the list after the records key.
    #[inline]
    fn open(&mut self, b: u8, at: usize) -> Option<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        if b == b'[' && self.depth == 2 && self.key_is_records {
            if self.list_span.is_some() {
                // Named twice: serde says so, on the careful path.
                return None;
            }
            self.list_span = Some((at, at));
            self.list = List::Open {
                after_record: false,
            };
        }
        self.key_is_records = false;
        Some(())
    }

    /// A closing bracket at `at`: one level up, and the end of a record or of the list.
    #[inline]
    fn close(&mut self, at: usize) -> Option<()> {
        self.depth = self.depth.checked_sub(1)?;
        match self.list {
            List::InRecord(start) if self.depth == 2 => {
                self.records.push((start, at + 1));
                self.list = List::Open { after_record: true };
            }
            List::Open { .. } if self.depth == 1 => {
                self.list_span = self.list_span.map(|(start, _)| (start, at + 1));
                self.list = List::Outside;
            }
            _ => {}
        }
        Some(())
    }

    /// The text with the record list emptied, and the records; `None` if no list was closed.
    fn finish(self, text: &str) -> Option<Split<'_>> {
        let (start, end) = self.list_span.filter(|_| self.list == List::Outside)?;
        let mut head = String::with_capacity(start + 2 + (text.len() - end));
        head.push_str(text.get(..start)?);
        head.push_str("[]");
        head.push_str(text.get(end..)?);
        let records = self
            .records
            .iter()
            .map(|&(start, end)| text.get(start..end))
            .collect::<Option<_>>()?;
        Some(Split { head, records })
    }

    /// Any byte `b` at `at`, checked before its own step: between records, only blanks, a record
    /// (which starts here), a comma after a record, or the list's end may come.
    #[inline]
    fn between_records(&mut self, b: u8, at: usize) -> Option<()> {
        match self.list {
            List::Open { .. } | List::AfterComma if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') => {
                match (b, self.list) {
                    (
                        b'{',
                        List::Open {
                            after_record: false,
                        }
                        | List::AfterComma,
                    ) => {
                        self.list = List::InRecord(at);
                    }
                    (b',', List::Open { after_record: true }) => self.list = List::AfterComma,
                    (b']', List::Open { .. }) => {}
                    _ => return None,
                }
            }
            _ => {}
        }
        Some(())
    }
}

/// The place of the quote that ends the string whose text starts at `from`.
fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let found = from + memchr::memchr2(b'"', b'\\', bytes.get(from..)?)?;
        if bytes[found] == b'"' {
            return Some(found);
        }
        // A backslash escapes the byte after it, whatever it is.
        from = found + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_records_and_the_head_are_found() {
        let text = r#"{"title": "a [list] {of} \"things\"", "recommendations" : [ {"id": "A", "x": [1, {"y": "]"}]} ,
            {"id": "B"}], "audiences": [{"id": "z"}]}"#;
        let split = split(text).expect("splits");
        assert_eq!(
            split.records,
            vec![r#"{"id": "A", "x": [1, {"y": "]"}]}"#, r#"{"id": "B"}"#]
        );
        assert_eq!(
            split.head,
            r#"{"title": "a [list] {of} \"things\"", "recommendations" : [], "audiences": [{"id": "z"}]}"#
        );
    }

    #[test]
    fn an_empty_list_has_no_records() {
        let split = split(r#"{"recommendations": [ ]}"#).expect("splits");
        assert!(split.records.is_empty());
        assert_eq!(split.head, r#"{"recommendations": []}"#);
    }

    #[test]
    fn anything_unexpected_is_left_to_the_careful_path() {
        for text in [
            r#"{"recommendations": [{"id": "A"},]}"#,
            r#"{"recommendations": [,{"id": "A"}]}"#,
            r#"{"recommendations": [{"id": "A"} {"id": "B"}]}"#,
            r#"{"recommendations": [{"id": "A"}, 7]}"#,
            r#"{"recommendations": [{"id": "A"}, x]}"#,
            r#"{"recommendations": [], "recommendations": []}"#,
            r#"{"recommend\u0061tions": []}"#,
            r#"{"recommendations": {}}"#,
            r#"{"title": "no list"}"#,
            r#"{"recommendations": [{"id": "A"}"#,
            r#"{"recommendations": [{"id": "A}]}"#,
            r#"]]]"#,
            "",
        ] {
            assert_eq!(split(text), None, "{text}");
        }
    }

    #[test]
    fn a_nested_key_of_the_same_name_is_not_the_list() {
        let text = r#"{"x": {"recommendations": [1]}, "recommendations": [{"id": "A"}]}"#;
        let split = split(text).expect("splits");
        assert_eq!(split.records, vec![r#"{"id": "A"}"#]);
        assert_eq!(
            split.head,
            r#"{"x": {"recommendations": [1]}, "recommendations": []}"#
        );
    }

    #[test]
    fn nesting_past_the_limit_anywhere_is_refused() {
        let deep = |levels: usize| {
            format!(
                r#"{{"recommendations": [{{"id": "A", "x": {}{}}}]}}"#,
                "[".repeat(levels),
                "]".repeat(levels)
            )
        };
        // The record object is at depth 3, so its field may nest MAX_DEPTH - 3 levels more.
        assert!(split(&deep(MAX_DEPTH - 3)).is_some());
        assert_eq!(split(&deep(MAX_DEPTH - 2)), None);
    }
}
