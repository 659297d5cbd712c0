//! A body kept as pieces: versions share what they have in common, thinning frees what no
//! snapshot uses, and a damaged piece is found out.

use chrono::{TimeZone, Utc};

use super::*;
use crate::feed::tap::Body;

/// A feed-like body of `n` records, record `changed` with another status.
fn version(n: usize, changed: Option<usize>) -> Vec<u8> {
    let records: Vec<String> = (0..n)
        .map(|i| {
            let status = if Some(i) == changed {
                "implemented"
            } else {
                "in_progress"
            };
            format!("    {{\"id\": \"R-{i:05}\", \"status\": \"{status}\", \"text\": \"{i}\"}}")
        })
        .collect();
    format!("{{\"recommendations\": [\n{}\n]}}", records.join(",\n")).into_bytes()
}

fn body(bytes: Vec<u8>, minute: u32) -> Body {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 12, minute, 0).unwrap();
    Body {
        origin: "feed.json".into(),
        bytes: bytes.into(),
        fetched_at: at,
        generated_at: at,
        counts: StatusCounts::default(),
    }
}

fn count(archive: &Archive, table: &str) -> i64 {
    archive
        .conn
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap()
}

#[test]
fn a_new_version_stores_only_the_piece_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(&dir.path().join(FILE_NAME), 10).unwrap();
    archive
        .record("s", &body(version(20_000, None), 0))
        .unwrap();
    let first = count(&archive, "chunks");
    assert!(first > 100, "{first} pieces");
    archive
        .record("s", &body(version(20_000, Some(12_345)), 1))
        .unwrap();
    assert_eq!(count(&archive, "chunks"), first + 1);
    let list = archive.list("s").unwrap();
    assert_eq!(archive.body(&list[0]).unwrap(), version(20_000, None));
    assert_eq!(
        archive.body(&list[1]).unwrap(),
        version(20_000, Some(12_345))
    );
}

#[test]
fn thinning_frees_the_pieces_only_the_thinned_snapshots_used() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(&dir.path().join(FILE_NAME), 2).unwrap();
    for (minute, changed) in [(0, None), (1, Some(10)), (2, Some(15_000)), (3, Some(25))] {
        archive
            .record("s", &body(version(20_000, changed), minute))
            .unwrap();
    }
    let kept = archive.list("s").unwrap();
    assert_eq!(kept.len(), 2);
    assert_eq!(
        archive.body(&kept[0]).unwrap(),
        version(20_000, Some(15_000))
    );
    assert_eq!(archive.body(&kept[1]).unwrap(), version(20_000, Some(25)));
    // Every piece left is used by a snapshot left.
    let unused: i64 = archive
        .conn
        .query_row(
            "SELECT COUNT(*) FROM chunks WHERE id NOT IN (SELECT chunk_id FROM snapshot_chunks)",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(unused, 0);
    let used: i64 = archive
        .conn
        .query_row(
            "SELECT COUNT(DISTINCT chunk_id) FROM snapshot_chunks",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(count(&archive, "chunks"), used);
}

#[test]
fn a_damaged_piece_is_an_error_not_a_wrong_feed() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(&dir.path().join(FILE_NAME), 10).unwrap();
    archive.record("s", &body(version(2_000, None), 0)).unwrap();
    let other = compress(b"{\"recommendations\": []}").unwrap();
    archive
        .conn
        .execute(
            "UPDATE chunks SET body = ?1 WHERE id = (SELECT MAX(id) FROM chunks)",
            [other],
        )
        .unwrap();
    let list = archive.list("s").unwrap();
    let err = archive.body(&list[0]).unwrap_err();
    assert!(err.0.contains("do not match their checksum"), "{err}");
}
