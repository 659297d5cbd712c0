//! A live local feed file: loaded at start, then again whenever it changes.
//!
//! The watch is on the file's folder, not the file: editors that save by writing a new file and
//! renaming it over the old one replace the file the watch would be attached to, and a file
//! deleted then recreated is a new file too. Events are filtered by file name and debounced, so
//! a save that takes several writes is read once, when it has settled.
//!
//! Events can be missed (a link to another folder, a swapped folder, a file system that sends
//! none), so the file's identity is also looked at every [`POLL`] (see [`super::identity`]). A
//! read that does not end within the request timeout (a stalled network file system) is an
//! error on screen, not "loading" for ever.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::mpsc;
use tokio::time::Instant;

use bytes::Bytes;
use chrono::{DateTime, Utc};

use super::bounded::{Bounded, Late};
use super::file::checked_feed;
use super::identity::{Identity, Looker, POLL};
use super::local::{LocalError, read_regular};
use super::options::{Source, SourceOptions};
use super::signature::read_beside;
use crate::model::edit::Fingerprint;
use crate::model::error::{FailureKind, LoadError, Place};
use crate::model::{Feed, FeedMessage};

/// How long the file must be quiet before it is read.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// A file that never stops changing is still read this often.
pub const MAX_SETTLE: Duration = Duration::from_secs(2);

/// Shown while the file is gone; the last good data stays on screen.
pub const REMOVED: &str = "the file was removed; waiting for it to come back";

/// Loads `path`, then reloads it on every settled change and every refresh request, until the
/// app stops listening (`tx` closes).
/// Files longer than `options.max_body_bytes` are refused unread; with `options.public_key`, a
/// feed must be signed (`<file>.minisig`), no earlier than the feed on screen.
pub async fn run(
    path: PathBuf,
    options: SourceOptions,
    tx: mpsc::Sender<FeedMessage>,
    mut refresh: mpsc::Receiver<()>,
) {
    let origin = Source::File(path.clone()).to_string();
    // When the feed on screen was signed: an older one is refused.
    let mut shown_signed: Option<DateTime<Utc>> = None;
    // Watching starts before the first read, so a save between the two is not missed.
    let (events_tx, mut events) = mpsc::unbounded_channel();
    let watcher = start_watcher(&path, events_tx);
    let mut watching = watcher.is_some();
    let mut refresh_open = true;

    if tx.send(FeedMessage::Loading).await.is_err() {
        return;
    }
    let mut reader = Reader::default();
    let mut looker = Looker::default();
    let mut poll = tokio::time::interval_at(Instant::now() + POLL, POLL);
    poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let (mut message, mut seen) = reader.load(&path, &origin, &options, None, true).await;
    loop {
        if let FeedMessage::Loaded { feed, .. } | FeedMessage::LoadedFile { feed, .. } = &message {
            shown_signed = feed.signed_at.or(shown_signed);
        }
        if tx.send(message).await.is_err() {
            return;
        }
        (message, seen) = loop {
            tokio::select! {
                event = events.recv(), if watching => match event {
                    Some(()) => {
                        settle(&mut events).await;
                        break reader.load(&path, &origin, &options, shown_signed, false).await;
                    }
                    None => watching = false,
                },
                request = refresh.recv(), if refresh_open => match request {
                    Some(()) => {
                        if tx.send(FeedMessage::Loading).await.is_err() {
                            return;
                        }
                        break reader.load(&path, &origin, &options, shown_signed, false).await;
                    }
                    None => refresh_open = false,
                },
                // A missed event delays a reload by one look at most, never hides it.
                _ = poll.tick() => {
                    if looker.look(&path, POLL).await.is_some_and(|now| seen.as_ref() != Some(&now)) {
                        // A save may be under way: let it settle, as after an event.
                        settle(&mut events).await;
                        break reader.load(&path, &origin, &options, shown_signed, false).await;
                    }
                }
                () = tx.closed() => return,
            }
        };
    }
}

