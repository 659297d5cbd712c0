//! The baseline and the sides of a diff, loaded from a file and from the archive by date and name.

use chrono::{Duration, NaiveDate, TimeZone, Utc};

use super::Spec;
use super::reference::{end_of_day, find_snapshot, from_history, load};
use crate::feed::archive::{Archive, source_key};
use crate::feed::tap::Body;
use crate::feed::{SAMPLE_FEED_JSON, Source};
use crate::model::StatusCounts;

const OLD: &str = "tests/fixtures/diff-old.json";

fn options() -> crate::feed::SourceOptions {
    crate::startup::default_source_options().unwrap()
}

fn keep(archive: &mut Archive, source: &Source, bytes: &[u8], at: chrono::DateTime<Utc>) {
    let body = Body {
        origin: String::new(),
        bytes: bytes.to_vec().into(),
        fetched_at: at,
        generated_at: at,
        counts: StatusCounts::default(),
    };
    archive.record(&source_key(source), &body).unwrap();
}

#[test]
fn a_file_is_loaded_and_named_by_its_file_name() {
    let spec = Spec::parse(OLD).unwrap();
    let reference = load(&spec, &Source::Embedded, &options(), None, None).unwrap();
    assert_eq!(reference.label, "diff-old.json");
    assert_eq!(
        reference.date,
        NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
    );
}

#[test]
fn a_date_finds_the_snapshot_in_force_at_the_end_of_that_day_and_a_name_its_pin() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(&dir.path().join("a.sqlite"), 100).unwrap();
    let source = Source::Embedded;
    let old = std::fs::read(OLD).unwrap();
    let day = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    keep(
        &mut archive,
        &source,
        &old,
        end_of_day(day) - Duration::hours(2),
    );
    keep(
        &mut archive,
        &source,
        SAMPLE_FEED_JSON.as_bytes(),
        end_of_day(day) + Duration::hours(2),
    );
    let by_date = load(&Spec::Date(day), &source, &options(), Some(&archive), None).unwrap();
    assert_eq!(
        by_date.feed.generated_at,
        Utc.with_ymd_and_hms(2025, 12, 31, 9, 0, 0).unwrap()
    );
    let too_early = Spec::Date(day - Duration::days(1));
    let err = load(&too_early, &source, &options(), Some(&archive), None).unwrap_err();
    assert!(err.contains("no snapshot"), "{err}");

    let snapshot = find_snapshot(&archive, &Spec::Date(day), &source, None).unwrap();
    archive
        .pin(&snapshot, &source_key(&source), "2025 report")
        .unwrap();
    let named = Spec::parse("2025 report").unwrap();
    let by_name = load(&named, &source, &options(), Some(&archive), None).unwrap();
    assert_eq!(by_name.label, "2025 report");
    assert_eq!(by_name.feed, by_date.feed);

    // previous: the snapshot before the data on screen.
    let on_screen = crate::feed::archive::digest_hex(SAMPLE_FEED_JSON.as_bytes());
    let previous = load(
        &Spec::Previous,
        &source,
        &options(),
        Some(&archive),
        Some(&on_screen),
    );
    assert_eq!(previous.unwrap().feed, by_date.feed);
}

#[test]
fn a_snapshot_picked_by_id_comes_back_as_the_chosen_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let settings = super::HistorySettings {
        archive: Some(dir.path().join("a.sqlite")),
        keep: 10,
        baseline: Spec::Previous,
    };
    let source = Source::Embedded;
    let mut archive = settings.open().unwrap().unwrap();
    keep(
        &mut archive,
        &source,
        &std::fs::read(OLD).unwrap(),
        Utc::now(),
    );
    let id = archive.list(&source_key(&source)).unwrap()[0].id;
    match super::recorder::chosen(&source, &settings, id) {
        crate::app::Action::BaselineChosen(baseline) => {
            assert_eq!(baseline.feed.recommendations.len(), 35);
        }
        other => panic!("{other:?}"),
    }
    match super::recorder::chosen(&source, &settings, id + 100) {
        crate::app::Action::HistoryNotice(text) => assert!(text.contains("no longer kept")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_day_the_archive_lacks_is_read_from_the_feeds_own_history() {
    let now = crate::feed::parse(crate::feed::SAMPLE_FEED_JSON.as_bytes(), "sample").unwrap();
    let day = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let reference = from_history(day, &now);
    assert_eq!(reference.label, "31 Dec 2025");
    assert_eq!(
        reference.feed.recommendations.len(),
        now.recommendations.len()
    );
    // MR-04 was in progress at the end of 2025; it is partially implemented now.
    let then = |id: &str| {
        reference
            .feed
            .recommendations
            .iter()
            .find(|r| r.id.0 == id)
            .map(|r| r.status.clone())
    };
    assert_eq!(then("MR-04"), Some(crate::model::Status::InProgress));
    let mr04 = now
        .recommendations
        .iter()
        .find(|r| r.id.0 == "MR-04")
        .unwrap();
    assert_eq!(mr04.status, crate::model::Status::PartiallyImplemented);
}

#[test]
fn a_record_first_assessed_after_the_day_stood_as_not_assessed_then() {
    let mut now = crate::feed::parse(crate::feed::SAMPLE_FEED_JSON.as_bytes(), "sample").unwrap();
    let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let rec = &mut now.recommendations[0];
    assert!(
        rec.history.iter().all(|h| h.date > day),
        "a history after the day"
    );
    let (id, status) = (rec.id.clone(), rec.status.clone());
    assert_ne!(status, crate::model::Status::NotAssessed);
    let reference = from_history(day, &now);
    let then = reference
        .feed
        .recommendations
        .iter()
        .find(|r| r.id == id)
        .map(|r| r.status.clone());
    assert_eq!(then, Some(crate::model::Status::NotAssessed));
    // With no history at all, a record stands as it is now.
    now.recommendations[0].history.clear();
    let reference = from_history(day, &now);
    assert_eq!(reference.feed.recommendations[0].status, status);
}
