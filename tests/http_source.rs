//! Remote feeds against real HTTP servers on 127.0.0.1 inside the test: wiremock for ordinary
//! answers, a small raw TCP server for misbehaving ones. Every wait is on a condition (the next
//! message, the server finishing) with a bound; nothing sleeps to synchronise.
//!
//! The bearer token is never sent over plain http, and these servers speak only plain http, so
//! no test here can see a token arrive. What they check instead is that a token with an http URL
//! is refused before any request is made; where the token may go on a redirect chain is a pure
//! function, unit-tested in `src/feed/http/policy.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

// A test crate's root looks for modules beside it, so the folder is named explicitly.
#[path = "http_source/misbehaving.rs"]
mod misbehaving;
#[path = "http_source/offline.rs"]
mod offline;
#[path = "http_source/redirects.rs"]
mod redirects;
#[path = "http_source/retry_after.rs"]
mod retry_after;

use std::time::{Duration, Instant};

use tokio::net::TcpListener;
use tokio::sync::mpsc;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use rapporteur::feed::SAMPLE_FEED_JSON;
use rapporteur::feed::http::{FetchOutcome, Fetcher, USER_AGENT};
use rapporteur::feed::source::spawn;
use rapporteur::feed::{Source, SourceOptions};
use rapporteur::model::FeedMessage;

/// The longest any single wait in these tests may take before it counts as a failure.
const BOUND: Duration = Duration::from_secs(5);

fn options() -> SourceOptions {
    SourceOptions {
        interval: Duration::from_secs(60),
        connect_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(2),
        max_body_bytes: 256 * 1024,
        allow_http: false,
        token: None,
        cache_dir: None,
        public_key: None,
    }
}

/// The sample feed under another title, to tell versions apart.
fn feed_titled(title: &str) -> String {
    SAMPLE_FEED_JSON.replacen("DATE recommendations: implementation status", title, 1)
}

struct Running {
    rx: mpsc::Receiver<FeedMessage>,
    refresh: mpsc::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Running {
    fn start(url: &str, options: SourceOptions) -> Running {
        let (tx, rx) = mpsc::channel(8);
        let (refresh, refresh_rx) = mpsc::channel(1);
        let task = spawn(Source::Http(url.to_owned()), options, tx, refresh_rx);
        Running { rx, refresh, task }
    }

    /// The next message, whatever it is.
    async fn next(&mut self) -> FeedMessage {
        tokio::time::timeout(BOUND, self.rx.recv())
            .await
            .expect("a message within the bound")
            .expect("the source is still running")
    }

    /// The next message that is not `Loading`.
    async fn result(&mut self) -> FeedMessage {
        loop {
            match self.next().await {
                FeedMessage::Loading => {}
                other => return other,
            }
        }
    }
}

fn title(message: &FeedMessage) -> &str {
    match message {
        FeedMessage::Loaded { feed, .. } | FeedMessage::Cached { feed, .. } => &feed.title,
        other => panic!("expected a feed, got {other:?}"),
    }
}

fn error_text(message: &FeedMessage) -> String {
    match message {
        FeedMessage::Failed { error, .. } => error.to_string(),
        other => panic!("expected a failure, got {other:?}"),
    }
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap())
}

async fn feed_server(body: String) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn loads_a_feed_and_says_who_is_asking() {
    let server = feed_server(feed_titled("First")).await;
    let url = format!("{}/feed.json", server.uri());
    let mut source = Running::start(&url, options());
    assert_eq!(source.next().await, FeedMessage::Loading);
    assert_eq!(title(&source.result().await), "First");

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        header(&requests[0], "user-agent"),
        Some(concat!("rapporteur/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(
        USER_AGENT,
        concat!("rapporteur/", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(header(&requests[0], "accept"), Some("application/json"));
    assert_eq!(header(&requests[0], "authorization"), None);
}

#[tokio::test]
async fn etag_goes_back_as_if_none_match_and_a_304_may_renew_it() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(|request: &Request| match header(request, "if-none-match") {
            None => ResponseTemplate::new(200)
                .insert_header("ETag", "\"v1\"")
                .set_body_string(feed_titled("Tagged")),
            Some("\"v1\"") => ResponseTemplate::new(304).insert_header("ETag", "\"v2\""),
            Some("\"v2\"") => ResponseTemplate::new(304),
            Some(_) => ResponseTemplate::new(500),
        })
        .mount(&server)
        .await;
    let url = format!("{}/feed.json", server.uri());
    let mut source = Running::start(
        &url,
        SourceOptions {
            interval: Duration::from_millis(20),
            ..options()
        },
    );
    assert_eq!(title(&source.result().await), "Tagged");
    for _ in 0..3 {
        assert!(matches!(
            source.result().await,
            FeedMessage::Unchanged { .. }
        ));
    }
    let sent: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| header(request, "if-none-match").map(str::to_owned))
        .take(4)
        .collect();
    let expected = [None, Some("\"v1\""), Some("\"v2\""), Some("\"v2\"")];
    assert_eq!(sent, expected.map(|tag| tag.map(str::to_owned)));
}

#[tokio::test]
async fn last_modified_goes_back_as_if_modified_since() {
    const OLD: &str = "Sat, 28 Nov 2026 09:00:00 GMT";
    const NEW: &str = "Sun, 29 Nov 2026 09:00:00 GMT";
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            |request: &Request| match header(request, "if-modified-since") {
                None => ResponseTemplate::new(200)
                    .insert_header("Last-Modified", OLD)
                    .set_body_string(feed_titled("Dated")),
                Some(OLD) => ResponseTemplate::new(304).insert_header("Last-Modified", NEW),
                Some(NEW) => ResponseTemplate::new(304),
                Some(_) => ResponseTemplate::new(500),
            },
        )
        .mount(&server)
        .await;
    let url = format!("{}/feed.json", server.uri());
    let mut fetcher = Fetcher::new(&url, &options()).unwrap();
    let FetchOutcome::Modified { validators, .. } = fetcher.fetch().await else {
        panic!("expected a body");
    };
    fetcher.remember(validators);
    assert!(matches!(fetcher.fetch().await, FetchOutcome::NotModified));
    assert!(matches!(fetcher.fetch().await, FetchOutcome::NotModified));
    let sent: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| header(request, "if-modified-since").map(str::to_owned))
        .collect();
    assert_eq!(sent, [None, Some(OLD.to_owned()), Some(NEW.to_owned())]);
}

