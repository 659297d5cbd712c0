//! Making a body ready to keep: its name, and the pieces of it the archive does not hold yet,
//! compressed. This is the slow part of keeping a body, done while the feed is parsed and
//! outside the transaction that keeps it, so that other consoles wait for the archive only
//! briefly.

use std::io::Read as _;
use std::num::NonZero;
use std::ops::Range;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

use super::codec::compress;
use super::{Archive, ArchiveError, chunk};

/// The name of a body in the archive: its BLAKE3, in hex. A body is named at every load, and
/// over a 171 MB feed BLAKE3 takes 32 to 48 ms where SHA-256 took 147 ms; the same bytes again,
/// the usual case, cost no more than that.
pub fn digest_hex(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// The pieces of a body, each with its BLAKE3 in hex, hashed on every core.
fn named(bytes: &[u8]) -> Vec<(Range<usize>, String)> {
    let ranges = chunk::chunks(bytes);
    let hash = |range: &Range<usize>| digest_hex(&bytes[range.clone()]);
    // Hashing cannot fail; a thread that could not run is made up for on this one.
    let digests = on_every_core(&ranges, |range| Ok::<_, String>(hash(range)))
        .unwrap_or_else(|_| ranges.iter().map(hash).collect());
    ranges.into_iter().zip(digests).collect()
}

/// A body made ready to keep before the feed in it is known to be good
/// ([`crate::feed::tap`]).
#[derive(Debug, Clone)]
pub struct Packed {
    /// The body's BLAKE3, in hex.
    pub digest: String,
    /// Its length in bytes.
    pub len: usize,
    /// Its pieces, unless the source held these very bytes already (nothing to compress).
    pub(super) pieces: Option<Vec<Piece>>,
}

/// One piece of a body.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    /// Where it is in the body.
    pub range: Range<usize>,
    /// Its BLAKE3, in hex.
    pub digest: String,
    /// Its bytes compressed, unless the archive held the piece already.
    pub compressed: Option<Vec<u8>>,
}

impl Archive {
    /// Names the bytes of a body and, unless `source` holds them already (the usual case: the
    /// same feed loaded again), compresses the pieces of them the archive lacks.
    pub fn pack(&self, source: &str, bytes: &[u8]) -> Result<Packed, ArchiveError> {
        let digest = digest_hex(bytes);
        if self.holds(source, &digest)? {
            return Ok(Packed {
                digest,
                len: bytes.len(),
                pieces: None,
            });
        }
        let pieces =
            pieces(&self.conn, bytes).map_err(|e| self.error("cannot prepare a snapshot", e))?;
        Ok(Packed {
            digest,
            len: bytes.len(),
            pieces: Some(pieces),
        })
    }

    /// [`Archive::pack`] for a local file read a part at a time, never whole (see
    /// [`crate::feed::tap::FileParts`]): `digest` and `len` are those of the parts the feed was
    /// read from ([`crate::feed::tap::Parts`]). Unless `source` holds those bytes already, the file is
    /// read again, a part at a time, cut and compressed; if it no longer holds the same bytes,
    /// nothing is kept (its next load will be).
    pub fn pack_file(
        &self,
        source: &str,
        path: &Path,
        digest: String,
        len: usize,
    ) -> Result<Packed, ArchiveError> {
        if self.holds(source, &digest)? {
            return Ok(Packed {
                digest,
                len,
                pieces: None,
            });
        }
        let pieces = self
            .pieces_of_file(path, &digest, len)
            .map_err(|e| self.error("cannot prepare a snapshot", e))?;
        Ok(Packed {
            digest,
            len,
            pieces: Some(pieces),
        })
    }

