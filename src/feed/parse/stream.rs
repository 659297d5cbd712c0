//! The quick way through a valid feed in a local file for a caller that keeps little of its
//! records (`check`): the file is read a piece at a time into a few buffers used again and again,
//! and the records of each piece are checked on other threads while the next piece is read.
//!
//! ```text
//! file --piece--> pass (split.rs) --records of the piece--> worker 1 .. n: read + check
//!       <--------------- the buffer back, for another piece ------------------+
//! ```
//!
//! The whole text is never held: a buffer of the file's size is memory the kernel hands out
//! fresh and clears page by page, which was half the time of a check of a 171 MB feed. Like
//! [`super::parallel`], whose steps it shares, anything unexpected gives `None` and the caller
//! reads the file whole. That includes a feed whose head does not all come before its records
//! (every feed this project writes puts the records last), and one that starts with a byte order
//! mark.

use std::io::Read;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use super::parallel::{check_run, checked_head, has_duplicate_id};
use super::split::{List, Pass, Stop};
use crate::feed::validate::{Basis, Fold, Records, Rules};
use crate::model::Feed;

/// How much is read at a time.
pub const PIECE: usize = 1 << 20;

/// The feed read from `reader` (at most `max_bytes` of it) without its records, and what `K`
/// keeps of them, when it is valid through and through; records are checked by `workers`
/// threads, `piece` bytes read at a time.
pub fn valid_folded<K: Fold>(
    reader: impl Read,
    max_bytes: u64,
    piece: usize,
    workers: usize,
) -> Option<(Feed, K)> {
    let mut reading = Reading {
        reader,
        read: 0,
        max_bytes,
        piece: piece.max(1),
    };
    let mut text = Text {
        pass: Pass::new(),
        buf: Vec::with_capacity(piece),
        base: 0,
        from: 0,
    };
    // The head: everything before the record list, read whole.
    let list_start = loop {
        if !reading.more(&mut text.buf)? || text.buf.first() == Some(&0xEF) {
            return None;
        }
        text.run()?;
        if let Some((start, _)) = text.pass.list_span {
            break start;
        }
    };
    let mut head = std::str::from_utf8(text.buf.get(..list_start)?)
        .ok()?
        .to_owned();
    // Only a closing brace may follow the records ([`Text::ends_the_feed`]).
    head.push_str("[]}");
    let head = checked_head(&head)?;
    let (rules, basis) = (head.rules(), head.basis());
    let (records, n) = read_records::<K>(&mut reading, text, &rules, &basis, workers.max(1))?;
    if has_duplicate_id(records.kept.ids(), n) {
        return None;
    }
    drop(rules);
    Some((head.into_feed(Vec::new(), records.warnings), records.kept))
}

/// The file as it is read.
struct Reading<R> {
    reader: R,
    /// Bytes read so far.
    read: u64,
    max_bytes: u64,
    piece: usize,
}

impl<R: Read> Reading<R> {
    /// The next piece added to `buf`: `Some(false)` at the end of the file, `None` when it cannot
    /// be read or is larger than allowed.
    fn more(&mut self, buf: &mut Vec<u8>) -> Option<bool> {
        // Enough to fill the buffer to a piece, so that a buffer used again is never grown; or,
        // with half a piece or more in hand (a long record), as much again: a record longer than
        // a piece is read in pieces that double, so the pass, which starts a string again from
        // its quote when the string goes on past the piece, reads a long one a bounded number
        // of times.
        let in_hand = buf.len();
        let want = if in_hand <= self.piece / 2 {
            self.piece - in_hand
        } else {
            in_hand
        };
        let want = u64::try_from(want).ok()?;
        // One byte more than allowed is enough to know the file is too large.
        let left = self.max_bytes.saturating_sub(self.read).saturating_add(1);
        let limit = want.min(left);
        let before = buf.len();
        buf.reserve(usize::try_from(limit).ok()?);
        (&mut self.reader).take(limit).read_to_end(buf).ok()?;
        let n = buf.len() - before;
        self.read += n as u64;
        (self.read <= self.max_bytes).then_some(n > 0)
    }
}

