//! Servers that misbehave in ways wiremock cannot: slow, silent, short or endless bodies. A raw
//! TCP server reads the request head and then writes whatever the test wants.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

use rapporteur::feed::SourceOptions;
use rapporteur::feed::http::Fetcher;

use super::{BOUND, failure, options};

/// A raw server: for each connection it reads the request head, then lets `answer` write what
/// it likes. `written` counts the bytes of body the answers managed to send; `done` gets a
/// message as each answer ends.
pub struct Raw {
    pub url: String,
    written: Arc<AtomicU64>,
    done: mpsc::UnboundedReceiver<()>,
    accepting: tokio::task::JoinHandle<()>,
}

impl Raw {
    /// Stops listening; once this returns, connecting is refused.
    pub async fn stop(self) {
        self.accepting.abort();
        let _ = self.accepting.await;
    }
}

pub async fn raw<F, Fut>(answer: F) -> Raw
where
    F: Fn(TcpStream, Arc<AtomicU64>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/feed.json", listener.local_addr().unwrap());
    let written = Arc::new(AtomicU64::new(0));
    let (done_tx, done) = mpsc::unbounded_channel();
    let counter = written.clone();
    let accepting = tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            read_head(&mut stream).await;
            let answering = answer(stream, counter.clone());
            let done_tx = done_tx.clone();
            tokio::spawn(async move {
                answering.await;
                let _ = done_tx.send(());
            });
        }
    });
    Raw {
        url,
        written,
        done,
        accepting,
    }
}

async fn read_head(stream: &mut TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).await.unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
}

/// Writes `total` bytes of spaces in 64 KiB pieces, counting what got through, until done or
/// the client goes away.
async fn pour(stream: &mut TcpStream, total: u64, written: &AtomicU64, chunked: bool) {
    let piece = vec![b' '; 64 * 1024];
    let mut sent = 0;
    while sent < total {
        let result = if chunked {
            let mut framed = format!("{:x}\r\n", piece.len()).into_bytes();
            framed.extend_from_slice(&piece);
            framed.extend_from_slice(b"\r\n");
            stream.write_all(&framed).await
        } else {
            stream.write_all(&piece).await
        };
        if result.is_err() {
            return;
        }
        sent += piece.len() as u64;
        written.fetch_add(piece.len() as u64, Ordering::Relaxed);
    }
}

/// The failure a fetch of `url` ends in.
async fn fetch_failure(url: &str, options: &SourceOptions) -> String {
    failure(Fetcher::new(url, options).unwrap().fetch().await)
}

fn short_timeout() -> SourceOptions {
    SourceOptions {
        request_timeout: Duration::from_millis(400),
        ..options()
    }
}

#[tokio::test]
async fn a_body_trickling_slower_than_the_timeout_is_cut_off() {
    let server = raw(|mut stream, _| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n{")
            .await;
        let mut tick = tokio::time::interval(Duration::from_millis(20));
        while stream.write_all(b" ").await.is_ok() {
            tick.tick().await;
        }
    })
    .await;
    let started = Instant::now();
    let message = fetch_failure(&server.url, &short_timeout()).await;
    assert_eq!(
        message,
        format!(
            "{}: the body did not finish arriving within 0.4 s",
            server.url
        )
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn headers_then_silence_is_cut_off() {
    let server = raw(|mut stream, _| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n")
            .await;
        // Holds the connection open without a word until the client leaves.
        let _ = stream.read(&mut [0u8; 1]).await;
    })
    .await;
    let message = fetch_failure(&server.url, &short_timeout()).await;
    assert!(
        message.ends_with("the body did not finish arriving within 0.4 s"),
        "{message}"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_is_cut_off() {
    let server = raw(|mut stream, _| async move {
        let _ = stream.read(&mut [0u8; 1]).await;
    })
    .await;
    let message = fetch_failure(&server.url, &short_timeout()).await;
    assert_eq!(message, format!("{}: no answer within 0.4 s", server.url));
}

#[tokio::test]
async fn a_truncated_body_fails_at_once() {
    let server = raw(|mut stream, _| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{\"schema_version\": 1")
            .await;
        let _ = stream.shutdown().await;
    })
    .await;
    let started = Instant::now();
    let message = fetch_failure(&server.url, &options()).await;
    assert!(
        message.contains("the connection broke before the whole body arrived"),
        "{message}"
    );
    assert!(started.elapsed() < options().request_timeout);
}

/// Sends a 64 MiB body (after `head`) to a client that accepts 256 KiB, and checks that the
/// client stopped it: the failure names the limit, and the server could not send even a quarter.
async fn oversized(head: &'static [u8], chunked: bool) {
    const TOTAL: u64 = 64 * 1024 * 1024;
    let mut server = raw(move |mut stream, written| async move {
        if stream.write_all(head).await.is_ok() {
            pour(&mut stream, TOTAL, &written, chunked).await;
        }
    })
    .await;
    let message = fetch_failure(&server.url, &options()).await;
    assert_eq!(
        message,
        format!("{}: the body is larger than the 256 KiB limit", server.url)
    );
    tokio::time::timeout(BOUND, server.done.recv())
        .await
        .expect("the server gave up once the client left");
    let written = server.written.load(Ordering::Relaxed);
    assert!(written < TOTAL / 4, "the server sent {written} bytes");
}

#[tokio::test]
async fn an_oversized_body_with_content_length_is_refused_unread() {
    oversized(
        b"HTTP/1.1 200 OK\r\nContent-Length: 67108864\r\n\r\n",
        false,
    )
    .await;
}

#[tokio::test]
async fn an_oversized_body_without_content_length_is_stopped_at_the_cap() {
    oversized(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", false).await;
}

#[tokio::test]
async fn an_oversized_chunked_body_is_stopped_at_the_cap() {
    oversized(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        true,
    )
    .await;
}
