//! Cleans every string that comes from a feed, once, where it enters the program.
//!
//! A feed is data from elsewhere. A mistake or an attacker upstream must not be able to clear the
//! screen, set the window title, write to the clipboard or reorder text, so nothing that a terminal
//! could act on survives:
//!
//! - escape sequences (CSI, OSC, DCS, APC, PM, SOS, in 7-bit and 8-bit forms) are removed whole, by a
//!   real terminal parser ([`vte`]) rather than by pattern matching;
//! - the remaining C0, DEL and C1 controls are removed; a tab becomes a space; CR, LF and NEL
//!   (U+0085) become a space in one-line fields and a line break in long text;
//! - every Unicode `Default_Ignorable_Code_Point` is removed, from a table generated from the
//!   Unicode data (`sanitize/tables.rs`): bidi controls, zero-width and invisible characters,
//!   Hangul fillers, variation selectors, tag characters and the rest; so are the interlinear
//!   annotation characters U+FFF9-U+FFFB. One exception, so that emoji stay whole: a zero width
//!   joiner (U+200D) between two pictographs and an emoji presentation selector (U+FE0F) after a
//!   pictograph or a keycap base are kept;
//! - each field is capped to a number of characters (see [`caps`]), with an ellipsis.
//!
//! Sanitising is idempotent: cleaning clean text changes nothing.

use std::borrow::Cow;

use vte::{Parser, Perform};

mod tables;

/// The most characters kept in each kind of field; longer values end with `…`.
pub mod caps {
    /// Recommendation and evidence ids, audience ids, theme ids.
    pub const ID: usize = 64;
    /// Titles: the feed's, a recommendation's, an audience's, an evidence item's.
    pub const TITLE: usize = 200;
    /// The full text of a recommendation.
    pub const TEXT: usize = 8_000;
    /// Status notes, history notes and notes.
    pub const NOTE: usize = 4_000;
    /// One owner, one theme name, the publisher.
    pub const OWNER: usize = 200;
    /// An evidence URL.
    pub const URL: usize = 2_048;
    /// An unrecognised status value, kept only to be shown.
    pub const STATUS: usize = 40;
}

/// The most entries kept in each list of a record; the rest are left out, with a warning that
/// `rapporteur check` prints. A record is read by a person: lists longer than these are a
/// mistake or an attack, and without a cap one record could hold the whole body limit.
pub mod counts {
    /// Owners of one recommendation.
    pub const OWNERS: usize = 50;
    /// Themes of one recommendation.
    pub const THEMES: usize = 50;
    /// Evidence items of one recommendation.
    pub const EVIDENCE: usize = 200;
    /// History entries of one recommendation (the latest are kept).
    pub const HISTORY: usize = 500;
    /// Notes of one recommendation.
    pub const NOTES: usize = 500;
}

/// Cleans a one-line field: line breaks and tabs become spaces, ends are trimmed.
pub fn line(input: &str, cap: usize) -> String {
    let cleaned = clean(input, false);
    let trimmed = cleaned.trim();
    truncate(trimmed, cap)
}

/// Cleans a long text field: line breaks are kept (CR LF and CR become LF), tabs become spaces.
pub fn text(input: &str, cap: usize) -> String {
    let cleaned = clean(input, true);
    let trimmed = cleaned.trim_matches(|c: char| c == ' ' || c == '\n');
    truncate(trimmed, cap)
}

/// The zero width joiner, kept only inside an emoji sequence (see [`is_forbidden`]).
pub const ZWJ: char = '\u{200D}';
/// The emoji presentation selector (variation selector 16), kept only after an emoji.
pub const VS16: char = '\u{FE0F}';

/// True for a character that must never reach the terminal from a feed.
///
/// Line feed is not in this set: long text keeps it, and the renderer splits lines on it. Nor are
/// [`ZWJ`] and [`VS16`]: they are removed everywhere except inside an emoji sequence, which
/// [`is_emoji_glue`] tells apart.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi_control(c) || is_invisible(c)
}

/// True for the two default-ignorable characters an emoji sequence may need: [`ZWJ`] between two
/// pictographs (`👩‍💻`), [`VS16`] after a pictograph or a keycap base (`❤️`, `1️⃣`). Anywhere
/// else the sanitiser removes them.
pub fn is_emoji_glue(c: char) -> bool {
    c == ZWJ || c == VS16
}

/// True for an `Extended_Pictographic` character: what emoji sequences are built from.
pub fn is_pictographic(c: char) -> bool {
    in_table(tables::EXTENDED_PICTOGRAPHIC, c)
}

/// True for a `Default_Ignorable_Code_Point`: a character a renderer shows as nothing.
pub fn is_default_ignorable(c: char) -> bool {
    in_table(tables::DEFAULT_IGNORABLE_CODE_POINT, c)
}

