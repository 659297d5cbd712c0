//! The interactive console: the terminal, the event loop, and the feed task.
//!
//! The loop waits on terminal events, feed messages, a clock tick and signals, turns each into an
//! [`Action`], lets [`App::update`] act on it, and draws only when the update says so. The feed
//! task is watched: should it ever stop, the screen says so and a new one is started.

use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::time::Duration;

use chrono::Utc;
use color_eyre::eyre::{Result, bail};
use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::task::{JoinError, JoinHandle};

use crate::app::action::Saved;
use crate::app::prepare::{OnScreen, Prepared};
use crate::app::{Action, App, Editing, Effect, FeedPlace};
use crate::feed::Source;
use crate::feed::sanitize::{self, caps};
use crate::feed::write::{self, WriteError};
use crate::model::edit::{Edit, Fingerprint};
use crate::startup::Launch;
use crate::ui::theme::ColourTheme;
use crate::{terminal, ui};

mod hangup;
mod watched;

use watched::{FeedTask, WatchedFeed};

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

async fn event_loop(terminal: &mut DefaultTerminal, launch: Launch) -> Result<()> {
    let Launch {
        source,
        options,
        settings,
        theme,
        initial_view,
        author,
        history,
        ..
    } = launch;
    let size = terminal.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    let mut app = new_app(&source, settings, area, author, initial_view.as_ref());

    // Work done off the event loop (indexing a search's words) comes back as actions.
    let (work_tx, mut work_rx) = mpsc::channel::<Action>(2);
    // Every good body of the source is kept in the snapshot archive, on a thread of its own.
    let recording = crate::history::recorder::start(&source, &options, &history, work_tx.clone());
    let archive = (source.clone(), history);
    let mut feed = WatchedFeed::start(source, options);
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut sigcont = signal(SignalKind::from_raw(libc::SIGCONT))?;
    // Should the terminal hang up while the loop is stuck reading it, this ends the process.
    let hangup_watch = hangup::watch();

    draw(terminal, &app, &theme)?;
    loop {
        let action = tokio::select! {
            event = events.next() => on_terminal_event(&app, event)?,
            // One message at a time: a feed being prepared keeps its place before the next.
            Some(message) = feed.rx.recv(), if feed.preparing.is_none() => {
                feed.on_message(message, &app)
            }
            prepared = prepared(&mut feed.preparing) => on_prepared(prepared),
            Some(done) = work_rx.recv() => Some(done),
            ended = &mut feed.task.handle => Some(feed.restart(ended)),
            _ = tick.tick() => Some(Action::Tick(Utc::now())),
            _ = sigterm.recv() => Some(Action::Terminate),
            _ = sighup.recv() => Some(Action::Terminate),
            _ = sigint.recv() => Some(Action::Terminate),
            _ = sigcont.recv() => Some(Action::Resumed),
        };
        let Some(action) = action else {
            continue;
        };
        let mut effects = Vec::new();
        flatten(app.update(action), &mut effects);
        let (quit, redraw) = act_on(effects, terminal, &app, &theme, &feed, &archive, &work_tx)?;
        if quit {
            break;
        }
        if redraw {
            draw(terminal, &app, &theme)?;
            if let (Some(recording), Some(_)) = (&recording, &app.feed) {
                recording.feed_shown();
            }
        }
    }
    feed.task.handle.abort();
    if let Some(watch) = hangup_watch {
        watch.abort();
    }
    if let Some(recording) = recording {
        // The screen is still up; a load being kept takes well under this, and quitting must
        // take under two seconds even when the archive's disk is stuck.
        recording.finish(Duration::from_secs(1));
    }
    Ok(())
}

/// Carries out what an action asked for: whether to quit, and whether to draw again.
fn act_on(
    effects: Vec<Effect>,
    terminal: &mut DefaultTerminal,
    app: &App,
    theme: &ColourTheme,
    feed: &WatchedFeed,
    archive: &(Source, crate::history::HistorySettings),
    work_tx: &mpsc::Sender<Action>,
) -> Result<(bool, bool)> {
    let mut redraw = false;
    let mut quit = false;
    for effect in effects {
        let effect = match effect {
            Effect::Save { edit, expected } => {
                let on_screen = app.on_screen();
                save(&feed.source, edit, expected, on_screen, work_tx)
            }
            Effect::Suspend | Effect::Resume => {
                stop_or_go_on(&effect, terminal, app, theme)?;
                Effect::None
            }
            effect => in_background(effect, archive, work_tx),
        };
        match carry_out(effect, &feed.task, work_tx) {
            ControlFlow::Break(()) => quit = true,
            ControlFlow::Continue(draw) => redraw |= draw,
        }
    }
    Ok((quit, redraw))
}

