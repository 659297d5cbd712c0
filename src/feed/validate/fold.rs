//! What is kept of the records that pass validation. The console and export keep the records
//! themselves; `rapporteur check` keeps only a tally of them, so that checking a large feed never
//! holds the whole of it in memory. Both go through the same validation ([`super::Records`]).

use chrono::{DateTime, Utc};

use crate::model::{Feed, Recommendation, StatusCounts};

/// What a fold of a feed's records may need to know of the feed's head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    /// When the publisher produced the feed.
    pub generated_at: DateTime<Utc>,
    /// How many audiences the feed has; each record's audience is an index below this.
    pub audiences: usize,
}

impl Basis {
    /// The basis of a whole feed.
    pub fn of(feed: &Feed) -> Basis {
        Basis {
            generated_at: feed.generated_at,
            audiences: feed.audiences.len(),
        }
    }
}

/// What is kept of the records that pass, taken in one at a time in feed order. The records of
/// a large feed are checked in runs on several threads, each run folded on its own; the runs are
/// then appended in feed order.
pub trait Fold: Send + Sized {
    /// Nothing kept yet, with room for `capacity` records.
    fn empty(basis: &Basis, capacity: usize) -> Self;

    /// Takes in the next record that passed.
    fn keep(&mut self, rec: Recommendation);

    /// Takes in what was kept of the records that follow these.
    fn append(&mut self, next: Self);

    /// The id of every record kept, in feed order, for the test that no two records share one.
    fn ids(&self) -> impl Iterator<Item = &str>;

    /// The records kept, by status.
    fn counts(&self) -> StatusCounts;

    /// What is kept of `records`, all of them checked already.
    fn of_records(basis: &Basis, records: Vec<Recommendation>) -> Self {
        let mut kept = Self::empty(basis, records.len());
        for rec in records {
            kept.keep(rec);
        }
        kept
    }
}

/// The records themselves, for whatever shows or writes them.
impl Fold for Vec<Recommendation> {
    fn empty(_: &Basis, capacity: usize) -> Self {
        Vec::with_capacity(capacity)
    }

    fn keep(&mut self, rec: Recommendation) {
        self.push(rec);
    }

    fn append(&mut self, mut next: Self) {
        Vec::append(self, &mut next);
    }

    fn ids(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|rec| rec.id.0.as_str())
    }

    fn counts(&self) -> StatusCounts {
        StatusCounts::of(self)
    }

    fn of_records(_: &Basis, records: Vec<Recommendation>) -> Self {
        records
    }
}

/// A whole feed taken apart: the feed without its records, and what is kept of them.
pub fn fold_feed<K: Fold>(mut feed: Feed) -> (Feed, K) {
    let records = std::mem::take(&mut feed.recommendations);
    let kept = K::of_records(&Basis::of(&feed), records);
    (feed, kept)
}

/// A feed taken apart with its records kept, put together again.
pub fn whole((mut feed, records): (Feed, Vec<Recommendation>)) -> Feed {
    feed.recommendations = records;
    feed
}
