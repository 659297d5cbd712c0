//! Shared by the benchmarks: the synthetic feed, an app showing it, and drawing into a test
//! terminal, set up the way `tests/common/mod.rs` sets up the screen tests.

// Each bench uses a different part of this module.
#![allow(dead_code)]

pub mod audiences;
pub mod generator;

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use rapporteur::app::{Action, App, Effect};
use rapporteur::feed::parse;
use rapporteur::model::Feed;
use rapporteur::model::FeedMessage;
use rapporteur::ui::{self, theme::ColourTheme};

// The benchmarks run with the allocator the `rapporteur` binary runs with (see src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The size every screen benchmark draws at: a common terminal window.
pub const WIDTH: u16 = 120;
/// See [`WIDTH`].
pub const HEIGHT: u16 = 40;

/// The scale the targets are set at.
pub const COUNT: usize = 100_000;

/// The time every benchmark runs at: the day after the synthetic feed was generated.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

/// The synthetic feed's bytes, as `gen_feed COUNT` writes them with the default seed.
pub fn feed_bytes(count: usize) -> Vec<u8> {
    generator::generate(count, generator::DEFAULT_SEED).into_bytes()
}

/// The synthetic feed, parsed and validated.
pub fn feed(count: usize) -> Feed {
    parse(&feed_bytes(count), "synthetic").expect("the synthetic feed is valid")
}

/// An app of [`WIDTH`] x [`HEIGHT`] showing `feed`, loaded a minute before [`now`], with the
/// work the load asks for in the background (the search index and its words) done.
pub fn app_with(feed: Feed) -> App {
    let (mut app, effect) = app_loading(feed);
    let mut pending = vec![effect];
    while let Some(effect) = pending.pop() {
        match effect {
            Effect::Batch(list) => pending.extend(list),
            Effect::IndexSearch(job) => {
                pending.push(app.update(Action::SearchIndexed(Box::new(job.run()))))
            }
            Effect::IndexWords(job) => {
                pending.push(app.update(Action::WordsIndexed(Box::new(job.run()))))
            }
            _ => {}
        }
    }
    app
}

/// An app of [`WIDTH`] x [`HEIGHT`] just given `feed`, and what the load asks the event loop to
/// do: the app as it is at the first frame, before any background work comes back.
pub fn app_loading(feed: Feed) -> (App, Effect) {
    let mut app = App::with_settings(
        "synthetic",
        now(),
        Rect::new(0, 0, WIDTH, HEIGHT),
        rapporteur::startup::default_settings().unwrap(),
    );
    let effect = app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(feed),
        at: now() - chrono::Duration::seconds(60),
    }));
    (app, effect)
}

/// The job indexing the feed for search among a load's effects.
pub fn search_job(effect: Effect) -> Option<rapporteur::app::background::SearchJob> {
    match effect {
        Effect::IndexSearch(job) => Some(job),
        Effect::Batch(list) => list.into_iter().find_map(search_job),
        _ => None,
    }
}

/// A test terminal of the app's size.
pub fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

/// Draws one frame, as the event loop does after an update that asks for a redraw.
pub fn draw(terminal: &mut Terminal<TestBackend>, app: &App, theme: &ColourTheme) {
    terminal
        .draw(|frame| ui::render(app, theme, frame))
        .expect("drawing never fails on a test terminal");
}

/// How long `f` takes, once.
pub fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// Milliseconds with two decimals, for printed reports.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// Summary of a set of timings: median, 90th and 99th percentile, and the maximum.
pub struct Percentiles {
    /// How many timings.
    pub n: usize,
    /// 50th percentile.
    pub p50: Duration,
    /// 90th percentile.
    pub p90: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// The slowest.
    pub max: Duration,
}

impl Percentiles {
    /// Sorts the timings and reads the percentiles (nearest rank).
    pub fn of(mut timings: Vec<Duration>) -> Percentiles {
        timings.sort_unstable();
        let n = timings.len();
        let rank = |p: f64| timings[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
        Percentiles {
            n,
            p50: rank(0.50),
            p90: rank(0.90),
            p99: rank(0.99),
            max: timings[n - 1],
        }
    }

    /// One report line.
    pub fn line(&self, what: &str) -> String {
        format!(
            "{what:<44} n={:<5} p50 {:>9}  p90 {:>9}  p99 {:>9}  max {:>9}",
            self.n,
            ms(self.p50),
            ms(self.p90),
            ms(self.p99),
            ms(self.max)
        )
    }
}
