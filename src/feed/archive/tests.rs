use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::feed::tap::Body;

fn body(text: &str, minute: u32) -> Body {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 12, minute, 0).unwrap();
    let mut counts = StatusCounts::default();
    counts.known[0] = text.len();
    Body {
        origin: "feed.json".into(),
        bytes: text.as_bytes().to_vec().into(),
        fetched_at: at,
        generated_at: at - Duration::hours(1),
        counts,
    }
}

fn open(dir: &tempfile::TempDir, keep: usize) -> Archive {
    Archive::open(&dir.path().join("sub").join(FILE_NAME), keep).unwrap()
}

#[test]
fn the_same_bytes_are_one_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = open(&dir, 10);
    let first = archive.record("/a.json", &body("one", 0)).unwrap();
    assert!(matches!(first, Recorded::New(_)));
    assert!(matches!(
        archive.record("/a.json", &body("one", 1)).unwrap(),
        Recorded::Known(_)
    ));
    archive.record("/a.json", &body("two", 2)).unwrap();
    assert!(matches!(
        archive.record("/a.json", &body("one", 3)).unwrap(),
        Recorded::Again(_)
    ));
    let list = archive.list("/a.json").unwrap();
    assert_eq!(list.len(), 2);
    // "one" is in force again, so the one before it is "two".
    let prev = archive.previous("/a.json", &digest_hex(b"one")).unwrap();
    assert_eq!(prev.unwrap().digest, digest_hex(b"two"));
    assert_eq!(archive.body(&list[1]).unwrap(), b"one");
    assert_eq!(list[0].counts.known[0], 3);
    assert!(archive.list("/other.json").unwrap().is_empty());
}

#[test]
fn retention_thins_the_oldest_and_spares_the_newest_and_the_pinned() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = open(&dir, 3);
    archive.record("s", &body("v0", 0)).unwrap();
    let oldest = archive.list("s").unwrap().remove(0);
    archive.pin(&oldest, "s", "2025 report").unwrap();
    for i in 1..8 {
        archive.record("s", &body(&format!("v{i}"), i)).unwrap();
    }
    let list = archive.list("s").unwrap();
    let bodies: Vec<Vec<u8>> = list.iter().map(|s| archive.body(s).unwrap()).collect();
    assert_eq!(bodies, vec![b"v0".to_vec(), b"v6".to_vec(), b"v7".to_vec()]);
    assert_eq!(list[0].pinned.as_deref(), Some("2025 report"));
    let named = archive.named("s", "2025 REPORT").unwrap().unwrap();
    assert_eq!(named.id, oldest.id);
}

#[test]
fn a_keep_of_one_still_keeps_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = open(&dir, 0);
    archive.record("s", &body("a", 0)).unwrap();
    archive.record("s", &body("b", 1)).unwrap();
    let list = archive.list("s").unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(archive.body(&list[0]).unwrap(), b"b");
}

#[test]
fn the_snapshot_in_force_is_the_last_read_by_then() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = open(&dir, 10);
    archive.record("s", &body("a", 0)).unwrap();
    archive.record("s", &body("b", 30)).unwrap();
    let at = |m| Utc.with_ymd_and_hms(2026, 1, 1, 12, m, 0).unwrap();
    let got = |m| archive.in_force_at("s", at(m)).unwrap().map(|s| s.digest);
    assert_eq!(got(10), Some(digest_hex(b"a")));
    assert_eq!(got(30), Some(digest_hex(b"b")));
    assert_eq!(
        archive
            .in_force_at("s", at(0) - Duration::seconds(1))
            .unwrap(),
        None
    );
}

#[test]
fn a_damaged_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, vec![0x42u8; 8192]).unwrap();
    let err = Archive::open(&path, 10).unwrap_err();
    assert!(err.0.contains(&path.display().to_string()), "{err}");
    assert!(err.0.contains("damaged"), "{err}");
}

#[test]
fn a_file_where_the_folder_should_be_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("rapporteur");
    std::fs::write(&blocker, b"not a folder").unwrap();
    let err = Archive::open(&blocker.join(FILE_NAME), 10).unwrap_err();
    assert!(err.0.contains("cannot create its folder"), "{err}");
}

#[test]
fn two_writers_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    Archive::open(&path, 1000).unwrap();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut archive = Archive::open(&path, 1000).unwrap();
                for i in 0..40 {
                    archive
                        .record("shared", &body(&format!("w{w}-{i}"), i % 60))
                        .unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let archive = Archive::open(&path, 1000).unwrap();
    assert_eq!(archive.list("shared").unwrap().len(), 80);
}

