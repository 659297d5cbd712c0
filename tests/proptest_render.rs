//! Any valid feed, whatever its strings, draws at any size, in every view, without a panic and
//! without putting a control, bidi or invisible character on screen.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

mod common;

use common::hostile::{config, hostile};
use common::{app_with, draw, now};
use proptest::prelude::*;
use proptest::sample::select;
use rapporteur::app::{Action, App};
use rapporteur::feed::parse;
use rapporteur::feed::sanitize::is_forbidden;
use rapporteur::model::FeedMessage;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use serde_json::{Value, json};

/// The sizes drawn: degenerate, just under the minimum, and common terminals.
const SIZES: &[(u16, u16)] = &[(1, 1), (20, 5), (59, 14), (80, 24), (120, 40)];

/// Longer text, to reach wrapping, scrolling and the caps.
fn long() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile(), 0..8).prop_map(|parts| parts.join(" "))
}

/// A status value: a known one, or anything.
fn status() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "not_assessed",
            "no_action",
            "in_progress",
            "partially_implemented",
            "implemented",
            "not_applicable",
        ])
        .prop_map(str::to_owned),
        hostile(),
    ]
}

fn date() -> impl Strategy<Value = Option<&'static str>> {
    prop::option::of(select(vec![
        "2020-01-01",
        "2026-06-30",
        "2026-11-29",
        "2030-12-31",
    ]))
}

fn visibility() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        select(vec!["public", "internal"]).prop_map(str::to_owned),
        hostile(),
    ])
}

fn evidence() -> impl Strategy<Value = Value> {
    (hostile(), prop::option::of(hostile()), date(), visibility()).prop_map(
        |(title, url, date, visibility)| {
            json!({"title": title, "url": url, "date": date, "visibility": visibility})
        },
    )
}

fn history() -> impl Strategy<Value = Value> {
    (
        select(vec!["2024-01-01", "2025-05-06"]),
        status(),
        prop::option::of(long()),
    )
        .prop_map(|(date, status, note)| json!({"date": date, "status": status, "note": note}))
}

fn note() -> impl Strategy<Value = Value> {
    (date(), long(), visibility()).prop_map(
        |(date, text, visibility)| json!({"date": date, "text": text, "visibility": visibility}),
    )
}

/// One record with arbitrary strings. Ids get a prefix unique to the record, and titles a letter,
/// so that the feed stays valid: the test is about drawing, not about validation.
fn record() -> impl Strategy<Value = (String, usize, Value)> {
    (
        (hostile(), any::<usize>(), hostile(), long(), status()),
        (
            prop::option::of(select(vec!["high", "medium", "low"])),
            prop::collection::vec(hostile(), 0..10),
            prop::option::of(prop::collection::vec(hostile(), 0..4)),
            date(),
            date(),
            prop::option::of(long()),
        ),
        (
            prop::collection::vec(evidence(), 0..3),
            prop::collection::vec(history(), 0..3),
            prop::collection::vec(note(), 0..3),
            visibility(),
        ),
    )
        .prop_map(
            |(
                (id, audience, title, text, status),
                (priority, owners, themes, due, last_assessed, status_note),
                (evidence, history, notes, visibility),
            )| {
                let fields = json!({
                    "title": format!("T{title}"),
                    "text": format!("X{text}"),
                    "status": status,
                    "priority": priority,
                    "owners": owners,
                    "themes": themes,
                    "due": due,
                    "last_assessed": last_assessed,
                    "status_note": status_note,
                    "evidence": evidence,
                    "history": history,
                    "notes": notes,
                    "visibility": visibility,
                });
                (id, audience, fields)
            },
        )
}

/// A valid feed with arbitrary strings everywhere the format allows them.
fn feed_json() -> impl Strategy<Value = Value> {
    (
        hostile(),
        hostile(),
        prop::collection::vec((hostile(), hostile()), 1..5),
        prop::collection::vec(record(), 1..8),
    )
        .prop_map(|(title, publisher, audiences, records)| {
            let audience_ids: Vec<String> = (0..audiences.len())
                .map(|i| format!("a{i}:{}", audiences[i].0))
                .collect();
            let audiences: Vec<Value> = audiences
                .iter()
                .zip(&audience_ids)
                .map(|((_, name), id)| json!({"id": id, "name": name}))
                .collect();
            let recommendations: Vec<Value> = records
                .into_iter()
                .enumerate()
                .map(|(i, (id, audience, mut fields))| {
                    fields["id"] = json!(format!("r{i}:{id}"));
                    fields["audience"] = json!(audience_ids[audience % audience_ids.len()]);
                    fields
                })
                .collect();
            json!({
                "schema_version": 1,
                "title": title,
                "publisher": publisher,
                "generated_at": "2026-11-28T09:00:00Z",
                "sample": true,
                "audiences": audiences,
                "recommendations": recommendations,
            })
        })
}

