//! A new feed made ready away from the event loop: its header totals and every pane's order,
//! which took the event loop over 0.1 s at 300,000 records, and its change marks. The event loop
//! then swaps it in whole.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::baseline::Baseline;
use super::marks::{BaselineMarks, FeedMarks};
use super::{App, Totals};
use crate::model::query::{SortKey, natural_cmp};
use crate::model::{Feed, FeedMessage};

/// A feed source's message, with what its feed needs on screen worked out ahead.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// The message, its feed in it.
    pub(super) message: FeedMessage,
    /// The feed's orders and totals, when it carries a feed.
    pub(super) ready: Option<Ready>,
}

/// What a feed needs on screen, worked out for one sort key and one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ready {
    /// Per audience: its records in `sort` order.
    pub(super) orders: Vec<Vec<usize>>,
    /// The sort key of `orders`.
    pub(super) sort: SortKey,
    /// The header's figures, on `totals.day`.
    pub(super) totals: Totals,
    /// Its recent changes against the feed on screen when it arrived.
    pub(super) marks: Option<FeedMarks>,
    /// Its changes since the baseline in force when it arrived, if any.
    pub(super) since_baseline: Option<BaselineMarks>,
}

/// What was on screen when a feed arrived, which preparing it depends on.
#[derive(Debug, Clone)]
pub struct OnScreen {
    /// The sort key in force.
    pub(super) sort: SortKey,
    /// The day the overdue records are counted on.
    pub(super) today: NaiveDate,
    /// The time of the last tick, for the marks a first feed's history gives.
    pub(super) now: DateTime<Utc>,
    /// The feed on screen, the new one's changes are marked against.
    pub(super) feed: Option<Arc<Feed>>,
    /// The baseline in force.
    pub(super) baseline: Option<Arc<Baseline>>,
    /// How long a change mark lasts.
    pub(super) window: Duration,
    /// A wall screen: only public history counts.
    pub(super) public_only: bool,
}

impl App {
    /// What a feed arriving now is prepared against (see [`Prepared::new`]).
    pub fn on_screen(&self) -> OnScreen {
        OnScreen {
            sort: self.sort,
            today: self.today(),
            now: self.now,
            feed: self.feed.clone(),
            baseline: self.baseline.clone(),
            window: self.changes.window(),
            public_only: self.kiosk.is_some(),
        }
    }
}

impl Prepared {
    /// Works out what the feed of `message`, if any, needs on screen: sorted by the sort key
    /// and counted on the day `on_screen` gives (the event loop's, when it asked), and marked
    /// against its feed and baseline. Slow for a large feed: off the event loop. The feed and
    /// baseline of `on_screen` are let go here: should they have been replaced meanwhile, this
    /// was their last holder.
    pub fn new(message: FeedMessage, on_screen: OnScreen) -> Prepared {
        let (feed, live) = match &message {
            FeedMessage::Loaded { feed, .. } | FeedMessage::LoadedFile { feed, .. } => {
                (Some(feed), true)
            }
            FeedMessage::Cached { feed, .. } => (Some(feed), false),
            _ => (None, false),
        };
        let ready = feed.map(|feed| Ready::new(feed, on_screen, live));
        Prepared { message, ready }
    }

    /// True when the message carries a feed, the only kind worth preparing.
    pub fn worth_it(message: &FeedMessage) -> bool {
        matches!(
            message,
            FeedMessage::Loaded { .. }
                | FeedMessage::LoadedFile { .. }
                | FeedMessage::Cached { .. }
        )
    }
}

impl Ready {
    /// What `feed` needs on screen, against what was `on_screen` when it came: its orders and
    /// totals, and, when it is `live` (read from its source or written by a save, not a copy
    /// cached by an earlier run), its marks against the feed on screen and its changes since
    /// the baseline. A cached feed is marked only when there is no feed on screen (it is shown
    /// only then), and never compared with a baseline. Slow for a large feed: off the event
    /// loop.
    pub(super) fn new(feed: &Feed, on_screen: OnScreen, live: bool) -> Ready {
        let OnScreen {
            sort,
            today,
            now,
            feed: old,
            baseline,
            window,
            public_only,
        } = on_screen;
        let wanted = live || old.is_none();
        Ready {
            orders: orders(feed, sort),
            sort,
            totals: Totals::of(feed, today),
            marks: wanted.then(|| FeedMarks::new(old.as_ref(), feed, now, window, public_only)),
            since_baseline: (baseline.as_ref())
                .filter(|_| live)
                .map(|baseline| BaselineMarks::of_new(baseline, feed)),
        }
    }
}

/// Per audience: its records sorted by `sort`.
pub(super) fn orders(feed: &Feed, sort: SortKey) -> Vec<Vec<usize>> {
    let mut orders: Vec<Vec<usize>> = vec![Vec::new(); feed.audiences.len()];
    for (i, rec) in feed.recommendations.iter().enumerate() {
        if let Some(order) = orders.get_mut(rec.audience) {
            order.push(i);
        }
    }
    let recs = &feed.recommendations;
    for order in &mut orders {
        // By id first, then, stably, by the key's rank alone: ties keep id order, as
        // `SortKey::compare` breaks them. A feed in id order is one run, found in one pass;
        // comparing ranks is much cheaper than comparing records, which took 135 ms at
        // 100,000 records.
        order.sort_by(|&a, &b| natural_cmp(&recs[a].id.0, &recs[b].id.0));
        if sort != SortKey::Id {
            let mut ranked: Vec<(u64, usize)> =
                order.iter().map(|&i| (sort.rank(&recs[i]), i)).collect();
            ranked.sort_by_key(|&(rank, _)| rank);
            *order = ranked.into_iter().map(|(_, i)| i).collect();
        }
    }
    orders
}
