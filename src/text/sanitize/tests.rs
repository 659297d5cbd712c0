//! The sanitiser's unit tests, and the check of its Unicode tables.

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
fn every_default_ignorable_character_named_in_the_issue_is_removed() {
    for c in [
        '\u{115F}',
        '\u{3164}',
        '\u{FFA0}',
        '\u{180E}',
        '\u{034F}',
        '\u{17B4}',
        '\u{17B5}',
        '\u{FFF9}',
        '\u{FFFA}',
        '\u{FFFB}',
        '\u{FE00}',
        '\u{FE0E}',
        '\u{E0100}',
        '\u{E01EF}',
        '\u{200C}',
        '\u{1D173}',
        '\u{1BCA0}',
    ] {
        assert_eq!(line(&format!("a{c}b"), 20), "ab", "U+{:04X}", c as u32);
        assert_eq!(text(&format!("a{c}b"), 20), "ab", "U+{:04X}", c as u32);
    }
}

#[test]
fn emoji_sequences_keep_their_glue_and_nothing_else_does() {
    for whole in [
        "👩\u{200D}💻",
        "👩🏽\u{200D}💻",
        "❤\u{FE0F}",
        "1\u{FE0F}\u{20E3}",
        "🏳\u{FE0F}\u{200D}🌈",
        "👨\u{200D}👩\u{200D}👧",
    ] {
        assert_eq!(line(whole, 20), whole, "{whole:?}");
    }
    assert_eq!(line("a\u{200D}b", 20), "ab");
    assert_eq!(line("a\u{FE0F}b", 20), "ab");
    assert_eq!(line("👩\u{200D}x", 20), "👩x");
    assert_eq!(line("\u{200D}💻", 20), "💻");
    assert_eq!(line("👩\u{200D}\u{200D}💻", 20), "👩\u{200D}💻");
    assert_eq!(line("❤\u{FE0F}\u{FE0F}", 20), "❤\u{FE0F}");
    assert_eq!(line("👩\u{200D}", 20), "👩");
    // Removed characters between the parts do not break the sequence, in one pass or two.
    let hidden = "👩\u{200B}\u{200D}\x1b[0m💻";
    assert_eq!(line(hidden, 20), "👩\u{200D}💻");
    // A cut between the joiner and what it joined leaves no stray joiner.
    let cut = line("ab👩\u{200D}💻", 4);
    assert_eq!(cut, "ab👩…");
    assert_eq!(line(&cut, 4), cut);
}

/// Every code point of a Unicode property, as regex-syntax compiles `\p{name}`.
fn property(name: &str) -> Vec<(char, char)> {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::Parser::new()
        .parse(&format!("\\p{{{name}}}"))
        .expect("a known property");
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .map(|r| (r.start(), r.end()))
            .collect(),
        other => panic!("not a class: {other:?}"),
    }
}

fn as_rust(name: &str, table: &[(char, char)]) -> String {
    let rows: String = table
        .iter()
        .map(|&(a, b)| format!("    ('\\u{{{:x}}}', '\\u{{{:x}}}'),\n", a as u32, b as u32))
        .collect();
    format!("pub const {name}: &[(char, char)] = &[\n{rows}];")
}

#[test]
fn tables_match_the_unicode_data() {
    for (name, table, ours) in [
        (
            "Default_Ignorable_Code_Point",
            "DEFAULT_IGNORABLE_CODE_POINT",
            tables::DEFAULT_IGNORABLE_CODE_POINT,
        ),
        (
            "Extended_Pictographic",
            "EXTENDED_PICTOGRAPHIC",
            tables::EXTENDED_PICTOGRAPHIC,
        ),
    ] {
        let expected = property(name);
        assert!(
            ours == expected.as_slice(),
            "src/feed/sanitize/tables.rs is out of date; the table is now:\n{}",
            as_rust(table, &expected)
        );
    }
}

#[test]
fn every_default_ignorable_code_point_is_removed_but_the_emoji_glue() {
    let all = property("Default_Ignorable_Code_Point");
    let mut checked = 0;
    for c in all.iter().flat_map(|&(a, b)| a..=b) {
        assert!(is_default_ignorable(c));
        if !is_emoji_glue(c) {
            assert!(is_forbidden(c), "U+{:04X}", c as u32);
            assert_eq!(line(&format!("x{c}y"), 9), "xy", "U+{:04X}", c as u32);
        }
        checked += 1;
    }
    assert_eq!(checked, 4_174);
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