/// Runs `job` on a blocking thread; the action it gives comes back to the event loop.
fn off_the_loop(work_tx: &mpsc::Sender<Action>, job: impl FnOnce() -> Action + Send + 'static) {
    let done = work_tx.clone();
    tokio::task::spawn_blocking(move || {
        let _ = done.blocking_send(job());
    });
}

/// The console's state at start: no feed yet, loading; the saved view in force; editing allowed
/// only on a local feed file.
fn new_app(
    source: &Source,
    settings: crate::app::Settings,
    area: Rect,
    author: Option<String>,
    initial_view: Option<&crate::app::SavedView>,
) -> App {
    let mut app = App::with_settings(source.to_string(), Utc::now(), area, settings);
    let place = match source {
        Source::File(_) => FeedPlace::File,
        Source::Http(_) => FeedPlace::Server,
        Source::Embedded => FeedPlace::Sample,
    };
    app.editing = Editing::new(place, author);
    if let Some(view) = initial_view {
        app.apply_view(view);
    }
    app.load.loading = true;
    app
}

/// Starts the history's slow work off the event loop (reading a baseline from the archive,
/// computing the progress series); it comes back as an action. Other effects pass through.
fn in_background(
    effect: Effect,
    (source, history): &(Source, crate::history::HistorySettings),
    work_tx: &mpsc::Sender<Action>,
) -> Effect {
    let done = work_tx.clone();
    match effect {
        Effect::LoadBaseline(id) => {
            let (source, history) = (source.clone(), history.clone());
            tokio::task::spawn_blocking(move || {
                let action = crate::history::recorder::chosen(&source, &history, id);
                let _ = done.blocking_send(action);
            });
            Effect::Redraw
        }
        Effect::Progress(job) => {
            tokio::task::spawn_blocking(move || {
                let series = Box::new(job.run());
                let _ = done.blocking_send(Action::ProgressComputed(series));
            });
            Effect::Redraw
        }
        effect => effect,
    }
}

/// The action for what the terminal reported; its end is taken as quitting.
fn on_terminal_event(app: &App, event: Option<std::io::Result<Event>>) -> Result<Option<Action>> {
    match event {
        Some(Ok(event)) => Ok(app.action_for_event(&event)),
        Some(Err(err)) => Err(err.into()),
        None => Ok(Some(Action::Quit)),
    }
}

/// Waits for the feed being prepared, if any; never ends when there is none.
async fn prepared(slot: &mut Option<JoinHandle<Prepared>>) -> Result<Prepared, JoinError> {
    match slot {
        Some(handle) => {
            let done = handle.await;
            *slot = None;
            done
        }
        None => std::future::pending().await,
    }
}

/// The action for a prepared feed. Should preparing it have failed, the feed is let go: the
/// source's next read brings it again.
fn on_prepared(prepared: Result<Prepared, JoinError>) -> Option<Action> {
    match prepared {
        Ok(prepared) => Some(Action::FeedPrepared(Box::new(prepared))),
        Err(err) => {
            tracing::error!("preparing a feed failed: {err}");
            None
        }
    }
}

/// The effects of a batch, nested ones too, in order.
fn flatten(effect: Effect, out: &mut Vec<Effect>) {
    match effect {
        Effect::Batch(effects) => effects.into_iter().for_each(|e| flatten(e, out)),
        effect => out.push(effect),
    }
}