/// The part of the text in hand, and the pass over it.
struct Text {
    pass: Pass,
    /// The text from offset `base` on, as far as it has been read.
    buf: Vec<u8>,
    base: usize,
    /// Where the pass goes on.
    from: usize,
}

impl Text {
    /// The pass over what has been read since it stopped.
    fn run(&mut self) -> Option<()> {
        self.from = match self.pass.run(&self.buf, self.base, self.from)? {
            Stop::End => self.base + self.buf.len(),
            Stop::InString(quote) => quote,
        };
        Some(())
    }

    /// Where the text still needed starts: the record the pass is in, or the string it stopped
    /// in.
    fn needed_from(&self) -> usize {
        match self.pass.list {
            List::InRecord(start) => start.min(self.from),
            _ => self.from,
        }
    }

    /// True when what follows the record list, from `at`, is a closing brace and blanks: the
    /// rest of what has been read, then the rest of the file.
    fn ends_the_feed(&self, at: usize, reading: &mut Reading<impl Read>) -> Option<bool> {
        let mut closed = false;
        let mut blank_then_brace = |bytes: &[u8]| {
            bytes.iter().all(|&b| match b {
                b' ' | b'\t' | b'\n' | b'\r' => true,
                b'}' if !closed => {
                    closed = true;
                    true
                }
                _ => false,
            })
        };
        if !blank_then_brace(self.buf.get(at.checked_sub(self.base)?..)?) {
            return Some(false);
        }
        let mut rest = Vec::new();
        while reading.more(&mut rest)? {
            if !blank_then_brace(&rest) {
                return Some(false);
            }
            rest.clear();
        }
        Some(closed)
    }
}

/// The records of a piece, to be checked on a worker.
struct Batch {
    /// Its place among the batches.
    seq: usize,
    /// The position of its first record in the feed.
    first: usize,
    /// The text from offset `base` on.
    buf: Vec<u8>,
    base: usize,
    /// Where each record starts and ends in the text.
    spans: Vec<(usize, usize)>,
}

/// Buffers handed out at most at once: enough to keep every worker busy while one is read.
const BUFFERS_PER_WORKER: usize = 2;

/// Reads the rest of the file, the record list already open, and checks every record: all of
/// them, in feed order, and how many.
fn read_records<K: Fold>(
    reading: &mut Reading<impl Read>,
    mut text: Text,
    rules: &Rules<'_>,
    basis: &Basis,
    workers: usize,
) -> Option<(Records<K>, usize)> {
    let failed = AtomicBool::new(false);
    let (batch_tx, batch_rx) = channel::<Batch>();
    let batch_rx = Mutex::new(batch_rx);
    let (done_tx, done_rx) = channel::<(usize, Option<Records<K>>)>();
    let (spare_tx, spare_rx) = channel::<Vec<u8>>();
    thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (done, spare) = (done_tx.clone(), spare_tx.clone());
                let (batches, failed) = (&batch_rx, &failed);
                scope.spawn(move || work(batches, rules, basis, failed, &done, &spare))
            })
            .collect();
        drop((done_tx, spare_tx));
        let sent = feed_workers(reading, &mut text, &batch_tx, &spare_rx, workers, &failed);
        if sent.is_none() {
            failed.store(true, Ordering::Relaxed);
        }
        drop(batch_tx);
        // A worker that panicked leaves a feed this path cannot vouch for. Each is joined here,
        // so that its panic is not the scope's.
        let mut joined = true;
        for handle in handles {
            joined &= handle.join().is_ok();
        }
        let (batches, n) = sent.filter(|_| joined)?;
        let mut done: Vec<_> = done_rx.iter().collect();
        done.sort_unstable_by_key(|(seq, _)| *seq);
        if done.len() != batches {
            return None;
        }
        let mut all = Records::with_capacity(basis, n);
        for (_, records) in done {
            all.append(records?);
        }
        Some((all, n))
    })
}

