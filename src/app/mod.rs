//! The state of the console and the one function that changes it.
//!
//! [`App::update`] is pure: no I/O, no terminal, no clock. Time arrives as [`Action::Tick`], the
//! terminal size as [`Action::Resize`], feeds as [`Action::Feed`]. It returns an [`Effect`] for the
//! event loop to carry out.

pub mod action;
pub mod background;
pub mod baseline;
mod browse;
pub mod change_list;
pub mod changes;
pub mod detail;
pub mod editing;
mod feed_message;
pub mod form;
pub mod freshness;
pub mod help;

mod input;
pub mod keys;
pub mod kiosk;
pub mod marks;
pub mod menu;
mod owner_prompt;
pub mod pane;
pub mod prepare;
mod rows;
mod state;

pub mod time_screens;
pub mod totals;
pub mod views;

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use ratatui::layout::Rect;

pub use crate::model::query::{Filter, SortKey};
pub use action::{Action, Effect};
pub use changes::ChangeLog;
pub use editing::{Editing, FeedPlace};
pub use form::EditForm;
pub use keys::Keymap;
pub use kiosk::{KioskSettings, KioskState, KioskStep};
pub use menu::Overlay;
pub use pane::PaneState;
pub use state::{LoadState, Notice, SearchState, Settings, View};
pub use totals::Totals;
pub use views::SavedView;

use crate::model::LoadError;
use crate::model::{Feed, Recommendation};

/// The whole state of the console.
#[derive(Debug, Clone)]
pub struct App {
    /// Where the feed comes from, as shown in the header.
    pub source: String,
    /// The last good feed, if any has arrived. Shared with the work done on it in the background
    /// (indexing its text for search) and handed to a blocking task to be freed when replaced.
    pub feed: Option<Arc<Feed>>,
    /// The feed's status counts and overdue records, kept current for the header.
    pub totals: Option<Totals>,
    /// Freshness of the feed.
    pub load: LoadState,
    /// Choices made at start.
    pub settings: Settings,
    /// The time of the last tick.
    pub now: DateTime<Utc>,
    /// The terminal size.
    pub size: Rect,
    /// The focused audience (an index into the feed's audiences).
    pub focus: usize,
    /// One pane per audience of the feed.
    pub panes: Vec<PaneState>,
    /// What fills the screen.
    pub view: View,
    /// The menu or help drawn over the screen.
    pub overlay: Option<Overlay>,
    /// The filters in force.
    pub filter: Filter,
    /// The order of rows.
    pub sort: SortKey,
    /// The saved view last applied, while its filters are unchanged.
    pub view_name: Option<String>,
    /// The text search.
    pub search: SearchState,
    /// Recent status changes.
    pub changes: ChangeLog,
    /// A short message in the footer.
    pub notice: Option<Notice>,
    /// What the change marks compare with, once loaded.
    pub baseline: Option<Arc<baseline::Baseline>>,
    /// The archive's snapshots, and whether a baseline was picked.
    pub history: baseline::HistoryState,
    /// The progress series of the progress screen, once computed.
    pub progress: Option<crate::model::progress_series::ProgressSeries>,
    /// The wall screen's rotation, in kiosk mode.
    pub kiosk: Option<KioskState>,
    /// Ticks since start, for the spinner.
    pub ticks: u64,
    /// The edit form, while it is open.
    pub form: Option<EditForm>,
    /// Where the feed comes from, who edits it, and this session's saves.
    pub editing: Editing,
    /// The changes screen's list, worked out off the event loop.
    change_list: change_list::ChangeListState,
    /// The last click, to tell a double click.
    last_click: Option<(u16, u16, u64)>,
}

impl App {
    /// A console with the given settings.
    pub fn with_settings(
        source: impl Into<String>,
        now: DateTime<Utc>,
        size: Rect,
        settings: Settings,
    ) -> App {
        let changes = ChangeLog::new(settings.changed_window);
        let kiosk = settings.kiosk.clone().map(|k| KioskState::new(k, now));
        App {
            source: source.into(),
            feed: None,
            totals: None,
            load: LoadState::default(),
            settings,
            now,
            size,
            focus: 0,
            panes: Vec::new(),
            view: View::Main,
            overlay: None,
            filter: Filter::default(),
            sort: SortKey::default(),
            view_name: None,
            search: SearchState::default(),
            changes,
            notice: None,
            baseline: None,
            progress: None,
            history: baseline::HistoryState::default(),
            kiosk,
            ticks: 0,
            form: None,
            editing: Editing::default(),
            change_list: change_list::ChangeListState::default(),
            last_click: None,
        }
    }

    /// Acts on one action and says what the event loop must do: with the changes screen up,
    /// that includes working out its list when what it lists changed.
    pub fn update(&mut self, action: Action) -> Effect {
        let effect = self.act(action);
        match self.changes_job() {
            Effect::None => effect,
            // The job draws too.
            job if effect == Effect::Redraw => job,
            job => Effect::all(vec![effect, job]),
        }
    }

