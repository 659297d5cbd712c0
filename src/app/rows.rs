//! Which rows each pane lists: the feed sorted once per sort key, then filtered.
//!
//! Each pane keeps every record of its audience in sort order (`order`); filtering walks that
//! order, so a search keystroke costs one pass over the records and no sort.

use super::detail::{self, DetailLine};
use super::prepare::{self, Ready};
use super::{App, PaneState, Totals};
use crate::layout::{self, MainLayout};
use crate::model::query::FilterContext;
use std::sync::Arc;

use super::Effect;
use super::background::{BuiltIndex, Retired, SearchJob};
use crate::model::query::SearchHits;
use crate::model::{Feed, RecId};

/// Records a search reads itself, per keystroke, before the feed's index is built: a few
/// milliseconds' worth. Smaller feeds are searched whole this way.
const SCAN_LIMIT: usize = 4_096;

/// Records whose lower-cased texts a search reads, per keystroke, once the feed's text is indexed
/// but not yet its words (a second or so): reading all 100,000 took up to 26 ms.
const TEXT_LIMIT: usize = 20_000;

impl App {
    /// Puts a new feed on screen, keeping each pane's selection on the same recommendation. The
    /// effect indexes the new feed for search and frees the old one, both off the event loop.
    /// What was `ready` (worked out off the event loop) is used when it still fits: the same sort
    /// key and the same day.
    pub(super) fn set_feed(&mut self, feed: Feed, ready: Option<Ready>) -> Effect {
        let previous: Vec<Option<RecId>> = self
            .panes
            .iter()
            .map(|pane| {
                let old = self.feed.as_ref()?;
                Some(old.recommendations.get(pane.selected_record()?)?.id.clone())
            })
            .collect();
        self.panes = vec![PaneState::default(); feed.audiences.len()];
        let today = self.today();
        let (orders, totals) = match ready {
            Some(ready) => (
                Some(ready.orders).filter(|_| ready.sort == self.sort),
                Some(ready.totals).filter(|totals| totals.day == today),
            ),
            None => (None, None),
        };
        self.totals = Some(totals.unwrap_or_else(|| Totals::of(&feed, today)));
        let feed = Arc::new(feed);
        let retired = Retired {
            feed: self.feed.replace(Arc::clone(&feed)),
            index: self.search.index.take(),
            ..Retired::default()
        };
        self.search.hits = None;
        match orders {
            Some(orders) => {
                for (pane, order) in self.panes.iter_mut().zip(orders) {
                    pane.order = order;
                }
            }
            None => self.rebuild_order(),
        }
        self.refilter();
        if let Some(feed) = &self.feed {
            for (pane, old_id) in self.panes.iter_mut().zip(previous) {
                let row = old_id.and_then(|id| {
                    pane.rows
                        .iter()
                        .position(|&i| feed.recommendations[i].id == id)
                });
                if let Some(row) = row {
                    pane.selected = row;
                }
            }
        }
        self.focus = self.focus.min(self.panes.len().saturating_sub(1));
        self.clamp_panes();
        let index = Effect::IndexSearch(SearchJob::new(&feed));
        match retired.is_empty() {
            true => index,
            false => Effect::Batch(vec![index, Effect::Retire(Box::new(retired))]),
        }
    }

    /// Takes the index of the feed on screen, built in the background, and searches with it;
    /// then asks for its words to be indexed. An index of a feed since replaced is let go.
    pub(super) fn on_search_indexed(&mut self, built: BuiltIndex) -> Effect {
        let Some(feed) = &self.feed else {
            return Effect::None;
        };
        if !built.is_for(feed) || self.search.index.is_some() {
            return Effect::None;
        }
        let mut index = built.index;
        let words = index.words_job();
        self.search.index = Some(index);
        let searching = self.search.hits.is_some();
        if searching {
            // The answer so far may be partial: search again, whole.
            self.search.hits = None;
            self.refilter();
        }
        match (words, searching) {
            (Some(job), _) => Effect::IndexWords(job),
            (None, true) => Effect::Redraw,
            (None, false) => Effect::None,
        }
    }

    /// Sorts every pane's records by the sort key in force.
    pub(super) fn rebuild_order(&mut self) {
        let Some(feed) = &self.feed else {
            return;
        };
        let orders = prepare::orders(feed, self.sort);
        for (pane, order) in self.panes.iter_mut().zip(orders) {
            pane.order = order;
        }
    }

    /// Runs the search (reusing the last result when the query only grew) and rebuilds the rows.
    pub(super) fn refilter(&mut self) {
        let Some(feed) = &self.feed else {
            return;
        };
        if self.filter.search.is_empty() {
            self.search.hits = None;
        } else {
            let previous = self.search.hits.take();
            self.search.hits = Some(match &self.search.index {
                // Until its words are indexed, the texts are read: a bounded part of them.
                Some(index) if !index.has_words() => {
                    SearchHits::search_within(index, &self.filter.search, previous, TEXT_LIMIT)
                }
                Some(index) => SearchHits::search(index, &self.filter.search, previous),
                // Until the index is built in the background: the first records only, so that
                // a key never waits on the feed's size; the index gives the whole answer.
                None => SearchHits::scan(feed, &self.filter.search, SCAN_LIMIT),
            });
        }
        self.rebuild_rows();
    }

