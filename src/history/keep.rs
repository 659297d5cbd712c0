//! Keeping what a command (`check`, `export`, `diff`, `progress`) loads in the archive, on a
//! thread beside its load.

use std::sync::mpsc::Receiver;
use std::time::Duration;

use super::HistorySettings;
use super::recorder::{Shown, Tap};
use crate::feed::Source;
use crate::feed::archive::{Archive, Packed, digest_hex, source_key};
use crate::feed::tap::{self, Body, Offered};
use crate::text::sanitize;

/// Keeps what a command loads: each good body of `origin`, packed while it is parsed. Returns
/// the digest of the last one kept.
fn keep_all(
    path: &std::path::Path,
    keep: usize,
    origin: &str,
    key: &str,
    bodies: &Receiver<Offered>,
) -> Result<Option<String>, String> {
    let mut archive: Option<Archive> = None;
    let mut last = None;
    for offered in bodies {
        if offered.origin != origin {
            continue;
        }
        let open = match archive.as_mut() {
            Some(open) => open,
            None => archive.insert(Archive::open(path, keep).map_err(|e| e.to_string())?),
        };
        if let Some((body, packed)) = packed(open, key, offered)? {
            let digest = packed.digest.clone();
            open.keep(key, &body, packed).map_err(|e| e.to_string())?;
            last = Some(digest);
        }
    }
    Ok(last)
}

/// Packs an offered body while its feed is parsed, then waits for the parse: the body and its
/// packing when the feed proved good. A file read a part at a time is hashed as it is read,
/// and read again to be packed when it can only be new (at once) or when the feed proved good
/// and the archive lacks it (after the parse).
pub(super) fn packed(
    archive: &Archive,
    key: &str,
    mut offered: Offered,
) -> Result<Option<(Body, Packed)>, String> {
    match offered.file.take() {
        None => {
            let packed = archive
                .pack(key, &offered.bytes)
                .map_err(|e| e.to_string())?;
            Ok(offered.wait().map(|body| (body, packed)))
        }
        Some(file) => {
            // A new version is read again now, beside the parse, rather than after it.
            let early = archive
                .pack_file_early(key, &file.path, file.len)
                .map_err(|e| e.to_string())?;
            let Ok(read) = file.read.recv() else {
                return Ok(None);
            };
            let Some(body) = offered.wait() else {
                return Ok(None);
            };
            let packed = archive
                .pack_file(key, &file.path, read, early)
                .map_err(|e| e.to_string())?;
            Ok(Some((body, packed)))
        }
    }
}

/// [`packed`] for the console: the body is named while its feed is parsed, and the rest
/// (cutting, compressing) waits until the feed is on screen, or `bound` at most, so that the
/// first frame with data has the cores to itself.
pub(super) fn packed_once_shown(
    archive: &Archive,
    key: &str,
    offered: Offered,
    shown: &Shown,
    bound: Duration,
) -> Result<Option<(Body, Packed)>, String> {
    if offered.file.is_some() {
        return packed(archive, key, offered);
    }
    let digest = digest_hex(&offered.bytes);
    let Some(body) = offered.wait() else {
        return Ok(None);
    };
    shown.wait(bound);
    let packed = archive
        .pack_named(key, &body.bytes, digest)
        .map_err(|e| e.to_string())?;
    Ok(Some((body, packed)))
}

/// Runs `load` (a command's one load of `source`) while a thread beside it keeps what it loads
/// in the archive: the body is hashed and compressed as it is parsed, not after. A failure to
/// keep it is a warning on standard error, never the command's failure.
pub fn around<T>(source: &Source, settings: &HistorySettings, load: impl FnOnce() -> T) -> T {
    around_kept(source, settings, load).0
}

/// [`around`], with the digest of the body it kept, if it kept one.
pub fn around_kept<T>(
    source: &Source,
    settings: &HistorySettings,
    load: impl FnOnce() -> T,
) -> (T, Option<String>) {
    let Some(path) = settings.archive.clone() else {
        return (load(), None);
    };
    let bodies = tap::install();
    let guard = Tap(());
    let (origin, key, keep) = (source.to_string(), source_key(source), settings.keep);
    let keeper = std::thread::Builder::new()
        .name("archive".into())
        .spawn(move || keep_all(&path, keep, &origin, &key, &bodies));
    let result = load();
    // No more bodies: the keeper ends once it has kept those it has.
    drop(guard);
    let kept = match keeper {
        Ok(keeper) => keeper
            .join()
            .unwrap_or_else(|_| Err("keeping it stopped unexpectedly".into())),
        Err(err) => Err(err.to_string()),
    };
    match kept {
        Ok(digest) => (result, digest),
        Err(err) => {
            let err = sanitize::line(&err, 400);
            eprintln!("rapporteur: the feed was not kept in the snapshot archive: {err}");
            (result, None)
        }
    }
}
