//! Keeping a new snapshot, and thinning the oldest when there are too many.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::codec::compress;
use super::{Archive, ArchiveError, digest_hex, sha256_hex, source_label};
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

/// A body made ready to keep before the feed in it is known to be good: its name, and its
/// compressed bytes unless the archive holds them already. Making it is the slow part of
/// keeping a body, so it is done while the feed is parsed ([`crate::feed::tap`]).
#[derive(Debug, Clone)]
pub struct Packed {
    /// The body's BLAKE3, in hex.
    pub digest: String,
    compressed: Option<Vec<u8>>,
}

impl Archive {
    /// Keeps a body under `source` (see [`super::source_key`]) unless the same bytes are its
    /// newest snapshot already; then thins the source to `keep` snapshots.
    pub fn record(&mut self, source: &str, body: &Body) -> Result<Recorded, ArchiveError> {
        let packed = self.pack(source, &body.bytes)?;
        self.keep(source, body, packed)
    }

    /// Names the bytes of a body, and compresses them when the archive does not hold them for
    /// `source` already (the usual case is the same feed loaded again: nothing to compress).
    /// Outside the transaction of [`Archive::keep`], which keeps the lock short for other
    /// consoles.
    pub fn pack(&self, source: &str, bytes: &[u8]) -> Result<Packed, ArchiveError> {
        let digest = digest_hex(bytes);
        let compressed = if self.holds(source, &digest)? {
            None
        } else {
            Some(compress(bytes).map_err(|e| self.error("cannot compress", e))?)
        };
        Ok(Packed { digest, compressed })
    }

    /// Keeps a body packed by [`Archive::pack`] from the same bytes.
    pub fn keep(
        &mut self,
        source: &str,
        body: &Body,
        mut packed: Packed,
    ) -> Result<Recorded, ArchiveError> {
        let keep = self.keep;
        let digest = packed.digest.as_str();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| super::Archive::describe(&self.path, "cannot write", e))?;
        let outcome = (|| {
            let source_id = source_id(&tx, source)?;
            let newest: Option<(i64, String)> = tx
                .query_row(
                    "SELECT id, digest FROM snapshots WHERE source_id = ?1
                     ORDER BY fetched_at DESC, id DESC LIMIT 1",
                    [source_id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            if let Some((id, newest_digest)) = &newest
                && newest_digest == digest
            {
                return Ok(Recorded::Known(*id));
            }
            let seen: Option<i64> = tx
                .query_row(
                    "SELECT id FROM snapshots WHERE source_id = ?1 AND digest = ?2",
                    params![source_id, digest],
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
            // Another process may have thinned these bytes away since they were packed.
            let compressed = match packed.compressed.take() {
                Some(compressed) => compressed,
                None => compress(&body.bytes)
                    .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?,
            };
            let c = &body.counts.known;
            tx.execute(
                "INSERT INTO snapshots (source_id, digest, fetched_at, generated_at, implemented,
                 partially_implemented, in_progress, no_action, not_assessed, not_applicable,
                 unrecognised, body_bytes, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    source_id,
                    digest,
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
    fn holds(&self, source: &str, digest: &str) -> Result<bool, ArchiveError> {
        self.conn
            .query_row(
                "SELECT 1 FROM snapshots WHERE digest = ?2 AND source_id =
                 (SELECT id FROM sources WHERE key_sha256 = ?1)",
                params![sha256_hex(source.as_bytes()), digest],
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

/// Milliseconds since 1970, the archive's clock.
pub(super) fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
