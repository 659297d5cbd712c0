//! `rapporteur check`: validate a feed file and summarise it, for publishers and for scripts.

use std::fmt::Write as _;
use std::path::Path;

use crate::config::Config;
use crate::feed::{Source, SourceOptions, load, signature};
use crate::model::{Feed, Status, StatusCounts};

/// What `check` applies, as the console would: `max-body-mib` of the config file (the built-in
/// defaults when the config file cannot be read: checking a feed does not need one), and the
/// public key of `--public-key`, else of the config file. A key that cannot be read is an error.
pub fn check_options(
    config: Option<&Path>,
    public_key: Option<&str>,
) -> Result<SourceOptions, String> {
    let mut options = crate::startup::default_source_options()?;
    let config = Config::load(config).map(|(config, _)| config).ok();
    if let Some(config) = &config {
        let mib = crate::startup::settings::within(
            "max-body-mib",
            config.max_body_mib,
            crate::startup::settings::MAX_BODY_MIB,
        )?;
        options.max_body_bytes = mib * 1024 * 1024;
    }
    let key = public_key.or(config.as_ref().map(|c| c.public_key.as_str()));
    if let Some(key) = key.filter(|k| !k.trim().is_empty()) {
        let key = signature::read_public_key(key).map_err(|e| format!("--public-key: {e}"))?;
        options.public_key = Some(key);
    }
    Ok(options)
}

/// Checks a feed file under the built-in defaults. Returns the report and whether the feed is
/// valid.
pub fn check(path: &Path) -> (String, bool) {
    match crate::startup::default_source_options() {
        Ok(options) => check_with(path, &options),
        Err(err) => (format!("error: {err}\n"), false),
    }
}

/// Checks a feed file under `options` (size limit, public key). Returns the report and whether
/// the feed is valid.
pub fn check_with(path: &Path, options: &SourceOptions) -> (String, bool) {
    let source = Source::File(path.to_path_buf());
    // Cleaned like feed text: a path can hold anything a terminal would act on.
    let origin = source.to_string();
    match load(&source, options) {
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
    if let Some(at) = feed.signed_at {
        let _ = writeln!(
            out,
            "  signed:     yes, by the trusted key, at {}",
            at.to_rfc3339()
        );
    }
    if feed.sample {
        let _ = writeln!(out, "  sample:     yes, the statuses are illustrative");
    }
    let _ = writeln!(out, "  recommendations: {}", feed.recommendations.len());
    let _ = writeln!(out);
    let _ = writeln!(out, "  by audience:");
    // Counted in one pass: a pass over every record for each audience was quadratic.
    let mut by_audience = vec![StatusCounts::default(); feed.audiences.len()];
    for rec in &feed.recommendations {
        if let Some(counts) = by_audience.get_mut(rec.audience) {
            counts.add(&rec.status);
        }
    }
    for (audience, counts) in feed.audiences.iter().zip(&by_audience) {
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
