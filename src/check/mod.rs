//! `rapporteur check`: validate a feed (a file or a remote feed fetched as the console would) and
//! summarise it, for publishers and for scripts. Besides errors, it warns of an office's likely
//! mistakes ([`lint`]); `--strict` makes every warning an error.

pub mod lint;

use std::fmt::Write as _;
use std::process::ExitCode;

use crate::cli::Cli;
use crate::feed::{Source, SourceOptions, load};
use crate::model::{Feed, Place, Status, StatusCounts};
use crate::text::sanitize;

/// What a check found, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The report's text.
    pub text: String,
    /// True when the feed is accepted: valid, and without warnings under `--strict`.
    pub accepted: bool,
}

/// Runs `rapporteur check PATH|URL [--strict]`: the report on standard output when the feed is
/// accepted (exit 0), on standard error when not (exit 1); a source the config's rules refuse,
/// such as plain http to another machine, exits 2.
pub fn run(cli: &Cli, arg: &str, strict: bool) -> ExitCode {
    let (source, options) = match crate::startup::one_source(cli, arg) {
        Ok(found) => found,
        Err(err) => {
            eprintln!("rapporteur check: {}", sanitize::line(&err, 2_000));
            return ExitCode::from(2);
        }
    };
    // Every distinct feed a check loads is kept in the snapshot archive.
    let report = match crate::history::command::settings_of(cli) {
        Some(settings) => crate::history::recorder::around(&source, &settings, || {
            check(&source, &options, strict)
        }),
        None => check(&source, &options, strict),
    };
    if report.accepted {
        print!("{}", report.text);
        ExitCode::SUCCESS
    } else {
        eprint!("{}", report.text);
        ExitCode::FAILURE
    }
}

/// Checks a feed from a source loaded once under `options`.
pub fn check(source: &Source, options: &SourceOptions, strict: bool) -> Report {
    // The path or URL comes from the command line: cleaned before it is printed.
    let origin = sanitize::line(&source.to_string(), 2_048);
    match load(source, options) {
        Ok(feed) => {
            let findings = lint::findings(&feed);
            let mut text = summary(&origin, &feed, &findings, strict);
            let count = feed.warnings.len() + findings.len();
            let accepted = !strict || count == 0;
            if !accepted {
                let _ = writeln!(
                    text,
                    "{origin}: not accepted with --strict ({count} warning{} count as errors)",
                    if count == 1 { "" } else { "s" }
                );
            }
            // The process ends right after the report: handing a million strings back to the
            // allocator one by one would cost a fifth of the whole check at 100,000 records.
            std::mem::forget(feed);
            Report { text, accepted }
        }
        Err(mut error) => {
            error.origin = origin.clone();
            let mut out = String::new();
            for problem in &error.problems {
                let _ = writeln!(out, "error: {}", problem.display_with(&error.origin));
                if let Some(excerpt) = &problem.excerpt {
                    let _ = writeln!(out, "{excerpt}");
                }
            }
            let n = error.problems.len();
            let plural = if n == 1 { "" } else { "s" };
            // A feed that never arrived (no such file, a failed fetch) is not judged invalid.
            let unread = error.problems.iter().all(|p| p.place == Place::Whole);
            let verdict = if unread {
                "could not be read"
            } else {
                "not a valid feed"
            };
            let _ = writeln!(out, "{origin}: {verdict} ({n} error{plural})");
            Report {
                text: out,
                accepted: false,
            }
        }
    }
}

/// The summary printed for a valid feed.
pub fn summary(origin: &str, feed: &Feed, findings: &[String], strict: bool) -> String {
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
    let n = feed.warnings.len() + findings.len();
    let _ = writeln!(out);
    let _ = writeln!(out, "warnings: {n}");
    // With --strict a warning is an error, and is named so.
    let label = if strict { "error" } else { "warning" };
    for warning in feed.warnings.iter().chain(findings) {
        let _ = writeln!(out, "  {label}: {warning}");
    }
    out
}
