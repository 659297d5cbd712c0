//! What can be drawn over the screen: the help, the filter menu and the saved views.

use std::collections::BTreeSet;

use super::{Action, App, Effect};
use crate::model::catalogue::Catalogue;
use crate::model::{Priority, Status};

/// One line of the filter menu: a filter that can be switched on or off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuItem {
    /// Only overdue recommendations.
    Overdue,
    /// Only open ones due within this many days; one preset at a time.
    DueWithin(u32),
    /// Only recently changed ones.
    Changed,
    /// Only those not assessed for a long time.
    StaleAssessment,
    /// This status.
    Status(Status),
    /// This priority.
    Priority(Priority),
    /// This theme id.
    Theme(String),
    /// This audience id.
    Audience(String),
    /// Owners whose name contains a text: opens a prompt.
    OwnerText,
    /// This owner.
    Owner(String),
}

/// What is drawn over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The list of keys, scrolled by this many lines.
    Help {
        /// Lines scrolled past.
        scroll: u16,
    },
    /// The filter menu.
    Filters {
        /// Every filter that can be toggled, built from the feed when the menu opened.
        items: Vec<MenuItem>,
        /// The highlighted line.
        cursor: usize,
    },
    /// The prompt for a part of an owner's name, over the filter menu.
    OwnerPrompt {
        /// The text before the prompt opened, put back by Esc.
        before: String,
        /// The filter menu's lines, to return to.
        items: Vec<MenuItem>,
        /// The filter menu's highlighted line, to return to.
        cursor: usize,
    },
    /// The saved views.
    Views {
        /// The highlighted line: 0 is "everything", then the views in order.
        cursor: usize,
    },
}

/// The due-within presets the menu offers: a month, a quarter, a year.
pub const DUE_WITHIN_DAYS: [u32; 3] = [30, 90, 365];

impl Overlay {
    /// The filter menu for the feed on screen.
    pub fn filters(app: &App) -> Overlay {
        let mut items = vec![MenuItem::Overdue];
        items.extend(DUE_WITHIN_DAYS.map(MenuItem::DueWithin));
        items.extend([MenuItem::Changed, MenuItem::StaleAssessment]);
        items.extend(Status::KNOWN.into_iter().map(MenuItem::Status));
        items.extend([Priority::High, Priority::Medium, Priority::Low].map(MenuItem::Priority));
        if let Some(feed) = &app.feed {
            let mut themes = BTreeSet::new();
            let mut owners = BTreeSet::new();
            for rec in &feed.recommendations {
                themes.extend(rec.themes.iter().map(String::as_str));
                owners.extend(rec.owners.iter().map(String::as_str));
            }
            // Catalogue themes in their documented order, then any others the feed uses.
            let catalogue = Catalogue::date();
            let mut ordered: Vec<&str> = catalogue
                .themes
                .iter()
                .map(|t| t.id.as_str())
                .filter(|id| themes.contains(id))
                .collect();
            ordered.extend(themes.iter().filter(|t| catalogue.theme(t).is_none()));
            items.extend(ordered.into_iter().map(|t| MenuItem::Theme(t.to_owned())));
            items.extend(
                feed.audiences
                    .iter()
                    .map(|a| MenuItem::Audience(a.id.clone())),
            );
            items.push(MenuItem::OwnerText);
            items.extend(owners.into_iter().map(|o| MenuItem::Owner(o.to_owned())));
        }
        Overlay::Filters { items, cursor: 0 }
    }
}

impl App {
    /// True when the filter behind a menu line is on.
    pub fn menu_item_is_on(&self, item: &MenuItem) -> bool {
        let f = &self.filter;
        match item {
            MenuItem::Overdue => f.overdue,
            MenuItem::DueWithin(days) => f.due_within == Some(*days),
            MenuItem::Changed => f.changed,
            MenuItem::StaleAssessment => f.stale_assessment,
            MenuItem::Status(s) => f.statuses.contains(s),
            MenuItem::Priority(p) => f.priorities.contains(p),
            MenuItem::Theme(t) => f.themes.contains(t),
            MenuItem::Audience(a) => f.audiences.contains(a),
            MenuItem::OwnerText => !f.owner_text.is_empty(),
            MenuItem::Owner(o) => f.owners.contains(o),
        }
    }

    fn toggle_menu_item(&mut self, item: &MenuItem) -> Effect {
        fn flip<T: PartialEq + Clone>(list: &mut Vec<T>, value: &T) {
            match list.iter().position(|v| v == value) {
                Some(i) => {
                    list.remove(i);
                }
                None => list.push(value.clone()),
            }
        }
        self.change_filter(|f| match item {
            MenuItem::Overdue => f.overdue = !f.overdue,
            MenuItem::DueWithin(days) => {
                f.due_within = (f.due_within != Some(*days)).then_some(*days);
            }
            MenuItem::Changed => f.changed = !f.changed,
            MenuItem::StaleAssessment => f.stale_assessment = !f.stale_assessment,
            MenuItem::Status(s) => flip(&mut f.statuses, s),
            MenuItem::Priority(p) => flip(&mut f.priorities, p),
            MenuItem::Theme(t) => flip(&mut f.themes, t),
            MenuItem::Audience(a) => flip(&mut f.audiences, a),
            // The prompt opens instead (see on_filters_key).
            MenuItem::OwnerText => {}
            MenuItem::Owner(o) => flip(&mut f.owners, o),
        })
    }

