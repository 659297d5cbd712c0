//! Bytes to a validated [`Feed`]: UTF-8, JSON syntax, shape, then validation, each failure with
//! its place.

mod depth;
mod parallel;
mod split;
mod stream;
mod syntax;

use bytes::Bytes;
use serde::Deserialize;

use self::depth::{MAX_DEPTH, too_deep};
use super::validate::{Fold, fold_feed, validate, version_problem, whole};
use super::wire::objects::Object;
use super::wire::{SCHEMA_VERSION, WireFeed};
use crate::model::error::{FailureKind, LoadError, Place, Problem};
use crate::model::{Feed, Recommendation};

/// The byte order mark a UTF-8 file may start with.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses and validates a body a source has just read for the screen or a command: the same as
/// [`parse`], and the body is offered to the snapshot archive ([`super::tap`]) as it is parsed,
/// to be kept if the feed is good.
pub fn parse_body(bytes: &Bytes, origin: &str) -> Result<Feed, LoadError> {
    parse_body_folded::<Vec<Recommendation>>(bytes, origin).map(whole)
}

/// [`parse_body`], keeping only what `K` keeps of the records ([`parse_folded`]).
pub fn parse_body_folded<K: Fold>(bytes: &Bytes, origin: &str) -> Result<(Feed, K), LoadError> {
    let pending = super::tap::offer(origin, bytes);
    let (feed, kept) = parse_folded::<K>(bytes, origin)?;
    pending.confirm(feed.generated_at, || kept.counts());
    Ok((feed, kept))
}

/// Parses and validates a feed. `origin` is the file path or URL, used to name the place of each
/// problem.
pub fn parse(bytes: &[u8], origin: &str) -> Result<Feed, LoadError> {
    parse_folded::<Vec<Recommendation>>(bytes, origin).map(whole)
}

/// Parses and validates a feed as [`parse`] does, but gives the feed without its records and
/// what `K` keeps of them. On the quick path each record is folded into `K` as soon as it is
/// checked, so a `K` that keeps little never holds the whole feed.
pub fn parse_folded<K: Fold>(bytes: &[u8], origin: &str) -> Result<(Feed, K), LoadError> {
    // Some editors (Notepad among them) start a UTF-8 file with a byte order mark; JSON has no
    // place for it, and a feed saved that way is still the feed its publisher meant.
    let (bom, bytes) = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => (UTF8_BOM.len(), rest),
        None => (0, bytes),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            return Err(LoadError::one(
                origin,
                Place::Byte(bom + err.valid_up_to()),
                "the feed is not valid UTF-8 text",
            ));
        }
    };
    if let Some(folded) = parallel::valid_folded::<K>(text) {
        return Ok(folded);
    }
    // Whatever the careful path refuses, the feed was read: it is invalid, not unreachable.
    read_carefully(text, origin)
        .map(fold_feed)
        .map_err(|e| e.with_kind(FailureKind::Invalid))
}

/// The feed read from `reader` (at most `max_bytes` of it) without its records, and what `K`
/// keeps of them, when the quick path that never holds the whole text can vouch for it
/// ([`stream`]); `None` when the text must be read whole and parsed, which says what is wrong.
pub fn streamed_folded<K: Fold>(reader: impl std::io::Read, max_bytes: u64) -> Option<(Feed, K)> {
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    stream::valid_folded(reader, max_bytes, stream::PIECE, workers)
}

/// Reads a feed the slow way, on one thread and ready to say where each problem is: the way for
/// every feed the quick path turned down.
fn read_carefully(text: &str, origin: &str) -> Result<Feed, LoadError> {
    // Reading from the checked `str` spares serde_json a second UTF-8 check of every string.
    let mut de = serde_json::Deserializer::from_str(text);
    // Tracking the path of every value costs about a third of the load time of a large feed and
    // is only needed to say where a broken feed breaks, so only a feed that fails is read again
    // with it.
    let wire = match Object::<WireFeed>::deserialize(&mut de) {
        Ok(Object(wire)) => wire,
        Err(_) => {
            let mut tracked = serde_json::Deserializer::from_str(text);
            match serde_path_to_error::deserialize::<_, Object<WireFeed>>(&mut tracked) {
                // The same reader cannot succeed where it just failed; if it does, go on with it.
                Ok(Object(wire)) => {
                    de = tracked;
                    wire
                }
                Err(err) => {
                    // A newer format may fail on its shape; say which version it is instead.
                    if let Some(version) =
                        declared_version(text.as_bytes()).filter(|&v| v != SCHEMA_VERSION)
                    {
                        return Err(LoadError {
                            origin: origin.to_owned(),
                            problems: vec![version_problem(version)],
                            kind: FailureKind::Invalid,
                        });
                    }
                    return Err(LoadError {
                        origin: origin.to_owned(),
                        problems: vec![shape_problem(text, &err)],
                        kind: FailureKind::Invalid,
                    });
                }
            }
        }
    };
    if let Err(err) = de.end() {
        let problem = Problem::new(
            Place::Position {
                line: err.line(),
                column: err.column(),
            },
            "there is more text after the end of the feed",
        )
        .with_excerpt(Some(syntax::excerpt_at(text, err.line(), err.column())));
        return Err(LoadError {
            origin: origin.to_owned(),
            problems: vec![problem],
            kind: FailureKind::Invalid,
        });
    }
    if let Some(place) = too_deep(text) {
        return Err(LoadError::one(
            origin,
            place,
            format!("the JSON is nested more than {MAX_DEPTH} levels deep"),
        ));
    }
    validate(wire).map_err(|problems| LoadError {
        origin: origin.to_owned(),
        problems,
        kind: FailureKind::Invalid,
    })
}

/// The version a feed declares, read without caring about the rest of its shape.
fn declared_version(bytes: &[u8]) -> Option<u64> {
    #[derive(Deserialize)]
    struct Probe {
        schema_version: Option<u64>,
    }
    serde_json::from_slice::<Probe>(bytes).ok()?.schema_version
}

fn shape_problem(text: &str, err: &serde_path_to_error::Error<serde_json::Error>) -> Problem {
    use serde_json::error::Category;
    let inner = err.inner();
    let path = err.path().to_string();
    let (line, column) = (inner.line(), inner.column());
    let message = match inner.classify() {
        Category::Syntax => {
            let message = strip_position(&inner.to_string());
            return syntax::problem(text, &path, &message, line, column);
        }
        Category::Eof => {
            let problem = Problem::new(
                Place::Position { line, column },
                "the JSON ends too early (is the file complete?)",
            );
            return problem.with_excerpt(Some(syntax::excerpt_at(text, line, column)));
        }
        _ if path.is_empty() || path == "." => strip_position(&inner.to_string()),
        _ => {
            let place = syntax::within_record(text, &path).unwrap_or(path);
            format!("{place}: {}", strip_position(&inner.to_string()))
        }
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

/// The line and column (both from 1) of byte `i`, counted only when there is a problem to report.
fn position(bytes: &[u8], i: usize) -> Place {
    let before = &bytes[..i];
    // Valid JSON has no raw line breaks inside strings, so this counts every line.
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |n| n + 1);
    Place::Position {
        line,
        column: i - line_start + 1,
    }
}

/// The quick path alone, its records in at most `runs` runs: `None` where the careful path would
/// be taken.
#[cfg(test)]
pub(crate) fn quick_in_runs<K: Fold>(text: &str, runs: usize) -> Option<(Feed, K)> {
    parallel::folded_in_runs(text, runs)
}

#[cfg(test)]
pub(crate) mod mutation;
#[cfg(test)]
pub(crate) mod warning_feed;