/// Starts what an update asked for; `Break` when the console should stop, else whether to draw.
fn carry_out(
    effect: Effect,
    task: &FeedTask,
    work_tx: &mpsc::Sender<Action>,
) -> ControlFlow<(), bool> {
    match effect {
        Effect::None => ControlFlow::Continue(false),
        Effect::Redraw => ControlFlow::Continue(true),
        Effect::Refresh => {
            // A refresh already queued is as good as a second one.
            let _ = task.refresh.try_send(());
            ControlFlow::Continue(true)
        }
        Effect::Quit => ControlFlow::Break(()),
        // Carried out before: see `stop_or_go_on`.
        Effect::Suspend | Effect::Resume => ControlFlow::Continue(false),
        // Started before: see `save` and `in_background`.
        Effect::Save { .. } | Effect::Progress(_) | Effect::LoadBaseline(_) => {
            ControlFlow::Continue(true)
        }
        Effect::IndexWords(job) => {
            // Should this fail, the search goes on reading the texts: slower, still right.
            off_the_loop(work_tx, move || Action::WordsIndexed(Box::new(job.run())));
            ControlFlow::Continue(true)
        }
        Effect::IndexSearch(job) => {
            // Should this fail, the search goes on reading the first records only.
            off_the_loop(work_tx, move || Action::SearchIndexed(Box::new(job.run())));
            ControlFlow::Continue(true)
        }
        Effect::MarkBaseline(job) => {
            // Should this fail, the marks of the baseline before stay.
            off_the_loop(work_tx, move || Action::BaselineMarked(Box::new(job.run())));
            ControlFlow::Continue(true)
        }
        Effect::CompareChanges(job) => {
            // Should this fail, the screen says it is comparing until it is opened again.
            off_the_loop(work_tx, move || {
                Action::ChangesCompared(Box::new(job.run()))
            });
            ControlFlow::Continue(true)
        }
        Effect::Retire(retired) => {
            // Freeing a large feed takes a while; the screen need not wait for it.
            tokio::task::spawn_blocking(move || drop(retired));
            ControlFlow::Continue(false)
        }
        // Taken apart by `flatten` before.
        Effect::Batch(_) => ControlFlow::Continue(true),
    }
}

/// Suspends (Ctrl-z) and, once continued, takes the terminal again; or, continued after a stop
/// the console did not ask for (SIGSTOP), only takes it again. Then draws everything anew.
fn stop_or_go_on(
    effect: &Effect,
    terminal: &mut DefaultTerminal,
    app: &App,
    theme: &ColourTheme,
) -> Result<()> {
    if matches!(effect, Effect::Suspend) {
        terminal::suspend(app.settings.mouse)?;
    } else {
        terminal::take_again(app.settings.mouse)?;
    }
    // A resize to the present size clears the screen and forgets what was drawn, so all is drawn
    // anew; `clear` would also ask the terminal for its cursor and wait for the answer.
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    draw(terminal, app, theme)
}

/// Makes an edit in the feed file off the UI thread, with the safe writer, and prepares the feed
/// written there for the screen as it is `on_screen` now; its answer comes back as
/// [`Action::Saved`] or [`Action::SaveFailed`]. Returns the effect still to carry out: draw.
fn save(
    source: &Source,
    edit: Box<Edit>,
    expected: Option<Fingerprint>,
    on_screen: OnScreen,
    done: &mpsc::Sender<Action>,
) -> Effect {
    let done = done.clone();
    let Source::File(path) = source else {
        let message = "only a local feed file can be edited".to_owned();
        tokio::spawn(async move {
            let _ = done
                .send(Action::SaveFailed {
                    message,
                    conflict: false,
                })
                .await;
        });
        return Effect::Redraw;
    };
    let path = path.clone();
    tokio::task::spawn_blocking(move || {
        let action = match write::apply(&path, &edit, expected.as_ref()) {
            Ok(written) => Action::Saved(Box::new(Saved::prepared(
                written.feed,
                written.fingerprint,
                written.undo,
                on_screen,
            ))),
            Err(err) => Action::SaveFailed {
                conflict: matches!(err, WriteError::Conflict { .. }),
                message: sanitize::line(&err.to_string().replace('\n', "; "), caps::TEXT),
            },
        };
        let _ = done.blocking_send(action);
    });
    Effect::Redraw
}

/// Draws the whole screen.
fn draw(terminal: &mut DefaultTerminal, app: &App, theme: &ColourTheme) -> Result<()> {
    terminal.draw(|frame| ui::render(app, theme, frame))?;
    Ok(())
}
