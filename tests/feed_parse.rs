//! Feed format v1, end to end: bytes in, a validated [`Feed`] or every problem with its place out.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use chrono::NaiveDate;
use rapporteur::feed::parse;
use rapporteur::model::{Feed, Priority, Status, Visibility};
use rapporteur::model::{LoadError, Place, Problem};
use serde_json::{Value, json};

const SAMPLE: &[u8] = include_bytes!("../config/sample-feed.json");

/// A self-contained feed (no catalogue) with two audiences and these recommendations.
fn feed_with(recommendations: Value) -> Value {
    json!({
        "schema_version": 1,
        "title": "Test feed",
        "publisher": "Test publisher",
        "generated_at": "2026-11-28T09:00:00Z",
        "audiences": [
            {"id": "law-policy", "name": "Law and Policy Makers"},
            {"id": "civil-society", "name": "Civil Society Organisations"}
        ],
        "recommendations": recommendations,
    })
}

/// A minimal valid recommendation, with `extra` fields added or overriding.
fn rec(id: &str, extra: Value) -> Value {
    let mut rec = json!({
        "id": id,
        "audience": "law-policy",
        "title": format!("Title of {id}"),
        "text": "What should be done.",
        "status": "in_progress",
    });
    if let (Some(rec), Some(extra)) = (rec.as_object_mut(), extra.as_object()) {
        for (key, value) in extra {
            rec.insert(key.clone(), value.clone());
        }
    }
    rec
}

/// `value` without the field `key`.
fn without(mut value: Value, key: &str) -> Value {
    if let Some(object) = value.as_object_mut() {
        object.remove(key);
    }
    value
}

fn load(feed: &Value) -> Result<Feed, LoadError> {
    parse(feed.to_string().as_bytes(), "feed.json")
}

fn load_ok(feed: &Value) -> Feed {
    match load(feed) {
        Ok(feed) => feed,
        Err(err) => panic!("expected a valid feed, got:\n{}", lines(&err).join("\n")),
    }
}

fn load_err(bytes: &[u8]) -> LoadError {
    match parse(bytes, "feed.json") {
        Ok(_) => panic!("expected an error, the feed was accepted"),
        Err(err) => err,
    }
}

fn lines(err: &LoadError) -> Vec<String> {
    err.lines().collect()
}

/// The single problem of an error, failing when there are none or several.
fn only_problem(err: &LoadError) -> &Problem {
    assert_eq!(err.problems.len(), 1, "problems: {:#?}", err.problems);
    &err.problems[0]
}

fn record(id: &str, field: &str) -> Place {
    Place::Record {
        id: id.into(),
        field: field.into(),
    }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a test date")
}

/// Every string of a parsed feed, wherever it came from.
fn all_strings(feed: &Feed) -> Vec<&str> {
    let mut out = vec![feed.title.as_str(), feed.publisher.as_str()];
    out.extend(feed.warnings.iter().map(String::as_str));
    for audience in &feed.audiences {
        out.extend([audience.id.as_str(), audience.name.as_str()]);
    }
    for rec in &feed.recommendations {
        out.extend([
            rec.id.0.as_str(),
            rec.title.as_str(),
            rec.text.as_str(),
            rec.status.wire(),
        ]);
        out.extend(rec.owners.iter().map(String::as_str));
        out.extend(rec.themes.iter().map(String::as_str));
        out.extend(rec.status_note.as_deref());
        for evidence in &rec.evidence {
            out.push(evidence.title.as_str());
            out.extend(evidence.url.as_deref());
        }
        for entry in &rec.history {
            out.push(entry.status.wire());
            out.extend(entry.note.as_deref());
        }
        out.extend(rec.notes.iter().map(|note| note.text.as_str()));
    }
    out
}

#[test]
fn the_sample_feed_parses() {
    let feed = parse(SAMPLE, "config/sample-feed.json").expect("the sample feed is valid");
    assert_eq!(feed.recommendations.len(), 36);
    assert_eq!(feed.audiences.len(), 5);
    assert!(feed.sample);
    assert!(feed.warnings.is_empty(), "{:?}", feed.warnings);
    assert!(
        feed.recommendations
            .iter()
            .flat_map(|rec| &rec.notes)
            .any(|note| note.visibility == Visibility::Internal)
    );
}

