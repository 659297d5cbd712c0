//! `config/feed.schema.json` is generated from the Rust types and must never drift from them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use rapporteur::feed::wire::schema_json;

#[test]
fn the_published_schema_matches_the_types() {
    let published = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/config/feed.schema.json"
    ))
    .expect("config/feed.schema.json exists");
    assert!(
        published == schema_json(),
        "config/feed.schema.json differs from the feed types; regenerate it with\n  \
         cargo run -- schema > config/feed.schema.json"
    );
}

#[test]
fn the_schema_lists_every_status_value() {
    let schema = schema_json();
    for value in [
        "not_assessed",
        "no_action",
        "in_progress",
        "partially_implemented",
        "implemented",
        "not_applicable",
    ] {
        assert!(schema.contains(&format!("\"{value}\"")), "{value} missing");
    }
}

#[test]
fn the_published_export_schema_matches_the_types() {
    let published = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/config/export.schema.json"
    ))
    .expect("config/export.schema.json exists");
    assert!(
        published == rapporteur::export::json::schema_json(),
        "config/export.schema.json differs from the export types; regenerate it with\n  \
         cargo run -- schema --export > config/export.schema.json"
    );
}

#[test]
fn the_export_schema_requires_the_facts_that_say_what_an_export_is() {
    let schema: serde_json::Value =
        serde_json::from_str(&rapporteur::export::json::schema_json()).unwrap();
    let facts = &schema["$defs"]["FeedFacts"]["required"];
    for field in [
        "title",
        "publisher",
        "generated_at",
        "sample",
        "exported_at",
        "filters",
    ] {
        assert!(
            facts.as_array().unwrap().iter().any(|f| f == field),
            "{field} is not required: {facts}"
        );
    }
}
