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