#[test]
fn a_self_contained_feed_with_every_field_parses() {
    let full = rec(
        "LP-01",
        json!({
            "audience": "civil-society",
            "status": "partially_implemented",
            "priority": "high",
            "owners": ["Ministry of Justice", "NGO coalition"],
            "themes": ["data", "funding"],
            "due": "2026-06-30",
            "last_assessed": "2026-10-02",
            "status_note": "Half of it is in place.",
            "evidence": [{
                "title": "Annual report",
                "url": "https://example.org/report",
                "date": "2026-03-15",
                "visibility": "internal"
            }],
            "history": [
                {"date": "2025-02-14", "status": "in_progress", "note": "Started."},
                {"date": "2026-10-02", "status": "partially_implemented",
                 "author": "Ana Silva", "visibility": "internal"}
            ],
            "notes": [{"date": "2026-04-20", "text": "A remark.", "author": "Jo Berg",
                       "visibility": "public"}],
            "visibility": "internal"
        }),
    );
    let nulls = rec(
        "LP-02",
        json!({
            "priority": null, "owners": null, "themes": null, "due": null,
            "last_assessed": null, "status_note": null, "evidence": null,
            "history": null, "notes": null, "visibility": null
        }),
    );
    let mut value = feed_with(json!([full, nulls]));
    value["sample"] = Value::Null;
    value["catalogue"] = Value::Null;
    let feed = load_ok(&value);

    assert_eq!(feed.title, "Test feed");
    assert_eq!(feed.publisher, "Test publisher");
    assert_eq!(feed.generated_at.to_rfc3339(), "2026-11-28T09:00:00+00:00");
    assert!(!feed.sample);
    assert_eq!(feed.audiences.len(), 2);
    assert_eq!(feed.audiences[1].name, "Civil Society Organisations");

    let full = &feed.recommendations[0];
    assert_eq!(full.id.0, "LP-01");
    assert_eq!(full.audience, 1);
    assert_eq!(full.title, "Title of LP-01");
    assert_eq!(full.text, "What should be done.");
    assert_eq!(full.status, Status::PartiallyImplemented);
    assert_eq!(full.priority, Some(Priority::High));
    assert_eq!(full.owners, ["Ministry of Justice", "NGO coalition"]);
    assert_eq!(full.themes, ["data", "funding"]);
    assert_eq!(full.due, Some(date("2026-06-30")));
    assert_eq!(full.last_assessed, Some(date("2026-10-02")));
    assert_eq!(full.status_note.as_deref(), Some("Half of it is in place."));
    assert_eq!(full.evidence.len(), 1);
    assert_eq!(full.evidence[0].title, "Annual report");
    assert_eq!(
        full.evidence[0].url.as_deref(),
        Some("https://example.org/report")
    );
    assert_eq!(full.evidence[0].date, Some(date("2026-03-15")));
    assert_eq!(full.evidence[0].visibility, Visibility::Internal);
    assert_eq!(full.history.len(), 2);
    assert_eq!(full.history[0].date, date("2025-02-14"));
    assert_eq!(full.history[0].status, Status::InProgress);
    assert_eq!(full.history[0].note.as_deref(), Some("Started."));
    assert_eq!(full.history[0].author, None);
    assert_eq!(full.history[0].visibility, Visibility::Public);
    assert_eq!(full.history[1].author.as_deref(), Some("Ana Silva"));
    assert_eq!(full.history[1].visibility, Visibility::Internal);
    assert_eq!(full.notes.len(), 1);
    assert_eq!(full.notes[0].text, "A remark.");
    assert_eq!(full.notes[0].author.as_deref(), Some("Jo Berg"));
    assert_eq!(full.notes[0].visibility, Visibility::Public);
    assert_eq!(full.visibility, Visibility::Internal);

    let nulls = &feed.recommendations[1];
    assert_eq!(nulls.priority, None);
    assert!(nulls.owners.is_empty() && nulls.themes.is_empty());
    assert_eq!((nulls.due, nulls.last_assessed), (None, None));
    assert_eq!(nulls.status_note, None);
    assert!(nulls.evidence.is_empty() && nulls.history.is_empty() && nulls.notes.is_empty());
    assert_eq!(nulls.visibility, Visibility::Public);
    assert!(feed.warnings.is_empty(), "{:?}", feed.warnings);
}

