//! Key latency as the user sees it: starts the release binary in a 120x40 pseudo-terminal on a
//! feed, waits for the first frame with data, types a scripted sequence of keys, and times each
//! from writing the key to the last byte of its redraw. Prints p50, p99 and max per kind of key.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example gen_feed -- 100000 > /tmp/big.json
//! cargo run --release --example key_latency -- /tmp/big.json
//! cargo run --release --example key_latency -- /tmp/big.json --settle 40 --rounds 3
//! cargo run --release --example key_latency -- /tmp/big.json --at-once --trace 10
//! cargo run --release --example gen_feed -- 100000 42 > /tmp/base.json
//! cargo run --release --example key_latency -- /tmp/big.json --baseline /tmp/base.json
//! ```
//!
//! A redraw is over when the terminal has been quiet for the settle time (`--settle`, 30 ms by
//! default). The figure is the time of the last byte, so the settle time is not in it; a redraw
//! that pauses for longer than the settle time in the middle is cut short, which is why the settle
//! time is printed with the figures. The console redraws once a second on its own (the "N s ago"
//! texts): the probe learns when from two quiet-time bursts a whole number of seconds apart and
//! types no key just before one, so that a clock redraw is not taken for a slow key. Everything
//! else that arrives before the terminal falls quiet, a search refined when its index lands
//! included, counts for the key.
//!
//! The first letter of the first search is typed at once after the first frame, before anything
//! is indexed. The probe then waits until the console's background work is done (its threads
//! other than the event loop all but idle, read from `/proc`) and the clock is learned, and types
//! the rest. With `--baseline FILE` the console compares with that feed, and each round ends on
//! the changes screen (`C`); how long its list takes to show after `C` is reported apart. With
//! `--at-once` it types everything at once, while the feed is being indexed: on a
//! machine of two cores the event loop then waits for a core. `--trace MS` lists the keys of MS
//! or more with where their time went (see `probe/sched.rs`).
//!
//! The binary is `target/release/rapporteur` unless `--bin PATH` says otherwise. It runs with a
//! config of its own in a temporary folder, removed at the end: the size limit of a feed
//! (`max-body-mib`) raised to 2 GiB, and no snapshot archive (`keep-snapshots = 0`), whose thread
//! redraws the screen when it has kept a load, at a time no key can be kept clear of. With
//! `--archive` the archive is kept there, as on a first run; with `--data DIR` it is kept in DIR
//! from run to run, so that a second run starts on a feed the archive holds.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption is a failed run

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[path = "probe/clock.rs"]
mod clock;
#[path = "probe/options.rs"]
mod options;
#[path = "probe/report.rs"]
mod report;
#[path = "probe/sched.rs"]
mod sched;
#[path = "probe/script.rs"]
mod script;

use clock::Clock;
use options::options;
use sched::Sched;
use script::round;

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// No key is typed when the console's own redraw is due sooner than this.
const CLOCK_GUARD: Duration = Duration::from_millis(150);
/// How long any one wait may take before the run is given up.
const BOUND: Duration = Duration::from_secs(120);

/// What the reader thread has seen.
struct Seen {
    parser: vt100::Parser,
    /// Bytes read so far.
    total: u64,
    /// When the last byte arrived.
    last: Instant,
    /// A key is being timed: output now is its redraw.
    keyed: bool,
    /// While a key is timed: when each read arrived and how many bytes it brought.
    reads: Vec<(Instant, usize)>,
    /// The console's own redraw, learned from the bursts of output no key asked for.
    clock: Clock,
    eof: bool,
    /// The first frame with data: when its last byte came, and whether more of it may come.
    data: Option<(Instant, bool)>,
}

/// Reads further apart than this belong to another frame.
const FRAME_GAP: Duration = Duration::from_millis(3);

type Shared = Arc<(Mutex<Seen>, Condvar)>;

