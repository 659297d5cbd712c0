//! Filtering at 100,000 recommendations, as the user feels it: one key, then one frame.
//!
//! ```text
//! cargo bench --bench filter -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Each keystroke is `App::update` followed by a full draw into a 120x40 test terminal, the work
//! the event loop does between a key and the screen showing its effect. Target: 16 ms at the 99th
//! percentile (one frame at 60 Hz); criterion gives the typical time, `keystroke_p99` the tail.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption is a failed run

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};

use rapporteur::app::{Action, App};
use rapporteur::cli::ExportFormat;
use rapporteur::export;
use rapporteur::model::query::{self, Filter, Query, SearchIndex, SortKey};
use rapporteur::ui::theme::ColourTheme;

mod support;

/// Times `measured` (an update and a draw), then runs `undo` untimed to get back to the start.
fn keystroke_bench(
    app: &mut App,
    measured: &[Action],
    undo: &[Action],
) -> impl FnMut(u64) -> Duration {
    let theme = ColourTheme::dark();
    let mut terminal = support::terminal();
    move |iters| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            let start = Instant::now();
            for action in measured {
                black_box(app.update(action.clone()));
            }
            support::draw(&mut terminal, app, &theme);
            total += start.elapsed();
            for action in undo {
                app.update(action.clone());
            }
        }
        total
    }
}

fn filter(c: &mut Criterion) {
    let feed = support::feed(support::COUNT);
    let mut app = support::app_with(feed.clone());
    let mut group = c.benchmark_group("keystroke_100k");

    // The search index and its words are built in the background after a load (`app_with` does
    // it at once); keystroke_p99 reports them.
    app.update(Action::Search);

    // "e" is in every record, so "ev" must look again at all 100,000: the costliest narrowing.
    app.update(Action::Type('e'));
    group.bench_function("narrowing_e_to_ev", |b| {
        b.iter_custom(keystroke_bench(
            &mut app,
            &[Action::Type('v')],
            &[Action::Erase],
        ));
    });
    app.update(Action::Erase);

    // A first letter searches every record afresh: "e" matches them all (every row is rebuilt),
    // "z" matches none (every text is read to its end).
    group.bench_function("fresh_e_all_match", |b| {
        b.iter_custom(keystroke_bench(
            &mut app,
            &[Action::Type('e')],
            &[Action::Erase],
        ));
    });
    group.bench_function("fresh_z_none_match", |b| {
        b.iter_custom(keystroke_bench(
            &mut app,
            &[Action::Type('z')],
            &[Action::Erase],
        ));
    });
    app.update(Action::Back);

    // The other filters and the sort, with the search closed.
    group.bench_function("toggle_overdue", |b| {
        b.iter_custom(keystroke_bench(
            &mut app,
            &[Action::ToggleOverdue],
            &[Action::ToggleOverdue],
        ));
    });
    group.bench_function("cycle_sort", |b| {
        b.iter_custom(keystroke_bench(&mut app, &[Action::CycleSort], &[]));
    });
    group.finish();

    // The first search after each load builds the index.
    let mut group = c.benchmark_group("search_100k");
    group.sample_size(10);
    group.bench_function("index_build", |b| {
        b.iter(|| SearchIndex::build(&feed, false).len());
    });
    group.finish();

    // `rapporteur export` chooses rows with the same filter code, building the index each time.
    let mut group = c.benchmark_group("export_100k");
    group.sample_size(10);
    let today = support::now().date_naive();
    let searching = Query {
        filter: Filter {
            search: "evidence".to_owned(),
            ..Filter::default()
        },
        sort: SortKey::Due,
    };
    let unchanged = |_: &rapporteur::model::Recommendation| false;
    group.bench_function("select_search", |b| {
        b.iter(|| query::select(&feed, &searching, today, 365, &unchanged).len());
    });
    let everything = query::select(&feed, &Query::default(), today, 365, &unchanged);
    let settings = export::Settings {
        format: ExportFormat::Csv,
        columns: export::columns::choose(None, false, false).unwrap(),
        include_internal: false,
        excel: false,
        today,
        exported_at: support::now(),
    };
    let meta =
        export::header::Meta::new(&feed, &Filter::default(), None, 365, support::now(), false);
    group.bench_function("render_csv_all", |b| {
        b.iter(|| {
            let (bytes, _) = export::render(&feed, &everything, meta.clone(), &settings);
            bytes.map_or(0, |b| b.len())
        });
    });
    group.finish();
}

criterion_group!(benches, filter);
criterion_main!(benches);
