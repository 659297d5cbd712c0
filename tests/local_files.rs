//! Only regular files are read, and only up to the body limit: a named pipe, a device, a socket,
//! a folder or a huge file at the feed path (or in the cache) is refused at once with a message,
//! through `rapporteur check` and through the live source. Every wait is bounded.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test
#![cfg(unix)]

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use tokio::sync::mpsc;

use rapporteur::feed::source::spawn;
use rapporteur::feed::{Source, SourceOptions, cache};
use rapporteur::model::FeedMessage;

/// Far more than a refusal takes; a read that blocked on a pipe would never end.
const BOUND: Duration = Duration::from_secs(10);

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid, NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// The odd files a feed path may point at, each with the words its refusal must contain.
fn odd_files(
    dir: &Path,
) -> (
    Vec<(PathBuf, &'static str)>,
    std::os::unix::net::UnixListener,
) {
    let fifo = dir.join("pipe.json");
    mkfifo(&fifo);
    let zero = dir.join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let null = dir.join("null.json");
    std::os::unix::fs::symlink("/dev/null", &null).unwrap();
    let socket = dir.join("socket.json");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let folder = dir.join("folder.json");
    std::fs::create_dir(&folder).unwrap();
    let big = dir.join("big.json");
    // Sparse: 40 GiB on paper, nothing on the disk.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(40 << 30)
        .unwrap();
    let files = vec![
        (fifo, "is a named pipe (FIFO), not a regular file"),
        (zero, "is a device, not a regular file"),
        (null, "is a device, not a regular file"),
        (socket, "is a socket, not a regular file"),
        (folder, "is a folder, not a regular file"),
        (
            big,
            "is 40 GiB (42949672960 bytes), larger than the 32 MiB limit (max-body-mib)",
        ),
    ];
    (files, listener)
}

/// Runs the binary, killing it if it outlives the bound (a read blocked on a pipe).
fn run_bounded(args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .env_remove("RAPPORTEUR_FEED")
        .env_remove("RAPPORTEUR_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let pid = child.id();
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    match wait.recv_timeout(BOUND) {
        Ok(output) => output.expect("output"),
        Err(_) => {
            // SAFETY: kill only sends a signal, to the child this test started.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            panic!("rapporteur {args:?} was still running after {BOUND:?}");
        }
    }
}

#[test]
fn check_refuses_every_file_that_is_not_a_regular_one_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (files, _listener) = odd_files(dir.path());
    for (path, expected) in files {
        let output = run_bounded(&["check", path.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{}: {err}", path.display());
        assert!(err.contains(expected), "{}: {err}", path.display());
        assert!(err.contains(&path.display().to_string()), "{err}");
    }
}

#[test]
fn check_applies_max_body_mib_from_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "max-body-mib = 1\n").unwrap();
    let feed = dir.path().join("feed.json");
    std::fs::File::create(&feed)
        .unwrap()
        .set_len(3 << 20)
        .unwrap();
    let output = run_bounded(&[
        "check",
        "--config",
        config.to_str().unwrap(),
        feed.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("is 3 MiB (3145728 bytes), larger than the 1 MiB limit"),
        "{err}"
    );
}

#[tokio::test]
async fn the_live_source_reports_each_odd_file_instead_of_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let (files, _listener) = odd_files(dir.path());
    for (path, expected) in files {
        let (tx, mut rx) = mpsc::channel(8);
        let (_refresh, refresh_rx) = mpsc::channel(1);
        let task = spawn(
            Source::File(path.clone()),
            rapporteur::startup::default_source_options().unwrap(),
            tx,
            refresh_rx,
        );
        let mut answer = None;
        while answer.is_none() {
            match tokio::time::timeout(BOUND, rx.recv()).await {
                Ok(Some(FeedMessage::Loading)) => {}
                Ok(message) => answer = message,
                Err(_) => panic!("{}: no answer within {BOUND:?}", path.display()),
            }
        }
        task.abort();
        let Some(FeedMessage::Failed { error, .. }) = answer else {
            panic!("{}: {answer:?}", path.display());
        };
        assert!(error.to_string().contains(expected), "{error}");
    }
}

#[test]
fn a_cache_entry_that_is_a_pipe_or_a_device_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = cache::path_for(dir.path(), "https://a.example/feed.json");
    mkfifo(&fifo);
    let reason = cache::read(&fifo, 1 << 20).expect_err("a pipe is no saved copy");
    assert!(reason.contains("named pipe"), "{reason}");
    let zero = cache::path_for(dir.path(), "https://b.example/feed.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let reason = cache::read(&zero, 1 << 20).expect_err("a device is no saved copy");
    assert!(reason.contains("device"), "{reason}");
}

#[tokio::test]
async fn a_remote_feed_starts_even_when_its_cache_entry_is_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/feed.json");
    mkfifo(&cache::path_for(dir.path(), &url));
    let options = SourceOptions {
        cache_dir: Some(dir.path().to_owned()),
        connect_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(2),
        ..rapporteur::startup::default_source_options().unwrap()
    };
    let (tx, mut rx) = mpsc::channel(8);
    let (_refresh, refresh_rx) = mpsc::channel(1);
    let task = spawn(Source::Http(url), options, tx, refresh_rx);
    let first = tokio::time::timeout(BOUND, rx.recv())
        .await
        .expect("answers");
    assert_eq!(first, Some(FeedMessage::Loading));
    let second = tokio::time::timeout(BOUND, rx.recv())
        .await
        .expect("answers");
    task.abort();
    // No saved copy was offered; the fetch itself was tried and its failure reported.
    assert!(
        matches!(second, Some(FeedMessage::Failed { .. })),
        "{second:?}"
    );
}
