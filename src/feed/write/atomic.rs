//! Replacing a file so that a crash or a kill at any moment leaves the old file or the new one,
//! never a mix, and serialising the programs that do it.
//!
//! ```text
//! lock .NAME.lock --> write .NAME.<pid>-<n>.tmp, fsync --> rename over NAME --> fsync the folder
//! ```

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file to write, with symbolic links resolved: the temporary file must be in the same folder as
/// the file it replaces, or the rename would not be atomic (or would replace the link itself).
#[derive(Debug, Clone)]
pub struct Target {
    /// The file itself, links resolved.
    pub path: PathBuf,
    dir: PathBuf,
    name: OsString,
}

impl Target {
    /// The file at `path`, which must exist.
    pub fn existing(path: &Path) -> io::Result<Target> {
        let resolved = fs::canonicalize(path)?;
        if fs::metadata(&resolved)?.is_dir() {
            return Err(io::Error::from(io::ErrorKind::IsADirectory));
        }
        Target::from_resolved(resolved)
    }

    /// A file to be created at `path`, in a folder that exists.
    pub fn new_file(path: &Path) -> io::Result<Target> {
        let name = path
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
        let parent = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        Target::from_resolved(fs::canonicalize(parent)?.join(name))
    }

    fn from_resolved(path: PathBuf) -> io::Result<Target> {
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a file name",
            ));
        };
        Ok(Target {
            dir: dir.to_owned(),
            name: name.to_owned(),
            path,
        })
    }

    /// Takes the advisory lock that serialises the writers of this file, waiting for it. It is
    /// held until the returned file is dropped.
    ///
    /// The lock is on a sibling file, not on the feed: the feed is replaced by every write, and a
    /// lock on the old file would not keep the next writer off the new one. The lock file is left
    /// in place, since removing it would let two writers lock two different files.
    pub fn lock(&self) -> io::Result<File> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(self.sibling(".lock"))?;
        file.lock()?;
        // Temporary files left by a writer that was killed: no writer of ours holds one now,
        // since each holds the lock for as long as its temporary file exists.
        self.remove_stale_temporaries();
        Ok(file)
    }

    /// Replaces the file with `bytes`, keeping its permissions. Call with the lock held.
    pub fn replace(&self, bytes: &[u8]) -> io::Result<()> {
        let permissions = fs::metadata(&self.path)?.permissions();
        let (file, temp) = self.temporary()?;
        let result = write_synced(file, bytes, Some(permissions))
            .and_then(|()| fs::rename(&temp, &self.path))
            .and_then(|()| sync_dir(&self.dir));
        if result.is_err() {
            let _ = fs::remove_file(&temp);
        }
        result
    }

    /// Creates the file with `bytes`; fails with [`io::ErrorKind::AlreadyExists`] when it exists.
    /// Call with the lock held.
    pub fn create_new(&self, bytes: &[u8]) -> io::Result<()> {
        let (file, temp) = self.temporary()?;
        let result = write_synced(file, bytes, None)
            .and_then(|()| link_new(&temp, &self.path))
            .and_then(|()| sync_dir(&self.dir));
        let _ = fs::remove_file(&temp);
        result
    }

    fn sibling(&self, suffix: &str) -> PathBuf {
        let mut name = OsString::from(".");
        name.push(&self.name);
        name.push(suffix);
        self.dir.join(name)
    }

    fn temp_prefix(&self) -> OsString {
        let mut prefix = OsString::from(".");
        prefix.push(&self.name);
        prefix.push(".");
        prefix
    }

    /// A new temporary file beside the target, created exclusively (O_EXCL) so that it can never
    /// be someone else's file.
    fn temporary(&self) -> io::Result<(File, PathBuf)> {
        let mut last = None;
        for _ in 0..16 {
            let mut name = self.temp_prefix();
            name.push(format!(
                "{}-{:08x}.tmp",
                std::process::id(),
                fastrand::u32(..)
            ));
            let path = self.dir.join(name);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => return Ok((file, path)),
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => last = Some(err),
                Err(err) => return Err(err),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no temporary file name was free")))
    }

    fn remove_stale_temporaries(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let prefix = self.temp_prefix();
        let prefix = prefix.as_encoded_bytes();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let bytes = name.as_encoded_bytes();
            if bytes.starts_with(prefix) && bytes.ends_with(b".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

fn write_synced(
    mut file: File,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> io::Result<()> {
    file.write_all(bytes)?;
    if let Some(permissions) = permissions {
        file.set_permissions(permissions)?;
    }
    file.sync_all()
}

/// Gives the written temporary file its final name, unless that name is taken. A hard link does
/// that in one step; on a file system without hard links, the name is checked, then taken.
fn link_new(temp: &Path, path: &Path) -> io::Result<()> {
    match fs::hard_link(temp, path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Err(err),
        Err(_) if fs::symlink_metadata(path).is_ok() => {
            Err(io::Error::from(io::ErrorKind::AlreadyExists))
        }
        Err(_) => fs::rename(temp, path),
    }
}

/// Flushes the folder, so that the rename itself survives a power cut.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Windows offers no way to flush a folder; its renames are journalled by NTFS.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_and_leaves_no_temporary_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feed.json");
        fs::write(&path, "old").expect("written");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        let target = Target::existing(&path).expect("exists");
        let _lock = target.lock().expect("locked");
        target.replace(b"new").expect("replaced");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("listed")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 2, "the feed and its lock file: {names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, "old").expect("written");
        std::os::unix::fs::symlink(&real, &link).expect("linked");
        let target = Target::existing(&link).expect("exists");
        let _lock = target.lock().expect("locked");
        target.replace(b"new").expect("replaced");
        assert!(
            fs::symlink_metadata(&link)
                .expect("metadata")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).expect("read"), "new");
    }

    #[test]
    fn create_new_refuses_an_existing_file_and_a_stale_temporary_file_is_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feed.json");
        let stale = dir.path().join(".feed.json.1234-deadbeef.tmp");
        fs::write(&stale, "half").expect("written");
        let target = Target::new_file(&path).expect("folder exists");
        let _lock = target.lock().expect("locked");
        assert!(!stale.exists(), "a killed writer's file is cleaned up");
        target.create_new(b"first").expect("created");
        let err = target.create_new(b"second").expect_err("exists now");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).expect("read"), "first");
    }
}
