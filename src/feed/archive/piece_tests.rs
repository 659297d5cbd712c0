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

/// Packs the file at `path` as `check` does: early when it can only be new, then with the
/// digest of the bytes the feed was read from (`read`), and keeps it.
fn keep_file(archive: &mut Archive, path: &std::path::Path, read: &[u8], minute: u32) -> bool {
    let len = std::fs::metadata(path).unwrap().len();
    let early = archive.pack_file_early("s", path, len).unwrap();
    let was_early = early.is_some();
    let packed = archive
        .pack_file("s", path, (digest_hex(read), read.len()), early)
        .unwrap();
    // Read a part at a time, the body is not at hand: only its pieces are.
    archive
        .keep("s", &body(Vec::new(), minute), packed)
        .unwrap();
    was_early
}

#[test]
fn a_file_is_read_again_early_only_when_it_can_only_be_new() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.json");
    let mut archive = Archive::open(&dir.path().join(FILE_NAME), 10).unwrap();
    let old = version(5_000, None);
    let mut new = version(5_000, Some(4_321));
    new.push(b'\n');
    std::fs::write(&path, &old).unwrap();
    assert!(
        keep_file(&mut archive, &path, &old, 0),
        "the first snapshot"
    );
    let pieces = count(&archive, "chunks");
    assert!(
        !keep_file(&mut archive, &path, &old, 1),
        "the same length again"
    );
    std::fs::write(&path, &new).unwrap();
    assert!(keep_file(&mut archive, &path, &new, 2), "another length");
    // The piece with the changed record, and the last one, a line longer.
    assert_eq!(count(&archive, "chunks"), pieces + 2);
    let list = archive.list("s").unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(archive.body(&list[0]).unwrap(), old);
    assert_eq!(archive.body(&list[1]).unwrap(), new);
}

#[test]
fn an_early_read_of_other_bytes_is_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.json");
    let mut archive = Archive::open(&dir.path().join(FILE_NAME), 10).unwrap();
    let (checked, other) = (version(3_000, None), version(3_000, Some(7)));
    // Read early while it held other bytes, then back to those the feed was read from: the
    // file is read again, and what was checked is kept.
    std::fs::write(&path, &other).unwrap();
    let early = archive
        .pack_file_early("s", &path, other.len() as u64)
        .unwrap();
    std::fs::write(&path, &checked).unwrap();
    let packed = archive
        .pack_file("s", &path, (digest_hex(&checked), checked.len()), early)
        .unwrap();
    archive.keep("s", &body(Vec::new(), 0), packed).unwrap();
    let list = archive.list("s").unwrap();
    assert_eq!(archive.body(&list[0]).unwrap(), checked);
    // Read early with other bytes, and other bytes again after: nothing is kept.
    let early = archive
        .pack_file_early("s", &path, checked.len() as u64 + 1)
        .unwrap();
    std::fs::write(&path, &other).unwrap();
    let err = archive
        .pack_file("s", &path, (digest_hex(&version(9, None)), 9), early)
        .unwrap_err();
    assert!(
        err.0.contains("the file changed while it was read"),
        "{err}"
    );
    assert_eq!(archive.list("s").unwrap().len(), 1);
}
