//! The change marks of a new feed, and those since the baseline, worked out away from the event
//! loop. Each is a pass over every record with a map of them all: tens of milliseconds at 100,000
//! records, which a key pressed meanwhile must not wait for.
//!
//! Marks are worked out against a feed (and a baseline) that may have been replaced by the time
//! they come back; they say which, and marks for anything no longer on screen are let go.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use chrono::{DateTime, Utc};

use super::background::Retired;
use super::baseline::{Baseline, changes_since};
use super::changes::{Change, Delta, seeds};
use super::prepare::Ready;
use super::{App, Effect};
use crate::model::{Feed, RecId};

/// The recent changes of a new feed, worked out against the feed on screen when it arrived.
#[derive(Debug, Clone)]
pub struct FeedMarks {
    /// The feed on screen they were worked out against; `None`: there was none.
    after: Option<Weak<Feed>>,
    marks: Marks,
}

/// The recent changes a new feed brings.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Marks {
    /// Against the feed before it: what moved, what left.
    Compared(Delta),
    /// With no feed before it: what its own history dates within the window.
    Seeded(Vec<(RecId, Change)>),
}

impl FeedMarks {
    /// The marks `new` brings to a console showing `old` (or nothing), at `now`, whose marks
    /// last `window`; a wall screen (`public_only`) reads only public history. Slow for a large
    /// feed: off the event loop.
    pub(super) fn new(
        old: Option<&Arc<Feed>>,
        new: &Feed,
        now: DateTime<Utc>,
        window: chrono::Duration,
        public_only: bool,
    ) -> FeedMarks {
        let marks = match old {
            Some(old) => Marks::Compared(Delta::between(old, new)),
            None => Marks::Seeded(seeds(new, now, window, public_only)),
        };
        FeedMarks {
            after: old.map(Arc::downgrade),
            marks,
        }
    }

    /// True when they were worked out against the feed on screen, `on_screen`.
    fn fit(&self, on_screen: Option<&Arc<Feed>>) -> bool {
        match (&self.after, on_screen) {
            (None, None) => true,
            (Some(weak), Some(feed)) => std::ptr::eq(weak.as_ptr(), Arc::as_ptr(feed)),
            _ => false,
        }
    }
}

/// Marks are the same when worked out against the same feed and alike.
impl PartialEq for FeedMarks {
    fn eq(&self, other: &Self) -> bool {
        let same_feed = match (&self.after, &other.after) {
            (None, None) => true,
            (Some(a), Some(b)) => a.ptr_eq(b),
            _ => false,
        };
        same_feed && self.marks == other.marks
    }
}

impl Eq for FeedMarks {}

/// The changes since a baseline of a feed, and which baseline and feed they are for.
#[derive(Debug, Clone)]
pub struct BaselineMarks {
    baseline: Weak<Baseline>,
    /// The feed on screen they were worked out for; `None`: the new feed they came with.
    feed: Option<Weak<Feed>>,
    changes: HashMap<RecId, Change>,
}

impl BaselineMarks {
    /// The changes of a new `feed`, not yet on screen, since `baseline`. Slow for a large feed:
    /// off the event loop.
    pub(super) fn of_new(baseline: &Arc<Baseline>, feed: &Feed) -> BaselineMarks {
        BaselineMarks {
            baseline: Arc::downgrade(baseline),
            feed: None,
            changes: changes_since(baseline, feed),
        }
    }

    /// True when they were worked out for the baseline in force.
    fn for_baseline(&self, baseline: Option<&Arc<Baseline>>) -> bool {
        baseline.is_some_and(|b| std::ptr::eq(self.baseline.as_ptr(), Arc::as_ptr(b)))
    }
}

/// Marks are the same when for the same baseline and feed, and alike.
impl PartialEq for BaselineMarks {
    fn eq(&self, other: &Self) -> bool {
        let same_feed = match (&self.feed, &other.feed) {
            (None, None) => true,
            (Some(a), Some(b)) => a.ptr_eq(b),
            _ => false,
        };
        self.baseline.ptr_eq(&other.baseline) && same_feed && self.changes == other.changes
    }
}

impl Eq for BaselineMarks {}

/// The work of comparing the feed on screen with a baseline that has just arrived.
#[derive(Clone)]
pub struct BaselineJob {
    baseline: Arc<Baseline>,
    feed: Arc<Feed>,
}

impl BaselineJob {
    /// Works the changes out. The feed and baseline are let go here: should either have been
    /// replaced meanwhile, this was its last holder, and freeing it takes a while.
    pub fn run(self) -> BaselineMarks {
        BaselineMarks {
            baseline: Arc::downgrade(&self.baseline),
            feed: Some(Arc::downgrade(&self.feed)),
            changes: changes_since(&self.baseline, &self.feed),
        }
    }
}

