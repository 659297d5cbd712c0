//! Time, at the door: the snapshot archive kept beside every load, the baseline the change marks
//! compare with, and the `snapshots`, `diff` and `progress` commands.

pub mod command;
pub mod diff;
pub mod keep;
pub mod progress;
pub mod recorder;
#[cfg(test)]
mod recorder_tests;
pub mod reference;
#[cfg(test)]
mod reference_tests;
pub mod snapshots;

use std::ops::RangeInclusive;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::Config;
use crate::feed::Source;
use crate::feed::archive::{self, Archive, ArchiveError};

/// Snapshots kept per source: 0 (no archive) to a million.
pub const KEEP_SNAPSHOTS: RangeInclusive<u64> = 0..=1_000_000;

/// Where the archive is and how much it keeps, and what the marks compare with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistorySettings {
    /// The archive file; `None` keeps no archive.
    pub archive: Option<PathBuf>,
    /// Snapshots kept per source.
    pub keep: usize,
    /// What the change marks compare with.
    pub baseline: Spec,
}

/// A feed as a person names it on the command line or in the config: what `--baseline` and the
/// two sides of `diff` take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    /// The last distinct snapshot before the data on screen.
    Previous,
    /// The snapshot in force at the end of that day (local time).
    Date(NaiveDate),
    /// A feed file or URL.
    Feed(Source),
    /// The snapshot pinned under that name.
    Named(String),
}

impl Spec {
    /// Reads a spec: `previous`, a date `YYYY-MM-DD`, an http(s) URL, an existing file or one
    /// ending in `.json`, or else the name of a pinned snapshot.
    pub fn parse(text: &str) -> Result<Spec, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err(
                "is empty; give previous, a date (2025-12-31), a pinned name, a file or a URL"
                    .into(),
            );
        }
        if text.eq_ignore_ascii_case("previous") {
            return Ok(Spec::Previous);
        }
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(Spec::Date(date));
        }
        let looks_like_a_date = text.len() == 10
            && text.chars().all(|c| c.is_ascii_digit() || c == '-')
            && text.matches('-').count() == 2;
        if looks_like_a_date {
            return Err(format!(
                "\"{text}\" is not a date of the calendar (YYYY-MM-DD)"
            ));
        }
        let source = Source::from_arg(text);
        match &source {
            Source::Http(_) => Ok(Spec::Feed(source)),
            Source::File(path) if path.exists() || text.ends_with(".json") => {
                Ok(Spec::Feed(source))
            }
            _ => Ok(Spec::Named(text.to_owned())),
        }
    }
}

impl HistorySettings {
    /// From the configuration and the `--baseline` flag, each value checked.
    pub fn resolve(
        config: &Config,
        baseline_flag: Option<&str>,
    ) -> Result<HistorySettings, String> {
        let keep = crate::startup::settings::within(
            "keep-snapshots",
            config.keep_snapshots,
            KEEP_SNAPSHOTS,
        )?;
        let (key, wanted) = match baseline_flag.filter(|b| !b.trim().is_empty()) {
            Some(flag) => ("--baseline", flag),
            None => ("baseline", config.baseline.as_str()),
        };
        let baseline = Spec::parse(wanted).map_err(|e| {
            let e = crate::text::sanitize::line(&e, 200);
            format!("{key}: {e}")
        })?;
        Ok(HistorySettings {
            archive: (keep > 0).then(archive::default_path).flatten(),
            keep: usize::try_from(keep).unwrap_or(usize::MAX),
            baseline,
        })
    }

    /// Opens the archive, if one is kept.
    pub fn open(&self) -> Option<Result<Archive, ArchiveError>> {
        self.archive
            .as_ref()
            .map(|path| Archive::open(path, self.keep))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_are_told_apart() {
        assert_eq!(Spec::parse("previous"), Ok(Spec::Previous));
        assert_eq!(
            Spec::parse("2025-12-31"),
            Ok(Spec::Date(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()))
        );
        assert!(Spec::parse("2025-02-30").is_err());
        assert!(Spec::parse("  ").is_err());
        assert_eq!(
            Spec::parse("2025 report"),
            Ok(Spec::Named("2025 report".into()))
        );
        assert!(matches!(
            Spec::parse("https://example.org/f.json"),
            Ok(Spec::Feed(Source::Http(_)))
        ));
        assert!(matches!(
            Spec::parse("old.json"),
            Ok(Spec::Feed(Source::File(_)))
        ));
    }

    #[test]
    fn keep_snapshots_out_of_range_is_an_error_naming_the_key() {
        let mut config = Config::defaults().unwrap();
        config.keep_snapshots = 2_000_000;
        let err = HistorySettings::resolve(&config, None).unwrap_err();
        assert!(err.contains("keep-snapshots"), "{err}");
        config.keep_snapshots = 0;
        let settings = HistorySettings::resolve(&config, None).unwrap();
        assert!(settings.archive.is_none());
        assert_eq!(settings.baseline, Spec::Previous);
    }
}