#[tokio::test]
async fn an_invalid_body_is_not_answered_with_a_304_next_time() {
    let (server, url) = first_then_feed(
        ResponseTemplate::new(200)
            .insert_header("ETag", "\"bad\"")
            .set_body_string("{"),
        "Fixed",
    )
    .await;
    let mut source = Running::start(
        &url,
        SourceOptions {
            interval: Duration::from_millis(20),
            ..options()
        },
    );
    let failed = error_text(&source.result().await);
    assert!(failed.starts_with(&format!("{url}:1:")), "{failed}");
    assert_eq!(title(&source.result().await), "Fixed");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(header(&requests[1], "if-none-match"), None);
}

#[tokio::test]
async fn a_server_error_is_reported_and_the_next_success_recovers() {
    let (_server, url) = first_then_feed(ResponseTemplate::new(500), "Back").await;
    // A short interval keeps the backoff (at most five intervals) short too.
    let mut source = Running::start(
        &url,
        SourceOptions {
            interval: Duration::from_millis(50),
            ..options()
        },
    );
    assert_eq!(
        error_text(&source.result().await),
        format!("{url}: HTTP 500 Internal Server Error")
    );
    assert_eq!(title(&source.result().await), "Back");
}

#[tokio::test]
async fn retry_after_on_429_is_waited_out() {
    let (_server, url) = first_then_feed(
        ResponseTemplate::new(429).insert_header("Retry-After", "1"),
        "Later",
    )
    .await;
    // Without Retry-After the first retry would come within one interval (0.4 s); the cap of
    // five intervals (2 s) leaves room for the second the server asks for.
    let mut source = Running::start(
        &url,
        SourceOptions {
            interval: Duration::from_millis(400),
            ..options()
        },
    );
    let failed = source.result().await;
    let failed_at = Instant::now();
    assert_eq!(
        error_text(&failed),
        format!("{url}: HTTP 429 Too Many Requests")
    );
    assert_eq!(title(&source.result().await), "Later");
    let waited = failed_at.elapsed();
    assert!(waited >= Duration::from_millis(950), "{waited:?}");
    assert!(waited < Duration::from_millis(2900), "{waited:?}");
}

#[tokio::test]
async fn refresh_fetches_at_once() {
    let server = feed_server(feed_titled("Again")).await;
    let url = format!("{}/feed.json", server.uri());
    let mut source = Running::start(&url, options());
    assert_eq!(title(&source.result().await), "Again");
    source.refresh.send(()).await.unwrap();
    assert_eq!(source.next().await, FeedMessage::Loading);
    assert_eq!(title(&source.result().await), "Again");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_closed_port_is_reported() {
    let url = format!("http://{}/feed.json", closed_port().await);
    let mut fetcher = Fetcher::new(&url, &options()).unwrap();
    let message = failure(fetcher.fetch().await);
    assert!(message.contains("refused the connection"), "{message}");
}

/// An address on which nothing listens.
async fn closed_port() -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap()
}

/// A server that answers the first request with `first` and every later one with a valid feed
/// titled `then`, and the feed's URL on it.
async fn first_then_feed(first: ResponseTemplate, then: &str) -> (MockServer, String) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(feed_titled(then)))
        .mount(&server)
        .await;
    let url = format!("{}/feed.json", server.uri());
    (server, url)
}

fn failure(outcome: FetchOutcome) -> String {
    match outcome {
        FetchOutcome::Failed { error, .. } => error.to_string(),
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[tokio::test]
async fn a_304_to_a_request_without_validators_is_a_failure() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(304))
        .mount(&server)
        .await;
    let url = format!("{}/feed.json", server.uri());
    let message = failure(Fetcher::new(&url, &options()).unwrap().fetch().await);
    assert!(
        message.contains("HTTP 304 Not Modified to a request for the whole feed"),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn load_fetches_a_remote_feed_once() {
    let server = feed_server(feed_titled("Once")).await;
    let url = format!("{}/feed.json", server.uri());
    let options = options();
    let feed =
        tokio::task::spawn_blocking(move || rapporteur::feed::load(&Source::Http(url), &options))
            .await
            .expect("the load ends")
            .expect("a feed");
    assert_eq!(feed.title, "Once");
}
