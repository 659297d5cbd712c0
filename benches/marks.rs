//! The change marks at 100,000 records: what each step costs where it runs. Before, comparing a
//! new feed with the one on screen, seeding a first feed's marks from its history and comparing
//! with the baseline ran on the event loop at each load; now they run on a blocking thread
//! (`Prepared::new`, `Effect::MarkBaseline`) and the event loop only takes the result in.
//!
//! The changes screen (`C`) and a save at the same scale: before, the screen compared the feed
//! with the baseline at every key and every frame, and a save compared the feed written with the
//! one on screen and sorted it on the event loop; now the list is worked out once on a blocking
//! thread (`ChangesJob`) and kept, and a save is prepared where it is written (`Saved::prepared`).
//!
//! ```text
//! cargo bench --bench marks
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption is a failed run

use std::time::Duration;

use rapporteur::app::action::Saved;
use rapporteur::app::baseline::{Baseline, changes_since};
use rapporteur::app::change_list::change_items;
use rapporteur::app::changes::{Delta, seeds};
use rapporteur::app::prepare::Prepared;
use rapporteur::app::{Action, App, Effect, View};
use rapporteur::model::edit::{Edit, Fingerprint};
use rapporteur::model::{Feed, FeedMessage, Status};
use rapporteur::ui::theme::ColourTheme;

mod support;

use support::{Percentiles, time};

/// Repeats of each step.
const REPEATS: usize = 10;

/// `old` with every tenth record moved and every hundredth gone.
fn next_version(old: &Feed) -> Feed {
    let mut new = old.clone();
    for (i, rec) in new.recommendations.iter_mut().enumerate() {
        if i % 10 == 0 {
            rec.status = Status::KNOWN[(i / 10 + 1) % 6].clone();
        }
    }
    let mut i = 0;
    new.recommendations.retain(|_| {
        i += 1;
        i % 100 != 0
    });
    new
}

fn loaded(feed: Feed) -> FeedMessage {
    FeedMessage::Loaded {
        feed: Box::new(feed),
        at: support::now(),
    }
}

/// Times `step` on a fresh input made by `setup` (not timed), REPEATS times. What `step`
/// returns is dropped after the timing: the console frees it off the event loop.
fn repeat<I, O>(mut setup: impl FnMut() -> I, mut step: impl FnMut(I) -> O) -> Percentiles {
    let mut timings: Vec<Duration> = Vec::new();
    for _ in 0..REPEATS {
        let input = setup();
        let (out, took) = time(|| step(input));
        timings.push(took);
        drop(out);
    }
    Percentiles::of(timings)
}

/// Runs the baseline job and the changes screen's among `effect`, as the console does, and
/// sends their answers back.
fn settle(app: &mut App, effect: Effect) {
    let mut pending = vec![effect];
    while let Some(effect) = pending.pop() {
        match effect {
            Effect::Batch(list) => pending.extend(list),
            Effect::MarkBaseline(job) => {
                pending.push(app.update(Action::BaselineMarked(Box::new(job.run()))));
            }
            Effect::CompareChanges(job) => {
                pending.push(app.update(Action::ChangesCompared(Box::new(job.run()))));
            }
            _ => {}
        }
    }
}

/// The changes screen: a key there (update and frame), the list worked out as every key and
/// frame did before, and now once in the background.
fn changes_screen(app: &App, theme: &ColourTheme) {
    let mut app = app.clone();
    let effect = app.update(Action::ShowChanges);
    let Effect::CompareChanges(job) = effect else {
        panic!("C asks for the list: {effect:?}");
    };
    let (feed, baseline) = (app.feed.clone().unwrap(), app.baseline.clone().unwrap());
    let listed = repeat(
        || (),
        |()| change_items(&feed, Some(&baseline), &app.changes, app.today(), false),
    );
    let (list, _) = time(|| job.clone().run());
    println!(
        "changes screen: {} changes since the baseline, {} lines",
        list.items.len(),
        list.lines.len()
    );
    println!(
        "{}",
        listed.line("the list worked out (each key, each frame before)")
    );
    let job_time = repeat(|| job.clone(), |job| job.run());
    println!(
        "{}",
        job_time.line("ChangesJob::run (off the event loop now)")
    );
    let mut terminal = support::terminal();
    let opened = repeat(
        || {
            let mut app = app.clone();
            app.view = View::Main;
            app
        },
        |mut app| {
            let effect = app.update(Action::ShowChanges);
            support::draw(&mut terminal, &app, theme);
            (app, effect)
        },
    );
    println!("{}", opened.line("C now: update and frame, comparing…"));
    app.update(Action::ChangesCompared(Box::new(list)));
    let keys = [Action::Down, Action::Down, Action::PageDown, Action::Up];
    let mut timings = Vec::new();
    for i in 0..REPEATS * 20 {
        let action = keys[i % keys.len()].clone();
        let (_, took) = time(|| {
            let effect = app.update(action);
            support::draw(&mut terminal, &app, theme);
            effect
        });
        timings.push(took);
    }
    let keyed = support::Percentiles::of(timings);
    println!(
        "{}",
        keyed.line("a key now (j, PageDown, k): update and frame")
    );
}

