//! Everything that can happen to the app: keys turned into intents, time, size and feed messages.

use chrono::{DateTime, Utc};

use crate::model::edit::{Edit, Fingerprint};
use crate::model::query::search::{IndexedWords, WordsJob};
use crate::model::{Feed, FeedMessage};

/// One thing that happened. [`crate::app::App::update`] is the only place that acts on it.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Move the selection up one row (or scroll up in a view).
    Up,
    /// Move the selection down one row (or scroll down in a view).
    Down,
    /// Up by one screenful.
    PageUp,
    /// Down by one screenful.
    PageDown,
    /// To the first row.
    Top,
    /// To the last row.
    Bottom,
    /// Focus the next audience pane.
    NextPane,
    /// Focus the previous audience pane.
    PrevPane,
    /// Open the detail view of the selected recommendation; in a menu, choose.
    Open,
    /// Close the view, menu or search on top.
    Back,
    /// Show or hide the list of keys.
    ToggleHelp,
    /// Load the feed again now.
    Refresh,
    /// Leave the console (a key; a wall screen ignores it).
    Quit,
    /// A signal (SIGTERM, SIGINT, SIGHUP) asks the program to end: it ends, even in kiosk mode.
    Terminate,
    /// Ctrl-z: give the terminal back and stop, as any full-screen program does (a wall screen
    /// ignores it).
    Suspend,
    /// The process was continued (SIGCONT) after a stop: take the terminal again and redraw.
    Resumed,
    /// Start typing a text search.
    Search,
    /// Go to the next row that matches the search.
    NextMatch,
    /// Go to the previous row that matches the search.
    PrevMatch,
    /// Open the filter menu.
    Filters,
    /// Open the list of saved views.
    Views,
    /// Sort the panes by the next key.
    CycleSort,
    /// Show only overdue recommendations, or all again.
    ToggleOverdue,
    /// Show only recently changed recommendations, or all again.
    ToggleChanged,
    /// Open the changes since the baseline, by audience.
    ShowChanges,
    /// Open progress over time.
    ShowProgress,
    /// Open the archive's snapshots to pick a baseline.
    ShowBaselines,
    /// Show only recommendations not assessed for a long time, or all again.
    ToggleStaleAssessment,
    /// Clear every filter and the search.
    ClearFilters,
    /// A character typed into the search.
    Type(char),
    /// Backspace in the search.
    Erase,
    /// A mouse click at a cell.
    Click {
        /// Column.
        column: u16,
        /// Row.
        row: u16,
    },
    /// The mouse wheel turned down over a cell.
    WheelDown {
        /// Column.
        column: u16,
        /// Row.
        row: u16,
    },
    /// The mouse wheel turned up over a cell.
    WheelUp {
        /// Column.
        column: u16,
        /// Row.
        row: u16,
    },
    /// Any key or mouse event on a read-only kiosk, by key name (for the unlock sequence).
    KioskInput(Option<String>),
    /// The terminal has a new size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// The clock moved on.
    Tick(DateTime<Utc>),
    /// A feed source spoke.
    Feed(FeedMessage),
    /// A feed source spoke, and its feed was made ready for the screen off the event loop.
    FeedPrepared(Box<crate::app::prepare::Prepared>),
    /// The feed task stopped unexpectedly and is being restarted.
    SourceRestarted(String),
    /// The progress series, computed in the background.
    ProgressComputed(Box<crate::model::progress_series::ProgressSeries>),
    /// The archive's snapshots of the feed on screen, newest first, after each load kept.
    SnapshotChoices(Vec<crate::app::baseline::SnapshotChoice>),
    /// The baseline picked with `b`, read from the archive in the background.
    BaselineChosen(Box<crate::app::baseline::Baseline>),
    /// The baseline was loaded (from the archive, a file or a URL), off the event loop.
    Baseline(Box<crate::app::baseline::Baseline>),
    /// The changes of the feed on screen since the baseline, worked out in the background.
    BaselineMarked(Box<crate::app::marks::BaselineMarks>),
    /// Something about the history to say once: the snapshot archive cannot be used (damaged,
    /// locked, or the disk is full) and the console goes on without it, or no baseline was found.
    HistoryNotice(String),
    /// The text of a new feed, indexed for search in the background.
    SearchIndexed(Box<crate::app::background::BuiltIndex>),
    /// The changes screen's list, worked out in the background.
    ChangesCompared(Box<crate::app::change_list::ChangeList>),
    /// The words of the search index, indexed in the background.
    WordsIndexed(Box<IndexedWords>),
    /// Open the edit form on the recommendation on screen.
    Edit,
    /// Undo the last save of this session.
    Undo,
    /// A key typed into the edit form.
    FormKey(ratatui_textarea::Input),
    /// A save asked for by [`Effect::Save`] was written.
    Saved(Box<Saved>),
    /// A save asked for by [`Effect::Save`] was refused or failed; nothing was written.
    SaveFailed {
        /// Why, fit to show.
        message: String,
        /// The file changed on disk since it was loaded.
        conflict: bool,
    },
}

