//! End to end: the real `rapporteur` binary, with no arguments (the built-in sample feed), inside a
//! pseudo-terminal of 120 x 40. A reader thread feeds everything the binary writes into a `vt100`
//! parser, and the test drives it with keys, always waiting on what the screen shows (with a bound),
//! never on fixed sleeps:
//!
//! 1. the main screen appears, LP-01 selected;
//! 2. `j` selects LP-02, Enter opens its detail view, Esc closes it;
//! 3. `q` quits with status 0 and leaves the terminal as it found it: alternate screen left, cursor
//!    shown.
//!
//! A second test starts `--kiosk`, checks that `q`, Ctrl-C and Esc leave it running, then ends it
//! with SIGTERM: exit 0, terminal restored.
//!
//! If a test fails midway, a guard kills the child, so no process is left behind.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::io::{Read, Write};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// How long any one expectation may take before the test fails. Generous, for loaded machines.
const BOUND: Duration = Duration::from_secs(20);
/// How often a condition is checked again.
const POLL: Duration = Duration::from_millis(20);

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";

/// What the reader thread has seen so far.
struct Term {
    parser: vt100::Parser,
    /// Every byte the binary wrote, in order.
    raw: Vec<u8>,
    /// The pty reached end of file (the child and every copy of the slave side are gone).
    eof: bool,
    /// A read error other than end of file, if one ended the reader.
    read_error: Option<String>,
}

type Shared = Arc<Mutex<Term>>;

/// Locks the shared terminal, ignoring poisoning: a panic elsewhere must not hide the screen.
fn lock(term: &Shared) -> MutexGuard<'_, Term> {
    term.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Kills the child on drop unless it has already exited, and reaps it.
struct ChildGuard {
    child: Box<dyn Child + Send + Sync>,
}

impl ChildGuard {
    /// Polls until the child exits or `timeout` passes.
    fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait on the child") {
                return Some(status);
            }
            if start.elapsed() >= timeout {
                return None;
            }
            thread::sleep(POLL);
        }
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            // portable-pty sends SIGHUP, waits briefly, then SIGKILL.
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The screen, one numbered row a line, for failure messages.
fn dump(screen: &vt100::Screen) -> String {
    screen
        .rows(0, COLS)
        .enumerate()
        .map(|(i, row)| format!("{i:2}|{row}\n"))
        .collect()
}

/// The last `n` bytes of the raw output, escaped, for failure messages.
fn raw_tail(raw: &[u8], n: usize) -> String {
    let start = raw.len().saturating_sub(n);
    String::from_utf8_lossy(&raw[start..])
        .escape_debug()
        .to_string()
}

/// The text of one screen row.
fn row(screen: &vt100::Screen, index: u16) -> String {
    screen
        .rows(0, COLS)
        .nth(usize::from(index))
        .unwrap_or_default()
}

/// The footer's summary line: the second-to-last row.
fn footer_summary(screen: &vt100::Screen) -> String {
    row(screen, ROWS - 2)
}

/// Whether the footer summary names `id` as the selection (" LP-02 · ● implemented ...").
fn footer_selects(screen: &vt100::Screen, id: &str) -> bool {
    footer_summary(screen)
        .trim_start()
        .starts_with(&format!("{id} ·"))
}

/// Whether some row contains `needle`.
fn shows(screen: &vt100::Screen, needle: &str) -> bool {
    screen.rows(0, COLS).any(|r| r.contains(needle))
}

/// Whether some row, past any border and indentation, starts with the label `label`.
fn has_label(screen: &vt100::Screen, label: &str) -> bool {
    screen.rows(0, COLS).any(|r| {
        r.trim_start_matches(|c: char| c.is_whitespace() || ('\u{2500}'..='\u{257f}').contains(&c))
            .starts_with(label)
    })
}

