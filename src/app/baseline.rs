//! The baseline: the feed the change marks compare with, such as the snapshot of the last report.
//!
//! A record is changed since the baseline when its status differs from the baseline's, or when
//! its own history shows a status change after the baseline's date, even if the baseline never
//! held the record or the console never saw the earlier state.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::action::{Action, Effect};
use super::background::Retired;
use super::changes::Change;
use super::{App, View};
use crate::model::{Feed, RecId, Status};

/// A feed to compare with, and how to name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    /// How the header names it: "31 Dec 2025", "2025 report", a file name.
    pub label: String,
    /// The day it stands for.
    pub date: NaiveDate,
    /// The feed as it was.
    pub feed: Feed,
}

/// A snapshot in the archive that `b` offers as a baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotChoice {
    /// Its id in the archive.
    pub id: i64,
    /// When it was read, and its pinned name if any, as the list shows it.
    pub label: String,
}

/// What the console knows of the archive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryState {
    /// The snapshots of the feed on screen, newest first.
    pub choices: Vec<SnapshotChoice>,
    /// A baseline was picked with `b`: the default one found after later loads does not
    /// replace it.
    pub chosen: bool,
}

/// The changes of `feed` since `baseline`, by record.
pub fn changes_since(baseline: &Baseline, feed: &Feed) -> HashMap<RecId, Change> {
    let then: HashMap<&RecId, &Status> = baseline
        .feed
        .recommendations
        .iter()
        .map(|r| (&r.id, &r.status))
        .collect();
    let at_baseline = moment(baseline.date);
    let mut out = HashMap::new();
    for rec in &feed.recommendations {
        let moved_after = rec.history.iter().rev().find(|h| h.date > baseline.date);
        let from = match then.get(&rec.id) {
            Some(status) => Some((*status).clone()),
            None if moved_after.is_some() => {
                // The status the history gives at the baseline's date; before the first entry
                // the status is unknown, so the first entry after the date is the start.
                let before = rec.history.iter().rev().find(|h| h.date <= baseline.date);
                let first_after = rec.history.iter().find(|h| h.date > baseline.date);
                before.or(first_after).map(|h| h.status.clone())
            }
            None => None,
        };
        let Some(from) = from.filter(|from| *from != rec.status) else {
            continue;
        };
        let at = moved_after.map_or(at_baseline, |h| moment(h.date));
        let change = Change {
            from,
            to: rec.status.clone(),
            at,
        };
        out.insert(rec.id.clone(), change);
    }
    out
}

impl App {
    /// Marks the changes of the feed on screen since the baseline, when both are there.
    /// Marks the changes of the feed on screen since the baseline, when both are there, here on
    /// the event loop: for a feed given without being prepared ahead.
    pub(super) fn mark_since_baseline(&mut self) {
        if let (Some(baseline), Some(feed)) = (&self.baseline, &self.feed) {
            let changes = changes_since(baseline, feed);
            self.changes.set_since_baseline(changes);
        }
    }

    /// Puts a new baseline in force: the header names it at once, and the feed on screen is
    /// compared with it in the background (see [`App::on_baseline_marked`]); until then the
    /// marks of the baseline before stay. The baseline replaced is freed away from the event
    /// loop.
    fn set_baseline(&mut self, baseline: Baseline) -> Effect {
        let replaced = self.baseline.replace(Arc::new(baseline));
        let freed = retire_baseline(replaced);
        Effect::all(vec![Effect::Redraw, self.baseline_job(), freed])
    }

    /// What the history work off the event loop sends back: the baseline, the progress series,
    /// or a notice to say once.
    pub(super) fn on_history(&mut self, action: Action) -> Effect {
        match action {
            Action::Baseline(baseline) if self.history.chosen => {
                return retire_baseline(Some(Arc::new(*baseline)));
            }
            Action::Baseline(baseline) => return self.set_baseline(*baseline),
            Action::BaselineChosen(baseline) => {
                self.history.chosen = true;
                if matches!(self.view, View::Baselines { .. }) {
                    self.view = View::Main;
                }
                return self.set_baseline(*baseline);
            }
            Action::BaselineMarked(marks) => return self.on_baseline_marked(*marks),
            Action::SnapshotChoices(choices) => self.history.choices = choices,
            Action::ProgressComputed(series) => self.progress = Some(*series),
            Action::HistoryNotice(why) => self.notify(why),
            _ => return Effect::None,
        }
        Effect::Redraw
    }
}

