//! The quick way through a valid feed: its records are split into runs, one per core, and each run
//! is read and checked on its own thread.
//!
//! ```text
//! text --one pass: depth, where each record is--> head + text of each record
//!                          |
//!          +---------------+---------------+
//!       run 1 (this thread)   ...     run n (own thread)
//!       read + check              read + check
//!          +---------------+---------------+
//!                          |
//!              joined in order, ids unique? --> Feed
//! ```
//!
//! Anything wrong, however small, gives `None`: the caller then reads the feed again the careful
//! way, which names every problem and its place. So this path only has to be right about feeds
//! that are valid, and a test holds it to give exactly what the careful way gives.

use std::collections::HashSet;
use std::num::NonZero;
use std::thread;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::split::{Split, split};
use crate::feed::validate::{Basis, Fold, Head, Records, Rules};
use crate::feed::wire::objects::Object;
use crate::feed::wire::{WireFeed, WireRecommendation};
use crate::model::Feed;

/// Below this many records a run is not worth a thread of its own.
const MIN_RUN: usize = 2_000;

/// The feed in `text` without its records, and what `K` keeps of them, when it is valid
/// through and through.
pub fn valid_folded<K: Fold>(text: &str) -> Option<(Feed, K)> {
    folded_in_runs(
        text,
        thread::available_parallelism().map_or(1, NonZero::get),
    )
}

/// [`valid_folded`] with the records split into at most `runs` runs.
pub(super) fn folded_in_runs<K: Fold>(text: &str, runs: usize) -> Option<(Feed, K)> {
    let Split { head, records } = split(text)?;
    let head = checked_head(&head)?;
    let rules = head.rules();
    let basis = head.basis();
    let n = records.len();
    let records = check_runs::<K>(&records, &rules, &basis, runs)?;
    if !records.problems.is_empty() || has_duplicate_id(records.kept.ids(), n) {
        return None;
    }
    Some((head.into_feed(Vec::new(), records.warnings), records.kept))
}

/// The head of a feed (its text with the record list emptied), when it is valid through and
/// through.
pub(super) fn checked_head(text: &str) -> Option<Head> {
    let mut de = serde_json::Deserializer::from_str(text);
    let Object(wire) = Object::<WireFeed<IgnoredAny>>::deserialize(&mut de).ok()?;
    de.end().ok()?;
    let mut problems = Vec::new();
    let head = Head::check(&wire, &mut problems).ok()?;
    problems.is_empty().then_some(head)
}

/// Every record checked, in at most `runs` runs, each on its own thread.
fn check_runs<K: Fold>(
    raw: &[&str],
    rules: &Rules<'_>,
    basis: &Basis,
    runs: usize,
) -> Option<Records<K>> {
    let run = raw.len().div_ceil(runs.max(1)).max(MIN_RUN);
    let mut runs = raw.chunks(run).enumerate();
    let Some((_, first)) = runs.next() else {
        return Some(Records::with_capacity(basis, 0));
    };
    thread::scope(|scope| {
        let others: Vec<_> = runs
            .map(|(k, records)| {
                scope.spawn(move || check_run(k * run, records, records.len(), rules, basis))
            })
            .collect();
        // The first run's list holds them all in the end: room for all of them now spares
        // copying it again as the others are added.
        let mut all = check_run(0, first, raw.len(), rules, basis);
        for other in others {
            // A thread that panicked is a feed this path cannot vouch for; the careful path
            // decides.
            let next = other.join().ok().flatten();
            all = all.zip(next).map(|(mut all, next)| {
                all.append(next);
                all
            });
        }
        all
    })
}

/// The records of one run; `start` is the position of its first record in the feed.
pub(super) fn check_run<K: Fold>(
    start: usize,
    raw: &[&str],
    capacity: usize,
    rules: &Rules<'_>,
    basis: &Basis,
) -> Option<Records<K>> {
    let mut records = Records::with_capacity(basis, capacity);
    for (k, json) in raw.iter().enumerate() {
        let Object(wire) = serde_json::from_str::<Object<WireRecommendation<'_>>>(json).ok()?;
        records.add(start + k, wire, rules, |_| true);
        if !records.problems.is_empty() {
            return None;
        }
    }
    Some(records)
}

