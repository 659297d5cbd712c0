//! A live local feed file: each test changes the file the way an editor or a script would and
//! waits, with a bound, for the message that change must cause. Nothing sleeps to synchronise.
//!
//! The last tests change the file in ways that send the watched folder no event for the file's
//! name (a link to another folder, a swapped folder, the ConfigMap pattern, no watch at all): the
//! look at the file's identity every 2 s must find each within the 5 s bound.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::sync::mpsc;

use rapporteur::feed::SAMPLE_FEED_JSON;
use rapporteur::feed::Source;
use rapporteur::feed::source::spawn;
use rapporteur::feed::watch::REMOVED;
use rapporteur::model::FeedMessage;

/// Room for the debounce and a loaded machine; a passing test takes a fraction of it.
const BOUND: Duration = Duration::from_secs(5);

fn feed_titled(title: &str) -> String {
    SAMPLE_FEED_JSON.replacen("DATE recommendations: implementation status", title, 1)
}

struct Watched {
    dir: tempfile::TempDir,
    path: PathBuf,
    rx: mpsc::Receiver<FeedMessage>,
    refresh: mpsc::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Watched {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Watched {
    /// Writes `feed.json` with `contents` (if any) in a new folder and starts watching it.
    fn start(contents: Option<&str>) -> Watched {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.json");
        if let Some(contents) = contents {
            fs::write(&path, contents).unwrap();
        }
        Watched::at(dir, path)
    }

    /// Starts watching `path`, whatever is there, keeping `dir` for the test's life.
    fn at(dir: tempfile::TempDir, path: PathBuf) -> Watched {
        let (tx, rx) = mpsc::channel(8);
        let (refresh, refresh_rx) = mpsc::channel(1);
        let task = spawn(
            Source::File(path.clone()),
            rapporteur::startup::default_source_options().unwrap(),
            tx,
            refresh_rx,
        );
        Watched {
            dir,
            path,
            rx,
            refresh,
            task,
        }
    }

    /// The next message that is not `Loading`.
    async fn result(&mut self) -> FeedMessage {
        loop {
            let message = tokio::time::timeout(BOUND, self.rx.recv())
                .await
                .expect("a message within the bound")
                .expect("the source is still running");
            if message != FeedMessage::Loading {
                return message;
            }
        }
    }

    /// Waits for a feed with this title, letting through the messages that intermediate states
    /// of a save may cause; panics on anything else after the bound.
    async fn loaded(&mut self, expected: &str) {
        let deadline = tokio::time::Instant::now() + BOUND;
        loop {
            let message = tokio::time::timeout_at(deadline, self.result())
                .await
                .unwrap_or_else(|_| panic!("no feed titled {expected:?} within the bound"));
            if let FeedMessage::Loaded { feed, .. } | FeedMessage::LoadedFile { feed, .. } =
                &message
                && feed.title == expected
            {
                return;
            }
        }
    }

    /// Waits for a failure whose text contains `needle`.
    async fn failed(&mut self, needle: &str) {
        let deadline = tokio::time::Instant::now() + BOUND;
        loop {
            let message = tokio::time::timeout_at(deadline, self.result())
                .await
                .unwrap_or_else(|_| panic!("no failure with {needle:?} within the bound"));
            if let FeedMessage::Failed { error, .. } = &message
                && error.to_string().contains(needle)
            {
                return;
            }
        }
    }

    fn sibling(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// Saves the way many editors do: a whole new file beside the old one, renamed over it.
fn save_by_rename(path: &Path, temp: &Path, contents: &str) {
    fs::write(temp, contents).unwrap();
    fs::rename(temp, path).unwrap();
}

#[tokio::test]
async fn loads_at_start() {
    let mut watched = Watched::start(Some(&feed_titled("Start")));
    watched.loaded("Start").await;
}

#[tokio::test]
async fn a_save_by_rename_is_picked_up() {
    let mut watched = Watched::start(Some(&feed_titled("Before")));
    watched.loaded("Before").await;
    save_by_rename(
        &watched.path,
        &watched.sibling(".feed.json.swp"),
        &feed_titled("After"),
    );
    watched.loaded("After").await;
    // A second save works too: the watch did not die with the file it replaced.
    save_by_rename(
        &watched.path,
        &watched.sibling("feed.json~"),
        &feed_titled("Again"),
    );
    watched.loaded("Again").await;
}

#[tokio::test]
async fn a_half_written_file_fails_until_it_is_fixed() {
    let mut watched = Watched::start(Some(&feed_titled("Whole")));
    watched.loaded("Whole").await;
    let full = feed_titled("Fixed");
    fs::write(&watched.path, &full[..full.len() / 2]).unwrap();
    watched.failed("the JSON ends too early").await;
    fs::write(&watched.path, &full).unwrap();
    watched.loaded("Fixed").await;
}

#[tokio::test]
async fn a_deleted_file_is_waited_for_and_picked_up_again() {
    let mut watched = Watched::start(Some(&feed_titled("Here")));
    watched.loaded("Here").await;
    fs::remove_file(&watched.path).unwrap();
    watched.failed(REMOVED).await;
    fs::write(&watched.path, feed_titled("Back")).unwrap();
    watched.loaded("Back").await;
}

#[tokio::test]
async fn refresh_reads_the_file_again() {
    let mut watched = Watched::start(Some(&feed_titled("One")));
    watched.loaded("One").await;
    watched.refresh.send(()).await.unwrap();
    watched.loaded("One").await;
}

#[tokio::test]
async fn a_missing_file_at_start_says_so_and_is_picked_up_when_created() {
    let mut watched = Watched::start(None);
    watched.failed("no such file").await;
    fs::write(&watched.path, feed_titled("Created")).unwrap();
    watched.loaded("Created").await;
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(unix)]
#[tokio::test]
async fn a_link_whose_target_in_another_folder_is_rewritten_is_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let (feeds, published) = (dir.path().join("feeds"), dir.path().join("published"));
    fs::create_dir(&feeds).unwrap();
    fs::create_dir(&published).unwrap();
    let target = published.join("real.json");
    fs::write(&target, feed_titled("Linked")).unwrap();
    let path = feeds.join("feed.json");
    symlink(&target, &path);
    let mut watched = Watched::at(dir, path);
    watched.loaded("Linked").await;
    // Rewritten in place, in a folder nobody watches.
    fs::write(&target, feed_titled("Rewritten")).unwrap();
    watched.loaded("Rewritten").await;
}

#[cfg(unix)]
#[tokio::test]
async fn a_folder_of_feeds_swapped_by_rename_is_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let current = dir.path().join("current");
    fs::create_dir(&current).unwrap();
    fs::write(current.join("feed.json"), feed_titled("Old folder")).unwrap();
    let next = dir.path().join("next");
    fs::create_dir(&next).unwrap();
    fs::write(next.join("feed.json"), feed_titled("New folder")).unwrap();
    let path = current.join("feed.json");
    let parent = dir.path().to_path_buf();
    let mut watched = Watched::at(dir, path);
    watched.loaded("Old folder").await;
    fs::rename(&current, parent.join("previous")).unwrap();
    fs::rename(&next, &current).unwrap();
    watched.loaded("New folder").await;
}

#[cfg(unix)]
#[tokio::test]
async fn the_configmap_pattern_of_a_swapped_data_link_is_reloaded() {
    // feed.json -> ..data/feed.json, ..data -> ..2026_12_01_first: what Kubernetes mounts.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let first = root.join("..2026_12_01_first");
    fs::create_dir(&first).unwrap();
    fs::write(first.join("feed.json"), feed_titled("First version")).unwrap();
    symlink("..2026_12_01_first", root.join("..data"));
    symlink("..data/feed.json", root.join("feed.json"));
    let mut watched = Watched::at(dir, root.join("feed.json"));
    watched.loaded("First version").await;
    // An update: a new timestamped folder, a new link beside ..data renamed over it, the old
    // folder removed. feed.json itself is never touched.
    let second = root.join("..2026_12_02_second");
    fs::create_dir(&second).unwrap();
    fs::write(second.join("feed.json"), feed_titled("Second version")).unwrap();
    symlink("..2026_12_02_second", root.join("..data_tmp"));
    fs::rename(root.join("..data_tmp"), root.join("..data")).unwrap();
    fs::remove_dir_all(&first).unwrap();
    watched.loaded("Second version").await;
}

#[tokio::test]
async fn a_file_that_sends_no_events_is_still_reloaded() {
    // The folder is missing at the start, so nothing can be watched: the only way to see the
    // file appear, and then change, is to look at it.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("later");
    let path = folder.join("feed.json");
    let mut watched = Watched::at(dir, path.clone());
    watched.failed("no such file").await;
    fs::create_dir(&folder).unwrap();
    fs::write(&path, feed_titled("Appeared")).unwrap();
    watched.loaded("Appeared").await;
    fs::write(&path, feed_titled("Changed unseen")).unwrap();
    watched.loaded("Changed unseen").await;
}
