//! What changed: status changes between two good loads, kept for a window of time.
//!
//! Bounded by construction: at most one entry per recommendation of the current feed, and each
//! entry expires when the window ends, so a wall screen running for weeks does not grow.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::model::{Direction, Feed, RecId, Status, Visibility};

/// One status change seen by this console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The status before.
    pub from: Status,
    /// The status after.
    pub to: Status,
    /// When the load that showed it arrived.
    pub at: DateTime<Utc>,
}

impl Change {
    /// Which way it moved.
    pub fn direction(&self) -> Direction {
        Direction::of(&self.from, &self.to).unwrap_or(Direction::Changed)
    }
}

/// The recent changes, by recommendation.
#[derive(Debug, Clone)]
pub struct ChangeLog {
    by_id: HashMap<RecId, Change>,
    window: Duration,
    /// The changes since the baseline (see [`crate::app::baseline`]): they never expire, and a
    /// change seen while running is shown before them. Shared, not copied, with the work that
    /// lists the changes screen (as many entries as records, at worst).
    since_baseline: Arc<HashMap<RecId, Change>>,
    /// Moves on at every change of the marks: what was worked out from them says which.
    version: u64,
}

/// Logs are the same when they mark the same, however often they changed.
impl PartialEq for ChangeLog {
    fn eq(&self, other: &Self) -> bool {
        self.by_id == other.by_id
            && self.window == other.window
            && self.since_baseline == other.since_baseline
    }
}

impl Eq for ChangeLog {}

impl ChangeLog {
    /// An empty log whose marks last `window`.
    pub fn new(window: Duration) -> ChangeLog {
        ChangeLog {
            by_id: HashMap::new(),
            window,
            since_baseline: Arc::default(),
            version: 0,
        }
    }

    /// Records the changes from `old` to `new`, seen at `at`, and forgets what is gone or expired.
    pub fn compare(&mut self, old: &Feed, new: &Feed, at: DateTime<Utc>) {
        self.apply(Delta::between(old, new), at);
    }

    /// Records the changes of a new feed worked out by [`Delta::between`] (off the event loop,
    /// for a large feed), seen at `at`, and forgets what is gone or expired. Only the feed the
    /// delta was worked out against may be on screen: what this log marks is always of it.
    pub fn apply(&mut self, delta: Delta, at: DateTime<Utc>) {
        for (id, from, to) in delta.moved {
            self.by_id.insert(id, Change { from, to, at });
        }
        for id in &delta.gone {
            self.by_id.remove(id);
        }
        self.version += 1;
        self.expire(at);
    }

    /// Marks the changes the feed's own history dates within the window, for a console that has
    /// just started and has not seen an earlier load to compare with. With `public_only` (a wall
    /// screen), internal history entries are passed over as if they were not there.
    pub fn seed_from_history(&mut self, feed: &Feed, now: DateTime<Utc>, public_only: bool) {
        self.add_seeds(seeds(feed, now, self.window, public_only));
    }

    /// Marks changes found by [`seeds`], each unless the record is marked already.
    pub fn add_seeds(&mut self, seeds: Vec<(RecId, Change)>) {
        for (id, change) in seeds {
            self.by_id.entry(id).or_insert(change);
        }
        self.version += 1;
    }

    /// How long a mark lasts.
    pub fn window(&self) -> Duration {
        self.window
    }

    /// Forgets changes older than the window. Returns true when any was forgotten.
    pub fn expire(&mut self, now: DateTime<Utc>) -> bool {
        let before = self.by_id.len();
        let window = self.window;
        self.by_id.retain(|_, change| now - change.at <= window);
        let expired = self.by_id.len() != before;
        if expired {
            self.version += 1;
        }
        expired
    }

    /// How many times the marks changed: the same number, the same marks.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Replaces the changes since the baseline, worked out for the feed on screen, and returns
    /// the ones replaced (a large map is freed away from the event loop); none when they are
    /// still shared with work under way, which then frees them.
    pub fn set_since_baseline(
        &mut self,
        changes: HashMap<RecId, Change>,
    ) -> HashMap<RecId, Change> {
        self.version += 1;
        let replaced = std::mem::replace(&mut self.since_baseline, Arc::new(changes));
        Arc::try_unwrap(replaced).unwrap_or_default()
    }

    /// The recent change of a recommendation, if any; else its change since the baseline.
    pub fn get(&self, id: &RecId) -> Option<&Change> {
        self.by_id.get(id).or_else(|| self.since_baseline.get(id))
    }

    /// How many recommendations are marked.
    pub fn len(&self) -> usize {
        self.by_id.len()
            + self
                .since_baseline
                .keys()
                .filter(|id| !self.by_id.contains_key(*id))
                .count()
    }

    /// True when nothing is marked.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty() && self.since_baseline.is_empty()
    }

    /// Every marked change, newest first.
    pub fn newest_first(&self) -> Vec<(&RecId, &Change)> {
        let mut all: Vec<_> = self.by_id.iter().collect();
        all.extend(
            self.since_baseline
                .iter()
                .filter(|(id, _)| !self.by_id.contains_key(*id)),
        );
        all.sort_by(|a, b| b.1.at.cmp(&a.1.at).then_with(|| a.0.cmp(b.0)));
        all
    }
}

/// What a new feed changed against the one before it: worked out off the event loop for a large
/// feed (a map of every record), applied on it with [`ChangeLog::apply`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delta {
    /// The records whose status moved: id, from, to.
    moved: Vec<(RecId, Status, Status)>,
    /// The records of the old feed the new one no longer holds.
    gone: Vec<RecId>,
}

impl Delta {
    /// The status moves from `old` to `new`, and the records that left.
    pub fn between(old: &Feed, new: &Feed) -> Delta {
        let mut before: HashMap<&RecId, (&Status, bool)> = old
            .recommendations
            .iter()
            .map(|r| (&r.id, (&r.status, false)))
            .collect();
        let mut moved = Vec::new();
        for rec in &new.recommendations {
            if let Some((from, seen)) = before.get_mut(&rec.id) {
                *seen = true;
                if **from != rec.status {
                    moved.push((rec.id.clone(), (*from).clone(), rec.status.clone()));
                }
            }
        }
        let gone = before
            .into_iter()
            .filter(|(_, (_, seen))| !seen)
            .map(|(id, _)| id.clone())
            .collect();
        Delta { moved, gone }
    }
}

/// The changes the history of `feed` dates within `window` of `now`, by record, in feed order
/// (see [`ChangeLog::seed_from_history`]).
pub fn seeds(
    feed: &Feed,
    now: DateTime<Utc>,
    window: Duration,
    public_only: bool,
) -> Vec<(RecId, Change)> {
    let mut out = Vec::new();
    for rec in &feed.recommendations {
        let mut shown = rec
            .history
            .iter()
            .rev()
            .filter(|h| !public_only || h.visibility == Visibility::Public);
        let (Some(last), Some(previous)) = (shown.next(), shown.next()) else {
            continue;
        };
        let at = last.date.and_time(chrono::NaiveTime::MIN).and_utc();
        // A date in the future (beyond a day of clock skew) is a mistake upstream, never a
        // recent change.
        let ahead = at - now;
        if last.status == rec.status
            && previous.status != last.status
            && now - at <= window
            && ahead <= Duration::days(1)
        {
            let change = Change {
                from: previous.status.clone(),
                to: last.status.clone(),
                at,
            };
            out.push((rec.id.clone(), change));
        }
    }
    out
}

#[cfg(test)]
mod tests;
