//! Keys and the mouse on the main screen and in the detail view, and typing a search.

use super::menu::Overlay;
use super::{Action, App, Effect, View};
use crate::model::query::Filter;

/// Clicks on the same cell within this many ticks make a double click.
const DOUBLE_CLICK_TICKS: u64 = 2;

impl App {
    pub(super) fn on_main_key(&mut self, action: Action) -> Effect {
        let visible = self.layout().visible_rows(self.focus).max(1);
        let page = visible as isize;
        match action {
            Action::Down => self.move_selection(|p| p.move_by(1, visible)),
            Action::Up => self.move_selection(|p| p.move_by(-1, visible)),
            Action::PageDown => self.move_selection(|p| p.move_by(page, visible)),
            Action::PageUp => self.move_selection(|p| p.move_by(-page, visible)),
            Action::Top => self.move_selection(|p| p.select(0, visible)),
            Action::Bottom => self.move_selection(|p| p.select(usize::MAX, visible)),
            Action::NextPane => self.cycle_focus(1),
            Action::PrevPane => self.cycle_focus(-1),
            Action::Open => self.open_selected(),
            Action::Back if !self.filter.search.is_empty() => {
                self.filter.search.clear();
                self.view_name = None;
                self.refilter();
                Effect::Redraw
            }
            Action::Search => {
                self.search.typing = true;
                Effect::Redraw
            }
            Action::NextMatch => self.jump_to_match(true),
            Action::PrevMatch => self.jump_to_match(false),
            Action::Filters => {
                self.overlay = Some(Overlay::filters(self));
                Effect::Redraw
            }
            Action::Views => {
                if self.settings.views.is_empty() {
                    self.notify("no saved views: add [views.NAME] tables to the config file");
                } else {
                    self.overlay = Some(Overlay::Views { cursor: 0 });
                }
                Effect::Redraw
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.rebuild_order();
                self.rebuild_rows();
                self.notify(format!("sorted by {}", self.sort.name()));
                Effect::Redraw
            }
            Action::ToggleOverdue => self.change_filter(|f| f.overdue = !f.overdue),
            Action::ToggleChanged => self.change_filter(|f| f.changed = !f.changed),
            Action::ToggleStaleAssessment => {
                self.change_filter(|f| f.stale_assessment = !f.stale_assessment)
            }
            Action::ClearFilters => {
                self.view_name = None;
                self.filter = Filter::default();
                self.refilter();
                Effect::Redraw
            }
            Action::Click { column, row } => self.click(column, row),
            Action::WheelDown { column, row } => self.wheel(column, row, 3),
            Action::WheelUp { column, row } => self.wheel(column, row, -3),
            _ => Effect::None,
        }
    }

    fn move_selection(&mut self, f: impl FnOnce(&mut super::PaneState)) -> Effect {
        match self.panes.get_mut(self.focus) {
            Some(pane) => {
                f(pane);
                Effect::Redraw
            }
            None => Effect::None,
        }
    }

    fn cycle_focus(&mut self, step: isize) -> Effect {
        let visible = self.visible_audiences();
        if visible.is_empty() {
            return Effect::None;
        }
        let pos = visible.iter().position(|&a| a == self.focus).unwrap_or(0);
        let next = (pos as isize + step).rem_euclid(visible.len() as isize) as usize;
        self.focus = visible[next];
        self.clamp_panes();
        Effect::Redraw
    }

    fn open_selected(&mut self) -> Effect {
        match self.selected() {
            Some(rec) => {
                self.view = View::Detail {
                    id: rec.id.clone(),
                    scroll: 0,
                };
                Effect::Redraw
            }
            None => Effect::None,
        }
    }

    /// Changes one filter by hand: the saved view no longer describes what is shown.
    pub(super) fn change_filter(&mut self, f: impl FnOnce(&mut Filter)) -> Effect {
        f(&mut self.filter);
        self.view_name = None;
        self.rebuild_rows();
        Effect::Redraw
    }

