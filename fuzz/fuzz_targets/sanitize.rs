//! The sanitiser on any text: nothing forbidden is left, the cap holds, and cleaning twice changes
//! nothing.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rapporteur::feed::sanitize::{self, caps, is_forbidden};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    // A small cap from the input, so that cutting is exercised too, and the real ones.
    let small = data.first().map_or(0, |&b| usize::from(b % 48));
    for cap in [small, caps::STATUS, caps::ID, caps::TITLE, caps::TEXT] {
        let line = sanitize::line(&input, cap);
        assert!(
            !line.chars().any(|c| is_forbidden(c) || c == '\n'),
            "line({input:?}, {cap}) = {line:?}"
        );
        assert!(
            line.chars().count() <= cap,
            "line({input:?}, {cap}) = {line:?}"
        );
        assert_eq!(
            sanitize::line(&line, cap),
            line,
            "line is not idempotent on {input:?}"
        );

        let text = sanitize::text(&input, cap);
        assert!(
            !text.chars().any(is_forbidden),
            "text({input:?}, {cap}) = {text:?}"
        );
        assert!(
            text.chars().count() <= cap,
            "text({input:?}, {cap}) = {text:?}"
        );
        assert_eq!(
            sanitize::text(&text, cap),
            text,
            "text is not idempotent on {input:?}"
        );
    }
});
