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
//! - bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) and invisible characters
//!   (U+200B, U+2060-U+2064, U+206A-U+206F, U+FEFF, the soft hyphen U+00AD, the tag characters
//!   U+E0000-U+E007F) are removed;
//! - each field is capped to a number of characters (see [`caps`]), with an ellipsis.
//!
//! Sanitising is idempotent: cleaning clean text changes nothing.

use std::borrow::Cow;

use vte::{Parser, Perform};

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

/// True for a character that must never reach the terminal from a feed.
///
/// Line feed is not in this set: long text keeps it, and the renderer splits lines on it.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi_control(c) || is_invisible(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{E0000}'..='\u{E007F}'
    )
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
        || !input
            .chars()
            .any(|c| is_forbidden(c) || c == '\n' || c == '\u{2028}' || c == '\u{2029}')
}

/// Collects what the parser prints, and the few controls we turn into spacing.
struct Sink {
    out: String,
    keep_newlines: bool,
    last_cr: bool,
}

impl Sink {
    fn push_break(&mut self) {
        self.out.push(if self.keep_newlines { '\n' } else { ' ' });
    }
}

impl Perform for Sink {
    fn print(&mut self, c: char) {
        self.last_cr = false;
        match c {
            '\u{2028}' | '\u{2029}' => self.push_break(),
            c if is_forbidden(c) => {}
            c => self.out.push(c),
        }
    }

    fn execute(&mut self, byte: u8) {
        match byte {
            b'\t' => {
                self.last_cr = false;
                self.out.push(' ');
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
            let mut out = s[..end].trim_end().to_owned();
            out.push('…');
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(
            line("Allocate sufficient resources", 200),
            "Allocate sufficient resources"
        );
    }

    #[test]
    fn csi_and_osc_are_removed_whole() {
        assert_eq!(line("a\x1b[31mred\x1b[0m b", 200), "ared b");
        assert_eq!(line("x\x1b]0;owned title\x07y", 200), "xy");
        assert_eq!(line("x\x1b]52;c;SGVsbG8=\x1b\\y", 200), "xy");
        assert_eq!(
            line("x\x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\", 200),
            "xlink"
        );
    }

    #[test]
    fn dcs_apc_pm_sos_are_removed_whole() {
        assert_eq!(line("a\x1bPq#0;1\x1b\\b", 200), "ab");
        assert_eq!(line("a\x1b_apc payload\x1b\\b", 200), "ab");
        assert_eq!(line("a\x1b^pm payload\x1b\\b", 200), "ab");
        assert_eq!(line("a\x1bXsos payload\x1b\\b", 200), "ab");
    }

    #[test]
    fn eight_bit_forms_are_removed_whole() {
        assert_eq!(line("a\u{9b}31mb", 200), "ab");
        assert_eq!(line("a\u{9d}0;title\u{9c}b", 200), "ab");
        assert_eq!(line("a\u{90}q#0\u{9c}b", 200), "ab");
        assert_eq!(line("a\u{9f}apc\u{9c}b", 200), "ab");
    }

    #[test]
    fn controls_bidi_and_invisible_characters_are_removed() {
        assert_eq!(line("a\x07b\x7fc\x00d", 200), "abcd");
        assert_eq!(
            line(
                "\u{202E}evil\u{202C} \u{2066}x\u{2069}\u{200E}\u{200F}\u{061C}",
                200
            ),
            "evil x"
        );
        assert_eq!(line("zero\u{200B}width\u{2060}\u{FEFF}", 200), "zerowidth");
        assert_eq!(
            line("soft\u{AD}hy\u{2062}phen\u{206B}\u{E0041}\u{E007F}s", 200),
            "softhyphens"
        );
    }

    #[test]
    fn line_breaks_depend_on_the_field() {
        assert_eq!(line("one\r\ntwo\nthree\tfour", 200), "one two three four");
        assert_eq!(text("one\r\ntwo\rthree\tfour", 200), "one\ntwo\nthree four");
        assert_eq!(line("next\u{85}line", 200), "next line");
        assert_eq!(text("next\u{85}line", 200), "next\nline");
    }

    #[test]
    fn long_values_are_cut_with_an_ellipsis() {
        let long = "a".repeat(1_000_000);
        let cut = line(&long, caps::TITLE);
        assert_eq!(cut.chars().count(), caps::TITLE);
        assert!(cut.ends_with('…'));
        assert_eq!(line(&cut, caps::TITLE), cut);
    }

    #[test]
    fn cutting_respects_multibyte_characters() {
        assert_eq!(line("ééééé", 3), "éé…");
        assert_eq!(line("日本語テキスト", 4), "日本語…");
    }
}
