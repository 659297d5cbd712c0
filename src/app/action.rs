//! Everything that can happen to the app: keys turned into intents, time, size and feed messages.

use chrono::{DateTime, Utc};

use crate::feed::FeedMessage;

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
    /// Open the detail view of the selected recommendation.
    Open,
    /// Close the view or overlay on top; on the main screen, nothing.
    Back,
    /// Show or hide the list of keys.
    ToggleHelp,
    /// Load the feed again now.
    Refresh,
    /// Leave the console.
    Quit,
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
}

/// What the event loop must do after an update. Keeps `update` free of I/O.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing visible changed.
    None,
    /// Draw the screen again.
    Redraw,
    /// Ask the feed source to load again, and draw.
    Refresh,
    /// Restore the terminal and exit.
    Quit,
}
