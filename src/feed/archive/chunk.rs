//! Cutting a body into pieces that the next version of the same feed shares.
//!
//! A feed changes a few records at a time, so the archive keeps a body as pieces (chunks), each
//! stored once: a new version costs the hashing of its bytes and the compression of the pieces
//! that changed, not of the whole feed again. A piece ends where the content says, not at a
//! fixed offset, so that a record made longer or shorter moves no cut after it: before a
//! `"id"` token whose next bytes (the id itself, in a feed) hash to one in [`EVERY`]. Ids are
//! unique, so cuts fall about every [`EVERY`] records. A body without such tokens is cut every
//! [`MAX_CHUNK`] bytes, which still lets its pieces be compressed at once on every core.
//!
//! How a body is cut never decides what is kept: the body is the pieces put back together,
//! checked against the digest of the whole.

use std::io::Read;
use std::ops::Range;

/// About one cut in this many candidate tokens.
const EVERY: u64 = 64;

/// The longest piece: a body without cuts of its own is cut here.
const MAX_CHUNK: usize = 4 << 20;

/// How many bytes after the token name the cut.
const NAMING_BYTES: usize = 24;

/// How far past a cut its deciding bytes go: a cut is sure once this much more has been read.
const LOOKAHEAD: usize = 4 + NAMING_BYTES;

/// The pieces of `bytes`, in order, together the whole of it.
pub fn chunks(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut cuts = Vec::new();
    let mut start = 0;
    for at in memchr::memmem::find_iter(bytes, b"\"id\"") {
        if at <= start {
            continue;
        }
        while at - start > MAX_CHUNK {
            cuts.push(start..start + MAX_CHUNK);
            start += MAX_CHUNK;
        }
        let naming = &bytes[at..bytes.len().min(at + 4 + NAMING_BYTES)];
        if fnv1a(naming).is_multiple_of(EVERY) {
            cuts.push(start..at);
            start = at;
        }
    }
    while bytes.len() - start > MAX_CHUNK {
        cuts.push(start..start + MAX_CHUNK);
        start += MAX_CHUNK;
    }
    cuts.push(start..bytes.len());
    cuts
}

/// The pieces of a body read a part at a time: the same cuts as [`chunks`] over the whole.
#[derive(Debug, Default)]
pub struct Cutter {
    /// The body from the last sure cut on.
    pending: Vec<u8>,
    /// Where `pending` starts in the body.
    base: usize,
}

/// The pieces a [`Cutter`] is sure of, each with its place in the body, and the bytes just read.
#[derive(Debug)]
pub struct Sure<'a> {
    /// The pieces, in order.
    pub pieces: Vec<(&'a [u8], Range<usize>)>,
    /// The bytes the last [`Cutter::read_from`] read.
    pub fresh: &'a [u8],
    /// How many of the cutter's bytes the pieces take, for [`Cutter::forget`].
    pub taken: usize,
}

impl Cutter {
    /// Reads up to `most` more bytes of the body from `reader` straight into the cutter, so that
    /// they are copied once: how many were read, none at the end.
    pub fn read_from(&mut self, reader: &mut impl Read, most: usize) -> std::io::Result<usize> {
        let before = self.pending.len();
        self.pending.reserve(most);
        let most = u64::try_from(most).unwrap_or(u64::MAX);
        let got = reader.by_ref().take(most).read_to_end(&mut self.pending);
        let n = self.pending.len() - before;
        got.map(|_| n)
    }

    /// The pieces now sure (every one left when the body has `ended`), and the last `fresh`
    /// bytes taken in; [`Cutter::forget`] them once they are done with.
    pub fn sure(&self, fresh: usize, ended: bool) -> Sure<'_> {
        let len = self.pending.len();
        let mut pieces = Vec::new();
        let mut sure = 0;
        // A cut is sure when the bytes that decide it, and every candidate before it, are in:
        // more of the body can then change nothing before it.
        for range in chunks(&self.pending) {
            if !ended && (range.end + LOOKAHEAD > len || range.end == len) {
                break;
            }
            let place = self.base + range.start..self.base + range.end;
            pieces.push((&self.pending[range.clone()], place));
            sure = range.end;
        }
        Sure {
            pieces,
            fresh: &self.pending[len - fresh.min(len)..],
            taken: sure,
        }
    }

    /// Lets go of the pieces [`Cutter::sure`] gave: the first `taken` bytes.
    pub fn forget(&mut self, taken: usize) {
        let taken = taken.min(self.pending.len());
        self.pending.drain(..taken);
        self.base += taken;
    }
}