/// Polls the parsed screen every `POLL` until `pred` holds; fails with the screen after `timeout`,
/// or at once if the output has ended (the screen cannot change any more).
fn wait_for(
    term: &Shared,
    what: &str,
    timeout: Duration,
    pred: impl Fn(&vt100::Screen) -> bool,
) -> Duration {
    let start = Instant::now();
    loop {
        {
            let t = lock(term);
            if pred(t.parser.screen()) {
                return start.elapsed();
            }
            if t.eof || start.elapsed() >= timeout {
                let why = if t.eof {
                    format!("the output ended (read error: {:?})", t.read_error)
                } else {
                    format!("{timeout:?} passed")
                };
                panic!(
                    "waiting for {what}: {why}, screen:\n{}\nlast output bytes: {}",
                    dump(t.parser.screen()),
                    raw_tail(&t.raw, 400),
                );
            }
        }
        thread::sleep(POLL);
    }
}

/// Polls until the reader has seen the end of the output; fails with the screen after `timeout`.
fn wait_eof(term: &Shared, timeout: Duration) {
    let start = Instant::now();
    loop {
        {
            let t = lock(term);
            if t.eof {
                return;
            }
            if start.elapsed() >= timeout {
                panic!(
                    "the output did not end within {timeout:?} of the exit, screen:\n{}",
                    dump(t.parser.screen())
                );
            }
        }
        thread::sleep(POLL);
    }
}

/// Sends keys to the binary.
fn send(writer: &mut dyn Write, bytes: &[u8]) {
    writer.write_all(bytes).expect("write to the pty");
    writer.flush().expect("flush the pty");
}

/// The index just past the last occurrence of `needle` in `haystack`.
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w == needle)
        .map(|i| i + needle.len())
}

/// The binary running in a pseudo-terminal, and what it wrote.
struct Session {
    guard: ChildGuard,
    term: Shared,
    writer: Box<dyn Write + Send>,
    reader_thread: thread::JoinHandle<()>,
}

/// Starts `rapporteur ARGS` in a 120x40 pseudo-terminal, with a thread reading its output.
fn spawn(args: &[&str]) -> Session {
    spawn_with_env(args, &[])
}

/// [`spawn`] with extra environment variables.
fn spawn_with_env(args: &[&str], env: &[(&str, &str)]) -> Session {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");

    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_rapporteur"));
    cmd.args(args);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    // The feed can come from the environment; these tests want the built-in sample.
    cmd.env_remove("RAPPORTEUR_FEED");
    cmd.env_remove("RAPPORTEUR_CONFIG");
    // A snapshot archive of the run's own, so no earlier run's snapshot becomes the baseline.
    let data = std::env::temp_dir().join(format!("rapporteur-e2e-{}", std::process::id()));
    cmd.env("XDG_DATA_HOME", data);
    for (key, value) in env {
        cmd.env(key, value);
    }
    let child = pair.slave.spawn_command(cmd).expect("spawn rapporteur");
    let guard = ChildGuard { child };
    // Only the child keeps the slave side open, so the reader sees end of file when it exits.
    drop(pair.slave);

    let term: Shared = Arc::new(Mutex::new(Term {
        parser: vt100::Parser::new(
            ROWS.try_into().expect("rows > 0"),
            COLS.try_into().expect("cols > 0"),
            0,
        ),
        raw: Vec::new(),
        eof: false,
        read_error: None,
    }));
    let mut reader = pair
        .master
        .try_clone_reader()
        .expect("clone the pty reader");
    let reader_thread = {
        let term = Arc::clone(&term);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    // portable-pty turns EIO (slave closed) into Ok(0).
                    Ok(0) => break,
                    Ok(n) => {
                        let mut t = lock(&term);
                        t.parser.process(&buf[..n]);
                        t.raw.extend_from_slice(&buf[..n]);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        lock(&term).read_error = Some(e.to_string());
                        break;
                    }
                }
            }
            lock(&term).eof = true;
        })
    };
    let writer = pair.master.take_writer().expect("take the pty writer");
    Session {
        guard,
        term,
        writer,
        reader_thread,
    }
}

