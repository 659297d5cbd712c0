//! Writing a local feed file, safely: beside reading, and with the same validation.
//!
//! ```text
//! lock --> read, fingerprint (refuse if it changed since loaded) --> edit the JSON document
//!      --> parse + validate the result as any feed is read --> temporary file, fsync
//!      --> rename over the file --> fsync the folder --> unlock
//! ```
//!
//! The document is edited as JSON with its key order kept, so fields this build does not know
//! survive, and it is written two-space indented with a final newline: a file in that layout (as
//! `rapporteur init` writes it) changes only in the lines of the changed record and
//! `generated_at`.

mod atomic;
mod edit;
mod new_feed;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use serde_json::Value;

pub use crate::model::edit::{Assessment, Edit, Fingerprint, NewEvidence};
pub use new_feed::{DEFAULT_PUBLISHER, DEFAULT_TITLE};

use self::atomic::Target;
use self::edit::EditError;
use super::file::io_reason;
use super::sanitize::{self, caps};
use crate::model::Feed;
use crate::model::error::{LoadError, Place};

/// The byte order mark a UTF-8 file may start with; kept if the file had it.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A write that was made.
#[derive(Debug, Clone)]
pub struct Written {
    /// The file written, with symbolic links resolved.
    pub path: PathBuf,
    /// What the file holds now, to recognise this write when the file is seen to change, and to
    /// make the next edit.
    pub fingerprint: Fingerprint,
    /// The edit that undoes this one.
    pub undo: Edit,
    /// The feed as written, validated.
    pub feed: Feed,
}

/// Why nothing was written. The file is untouched in every case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The file could not be read, locked or written.
    Io(LoadError),
    /// The file is not a valid feed now.
    NotAFeed(LoadError),
    /// The change would leave a feed that is not valid.
    Invalid(LoadError),
    /// No record has the id.
    UnknownId {
        /// The file, as given.
        origin: String,
        /// The id asked for.
        id: String,
        /// The ids closest to it.
        close: Vec<String>,
    },
    /// The file changed on disk since it was loaded.
    Conflict {
        /// The file, as given.
        origin: String,
    },
    /// A new feed was asked for where a file exists already.
    Exists {
        /// The file, as given.
        origin: String,
    },
}

impl WriteError {
    /// True when the mistake is in what was asked (an id, a file name), not in the file.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            WriteError::UnknownId { .. } | WriteError::Exists { .. }
        )
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines = |f: &mut fmt::Formatter<'_>, error: &LoadError| {
            let lines: Vec<String> = error.lines().collect();
            f.write_str(&lines.join("\n"))
        };
        match self {
            WriteError::Io(error) => lines(f, error),
            WriteError::NotAFeed(error) => {
                lines(f, error)?;
                write!(
                    f,
                    "\n{}: not a valid feed, so nothing was changed (`rapporteur check` lists every error)",
                    error.origin
                )
            }
            WriteError::Invalid(error) => {
                lines(f, error)?;
                write!(
                    f,
                    "\n{}: the change would make the feed invalid, so nothing was changed",
                    error.origin
                )
            }
            WriteError::UnknownId { origin, id, close } => {
                write!(f, "{origin}: no recommendation has the id \"{id}\"")?;
                if !close.is_empty() {
                    write!(f, " (the closest: {})", close.join(", "))?;
                }
                Ok(())
            }
            WriteError::Conflict { origin } => write!(
                f,
                "{origin}: the file changed on disk since it was loaded, so nothing was changed"
            ),
            WriteError::Exists { origin } => write!(
                f,
                "{origin}: the file exists already; choose another name (nothing was changed)"
            ),
        }
    }
}

impl std::error::Error for WriteError {}

/// Makes `edit` in the feed file at `path`, safely, and returns what was written. With
/// `expected`, the write is refused (nothing changes) when the file no longer has that
/// A file operation that failed, named by what it was doing: "cannot rename ...: ...".
fn io_failure(origin: &str, doing: &str, err: &io::Error) -> WriteError {
    WriteError::Io(LoadError::one(
        origin,
        Place::Whole,
        format!("cannot {doing}: {}", io_reason(err)),
    ))
}

