//! A small harness for driving a program in a pseudo-terminal: a reader thread feeds everything
//! it writes into a `vt100` parser, every wait polls a condition with a bound, and a guard kills
//! the child if a test fails midway. Used by the quit and suspend tests.

// Each test file uses a part of the harness.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, PtySize, native_pty_system};

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;
/// How long an expectation may take before the test fails. Generous, for loaded machines.
pub const BOUND: Duration = Duration::from_secs(20);
/// How often a condition is checked again.
const POLL: Duration = Duration::from_millis(20);

pub const ENTER_ALT: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALT: &[u8] = b"\x1b[?1049l";

struct Term {
    parser: vt100::Parser,
    raw: Vec<u8>,
    eof: bool,
}

/// A program running in a 120x40 pseudo-terminal.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    term: Arc<Mutex<Term>>,
    writer: Box<dyn Write + Send>,
}

fn lock(term: &Mutex<Term>) -> MutexGuard<'_, Term> {
    term.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The `rapporteur` binary with the built-in sample and an archive of the test's own.
pub fn rapporteur(args: &[&str], data: &std::path::Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_rapporteur"));
    cmd.args(args);
    setup(&mut cmd, data);
    cmd
}

/// Environment every run shares: a known terminal, no feed or config from the caller.
pub fn setup(cmd: &mut CommandBuilder, data: &std::path::Path) {
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("RAPPORTEUR_FEED");
    cmd.env_remove("RAPPORTEUR_CONFIG");
    cmd.env("XDG_DATA_HOME", data);
    cmd.env("XDG_CONFIG_HOME", data);
}

impl Pty {
    /// Starts `cmd` with a thread reading its output.
    pub fn spawn(cmd: CommandBuilder) -> Pty {
        let size = PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).expect("open a pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn the program");
        drop(pair.slave);
        let term = Arc::new(Mutex::new(Term {
            parser: vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0),
            raw: Vec::new(),
            eof: false,
        }));
        let mut reader = pair.master.try_clone_reader().expect("the pty reader");
        let shared = Arc::clone(&term);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        let mut t = lock(&shared);
                        t.parser.process(&buf[..n]);
                        t.raw.extend_from_slice(&buf[..n]);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
            lock(&shared).eof = true;
        });
        let writer = pair.master.take_writer().expect("the pty writer");
        Pty {
            child,
            term,
            writer,
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's pid")
    }

    /// Sends keys.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// How many bytes the program has written so far.
    pub fn written(&self) -> usize {
        lock(&self.term).raw.len()
    }

    /// Whether the program wrote `needle` after the first `from` bytes.
    pub fn wrote_since(&self, from: usize, needle: &[u8]) -> bool {
        let t = lock(&self.term);
        t.raw[from.min(t.raw.len())..]
            .windows(needle.len())
            .any(|w| w == needle)
    }

    /// The screen as text, one numbered row a line, for failure messages.
    pub fn dump(&self) -> String {
        let t = lock(&self.term);
        t.parser
            .screen()
            .rows(0, COLS)
            .enumerate()
            .map(|(i, row)| format!("{i:2}|{row}\n"))
            .collect()
    }

    /// Waits until `pred` holds of the screen; fails with the screen after [`BOUND`].
    pub fn wait_for(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if pred(lock(&self.term).parser.screen()) {
                return;
            }
            if start.elapsed() >= BOUND {
                let t = lock(&self.term);
                let tail = String::from_utf8_lossy(&t.raw[t.raw.len().saturating_sub(400)..])
                    .escape_debug()
                    .to_string();
                drop(t);
                panic!(
                    "waiting for {what}: {BOUND:?} passed, screen:\n{}\nlast output: {tail}",
                    self.dump()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits at most `bound` for the child to exit.
    pub fn wait_exit(&mut self, bound: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status);
            }
            if start.elapsed() >= bound {
                return None;
            }
            thread::sleep(POLL);
        }
    }

    /// After the exit: the output has ended, the alternate screen was left after it was last
    /// entered, and the cursor is shown.
    pub fn assert_restored(&self) {
        let start = Instant::now();
        while !lock(&self.term).eof {
            assert!(
                start.elapsed() < BOUND,
                "the output did not end after the exit"
            );
            thread::sleep(POLL);
        }
        let t = lock(&self.term);
        let entered = t.raw.windows(ENTER_ALT.len()).rposition(|w| w == ENTER_ALT);
        let left = t.raw.windows(LEAVE_ALT.len()).rposition(|w| w == LEAVE_ALT);
        assert!(
            entered.is_some() && left > entered,
            "the alternate screen was not left after it was last entered"
        );
        assert!(
            !t.parser.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(
            !t.parser.screen().hide_cursor(),
            "the cursor is still hidden"
        );
    }
}

/// Whether some row of the screen contains `needle`.
pub fn shows(screen: &vt100::Screen, needle: &str) -> bool {
    screen.rows(0, COLS).any(|r| r.contains(needle))
}

/// Whether the footer's summary (the second-to-last row) names `id` as the selection.
pub fn selects(screen: &vt100::Screen, id: &str) -> bool {
    screen
        .rows(0, COLS)
        .nth(usize::from(ROWS - 2))
        .unwrap_or_default()
        .trim_start()
        .starts_with(&format!("{id} ·"))
}

/// The state letter of a process in `/proc/PID/stat` (`R`, `S`, `T` for stopped...).
pub fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Waits until the process is, or is no longer, stopped; fails after [`BOUND`].
pub fn wait_stopped(pid: u32, stopped: bool) {
    let start = Instant::now();
    while (state(pid) == Some('T')) != stopped {
        assert!(
            start.elapsed() < BOUND,
            "process {pid} is in state {:?}, waiting for stopped = {stopped}",
            state(pid)
        );
        thread::sleep(POLL);
    }
}

/// Sends `signal` to `pid`.
pub fn signal(pid: u32, signal: libc::c_int) {
    let pid = libc::pid_t::try_from(pid).expect("a pid");
    // SAFETY: kill only sends a signal, to a process this test started.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
}

/// The processor time a process has used so far (user and system), from `/proc/PID/stat`.
pub fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    // utime and stime are fields 14 and 15; the rest starts at field 3.
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    // SAFETY: sysconf only reads a system setting.
    let per_second = u64::try_from(unsafe { libc::sysconf(libc::_SC_CLK_TCK) }).unwrap_or(100);
    Duration::from_millis(ticks * 1000 / per_second.max(1))
}

/// Waits until the process has used at least `busy` of processor time.
pub fn wait_busy(pid: u32, busy: Duration) {
    let start = Instant::now();
    while cpu_time(pid) < busy {
        assert!(start.elapsed() < BOUND, "process {pid} did not get busy");
        thread::sleep(POLL);
    }
}

impl Pty {
    /// Waits until the program writes `needle` after its first `from` bytes.
    pub fn wait_written(&self, what: &str, from: usize, needle: &[u8]) {
        let start = Instant::now();
        while !self.wrote_since(from, needle) {
            if start.elapsed() >= BOUND {
                let t = lock(&self.term);
                let tail = &t.raw[from.min(t.raw.len())..];
                panic!(
                    "waiting for {what}: {BOUND:?} passed; output since: {}",
                    String::from_utf8_lossy(&tail[tail.len().saturating_sub(600)..]).escape_debug()
                );
            }
            thread::sleep(POLL);
        }
    }
}
