//! Which recommendations are shown, and in what order. The same code serves the screen and
//! `rapporteur export`.

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};

use crate::model::{Priority, Recommendation, Status};

/// Every filter that can be set. An empty list means "any"; filters combine with AND, the values
/// inside one filter with OR.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Any of these statuses.
    pub statuses: Vec<Status>,
    /// Any of these priorities.
    pub priorities: Vec<Priority>,
    /// Touching any of these themes.
    pub themes: Vec<String>,
    /// Owned by any of these.
    pub owners: Vec<String>,
    /// Addressed to any of these audience ids; the other panes are hidden.
    pub audiences: Vec<String>,
    /// Past the due date and not implemented.
    pub overdue: bool,
    /// Status changed within the change window.
    pub changed: bool,
    /// Not assessed for [`FilterContext::stale_assessment_days`] days, or never.
    pub stale_assessment: bool,
    /// Case-insensitive text search; empty for none.
    pub search: String,
}

/// What the filters need to know besides the record.
#[derive(Clone, Copy)]
pub struct FilterContext<'a> {
    /// Today, for overdue and assessment age.
    pub today: NaiveDate,
    /// N of "not assessed for N days".
    pub stale_assessment_days: i64,
    /// True for the records whose status changed recently.
    pub changed: &'a dyn Fn(&Recommendation) -> bool,
}

impl Filter {
    /// True when nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// True when [`Filter::matches`] passes every record: nothing is set but the text search and
    /// the audiences. Then rows can be chosen without reading any record, which at 100,000
    /// records is a good part of a search keystroke.
    pub fn matches_everything(&self) -> bool {
        // Taken apart field by field, so that a new filter cannot be forgotten here.
        let Filter {
            statuses,
            priorities,
            themes,
            owners,
            audiences: _,
            overdue,
            changed,
            stale_assessment,
            search: _,
        } = self;
        statuses.is_empty()
            && priorities.is_empty()
            && themes.is_empty()
            && owners.is_empty()
            && !overdue
            && !changed
            && !stale_assessment
    }

    /// The record passes every filter except the text search and the audience, which the
    /// caller applies (the search is reused as it narrows; audiences are panes).
    pub fn matches(&self, rec: &Recommendation, ctx: &FilterContext<'_>) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&rec.status))
            && (self.priorities.is_empty()
                || rec.priority.is_some_and(|p| self.priorities.contains(&p)))
            && (self.themes.is_empty() || rec.themes.iter().any(|t| self.themes.contains(t)))
            && (self.owners.is_empty() || rec.owners.iter().any(|o| self.owners.contains(o)))
            && (!self.overdue || rec.is_overdue(ctx.today))
            && (!self.changed || (ctx.changed)(rec))
            && (!self.stale_assessment || assessment_is_old(rec, ctx))
    }

    /// The active filters as short chips for the filter bar, such as `status: in progress`.
    pub fn chips(&self, stale_days: i64, theme_name: impl Fn(&str) -> String) -> Vec<String> {
        let mut chips = Vec::new();
        if !self.statuses.is_empty() {
            let words: Vec<&str> = self.statuses.iter().map(Status::short_word).collect();
            chips.push(format!("status: {}", words.join(", ")));
        }
        if !self.priorities.is_empty() {
            let words: Vec<&str> = self.priorities.iter().map(|p| p.word()).collect();
            chips.push(format!("priority: {}", words.join(", ")));
        }
        if !self.themes.is_empty() {
            let names: Vec<String> = self.themes.iter().map(|t| theme_name(t)).collect();
            chips.push(format!("theme: {}", names.join(", ")));
        }
        if !self.owners.is_empty() {
            chips.push(format!("owner: {}", self.owners.join(", ")));
        }
        if !self.audiences.is_empty() {
            chips.push(format!("audience: {}", self.audiences.join(", ")));
        }
        if self.overdue {
            chips.push("overdue".to_owned());
        }
        if self.changed {
            chips.push("changed recently".to_owned());
        }
        if self.stale_assessment {
            chips.push(format!("not assessed for {stale_days} days"));
        }
        if !self.search.is_empty() {
            chips.push(format!("/{}", self.search));
        }
        chips
    }
}

fn assessment_is_old(rec: &Recommendation, ctx: &FilterContext<'_>) -> bool {
    rec.last_assessed
        .is_none_or(|date| (ctx.today - date).num_days() > ctx.stale_assessment_days)
}

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
    status.rank().unwrap_or(u8::MAX)
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

#[cfg(test)]
mod tests;
