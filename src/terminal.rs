//! Taking the terminal over and giving it back, on every way out: a normal exit, a signal, or a
//! panic in the drawing code.
//!
//! A panic on the main thread (where the event loop and drawing run) restores the terminal, then
//! prints the report. A panic in a background task must not: the console goes on, says so, and
//! restarts the task, so such a panic is only logged.

use std::io::stdout;

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::DefaultTerminal;
use ratatui::backend::CrosstermBackend;

/// Enters raw mode and the alternate screen, with mouse capture when asked, and installs the
/// panic hook that undoes it.
pub fn enter(mouse: bool) -> std::io::Result<DefaultTerminal> {
    install_panic_hook();
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    ratatui::Terminal::new(CrosstermBackend::new(stdout()))
}

/// Gives the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some("main") {
            restore();
            report(info);
        } else {
            tracing::error!("a background task panicked: {info}");
        }
    }));
}
