//! Quit always quits: `q`, Ctrl-c, SIGTERM, SIGINT and SIGHUP each end the console within two
//! seconds with the terminal given back, and so they do while a large feed is still being
//! parsed (the exit does not wait for the parse's thread).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test
#![cfg(unix)]

mod pty;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use pty::{Pty, rapporteur, selects, shows, signal, wait_busy};

/// What the issue promises.
const QUIT_BOUND: Duration = Duration::from_secs(2);

/// One way to ask the console to end.
#[derive(Debug, Clone, Copy)]
enum Way {
    Key(&'static [u8]),
    Signal(libc::c_int),
}

fn ask(pty: &mut Pty, way: Way) {
    match way {
        Way::Key(bytes) => pty.send(bytes),
        Way::Signal(number) => signal(pty.pid(), number),
    }
}

/// Asks the console to end and checks it did so within the bound, with status 0 and the
/// terminal restored. Returns how long it took.
fn quits_within_bound(pty: Pty, way: Way) -> Duration {
    quits_within_bound_before(pty, way, None)
}

/// [`quits_within_bound`], checking also that `never` (if any) was never shown: the quit came
/// before it.
fn quits_within_bound_before(mut pty: Pty, way: Way, never: Option<&str>) -> Duration {
    let asked = Instant::now();
    ask(&mut pty, way);
    let Some(status) = pty.wait_exit(QUIT_BOUND) else {
        panic!(
            "{way:?}: still running after {QUIT_BOUND:?}, screen:\n{}",
            pty.dump()
        );
    };
    let took = asked.elapsed();
    assert!(status.success(), "{way:?}: exited with {status}");
    pty.assert_restored();
    if let Some(never) = never {
        assert!(
            !pty.wrote_since(0, never.as_bytes()),
            "{way:?}: {never:?} was shown before the exit, so nothing was running at the quit"
        );
    }
    took
}

#[test]
fn every_way_to_quit_ends_the_console_within_two_seconds() {
    let data = tempfile::tempdir().unwrap();
    let ways = [
        Way::Key(b"q"),
        Way::Key(b"\x03"),
        Way::Signal(libc::SIGTERM),
        Way::Signal(libc::SIGINT),
        Way::Signal(libc::SIGHUP),
    ];
    for way in ways {
        let pty = Pty::spawn(rapporteur(&[], data.path()));
        pty.wait_for("the main screen", |s| selects(s, "LP-01"));
        let took = quits_within_bound(pty, way);
        println!("quit_pty: {way:?} -> exit {} ms", took.as_millis());
    }
}

/// A valid feed of `records` records in one audience, each with a little history: tens of
/// megabytes, some seconds to parse in a debug build.
fn large_feed(records: usize) -> String {
    let mut out = String::with_capacity(records * 260);
    out.push_str(
        "{\"schema_version\":1,\"title\":\"Large\",\"publisher\":\"Test\",\
         \"generated_at\":\"2026-11-28T09:00:00Z\",\
         \"audiences\":[{\"id\":\"a\",\"name\":\"All\"}],\"recommendations\":[",
    );
    for i in 0..records {
        let comma = if i > 0 { "," } else { "" };
        let _ = write!(
            out,
            "{comma}{{\"id\":\"R{i}\",\"audience\":\"a\",\"title\":\"Record {i}\",\
             \"text\":\"A longer text for record {i}, so that the feed takes a while\",\
             \"status\":\"in_progress\",\"history\":[\
             {{\"date\":\"2026-01-01\",\"status\":\"not_started\"}},\
             {{\"date\":\"2026-02-01\",\"status\":\"in_progress\"}}]}}"
        );
    }
    out.push_str("]}");
    out
}

#[test]
fn quitting_does_not_wait_for_a_parse_that_is_running() {
    let data = tempfile::tempdir().unwrap();
    let config = data.path().join("config.toml");
    std::fs::write(&config, "max-body-mib = 256\n").unwrap();
    let feed = data.path().join("large.json");
    std::fs::write(&feed, large_feed(300_000)).unwrap();
    for way in [Way::Key(b"q"), Way::Signal(libc::SIGTERM)] {
        let args = [
            "--config",
            config.to_str().unwrap(),
            "--feed",
            feed.to_str().unwrap(),
        ];
        let pty = Pty::spawn(rapporteur(&args, data.path()));
        pty.wait_for("the screen while the feed loads", |s| {
            shows(s, "connecting to")
        });
        // Reading the file takes a few milliseconds of processor time; by this much, the parse
        // is well under way (and far from done: the feed is never shown, checked below).
        wait_busy(pty.pid(), Duration::from_millis(600));
        let took = quits_within_bound_before(pty, way, Some("300000 recommendations"));
        println!(
            "quit_pty: {way:?} during the parse -> exit {} ms",
            took.as_millis()
        );
    }
}
