//! The changes screen's list (`C`), worked out away from the event loop. Comparing a feed of
//! 100,000 records with its baseline takes about 0.1 s, which no key may wait for: the list is
//! worked out once for the feed, baseline, marks and day on screen, kept, and drawn and moved
//! through from what is kept. Until it lands the screen says it is comparing.
//!
//! A list worked out for a feed, baseline or marks replaced meanwhile is let go, and the list
//! for what is on screen then is asked for.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use chrono::NaiveDate;

use super::background::Retired;
use super::baseline::Baseline;
use super::changes::ChangeLog;
use super::time_screens::ChangeItem;
use super::{App, Effect, View};
use crate::model::diff::{DiffOptions, Group, diff};
use crate::model::{Feed, RecId, Visibility};

/// What a list of changes was worked out for: the feed on screen, the baseline, the marks (by
/// their version) and the day.
#[derive(Debug, Clone)]
pub struct ChangesKey {
    feed: Weak<Feed>,
    baseline: Option<Weak<Baseline>>,
    marks: u64,
    today: NaiveDate,
}

/// Keys are the same when for the same feed, baseline, marks and day.
impl PartialEq for ChangesKey {
    fn eq(&self, other: &Self) -> bool {
        let same_baseline = match (&self.baseline, &other.baseline) {
            (None, None) => true,
            (Some(a), Some(b)) => a.ptr_eq(b),
            _ => false,
        };
        self.feed.ptr_eq(&other.feed)
            && same_baseline
            && self.marks == other.marks
            && self.today == other.today
    }
}

impl Eq for ChangesKey {}

/// One line of the changes screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeLine {
    /// An audience's heading, with how many changes it holds.
    Audience {
        /// Which audience.
        audience: usize,
        /// How many changes are under it.
        count: usize,
    },
    /// A group's heading within an audience, with how many changes it holds.
    Group {
        /// Which group.
        group: Group,
        /// How many changes are under it.
        count: usize,
    },
    /// A change: an index into the items.
    Item(usize),
}

/// The changes screen's items and lines, and what they were worked out for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeList {
    key: ChangesKey,
    /// The changes, by audience, then by group, then in feed order.
    pub items: Vec<ChangeItem>,
    /// The lines of the screen: headings and items.
    pub lines: Vec<ChangeLine>,
    /// Per item, its line.
    item_lines: Vec<usize>,
}

impl ChangeList {
    /// The lines of `items`, sorted as [`change_items`] sorts them.
    fn new(key: ChangesKey, items: Vec<ChangeItem>) -> ChangeList {
        let mut lines = Vec::with_capacity(items.len() + 16);
        let mut item_lines = Vec::with_capacity(items.len());
        let mut at = 0;
        while let Some(first) = items.get(at) {
            let audience = first.audience;
            let count = run(&items[at..], |item| item.audience == audience);
            lines.push(ChangeLine::Audience { audience, count });
            let end = at + count;
            while at < end {
                let group = items[at].group;
                let count = run(&items[at..end], |item| item.group == group);
                lines.push(ChangeLine::Group { group, count });
                for i in at..at + count {
                    item_lines.push(lines.len());
                    lines.push(ChangeLine::Item(i));
                }
                at += count;
            }
        }
        ChangeList {
            key,
            items,
            lines,
            item_lines,
        }
    }

    /// The line of item `item`, if there is such an item.
    pub fn line_of(&self, item: usize) -> Option<usize> {
        self.item_lines.get(item).copied()
    }
}

/// How many of `items`, from the first, are `alike`.
fn run(items: &[ChangeItem], alike: impl Fn(&ChangeItem) -> bool) -> usize {
    items
        .iter()
        .position(|item| !alike(item))
        .unwrap_or(items.len())
}

/// The work of listing the changes of a feed: about 0.1 s at 100,000 records.
#[derive(Clone)]
pub struct ChangesJob {
    key: ChangesKey,
    feed: Arc<Feed>,
    baseline: Option<Arc<Baseline>>,
    marks: ChangeLog,
    public_only: bool,
}

impl ChangesJob {
    /// Lists the changes. The feed and baseline are let go here: should either have been
    /// replaced meanwhile, this was its last holder, and freeing it takes a while.
    pub fn run(self) -> ChangeList {
        let items = change_items(
            &self.feed,
            self.baseline.as_deref(),
            &self.marks,
            self.key.today,
            self.public_only,
        );
        ChangeList::new(self.key, items)
    }
}

/// Jobs are told apart by what they list.
impl PartialEq for ChangesJob {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for ChangesJob {}

impl std::fmt::Debug for ChangesJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let records = self.feed.recommendations.len();
        let baseline = self.baseline.as_ref().map(|b| &b.label);
        write!(f, "ChangesJob({baseline:?}, {records} records)")
    }
}

/// The changes screen's list as the console keeps it: the last one worked out, and the key of
/// the one being worked out, if any (one at a time).
#[derive(Debug, Clone, Default)]
pub struct ChangeListState {
    kept: Option<ChangeList>,
    asked: Option<ChangesKey>,
}