impl App {
    /// Opens the list of snapshots to pick a baseline from.
    pub(super) fn show_baselines(&mut self) -> Effect {
        self.view = View::Baselines { selected: 0 };
        Effect::Redraw
    }

    /// Keys on the list of snapshots: move, choose (the snapshot is read in the background and
    /// comes back as [`Action::BaselineChosen`]), go back.
    pub(super) fn on_baselines_key(&mut self, action: Action) -> Effect {
        let View::Baselines { selected } = self.view else {
            return Effect::None;
        };
        let last = self.history.choices.len().saturating_sub(1);
        let next = match action {
            Action::Back => {
                self.view = View::Main;
                return Effect::Redraw;
            }
            Action::Open => {
                return match self.history.choices.get(selected) {
                    Some(choice) => Effect::LoadBaseline(choice.id),
                    None => Effect::None,
                };
            }
            Action::Down | Action::WheelDown { .. } => (selected + 1).min(last),
            Action::Up | Action::WheelUp { .. } => selected.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return Effect::None,
        };
        self.view = View::Baselines { selected: next };
        Effect::Redraw
    }
}

/// Frees a baseline away from the event loop: it holds a whole feed.
fn retire_baseline(baseline: Option<Arc<Baseline>>) -> Effect {
    match baseline {
        Some(baseline) => Effect::Retire(Box::new(Retired {
            baseline: Some(baseline),
            ..Retired::default()
        })),
        None => Effect::None,
    }
}

fn moment(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::MIN).and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::{SAMPLE_FEED_JSON, parse};
    use crate::model::{Direction, HistoryEntry};

    fn sample() -> Feed {
        parse(SAMPLE_FEED_JSON.as_bytes(), "sample").unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_status_other_than_the_baselines_is_a_change() {
        let old = sample();
        let mut new = old.clone();
        new.recommendations[0].status = Status::InProgress; // LP-01 was implemented
        let baseline = Baseline {
            label: "2025 report".into(),
            date: day(2027, 1, 1),
            feed: old,
        };
        let changes = changes_since(&baseline, &new);
        assert_eq!(changes.len(), 1);
        let lp01 = &changes[&RecId("LP-01".into())];
        assert_eq!(lp01.from, Status::Implemented);
        assert_eq!(
            Direction::of(&lp01.from, &lp01.to),
            Some(Direction::Backward)
        );
    }

    #[test]
    fn the_feeds_own_history_counts_when_the_baseline_never_held_the_record() {
        let feed = sample();
        let mut old = feed.clone();
        old.recommendations.clear();
        // The sample: MR-04 implemented -> partial on 26 Nov, DF-03 in progress -> no action on
        // 27 Nov 2026.
        let baseline = Baseline {
            label: "31 Oct 2026".into(),
            date: day(2026, 10, 31),
            feed: old,
        };
        let changes = changes_since(&baseline, &feed);
        let mr04 = &changes[&RecId("MR-04".into())];
        assert_eq!(mr04.from, Status::Implemented);
        assert_eq!(mr04.to, Status::PartiallyImplemented);
        let df03 = &changes[&RecId("DF-03".into())];
        assert_eq!(df03.from, Status::InProgress);
        // A record whose history stops before the baseline is not a change.
        assert!(!changes.contains_key(&RecId("LP-01".into())));
    }

    #[test]
    fn a_history_that_moves_and_comes_back_is_no_change() {
        let mut feed = sample();
        let rec = &mut feed.recommendations[0];
        rec.status = Status::InProgress;
        rec.history = vec![
            HistoryEntry {
                date: day(2026, 1, 1),
                status: Status::InProgress,
                note: None,
                author: None,
                visibility: crate::model::Visibility::Public,
            },
            HistoryEntry {
                date: day(2026, 3, 1),
                status: Status::Implemented,
                note: None,
                author: None,
                visibility: crate::model::Visibility::Public,
            },
            HistoryEntry {
                date: day(2026, 4, 1),
                status: Status::InProgress,
                note: None,
                author: None,
                visibility: crate::model::Visibility::Public,
            },
        ];
        let mut old = feed.clone();
        old.recommendations.clear();
        let baseline = Baseline {
            label: "x".into(),
            date: day(2026, 2, 1),
            feed: old,
        };
        let id = feed.recommendations[0].id.clone();
        assert!(!changes_since(&baseline, &feed).contains_key(&id));
    }
}