/// FNV-1a, 64 bits: enough to spread ids, and cheap over a few bytes.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(statuses: &[&str]) -> Vec<u8> {
        let records: Vec<String> = statuses
            .iter()
            .enumerate()
            .map(|(i, status)| format!("    {{\"id\": \"R-{i:05}\", \"status\": \"{status}\"}}"))
            .collect();
        format!(
            "{{\n  \"schema_version\": 1,\n  \"recommendations\": [\n{}\n  ]\n}}\n",
            records.join(",\n")
        )
        .into_bytes()
    }

    fn pieces(bytes: &[u8]) -> Vec<&[u8]> {
        chunks(bytes).into_iter().map(|r| &bytes[r]).collect()
    }

    #[test]
    fn the_pieces_are_the_whole_body_in_order() {
        for bytes in [
            feed(&["implemented"; 5_000]),
            Vec::new(),
            b"no tokens at all".to_vec(),
            b"\"id\"\"id\"\"id\"".to_vec(),
            vec![b'x'; MAX_CHUNK * 2 + 7],
        ] {
            let ranges = chunks(&bytes);
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(bytes.len()));
            assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
            assert!(ranges.iter().all(|r| r.len() <= MAX_CHUNK));
        }
    }

    #[test]
    fn a_body_read_a_part_at_a_time_is_cut_as_the_whole_is() {
        let mut statuses = vec!["in_progress"; 20_000];
        statuses[500] = "partially_implemented";
        let mut bodies = vec![feed(&statuses), vec![b'y'; MAX_CHUNK * 2 + 11]];
        let mut long = feed(&statuses[..2_000]);
        long.extend(vec![b' '; MAX_CHUNK + 5]);
        long.extend(feed(&statuses[..3_000]));
        bodies.push(long);
        for body in &bodies {
            let whole = chunks(body);
            for part in [997, 4_096, 65_537, 100_003, MAX_CHUNK, MAX_CHUNK + 1] {
                let mut cutter = Cutter::default();
                let (mut got, mut fresh) = (Vec::new(), Vec::new());
                let mut reader = body.as_slice();
                loop {
                    let n = cutter.read_from(&mut reader, part).unwrap();
                    let sure = cutter.sure(n, n == 0);
                    fresh.extend_from_slice(sure.fresh);
                    for (piece, range) in sure.pieces {
                        assert_eq!(piece, &body[range.clone()]);
                        got.push(range);
                    }
                    let taken = sure.taken;
                    cutter.forget(taken);
                    if n == 0 {
                        break;
                    }
                }
                assert_eq!(got, whole, "parts of {part}");
                assert_eq!(&fresh, body, "parts of {part}");
            }
        }
    }

    #[test]
    fn a_large_feed_is_cut_about_every_64_records() {
        let n = chunks(&feed(&["implemented"; 20_000])).len();
        assert!((150..650).contains(&n), "{n} pieces");
    }

    #[test]
    fn a_record_made_longer_changes_only_its_own_piece() {
        let mut statuses = vec!["in_progress"; 20_000];
        let before = feed(&statuses);
        statuses[7_000] = "partially_implemented";
        let after = feed(&statuses);
        let (old, new) = (pieces(&before), pieces(&after));
        assert_eq!(old.len(), new.len());
        let changed = old.iter().zip(&new).filter(|(a, b)| a != b).count();
        assert_eq!(changed, 1);
    }

    #[test]
    fn a_record_added_in_the_middle_changes_at_most_two_pieces() {
        let statuses = vec!["no_action"; 20_000];
        let before = feed(&statuses);
        let text = String::from_utf8(before.clone()).unwrap();
        let after = text.replacen(
            "    {\"id\": \"R-09000\"",
            "    {\"id\": \"NEW-1\", \"status\": \"implemented\"},\n    {\"id\": \"R-09000\"",
            1,
        );
        let old = pieces(&before);
        let new = pieces(after.as_bytes());
        let shared = new.iter().filter(|piece| old.contains(piece)).count();
        assert!(
            new.len() - shared <= 2,
            "{} of {} new",
            new.len() - shared,
            new.len()
        );
    }
}
