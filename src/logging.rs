//! Logs go to a file in the user's state folder, never to the terminal the console draws on.

use std::path::PathBuf;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Where the log is written: `$XDG_STATE_HOME/rapporteur/rapporteur.log` or the platform's like.
pub fn log_dir() -> Option<PathBuf> {
    dirs::state_dir()
        .or_else(dirs::cache_dir)
        .map(|d| d.join("rapporteur"))
}

/// Starts logging at the level in `RAPPORTEUR_LOG` (default `warn`). Keep the guard alive for the
/// life of the program: dropping it flushes the log. Returns `None` when no folder can be had, in
/// which case nothing is logged rather than anything printed.
pub fn init() -> Option<WorkerGuard> {
    let dir = log_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::never(&dir, "rapporteur.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter =
        EnvFilter::try_from_env("RAPPORTEUR_LOG").unwrap_or_else(|_| EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(guard)
}
