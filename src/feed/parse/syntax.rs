//! JSON syntax errors told so that the person who edits the feed by hand can fix them: inside a
//! recommendation the message names its id; a missing comma is placed at the end of the value
//! before it (where the comma belongs); a trailing comma is placed on the comma; curly quotes
//! (“ ” ‘ ’), which word processors put in, are named as such; and each message comes with the
//! line of the file and a caret under the place.

use unicode_width::UnicodeWidthChar;

use crate::model::error::{Place, Problem};
use crate::text::sanitize;

/// Typographic quotes that are not JSON quotes.
const CURLY: [char; 4] = ['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'];

/// The problem for a syntax error that serde reported at `line`, `column` (serde counts the
/// column in bytes, and points one byte past the offending one), on the path `path` (such as
/// `recommendations[12].?`).
pub fn problem(text: &str, path: &str, message: &str, line: usize, column: usize) -> Problem {
    let at = offset(text, line, column.saturating_sub(1));
    let (place_at, what) = if let Some(curly) = curly_near(text, at) {
        (
            curly,
            "curly quotes (“ ” ‘ ’) are not JSON quotes: use straight quotes (\") instead, as a \
             plain-text editor types them"
                .to_owned(),
        )
    } else if message.starts_with("trailing comma") {
        let comma = previous_non_blank(text, at).unwrap_or(at);
        (
            comma,
            "there is a comma after the last item of a list or object: remove this comma"
                .to_owned(),
        )
    } else if message.starts_with("expected `,`") {
        // The comma belongs right after the value before the unexpected text.
        let end = previous_non_blank(text, at).map_or(at, |i| i + char_len(text, i));
        (
            end,
            "a comma is missing at the end of this value, before the next item".to_owned(),
        )
    } else if message.starts_with("key must be a string") && text[at..].starts_with(',') {
        (at, "there are two commas in a row: remove one".to_owned())
    } else if message.starts_with("key must be a string") {
        (
            at,
            "a field name must be in straight double quotes, such as \"id\"".to_owned(),
        )
    } else {
        (at, message.to_owned())
    };
    let (line, column) = line_column(text, place_at);
    let message = match within_record(text, path) {
        Some(record) => format!("{record}: {what}"),
        None => what,
    };
    Problem::new(Place::Position { line, column }, message)
        .with_excerpt(Some(excerpt(text, place_at)))
}

/// The excerpt for a serde position (see [`problem`] for how serde counts).
pub fn excerpt_at(text: &str, line: usize, column: usize) -> String {
    excerpt(text, offset(text, line, column.saturating_sub(1)))
}

/// The byte offset of a serde position: `column` bytes into line `line` (both from 1), kept
/// inside the text and on a character boundary.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start = text
        .match_indices('\n')
        .nth(line.saturating_sub(2))
        .map_or(0, |(i, _)| i + 1);
    let start = if line <= 1 { 0 } else { start };
    let mut at = (start + column).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Line and column (from 1, the column in characters) of byte `at`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = 1 + before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn char_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(1, char::len_utf8)
}

/// The last byte before `at` that is not white space.
fn previous_non_blank(text: &str, at: usize) -> Option<usize> {
    text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| i)
}

