//! The baseline end to end: the real binary in a pseudo-terminal, run three times on one feed
//! file with one snapshot archive. The second run shows the changes since the first run's
//! snapshot (the default baseline, `previous`), and the third run, on the same data, still shows
//! them: the marks survive a restart. Every wait is on what the screen shows, with a bound.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const BOUND: Duration = Duration::from_secs(20);

/// Runs the console on `feed` until `expect` holds of the screen, then quits with `q`. Returns the
/// screen's text.
fn run_console(data: &Path, feed: &Path, what: &str, expect: impl Fn(&str) -> bool) -> String {
    run_console_within(data, feed, None, what, expect)
}

/// [`run_console`], its files limited to `limit_kib` KiB when given (`ulimit -f`, with SIGXFSZ
/// ignored so that a write past it fails as on a full disk instead of ending the process).
fn run_console_within(
    data: &Path,
    feed: &Path,
    limit_kib: Option<u32>,
    what: &str,
    expect: impl Fn(&str) -> bool,
) -> String {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let bin = env!("CARGO_BIN_EXE_rapporteur");
    let feed = feed.to_str().unwrap();
    let mut cmd = match limit_kib {
        None => {
            let mut cmd = CommandBuilder::new(bin);
            cmd.args(["--feed", feed]);
            cmd
        }
        Some(kib) => {
            let mut cmd = CommandBuilder::new("/bin/sh");
            let script = format!("ulimit -f {kib} && trap '' XFSZ && exec \"$0\" \"$@\"");
            cmd.args(["-c", &script, bin, "--feed", feed]);
            cmd
        }
    };
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("TZ", "UTC");
    cmd.env("XDG_DATA_HOME", data);
    cmd.env("XDG_CONFIG_HOME", data.join("no-config"));
    cmd.env_remove("RAPPORTEUR_FEED");
    cmd.env_remove("RAPPORTEUR_CONFIG");
    cmd.env_remove("RAPPORTEUR_BASELINE");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        ROWS.try_into().unwrap(),
        COLS.try_into().unwrap(),
        0,
    )));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let reading = {
        let parser = Arc::clone(&parser);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                parser.lock().unwrap().process(&buf[..n]);
            }
        })
    };
    let mut writer = pair.master.take_writer().unwrap();
    let start = Instant::now();
    let screen = loop {
        let text = parser.lock().unwrap().screen().contents();
        if expect(&text) {
            break text;
        }
        if start.elapsed() > BOUND {
            let _ = child.kill();
            panic!("waiting for {what}, the screen:\n{text}");
        }
        thread::sleep(Duration::from_millis(20));
    };
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < BOUND, "the console did not quit");
        thread::sleep(Duration::from_millis(20));
    }
    drop(writer);
    drop(pair.master);
    let _ = reading.join();
    screen
}

/// The screen row that shows a record.
fn row_of<'a>(screen: &'a str, id: &str) -> &'a str {
    screen
        .lines()
        .find(|line| line.contains(id))
        .unwrap_or_else(|| panic!("{id} is not on screen:\n{screen}"))
}

#[test]
fn change_marks_relative_to_the_previous_snapshot_survive_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let feed = data.path().join("feed.json");
    std::fs::copy("tests/fixtures/diff-old.json", &feed).unwrap();
    run_console(data.path(), &feed, "the first feed", |s| {
        s.contains("LP-03")
    });

    std::fs::copy("tests/fixtures/diff-new.json", &feed).unwrap();
    // LP-03 moved forward and MR-04 backward since the first run's snapshot. The wait is for the
    // whole of it, as a frame can be read half drawn; it fails when the marks never come.
    let marked = |s: &str| {
        s.contains("since ")
            && s.lines().any(|l| l.contains("LP-03") && l.contains('▲'))
            && s.lines().any(|l| l.contains("MR-04") && l.contains('▼'))
    };
    for run in ["the second run", "the run after a restart"] {
        let screen = run_console(data.path(), &feed, run, marked);
        assert!(!row_of(&screen, "LP-01").contains('▲'), "{run}:\n{screen}");
    }
}

#[test]
fn an_unwritable_archive_is_said_once_and_the_console_goes_on() {
    // A file where the archive's folder should be: every write fails, as on a full disk.
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("rapporteur"), b"in the way").unwrap();
    let feed = data.path().join("feed.json");
    std::fs::copy("tests/fixtures/diff-new.json", &feed).unwrap();
    let screen = run_console(data.path(), &feed, "the notice", |s| {
        s.contains("Running without the snapshot archive") && s.contains("MR-04")
    });
    assert!(screen.contains("LP-01"), "{screen}");
}

#[test]
fn a_full_disk_is_said_once_and_the_console_goes_on() {
    // No file of the console may grow past 24 KiB: the archive's first write fails for want of
    // room, as on a full disk.
    let data = tempfile::tempdir().unwrap();
    let feed = data.path().join("feed.json");
    std::fs::copy("tests/fixtures/diff-new.json", &feed).unwrap();
    let screen = run_console_within(data.path(), &feed, Some(24), "the notice", |s| {
        s.contains("Running without the snapshot archive") && s.contains("MR-04")
    });
    // SQLite says the disk is full, or that a write failed, depending on which write it was.
    assert!(
        screen.contains("the disk is full") || screen.contains("refused a write (is it full?)"),
        "{screen}"
    );
    assert!(screen.contains("LP-01"), "{screen}");
}

#[test]
fn a_damaged_archive_is_said_once_and_the_console_goes_on() {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(data.path().join("rapporteur")).unwrap();
    std::fs::write(
        data.path().join("rapporteur").join("archive.sqlite"),
        vec![9u8; 4096],
    )
    .unwrap();
    let feed = data.path().join("feed.json");
    std::fs::copy("tests/fixtures/diff-new.json", &feed).unwrap();
    run_console(data.path(), &feed, "the notice", |s| {
        s.contains("Running without the snapshot archive") && s.contains("LP-01")
    });
}