/// Waits for the child to exit, then checks it exited 0 and gave the terminal back.
fn assert_exited_cleanly(session: Session, after: &str) {
    let Session {
        mut guard,
        term,
        reader_thread,
        ..
    } = session;
    let Some(status) = guard.wait_exit(BOUND) else {
        let t = lock(&term);
        panic!(
            "rapporteur did not exit within {BOUND:?} of {after}, screen:\n{}",
            dump(t.parser.screen())
        );
    };
    // Everything the child wrote before exiting is read before the reader sees end of file.
    wait_eof(&term, BOUND);
    reader_thread.join().expect("the reader thread");
    let t = lock(&term);
    let screen = t.parser.screen();
    assert!(
        status.success() && status.exit_code() == 0,
        "rapporteur exited with {status} after {after}, screen:\n{}\nlast output bytes: {}",
        dump(screen),
        raw_tail(&t.raw, 400),
    );
    let entered = rfind(&t.raw, ENTER_ALT).unwrap_or_else(|| {
        panic!(
            "the output never entered the alternate screen; last output bytes: {}",
            raw_tail(&t.raw, 400)
        )
    });
    assert!(
        rfind(&t.raw[entered..], LEAVE_ALT).is_some(),
        "no leave-alternate-screen sequence after the last enter; output after it ends with: {}",
        raw_tail(&t.raw[entered..], 400),
    );
    assert!(
        !screen.alternate_screen(),
        "the terminal is still on the alternate screen after exit"
    );
    assert!(
        !screen.hide_cursor(),
        "the cursor is still hidden after exit; last output bytes: {}",
        raw_tail(&t.raw, 400),
    );
}

#[test]
fn browse_detail_and_quit_restores_terminal() {
    let started = Instant::now();
    let mut session = spawn(&[]);
    let term = Arc::clone(&session.term);
    let writer = &mut session.writer;
    let mut log = Vec::new();

    // 1. The main screen, first pane focused, LP-01 selected.
    let took = wait_for(&term, "the main screen with LP-01 selected", BOUND, |s| {
        shows(s, "Law and Policy Makers") && shows(s, "LP-01") && footer_selects(s, "LP-01")
    });
    log.push(("main screen", took));

    // 2. `j` selects LP-02.
    send(&mut **writer, b"j");
    let took = wait_for(&term, "LP-02 selected in the footer", BOUND, |s| {
        footer_selects(s, "LP-02")
    });
    log.push(("j -> LP-02", took));

    // 3. Enter opens the detail view of LP-02.
    send(&mut **writer, b"\r");
    let took = wait_for(&term, "the detail view of LP-02", BOUND, |s| {
        shows(s, "LP-02 · Law and Policy Makers") && has_label(s, "Status")
    });
    log.push(("Enter -> detail", took));

    // 4. Esc closes it: the panes are back, LP-02 still selected.
    send(&mut **writer, b"\x1b");
    let took = wait_for(&term, "the main screen again after Esc", BOUND, |s| {
        shows(s, "Civil Society Organisations")
            && !shows(s, "LP-02 · Law and Policy Makers")
            && footer_selects(s, "LP-02")
    });
    log.push(("Esc -> main", took));

    // 5. `q` quits cleanly and restores the terminal.
    send(&mut **writer, b"q");
    let quit_at = Instant::now();
    assert_exited_cleanly(session, "`q`");
    log.push(("q -> exit", quit_at.elapsed()));

    let steps: Vec<String> = log
        .iter()
        .map(|(step, took)| format!("{step} {} ms", took.as_millis()))
        .collect();
    println!(
        "e2e_pty: {}; total {} ms",
        steps.join(", "),
        started.elapsed().as_millis()
    );
}