    /// Filters every pane's sorted records into its rows, keeping the selection where it can.
    pub(super) fn rebuild_rows(&mut self) {
        let Some(feed) = &self.feed else {
            return;
        };
        let changes = &self.changes;
        let changed = |rec: &crate::model::Recommendation| changes.get(&rec.id).is_some();
        let ctx = FilterContext {
            today: self.today(),
            stale_assessment_days: self.settings.stale_assessment_days,
            changed: &changed,
        };
        let hits = self.search.hits.as_ref().map(|h| h.hits.as_slice());
        for (a, pane) in self.panes.iter_mut().enumerate() {
            let selected = pane.selected_record();
            pane.rows.clear();
            // A hidden audience's pane is skipped whole; the one test of a record is the query's.
            if self.filter.shows_audience(feed, a) {
                let recs = &feed.recommendations;
                pane.rows.extend(
                    pane.order
                        .iter()
                        .copied()
                        .filter(|&i| self.filter.admits(feed, i, &recs[i], hits, &ctx)),
                );
            }
            pane.selected = selected
                .and_then(|s| pane.rows.iter().position(|&i| i == s))
                .unwrap_or(0);
        }
        let visible = self.visible_audiences();
        if !visible.contains(&self.focus) {
            self.focus = visible.first().copied().unwrap_or(0);
        }
        self.clamp_panes();
    }

    /// The audiences whose panes are on screen (all, unless the audience filter hides some).
    pub fn visible_audiences(&self) -> Vec<usize> {
        let Some(feed) = &self.feed else {
            return Vec::new();
        };
        feed.audiences
            .iter()
            .enumerate()
            .filter(|&(i, _)| self.filter.shows_audience(feed, i))
            .map(|(i, _)| i)
            .collect()
    }

    /// The main screen's geometry at the current size, indexed by audience.
    pub fn layout(&self) -> MainLayout {
        let visible = self.visible_audiences();
        let focus_pos = visible.iter().position(|&a| a == self.focus).unwrap_or(0);
        let compact = layout::main(self.size, visible.len(), focus_pos);
        let mut panes = vec![None; self.panes.len()];
        for (pos, &audience) in visible.iter().enumerate() {
            if let Some(slot) = panes.get_mut(audience) {
                *slot = compact.panes.get(pos).copied().flatten();
            }
        }
        MainLayout { panes, ..compact }
    }

    /// Keeps every pane's selection on screen after a size or content change.
    pub(super) fn clamp_panes(&mut self) {
        let layout = self.layout();
        for (i, pane) in self.panes.iter_mut().enumerate() {
            let selected = pane.selected;
            pane.select(selected, layout.visible_rows(i).max(1));
        }
        if let super::View::Detail { scroll, .. } = self.view {
            let max = self.detail_max_scroll();
            if let super::View::Detail { scroll: s, .. } = &mut self.view {
                *s = scroll.min(max);
            }
        }
    }

    /// Recommendations shown and in all, over every pane.
    pub fn shown_and_total(&self) -> (usize, usize) {
        let total = self.feed.as_ref().map_or(0, |f| f.recommendations.len());
        let shown = self.panes.iter().map(|p| p.rows.len()).sum();
        (shown, total)
    }

    /// The lines of the detail view at the current size.
    pub fn detail_lines(&self) -> Vec<DetailLine> {
        let width = layout::detail_inner(self.size).width as usize;
        self.detail().map_or_else(Vec::new, |rec| {
            let change = self.changes.get(&rec.id);
            let dates = detail::Dates {
                calendar: &self.settings.calendar,
                today: self.today(),
                now: self.now,
            };
            detail::lines(rec, change, dates, true, width)
        })
    }

    /// How far the detail view can scroll before its last line reaches the bottom.
    pub fn detail_max_scroll(&self) -> u16 {
        let visible = layout::detail_inner(self.size).height as usize;
        let max = self.detail_lines().len().saturating_sub(visible);
        u16::try_from(max).unwrap_or(u16::MAX)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use ratatui::layout::Rect;

    use super::*;
    use crate::feed::{SAMPLE_FEED_JSON, parse};
    use crate::model::Status;
    use crate::model::query::SortKey;

    /// Every pane's order is what sorting by `SortKey::compare` gives, for every key, on a feed
    /// out of order, with missing dates, an unknown status and ids that compare equal.
    #[test]
    fn rebuilt_orders_match_the_comparison() {
        let mut feed = parse(SAMPLE_FEED_JSON.as_bytes(), "sample").expect("valid");
        feed.recommendations.reverse();
        feed.recommendations[0].due = None;
        feed.recommendations[1].last_assessed = None;
        feed.recommendations[2].status = Status::Unrecognised("later".into());
        let mut twin = feed.recommendations[3].clone();
        twin.id = RecId(twin.id.0.replace("-0", "-"));
        feed.recommendations.push(twin);
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();
        let mut app = App::with_settings(
            "test",
            now,
            Rect::new(0, 0, 120, 40),
            crate::startup::default_settings().unwrap(),
        );
        app.panes = vec![PaneState::default(); feed.audiences.len()];
        app.feed = Some(Arc::new(feed));
        for sort in SortKey::ALL {
            app.sort = sort;
            app.rebuild_order();
            let feed = app.feed.as_ref().expect("a feed");
            for (audience, pane) in app.panes.iter().enumerate() {
                let mut expected: Vec<usize> = (0..feed.recommendations.len())
                    .filter(|&i| feed.recommendations[i].audience == audience)
                    .collect();
                expected.sort_by(|&a, &b| {
                    sort.compare(&feed.recommendations[a], &feed.recommendations[b])
                });
                assert_eq!(pane.order, expected, "{sort:?}, audience {audience}");
            }
        }
    }
}
