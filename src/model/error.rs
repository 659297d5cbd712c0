//! What went wrong with a feed, and where: a file position, a record and field, or a top-level field.

use std::fmt;

use crate::text::sanitize;

/// Where in a feed a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A line and column of the JSON text (both from 1).
    Position {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
    },
    /// A byte offset, for text that is not even UTF-8.
    Byte(usize),
    /// A field of the feed itself, such as `schema_version`.
    Field(String),
    /// A field of one record, named by the record's id.
    Record {
        /// The record's id (or its position when it has none).
        id: String,
        /// The field, such as `due` or `history[2].date`.
        field: String,
    },
    /// The feed as a whole, such as a fetch that failed.
    Whole,
}

/// One thing wrong with a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub place: Place,
    /// What is wrong, in plain words. Already sanitised: it may quote feed text.
    pub message: String,
    /// For a JSON syntax error, the line of the file with a caret under the place, in two
    /// lines of text (already sanitised); printed after the message by
    /// [`LoadError::report_lines`].
    pub excerpt: Option<String>,
}

impl Problem {
    /// A problem at a place. The message is sanitised here, since it may quote the feed.
    pub fn new(place: Place, message: impl AsRef<str>) -> Problem {
        Problem {
            place,
            message: sanitize::line(message.as_ref(), 400),
            excerpt: None,
        }
    }

    /// The same problem, shown with the line of the file it is on (see [`Problem::excerpt`]).
    pub fn with_excerpt(self, excerpt: Option<String>) -> Problem {
        Problem { excerpt, ..self }
    }

    /// A problem with one field of one record.
    pub fn record(id: &str, field: &str, message: impl AsRef<str>) -> Problem {
        Problem::new(
            Place::Record {
                id: id.to_owned(),
                field: field.to_owned(),
            },
            message,
        )
    }

    /// Formats the problem after the name of the file or URL it comes from.
    pub fn display_with<'a>(&'a self, origin: &'a str) -> impl fmt::Display + 'a {
        DisplayWith {
            problem: self,
            origin,
        }
    }
}

struct DisplayWith<'a> {
    problem: &'a Problem,
    origin: &'a str,
}

impl fmt::Display for DisplayWith<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (origin, message) = (self.origin, &self.problem.message);
        match &self.problem.place {
            Place::Position { line, column } => write!(f, "{origin}:{line}:{column}: {message}"),
            Place::Byte(offset) => write!(f, "{origin}: byte {offset}: {message}"),
            Place::Field(field) => write!(f, "{origin}: field \"{field}\": {message}"),
            Place::Record { id, field } => {
                write!(f, "{origin}: record {id}, field \"{field}\": {message}")
            }
            Place::Whole => write!(f, "{origin}: {message}"),
        }
    }
}

/// What kind of failure a load was, for a screen that must say the real cause of stale data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailureKind {
    /// The feed was read but is not valid: a syntax error or a bad value.
    #[default]
    Invalid,
    /// The local file is not there.
    Missing,
    /// The local file is there but cannot be read (permissions, not a file...).
    Unreadable,
    /// The server could not be reached: refused, timed out, no such host, TLS failed.
    Unreachable,
    /// The server answered with an HTTP error status.
    Http(u16),
    /// Anything else.
    Other,
}

/// A feed that could not be loaded: every problem found, and where the feed came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file path or URL, as the user gave it.
    pub origin: String,
    /// Every problem found; never empty.
    pub problems: Vec<Problem>,
    /// What kind of failure it was.
    pub kind: FailureKind,
}

impl LoadError {
    /// A load error with a single problem. A problem with the feed as a whole is of kind
    /// [`FailureKind::Other`] until [`LoadError::with_kind`] says more; one at a place in the
    /// feed is [`FailureKind::Invalid`].
    pub fn one(origin: &str, place: Place, message: impl AsRef<str>) -> LoadError {
        let kind = if place == Place::Whole {
            FailureKind::Other
        } else {
            FailureKind::Invalid
        };
        LoadError {
            origin: origin.to_owned(),
            problems: vec![Problem::new(place, message)],
            kind,
        }
    }

    /// The same error, of another kind.
    pub fn with_kind(mut self, kind: FailureKind) -> LoadError {
        self.kind = kind;
        self
    }

    /// The first problem's own words and place, without the origin: `line 332: expected ...`.
    pub fn short_cause(&self) -> String {
        let Some(first) = self.problems.first() else {
            return "could not be loaded".to_owned();
        };
        let message = &first.message;
        match &first.place {
            Place::Position { line, .. } => format!("line {line}: {message}"),
            Place::Byte(offset) => format!("byte {offset}: {message}"),
            Place::Field(field) => format!("field \"{field}\": {message}"),
            Place::Record { id, field } => format!("record {id}, field \"{field}\": {message}"),
            Place::Whole => message.clone(),
        }
    }

    /// Every problem, one per line, each naming its place.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.problems
            .iter()
            .map(|problem| problem.display_with(&self.origin).to_string())
    }

    /// Every problem as a report prints it: its line, and for a syntax error the line of the
    /// file with a caret under the place, as two more lines. Each item is one line of text.
    pub fn report_lines(&self) -> impl Iterator<Item = String> + '_ {
        self.problems.iter().flat_map(|problem| {
            let first = problem.display_with(&self.origin).to_string();
            let excerpt = problem
                .excerpt
                .iter()
                .flat_map(|e| e.lines().map(str::to_owned));
            std::iter::once(first).chain(excerpt)
        })
    }
}

impl fmt::Display for LoadError {
    /// The first problem, and how many more there are: short enough for one line on screen.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.first() {
            Some(first) => write!(f, "{}", first.display_with(&self.origin))?,
            None => write!(f, "{}: could not be loaded", self.origin)?,
        }
        if self.problems.len() > 1 {
            write!(f, " (and {} more)", self.problems.len() - 1)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
