//! Loading the 100,000-record synthetic feed: `rapporteur::feed::parse` as a whole, and its parts,
//! so a regression can be traced to JSON reading or to validation.
//!
//! ```text
//! cargo bench --bench load -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! The target (parse at most 0.15 x the time of `jq empty`) is checked with hyperfine on the
//! release binary; see docs/performance.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption is a failed run

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use serde::de::IgnoredAny;

use rapporteur::feed::parse;
use rapporteur::feed::validate::validate;
use rapporteur::feed::wire::WireFeed;

mod support;

fn load(c: &mut Criterion) {
    let bytes = support::feed_bytes(support::COUNT);
    let text = std::str::from_utf8(&bytes).expect("the generator writes UTF-8");
    let mut group = c.benchmark_group("load_100k");
    // Each run reads 170 MB; ten samples are plenty to see a median.
    group.sample_size(10);

    group.bench_function("parse", |b| {
        b.iter(|| parse(black_box(&bytes), "synthetic").expect("valid"));
    });
    // The same without freeing the feed inside the measurement: the difference is what dropping
    // 100,000 records costs (which `rapporteur check` pays just before it exits).
    group.bench_function("parse_without_drop", |b| {
        b.iter_with_large_drop(|| parse(black_box(&bytes), "synthetic").expect("valid"));
    });
    // A floor: the least any serde_json reader of these bytes can cost.
    group.bench_function("json_syntax_only", |b| {
        b.iter(|| serde_json::from_str::<IgnoredAny>(black_box(text)).expect("valid"));
    });
    group.bench_function("json_to_wire", |b| {
        b.iter(|| serde_json::from_str::<WireFeed>(black_box(text)).expect("valid"));
    });
    group.bench_function("validate_wire", |b| {
        b.iter_batched(
            || serde_json::from_str::<WireFeed>(text).expect("valid"),
            |wire| validate(wire).expect("valid"),
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

/// 140,000 audiences and 1,000 records (about 4 MB): validation must stay linear in the
/// audiences. The target is under half a second; it took 18 s while duplicates were looked
/// for by a search of the list.
fn wide(c: &mut Criterion) {
    let bytes = support::audiences::wide_feed(support::audiences::AUDIENCES, 1_000, false);
    let mut group = c.benchmark_group("audiences_140k");
    group.sample_size(10);
    group.bench_function("parse", |b| {
        b.iter(|| parse(black_box(bytes.as_bytes()), "wide").expect("valid"));
    });
    group.finish();
}

criterion_group!(benches, load, wide);
criterion_main!(benches);