fn lock(shared: &Shared) -> MutexGuard<'_, Seen> {
    shared
        .0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn main() {
    let options = options();
    let archive = tempfile::tempdir().expect("a temporary folder");
    let data = options
        .data
        .clone()
        .unwrap_or_else(|| archive.path().to_path_buf());
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(&options.bin);
    cmd.arg("--feed");
    cmd.arg(&options.feed);
    if let Some(baseline) = &options.baseline {
        cmd.arg("--baseline");
        cmd.arg(baseline);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_DATA_HOME", &data);
    // The default size limit (32 MiB) is for feeds as they are today; the probe's are larger.
    // The snapshot archive keeps each load on a thread of its own and redraws when done, at a
    // time no key can be kept clear of: off unless asked for.
    let config = archive.path().join("config.toml");
    let keep = if options.archive || options.data.is_some() {
        1000
    } else {
        0
    };
    let text = format!("max-body-mib = 2048\nkeep-snapshots = {keep}\n");
    std::fs::write(&config, text).expect("write the probe's config");
    cmd.env("RAPPORTEUR_CONFIG", &config);
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("start rapporteur");
    drop(pair.slave);
    let shared: Shared = Arc::new((
        Mutex::new(Seen {
            parser: vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0),
            total: 0,
            last: started,
            keyed: false,
            reads: Vec::new(),
            clock: Clock::default(),
            eof: false,
            data: None,
        }),
        Condvar::new(),
    ));
    let reader = pair.master.try_clone_reader().expect("a reader");
    let settle = options.settle;
    thread::spawn({
        let shared = Arc::clone(&shared);
        move || read_all(reader, &shared, settle)
    });
    let mut writer = pair.master.take_writer().expect("a writer");

    let first_frame = wait_for_data(&shared);
    println!(
        "feed {}: first frame with data {} ms after start",
        options.feed.display(),
        first_frame.as_millis()
    );
    let mut timings: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    let mut silent: BTreeMap<&str, usize> = BTreeMap::new();
    let mut first = true;
    let pid = child.process_id();
    let shown_at = Instant::now();
    let mut traced = Vec::new();
    for _ in 0..options.rounds {
        let mut keys = round();
        if options.baseline.is_some() {
            keys.extend(script::changes_round());
        }
        for (kind, bytes) in keys {
            let first_letter = first && kind == "letter, fresh";
            let kind = if first_letter {
                first = false;
                "letter, first search of the run"
            } else {
                kind
            };
            match time_key(&shared, &mut writer, &bytes, settle, pid) {
                Some(key) => {
                    if kind == script::OPENS_CHANGES {
                        let listed = script::wait_listed(&shared, key.at, settle);
                        timings
                            .entry("C, until its list shows")
                            .or_default()
                            .push(listed);
                    }
                    timings.entry(kind).or_default().push(key.took);
                    traced.push((key.at.duration_since(shown_at), kind, key));
                }
                None => *silent.entry(kind).or_default() += 1,
            }
            if first_letter && !options.at_once {
                let waited = wait_ready(&shared, pid, settle);
                println!(
                    "waited {:.2} s for the background work and the clock ({:.2} s after the \
                     first frame)",
                    waited.as_secs_f64(),
                    shown_at.elapsed().as_secs_f64()
                );
            }
        }
    }
    writer.write_all(b"q").expect("quit");
    writer.flush().expect("flush");
    let quit = Instant::now();
    while child.try_wait().expect("the child's state").is_none() && quit.elapsed() < BOUND {
        let seen = lock(&shared);
        let _ = shared.1.wait_timeout(seen, Duration::from_millis(50));
    }
    let _ = child.kill();
    report::report(&timings, &silent, settle);
    if let Some(slow) = options.trace {
        report::trace(&traced, slow);
    }
}

/// Reads everything the console writes, noting when it arrives and what started it.
fn read_all(mut reader: Box<dyn Read + Send>, shared: &Shared, settle: Duration) {
    let mut buf = [0u8; 16_384];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let now = Instant::now();
        let mut seen = lock(shared);
        let quiet = now.duration_since(seen.last);
        if !seen.keyed && quiet > settle {
            seen.clock.burst(now);
        } else if seen.keyed && !seen.reads.is_empty() && quiet > clock::GAP && n <= clock::SMALL {
            // A small burst well after the key's own redraw: perhaps the clock's, which the
            // probe must learn even while it types without a pause (`--at-once`).
            seen.clock.burst(now);
        }
        if seen.keyed {
            seen.reads.push((now, n));
        }
        seen.parser.process(&buf[..n]);
        seen.total += n as u64;
        // The end of the first frame with data, told here as its bytes come: the thread waiting
        // for it may wake later, after more frames (the marks, the snapshots) have come.
        seen.data = match seen.data {
            None => has_data(&seen.parser).then_some((now, true)),
            Some((_, true)) if quiet <= FRAME_GAP => Some((now, true)),
            Some((end, _)) => Some((end, false)),
        };
        seen.last = now;
        shared.1.notify_all();
    }
    lock(shared).eof = true;
    shared.1.notify_all();
}

/// Whether the screen shows a feed's counts ("shown N / M").
fn has_data(parser: &vt100::Parser) -> bool {
    let contents = parser.screen().contents();
    contents.contains("shown ") && !contents.contains("/ 0 ")
}

