//! The feed task as the console runs it: started, watched, restarted should it ever stop, and
//! its feeds prepared off the event loop.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::{JoinError, JoinHandle};

use crate::app::prepare::Prepared;
use crate::app::{Action, App};
use crate::feed::{self, Source, SourceOptions};
use crate::model::FeedMessage;

/// The running feed task and the way to ask it for a refresh.
pub(super) struct FeedTask {
    pub(super) handle: JoinHandle<()>,
    pub(super) refresh: mpsc::Sender<()>,
}

impl FeedTask {
    /// Starts the source after `delay`, without holding up the event loop meanwhile.
    pub(super) fn start(
        source: &Source,
        options: &SourceOptions,
        tx: &mpsc::Sender<FeedMessage>,
        delay: Duration,
    ) -> FeedTask {
        let (refresh, refresh_rx) = mpsc::channel(1);
        let (source, options, tx) = (source.clone(), options.clone(), tx.clone());
        let handle = tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let mut inner = AbortOnDrop(feed::source::spawn(source, options, tx, refresh_rx));
            if let Err(err) = (&mut inner.0).await
                && err.is_panic()
            {
                std::panic::resume_unwind(err.into_panic());
            }
        });
        FeedTask { handle, refresh }
    }
}

/// Stops the inner task when the task watching it is stopped.
struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The feed task, its messages, and what it takes to start it again should it stop.
pub(super) struct WatchedFeed {
    pub(super) source: Source,
    pub(super) options: SourceOptions,
    pub(super) tx: mpsc::Sender<FeedMessage>,
    pub(super) rx: mpsc::Receiver<FeedMessage>,
    pub(super) task: FeedTask,
    /// Restarts since the last message: each one waits longer before starting.
    pub(super) restarts: u32,
    /// A feed being made ready for the screen off the event loop (see [`Prepared`]).
    pub(super) preparing: Option<JoinHandle<Prepared>>,
}

impl WatchedFeed {
    /// Starts the source at once.
    pub(super) fn start(source: Source, options: SourceOptions) -> WatchedFeed {
        let (tx, rx) = mpsc::channel(8);
        let task = FeedTask::start(&source, &options, &tx, Duration::ZERO);
        WatchedFeed {
            source,
            options,
            tx,
            rx,
            task,
            restarts: 0,
            preparing: None,
        }
    }

    /// A message shows the task is alive, so the next restart need not wait long. A message with
    /// a feed is prepared off the event loop first, for the sort key, day, feed and baseline on
    /// screen now.
    pub(super) fn on_message(&mut self, message: FeedMessage, app: &App) -> Option<Action> {
        self.restarts = 0;
        if !Prepared::worth_it(&message) {
            return Some(Action::Feed(message));
        }
        let on_screen = app.on_screen();
        self.preparing = Some(tokio::task::spawn_blocking(move || {
            Prepared::new(message, on_screen)
        }));
        None
    }

    /// Starts a new task after the old one `ended`, waiting longer each time in a row.
    pub(super) fn restart(&mut self, ended: Result<(), JoinError>) -> Action {
        // A source task only ends by a bug; a dead screen that looks alive is worse.
        let why = match ended {
            Err(err) if err.is_panic() => "the feed reader failed unexpectedly",
            _ => "the feed reader stopped unexpectedly",
        };
        tracing::error!("{why}; restarting it");
        self.restarts = self.restarts.saturating_add(1);
        let wait = Duration::from_secs(u64::from(self.restarts.min(6)).pow(2));
        self.task = FeedTask::start(&self.source, &self.options, &self.tx, wait);
        Action::SourceRestarted(format!("{why}; restarted it"))
    }
}
