//! The bodies of good feeds, handed to whoever keeps the snapshot archive.
//!
//! Every source parses its body through [`crate::feed::parse()`], so that is where the exact
//! bytes of each good feed are known. Rather than thread a channel through every source and
//! every test that builds one, the door installs one receiver for the whole process; with none
//! installed (tests, benches) offering costs a lock and nothing else.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};

use chrono::{DateTime, Utc};

use crate::model::{Feed, StatusCounts};

/// The exact bytes of a good feed, with what the archive lists beside them.
#[derive(Debug, Clone)]
pub struct Body {
    /// The file path or URL the body was read from, as the source names it.
    pub origin: String,
    /// The bytes as read, before any byte order mark was taken off.
    pub bytes: Vec<u8>,
    /// When it was read.
    pub fetched_at: DateTime<Utc>,
    /// When the publisher produced it.
    pub generated_at: DateTime<Utc>,
    /// Its records by status.
    pub counts: StatusCounts,
}

static TAP: Mutex<Option<Sender<Body>>> = Mutex::new(None);

/// Starts handing every good body to the returned receiver, until [`remove`] or until the
/// receiver is dropped. A second install replaces the first.
pub fn install() -> Receiver<Body> {
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

/// Hands a good body on, if anyone listens. Copies the bytes only then.
pub(crate) fn offer(origin: &str, bytes: &[u8], feed: &Feed) {
    let Ok(mut tap) = TAP.lock() else {
        return;
    };
    let Some(tx) = tap.as_ref() else {
        return;
    };
    let body = Body {
        origin: origin.to_owned(),
        bytes: bytes.to_vec(),
        fetched_at: Utc::now(),
        generated_at: feed.generated_at,
        counts: StatusCounts::of(&feed.recommendations),
    };
    if tx.send(body).is_err() {
        // Nobody listens any more: stop copying.
        *tap = None;
    }
}