#[test]
fn urls_are_stored_without_their_secrets() {
    assert_eq!(
        source_label("https://user:pw@example.org/feed.json?token=abc#x"),
        "https://example.org/feed.json"
    );
    assert_eq!(source_label("/home/a/feed.json"), "/home/a/feed.json");
    let dir = tempfile::tempdir().unwrap();
    let mut archive = open(&dir, 10);
    archive
        .record("https://example.org/f.json?token=secret", &body("x", 0))
        .unwrap();
    assert_eq!(
        archive.sources().unwrap(),
        vec!["https://example.org/f.json".to_owned()]
    );
}

/// An archive of layout 1, as the first release with an archive wrote it: SHA-256 names, zlib
/// bodies.
fn layout_1(path: &std::path::Path, bodies: &[&[u8]]) {
    use std::io::Write as _;
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "CREATE TABLE sources (id INTEGER PRIMARY KEY, key_sha256 TEXT NOT NULL UNIQUE,
             label TEXT NOT NULL);
         CREATE TABLE snapshots (id INTEGER PRIMARY KEY,
             source_id INTEGER NOT NULL REFERENCES sources(id), sha256 TEXT NOT NULL,
             fetched_at INTEGER NOT NULL, generated_at INTEGER NOT NULL,
             implemented INTEGER NOT NULL, partially_implemented INTEGER NOT NULL,
             in_progress INTEGER NOT NULL, no_action INTEGER NOT NULL,
             not_assessed INTEGER NOT NULL, not_applicable INTEGER NOT NULL,
             unrecognised INTEGER NOT NULL, pinned TEXT, body_bytes INTEGER NOT NULL,
             body BLOB NOT NULL, UNIQUE (source_id, sha256), UNIQUE (source_id, pinned));
         CREATE INDEX snapshots_by_time ON snapshots (source_id, fetched_at);
         PRAGMA user_version = 1;",
    )
    .unwrap();
    conn.execute(
        "INSERT INTO sources (key_sha256, label) VALUES (?1, 's')",
        [sha256_hex(b"s")],
    )
    .unwrap();
    for (i, bytes) in bodies.iter().enumerate() {
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        zlib.write_all(bytes).unwrap();
        conn.execute(
            "INSERT INTO snapshots (source_id, sha256, fetched_at, generated_at, implemented,
                 partially_implemented, in_progress, no_action, not_assessed, not_applicable,
                 unrecognised, body_bytes, body)
             VALUES (1, ?1, ?2, 0, 0, 0, 0, 0, 0, 0, 0, ?3, ?4)",
            rusqlite::params![
                sha256_hex(bytes),
                1_767_268_800_000i64 + i as i64 * 60_000,
                bytes.len() as i64,
                zlib.finish().unwrap()
            ],
        )
        .unwrap();
    }
}

#[test]
fn an_archive_of_layout_1_is_upgraded_and_its_bodies_stay_the_same_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    layout_1(&path, &[b"old", b"one"]);
    let mut archive = Archive::open(&path, 10).unwrap();
    let list = archive.list("s").unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[1].digest, digest_hex(b"one"));
    // The zlib bodies are read back and checked against their new names.
    assert_eq!(archive.body(&list[0]).unwrap(), b"old");
    // The same bytes loaded again are the snapshot kept under layout 1, not a new one.
    assert!(matches!(
        archive.record("s", &body("one", 59)).unwrap(),
        Recorded::Known(_)
    ));
    archive.record("s", &body("new", 59)).unwrap();
    assert_eq!(archive.list("s").unwrap().len(), 3);
    drop(archive);
    // Opened again, nothing is upgraded twice.
    let archive = Archive::open(&path, 10).unwrap();
    let version: i64 = archive
        .conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, 2);
    assert_eq!(archive.list("s").unwrap().len(), 3);
}

#[test]
fn a_body_is_kept_only_once_its_feed_proved_good() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = open(&dir, 10);
    let good = crate::feed::SAMPLE_FEED_JSON.as_bytes();
    let bodies = crate::feed::tap::install();
    let broken = bytes::Bytes::from_static(b"{\"schema_version\": 1,");
    let origin = "a_body_is_kept_only_once_its_feed_proved_good.json";
    assert!(crate::feed::parse_body(&broken, origin).is_err());
    let sample = bytes::Bytes::from_static(good);
    assert!(crate::feed::parse_body(&sample, origin).is_ok());
    crate::feed::tap::remove();
    let mut kept = Vec::new();
    // Other tests running at the same time may offer their own bodies.
    for offered in bodies.try_iter().filter(|o| o.origin == origin) {
        let packed = archive.pack("s", &offered.bytes).unwrap();
        if let Some(body) = offered.wait() {
            archive.keep("s", &body, packed).unwrap();
            kept.push(body.counts.total());
        }
    }
    // Both were offered as they were read; only the good one was kept, with its counts.
    assert_eq!(kept, vec![36]);
    let list = archive.list("s").unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(archive.body(&list[0]).unwrap(), good);
}