    fn pieces_of_file(&self, path: &Path, digest: &str, len: usize) -> Result<Vec<Piece>, String> {
        let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
        let mut whole = blake3::Hasher::new();
        let mut cutter = chunk::Cutter::default();
        let mut pieces = Vec::new();
        // The pieces made sure by each part read, named and compressed together on every core.
        let mut batch: Vec<(Range<usize>, Vec<u8>)> = Vec::new();
        let mut buf = vec![0; PART];
        let mut read = 0;
        loop {
            let n = file.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            read += n;
            if read > len {
                break;
            }
            whole.update(&buf[..n]);
            cutter.push(&buf[..n], |bytes, range| {
                batch.push((range, bytes.to_vec()))
            });
            pieces.extend(batch_pieces(&self.conn, std::mem::take(&mut batch))?);
        }
        cutter.finish(|bytes, range| batch.push((range, bytes.to_vec())));
        pieces.extend(batch_pieces(&self.conn, batch)?);
        if read != len || whole.finalize().to_hex().as_str() != digest {
            return Err(
                "the file changed while it was read; it will be kept at its next load".into(),
            );
        }
        Ok(pieces)
    }
}

/// How much of a file is read at a time to pack it again.
const PART: usize = 8 << 20;

/// Pieces with their bytes, named and those the archive lacks compressed, on every core.
fn batch_pieces(
    conn: &Connection,
    batch: Vec<(Range<usize>, Vec<u8>)>,
) -> Result<Vec<Piece>, String> {
    let digests = on_every_core(&batch, |(_, bytes)| Ok(digest_hex(bytes)))?;
    let mut work = Vec::with_capacity(batch.len());
    for ((range, bytes), digest) in batch.into_iter().zip(digests) {
        let lacking = chunk_id(conn, &digest)
            .map_err(|e| e.to_string())?
            .is_none();
        work.push((range, bytes, digest, lacking));
    }
    let compressed = on_every_core(&work, |(_, bytes, _, lacking)| {
        lacking
            .then(|| compress(bytes).map_err(|e| e.to_string()))
            .transpose()
    })?;
    Ok(work
        .into_iter()
        .zip(compressed)
        .map(|((range, _, digest, _), compressed)| Piece {
            range,
            digest,
            compressed,
        })
        .collect())
}

/// The pieces of `bytes`, those the archive lacks compressed, on every core.
pub(super) fn pieces(conn: &Connection, bytes: &[u8]) -> Result<Vec<Piece>, String> {
    compressed(conn, bytes, named(bytes))
}

/// The named pieces of `bytes`, those the archive lacks compressed, on every core.
fn compressed(
    conn: &Connection,
    bytes: &[u8],
    named: Vec<(Range<usize>, String)>,
) -> Result<Vec<Piece>, String> {
    let mut work = Vec::with_capacity(named.len());
    for (range, digest) in named {
        let lacking = chunk_id(conn, &digest)
            .map_err(|e| e.to_string())?
            .is_none();
        work.push((range, digest, lacking));
    }
    let compressed = on_every_core(&work, |(range, _, lacking)| {
        lacking
            .then(|| compress(&bytes[range.clone()]).map_err(|e| e.to_string()))
            .transpose()
    })?;
    Ok(work
        .into_iter()
        .zip(compressed)
        .map(|((range, digest, _), compressed)| Piece {
            range,
            digest,
            compressed,
        })
        .collect())
}

/// The row of the piece named `digest`, if the archive holds it.
pub(super) fn chunk_id(conn: &Connection, digest: &str) -> rusqlite::Result<Option<i64>> {
    // Asked once per piece, 1,600 times for a large feed: the statement is prepared once.
    conn.prepare_cached("SELECT id FROM chunks WHERE digest = ?1")?
        .query_row([digest], |row| row.get(0))
        .optional()
}

/// `work` done item by item, in order, its runs spread over the cores.
fn on_every_core<T: Sync, R: Send>(
    work: &[T],
    each: impl Fn(&T) -> Result<R, String> + Sync,
) -> Result<Vec<R>, String> {
    let cores = std::thread::available_parallelism().map_or(1, NonZero::get);
    if work.len() < 2 || cores < 2 {
        return work.iter().map(&each).collect();
    }
    let run = work.len().div_ceil(cores);
    let each = &each;
    std::thread::scope(|scope| {
        let runs: Vec<_> = work
            .chunks(run)
            .map(|items| scope.spawn(move || items.iter().map(each).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::with_capacity(work.len());
        for handle in runs {
            let done = handle
                .join()
                .map_err(|_| "a piece could not be prepared".to_owned())?;
            for item in done {
                out.push(item?);
            }
        }
        Ok(out)
    })
}