/// Jobs are told apart by their baseline and feed.
impl PartialEq for BaselineJob {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.baseline, &other.baseline) && Arc::ptr_eq(&self.feed, &other.feed)
    }
}

impl Eq for BaselineJob {}

impl std::fmt::Debug for BaselineJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let records = self.feed.recommendations.len();
        let label = &self.baseline.label;
        write!(f, "BaselineJob({label:?}, {records} records)")
    }
}

impl App {
    /// Puts a new feed from the source on screen, read at `at`, with its change marks and its
    /// changes since the baseline: those worked out off the event loop (`ready`) when they fit
    /// what is on screen; else worked out here (a feed not prepared) or in the background.
    pub(super) fn set_marked_feed(
        &mut self,
        feed: Feed,
        at: DateTime<Utc>,
        mut ready: Option<Ready>,
    ) -> Effect {
        let prepared = ready.is_some();
        let (marks, since) = match ready.as_mut() {
            Some(ready) => (ready.marks.take(), ready.since_baseline.take()),
            None => (None, None),
        };
        self.mark_changes(&feed, marks, at);
        let (marked, freed) = self.mark_ready_since_baseline(since);
        let mut effects = vec![self.set_feed(feed, ready), freed];
        if !marked {
            effects.push(self.since_baseline_after_load(prepared));
        }
        Effect::all(effects)
    }

    /// Marks the changes a new `feed` brings, seen at `at`, before it goes on screen: with what
    /// was worked out off the event loop when it fits the feed on screen, else here.
    pub(super) fn mark_changes(
        &mut self,
        feed: &Feed,
        ready: Option<FeedMarks>,
        at: DateTime<Utc>,
    ) {
        match ready.filter(|ready| ready.fit(self.feed.as_ref())) {
            Some(FeedMarks {
                marks: Marks::Compared(delta),
                ..
            }) => self.changes.apply(delta, at),
            Some(FeedMarks {
                marks: Marks::Seeded(seeds),
                ..
            }) => self.changes.add_seeds(seeds),
            None => match &self.feed {
                Some(old) => self.changes.compare(old, feed, at),
                None => self
                    .changes
                    .seed_from_history(feed, self.now, self.kiosk.is_some()),
            },
        }
    }

    /// Marks the changes of a new feed since the baseline before it goes on screen, when they
    /// were worked out off the event loop for the baseline in force; true when they were. The
    /// effect frees the marks replaced, or those that did not fit, away from the event loop.
    pub(super) fn mark_ready_since_baseline(
        &mut self,
        ready: Option<BaselineMarks>,
    ) -> (bool, Effect) {
        let Some(ready) = ready else {
            return (false, Effect::None);
        };
        if ready.feed.is_some() || !ready.for_baseline(self.baseline.as_ref()) {
            return (false, retire_marks(ready.changes));
        }
        let replaced = self.changes.set_since_baseline(ready.changes);
        (true, retire_marks(replaced))
    }

    /// What a new feed just put on screen asks for its changes since the baseline, when they
    /// were not marked ahead: worked out here when the feed was not prepared off the event loop,
    /// else the job that works them out.
    pub(super) fn since_baseline_after_load(&mut self, prepared: bool) -> Effect {
        if prepared {
            self.baseline_job()
        } else {
            self.mark_since_baseline();
            Effect::None
        }
    }

    /// The job that compares the feed on screen with the baseline in force, if both are there.
    pub(super) fn baseline_job(&self) -> Effect {
        match (&self.baseline, &self.feed) {
            (Some(baseline), Some(feed)) => Effect::MarkBaseline(BaselineJob {
                baseline: Arc::clone(baseline),
                feed: Arc::clone(feed),
            }),
            _ => Effect::None,
        }
    }

    /// Takes the changes since the baseline worked out in the background, when they are for the
    /// baseline and the feed on screen; marks for others are let go, away from the event loop.
    pub(super) fn on_baseline_marked(&mut self, marks: BaselineMarks) -> Effect {
        let feed_fits = match (&marks.feed, &self.feed) {
            (Some(weak), Some(feed)) => std::ptr::eq(weak.as_ptr(), Arc::as_ptr(feed)),
            _ => false,
        };
        if !feed_fits || !marks.for_baseline(self.baseline.as_ref()) {
            return retire_marks(marks.changes);
        }
        let replaced = self.changes.set_since_baseline(marks.changes);
        if self.filter.changed {
            self.rebuild_rows();
        }
        Effect::Batch(vec![Effect::Redraw, retire_marks(replaced)])
    }
}

/// Frees a map of marks away from the event loop: at 100,000 records, as many strings.
pub(super) fn retire_marks(marks: HashMap<RecId, Change>) -> Effect {
    if marks.is_empty() {
        return Effect::None;
    }
    Effect::Retire(Box::new(Retired {
        marks: Some(marks),
        ..Retired::default()
    }))
}
