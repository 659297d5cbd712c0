//! Implementation status and priority: the two judgements the console is about.

use std::fmt;

/// Where a recommendation stands. Ordered from least to most done, so that a change can be told to
/// be a move forward or a regression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    /// Nobody has assessed it yet.
    NotAssessed,
    /// Assessed, and nothing has been done.
    NoAction,
    /// Work has started.
    InProgress,
    /// Some of it is in place.
    PartiallyImplemented,
    /// It is in place.
    Implemented,
    /// It does not apply to this country or body.
    NotApplicable,
    /// A value this build does not know, kept so a newer publisher never blanks the screen.
    Unrecognised(String),
}

impl Status {
    /// Every known status, in the order the header counts them.
    pub const KNOWN: [Status; 6] = [
        Status::Implemented,
        Status::PartiallyImplemented,
        Status::InProgress,
        Status::NoAction,
        Status::NotAssessed,
        Status::NotApplicable,
    ];

    /// Reads the wire value; anything unknown is kept as [`Status::Unrecognised`].
    pub fn from_wire(value: &str) -> Status {
        match value {
            "not_assessed" => Status::NotAssessed,
            "no_action" => Status::NoAction,
            "in_progress" => Status::InProgress,
            "partially_implemented" => Status::PartiallyImplemented,
            "implemented" => Status::Implemented,
            "not_applicable" => Status::NotApplicable,
            other => Status::Unrecognised(other.to_owned()),
        }
    }

    /// Reads a status a person typed (on the command line, in the config): the wire value or the
    /// word shown on screen, in any case, with spaces or underscores. The error lists the known
    /// values.
    pub fn parse_known(value: &str) -> Result<Status, String> {
        let wanted = value.trim().to_lowercase().replace([' ', '-'], "_");
        Status::KNOWN
            .into_iter()
            .find(|s| {
                s.wire() == wanted
                    || s.word().replace([' ', '-'], "_") == wanted
                    || s.short_word().replace([' ', '-'], "_") == wanted
            })
            .ok_or_else(|| {
                format!(
                    "\"{value}\" is not a status (one of: {})",
                    Status::KNOWN.map(|k| k.wire().to_owned()).join(", ")
                )
            })
    }

    /// The wire value, as written in a feed.
    pub fn wire(&self) -> &str {
        match self {
            Status::NotAssessed => "not_assessed",
            Status::NoAction => "no_action",
            Status::InProgress => "in_progress",
            Status::PartiallyImplemented => "partially_implemented",
            Status::Implemented => "implemented",
            Status::NotApplicable => "not_applicable",
            Status::Unrecognised(value) => value,
        }
    }

    /// One character of width one, so a status reads without colour.
    pub fn symbol(&self) -> char {
        match self {
            Status::Implemented => '●',
            Status::PartiallyImplemented => '◐',
            Status::InProgress => '◔',
            Status::NoAction => '○',
            Status::NotAssessed => '·',
            Status::NotApplicable => '–',
            Status::Unrecognised(_) => '?',
        }
    }

    /// The status in plain words.
    pub fn word(&self) -> &'static str {
        match self {
            Status::Implemented => "implemented",
            Status::PartiallyImplemented => "partially implemented",
            Status::InProgress => "in progress",
            Status::NoAction => "no action",
            Status::NotAssessed => "not assessed",
            Status::NotApplicable => "not applicable",
            Status::Unrecognised(_) => "unrecognised",
        }
    }

    /// The status in at most 12 columns, for rows and counts.
    pub fn short_word(&self) -> &'static str {
        match self {
            Status::Implemented => "implemented",
            Status::PartiallyImplemented => "partial",
            Status::InProgress => "in progress",
            Status::NoAction => "no action",
            Status::NotAssessed => "not assessed",
            Status::NotApplicable => "n/a",
            Status::Unrecognised(_) => "unrecognised",
        }
    }

    /// Its place in the order of progress (no action < in progress < partially implemented <
    /// implemented), which tells a move forward from a regression. Not assessed, not applicable
    /// and unrecognised values have no place in it (see [`super::direction`]).
    pub fn progress_rank(&self) -> Option<u8> {
        match self {
            Status::NoAction => Some(0),
            Status::InProgress => Some(1),
            Status::PartiallyImplemented => Some(2),
            Status::Implemented => Some(3),
            Status::NotAssessed | Status::NotApplicable | Status::Unrecognised(_) => None,
        }
    }

    /// Where it goes when sorting by status: least done first, not assessed before all, and not
    /// applicable and unrecognised values last (`None`).
    pub fn sort_rank(&self) -> Option<u8> {
        match self {
            Status::NotAssessed => Some(0),
            Status::NoAction => Some(1),
            Status::InProgress => Some(2),
            Status::PartiallyImplemented => Some(3),
            Status::Implemented => Some(4),
            Status::NotApplicable | Status::Unrecognised(_) => None,
        }
    }

    /// True when nothing more is expected: it is in place, or it does not apply.
    pub fn is_settled(&self) -> bool {
        matches!(self, Status::Implemented | Status::NotApplicable)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Unrecognised(value) => write!(f, "unrecognised: {value}"),
            known => f.write_str(known.word()),
        }
    }
}

/// How urgent a recommendation is, as the publisher judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// Most urgent.
    High,
    /// Normal.
    Medium,
    /// Least urgent.
    Low,
}

impl Priority {
    /// Reads the wire value.
    pub fn from_wire(value: &str) -> Option<Priority> {
        match value {
            "high" => Some(Priority::High),
            "medium" => Some(Priority::Medium),
            "low" => Some(Priority::Low),
            _ => None,
        }
    }

    /// Reads a priority a person typed, in any case; the error lists the known values.
    pub fn parse_known(value: &str) -> Result<Priority, String> {
        Priority::from_wire(&value.trim().to_lowercase())
            .ok_or_else(|| format!("\"{value}\" is not a priority (one of: high, medium, low)"))
    }

    /// The priority in plain words.
    pub fn word(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_status_round_trips_through_its_wire_value() {
        for status in Status::KNOWN {
            assert_eq!(Status::from_wire(status.wire()), status);
        }
    }

    #[test]
    fn unknown_values_are_kept_and_shown() {
        let status = Status::from_wire("under_review");
        assert_eq!(status.to_string(), "unrecognised: under_review");
        assert_eq!(status.symbol(), '?');
    }

    #[test]
    fn typed_statuses_are_read_by_wire_value_or_word_in_any_case() {
        assert_eq!(Status::parse_known("in_progress"), Ok(Status::InProgress));
        assert_eq!(Status::parse_known("In Progress"), Ok(Status::InProgress));
        assert_eq!(
            Status::parse_known("NOT_APPLICABLE"),
            Ok(Status::NotApplicable)
        );
        let err = Status::parse_known("done").unwrap_err();
        assert!(err.contains("\"done\" is not a status"), "{err}");
        assert!(err.contains("partially_implemented"), "{err}");
        assert_eq!(Priority::parse_known("High"), Ok(Priority::High));
        assert!(Priority::parse_known("urgent").is_err());
    }

    #[test]
    fn symbols_are_distinct() {
        let mut symbols: Vec<char> = Status::KNOWN.iter().map(Status::symbol).collect();
        symbols.push(Status::Unrecognised(String::new()).symbol());
        let count = symbols.len();
        symbols.sort_unstable();
        symbols.dedup();
        assert_eq!(symbols.len(), count);
    }
}
