//! Hostile text for the property tests: what an attacker or a broken publisher could put in a
//! feed. One list, so every property test meets the same hostile characters.

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config as ProptestConfig, FileFailurePersistence};

/// Pieces of hostile text: whole sequences, their parts, and characters that need care.
pub const FRAGMENTS: &[&str] = &[
    // 7-bit sequences, whole and cut short.
    "\x1b",
    "\x1b[",
    "\x1b[2J",
    "\x1b[31m",
    "\x1b[0m",
    "\x1b[?1049h",
    "\x1b]0;pwned\x07",
    "\x1b]0;pwned\x1b\\",
    "\x1b]2;",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x1b]8;;https://evil.example/\x1b\\",
    "\x1b]8;;\x1b\\",
    "\x1bPq#0;1\x1b\\",
    "\x1bP",
    "\x1b_apc\x1b\\",
    "\x1b_",
    "\x1b^pm\x1b\\",
    "\x1b^",
    "\x1bXsos\x1b\\",
    "\x1bX",
    "\x1b\\",
    "\x1bc",
    "\x1b(0",
    // 8-bit forms.
    "\u{9b}",
    "\u{9b}31m",
    "\u{9b}2J",
    "\u{9d}",
    "\u{9d}0;pwned\u{9c}",
    "\u{9d}52;c;SGVsbG8=\x07",
    "\u{90}q#0\u{9c}",
    "\u{90}",
    "\u{98}sos\u{9c}",
    "\u{9e}pm\u{9c}",
    "\u{9f}apc\u{9c}",
    "\u{9c}",
    "\u{85}",
    // Bare controls.
    "\x07",
    "\x00",
    "\x08",
    "\x7f",
    "\x18",
    "\x1a",
    "\r",
    "\n",
    "\r\n",
    "\n\r",
    "\t",
    " ",
    "  ",
    "\u{2028}",
    "\u{2029}",
    "\u{a0}",
    "\u{3000}",
    // Bidi controls and invisible characters.
    "\u{202A}",
    "\u{202B}",
    "\u{202C}",
    "\u{202D}",
    "\u{202E}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{200E}",
    "\u{200F}",
    "\u{061C}",
    "\u{200B}",
    "\u{2060}",
    "\u{FEFF}",
    // Wide, combining, emoji, and the ellipsis the sanitiser adds itself.
    "日本語",
    "漢",
    "ｗｉｄｅ",
    "e\u{301}",
    "\u{301}",
    "\u{20DD}",
    "😀",
    "👩\u{200D}👩\u{200D}👧",
    "🇫🇷",
    "\u{FE0F}",
    "…",
    "\u{FFFD}",
    // Also met in the other property tests.
    "\n\n\n",
    "-",
    "\u{301}\u{301}",
    "日本語テキスト",
    "\u{00AD}",
    "\u{2062}",
    "\u{E0041}",
    // Default-ignorable characters beyond the usual ones, and emoji glue in and out of place.
    "\u{115F}",
    "\u{3164}",
    "\u{FFA0}",
    "\u{180E}",
    "\u{034F}",
    "\u{17B4}",
    "\u{FFF9}",
    "\u{FFFB}",
    "\u{FE00}",
    "\u{E0100}",
    "\u{200C}",
    "\u{200D}",
    "❤",
    "1",
    "\u{1F3FD}",
    "👩🏽\u{200D}💻",
    "1\u{FE0F}\u{20E3}",
    // What a path, a URL or a config value may hold.
    "/tmp/feed\u{1b}[2J.json",
    "https://user:pass@host.example/f?x=\u{1b}]0;t\x07",
    "C:\\feeds\\date.json",
    "[kiosk]",
    "theme = \"dark\"",
];

/// One piece of hostile text.
pub fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(FRAGMENTS).prop_map(str::to_owned),
        3 => "[a-zA-Z0-9 .,;:\\[\\]]{1,8}",
        1 => any::<char>().prop_map(String::from),
        1 => (0x80u32..0xA0).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
    ]
}

/// A short string of hostile pieces, for the fields of a generated feed.
pub fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..16).prop_map(|pieces| pieces.concat())
}

/// The property tests' settings: `cases` cases, failures kept next to the test file (in
/// `tests/proptest-regressions/`).
pub fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}
