//! What a watched file is, looked at without reading it: device, inode, size, modification
//! time and resolved path, of the feed and of its signature.
//!
//! Change events can be missed: a symlink whose target lives in another folder, a folder of
//! feeds swapped by rename, the Kubernetes ConfigMap pattern (`feed.json -> ..data/feed.json`,
//! `..data` swapped atomically), a network file system that sends none. The watcher therefore
//! also looks at the file every [`POLL`]; a different identity means the file must be read
//! again. A missed event can delay a reload by that much, never hide it.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::bounded::Bounded;

/// How often the file's identity is looked at, besides the change events.
pub const POLL: Duration = Duration::from_secs(2);

/// One file as `stat` sees it (links followed), and where its links lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileIdentity {
    device: u64,
    inode: u64,
    size: u64,
    modified: Option<SystemTime>,
    resolved: Option<PathBuf>,
}

/// The feed file and its signature beside it; `None` for one that is not there (or cannot be
/// looked at).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    feed: Option<FileIdentity>,
    signature: Option<FileIdentity>,
}

impl Identity {
    /// Looks at `path` and `<path>.minisig`. Blocking: a stalled file system can hold it, so
    /// the watcher calls it on a blocking thread through [`Looker`].
    pub fn of(path: &Path) -> Identity {
        let mut signature = path.as_os_str().to_owned();
        signature.push(".minisig");
        Identity {
            feed: file_identity(path),
            signature: file_identity(Path::new(&signature)),
        }
    }
}

fn file_identity(path: &Path) -> Option<FileIdentity> {
    let metadata = std::fs::metadata(path).ok()?;
    let (device, inode) = device_and_inode(&metadata);
    Some(FileIdentity {
        device,
        inode,
        size: metadata.len(),
        modified: metadata.modified().ok(),
        resolved: std::fs::canonicalize(path).ok(),
    })
}

#[cfg(unix)]
fn device_and_inode(metadata: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (metadata.dev(), metadata.ino())
}

#[cfg(not(unix))]
fn device_and_inode(_: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// Looks at a file's identity off the async threads, one look at a time (see
/// [`super::bounded`]).
#[derive(Debug, Default)]
pub struct Looker {
    looks: Bounded<Identity>,
}

impl Looker {
    /// The identity of `path`, or `None` when it could not be looked at within `within`.
    pub async fn look(&mut self, path: &Path, within: Duration) -> Option<Identity> {
        let path = path.to_path_buf();
        self.looks
            .run(within, move || Identity::of(&path))
            .await
            .ok()
    }
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_rewrite_a_rename_and_a_swapped_link_each_change_the_identity() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.json");
        fs::write(&path, "one").unwrap();
        let first = Identity::of(&path);
        assert_eq!(first, Identity::of(&path), "nothing changed");
        fs::write(&path, "three").unwrap();
        let rewritten = Identity::of(&path);
        assert_ne!(first, rewritten);
        fs::write(dir.path().join("new"), "three").unwrap();
        fs::rename(dir.path().join("new"), &path).unwrap();
        let renamed = Identity::of(&path);
        assert_ne!(rewritten, renamed, "a new inode of the same size");

        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::write(&a, "same").unwrap();
        fs::copy(&a, &b).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&a, &link).unwrap();
        let before = Identity::of(&link);
        fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink(&b, &link).unwrap();
        assert_ne!(before, Identity::of(&link), "the link leads elsewhere");
    }

    #[test]
    fn a_missing_file_and_its_signature_count() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.json");
        let missing = Identity::of(&path);
        assert_eq!(missing.feed, None);
        fs::write(&path, "{}").unwrap();
        let present = Identity::of(&path);
        assert_ne!(missing, present);
        fs::write(dir.path().join("feed.json.minisig"), "sig").unwrap();
        assert_ne!(present, Identity::of(&path));
    }
}
