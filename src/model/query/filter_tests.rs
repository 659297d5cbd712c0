//! Filter combinations, on the filter code alone.

use chrono::NaiveDate;

use super::*;
use crate::feed::{SAMPLE_FEED_JSON, parse};
use crate::model::Feed;
use crate::model::query::sort::{SortKey, natural_cmp};

fn sample() -> Feed {
    parse(SAMPLE_FEED_JSON.as_bytes(), "sample").expect("valid")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// Ids of the sample records the filter lets through, with LP-01 counted as changed.
fn ids(filter: &Filter) -> Vec<String> {
    let feed = sample();
    let changed = |rec: &Recommendation| rec.id.0 == "LP-01";
    let ctx = FilterContext {
        today: today(),
        stale_assessment_days: 365,
        changed: &changed,
    };
    feed.recommendations
        .iter()
        .filter(|r| filter.matches(r, &ctx))
        .map(|r| r.id.0.clone())
        .collect()
}

#[test]
fn no_filter_lets_everything_through() {
    assert!(Filter::default().is_empty());
    assert_eq!(ids(&Filter::default()).len(), 36);
}

#[test]
fn several_statuses_combine_with_or() {
    let filter = Filter {
        statuses: vec![Status::NoAction, Status::NotApplicable],
        ..Filter::default()
    };
    assert_eq!(ids(&filter).len(), 5 + 3);
}

#[test]
fn different_filters_combine_with_and() {
    let overdue = Filter {
        overdue: true,
        ..Filter::default()
    };
    let overdue_data = Filter {
        overdue: true,
        themes: vec!["data".into()],
        ..Filter::default()
    };
    let overdue_ids = ids(&overdue);
    let both = ids(&overdue_data);
    assert_eq!(overdue_ids.len(), 8);
    assert!(!both.is_empty() && both.len() < overdue_ids.len());
    assert!(both.iter().all(|id| overdue_ids.contains(id)));
    assert!(both.contains(&"LP-09".to_owned()));
}

#[test]
fn overdue_means_past_due_and_not_settled() {
    let feed = sample();
    let ctx_changed = |_: &Recommendation| false;
    let ctx = FilterContext {
        today: today(),
        stale_assessment_days: 365,
        changed: &ctx_changed,
    };
    let filter = Filter {
        overdue: true,
        ..Filter::default()
    };
    for rec in feed
        .recommendations
        .iter()
        .filter(|r| filter.matches(r, &ctx))
    {
        assert!(rec.due.is_some_and(|d| d < today()), "{}", rec.id);
        assert!(!rec.status.is_settled(), "{}", rec.id);
    }
}

#[test]
fn priority_owner_and_changed_filters() {
    let high = Filter {
        priorities: vec![Priority::High],
        ..Filter::default()
    };
    assert!(ids(&high).contains(&"LP-09".to_owned()));
    let owner = Filter {
        owners: vec!["National Statistics Office".into()],
        ..Filter::default()
    };
    assert!(ids(&owner).contains(&"LP-09".to_owned()));
    assert!(!ids(&owner).contains(&"LP-01".to_owned()));
    let changed = Filter {
        changed: true,
        ..Filter::default()
    };
    assert_eq!(ids(&changed), ["LP-01"]);
}

#[test]
fn not_assessed_for_long_includes_never_assessed() {
    let filter = Filter {
        stale_assessment: true,
        ..Filter::default()
    };
    let found = ids(&filter);
    // The sample has 4 records last assessed over a year ago and 6 never assessed.
    assert_eq!(found.len(), 4 + 6);
}

#[test]
fn chips_name_every_active_filter() {
    let filter = Filter {
        statuses: vec![Status::InProgress],
        themes: vec!["data".into()],
        overdue: true,
        stale_assessment: true,
        search: "unions".into(),
        audiences: vec!["civil-society".into()],
        ..Filter::default()
    };
    let chips = filter.chips(365, |t| t.to_uppercase(), |a| format!("<{a}>"));
    assert_eq!(
        chips,
        [
            "status: in progress",
            "theme: DATA",
            "audience: <civil-society>",
            "overdue",
            "not assessed for 365 days",
            "/unions"
        ]
    );
}

#[test]
fn ids_sort_by_their_numbers() {
    let mut ids = vec!["LP-10", "LP-2", "CSO-01", "LP-01", "LP-002"];
    ids.sort_by(|a, b| natural_cmp(a, b));
    assert_eq!(ids, ["CSO-01", "LP-01", "LP-2", "LP-002", "LP-10"]);
}

#[test]
fn every_sort_key_orders_the_sample() {
    let feed = sample();
    for key in SortKey::ALL {
        let mut recs: Vec<&Recommendation> = feed.recommendations.iter().collect();
        recs.sort_by(|a, b| key.compare(a, b));
        assert_eq!(recs.len(), 36);
        assert_eq!(SortKey::from_name(key.name()), Some(key));
    }
    let mut by_due: Vec<&Recommendation> = feed.recommendations.iter().collect();
    by_due.sort_by(|a, b| SortKey::Due.compare(a, b));
    let dues: Vec<_> = by_due.iter().map(|r| r.due).collect();
    let first_none = dues.iter().position(Option::is_none).unwrap_or(dues.len());
    assert!(
        dues[first_none..].iter().all(Option::is_none),
        "undated ones come last"
    );
    assert!(dues[..first_none].windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn sort_keys_cycle_back_to_id() {
    let mut key = SortKey::Id;
    for _ in 0..SortKey::ALL.len() {
        key = key.next();
    }
    assert_eq!(key, SortKey::Id);
}

#[test]
fn owner_text_matches_part_of_a_name_in_any_case() {
    let filter = Filter {
        owner_text: "statistics OFFICE".into(),
        ..Filter::default()
    };
    let found = ids(&filter);
    assert!(found.contains(&"LP-09".to_owned()), "{found:?}");
    assert!(!found.contains(&"LP-01".to_owned()), "{found:?}");
    let none = Filter {
        owner_text: "no such body".into(),
        ..Filter::default()
    };
    assert!(ids(&none).is_empty());
    assert!(!none.matches_everything());
}

#[test]
fn due_within_takes_open_records_due_from_today_to_the_last_day() {
    let base = sample().recommendations[0].clone();
    let with = |days: i64, status: Status| Recommendation {
        due: Some(today() + chrono::Duration::days(days)),
        status,
        ..base.clone()
    };
    let ctx = FilterContext {
        today: today(),
        stale_assessment_days: 365,
        changed: &|_| false,
    };
    let filter = Filter {
        due_within: Some(30),
        ..Filter::default()
    };
    assert!(!filter.matches_everything());
    assert!(filter.matches(&with(0, Status::InProgress), &ctx));
    assert!(filter.matches(&with(30, Status::NoAction), &ctx));
    assert!(!filter.matches(&with(31, Status::InProgress), &ctx));
    assert!(!filter.matches(&with(-1, Status::InProgress), &ctx));
    assert!(!filter.matches(&with(5, Status::Implemented), &ctx));
    let no_due = Recommendation {
        due: None,
        ..base.clone()
    };
    assert!(!filter.matches(&no_due, &ctx));
    let chips = filter.chips(365, |t| t.to_owned(), |a| a.to_owned());
    assert_eq!(chips, ["due within 30 days"]);
}
