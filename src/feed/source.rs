//! Feed sources: each runs as a tokio task and reaches the app only as [`FeedMessage`]s.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::error::{LoadError, Place};
use super::parse::parse;
use super::sanitize;
use super::signature::PublicKey;
use super::{http, watch};
use crate::model::Feed;

/// The sample feed shown when no feed is given: the DATE catalogue with illustrative statuses.
pub const SAMPLE_FEED_JSON: &str = include_str!("../../config/sample-feed.json");

/// Where the statuses come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The sample feed built into the binary.
    Embedded,
    /// A local file.
    File(PathBuf),
    /// A remote feed over HTTPS (or HTTP to a loopback address).
    Http(String),
}

impl Source {
    /// Reads a `--feed` argument: a URL when it starts with `http://` or `https://`, a path otherwise.
    pub fn from_arg(arg: &str) -> Source {
        let lower = arg.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            Source::Http(arg.to_owned())
        } else {
            Source::File(PathBuf::from(arg))
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Embedded => f.write_str("built-in sample"),
            // Everything that names a feed goes through here: cleaned like feed text, since a
            // path or URL can hold anything, and never with credentials.
            Source::File(path) => f.write_str(&sanitize::line(
                &path.display().to_string(),
                sanitize::caps::URL,
            )),
            Source::Http(url) => f.write_str(&sanitize::line(
                &super::redact::url_for_display(url),
                sanitize::caps::URL,
            )),
        }
    }
}

/// What a source tells the app.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedMessage {
    /// A load has started; the first frame shows a spinner until it ends.
    Loading,
    /// A good feed arrived.
    Loaded {
        /// The feed.
        feed: Box<Feed>,
        /// When it arrived.
        at: DateTime<Utc>,
    },
    /// At start, before the source answered: the copy saved after the last good load. Shown at
    /// once, marked stale with its age, until the source itself answers.
    Cached {
        /// The saved feed.
        feed: Box<Feed>,
        /// When it was saved, that is when it was last fetched.
        saved_at: DateTime<Utc>,
    },
    /// The source was checked and has not changed (an HTTP 304).
    Unchanged {
        /// When it was checked.
        at: DateTime<Utc>,
    },
    /// A load failed; the app keeps the last good feed.
    Failed {
        /// What went wrong, and where.
        error: LoadError,
        /// When it failed.
        at: DateTime<Utc>,
        /// When the source will try again by itself; `None` when it waits for a change or a
        /// refresh request.
        retry_at: Option<DateTime<Utc>>,
    },
}

/// How sources fetch, poll and cache. The defaults are those of the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceOptions {
    /// Time between polls of a remote feed.
    pub interval: Duration,
    /// The most a connection may take to open.
    pub connect_timeout: Duration,
    /// The most a whole request may take, body included.
    pub request_timeout: Duration,
    /// The largest body accepted; a larger one is stopped while it streams.
    pub max_body_bytes: u64,
    /// Allow plain `http://` to hosts other than loopback.
    pub allow_http: bool,
    /// Sent as `Authorization: Bearer` over https only; never shown or logged.
    pub token: Option<Secret>,
    /// Where the last good body of each remote feed is kept; `None` keeps none.
    pub cache_dir: Option<PathBuf>,
    /// When set, only feeds with a good signature by this key are accepted (see
    /// [`super::signature`]).
    pub public_key: Option<PublicKey>,
}

impl Default for SourceOptions {
    fn default() -> Self {
        SourceOptions {
            interval: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(20),
            max_body_bytes: 32 * 1024 * 1024,
            allow_http: false,
            token: None,
            cache_dir: None,
            public_key: None,
        }
    }
}

/// The shortest poll interval accepted, so a wall screen cannot hammer its server.
pub const MIN_INTERVAL: Duration = Duration::from_secs(5);

/// A secret that never prints: its `Debug` shows only that it is there.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(hidden)")
    }
}

/// Starts the task for a source; it runs until the app drops the receiving end of `tx`.
///
/// - Embedded: loaded at once, and again on each request on `refresh`.
/// - File: loaded at once, then on each change to the file and each refresh request
///   (see [`watch::run`]).
/// - Http: the saved copy from the last run first (if `options.cache_dir` holds one), then
///   fetched at once, every `options.interval`, and on each refresh request (see [`http::run`]).
pub fn spawn(
    source: Source,
    options: SourceOptions,
    tx: mpsc::Sender<FeedMessage>,
    refresh: mpsc::Receiver<()>,
) -> JoinHandle<()> {
    match source {
        Source::Embedded => tokio::spawn(embedded(tx, refresh)),
        Source::File(path) => tokio::spawn(watch::run(path, options, tx, refresh)),
        Source::Http(url) => tokio::spawn(http::run(url, options, tx, refresh)),
    }
}

