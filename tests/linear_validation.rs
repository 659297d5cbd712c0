//! A guard against quadratic behaviour, not a performance test (those are in `benches/load.rs`):
//! a feed of 140,000 audiences, valid or broken everywhere, is loaded and summarised by
//! `rapporteur check` well within a bound that a quadratic path (18 s in release before the fix)
//! cannot meet even on a fast machine, and that a linear one meets in a debug build on a slow one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

#[path = "../benches/support/audiences.rs"]
mod audiences;

use std::time::{Duration, Instant};

use audiences::{AUDIENCES, wide_feed};
use rapporteur::check::check;
use rapporteur::feed::parse;

const BOUND: Duration = Duration::from_secs(10);

#[test]
fn a_valid_feed_of_140000_audiences_is_checked_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.json");
    let text = wide_feed(AUDIENCES, 20_000, false);
    std::fs::write(&path, &text).unwrap();
    let started = Instant::now();
    let options = rapporteur::startup::default_source_options().unwrap();
    let checked = check(
        &rapporteur::feed::Source::File(path.clone()),
        &options,
        false,
    );
    let (report, valid) = (checked.text, checked.accepted);
    let took = started.elapsed();
    assert!(valid, "{}", &report[..report.len().min(2_000)]);
    assert!(report.contains("recommendations: 20000"));
    assert!(took < BOUND, "check took {took:?} for {} bytes", text.len());
}

#[test]
fn a_feed_broken_in_every_audience_and_record_is_refused_in_linear_time() {
    let text = wide_feed(AUDIENCES, 20_000, true);
    let started = Instant::now();
    let err = parse(text.as_bytes(), "wide.json").expect_err("broken");
    let took = started.elapsed();
    // Half the audiences are repeats, and every record names a missing one.
    assert_eq!(err.problems.len(), AUDIENCES / 2 + 20_000);
    let first_missing = err
        .lines()
        .find(|line| line.contains("is not one of the feed's audiences"))
        .expect("a missing audience is reported");
    // The message lists a few audiences and counts the rest, not all 70,000.
    assert!(first_missing.contains("and 69988 more"), "{first_missing}");
    assert!(took < BOUND, "parse took {took:?} for {} bytes", text.len());
}
