//! Keeping a snapshot, its pieces stored once ([`super::chunk`]).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::codec::compress;
use super::pack::{Packed, Piece, chunk_id};
use super::thin::thin;
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
        let packed = self.pack(source, &body.bytes)?;
        self.keep(source, body, packed)
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
            let pieces = match packed.pieces.take() {
                Some(pieces) => pieces,
                // A body read a part at a time is not at hand to pack again: its next load is
                // kept instead.
                None if body.bytes.len() != packed.len => return Err(changed_meanwhile()),
                None => super::pack::pieces(&tx, &body.bytes)
                    .map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?,
            };
            insert_snapshot(&tx, source_id, digest, body, packed.len)?;
            let id = tx.last_insert_rowid();
            keep_pieces(&tx, id, &body.bytes, pieces)?;
            thin(&tx, source_id, keep)?;
            Ok(Recorded::New(id))
        })();
        let outcome = outcome.map_err(|e| Archive::describe(&self.path, "cannot write", e))?;
        tx.commit()
            .map_err(|e| Archive::describe(&self.path, "cannot write", e))?;
        Ok(outcome)
    }

    /// True when these bytes are kept for the source already.
    pub(super) fn holds(&self, source: &str, digest: &str) -> Result<bool, ArchiveError> {
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

    /// The length of the newest snapshot of `source`, if it has one.
    pub(super) fn newest_len(&self, source: &str) -> Result<Option<u64>, ArchiveError> {
        self.conn
            .query_row(
                "SELECT body_bytes FROM snapshots WHERE source_id =
                 (SELECT id FROM sources WHERE key_sha256 = ?1)
                 ORDER BY fetched_at DESC, id DESC LIMIT 1",
                [sha256_hex(source.as_bytes())],
                |row| row.get::<_, i64>(0),
            )
            .optional()
            .map(|len| len.map(|len| u64::try_from(len).unwrap_or(u64::MAX)))
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
            Some(ErrorCode::SystemIoFailure) => "the disk refused a write (is it full?)".to_owned(),
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
        // The reason first: a long path cut at the screen's edge still leaves it to read.
        ArchiveError(format!("{what}: {why} ({})", path.display()))
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

/// Adds the row of a new snapshot, its body to follow as pieces ([`keep_pieces`]).
fn insert_snapshot(
    tx: &rusqlite::Transaction<'_>,
    source_id: i64,
    digest: &str,
    body: &Body,
    len: usize,
) -> rusqlite::Result<()> {
    let c = &body.counts.known;
    tx.execute(
        "INSERT INTO snapshots (source_id, digest, fetched_at, generated_at, implemented,
         partially_implemented, in_progress, no_action, not_assessed, not_applicable,
         unrecognised, body_bytes, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, x'')",
        params![
            source_id,
            digest,
            millis(body.fetched_at),
            millis(body.generated_at),
            count(c[0]),
            count(c[1]),
            count(c[2]),
            count(c[3]),
            count(c[4]),
            count(c[5]),
            count(body.counts.unrecognised),
            count(len),
        ],
    )?;
    Ok(())
}

/// Keeps the pieces of snapshot `id` in order, each stored once whatever snapshots share it.
fn keep_pieces(
    tx: &rusqlite::Transaction<'_>,
    id: i64,
    bytes: &[u8],
    pieces: Vec<Piece>,
) -> rusqlite::Result<()> {
    for (seq, piece) in pieces.into_iter().enumerate() {
        let chunk = match chunk_id(tx, &piece.digest)? {
            Some(chunk) => chunk,
            None => {
                // Held when packed, thinned away since by another process: compressed now.
                let compressed = match (piece.compressed, bytes.get(piece.range.clone())) {
                    (Some(compressed), _) => compressed,
                    (None, Some(bytes)) => compress(bytes)
                        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?,
                    (None, None) => return Err(changed_meanwhile()),
                };
                tx.prepare_cached("INSERT INTO chunks (digest, bytes, body) VALUES (?1, ?2, ?3)")?
                    .execute(params![piece.digest, count(piece.range.len()), compressed])?;
                tx.last_insert_rowid()
            }
        };
        tx.prepare_cached(
            "INSERT INTO snapshot_chunks (snapshot_id, seq, chunk_id) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, count(seq), chunk])?;
    }
    Ok(())
}

/// The archive lost what a body read a part at a time needed while it was packed.
fn changed_meanwhile() -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(
        "the archive changed while the feed was read; it will be kept at its next load".into(),
    )
}

/// Milliseconds since 1970, the archive's clock.
pub(super) fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub(super) fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
