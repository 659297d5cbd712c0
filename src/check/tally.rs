//! What `check` keeps of a feed's records: counts, the warnings about each record, and the ids.
//! Each record is folded in as soon as it is checked and then dropped, so a check never holds the
//! whole feed in memory.

use chrono::NaiveDate;

use super::lint;
use crate::feed::validate::{Basis, Fold};
use crate::model::{Recommendation, StatusCounts};

/// A feed's records, tallied for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// The day the feed was generated: no record can be dated after it.
    generated: NaiveDate,
    /// Records by status, for each audience in the feed's order.
    pub by_audience: Vec<StatusCounts>,
    /// Records by status.
    pub by_status: StatusCounts,
    /// The warnings about each record ([`lint::of_record`]), in feed order.
    record_findings: Vec<String>,
    /// The id of each record, in feed order.
    ids: Vec<String>,
}

impl Tally {
    /// How many records were tallied.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no record was tallied.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Every warning about the records, besides those loading gave: first what the feed as a
    /// whole lacks, then each record's in feed order.
    pub fn findings(&self) -> Vec<String> {
        let missing = lint::missing_date_ids(self.ids.iter().map(String::as_str));
        missing
            .into_iter()
            .chain(self.record_findings.iter().cloned())
            .collect()
    }
}

impl Fold for Tally {
    fn empty(basis: &Basis, capacity: usize) -> Self {
        Tally {
            generated: basis.generated_at.date_naive(),
            by_audience: vec![StatusCounts::default(); basis.audiences],
            by_status: StatusCounts::default(),
            record_findings: Vec::new(),
            ids: Vec::with_capacity(capacity),
        }
    }

    fn keep(&mut self, rec: Recommendation) {
        lint::of_record(&rec, self.generated, &mut self.record_findings);
        if let Some(counts) = self.by_audience.get_mut(rec.audience) {
            counts.add(&rec.status);
        }
        self.by_status.add(&rec.status);
        self.ids.push(rec.id.0);
    }

    fn append(&mut self, mut next: Self) {
        for (counts, more) in self.by_audience.iter_mut().zip(&next.by_audience) {
            counts.merge(more);
        }
        self.by_status.merge(&next.by_status);
        self.record_findings.append(&mut next.record_findings);
        self.ids.append(&mut next.ids);
    }

    fn ids(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }

    fn counts(&self) -> StatusCounts {
        self.by_status.clone()
    }
}
