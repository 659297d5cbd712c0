//! The archive's tables, made on first use and checked on every open.

use rusqlite::{Connection, ErrorCode};

/// The layout this build writes. A newer one is refused rather than misread. Layout 1 named
/// bodies by SHA-256 and stored each whole with zlib; layout 2 names them by BLAKE3, four times
/// as quick over a large feed, and stores new ones as pieces shared between versions
/// ([`super::chunk`]), each compressed with zstd. A snapshot's own `body` is then empty.
const VERSION: i64 = 2;

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    key_sha256 TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshots (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    digest TEXT NOT NULL,
    fetched_at INTEGER NOT NULL,
    generated_at INTEGER NOT NULL,
    implemented INTEGER NOT NULL,
    partially_implemented INTEGER NOT NULL,
    in_progress INTEGER NOT NULL,
    no_action INTEGER NOT NULL,
    not_assessed INTEGER NOT NULL,
    not_applicable INTEGER NOT NULL,
    unrecognised INTEGER NOT NULL,
    pinned TEXT,
    body_bytes INTEGER NOT NULL,
    body BLOB NOT NULL,
    UNIQUE (source_id, digest),
    UNIQUE (source_id, pinned)
);
CREATE INDEX IF NOT EXISTS snapshots_by_time ON snapshots (source_id, fetched_at);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    bytes INTEGER NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshot_chunks (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    seq INTEGER NOT NULL,
    chunk_id INTEGER NOT NULL REFERENCES chunks(id),
    PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS snapshot_chunks_by_chunk ON snapshot_chunks (chunk_id);
";

/// Sets the file up: WAL, so readers never wait for a writer; the tables; the layout version.
/// A file that is not an SQLite database, or one from a newer build, is an error in words.
pub(super) fn prepare(conn: &Connection) -> Result<(), String> {
    let damaged = |err: rusqlite::Error| match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            "the snapshot archive is damaged (move the file away to start a new one)".to_owned()
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "the snapshot archive is locked by another program".to_owned()
        }
        Some(ErrorCode::DiskFull) => "the disk is full".to_owned(),
        Some(ErrorCode::SystemIoFailure) => "the disk refused a write (is it full?)".to_owned(),
        _ => err.to_string(),
    };
    conn.pragma_update(None, "journal_mode", "wal")
        .map_err(damaged)?;
    // In WAL mode, NORMAL never corrupts the file: a power cut can lose only the last snapshot,
    // which the next load of the same feed writes again. FULL's sync on every commit was most
    // of the time a small feed's snapshot took.
    conn.pragma_update(None, "synchronous", "normal")
        .map_err(damaged)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(damaged)?;
    if version > VERSION {
        return Err(format!(
            "the snapshot archive was written by a newer rapporteur (layout {version}); \
             use that version, or move the file away"
        ));
    }
    if version == 1 {
        upgrade_from_1(conn).map_err(damaged)?;
    }
    conn.execute_batch(TABLES).map_err(damaged)?;
    if version < VERSION {
        conn.pragma_update(None, "user_version", VERSION)
            .map_err(damaged)?;
    }
    Ok(())
}

/// Names every snapshot of layout 1 by the BLAKE3 of its body, in one transaction: the same
/// bytes must keep being the same snapshot after the upgrade. Their zlib bodies stay as they are
/// ([`super::codec`] reads both).
fn upgrade_from_1(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let run = || -> rusqlite::Result<()> {
        // Another process may have upgraded the file while this one waited for it.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if version != 1 {
            return Ok(());
        }
        conn.execute_batch("ALTER TABLE snapshots RENAME COLUMN sha256 TO digest")?;
        let ids: Vec<i64> = {
            let mut stmt = conn.prepare("SELECT id FROM snapshots")?;
            stmt.query_map([], |row| row.get(0))?
                .collect::<Result<_, _>>()?
        };
        for id in ids {
            let stored: Vec<u8> =
                conn.query_row("SELECT body FROM snapshots WHERE id = ?1", [id], |row| {
                    row.get(0)
                })?;
            let digest = super::codec::decompress(&stored)
                .map(|body| super::digest_hex(&body))
                // A body that cannot be read back keeps a name no body can have; reading it
                // says it is damaged, as it did before.
                .unwrap_or_else(|_| format!("unreadable-{id}"));
            conn.execute(
                "UPDATE snapshots SET digest = ?1 WHERE id = ?2",
                rusqlite::params![digest, id],
            )?;
        }
        conn.pragma_update(None, "user_version", VERSION)
    };
    match run() {
        Ok(()) => conn.execute_batch("COMMIT"),
        Err(err) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(err)
        }
    }
}