fn in_table(table: &[(char, char)], c: char) -> bool {
    table
        .binary_search_by(|&(low, high)| {
            if high < c {
                std::cmp::Ordering::Less
            } else if low > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Every default-ignorable character but the emoji glue, and the interlinear annotation
/// characters U+FFF9-U+FFFB, which are not default-ignorable but hide text all the same.
fn is_invisible(c: char) -> bool {
    (is_default_ignorable(c) && !is_emoji_glue(c)) || matches!(c, '\u{FFF9}'..='\u{FFFB}')
}

/// Cleans a message for the terminal (an error, a report): like long text, but neither trimmed
/// nor capped, so that its layout stays as written. For anything that quotes a path, a URL, a
/// config value or a flag.
pub fn message(input: &str) -> String {
    clean(input, true).into_owned()
}

/// Runs the text through a terminal parser, keeping only what a terminal would print.
///
/// Plain text comes back borrowed: a large feed is almost all plain text, and copying each
/// string here only to copy it again when it is cut to its cap doubled the cost of loading.
fn clean(input: &str, keep_newlines: bool) -> Cow<'_, str> {
    // Fast path: most feed text is plain and needs no parser at all.
    if is_plain(input) {
        return Cow::Borrowed(input);
    }
    let mut sink = Sink {
        out: String::with_capacity(input.len()),
        keep_newlines,
        last_cr: false,
        last: None,
        joiner_pending: false,
    };
    let mut parser = Parser::new();
    let mut buf = [0u8; 4];
    for c in input.chars() {
        let code = c as u32;
        if c == '\u{85}' {
            // NEL, "next line", is a line break: removed, it would glue two words together.
            sink.last_cr = false;
            sink.push_break();
        } else if (0x80..=0x9F).contains(&code) {
            // An 8-bit control is the 7-bit ESC form in one character: CSI is ESC [, OSC is ESC ]...
            // Feeding the parser the 7-bit form makes it remove the whole sequence that follows.
            parser.advance(&mut sink, &[0x1B, (code - 0x40) as u8]);
        } else {
            parser.advance(&mut sink, c.encode_utf8(&mut buf).as_bytes());
        }
    }
    Cow::Owned(sink.out)
}

/// True when the parser would return the text unchanged: nothing forbidden, and no line break of
/// any kind (those become a space or a line feed).
fn is_plain(input: &str) -> bool {
    // Printable ASCII (0x20..=0x7E) is the common case, checked a byte at a time without an early
    // exit inside each chunk, so the compiler can vectorise it: a 100,000-record feed is about
    // 150 MB of such text, and going through `chars()` for it took a tenth of the load time.
    let printable_ascii = input.as_bytes().chunks(64).all(|chunk| {
        chunk
            .iter()
            .fold(true, |ok, &b| ok & (b.wrapping_sub(0x20) < 0x5F))
    });
    printable_ascii
        || !input.chars().any(|c| {
            is_forbidden(c) || is_emoji_glue(c) || c == '\n' || c == '\u{2028}' || c == '\u{2029}'
        })
}

/// Collects what the parser prints, and the few controls we turn into spacing.
struct Sink {
    out: String,
    keep_newlines: bool,
    last_cr: bool,
    /// The last character kept, while it may carry emoji glue; `None` after anything else.
    last: Option<char>,
    /// A [`ZWJ`] after an emoji, written only if a pictograph follows.
    joiner_pending: bool,
}

impl Sink {
    fn push_break(&mut self) {
        self.push_plain(if self.keep_newlines { '\n' } else { ' ' });
    }

    /// Writes a character that ends any emoji sequence.
    fn push_plain(&mut self, c: char) {
        self.last = None;
        self.joiner_pending = false;
        self.out.push(c);
    }

    /// Decides on a [`ZWJ`] or [`VS16`]: kept only where an emoji sequence needs it. The choice
    /// rests on the last character kept, so cleaning clean text keeps the same ones.
    fn glue(&mut self, c: char) {
        let after = self.last.filter(|_| !self.joiner_pending);
        match (c, after) {
            (ZWJ, Some(last)) if last != ZWJ && is_emoji_part(last) => self.joiner_pending = true,
            (VS16, Some(last))
                if is_pictographic(last) || matches!(last, '0'..='9' | '#' | '*') =>
            {
                self.out.push(VS16);
                self.last = Some(VS16);
            }
            _ => {}
        }
    }

    fn keep(&mut self, c: char) {
        let pictographic = is_pictographic(c);
        if std::mem::take(&mut self.joiner_pending) && pictographic {
            self.out.push(ZWJ);
        }
        self.out.push(c);
        let carries = pictographic || matches!(c, '0'..='9' | '#' | '*') || is_skin_tone(c);
        self.last = carries.then_some(c);
    }
}

/// A character after which a joiner may continue an emoji sequence.
fn is_emoji_part(c: char) -> bool {
    is_pictographic(c) || c == VS16 || is_skin_tone(c)
}

fn is_skin_tone(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

impl Perform for Sink {
    fn print(&mut self, c: char) {
        self.last_cr = false;
        match c {
            '\u{2028}' | '\u{2029}' => self.push_break(),
            c if is_emoji_glue(c) => self.glue(c),
            c if is_forbidden(c) => {}
            c => self.keep(c),
        }
    }

    fn execute(&mut self, byte: u8) {
        match byte {
            b'\t' => {
                self.last_cr = false;
                self.push_plain(' ');
            }
            b'\r' => {
                self.last_cr = true;
                self.push_break();
            }
            // LF right after CR is one line break, not two.
            b'\n' if self.last_cr => self.last_cr = false,
            b'\n' => self.push_break(),
            _ => self.last_cr = false,
        }
    }
}

/// Cuts `s` to at most `cap` characters, the last one an ellipsis when anything was cut.
fn truncate(s: &str, cap: usize) -> String {
    // A string of at most `cap` bytes has at most `cap` characters: nothing to count.
    if s.len() <= cap {
        return s.to_owned();
    }
    match s.char_indices().nth(cap) {
        None => s.to_owned(),
        // No room even for the ellipsis.
        Some(_) if cap == 0 => String::new(),
        Some(_) => {
            let keep = cap.saturating_sub(1);
            let end = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
            // A joiner cut off from the pictograph it joined would go at the next cleaning.
            let mut out = s[..end]
                .trim_end_matches(|c: char| c.is_whitespace() || c == ZWJ)
                .to_owned();
            out.push('…');
            out
        }
    }
}

#[cfg(test)]
mod tests;
