//! Feed format v1 read strictly: dates exactly `YYYY-MM-DD`, `generated_at` with a real second,
//! and an object wherever the format has one. Each refusal names its place.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use rapporteur::feed::parse;
use rapporteur::model::{LoadError, Place};
use serde_json::{Value, json};

fn feed_with(recommendations: Value) -> Value {
    json!({
        "schema_version": 1,
        "title": "Test feed",
        "publisher": "Test publisher",
        "generated_at": "2026-11-28T09:00:00Z",
        "audiences": [{"id": "law-policy", "name": "Law and Policy Makers"}],
        "recommendations": recommendations,
    })
}

fn rec(extra: Value) -> Value {
    let mut rec = json!({
        "id": "LP-09",
        "audience": "law-policy",
        "title": "A title",
        "text": "What should be done.",
        "status": "in_progress",
    });
    if let (Some(rec), Some(extra)) = (rec.as_object_mut(), extra.as_object()) {
        rec.extend(extra.clone());
    }
    rec
}

fn load(value: &Value) -> Result<rapporteur::model::Feed, LoadError> {
    parse(value.to_string().as_bytes(), "feed.json")
}

fn refused(value: &Value) -> LoadError {
    match load(value) {
        Ok(_) => panic!("accepted: {value}"),
        Err(err) => err,
    }
}

#[test]
fn dates_in_any_other_form_than_yyyy_mm_dd_are_refused_naming_record_and_field() {
    for bad in [
        "2026-6-3",
        "2026-06-3",
        "+10000-01-01",
        "-0001-01-01",
        "+2026-01-01",
        "02026-01-01",
        "2026-02-30",
        "2026-00-10",
        "2026/06/03",
        "２０２６-06-03",
    ] {
        for (field, extra) in [
            ("due", json!({"due": bad})),
            ("last_assessed", json!({"last_assessed": bad})),
            (
                "history[0].date",
                json!({"history": [{"date": bad, "status": "no_action"}]}),
            ),
            (
                "notes[0].date",
                json!({"notes": [{"date": bad, "text": "x"}]}),
            ),
            (
                "evidence[0].date",
                json!({"evidence": [{"title": "x", "date": bad}]}),
            ),
        ] {
            let err = refused(&feed_with(json!([rec(extra)])));
            assert_eq!(
                err.problems.len(),
                1,
                "{bad} in {field}: {:?}",
                err.problems
            );
            assert_eq!(
                err.problems[0].place,
                Place::Record {
                    id: "LP-09".into(),
                    field: field.into()
                },
                "{bad} in {field}"
            );
            let line = err.lines().next().unwrap_or_default();
            assert!(line.contains("not a date (expected YYYY-MM-DD"), "{line}");
        }
    }
}

#[test]
fn well_formed_dates_still_load() {
    let feed = load(&feed_with(json!([rec(json!({
        "due": "2026-06-03",
        "last_assessed": "0001-01-01",
        "history": [{"date": "2024-02-29", "status": "no_action"}],
    }))])))
    .expect("valid");
    let due = feed.recommendations[0].due.expect("a due date");
    assert_eq!(due.to_string(), "2026-06-03");
}

#[test]
fn generated_at_must_have_a_real_second() {
    for bad in [
        "2016-12-31T23:59:60Z",
        "2026-11-28T09:00:60+01:00",
        "2026-11-28",
        "2026-11-28T09:00Z",
        "+12026-11-28T09:00:00Z",
        "2026-11-28T25:00:00Z",
    ] {
        let mut value = feed_with(json!([rec(json!({}))]));
        value["generated_at"] = json!(bad);
        let err = refused(&value);
        assert_eq!(err.problems.len(), 1, "{bad}");
        assert_eq!(
            err.problems[0].place,
            Place::Field("generated_at".into()),
            "{bad}"
        );
        assert!(err.problems[0].message.contains("RFC 3339"), "{bad}");
    }
    let mut value = feed_with(json!([rec(json!({}))]));
    value["generated_at"] = json!("2026-11-28T09:00:59.999+01:00");
    assert!(load(&value).is_ok());
}

#[test]
fn an_array_where_an_object_belongs_is_refused() {
    let record_as_array = json!([
        "LP-09",
        "law-policy",
        "A title",
        "What should be done.",
        "in_progress"
    ]);
    let cases = [
        ("the feed", json!(["1", "t", "p", "2026-11-28T09:00:00Z"])),
        ("a record", feed_with(json!([record_as_array]))),
        ("an audience", {
            let mut value = feed_with(json!([rec(json!({}))]));
            value["audiences"] = json!([["law-policy", "Law"]]);
            value
        }),
        (
            "a history entry",
            feed_with(json!([rec(
                json!({"history": [["2026-01-01", "no_action"]]})
            )])),
        ),
        (
            "a note",
            feed_with(json!([rec(json!({"notes": [[null, "text"]]}))])),
        ),
        (
            "evidence",
            feed_with(json!([rec(json!({"evidence": [["Report"]]}))])),
        ),
    ];
    for (what, value) in cases {
        let err = refused(&value);
        let line = err.lines().next().unwrap_or_default();
        assert!(
            line.contains("expected an object"),
            "{what} as an array: {line}"
        );
    }
}

#[test]
fn a_record_as_an_array_is_refused_in_a_feed_large_enough_to_be_read_on_several_cores() {
    let mut records: Vec<Value> = (0..5_000)
        .map(|i| {
            let mut r = rec(json!({}));
            r["id"] = json!(format!("R-{i:05}"));
            r
        })
        .collect();
    records[4_321] = json!(["R-04321", "law-policy", "T", "X", "in_progress"]);
    let err = refused(&feed_with(Value::Array(records)));
    let line = err.lines().next().unwrap_or_default();
    // The record has no id of its own: it is named by its place in the list.
    assert!(line.contains("record number 4322"), "{line}");
    assert!(line.contains("expected an object"), "{line}");
}
