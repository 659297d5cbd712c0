//! The snapshot archive: every distinct feed this machine has loaded, per source, so that the
//! console can say what changed since a date, a named report or the previous load.
//!
//! One SQLite file, `$XDG_DATA_HOME/rapporteur/archive.sqlite`. SQLite gives atomic writes and lets
//! several consoles on one machine read and write it at once (WAL mode, with a busy timeout).
//! Same bytes = same snapshot: a body is kept once per source, under its digest ([`digest_hex`]),
//! as compressed pieces that the versions of a feed share ([`chunk`]).
//! The archive is a convenience: a damaged or locked one costs the history, never the console.

mod chunk;
mod codec;
mod pack;
mod read;
mod record;
mod schema;
mod thin;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::options::Source;
use crate::model::StatusCounts;

pub use codec::{compress, decompress};
pub use pack::{Early, Packed, digest_hex};
pub use record::Recorded;

/// How long a write waits for another process holding the archive before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The archive file's name inside its folder.
pub const FILE_NAME: &str = "archive.sqlite";

/// What went wrong with the archive, in words that name the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveError(pub String);

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ArchiveError {}

/// One kept snapshot, without its body.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Its row id, to fetch the body with.
    pub id: i64,
    /// When this machine first read these bytes (or read them again after another version).
    pub fetched_at: DateTime<Utc>,
    /// When the publisher produced it.
    pub generated_at: DateTime<Utc>,
    /// Its records by status.
    pub counts: StatusCounts,
    /// The name it was pinned under, such as "2025 report".
    pub pinned: Option<String>,
    /// The BLAKE3 of the body, in hex ([`digest_hex`]).
    pub digest: String,
}

/// An open archive.
pub struct Archive {
    conn: Connection,
    path: PathBuf,
    keep: usize,
}

impl fmt::Debug for Archive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Archive")
            .field("path", &self.path)
            .field("keep", &self.keep)
            .finish()
    }
}

/// The archive's usual place: `$XDG_DATA_HOME/rapporteur/archive.sqlite`.
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("rapporteur").join(FILE_NAME))
}

/// The name a source is kept under: the absolute path of a file, the URL of a remote feed.
pub fn source_key(source: &Source) -> String {
    match source {
        Source::File(path) => std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.clone())
            .display()
            .to_string(),
        other => other.to_string(),
    }
}

/// A source key as it may be shown and stored in the clear: a URL without the user, password,
/// query or fragment it may carry a secret in.
pub fn source_label(key: &str) -> String {
    let lower = key.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return key.to_owned();
    }
    let cut = key.find(['?', '#']).unwrap_or(key.len());
    let url = &key[..cut];
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme && !url[scheme + 3..at].contains('/') => {
            format!("{}{}", &url[..scheme + 3], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

/// The SHA-256 of some bytes, in hex: what a source's key is stored under.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

impl Archive {
    /// Opens (creating if needed) the archive at `path`, keeping at most `keep` snapshots per
    /// source. The folder is made readable by the user only: a feed behind a token is not for
    /// everyone on the machine.
    pub fn open(path: &Path, keep: usize) -> Result<Archive, ArchiveError> {
        let fail = |what: &str, err: &dyn fmt::Display| {
            ArchiveError(format!("{what}: {err} ({})", path.display()))
        };
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir(folder).map_err(|e| fail("cannot create its folder", &e))?;
        }
        let conn = Connection::open(path).map_err(|e| fail("cannot open", &e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| fail("cannot open", &e))?;
        schema::prepare(&conn).map_err(|e| ArchiveError(format!("{e} ({})", path.display())))?;
        Ok(Archive {
            conn,
            path: path.to_path_buf(),
            keep: keep.max(1),
        })
    }

    /// Where the archive is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, what: &str, err: impl fmt::Display) -> ArchiveError {
        ArchiveError(format!("{what}: {err} ({})", self.path.display()))
    }
}

fn create_private_dir(folder: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(folder)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod piece_tests;
