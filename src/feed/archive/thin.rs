//! Thinning a source's oldest snapshots when there are more than it keeps, and the pieces no
//! snapshot uses any more with them.

use rusqlite::params;

use super::record::count;

/// Deletes the oldest snapshots of a source beyond `keep`, never the newest nor a pinned one,
/// and every piece only they used.
pub(super) fn thin(
    tx: &rusqlite::Transaction<'_>,
    source_id: i64,
    keep: usize,
) -> rusqlite::Result<()> {
    let total: i64 = tx.query_row(
        "SELECT COUNT(*) FROM snapshots WHERE source_id = ?1",
        [source_id],
        |row| row.get(0),
    )?;
    let excess = total - count(keep);
    if excess <= 0 {
        return Ok(());
    }
    let doomed: Vec<i64> = {
        let mut stmt = tx.prepare(
            "SELECT id FROM snapshots
             WHERE source_id = ?1 AND pinned IS NULL
               AND id != (SELECT id FROM snapshots WHERE source_id = ?1
                          ORDER BY fetched_at DESC, id DESC LIMIT 1)
             ORDER BY fetched_at ASC, id ASC LIMIT ?2",
        )?;
        stmt.query_map(params![source_id, excess], |row| row.get(0))?
            .collect::<Result<_, _>>()?
    };
    for id in doomed {
        forget(tx, id)?;
    }
    Ok(())
}

/// Deletes one snapshot, and the pieces no other snapshot shares.
fn forget(tx: &rusqlite::Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    let pieces: Vec<i64> = {
        let mut stmt = tx.prepare("SELECT chunk_id FROM snapshot_chunks WHERE snapshot_id = ?1")?;
        stmt.query_map([id], |row| row.get(0))?
            .collect::<Result<_, _>>()?
    };
    tx.execute("DELETE FROM snapshot_chunks WHERE snapshot_id = ?1", [id])?;
    tx.execute("DELETE FROM snapshots WHERE id = ?1", [id])?;
    let mut unused = tx.prepare(
        "DELETE FROM chunks WHERE id = ?1
         AND NOT EXISTS (SELECT 1 FROM snapshot_chunks WHERE chunk_id = ?1)",
    )?;
    for piece in pieces {
        unused.execute([piece])?;
    }
    Ok(())
}
