//! Logs go to a file in the user's state folder, never to the terminal the console draws on.
//!
//! The log is private: the folder is created readable by the user only (0700) and the file
//! likewise (0600), since a log can name the feeds and what went wrong with them. Every line is
//! written through [`Redacting`], which leaves the credentials, query and fragment out of every
//! URL in it, whatever code wrote the line.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

use crate::feed::redact::urls_in_text_for_log;

/// The log file's name inside [`log_dir`].
pub const LOG_FILE: &str = "rapporteur.log";

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
    let file = open_log(&log_dir()?).ok()?;
    let (writer, guard) = tracing_appender::non_blocking(Redacting(file));
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

/// Opens the log in `dir` for appending: the folder made (or narrowed to) 0700, the file 0600.
pub fn open_log(dir: &Path) -> io::Result<File> {
    let mut folder = DirBuilder::new();
    folder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
    folder.create(dir)?;
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(dir.join(LOG_FILE))?;
    // Made before this rule, or by another program, either may be open to others: narrow both.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// A writer that redacts every URL in what it is given before passing it on. The log's
/// formatter writes each event in one call, so a URL is never split between two writes.
pub struct Redacting<W>(pub W);

impl<W: Write> Write for Redacting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(urls_in_text_for_log(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_log_is_private_even_where_it_was_not() {
        use std::os::unix::fs::PermissionsExt;
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("state/rapporteur");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        drop(open_log(&dir).unwrap());
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join(LOG_FILE)), 0o600);
        // An older log, open to everyone, is narrowed.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(dir.join(LOG_FILE), std::fs::Permissions::from_mode(0o644))
            .unwrap();
        drop(open_log(&dir).unwrap());
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join(LOG_FILE)), 0o600);
    }

    #[test]
    fn lines_are_redacted_on_their_way_to_the_file() {
        let mut out = Redacting(Vec::new());
        let line = b"WARN fetch failed url=https://u:pw@a.example/f?sig=s3cret\n";
        assert_eq!(out.write(line).unwrap(), line.len());
        assert_eq!(
            String::from_utf8(out.0).unwrap(),
            "WARN fetch failed url=https://a.example/f?…\n"
        );
    }

    #[test]
    fn a_subscriber_writing_through_it_logs_no_secret() {
        use std::sync::{Arc, Mutex};
        #[derive(Clone, Default)]
        struct Shared(Arc<Mutex<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let shared = Shared::default();
        let writer = shared.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || Redacting(writer.clone()))
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let url = "https://user:hunter2@a.example/feed.json?token=abc";
            tracing::warn!(url, "could not fetch {url}");
        });
        let logged = String::from_utf8(shared.0.lock().unwrap().clone()).unwrap();
        assert!(logged.contains("https://a.example/feed.json?…"), "{logged}");
        assert!(
            !logged.contains("hunter2") && !logged.contains("token=abc"),
            "{logged}"
        );
    }
}
