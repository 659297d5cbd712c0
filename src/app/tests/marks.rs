//! The change marks of a new feed, and those since the baseline, worked out off the event loop:
//! the same marks as worked out on it, and none kept for a feed or baseline no longer on screen.

use super::*;
use crate::app::baseline::{Baseline, changes_since};
use crate::app::marks::BaselineJob;
use crate::app::prepare::Prepared;
use crate::model::Status;

/// The sample with some statuses moved and, for odd `n`, one record gone.
fn moved(n: usize) -> Feed {
    let mut feed = sample();
    for (i, rec) in feed.recommendations.iter_mut().enumerate() {
        if (i + n).is_multiple_of(3) {
            rec.status = Status::KNOWN[(i + n) % 6].clone();
        }
    }
    if n % 2 == 1 {
        feed.recommendations.remove(n % 10);
    }
    feed
}

fn baseline(label: &str, n: usize) -> Baseline {
    Baseline {
        label: label.into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        feed: moved(n),
    }
}

fn loaded(feed: Feed) -> FeedMessage {
    FeedMessage::Loaded {
        feed: Box::new(feed),
        at: now(),
    }
}

/// The job an update asks for to compare the feed on screen with the baseline, if any.
fn baseline_job(effect: Effect) -> Option<BaselineJob> {
    effects(effect).into_iter().find_map(|effect| match effect {
        Effect::MarkBaseline(job) => Some(job),
        _ => None,
    })
}

/// What the console does with an update's effect: runs its baseline job, if any, and sends the
/// marks back.
fn settle(app: &mut App, effect: Effect) {
    if let Some(job) = baseline_job(effect) {
        app.update(Action::BaselineMarked(Box::new(job.run())));
    }
}

/// The feed of `message`, prepared off the event loop against what `app` shows now.
fn prepared(app: &App, message: FeedMessage) -> Action {
    Action::FeedPrepared(Box::new(Prepared::new(message, app.on_screen())))
}

fn with_baseline(mut app: App, baseline: Baseline) -> App {
    let effect = app.update(Action::Baseline(Box::new(baseline)));
    settle(&mut app, effect);
    app
}

#[test]
fn a_feed_prepared_ahead_is_marked_as_one_given_directly() {
    let mut direct = with_baseline(app(120, 40), baseline("June", 7));
    let mut ahead = with_baseline(app(120, 40), baseline("June", 7));
    assert_eq!(ahead.changes, direct.changes);
    for n in 1..5 {
        direct.update(Action::Feed(loaded(moved(n))));
        let action = prepared(&ahead, loaded(moved(n)));
        let effect = ahead.update(action);
        assert!(baseline_job(effect).is_none(), "marked ahead, load {n}");
        assert_eq!(ahead.changes, direct.changes, "load {n}");
        assert!(ahead.changes.len() > 3, "load {n}: {}", ahead.changes.len());
    }
}

#[test]
fn a_first_feed_prepared_ahead_is_seeded_from_its_history_as_one_given_directly() {
    for kiosk in [false, true] {
        let mut settings = crate::startup::default_settings().unwrap();
        settings.changed_window = chrono::Duration::days(7);
        if kiosk {
            settings.kiosk = Some(crate::startup::default_kiosk_settings().unwrap());
        }
        let fresh = App::with_settings("sample", now(), Rect::new(0, 0, 120, 40), settings);
        let mut direct = fresh.clone();
        direct.update(Action::Feed(loaded(sample())));
        let mut ahead = fresh.clone();
        let action = prepared(&ahead, loaded(sample()));
        ahead.update(action);
        assert_eq!(ahead.changes, direct.changes, "kiosk: {kiosk}");
        // The sample's DF-03 moved on 27 Nov.
        assert!(ahead.changes.get(&RecId("DF-03".into())).is_some());
    }
}

#[test]
fn marks_worked_out_against_a_feed_since_replaced_are_not_used() {
    let mut app = app(120, 40);
    let stale = prepared(&app, loaded(moved(2)));
    // A feed arrives by another way (a save) while that one is prepared.
    app.update(Action::Feed(loaded(moved(1))));
    app.update(stale);

    let mut direct = super::app(120, 40);
    direct.update(Action::Feed(loaded(moved(1))));
    direct.update(Action::Feed(loaded(moved(2))));
    assert_eq!(app.changes, direct.changes);
    // Against the sample, the marks would have been others.
    let mut skipped = super::app(120, 40);
    skipped.update(Action::Feed(loaded(moved(2))));
    assert_ne!(skipped.changes, direct.changes);
}

#[test]
fn a_baseline_replaced_while_a_feed_is_prepared_is_compared_in_the_background() {
    let mut app = with_baseline(app(120, 40), baseline("June", 7));
    let stale = prepared(&app, loaded(moved(2)));
    let effect = app.update(Action::Baseline(Box::new(baseline("March", 4))));
    settle(&mut app, effect);
    let all = effects(app.update(stale));
    // The marks worked out for the June baseline are freed off the event loop.
    assert!(all.iter().any(|e| matches!(e,
        Effect::Retire(r) if r.marks.as_ref().is_some_and(|m| !m.is_empty()))));
    let job = all.into_iter().find_map(|effect| match effect {
        Effect::MarkBaseline(job) => Some(job),
        _ => None,
    });
    app.update(Action::BaselineMarked(Box::new(job.expect("a job").run())));

    let mut direct = with_baseline(super::app(120, 40), baseline("March", 4));
    direct.update(Action::Feed(loaded(moved(2))));
    assert_eq!(app.changes, direct.changes);
}