/// Watches the file's folder and signals `events` for each change to the file. `None` (logged)
/// when the system cannot watch it: the file is then read only on refresh.
fn start_watcher(path: &Path, events: mpsc::UnboundedSender<()>) -> Option<RecommendedWatcher> {
    let Some(name) = path.file_name().map(OsString::from) else {
        tracing::warn!(path = %path.display(), "not watching for changes: the path names no file");
        return None;
    };
    let mut signature = name.clone();
    signature.push(".minisig");
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let handler = move |result: notify::Result<Event>| match result {
        // The signature counts too: a publisher writes it after the feed.
        Ok(event) if concerns(&event, &name) || concerns(&event, &signature) => {
            let _ = events.send(());
        }
        Ok(_) => {}
        Err(err) => tracing::warn!("watching the feed file: {err}"),
    };
    let watched = notify::recommended_watcher(handler).and_then(|mut watcher| {
        watcher.watch(&folder, RecursiveMode::NonRecursive)?;
        Ok(watcher)
    });
    match watched {
        Ok(watcher) => Some(watcher),
        Err(err) => {
            tracing::warn!(
                folder = %folder.display(),
                "not watching the feed file for changes (press r to reload): {err}"
            );
            None
        }
    }
}

/// True when an event may have changed the file. Opens and reads are left out: our own reads
/// cause them, and would otherwise trigger a reload after every reload.
fn concerns(event: &Event, name: &OsString) -> bool {
    let changes = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    // A lost-events notice names no file, and anything may have happened.
    changes
        && (event.need_rescan()
            || event
                .paths
                .iter()
                .any(|p| p.file_name() == Some(name.as_os_str())))
}

/// Waits until no change has come for [`DEBOUNCE`], or [`MAX_SETTLE`] has passed.
async fn settle(events: &mut mpsc::UnboundedReceiver<()>) {
    let give_up = Instant::now() + MAX_SETTLE;
    loop {
        let quiet = (Instant::now() + DEBOUNCE).min(give_up);
        match tokio::time::timeout_at(quiet, events.recv()).await {
            Ok(Some(())) if Instant::now() < give_up => {}
            _ => return,
        }
    }
}

/// Reads the feed file, one read at a time, each waited for at most the request timeout.
#[derive(Debug, Default)]
struct Reader {
    reads: Bounded<Read>,
}

/// What one read found: the file's bytes, its signature's when a key is set, and the identity
/// the file had just before.
type Read = (
    Result<Vec<u8>, LocalError>,
    Option<Result<Vec<u8>, String>>,
    Identity,
);

impl Reader {
    /// Reads and parses the file, with the identity it had just before the read (`None` when
    /// the read did not end in time). After a change (`first` false), a missing file means it
    /// was removed.
    async fn load(
        &mut self,
        path: &Path,
        origin: &str,
        options: &SourceOptions,
        not_before: Option<DateTime<Utc>>,
        first: bool,
    ) -> (FeedMessage, Option<Identity>) {
        let (owned, max, limit) = (
            path.to_path_buf(),
            options.max_body_bytes,
            options.request_timeout,
        );
        let signed = options.public_key.is_some();
        // The signature is read here too, so that a stalled one is bounded like the feed.
        let read = self.reads.run(limit, move || {
            let identity = Identity::of(&owned);
            let bytes = read_regular(&owned, max);
            let signature = (signed && bytes.is_ok()).then(|| read_beside(&owned));
            (bytes, signature, identity)
        });
        let (bytes, signature, identity) = match read.await {
            Ok((bytes, signature, identity)) => (bytes, signature, Some(identity)),
            Err(late) => (Err(late_reason(late, limit)), None, None),
        };
        let failed = |reason: String, kind| {
            let error = LoadError::one(origin, Place::Whole, reason).with_kind(kind);
            super::source::message(Ok(Err(error)), origin)
        };
        let message = match bytes {
            Ok(bytes) => {
                let (owned, options) = (origin.to_owned(), options.clone());
                blocking(origin, move || {
                    parsed(&Bytes::from(bytes), signature, &owned, &options, not_before)
                })
                .await
            }
            Err(LocalError::Missing) if !first => failed(REMOVED.to_owned(), FailureKind::Missing),
            Err(err) => failed(err.reason(), err.kind()),
        };
        (message, identity)
    }
}

