//! The state of the console and the one function that changes it.
//!
//! [`App::update`] is pure: no I/O, no terminal, no clock. Time arrives as [`Action::Tick`], the
//! terminal size as [`Action::Resize`], feeds as [`Action::Feed`]. It returns an [`Effect`] for the
//! event loop to carry out.

pub mod action;
pub mod detail;
pub mod keys;
pub mod pane;

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::layout::Rect;

pub use action::{Action, Effect};
pub use keys::Keymap;
pub use pane::PaneState;

use crate::feed::{FeedMessage, LoadError};
use crate::layout::{self, MainLayout};
use crate::model::{Feed, RecId, Recommendation};

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
}

/// The whole state of the console.
#[derive(Debug, Clone)]
pub struct App {
    /// Where the feed comes from, as shown in the header.
    pub source: String,
    /// The last good feed, if any has arrived.
    pub feed: Option<Feed>,
    /// Freshness of the feed.
    pub load: LoadState,
    /// Data older than this is marked stale; `None` for sources that are not polled.
    pub stale_after: Option<chrono::Duration>,
    /// The time of the last tick.
    pub now: DateTime<Utc>,
    /// The terminal size.
    pub size: Rect,
    /// The focused audience pane.
    pub focus: usize,
    /// One pane per audience of the feed.
    pub panes: Vec<PaneState>,
    /// What fills the screen.
    pub view: View,
    /// The help overlay is open, scrolled by this many lines.
    pub help: Option<u16>,
    /// The key table.
    pub keymap: Keymap,
    /// Ticks since start, for the spinner.
    pub ticks: u64,
}

impl App {
    /// A console with no feed yet, for a source described as `source`.
    pub fn new(source: impl Into<String>, now: DateTime<Utc>, size: Rect) -> App {
        App {
            source: source.into(),
            feed: None,
            load: LoadState::default(),
            stale_after: None,
            now,
            size,
            focus: 0,
            panes: Vec::new(),
            view: View::Main,
            help: None,
            keymap: Keymap::default(),
            ticks: 0,
        }
    }