/// The reading side: each piece read, its records found and sent off to be checked; then what
/// follows the list checked. The number of batches sent and of records in them, or `None`.
fn feed_workers(
    reading: &mut Reading<impl Read>,
    text: &mut Text,
    batches: &Sender<Batch>,
    spare: &Receiver<Vec<u8>>,
    workers: usize,
    failed: &AtomicBool,
) -> Option<(usize, usize)> {
    let mut sent = Sent::default();
    let mut handed_out = 0;
    loop {
        let spans = std::mem::take(&mut text.pass.records);
        let closed = text.pass.list_span.filter(|&(start, end)| end > start);
        if let (Some((_, end)), List::Outside) = (closed, text.pass.list) {
            let ends = text.ends_the_feed(end, reading)?;
            if !spans.is_empty() {
                sent.send(batches, std::mem::take(&mut text.buf), text.base, spans)?;
            }
            return ends.then_some((sent.batches, sent.records));
        }
        let keep = text.needed_from();
        let carried = keep.checked_sub(text.base)?;
        if spans.is_empty() {
            // Nothing to check yet (a record longer than a piece): what is still needed moves
            // to the front, and more is read after it.
            text.buf.drain(..carried);
        } else {
            let mut next = match spare.try_recv() {
                Ok(buf) => buf,
                Err(_) if handed_out < workers * BUFFERS_PER_WORKER => {
                    handed_out += 1;
                    Vec::with_capacity(reading.piece)
                }
                // Every buffer is with a worker, which hands it back when done.
                Err(_) => spare.recv().ok()?,
            };
            next.clear();
            next.extend_from_slice(text.buf.get(carried..)?);
            let buf = std::mem::replace(&mut text.buf, next);
            sent.send(batches, buf, text.base, spans)?;
        }
        text.base = keep;
        if failed.load(Ordering::Relaxed) || !reading.more(&mut text.buf)? {
            // A record turned down, or the file ended inside the list.
            return None;
        }
        text.run()?;
    }
}

/// What has been sent to the workers so far.
#[derive(Default)]
struct Sent {
    batches: usize,
    records: usize,
}

impl Sent {
    /// Sends the records at `spans` of the text in `buf`, which starts at offset `base`.
    fn send(
        &mut self,
        batches: &Sender<Batch>,
        buf: Vec<u8>,
        base: usize,
        spans: Vec<(usize, usize)>,
    ) -> Option<()> {
        let batch = Batch {
            seq: self.batches,
            first: self.records,
            buf,
            base,
            spans,
        };
        self.batches += 1;
        self.records += batch.spans.len();
        batches.send(batch).ok()
    }
}

/// A worker: checks batches until there are no more, and hands each buffer back.
fn work<K: Fold>(
    batches: &Mutex<Receiver<Batch>>,
    rules: &Rules<'_>,
    basis: &Basis,
    failed: &AtomicBool,
    done: &Sender<(usize, Option<Records<K>>)>,
    spare: &Sender<Vec<u8>>,
) {
    loop {
        let next = match batches.lock() {
            Ok(batches) => batches.recv(),
            Err(_) => return,
        };
        let Ok(batch) = next else {
            return;
        };
        let records = if failed.load(Ordering::Relaxed) {
            None
        } else {
            check_batch(&batch, rules, basis)
        };
        if records.is_none() {
            failed.store(true, Ordering::Relaxed);
        }
        let _ = done.send((batch.seq, records));
        let _ = spare.send(batch.buf);
    }
}

/// The records of a batch, each checked as the quick path checks a run.
fn check_batch<K: Fold>(batch: &Batch, rules: &Rules<'_>, basis: &Basis) -> Option<Records<K>> {
    let texts = batch
        .spans
        .iter()
        .map(|&(start, end)| {
            let bytes = batch
                .buf
                .get(start.checked_sub(batch.base)?..end.checked_sub(batch.base)?)?;
            std::str::from_utf8(bytes).ok()
        })
        .collect::<Option<Vec<&str>>>()?;
    check_run(batch.first, &texts, texts.len(), rules, basis)
}

#[cfg(test)]
mod tests;
