//! Reading a local feed file: only a regular file within the body limit (see [`super::local`]),
//! its signature checked first when a public key is set.

use bytes::Bytes;
use chrono::{DateTime, Utc};

use super::local::read_regular;
use super::options::SourceOptions;
use super::parse::parse_body;
use crate::model::Feed;
use crate::model::error::{FailureKind, LoadError, Place};

/// Reads, checks and parses a local feed under `options`: a regular file within the body limit,
/// and with a public key, a good signature beside it signed no earlier than `not_before`.
pub fn read_file_with(
    path: &std::path::Path,
    origin: &str,
    options: &SourceOptions,
    not_before: Option<DateTime<Utc>>,
) -> Result<Feed, LoadError> {
    let bytes = read_regular(path, options.max_body_bytes)
        .map_err(|err| LoadError::one(origin, Place::Whole, err.reason()).with_kind(err.kind()))?;
    local_feed(path, &Bytes::from(bytes), origin, options, not_before)
}

/// The feed in `bytes`, read from `path`: its signature checked first when a key is set.
pub fn local_feed(
    path: &std::path::Path,
    bytes: &Bytes,
    origin: &str,
    options: &SourceOptions,
    not_before: Option<DateTime<Utc>>,
) -> Result<Feed, LoadError> {
    let signature = || super::signature::read_beside(path);
    checked_feed(bytes, signature, origin, options, not_before)
}

/// The feed in `bytes`; when a key is set, `signature` gives the bytes of its signature (or why
/// they could not be read), checked before anything is parsed.
pub fn checked_feed(
    bytes: &Bytes,
    signature: impl FnOnce() -> Result<Vec<u8>, String>,
    origin: &str,
    options: &SourceOptions,
    not_before: Option<DateTime<Utc>>,
) -> Result<Feed, LoadError> {
    let verified = match &options.public_key {
        Some(key) => Some(
            signature()
                .and_then(|signature| super::signature::verify(key, bytes, &signature, not_before))
                .map_err(|reason| {
                    LoadError::one(origin, Place::Whole, reason).with_kind(FailureKind::Other)
                })?,
        ),
        None => None,
    };
    let mut feed = parse_body(bytes, origin)?;
    feed.signed_at = verified.map(|v| v.signed_at);
    Ok(feed)
}

/// A file that could not be read, with the kind of failure: missing or unreadable.
pub fn read_error(origin: &str, err: &std::io::Error) -> LoadError {
    let kind = if err.kind() == std::io::ErrorKind::NotFound {
        FailureKind::Missing
    } else {
        FailureKind::Unreadable
    };
    LoadError::one(
        origin,
        Place::Whole,
        format!("cannot be read: {}", io_reason(err)),
    )
    .with_kind(kind)
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
