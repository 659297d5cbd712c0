//! `rapporteur check`: validate a feed file and summarise it, for publishers and for scripts.

use std::fmt::Write as _;
use std::path::Path;

use crate::feed::{Source, load};
use crate::model::{Feed, Status, StatusCounts};

/// Checks a feed file. Returns the report and whether the feed is valid.
pub fn check(path: &Path) -> (String, bool) {
    let source = Source::File(path.to_path_buf());
    let origin = source.to_string();
    // Options matter only to a remote feed; a file is read as it is.
    let options = match crate::startup::default_source_options() {
        Ok(options) => options,
        Err(err) => return (format!("error: {err}\n"), false),
    };
    match load(&source, &options) {
        Ok(feed) => {
            let report = summary(&origin, &feed);
            // The process ends right after the report: handing a million strings back to the
            // allocator one by one would cost a fifth of the whole check at 100,000 records.
            std::mem::forget(feed);
            (report, true)
        }
        Err(error) => {
            let mut out = String::new();
            for line in error.lines() {
                let _ = writeln!(out, "error: {line}");
            }
            let n = error.problems.len();
            let _ = writeln!(
                out,
                "{origin}: not a valid feed ({n} error{})",
                if n == 1 { "" } else { "s" }
            );
            (out, false)
        }
    }
}

/// The summary printed for a valid feed.
pub fn summary(origin: &str, feed: &Feed) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{origin}: valid feed, format v1");
    let _ = writeln!(out, "  title:      {}", feed.title);
    let _ = writeln!(out, "  publisher:  {}", feed.publisher);
    let _ = writeln!(out, "  generated:  {}", feed.generated_at.to_rfc3339());
    if feed.sample {
        let _ = writeln!(out, "  sample:     yes, the statuses are illustrative");
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
    let n = feed.warnings.len();
    let _ = writeln!(out);
    let _ = writeln!(out, "warnings: {n}");
    for warning in &feed.warnings {
        let _ = writeln!(out, "  warning: {warning}");
    }
    out
}
