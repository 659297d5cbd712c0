//! The change marks at 100,000 records: what each step costs where it runs. Before, comparing a
//! new feed with the one on screen, seeding a first feed's marks from its history and comparing
//! with the baseline ran on the event loop at each load; now they run on a blocking thread
//! (`Prepared::new`, `Effect::MarkBaseline`) and the event loop only takes the result in.
//!
//! ```text
//! cargo bench --bench marks
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption is a failed run

use std::time::Duration;

use rapporteur::app::baseline::{Baseline, changes_since};
use rapporteur::app::changes::{Delta, seeds};
use rapporteur::app::prepare::Prepared;
use rapporteur::app::{Action, App, Effect};
use rapporteur::model::{Feed, FeedMessage, Status};

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

/// Runs the baseline job among `effect`, as the console does, and sends its marks back.
fn settle(app: &mut App, effect: Effect) {
    let mut pending = vec![effect];
    while let Some(effect) = pending.pop() {
        match effect {
            Effect::Batch(list) => pending.extend(list),
            Effect::MarkBaseline(job) => {
                pending.push(app.update(Action::BaselineMarked(Box::new(job.run()))));
            }
            _ => {}
        }
    }
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
}