#[test]
fn unknown_fields_are_ignored() {
    let mut value = feed_with(json!([rec(
        "LP-01",
        json!({"colour": "red", "nested": {"deeper": [1, 2, 3]}})
    )]));
    value["published_by_robot"] = json!(true);
    // Brackets inside strings are text, not nesting.
    value["extra"] = json!({"anything": [null, "goes"], "brackets": "[{\\\"".repeat(200)});
    let feed = load_ok(&value);
    assert_eq!(feed.recommendations.len(), 1);
}

#[test]
fn a_newer_schema_version_is_refused_with_the_version_this_build_reads() {
    let mut value = feed_with(json!([rec("LP-01", json!({}))]));
    value["schema_version"] = json!(2);
    let err = load(&value).expect_err("version 2 is refused");
    let problem = only_problem(&err);
    assert_eq!(problem.place, Place::Field("schema_version".into()));
    assert!(problem.message.contains("version 2"), "{}", problem.message);
    assert!(
        problem.message.contains("reads version 1"),
        "{}",
        problem.message
    );
}

#[test]
fn a_newer_schema_version_is_named_even_when_its_shape_differs() {
    let value = json!({
        "schema_version": 2,
        "recommendations": {"LP-01": {"state": "done"}},
    });
    let err = load(&value).expect_err("version 2 is refused");
    let problem = only_problem(&err);
    assert!(problem.message.contains("version 2"), "{}", problem.message);
    assert!(
        problem.message.contains("reads version 1"),
        "{}",
        problem.message
    );
}

#[test]
fn a_duplicate_id_names_the_id_and_the_field() {
    let value = feed_with(json!([rec("LP-01", json!({})), rec("LP-01", json!({}))]));
    let err = load(&value).expect_err("duplicate ids are refused");
    assert_eq!(only_problem(&err).place, record("LP-01", "id"));
    assert!(lines(&err)[0].starts_with("feed.json: record LP-01, field \"id\": "));
}

#[test]
fn an_unknown_audience_names_the_record_and_the_field() {
    let value = feed_with(json!([rec("LP-01", json!({"audience": "nobody"}))]));
    let err = load(&value).expect_err("an unknown audience is refused");
    let problem = only_problem(&err);
    assert_eq!(problem.place, record("LP-01", "audience"));
    assert!(problem.message.contains("nobody"), "{}", problem.message);
}

#[test]
fn malformed_dates_name_the_record_and_the_field() {
    let cases = [
        (json!({"due": "30/06/2026"}), "due"),
        (json!({"last_assessed": "2026-13-01"}), "last_assessed"),
        (
            json!({"history": [
                {"date": "2025-01-01", "status": "no_action"},
                {"date": "yesterday", "status": "in_progress"}
            ]}),
            "history[1].date",
        ),
    ];
    for (extra, field) in cases {
        let value = feed_with(json!([rec("LP-09", extra)]));
        let err = load(&value).expect_err("a malformed date is refused");
        assert_eq!(only_problem(&err).place, record("LP-09", field));
        assert!(
            lines(&err)[0].contains(&format!("record LP-09, field \"{field}\": not a date")),
            "{:?}",
            lines(&err)
        );
    }
}

#[test]
fn a_malformed_generated_at_is_refused() {
    let mut value = feed_with(json!([rec("LP-01", json!({}))]));
    value["generated_at"] = json!("28 November 2026");
    let err = load(&value).expect_err("generated_at must be RFC 3339");
    let problem = only_problem(&err);
    assert_eq!(problem.place, Place::Field("generated_at".into()));
    assert!(problem.message.contains("RFC 3339"), "{}", problem.message);
}

#[test]
fn title_text_and_audience_are_required_without_a_catalogue() {
    for field in ["title", "text", "audience"] {
        let value = feed_with(json!([without(rec("LP-01", json!({})), field)]));
        let err = load(&value).expect_err("a required field is missing");
        let problem = only_problem(&err);
        assert_eq!(problem.place, record("LP-01", field));
        assert!(problem.message.contains("missing"), "{}", problem.message);
    }
}

#[test]
fn audiences_are_required_without_a_catalogue() {
    let value = without(feed_with(json!([])), "audiences");
    let err = load(&value).expect_err("audiences are required");
    assert_eq!(only_problem(&err).place, Place::Field("audiences".into()));
}

