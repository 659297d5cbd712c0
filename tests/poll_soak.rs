//! Soak: 10,000 polls of the real poll loop against a local server that answers 200, 304 and
//! 500 in turn, checking that memory stays flat, then the CPU cost of one 304 poll.
//!
//! Ignored by default (it takes a while); run it with
//! `cargo test --release --test poll_soak -- --ignored --nocapture`.
//! Linux only: it reads /proc.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

use rapporteur::feed::SAMPLE_FEED_JSON;
use rapporteur::feed::source::spawn;
use rapporteur::feed::{Source, SourceOptions};
use rapporteur::model::FeedMessage;

const POLLS: usize = 10_000;
const WARM_UP: usize = 1_000;
const CPU_POLLS: usize = 3_000;

/// Starts a keep-alive HTTP/1.1 server on its own thread, so its work does not count in the
/// client thread's CPU time. `/cycle` answers 200, 304, 500 in turn; `/304` always 304 once the
/// client has a validator to send.
fn start_server() -> std::net::SocketAddr {
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            addr_tx.send(listener.local_addr().unwrap()).unwrap();
            let count = std::sync::Arc::new(AtomicU64::new(0));
            while let Ok((stream, _)) = listener.accept().await {
                let count = count.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut read = BufReader::new(read);
                    let mut line = String::new();
                    loop {
                        line.clear();
                        if read.read_line(&mut line).await.unwrap_or(0) == 0 {
                            return;
                        }
                        let only_304 = line.contains(" /304 ");
                        // Reads the rest of the request head, noting a validator.
                        let mut conditional = false;
                        loop {
                            line.clear();
                            if read.read_line(&mut line).await.unwrap_or(0) == 0 {
                                return;
                            }
                            if line == "\r\n" {
                                break;
                            }
                            conditional |= line.to_ascii_lowercase().starts_with("if-none-match:");
                        }
                        // A 304 needs a validator to answer; without one, the body comes.
                        let turn = match (only_304, conditional) {
                            (_, false) => 0,
                            (true, true) => 1,
                            (false, true) => count.fetch_add(1, Ordering::Relaxed) % 3,
                        };
                        let response = match turn {
                            1 => "HTTP/1.1 304 Not Modified\r\nETag: \"v\"\r\n\r\n".to_owned(),
                            0 => format!(
                                "HTTP/1.1 200 OK\r\nETag: \"v\"\r\nContent-Length: {}\r\n\r\n{}",
                                SAMPLE_FEED_JSON.len(),
                                SAMPLE_FEED_JSON
                            ),
                            _ => "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"
                                .to_owned(),
                        };
                        if write.write_all(response.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
    });
    addr_rx.recv().unwrap()
}

/// Resident memory of the whole process, in KiB.
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/self/status")
}

/// CPU time of the calling thread, in nanoseconds (first field of schedstat).
fn thread_cpu_ns() -> u64 {
    let schedstat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
    schedstat
        .split_whitespace()
        .next()
        .and_then(|ns| ns.parse().ok())
        .expect("CPU time in /proc/thread-self/schedstat")
}

struct Polling {
    rx: mpsc::Receiver<FeedMessage>,
    _refresh: mpsc::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Polling {
    /// The poll loop of a remote feed at `url`, polling back to back.
    fn start(url: String, cache_dir: Option<std::path::PathBuf>) -> Polling {
        let options = SourceOptions {
            // No pause between polls (and so none in the backoff either): the soak is about
            // what each poll leaves behind, not about timing.
            interval: Duration::ZERO,
            cache_dir,
            ..rapporteur::startup::default_source_options().unwrap()
        };
        let (tx, rx) = mpsc::channel(8);
        let (refresh, refresh_rx) = mpsc::channel(1);
        let task = spawn(Source::Http(url), options, tx, refresh_rx);
        Polling {
            rx,
            _refresh: refresh,
            task,
        }
    }

    /// Waits for `polls` poll results, counting each kind.
    async fn results(&mut self, polls: usize, counts: &mut [usize; 3]) {
        let mut seen = 0;
        while seen < polls {
            let message = tokio::time::timeout(Duration::from_secs(10), self.rx.recv())
                .await
                .expect("a poll result within 10 s")
                .expect("the poll loop is running");
            let kind = match message {
                FeedMessage::Loaded { .. } | FeedMessage::LoadedFile { .. } => 0,
                FeedMessage::Unchanged { .. } => 1,
                FeedMessage::Failed { .. } => 2,
                FeedMessage::Loading | FeedMessage::Cached { .. } => continue,
            };
            counts[kind] += 1;
            seen += 1;
        }
    }
}

impl Drop for Polling {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[test]
#[ignore = "soak test: cargo test --release --test poll_soak -- --ignored --nocapture"]
fn ten_thousand_polls_keep_memory_flat() {
    let addr = start_server();
    let cache = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut polling = Polling::start(
            format!("http://{addr}/cycle"),
            Some(cache.path().to_owned()),
        );
        let mut counts = [0usize; 3];
        let started = Instant::now();
        polling.results(WARM_UP, &mut counts).await;
        let before = rss_kib();
        polling.results(POLLS - WARM_UP, &mut counts).await;
        let after = rss_kib();
        let elapsed = started.elapsed();
        let growth = (after as f64 - before as f64) / before as f64 * 100.0;
        println!(
            "{POLLS} polls in {elapsed:.2?} ({} loaded, {} unchanged, {} failed)",
            counts[0], counts[1], counts[2]
        );
        println!(
            "RSS after {WARM_UP} polls: {before} KiB; after {POLLS}: {after} KiB ({growth:+.2}%)"
        );
        assert!(counts.iter().all(|&n| n > POLLS / 4), "{counts:?}");
        assert!(growth < 5.0, "RSS grew {growth:.2}% after warm-up");

        let mut polling = Polling::start(format!("http://{addr}/304"), None);
        polling.results(100, &mut [0; 3]).await;
        let mut counts = [0usize; 3];
        let cpu_before = thread_cpu_ns();
        let wall = Instant::now();
        polling.results(CPU_POLLS, &mut counts).await;
        let cpu = thread_cpu_ns() - cpu_before;
        let per_poll = cpu as f64 / CPU_POLLS as f64 / 1000.0;
        println!(
            "304 polls: {CPU_POLLS} in {:.2?}; client CPU {per_poll:.1} µs per poll",
            wall.elapsed()
        );
        assert_eq!(counts[1], CPU_POLLS, "{counts:?}");
    });
}