    /// A key while an overlay is open: Back and Quit close any of them, the rest is the overlay's.
    pub(super) fn on_overlay_key(&mut self, action: Action) -> Effect {
        let Some(overlay) = self.overlay.clone() else {
            return Effect::None;
        };
        // The prompt answers Esc itself, before Esc could close the menu.
        if let Overlay::OwnerPrompt {
            before,
            items,
            cursor,
        } = overlay
        {
            return self.on_owner_prompt(action, before, items, cursor);
        }
        if action == Action::Back || action == Action::Quit {
            self.overlay = None;
            return Effect::Redraw;
        }
        match overlay {
            Overlay::Help { scroll } => self.on_help_key(action, scroll),
            Overlay::Filters { items, cursor } => self.on_filters_key(action, items, cursor),
            Overlay::Views { cursor } => self.on_views_key(action, cursor),
            Overlay::OwnerPrompt { .. } => Effect::None,
        }
    }

    /// The help only scrolls.
    fn on_help_key(&mut self, action: Action, scroll: u16) -> Effect {
        let scroll = match action {
            Action::Down | Action::WheelDown { .. } => scroll.saturating_add(1),
            Action::Up | Action::WheelUp { .. } => scroll.saturating_sub(1),
            Action::Top => 0,
            _ => return Effect::None,
        };
        self.overlay = Some(Overlay::Help { scroll });
        Effect::Redraw
    }

    /// The filter menu moves its cursor and switches the filter under it; its own key closes it.
    fn on_filters_key(&mut self, action: Action, items: Vec<MenuItem>, cursor: usize) -> Effect {
        let last = items.len().saturating_sub(1);
        let cursor = match action {
            Action::Down | Action::WheelDown { .. } => (cursor + 1).min(last),
            Action::Up | Action::WheelUp { .. } => cursor.saturating_sub(1),
            Action::PageDown => (cursor + 10).min(last),
            Action::PageUp => cursor.saturating_sub(10),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Open | Action::Type(' ') if items.get(cursor) == Some(&MenuItem::OwnerText) => {
                return self.open_owner_prompt(items, cursor);
            }
            Action::Open | Action::Type(' ') => {
                if let Some(item) = items.get(cursor) {
                    self.toggle_menu_item(item);
                }
                cursor
            }
            Action::Filters => {
                self.overlay = None;
                return Effect::Redraw;
            }
            Action::ClearFilters => {
                self.change_filter(|f| *f = super::Filter::default());
                cursor
            }
            _ => return Effect::None,
        };
        self.overlay = Some(Overlay::Filters { items, cursor });
        Effect::Redraw
    }

    /// The views menu moves its cursor, or chooses a view by Open or by its digit; its own key
    /// closes it.
    fn on_views_key(&mut self, action: Action, cursor: usize) -> Effect {
        let last = self.settings.views.len();
        let chosen = match action {
            Action::Down => {
                self.overlay = Some(Overlay::Views {
                    cursor: (cursor + 1).min(last),
                });
                None
            }
            Action::Up => {
                self.overlay = Some(Overlay::Views {
                    cursor: cursor.saturating_sub(1),
                });
                None
            }
            Action::Open => Some(cursor),
            Action::Type(c) => c.to_digit(10).map(|d| d as usize).filter(|&d| d <= last),
            Action::Views => {
                self.overlay = None;
                None
            }
            _ => return Effect::None,
        };
        if let Some(n) = chosen {
            self.overlay = None;
            self.choose_view(n);
        }
        Effect::Redraw
    }

    /// Applies the `n`th saved view, counting from 1; 0 (or a view that is gone) shows everything.
    fn choose_view(&mut self, n: usize) {
        match n
            .checked_sub(1)
            .and_then(|i| self.settings.views.get(i))
            .cloned()
        {
            Some(view) => self.apply_view(&view),
            None => {
                self.view_name = None;
                self.filter = super::Filter::default();
                self.refilter();
            }
        }
    }
}

impl App {
    /// A catalogue theme's name, such as `Data` for `data`; the id when the catalogue lacks it.
    pub fn theme_name(id: &str) -> String {
        Catalogue::date()
            .theme(id)
            .map_or_else(|| id.to_owned(), |t| t.name.clone())
    }

    /// An audience's name in the feed on screen, such as `Civil Society Organisations`.
    pub fn audience_name(&self, id: &str) -> String {
        self.feed
            .as_ref()
            .and_then(|f| f.audiences.iter().find(|a| a.id == id))
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    }

    /// The chips of a filter, by name, as the filter bar, menus and empty panes show them.
    pub fn filter_chips(&self, filter: &crate::model::query::Filter) -> Vec<String> {
        filter.chips(self.settings.stale_assessment_days, App::theme_name, |id| {
            self.audience_name(id)
        })
    }
}
