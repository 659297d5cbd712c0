//! The parser on anything at all: arbitrary JSON values, arbitrary bytes, and the sample feed
//! mutated (hostile strings, dropped fields, changed types). It returns a feed or an error and
//! never panics; and whatever it lets through is clean.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

mod common;

use common::feed_strings::feed_strings;
use common::hostile::{config, hostile};

use proptest::prelude::*;
use proptest::sample::select;
use rapporteur::feed::parse;
use rapporteur::feed::sanitize::is_forbidden;
use rapporteur::model::Feed;
use rapporteur::model::{LoadError, Place};
use serde_json::{Map, Value, json};

const SAMPLE: &[u8] = include_bytes!("../config/sample-feed.json");

/// The sample feed as a JSON value, read once.
fn sample_value() -> Value {
    static SAMPLE_VALUE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    SAMPLE_VALUE
        .get_or_init(|| serde_json::from_slice(SAMPLE).expect("the sample is JSON"))
        .clone()
}

/// Words the parser looks for, so that generated values sometimes take the paths it cares about.
const WORDS: &[&str] = &[
    "date",
    "implemented",
    "in_progress",
    "no_action",
    "high",
    "low",
    "public",
    "internal",
    "2026-11-28",
    "2026-02-30",
    "2026-11-28T09:00:00Z",
    "LP-01",
    "LP-99",
    "law-policy",
    "",
];

/// Field names of the format, and some that are not.
const KEYS: &[&str] = &[
    "schema_version",
    "title",
    "publisher",
    "generated_at",
    "sample",
    "catalogue",
    "audiences",
    "recommendations",
    "id",
    "name",
    "audience",
    "text",
    "status",
    "priority",
    "owners",
    "themes",
    "due",
    "last_assessed",
    "status_note",
    "evidence",
    "history",
    "notes",
    "visibility",
    "url",
    "date",
    "note",
    "unknown",
    "",
];

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        select(vec![0u64, 1, 2, u64::MAX]).prop_map(Value::from),
        hostile().prop_map(Value::String),
        select(WORDS).prop_map(Value::from),
    ]
}

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((select(KEYS).prop_map(str::to_owned), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

// ---------------------------------------------------------------------------------------------
// Mutations of a feed.

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace a string with hostile text.
    Hostile(usize, String),
    /// Remove a member of an object.
    Drop(usize),
    /// Replace any value with another, most often of another type.
    Retype(usize, Value),
    /// Repeat an element of an array.
    Duplicate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), hostile()).prop_map(|(i, s)| Mutation::Hostile(i, s)),
        2 => any::<usize>().prop_map(Mutation::Drop),
        2 => (any::<usize>(), json_value()).prop_map(|(i, v)| Mutation::Retype(i, v)),
        1 => any::<usize>().prop_map(Mutation::Duplicate),
    ]
}