#[test]
fn the_catalogue_fills_in_records_that_carry_only_id_and_status() {
    let value = json!({
        "schema_version": 1,
        "title": "t",
        "publisher": "p",
        "generated_at": "2026-11-28T09:00:00Z",
        "catalogue": "date",
        "recommendations": [{"id": "LP-09", "status": "no_action"}],
    });
    let feed = load_ok(&value);
    assert_eq!(feed.audiences.len(), 5);
    let rec = &feed.recommendations[0];
    assert_eq!(feed.audiences[rec.audience].id, "law-policy");
    assert!(!rec.title.is_empty() && !rec.text.is_empty() && !rec.themes.is_empty());
}

#[test]
fn an_id_the_catalogue_lacks_is_an_error_naming_it() {
    let value = json!({
        "schema_version": 1,
        "title": "t",
        "publisher": "p",
        "generated_at": "2026-11-28T09:00:00Z",
        "catalogue": "date",
        "recommendations": [
            {"id": "LP-01", "status": "implemented"},
            {"id": "LP-99", "status": "implemented"}
        ],
    });
    let err = load(&value).expect_err("LP-99 is not in the catalogue");
    let problem = only_problem(&err);
    assert_eq!(problem.place, record("LP-99", "id"));
    assert!(problem.message.contains("catalogue"), "{}", problem.message);
    assert!(lines(&err)[0].contains("record LP-99"));
}

#[test]
fn an_unknown_status_keeps_the_record_and_warns() {
    let value = feed_with(json!([
        rec("LP-01", json!({"status": "under_review"})),
        rec("LP-02", json!({}))
    ]));
    let feed = load_ok(&value);
    assert_eq!(feed.recommendations.len(), 2);
    let status = &feed.recommendations[0].status;
    assert_eq!(status, &Status::Unrecognised("under_review".into()));
    assert_eq!(status.to_string(), "unrecognised: under_review");
    assert_eq!(feed.warnings.len(), 1);
    assert!(feed.warnings[0].contains("LP-01"), "{:?}", feed.warnings);
    assert!(
        feed.warnings[0].contains("under_review"),
        "{:?}",
        feed.warnings
    );
}

#[test]
fn an_unknown_priority_is_an_error() {
    let value = feed_with(json!([rec("LP-01", json!({"priority": "urgent"}))]));
    let err = load(&value).expect_err("priority must be high, medium or low");
    let problem = only_problem(&err);
    assert_eq!(problem.place, record("LP-01", "priority"));
    assert!(problem.message.contains("urgent"), "{}", problem.message);
}

#[test]
fn an_unknown_visibility_fails_closed_with_a_warning() {
    let value = feed_with(json!([rec(
        "LP-01",
        json!({
            "visibility": "secret",
            "notes": [{"text": "a note", "visibility": "staff"}]
        })
    )]));
    let feed = load_ok(&value);
    let rec = &feed.recommendations[0];
    assert_eq!(rec.visibility, Visibility::Internal);
    assert_eq!(rec.notes[0].visibility, Visibility::Internal);
    assert_eq!(feed.warnings.len(), 2, "{:?}", feed.warnings);
    for expected in [
        "field \"visibility\": \"secret\"",
        "field \"notes[0].visibility\": \"staff\"",
    ] {
        assert!(
            feed.warnings.iter().any(|w| w.contains(expected)),
            "no {expected} in {:?}",
            feed.warnings
        );
    }
}

#[test]
fn escape_sequences_and_bidi_controls_are_removed_from_every_string() {
    let nasty = "a\x1b[2J\x1b]0;owned\x07b\u{202E}c\u{9b}31m";
    let mut value = feed_with(json!([rec(
        "LP-01",
        json!({
            "title": nasty,
            "text": nasty,
            "status_note": nasty,
            "owners": [nasty],
            "themes": [nasty],
            "evidence": [{"title": nasty, "url": nasty}],
            "history": [{"date": "2026-01-01", "status": nasty, "note": nasty}],
            "notes": [{"text": nasty, "visibility": nasty}]
        })
    )]));
    value["title"] = json!(nasty);
    value["publisher"] = json!(nasty);
    value["audiences"][0]["name"] = json!(nasty);
    let feed = load_ok(&value);
    assert_eq!(feed.title, "abc");
    assert_eq!(feed.recommendations[0].title, "abc");
    assert_eq!(feed.recommendations[0].notes[0].text, "abc");
    for s in all_strings(&feed) {
        assert!(!s.contains('\x1b'), "escape left in {s:?}");
        assert!(!s.contains('\u{202E}'), "bidi control left in {s:?}");
        assert!(!s.chars().any(char::is_control), "control left in {s:?}");
    }
}

