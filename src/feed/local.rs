//! Reading a local file that is meant to hold a feed (or a saved copy of one): only a regular
//! file, and only up to the body limit, so that a path pointing at a named pipe, a device, a
//! socket or a huge file is refused at once instead of blocking or filling the memory.
//!
//! The path is looked at first (`stat`, following links), then opened without blocking and the
//! opened file looked at again (`fstat`): a file swapped for a pipe between the two looks cannot
//! make the read wait for a writer that never comes. On a regular file `O_NONBLOCK` changes
//! nothing, so it is left set. The read itself is bounded, in case the file grows meanwhile.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::model::error::FailureKind;

/// Why a local file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalError {
    /// There is no such file.
    Missing,
    /// It is not a regular file, it is too large, or it cannot be read; the reason in words,
    /// ready to follow the path.
    Refused(String),
}

impl LocalError {
    /// The reason in words, ready to follow the path.
    pub fn reason(&self) -> String {
        match self {
            LocalError::Missing => "cannot be read: no such file (check the path)".to_owned(),
            LocalError::Refused(reason) => reason.clone(),
        }
    }

    /// The kind of failure, for a screen that must say the real cause.
    pub fn kind(&self) -> FailureKind {
        match self {
            LocalError::Missing => FailureKind::Missing,
            LocalError::Refused(_) => FailureKind::Unreadable,
        }
    }

    fn io(err: &io::Error) -> LocalError {
        match err.kind() {
            io::ErrorKind::NotFound => LocalError::Missing,
            _ => LocalError::Refused(format!("cannot be read: {}", super::file::io_reason(err))),
        }
    }
}

/// The whole content of the regular file at `path`, if it is at most `max_bytes` long: read into
/// one buffer of the file's size, which is never grown or copied unless the file grew meanwhile.
pub fn read_regular(path: &Path, max_bytes: u64) -> Result<Vec<u8>, LocalError> {
    let (file, len) = open_regular(path, max_bytes)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len.min(max_bytes)).unwrap_or(0));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| LocalError::io(&err))?;
    if bytes.len() as u64 > max_bytes {
        return Err(LocalError::Refused(format!(
            "grew past the {} limit while it was read (max-body-mib)",
            size(max_bytes)
        )));
    }
    Ok(bytes)
}

/// The regular file at `path`, opened for reading, and its length; refused when it is anything
/// else or longer than `max_bytes`. Nothing is read.
pub fn open_regular(path: &Path, max_bytes: u64) -> Result<(File, u64), LocalError> {
    let before = std::fs::metadata(path).map_err(|err| LocalError::io(&err))?;
    check(&before, max_bytes)?;
    let file = open_without_blocking(path).map_err(|err| LocalError::io(&err))?;
    let opened = file.metadata().map_err(|err| LocalError::io(&err))?;
    check(&opened, max_bytes)?;
    Ok((file, opened.len()))
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NOCTTY: a terminal swapped in at the last moment must not become ours.
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

fn check(metadata: &Metadata, max_bytes: u64) -> Result<(), LocalError> {
    if let Some(kind) = not_regular(metadata) {
        return Err(LocalError::Refused(format!(
            "is {kind}, not a regular file; only regular files are read"
        )));
    }
    if metadata.len() > max_bytes {
        return Err(LocalError::Refused(format!(
            "is {} ({} bytes), larger than the {} limit (max-body-mib)",
            size(metadata.len()),
            metadata.len(),
            size(max_bytes)
        )));
    }
    Ok(())
}

/// What a file that is not a regular one is, in words; `None` for a regular file.
fn not_regular(metadata: &Metadata) -> Option<&'static str> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a plain file")
}

/// "1.5 GiB", "32 MiB", "4 KiB", "100 bytes".
fn size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit {
            return if bytes.is_multiple_of(unit) {
                format!("{} {name}", bytes / unit)
            } else {
                format!("{:.1} {name}", bytes as f64 / unit as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;

    fn mkfifo(path: &Path) {
        let c = CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid, NUL-terminated path; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }

    fn refused(result: Result<Vec<u8>, LocalError>) -> String {
        match result {
            Err(LocalError::Refused(reason)) => reason,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_regular_file_within_the_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        std::fs::write(&path, b"{}").unwrap();
        assert_eq!(read_regular(&path, 2), Ok(b"{}".to_vec()));
    }

    #[test]
    fn a_file_is_read_into_one_buffer_of_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        let content = vec![b'x'; 3 << 20];
        std::fs::write(&path, &content).unwrap();
        let bytes = read_regular(&path, 8 << 20).unwrap();
        assert_eq!(bytes, content);
        // Sized once: a buffer grown while reading would have been copied and over-allocated.
        assert_eq!(bytes.capacity(), content.len());
    }

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe");
        mkfifo(&path);
        let reason = refused(read_regular(&path, 1 << 20));
        assert!(reason.contains("named pipe (FIFO)"), "{reason}");
    }

    #[test]
    fn devices_sockets_and_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.json");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(refused(read_regular(&link, 1 << 20)).contains("a device"));
        assert!(refused(read_regular(Path::new("/dev/null"), 1 << 20)).contains("a device"));
        let socket = dir.path().join("sock");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        assert!(refused(read_regular(&socket, 1 << 20)).contains("a socket"));
        assert!(refused(read_regular(dir.path(), 1 << 20)).contains("a folder"));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_unread_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        // Sparse: a gibibyte on paper, nothing on the disk.
        File::create(&path).unwrap().set_len(1 << 30).unwrap();
        let reason = refused(read_regular(&path, 32 << 20));
        assert_eq!(
            reason,
            "is 1 GiB (1073741824 bytes), larger than the 32 MiB limit (max-body-mib)"
        );
    }

    #[test]
    fn a_missing_file_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_regular(&dir.path().join("none"), 10),
            Err(LocalError::Missing)
        );
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(100), "100 bytes");
        assert_eq!(size(4096), "4 KiB");
        assert_eq!(size(3 << 19), "1.5 MiB");
    }
}
