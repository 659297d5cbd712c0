//! Which rows each pane lists: the feed sorted once per sort key, then filtered.
//!
//! Each pane keeps every record of its audience in sort order (`order`); filtering walks that
//! order, so a search keystroke costs one pass over the records and no sort.

use super::detail::{self, DetailLine};
use super::filter::FilterContext;
use super::search::{SearchHits, SearchIndex};
use super::{App, PaneState};
use crate::layout::{self, MainLayout};
use crate::model::{Feed, RecId};

impl App {
    /// Puts a new feed on screen, keeping each pane's selection on the same recommendation.
    pub(super) fn set_feed(&mut self, feed: Feed) {
        let previous: Vec<Option<RecId>> = self
            .panes
            .iter()
            .map(|pane| {
                let old = self.feed.as_ref()?;
                Some(old.recommendations.get(pane.selected_record()?)?.id.clone())
            })
            .collect();
        self.panes = vec![PaneState::default(); feed.audiences.len()];
        self.feed = Some(feed);
        self.search.index = None;
        self.search.hits = None;
        self.rebuild_order();
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
    }

    /// Sorts every pane's records by the sort key in force.
    pub(super) fn rebuild_order(&mut self) {
        let Some(feed) = &self.feed else {
            return;
        };
        let mut orders: Vec<Vec<usize>> = vec![Vec::new(); feed.audiences.len()];
        for (i, rec) in feed.recommendations.iter().enumerate() {
            if let Some(order) = orders.get_mut(rec.audience) {
                order.push(i);
            }
        }
        let sort = self.sort;
        for order in &mut orders {
            order
                .sort_by(|&a, &b| sort.compare(&feed.recommendations[a], &feed.recommendations[b]));
        }
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
            let index = self
                .search
                .index
                .get_or_insert_with(|| SearchIndex::build(feed, false));
            let previous = self.search.hits.take();
            self.search.hits = Some(SearchHits::search(index, &self.filter.search, previous));
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
            today: self.now.date_naive(),
            stale_assessment_days: self.settings.stale_assessment_days,
            changed: &changed,
        };
        let hits = self.search.hits.as_ref().map(|h| &h.hits);
        let all_audiences = self.filter.audiences.is_empty();
        for (a, pane) in self.panes.iter_mut().enumerate() {
            let selected = pane.selected_record();
            let shown = all_audiences
                || feed
                    .audiences
                    .get(a)
                    .is_some_and(|aud| self.filter.audiences.contains(&aud.id));
            pane.rows.clear();
            if shown {
                pane.rows.extend(pane.order.iter().copied().filter(|&i| {
                    hits.is_none_or(|h| h[i]) && self.filter.matches(&feed.recommendations[i], &ctx)
                }));
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
            .filter(|(_, a)| {
                self.filter.audiences.is_empty() || self.filter.audiences.contains(&a.id)
            })
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
            detail::lines(rec, change, self.today(), true, width)
        })
    }

    /// How far the detail view can scroll before its last line reaches the bottom.
    pub fn detail_max_scroll(&self) -> u16 {
        let visible = layout::detail_inner(self.size).height as usize;
        let max = self.detail_lines().len().saturating_sub(visible);
        u16::try_from(max).unwrap_or(u16::MAX)
    }
}
