//! Keeping every good feed a command or the console loads in the archive, and finding the
//! console's baseline there.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tokio::sync::mpsc::Sender;

use super::keep::packed_once_shown;
use super::reference::{self, Reference};
use super::{HistorySettings, Spec};
use crate::app::Action;
use crate::app::baseline::{Baseline, SnapshotChoice};
use crate::feed::archive::{Archive, Packed, Snapshot, source_key};
use crate::feed::tap::{self, Body, Offered};
use crate::feed::{Source, SourceOptions};
use crate::text::date::long_date;
use crate::text::sanitize;

/// Stops handing bodies to the archive when dropped.
pub struct Tap(pub(super) ());

impl Drop for Tap {
    fn drop(&mut self) {
        tap::remove();
    }
}

/// The console's recorder, running.
pub struct Recording {
    _tap: Tap,
    done: std::sync::mpsc::Receiver<()>,
    /// Whether the feed of the body in hand proved good; `None` when there is none.
    in_hand: InHand,
    shown: Arc<Shown>,
}

/// Whether the console has drawn a feed yet. The archive's slow work on a body (cutting and
/// compressing a new one, loading the baseline for the marks) waits for it: sharing the two
/// cores with the load, it made the first frame of a 100,000-record feed 15 % later.
#[derive(Debug, Default)]
pub struct Shown {
    drawn: Mutex<bool>,
    changed: Condvar,
    /// Set once `drawn` is: drawing a frame then costs one load of it, not a lock.
    seen: AtomicBool,
}

impl Shown {
    /// Says a feed is on screen; from then on nothing waits.
    pub(super) fn set(&self) {
        if self.seen.swap(true, Ordering::SeqCst) {
            return;
        }
        if let Ok(mut drawn) = self.drawn.lock() {
            *drawn = true;
            self.changed.notify_all();
        }
    }

    /// Waits until a feed is on screen, or `bound` at most.
    pub(super) fn wait(&self, bound: Duration) {
        if let Ok(drawn) = self.drawn.lock() {
            let _ = self
                .changed
                .wait_timeout_while(drawn, bound, |drawn| !*drawn);
        }
    }
}

/// How long the archive waits for a feed it keeps to be drawn before it goes on regardless: a
/// 300,000-record feed is on screen within two seconds.
const SHOWN_BOUND: Duration = Duration::from_secs(10);

/// The body the recorder works on: whether its feed proved good yet.
type InHand = Arc<Mutex<Option<Arc<AtomicBool>>>>;

impl Recording {
    /// Says the console has drawn a feed: the archive's slow work may start.
    pub fn feed_shown(&self) {
        self.shown.set();
    }

    /// Stops handing bodies on and, when the recorder holds a good load, waits up to `bound` for
    /// it to be kept, so that a console quit right after a load still keeps that load. A body
    /// whose parse is still running is not waited for: quitting never waits for a parse.
    pub fn finish(self, bound: std::time::Duration) {
        let Recording {
            _tap,
            done,
            in_hand,
            shown,
        } = self;
        drop(_tap);
        // Nothing on screen is waited for any more.
        shown.set();
        let good = in_hand
            .lock()
            .ok()
            .and_then(|hand| hand.as_ref().map(|good| good.load(Ordering::SeqCst)));
        if good.unwrap_or(false) {
            let _ = done.recv_timeout(bound);
        }
    }
}

/// What the console's recorder thread works with.
struct Recorder {
    source: Source,
    options: SourceOptions,
    settings: HistorySettings,
    origin: String,
    key: String,
    actions: Sender<Action>,
    archive: Option<Archive>,
    /// The archive failed once: the console runs without history from then on.
    failed: bool,
    /// The snapshot last sent as the baseline.
    baseline_id: Option<i64>,
    /// Shared with [`Recording::finish`].
    in_hand: InHand,
    /// Shared with [`Recording::feed_shown`].
    shown: Arc<Shown>,
}

