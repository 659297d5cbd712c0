//! Reading a local feed file.

use super::parse::parse;
use crate::model::Feed;
use crate::model::error::{FailureKind, LoadError, Place};

/// Reads and parses a local feed file.
pub fn read_file(path: &std::path::Path, origin: &str) -> Result<Feed, LoadError> {
    let bytes = std::fs::read(path).map_err(|err| read_error(origin, &err))?;
    parse(&bytes, origin)
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
