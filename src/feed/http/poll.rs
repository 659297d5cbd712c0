//! The poll loop of a remote feed: the saved copy first, then a fetch now and at every interval,
//! sooner on request, later (with backoff) after failures.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::mpsc;

use super::signed::{self, Accepted};
use super::{FetchOutcome, Fetcher, backoff};
use crate::feed::cache;
use crate::feed::options::SourceOptions;
use crate::feed::parse::parse;
use crate::feed::signature::{self, PublicKey};
use crate::model::Feed;
use crate::model::FeedMessage;

/// Polls `url` until the app stops listening (`tx` closes).
///
/// Sends `Loading` at start and on each refresh request, but not for background polls, which
/// would make the spinner blink on a wall screen every minute. A closed `refresh` channel only
/// stops the refresh requests; polling goes on.
pub async fn run(
    url: String,
    options: SourceOptions,
    tx: mpsc::Sender<FeedMessage>,
    mut refresh: mpsc::Receiver<()>,
) {
    if tx.send(FeedMessage::Loading).await.is_err() {
        return;
    }
    let mut fetcher = match Fetcher::new(&url, &options) {
        Ok(fetcher) => fetcher,
        Err(error) => {
            // A refused address stays refused: say so once and fetch nothing.
            let _ = tx
                .send(FeedMessage::Failed {
                    error,
                    at: Utc::now(),
                    retry_at: None,
                })
                .await;
            return;
        }
    };
    let cache_path = options
        .cache_dir
        .as_deref()
        .map(|dir| cache::path_for(dir, &url));
    let key = options.public_key.as_ref();
    // When the feed on screen was signed: an older one is refused.
    let mut shown_signed: Option<DateTime<Utc>> = None;
    let bounds = (options.max_body_bytes, options.request_timeout);
    let cached = match &cache_path {
        Some(path) => load_cached(path, fetcher.origin(), bounds, key).await,
        None => None,
    };
    if let Some((feed, saved_at)) = cached {
        shown_signed = feed.signed_at;
        let message = FeedMessage::Cached {
            feed: Box::new(feed),
            saved_at,
        };
        if tx.send(message).await.is_err() {
            return;
        }
    }
    let mut failures = 0u32;
    let mut refresh_open = true;
    loop {
        let mut polled = poll_once(&mut fetcher, key, shown_signed).await;
        let failed = matches!(polled.message, FeedMessage::Failed { .. });
        failures = if failed {
            failures.saturating_add(1)
        } else {
            0
        };
        let saved_at = match &polled.message {
            FeedMessage::Loaded { at, feed } => {
                shown_signed = feed.signed_at.or(shown_signed);
                Some(*at)
            }
            _ => None,
        };
        let delay = next_delay(&mut polled, failures, options.interval);
        if tx.send(polled.message).await.is_err() {
            return;
        }
        // After the send, so a slow disk never delays the screen.
        if let (Some(path), Some((body, signature)), Some(at)) =
            (&cache_path, polled.good_body, saved_at)
        {
            save_cached(path.clone(), body, signature, at, options.request_timeout).await;
        }
        tracing::debug!(url = %crate::feed::redact::url_for_log(&url), ?delay, failures, "next poll");
        if wait(delay, &mut refresh, &mut refresh_open).await
            && tx.send(FeedMessage::Loading).await.is_err()
        {
            return;
        }
    }
}

/// How long to wait before the next poll: the interval, or after a failure the backoff (a
/// server's Retry-After winning); a failure's message then says when the next try is.
fn next_delay(
    polled: &mut Polled,
    failures: u32,
    interval: std::time::Duration,
) -> std::time::Duration {
    let delay = if failures > 0 {
        backoff::retry_delay(failures, interval, polled.retry_after, fastrand::f64())
    } else {
        interval
    };
    if let FeedMessage::Failed { at, retry_at, .. } = &mut polled.message {
        *retry_at = chrono::Duration::from_std(delay)
            .ok()
            .and_then(|delay| at.checked_add_signed(delay));
    }
    delay
}

/// What one poll produced.
struct Polled {
    /// The message for the app.
    message: FeedMessage,
    /// How long the server asked us to wait, after a 429 or 503.
    retry_after: Option<Duration>,
    /// The body of a good new feed and its signature, to save for the next start.
    good_body: Option<(bytes::Bytes, Option<Vec<u8>>)>,
}