/// JSON pointers to every value in `value` that `wanted` accepts, the root included.
fn pointers(value: &Value, wanted: &dyn Fn(&Value) -> bool) -> Vec<String> {
    fn walk(value: &Value, at: String, wanted: &dyn Fn(&Value) -> bool, out: &mut Vec<String>) {
        if wanted(value) {
            out.push(at.clone());
        }
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, format!("{at}/{i}"), wanted, out);
                }
            }
            Value::Object(members) => {
                for (key, item) in members {
                    let key = key.replace('~', "~0").replace('/', "~1");
                    walk(item, format!("{at}/{key}"), wanted, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, String::new(), wanted, &mut out);
    out
}

/// The parent of a pointer and the last step in it.
fn split(pointer: &str) -> Option<(&str, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

fn apply(root: &mut Value, mutation: &Mutation) {
    match mutation {
        Mutation::Hostile(i, s) => {
            let found = pointers(root, &|v| v.is_string());
            if !found.is_empty()
                && let Some(v) = root.pointer_mut(&found[i % found.len()])
            {
                *v = Value::String(s.clone());
            }
        }
        Mutation::Drop(i) => {
            let found = pointers(root, &|_| true);
            let members: Vec<&String> = found
                .iter()
                .filter(|p| {
                    split(p).is_some_and(|(parent, _)| {
                        root.pointer(parent).is_some_and(Value::is_object)
                    })
                })
                .collect();
            if members.is_empty() {
                return;
            }
            let pointer = members[i % members.len()].clone();
            if let Some((parent, key)) = split(&pointer)
                && let Some(Value::Object(object)) = root.pointer_mut(parent)
            {
                object.remove(&key);
            }
        }
        Mutation::Retype(i, value) => {
            let found = pointers(root, &|_| true);
            if let Some(v) = root.pointer_mut(&found[i % found.len()]) {
                *v = value.clone();
            }
        }
        Mutation::Duplicate(i) => {
            let found = pointers(root, &|v| v.as_array().is_some_and(|a| !a.is_empty()));
            if !found.is_empty()
                && let Some(Value::Array(items)) = root.pointer_mut(&found[i % found.len()])
            {
                let copy = items[i % items.len()].clone();
                items.push(copy);
            }
        }
    }
}

/// A small feed that needs no catalogue, with every optional field present.
fn skeleton() -> Value {
    json!({
        "schema_version": 1,
        "title": "Feed",
        "publisher": "Publisher",
        "generated_at": "2026-11-28T09:00:00Z",
        "sample": false,
        "audiences": [
            {"id": "law-policy", "name": "Law and Policy Makers"},
            {"id": "civil-society", "name": "Civil Society"}
        ],
        "recommendations": [{
            "id": "R-1",
            "audience": "law-policy",
            "title": "Title",
            "text": "Text\nmore text",
            "status": "in_progress",
            "priority": "high",
            "owners": ["Ministry"],
            "themes": ["data"],
            "due": "2026-06-30",
            "last_assessed": "2026-09-01",
            "status_note": "Note",
            "evidence": [{"title": "Doc", "url": "https://example.org", "date": "2026-01-01",
                          "visibility": "public"}],
            "history": [{"date": "2025-01-01", "status": "no_action", "note": "Began"}],
            "notes": [{"date": "2026-01-02", "text": "Remark", "visibility": "internal"}],
            "visibility": "public"
        }]
    })
}

// ---------------------------------------------------------------------------------------------
// What a loaded feed and an error may hold.

fn is_clean(s: &str, one_line: bool) -> bool {
    !s.chars()
        .any(|c| is_forbidden(c) || (one_line && c == '\n'))
}

/// A loaded feed holds only clean strings; an error's every place and message is clean too, since
/// both reach the screen.
fn check_outcome(result: &Result<Feed, LoadError>) -> Result<(), TestCaseError> {
    match result {
        Ok(feed) => {
            for (s, one_line) in feed_strings(feed) {
                prop_assert!(is_clean(s, one_line), "unclean string in the feed: {s:?}");
            }
        }
        Err(err) => {
            prop_assert!(!err.problems.is_empty(), "an error with no problem");
            for problem in &err.problems {
                prop_assert!(is_clean(&problem.message, true), "{problem:?}");
                if let Place::Record { id, field } = &problem.place {
                    prop_assert!(is_clean(id, true) && is_clean(field, true), "{problem:?}");
                }
                if let Place::Field(field) = &problem.place {
                    prop_assert!(is_clean(field, true), "{problem:?}");
                }
            }
            for line in err.lines().chain(err.report_lines()) {
                prop_assert!(is_clean(&line, true), "{line:?}");
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_json_value_is_a_feed_or_an_error(value in json_value()) {
        let result = parse(value.to_string().as_bytes(), "any.json");
        check_outcome(&result)?;
    }

    #[test]
    fn any_bytes_are_a_feed_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let result = parse(&bytes, "bytes.json");
        prop_assert!(result.is_err(), "random bytes made a feed");
        check_outcome(&result)?;
    }

    #[test]
    fn json_like_bytes_are_a_feed_or_an_error(
        bytes in prop::collection::vec(select(b"{}[]\":,0123456789.-+eE truefalsnul\\\n\xc3\xa9\x1b".to_vec()), 0..256),
    ) {
        let result = parse(&bytes, "bytes.json");
        check_outcome(&result)?;
    }
}

proptest! {
    // Each case parses the 36-record sample feed.
    #![proptest_config(config(128))]

    #[test]
    fn the_sample_with_bytes_changed_is_a_feed_or_an_error(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let mut bytes = SAMPLE.to_vec();
        for (at, byte, kind) in edits {
            let i = at % (bytes.len() + 1);
            match kind {
                0 => bytes.insert(i, byte),
                1 if i < bytes.len() => bytes[i] = byte,
                _ => bytes.truncate(i),
            }
        }
        check_outcome(&parse(&bytes, "sample.json"))?;
    }

    #[test]
    fn the_sample_mutated_is_a_feed_or_an_error(
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut feed = sample_value();
        for m in &mutations {
            apply(&mut feed, m);
        }
        check_outcome(&parse(feed.to_string().as_bytes(), "sample.json"))?;
    }

    #[test]
    fn a_full_feed_mutated_is_a_feed_or_an_error(
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut feed = skeleton();
        for m in &mutations {
            apply(&mut feed, m);
        }
        check_outcome(&parse(feed.to_string().as_bytes(), "feed.json"))?;
    }

    #[test]
    fn hostile_strings_anywhere_in_the_sample_load_clean(
        replacements in prop::collection::vec((any::<usize>(), hostile()), 1..12),
    ) {
        let mut feed = sample_value();
        let strings = pointers(&feed, &|v| v.is_string());
        for (i, s) in replacements {
            if let Some(v) = feed.pointer_mut(&strings[i % strings.len()]) {
                *v = Value::String(s);
            }
        }
        check_outcome(&parse(feed.to_string().as_bytes(), "sample.json"))?;
    }
}

#[test]
fn the_mutations_do_what_they_say() {
    // The properties above are only as good as the mutations: check each one changes the feed.
    let base = skeleton();
    assert!(parse(base.to_string().as_bytes(), "feed.json").is_ok());
    let mut hostile = base.clone();
    apply(&mut hostile, &Mutation::Hostile(1, "\x1b]0;x\x07".into()));
    assert_ne!(hostile, base);
    assert!(hostile.to_string().contains("\\u001b]0;x"));
    let mut dropped = base.clone();
    apply(&mut dropped, &Mutation::Drop(0));
    assert!(dropped.to_string().len() < base.to_string().len());
    let mut retyped = base.clone();
    apply(&mut retyped, &Mutation::Retype(10, json!(42)));
    assert_ne!(retyped, base);
    let mut duplicated = base.clone();
    apply(&mut duplicated, &Mutation::Duplicate(0));
    assert!(duplicated.to_string().len() > base.to_string().len());
}
