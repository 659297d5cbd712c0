//! Caps on the lists of one record (owners, themes, evidence, history, notes): a list longer than
//! its cap is cut, and `rapporteur check` says so.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use rapporteur::check::check;
use rapporteur::feed::parse;
use rapporteur::feed::sanitize::counts;
use serde_json::json;

fn feed(n: usize) -> serde_json::Value {
    let history: Vec<_> = (0..n)
        .map(|i| {
            json!({"date": format!("{:04}-01-01", 1000 + i), "status": "in_progress",
                   "note": format!("change {i}")})
        })
        .collect();
    let list = |what: &str| -> Vec<String> { (0..n).map(|i| format!("{what} {i}")).collect() };
    let evidence: Vec<_> = list("doc")
        .into_iter()
        .map(|t| json!({"title": t}))
        .collect();
    let notes: Vec<_> = list("note")
        .into_iter()
        .map(|t| json!({"text": t}))
        .collect();
    json!({
        "schema_version": 1,
        "title": "Caps",
        "publisher": "Test",
        "generated_at": "2026-11-28T09:00:00Z",
        "audiences": [{"id": "law", "name": "Law"}],
        "recommendations": [{
            "id": "LP-01", "audience": "law", "title": "T", "text": "X", "status": "in_progress",
            "owners": list("owner"), "themes": list("theme"),
            "evidence": evidence, "history": history, "notes": notes
        }]
    })
}

#[test]
fn lists_longer_than_their_caps_are_cut_with_a_warning() {
    let n = 600;
    let loaded = parse(feed(n).to_string().as_bytes(), "caps.json").expect("valid");
    let rec = &loaded.recommendations[0];
    assert_eq!(rec.owners.len(), counts::OWNERS);
    assert_eq!(rec.themes.len(), counts::THEMES);
    assert_eq!(rec.evidence.len(), counts::EVIDENCE);
    assert_eq!(rec.notes.len(), counts::NOTES);
    assert_eq!(rec.history.len(), counts::HISTORY);
    // The first of each list is kept, but the latest of the history.
    assert_eq!(rec.owners[0], "owner 0");
    assert_eq!(
        rec.history.last().and_then(|h| h.note.as_deref()),
        Some("change 599")
    );
    assert_eq!(loaded.warnings.len(), 5, "{:#?}", loaded.warnings);
    assert!(loaded.warnings.contains(
        &"record LP-01, field \"history\": 600 entries; only the latest 500 are kept".to_owned()
    ));
}

#[test]
fn lists_within_their_caps_are_kept_whole_without_a_warning() {
    let loaded = parse(feed(40).to_string().as_bytes(), "caps.json").expect("valid");
    assert_eq!(loaded.recommendations[0].owners.len(), 40);
    assert_eq!(loaded.recommendations[0].history.len(), 40);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn check_prints_a_warning_for_each_cut() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caps.json");
    std::fs::write(&path, feed(600).to_string()).unwrap();
    let options = rapporteur::startup::default_source_options().unwrap();
    let checked = check(
        &rapporteur::feed::Source::File(path.clone()),
        &options,
        false,
    );
    let (report, valid) = (checked.text, checked.accepted);
    assert!(valid, "{report}");
    // Five cuts, and the DATE ids the one-record feed lacks.
    assert!(report.contains("warnings: 6"), "{report}");
    assert!(
        report.contains("warning: record LP-01, field \"owners\": 600 entries; only the first 50"),
        "{report}"
    );
}

/// A record with 400,000 history entries and 400,000 notes never reaches the console whole: it
/// is cut to the caps as it is read, so the detail view has at most 500 of each to lay out.
#[test]
fn a_record_of_400000_entries_is_cut_to_the_caps() {
    let n = 400_000;
    let history: Vec<_> = (0..n)
        .map(|i| json!({"date": "2020-01-01", "status": "in_progress", "note": format!("c{i}")}))
        .collect();
    let notes: Vec<_> = (0..n).map(|i| json!({"text": format!("n{i}")})).collect();
    let feed = json!({
        "schema_version": 1,
        "title": "Caps",
        "publisher": "Test",
        "generated_at": "2026-11-28T09:00:00Z",
        "audiences": [{"id": "law", "name": "Law"}],
        "recommendations": [{
            "id": "LP-01", "audience": "law", "title": "T", "text": "X", "status": "in_progress",
            "history": history, "notes": notes
        }]
    });
    let loaded = parse(feed.to_string().as_bytes(), "big-record.json").expect("valid");
    let rec = &loaded.recommendations[0];
    assert_eq!(rec.history.len(), counts::HISTORY);
    assert_eq!(rec.notes.len(), counts::NOTES);
    assert_eq!(
        rec.history.last().and_then(|h| h.note.as_deref()),
        Some("c399999")
    );
}