/// Starts the console's recorder: a blocking thread beside the source that keeps each good body
/// of `source` in the archive and sends the baseline ([`Action::Baseline`]) as it is found. The
/// first failure of the archive (damaged, locked, unwritable) is said once
/// ([`Action::HistoryNotice`]) and the console goes on without history. The returned guard
/// stops the recording when dropped.
pub fn start(
    source: &Source,
    options: &SourceOptions,
    settings: &HistorySettings,
    actions: Sender<Action>,
) -> Option<Recording> {
    let mut recorder = Recorder {
        source: source.clone(),
        options: options.clone(),
        settings: settings.clone(),
        origin: source.to_string(),
        key: source_key(source),
        actions,
        archive: None,
        failed: settings.archive.is_none(),
        baseline_id: None,
        in_hand: InHand::default(),
        shown: Arc::default(),
    };
    let in_hand = Arc::clone(&recorder.in_hand);
    let shown = Arc::clone(&recorder.shown);
    let bodies = tap::install();
    let (finished, done) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("archive".into())
        .spawn(move || {
            in_the_background();
            recorder.run(&bodies);
            let _ = finished.send(());
        });
    match spawned {
        Ok(_) => Some(Recording {
            _tap: Tap(()),
            done,
            in_hand,
            shown,
        }),
        Err(err) => {
            tap::remove();
            tracing::warn!("running without the snapshot archive: {err}");
            None
        }
    }
}

/// Lowers the calling thread, and the threads it starts, to the lowest priority: the archive's
/// work (naming, compressing, loading the baseline) takes the cores only when the load, the
/// screen and the keys leave them. Sharing them as equals, a first snapshot of a 100,000-record
/// feed made its first frame a third later.
fn in_the_background() {
    // Linux keeps a priority per thread (and its threads inherit it); elsewhere this call would
    // lower the whole process, so there it is not made.
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its three integer arguments; `0` names the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}

impl Recorder {
    fn run(&mut self, bodies: &Receiver<Offered>) {
        if let Spec::Feed(_) = &self.settings.baseline {
            // A file or URL: loaded once, whatever the archive does.
            let loaded = reference::load(
                &self.settings.baseline,
                &self.source,
                &self.options,
                None,
                None,
            );
            self.send_baseline(loaded);
        }
        for offered in bodies {
            if offered.origin != self.origin || self.failed {
                continue;
            }
            self.hold(Some(offered.good()));
            self.take(offered);
            self.hold(None);
        }
    }

    /// Says which body is in hand, for [`Recording::finish`].
    fn hold(&self, good: Option<Arc<AtomicBool>>) {
        if let Ok(mut hand) = self.in_hand.lock() {
            *hand = good;
        }
    }

    /// Keeps one body of the source: packed while the source parses the feed, kept only if the
    /// feed proves good.
    fn take(&mut self, offered: Offered) {
        let key = self.key.clone();
        let shown = Arc::clone(&self.shown);
        let packed = match self.open() {
            Ok(Some(archive)) => packed_once_shown(archive, &key, offered, &shown, SHOWN_BOUND),
            Ok(None) => return,
            Err(err) => return self.fail(&err),
        };
        let (body, packed) = match packed {
            Ok(Some(good)) => good,
            Ok(None) => return,
            Err(err) => return self.fail(&err),
        };
        let digest = packed.digest.clone();
        if let Err(err) = self.keep(&body, packed) {
            return self.fail(&err);
        }
        self.find_baseline(&body, &digest);
        self.send_choices();
    }

    /// The archive failed: said once, and the console goes on without history.
    fn fail(&mut self, err: &str) {
        self.failed = true;
        tracing::warn!("running without the snapshot archive: {err}");
        self.say(format!("Running without the snapshot archive: {err}"));
    }

    /// The snapshots `b` offers, newest first.
    fn send_choices(&self) {
        let Some(archive) = self.archive.as_ref() else {
            return;
        };
        match archive.list(&self.key) {
            Ok(list) => {
                let choices = list.iter().rev().map(choice).collect();
                let _ = self.actions.blocking_send(Action::SnapshotChoices(choices));
            }
            Err(err) => tracing::warn!("cannot list the snapshots: {err}"),
        }
    }

    /// The body packed for the archive (opened on first use); `None` when no archive is kept.
    fn open(&mut self) -> Result<Option<&Archive>, String> {
        if self.archive.is_none() {
            let Some(opened) = self.settings.open() else {
                return Ok(None);
            };
            self.archive = Some(opened.map_err(|e| e.to_string())?);
        }
        Ok(self.archive.as_ref())
    }