async fn embedded(tx: mpsc::Sender<FeedMessage>, mut refresh: mpsc::Receiver<()>) {
    loop {
        if tx.send(FeedMessage::Loading).await.is_err() {
            return;
        }
        let message = load_once(&Source::Embedded, &SourceOptions::default()).await;
        if tx.send(message).await.is_err() || refresh.recv().await.is_none() {
            return;
        }
    }
}

/// Loads a source once, off the async threads since a large feed takes a while to parse. A
/// remote feed is fetched once under `options`, without its saved copy.
pub async fn load_once(source: &Source, options: &SourceOptions) -> FeedMessage {
    let origin = source.to_string();
    let result = match source {
        Source::Embedded => {
            tokio::task::spawn_blocking(move || parse(SAMPLE_FEED_JSON.as_bytes(), &origin)).await
        }
        Source::File(path) => {
            let (path, options) = (path.clone(), options.clone());
            tokio::task::spawn_blocking(move || read_file_with(&path, &origin, &options, None))
                .await
        }
        Source::Http(url) => Ok(fetch_once(url, options).await),
    };
    message(result, &source.to_string())
}

async fn fetch_once(raw_url: &str, options: &SourceOptions) -> Result<Feed, LoadError> {
    let mut fetcher = http::Fetcher::new(raw_url, options)?;
    let url = fetcher.origin().to_owned();
    let url = url.as_str();
    match fetcher.fetch().await {
        http::FetchOutcome::Modified { body, .. } => {
            let key = options.public_key.as_ref();
            http::signed::accept(&fetcher, body, key, None)
                .await
                .map(|accepted| accepted.feed)
        }
        // A fresh fetcher sends no validators, and the fetcher fails a 304 to such a request.
        http::FetchOutcome::NotModified => Err(LoadError::one(
            url,
            Place::Whole,
            "HTTP 304 Not Modified to a request for the whole feed",
        )),
        http::FetchOutcome::Failed { error, .. } => Err(error),
    }
}

/// The message for the end of a load that ran on a blocking thread.
pub(crate) fn message(
    result: Result<Result<Feed, LoadError>, tokio::task::JoinError>,
    origin: &str,
) -> FeedMessage {
    let at = Utc::now();
    match result {
        Ok(Ok(feed)) => FeedMessage::Loaded {
            feed: Box::new(feed),
            at,
        },
        Ok(Err(error)) => FeedMessage::Failed {
            error,
            at,
            retry_at: None,
        },
        Err(join) => FeedMessage::Failed {
            error: LoadError::one(
                origin,
                Place::Whole,
                format!("loading stopped unexpectedly: {join}"),
            ),
            at,
            retry_at: None,
        },
    }
}

/// Reads and parses a local feed file, within the default body limit.
pub fn read_file(path: &std::path::Path, origin: &str) -> Result<Feed, LoadError> {
    read_file_within(path, origin, SourceOptions::default().max_body_bytes)
}

/// Reads and parses a local feed file: only a regular file of at most `max_bytes` (see
/// [`super::local`]).
pub fn read_file_within(
    path: &std::path::Path,
    origin: &str,
    max_bytes: u64,
) -> Result<Feed, LoadError> {
    let bytes = super::local::read_regular(path, max_bytes)
        .map_err(|err| LoadError::one(origin, Place::Whole, err.reason()))?;
    parse(&bytes, origin)
}

/// Reads, checks and parses a local feed under `options`: a regular file within the body limit,
/// and with a public key, a good signature beside it signed no earlier than `not_before`.
pub fn read_file_with(
    path: &std::path::Path,
    origin: &str,
    options: &SourceOptions,
    not_before: Option<DateTime<Utc>>,
) -> Result<Feed, LoadError> {
    let bytes = super::local::read_regular(path, options.max_body_bytes)
        .map_err(|err| LoadError::one(origin, Place::Whole, err.reason()))?;
    local_feed(path, &bytes, origin, options, not_before)
}

/// The feed in `bytes`, read from `path`: its signature checked first when a key is set.
pub fn local_feed(
    path: &std::path::Path,
    bytes: &[u8],
    origin: &str,
    options: &SourceOptions,
    not_before: Option<DateTime<Utc>>,
) -> Result<Feed, LoadError> {
    let verified = match &options.public_key {
        Some(key) => Some(
            super::signature::read_beside(path)
                .and_then(|signature| super::signature::verify(key, bytes, &signature, not_before))
                .map_err(|reason| LoadError::one(origin, Place::Whole, reason))?,
        ),
        None => None,
    };
    let mut feed = parse(bytes, origin)?;
    feed.signed_at = verified.map(|v| v.signed_at);
    Ok(feed)
}

/// An I/O error in words a user can act on.
pub fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file (check the path)".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".into(),
        _ => err.to_string(),
    }
}
