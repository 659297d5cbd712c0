//! Proxies: plain http to this computer never goes through one, whatever `HTTP_PROXY` says; a
//! feed on another computer goes through the proxy of the environment unless `NO_PROXY` names
//! it. The real binary runs `export` with the variables set; the feed and the proxy are small
//! servers on 127.0.0.1 inside the test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use rapporteur::feed::SAMPLE_FEED_JSON;

const BOUND: Duration = Duration::from_secs(30);

/// Answers every request on `listener` with the sample feed; sends each request line on the
/// returned channel.
fn serve_feed(listener: TcpListener) -> mpsc::Receiver<String> {
    let (seen, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let line = answer(stream);
            if seen.send(line).is_err() {
                return;
            }
        }
    });
    lines
}

fn answer(stream: TcpStream) -> String {
    let mut reader = BufReader::new(stream);
    let mut first = String::new();
    let _ = reader.read_line(&mut first);
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
        line.clear();
    }
    let body = SAMPLE_FEED_JSON.as_bytes();
    let mut stream = reader.into_inner();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    first.trim_end().to_owned()
}

/// `rapporteur export` of `feed` with these variables, bounded in time.
fn export(feed: &str, env: &[(&str, String)]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "connect-timeout = 2\nrequest-timeout = 3\nallow-http = true\n",
    )
    .unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_rapporteur"));
    command
        .args(["export", "--format", "json", "--feed", feed])
        .env("RAPPORTEUR_CONFIG", &config)
        .env("HOME", dir.path())
        .env("XDG_CACHE_HOME", dir.path())
        .env("XDG_STATE_HOME", dir.path())
        .env_remove("RAPPORTEUR_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
        "no_proxy",
        "NO_PROXY",
    ] {
        command.env_remove(var);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    let child = command.spawn().expect("the binary runs");
    let (done, wait) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    wait.recv_timeout(BOUND)
        .expect("export ends within the bound")
        .expect("output")
}

fn proxy_env(proxy: &str) -> Vec<(&'static str, String)> {
    ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]
        .into_iter()
        .map(|key| (key, proxy.to_owned()))
        .collect()
}

#[test]
fn a_loopback_feed_never_goes_through_the_proxy() {
    let feed = TcpListener::bind("127.0.0.1:0").unwrap();
    let feed_url = format!("http://{}/feed.json", feed.local_addr().unwrap());
    let requests = serve_feed(feed);
    // A proxy that accepts nothing: a connection to it stays in its queue, where it is seen.
    let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
    proxy.set_nonblocking(true).unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());

    for feed_url in [feed_url.clone(), feed_url.replace("127.0.0.1", "localhost")] {
        let output = export(&feed_url, &proxy_env(&proxy_url));
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{feed_url}: {err}");
        assert_eq!(
            requests.recv_timeout(BOUND).as_deref(),
            Ok("GET /feed.json HTTP/1.1")
        );
    }
    // The process has ended, so any connection it made to the proxy is waiting to be accepted.
    assert!(
        matches!(proxy.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the proxy was contacted"
    );
}

#[test]
fn a_remote_feed_goes_through_the_proxy_unless_no_proxy_names_it() {
    let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    let requests = serve_feed(proxy);
    // `.invalid` never resolves: the feed can only arrive through the proxy.
    let remote = "http://feed.example.invalid/date.json";

    let output = export(remote, &proxy_env(&proxy_url));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    assert_eq!(
        requests.recv_timeout(BOUND).as_deref(),
        Ok("GET http://feed.example.invalid/date.json HTTP/1.1")
    );

    let mut env = proxy_env(&proxy_url);
    env.push(("NO_PROXY", "example.invalid".to_owned()));
    let output = export(remote, &env);
    assert!(!output.status.success());
    assert!(
        requests.try_recv().is_err(),
        "the proxy was used despite NO_PROXY"
    );
}