/// True when two of the `n` ids are the same: the careful path says which.
pub(super) fn has_duplicate_id<'a>(mut ids: impl Iterator<Item = &'a str>, n: usize) -> bool {
    let mut seen = HashSet::with_capacity(n);
    !ids.all(|id| seen.insert(id))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::feed::parse::mutation::Mutations;
    use crate::feed::parse::warning_feed::feed;

    use super::*;
    use crate::feed::parse::read_carefully;
    use crate::feed::validate::whole;
    use crate::model::Recommendation;

    /// The whole feed, records and all, by the quick path in at most `runs` runs.
    fn valid_feed_in_runs(text: &str, runs: usize) -> Option<Feed> {
        folded_in_runs::<Vec<Recommendation>>(text, runs).map(whole)
    }

    fn quick(value: &Value, runs: usize) -> Option<Feed> {
        valid_feed_in_runs(&value.to_string(), runs)
    }

    #[test]
    fn the_quick_path_gives_what_the_careful_path_gives() {
        let value = feed(4_500);
        let careful = read_carefully(&value.to_string(), "test").expect("a valid feed");
        assert!(careful.warnings.len() > 40, "{:?}", careful.warnings.len());
        for runs in [1, 2, 3, 8] {
            assert_eq!(quick(&value, runs).as_ref(), Some(&careful), "{runs} runs");
        }
    }

    #[test]
    fn the_sample_feed_built_on_the_catalogue_takes_the_quick_path() {
        let text = include_str!("../../../config/sample-feed.json");
        let careful = read_carefully(text, "test").ok();
        assert!(careful.is_some());
        assert_eq!(valid_feed_in_runs(text, 2), careful);
    }

    #[test]
    fn an_empty_list_of_records_is_a_valid_feed() {
        let mut value = feed(0);
        value["recommendations"] = json!([]);
        assert_eq!(
            quick(&value, 2),
            read_carefully(&value.to_string(), "test").ok()
        );
        assert!(quick(&value, 2).is_some());
    }

    #[test]
    fn a_problem_in_any_run_turns_the_feed_down() {
        for broken in [0, 2_000, 4_499] {
            let mut value = feed(4_500);
            value["recommendations"][broken]["due"] = json!("someday");
            assert_eq!(quick(&value, 3), None, "bad date in record {broken}");
            let mut value = feed(4_500);
            value["recommendations"][broken]["status"] = json!(7);
            assert_eq!(quick(&value, 3), None, "bad shape in record {broken}");
        }
    }

    #[test]
    fn an_id_repeated_across_runs_turns_the_feed_down() {
        let mut value = feed(4_500);
        value["recommendations"][4_400]["id"] = json!("R-00007");
        assert_eq!(quick(&value, 3), None);
        assert!(read_carefully(&value.to_string(), "test").is_err());
    }

    #[test]
    fn whatever_the_quick_path_accepts_the_careful_path_reads_the_same() {
        const PIECES: [&str; 14] = [
            " ",
            "x",
            "\"",
            "\\",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            "1",
            "\"k\": 1, ",
            "{\"id\": \"Z\", \"status\": \"in_progress\"}, ",
            "\"recommendations\": [], ",
        ];
        let text = feed(12).to_string();
        let mut edits = Mutations::new(0x2545_F491_4F6C_DD1D);
        let (mut accepted, mut refused) = (0, 0);
        for _ in 0..4_000 {
            let mutated = edits.mutate(&text, &PIECES);
            match valid_feed_in_runs(&mutated, 2) {
                Some(quick) => {
                    let careful = read_carefully(&mutated, "test");
                    assert_eq!(Some(quick), careful.ok(), "{mutated}");
                    accepted += 1;
                }
                None => refused += 1,
            }
        }
        // Both outcomes are exercised.
        assert!(
            accepted > 200 && refused > 200,
            "{accepted} accepted, {refused} refused"
        );
    }

    #[test]
    fn nesting_too_deep_anywhere_turns_the_feed_down() {
        let mut value = feed(10);
        let mut deep = json!(1);
        for _ in 0..200 {
            deep = json!([deep]);
        }
        value["recommendations"][9]["extra"] = deep;
        let text = serde_json::to_string(&value).expect("serialises");
        assert_eq!(valid_feed_in_runs(&text, 2), None);
        assert!(crate::feed::parse(text.as_bytes(), "test").is_err());
    }
}
