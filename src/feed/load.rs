//! One way to load a feed once, whatever its source: what `check`, `export` and the built-in
//! sample use. The running console's sources ([`super::source::spawn`]) poll and watch instead.

use bytes::Bytes;

use super::file::{read_file_lean, read_file_with};
use super::http::{FetchOutcome, Fetcher};
use super::options::{Source, SourceOptions};
use super::parse::{parse_body, parse_body_folded};
use super::validate::{Fold, fold_feed};
use crate::model::Feed;
use crate::model::error::{LoadError, Place};

/// The sample feed shown when no feed is given: the DATE catalogue with illustrative statuses.
pub const SAMPLE_FEED_JSON: &str = include_str!("../../config/sample-feed.json");

/// Loads a source once: the built-in sample, a local file, or one fetch of a remote feed under
/// `options` (https rules, token, size cap, time limits), without its saved copy.
///
/// Blocking: call it from a plain thread (the console's tasks call it through
/// `spawn_blocking`), never from async code.
pub fn load(source: &Source, options: &SourceOptions) -> Result<Feed, LoadError> {
    let origin = source.to_string();
    match source {
        Source::Embedded => parse_body(&Bytes::from_static(SAMPLE_FEED_JSON.as_bytes()), &origin),
        Source::File(path) => read_file_with(path, &origin, options, None),
        Source::Http(url) => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| LoadError::one(&origin, Place::Whole, e.to_string()))?;
            runtime.block_on(fetch(url, options))
        }
    }
}

/// [`load`], keeping only what `K` keeps of the records: the feed without its records, and
/// that. A local feed (or the sample) is folded record by record as it is checked, a local file
/// read a piece at a time when it can be ([`read_file_lean`]); a remote one is loaded whole
/// first.
pub fn load_folded<K: Fold>(
    source: &Source,
    options: &SourceOptions,
) -> Result<(Feed, K), LoadError> {
    let origin = source.to_string();
    match source {
        Source::Embedded => {
            parse_body_folded(&Bytes::from_static(SAMPLE_FEED_JSON.as_bytes()), &origin)
        }
        Source::File(path) => read_file_lean(path, &origin, options),
        Source::Http(_) => load(source, options).map(fold_feed),
    }
}

/// One fetch, its signature checked first when a key is set, then parsed.
async fn fetch(raw_url: &str, options: &SourceOptions) -> Result<Feed, LoadError> {
    let mut fetcher = Fetcher::new(raw_url, options)?;
    let url = fetcher.origin().to_owned();
    let url = url.as_str();
    match fetcher.fetch().await {
        FetchOutcome::Modified { body, .. } => {
            let key = options.public_key.as_ref();
            super::http::signed::accept(&fetcher, body, key, None)
                .await
                .map(|accepted| accepted.feed)
        }
        // A fresh fetcher sends no validators, and the fetcher fails a 304 to such a request.
        FetchOutcome::NotModified => Err(LoadError::one(
            url,
            Place::Whole,
            "HTTP 304 Not Modified to a request for the whole feed",
        )),
        FetchOutcome::Failed { error, .. } => Err(error),
    }
}
