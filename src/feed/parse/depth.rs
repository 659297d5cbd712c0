//! The nesting depth of a whole feed, checked on the careful path (the quick path checks it in its
//! own pass, `split.rs`).

use super::position;
use crate::model::error::Place;

/// How deep arrays and objects may nest: serde_json's own limit for the fields it reads.
pub const MAX_DEPTH: usize = 128;

/// The place of the first array or object nested deeper than [`MAX_DEPTH`], in text already known
/// to be valid JSON. serde_json skips unknown fields without any depth limit, so without this a
/// feed could hide nesting of any depth in a field we ignore.
///
/// This reads every byte of the feed, so it looks at 8 bytes at a time and only walks the words
/// that hold a quote, a backslash or a bracket: a byte-at-a-time walk of everything took an eighth
/// of the load time of a 170 MB feed.
pub fn too_deep(text: &str) -> Option<Place> {
    let bytes = text.as_bytes();
    let mut scan = DepthScan::default();
    let mut words = bytes.chunks_exact(8);
    let mut base = 0;
    for word in words.by_ref() {
        let eight = u64::from_le_bytes(word.try_into().unwrap_or_default());
        // After a backslash the next byte is escaped whatever it is, so that word is walked too.
        if (scan.escaped || has_special(eight))
            && let Some(k) = word.iter().position(|&b| scan.byte(b))
        {
            return Some(position(bytes, base + k));
        }
        base += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| scan.byte(b))
        .map(|k| position(bytes, base + k))
}

/// `0x01` in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x7F` in every byte.
const LOW_SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// The top bit of every byte of `x` that is zero, and no other bit.
fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW_SEVEN).wrapping_add(LOW_SEVEN)) | x | LOW_SEVEN)
}

/// True when one of the 8 bytes is a quote, a backslash or a bracket (or `|`, which is harmless).
fn has_special(x: u64) -> bool {
    // `[ \ ]` and `{ | }` differ only in bit 5: with it set, three compares cover all six.
    let folded = x | (0x20 * ONES);
    let found = zero_bytes(x ^ (u64::from(b'"') * ONES))
        | zero_bytes(folded ^ (u64::from(b'{') * ONES))
        | zero_bytes(folded ^ (u64::from(b'|') * ONES))
        | zero_bytes(folded ^ (u64::from(b'}') * ONES));
    found != 0
}

/// Where the depth scan is: nesting depth, and whether it is inside a string or right after a
/// backslash in one.
#[derive(Default)]
struct DepthScan {
    depth: usize,
    in_string: bool,
    escaped: bool,
}

impl DepthScan {
    /// Reads one byte; true when it opens one level too many.
    fn byte(&mut self, b: u8) -> bool {
        if self.in_string {
            match b {
                _ if self.escaped => self.escaped = false,
                b'\\' => self.escaped = true,
                b'"' => self.in_string = false,
                _ => {}
            }
            return false;
        }
        match b {
            b'"' => self.in_string = true,
            b'[' | b'{' => {
                self.depth += 1;
                return self.depth > MAX_DEPTH;
            }
            b']' | b'}' => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-at-a-time scan, which the chunked one must agree with.
    fn reference(text: &str) -> Option<Place> {
        let bytes = text.as_bytes();
        let mut scan = DepthScan::default();
        bytes
            .iter()
            .position(|&b| scan.byte(b))
            .map(|i| position(bytes, i))
    }

    /// Random valid JSON with escapes, brackets inside strings and runs of nesting near the limit.
    struct Gen(u64);

    impl Gen {
        fn next(&mut self, below: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % below
        }

        fn string(&mut self, out: &mut String) {
            const PIECES: [&str; 11] = [
                "a",
                "[",
                "]",
                "{",
                "}",
                "\\\"",
                "\\\\",
                " ",
                "é",
                "\\n",
                "plain text, long enough to fill a word",
            ];
            out.push('"');
            for _ in 0..self.next(12) {
                out.push_str(PIECES[self.next(PIECES.len() as u64) as usize]);
            }
            out.push('"');
        }

        fn value(&mut self, out: &mut String, depth: usize) {
            match self.next(if depth > 150 { 2 } else { 6 }) {
                0 => self.string(out),
                1 => out.push_str("12"),
                2 | 3 => {
                    out.push('[');
                    for i in 0..self.next(3) {
                        out.push_str(if i > 0 { ",\n " } else { "" });
                        self.value(out, depth + 1);
                    }
                    out.push(']');
                }
                4 => {
                    out.push('{');
                    for i in 0..self.next(3) {
                        out.push_str(if i > 0 { ", " } else { "" });
                        self.string(out);
                        out.push(':');
                        self.value(out, depth + 1);
                    }
                    out.push('}');
                }
                _ => {
                    // A run of nesting that may pass the limit.
                    let levels = 100 + self.next(40) as usize;
                    out.push_str(&"[".repeat(levels));
                    self.value(out, depth + levels);
                    out.push_str(&"]".repeat(levels));
                }
            }
        }
    }

    #[test]
    fn an_escape_at_the_end_of_a_word_still_escapes_the_next_byte() {
        // The backslash and the closing quote land at every place in an 8-byte word, with words
        // of nothing special between them.
        for pad in 0..8 {
            for filler in 0..24 {
                let text = format!(
                    "{{\"a\": \"{}\\n{}\", \"b\": {}{}}}",
                    "x".repeat(pad),
                    "y".repeat(filler),
                    "[".repeat(MAX_DEPTH + 1),
                    "]".repeat(MAX_DEPTH + 1)
                );
                assert_eq!(too_deep(&text), reference(&text), "{text}");
                assert!(too_deep(&text).is_some(), "{text}");
            }
        }
    }

    #[test]
    fn the_chunked_depth_scan_agrees_with_the_byte_scan() {
        let (mut deep, mut shallow) = (0, 0);
        for seed in 0..3_000 {
            let mut generator = Gen(seed);
            let mut text = " ".repeat(generator.next(64) as usize);
            generator.value(&mut text, 0);
            let expected = reference(&text);
            assert_eq!(too_deep(&text), expected, "seed {seed}: {text}");
            match expected {
                Some(_) => deep += 1,
                None => shallow += 1,
            }
        }
        // Both outcomes are exercised.
        assert!(
            deep > 100 && shallow > 100,
            "{deep} deep, {shallow} shallow"
        );
    }
}