/// The changes of `feed` since `baseline`, by audience, then by group, then in feed order.
/// Status moves come from the change log `marks` (the baseline, the feed's own history, and what
/// was seen while running); the other groups from comparing with the baseline, when there is
/// one, on `today`. A wall screen (`public_only`) lists no internal record. Slow for a large
/// feed: off the event loop.
pub fn change_items(
    feed: &Feed,
    baseline: Option<&Baseline>,
    marks: &ChangeLog,
    today: NaiveDate,
    public_only: bool,
) -> Vec<ChangeItem> {
    let mut items: Vec<(usize, ChangeItem)> = Vec::new();
    for (i, rec) in feed.recommendations.iter().enumerate() {
        if public_only && rec.visibility == Visibility::Internal {
            continue;
        }
        if let Some(change) = marks.get(&rec.id) {
            let item = ChangeItem {
                audience: rec.audience,
                group: Group::of(change.direction()),
                id: rec.id.clone(),
                title: rec.title.clone(),
                before: change.from.word().to_owned(),
                after: change.to.word().to_owned(),
            };
            items.push((i, item));
        }
    }
    if let Some(baseline) = baseline {
        let order: HashMap<&RecId, usize> = (feed.recommendations.iter().enumerate())
            .map(|(i, r)| (&r.id, i))
            .collect();
        let options = DiffOptions {
            include_internal: !public_only,
            old_date: baseline.date,
            new_date: today,
        };
        let others = diff(&baseline.feed, feed, options).changes;
        for c in others.into_iter().filter(|c| !is_status_group(c.group)) {
            let at = order.get(&c.id).copied().unwrap_or(usize::MAX);
            let item = ChangeItem {
                audience: c.audience,
                group: c.group,
                id: c.id,
                title: c.title,
                before: c.before,
                after: c.after,
            };
            items.push((at, item));
        }
    }
    items.sort_by_key(|(at, item)| (item.audience, item.group, *at));
    items.into_iter().map(|(_, item)| item).collect()
}

fn is_status_group(group: Group) -> bool {
    matches!(
        group,
        Group::MovedForward
            | Group::MovedBackward
            | Group::FirstAssessed
            | Group::Withdrawn
            | Group::Rescoped
            | Group::StatusChanged
    )
}

impl App {
    /// The changes screen's list as last worked out, if any; it may be for a feed, baseline or
    /// marks since replaced (see [`App::comparing`]).
    pub fn change_list(&self) -> Option<&ChangeList> {
        self.change_list.kept.as_ref()
    }

    /// The changes screen's items as last worked out: none until the first list lands.
    pub fn change_items(&self) -> &[ChangeItem] {
        self.change_list().map_or(&[], |list| list.items.as_slice())
    }

    /// True while the changes screen's list is not yet worked out for what is on screen.
    pub fn comparing(&self) -> bool {
        match (self.changes_key(), self.change_list()) {
            (Some(key), Some(list)) => key != list.key,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    /// What a list of changes for what is on screen now would be worked out for.
    fn changes_key(&self) -> Option<ChangesKey> {
        Some(ChangesKey {
            feed: Arc::downgrade(self.feed.as_ref()?),
            baseline: self.baseline.as_ref().map(Arc::downgrade),
            marks: self.changes.version(),
            today: self.today(),
        })
    }

    /// The job that works out the changes screen's list, when the screen is up, its list does
    /// not fit what is on screen and none is being worked out.
    pub(super) fn changes_job(&mut self) -> Effect {
        if !matches!(self.view, View::Changes { .. }) || self.change_list.asked.is_some() {
            return Effect::None;
        }
        let (Some(key), Some(feed)) = (self.changes_key(), &self.feed) else {
            return Effect::None;
        };
        if self.change_list().is_some_and(|list| list.key == key) {
            return Effect::None;
        }
        self.change_list.asked = Some(key.clone());
        Effect::CompareChanges(ChangesJob {
            key,
            feed: Arc::clone(feed),
            baseline: self.baseline.clone(),
            marks: self.changes.clone(),
            public_only: self.kiosk.is_some(),
        })
    }

    /// Takes a list worked out in the background, when it is for what is on screen; one for
    /// what was since replaced is let go (and the list for what is on screen asked for, by
    /// [`App::changes_job`]). What is replaced or let go is freed away from the event loop.
    pub(super) fn on_changes_compared(&mut self, list: ChangeList) -> Effect {
        self.change_list.asked = None;
        let fits = self.changes_key().is_some_and(|key| key == list.key);
        let retired = match fits {
            true => self.change_list.kept.replace(list),
            false => Some(list),
        };
        let last = self.change_items().len().saturating_sub(1);
        if let View::Changes { selected } = &mut self.view {
            *selected = (*selected).min(last);
        }
        let freed = match retired {
            Some(list) => Effect::Retire(Box::new(Retired {
                change_list: Some(list),
                ..Retired::default()
            })),
            None => Effect::None,
        };
        let redraw = if fits { Effect::Redraw } else { Effect::None };
        Effect::all(vec![redraw, freed])
    }

    /// Opening the changes screen from another: a list asked for before and not back yet is
    /// asked for again, should its answer have been lost.
    pub(super) fn ask_changes_again(&mut self) {
        if !matches!(self.view, View::Changes { .. }) {
            self.change_list.asked = None;
        }
    }
}
