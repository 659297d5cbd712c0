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

/// Where the pass is in the record list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
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
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    // The last string closed at depth 1, which a colon makes a key.
    let mut last_string: (usize, usize) = (0, 0);
    let mut key_is_records = false;
    let mut list = List::Outside;
    let mut list_span: Option<(usize, usize)> = None;
    let mut records = Vec::new();
    while at < bytes.len() {
        let b = bytes[at];
        match list {
            List::Open { .. } | List::AfterComma if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') => {
                match (b, list) {
                    (
                        b'{',
                        List::Open {
                            after_record: false,
                        }
                        | List::AfterComma,
                    ) => {
                        list = List::InRecord(at);
                    }
                    (b',', List::Open { after_record: true }) => list = List::AfterComma,
                    (b']', List::Open { .. }) => {}
                    _ => return None,
                }
            }
            _ => {}
        }
        match b {
            b'"' => {
                let start = at;
                at = string_end(bytes, at + 1)?;
                if depth == 1 {
                    last_string = (start + 1, at);
                }
            }
            b':' if depth == 1 => {
                key_is_records = &bytes[last_string.0..last_string.1] == RECORDS_KEY;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return None;
                }
                if b == b'[' && depth == 2 && key_is_records {
                    if list_span.is_some() {
                        // Named twice: serde says so, on the careful path.
                        return None;
                    }
                    list_span = Some((at, at));
                    list = List::Open {
                        after_record: false,
                    };
                }
                key_is_records = false;
            }
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                match list {
                    List::InRecord(start) if depth == 2 => {
                        records.push(text.get(start..=at)?);
                        list = List::Open { after_record: true };
                    }
                    List::Open { .. } if depth == 1 => {
                        list_span = list_span.map(|(start, _)| (start, at + 1));
                        list = List::Outside;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        at += 1;
    }
    let (start, end) = list_span.filter(|_| list == List::Outside)?;
    let mut head = String::with_capacity(start + 2 + (text.len() - end));
    head.push_str(text.get(..start)?);
    head.push_str("[]");
    head.push_str(text.get(end..)?);
    Some(Split { head, records })
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
