//! The two screens about time: the changes since the baseline (`C`), grouped by audience, and
//! progress over time (`p`), whose series is computed off the event loop.

use super::action::{Action, Effect};
use super::{App, View};
use crate::model::diff::Group;
use crate::model::progress_series::{ProgressSeries, progress_series};
use crate::model::{Feed, RecId};

/// Months on the progress screen, the current one included.
pub const PROGRESS_MONTHS: usize = 24;

/// One line of the changes screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeItem {
    /// Which audience's section it is in.
    pub audience: usize,
    /// Which kind of change.
    pub group: Group,
    /// The record.
    pub id: RecId,
    /// Its title.
    pub title: String,
    /// What it was and what it is, in words.
    pub before: String,
    /// What it is.
    pub after: String,
}

/// Work for a blocking thread: the progress series of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressJob {
    feed: std::sync::Arc<Feed>,
    today: chrono::NaiveDate,
    include_internal: bool,
}

impl ProgressJob {
    /// The work for a feed. The feed is shared, not copied: a copy of what the series reads took
    /// the event loop tens of milliseconds at 100,000 records.
    pub fn of(
        feed: &std::sync::Arc<Feed>,
        today: chrono::NaiveDate,
        include_internal: bool,
    ) -> ProgressJob {
        ProgressJob {
            feed: std::sync::Arc::clone(feed),
            today,
            include_internal,
        }
    }

    /// Computes the series; slow on a large feed, so never on the event loop.
    pub fn run(self) -> ProgressSeries {
        progress_series(
            &self.feed,
            self.today,
            PROGRESS_MONTHS,
            self.include_internal,
        )
    }
}

impl App {
    /// Acts on a feed message; new data also asks for its progress series (the sparklines).
    pub(super) fn on_feed_then_progress(
        &mut self,
        message: crate::model::FeedMessage,
        ready: Option<super::prepare::Ready>,
    ) -> Effect {
        use crate::model::FeedMessage;
        // A local file's load too: the office's own feed is one.
        let loaded = matches!(
            message,
            FeedMessage::Loaded { .. }
                | FeedMessage::LoadedFile { .. }
                | FeedMessage::Cached { .. }
        );
        let effect = self.on_feed(message, ready);
        match (loaded, effect) {
            (true, Effect::Redraw) => self.progress_job(),
            (true, effect) => Effect::Batch(vec![self.progress_job(), effect]),
            (false, effect) => effect,
        }
    }

    /// Opens the changes screen; its list, when not worked out yet for what is on screen, is
    /// asked for by the update (see [`App::changes_job`]).
    pub(super) fn show_changes(&mut self) -> Effect {
        self.ask_changes_again();
        self.view = View::Changes { selected: 0 };
        Effect::Redraw
    }

    /// Keys on the changes screen: move, open the detail, go back. They move through the list
    /// as kept, never work it out.
    pub(super) fn on_changes_key(&mut self, action: Action) -> Effect {
        let View::Changes { selected } = self.view else {
            return Effect::None;
        };
        let items = self.change_items();
        let last = items.len().saturating_sub(1);
        let next = match action {
            Action::Back => {
                self.view = View::Main;
                return Effect::Redraw;
            }
            Action::Open => {
                let Some(item) = items.get(selected) else {
                    return Effect::None;
                };
                // Removed recommendations have no detail to show.
                let id = item.id.clone();
                if self
                    .feed
                    .as_ref()
                    .is_some_and(|f| f.recommendations.iter().any(|r| r.id == id))
                {
                    self.view = View::Detail { id, scroll: 0 };
                }
                return Effect::Redraw;
            }
            Action::Down | Action::WheelDown { .. } => (selected + 1).min(last),
            Action::Up | Action::WheelUp { .. } => selected.saturating_sub(1),
            Action::PageDown => (selected + 10).min(last),
            Action::PageUp => selected.saturating_sub(10),
            Action::Top => 0,
            Action::Bottom => last,
            Action::ShowChanges | Action::ShowProgress => return self.time_screen(action),
            _ => return Effect::None,
        };
        self.view = View::Changes { selected: next };
        Effect::Redraw
    }

    /// Opens the progress screen, and asks for the series to be computed off the event loop.
    pub(super) fn show_progress(&mut self) -> Effect {
        self.view = View::Progress;
        self.progress_job()
    }

    /// The work that brings the progress series up to date with the feed on screen: after each
    /// load (for the sparklines) and on the progress screen. Internal records count only off the
    /// wall screen.
    pub(super) fn progress_job(&self) -> Effect {
        match &self.feed {
            Some(feed) => {
                Effect::Progress(ProgressJob::of(feed, self.today(), self.kiosk.is_none()))
            }
            None => Effect::Redraw,
        }
    }

    /// Keys on the progress screen.
    pub(super) fn on_progress_key(&mut self, action: Action) -> Effect {
        match action {
            Action::Back => {
                self.view = View::Main;
                Effect::Redraw
            }
            Action::ShowChanges | Action::ShowProgress => self.time_screen(action),
            _ => Effect::None,
        }
    }

    /// `C` or `p` from any screen.
    pub(super) fn time_screen(&mut self, action: Action) -> Effect {
        match action {
            Action::ShowChanges => self.show_changes(),
            Action::ShowBaselines => self.show_baselines(),
            _ => self.show_progress(),
        }
    }
}