#[test]
fn the_kiosk_ignores_q_and_ctrl_c_and_ends_on_sigterm() {
    let mut session = spawn(&["--kiosk"]);
    let term = Arc::clone(&session.term);
    wait_for(&term, "the kiosk overview", BOUND, |s| {
        shows(s, "read-only display") && shows(s, "Law and Policy Makers")
    });
    // q and Ctrl-C change nothing but a short notice; the process keeps running.
    send(&mut *session.writer, b"q");
    send(&mut *session.writer, b"\x03");
    send(&mut *session.writer, b"\x1b");
    wait_for(&term, "the read-only notice after the keys", BOUND, |s| {
        shows(s, "keys do nothing here") && shows(s, "SAMPLE DATA")
    });
    assert!(
        session.guard.child.try_wait().expect("try_wait").is_none(),
        "the kiosk ended on a key"
    );
    let pid = session.guard.child.process_id().expect("the child's pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    assert_exited_cleanly(session, "SIGTERM");
}

#[test]
fn the_wall_clock_follows_tz() {
    let session = spawn_with_env(&["--kiosk"], &[("TZ", "Asia/Tokyo")]);
    let term = Arc::clone(&session.term);
    wait_for(&term, "the kiosk clock in Tokyo time", BOUND, |s| {
        shows(s, " JST")
    });
    // The clock reads Tokyo's time of day (UTC+9, no daylight saving), within a minute.
    // The burn-in shift may move the top bar down a row: read the whole screen.
    let top = dump(lock(&term).parser.screen());
    let tokyo = |minutes: i64| {
        (chrono::Utc::now() + chrono::Duration::hours(9) + chrono::Duration::minutes(minutes))
            .format("%H:%M JST")
            .to_string()
    };
    assert!(
        [tokyo(-1), tokyo(0), tokyo(1)]
            .iter()
            .any(|t| top.contains(t.as_str())),
        "{top}"
    );
    let pid = session.guard.child.process_id().expect("the child's pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    assert_exited_cleanly(session, "SIGTERM");
}

#[test]
fn edit_form_saves_to_the_file_and_shows_the_entry_in_the_detail() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("feed.json");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/config/sample-feed.json"),
        &path,
    )
    .expect("copy the sample feed");
    let feed = path.to_str().expect("a UTF-8 path");
    let mut session = spawn_with_env(&["--feed", feed], &[("RAPPORTEUR_AUTHOR", "Pty Tester")]);
    let term = Arc::clone(&session.term);
    let writer = &mut session.writer;
    wait_for(&term, "the main screen with LP-01 selected", BOUND, |s| {
        footer_selects(s, "LP-01")
    });

    send(&mut **writer, b"e");
    wait_for(&term, "the edit form on LP-01", BOUND, |s| {
        shows(s, "Assess LP-01") && shows(s, "Ctrl-s save")
    });
    // Up: implemented -> partially implemented; Tab to the note, and type it.
    send(&mut **writer, b"\x1b[A");
    wait_for(&term, "the status changed in the form", BOUND, |s| {
        shows(s, "partially implemented  ↑/↓ to change")
    });
    send(&mut **writer, b"\tTyped in a pty.");
    wait_for(&term, "the note typed", BOUND, |s| {
        shows(s, "Typed in a pty.")
    });
    send(&mut **writer, b"\x13");
    let took = wait_for(&term, "the saved entry in the detail view", BOUND, |s| {
        shows(s, "LP-01 · Law and Policy Makers")
            && shows(s, "partially implemented: Typed in a pty. · by Pty Tester")
            && shows(s, "saved: LP-01")
    });

    let text = std::fs::read_to_string(&path).expect("read the feed");
    assert!(
        text.contains("\"note\": \"Typed in a pty.\",\n          \"author\": \"Pty Tester\""),
        "{text}"
    );
    println!(
        "e2e_pty: Ctrl-s -> saved entry on screen {} ms",
        took.as_millis()
    );
    send(&mut **writer, b"q");
    assert_exited_cleanly(session, "`q` after a save");
}

#[test]
fn e_on_the_built_in_sample_says_why_it_cannot_edit() {
    let mut session = spawn(&[]);
    let term = Arc::clone(&session.term);
    wait_for(&term, "the main screen", BOUND, |s| {
        footer_selects(s, "LP-01")
    });
    send(&mut *session.writer, b"e");
    wait_for(&term, "the reason in the footer", BOUND, |s| {
        shows(
            s,
            "the built-in sample cannot be edited: start with rapporteur init FILE",
        )
    });
    send(&mut *session.writer, b"q");
    assert_exited_cleanly(session, "`q`");
}