    /// Acts on one action and says what the event loop must do.
    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::Quit => Effect::Quit,
            Action::Tick(now) => {
                self.now = now;
                self.ticks = self.ticks.wrapping_add(1);
                Effect::Redraw
            }
            Action::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                self.clamp_panes();
                Effect::Redraw
            }
            Action::Feed(message) => {
                self.on_feed(message);
                Effect::Redraw
            }
            Action::Refresh => {
                self.load.loading = true;
                Effect::Refresh
            }
            Action::ToggleHelp => {
                self.help = match self.help {
                    Some(_) => None,
                    None => Some(0),
                };
                Effect::Redraw
            }
            other if self.help.is_some() => self.on_help_key(other),
            other => match self.view {
                View::Main => self.on_main_key(other),
                View::Detail { .. } => self.on_detail_key(other),
            },
        }
    }

    /// Today's date, for overdue checks.
    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// The main screen's geometry at the current size.
    pub fn layout(&self) -> MainLayout {
        layout::main(self.size, self.panes.len(), self.focus)
    }

    /// The selected recommendation of the focused pane.
    pub fn selected(&self) -> Option<&Recommendation> {
        let feed = self.feed.as_ref()?;
        let index = self.panes.get(self.focus)?.selected_record()?;
        feed.recommendations.get(index)
    }

    /// The recommendation shown in the detail view.
    pub fn detail(&self) -> Option<&Recommendation> {
        let View::Detail { id, .. } = &self.view else {
            return None;
        };
        self.feed
            .as_ref()?
            .recommendations
            .iter()
            .find(|rec| rec.id == *id)
    }

    /// True when the data on screen should not be trusted as current: the last load failed, or
    /// the data is older than the source's staleness limit.
    pub fn is_stale(&self) -> bool {
        let Some(loaded_at) = self.load.loaded_at else {
            return false;
        };
        let failed = self.load.error.is_some();
        let too_old = self
            .stale_after
            .is_some_and(|limit| self.now - loaded_at > limit);
        failed || too_old
    }

    fn on_feed(&mut self, message: FeedMessage) {
        match message {
            FeedMessage::Loading => self.load.loading = true,
            FeedMessage::Loaded { feed, at } => {
                self.load.loading = false;
                self.load.loaded_at = Some(at);
                self.load.checked_at = Some(at);
                self.load.error = None;
                self.set_feed(*feed);
            }
            FeedMessage::Unchanged { at } => {
                self.load.loading = false;
                self.load.checked_at = Some(at);
                self.load.loaded_at = Some(at);
                self.load.error = None;
            }
            FeedMessage::Failed { error, at } => {
                self.load.loading = false;
                self.load.checked_at = Some(at);
                self.load.error = Some((error, at));
            }
        }
    }

    /// Puts a new feed on screen, keeping each pane's selection on the same recommendation.
    fn set_feed(&mut self, feed: Feed) {
        let previous: Vec<Option<RecId>> = self
            .panes
            .iter()
            .map(|pane| {
                let old = self.feed.as_ref()?;
                Some(old.recommendations.get(pane.selected_record()?)?.id.clone())
            })
            .collect();
        let mut panes = vec![PaneState::default(); feed.audiences.len()];
        for (i, rec) in feed.recommendations.iter().enumerate() {
            if let Some(pane) = panes.get_mut(rec.audience) {
                pane.rows.push(i);
            }
        }
        for (pane, old_id) in panes.iter_mut().zip(previous) {
            if let Some(row) = old_id.and_then(|id| {
                pane.rows
                    .iter()
                    .position(|&i| feed.recommendations[i].id == id)
            }) {
                pane.selected = row;
            }
        }
        self.panes = panes;
        self.focus = self.focus.min(self.panes.len().saturating_sub(1));
        self.feed = Some(feed);
        self.clamp_panes();
    }

    fn clamp_panes(&mut self) {
        let layout = self.layout();
        for (i, pane) in self.panes.iter_mut().enumerate() {
            let selected = pane.selected;
            pane.select(selected, layout.visible_rows(i).max(1));
        }
    }

    fn on_main_key(&mut self, action: Action) -> Effect {
        let visible = self.layout().visible_rows(self.focus).max(1);
        let count = self.panes.len();
        let Some(pane) = self.panes.get_mut(self.focus) else {
            return Effect::None;
        };
        let page = visible as isize;
        match action {
            Action::Down => pane.move_by(1, visible),
            Action::Up => pane.move_by(-1, visible),
            Action::PageDown => pane.move_by(page, visible),
            Action::PageUp => pane.move_by(-page, visible),
            Action::Top => pane.select(0, visible),
            Action::Bottom => pane.select(usize::MAX, visible),
            Action::NextPane => {
                self.focus = (self.focus + 1) % count;
                self.clamp_panes();
            }
            Action::PrevPane => {
                self.focus = (self.focus + count - 1) % count;
                self.clamp_panes();
            }
            Action::Open => match self.selected() {
                Some(rec) => {
                    self.view = View::Detail {
                        id: rec.id.clone(),
                        scroll: 0,
                    }
                }
                None => return Effect::None,
            },
            _ => return Effect::None,
        }
        Effect::Redraw
    }

    /// The lines of the detail view at the current size.
    pub fn detail_lines(&self) -> Vec<detail::DetailLine> {
        let width = layout::detail_inner(self.size).width as usize;
        self.detail().map_or_else(Vec::new, |rec| {
            detail::lines(rec, self.today(), true, width)
        })
    }

    /// How far the detail view can scroll before its last line reaches the bottom.
    pub fn detail_max_scroll(&self) -> u16 {
        let visible = layout::detail_inner(self.size).height as usize;
        let max = self.detail_lines().len().saturating_sub(visible);
        u16::try_from(max).unwrap_or(u16::MAX)
    }

    fn on_detail_key(&mut self, action: Action) -> Effect {
        let max = self.detail_max_scroll();
        let page = layout::detail_inner(self.size).height.max(1);
        let View::Detail { scroll, .. } = &mut self.view else {
            return Effect::None;
        };
        let next = match action {
            Action::Back | Action::Open => {
                self.view = View::Main;
                return Effect::Redraw;
            }
            Action::Down => scroll.saturating_add(1),
            Action::Up => scroll.saturating_sub(1),
            Action::PageDown => scroll.saturating_add(page),
            Action::PageUp => scroll.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            _ => return Effect::None,
        };
        let next = next.min(max);
        if next == *scroll {
            return Effect::None;
        }
        *scroll = next;
        Effect::Redraw
    }

    fn on_help_key(&mut self, action: Action) -> Effect {
        let Some(scroll) = &mut self.help else {
            return Effect::None;
        };
        match action {
            Action::Back => self.help = None,
            Action::Down => *scroll = scroll.saturating_add(1),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Top => *scroll = 0,
            _ => return Effect::None,
        }
        Effect::Redraw
    }
}

#[cfg(test)]
mod tests;
