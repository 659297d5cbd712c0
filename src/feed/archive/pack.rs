//! Making a body ready to keep: its name, and the pieces of it the archive does not hold yet,
//! compressed. This is the slow part of keeping a body, done while the feed is parsed and
//! outside the transaction that keeps it, so that other consoles wait for the archive only
//! briefly.

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
        self.pack_named(source, bytes, digest_hex(bytes))
    }

    /// [`Archive::pack`] for bytes already named: `digest` is their [`digest_hex`].
    pub fn pack_named(
        &self,
        source: &str,
        bytes: &[u8],
        digest: String,
    ) -> Result<Packed, ArchiveError> {
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

    /// Starts packing a local file of `len` bytes while its feed is still read and parsed,
    /// when it can only be a new version: the newest snapshot of `source` has another length,
    /// or there is none. Otherwise (most often the same bytes again) `None`: the file is named
    /// as it is read, and read again only if that shows it is new ([`Archive::pack_file`]).
    pub fn pack_file_early(
        &self,
        source: &str,
        path: &Path,
        len: u64,
    ) -> Result<Option<Early>, ArchiveError> {
        let newest = self.newest_len(source)?;
        if newest.is_some_and(|newest| newest == len) {
            return Ok(None);
        }
        Ok(Some(Early(self.read_pieces(path, len))))
    }

    /// [`Archive::pack`] for a local file read a part at a time, never whole (see
    /// [`crate::feed::tap::FileParts`]): `digest` and `len` are those of the parts the feed was
    /// read from ([`crate::feed::tap::Parts`]). What [`Archive::pack_file_early`] read is used
    /// if it read those very bytes. Otherwise, unless `source` holds those bytes already, the
    /// file is read again, a part at a time, cut and compressed; if it no longer holds the same
    /// bytes, nothing is kept (its next load will be).
    pub fn pack_file(
        &self,
        source: &str,
        path: &Path,
        (digest, len): (String, usize),
        early: Option<Early>,
    ) -> Result<Packed, ArchiveError> {
        if let Some(Early(Ok(early))) = early
            && early.digest == digest
            && early.len == len
        {
            return Ok(Packed {
                digest,
                len,
                pieces: Some(early.pieces),
            });
        }
        if self.holds(source, &digest)? {
            return Ok(Packed {
                digest,
                len,
                pieces: None,
            });
        }
        let read = self
            .read_pieces(path, u64::try_from(len).unwrap_or(u64::MAX))
            .map_err(|e| self.error("cannot prepare a snapshot", e))?;
        if read.digest != digest || read.len != len {
            return Err(self.error("cannot prepare a snapshot", CHANGED));
        }
        Ok(Packed {
            digest,
            len,
            pieces: Some(read.pieces),
        })
    }

    /// A file of `len` bytes read again, named, cut, and the pieces the archive lacks
    /// compressed; an error when it is not `len` bytes long any more.
    fn read_pieces(&self, path: &Path, len: u64) -> Result<FilePieces, String> {
        let len = usize::try_from(len).map_err(|_| CHANGED)?;
        // Opened as the feed was: never blocking on, nor reading, anything but a regular file
        // swapped in meanwhile.
        let (mut file, _) =
            crate::feed::local::open_regular(path, u64::MAX).map_err(|e| e.reason())?;
        let mut whole = blake3::Hasher::new();
        let mut cutter = chunk::Cutter::default();
        let mut pieces = Vec::new();
        let mut read = 0;
        loop {
            let n = cutter
                .read_from(&mut file, PART.min((len - read).saturating_add(1)))
                .map_err(|e| e.to_string())?;
            read += n;
            if read > len {
                return Err(CHANGED.into());
            }
            let sure = cutter.sure(n, n == 0);
            // The whole hashed on one core while the pieces are named on the others: the two
            // took as long each, one after the other.
            let named = std::thread::scope(|scope| {
                let hashing = scope.spawn(|| {
                    whole.update(sure.fresh);
                });
                let named = name_pieces(&sure.pieces);
                hashing
                    .join()
                    .map_err(|_| "a piece could not be prepared".to_owned())
                    .map(|()| named)
            })?;
            pieces.extend(lacking_compressed(&self.conn, &sure.pieces, named)?);
            let taken = sure.taken;
            cutter.forget(taken);
            if n == 0 {
                break;
            }
        }
        if read != len {
            return Err(CHANGED.into());
        }
        Ok(FilePieces {
            digest: whole.finalize().to_hex().to_string(),
            len,
            pieces,
        })
    }
}

/// A local file packed while its feed was still read ([`Archive::pack_file_early`]), or why it
/// could not be.
#[derive(Debug)]
pub struct Early(Result<FilePieces, String>);

/// A file as [`Archive::read_pieces`] read it.
#[derive(Debug)]
struct FilePieces {
    digest: String,
    len: usize,
    pieces: Vec<Piece>,
}

/// Why a file read again is not kept: it no longer holds the bytes its feed was read from.
const CHANGED: &str = "the file changed while it was read; it will be kept at its next load";

/// How much of a file is read at a time to pack it again.
const PART: usize = 8 << 20;

/// The BLAKE3 of each piece, in hex, on every core.
fn name_pieces(pieces: &[(&[u8], Range<usize>)]) -> Vec<String> {
    let hash = |(bytes, _): &(&[u8], Range<usize>)| digest_hex(bytes);
    // Hashing cannot fail; a thread that could not run is made up for on this one.
    on_every_core(pieces, |piece| Ok::<_, String>(hash(piece)))
        .unwrap_or_else(|_| pieces.iter().map(hash).collect())
}

/// Named pieces, those the archive lacks compressed on every core.
fn lacking_compressed(
    conn: &Connection,
    pieces: &[(&[u8], Range<usize>)],
    digests: Vec<String>,
) -> Result<Vec<Piece>, String> {
    let mut work = Vec::with_capacity(pieces.len());
    for ((bytes, range), digest) in pieces.iter().zip(digests) {
        let lacking = chunk_id(conn, &digest)
            .map_err(|e| e.to_string())?
            .is_none();
        work.push((*bytes, range.clone(), digest, lacking));
    }
    let compressed = on_every_core(&work, |(bytes, _, _, lacking)| {
        lacking
            .then(|| compress(bytes).map_err(|e| e.to_string()))
            .transpose()
    })?;
    Ok(work
        .into_iter()
        .zip(compressed)
        .map(|((_, range, digest, _), compressed)| Piece {
            range,
            digest,
            compressed,
        })
        .collect())
}

/// The pieces of `bytes`, those the archive lacks compressed, on every core.
pub(super) fn pieces(conn: &Connection, bytes: &[u8]) -> Result<Vec<Piece>, String> {
    let pieces: Vec<_> = chunk::chunks(bytes)
        .into_iter()
        .map(|range| (&bytes[range.clone()], range))
        .collect();
    let named = name_pieces(&pieces);
    lacking_compressed(conn, &pieces, named)
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