/// Waits until the screen shows a feed's counts, then for the end of that frame: its last byte.
fn wait_for_data(shared: &Shared) -> Duration {
    let start = Instant::now();
    let mut seen = lock(shared);
    loop {
        if let Some((end, open)) = seen.data
            && (!open || seen.eof || seen.last.elapsed() > FRAME_GAP * 10)
        {
            return end.duration_since(start);
        }
        assert!(
            !seen.eof,
            "rapporteur ended before showing data:\n{}",
            seen.parser.screen().contents()
        );
        assert!(
            start.elapsed() < BOUND,
            "no data on screen:\n{}",
            seen.parser.screen().contents()
        );
        seen = shared
            .1
            .wait_timeout(seen, Duration::from_millis(10))
            .unwrap()
            .0;
    }
}

/// Waits until nothing has arrived for `settle`; returns the time of the last byte.
fn wait_quiet(shared: &Shared, settle: Duration) -> Instant {
    let mut seen = lock(shared);
    loop {
        let quiet_at = seen.last + settle;
        let now = Instant::now();
        if now >= quiet_at || seen.eof {
            return seen.last;
        }
        seen = shared.1.wait_timeout(seen, quiet_at - now).unwrap().0;
    }
}

/// How long the console's threads other than the event loop must have been all but idle for its
/// background work (indexing the feed for search, the progress series) to count as done.
const IDLE_WINDOW: Duration = Duration::from_millis(300);

/// Waits, within [`BOUND`], until the console's background work is done (its other threads ran
/// under 2 ms in [`IDLE_WINDOW`]) and its clock redraw is learned. Returns how long it waited.
fn wait_ready(shared: &Shared, pid: Option<u32>, settle: Duration) -> Duration {
    let start = Instant::now();
    let mut before = Sched::now(pid);
    loop {
        thread::sleep(IDLE_WINDOW);
        let now = Sched::now(pid);
        let idle = now.since(&before).others_run < Duration::from_millis(2);
        before = now;
        wait_quiet(shared, settle);
        if (idle && lock(shared).clock.learned()) || start.elapsed() > BOUND {
            return start.elapsed();
        }
    }
}

/// Waits until the console's own redraw is not due within [`CLOCK_GUARD`].
fn clear_of_clock(shared: &Shared, settle: Duration) {
    loop {
        wait_quiet(shared, settle);
        let until_next = lock(shared).clock.next_due();
        if until_next > CLOCK_GUARD {
            return;
        }
        thread::sleep(until_next + settle);
    }
}

/// One key timed: when it was typed, how long until the last byte of its redraw, how many bytes
/// the redraw was, and what the scheduler counted meanwhile (the settle time included).
pub struct Timed {
    pub at: Instant,
    pub took: Duration,
    pub bytes: u64,
    pub sched: Sched,
    /// Each read of its redraw: how long after the key, how many bytes.
    pub reads: Vec<(Duration, usize)>,
}

/// Types one key and times its redraw; `None` when nothing was redrawn. `pid` is the console's,
/// for what the scheduler counted.
fn time_key(
    shared: &Shared,
    writer: &mut Box<dyn Write + Send>,
    bytes: &[u8],
    settle: Duration,
    pid: Option<u32>,
) -> Option<Timed> {
    clear_of_clock(shared, settle);
    let before = {
        let mut seen = lock(shared);
        seen.keyed = true;
        seen.reads.clear();
        seen.total
    };
    let sched = Sched::now(pid);
    let start = Instant::now();
    writer.write_all(bytes).expect("type a key");
    writer.flush().expect("flush");
    // Every key of the script changes the screen; one that has not within a few seconds has
    // redrawn nothing.
    let wait = Duration::from_secs(5);
    let mut seen = lock(shared);
    while seen.total == before && start.elapsed() < wait && !seen.eof {
        seen = shared
            .1
            .wait_timeout(seen, Duration::from_millis(2))
            .unwrap()
            .0;
    }
    let wrote = seen.total != before;
    drop(seen);
    let last = wait_quiet(shared, settle);
    let sched = Sched::now(pid).since(&sched);
    let (written, reads) = {
        let mut seen = lock(shared);
        seen.keyed = false;
        let reads = seen.reads.drain(..);
        let reads = reads.map(|(at, n)| (at.duration_since(start), n)).collect();
        (seen.total - before, reads)
    };
    wrote.then(|| Timed {
        at: start,
        took: last.duration_since(start),
        bytes: written,
        sched,
        reads,
    })
}
