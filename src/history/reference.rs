//! Turning a [`Spec`] into a feed: a file or URL loaded, or a snapshot read back from the archive.

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};

use super::Spec;
use crate::feed::archive::{Archive, Snapshot, source_key};
use crate::feed::{Source, SourceOptions};
use crate::model::Feed;
use crate::text::date::long_date;
use crate::text::sanitize;

/// A feed to compare with, and how to name it.
#[derive(Debug, Clone)]
pub struct Reference {
    /// How it is named on screen and in a report, such as `31 Dec 2025` or `2025 report`.
    pub label: String,
    /// The day it stands for: the day its snapshot was read, or the day it was generated.
    pub date: NaiveDate,
    /// The feed.
    pub feed: Feed,
}

/// The end of a local day, as a moment.
pub fn end_of_day(date: NaiveDate) -> DateTime<Utc> {
    let last = date.and_hms_opt(23, 59, 59).unwrap_or_default();
    Local
        .from_local_datetime(&last)
        .latest()
        .map_or_else(|| last.and_utc(), |at| at.with_timezone(&Utc))
}

/// A reference for a day the archive holds nothing for, read from the feed's own history: each
/// record as its history says it stood at the end of `date`. A record whose history starts
/// after that day had no assessment by then that the feed knows of: it stood as not assessed,
/// so that its first assessment shows as one. A record with no history stands as it is now. Only
/// statuses are rolled back: due dates and texts are taken as unchanged, since the history does
/// not record them.
pub fn from_history(date: NaiveDate, now: &Feed) -> Reference {
    let mut feed = now.clone();
    for rec in &mut feed.recommendations {
        if rec.history.is_empty() {
            continue;
        }
        rec.status = match rec.history.iter().rev().find(|h| h.date <= date) {
            Some(entry) => entry.status.clone(),
            None => crate::model::Status::NotAssessed,
        };
    }
    feed.generated_at = end_of_day(date);
    feed.signed_at = None;
    Reference {
        label: long_date(date),
        date,
        feed,
    }
}

/// Finds the snapshot a spec names in the archive, for `source`. `on_screen` is the SHA-256 of
/// the data the reference is compared with, for `previous`.
pub fn find_snapshot(
    archive: &Archive,
    spec: &Spec,
    source: &Source,
    on_screen: Option<&str>,
) -> Result<Snapshot, String> {
    let key = source_key(source);
    let shown = sanitize::line(&source.to_string(), 200);
    let found = match spec {
        Spec::Previous => archive.previous(&key, on_screen.unwrap_or("")),
        Spec::Date(date) => archive.in_force_at(&key, end_of_day(*date)),
        Spec::Named(name) => archive.named(&key, name),
        Spec::Feed(_) => return Err("a feed file or URL is not a snapshot".into()),
    }
    .map_err(|e| e.to_string())?;
    found.ok_or_else(|| match spec {
        Spec::Previous => format!("the archive holds no earlier snapshot of {shown}"),
        Spec::Date(date) => format!(
            "the archive holds no snapshot of {shown} read by the end of {}",
            long_date(*date)
        ),
        Spec::Named(name) => format!(
            "the archive holds no snapshot of {shown} pinned as \"{}\" (see rapporteur snapshots)",
            sanitize::line(name, 80)
        ),
        Spec::Feed(_) => String::new(),
    })
}

/// Loads what a spec names. Snapshots are looked up under `source`, the feed being compared.
pub fn load(
    spec: &Spec,
    source: &Source,
    options: &SourceOptions,
    archive: Option<&Archive>,
    on_screen: Option<&str>,
) -> Result<Reference, String> {
    if let Spec::Feed(other) = spec {
        let feed = crate::feed::load(other, options)
            .map_err(|e| e.lines().collect::<Vec<_>>().join("\n"))?;
        let label = match other {
            Source::File(path) => path
                .file_name()
                .map_or_else(|| other.to_string(), |n| n.to_string_lossy().into_owned()),
            _ => crate::feed::archive::source_label(&other.to_string()),
        };
        return Ok(Reference {
            label: sanitize::line(&label, 80),
            date: feed.generated_at.with_timezone(&Local).date_naive(),
            feed,
        });
    }
    let Some(archive) = archive else {
        return Err("no snapshot archive is kept (keep-snapshots = 0, or no data folder)".into());
    };
    let snapshot = find_snapshot(archive, spec, source, on_screen)?;
    from_snapshot(archive, &snapshot, source)
}

/// Reads a snapshot back as a reference, named by its pinned name or its date.
pub fn from_snapshot(
    archive: &Archive,
    snapshot: &Snapshot,
    source: &Source,
) -> Result<Reference, String> {
    let date = snapshot.fetched_at.with_timezone(&Local).date_naive();
    let body = archive.body(snapshot).map_err(|e| e.to_string())?;
    let origin = format!("snapshot of {} read {}", source, long_date(date));
    let feed =
        crate::feed::parse(&body, &origin).map_err(|e| e.lines().collect::<Vec<_>>().join("\n"))?;
    let label = match &snapshot.pinned {
        Some(name) => sanitize::line(name, 80),
        None => long_date(date),
    };
    Ok(Reference { label, date, feed })
}
