//! What a feed source tells the running console, over a channel.

use chrono::{DateTime, Utc};

use super::Feed;
use super::edit::Fingerprint;
use super::error::LoadError;

/// What a source tells the app.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedMessage {
    /// A load has started; the first frame shows a spinner until it ends.
    Loading,
    /// A good feed arrived.
    Loaded {
        /// The feed.
        feed: Box<Feed>,
        /// When it arrived.
        at: DateTime<Utc>,
    },
    /// A good feed was read from a local file. The fingerprint of the bytes read lets a save
    /// from the console tell whether the file changed since.
    LoadedFile {
        /// The feed.
        feed: Box<Feed>,
        /// When it was read.
        at: DateTime<Utc>,
        /// What the file held.
        fingerprint: Fingerprint,
    },
    /// At start, before the source answered: the copy saved after the last good load. Shown at
    /// once, marked stale with its age, until the source itself answers.
    Cached {
        /// The saved feed.
        feed: Box<Feed>,
        /// When it was saved, that is when it was last fetched.
        saved_at: DateTime<Utc>,
    },
    /// The source was checked and has not changed (an HTTP 304).
    Unchanged {
        /// When it was checked.
        at: DateTime<Utc>,
    },
    /// A load failed; the app keeps the last good feed.
    Failed {
        /// What went wrong, and where.
        error: LoadError,
        /// When it failed.
        at: DateTime<Utc>,
        /// When the source will try again by itself; `None` when it waits for a change or a
        /// refresh request.
        retry_at: Option<DateTime<Utc>>,
    },
}
