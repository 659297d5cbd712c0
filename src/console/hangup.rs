//! Ending the console when its terminal has hung up and the event loop cannot see it.
//!
//! A terminal that has gone away (a closed window, a dropped connection) reads as empty, at
//! once, forever. crossterm's event reader then reads it again and again without returning
//! (crossterm issue 793), and the event loop, which polls that reader on its own thread, never
//! sees the hang-up signal: the console went on at full use of a core, with no terminal, until
//! killed. This watch waits for the hang-up on another of the runtime's threads and gives the
//! loop [`GRACE`] to end by itself, as it does when it is not stuck, before ending the process.

use std::time::Duration;

use tokio::signal::unix::{SignalKind, signal};
use tokio::task::JoinHandle;

/// How long the event loop has to end by itself after a hang-up: it takes well under a second,
/// and up to one more to let the snapshot archive finish.
pub const GRACE: Duration = Duration::from_secs(3);

/// Exit status after a hang-up: 128 + SIGHUP, as a shell reports a process a hang-up ended.
const HUNG_UP: i32 = 129;

/// Starts the watch; it ends with the runtime. `None` when the signal cannot be watched.
pub fn watch() -> Option<JoinHandle<()>> {
    after_hangup(GRACE, || {
        tracing::warn!("the terminal hung up and the console did not end by itself: ending it");
        std::process::exit(HUNG_UP);
    })
}

/// Runs `then` once the process has received a hang-up and `grace` has passed, unless the
/// runtime ended first.
fn after_hangup(grace: Duration, then: impl FnOnce() + Send + 'static) -> Option<JoinHandle<()>> {
    let mut hangup = signal(SignalKind::hangup()).ok()?;
    Some(tokio::spawn(async move {
        if hangup.recv().await.is_some() {
            tokio::time::sleep(grace).await;
            then();
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_hang_up_that_the_loop_does_not_act_on_ends_the_console_after_the_grace() {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let watch = after_hangup(Duration::from_millis(50), move || {
            let _ = tx.send(());
        });
        assert!(watch.is_some(), "the hang-up signal could not be watched");
        // The handler is in place: the hang-up reaches the watch, not the test process.
        // SAFETY: raise only sends a signal to this process, which handles it.
        assert_eq!(unsafe { libc::raise(libc::SIGHUP) }, 0);
        let ended = tokio::time::timeout(Duration::from_secs(30), rx).await;
        assert!(
            matches!(ended, Ok(Ok(()))),
            "the watch did not act on the hang-up"
        );
    }
}
