//! What an export says about itself, so that it never passes for what it is not: which feed, as
//! of when, exported when, with which filters, and whether it is sample data.

use chrono::{DateTime, SecondsFormat, Utc};

use super::columns::theme_name;
use crate::model::Feed;
use crate::model::query::Filter;
use crate::text::sanitize;

/// The line every format carries for sample data.
pub const SAMPLE_LINE: &str = "SAMPLE DATA: illustrative statuses, not a real assessment";

/// The facts about an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// The feed's title.
    pub title: String,
    /// Who publishes the feed.
    pub publisher: String,
    /// When the publisher produced the feed: the date the statuses hold for.
    pub generated_at: DateTime<Utc>,
    /// The feed is sample data.
    pub sample: bool,
    /// When the export was written.
    pub exported_at: DateTime<Utc>,
    /// The filters used, in words; empty for none.
    pub filters: Vec<String>,
    /// Internal items are included.
    pub includes_internal: bool,
}

impl Meta {
    /// The facts of an export of `feed`, chosen with `filter` (and the saved view `view`).
    pub fn new(
        feed: &Feed,
        filter: &Filter,
        view: Option<&str>,
        stale_days: i64,
        exported_at: DateTime<Utc>,
        includes_internal: bool,
    ) -> Meta {
        let mut filters = Vec::new();
        if let Some(view) = view {
            // A view's name comes from the config file: cleaned like feed text.
            filters.push(format!(
                "view: {}",
                sanitize::line(view, sanitize::caps::ID)
            ));
        }
        let audience_name = |id: &str| {
            feed.audiences
                .iter()
                .find(|a| a.id == id)
                .map_or_else(|| id.to_owned(), |a| a.name.clone())
        };
        filters.extend(filter.chips(stale_days, theme_name, audience_name));
        Meta {
            title: feed.title.clone(),
            publisher: feed.publisher.clone(),
            generated_at: feed.generated_at,
            sample: feed.sample,
            exported_at,
            filters,
            includes_internal,
        }
    }

    /// The filters in one line, `none` when there are none.
    pub fn filters_line(&self) -> String {
        if self.filters.is_empty() {
            "none".to_owned()
        } else {
            self.filters.join("; ")
        }
    }
}

/// A time as RFC 3339 in UTC, to the second.
pub fn timestamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}