    /// Acts on one action.
    fn act(&mut self, action: Action) -> Effect {
        match action {
            Action::Terminate => Effect::Quit,
            Action::Resumed => Effect::Resume,
            Action::Tick(now) => self.on_tick(now),
            Action::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                self.clamp_panes();
                Effect::Redraw
            }
            Action::Feed(message) => self.on_feed_then_progress(message, None),
            Action::FeedPrepared(prepared) => {
                self.on_feed_then_progress(prepared.message, prepared.ready)
            }
            Action::SearchIndexed(built) => self.on_search_indexed(*built),
            Action::ChangesCompared(list) => self.on_changes_compared(*list),
            Action::WordsIndexed(indexed) => {
                let attached =
                    (self.search.index.as_mut()).is_some_and(|i| i.attach_words(*indexed));
                // A search answered in part until now is answered whole.
                if attached && self.search.hits.as_ref().is_some_and(|h| h.partial) {
                    self.search.hits = None;
                    self.refilter();
                    return Effect::Redraw;
                }
                Effect::None
            }
            action @ (Action::ProgressComputed(_)
            | Action::Baseline(_)
            | Action::BaselineChosen(_)
            | Action::BaselineMarked(_)
            | Action::SnapshotChoices(_)
            | Action::HistoryNotice(_)) => self.on_history(action),
            Action::SourceRestarted(why) => {
                self.load.loading = false;
                self.load.error = Some((
                    LoadError::one(&self.source, crate::model::Place::Whole, why),
                    self.now,
                ));
                self.load.failing_since.get_or_insert(self.now);
                Effect::Redraw
            }
            Action::Saved(saved) => self.on_saved(*saved),
            Action::SaveFailed { message, conflict } => self.on_save_failed(message, conflict),
            action if self.kiosk.is_some() => self.kiosk_update(action),
            Action::Suspend => Effect::Suspend,
            Action::FormKey(input) => self.on_form_key(input),
            _ if self.form.is_some() => Effect::None,
            action if self.search.typing => self.on_search_key(action),
            Action::Quit => Effect::Quit,
            Action::Refresh => {
                self.load.loading = true;
                Effect::Refresh
            }
            Action::ToggleHelp => {
                self.overlay = match self.overlay {
                    Some(Overlay::Help { .. }) => None,
                    _ => Some(Overlay::Help { scroll: 0 }),
                };
                Effect::Redraw
            }
            Action::Edit if self.overlay.is_none() => self.open_form(),
            Action::Undo if self.overlay.is_none() => self.undo(),
            action if self.overlay.is_some() => {
                let effect = self.on_overlay_key(action);
                self.clamp_help_scroll();
                effect
            }
            action @ (Action::ShowChanges | Action::ShowProgress | Action::ShowBaselines) => {
                self.time_screen(action)
            }
            action => match self.view {
                View::Main => self.on_main_key(action),
                View::Detail { .. } => self.on_detail_key(action),
                View::Changes { .. } => self.on_changes_key(action),
                View::Progress => self.on_progress_key(action),
                View::Baselines { .. } => self.on_baselines_key(action),
            },
        }
    }

    fn on_tick(&mut self, now: DateTime<Utc>) -> Effect {
        let second_changed = now.timestamp() != self.now.timestamp();
        self.now = now;
        self.ticks = self.ticks.wrapping_add(1);
        if let (Some(totals), Some(feed)) = (&mut self.totals, &self.feed)
            && totals.day != self.settings.calendar.day_of(now)
        {
            *totals = Totals::of(feed, self.settings.calendar.day_of(now));
        }
        if self.notice.as_ref().is_some_and(|n| n.until <= now) {
            self.notice = None;
        }
        if self.changes.expire(now) && self.filter.changed {
            self.rebuild_rows();
        }
        let rotated = self.kiosk_tick(now);
        // The spinner moves at every tick; the "N s ago" texts once a second.
        if self.load.loading || second_changed || rotated {
            Effect::Redraw
        } else {
            Effect::None
        }
    }

    /// Today's date in the local time zone, for overdue checks.
    pub fn today(&self) -> NaiveDate {
        self.settings.calendar.day_of(self.now)
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
        let too_old = self
            .settings
            .stale_after
            .is_some_and(|limit| self.now - loaded_at > limit);
        self.load.error.is_some() || too_old
    }

    /// The lower-cased search query in force, if any.
    pub fn search_needle(&self) -> Option<&str> {
        self.search
            .hits
            .as_ref()
            .map(|h| h.query.as_str())
            .filter(|q| !q.is_empty())
    }

    /// The key that does `action` in the key table in force, for hints on screen; `unbound`
    /// when the config bound it to nothing.
    pub fn key(&self, action: &Action) -> &str {
        self.settings.keymap.first_key(action).unwrap_or("unbound")
    }

    /// Two keys as a pair for hints, such as `j/k`.
    pub fn key_pair(&self, a: &Action, b: &Action) -> String {
        format!("{}/{}", self.key(a), self.key(b))
    }

    /// The digits that choose a saved view in the views menu: `0` is "everything", then one
    /// digit per view up to 9. The menu and the footer both say this.
    pub fn view_digits(&self) -> String {
        match self.settings.views.len().min(9) {
            0 => "0".to_owned(),
            n => format!("0-{n}"),
        }
    }

    /// Shows a short message in the footer for three seconds.
    pub fn notify(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            until: self.now + Duration::seconds(3),
        });
    }

    /// Applies a saved view: its filters replace the ones in force.
    pub fn apply_view(&mut self, view: &SavedView) {
        self.filter = view.filter.clone();
        if let Some(sort) = view.sort {
            self.sort = sort;
        }
        self.view_name = Some(view.name.clone());
        self.search.hits = None;
        self.refilter();
    }
}

#[cfg(test)]
mod tests;
