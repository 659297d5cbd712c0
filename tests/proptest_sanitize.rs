//! Properties of the sanitiser, on strings biased towards what an attacker would put in a feed:
//! escape sequences in 7-bit and 8-bit forms, bare controls, bidi and invisible characters, line
//! breaks, wide and combining characters and emoji.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

mod common;

use common::hostile::{config, piece};
use proptest::prelude::*;
use proptest::sample::select;
use rapporteur::feed::Source;
use rapporteur::feed::sanitize::{self, caps, is_forbidden, is_pictographic};

/// A string made of hostile pieces, longer than the feeds' fields.
fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..48).prop_map(|pieces| pieces.concat())
}

/// The real caps, and small ones so that cutting happens often.
fn cap() -> impl Strategy<Value = usize> {
    prop_oneof![
        select(vec![
            caps::ID,
            caps::TITLE,
            caps::STATUS,
            caps::OWNER,
            caps::NOTE
        ]),
        0usize..=24,
    ]
}

/// A complete escape sequence, in its 7-bit or 8-bit form, that a terminal would act on.
fn sequence() -> impl Strategy<Value = String> {
    let st = select(vec!["\x1b\\", "\u{9c}"]);
    let csi = (
        select(vec!["\x1b[", "\u{9b}"]),
        "[0-9;:<=>?]{0,8}",
        "[ -/]{0,2}",
        "[@-~]",
    )
        .prop_map(|(intro, params, inter, fin)| format!("{intro}{params}{inter}{fin}"));
    let osc = (
        select(vec!["\x1b]", "\u{9d}"]),
        select(vec!["0;", "2;", "8;;", "52;c;", "1337;", ""]),
        "[ -~é日😀]{0,24}",
        prop_oneof![Just("\x07"), st.clone()],
    )
        .prop_map(|(intro, kind, payload, end)| format!("{intro}{kind}{payload}{end}"));
    let dcs = (
        select(vec!["\x1bP", "\u{90}"]),
        "[0-9;]{0,6}",
        "[@-~]",
        "[ -~]{0,24}",
        st.clone(),
    )
        .prop_map(|(intro, params, fin, data, end)| format!("{intro}{params}{fin}{data}{end}"));
    let string = (
        select(vec![
            "\x1bX", "\x1b^", "\x1b_", "\u{98}", "\u{9e}", "\u{9f}",
        ]),
        "[ -~é日😀]{0,24}",
        st,
    )
        .prop_map(|(intro, payload, end)| format!("{intro}{payload}{end}"));
    prop_oneof![csi, osc, dcs, string]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn line_is_clean_capped_and_idempotent(s in hostile(), cap in cap()) {
        let out = sanitize::line(&s, cap);
        prop_assert!(
            !out.chars().any(|c| is_forbidden(c) || c == '\n'),
            "line({s:?}, {cap}) = {out:?} holds a forbidden character or a line break"
        );
        prop_assert!(out.chars().count() <= cap, "line({s:?}, {cap}) = {out:?} is too long");
        prop_assert_eq!(sanitize::line(&out, cap), out.clone(), "not idempotent on {:?}", s);
    }

    #[test]
    fn text_is_clean_capped_and_idempotent(s in hostile(), cap in cap()) {
        let out = sanitize::text(&s, cap);
        prop_assert!(
            !out.chars().any(is_forbidden),
            "text({s:?}, {cap}) = {out:?} holds a forbidden character"
        );
        prop_assert!(out.chars().count() <= cap, "text({s:?}, {cap}) = {out:?} is too long");
        prop_assert_eq!(sanitize::text(&out, cap), out.clone(), "not idempotent on {:?}", s);
    }

    #[test]
    fn text_cleaned_as_a_line_is_still_clean(s in hostile(), cap in cap()) {
        let out = sanitize::line(&sanitize::text(&s, cap), cap);
        prop_assert!(!out.chars().any(|c| is_forbidden(c) || c == '\n'));
        prop_assert!(out.chars().count() <= cap);
    }

    #[test]
    fn a_cut_value_ends_with_an_ellipsis(s in hostile(), cap in 1usize..=24) {
        let out = sanitize::line(&s, cap);
        let full = sanitize::line(&s, usize::MAX);
        if full.chars().count() > cap {
            prop_assert!(out.ends_with('…'), "line({s:?}, {cap}) = {out:?}");
        } else {
            prop_assert_eq!(out, full);
        }
    }

    #[test]
    fn whole_sequences_are_removed_whole(seq in sequence(), cap in cap()) {
        // Markers on both sides: nothing of the sequence may remain between them, and the text
        // after it must not be swallowed.
        let input = format!("A{seq}B");
        let expected = if cap >= 2 { "AB" } else if cap == 1 { "…" } else { "" };
        prop_assert_eq!(sanitize::line(&input, cap), expected, "input {:?}", input);
        prop_assert_eq!(sanitize::text(&input, cap), expected, "input {:?}", input);
    }

    #[test]
    fn sequences_among_plain_words_leave_only_the_words(
        parts in prop::collection::vec(("[a-z]{1,6}", sequence()), 1..8),
    ) {
        let input: String = parts.iter().map(|(word, seq)| format!("{word}{seq}")).collect();
        let words: String = parts.iter().map(|(word, _)| word.as_str()).collect();
        prop_assert_eq!(sanitize::line(&input, usize::MAX), words);
    }

    #[test]
    fn clean_text_is_left_alone(s in "[a-zA-Z0-9éß日本😀 .,;:()\\-]{0,60}") {
        let trimmed = s.trim();
        prop_assert_eq!(sanitize::line(trimmed, caps::TITLE), trimmed);
        prop_assert_eq!(sanitize::text(trimmed, caps::TEXT), trimmed);
    }

    #[test]
    fn emoji_glue_is_kept_only_inside_an_emoji_sequence(s in hostile(), cap in cap()) {
        for out in [sanitize::line(&s, cap), sanitize::text(&s, cap), sanitize::message(&s)] {
            prop_assert!(glue_in_place(&out), "{s:?} gave {out:?}");
        }
    }

    #[test]
    fn messages_are_clean_and_idempotent(s in hostile()) {
        let out = sanitize::message(&s);
        prop_assert!(!out.chars().any(is_forbidden), "message({s:?}) = {out:?}");
        prop_assert_eq!(sanitize::message(&out), out.clone(), "not idempotent on {:?}", s);
    }

    #[test]
    fn feed_paths_and_urls_are_named_cleaned_and_without_credentials(
        s in hostile(),
        scheme in select(vec!["", "https://", "HTTP://", "https://user:s3cret@"]),
    ) {
        let arg = format!("{scheme}{s}");
        let shown = Source::from_arg(&arg).to_string();
        prop_assert!(
            !shown.chars().any(|c| is_forbidden(c) || c == '\n'),
            "{arg:?} is shown as {shown:?}"
        );
        prop_assert!(glue_in_place(&shown));
        if scheme.contains('@') {
            prop_assert!(!shown.contains("s3cret"), "{arg:?} is shown as {shown:?}");
        }
    }

    #[test]
    fn line_breaks_survive_in_text_only(a in "[a-z]{1,8}", b in "[a-z]{1,8}",
        brk in select(vec!["\n", "\r\n", "\r", "\u{2028}", "\u{2029}"])) {
        let input = format!("{a}{brk}{b}");
        prop_assert_eq!(sanitize::text(&input, usize::MAX), format!("{a}\n{b}"));
        prop_assert_eq!(sanitize::line(&input, usize::MAX), format!("{a} {b}"));
    }
}

