//! Dates as people write them.

use chrono::NaiveDate;

/// A date as people write it: `30 Jun 2026`.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}
