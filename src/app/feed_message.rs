//! Acting on what the feed source says: loading, a new feed (prepared off the event loop or
//! not), a saved copy, no change, a failure.

use super::{App, Effect, prepare};
use crate::model::FeedMessage;

impl App {
    /// Acts on a message of the feed source; what a new feed asks for off the event loop is in
    /// the effect.
    pub(super) fn on_feed(
        &mut self,
        message: FeedMessage,
        mut ready: Option<prepare::Ready>,
    ) -> Effect {
        if let FeedMessage::LoadedFile { fingerprint, .. } = &message {
            self.on_file_read(*fingerprint);
        }
        match message {
            FeedMessage::Loading => {
                self.load.loading = true;
                self.load.next_try = None;
            }
            FeedMessage::Loaded { feed, at } | FeedMessage::LoadedFile { feed, at, .. } => {
                self.load.loading = false;
                self.load.loaded_at = Some(at);
                self.load.checked_at = Some(at);
                self.load.error = None;
                self.load.failing_since = None;
                self.load.from_cache = false;
                return self.set_marked_feed(*feed, at, ready);
            }
            FeedMessage::Cached { feed, saved_at } => {
                // Only until the source answers: a live feed already on screen wins.
                if self.feed.is_none() {
                    let marks = ready.as_mut().and_then(|ready| ready.marks.take());
                    self.mark_changes(&feed, marks, saved_at);
                    self.load.loaded_at = Some(saved_at);
                    self.load.from_cache = true;
                    return self.set_feed(*feed, ready);
                }
            }
            FeedMessage::Unchanged { at } => {
                self.load.loading = false;
                self.load.checked_at = Some(at);
                self.load.loaded_at = Some(at);
                self.load.error = None;
                self.load.failing_since = None;
                self.load.from_cache = false;
            }
            FeedMessage::Failed {
                error,
                at,
                retry_at,
            } => {
                self.load.loading = false;
                self.load.checked_at = Some(at);
                self.load.error = Some((error, at));
                self.load.failing_since.get_or_insert(at);
                self.load.next_try = retry_at;
            }
        }
        Effect::Redraw
    }
}
