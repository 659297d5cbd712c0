//! The quick path that reads a file in pieces, held to what the careful path reads.

use serde_json::{Value, json};

use super::*;
use crate::feed::parse::mutation::Mutations;
use crate::feed::parse::read_carefully;
use crate::feed::parse::warning_feed::feed;
use crate::feed::validate::whole;
use crate::model::Recommendation;

/// The whole feed, records and all, read `piece` bytes at a time by `workers` workers.
fn streamed(text: &str, piece: usize, workers: usize) -> Option<Feed> {
    let max = text.len() as u64;
    valid_folded::<Vec<Recommendation>>(text.as_bytes(), max, piece, workers).map(whole)
}

fn feeds() -> Vec<String> {
    vec![
        feed(4_500).to_string(),
        serde_json::to_string_pretty(&feed(300)).expect("serialises"),
        include_str!("../../../../config/sample-feed.json").to_owned(),
        include_str!("../../../../tests/fixtures/export-internal.json").to_owned(),
    ]
}

#[test]
fn read_in_pieces_a_feed_is_what_the_careful_path_reads() {
    for text in feeds() {
        let careful = read_carefully(&text, "test").expect("a valid feed");
        for piece in [7, 1_000, 65_536, PIECE] {
            for workers in [1, 2, 3] {
                let got = streamed(&text, piece, workers);
                assert_eq!(got.as_ref(), Some(&careful), "{piece} B, {workers} workers");
            }
        }
    }
}

#[test]
fn anything_it_does_not_expect_is_left_to_the_whole_read() {
    let mut first: serde_json::Map<String, Value> = serde_json::Map::new();
    let value = feed(50);
    first.insert("recommendations".into(), value["recommendations"].clone());
    for (key, field) in value.as_object().expect("an object") {
        first.entry(key.clone()).or_insert_with(|| field.clone());
    }
    let records_first = Value::Object(first).to_string();
    assert!(read_carefully(&records_first, "test").is_ok());
    let text = value.to_string();
    for (what, text) in [
        ("the head after the records", records_first),
        ("a byte order mark", format!("\u{FEFF}{text}")),
        ("more after the feed", format!("{text} {{}}")),
        ("a second closing brace", format!("{text}}}")),
        ("a feed cut short", text[..text.len() - 1].to_owned()),
    ] {
        assert_eq!(streamed(&text, 100, 2), None, "{what}");
    }
    let max = text.len() as u64 - 1;
    let over = valid_folded::<Vec<Recommendation>>(text.as_bytes(), max, 100, 2);
    assert!(over.is_none(), "a file over the limit");
}

#[test]
fn a_problem_in_any_piece_turns_the_feed_down() {
    for broken in [0, 2_000, 4_499] {
        let mut value = feed(4_500);
        value["recommendations"][broken]["due"] = json!("someday");
        assert_eq!(streamed(&value.to_string(), 10_000, 2), None, "{broken}");
    }
    let mut value = feed(4_500);
    value["recommendations"][4_400]["id"] = json!("R-00007");
    assert_eq!(
        streamed(&value.to_string(), 10_000, 2),
        None,
        "a repeated id"
    );
}

#[test]
fn whatever_it_accepts_the_careful_path_reads_the_same() {
    const PIECES: [&str; 12] = [
        " ",
        "x",
        "\"",
        "\\",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        "1",
        "\"k\": 1, ",
    ];
    let text = feed(12).to_string();
    let mut edits = Mutations::new(0x9E37_79B9_7F4A_7C15);
    let (mut accepted, mut refused) = (0, 0);
    for _ in 0..3_000 {
        let mutated = edits.mutate(&text, &PIECES);
        match streamed(&mutated, 1 + edits.below(300), 2) {
            Some(got) => {
                assert_eq!(
                    Some(got),
                    read_carefully(&mutated, "test").ok(),
                    "{mutated}"
                );
                accepted += 1;
            }
            None => refused += 1,
        }
    }
    // Both outcomes are exercised.
    assert!(
        accepted > 200 && refused > 200,
        "{accepted} accepted, {refused} refused"
    );
}

#[test]
fn a_string_far_longer_than_a_piece_is_read() {
    let mut value = feed(3);
    let long = "word ".repeat(200_000);
    value["recommendations"][1]["status_note"] = json!(long);
    value["recommendations"][2]["extra"] = json!({ "long": long });
    let text = value.to_string();
    let careful = read_carefully(&text, "test").expect("a valid feed");
    assert_eq!(streamed(&text, 1_000, 2), Some(careful));
}