/// What a save wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The feed as written.
    pub feed: Feed,
    /// What the file holds now.
    pub fingerprint: Fingerprint,
    /// The edit that undoes this one.
    pub undo: Edit,
    /// What the feed needs on screen, worked out off the event loop as for a feed from the
    /// source (see [`Saved::prepared`]); `None`: worked out when it is put on screen.
    pub ready: Option<crate::app::prepare::Ready>,
}

impl Saved {
    /// What a save wrote, with what its feed needs on screen worked out against what was
    /// `on_screen` when the save was asked for: its orders and totals, its marks against the
    /// feed it replaces and its changes since the baseline. Slow for a large feed: off the
    /// event loop, where the file is written.
    pub fn prepared(
        feed: Feed,
        fingerprint: Fingerprint,
        undo: Edit,
        on_screen: crate::app::prepare::OnScreen,
    ) -> Saved {
        let ready = crate::app::prepare::Ready::new(&feed, on_screen, true);
        Saved {
            feed,
            fingerprint,
            undo,
            ready: Some(ready),
        }
    }
}

/// What the event loop must do after an update. Keeps `update` free of I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing visible changed.
    None,
    /// Draw the screen again.
    Redraw,
    /// Ask the feed source to load again, and draw.
    Refresh,
    /// Restore the terminal and exit.
    Quit,
    /// Give the terminal back and stop the process; once continued, take it again and draw.
    Suspend,
    /// Take the terminal again (raw mode, alternate screen) and draw the whole screen anew.
    Resume,
    /// Draw, and index the search's words in the background, then send
    /// [`Action::WordsIndexed`].
    IndexWords(WordsJob),
    /// Draw, and index a new feed's text for search in the background, then send
    /// [`Action::SearchIndexed`].
    IndexSearch(crate::app::background::SearchJob),
    /// Free what a new feed replaced, away from the event loop.
    Retire(Box<crate::app::background::Retired>),
    /// All of these, drawing once.
    Batch(Vec<Effect>),
    /// Draw, and make `edit` in the local feed file off the UI thread, refused if the file no
    /// longer has the fingerprint `expected`; then send [`Action::Saved`] or
    /// [`Action::SaveFailed`].
    Save {
        /// The change.
        edit: Box<Edit>,
        /// The file as the change was made against.
        expected: Option<Fingerprint>,
    },
    /// Draw, and compute the progress series in the background, then send
    /// [`Action::ProgressComputed`].
    Progress(crate::app::time_screens::ProgressJob),
    /// Draw, and read this snapshot from the archive in the background as the baseline, then
    /// send [`Action::BaselineChosen`].
    LoadBaseline(i64),
    /// Draw, and compare the feed on screen with a baseline in the background, then send
    /// [`Action::BaselineMarked`].
    MarkBaseline(crate::app::marks::BaselineJob),
    /// Draw, and list the changes screen in the background, then send
    /// [`Action::ChangesCompared`].
    CompareChanges(crate::app::change_list::ChangesJob),
}

impl Effect {
    /// All of `effects`, drawing once: those that do nothing left out, one alone unwrapped.
    pub fn all(effects: Vec<Effect>) -> Effect {
        let mut effects: Vec<Effect> = effects
            .into_iter()
            .filter(|effect| *effect != Effect::None)
            .collect();
        match effects.len() {
            0 => Effect::None,
            1 => effects.remove(0),
            _ => Effect::Batch(effects),
        }
    }
}
