//! Keeping a new snapshot, and thinning the oldest when there are too many.

use std::io::Write as _;

use chrono::{DateTime, Utc};
use flate2::Compression;
use flate2::write::ZlibEncoder;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{Archive, ArchiveError, sha256_hex, source_label};
use crate::feed::tap::Body;

/// What keeping a body did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// A new snapshot, with its id.
    New(i64),
    /// These bytes were the newest snapshot already.
    Known(i64),
    /// These bytes were kept before, and are in force again after another version: their time
    /// is moved to now, so "the previous snapshot" stays the one before them.
    Again(i64),
}

impl Archive {
    /// Keeps a body under `source` (see [`super::source_key`]) unless the same bytes are its
    /// newest snapshot already; then thins the source to `keep` snapshots.
    pub fn record(&mut self, source: &str, body: &Body) -> Result<Recorded, ArchiveError> {
        let sha = sha256_hex(&body.bytes);
        // Compressing before the transaction keeps the lock short for other consoles; bytes
        // kept already (the usual case: the same feed loaded again) are not compressed at all.
        let mut compressed = if self.holds(source, &sha)? {
            None
        } else {
            Some(compress(&body.bytes).map_err(|e| self.error("cannot compress", e))?)
        };
        let keep = self.keep;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| super::Archive::describe(&self.path, "cannot write", e))?;
        let outcome = (|| {
            let source_id = source_id(&tx, source)?;
            let newest: Option<(i64, String)> = tx
                .query_row(
                    "SELECT id, sha256 FROM snapshots WHERE source_id = ?1
                     ORDER BY fetched_at DESC, id DESC LIMIT 1",
                    [source_id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            if let Some((id, newest_sha)) = &newest
                && *newest_sha == sha
            {
                return Ok(Recorded::Known(*id));
            }
            let seen: Option<i64> = tx
                .query_row(
                    "SELECT id FROM snapshots WHERE source_id = ?1 AND sha256 = ?2",
                    params![source_id, sha],
                    |row| row.get(0),
                )
                .optional()?;
            let at = millis(body.fetched_at);
            if let Some(id) = seen {
                tx.execute(
                    "UPDATE snapshots SET fetched_at = ?1 WHERE id = ?2",
                    [at, id],
                )?;
                return Ok(Recorded::Again(id));
            }
            // Another process may have thinned these bytes away since the look above.
            let compressed = match compressed.take() {
                Some(compressed) => compressed,
                None => compress(&body.bytes)
                    .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?,
            };
            let c = &body.counts.known;
            tx.execute(
                "INSERT INTO snapshots (source_id, sha256, fetched_at, generated_at, implemented,
                 partially_implemented, in_progress, no_action, not_assessed, not_applicable,
                 unrecognised, body_bytes, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    source_id,
                    sha,
                    at,
                    millis(body.generated_at),
                    count(c[0]),
                    count(c[1]),
                    count(c[2]),
                    count(c[3]),
                    count(c[4]),
                    count(c[5]),
                    count(body.counts.unrecognised),
                    count(body.bytes.len()),
                    compressed,
                ],
            )?;
            let id = tx.last_insert_rowid();
            thin(&tx, source_id, keep)?;
            Ok(Recorded::New(id))
        })();
        let outcome = outcome.map_err(|e| Archive::describe(&self.path, "cannot write", e))?;
        tx.commit()
            .map_err(|e| Archive::describe(&self.path, "cannot write", e))?;
        Ok(outcome)
    }

    /// True when these bytes are kept for the source already.
    fn holds(&self, source: &str, sha: &str) -> Result<bool, ArchiveError> {
        self.conn
            .query_row(
                "SELECT 1 FROM snapshots WHERE sha256 = ?2 AND source_id =
                 (SELECT id FROM sources WHERE key_sha256 = ?1)",
                params![sha256_hex(source.as_bytes()), sha],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
            .map_err(|e| Archive::describe(&self.path, "cannot read", e))
    }

    /// An SQLite error in words, naming the file.
    pub(super) fn describe(
        path: &std::path::Path,
        what: &str,
        err: rusqlite::Error,
    ) -> ArchiveError {
        use rusqlite::ErrorCode;
        let why = match err.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => "the disk is full".to_owned(),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                "another program holds the archive".to_owned()
            }
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                "the file is damaged (move it away to start a new one)".to_owned()
            }
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                "the file cannot be written".to_owned()
            }
            _ => err.to_string(),
        };
        ArchiveError(format!("{}: {what}: {why}", path.display()))
    }
}

/// The id of a source, added on first use. Sources are found by the hash of their key, and
/// stored with a label that leaves out any secret a URL may carry.
fn source_id(tx: &rusqlite::Transaction<'_>, key: &str) -> rusqlite::Result<i64> {
    let key_sha = sha256_hex(key.as_bytes());
    tx.execute(
        "INSERT OR IGNORE INTO sources (key_sha256, label) VALUES (?1, ?2)",
        params![key_sha, source_label(key)],
    )?;
    tx.query_row(
        "SELECT id FROM sources WHERE key_sha256 = ?1",
        [key_sha],
        |row| row.get(0),
    )
}

/// Deletes the oldest snapshots of a source beyond `keep`, never the newest nor a pinned one.
fn thin(tx: &rusqlite::Transaction<'_>, source_id: i64, keep: usize) -> rusqlite::Result<()> {
    let total: i64 = tx.query_row(
        "SELECT COUNT(*) FROM snapshots WHERE source_id = ?1",
        [source_id],
        |row| row.get(0),
    )?;
    let excess = total - count(keep);
    if excess <= 0 {
        return Ok(());
    }
    tx.execute(
        "DELETE FROM snapshots WHERE id IN (
             SELECT id FROM snapshots
             WHERE source_id = ?1 AND pinned IS NULL
               AND id != (SELECT id FROM snapshots WHERE source_id = ?1
                          ORDER BY fetched_at DESC, id DESC LIMIT 1)
             ORDER BY fetched_at ASC, id ASC LIMIT ?2)",
        params![source_id, excess],
    )?;
    Ok(())
}

/// A body as the archive stores it: zlib, at the fastest level.
pub fn compress(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    // The fastest level: a feed is mostly repeated keys, and even this level shrinks it about
    // tenfold; the archive is written beside every load, so speed matters more than the last bytes.
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(bytes.len() / 8), Compression::fast());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// Milliseconds since 1970, the archive's clock.
pub(super) fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
