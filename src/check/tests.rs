//! The lean check against the report as it was made from the whole feed: byte for byte the same,
//! whichever way the feed was read.

use std::fmt::Write as _;

use super::tally::Tally;
use super::{Report, check, lint};
use crate::feed::parse::{quick_in_runs, warning_feed};
use crate::feed::validate::fold_feed;
use crate::feed::{SAMPLE_FEED_JSON, Source, parse};
use crate::model::{Feed, Status, StatusCounts};

/// The report made from the whole feed, records and all, as `check` made it before it tallied
/// records as they were checked: the text the lean report must match.
fn whole_feed_report(origin: &str, feed: &Feed, strict: bool) -> Report {
    let generated = feed.generated_at.date_naive();
    let mut findings: Vec<String> =
        lint::missing_date_ids(feed.recommendations.iter().map(|r| r.id.0.as_str()))
            .into_iter()
            .collect();
    for rec in &feed.recommendations {
        lint::of_record(rec, generated, &mut findings);
    }
    let mut out = String::new();
    let _ = writeln!(out, "{origin}: valid feed, format v1");
    let _ = writeln!(out, "  title:      {}", feed.title);
    let _ = writeln!(out, "  publisher:  {}", feed.publisher);
    let _ = writeln!(out, "  generated:  {}", feed.generated_at.to_rfc3339());
    if feed.sample {
        let _ = writeln!(out, "  sample:     yes, the statuses are illustrative");
    }
    if let Some(at) = feed.signed_at {
        let _ = writeln!(
            out,
            "  signed:     yes, by the trusted key, at {}",
            at.to_rfc3339()
        );
    }
    let _ = writeln!(out, "  recommendations: {}", feed.recommendations.len());
    let _ = writeln!(out);
    let _ = writeln!(out, "  by audience:");
    for (i, audience) in feed.audiences.iter().enumerate() {
        let counts = StatusCounts::of(feed.recommendations.iter().filter(|r| r.audience == i));
        let _ = writeln!(
            out,
            "    {:<32} {:>6}   {:>3.0}% done",
            audience.name,
            counts.total(),
            counts.progress() * 100.0
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "  by status:");
    let counts = StatusCounts::of(&feed.recommendations);
    for status in Status::KNOWN {
        let _ = writeln!(
            out,
            "    {} {:<30} {:>6}",
            status.symbol(),
            status.word(),
            counts.get(&status)
        );
    }
    if counts.unrecognised > 0 {
        let _ = writeln!(
            out,
            "    ? {:<30} {:>6}",
            "unrecognised", counts.unrecognised
        );
    }
    let n = feed.warnings.len() + findings.len();
    let _ = writeln!(out);
    let _ = writeln!(out, "warnings: {n}");
    let label = if strict { "error" } else { "warning" };
    for warning in feed.warnings.iter().chain(&findings) {
        let _ = writeln!(out, "  {label}: {warning}");
    }
    let accepted = !strict || n == 0;
    if !accepted {
        let _ = writeln!(
            out,
            "{origin}: not accepted with --strict ({n} warning{} count as errors)",
            if n == 1 { "" } else { "s" }
        );
    }
    Report {
        text: out,
        accepted,
    }
}

/// The sample without two of its DATE ids, for the finding about missing ones.
fn sample_lacking_two() -> String {
    let mut value: serde_json::Value = serde_json::from_str(SAMPLE_FEED_JSON).unwrap();
    if let Some(records) = value["recommendations"].as_array_mut() {
        records.retain(|r| r["id"] != "LP-03" && r["id"] != "MR-06");
    }
    value.to_string()
}

/// A generated feed with its records before its head, which is read whole, not in pieces.
fn records_first() -> String {
    let value = warning_feed::feed(2_100);
    let mut first = serde_json::Map::new();
    first.insert("recommendations".into(), value["recommendations"].clone());
    for (key, field) in value.as_object().into_iter().flatten() {
        first.entry(key.clone()).or_insert_with(|| field.clone());
    }
    serde_json::Value::Object(first).to_string()
}

/// Feeds of every kind `check` reports on: the sample, the valid fixtures, a generated feed with
/// warnings in every run of the quick path (records last, as it is read in pieces, and first, as
/// it is read whole), and one the DATE ids are missing from.
fn feeds() -> Vec<(&'static str, String)> {
    vec![
        ("sample.json", SAMPLE_FEED_JSON.to_owned()),
        (
            "diff-old.json",
            include_str!("../../tests/fixtures/diff-old.json").to_owned(),
        ),
        (
            "diff-new.json",
            include_str!("../../tests/fixtures/diff-new.json").to_owned(),
        ),
        (
            "export-internal.json",
            include_str!("../../tests/fixtures/export-internal.json").to_owned(),
        ),
        ("warnings.json", warning_feed::feed(4_500).to_string()),
        ("lacking.json", sample_lacking_two()),
        ("records-first.json", records_first()),
    ]
}

#[test]
fn the_lean_report_is_the_report_made_from_the_whole_feed() {
    let dir = tempfile::tempdir().unwrap();
    let options = crate::startup::default_source_options().unwrap();
    for (name, text) in feeds() {
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        let source = Source::File(path);
        let origin = crate::text::sanitize::line(&source.to_string(), 2_048);
        let whole = parse(text.as_bytes(), &origin).unwrap();
        for strict in [false, true] {
            let lean = check(&source, &options, strict);
            assert_eq!(lean, whole_feed_report(&origin, &whole, strict), "{name}");
        }
    }
}

#[test]
fn the_generated_feed_warns_in_every_run_and_of_every_kind() {
    let text = warning_feed::feed(4_500).to_string();
    let whole = whole_feed_report("w", &parse(text.as_bytes(), "w").unwrap(), false).text;
    for wanted in [
        "record R-00000: status \"stalled\"",
        "record R-04462: status \"stalled\"",
        "record R-04450, field \"last_assessed\": 2026-12-15 is after",
        "record R-04499: the status is \"in progress\" but the latest history entry",
        "record R-00000, field \"notes[0].visibility\"",
    ] {
        assert!(whole.contains(wanted), "{wanted}");
    }
}

#[test]
fn the_sample_reports_as_before_from_its_own_source() {
    let options = crate::startup::default_source_options().unwrap();
    let origin = Source::Embedded.to_string();
    let whole = parse(SAMPLE_FEED_JSON.as_bytes(), &origin).unwrap();
    assert_eq!(
        check(&Source::Embedded, &options, true),
        whole_feed_report(&origin, &whole, true)
    );
}

#[test]
fn the_tally_is_the_same_in_any_number_of_runs() {
    for (name, text) in feeds() {
        let (head, tally) = fold_feed::<Tally>(parse(text.as_bytes(), name).unwrap());
        for runs in [1, 2, 3, 8] {
            let quick = quick_in_runs::<Tally>(&text, runs);
            assert_eq!(quick, Some((head.clone(), tally.clone())), "{name}, {runs}");
        }
    }
}
