//! Suspend and resume: Ctrl-z gives the terminal back and stops the console as any full-screen
//! program does, and `fg` brings it back drawn and answering keys; SIGSTOP then SIGCONT leaves
//! it usable even when the terminal was set back to cooked mode meanwhile; a wall screen
//! ignores Ctrl-z. Each wait is on a condition (the screen, or the process state in
//! `/proc/PID/stat`), with a bound.
//!
//! The console runs under `bash` with job control, as in a real shell: a process group without
//! a shell to come back to (an orphaned one) is never stopped by SIGTSTP.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test
#![cfg(target_os = "linux")]

mod pty;

use std::path::{Path, PathBuf};

use portable_pty::CommandBuilder;
use pty::{BOUND, ENTER_ALT, Pty, rapporteur, selects, setup, shows, signal, state, wait_stopped};

/// Runs the console as a job of a shell with job control. When it stops, the shell says so,
/// waits for a line, then brings it back with `fg`; when it ends, so does the shell.
fn under_a_shell(args: &[&str], data: &Path) -> CommandBuilder {
    let script = r#""$0" "$@"; status=$?
if [ $status -ge 128 ]; then echo "the shell is back: $status"; read -r _; fg; else exit $status; fi"#;
    let mut cmd = CommandBuilder::new("bash");
    cmd.args(["-m", "-c", script, env!("CARGO_BIN_EXE_rapporteur")]);
    cmd.args(args);
    setup(&mut cmd, data);
    cmd
}

/// The console's pid: the shell's only child.
fn console_pid(shell: u32) -> u32 {
    let start = std::time::Instant::now();
    loop {
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .unwrap_or_default();
        if let Some(pid) = children.split_whitespace().next() {
            return pid.parse().unwrap();
        }
        assert!(start.elapsed() < BOUND, "the shell started no console");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The terminal the process runs in.
fn tty_of(pid: u32) -> PathBuf {
    std::fs::read_link(format!("/proc/{pid}/fd/0")).unwrap()
}

#[test]
fn ctrl_z_gives_the_shell_back_and_fg_brings_the_console_back() {
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(under_a_shell(&[], data.path()));
    pty.wait_for("the main screen", |s| selects(s, "LP-01"));
    let console = console_pid(pty.pid());

    pty.send(b"\x1a");
    wait_stopped(console, true);
    pty.wait_for("the shell's line on the normal screen", |s| {
        !s.alternate_screen() && shows(s, "the shell is back: 148") && !s.hide_cursor()
    });

    let mark = pty.written();
    pty.send(b"\r");
    wait_stopped(console, false);
    pty.wait_written("the alternate screen entered again", mark, ENTER_ALT);
    pty.wait_for("the console drawn again", |s| {
        s.alternate_screen() && selects(s, "LP-01") && shows(s, "Law and Policy Makers")
    });
    pty.send(b"j");
    pty.wait_for("j answered after fg", |s| selects(s, "LP-02"));
    pty.send(b"q");
    let status = pty
        .wait_exit(BOUND)
        .expect("the shell ends with the console");
    assert!(status.success(), "{status}");
    pty.assert_restored();
}

#[test]
fn sigstop_then_sigcont_leaves_the_console_usable_in_raw_mode() {
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(rapporteur(&[], data.path()));
    pty.wait_for("the main screen", |s| selects(s, "LP-01"));
    let console = pty.pid();
    signal(console, libc::SIGSTOP);
    wait_stopped(console, true);
    // What a shell does when it takes the terminal back: its own, line-by-line modes. Were raw
    // mode not set again, the `j` below would wait for a newline.
    let stty = std::process::Command::new("stty")
        .arg("-F")
        .arg(tty_of(console))
        .arg("sane")
        .status()
        .expect("run stty");
    assert!(stty.success());

    let mark = pty.written();
    signal(console, libc::SIGCONT);
    wait_stopped(console, false);
    pty.wait_written("a redraw after SIGCONT", mark, ENTER_ALT);
    pty.wait_for("the console drawn again", |s| {
        selects(s, "LP-01") && shows(s, "Law and Policy Makers")
    });
    pty.send(b"j");
    pty.wait_for("j answered at once after SIGCONT", |s| selects(s, "LP-02"));
    pty.send(b"q");
    let status = pty.wait_exit(BOUND).expect("the console ends on q");
    assert!(status.success(), "{status}");
    pty.assert_restored();
}

#[test]
fn the_kiosk_ignores_ctrl_z() {
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(under_a_shell(&["--kiosk"], data.path()));
    pty.wait_for("the kiosk overview", |s| {
        shows(s, "read-only display") && shows(s, "Law and Policy Makers")
    });
    let console = console_pid(pty.pid());
    pty.send(b"\x1a");
    pty.wait_for("the read-only notice", |s| {
        s.alternate_screen() && shows(s, "keys do nothing here")
    });
    assert_ne!(state(console), Some('T'), "the kiosk stopped on Ctrl-z");
    signal(console, libc::SIGTERM);
    let status = pty.wait_exit(BOUND).expect("the shell ends with the kiosk");
    assert!(status.success(), "{status}");
    pty.assert_restored();
}
