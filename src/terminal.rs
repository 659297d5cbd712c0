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

/// Gives the terminal back and stops the process, as Ctrl-z does to any full-screen program
/// (the shell's prompt comes back). Returns once the process is continued (`fg`), with the
/// terminal taken again; the caller draws the whole screen.
pub fn suspend(mouse: bool) -> std::io::Result<()> {
    restore();
    // SAFETY: raise only sends a signal to this process. Its default action stops the process
    // until SIGCONT; in a process group without a shell to come back to (an orphaned one), the
    // system drops it and the console simply goes on.
    unsafe { libc::raise(libc::SIGTSTP) };
    take_again(mouse)
}

/// Takes the terminal again after the process was stopped and continued, by Ctrl-z or by
/// SIGSTOP: a shell may have set the terminal back to its own modes meanwhile.
pub fn take_again(mouse: bool) -> std::io::Result<()> {
    // Raw mode is set anew from the terminal's present modes: crossterm would otherwise believe
    // it is still on and do nothing.
    let _ = disable_raw_mode();
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Ok(())
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
