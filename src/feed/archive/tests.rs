use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::feed::tap::Body;

fn body(text: &str, minute: u32) -> Body {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 12, minute, 0).unwrap();
    let mut counts = StatusCounts::default();
    counts.known[0] = text.len();
    Body {
        origin: "feed.json".into(),
        bytes: text.as_bytes().to_vec(),
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
    let prev = archive.previous("/a.json", &sha256_hex(b"one")).unwrap();
    assert_eq!(prev.unwrap().sha256, sha256_hex(b"two"));
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
    let got = |m| archive.in_force_at("s", at(m)).unwrap().map(|s| s.sha256);
    assert_eq!(got(10), Some(sha256_hex(b"a")));
    assert_eq!(got(30), Some(sha256_hex(b"b")));
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
