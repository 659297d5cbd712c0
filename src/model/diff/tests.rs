use chrono::NaiveDate;

use super::*;
use crate::feed::{SAMPLE_FEED_JSON, parse};
use crate::model::Status;

fn sample() -> Feed {
    parse(SAMPLE_FEED_JSON.as_bytes(), "sample").unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn options(include_internal: bool) -> DiffOptions {
    DiffOptions {
        include_internal,
        old_date: day(2026, 1, 1),
        new_date: day(2026, 1, 1),
    }
}

fn rec<'a>(feed: &'a mut Feed, id: &str) -> &'a mut Recommendation {
    feed.recommendations
        .iter_mut()
        .find(|r| r.id.0 == id)
        .unwrap()
}

fn ids(diff: &Diff, group: Group) -> Vec<String> {
    diff.group(group).map(|c| c.id.0.clone()).collect()
}

#[test]
fn the_same_feed_has_no_changes() {
    let feed = sample();
    let diff = diff(&feed, &feed, options(true));
    assert!(diff.changes.is_empty());
    assert_eq!(diff.left_out, 0);
}

#[test]
fn every_group_is_found() {
    let old = sample();
    let mut new = old.clone();
    rec(&mut new, "LP-01").status = Status::InProgress; // from implemented: backward
    rec(&mut new, "LP-02").status = Status::Implemented;
    rec(&mut new, "LP-02").title = "A new title".into();
    rec(&mut new, "LP-03").due = Some(day(2025, 6, 1));
    rec(&mut new, "LP-03").status = Status::NoAction;
    new.recommendations.retain(|r| r.id.0 != "LP-04");
    let mut added = old.recommendations[0].clone();
    added.id = RecId("LP-99".into());
    new.recommendations.push(added);
    let before_02 = old.recommendations[1].status.clone();
    let diff = diff(&old, &new, options(true));
    assert_eq!(ids(&diff, Group::MovedBackward)[0], "LP-01");
    if before_02 != Status::Implemented {
        assert!(
            diff.group(Group::TextChanged)
                .any(|c| c.id.0 == "LP-02" && c.after == "title")
        );
    }
    assert_eq!(ids(&diff, Group::DueMoved), vec!["LP-03"]);
    assert_eq!(ids(&diff, Group::NewlyOverdue), vec!["LP-03"]);
    assert_eq!(ids(&diff, Group::Removed), vec!["LP-04"]);
    assert_eq!(ids(&diff, Group::New), vec!["LP-99"]);
    let groups: Vec<Group> = diff.changes.iter().map(|c| c.group).collect();
    let mut sorted = groups.clone();
    sorted.sort();
    assert_eq!(groups, sorted, "changes come in the order of the groups");
}

#[test]
fn first_assessed_withdrawn_and_rescoped_are_their_own_groups() {
    let mut old = sample();
    rec(&mut old, "LP-01").status = Status::NotAssessed;
    rec(&mut old, "LP-02").status = Status::InProgress;
    rec(&mut old, "LP-03").status = Status::InProgress;
    let mut new = old.clone();
    rec(&mut new, "LP-01").status = Status::NoAction;
    rec(&mut new, "LP-02").status = Status::NotAssessed;
    rec(&mut new, "LP-03").status = Status::NotApplicable;
    let diff = diff(&old, &new, options(true));
    assert_eq!(ids(&diff, Group::FirstAssessed), vec!["LP-01"]);
    assert_eq!(ids(&diff, Group::Withdrawn), vec!["LP-02"]);
    assert_eq!(ids(&diff, Group::Rescoped), vec!["LP-03"]);
    assert_eq!(diff.count(Group::MovedForward), 0);
}

#[test]
fn internal_records_are_left_out_unless_asked_and_counted() {
    let old = sample();
    let mut new = old.clone();
    rec(&mut new, "LP-01").status = Status::NoAction;
    rec(&mut new, "LP-01").visibility = Visibility::Internal;
    let public = diff(&old, &new, options(false));
    assert!(public.changes.iter().all(|c| c.id.0 != "LP-01"));
    assert!(public.left_out >= 1);
    let all = diff(&old, &new, options(true));
    assert!(all.changes.iter().any(|c| c.id.0 == "LP-01"));
}
