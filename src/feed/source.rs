//! Feed sources: each runs as a tokio task and reaches the app only as [`FeedMessage`]s.

use chrono::Utc;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::options::{Source, SourceOptions};
use super::{http, load, watch};
use crate::model::error::{LoadError, Place};
use crate::model::{Feed, FeedMessage};

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
        Source::Embedded => tokio::spawn(embedded(options, tx, refresh)),
        Source::File(path) => tokio::spawn(watch::run(path, options, tx, refresh)),
        Source::Http(url) => tokio::spawn(http::run(url, options, tx, refresh)),
    }
}

async fn embedded(
    options: SourceOptions,
    tx: mpsc::Sender<FeedMessage>,
    mut refresh: mpsc::Receiver<()>,
) {
    let origin = Source::Embedded.to_string();
    loop {
        if tx.send(FeedMessage::Loading).await.is_err() {
            return;
        }
        let opts = options.clone();
        let loaded = tokio::task::spawn_blocking(move || load::load(&Source::Embedded, &opts));
        let message = message(loaded.await, &origin);
        if tx.send(message).await.is_err() || refresh.recv().await.is_none() {
            return;
        }
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
