//! The changes screen's list, worked out off the event loop: the items the screen listed when it
//! worked them out at every key, lists for what was since replaced let go, and keys that move
//! through the kept list without asking for work.

use std::collections::HashMap;

use super::*;
use crate::app::baseline::Baseline;
use crate::app::change_list::{ChangeLine, ChangesJob};
use crate::app::time_screens::ChangeItem;
use crate::model::diff::{DiffOptions, Group, diff};
use crate::model::{Status, Visibility};

fn fixture(name: &str) -> Feed {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).expect("the fixture is there");
    parse(&bytes, name).expect("the fixture is valid")
}

fn baseline(feed: Feed, label: &str) -> Baseline {
    Baseline {
        label: label.into(),
        date: chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        feed,
    }
}

/// The job among an update's effects that lists the changes screen, if any.
fn changes_job(effect: Effect) -> Option<ChangesJob> {
    effects(effect).into_iter().find_map(|effect| match effect {
        Effect::CompareChanges(job) => Some(job),
        _ => None,
    })
}

/// What the console does with an update's effects: compares with a baseline and lists the
/// changes screen in the background, and sends the answers back, until nothing more is asked.
fn settle(app: &mut App, effect: Effect) {
    let mut pending = effects(effect);
    while let Some(effect) = pending.pop() {
        let answer = match effect {
            Effect::MarkBaseline(job) => Action::BaselineMarked(Box::new(job.run())),
            Effect::CompareChanges(job) => Action::ChangesCompared(Box::new(job.run())),
            _ => continue,
        };
        pending.extend(effects(app.update(answer)));
    }
}

/// The app on the later fixture, compared with the earlier one, a wall screen if `kiosk`.
fn app_with_baseline(kiosk: bool) -> App {
    let mut settings = crate::startup::default_settings().unwrap();
    if kiosk {
        settings.kiosk = Some(crate::startup::default_kiosk_settings().unwrap());
    }
    let mut app = App::with_settings("sample", now(), Rect::new(0, 0, 120, 40), settings);
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(fixture("diff-new.json")),
        at: now(),
    }));
    let effect = app.update(Action::Baseline(Box::new(baseline(
        fixture("diff-old.json"),
        "2025 report",
    ))));
    settle(&mut app, effect);
    app
}