    fn keep(&mut self, body: &Body, packed: Packed) -> Result<(), String> {
        let Some(archive) = self.archive.as_mut() else {
            return Ok(());
        };
        archive
            .keep(&self.key, body, packed)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Looks the baseline up in the archive for the data now on screen, and sends it when it is
    /// another snapshot than the one sent last.
    fn find_baseline(&mut self, body: &Body, digest: &str) {
        let spec = &self.settings.baseline;
        let Some(archive) = self.archive.as_ref() else {
            return;
        };
        if matches!(spec, Spec::Feed(_)) {
            return;
        }
        let on_screen = matches!(spec, Spec::Previous).then_some(digest);
        let found: Result<Snapshot, String> =
            reference::find_snapshot(archive, spec, &self.source, on_screen);
        match found {
            Ok(snapshot) if Some(snapshot.id) == self.baseline_id => {}
            Ok(snapshot) => {
                self.baseline_id = Some(snapshot.id);
                let loaded = reference::from_snapshot(archive, &snapshot, &self.source);
                self.send_baseline(loaded);
            }
            // No earlier snapshot yet (a first run): the marks stay those seen while running.
            Err(err) if matches!(spec, Spec::Previous) => tracing::info!("no baseline yet: {err}"),
            // A date the archive has nothing for: the feed's own history still tells what
            // changed after it, record by record.
            Err(_) if self.baseline_id.is_none() && matches!(spec, Spec::Date(_)) => {
                if let Spec::Date(date) = spec {
                    self.baseline_id = Some(-1);
                    self.say(format!(
                        "No snapshot by the end of {}: the changes since then come from the \
                         feed's own history",
                        long_date(*date)
                    ));
                    let now = crate::feed::parse(&body.bytes, &self.origin);
                    let loaded = now
                        .map(|now| reference::from_history(*date, &now))
                        .map_err(|e| e.to_string());
                    self.send_baseline(loaded);
                }
            }
            Err(err) if self.baseline_id.is_none() => {
                self.baseline_id = Some(-1);
                self.say(format!("No baseline: {err}"));
            }
            Err(_) => {}
        }
    }

    fn send_baseline(&self, loaded: Result<Reference, String>) {
        match loaded {
            Ok(reference) => {
                let baseline = Baseline {
                    label: reference.label,
                    date: reference.date,
                    feed: reference.feed,
                };
                let _ = self
                    .actions
                    .blocking_send(Action::Baseline(Box::new(baseline)));
            }
            Err(err) => self.say(format!("The baseline cannot be loaded: {err}")),
        }
    }

    fn say(&self, text: String) {
        tracing::warn!("{text}");
        let text = sanitize::line(&text, 300);
        let _ = self.actions.blocking_send(Action::HistoryNotice(text));
    }
}

/// How `b` lists a snapshot: when it was read, its pinned name, and its counts' progress.
fn choice(snapshot: &Snapshot) -> SnapshotChoice {
    let read = snapshot
        .fetched_at
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M");
    let pinned = snapshot
        .pinned
        .as_deref()
        .map(|p| format!("  \"{}\"", sanitize::line(p, 60)))
        .unwrap_or_default();
    SnapshotChoice {
        id: snapshot.id,
        label: format!("{read}  {:>3}%{pinned}", snapshot.counts.percent()),
    }
}

/// Reads the snapshot `id` of `source` from the archive as the baseline picked with `b`: the
/// action to send back, the baseline or a notice saying why not.
pub fn chosen(source: &Source, settings: &HistorySettings, id: i64) -> Action {
    let found = || -> Result<Reference, String> {
        let archive = settings
            .open()
            .ok_or("no snapshot archive is kept")?
            .map_err(|e| e.to_string())?;
        let list = archive
            .list(&source_key(source))
            .map_err(|e| e.to_string())?;
        let snapshot = list
            .iter()
            .find(|s| s.id == id)
            .ok_or("that snapshot is no longer kept")?;
        reference::from_snapshot(&archive, snapshot, source)
    };
    match found() {
        Ok(reference) => Action::BaselineChosen(Box::new(Baseline {
            label: reference.label,
            date: reference.date,
            feed: reference.feed,
        })),
        Err(err) => Action::HistoryNotice(sanitize::line(
            &format!("The baseline cannot be loaded: {err}"),
            300,
        )),
    }
}