/// fingerprint.
pub fn apply(
    path: &Path,
    edit: &Edit,
    expected: Option<&Fingerprint>,
) -> Result<Written, WriteError> {
    let origin = origin(path);
    let io_error = |doing: &str, err: io::Error| io_failure(&origin, doing, &err);
    let target = Target::existing(path).map_err(|e| io_error("be read", e))?;
    let _lock = target.lock().map_err(|e| io_error("be locked", e))?;
    let old = std::fs::read(&target.path).map_err(|e| io_error("be read", e))?;
    if expected.is_some_and(|fingerprint| *fingerprint != Fingerprint::of(&old)) {
        return Err(WriteError::Conflict { origin });
    }
    let (bom, text) = match old.strip_prefix(UTF8_BOM) {
        Some(rest) => (UTF8_BOM, rest),
        None => (&[][..], &old[..]),
    };
    let mut doc: Value =
        serde_json::from_slice(text).map_err(|_| not_a_feed(&old, &origin, None))?;
    let previous = edit::apply(&mut doc, edit, &now()).map_err(|err| match err {
        EditError::UnknownId(close) => WriteError::UnknownId {
            origin: origin.clone(),
            id: sanitize::line(edit.id(), caps::ID),
            close,
        },
        EditError::Shape(message) => not_a_feed(&old, &origin, Some(message)),
    })?;
    let mut bytes = bom.to_vec();
    bytes.extend(layout(&doc));
    let feed = super::parse(&bytes, &origin).map_err(|new_problems| {
        match super::parse(&old, &origin) {
            Err(old_problems) => WriteError::NotAFeed(old_problems),
            Ok(_) => WriteError::Invalid(new_problems),
        }
    })?;
    target
        .replace(&bytes)
        .map_err(|e| io_error("be written", e))?;
    Ok(Written {
        path: target.path,
        fingerprint: Fingerprint::of(&bytes),
        undo: Edit::Restore {
            id: previous
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or(edit.id())
                .to_owned(),
            record: previous,
        },
        feed,
    })
}

/// Writes a new feed of the 36 DATE recommendations, none assessed, at `path`; refuses to
/// replace a file that exists. Returns the fingerprint of what was written.
pub fn create_date_feed(
    path: &Path,
    title: &str,
    publisher: &str,
) -> Result<Fingerprint, WriteError> {
    let origin = origin(path);
    let io_error = |doing: &str, err: io::Error| io_failure(&origin, doing, &err);
    let bytes = layout(&new_feed::date_feed(title, publisher, &now()));
    super::parse(&bytes, &origin).map_err(WriteError::Invalid)?;
    let target = Target::new_file(path).map_err(|e| io_error("be created", e))?;
    let _lock = target.lock().map_err(|e| io_error("be locked", e))?;
    match target.create_new(&bytes) {
        Ok(()) => Ok(Fingerprint::of(&bytes)),
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists { origin })
        }
        Err(err) => Err(io_error("be created", err)),
    }
}

/// The layout rapporteur writes: JSON indented by two spaces, with a final newline.
pub fn layout(doc: &Value) -> Vec<u8> {
    // A `Value` always serialises: its keys are strings and its numbers finite.
    let mut bytes = serde_json::to_vec_pretty(doc).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The time to write as `generated_at`: now, to the second.
fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The file's name as given, fit to be printed.
fn origin(path: &Path) -> String {
    sanitize::line(&path.display().to_string(), caps::URL)
}

/// The error for a file that could not be edited: what reading it as a feed says is wrong, or
/// `message` if reading it finds nothing wrong.
fn not_a_feed(old: &[u8], origin: &str, message: Option<String>) -> WriteError {
    match super::parse(old, origin) {
        Err(problems) => WriteError::NotAFeed(problems),
        Ok(_) => WriteError::NotAFeed(LoadError::one(
            origin,
            Place::Whole,
            message.unwrap_or_else(|| "is not JSON".into()),
        )),
    }
}
