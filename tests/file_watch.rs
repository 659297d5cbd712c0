//! A live local feed file: each test changes the file the way an editor or a script would and
//! waits, with a bound, for the message that change must cause. Nothing sleeps to synchronise.

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
