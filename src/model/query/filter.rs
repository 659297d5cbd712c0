//! Which recommendations are shown: the filters. The same code serves the screen and every export.

use chrono::NaiveDate;

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
    /// Owned by someone whose name contains this, in any case; empty for none.
    pub owner_text: String,
    /// Addressed to any of these audience ids; the other panes are hidden.
    pub audiences: Vec<String>,
    /// Past the due date and not implemented.
    pub overdue: bool,
    /// Open and due between today and this many days from today.
    pub due_within: Option<u32>,
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
            owner_text,
            audiences: _,
            overdue,
            due_within,
            changed,
            stale_assessment,
            search: _,
        } = self;
        statuses.is_empty()
            && priorities.is_empty()
            && themes.is_empty()
            && owners.is_empty()
            && owner_text.is_empty()
            && !overdue
            && due_within.is_none()
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
            && (self.owner_text.is_empty() || owner_contains(rec, &self.owner_text))
            && (!self.overdue || rec.is_overdue(ctx.today))
            && self
                .due_within
                .is_none_or(|days| due_within(rec, ctx.today, days))
            && (!self.changed || (ctx.changed)(rec))
            && (!self.stale_assessment || assessment_is_old(rec, ctx))
    }

    /// The active filters as short chips for the filter bar, such as `status: in progress`, with
    /// themes and audiences by name.
    pub fn chips(
        &self,
        stale_days: i64,
        theme_name: impl Fn(&str) -> String,
        audience_name: impl Fn(&str) -> String,
    ) -> Vec<String> {
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
        if !self.owner_text.is_empty() {
            chips.push(format!("owner contains: {}", self.owner_text));
        }
        if !self.audiences.is_empty() {
            let names: Vec<String> = self.audiences.iter().map(|a| audience_name(a)).collect();
            chips.push(format!("audience: {}", names.join(", ")));
        }
        if self.overdue {
            chips.push("overdue".to_owned());
        }
        if let Some(days) = self.due_within {
            chips.push(format!("due within {days} days"));
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

/// Some owner's name contains `text`, ignoring case.
fn owner_contains(rec: &Recommendation, text: &str) -> bool {
    let wanted = text.to_lowercase();
    rec.owners
        .iter()
        .any(|owner| owner.to_lowercase().contains(&wanted))
}

/// Open, and due from today up to `days` days from today.
fn due_within(rec: &Recommendation, today: NaiveDate, days: u32) -> bool {
    !rec.status.is_settled()
        && rec.due.is_some_and(|due| {
            let ahead = (due - today).num_days();
            (0..=i64::from(days)).contains(&ahead)
        })
}

fn assessment_is_old(rec: &Recommendation, ctx: &FilterContext<'_>) -> bool {
    rec.last_assessed
        .is_none_or(|date| (ctx.today - date).num_days() > ctx.stale_assessment_days)
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