    /// Moves to the next (or previous) row that matches the search, across panes.
    fn jump_to_match(&mut self, forward: bool) -> Effect {
        if self.search_needle().is_none() {
            self.notify("no search: press / to search");
            return Effect::Redraw;
        }
        // Every row on screen matches the search; walk rows in reading order, pane by pane.
        let order = self.visible_audiences();
        let mut spots: Vec<(usize, usize)> = Vec::new();
        for &a in &order {
            spots.extend((0..self.panes[a].rows.len()).map(|r| (a, r)));
        }
        if spots.is_empty() {
            self.notify("no match");
            return Effect::Redraw;
        }
        let here = (
            self.focus,
            self.panes.get(self.focus).map_or(0, |p| p.selected),
        );
        let pos = spots.iter().position(|&s| s == here);
        let next = match (pos, forward) {
            (Some(p), true) => (p + 1) % spots.len(),
            (Some(p), false) => (p + spots.len() - 1) % spots.len(),
            (None, _) => 0,
        };
        let (audience, row) = spots[next];
        self.focus = audience;
        let visible = self.layout().visible_rows(audience).max(1);
        self.panes[audience].select(row, visible);
        Effect::Redraw
    }

    pub(super) fn on_search_key(&mut self, action: Action) -> Effect {
        match action {
            Action::Type(c) => {
                self.filter.search.push(c);
                self.view_name = None;
                self.refilter();
                // Someone typing will narrow the search: index its words meanwhile.
                if let Some(job) = self.search.index.as_mut().and_then(|i| i.words_job()) {
                    return Effect::IndexWords(job);
                }
            }
            Action::Erase => {
                if self.filter.search.pop().is_none() {
                    self.search.typing = false;
                }
                self.refilter();
            }
            Action::Open => {
                self.search.typing = false;
                self.focus_first_match();
            }
            Action::Back => {
                self.search.typing = false;
                self.filter.search.clear();
                self.refilter();
            }
            Action::Quit => return Effect::Quit,
            _ => return Effect::None,
        }
        Effect::Redraw
    }

    /// After a search is kept, the eye goes to the first pane with a match, on its first row.
    fn focus_first_match(&mut self) {
        let first = self
            .visible_audiences()
            .into_iter()
            .find(|&a| self.panes.get(a).is_some_and(|p| !p.rows.is_empty()));
        if let Some(audience) = first {
            self.focus = audience;
            if let Some(pane) = self.panes.get_mut(audience) {
                pane.selected = 0;
            }
            self.clamp_panes();
        }
    }

    pub(super) fn on_detail_key(&mut self, action: Action) -> Effect {
        let max = self.detail_max_scroll();
        let page = crate::layout::detail_inner(self.size).height.max(1);
        let View::Detail { scroll, .. } = &mut self.view else {
            return Effect::None;
        };
        let next = match action {
            Action::Back | Action::Open => {
                self.view = View::Main;
                return Effect::Redraw;
            }
            Action::Down | Action::WheelDown { .. } => scroll.saturating_add(1),
            Action::Up | Action::WheelUp { .. } => scroll.saturating_sub(1),
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

    fn click(&mut self, column: u16, row: u16) -> Effect {
        if !self.settings.mouse {
            return Effect::None;
        }
        let Some((audience, inner_row)) = self.layout().hit(column, row) else {
            return Effect::None;
        };
        self.focus = audience;
        let double = self.last_click.is_some_and(|(c, r, t)| {
            c == column && r == row && self.ticks - t <= DOUBLE_CLICK_TICKS
        });
        self.last_click = Some((column, row, self.ticks));
        if let Some(inner) = inner_row {
            let visible = self.layout().visible_rows(audience).max(1);
            let pane = &mut self.panes[audience];
            let target = pane.offset + inner;
            if target < pane.rows.len() {
                pane.select(target, visible);
                if double {
                    self.last_click = None;
                    return self.open_selected();
                }
            }
        }
        Effect::Redraw
    }

    fn wheel(&mut self, column: u16, row: u16, step: isize) -> Effect {
        if !self.settings.mouse {
            return Effect::None;
        }
        let Some((audience, _)) = self.layout().hit(column, row) else {
            return Effect::None;
        };
        self.focus = audience;
        let visible = self.layout().visible_rows(audience).max(1);
        self.panes[audience].move_by(step, visible);
        Effect::Redraw
    }
}
