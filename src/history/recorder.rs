//! Keeping every good feed a command or the console loads in the archive.

use std::sync::mpsc::Receiver;

use crate::feed::Source;
use crate::feed::archive::{Archive, source_key};
use crate::feed::tap::{self, Body};

use super::HistorySettings;

/// Stops handing bodies to the archive when dropped.
pub struct Tap(());

impl Drop for Tap {
    fn drop(&mut self) {
        tap::remove();
    }
}

/// Starts the console's recorder: a blocking thread beside the source that keeps each good body
/// of `source` in the archive. The first failure (a damaged, locked or unwritable archive) is
/// passed to `unavailable` once, and the console goes on without history. The returned guard
/// stops the recording when dropped.
pub fn start(
    source: &Source,
    settings: &HistorySettings,
    unavailable: impl FnOnce(String) + Send + 'static,
) -> Option<Tap> {
    let path = settings.archive.clone()?;
    let keep = settings.keep;
    let origin = source.to_string();
    let key = source_key(source);
    let bodies = tap::install();
    let spawned = std::thread::Builder::new()
        .name("archive".into())
        .spawn(move || {
            if let Err(err) = keep_all(&path, keep, &origin, &key, &bodies) {
                tracing::warn!("running without the snapshot archive: {err}");
                unavailable(crate::text::sanitize::line(&err, 300));
            }
            // Whatever still comes is dropped with the receiver.
        });
    match spawned {
        Ok(_) => Some(Tap(())),
        Err(err) => {
            tap::remove();
            tracing::warn!("running without the snapshot archive: {err}");
            None
        }
    }
}

fn keep_all(
    path: &std::path::Path,
    keep: usize,
    origin: &str,
    key: &str,
    bodies: &Receiver<Body>,
) -> Result<(), String> {
    // Opened on the first body, so a console that never loads never touches the disk.
    let mut archive: Option<Archive> = None;
    for body in bodies {
        if body.origin != origin {
            continue;
        }
        let open = match archive.as_mut() {
            Some(open) => open,
            None => archive.insert(Archive::open(path, keep).map_err(|e| e.to_string())?),
        };
        open.record(key, &body).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Runs `load` (a command's one load of `source`), then keeps what it loaded in the archive.
/// A failure to keep it is a warning on standard error, never the command's failure.
pub fn around<T>(source: &Source, settings: &HistorySettings, load: impl FnOnce() -> T) -> T {
    let Some(path) = settings.archive.clone() else {
        return load();
    };
    let bodies = tap::install();
    let guard = Tap(());
    let result = load();
    drop(guard);
    let origin = source.to_string();
    let key = source_key(source);
    if let Err(err) = keep_all(&path, settings.keep, &origin, &key, &bodies) {
        let err = crate::text::sanitize::line(&err, 400);
        eprintln!("rapporteur: the feed was not kept in the snapshot archive: {err}");
    }
    result
}