/// A save put on screen: prepared where it is written (now), or not (the event loop compares
/// it with the feed before and the baseline, and sorts it).
fn save(shown: &App, written: &Feed) {
    let answer = |ready: bool, app: &App| {
        let undo = Edit::Restore {
            id: written.recommendations[0].id.0.clone(),
            record: serde_json::Value::Null,
        };
        let fingerprint = Fingerprint::of(b"saved");
        match ready {
            true => Saved::prepared(written.clone(), fingerprint, undo, app.on_screen()),
            false => Saved {
                feed: written.clone(),
                fingerprint,
                undo,
                ready: None,
            },
        }
    };
    for (ready, what) in [
        (false, "update(Saved), worked out on it"),
        (true, "update(Saved), prepared ahead (now)"),
    ] {
        let put = repeat(
            || {
                let app = shown.clone();
                let saved = answer(ready, &app);
                (app, saved)
            },
            |(mut app, saved)| {
                let effect = app.update(Action::Saved(Box::new(saved)));
                (app, effect)
            },
        );
        println!("{}", put.line(what));
    }
    let (_, took) = time(|| answer(true, shown));
    println!(
        "Saved::prepared (where the file is written): {}",
        support::ms(took)
    );
}

fn main() {
    let old = support::feed(support::COUNT);
    let new = next_version(&old);
    let baseline = Baseline {
        label: "a year ago".into(),
        date: support::now().date_naive() - chrono::Duration::days(365),
        feed: old.clone(),
    };
    let mut shown = support::app_with(old.clone());
    let effect = shown.update(Action::Baseline(Box::new(baseline.clone())));
    settle(&mut shown, effect);
    let log = shown.changes.clone();
    let (now, window) = (support::now(), log.window());
    println!(
        "marks: {} records, {} moved, {} gone; {} changed since the baseline",
        old.recommendations.len(),
        old.recommendations.len() / 10,
        old.recommendations.len() - new.recommendations.len(),
        changes_since(&baseline, &new).len()
    );

    println!("Each on the event loop before, on a blocking thread now:");
    let compare = repeat(
        || log.clone(),
        |mut log| log.compare(&old, &new, support::now()),
    );
    println!("{}", compare.line("ChangeLog::compare"));
    let seed = repeat(
        || log.clone(),
        |mut log| log.seed_from_history(&new, now, false),
    );
    println!("{}", seed.line("ChangeLog::seed_from_history"));
    let since = repeat(|| (), |()| changes_since(&baseline, &new));
    println!("{}", since.line("changes_since (baseline)"));

    println!("What the event loop does with them now:");
    let delta = Delta::between(&old, &new);
    let apply = repeat(
        || (log.clone(), delta.clone()),
        |(mut log, delta)| log.apply(delta, support::now()),
    );
    println!("{}", apply.line("ChangeLog::apply (a delta)"));
    let seeded = seeds(&new, now, window, false);
    let add = repeat(
        || (log.clone(), seeded.clone()),
        |(mut log, seeded)| log.add_seeds(seeded),
    );
    println!("{}", add.line("ChangeLog::add_seeds"));
    let marked = repeat(
        || {
            let mut app = shown.clone();
            let effect = app.update(Action::Baseline(Box::new(baseline.clone())));
            let mut pending = vec![effect];
            let mut job = None;
            while let Some(effect) = pending.pop() {
                match effect {
                    Effect::Batch(list) => pending.extend(list),
                    Effect::MarkBaseline(found) => job = Some(found),
                    _ => {}
                }
            }
            (app, job.expect("a baseline job").run())
        },
        |(mut app, marks)| {
            let effect = app.update(Action::BaselineMarked(Box::new(marks)));
            (app, effect)
        },
    );
    println!("{}", marked.line("update(BaselineMarked)"));

    println!("A new feed, prepared off the event loop, put on screen (update):");
    let ahead = repeat(
        || {
            let app = shown.clone();
            let prepared = Prepared::new(loaded(new.clone()), app.on_screen());
            (app, prepared)
        },
        |(mut app, prepared)| {
            let effect = app.update(Action::FeedPrepared(Box::new(prepared)));
            (app, effect)
        },
    );
    println!("{}", ahead.line("update(FeedPrepared), marked ahead"));
    let unmarked = App::with_settings(
        "elsewhere",
        support::now(),
        shown.size,
        shown.settings.clone(),
    );
    let inline = repeat(
        || {
            let app = shown.clone();
            // Prepared against another screen: the marks are worked out on the event loop, the
            // baseline's in the background.
            let prepared = Prepared::new(loaded(new.clone()), unmarked.on_screen());
            (app, prepared)
        },
        |(mut app, prepared)| {
            let effect = app.update(Action::FeedPrepared(Box::new(prepared)));
            (app, effect)
        },
    );
    println!("{}", inline.line("update(FeedPrepared), compared on it"));

    // The feed on screen moved since the baseline: the changes screen lists its changes.
    let mut on_new = support::app_with(new.clone());
    let effect = on_new.update(Action::Baseline(Box::new(baseline.clone())));
    settle(&mut on_new, effect);
    changes_screen(&on_new, &ColourTheme::dark());
    println!("A save of one record put on screen:");
    let mut written = new.clone();
    written.recommendations[0].status = Status::KNOWN[3].clone();
    save(&on_new, &written);
}
