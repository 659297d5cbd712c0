//! One frame of the main screen at 100,000 recommendations, 120x40. Only the rows on screen are
//! built, so this should cost about what it costs for the 36-record sample. Target: 1 ms.
//!
//! ```text
//! cargo bench --bench render -- --warm-up-time 1 --measurement-time 3
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption is a failed run

use criterion::{Criterion, criterion_group, criterion_main};

use rapporteur::app::Action;
use rapporteur::feed::{SAMPLE_FEED_JSON, parse};
use rapporteur::ui::theme::ColourTheme;

mod support;

fn render(c: &mut Criterion) {
    let theme = ColourTheme::dark();
    let mut terminal = support::terminal();
    let mut group = c.benchmark_group("frame_100k");

    let mut app = support::app_with(support::feed(support::COUNT));
    group.bench_function("main_top", |b| {
        b.iter(|| support::draw(&mut terminal, &app, &theme));
    });

    // Deep in a pane: the offset must not cost anything.
    for _ in 0..500 {
        app.update(Action::PageDown);
    }
    group.bench_function("main_scrolled", |b| {
        b.iter(|| support::draw(&mut terminal, &app, &theme));
    });

    // A search in force: the visible titles are split around the highlighted matches.
    app.update(Action::Top);
    app.update(Action::Search);
    for c in "data".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Open);
    group.bench_function("main_search_highlight", |b| {
        b.iter(|| support::draw(&mut terminal, &app, &theme));
    });

    // The detail view of the selected recommendation.
    app.update(Action::Open);
    group.bench_function("detail", |b| {
        b.iter(|| support::draw(&mut terminal, &app, &theme));
    });
    group.finish();

    // The detail of a record at its caps (500 history entries and 500 notes, the most a record
    // keeps), opened in a feed of 100,000: opening it, and a key in it, each with its frame.
    let mut group = c.benchmark_group("detail_500_entries");
    let mut feed = support::feed(support::COUNT);
    // The record the detail opens on: the first of the first pane.
    let first = support::app_loading(feed.clone())
        .0
        .selected()
        .map(|r| r.id.clone());
    let entry = feed
        .recommendations
        .iter()
        .find_map(|r| r.history.first().cloned());
    let note = feed
        .recommendations
        .iter()
        .find_map(|r| r.notes.first().cloned());
    let (entry, note) = (entry.expect("some history"), note.expect("some notes"));
    let long = "Shelter places were added in two regions and the referral rules agreed. ".repeat(3);
    let rec = feed
        .recommendations
        .iter_mut()
        .find(|r| Some(&r.id) == first.as_ref());
    let rec = rec.expect("the first record");
    rec.history = (0..500)
        .map(|i| {
            let mut h = entry.clone();
            h.note = Some(format!("{i}: {long}"));
            h
        })
        .collect();
    rec.notes = (0..500)
        .map(|i| {
            let mut n = note.clone();
            n.text = format!("{i}: {long}");
            n
        })
        .collect();
    let mut app = support::app_with(feed);
    app.update(Action::Top);
    group.bench_function("open", |b| {
        b.iter(|| {
            app.update(Action::Open);
            support::draw(&mut terminal, &app, &theme);
            app.update(Action::Back);
        });
    });
    app.update(Action::Open);
    group.bench_function("scroll_down_up", |b| {
        b.iter(|| {
            app.update(Action::PageDown);
            support::draw(&mut terminal, &app, &theme);
            app.update(Action::PageUp);
            support::draw(&mut terminal, &app, &theme);
        });
    });
    group.finish();

    // The same screen for the 36-record sample: what a frame costs when the feed's size plays no
    // part, against which the figures above are read.
    let mut group = c.benchmark_group("frame_sample");
    let sample = parse(SAMPLE_FEED_JSON.as_bytes(), "sample").expect("the sample feed is valid");
    let app = support::app_with(sample);
    group.bench_function("main_top", |b| {
        b.iter(|| support::draw(&mut terminal, &app, &theme));
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