/// Every cell of the buffer holds only characters a terminal prints as themselves.
fn check_screen(buffer: &Buffer, what: &str) -> Result<(), TestCaseError> {
    for y in buffer.area.top()..buffer.area.bottom() {
        for x in buffer.area.left()..buffer.area.right() {
            let symbol = buffer[(x, y)].symbol();
            prop_assert!(
                !symbol.chars().any(|c| c.is_control() || is_forbidden(c)),
                "{what}: cell ({x}, {y}) holds {symbol:?}"
            );
        }
    }
    Ok(())
}

/// Draws the app in the main view after moving through it, in the detail view of the selected
/// record scrolled some way, and with the help overlay over that.
fn check_every_view(mut app: App, moves: usize, what: &str) -> Result<(), TestCaseError> {
    for _ in 0..moves % 4 {
        app.update(Action::NextPane);
    }
    for _ in 0..moves {
        app.update(Action::Down);
    }
    check_screen(&draw(&app), &format!("{what}, main view"))?;
    app.update(Action::Open);
    for _ in 0..moves * 3 {
        app.update(Action::Down);
    }
    check_screen(&draw(&app), &format!("{what}, detail view"))?;
    app.update(Action::ToggleHelp);
    check_screen(&draw(&app), &format!("{what}, help overlay"))?;
    Ok(())
}

proptest! {
    // Each case draws 5 sizes in 3 views.
    #![proptest_config(config(64))]

    #[test]
    fn any_valid_feed_draws_clean_at_every_size_and_view(feed in feed_json(), moves in 0usize..12) {
        let feed = match parse(feed.to_string().as_bytes(), "feed.json") {
            Ok(feed) => feed,
            Err(err) => {
                return Err(TestCaseError::fail(format!(
                    "the generated feed should be valid: {}",
                    err.lines().collect::<Vec<_>>().join("\n")
                )));
            }
        };
        for &(width, height) in SIZES {
            let app = app_with(feed.clone(), width, height);
            check_every_view(app, moves, &format!("{width}x{height}"))?;
        }
    }

    #[test]
    fn a_rejected_feed_draws_its_error_clean(
        feed in feed_json(),
        bad in hostile(),
        field in select(vec!["due", "last_assessed", "priority", "audience", "id", "generated_at"]),
    ) {
        // A bad value makes the feed fail, and the error quotes it.
        let older = parse(feed.to_string().as_bytes(), "feed.json");
        let older = older.map_err(|err| TestCaseError::fail(err.to_string()))?;
        let mut feed = feed;
        let bad_value = json!(format!("bad{bad}"));
        match field {
            "generated_at" => feed[field] = bad_value,
            "id" => {
                // The same id twice.
                feed["recommendations"][0][field] = bad_value;
                let first = feed["recommendations"][0].clone();
                if let Some(records) = feed["recommendations"].as_array_mut() {
                    records.push(first);
                }
            }
            _ => feed["recommendations"][0][field] = bad_value,
        }
        let bytes = feed.to_string();
        let Err(error) = parse(bytes.as_bytes(), "feed.json") else {
            return Err(TestCaseError::fail(format!("{field} = bad{bad:?} was accepted")));
        };
        for &(width, height) in SIZES {
            // Before any data arrived, and over an older feed, where the header says STALE.
            let failed = || Action::Feed(FeedMessage::Failed { error: error.clone(), at: now(), retry_at: None });
            let mut empty = App::with_settings("feed.json", now(), Rect::new(0, 0, width, height), rapporteur::startup::default_settings().unwrap());
            empty.update(failed());
            check_screen(&draw(&empty), &format!("{width}x{height}, error before data"))?;
            let mut stale = app_with(older.clone(), width, height);
            stale.update(failed());
            check_screen(&draw(&stale), &format!("{width}x{height}, error over data"))?;
        }
    }
}
