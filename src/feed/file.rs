//! Reading a local feed file: only a regular file within the body limit (see [`super::local`]),
//! its signature checked first when a public key is set.

use bytes::Bytes;
use chrono::{DateTime, Utc};

use super::local::{open_regular, read_regular};
use super::options::SourceOptions;
use super::parse::{parse_body_folded, streamed_folded};
use super::validate::{Fold, whole};
use crate::model::error::{FailureKind, LoadError, Place};
use crate::model::{Feed, Recommendation};

/// Reads, checks and parses a local feed under `options`: a regular file within the body limit,
/// and with a public key, a good signature beside it signed no earlier than `not_before`.
pub fn read_file_with(
    path: &std::path::Path,
    origin: &str,
    options: &SourceOptions,
    not_before: Option<DateTime<Utc>>,
) -> Result<Feed, LoadError> {
    read_file_folded::<Vec<Recommendation>>(path, origin, options, not_before).map(whole)
}

/// [`read_file_with`], keeping only what `K` keeps of the records: the feed without its records,
/// and that.
pub fn read_file_folded<K: Fold>(
    path: &std::path::Path,
    origin: &str,
    options: &SourceOptions,
    not_before: Option<DateTime<Utc>>,
) -> Result<(Feed, K), LoadError> {
    // Read into one buffer of the file's size, then shared, never copied, with the archive.
    let bytes = read_regular(path, options.max_body_bytes)
        .map_err(|err| LoadError::one(origin, Place::Whole, err.reason()).with_kind(err.kind()))?;
    let signature = || super::signature::read_beside(path);
    checked_folded(&Bytes::from(bytes), signature, origin, options, not_before)
}

/// [`read_file_folded`] for a caller that keeps little of the records (`check`): a file that
/// needs no signature is read a piece at a time, never whole
/// ([`super::parse::streamed_folded`]), its pieces handed to the archive as they are read
/// ([`super::tap::offer_file`]). Any other, or one that way cannot vouch for, is read whole,
/// which also says what is wrong with it.
pub fn read_file_lean<K: Fold>(
    path: &std::path::Path,
    origin: &str,
    options: &SourceOptions,
) -> Result<(Feed, K), LoadError> {
    if options.public_key.is_none()
        && let Ok((file, len)) = open_regular(path, options.max_body_bytes)
    {
        let (parts, pending) = super::tap::offer_file(origin, path, len);
        if let Some((feed, kept)) = streamed_folded::<K>(parts.tee(file), options.max_body_bytes) {
            pending.confirm(feed.generated_at, || kept.counts());
            return Ok((feed, kept));
        }
        // Dropped unconfirmed: the archive lets that reading go, and keeps the whole one.
        drop(pending);
    }
    read_file_folded(path, origin, options, None)
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
    checked_folded::<Vec<Recommendation>>(bytes, signature, origin, options, not_before).map(whole)
}

/// [`checked_feed`], keeping only what `K` keeps of the records.
fn checked_folded<K: Fold>(
    bytes: &Bytes,
    signature: impl FnOnce() -> Result<Vec<u8>, String>,
    origin: &str,
    options: &SourceOptions,
    not_before: Option<DateTime<Utc>>,
) -> Result<(Feed, K), LoadError> {
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
    let (mut feed, kept) = parse_body_folded::<K>(bytes, origin)?;
    feed.signed_at = verified.map(|v| v.signed_at);
    Ok((feed, kept))
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
