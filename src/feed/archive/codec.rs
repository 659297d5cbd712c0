//! How a snapshot's body is stored: zstd at its quickest level (zlib in archives of layout 1,
//! still read).

use std::cell::RefCell;
use std::io::Read as _;

use flate2::read::ZlibDecoder;
use zstd::bulk::Compressor;

/// The largest body read back, so that a damaged length can never ask for all the memory.
pub const MAX_BODY: u64 = 4 << 30;

/// The first bytes of every zstd frame.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];

/// The level new bodies are written at. Level 1 compresses a 171 MB feed in about 0.38 s on one
/// core, to 35 MB; zlib's quickest level took 0.9 s and gave 56 MB. The archive is written
/// beside every load, so speed matters more than the last bytes.
const LEVEL: i32 = 1;

thread_local! {
    /// One compressor per thread, used again for every piece: making a new one for each of the
    /// 1,600 pieces of a large feed spent more time getting memory from the system than
    /// compressing.
    static COMPRESSOR: RefCell<Option<Compressor<'static>>> = const { RefCell::new(None) };
}

/// A body, or a piece of one, as the archive stores it.
pub fn compress(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    COMPRESSOR.with(|cell| {
        let mut slot = cell.try_borrow_mut().map_err(std::io::Error::other)?;
        let compressor = match slot.as_mut() {
            Some(compressor) => compressor,
            None => slot.insert(Compressor::new(LEVEL)?),
        };
        let mut stored = compressor.compress(bytes)?;
        // Made room for the worst case, about the size of the input: held for every new piece
        // of a large feed until it is kept, that was 170 MB more at 100,000 records.
        stored.shrink_to_fit();
        Ok(stored)
    })
}

/// A stored body, as it was read.
pub fn decompress(stored: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    if stored.starts_with(&ZSTD_MAGIC) {
        zstd::stream::read::Decoder::new(stored)?
            .take(MAX_BODY)
            .read_to_end(&mut body)?;
    } else {
        ZlibDecoder::new(stored)
            .take(MAX_BODY)
            .read_to_end(&mut body)?;
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    #[test]
    fn a_body_comes_back_as_it_went_in() {
        let body = br#"{"schema_version": 1, "title": "A feed"}"#.repeat(100);
        let stored = compress(&body).unwrap();
        assert!(stored.starts_with(&ZSTD_MAGIC));
        assert!(stored.len() < body.len() / 10);
        assert_eq!(decompress(&stored).unwrap(), body);
    }

    #[test]
    fn a_zlib_body_of_an_older_archive_is_still_read() {
        let body = b"an older body".repeat(10);
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(&body).unwrap();
        assert_eq!(decompress(&encoder.finish().unwrap()).unwrap(), body);
    }

    #[test]
    fn damaged_bodies_are_errors() {
        assert!(decompress(b"not compressed at all").is_err());
        let mut stored = compress(&b"some body".repeat(50)).unwrap();
        stored.truncate(stored.len() / 2);
        assert!(decompress(&stored).is_err());
    }
}
