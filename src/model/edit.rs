//! A change to one record of a feed, as plain data: what `rapporteur set` and the console's edit
//! form ask for, and what the feed writer (`feed::write`) carries out. The fingerprint of a file
//! as it was read lets a save tell whether the file changed since.

use chrono::NaiveDate;
use serde_json::Value;

use super::{Priority, Status};

/// A change to one record of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// A new assessment of a recommendation.
    Assess(Assessment),
    /// Puts a record back as it was: the undo of an earlier write.
    Restore {
        /// The record's id.
        id: String,
        /// The record's whole JSON value, as it was.
        record: Value,
    },
}

impl Edit {
    /// The id of the record it changes.
    pub fn id(&self) -> &str {
        match self {
            Edit::Assess(assessment) => &assessment.id,
            Edit::Restore { id, .. } => id,
        }
    }
}

/// A new assessment: the status and the history entry that records it, and optionally evidence,
/// priority, due date and owners.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The record's id.
    pub id: String,
    /// The new status; it also goes in the history entry.
    pub status: Status,
    /// The day of the assessment: `last_assessed`, the history entry's and the evidence's date.
    pub date: NaiveDate,
    /// Why, for the history entry.
    pub note: Option<String>,
    /// Who recorded it, for the history entry.
    pub author: Option<String>,
    /// A document that shows the status, added to the record's evidence.
    pub evidence: Option<NewEvidence>,
    /// The history entry and the evidence are for staff only.
    pub internal: bool,
    /// A new priority.
    pub priority: Option<Priority>,
    /// A new due date.
    pub due: Option<NaiveDate>,
    /// New owners, in place of the old ones.
    pub owners: Option<Vec<String>>,
}

/// Evidence to add to a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidence {
    /// Where it is.
    pub url: String,
    /// What it is; the URL stands in for it when there is none.
    pub title: Option<String>,
}

/// What a file held when it was read: its length and BLAKE3. A save made with the fingerprint of
/// the file as it was loaded is refused if the file has changed since. Every load of a local
/// feed takes one: BLAKE3 over 513 MB takes about 0.1 s where SHA-256 took 0.35 to 0.48 s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    /// Length in bytes.
    pub len: u64,
    /// BLAKE3 of the bytes.
    pub digest: [u8; 32],
}

impl Fingerprint {
    /// The fingerprint of some bytes.
    pub fn of(bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            len: bytes.len() as u64,
            digest: *blake3::hash(bytes).as_bytes(),
        }
    }
}
