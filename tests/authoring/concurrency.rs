//! Writers at the same time, and writers killed at any moment.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use rapporteur::feed::parse;
use rapporteur::feed::write::layout;
use serde_json::Value;

use crate::support::{Scratch, read_json, record, stderr, without};

#[path = "../../benches/support/generator.rs"]
mod generator;

#[test]
fn twenty_set_commands_started_at_once_on_twenty_records_all_land() {
    let scratch = Scratch::new();
    let path = scratch.init("feed.json");
    let file = path.to_str().expect("UTF-8");
    let doc = read_json(&path);
    let ids: Vec<String> = doc["recommendations"]
        .as_array()
        .expect("records")
        .iter()
        .take(20)
        .map(|r| r["id"].as_str().expect("an id").to_owned())
        .collect();
    let children: Vec<(String, Child)> = ids
        .iter()
        .map(|id| {
            let note = format!("Assessed with the others: {id}");
            let child = scratch
                .command(
                    &["set", file, id, "--status", "in_progress", "--note", &note],
                    &[],
                )
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawned");
            (id.clone(), child)
        })
        .collect();
    for (id, child) in children {
        let out = child.wait_with_output().expect("finished");
        assert!(out.status.success(), "{id}: {}", stderr(&out));
    }
    let after = read_json(&path);
    for id in &ids {
        let rec = record(&after, id);
        assert_eq!(rec["status"], "in_progress", "{id}");
        let history = rec["history"].as_array().expect("a history");
        assert_eq!(history.len(), 1, "{id}");
        assert_eq!(
            history[0]["note"],
            format!("Assessed with the others: {id}")
        );
    }
    parse(&std::fs::read(&path).expect("read"), "feed.json").expect("valid");
}

/// The file is the old version, or the old one with `id` assessed once more: never anything else.
fn assert_old_or_new(bytes: &[u8], old: &[u8], id: &str, round: usize) -> bool {
    if bytes == old {
        return false;
    }
    parse(bytes, "big.json").unwrap_or_else(|e| panic!("round {round}: not a valid feed: {e:?}"));
    let new: Value = serde_json::from_slice(bytes).expect("JSON");
    let old: Value = serde_json::from_slice(old).expect("JSON");
    assert_eq!(
        without(&new, id),
        without(&old, id),
        "round {round}: other records changed"
    );
    let entries = |doc: &Value| record(doc, id)["history"].as_array().map_or(0, Vec::len);
    assert_eq!(entries(&new), entries(&old) + 1, "round {round}");
    assert_eq!(record(&new, id)["status"], "implemented", "round {round}");
    true
}

#[test]
fn a_writer_killed_at_any_moment_leaves_the_old_file_or_the_new_one() {
    let scratch = Scratch::new();
    let path = scratch.path("big.json");
    let generated: Value =
        serde_json::from_str(&generator::generate(2_000, 7)).expect("the generator writes JSON");
    std::fs::write(&path, layout(&generated)).expect("written");
    let file = path.to_str().expect("UTF-8");
    let set = |id: &str| {
        scratch
            .command(
                &[
                    "set",
                    file,
                    id,
                    "--status",
                    "implemented",
                    "--note",
                    "Done.",
                    "--date",
                    "2026-12-01",
                ],
                &[],
            )
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawned")
    };
    // How long one write takes here, so the kills fall anywhere from its start to its end.
    let started = Instant::now();
    assert!(set("R-000001").wait().expect("finished").success());
    let whole = started.elapsed().as_micros().max(1_000) as u64;

    let (mut landed, mut kept) = (0, 0);
    for round in 0..30 {
        let old = std::fs::read(&path).expect("read");
        let id = format!("R-{:06}", 2 + round * 61);
        let mut child = set(&id);
        std::thread::sleep(Duration::from_micros(fastrand::u64(0..whole * 6 / 5)));
        let _ = child.kill();
        child.wait().expect("reaped");
        if assert_old_or_new(&std::fs::read(&path).expect("read"), &old, &id, round) {
            landed += 1;
        } else {
            kept += 1;
        }
    }
    eprintln!("killed writers: {landed} writes landed whole, {kept} left the old file");

    // A later write cleans up what killed writers left behind.
    assert!(set("R-000001").wait().expect("finished").success());
    let mut names: Vec<String> = std::fs::read_dir(scratch.dir.path())
        .expect("listed")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".big.json.lock", "big.json"]);
}
