//! The probe's figures: p50, p99 and max per kind of key, and where the time of slow keys went.

use std::collections::BTreeMap;
use std::time::Duration;

use super::sched::Sched;
use super::{COLS, ROWS, Timed};

/// Prints p50, p99 and max per kind of key, by nearest rank.
pub fn report(
    timings: &BTreeMap<&str, Vec<Duration>>,
    silent: &BTreeMap<&str, usize>,
    settle: Duration,
) {
    println!(
        "{COLS}x{ROWS}, write to last byte, settle {} ms (not included)",
        settle.as_millis()
    );
    println!(
        "{:<34} {:>5} {:>9} {:>9} {:>9}",
        "key", "n", "p50 ms", "p99 ms", "max ms"
    );
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut all = Vec::new();
    for (kind, list) in timings {
        let mut list = list.clone();
        list.sort();
        if *kind != super::script::LISTED {
            all.extend_from_slice(&list);
        }
        println!(
            "{kind:<34} {:>5} {:>9.1} {:>9.1} {:>9.1}",
            list.len(),
            ms(rank(&list, 50)),
            ms(rank(&list, 99)),
            ms(*list.last().unwrap())
        );
    }
    all.sort();
    if !all.is_empty() {
        println!(
            "{:<34} {:>5} {:>9.1} {:>9.1} {:>9.1}",
            "all keys",
            all.len(),
            ms(rank(&all, 50)),
            ms(rank(&all, 99)),
            ms(*all.last().unwrap())
        );
    }
    for (kind, n) in silent {
        println!("{kind}: {n} key(s) redrew nothing");
    }
}

/// The `p`th percentile of a sorted list, by nearest rank.
pub fn rank(sorted: &[Duration], p: usize) -> Duration {
    let at = (sorted.len() * p).div_ceil(100).max(1) - 1;
    sorted[at.min(sorted.len() - 1)]
}

/// Lists the keys at least `slow`, with where their time went, and compares the event loop's
/// figures for them with those of the other keys (medians).
pub fn trace(keys: &[(Duration, &str, Timed)], slow: Duration) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "keys of {} ms or more (time after the first frame):",
        slow.as_millis()
    );
    for (after, kind, key) in keys.iter().filter(|(_, _, key)| key.took >= slow) {
        println!(
            "  {:>6.2} s  {kind:<26} {:>5.1} ms {:>6} B  {}",
            after.as_secs_f64(),
            ms(key.took),
            key.bytes,
            key.sched.line()
        );
        let reads: Vec<String> = (key.reads.iter())
            .map(|(after, n)| format!("{:.1}:{n}", ms(*after)))
            .collect();
        println!("             reads (ms:bytes) {}", reads.join(" "));
    }
    let (slow_keys, others): (Vec<&Timed>, Vec<&Timed>) = keys
        .iter()
        .map(|(_, _, key)| key)
        .partition(|key| key.took >= slow);
    for (what, list) in [("slow keys", slow_keys), ("other keys", others)] {
        if list.is_empty() {
            continue;
        }
        let median = |f: &dyn Fn(&Sched) -> Duration| {
            let mut values: Vec<Duration> = list.iter().map(|k| f(&k.sched)).collect();
            values.sort();
            ms(rank(&values, 50))
        };
        let mut bytes: Vec<u64> = list.iter().map(|k| k.bytes).collect();
        bytes.sort_unstable();
        let steal: u64 = list.iter().map(|k| k.sched.steal_ticks).sum();
        println!(
            "{what:<10} n={:<4} median: loop ran {:.1} ms, waited {:.1} ms; background ran {:.1} ms; \
             probe waited {:.1} ms; {} B; steal {steal} ticks in all",
            list.len(),
            median(&|s| s.main_run),
            median(&|s| s.main_wait),
            median(&|s| s.others_run),
            median(&|s| s.probe_wait),
            bytes[bytes.len() / 2],
        );
    }
}
