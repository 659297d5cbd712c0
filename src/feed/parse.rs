//! Bytes to a validated [`Feed`]: UTF-8, JSON syntax, shape, then validation, each failure with
//! its place.

use serde::Deserialize;

use super::error::{LoadError, Place, Problem};
use super::validate::{validate, version_problem};
use super::wire::{SCHEMA_VERSION, WireFeed};
use crate::model::Feed;

/// Parses and validates a feed. `origin` is the file path or URL, used to name the place of each
/// problem.
pub fn parse(bytes: &[u8], origin: &str) -> Result<Feed, LoadError> {
    if let Err(err) = std::str::from_utf8(bytes) {
        return Err(LoadError::one(
            origin,
            Place::Byte(err.valid_up_to()),
            "the feed is not valid UTF-8 text",
        ));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let wire: WireFeed = match serde_path_to_error::deserialize(&mut de) {
        Ok(wire) => wire,
        Err(err) => {
            // A newer format may fail on its shape; say which version it is instead.
            if let Some(version) = declared_version(bytes).filter(|&v| v != SCHEMA_VERSION) {
                return Err(LoadError {
                    origin: origin.to_owned(),
                    problems: vec![version_problem(version)],
                });
            }
            return Err(LoadError {
                origin: origin.to_owned(),
                problems: vec![shape_problem(&err)],
            });
        }
    };
    if let Err(err) = de.end() {
        return Err(LoadError::one(
            origin,
            Place::Position {
                line: err.line(),
                column: err.column(),
            },
            "there is more text after the end of the feed",
        ));
    }
    if let Some(place) = too_deep(bytes) {
        return Err(LoadError::one(
            origin,
            place,
            format!("the JSON is nested more than {MAX_DEPTH} levels deep"),
        ));
    }
    validate(wire).map_err(|problems| LoadError {
        origin: origin.to_owned(),
        problems,
    })
}

/// How deep arrays and objects may nest: serde_json's own limit for the fields it reads.
const MAX_DEPTH: usize = 128;

/// The place of the first array or object nested deeper than [`MAX_DEPTH`], in text already known
/// to be valid JSON. serde_json skips unknown fields without any depth limit, so without this a
/// feed could hide nesting of any depth in a field we ignore.
fn too_deep(bytes: &[u8]) -> Option<Place> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut line_start) = (1, 0);
    for (i, &byte) in bytes.iter().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(Place::Position {
                        line,
                        column: i - line_start + 1,
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            // Valid JSON has no raw line breaks inside strings, so this counts every line.
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
    }
    None
}

/// The version a feed declares, read without caring about the rest of its shape.
fn declared_version(bytes: &[u8]) -> Option<u64> {
    #[derive(Deserialize)]
    struct Probe {
        schema_version: Option<u64>,
    }
    serde_json::from_slice::<Probe>(bytes).ok()?.schema_version
}

fn shape_problem(err: &serde_path_to_error::Error<serde_json::Error>) -> Problem {
    let inner = err.inner();
    let path = err.path().to_string();
    let message = match inner.classify() {
        serde_json::error::Category::Eof => {
            "the JSON ends too early (is the file complete?)".to_owned()
        }
        _ if path.is_empty() || path == "." => strip_position(&inner.to_string()),
        _ => format!("{}: {}", path, strip_position(&inner.to_string())),
    };
    Problem::new(
        Place::Position {
            line: inner.line(),
            column: inner.column(),
        },
        message,
    )
}

/// serde_json ends its messages with " at line L column C"; we show the place first instead.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
