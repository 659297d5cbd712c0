//! What a command keeps: a local feed read a piece at a time is kept as the same bytes as a
//! feed read whole, and only once.

use serde_json::json;

use super::keep::around;
use super::{HistorySettings, Spec};
use crate::feed::archive::{Archive, digest_hex, source_key};
use crate::feed::{Source, load_folded};
use crate::model::Recommendation;

/// A valid feed of `n` records, record `changed` with another status: several pieces long.
fn feed(n: usize, changed: Option<usize>) -> Vec<u8> {
    let records: Vec<_> = (0..n)
        .map(|i| {
            json!({
                "id": format!("R-{i:05}"),
                "audience": "law",
                "title": format!("Record {i}"),
                "text": "A text long enough to make the feed larger than a piece. ".repeat(8),
                "status": if Some(i) == changed { "implemented" } else { "in_progress" },
            })
        })
        .collect();
    serde_json::to_vec_pretty(&json!({
        "schema_version": 1,
        "title": "Test feed",
        "publisher": "Tests",
        "generated_at": "2026-11-28T09:00:00Z",
        "audiences": [{"id": "law", "name": "Law and Policy Makers"}],
        "recommendations": records
    }))
    .unwrap()
}

/// A feed file's place, and an archive beside it, in a folder of the test's own.
fn scene(dir: &tempfile::TempDir) -> (std::path::PathBuf, HistorySettings, Source) {
    let path = dir.path().join("feed.json");
    let settings = HistorySettings {
        archive: Some(dir.path().join("archive.sqlite")),
        keep: 10,
        baseline: Spec::Previous,
    };
    (path.clone(), settings, Source::File(path))
}

#[test]
fn a_feed_read_a_piece_at_a_time_is_kept_once_and_read_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (path, settings, source) = scene(&dir);
    let options = crate::startup::default_source_options().unwrap();
    let check = || {
        around(&source, &settings, || {
            load_folded::<Vec<Recommendation>>(&source, &options).map(|(_, kept)| kept.len())
        })
    };
    let first = feed(8_000, None);
    assert!(first.len() > 3 << 20, "{} bytes", first.len());
    std::fs::write(&path, &first).unwrap();
    assert_eq!(check(), Ok(8_000));
    assert_eq!(check(), Ok(8_000));
    let second = feed(8_000, Some(4_321));
    std::fs::write(&path, &second).unwrap();
    assert_eq!(check(), Ok(8_000));

    let archive = Archive::open(settings.archive.as_ref().unwrap(), 10).unwrap();
    let list = archive.list(&source_key(&source)).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].digest, digest_hex(&first));
    assert_eq!(archive.body(&list[0]).unwrap(), first);
    assert_eq!(archive.body(&list[1]).unwrap(), second);
    assert_eq!(list[1].counts.known[0], 1, "one implemented");
}

#[test]
fn a_broken_feed_read_a_piece_at_a_time_is_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (path, settings, source) = scene(&dir);
    let options = crate::startup::default_source_options().unwrap();
    let mut broken = feed(8_000, None);
    let at = broken.len() / 2;
    broken[at..at + 8].copy_from_slice(b"\"\"\"\"\"\"\"\"");
    std::fs::write(&path, &broken).unwrap();
    let loaded = around(&source, &settings, || {
        load_folded::<Vec<Recommendation>>(&source, &options)
    });
    assert!(loaded.is_err());
    let archive = Archive::open(settings.archive.as_ref().unwrap(), 10).unwrap();
    assert!(archive.list(&source_key(&source)).unwrap().is_empty());
}

#[test]
fn the_archive_waits_for_a_feed_on_screen_only_until_one_is_drawn_or_its_bound() {
    let shown = std::sync::Arc::new(super::recorder::Shown::default());
    // Never drawn: the wait ends at its bound.
    shown.wait(std::time::Duration::from_millis(20));
    // Drawn on another thread while waited for: the wait ends then, long before its bound.
    let started = std::time::Instant::now();
    let drawing = std::thread::spawn({
        let shown = std::sync::Arc::clone(&shown);
        move || shown.set()
    });
    shown.wait(std::time::Duration::from_secs(120));
    drawing.join().unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    // Drawn once: nothing waits from then on.
    shown.wait(std::time::Duration::from_secs(120));
}
