//! The feed as plain data: what the app holds and the screen shows.
//!
//! Everything here has been parsed, validated and sanitised already (see [`crate::feed`]), so the
//! rest of the program can trust every string in it.

pub mod catalogue;
pub mod diff;
pub mod direction;
pub mod edit;
pub mod error;
pub mod message;
pub mod progress_series;
pub mod query;
mod status;

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

pub use direction::Direction;
pub use error::{LoadError, Place, Problem};
pub use message::FeedMessage;
pub use status::{Priority, Status};

/// A recommendation id such as `LP-09`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecId(pub String);

impl fmt::Display for RecId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Who may see a record, a note or a piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Visibility {
    /// Anyone, a wall screen included.
    #[default]
    Public,
    /// Staff only: never drawn in kiosk mode.
    Internal,
}

/// One addressee of the recommendations, such as "Law and Policy Makers".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience {
    /// Stable id, such as `law-policy`.
    pub id: String,
    /// Name shown on screen.
    pub name: String,
}

/// A document or link that shows where a recommendation stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// What it is.
    pub title: String,
    /// Where it is, shown as text and never made a terminal link.
    pub url: Option<String>,
    /// When it was published.
    pub date: Option<NaiveDate>,
    /// Who may see it.
    pub visibility: Visibility,
}

/// A past change of status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// When the status was set.
    pub date: NaiveDate,
    /// The status set then.
    pub status: Status,
    /// Why, in a sentence.
    pub note: Option<String>,
    /// Who recorded it.
    pub author: Option<String>,
    /// Who may see it.
    pub visibility: Visibility,
}

/// A dated remark on a recommendation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// When it was written.
    pub date: Option<NaiveDate>,
    /// The remark.
    pub text: String,
    /// Who wrote it.
    pub author: Option<String>,
    /// Who may see it.
    pub visibility: Visibility,
}

/// One recommendation with its implementation status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    /// Its id, unique in the feed.
    pub id: RecId,
    /// Index into [`Feed::audiences`].
    pub audience: usize,
    /// A short title.
    pub title: String,
    /// The full text.
    pub text: String,
    /// Where it stands.
    pub status: Status,
    /// How urgent it is.
    pub priority: Option<Priority>,
    /// Who is responsible.
    pub owners: Vec<String>,
    /// The determinants it touches, such as `data` or `funding`.
    pub themes: Vec<String>,
    /// When it should be done.
    pub due: Option<NaiveDate>,
    /// When its status was last checked.
    pub last_assessed: Option<NaiveDate>,
    /// The status in a sentence.
    pub status_note: Option<String>,
    /// What shows the status.
    pub evidence: Vec<Evidence>,
    /// Past changes of status, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Remarks, oldest first.
    pub notes: Vec<Note>,
    /// Who may see the record at all.
    pub visibility: Visibility,
}

impl Recommendation {
    /// Past its due date and not settled.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.status.is_settled() && self.due.is_some_and(|due| due < today)
    }
}

/// A whole feed, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// The feed's title.
    pub title: String,
    /// Who publishes it.
    pub publisher: String,
    /// When the publisher produced it.
    pub generated_at: DateTime<Utc>,
    /// The publisher says this is sample data, not a real assessment.
    pub sample: bool,
    /// The audiences, in the publisher's order.
    pub audiences: Vec<Audience>,
    /// The recommendations, in the publisher's order.
    pub recommendations: Vec<Recommendation>,
    /// When its publisher signed it, when a trusted signature vouched for it (see
    /// `feed::signature`); `None` for a feed that was not checked against a key.
    pub signed_at: Option<DateTime<Utc>>,
    /// Things that were accepted but deserve a look, such as unrecognised status values.
    pub warnings: Vec<String>,
}

/// How many recommendations have each status, and what share of the work is done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// Counts in the order of [`Status::KNOWN`].
    pub known: [usize; 6],
    /// Records with a status value this build does not know.
    pub unrecognised: usize,
}

impl StatusCounts {
    /// Counts the statuses of some recommendations.
    pub fn of<'a>(recs: impl IntoIterator<Item = &'a Recommendation>) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for rec in recs {
            counts.add(&rec.status);
        }
        counts
    }

    /// Counts one more status.
    pub fn add(&mut self, status: &Status) {
        match Status::KNOWN.iter().position(|known| known == status) {
            Some(i) => self.known[i] += 1,
            None => self.unrecognised += 1,
        }
    }

    /// Adds the counts of other recommendations.
    pub fn merge(&mut self, other: &StatusCounts) {
        for (count, more) in self.known.iter_mut().zip(other.known) {
            *count += more;
        }
        self.unrecognised += other.unrecognised;
    }

    /// How many have this status.
    pub fn get(&self, status: &Status) -> usize {
        Status::KNOWN
            .iter()
            .position(|known| known == status)
            .map_or(self.unrecognised, |i| self.known[i])
    }

    /// All records counted.
    pub fn total(&self) -> usize {
        self.known.iter().sum::<usize>() + self.unrecognised
    }

    /// Records that count towards progress: all but the not applicable ones.
    pub fn applicable(&self) -> usize {
        self.total() - self.get(&Status::NotApplicable)
    }

    /// Share of the applicable work done, from 0 to 1: implemented counts whole, partially
    /// implemented counts half, and not applicable is left out of the total ([`PROGRESS_RULE`]).
    pub fn progress(&self) -> f64 {
        let applicable = self.applicable();
        if applicable == 0 {
            return 0.0;
        }
        let done = self.get(&Status::Implemented) as f64
            + 0.5 * self.get(&Status::PartiallyImplemented) as f64;
        done / applicable as f64
    }
}

/// How the progress figure is counted, in a sentence for the help, legends and reports.
pub const PROGRESS_RULE: &str = "Progress: each implemented recommendation counts 1 and each \
     partially implemented one 1/2, out of all that apply (not applicable ones are left out).";

impl StatusCounts {
    /// The progress figure as a whole percentage, rounded.
    pub fn percent(&self) -> u32 {
        // Between 0 and 100 by construction.
        (self.progress() * 100.0).round().clamp(0.0, 100.0) as u32
    }

    /// What fills a progress bar, in words: `2 implemented, 3 partial of 11 · 32%`.
    pub fn progress_label(&self) -> String {
        let done = self.get(&Status::Implemented);
        let partial = self.get(&Status::PartiallyImplemented);
        let mut label = format!("{done} implemented");
        if partial > 0 {
            label.push_str(&format!(", {partial} partial"));
        }
        format!("{label} of {} · {}%", self.applicable(), self.percent())
    }
}
