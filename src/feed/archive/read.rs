//! Reading the archive: the list of snapshots, one snapshot's body, and naming one.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::codec::{MAX_BODY, decompress};
use super::record::millis;
use super::{Archive, ArchiveError, Snapshot, digest_hex, sha256_hex};
use crate::model::StatusCounts;

const COLUMNS: &str = "id, fetched_at, generated_at, implemented, partially_implemented, \
    in_progress, no_action, not_assessed, not_applicable, unrecognised, pinned, digest";

impl Archive {
    /// The labels of the sources kept, in the order first seen.
    pub fn sources(&self) -> Result<Vec<String>, ArchiveError> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut stmt = self.conn.prepare("SELECT label FROM sources ORDER BY id")?;
            let rows = stmt.query_map([], |row| row.get(0))?;
            rows.collect()
        };
        run().map_err(|e| Archive::describe(&self.path, "cannot read", e))
    }

    /// The snapshots of a source, oldest first.
    pub fn list(&self, source: &str) -> Result<Vec<Snapshot>, ArchiveError> {
        self.select("ORDER BY fetched_at ASC, id ASC", source, params![])
    }

    /// The snapshot in force at `at`: the newest read at or before it.
    pub fn in_force_at(
        &self,
        source: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<Snapshot>, ArchiveError> {
        let found = self.select(
            "AND fetched_at <= ?2 ORDER BY fetched_at DESC, id DESC LIMIT 1",
            source,
            params![millis(at)],
        )?;
        Ok(found.into_iter().next())
    }

    /// The snapshot pinned under `name` (compared without regard to case).
    pub fn named(&self, source: &str, name: &str) -> Result<Option<Snapshot>, ArchiveError> {
        let found = self.select(
            "AND lower(pinned) = lower(?2) LIMIT 1",
            source,
            params![name.trim()],
        )?;
        Ok(found.into_iter().next())
    }

    /// The last distinct snapshot before the one with these bytes; with no such snapshot kept,
    /// the newest one that is not these bytes.
    pub fn previous(&self, source: &str, digest: &str) -> Result<Option<Snapshot>, ArchiveError> {
        let all = self.list(source)?;
        let upto = all
            .iter()
            .position(|s| s.digest == digest)
            .unwrap_or(all.len());
        Ok(all[..upto].last().cloned())
    }

    /// The body of a snapshot, as it was read: its pieces put back together (or, kept by
    /// layout 1, its one compressed body), checked against its digest.
    pub fn body(&self, snapshot: &Snapshot) -> Result<Vec<u8>, ArchiveError> {
        let unreadable =
            |e: &dyn std::fmt::Display| self.error("a snapshot cannot be read back", e);
        let pieces = self
            .stored_pieces(snapshot.id)
            .map_err(|e| Archive::describe(&self.path, "cannot read", e))?;
        let body = if pieces.is_empty() {
            let whole: Vec<u8> = self
                .conn
                .query_row(
                    "SELECT body FROM snapshots WHERE id = ?1",
                    [snapshot.id],
                    |row| row.get(0),
                )
                .map_err(|e| Archive::describe(&self.path, "cannot read", e))?;
            decompress(&whole).map_err(|e| unreadable(&e))?
        } else {
            let mut body = Vec::new();
            for piece in pieces {
                body.extend(decompress(&piece).map_err(|e| unreadable(&e))?);
                if body.len() as u64 > MAX_BODY {
                    return Err(unreadable(&"it is larger than any feed"));
                }
            }
            body
        };
        if digest_hex(&body) != snapshot.digest {
            return Err(unreadable(&"its bytes do not match their checksum"));
        }
        Ok(body)
    }

    /// The compressed pieces of a snapshot, in order; none for a body of layout 1.
    fn stored_pieces(&self, id: i64) -> rusqlite::Result<Vec<Vec<u8>>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.body FROM snapshot_chunks s JOIN chunks c ON c.id = s.chunk_id
             WHERE s.snapshot_id = ?1 ORDER BY s.seq",
        )?;
        let rows = stmt.query_map([id], |row| row.get(0))?;
        rows.collect()
    }

    /// Names a snapshot, such as "2025 report", so that a baseline or a diff can ask for it by
    /// that name and retention never removes it. The name moves from any snapshot that had it.
    pub fn pin(
        &mut self,
        snapshot: &Snapshot,
        source: &str,
        name: &str,
    ) -> Result<(), ArchiveError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ArchiveError("a pinned name cannot be empty".into()));
        }
        let key_sha = sha256_hex(source.as_bytes());
        let run = || -> rusqlite::Result<()> {
            self.conn.execute(
                "UPDATE snapshots SET pinned = NULL WHERE lower(pinned) = lower(?1)
                 AND source_id = (SELECT id FROM sources WHERE key_sha256 = ?2)",
                params![name, key_sha],
            )?;
            self.conn.execute(
                "UPDATE snapshots SET pinned = ?1 WHERE id = ?2",
                params![name, snapshot.id],
            )?;
            Ok(())
        };
        run().map_err(|e| Archive::describe(&self.path, "cannot write", e))
    }

    fn select(
        &self,
        tail: &str,
        source: &str,
        extra: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Snapshot>, ArchiveError> {
        let key_sha = sha256_hex(source.as_bytes());
        let sql = format!(
            "SELECT {COLUMNS} FROM snapshots WHERE source_id = \
             (SELECT id FROM sources WHERE key_sha256 = ?1) {tail}"
        );
        let run = || -> rusqlite::Result<Vec<Snapshot>> {
            let mut stmt = self.conn.prepare(&sql)?;
            let mut all: Vec<&dyn rusqlite::ToSql> = vec![&key_sha];
            all.extend_from_slice(extra);
            let rows = stmt.query_map(all.as_slice(), snapshot)?;
            rows.collect()
        };
        run().map_err(|e| Archive::describe(&self.path, "cannot read", e))
    }

    /// True when a source has any snapshot.
    pub fn has(&self, source: &str) -> Result<bool, ArchiveError> {
        let key_sha = sha256_hex(source.as_bytes());
        self.conn
            .query_row(
                "SELECT 1 FROM sources WHERE key_sha256 = ?1",
                [key_sha],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
            .map_err(|e| Archive::describe(&self.path, "cannot read", e))
    }
}

fn snapshot(row: &Row<'_>) -> rusqlite::Result<Snapshot> {
    let time = |i: usize| -> rusqlite::Result<DateTime<Utc>> {
        let ms: i64 = row.get(i)?;
        Ok(DateTime::from_timestamp_millis(ms).unwrap_or_default())
    };
    let n = |i: usize| -> rusqlite::Result<usize> {
        let v: i64 = row.get(i)?;
        Ok(usize::try_from(v).unwrap_or(0))
    };
    Ok(Snapshot {
        id: row.get(0)?,
        fetched_at: time(1)?,
        generated_at: time(2)?,
        counts: StatusCounts {
            known: [n(3)?, n(4)?, n(5)?, n(6)?, n(7)?, n(8)?],
            unrecognised: n(9)?,
        },
        pinned: row.get(10)?,
        digest: row.get(11)?,
    })
}
