//! The keys the probe types, one round of them; with a baseline, the changes screen's too.

use std::time::{Duration, Instant};

use super::{BOUND, Shared, lock, wait_quiet};

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

/// The key that opens the changes screen: its list may come a while after the screen (it is
/// compared with the baseline in the background), which [`wait_listed`] times.
pub const OPENS_CHANGES: &str = "C (opens changes)";

/// The time from [`OPENS_CHANGES`] to its list on screen, reported apart: not a key, nor among
/// all keys.
pub const LISTED: &str = "C, until its list shows";

/// What the changes screen says while its list is being worked out.
const COMPARING: &str = "comparing";

/// The keys of one round on the changes screen (`--baseline`): open it, move about, leave.
pub fn changes_round() -> Vec<(&'static str, Vec<u8>)> {
    let mut keys: Vec<(&'static str, Vec<u8>)> = vec![(OPENS_CHANGES, b"C".to_vec())];
    keys.extend((0..6).map(|_| ("j (changes)", b"j".to_vec())));
    keys.extend((0..6).map(|_| ("k (changes)", b"k".to_vec())));
    keys.extend((0..3).map(|_| ("PageDown (changes)", PAGE_DOWN.to_vec())));
    keys.push(("Esc (leaves changes)", ESC.to_vec()));
    keys
}

/// Waits, within [`BOUND`], until the changes screen no longer says it is comparing and the
/// terminal is quiet; returns the time from `start` (the key) to the last byte.
pub fn wait_listed(shared: &Shared, start: Instant, settle: Duration) -> Duration {
    loop {
        let last = wait_quiet(shared, settle);
        let seen = lock(shared);
        let comparing = seen.parser.screen().contents().contains(COMPARING);
        if !comparing || seen.eof || start.elapsed() > BOUND {
            return last.duration_since(start);
        }
        let _ = shared.1.wait_timeout(seen, Duration::from_millis(5));
    }
}
