//! The keys the probe types, one round of them.

/// One key of the script: what to call it in the figures, and its bytes.
type Key = (&'static str, &'static [u8]);

const ESC: &[u8] = b"\x1b";
const BACKSPACE: &[u8] = b"\x7f";
const ENTER: &[u8] = b"\r";
const PAGE_DOWN: &[u8] = b"\x1b[6~";
const SEARCH_WORDS: [&str; 4] = ["data", "victims", "training", "shelter"];

/// The keys of one round: searches typed, erased and cleared, then moving about the panes and
/// a detail. The very first letter of the run is reported apart by [`main`].
pub fn round() -> Vec<(&'static str, Vec<u8>)> {
    let mut keys: Vec<(&'static str, Vec<u8>)> = Vec::new();
    let push = |keys: &mut Vec<_>, (kind, bytes): Key| keys.push((kind, bytes.to_vec()));
    for word in SEARCH_WORDS {
        push(&mut keys, ("/ (search)", b"/"));
        for (i, b) in word.bytes().enumerate() {
            let kind = if i == 0 {
                "letter, fresh"
            } else {
                "letter, narrows"
            };
            keys.push((kind, vec![b]));
        }
        for _ in 0..2 {
            push(&mut keys, ("Backspace", BACKSPACE));
        }
        push(&mut keys, ("Esc (clears search)", ESC));
    }
    for _ in 0..6 {
        push(&mut keys, ("j", b"j"));
    }
    for _ in 0..6 {
        push(&mut keys, ("k", b"k"));
    }
    for _ in 0..3 {
        push(&mut keys, ("PageDown", PAGE_DOWN));
    }
    push(&mut keys, ("Enter (opens detail)", ENTER));
    push(&mut keys, ("? (help over the detail)", b"?"));
    push(&mut keys, ("? (help over the detail)", b"?"));
    push(&mut keys, ("Esc (closes detail)", ESC));
    push(&mut keys, ("/ (search)", b"/"));
    push(&mut keys, ("letter, fresh", b"p"));
    push(&mut keys, ("letter, narrows", b"o"));
    push(&mut keys, ("Enter (keeps search)", ENTER));
    for _ in 0..3 {
        push(&mut keys, ("j", b"j"));
    }
    push(&mut keys, ("Esc (clears search)", ESC));
    keys
}