/// One fetch, turned into the message for the app. A good new body's validators are kept.
async fn poll_once(
    fetcher: &mut Fetcher,
    key: Option<&PublicKey>,
    not_before: Option<DateTime<Utc>>,
) -> Polled {
    let (message, retry_after, good_body) = match fetcher.fetch().await {
        FetchOutcome::NotModified => (FeedMessage::Unchanged { at: Utc::now() }, None, None),
        FetchOutcome::Failed { error, retry_after } => (
            FeedMessage::Failed {
                error,
                at: Utc::now(),
                retry_at: None,
            },
            retry_after,
            None,
        ),
        FetchOutcome::Modified { body, validators } => {
            let accepted = signed::accept(fetcher, body, key, not_before).await;
            let at = Utc::now();
            match accepted {
                Ok(Accepted {
                    feed,
                    body,
                    signature,
                }) => {
                    // Only now: a refused body is asked for again, not answered with a 304.
                    fetcher.remember(validators);
                    let feed = Box::new(feed);
                    let message = FeedMessage::Loaded { feed, at };
                    (message, None, Some((body, signature)))
                }
                Err(error) => {
                    let message = FeedMessage::Failed {
                        error,
                        at,
                        retry_at: None,
                    };
                    (message, None, None)
                }
            }
        }
    };
    Polled {
        message,
        retry_after,
        good_body,
    }
}

/// Waits `delay`, or less if a refresh is requested; true when it was.
async fn wait(delay: Duration, refresh: &mut mpsc::Receiver<()>, open: &mut bool) -> bool {
    let sleep = tokio::time::sleep(delay);
    tokio::pin!(sleep);
    loop {
        tokio::select! {
            () = &mut sleep => return false,
            request = refresh.recv(), if *open => match request {
                Some(()) => return true,
                None => *open = false,
            },
        }
    }
}

/// The saved copy, if there is a good one; a bad one is logged and ignored. With a key, a copy
/// saved without a good signature is bad. A copy not read within `within` (a stalled disk) is
/// given up, so the fetch is not held up.
async fn load_cached(
    path: &Path,
    origin: &str,
    (max_bytes, within): (u64, Duration),
    key: Option<&PublicKey>,
) -> Option<(Feed, DateTime<Utc>)> {
    let path = path.to_path_buf();
    let origin = origin.to_owned();
    let key = key.cloned();
    let loaded = tokio::task::spawn_blocking(move || {
        let saved = match cache::read(&path, max_bytes) {
            Ok(Some(saved)) => saved,
            Ok(None) => return None,
            Err(reason) => {
                tracing::warn!(path = %path.display(), "ignoring the saved copy of the feed: {reason}");
                return None;
            }
        };
        let verified = match (&key, &saved.signature) {
            (None, _) => None,
            (Some(key), Some(sig)) => match signature::verify(key, &saved.body, sig, None) {
                Ok(verified) => Some(verified),
                Err(reason) => {
                    tracing::warn!(path = %path.display(), "ignoring the saved copy of the feed: {reason}");
                    return None;
                }
            },
            (Some(_), None) => {
                tracing::warn!(path = %path.display(), "ignoring the saved copy of the feed: it was saved unsigned");
                return None;
            }
        };
        match parse(&saved.body, &origin) {
            Ok(mut feed) => {
                feed.signed_at = verified.map(|v| v.signed_at);
                Some((feed, saved.saved_at))
            }
            Err(error) => {
                tracing::warn!(path = %path.display(), "ignoring the saved copy of the feed: {error}");
                None
            }
        }
    });
    match tokio::time::timeout(within, loaded).await {
        Ok(loaded) => loaded.ok().flatten(),
        Err(_) => {
            tracing::warn!(
                "ignoring the saved copy of the feed: not read within {} s",
                within.as_secs()
            );
            None
        }
    }
}

/// Saves a good body for the next start. A failure costs only the offline copy, so it is logged,
/// not shown; so is a save not done within `within` (a stalled disk), which must not stop polling.
async fn save_cached(
    path: PathBuf,
    body: bytes::Bytes,
    signature: Option<Vec<u8>>,
    at: DateTime<Utc>,
    within: Duration,
) {
    let saving = tokio::task::spawn_blocking(move || {
        cache::save_signed(&path, &body, signature.as_deref(), at).map_err(|err| (path, err))
    });
    let Ok(result) = tokio::time::timeout(within, saving).await else {
        tracing::warn!(
            "the feed was not saved for offline use within {} s",
            within.as_secs()
        );
        return;
    };
    match result {
        Ok(Ok(())) => {}
        Ok(Err((path, err))) => {
            tracing::warn!(path = %path.display(), "could not save the feed for offline use: {err}");
        }
        Err(join) => tracing::warn!("saving the feed stopped unexpectedly: {join}"),
    }
}