/// A curly quote used where JSON wants a quote: at the error, or on its line or the line before
/// in the place of a quote (after `:`, `[`, `{` or `,`, or before `,`, `:`, `}`, `]` or the end of
/// the line). A curly quote inside the words of a string is no mistake and is not taken.
fn curly_near(text: &str, at: usize) -> Option<usize> {
    if text[at..].starts_with(CURLY) {
        return Some(at);
    }
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let from = text[..line_start.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let window = &text[from..line_end];
    window
        .char_indices()
        .filter(|(_, c)| CURLY.contains(c))
        .find(|&(i, c)| {
            let before = window[..i].trim_end_matches([' ', '\t']);
            let after = window[i + c.len_utf8()..].trim_start_matches([' ', '\t']);
            before.is_empty()
                || before.ends_with([':', '[', '{', ',', '\n'])
                || after.is_empty()
                || after.starts_with([',', ':', '}', ']', '\n', '\r'])
        })
        .map(|(i, _)| from + i)
}

/// `record LP-09` (or `record LP-09, evidence[0]`) when the path is inside a recommendation:
/// the id read from the text, or the record's number when it has none yet.
pub fn within_record(text: &str, path: &str) -> Option<String> {
    let rest = path.strip_prefix("recommendations[")?;
    let (index, rest) = rest.split_once(']')?;
    let index: usize = index.parse().ok()?;
    let field = rest.trim_start_matches('.').trim_end_matches('?');
    let field = field.trim_end_matches('.');
    let name = match record_id(text, index) {
        Some(id) => format!("record {id}"),
        None => format!("record number {}", index + 1),
    };
    Some(if field.is_empty() {
        name
    } else {
        format!("{name}, field \"{field}\"")
    })
}

/// The `id` of record `index` of the `recommendations` list, read from text that need not be
/// valid JSON: only strings and brackets are followed.
fn record_id(text: &str, index: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let (mut depth, mut at) = (0usize, 0usize);
    let mut last_key: Option<&str> = None;
    let mut in_list = false;
    let mut record: Option<usize> = None;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                let end = string_end(bytes, at + 1)?;
                let value = &text[at + 1..end];
                let next = text[end + 1..].trim_start();
                if next.starts_with(':') {
                    last_key = Some(value);
                } else if record == Some(index) && depth == 3 && last_key == Some("id") {
                    return Some(sanitize::line(value, sanitize::caps::ID));
                }
                at = end;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth == 2 && bytes[at] == b'[' && last_key == Some("recommendations") {
                    in_list = true;
                } else if depth == 3 && in_list {
                    // Every element counts, an array written where a record belongs too; and a
                    // key of the record before is no key of this one.
                    record = Some(record.map_or(0, |n| n + 1));
                    last_key = None;
                }
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth < 2 {
                    in_list = false;
                }
                if depth < 3 && record == Some(index) {
                    return None;
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The index of the quote that ends the string whose text starts at `at`.
fn string_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return Some(at),
            _ => at += 1,
        }
    }
    None
}

/// The line holding byte `at`, numbered, with a caret under it: what an editor would show.
fn excerpt(text: &str, at: usize) -> String {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line_number = 1 + text[..start].matches('\n').count();
    // Long lines (a minified feed) are shown around the place only.
    let mut from = start;
    let mut skipped = false;
    while text[from..at].chars().count() > 60 {
        from += char_len(text, from);
        skipped = true;
    }
    let mut shown = String::new();
    let mut caret = 0;
    if skipped {
        shown.push('…');
        caret += 1;
    }
    for (i, c) in text[from..end].char_indices() {
        if shown.chars().count() >= 120 {
            shown.push('…');
            break;
        }
        // Every character keeps its place, so the caret stays under the right one; anything a
        // terminal could act on is shown as a visible stand-in.
        let c = match c {
            '\t' | '\r' | '\u{2028}' | '\u{2029}' => ' ',
            c if sanitize::is_forbidden(c) => '?',
            c => c,
        };
        if from + i < at {
            caret += c.width().unwrap_or(0);
        }
        shown.push(c);
    }
    let number = line_number.to_string();
    format!(
        "  {number} | {shown}\n  {} | {}^",
        " ".repeat(number.len()),
        " ".repeat(caret)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_excerpt_puts_the_caret_under_the_place() {
        let text = "{\n  \"a\": \u{201C}x\u{201D}\n}";
        let at = text.find('\u{201C}').unwrap();
        assert_eq!(excerpt(text, at), "  2 |   \"a\": “x”\n    |        ^");
    }

    #[test]
    fn a_record_written_as_an_array_is_counted_and_has_no_id() {
        let text = r#"{"recommendations": [{"id": "A"}, ["B", "x"], {"id": "C"}]}"#;
        assert_eq!(record_id(text, 1), None);
        assert_eq!(record_id(text, 2).as_deref(), Some("C"));
        assert_eq!(
            within_record(text, "recommendations[1]").as_deref(),
            Some("record number 2")
        );
    }

    #[test]
    fn the_record_id_is_read_from_broken_text() {
        let text =
            r#"{"recommendations": [{"id": "LP-01"}, {"status": "x", "id": "CSO-02" "due": 1}]}"#;
        assert_eq!(record_id(text, 0).as_deref(), Some("LP-01"));
        assert_eq!(record_id(text, 1).as_deref(), Some("CSO-02"));
        assert_eq!(record_id(text, 2), None);
        assert_eq!(
            within_record(text, "recommendations[1].?").as_deref(),
            Some("record CSO-02")
        );
        assert_eq!(
            within_record(text, "recommendations[1].evidence[0].?").as_deref(),
            Some("record CSO-02, field \"evidence[0]\"")
        );
        assert_eq!(within_record(text, "title"), None);
    }

    #[test]
    fn a_curly_quote_inside_words_is_no_mistake() {
        let text = "{\"a\": \"say \u{201C}hi\u{201D} now\"\n\"b\": 1}";
        let at = text.find("\"b\"").unwrap();
        assert_eq!(curly_near(text, at), None);
    }
}
