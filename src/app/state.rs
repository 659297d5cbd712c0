//! The parts of the console's state: what fills the screen, how the feed is doing, the choices
//! made at start, a footer notice, the search.

use chrono::{DateTime, Duration, Utc};

use super::{Keymap, KioskSettings, SavedView};
use crate::model::query::{SearchHits, SearchIndex};
use crate::model::{LoadError, RecId};
use crate::text::Calendar;

/// What fills the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The audience panes.
    Main,
    /// One recommendation in full, scrolled by `scroll` lines.
    Detail {
        /// Which recommendation.
        id: RecId,
        /// Lines scrolled past.
        scroll: u16,
    },
    /// The changes since the baseline, grouped by audience.
    Changes {
        /// The line selected, an index into [`super::App::change_items`].
        selected: usize,
    },
    /// Progress over time: a chart and a table.
    Progress,
    /// The archive's snapshots, to pick a baseline from.
    Baselines {
        /// The line selected, an index into the choices.
        selected: usize,
    },
}

/// How the feed is doing: what the header says about freshness.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadState {
    /// A load is under way.
    pub loading: bool,
    /// When the data on screen arrived.
    pub loaded_at: Option<DateTime<Utc>>,
    /// When the source was last checked, successfully or not.
    pub checked_at: Option<DateTime<Utc>>,
    /// The last failure since the last success, and when it happened.
    pub error: Option<(LoadError, DateTime<Utc>)>,
    /// When the failures began: the first failure since the last success.
    pub failing_since: Option<DateTime<Utc>>,
    /// The data on screen is the copy saved by an earlier run, not yet confirmed by the source.
    pub from_cache: bool,
    /// When the source tries again after the last failure, if it said.
    pub next_try: Option<DateTime<Utc>>,
}

/// Choices made at start, from the config file and the command line. The door (`startup`)
/// builds them; `config/default.toml` holds every default.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The key table.
    pub keymap: Keymap,
    /// Saved views, in the order the views menu lists them.
    pub views: Vec<SavedView>,
    /// N of the "not assessed for N days" filter.
    pub stale_assessment_days: i64,
    /// How long a status change stays marked.
    pub changed_window: Duration,
    /// An assessment (the feed's `generated_at`) older than this is flagged as old.
    pub stale_generated: Duration,
    /// The local time zone and the date style of every date on screen.
    pub calendar: Calendar,
    /// Data older than this is marked stale; `None` for sources that are not polled.
    pub stale_after: Option<Duration>,
    /// Clicks and the wheel are acted on.
    pub mouse: bool,
    /// Start as a read-only wall display with these choices.
    pub kiosk: Option<KioskSettings>,
}

/// A short message shown in the footer for a few seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What it says.
    pub text: String,
    /// When it goes away.
    pub until: DateTime<Utc>,
}

/// The search being typed or kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    /// Keys go into the query, not to the key table.
    pub typing: bool,
    /// Lower-cased index of the feed, built on the first search.
    pub index: Option<SearchIndex>,
    /// The records matching the current query.
    pub hits: Option<SearchHits>,
}
