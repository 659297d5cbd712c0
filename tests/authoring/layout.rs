//! What a write keeps: fields this build does not know, the order of keys, and every line outside
//! the changed record and `generated_at`.

use serde_json::{Value, json};

use rapporteur::feed::write::layout;

use crate::support::{Scratch, read_json, record, stderr, without};

/// A new feed with fields from a newer publisher at every level, in rapporteur's layout.
fn feed_with_unknown_fields(scratch: &Scratch) -> std::path::PathBuf {
    let path = scratch.init("feed.json");
    let mut doc = read_json(&path);
    let feed = doc.as_object_mut().expect("an object");
    feed.insert(
        "x_region".into(),
        json!({"name": "North", "codes": [1, 2.5, null]}),
    );
    for rec in feed["recommendations"].as_array_mut().expect("records") {
        let rec = rec.as_object_mut().expect("a record");
        rec.insert("x_budget_eur".into(), json!(125000));
        rec.insert(
            "history".into(),
            json!([{"x_source": "minutes", "status": "no_action", "date": "2025-01-10",
                    "x_reviewed": true}]),
        );
    }
    std::fs::write(&path, layout(&doc)).expect("written");
    path
}

/// The keys of every object in a value, in order, path by path.
fn key_orders(value: &Value, at: &str, out: &mut Vec<(String, Vec<String>)>) {
    match value {
        Value::Object(map) => {
            out.push((at.to_owned(), map.keys().cloned().collect()));
            for (k, v) in map {
                key_orders(v, &format!("{at}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                key_orders(v, &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn unknown_fields_and_key_order_survive_a_write() {
    let scratch = Scratch::new();
    let path = feed_with_unknown_fields(&scratch);
    let before = read_json(&path);
    let out = scratch.set(
        &path,
        &["IO-02", "--status", "in_progress", "--note", "Begun."],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let after = read_json(&path);

    assert_eq!(without(&after, "IO-02"), without(&before, "IO-02"));
    let (mut old_keys, mut new_keys) = (Vec::new(), Vec::new());
    key_orders(&without(&before, "IO-02"), "", &mut old_keys);
    key_orders(&without(&after, "IO-02"), "", &mut new_keys);
    assert_eq!(new_keys, old_keys);

    let io02 = record(&after, "IO-02");
    let old_io02 = record(&before, "IO-02");
    assert_eq!(io02["x_budget_eur"], 125000);
    assert_eq!(
        io02["history"][0], old_io02["history"][0],
        "the unknown history fields"
    );
    let keys: Vec<&String> = io02.as_object().expect("a record").keys().collect();
    let old_keys: Vec<&String> = old_io02.as_object().expect("a record").keys().collect();
    assert_eq!(
        keys[..old_keys.len()],
        old_keys[..],
        "old keys first, in their order"
    );
    assert_eq!(after["x_region"]["codes"], json!([1, 2.5, null]));
}

/// The lines of the record with `id` in a file in rapporteur's layout: from its opening brace to
/// its closing one.
fn record_lines(lines: &[&str], id: &str) -> std::ops::Range<usize> {
    let id_line = lines
        .iter()
        .position(|l| l.trim() == format!("\"id\": \"{id}\","))
        .expect("the record's id line");
    let start = id_line - 1;
    let end = start
        + lines[start..]
            .iter()
            .position(|l| *l == "    }" || *l == "    },")
            .expect("the record's end");
    start..end + 1
}

#[test]
fn a_file_in_rapporteurs_layout_changes_only_in_the_record_and_generated_at() {
    let scratch = Scratch::new();
    let path = feed_with_unknown_fields(&scratch);
    let old_text = std::fs::read_to_string(&path).expect("read");
    let out = scratch.set(
        &path,
        &["DF-04", "--status", "no_action", "--owner", "Donor group"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let new_text = std::fs::read_to_string(&path).expect("read");
    assert!(new_text.ends_with("}\n"));

    let old: Vec<&str> = old_text.lines().collect();
    let new: Vec<&str> = new_text.lines().collect();
    let old_span = record_lines(&old, "DF-04");
    let new_span = record_lines(&new, "DF-04");
    // Before the record: the same lines, but for generated_at.
    assert_eq!(old[..old_span.start].len(), new[..new_span.start].len());
    for (a, b) in old[..old_span.start].iter().zip(&new[..new_span.start]) {
        if a.trim_start().starts_with("\"generated_at\"") {
            assert!(b.trim_start().starts_with("\"generated_at\""));
        } else {
            assert_eq!(a, b);
        }
    }
    // After the record: byte for byte the same.
    assert_eq!(old[old_span.end..], new[new_span.end..]);
    // In the record, only lines were changed or added: the untouched fields keep their lines.
    let changed: Vec<&&str> = new[new_span.clone()]
        .iter()
        .filter(|l| !old[old_span.clone()].contains(l))
        .collect();
    assert!(
        changed
            .iter()
            .any(|l| l.contains("\"status\": \"no_action\""))
    );
    assert!(changed.len() < 20, "{changed:#?}");
}

#[test]
fn a_compact_file_is_written_in_rapporteurs_layout_with_its_data_and_order_kept() {
    let scratch = Scratch::new();
    let path = scratch.path("compact.json");
    let text = r#"{"recommendations":[{"status":"no_action","id":"LP-01","z":{"b":1,"a":2}}],"generated_at":"2026-01-01T00:00:00Z","catalogue":"date","schema_version":1,"title":"t","publisher":"p","zz":[]}"#;
    std::fs::write(&path, text).expect("written");
    let out = scratch.set(&path, &["LP-01", "--status", "implemented"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = std::fs::read_to_string(&path).expect("read");
    assert!(after.starts_with("{\n  \"recommendations\": [\n    {\n      \"status\": \"implemented\",\n      \"id\": \"LP-01\",\n      \"z\": {\n        \"b\": 1,\n        \"a\": 2\n      },"), "{after}");
    assert!(after.ends_with("  \"zz\": []\n}\n"), "{after}");
}
