//! The writer as the console will use it: refusing a save when the file changed since it was
//! loaded, and undoing a save by a new write.

use rapporteur::feed::write::{self, Assessment, Edit, Fingerprint, WriteError};
use rapporteur::model::Status;

use crate::support::{Scratch, read_json, record, without};

fn assessment(id: &str, status: Status) -> Edit {
    Edit::Assess(Assessment {
        id: id.into(),
        status,
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
        note: Some("Checked.".into()),
        author: Some("Jo Berg".into()),
        evidence: None,
        internal: false,
        priority: None,
        due: None,
        owners: None,
    })
}

#[test]
fn a_save_is_refused_when_the_file_changed_since_it_was_loaded() {
    let scratch = Scratch::new();
    let path = scratch.init("feed.json");
    let loaded = Fingerprint::of(&std::fs::read(&path).expect("read"));

    // Someone else saves first.
    let out = scratch.set(&path, &["MR-02", "--status", "no_action"]);
    assert!(out.status.success());
    let theirs = std::fs::read(&path).expect("read");

    let err = write::apply(
        &path,
        &assessment("MR-03", Status::Implemented),
        Some(&loaded),
    )
    .expect_err("a conflict");
    assert!(matches!(err, WriteError::Conflict { .. }), "{err}");
    assert!(err.to_string().contains("changed on disk"));
    assert_eq!(std::fs::read(&path).expect("read"), theirs, "untouched");

    // With the fingerprint of what is there now, the same save goes through.
    let now = Fingerprint::of(&theirs);
    let written =
        write::apply(&path, &assessment("MR-03", Status::Implemented), Some(&now)).expect("saved");
    assert_eq!(
        written.fingerprint,
        Fingerprint::of(&std::fs::read(&path).expect("read"))
    );
    let rec = written
        .feed
        .recommendations
        .iter()
        .find(|r| r.id.0 == "MR-03")
        .expect("MR-03");
    assert_eq!(rec.status, Status::Implemented);
    assert_eq!(
        record(&read_json(&path), "MR-02")["status"],
        "no_action",
        "theirs kept"
    );
}

#[test]
fn undo_puts_the_record_back_by_a_new_write() {
    let scratch = Scratch::new();
    let path = scratch.init("feed.json");
    let original = read_json(&path);
    let first = write::apply(&path, &assessment("LP-05", Status::InProgress), None).expect("saved");
    assert_eq!(record(&read_json(&path), "LP-05")["status"], "in_progress");

    let undone = write::apply(&path, &first.undo, Some(&first.fingerprint)).expect("undone");
    let after = read_json(&path);
    assert_eq!(record(&after, "LP-05"), record(&original, "LP-05"));
    assert_eq!(without(&after, "LP-05"), without(&original, "LP-05"));
    // The undo can itself be undone.
    write::apply(&path, &undone.undo, Some(&undone.fingerprint)).expect("redone");
    assert_eq!(record(&read_json(&path), "LP-05")["status"], "in_progress");
}

#[test]
fn an_unknown_id_is_an_error_that_names_it_and_the_closest_ids() {
    let scratch = Scratch::new();
    let path = scratch.init("feed.json");
    let before = std::fs::read(&path).expect("read");
    let err =
        write::apply(&path, &assessment("MR-7", Status::NoAction), None).expect_err("unknown");
    assert!(err.is_usage());
    let WriteError::UnknownId { id, close, .. } = &err else {
        panic!("not an unknown id: {err}");
    };
    assert_eq!(id, "MR-7");
    assert!(close.contains(&"MR-01".to_owned()), "{close:?}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}