#[test]
fn a_baseline_arriving_is_named_at_once_and_compared_in_the_background() {
    let mut app = app(120, 40);
    let unmarked = app.changes.clone();
    let job = baseline_job(app.update(Action::Baseline(Box::new(baseline("June", 7)))));
    assert_eq!(
        app.baseline.as_ref().map(|b| b.label.as_str()),
        Some("June")
    );
    assert_eq!(
        app.changes, unmarked,
        "nothing is compared on the event loop"
    );
    let effect = app.update(Action::BaselineMarked(Box::new(job.expect("a job").run())));
    assert!(effects(effect).contains(&Effect::Redraw));
    let mut expected = unmarked;
    let feed = app.feed.clone().unwrap();
    let changes = changes_since(&baseline("June", 7), &feed);
    assert!(changes.len() > 3);
    expected.set_since_baseline(changes);
    assert_eq!(app.changes, expected);
}

#[test]
fn marks_for_a_feed_or_baseline_no_longer_on_screen_are_let_go() {
    // The feed replaced while the job ran.
    let mut app = app(120, 40);
    let job = baseline_job(app.update(Action::Baseline(Box::new(baseline("June", 7)))));
    app.update(Action::Feed(loaded(moved(1))));
    let now_marked = app.changes.clone();
    let effect = app.update(Action::BaselineMarked(Box::new(job.expect("a job").run())));
    assert!(matches!(effect, Effect::Retire(r) if r.marks.is_some()));
    assert_eq!(app.changes, now_marked);

    // The baseline replaced while the job ran.
    let mut app = super::app(120, 40);
    let job = baseline_job(app.update(Action::Baseline(Box::new(baseline("June", 7)))));
    let newer = baseline_job(app.update(Action::Baseline(Box::new(baseline("March", 4)))));
    let before = app.changes.clone();
    let effect = app.update(Action::BaselineMarked(Box::new(job.expect("a job").run())));
    assert!(matches!(effect, Effect::Retire(_)));
    assert_eq!(app.changes, before);
    app.update(Action::BaselineMarked(Box::new(
        newer.expect("a job").run(),
    )));
    assert_ne!(app.changes, before);
}

#[test]
fn a_baseline_replaced_or_passed_over_is_freed_off_the_event_loop() {
    let mut app = with_baseline(app(120, 40), baseline("June", 7));
    let june = app.baseline.clone().expect("a baseline");
    let all = effects(app.update(Action::Baseline(Box::new(baseline("March", 4)))));
    assert!(all.iter().any(|e| matches!(e,
        Effect::Retire(r) if r.baseline.as_ref().is_some_and(|b| Arc::ptr_eq(b, &june)))));

    app.history.chosen = true;
    let effect = app.update(Action::Baseline(Box::new(baseline("May", 3))));
    assert!(matches!(effect, Effect::Retire(r) if r.baseline.is_some()));
    assert_eq!(
        app.baseline.as_ref().map(|b| b.label.as_str()),
        Some("March")
    );
}

#[test]
fn a_saved_feed_is_marked_as_one_from_the_source_its_changes_since_the_baseline_too() {
    use crate::app::action::Saved;
    use crate::app::changes::Delta;
    use crate::model::edit::{Edit, Fingerprint};
    // LP-01: no action at the baseline, implemented on screen, in progress once saved.
    let mut then = sample();
    then.recommendations[0].status = Status::NoAction;
    let june = Baseline {
        feed: then,
        ..baseline("June", 0)
    };
    let shown = with_baseline(app(120, 40), june.clone());
    let old = shown.feed.clone().expect("a feed");
    let mut written = sample();
    written.recommendations[0].status = Status::InProgress;
    let mut expected = shown.changes.clone();
    expected.apply(Delta::between(&old, &written), now());
    expected.set_since_baseline(changes_since(&june, &written));
    // Marked as before this was right: the changes since the baseline were the old feed's.
    let mut as_before = shown.changes.clone();
    as_before.compare(&old, &written, now());
    assert_ne!(as_before, expected);
    let undo = Edit::Restore {
        id: "LP-01".into(),
        record: serde_json::Value::Null,
    };
    let fingerprint = Fingerprint::of(b"saved");
    for ahead in [true, false] {
        let mut app = shown.clone();
        let saved = match ahead {
            true => Saved::prepared(written.clone(), fingerprint, undo.clone(), app.on_screen()),
            false => Saved {
                feed: written.clone(),
                fingerprint,
                undo: undo.clone(),
                ready: None,
            },
        };
        let effect = app.update(Action::Saved(Box::new(saved)));
        assert!(
            baseline_job(effect).is_none(),
            "marked on saving, ahead {ahead}"
        );
        assert_eq!(app.changes, expected, "ahead {ahead}");
        let lp01 = app
            .changes
            .get(&RecId("LP-01".into()))
            .expect("LP-01 moved");
        assert_eq!(
            (&lp01.from, &lp01.to),
            (&Status::Implemented, &Status::InProgress)
        );
    }
}
