//! `rapporteur check`: validate a feed (a file or a remote feed fetched as the console would) and
//! summarise it, for publishers and for scripts. Besides errors, it warns of an office's likely
//! mistakes ([`lint`]); `--strict` makes every warning an error.

pub mod lint;
pub mod tally;
#[cfg(test)]
mod tests;

use std::fmt::Write as _;
use std::process::ExitCode;

use crate::cli::Cli;
use crate::feed::{Source, SourceOptions, load_folded};
use crate::model::{Feed, Place, Status};
use crate::text::sanitize;

use self::tally::Tally;

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
        Some(settings) => {
            crate::history::keep::around(&source, &settings, || check(&source, &options, strict))
        }
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
    // The records are tallied as they are checked, never all held at once: the report needs
    // counts, the warnings and the ids, not the records.
    match load_folded::<Tally>(source, options) {
        Ok((feed, tally)) => valid_report(&origin, &feed, &tally, strict),
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

/// The report on a valid feed: `feed` holds everything but its records, `tally` what `check`
/// keeps of them.
pub fn valid_report(origin: &str, feed: &Feed, tally: &Tally, strict: bool) -> Report {
    let findings = tally.findings();
    let mut text = summary(origin, feed, tally, &findings, strict);
    let count = feed.warnings.len() + findings.len();
    let accepted = !strict || count == 0;
    if !accepted {
        let _ = writeln!(
            text,
            "{origin}: not accepted with --strict ({count} warning{} count as errors)",
            if count == 1 { "" } else { "s" }
        );
    }
    Report { text, accepted }
}

/// The summary printed for a valid feed, its records tallied.
pub fn summary(
    origin: &str,
    feed: &Feed,
    tally: &Tally,
    findings: &[String],
    strict: bool,
) -> String {
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
    let _ = writeln!(out, "  recommendations: {}", tally.len());
    let _ = writeln!(out);
    let _ = writeln!(out, "  by audience:");
    for (audience, counts) in feed.audiences.iter().zip(&tally.by_audience) {
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
    let counts = &tally.by_status;
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
