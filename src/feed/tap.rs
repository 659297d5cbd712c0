//! The bodies of feeds as they are read, handed to whoever keeps the snapshot archive.
//!
//! Every source that reads a feed for the screen or a command parses its body through
//! [`crate::feed::parse_body`], so that is where the exact bytes of each feed are known. Rather
//! than thread a channel through every source and every test that builds one, the door installs
//! one receiver for the whole process; with none installed (tests, benches) offering costs a lock
//! and nothing else.
//!
//! A body is offered as soon as it is read, before it is parsed, and shared rather than copied:
//! the archive hashes (and, if new, compresses) it while the feed is parsed, and keeps it only
//! once the parse has found the feed good ([`Offered::wait`]). Offering after the parse, with a
//! copy, made a check of a 171 MB feed half as slow again.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use chrono::{DateTime, Utc};

use crate::model::StatusCounts;

/// The exact bytes of a good feed, with what the archive lists beside them.
#[derive(Debug, Clone)]
pub struct Body {
    /// The file path or URL the body was read from, as the source names it.
    pub origin: String,
    /// The bytes as read, before any byte order mark was taken off.
    pub bytes: Bytes,
    /// When it was read.
    pub fetched_at: DateTime<Utc>,
    /// When the publisher produced it.
    pub generated_at: DateTime<Utc>,
    /// Its records by status.
    pub counts: StatusCounts,
}

/// What the parse found in a good body.
#[derive(Debug, Clone)]
struct Verdict {
    generated_at: DateTime<Utc>,
    counts: StatusCounts,
}

/// A body just read, whose parse may still be running.
#[derive(Debug)]
pub struct Offered {
    /// The file path or URL the body was read from.
    pub origin: String,
    /// The bytes as read; empty for a body read a part at a time ([`Offered::file`]).
    pub bytes: Bytes,
    /// A local file read a part at a time, never whole: its parts as they are read, for their
    /// digest, and its path, to read it again should it need keeping.
    pub file: Option<FileParts>,
    /// When it was read.
    pub fetched_at: DateTime<Utc>,
    verdict: Receiver<Verdict>,
    good: Arc<AtomicBool>,
}

impl Offered {
    /// Whether the parse has found the feed good yet, as it changes.
    pub fn good(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.good)
    }

    /// Waits for the parse: the body to keep when the feed was good, `None` when it was not.
    pub fn wait(self) -> Option<Body> {
        let verdict = self.verdict.recv().ok()?;
        Some(Body {
            origin: self.origin,
            bytes: self.bytes,
            fetched_at: self.fetched_at,
            generated_at: verdict.generated_at,
            counts: verdict.counts,
        })
    }
}

/// A local file read a part at a time, as [`Offered::file`] carries it.
#[derive(Debug)]
pub struct FileParts {
    /// Where it is.
    pub path: PathBuf,
    /// Its length when it was opened, before any of it was read.
    pub len: u64,
    /// The BLAKE3 (in hex) and length of what was read, once the reading ends.
    pub read: Receiver<(String, usize)>,
}

/// The reading side of a file offered part by part: what is read is hashed as it is read, while
/// it is fresh in the cache, and the digest handed on when the reading ends. Handing on a copy of
/// each part to be hashed elsewhere cost a check of 171 MB as much again.
#[derive(Debug)]
pub struct Parts {
    tx: Option<Sender<(String, usize)>>,
    hasher: blake3::Hasher,
    len: usize,
}

impl Parts {
    /// Parts that go nowhere.
    pub fn none() -> Parts {
        Parts {
            tx: None,
            hasher: blake3::Hasher::new(),
            len: 0,
        }
    }

    /// `reader`, hashing every part read from it.
    pub fn tee<R: std::io::Read>(self, reader: R) -> Tee<R> {
        Tee {
            reader,
            parts: self,
        }
    }
}

impl Drop for Parts {
    fn drop(&mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = tx.send((self.hasher.finalize().to_hex().to_string(), self.len));
        }
    }
}

/// A reader that hashes what it reads for the archive ([`Parts::tee`]).
#[derive(Debug)]
pub struct Tee<R> {
    reader: R,
    parts: Parts,
}

impl<R: std::io::Read> std::io::Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.reader.read(buf)?;
        if self.parts.tx.is_some()
            && let Some(read) = buf.get(..n)
        {
            self.parts.hasher.update(read);
            self.parts.len += n;
        }
        Ok(n)
    }
}

/// The offering side of a body: [`Pending::confirm`] once the feed proved good. Dropped
/// without it, the body is not kept.
#[derive(Debug)]
pub struct Pending(Option<(SyncSender<Verdict>, Arc<AtomicBool>)>);

impl Pending {
    /// Says the body held a good feed, generated at `generated_at` and with its records by
    /// status as `counts` gives them (asked only when someone keeps the body), so that it is
    /// kept.
    pub fn confirm(self, generated_at: DateTime<Utc>, counts: impl FnOnce() -> StatusCounts) {
        if let Some((tx, good)) = &self.0 {
            good.store(true, Ordering::SeqCst);
            let verdict = Verdict {
                generated_at,
                counts: counts(),
            };
            // Room for one: never blocks. Nobody waiting any more is no harm.
            let _ = tx.try_send(verdict);
        }
    }
}

static TAP: Mutex<Option<Sender<Offered>>> = Mutex::new(None);

/// Starts handing every body read to the returned receiver, until [`remove`] or until the
/// receiver is dropped. A second install replaces the first.
pub fn install() -> Receiver<Offered> {
    let (tx, rx) = channel();
    if let Ok(mut tap) = TAP.lock() {
        *tap = Some(tx);
    }
    rx
}

/// Stops handing bodies on.
pub fn remove() {
    if let Ok(mut tap) = TAP.lock() {
        *tap = None;
    }
}

/// Offers a local file of `len` bytes about to be read a part at a time: what is read is hashed
/// as it is read ([`Parts::tee`]), and the file is kept if [`Pending::confirm`] says it was good.
pub(crate) fn offer_file(origin: &str, path: &Path, len: u64) -> (Parts, Pending) {
    let (tx, read) = channel();
    let file = FileParts {
        path: path.to_path_buf(),
        len,
        read,
    };
    match send_offer(origin, Bytes::new(), Some(file)) {
        Some(pending) => (
            Parts {
                tx: Some(tx),
                hasher: blake3::Hasher::new(),
                len: 0,
            },
            pending,
        ),
        None => (Parts::none(), Pending(None)),
    }
}

/// Hands a body just read on, if anyone listens; the bytes are shared, never copied.
pub(crate) fn offer(origin: &str, bytes: &Bytes) -> Pending {
    send_offer(origin, bytes.clone(), None).unwrap_or(Pending(None))
}

fn send_offer(origin: &str, bytes: Bytes, file: Option<FileParts>) -> Option<Pending> {
    let mut tap = TAP.lock().ok()?;
    let tx = tap.as_ref()?;
    let (verdict_tx, verdict) = sync_channel(1);
    let good = Arc::new(AtomicBool::new(false));
    let offered = Offered {
        origin: origin.to_owned(),
        bytes,
        file,
        fetched_at: Utc::now(),
        verdict,
        good: Arc::clone(&good),
    };
    if tx.send(offered).is_err() {
        // Nobody listens any more: stop offering.
        *tap = None;
        return None;
    }
    Some(Pending(Some((verdict_tx, good))))
}
