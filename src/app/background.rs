//! The work a new feed asks for away from the screen: indexing its text for search, and freeing
//! the feed it replaces. At 100,000 records either takes a good part of a second, which a key
//! pressed meanwhile must not wait for.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use super::baseline::Baseline;
use super::change_list::ChangeList;
use super::changes::Change;
use crate::model::query::SearchIndex;
use crate::model::{Feed, RecId};

/// The work of indexing a feed's text for search: about 0.2 s at 100,000 records.
#[derive(Clone)]
pub struct SearchJob {
    feed: Arc<Feed>,
}

impl SearchJob {
    /// The job for `feed`.
    pub(super) fn new(feed: &Arc<Feed>) -> SearchJob {
        SearchJob {
            feed: Arc::clone(feed),
        }
    }

    /// Builds the index. The feed is let go here, not where the index is used: should the feed
    /// have been replaced meanwhile, this was its last holder, and freeing it takes a while.
    pub fn run(self) -> BuiltIndex {
        BuiltIndex {
            index: SearchIndex::build(&self.feed, false),
            feed: Arc::downgrade(&self.feed),
        }
    }
}

/// Jobs are told apart by the feed they index.
impl PartialEq for SearchJob {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.feed, &other.feed)
    }
}

impl Eq for SearchJob {}

impl std::fmt::Debug for SearchJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let records = self.feed.recommendations.len();
        write!(f, "SearchJob({records} records)")
    }
}

/// An index built by a [`SearchJob`], and which feed it is for.
#[derive(Debug, Clone)]
pub struct BuiltIndex {
    pub(super) index: SearchIndex,
    feed: Weak<Feed>,
}

impl BuiltIndex {
    /// True when the index was built from `feed`, and not from one since replaced.
    pub(super) fn is_for(&self, feed: &Arc<Feed>) -> bool {
        std::ptr::eq(self.feed.as_ptr(), Arc::as_ptr(feed))
    }
}

/// Two indexes are the same when they are for the same feed and hold the same.
impl PartialEq for BuiltIndex {
    fn eq(&self, other: &Self) -> bool {
        self.feed.ptr_eq(&other.feed) && self.index == other.index
    }
}

impl Eq for BuiltIndex {}

/// What a new feed or baseline replaced: the old feed and its index, the old baseline, marks of
/// every record, a list of the changes screen, to be freed away from the screen (a million
/// strings at 100,000 records).
#[derive(Clone, Default)]
pub struct Retired {
    pub(super) feed: Option<Arc<Feed>>,
    pub(super) index: Option<SearchIndex>,
    pub(super) baseline: Option<Arc<Baseline>>,
    pub(super) marks: Option<HashMap<RecId, Change>>,
    pub(super) change_list: Option<ChangeList>,
}

impl Retired {
    /// True when there is nothing to free.
    pub fn is_empty(&self) -> bool {
        self.feed.is_none()
            && self.index.is_none()
            && self.baseline.is_none()
            && self.marks.is_none()
            && self.change_list.is_none()
    }
}

/// What is retired is told apart by its feed and baseline.
impl PartialEq for Retired {
    fn eq(&self, other: &Self) -> bool {
        fn same<T>(a: &Option<Arc<T>>, b: &Option<Arc<T>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
        }
        // An index is compared only without a feed: a feed's index is told by its feed.
        same(&self.feed, &other.feed)
            && same(&self.baseline, &other.baseline)
            && (self.feed.is_some() || self.index == other.index)
            && self.marks == other.marks
            && self.change_list == other.change_list
    }
}

impl Eq for Retired {}

impl std::fmt::Debug for Retired {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let records = self.feed.as_ref().map(|f| f.recommendations.len());
        let marks = self.marks.as_ref().map(HashMap::len);
        let listed = self.change_list.as_ref().map(|list| list.items.len());
        write!(
            f,
            "Retired(feed: {records:?}, index: {}, baseline: {}, marks: {marks:?}, \
             changes listed: {listed:?})",
            self.index.is_some(),
            self.baseline.is_some()
        )
    }
}
