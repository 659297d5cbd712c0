//! The interactive console: the terminal, the event loop, and the feed task.
//!
//! The loop waits on terminal events, feed messages, a clock tick and signals, turns each into an
//! [`Action`], lets [`App::update`] act on it, and draws only when the update says so.

use std::io::IsTerminal;
use std::time::Duration;

use chrono::Utc;
use color_eyre::eyre::{Result, bail};
use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

use crate::app::{Action, App, Effect};
use crate::feed::{self, Source};
use crate::ui::{self, theme::Theme};

/// Runs the console until the user quits or a signal ends it. The terminal is restored on every
/// way out, a panic included (ratatui's panic hook restores it before the report is printed).
pub async fn run(source: Source) -> Result<()> {
    if !std::io::stdout().is_terminal() {
        bail!(
            "the console needs a terminal, and standard output is not one. \
             To validate a feed without a terminal, use `rapporteur check FILE`."
        );
    }
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, source).await;
    ratatui::restore();
    result
}

async fn event_loop(terminal: &mut DefaultTerminal, source: Source) -> Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(
        source.to_string(),
        Utc::now(),
        Rect::new(0, 0, size.width, size.height),
    );
    let theme = Theme::default();

    let (feed_tx, mut feed_rx) = mpsc::channel(8);
    let (refresh_tx, refresh_rx) = mpsc::channel(1);
    let feed_task = feed::source::spawn(source, feed_tx, refresh_rx);

    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;

    terminal.draw(|frame| ui::render(&app, &theme, frame))?;
    loop {
        let action = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => translate(&app, &event),
                Some(Err(err)) => return Err(err.into()),
                None => Some(Action::Quit),
            },
            Some(message) = feed_rx.recv() => Some(Action::Feed(message)),
            _ = tick.tick() => Some(Action::Tick(Utc::now())),
            _ = sigterm.recv() => Some(Action::Quit),
            _ = sighup.recv() => Some(Action::Quit),
            _ = sigint.recv() => Some(Action::Quit),
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
                let _ = refresh_tx.try_send(());
                terminal.draw(|frame| ui::render(&app, &theme, frame))?;
            }
            Effect::Quit => break,
        }
    }
    feed_task.abort();
    Ok(())
}

/// Turns a terminal event into an action, by the app's key table.
fn translate(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => app.keymap.action_for(key),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}