#[test]
fn a_syntax_error_reports_line_and_column() {
    let bytes = b"{\n  \"schema_version\": 1,\n  \"title\" \"x\"\n}";
    let err = load_err(bytes);
    let problem = only_problem(&err);
    assert_eq!(
        problem.place,
        Place::Position {
            line: 3,
            column: 11
        }
    );
    assert!(
        lines(&err)[0].starts_with("feed.json:3:11: "),
        "{:?}",
        lines(&err)
    );
}

#[test]
fn truncated_json_says_it_ends_early() {
    let mut half = SAMPLE.len() / 2;
    while std::str::from_utf8(&SAMPLE[..half]).is_err() {
        half -= 1;
    }
    let err = load_err(&SAMPLE[..half]);
    let problem = only_problem(&err);
    assert!(matches!(problem.place, Place::Position { .. }));
    assert!(
        problem.message.contains("ends too early"),
        "{}",
        problem.message
    );
}

#[test]
fn trailing_text_after_the_feed_is_an_error() {
    let mut bytes = feed_with(json!([rec("LP-01", json!({}))]))
        .to_string()
        .into_bytes();
    bytes.extend_from_slice(b"\n{\"more\": 1}");
    let err = load_err(&bytes);
    let problem = only_problem(&err);
    assert_eq!(problem.place, Place::Position { line: 2, column: 1 });
    assert!(problem.message.contains("more text"), "{}", problem.message);
}

#[test]
fn a_byte_order_mark_at_the_start_is_allowed() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SAMPLE);
    let with_mark = parse(&bytes, "feed.json").expect("a feed saved with a byte order mark");
    assert_eq!(with_mark, parse(SAMPLE, "feed.json").expect("valid"));

    // Anywhere else it is not JSON; and a broken byte is still counted from the file's start.
    let mut bytes = b"\xEF\xBB\xBF{\"title\": \"caf".to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xff\"}");
    assert_eq!(only_problem(&load_err(&bytes)).place, Place::Byte(offset));
    let mut twice = b"\xEF\xBB\xBF".to_vec();
    twice.extend_from_slice(&bytes[..3]);
    twice.extend_from_slice(SAMPLE);
    assert!(parse(&twice, "feed.json").is_err());
}

#[test]
fn invalid_utf8_reports_the_byte_offset() {
    let mut bytes = b"{\"title\": \"caf".to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xff\"}");
    let err = load_err(&bytes);
    assert_eq!(only_problem(&err).place, Place::Byte(offset));
    assert_eq!(
        lines(&err)[0],
        format!("feed.json: byte {offset}: the feed is not valid UTF-8 text")
    );
}

#[test]
fn deep_nesting_in_an_unknown_field_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let mut text = feed_with(json!([rec("LP-01", json!({}))])).to_string();
    // Insert `"extra": [[[...]]],` right after the opening brace.
    text.insert_str(1, &format!("\"extra\": {deep},"));
    let err = load_err(text.as_bytes());
    let problem = only_problem(&err);
    // The feed's object is level 1 and the first bracket (column 11) level 2, so level 129, one
    // past the limit, is the bracket 127 columns further on.
    let place = Place::Position {
        line: 1,
        column: 138,
    };
    assert_eq!(problem.place, place);
    assert!(problem.message.contains("nested"), "{}", problem.message);
}

#[test]
fn deep_nesting_in_a_known_field_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let text = format!("{{\"schema_version\": 1, \"recommendations\": {deep}}}");
    let err = load_err(text.as_bytes());
    assert!(matches!(only_problem(&err).place, Place::Position { .. }));
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let mut value = feed_with(json!([
        rec("LP-01", json!({})),
        rec("LP-01", json!({})),
        rec("LP-02", json!({"due": "soon"}))
    ]));
    value["generated_at"] = json!("yesterday");
    let err = load(&value).expect_err("three problems");
    let places: Vec<&Place> = err.problems.iter().map(|p| &p.place).collect();
    assert_eq!(
        places,
        [
            &Place::Field("generated_at".into()),
            &record("LP-01", "id"),
            &record("LP-02", "due"),
        ]
    );
    assert_eq!(lines(&err).len(), 3);
}
