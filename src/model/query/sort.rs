//! The order of rows: sort keys and the natural order of ids.

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};

use crate::model::{Recommendation, Status};

/// The order of rows within a pane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    /// By id, numbers compared as numbers (the default).
    #[default]
    Id,
    /// Least done first.
    Status,
    /// High priority first.
    Priority,
    /// Earliest due date first.
    Due,
    /// Longest since assessed first, never assessed before all.
    LastAssessed,
}

impl SortKey {
    /// Every key, in the order `s` cycles through them.
    pub const ALL: [SortKey; 5] = [
        SortKey::Id,
        SortKey::Status,
        SortKey::Priority,
        SortKey::Due,
        SortKey::LastAssessed,
    ];

    /// The next key in the cycle.
    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|&k| k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }

    /// The name used in the config and on screen.
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Id => "id",
            SortKey::Status => "status",
            SortKey::Priority => "priority",
            SortKey::Due => "due",
            SortKey::LastAssessed => "last-assessed",
        }
    }

    /// Reads a name from the config or the command line.
    pub fn from_name(name: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Compares two records by this key, ties broken by id.
    pub fn compare(self, a: &Recommendation, b: &Recommendation) -> Ordering {
        self.rank(a)
            .cmp(&self.rank(b))
            .then_with(|| natural_cmp(&a.id.0, &b.id.0))
    }

    /// Where a record goes by this key alone, as a number: lower first. Sorting by numbers
    /// rather than by comparing records keeps a new sort of 100,000 records quick.
    pub fn rank(self, rec: &Recommendation) -> u64 {
        match self {
            SortKey::Id => 0,
            SortKey::Status => u64::from(rank_order(&rec.status)),
            SortKey::Priority => rec.priority.map_or(3, |p| p as u64),
            // Earliest first, no date last.
            SortKey::Due => rec.due.map_or(u64::MAX, day_number),
            // Never assessed first, then the longest ago.
            SortKey::LastAssessed => rec.last_assessed.map_or(0, |date| day_number(date) + 1),
        }
    }
}

/// Days from the earliest date chrono can hold, so that later dates are larger numbers.
fn day_number(date: NaiveDate) -> u64 {
    (i64::from(date.num_days_from_ce()) - i64::from(i32::MIN)).unsigned_abs()
}

/// Known statuses by how far along they are; not applicable and unknown values last.
fn rank_order(status: &Status) -> u8 {
    status.sort_rank().unwrap_or(u8::MAX)
}

/// Compares ids so that `LP-2` comes before `LP-10`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let db = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (na, nb) = (trim_zeros(&a[..da]), trim_zeros(&b[..db]));
                let order = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
                if order != Ordering::Equal {
                    return order;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&d| d == b'0').count();
    &digits[zeros..]
}