/// The list as the changes screen worked it out at every key before: the same code, on the app.
fn items_as_before(app: &App) -> Vec<ChangeItem> {
    let Some(feed) = &app.feed else {
        return Vec::new();
    };
    let public_only = app.kiosk.is_some();
    let order: HashMap<&RecId, usize> = (feed.recommendations.iter().enumerate())
        .map(|(i, r)| (&r.id, i))
        .collect();
    let mut items: Vec<(usize, ChangeItem)> = Vec::new();
    for (i, rec) in feed.recommendations.iter().enumerate() {
        if public_only && rec.visibility == Visibility::Internal {
            continue;
        }
        if let Some(change) = app.changes.get(&rec.id) {
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
    if let Some(baseline) = &app.baseline {
        let options = DiffOptions {
            include_internal: !public_only,
            old_date: baseline.date,
            new_date: app.today(),
        };
        for c in diff(&baseline.feed, feed, options).changes {
            let status = matches!(
                c.group,
                Group::MovedForward
                    | Group::MovedBackward
                    | Group::FirstAssessed
                    | Group::Withdrawn
                    | Group::Rescoped
                    | Group::StatusChanged
            );
            if status {
                continue;
            }
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

#[test]
fn the_list_worked_out_off_the_event_loop_is_the_one_worked_out_at_every_key_before() {
    for kiosk in [false, true] {
        let mut app = app_with_baseline(kiosk);
        // A wall screen never opens the screen by a key; its list is worked out the same way.
        app.view = View::Changes { selected: 0 };
        let job = changes_job(app.update(Action::Tick(now()))).expect("the list is asked for");
        let list = job.run();
        let before = items_as_before(&app);
        assert_eq!(list.items, before, "kiosk {kiosk}");
        assert!(list.items.len() > 10, "{}", list.items.len());
        let groups: std::collections::HashSet<Group> = list.items.iter().map(|i| i.group).collect();
        assert!(groups.len() > 3, "{groups:?}");
        if kiosk {
            let internal: Vec<&RecId> = (app.feed.as_ref().unwrap().recommendations.iter())
                .filter(|r| r.visibility == Visibility::Internal)
                .map(|r| &r.id)
                .collect();
            assert!(!internal.is_empty());
            assert!(list.items.iter().all(|i| !internal.contains(&&i.id)));
        }
    }
}

#[test]
fn the_lines_head_each_audience_and_group_with_its_count() {
    let mut app = app_with_baseline(false);
    settle(&mut app, Effect::None);
    let effect = app.update(Action::ShowChanges);
    settle(&mut app, effect);
    let list = app.change_list().expect("the list landed");
    assert_eq!(list.lines.len(), {
        let audiences: std::collections::HashSet<usize> =
            list.items.iter().map(|i| i.audience).collect();
        let groups: std::collections::HashSet<(usize, Group)> =
            list.items.iter().map(|i| (i.audience, i.group)).collect();
        list.items.len() + audiences.len() + groups.len()
    });
    for (i, item) in list.items.iter().enumerate() {
        let at = list.line_of(i).unwrap();
        assert_eq!(list.lines[at], ChangeLine::Item(i));
        // Above it, first its group's heading, then its audience's.
        let heading = list.lines[..at].iter().rev().find_map(|line| match line {
            ChangeLine::Group { group, count } => Some((*group, *count)),
            _ => None,
        });
        let in_group = (list.items.iter())
            .filter(|x| x.audience == item.audience && x.group == item.group)
            .count();
        assert_eq!(heading, Some((item.group, in_group)));
        let audience = list.lines[..at].iter().rev().find_map(|line| match line {
            ChangeLine::Audience { audience, count } => Some((*audience, *count)),
            _ => None,
        });
        let in_audience = (list.items.iter())
            .filter(|x| x.audience == item.audience)
            .count();
        assert_eq!(audience, Some((item.audience, in_audience)));
    }
    assert_eq!(list.line_of(list.items.len()), None);
}

#[test]
fn keys_on_the_screen_move_through_the_kept_list_and_ask_for_no_work() {
    let mut app = app_with_baseline(false);
    let effect = app.update(Action::ShowChanges);
    assert!(app.comparing());
    let job = changes_job(effect).expect("C asks for the list");
    // Keys before the list lands ask for no second job, and move nowhere.
    for action in [Action::Down, Action::Bottom, Action::Open] {
        let effect = app.update(action);
        assert!(changes_job(effect).is_none());
    }
    assert_eq!(app.view, View::Changes { selected: 0 });
    assert_eq!(
        app.update(Action::ChangesCompared(Box::new(job.run()))),
        Effect::Redraw
    );
    assert!(!app.comparing());
    let last = app.change_items().len() - 1;
    for (action, selected) in [
        (Action::Down, 1),
        (Action::Bottom, last),
        (Action::Up, last - 1),
        (Action::Top, 0),
    ] {
        let effect = app.update(action);
        assert_eq!(effect, Effect::Redraw);
        assert_eq!(app.view, View::Changes { selected });
    }
    // Back and C again: the list is kept, nothing to work out.
    app.update(Action::Back);
    assert!(changes_job(app.update(Action::ShowChanges)).is_none());
    assert!(!app.comparing());
}

#[test]
fn a_list_for_a_feed_or_baseline_since_replaced_is_let_go_and_asked_for_again() {
    let mut app = app_with_baseline(false);
    let job = changes_job(app.update(Action::ShowChanges)).expect("C asks for the list");
    // A new feed arrives while the list is being worked out: the list is not for it.
    let mut newer = fixture("diff-new.json");
    newer.recommendations[0].status = Status::NoAction;
    let effect = app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(newer),
        at: now(),
    }));
    assert!(changes_job(effect).is_none(), "one job at a time");
    let effect = app.update(Action::ChangesCompared(Box::new(job.run())));
    assert!(
        app.change_list().is_none(),
        "the list for the old feed is let go"
    );
    assert!(app.comparing());
    let retired = effects(effect.clone())
        .iter()
        .any(|e| matches!(e, Effect::Retire(r) if !r.is_empty()));
    assert!(retired, "freed off the event loop: {effect:?}");
    let job = changes_job(effect).expect("the list for the new feed is asked for");
    settle(&mut app, Effect::CompareChanges(job));
    assert!(!app.comparing());
    assert_eq!(app.change_items(), items_as_before(&app).as_slice());

    // A new baseline: the list kept is shown, saying it is being compared, until the new one.
    let kept = app.change_items().to_vec();
    let effect = app.update(Action::Baseline(Box::new(baseline(sample(), "sample"))));
    assert!(app.comparing());
    assert_eq!(app.change_items(), kept.as_slice());
    settle(&mut app, effect);
    assert!(!app.comparing());
    assert_ne!(app.change_items(), kept.as_slice());
    assert_eq!(app.change_items(), items_as_before(&app).as_slice());
}

#[test]
fn marks_that_change_while_the_screen_is_up_are_listed_again() {
    let mut app = app_with_baseline(false);
    let effect = app.update(Action::ShowChanges);
    settle(&mut app, effect);
    let version = app.changes.version();
    // The marks of a change seen while running expire a window later.
    let mut moved = (**app.feed.as_ref().unwrap()).clone();
    moved.recommendations[1].status = Status::NoAction;
    let effect = app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(moved),
        at: now(),
    }));
    settle(&mut app, effect);
    assert!(app.changes.version() > version);
    assert!(!app.comparing());
    assert_eq!(app.change_items(), items_as_before(&app).as_slice());
    let later = now() + app.changes.window() + chrono::Duration::hours(1);
    let effect = app.update(Action::Tick(later));
    assert!(app.comparing(), "a mark expired");
    settle(&mut app, effect);
    assert!(!app.comparing());
    assert_eq!(app.change_items(), items_as_before(&app).as_slice());
}
