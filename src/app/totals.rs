//! How the whole feed stands, counted once per feed and per day rather than at every frame: at
//! 100,000 records one pass over them cost three times as much as drawing the rest of the screen.

use chrono::NaiveDate;

use crate::model::{Feed, StatusCounts};

/// The header's figures for the whole feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// Records by status.
    pub counts: StatusCounts,
    /// Records past their due date and not settled, on `day`.
    pub overdue: usize,
    /// The day `overdue` was counted for.
    pub day: NaiveDate,
}

impl Totals {
    /// Counts `feed` in one pass, as it stands on `day`.
    pub fn of(feed: &Feed, day: NaiveDate) -> Totals {
        let mut totals = Totals {
            day,
            ..Totals::default()
        };
        for rec in &feed.recommendations {
            totals.counts.add(&rec.status);
            totals.overdue += usize::from(rec.is_overdue(day));
        }
        totals
    }
}