/// Why a read gave nothing, ready to follow the path.
fn late_reason(late: Late, limit: Duration) -> LocalError {
    LocalError::Refused(match late {
        Late::TimedOut => format!(
            "could not be read within {} s (request-timeout); the file system may be stalled",
            limit.as_secs()
        ),
        Late::Failed => "reading stopped unexpectedly".to_owned(),
    })
}

/// The feed in the bytes read (its signature checked when a key is set), and their fingerprint,
/// with which the console's edit form tells its own write from someone else's.
fn parsed(
    bytes: &Bytes,
    signature: Option<Result<Vec<u8>, String>>,
    origin: &str,
    options: &SourceOptions,
    not_before: Option<DateTime<Utc>>,
) -> Result<(Feed, Fingerprint), LoadError> {
    let signature = move || signature.unwrap_or_else(|| Err("the signature was not read".into()));
    // Taken beside the parse rather than after it: at 300,000 records it was a quarter of a
    // second more before the first frame.
    std::thread::scope(|scope| {
        let fingerprint = scope.spawn(|| Fingerprint::of(bytes));
        let feed = checked_feed(bytes, signature, origin, options, not_before)?;
        let fingerprint = fingerprint
            .join()
            .unwrap_or_else(|_| Fingerprint::of(bytes));
        Ok((feed, fingerprint))
    })
}

/// Parses off the async threads, since a large feed takes a while to parse. Quitting does not
/// wait for it.
async fn blocking(
    origin: &str,
    load: impl FnOnce() -> Result<(Feed, Fingerprint), LoadError> + Send + 'static,
) -> FeedMessage {
    match tokio::task::spawn_blocking(load).await {
        Ok(Ok((feed, fingerprint))) => FeedMessage::LoadedFile {
            feed: Box::new(feed),
            at: Utc::now(),
            fingerprint,
        },
        Ok(Err(error)) => super::source::message(Ok(Err(error)), origin),
        Err(join) => super::source::message(Err(join), origin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        paths.iter().fold(Event::new(kind), |event, path| {
            event.add_path(PathBuf::from(path))
        })
    }

    #[test]
    fn changes_to_the_file_count() {
        let name = OsString::from("feed.json");
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Any),
            EventKind::Remove(RemoveKind::File),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
        ] {
            assert!(concerns(&event(kind, &["/d/feed.json"]), &name), "{kind:?}");
        }
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        assert!(concerns(
            &event(renamed, &["/d/.feed.json.swp", "/d/feed.json"]),
            &name
        ));
    }

    #[test]
    fn reads_and_other_files_do_not() {
        let name = OsString::from("feed.json");
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(!concerns(&event(open, &["/d/feed.json"]), &name));
        assert!(!concerns(&event(read, &["/d/feed.json"]), &name));
        let created = EventKind::Create(CreateKind::File);
        assert!(!concerns(&event(created, &["/d/other.json"]), &name));
        assert!(!concerns(&event(created, &["/d/feed.json.bak"]), &name));
    }

    #[test]
    fn a_read_past_the_bound_says_how_long_it_was_given() {
        let reason = late_reason(Late::TimedOut, Duration::from_secs(20)).reason();
        assert_eq!(
            reason,
            "could not be read within 20 s (request-timeout); the file system may be stalled"
        );
    }

    #[test]
    fn lost_events_count() {
        let name = OsString::from("feed.json");
        let rescan = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert!(concerns(&rescan, &name));
    }
}