/// True when every joiner sits between a part of an emoji and a pictograph, and every
/// presentation selector right after a pictograph or a keycap base.
fn glue_in_place(out: &str) -> bool {
    let chars: Vec<char> = out.chars().collect();
    chars.iter().enumerate().all(|(i, &c)| {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        match c {
            sanitize::ZWJ => {
                before.is_some_and(|b| {
                    is_pictographic(b)
                        || b == sanitize::VS16
                        || ('\u{1F3FB}'..='\u{1F3FF}').contains(&b)
                }) && after.is_some_and(is_pictographic)
            }
            sanitize::VS16 => {
                before.is_some_and(|b| is_pictographic(b) || matches!(b, '0'..='9' | '#' | '*'))
            }
            _ => true,
        }
    })
}

#[test]
fn the_generator_produces_what_it_claims() {
    // A property over strings that never hold a sequence would pass vacuously.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut escapes, mut eight_bit, mut bidi) = (0, 0, 0);
    for _ in 0..200 {
        let s = hostile().new_tree(&mut runner).unwrap().current();
        escapes += usize::from(s.contains('\x1b'));
        eight_bit += usize::from(s.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)));
        bidi += usize::from(s.contains(['\u{202E}', '\u{2066}', '\u{200F}']));
    }
    assert!(
        escapes > 100 && eight_bit > 100 && bidi > 20,
        "{escapes} {eight_bit} {bidi}"
    );
}
