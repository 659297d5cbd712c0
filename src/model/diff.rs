//! What changed between two versions of a feed, in the groups of a report's annex: plain data in,
//! plain data out, for `rapporteur diff` and the console's changes screen alike.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Direction, Feed, RecId, Recommendation, Visibility};

/// A kind of change. A record can be in several groups: moved forward and due date moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Up the order of progress.
    MovedForward,
    /// Down the order of progress: a regression.
    MovedBackward,
    /// From not assessed to an assessment.
    FirstAssessed,
    /// From an assessment back to not assessed.
    Withdrawn,
    /// To or from not applicable.
    Rescoped,
    /// To or from a status this build does not know.
    StatusChanged,
    /// Overdue now, and not overdue then.
    NewlyOverdue,
    /// Its due date is another.
    DueMoved,
    /// Not in the earlier version.
    New,
    /// Not in the later version.
    Removed,
    /// Its title or text is another.
    TextChanged,
}

impl Group {
    /// Every group, in the order a report lists them.
    pub const ALL: [Group; 11] = [
        Group::MovedForward,
        Group::MovedBackward,
        Group::FirstAssessed,
        Group::Withdrawn,
        Group::Rescoped,
        Group::StatusChanged,
        Group::NewlyOverdue,
        Group::DueMoved,
        Group::New,
        Group::Removed,
        Group::TextChanged,
    ];

    /// The group of a status move.
    pub fn of(direction: Direction) -> Group {
        match direction {
            Direction::Forward => Group::MovedForward,
            Direction::Backward => Group::MovedBackward,
            Direction::FirstAssessed => Group::FirstAssessed,
            Direction::Withdrawn => Group::Withdrawn,
            Direction::Rescoped => Group::Rescoped,
            Direction::Changed => Group::StatusChanged,
        }
    }

    /// Its heading, as a report writes it.
    pub fn title(self) -> &'static str {
        match self {
            Group::MovedForward => "Moved forward",
            Group::MovedBackward => "Moved backward",
            Group::FirstAssessed => "First assessed",
            Group::Withdrawn => "Assessment withdrawn",
            Group::Rescoped => "Re-scoped",
            Group::StatusChanged => "Status changed",
            Group::NewlyOverdue => "Newly overdue",
            Group::DueMoved => "Due date moved",
            Group::New => "New recommendation",
            Group::Removed => "Removed recommendation",
            Group::TextChanged => "Text changed",
        }
    }

    /// A stable machine name, for CSV and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Group::MovedForward => "moved_forward",
            Group::MovedBackward => "moved_backward",
            Group::FirstAssessed => "first_assessed",
            Group::Withdrawn => "assessment_withdrawn",
            Group::Rescoped => "rescoped",
            Group::StatusChanged => "status_changed",
            Group::NewlyOverdue => "newly_overdue",
            Group::DueMoved => "due_date_moved",
            Group::New => "new_recommendation",
            Group::Removed => "removed_recommendation",
            Group::TextChanged => "text_changed",
        }
    }
}

/// One change of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Which kind.
    pub group: Group,
    /// The record.
    pub id: RecId,
    /// Its audience's position in the feed it was read from.
    pub audience: usize,
    /// Its audience's name.
    pub audience_name: String,
    /// Its title (the later one when both exist).
    pub title: String,
    /// What it was, in words: a status, a date; empty when nothing.
    pub before: String,
    /// What it is, in words.
    pub after: String,
}

/// Every change between two versions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// The changes, by group in [`Group::ALL`] order, then by audience, then in feed order.
    pub changes: Vec<Change>,
    /// Internal records left out.
    pub left_out: usize,
}

impl Diff {
    /// How many changes a group holds.
    pub fn count(&self, group: Group) -> usize {
        self.changes.iter().filter(|c| c.group == group).count()
    }

    /// The changes of one group.
    pub fn group(&self, group: Group) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.group == group)
    }
}

/// What to compare and as of when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffOptions {
    /// Include internal records; public only when false.
    pub include_internal: bool,
    /// The day the earlier version stands for, to tell what was overdue then.
    pub old_date: NaiveDate,
    /// The day the later version stands for.
    pub new_date: NaiveDate,
}

/// Compares two versions of a feed.
pub fn diff(old: &Feed, new: &Feed, options: DiffOptions) -> Diff {
    let shown = |r: &Recommendation| options.include_internal || r.visibility == Visibility::Public;
    let before: HashMap<&RecId, &Recommendation> =
        old.recommendations.iter().map(|r| (&r.id, r)).collect();
    let mut out = Diff::default();
    let mut in_new: HashMap<&RecId, ()> = HashMap::with_capacity(new.recommendations.len());
    for rec in &new.recommendations {
        in_new.insert(&rec.id, ());
        let was = before.get(&rec.id).copied();
        if !shown(rec) || was.is_some_and(|w| !shown(w)) {
            out.left_out += 1;
            continue;
        }
        let change = |group, before: String, after: String| Change {
            group,
            id: rec.id.clone(),
            audience: rec.audience,
            audience_name: audience_name(new, rec.audience),
            title: rec.title.clone(),
            before,
            after,
        };
        let Some(was) = was else {
            out.changes.push(change(
                Group::New,
                String::new(),
                rec.status.word().to_owned(),
            ));
            continue;
        };
        if let Some(direction) = Direction::of(&was.status, &rec.status) {
            let (from, to) = (was.status.word().to_owned(), rec.status.word().to_owned());
            out.changes.push(change(Group::of(direction), from, to));
        }
        if rec.is_overdue(options.new_date) && !was.is_overdue(options.old_date) {
            out.changes
                .push(change(Group::NewlyOverdue, date(was.due), date(rec.due)));
        }
        if was.due != rec.due {
            out.changes
                .push(change(Group::DueMoved, date(was.due), date(rec.due)));
        }
        if was.title != rec.title || was.text != rec.text {
            let what = match (was.title != rec.title, was.text != rec.text) {
                (true, true) => "title and text",
                (true, false) => "title",
                _ => "text",
            };
            out.changes
                .push(change(Group::TextChanged, String::new(), what.to_owned()));
        }
    }
    for rec in &old.recommendations {
        if in_new.contains_key(&rec.id) {
            continue;
        }
        if !shown(rec) {
            out.left_out += 1;
            continue;
        }
        out.changes.push(Change {
            group: Group::Removed,
            id: rec.id.clone(),
            audience: rec.audience,
            audience_name: audience_name(old, rec.audience),
            title: rec.title.clone(),
            before: rec.status.word().to_owned(),
            after: String::new(),
        });
    }
    // Stable: records keep their feed order inside a group and an audience.
    out.changes.sort_by_key(|c| (c.group, c.audience));
    out
}

fn audience_name(feed: &Feed, audience: usize) -> String {
    feed.audiences
        .get(audience)
        .map_or_else(String::new, |a| a.name.clone())
}

fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "none".to_owned(), |d| d.to_string())
}

#[cfg(test)]
mod tests;
