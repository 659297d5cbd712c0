//! The interactive console: the terminal, the event loop, and the feed task.
//!
//! The loop waits on terminal events, feed messages, a clock tick and signals, turns each into an
//! [`Action`], lets [`App::update`] act on it, and draws only when the update says so. The feed
//! task is watched: should it ever stop, the screen says so and a new one is started.

use std::io::IsTerminal;
use std::time::Duration;

use chrono::Utc;
use color_eyre::eyre::{Result, bail};
use crossterm::event::EventStream;
use futures::StreamExt;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::app::{Action, App, Effect};
use crate::feed::{self, Source, SourceOptions};
use crate::model::FeedMessage;
use crate::startup::Launch;
use crate::{terminal, ui};

/// How often the clock ticks: often enough for a smooth spinner; the screen itself is redrawn
/// only when something on it changed.
const TICK: Duration = Duration::from_millis(250);

/// Runs the console until the user quits or a signal ends it. The terminal is restored on every
/// way out, a panic included (see [`crate::terminal`]).
pub async fn run(launch: Launch) -> Result<()> {
    if !std::io::stdout().is_terminal() {
        bail!(
            "the console needs a terminal, and standard output is not one. \
             To validate a feed without a terminal, use `rapporteur check FILE`."
        );
    }
    let mut terminal = terminal::enter(launch.settings.mouse)?;
    let result = event_loop(&mut terminal, launch).await;
    terminal::restore();
    result
}

/// The running feed task and the way to ask it for a refresh.
struct FeedTask {
    handle: JoinHandle<()>,
    refresh: mpsc::Sender<()>,
}

impl FeedTask {
    /// Starts the source after `delay`, without holding up the event loop meanwhile.
    fn start(
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

async fn event_loop(terminal: &mut DefaultTerminal, launch: Launch) -> Result<()> {
    let Launch {
        source,
        options,
        settings,
        theme,
        initial_view,
        history,
        ..
    } = launch;
    let size = terminal.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    let mut app = App::with_settings(source.to_string(), Utc::now(), area, settings);
    if let Some(view) = &initial_view {
        app.apply_view(view);
    }
    app.load.loading = true;

    let (feed_tx, mut feed_rx) = mpsc::channel(8);
    // Work done off the event loop (indexing a search's words) comes back as actions.
    let (work_tx, mut work_rx) = mpsc::channel::<Action>(2);
    // Every good body of the source is kept in the snapshot archive, on a thread of its own.
    let recording = crate::history::recorder::start(&source, &options, &history, work_tx.clone());
    let mut task = FeedTask::start(&source, &options, &feed_tx, Duration::ZERO);
    let mut restarts: u32 = 0;

    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;

    terminal.draw(|frame| ui::render(&app, &theme, frame))?;
    loop {
        let action = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => app.action_for_event(&event),
                Some(Err(err)) => return Err(err.into()),
                None => Some(Action::Quit),
            },
            Some(message) = feed_rx.recv() => {
                restarts = 0;
                Some(Action::Feed(message))
            }
            Some(done) = work_rx.recv() => Some(done),
            ended = &mut task.handle => {
                // A source task only ends by a bug; a dead screen that looks alive is worse.
                let why = match ended {
                    Err(err) if err.is_panic() => "the feed reader failed unexpectedly",
                    _ => "the feed reader stopped unexpectedly",
                };
                tracing::error!("{why}; restarting it");
                restarts = restarts.saturating_add(1);
                let wait = Duration::from_secs(u64::from(restarts.min(6)).pow(2));
                task = FeedTask::start(&source, &options, &feed_tx, wait);
                Some(Action::SourceRestarted(format!("{why}; restarted it")))
            }
            _ = tick.tick() => Some(Action::Tick(Utc::now())),
            _ = sigterm.recv() => Some(Action::Terminate),
            _ = sighup.recv() => Some(Action::Terminate),
            _ = sigint.recv() => Some(Action::Terminate),
        };
        let Some(action) = action else {
            continue;
        };
        match app.update(action) {
            Effect::None => {}
            Effect::Redraw => {
                terminal.draw(|frame| ui::render(&app, &theme, frame))?;
            }
            Effect::Refresh => {
                // A refresh already queued is as good as a second one.
                let _ = task.refresh.try_send(());
                terminal.draw(|frame| ui::render(&app, &theme, frame))?;
            }
            Effect::Quit => break,
            Effect::LoadBaseline(id) => {
                let done = work_tx.clone();
                let (source, history) = (source.clone(), history.clone());
                tokio::task::spawn_blocking(move || {
                    let action = crate::history::recorder::chosen(&source, &history, id);
                    let _ = done.blocking_send(action);
                });
                terminal.draw(|frame| ui::render(&app, &theme, frame))?;
            }
            Effect::Progress(job) => {
                let done = work_tx.clone();
                tokio::task::spawn_blocking(move || {
                    let series = Box::new(job.run());
                    let _ = done.blocking_send(Action::ProgressComputed(series));
                });
                terminal.draw(|frame| ui::render(&app, &theme, frame))?;
            }
            Effect::IndexWords(job) => {
                let done = work_tx.clone();
                // Should this fail, the search goes on reading the texts: slower, still right.
                tokio::task::spawn_blocking(move || {
                    let _ = done.blocking_send(Action::WordsIndexed(Box::new(job.run())));
                });
                terminal.draw(|frame| ui::render(&app, &theme, frame))?;
            }
        }
    }
    task.handle.abort();
    if let Some(recording) = recording {
        // The screen is still up; a load being kept takes well under this.
        recording.finish(Duration::from_secs(5));
    }
    Ok(())
}
