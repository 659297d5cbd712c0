//! Time at 100,000 recommendations: the diff of two versions, the progress series, and what
//! keeping a snapshot costs.
//!
//! ```text
//! cargo bench --bench time -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Targets: a diff under 1 s; the progress series of 100,000 records with 10 history entries
//! each under 200 ms.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption is a failed run

use std::hint::black_box;

use chrono::{Duration, NaiveDate};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use rapporteur::feed::archive::Archive;
use rapporteur::feed::tap::Body;
use rapporteur::model::diff::{DiffOptions, diff};
use rapporteur::model::progress_series::progress_series;
use rapporteur::model::{HistoryEntry, Status, StatusCounts};

mod support;

const RECORDS: usize = 100_000;

fn day() -> NaiveDate {
    support::now().date_naive()
}

fn bench_diff(c: &mut Criterion) {
    let old = support::feed(RECORDS);
    let mut new = old.clone();
    // Every tenth record moves, every hundredth leaves.
    for (i, rec) in new.recommendations.iter_mut().enumerate() {
        if i % 10 == 0 {
            rec.status = Status::KNOWN[(i / 10) % 6].clone();
        }
    }
    new.recommendations.retain(|r| r.id.0.len() % 100 != 0);
    let options = DiffOptions {
        include_internal: false,
        old_date: day() - Duration::days(365),
        new_date: day(),
    };
    c.bench_function("diff of two 100,000-record feeds", |b| {
        b.iter(|| black_box(diff(&old, &new, options)));
    });
}

fn bench_progress(c: &mut Criterion) {
    let mut feed = support::feed(RECORDS);
    let start = day() - Duration::days(900);
    for (i, rec) in feed.recommendations.iter_mut().enumerate() {
        rec.history = (0..10)
            .map(|k| HistoryEntry {
                date: start + Duration::days(((i % 40) + k * 80) as i64),
                status: Status::KNOWN[(i + k) % 6].clone(),
                note: None,
                author: None,
                visibility: rapporteur::model::Visibility::Public,
            })
            .collect();
    }
    c.bench_function(
        "progress series, 100,000 records x 10 history entries",
        |b| {
            b.iter(|| black_box(progress_series(&feed, day(), 24, false)));
        },
    );
}

fn bench_archive(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(&dir.path().join("archive.sqlite"), 1000).unwrap();
    for (name, count) in [("36 records", 36), ("100,000 records", RECORDS)] {
        let bytes = support::feed_bytes(count);
        let (_, hash) = support::time(|| rapporteur::feed::archive::digest_hex(&bytes));
        let (packed, pack) = support::time(|| rapporteur::feed::archive::compress(&bytes).unwrap());
        println!(
            "{name}: {} bytes, named (BLAKE3 of its pieces) in {}, compressed whole to {} bytes \
             in {} on one thread",
            bytes.len(),
            support::ms(hash),
            packed.len(),
            support::ms(pack)
        );
        let body = |bytes: Vec<u8>| Body {
            origin: String::new(),
            bytes: bytes.into(),
            fetched_at: support::now(),
            generated_at: support::now(),
            counts: StatusCounts::default(),
        };
        archive.record(name, &body(bytes.clone())).unwrap();
        let mut n = 0u64;
        c.bench_function(
            &format!("keep a new version of {name}, one record changed"),
            |b| {
                b.iter_batched(
                    || {
                        // A different text in the middle record each time: a new version.
                        n += 1;
                        body(changed_in_the_middle(&bytes, n))
                    },
                    |version| black_box(archive.record(name, &version).unwrap()),
                    BatchSize::PerIteration,
                );
            },
        );
        let same = body(bytes.clone());
        archive.record(name, &same).unwrap();
        c.bench_function(&format!("keep a snapshot kept already, {name}"), |b| {
            b.iter(|| black_box(archive.record(name, &same).unwrap()));
        });
        c.bench_function(&format!("keep the first snapshot of {name}"), |b| {
            b.iter_batched(
                || {
                    let fresh = tempfile::tempdir().unwrap();
                    let path = fresh.path().join("archive.sqlite");
                    (fresh, Archive::open(&path, 1000).unwrap())
                },
                |(fresh, mut empty)| {
                    black_box(empty.record(name, &same).unwrap());
                    (fresh, empty)
                },
                BatchSize::PerIteration,
            );
        });
    }
}

/// `bytes` with the middle record's text (its first `"text": "`) made to say `n`.
fn changed_in_the_middle(bytes: &[u8], n: u64) -> Vec<u8> {
    let needle = b"\"text\": \"";
    let from = bytes.len() / 2;
    let at = memchr::memmem::find(&bytes[from..], needle).map_or(bytes.len(), |i| from + i);
    let mut out = Vec::with_capacity(bytes.len() + 24);
    out.extend_from_slice(&bytes[..at]);
    out.extend_from_slice(format!("\"text\": \"Version {n}. ").as_bytes());
    out.extend_from_slice(&bytes[(at + needle.len()).min(bytes.len())..]);
    out
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench_diff, bench_progress, bench_archive
}
criterion_main!(benches);
