//! The offline copy of each remote feed: its last good body and when it was fetched, so that a
//! console started while the server is down still shows something, marked with its age.
//!
//! One file per feed URL, named by a SHA-256 of the URL. The file is a one-line JSON header
//! (`{"format":1,"saved_at":"…"}`) then the body as received; one file rather than a body and a
//! sidecar, so that the single atomic rename replaces both together.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The header format written; another value is treated as a corrupt file.
const FORMAT: u32 = 1;

/// Room for the header line on top of the body limit when reading.
const HEADER_ROOM: u64 = 4096;

#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    saved_at: DateTime<Utc>,
    /// The feed's minisign signature, when it was checked against a key, so that the saved copy
    /// can be checked again at the next start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signature: Option<String>,
}

/// A saved copy of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The body as it was received.
    pub body: Vec<u8>,
    /// When it was fetched.
    pub saved_at: DateTime<Utc>,
    /// Its signature, if it was saved with one.
    pub signature: Option<Vec<u8>>,
}

/// Where the console keeps its offline copies by default: `rapporteur` in the user's cache
/// folder (`~/.cache/rapporteur` on Linux). `None` when the system has no such folder.
pub fn default_cache_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|dir| dir.join("rapporteur"))
}

/// The file for a feed URL inside `dir`. Hashing keeps any URL a safe, fixed-length file name
/// and does not write the URL (which may carry a secret in its query) to the disk.
pub fn path_for(dir: &Path, url: &str) -> PathBuf {
    let digest = Sha256::digest(url.as_bytes());
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    dir.join(format!("feed-{hex}.cache"))
}

/// Saves a body atomically: a reader sees the old copy or the new one, never half of one, even
/// after a crash or power cut. The folder is created if needed, readable by the user only, since
/// a feed behind a token is not for everyone on the machine.
pub fn save(path: &Path, body: &[u8], saved_at: DateTime<Utc>) -> io::Result<()> {
    save_signed(path, body, None, saved_at)
}

/// Saves a body as [`save`] does, with the signature it was checked against.
pub fn save_signed(
    path: &Path,
    body: &[u8],
    signature: Option<&[u8]>,
    saved_at: DateTime<Utc>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("the cache path has no folder"))?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("the cache path has no file name"))?;
    create_private_dir(dir)?;
    let header = serde_json::to_vec(&Header {
        format: FORMAT,
        saved_at,
        signature: signature.map(|s| String::from_utf8_lossy(s).into_owned()),
    })
    .map_err(io::Error::other)?;
    // In the same folder, so the rename cannot cross file systems; unique, so two consoles on
    // the same feed do not write into each other's temporary file.
    let temp = dir.join(format!(
        ".{}.{}.{:016x}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        fastrand::u64(..)
    ));
    let written = write_new(&temp, &[&header, b"\n", body]).and_then(|()| fs::rename(&temp, path));
    if let Err(err) = written {
        let _ = fs::remove_file(&temp);
        return Err(err);
    }
    // Makes the rename itself durable; without it a crash can bring back the old name.
    File::open(dir)?.sync_all()
}

/// Reads a saved copy: `Ok(None)` when there is none, `Err` with a reason when it is unreadable
/// or corrupt. A file much larger than `max_body_bytes` is refused unread.
pub fn read(path: &Path, max_body_bytes: u64) -> Result<Option<Saved>, String> {
    let limit = max_body_bytes.saturating_add(HEADER_ROOM);
    // A pipe or a device put in the cache folder must not block the start or fill the memory.
    let file = match super::local::open_regular(path, limit) {
        Ok((file, _)) => file,
        Err(super::local::LocalError::Missing) => return Ok(None),
        Err(err) => return Err(err.reason()),
    };
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| format!("cannot be read: {err}"))?;
    if bytes.len() as u64 > limit {
        return Err("it is larger than the body limit".to_owned());
    }
    let newline = bytes
        .iter()
        .position(|&byte| byte == b'\n')
        .ok_or("it has no header line")?;
    let header: Header = serde_json::from_slice(&bytes[..newline])
        .map_err(|err| format!("its header is not valid: {err}"))?;
    if header.format != FORMAT {
        return Err(format!("unknown format {}", header.format));
    }
    bytes.drain(..=newline);
    Ok(Some(Saved {
        body: bytes,
        saved_at: header.saved_at,
        signature: header.signature.map(String::into_bytes),
    }))
}

fn write_new(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    for part in parts {
        file.write_all(part)?;
    }
    file.sync_all()
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn when() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()
    }

    #[test]
    fn names_are_stable_and_distinct() {
        let dir = Path::new("/c");
        let a = path_for(dir, "https://a.example/feed.json");
        assert_eq!(a, path_for(dir, "https://a.example/feed.json"));
        assert_ne!(a, path_for(dir, "https://a.example/feed.json?x"));
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("feed-") && name.ends_with(".cache"),
            "{name}"
        );
        assert_eq!(name.len(), "feed-".len() + 64 + ".cache".len());
    }

    #[test]
    fn round_trip_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_for(&dir.path().join("new/sub"), "https://a.example/f");
        save(&path, b"{\"x\":\n1}", when()).unwrap();
        save(&path, b"second", when()).unwrap();
        let saved = read(&path, 100).unwrap().unwrap();
        assert_eq!(saved.body, b"second");
        assert_eq!(saved.saved_at, when());
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn only_the_user_can_read_it() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = path_for(&dir.path().join("c"), "https://a.example/f");
        save(&path, b"{}", when()).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }

    #[test]
    fn missing_is_none_and_corrupt_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.cache");
        assert_eq!(read(&path, 100), Ok(None));
        for bad in [
            &b"no header at all"[..],
            b"{not json}\n{}",
            b"{\"format\":9,\"saved_at\":\"2026-11-29T12:00:00Z\"}\n{}",
            b"\xff\xfe\n",
        ] {
            fs::write(&path, bad).unwrap();
            assert!(read(&path, 100).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn oversized_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.cache");
        save(&path, &vec![b' '; 10_000], when()).unwrap();
        assert!(read(&path, 10_000).unwrap().is_some());
        assert!(read(&path, 10).is_err());
    }
}
