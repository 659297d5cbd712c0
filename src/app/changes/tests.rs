//! The change log's marks: moves told apart, windows, seeds, and the parts done off the event
//! loop giving what the whole did.

use super::*;
use crate::feed::{SAMPLE_FEED_JSON, parse};
use chrono::TimeZone;

fn sample() -> Feed {
    parse(SAMPLE_FEED_JSON.as_bytes(), "sample").expect("valid")
}

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, hour, 0, 0).unwrap()
}

#[test]
fn forward_and_backward_moves_are_told_apart() {
    let old = sample();
    let mut new = old.clone();
    new.recommendations[0].status = Status::PartiallyImplemented; // LP-01 was implemented
    new.recommendations[2].status = Status::Implemented; // LP-03 was in progress
    let mut log = ChangeLog::new(Duration::hours(24));
    log.compare(&old, &new, at(9));
    assert_eq!(log.len(), 2);
    let lp01 = log.get(&RecId("LP-01".into())).unwrap();
    assert_eq!(lp01.direction(), Direction::Backward);
    let lp03 = log.get(&RecId("LP-03".into())).unwrap();
    assert_eq!(lp03.direction(), Direction::Forward);
}

#[test]
fn marks_expire_when_the_window_ends() {
    let old = sample();
    let mut new = old.clone();
    new.recommendations[0].status = Status::NoAction;
    let mut log = ChangeLog::new(Duration::hours(2));
    log.compare(&old, &new, at(9));
    assert!(!log.expire(at(11)));
    assert!(log.expire(at(12)));
    assert!(log.is_empty());
}

#[test]
fn a_fresh_start_marks_what_the_history_dates_within_the_window() {
    let feed = sample();
    // The sample's DF-03 moved from in progress to no action on 27 Nov 2026.
    let mut log = ChangeLog::new(Duration::days(7));
    log.seed_from_history(&feed, at(12), false);
    let df03 = log
        .get(&RecId("DF-03".into()))
        .expect("DF-03 changed on 27 Nov");
    assert_eq!(df03.direction(), Direction::Backward);
    let mut short = ChangeLog::new(Duration::hours(24));
    short.seed_from_history(&feed, at(12), false);
    assert!(short.get(&RecId("DF-03".into())).is_none());
}

#[test]
fn a_history_entry_dated_in_the_future_is_never_a_recent_change() {
    let mut feed = sample();
    let df03 = feed
        .recommendations
        .iter_mut()
        .find(|r| r.id.0 == "DF-03")
        .unwrap();
    let last = df03.history.last_mut().unwrap();
    last.date = chrono::NaiveDate::from_ymd_opt(2099, 1, 1).unwrap();
    let mut log = ChangeLog::new(Duration::days(36_500));
    log.seed_from_history(&feed, at(12), false);
    assert!(log.get(&RecId("DF-03".into())).is_none());
}

#[test]
fn a_wall_screen_is_not_seeded_from_internal_history() {
    let mut feed = sample();
    let df03 = feed
        .recommendations
        .iter_mut()
        .find(|r| r.id.0 == "DF-03")
        .expect("DF-03 is in the sample");
    df03.history
        .last_mut()
        .expect("DF-03 has history")
        .visibility = Visibility::Internal;
    let mut wall = ChangeLog::new(Duration::days(7));
    wall.seed_from_history(&feed, at(12), true);
    assert!(wall.get(&RecId("DF-03".into())).is_none());
    let mut staff = ChangeLog::new(Duration::days(7));
    staff.seed_from_history(&feed, at(12), false);
    assert!(staff.get(&RecId("DF-03".into())).is_some());
}

#[test]
fn records_that_left_the_feed_are_forgotten() {
    let old = sample();
    let mut new = old.clone();
    new.recommendations[0].status = Status::NoAction;
    let mut log = ChangeLog::new(Duration::hours(24));
    log.compare(&old, &new, at(9));
    let mut smaller = new.clone();
    smaller.recommendations.remove(0);
    log.compare(&new, &smaller, at(10));
    assert!(log.is_empty());
}

/// The comparison as it was before it could be worked out off the event loop: the marks
/// must be the same.
fn compare_as_before(log: &mut ChangeLog, old: &Feed, new: &Feed, at: DateTime<Utc>) {
    let before: HashMap<&RecId, &Status> = old
        .recommendations
        .iter()
        .map(|r| (&r.id, &r.status))
        .collect();
    for rec in &new.recommendations {
        if let Some(&from) = before.get(&rec.id)
            && *from != rec.status
        {
            let change = Change {
                from: from.clone(),
                to: rec.status.clone(),
                at,
            };
            log.by_id.insert(rec.id.clone(), change);
        }
    }
    let current: std::collections::HashSet<&RecId> =
        new.recommendations.iter().map(|r| &r.id).collect();
    log.by_id.retain(|id, _| current.contains(id));
    log.expire(at);
}

/// Version `n` of a feed of 40 records: statuses move, records leave and come back.
fn version(n: usize) -> Feed {
    let mut feed = sample();
    let base = feed.recommendations.clone();
    feed.recommendations = (0..40)
        .filter(|i| !(i + n).is_multiple_of(7))
        .map(|i| {
            let mut rec = base[i % base.len()].clone();
            rec.id = RecId(format!("R-{i}"));
            rec.status = Status::KNOWN[(i * (n % 3 + 1) + n / 2) % 6].clone();
            rec
        })
        .collect();
    feed
}

#[test]
fn a_delta_applied_marks_what_comparing_marked() {
    let mut now_log = ChangeLog::new(Duration::hours(5));
    let mut then_log = now_log.clone();
    for n in 0..12 {
        let (old, new) = (version(n), version(n + 1));
        let seen = at(n as u32);
        now_log.apply(Delta::between(&old, &new), seen);
        compare_as_before(&mut then_log, &old, &new, seen);
        assert_eq!(now_log, then_log, "version {n} to {}", n + 1);
        assert!(!now_log.is_empty());
    }
}

#[test]
fn seeds_are_the_marks_seeding_made() {
    let feed = sample();
    for (days, public_only) in [(1, false), (3, false), (7, false), (7, true), (400, true)] {
        let mut log = ChangeLog::new(Duration::days(days));
        log.seed_from_history(&feed, at(12), public_only);
        let mut seeded = ChangeLog::new(Duration::days(days));
        seeded.add_seeds(seeds(&feed, at(12), Duration::days(days), public_only));
        assert_eq!(log, seeded);
    }
    // A mark already there is kept.
    let mut log = ChangeLog::new(Duration::days(7));
    let id = RecId("DF-03".into());
    let kept = Change {
        from: Status::Implemented,
        to: Status::NoAction,
        at: at(1),
    };
    log.by_id.insert(id.clone(), kept.clone());
    log.add_seeds(seeds(&feed, at(12), Duration::days(7), false));
    assert_eq!(log.get(&id), Some(&kept));
}
